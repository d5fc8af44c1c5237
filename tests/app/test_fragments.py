"""rerun_only must not fail a run on an unknown fragment; running_alone says when a callback may narrow a rerun."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def _script() -> None:
    import streamlit as st

    from sti_app.fragments import rerun_only

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1

    @st.fragment(key="f:here")
    def here() -> None:
        st.button("elsewhere", key="elsewhere", on_click=lambda: rerun_only("f:gone"))
        st.button("nothing", key="nothing", on_click=lambda: rerun_only())

    here()


def test_an_unknown_fragment_means_a_full_run_not_an_error():
    at = AppTest.from_function(_script).run()
    at.button(key="elsewhere").click().run()
    assert not at.exception
    assert at.session_state["runs"] == 2


def test_other_misuse_still_raises():
    at = AppTest.from_function(_script).run()
    at.button(key="nothing").click().run()
    assert at.exception and "empty list" in at.exception[0].message


def _alone_script() -> None:
    import streamlit as st

    from sti_app.fragments import running_alone

    @st.fragment(key="f:map")
    def here() -> None:
        st.button("go", key="go", on_click=lambda: st.session_state.update(alone=running_alone()))

    here()


def test_a_full_run_is_never_a_fragment_alone():
    """AppTest runs the whole script: a callback must not narrow such a run to one fragment."""
    at = AppTest.from_function(_alone_script).run()
    at.button(key="go").click().run()
    assert at.session_state["alone"] is False


@pytest.mark.parametrize(("running", "own", "alone"), [
    (["frag-map"], "frag-map", True),                # the map's own fragment, nothing folded in
    (["frag-side", "frag-map"], "frag-map", False),  # another fragment's interaction folded in
    ([], "frag-map", False),                         # a full run (e.g. the language picked meanwhile)
    (["frag-map"], None, False),                     # a widget outside any fragment
])
def test_running_alone_only_for_the_widgets_own_fragment(monkeypatch, running, own, alone):
    from types import SimpleNamespace

    from sti_app import fragments

    monkeypatch.setattr(fragments, "get_script_run_ctx", lambda: SimpleNamespace(fragment_ids_this_run=running))
    monkeypatch.setattr(fragments.ThreadState, "get", staticmethod(lambda: SimpleNamespace(fragment_id=own)))
    assert fragments.running_alone() is alone
