"""The status rule of the Metrics page, on tiny tables and on the real data."""

import pandas as pd
import pytest

from sti_geo.views.metric_status import format_value, indicator_status, status_table


def _rows(*rows):
    return pd.DataFrame([{"indicator_id": "x", "year": y, "value": v, "kind": k, "qualifier": q}
                         for y, v, k, q in rows])


@pytest.mark.parametrize(("rows", "status", "expected"), [
    ([(2020, 10, "actual", ""), (2023, 20, "actual", ""), (2025, 20, "target", "")], "met", None),
    # straight line 10 -> 30 over 2020..2025: 22 expected in 2023; 23 is ahead, 21 behind
    ([(2020, 10, "actual", ""), (2023, 23, "actual", ""), (2025, 30, "target", "")], "on_track", 22.0),
    ([(2020, 10, "actual", ""), (2023, 21, "actual", ""), (2025, 30, "target", "")], "behind", 22.0),
    ([(2023, 21, "actual", ""), (2025, 30, "target", "")], "no_trend", None),
    ([(2025, 30, "target", "")], "no_actual", None),
    ([(2019, 5, "actual", "")], "no_target", None),
])
def test_rule(rows, status, expected):
    s = indicator_status(_rows(*rows), "x")
    assert s.status == status
    assert s.expected == expected


def test_real_indicators(catalog):
    table = status_table(catalog.metrics)
    rd = table["rd_share"]  # 2.36 (2020) -> 2.8 (2025): 2.624 expected in 2023, actual 2.55
    assert (rd.status, rd.latest, rd.latest_year, rd.expected) == ("behind", 2.55, 2023, 2.624)
    assert table["hitech_enterprises"].status == "met" and table["hitech_enterprises"].latest_qualifier == "超"
    assert table["tech_service_revenue"].status == "no_actual"
    assert table["pro_incubators"].status == "no_trend"  # the 2023 47 counts 省级以上, another definition
    assert table["invention_patents_per_10k"].status == "no_target"  # the target is for high-value patents
    assert table["hitech_output_share"].label("en") == "met"


def test_format_value_keeps_the_documents_hedges():
    assert format_value(1700, "超") == "超1700"
    assert format_value(400, "以上") == "400以上" and format_value(500, "多") == "500多"
    assert format_value(75.0, "左右", "en") == "75 (左右)"
    assert format_value(2.55) == "2.55" and format_value(None) == "—"
