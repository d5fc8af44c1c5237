"""Benchmark the app against a naive stock-folium page, in one run, in headless Chromium.

Usage: ``python bench/run.py [--runs 5] [--out bench/results/latest.md]`` (``bash scripts/bench.sh``
sets everything up first). Prints a table of medians and app/baseline ratios; exits non-zero if the
app or the baseline fails to render (no figures from a blank page).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stock_assets import copy_stock_assets  # noqa: E402
from sti_geo import load_catalog  # noqa: E402
from sti_geo.export.bundle import FORMATS, Selection, export_files  # noqa: E402
from sti_geo.map import display, mapview  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
TIMEOUT_MS = 60000
APP_READY = {  # page path -> selector inside the map iframe (None: a selector in the page itself)
    "": ".sti-f-huancui", "layout": ".sti-f-coastal_belt", "districts": ".sti-f-huancui",
    "industries": ".sti-f-huancui", "metrics": None, "export": None, "about": None,
}
PAGE_READY = {"metrics": ("[data-testid='stVegaLiteChart']", ""), "export": ("button", "生成并下载"),
              "about": ("h1", "")}  # page path -> (CSS selector, text it holds)
SCALES = (100, 1000, 10000)


class RenderError(SystemExit):
    pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium_path() -> str:
    return os.environ.get("STI_GEO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@contextmanager
def server(args: list[str]):
    """A Streamlit server; yields (base url, seconds from process start to the first page served, process)."""
    port = _free_port()
    results = ROOT / "bench" / "results"  # git-ignored: a fresh clone has none (scripts/bench.sh made it)
    results.mkdir(exist_ok=True)
    log = open(results / f"server-{port}.log", "w")  # noqa: SIM115
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args, "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            if time.perf_counter() - t0 > 90:
                raise RenderError(f"bench: server {args} did not start; see {log.name}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r1, \
                        urllib.request.urlopen(f"{url}/", timeout=5) as r2:
                    if r1.status == 200 and r2.status == 200:
                        break
            except OSError:
                time.sleep(0.05)
        yield url, time.perf_counter() - t0, proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


class Probe:
    """One fresh browser context: counts bytes received over HTTP and the WebSocket."""

    def __init__(self, browser, base: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.base = base
        self.http_bytes = 0
        self.ws_bytes = 0
        self.external: list[str] = []
        self.page.on("requestfinished", self._finished)
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _finished(self, request) -> None:
        if not request.url.startswith(self.base):
            self.external.append(request.url)
        with contextlib.suppress(Exception):  # a cancelled request has no sizes; it carried no body
            self.http_bytes += request.sizes()["responseBodySize"]

    def _frame(self, payload) -> None:
        self.ws_bytes += len(payload)

    def map(self):
        return self.page.frame_locator("iframe[title*='streamlit_folium']")

    def close(self) -> None:
        self.context.close()


def _wait(probe: Probe, what: str, fn: Callable[[], None]) -> None:
    try:
        fn()
    except Exception as exc:
        raise RenderError(f"bench: {what} did not render: {exc}") from exc


SHELLS: list[float] = []  # ms to the page's first heading: Streamlit's own start-up, before any map

# A paint condition: all of (where, CSS selector, at least n, text) hold. where "page": visible in the page
# itself; "map": in the map iframe's DOM. text: one of the elements holds it ("" for any).
Paint = list[tuple[str, str, int, str]]

# First paint by the page's own clock. Installed before any of the page's scripts, it checks at every animation
# frame whether the heading and the paint condition hold and keeps the first frame's time for each. Waiting with
# Playwright's locators instead added its polling interval: the same loads read 90-400 ms later (2026-11-23).
PAINT_JS = """(() => {
    if (window.top !== window) { return; }
    const spec = %s, got = window.__paint = {};
    const holds = ([where, sel, n, text]) => {
        let doc = document;
        if (where === 'map') {
            const f = document.querySelector("iframe[title*='streamlit_folium']");
            doc = f && f.contentDocument;
            if (!doc) { return false; }
        }
        const all = doc.querySelectorAll(sel);
        if (all.length < n) { return false; }
        if (!text && where === 'map') { return true; }  // cheap on a page of 10 000 markers
        const els = [...all].filter(e => e.textContent.includes(text));
        return els.length >= n && (where === 'map' || els.some(e => e.getClientRects().length));
    };
    const tick = () => {
        const now = performance.now();
        if (!got.shell && holds(['page', 'h1', 1, ''])) { got.shell = now; }
        if (!got.ready && spec.every(holds)) { got.ready = now; }
        if (!got.ready) { requestAnimationFrame(tick); }
    };
    requestAnimationFrame(tick);
})();"""


def load(browser, url: str, ready: Paint, what: str, shell: bool = True) -> tuple[float, int, Probe]:
    """Open url in a fresh context; (ms from navigation start to ready, bytes received, probe).

    ``shell``: also record when the page's first heading showed (Streamlit has started and run the script).
    """
    probe = Probe(browser, url.split("/", 3)[0] + "//" + url.split("/", 3)[2])
    probe.page.add_init_script(PAINT_JS % json.dumps(ready))
    probe.page.goto(url)
    _wait(probe, what, lambda: probe.page.wait_for_function("() => window.__paint && window.__paint.ready",
                                                            timeout=TIMEOUT_MS, polling=100))
    got = probe.page.evaluate("() => window.__paint")
    if shell:
        SHELLS.append(got["shell"])
    probe.page.wait_for_timeout(300)  # let trailing frames arrive before counting bytes
    return got["ready"], probe.http_bytes + probe.ws_bytes, probe


def app_ready(path: str) -> Paint:
    """What the app's page shows when it has painted: the map's features and a point, or its main content."""
    if APP_READY[path]:
        return [("map", APP_READY[path], 1, ""), ("map", ".sti-dot, .sti-cluster", 1, "")]
    sel, text = PAGE_READY[path]
    return [("page", sel, 1, text)]


BASELINE_READY: Paint = [("map", ".leaflet-marker-icon", 1, ""), ("map", "path.leaflet-interactive", 10, "")]


def click_at(p: Probe, lat: float, lon: float) -> None:
    xy = p.map().locator("body").evaluate(f"() => window.map.latLngToContainerPoint([{lat}, {lon}])")
    box = p.map().locator("#map_div").bounding_box()
    p.page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])


def mark(p: Probe) -> None:
    p.map().locator("body").evaluate("() => { window.__benchMark = 1; }")


def remounted(p: Probe) -> bool:
    return p.map().locator("body").evaluate("() => window.__benchMark") != 1


def timed(fn: Callable[[], None]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


# In-browser stopwatch: the time between a user's input event and a DOM change, read from the page's own
# clock (performance.timeOrigin + now() is comparable between the page and the map's iframe), so the
# figure holds no Playwright round trips. ``arm`` before acting, ``stamp`` after.
ARM_JS = """([key, kind, sel, text]) => {
    const abs = () => performance.timeOrigin + performance.now();
    const b = window.__bench = window.__bench || {};
    b[key] = 0;
    if (kind === 'input') {
        // the event's own time: when the browser received the input, so time spent queued behind busy work counts
        const on = e => { if (!b[key]) { b[key] = performance.timeOrigin + e.timeStamp; } };
        document.addEventListener('pointerdown', on, {capture: true, once: true});
        return;
    }
    const test = () => {
        const hit = document.querySelector(sel);
        if (kind === 'vanish') { return !hit; }
        return !!hit && (!text || [...document.querySelectorAll(sel)].some(e => e.textContent.includes(text)));
    };
    if (test()) { b[key] = -1; return; }  // already true before the input: not a measurement
    const obs = new MutationObserver(() => { if (!b[key] && test()) { b[key] = abs(); obs.disconnect(); } });
    obs.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
}"""


def arm(target, key: str, kind: str, sel: str = "", text: str = "") -> None:
    """Start watching ``target`` (a Page or Frame) for an input event or a selector (dis)appearing."""
    target.evaluate(ARM_JS, [key, kind, sel, text])


def stamp(target, key: str, optional: bool = False) -> float | None:
    """When the armed event happened (absolute ms on the page's clock), waiting for it.

    ``optional``: None when the watched element was already there (instead of failing the run).
    """
    target.wait_for_function(f"() => window.__bench && window.__bench[{json.dumps(key)}] !== 0", timeout=TIMEOUT_MS)
    value = target.evaluate(f"() => window.__bench[{json.dumps(key)}]")
    if value < 0 and optional:
        return None
    if value < 0:
        raise RenderError(f"bench: {key} was already on screen before the action")
    return value


# The baseline's belt has no class of its own: it is gone when the map holds one path fewer. The first frame
# that sees it keeps its time (the baseline may rebuild its iframe, so nothing is installed inside it).
BASE_BELT_GONE_JS = """n => {
    const f = document.querySelector("iframe[title*='streamlit_folium']");
    const gone = !!(f && f.contentDocument
                    && f.contentDocument.querySelectorAll('path.leaflet-interactive').length === n - 1);
    if (gone && !window.__bench.gone) { window.__bench.gone = performance.timeOrigin + performance.now(); }
    return gone;
}"""


def map_frame(p: Probe):
    """The map iframe as a Playwright Frame (for evaluate and wait_for_function)."""
    return next(f for f in p.page.frames if "streamlit_folium" in f.url)


def cpu_seconds(proc) -> float:
    """User + system CPU time the server process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu(proc, actions: list[Callable[[], None]], settle_ms: int = 400) -> float:
    """Server CPU seconds per action: each action waits for its result, then the server settles."""
    time.sleep(settle_ms / 1000)
    before = cpu_seconds(proc)
    for act in actions:
        act()
        time.sleep(settle_ms / 1000)
    return (cpu_seconds(proc) - before) / len(actions)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def clear_point(catalog, feature_id: str):
    import shapely
    target = catalog.feature(feature_id).geometry
    others = [g.buffer(0.03) if g.geom_type in ("Point", "LineString") else g
              for lid, gdf in catalog.layers.items() if catalog.specs[lid].default_visible
              and catalog.specs[lid].group != "base"
              for fid, g in zip(gdf["id"], gdf.geometry, strict=True) if fid != feature_id]
    return target.difference(shapely.union_all(others)).buffer(-0.01).representative_point()


def run(runs: int, out: Path) -> str:
    from playwright.sync_api import sync_playwright

    copy_stock_assets()
    # Streamlit serves ./static beside the main script: let the bench pages see the app's static/
    link = ROOT / "bench" / "static"
    if not link.exists():
        link.symlink_to(ROOT / "static", target_is_directory=True)
    catalog = load_catalog()
    results: dict[str, dict] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with server(["-m", "sti_app.serve"]) as (app, app_cold, app_proc), \
                server(["-m", "streamlit", "run", "bench/baseline_app.py"]) as (base, base_cold, base_proc):
            results["cold start (s)"] = {"app": app_cold, "baseline": base_cold}
            # 1-2. first paint and bytes
            for path in APP_READY:
                ms, size = [], []
                SHELLS.clear()
                for _ in range(runs):
                    t, b, probe = load(browser, f"{app}/{path}", app_ready(path), f"app /{path}")
                    if probe.external:
                        raise RenderError(f"bench: app /{path} requested other hosts: {probe.external[:3]}")
                    probe.close()
                    ms.append(t)
                    size.append(b)
                results[f"first paint /{path or 'overview'} (ms)"] = {"app": median(ms)}
                if path == "":
                    results["overview bytes received (KB)"] = {"app": median(size) / 1024}
                    results["overview: Streamlit shell ready, before the map (ms)"] = {"app": median(SHELLS)}
            ms, size = [], []
            SHELLS.clear()
            for _ in range(runs):
                t, b, probe = load(browser, base, BASELINE_READY, "baseline")
                probe.close()
                ms.append(t)
                size.append(b)
            results["first paint /overview (ms)"]["baseline"] = median(ms)
            results["overview: Streamlit shell ready, before the map (ms)"]["baseline"] = median(SHELLS)
            results["overview bytes received (KB)"]["baseline"] = median(size) / 1024
            visible = [lid for lid, s in catalog.specs.items() if s.group != "base" and s.default_visible]
            # the app sends every plan layer once (toggles only show/hide), with each feature's in-map panel and
            # label, as the page embeds it (UTF-8); the baseline's to_json() is ASCII-escaped as folium embeds it
            app_json = sum(len(next(iter(mapview.overlay_group(catalog, lid)._children.values())).data_json.encode())
                           for lid, s in catalog.specs.items() if s.group != "base")
            app_json += len(json.dumps(display.land_geojson(catalog)))
            base_json = sum(len(catalog.layers[lid].to_json()) for lid in [*visible, "base_land", "base_boundaries"])
            results["map GeoJSON (KB)"] = {"app": app_json / 1024, "baseline": base_json / 1024}
            # 3. click -> in-map panel -> side panel, toggle -> hidden, remounts, server CPU per action
            point, other = clear_point(catalog, "rongcheng"), clear_point(catalog, "wendeng")
            click_ms, inmap_ms, base_click_ms, toggle_ms, base_toggle_ms = [], [], [], [], []
            cpu_click, cpu_toggle, base_cpu_click, base_cpu_toggle = [], [], [], []
            remounts = {"app": 0, "baseline": 0}

            def app_click(p, where, fid, into=None):
                frame = map_frame(p)
                frame.evaluate("() => { window.map.closePopup(); }")  # the previous feature's, if still open
                xy = frame.evaluate(f"() => window.map.latLngToContainerPoint([{where.y}, {where.x}])")
                box = p.map().locator("#map_div").bounding_box()
                arm(frame, "input", "input")
                arm(frame, "pop", "appear", f".sti-pop[data-feature='{fid}']")
                arm(p.page, "side", "appear", f".sti-panel[data-feature='{fid}']")
                p.page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
                t0, t_pop, t_side = stamp(frame, "input"), stamp(frame, "pop"), stamp(p.page, "side")
                if into is not None:
                    into[0].append(t_pop - t0)
                    into[1].append(t_side - t0)

            def app_toggle(p, hide=True):
                p.page.get_by_text("一带 环海创新经济带", exact=True).click()
                p.map().locator(".sti-f-coastal_belt").wait_for(state="detached" if hide else "attached")
                p.page.wait_for_function(  # the URL has caught up (no layers= is the default: all shown)
                    "h => { const s = location.search; return h ? s.includes('layers=') && !s.includes('layout_belt')"
                    " : !s.includes('layers=') || s.includes('layout_belt'); }", arg=hide)

            for _ in range(runs):
                _, _, p = load(browser, app, app_ready(""), "app overview")
                mark(p)
                app_click(p, point, "rongcheng", (inmap_ms, click_ms))
                app_click(p, other, "wendeng", (inmap_ms, click_ms))
                frame = map_frame(p)
                arm(p.page, "input", "input")
                arm(frame, "belt", "vanish", ".sti-f-coastal_belt")
                p.page.get_by_text("一带 环海创新经济带", exact=True).click()
                toggle_ms.append(stamp(frame, "belt") - stamp(p.page, "input"))
                p.page.wait_for_function("() => !location.search.includes('layout_belt')")
                cpu_click.append(server_cpu(app_proc, [lambda p=p, w=w, f=f: app_click(p, w, f) for w, f in (
                    (point, "rongcheng"), (other, "wendeng"), (point, "rongcheng"), (other, "wendeng"))]))
                cpu_toggle.append(server_cpu(app_proc, [lambda p=p, h=h: app_toggle(p, h)
                                                        for h in (False, True, False, True)]))
                remounts["app"] += remounted(p)
                p.close()
                _, _, p = load(browser, base, BASELINE_READY, "baseline")
                mark(p)
                arm(map_frame(p), "input", "input")
                arm(p.page, "side", "appear", "h3", "clicked:")
                click_at(p, point.y, point.x)
                base_click_ms.append(stamp(p.page, "side") - stamp(map_frame(p), "input"))
                n_paths = p.map().locator("path.leaflet-interactive").count()
                mark(p)
                arm(p.page, "input", "input")
                p.page.get_by_text("layout_belt", exact=True).click()
                p.page.wait_for_function(BASE_BELT_GONE_JS, arg=n_paths, timeout=TIMEOUT_MS)  # polled every frame
                base_toggle_ms.append(p.page.evaluate("() => window.__bench.gone") - stamp(p.page, "input"))
                remounts["baseline"] += remounted(p)

                def _base_click(p=p, where=other):
                    click_at(p, where.y, where.x)
                    p.page.wait_for_timeout(250)  # its debounce
                    p.page.locator("h3:has-text('clicked:')").wait_for()
                base_cpu_click.append(server_cpu(base_proc, [_base_click] * 2, settle_ms=1500))

                def _base_toggle(p=p):
                    p.page.get_by_text("layout_belt", exact=True).click()
                    p.page.wait_for_timeout(300)
                base_cpu_toggle.append(server_cpu(base_proc, [_base_toggle] * 2, settle_ms=2500))
                p.close()
            results["click -> in-map panel (ms)"] = {"app": median(inmap_ms)}
            results["click -> panel (ms)"] = {"app": median(click_ms), "baseline": median(base_click_ms)}
            results["toggle -> layer hidden (ms)"] = {"app": median(toggle_ms), "baseline": median(base_toggle_ms)}
            results["server CPU per click (s)"] = {"app": median(cpu_click), "baseline": median(base_cpu_click)}
            results["server CPU per toggle (s)"] = {"app": median(cpu_toggle), "baseline": median(base_cpu_toggle)}
            results["map remounts (clicks + toggles)"] = remounts
            # 4. scene change in presenter mode (the baseline has none)
            scene_ms = []
            _, _, p = load(browser, f"{app}/layout?present=1", [("map", ".sti-f-core", 1, "")], "app presenter")
            for i in range(runs):
                label = f"第 {i + 2}/6 幕"
                selector = (".sti-f-yuanyao_bay", ".sti-f-coastal_belt", ".sti-f-manufacturing_corridor",
                            ".sti-f-demo_marine_economy", ".sti-f-demo_china_korea_fta")[i % 5]
                frame = map_frame(p)
                arm(p.page, "input", "input")
                arm(p.page, "label", "appear", ".sti-scene-count", label)
                arm(frame, "features", "appear", selector)
                p.page.get_by_role("button", name="下一幕 ▶").click()
                t0 = stamp(p.page, "input")
                shown = [stamp(p.page, "label"), stamp(frame, "features", optional=True)]
                scene_ms.append(max(t for t in shown if t is not None) - t0)
                p.page.get_by_text(label).wait_for()
            p.close()
            results["scene change (ms)"] = {"app": median(scene_ms)}
        # 5. exports, in process
        for fmt in FORMATS:
            times = [timed(lambda fmt=fmt: export_files(catalog, Selection(), fmt, bundle=True)) for _ in range(runs)]
            results[f"export all layers, {fmt} (ms)"] = {"app": median(times)}
        # 6. scale
        with server(["-m", "streamlit", "run", "bench/scale_app.py"]) as (scale, _, _proc):
            for n in SCALES:
                for impl, ready in (("app", ".sti-cluster, .sti-dot"),
                                    ("baseline", ".marker-cluster, .leaflet-marker-icon")):
                    ms, size = [], []
                    for _ in range(max(3, runs // 2)):
                        t, b, probe = load(browser, f"{scale}/?impl={impl}&n={n}", [("map", ready, 1, "")],
                                           f"scale {impl} n={n}", shell=False)
                        probe.close()
                        ms.append(t)
                        size.append(b)
                    results.setdefault(f"{n} points: first paint (ms)", {})[impl] = median(ms)
                    results.setdefault(f"{n} points: bytes (KB)", {})[impl] = median(size) / 1024
        browser.close()
    table = render(results, runs)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(table, encoding="utf-8")
    return table


def render(results: dict[str, dict], runs: int) -> str:
    lines = [f"median of {runs} runs; ratio = app / baseline (lower is better)", "",
             "| measure | app | baseline | ratio |", "|---|---:|---:|---:|"]
    for name, v in results.items():
        app, base = v.get("app"), v.get("baseline")
        ratio = f"{app / base:.2f}" if isinstance(app, (int, float)) and base else ""
        lines.append(f"| {name} | {_fmt(app)} | {_fmt(base)} | {ratio} |")
    return "\n".join(lines) + "\n"


def _fmt(v) -> str:
    if v is None:
        return "—"
    return f"{v:.2f}" if isinstance(v, float) and v < 10 else f"{v:.0f}" if isinstance(v, float) else str(v)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions per measure (median; at least 5)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.md")
    args = parser.parse_args()
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    print(run(max(args.runs, 1), args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
