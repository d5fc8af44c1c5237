"""Rerun only some keyed fragments from a widget callback, safely across page switches."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

UNKNOWN_FRAGMENT = "rerun-unknown-fragment-key"  # Streamlit's error id for a key no fragment on the page has


def rerun_only(*names: str) -> None:
    """From a widget callback: rerun only the fragments keyed ``names`` (see ``keys.fragment``).

    Right after a page switch Streamlit can run the previous page's widget callbacks in the new page's
    run, where those fragments do not exist: then the run simply goes on as a full rerun (which is
    what the new page needs anyway) instead of failing with "No fragment found".
    """
    try:
        st.rerun(scope=list(names))
    except StreamlitAPIException as err:
        if getattr(err, "error_id", None) != UNKNOWN_FRAGMENT:
            raise


def running_alone() -> bool:
    """From a widget callback: whether this run is the widget's own fragment and nothing else.

    Streamlit folds interactions that arrive close together into one run, and a keyed rerun asked by
    one callback then replaces the rerun the others would get (widgets without a callback do not even
    ask), so their change would not be drawn: a language picked as the map reports a pan would stay
    unseen. A callback may narrow the rerun only when no other fragment, and not the whole page, is
    part of the run.
    """
    ctx = get_script_run_ctx()
    own = ThreadState.get().fragment_id
    return bool(ctx and own and list(ctx.fragment_ids_this_run or ()) == [own])
