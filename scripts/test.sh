#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: lint, type check, data validation, the map runtime's JavaScript
# (eslint, node --test), unit, AppTest and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/ruff check .
.venv/bin/mypy  # sti_geo/ and sti_app/, configured in pyproject.toml
npx --no-install eslint .  # the map runtime's ES modules (sti_geo/map/js), its tests, eslint.config.mjs
node --test tests/js/  # unit tests of the runtime's pure modules, with node's own runner
for region in $(.venv/bin/python -m sti_geo regions); do
  .venv/bin/python -m sti_geo --region "$region" validate
done
.venv/bin/python scripts/build_geodata.py --all --check
exec .venv/bin/python -m pytest -q "$@"
