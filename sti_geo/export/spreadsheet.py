"""CSV for spreadsheets: how the geometry goes into a cell, and the README that says what was done.

Excel holds at most 32,767 characters in a cell; a longer WKT is cut when the file is opened and the cut
text is what a re-save writes back. So CSV offers three geometry choices (``CSV_GEOMETRY``): the full WKT,
WKT simplified (per feature, with the least tolerance that fits) under the limit, or one point per feature.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .._errors import InputError
from ..geo.crs import OutputCrs
from ..text.i18n import in_lang

EXCEL_CELL_LIMIT = 32_767  # characters in one cell (Excel specifications and limits)
CSV_GEOMETRY = ("simplified", "full", "points")
DEFAULT_CSV_GEOMETRY = "simplified"  # safe in Excel; a feature that already fits keeps its exact WKT
CSV_GEOMETRY_LABELS = {
    "simplified": ("WKT,超长的简化到 Excel 单元格上限以内", "WKT, simplified where longer than Excel's cell limit"),
    "full": ("完整 WKT(个别单元格超出 Excel 上限,仅供 QGIS 等)",
             "Full WKT (some cells exceed Excel's limit: QGIS etc.)"),
    "points": ("仅点坐标(每个要素一个点)", "Points only (one point per feature)"),
}
# Tolerances tried in turn (metres, in the feature's UTM zone): the first whose WKT fits is used.
TOLERANCES_M = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000)
NOTE_COLUMN = "csv_geometry_note"
POINT_NOTES = {"Point": "", "LineString": "线上一点 a point on the line",
               "MultiLineString": "线上一点 a point on one of its lines",
               "Polygon": "面内一点(非质心) a point inside the area, not its centroid",
               "MultiPolygon": "面内一点(非质心) a point inside one of its parts, not the centroid"}


def check_csv_geometry(choice: str) -> None:
    """InputError unless ``choice`` is one of ``CSV_GEOMETRY``."""
    if choice not in CSV_GEOMETRY:
        raise InputError(f"unknown CSV geometry {choice!r}; one of: {', '.join(CSV_GEOMETRY)}")


def csv_geometry_label(choice: str, lang: str) -> str:
    """The choice's label in ``lang``."""
    return in_lang(CSV_GEOMETRY_LABELS[choice], lang)


def _wkt(geom, crs: OutputCrs) -> str:
    return shapely.to_wkt(geom, rounding_precision=7 if crs.geographic else 3, trim=True)


def _same_kind(geom, like):
    """``geom`` (possibly a collection after ``make_valid``) as parts of ``like``'s dimension, or None if empty."""
    dim = shapely.get_dimensions(like)
    parts = [p for p in shapely.get_parts(shapely.make_valid(geom)) if shapely.get_dimensions(p) == dim
             and not p.is_empty]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.multipolygons(parts) if dim == 2 else \
        shapely.multilinestrings(parts) if dim == 1 else shapely.multipoints(parts)


def _candidates(metric, tol: float):
    """(simplification, lossy) of one metric geometry at ``tol``: topology kept first, then narrow parts let go."""
    yield metric.simplify(tol, preserve_topology=True), False
    # preserve_topology keeps every island as a ring; a coast of hundreds of islands needs them let go
    yield _same_kind(metric.simplify(tol, preserve_topology=False), metric), True


def simplified_wkt(geom, crs: OutputCrs, limit: int = EXCEL_CELL_LIMIT) -> tuple[str, str]:
    """(WKT no longer than ``limit``, note) — the geometry itself when it fits, else simplified.

    Simplification runs in metres in the feature's own UTM zone with the least tolerance of ``TOLERANCES_M``
    that fits, keeping topology (valid, every part kept) when that fits, else letting go of the islands and
    strips narrower than the tolerance; the note says which tolerance, and how many vertices and parts remain.
    """
    text = _wkt(geom, crs)
    if len(text) <= limit:
        return text, ""
    series = gpd.GeoSeries([geom], crs=crs.pyproj())
    utm = series.estimate_utm_crs()
    metric = series.to_crs(utm).iloc[0]
    before, parts = shapely.get_num_coordinates(geom), shapely.get_num_geometries(geom)
    for tol in TOLERANCES_M:
        for simple, lossy in _candidates(metric, tol):
            if simple is None:
                continue
            back = gpd.GeoSeries([simple], crs=utm).to_crs(series.crs).iloc[0]
            text = _wkt(back, crs)
            if len(text) <= limit:
                dropped = (f", islands and strips narrower than that dropped ({parts} → "
                           f"{shapely.get_num_geometries(back)} parts)") if lossy else ""
                return text, (f"已简化 simplified: tolerance {tol} m, {before} → {shapely.get_num_coordinates(back)} "
                              f"vertices{dropped}, to fit Excel's {limit}-character cell; the GeoPackage and "
                              "GeoJSON exports have the full geometry")
    raise InputError(f"a geometry of {before} vertices does not fit {limit} characters even at "
                     f"{TOLERANCES_M[-1]} m; export it as points, GeoPackage or GeoJSON")


