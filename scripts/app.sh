#!/usr/bin/env bash
# Set up (if needed) and run the app on the bundled data: http://localhost:${PORT:-8501}
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m sti_app.serve --server.port "${PORT:-8501}" "$@"
