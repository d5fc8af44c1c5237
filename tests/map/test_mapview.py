"""Map HTML: local assets only, hostile text inert, tooltips carry ids, legend follows the layers."""

from __future__ import annotations

import json
import re

import pytest

from sti_geo import InputError
from sti_geo.map import basemaps, click, display, leaflet, legend, mapview
from sti_geo.map.basemaps import BASEMAPS, TIANDITU_KEY_ENV, available_basemaps, basemap_by_id

URL = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


def _html(catalog, layers=("districts", "parks", "platforms", "layout_belt"), basemap="offline"):
    fmap = mapview.base_map(catalog, basemap_by_id(basemap))
    for lid in layers:
        mapview.overlay_group(catalog, lid, basemap=basemap_by_id(basemap)).add_to(fmap)
    return fmap.get_root().render()


def test_offline_map_loads_only_local_assets(catalog):
    html = _html(catalog)
    urls = URL.findall(html)
    assert urls, "no assets at all?"
    assert all(u.startswith("/app/static/vendor/") for u in urls), [u for u in urls if "vendor" not in u]
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert set(scripts) == {"/app/static/vendor/sti-bundle/leaflet-all.js"}  # one file, one request
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()
    assert "tile.openstreetmap" not in html


def test_online_basemaps_add_tiles_only_when_chosen(catalog):
    assert "tile.openstreetmap.org" in _html(catalog, layers=(), basemap="osm")
    assert "autonavi" in _html(catalog, layers=(), basemap="amap")


def test_amap_shifts_overlays_to_gcj02(catalog):
    wgs = mapview.overlay_data(catalog.layers["parks"].iloc[:1], "zh")
    g = display.display_frame(catalog.layers["parks"].iloc[:1], basemap_by_id("amap"))
    gcj = mapview.overlay_data(g, "zh")
    (x0, y0), (x1, y1) = (wgs["features"][0]["geometry"]["coordinates"], gcj["features"][0]["geometry"]["coordinates"])
    assert 0.004 < x1 - x0 < 0.006 and 0 < y1 - y0 < 0.0015  # ~430 m east, ~50-100 m north
    # the canonical data itself is untouched
    assert catalog.layers["parks"].iloc[0].geometry.x == pytest.approx(x0, abs=1e-5)


def test_tianditu_needs_a_key(monkeypatch):
    monkeypatch.delenv(TIANDITU_KEY_ENV, raising=False)
    assert "tianditu" not in [b.id for b in available_basemaps()]
    with pytest.raises(InputError):
        basemap_by_id("tianditu")
    monkeypatch.setenv(TIANDITU_KEY_ENV, "abc123")
    assert "tk=abc123" in basemap_by_id("tianditu").tiles_url
    assert set(BASEMAPS) == {"offline", "osm", "carto", "amap", "tianditu"}


def test_tooltip_escapes_the_name_and_the_id_travels_in_the_properties(catalog):
    tip = click.tooltip_html('<img src=x onerror="alert(1)">`${x}`')
    assert "<img" not in tip and "&lt;img" in tip
    props = mapview.overlay_data(catalog.layers["parks"].iloc[:1], "zh")["features"][0]["properties"]
    assert props["id"] == catalog.layers["parks"].iloc[0]["id"] and props["id"] not in props["_tip"]


