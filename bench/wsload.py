"""Capacity at the server: sessions speaking Streamlit's own WebSocket protocol, no browsers.

    .venv/bin/python bench/wsload.py [--sessions 10,50,100] [--replicas 1,2] [--seconds 30] [--think 1.0]

Twenty Chromium pages on two cores saturate the machine long before the server does, so this speaks the
protocol itself (the protobuf messages of the installed Streamlit, ``STREAMLIT_VERSION``; tests/bench check the
reliance): each session opens ``/_stcore/stream`` through HAProxy (``python -m sti_app.cluster``, 1 or 2
replicas), runs the overview as a browser's first run does, then loops for ``--seconds``: wait ``--think`` s
(±50 %), then click a feature (the map component's value, exactly as the map runtime
(``sti_geo/map/js/runtime.mjs``) reports it, in the map's fragment) or, one action in five, toggle the belt
layer (its checkbox, in the sidebar's fragment); each action
is timed from sending to the run's ``script_finished``, and a click counts as an error unless the side panel of
that feature arrived. Prints, per replica count and session count: actions/s achieved, p50/p95 ms, errors,
replica memory; writes ``bench/results/wsload.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
STREAMLIT_VERSION = "1.67.0"
FINISHED = ("FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY")
FEATURES = ["huancui", "wendeng", "rongcheng", "rushan", "gaoqu", "jingqu", "lingang", "nanhai"]
BELT = "一带"  # the checkbox whose label starts so toggles the belt layer


def _check_version() -> None:
    import streamlit

    if streamlit.__version__ != STREAMLIT_VERSION:
        raise SystemExit(f"error: wsload speaks Streamlit {STREAMLIT_VERSION}'s protocol; "
                         f"installed is {streamlit.__version__}")


@dataclass
class _Widget:
    id: str
    fragment: str
    value: bool | None = None


@dataclass
class WsSession:
    """One Streamlit session over one WebSocket, as the browser's frontend drives it."""

    url: str
    ws: object = None
    page_hash: str = ""
    map: _Widget | None = None
    checkboxes: dict[str, _Widget] = field(default_factory=dict)
    seq: int = 0

    async def open(self) -> float:
        """Connect and run the overview (the page's first run); seconds it took."""
        import websockets

        host = self.url.split("://", 1)[1]
        self.ws = await websockets.connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"],
                                           origin=f"http://{host}", max_size=None, open_timeout=60)
        return (await self._run(self._state()))[0]

    def _state(self, widgets: list | None = None, fragment: str = ""):  # type: ignore[no-untyped-def]
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = ""
        cs.page_script_hash = self.page_hash
        cs.fragment_id = fragment
        for widget in widgets or []:
            cs.widget_states.widgets.append(widget)
        return msg

    def _widget_states(self, map_value: dict | None = None) -> list:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        out = []
        for box in self.checkboxes.values():
            if box.value is not None:
                out.append(WidgetState(id=box.id, bool_value=box.value))
        if map_value is not None and self.map is not None:
            out.append(WidgetState(id=self.map.id, json_value=json.dumps(map_value)))
        return out

    async def _run(self, msg) -> tuple[float, str]:  # type: ignore[no-untyped-def]
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())  # type: ignore[attr-defined]
        html = []
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=60)  # type: ignore[attr-defined]
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                self._learn(fwd.delta.new_element, fwd.delta.fragment_id)
                if fwd.delta.new_element.WhichOneof("type") == "html":
                    html.append(fwd.delta.new_element.html.body)
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(fwd.script_finished)
                if status in FINISHED:
                    return time.perf_counter() - start, "".join(html)

    def _learn(self, element, fragment: str) -> None:  # type: ignore[no-untyped-def]
        kind = element.WhichOneof("type")
        if kind == "component_instance" and "streamlit_folium" in element.component_instance.component_name:
            self.map = _Widget(element.component_instance.id, fragment)
        elif kind == "checkbox":
            box = element.checkbox
            known = self.checkboxes.get(box.label)
            self.checkboxes[box.label] = _Widget(box.id, fragment, known.value if known else box.default)

    async def click(self, feature_id: str) -> tuple[float, bool]:
        """A click on ``feature_id`` as the map reports it; seconds, and whether its panel arrived."""
        self.seq += 1
        value = {"event": "click", "id": feature_id, "seq": self.seq}
        assert self.map is not None
        took, html = await self._run(self._state(self._widget_states(value), self.map.fragment))
        return took, f'data-feature="{feature_id}"' in html

    async def toggle(self, prefix: str) -> tuple[float, bool]:
        """Tick or untick the layer checkbox whose label starts with ``prefix``."""
        label = next(lbl for lbl in self.checkboxes if lbl.startswith(prefix))
        box = self.checkboxes[label]
        box.value = not box.value
        took, _ = await self._run(self._state(self._widget_states(), box.fragment))
        return took, True

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()  # type: ignore[attr-defined]


