"""导出 Export: all layers, one layer, or a district's or cluster's features, in GIS formats and CRSs."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from sti_app import filtering, keys, page
from sti_geo import InputError
from sti_geo.export.bundle import (
    FORMAT_LABELS,
    FORMATS,
    WGS84_ONLY,
    Selection,
    bundle_name,
    data_bounds,
    export_files,
    media_type,
    select_layers,
)
from sti_geo.export.spreadsheet import CSV_GEOMETRY, DEFAULT_CSV_GEOMETRY, csv_geometry_label
from sti_geo.geo.crs import DEFAULT_CRS, OUTPUT_CRS, check_covers, output_crs, uncovered
from sti_geo.model.catalog import Catalog
from sti_geo.model.filters import where_label
from sti_geo.text.i18n import t
from sti_geo.text.safe_text import markdown as inert
from sti_geo.views.district import district_ids, district_labels
from sti_geo.views.industry import cluster_ids, cluster_labels
from sti_geo.views.params import NotAChoice, Param, fixed_choice
from sti_geo.views.params import choice as choice_of

PAGE = "export"
SCOPES = ("all", "layer", "district", "industry")

catalog = page.state.catalog_or_stop()
layer_ids = list(catalog.layers)
districts = district_ids(catalog)
clusters = cluster_ids(catalog)
OTHER = "other"


region_bounds = data_bounds(catalog.layers, catalog.specs)


def _crs_id(value: str) -> str | None:
    """The CRS's id as the package spells it (epsg:4549 → EPSG:4549), or None if it is no CRS we write."""
    try:
        return output_crs(value).id
    except InputError:
        return None


def _fits(crs_id: str) -> bool:
    """Whether the named CRS's area of use covers the region's features (a zone two degrees away does not)."""
    try:
        check_covers(OUTPUT_CRS[crs_id], region_bounds)
    except InputError:
        return False
    return True


def _written_crs(_catalog: Catalog, value: str) -> str:
    if _crs_id(value) is None:
        raise NotAChoice(value)
    return value


SCOPE, FORMAT, CSV = (fixed_choice("scope", SCOPES), fixed_choice("format", FORMATS),
                      fixed_choice("csv_geometry", CSV_GEOMETRY))
LAYER = choice_of("layer", lambda catalog: ["", *catalog.specs])  # "": every layer (of a district's, a cluster's)
DISTRICT, INDUSTRY = choice_of("district", district_ids), choice_of("industry", cluster_ids)
CRS = Param("crs", "", _written_crs)
PARAMS = (SCOPE, LAYER, DISTRICT, INDUSTRY, FORMAT, CRS, CSV)
view, lang = page.start_page(PAGE, catalog, (), basemap=False, params=PARAMS)
st.title(t("export_title", lang))
st.caption(t("export_note", lang))

scope_default = view.get(SCOPE) or next((s for s in SCOPES if s in view.values), "all")
scope = st.radio(t("export_scope", lang), SCOPES, index=SCOPES.index(scope_default), horizontal=True,
                 format_func=lambda s: t(f"export_{s}", lang), key=keys.labelled(PAGE, "scope", lang))
narrowed = scope in ("district", "industry")  # a district's or a cluster's features: all layers or one
view.keep(("format", "crs", "csv_geometry", filtering.PARAM, scope, *(("layer",) if narrowed else ())))
view.set(SCOPE, scope)
filtering.controls(catalog, view, PAGE, [lid for lid, s in catalog.specs.items() if s.group != "base"])
selection = Selection()
if scope == "layer":
    titles = {lid: catalog.specs[lid].title_in(lang) for lid in layer_ids}
    selection = Selection(layer=page.pick(view, PAGE, LAYER, layer_ids, titles, t("export_layer", lang)))
elif scope == "district":
    selection = Selection(district=page.pick(view, PAGE, DISTRICT, districts,
                                             district_labels(catalog, lang), t("export_district", lang)))
elif scope == "industry":
    selection = Selection(industry=page.pick(view, PAGE, INDUSTRY, clusters,
                                             cluster_labels(catalog, lang), t("export_industry", lang)))
