"""总览 Overview: every layer over the region; click a feature for its facts and source."""

import streamlit as st

from sti_app import mapwidget, page, state
from sti_geo.text.i18n import field_in
from sti_geo.text.safe_text import markdown as inert

PAGE = "overview"

catalog = page.state.catalog_or_stop()
plan_layers = [lid for lid, spec in catalog.specs.items() if spec.group != "base"]
defaults = [lid for lid in plan_layers if catalog.specs[lid].default_visible]
view, lang = page.start_page(PAGE, catalog, defaults)

st.title(inert(catalog.manifest[field_in("app_title", lang)]))
st.caption(inert(catalog.manifest.get(field_in("plan_title", lang), "")))


@st.fragment
def map_area() -> None:
    """Toggles, search, map, legend and panel: a click or a toggle reruns only this."""
    visible = mapwidget.layer_toggles(catalog, view, plan_layers, PAGE)
    mapwidget.search_box(catalog, view, PAGE)
    page.finish_page(view, defaults)  # notices above the map; URL written before the map's own rerun
    map_col, side_col = st.columns([3, 1.35], gap="medium")
    with map_col:
        if state.assets_ok(lang):
            mapwidget.map_widget(catalog, view, PAGE, layer_ids=plan_layers)
    with side_col:
        mapwidget.legend(catalog, view, visible)
        page.selected_panel(catalog, view, lang, PAGE)


map_area()
