"""Rerun only some keyed fragments from a widget callback, safely across page switches."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

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
