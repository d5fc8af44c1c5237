"""Folium maps of the catalog, with every asset served locally.

One small class per concept (after folium): the offline map and plugins,
a GeoJSON overlay whose features carry safe tooltips, and the legend text.
The data as drawn (simplified, rounded, GCJ-02-shifted) comes from :mod:`sti_geo.display`.
Feature text is escaped and embedded as JSON, never as live HTML or template
code, so a hostile name renders inert.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import Fullscreen, MeasureControl, MiniMap
from folium.template import Template

from ..model.catalog import Catalog
from ..model.specs import BASE_BOUNDARIES, BASE_LAND, LayerSpec
from ..text.safe_text import text
from . import assets
from .basemaps import basemap_by_id
from .display import display_frame, display_layer, land_geojson

_ID_MARK = re.compile(r"⟦([A-Za-z][A-Za-z0-9_]*)⟧")
_CSS_UNSAFE = re.compile(r"[^A-Za-z0-9_]")  # ids become CSS class names (sti-f-<id>) for tests and styling
SELECTED_STYLE = {"color": "#facc15", "weight": 5, "fillOpacity": 0.15, "opacity": 1.0}


TOOLTIP_CHARS = 120


def tooltip_html(name: str, feature_id: str) -> str:
    """Tooltip showing the name (cut to TOOLTIP_CHARS); the id rides along hidden so a click maps back."""
    return f"<b>{text(name, TOOLTIP_CHARS)}</b><span hidden>⟦{text(feature_id)}⟧</span>"


def feature_id_from_tooltip(tooltip: str | None) -> str | None:
    """The feature id carried by a clicked tooltip's text, or None."""
    match = _ID_MARK.search(tooltip or "")
    return match.group(1) if match else None


class OfflineMap(folium.Map):
    """folium.Map that loads only Leaflet, from the app's own origin (no jQuery/Bootstrap/CDN)."""

    default_js = assets.js("leaflet")
    default_css = assets.css("leaflet_css")


class FocusWithoutScroll(MacroElement):
    """Focus the map without scrolling the page.

    Leaflet focuses the map on mouse-down (for keyboard panning); in an iframe partly below the fold
    that focus scrolls the page, the mouse-up lands elsewhere and the click is lost.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (kb) {
            if (!kb || !kb.enabled()) { return; }
            kb.disable();
            kb._onMouseDown = function () {
                if (!this._focused) { this._map._container.focus({preventScroll: true}); }
            };
            kb.enable();
        })({{ this._parent.get_name() }}.keyboard);
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "FocusWithoutScroll"


class OfflineFullscreen(Fullscreen):
    """Folium's fullscreen control with its JS/CSS served by the app, not a CDN."""

    default_js = assets.js("fullscreen")
    default_css = assets.css("fullscreen_css")


class OfflineMeasureControl(MeasureControl):
    """Folium's measure control with its JS/CSS served by the app, not a CDN."""

    default_js = assets.js("measure")
    default_css = assets.css("measure_css")


class OfflineMiniMap(MiniMap):
    """Folium's minimap with its JS/CSS served by the app, not a CDN."""

    default_js = assets.js("minimap")
    default_css = assets.css("minimap_css")


class OfflineLand(JSCSSMixin, MacroElement):
    """The offline land/sea background (and a minimap of it) from GeoJSON: no tiles, no internet.

    With ``url`` the browser fetches the file once and caches it, so the land never travels with
    every rerun of the page; without it the data is embedded. It sits in its own pane under the
    overlays, whenever it arrives.
    """

    default_js = assets.js("minimap")
    default_css = assets.css("minimap_css")
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            if (!map.getPane('sti-land')) { map.createPane('sti-land').style.zIndex = 250; }
            var style = Object.assign({{ this.style_json }}, {pane: 'sti-land'});
            function draw(data) {
                L.geoJSON(data, {style: style, interactive: false, pane: 'sti-land'}).addTo(map);
                {% if this.minimap %}
                var mini = Object.assign({}, style, {weight: 0.5, pane: 'overlayPane'});
                new L.Control.MiniMap(L.geoJSON(data, {style: mini, interactive: false, minZoom: 0, maxZoom: 18}),
                    {toggleDisplay: true, position: 'bottomright', width: 140, height: 140, zoomLevelOffset: -4}
                ).addTo(map);
                {% endif %}
            }
            {% if this.url %}
            fetch({{ this.url }}).then(function (r) { return r.json(); }).then(draw);
            {% else %}
            draw({{ this.land_json }});
            {% endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, style: dict[str, Any], land: dict[str, Any] | None = None, url: str | None = None,
                 minimap: bool = True):
        super().__init__()
        self._name = "OfflineLand"
        self.style_json = _js_json(style)
        self.land_json = _js_json(land) if land is not None else "null"
        self.url = _js_json(url) if url else ""
        self.minimap = minimap


