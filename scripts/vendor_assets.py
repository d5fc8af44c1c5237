"""Copy the Leaflet assets the app serves from node_modules/ (npm ci) into static/vendor/."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sti_geo.assets import LAND_FILE, NODE_MODULES, VENDOR_DIR, VENDOR_FOLDERS, missing_assets


def main() -> int:
    for package, folder in VENDOR_FOLDERS.items():
        src = NODE_MODULES / package / folder
        if not src.is_dir():
            print(f"vendor_assets: {src} is missing; run `npm ci` first", file=sys.stderr)
            return 1
        dst = VENDOR_DIR / package
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.map", "*.md", "*.html", "package.json", "*src*"))
    missing = missing_assets()
    if missing:
        print(f"vendor_assets: still missing {missing}", file=sys.stderr)
        return 1
    print(f"vendor_assets: copied {len(VENDOR_FOLDERS)} packages to {VENDOR_DIR}")
    from sti_geo import load_catalog
    from sti_geo.mapview import land_geojson

    LAND_FILE.parent.mkdir(parents=True, exist_ok=True)
    LAND_FILE.write_text(json.dumps(land_geojson(load_catalog()), separators=(",", ":")), encoding="utf-8")
    print(f"vendor_assets: wrote the display land layer to {LAND_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
