"""The Districts page at a laptop's size: tables across the page, a row opens its feature beside the map."""

from __future__ import annotations

import pytest

from tests.browser.test_overview import _open

pytestmark = pytest.mark.browser


def test_tables_show_every_column_and_a_row_opens_its_feature_beside_the_map(session, catalog):
    session.page.set_viewport_size({"width": 1366, "height": 768})
    _open(session, "districts?district=huancui&lang=en")
    session.idle()
    grids = session.page.locator("[data-testid=stDataFrame]")
    grids.first.wait_for()
    headers = grids.nth(1).locator("[role=columnheader]").all_inner_texts()
    assert {"Name", "Type", "Level (as stated)", "Industries"} <= {h.strip() for h in headers}, headers
    for i in range(2):  # wider than the side column was: every column in view, none cut to nothing
        box = grids.nth(i).bounding_box()
        assert box["width"] >= 800, box
    platforms = catalog.layers["platforms"]
    first = platforms[platforms["district_id"] == "huancui"].iloc[0]
    grids.nth(1).scroll_into_view_if_needed()
    grid = grids.nth(1).bounding_box()
    session.page.mouse.click(grid["x"] + 16, grid["y"] + 35 + 18)  # the first row's selection box
    panel = session.page.locator(f'.sti-panel[data-feature="{first["id"]}"]')
    panel.wait_for(state="attached", timeout=15000)
    panel.scroll_into_view_if_needed()
    frame = session.page.locator("iframe[title*='streamlit_folium']").bounding_box()
    where = panel.bounding_box()
    assert where["x"] > frame["x"] + frame["width"] - 5  # beside the map …
    assert where["y"] < frame["y"] + frame["height"]  # … not a thousand pixels down under the tables
    assert f"sel={first['id']}" in session.page.url
    session.shot("districts-row-opens-feature")
    assert session.errors == [] and session.external_requests() == []
