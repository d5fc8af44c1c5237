"""Every format round-trips through GDAL (pyogrio and ogrinfo): counts, values, geometry and CRS."""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from sti_geo import InputError
from sti_geo.export.bundle import Selection, bundle_name, each_feature_once, export_files, select_layers, write_export
from sti_geo.export.formats import joined_lists
from sti_geo.export.qgis_style import SYMBOL_TYPE
from sti_geo.geo.crs import GCJ02, OUTPUT_CRS, output_crs, to_output_crs

CRS_IDS = list(OUTPUT_CRS)
SAMPLE = ("districts", "layout_belt", "parks")  # one polygon, one line, one point layer


def _tolerance(crs_id: str) -> float:
    return 0.01 if not output_crs(crs_id).geographic else 1e-7  # 1 cm projected, 1e-7 degree


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _assert_same(expected, got, crs_id: str, columns=None) -> None:
    expected = joined_lists(expected)  # list fields are one text cell in every export
    assert len(got) == len(expected)
    got = got.set_index(got["id"].astype(str)).loc[list(expected["id"])]
    for col in columns or [c for c in expected.columns if c != expected.geometry.name]:
        assert [_text(v) for v in got[col]] == [_text(v) for v in expected[col]], col
    tol = _tolerance(crs_id)
    for a, b in zip(expected.geometry, got.geometry, strict=True):
        assert shapely.hausdorff_distance(a, b) <= tol


