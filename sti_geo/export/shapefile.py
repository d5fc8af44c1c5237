"""Shapefile constraints: ≤10-character field names and ≤254-byte text, mapped and documented."""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd

from ..text.values import is_missing

MAX_NAME = 10
MAX_BYTES = 254  # a DBF text field; Chinese takes 3 bytes a character in UTF-8
# Preferred short names for the contract's long fields (anything else is cut and numbered).
SHORT_NAMES: dict[str, str] = {
    "geometry_basis": "geom_basis", "geometry_note": "geom_note", "geometry_note_zh": "geom_nt_zh",
    "district_id": "distr_id",
    "cluster_ids": "clustr_ids", "platform_type": "plat_type", "description": "descr",
    "description_en": "descr_en", "accuracy_m": "accuracy_m", "outline_m": "outline_m",
    "industries": "industries",
    "within_status": "wi_status", "within_share": "wi_share",
}
# Fields always written as numbered parts (quote_1, quote_2 …), even when one part would do, so that every
# layer of every export names them alike; other text is numbered only if it does not fit.
SPLIT_FIELDS = ("quote", "geometry_note", "geometry_note_zh", "description", "description_en")


def _split_text(text: str, limit: int = MAX_BYTES) -> list[str]:
    """Cut text into pieces of at most ``limit`` UTF-8 bytes, never inside a character."""
    parts, current = [], ""
    for ch in text:
        if len((current + ch).encode("utf-8")) > limit:
            parts.append(current)
            current = ""
        current += ch
    return [*parts, current] if current or not parts else parts


def _unique(name: str, taken: set[str]) -> str:
    name = re.sub(r"[^A-Za-z0-9_]", "_", name)[:MAX_NAME]
    n = 1
    candidate = name
    while candidate.lower() in taken:
        suffix = f"_{n}"
        candidate = name[:MAX_NAME - len(suffix)] + suffix
        n += 1
    taken.add(candidate.lower())
    return candidate


def shapefile_frame(gdf: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, list[tuple[str, list[str]]]]:
    """The frame with short field names and long text split into numbered parts.

    Returns the new frame and the mapping ``[(original field, [shapefile fields…]), …]``:
    a field with several shapefile fields is their concatenation, in order.
    """
    taken: set[str] = set()
    columns: dict[str, pd.Series] = {}
    mapping: list[tuple[str, list[str]]] = []
    for col in gdf.columns:
        if col == gdf.geometry.name:
            continue
        series = gdf[col]
        base = SHORT_NAMES.get(col, col)
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            pieces = [[] if is_missing(v) else _split_text(str(v)) for v in series]  # a missing value stays NULL
            width = max([len(p) for p in pieces] + [1])
            if width == 1 and col not in SPLIT_FIELDS:
                name = _unique(base, taken)
                columns[name] = pd.Series([p[0] if p else None for p in pieces], index=gdf.index, dtype=object)
                mapping.append((col, [name]))
                continue
            names = [_unique(f"{base[:MAX_NAME - 3]}_{i + 1}", taken) for i in range(width)]
            for i, name in enumerate(names):
                columns[name] = pd.Series([p[i] if i < len(p) else None for p in pieces], index=gdf.index,
                                          dtype=object)
            mapping.append((col, names))
        else:
            name = _unique(base, taken)
            columns[name] = series
            mapping.append((col, [name]))
    out = gpd.GeoDataFrame(columns, geometry=gdf.geometry.values, crs=gdf.crs, index=gdf.index)
    return out, mapping


def mapping_readme(layer: str, mapping: list[tuple[str, list[str]]], attribution: str, crs_label: str) -> str:
    """README.txt for the zip: the field-name mapping, how to rejoin split text, the CRS and attribution."""
    lines = [f"Shapefile export of layer '{layer}' (sti_geo)", "", f"CRS: {crs_label}", "Encoding: UTF-8 (see .cpg)",
             "", "Field names are at most 10 characters. Text longer than 254 bytes is split into numbered",
             "fields; join them in order to get the full value.", "", "original field -> shapefile field(s)"]
    lines += [f"{orig} -> {' + '.join(names)}" for orig, names in mapping]
    lines += ["", "Attribution / licences:", attribution, ""]
    return "\n".join(lines)
