"""What analysts get, opened in real QGIS (Debian's python3-qgis, headless): styles load, labels are placed.

QGIS runs in Debian's own python3 (tests/export/qgis_render.py), not in the project's venv.
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from sti_geo.export.bundle import Selection, export_files

SYSTEM_PYTHON = "/usr/bin/python3"
RENDER = Path(__file__).with_name("qgis_render.py")
CONTEXT = {"base_land", "base_boundaries"}  # context datasets: drawn, never labelled


def _qgis_available() -> bool:
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(not _qgis_available(), reason="Debian's python3-qgis is not installed "
                                "(scripts/setup.sh --dev installs it)")


def _render(tmp_path: Path, *inputs: Path) -> dict:
    png, out = tmp_path / "render.png", tmp_path / "render.json"
    run = subprocess.run([SYSTEM_PYTHON, str(RENDER), *map(str, inputs), str(png), str(out)],
                         capture_output=True, text=True, timeout=300, env={"QT_QPA_PLATFORM": "offscreen",
                                                                           "HOME": str(tmp_path)})
    assert out.exists(), run.stderr[-3000:]
    assert png.stat().st_size > 10_000  # a picture, not an empty canvas
    return json.loads(out.read_text(encoding="utf-8"))


def test_geopackage_opens_styled_and_labelled_in_qgis(catalog, tmp_path):
    (data,) = export_files(catalog, Selection(), "gpkg").values()
    path = tmp_path / "all.gpkg"
    path.write_bytes(data)
    report = _render(tmp_path, path)
    layers = report["layers"]
    assert set(layers) >= {"districts", "parks", "platforms", "layout_core"}
    assert all(info["style_loaded"] for info in layers.values()), layers
    assert report["scale"] < 1_000_000  # the districts' extent: a city view
    for name, info in layers.items():
        if name in CONTEXT:
            assert not info["labels_enabled"] and info["labels"] == 0, name
        else:  # every layer with names gets at least one label placed at the districts' extent
            assert info["labels_enabled"] and info["labels"] >= 1, (name, info)
    # stacked points are displaced in rings, not drawn as one dot
    assert layers["platforms"]["renderer"] == "pointDisplacement"
    assert layers["parks"]["renderer"] == "pointDisplacement"
    assert layers["districts"]["renderer"] == "singleSymbol"


def test_shapefile_opens_styled_from_its_qml(catalog, tmp_path):
    (data,) = export_files(catalog, Selection(layer="parks"), "shp", "EPSG:4550").values()
    zipfile.ZipFile(io.BytesIO(data)).extractall(tmp_path)
    assert (tmp_path / "parks.qml").exists()
    info = _render(tmp_path, tmp_path / "parks.shp")["layers"]["parks"]
    assert info["style_loaded"] and info["renderer"] == "pointDisplacement"
    assert info["crs"] == "EPSG:4550" and info["features"] == len(catalog.layers["parks"])
    assert info["labels_enabled"] and info["labels"] >= 1
