"""总览 Overview: every layer over Weihai; click a feature for its facts and source."""

import streamlit as st

from sti_app import mapwidget, panel, state
from sti_geo.details import feature_details
from sti_geo.i18n import t

PAGE = "overview"

catalog = state.catalog_or_stop()
plan_layers = [lid for lid, spec in catalog.specs.items() if spec.group != "base"]
defaults = [lid for lid in plan_layers if catalog.specs[lid].default_visible]
view = state.page_view(PAGE, catalog, defaults)
lang = state.language_switch(view)

st.title(t("app_title", lang))
st.caption(catalog.manifest.get("plan_title_en" if lang == "en" else "plan_title", ""))
state.show_notices(view)
mapwidget.basemap_picker(view, PAGE)
visible = mapwidget.layer_toggles(catalog, view, plan_layers, PAGE)
mapwidget.search_box(catalog, view, PAGE)

map_col, side_col = st.columns([3, 1.35], gap="medium")
with map_col:
    if state.assets_ok(lang):
        mapwidget.map_widget(catalog, view, PAGE)
with side_col:
    mapwidget.legend(catalog, view, visible)
    details = feature_details(catalog, view.selected, lang) if view.selected else None
    if panel.render_panel(details, lang, clear_key=f"{PAGE}:clear"):
        view.selected = None
        st.rerun()

state.sync_url(view, defaults)
