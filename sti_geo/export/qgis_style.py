"""QGIS styles (QML) from layer specs: the GeoPackage ``layer_styles`` table and the ``.qml`` beside a shapefile.

A style QGIS reads fills every setting it lacks with its *file-reading* defaults (lowest label priority,
polygon interiors as obstacles, "around point" on lines — which never labels a line), so the label
block here is written out in full. Checked by opening exports in real QGIS (tests/export/test_qgis.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

import geopandas as gpd

from ..model.specs import LayerSpec

PX_TO_MM = 0.26  # QGIS sizes are in millimetres; Leaflet's in screen pixels
SYMBOL_TYPE = {"Point": "marker", "LineString": "line", "Polygon": "fill"}
LAYER_STYLE_COLUMNS = ("f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                       "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time")
LABEL_FONT = "Noto Sans CJK SC"  # Debian's fonts-noto-cjk; QGIS substitutes a system font where it is absent
# QgsPalLayerSettings placements: 1 over the centroid, 2 along a line, 6 cartographic positions around a point
PLACEMENT = {"Polygon": ("1", "0"), "LineString": ("2", "9"), "Point": ("6", "10")}  # (placement, line flags)
# 0–10 (QGIS reads a missing priority as 0): a lone point (一核) first, then lines, areas, stacked points
PRIORITY = {"Polygon": 6, "LineString": 7, "Point": 9}
STACKED_PRIORITY = 5
LAYOUT_BONUS = 2  # the plan's layout elements (一城, 五区 …) are what a map of the plan is about
STACKED_MAX_SCALE = 1_000_000  # stacked points are labelled from 1:1,000,000 in (a city view), not province-wide


@dataclass(frozen=True)
class StyleInput:
    """What a layer's style depends on besides its spec: whether points share positions."""

    stacked: bool = False  # several points on one coordinate: displaced in rings, accuracy in the label

    @classmethod
    def of(cls, gdf: gpd.GeoDataFrame) -> StyleInput:
        """What ``gdf``'s data asks of its style."""
        return cls(stacked=stacked_points(gdf))


def stacked_points(gdf: gpd.GeoDataFrame) -> bool:
    """Whether some points of ``gdf`` share a coordinate (the documents give a district, not a site)."""
    points = gdf[gdf.geom_type == "Point"]
    return bool(len(points)) and bool(points.geometry.to_wkb().duplicated().any())


