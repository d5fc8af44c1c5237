"""Progress of each indicator towards its 2025 target, by a rule the page states."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..text.glossary import hedged
from ..text.i18n import in_lang, t
from ..text.values import is_blank

TARGET_YEAR = 2025
STATUSES = ("met", "on_track", "behind", "no_trend", "no_actual", "no_target")
SUFFIX_HEDGES = ("以上", "多", "左右", "余")  # written after the number: 400以上, 500多


def format_value(value: float | None, qualifier: str = "", lang: str = "zh") -> str:
    """A number as the document hedges it: 超1700, 400以上 (zh); over 1700, 400 or more (en)."""
    if value is None:
        return "—"
    number = f"{value:g}"
    if not qualifier:
        return number
    zh = f"{number}{qualifier}" if qualifier in SUFFIX_HEDGES else f"{qualifier}{number}"
    return in_lang((zh, hedged(number, qualifier) or f"{number} ({qualifier})"), lang)


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
    latest_year_inferred: bool = False  # the latest actual's year is inferred, not stated

    def label(self, lang: str) -> str:
        """The status in words, in ``lang``."""
        return t(f"status_{self.status}", lang)


def indicator_status(metrics: pd.DataFrame, indicator_id: str) -> IndicatorStatus:
    """Status of one indicator (rows of that id) by the stated rule.

    Estimates never count. The latest actual meets the target whatever its exact date, so a year inferred
    from the document's date may show "met"; the trend, which depends on the date, uses stated years only.
    """
    rows = metrics[metrics["indicator_id"] == indicator_id]
    actual = rows[rows["kind"] == "actual"].sort_values("year", kind="stable")
    inferred = year_inferred(actual)
    target = rows[(rows["kind"] == "target") & (rows["year"] == TARGET_YEAR)]
    target_hedge = _hedge(target["qualifier"].iloc[0]) if not target.empty else ""
    t = float(target["value"].iloc[0]) if not target.empty else None

    def status(name: str, row: pd.Series | None, expected: float | None = None) -> IndicatorStatus:
        if row is None:
            return IndicatorStatus(indicator_id, name, None, None, t, expected, "", target_hedge)
        return IndicatorStatus(indicator_id, name, int(row["year"]), float(row["value"]), t, expected,
                               _hedge(row["qualifier"]), target_hedge, bool(inferred[row.name]))

    latest = actual.iloc[-1] if not actual.empty else None
    if t is None:
        return status("no_target", latest)
    if latest is None:
        return status("no_actual", None)
    if float(latest["value"]) >= t:
        return status("met", latest)
    stated = actual[~inferred]
    if len(stated) < 2:
        return status("no_trend", latest)
    first, last = stated.iloc[0], stated.iloc[-1]
    b_year, b, year = int(first["year"]), float(first["value"]), int(last["year"])
    expected = b + (t - b) * (year - b_year) / (TARGET_YEAR - b_year)
    return status("on_track" if float(last["value"]) >= expected else "behind", last, round(expected, 4))


def _hedge(qualifier: object) -> str:
    """The document's hedge as text; a pack may leave ``qualifier`` out (NaN in the table)."""
    return "" if is_blank(qualifier) else str(qualifier)


def year_inferred(rows: pd.DataFrame) -> pd.Series:
    """Per row: whether its year is inferred (from the document's date or framing) rather than stated."""
    if "year_basis" not in rows.columns:
        return pd.Series(False, index=rows.index)
    return rows["year_basis"].eq("inferred")


def conflicts(metrics: pd.DataFrame) -> list[tuple[str, int, list[str]]]:
    """Where the documents give one indicator different values for the same year, period and kind.

    Both rows stay (each with its source); this lists ``(indicator_id, year, [value as written (source)])``
    so that the page can say so.
    """
    period = metrics["period"].fillna("") if "period" in metrics.columns else pd.Series("", index=metrics.index)
    out = []
    for (ind, year, _kind, _period), rows in metrics.assign(_p=period).groupby(
            ["indicator_id", "year", "kind", "_p"], sort=False):
        if rows["value"].nunique() > 1:
            out.append((str(ind), int(year), [f"{format_value(v, _hedge(q))} ({src})" for v, q, src in
                                             zip(rows["value"], rows["qualifier"], rows["source"], strict=True)]))
    return out


def status_table(metrics: pd.DataFrame) -> dict[str, IndicatorStatus]:
    """Status of every indicator, by id."""
    return {i: indicator_status(metrics, i) for i in dict.fromkeys(metrics["indicator_id"])}