@pytest.mark.parametrize(("value", "expected"), [
    ({"event": "click", "id": "p_x", "seq": 3}, click.MapEvent("click", 3, feature_id="p_x")),
    ({"event": "move", "center": {"lat": 37.123456, "lng": 122.1}, "zoom": 9, "seq": 4},
     click.MapEvent("move", 4, center=(37.12346, 122.1), zoom=9)),
    ({"event": "move", "center": {"lat": 37, "lng": 122}, "zoom": 9, "seq": 5,
      "asked": {"center": [37.5, 122.5], "zoom": 8}},
     click.MapEvent("move", 5, center=(37.0, 122.0), zoom=9, asked=((37.5, 122.5), 8))),
    ({"event": "click", "id": "<script>", "seq": 1}, None),
    ({"event": "click", "id": "p_x"}, None),
    ({"event": "move", "center": {"lat": "nan", "lng": 1}, "zoom": 9, "seq": 1}, None),
    ({"event": "move", "center": None, "zoom": 9, "seq": 1}, None),
    # the browser is not trusted: numbers are JSON numbers on the map's ranges, not text float() takes
    ({"event": "move", "center": {"lat": "١٢", "lng": "122"}, "zoom": 9, "seq": 1}, None),
    ({"event": "move", "center": {"lat": 37, "lng": 122}, "zoom": "9", "seq": 1}, None),
    ({"event": "move", "center": {"lat": 1e9, "lng": 122}, "zoom": 9, "seq": 1}, None),
    ({"event": "move", "center": {"lat": 37, "lng": 122}, "zoom": True, "seq": 1}, None),
    ({"event": "move", "center": {"lat": 37, "lng": 122}, "zoom": 1e300, "seq": 1}, None),
    ({"event": "move", "center": {"lat": 37, "lng": 122}, "zoom": 9.6, "seq": 6},
     click.MapEvent("move", 6, center=(37.0, 122.0), zoom=9)),
    ({"event": "move", "center": {"lat": 37, "lng": 122}, "zoom": 9, "seq": 7,
      "asked": {"center": ["1", 2], "zoom": 8}},
     click.MapEvent("move", 7, center=(37.0, 122.0), zoom=9)),
    ({"event": "drag", "seq": 1}, None),
    ("click", None),
    (None, None),
])
def test_map_events_are_read_strictly(value, expected):
    assert click.event_from_value(value) == expected


def test_hostile_feature_name_is_inert_in_the_map(catalog):
    gdf = catalog.layers["parks"].iloc[:1].copy()
    gdf["name"] = '</script><script>alert(1)</script>"><img src=x onerror=alert(2)>\u202e'
    data = mapview.overlay_data(gdf, "zh")
    js = leaflet._js_json(data)
    assert "</script>" not in js and "<script>" not in js and "<img" not in js
    assert json.loads(js.replace("<\\/", "</"))["features"][0]["properties"]["_tip"].startswith("<b>&lt;/script&gt;")


def test_overlays_carry_what_the_browser_needs_for_a_click(catalog):
    parks = mapview.overlay_group(catalog, "parks")
    overlay = next(iter(parks._children.values()))
    data = json.loads(overlay.data_json.replace("<\\/", "</"))
    nuclear = next(f["properties"] for f in data["features"] if f["properties"]["id"] == "p_rc_nuclear")
    assert nuclear["_acc"] == int(catalog.feature("p_rc_nuclear")["accuracy_m"])
    assert 'data-feature="p_rc_nuclear"' in nuclear["_pop"] and "±" in nuclear["_pop"]
    assert overlay.data_json.count('"Feature"') == len(catalog.layers["parks"])
    assert json.loads(overlay.options_json)["cluster"] is True
    districts = next(iter(mapview.overlay_group(catalog, "districts")._children.values()))
    assert json.loads(districts.options_json)["cluster"] is False


def test_in_map_panel_is_inert(catalog):
    from sti_geo.map.popup import popup_html
    from sti_geo.views.details import feature_details
    details = feature_details(catalog, "p_rc_nuclear", "zh")
    details.name = '<img src=x onerror="alert(1)">'
    details.industries = ["<b>x</b>"] * 8
    html = popup_html(details, "zh")
    assert "<img" not in html and "&lt;img" in html and "<b>x" not in html and "+2" in html


def test_legend_lists_exactly_the_visible_layers_and_says_schematic(catalog):
    html = legend.legend_html(catalog, ["parks", "layout_belt"], "zh")
    assert re.findall(r'data-layer="([^"]+)"', html) == ["parks", "layout_belt"]
    assert "示意" in html
    en = legend.legend_html(catalog, ["districts"], "en")
    assert "schematic" in en.lower() and "Districts" in en


