"""sti_geo: the Streamlit entry point. Pages live in pages/; logic lives in sti_geo/.

Page files are named ``*_page.py`` so that no URL path equals a file name: Streamlit also registers
``pages/`` files as legacy pages, and a deep link matching one would bypass this navigation.
"""

import streamlit as st

st.set_page_config(page_title="科技创新规划地图 · S&T plan map", page_icon="🗺️", layout="wide")

# the default page is served at "/" whatever its url_path, which it still reserves: "overview" goes to the hidden
# page below, so a link to /overview opens the overview
OVERVIEW = st.Page("pages/overview_page.py", title="总览 Overview", url_path="overview-default", default=True)


def _overview_by_name() -> None:
    """``/overview``: Streamlit serves the default page at ``/`` only, and said "Page not found" here."""
    st.switch_page(OVERVIEW, query_params=st.query_params.to_dict())


PAGES = [
    OVERVIEW,
    st.Page("pages/layout_page.py", title="空间布局 Layout", url_path="layout"),
    st.Page("pages/districts_page.py", title="区市园区 Districts", url_path="districts"),
    st.Page("pages/industries_page.py", title="产业集群 Industries", url_path="industries"),
    st.Page("pages/metrics_page.py", title="指标 Metrics", url_path="metrics"),
    st.Page("pages/upload_page.py", title="我的图层 My layer", url_path="my-layer"),
    st.Page("pages/export_page.py", title="导出 Export", url_path="export"),
    st.Page("pages/about_page.py", title="关于 About", url_path="about"),
    st.Page(_overview_by_name, title="总览 Overview", url_path="overview", visibility="hidden"),
]

st.navigation(PAGES).run()
