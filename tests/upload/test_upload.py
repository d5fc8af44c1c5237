"""Reading own layers: every format, and every way an upload can be wrong."""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point, Polygon

from sti_geo import Settings
from sti_geo._errors import UploadError
from sti_geo.geo.gcj02 import wgs84_to_gcj02
from sti_geo.upload.layer import UploadOptions, read_upload
from sti_geo.upload.messages import MESSAGES, error_message
from tests import upload_samples as samples

WEIHAI = (121.2, 36.6, 122.8, 37.6)
NAMES = ["威海创新园", "荣成海洋站"]


def _read(data: bytes, name: str, **options):
    return read_upload(data, name, UploadOptions(**options), Settings(), WEIHAI)


def _error(data: bytes, name: str, settings: Settings | None = None, **options) -> UploadError:
    with pytest.raises(UploadError) as info:
        read_upload(data, name, UploadOptions(**options), settings or Settings(), WEIHAI)
    assert info.value.code in MESSAGES
    for lang in ("zh", "en"):  # a message in each language, every placeholder filled
        text = error_message(info.value, lang)
        assert text and "{" not in text
    return info.value


@pytest.mark.parametrize("name", list(samples.all_formats()))
def test_every_format_reads_names_and_positions(name):
    layer = _read(samples.all_formats()[name], name)
    assert list(layer.frame["name"]) == NAMES
    assert list(layer.frame["id"]) == ["upload_1", "upload_2"]
    assert layer.frame.crs.to_epsg() == 4326
    np.testing.assert_allclose(layer.frame.geometry.x, [122.12, 122.42], atol=1e-6)


def test_projected_file_is_brought_to_wgs84():
    data = samples.shapefile_zip(samples.frame().to_crs("EPSG:4550"))
    layer = _read(data, "projected.zip")
    assert layer.source_crs == "EPSG:4550"
    np.testing.assert_allclose(layer.frame.geometry.y, [37.50, 37.16], atol=1e-7)


def test_geopackage_layers_can_be_chosen():
    data = samples.gpkg({"a": samples.frame(["甲", "乙"]), "b": samples.frame(["丙", "丁"])})
    assert _read(data, "two.gpkg").layers == ["a", "b"]
    assert ("several_layers", {"count": 2, "layer": "a"}) in _read(data, "two.gpkg").notices
    assert list(_read(data, "two.gpkg", layer="b").frame["name"]) == ["丙", "丁"]


def test_missing_crs_is_assumed_lonlat_with_a_notice_or_must_be_picked():
    layer = _read(samples.shapefile_zip(keep_prj=False), "noprj.zip")
    assert ("crs_assumed", {}) in layer.notices
    projected = samples.shapefile_zip(samples.frame().to_crs("EPSG:4550"), keep_prj=False)
    assert _error(projected, "noprj.zip").code == "crs_missing"
    picked = _read(projected, "noprj.zip", crs="EPSG:4550")
    np.testing.assert_allclose(picked.frame.geometry.x, [122.12, 122.42], atol=1e-7)


@pytest.mark.parametrize("crs", ["EPSG:999999", "not a crs", "+proj=nonsense"])
def test_a_crs_that_does_not_exist(crs):
    err = _error(samples.csv(), "a.csv", crs=crs)
    assert err.code == "crs_unknown"


def test_gcj02_source_data_is_converted():
    lon, lat = wgs84_to_gcj02(np.array([122.12, 122.42]), np.array([37.50, 37.16]))
    rows = "名称,lon,lat\n" + "".join(f"{n},{float(x)!r},{float(y)!r}\n"
                                     for n, x, y in zip(NAMES, lon, lat, strict=True))
    layer = _read(samples.csv(rows), "amap.csv", gcj02=True)
    np.testing.assert_allclose(layer.frame.geometry.x, [122.12, 122.42], atol=1e-6)
    assert layer.source_crs == "GCJ-02"


def test_gbk_shapefile_without_cpg_reads_chinese_right():
    data = samples.shapefile_zip(encoding="GBK", keep_cpg=False)
    layer = _read(data, "gbk.zip")
    assert list(layer.frame["name"]) == NAMES
    assert layer.encoding == "gb18030"


def test_gbk_csv_and_geojson_read_right():
    assert list(_read(samples.csv(encoding="gbk"), "gbk.csv").frame["name"]) == NAMES
    gbk_json = samples.geojson().decode("utf-8").encode("gbk")
    assert list(_read(gbk_json, "gbk.geojson").frame["name"]) == NAMES


