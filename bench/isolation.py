"""Soak on loopback: N sessions each upload their own layer and click it for a fixed time; nobody sees another's.

    .venv/bin/python bench/isolation.py --sessions 3 --seconds 300

One app server and one Debian Chromium with N Playwright contexts (N Streamlit sessions). Each session
loops: upload its own GeoJSON (named after the session, alternating between a 3- and a 40-feature
version so the session's memory churns), click one of its squares on the map until its panel shows,
open the overview and check its own layer is there, back to My layer. After every step it checks the
page's text for any other session's name (a leak) and for its own (a loss). The server's resident
memory is sampled every 5 s. Prints the loops, leaks, losses, errors and memory over time; writes
``bench/results/isolation.json``. Exits non-zero on any leak, loss or error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from bench.load import _cpu_seconds, _pct, _rss_mb, _server_pid  # noqa: E402
from bench.run import CHROMIUM_ARGS, chromium_path, server  # noqa: E402

WAIT_MS = 30000
UPLOAD_WAIT_MS = 15000
UPLOAD_TRIES = 3
SAMPLE_S = 5


def _layer(session: int, size: int) -> bytes:
    """``size`` small squares west of Weihai's centre, named after the session (each session's own place)."""
    features = []
    for i in range(size):
        x, y = 121.95 + 0.02 * (i % 8) + 0.2 * session, 37.30 + 0.02 * (i // 8)
        ring = [[x, y], [x + 0.012, y], [x + 0.012, y + 0.012], [x, y + 0.012], [x, y]]
        features.append({"type": "Feature", "properties": {"name": f"S{session}-site-{i}"},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


class Tally:
    def __init__(self) -> None:
        self.loops = 0
        self.retries = 0  # uploads picked again because the file never reached the server
        self.stuck = 0  # uploads that did not arrive after UPLOAD_TRIES picks (the uploader is remounted)
        self.leaks: list[str] = []
        self.losses: list[str] = []
        self.errors: list[str] = []
        self.timeouts: list[str] = []
        self.click_ms: list[float] = []


async def _check(page, me: int, sessions: int, tally: Tally, where: str) -> None:
    with contextlib.suppress(PlaywrightTimeout):  # missing after the wait: counted as a loss below
        # the sidebar toggle names the session's own layer once the page has drawn it
        await page.get_by_text(f"我的图层:session{me}-").first.wait_for(timeout=WAIT_MS)
    text = (await page.evaluate("() => document.body.innerText")).replace("\u2060", "")
    others = [f"session{k}" for k in range(sessions) if k != me and f"session{k}" in text]
    if others:
        tally.leaks.append(f"session{me} saw {others} on {where}")
    if f"session{me}" not in text:
        tally.losses.append(f"session{me} lost its layer on {where}")


async def _idle(page) -> None:
    await page.locator('[data-test-script-state="notRunning"]').wait_for(state="attached")
    await page.wait_for_timeout(300)


async def _loop(page, frame, files: list[Path], loop: int, me: int, sessions: int, tally: Tally) -> None:
    """Upload (the 3- or the 40-feature file), click an own square, visit the overview, come back."""
    path = files[loop % 2]
    await _idle(page)  # as a person would: the page has finished drawing before they pick a file
    n = 3 if loop % 2 == 0 else 40
    loaded = page.get_by_text(f"已载入 {path.stem}:{n} 个要素", exact=False)
    arrived = False
    for _ in range(UPLOAD_TRIES):  # a person whose file did not arrive picks it again
        await page.locator("input[type=file]").set_input_files(str(path))
        try:
            await loaded.wait_for(timeout=UPLOAD_WAIT_MS)
            arrived = True
            break
        except PlaywrightTimeout:
            tally.retries += 1
            await _idle(page)
    if not arrived:  # the previous layer must still be there, and only it: checked, then go round again
        tally.stuck += 1
        await _check(page, me, sessions, tally, "my-layer after a lost upload")
        await page.get_by_role("link", name="总览 Overview").click()
        await page.get_by_role("link", name="我的图层 My layer").click()
        await page.get_by_text("上传图层文件").wait_for()
        return
    await _check(page, me, sessions, tally, "my-layer")
    await frame.locator(".sti-f-upload_1").wait_for(state="attached")
    await _idle(page)
    await page.wait_for_timeout(800)  # the map has flown to the new layer
    x, y = 121.956 + 0.2 * me, 37.306
    xy = await frame.locator("body").evaluate(f"() => window.map.latLngToContainerPoint([{y}, {x}])")
    box = await frame.locator("#map_div").bounding_box()
    t0 = time.perf_counter()
    await page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
    await page.locator('.sti-panel[data-feature="upload_1"]').wait_for()
    tally.click_ms.append((time.perf_counter() - t0) * 1000)
    panel = await page.locator('.sti-panel[data-feature="upload_1"]').inner_text()
    if f"S{me}-site-0" not in panel:
        tally.leaks.append(f"session{me} panel shows {panel[:60]!r}")
    await page.get_by_role("link", name="总览 Overview").click()
    await frame.locator(".sti-f-upload_1").wait_for(state="attached")
    await _check(page, me, sessions, tally, "overview")
    await page.get_by_role("link", name="我的图层 My layer").click()
    await page.get_by_text("上传图层文件").wait_for()


async def _session(browser, url: str, me: int, sessions: int, stop: float, tally: Tally, tmp: Path) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = await context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.on("pageerror", lambda e: tally.errors.append(f"session{me} script error: {e}"))
    files = []
    for size in (3, 40):
        path = tmp / f"session{me}-{size}.geojson"
        path.write_bytes(_layer(me, size))
        files.append(path)
    frame = page.frame_locator("iframe[title*='streamlit_folium']")
    try:
        await page.goto(f"{url}/my-layer", timeout=60000)
        loop = 0
        while time.monotonic() < stop:
            try:
                await _loop(page, frame, files, loop, me, sessions, tally)
                loop += 1
                tally.loops += 1
            except PlaywrightTimeout as exc:  # slow, not wrong: counted, then back to My layer in the same session
                tally.timeouts.append(f"session{me}: {str(exc).splitlines()[0][:120]}")
                await page.screenshot(path=str(ROOT / "bench" / "results" / f"isolation-timeout-{me}.png"))
                await page.keyboard.press("Escape")  # e.g. Streamlit's own "Connection error" dialog
                if "/my-layer" not in page.url:
                    await page.get_by_role("link", name="我的图层 My layer").click()
                await page.get_by_text("上传图层文件").wait_for()
    except Exception as exc:  # the session itself broke: an error
        tally.errors.append(f"session{me}: {type(exc).__name__}: {str(exc)[:160]}")
        await page.screenshot(path=str(ROOT / "bench" / "results" / f"isolation-error-{me}.png"))
    finally:
        await context.close()


async def _run(sessions: int, seconds: float) -> dict:
    from playwright.async_api import async_playwright

    tally = Tally()
    memory: list[tuple[int, float]] = []
    with server(["-m", "sti_app.serve"]) as (url, _, _proc), tempfile.TemporaryDirectory() as tmp:
        port = url.rsplit(":", 1)[1]
        pid = _server_pid(port)
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            t_start = time.monotonic()
            stop = t_start + seconds

            async def sample() -> None:
                while time.monotonic() < stop + SAMPLE_S:
                    memory.append((round(time.monotonic() - t_start), _rss_mb(pid)))
                    await asyncio.sleep(SAMPLE_S)

            sampler = asyncio.create_task(sample())
            cpu0 = _cpu_seconds(pid)
            await asyncio.gather(*[_session(browser, url, k, sessions, stop, tally, Path(tmp))
                                   for k in range(sessions)])
            cpu = _cpu_seconds(pid) - cpu0
            await sampler
            await browser.close()
        log = (ROOT / "bench" / "results" / f"server-{port}.log").read_text()
    tally.errors += [f"server: {line}" for line in log.splitlines() if "Traceback" in line]
    by_minute = {f"rss_at_{t}s_mb": round(m) for t, m in memory if t % 60 == 0 or t == memory[-1][0]}
    return {"sessions": sessions, "seconds": seconds, "loops": tally.loops, "upload_retries": tally.retries,
            "uploads_not_arrived": tally.stuck,
            "leaks": len(tally.leaks),
            "losses": len(tally.losses), "errors": len(tally.errors), "timeouts": len(tally.timeouts),
            "click_p50_ms": round(_pct(tally.click_ms, 50)), "click_p95_ms": round(_pct(tally.click_ms, 95)),
            "server_cpu_s": round(cpu, 1), "rss_max_mb": round(max(m for _, m in memory)), **by_minute,
            "samples": tally.leaks[:5] + tally.losses[:5] + tally.errors[:5] + tally.timeouts[:5]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=300)
    args = parser.parse_args()
    if not 1 <= args.sessions <= 10 or not 0 < args.seconds <= 3600:
        parser.error("--sessions must be 1–10 and --seconds 1–3600")
    result = asyncio.run(_run(args.sessions, args.seconds))
    out = ROOT / "bench" / "results" / "isolation.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    for key, value in result.items():
        print(f"{key:22} {value}")
    return 1 if result["leaks"] or result["losses"] or result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
