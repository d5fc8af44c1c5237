"""sti_geo: the Streamlit entry point. Pages live in pages/; logic lives in sti_geo/.

Page files are named ``*_page.py`` so that no URL path equals a file name: Streamlit also registers
``pages/`` files as legacy pages, and a deep link matching one would bypass this navigation.
"""

import streamlit as st

from sti_app.state import nav_language
from sti_geo.text.i18n import t

LANG = nav_language()  # the page names speak the reader's language, as the page does
st.set_page_config(page_title=t("app_title", LANG), page_icon="🗺️", layout="wide")

# the default page is served at "/" whatever its url_path, which it still reserves: "overview" goes to the hidden
# page below, so a link to /overview opens the overview
OVERVIEW = st.Page("pages/overview_page.py", title=t("page_overview", LANG), url_path="overview-default",
                   default=True)


def _overview_by_name() -> None:
    """``/overview``: Streamlit serves the default page at ``/`` only, and said "Page not found" here."""
    st.switch_page(OVERVIEW, query_params=st.query_params.to_dict())


PAGES = [
    OVERVIEW,
    st.Page("pages/layout_page.py", title=t("page_layout", LANG), url_path="layout"),
    st.Page("pages/districts_page.py", title=t("page_districts", LANG), url_path="districts"),
    st.Page("pages/industries_page.py", title=t("page_industries", LANG), url_path="industries"),
    st.Page("pages/metrics_page.py", title=t("page_metrics", LANG), url_path="metrics"),
    st.Page("pages/upload_page.py", title=t("page_my_layer", LANG), url_path="my-layer"),
    st.Page("pages/export_page.py", title=t("page_export", LANG), url_path="export"),
    st.Page("pages/about_page.py", title=t("page_about", LANG), url_path="about"),
    st.Page(_overview_by_name, title=t("page_overview", LANG), url_path="overview", visibility="hidden"),
]

st.navigation(PAGES).run()
