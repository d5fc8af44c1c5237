"""Filters from the sidebar: the map hides what they leave out, the count and the URL follow, a link restores them."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from tests.browser.test_overview import _open

pytestmark = pytest.mark.browser

# clustered platforms on the map: in their plain or highlighted cluster group, or on the map itself (selected)
COUNT = """() => { const e = window.stiMap.layers.platforms; if (!e || !e.shown) { return -1; }
  return e.plain.getLayers().length + e.lit.getLayers().length + (e.direct ? 1 : 0); }"""


def _platforms_on_map(session) -> int:
    return session.map().locator("body").evaluate(COUNT)


def _wait_count(session, n: int) -> None:
    session.map().locator("body").evaluate(
        "(body, n) => new Promise((ok, no) => { const t0 = Date.now(); (function poll() { "
        f"const c = ({COUNT})(); if (c === n) {{ ok(c); }} else if (Date.now() - t0 > 15000) {{ no(c); }} "
        "else { setTimeout(poll, 50); } })(); })", n)


def test_a_filter_from_a_link_hides_features_and_clearing_it_shows_them_without_remount(session, catalog):
    platforms = catalog.layers["platforms"]
    labs = int((platforms["platform_type"] == "实验室").sum())
    districts = len(catalog.layers["districts"])
    _open(session, "?layers=districts,platforms&where=platform_type%3D实验室")
    session.idle()
    _wait_count(session, labs)  # the link restores the filter: only the labs are on the map
    session.page.get_by_text(f"显示 {districts + labs} / {districts + len(platforms)} 项").wait_for()
    sidebar = session.page.locator(".stSidebar")
    sidebar.get_by_text("筛选(1 项条件)").wait_for()
    assert "platform_type=实验室" in unquote(session.page.url)
    session.map().locator("body").evaluate("() => { window.__stiMounted = 7; }")
    session.shot("filter-labs")
    sidebar.get_by_role("button", name="清除筛选").click()
    session.page.wait_for_function("() => !location.search.includes('where=')")
    session.page.get_by_text(f"显示 {districts + len(platforms)} / {districts + len(platforms)} 项").wait_for()
    _wait_count(session, len(platforms))  # every platform back, nothing sent again
    assert session.map().locator("body").evaluate("() => window.__stiMounted") == 7, "the map was remounted"
    assert session.errors == [] and session.external_requests() == []


def test_opening_the_shut_filters_draws_them_and_a_pick_hides_features_without_remount(session, catalog):
    platforms = catalog.layers["platforms"]
    labs = int((platforms["platform_type"] == "实验室").sum())
    _open(session, "?layers=districts,platforms")
    session.idle()
    sidebar = session.page.locator(".stSidebar")
    facet = sidebar.locator("[data-testid=stMultiSelect]").filter(has_text="平台类型")
    assert facet.count() == 0  # shut: the facets are not drawn until the expander opens
    session.map().locator("body").evaluate("() => { window.__stiMounted = 7; }")
    sidebar.get_by_text("筛选", exact=True).click()
    facet.wait_for()  # drawn by the sidebar fragment's rerun
    session.choose("平台类型", f"实验室 (平台 {labs})")  # counted per kind: "(平台 13)", not "(13)"
    session.page.wait_for_function("() => decodeURIComponent(location.search).includes('where=platform_type=实验室')")
    _wait_count(session, labs)
    # the district facet's counts follow the pick: 环翠区 would show its labs, not all its platforms
    huancui = int(((platforms["district_id"] == "huancui") & (platforms["platform_type"] == "实验室")).sum())
    session.page.get_by_role("combobox", name="所在区市").click()
    option = session.page.get_by_role("option", name=f"环翠区 (平台 {huancui} · 区域 1)")
    option.wait_for(timeout=10000)
    box = option.bounding_box()
    assert box and box["x"] + box["width"] <= 1400 and option.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    session.shot("filter-conditional-counts")
    session.page.keyboard.press("Escape")
    session.shot("filter-opened-and-picked")
    # the sidebar follows the pick: its title counts the condition and Clear can clear it (both stayed as drawn)
    sidebar.get_by_text("筛选(1 项条件)").wait_for(timeout=10000)
    clear = sidebar.get_by_role("button", name="清除筛选")
    assert clear.is_enabled()
    clear.click()
    session.page.wait_for_function("() => !location.search.includes('where=')")
    _wait_count(session, len(platforms))
    assert session.map().locator("body").evaluate("() => window.__stiMounted") == 7, "the map was remounted"
    assert session.errors == [] and session.external_requests() == []


def test_filter_options_show_their_names_not_html_entities(session):
    _open(session, "?layers=districts,platforms")
    session.idle()
    sidebar = session.page.locator(".stSidebar")
    sidebar.get_by_text("筛选", exact=True).click()
    facet = sidebar.locator("[data-testid=stMultiSelect]").filter(has_text="区市")
    facet.wait_for()
    facet.click()
    options = session.page.get_by_role("option")
    options.first.wait_for()
    names = options.all_inner_texts()
    assert any(n.startswith("威海市(全市)") for n in names), names  # was 威海市&#40;全市&#41;
    assert not [n for n in names if "&#" in n], names


def test_a_filter_that_leaves_nothing_says_so_and_a_bad_one_is_a_notice(session):
    _open(session, "?layers=platforms&where=platform_type%3D实验室%3Bdistrict%3Drushan", ready=".leaflet-container")
    session.idle()
    session.page.get_by_text("没有要素符合当前筛选条件").wait_for()
    session.page.get_by_text("显示 0 / ").wait_for()
    _wait_count(session, 0)
    _open(session, "?where=level%3D县级", ready=".sti-f-huancui")
    session.idle()
    notice = session.page.locator("[data-testid=stAlert]").filter(has_text="where")
    notice.wait_for()  # names the parameter in Chinese; the rule's English reason is one click away
    session.page.get_by_text("详情(英文)").click()
    details = session.page.locator('div[lang="en"]').filter(has_text="县级")
    details.wait_for()  # says which facet, which value and what it may be
    text = details.inner_text().replace("\u2060", "")  # word joiners keep the inert text from breaking oddly
    assert "level: unknown value" in text and "国家级" in text
    assert session.external_requests() == []
