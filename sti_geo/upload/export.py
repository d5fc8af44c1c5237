"""An uploaded layer as a layer spec (for the map and legend) and as an export, with its spatial summary."""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd

from ..export.bundle import ExportContent, check_format, data_bounds, download_name, layer_files, media_type
from ..export.spreadsheet import DEFAULT_CSV_GEOMETRY, check_csv_geometry
from ..geo.crs import DEFAULT_CRS, check_covers, output_crs, to_output_crs
from ..model.specs import LayerSpec, Style
from .layer import UploadedLayer
from .summary import SUMMARY_COLUMNS

UPLOAD_LAYER = "upload"
UPLOAD_STYLE = Style(color="#a21caf", fill_color="#e879f9", weight=2.5, opacity=1.0, fill_opacity=0.35,
                     radius=6.0)
FAMILIES = {"Point": ("Point", "MultiPoint"), "LineString": ("LineString", "MultiLineString"),
            "Polygon": ("Polygon", "MultiPolygon")}
SUFFIX = {"Point": "points", "LineString": "lines", "Polygon": "polygons"}
_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def upload_spec(upload: UploadedLayer, geometry_type: str | None = None) -> LayerSpec:
    """A layer spec for the upload (or one geometry family of it): title, style, legend."""
    lid = UPLOAD_LAYER if geometry_type is None else f"{UPLOAD_LAYER}_{SUFFIX[geometry_type]}"
    geometry_type = geometry_type or dominant_geometry(upload.frame)
    symbol = {"Point": "circle", "LineString": "line"}.get(geometry_type, "fill")
    return LayerSpec(id=lid, title=f"我的图层:{upload.name}", title_en=f"My layer: {upload.name}", group="upload",
                     order=1000, table="", geometry_type=geometry_type, provenance="dataset", style=UPLOAD_STYLE,
                     legend_label=f"我的图层:{upload.name}(上传,非规划数据)",
                     legend_label_en=f"My layer: {upload.name} (uploaded, not plan data)", legend_symbol=symbol,
                     popup_fields=("name",), tooltip_fields=("name",), geometry_basis="uploaded")


def dominant_geometry(frame: gpd.GeoDataFrame) -> str:
    """The geometry family most features have (drives the legend symbol)."""
    counts = {fam: int(frame.geom_type.isin(kinds).sum()) for fam, kinds in FAMILIES.items()}
    return max(counts, key=lambda fam: counts[fam])


def slug(name: str) -> str:
    """A file-name-safe version of the upload's name (hostile names included)."""
    return _SLUG_UNSAFE.sub("_", name).strip("_")[:40] or "layer"


def export_frame(upload: UploadedLayer, summary: pd.DataFrame) -> gpd.GeoDataFrame:
    """The upload's features with their spatial summary columns, collections split into parts."""
    cols = [c for c in SUMMARY_COLUMNS if c not in ("id", "name")]
    frame = upload.frame.merge(summary[["id", *cols]], on="id", how="left", suffixes=("", "_plan"))
    frame = frame.explode(index_parts=False).reset_index(drop=True)  # GeometryCollection → parts
    return gpd.GeoDataFrame(frame, geometry=upload.frame.geometry.name, crs=upload.frame.crs)


def upload_layers(upload: UploadedLayer, summary: pd.DataFrame) -> dict[str, tuple[gpd.GeoDataFrame, LayerSpec]]:
    """One layer per geometry family present (formats such as Shapefile hold only one kind)."""
    frame = export_frame(upload, summary)
    out = {}
    for fam, kinds in FAMILIES.items():
        part = frame[frame.geom_type.isin(kinds)].reset_index(drop=True)
        if len(part):
            spec = upload_spec(upload, fam)
            out[spec.id] = (part, spec)
    return out


def upload_export(upload: UploadedLayer, summary: pd.DataFrame, fmt: str, crs_id: str = DEFAULT_CRS,
                  plan_title: str = "", csv_geometry: str = DEFAULT_CSV_GEOMETRY) -> tuple[str, bytes, str]:
    """(file name, bytes, media type) of the uploaded layer and its summary in ``fmt`` and ``crs_id``.

    ``csv_geometry``: how csv writes geometry (``export.spreadsheet.CSV_GEOMETRY``).
    """
    crs = output_crs(crs_id)
    check_format(fmt, crs)
    check_csv_geometry(csv_geometry)
    layers = upload_layers(upload, summary)
    check_covers(crs, data_bounds({lid: gdf for lid, (gdf, _) in layers.items()},
                                  {lid: spec for lid, (_, spec) in layers.items()}))
    attribution = (f"Uploaded by a user of sti_geo from {upload.file_name!r} (source CRS {upload.source_crs}); "
                   f"not plan data. in_areas / nearest_* compare it with: {plan_title}. Plan park and platform "
                   "positions are approximate: see nearest_*_accuracy_km.")
    content = ExportContent(
        layers={lid: to_output_crs(gdf, crs) for lid, (gdf, _) in layers.items()},
        specs={lid: spec for lid, (_, spec) in layers.items()},
        tables={"upload_summary": summary}, attribution=attribution, slug=f"upload_{slug(upload.name)}",
        title=f"sti_geo — {upload.name}",
        kml_fields=tuple(c for c in next(iter(layers.values()))[0].columns if c not in ("id", "geometry")))
    ((_, data),) = layer_files(content, fmt, crs, bundle=True, csv_geometry=csv_geometry).items()
    file_name = export_file_name(upload, fmt)
    return file_name, data, media_type(file_name)


def export_file_name(upload: UploadedLayer, fmt: str) -> str:
    """The download's name: one file, or a zip when the format needs one file per geometry kind."""
    kinds = sum(bool(upload.frame.geom_type.isin(k).any()) for k in FAMILIES.values())
    return download_name(f"sti_geo_upload_{slug(upload.name)}", fmt, kinds)
