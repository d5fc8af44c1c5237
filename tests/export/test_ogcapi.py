"""OGC API – Features over the catalog (pygeoapi in its own process: it reads its config at import)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sti_geo.export.ogcapi import service_files

pytest.importorskip("pygeoapi")

CLIENT = r"""
import json, sys
from starlette.testclient import TestClient
from pygeoapi.starlette_app import APP
client = TestClient(APP, raise_server_exceptions=False)
full = sys.argv[1] == "full"
out = {}
for path in sys.argv[2:]:
    r = client.get(path)
    is_json = "json" in r.headers.get("content-type", "")
    out[path] = {"status": r.status_code, "body": r.json() if is_json else r.text if full else r.text[:200]}
print(json.dumps(out, ensure_ascii=False))
"""


def _ask(tmp_path: Path, catalog, *paths: str, full_text: bool = False) -> dict:
    config, openapi = service_files(catalog, "weihai", "http://127.0.0.1:8501/ogcapi", tmp_path)
    env = {**os.environ, "PYGEOAPI_CONFIG": str(config), "PYGEOAPI_OPENAPI": str(openapi)}
    run = subprocess.run([sys.executable, "-c", CLIENT, "full" if full_text else "short", *paths],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.splitlines()[-1])


def test_collections_items_and_one_item(catalog, tmp_path):
    got = _ask(tmp_path, catalog, "/collections?f=json", "/collections/parks/items?f=json&limit=5",
               "/collections/parks/items/p_lg_carbon_fiber?f=json",
               "/collections/parks/items?f=json&district_id=lingang",
               "/collections/parks/items?f=json&bbox=121.5,36.8,121.6,37.0", "/collections/parks/items/nope?f=json")
    ids = {c["id"] for c in got["/collections?f=json"]["body"]["collections"]}
    assert {"parks", "platforms", "districts", "layout_core"} <= ids
    assert "core_system" not in ids  # a view of platforms: each feature served once, as exports hold it
    page = got["/collections/parks/items?f=json&limit=5"]["body"]
    assert page["numberMatched"] == len(catalog.layers["parks"]) and page["numberReturned"] == 5
    item = got["/collections/parks/items/p_lg_carbon_fiber?f=json"]["body"]
    assert item["properties"]["name"] == "临港区碳纤维产业园" and "碳纤维" in item["properties"]["quote"]
    assert item["properties"]["source"] and item["geometry"]["type"] == "Point"
    lingang = got["/collections/parks/items?f=json&district_id=lingang"]["body"]
    assert {f["id"] for f in lingang["features"]} == set(
        catalog.layers["parks"][catalog.layers["parks"]["district_id"] == "lingang"]["id"])
    assert got["/collections/parks/items/nope?f=json"]["status"] == 404


def test_pages_for_people_fetch_nothing_from_outside_and_speak_both_languages(catalog, tmp_path):
    """pygeoapi's own pages load Leaflet, Bootstrap and tiles from CDNs: ours load nothing from anywhere."""
    import re

    paths = ["/?f=html", "/collections?f=html", "/collections/parks?f=html", "/collections/parks/items?f=html",
             "/collections/parks/items/p_lg_carbon_fiber?f=html", "/openapi?f=html", "/conformance?f=html",
             "/collections/parks/items?f=html&lang=en", "/collections/parks/queryables?f=html"]
    got = _ask(tmp_path, catalog, *paths, full_text=True)
    for path in paths:
        assert got[path]["status"] == 200, (path, got[path])
        page = got[path]["body"]
        fetched = re.findall(r"""<(?:script|link|img|iframe)[^>]*(?:src|href)=["']?(https?:)?//""", page)
        assert not fetched, (path, fetched)
        assert "unpkg.com" not in page and "cdn" not in page.lower(), path
    assert '<html lang="zh">' in got["/collections/parks/items?f=html"]["body"]
    assert "临港区碳纤维产业园" in got["/collections/parks/items/p_lg_carbon_fiber?f=html"]["body"]
    assert "园区" in got["/collections/parks?f=html"]["body"]  # the Chinese title by default
    english = got["/collections/parks/items?f=html&lang=en"]["body"]
    assert '<html lang="en">' in english and "40 features" in english and "Previous" not in english
    for path in paths:  # the page's own words in one language: pygeoapi's English chrome is gone
        shown = re.sub(r"<style>.*?</style>|<[^>]+>", " ", got[path]["body"], flags=re.S)
        if "lang=en" not in path:
            for word in ("Items in this collection", "Limit", "Home", "Collections", "Warning", "Property"):
                assert word not in shown, (path, word)
        assert ">None<" not in got[path]["body"], path  # a missing value is blank, not Python's None


