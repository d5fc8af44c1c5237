"""Several app processes behind Debian's HAProxy: ``python -m sti_app.cluster --replicas N [--port P]``.

Each replica is the README's app (``python -m sti_app.serve``) on a free loopback port; HAProxy, from
``deploy/haproxy.cfg.in``, listens on ``--port`` and sends each browser to one replica for good (an affinity
cookie: its page, WebSocket, uploads and downloads share one process's memory), checks each replica's health,
keeps WebSockets open for an hour, sends a dead replica's users to another and names the replica in an
``X-STI-Replica`` header. The replicas share one cookie secret (Streamlit signs its XSRF cookie with it), made
on first start and kept outside the repository (``$XDG_CONFIG_HOME/sti_geo/cookie_secret``). Ctrl-C stops
everything it started.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "haproxy.cfg.in"
AFFINITY = "cookie STI_REPLICA insert indirect nocache httponly"
START_TIMEOUT_S = 90.0
SYSTEMD_FIRST_PORT = 8601  # deploy/sti-geo@.service: one unit per replica, its port the instance name


def haproxy_binary() -> str:
    """Debian's haproxy (in /usr/sbin, which a user's PATH may lack)."""
    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise SystemExit("error: HAProxy is not installed (Debian: apt-get install haproxy; "
                         "scripts/setup.sh --dev installs it)")
    return found


def cookie_secret(path: Path | None = None) -> str:
    """The replicas' shared cookie secret: read from ``path``, or made there on first start (mode 600)."""
    if path is None:
        config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        path = config / "sti_geo" / "cookie_secret"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secret + "\n")
    return secret


def haproxy_config(port: int, replicas: Sequence[tuple[str, int]], runtime: Path, bind: str = "127.0.0.1",
                   affinity: bool = True) -> str:
    """HAProxy's configuration for ``replicas`` (name, loopback port) behind ``bind:port``.

    ``affinity=False`` is plain round robin: what breaks uploads and downloads (the tests' negative control).
    """
    cookie = " cookie {name}" if affinity else ""
    servers = "\n".join(f"    server {name} 127.0.0.1:{rport} check inter 1s fall 2 rise 2{cookie.format(name=name)}"
                        for name, rport in replicas)
    return string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        runtime=runtime, bind=bind, port=port, servers=servers,
        affinity=AFFINITY if affinity else "# (no affinity: round robin, for the tests' negative control)")


def free_port() -> int:
    """A free loopback TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@dataclass
class Cluster:
    """N replicas and HAProxy, started by ``start`` and stopped by ``stop`` (or as a context manager)."""

    replicas: int = 2
    port: int = 8501
    bind: str = "127.0.0.1"
    affinity: bool = True
    secret_file: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    log_dir: Path | None = None
    runtime: Path = field(init=False)
    processes: dict[str, subprocess.Popen] = field(init=False, default_factory=dict)
    ports: dict[str, int] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.runtime = Path(tempfile.mkdtemp(prefix="sti_geo_cluster_"))
        self.log_dir = self.log_dir or self.runtime

    @property
    def url(self) -> str:
        """Where browsers reach the app."""
        return f"http://{self.bind}:{self.port}"

    def _log(self, name: str):  # type: ignore[no-untyped-def]
        assert self.log_dir is not None
        return (self.log_dir / f"{name}.log").open("ab")

    def start_replica(self, name: str) -> None:
        """Start (or start again) replica ``name`` on its port, with the shared secret."""
        port = self.ports.setdefault(name, free_port())
        env = {**os.environ, **self.env, "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret(self.secret_file)}
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", "sti_app.serve", "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true"], cwd=ROOT, env=env, stdout=self._log(name), stderr=subprocess.STDOUT)

    def start(self) -> Cluster:
        """Start the replicas and HAProxy; return once the proxy answers and every replica is healthy."""
        names = [f"r{i}" for i in range(1, self.replicas + 1)]
        for name in names:
            self.start_replica(name)
        config = self.runtime / "haproxy.cfg"
        config.write_text(haproxy_config(self.port, [(n, self.ports[n]) for n in names], self.runtime, self.bind,
                                         self.affinity), encoding="utf-8")
        check = subprocess.run([haproxy_binary(), "-c", "-q", "-f", str(config)], capture_output=True, text=True)
        if check.returncode != 0:
            self.stop()
            raise SystemExit(f"error: HAProxy refuses the generated configuration: {check.stderr.strip()}")
        self.processes["haproxy"] = subprocess.Popen([haproxy_binary(), "-db", "-f", str(config)],
                                                     stdout=self._log("haproxy"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if _answers(f"{self.url}/_stcore/health") and set(self.status().values()) == {"UP"}:
                return self  # every replica healthy as HAProxy sees it (it needs two checks in a row)
            if any(p.poll() is not None for p in self.processes.values()):
                break
            time.sleep(0.3)
        self.stop()
        raise SystemExit(f"error: the cluster did not start; see the logs in {self.log_dir}")

    def kill(self, name: str) -> None:
        """Kill replica ``name`` at once, as a crash would."""
        self.processes[name].kill()
        self.processes[name].wait(timeout=20)

    def admin(self, command: str) -> str:
        """A command to HAProxy's runtime socket (``show stat``, ``disable server replicas/r1`` …)."""
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(str(self.runtime / "haproxy.sock"))
            s.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def status(self) -> dict[str, str]:
        """Each replica's state as HAProxy sees it (``UP``, ``DOWN`` …)."""
        lines = self.admin("show stat").splitlines()
        header = lines[0].lstrip("# ").split(",")
        rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:] if line]
        return {r["svname"]: r["status"] for r in rows if r.get("pxname") == "replicas" and r["svname"] != "BACKEND"}

    def stop(self) -> None:
        """Stop everything this cluster started."""
        for proc in self.processes.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.processes.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.processes.clear()

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """Start the cluster and keep it up until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m sti_app.cluster", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="app processes (default 2: one per core)")
    parser.add_argument("--port", type=int, default=8501, help="the address's port (default 8501)")
    parser.add_argument("--bind", default="0.0.0.0", help="the proxy's address (default 0.0.0.0: the intranet)")
    parser.add_argument("--print-config", action="store_true",
                        help="print HAProxy's configuration for systemd units on ports 8601… (deploy/README.md) "
                             "and exit")
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= 64:
        parser.error("--replicas must be 1–64")
    if args.print_config:
        replicas = [(f"r{i}", SYSTEMD_FIRST_PORT + i - 1) for i in range(1, args.replicas + 1)]
        print(haproxy_config(args.port, replicas, Path("/run/haproxy"), args.bind), end="")
        return 0
    cluster = Cluster(replicas=args.replicas, port=args.port, bind=args.bind).start()
    print(f"sti_geo: {args.replicas} replicas behind HAProxy at http://{args.bind}:{args.port} "
          f"(logs in {cluster.log_dir}); Ctrl-C stops them", flush=True)
    stopping = False

    def _stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        while not stopping and all(p.poll() is None for p in cluster.processes.values()):
            time.sleep(0.5)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
