"""The data as the map draws it: simplified, rounded, shifted to GCJ-02 for GCJ-02 tiles.

Display copies only; exports and analysis use the catalog's own geometry. A layer's copy is kept
per data version and basemap, so reruns (every click) reuse it.
"""

from __future__ import annotations

import json
from typing import Any

import geopandas as gpd
import shapely

from .basemaps import Basemap, basemap_by_id
from .catalog import Catalog
from .gcj02 import transform_geometry

MAP_DECIMALS = 5  # ~1 m on screen; the data is not more accurate than that
# Display simplification: invisible at the zooms the app uses, about half the bytes. Coverage (Visvalingam)
# tolerance keeps shared borders shared; Douglas-Peucker's is a distance (~50 m) for everything else.
COVERAGE_SIMPLIFY = 0.001
DISPLAY_SIMPLIFY_DEG = 0.0005


def display_frame(gdf: gpd.GeoDataFrame, basemap: Basemap, coverage: bool = True) -> gpd.GeoDataFrame:
    """Copy for display: simplified (shared borders kept), GCJ-02-shifted for GCJ-02 tiles, rounded."""
    geoms = gdf.geometry
    if coverage and (geoms.geom_type.isin(["Polygon", "MultiPolygon"])).all() and len(geoms):
        simplified = shapely.coverage_simplify(geoms.values, COVERAGE_SIMPLIFY)
        if shapely.is_valid(simplified).all():  # not a coverage (overlaps): simplify each on its own
            geoms = gpd.GeoSeries(simplified, index=gdf.index, crs=gdf.crs)
        else:
            geoms = geoms.simplify(DISPLAY_SIMPLIFY_DEG, preserve_topology=True)
    elif len(geoms):
        geoms = geoms.simplify(DISPLAY_SIMPLIFY_DEG, preserve_topology=True)
    if basemap.gcj02:
        geoms = geoms.apply(lambda g: transform_geometry(g, to_gcj02=True))
    return gdf.set_geometry(geoms.set_precision(10.0**-MAP_DECIMALS))


_DISPLAY_CACHE: dict[tuple[str, str, str], gpd.GeoDataFrame] = {}
_DISPLAY_CACHE_MAX = 256


def display_layer(catalog: Catalog, layer_id: str, basemap_id: str = "offline") -> gpd.GeoDataFrame:
    """The whole layer as drawn on ``basemap_id``, computed once per data version (the click path reuses it).

    Read-only: callers slice it, never modify it. Keyed by the catalog's data token, so a process
    serving several data folders (tests, packs) never mixes them up.
    """
    key = (catalog.token, layer_id, basemap_id)
    cached = _DISPLAY_CACHE.get(key)
    if cached is None or not catalog.token:
        cached = display_frame(catalog.layers[layer_id], basemap_by_id(basemap_id))
        if catalog.token:
            if len(_DISPLAY_CACHE) >= _DISPLAY_CACHE_MAX:
                _DISPLAY_CACHE.clear()
            _DISPLAY_CACHE[key] = cached
    return cached


def land_geojson(catalog: Catalog, basemap_id: str = "offline") -> dict[str, Any]:
    """The land layer as drawn: simplified and rounded (also written to static/data by setup)."""
    land = display_frame(catalog.layers["base_land"], basemap_by_id(basemap_id))
    return json.loads(land[["id", "geometry"]].to_json(drop_id=True))


def upload_display(frame: gpd.GeoDataFrame, basemap_id: str = "offline") -> gpd.GeoDataFrame:
    """An uploaded layer (WGS-84, ``id``/``name`` columns) as drawn: simplified, shifted for GCJ-02 tiles."""
    shown = frame[["id", "name", "geometry"]].assign(name_en=frame["name"])
    return display_frame(shown, basemap_by_id(basemap_id), coverage=False)
