"""The opening every page shares: data, URL state, language, notices, basemap."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import streamlit as st

from sti_geo.model.catalog import Catalog
from sti_geo.views.params import Param
from sti_geo.views.permalink import View

from . import filtering, fragments, keys, mapwidget, state, store, thematic_panel
from .panels import Context, Panel, Swipe, compose, every_panel, page_params


def start_page(page: str, catalog: Catalog, default_layers: Iterable[str] = (),
               params: Iterable[Param[Any]] = (), basemap: bool = True,
               panels: Sequence[Panel] | None = None) -> tuple[View, str]:
    """Restore this page's state from the URL (decoded once, in the first run of a session) and draw the shared
    sidebar widgets.

    ``params``: the page's own parameters; ``panels``: the map panels it composes (their parameters join; by
    default every page keeps a filter and a query). The page loads the catalog itself
    (``state.catalog_or_stop``) because its parameters are decoded against it.
    """
    chosen = every_panel() if panels is None else panels
    view = state.page_view(page, catalog, tuple(default_layers), (*page_params(chosen), *params))
    if view.center is not None and view.zoom is not None:
        # a full run may (re)mount the map (page switch, language, basemap): it starts where the view is now
        view.asked = (view.center, view.zoom)
    st.html(APP_CSS)
    lang = state.language_switch(view)
    state.region_switch(lang)
    if basemap:
        mapwidget.basemap_picker(view, page)
    return view, lang


# Every page: a choice list may be wider than the sidebar it opens from (a facet value and its counts were cut);
# where the keyboard is shows from across a room (page links were a faint grey)
APP_CSS = """<style>
div[data-baseweb="popover"]:has(ul[role="listbox"]){width:max-content!important;max-width:min(440px,92vw)}
a:focus-visible,button:focus-visible,[role="button"]:focus-visible,[role="tab"]:focus-visible,summary:focus-visible,
iframe:focus-visible{outline:3px solid #2563eb!important;outline-offset:2px}
@media (max-width:640px){[data-testid="stMainBlockContainer"] h1{font-size:1.55rem;padding-bottom:.25rem}
[data-testid="stMainBlockContainer"]{padding-top:3.25rem}}
</style>"""


def finish_page(view: View, default_layers: Iterable[str] = ()) -> None:
    """Show ignored-parameter notices (once) and write the view back into the URL."""
    state.show_notices(view)
    state.sync_url(view, tuple(default_layers))


def url_fragment(view: View, page: str, default_layers: Iterable[str] = ()) -> str:
    """A fragment that only writes the view into the URL (all a pan changes); returns its key.

    Draws nothing, so where it is called does not matter; the map's move reports rerun it.
    """
    key = keys.fragment(page, "url")
    defaults = tuple(default_layers)
    st.fragment(lambda: state.sync_url(view, defaults), key=key)()
    return key


def selected_panel(catalog: Catalog, view: View, lang: str, page: str) -> None:
    """The clicked feature's panel, with a button to clear the selection."""
    from . import upload
    from .panel import render_panel, render_upload_panel

    if view.selected is not None and upload.is_upload_id(view.selected):
        cleared = render_upload_panel(catalog, view.selected, lang, clear_key=keys.widget(page, "clear"))
    else:
        cleared = render_panel(catalog, view.selected, lang, clear_key=keys.widget(page, "clear"))
    if cleared:
        view.selected = None
        st.rerun(scope="fragment")  # every page draws the panel inside the fragment a click reruns


def pick(view: View, page: str, param: Param[str], ids: list[str], labels: Mapping[str, str], label: str,
         then: Callable[[str], None] | None = None) -> str:
    """A selectbox bound to the page parameter ``param``; a new choice clears the selection (and runs ``then``)."""
    current = view.get(param) or ids[0]
    key = keys.labelled(page, param.name, view.lang)

    def _changed() -> None:
        value = st.session_state.get(key)
        if value is None:  # see keys.py: a callback can run before its widget is known
            return
        view.set(param, value)
        view.selected = None
        if then is not None:
            then(value)

    value = st.selectbox(label, ids, index=ids.index(current) if current in ids else 0,
                         format_func=labels.__getitem__, key=key, on_change=_changed)
    view.set(param, value)
    return value


def map_and_side(catalog: Catalog, view: View, lang: str, page: str, layers: tuple[str, ...],
                 side: Callable[[], None], highlight: Iterable[str] = (), height: int = 560,
                 present: Iterable[str] | None = None, sidebar: Callable[[str], object] | None = None,
                 defaults: Iterable[str] | None = None, widths: tuple[float, float] = (3, 2),
                 panels: Sequence[Panel] | None = None,
                 below: Callable[[Callable[[], None]], None] | None = None) -> None:
    """The map on the left, the side (search, legend, the panels, the page's ``side`` content) on the right.

    Keyed fragments, so that each action reruns only what it changes: the map's reruns only when the
    map must move (a search pick); a click or a toggle reruns the side's (panel, legend, the map's state
    element, URL); a pan reruns one that writes the URL. ``layers`` are shown, unless ``sidebar`` draws
    toggles (called with the fragment a toggle reruns; it sets ``view.layers``); ``present``
    (default: ``layers``) are sent to the map once; ``defaults`` (default: ``layers``) are the layers
    the URL leaves out. ``panels`` (default: :func:`panels.every_panel`, the ones ``start_page`` was given):
    the plug-ins composed here (see :mod:`sti_app.panels`).
    ``below``: full-width content under the map and the side (tables too wide for the side), in a fragment of
    its own that a filter also reruns; it is called with a function that reruns the side and itself (a row
    picked in a table selects its feature).
    """
    from . import panel

    map_key, side_key, url_key, sidebar_key, below_key = (keys.fragment(page, name)
                                                          for name in ("map", "side", "url", "sidebar", "below"))
    defaults = tuple(layers if defaults is None else defaults)
    sent = tuple(layers if present is None else present)
    chosen = every_panel() if panels is None else tuple(panels)
    ctx = Context(catalog, view, page, sent, sidebar_key, side_key,
                  after_filter=(sidebar_key, side_key, *((below_key,) if below is not None else ())))
    compare = any(isinstance(p, Swipe) for p in chosen)
    st.html(panel.PANEL_CSS)
    if sidebar is None:
        view.layers = tuple(layers)

    def _sidebar() -> None:
        if sidebar is not None:
            sidebar(side_key)
        for each in sorted(chosen, key=lambda p: p.sidebar_order):
            each.controls(ctx)

    map_col, side_col = st.columns(list(widths), gap="medium")

    def _map() -> None:
        if state.assets_ok(lang):
            mapwidget.map_widget(catalog, view, page, layer_ids=sent, height=height,
                                 then={"click": side_key, "move": url_key, "query": side_key, "split": url_key},
                                 draw=True, compare=compare)

    def _side() -> None:
        if store.stale(catalog):  # an edit committed in the database: every fragment draws the new data
            st.rerun()
        shown = tuple(view.layers or ())
        hidden = filtering.hidden(catalog, view, sent)
        mapwidget.search_box(catalog, view, page, sidebar=True, rerun=(map_key, side_key), hidden=hidden)
        finish_page(view, defaults)
        parts = compose(ctx, chosen, lambda parts: mapwidget.map_state(
            view, page, shown, highlight, hidden=parts.hidden, query=parts.query,
            theme=thematic_panel.state(parts.theme, lang), sides=parts.sides))
        for each in chosen:
            each.legend(ctx, parts)
        mapwidget.legend(catalog, view, shown, parts.hidden)
        for each in chosen:
            each.tools(ctx, parts, tuple(highlight))
        for each in chosen:
            each.details(ctx, parts)
        side()

    with map_col:
        st.fragment(_map, key=map_key)()
    st.fragment(_sidebar, key=sidebar_key)()  # after the map: the browser gets the map's message first
    with side_col:
        url_fragment(view, page, defaults)
        st.fragment(_side, key=side_key)()
    if below is not None:
        st.fragment(lambda: below(lambda: fragments.rerun_only(side_key, below_key)), key=below_key)()


def service_section(catalog: Catalog, lang: str) -> None:
    """The OGC API's address and how to add it in QGIS/GDAL (Export and About pages)."""
    from sti_geo.views.service import service_markdown

    from .ogcapi_mount import reader_service_url

    url, elsewhere = reader_service_url()
    st.markdown(service_markdown(catalog, url, lang, elsewhere))
