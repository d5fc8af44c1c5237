"""CSV for spreadsheets: every cell fits Excel, what was simplified is said, points lie on their features."""

from __future__ import annotations

import csv
import io
import zipfile

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from sti_geo import InputError
from sti_geo.cli import main
from sti_geo.export.bundle import Selection, export_files
from sti_geo.export.spreadsheet import EXCEL_CELL_LIMIT, NOTE_COLUMN, simplified_wkt
from sti_geo.geo.crs import output_crs, to_output_crs

UTM51N = "EPSG:32651"
LONG = ("base_land", "base_boundaries")  # their WKT is longer than a cell: the coast has hundreds of islands


def _frames(files: dict[str, bytes]) -> dict[str, pd.DataFrame]:
    return {name.removesuffix(".csv"): pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
            for name, data in files.items() if name.endswith(".csv")}


def _longest_cell(data: bytes) -> int:
    csv.field_size_limit(10_000_000)
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    return max(len(cell) for row in rows for cell in row)


@pytest.mark.parametrize("crs_id", ["EPSG:4326", "EPSG:4550", "GCJ-02"])
def test_simplified_csv_fits_excel_and_keeps_what_already_fits(catalog, crs_id):
    files = export_files(catalog, Selection(), "csv", crs_id, csv_geometry="simplified")
    assert all(_longest_cell(data) <= EXCEL_CELL_LIMIT for name, data in files.items() if name.endswith(".csv"))
    crs = output_crs(crs_id)
    noted = []
    for lid, df in _frames(files).items():
        expected = to_output_crs(catalog.layers[lid], crs).set_index("id").geometry
        for fid, wkt, note in zip(df["id"], df["wkt"], df[NOTE_COLUMN], strict=True):
            got, want = shapely.from_wkt(wkt), expected[fid]
            assert got.is_valid
            if note:
                noted.append((lid, fid))
                tol = float(note.split("tolerance ")[1].split(" m")[0])
                assert shapely.get_num_coordinates(got) < shapely.get_num_coordinates(want)
                got_m, want_m = gpd.GeoSeries([got, want], crs=crs.pyproj()).to_crs(UTM51N)
                assert want_m.buffer(tol + 1).covers(got_m)  # nothing moved further than the tolerance
                lost = want_m.difference(got_m.buffer(tol + 1))  # what is not within the tolerance: dropped
                assert lost.buffer(-tol).is_empty  # and only what is narrower than it
                assert lost.is_empty or "islands and strips narrower than that dropped" in note
            else:
                assert shapely.equals_exact(got, want, tolerance=1e-6 if crs.geographic else 1e-2)
    assert {lid for lid, _ in noted} == set(LONG)
    readme = files["README.txt"].decode()
    assert "32,767" in readme and all(f"{lid} / {fid}: 已简化 simplified" in readme for lid, fid in noted)


def test_full_csv_keeps_every_vertex_and_flags_the_cells_excel_would_cut(catalog):
    files = export_files(catalog, Selection(), "csv", csv_geometry="full")
    for lid, df in _frames(files).items():
        expected = catalog.layers[lid].set_index("id").geometry
        for fid, wkt, note in zip(df["id"], df["wkt"], df[NOTE_COLUMN], strict=True):
            assert shapely.equals_exact(shapely.from_wkt(wkt), expected[fid], tolerance=1e-7)
            assert bool(note) == (len(wkt) > EXCEL_CELL_LIMIT)
    assert _longest_cell(files["base_land.csv"]) > EXCEL_CELL_LIMIT
    assert "base_land / land: " in files["README.txt"].decode()


@pytest.mark.parametrize("crs_id", ["EPSG:4326", "EPSG:32651"])
def test_points_csv_has_one_point_on_each_feature(catalog, crs_id):
    files = export_files(catalog, Selection(), "csv", crs_id, csv_geometry="points")
    crs = output_crs(crs_id)
    x, y = ("lon", "lat") if crs.geographic else ("x", "y")
    for lid, df in _frames(files).items():
        assert "wkt" not in df.columns and df[x].notna().all() and df[y].notna().all()
        expected = to_output_crs(catalog.layers[lid], crs).set_index("id").geometry
        for fid, px, py, note in zip(df["id"], df[x], df[y], df[NOTE_COLUMN], strict=True):
            feature = expected[fid]
            assert feature.distance(shapely.Point(px, py)) < (1e-6 if crs.geographic else 0.01)
            assert (note == "") == (feature.geom_type == "Point")
    assert "inside the area" in files["README.txt"].decode()


def test_simplified_wkt_reports_dropped_parts_and_refuses_what_cannot_fit():
    big = [shapely.Point(122 + i * 0.1, 37).buffer(0.02, 64) for i in range(5)]  # ≈ 2 km across
    small = [shapely.Point(122 + i * 0.005, 37.2).buffer(0.0002, 8) for i in range(200)]  # ≈ 20 m across
    islands = shapely.MultiPolygon(big + small)
    crs = output_crs("EPSG:4326")
    text, note = simplified_wkt(islands, crs, limit=4000)
    assert len(text) <= 4000 and "narrower than that dropped (205 → 5 parts)" in note
    assert simplified_wkt(shapely.Point(122, 37), crs) == ("POINT (122 37)", "")
    with pytest.raises(InputError, match="does not fit"):
        simplified_wkt(islands, crs, limit=20)


def test_unknown_csv_geometry_is_an_input_error(catalog):
    with pytest.raises(InputError, match="unknown CSV geometry"):
        export_files(catalog, Selection(layer="parks"), "csv", csv_geometry="centroids")


def test_cli_takes_the_csv_geometry(tmp_path, capsys):
    assert main(["export", "--all", "--format", "csv", "--csv-geometry", "points", "--out", f"{tmp_path}/pts/"]) == 0
    land = pd.read_csv(tmp_path / "pts" / "base_land.csv", encoding="utf-8-sig")
    assert "wkt" not in land.columns and "lon" in land.columns
    assert "one point per feature" in (tmp_path / "pts" / "README.txt").read_text()
    assert main(["export", "--layer", "base_land", "--format", "csv", "--out", str(tmp_path / "land.csv")]) == 0
    assert _longest_cell((tmp_path / "land.csv").read_bytes()) <= EXCEL_CELL_LIMIT  # simplified by default
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--all", "--format", "csv", "--csv-geometry", "centroid", "--out", str(tmp_path / "x")])
    assert exit_.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_bundled_csv_is_one_zip_with_the_readme(catalog):
    ((name, data),) = export_files(catalog, Selection(district="gaoqu"), "csv", bundle=True).items()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "README.txt" in zf.namelist() and "parks.csv" in zf.namelist()
        assert "csv_geometry_note" in zf.read("README.txt").decode()
    assert name.endswith("_csv.zip")
