"""Facets: the text form, what each keeps, counts, and the same filter on exports and the CLI."""

from __future__ import annotations

import json

import pytest

from sti_geo import InputError
from sti_geo.cli import main
from sti_geo.export.bundle import Selection, select_layers
from sti_geo.model.filters import (
    FACET_BY_KEY,
    facet_values,
    feature_mask,
    hidden_ids,
    shown_count,
    value_label,
    where_from_text,
    where_to_text,
)


def test_text_form_round_trips_in_facet_order(catalog):
    where = where_from_text(catalog, " level=省级,国家级 ; platform_type=实验室;level=国家级")
    assert where == {"level": ("国家级", "省级"), "platform_type": ("实验室",)}  # values in the data's order
    assert where_to_text(where) == "platform_type=实验室;level=国家级,省级"
    assert where_from_text(catalog, "") == {}


def test_every_problem_is_reported_at_once(catalog):
    with pytest.raises(InputError) as err:
        where_from_text(catalog, "colour=red;level=县级;district=")
    text = str(err.value)
    assert "'colour=red'" in text and "'县级'" in text and "district: unknown value(s) (none given)" in text


def test_national_or_provincial_labs_and_centres_are_what_the_data_says(catalog):
    where = where_from_text(catalog, "platform_type=实验室,技术创新中心;level=国家级,省级")
    platforms = catalog.layers["platforms"]
    kept = platforms[feature_mask(catalog, platforms, where)]
    assert set(kept["platform_type"]) <= {"实验室", "技术创新中心"} and set(kept["level"]) <= {"国家级", "省级"}
    expected = platforms[platforms["platform_type"].isin(["实验室", "技术创新中心"])
                         & platforms["level"].isin(["国家级", "省级"])]
    assert sorted(kept["id"]) == sorted(expected["id"]) and len(kept) >= 3
    parks = catalog.layers["parks"]  # no platform type: the facet leaves parks alone
    assert feature_mask(catalog, parks, where).all()


def test_industry_facet_counts_a_clusters_chains(catalog):
    hosts = set(catalog.links[catalog.links["industry"].isin(
        {"ind_medicine", *catalog.industries[catalog.industries["parent"] == "ind_medicine"]["id"]})]["feature"])
    where = {"industry": ("ind_medicine",)}
    kept = {fid for lid in ("parks", "platforms") for fid in catalog.layers[lid]["id"]} - set(
        hidden_ids(catalog, ["parks", "platforms"], where))
    assert kept and kept <= hosts  # every kept feature hosts the cluster or one of its chains
    assert value_label(catalog, FACET_BY_KEY["industry"], "ind_medicine", "en") == "New medicine and medical devices"


def test_counts_take_a_feature_in_two_layers_once(catalog):
    # core_system is a view of the platforms: its members count once
    assert facet_values(catalog, FACET_BY_KEY["system"]) == {"1+4+N: 4": 4, "1+4+N: 1": 1}
    total = len(set(catalog.layers["platforms"]["id"]) | set(catalog.layers["core_system"]["id"]))
    assert shown_count(catalog, ["platforms", "core_system"], {}) == (total, total)
    assert shown_count(catalog, ["platforms", "core_system"], {"system": ("1+4+N: 1",)}) == (1, total)


def test_filters_compose_with_the_district_and_industry_export_filters(catalog):
    layers = select_layers(catalog, Selection(industry="ind_medicine", where="level=省级"))
    ids = {fid for gdf in layers.values() for fid in gdf["id"]}
    assert ids and all(catalog.feature(fid)["level"] == "省级" for fid in ids if "level" in catalog.feature(fid))
    district = select_layers(catalog, Selection(district="huancui", where="platform_type=研究院所"))
    assert all((gdf["district_id"] == "huancui").all() or lid == "districts" for lid, gdf in district.items())
    with pytest.raises(InputError, match="nothing to export"):
        select_layers(catalog, Selection(layer="platforms", where="park_type=农业科技园区", district="zongbaoqu"))


def test_cli_exports_only_what_the_where_keeps(catalog, tmp_path, capsys):
    out = tmp_path / "labs.geojson"
    assert main(["export", "--layer", "platforms", "--where", "platform_type=实验室", "--where", "level=国家级,省级",
                 "--out", str(out)]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert features and {f["properties"]["platform_type"] for f in features} == {"实验室"}
    assert {f["properties"]["level"] for f in features} <= {"国家级", "省级"}
    assert main(["export", "--all", "--where", "level=县级", "--out", str(tmp_path / "x.gpkg")]) == 2
    assert "level: unknown value(s) '县级'; one of: 国家级, 省级, 市级" in capsys.readouterr().err
    assert main(["facets"]) == 0
    listing = capsys.readouterr().out
    assert "platform_type" in listing and "国家级" in listing and "National level" in listing


def test_counts_are_per_kind_and_follow_the_other_facets(catalog):
    from sti_geo.model.filters import facet_counts

    layers = ("districts", "parks", "platforms")
    district = FACET_BY_KEY["district"]
    plain = facet_counts(catalog, district, layers, {})["huancui"]
    parks, platforms = (catalog.layers[lid] for lid in ("parks", "platforms"))
    assert plain == {"parks": int((parks["district_id"] == "huancui").sum()),
                     "platforms": int((platforms["district_id"] == "huancui").sum()), "areas": 1}
    labs = facet_counts(catalog, district, layers, {"platform_type": ("实验室",)})["huancui"]
    want = int(((platforms["district_id"] == "huancui") & (platforms["platform_type"] == "实验室")).sum())
    assert labs["platforms"] == want < plain["platforms"]  # what choosing 环翠区 would show, given the labs
    assert labs["parks"] == plain["parks"]  # the platform facet leaves the parks alone
    # a facet's own choice does not narrow its own counts (the other districts stay choosable with their counts)
    assert facet_counts(catalog, district, layers, {"district": ("wendeng",)})["huancui"] == plain
    by_type = facet_counts(catalog, FACET_BY_KEY["platform_type"], layers, {"district": ("huancui",)})
    assert sum(c.get("platforms", 0) for c in by_type.values()) == plain["platforms"]


def test_kind_counts_read_in_each_language():
    from sti_geo.text.i18n import kind_counts

    assert kind_counts({"parks": 3, "platforms": 1}, "zh") == "园区 3 · 平台 1"
    assert kind_counts({"parks": 3, "platforms": 1}, "en") == "3 parks · 1 platform"
    assert (kind_counts({}, "zh"), kind_counts({}, "en")) == ("无", "none")