def test_bad_parameters_get_ogc_errors_not_tracebacks(catalog, tmp_path):
    bad = {"/collections/nope/items?f=json": 404, "/collections/parks/items?f=json&bbox=200,100,300,120": 400,
           "/collections/parks/items?f=json&bbox=121,38,122,37": 400,
           "/collections/parks/items?f=json&bbox=a,b,c,d": 400,
           "/collections/parks/items?f=json&limit=1000000000": 400, "/collections/parks/items?f=json&limit=-1": 400,
           "/collections/parks/items?f=json&crs=garbage": 400, "/collections/parks/items/p_lg_carbon_fiber?crs=x": 400,
           "/collections/parks/items?f=json&offset=-5": 400, "/collections/parks/items?f=xyz": 400,
           "/collections/parks/items/nope?f=json": 404}
    got = _ask(tmp_path, catalog, *bad)
    for path, status in bad.items():
        answer = got[path]
        assert answer["status"] == status, (path, answer)
        assert isinstance(answer["body"], dict), (path, answer)  # JSON, the OGC exception shape
        assert {"code", "description"} <= answer["body"].keys(), (path, answer)
        assert "Traceback" not in answer["body"]["description"], path


def test_items_in_the_region_s_metric_crs(catalog, tmp_path):
    path = "/collections/parks/items/p_lg_carbon_fiber?f=json&crs=http://www.opengis.net/def/crs/EPSG/0/32651"
    got = _ask(tmp_path, catalog, path)[path]
    assert got["status"] == 200, got
    x, y = got["body"]["geometry"]["coordinates"]
    assert 300_000 < x < 700_000 and 4_000_000 < y < 4_300_000  # metres of UTM zone 51N, not degrees
    utm = "http://www.opengis.net/def/crs/EPSG/0/32651"
    box = f"/collections/parks/items?f=json&bbox-crs={utm}&bbox={x - 100},{y - 100},{x + 100},{y + 100}"
    chosen = "/collections/parks/items?f=json&limit=1&skipGeometry=true&properties=name"
    got = _ask(tmp_path, catalog, box, chosen)
    assert "p_lg_carbon_fiber" in {f["id"] for f in got[box]["body"]["features"]}  # a box in metres, too
    (only,) = got[chosen]["body"]["features"]
    assert set(only["properties"]) == {"id", "name"} and only["geometry"] is None


def test_the_apps_own_server_answers_ogc_api_for_gdal_and_qgis(catalog, tmp_path):
    """`python -m sti_app.serve` mounts the service at /ogcapi; GDAL's and QGIS's OAPIF clients read it."""
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
        assert "parks (title: 园区) (Point)" in listing and "districts" in listing
        parks = subprocess.run(["ogrinfo", "-ro", "-al", f"OAPIF:{base}/ogcapi", "parks"], capture_output=True,
                               text=True, timeout=60).stdout
        assert "临港区碳纤维产业园" in parks and "quote (String)" in parks
        _qgis_adds_it_as_an_oapif_layer(base, tmp_path, catalog)
        _same_counts_as_the_cli(base, tmp_path)
        _back_to_a_geopackage_equals_the_export(base, tmp_path)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _same_counts_as_the_cli(base: str, tmp_path: Path) -> None:
    """`ogrinfo OAPIF:` lists every plan layer with the count `python -m sti_geo layers` reports."""
    import re

    cli = subprocess.run([sys.executable, "-m", "sti_geo", "layers"], capture_output=True, text=True, timeout=120)
    counts = {line.split()[0]: int(line.split()[1]) for line in cli.stdout.splitlines() if line.strip()}
    summary = subprocess.run(["ogrinfo", "-ro", "-so", "-al", f"OAPIF:{base}/ogcapi"], capture_output=True, text=True,
                             timeout=120).stdout
    served = dict(re.findall(r"Layer name: (\S+)\n(?:.*\n)*?Feature Count: (\d+)", summary))
    assert len(served) >= 10, summary[:2000]
    for layer, count in served.items():
        assert int(count) == counts[layer], (layer, count, counts[layer])
    # every plan layer served (core_system: a view of platforms, served inside it as exports hold it)
    assert {lid for lid in counts if not lid.startswith("base_")} - served.keys() == {"core_system"}


