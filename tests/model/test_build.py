"""Re-running the geodata build reproduces the committed files byte for byte."""

import subprocess
import sys

from tests.conftest import ROOT


def test_build_geodata_is_reproducible():
    r = subprocess.run([sys.executable, "scripts/build_geodata.py", "--all", "--check"], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "up to date" in r.stdout


def test_boundaries_are_wgs84_not_gcj02(catalog):
    """The Shidao Bay HTR-PM anchor (WGS-84) is on land in the converted outline.

    In GCJ-02 the coastline sits ~430 m east; converting moves it back west.
    """
    rongcheng = catalog.layers["base_boundaries"].set_index("id").loc["adm_371082", "geometry"]
    from shapely.geometry import Point

    from sti_geo.geo.gcj02 import transform_geometry
    htr = Point(122.531, 36.979)
    assert rongcheng.contains(htr)
    shifted_back = transform_geometry(rongcheng, to_gcj02=True)
    # the GCJ-02 copy is displaced by the expected ~430 m
    dx = shifted_back.centroid.x - rongcheng.centroid.x
    assert 0.004 < dx < 0.006
