"""The load generator's reliance on Streamlit's protocol (bench/wsload.py): pinned version, and it still works.

wsload speaks the installed Streamlit's protobuf messages as the browser's frontend does; an upgrade that
changes them fails here, not silently in a benchmark.
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys

import streamlit

from tests.browser.conftest import ARTIFACTS, free_port, start_app, stop_app
from tests.conftest import ROOT


def _wsload():
    spec = importlib.util.spec_from_file_location("wsload", ROOT / "bench" / "wsload.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["wsload"] = module
    spec.loader.exec_module(module)
    return module


def test_the_pinned_version_is_the_installed_one():
    assert streamlit.__version__ == _wsload().STREAMLIT_VERSION


def test_a_protocol_session_loads_clicks_and_toggles_as_a_browser_does():
    wsload = _wsload()
    port = free_port()
    proc = start_app(port, ARTIFACTS / "streamlit-protocol.log")

    async def drive() -> tuple:
        session = wsload.WsSession(f"http://127.0.0.1:{port}")
        try:
            await session.open()
            assert session.map is not None and session.page_hash  # the map component and the page were learnt
            clicked = await session.click("rongcheng")
            wrong = await session.click("no_such_feature")  # a click on nothing opens no panel
            belt = next(label for label in session.checkboxes if label.startswith(wsload.BELT))
            before = session.checkboxes[belt].value
            toggled = await session.toggle(wsload.BELT)
            return clicked, wrong, before, session.checkboxes[belt].value, toggled
        finally:
            await session.close()

    try:
        clicked, wrong, before, after, toggled = asyncio.run(drive())
    finally:
        stop_app(proc)
    assert clicked[1] and not wrong[1]
    assert after is (not before) and toggled[1]