def test_csv_with_wkt_and_semicolons_and_picked_columns():
    layer = _read(samples.csv('name;wkt\nA;"POLYGON ((122 37, 122.1 37, 122.1 37.1, 122 37))"\n'), "w.csv")
    assert layer.frame.geom_type.tolist() == ["Polygon"]
    rows = "站点,E,N\nA,122.1,37.5\n"
    assert _error(samples.csv(rows), "cols.csv").code == "csv_columns"
    assert _read(samples.csv(rows), "cols.csv", x_column="E", y_column="N").frame.geometry.x[0] == 122.1


def test_csv_rows_without_coordinates_are_counted_not_fatal():
    layer = _read(samples.csv("name,lon,lat\nA,122.1,37.5\nB,,\nC,abc,37\n"), "gaps.csv")
    assert len(layer.frame) == 1 and ("dropped_rows", {"count": 2}) in layer.notices


def test_features_whose_coordinates_are_not_finite_are_left_out_and_counted_the_rest_kept():
    layer = _read(samples.csv("name,lon,lat\nA,122.1,37.5\nB,inf,37.5\nC,-Infinity,nan\nD,١٢٢,37\n"), "inf.csv")
    assert list(layer.frame["name"]) == ["A"]  # the good row is kept
    assert ("dropped_rows", {"count": 2}) in layer.notices  # C (nan reads as no value) and D (not a number)
    assert ("dropped_non_finite", {"count": 1}) in layer.notices  # B: a number, but not a position


