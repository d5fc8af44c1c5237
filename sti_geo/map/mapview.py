"""Map assembly: the base map of a pack and the overlays a page toggles, selects and highlights.

The Folium classes are in :mod:`.leaflet`, the click protocol in :mod:`.click`, the legend in
:mod:`.legend`; the data as drawn (simplified, rounded, GCJ-02-shifted) comes from :mod:`.display`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import folium
import geopandas as gpd

from ..model.catalog import Catalog
from ..model.specs import BASE_BOUNDARIES, BASE_LAND, DISTRICTS, LayerSpec
from ..text.i18n import field_in, in_lang, t
from ..text.values import is_missing
from ..views.details import FeatureDetails
from .basemaps import OFFLINE, Basemap
from .click import tooltip_html
from .display import display_layer, land_geojson
from .labels import label_point, label_rule, layer_labels
from .leaflet import (
    CompareAssets,
    DrawAssets,
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
from .popup import layer_details, layer_popups

# what the map's own JavaScript says, per language
RUNTIME_STRINGS = ("stack_title", "stack_hint", "stack_tip", "autoplay_next", "autoplay_paused", "autoplay_pause",
                   "autoplay_resume", "draw_rectangle", "draw_polygon", "draw_circle", "draw_drag",
                   "draw_polygon_start", "draw_polygon_next", "draw_release", "draw_cancel", "draw_finish",
                   "draw_undo", "draw_radius", "swipe_divider", "tour_wrapped", "map_tools", "map_name",
                   "cluster_name", "zoom_in", "zoom_out", "leaflet_title")
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


def overlay_data(gdf: gpd.GeoDataFrame, lang: str, popups: Mapping[str, str] | None = None,
                 labels: Sequence[str] | None = None,
                 details: Mapping[str, FeatureDetails] | None = None) -> dict[str, Any]:
    """A minimal FeatureCollection for the browser: geometry, id, tooltip, in-map panel, accuracy, label.

    ``labels`` (one per row) are plain text (``_lbl``, set as text by the runtime), placed beside a point
    or at ``_lpt`` (lon, lat) on a line or inside an area. ``details``: the plan's features' details, whose
    name and accuracy a stack's list shows (the rows' own for a layer without: an uploaded one).
    """
    name_col = field_in("name", lang)
    popups = popups or {}
    accuracy = gdf["accuracy_m"] if "accuracy_m" in gdf.columns else [None] * len(gdf)
    label_list = list(labels) if labels is not None else [None] * len(gdf)
    features = []
    for fid, name, acc, label, geom in zip(gdf["id"], gdf[name_col], accuracy, label_list, gdf.geometry,
                                           strict=True):
        fid = str(fid)
        props: dict[str, Any] = {"id": fid, "_id": _CSS_UNSAFE.sub("_", fid), "_tip": tooltip_html(name)}
        if fid in popups:
            props["_pop"] = popups[fid]
        if details and fid in details:
            name, acc = details[fid].name, details[fid].accuracy_m
        if not is_missing(acc):
            props["_acc"] = int(acc)
        if not is_missing(name):
            props["_name"] = str(name)  # plain text: a stack's list and a screen reader's name set it as text
        if label:
            props["_lbl"] = label
            point = label_point(geom)
            if point is not None:
                props["_lpt"] = point
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
    rule = label_rule(spec, len(gdf))
    labels = layer_labels(spec, list(gdf[field_in("name", lang)]), lang) if rule else None
    point = spec.geometry_type == "Point"
    # parks and platforms are many and share positions: clustered. A layout element's points stay apart,
    # unclustered and in front (一核 is never hidden under a park cluster), unless they share a position.
    stacked = point and bool(gdf.geometry.duplicated().any())
    cluster = point and (spec.group != "layout" or stacked)
    FeatureOverlay(overlay_data(gdf, lang, layer_popups(catalog, layer_id, lang), labels,
                                details=layer_details(catalog, layer_id, lang)), _leaflet_style(spec),
                   spec.style.radius, cluster=cluster, name=layer_id, label=rule,
                   front=point and not cluster, group=spec.group).add_to(group)
    return group


# Leaflet map options (folium's own min_zoom/max_zoom only reach a tile layer, and the offline map has none)
MAP_OPTIONS: dict[str, Any] = {"minZoom": 6, "maxZoom": 18}


def _header(fmap: folium.Map) -> Any:
    """The page header of a map's HTML document (where <style> elements go)."""
    root: Any = fmap.get_root()  # a branca Figure, typed as a plain Element
    return root.header


