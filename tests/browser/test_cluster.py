"""Two app processes behind Debian's HAProxy (``python -m sti_app.cluster``): browsers spread and stick.

Each browser context is one person: with the affinity cookie every response it gets (page, assets, upload,
download, print) names one replica, the contexts use both, and an own layer uploads (the upload's POST reaches
the process holding the session's WebSocket). The same check against plain round robin finds the failures —
what proves it can catch them (an upload then fails whenever its request reaches the other process). Killing a
replica: its user's page comes back on the other with the URL's view and the lost-layer notice, and HAProxy
marks it down.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest

from sti_app.cluster import Cluster, free_port
from tests import upload_samples as samples
from tests.browser.conftest import ARTIFACTS, Session

pytestmark = pytest.mark.browser
LOST = "The layer you uploaded is gone"
LOADED = re.compile(r"^Loaded sites")


def _cluster(tmp_path_factory, affinity: bool) -> Cluster:
    secret = tmp_path_factory.mktemp("secret") / "cookie_secret"
    ARTIFACTS.mkdir(exist_ok=True)
    return Cluster(replicas=2, port=free_port(), affinity=affinity, secret_file=secret, log_dir=ARTIFACTS)


@pytest.fixture(scope="module")
def sticky(tmp_path_factory):
    with _cluster(tmp_path_factory, affinity=True) as cluster:
        yield cluster


class _Person:
    """A browser context: one person's page, and the replicas that answered it."""

    def __init__(self, browser, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")
        self.session = Session(self.context.new_page(), base)
        self.session.page.set_default_timeout(30000)
        self.replicas: list[str] = []
        self.answered: list[tuple[float, str]] = []  # (when, replica) of every response
        self.session.page.on("response", self._answered)

    def _answered(self, response) -> None:  # type: ignore[no-untyped-def]
        replica = response.headers.get("x-sti-replica", "")
        self.replicas.append(replica)
        self.answered.append((time.monotonic(), replica))

    def upload(self, path: Path, timeout_ms: int = 15000) -> bool:
        """Upload the own layer; whether the page says it loaded."""
        self.session.page.goto(f"{self.session.base}/my-layer?lang=en")
        self.session.page.locator("input[type=file]").wait_for(state="attached")
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.session.pick_file(path, LOADED, timeout_ms=timeout_ms)
        except PlaywrightTimeout:  # the upload never arrived: the caller counts it
            return False
        return True


def _spread_and_stick(browser, base: str, tmp_path: Path, people: int = 4) -> list[str]:
    """What goes wrong for ``people`` contexts behind ``base``: mixed replicas, failed uploads, one replica only."""
    sites = tmp_path / "sites.csv"
    sites.write_bytes(samples.csv())
    problems, used = [], set()
    crowd = [_Person(browser, base) for _ in range(people)]
    try:
        for i, person in enumerate(crowd):
            if not person.upload(sites, timeout_ms=8000):
                problems.append(f"person {i}: the upload did not arrive")
            answered = {r for r in person.replicas if r}
            used |= answered
            if len(answered) != 1:
                problems.append(f"person {i}: answered by {sorted(answered)}")
        if len(used) < 2:
            problems.append(f"every person went to {sorted(used)}")
    finally:
        for person in crowd:
            person.context.close()
    return problems


def test_people_spread_over_the_replicas_and_each_stays_on_one(browser, sticky, tmp_path):
    assert _spread_and_stick(browser, sticky.url, tmp_path) == []


def test_without_the_affinity_cookie_the_same_check_fails(browser, tmp_path_factory, tmp_path):
    with _cluster(tmp_path_factory, affinity=False) as round_robin:
        problems = _spread_and_stick(browser, round_robin.url, tmp_path, people=2)
    # every person is answered by both processes: the check fails, as it must (an upload is lost only when its
    # one request lands on the other process than the session's WebSocket: half the time, so not asserted)
    assert any("answered by ['r1', 'r2']" in p for p in problems), problems


def test_downloads_and_prints_work_through_the_proxy(browser, sticky, tmp_path):
    person = _Person(browser, sticky.url)
    page = person.session.page
    try:
        page.goto(f"{sticky.url}/export?lang=en&scope=district&district=gaoqu&format=gpkg")
        button = page.get_by_role("button", name="Build and download")
        button.wait_for()
        with page.expect_download(timeout=60000) as info:
            button.click()
        gpkg = tmp_path / info.value.suggested_filename
        info.value.save_as(gpkg)
        assert "parks" in subprocess.run(["ogrinfo", "-ro", "-q", str(gpkg)], capture_output=True, text=True).stdout

        page.goto(f"{sticky.url}/?lang=en&layers=districts,parks")
        person.session.map().locator(".sti-f-huancui").first.wait_for(state="attached")
        person.session.idle()
        page.get_by_role("button", name="Print / export view").click()
        page.get_by_text("PDF", exact=True).click()
        person.session.idle()
        with page.expect_download(timeout=60000) as info:
            page.get_by_role("button", name="Download").click()
        pdf = tmp_path / info.value.suggested_filename
        info.value.save_as(pdf)
        assert pdf.read_bytes()[:5] == b"%PDF-"
        assert len({r for r in person.replicas if r}) == 1
    finally:
        person.context.close()


def test_a_killed_replica_s_user_comes_back_on_the_other_with_the_view(browser, tmp_path_factory, tmp_path):
    with _cluster(tmp_path_factory, affinity=True) as cluster:
        person = _Person(browser, cluster.url)
        s, page = person.session, person.session.page
        page.add_init_script("""(() => { window.__sockets = 0; const WS = window.WebSocket;
            window.WebSocket = function (...a) { window.__sockets += 1; return new WS(...a); };
            window.WebSocket.prototype = WS.prototype; Object.assign(window.WebSocket, WS); })()""")
        sites = tmp_path / "sites.csv"
        sites.write_bytes(samples.csv())
        assert person.upload(sites)
        page.goto(f"{cluster.url}/?lang=en&sel=huancui&mine=1")
        s.page.locator('.sti-panel[data-feature="huancui"]').wait_for()
        (home,) = {r for r in person.replicas if r}
        opened = page.evaluate("window.__sockets")

        cluster.kill(home)
        killed_at = time.monotonic() + 0.5  # a response already under way may still be reported just after
        page.wait_for_function("n => window.__sockets > n", arg=opened, timeout=60000)  # reconnected
        page.wait_for_timeout(500)
        page.locator("h1").first.click()
        page.keyboard.press("r")  # Streamlit reruns a reconnected page on the next action
        page.get_by_text(LOST).wait_for()
        page.locator('.sti-panel[data-feature="huancui"]').wait_for()  # the URL's view, on the other replica
        other = {r for when, r in person.answered if r and when > killed_at}
        assert other and home not in other
        assert cluster.status()[home].startswith("DOWN")
        assert page.locator(".stException").count() == 0 and s.errors == []
        assert page.get_by_role("dialog").count() == 0  # no "connection error" box: the page simply came back
        s.shot("cluster-failover")
        person.context.close()


def test_a_drained_replica_keeps_its_people_and_takes_no_new_ones(browser, sticky):
    """An upgrade one replica at a time: drained through HAProxy's runtime socket, as deploy/README.md says."""
    staying = _Person(browser, sticky.url)
    try:
        staying.session.page.goto(f"{sticky.url}/?lang=en")
        staying.session.page.locator("h1").first.wait_for()
        (home,) = {r for r in staying.replicas if r}
        sticky.admin(f"set server replicas/{home} state drain")
        newcomers = [_Person(browser, sticky.url) for _ in range(2)]
        for person in newcomers:
            person.session.page.goto(f"{sticky.url}/?lang=en")
            person.session.page.locator("h1").first.wait_for()
            assert home not in {r for r in person.replicas if r}
            person.context.close()
        staying.session.page.reload()
        staying.session.page.locator("h1").first.wait_for()
        assert {r for r in staying.replicas if r} == {home}  # its cookie still leads to it while draining
    finally:
        sticky.admin(f"set server replicas/{home} state ready")
        staying.context.close()
