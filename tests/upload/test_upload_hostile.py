"""Hostile uploads: DTDs and entities, SQL views, nested zips, garbage .prj; messages never show server details."""

from __future__ import annotations

import io
import logging
import sqlite3
import zipfile
from pathlib import Path

import pytest

from sti_app.upload_form import read_or_message
from sti_geo._errors import UploadError
from sti_geo.upload.layer import UploadOptions, read_upload
from sti_geo.upload.messages import MESSAGES, message
from tests import upload_samples as samples

PLACEMARK = (b'<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&x;</name>'
             b"<Point><coordinates>122.1,37.5</coordinates></Point></Placemark></Document></kml>")


def _xxe(target: Path) -> bytes:
    return (b'<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY x SYSTEM "file://' + str(target).encode()
            + b'">]>\n' + PLACEMARK)


def _billion_laughs() -> bytes:
    entities = b'<!ENTITY a "lol">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10) for i in range(9))
    return b'<?xml version="1.0"?>\n<!DOCTYPE kml [' + entities + b"]>\n" + PLACEMARK.replace(b"&x;", b"&j;")


def _code(data: bytes, name: str, **options) -> str:
    with pytest.raises(UploadError) as err:
        read_upload(data, name, UploadOptions(**options))
    return err.value.code


def test_kml_external_entity_is_refused_before_parsing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    layer, problem = read_or_message(_xxe(secret), "x.kml", UploadOptions(), None, None, "en")
    assert layer is None and "DTD" in problem and "TOP-SECRET" not in problem
    assert _code(_xxe(secret), "x.kml") == "kml_dtd"


def test_billion_laughs_kml_is_refused_without_expanding():
    assert _code(_billion_laughs(), "lol.kml") == "kml_dtd"


def test_doctype_hidden_by_case_and_spacing_is_still_found():
    assert _code(b'<?xml version="1.0"?><!doctype kml [<!ENTITY x "y">]>' + PLACEMARK, "a.kml") == "kml_dtd"
    assert _code(b"<kml><!  ENTITY x 'y'></kml>", "a.kml") == "kml_dtd"


def _gpkg_with(tmp_path: Path, statements: list[str]) -> bytes:
    path = tmp_path / "x.gpkg"
    path.write_bytes(samples.gpkg())
    with sqlite3.connect(path) as con:
        for sql in statements:
            con.execute(sql)
    return path.read_bytes()


ENDLESS_VIEW = [
    "CREATE VIEW v_sites AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
    "SELECT s.* FROM sites s, c",
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('v_sites', 'features', "
    "'v_sites', 4326)",
    "INSERT INTO gpkg_geometry_columns VALUES ('v_sites', 'geometry', 'POINT', 4326, 0, 0)",
]


def test_gpkg_view_layers_are_never_read_and_triggers_never_fire(tmp_path):
    data = _gpkg_with(tmp_path, [
        "CREATE TABLE fired(x)",
        "CREATE TRIGGER t_ins AFTER INSERT ON sites BEGIN INSERT INTO fired VALUES (1); END",
        *ENDLESS_VIEW])
    layer = read_upload(data, "x.gpkg", UploadOptions(layer="v_sites"))  # asking for the view gets the table
    assert layer.layers == ["sites"] and len(layer.frame) == 2
    assert ("gpkg_views", {"count": 1}) in layer.notices


def test_gpkg_with_only_view_layers_gets_a_clear_message(tmp_path):
    data = _gpkg_with(tmp_path, [*ENDLESS_VIEW, "DELETE FROM gpkg_contents WHERE table_name = 'sites'"])
    assert _code(data, "x.gpkg") == "gpkg_only_views"


def test_zip_inside_a_zip_says_to_unpack_it():
    assert _code(samples.zipped({"inner.zip": samples.shapefile_zip()}), "nested.zip") == "zip_nested"


def test_garbage_prj_reads_as_lonlat_with_a_notice():
    with zipfile.ZipFile(io.BytesIO(samples.shapefile_zip())) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    files.update({n: b'GARBAGE ]]] PROJCS["**x**![i](http://evil.example/x.png)"]' for n in files
                  if n.endswith(".prj")})
    layer = read_upload(samples.zipped(files), "sites.zip")
    assert layer.source_crs == "EPSG:4326" and ("crs_assumed", {}) in layer.notices


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_library_errors_reach_the_log_not_the_user(caplog, lang):
    broken = b'<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>x</name'
    with caplog.at_level(logging.WARNING, logger="sti_geo"):
        layer, problem = read_or_message(broken, "broken.kml", UploadOptions(), None, None, lang)
    assert layer is None and "KML" in problem
    assert "/tmp" not in problem and "sti_geo_upload" not in problem and "ERROR" not in problem
    assert "parsing" in caplog.text and "broken.kml" in caplog.text  # GDAL's own words, for the operator


@pytest.mark.parametrize(("data", "name"), [(b"PK\x03\x04garbage", "broken.zip"),
                                            (b"SQLite format 3\x00" + bytes(200), "broken.gpkg")])
def test_broken_archives_say_what_to_do_without_library_text(data, name):
    for lang in ("zh", "en"):
        layer, problem = read_or_message(data, name, UploadOptions(), None, None, lang)
        assert layer is None and problem and "Error" not in problem and "/" not in problem.replace(" / ", "")


def test_no_message_template_shows_library_detail():
    assert not [code for code, texts in MESSAGES.items() if any("{detail}" in t for t in texts)]
    assert "{" not in message("unreadable", {"format": "KML"}, "en")
