"""Front-end assets served from the app's own origin (no CDN).

The setup command installs the npm packages in package.json and
scripts/vendor_assets.py copies the folders below into ``static/vendor/``,
which Streamlit serves at ``/app/static/`` (``server.enableStaticServing``).
"""

from __future__ import annotations

from pathlib import Path

from ..settings import REPO_ROOT

VENDOR_URL = "/app/static/vendor"
VENDOR_DIR = REPO_ROOT / "static" / "vendor"
# The offline land layer of each region pack as drawn, written by setup so browsers fetch (and cache) it once.
LAND_DIR = REPO_ROOT / "static" / "data"
LAND_URL_ROOT = "/app/static/data"


def land_file(region: str) -> Path:
    """Where setup writes the region's static land GeoJSON."""
    return LAND_DIR / f"land-{region}.json"


def land_url(region: str) -> str:
    """The URL the map fetches the region's land file from (the app's own origin)."""
    return f"{LAND_URL_ROOT}/land-{region}.json"
NODE_MODULES = REPO_ROOT / "node_modules"

# npm package -> the folder of it that is copied (with its images) to static/vendor/<package>/
VENDOR_FOLDERS: dict[str, str] = {
    "leaflet": "dist",
    "leaflet.markercluster": "dist",
    "leaflet.fullscreen": ".",
    "leaflet-minimap": "dist",
    "leaflet-measure": "dist",
    "leaflet-draw": "dist",
    "leaflet-compare": "dist",
}

# asset name -> (npm package, file inside the copied folder)
JS: dict[str, tuple[str, str]] = {
    "leaflet": ("leaflet", "leaflet.js"),
    "markercluster": ("leaflet.markercluster", "leaflet.markercluster.js"),
    "fullscreen": ("leaflet.fullscreen", "Control.FullScreen.js"),
    "minimap": ("leaflet-minimap", "Control.MiniMap.min.js"),
    "measure": ("leaflet-measure", "leaflet-measure.min.js"),
    "draw": ("leaflet-draw", "leaflet.draw.js"),
    "compare": ("leaflet-compare", "leaflet-compare.js"),
}
CSS: dict[str, tuple[str, str]] = {
    "leaflet_css": ("leaflet", "leaflet.css"),
    "markercluster_css": ("leaflet.markercluster", "MarkerCluster.css"),
    "markercluster_default_css": ("leaflet.markercluster", "MarkerCluster.Default.css"),
    "fullscreen_css": ("leaflet.fullscreen", "Control.FullScreen.css"),
    "minimap_css": ("leaflet-minimap", "Control.MiniMap.min.css"),
    "measure_css": ("leaflet-measure", "leaflet-measure.css"),
    "draw_css": ("leaflet-draw", "leaflet.draw.css"),
    "compare_css": ("leaflet-compare", "leaflet-compare.css"),
}


# Leaflet and every plugin in one file, written by setup (scripts/vendor_assets.py) from the npm packages
# in this order: the map's scripts arrive in one request instead of five loaded one after another.
BUNDLE = "sti-bundle/leaflet-all.js"
# The map's runtime: the ES modules of sti_geo/map/js/ bundled by setup (esbuild, from npm) into one script
# that defines ``stiMapRuntime``; each map's HTML carries it inline (see leaflet.MapRuntime).
RUNTIME_SOURCES = Path(__file__).with_name("js")
RUNTIME_ENTRY = RUNTIME_SOURCES / "runtime.mjs"
RUNTIME = "sti-bundle/sti_map.js"
RUNTIME_GLOBAL = "stiMapRuntime"


def runtime_file(vendor_dir: Path = VENDOR_DIR) -> Path:
    """Where setup writes the bundled runtime."""
    return vendor_dir / RUNTIME


def asset_url(name: str) -> str:
    """URL path of a JS or CSS asset, e.g. ``/app/static/vendor/leaflet/leaflet.css``."""
    package, file = JS.get(name) or CSS[name]
    return f"{VENDOR_URL}/{package}/{file}"


def js(*names: str) -> list[tuple[str, str]]:
    """folium-style ``default_js`` list: every script is in the bundle (listed once however many ask)."""
    unknown = [n for n in names if n not in JS]
    if unknown:
        raise KeyError(unknown)
    return [(n, f"{VENDOR_URL}/{BUNDLE}") for n in names]


def bundle_text(node_modules: Path = NODE_MODULES) -> str:
    """The bundle's text: each npm file of ``JS`` in order, separated so that none runs into the next."""
    parts = []
    for package, file in JS.values():
        src = node_modules / package / VENDOR_FOLDERS[package] / file
        parts.append(f"/* {package}/{file} (npm, see its licence in node_modules/{package}) */\n"
                     + src.read_text(encoding="utf-8"))
    return "\n;\n".join(parts) + "\n"


def css(*names: str) -> list[tuple[str, str]]:
    """folium-style ``default_css`` list for the named assets."""
    return [(n, asset_url(n)) for n in names]


def missing_assets(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """Asset files that are not in ``vendor_dir`` (empty when setup has run)."""
    wanted = [f"{pkg}/{file}" for pkg, file in [*JS.values(), *CSS.values()]] + [BUNDLE, RUNTIME]
    return [path for path in wanted if not (vendor_dir / path).is_file()]
