#!/usr/bin/env bash
# Install what the app needs into .venv and static/vendor. Idempotent.
# Usage: scripts/setup.sh [--dev]   (--dev adds test tools and Debian's chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
dev=0; [ "${1:-}" = "--dev" ] && dev=1
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv 2>/dev/null || {
    echo "setup: python3 -m venv failed; installing Debian's python3-venv" >&2
    as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv
    rm -rf .venv && python3 -m venv .venv
  }
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
if [ "$dev" = 1 ]; then req=requirements-dev.txt; else req=requirements.txt; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r "$req"

npm ci --no-audit --no-fund --loglevel=error
.venv/bin/python scripts/vendor_assets.py

# printing the map draws Chinese with a CJK TrueType font (its text stays searchable in the PDF)
if ! dpkg -s fonts-wqy-zenhei >/dev/null 2>&1; then
  echo "setup: installing Debian's fonts-wqy-zenhei (the print's Chinese font)" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq fonts-wqy-zenhei
fi

if [ "$dev" = 1 ]; then
  missing=()
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)  # printed PDFs read back as a user would
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)   # browser tests
  command -v ogrinfo >/dev/null 2>&1 || missing+=(gdal-bin)    # export round-trips through GDAL's own tools
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)  # screenshots show Chinese, not boxes
  # exports are opened in real QGIS (Debian's, headless) by tests/export/test_qgis.py
  dpkg -s python3-qgis >/dev/null 2>&1 || missing+=(python3-qgis qgis-providers)
  # publish --db is tested against a throwaway PostgreSQL + PostGIS cluster (tests/pg.py)
  dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1 || missing+=(postgresql-15 postgresql-15-postgis-3)
  # several app processes behind a real proxy (python -m sti_app.cluster, tests/deploy/)
  command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian's ${missing[*]}" >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
  fi
fi
