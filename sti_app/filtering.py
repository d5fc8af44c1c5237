"""Filters on a map page: a choice per facet in the sidebar (``sti_geo.model.filters``), the count, the URL.

The filter lives in the page state as a typed :class:`~sti_geo.model.filters.Where` (``where=`` in the
permalink, decoded once). A change reruns only the side fragment, which hands the map the ids to hide (the map
hides them itself: nothing is sent again).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

import streamlit as st

from sti_geo.model.catalog import Catalog
from sti_geo.model.filters import (
    FACETS,
    NO_FILTER,
    Where,
    facet_counts,
    facet_values,
    hidden_ids,
    shown_count,
    value_label,
    where_from_text,
    where_to_text,
)
from sti_geo.text.i18n import kind_counts, t
from sti_geo.views.params import Param
from sti_geo.views.permalink import View

from . import fragments, keys

PARAM = "where"
OPEN = "where:open"  # the expander's widget name (``keys.widget``)


# ``where=``: the filter, decoded once (its every problem named in the notice)
WHERE: Param[Where] = Param(PARAM, NO_FILTER, where_from_text, where_to_text)


def hidden(catalog: Catalog, view: View, layer_ids: Iterable[str]) -> list[str]:
    """The ids of ``layer_ids``' features the view's filter leaves out (cached by the filter itself; read-only)."""
    return hidden_ids(catalog, layer_ids, view.get(WHERE))


def link_params(view: View) -> dict[str, str]:
    """The filter as query parameters for a link to another page (the Export page), none when unfiltered."""
    text = WHERE.text(view.get(WHERE))
    return {PARAM: text} if text else {}


def controls(catalog: Catalog, view: View, page: str, layer_ids: Sequence[str], then: Sequence[str] = ()) -> None:
    """A multiselect per facet that has values among the page's layers, in one sidebar expander.

    ``then``: the fragments a change reruns — the one these controls are in (its title counts the conditions,
    Clear follows them) and the one that shows the filtered features; empty: the whole page.

    The multiselects are drawn only while the expander is open (opening it reruns the fragment it is
    in): closed, they would cost every page load their rendering before the map appears. The filter
    itself lives in the view, so a closed expander loses nothing.
    """
    lang = view.lang
    where = view.get(WHERE)
    title = t("filters_active", lang).format(n=len(where)) if where else t("filters_filters", lang)
    box = st.sidebar.expander(title, expanded=bool(where), icon=":material/filter_alt:",
                              key=keys.widget(page, OPEN), on_change="rerun")
    if not box.open:
        return
    facets = [(f, facet_values(catalog, f, layer_ids)) for f in FACETS]
    facets = [(f, values) for f, values in facets if values]
    # counted over what the map shows: a value's parks are no news while the parks layer is off
    shown = [lid for lid in layer_ids if view.layers is None or lid in view.layers]
    labels = {f.key: _options(catalog, f, values, facet_counts(catalog, f, shown, where), lang) for f, values in facets}
    box_keys = {f.key: box_key(page, f.key, lang, labels[f.key]) for f, _ in facets}

    def _changed() -> None:
        chosen = {f.key: tuple(st.session_state.get(box_keys[f.key]) or ()) for f, _ in facets}
        view.set(WHERE, Where(chosen))
        if view.selected in hidden(catalog, view, layer_ids):
            view.selected = None  # its panel would describe a feature the map no longer shows
        if then:
            fragments.rerun_only(*then)

    def _clear() -> None:
        for key in box_keys.values():
            st.session_state[key] = []
        view.set(WHERE, NO_FILTER)
        if then:
            fragments.rerun_only(*then)

    with box:
        st.caption(t("filters_help", lang))
        for facet, values in facets:
            chosen = [v for v in where.get(facet.key, ()) if v in values]
            st.multiselect(facet.label_in(lang), list(values), default=chosen, key=box_keys[facet.key],
                           on_change=_changed, placeholder=t("filters_any", lang),
                           format_func=labels[facet.key].__getitem__, select_all=False)  # = no filter; English only
        st.button(t("filters_clear", lang), key=keys.widget(page, "where:clear"), on_click=_clear, disabled=not where,
                  icon=":material/filter_alt_off:")


def box_key(page: str, facet: str, lang: str, labels: Mapping[str, str]) -> str:
    """The key of a facet's box: its language and its options' labels name it.

    Streamlit 1.67 keeps a multiselect's choice as its options' labels (see ``keys.labelled``): when a count in a
    label changed with another facet's choice, the choice no longer matched and was dropped. A box whose labels
    changed is drawn afresh, its choice taken from the view.
    """
    digest = hashlib.blake2s("\x1f".join(labels.values()).encode(), digest_size=4).hexdigest()
    return f"{keys.labelled(page, f'where:{facet}', lang)}#{digest}"


def _options(catalog: Catalog, facet, values: Iterable[str], counts: Mapping[str, Mapping[str, int]],
             lang: str) -> dict[str, str]:
    """Each value's label with its counts (the facet's counts computed once, not once per value).

    A multiselect's options are plain text: the Markdown-inert form would show its character references.
    """
    return {v: f"{value_label(catalog, facet, v, lang)} ({kind_counts(counts.get(v, {}), lang)})" for v in values}


def count_line(catalog: Catalog, view: View, layer_ids: Sequence[str]) -> None:
    """"N of M shown" over the visible layers; a warning when a filter leaves nothing."""
    where = view.get(WHERE)
    shown, total = shown_count(catalog, layer_ids, where)
    if where and not shown:
        st.warning(t("filters_none", view.lang), icon=":material/filter_alt_off:")
    st.caption(t("filters_count", view.lang).format(shown=shown, total=total))
