"""总览 Overview: every layer over the region; click a feature for its facts and source."""

import streamlit as st

from sti_app import mapwidget, page
from sti_app.panels import every_panel
from sti_geo.text.i18n import field_in
from sti_geo.text.safe_text import markdown as inert

PAGE = "overview"

catalog = page.state.catalog_or_stop()
plan_layers = [lid for lid, spec in catalog.specs.items() if spec.group != "base"]
defaults = [lid for lid in plan_layers if catalog.specs[lid].default_visible]
PANELS = every_panel(thematic=True, compare=True)
view, lang = page.start_page(PAGE, catalog, defaults, panels=PANELS)

st.title(inert(catalog.manifest[field_in("app_title", lang)]))
st.caption(inert(catalog.manifest.get(field_in("plan_title", lang), "")))


page.map_and_side(catalog, view, lang, PAGE, tuple(defaults), present=plan_layers, defaults=defaults,
                  sidebar=lambda then: mapwidget.layer_toggles(catalog, view, plan_layers, PAGE, then=then),
                  side=lambda: page.selected_panel(catalog, view, lang, PAGE), widths=(3, 1.35), panels=PANELS)
