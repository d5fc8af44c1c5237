"""The map's own JavaScript answers clicks and toggles; Python reruns only the map's fragment.

Each test marks the map's window (a remount loses the mark) and checks the state the URL keeps.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.test_overview import _clear_point, _open, click_at

pytestmark = pytest.mark.browser


def _mark(session, value: int) -> None:
    session.map().locator("body").evaluate(f"() => {{ window.__stiMounted = {value}; }}")


def _still_mounted(session, value: int) -> bool:
    return session.map().locator("body").evaluate("() => window.__stiMounted") == value


def test_a_click_opens_the_in_map_panel_then_the_side_panel_for_that_feature(session, catalog):
    _open(session)
    _mark(session, 7)
    defaults = [lid for lid, s in catalog.specs.items() if s.group != "base" and s.default_visible]
    for fid, name in (("rongcheng", "荣成市"), ("wendeng", "文登区")):
        p = _clear_point(catalog, fid, defaults)
        click_at(session, p.y, p.x)
        pop = session.map().locator(f'.sti-pop[data-feature="{fid}"]')
        pop.wait_for()  # drawn by the map itself
        assert name in pop.inner_text()
        assert session.map().locator(f".sti-f-{fid}.sti-lit").count() == 1
        side = session.page.locator(f'.sti-panel[data-feature="{fid}"]')
        side.wait_for()  # then the fragment's panel, for the same feature
        assert name in side.inner_text()
        session.page.wait_for_function(f"() => location.search.includes('sel={fid}')")
    assert session.map().locator(".sti-f-rongcheng.sti-lit").count() == 0, "the old selection stays lit"
    assert _still_mounted(session, 7), "a click remounted the map"
    assert session.errors == [] and session.external_requests() == []
    session.shot("runtime-click")


def test_a_point_click_shows_its_accuracy_and_clearing_unlights_it(session, catalog):
    _open(session, "?layers=districts,parks&sel=p_rc_nuclear", ready=".sti-accuracy")
    _mark(session, 3)
    assert session.map().locator(".sti-f-p_rc_nuclear.sti-lit").count() == 1
    session.page.get_by_role("button", name="清除选择").click()
    session.map().locator(".sti-accuracy").wait_for(state="detached")
    assert session.map().locator(".sti-f-p_rc_nuclear.sti-lit").count() == 0
    session.page.wait_for_function("() => !location.search.includes('sel=')")
    assert _still_mounted(session, 3)


def test_a_toggle_hides_exactly_its_layer_and_the_url_reopens_the_view(session):
    _open(session)
    _mark(session, 5)
    frame = session.map()
    belt, corridor = frame.locator(".sti-f-coastal_belt"), frame.locator(".sti-f-manufacturing_corridor")
    session.page.get_by_text("一带 环海创新经济带", exact=True).click()
    belt.wait_for(state="detached")
    assert corridor.count() == 1 and frame.locator(".sti-f-huancui").count() == 1
    session.page.locator('.sti-legend-row[data-layer="layout_belt"]').wait_for(state="detached")
    session.page.wait_for_function("() => location.search.includes('layers=') && !location.search.includes('belt')")
    frame.locator("body").evaluate("() => window.map.setView([37.0, 122.3], 10)")  # a pan, as a drag would
    session.page.wait_for_function("() => location.search.includes('view=')")
    session.page.get_by_text("一带 环海创新经济带", exact=True).click()
    belt.wait_for(state="attached")
    session.page.wait_for_function(
        "() => location.search.includes('layout_belt') || !location.search.includes('layers=')")
    session.page.wait_for_timeout(600)  # the fragment's rerun has reached the map: it must not undo the pan
    centre = frame.locator("body").evaluate("() => [window.map.getCenter(), window.map.getZoom()]")
    assert centre[1] == 10 and abs(centre[0]["lat"] - 37.0) < 1e-3 and abs(centre[0]["lng"] - 122.3) < 1e-3
    assert _still_mounted(session, 5), "a toggle or a pan remounted the map"
    session.page.get_by_text("一廊 中部制造业走廊", exact=True).click()
    corridor.wait_for(state="detached")
    session.page.wait_for_function("() => !location.search.includes('layout_corridor')")
    url = session.page.url
    view = re.search(r"view=([^&]+)", url).group(1)
    assert "10" in view.split("%2C")[-1] or view.endswith(",10")

    session.page.goto(url)  # the permalink reopens the same view
    session.map().locator(".sti-f-huancui").first.wait_for(state="attached")
    session.page.wait_for_timeout(500)
    assert session.map().locator(".sti-f-coastal_belt").count() == 1
    assert session.map().locator(".sti-f-manufacturing_corridor").count() == 0
    centre = session.map().locator("body").evaluate("() => [window.map.getCenter(), window.map.getZoom()]")
    assert centre[1] == 10 and abs(centre[0]["lat"] - 37.0) < 0.05 and abs(centre[0]["lng"] - 122.3) < 0.05


def test_after_a_click_a_search_pick_moves_the_map_and_selects_without_a_remount(session, catalog):
    """A click reruns only the side; a search pick must still reach the map (its fragment) and fly there."""
    _open(session)
    _mark(session, 11)
    session.idle()
    defaults = [lid for lid, s in catalog.specs.items() if s.group != "base" and s.default_visible]
    p = _clear_point(catalog, "rongcheng", defaults)
    click_at(session, p.y, p.x)
    session.page.locator('.sti-panel[data-feature="rongcheng"]').wait_for()
    session.page.wait_for_function("() => location.search.includes('sel=rongcheng')")
    session.idle()

    session.page.get_by_role("combobox", name="搜索园区、平台、区域").click()
    session.page.keyboard.type("环翠区")
    session.page.get_by_role("option", name=re.compile("^环翠区")).first.click()
    session.page.locator('.sti-panel[data-feature="huancui"]').wait_for()
    session.page.wait_for_function("() => location.search.includes('sel=huancui')")
    west, south, east, north = catalog.feature("huancui").geometry.bounds
    session.page.wait_for_function(  # the map flies to the pick (its fragment reran)
        f"""() => {{ const c = document.querySelector("iframe[title*='streamlit_folium']")
                      .contentWindow.map.getCenter();
                    return c.lat > {south} && c.lat < {north} && c.lng > {west} && c.lng < {east}; }}""")
    assert session.map().locator(".sti-f-huancui.sti-lit").count() == 1
    assert _still_mounted(session, 11), "a search remounted the map"
    assert session.errors == [] and session.external_requests() == []


_AT = """(_body, [lat, lon, zoom]) => new Promise((ok, fail) => { const t0 = Date.now(); (function poll() {
    const c = window.map.getCenter();
    if (Math.abs(c.lat - lat) < 0.005 && Math.abs(c.lng - lon) < 0.005 && window.map.getZoom() === zoom)
        return ok(true);
    if (Date.now() - t0 > 5000) return fail(new Error('map at ' + c + ' z' + window.map.getZoom()));
    setTimeout(poll, 50); })(); })"""


def test_a_view_asked_while_the_map_zooms_is_where_it_lands(session):
    """Leaflet alone ends such a pan beside its target (the zoom's end resets the centre under it)."""
    _open(session)
    frame = session.map().locator("body")
    for gap_ms in (0, 60, 150):  # the next view asked at once, early and late in the 250 ms zoom
        frame.evaluate("""(_body, [gap]) => { window.map.setView([37.5, 122.1], 10);
                                      setTimeout(() => { window.map.setView([37.1, 122.3], 9); }, gap); }""",
                       [gap_ms])
        frame.evaluate(_AT, [37.1, 122.3, 9])


def test_quick_moves_are_not_pulled_back_by_the_minimap_and_a_drag_on_it_moves_the_map(session):
    """The minimap follows every move; only a person's drag on it moves the main map."""
    _open(session)
    frame = session.map().locator("body")
    for _ in range(3):  # pans asked 80 ms apart: each starts before the minimap has followed the last
        frame.evaluate("""() => { const views = [[37.3, 122.0], [37.0, 122.3], [37.25, 122.45], [37.1, 122.2]];
                                  views.forEach((v, i) => setTimeout(() => { window.map.setView(v, 9); }, i * 80));
                               }""")
        frame.evaluate(_AT, [37.1, 122.2, 9])
        session.page.wait_for_timeout(700)  # the minimap's own moves have ended: the map stayed
        frame.evaluate(_AT, [37.1, 122.2, 9])
    box = session.map().locator(".leaflet-control-minimap").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    session.page.mouse.move(x, y)
    session.page.mouse.down()
    for step in range(1, 11):
        session.page.mouse.move(x - 4 * step, y - 3 * step)
    session.page.mouse.up()
    session.page.wait_for_function(  # dragged left and up: the map looks further east and south
        """() => { const c = document.querySelector("iframe[title*='streamlit_folium']").contentWindow.map.getCenter();
                   return c.lng > 122.25 && c.lat < 37.05; }""", timeout=5000)


def test_the_map_reports_a_persons_pan_but_not_arriving_where_python_sent_it(session):
    """A scene or a search pick moves the map; reporting that back would only cost a run."""
    _open(session, "layout?present=1", ".sti-f-core")
    frame = session.map().locator("body")
    frame.evaluate("""() => { window.__moves = 0; const send = window.Streamlit.setComponentValue;
                              window.Streamlit.setComponentValue = (v) => { if (v.event === 'move') window.__moves++;
                                                                            return send(v); }; }""")
    session.page.get_by_role("button", name="下一幕 ▶").click()
    session.page.get_by_text("第 2/6 幕").wait_for()
    session.page.wait_for_timeout(1500)  # the flight, then longer than the map waits before it reports
    assert frame.evaluate("() => window.__moves") == 0
    before = session.page.evaluate("() => new URLSearchParams(location.search).get('view')")
    box = session.map().locator("#map_div").bounding_box()
    session.page.mouse.move(box["x"] + 300, box["y"] + 300)
    session.page.mouse.down()
    session.page.mouse.move(box["x"] + 200, box["y"] + 250, steps=8)
    session.page.mouse.up()
    session.page.wait_for_function("() => document.querySelector(\"iframe[title*='streamlit_folium']\")"
                                   ".contentWindow.__moves === 1", timeout=5000)
    session.page.wait_for_function("v => new URLSearchParams(location.search).get('view') !== v", arg=before,
                                   timeout=5000)  # the pan reached the permalink
