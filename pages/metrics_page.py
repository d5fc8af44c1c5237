"""指标 Metrics: each indicator by year and period, against its target where set; cross-region comparison."""

import altair as alt
import pandas as pd
import streamlit as st

from sti_app import page, state
from sti_app.panel import metrics_table
from sti_geo.model.layers import CITY_ID
from sti_geo.text.glossary import unit_label
from sti_geo.text.i18n import field_in, t
from sti_geo.text.safe_text import markdown as inert
from sti_geo.views.compare import compare_regions
from sti_geo.views.details import designations_table
from sti_geo.views.metric_status import conflicts, format_value, status_table

PAGE = "metrics"
TEXT = {
    "zh": {"title_actuals": "指标", "compare": "与其他城市比较", "compare_with": "比较对象",
           "comparable": "可比", "why": "说明", "here": "本地", "there": "对方", "yes": "可比", "no": "不可比",
           "compare_note": "仅当口径(同一指标定义、同一单位)与统计期间都相同时才并列比较;否则说明原因。",
           "title": "指标:实际值与2025年目标", "pick": "选择指标", "indicator": "指标", "latest": "最新实际",
           "target": "2025目标", "status": "状态", "rows": "数据与出处", "unit": "单位", "actual": "实际",
           "city_designations": "全市获批的称号与认定"},
    "en": {"title_actuals": "Metrics", "compare": "Compare with another region", "compare_with": "Compare with",
           "comparable": "Comparable", "why": "Why", "here": "Here", "there": "There", "yes": "yes", "no": "no",
           "compare_note": "Figures are set side by side only with the same definition, unit and period; "
                           "otherwise the table says why not.",
           "title": "Metrics: actuals against the 2025 targets", "pick": "Pick an indicator", "indicator": "Indicator",
           "latest": "Latest actual", "target": "2025 target", "status": "Status", "rows": "Values and sources",
           "unit": "Unit", "actual": "actual", "city_designations": "The city's designations"},
}

catalog = state.catalog_or_stop()
metrics = catalog.metrics
ids = list(dict.fromkeys(metrics["indicator_id"]))
view, lang = page.start_page(PAGE, catalog, (), extra={"indicator": ids}, basemap=False)
tx = TEXT[lang]
name_col = field_in("indicator", lang)
names = dict(zip(metrics["indicator_id"], metrics[name_col], strict=True))
statuses = status_table(metrics)

has_targets = bool((metrics["kind"] == "target").any())
st.title(tx["title"] if has_targets else tx["title_actuals"])
if has_targets:
    st.caption(t("status_rule", lang))


def _fmt(value, hedge: str, year=None, inferred: bool = False) -> str:
    text = format_value(value, hedge, lang)
    if not year or value is None:
        return text
    return f"{text} · {t('year_inferred', lang, year=year) if inferred else year}"


if has_targets:
    overview = pd.DataFrame([{
        tx["indicator"]: names[i],
        tx["latest"]: _fmt(s.latest, s.latest_qualifier, s.latest_year, s.latest_year_inferred),
        tx["target"]: _fmt(s.target, s.target_qualifier),
        tx["unit"]: unit_label(metrics[metrics["indicator_id"] == i]["unit"].iloc[0], lang),
        tx["status"]: s.label(lang)}
        for i, s in statuses.items()])
else:  # a work report: each figure with the period it covers, no targets to measure against
    overview = metrics_table(metrics, lang).drop(columns=[t("kind", lang), t("quote", lang)])
st.dataframe(overview, hide_index=True, width="stretch")

indicator = page.pick(view, PAGE, "indicator", ids, names, tx["pick"])
page.finish_page(view)

rows = metrics[metrics["indicator_id"] == indicator].sort_values("year")
status = statuses[indicator]
unit = unit_label(rows["unit"].iloc[0], lang)
st.subheader(f"{inert(names[indicator])} — {status.label(lang)}" if has_targets else inert(names[indicator]),
             anchor=False)
kind_labels = {"actual": tx["actual"], "estimate": t("kind_estimate", lang), "target": tx["target"],
               "plan": t("kind_plan", lang)}
chart_data = rows.assign(kind_label=[kind_labels[k] for k in rows["kind"]])
base = alt.Chart(chart_data).encode(
    x=alt.X("year:O", title=""), y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False)),
    color=alt.Color("kind_label:N", title="", scale=alt.Scale(domain=list(kind_labels.values()),
                                                              range=["#2563eb", "#9ca3af", "#dc2626", "#d97706"])),
    tooltip=["year", "value", "qualifier", "kind", "source"])
actual_line = base.transform_filter(alt.datum.kind == "actual").mark_line(point=True)
points = base.mark_point(size=120, filled=True)
if len(rows) > 1:  # one figure is a number, not a trend
    st.altair_chart(actual_line + points, width="stretch")
st.markdown(f"**{tx['rows']}**")
st.dataframe(metrics_table(rows, lang), hide_index=True, width="stretch")
for _ind, year, values in conflicts(rows):
    st.warning(inert(t("metric_conflict", lang, year=year, values="; ".join(values))))

city_designations = designations_table(catalog, CITY_ID, lang)  # what the region as a whole was designated
if not city_designations.empty:
    st.subheader(tx["city_designations"], anchor=False)
    st.dataframe(city_designations, hide_index=True, width="stretch")

others = [r for r in state.list_regions() if r != state.settings().region] if not state.forced_pack() else []
if others:
    st.subheader(tx["compare"], anchor=False)
    st.caption(tx["compare_note"])
    other = st.selectbox(tx["compare_with"], others, format_func=lambda r: state.region_label(r, lang),
                         key=state.carried(PAGE, "compare", lang))
    there = state.region_catalog(other)
    if there is not None:
        table = compare_regions(catalog, there, lang)
        st.dataframe(pd.DataFrame([{tx["indicator"]: c.indicator, tx["here"]: c.here, tx["there"]: c.there,
                                    tx["comparable"]: tx["yes"] if c.comparable else tx["no"], tx["why"]: c.reason}
                                   for c in table]), hide_index=True, width="stretch")
