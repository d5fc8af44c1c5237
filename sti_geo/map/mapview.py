"""Map assembly: the base map of a pack and the overlays a page toggles, selects and highlights.

The Folium classes are in :mod:`.leaflet`, the click protocol in :mod:`.click`, the legend in
:mod:`.legend`; the data as drawn (simplified, rounded, GCJ-02-shifted) comes from :mod:`.display`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import folium
import geopandas as gpd

from ..model.catalog import Catalog
from ..model.specs import BASE_BOUNDARIES, BASE_LAND, LayerSpec
from ..text.i18n import field_in
from .basemaps import OFFLINE, Basemap
from .click import tooltip_html
from .display import display_frame, display_layer, land_geojson
from .leaflet import (
    AccuracyCircle,
    FeatureOverlay,
    FocusWithoutScroll,
    OfflineFullscreen,
    OfflineLand,
    OfflineMap,
    OfflineMeasureControl,
    OfflineMiniMap,
)

_ID_MARK = re.compile(r"⟦([A-Za-z][A-Za-z0-9_]*)⟧")
_CSS_UNSAFE = re.compile(r"[^A-Za-z0-9_]")  # ids become CSS class names (sti-f-<id>) for tests and styling


def _leaflet_style(spec: LayerSpec) -> dict[str, Any]:
    s = spec.style
    style = {"color": s.color, "fillColor": s.fill_color, "weight": s.weight, "opacity": s.opacity,
             "fillOpacity": s.fill_opacity}
    if s.dash:
        style["dashArray"] = s.dash
    if spec.geometry_type == "LineString":
        style["fill"] = False
    return style


def overlay_data(gdf: gpd.GeoDataFrame, lang: str, highlight: Iterable[str] | str | None = None) -> dict[str, Any]:
    """A minimal FeatureCollection for the browser: geometry, tooltip and the highlight flag."""
    marked = {highlight} if isinstance(highlight, str) else set(highlight or ())
    name_col = field_in("name", lang)
    features = []
    for fid, name, geom in zip(gdf["id"], gdf[name_col], gdf.geometry, strict=True):
        props: dict[str, Any] = {"_tip": tooltip_html(name, fid), "_id": _CSS_UNSAFE.sub("_", str(fid))}
        if fid in marked:
            props["_sel"] = 1
        features.append({"type": "Feature", "properties": props, "geometry": geom.__geo_interface__})
    return {"type": "FeatureCollection", "features": features}


def overlay_group(catalog: Catalog, layer_id: str, *, lang: str = "zh", basemap: Basemap = OFFLINE,
                  selected_id: str | None = None, only_ids: Iterable[str] | None = None,
                  highlight_ids: Iterable[str] = ()) -> folium.FeatureGroup:
    """One layer's features (optionally only some ids) as a FeatureGroup for ``feature_group_to_add``.

    Highlighted points are drawn outside the cluster so they stay visible; the
    selected point is left to :func:`selection_group`.
    """
    spec = catalog.specs[layer_id]
    gdf = display_layer(catalog, layer_id, basemap)
    if only_ids is not None:
        gdf = gdf[gdf["id"].isin(set(only_ids))]
    marked = set(highlight_ids) | ({selected_id} if selected_id else set())
    group = folium.FeatureGroup(name=spec.title_in(lang))
    style = _leaflet_style(spec)
    if spec.geometry_type != "Point":
        FeatureOverlay(overlay_data(gdf, lang, marked), style, spec.style.radius, cluster=False,
                       name=layer_id).add_to(group)
        return group
    lit = gdf["id"].isin(marked - {selected_id})
    FeatureOverlay(overlay_data(gdf[~gdf["id"].isin(marked)], lang), style, spec.style.radius, cluster=True,
                   name=layer_id).add_to(group)
    if lit.any():
        FeatureOverlay(overlay_data(gdf[lit], lang, marked), style, spec.style.radius, cluster=True,
                       name=f"{layer_id}_lit", lit=True).add_to(group)
    return group


def selection_group(catalog: Catalog, feature_id: str, *, basemap: Basemap = OFFLINE,
                    lang: str = "zh") -> folium.FeatureGroup | None:
    """A selected point, unclustered and highlighted, with its accuracy circle; None for other features."""
    row = catalog.feature(feature_id)
    if row is None or row.geometry.geom_type != "Point" or row.get("accuracy_m") is None:
        return None
    spec = catalog.specs[row["layer"]]
    one = display_frame(catalog.layers[spec.id].loc[[row.name]], basemap)
    geom = one.geometry.iloc[0]
    group = folium.FeatureGroup(name="selection")
    AccuracyCircle(geom.y, geom.x, int(row["accuracy_m"])).add_to(group)
    FeatureOverlay(overlay_data(one, lang, feature_id), _leaflet_style(spec), spec.style.radius, cluster=False,
                   name="selection").add_to(group)
    return group


# Leaflet map options (folium's own min_zoom/max_zoom only reach a tile layer, and the offline map has none)
MAP_OPTIONS: dict[str, Any] = {"minZoom": 6, "maxZoom": 18}


def _header(fmap: folium.Map) -> Any:
    """The page header of a map's HTML document (where <style> elements go)."""
    root: Any = fmap.get_root()  # a branca Figure, typed as a plain Element
    return root.header


