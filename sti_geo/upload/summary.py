"""Where an uploaded layer sits in the plan: the areas each feature falls in, the nearest park and platform.

Distances are measured in the UTM zone of the plan's extent (metres, then km), not in degrees.
Park and platform positions are approximate (see ``accuracy_m``), so their accuracy travels with
each distance.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from ..geo.crs import WGS84
from ..model.catalog import Catalog
from ..model.layers import LIST_SEPARATOR
from ..model.specs import BASE_BOUNDARIES
from ..text.i18n import field_in, localized, t
from ..text.values import is_missing

AREA_GROUPS = ("areas", "layout")
POINT_GROUPS = ("parks", "platforms")
SUMMARY_COLUMNS = ("id", "name", "in_areas", "nearest_area", "nearest_area_km", "nearest_park", "nearest_park_km",
                   "nearest_park_accuracy_km", "nearest_platform", "nearest_platform_km",
                   "nearest_platform_accuracy_km")


def _plan_frame(catalog: Catalog, groups: tuple[str, ...]) -> gpd.GeoDataFrame:
    parts = [gdf[["id", "name", "name_en", "layer", "accuracy_m", "geometry"]]
             for lid, gdf in catalog.layers.items() if catalog.specs[lid].group in groups and len(gdf)]
    if not parts:
        return gpd.GeoDataFrame(columns=["id", "name", "name_en", "layer", "accuracy_m", "geometry"],
                                geometry="geometry", crs=WGS84)
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=WGS84)


def metric_crs(catalog: Catalog):
    """The UTM zone of the plan's extent: distances in metres wherever the region is."""
    return catalog.layers[BASE_BOUNDARIES].estimate_utm_crs()


def _nearest(upload: gpd.GeoDataFrame, plan: gpd.GeoDataFrame, lang: str) -> pd.DataFrame:
    """For each uploaded id: the nearest plan feature's name, distance (km) and accuracy (km)."""
    if plan.empty:
        return pd.DataFrame(columns=["name", "km", "accuracy_km"], index=upload["id"])
    joined = gpd.sjoin_nearest(upload[["id", "geometry"]], plan, how="left", distance_col="metres",
                               lsuffix="u", rsuffix="p")
    joined = joined.sort_values(["id_u", "metres", "id_p"]).drop_duplicates("id_u").set_index("id_u")
    name = localized(joined, "name", lang)
    return pd.DataFrame({"name": name, "km": (joined["metres"] / 1000).round(2),
                         "accuracy_km": (joined["accuracy_m"] / 1000).round(1)})


def upload_summary(catalog: Catalog, upload: gpd.GeoDataFrame, lang: str = "zh") -> pd.DataFrame:
    """One row per uploaded feature: plan areas it intersects, and the nearest area/park/platform.

    ``nearest_area`` is filled only for features in no plan area. Distances are km between the
    geometries (0 when touching); ``*_accuracy_km`` is the plan point's own position accuracy.
    """
    crs = metric_crs(catalog)
    up = upload[["id", "name", "geometry"]].to_crs(crs)
    areas = _plan_frame(catalog, AREA_GROUPS).to_crs(crs)
    name_col = field_in("name", lang)
    hits = gpd.sjoin(up[["id", "geometry"]], areas, how="inner", predicate="intersects", lsuffix="u", rsuffix="p")
    inside = hits.groupby("id_u")[name_col].agg(lambda s: LIST_SEPARATOR.join(dict.fromkeys(s)))
    out = pd.DataFrame({"id": up["id"], "name": up["name"]}).set_index("id", drop=False)
    out["in_areas"] = inside.reindex(out.index).fillna("")
    outside = up[~up["id"].isin(inside.index)]
    near_area = _nearest(outside, areas, lang) if len(outside) else pd.DataFrame(columns=["name", "km"])
    out["nearest_area"] = near_area["name"].reindex(out.index).fillna("")
    out["nearest_area_km"] = near_area["km"].reindex(out.index)
    for group, col in (("parks", "nearest_park"), ("platforms", "nearest_platform")):
        near = _nearest(up, _plan_frame(catalog, (group,)).to_crs(crs), lang)
        out[col] = near["name"].reindex(out.index).fillna("")
        out[f"{col}_km"] = near["km"].reindex(out.index)
        out[f"{col}_accuracy_km"] = near["accuracy_km"].reindex(out.index)
    return out.reset_index(drop=True)[list(SUMMARY_COLUMNS)]


def summary_line(row: pd.Series, lang: str = "zh") -> str:
    """One sentence for the panel: "In A、B; nearest park X (1.2 km, position ±5 km) …"."""
    parts = []
    if row["in_areas"]:
        parts.append(t("where_in", lang, areas=row["in_areas"]))
    elif row["nearest_area"]:
        parts.append(t("where_outside", lang, area=row["nearest_area"], km=row["nearest_area_km"]))
    for key in ("nearest_park", "nearest_platform"):
        if row[key]:
            acc = row[f"{key}_accuracy_km"]
            accuracy = "" if is_missing(acc) else t("where_accuracy", lang, km=acc)
            parts.append(t(f"where_{key}", lang, name=row[key], km=row[f"{key}_km"], accuracy=accuracy))
    return t("where_separator", lang).join(parts)
