"""Honest stacks: parks that share a position (the documents give no site) open as a list, not a bare count."""

from __future__ import annotations

import pytest

from tests.browser.test_overview import _open, click_at

pytestmark = pytest.mark.browser


def _biggest_stack(catalog, lid: str):
    gdf = catalog.layers[lid]
    groups = gdf.groupby([gdf.geometry.x.round(7), gdf.geometry.y.round(7)])
    (x, y), members = max(groups, key=lambda item: len(item[1]))
    return y, x, members


def test_clicking_a_stack_lists_its_members_and_a_member_opens_its_panel(session, catalog):
    lat, lon, members = _biggest_stack(catalog, "parks")
    acc_km = round(int(members["accuracy_m"].max()) / 1000)
    _open(session, f"?layers=districts,parks&view={lat:.5f},{lon:.5f},13")
    session.map().locator(".sti-cluster").first.wait_for()
    click_at(session, lat, lon)
    stack = session.map().locator(".sti-stack")
    stack.wait_for()
    assert f"{len(members)} 项位于同一位置" in stack.inner_text() and f"±{acc_km} 公里" in stack.inner_text()
    names = stack.locator("button").all_inner_texts()
    assert sorted(names) == sorted(members["name"])
    first = members.sort_values("name").iloc[0]
    stack.locator(f'button[data-feature="{first["id"]}"]').click()
    session.map().locator(f'.sti-pop[data-feature="{first["id"]}"]').wait_for()
    session.page.locator(f'.sti-panel[data-feature="{first["id"]}"]').wait_for()
    session.page.wait_for_function(f"() => location.search.includes('sel={first['id']}')")
    assert session.errors == [] and session.external_requests() == []
    session.shot("stack-list")


def test_a_stack_says_it_is_approximate_on_hover(session, catalog):
    lat, lon, members = _biggest_stack(catalog, "parks")
    _open(session, f"?lang=en&layers=districts,parks&view={lat:.5f},{lon:.5f},13")
    session.map().locator(".sti-cluster").first.wait_for()
    xy = session.map().locator("body").evaluate(f"() => window.map.latLngToContainerPoint([{lat}, {lon}])")
    box = session.map().locator("#map_div").bounding_box()
    session.page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
    tip = session.map().locator(".leaflet-tooltip", has_text="approximate")
    tip.wait_for()
    assert f"{len(members)} · approximate, ±" in tip.inner_text()