def base_map(catalog: Catalog, basemap: Basemap = OFFLINE, *, lang: str = "zh", minimap: bool = True,
             land_url: str | None = None) -> folium.Map:
    """The map that never changes while a page is used: background, boundaries and controls.

    Everything the user toggles or selects goes in ``overlay_group`` layers, so
    that streamlit-folium updates them without remounting the map.
    """
    lat, lon = catalog.manifest["center"]  # validated at load
    fmap = OfflineMap(location=[lat, lon], zoom_start=int(catalog.manifest["zoom"]), tiles=None,
                      control_scale=True, prefer_canvas=False, **MAP_OPTIONS)
    if basemap.tiles_url:
        folium.TileLayer(tiles=basemap.tiles_url, attr=basemap.attribution, name=basemap.label(lang),
                         subdomains=basemap.subdomains, max_zoom=18).add_to(fmap)
    else:
        style = _leaflet_style(catalog.specs[BASE_LAND])
        OfflineLand(style, url=land_url, minimap=minimap, land=None if land_url else land_geojson(catalog)).add_to(fmap)
        _header(fmap).add_child(folium.Element("<style>.leaflet-container{background:#cfe0ee !important}</style>"))
    bounds = display_layer(catalog, BASE_BOUNDARIES, basemap)
    bounds_style = _leaflet_style(catalog.specs[BASE_BOUNDARIES])
    folium.GeoJson(bounds.__geo_interface__, name="boundaries", control=False, interactive=False,
                   style_function=lambda _f: bounds_style).add_to(fmap)
    FocusWithoutScroll().add_to(fmap)
    OfflineFullscreen(position="topleft").add_to(fmap)
    OfflineMeasureControl(position="topleft", primary_length_unit="kilometers", primary_area_unit="hectares",
                          secondary_length_unit=None, secondary_area_unit="sqkilometers").add_to(fmap)
    if minimap and basemap.tiles_url:
        OfflineMiniMap(tile_layer=folium.TileLayer(tiles=basemap.tiles_url, attr=basemap.attribution),
                       toggle_display=True, position="bottomright").add_to(fmap)
    _header(fmap).add_child(folium.Element("<style>.sti-dot,.sti-cluster{background:transparent;border:none}</style>"))
    return fmap


UPLOAD_CLUSTER_FROM = 200  # more uploaded points than this are clustered


def upload_group(shown: gpd.GeoDataFrame, spec: LayerSpec, *, lang: str = "zh",
                 selected_id: str | None = None) -> folium.FeatureGroup:
    """An uploaded layer's display frame (:func:`upload_display`) as a FeatureGroup, drawn like a plan layer."""
    group = folium.FeatureGroup(name=spec.title_in(lang))
    style = {k: v for k, v in _leaflet_style(spec).items() if k != "fill"}  # Leaflet's default fits each kind
    points = int(shown.geom_type.isin(["Point", "MultiPoint"]).sum())
    FeatureOverlay(overlay_data(shown, lang, selected_id), style, spec.style.radius,
                   cluster=points > UPLOAD_CLUSTER_FROM, name="upload").add_to(group)
    return group
