"""指标 Metrics: every indicator's actuals by year against its 2025 target, with a stated status rule."""

import altair as alt
import pandas as pd
import streamlit as st

from sti_app import page, state
from sti_app.panel import metrics_table
from sti_geo.metric_status import RULE_EN, RULE_ZH, format_value, status_table

PAGE = "metrics"
TEXT = {
    "zh": {"title": "指标:实际值与2025年目标", "pick": "选择指标", "indicator": "指标", "latest": "最新实际",
           "target": "2025目标", "status": "状态", "rows": "数据与出处", "unit": "单位", "actual": "实际"},
    "en": {"title": "Metrics: actuals against the 2025 targets", "pick": "Pick an indicator", "indicator": "Indicator",
           "latest": "Latest actual", "target": "2025 target", "status": "Status", "rows": "Values and sources",
           "unit": "Unit", "actual": "actual"},
}

catalog = state.catalog_or_stop()
metrics = catalog.metrics
ids = list(dict.fromkeys(metrics["indicator_id"]))
view, lang = page.start_page(PAGE, catalog, (), extra={"indicator": ids}, basemap=False)
tx = TEXT[lang]
name_col = "indicator_en" if lang == "en" else "indicator"
names = dict(zip(metrics["indicator_id"], metrics[name_col], strict=True))
statuses = status_table(metrics)

st.title(tx["title"])
st.caption(RULE_EN if lang == "en" else RULE_ZH)


def _fmt(value, hedge: str, year=None) -> str:
    text = format_value(value, hedge, lang)
    return f"{text} · {year}" if year and value is not None else text


overview = pd.DataFrame([{
    tx["indicator"]: names[i], tx["latest"]: _fmt(s.latest, s.latest_qualifier, s.latest_year),
    tx["target"]: _fmt(s.target, s.target_qualifier), tx["unit"]: metrics[metrics["indicator_id"] == i]["unit"].iloc[0],
    tx["status"]: s.label(lang)} for i, s in statuses.items()])
st.dataframe(overview, hide_index=True, width="stretch")

indicator = page.pick(view, PAGE, "indicator", ids, names, tx["pick"])
page.finish_page(view)

rows = metrics[metrics["indicator_id"] == indicator].sort_values("year")
status = statuses[indicator]
unit = rows["unit"].iloc[0]
st.subheader(f"{names[indicator]} — {status.label(lang)}", anchor=False)
kind_labels = {"actual": tx["actual"], "target": tx["target"]}
chart_data = rows.assign(kind_label=[kind_labels[k] for k in rows["kind"]])
base = alt.Chart(chart_data).encode(
    x=alt.X("year:O", title=""), y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False)),
    color=alt.Color("kind_label:N", title="", scale=alt.Scale(domain=[tx["actual"], tx["target"]],
                                                              range=["#2563eb", "#dc2626"])),
    tooltip=["year", "value", "qualifier", "kind", "source"])
actual_line = base.transform_filter(alt.datum.kind == "actual").mark_line(point=True)
points = base.mark_point(size=120, filled=True)
st.altair_chart(actual_line + points, width="stretch")
st.markdown(f"**{tx['rows']}**")
st.dataframe(metrics_table(rows, lang), hide_index=True, width="stretch")
