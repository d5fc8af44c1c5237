"""An analyst's own layer: read any supported upload, check it, and bring it to WGS-84.

``read_upload`` either returns an :class:`UploadedLayer` (with notices about what it fixed or
assumed) or raises :class:`UploadError` whose code names the problem; nothing else escapes. The
file only touches disk inside a temporary folder that is removed before the function returns.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from .._errors import UploadError
from ..geo.crs import WGS84
from ..geo.gcj02 import transform_geometry
from ..model.validate import UPLOAD_ID_PREFIX
from ..settings import Settings, settings_from_env
from ..text.values import is_missing
from . import read as rd
from .safezip import UNZIP_FACTOR

NAME_COLUMNS = ("name", "名称", "名字", "title", "标题", "label", "mc", "dwmc", "xmmc")
FAR_DEG = 2.0  # features this far outside the region's extent are worth a notice (wrong CRS?)
Notice = tuple[str, dict[str, object]]


@dataclass(frozen=True)
class UploadOptions:
    """Choices the user can make about an upload; None means "read it from the file / detect"."""

    layer: str | None = None  # GeoPackage/KML layer, or the .shp inside a zip
    crs: str | None = None  # the data's CRS when the file has none, or to override a wrong one
    gcj02: bool = False  # coordinates are GCJ-02 (Amap/Tencent): convert to WGS-84
    encoding: str | None = None
    x_column: str | None = None
    y_column: str | None = None
    wkt_column: str | None = None


@dataclass
class UploadedLayer:
    """The upload in WGS-84, with ``id`` (``upload_1`` …) and ``name`` columns added."""

    name: str
    file_name: str
    format: str
    frame: gpd.GeoDataFrame
    source_crs: str
    layers: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    encoding: str = ""
    notices: list[Notice] = field(default_factory=list)


def read_upload(data: bytes, file_name: str, options: UploadOptions | None = None,
                settings: Settings | None = None,
                region_bounds: tuple[float, float, float, float] | None = None) -> UploadedLayer:
    """Read, check and convert an uploaded layer.

    Parameters
    ----------
    data, file_name
        The file's bytes and name (the extension picks the reader; the first bytes must agree).
    options
        Layer, CRS, GCJ-02, encoding and CSV column choices.
    settings
        Size and feature caps (``Settings.upload_max_mb``, ``upload_max_features``).
    region_bounds
        The plan's extent (lon/lat); used to spot swapped lat/lon and far-away data.

    Raises
    ------
    UploadError
        With a ``code`` from :data:`sti_geo.upload.messages.MESSAGES`.
    """
    options = options or UploadOptions()
    settings = settings or settings_from_env()
    max_bytes = int(settings.upload_max_mb * 2**20)
    if not data:
        raise UploadError("empty")
    if len(data) > max_bytes:
        raise UploadError("too_large", size_mb=round(len(data) / 2**20, 1), limit_mb=settings.upload_max_mb)
    fmt = rd.format_of(file_name, data)
    notices: list[Notice] = []
    layers: list[str] = []
    columns: list[str] = []
    encoding = ""
    with tempfile.TemporaryDirectory(prefix="sti_geo_upload_") as tmp:
        path = Path(tmp) / f"upload{Path(file_name).suffix.lower()}"
        if fmt == "shp":
            frame, layers, encoding = rd.read_zip(data, Path(tmp), max_bytes * UNZIP_FACTOR, options.layer,
                                                  options.encoding)
        elif fmt == "csv":
            frame, columns, encoding, dropped = rd.read_csv(data, options.encoding, options.x_column,
                                                            options.y_column, options.wkt_column)
            if dropped:
                notices.append(("dropped_rows", {"count": dropped}))
        else:
            path.write_bytes(data)
            if fmt == "geojson":
                frame = rd.read_geojson(path)
            else:
                if fmt == "kml":
                    rd.check_kml(data)
                views = rd.gpkg_views(path) if fmt == "gpkg" else set()
                layers = rd.spatial_layers(path, skip=views)
                if views:
                    notices.append(("gpkg_views", {"count": len(views)}))
                if not layers:
                    raise UploadError("gpkg_only_views" if views else "no_geometry")
                chosen = options.layer if options.layer in layers else layers[0]
                frame = rd.read_ogr(path, layer=chosen)
    if len(layers) > 1:
        notices.append(("several_layers", {"count": len(layers), "layer": options.layer
                                           if options.layer in layers else layers[0]}))
    if len(frame) > settings.upload_max_features:
        raise UploadError("too_many_features", count=len(frame), limit=settings.upload_max_features)
    frame = _drop_empty(frame, notices)
    frame, source_crs = _to_wgs84(frame, options, notices)
    frame = _clean_geometry(frame, notices, geographic_source=source_crs in (WGS84, "EPSG:4490", "GCJ-02"),
                            region_bounds=region_bounds)
    frame = _columns(frame)
    return UploadedLayer(name=Path(file_name).stem[:80] or "upload", file_name=file_name, format=fmt, frame=frame,
                         source_crs=source_crs, layers=layers, columns=columns, encoding=encoding, notices=notices)


def _pick_crs(text: str) -> CRS:
    try:
        return CRS.from_user_input(text.strip())
    except (CRSError, TypeError, ValueError) as exc:
        raise UploadError("crs_unknown", crs=str(text)[:60]) from exc


def _label(crs: CRS) -> str:
    epsg = crs.to_epsg(min_confidence=70)
    return f"EPSG:{epsg}" if epsg else crs.name


def _in_lonlat_range(frame: gpd.GeoDataFrame) -> bool:
    xy = shapely.get_coordinates(frame.geometry.values)
    return bool(len(xy)) and bool(np.all(np.abs(xy[:, 0]) <= 180) and np.all(np.abs(xy[:, 1]) <= 180))


def _to_wgs84(frame: gpd.GeoDataFrame, options: UploadOptions,
              notices: list[Notice]) -> tuple[gpd.GeoDataFrame, str]:
    if options.crs:
        picked = _pick_crs(options.crs)
        if frame.crs is not None and not frame.crs.equals(picked):
            notices.append(("crs_overridden", {"file": _label(frame.crs), "picked": _label(picked)}))
        frame = frame.set_crs(picked, allow_override=True)
    elif frame.crs is None:
        if not _in_lonlat_range(frame):
            raise UploadError("crs_missing")
        notices.append(("crs_assumed", {}))
        frame = frame.set_crs(WGS84)
    source = _label(frame.crs)
    if not frame.crs.equals(CRS.from_user_input(WGS84)):
        try:
            frame = frame.to_crs(WGS84)
        except (CRSError, ValueError, RuntimeError) as exc:
            raise UploadError("crs_transform", crs=source) from exc
    if options.gcj02:
        frame = frame.set_geometry(frame.geometry.apply(lambda g: transform_geometry(g, to_gcj02=False)))
        notices.append(("gcj02_converted", {}))
        source = "GCJ-02"
    return frame, source


def _drop_empty(frame: gpd.GeoDataFrame, notices: list[Notice]) -> gpd.GeoDataFrame:
    """2-D, non-empty geometries with finite coordinates only (or UploadError when none is left).

    A feature with a nan or inf coordinate is left out and counted, like an empty one: the rest of the layer
    is kept. Only when every feature has one is the file refused (out of range).
    """
    geoms = shapely.force_2d(frame.geometry.values)
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if empty.any():
        notices.append(("dropped_empty", {"count": int(empty.sum())}))
        frame, geoms = frame[~empty], geoms[~empty]
    if not len(frame):
        raise UploadError("no_geometry")
    coords, parts = shapely.get_coordinates(geoms, return_index=True)
    bad = np.zeros(len(geoms), dtype=bool)
    bad[parts[~np.isfinite(coords).all(axis=1)]] = True
    if bad.all():
        raise UploadError("out_of_range", example="nan/inf")
    if bad.any():
        notices.append(("dropped_non_finite", {"count": int(bad.sum())}))
        frame, geoms = frame[~bad], geoms[~bad]
    return frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs))


def _clean_geometry(frame: gpd.GeoDataFrame, notices: list[Notice], geographic_source: bool,
                    region_bounds: tuple[float, float, float, float] | None) -> gpd.GeoDataFrame:
    geoms = frame.geometry.values
    xy = shapely.get_coordinates(geoms)
    if geographic_source and _should_swap(xy, region_bounds):
        geoms = shapely.transform(geoms, lambda c: c[:, ::-1])
        xy = xy[:, ::-1]
        notices.append(("swapped", {}))
    bad = (np.abs(xy[:, 0]) > 180) | (np.abs(xy[:, 1]) > 90)
    if bad.any():
        x, y = xy[bad][0]
        raise UploadError("out_of_range", example=f"{x:.6g}, {y:.6g}")
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        geoms = geoms.copy()
        geoms[invalid] = shapely.make_valid(geoms[invalid], method="structure", keep_collapsed=False)
        notices.append(("repaired", {"count": int(invalid.sum())}))
        gone = shapely.is_empty(geoms)
        if gone.any():
            notices.append(("dropped_empty", {"count": int(gone.sum())}))
            frame, geoms = frame[~gone], geoms[~gone]
            if not len(frame):
                raise UploadError("no_geometry")
    if region_bounds is not None:
        far = _far(geoms, region_bounds)
        if far:
            notices.append(("far_from_region", {"count": far}))
    return frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=WGS84)).reset_index(drop=True)


def _should_swap(xy: np.ndarray, region: tuple[float, float, float, float] | None) -> bool:
    """Lat/lon given as lon/lat: out of range as given but not swapped, or (near a region) only swapped fits."""
    lon_ok = (np.abs(xy[:, 0]) <= 180) & (np.abs(xy[:, 1]) <= 90)
    swap_ok = (np.abs(xy[:, 1]) <= 180) & (np.abs(xy[:, 0]) <= 90)
    if not lon_ok.all():
        return bool(swap_ok.all())
    if region is None:
        return False
    minx, miny, maxx, maxy = region

    def near(x: np.ndarray, y: np.ndarray) -> float:
        inside = (x >= minx - FAR_DEG) & (x <= maxx + FAR_DEG) & (y >= miny - FAR_DEG) & (y <= maxy + FAR_DEG)
        return float(inside.mean())

    return near(xy[:, 0], xy[:, 1]) == 0.0 and near(xy[:, 1], xy[:, 0]) == 1.0


def _far(geoms: np.ndarray, region: tuple[float, float, float, float]) -> int:
    minx, miny, maxx, maxy = region
    box = shapely.box(minx - FAR_DEG, miny - FAR_DEG, maxx + FAR_DEG, maxy + FAR_DEG)
    return int((~shapely.intersects(geoms, box)).sum())


def _plain_value(value: object) -> object:
    """Attribute values as JSON-friendly scalars (dates and bytes become text)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, bytes):
        return value.hex()
    return None if is_missing(value) else str(value)


