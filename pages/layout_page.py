"""空间布局 Layout: the plan's spatial structure, one element at a time or together, and the presenter tour."""

import streamlit as st

from sti_app import filtering, keys, mapwidget, page, printing, state
from sti_app.panel import PANEL_CSS, details_html
from sti_geo.text.i18n import field_in, t
from sti_geo.text.safe_text import markdown as inert
from sti_geo.views.details import feature_details
from sti_geo.views.layout import element_layers, element_names, element_rows, elements, scene_caption_html
from sti_geo.views.params import choice, flag, number_choice, subset
from sti_geo.views.tour import scene_bounds, scene_by_id, scene_features, scene_ids, scenes

PAGE = "layout"
NEXT, PREV, FIRST, LAST = keys.SCENE_BUTTONS  # named in keys: the map's runtime presses them
AUTOPLAY = (0, 5, 10, 20, 30, 60)  # seconds between scenes; 0 is off
# presenter mode: Streamlit's header and padding give way to the slide, the title stays on one line, and the
# slide alone (no sidebar) is what F makes fullscreen
SLIDE_CSS = """<style>
header[data-testid="stHeader"]{background:transparent;height:0}
[data-testid="stMainBlockContainer"]{padding-top:.75rem;padding-bottom:0}
[data-testid="stMainBlockContainer"] h1{font-size:1.75rem;padding:0 3rem .25rem 0;white-space:nowrap;overflow:hidden;
text-overflow:ellipsis}
[data-testid="stMain"]:fullscreen{background:#fff;overflow:auto}
.st-key-sti_slide_side{overflow-y:auto;overflow-x:hidden}
.sti-scene h2{font-size:1.8rem}
</style>"""

catalog = state.catalog_or_stop()
ELEMENTS, SCENES, SCENE_IDS = elements(catalog), scenes(catalog), scene_ids(catalog)
# sent to the map once, in drawing order; scenes and pills only show or hide them
ALL_LAYERS = tuple(lid for lid in catalog.specs
                   if lid in {*element_layers(catalog, ELEMENTS), *(lid for s in SCENES for lid in s.layers)})
SCENE = choice("scene", scene_ids)
SHOWN_ELEMENTS = subset("elements", elements)  # (): every element, as the link leaves it out
PRESENT = flag("present")
AUTOPLAY_SECS = number_choice("autoplay", AUTOPLAY)
view, lang = page.start_page(PAGE, catalog, (), params=(SCENE, SHOWN_ELEMENTS, PRESENT, AUTOPLAY_SECS))
NAMES = element_names(catalog, lang)
st.html(PANEL_CSS)
layout = catalog.manifest.get("layout", {})
st.title(inert(layout.get(field_in("title", lang), t("layout_title", lang))))
if not ELEMENTS or not SCENES:
    page.finish_page(view)
    st.info(t("layout_none", lang))
    st.stop()


