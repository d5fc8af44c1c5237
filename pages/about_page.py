"""关于 About: sources, licences, what geometry_basis and accuracy mean, how to report a correction."""

import streamlit as st

from sti_app import page, state
from sti_geo.views.about import about_markdown

catalog = state.catalog_or_stop()
view = state.page_view("about", catalog, ())
lang = state.language_switch(view)
state.show_notices(view)
st.markdown(about_markdown(catalog, lang))
page.service_section(catalog, lang)
state.sync_url(view, ())
