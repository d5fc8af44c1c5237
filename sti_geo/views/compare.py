"""Comparing one region's indicators with another's — only where that is honest.

Two figures are comparable when they measure the same thing (the same ``indicator_id``, which packs use
only for the same definition, and the same unit) over the same period (year and, for partial-year
figures, the same ``period``). Anything else gets the reason it is not compared.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..model.catalog import Catalog
from ..text.glossary import unit_label
from ..text.i18n import field_in, t
from .metric_status import format_value


@dataclass(frozen=True)
class Comparison:
    """One indicator of ``here`` against ``there``: the matched values, or why there are none."""

    indicator_id: str
    indicator: str
    here: str
    there: str
    comparable: bool
    reason: str


def _period(row: pd.Series, lang: str) -> str:
    key = field_in("period", lang)
    value = row.get(key) if key in row.index else None
    text = value if isinstance(value, str) and value else t("full_year", lang)
    return f"{int(row['year'])} {text}" if not (isinstance(value, str) and str(row["year"]) in value) else text


def _values(rows: pd.DataFrame, lang: str) -> str:
    return "; ".join(" ".join(part for part in (format_value(r["value"], r.get("qualifier") or "", lang),
                                                  unit_label(r["unit"], lang), f"({_period(r, lang)})") if part)
                     for _, r in rows.iterrows())


def _key(row: pd.Series) -> tuple[int, str]:
    period = row.get("period") if "period" in row.index else None
    return int(row["year"]), period if isinstance(period, str) else ""


def compare_regions(here: Catalog, there: Catalog, lang: str = "zh") -> list[Comparison]:
    """Every indicator of ``here`` (actuals only), matched against ``there``."""
    name_col = field_in("indicator", lang)
    there_name = there.manifest.get(field_in("name", lang), "")
    mine = here.metrics[here.metrics["kind"] == "actual"]
    theirs = there.metrics[there.metrics["kind"] == "actual"]
    out = []
    for ind, rows in mine.groupby("indicator_id", sort=False):
        other = theirs[theirs["indicator_id"] == ind]
        name = str(rows[name_col].iloc[0])
        if other.empty:
            reason = t("compare_no_indicator", lang, region=there_name)
            out.append(Comparison(ind, name, _values(rows, lang), "", False, reason))
            continue
        if set(rows["unit"]) != set(other["unit"]):
            reason = t("compare_units", lang)
            out.append(Comparison(ind, name, _values(rows, lang), _values(other, lang), False, reason))
            continue
        shared = {_key(r) for _, r in rows.iterrows()} & {_key(r) for _, r in other.iterrows()}
        if not shared:
            reason = t("compare_periods", lang)
            out.append(Comparison(ind, name, _values(rows, lang), _values(other, lang), False, reason))
            continue
        pick = [r for _, r in rows.iterrows() if _key(r) in shared]
        pick_other = [r for _, r in other.iterrows() if _key(r) in shared]
        out.append(Comparison(ind, name, _values(pd.DataFrame(pick), lang), _values(pd.DataFrame(pick_other), lang),
                              True, t("compare_same", lang)))
    return out
