"""The side panel's HTML: every document or data string is escaped, so hostile text renders inert."""

from dataclasses import replace

from sti_app.panel import details_html, metrics_table
from sti_geo.views.details import feature_details

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>\u202eevil'


def test_hostile_text_is_escaped_everywhere(catalog):
    d = feature_details(catalog, "p_rc_nuclear", "zh")
    bad = replace(d, name=HOSTILE, name_other=HOSTILE, quote=HOSTILE, district=HOSTILE, industries=[HOSTILE],
                  source_title=HOSTILE, geometry_note=HOSTILE, description=HOSTILE)
    html = details_html(bad, "zh")
    assert "<script>" not in html and "<img" not in html
    assert html.count("&lt;script&gt;") >= 6


def test_panel_shows_the_facts_and_their_source(catalog):
    html = details_html(feature_details(catalog, "p_rc_nuclear", "zh"), "zh")
    for needle in ("核电配套产业园", "荣成市", "荣成市重点依托", "2021_weihai_14th_fyp_sti_plan.txt", "约 ±49 公里"):
        assert needle in html
    assert "核能综合利用" not in html  # 荣成市's specialty; the park's quote does not pair the two


def test_metrics_table_keeps_hedges_and_sources(catalog):
    rows = catalog.metrics[catalog.metrics["indicator_id"] == "hitech_enterprises"]
    table = metrics_table(rows, "zh")
    assert "超1700" in set(table["数值"]) and "2025_weihai_policy_evaluation.txt" in set(table["来源文件"])
