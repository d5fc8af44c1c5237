"""One writer per export format. Each takes layers already in the output CRS and returns bytes."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from ..geo.crs import OutputCrs
from ..model.layers import LIST_FIELDS
from ..text.safe_text import csv_safe_frame
from ..text.values import is_missing
from .shapefile import mapping_readme, shapefile_frame
from .spreadsheet import DEFAULT_CSV_GEOMETRY, geometry_columns

GEOJSON_DECIMALS = 7  # RFC 7946 §11.2: ~1 cm, more than the data's accuracy
ZIP_DATE = (2021, 1, 1, 0, 0, 0)  # fixed, so the same export gives the same bytes
# GeoPackage 1.2: GDAL ≤ 3.6 (Debian 12, QGIS 3.22 — common in bureau offices) warns on every open of a
# 1.4 file and its validator fails; 1.2 holds everything we write (no 1.3/1.4-only feature is used).
GPKG_VERSION = "1.2"
INTEGER_FIELDS = ("accuracy_m", "outline_m")  # whole numbers in every layer and format, NULL where they do not apply


def joined_lists(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with each list field joined into one text cell (``LIST_FIELDS`` says with what, else 、).

    Other columns holding lists (an industry's ``aliases``) are joined too: GIS formats and PostGIS have
    no list type, and Python's ``['电子信息']`` or PostgreSQL's ``{电子信息}`` is no value for a reader.
    """
    out = df.copy()
    for col in out.columns:
        if col == getattr(out, "_geometry_column_name", None) or out[col].dtype != object:
            continue
        sep = LIST_FIELDS.get(col, "、")
        if col in LIST_FIELDS or out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v, s=sep: s.join(map(str, v)) if isinstance(v, list) else v)
    return out