def test_land_from_a_static_file_stays_out_of_the_page(catalog):
    embedded = mapview.base_map(catalog).get_root().render()
    fetched = mapview.base_map(catalog, land_url="/app/static/data/land.json").get_root().render()
    assert 'fetch("/app/static/data/land.json")' in fetched
    assert len(embedded) - len(fetched) > 100_000  # the land no longer rides along with every rerun
    land = display.land_geojson(catalog)
    assert land["type"] == "FeatureCollection" and len(json.dumps(land)) < 200_000


def test_display_simplification_keeps_shared_borders(catalog):
    shown = display.display_frame(catalog.layers["districts"], basemaps.basemap_by_id("offline"))
    assert shown.is_valid.all()
    original = catalog.layers["districts"].geometry
    assert sum(len(g.__geo_interface__["coordinates"]) for g in shown.geometry) > 0
    import shapely
    assert shapely.get_num_coordinates(shown.geometry.values).sum() < 0.6 * shapely.get_num_coordinates(
        original.values).sum()
    # neighbours still meet: the shared border of 文登区 and 南海新区 has no gap
    wendeng, nanhai = (shown.set_index("id").loc[i, "geometry"] for i in ("wendeng", "nanhai"))
    assert wendeng.intersection(nanhai).length > 0.05
    assert wendeng.intersection(nanhai).area < 1e-6


def test_the_script_bundle_holds_leaflet_and_every_plugin_in_order():
    from sti_geo.map import assets
    text = assets.bundle_text()
    starts = [text.index(f"/* {pkg}/{file} ") for pkg, file in assets.JS.values()]
    assert starts == sorted(starts) and starts[0] == 0  # Leaflet first: the plugins extend L
    for needle in ("L.MarkerClusterGroup", "Control.FullScreen", "L.Control.MiniMap", "Control.Measure"):
        assert needle in text, needle
    assert not assets.missing_assets(), "setup writes the bundle beside the copied packages"


def test_a_drawn_shape_arrives_as_query_text_and_nothing_else():
    from sti_geo.map.click import event_from_value

    event = event_from_value({"event": "query", "text": "r:121.98,37.42,122.25,37.56", "seq": 4})
    assert event is not None and event.kind == "query" and event.query == "r:121.98,37.42,122.25,37.56"
    for hostile in ("r:1,2<script>", "f:core,10", "c:" + "1," * 900, 7):
        assert event_from_value({"event": "query", "text": hostile, "seq": 5}) is None


def test_the_draw_control_is_offered_only_where_asked(catalog):
    plain = mapview.base_map(catalog).get_root().render()
    drawing = mapview.base_map(catalog, draw=True).get_root().render()
    assert "leaflet.draw.css" in drawing and "leaflet.draw.css" not in plain
    assert '"draw": true' in drawing.replace('"draw":true', '"draw": true')


def test_the_swipe_control_is_offered_only_where_asked_and_the_divider_reports_a_whole_per_cent(catalog):
    plain = mapview.base_map(catalog).get_root().render()
    comparing = mapview.base_map(catalog, compare=True).get_root().render()
    assert "leaflet-compare.css" in comparing and "leaflet-compare.css" not in plain
    event = click.event_from_value({"event": "split", "value": 35, "seq": 9})
    assert event is not None and event.kind == "split" and event.split == 35
    for bad in (4, 96, 35.5, "35", True, None):
        assert click.event_from_value({"event": "split", "value": bad, "seq": 9}) is None, bad


def test_the_state_element_carries_the_right_side_escaped():
    from html import unescape

    right = {"layers": ["districts"], "theme": None, "split": 40,
             "labels": ["规划图层", '<img src=x onerror=alert(1)>']}
    html = mapview.map_state_html("overview", ["parks"], None, compare=right)
    assert "<img" not in html and "&lt;img" in html
    payload = json.loads(unescape(html.split('data-state="')[1].split('"')[0]))
    assert payload["compare"] == right and payload["layers"] == ["parks"]
