"""A GIS department's edit in PostGIS reaches a running app: after one interaction, with the edited notice.

The app runs with STI_GEO_DATABASE_URL pointing at a throwaway cluster the plan was published to; an editor
role moves a park as QGIS would commit it (one UPDATE of its geometry). Then the database goes away: the page
says so and keeps the last good catalog.
"""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.browser.conftest import ARTIFACTS, Session, free_port, start_app, stop_app
from tests.browser.test_overview import click_at

pytestmark = pytest.mark.browser
psycopg = pytest.importorskip("psycopg")
PARK = "p_lg_carbon_fiber"
MOVED = (122.32, 37.12)  # lon, lat: a place of its own on the map, away from every other park


@pytest.fixture(scope="module")
def published_app(catalog):
    from sti_geo.export.postgis import publish
    from tests.pg import throwaway_postgis

    with throwaway_postgis() as db:
        publish(catalog, db)
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("CREATE ROLE gis_editor LOGIN")
            conn.execute("GRANT USAGE ON SCHEMA weihai TO gis_editor")
            conn.execute("GRANT SELECT, UPDATE ON ALL TABLES IN SCHEMA weihai TO gis_editor")
        port = free_port()
        proc = start_app(port, ARTIFACTS / "streamlit-database.log", env={"STI_GEO_DATABASE_URL": db})
        try:
            yield f"http://127.0.0.1:{port}", db
        finally:
            stop_app(proc)


def _served_moved(base: str, seconds: float = 20.0) -> dict:
    """The park as the app's OGC API serves it, once it has moved (the process heard the database's NOTIFY)."""
    import time

    end = time.monotonic() + seconds
    while True:
        with urllib.request.urlopen(f"{base}/ogcapi/collections/parks/items/{PARK}?f=json", timeout=20) as r:
            served = json.loads(r.read())
        if served["geometry"]["coordinates"] == list(MOVED) or time.monotonic() > end:
            return served
        time.sleep(0.2)


def _marker_at(session: Session, lon: float, lat: float) -> float:
    """How far (px) the park's marker is drawn from (lon, lat)."""
    return session.map().locator("body").evaluate(
        f"""() => {{
            const el = document.querySelector('.sti-f-{PARK}');
            const r = el.getBoundingClientRect();
            const p = window.map.latLngToContainerPoint([{lat}, {lon}]);
            return Math.hypot(r.x + r.width / 2 - p.x, r.y + r.height / 2 - p.y);
        }}""")


def test_an_edit_in_postgis_shows_after_one_interaction_and_an_outage_is_said(browser, published_app, catalog):
    from sti_geo.cli import main
    from tests.pg import stop_cluster

    base, db = published_app
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30000)
    session = Session(page, base)
    page.goto(f"{base}/?layers=parks")
    session.map().locator(".sti-cluster").first.wait_for(state="attached")
    park = catalog.feature(PARK).geometry
    assert page.get_by_text("数据库中的修改").count() == 0

    editor = db.replace("postgres@", "gis_editor@")
    with psycopg.connect(editor) as conn:  # as QGIS commits a moved point
        conn.execute(f"UPDATE weihai.parks SET geom = ST_SetSRID(ST_MakePoint({MOVED[0]}, {MOVED[1]}), 4326) "
                     f"WHERE id = '{PARK}'")
    _served_moved(base)  # the process has seen the commit (its NOTIFY), as the OGC API shows: then the page

    session.idle()  # one interaction: the park picked where the reader saw it
    click_at(session, park.y, park.x)
    entry = session.map().locator(f'.sti-stack button[data-feature="{PARK}"]')
    entry.wait_for()
    entry.click()
    notice = page.locator(".sti-panel .sti-edited")
    notice.wait_for(timeout=20000)
    text = notice.inner_text()
    assert "数据库中的修改" in text and "gis_editor" in text and "位置已于" in text
    assert "碳纤维" in page.locator(".sti-panel .sti-quote").inner_text()  # the document's quote, unchanged
    session.map().locator(f".sti-f-{PARK}").first.wait_for(state="attached")
    assert session.map().locator(f".sti-f-{PARK}").count() == 1  # nothing left where it was
    assert _marker_at(session, *MOVED) < 20  # drawn where the database has it now
    session.shot("database-edit-panel")

    served = _served_moved(base)
    assert served["geometry"]["coordinates"] == list(MOVED) and served["properties"]["edited_by"] == "gis_editor"
    assert main(["diff", "--db", db]) == 0 and main(["history", "--db", db]) == 0

    stop_cluster(db)  # the database goes away: the page says so and keeps what it last read
    page.wait_for_timeout(1500)
    page.reload()
    page.get_by_text("无法连接数据库").wait_for(timeout=30000)
    session.map().locator(f".sti-f-{PARK}").first.wait_for(state="attached")
    assert session.errors == [] and page.locator(".stException").count() == 0
    session.shot("database-outage")
    context.close()
