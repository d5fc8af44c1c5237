"""Cached data, language and the URL-synchronised view state shared by all pages."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import streamlit as st

from sti_geo import DataValidationError, InputError
from sti_geo.map.assets import missing_assets
from sti_geo.map.basemaps import DEFAULT_BASEMAP, available_basemaps
from sti_geo.model.catalog import Catalog, load_catalog
from sti_geo.settings import Settings, default_region, list_regions, region_dir, settings_from_env
from sti_geo.text.i18n import DEFAULT_LANG, LANGS, field_in, is_english, list_in, t
from sti_geo.text.safe_text import markdown as inert
from sti_geo.text.safe_text import text
from sti_geo.views.params import Param
from sti_geo.views.permalink import View, params_from_view, shown, view_area, view_from_params

from . import keys, store, upload


@st.cache_resource(show_spinner=False)
def cached_catalog(geodata_dir: str, layers_dir: str) -> Catalog:
    """The validated catalog; cached (per data folder) so reruns never re-read or re-check the files.

    One shared object, not a copy per call (``st.cache_data`` would unpickle ≈ 750 KB on every rerun):
    read-only by contract, nothing in the app modifies a catalog (it slices and copies).
    """
    return load_catalog(Settings(geodata_dir=Path(geodata_dir), layers_dir=Path(layers_dir)))


REGION = "region"  # the URL parameter
# URL flag set while the session has an own layer (never its ids or data): a new session opened on such a
# link (server restarted, session expired, link shared) is told the layer is gone instead of silently missing it.
OWN_LAYER = "mine"
KEPT_ON_SWITCH = ("lang", "basemap", OWN_LAYER)  # what a region switch keeps of the link: the reader's, not a place's


def _default_region() -> str:
    """The region a link without ``?region=`` means: STI_GEO_REGION, else the pack marked default.

    DataValidationError when the default cannot be told (a manifest cannot be read): never another pack instead.
    """
    return os.environ.get("STI_GEO_REGION") or default_region()


def _default_or_none() -> str | None:
    try:
        return _default_region()
    except DataValidationError:
        return None


def current_region() -> str:
    """The session's region pack: the sidebar's choice, else ``?region=``, else STI_GEO_REGION, else the default.

    An unknown STI_GEO_REGION is kept (``settings`` names it); an unreadable default raises DataValidationError,
    which the page shows as broken data (``catalog_or_stop``), never serving another city.
    """
    if keys.REGION not in st.session_state:
        wanted = st.query_params.get(REGION)
        if wanted in list_regions():
            st.session_state[keys.REGION] = wanted
        else:
            st.session_state[keys.REGION] = _default_region()
            if wanted:
                st.session_state[keys.REGION_NOTICE] = f"region={shown(wanted)}"
    return st.session_state[keys.REGION]


def forced_pack() -> bool:
    """True when STI_GEO_GEODATA points the app at one pack folder (no switching, no comparison)."""
    return bool(os.environ.get("STI_GEO_GEODATA"))


def settings() -> Settings:
    """Where this session's data lives: STI_GEO_GEODATA when set (one pack, no switch), else its region's pack."""
    if forced_pack():
        return settings_from_env()
    return settings_from_env(current_region())


def region_catalog(region: str) -> Catalog | None:
    """Another region's catalog (cached), or None with a warning when it does not validate."""
    try:
        other = settings_from_env(region)
        return cached_catalog(str(other.geodata_dir), str(other.layers_dir))
    except (DataValidationError, InputError) as exc:
        st.warning(inert(f"{region}: {str(exc).splitlines()[0]}"))
        return None


def region_switch(lang: str) -> None:
    """Sidebar choice of region pack (only when there is more than one and none is forced by STI_GEO_GEODATA)."""
    regions = list_regions()
    if forced_pack() or len(regions) < 2:
        return
    names = {r: region_label(r, lang) for r in regions}
    key = keys.labelled("app", "region", lang)

    def _changed() -> None:
        chosen = st.session_state.get(key)  # see keys.py: a callback can run before its widget is known
        if chosen is None or chosen == st.session_state.get(keys.REGION):
            return
        st.session_state[keys.REGION] = chosen
        for old in [k for k in st.session_state if str(k).startswith(keys.VIEW_PREFIX)]:
            del st.session_state[old]  # selections and choices name the other pack's features
        # the link too: the pages read their new view from it, and its view=, district=, sel=, q= … are the old
        # city's (they put the new city's first district panel over the old city's sea); the reader's choices stay
        st.query_params.from_dict({k: v for k, v in st.query_params.to_dict().items() if k in KEPT_ON_SWITCH})
        st.session_state.pop(keys.UPLOAD_SUMMARY, None)  # the own layer stays; its summary was against the old plan

    st.sidebar.selectbox(t("region", lang), regions, index=regions.index(current_region()),
                         format_func=names.__getitem__, key=key, on_change=_changed)


@st.cache_data(show_spinner=False)
def region_label(region: str, lang: str) -> str:
    """The pack's name from its manifest (the folder name if the manifest is unreadable)."""
    import tomllib

    try:
        manifest = tomllib.loads((region_dir(region) / "manifest.toml").read_text(encoding="utf-8"))
        return str(manifest.get(field_in("name", lang), region))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, InputError):
        return region


