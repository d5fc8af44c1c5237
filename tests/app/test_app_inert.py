"""AppTest: text from files and links is inert in every Streamlit element; state and widget keys never meet."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from sti_app import keys
from sti_geo.upload.layer import UploadedLayer, read_upload
from tests import upload_samples as samples
from tests.conftest import ROOT
from tests.inert import HOSTILE_MD, notices, raw_fragments, shown_text

APP = str(ROOT / "app.py")
PAGES = ("overview", "layout", "districts", "industries", "metrics", "upload", "export", "about")
MAP_PAGES = ("overview", "layout", "districts", "industries", "upload")
# Proto fields Streamlit renders as Markdown: element bodies (title, caption, markdown, alerts) and labels;
# radio and pills options too. Selectbox options and table cells are plain text.
MARKDOWN_FIELDS = ("body", "label", "help")
MARKDOWN_OPTIONS = ("Radio", "ButtonGroup")
INTERNAL_ID = re.compile(r"^[0-9a-f]{64}$")  # Streamlit's own id for a component it keys itself


def hostile_layer(layers: tuple[str, ...] = ()) -> UploadedLayer:
    """An upload whose name, layer names, CSV columns, CRS name, attributes and notices are all hostile."""
    layer = read_upload(samples.geojson(), "sites.geojson")
    frame = layer.frame.assign(**{HOSTILE_MD: HOSTILE_MD})
    frame.loc[0, "name"] = HOSTILE_MD
    return UploadedLayer(name=HOSTILE_MD, file_name=f"{HOSTILE_MD}.csv", format="csv", frame=frame,
                         source_crs=HOSTILE_MD, layers=list(layers), columns=[HOSTILE_MD, "lon", "lat"],
                         notices=[("several_layers", {"count": 2, "layer": HOSTILE_MD}),
                                  ("crs_overridden", {"file": HOSTILE_MD, "picked": "EPSG:4326"})])


def _run(page: str, layer: UploadedLayer | None = None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    if layer is not None:
        at.session_state[keys.UPLOAD_LAYER] = layer
        at.session_state[keys.UPLOAD_VISIBLE] = True
    at.switch_page(f"pages/{page}_page.py").run()
    assert not at.exception, (page, at.exception)
    return at


def _leaves(node) -> Iterator:
    children = getattr(node, "children", None)
    if children:
        for child in children.values() if isinstance(children, dict) else children:
            yield from _leaves(child)
    else:
        yield node


def markdown_texts(at: AppTest) -> list[tuple[str, str]]:
    """(element type, text) for every string Streamlit will render as Markdown on this page."""
    out = []
    for node in _leaves(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = type(node).__name__
        if kind == "Html":  # HTML, not Markdown: escaped by sti_geo.text.safe_text.text (checked below)
            continue
        for field, value in proto.ListFields():
            if field.name in MARKDOWN_FIELDS and isinstance(value, str):
                out.append((kind, value))
            elif field.name == "options" and kind in MARKDOWN_OPTIONS:
                out += [(kind, getattr(o, "content", o)) for o in value]
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_hostile_upload_and_link_text_is_inert_in_every_element(page, lang):
    at = _run(page, hostile_layer(("a", "b")), lang=lang, basemap="_i_**B**")
    texts = markdown_texts(at)
    leaks = [(kind, text[:80], raw_fragments(text)) for kind, text in texts if raw_fragments(text)]
    assert leaks == []
    assert not any("<img src=x" in h.proto.body for h in at.get("html"))
    shown = [shown_text(text) for _, text in texts] + [notices(at)]
    assert any("basemap=_i_" in s for s in shown)  # the ignored link value is echoed, as text
    if page in MAP_PAGES:  # the own layer's toggle names it, as text
        assert any(HOSTILE_MD[:20] in shown_text(text) for kind, text in texts if kind == "Checkbox")
    if page == "upload":  # loaded message and notices: name, CRS and the file's layer name shown literally
        assert sum(HOSTILE_MD in s for s in shown) >= 3


def test_choosing_a_layer_of_a_multi_layer_upload_keeps_the_layer():
    """Regression: the layer selectbox's key was the key the layer itself lived under."""
    at = _run("upload", hostile_layer(("roads", "sites")))
    at.selectbox(key=keys.widget("upload", "layer")).set_value("sites").run()
    assert not at.exception
    assert isinstance(at.session_state[keys.UPLOAD_LAYER], UploadedLayer)
    for page in MAP_PAGES:
        at.switch_page(f"pages/{page}_page.py").run()
        assert not at.exception, (page, at.exception)
        assert any(HOSTILE_MD[:20] in shown_text(c.label) for c in at.sidebar.checkbox)


@pytest.mark.parametrize("page", PAGES)
def test_widget_keys_and_state_keys_live_in_separate_namespaces(page):
    at = _run(page, hostile_layer(("roads", "sites")))
    widget_keys = {node.key for node in _leaves(at._tree) if getattr(node, "key", None)}
    state_keys = set(at.session_state.keys()) - widget_keys
    assert widget_keys and state_keys
    assert not widget_keys & state_keys
    assert all(keys.is_widget(k) or INTERNAL_ID.match(k) for k in widget_keys), widget_keys
    assert all(keys.is_state(k) for k in state_keys if not INTERNAL_ID.match(k)), state_keys
    assert not any(keys.is_state(k) for k in widget_keys)
