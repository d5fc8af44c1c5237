"""The map widget every page uses: basemap, toggled overlays, search, click-to-select."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import streamlit as st

from sti_geo._errors import InputError
from sti_geo.geo.viewport import view_for_bounds
from sti_geo.map import click, mapview
from sti_geo.map.assets import land_file
from sti_geo.map.assets import land_url as assets_land_url
from sti_geo.map.basemaps import DEFAULT_BASEMAP, available_basemaps, basemap_by_id
from sti_geo.map.legend import legend_html
from sti_geo.model.catalog import Catalog
from sti_geo.model.within import query_from_gcj02, query_from_text
from sti_geo.settings import REGIONS_DIR
from sti_geo.text.i18n import in_lang, t
from sti_geo.text.safe_text import markdown as inert
from sti_geo.views.permalink import View
from sti_geo.views.search import search_options

from . import folium_component, fragments, keys, state, upload
from .compare_panel import COMPARE, SPLIT
from .within_panel import QUERY

MAP_HEIGHT = 620
HOME_TOLERANCE_DEG = 0.005  # the map reports its start view rounded to whole pixels


def basemap_picker(view: View, key: str) -> str:
    """Sidebar basemap choice (Tianditu only when a key is configured)."""
    options = [b.id for b in available_basemaps()]
    labels = {b.id: b.label(view.lang) for b in available_basemaps()}
    current = view.basemap if view.basemap in options else DEFAULT_BASEMAP
    view.basemap = st.sidebar.selectbox(t("basemap", view.lang), options, index=options.index(current),
                                        format_func=labels.__getitem__, key=keys.labelled(key, "basemap", view.lang))
    return view.basemap


GROUP_LABELS = {"areas": ("区域", "Areas"), "layout": ("空间布局", "Layout"), "parks": ("园区", "Parks"),
                "platforms": ("平台", "Platforms")}


def layer_toggles(catalog: Catalog, view: View, layer_ids: Sequence[str], key: str,
                  then: str | None = None) -> tuple[str, ...]:
    """Sidebar checkboxes under their group's heading; returns the visible layer ids in drawing order.

    ``then``: the fragment a toggle reruns instead of the one the boxes are drawn in (the side's, which
    draws the legend and the map's state), so the boxes themselves are not sent again.
    """
    st.sidebar.markdown(f"**{t('layers', view.lang)}**")
    visible = set(view.layers or ())
    box_keys = {lid: keys.widget(key, f"layer:{lid}") for lid in layer_ids}

    def _changed() -> None:
        view.layers = tuple(lid for lid in layer_ids if st.session_state.get(box_keys[lid], lid in visible))
        if then is not None:
            fragments.rerun_only(then)

    chosen = []
    for group, labels in GROUP_LABELS.items():
        members = [lid for lid in layer_ids if catalog.specs[lid].group == group]
        if not members:
            continue
        st.sidebar.caption(in_lang(labels, view.lang))
        for lid in members:
            spec = catalog.specs[lid]
            label = inert(spec.title_in(view.lang))
            if st.sidebar.checkbox(label, value=lid in visible, key=box_keys[lid], on_change=_changed):
                chosen.append(lid)
    view.layers = tuple(lid for lid in layer_ids if lid in chosen)
    return view.layers


def search_box(catalog: Catalog, view: View, key: str, sidebar: bool = False,
               rerun: Sequence[str] = (), hidden: Iterable[str] = ()) -> None:
    """Searchable select of every named feature; choosing one selects it and flies there.

    ``rerun``: the fragments a pick reruns (the map's, to fly, and the side's), instead of the one
    the box is drawn in. ``hidden``: features a filter leaves out (not offered).
    """
    options = search_options(catalog, view.lang)
    if hidden:
        left_out = set(hidden)
        options = {fid: label for fid, label in options.items() if fid not in left_out}
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
        if rerun:
            fragments.rerun_only(*rerun)

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
    minx, miny, maxx, maxy = bounds
    view.center, view.zoom = view_for_bounds((minx, miny, maxx, maxy))
    view.asked = (view.center, view.zoom)


def map_state(view: View, key: str, shown_ids: Iterable[str] | None = None, highlight_ids: Iterable[str] = (),
              presenting: bool = False, autoplay: int = 0, hidden: Iterable[str] = (),
              query: dict | None = None, theme: dict | None = None, sides: tuple[list[str], dict] | None = None
              ) -> None:
    """The own layer's toggle and the state element the map follows (visible layers, selection, highlights).

    Drawn by whichever fragment reruns on a click or a toggle (:func:`map_widget` may sit in another).
    ``sides``: when comparing, the left side's layers (the own layer decided already) and the right side.
    """
    upload.toggle(view.lang, key)
    if sides is not None:
        visible = sides[0]
    else:
        shown = tuple(view.layers or ()) if shown_ids is None else tuple(shown_ids)
        visible = [*shown, *([mapview.UPLOAD_LAYER] if upload.current() is not None and upload.visible() else [])]
    st.html(mapview.map_state_html(key, visible, view.selected, highlight_ids, presenting, autoplay, hidden,
                                   query, theme, sides[1] if sides else None))


def map_widget(catalog: Catalog, view: View, key: str, layer_ids: Iterable[str] | None = None,
               height: int = MAP_HEIGHT, then: Mapping[str, str] | None = None, draw: bool = False,
               compare: bool = False) -> None:
    """Draw the map: every overlay the page can show is sent once; the browser does the rest.

    ``layer_ids`` are the overlays present (default: the visible ones). Visibility, the selection and the
    highlights reach the map through :func:`map_state`, so changing them sends no overlay again and never
    remounts the map; the runtime reports clicks and moves at once (``click.event_from_value``). ``then``:
    per event kind (``"click"``, ``"move"``), the fragment it reruns instead of the map's own, so that a
    click redraws only the side and a pan only writes the URL, never sending the map again (only when
    the map's fragment holds the map alone and the run is that fragment's: see ``fragments.running_alone``).
    ``draw``: the map offers drawing a query shape (pages that show the "what lies within" panel).
    ``compare``: the map can swipe between two sides (pages that offer the comparison; ``split`` events).
    """
    basemap = basemap_by_id(view.basemap or DEFAULT_BASEMAP)  # resolved once; every layer gets the object
    present = tuple(view.layers or ()) if layer_ids is None else tuple(layer_ids)
    land = land_url()
    # the data's version in the key: data changed under a drawn map (an edit in the database) gets a fresh map,
    # not new overlays beside what the old ones left open (a popup, a lit stack entry at the old position)
    map_key = keys.widget(key, f"map:{basemap.id}:{view.lang}:{catalog.token}")
    own = upload.current() is not None
    content = (catalog.token, key, basemap.id, view.lang, present, land, height, draw, compare,
               upload.version() if own else None)

    def _build() -> dict:
        fmap = mapview.base_map(catalog, basemap, lang=view.lang, land_url=land, state_key=key, draw=draw,
                                 compare=compare, page=keys.map_page_elements(key))
        groups = [mapview.overlay_group(catalog, lid, lang=view.lang, basemap=basemap) for lid in present]
        own_group = upload.map_group(view.lang, basemap)
        if own_group is not None:
            groups.append(own_group)
        return folium_component.component_args(fmap, groups, map_key, height)

    args = folium_component.cached_args(content, _build, shared=not own)

    def _on_change() -> None:
        event = click.event_from_value(folium_component.value(args))
        _follow(event)
        if then is not None and event is not None and event.kind in then and fragments.running_alone():
            fragments.rerun_only(then[event.kind])

    def _follow(event: click.MapEvent | None) -> None:
        if event is None:
            return
        if event.kind == "click":
            if event.feature_id in catalog.index or upload.is_upload_id(event.feature_id):
                view.selected = event.feature_id
            return
        if event.kind == "query":  # a shape drawn on the map: what lies within it (WGS-84, whatever the tiles)
            try:
                query = query_from_text(catalog, event.query or "")
                view.set(QUERY, query_from_gcj02(query) if basemap.gcj02 else query)
            except InputError as err:
                view.notices.append(str(err))
            return
        if event.kind == "split":
            if view.get(COMPARE) is not None and event.split is not None:
                view.set(SPLIT, event.split)
            return
        if event.center is None or event.zoom is None or not _same_view(event.asked, view.asked or asked):
            return  # a report made before the app last flew the map elsewhere: stale
        at_home = event.zoom == initial[2] and max(abs(event.center[0] - initial[0]),
                                                    abs(event.center[1] - initial[1])) < HOME_TOLERANCE_DEG
        if at_home and view.center is None:
            return  # the map reporting its starting view: nothing to put in the URL
        view.center, view.zoom = event.center, event.zoom

    home = catalog.manifest["center"]  # validated at load
    initial = (round(float(home[0]), 5), round(float(home[1]), 5), int(catalog.manifest["zoom"]))
    if view.asked is None:  # first draw: where the link (or the page's default) puts the map
        view.asked = (view.center, view.zoom) if view.center and view.zoom else (initial[:2], initial[2])
    asked = view.asked
    folium_component.show_map(args, asked[0], asked[1], _on_change)


def land_url() -> str | None:
    """The static land file's URL when setup wrote it for this pack's data (else the land is embedded)."""
    settings = state.settings()
    if land_file(settings.region).is_file() and settings.geodata_dir == REGIONS_DIR / settings.region:
        return assets_land_url(settings.region)
    return None


def _same_view(reported: tuple[tuple[float, float], int] | None, asked: tuple[tuple[float, float], int]) -> bool:
    """Whether the map made its report while showing the view the app last asked for."""
    return (reported is not None and reported[1] == asked[1]
            and max(abs(reported[0][0] - asked[0][0]), abs(reported[0][1] - asked[0][1])) < 1e-6)


def legend(catalog: Catalog, view: View, layer_ids: Iterable[str], hidden: Iterable[str] = ()) -> None:
    """The legend of what the map shows: the visible layers a filter left something of (and the own layer)."""
    own = upload.spec() if upload.visible() else None
    gone = set(hidden)
    shown = [lid for lid in layer_ids
             if lid not in catalog.layers or not gone or not set(catalog.layers[lid]["id"]) <= gone]
    st.html(legend_html(catalog, shown, view.lang, extra=[own] if own else []))
    unsimplified = upload.full_detail(view.basemap or DEFAULT_BASEMAP)
    if unsimplified:
        st.caption(t("upload_full_detail", view.lang).format(n=unsimplified))
