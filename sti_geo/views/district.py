"""What the Districts page lists for one district or development zone."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..model.catalog import Catalog
from ..model.specs import DISTRICTS, PARKS, PLATFORMS
from ..text.glossary import specialties
from ..text.i18n import field_in, list_in
from .details import Designation, designations_of

DISTRICT_LAYER = DISTRICTS


@dataclass
class DistrictSummary:
    """What the Districts page shows for one district or zone."""

    id: str
    name: str
    specialties: list[str]
    quote: str
    source: str
    parks: pd.DataFrame  # id, name, type, industries
    platforms: pd.DataFrame  # id, name, type, industries
    metrics: pd.DataFrame  # rows of the district and of its parks/platforms
    bounds: tuple[float, float, float, float]
    designations: list[Designation]  # each with its own source and quote


def district_ids(catalog: Catalog) -> list[str]:
    """Ids of the districts and zones, in the pack's order."""
    return list(catalog.layers[DISTRICT_LAYER]["id"])


def district_labels(catalog: Catalog, lang: str) -> dict[str, str]:
    """Each district's name in ``lang``, by id."""
    gdf = catalog.layers[DISTRICT_LAYER]
    return dict(zip(gdf["id"], gdf[field_in("name", lang)], strict=True))


def _members(gdf: pd.DataFrame, district_id: str, type_col: str, lang: str) -> pd.DataFrame:
    rows = gdf[gdf["district_id"] == district_id]
    level = rows["level"].fillna("") if "level" in rows else pd.Series("", index=rows.index)
    return pd.DataFrame({"id": rows["id"], "name": rows[field_in("name", lang)], "type": rows[type_col],
                         "level": level.astype(str),
                         "industries": rows["industries"].map(lambda v: list_in(specialties(v, lang), lang))}
                        ).reset_index(drop=True)


def figures_kind(summary: DistrictSummary) -> str:
    """What the documents give the district in numbers: ``"targets"``, ``"actuals"`` (no target) or ``"none"``.

    The plan sets its 2025 targets for the city; a page asked about a district must say so, not go quiet.
    """
    if summary.metrics.empty:
        return "none"
    return "targets" if (summary.metrics["kind"] == "target").any() else "actuals"


def target_holders(catalog: Catalog, lang: str) -> list[str]:
    """Whom the documents set targets for (the city, a platform …), by name in ``lang``, as the target rows say."""
    rows = catalog.metrics[catalog.metrics["kind"] == "target"] if "kind" in catalog.metrics else catalog.metrics
    names = []
    for area in dict.fromkeys(rows.get("area_id", [])):
        row = catalog.feature(str(area))
        names.append(str(row[field_in("name", lang)]) if row is not None
                     else str(catalog.manifest.get(field_in("name", lang), area)))
    return names


def district_summary(catalog: Catalog, district_id: str, lang: str = "zh") -> DistrictSummary:
    """Specialties, parks, platforms and metrics of a district/zone (KeyError if unknown)."""
    row = catalog.layers[DISTRICT_LAYER].set_index("id").loc[district_id]
    parks = _members(catalog.layers[PARKS], district_id, "park_type", lang)
    platforms = _members(catalog.layers[PLATFORMS], district_id, "platform_type", lang)
    ids = {district_id, *parks["id"], *platforms["id"]}
    metrics = catalog.metrics[catalog.metrics["area_id"].isin(ids)].sort_values(["indicator_id", "year"])
    return DistrictSummary(
        id=district_id, name=str(row[field_in("name", lang)]),
        specialties=specialties(row["industries"], lang),
        quote=str(row["quote"]), source=str(row["source"]), parks=parks, platforms=platforms,
        metrics=metrics.reset_index(drop=True), bounds=tuple(row["geometry"].bounds),
        designations=designations_of(catalog, district_id, lang))
