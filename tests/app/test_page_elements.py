"""The page's elements the map's runtime reaches are named by Python (``keys.map_page_elements``), as Streamlit
names them: the JavaScript reads no key format of its own."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit

from sti_app import keys

STATIC_JS = Path(streamlit.__file__).parent / "static" / "static" / "js"


def test_element_classes_are_made_as_streamlit_makes_them():
    # Streamlit 1.67's frontend: "st-key-" + key.trim().replaceAll(/[^a-zA-Z0-9_-]/g, "-")
    bundle = "".join(p.read_text(encoding="utf-8", errors="replace") for p in STATIC_JS.glob("index.*.js"))
    assert "`st-key-`+e.trim().replaceAll(/[^a-zA-Z0-9_-]/g,`-`)" in bundle  # pinned: a new Streamlit is checked
    assert keys.element_class("w:overview:layer:parks") == "st-key-w-overview-layer-parks"
    assert keys.element_class(" sti_slide_side ") == "st-key-sti_slide_side"
    assert keys.element_class("w:layout:next") == "st-key-w-layout-next"


def test_a_layer_toggle_is_found_by_the_prefix_given_to_the_map():
    names = keys.map_page_elements("overview")
    toggle = keys.element_class(keys.widget("overview", "layer:core_system"))
    assert toggle.startswith(names["layerToggle"]) and toggle[len(names["layerToggle"]):] == "core_system"
    assert names["uploadToggle"] == keys.element_class(keys.widget("overview", "upload_visible"))
    assert not keys.element_class(keys.widget("districts", "layer:parks")).startswith(names["layerToggle"])


def test_the_scene_buttons_and_the_state_element_are_the_page_s_own():
    names = keys.map_page_elements("layout")
    assert names["buttons"]["next"] == f".{keys.element_class(keys.widget('layout', 'next'))} button"
    assert set(names["buttons"]) == {"next", "prev", "first", "last"}
    assert names["state"] == '.sti-map-state[data-map="layout"]'
    assert names["slideSide"] == ".st-key-sti_slide_side"
    assert all(isinstance(v, (str, dict)) and v for v in names.values())
    assert re.fullmatch(r"\[data-test-script-state\]", names["scriptState"])
