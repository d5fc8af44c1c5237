"""Thematic districts in the browser: the map colours each district as the legend says, without remount."""

from __future__ import annotations

import pytest

from sti_geo.views.thematic import theme
from tests.browser.test_overview import _open

pytestmark = pytest.mark.browser

FILLS = """() => { const out = {}; window.stiMap.layers.districts.gj.eachLayer(l => {
  out[l.feature.properties.id] = l.options.fillColor; }); return out; }"""


def test_a_thematic_choice_colours_the_districts_as_the_legend_says(session, catalog):
    _open(session, "?layers=districts&theme=parks")
    session.idle()
    expected = theme(catalog, "parks", "zh").colours
    session.map().locator("body").evaluate("() => { window.__stiMounted = 11; }")
    fills = session.map().locator("body").evaluate(FILLS)
    assert fills == expected
    legend = session.page.locator(".sti-theme")
    for colour in set(expected.values()):
        assert legend.locator(f'.sti-theme-swatch[style*="{colour}"]').count() == 1, colour
    session.shot("thematic-parks")
    session.page.locator(".st-key-w-overview-theme-zh input").click()  # keys.labelled: one box per language
    session.page.keyboard.type("关联产业")
    session.page.keyboard.press("Enter")  # another measure, in place
    session.page.wait_for_function("() => location.search.includes('theme=industries')")
    other = theme(catalog, "industries", "zh").colours
    session.map().locator("body").evaluate(
        "(body, want) => new Promise((ok, no) => { const t0 = Date.now(); (function poll() { const f = {}; "
        "window.stiMap.layers.districts.gj.eachLayer(l => { f[l.feature.properties.id] = l.options.fillColor; }); "
        "if (JSON.stringify(Object.keys(want).map(k => f[k])) === JSON.stringify(Object.values(want))) { ok(1); } "
        "else if (Date.now() - t0 > 15000) { no(JSON.stringify(f)); } else { setTimeout(poll, 50); } })(); })",
        other)
    assert session.map().locator("body").evaluate("() => window.__stiMounted") == 11, "the map was remounted"
    assert session.errors == [] and session.external_requests() == []


def test_a_thematic_map_says_each_value_on_hover_and_keeps_names_readable(session, catalog):
    chosen = theme(catalog, "parks", "zh")
    _open(session, "?layers=districts&theme=parks")
    session.idle()
    most = str(chosen.values.idxmax())  # the darkest class
    tip = session.map().locator("body").evaluate(
        f"() => {{ const l = window.stiMap.features['{most}'].layer; l.openTooltip(); "
        "return l.getTooltip().getElement().textContent; }")
    name = catalog.feature(most)["name"]
    assert name in tip and chosen.label in tip and f"{chosen.values[most]:g}" in tip, tip  # was the name only
    label = session.map().locator(f'.sti-label[data-fid="{most}"]')
    assert "sti-label-light" in (label.get_attribute("class") or "")  # light text on the darkest fill
    legend = session.page.locator(".sti-theme").inner_text()
    assert "个区市" in legend  # each class says how many districts it holds
    session.shot("thematic-hover")
    # the theme off: the name alone again, dark text again
    _open(session, "?layers=districts")
    session.idle()
    plain = session.map().locator(f'.sti-label[data-fid="{most}"]').get_attribute("class") or ""
    assert "sti-label-light" not in plain
