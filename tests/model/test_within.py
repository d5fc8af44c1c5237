"""What lies within: honest about approximate positions, measured in metres, the query as compact text."""

from __future__ import annotations

import math

import pytest
import shapely
from pyproj import Geod

from sti_geo import InputError
from sti_geo.model.within import (
    PARTLY,
    POSSIBLY,
    WITHIN,
    Query,
    _project,
    _status,
    beyond_note,
    measured_area,
    query_from_text,
    query_to_text,
    reaches_beyond,
    regions,
    within,
)

GEOD = Geod(ellps="WGS84")
PLAN = ("districts", "named_areas", "parks", "platforms", "layout_core")


def test_a_point_whose_accuracy_circle_straddles_the_edge_is_only_possibly_within():
    square = shapely.box(-5000, -5000, 5000, 5000)
    point = shapely.Point(4000, 0)
    assert _status(point, 500, square, square) == (WITHIN, 1.0)  # the whole ±0.5 km disc is inside
    assert _status(point, 1500, square, square) == (POSSIBLY, 0.0)  # the ±1.5 km disc crosses the edge
    assert _status(shapely.Point(7000, 0), 1500, square, square) == ("", 0.0)  # never inside
    assert _status(shapely.Point(7000, 0), 2500, square, square) == (POSSIBLY, 0.0)


def test_an_area_reports_the_share_inside():
    square = shapely.box(0, 0, 10, 10)
    status, share = _status(shapely.box(5, 0, 15, 10), 0, square, square)
    assert status == PARTLY and share == pytest.approx(0.5)


@pytest.mark.parametrize("lon", [120.05, 122.9])  # at the edge of the region's UTM zone (51N: 120–126°E), and mid
def test_a_circle_is_measured_in_metres_even_near_the_zone_edge(catalog, lon):
    inner, _ = regions(catalog, query_from_text(catalog, f"c:{lon},36.5,10"))
    from sti_geo.model.within import _to_metres

    forward = _to_metres(catalog)
    for azimuth in range(0, 360, 45):
        for km, inside in ((9.9, True), (10.1, False)):
            x, y, _ = GEOD.fwd(lon, 36.5, azimuth, km * 1000)
            assert inner.contains(shapely.Point(forward(x, y))) is inside, (azimuth, km)


def test_within_k_km_of_an_approximate_feature_is_honest_about_it(catalog):
    core = catalog.feature("core")
    assert core["accuracy_m"] > 10_000  # placed at the city: known to ±104 km
    near = within(catalog, query_from_text(catalog, "f:core,10"), PLAN)
    assert not near.empty and set(near["status"]) == {POSSIBLY}  # nothing is certainly within 10 km of it
    assert "core" not in set(near["id"])  # the query's own feature is not a result
    county = within(catalog, query_from_text(catalog, "f:rongcheng,3"), PLAN)  # a published county outline
    assert WITHIN in set(county["status"])


def test_around_a_place_no_document_locates_nothing_is_certainly_within(catalog):
    # 综保区: a 1.5 km symbol at the city centre; it may lie anywhere in the city
    bonded = catalog.feature("zongbaoqu")
    assert bonded["geometry_basis"] == "schematic" and bonded["outline_m"] >= 100_000
    near = within(catalog, query_from_text(catalog, "f:zongbaoqu,3"), PLAN)
    assert not near.empty and set(near["status"]) == {POSSIBLY}
    inner, outer = regions(catalog, query_from_text(catalog, "f:zongbaoqu,3"))
    assert inner.is_empty and outer.area > 1e10  # possibly anywhere up to 3 km beyond the whole city


def test_a_schematic_area_is_within_only_when_its_uncertain_outline_is(catalog):
    # 高区: one Voronoi cell, two of its towns without a seat: its outline may be off by tens of km
    gaoqu = catalog.feature("gaoqu")
    assert gaoqu["outline_m"] >= 20_000
    lon, lat = gaoqu.geometry.representative_point().coords[0]
    query = query_from_text(catalog, f"c:{lon:.5f},{lat:.5f},20")
    drawn = _project(catalog, gaoqu.geometry)
    inner, _ = regions(catalog, query)
    assert inner.covers(drawn)  # the drawn cell lies inside the circle …
    answer = within(catalog, query, ("districts",)).set_index("id")
    assert answer.loc["gaoqu", "status"] == POSSIBLY  # … but the real zone may reach beyond it
    assert answer.loc["gaoqu", "outline_m"] == gaoqu["outline_m"]
    wide = within(catalog, query_from_text(catalog, f"c:{lon:.5f},{lat:.5f},60"), ("districts",)).set_index("id")
    assert wide.loc["gaoqu", "status"] == WITHIN  # wherever its outline really runs, it is inside 60 km
    # a county outline as published: within as drawn
    jingqu_free = within(catalog, query_from_text(catalog, "c:122.44,37.16,60"), ("districts",)).set_index("id")
    assert jingqu_free.loc["rongcheng", "status"] == WITHIN


def test_each_feature_once_and_in_order(catalog):
    result = within(catalog, query_from_text(catalog, "r:121.9,37.3,122.3,37.6"), ("platforms", "core_system"))
    assert result["id"].is_unique
    order = list(result["status"])
    assert order == sorted(order, key=[WITHIN, PARTLY, POSSIBLY].index)


@pytest.mark.parametrize("text", ["c:122.1,37.5,10", "r:121.9,37.3,122.3,37.6", "f:core,10",
                                  "p:121.9,37.3,122.3,37.3,122.1,37.6"])
