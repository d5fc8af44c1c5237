"""A phone held upright (390×844): the map takes the screen, the tools wait behind a button, a tap shows details."""

from __future__ import annotations

import pytest

from tests.browser.test_overview import _clear_point, _open, click_at

pytestmark = pytest.mark.browser

# the map's frame, and what covers it: the controls in its four corners (visible ones only)
COVERED = """() => {
    const frame = document.querySelector("iframe[title*='streamlit_folium']");
    const doc = frame.contentDocument, map = doc.querySelector('#map_div').getBoundingClientRect();
    let covered = 0;
    doc.querySelectorAll('.leaflet-control').forEach(c => {
        const r = c.getBoundingClientRect();
        if (r.width && r.height && getComputedStyle(c).display !== 'none') { covered += r.width * r.height; }
    });
    const f = frame.getBoundingClientRect();
    return {map: map.width * map.height, covered: covered, frameHeight: f.height, vh: innerHeight};
}"""


@pytest.fixture
def phone(session):
    session.page.set_viewport_size({"width": 390, "height": 844})
    return session


def test_the_map_takes_the_phone_s_screen_and_its_tools_wait_behind_a_button(phone):
    _open(phone, "?lang=en&layers=districts,parks")
    phone.idle()
    phone.page.wait_for_timeout(500)
    sizes = phone.page.evaluate(COVERED)
    assert sizes["frameHeight"] >= 0.7 * sizes["vh"], sizes  # 560 px of 844 before: a laptop's height
    assert sizes["covered"] <= 0.3 * sizes["map"], sizes  # ≥ 70 % of the map usable
    draw = phone.map().locator(".leaflet-draw")
    assert not draw.is_visible()
    tools = phone.map().get_by_role("button", name="Drawing and measuring tools")
    tools.click()
    draw.wait_for(state="visible")
    assert tools.get_attribute("aria-expanded") == "true"
    tools.click()
    draw.wait_for(state="hidden")
    phone.shot("phone-overview")
    assert phone.errors == [] and phone.external_requests() == []


def test_a_tap_shows_the_details_in_view_beside_the_controls(phone, catalog):
    _open(phone, "?lang=en&layers=districts,parks")
    phone.idle()
    p = _clear_point(catalog, "rushan", ["districts", "parks"])
    click_at(phone, p.y, p.x)
    popup = phone.map().locator(".leaflet-popup")
    popup.wait_for()
    phone.page.wait_for_timeout(600)  # the map pans the panel into view
    box = phone.map().locator("body").evaluate("""() => {
        const r = document.querySelector('.leaflet-popup').getBoundingClientRect();
        const c = document.querySelector('.leaflet-top.leaflet-left').getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, controls: c.right,
                width: document.documentElement.clientWidth, height: document.documentElement.clientHeight};
    }""")
    assert box["left"] >= box["controls"] and box["right"] <= box["width"], box  # beside the zoom buttons, whole
    assert box["top"] >= 0 and box["bottom"] <= box["height"], box
    frame = phone.page.locator("iframe[title*='streamlit_folium']").bounding_box()
    assert frame["y"] + box["bottom"] <= 844  # on the screen, not below it
    assert "Rushan City" in popup.inner_text()
    phone.shot("phone-tap-details")


def test_a_page_link_closes_the_sidebar_on_a_narrow_screen(phone):
    _open(phone, "?lang=en")
    phone.idle()
    phone.page.get_by_role("button", name="Expand sidebar").click()
    sidebar = phone.page.locator("[data-testid=stSidebar]")
    phone.page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]')"
                                 ".getAttribute('data-collapsed') === 'false'")
    phone.go("Districts")
    phone.page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]')"
                                 ".getAttribute('data-collapsed') === 'true'", timeout=15000)
    assert sidebar.get_attribute("data-collapsed") == "true"
    phone.shot("phone-after-page-link")


def test_a_phone_opening_the_region_sees_all_of_it(phone, catalog):
    # at the laptop's zoom a 358 px map cut a county off (乳山市)
    _open(phone, "?lang=zh")
    phone.idle()
    phone.page.wait_for_timeout(800)
    w, s, e, n = catalog.layers["districts"].total_bounds
    inside = phone.map().locator("body").evaluate(
        f"() => window.map.getBounds().pad(0.01).contains(L.latLngBounds([[{s}, {w}], [{n}, {e}]]))")
    assert inside
    _open(phone, "?lang=zh&view=37.5%2C122.1%2C11")  # a link's own view is kept
    phone.idle()
    phone.page.wait_for_timeout(800)
    assert phone.map().locator("body").evaluate("() => window.map.getZoom()") == 11
