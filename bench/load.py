"""Bounded load test on loopback: N concurrent browser sessions clicking and toggling for a fixed time.

    .venv/bin/python bench/load.py --sessions 20 --seconds 120 [--url http://server:8501]

One app server (``python -m sti_app.serve``) and one Debian Chromium with N Playwright contexts (each a
separate Streamlit session). Each session opens the overview and loops: click a district (timed until
the map's own panel, then the side panel, show that district), toggle the belt layer (timed until the map
adds/removes it), think 0.5 s. Times are read by the page's own clock, from the input event's time stamp
to the element appearing (as in ``bench/run.py``); the harness's round trips (Playwright's commands and
polling, on the same starved cores) are reported beside them as ``*_rt_*``. The server's resident memory and
CPU are sampled, and every process's CPU (server, Chromium, Playwright's driver, this harness). Prints
p50/p95 click → in-map panel, → side panel and toggle, server CPU per action, actions, errors (timeouts,
script errors, server tracebacks) and memory after warm-up vs at the end; writes ``bench/results/load.json``.
Exits non-zero on errors.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import ARM_JS, CHROMIUM_ARGS, chromium_path, clear_point, server  # noqa: E402

DISTRICTS = ("huancui", "wendeng", "rongcheng", "rushan", "gaoqu", "jingqu", "lingang", "nanhai")
TOGGLE_LABEL = "一带 环海创新经济带"
WAIT_MS = 15000
THINK_S = 0.5


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (clock ticks in /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def _group(pid: int, cmd: list[bytes], comm: str, server: int | None) -> str:
    """Who a process is, for the CPU breakdown."""
    exe = Path(cmd[0].decode(errors="replace")).name if cmd and cmd[0] else ""
    if pid == server:
        return "server"
    if pid == os.getpid():
        return "harness"
    if "chrom" in exe or "chrom" in comm:
        # Chromium rewrites its process titles: the switches may be one space-joined argument
        return "chromium_renderers" if b"--type=renderer" in b" ".join(cmd) else "chromium_other"
    if exe == "node" or any(b"playwright" in c for c in cmd):
        return "playwright_driver"
    return f"other:{comm}"  # whatever else the machine runs, by name


def _cpu_by_process(server: int | None) -> dict[int, tuple[str, float]]:
    """pid -> (group, CPU seconds so far) for every process on the machine."""
    out = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().split(b"\0")
                comm = (proc / "comm").read_text().strip()
                out[int(proc.name)] = (_group(int(proc.name), cmd, comm, server), _cpu_seconds(int(proc.name)))
            except (OSError, IndexError, ValueError):
                continue  # gone meanwhile
    return out


def _server_pid(port: str) -> int:
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"sti_app.serve" in cmd and port.encode() in cmd:
                return int(proc.name)
    raise RuntimeError("server process not found")


STILL_JS = """() => new Promise(done => {
  const still = () => !(map._panAnim && map._panAnim._inProgress) && !map._animatingZoom;
  const wait = n => (still() || n <= 0) ? done() : setTimeout(() => wait(n - 1), 50);
  wait(200);
})"""


class Stats:
    """Per action: by the browser's clock (input event → element in the DOM) and the harness's round trip."""

    def __init__(self) -> None:
        self.click_ms: list[float] = []
        self.inmap_ms: list[float] = []
        self.toggle_ms: list[float] = []
        self.click_rt_ms: list[float] = []
        self.inmap_rt_ms: list[float] = []
        self.toggle_rt_ms: list[float] = []
        self.errors: list[str] = []


async def _arm(target, key: str, kind: str, sel: str = "") -> None:
    await target.evaluate(ARM_JS, [key, kind, sel, ""])


async def _stamp(target, key: str) -> float:
    """When the armed event happened (absolute ms on the page's clock); waits up to WAIT_MS."""
    probe = f"() => window.__bench && window.__bench[{json.dumps(key)}]"
    await target.wait_for_function(f"() => ({probe})() !== 0", timeout=WAIT_MS, polling=100)
    return await target.evaluate(f"() => ({probe})()")


async def _session(browser, url: str, points: dict, stop: float, stats: Stats, seed: int) -> None:
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = await context.new_page()
    page.on("pageerror", lambda e: stats.errors.append(f"script error: {e}"))
    try:
        await page.goto(url, timeout=60000)
        frame = page.frame_locator("iframe[title*='streamlit_folium']")
        await frame.locator(".sti-f-huancui").wait_for(state="attached", timeout=60000)
        await page.wait_for_timeout(1000)
        map_frame = next(f for f in page.frames if "streamlit_folium" in f.url)
        current = None
        while time.monotonic() < stop:
            fid = rng.choice([d for d in points if d != current])
            lat, lon = points[fid]
            # close the last in-map panel first, as a person does: open, it may cover the next point
            await frame.locator("body").evaluate("() => { window.map.closePopup(); }")
            # a person clicks what is under the pointer: wait until the map has stopped moving (opening the
            # last panel may have panned it; in a starved browser that animation takes seconds)
            await frame.locator("body").evaluate(STILL_JS)
            xy = await frame.locator("body").evaluate(f"() => window.map.latLngToContainerPoint([{lat}, {lon}])")
            box = await frame.locator("#map_div").bounding_box()
            await _arm(map_frame, "input", "input")
            await _arm(map_frame, "pop", "appear", f'.sti-pop[data-feature="{fid}"]')
            await _arm(page, "side", "appear", f'.sti-panel[data-feature="{fid}"]')
            t0 = time.perf_counter()
            await page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
            stage = "in-map panel"
            try:
                t_input, t_pop = await _stamp(map_frame, "input"), await _stamp(map_frame, "pop")
                stats.inmap_rt_ms.append((time.perf_counter() - t0) * 1000)
                stats.inmap_ms.append(t_pop - t_input)
                stage = "side panel"
                t_side = await _stamp(page, "side")
                stats.click_rt_ms.append((time.perf_counter() - t0) * 1000)
                stats.click_ms.append(t_side - t_input)
                current = fid
            except Exception as exc:  # a timeout is a load-test error, counted and reported
                dialog = " (Streamlit's connection error dialog)" if await page.get_by_text(
                    "Connection error").count() else ""
                opened = await frame.locator(".sti-pop").evaluate_all("els => els.map(e => e.dataset.feature)")
                hit = await frame.locator("body").evaluate(
                    f"() => {{ const e = document.elementFromPoint({xy['x']}, {xy['y']});"
                    " return e ? (e.tagName + '.' + (e.getAttribute('class') || '')).slice(0, 80) : ''; }")
                marks = await map_frame.evaluate("() => JSON.stringify(window.__bench || {})")
                stats.errors.append(f"click {fid}, {stage}: {type(exc).__name__}{dialog}; under the pointer: {hit};"
                                    f" panel open: {opened}; map's stamps: {marks}")
            visible = await frame.locator(".sti-f-coastal_belt").count() > 0
            await _arm(page, "input", "input")
            await _arm(map_frame, "belt", "vanish" if visible else "appear", ".sti-f-coastal_belt")
            t0 = time.perf_counter()
            await page.get_by_text(TOGGLE_LABEL, exact=True).click()
            try:
                t_input, t_belt = await _stamp(page, "input"), await _stamp(map_frame, "belt")
                stats.toggle_rt_ms.append((time.perf_counter() - t0) * 1000)
                stats.toggle_ms.append(t_belt - t_input)
            except Exception as exc:
                stats.errors.append(f"toggle: {type(exc).__name__}")
            await asyncio.sleep(THINK_S)
    except Exception as exc:
        stats.errors.append(f"session: {type(exc).__name__}: {str(exc)[:120]}")
    finally:
        await context.close()


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


async def _drive(url: str, sessions: int, seconds: float, points: dict, stats: Stats, pid: int | None) -> dict:
    """Run the sessions against ``url``; sample the server process ``pid`` if it runs here."""
    from playwright.async_api import async_playwright

    memory: list[tuple[float, float]] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        t_start = time.monotonic()
        stop = t_start + seconds

        # CPU by process, sampled each second: a browser context's renderer ends with its session
        first = _cpu_by_process(pid)
        last = dict(first)
        done = asyncio.Event()

        async def sample() -> None:
            while not done.is_set():
                if pid is not None and time.monotonic() < stop + 5:
                    memory.append((time.monotonic() - t_start, _rss_mb(pid)))
                last.update(_cpu_by_process(pid))
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(done.wait(), 1)

        sampler = asyncio.create_task(sample())
        cpu0, (busy0, total0) = (_cpu_seconds(pid) if pid else 0.0), _machine_busy()
        await asyncio.gather(*[_session(browser, url, points, stop, stats, seed) for seed in range(sessions)])
        wall = time.monotonic() - t_start
        cpu1, (busy1, total1) = (_cpu_seconds(pid) if pid else 0.0), _machine_busy()
        last.update(_cpu_by_process(pid))
        done.set()
        await sampler
        await browser.close()
    groups: dict[str, float] = {}
    for p_id, (group, cpu) in last.items():
        groups[group] = groups.get(group, 0.0) + cpu - first.get(p_id, (group, 0.0))[1]
    others = sorted(((c, g) for g, c in groups.items() if g.startswith("other:")), reverse=True)
    groups = {g: c for g, c in groups.items() if not g.startswith("other:")}
    groups["other"] = sum(c for c, _ in others)
    by_process = {g: round(c / wall, 2) for g, c in sorted(groups.items(), key=lambda x: -x[1])}
    by_process["other_top"] = {g.split(":", 1)[1]: round(c / wall, 2) for c, g in others[:4]}
    out: dict = {"machine_busy_pct": round(100 * (busy1 - busy0) / max(1, total1 - total0)), "cpus": os.cpu_count(),
                 "cpu_cores_by_process": by_process}
    if memory:
        warm = [m for t, m in memory if t >= seconds / 4]
        out |= {"rss_start_mb": round(memory[0][1]), "rss_after_warmup_mb": round(warm[0]) if warm else None,
                "rss_end_mb": round(memory[-1][1]), "rss_max_mb": round(max(m for _, m in memory)),
                **{f"rss_at_{int(t)}s_mb": round(m) for t, m in memory if int(t) % 30 == 0 and t > 1},
                "server_cpu_cores": round((cpu1 - cpu0) / wall, 2), "server_cpu_s": cpu1 - cpu0, "wall_s": wall}
    return out


async def _run(sessions: int, seconds: float, url: str | None) -> dict:
    from sti_geo import load_catalog

    catalog = load_catalog()
    clear = {fid: clear_point(catalog, fid) for fid in DISTRICTS}
    points = {fid: (p.y, p.x) for fid, p in clear.items() if not p.is_empty}  # small zones may be all covered
    stats = Stats()
    if url:  # a server elsewhere: its memory and CPU are not ours to read
        machine = await _drive(url, sessions, seconds, points, stats, None)
    else:
        with server(["-m", "sti_app.serve"]) as (url, _, _proc):
            port = url.rsplit(":", 1)[1]
            machine = await _drive(url, sessions, seconds, points, stats, _server_pid(port))
            log = (ROOT / "bench" / "results" / f"server-{port}.log").read_text()
        stats.errors += [f"server: {line}" for line in log.splitlines() if "Traceback" in line or "Error" in line]
    return {
        "sessions": sessions, "seconds": seconds, "clicks": len(stats.click_ms), "toggles": len(stats.toggle_ms),
        "inmap_panel_p50_ms": round(_pct(stats.inmap_ms, 50)), "inmap_panel_p95_ms": round(_pct(stats.inmap_ms, 95)),
        "click_p50_ms": round(_pct(stats.click_ms, 50)), "click_p95_ms": round(_pct(stats.click_ms, 95)),
        "toggle_p50_ms": round(_pct(stats.toggle_ms, 50)), "toggle_p95_ms": round(_pct(stats.toggle_ms, 95)),
        # the harness's own round trips (Playwright's command to the browser, its polling): the figures before
        # 2026-11-23 were these
        **{f"{name}_rt_p{q}_ms": round(_pct(values, q)) for name, values in (
            ("inmap_panel", stats.inmap_rt_ms), ("click", stats.click_rt_ms), ("toggle", stats.toggle_rt_ms))
           for q in (50, 95)},
        "errors": len(stats.errors), "error_samples": stats.errors[:10], **_per_action(machine, stats),
    }


def _per_action(machine: dict, stats: Stats) -> dict:
    """Server CPU seconds per action (click or toggle) and actions per second of wall time."""
    actions = len(stats.click_ms) + len(stats.toggle_ms)
    cpu, wall = machine.pop("server_cpu_s", None), machine.pop("wall_s", None)
    if cpu is None or not actions:
        return machine
    return machine | {"server_cpu_per_action_s": round(cpu / actions, 4), "actions_per_s": round(actions / wall, 1),
                      "actions_per_server_cpu_s": round(actions / max(cpu, 1e-9), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--url", help="drive an app already running there (e.g. browsers on another machine)")
    args = parser.parse_args()
    if args.sessions < 1 or args.seconds <= 0:
        parser.error("--sessions must be ≥ 1 and --seconds > 0")
    if args.url and not args.url.startswith(("http://", "https://")):
        parser.error("--url must start with http:// or https://")
    result = asyncio.run(_run(args.sessions, args.seconds, args.url))
    out = ROOT / "bench" / "results" / "load.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    for key, value in result.items():
        print(f"{key:22} {value}")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
