"""Reading an uploaded file into a GeoDataFrame, one small reader per format.

Engine details stay here (after geopandas ``io/``): pyogrio for GeoJSON, Shapefile, GeoPackage and
KML; pandas + shapely for CSV. Every reader raises :class:`UploadError` with a message code, never
a library exception.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import warnings
from collections.abc import Collection
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError, FieldError, GeometryError

from .._errors import UploadError
from .encoding import dbf_encoding, text_encoding
from .safezip import extract_zip

FORMATS = ("geojson", "shp", "gpkg", "kml", "csv")
EXTENSIONS = {".geojson": "geojson", ".json": "geojson", ".zip": "shp", ".gpkg": "gpkg", ".kml": "kml",
              ".csv": "csv", ".txt": "csv", ".tsv": "csv"}
MAGIC = {"shp": b"PK\x03\x04", "gpkg": b"SQLite format 3\x00"}
X_NAMES = ("lon", "lng", "long", "longitude", "x", "经度", "东经", "point_x")
Y_NAMES = ("lat", "latitude", "y", "纬度", "北纬", "point_y")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "shape", "几何")
FORMAT_NAMES = {".geojson": "GeoJSON", ".json": "GeoJSON", ".shp": "Shapefile", ".gpkg": "GeoPackage",
                ".kml": "KML", ".csv": "CSV"}
OGR_ERRORS = (DataSourceError, DataLayerError, FieldError, GeometryError, OSError, ValueError, RuntimeError)


def format_of(file_name: str, data: bytes) -> str:
    """The upload's format, from its extension, checked against its first bytes."""
    ext = Path(file_name).suffix.lower()
    fmt = EXTENSIONS.get(ext)
    if fmt is None:
        raise UploadError("wrong_type", ext=ext or "(none)", allowed=", ".join(sorted(EXTENSIONS)))
    magic = MAGIC.get(fmt)
    if magic and not data.startswith(magic):
        raise UploadError("corrupt", format=fmt)
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if fmt == "geojson" and not head.startswith((b"{", b"[")):
        raise UploadError("corrupt", format=fmt)
    if fmt == "kml" and not head.startswith(b"<"):
        raise UploadError("corrupt", format=fmt)
    if fmt == "csv" and b"\x00" in data[:4096]:
        raise UploadError("corrupt", format=fmt)
    return fmt


# A DTD can define entities (external files, "billion laughs"); KML never needs one, so none is parsed.
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_kml(data: bytes) -> None:
    """Refuse KML with a DTD before any XML parser sees it."""
    if _DTD.search(data):
        raise UploadError("kml_dtd")


def gpkg_views(path: Path) -> set[str]:
    """Layers of a GeoPackage that are SQL views, not tables (never read: a view runs arbitrary SQL).

    Read with Python's own sqlite3, read-only and immutable, before GDAL opens the file. Triggers need
    no check: they run only on writes, and the file is only ever read.
    """
    try:
        with sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True) as con:
            con.text_factory = lambda raw: raw.decode("utf-8", "replace")  # names in a damaged file
            rows = con.execute("SELECT c.table_name FROM gpkg_contents c JOIN sqlite_master m "
                               "ON m.name = c.table_name WHERE m.type = 'view'").fetchall()
    except (sqlite3.Error, ValueError):
        return set()  # not a GeoPackage SQLite can read: GDAL's reading gives the message
    return {str(name) for (name,) in rows}


def spatial_layers(path: Path, skip: Collection[str] = frozenset()) -> list[str]:
    """Names of the layers in a GeoPackage/KML that have geometry (less those in ``skip``)."""
    try:
        with warnings.catch_warnings():  # GDAL's complaints about a broken file become our one message
            warnings.simplefilter("ignore", RuntimeWarning)
            listed = pyogrio.list_layers(path)
    except OGR_ERRORS as exc:
        raise _unreadable(path, exc) from exc
    return [str(name) for name, geom_type in listed if geom_type is not None and str(name) not in skip]


def read_ogr(path: Path, layer: str | None = None, encoding: str | None = None) -> gpd.GeoDataFrame:
    """A layer read through GDAL (pyogrio); GDAL's failures become ``UploadError('unreadable')``."""
    try:
        with warnings.catch_warnings():  # GDAL's warnings about odd files: the notices say what matters
            warnings.simplefilter("ignore", RuntimeWarning)
            return pyogrio.read_dataframe(path, layer=layer, encoding=encoding)
    except OGR_ERRORS as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: Path, exc: BaseException) -> UploadError:
    """The user learns which kind of file failed; GDAL's text (with the temporary path) goes to the log."""
    return UploadError("unreadable", detail=str(exc) or type(exc).__name__,
                       format=FORMAT_NAMES.get(path.suffix.lower(), path.suffix.lstrip(".")))


