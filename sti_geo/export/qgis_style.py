"""QGIS styles (QML) from layer specs, for the GeoPackage ``layer_styles`` table."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from ..model.specs import LayerSpec

PX_TO_MM = 0.26  # QGIS sizes are in millimetres; Leaflet's in screen pixels
SYMBOL_TYPE = {"Point": "marker", "LineString": "line", "Polygon": "fill"}
LAYER_STYLE_COLUMNS = ("f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                       "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time")


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


def qml_for_spec(spec: LayerSpec, label_field: str = "name") -> str:
    """A single-symbol QGIS style with the app's colours and the feature name as label."""
    klass, opts = _symbol_layer(spec)
    kind = SYMBOL_TYPE[spec.geometry_type]
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        '<qgis version="3.34.0" styleCategories="Symbology|Labeling" labelsEnabled="1">'
        '<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">'
        f'<symbols><symbol type="{kind}" name="0" alpha="1" clip_to_extent="1" force_rhr="0">'
        f'<layer class="{klass}" enabled="1" locked="0" pass="0"><Option type="Map">{_options(opts)}</Option>'
        "</layer></symbol></symbols></renderer-v2>"
        '<labeling type="simple"><settings calloutType="simple">'
        f'<text-style fieldName={quoteattr(label_field)} fontSize="9" fontSizeUnit="Point" textColor="40,40,40,255">'
        '<text-buffer bufferDraw="1" bufferSize="0.8" bufferColor="255,255,255,255"/></text-style>'
        '<placement placement="0" dist="1"/><rendering scaleVisibility="0"/>'
        "</settings></labeling></qgis>"
    )


def layer_style_rows(specs: list[LayerSpec], geometry_column: str = "geom") -> list[dict]:
    """Rows of the QGIS ``layer_styles`` table, one default style per layer."""
    return [{
        "f_table_catalog": "", "f_table_schema": "", "f_table_name": spec.id, "f_geometry_column": geometry_column,
        "styleName": spec.id, "styleQML": qml_for_spec(spec), "styleSLD": "", "useAsDefault": True,
        "description": f"{spec.title} / {spec.title_en} (sti_geo)", "owner": "", "ui": "",
        "update_time": "2021-01-01T00:00:00Z",
    } for spec in specs]
