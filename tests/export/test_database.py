"""The published plan read back: differences from the pack, edits laid over the catalog with who and when."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sti_geo import InputError
from sti_geo._errors import NotPublishedError, StoreUnavailableError
from sti_geo.export.bundle import Selection, export_files
from sti_geo.export.database import check_edits, differences, read_published
from sti_geo.export.overlay import overlay
from sti_geo.export.postgis import publish
from sti_geo.views.details import feature_details
from tests.pg import throwaway_postgis

psycopg = pytest.importorskip("psycopg")
PARK = "p_lg_carbon_fiber"


@pytest.fixture(scope="module")
def db():
    with throwaway_postgis() as url:
        yield url


@pytest.fixture
def published(catalog, db):
    publish(catalog, db)
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS gis_editor")
        conn.execute("CREATE ROLE gis_editor LOGIN")
        conn.execute("GRANT USAGE ON SCHEMA weihai TO gis_editor")
        conn.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA weihai TO gis_editor")
    return db.replace("postgres@", "gis_editor@")


def _edit(url: str, *sql: str) -> None:
    with psycopg.connect(url) as conn:  # one transaction, committed as QGIS commits an edit session
        for statement in sql:
            conn.execute(statement)


def test_a_freshly_published_pack_has_no_differences(catalog, db, published):
    assert differences(catalog, read_published(db, catalog)) == []
    assert check_edits(catalog, read_published(db, catalog)) == []


def test_a_corrected_position_shows_with_who_and_when_and_the_quote_stays(catalog, db, published):
    _edit(published, f"UPDATE weihai.parks SET geom = ST_SetSRID(ST_MakePoint(122.10, 37.20), 4326) "
                     f"WHERE id = '{PARK}'")
    got = read_published(db, catalog)
    (change,) = differences(catalog, got)
    assert (change.layer, change.feature_id, change.change, change.fields) == ("parks", PARK, "changed",
                                                                                ("geometry",))
    assert change.role == "gis_editor" and change.at.endswith("UTC")
    edited = overlay(catalog, got)
    row = edited.feature(PARK)
    assert (row.geometry.x, row.geometry.y) == (122.10, 37.20)
    assert row["quote"] == catalog.feature(PARK)["quote"]  # what the document says, unchanged
    assert catalog.feature(PARK)["accuracy_m"] > 0 and pd.isna(row["accuracy_m"])  # the documents' radius: theirs
    assert row["edited_by"] == "gis_editor" and "Position corrected in the database" in row["edit_note"]
    assert "位置已于" in row["edit_note_zh"] and "gis_editor" in row["edit_note_zh"]
    assert edited.token != catalog.token and catalog.feature(PARK).geometry.x != 122.10  # the pack is untouched
    assert "gis_editor" in feature_details(edited, PARK, "en").edit_note
    (geojson,) = export_files(edited, Selection(layer="parks"), "geojson").values()  # exports say so too
    exported = next(f["properties"] for f in json.loads(geojson)["features"] if f["properties"]["id"] == PARK)
    assert exported["edited_by"] == "gis_editor" and exported["edited_at"] == change.at
    assert exported["edit_note"].startswith("Position corrected") and exported["quote"] == row["quote"]


def test_changed_fields_added_and_removed_rows(catalog, db, published):
    _edit(published, f"UPDATE weihai.parks SET name_en = 'Carbon Fibre Park' WHERE id = '{PARK}'",
          "DELETE FROM weihai.parks WHERE id = 'p_yuanyao_bay'",
          "INSERT INTO weihai.parks (id, name, layer, source, quote, geometry_basis, geom) "
          "SELECT 'p_new', '新园区', 'parks', source, quote, 'approximate', "
          "ST_SetSRID(ST_MakePoint(122.0, 37.3), 4326) FROM weihai.parks WHERE id = 'p_nh_graphene'")
    got = read_published(db, catalog)
    changes = {(d.feature_id, d.change, d.fields) for d in differences(catalog, got)}
    assert changes == {(PARK, "changed", ("name_en",)), ("p_yuanyao_bay", "removed", ()), ("p_new", "added", ())}
    edited = overlay(catalog, got)
    assert edited.feature(PARK)["name_en"] == "Carbon Fibre Park"
    assert "Fields name_en changed" in edited.feature(PARK)["edit_note"]
    assert edited.feature("p_yuanyao_bay") is None
    assert "not a fact from the plan's documents" in edited.feature("p_new")["edit_note"]
    assert len(edited.layers["parks"]) == len(catalog.layers["parks"])


def test_edits_that_break_a_rule_are_named_and_not_shown(catalog, db, published):
    _edit(published, f"UPDATE weihai.parks SET quote = '一句文件里没有的话' WHERE id = '{PARK}'",
          "UPDATE weihai.parks SET geom = NULL WHERE id = 'p_nh_graphene'",
          "INSERT INTO weihai.parks (id, name, layer, geom) VALUES "
          "('p_bare', '无出处', 'parks', ST_SetSRID(ST_MakePoint(122.0, 37.3), 4326))")
    got = read_published(db, catalog)
    flagged = check_edits(catalog, got)
    named = {(p.feature_id, p.field) for p in flagged}
    assert {(PARK, "quote"), ("p_nh_graphene", "geometry"), ("p_bare", "quote")} <= named
    assert all(p.file == "weihai.parks (database)" for p in flagged)
    edited = overlay(catalog, got)
    assert edited.feature(PARK)["quote"] == catalog.feature(PARK)["quote"]  # shown as documented
    assert edited.feature("p_nh_graphene").geometry is not None and edited.feature("p_bare") is None
    assert edited.flagged == flagged and not edited.problems


def test_no_published_schema_and_no_database_are_one_line_errors(catalog, db):
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS weihai CASCADE")
    with pytest.raises(NotPublishedError, match="no published schema 'weihai'"):
        read_published(db, catalog)
    with pytest.raises(StoreUnavailableError, match="cannot connect"):
        read_published("postgresql://nobody@127.0.0.1:1/none", catalog)
    with pytest.raises(InputError, match="malformed"):
        read_published("host=127.0.0.1 port", catalog)


def test_history_diff_and_validate_on_the_command_line(catalog, db, published, capsys):
    from sti_geo.cli import main

    _edit(published, f"UPDATE weihai.parks SET geom = ST_SetSRID(ST_MakePoint(122.1, 37.2), 4326), "
                     f"name_en = 'Carbon Fibre Park' WHERE id = '{PARK}'")
    assert main(["history", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "PUBLISH" in out[0]
    assert "gis_editor" in out[-1] and "UPDATE" in out[-1] and PARK in out[-1]
    assert out[-1].endswith("(geometry, name_en)")
    assert main(["diff", "--db", db]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip().startswith(f"parks [{PARK}] changed (geometry, name_en) — ")
    assert "by gis_editor" in captured.out and "1 difference(s)" in captured.err
    assert main(["validate", "--db", db]) == 0
    assert "1 difference(s) from the pack, none breaking a data rule" in capsys.readouterr().out

    _edit(published, f"UPDATE weihai.parks SET quote = '文件里没有' WHERE id = '{PARK}'")
    assert main(["validate", "--db", db]) == 1
    err = capsys.readouterr().err
    assert f"weihai.parks (database) [{PARK}] quote: not found verbatim" in err and "break a data rule" in err
    assert main(["diff", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 1
    assert capsys.readouterr().err.startswith("error: cannot connect to the database")
    assert main(["history", "--db", "nonsense"]) == 2
    assert "malformed" in capsys.readouterr().err


def test_a_reader_without_the_trail_s_rights_sees_the_edits_without_who_and_when(catalog, db, published):
    _edit(published, f"UPDATE weihai.parks SET name_en = 'Carbon Fibre Park' WHERE id = '{PARK}'")
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS plain_reader")
        conn.execute("CREATE ROLE plain_reader LOGIN")
        conn.execute("GRANT USAGE ON SCHEMA weihai TO plain_reader")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA weihai TO plain_reader")
    got = read_published(db.replace("postgres@", "plain_reader@"), catalog)
    assert got.last_edit == {}
    row = overlay(catalog, got).feature(PARK)
    assert row["name_en"] == "Carbon Fibre Park" and "(unrecorded)" in row["edit_note"]



def test_side_tables_are_compared_too(catalog, db, published):
    """A metric's value corrected and a link removed: diff lists both; the map's features are untouched."""
    metric = catalog.metrics.iloc[0]
    _edit(published, f"UPDATE weihai.metrics SET qualifier = '（已核）' WHERE id = '{metric['id']}'",
          "DELETE FROM weihai.industry_links WHERE industry = 'ind_it' AND feature = 'f_miit_eit'")
    got = read_published(db, catalog)
    changes = {(d.layer, d.feature_id, d.change, d.fields) for d in differences(catalog, got)}
    assert changes == {("metrics", metric["id"], "changed", ("qualifier",)),
                       ("industry_links", "ind_it → f_miit_eit", "removed", ())}
    assert overlay(catalog, got).layers["parks"].equals(catalog.layers["parks"])
