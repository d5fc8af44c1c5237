"""The data as the map draws it: simplified, rounded, shifted to GCJ-02 for GCJ-02 tiles.

Display copies only; exports and analysis use the catalog's own geometry. A layer's copy is kept
per data version and basemap, so reruns (every click) reuse it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from ..geo.gcj02 import transform_geometry
from ..model.catalog import Catalog, DataCache
from ..model.specs import BASE_LAND
from .basemaps import OFFLINE, Basemap

MAP_DECIMALS = 5  # ~1 m on screen; the data is not more accurate than that
# Display simplification: invisible at the zooms the app uses, about half the bytes. Coverage (Visvalingam)
# tolerance keeps shared borders shared; Douglas-Peucker's is a distance (~50 m) for everything else.
COVERAGE_SIMPLIFY = 0.001
DISPLAY_SIMPLIFY_DEG = 0.0005


DISPLAY_FALLBACKS = "display_fallbacks"  # frame.attrs: features drawn at full detail (GEOS could not simplify/round)
log = logging.getLogger(__name__)


def display_frame(gdf: gpd.GeoDataFrame, basemap: Basemap, coverage: bool = True) -> gpd.GeoDataFrame:
    """Copy for display: simplified (shared borders kept), GCJ-02-shifted for GCJ-02 tiles, rounded.

    Never raises on valid geometry: GEOS can still fail to simplify or snap a valid but intricate shape
    (slivers, parts touching at a vertex, a shift that makes them touch), and a shape smaller than the
    grid would vanish. Those features are drawn unsimplified / unrounded instead, and their count is
    in ``frame.attrs[DISPLAY_FALLBACKS]``.
    """
    geoms = gdf.geometry.values
    fallbacks = np.zeros(len(geoms), dtype=bool)
    polygonal = bool(len(geoms)) and bool(gdf.geom_type.isin(["Polygon", "MultiPolygon"]).all())
    simplified = None
    if coverage and polygonal:
        try:
            simplified = shapely.coverage_simplify(geoms, COVERAGE_SIMPLIFY)
        except shapely.errors.GEOSException:
            simplified = None
        if simplified is not None and not shapely.is_valid(simplified).all():  # not a coverage (overlaps)
            simplified = None
    if simplified is None:
        simplified, failed = _each(geoms, lambda g: shapely.simplify(g, DISPLAY_SIMPLIFY_DEG,
                                                                     preserve_topology=True))
        fallbacks |= failed
    if basemap.gcj02:
        simplified = np.array([transform_geometry(g, to_gcj02=True) for g in simplified], dtype=object)
    rounded, failed = _each(simplified, lambda g: shapely.set_precision(g, 10.0**-MAP_DECIMALS))
    fallbacks |= failed
    out = gdf.set_geometry(gpd.GeoSeries(rounded, index=gdf.index, crs=gdf.crs))
    out.attrs[DISPLAY_FALLBACKS] = int(fallbacks.sum())
    return out


def _each(geoms: np.ndarray, op: Callable[[Any], Any]) -> tuple[np.ndarray, np.ndarray]:
    """``op`` over the geometries, keeping the input where GEOS fails or ``op`` erases a shape.

    All at once first; one by one only when that raises. A shape smaller than the display grid would
    round to nothing and could no longer be seen or clicked: it keeps its own coordinates too.
    """
    try:
        out = np.asarray(op(geoms), dtype=object)
    except shapely.errors.GEOSException:
        out = np.empty(len(geoms), dtype=object)
        for i, geom in enumerate(geoms):
            try:
                out[i] = op(geom)
            except shapely.errors.GEOSException:
                out[i] = None
    failed = shapely.is_missing(out) | (shapely.is_empty(out) & ~shapely.is_empty(geoms))
    out[failed] = geoms[failed]
    return out, failed


_DISPLAY_CACHE: DataCache[gpd.GeoDataFrame] = DataCache(max_entries=256)


def display_layer(catalog: Catalog, layer_id: str, basemap: Basemap = OFFLINE) -> gpd.GeoDataFrame:
    """The whole layer as drawn on ``basemap``, computed once per data version (the click path reuses it).

    Read-only: callers slice it, never modify it (see :class:`~sti_geo.model.catalog.DataCache`).
    """

    def _build() -> gpd.GeoDataFrame:
        shown = display_frame(catalog.layers[layer_id], basemap)
        if shown.attrs[DISPLAY_FALLBACKS]:  # the pack's own data: worth the operator's attention
            log.warning("%s: %d feature(s) drawn at full detail (GEOS could not simplify or round them)",
                        layer_id, shown.attrs[DISPLAY_FALLBACKS])
        return shown

    return _DISPLAY_CACHE.get(catalog, (layer_id, basemap.id), _build)


def land_geojson(catalog: Catalog, basemap: Basemap = OFFLINE) -> dict[str, Any]:
    """The land layer as drawn: simplified and rounded (also written to static/data by setup)."""
    land = display_frame(catalog.layers[BASE_LAND], basemap)
    return json.loads(land[["id", "geometry"]].to_json(drop_id=True))


def upload_display(frame: gpd.GeoDataFrame, basemap: Basemap = OFFLINE) -> gpd.GeoDataFrame:
    """An uploaded layer (WGS-84, ``id``/``name`` columns) as drawn: simplified, shifted for GCJ-02 tiles."""
    shown = frame[["id", "name", "geometry"]].assign(name_en=frame["name"])
    return display_frame(shown, basemap, coverage=False)
