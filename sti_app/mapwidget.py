"""The map widget every page uses: basemap, toggled overlays, search, click-to-select."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import streamlit as st
from streamlit_folium import st_folium

from sti_geo.geo.viewport import view_for_bounds
from sti_geo.map import click, mapview
from sti_geo.map.assets import land_file
from sti_geo.map.assets import land_url as assets_land_url
from sti_geo.map.basemaps import DEFAULT_BASEMAP, available_basemaps, basemap_by_id
from sti_geo.map.legend import legend_html
from sti_geo.model.catalog import Catalog
from sti_geo.settings import REGIONS_DIR
from sti_geo.text.i18n import in_lang, t
from sti_geo.text.safe_text import markdown as inert
from sti_geo.views.permalink import View
from sti_geo.views.search import search_options

from . import keys, state, upload

MAP_HEIGHT = 620
RETURNED = ["last_object_clicked_tooltip", "center", "zoom"]
HOME_TOLERANCE_DEG = 0.005  # the map reports its start view rounded to whole pixels
# Reported moves smaller than this many degrees at zoom 0 (a quarter of the map's width at any zoom)
# are the iframe settling, not a pan: feeding them back would make the view creep rerun after rerun.
DRIFT_DEG = 90.0


def basemap_picker(view: View, key: str) -> str:
    """Sidebar basemap choice (Tianditu only when a key is configured)."""
    options = [b.id for b in available_basemaps()]
    labels = {b.id: b.label(view.lang) for b in available_basemaps()}
    current = view.basemap if view.basemap in options else DEFAULT_BASEMAP
    view.basemap = st.sidebar.selectbox(t("basemap", view.lang), options, index=options.index(current),
                                        format_func=labels.__getitem__, key=keys.widget(key, "basemap"))
    return view.basemap


GROUP_LABELS = {"areas": ("区域", "Areas"), "layout": ("空间布局", "Layout"), "parks": ("园区", "Parks"),
                "platforms": ("平台", "Platforms")}


def layer_toggles(catalog: Catalog, view: View, layer_ids: Sequence[str], key: str) -> tuple[str, ...]:
    """Sidebar checkboxes under their group's heading; returns the visible layer ids in drawing order."""
    st.sidebar.markdown(f"**{t('layers', view.lang)}**")
    visible = set(view.layers or ())
    chosen = []
    for group, labels in GROUP_LABELS.items():
        members = [lid for lid in layer_ids if catalog.specs[lid].group == group]
        if not members:
            continue
        st.sidebar.caption(in_lang(labels, view.lang))
        for lid in members:
            spec = catalog.specs[lid]
            label = inert(spec.title_in(view.lang))
            if st.sidebar.checkbox(label, value=lid in visible, key=keys.widget(key, f"layer:{lid}")):
                chosen.append(lid)
    view.layers = tuple(lid for lid in layer_ids if lid in chosen)
    return view.layers


def search_box(catalog: Catalog, view: View, key: str, sidebar: bool = False) -> None:
    """Searchable select of every named feature; choosing one selects it and flies there."""
    options = search_options(catalog, view.lang)
    ids = ["", *options]
    current = view.selected if view.selected in options else ""
    widget_key = keys.widget(key, "search")

    def _on_pick() -> None:
        picked = st.session_state.get(widget_key)
        if picked is None:  # see keys.py: a callback can run before its widget is known
            return
        view.selected = picked or None
        if picked:
            fly_to(catalog, view, picked)

    where = st.sidebar if sidebar else st
    where.selectbox(t("search", view.lang), ids, index=ids.index(current), key=widget_key,
                    format_func=lambda fid: options.get(fid, t("search_none", view.lang)), on_change=_on_pick)


def fly_to(catalog: Catalog, view: View, feature_id: str) -> None:
    """Centre the view on a feature, zoomed to its extent."""
    row = catalog.feature(feature_id)
    if row is None:
        return
    fly_to_bounds(view, row.geometry.bounds)


def fly_to_bounds(view: View, bounds: Sequence[float]) -> None:
    """Set the view so the bounds fit the map (the map pans without remounting)."""
    if view.center is not None and view.zoom is not None:
        view.left = (view.center, view.zoom)
    view.center, view.zoom = view_for_bounds(tuple(bounds))