@st.fragment
def map_area() -> None:
    """Presenter controls or element pills, the map and the side: a click or a scene reruns only this."""
    present = st.sidebar.toggle(t("layout_present", lang), value=view.get(PRESENT),
                                key=keys.widget(PAGE, keys.PRESENT_TOGGLE))
    view.set(PRESENT, present)

    if present:
        scene = scene_by_id(catalog, view.get(SCENE) or SCENE_IDS[0])
        i = SCENE_IDS.index(scene.id)

        def _go(step: int = 0, to: int | None = None) -> None:
            # from the scene the view is on when the press arrives, not the one this run drew its buttons for:
            # presses can arrive faster than runs
            now = SCENE_IDS.index(scene_by_id(catalog, view.get(SCENE) or SCENE_IDS[0]).id)
            new = SCENES[to if to is not None else (now + step) % len(SCENES)]
            view.set(SCENE, new.id)
            mapwidget.fly_to_bounds(view, scene_bounds(catalog, new))

        if not view.get(SCENE):
            _go(0)
        asked = view.get(AUTOPLAY_SECS)
        autoplay = st.sidebar.selectbox(t("layout_autoplay", lang), AUTOPLAY, key=keys.labelled(PAGE, "autoplay", lang),
                                        index=AUTOPLAY.index(asked),
                                        format_func=lambda n: t("layout_every", lang, n=n) if n
                                        else t("layout_off", lang))
        view.set(AUTOPLAY_SECS, autoplay)
        nav = st.columns([0.5, 1, 2.4, 1, 0.5])
        last = len(SCENES) - 1
        nav[0].button("◀◀", on_click=_go, kwargs={"to": 0}, key=keys.widget(PAGE, FIRST), width="stretch",
                      help=t("layout_first", lang), disabled=i == 0)
        nav[1].button(t("layout_prev", lang), on_click=_go, args=(-1,), key=keys.widget(PAGE, PREV), width="stretch")
        count = t("layout_scene", lang, i=i + 1, n=len(SCENES))
        nav[2].markdown(f"<div class='{keys.SCENE_COUNT}'>{count}</div>",
                        unsafe_allow_html=True)
        nav[3].button(t("layout_next", lang), on_click=_go, args=(1,), key=keys.widget(PAGE, NEXT), width="stretch")
        nav[4].button("▶▶", on_click=_go, kwargs={"to": last}, key=keys.widget(PAGE, LAST), width="stretch",
                      help=t("layout_last", lang), disabled=i == last)
        layers, highlight = scene.layers, scene_features(catalog, scene)
    else:
        chosen = st.sidebar.pills(t("layout_elements", lang), ELEMENTS, selection_mode="multi",
                                  key=keys.labelled(PAGE, "elements", lang),
                                  format_func=lambda e: inert(NAMES[e]),
                                  # "" (kept when all are on) means all, as in the link: drawn afresh after
                                  # presenter mode the pills read it, and "" took every element off
                                  default=[e for e in (view.get(SHOWN_ELEMENTS) or ELEMENTS) if e in ELEMENTS])
        view.set(SHOWN_ELEMENTS, tuple(chosen) if set(chosen) != set(ELEMENTS) else ())
        layers, highlight, autoplay = element_layers(catalog, chosen), [], 0
        view.set(AUTOPLAY_SECS, 0)
    view.layers = tuple(layers)
    filtering.controls(catalog, view, PAGE, ALL_LAYERS)  # this fragment reruns on a change: no target needed
    hidden = filtering.hidden(catalog, view, ALL_LAYERS)
    mapwidget.search_box(catalog, view, PAGE, sidebar=True, hidden=hidden)
    page.finish_page(view)

    if present:
        # a slide: title, scene controls, map and caption on one screen; what only the presenter needs
        # (printing, the handout, the keys) waits in the sidebar (js/slide.mjs fits the map to the screen)
        st.html(SLIDE_CSS)
        with st.sidebar:
            filtering.count_line(catalog, view, layers)
            st.caption(t("layout_keys", lang))
            printing.print_control(catalog, view, PAGE, layers, highlight, title=scene.title_in(lang), hidden=hidden)
            printing.tour_button(catalog, view, PAGE)
    map_col, side_col = st.columns([2.3, 1] if present else [3, 1.6], gap="medium")
    with map_col:
        if state.assets_ok(lang):
            # no keyed rerun for a pan here: the scene buttons share this fragment, and a click folded into
            # a pan's run would lose its rerun to it (see fragments.running_alone)
            mapwidget.map_widget(catalog, view, PAGE, layer_ids=ALL_LAYERS, height=640)
        mapwidget.map_state(view, PAGE, layers, highlight, presenting=present, autoplay=autoplay, hidden=hidden)
        if not present:
            filtering.count_line(catalog, view, layers)
            st.caption(t("layout_fullscreen", lang))
    with side_col.container(key=keys.SLIDE_SIDE):
        if present:
            st.html(scene_caption_html(catalog, scene, lang))
        else:
            printing.print_control(catalog, view, PAGE, layers, highlight, hidden=hidden)
            mapwidget.legend(catalog, view, layers, hidden)
            for element in chosen:
                with st.expander(inert(NAMES[element]), expanded=len(chosen) <= 2):
                    for fid in (f for f in element_rows(catalog, element) if f not in hidden):
                        st.html(details_html(feature_details(catalog, fid, lang), lang))
        if view.selected:
            page.selected_panel(catalog, view, lang, PAGE)


map_area()
