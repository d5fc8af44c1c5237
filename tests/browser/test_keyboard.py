"""Keyboard only: every stop in the map has a name, a park's panel opens with Enter, focus shows."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_overview import _open

pytestmark = pytest.mark.browser

FOCUSED = """() => {
    const frame = document.activeElement;
    if (!frame || frame.tagName !== 'IFRAME' || !frame.contentDocument) { return null; }
    const e = frame.contentDocument.activeElement;
    return {cls: String(e.className), name: e.getAttribute('aria-label') || e.title || e.textContent.trim(),
            outline: parseFloat(getComputedStyle(e).outlineWidth) || 0};
}"""


def test_tab_reaches_a_park_every_stop_is_named_and_enter_opens_its_panel(session, catalog):
    _open(session, "?layers=districts,parks&lang=zh")
    session.idle()
    frame = session.page.locator("iframe[title*='streamlit_folium']")
    assert frame.get_attribute("aria-label").startswith("规划地图")  # was "streamlit_folium.st_folium"
    session.page.locator("h1").first.click()
    names, park = [], None
    for _ in range(150):
        session.page.keyboard.press("Tab")
        stop = session.page.evaluate(FOCUSED)
        if stop is None:
            continue
        names.append(stop["name"])
        assert stop["name"] and not re.fullmatch(r"\d+", stop["name"]), stop  # named, not "5"
        match = re.search(r"sti-f-(p_\w+)", stop["cls"])
        if match:
            park = match.group(1)
            assert stop["outline"] >= 2, stop  # visible focus
            break
    assert park, names
    session.page.keyboard.press("Enter")
    panel = session.page.locator(f'.sti-panel[data-feature="{park}"]')
    panel.wait_for(timeout=15000)
    assert catalog.feature(park)["name"] in panel.inner_text()
    session.shot("keyboard-park-panel")
    assert session.errors == [] and session.external_requests() == []


def test_page_links_show_where_the_keyboard_is(session):
    _open(session, "?lang=zh")
    session.idle()
    link = session.page.get_by_role("link", name="空间布局")
    link.focus()
    session.page.keyboard.press("Shift+Tab")
    session.page.keyboard.press("Tab")  # focus by keyboard: :focus-visible
    style = link.evaluate("e => [parseFloat(getComputedStyle(e).outlineWidth) || 0, getComputedStyle(e).outlineColor]")
    assert style[0] >= 2 and style[1] == "rgb(37, 99, 235)", style  # a strong blue ring, not a faint grey


def test_the_map_speaks_the_page_s_language(session):
    _open(session, "?lang=zh")
    session.idle()
    english = session.map().locator("body").evaluate("""() => Array.from(document.querySelectorAll(
        '[title], [aria-label], .leaflet-control a')).map(e => (e.getAttribute('aria-label') || '') + ' '
        + (e.title || '') + ' ' + (e.tagName === 'A' ? e.textContent : ''))
        .filter(s => /[A-Za-z]{3,}/.test(s.replace(/Leaflet|Enter|Tab/g, '')))""")
    assert english == []  # "Zoom in", "Full Screen", "Hide MiniMap", "Measure distances …" before
