"""范围查询 / What lies within: a feature and a radius, or a circle; the answer, honest about positions.

The query lives in the view as its text (``q=`` in the permalink, ``sti_geo.model.within``); the map draws
its outline (and, around an approximate feature, the possible ring); a result opens its panel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import geopandas as gpd
import pandas as pd
import streamlit as st

from sti_geo._errors import InputError
from sti_geo.geo.gcj02 import transform_geometry
from sti_geo.model.catalog import Catalog
from sti_geo.model.filters import FACET_BY_KEY, value_label
from sti_geo.model.within import (
    MAX_KM,
    MIN_KM,
    PARTLY,
    POSSIBLY,
    WITHIN,
    Query,
    measured_area,
    projected_crs,
    query_from_text,
    query_to_text,
    reaches_beyond,
    regions,
    uncertainty,
    within,
)
from sti_geo.text.i18n import field_in, t
from sti_geo.text.safe_text import markdown as inert
from sti_geo.views.params import Param
from sti_geo.views.permalink import View
from sti_geo.views.search import search_options

from . import keys

PARAM = "q"
OPEN = "q:open"  # the expander's widget name (``keys.widget``)


# ``q=``: the query, decoded once (a bad one is a notice in its own words)
QUERY: Param[Query | None] = Param(PARAM, None, query_from_text,
                                    lambda query: query_to_text(query) if query is not None else "")


def outline(catalog: Catalog, query: Query | None, gcj02: bool = False) -> dict | None:
    """The query's outline(s) as GeoJSON for the map: the certain area, and the possible one if wider.

    WGS-84, or shifted to GCJ-02 for display on GCJ-02 tiles (``gcj02``), like every overlay.
    """
    if query is None:
        return None
    inner, outer = regions(catalog, query)
    if inner.equals(outer):
        shapes, kinds = [inner], ["certain"]
    else:  # around an approximate feature: certainly inside (maybe empty), possibly inside
        shapes, kinds = [g for g in (inner, outer) if not g.is_empty], ["certain", "possible"][inner.is_empty:]
    frame = gpd.GeoDataFrame({"kind": kinds}, geometry=shapes, crs=projected_crs(catalog)).to_crs("EPSG:4326")
    if gcj02:
        frame = frame.set_geometry([transform_geometry(g, to_gcj02=True) for g in frame.geometry], crs="EPSG:4326")
    return frame.__geo_interface__


def _rows(catalog: Catalog, result: pd.DataFrame, lang: str) -> pd.DataFrame:
    names, types, places, accuracy = [], [], [], []
    district_names: dict[str, str] = {}  # a district's name once, not once per row
    for fid, lid, acc, out in zip(result["id"], result["layer"], result["accuracy_m"], result["outline_m"],
                                  strict=True):
        row = catalog.feature(fid)
        names.append(str(row[field_in("name", lang)]) if row is not None else fid)
        types.append(catalog.specs[lid].title_in(lang))
        district = str(row["district_id"]) if row is not None else ""
        if district and district not in district_names:
            district_names[district] = value_label(catalog, FACET_BY_KEY["district"], district, lang)
        places.append(district_names.get(district, ""))
        if pd.notna(acc) and acc:
            accuracy.append(t("query_approx", lang).format(km=round(acc / 1000)))
        elif pd.notna(out) and out:
            accuracy.append(t("query_outline_approx", lang).format(km=round(out / 1000)))
        else:
            accuracy.append(t("query_exact", lang))
    share = [f"{s:.0%}" if st_ == PARTLY else "" for s, st_ in zip(result["share"], result["status"], strict=True)]
    # the name first: in a narrow side it is what a reader looks for, and the answer repeats down the column
    statuses = [t(f"query_{s}", lang) for s in result["status"]]
    return pd.DataFrame({t("query_name", lang): names, t("query_status", lang): statuses,
                         t("query_share", lang): share, t("query_type", lang): types, t("query_acc", lang): accuracy,
                         t("query_district", lang): places})


def _kind(catalog: Catalog, query: Query, lang: str) -> str:
    if query.kind == "feature":
        row = catalog.feature(query.feature)
        name = str(row[field_in("name", lang)]) if row is not None else query.feature
        return t("query_kind_feature", lang).format(name=inert(name), km=f"{query.km:g}")
    return t(f"query_kind_{query.kind}", lang).format(km=f"{query.km:g}")


def _fuzzy_note(catalog: Catalog, query: Query, lang: str) -> None:
    """Around an approximate feature, say what its accuracy does to the answer."""
    row = catalog.feature(query.feature) if query.kind == "feature" else None
    if row is None or not uncertainty(row):
        return
    acc = uncertainty(row) / 1000
    if row.geometry.geom_type == "Point":  # certain only up to k − r of the anchor
        template = "fuzzy"
        inner = t("query_fuzzy_none", lang) if query.km <= acc else t("query_fuzzy_some", lang, k=f"{query.km - acc:g}")
    else:  # a schematic outline: certain only around what it surely covers, if anything
        template = "fuzzy_outline"
        surely = not regions(catalog, query)[0].is_empty
        inner = t("query_fuzzy_outline_some" if surely else "query_fuzzy_outline_none", lang)
    said = t(f"query_{template}", lang, name=row[field_in("name", lang)], acc=f"{acc:g}", km=f"{query.km:g}",
             inner=inner, outer=f"{query.km + acc:g}")
    st.warning(inert(said), icon=":material/blur_on:")


def panel(catalog: Catalog, view: View, page: str, layer_ids: Sequence[str], hidden: Sequence[str],
          rerun: Callable[[], None]) -> None:
    """The query form and, when a query is set, its answer (counts by answer, type and district; the list).

    ``layer_ids``: the visible layers it looks in; ``hidden``: what the filters leave out (not answered).
    """
    lang = view.lang
    query = view.get(QUERY)
    box = st.expander(t("query_active" if query else "query_title", lang), expanded=query is not None,
                      icon=":material/radar:", key=keys.widget(page, OPEN), on_change="rerun")
    if box.open:  # drawn only while open: closed, the form would cost every page load its rendering
        with box:
            _form(catalog, view, page, query, rerun)
    if query is None:
        return
    _answer(catalog, view, page, query, layer_ids, hidden, rerun)


def _form(catalog: Catalog, view: View, page: str, query: Query | None, rerun: Callable[[], None]) -> None:
    """The query's kind, distance and feature or centre, and the buttons that set and clear it."""
    lang = view.lang
    st.caption(t("query_help", lang))
    st.caption(t("query_now", lang).format(kind=_kind(catalog, query, lang)) if query else t("query_draw", lang))
    names = {name: keys.widget(page, f"q:{name}") for name in ("km", "lat", "lon")}
    names |= {name: keys.labelled(page, f"q:{name}", lang) for name in ("mode", "feature")}
    mode = st.radio(t("query_mode", lang), ("feature", "circle"), horizontal=True, key=names["mode"],
                    index=1 if query is not None and query.kind == "circle" else 0,
                    format_func=lambda m: t(f"query_{m}", lang))
    st.number_input(t("query_km", lang), min_value=MIN_KM, max_value=MAX_KM, step=1.0, key=keys.widget(page, "q:km"),
                    value=float(query.km) if query is not None and query.km else 10.0, format="%g")
    if mode == "feature":
        options = search_options(catalog, lang)
        ids = list(options)
        chosen = query.feature if query is not None and query.feature in options else (view.selected or ids[0])
        st.selectbox(t("query_pick", lang), ids, index=ids.index(chosen) if chosen in ids else 0,
                     format_func=options.__getitem__, key=names["feature"])
    else:
        lat0, lon0 = view.center or catalog.manifest["center"]
        if query is not None and query.kind == "circle":
            lon0, lat0 = query.coords
        cols = st.columns(2)
        cols[0].number_input(t("query_lat", lang), value=float(lat0), format="%.5f", key=keys.widget(page, "q:lat"))
        cols[1].number_input(t("query_lon", lang), value=float(lon0), format="%.5f", key=keys.widget(page, "q:lon"))

    def _run() -> None:  # the widgets' values as they are now, not as this run drew them
        state = st.session_state
        got = {name: state.get(key) for name, key in names.items()}
        value = (f"f:{got['feature']},{got['km']:g}" if got["mode"] == "feature"
                 else f"c:{got['lon']:.5f},{got['lat']:.5f},{got['km']:g}")
        try:
            view.set(QUERY, query_from_text(catalog, value))
        except InputError as err:
            view.notices.append(str(err))
        rerun()

    def _clear() -> None:
        view.set(QUERY, None)
        rerun()

    cols = st.columns(2)
    cols[0].button(t("query_run", lang), on_click=_run, key=keys.widget(page, "q:run"), type="primary")
    cols[1].button(t("query_clear", lang), on_click=_clear, key=keys.widget(page, "q:clear"), disabled=query is None)


