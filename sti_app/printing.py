"""The print button every map page shows: the current view as PNG, PDF or SVG (``sti_geo.map.printed``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from sti_geo import InputError
from sti_geo.map.print_files import print_view, tour_pdf
from sti_geo.map.printed import (
    MEDIA_TYPES,
    PAPERS_MM,
    PRINT_FORMATS,
    PrintView,
    TourDeck,
    print_font_file,
)
from sti_geo.model.catalog import Catalog
from sti_geo.model.filters import where_label
from sti_geo.settings import public_url
from sti_geo.text.i18n import field_in, t
from sti_geo.views.permalink import View, public_link
from sti_geo.views.thematic import Theme, legend_rows
from sti_geo.views.tour import scene_views, scenes

from . import filtering, keys, within_panel

OPEN = "print:open"  # the popover's widget name (``keys.widget``)
FORMAT_LABELS = {"png": "PNG (300 dpi)", "pdf": "PDF", "svg": "SVG"}
CHOICES = {"format": PRINT_FORMATS[0], "paper": next(iter(PAPERS_MM)), "landscape": True}  # as first offered


def _base_url() -> str:
    """The page's address for a printed link: at STI_GEO_PUBLIC_URL when set (a handout leaves the laptop)."""
    browser = (st.context.url or "").split("?", 1)[0]
    try:
        return public_link(browser, public_url())
    except InputError:  # said when the server starts (sti_app.serve); started otherwise, the browser's address
        return browser


def permalink() -> str:
    """The page's address with its current query (what the URL bar shows)."""
    query = urlencode(st.query_params.to_dict())
    return f"{_base_url()}?{query}" if query else _base_url()


def tour_links(catalog: Catalog) -> dict[str, str]:
    """Each scene's permalink by id (presenter mode on that scene, its extent), ``""`` the tour's start."""
    keep = {k: v for k, v in st.query_params.to_dict().items() if k not in ("scene", "view", "sel", "present")}
    links = {"": f"{_base_url()}?{urlencode({**keep, 'present': '1'})}"}
    for scene_id, ((lat, lon), zoom) in scene_views(catalog).items():
        query = {**keep, "present": "1", "scene": scene_id, "view": f"{lat:.5f},{lon:.5f},{zoom}"}
        links[scene_id] = f"{_base_url()}?{urlencode(query)}"
    return links


def choices(page: str) -> dict:
    """The print's format, paper and orientation as last chosen on ``page`` (:data:`CHOICES` until then)."""
    return {**CHOICES, **st.session_state.get(keys.print_choices(page), {})}


def _keep(page: str, name: str) -> None:
    """Keep a choice beside its widget: the popover's widgets are not drawn while it is shut, and Streamlit
    forgets the value of a widget a run does not draw."""
    value = st.session_state.get(keys.widget(page, f"print_{name}"))
    if value is not None:
        st.session_state[keys.print_choices(page)] = {**choices(page), name: value}


def _fills(theme: Theme | None, lang: str) -> dict:
    """A thematic map as the print takes it: colours, classes and a title stating measure, method and breaks."""
    if theme is None:
        return {}
    breaks = ", ".join(f"{b:g}" for b in theme.breaks)
    title = f"{theme.label}{f' · {theme.year}' if theme.year else ''} ({theme.method}: {breaks})"
    return {"fills": tuple(theme.colours.items()), "fill_legend": tuple(legend_rows(theme, lang)),
            "fill_title": title}


