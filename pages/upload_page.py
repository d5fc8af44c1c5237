"""我的图层 My layer: upload an own layer, see where it sits in the plan, export it with that summary."""

import secrets

import streamlit as st

from sti_app import keys, mapwidget, page, state, upload
from sti_app.panels import every_panel
from sti_app.upload_form import CRS_CHOICES, ENCODINGS, options_from_form, read_or_message
from sti_geo.export.bundle import FORMAT_LABELS, FORMATS, WGS84_ONLY, media_type
from sti_geo.export.spreadsheet import CSV_GEOMETRY, DEFAULT_CSV_GEOMETRY, csv_geometry_label
from sti_geo.geo.crs import DEFAULT_CRS, OUTPUT_CRS
from sti_geo.model.specs import BASE_BOUNDARIES, DISTRICTS, NAMED_AREAS, PARKS, PLATFORMS
from sti_geo.text.i18n import t
from sti_geo.text.safe_text import csv_safe_frame
from sti_geo.text.safe_text import markdown as inert
from sti_geo.upload.export import export_file_name, upload_export
from sti_geo.upload.messages import message

PAGE = "upload"
LAYERS = (DISTRICTS, NAMED_AREAS, PARKS, PLATFORMS)

catalog = state.catalog_or_stop()
PANELS = every_panel(compare=True)
view, lang = page.start_page(PAGE, catalog, LAYERS, panels=PANELS)
settings = state.settings()  # the session's pack (the one the page's catalog came from)
st.title(t("upload_title", lang))
st.caption(t("upload_intro", lang).format(mb=f"{settings.upload_max_mb:g}", features=settings.upload_max_features))

nonce = st.session_state.setdefault(keys.UPLOAD_NONCE, secrets.token_hex(4))
file = st.file_uploader(t("upload_file", lang), key=keys.widget(PAGE, f"file:{nonce}"))
last = upload.current()
with st.expander(t("upload_options", lang), expanded=bool(last and (last.layers or last.format == "csv"))):
    cols = st.columns(3)
    crs_choice = cols[0].selectbox(t("upload_crs", lang), CRS_CHOICES,
                                   format_func=lambda k: t(f"upload_crs_choice_{k}", lang),
                                   key=state.carried(PAGE, "crs", lang))
    crs_other = (cols[0].text_input(t("upload_crs_other", lang), key=keys.widget(PAGE, "crs_other"))
                 if crs_choice == "other" else "")
    encoding = cols[1].selectbox(t("upload_encoding", lang), ENCODINGS,
                                 format_func=lambda k: t(f"upload_enc_{k}", lang),
                                 key=state.carried(PAGE, "encoding", lang))
    gcj02 = cols[2].checkbox(t("upload_gcj02", lang), key=keys.widget(PAGE, "gcj02"))
    layer_name = x_col = y_col = wkt_col = None
    if last is not None and len(last.layers) > 1:
        layer_name = st.selectbox(t("upload_layer", lang), last.layers, key=keys.widget(PAGE, "layer"))
    if last is not None and last.format == "csv" and last.columns:
        c1, c2, c3 = st.columns(3)
        auto = ["", *last.columns]
        x_col = c1.selectbox(t("upload_x_col", lang), auto, key=keys.widget(PAGE, "x")) or None
        y_col = c2.selectbox(t("upload_y_col", lang), auto, key=keys.widget(PAGE, "y")) or None
        wkt_col = c3.selectbox(t("upload_wkt_col", lang), auto, key=keys.widget(PAGE, "wkt")) or None

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
        st.caption(t("upload_kept", lang).format(name=inert(upload.current().name)))

layer = upload.current()
if layer is None:
    page.finish_page(view, LAYERS)
    st.info(t("upload_none", lang))
    st.stop()

for code, params in layer.notices:
    st.warning(inert(message(code, params, lang)))
st.markdown(t("upload_loaded", lang).format(name=inert(layer.name), n=len(layer.frame), fmt=layer.format,
                                crs=inert(layer.source_crs)))
if st.button(t("upload_remove", lang), key=keys.widget(PAGE, "remove")):
    upload.clear()
    st.session_state.pop(keys.UPLOAD_TOKEN, None)
    st.rerun()


def side() -> None:
    """The clicked feature's panel, the layer's summary and its download."""
    if view.selected:
        page.selected_panel(catalog, view, lang, PAGE)
    summary = upload.summary(catalog, lang)
    st.markdown(f"**{t('upload_summary', lang)}**")
    # the table's own "Download as CSV" writes what it shows: the layer's names and values made spreadsheet-safe
    headers = {c: t(f"upload_columns_{c}", lang) for c in summary.columns}
    st.dataframe(csv_safe_frame(summary.rename(columns=headers)), hide_index=True, width="stretch")
    st.caption(t("upload_summary_note", lang))
    cols = st.columns(2)
    fmt = cols[0].selectbox(t("upload_format", lang), FORMATS, format_func=FORMAT_LABELS.__getitem__,
                            key=keys.widget(PAGE, "format"))
    crs_ids = [DEFAULT_CRS] if fmt in WGS84_ONLY else list(OUTPUT_CRS)
    crs = cols[1].selectbox(t("upload_out_crs", lang), crs_ids, key=state.carried(PAGE, "out_crs", lang),
                            format_func=lambda k: OUTPUT_CRS[k].label_in(lang))
    csv_geometry = DEFAULT_CSV_GEOMETRY
    if fmt == "csv":
        csv_geometry = st.radio(t("upload_csv_geometry", lang), CSV_GEOMETRY,
                                format_func=lambda c: csv_geometry_label(c, lang),
                                key=state.carried(PAGE, "csv_geometry", lang))
    name = export_file_name(layer, fmt)

    def _build() -> bytes:
        return upload_export(layer, summary, fmt, crs, catalog.manifest.get("plan_title_en", ""), csv_geometry)[1]

    st.download_button(t("upload_download", lang), data=_build, file_name=name, mime=media_type(name),
                       key=keys.widget(PAGE, "download"), on_click="ignore", type="primary")


page.map_and_side(catalog, view, lang, PAGE, LAYERS, side=side, panels=PANELS)
