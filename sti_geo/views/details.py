"""What the side panel shows for one feature, as plain data (rendered by the app)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..model.catalog import Catalog, DataCache
from ..model.specs import CORE_SYSTEM, DISTRICTS, PARKS, PLATFORMS
from ..text.glossary import specialties, type_label
from ..text.i18n import field_in, in_lang, is_english, localized, other_lang, t
from ..text.values import is_blank, is_missing
from .layout import element_names

TYPE_FIELDS = ("park_type", "platform_type", "element", "kind")
CORE_LAYER = "layout_core"
CORE_SYSTEM_LAYER = CORE_SYSTEM


@dataclass
class FeatureDetails:
    """Everything known about a feature, in the UI language, with its provenance."""

    id: str
    layer: str
    layer_title: str
    name: str
    name_other: str
    type: str
    district: str
    description: str
    industries: list[str]
    clusters: list[str]
    parks: list[tuple[str, str]] = field(default_factory=list)
    platforms: list[tuple[str, str]] = field(default_factory=list)
    metrics: pd.DataFrame = field(default_factory=pd.DataFrame)
    quote: str = ""
    source: str = ""
    source_title: str = ""
    geometry_basis: str = ""
    geometry_note: str = ""
    accuracy_m: int | None = None
    outline_m: int | None = None  # how far a schematic outline can be off
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (industry, source, quote)
    designations: list[Designation] = field(default_factory=list)
    edit_note: str = ""  # what the database changed since publishing, when and by whom (not a documented fact)


@dataclass
class Designation:
    """What a feature was designated as, with the sentence and document that say so."""

    name: str
    source: str
    source_title: str
    quote: str


def geometry_note_in(row: pd.Series, lang: str) -> str:
    """Why the feature is drawn where it is, in ``lang`` (``geometry_note`` is English: the exports' field)."""
    english = "" if is_missing(row.get("geometry_note")) else str(row["geometry_note"])
    chinese = "" if is_missing(row.get("geometry_note_zh")) else str(row["geometry_note_zh"])
    return in_lang((chinese or english, english), lang)


def edit_note_in(row: pd.Series, lang: str) -> str:
    """What the database changed about the feature, in ``lang`` (``""`` when nothing: the documents' row)."""
    english = "" if is_missing(row.get("edit_note")) else str(row["edit_note"])
    chinese = "" if is_missing(row.get("edit_note_zh")) else str(row["edit_note_zh"])
    return in_lang((chinese or english, english), lang)


def _items(value) -> list[str]:
    """A list field's items (an empty list for a missing value)."""
    return [str(v) for v in value if v] if isinstance(value, list) else []


def _names(gdf: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    col = field_in("name", lang)
    return list(zip(gdf["id"], gdf[col], strict=True))


def _district_name(catalog: Catalog, row: pd.Series, lang: str) -> str:
    """The district in the UI language (the documents' specialty terms stay as written)."""
    if not is_english(lang) or not row["district_id"]:
        return str(row["district"] or "")
    districts = catalog.layers[DISTRICTS].set_index("id")["name_en"]
    return str(districts.get(row["district_id"], catalog.manifest.get("name_en", row["district"])))


def _level(row: pd.Series) -> str:
    """A platform's level (国家级 …), where its name or quote states it."""
    return "" if "level" not in row.index or is_blank(row["level"]) else str(row["level"])


def _cluster_names(catalog: Catalog, row: pd.Series, lang: str) -> list[str]:
    if not is_english(lang):
        return _items(row["clusters"])
    names = catalog.industries.set_index("id")["name_en"]
    return [str(names[i]) for i in _items(row.get("cluster_ids")) if i in names.index]


def designations_of(catalog: Catalog, feature_id: str, lang: str = "zh") -> list[Designation]:
    """What ``feature_id`` was designated as, each with its own document and sentence."""
    rows = catalog.designations[catalog.designations["feature"] == feature_id]
    return [Designation(str(localized(r, "name", lang)), str(r["source"]), catalog.source_title(str(r["source"]), lang),
                        str(r["quote"])) for _, r in rows.iterrows()]


def designations_table(catalog: Catalog, feature_id: str, lang: str) -> pd.DataFrame:
    """A feature's (or the city's) designations as a table: designation, document, sentence — headed in ``lang``."""
    rows = designations_of(catalog, feature_id, lang)
    names = [d.name[:1].upper() + d.name[1:] for d in rows]  # heads a table's row (Chinese has no case)
    return pd.DataFrame({t("designation", lang): names, t("source", lang): [d.source_title for d in rows],
                         t("quote", lang): [d.quote for d in rows]})


_DETAILS: DataCache[FeatureDetails | None] = DataCache(max_entries=2048)


def feature_details(catalog: Catalog, feature_id: str, lang: str = "zh") -> FeatureDetails | None:
    """What is known of ``feature_id`` in ``lang``, or None when no layer has it.

    Built once per feature and language and kept with the catalog: the in-map panel, the side panel and the
    stack list are its renderers (shared and read-only).
    """
    return _DETAILS.get(catalog, ("details", feature_id, lang), lambda: _feature_details(catalog, feature_id, lang))


def _feature_details(catalog: Catalog, feature_id: str, lang: str) -> FeatureDetails | None:
    row = catalog.feature(feature_id)
    if row is None:
        return None
    spec = catalog.specs[row["layer"]]
    type_value = next((str(row[f]) for f in TYPE_FIELDS if f in row.index and not is_blank(row[f])), "")
    type_value = element_names(catalog, lang).get(type_value, type_value)  # a layout element: "One Core"
    description = ""
    if "description" in row.index and not is_missing(row["description"]):
        description = str(localized(row, "description", lang))
    details = FeatureDetails(
        id=feature_id, layer=spec.id, layer_title=spec.title_in(lang),
        name=str(localized(row, "name", lang)),
        name_other=str(localized(row, "name", other_lang(lang))),  # the other language's name
        type=" · ".join(type_label(v, lang) for v in (type_value, _level(row)) if v),
        district=_district_name(catalog, row, lang),
        description=description,
        industries=specialties(_items(row["industries"]), lang), clusters=_cluster_names(catalog, row, lang),
        quote=str(row["quote"] or ""), source=str(row["source"] or ""),
        source_title=catalog.source_title(str(row["source"]), lang),
        geometry_basis=t(f"basis_{row['geometry_basis']}", lang) if row["geometry_basis"] else "",
        geometry_note=geometry_note_in(row, lang),
        accuracy_m=None if is_missing(row["accuracy_m"]) else int(row["accuracy_m"]),
        outline_m=None if is_missing(row.get("outline_m")) else int(row["outline_m"]),
        edit_note=edit_note_in(row, lang),
    )
    if row.get("kind") in ("district", "zone"):
        details.parks = _names(catalog.layers[PARKS][catalog.layers[PARKS]["district_id"] == feature_id], lang)
        plats = catalog.layers[PLATFORMS]
        details.platforms = _names(plats[plats["district_id"] == feature_id], lang)
    elif spec.id == CORE_LAYER and CORE_SYSTEM_LAYER in catalog.layers:
        details.platforms = _names(catalog.layers[CORE_SYSTEM_LAYER], lang)
    details.metrics = catalog.metrics[catalog.metrics["area_id"] == feature_id].sort_values(["indicator_id", "year"])
    details.designations = designations_of(catalog, feature_id, lang)
    by_id = catalog.industries.set_index("id")
    for link in catalog.links[catalog.links["feature"] == feature_id].itertuples():
        ind = by_id.loc[link.industry]
        details.links.append((str(localized(ind, "name", lang)), link.source, link.quote))
    return details