def catalog_or_stop() -> Catalog:
    """The catalog, or a clear message naming the broken file and field (no traceback)."""
    try:
        here = settings()
        pack = cached_catalog(str(here.geodata_dir), str(here.layers_dir))
    except InputError as exc:  # STI_GEO_REGION or a cap variable is malformed
        st.error(inert(exc))
        st.stop()
        raise
    except DataValidationError as exc:
        lang = st.session_state.get(keys.LANG, "zh")
        st.error(t("data_error", lang))
        st.code("\n".join(str(p) for p in exc.problems), language=None)
        st.stop()
        raise  # st.stop() raises; this keeps type checkers honest
    try:
        return store.with_database(pack, nav_language())
    except InputError as exc:  # STI_GEO_DATABASE_URL is malformed
        st.error(inert(exc))
        st.stop()
        raise


def assets_ok(lang: str) -> bool:
    """Warn (once per run) when the local Leaflet assets are missing, as the map cannot draw."""
    missing = missing_assets()
    if missing:
        st.error(f"{t('assets_missing', lang)} {inert(', '.join(missing[:3]))}")
    return not missing


def page_view(page: str, catalog: Catalog, default_layers: Iterable[str],
              page_params: Iterable[Param[Any]] = ()) -> View:
    """This page's state: decoded from the URL on the first visit in a session (once), then kept in session
    state, its values checked again only when the data changed under it (``View.redecode``)."""
    key = keys.view(page)
    if key not in st.session_state:
        params = {k: v for k, v in st.query_params.to_dict().items() if k not in (REGION, OWN_LAYER)}
        if OWN_LAYER in st.query_params and upload.current() is None and keys.UPLOAD_EVER not in st.session_state:
            st.session_state[keys.UPLOAD_LOST] = True
        view = view_from_params(params, catalog=catalog, basemaps=[b.id for b in available_basemaps()],
                                page_params=page_params, area=view_area(catalog.manifest))
        if keys.REGION_NOTICE in st.session_state:
            view.notices.append(st.session_state.pop(keys.REGION_NOTICE))
        if "lang" not in st.query_params and keys.LANG in st.session_state:
            view.lang = st.session_state[keys.LANG]
        if view.layers is None:
            view.layers = tuple(default_layers)
        st.session_state[key] = view
        st.session_state[keys.LANG] = view.lang
    view = st.session_state[key]
    view.lang = st.session_state.get(keys.LANG, view.lang)
    view.redecode(catalog)
    return view


NOTICE_PARAM = re.compile(r"^([A-Za-z_]{1,20})(?==|:)", re.ASCII)  # "view=…: …", "layers: …" → the parameter


def show_notices(view: View) -> None:
    """Tell the user, once, which link parameters were ignored (values already made inert), and of a lost layer."""
    if st.session_state.get(keys.UPLOAD_LOST):  # until dismissed or a new layer is uploaded: the map reruns at once
        st.info(t("upload_lost", view.lang))
        st.button(t("dismiss", view.lang), key=keys.widget("app", "upload_lost_ok"),
                  on_click=lambda: st.session_state.pop(keys.UPLOAD_LOST, None))
    if view.notices:
        if not is_english(view.lang):
            # the reasons are the rules' own English: the page names what was ignored in Chinese and keeps the
            # English details apart, marked as English (they mixed a Chinese sentence with English words)
            names = dict.fromkeys(m.group(1) for m in map(NOTICE_PARAM.match, view.notices) if m)
            named = list_in(names, view.lang) or t("notice_input", view.lang)
            st.warning(t("notice_params_named", view.lang, names=named), icon=":material/link_off:")
            with st.expander(t("notice_details", view.lang)):
                st.html('<div lang="en">' + "<br>".join(text(n) for n in view.notices) + "</div>")
        else:
            st.warning(t("notice_params", view.lang) + " " + inert("; ".join(view.notices)))
        view.notices = []


def sync_url(view: View, default_layers: Iterable[str]) -> None:
    """Write the view into the query string so the address bar is always a permalink."""
    params = params_from_view(view, default_layers=default_layers, default_basemap=DEFAULT_BASEMAP)
    if not forced_pack() and current_region() != _default_or_none():
        params[REGION] = current_region()
    if upload.current() is not None:
        params[OWN_LAYER] = "1"
    if dict(st.query_params.to_dict()) != params:
        st.query_params.from_dict(params)


def carried(page: str, name: str, lang: str) -> str:
    """:func:`keys.labelled`, for a box drawn without an index: its choice in the other language is carried over."""
    key = keys.labelled(page, name, lang)
    if key not in st.session_state:
        for other in LANGS:
            old = keys.labelled(page, name, other)
            if old != key and old in st.session_state:
                st.session_state[key] = st.session_state[old]
    return key


def nav_language() -> str:
    """The language of this run, before any page reads its view: the navigation is drawn first.

    The radio's own value wins (it has just been changed), then the session's language, then the link's.
    """
    for lang in (st.session_state.get(keys.widget("app", "lang")), st.session_state.get(keys.LANG),
                 st.query_params.get("lang")):
        if lang in LANGS:
            return str(lang)
    return DEFAULT_LANG


def language_switch(view: View) -> str:
    """Sidebar language radio, shared by all pages."""
    lang = st.sidebar.radio(t("language", view.lang), LANGS, index=LANGS.index(view.lang),
                            format_func=lambda code: t("language_name", code), horizontal=True,
                            key=keys.widget("app", "lang"))
    st.session_state[keys.LANG] = lang
    view.lang = lang
    return lang
