""""What lies within": a spatial query that knows the positions are approximate.

A query is a circle, a rectangle, a polygon, or a feature and a radius. Every distance and area is
computed in the region pack's projected CRS (``[build] utm`` of its manifest), never in degrees. A point
whose position is known only to ±r (``accuracy_m``) is a disc of radius r:

- **within** — the whole disc lies inside the query (wherever the point really is, it is inside);
- **possibly within** — the disc overlaps the query but is not inside it;
- an area or a line is **within** when it lies inside whole, else **partly within** with the share of its
  area (length) that does. A schematic outline that can be off by up to u (``outline_m``: a township
  sketch, a zone no document locates) is within only when the outline grown by u is, partly within only
  where the outline shrunk by u still meets the query (the share is of the drawn outline), else possibly.

When the query is "within k km of a feature" and that feature is itself approximate — a point (±r) or a
schematic outline (±u) — the answer is honest about it too: certainly within k km only within k of what
the feature surely covers (k − r of a point's anchor; the outline shrunk by u), possibly within anywhere
up to k + r (k + u). The query travels as text (``c:lon,lat,km`` …, :func:`query_from_text`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer
from shapely.geometry.base import BaseGeometry

from .._errors import InputError
from ..geo.crs import AREA_MARGIN_DEG
from ..geo.gcj02 import gcj02_to_wgs84
from ..text.numbers import decimal
from .catalog import Catalog, DataCache

KINDS = {"c": "circle", "r": "rectangle", "p": "polygon", "f": "feature"}
WITHIN, PARTLY, POSSIBLY = "within", "partly_within", "possibly_within"
STATUSES = (WITHIN, PARTLY, POSSIBLY)
WHOLE = 0.999  # a share at least this is "within" (projection round-off, not a claim)
MIN_KM, MAX_KM = 0.01, 500.0  # a radius: the one rule for links, the form, drawn circles and the CLI
MAX_VERTICES = 60  # a drawn polygon, rounded: enough for a permalink, short enough to stay one
DECIMALS = 5  # ≈ 1 m: the query in the URL is rounded, compact


@dataclass(frozen=True)
class Query:
    """What to look within: ``kind`` (a value of ``KINDS``) and its numbers, or a feature id and km."""

    kind: str
    coords: tuple[float, ...] = ()  # circle: lon, lat, km; rectangle: w, s, e, n; polygon: lon, lat, …
    feature: str = ""
    km: float = 0.0  # circle and feature: the radius


def _check_lonlat(lon: float, lat: float) -> None:
    if not (-180 <= lon <= 180 and -85 <= lat <= 85):
        raise InputError(f"{lon},{lat} is not a longitude,latitude")


def _check_km(km: float) -> None:
    if not MIN_KM <= km <= MAX_KM:
        raise InputError(f"radius {km:g} km: expected {MIN_KM:g} to {MAX_KM:g} km")


def query_from_text(catalog: Catalog, text: str) -> Query:
    """Parse ``c:lon,lat,km``, ``r:w,s,e,n``, ``p:lon,lat,lon,lat,…`` or ``f:feature_id,km``.

    InputError says what is wrong in the query's own terms, once (the caller names the parameter).
    """
    head, sep, body = text.strip().partition(":")
    kind = KINDS.get(head)
    if not sep or kind is None:
        raise InputError(f"query {text[:40]!r}: expected c:lon,lat,km · r:w,s,e,n · p:lon,lat,… · f:feature,km")
    parts = [p.strip() for p in body.split(",")]
    if kind == "feature":
        if len(parts) != 2 or catalog.feature(parts[0]) is None:
            raise InputError(f"query {text[:40]!r}: expected f:<a feature id>,<km>")
        km = decimal(parts[1], "radius")
        _check_km(km)
        return Query(kind, feature=parts[0], km=km)
    numbers = tuple(decimal(p, "coordinate") for p in parts)
    if kind == "circle":
        if len(numbers) != 3:
            raise InputError("a circle is c:lon,lat,km")
        _check_lonlat(*numbers[:2])
        _check_km(numbers[2])
        if not measured_area(catalog).covers(shapely.Point(numbers[:2])):
            raise InputError(f"the circle's centre lies outside {_area_words(catalog)}")
        return Query(kind, numbers[:2], km=numbers[2])
    if kind == "rectangle":
        if len(numbers) != 4 or not (numbers[0] < numbers[2] and numbers[1] < numbers[3]):
            raise InputError("a rectangle is r:west,south,east,north with west < east and south < north")
        _check_lonlat(*numbers[:2])
        _check_lonlat(*numbers[2:])
        query = Query(kind, numbers)
    else:
        if len(numbers) % 2 or not 3 <= len(numbers) // 2 <= MAX_VERTICES:
            raise InputError(f"a polygon is p:lon,lat,… with 3 to {MAX_VERTICES} corners")
        for i in range(0, len(numbers), 2):
            _check_lonlat(*numbers[i:i + 2])
        if not shapely.Polygon(list(zip(numbers[::2], numbers[1::2], strict=True))).is_valid:
            raise InputError("the polygon crosses itself")
        query = Query(kind, numbers)
    if not measured_area(catalog).intersects(_lonlat_shape(query)):
        raise InputError(f"the {kind} lies wholly outside {_area_words(catalog)}")
    return query


@lru_cache(maxsize=8)
def _area_of(crs: str) -> shapely.Polygon:
    area = CRS.from_user_input(crs).area_of_use
    if area is None:  # a CRS without an area of use: as far as a longitude, latitude goes
        return shapely.box(-180, -85, 180, 85)
    m = AREA_MARGIN_DEG
    return shapely.box(max(area.west - m, -180), max(area.south - m, -85), min(area.east + m, 180),
                       min(area.north + m, 85))


def measured_area(catalog: Catalog) -> shapely.Polygon:
    """Where the region's projected CRS measures distances (lon/lat): its area of use, widened as exports allow.

    Further out a transverse Mercator's scale error grows without bound (≈ 90° away it is infinite): a query
    is asked only within this box.
    """
    return _area_of(projected_crs(catalog))


def _area_words(catalog: Catalog) -> str:
    w, s, e, n = measured_area(catalog).bounds
    return f"lon {w:g}–{e:g}°, lat {s:g}–{n:g}°, where {projected_crs(catalog)} measures distances"


def _lonlat_shape(query: Query) -> BaseGeometry:
    """A rectangle's or polygon's outline in lon/lat (a rectangle's edges follow the meridians and parallels)."""
    if query.kind == "rectangle":
        return shapely.box(*query.coords)
    return shapely.Polygon(list(zip(query.coords[::2], query.coords[1::2], strict=True)))


def reaches_beyond(catalog: Catalog, query: Query) -> bool:
    """True when a rectangle or polygon reaches outside :func:`measured_area`: only its part inside is asked."""
    return query.kind in ("rectangle", "polygon") and not measured_area(catalog).covers(_lonlat_shape(query))


def beyond_note(catalog: Catalog) -> str:
    """What :func:`reaches_beyond` means, in words (English: the CLI; the app says it in the page's language)."""
    return f"the query reaches beyond {_area_words(catalog)}; only its part within is asked"


def query_to_text(query: Query) -> str:
    """The query as text, rounded to ``DECIMALS`` (≈ 1 m) for a compact permalink."""
    def r(x: float) -> str:
        return f"{x:.{DECIMALS}f}".rstrip("0").rstrip(".")

    if query.kind == "feature":
        return f"f:{query.feature},{r(query.km)}"
    head = next(k for k, v in KINDS.items() if v == query.kind)
    numbers = (*query.coords, query.km) if query.kind == "circle" else query.coords
    return f"{head}:{','.join(r(x) for x in numbers)}"


def query_from_gcj02(query: Query) -> Query:
    """A query drawn on GCJ-02 tiles (its coordinates shifted for display) back in WGS-84."""
    if query.kind == "feature" or not query.coords:
        return query
    lon, lat = gcj02_to_wgs84(list(query.coords[::2]), list(query.coords[1::2]))
    coords = tuple(float(v) for pair in zip(lon, lat, strict=True) for v in pair)
    return Query(query.kind, coords, query.feature, query.km)


def projected_crs(catalog: Catalog) -> str:
    """The region's metric CRS (its manifest's ``[build] utm``)."""
    crs = catalog.manifest.get("build", {}).get("utm")
    if not crs:
        raise InputError("this region pack names no projected CRS ([build] utm): distances cannot be measured")
    return str(crs)


def _to_metres(catalog: Catalog):
    return Transformer.from_crs("EPSG:4326", projected_crs(catalog), always_xy=True).transform


def _project(catalog: Catalog, geom: BaseGeometry) -> BaseGeometry:
    forward = _to_metres(catalog)
    return shapely.transform(geom, lambda xy: np.column_stack(forward(xy[:, 0], xy[:, 1])))


_REGIONS: DataCache[tuple[BaseGeometry, BaseGeometry]] = DataCache(max_entries=64)


def regions(catalog: Catalog, query: Query) -> tuple[BaseGeometry, BaseGeometry]:
    """(certainly inside, possibly inside) in metres: equal unless the query's own feature is approximate.

    Kept per data version and query: the map's outline asks on every click while a query is set.
    """
    return _REGIONS.get(catalog, ("regions", query_to_text(query)), lambda: _regions(catalog, query))


def _regions(catalog: Catalog, query: Query) -> tuple[BaseGeometry, BaseGeometry]:
    forward = _to_metres(catalog)
    if query.kind == "circle":
        centre = shapely.Point(forward(*query.coords))
        area = centre.buffer(query.km * 1000, quad_segs=32)
        return area, area
    if query.kind in ("rectangle", "polygon"):
        shape, clipped = _lonlat_shape(query), reaches_beyond(catalog, query)
        if clipped:
            shape = shape.intersection(measured_area(catalog))
        if query.kind == "rectangle" or clipped:  # a drawn polygon's own corners are kept as drawn
            w, s, e, n = shape.bounds  # densified: straight lon/lat edges curve in UTM
            shape = shapely.segmentize(shape, max(e - w, n - s) / 16)
        area = _project(catalog, shape)
        return area, area
    row = catalog.feature(query.feature)
    if row is None:  # query_from_text checked it; a query built by hand may not be
        raise InputError(f"unknown feature {query.feature!r}")
    geom = _project(catalog, row.geometry)
    metres = query.km * 1000
    uncertain = uncertainty(row)
    if geom.geom_type == "Point" or not uncertain:
        inner = geom.buffer(metres - uncertain, quad_segs=32) if metres > uncertain else shapely.Polygon()
    else:  # what the outline surely covers, however far off it is drawn
        sure = geom.buffer(-uncertain)
        inner = sure.buffer(metres, quad_segs=32) if not sure.is_empty else shapely.Polygon()
    return inner, geom.buffer(metres + uncertain, quad_segs=32)


def _share(geom: BaseGeometry, inner: BaseGeometry) -> float:
    """The share of an area (a line's length) inside ``inner``."""
    size = geom.area if geom.area > 0 else geom.length
    if not size or inner.is_empty:
        return 0.0
    inside = geom.intersection(inner)
    return (inside.area if geom.area > 0 else inside.length) / size


def uncertainty(row: pd.Series) -> float:
    """How far a feature may be from where it is drawn, in metres.

    A point's ``accuracy_m``, an outline's ``outline_m``; 0 when neither applies.
    """
    field = "accuracy_m" if row.geometry is not None and row.geometry.geom_type == "Point" else "outline_m"
    value = row.get(field)
    return 0.0 if value is None or pd.isna(value) else float(value)


def _status(geom: BaseGeometry, uncertain: float, inner: BaseGeometry, outer: BaseGeometry) -> tuple[str, float]:
    """(status, share inside) of one feature in metres; status "" when outside.

    ``uncertain``: how far the feature may be from where it is drawn (:func:`uncertainty`) — a point's
    radius, an area's or line's outline.
    """
    if geom.geom_type == "Point":
        disc = geom.buffer(uncertain, quad_segs=16) if uncertain > 0 else geom
        if not inner.is_empty and inner.covers(disc):
            return WITHIN, 1.0
        return (POSSIBLY, 0.0) if outer.intersects(disc) else ("", 0.0)
    if uncertain > 0:
        grown, sure = geom.buffer(uncertain, quad_segs=16), geom.buffer(-uncertain)
        if not inner.is_empty and inner.covers(grown):
            return WITHIN, 1.0
        if not inner.is_empty and not sure.is_empty and sure.intersects(inner):
            # the drawn outline's share; the real one may differ, so never "whole"
            return PARTLY, min(_share(geom, inner), WHOLE - 0.001)
        return (POSSIBLY, 0.0) if outer.intersects(grown) else ("", 0.0)
    share = _share(geom, inner)
    if share >= WHOLE:
        return WITHIN, 1.0
    if share > 0:
        return PARTLY, share
    return (POSSIBLY, 0.0) if outer.intersects(geom) else ("", 0.0)


_RESULTS: DataCache[pd.DataFrame] = DataCache(max_entries=64)


def within(catalog: Catalog, query: Query, layer_ids: Iterable[str]) -> pd.DataFrame:
    """Features of the layers the query reaches: id, layer, status, share, accuracy_m, outline_m, district_id.

    Each feature once (its first layer); the query's own feature is left out; ordered within, partly,
    possibly, then by share. Kept per data version, query and layers (shared, read-only).
    """
    ids = tuple(layer_ids)
    return _RESULTS.get(catalog, ("within", query_to_text(query), ids), lambda: _within(catalog, query, ids))


def _within(catalog: Catalog, query: Query, layer_ids: tuple[str, ...]) -> pd.DataFrame:
    inner, outer = regions(catalog, query)
    rows, seen = [], {query.feature}
    for lid in layer_ids:
        gdf = catalog.layers.get(lid)
        if gdf is None or catalog.specs[lid].group == "base":
            continue
        metres = gdf.geometry.to_crs(projected_crs(catalog))
        for fid, geom, acc, out, district in zip(gdf["id"], metres, gdf["accuracy_m"], gdf["outline_m"],
                                                 gdf["district_id"], strict=True):
            if fid in seen:
                continue
            known = acc if geom.geom_type == "Point" else out  # as uncertainty() reads a row
            status, share = _status(geom, 0.0 if pd.isna(known) else float(known), inner, outer)
            if status:
                seen.add(fid)
                rows.append({"id": fid, "layer": lid, "status": status, "share": round(share, 3),
                             "accuracy_m": None if pd.isna(acc) else int(acc),
                             "outline_m": None if pd.isna(out) else int(out), "district_id": district})
    frame = pd.DataFrame(rows, columns=["id", "layer", "status", "share", "accuracy_m", "outline_m", "district_id"])
    order = {s: i for i, s in enumerate(STATUSES)}
    return frame.sort_values(["status", "share"], key=lambda c: c.map(order) if c.name == "status" else -c,
                             kind="stable").reset_index(drop=True)
