"""rerun_only: a callback of a widget whose fragment is not on the page being run must not fail the run."""

from __future__ import annotations

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
