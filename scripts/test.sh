#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: lint, data validation, unit, AppTest and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/ruff check .
.venv/bin/python -m sti_geo validate
.venv/bin/python scripts/build_geodata.py --check
exec .venv/bin/python -m pytest -q "$@"
