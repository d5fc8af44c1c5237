"""Property-based tests (hypothesis): the GCJ-02 transform and the URL parser on any input."""

import math
from types import SimpleNamespace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sti_geo.geo.gcj02 import gcj02_to_wgs84, wgs84_to_gcj02
from sti_geo.views.params import fixed_choice
from sti_geo.views.permalink import View, params_from_view, shown, view_from_params

CHINA_LON = st.floats(min_value=73.0, max_value=135.0, allow_nan=False)
CHINA_LAT = st.floats(min_value=4.0, max_value=53.0, allow_nan=False)
ANY_TEXT = st.text(max_size=400)


@settings(max_examples=300, deadline=None)
@given(CHINA_LON, CHINA_LAT)
def test_gcj02_round_trip_anywhere_in_china(lon, lat):
    glon, glat = wgs84_to_gcj02(lon, lat)
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    metres = math.hypot((float(wlon) - lon) * 111_320 * math.cos(math.radians(lat)), (float(wlat) - lat) * 110_540)
    assert metres < 0.01
    shift = math.hypot(float(glon) - lon, float(glat) - lat)
    assert shift < 0.02  # GCJ-02 never moves a point more than ~1 km


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(CHINA_LON, CHINA_LAT), min_size=1, max_size=50))
def test_gcj02_vectorised_equals_scalar(points):
    lon = np.array([p[0] for p in points])
    lat = np.array([p[1] for p in points])
    vx, vy = wgs84_to_gcj02(lon, lat)
    for i, (x, y) in enumerate(points):
        sx, sy = wgs84_to_gcj02(x, y)
        assert float(sx) == vx[i] and float(sy) == vy[i]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["lang", "basemap", "layers", "sel", "view", "district", "x", "<b>"]),
                       ANY_TEXT, max_size=8))
def test_url_parser_never_raises_and_keeps_only_valid_values(params):
    catalog = SimpleNamespace(specs=dict.fromkeys(["parks", "districts"]), index={"gaoqu": None}, token="t")
    view = view_from_params(params, catalog=catalog, basemaps=["offline"],
                            page_params=(fixed_choice("district", ["gaoqu"]),))
    assert view.lang in ("zh", "en")
    assert view.basemap in (None, "offline") and view.selected in (None, "gaoqu")
    assert view.layers is None or set(view.layers) <= {"parks", "districts"}
    assert view.values.get("district") in (None, "gaoqu")
    if view.center is not None:
        assert -85 <= view.center[0] <= 85 and 5 <= view.zoom <= 18
    for notice in view.notices:
        assert "<" not in notice and ">" not in notice


@settings(max_examples=200, deadline=None)
@given(st.floats(-85, 85), st.floats(-180, 180), st.integers(5, 18), st.sampled_from(["zh", "en"]))
def test_url_round_trip(lat, lon, zoom, lang):
    view = View(lang=lang, layers=("parks",), selected="gaoqu", center=(lat, lon), zoom=zoom)
    back = view_from_params(params_from_view(view, default_layers=(), default_basemap="offline"),
                            catalog=SimpleNamespace(specs={"parks": None}, index={"gaoqu": None}, token="t"),
                            basemaps=["offline"])
    assert back.lang == lang and back.layers == ("parks",) and back.selected == "gaoqu" and back.zoom == zoom
    assert abs(back.center[0] - lat) < 1e-5 and abs(back.center[1] - lon) < 1e-5


@given(ANY_TEXT)
def test_shown_is_always_inert(text):
    out = shown(text)
    assert all(c.isascii() and (c.isalnum() or c in "_.,:-?") for c in out.rstrip("…"))
