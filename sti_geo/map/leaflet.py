"""The Folium/Leaflet classes of the map, one small class per concept, every asset served locally.

The offline map and its plugins, the offline land layer, a GeoJSON overlay whose features carry safe
tooltips, and the accuracy circle. Feature text is escaped and embedded as JSON, never as live HTML or
template code, so a hostile name renders inert.
"""

from __future__ import annotations

import json
from typing import Any

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import Fullscreen, MeasureControl, MiniMap
from folium.template import Template

from . import assets

SELECTED_STYLE = {"color": "#facc15", "weight": 5, "fillOpacity": 0.15, "opacity": 1.0}

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
