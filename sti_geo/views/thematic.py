"""专题 / Thematic districts: districts and zones coloured by a measure, in stated classes.

A measure is a count of what the documents place in each district or zone — parks, platforms (all, or of
one type), the clusters and chains its features are linked to, the links — or a district-level metric for
a year. A count is a fact about the documents ("named in them"), so a district with none is 0; a metric a
district has no row for is *no data*, never 0. Features the documents place only at city level count for no
district (the legend says how many). Classes are equal intervals over the values, at most ``MAX_CLASSES``
and never more than the distinct values; the method and the breaks are returned with the colours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .._errors import InputError
from ..model.catalog import Catalog, DataCache
from ..model.layers import CITY_ID
from ..model.specs import DISTRICTS, PARKS, PLATFORMS
from ..text.glossary import type_label, unit_label
from ..text.i18n import field_in, in_lang
from ..text.numbers import integer

MAX_CLASSES = 5
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")  # ColorBrewer YlGnBu, 5 classes
NO_DATA = "#d4d4d4"
COUNTS = {  # measure id: (label zh, label en)
    "parks": ("园区数", "Parks"),
    "platforms": ("平台数", "Platforms"),
    "industries": ("关联产业集群/产业链数", "Clusters and chains linked"),
    "links": ("产业关联数", "Industry links"),
}


@dataclass(frozen=True)
class Theme:
    """A measure's values by district id (NaN: no data), its classes and the colour of each district."""

    measure: str
    label: str
    values: pd.Series
    breaks: tuple[float, ...]  # class upper bounds, ascending
    colours: dict[str, str]  # district id -> fill colour
    method: str
    unit: str = ""
    year: int | None = None
    kind: str = ""  # a metric's kind (target, actual …)
    city_wide: int = 0  # features of the measure placed at city level only (counted for no district)


_MEASURES: DataCache[dict[str, str]] = DataCache(max_entries=16)


def measures(catalog: Catalog, lang: str) -> dict[str, str]:
    """Every measure the data allows, id -> label (once per data version and language; read-only)."""
    return _MEASURES.get(catalog, ("measures", lang), lambda: _measures(catalog, lang))


def _measures(catalog: Catalog, lang: str) -> dict[str, str]:
    out = {key: in_lang(label, lang) for key, label in COUNTS.items()}
    for lid, column, prefix in ((PARKS, "park_type", "parks"), (PLATFORMS, "platform_type", "platforms")):
        gdf = catalog.layers.get(lid)
        if gdf is None or column not in gdf.columns:
            continue
        for value in gdf[column].value_counts().index:
            out[f"{prefix}:{value}"] = f"{in_lang(COUNTS[prefix], lang)} · {type_label(str(value), lang)}"
    metrics = catalog.metrics
    if "scope" in metrics.columns:
        rows = metrics[metrics["scope"] == "district"]
        for indicator, group in rows.groupby("indicator_id", sort=True):
            out[f"metric:{indicator}"] = str(group.iloc[0][field_in("indicator", lang)])
    return out


def metric_years(catalog: Catalog, measure: str) -> list[int]:
    """The years a metric measure has rows for (empty for counts)."""
    if not measure.startswith("metric:"):
        return []
    rows = catalog.metrics[catalog.metrics["indicator_id"] == measure.split(":", 1)[1]]
    return sorted({int(y) for y in rows["year"]})


def year_from_text(catalog: Catalog, text: str) -> int:
    """A link's ``year=``: ASCII digits naming a year some thematic measure has, else InputError listing them."""
    year = integer(text, "year")
    known = sorted({y for measure in measures(catalog, "zh") for y in metric_years(catalog, measure)})
    if year not in known:
        raise InputError(f"no measure has the year {year}; years: {', '.join(map(str, known)) or '(none)'}")
    return year


def _district_ids(catalog: Catalog) -> list[str]:
    return [str(i) for i in catalog.layers[DISTRICTS]["id"]]


def _counts(catalog: Catalog, measure: str) -> tuple[pd.Series, int]:
    ids = _district_ids(catalog)
    if measure in ("industries", "links"):
        links = catalog.links
        place = {}
        for gdf in catalog.layers.values():
            place.update(dict(zip(gdf["id"], gdf["district_id"], strict=True)))
        where = links.assign(district=[place.get(f, "") for f in links["feature"]])
        city = int((where["district"] == CITY_ID).sum())
        grouped = where.groupby("district")["industry"]
        series = grouped.nunique() if measure == "industries" else grouped.size()
        return series.reindex(ids).fillna(0), city
    prefix, _, kind = measure.partition(":")
    lid, column = (PARKS, "park_type") if prefix == "parks" else (PLATFORMS, "platform_type")
    gdf = catalog.layers[lid]
    if kind:
        gdf = gdf[gdf[column] == kind]
    return gdf.groupby("district_id").size().reindex(ids).fillna(0), int((gdf["district_id"] == CITY_ID).sum())