if narrowed:  # "the CSV of one district's parks": its parks alone, not every layer of the district
    plan_layers = ["", *(lid for lid in layer_ids if catalog.specs[lid].group != "base")]
    names = {"": t("export_every_layer", lang),
             **{lid: catalog.specs[lid].title_in(lang) for lid in plan_layers if lid}}
    only = page.pick(view, PAGE, LAYER, plan_layers, names, t("export_which_layers", lang))
    selection = replace(selection, layer=only or None)
selection = replace(selection, where=view.get(filtering.WHERE))
if selection.where:
    st.caption(inert(where_label(catalog, selection.where, lang)))

cols = st.columns(2)
fmt = cols[0].selectbox(t("export_format", lang), FORMATS, index=FORMATS.index(view.get(FORMAT) or "gpkg"),
                        format_func=FORMAT_LABELS.__getitem__, key=keys.widget(PAGE, "format"))
crs_ids = [c for c in OUTPUT_CRS if _fits(c)] + [OTHER]
crs_labels = {k: c.label_in(lang) for k, c in OUTPUT_CRS.items()} | {OTHER: t("export_other_crs", lang)}
if fmt in WGS84_ONLY:  # a separate, fixed widget: the user's CRS choice is kept for the other formats
    crs = cols[1].selectbox(t("export_crs", lang), [DEFAULT_CRS], format_func=crs_labels.__getitem__, disabled=True,
                            key=keys.labelled(PAGE, "crs_fixed", lang))
    cols[1].caption(t("export_wgs84_only", lang))
else:
    named = _crs_id(view.get(CRS) or DEFAULT_CRS) or DEFAULT_CRS
    choice = cols[1].selectbox(t("export_crs", lang), crs_ids,
                               index=crs_ids.index(named if named in crs_ids else OTHER),
                               format_func=crs_labels.__getitem__, key=keys.labelled(PAGE, "crs", lang))
    crs = choice
    if choice == OTHER:  # any EPSG code; checked below against the data before anything is built
        typed = cols[1].text_input(t("export_epsg", lang), value="" if named in crs_ids else named,
                                   key=keys.widget(PAGE, "epsg")).strip()
        crs = typed if typed.lower().startswith("epsg:") else f"EPSG:{typed}" if typed else DEFAULT_CRS
    view.set(CRS, crs)
view.set(FORMAT, fmt)
csv_geometry = DEFAULT_CSV_GEOMETRY
if fmt == "csv":
    csv_geometry = st.radio(t("export_csv_geometry", lang), CSV_GEOMETRY,
                            index=CSV_GEOMETRY.index(view.get(CSV) or DEFAULT_CSV_GEOMETRY),
                            format_func=lambda c: csv_geometry_label(c, lang), help=t("export_csv_help", lang),
                            key=keys.labelled(PAGE, "csv_geometry", lang))
    view.set(CSV, csv_geometry)
page.finish_page(view)

try:
    chosen = select_layers(catalog, selection)
except InputError as exc:
    st.warning(inert(exc))
    st.stop()
problem = uncovered(output_crs(crs), data_bounds(chosen, catalog.specs, catalog.layers))
if problem is not None:  # said in the page's language (the CLI says it in English)
    st.warning(inert(problem.message(lang)))
    st.stop()
st.markdown(f"**{t('export_contents', lang)}**")
# the layer's id stays as the column's values (the file names); the headers speak the page's language
headers = {c: t(f"export_contents_columns_{c}", lang) for c in ("layer", "title", "features")}
st.dataframe(pd.DataFrame([{"layer": lid, "title": catalog.specs[lid].title_in(lang), "features": len(gdf)}
                           for lid, gdf in chosen.items()]).rename(columns=headers),
             hide_index=True, width="stretch")

file_name = bundle_name(selection, fmt, len(chosen))


def _build() -> bytes:
    files = export_files(catalog, selection, fmt, crs, bundle=True, csv_geometry=csv_geometry)
    return next(iter(files.values()))


st.download_button(t("export_download", lang), data=_build, file_name=file_name, mime=media_type(file_name),
                   type="primary",
                   key=keys.widget(PAGE, "download"), on_click="ignore")
page.service_section(catalog, lang)
