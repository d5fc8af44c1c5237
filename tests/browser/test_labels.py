"""Names on the map, as a room sees them: districts always, parks when zoomed in, never piled up."""

from __future__ import annotations

import pytest

from tests.browser.test_overview import _open

pytestmark = pytest.mark.browser

SHOWN = ".sti-label:not(.sti-label-off)"
OVERLAPS = """() => {
  const rs = [...document.querySelectorAll('.sti-label:not(.sti-label-off)')].map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0);
  let n = 0;
  rs.forEach((a, i) => rs.slice(i + 1).forEach(b => {
    if (a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top) { n += 1; }
  }));
  return n;
}"""


def _shown(session) -> list[str]:
    session.page.wait_for_timeout(400)  # the labels are placed on the frame after the map stops
    return session.map().locator(SHOWN).all_inner_texts()


def test_district_names_are_on_the_overview_and_never_overlap(session, catalog):
    _open(session)
    shown = _shown(session)
    districts = list(catalog.layers["districts"]["name"])
    assert sum(name in shown for name in districts) >= 7, shown  # a small zone may yield to a larger label
    assert any(text.startswith("一核") for text in shown), "一核 must never be hidden"
    assert session.map().locator("body").evaluate(OVERLAPS) == 0
    session.page.get_by_text("区市与开发区", exact=True).click()
    session.map().locator('.sti-label[data-layer="districts"]').first.wait_for(state="detached")
    assert not any(name in _shown(session) for name in ("荣成市", "乳山市"))
    session.shot("labels-overview")


def test_park_names_appear_once_zoomed_in_and_follow_the_language(session, catalog):
    _open(session, "?lang=en&layers=districts,parks")  # a park that is also a layout element yields its name
    session.map().locator(".sti-label").first.wait_for(state="attached")
    assert not session.map().locator(f'{SHOWN}[data-layer="parks"]').count()  # zoom 9: parks are not named yet
    park = session.map().locator('.sti-f-p_yuanyao_bay .sti-label')
    session.map().locator("body").evaluate("() => window.map.setView([37.5381, 122.112], 13)")
    session.page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => f.contentDocument && f.contentDocument"
        ".querySelector('.sti-f-p_yuanyao_bay .sti-label:not(.sti-label-off)'))")
    # whole, wrapped inside its box (it was cut to 23 characters and "…")
    assert park.inner_text().replace("\n", " ") == catalog.feature("p_yuanyao_bay")["name_en"]
    assert session.map().locator("body").evaluate(OVERLAPS) == 0


def test_presenter_mode_draws_larger_labels(session):
    _open(session, "layout?present=1&scene=core", ready=".sti-label")
    label = session.map().locator('.sti-label[data-layer="districts"]').first
    session.page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => f.contentDocument && "
        "f.contentDocument.querySelector('.sti-present'))")
    assert float(label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 18
    core = session.map().locator('.sti-label[data-layer="layout_core"]')
    assert core.inner_text().startswith("一核") and "sti-label-off" not in (core.get_attribute("class") or "")


def test_every_stack_can_be_clicked_where_it_is_drawn(session):
    # the city's parks and platforms are both stacked at the city's anchor: one stack hid the other, and a park
    # dot took the click meant for a platforms' stack
    _open(session, "?layers=districts,parks,platforms")
    session.idle()
    hidden = session.map().locator("body").evaluate("""() => Array.from(document.querySelectorAll('.sti-cluster'))
        .filter(c => { const r = c.getBoundingClientRect();
                       const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                       return !top || top.closest('.leaflet-marker-icon') !== c; })
        .map(c => c.textContent)""")
    assert hidden == []
    session.shot("stacks-side-by-side")
