"""The display copy never raises on geometry the reader accepted (uploads) or the validator passed (packs).

GEOS can fail to snap a valid but intricate shape to the display grid ("side location conflict",
"unable to assign free hole to a shell"); such features are drawn at full detail and counted.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sti_geo._errors import UploadError
from sti_geo.map.basemaps import available_basemaps
from sti_geo.map.display import DISPLAY_FALLBACKS, MAP_DECIMALS, display_frame, upload_display
from sti_geo.upload.layer import read_upload
from tests.conftest import ROOT

BREAKER = ROOT / "tests" / "data" / "display_breaker.geojson"  # found by a random search; GEOS fails on it
GRID = 10.0**-MAP_DECIMALS
CENTRE = (122.22442, 37.1465)  # where the outsider's polygons that broke the map lay


def _draw_everywhere(data: bytes) -> list[int]:
    """Read an upload and build its display copy for every basemap; the fallback counts."""
    layer = read_upload(data, "mine.geojson")
    counts = []
    for basemap in available_basemaps():
        shown = upload_display(layer.frame, basemap)
        assert len(shown) == len(layer.frame) and not shown.geometry.is_empty.any()
        counts.append(shown.attrs[DISPLAY_FALLBACKS])
    return counts


def test_recorded_polygon_that_broke_every_map_page_is_drawn():
    counts = _draw_everywhere(BREAKER.read_bytes())
    assert max(counts) >= 1  # GEOS could not round it: drawn at full detail, counted, no traceback


def _ring(cx: float, cy: float, radii: list[float], spike: int | None, jitter: list[float]) -> list[list[float]]:
    n = len(radii)
    pts = []
    for i, (r, j) in enumerate(zip(radii, jitter, strict=True)):
        a = 2 * math.pi * i / n
        r = r * (8 if spike == i else 1)  # one long thin spike
        # vertices snapped to the display grid, then nudged by less than a grid cell
        x = round(cx + r * math.cos(a), MAP_DECIMALS) + j * GRID
        y = round(cy + r * math.sin(a), MAP_DECIMALS) + j * GRID
        pts.append([x, y])
    return [*pts, pts[0]]


@st.composite
def polygons(draw) -> dict:
    """Near-degenerate shapes near Weihai: slivers, spikes, parts touching at a vertex, holes near the shell."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        scale = 10 ** draw(st.floats(-4.7, -2.5))
        cx = CENTRE[0] + draw(st.floats(-3, 3)) * scale
        cy = CENTRE[1] + draw(st.floats(-3, 3)) * scale
        n = draw(st.integers(3, 14))
        radii = [scale * r for r in draw(st.lists(st.floats(0.02, 1), min_size=n, max_size=n))]
        if draw(st.booleans()):  # a sliver: squash one axis
            radii = [r * (0.01 if i % 2 else 1) for i, r in enumerate(radii)]
        spike = draw(st.one_of(st.none(), st.integers(0, n - 1)))
        jitter = draw(st.lists(st.floats(-0.49, 0.49), min_size=n, max_size=n))
        shell = _ring(cx, cy, radii, spike, jitter)
        holes = []
        if draw(st.booleans()):  # a hole that may touch or cross the shell (make_valid in the reader sorts it)
            holes.append(_ring(cx, cy, [r * draw(st.floats(0.3, 1.05)) for r in radii[:4]] or [scale / 2] * 3,
                               None, [0.0] * min(4, n)))
        parts.append(shapely.Polygon(shell, holes))
    if draw(st.booleans()) and len(parts) > 1:  # two parts sharing a vertex exactly
        x, y = parts[0].exterior.coords[0]
        parts[1] = shapely.Polygon([(x, y), (x + 3 * GRID, y + GRID), (x + GRID, y + 3 * GRID)])
    geom = shapely.GeometryCollection(parts) if draw(st.booleans()) else shapely.MultiPolygon(parts)
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {"name": "p"}, "geometry": geom.__geo_interface__}]}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(polygons())
@example(json.loads(BREAKER.read_text()))
def test_any_accepted_polygon_gets_a_display_copy_on_every_basemap(collection):
    data = json.dumps(collection).encode()
    try:
        read_upload(data, "mine.geojson")
    except UploadError:
        return  # refused with a message (e.g. it collapsed to nothing): nothing to draw
    _draw_everywhere(data)


@pytest.mark.parametrize("basemap", [b.id for b in available_basemaps()])
def test_every_plan_layer_has_a_display_copy(catalog, basemap):
    for layer_id, gdf in catalog.layers.items():
        shown = display_frame(gdf, next(b for b in available_basemaps() if b.id == basemap))
        assert len(shown) == len(gdf), layer_id
        assert shown.attrs[DISPLAY_FALLBACKS] == 0, layer_id  # the packs' own data simplifies cleanly
        assert np.isfinite(shapely.get_coordinates(shown.geometry.values)).all()
