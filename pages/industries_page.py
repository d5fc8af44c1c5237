"""产业集群 Industries: where a cluster lives, its chains, and the parks that host it."""

import streamlit as st

from sti_app import filtering, page, state
from sti_app.panel import chips
from sti_geo.model.specs import DISTRICTS, PARKS, PLATFORMS
from sti_geo.text.i18n import t
from sti_geo.text.safe_text import markdown as inert
from sti_geo.text.safe_text import text
from sti_geo.views.industry import cluster_ids, cluster_labels, cluster_summary, clusters_note
from sti_geo.views.params import choice

PAGE = "industries"
BASE_LAYERS = (DISTRICTS, PARKS, PLATFORMS)  # drawn always; other layers only where they host the cluster

catalog = state.catalog_or_stop()
LAYERS = tuple(lid for lid, spec in catalog.specs.items() if spec.group != "base")
ids = cluster_ids(catalog)
CLUSTER = choice("cluster", cluster_ids)
view, lang = page.start_page(PAGE, catalog, LAYERS, params=(CLUSTER,))
st.title(t("industries_title", lang))
if note := clusters_note(catalog, lang):
    st.caption(inert(note))
cluster = page.pick(view, PAGE, CLUSTER, ids, cluster_labels(catalog, lang), t("industries_pick", lang))
summary = cluster_summary(catalog, cluster, lang)
hosts = list(dict.fromkeys(summary.hosts["feature"]))
shown_layers = tuple(lid for lid in LAYERS if lid in BASE_LAYERS or catalog.layers[lid]["id"].isin(hosts).any())


def side() -> None:
    """The cluster's quote, chains and hosts, then the clicked feature's panel."""
    st.subheader(inert(summary.name), anchor=False)
    st.html(f'<blockquote class="sti-quote" lang="zh">{text(summary.quote)}</blockquote>'
            f'<div class="sti-source">— {text(catalog.source_title(summary.source, lang))}</div>')
    st.markdown(f"**{t('industries_chains', lang)}** ({len(summary.chains)})")
    for chain in summary.chains.itertuples():
        st.html(f'<div class="sti-row">{chips([chain.name])}'
                f'<div class="sti-note" lang="zh" data-verbatim="1">{text(chain.quote)}</div></div>')
    if not summary.tasks.empty:
        st.markdown(f"**{t('industries_tasks', lang)}** ({len(summary.tasks)})")
        for task in summary.tasks.itertuples():
            st.html(f'<div class="sti-row">{chips([task.name])}'
                    f'<div class="sti-note" lang="zh" data-verbatim="1">{text(task.quote)}</div></div>')
    hidden = set(filtering.hidden(catalog, view, LAYERS))  # the filters' leave-outs
    kept = summary.hosts[~summary.hosts["feature"].isin(hidden)]
    n = len(dict.fromkeys(kept["feature"]))
    st.markdown(f"**{t('industries_hosts', lang)}** ({n}{f' / {len(hosts)}' if n < len(hosts) else ''})")
    if kept.empty:
        st.caption(t("industries_none", lang))
    else:
        table = kept.assign(layer=[catalog.specs[lid].title_in(lang)
                                            for lid in kept["layer"]])
        st.dataframe(table.drop(columns=["feature", "source"]).rename(
            columns={c: t(f"industries_{c}", lang) for c in ("name", "via", "quote", "layer")}),
            hide_index=True, width="stretch")
    st.page_link("pages/export_page.py", label=t("industries_export", lang),
                 icon="⬇️", query_params={"scope": "industry", "industry": cluster, "lang": lang,
                                          **filtering.link_params(view)})
    if view.selected:
        page.selected_panel(catalog, view, lang, PAGE)


page.map_and_side(catalog, view, lang, PAGE, shown_layers, side=side, highlight=hosts, present=LAYERS)
