"""Names on the map: which layers carry labels, where they sit, and that they travel as plain text."""

from __future__ import annotations

import json

import shapely

from sti_geo.map import assets, leaflet, mapview
from sti_geo.map.labels import LABEL_MAX_CHARS, label_point, label_text


def _overlay(catalog, lid, lang="zh"):
    overlay = next(iter(mapview.overlay_group(catalog, lid, lang=lang)._children.values()))
    data = json.loads(overlay.data_json.replace("<\\/", "</"))
    return {f["properties"]["id"]: f["properties"] for f in data["features"]}, json.loads(overlay.options_json)


def test_districts_are_named_always_in_the_page_language(catalog):
    zh, options = _overlay(catalog, "districts")
    assert zh["rongcheng"]["_lbl"] == "荣成市" and options["label"] == {"minZoom": 0, "priority": 4}
    en, _ = _overlay(catalog, "districts", "en")
    assert en["rongcheng"]["_lbl"] == catalog.feature("rongcheng")["name_en"]
    lon, lat = en["rongcheng"]["_lpt"]
    assert catalog.feature("rongcheng").geometry.contains(shapely.Point(lon, lat))


def test_a_one_element_layer_says_the_element_and_wins_collisions(catalog):
    core, options = _overlay(catalog, "layout_core")
    (props,) = core.values()
    assert props["_lbl"].startswith("一核") and options["label"]["priority"] > 4
    belt, belt_options = _overlay(catalog, "layout_belt")
    assert next(iter(belt.values()))["_lbl"].startswith("一带") and belt_options["label"]["priority"] == 5


def test_layout_points_stay_in_front_unclustered_unless_they_share_a_position(catalog):
    _, core = _overlay(catalog, "layout_core")
    _, cores = _overlay(catalog, "layout_ocean_cores")
    _, system = _overlay(catalog, "core_system")  # the 1+4+N nodes all sit on the city's anchor
    _, parks = _overlay(catalog, "parks")
    assert (core["cluster"], core["front"]) == (False, True) and (cores["cluster"], cores["front"]) == (False, True)
    assert system["cluster"] is True and parks["cluster"] is True and parks["front"] is False
    assert parks["label"] == {"minZoom": 11, "priority": 2}


def test_base_layers_carry_no_labels(catalog):
    data = mapview.overlay_data(catalog.layers["base_boundaries"], "zh")
    assert all("_lbl" not in f["properties"] for f in data["features"])


def test_label_points_sit_in_the_largest_part_and_on_the_line():
    big, small = shapely.box(0, 0, 10, 10), shapely.box(20, 0, 21, 1)
    x, y = label_point(shapely.MultiPolygon([small, big]))
    assert big.contains(shapely.Point(x, y))
    ring = shapely.Point(0, 0).buffer(10).difference(shapely.Point(0, 0).buffer(8))  # centroid outside the area
    assert ring.contains(shapely.Point(*label_point(ring)))
    assert label_point(shapely.LineString([(0, 0), (10, 0)])) == (5.0, 0.0)
    assert label_point(shapely.Point(1, 2)) is None


def test_long_names_are_cut_and_hostile_names_travel_as_text(catalog):
    assert len(label_text("长" * 80)) == LABEL_MAX_CHARS and label_text("a\n  b") == "a b"
    # the longest English name of a zone is whole (the map wraps it): "…" only past LABEL_MAX_CHARS
    assert label_text("China-Korea FTA Local Economic Cooperation Demonstration Zone").endswith("Zone")
    gdf = catalog.layers["districts"].iloc[:1].copy()
    gdf["name"] = '</script><img src=x onerror=alert(1)>'
    data = mapview.overlay_data(gdf, "zh", labels=list(gdf["name"]))
    js = leaflet._js_json(data)
    assert "<" not in js  # nothing in the script can close it or open a tag
    label = json.loads(js)["features"][0]["properties"]["_lbl"]
    assert label == gdf["name"].iloc[0]  # the runtime sets it with textContent: shown as typed, never parsed
    runtime = leaflet.runtime_js()  # the bundle as sent, and each of its modules
    assert "textContent = text" in runtime and ".innerHTML" not in runtime
    assert not [p.name for p in assets.RUNTIME_SOURCES.glob("*.mjs") if ".innerHTML" in p.read_text(encoding="utf-8")]
