"""sti_geo: the Streamlit entry point. Pages live in pages/; logic lives in sti_geo/."""

import streamlit as st

st.set_page_config(page_title="威海科技创新规划地图 · Weihai S&T plan map", page_icon="🗺️", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="总览 Overview", url_path="overview", default=True),
    st.Page("pages/about.py", title="关于 About", url_path="about"),
]

st.navigation(PAGES).run()
