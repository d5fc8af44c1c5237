"""What lies within, in the browser: the query's outline on the map, its answer beside it, cleared in place."""

from __future__ import annotations

import pytest

from tests.browser.test_overview import _open

pytestmark = pytest.mark.browser


def test_a_query_from_a_link_draws_its_outline_and_clearing_removes_it(session):
    _open(session, "?layers=districts,parks,platforms&q=c%3A122.12,37.51,10")
    session.idle()
    outline = session.map().locator("path.sti-query-certain")
    outline.wait_for(state="attached")
    session.page.get_by_text("范围查询(已设定)").wait_for()
    session.map().locator("body").evaluate("() => { window.__stiMounted = 5; }")
    session.shot("within-circle")
    session.page.get_by_role("button", name="清除查询").click()
    outline.wait_for(state="detached")
    session.page.wait_for_function("() => !location.search.includes('q=')")
    assert session.map().locator("body").evaluate("() => window.__stiMounted") == 5, "the map was remounted"
    assert session.errors == [] and session.external_requests() == []


def test_around_an_approximate_feature_only_the_possible_ring_is_drawn(session):
    _open(session, "?q=f%3Acore,10")
    session.idle()
    session.map().locator("path.sti-query-possible").wait_for(state="attached")
    assert session.map().locator("path.sti-query-certain").count() == 0  # ±104 km: certain nowhere
    assert session.external_requests() == []


def _page_xy(session, lat: float, lon: float) -> tuple[float, float]:
    xy = session.map().locator("body").evaluate(f"() => window.map.latLngToContainerPoint([{lat}, {lon}])")
    box = session.map().locator("#map_div").bounding_box()
    return box["x"] + xy["x"], box["y"] + xy["y"]


def test_drawing_a_rectangle_lists_what_lies_within_it(session, catalog):
    _open(session, "?layers=districts,parks,platforms")
    session.idle()
    session.map().locator("body").evaluate("() => { window.__stiMounted = 3; }")
    session.map().locator(".leaflet-draw-draw-rectangle").click()
    start, end = _page_xy(session, 37.56, 121.98), _page_xy(session, 37.42, 122.25)
    session.page.mouse.move(*start)
    session.page.mouse.down()
    session.page.mouse.move((start[0] + end[0]) / 2, (start[1] + end[1]) / 2, steps=5)
    session.page.mouse.move(*end, steps=5)
    session.page.mouse.up()
    session.page.wait_for_function("() => new URLSearchParams(location.search).get('q')?.startsWith('r:')")
    session.map().locator("path.sti-query-certain").wait_for(state="attached")
    session.page.get_by_text("范围查询(已设定)").wait_for()
    session.idle()
    session.shot("within-drawn-rectangle")
    from urllib.parse import parse_qs, urlparse

    from sti_geo.model.within import query_from_text, within

    text = parse_qs(urlparse(session.page.url).query)["q"][0]
    w, s, e, n = query_from_text(catalog, text).coords
    assert abs(w - 121.98) < 0.01 and abs(n - 37.56) < 0.01 and abs(e - 122.25) < 0.01 and abs(s - 37.42) < 0.01
    answer = within(catalog, query_from_text(catalog, text), ("districts", "parks", "platforms"))
    counts = answer["status"].value_counts()
    metric = session.page.locator("[data-testid=stMetric]").filter(has_text="在范围内").first
    assert metric.inner_text().split()[-1] == str(int(counts.get("within", 0)))  # the panel lists that answer
    assert session.map().locator("body").evaluate("() => window.__stiMounted") == 3, "the map was remounted"
    assert session.errors == [] and session.external_requests() == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_counts_are_whole_at_1366_by_768(session, lang):
    session.page.set_viewport_size({"width": 1366, "height": 768})
    _open(session, f"?layers=districts,parks,platforms&q=c%3A122.1%2C37.45%2C15&lang={lang}")
    session.idle()
    labels = session.page.locator("[data-testid=stMetricLabel]")
    labels.first.wait_for()
    assert labels.count() == 3
    cut = labels.evaluate_all("els => els.filter(e => { const t = e.querySelector('[data-testid=stMarkdownContainer]');"
                              " return t && t.scrollWidth > t.clientWidth; }).map(e => e.innerText)")
    assert cut == [], cut  # "部分在范…": three equal columns were too narrow for the words
    session.shot(f"within-counts-1366-{lang}")