def with_nulls(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` as GIS formats should hold it: missing or blank text is NULL, integer fields are integers.

    (CSV keeps empty cells: it has no NULL.) ``IS NULL`` then finds every missing value in QGIS.
    """
    out = df.copy()
    for col in out.columns:
        if col == getattr(out, "_geometry_column_name", None):
            continue
        if col in INTEGER_FIELDS and pd.api.types.is_numeric_dtype(out[col].dtype):
            out[col] = out[col].round().astype("Int64")
        elif out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(lambda v: None if is_missing(v) or (isinstance(v, str) and not v.strip()) else v)
            out[col] = out[col].astype(object)
    return out


def _json_value(value: Any) -> Any:
    if is_missing(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _rfc7946_geometry(geom) -> dict[str, Any]:
    """Counter-clockwise exterior rings, coordinates rounded to GEOJSON_DECIMALS."""
    geom = shapely.orient_polygons(geom, exterior_cw=False)
    geom = shapely.transform(geom, lambda c: np.round(c, GEOJSON_DECIMALS))
    return json.loads(shapely.to_geojson(geom))


def geojson_collection(gdf: gpd.GeoDataFrame, name: str, attribution: str) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection (WGS-84 lon/lat, no ``crs`` member)."""
    props = [c for c in gdf.columns if c != gdf.geometry.name]
    features = []
    for row, geom in zip(gdf[props].itertuples(index=False), gdf.geometry, strict=True):
        features.append({
            "type": "Feature",
            "id": _json_value(getattr(row, "id", None)),
            "properties": {k: _json_value(v) for k, v in zip(props, row, strict=True)},
            "geometry": _rfc7946_geometry(geom),
        })
    return {"type": "FeatureCollection", "name": name, "attribution": attribution, "features": features}


def geojson_bytes(gdf: gpd.GeoDataFrame, name: str, attribution: str) -> bytes:
    """``gdf`` as RFC 7946 GeoJSON: WGS-84, counter-clockwise exteriors, 7 decimals, an attribution member."""
    text = json.dumps(geojson_collection(gdf, name, attribution), ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def csv_frame(gdf: gpd.GeoDataFrame, crs: OutputCrs, attribution: str,
              geometry: str = DEFAULT_CSV_GEOMETRY) -> pd.DataFrame:
    """One row per feature: attributes, the geometry as ``geometry`` says (see ``spreadsheet``), CRS, attribution.

    Text that a spreadsheet would run as a formula is prefixed with "'" (see ``safe_text.csv_cell``).
    """
    df = csv_safe_frame(pd.DataFrame(gdf.drop(columns=gdf.geometry.name)))  # names too: a header is a cell
    df = pd.concat([df, geometry_columns(gdf, crs, geometry)], axis=1)
    df["crs"] = crs.id
    df["attribution"] = attribution
    return df


def csv_sidecars(frame: pd.DataFrame, crs: OutputCrs) -> dict[str, bytes]:
    """The ``.csvt`` (each column's type) and ``.prj`` (the CRS) GDAL and QGIS read beside a CSV.

    Without them ``ogrinfo`` reported the CSV's CRS as "(unknown)" and every field as text (GeoCSV types:
    the ``wkt`` column is the geometry, numbers are Integer or Real).
    """
    def kind(name: str, column: pd.Series) -> str:
        if name == "wkt":
            return "WKT"
        if pd.api.types.is_bool_dtype(column):
            return "Integer(Boolean)"
        if pd.api.types.is_integer_dtype(column):
            return "Integer"
        if pd.api.types.is_float_dtype(column):
            return "Real"
        return "String"

    types = ",".join(f'"{kind(str(name), frame[name])}"' for name in frame.columns)
    return {".csvt": (types + "\n").encode("ascii"), ".prj": crs.pyproj().to_wkt("WKT1_ESRI").encode("ascii")}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A :func:`csv_frame` as UTF-8 with a byte-order mark, so Excel shows the Chinese text too."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def gpkg_bytes(layers: dict[str, gpd.GeoDataFrame], tables: dict[str, pd.DataFrame],
               styles: pd.DataFrame) -> bytes:
    """One GeoPackage: every layer, the attribute tables, and QGIS ``layer_styles``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.gpkg"
        for name, df in {**layers, **tables, "layer_styles": styles}.items():
            options: dict[str, Any] = {"append": True} if path.exists() else {
                "dataset_options": {"VERSION": GPKG_VERSION}}
            if isinstance(df, gpd.GeoDataFrame):
                # a layer mixing Polygon and MultiPolygon is stored as Multi; a point layer stays Point
                options["promote_to_multi"] = len(set(df.geom_type)) > 1
            pyogrio.write_dataframe(_plain_types(df), path, layer=name, driver="GPKG", **options)
        return path.read_bytes()


def shapefile_zip(gdf: gpd.GeoDataFrame, layer: str, crs: OutputCrs, attribution: str,
                  folder: str = "", qml: str = "") -> dict[str, bytes]:
    """The files of one zipped shapefile (``{name in zip: bytes}``), with README.txt mapping the fields.

    ``qml``, when given, is written as ``<layer>.qml`` beside the ``.shp``: QGIS applies it on opening.
    """
    frame, mapping = shapefile_frame(gdf)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{layer}.shp"
        pyogrio.write_dataframe(_plain_types(frame), path, driver="ESRI Shapefile", encoding="UTF-8")
        files = {f"{folder}{p.name}": p.read_bytes() for p in sorted(Path(tmp).iterdir())}
    if qml:
        files[f"{folder}{layer}.qml"] = qml.encode("utf-8")
    label = f"{crs.id} — {crs.label_en}"
    files[f"{folder}README.txt"] = mapping_readme(layer, mapping, attribution, label).encode("utf-8")
    return files


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A deterministic zip of ``{name: bytes}``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name])
    return buf.getvalue()


def _plain_types(df: pd.DataFrame) -> pd.DataFrame:
    """Nullable/arrow dtypes to what GDAL writes cleanly (object strings, float/int)."""
    out = df.copy()
    for col in out.columns:
        if col == getattr(out, "_geometry_column_name", None):
            continue
        dtype = out[col].dtype
        if pd.api.types.is_string_dtype(dtype) and not isinstance(dtype, np.dtype):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
        elif str(dtype) == "Int64" and not out[col].isna().any():
            out[col] = out[col].astype("int64")  # with NULLs it stays Int64: GDAL writes them as NULL
    return out