def map_widget(catalog: Catalog, view: View, key: str, layer_ids: Iterable[str] | None = None,
               only_ids: dict[str, Iterable[str]] | None = None, height: int = MAP_HEIGHT,
               highlight_ids: Iterable[str] = ()) -> None:
    """Draw the map. The base map is fixed per basemap/language; overlays update without a remount."""
    basemap = basemap_by_id(view.basemap or DEFAULT_BASEMAP)  # resolved once; every layer gets the object
    layer_ids = tuple(view.layers or ()) if layer_ids is None else tuple(layer_ids)
    fmap = mapview.base_map(catalog, basemap, lang=view.lang, land_url=land_url())
    highlight = tuple(highlight_ids)
    groups = [mapview.overlay_group(catalog, lid, lang=view.lang, basemap=basemap, selected_id=view.selected,
                                    only_ids=(only_ids or {}).get(lid), highlight_ids=highlight)
              for lid in layer_ids]
    if view.selected:
        sel = mapview.selection_group(catalog, view.selected, basemap=basemap, lang=view.lang)
        if sel is not None:
            groups.append(sel)
    upload.toggle(view.lang, key)
    own = upload.map_group(view.lang, basemap, view.selected)
    if own is not None:
        groups.append(own)
    state_key = keys.widget(key, f"map:{basemap.id}:{view.lang}")

    def _on_change() -> None:
        out = st.session_state.get(state_key) or {}
        fid = click.feature_id_from_tooltip(out.get("last_object_clicked_tooltip"))
        if fid and fid != view.selected:
            view.selected = fid
        center, zoom = out.get("center"), out.get("zoom")
        if not (center and zoom):
            return
        reported = (round(float(center["lat"]), 5), round(float(center["lng"]), 5), int(zoom))
        at_home = reported[2] == initial[2] and max(abs(reported[0] - initial[0]),
                                                     abs(reported[1] - initial[1])) < HOME_TOLERANCE_DEG
        if at_home and view.center is None:
            return  # the map reporting its starting view: nothing to put in the URL
        if at_home and (view.center, view.zoom) != (initial[:2], initial[2]):
            return  # the map's first report, from before it moved to the view we asked for
        if _near(reported, view.center, view.zoom):
            return  # the map settling its width after the move we asked for, not the user panning
        if view.left is not None and _near(reported, *view.left):
            return  # a late report of where the map was before we flew it elsewhere
        view.center, view.zoom = reported[:2], reported[2]

    home = catalog.manifest["center"]  # validated at load
    initial = (round(float(home[0]), 5), round(float(home[1]), 5), int(catalog.manifest["zoom"]))
    center = view.center or initial[:2]
    zoom = view.zoom or initial[2]
    st_folium(fmap, key=state_key, height=height, use_container_width=True, returned_objects=RETURNED,
              feature_group_to_add=groups, center=center, zoom=zoom, on_change=_on_change)


def land_url() -> str | None:
    """The static land file's URL when setup wrote it for this pack's data (else the land is embedded)."""
    settings = state.settings()
    if land_file(settings.region).is_file() and settings.geodata_dir == REGIONS_DIR / settings.region:
        return assets_land_url(settings.region)
    return None


def _near(reported: tuple[float, float, int], center, zoom) -> bool:
    """Same zoom and within a quarter map-width of the centre."""
    return (center is not None and reported[2] == zoom
            and max(abs(reported[0] - center[0]), abs(reported[1] - center[1])) < DRIFT_DEG * 2.0 ** -zoom)


def legend(catalog: Catalog, view: View, layer_ids: Iterable[str]) -> None:
    """The legend of the visible layers (and the own layer)."""
    own = upload.spec() if upload.visible() else None
    st.html(legend_html(catalog, layer_ids, view.lang, extra=[own] if own else []))
    unsimplified = upload.full_detail(view.basemap or DEFAULT_BASEMAP)
    if unsimplified:
        st.caption(t("upload_full_detail", view.lang).format(n=unsimplified))
