"""Names on the map: which layers are labelled, from which zoom, which label wins a collision, and where.

The text travels as data (``_lbl``) and the map's runtime sets it as text, never as HTML, so a hostile
name renders inert. Collisions are settled in the browser (``js/label_dom.mjs``: higher priority first).
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely

from ..model.specs import LayerSpec


@dataclass(frozen=True)
class LabelRule:
    """A layer's labels: shown from ``min_zoom``; ``priority`` decides which of two colliding labels stays."""

    min_zoom: int
    priority: int


# By layer group: districts and zones always and before the parts of layout elements; parks and platforms once
# zoomed in enough that the names no longer pile up; a one-element layout layer first (ELEMENT_RULE: 一核 is
# never hidden by a park's name). Base layers: none.
LABEL_RULES = {"areas": LabelRule(0, 4), "layout": LabelRule(0, 3), "parks": LabelRule(11, 2),
               "platforms": LabelRule(11, 1)}
ELEMENT_RULE = LabelRule(0, 5)  # a layer that is one layout element (一核, 一带, 一廊): named above all else
LABEL_MAX_CHARS = 64  # longer names are cut with "…" on the map (shorter ones wrap; the panel has them whole)


def label_rule(spec: LayerSpec, n_features: int = 0) -> LabelRule | None:
    """The layer's label rule, or None when its features carry no label."""
    if spec.group == "layout" and n_features == 1:
        return ELEMENT_RULE
    return LABEL_RULES.get(spec.group)


def label_text(name: object, max_chars: int = LABEL_MAX_CHARS) -> str:
    """A name as a map label: one line, at most ``max_chars`` characters."""
    text = " ".join(str(name).split()) if name is not None else ""
    return text if len(text) <= max_chars else text[: max_chars - 1] + "…"


def label_point(geom) -> tuple[float, float] | None:
    """Where a line's or an area's label sits, as (lon, lat): a point on the line / inside the area.

    An area's label goes in its largest part (not the centroid, which can fall in the sea); points are
    labelled beside their marker, so they need none.
    """
    if geom is None or geom.is_empty or geom.geom_type == "Point":
        return None
    if geom.geom_type == "MultiPolygon":
        geom = max(geom.geoms, key=lambda part: part.area)
    if geom.geom_type in ("LineString", "MultiLineString"):
        line = geom if geom.geom_type == "LineString" else max(geom.geoms, key=lambda part: part.length)
        point = line.interpolate(0.5, normalized=True)
    else:
        point = shapely.point_on_surface(geom)
    return round(point.x, 5), round(point.y, 5)


def layer_labels(spec: LayerSpec, names: list[object], lang: str) -> list[str]:
    """Each feature's label: its name; a layer that is a single element (一核, 一带 …) says the element too."""
    if len(names) == 1 and spec.group == "layout":
        return [label_text(spec.title_in(lang), 2 * LABEL_MAX_CHARS)]
    return [label_text(n) for n in names]

