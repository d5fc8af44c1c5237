"""Progress of each indicator towards its 2025 target, by a rule the page states."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..text.i18n import in_lang, t

TARGET_YEAR = 2025
STATUSES = ("met", "on_track", "behind", "no_trend", "no_actual", "no_target")
SUFFIX_HEDGES = ("以上", "多", "左右", "余")  # written after the number: 400以上, 500多


def format_value(value: float | None, qualifier: str = "", lang: str = "zh") -> str:
    """A number as the document hedges it: 超1700, 400以上 (zh); 1700 (超) in English."""
    if value is None:
        return "—"
    number = f"{value:g}"
    if not qualifier:
        return number
    zh = f"{number}{qualifier}" if qualifier in SUFFIX_HEDGES else f"{qualifier}{number}"
    return in_lang((zh, f"{number} ({qualifier})"), lang)


@dataclass(frozen=True)
class IndicatorStatus:
    """An indicator's latest actual, its target, and whether it is met (rule: ``t("status_rule", lang)``)."""

    indicator_id: str
    status: str
    latest_year: int | None
    latest: float | None
    target: float | None
    expected: float | None  # on the straight path at latest_year, when judged against it
    latest_qualifier: str = ""  # the document's hedge on the number (超, 近, 以上 …)
    target_qualifier: str = ""

    def label(self, lang: str) -> str:
        """The status in words, in ``lang``."""
        return t(f"status_{self.status}", lang)


def indicator_status(metrics: pd.DataFrame, indicator_id: str) -> IndicatorStatus:
    """Status of one indicator (rows of that id) by the stated rule."""
    rows = metrics[metrics["indicator_id"] == indicator_id]
    actual = rows[rows["kind"] == "actual"].sort_values("year")
    target = rows[(rows["kind"] == "target") & (rows["year"] == TARGET_YEAR)]
    latest_year = int(actual["year"].iloc[-1]) if not actual.empty else None
    latest = float(actual["value"].iloc[-1]) if not actual.empty else None
    hedges = {"latest_qualifier": str(actual["qualifier"].iloc[-1] or "") if not actual.empty else "",
              "target_qualifier": str(target["qualifier"].iloc[0] or "") if not target.empty else ""}
    if target.empty:
        return IndicatorStatus(indicator_id, "no_target", latest_year, latest, None, None, **hedges)
    t = float(target["value"].iloc[0])
    if actual.empty or latest is None or latest_year is None:
        return IndicatorStatus(indicator_id, "no_actual", None, None, t, None, **hedges)
    if latest >= t:
        return IndicatorStatus(indicator_id, "met", latest_year, latest, t, None, **hedges)
    if len(actual) < 2:
        return IndicatorStatus(indicator_id, "no_trend", latest_year, latest, t, None, **hedges)
    b_year, b = int(actual["year"].iloc[0]), float(actual["value"].iloc[0])
    expected = b + (t - b) * (latest_year - b_year) / (TARGET_YEAR - b_year)
    status = "on_track" if latest >= expected else "behind"
    return IndicatorStatus(indicator_id, status, latest_year, latest, t, round(expected, 4), **hedges)


def status_table(metrics: pd.DataFrame) -> dict[str, IndicatorStatus]:
    """Status of every indicator, by id."""
    return {i: indicator_status(metrics, i) for i in dict.fromkeys(metrics["indicator_id"])}