MAP_STATE_CLASS = "sti-map-state"  # the page's element the runtime follows (see map_state_html)


def map_state_selector(state_key: str) -> str:
    """The CSS selector of the state element of the map ``state_key`` (for the runtime's bridge)."""
    return f'.{MAP_STATE_CLASS}[data-map="{state_key}"]'


def base_map(catalog: Catalog, basemap: Basemap = OFFLINE, *, lang: str = "zh", minimap: bool = True,
             land_url: str | None = None, state_key: str = "map", draw: bool = False,
             compare: bool = False, page: Mapping[str, Any] | None = None) -> folium.Map:
    """The map that never changes while a page is used: background, boundaries and controls.

    ``draw``: offer drawing a rectangle, polygon or circle (a "what lies within" query; pages with its panel).
    ``compare``: the swipe control's styles (pages that offer comparing two sides; the runtime makes it).
    ``page``: the names of the page's elements the runtime reaches (``sti_app.keys.map_page_elements``).

    Everything the user toggles or selects goes in ``overlay_group`` layers, so
    that streamlit-folium updates them without remounting the map; the runtime follows the page's
    state element named ``state_key`` (see :func:`map_state_html`).
    """
    lat, lon = catalog.manifest["center"]  # validated at load
    fmap = OfflineMap(location=[lat, lon], zoom_start=int(catalog.manifest["zoom"]), tiles=None,
                      control_scale=True, prefer_canvas=False, **MAP_OPTIONS)
    minimap_strings = {"hideText": t("minimap_hide", lang), "showText": t("minimap_show", lang)}
    if minimap:
        MiniMapSync().add_to(fmap)  # before the minimap is made: it patches the plugin's class
    if basemap.tiles_url:
        folium.TileLayer(tiles=basemap.tiles_url, attr=basemap.attribution, name=basemap.label(lang),
                         subdomains=basemap.subdomains, max_zoom=18).add_to(fmap)
    else:
        style = _leaflet_style(catalog.specs[BASE_LAND])
        OfflineLand(style, url=land_url, minimap=minimap, land=None if land_url else land_geojson(catalog),
                    minimap_strings=minimap_strings).add_to(fmap)
        _header(fmap).add_child(folium.Element("<style>.leaflet-container{background:#cfe0ee !important}</style>"))
    bounds = display_layer(catalog, BASE_BOUNDARIES, basemap)
    bounds_style = _leaflet_style(catalog.specs[BASE_BOUNDARIES])
    folium.GeoJson(bounds.__geo_interface__, name="boundaries", control=False, interactive=False,
                   style_function=lambda _f: bounds_style).add_to(fmap)
    FocusWithoutScroll().add_to(fmap)
    if draw:
        DrawAssets().add_to(fmap)  # before the runtime, which makes the draw control
    if compare:
        CompareAssets().add_to(fmap)
    MapRuntime(state_key, strings={k: t(k, lang) for k in RUNTIME_STRINGS}, draw=draw,
               home=_home(catalog), page=page).add_to(fmap)
    # the controls speak the page's language (leaflet-measure carries its own Chinese: "cn")
    OfflineFullscreen(position="topleft", title=t("fullscreen", lang),
                      title_cancel=t("fullscreen_exit", lang)).add_to(fmap)
    OfflineMeasureControl(position="topleft", primary_length_unit="kilometers", primary_area_unit="hectares",
                          secondary_length_unit=None, secondary_area_unit="sqkilometers",
                          localization=in_lang(("cn", "en"), lang)).add_to(fmap)
    if minimap and basemap.tiles_url:
        OfflineMiniMap(tile_layer=folium.TileLayer(tiles=basemap.tiles_url, attr=basemap.attribution),
                       toggle_display=True, position="bottomright",
                       strings=minimap_strings).add_to(fmap)
    _header(fmap).add_child(folium.Element(f"<style>{MAP_CSS}</style>"))
    return fmap