class FeatureOverlay(JSCSSMixin, MacroElement):
    """A whole layer as one ``L.geoJSON``: styled paths, dot markers, per-feature tooltips.

    Tooltips are bound to each feature's own Leaflet layer so that
    streamlit-folium reports them on click. Points can be clustered.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var style = {{ this.style_json }};
            var gj = L.geoJSON({{ this.data_json }}, {
                style: function (f) {
                    var own = Object.assign({}, style, {className: 'sti-f-' + f.properties._id});
                    return f.properties._sel ? Object.assign(own, {{ this.selected_json }}) : own;
                },
                pointToLayer: function (f, latlng) {
                    var size = f.properties._sel ? {{ this.radius * 2 + 8 }} : {{ this.radius * 2 }};
                    var ring = f.properties._sel ? '#facc15' : style.color;
                    return L.marker(latlng, {icon: L.divIcon({
                        className: 'sti-dot sti-f-' + f.properties._id,
                        iconSize: [size, size],
                        html: '<div style="width:' + size + 'px;height:' + size + 'px;border-radius:50%;background:'
                              + style.fillColor + ';border:' + (f.properties._sel ? 3 : 2) + 'px solid ' + ring
                              + ';box-sizing:border-box"></div>'
                    }), riseOnHover: true, zIndexOffset: f.properties._sel ? 1000 : 0});
                },
                onEachFeature: function (f, layer) {
                    layer.bindTooltip(f.properties._tip, {sticky: f.geometry.type !== 'Point'});
                }
            });
            {% if this.cluster %}
            var ring = {{ 'true' if this.lit else 'false' }} ? '#facc15' : style.color;
            var group = L.markerClusterGroup({maxClusterRadius: 30, spiderfyOnMaxZoom: true,
                showCoverageOnHover: false,
                iconCreateFunction: function (c) {
                    var n = c.getChildCount(), s = n < 10 ? 26 : 32;
                    return L.divIcon({className: 'sti-cluster', iconSize: [s, s], html:
                        '<div style="width:' + s + 'px;height:' + s + 'px;line-height:' + (s - 6) + 'px;'
                        + 'border-radius:50%;background:' + style.fillColor + ';border:3px solid ' + ring + ';'
                        + 'color:#fff;font:600 12px sans-serif;text-align:center;box-sizing:border-box;'
                        + 'text-shadow:0 0 2px #000">' + n + '</div>'});
                }});
            group.addLayer(gj);
            return group;
            {% else %}
            return gj;
            {% endif %}
        })();
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, Any], style: dict[str, Any], radius: float, cluster: bool, name: str,
                 lit: bool = False):
        super().__init__()
        self.lit = lit
        self._name = f"Overlay_{name}"
        self.data_json = _js_json(data)
        self.style_json = _js_json(style)
        # a highlighted line keeps its colour (it is its identity) and gets bolder
        self.selected_json = _js_json({"weight": style.get("weight", 3) + 4, "opacity": 1.0}
                                      if style.get("fill") is False else SELECTED_STYLE)
        self.radius = int(radius)
        self.cluster = cluster
        self.default_js = assets.js("markercluster") if cluster else []
        self.default_css = assets.css("markercluster_css", "markercluster_default_css") if cluster else []


class AccuracyCircle(MacroElement):
    """A dashed circle of the selected point's accuracy radius (metres)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.circle({{ this.latlng }}, {radius: {{ this.radius }}, color: '#ca8a04',
            weight: 2, dashArray: '6 4', fill: true, fillOpacity: 0.05, interactive: false})
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, lat: float, lon: float, radius_m: int):
        super().__init__()
        self._name = "AccuracyCircle"
        self.latlng = json.dumps([round(lat, 6), round(lon, 6)])
        self.radius = int(radius_m)


