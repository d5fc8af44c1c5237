"""Copy the Leaflet assets the app serves from node_modules/ (npm ci) into static/vendor/."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sti_geo.map.assets import (
    BUNDLE,
    NODE_MODULES,
    RUNTIME_ENTRY,
    RUNTIME_GLOBAL,
    VENDOR_DIR,
    VENDOR_FOLDERS,
    bundle_text,
    land_file,
    missing_assets,
    runtime_file,
)


def build_runtime() -> int:
    """Bundle the map's runtime (sti_geo/map/js/*.mjs) into one script defining ``stiMapRuntime`` (esbuild)."""
    esbuild = NODE_MODULES / ".bin" / "esbuild"
    if not esbuild.exists():
        print(f"vendor_assets: {esbuild} is missing; run `npm ci` first", file=sys.stderr)
        return 1
    out = runtime_file()
    done = subprocess.run([str(esbuild), str(RUNTIME_ENTRY), "--bundle", "--format=iife",
                           f"--global-name={RUNTIME_GLOBAL}", "--target=es2019", "--charset=utf8",
                           "--log-level=warning", f"--outfile={out}"], check=False)
    if done.returncode != 0:
        print("vendor_assets: bundling the map runtime failed (see above)", file=sys.stderr)
    return done.returncode


def main() -> int:
    for package, folder in VENDOR_FOLDERS.items():
        src = NODE_MODULES / package / folder
        if not src.is_dir():
            print(f"vendor_assets: {src} is missing; run `npm ci` first", file=sys.stderr)
            return 1
        dst = VENDOR_DIR / package
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.map", "*.md", "*.html", "package.json", "*src*"))
    bundle = VENDOR_DIR / BUNDLE
    bundle.parent.mkdir(parents=True, exist_ok=True)
    bundle.write_text(bundle_text(), encoding="utf-8")
    if build_runtime() != 0:
        return 1
    missing = missing_assets()
    if missing:
        print(f"vendor_assets: still missing {missing}", file=sys.stderr)
        return 1
    print(f"vendor_assets: copied {len(VENDOR_FOLDERS)} packages to {VENDOR_DIR}")
    from sti_geo import DataValidationError, load_catalog
    from sti_geo.map.display import land_geojson
    from sti_geo.settings import list_regions, settings_from_env

    for region in list_regions():
        try:
            catalog = load_catalog(settings_from_env(region))
        except DataValidationError as exc:  # the app shows the problems; its land is then embedded
            print(f"vendor_assets: region {region} does not validate, no static land file:\n{exc}", file=sys.stderr)
            continue
        path = land_file(region)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(land_geojson(catalog), separators=(",", ":")), encoding="utf-8")
        print(f"vendor_assets: wrote the display land layer of {region} to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
