"""我的图层 My layer: upload an own layer, see where it sits in the plan, export it with that summary."""

import secrets

import streamlit as st

from sti_app import compare_panel, keys, mapwidget, page, state, upload
from sti_app.upload_form import CRS_CHOICES, ENCODINGS, UPLOAD_TEXT, options_from_form, read_or_message
from sti_geo.export.bundle import FORMAT_LABELS, FORMATS, WGS84_ONLY, media_type
from sti_geo.export.spreadsheet import CSV_GEOMETRY, DEFAULT_CSV_GEOMETRY, csv_geometry_label
from sti_geo.geo.crs import DEFAULT_CRS, OUTPUT_CRS
from sti_geo.model.specs import BASE_BOUNDARIES, DISTRICTS, NAMED_AREAS, PARKS, PLATFORMS
from sti_geo.text.safe_text import csv_safe_frame
from sti_geo.text.safe_text import markdown as inert
from sti_geo.upload.export import export_file_name, upload_export
from sti_geo.upload.messages import message

PAGE = "upload"
LAYERS = (DISTRICTS, NAMED_AREAS, PARKS, PLATFORMS)

catalog = state.catalog_or_stop()
view, lang = page.start_page(PAGE, catalog, LAYERS, extra=compare_panel.url_rules(catalog))
tx = UPLOAD_TEXT[lang]
settings = state.settings()  # the session's pack (the one the page's catalog came from)
st.title(tx["title"])
st.caption(tx["intro"].format(mb=f"{settings.upload_max_mb:g}", features=settings.upload_max_features))

nonce = st.session_state.setdefault(keys.UPLOAD_NONCE, secrets.token_hex(4))
file = st.file_uploader(tx["file"], key=keys.widget(PAGE, f"file:{nonce}"))
last = upload.current()
with st.expander(tx["options"], expanded=bool(last and (last.layers or last.format == "csv"))):
    cols = st.columns(3)
    crs_choice = cols[0].selectbox(tx["crs"], list(CRS_CHOICES), format_func=lambda k: CRS_CHOICES[k][lang],
                                   key=state.carried(PAGE, "crs", lang))
    crs_other = cols[0].text_input(tx["crs_other"], key=keys.widget(PAGE, "crs_other")) if crs_choice == "other" else ""
    encoding = cols[1].selectbox(tx["encoding"], list(ENCODINGS), format_func=lambda k: ENCODINGS[k][lang],
                                 key=state.carried(PAGE, "encoding", lang))
    gcj02 = cols[2].checkbox(tx["gcj02"], key=keys.widget(PAGE, "gcj02"))
    layer_name = x_col = y_col = wkt_col = None
    if last is not None and len(last.layers) > 1:
        layer_name = st.selectbox(tx["layer"], last.layers, key=keys.widget(PAGE, "layer"))
    if last is not None and last.format == "csv" and last.columns:
        c1, c2, c3 = st.columns(3)
        auto = ["", *last.columns]
        x_col = c1.selectbox(tx["x_col"], auto, key=keys.widget(PAGE, "x")) or None
        y_col = c2.selectbox(tx["y_col"], auto, key=keys.widget(PAGE, "y")) or None
        wkt_col = c3.selectbox(tx["wkt_col"], auto, key=keys.widget(PAGE, "wkt")) or None

options = options_from_form(crs_choice, crs_other, encoding, gcj02, layer_name, x_col, y_col, wkt_col)
if file is not None:
    token = (file.file_id, options)
    if st.session_state.get(keys.UPLOAD_TOKEN) != token:
        st.session_state[keys.UPLOAD_TOKEN] = token
        bounds = tuple(catalog.layers[BASE_BOUNDARIES].total_bounds)
        layer, problem = read_or_message(file.getvalue(), file.name, options, settings, bounds, lang)
        st.session_state[keys.UPLOAD_PROBLEM] = problem
        if layer is not None:
            upload.store(layer)
            view.selected = None
            mapwidget.fly_to_bounds(view, layer.frame.total_bounds)
            form = (layer.layers, layer.columns if layer.format == "csv" else [])
            if (len(layer.layers) > 1 or form[1]) and (last is None or (last.layers, last.columns) != form):
                st.rerun()  # the reading options above were drawn for the previous file: offer this one's
problem = st.session_state.get(keys.UPLOAD_PROBLEM) if file is not None else None
if problem:
    st.error(inert(problem))
    if upload.current() is not None:
        st.caption(tx["kept"].format(name=inert(upload.current().name)))

layer = upload.current()
if layer is None:
    page.finish_page(view, LAYERS)
    st.info(tx["none"])
    st.stop()

for code, params in layer.notices:
    st.warning(inert(message(code, params, lang)))
st.markdown(tx["loaded"].format(name=inert(layer.name), n=len(layer.frame), fmt=layer.format,
                                crs=inert(layer.source_crs)))
if st.button(tx["remove"], key=keys.widget(PAGE, "remove")):
    upload.clear()
    st.session_state.pop(keys.UPLOAD_TOKEN, None)
    st.rerun()


def side() -> None:
    """The clicked feature's panel, the layer's summary and its download."""
    if view.selected:
        page.selected_panel(catalog, view, lang, PAGE)
    summary = upload.summary(catalog, lang)
    st.markdown(f"**{tx['summary']}**")
    # the table's own "Download as CSV" writes what it shows: the layer's names and values made spreadsheet-safe
    st.dataframe(csv_safe_frame(summary.rename(columns=tx["columns"])), hide_index=True, width="stretch")
    st.caption(tx["summary_note"])
    cols = st.columns(2)
    fmt = cols[0].selectbox(tx["format"], FORMATS, format_func=FORMAT_LABELS.__getitem__,
                            key=keys.widget(PAGE, "format"))
    crs_ids = [DEFAULT_CRS] if fmt in WGS84_ONLY else list(OUTPUT_CRS)
    crs = cols[1].selectbox(tx["out_crs"], crs_ids, key=state.carried(PAGE, "out_crs", lang),
                            format_func=lambda k: OUTPUT_CRS[k].label_in(lang))
    csv_geometry = DEFAULT_CSV_GEOMETRY
    if fmt == "csv":
        csv_geometry = st.radio(tx["csv_geometry"], CSV_GEOMETRY, format_func=lambda c: csv_geometry_label(c, lang),
                                key=state.carried(PAGE, "csv_geometry", lang))
    name = export_file_name(layer, fmt)

    def _build() -> bytes:
        return upload_export(layer, summary, fmt, crs, catalog.manifest.get("plan_title_en", ""), csv_geometry)[1]

    st.download_button(tx["download"], data=_build, file_name=name, mime=media_type(name),
                       key=keys.widget(PAGE, "download"), on_click="ignore", type="primary")


page.map_and_side(catalog, view, lang, PAGE, LAYERS, side=side, compare=True)
