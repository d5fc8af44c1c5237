"""Presenter mode on a projector: the whole slide on the screen, every element of the scene named, F fullscreen."""

from __future__ import annotations

import pytest

from sti_geo.text.i18n import field_in
from tests.browser.test_overview import _open

pytestmark = pytest.mark.browser

SHOWN_NAMES = """() => Array.from(document.querySelectorAll('iframe')).filter(f => f.contentDocument)
    .flatMap(f => Array.from(f.contentDocument.querySelectorAll('.sti-label')))
    .filter(e => !e.classList.contains('sti-label-off') && e.getBoundingClientRect().width > 0)
    .map(e => e.textContent)"""
BOXES = """() => {
    const box = e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; };
    const q = s => document.querySelector(s);
    return {map: box(q("iframe[title*='streamlit_folium']")), title: box(q('h1')),
            count: box(q('.sti-scene-count')), next: box(q('.st-key-w-layout-next button')),
            side: box(q('.st-key-sti_slide_side')), vh: innerHeight, vw: innerWidth};
}"""


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_slide_fits_the_projector_and_names_every_zone(session, catalog, size, lang):
    width, height = size
    session.page.set_viewport_size({"width": width, "height": height})
    _open(session, f"layout?present=1&scene=zones&lang={lang}", ready=".sti-label")
    session.idle()
    session.page.wait_for_timeout(800)
    boxes = session.page.evaluate(BOXES)
    for part in ("map", "title", "count", "next", "side"):
        top, bottom, _left, right = boxes[part]
        assert top >= 0 and bottom <= boxes["vh"] and right <= boxes["vw"], (part, boxes)
    map_top, map_bottom = boxes["map"][:2]
    assert map_bottom - map_top >= 0.75 * boxes["vh"], boxes  # the map as large as the screen allows
    assert boxes["vh"] - map_bottom <= 24, boxes
    zones = list(catalog.layers["layout_demo_zones"][field_in("name", lang)])
    shown = session.page.evaluate(SHOWN_NAMES)
    assert [z for z in zones if z not in shown] == [], shown  # the scene's five zones are all named
    session.shot(f"presenter-slide-{lang}-{width}")
    assert session.errors == [] and session.external_requests() == []


def _slide(session) -> None:
    """The first scene on a 1366×768 projector, the page focused (keys go to the tour)."""
    session.page.set_viewport_size({"width": 1366, "height": 768})
    _open(session, "layout?present=1&scene=core", ready=".sti-label")
    session.idle()
    session.page.locator("h1").first.click()


def test_f_makes_the_slide_fullscreen_without_the_sidebar(session):
    _slide(session)
    session.page.keyboard.press("f")
    session.page.wait_for_function("() => document.fullscreenElement !== null", timeout=5000)
    fullscreen = session.page.evaluate("""() => ({id: document.fullscreenElement.dataset.testid,
        sidebar: document.fullscreenElement.contains(document.querySelector('[data-testid=stSidebar]')),
        map: document.fullscreenElement.contains(document.querySelector("iframe[title*='streamlit_folium']"))})""")
    assert fullscreen == {"id": "stMain", "sidebar": False, "map": True}
    session.page.wait_for_timeout(500)
    boxes = session.page.evaluate(BOXES)
    assert boxes["map"][1] <= boxes["vh"]
    session.page.keyboard.press("f")
    session.page.wait_for_function("() => document.fullscreenElement === null", timeout=5000)


def test_leaving_presenter_mode_gives_the_map_its_own_height_back(session):
    _slide(session)
    session.page.keyboard.press("q")
    session.page.wait_for_function("() => !location.search.includes('present=1')", timeout=15000)
    session.page.wait_for_function(
        "() => document.querySelector(\"iframe[title*='streamlit_folium']\").getBoundingClientRect().height >= 630")
    assert session.page.locator(".st-key-sti_slide_side").evaluate("e => e.style.maxHeight") == ""