def print_control(catalog: Catalog, view: View, page: str, layers: Iterable[str],
                  highlight: Iterable[str] = (), title: str = "", hidden: Iterable[str] = (),
                  theme: Theme | None = None,
                  right: tuple[Iterable[str], Theme | None, tuple[str, str]] | None = None) -> None:
    """A popover with the print's format, paper and orientation, and its download (built on click).

    ``title``: the print's title (a tour scene's), else the plan's. ``hidden``: what a filter leaves out
    (not printed; the filter is named in the notes). ``right``: compare — the right side's layers and theme,
    and the two sides' names (``layers`` and ``theme`` are then the left side's); printed next to each other.
    """
    lang = view.lang
    box = st.popover(t("printing_print", lang), icon=":material/print:", key=keys.widget(page, OPEN),
                     on_change="rerun")
    if not box.open:  # its content is drawn only while open: shut, it would cost every page load its rendering
        return
    with box:
        if print_font_file() is None:  # said here, not as a failure inside the download
            st.warning(t("printing_no_font", lang))
            return
        st.caption(t("printing_help", lang))
        kept = choices(page)
        fmt = st.radio(t("printing_format", lang), PRINT_FORMATS, format_func=FORMAT_LABELS.__getitem__,
                       horizontal=True,
                       index=PRINT_FORMATS.index(kept["format"]), key=keys.widget(page, "print_format"),
                       on_change=_keep, args=(page, "format"))
        cols = st.columns(2)
        papers = list(PAPERS_MM)
        paper = cols[0].selectbox(t("printing_paper", lang), papers, index=papers.index(kept["paper"]),
                                  key=keys.widget(page, "print_paper"), on_change=_keep, args=(page, "paper"))
        landscape = cols[1].toggle(t("printing_landscape", lang), value=kept["landscape"],
                                   key=keys.widget(page, "print_landscape"), on_change=_keep, args=(page, "landscape"))
        lat, lon = view.center or catalog.manifest["center"]  # the view, else where the page opens
        zoom = int(view.zoom or catalog.manifest["zoom"])
        spec = PrintView(layers=tuple(layers), center=(float(lat), float(lon)), zoom=zoom, lang=lang,
                         title=title or str(catalog.manifest.get(field_in("plan_title", lang), "")),
                         permalink=permalink(), date=dt.date.today().isoformat(), paper=paper, landscape=landscape,
                         highlight=tuple(highlight), hidden=tuple(hidden),
                         filter_note=where_label(catalog, view.get(filtering.WHERE), lang),
                         query=within_panel.QUERY.text(view.get(within_panel.QUERY)), **_fills(theme, lang))
        if right is not None:
            layers_r, theme_r, (title_l, title_r) = right
            fills = {"fills": (), "fill_legend": (), "fill_title": "", **_fills(theme_r, lang)}
            other = replace(spec, layers=tuple(layers_r), side_title=title_r, **fills)
            spec = replace(spec, side_title=title_l, right=other)
        name = f"sti_geo_{page}_{spec.paper}.{fmt}"
        st.download_button(t("printing_download", lang), data=lambda: print_view(catalog, spec, fmt), file_name=name,
                           mime=MEDIA_TYPES[fmt], key=keys.widget(page, "print_download"), on_click="ignore",
                           type="primary")


def tour_button(catalog: Catalog, view: View, page: str) -> None:
    """The presenter tour as one PDF handout, in one click (paper as chosen in :func:`print_control`)."""
    lang = view.lang
    if print_font_file() is None:  # print_control beside it says why
        return
    paper = choices(page)["paper"]
    deck = TourDeck(lang=lang, date=dt.date.today().isoformat(), paper=paper, links=tour_links(catalog))
    n = len(scenes(catalog))
    made_from = json.dumps([catalog.token, lang, paper, deck.date, sorted(deck.links.items())])
    made = st.session_state.get(keys.DECK)

    def offer(data: bytes) -> None:
        st.download_button(t("printing_deck", lang).format(n=n), data=data, file_name=f"sti_geo_tour_{paper}.pdf",
                           mime=MEDIA_TYPES["pdf"], icon=":material/slideshow:", key=keys.widget(page, "deck_download"),
                           on_click="ignore", help=t("printing_deck_help", lang))

    if made is not None and made[0] == made_from:
        offer(made[1])
        return
    # making it takes seconds (≈ 8 s for six scenes): a bar says which scene, instead of a silent spinner
    if st.button(t("printing_deck_make", lang, n=n), icon=":material/slideshow:", key=keys.widget(page, "deck_make"),
                 help=t("printing_deck_help", lang)):
        bar = st.progress(0.0, text=t("printing_deck_progress", lang).format(i=1, n=n, title=""))

        def step(done: int, total: int, title: str) -> None:
            text = t("printing_deck_progress", lang).format(i=min(done + 1, total), n=total, title=title)
            bar.progress(done / max(total, 1), text=text if title else t("printing_deck_saving", lang))

        data = tour_pdf(catalog, deck, progress=step)
        bar.empty()
        st.session_state[keys.DECK] = (made_from, data)  # the latest only: one PDF per session
        offer(data)