def _answer(catalog: Catalog, view: View, page: str, query: Query, layer_ids: Sequence[str], hidden: Sequence[str],
            rerun: Callable[[], None]) -> None:
    """What lies within: counts by answer, by type and district, and the list (a row picks its feature)."""
    lang = view.lang
    _fuzzy_note(catalog, query, lang)
    if reaches_beyond(catalog, query):
        w, s, e, n = (f"{b:g}" for b in measured_area(catalog).bounds)
        st.info(t("query_beyond", lang).format(crs=projected_crs(catalog), w=w, e=e, s=s, n=n), icon=":material/crop:")
    result = within(catalog, query, layer_ids)
    result = result[~result["id"].isin(set(hidden))].reset_index(drop=True)
    if result.empty:
        st.info(t("query_none", lang))
        return
    counts = result["status"].value_counts()
    # each count as wide as its words, the next on a new line when the side is narrow (three equal columns cut
    # "部分在范围内" to "部分在范…" at 1366×768)
    with st.container(horizontal=True, gap="medium"):
        for status in (WITHIN, PARTLY, POSSIBLY):
            st.metric(t(f"query_{status}", lang), int(counts.get(status, 0)), width="content")
    table = _rows(catalog, result, lang)
    status_col, type_col, district_col = t("query_status", lang), t("query_type", lang), t("query_district", lang)
    with st.expander(t("query_by_type", lang) + " · " + t("query_by_district", lang)):
        st.dataframe(pd.crosstab(table[type_col], table[status_col]), width="stretch")
        st.dataframe(pd.crosstab(table[district_col], table[status_col]), width="stretch")
    st.caption(t("query_pick_hint", lang))
    table_key = keys.widget(page, "q:result")

    def _picked() -> None:
        rows = st.session_state[table_key].selection.rows
        if rows:
            view.selected = str(result["id"].iloc[rows[0]])
            rerun()

    st.dataframe(table, hide_index=True, width="stretch", on_select=_picked, selection_mode="single-row",
                 key=table_key)
