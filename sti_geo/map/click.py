"""The click protocol: what the map's runtime reports (``js/runtime.mjs``) and how the app reads it.

The runtime sends one component value per event: ``{"event": "click", "id": …, "seq": n}``,
``{"event": "query", "text": "r:w,s,e,n", "seq": n}`` (a shape drawn for a spatial query),
``{"event": "split", "value": 35, "seq": n}`` (where the compare divider was dropped, per cent) or
``{"event": "move", "center": {"lat", "lng"}, "zoom": z, "asked": {"center": [lat, lng], "zoom": z},
"seq": n}`` (``asked``: the view the app last gave the map, so a report made before a later fly-to is
known to be stale). The feature id travels in the
feature's GeoJSON properties, never in its tooltip text. Reading lives here, next to the tooltip
writer, so the map and the app cannot drift apart.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ..text.safe_text import text

TOOLTIP_CHARS = 120
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,199}")
_QUERY = re.compile(r"[crp]:[-0-9.,]{1,1500}")  # a drawn shape (model.within's text form); parsed later


def tooltip_html(name: str) -> str:
    """A feature's tooltip: its name, escaped and cut to TOOLTIP_CHARS."""
    return f"<b>{text(name, TOOLTIP_CHARS)}</b>"


@dataclass(frozen=True)
class MapEvent:
    """One event reported by the map: a click on a feature, or the view after a pan/zoom."""

    kind: str  # "click", "move", "query" (a shape drawn on the map) or "split" (the compare divider dropped)
    seq: int
    feature_id: str | None = None
    center: tuple[float, float] | None = None
    zoom: int | None = None
    asked: tuple[tuple[float, float], int] | None = None  # the view the app had last asked for, as the map knew it
    query: str | None = None  # a drawn shape as text, in the map's display coordinates
    split: int | None = None  # the compare divider's place, per cent of the map's width (5–95)


def _number(value: Any, low: float, high: float) -> float | None:
    """A JSON number within [low, high], else None: not a string ("١٢" and "nan" pass float()), not a bool."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value) if low <= value <= high else None


def _view(center: Any, zoom: Any) -> tuple[tuple[float, float], int] | None:
    """A reported view: lat, lng and zoom (a fractional one truncated, as before) on the map's own ranges."""
    if not isinstance(center, dict):
        return None
    lat, lng = _number(center.get("lat"), -90, 90), _number(center.get("lng"), -180, 180)
    z = _number(zoom, 0, 24)
    if lat is None or lng is None or z is None:
        return None
    return (lat, lng), int(z)


def _asked(value: Any) -> tuple[tuple[float, float], int] | None:
    if not isinstance(value, dict):
        return None
    center = value.get("center")
    if isinstance(center, (list, tuple)) and len(center) == 2:
        center = {"lat": center[0], "lng": center[1]}
    return _view(center, value.get("zoom"))


def event_from_value(value: Any) -> MapEvent | None:
    """The event in a component value, or None for anything malformed (the browser is not trusted)."""
    if not isinstance(value, dict):
        return None
    seq = value.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool):
        return None
    kind = value.get("event")
    if kind == "click":
        fid = value.get("id")
        return MapEvent("click", seq, feature_id=fid) if isinstance(fid, str) and _ID.fullmatch(fid) else None
    if kind == "query":
        shape = value.get("text")
        return MapEvent("query", seq, query=shape) if isinstance(shape, str) and _QUERY.fullmatch(shape) else None
    if kind == "split":
        pct = value.get("value")
        ok = isinstance(pct, int) and not isinstance(pct, bool) and 5 <= pct <= 95
        return MapEvent("split", seq, split=pct) if ok else None
    if kind == "move":
        view = _view(value.get("center"), value.get("zoom"))
        if view is None:
            return None
        (lat, lng), z = view
        return MapEvent("move", seq, center=(round(lat, 5), round(lng, 5)), zoom=z, asked=_asked(value.get("asked")))
    return None
