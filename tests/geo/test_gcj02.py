"""GCJ-02 conversion against prcoords (CC0), an independent implementation."""

import numpy as np
import prcoords
import pytest
from pyproj import Geod
from shapely.geometry import Polygon

from sti_geo.geo.gcj02 import gcj02_to_wgs84, transform_geometry, wgs84_to_gcj02

GEOD = Geod(ellps="WGS84")
# Weihai and a spread of places across China (lon, lat)
POINTS = [(122.12, 37.51), (122.531, 36.979), (121.53, 36.91), (116.397, 39.909), (121.47, 31.23),
          (113.26, 23.13), (87.6, 43.8), (126.6, 45.75), (109.5, 18.25)]


def _metres(lon1, lat1, lon2, lat2):
    return GEOD.inv(lon1, lat1, lon2, lat2)[2]


@pytest.mark.parametrize(("lon", "lat"), POINTS)
def test_forward_matches_prcoords(lon, lat):
    ref = prcoords.wgs_gcj(prcoords.Coords(lat, lon))
    glon, glat = wgs84_to_gcj02(lon, lat)
    assert _metres(float(glon), float(glat), ref.lon, ref.lat) < 0.001


@pytest.mark.parametrize(("lon", "lat"), POINTS)
def test_inverse_matches_prcoords_and_round_trips(lon, lat):
    ref = prcoords.gcj_wgs_bored(prcoords.Coords(lat, lon))
    wlon, wlat = gcj02_to_wgs84(lon, lat)
    assert _metres(float(wlon), float(wlat), ref.lon, ref.lat) < 0.01
    back = wgs84_to_gcj02(wlon, wlat)
    assert _metres(float(back[0]), float(back[1]), lon, lat) < 0.01


def test_weihai_shift_is_the_measured_size():
    # geodata notes: across Weihai the shift is 424-447 m east and 43-114 m north
    glon, glat = wgs84_to_gcj02(122.12, 37.51)
    east = _metres(122.12, 37.51, float(glon), 37.51)
    north = _metres(122.12, 37.51, 122.12, float(glat))
    assert 400 < east < 470 and 30 < north < 130


def test_vectorised_over_arrays():
    lon = np.array([p[0] for p in POINTS])
    lat = np.array([p[1] for p in POINTS])
    glon, glat = wgs84_to_gcj02(lon, lat)
    assert glon.shape == lon.shape
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    assert np.max(np.abs(wlon - lon)) < 1e-9 and np.max(np.abs(wlat - lat)) < 1e-9


def test_outside_china_is_unchanged():
    glon, glat = wgs84_to_gcj02(2.35, 48.85)  # Paris
    assert float(glon) == 2.35 and float(glat) == 48.85


def test_transform_geometry_moves_every_vertex_and_back():
    poly = Polygon([(122.0, 37.4), (122.2, 37.4), (122.2, 37.5), (122.0, 37.4)])
    there = transform_geometry(poly, to_gcj02=True)
    assert not there.equals_exact(poly, 1e-6)
    back = transform_geometry(there, to_gcj02=False)
    assert back.equals_exact(poly, 1e-9)
