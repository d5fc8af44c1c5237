"""The map component, called with arguments prepared once per map content (not once per rerun).

``st_folium`` renders the whole Folium map to JavaScript on every call: most of a rerun's CPU. The map
and its overlays only change with the page, basemap, language, data and own layer, so this module
prepares the component's arguments the way streamlit-folium 0.27.4 does (its helper functions, pinned
in requirements.txt; ``tests/app/test_folium_component.py`` fails if an upgrade changes them) and keeps
them until the content changes: one copy for every session, or the session's own when its own layer is on
the map. Clicks, toggles and moves then cost almost nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import folium
import streamlit as st
import streamlit_folium as sf

from . import keys

ARGS_KEPT = 4  # map contents with an own layer remembered per session (pages × basemaps × languages recently used)
SHARED_KEPT = 24  # map contents without one, for every session (pages × basemaps × languages; ≈ 0.4 MB each)


def component_args(fmap: folium.Map, groups: Sequence[folium.FeatureGroup], key: str, height: int) -> dict[str, Any]:
    """What ``st_folium(fmap, key=key, height=height, use_container_width=True, returned_objects=[],
    feature_group_to_add=groups)`` hands to the component, minus the per-call ``center``/``zoom``/``on_change``."""
    fmap.get_root().render()
    html = sf._get_html(fmap)
    header = sf._get_header(fmap)
    leaflet = sf._get_map_string(fmap)
    m_id = sf.get_full_id(fmap)
    script_groups = "".join(sf._get_feature_group_string(g, map=fmap, idx=i) for i, g in enumerate(groups))
    css_links: list[str] = []
    js_links: list[str] = []
    for elem in _walk(fmap):
        css_links.extend(href for _, href in getattr(elem, "default_css", []))
        js_links.extend(src for _, src in getattr(elem, "default_js", []))
    return {"script": leaflet, "header": header, "html": html, "id": m_id,
            "key": sf.generate_js_hash(leaflet, key, False), "height": height, "width": None,
            "returned_objects": [], "default": {}, "feature_group": script_groups,
            "return_on_hover": False, "layer_control": None, "pixelated": False,
            "css_links": list(dict.fromkeys(css_links)), "js_links": list(dict.fromkeys(js_links)),
            "wrap_longitude": False}


def _walk(element):
    if isinstance(element, folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def cached_args(content: Hashable, build: Callable[[], dict[str, Any]], shared: bool = False) -> Mapping[str, Any]:
    """The arguments for ``content`` (a key naming everything the map shows), built only when new.

    ``shared``: the content is the same for every session (no own layer in it), so one copy serves the
    whole process — a new visitor's first page no longer builds the map (≈ 80–150 ms of its first run
    under load) and 20 sessions do not hold 20 copies. Otherwise the copy is the session's own.
    """
    if shared:
        return _shared_args(content, build)
    memo: dict[Hashable, Mapping[str, Any]] = st.session_state.setdefault(keys.MAP_ARGS, {})
    if content not in memo:
        while len(memo) >= ARGS_KEPT:
            memo.pop(next(iter(memo)))
        memo[content] = MappingProxyType(build())
    return memo[content]


@st.cache_resource(max_entries=SHARED_KEPT, show_spinner=False)
def _shared_args(content: Hashable, _build: Callable[[], dict[str, Any]]) -> Mapping[str, Any]:
    return MappingProxyType(_build())  # read-only: every session reads the same object


def show_map(args: Mapping[str, Any], center: Sequence[float], zoom: int, on_change: Callable[[], None]) -> Any:
    """Draw the component; its value (the runtime's last event) is in ``st.session_state[args["key"]]``."""
    return sf._component_func(**args, center=list(center), zoom=zoom, on_change=on_change)


def value(args: Mapping[str, Any]) -> Any:
    """The component's current value (None before the first event)."""
    return st.session_state.get(args["key"])
