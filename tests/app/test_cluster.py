"""The cluster launcher's pieces: HAProxy's configuration (checked by HAProxy itself) and the shared secret."""

from __future__ import annotations

import stat
import subprocess

import pytest

from sti_app import cluster


def _valid(text: str, tmp_path) -> subprocess.CompletedProcess:
    path = tmp_path / "haproxy.cfg"
    path.write_text(text, encoding="utf-8")
    return subprocess.run([cluster.haproxy_binary(), "-c", "-f", str(path)], capture_output=True, text=True)


@pytest.mark.parametrize("affinity", [True, False])
def test_the_generated_configuration_is_one_haproxy_accepts(tmp_path, affinity):
    text = cluster.haproxy_config(8501, [("r1", 8601), ("r2", 8602)], tmp_path, affinity=affinity)
    run = _valid(text, tmp_path)
    assert run.returncode == 0, run.stderr
    assert "server r1 127.0.0.1:8601 check" in text and "option httpchk GET /_stcore/health" in text
    assert "timeout tunnel 1h" in text and "option redispatch" in text and "X-STI-Replica" in text
    assert ("cookie STI_REPLICA insert indirect nocache" in text) is affinity
    assert (" cookie r2" in text) is affinity


def test_print_config_is_what_systemd_replicas_need(capsys):
    assert cluster.main(["--print-config", "--replicas", "3", "--port", "80"]) == 0
    text = capsys.readouterr().out
    assert "bind 0.0.0.0:80" in text and "server r3 127.0.0.1:8603" in text and "/run/haproxy/haproxy.sock" in text


def test_the_cookie_secret_is_made_once_and_kept_private(tmp_path):
    path = tmp_path / "conf" / "cookie_secret"
    first = cluster.cookie_secret(path)
    assert len(first) == 64 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert cluster.cookie_secret(path) == first  # every replica, every start: the same secret


def test_a_bad_replica_count_is_one_line(capsys):
    with pytest.raises(SystemExit) as stop:
        cluster.main(["--replicas", "0"])
    assert stop.value.code == 2 and "--replicas must be 1–64" in capsys.readouterr().err