def geometry_columns(gdf: gpd.GeoDataFrame, crs: OutputCrs, choice: str) -> pd.DataFrame:
    """The CSV's geometry columns for ``gdf`` (already in ``crs``), and ``NOTE_COLUMN`` saying what each holds.

    ``full``/``simplified``: ``wkt`` and, for points, lon/lat (x/y when projected). ``points``: lon/lat for
    every feature — the point itself, or a point on the line / inside the area (``shapely.point_on_surface``).
    """
    check_csv_geometry(choice)
    xname, yname = ("lon", "lat") if crs.geographic else ("x", "y")
    geoms = gdf.geometry.values
    types = gdf.geom_type.to_numpy()
    out = pd.DataFrame(index=gdf.index)
    if choice == "points":
        points = shapely.point_on_surface(geoms)
        out[xname], out[yname] = shapely.get_x(points), shapely.get_y(points)
        out[NOTE_COLUMN] = [POINT_NOTES.get(t, "") for t in types]
        return out
    if choice == "full":
        out["wkt"] = [_wkt(g, crs) for g in geoms]
        out[NOTE_COLUMN] = [f"{len(w)} characters: longer than Excel's {EXCEL_CELL_LIMIT}-character cell; do not "
                            "open and re-save this file in Excel" if len(w) > EXCEL_CELL_LIMIT else ""
                            for w in out["wkt"]]
    else:
        out["wkt"], out[NOTE_COLUMN] = zip(*(simplified_wkt(g, crs) for g in geoms), strict=True) \
            if len(gdf) else ([], [])
    is_point = types == "Point"
    out[xname] = np.where(is_point, shapely.get_x(geoms), np.nan) if is_point.any() else np.nan
    out[yname] = np.where(is_point, shapely.get_y(geoms), np.nan) if is_point.any() else np.nan
    return out


def csv_readme(frames: dict[str, pd.DataFrame], choice: str, crs: OutputCrs, attribution: str, slug: str) -> str:
    """README.txt for a CSV export (``{layer: csv frame}``): the geometry choice and every row it changed."""
    intro = {
        "simplified": ["Geometry: WKT in the column `wkt`. Excel holds at most 32,767 characters in a cell, so a",
                       "feature whose WKT is longer was simplified (in metres, in its UTM zone, the least tolerance",
                       "that fits); every other feature is exact. Simplified areas no longer share their borders",
                       "exactly. Use the GeoPackage or GeoJSON export for the full geometry."],
        "full": ["Geometry: the full WKT in the column `wkt`. Cells longer than Excel's 32,767 characters are",
                 "listed below: Excel cuts them on opening and a re-save writes the cut text. Read this file with",
                 "QGIS, GDAL or pandas, or export again with the simplified or points choice for Excel."],
        "points": ["Geometry: one point per feature in the coordinate columns, no WKT. Points are the feature's",
                   "own; lines and areas get a point on the line / inside the area (not the centroid, which",
                   "may lie outside it), as the row's note says."],
    }[choice]
    xy = "lon/lat" if crs.geographic else "x/y"
    lines = [f"sti_geo CSV export {slug}", "", f"CRS: {crs.id} — {crs.label_en} (coordinates {xy})",
             "Encoding: UTF-8 with a byte-order mark (Excel shows the Chinese text).", "", *intro,
             "", f"The column `{NOTE_COLUMN}` says what was done to each row (empty: nothing).", ""]
    changed = [(layer, fid, note) for layer, df in frames.items()
               for fid, note in zip(df.get("id", df.index), df[NOTE_COLUMN], strict=True) if note]
    if choice != "points":
        lines += ["Rows changed or flagged:" if changed else "No row was changed: every WKT fits a cell."]
        lines += [f"  {layer} / {fid}: {note}" for layer, fid, note in changed]
        lines.append("")
    lines += ["Attribution / licences:", attribution, ""]
    return "\n".join(lines)
