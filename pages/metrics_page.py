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
from sti_geo.views.params import choice

PAGE = "metrics"

catalog = state.catalog_or_stop()
metrics = catalog.metrics
ids = list(dict.fromkeys(metrics["indicator_id"]))
INDICATOR = choice("indicator", lambda catalog: catalog.metrics["indicator_id"])
view, lang = page.start_page(PAGE, catalog, (), params=(INDICATOR,), basemap=False)
name_col = field_in("indicator", lang)
names = dict(zip(metrics["indicator_id"], metrics[name_col], strict=True))
statuses = status_table(metrics)

has_targets = bool((metrics["kind"] == "target").any())
st.title(t("metrics_title", lang) if has_targets else t("metrics_title_actuals", lang))
if has_targets:
    st.caption(t("status_rule", lang))


def _fmt(value, hedge: str, year=None, inferred: bool = False) -> str:
    text = format_value(value, hedge, lang)
    if not year or value is None:
        return text
    return f"{text} · {t('year_inferred', lang, year=year) if inferred else year}"


if has_targets:
    overview = pd.DataFrame([{
        t("metrics_indicator", lang): names[i],
        t("metrics_latest", lang): _fmt(s.latest, s.latest_qualifier, s.latest_year, s.latest_year_inferred),
        t("metrics_target", lang): _fmt(s.target, s.target_qualifier),
        t("metrics_unit", lang): unit_label(metrics[metrics["indicator_id"] == i]["unit"].iloc[0], lang),
        t("metrics_status", lang): s.label(lang)}
        for i, s in statuses.items()])
else:  # a work report: each figure with the period it covers, no targets to measure against
    overview = metrics_table(metrics, lang).drop(columns=[t("kind", lang), t("quote", lang)])
st.dataframe(overview, hide_index=True, width="stretch")

indicator = page.pick(view, PAGE, INDICATOR, ids, names, t("metrics_pick", lang))
page.finish_page(view)

rows = metrics[metrics["indicator_id"] == indicator].sort_values("year")
status = statuses[indicator]
unit = unit_label(rows["unit"].iloc[0], lang)
st.subheader(f"{inert(names[indicator])} — {status.label(lang)}" if has_targets else inert(names[indicator]),
             anchor=False)
kind_labels = {"actual": t("metrics_actual", lang), "estimate": t("kind_estimate", lang),
               "target": t("metrics_target", lang), "plan": t("kind_plan", lang)}
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
st.markdown(f"**{t('metrics_rows', lang)}**")
st.dataframe(metrics_table(rows, lang), hide_index=True, width="stretch")
for _ind, year, values in conflicts(rows):
    st.warning(inert(t("metric_conflict", lang, year=year, values="; ".join(values))))

city_designations = designations_table(catalog, CITY_ID, lang)  # what the region as a whole was designated
if not city_designations.empty:
    st.subheader(t("metrics_city_designations", lang), anchor=False)
    st.dataframe(city_designations, hide_index=True, width="stretch")

others = [r for r in state.list_regions() if r != state.settings().region] if not state.forced_pack() else []
if others:
    st.subheader(t("metrics_compare", lang), anchor=False)
    st.caption(t("metrics_compare_note", lang))
    other = st.selectbox(t("metrics_compare_with", lang), others, format_func=lambda r: state.region_label(r, lang),
                         key=state.carried(PAGE, "compare", lang))
    there = state.region_catalog(other)
    if there is not None:
        table = compare_regions(catalog, there, lang)
        rows = [{"indicator": c.indicator, "here": c.here, "there": c.there,
                 "comparable": t("metrics_yes" if c.comparable else "metrics_no", lang), "why": c.reason}
                for c in table]
        st.dataframe(pd.DataFrame(rows).rename(columns=lambda c: t(f"metrics_{c}", lang)), hide_index=True,
                     width="stretch")