def _rgba(hex_colour: str, opacity: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"{r},{g},{b},{round(max(0.0, min(1.0, opacity)) * 255)}"


def _options(values: dict[str, str]) -> str:
    return "".join(f'<Option name={quoteattr(k)} type="QString" value={quoteattr(v)}/>' for k, v in values.items())


def _symbol_layer(spec: LayerSpec) -> tuple[str, dict[str, str]]:
    s = spec.style
    dash = "dash" if s.dash else "solid"
    if spec.geometry_type == "Point":
        return "SimpleMarker", {"name": "circle", "color": _rgba(s.fill_color, s.fill_opacity),
                                "outline_color": _rgba(s.color, s.opacity),
                                "outline_width": f"{s.weight * PX_TO_MM:.2f}",
                                "size": f"{s.radius * 2 * PX_TO_MM:.2f}", "size_unit": "MM"}
    if spec.geometry_type == "LineString":
        return "SimpleLine", {"line_color": _rgba(s.color, s.opacity), "line_width": f"{s.weight * PX_TO_MM:.2f}",
                              "line_width_unit": "MM", "line_style": dash}
    return "SimpleFill", {"color": _rgba(s.fill_color, s.fill_opacity), "outline_color": _rgba(s.color, s.opacity),
                          "outline_width": f"{s.weight * PX_TO_MM:.2f}", "outline_width_unit": "MM",
                          "outline_style": dash, "style": "solid"}


def _symbol(kind: str, name: str, klass: str, opts: dict[str, str]) -> str:
    return (f'<symbol type="{kind}" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
            f'<layer class="{klass}" enabled="1" locked="0" pass="0"><Option type="Map">{_options(opts)}</Option>'
            "</layer></symbol>")


def _renderer(spec: LayerSpec, extra: StyleInput) -> str:
    klass, opts = _symbol_layer(spec)
    single = ('<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">'
              f"<symbols>{_symbol(SYMBOL_TYPE[spec.geometry_type], '0', klass, opts)}</symbols></renderer-v2>")
    if not extra.stacked:
        return single
    # QGIS's point-displacement renderer: points on one spot are drawn in concentric rings around a grey
    # centre, so 42 platforms at the city anchor read as 42, not as one dot
    centre = _symbol("marker", "centerSymbol", "SimpleMarker", {
        "name": "circle", "color": "120,120,120,255", "outline_color": "255,255,255,255", "size": "1.6",
        "size_unit": "MM"})
    return ('<renderer-v2 type="pointDisplacement" placement="1" tolerance="1" toleranceUnit="MM" '
            'toleranceUnitScale="3x:0,0,0,0,0,0" circleWidth="0.3" circleColor="120,120,120,255" '
            'circleRadiusAddition="0" labelAttributeName="" labelColor="0,0,0,255" labelDistanceFactor="0.5" '
            'maxLabelScaleDenominator="-1" symbollevels="0" enableorderby="0" forceraster="0">'
            f"{single}{centre}</renderer-v2>")


def _labeling(spec: LayerSpec, extra: StyleInput, label_field: str) -> str:
    geometry = spec.geometry_type
    placement, line_flags = PLACEMENT[geometry]
    expression, field = "0", label_field
    if extra.stacked:  # the position is approximate: say how approximate, next to the name
        expression = "1"
        field = (f'"{label_field}" || CASE WHEN "accuracy_m" IS NOT NULL '
                 "THEN ' (±' || round(\"accuracy_m\" / 1000) || ' km)' ELSE '' END")
    size = 10 if geometry == "Polygon" else 9
    weight = 63 if geometry == "Polygon" else 50  # QFont weights: 50 regular, 63 demi-bold
    priority = STACKED_PRIORITY if extra.stacked else PRIORITY[geometry]
    if spec.group == "layout":
        priority = min(10, priority + LAYOUT_BONUS)
    scale = (f'scaleVisibility="1" scaleMin="0" scaleMax="{STACKED_MAX_SCALE}"' if extra.stacked
             else 'scaleVisibility="0" scaleMin="0" scaleMax="0"')
    return (
        '<labeling type="simple"><settings calloutType="simple">'
        f"<text-style fieldName={quoteattr(field)} isExpression=\"{expression}\" fontFamily={quoteattr(LABEL_FONT)} "
        f'namedStyle="Regular" fontSize="{size}" fontSizeUnit="Point" fontWeight="{weight}" fontItalic="0" '
        'textColor="35,35,35,255" textOpacity="1" multilineHeight="1" capitalization="0" allowHtml="0">'
        '<text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255" '
        'bufferOpacity="0.9" bufferJoinStyle="128" bufferNoFill="1"/>'
        '<background shapeDraw="0"/><shadow shadowDraw="0"/></text-style>'
        '<text-format wrapChar="" autoWrapLength="12" useMaxLineLengthForAutoWrap="1" multilineAlign="3" '
        'formatNumbers="0" addDirectionSymbol="0"/>'
        f'<placement placement="{placement}" placementFlags="{line_flags}" polygonPlacementFlags="2" '
        f'priority="{priority}" dist="1" distUnits="MM" offsetType="0" centroidInside="1" centroidWhole="0" '
        'fitInPolygonOnly="0" repeatDistance="0" overrunDistance="0" lineAnchorPercent="0.5" lineAnchorType="0" '
        'predefinedPositionOrder="TR,TL,BR,BL,R,L,TSR,BSR" quadOffset="4" xOffset="0" yOffset="0" '
        'maxCurvedCharAngleIn="25" maxCurvedCharAngleOut="-25" preserveRotation="1" rotationAngle="0"/>'
        # obstacles: only a polygon's boundary (its interior stays free for other labels); a ring of stacked
        # points would block every label near it, its own included
        f'<rendering drawLabels="1" {scale} obstacle="{0 if extra.stacked else 1}" obstacleType="1" '
        'obstacleFactor="1" '
        'displayAll="0" upsidedownLabels="0" labelPerPart="0" mergeLines="1" minFeatureSize="0" '
        'limitNumLabels="0" maxNumLabels="2000" fontLimitPixelSize="0" fontMinPixelSize="3" '
        'fontMaxPixelSize="10000" zIndex="0" unplacedVisibility="0"/>'
        "</settings></labeling>"
    )


def qml_for_spec(spec: LayerSpec, label_field: str = "name", extra: StyleInput | None = None) -> str:
    """A QGIS style with the app's colours and, unless the layer is context data, its names as labels."""
    extra = extra or StyleInput()
    labelled = spec.provenance != "dataset"  # context datasets (land, boundaries) are never labelled
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        f'<qgis version="3.22.0" styleCategories="Symbology|Labeling" labelsEnabled="{int(labelled)}">'
        f"{_renderer(spec, extra)}"
        f"{_labeling(spec, extra, label_field) if labelled else ''}</qgis>"
    )


def layer_style_rows(specs: list[LayerSpec], geometry_column: str = "geom",
                     extras: dict[str, StyleInput] | None = None) -> list[dict]:
    """Rows of the QGIS ``layer_styles`` table, one default style per layer."""
    extras = extras or {}
    return [{
        "f_table_catalog": "", "f_table_schema": "", "f_table_name": spec.id, "f_geometry_column": geometry_column,
        "styleName": spec.id, "styleQML": qml_for_spec(spec, extra=extras.get(spec.id)), "styleSLD": "",
        "useAsDefault": True, "description": f"{spec.title} / {spec.title_en} (sti_geo)", "owner": "", "ui": "",
        "update_time": "2021-01-01T00:00:00Z",
    } for spec in specs]
