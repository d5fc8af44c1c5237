"""Cached data, language and the URL-synchronised view state shared by all pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import streamlit as st

from sti_geo import DataValidationError
from sti_geo.assets import missing_assets
from sti_geo.basemaps import DEFAULT_BASEMAP, available_basemaps
from sti_geo.catalog import Catalog, load_catalog
from sti_geo.i18n import LANGS, t
from sti_geo.permalink import View, params_from_view, view_from_params
from sti_geo.settings import Settings, settings_from_env


@st.cache_data(show_spinner=False)
def cached_catalog(geodata_dir: str, layers_dir: str) -> Catalog:
    """The validated catalog; cached (per data folder) so reruns never re-read or re-check the files."""
    return load_catalog(Settings(geodata_dir=Path(geodata_dir), layers_dir=Path(layers_dir)))


def catalog_or_stop() -> Catalog:
    """The catalog, or a clear message naming the broken file and field (no traceback)."""
    try:
        settings = settings_from_env()
        return cached_catalog(str(settings.geodata_dir), str(settings.layers_dir))
    except DataValidationError as exc:
        lang = st.session_state.get("lang", "zh")
        st.error(t("data_error", lang))
        st.code("\n".join(str(p) for p in exc.problems), language=None)
        st.stop()
        raise  # st.stop() raises; this keeps type checkers honest


def assets_ok(lang: str) -> bool:
    """Warn (once per run) when the local Leaflet assets are missing, as the map cannot draw."""
    missing = missing_assets()
    if missing:
        st.error(f"{t('assets_missing', lang)} {', '.join(missing[:3])}")
    return not missing


def page_view(page: str, catalog: Catalog, default_layers: Iterable[str],
              extra: Mapping[str, Iterable[str] | Callable[[str], bool]] | None = None) -> View:
    """This page's view: read from the URL on first visit in a session, then kept in session state."""
    key = f"view:{page}"
    if key not in st.session_state:
        features = {fid for gdf in catalog.layers.values() for fid in gdf["id"]}
        view = view_from_params(dict(st.query_params.to_dict()), layers=catalog.specs, features=features,
                                basemaps=[b.id for b in available_basemaps()], extra=extra)
        if "lang" not in st.query_params and "lang" in st.session_state:
            view.lang = st.session_state["lang"]
        if view.layers is None:
            view.layers = tuple(default_layers)
        st.session_state[key] = view
        st.session_state["lang"] = view.lang
    view = st.session_state[key]
    view.lang = st.session_state.get("lang", view.lang)
    return view


def show_notices(view: View) -> None:
    """Tell the user, once, which link parameters were ignored (values already made inert)."""
    if view.notices:
        st.warning(t("notice_params", view.lang) + " " + "; ".join(view.notices))
        view.notices = []


def sync_url(view: View, default_layers: Iterable[str]) -> None:
    """Write the view into the query string so the address bar is always a permalink."""
    params = params_from_view(view, default_layers=default_layers, default_basemap=DEFAULT_BASEMAP)
    if dict(st.query_params.to_dict()) != params:
        st.query_params.from_dict(params)


def language_switch(view: View) -> str:
    """Sidebar language radio, shared by all pages."""
    labels = {"zh": "中文", "en": "English"}
    lang = st.sidebar.radio(t("language", view.lang), LANGS, index=LANGS.index(view.lang),
                            format_func=labels.__getitem__, horizontal=True, key="lang_radio")
    st.session_state["lang"] = lang
    view.lang = lang
    return lang
