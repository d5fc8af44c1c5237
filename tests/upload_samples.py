"""Small upload files of every supported format, built in memory (tiny fixtures, after geopandas)."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
from shapely.geometry import LineString, Point, Polygon

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
RTL = "report\u202egpj.exe"
# Two points in Weihai (环翠区 and 荣成市), a line and a polygon across the city centre.
POINTS = [Point(122.12, 37.50), Point(122.42, 37.16)]
LINE = LineString([(122.05, 37.45), (122.15, 37.52)])
SQUARE = Polygon([(122.05, 37.40), (122.15, 37.40), (122.15, 37.48), (122.05, 37.48)])


def frame(names=("威海创新园", "荣成海洋站")) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"名称": list(names), "score": [1, 2]}, geometry=POINTS[: len(names)], crs=4326)


def geojson(features: list[dict] | None = None) -> bytes:
    if features is None:
        features = [{"type": "Feature", "properties": {"名称": n, "score": i},
                     "geometry": p.__geo_interface__} for i, (n, p) in enumerate(zip(("威海创新园", "荣成海洋站"),
                                                                                   POINTS, strict=True))]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8")


def _write(gdf: gpd.GeoDataFrame, name: str, **kw) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        pyogrio.write_dataframe(gdf, Path(tmp) / name, **kw)
        return {p.name: p.read_bytes() for p in Path(tmp).iterdir()}


def zipped(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def shapefile_zip(gdf: gpd.GeoDataFrame | None = None, encoding: str = "UTF-8", keep_cpg: bool = True,
                  keep_prj: bool = True) -> bytes:
    files = _write(frame() if gdf is None else gdf, "layer.shp", encoding=encoding)
    if not keep_cpg:
        files.pop("layer.cpg", None)
    if not keep_prj:
        files.pop("layer.prj", None)
    return zipped(files)


def gpkg(layers: dict[str, gpd.GeoDataFrame] | None = None) -> bytes:
    layers = layers or {"sites": frame()}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.gpkg"
        for name, gdf in layers.items():
            pyogrio.write_dataframe(gdf, path, layer=name, driver="GPKG", append=path.exists())
        return path.read_bytes()


def kml() -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
            '<Placemark><name>威海创新园</name><Point><coordinates>122.12,37.5</coordinates></Point></Placemark>'
            '<Placemark><name>荣成海洋站</name><Point><coordinates>122.42,37.16</coordinates></Point></Placemark>'
            "</Document></kml>").encode()


def csv(rows: str = "名称,经度,纬度\n威海创新园,122.12,37.50\n荣成海洋站,122.42,37.16\n",
        encoding: str = "utf-8") -> bytes:
    return rows.encode(encoding)


def all_formats() -> dict[str, bytes]:
    """One valid file per format, by file name."""
    return {"sites.geojson": geojson(), "sites.zip": shapefile_zip(), "sites.gpkg": gpkg(), "sites.kml": kml(),
            "sites.csv": csv()}