def _home(catalog: Catalog) -> dict[str, Any] | None:
    """The region's opening view and the bounds of its districts: a phone's narrow map fits them instead."""
    if DISTRICTS not in catalog.layers or catalog.layers[DISTRICTS].empty:
        return None
    w, s, e, n = (round(float(v), 5) for v in catalog.layers[DISTRICTS].total_bounds)
    lat, lon = catalog.manifest["center"]
    return {"center": [lat, lon], "zoom": int(catalog.manifest["zoom"]), "bounds": [[s, w], [n, e]]}


MAP_CSS = (".sti-dot,.sti-cluster,.sti-label-at{background:transparent;border:none}"
           # compare: each side's name beside the divider, over the map but never in the way of a click
           ".sti-cmp-badges{position:absolute;inset:0;pointer-events:none;z-index:1000}"
           ".sti-cmp-badge{position:absolute;top:10px;background:rgba(17,24,39,.82);color:#fff;border-radius:10px;"
           "font:600 13px/1.3 sans-serif;padding:3px 9px;white-space:nowrap;max-width:42%;overflow:hidden;"
           "text-overflow:ellipsis}.leaflet-sbs-range:focus-visible::-webkit-slider-thumb{outline:3px solid #2563eb}"
           # a district pressed to pan the map is not "focused" for the eye (Chrome rings it with a black box)
           "path.leaflet-interactive:focus:not(:focus-visible){outline:none}"
           # labels: dark text with a white halo; beside a point, centred on an area's or a line's label point
           ".sti-label{position:absolute;white-space:nowrap;pointer-events:none;color:#1f2937;"
           "font:600 13px/1.2 'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;"
           "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff,0 0 1px #fff}"
           ".sti-label-at .sti-label{transform:translate(-50%,-50%)}"
           ".sti-label[data-prio='3'],.sti-label[data-prio='5']{color:#7c2d12}"
           ".sti-label[data-prio='5']{font-size:14px}"
           ".sti-dot .sti-label{left:calc(100% + 3px);top:50%;transform:translateY(-50%);font-weight:500;"
           "font-size:12px}"
           ".sti-present .sti-label{font-size:18px}.sti-present .sti-label[data-prio='5']{font-size:20px}"
           ".sti-present .sti-dot .sti-label{font-size:16px}"
           # a long (English) name wraps instead of being cut; a label short of room may shrink or move
           # to the other side of its dot (js/label_dom.mjs)
           ".sti-label-at .sti-label{white-space:normal;width:max-content;max-width:11em;text-align:center}"
           ".sti-dot .sti-label{white-space:normal;width:max-content;max-width:14em}"
           ".sti-dot .sti-label.sti-label-left{left:auto;right:calc(100% + 3px);text-align:right}"
           ".sti-label.sti-label-small,.sti-present .sti-label.sti-label-small{font-size:12px}"
           # a name on a dark thematic fill: light text in a dark halo (js/runtime.mjs themeReadouts)
           ".sti-label.sti-label-light{color:#fff;text-shadow:0 0 3px #000,0 0 3px #000,0 0 2px #000,0 0 1px #000}"
           # the minimap covered a scene's south-east coast and a name in every scene, and a quarter of a
           # phone's map: off in presenter mode and on a narrow map (its toggle closes it elsewhere)
           ".sti-present .leaflet-control-minimap{display:none}"
           "@media (max-width:480px){.leaflet-control-minimap{display:none}}"
           # where the keyboard is, seen from across a room
           ".leaflet-marker-icon:focus-visible,.leaflet-container a:focus-visible,.leaflet-container:focus-visible"
           "{outline:3px solid #2563eb!important;outline-offset:2px}"
           # a phone's map: drawing and measuring wait behind one button (they took a column of the map)
           ".sti-tools{display:none}.sti-tools button{all:unset;box-sizing:border-box;width:34px;height:34px;"
           "display:flex;align-items:center;justify-content:center;font:700 18px/1 sans-serif;cursor:pointer;"
           "background:#fff;border-radius:4px}.sti-tools button:focus-visible{outline:3px solid #2563eb}"
           "@media (max-width:480px){.sti-tools{display:block}.leaflet-draw,.leaflet-control-measure{display:none}"
           ".sti-tools-open .leaflet-draw,.sti-tools-open .leaflet-control-measure{display:block}}"
           ".sti-label-off{visibility:hidden}"
           ".sti-stack{font:13px/1.4 sans-serif;max-width:300px}.sti-stack-title{font-weight:600}"
           ".sti-stack-hint{color:#555;font-size:12px;margin:2px 0 4px}.sti-stack ul{margin:0;padding:0;"
           "list-style:none;max-height:240px;overflow-y:auto}.sti-stack li{margin:1px 0}"
           ".sti-stack button{all:unset;cursor:pointer;color:#1d4ed8;display:block;padding:2px 0}"
           ".sti-stack button:hover,.sti-stack button:focus{text-decoration:underline}"
           # the panel fits a phone's map beside the controls (100vw: the map's frame)
           ".sti-pop{font:13px/1.4 sans-serif;max-width:min(300px,calc(100vw - 124px))}.sti-pop-name{font-size:14px}"
           ".sti-pop-other,.sti-pop-sub,.sti-pop-note{color:#555;font-size:12px;margin-top:2px}"
           ".sti-pop-edited{color:#5b3a0a;background:#fff7e6;font-size:12px;margin-top:4px;padding:2px 4px}"
           ".sti-pop-chips{margin-top:4px}.sti-chip{display:inline-block;background:#eef2ff;"
           "border:1px solid #c7d2fe;border-radius:10px;padding:0 6px;margin:1px 2px;font-size:12px;max-width:100%;"
           "box-sizing:border-box;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;vertical-align:top}")