def _metric(catalog: Catalog, measure: str, year: int | None) -> tuple[pd.Series, str, int | None, str]:
    rows = catalog.metrics[(catalog.metrics["indicator_id"] == measure.split(":", 1)[1])
                           & (catalog.metrics["scope"] == "district")]
    years = sorted({int(y) for y in rows["year"]})
    year = year if year in years else (years[-1] if years else None)
    rows = rows[rows["year"] == year]
    values = rows.groupby("area_id")["value"].first().reindex(_district_ids(catalog))  # NaN: no data
    unit = str(rows.iloc[0]["unit"]) if len(rows) else ""
    kind = ",".join(sorted(set(rows["kind"]))) if len(rows) else ""
    return values.astype(float), unit, year, kind


def _whole(values: pd.Series) -> bool:
    known = values.dropna()
    return bool(len(known)) and bool((known == known.round()).all())


def class_breaks(values: pd.Series) -> tuple[float, ...]:
    """Upper bounds of equal-interval classes over the values (NaN aside): reproducible, at most MAX_CLASSES.

    Counts (whole numbers) get whole-number bounds, so a class never splits a count.
    """
    known = values.dropna()
    if known.empty:
        return ()
    low, high = float(known.min()), float(known.max())
    k = min(MAX_CLASSES, known.nunique())
    if k <= 1 or high == low:
        return (high,)
    step = (high - low) / k
    bounds = [low + step * (i + 1) for i in range(k - 1)]
    if _whole(values):
        return tuple(sorted({*(float(round(b)) for b in bounds), high}))
    return (*(round(b, 6) for b in bounds), high)


def class_of(value: float, breaks: tuple[float, ...]) -> int | None:
    """The class index of a value (None for no data)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return next((i for i, upper in enumerate(breaks) if value <= upper), len(breaks) - 1)


_THEMES: DataCache[Theme] = DataCache(max_entries=64)


def theme(catalog: Catalog, measure: str, lang: str, year: int | None = None) -> Theme:
    """The measure's values, classes and colours by district (``measures`` lists the ids).

    Kept per data version, measure, language and year (a side panel asks on every click): read-only.
    """
    return _THEMES.get(catalog, ("theme", measure, lang, year), lambda: _theme(catalog, measure, lang, year))


def _theme(catalog: Catalog, measure: str, lang: str, year: int | None) -> Theme:
    label = measures(catalog, lang)[measure]
    unit, kind, city = "", "", 0
    if measure.startswith("metric:"):
        values, unit, year, kind = _metric(catalog, measure, year)
    else:
        values, city = _counts(catalog, measure)
        year = None
    breaks = class_breaks(values)
    palette = PALETTE if len(breaks) >= len(PALETTE) else PALETTE[1::2][:len(breaks)] if len(breaks) <= 2 \
        else PALETTE[:len(breaks)]
    colours = {fid: NO_DATA if (c := class_of(v, breaks)) is None else palette[c] for fid, v in values.items()}
    return Theme(measure, label, values, breaks, colours, in_lang(("等间距分级", "equal intervals"), lang),
                 unit_label(unit, lang), year, kind, city)


def legend_rows(theme_: Theme, lang: str) -> list[tuple[str, str]]:
    """(colour, range text) per class that some district falls in, lowest first; then no data, if any."""
    rows = []
    known = theme_.values.dropna()
    whole = _whole(theme_.values)
    for i, upper in enumerate(theme_.breaks):
        members = known[[class_of(v, theme_.breaks) == i for v in known]]
        if members.empty:
            continue
        previous = theme_.breaks[i - 1] if i else float(known.min())
        lower = previous + 1 if i and whole else previous  # counts: the class starts at the next whole number
        colour = theme_.colours[str(members.index[0])]
        if lower >= upper:
            text = f"{upper:g}"
        else:
            text = f"{lower:g}–{upper:g}" if whole or i == 0 else f"> {lower:g} – {upper:g}"
        n = len(members)  # how many districts each colour stands for (the ranges alone did not say)
        rows.append((colour, in_lang((f"{text} · {n} 个区市", f"{text} · {n} {'district' if n == 1 else 'districts'}"),
                                     lang)))
    if theme_.values.isna().any():
        rows.append((NO_DATA, in_lang(("无数据", "no data"), lang)))
    return rows
