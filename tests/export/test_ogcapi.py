"""OGC API – Features over the catalog (pygeoapi in its own process: it reads its config at import)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sti_geo.export.ogcapi import pygeoapi_config

pytest.importorskip("pygeoapi")

CLIENT = r"""
import json, sys
from starlette.testclient import TestClient
from pygeoapi.starlette_app import APP
client = TestClient(APP)
out = {}
for path in sys.argv[1:]:
    r = client.get(path)
    is_json = "json" in r.headers.get("content-type", "")
    out[path] = {"status": r.status_code, "body": r.json() if is_json else r.text[:200]}
print(json.dumps(out, ensure_ascii=False))
"""


def _ask(tmp_path: Path, catalog, *paths: str) -> dict:
    from pygeoapi.openapi import get_oas

    config = pygeoapi_config(catalog, "weihai", "http://127.0.0.1:8501/ogcapi")
    (tmp_path / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (tmp_path / "openapi.yml").write_text(yaml.safe_dump(get_oas(config), allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "PYGEOAPI_CONFIG": str(tmp_path / "config.yml"),
           "PYGEOAPI_OPENAPI": str(tmp_path / "openapi.yml")}
    run = subprocess.run([sys.executable, "-c", CLIENT, *paths], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.splitlines()[-1])


def test_collections_items_and_one_item(catalog, tmp_path):
    got = _ask(tmp_path, catalog, "/collections?f=json", "/collections/parks/items?f=json&limit=5",
               "/collections/parks/items/p_lg_carbon_fiber?f=json",
               "/collections/parks/items?f=json&district_id=lingang",
               "/collections/parks/items?f=json&bbox=121.5,36.8,121.6,37.0", "/collections/parks/items/nope?f=json")
    ids = {c["id"] for c in got["/collections?f=json"]["body"]["collections"]}
    assert {"parks", "platforms", "districts", "layout_core"} <= ids
    page = got["/collections/parks/items?f=json&limit=5"]["body"]
    assert page["numberMatched"] == len(catalog.layers["parks"]) and page["numberReturned"] == 5
    item = got["/collections/parks/items/p_lg_carbon_fiber?f=json"]["body"]
    assert item["properties"]["name"] == "临港区碳纤维产业园" and "碳纤维" in item["properties"]["quote"]
    assert item["properties"]["source"] and item["geometry"]["type"] == "Point"
    lingang = got["/collections/parks/items?f=json&district_id=lingang"]["body"]
    assert {f["id"] for f in lingang["features"]} == set(
        catalog.layers["parks"][catalog.layers["parks"]["district_id"] == "lingang"]["id"])
    assert got["/collections/parks/items/nope?f=json"]["status"] == 404


def test_items_in_the_region_s_metric_crs(catalog, tmp_path):
    path = "/collections/parks/items/p_lg_carbon_fiber?f=json&crs=http://www.opengis.net/def/crs/EPSG/0/32651"
    got = _ask(tmp_path, catalog, path)[path]
    assert got["status"] == 200, got
    x, y = got["body"]["geometry"]["coordinates"]
    assert 300_000 < x < 700_000 and 4_000_000 < y < 4_300_000  # metres of UTM zone 51N, not degrees


def test_the_apps_own_server_answers_ogc_api_for_gdal(tmp_path):
    """`python -m sti_app.serve` mounts the service at /ogcapi; GDAL's OAPIF driver reads it, Chinese intact."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "sti_app.serve", "--server.port", str(port),
                               "--server.address", "127.0.0.1", "--server.headless", "true"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(60):
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        with urllib.request.urlopen(base + "/ogcapi", timeout=10) as r:  # no slash: QGIS 3.22 asks exactly this
            assert r.status == 200 and "json" in r.headers["content-type"]
            assert json.loads(r.read())["links"]
        with urllib.request.urlopen(base + "/", timeout=10) as r:  # the app itself is still there
            assert r.status == 200 and b"<html" in r.read().lower()
        listing = subprocess.run(["ogrinfo", "-ro", "-so", f"OAPIF:{base}/ogcapi"], capture_output=True, text=True,
                                 timeout=60).stdout
        assert "parks (title: Parks) (Point)" in listing and "districts" in listing
        parks = subprocess.run(["ogrinfo", "-ro", "-al", f"OAPIF:{base}/ogcapi", "parks"], capture_output=True,
                               text=True, timeout=60).stdout
        assert "临港区碳纤维产业园" in parks and "quote (String)" in parks
    finally:
        server.terminate()
        server.wait(timeout=30)
