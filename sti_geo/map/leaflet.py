"""The Folium/Leaflet classes of the map, one small class per concept, every asset served locally.

The offline map and its plugins, the offline land layer, a GeoJSON overlay whose features carry safe
tooltips, and the runtime that reacts to clicks and toggles in the browser. Feature text is escaped and
embedded as JSON, never as live HTML or template code, so a hostile name renders inert.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import Fullscreen, MeasureControl, MiniMap
from folium.template import Template

from .._errors import OutputError
from ..settings import REPO_ROOT
from . import assets
from .labels import LabelRule

SELECTED_STYLE = {"color": "#facc15", "weight": 5, "fillOpacity": 0.15, "opacity": 1.0}
MOVE_DELAY_MS = 300  # a pan or zoom is reported once the map has been still this long
MINIMAP_SYNC_JS = (Path(__file__).with_name("minimap_sync.js")).read_text(encoding="utf-8")

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


class PluginAssets(JSCSSMixin, MacroElement):
    """A plugin's script and styles only (npm, served by the app): the runtime makes its control."""

    _template = Template("")

    def __init__(self):
        super().__init__()
        self._name = type(self).__name__


class DrawAssets(PluginAssets):
    """leaflet-draw (the runtime makes the control: a query)."""

    default_js = assets.js("draw")
    default_css = assets.css("draw_css")


class CompareAssets(PluginAssets):
    """leaflet-compare (the runtime makes the swipe control)."""

    default_js = assets.js("compare")
    default_css = assets.css("compare_css")


class MiniMapSync(JSCSSMixin, MacroElement):
    """Keep the minimap from pulling the main map back (``minimap_sync.js``); add it before any minimap."""

    default_js = assets.js("minimap")
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "MiniMapSync"
        self.js = MINIMAP_SYNC_JS


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
                    {toggleDisplay: true, position: 'bottomright', width: 140, height: 140, zoomLevelOffset: -4,
                     strings: {{ this.strings_json }}}
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
                 minimap: bool = True, minimap_strings: dict[str, str] | None = None):
        super().__init__()
        self._name = "OfflineLand"
        self.strings_json = _js_json(minimap_strings or {"hideText": "Hide MiniMap", "showText": "Show MiniMap"})
        self.style_json = _js_json(style)
        self.land_json = _js_json(land) if land is not None else "null"
        self.url = _js_json(url) if url else ""
        self.minimap = minimap


class MapRuntime(MacroElement):
    """The map's own JavaScript (``js/runtime.mjs`` and its modules, bundled by setup).

    Layer visibility, highlights, selection, stacks, labels, query drawing, swipe, presenter keys, the in-map
    panel.

    Part of the base map, so it is sent once per mount. ``page`` names the elements of the page around the map
    it reads and presses (its state element, scene buttons, layer toggles: ``sti_app.keys.map_page_elements``);
    it reports clicks and moves as component values (:mod:`.click`).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}
        {{ this.entry }}.start({{ this._parent.get_name() }}, {{ this.config }});
        {% endmacro %}
        """
    )

    def __init__(self, key: str, move_delay_ms: int = MOVE_DELAY_MS,
                 strings: dict[str, str] | None = None, draw: bool = False, home: dict[str, Any] | None = None,
                 page: Mapping[str, Any] | None = None):
        super().__init__()
        self._name = "MapRuntime"
        self.js = runtime_js()
        self.entry = assets.RUNTIME_GLOBAL
        self.config = _js_json({"key": key, "moveDelay": move_delay_ms,
                                "strings": strings or {}, "draw": draw, "home": home, "page": dict(page or {})})


class FeatureOverlay(JSCSSMixin, MacroElement):
    """A whole layer as one ``L.geoJSON`` handed to the runtime: styled paths, dot markers, tooltips.

    The runtime shows or hides it, clusters points (``cluster``; else ``front`` puts them above clusters),
    labels its features (``label``: from which zoom, with which priority), and highlights or selects its
    features by id (``properties.id``) without the overlay being sent again.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = window.stiMap.add({{ this.layer_json }}, {{ this.data_json }},
            {{ this.options_json }}, {{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, Any], style: dict[str, Any], radius: float, cluster: bool, name: str,
                 label: LabelRule | None = None, front: bool = False, group: str = ""):
        super().__init__()
        self._name = f"Overlay_{name}"
        self.layer_json = _js_json(name)
        self.data_json = _js_json(data)
        # a highlighted line keeps its colour (it is its identity) and gets bolder
        selected = ({"weight": style.get("weight", 3) + 4, "opacity": 1.0} if style.get("fill") is False
                    else SELECTED_STYLE)
        self.options_json = _js_json({
            "style": style, "radius": int(radius), "cluster": cluster, "selectedStyle": selected, "front": front,
            "group": group,
            "label": {"minZoom": label.min_zoom, "priority": label.priority} if label else None})
        self.default_js = assets.js("markercluster") if cluster else []
        self.default_css = assets.css("markercluster_css", "markercluster_default_css") if cluster else []


@lru_cache(maxsize=1)
def runtime_js() -> str:
    """The bundled map runtime (``js/*.mjs``, built by setup); a clear error when setup has not run."""
    path = assets.runtime_file()
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OutputError(f"the map's runtime {path} is missing: run `bash scripts/setup.sh` (it bundles "
                          f"{assets.RUNTIME_ENTRY.relative_to(REPO_ROOT)} with esbuild)") from None


def _js_json(value: Any) -> str:
    """JSON safe to embed in a <script>: no '<' survives (so no '</script>', '<script' or '<!--')."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")
