"""A real app server and Debian's Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "test-artifacts"
# the address readers reach the app at, as a bureau configures it: printed links carry it, not 127.0.0.1
PUBLIC_URL = "https://maps.example.test/sti"


def _chromium() -> str:
    path = os.environ.get("STI_GEO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Debian's chromium is not installed (scripts/setup.sh --dev installs it)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(port: int, log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """The app as users run it (``python -m sti_app.serve``) on 127.0.0.1:``port``, once it answers.

    ``env``: variables added to the environment (a database, a region).
    """
    ARTIFACTS.mkdir(exist_ok=True)
    with log.open("a") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "sti_app.serve", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT,
            env={**os.environ, "STI_GEO_PUBLIC_URL": PUBLIC_URL, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    pytest.fail(f"the app did not start; see {log}")


def stop_app(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    port = free_port()
    log = ARTIFACTS / "streamlit.log"
    log.unlink(missing_ok=True)
    proc = start_app(port, log)
    yield f"http://127.0.0.1:{port}"
    stop_app(proc)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Session:
    """A page plus every request it made and every script error it hit."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def external_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.base, "data:", "blob:", "about:"))]

    def idle(self) -> None:
        """Wait until Streamlit has finished running the page, as a person waits before the next action.

        A file picked or a link clicked while the page still runs can be dropped by Streamlit's frontend
        (seen under load: the uploader shows the file, the server never gets it).
        """
        self.page.locator('[data-test-script-state="notRunning"]').wait_for(state="attached")

    def retry(self, act: Callable[[], None], arrived: Callable[[], None], tries: int = 3,
              undo: Callable[[], None] = lambda: None) -> None:
        """``act`` once the page is idle, then wait for ``arrived``; again (after ``undo``) if it never does.

        A file picked, a link clicked or a list opened just as Streamlit starts another run can be
        dropped by its frontend (the uploader shows the file, the server never gets it); a person
        would simply do it again.
        """
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        for attempt in range(tries):
            self.idle()
            act()
            try:
                arrived()
                return
            except PlaywrightTimeout:
                if attempt == tries - 1:
                    raise
                undo()

    def pick_file(self, path, expect, timeout_ms: int = 15000) -> None:
        """Pick ``path`` in the page's uploader and wait for ``expect`` (text or regex) to show."""
        self.retry(lambda: self.page.locator("input[type=file]").set_input_files(str(path)),
                   lambda: self.page.get_by_text(expect).first.wait_for(timeout=timeout_ms))

    def go(self, link: str) -> None:
        """Open another page through the navigation link ``link``."""
        before: list[str] = []

        def click() -> None:
            before[:] = [self.page.evaluate("() => location.pathname")]
            self.page.get_by_role("link", name=link).click()

        self.retry(click, lambda: self.page.wait_for_function("p => location.pathname !== p", arg=before[0],
                                                              timeout=10000))

    def choose(self, label: str, option: str) -> None:
        """Pick ``option`` in the selectbox ``label`` (a rerun, e.g. the map's first report, can close the list)."""
        self.retry(lambda: self.page.get_by_role("combobox", name=label).click(),
                   lambda: self.page.get_by_role("option", name=option).click(timeout=5000),
                   undo=lambda: self.page.keyboard.press("Escape"))

    def map(self):
        return self.page.frame_locator("iframe[title*='streamlit_folium']")

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        return path


@pytest.fixture
def session(browser, app_url) -> Iterator[Session]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30000)
    s = Session(page, app_url)
    yield s
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failing browser test, keep what the page showed (test-artifacts/failed-<test>.png)."""
    report = yield
    session = item.funcargs.get("session") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and isinstance(session, Session):
        with contextlib.suppress(Exception):  # a screenshot must never hide the real failure
            session.shot(f"failed-{item.name}")
    return report
