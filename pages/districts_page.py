"""区市园区 Districts: one district or zone, its parks, platforms, specialties and metrics."""

import streamlit as st

from sti_app import filtering, keys, mapwidget, page, state
from sti_app.panel import chips, designations_html, metrics_table
from sti_geo.model.specs import DISTRICTS, PARKS, PLATFORMS
from sti_geo.text.glossary import type_label
from sti_geo.text.i18n import t
from sti_geo.text.safe_text import markdown as inert
from sti_geo.text.safe_text import text
from sti_geo.views.district import district_ids, district_labels, district_summary, figures_kind, target_holders
from sti_geo.views.params import choice

PAGE = "districts"
LAYERS = (DISTRICTS, PARKS, PLATFORMS)

catalog = state.catalog_or_stop()
ids = district_ids(catalog)
DISTRICT = choice("district", district_ids)
view, lang = page.start_page(PAGE, catalog, LAYERS, params=(DISTRICT,))
st.title(t("districts_title", lang))
district = page.pick(view, PAGE, DISTRICT, ids, district_labels(catalog, lang), t("districts_pick", lang),
                     then=lambda d: mapwidget.fly_to_bounds(view, district_summary(catalog, d).bounds))
summary = district_summary(catalog, district, lang)
if view.center is None:
    mapwidget.fly_to_bounds(view, summary.bounds)


def side() -> None:
    """The clicked feature's panel beside the map, then the district's specialties and quote, and the links."""
    chosen = view.selected and view.selected != district
    if chosen:  # beside the map, first: it appeared a thousand pixels down, under the district and its tables
        page.selected_panel(catalog, view, lang, PAGE)
    about = st.expander(inert(summary.name), expanded=not chosen) if chosen else st.container()
    with about:
        if not chosen:
            st.subheader(inert(summary.name), anchor=False)
        # the sentence names no specialty: then the label is the quote's
        label = t("districts_specialties" if summary.specialties else "districts_quote", lang)
        st.html(f'<div class="sti-panel"><span class="sti-label">{text(label)}</span> {chips(summary.specialties)}'
                f'<blockquote class="sti-quote" lang="zh">{text(summary.quote)}</blockquote>'
                f'<div class="sti-source">— {text(catalog.source_title(summary.source, lang))}</div>'
                f'{designations_html(summary.designations, lang)}</div>')
    kind = figures_kind(summary)
    if kind != "targets":  # "how is it doing against the plan's targets?" gets an answer, and a way on
        holders = target_holders(catalog, lang)  # who has targets, as the target rows say (none in some packs)
        said = t(f"districts_{kind}", lang).format(name=summary.name)
        if holders:
            said += t("districts_holders", lang).format(names=t("districts_sep", lang).join(holders))
        st.caption(inert(said))
        st.page_link("pages/metrics_page.py", label=t("districts_city", lang), icon=":material/flag:",
                     query_params={"lang": lang})
    st.page_link("pages/export_page.py", label=t("districts_export", lang), icon="⬇️",
                 query_params={"scope": "district", "district": district, "lang": lang,
                               **filtering.link_params(view)})


def tables(rerun) -> None:
    """The district's parks, platforms and metrics across the page (the side cut every column but the name);
    a park's or platform's row opens its feature."""
    hidden = set(filtering.hidden(catalog, view, LAYERS))  # the filters' leave-outs
    st.caption(t("districts_pick_row", lang))
    for key, every in (("parks", summary.parks), ("platforms", summary.platforms)):
        col = st.container()
        table = every[~every["id"].isin(hidden)].reset_index(drop=True)
        heading = t(f"districts_{key}", lang)
        col.markdown(f"**{heading}** ({len(table)}{f' / {len(every)}' if len(table) < len(every) else ''})")
        if table.empty:
            continue
        table_key = keys.widget(PAGE, f"table:{key}:{district}")

        def _picked(table=table, table_key=table_key) -> None:
            rows = st.session_state[table_key].selection.rows
            if rows:
                view.selected = str(table["id"].iloc[rows[0]])
                rerun()

        shown = table.assign(type=[type_label(v, lang) for v in table["type"]],
                             level=[type_label(v, lang) if v else "" for v in table["level"]])
        if not shown["level"].any():  # the documents state no level for any of them (parks): no empty column
            shown = shown.drop(columns="level")
        headers = {c: t(f"districts_{c}", lang) for c in ("name", "type", "level", "industries") if c in shown}
        col.dataframe(shown.drop(columns="id").rename(columns=headers),
                      hide_index=True, width="stretch", on_select=_picked, selection_mode="single-row",
                      key=table_key,
                      column_config={t("districts_name", lang): st.column_config.TextColumn(width="large"),
                                     t("districts_industries", lang): st.column_config.TextColumn(width="large")})
    if not summary.metrics.empty:
        st.markdown(f"**{t('metrics', lang)}**")
        st.dataframe(metrics_table(summary.metrics, lang), hide_index=True, width="stretch")


page.map_and_side(catalog, view, lang, PAGE, LAYERS, side=side, below=tables,
                  highlight=[district, *summary.parks["id"], *summary.platforms["id"]])
