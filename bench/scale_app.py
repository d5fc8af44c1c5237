"""Scale test page: the overview's districts plus N synthetic enterprise points, clustered.

``?impl=app`` draws them the app's way (one GeoJSON overlay, clustered, via feature_group_to_add);
``?impl=baseline`` the stock way (one folium.Marker each in a folium MarkerCluster).
The points are random (seeded) positions on Weihai's land: benchmark data, never shown as facts.
"""

import sys
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import shapely
import streamlit as st
from folium.plugins import MarkerCluster
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stock_assets import use_local_stock_assets
from sti_geo import load_catalog
from sti_geo.map import leaflet, mapview

st.set_page_config(page_title="scale", layout="wide")
impl = st.query_params.get("impl", "app")
n = int(st.query_params.get("n", "100"))


@st.cache_data
def catalog():
    return load_catalog()


@st.cache_data
def synthetic_points(count: int) -> gpd.GeoDataFrame:
    city = catalog().layers["base_boundaries"].set_index("id").loc["adm_371000", "geometry"]
    rng = np.random.default_rng(2021)
    minx, miny, maxx, maxy = city.bounds
    pts = []
    while len(pts) < count:
        cand = shapely.points(rng.uniform(minx, maxx, count), rng.uniform(miny, maxy, count))
        pts += list(cand[shapely.contains(city, cand)])
    pts = pts[:count]
    return gpd.GeoDataFrame({"id": [f"e{i}" for i in range(count)], "name": [f"企业 {i}" for i in range(count)],
                             "name_en": [f"enterprise {i}" for i in range(count)]}, geometry=pts, crs="EPSG:4326")


c = catalog()
points = synthetic_points(n)
if impl == "baseline":
    use_local_stock_assets()
    # tiles=None (no network here) leaves the map without the maxZoom MarkerCluster needs: give it one
    m = folium.Map(location=[37.17, 122.05], zoom_start=9, tiles=None, **{"maxZoom": 18})
    folium.GeoJson(c.layers["districts"].to_json(), name="districts").add_to(m)
    cluster = MarkerCluster().add_to(m)
    for name, geom in zip(points["name"], points.geometry, strict=True):
        folium.Marker([geom.y, geom.x], popup=name, tooltip=name).add_to(cluster)
    st_folium(m, width=900, height=620)
else:
    fmap = mapview.base_map(c, lang="zh")
    districts = mapview.overlay_group(c, "districts")
    group = folium.FeatureGroup(name="enterprises")
    leaflet.FeatureOverlay(mapview.overlay_data(points.set_geometry(points.geometry.set_precision(1e-5)), "zh"),
                           {"color": "#334155", "fillColor": "#94a3b8", "weight": 1, "opacity": 1, "fillOpacity": 1},
                           4, cluster=True, name="enterprises").add_to(group)
    st_folium(fmap, key="scale", height=620, use_container_width=True, returned_objects=[],
              feature_group_to_add=[districts, group])
