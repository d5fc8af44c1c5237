"""The map component's arguments are prepared as streamlit-folium itself would (pinned 0.27.4).

``sti_app.folium_component`` uses streamlit-folium's helper functions and hands the component what
``st_folium`` would; if an upgrade changes either, this test fails before a user sees a broken map.
"""

from __future__ import annotations

import re

import streamlit_folium as sf

from sti_app import folium_component
from sti_geo.map import mapview

_FOLIUM_ID = re.compile(r"[0-9a-f]{32}")  # folium numbers every object per instance


def _map_and_groups(catalog):
    fmap = mapview.base_map(catalog, lang="zh", state_key="overview")
    groups = [mapview.overlay_group(catalog, lid, lang="zh") for lid in ("districts", "parks")]
    return fmap, groups


def _same(value):
    return _FOLIUM_ID.sub("ID", value) if isinstance(value, str) else value


def test_prepared_arguments_equal_what_st_folium_sends(catalog, monkeypatch):
    seen = {}
    monkeypatch.setattr(sf, "_component_func", lambda **kwargs: seen.update(kwargs))
    fmap, groups = _map_and_groups(catalog)
    sf.st_folium(fmap, key="w:overview:map", height=620, use_container_width=True, returned_objects=[],
                 feature_group_to_add=groups, center=(37.2, 122.1), zoom=9)
    fmap, groups = _map_and_groups(catalog)
    ours = folium_component.component_args(fmap, groups, "w:overview:map", 620)
    theirs = {k: v for k, v in seen.items() if k not in ("center", "zoom", "on_change")}
    assert set(ours) == set(theirs)
    for name, value in ours.items():
        assert _same(value) == _same(theirs[name]), name
    assert "window.stiMap.add(" in ours["feature_group"]


def test_the_map_script_does_not_change_with_what_the_user_does(catalog):
    """Selection, highlights and visibility travel in the state element, so the component keeps its key."""
    first = folium_component.component_args(*_map_and_groups(catalog), "w:overview:map", 620)
    again = folium_component.component_args(*_map_and_groups(catalog), "w:overview:map", 620)
    assert first["key"] == again["key"] and _same(first["feature_group"]) == _same(again["feature_group"])
    state = mapview.map_state_html("overview", ["parks"], "p_x", ["a", "a", "b"])
    assert 'data-map="overview"' in state and "&quot;highlight&quot;:[&quot;a&quot;,&quot;b&quot;]" in state
