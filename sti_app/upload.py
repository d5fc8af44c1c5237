"""The session's own uploaded layer: kept in session state only, shown on every map page."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st

from sti_geo.map.basemaps import Basemap
from sti_geo.map.display import DISPLAY_FALLBACKS, upload_display
from sti_geo.map.mapview import upload_group
from sti_geo.model.catalog import Catalog
from sti_geo.model.specs import LayerSpec
from sti_geo.model.validate import UPLOAD_ID_PREFIX
from sti_geo.text.i18n import t
from sti_geo.text.safe_text import markdown as inert
from sti_geo.upload.export import upload_spec
from sti_geo.upload.layer import UploadedLayer
from sti_geo.upload.summary import upload_summary

from . import keys

LAYER, VISIBLE, SUMMARY, DISPLAY = keys.UPLOAD_LAYER, keys.UPLOAD_VISIBLE, keys.UPLOAD_SUMMARY, keys.UPLOAD_DISPLAY


def current() -> UploadedLayer | None:
    return st.session_state.get(LAYER)


def version() -> int:
    """Which own layer this is: changes with every upload and removal, never repeats in a session.

    Caches of things drawn from the layer key on this, not on ``id(layer)``: a freed layer's id can be
    handed to the next one.
    """
    return st.session_state.get(keys.UPLOAD_VERSION, 0)


def _next_version() -> None:
    st.session_state[keys.UPLOAD_VERSION] = version() + 1


def store(layer: UploadedLayer) -> None:
    """Make ``layer`` the session's own layer (replacing any earlier one) and show it."""
    _next_version()
    st.session_state[LAYER] = layer
    st.session_state[VISIBLE] = True
    st.session_state[SUMMARY] = {}
    st.session_state[DISPLAY] = {}
    st.session_state[keys.UPLOAD_EVER] = True
    st.session_state.pop(keys.UPLOAD_LOST, None)


def clear() -> None:
    _next_version()
    for key in keys.UPLOAD_KEYS:
        st.session_state.pop(key, None)


def is_upload_id(feature_id: str | None) -> bool:
    return bool(feature_id) and str(feature_id).startswith(UPLOAD_ID_PREFIX)


def summary(catalog: Catalog, lang: str) -> pd.DataFrame:
    """The spatial summary of the current layer (computed once per language and upload)."""
    layer = current()
    if layer is None:
        return pd.DataFrame()
    cache = st.session_state.setdefault(SUMMARY, {})
    if lang not in cache:
        cache[lang] = upload_summary(catalog, layer.frame, lang)
    return cache[lang]


def spec() -> LayerSpec | None:
    layer = current()
    return upload_spec(layer) if layer is not None else None


def visible() -> bool:
    return current() is not None and bool(st.session_state.get(VISIBLE, True))


def toggle(lang: str, page: str) -> None:
    """Sidebar checkbox for the own layer (same state on every page)."""
    layer = current()
    if layer is None:
        return
    key = keys.widget(page, "upload_visible")

    def _changed() -> None:
        if st.session_state.get(key) is not None:  # see keys.py: a callback can run before its widget is known
            st.session_state[VISIBLE] = st.session_state[key]

    st.sidebar.checkbox(t("upload_toggle", lang).format(name=inert(layer.name, 40)), value=visible(), key=key,
                        on_change=_changed)


def map_group(lang: str, basemap: Basemap) -> folium.FeatureGroup | None:
    """The own layer for the map, shown or not (its display copy computed once per upload and basemap)."""
    layer, layer_spec = current(), spec()
    if layer is None or layer_spec is None:
        return None
    shown = st.session_state.setdefault(DISPLAY, {})
    if basemap.id not in shown:
        shown[basemap.id] = upload_display(layer.frame, basemap)
    return upload_group(shown[basemap.id], layer_spec, lang=lang)


def full_detail(basemap: str) -> int:
    """How many own features the map draws unsimplified/unrounded on ``basemap`` (GEOS could not)."""
    shown = st.session_state.get(DISPLAY, {}).get(basemap)
    return 0 if shown is None or not visible() else int(shown.attrs.get(DISPLAY_FALLBACKS, 0))


def feature(feature_id: str) -> pd.Series | None:
    layer = current()
    if layer is None:
        return None
    hit = layer.frame[layer.frame["id"] == feature_id]
    return None if hit.empty else hit.iloc[0]
