"""OGC API – Features throughput: items/s for a 1,000-feature collection, against pygeoapi's own GeoJSON provider.

    .venv/bin/python bench/ogcapi.py [--rounds 20]

One server process on loopback (uvicorn + pygeoapi's Starlette app, as ``/ogcapi`` serves it inside the app)
with two collections holding the same 1,000 features: ``platforms`` from the catalog provider
(``sti_geo.export.ogcapi.CatalogProvider``: the pack's 64 platforms repeated with new ids and small offsets,
every property kept) and, as the baseline measured in the same run, ``baseline`` from pygeoapi's built-in
``GeoJSON`` provider reading the same features from a file. A client (httpx, one connection, sequential) times
each request to its last byte. Figures: the median of ``--rounds`` for the whole collection in one response
(limit=1000), paged by 100, a bbox holding about a quarter, and single items by id (items/s). Prints a table
and writes ``bench/results/ogcapi.md``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FEATURES = 1000
REGION = "weihai"
BBOX = "122.0,37.3,122.3,37.6"  # the city centre: many of the grown platforms


def big_catalog():
    """The pack's catalog with ``platforms`` grown to 1,000 features (ids and positions varied)."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    from sti_geo import load_catalog

    catalog = load_catalog()
    base = catalog.layers["platforms"]
    copies = []
    for i in range(-(-FEATURES // len(base))):
        part = base.copy()
        part["id"] = [f"{fid}_{i}" for fid in part["id"]]
        shift = np.array([0.004 * i, 0.003 * i])
        part["geometry"] = shapely.transform(part.geometry.values, lambda xy, shift=shift: xy + shift)
        copies.append(part)
    grown = gpd.GeoDataFrame(pd.concat(copies, ignore_index=True).head(FEATURES), crs=base.crs)
    return dataclasses.replace(catalog, layers={**catalog.layers, "platforms": grown}, token=catalog.token + "-bench")


def serve(port: int, folder: Path) -> None:
    """The server process: the grown catalog behind pygeoapi, and the baseline collection from a file."""
    import uvicorn
    import yaml

    from sti_geo.export import formats, ogcapi

    catalog = big_catalog()
    ogcapi._CATALOGS[REGION] = catalog  # what served_catalog returns for the region: the grown one
    config_path, openapi_path = ogcapi.service_files(catalog, REGION, f"http://127.0.0.1:{port}", folder)
    gdf = formats.with_nulls(formats.joined_lists(catalog.layers["platforms"]))
    collection = formats.geojson_collection(gdf, "platforms", "")
    for feature in collection["features"]:
        feature["id"] = feature["properties"]["id"]  # the provider finds an item by the feature's id
    (folder / "baseline.geojson").write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    cfg = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    cfg["resources"]["baseline"] = {
        **cfg["resources"]["platforms"], "title": "baseline: pygeoapi's GeoJSON provider",
        "providers": [{"type": "feature", "name": "GeoJSON", "data": str(folder / "baseline.geojson"),
                       "id_field": "id", "title_field": "name"}]}
    config_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    os.environ["PYGEOAPI_CONFIG"], os.environ["PYGEOAPI_OPENAPI"] = str(config_path), str(openapi_path)
    from pygeoapi.starlette_app import APP

    uvicorn.run(APP, host="127.0.0.1", port=port, log_level="error")


def _timed(client, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(path)
    response.raise_for_status()
    body = response.json()
    return time.perf_counter() - start, len(body.get("features", [])) or 1


def measure(base: str, collection: str, rounds: int, ids: list[str]) -> dict[str, float]:
    """Median items/s of each access pattern for ``collection``."""
    import httpx

    items = f"/collections/{collection}/items"
    out: dict[str, float] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for _ in range(3):  # warm-up: the provider's first build, imports, connection
            _timed(client, f"{items}?f=json&limit=1000")
        patterns = {
            "all 1,000 in one response": lambda: [_timed(client, f"{items}?f=json&limit=1000")],
            "paged by 100": lambda: [_timed(client, f"{items}?f=json&limit=100&offset={o}")
                                     for o in range(0, FEATURES, 100)],
            "bbox": lambda: [_timed(client, f"{items}?f=json&limit=1000&bbox={BBOX}")],
            "one item by id": lambda: [_timed(client, f"{items}/{fid}?f=json") for fid in ids],
        }
        for name, run in patterns.items():
            rates = []
            for _ in range(rounds):
                results = run()
                rates.append(sum(n for _, n in results) / sum(s for s, _ in results))
            out[name] = statistics.median(rates)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, Path(args.folder))
        return 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = Path(tempfile.mkdtemp(prefix="sti_geo_bench_ogcapi_"))
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port), "--folder", str(folder)], cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        for _ in range(200):
            try:
                if httpx.get(f"{base}/collections?f=json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        ids = [f["id"] for f in httpx.get(f"{base}/collections/platforms/items?f=json&limit=1000&skipGeometry=true",
                                           timeout=60).json()["features"]][::50]
        counted = {c: httpx.get(f"{base}/collections/{c}/items?f=json&limit=1&resulttype=hits", timeout=60)
                   .json()["numberMatched"] for c in ("platforms", "baseline")}
        in_box = {c: httpx.get(f"{base}/collections/{c}/items?f=json&limit=1&resulttype=hits&bbox={BBOX}",
                               timeout=60).json()["numberMatched"] for c in ("platforms", "baseline")}
        if counted != {"platforms": FEATURES, "baseline": FEATURES} or len(set(in_box.values())) != 1:
            print(f"error: the collections hold {counted} ({in_box} in the bbox), not {FEATURES} each",
                  file=sys.stderr)
            return 1
        ours = measure(base, "platforms", args.rounds, ids)
        baseline = measure(base, "baseline", args.rounds, ids)
    finally:
        server.terminate()
        server.wait(timeout=20)
    lines = ["| request | sti_geo provider (items/s) | pygeoapi GeoJSON provider (items/s) | ratio |",
             "|---|---:|---:|---:|"]
    label = {"bbox": f"bbox {BBOX} ({in_box['platforms']} features)"}
    lines += [f"| {label.get(name, name)} | {ours[name]:,.0f} | {baseline[name]:,.0f} | "
              f"{ours[name] / baseline[name]:.2f}× |" for name in ours]
    table = "\n".join(lines)
    print(table)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "ogcapi.md").write_text(
        f"{FEATURES} features, {args.rounds} rounds, medians; {time.strftime('%Y-%m-%d %H:%M')}\n\n{table}\n",
        encoding="utf-8")
    print(json.dumps({"ours": ours, "baseline": baseline}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