def map_state_html(state_key: str, visible: Iterable[str], selected: str | None,
                   highlight: Iterable[str] = (), presenting: bool = False, autoplay: int = 0,
                   hidden: Iterable[str] = (), query: dict | None = None, theme: dict | None = None,
                   compare: dict | None = None) -> str:
    """The page's state element the map runtime follows: visible, selected and highlighted, presenting.

    ``presenting``: presenter mode, in which the map's labels are larger. ``autoplay``: seconds between
    scenes when presenting (0: off); the runtime counts down visibly and presses the page's "next" button.
    ``hidden``: ids of the features a filter leaves out (the map hides them; nothing is sent again).
    ``query``: a spatial query's outline (WGS-84 GeoJSON, features with ``kind`` certain/possible), drawn dashed.
    ``theme``: ``{"layer": id, "colours": {feature id: colour}}``, a thematic map's fill colours.
    ``compare``: the right side of a swipe (``{"layers", "theme", "split", "labels"}``); the rest
    of the state is then the left side.

    A hidden ``<div>`` next to the map, rewritten by every (fragment) run; the JSON sits in an
    attribute, HTML-escaped, so no id or name can break out of it.
    """
    state = {"layers": list(visible), "selected": selected, "highlight": list(dict.fromkeys(highlight)),
             "present": presenting, "autoplay": autoplay if presenting else 0, "hidden": list(hidden),
             "query": query, "theme": theme, "compare": compare}
    payload = html.escape(json.dumps(state, ensure_ascii=False, separators=(",", ":")), quote=True)
    return (f'<div class="{MAP_STATE_CLASS}" data-map="{html.escape(state_key)}" data-state="{payload}" '
            'hidden></div>')


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
