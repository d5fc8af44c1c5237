"""Thematic districts: counts from the data, no data apart from zero, reproducible classes."""

from __future__ import annotations

import pandas as pd

from sti_geo.views.thematic import NO_DATA, class_breaks, class_of, legend_rows, measures, theme


def test_a_count_is_what_the_data_places_in_each_district(catalog):
    parks = catalog.layers["parks"]
    chosen = theme(catalog, "parks", "zh")
    for district, value in chosen.values.items():
        assert value == int((parks["district_id"] == district).sum()), district
    assert chosen.city_wide == int((parks["district_id"] == "city").sum())  # counted for no district
    assert chosen.values.min() == 0 and not chosen.values.isna().any()  # none named is 0, a fact


def test_a_metric_without_a_row_is_no_data_not_zero(catalog):
    measure = next(m for m in measures(catalog, "zh") if m.startswith("metric:"))
    chosen = theme(catalog, measure, "zh")
    assert chosen.values.isna().any() and chosen.values.notna().any()
    for district, value in chosen.values.items():
        assert (chosen.colours[district] == NO_DATA) == pd.isna(value)
    assert legend_rows(chosen, "zh")[-1] == (NO_DATA, "无数据")


def test_class_breaks_are_reproducible_and_whole_for_counts():
    counts = pd.Series([0, 3, 5, 4, 8, 3, 3, 6, 0], index=list("abcdefghi"), dtype=float)
    assert class_breaks(counts) == class_breaks(counts.sample(frac=1, random_state=1)) == (2.0, 3.0, 5.0, 6.0, 8.0)
    assert [class_of(v, class_breaks(counts)) for v in (0, 3, 4, 8)] == [0, 1, 2, 4]
    assert class_breaks(pd.Series([1.0, 1.0])) == (1.0,)
    assert class_breaks(pd.Series([0.5, 1.25, 2.0])) == (1.0, 1.5, 2.0)


def test_the_legend_matches_the_colours(catalog):
    chosen = theme(catalog, "industries", "en")
    rows = legend_rows(chosen, "en")
    assert {colour for colour, _ in rows} == set(chosen.colours.values())
    assert rows[0][1].startswith(f"{chosen.values.min():g}")
