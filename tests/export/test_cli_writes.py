"""Where the CLI writes: whole files or none, a clear message when it cannot, and no surprise targets."""

from __future__ import annotations

import csv
import io
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _run(*args: str, limit: int | None = None) -> subprocess.CompletedProcess:
    def _cap() -> None:  # a disk that fills up: writes past `limit` bytes fail with EFBIG, as a full disk would
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # type: ignore[arg-type]

    return subprocess.run([sys.executable, "-m", "sti_geo", *args], cwd=ROOT, capture_output=True,
                          timeout=120, preexec_fn=_cap if limit else None)


def _said(done: subprocess.CompletedProcess) -> str:
    err = done.stderr.decode()
    assert "Traceback" not in err, err
    return err


@pytest.mark.parametrize(("out", "why"), [
    ("/dev/full", "cannot write /dev/full: No space left on device"),
    ("{tmp}/a_file/child.geojson", "child.geojson: Not a directory"),
    ("{tmp}/" + "a" * 300 + ".geojson", "File name too long"),
    ("/sys/parks.geojson", "cannot write /sys/parks.geojson:"),
])
def test_a_write_that_cannot_happen_is_one_line_and_exit_1(tmp_path, out, why):
    (tmp_path / "a_file").write_text("x")
    done = _run("export", "--layer", "parks", "--out", out.format(tmp=tmp_path), "--force")
    assert done.returncode == 1 and why in _said(done)


def test_a_full_disk_leaves_the_old_file_whole_and_no_part_behind(tmp_path):
    target = tmp_path / "parks.geojson"
    target.write_text("the previous export\n")
    done = _run("export", "--layer", "parks", "--out", str(target), "--force", limit=4096)
    assert done.returncode == 1 and "cannot write" in _said(done) and "too large" in _said(done)
    assert target.read_text() == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parks.geojson"]


def test_a_full_disk_in_a_several_file_export_writes_none(tmp_path):
    # the first file (the land, 25 KB) fits, the second (the boundaries, 135 KB) does not
    done = _run("export", "--all", "--format", "csv", "--out", str(tmp_path / "all") + "/", limit=100_000)
    assert done.returncode == 1 and "cannot write" in _said(done)
    assert not any((tmp_path / "all").iterdir())  # no layer half there, no temporary file


def test_out_dash_writes_one_file_to_standard_output_and_refuses_several():
    done = _run("export", "--layer", "parks", "--format", "csv", "--out", "-")
    assert done.returncode == 0 and not (ROOT / "-").exists()
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    assert rows and rows[0]["id"].startswith("p_")
    several = _run("export", "--all", "--out", "-")
    assert several.returncode == 2 and "writes one file to standard output; this export makes" in _said(several)
    metrics = _run("metrics", "--out", "-")
    assert metrics.returncode == 0 and metrics.stdout.decode().startswith("id,")


@pytest.mark.parametrize(("args", "why"), [
    (("--out", ""), "--out is empty"),
    (("--out", "  "), "--out is empty"),
    (("--format", "shp", "--out", "a.geojson"), "this export is a .zip file (parks.zip); name it a.zip"),
    (("--format", "gpkg", "--out", "a.csv"), "this export is a .gpkg file"),
])
def test_an_out_that_says_something_else_is_refused(args, why):
    done = _run("export", "--layer", "parks", *args)
    assert done.returncode == 2 and why in _said(done)
    assert not (ROOT / "parks.geojson").exists() and not (ROOT / "a.geojson").exists()


def test_a_name_without_an_ending_is_taken_as_given(tmp_path):
    done = _run("export", "--layer", "parks", "--format", "shp", "--out", str(tmp_path / "parks_for_bob"))
    assert done.returncode == 0 and (tmp_path / "parks_for_bob").read_bytes()[:2] == b"PK"
    assert os.listdir(tmp_path) == ["parks_for_bob"]
    mask = os.umask(0o022)
    os.umask(mask)
    assert (tmp_path / "parks_for_bob").stat().st_mode & 0o777 == 0o666 & ~mask  # not a temporary file's 0600
    assert Path(done.stdout.decode().strip()) == tmp_path / "parks_for_bob"


@pytest.mark.parametrize(("crs", "code"), [("EPSG:4550", 0), ("EPSG:4549", 2)])
def test_the_land_alone_fits_a_crs_exactly_when_all_layers_do(tmp_path, crs, code):
    # a CRS is judged by the region's plan features: the land layer reaches 119.6°E, the plan does not
    alone = _run("export", "--layer", "base_land", "--crs", crs, "--format", "gpkg", "--out", str(tmp_path / "a.gpkg"))
    every = _run("export", "--all", "--crs", crs, "--format", "gpkg", "--out", str(tmp_path / "b.gpkg"))
    assert (alone.returncode, every.returncode) == (code, code), (_said(alone), _said(every))
