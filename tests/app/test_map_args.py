"""One prepared map serves every session; a session's own layer never reaches another's map."""

from __future__ import annotations

import json

import pytest

from sti_app import folium_component
from sti_geo.map import mapview
from tests.app.test_app import _app


@pytest.fixture
def builds(monkeypatch) -> list[str]:
    """Each map built (its page's state key), from an empty shared store."""
    folium_component._shared_args.clear()
    made: list[str] = []
    real = mapview.base_map

    def counting(*args, **kwargs):
        made.append(kwargs.get("state_key", ""))
        return real(*args, **kwargs)

    monkeypatch.setattr(mapview, "base_map", counting)
    yield made
    folium_component._shared_args.clear()


def _map_args(at) -> dict:
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def test_a_second_visitor_gets_the_map_already_prepared(builds):
    first = _app()
    first.run()
    second = _app(lang="en")  # another session, another language: another map
    second.run()
    third = _app()
    third.run()
    assert not (first.exception or second.exception or third.exception)
    assert builds == ["overview", "overview"]  # zh once, en once; the third session built nothing
    assert _map_args(first) == _map_args(third)


def _own(name: str):
    """A session whose own layer is one square called ``name``, on the overview."""
    from sti_app import keys
    from sti_geo.upload.layer import read_upload
    from tests import upload_samples as samples

    square = {"type": "Feature", "properties": {"名称": name}, "geometry": samples.SQUARE.__geo_interface__}
    at = _app()
    at.session_state[keys.UPLOAD_LAYER] = read_upload(samples.geojson([square]), f"{name}.geojson")
    at.session_state[keys.UPLOAD_VISIBLE] = True
    at.session_state[keys.UPLOAD_SUMMARY] = {}
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_sessions_own_layer_is_its_own_map_and_nobody_elses(builds):
    _app().run()
    mine, yours = _own("甲站点"), _own("乙站点")  # both sessions' first upload: the same upload version
    assert builds == ["overview"] * 3  # each own layer's map is that session's own
    assert "甲站点" in _map_args(mine)["feature_group"] and "乙站点" not in _map_args(mine)["feature_group"]
    assert "乙站点" in _map_args(yours)["feature_group"] and "甲站点" not in _map_args(yours)["feature_group"]
    other = _app()
    other.run()
    assert builds == ["overview"] * 3
    plain = _map_args(other)["feature_group"]
    assert "甲站点" not in plain and "乙站点" not in plain
