"""A throwaway PostgreSQL + PostGIS cluster on a free loopback port, started and stopped by the tests.

Debian's server binaries (``postgresql-15``, ``postgresql-15-postgis-3``; ``scripts/setup.sh --dev``). The
server refuses to run as root, so as root it runs as the ``postgres`` user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


_CLUSTERS: dict[str, tuple[Path, str, Path]] = {}  # url -> data folder, server options, its folder


def stop_cluster(url: str) -> None:
    """Stop a throwaway cluster as a crash would (the database "goes away"); ``start_cluster`` brings it back."""
    data, _, _ = _CLUSTERS[url]
    subprocess.run(_as_postgres([str(BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), check=True,
                   capture_output=True)


def start_cluster(url: str) -> None:
    """Start a stopped throwaway cluster again, on the same port."""
    data, options, folder = _CLUSTERS[url]
    subprocess.run(_as_postgres([str(BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"),
                                 "-w", "start"]), check=True, capture_output=True)


@contextmanager
def throwaway_postgis() -> Iterator[str]:
    """Start a cluster in a temporary folder; yield its URL (database ``postgres``, user ``postgres``)."""
    initdb = BIN / "initdb"
    assert initdb.exists(), "PostgreSQL 15 is not installed: run scripts/setup.sh --dev"
    assert Path("/usr/share/postgresql/15/extension/postgis.control").exists(), \
        "PostGIS is not installed: run scripts/setup.sh --dev"
    folder = Path(tempfile.mkdtemp(prefix="sti_geo_pg_"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", _free_port()
    subprocess.run(_as_postgres([str(initdb), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                                 "--locale=C.UTF-8"]), check=True, capture_output=True)
    options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder} -c fsync=off"
    subprocess.run(_as_postgres([str(BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"),
                                 "-w", "start"]), check=True, capture_output=True)
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    _CLUSTERS[url] = (data, options, folder)
    try:
        yield url
    finally:
        _CLUSTERS.pop(url, None)
        subprocess.run(_as_postgres([str(BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
