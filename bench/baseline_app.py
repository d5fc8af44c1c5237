"""The baseline: what a first, naive version of the overview looks like with stock folium.

Stock ``folium.Map`` + one ``folium.GeoJson`` per layer with default options (full-precision
geometry, a popup of every field, a name tooltip), a LayerControl, and ``st_folium`` with its
defaults; Streamlit checkboxes rebuild the map. Data loading is cached, as anyone would.
Assets are served locally (stock_assets) only so that it can render without internet.
"""

import sys
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stock_assets import use_local_stock_assets
from sti_geo import load_catalog

use_local_stock_assets()
st.set_page_config(page_title="baseline", layout="wide")


@st.cache_data
def catalog():
    return load_catalog()


c = catalog()
st.title("Baseline: stock folium")
shown = [lid for lid in c.layers if lid != "base_land" and st.sidebar.checkbox(lid, value=c.specs[lid].default_visible
                                                                                or lid == "base_boundaries")]
m = folium.Map(location=[37.17, 122.05], zoom_start=9, tiles=None)
folium.GeoJson(c.layers["base_land"].to_json(), name="land").add_to(m)
for lid in shown:
    gdf = c.layers[lid]
    fields = [f for f in gdf.columns if f != "geometry"]
    folium.GeoJson(gdf.to_json(), name=lid, tooltip=folium.GeoJsonTooltip(["name"]),
                   popup=folium.GeoJsonPopup(fields)).add_to(m)
folium.LayerControl().add_to(m)
out = st_folium(m, width=900, height=620)
if out and out.get("last_object_clicked"):  # the naive "panel": what st_folium reports about the click
    where = out["last_object_clicked"]
    st.subheader(f"clicked: {where['lat']:.4f}, {where['lng']:.4f} "
                 f"{out.get('last_object_clicked_popup') or out.get('last_object_clicked_tooltip') or ''}")
