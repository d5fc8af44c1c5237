"""The server is killed and restarted mid-session: the browser reconnects and the URL restores the view."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests import upload_samples as samples
from tests.browser.conftest import ARTIFACTS, Session, free_port, start_app, stop_app

pytestmark = pytest.mark.browser
LOST = "The layer you uploaded is gone"
RECONNECT_MS = 90_000  # Streamlit's frontend retries with a growing back-off


def _params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def _restart(proc, port: int, s: Session):
    """Kill the server, start a new one on the same port, wait for the page to reconnect, then rerun it.

    Streamlit's frontend reconnects by itself but reruns only on the user's next action (here "r", its
    rerun key); that run is the new server's first for this browser.
    """
    opened = s.page.evaluate("window.__sockets")
    stop_app(proc)
    proc = start_app(port, ARTIFACTS / "streamlit-restart.log")
    s.page.wait_for_function("n => window.__sockets > n", arg=opened, timeout=RECONNECT_MS)
    s.page.wait_for_timeout(500)
    s.page.locator("h1").first.click()  # focus the page, not a widget
    s.page.keyboard.press("r")
    return proc


def test_restart_keeps_the_view_and_says_the_own_layer_is_gone(browser, tmp_path):
    port = free_port()
    proc = start_app(port, ARTIFACTS / "streamlit-restart.log")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    s = Session(context.new_page(), f"http://127.0.0.1:{port}")
    s.page.set_default_timeout(30000)
    s.page.add_init_script("""(() => { window.__sockets = 0; const WS = window.WebSocket;
        window.WebSocket = function (...a) { window.__sockets += 1; return new WS(...a); };
        window.WebSocket.prototype = WS.prototype; Object.assign(window.WebSocket, WS); })()""")
    try:
        s.page.goto(f"{s.base}/my-layer?lang=en")
        sites = tmp_path / "sites.csv"
        sites.write_bytes(samples.csv())
        s.pick_file(sites, re.compile(r"^Loaded sites"))

        # overview: one layer off, one feature selected through the search box
        s.go("Overview")
        s.page.locator('[data-testid="stCheckbox"]').filter(has_text=re.compile("^Parks$")).click()
        s.page.wait_for_function("() => location.search.includes('layers=')")
        s.page.get_by_role("combobox", name="Search parks, platforms, areas").click()
        s.page.keyboard.type("Huancui District")
        s.page.get_by_role("option", name=re.compile("^Huancui District")).first.click()
        s.page.locator('.sti-panel[data-feature="huancui"]').wait_for()
        s.page.wait_for_function("() => location.search.includes('sel=huancui')")
        before = _params(s.page.url)
        assert before["mine"] == ["1"] and "parks" not in before["layers"][0]

        proc = _restart(proc, port, s)
        s.page.get_by_text(LOST).wait_for()  # the new server session explains the loss
        s.page.locator('.sti-panel[data-feature="huancui"]').wait_for()
        assert not s.page.get_by_role("checkbox", name="Parks").is_checked()
        s.page.wait_for_function("() => !location.search.includes('mine=')")
        after = _params(s.page.url)
        assert {k: v for k, v in after.items()} == {k: v for k, v in before.items() if k != "mine"}
        s.map().locator(".sti-f-huancui").wait_for(state="attached")
        assert s.map().locator(".sti-f-upload_1").count() == 0
        s.shot("restart-overview")

        # districts: the page's own choice survives a restart too
        s.go("Districts")
        s.page.get_by_role("combobox", name="Pick a district or development zone").click()
        s.page.get_by_role("option", name=re.compile("^Rongcheng")).click()
        s.page.wait_for_function("() => location.search.includes('district=rongcheng')")
        proc = _restart(proc, port, s)
        s.page.get_by_role("heading", name=re.compile("^Rongcheng")).wait_for()
        assert "district=rongcheng" in s.page.url
        assert s.page.locator('[data-testid="stException"]').count() == 0
        assert s.errors == [] and s.external_requests() == []
    finally:
        context.close()
        stop_app(proc)
