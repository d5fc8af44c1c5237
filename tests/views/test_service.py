"""The OGC API section of the Export and About pages: the address, QGIS's steps, both languages."""

from __future__ import annotations

import re

from sti_geo.views.service import service_markdown

URL = "https://maps.example.test/sti/ogcapi"


def test_the_address_and_the_steps_in_both_languages(catalog):
    zh = service_markdown(catalog, URL, "zh")
    en = service_markdown(catalog, URL, "en")
    for md in (zh, en):
        assert f"`{URL}`" in md and f"`ogrinfo OAPIF:{URL}`" in md
        assert "OGC API - Features" in md and "EPSG:4490" in md and "EPSG:32651" in md
    assert "添加 WFS 图层" in zh and "自己上传的图层" in zh and not re.search(r"\b(Layer|Add|the)\b", zh)
    assert "Add WFS Layer" in en and "never serves it" in en and not re.search(r"[\u4e00-\u9fff]", en)


def test_when_this_server_does_not_serve_it_the_section_says_how_to_start_it(catalog):
    md = service_markdown(catalog, None, "en")
    assert "python -m sti_app.serve" in md and "/ogcapi" in md and "ogrinfo" not in md


def test_a_reader_from_another_address_is_told_about_the_public_url(catalog):
    assert "STI_GEO_PUBLIC_URL" in service_markdown(catalog, URL, "zh", elsewhere=True)
    assert "STI_GEO_PUBLIC_URL" not in service_markdown(catalog, URL, "zh")


def test_an_address_cannot_break_out_of_its_code_span(catalog):
    md = service_markdown(catalog, "http://h/`**x**`", "en")
    assert "`http://h/%60**x**%60`" in md
