"""LISTEN/NOTIFY: an edit committed in PostGIS reaches the process's catalog; an outage keeps the last good one."""

from __future__ import annotations

import time

import pytest

from sti_geo.export.live import LiveCatalog
from sti_geo.export.postgis import publish
from tests.pg import start_cluster, stop_cluster, throwaway_postgis

psycopg = pytest.importorskip("psycopg")
PARK = "p_lg_carbon_fiber"


def _until(condition, seconds: float = 10.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_an_edit_reaches_the_catalog_and_an_outage_keeps_the_last_good_one(catalog):
    with throwaway_postgis() as db:
        publish(catalog, db)
        live = LiveCatalog(db)
        assert _until(lambda: live._listening)
        first = live.current(catalog)
        assert first.outage == "" and first.published and live.is_current(first.catalog)
        assert live.current(catalog).catalog is first.catalog  # nothing notified: not read again
        with psycopg.connect(db) as conn:
            conn.execute(f"UPDATE weihai.parks SET geom = ST_SetSRID(ST_MakePoint(122.1, 37.2), 4326) "
                         f"WHERE id = '{PARK}'")
        assert _until(lambda: not live.is_current(first.catalog), 5)  # the trigger's NOTIFY arrived
        second = live.current(catalog)
        assert live.is_current(second.catalog) and live.current(catalog).catalog is second.catalog
        assert not live.is_current(first.catalog)  # an older read, replaced by another caller's: not current
        assert second.catalog.feature(PARK).geometry.x == 122.1 and second.catalog.feature(PARK)["edited_by"]

        stop_cluster(db)  # the database goes away
        assert _until(lambda: not live._listening, 10)
        gone = live.current(catalog)
        assert gone.outage.startswith("cannot") and gone.catalog is second.catalog  # the last good one, said so
        assert gone.since == second.since
        assert live.is_current(second.catalog)  # still the one to show: no page reruns for nothing

        start_cluster(db)  # it comes back: the listener reconnects and the next ask reads it again
        assert _until(lambda: live._listening, 15)
        live._kept[catalog.token].tried = 0.0  # (the retry pause is not what this test waits for)
        back = live.current(catalog)
        assert back.outage == "" and back.catalog.feature(PARK).geometry.x == 122.1


def test_a_database_without_this_pack_shows_the_pack(catalog):
    with throwaway_postgis() as db:
        answer = LiveCatalog(db, listen=False).current(catalog)
        assert answer.catalog is catalog and not answer.published and answer.outage == ""