@pytest.mark.parametrize("data,name,code,options", [(*case, None)[:4] for case in [
    (b"", "empty.geojson", "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.png", "wrong_type"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.gpkg", "corrupt"),
    (b"{\"type\": \"FeatureCollection\", \"features\": [", "cut.geojson", "corrupt"),
    (b"hello", "x.geojson", "corrupt"),
    (b"SQLite format 3\x00" + bytes(200), "broken.gpkg", "unreadable"),
    (b"PK\x03\x04garbage", "broken.zip", "zip_corrupt"),
    (b"<kml><Document></Document></kml>", "empty.kml", "no_geometry"),
    (b"a,b\n1,2\n", "nocoords.csv", "csv_columns"),
    (b"name,lon,lat\n", "header_only.csv", "no_geometry"),
    (b"\x00\x01\x02", "binary.csv", "corrupt"),
    (b"name,lon,lat\nA,500,37\n", "range.csv", "crs_missing"),  # no CRS and not lon/lat: pick one
    (b'{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[500,37]}}', "r.geojson",
     "out_of_range"),
    (b"name,lon,lat\nA,500,37\n", "range.csv", "out_of_range", {"crs": "EPSG:4326"}),
    (b"name,lon,lat\nA,122,inf\n", "inf.csv", "out_of_range"),
]])
def test_bad_files_get_a_clear_error(data, name, code, options):
    assert _error(data, name, **(options or {})).code == code


def test_empty_and_null_geometries_are_dropped_with_a_notice():
    features = json.loads(samples.geojson())["features"]
    features.append({"type": "Feature", "properties": {"名称": "空"}, "geometry": None})
    layer = _read(samples.geojson(features), "nulls.geojson")
    assert len(layer.frame) == 2 and ("dropped_empty", {"count": 1}) in layer.notices
    only_null = samples.geojson([{"type": "Feature", "properties": {}, "geometry": None}])
    assert _error(only_null, "null.geojson").code == "no_geometry"


def test_self_intersecting_polygon_is_repaired():
    bowtie = Polygon([(122.0, 37.0), (122.2, 37.2), (122.2, 37.0), (122.0, 37.2), (122.0, 37.0)])
    assert not bowtie.is_valid
    data = samples.geojson([{"type": "Feature", "properties": {"name": "bow"}, "geometry": bowtie.__geo_interface__}])
    layer = _read(data, "bow.geojson")
    assert layer.frame.is_valid.all() and ("repaired", {"count": 1}) in layer.notices
    assert layer.frame.geometry.values[0].area == pytest.approx(0.02, rel=1e-6)  # both triangles kept


def test_swapped_lat_lon_is_detected_and_fixed():
    out_of_range = samples.csv("name,lon,lat\nA,37.5,122.12\nB,37.16,122.42\n")  # lat > 90 as given
    layer = _read(out_of_range, "swapped.csv")
    assert ("swapped", {}) in layer.notices
    np.testing.assert_allclose(layer.frame.geometry.x, [122.12, 122.42])
    # in range both ways (x=37, y=82): only the region tells; swapped fits Weihai, as given it is in the Arctic
    near = gpd.GeoDataFrame({"name": ["A"]}, geometry=[Point(37.3, 82.0)], crs=4326)
    assert ("swapped", {}) not in _read(samples.gpkg({"a": near}), "arctic.gpkg").notices  # not near Weihai


def test_far_away_data_gets_a_notice():
    layer = _read(samples.csv("name,lon,lat\nBeijing,116.4,39.9\n"), "far.csv")
    assert ("far_from_region", {"count": 1}) in layer.notices


def test_size_and_feature_caps():
    small = Settings(upload_max_mb=0.001)
    assert _error(b"x" * 2000, "big.geojson", small).code == "too_large"
    few = Settings(upload_max_features=1)
    err = _error(samples.csv(), "two.csv", few)
    assert err.code == "too_many_features" and err.params == {"count": 2, "limit": 1}


def test_caps_come_from_the_environment(monkeypatch):
    from sti_geo import InputError
    from sti_geo.settings import settings_from_env

    monkeypatch.setenv("STI_GEO_UPLOAD_MAX_MB", "5")
    monkeypatch.setenv("STI_GEO_UPLOAD_MAX_FEATURES", "100")
    assert (settings_from_env().upload_max_mb, settings_from_env().upload_max_features) == (5.0, 100)
    for bad in ("-1", "nan", "lots"):
        monkeypatch.setenv("STI_GEO_UPLOAD_MAX_MB", bad)
        with pytest.raises(InputError, match="STI_GEO_UPLOAD_MAX_MB"):
            settings_from_env()


def _zip(entries: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("member", ["../evil.shp", "../../etc/x.dbf", "/abs/x.shp", "a/../../x.shp",
                                    "..\\win.shp", "C:/x.shp"])
def test_zip_with_escaping_paths_is_refused_and_writes_nothing(member, tmp_path):
    from sti_geo.upload.safezip import extract_zip

    assert _error(_zip({member: b"x"}), "evil.zip").code == "zip_path"
    dest = tmp_path / "a" / "b"
    dest.mkdir(parents=True)
    with pytest.raises(UploadError):
        extract_zip(_zip({"ok.txt": b"fine", member: b"x"}), dest, max_bytes=2**20)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []  # checked before anything is written


def test_zip_bomb_is_refused():
    bomb = _zip({"layer.dbf": bytes(300 * 2**20)})  # 300 MB of zeros, ~300 KB zipped
    assert len(bomb) < 2**20
    assert _error(bomb, "bomb.zip").code == "zip_bomb"


def test_zip_that_lies_about_its_sizes_is_stopped_while_unpacking():
    from sti_geo.upload.safezip import extract_zip

    data = _zip({"a.dbf": os.urandom(4096)}, zipfile.ZIP_STORED)
    with tempfile.TemporaryDirectory() as tmp, pytest.raises(UploadError) as info:
        extract_zip(data, Path(tmp), max_bytes=1000)
    assert info.value.code == "zip_bomb"


def test_zip_symlink_and_member_count_are_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("link.shp")
        info.external_attr = (0o120777 << 16)
        zf.writestr(info, "/etc/passwd")
    assert _error(buf.getvalue(), "link.zip").code == "zip_link"
    many = _zip({f"f{i}.txt": b"" for i in range(501)})
    assert _error(many, "many.zip").code == "zip_members"


def test_zip_without_shapefile_or_dbf():
    assert _error(_zip({"readme.txt": b"hi"}), "nothing.zip").code == "zip_no_shp"
    zf = zipfile.ZipFile(io.BytesIO(samples.shapefile_zip()))
    parts = {n: zf.read(n) for n in zf.namelist() if not n.endswith(".dbf")}
    assert _error(_zip(parts), "nodbf.zip").code == "shp_parts"


def test_missing_shx_is_rebuilt():
    zf = zipfile.ZipFile(io.BytesIO(samples.shapefile_zip()))
    parts = {n: zf.read(n) for n in zf.namelist() if not n.endswith(".shx")}
    assert list(_read(_zip(parts), "noshx.zip").frame["name"]) == NAMES


def test_temporary_files_are_removed():
    before = {p.name for p in Path(tempfile.gettempdir()).glob("sti_geo_upload_*")}
    _read(samples.shapefile_zip(), "a.zip")
    with pytest.raises(UploadError):
        read_upload(b"PK\x03\x04garbage", "b.zip")
    assert {p.name for p in Path(tempfile.gettempdir()).glob("sti_geo_upload_*")} == before


def test_hostile_attributes_are_kept_verbatim_as_data():
    data = samples.geojson([{"type": "Feature", "properties": {"名称": samples.HOSTILE, "note": "x" * 10_000},
                             "geometry": {"type": "Point", "coordinates": [122.1, 37.5]}}])
    layer = _read(data, "hostile.geojson")
    assert layer.frame["name"][0] == samples.HOSTILE and len(layer.frame["note"][0]) == 10_000
