"""Point stock folium at local copies of its CDN assets, so the baseline renders with no internet.

Only the URLs change; the baseline keeps every asset folium loads by default. The files come from
npm (package.json devDependencies) and are copied to static/vendor/stock/ by ``copy_stock_assets``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import folium
from folium.plugins import MarkerCluster

from sti_geo.map.assets import NODE_MODULES, VENDOR_DIR, VENDOR_URL

STOCK_DIR = VENDOR_DIR / "stock"
STOCK_URL = f"{VENDOR_URL}/stock"
# folium asset name -> (npm package, path inside it); folium's Bootstrap-3 glyphicons and rotate CSS
# have no npm copy and are left out (cosmetic only).
FILES = {
    "leaflet": ("leaflet", "dist/leaflet.js"),
    "jquery": ("jquery", "dist/jquery.min.js"),
    "bootstrap": ("bootstrap", "dist/js/bootstrap.bundle.min.js"),
    "awesome_markers": ("leaflet.awesome-markers", "dist/leaflet.awesome-markers.js"),
    "leaflet_css": ("leaflet", "dist/leaflet.css"),
    "bootstrap_css": ("bootstrap", "dist/css/bootstrap.min.css"),
    "awesome_markers_font_css": ("@fortawesome/fontawesome-free", "css/all.min.css"),
    "awesome_markers_css": ("leaflet.awesome-markers", "dist/leaflet.awesome-markers.css"),
    "markerclusterjs": ("leaflet.markercluster", "dist/leaflet.markercluster.js"),
    "markerclustercss": ("leaflet.markercluster", "dist/MarkerCluster.css"),
    "markerclusterdefaultcss": ("leaflet.markercluster", "dist/MarkerCluster.Default.css"),
}
FOLDERS = {"leaflet": "dist", "jquery": "dist", "bootstrap": "dist", "leaflet.awesome-markers": "dist",
           "@fortawesome/fontawesome-free": ".", "leaflet.markercluster": "dist"}


def copy_stock_assets() -> None:
    for package, folder in FOLDERS.items():
        src = NODE_MODULES / package / folder
        if not src.is_dir():
            raise SystemExit(f"bench: {src} is missing; run `npm ci` (devDependencies included)")
        dst = STOCK_DIR / package / folder
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.map", "less", "scss", "js", "metadata",
                                                                "sprites", "svgs"))
        if package == "bootstrap":  # its js/ folder is wanted after all
            shutil.copytree(src / "js", dst / "js", dirs_exist_ok=True)
        if package == "jquery":
            shutil.copy2(src / "jquery.min.js", dst / "jquery.min.js")


def _url(name: str) -> str:
    package, path = FILES[name]
    return f"{STOCK_URL}/{package}/{path}"


def use_local_stock_assets() -> None:
    """Swap folium's CDN URLs for the local copies (this process only)."""
    folium.Map.default_js = [(n, _url(n)) for n, _ in folium.Map.default_js if n in FILES]
    folium.Map.default_css = [(n, _url(n)) for n, _ in folium.Map.default_css if n in FILES]
    MarkerCluster.default_js = [(n, _url(n)) for n, _ in MarkerCluster.default_js if n in FILES]
    MarkerCluster.default_css = [(n, _url(n)) for n, _ in MarkerCluster.default_css if n in FILES]


def stock_files_present() -> bool:
    return all((STOCK_DIR / package / path).is_file() for package, path in FILES.values())


__all__ = ["Path", "copy_stock_assets", "stock_files_present", "use_local_stock_assets"]
