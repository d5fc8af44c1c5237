"""The export page in a browser: the download button builds a file that GDAL parses."""

from __future__ import annotations

import csv
import io
import zipfile

import pyogrio
import pytest

pytestmark = pytest.mark.browser


def _download(session, query: str):
    session.page.goto(f"{session.base}/export?{query}")
    button = session.page.get_by_role("button", name="生成并下载")
    button.wait_for()
    with session.page.expect_download(timeout=60000) as info:
        button.click()
    return info.value


def test_export_page_downloads_a_geopackage_with_styles(session, tmp_path, catalog):
    download = _download(session, "scope=district&district=gaoqu&format=gpkg&crs=EPSG:4550")
    assert download.suggested_filename == "sti_geo_all_district-gaoqu.gpkg"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert {"districts", "parks", "platforms", "layer_styles", "metrics"} <= layers
    parks = pyogrio.read_dataframe(path, layer="parks")
    assert set(parks["name"]) == {"高区医疗器械与生物医药产业园", "电子信息与智能制造产业园", "科技创新园"}
    assert parks.crs.to_epsg() == 4550
    assert session.external_requests() == []
    session.shot("export")


def test_export_page_downloads_zipped_shapefiles(session, tmp_path):
    download = _download(session, "scope=all&format=shp&crs=EPSG:32651")
    data = download.path().read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "parks/parks.shp" in zf.namelist() and "parks/README.txt" in zf.namelist()
        zf.extractall(tmp_path)
    parks = pyogrio.read_dataframe(tmp_path / "parks" / "parks.shp")
    assert parks.crs.to_epsg() == 32651 and "核电配套产业园" in set(parks["name"])


def test_export_page_downloads_csv_that_fits_excel(session):
    download = _download(session, "scope=all&format=csv&csv_geometry=simplified")
    assert download.suggested_filename == "sti_geo_all_csv.zip"
    with zipfile.ZipFile(io.BytesIO(download.path().read_bytes())) as zf:
        readme = zf.read("README.txt").decode()
        longest = max(len(cell) for name in zf.namelist() if name.endswith(".csv")
                      for row in csv.reader(io.StringIO(zf.read(name).decode("utf-8-sig"))) for cell in row)
    assert longest <= 32_767 and "base_land / land: 已简化 simplified" in readme
    assert session.page.get_by_text("WKT,超长的简化到 Excel 单元格上限以内").is_visible()
