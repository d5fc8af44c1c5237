"""Map assembly: the base map of a pack and the overlays a page toggles, selects and highlights.

The Folium classes are in :mod:`.leaflet`, the click protocol in :mod:`.click`, the legend in
:mod:`.legend`; the data as drawn (simplified, rounded, GCJ-02-shifted) comes from :mod:`.display`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import folium
import geopandas as gpd

from ..model.catalog import Catalog
from ..model.specs import BASE_BOUNDARIES, BASE_LAND, LayerSpec
from ..text.i18n import field_in
from ..text.values import is_missing
from .basemaps import OFFLINE, Basemap
from .click import tooltip_html
from .display import display_layer, land_geojson
from .leaflet import (
    SELECTED_STYLE,
    FeatureOverlay,
    FocusWithoutScroll,
    MapRuntime,
    MiniMapSync,
    OfflineFullscreen,
    OfflineLand,
    OfflineMap,
    OfflineMeasureControl,
    OfflineMiniMap,
)
from .popup import layer_popups

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


def overlay_data(gdf: gpd.GeoDataFrame, lang: str, popups: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A minimal FeatureCollection for the browser: geometry, id, tooltip, in-map panel and accuracy."""
    name_col = field_in("name", lang)
    popups = popups or {}
    accuracy = gdf["accuracy_m"] if "accuracy_m" in gdf.columns else [None] * len(gdf)
    features = []
    for fid, name, acc, geom in zip(gdf["id"], gdf[name_col], accuracy, gdf.geometry, strict=True):
        fid = str(fid)
        props: dict[str, Any] = {"id": fid, "_id": _CSS_UNSAFE.sub("_", fid), "_tip": tooltip_html(name)}
        if fid in popups:
            props["_pop"] = popups[fid]
        if not is_missing(acc):
            props["_acc"] = int(acc)
        features.append({"type": "Feature", "properties": props, "geometry": geom.__geo_interface__})
    return {"type": "FeatureCollection", "features": features}


def overlay_group(catalog: Catalog, layer_id: str, *, lang: str = "zh",
                  basemap: Basemap = OFFLINE) -> folium.FeatureGroup:
    """One layer's features as a FeatureGroup for ``feature_group_to_add`` (points clustered).

    Visibility, highlights and the selection are the runtime's business (:class:`.leaflet.MapRuntime`),
    so the group is the same whatever the user toggles or clicks and is never sent again for it.
    """
    spec = catalog.specs[layer_id]
    gdf = display_layer(catalog, layer_id, basemap)
    group = folium.FeatureGroup(name=spec.title_in(lang))
    FeatureOverlay(overlay_data(gdf, lang, layer_popups(catalog, layer_id, lang)), _leaflet_style(spec),
                   spec.style.radius, cluster=spec.geometry_type == "Point", name=layer_id).add_to(group)
    return group


# Leaflet map options (folium's own min_zoom/max_zoom only reach a tile layer, and the offline map has none)
MAP_OPTIONS: dict[str, Any] = {"minZoom": 6, "maxZoom": 18}


def _header(fmap: folium.Map) -> Any:
    """The page header of a map's HTML document (where <style> elements go)."""
    root: Any = fmap.get_root()  # a branca Figure, typed as a plain Element
    return root.header


def base_map(catalog: Catalog, basemap: Basemap = OFFLINE, *, lang: str = "zh", minimap: bool = True,
             land_url: str | None = None, state_key: str = "map") -> folium.Map:
    """The map that never changes while a page is used: background, boundaries and controls.

    Everything the user toggles or selects goes in ``overlay_group`` layers, so
    that streamlit-folium updates them without remounting the map; the runtime follows the page's
    state element named ``state_key`` (see :func:`map_state_html`).
    """
    lat, lon = catalog.manifest["center"]  # validated at load
    fmap = OfflineMap(location=[lat, lon], zoom_start=int(catalog.manifest["zoom"]), tiles=None,
                      control_scale=True, prefer_canvas=False, **MAP_OPTIONS)
    if minimap:
        MiniMapSync().add_to(fmap)  # before the minimap is made: it patches the plugin's class
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
    MapRuntime(state_key, SELECTED_STYLE).add_to(fmap)
    OfflineFullscreen(position="topleft").add_to(fmap)
    OfflineMeasureControl(position="topleft", primary_length_unit="kilometers", primary_area_unit="hectares",
                          secondary_length_unit=None, secondary_area_unit="sqkilometers").add_to(fmap)
    if minimap and basemap.tiles_url:
        OfflineMiniMap(tile_layer=folium.TileLayer(tiles=basemap.tiles_url, attr=basemap.attribution),
                       toggle_display=True, position="bottomright").add_to(fmap)
    _header(fmap).add_child(folium.Element(f"<style>{MAP_CSS}</style>"))
    return fmap


MAP_CSS = (".sti-dot,.sti-cluster{background:transparent;border:none}"
           ".sti-pop{font:13px/1.4 sans-serif;max-width:300px}.sti-pop-name{font-size:14px}"
           ".sti-pop-other,.sti-pop-sub,.sti-pop-note{color:#555;font-size:12px;margin-top:2px}"
           ".sti-pop-chips{margin-top:4px}.sti-chip{display:inline-block;background:#eef2ff;"
           "border:1px solid #c7d2fe;border-radius:10px;padding:0 6px;margin:1px 2px;font-size:12px}")


def map_state_html(state_key: str, visible: Iterable[str], selected: str | None,
                   highlight: Iterable[str] = ()) -> str:
    """The page's state element the map runtime follows: visible layers, selected and highlighted ids.

    A hidden ``<div>`` next to the map, rewritten by every (fragment) run; the JSON sits in an
    attribute, HTML-escaped, so no id or name can break out of it.
    """
    state = {"layers": list(visible), "selected": selected, "highlight": list(dict.fromkeys(highlight))}
    payload = html.escape(json.dumps(state, ensure_ascii=False, separators=(",", ":")), quote=True)
    return f'<div class="sti-map-state" data-map="{html.escape(state_key)}" data-state="{payload}" hidden></div>'


UPLOAD_CLUSTER_FROM = 200  # more uploaded points than this are clustered
UPLOAD_LAYER = "upload"  # the own layer's id in the map runtime (and its sidebar checkbox key)


def upload_group(shown: gpd.GeoDataFrame, spec: LayerSpec, *, lang: str = "zh") -> folium.FeatureGroup:
    """An uploaded layer's display frame (:func:`upload_display`) as a FeatureGroup, drawn like a plan layer."""
    group = folium.FeatureGroup(name=spec.title_in(lang))
    style = {k: v for k, v in _leaflet_style(spec).items() if k != "fill"}  # Leaflet's default fits each kind
    points = int(shown.geom_type.isin(["Point", "MultiPoint"]).sum())
    FeatureOverlay(overlay_data(shown, lang), style, spec.style.radius,
                   cluster=points > UPLOAD_CLUSTER_FROM, name=UPLOAD_LAYER).add_to(group)
    return group