def _column(values: pd.Series) -> pd.Series:
    """Numbers stay numbers; anything else (or a mix) becomes text, so every format can hold it."""
    plain = values.map(_plain_value).astype(object)
    present = plain.dropna()
    if len(present) and present.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)).all():
        return pd.to_numeric(plain)
    return plain.map(lambda v: None if v is None else str(v)).astype(object)


def _columns(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``id`` and ``name`` first (a source ``id`` is kept as ``id_src``), then the file's attributes."""
    geom_name = frame.geometry.name
    attrs = pd.DataFrame({str(c)[:60]: _column(frame[c]) for c in frame.columns if c != geom_name},
                         index=frame.index)
    if "id" in attrs.columns:
        attrs = attrs.rename(columns={"id": "id_src"})
    name_col = next((c for c in attrs.columns if c.strip().lower() in NAME_COLUMNS), None)
    if name_col is None:
        name_col = next((c for c in attrs.columns if attrs[c].map(lambda v: isinstance(v, str)).any()), None)
    n = len(frame)
    ids = [f"{UPLOAD_ID_PREFIX}{i}" for i in range(1, n + 1)]  # the validator keeps plan ids off this prefix
    names = (attrs[name_col].map(lambda v: "" if v is None else str(v)) if name_col
             else pd.Series([f"#{i}" for i in range(1, n + 1)], index=attrs.index))
    names = names.where(names.str.strip() != "", [f"#{i}" for i in range(1, n + 1)])
    attrs = attrs.drop(columns=["name"], errors="ignore")
    out = pd.concat([pd.DataFrame({"id": ids, "name": names.to_numpy()}, index=attrs.index), attrs], axis=1)
    return gpd.GeoDataFrame(out, geometry=frame.geometry.to_numpy(), crs=WGS84)
