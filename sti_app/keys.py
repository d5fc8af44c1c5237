"""Every session-state key and every widget key, in two namespaces that cannot meet.

A widget writes its value into ``st.session_state[key]``. When a widget key equalled a key the
app kept its own objects under (``upload:layer``), choosing a layer overwrote the uploaded layer
with a string and every page of that session crashed. So: state keys are constants here and start
with ``s:``; widget keys are built by :func:`widget` and start with ``w:``. A test walks every page
and checks both rules.

Callbacks read their widget's value with ``st.session_state.get(key)`` and do nothing on ``None``:
right after a page switch Streamlit can run a sidebar widget's ``on_change`` before that page has
drawn the widget, and ``st.session_state[key]`` then raises (seen under ``bench/isolation.py``).
"""

from __future__ import annotations

import re
from typing import Any

from sti_geo.map.mapview import map_state_selector

STATE = "s:"
WIDGET = "w:"

LANG = f"{STATE}lang"
REGION = f"{STATE}region"
REGION_NOTICE = f"{STATE}region_notice"
UPLOAD_LAYER = f"{STATE}upload:layer"
UPLOAD_VISIBLE = f"{STATE}upload:visible"
UPLOAD_SUMMARY = f"{STATE}upload:summary"
UPLOAD_DISPLAY = f"{STATE}upload:display"
UPLOAD_TOKEN = f"{STATE}upload:token"  # which file + options the current layer was read with
UPLOAD_PROBLEM = f"{STATE}upload:problem"
UPLOAD_EVER = f"{STATE}upload:ever"  # this session has had an own layer (removing it is no loss)
UPLOAD_LOST = f"{STATE}upload:lost"  # the link says there was an own layer this session does not have
UPLOAD_VERSION = f"{STATE}upload:version"  # counts stores and removals: names the own layer in map caches
UPLOAD_NONCE = f"{STATE}upload:nonce"  # a new session gets a fresh uploader, not a stale file chip
VIEW_PREFIX = f"{STATE}view:"
DECK = f"{STATE}deck"  # the handout last made in this session: (what it was made from, its PDF)
MAP_ARGS = f"{STATE}map:args"  # the map component's prepared arguments, by content (folium_component)

UPLOAD_KEYS = (UPLOAD_LAYER, UPLOAD_VISIBLE, UPLOAD_SUMMARY, UPLOAD_DISPLAY)


def print_choices(page: str) -> str:
    """The state key of the print settings chosen on ``page`` (kept while its popover is shut)."""
    return f"{STATE}print:{page}"


def view(page: str) -> str:
    """The state key of ``page``'s :class:`~sti_geo.views.permalink.View`."""
    return f"{VIEW_PREFIX}{page}"


def widget(page: str, name: str) -> str:
    """The key of widget ``name`` on ``page`` (``page`` may be ``"app"`` for widgets every page shares)."""
    return f"{WIDGET}{page}:{name}"


def labelled(page: str, name: str, lang: str) -> str:
    """The key of choice widget ``name`` on ``page`` whose options are shown in ``lang``: one widget per language.

    Streamlit 1.67 keeps a select box's (radio's, multiselect's) value as its option's label: after a language
    switch a keyed box went on showing the old language's label until a reload (streamlit#13788). Drawn under a
    key of the new language, the box is new and takes its index from the view (or the old box's value, see
    ``state.carried``).
    """
    return f"{widget(page, name)}@{lang}"


def fragment(page: str, name: str) -> str:
    """The key of fragment ``name`` on ``page`` (``st.fragment(key=…)``, the target of a keyed rerun)."""
    return f"f:{page}:{name}"


def is_state(key: object) -> bool:
    return str(key).startswith(STATE)


def is_widget(key: object) -> bool:
    return str(key).startswith(WIDGET)


# Elements of the page the map's runtime reaches (sti_geo/map/js/bridge.mjs): named here, once.
SLIDE_SIDE = "sti_slide_side"  # the Layout page's caption column: the runtime keeps it as tall as the map
SCENE_COUNT = "sti-scene-count"  # the class of the Layout page's "scene i of n"
SCENE_BUTTONS = ("next", "prev", "first", "last")  # the Layout page's widget names (``widget(page, name)``)
PRESENT_TOGGLE = "present"  # the Layout page's presenter-mode switch
# Streamlit 1.67's own elements (its frontend's names, not ours; tests/browser reach them too)
STREAMLIT_ELEMENTS = {
    "keyedContainer": '[class*="st-key-"]',
    "scriptState": "[data-test-script-state]",
    "scriptStateAttribute": "data-test-script-state",
    "main": '[data-testid="stMain"]',
    "sidebar": '[data-testid="stSidebar"]',
    "sidebarClose": 'button[aria-controls="stSidebar"]',
}


def element_class(key: str) -> str:
    """The class Streamlit gives the container of the element keyed ``key``.

    Streamlit 1.67's frontend: ``"st-key-" + key.trim().replaceAll(/[^a-zA-Z0-9_-]/g, "-")``.
    """
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def map_page_elements(page: str) -> dict[str, Any]:
    """The names of ``page``'s elements its map's runtime reads or presses: its state element, the scene
    buttons and presenter toggle, the layer toggles (a class prefix; the layer id follows), the own layer's
    toggle, the slide's side column, the scene counter, and Streamlit's own elements it needs."""
    return {
        "state": map_state_selector(page),
        "buttons": {name: f".{element_class(widget(page, name))} button" for name in SCENE_BUTTONS},
        "present": f".{element_class(widget(page, PRESENT_TOGGLE))} input",
        "layerToggle": element_class(widget(page, "layer:")),
        "uploadToggle": element_class(widget(page, "upload_visible")),
        "slideSide": f".{element_class(SLIDE_SIDE)}",
        "sceneCount": f".{SCENE_COUNT}",
        **STREAMLIT_ELEMENTS,
    }
