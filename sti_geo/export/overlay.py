"""The database's edits laid over the pack's catalog: what the app and the OGC API show with STI_GEO_DATABASE_URL.

An edited feature keeps its quote and source — what the document says — and carries ``edited_at``,
``edited_by`` and ``edit_note`` (``edit_note_zh``); an edit breaking a data rule is not shown (``check_edits``
names it in ``Catalog.flagged``). Side tables' edits are listed by ``differences``, not laid over.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import geopandas as gpd
import pandas as pd

from ..model.catalog import Catalog
from ..model.layers import LIST_FIELDS
from ..text.i18n import in_lang, list_in, t
from .database import GEOMETRY, Difference, Published, check_edits, differences

EDIT_FIELDS = ("edited_at", "edited_by", "edit_note", "edit_note_zh")


def _note(change: Difference, pack_row: pd.Series | None, lang: str) -> str:
    unknown = t("edit_unrecorded", lang)  # the trail is not readable by this role
    when = {"at": change.at or unknown, "role": change.role or unknown}
    if change.change == "added":
        return t("edit_added", lang, **when)
    parts = []
    if GEOMETRY in change.fields:
        documented = "" if pack_row is None else str(pack_row.get(in_lang(("geometry_note_zh", "geometry_note"),
                                                                                  lang)) or "")
        parts.append(t("edit_position", lang, documented=documented or t("edit_documented_none", lang), **when))
    others = [f for f in change.fields if f != GEOMETRY]
    if others:
        parts.append(t("edit_fields", lang, fields=list_in(others, lang), **when))
    return " ".join(parts)


def _stored_value(column: str, value: Any, dtype: Any) -> Any:
    if column in LIST_FIELDS:
        return [] if value is None else [v for v in str(value).split(LIST_FIELDS[column]) if v]
    if value is None:
        return pd.NA if str(dtype) == "Int64" else None
    return value


def overlay(catalog: Catalog, published: Published) -> Catalog:
    """``catalog`` with the database's edits laid over it; rows breaking a rule stay as the documents have them.

    An edited or added feature gets ``edited_at``, ``edited_by`` and ``edit_note`` (and ``edit_note_zh``); its
    quote and source stay the document's unless the edit changed them (and they still check). The result's
    ``token`` includes the database's fingerprint, so caches keyed by it never serve the pack's version.
    """
    flagged = check_edits(catalog, published)
    broken = {p.feature_id for p in flagged}
    layers = dict(catalog.layers)
    for change in differences(catalog, published):
        if change.feature_id in broken or change.layer not in layers:  # side tables: listed by diff, not shown
            continue
        layers[change.layer] = _applied(layers[change.layer], change, published, catalog)
    token = f"{catalog.token}-db{published.fingerprint}" if catalog.token else ""
    return dataclasses.replace(catalog, layers=layers, token=token, flagged=[*catalog.flagged, *flagged])


def _applied(gdf: gpd.GeoDataFrame, change: Difference, published: Published, catalog: Catalog) -> gpd.GeoDataFrame:
    gdf = gdf.copy()
    for column in EDIT_FIELDS:
        if column not in gdf.columns:
            gdf[column] = pd.Series([None] * len(gdf), index=gdf.index, dtype=object)
    if change.change == "removed":
        return gdf[gdf["id"].astype(str) != change.feature_id].reset_index(drop=True)
    props, geom = next((p, g) for p, g in published.rows[change.layer] if str(p.get("id")) == change.feature_id)
    if change.change == "added":
        row = {c: _stored_value(c, props.get(c), gdf[c].dtype) for c in gdf.columns if c != gdf.geometry.name}
        row["layer"] = change.layer
        gdf = gpd.GeoDataFrame(pd.concat([gdf, gpd.GeoDataFrame([{**row, gdf.geometry.name: geom}],
                                                                geometry=gdf.geometry.name, crs=gdf.crs)],
                                         ignore_index=True), geometry=gdf.geometry.name, crs=gdf.crs)
        at = gdf.index[-1]
        pack_row = None
    else:
        at = gdf.index[gdf["id"].astype(str) == change.feature_id][0]
        pack_row = gdf.loc[at].copy()
        if GEOMETRY in change.fields:  # the documents' uncertainty was about their position, not this one
            for column in ("accuracy_m", "outline_m"):
                if column in gdf.columns and column not in change.fields:
                    gdf.at[at, column] = pd.NA
        for column in change.fields:
            if column == GEOMETRY:
                kept = geom
                if geom is not None and geom.geom_type.startswith("Multi") and len(geom.geoms) == 1 \
                        and not str(pack_row[gdf.geometry.name].geom_type).startswith("Multi"):
                    kept = geom.geoms[0]
                gdf.loc[[at], gdf.geometry.name] = gpd.GeoSeries([kept], index=[at], crs=gdf.crs)
            elif column in gdf.columns:
                gdf.at[at, column] = _stored_value(column, props.get(column), gdf[column].dtype)
    gdf.at[at, "edited_at"] = change.at or None
    gdf.at[at, "edited_by"] = change.role or None
    gdf.at[at, "edit_note"] = _note(change, pack_row, "en")
    gdf.at[at, "edit_note_zh"] = _note(change, pack_row, "zh")
    return gdf
