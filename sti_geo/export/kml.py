"""KML for Google Earth and 奥维: a folder per layer, Chinese names, readable descriptions, app colours."""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape

import geopandas as gpd
import pandas as pd

from ..model.specs import LayerSpec
from ..text.safe_text import plain
from ..text.safe_text import text as html_text
from ..text.values import is_blank

DESCRIPTION_FIELDS = ("name_en", "district", "industries", "geometry_basis", "accuracy_m", "outline_m", "quote",
                      "source")
DATA_FIELDS = ("id", "layer", "district_id", "industries", "clusters", "geometry_basis", "accuracy_m", "outline_m",
               "source", "quote")


def _abgr(hex_colour: str, opacity: float) -> str:
    """KML colours are aabbggrr."""
    r, g, b = hex_colour[1:3], hex_colour[3:5], hex_colour[5:7]
    return f"{round(max(0.0, min(1.0, opacity)) * 255):02x}{b}{g}{r}"


def _present(value) -> bool:
    return not is_blank(value)


def _coords(seq) -> str:
    return " ".join(f"{x:.7f},{y:.7f}" for x, y, *_ in seq)


def _geometry(geom) -> str:
    kind = geom.geom_type
    if kind == "Point":
        return f"<Point><coordinates>{geom.x:.7f},{geom.y:.7f}</coordinates></Point>"
    if kind == "LineString":
        return f"<LineString><tessellate>1</tessellate><coordinates>{_coords(geom.coords)}</coordinates></LineString>"
    if kind == "Polygon":
        inner = "".join(f"<innerBoundaryIs><LinearRing><coordinates>{_coords(r.coords)}</coordinates>"
                        "</LinearRing></innerBoundaryIs>" for r in geom.interiors)
        return (f"<Polygon><outerBoundaryIs><LinearRing><coordinates>{_coords(geom.exterior.coords)}</coordinates>"
                f"</LinearRing></outerBoundaryIs>{inner}</Polygon>")
    return "<MultiGeometry>" + "".join(_geometry(g) for g in geom.geoms) + "</MultiGeometry>"


def _style(spec: LayerSpec) -> str:
    s = spec.style
    return (f'<Style id="{escape(spec.id)}"><IconStyle><color>{_abgr(s.fill_color, 1)}</color><scale>0.8</scale>'
            "</IconStyle>"
            f"<LineStyle><color>{_abgr(s.color, s.opacity)}</color><width>{s.weight:g}</width></LineStyle>"
            f"<PolyStyle><color>{_abgr(s.fill_color, s.fill_opacity)}</color></PolyStyle></Style>")


def _placemark(row: pd.Series, geom, spec: LayerSpec, fields: tuple[str, ...]) -> str:
    description = "\n".join(f"{k}: {row[k]}" if k != "name_en" else str(row[k])
                            for k in fields if k in row.index and _present(row[k]))
    data = "".join(f'<Data name="{k}"><value>{escape(str(row[k]))}</value></Data>'
                   for k in DATA_FIELDS if k in row.index and _present(row[k]))
    # Google Earth shows <description> as HTML: escape for HTML, then for XML, so a name stays text.
    balloon = html_text(description).replace("\n", "<br>")
    return (f"<Placemark><name>{escape(plain(row['name']))}</name>"
            f"<description>{escape(balloon)}</description><styleUrl>#{escape(spec.id)}</styleUrl>"
            f"<ExtendedData>{data}</ExtendedData>{_geometry(geom)}</Placemark>")


def kml_document(layers: dict[str, gpd.GeoDataFrame], specs: Mapping[str, LayerSpec], title: str,
                 attribution: str, description_fields: tuple[str, ...] | None = None) -> str:
    """The KML text (WGS-84 lon/lat, as KML requires); descriptions list ``description_fields``."""
    fields = DESCRIPTION_FIELDS if description_fields is None else description_fields
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>',
             f"<name>{escape(title)}</name><description>{escape(attribution)}</description>"]
    parts += [_style(specs[lid]) for lid in layers]
    for lid, gdf in layers.items():
        spec = specs[lid]
        parts.append(f"<Folder><name>{escape(spec.title)} / {escape(spec.title_en)}</name>")
        rows = zip(gdf.iterrows(), gdf.geometry, strict=True)
        parts += [_placemark(row, geom, spec, fields) for (_, row), geom in rows]
        parts.append("</Folder>")
    parts.append("</Document></kml>\n")
    return "".join(parts)