async def _person(url: str, until: float, think: float, out: list, errors: list) -> None:
    import websockets

    session = WsSession(url)
    try:
        await session.open()
        if session.map is None:
            errors.append("no map component in the overview's first run")
            return
        n = 0
        while time.monotonic() < until:
            await asyncio.sleep(think * random.uniform(0.5, 1.5))
            n += 1
            took, ok = await (session.toggle(BELT) if n % 5 == 0 else session.click(random.choice(FEATURES)))
            out.append(took)
            if not ok:
                errors.append("a click's panel did not arrive")
    except (OSError, TimeoutError, StopIteration, websockets.exceptions.WebSocketException) as exc:
        errors.append(f"{type(exc).__name__}: {exc}")  # counted; the run goes on
    finally:
        await session.close()


def _rss_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
    return 0


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100


async def _load(url: str, sessions: int, seconds: float, think: float) -> tuple[list[float], list[str], float]:
    times: list[float] = []
    errors: list[str] = []
    start = time.monotonic()
    until = start + seconds
    # sessions arrive over the first tenth of the run, as people do, not in one instant
    tasks = []
    for _ in range(sessions):
        tasks.append(asyncio.create_task(_person(url, until, think, times, errors)))
        await asyncio.sleep(seconds / 10 / sessions)
    await asyncio.gather(*tasks)
    return times, errors, time.monotonic() - start


def measure(replicas: int, sessions: int, seconds: float, think: float) -> dict:
    """One run: ``sessions`` people for ``seconds`` against ``replicas`` processes behind HAProxy."""
    from sti_app.cluster import Cluster, free_port

    with Cluster(replicas=replicas, port=free_port(), log_dir=ROOT / "bench" / "results",
                 secret_file=ROOT / "bench" / "results" / "cookie_secret") as cluster:
        names = [n for n in cluster.processes if n != "haproxy"]
        cpu0 = {n: _cpu_s(cluster.processes[n].pid) for n in names}
        proxy0, own0 = _cpu_s(cluster.processes["haproxy"].pid), time.process_time()
        times, errors, wall = asyncio.run(_load(cluster.url, sessions, seconds, think))
        proxy = round((_cpu_s(cluster.processes["haproxy"].pid) - proxy0) / wall, 2)
        own = round((time.process_time() - own0) / wall, 2)
        cpu = {n: round((_cpu_s(cluster.processes[n].pid) - cpu0[n]) / wall, 2) for n in names}
        rss = {n: _rss_mb(cluster.processes[n].pid) for n in names}
    ms = sorted(t * 1000 for t in times)
    return {"replicas": replicas, "sessions": sessions, "actions": len(ms), "actions_per_s": round(len(ms) / wall, 1),
            "p50_ms": round(statistics.median(ms)) if ms else None,
            "p95_ms": round(ms[int(0.95 * (len(ms) - 1))]) if ms else None,
            "errors": len(errors), "error_kinds": sorted(set(errors))[:5], "cpu_per_replica": cpu,
            "rss_mb_per_replica": rss, "cpu_haproxy": proxy, "cpu_generator": own}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="10,50,100")
    parser.add_argument("--replicas", default="1,2")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a session's actions")
    args = parser.parse_args()
    _check_version()
    rows = []
    for replicas in (int(r) for r in args.replicas.split(",")):
        for sessions in (int(s) for s in args.sessions.split(",")):
            row = measure(replicas, sessions, args.seconds, args.think)
            print(json.dumps(row, ensure_ascii=False), flush=True)
            rows.append(row)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "wsload.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = ["| replicas | sessions | actions/s | p50 ms | p95 ms | errors | CPU per replica | MB per replica "
             "| CPU HAProxy | CPU generator |", "|---:|---:|---:|---:|---:|---:|---|---|---:|---:|"]
    lines += [f"| {r['replicas']} | {r['sessions']} | {r['actions_per_s']} | {r['p50_ms']} | {r['p95_ms']} | "
              f"{r['errors']} | {' / '.join(map(str, r['cpu_per_replica'].values()))} | "
              f"{' / '.join(map(str, r['rss_mb_per_replica'].values()))} | {r['cpu_haproxy']} | {r['cpu_generator']} |"
              for r in rows]
    (results / "wsload.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