def _js_json(value: Any) -> str:
    """JSON safe to embed in a <script>: no '</' or HTML comment openers survive."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


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
    name_col = "name_en" if lang == "en" else "name"
    features = []
    for fid, name, geom in zip(gdf["id"], gdf[name_col], gdf.geometry, strict=True):
        props: dict[str, Any] = {"_tip": tooltip_html(name, fid), "_id": _CSS_UNSAFE.sub("_", str(fid))}
        if fid in marked:
            props["_sel"] = 1
        features.append({"type": "Feature", "properties": props, "geometry": geom.__geo_interface__})
    return {"type": "FeatureCollection", "features": features}


def overlay_group(catalog: Catalog, layer_id: str, lang: str = "zh", basemap_id: str = "offline",
                  selected_id: str | None = None, only_ids: Iterable[str] | None = None,
                  highlight_ids: Iterable[str] = ()) -> folium.FeatureGroup:
    """One layer's features (optionally only some ids) as a FeatureGroup for ``feature_group_to_add``.

    Highlighted points are drawn outside the cluster so they stay visible; the
    selected point is left to :func:`selection_group`.
    """
    spec = catalog.specs[layer_id]
    gdf = display_layer(catalog, layer_id, basemap_id)
    if only_ids is not None:
        gdf = gdf[gdf["id"].isin(set(only_ids))]
    marked = set(highlight_ids) | ({selected_id} if selected_id else set())
    group = folium.FeatureGroup(name=spec.title_en if lang == "en" else spec.title)
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


def selection_group(catalog: Catalog, feature_id: str, basemap_id: str = "offline",
                    lang: str = "zh") -> folium.FeatureGroup | None:
    """A selected point, unclustered and highlighted, with its accuracy circle; None for other features."""
    row = catalog.feature(feature_id)
    if row is None or row.geometry.geom_type != "Point" or row.get("accuracy_m") is None:
        return None
    spec = catalog.specs[row["layer"]]
    one = display_frame(catalog.layers[spec.id].loc[[row.name]], basemap_by_id(basemap_id))
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


def base_map(catalog: Catalog, basemap_id: str = "offline", lang: str = "zh", minimap: bool = True,
             land_url: str | None = None) -> folium.Map:
    """The map that never changes while a page is used: background, boundaries and controls.

    Everything the user toggles or selects goes in ``overlay_group`` layers, so
    that streamlit-folium updates them without remounting the map.
    """
    basemap = basemap_by_id(basemap_id)
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
    bounds = display_layer(catalog, BASE_BOUNDARIES, basemap_id)
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


def _legend_row(spec: LayerSpec, lang: str) -> str:
    label = spec.legend_label_en if lang == "en" else spec.legend_label
    s = spec.style
    if spec.legend_symbol == "circle":
        swatch = (f'<span style="display:inline-block;width:12px;height:12px;border-radius:50%;'
                  f'background:{s.fill_color};border:2px solid {s.color}"></span>')
    elif spec.legend_symbol == "line":
        dash = "dashed" if s.dash else "solid"
        swatch = f'<span style="display:inline-block;width:22px;border-top:4px {dash} {s.color}"></span>'
    else:
        dash = "dashed" if s.dash else "solid"
        swatch = (f'<span style="display:inline-block;width:18px;height:12px;background:{s.fill_color};'
                  f'opacity:0.8;border:2px {dash} {s.color}"></span>')
    return f'<div class="sti-legend-row" data-layer="{text(spec.id)}">{swatch} {text(label, 80)}</div>'


def legend_html(catalog: Catalog, layer_ids: Iterable[str], lang: str = "zh",
                extra: Iterable[LayerSpec] = ()) -> str:
    """Plain-HTML legend for exactly the given (visible) layers and ``extra`` (uploaded) layers.

    Schematic layers are labelled as such.
    """
    layer_ids = list(layer_ids)
    rows = [_legend_row(catalog.specs[lid], lang) for lid in layer_ids]
    rows += [_legend_row(spec, lang) for spec in extra]
    title = "Legend" if lang == "en" else "图例"
    schematic = any((catalog.layers[lid].get("geometry_basis") == "schematic").any() for lid in layer_ids)
    note = ("Schematic: outlines not defined by the documents." if lang == "en"
            else "示意:文件未界定的范围与线路。")
    note_html = f'<div style="font-size:0.8em;color:#555">{text(note)}</div>' if schematic else ""
    return f'<div class="sti-legend"><b>{title}</b>{"".join(rows)}{note_html}</div>'


UPLOAD_CLUSTER_FROM = 200  # more uploaded points than this are clustered


def upload_group(shown: gpd.GeoDataFrame, spec: LayerSpec, lang: str = "zh",
                 selected_id: str | None = None) -> folium.FeatureGroup:
    """An uploaded layer's display frame (:func:`upload_display`) as a FeatureGroup, drawn like a plan layer."""
    group = folium.FeatureGroup(name=spec.title_en if lang == "en" else spec.title)
    style = {k: v for k, v in _leaflet_style(spec).items() if k != "fill"}  # Leaflet's default fits each kind
    points = int(shown.geom_type.isin(["Point", "MultiPoint"]).sum())
    FeatureOverlay(overlay_data(shown, lang, selected_id), style, spec.style.radius,
                   cluster=points > UPLOAD_CLUSTER_FROM, name="upload").add_to(group)
    return group