def _write(tmp_path: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


@pytest.mark.parametrize("crs_id", CRS_IDS)
def test_gpkg_round_trip_with_styles_and_tables(catalog, tmp_path, crs_id):
    files = export_files(catalog, Selection(), "gpkg", crs_id)
    (path,) = _write(tmp_path, files).glob("*.gpkg")
    layers = {name for name, _ in pyogrio.list_layers(path)}
    tables = {"metrics", "industries", "industry_links", "designations", "sources", "attribution", "layer_styles"}
    assert set(each_feature_once(dict(catalog.layers))) | tables <= layers
    crs = output_crs(crs_id)
    for lid in SAMPLE:
        got = pyogrio.read_dataframe(path, layer=lid)
        assert got.crs.equals(crs.pyproj()) if crs.id != GCJ02 else "GCJ-02" in got.crs.name
        _assert_same(to_output_crs(catalog.layers[lid], crs), got, crs_id)
    metrics = pyogrio.read_dataframe(path, layer="metrics")
    assert len(metrics) == len(catalog.metrics) and "全社会研发经费投入占比达到2.36%" in set(metrics["quote"])
    assert "OpenStreetMap" in pyogrio.read_dataframe(path, layer="attribution")["attribution"][0]


def test_gpkg_layer_styles_give_each_layer_the_apps_style(catalog, tmp_path):
    (path,) = _write(tmp_path, export_files(catalog, Selection(), "gpkg")).glob("*.gpkg")
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT f_table_name, f_geometry_column, styleQML, useAsDefault FROM layer_styles").fetchall()
        geom_cols = dict(db.execute("SELECT table_name, column_name FROM gpkg_geometry_columns").fetchall())
    styled = {r[0]: r for r in rows}
    assert set(styled) == set(each_feature_once(dict(catalog.layers)))
    for lid, (_, geom_col, qml, default) in styled.items():
        spec = catalog.specs[lid]
        assert default == 1 and geom_col == geom_cols[lid]
        root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", qml))
        symbol = root.find(".//renderer-v2[@type='singleSymbol']/symbols/symbol")  # also inside a displacement
        assert symbol.get("type") == SYMBOL_TYPE[spec.geometry_type]
        options = {o.get("name"): o.get("value") for o in symbol.iter("Option") if o.get("name")}
        colour = spec.style.color if spec.geometry_type == "LineString" else spec.style.fill_color
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert any(v.startswith(f"{r},{g},{b},") for v in options.values()), (lid, options)
        if spec.provenance == "dataset":  # context (land, boundaries): no labels
            assert root.get("labelsEnabled") == "0" and root.find("./labeling") is None
            continue
        text = root.find("./labeling/settings/text-style")
        assert '"name"' in text.get("fieldName") if text.get("isExpression") == "1" else text.get("fieldName") == "name"
        # what QGIS would otherwise fill in with defaults that place no label (see qgis_style's docstring)
        placement = root.find("./labeling/settings/placement")
        assert int(placement.get("priority")) >= 5
        assert placement.get("placement") == {"Point": "6", "LineString": "2", "Polygon": "1"}[spec.geometry_type]
        assert root.find("./labeling/settings/rendering").get("obstacleType") == "1"  # boundary, not interior


@pytest.mark.parametrize("crs_id", CRS_IDS)
def test_shapefile_round_trip(catalog, tmp_path, crs_id):
    for lid in SAMPLE:
        (data,) = export_files(catalog, Selection(layer=lid), "shp", crs_id).values()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            assert {f"{lid}.shp", f"{lid}.shx", f"{lid}.dbf", f"{lid}.prj", f"{lid}.cpg", "README.txt"} <= names
            zf.extractall(tmp_path / lid)
            readme = zf.read("README.txt").decode("utf-8")
        assert (tmp_path / lid / f"{lid}.cpg").read_text().strip() == "UTF-8"
        got = pyogrio.read_dataframe(tmp_path / lid / f"{lid}.shp")
        assert all(len(c) <= 10 for c in got.columns)
        # rebuild the original fields from the README mapping, joining split text in order
        table = readme.split("original field -> shapefile field(s)\n", 1)[1].split("\n\n", 1)[0]
        mapping = dict(line.split(" -> ") for line in table.splitlines())
        rebuilt = pd.DataFrame({orig: ["".join(_text(v) for v in vals) for vals in
                                       zip(*(got[n] for n in parts.split(" + ")), strict=True)]
                                for orig, parts in mapping.items()})
        rebuilt = got.assign(**rebuilt)
        expected = to_output_crs(catalog.layers[lid], output_crs(crs_id))
        _assert_same(expected, rebuilt, crs_id, columns=["id", "name", "name_en", "district", "quote", "source"])
        prj = (tmp_path / lid / f"{lid}.prj").read_text()
        assert ("GCJ-02" in prj) if crs_id == GCJ02 else got.crs.equals(output_crs(crs_id).pyproj())


@pytest.mark.parametrize("crs_id", CRS_IDS)
def test_csv_round_trip(catalog, crs_id):
    for lid in SAMPLE:
        files = export_files(catalog, Selection(layer=lid), "csv", crs_id)
        assert set(files) == {f"{lid}.csv", f"{lid}.csvt", f"{lid}.prj"}  # its field types and CRS beside it
        data = files[f"{lid}.csv"]
        assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows the Chinese text
        df = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
        expected = to_output_crs(catalog.layers[lid], output_crs(crs_id))
        assert set(df["crs"]) == {crs_id} and "OpenStreetMap" in df["attribution"][0]
        got = gpd.GeoDataFrame(df, geometry=shapely.from_wkt(df["wkt"]))
        _assert_same(expected, got, crs_id,
                     columns=["id", "name", "name_en", "district", "industries", "quote", "source"])
        if lid == "parks":
            xcol, ycol = ("lon", "lat") if output_crs(crs_id).geographic else ("x", "y")
            assert (abs(df[xcol] - expected.geometry.x.values) < _tolerance(crs_id)).all()
            assert (abs(df[ycol] - expected.geometry.y.values) < _tolerance(crs_id)).all()


def test_kml_round_trip(catalog, tmp_path):
    path = _write(tmp_path, export_files(catalog, Selection(industry="ind_composites"), "kml"))
    (kml,) = path.glob("*.kml")
    selected = select_layers(catalog, Selection(industry="ind_composites"))
    folders = {lid: f"{catalog.specs[lid].title} / {catalog.specs[lid].title_en}" for lid in selected}
    assert {name for name, _ in pyogrio.list_layers(kml)} == set(folders.values())
    assert "OpenStreetMap" in kml.read_text(encoding="utf-8")
    for lid, gdf in selected.items():
        got = pyogrio.read_dataframe(kml, layer=folders[lid])
        names = got["Name"] if "Name" in got.columns else got["name"]
        descriptions = got["Description"] if "Description" in got.columns else got["description"]
        assert list(names) == list(gdf["name"])
        assert all(q in d for q, d in zip(gdf["quote"], descriptions, strict=True))
        for a, b in zip(gdf.geometry, got.geometry, strict=True):
            assert shapely.hausdorff_distance(a, shapely.force_2d(b)) <= 1e-7


def test_geojson_stays_wgs84_and_kml_too(catalog):
    for fmt in ("geojson", "kml"):
        with pytest.raises(InputError, match="WGS-84"):
            export_files(catalog, Selection(layer="parks"), fmt, "EPSG:4550")


def test_wrong_crs_is_a_clear_error(catalog):
    with pytest.raises(InputError, match=r"CM 135°E.*EPSG:4550"):
        export_files(catalog, Selection(layer="parks"), "gpkg", "EPSG:4554")
    with pytest.raises(InputError, match="not an EPSG code"):
        export_files(catalog, Selection(layer="parks"), "gpkg", "EPSG:999999")
    with pytest.raises(InputError, match="unknown CRS"):
        export_files(catalog, Selection(layer="parks"), "gpkg", "Beijing")
    with pytest.raises(InputError, match="not a 2-D horizontal CRS"):
        export_files(catalog, Selection(layer="parks"), "gpkg", "EPSG:4979")  # WGS 84 with heights


def test_any_epsg_crs_whose_area_of_use_covers_the_data(catalog, tmp_path):
    # Weihai straddles the 3-degree zones of CM 120°E and 123°E; 123°E (EPSG:4550) fits, CM 117°E does not
    for code in ("EPSG:4527", "EPSG:4549", "EPSG:32650"):
        with pytest.raises(InputError, match=r"is meant for .*the data lies at lon 121\.\d\d–122\.\d\d"):
            export_files(catalog, Selection(), "gpkg", code)
    # any EPSG code that fits (Xian 1980 / 3-degree GK CM 123E is none of the named shortcuts), in any case
    for code in ("EPSG:2386", "epsg:4550", "EPSG:4490"):
        (data,) = export_files(catalog, Selection(layer="parks"), "gpkg", code).values()
        path = tmp_path / f"{code.replace(':', '_')}.gpkg"
        path.write_bytes(data)
        got = pyogrio.read_dataframe(path, layer="parks")
        assert got.crs.to_epsg() == int(code.split(":")[1])
        expected = to_output_crs(catalog.layers["parks"], output_crs(code))
        assert got.geometry.geom_equals_exact(expected.geometry.reset_index(drop=True), tolerance=1e-6).all()


def test_filters(catalog):
    lingang = select_layers(catalog, Selection(district="lingang"))
    assert set(lingang["parks"]["id"]) == {"p_lg_carbon_fiber", "p_lg_plastic_additives", "p_lg_fruit_agri"}
    assert list(lingang["districts"]["id"]) == ["lingang"]
    composites = select_layers(catalog, Selection(industry="ind_composites"))
    assert "p_lg_carbon_fiber" in set(composites["parks"]["id"])
    farming = select_layers(catalog, Selection(industry="ind_agriculture"))
    assert "f_ginseng_tic" in set(farming["platforms"]["id"])  # linked through its box's task 特色产业 only
    both = select_layers(catalog, Selection(layer="parks", district="lingang", industry="ind_composites"))
    assert set(both["parks"]["id"]) == {"p_lg_carbon_fiber"}  # no quote ties the 塑料助剂产业园 to it
    for bad in (Selection(district="mars"), Selection(industry="ind_x"), Selection(layer="nope")):
        with pytest.raises(InputError):
            select_layers(catalog, bad)
    with pytest.raises(InputError, match="nothing to export"):
        select_layers(catalog, Selection(layer="layout_belt", district="lingang"))


def test_bundles_are_one_file_named_as_announced(catalog):
    for sel, fmt in ((Selection(), "shp"), (Selection(), "geojson"), (Selection(layer="parks"), "csv"),
                     (Selection(district="gaoqu"), "gpkg"), (Selection(industry="ind_it"), "kml")):
        files = export_files(catalog, sel, fmt, bundle=True)
        n = len(select_layers(catalog, sel))
        assert list(files) == [bundle_name(sel, fmt, n)]
    (data,) = export_files(catalog, Selection(), "shp", bundle=True).values()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "parks/parks.shp" in zf.namelist() and "districts/README.txt" in zf.namelist()


def test_exports_are_deterministic(catalog):
    a = export_files(catalog, Selection(layer="parks"), "shp", "EPSG:32651")
    b = export_files(catalog, Selection(layer="parks"), "shp", "EPSG:32651")
    assert a == b


def test_write_export_never_overwrites_without_force(catalog, tmp_path):
    out = tmp_path / "x.gpkg"
    assert write_export(catalog, Selection(layer="parks"), "gpkg", out) == [out]
    with pytest.raises(InputError, match="--force"):
        write_export(catalog, Selection(layer="parks"), "gpkg", out)
    out.write_bytes(b"stale")
    write_export(catalog, Selection(layer="parks"), "gpkg", out, force=True)
    assert len(pyogrio.read_dataframe(out, layer="parks")) == len(catalog.layers["parks"])


def test_ogrinfo_reads_every_format(catalog, tmp_path):
    if shutil.which("ogrinfo") is None:
        pytest.fail("ogrinfo is missing: Debian's gdal-bin is installed by scripts/setup.sh --dev")
    cases = {"gpkg": ("EPSG:4550", "parks"), "shp": ("EPSG:32651", "parks"), "geojson": ("EPSG:4326", "parks"),
             "kml": ("EPSG:4326", "parks")}
    for fmt, (crs_id, lid) in cases.items():
        files = export_files(catalog, Selection(layer=lid), fmt, crs_id, bundle=True)
        (name, data), = files.items()
        path = tmp_path / name
        path.write_bytes(data)
        target = f"/vsizip/{path}/{lid}.shp" if fmt == "shp" else str(path)
        out = subprocess.run(["ogrinfo", "-ro", "-so", "-al", target], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert f"Feature Count: {len(catalog.layers[lid])}" in out.stdout, (fmt, out.stdout[:500])
        if fmt in ("gpkg", "shp"):
            epsg = crs_id.split(":")[1]
            assert re.search(rf'ID\["EPSG",{epsg}\]', out.stdout) or output_crs(crs_id).pyproj().name in out.stdout


def test_list_fields_are_lists_in_the_catalog_and_one_text_cell_in_every_export(catalog):
    districts = catalog.layers["districts"]
    assert all(isinstance(v, list) for col in ("industries", "clusters", "cluster_ids") for v in districts[col])
    row = districts[(districts["industries"].map(len) > 1) & (districts["cluster_ids"].map(len) > 1)].iloc[0]
    joined = "、".join(row["industries"])
    data = export_files(catalog, Selection(layer="districts"), "geojson")["districts.geojson"]
    props = {f["id"]: f["properties"] for f in json.loads(data)["features"]}
    assert props[row["id"]]["industries"] == joined
    assert props[row["id"]]["cluster_ids"] == ",".join(row["cluster_ids"])
    csv = export_files(catalog, Selection(layer="districts"), "csv")["districts.csv"].decode("utf-8-sig")
    assert joined in csv and "['" not in csv


def test_gpkg_is_version_1_2_with_nulls_points_and_integers(catalog, tmp_path):
    (path,) = _write(tmp_path, export_files(catalog, Selection(), "gpkg")).glob("*.gpkg")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200  # GeoPackage 1.2
        types = dict(db.execute("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns").fetchall())
        assert types["parks"] == "POINT" and types["platforms"] == "POINT"
        for lid in types:
            columns = db.execute(f'PRAGMA table_info("{lid}")').fetchall()
            texts = [c[1] for c in columns if c[2] == "TEXT"]
            for col in texts:  # missing text is NULL, never ''
                assert db.execute(f'SELECT count(*) FROM "{lid}" WHERE trim("{col}") = \'\'').fetchone()[0] == 0, \
                    (lid, col)
            kinds = {c[1]: c[2] for c in columns}
            for field in ("accuracy_m", "outline_m"):
                if field in kinds:
                    assert kinds[field] in ("INTEGER", "MEDIUMINT", "BIGINT"), (lid, field, kinds[field])
        # IS NULL finds what is missing: districts have no accuracy, parks all have one
        assert db.execute('SELECT count(*) FROM districts WHERE accuracy_m IS NULL').fetchone()[0] == 9
        assert db.execute('SELECT count(*) FROM parks WHERE accuracy_m IS NULL').fetchone()[0] == 0
        # how far a schematic outline can be off: the bonded zone's symbol anywhere in the city; a county none
        outline = dict(db.execute("SELECT id, outline_m FROM districts").fetchall())
        assert outline["zongbaoqu"] >= 100_000 and outline["rongcheng"] is None and outline["gaoqu"] >= 20_000
    assert "partially supported" not in subprocess.run(["ogrinfo", "-so", "-q", str(path)], capture_output=True,
                                                       text=True).stderr


def test_shapefile_fields_are_named_alike_in_every_layer(catalog):
    for lid in ("districts", "parks", "layout_core"):
        (data,) = export_files(catalog, Selection(layer=lid), "shp").values()
        readme = zipfile.ZipFile(io.BytesIO(data)).read("README.txt").decode("utf-8")
        assert "\nquote -> quote_1" in readme, lid  # quote_1..n everywhere, even when one part would do
        assert f"{lid}.qml" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_gdal_reads_a_csv_export_s_crs_and_field_types(catalog, tmp_path):
    # an analyst's CSV of one district's parks: ogrinfo read its CRS as "(unknown)" and every field as text
    import shutil
    import subprocess

    from sti_geo.cli import main

    if not shutil.which("ogrinfo"):
        pytest.fail("ogrinfo (gdal-bin) is missing: run scripts/setup.sh --dev")
    out = tmp_path / "parks.csv"
    assert main(["export", "--layer", "parks", "--district", "rongcheng", "--format", "csv", "--crs", "EPSG:4550",
                 "--out", str(out)]) == 0
    assert out.with_suffix(".csvt").exists() and out.with_suffix(".prj").exists()
    info = subprocess.run(["ogrinfo", "-so", "-al", str(out)], capture_output=True, text=True, check=True).stdout
    assert "(unknown)" not in info and "123" in info and "Gauss" in info, info  # CGCS2000 3-degree GK CM 123°E
    assert "Geometry: Point" in info or "Geometry: Unknown (any)" in info
    assert "accuracy_m: Integer" in info or "accuracy_m: Real" in info  # a number, not text
    assert "name: String" in info
