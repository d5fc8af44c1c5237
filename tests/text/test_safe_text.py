"""Hostile text is inert everywhere it is shown: HTML, tooltips, panels, spreadsheets."""

from __future__ import annotations

import geopandas as gpd
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import Point

from sti_app.panel import upload_details_html
from sti_geo.map.click import TOOLTIP_CHARS, tooltip_html
from sti_geo.map.leaflet import _js_json
from sti_geo.map.mapview import overlay_data
from sti_geo.text.safe_text import csv_cell, plain, text
from tests.upload_samples import HOSTILE, RTL


def test_markup_is_escaped_and_bidi_controls_removed():
    assert "<" not in text(HOSTILE) and "&lt;script&gt;" in text(HOSTILE)
    assert text(RTL) == "reportgpj.exe"
    assert plain("a\u2066b\u2069c\x00d\x1b[31m") == "abcd[31m"


def test_long_values_are_cut_with_an_ellipsis():
    assert len(plain("x" * 10_000, 500)) == 500 and plain("x" * 10_000, 500).endswith("…")
    assert plain("short", 500) == "short"


def test_tooltips_are_cut_and_inert():
    tip = tooltip_html(HOSTILE * 100)
    assert "<script>" not in tip and tip.startswith("<b>&lt;")
    assert len(tip) < TOOLTIP_CHARS * 8


def test_overlay_features_carry_only_escaped_tooltips():
    """HTML fields are escaped; plain-text fields (a stack's list) stay as typed and are set with textContent."""
    gdf = gpd.GeoDataFrame({"id": ["upload_1"], "name": [HOSTILE], "name_en": [HOSTILE]},
                           geometry=[Point(122, 37)], crs=4326)
    props = overlay_data(gdf, "zh")["features"][0]["properties"]
    plain = {"_name", "_lbl"}
    assert "<script>" not in str({k: v for k, v in props.items() if k not in plain})
    assert "onerror=alert(2)&gt;" in props["_tip"] and props["_name"] == HOSTILE
    assert "<" not in _js_json(overlay_data(gdf, "zh"))  # and nothing in the page's script can open a tag


def test_upload_panel_is_inert():
    import pandas as pd

    row = pd.Series({"id": "upload_1", "name": HOSTILE, "note": "y" * 10_000, "rtl": RTL, "geometry": None})
    html = upload_details_html(row, "位于 <b>x</b>", HOSTILE, "zh")
    assert "<script>" not in html and "<img" not in html and "<b>x</b>" not in html
    assert "\u202e" not in html and "y" * 500 not in html and "…" in html


def test_spreadsheet_formulas_are_neutralised_but_numbers_kept():
    for formula in ("=1+1", "+cmd", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0", "\t=x", "\ufeff=HYPERLINK(1)",
                    "\u200b@x", " =1", "\u00a0+x", "＝1+1", "＠SUM(A1)", "\n=x"):
        assert csv_cell(formula) == "'" + formula, formula
    for value in ("-3.5", "+7", "1e-3", "普通文本", 42, None):
        assert csv_cell(value) == value


@given(st.text())
def test_text_never_contains_live_markup_or_bidi(value):
    out = text(value, 200)
    assert "<" not in out and ">" not in out and '"' not in out
    assert not any(ch in out for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert len(plain(value, 200)) <= 200


@given(st.text())
def test_csv_cell_never_starts_a_formula(value):
    out = csv_cell(value)
    assert out == value or out == "'" + value
    seen = value.lstrip(" \ufeff\u200b\u200c\u200d\u2060\u00a0\u3000")
    if out == value and seen[:1] in ("=", "+", "-", "@", "＝", "＋", "－", "＠"):
        float(seen)  # only plain numbers keep a leading sign


def test_punctuation_that_cannot_start_markup_stays_as_written():
    # Streamlit puts a widget's label raw into its aria-label: a screen reader read "国家&#40;威海&#41;"
    from sti_geo.text.safe_text import markdown

    for name in ("一核 国家(威海)区域创新中心", "“1+4+N”体系节点", "3.5 km", "#5", "A/B, C; D?", "x-y = z"):
        assert markdown(name) == name
    assert markdown("# 标题").startswith("&#35;") and markdown("1. 列表").startswith("1&#46;")  # block markup
    assert markdown("- 列表").startswith("&#45;") and markdown("---").startswith("&#45;")
