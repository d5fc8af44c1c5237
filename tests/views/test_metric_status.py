"""The status rule of the Metrics page, on tiny tables and on the real data."""

import pandas as pd
import pytest

from sti_geo.views.metric_status import format_value, indicator_status, status_table


def _rows(*rows):
    return pd.DataFrame([{"indicator_id": "x", "year": r[0], "value": r[1], "kind": r[2], "qualifier": r[3],
                          "year_basis": r[4] if len(r) > 4 else "stated"} for r in rows])


@pytest.mark.parametrize(("rows", "status", "expected"), [
    ([(2020, 10, "actual", ""), (2023, 20, "actual", ""), (2025, 20, "target", "")], "met", None),
    # straight line 10 -> 30 over 2020..2025: 22 expected in 2023; 23 is ahead, 21 behind
    ([(2020, 10, "actual", ""), (2023, 23, "actual", ""), (2025, 30, "target", "")], "on_track", 22.0),
    ([(2020, 10, "actual", ""), (2023, 21, "actual", ""), (2025, 30, "target", "")], "behind", 22.0),
    ([(2023, 21, "actual", ""), (2025, 30, "target", "")], "no_trend", None),
    ([(2025, 30, "target", "")], "no_actual", None),
    ([(2019, 5, "actual", "")], "no_target", None),
    # a year inferred from the document's date never sets a trend ...
    ([(2020, 10, "actual", "", "inferred"), (2023, 21, "actual", ""), (2025, 30, "target", "")], "no_trend", None),
    ([(2020, 10, "actual", ""), (2023, 21, "actual", ""), (2025, 24, "actual", "", "inferred"),
      (2025, 30, "target", "")], "behind", 22.0),
    # ... but a value that reached the target has met it, whatever its exact date
    ([(2019, 5, "actual", ""), (2025, 31, "actual", "", "inferred"), (2025, 30, "target", "")], "met", None),
    # an estimate (预计) is not an actual
    ([(2020, 10, "actual", ""), (2023, 40, "estimate", ""), (2025, 30, "target", "")], "no_trend", None),
    ([(2023, 40, "estimate", ""), (2025, 30, "target", "")], "no_actual", None),
])
def test_rule(rows, status, expected):
    s = indicator_status(_rows(*rows), "x")
    assert s.status == status
    assert s.expected == expected


def test_real_indicators(catalog):
    table = status_table(catalog.metrics)
    rd = table["rd_share"]  # 2.36 at 十三五末 (year inferred), 2.55 in 2023: one stated year, no trend
    assert (rd.status, rd.latest, rd.latest_year, rd.expected) == ("no_trend", 2.55, 2023, None)
    # 超1700 in the 2025 evaluation (no year given: its figures are 2024's); 预计近1700 is no actual
    hitech = table["hitech_enterprises"]
    assert (hitech.status, hitech.latest_qualifier, hitech.latest_year, hitech.latest_year_inferred) == \
        ("met", "超", 2024, True)
    assert table["tech_service_revenue"].status == "no_actual"
    assert table["pro_incubators"].status == "no_trend"  # the 2023 47 counts 省级以上, another definition
    assert {"provincial_incubation_institutions", "provincial_incubation_carriers"} <= set(table)
    assert table["invention_patents_per_10k"].status == "no_target"  # the target is for high-value patents
    assert table["hitech_output_share"].label("en") == "met"


def test_format_value_keeps_the_documents_hedges():
    assert format_value(1700, "超") == "超1700"
    assert format_value(400, "以上") == "400以上" and format_value(500, "多") == "500多"
    assert format_value(75.0, "左右", "en") == "about 75"  # the hedge in English, not "75 (左右)"
    assert format_value(1700, "超", "en") == "over 1700" and format_value(400, "以上", "en") == "400 or more"
    assert format_value(50, "将近", "en") == "nearly 50"
    assert format_value(2.55) == "2.55" and format_value(None) == "—"


def test_two_documents_that_disagree_on_one_year_are_both_kept_and_named():
    from sti_geo.views.metric_status import conflicts

    rows = pd.DataFrame([
        {"indicator_id": "x", "year": 2023, "value": 8, "kind": "actual", "qualifier": "", "source": "a.txt"},
        {"indicator_id": "x", "year": 2023, "value": 7, "kind": "actual", "qualifier": "", "source": "b.txt"},
        {"indicator_id": "x", "year": 2024, "value": 9, "kind": "actual", "qualifier": "", "source": "b.txt"},
        # a partial-year figure is another period, not a conflict
        {"indicator_id": "x", "year": 2024, "value": 5, "kind": "actual", "qualifier": "", "source": "c.txt",
         "period": "2024年1—4月"},
    ])
    assert conflicts(rows) == [("x", 2023, ["8 (a.txt)", "7 (b.txt)"])]


def test_the_real_packs_have_no_unexplained_conflicts(catalog):
    from sti_geo.views.metric_status import conflicts

    assert conflicts(catalog.metrics) == []


def test_a_missing_qualifier_is_no_hedge():
    rows = _rows((2020, 10, "actual", ""), (2023, 20, "actual", ""), (2025, 30, "target", ""))
    rows["qualifier"] = [None, float("nan"), None]  # a pack may leave the field out
    s = indicator_status(rows, "x")
    assert (s.latest_qualifier, s.target_qualifier) == ("", "")


def test_every_unit_and_hedge_of_both_packs_has_an_english_form(catalog):
    import re

    from sti_geo.model.catalog import load_catalog
    from sti_geo.settings import settings_from_env
    from sti_geo.text.glossary import unit_label

    cjk = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
    for metrics in (catalog.metrics, load_catalog(settings_from_env("qingdao")).metrics):
        units = {unit_label(str(u), "en") for u in metrics["unit"]}
        hedges = metrics["qualifier"].fillna("")
        values = {format_value(float(v), str(q), "en") for v, q in zip(metrics["value"], hedges, strict=True)}
        assert [u for u in units if cjk.search(u)] == [] and [v for v in values if cjk.search(v)] == []
    assert unit_label("家", "zh") == "家" and unit_label("亿元", "en") == "100 million yuan"
