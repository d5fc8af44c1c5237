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