def test_text_round_trips(catalog, text):
    assert query_to_text(query_from_text(catalog, text)) == text


def test_the_url_form_is_rounded_to_about_a_metre(catalog):
    query = Query("circle", (122.123456789, 37.5), km=10.000001)
    assert query_to_text(query) == "c:122.12346,37.5,10"


@pytest.mark.parametrize(("text", "message"), [
    ("x:1,2", "expected c:lon,lat,km"),
    ("c:122.1,37.5", "a circle is c:lon,lat,km"),
    ("c:122.1,37.5,0", "radius 0 km"),
    ("c:222.1,37.5,5", "is not a longitude,latitude"),
    ("c:122.1,nan,5", "is not a number"),
    ("r:122.3,37.3,121.9,37.6", "west < east"),
    ("p:121.9,37.3,122.3,37.6,122.3,37.3,121.9,37.6", "crosses itself"),
    ("f:nowhere,5", "a feature id"),
    ("c:", "coordinate is missing"),
    ("c:122.1,37.5,", "coordinate is missing"),
    ("c:١٢٢,37.5,5", "coordinate '١٢٢' is not a number"),
    ("f:zongbaoqu,²", "radius '²' is not a number"),
    ("c:30,10,5", "the circle's centre lies outside lon 119–127°, lat -1–85°, where EPSG:32651 measures"),
    ("r:0,0,10,10", "the rectangle lies wholly outside lon 119–127°"),
])
def test_bad_queries_say_what_is_wrong(catalog, text, message):
    with pytest.raises(InputError, match=message):
        query_from_text(catalog, text)


@pytest.mark.parametrize("text", ["f:core", "f:core,x", "c:", "r:1", "p:1,2"])
def test_a_bad_query_says_it_once_in_its_own_words(catalog, text):
    with pytest.raises(InputError) as caught:
        query_from_text(catalog, text)
    said = str(caught.value)
    assert said.count("query") <= 1 and "convert" not in said and "float" not in said, said


@pytest.mark.parametrize("text", ["r:30,-20,179,84", "r:-180,-85,180,85", "p:100,-80,170,-80,170,84,100,84"])
def test_a_world_sized_query_is_asked_within_the_crs_area_and_says_so(catalog, text):
    query = query_from_text(catalog, text)
    assert reaches_beyond(catalog, query)
    inner, _ = regions(catalog, query)
    assert inner.is_valid and not inner.is_empty and all(map(math.isfinite, inner.bounds))
    found = within(catalog, query, PLAN)
    assert set(found["status"]) == {WITHIN}  # every feature of the city, wholly inside
    assert len(found) == sum(len(catalog.layers[lid]) for lid in PLAN)
    assert "only its part within is asked" in beyond_note(catalog)


def test_a_query_inside_the_crs_area_is_not_clipped(catalog):
    query = query_from_text(catalog, "r:121.9,37.3,122.3,37.6")
    assert not reaches_beyond(catalog, query) and measured_area(catalog).covers(shapely.box(*query.coords))


def test_the_cli_exports_a_world_sized_query_and_notes_it(tmp_path, capsys):
    from sti_geo.cli import main

    assert main(["export", "--layer", "parks", "--within", "r:30,-20,179,84", "--format", "csv",
                 "--out", str(tmp_path / "parks.csv")]) == 0
    assert "only its part within is asked" in capsys.readouterr().err
    assert len((tmp_path / "parks.csv").read_text(encoding="utf-8-sig").splitlines()) > 10


def test_cli_exports_the_answer_with_every_feature_it_reaches(tmp_path, capsys):
    import json

    from sti_geo.cli import main

    out = tmp_path / "near.geojson"
    assert main(["export", "--layer", "districts", "--within", "c:122.12,37.51,10", "--out", str(out)]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    status = {f["properties"]["id"]: (f["properties"]["within_status"], f["properties"]["within_share"])
              for f in features}
    # 高区's drawn cell lies in the circle, but its outline may be off by tens of km: possibly, not within
    assert status["gaoqu"] == (POSSIBLY, 0.0)
    assert "rushan" not in status  # far away: not reached
    seat = tmp_path / "rongcheng.geojson"  # a published county outline: partly within, with its share
    assert main(["export", "--layer", "districts", "--within", "c:122.44,37.16,10", "--out", str(seat)]) == 0
    shares = {f["properties"]["id"]: (f["properties"]["within_status"], f["properties"]["within_share"])
              for f in json.loads(seat.read_text(encoding="utf-8"))["features"]}
    assert shares["rongcheng"][0] == PARTLY and 0 < shares["rongcheng"][1] < 1
    shp = tmp_path / "near.zip"
    assert main(["export", "--layer", "platforms", "--within", "f:core,10", "--format", "shp", "--out", str(shp)]) == 0
    assert main(["export", "--all", "--within", "c:122.1,37.5", "--out", str(tmp_path / "x.gpkg")]) == 2
    assert "a circle is c:lon,lat,km" in capsys.readouterr().err


def test_a_shape_drawn_on_gcj02_tiles_is_shifted_back_to_wgs84(catalog):
    from sti_geo.geo.gcj02 import wgs84_to_gcj02
    from sti_geo.model.within import query_from_gcj02

    lon, lat = wgs84_to_gcj02([122.1], [37.5])
    drawn = Query("circle", (float(lon[0]), float(lat[0])), km=5)
    back = query_from_gcj02(drawn)
    assert back.coords == pytest.approx((122.1, 37.5), abs=1e-5) and back.km == 5
    assert drawn.coords != pytest.approx((122.1, 37.5), abs=1e-4)  # the shift is real (hundreds of metres)
