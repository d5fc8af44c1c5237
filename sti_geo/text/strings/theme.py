"""Text of the thematic (choropleth) panel."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "theme_title": ("专题", "Thematic"),
    "theme_none": ("(不着色)", "(none)"),
    "theme_year": ("年份", "Year"),
    "theme_method": ("分级:{method};断点 {breaks}。", "Classes: {method}; breaks {breaks}."),
    "theme_city": (
        "另有 {n} 项只定位到全市,未计入任何区市。",
        "{n} more are placed only city-wide and counted for no district.",
    ),
    "theme_count_note": ("计数为文件中点名的数量。", "Counts are of what the documents name."),
    "theme_hidden": ("开启“区市与开发区”图层以查看着色。", "Turn on the districts layer to see the colours."),
    "theme_value": ("{label}:{value}", "{label}: {value}"),
    "theme_no_data": ("无数据", "no data"),
    "theme_target": ("(目标值)", "(a target)"),
}
