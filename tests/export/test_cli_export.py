"""The CLI: listing, validating, exporting RFC 7946 GeoJSON and metrics CSV; clear errors on bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import geopandas as gpd
import pytest
import shapely

from sti_geo.cli import main
from sti_geo.export.bundle import each_feature_once
from tests.conftest import ROOT


def _run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sti_geo", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_layers_lists_every_layer(catalog, capsys):
    assert main(["layers"]) == 0
    out = capsys.readouterr().out
    for lid in catalog.layers:
        assert lid in out
    assert "parks" in out and str(len(catalog.layers["parks"])) in out


def test_validate_exit_codes(data_copy, edit):
    ok = _run("validate")
    assert ok.returncode == 0 and "every quote verified" in ok.stdout
    edit(data_copy.geodata_dir / "parks.toml", "国际新材料产业园、中欧水处理", "国际新材料产业园、欧中水处理")
    bad = _run("validate", env={"STI_GEO_GEODATA": str(data_copy.geodata_dir),
                                "STI_GEO_LAYERS": str(data_copy.layers_dir)})
    assert bad.returncode == 1
    assert "geodata/weihai/parks.toml [p_yuanyao_bay] quote" in bad.stderr


def test_help_and_bad_arguments():
    assert _run("--help").returncode == 0
    nope = _run("frobnicate")
    assert nope.returncode == 2 and "invalid choice" in nope.stderr
    missing = _run("export", "--layer", "parks")
    assert missing.returncode == 2 and "--out" in missing.stderr


def test_unknown_layer_is_a_clear_error(tmp_path, capsys):
    assert main(["export", "--layer", "nope", "--out", str(tmp_path / "x.geojson")]) == 2
    err = capsys.readouterr().err
    assert "unknown layer 'nope'" in err and "parks" in err
    assert not (tmp_path / "x.geojson").exists()


def test_export_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "parks.geojson"
    out.write_text("keep me", encoding="utf-8")
    assert main(["export", "--layer", "parks", "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "keep me"
    assert "--force" in capsys.readouterr().err
    assert main(["export", "--layer", "parks", "--out", str(out), "--force"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def _rings(geom: dict):
    if geom["type"] == "Polygon":
        yield geom["coordinates"]
    elif geom["type"] == "MultiPolygon":
        yield from geom["coordinates"]


def test_export_all_is_rfc7946(catalog, tmp_path):
    assert main(["export", "--all", "--format", "geojson", "--out", str(tmp_path)]) == 0
    for lid, gdf in each_feature_once(dict(catalog.layers)).items():
        path = tmp_path / f"{lid}.geojson"
        data = json.loads(path.read_text(encoding="utf-8"))
        assert "crs" not in data and data["type"] == "FeatureCollection"
        assert len(data["features"]) == len(gdf)
        for feature in data["features"]:
            for poly in _rings(feature["geometry"]):
                exterior, *holes = poly
                assert shapely.LinearRing(exterior).is_ccw, (lid, feature["id"])
                assert all(not shapely.LinearRing(h).is_ccw for h in holes)
            coords = shapely.get_coordinates(shapely.from_geojson(json.dumps(feature["geometry"])))
            assert (abs(coords.round(7) - coords) < 1e-12).all()
            assert coords[:, 0].min() >= -180 and coords[:, 0].max() <= 180
        # GDAL reads it back with the same values, Chinese text intact
        back = gpd.read_file(path)
        assert back.crs.to_epsg() == 4326
        assert list(back["name"]) == list(gdf["name"])
        # equal within 1e-7 degrees once ring orientation (changed for RFC 7946) is normalised
        got = back.geometry.normalize().reset_index(drop=True)
        assert got.geom_equals_exact(gdf.geometry.normalize().reset_index(drop=True), tolerance=1e-7).all()
    assert (tmp_path / "metrics.csv").exists()


def test_each_feature_is_exported_once(catalog, tmp_path):
    """The 1+4+N nodes are platforms; the app's core_system layer is a view of them, not a second copy."""
    assert main(["export", "--all", "--format", "geojson", "--out", str(tmp_path)]) == 0
    ids = [f["id"] for path in tmp_path.glob("*.geojson") for f in json.loads(path.read_text("utf-8"))["features"]]
    assert len(ids) == len(set(ids))
    assert set(ids) == {i for gdf in catalog.layers.values() for i in gdf["id"]}  # and none is lost
    assert not (tmp_path / "core_system.geojson").exists()
    platforms = gpd.read_file(tmp_path / "platforms.geojson").set_index("id")
    assert platforms.loc["f_wiiti", "system"].startswith("1+4+N")
    # asked for alone, the view is exported as it is
    out = tmp_path / "core.geojson"
    assert main(["export", "--layer", "core_system", "--out", str(out)]) == 0
    assert len(json.loads(out.read_text("utf-8"))["features"]) == 5


