"""The side panel for a selected feature. All document text is escaped: it renders inert."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sti_geo.model.catalog import Catalog, DataCache
from sti_geo.text.glossary import unit_label
from sti_geo.text.i18n import field_in, other_lang, t
from sti_geo.text.safe_text import text
from sti_geo.text.values import is_blank
from sti_geo.views.details import Designation, FeatureDetails, feature_details
from sti_geo.views.metric_status import format_value, year_inferred


def _row(label: str, value: str) -> str:
    return f'<div class="sti-row"><span class="sti-label">{text(label)}</span> {value}</div>'


def chips(items: list[str]) -> str:
    """Items as escaped chips (the panel's, the districts' specialties, the industries' chains)."""
    return " ".join(f'<span class="sti-chip">{text(i)}</span>' for i in items)


def designations_html(designations: list[Designation], lang: str) -> str:
    """Each designation as a chip with its own quote and document ("" when there are none)."""
    if not designations:
        return ""
    parts = [f'<div class="sti-label">{text(t("designations", lang))}</div>']
    for des in designations:
        parts.append(f'<div class="sti-designation">{chips([des.name])}'
                     f'<blockquote class="sti-quote" lang="zh">{text(des.quote)}</blockquote>'
                     f'<div class="sti-source">— {text(des.source_title)} ({text(des.source)})</div></div>')
    return "".join(parts)


def details_html(d: FeatureDetails, lang: str) -> str:
    """The panel as HTML built only from escaped text."""
    none = text(t("none", lang))
    parts = [f'<div class="sti-panel" data-feature="{text(d.id)}">',
             f'<h3 class="sti-name">{text(d.name)}</h3>',
             # the other language's name is marked as such: read in its own voice, and no leak of the other language
             f'<div class="sti-sub"><span lang="{other_lang(lang)}">{text(d.name_other)}</span> · '
             f'{text(d.layer_title)}</div>']
    if d.edit_note:  # first: what follows is partly the database's, not the documents'
        parts.append(f'<div class="sti-edited" role="note"><b>{text(t("edited", lang))}</b>: '
                     f'{text(d.edit_note)}</div>')
    if d.description:
        parts.append(f"<p>{text(d.description)}</p>")
    if d.type:
        parts.append(_row(t("type", lang), text(d.type)))
    if d.district:
        parts.append(_row(t("district", lang), text(d.district)))
    parts.append(_row(t("industries", lang), chips(d.industries) or none))
    if d.clusters:
        parts.append(_row(t("clusters", lang), chips(d.clusters)))
    if d.parks:
        parts.append(_row(t("parks_in", lang), chips([n for _, n in d.parks])))
    if d.platforms:
        parts.append(_row(t("platforms_in", lang), chips([n for _, n in d.platforms])))
    if d.geometry_basis:
        parts.append(_row(t("geometry_basis", lang), text(d.geometry_basis)))
    if d.accuracy_m:
        acc = t("accuracy_value", lang).format(km=f"{d.accuracy_m / 1000:g}")
        parts.append(_row(t("accuracy", lang), text(acc)))
    if d.outline_m:
        parts.append(_row(t("outline", lang), text(t("outline_value", lang, km=f"{d.outline_m / 1000:g}"))))
    if d.geometry_note:
        parts.append(f'<div class="sti-note">{text(d.geometry_note)}</div>')
    parts.append(f'<div class="sti-label">{text(t("source_quote", lang))}</div>'
                 f'<blockquote class="sti-quote" lang="zh">{text(d.quote)}</blockquote>'  # verbatim, Chinese
                 f'<div class="sti-source">— {text(d.source_title)} ({text(d.source)})</div>')
    parts.append(designations_html(d.designations, lang))
    parts.append("</div>")
    return "".join(parts)


PANEL_VALUE_CHARS = 500  # a 10 KB attribute is cut here (exports keep it whole)
PANEL_ATTRIBUTES = 40


def upload_details_html(row: pd.Series, where: str, layer_name: str, lang: str) -> str:
    """The panel of an uploaded feature: its name, where it sits in the plan, its attributes (all escaped)."""
    attrs = [(k, v) for k, v in row.items() if k not in ("id", "name", "geometry") and not is_blank(v)]
    rows = "".join(f'<tr><th>{text(k, 60)}</th><td>{text(v, PANEL_VALUE_CHARS)}</td></tr>'
                   for k, v in attrs[:PANEL_ATTRIBUTES])
    more = (f"<div class=\"sti-note\">… +{len(attrs) - PANEL_ATTRIBUTES}</div>"
            if len(attrs) > PANEL_ATTRIBUTES else "")
    return (f'<div class="sti-panel" data-feature="{text(row["id"])}">'
            f'<h3 class="sti-name">{text(row["name"], 200)}</h3>'
            f'<div class="sti-sub">{text(t("uploaded_feature", lang))} · {text(layer_name, 80)}</div>'
            f'{_row(t("upload_where", lang), text(where))}'
            f'<div class="sti-label">{text(t("upload_attributes", lang))}</div>'
            f'<table class="sti-attrs">{rows}</table>{more}</div>')


PANEL_CSS = """<style>
.sti-panel{font-size:0.92rem;line-height:1.45}
.sti-name{margin:0 0 2px 0;font-size:1.25rem}
.sti-sub{color:#666;font-size:0.85rem;margin-bottom:8px}
.sti-row{margin:4px 0}
.sti-designation{margin:2px 0 8px 0}
.sti-label{font-weight:600;color:#374151;margin-right:4px}
.sti-chip{display:inline-block;background:#eef2ff;border:1px solid #c7d2fe;border-radius:10px;padding:0 7px;
  margin:1px 2px;font-size:0.82rem}
.sti-note{color:#6b7280;font-size:0.8rem;margin:4px 0}
.sti-edited{background:#fff7e6;border-left:4px solid #b45309;color:#5b3a0a;padding:4px 8px;margin:6px 0;
font-size:0.85rem}
.sti-quote{border-left:3px solid #f59e0b;margin:4px 0;padding:4px 8px;background:#fffbeb;font-size:0.85rem}
.sti-source{color:#6b7280;font-size:0.8rem}
.sti-legend{font-size:0.85rem}
.sti-attrs{font-size:0.82rem;border-collapse:collapse}
.sti-attrs th{text-align:left;padding:1px 6px 1px 0;color:#374151;vertical-align:top}
.sti-attrs td{padding:1px 0;word-break:break-word}
.sti-legend-row{margin:2px 0}
</style>"""


def metrics_table(metrics: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Metric rows for display: indicator, year, value (with the document's hedge), unit, kind, source."""
    if metrics.empty:
        return metrics
    ind = field_in("indicator", lang)
    out = pd.DataFrame({
        t("metrics", lang): metrics[ind],
        t("year", lang): [t("year_inferred", lang, year=int(y)) if inferred else str(int(y))
                          for y, inferred in zip(metrics["year"], year_inferred(metrics), strict=True)],
        t("period", lang): _periods(metrics, lang),
        t("value", lang): [format_value(v, q, lang)
                           for v, q in zip(metrics["value"], metrics["qualifier"].fillna(""), strict=True)],
        t("unit", lang): [unit_label(str(u), lang) for u in metrics["unit"]],
        t("kind", lang): [t(f"kind_{k}", lang) for k in metrics["kind"]],
        t("source", lang): metrics["source"],
        t("quote", lang): metrics["quote"],
    })
    return out.reset_index(drop=True)


def _periods(metrics: pd.DataFrame, lang: str) -> list[str]:
    """The period each value covers as the document states it; full year / year end when none is given."""
    col = field_in("period", lang)
    values = metrics[col] if col in metrics.columns else pd.Series([None] * len(metrics), index=metrics.index)
    return [v if isinstance(v, str) and v else t("full_year", lang) for v in values]


_PANELS: DataCache[tuple[str, pd.DataFrame] | None] = DataCache(max_entries=512)


def panel_parts(catalog: Catalog, feature_id: str, lang: str) -> tuple[str, pd.DataFrame] | None:
    """A feature's panel HTML and metrics table, built once per data version and language (read-only).

    A click reruns the side's fragment; the panel it shows is the same every time, so it is not rebuilt.
    """

    def _build() -> tuple[str, pd.DataFrame] | None:
        details = feature_details(catalog, feature_id, lang)
        return None if details is None else (details_html(details, lang), metrics_table(details.metrics, lang))

    return _PANELS.get(catalog, (feature_id, lang), _build)


def render_panel(catalog: Catalog, feature_id: str | None, lang: str, clear_key: str) -> bool:
    """Render a feature's panel (or the hint); returns True when the user asked to clear the selection."""
    st.html(PANEL_CSS)
    parts = panel_parts(catalog, feature_id, lang) if feature_id else None
    if parts is None:
        st.info(t("panel_hint", lang))
        return False
    html, metrics = parts
    st.html(html)
    if not metrics.empty:
        st.markdown(f"**{t('metrics', lang)}**")
        st.dataframe(metrics, hide_index=True, width="stretch")
    return st.button(t("clear_selection", lang), key=clear_key)


def render_upload_panel(catalog, feature_id: str, lang: str, clear_key: str) -> bool:
    """Render an uploaded feature's panel (or the hint if it is gone); True when the user clears it."""
    from sti_geo.upload.summary import summary_line

    from . import upload

    st.html(PANEL_CSS)
    row, layer = upload.feature(feature_id), upload.current()
    if row is None or layer is None:
        st.info(t("panel_hint", lang))
        return False
    table = upload.summary(catalog, lang)
    hit = table[table["id"] == feature_id]
    where = summary_line(hit.iloc[0], lang) if not hit.empty else ""
    st.html(upload_details_html(row, where, layer.name, lang))
    return st.button(t("clear_selection", lang), key=clear_key)
