"""Where an uploaded layer sits in the plan, and its export in every format and CRS."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pandas as pd
import pyogrio
import pytest

from sti_geo.export.bundle import FORMATS, WGS84_ONLY
from sti_geo.geo.crs import OUTPUT_CRS
from sti_geo.upload.export import export_file_name, upload_export
from sti_geo.upload.layer import read_upload
from sti_geo.upload.summary import SUMMARY_COLUMNS, summary_line, upload_summary
from tests import upload_samples as samples


@pytest.fixture(scope="module")
def mixed():
    """Two points, a line and a hostile-named polygon."""
    features = json.loads(samples.geojson())["features"]
    features += [{"type": "Feature", "properties": {"名称": "路线"}, "geometry": samples.LINE.__geo_interface__},
                 {"type": "Feature",
                  "properties": {"名称": "=cmd|' /C calc'!A0" + samples.HOSTILE, "长说明": "x" * 10_000},
                  "geometry": samples.SQUARE.__geo_interface__}]
    return read_upload(samples.geojson(features), "混合 layer<1>.geojson")


def test_summary_names_areas_and_nearest_park_platform_with_accuracy(catalog, mixed):
    table = upload_summary(catalog, mixed.frame)
    assert list(table.columns) == list(SUMMARY_COLUMNS) and len(table) == 4
    first = table.iloc[0]  # 122.12, 37.50: central Weihai
    assert "环翠区" in first["in_areas"] and first["nearest_area"] == ""
    assert first["nearest_park"] and first["nearest_park_km"] >= 0 and first["nearest_park_accuracy_km"] > 0
    second = table.iloc[1]  # 122.42, 37.16: 荣成
    assert "荣成市" in second["in_areas"]
    assert "位于" in summary_line(first) and "nearest park" in summary_line(first, "en")


def test_feature_outside_every_area_gets_the_nearest_with_distance(catalog):
    far = read_upload(samples.csv("name,lon,lat\nsea,123.2,37.0\n"), "sea.csv")
    row = upload_summary(catalog, far.frame, "en").iloc[0]
    assert row["in_areas"] == "" and row["nearest_area"] and 5 < row["nearest_area_km"] < 100
    assert "Outside every plan area" in summary_line(row, "en")


def test_distances_are_metric_not_degrees(catalog):
    park = catalog.layers["parks"].iloc[0].geometry
    east = read_upload(samples.csv(f"name,lon,lat\nA,{park.x + 0.1},{park.y}\n"), "d.csv")
    km = upload_summary(catalog, east.frame).iloc[0]["nearest_park_km"]
    expected = 0.1 * 111.32 * np.cos(np.radians(park.y))  # 0.1° of longitude at this latitude
    assert km <= expected + 0.05


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_every_format_round_trips_with_summary(catalog, mixed, fmt, tmp_path):
    summary = upload_summary(catalog, mixed.frame)
    crs_ids = ["EPSG:4326"] if fmt in WGS84_ONLY else list(OUTPUT_CRS)
    for crs in crs_ids:
        name, data, media = upload_export(mixed, summary, fmt, crs, "plan")
        assert media in ("application/zip", "application/geopackage+sqlite3", "application/vnd.google-earth.kml+xml",
                         "application/geo+json", "text/csv")
        assert name == export_file_name(mixed, fmt) and "<" not in name and " " not in name
        paths = _unpack(name, data, tmp_path / f"{fmt}-{crs.replace(':', '')}")
        frames = [pyogrio.read_dataframe(p, layer=layer) for p in paths
                  for layer, geom in pyogrio.list_layers(p) if geom is not None]
        assert sum(len(f) for f in frames) == 4, (fmt, crs)
        if fmt == "csv":
            text = b"".join(p.read_bytes() for p in paths).decode("utf-8-sig")
            assert "'=cmd" in text and ",=cmd" not in text  # a spreadsheet shows it, never runs it
        if fmt == "kml":
            assert "&lt;script&gt;" in data.decode() and "<script>" not in data.decode()
        if fmt in ("gpkg", "geojson"):
            joined = "".join(str(v) for f in frames for v in f.get("in_areas", []))
            assert "环翠区" in joined
    if fmt == "gpkg":
        names = [n for n, _ in pyogrio.list_layers(paths[0])]
        assert {"upload_points", "upload_lines", "upload_polygons", "upload_summary", "layer_styles"} <= set(names)
        long_text = pyogrio.read_dataframe(paths[0], layer="upload_polygons")["长说明"].iloc[0]
        assert len(long_text) == 10_000  # exports keep the whole value


def _unpack(name: str, data: bytes, folder):
    folder.mkdir(parents=True)
    if not name.endswith(".zip"):
        path = folder / name
        path.write_bytes(data)
        return [path]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        zf.extractall(folder)
    return sorted(p for p in folder.rglob("*") if p.suffix in (".shp", ".geojson", ".csv"))


def test_upload_csv_export_takes_the_geometry_choice(catalog, mixed, tmp_path):
    summary = upload_summary(catalog, mixed.frame)
    name, data, _ = upload_export(mixed, summary, "csv", "EPSG:4326", "plan", csv_geometry="points")
    frames = [pd.read_csv(p, encoding="utf-8-sig") for p in _unpack(name, data, tmp_path / "points")]
    assert all("wkt" not in f.columns and f["lon"].notna().all() for f in frames)
    assert sum(len(f) for f in frames) == 4


def test_the_csv_header_and_cells_never_start_a_formula(catalog, tmp_path):
    import csv

    hostile = {"=HYPERLINK(\"http://x\",\"y\")": "=1+1", "+cmd": "@SUM(A1)", "\ufeff=BOM": "\ufeff=HYPERLINK(1)",
               "名称": "＝1+1", "-3.5": "-3.5"}
    upload = read_upload(samples.geojson([{"type": "Feature", "properties": hostile,
                                           "geometry": samples.SQUARE.__geo_interface__}]), "h.geojson")
    summary = upload_summary(catalog, upload.frame)
    name, data, _ = upload_export(upload, summary, "csv", "EPSG:4326", "plan")
    (path,) = _unpack(name, data, tmp_path / "csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    live = [cell for row in rows for cell in row
            if cell.lstrip(" \ufeff\u200b").startswith(("=", "+", "@", "＝")) and cell != "+7"]
    assert live == [], live
    assert "'=HYPERLINK(\"http://x\",\"y\")" in rows[0] and "'+cmd" in rows[0] and "-3.5" in rows[0]
