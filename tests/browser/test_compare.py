"""Compare (swipe) in the browser: both sides drawn, synced after a pan, the divider and clicks on either side."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from sti_geo.views.thematic import theme
from tests import upload_samples as samples
from tests.browser.test_overview import _open

pytestmark = pytest.mark.browser

LEFT_FILLS = """() => { const out = {}; window.stiMap.layers.districts.gj.eachLayer(l => {
  out[l.feature.properties.id] = l.options.fillColor; }); return out; }"""
RIGHT_FILLS = """() => { const out = {}; const hits = window.stiMap.swipe.hits; Object.keys(hits).forEach(fid => {
  hits[fid].forEach(h => { if (h.lid === 'districts') { out[fid] = h.layer.options.fillColor; } }); }); return out; }"""
# what a person sees at a point of the map: the topmost feature there and the side it belongs to
SEEN = """(body, xy) => { const el = document.elementFromPoint(xy[0], xy[1]);
  const cls = el && el.getAttribute('class') || ''; const m = /sti-(f|r)-([A-Za-z0-9_]+)/.exec(cls);
  return m ? (m[1] === 'r' ? 'right:' : 'left:') + m[2] : 'none'; }"""
DIVIDER = "() => parseFloat(document.querySelector('.leaflet-sbs-divider').style.left)"


def _container_xy(session, fid: str) -> tuple[float, float]:
    """Where a district's label point is, in the map's own pixels."""
    return session.map().locator("body").evaluate(
        "(body, fid) => { const p = window.stiMap.features[fid].feature.properties._lpt;"
        " const c = window.map.latLngToContainerPoint([p[1], p[0]]); return [c.x, c.y]; }", fid)


def _page_point(session, xy: tuple[float, float]) -> tuple[float, float]:
    box = session.map().locator("#map_div").bounding_box()
    return box["x"] + xy[0], box["y"] + xy[1]


def _same_place(session, fid: str) -> bool:
    return session.map().locator("body").evaluate(
        "(body, fid) => { const q = s => document.querySelector(s).getBoundingClientRect();"
        " const a = q('.leaflet-sti-left-pane .sti-f-' + fid), b = q('.leaflet-sti-right-pane .sti-r-' + fid);"
        " return ['x', 'y', 'width', 'height'].every(k => Math.abs(a[k] - b[k]) < 1); }", fid)


def test_two_measures_side_by_side_stay_synced_after_a_pan(session, catalog):
    _open(session, "?layers=districts&cmp=theme:parks,theme:platforms")
    session.idle()
    frame = session.map()
    frame.locator(".sti-r-wendeng").wait_for(state="attached")
    frame.locator("body").evaluate("() => { window.__stiMounted = 21; }")
    assert frame.locator("body").evaluate(LEFT_FILLS) == theme(catalog, "parks", "zh").colours
    assert frame.locator("body").evaluate(RIGHT_FILLS) == theme(catalog, "platforms", "zh").colours
    assert frame.locator(".sti-cmp-left").inner_text() == "◀ 专题:园区数"
    assert frame.locator(".sti-cmp-right").inner_text() == "专题:平台数 ▶"
    assert session.page.locator('.sti-cmp-side[data-side="right"]').inner_text() == "右侧:专题:平台数"
    session.shot("compare-two-measures")

    # pan by hand: 文登区's label point to the divider; each side shows its own copy either side of it
    divider = frame.locator("body").evaluate(DIVIDER)
    start = _container_xy(session, "wendeng")
    target = (divider, start[1] - 40)
    session.page.mouse.move(*_page_point(session, start))
    session.page.mouse.down()
    session.page.mouse.move(*_page_point(session, ((start[0] + target[0]) / 2, (start[1] + target[1]) / 2)), steps=5)
    session.page.mouse.move(*_page_point(session, target), steps=5)
    session.page.mouse.up()
    session.page.wait_for_function("() => new URLSearchParams(location.search).has('view')")
    moved = _container_xy(session, "wendeng")
    assert abs(moved[0] - divider) < 3, moved
    assert _same_place(session, "wendeng") and _same_place(session, "rushan")  # one map: both sides moved
    assert frame.locator("body").evaluate(SEEN, [divider - 12, moved[1]]) == "left:wendeng"
    assert frame.locator("body").evaluate(SEEN, [divider + 12, moved[1]]) == "right:wendeng"
    session.shot("compare-after-pan")

    # the divider dragged to the left: its place reaches the URL, the sides follow it
    height = frame.locator("#map_div").bounding_box()["height"]
    session.page.mouse.move(*_page_point(session, (divider, height / 2)))
    session.page.mouse.down()
    session.page.mouse.move(*_page_point(session, (divider * 0.6, height / 2)), steps=6)
    session.page.mouse.up()
    session.page.wait_for_function("() => new URLSearchParams(location.search).has('split')")
    split = int(parse_qs(urlparse(session.page.url).query)["split"][0])
    assert 25 <= split <= 35, split
    now = frame.locator("body").evaluate(DIVIDER)
    assert abs(now - divider * 0.6) < 25
    seen = frame.locator("body").evaluate(SEEN, [now + 12, moved[1]])
    assert seen.startswith("right:") and frame.locator("body").evaluate(SEEN, [now - 12, moved[1]]) == \
        seen.replace("right:", "left:")  # the same district, each side's copy either side of the new place

    # a click on the right side opens that district's panel
    district = seen.split(":")[1]
    session.page.mouse.click(*_page_point(session, (now + 12, moved[1])))
    session.page.locator(f'.sti-panel[data-feature="{district}"]').wait_for()
    assert f"sel={district}" in session.page.url and "cmp=theme" in session.page.url
    assert frame.locator("body").evaluate("() => window.__stiMounted") == 21, "the map was remounted"
    assert session.errors == [] and session.external_requests() == []

    # the link reopens the same comparison, divider and view
    session.page.goto(session.page.url)
    frame.locator(".sti-r-wendeng").wait_for(state="attached")
    session.page.wait_for_timeout(600)
    assert abs(frame.locator("body").evaluate(DIVIDER) - now) < 25
    assert abs(_container_xy(session, "wendeng")[0] - divider) < 6


def test_the_switch_turns_compare_on_and_off_in_place(session):
    _open(session, "?layers=districts,parks")
    session.idle()
    frame = session.map()
    frame.locator("body").evaluate("() => { window.__stiMounted = 22; }")
    session.page.get_by_text("卷帘对比").click()
    session.page.wait_for_function("() => new URLSearchParams(location.search).get('cmp') === 'plan,theme:parks'")
    frame.locator(".sti-r-wendeng").wait_for(state="attached")
    assert frame.locator(".leaflet-sbs-range").count() == 1
    session.idle()
    frame.locator(".leaflet-sbs-range").focus()  # the divider by keyboard
    for _ in range(3):
        session.page.keyboard.press("ArrowLeft")
    session.page.wait_for_function("() => +new URLSearchParams(location.search).get('split') < 50")
    assert frame.locator(".leaflet-sbs-range").get_attribute("aria-label") == "卷帘分隔条:左右拖动或用方向键移动"
    session.idle()
    session.page.get_by_text("卷帘对比").click()
    session.page.wait_for_function("() => !new URLSearchParams(location.search).has('cmp')")
    frame.locator(".sti-r-wendeng").wait_for(state="detached")
    assert frame.locator(".leaflet-sbs-range").count() == 0 and frame.locator(".sti-cmp-badges").count() == 0
    assert frame.locator("body").evaluate("() => window.__stiMounted") == 22, "the map was remounted"
    assert session.errors == [] and session.external_requests() == []


def test_the_plan_against_an_own_layer(session, tmp_path):
    path = tmp_path / "站点.geojson"
    path.write_bytes(samples.geojson())
    session.page.goto(f"{session.base}/my-layer")
    session.page.get_by_text("尚未上传图层").wait_for()
    session.pick_file(path, re.compile(r"^已载入"))
    frame = session.map()
    frame.locator(".sti-f-upload_1").wait_for(state="attached")
    session.idle()
    session.page.get_by_text("卷帘对比").click()
    session.page.wait_for_function("() => new URLSearchParams(location.search).get('cmp') === 'plan,upload'")
    frame.locator(".sti-r-upload_1").wait_for(state="attached")
    right = frame.locator("body").evaluate("() => window.stiMap.swipe.spec.layers")
    assert right == ["upload"]  # the own layer alone on the right
    assert "upload" not in frame.locator("body").evaluate("() => window.stiMap.state().layers")  # not on the left
    session.idle()
    session.shot("compare-plan-own-layer")
    assert session.errors == [] and session.external_requests() == []


def test_a_layer_box_changes_both_sides_and_a_theme_side_keeps_its_districts(session):
    _open(session, "?layers=districts,parks&cmp=theme:parks,plan")
    session.idle()
    frame = session.map()
    frame.locator(".sti-r-wendeng").wait_for(state="attached")
    frame.locator("body").evaluate("() => { window.__stiMounted = 23; }")
    session.page.locator(".st-key-w-overview-layer-districts").get_by_text("区市与开发区").click()
    frame.locator(".sti-r-wendeng").wait_for(state="detached")  # the plan side (right) drops the districts
    session.page.wait_for_timeout(600)  # past the runtime's next state read
    assert frame.locator(".leaflet-sti-left-pane .sti-f-wendeng").count() == 1  # the theme side keeps them
    assert "districts" in frame.locator("body").evaluate("() => window.stiMap.state().layers")
    session.page.locator(".st-key-w-overview-layer-parks").get_by_text("园区").click()
    session.page.wait_for_function("() => !new URLSearchParams(location.search).get('layers')?.includes('parks')")
    frame.locator("body").evaluate(
        "() => new Promise(ok => { (function poll() { const s = window.stiMap.state().layers;"
        " if (s.indexOf('parks') === -1 && window.stiMap.swipe.spec.layers.indexOf('parks') === -1) { ok(1); }"
        " else { setTimeout(poll, 50); } })(); })")  # both sides drop the parks
    assert frame.locator("body").evaluate("() => window.__stiMounted") == 23, "the map was remounted"
    assert session.errors == [] and session.external_requests() == []
