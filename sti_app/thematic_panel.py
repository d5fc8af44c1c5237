"""专题 / Thematic: the sidebar choice of a measure (and year), the classed legend, a district's value.

The map colours the districts itself from the state element (``theme``); nothing is sent again.
"""

from __future__ import annotations

import streamlit as st

from sti_geo.model.catalog import Catalog
from sti_geo.model.specs import DISTRICTS
from sti_geo.text.glossary import with_unit
from sti_geo.text.i18n import t
from sti_geo.text.safe_text import text
from sti_geo.views.params import Param, choice
from sti_geo.views.permalink import View
from sti_geo.views.thematic import Theme, legend_rows, measures, metric_years, theme, year_from_text

from . import fragments, keys

PARAM, YEAR = "theme", "year"


# ``theme=``: a measure's id (one of ``measures``); ``year=``: a year some measure has (None: its latest)
THEME: Param[str] = choice(PARAM, lambda catalog: measures(catalog, "zh"))
YEAR_PARAM: Param[int | None] = Param(YEAR, None, year_from_text, lambda year: str(year) if year else "")
PARAMS = (THEME, YEAR_PARAM)


def chosen_theme(catalog: Catalog, view: View) -> Theme | None:
    """The chosen measure's classes and colours, or None (cached per measure, language and year)."""
    measure = view.get(THEME)
    if not measure:
        return None
    return theme(catalog, measure, view.lang, view.get(YEAR_PARAM))


def controls(catalog: Catalog, view: View, page: str, then: str | None = None) -> None:
    """The measure (and, for a metric with several years, the year) in the sidebar."""
    lang = view.lang
    options = {"": t("theme_none", lang), **measures(catalog, lang)}
    key, year_key = keys.labelled(page, "theme", lang), keys.widget(page, "theme_year")

    def _changed() -> None:
        measure = st.session_state.get(key) or ""
        view.set(THEME, measure)
        years = metric_years(catalog, measure)
        chosen = st.session_state.get(year_key)
        view.set(YEAR_PARAM, chosen if chosen in years and len(years) > 1 else None)
        if then is not None:
            fragments.rerun_only(then)

    ids = list(options)
    current_id = view.get(THEME)
    st.sidebar.selectbox(t("theme_title", lang), ids, index=ids.index(current_id) if current_id in ids else 0,
                         format_func=options.__getitem__, key=key, on_change=_changed)
    years = metric_years(catalog, current_id)
    if len(years) > 1:  # a year slider only where there is more than one year
        asked = view.get(YEAR_PARAM)
        year = asked if asked in years else years[-1]
        st.sidebar.select_slider(t("theme_year", lang), years, value=year, key=year_key, on_change=_changed)


def legend(chosen: Theme | None, view: View, districts_forced: bool = False) -> None:
    """The classed legend: the measure, each class's colour and range, no data, the method and breaks.

    ``districts_forced``: the districts are drawn whatever the layer boxes say (a compared side).
    """
    if chosen is None:
        return
    lang = view.lang
    title = chosen.label + (f" · {chosen.year}" if chosen.year else "") + (f"({chosen.unit})" if chosen.unit else "")
    if "target" in chosen.kind:
        title += t("theme_target", lang)
    rows = "".join(f'<div class="sti-theme-row"><span class="sti-theme-swatch" style="background:{colour}"></span>'
                   f"{text(label)}</div>" for colour, label in legend_rows(chosen, lang))
    breaks = ", ".join(f"{b:g}" for b in chosen.breaks)
    notes = [t("theme_method", lang).format(method=chosen.method, breaks=breaks)]
    if not chosen.measure.startswith("metric:"):
        notes.append(t("theme_count_note", lang))
    if chosen.city_wide:
        notes.append(t("theme_city", lang).format(n=chosen.city_wide))
    if DISTRICTS not in (view.layers or ()) and not districts_forced:
        notes.append(t("theme_hidden", lang))
    st.html(f'<div class="sti-theme" data-theme="{text(chosen.measure)}"><b>{text(title)}</b>{rows}'
            f'<div class="sti-theme-note">{text(" ".join(notes))}</div></div>'
            "<style>.sti-theme{font-size:.9rem;margin:.2rem 0 .6rem}.sti-theme-row{display:flex;align-items:center;"
            "gap:.4rem}.sti-theme-swatch{display:inline-block;width:1.1rem;height:.8rem;border:1px solid #666}"
            ".sti-theme-note{color:#555;font-size:.8rem;margin-top:.2rem}</style>")


def value_line(chosen: Theme | None, view: View) -> None:
    """The selected district's value of the measure (the click panel's thematic line)."""
    if chosen is None or view.selected not in chosen.values.index:
        return
    value = chosen.values[view.selected]
    shown = t("theme_no_data", view.lang) if value != value else with_unit(f"{value:g}", chosen.unit, view.lang)  # NaN
    st.markdown(f"**{text(chosen.label)}**: {text(shown)}")


def state(chosen: Theme | None, lang: str = "zh") -> dict | None:
    """What the map needs to colour the districts and say each one's value on hover (plain text)."""
    if chosen is None:
        return None
    values = {str(fid): (t("theme_no_data", lang) if value != value else with_unit(f"{value:g}", chosen.unit, lang))
              for fid, value in chosen.values.items()}  # value != value: NaN, no data
    return {"layer": DISTRICTS, "colours": chosen.colours, "label": chosen.label, "values": values}
