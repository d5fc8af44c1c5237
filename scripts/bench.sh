#!/usr/bin/env bash
# Set up (if needed) and run the benchmark: the app against a naive stock-folium page, in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
exec .venv/bin/python bench/run.py "$@"
