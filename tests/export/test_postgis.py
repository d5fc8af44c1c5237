"""``publish --db``: a region pack in PostGIS, one schema per region, opened styled and labelled in QGIS.

A throwaway cluster (tests/pg.py) on a free loopback port per module; QGIS runs in Debian's python3.
"""

from __future__ import annotations

import pytest

from sti_geo import InputError, load_catalog
from sti_geo._errors import OutputError
from sti_geo.export.postgis import publish, schema_name
from sti_geo.settings import settings_from_env
from tests.export.test_qgis import _qgis_available, _render
from tests.pg import throwaway_postgis

psycopg = pytest.importorskip("psycopg")


@pytest.fixture(scope="module")
def db():
    with throwaway_postgis() as url:
        yield url


def _rows(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


def test_publish_writes_every_layer_with_its_type_srid_key_and_comments(catalog, db):
    report = publish(catalog, db)
    assert report.schema == "weihai"
    columns = dict(((t, (k, s)) for _, t, k, s in _rows(
        db, "SELECT f_table_schema, f_table_name, type, srid FROM geometry_columns WHERE f_table_schema = 'weihai'")))
    assert set(columns) == set(catalog.layers)
    assert columns["parks"] == ("POINT", 4326) and columns["districts"] == ("MULTIPOLYGON", 4326)
    assert columns["layout_belt"] == ("LINESTRING", 4326)
    for lid, gdf in catalog.layers.items():  # every feature, once, keyed by the plan's id
        assert _rows(db, f'SELECT count(*), count(DISTINCT id) FROM weihai."{lid}"')[0] == (len(gdf), len(gdf))
    keys = _rows(db, "SELECT tc.table_name FROM information_schema.table_constraints tc "
                     "WHERE tc.table_schema = 'weihai' AND tc.constraint_type = 'PRIMARY KEY'")
    assert {t for (t,) in keys} >= set(catalog.layers) | {"metrics", "industries", "industry_links", "sources"}
    # Chinese intact, integers as integers, NULL where missing, the verbatim quote kept
    name, accuracy, outline, quote = _rows(db, "SELECT name, accuracy_m, outline_m, quote FROM weihai.parks "
                                               "WHERE id = 'p_lg_carbon_fiber'")[0]
    assert name == "临港区碳纤维产业园" and isinstance(accuracy, int) and outline is None and "碳纤维" in quote
    assert _rows(db, "SELECT outline_m FROM weihai.districts WHERE id = 'zongbaoqu'")[0][0] >= 100_000
    assert _rows(db, "SELECT count(*) FROM weihai.metrics")[0][0] == len(catalog.metrics)
    # what each table and field holds
    assert "Parks" in _rows(db, "SELECT obj_description('weihai.parks'::regclass)")[0][0]
    assert "verbatim" in _rows(db, "SELECT col_description('weihai.parks'::regclass, "
                                   "(SELECT attnum FROM pg_attribute WHERE attrelid = 'weihai.parks'::regclass "
                                   "AND attname = 'quote'))")[0][0]
    # one default style per layer, in QGIS's own shape
    styles = _rows(db, "SELECT f_table_catalog, f_table_name, useasdefault, f_geometry_column FROM "
                       "public.layer_styles WHERE f_table_schema = 'weihai'")
    assert {t for _, t, _, _ in styles} == set(catalog.layers) and len(styles) == len(catalog.layers)
    assert all(c == "postgres" and d and g == "geom" for c, _, d, g in styles)


def test_publishing_again_replaces_the_schema_and_its_styles(catalog, db):
    publish(catalog, db)
    with psycopg.connect(db) as conn:  # a row someone added by hand is gone after the next publish
        conn.execute("INSERT INTO weihai.sources (file) VALUES ('stray.txt')")
    publish(catalog, db)
    assert _rows(db, "SELECT count(*) FROM weihai.sources WHERE file = 'stray.txt'")[0][0] == 0
    assert _rows(db, "SELECT count(*) FROM public.layer_styles WHERE f_table_schema = 'weihai'")[0][0] == \
        len(catalog.layers)
    qingdao = publish(load_catalog(settings_from_env("qingdao")), db)  # another region: its own schema
    assert qingdao.schema == "qingdao" and _rows(db, "SELECT count(*) FROM weihai.parks")[0][0] == \
        len(catalog.layers["parks"])


def test_a_failed_publish_changes_nothing(catalog, db, monkeypatch):
    publish(catalog, db)
    from sti_geo.export import postgis

    def broken(cur, schema, tname, df):  # the database refuses a table half-way through
        cur.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(postgis, "_write_table", broken)
    with pytest.raises(OutputError, match="nothing was changed"):
        publish(catalog, db)
    assert _rows(db, "SELECT count(*) FROM weihai.parks")[0][0] == len(catalog.layers["parks"])


@pytest.mark.parametrize(("url", "message"), [
    ("postgresql://postgres@127.0.0.1:1/postgres", "cannot connect to the database"),
    ("not a url at all", "cannot connect to the database"),
])
def test_a_bad_database_url_is_a_clear_message(catalog, url, message):
    with pytest.raises(InputError, match=message):
        publish(catalog, url)


def test_a_schema_name_must_be_an_identifier(catalog):
    assert schema_name(catalog) == "weihai"
    for bad in ("Weihai", "public", "pg_x", "a-b", "x" * 70, ""):
        with pytest.raises(InputError):
            schema_name(catalog, bad or "1")


@pytest.mark.skipif(not _qgis_available(), reason="Debian's python3-qgis is not installed")
def test_qgis_opens_every_published_layer_styled_and_labelled(catalog, db, tmp_path):
    publish(catalog, db)
    conninfo = db.replace("postgresql://postgres@", "").replace("/postgres", "")
    host, port = conninfo.split(":")
    source = f"postgres:host={host} port={port} dbname=postgres user=postgres|weihai|" + ",".join(
        lid for lid in catalog.layers if lid != "base_land")
    layers = _render(tmp_path, source)["layers"]  # type: ignore[arg-type]
    assert all(info["style_loaded"] for info in layers.values()), layers
    assert layers["parks"]["renderer"] == "pointDisplacement" and layers["districts"]["renderer"] == "singleSymbol"
    assert layers["parks"]["labels_enabled"] and layers["parks"]["labels"] >= 1
    assert not layers["base_boundaries"]["labels_enabled"]
    assert layers["districts"]["features"] == len(catalog.layers["districts"])


def test_cli_publishes_and_says_what_it_wrote(catalog, db, capsys):
    from sti_geo.cli import main

    assert main(["publish", "--db", db, "--schema", "weihai_cli"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("published schema weihai_cli: ") and f"parks {len(catalog.layers['parks'])}," in out
    assert _rows(db, "SELECT count(*) FROM weihai_cli.platforms")[0][0] > 0
    assert main(["publish", "--db", "postgresql://postgres@127.0.0.1:1/x"]) == 2
    assert "cannot connect to the database" in capsys.readouterr().err
    assert main(["publish", "--db", db, "--schema", "Bad-Name"]) == 2


def test_every_edit_is_recorded_with_its_role_and_old_and_new_values(catalog, db):
    publish(catalog, db)
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS gis_editor")
        conn.execute("CREATE ROLE gis_editor LOGIN")
        conn.execute("GRANT USAGE ON SCHEMA weihai, sti_geo_audit TO gis_editor")  # no right on the trail itself
        conn.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA weihai TO gis_editor")
        before = conn.execute("SELECT max(id) FROM sti_geo_audit.history").fetchone()[0]
    editor = db.replace("postgres@", "gis_editor@")
    with psycopg.connect(editor) as conn:  # a GIS department corrects a position and a name, removes a row
        conn.execute("UPDATE weihai.parks SET geom = ST_SetSRID(ST_MakePoint(122.1, 37.4), 4326), "
                     "name_en = 'Corrected' WHERE id = 'p_lg_carbon_fiber'")
        conn.execute("DELETE FROM weihai.industry_links WHERE fid = 1")
    with psycopg.connect(editor) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("DELETE FROM sti_geo_audit.history")  # the trail is not the editor's to change
    rows = _rows(db, "SELECT role, table_name, action, row_id, old_row, new_row FROM sti_geo_audit.history "
                     "WHERE id > %s ORDER BY id", (before,))
    assert [(r[0], r[1], r[2]) for r in rows] == [("gis_editor", "parks", "UPDATE"),
                                                  ("gis_editor", "industry_links", "DELETE")]
    _, _, _, row_id, old, new = rows[0]
    assert row_id == "p_lg_carbon_fiber" and old["name_en"] != "Corrected" and new["name_en"] == "Corrected"
    assert new["geom"]["coordinates"] == [122.1, 37.4] and old["geom"]["type"] == "Point"  # GeoJSON
    assert rows[1][5] is None and rows[1][4]["fid"] == 1
    publish(catalog, db)  # publishing again keeps the trail, and records itself
    assert _rows(db, "SELECT count(*) FROM sti_geo_audit.history WHERE id > %s", (before,))[0][0] == 3
    last = _rows(db, "SELECT action, schema_name, new_row FROM sti_geo_audit.history ORDER BY id DESC LIMIT 1")[0]
    assert last[0] == "PUBLISH" and last[1] == "weihai" and last[2]["tables"]["parks"] == len(catalog.layers["parks"])


def test_an_edit_notifies_listeners(catalog, db):
    publish(catalog, db)
    with psycopg.connect(db, autocommit=True) as listener, psycopg.connect(db) as writer:
        listener.execute("LISTEN sti_geo")
        writer.execute("UPDATE weihai.parks SET name_en = name_en WHERE id = 'p_lg_carbon_fiber'")
        writer.commit()
        note = next(listener.notifies(timeout=5))
        assert (note.channel, note.payload) == ("sti_geo", "weihai")