def test_export_carries_provenance_fields(tmp_path):
    out = tmp_path / "parks.geojson"
    assert main(["export", "--layer", "parks", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "OpenStreetMap" in data["attribution"]
    props = data["features"][0]["properties"]
    for field in ("id", "name", "name_en", "layer", "district", "industries", "geometry_basis", "accuracy_m",
                  "source", "quote"):
        assert field in props


def test_metrics_csv(catalog, capsys):
    assert main(["metrics", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(catalog.metrics)
    assert set(rows[0]) >= {"indicator", "indicator_en", "year", "value", "unit", "kind", "scope", "area_id",
                            "source", "quote"}
    assert all(r["source"] in catalog.sources for r in rows)


@pytest.mark.parametrize("fmt", ["dxf", "xml"])
def test_unknown_format_is_rejected(tmp_path, fmt):
    r = _run("export", "--layer", "parks", "--format", fmt, "--out", str(tmp_path / "x"))
    assert r.returncode == 2 and "invalid choice" in r.stderr


def test_cli_export_with_crs_and_filters(tmp_path, capsys):
    out = tmp_path / "lingang.gpkg"
    assert main(["export", "--all", "--district", "lingang", "--format", "gpkg", "--crs", "EPSG:4550",
                 "--out", str(out)]) == 0
    import pyogrio
    parks = pyogrio.read_dataframe(out, layer="parks")
    assert parks.crs.to_epsg() == 4550 and len(parks) == 3
    assert main(["export", "--layer", "parks", "--industry", "ind_marine_bio", "--format", "csv",
                 "--out", str(tmp_path / "bio.csv")]) == 0
    assert "威海(荣成)海洋高新技术产业园" in (tmp_path / "bio.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(("args", "message"), [
    (["--crs", "EPSG:4554"], "EPSG:4550"),
    (["--crs", "WGS84"], "unknown CRS"),
    (["--district", "atlantis"], "unknown district"),
    (["--industry", "ind_nope"], "unknown industry"),
])
def test_cli_export_bad_choices_are_clear_errors(tmp_path, capsys, args, message):
    code = main(["export", "--all", "--format", "gpkg", "--out", str(tmp_path / "x.gpkg"), *args])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.gpkg").exists()


def test_cli_geojson_refuses_a_projected_crs(tmp_path, capsys):
    assert main(["export", "--layer", "parks", "--crs", "EPSG:32651", "--out", str(tmp_path / "p.geojson")]) == 2
    assert "RFC 7946" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_an_out_path_ending_in_a_slash_is_a_folder(tmp_path, fmt):
    """`--out somedir/` writes into the folder (it used to write a file named somedir)."""
    assert main(["export", "--layer", "parks", "--format", fmt, "--out", f"{tmp_path}/somedir/"]) == 0
    folder = tmp_path / "somedir"
    assert folder.is_dir()
    (written,) = folder.iterdir()
    assert written.suffix == f".{fmt}"
    # an existing folder is a folder too, with or without the slash
    assert main(["export", "--layer", "parks", "--format", "kml", "--out", str(folder)]) == 0
    assert {p.suffix for p in folder.iterdir()} == {f".{fmt}", ".kml"}
