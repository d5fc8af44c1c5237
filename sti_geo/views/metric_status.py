"""Progress of each indicator towards its 2025 target, by a rule the page states."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

TARGET_YEAR = 2025
STATUSES = ("met", "on_track", "behind", "no_trend", "no_actual", "no_target")
RULE_ZH = ("规则:取最新实际值 A(年份 y)与2025年目标 T 比较。A ≥ T 为“已达成”;否则以最早实际值 B(年份 b)到 T "
           "的直线为期望路径,A ≥ B + (T − B)·(y − b)/(2025 − b) 为“进度正常”,否则为“落后”;"
           "只有一个实际值时无法判断趋势。"
           "数值按原文记录,“超”“近”“多”等限定词照录,不作换算;定义不同的指标不混用。")
RULE_EN = ("Rule: the latest actual A (year y) is compared with the 2025 target T. A ≥ T is 'met'. Otherwise the "
           "expected path is the straight line from the earliest actual B (year b) to T: A ≥ B + (T − B)·(y − b)/"
           "(2025 − b) is 'on track', else 'behind'. With a single actual there is no trend to judge. Values are "
           "taken as written (hedges such as 超/近/多 are shown, not adjusted); differently defined indicators are "
           "never mixed.")
SUFFIX_HEDGES = ("以上", "多", "左右", "余")  # written after the number: 400以上, 500多


def format_value(value: float | None, qualifier: str = "", lang: str = "zh") -> str:
    """A number as the document hedges it: 超1700, 400以上 (zh); 1700 (超) in English."""
    if value is None:
        return "—"
    number = f"{value:g}"
    if not qualifier:
        return number
    if lang == "en":
        return f"{number} ({qualifier})"
    return f"{number}{qualifier}" if qualifier in SUFFIX_HEDGES else f"{qualifier}{number}"


LABELS = {
    "met": ("已达成", "met"),
    "on_track": ("进度正常", "on track"),
    "behind": ("落后", "behind"),
    "no_trend": ("仅一个实际值,无法判断", "single actual: no trend"),
    "no_actual": ("尚无实际值", "no actual yet"),
    "no_target": ("无2025目标", "no 2025 target"),
}


@dataclass(frozen=True)
class IndicatorStatus:
    """An indicator's latest actual, its target, and whether the target is met (see ``RULE_EN``)."""

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
        zh, en = LABELS[self.status]
        return en if lang == "en" else zh


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