def read_geojson(path: Path) -> gpd.GeoDataFrame:
    """GeoJSON is UTF-8 by RFC 7946; a GBK file is re-encoded first so names survive."""
    raw = path.read_bytes()
    enc = text_encoding(raw)
    if enc not in ("utf-8", "utf-8-sig"):
        path.write_bytes(raw.decode(enc).encode("utf-8"))
    try:
        json.loads(path.read_bytes())
    except (ValueError, RecursionError) as exc:
        raise UploadError("corrupt", format="geojson") from exc
    return read_ogr(path)


def shapefiles_in(paths: list[Path], root: Path) -> list[str]:
    """The ``.shp`` files among unpacked zip members, relative to ``root`` (macOS metadata skipped)."""
    return sorted(str(p.relative_to(root)) for p in paths
                  if p.suffix.lower() == ".shp" and "__MACOSX" not in p.parts)


def read_zip(data: bytes, tmp: Path, max_bytes: int, layer: str | None,
             encoding: str | None) -> tuple[gpd.GeoDataFrame, list[str], str]:
    """A zipped shapefile: (frame, the .shp files in the zip, the text encoding used)."""
    root = tmp / "unzipped"
    root.mkdir()
    files = extract_zip(data, root, max_bytes)
    layers = shapefiles_in(files, root)
    if not layers:
        nested = any(p.suffix.lower() == ".zip" for p in files)
        raise UploadError("zip_nested" if nested else "zip_no_shp")
    chosen = layer if layer in layers else layers[0]
    shp = root / chosen
    missing = [ext for ext in (".dbf", ".shx") if not _sibling(shp, ext)]
    cpg = _sibling(shp, ".cpg")
    dbf = _sibling(shp, ".dbf")
    if dbf is None:
        raise UploadError("shp_parts", missing=".dbf")
    enc = encoding or dbf_encoding(dbf.read_bytes(), cpg.read_text("ascii", "ignore") if cpg else None)
    if ".shx" in missing:
        pyogrio.set_gdal_config_options({"SHAPE_RESTORE_SHX": "YES"})
    try:
        return read_ogr(shp, encoding=enc), layers, enc
    finally:
        pyogrio.set_gdal_config_options({"SHAPE_RESTORE_SHX": None})


def _sibling(shp: Path, ext: str) -> Path | None:
    for p in shp.parent.iterdir():
        if p.stem == shp.stem and p.suffix.lower() == ext:
            return p
    return None


def _find(columns: list[str], names: tuple[str, ...]) -> str | None:
    lowered = {c.strip().lower(): c for c in columns}
    return next((lowered[n] for n in names if n in lowered), None)


def read_csv(data: bytes, encoding: str | None, x_col: str | None, y_col: str | None,
             wkt_col: str | None) -> tuple[gpd.GeoDataFrame, list[str], str, int]:
    """CSV with lon/lat (x/y) or WKT columns: (frame without CRS, the columns, encoding, rows dropped)."""
    enc = encoding or text_encoding(data[: 1 << 20])
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError) as exc:
        raise UploadError("encoding", encoding=enc) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
        sep = dialect.delimiter
    except csv.Error:
        sep = ","
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, on_bad_lines="error")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise UploadError("corrupt", format="csv") from exc
    columns = [str(c) for c in df.columns]
    df.columns = columns
    if wkt_col in columns:
        wkt, x, y = wkt_col, None, None
    elif x_col in columns and y_col in columns:
        wkt, x, y = None, x_col, y_col
    else:
        wkt = _find(columns, WKT_NAMES)
        x, y = (None, None) if wkt else (_find(columns, X_NAMES), _find(columns, Y_NAMES))
    if wkt:
        geoms = shapely.from_wkt(df[wkt].to_numpy(dtype=object), on_invalid="ignore")
        df = df.drop(columns=[wkt])
    elif x and y:
        xs = pd.to_numeric(df[x].str.strip(), errors="coerce")
        ys = pd.to_numeric(df[y].str.strip(), errors="coerce")
        geoms = shapely.points(xs.to_numpy(), ys.to_numpy())
        geoms[(xs.isna() | ys.isna()).to_numpy()] = None
    else:
        raise UploadError("csv_columns", columns=", ".join(columns[:30]))
    frame = gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, index=df.index))
    dropped = int(frame.geometry.isna().sum())
    return frame[frame.geometry.notna()].reset_index(drop=True), columns, enc, dropped

