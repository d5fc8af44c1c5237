"""Compare (swipe): the sides' permalink form, every bad link named, the choices and what each side shows."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from sti_geo._errors import InputError
from sti_geo.views.swipe import (
    Compare,
    Side,
    compare_from_text,
    compare_to_text,
    default_compare,
    side_label,
    side_layers,
    side_options,
    side_theme,
)

RANK = "metric:hitech_zone_national_rank"


@pytest.fixture
def two_years(catalog):
    """The catalog with a second (made-up, test-only) year of the district metric, token-less (never cached)."""
    rows = catalog.metrics[catalog.metrics["indicator_id"] == RANK.split(":")[1]]
    later = rows.assign(year=2023, value=rows["value"] - 5, id=rows["id"] + "_test")
    return dataclasses.replace(catalog, metrics=pd.concat([catalog.metrics, later], ignore_index=True), token="")


@pytest.mark.parametrize("text", ["plan,upload", "theme:parks,theme:platforms",
                                  "upload,theme:platforms:孵化载体与双创街区", f"theme:{RANK},plan"])
def test_a_comparison_round_trips(catalog, text):
    assert compare_to_text(compare_from_text(catalog, text)) == text


def test_a_year_is_one_the_measure_has(two_years):
    chosen = compare_from_text(two_years, f"theme:{RANK}@2019,theme:{RANK}@2023", "30")
    assert chosen == Compare(Side("theme", RANK, 2019), Side("theme", RANK, 2023), 30)
    assert compare_to_text(chosen) == f"theme:{RANK}@2019,theme:{RANK}@2023"
    left, right = side_theme(two_years, chosen.left, "zh"), side_theme(two_years, chosen.right, "zh")
    assert left is not None and right is not None and (left.year, right.year) == (2019, 2023)
    assert left.values["gaoqu"] == right.values["gaoqu"] + 5


@pytest.mark.parametrize(("text", "split", "words"), [
    ("plan", "", "give two sides"),
    ("plan,plan", "", "the two sides are the same"),
    ("plan,tiles", "", "a side is plan, upload or theme"),
    ("plan,theme:", "", "a side is plan"),
    ("plan,theme:nonsense", "", "no thematic measure 'nonsense'; choose from parks, platforms"),
    ("plan,theme:parks@2019", "", "'parks' has no year '2019'; it has no years"),
    (f"plan,theme:{RANK}@2020", "", "has no year '2020'; it has 2019"),
    ("plan,upload", "3", "split='3': give a whole per cent from 5 to 95"),
    ("plan,upload", "50.5", "whole per cent"),
])
def test_every_bad_link_is_named(catalog, text, split, words):
    with pytest.raises(InputError) as err:
        compare_from_text(catalog, text, split)
    assert words in str(err.value)


def test_the_choices_offer_the_own_layer_only_when_there_is_one_and_each_year(catalog, two_years):
    assert "upload" not in side_options(catalog, "zh", own=False)
    assert side_options(catalog, "en", own=True)["upload"] == "Own layer"
    options = side_options(two_years, "zh", own=False)
    assert f"theme:{RANK}@2019" in options and f"theme:{RANK}@2023" in options and f"theme:{RANK}" not in options
    assert options["theme:parks"] == "专题:园区数"
    assert f"theme:{RANK}" in side_options(catalog, "zh", own=False)  # one year: no year to choose
    assert side_label(catalog, Side("theme", RANK, 2019), "zh").endswith("· 2019")


def test_compare_starts_with_what_the_user_has(catalog, two_years):
    assert default_compare(catalog, own=True) == Compare(Side("plan"), Side("upload"))
    assert default_compare(catalog, own=False, current_measure="links") == Compare(Side("plan"), Side("theme", "links"))
    assert default_compare(two_years, own=False, current_measure=RANK) == Compare(
        Side("theme", RANK, 2019), Side("theme", RANK, 2023))


def test_each_side_shows_its_layers(catalog):
    plan, own, parks = Side("plan"), Side("upload"), Side("theme", "parks")
    assert side_layers(own, plan, ["parks"], "upload") == ["upload"]  # the own layer alone
    assert side_layers(plan, own, ["parks"], "upload") == ["parks"]  # not on the plan side too
    assert side_layers(plan, parks, ["parks"], "upload") == ["parks", "upload"]
    assert side_layers(parks, plan, ["parks"], None) == ["districts", "parks"]  # a theme needs its districts
    assert side_layers(own, plan, ["parks"], None) == []  # no own layer this session: that side is empty
