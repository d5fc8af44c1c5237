"""The own layer's version: what the map's prepared arguments are keyed on (never ``id(layer)``)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script() -> None:
    import streamlit as st

    from sti_app import upload
    from sti_geo.upload.layer import read_upload
    from tests import upload_samples as samples

    seen = [upload.version()]
    for _ in range(2):
        upload.store(read_upload(samples.geojson(), "sites.geojson"))
        seen.append(upload.version())
    upload.clear()
    seen.append(upload.version())
    upload.store(read_upload(samples.geojson(), "sites.geojson"))
    seen.append(upload.version())
    st.session_state["seen"] = seen


def test_every_upload_and_removal_is_a_new_version_never_repeated():
    at = AppTest.from_function(_script).run()
    assert not at.exception
    seen = at.session_state["seen"]
    assert seen == sorted(set(seen)) and len(seen) == 5
