"""Every page in a real browser: deep links, drawing, highlights, the presenter tour, no external request."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

NAV = {"zh": ["总览", "空间布局", "区市园区", "产业集群", "指标", "我的图层", "导出", "关于"],
       "en": ["Overview", "Layout", "Districts", "Industries", "Metrics", "My layer", "Export", "About / data sources"]}
HIGHLIGHT = "#facc15"


def _goto(session, path: str, ready: str | None = ".sti-f-huancui"):
    session.page.goto(f"{session.base}/{path}")
    if ready:
        session.map().locator(ready).first.wait_for(state="attached")
    session.page.wait_for_timeout(400)


@pytest.mark.parametrize(("path", "ready"), [
    ("", ".sti-f-huancui"), ("overview", ".sti-f-huancui"), ("layout", ".sti-f-coastal_belt"),
    ("districts", ".sti-f-huancui"),
    ("industries", ".sti-f-huancui"), ("metrics", None), ("my-layer", None), ("export", None),
    ("about", None)])
def test_deep_link_opens_the_page_in_the_apps_navigation(session, path, ready):
    _goto(session, f"{path}?lang=zh", ready)
    nav = session.page.locator("[data-testid='stSidebarNav']")
    nav.wait_for()
    assert [t.strip() for t in nav.inner_text().split("\n") if t.strip()] == NAV["zh"]
    assert session.page.get_by_text("Page not found").count() == 0
    assert session.external_requests() == [] and session.errors == []
    session.shot(f"page-{path or 'overview'}")


def test_the_navigation_speaks_the_page_s_language_and_follows_a_switch(session):
    _goto(session, "districts?lang=en")
    nav = session.page.locator("[data-testid='stSidebarNav']")
    assert [t.strip() for t in nav.inner_text().split("\n") if t.strip()] == NAV["en"]
    assert session.page.title().startswith("S&T plan map")
    session.page.get_by_text("中文", exact=True).click()  # the language radio: the names change in the same run
    session.page.wait_for_function("() => document.querySelector('[data-testid=stSidebarNav]').innerText"
                                   ".includes('区市园区')", timeout=15000)
    assert [t.strip() for t in nav.inner_text().split("\n") if t.strip()] == NAV["zh"]
    # the select boxes show their choice in the new language (Streamlit kept the old label until a reload)
    session.idle()
    shown = " | ".join(session.page.locator("[data-testid=stSelectbox] input").evaluate_all("l => l.map(i => i.value)"))
    assert "威海市" in shown and "离线底图" in shown and "Weihai" not in shown and "Offline" not in shown, shown
    assert session.errors == []


def test_overview_by_name_opens_the_overview_with_the_link_s_view(session):
    _goto(session, "overview?layers=districts%2Cparks&sel=huancui&lang=en")
    session.page.wait_for_function("() => location.search.includes('sel=huancui')", timeout=15000)
    assert session.page.get_by_text("Page not found").count() == 0
    assert "layers=districts%2Cparks" in session.page.url and "lang=en" in session.page.url
    session.page.get_by_text("Huancui District").first.wait_for()  # the selected district's panel, in English
    assert session.errors == []


def _stroke(session, fid: str) -> str:
    return session.map().locator(f"path.sti-f-{fid}").first.get_attribute("stroke")


def test_districts_page_highlights_the_district(session):
    _goto(session, "districts?district=lingang", ".sti-f-lingang")
    assert _stroke(session, "lingang") == HIGHLIGHT
    assert _stroke(session, "wendeng") != HIGHLIGHT
    assert "碳纤维及复合材料" in session.page.locator(".sti-panel").first.inner_text()  # tables are canvas
    assert "view=37.3" in session.page.url  # flown to the district
    session.shot("districts-lingang")


def test_industries_page_highlights_where_the_cluster_lives(session):
    _goto(session, "industries?cluster=ind_composites", ".sti-f-lingang")
    assert _stroke(session, "lingang") == HIGHLIGHT
    assert _stroke(session, "rushan") != HIGHLIGHT
    session.shot("industries-composites")


def test_metrics_page_draws_the_chart(session):
    _goto(session, "metrics?indicator=tech_smes", None)
    session.page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first \
        .wait_for()
    assert "已达成" in session.page.locator("h2, h3").all_inner_texts()[-1] or session.page.get_by_text(
        "国家科技型中小企业入库数 — 已达成").count() == 1
    assert session.external_requests() == []
    session.shot("metrics")
    # an estimate (预计) and a year the text does not give are drawn and labelled as such (looked at: the PNG)
    _goto(session, "metrics?indicator=hitech_enterprises", None)
    session.page.get_by_text("国家高新技术企业数 — 已达成").wait_for()
    session.page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first \
        .wait_for()
    session.shot("metrics-estimate-inferred")


def test_presenter_tour_moves_through_all_scenes_without_remount(session, catalog):
    from sti_geo.geo.viewport import view_for_bounds
    from sti_geo.views.tour import scene_bounds, scenes

    SCENES = scenes(catalog)

    _goto(session, "layout?present=1", ".sti-f-core")
    frame = session.map()
    frame.locator("body").evaluate("() => { window.__stiMounted = 7; }")
    expected = [("2/6", ".sti-f-yuanyao_bay"), ("3/6", ".sti-f-coastal_belt"),
                ("4/6", ".sti-f-manufacturing_corridor"), ("5/6", ".sti-f-demo_marine_economy"),
                ("6/6", ".sti-f-demo_china_korea_fta"), ("1/6", ".sti-f-core")]
    for i, (count, selector) in enumerate(expected):
        session.page.get_by_role("button", name="下一幕 ▶").click()
        session.page.get_by_text(f"第 {count} 幕").wait_for()
        frame.locator(selector).first.wait_for(state="attached")
        (lat, lon), zoom = view_for_bounds(scene_bounds(catalog, SCENES[(i + 1) % len(SCENES)]))
        # the map flies to the scene's extent (polled: the view follows the rerun by a moment). Only the
        # latitude is compared: Leaflet keeps the top-left corner when the iframe settles its width.
        frame.locator("body").evaluate(
            """(_body, [lat, lon, zoom]) => new Promise((ok, fail) => { const t0 = Date.now(); (function poll() {
                const c = window.map.getCenter();
                if (Math.abs(c.lat - lat) < 0.02 && window.map.getZoom() === zoom)
                    return ok(true);
                if (Date.now() - t0 > 10000) return fail(new Error('map stayed at ' + c + ' z' + window.map.getZoom()));
                setTimeout(poll, 50); })(); })""", [lat, lon, zoom])
        if count == "3/6":
            session.shot("layout-presenter-belt")
    assert frame.locator("body").evaluate("() => window.__stiMounted") == 7, "the map was remounted"
    assert "scene=core" in session.page.url
    assert session.external_requests() == []


def test_click_on_a_park_on_the_districts_page(session, catalog):
    from tests.browser.test_overview import click_at

    _goto(session, "districts?district=rongcheng", ".sti-f-rongcheng")
    park = catalog.feature("p_rc_goertek").geometry
    click_at(session, park.y, park.x)  # the highlighted stack of Rongcheng's parks lists them
    entry = session.map().locator('.sti-stack button[data-feature="p_rc_goertek"]')
    entry.wait_for()
    entry.click()
    panel = session.page.locator('.sti-panel[data-feature="p_rc_goertek"]')  # first in the side, beside the map
    session.page.get_by_text("Goertek Information Industrial Park").wait_for()
    text = panel.inner_text()
    assert "歌尔信息产业园" in text and "荣成市重点依托" in text
    assert "新一代信息技术" not in text  # 荣成市's list names parks and specialties, never pairing the two
    session.shot("districts-click-park")


def test_qingdao_pack_draws_offline_and_clicks_open_its_facts(session):
    from sti_geo import load_catalog
    from sti_geo.settings import settings_from_env
    from tests.browser.test_overview import _clear_point, click_at

    qingdao = load_catalog(settings_from_env("qingdao"))
    _goto(session, "?region=qingdao", ".sti-f-laoshan")
    frame = session.map()
    for fid in ("laoshan", "jimo", "west_coast"):
        assert frame.locator(f".sti-f-{fid}").count() == 1, fid
    assert any(u.endswith("/app/static/data/land-qingdao.json") for u in session.requests)
    p = _clear_point(qingdao, "jimo", ["districts", "parks", "platforms"])
    click_at(session, p.y, p.x)
    panel = session.page.locator('.sti-panel[data-feature="jimo"]')
    panel.wait_for()
    assert "首次在青能所、妇儿中心、即墨市设立3个分会场" in panel.inner_text()
    assert "region=qingdao" in session.page.url and "sel=jimo" in session.page.url
    assert session.external_requests() == [] and session.errors == []
    session.shot("qingdao-overview")


def test_metrics_page_explains_why_regions_are_not_compared(session):
    _goto(session, "metrics?region=qingdao&lang=en", None)
    session.page.get_by_text("Compare with another region").wait_for()
    session.page.get_by_text("Figures are set side by side only").wait_for()
    session.page.wait_for_timeout(800)
    assert session.external_requests() == [] and session.errors == []
    session.shot("qingdao-metrics-compare")