def _back_to_a_geopackage_equals_the_export(base: str, tmp_path: Path) -> None:
    """`ogr2ogr` from the service to a GeoPackage holds what `export --all --format gpkg` holds."""
    import geopandas as gpd
    import pyogrio

    served, exported = tmp_path / "served.gpkg", tmp_path / "export.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(served), f"OAPIF:{base}/ogcapi"], check=True, timeout=180,
                   capture_output=True)
    subprocess.run([sys.executable, "-m", "sti_geo", "export", "--all", "--format", "gpkg", "--out", str(exported)],
                   check=True, timeout=180, capture_output=True)
    layers = [name for name, _ in pyogrio.list_layers(served)]
    assert "parks" in layers and "layout_core" in layers
    for layer in layers:
        a = gpd.read_file(served, layer=layer).set_index("id").sort_index()
        b = gpd.read_file(exported, layer=layer).set_index("id").sort_index()
        assert list(a.index) == list(b.index), layer
        for column in ("name", "name_en", "quote", "source", "geometry_basis"):
            if column in b.columns:
                assert (a[column].fillna("") == b[column].fillna("")).all(), (layer, column)
        # the export promotes areas to MultiPolygon (one type per layer); the service keeps each as it is
        assert all(x.hausdorff_distance(y) < 1e-9 for x, y in zip(a.geometry, b.geometry, strict=True)), layer


def _qgis_adds_it_as_an_oapif_layer(base: str, tmp_path: Path, catalog) -> None:
    """QGIS 3.22's OAPIF provider, given the URL as an analyst types it: counts, CRS and Chinese names."""
    from tests.export.test_qgis import _qgis_available, _render

    if not _qgis_available():
        pytest.skip("Debian's python3-qgis is not installed (scripts/setup.sh --dev installs it)")
    report = _render(tmp_path, f"oapif:{base}/ogcapi|parks,districts,layout_belt")
    layers = report["layers"]
    for name in ("parks", "districts", "layout_belt"):
        assert layers[name]["features"] == len(catalog.layers[name]), (name, layers[name])
    assert all(info["crs"] == "EPSG:4326" for info in layers.values()), layers
    assert "临港区碳纤维产业园" in layers["parks"]["names"]


def test_a_pack_that_fails_its_checks_gets_a_503_not_a_traceback(data_copy, edit, monkeypatch):
    """The service is built on first need; a broken pack is the pages' to show, the service says 503."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from sti_app import ogcapi_mount

    edit(data_copy.geodata_dir / "parks.toml", 'name_en = "Graphene Industrial Park"\n', "")
    monkeypatch.setenv("STI_GEO_GEODATA", str(data_copy.geodata_dir))
    monkeypatch.setenv("STI_GEO_LAYERS", str(data_copy.layers_dir))
    monkeypatch.setattr(ogcapi_mount, "WARM_UP_AFTER_S", 3600.0)  # built by the request itself
    client = TestClient(Starlette(routes=ogcapi_mount.ogcapi_routes()))
    for path in ("/ogcapi", "/ogcapi/collections"):
        answer = client.get(path)
        assert answer.status_code == 503 and answer.json()["code"] == "ServiceUnavailable"
        assert "data problem" in answer.json()["description"]
