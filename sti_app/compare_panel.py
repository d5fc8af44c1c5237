"""卷帘对比 / Compare: the sidebar's choice of two sides, what the map shows on each, their legends.

The map draws both sides itself (``sti_geo.views.swipe``; the runtime clips them either side of
leaflet-compare's divider); a side's choice reruns only the side fragment, which hands the map the sides
through its state element. The divider's place comes back from the map as a ``split`` event.
"""

from __future__ import annotations

import streamlit as st

from sti_geo.map.mapview import UPLOAD_LAYER
from sti_geo.model.catalog import Catalog
from sti_geo.text.i18n import in_lang, t
from sti_geo.text.safe_text import text
from sti_geo.views.params import Param
from sti_geo.views.permalink import View
from sti_geo.views.swipe import (
    OWN,
    SPLIT_DEFAULT,
    Compare,
    Side,
    compare_from_text,
    default_compare,
    side_from_text,
    side_label,
    side_layers,
    side_options,
    side_theme,
    split_from_text,
)
from sti_geo.views.thematic import Theme

from . import fragments, keys, thematic_panel, upload

PARAM, SPLIT_PARAM = "cmp", "split"


def _decode_sides(catalog: Catalog, value: str) -> tuple[Side, Side]:
    chosen = compare_from_text(catalog, value)  # a link's two sides must differ (else a notice)
    return chosen.left, chosen.right


# ``cmp=``: the two sides chosen (the pickers may make them equal: named, not compared); ``split=``: the divider
COMPARE: Param[tuple[Side, Side] | None] = Param(
    PARAM, None, _decode_sides, lambda sides: f"{sides[0].text},{sides[1].text}" if sides else "")
SPLIT: Param[int] = Param(SPLIT_PARAM, SPLIT_DEFAULT, lambda _catalog, value: split_from_text(value), str)
PARAMS = (COMPARE, SPLIT)


def comparison(view: View) -> Compare | None:
    """The view's comparison: its two sides where they differ, and the divider's place; else None."""
    sides = view.get(COMPARE)
    if sides is None or sides[0] == sides[1]:
        return None
    return Compare(sides[0], sides[1], view.get(SPLIT))


def controls(catalog: Catalog, view: View, page: str, then: tuple[str, ...] = ()) -> None:
    """The compare switch and, when on, the two sides' pickers (in the sidebar).

    ``then``: the fragments a change reruns (the sidebar's own, which shows or hides the pickers and the
    thematic choice, and the side's, which hands the map its sides).
    """
    lang = view.lang
    on_key = keys.widget(page, "cmp:on")
    left_key, right_key = (keys.labelled(page, f"cmp:{name}", lang) for name in ("left", "right"))
    chosen = view.get(COMPARE)
    asked = [side.text for side in chosen] if chosen else []
    own = upload.current() is not None
    options = side_options(catalog, lang, own or OWN in asked)  # a link's own-layer side stays choosable

    def _rerun() -> None:
        if then:
            fragments.rerun_only(*then)

    def _switched() -> None:
        if st.session_state.get(on_key):
            start = default_compare(catalog, own, view.get(thematic_panel.THEME))
            view.set(COMPARE, (start.left, start.right))
        else:
            view.set(COMPARE, None)
            view.set(SPLIT, SPLIT_DEFAULT)
        _rerun()

    def _picked() -> None:
        left, right = st.session_state.get(left_key), st.session_state.get(right_key)
        if left in options and right in options and view.get(COMPARE) is not None:
            # two equal sides are kept and named (not compared); options are what the data allows
            view.set(COMPARE, (side_from_text(catalog, left), side_from_text(catalog, right)))
        _rerun()

    st.sidebar.toggle(t("swipe_on", lang), value=chosen is not None, key=on_key, on_change=_switched,
                      help=t("swipe_help", lang))
    if len(asked) != 2:
        return
    ids = list(options)
    for key, label, value in ((left_key, "left", asked[0]), (right_key, "right", asked[1])):
        st.sidebar.selectbox(t(f"swipe_{label}", lang), ids, index=ids.index(value) if value in ids else 0,
                             format_func=options.__getitem__, key=key, on_change=_picked)
    if asked[0] == asked[1]:
        st.sidebar.warning(t("swipe_same", lang))


def sides(catalog: Catalog, chosen: Compare, shown: tuple[str, ...],
          lang: str) -> tuple[list[str], Theme | None, dict, Theme | None]:
    """The left side's layers and theme (the map's own state), the right side for the state element and its theme."""
    own = UPLOAD_LAYER if upload.current() is not None and (upload.visible() or OWN in (chosen.left.kind,
                                                                                        chosen.right.kind)) else None
    left_theme, right_theme = side_theme(catalog, chosen.left, lang), side_theme(catalog, chosen.right, lang)
    right = {"layers": side_layers(chosen.right, chosen.left, shown, own),
             "theme": thematic_panel.state(right_theme, lang), "split": chosen.split,
             "labels": [side_label(catalog, chosen.left, lang), side_label(catalog, chosen.right, lang)]}
    return side_layers(chosen.left, chosen.right, shown, own), left_theme, right, right_theme


def titles(catalog: Catalog, chosen: Compare, lang: str) -> tuple[str, str]:
    """Each side's heading: "左侧:<its name>" (the side legends and the print)."""
    return (f"{t('swipe_left', lang)}{in_lang((':', ': '), lang)}{side_label(catalog, chosen.left, lang)}",
            f"{t('swipe_right', lang)}{in_lang((':', ': '), lang)}{side_label(catalog, chosen.right, lang)}")


def legends(catalog: Catalog, chosen: Compare, view: View) -> None:
    """Each side's name and, for a theme, its classed legend; a missing own layer is said."""
    lang = view.lang
    for name, side, title in zip(("left", "right"), (chosen.left, chosen.right), titles(catalog, chosen, lang),
                                 strict=True):
        st.html(f'<div class="sti-cmp-side" data-side="{name}"><b>{text(title)}</b></div>')
        if side.kind == OWN and upload.current() is None:
            st.caption(t("swipe_no_own", lang))
        thematic_panel.legend(side_theme(catalog, side, lang), view, districts_forced=True)


def values(catalog: Catalog, chosen: Compare, view: View) -> None:
    """The selected district's value on each theme side."""
    for side in (chosen.left, chosen.right):
        thematic_panel.value_line(side_theme(catalog, side, view.lang), view)

