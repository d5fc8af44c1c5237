"""Text of the 'what lies within' query panel."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "query_title": ("范围查询", "What lies within"),
    "query_active": ("范围查询(已设定)", "What lies within (set)"),
    "query_mode": ("查询范围", "Around"),
    "query_feature": ("某要素周边", "a feature"),
    "query_circle": ("某点周边", "a point"),
    "query_pick": ("要素", "Feature"),
    "query_km": ("半径(公里)", "Radius (km)"),
    "query_lat": ("纬度", "Latitude"),
    "query_lon": ("经度", "Longitude"),
    "query_run": ("查询", "Find"),
    "query_clear": ("清除查询", "Clear query"),
    "query_help": (
        "距离与面积在本地区的投影坐标系中计算。点位近似(±N "
        "公里)的要素:整个误差圆在范围内才算“在范围内”,误差圆与范围相交为“可能在范围内”。示意范围(轮廓 ±N "
        "公里,文件未给出其边界):轮廓外扩 N 公里后仍在范围内才算“在范围内”,内缩 N "
        "公里后仍与范围相交才算“部分在范围内”,否则为“可能在范围内”。",
        "Distances and areas are computed in the region's projected CRS. A feature whose position is approximate "
        "(±N km) is within only when its whole accuracy circle is; if the circle overlaps, it is possibly "
        "within. A schematic area (outline ±N km: no document gives its boundary) is within only when its "
        "outline grown by N km is, partly within only where its outline shrunk by N km still meets the query, "
        "else possibly within.",
    ),
    "query_within": ("在范围内", "within"),
    "query_partly_within": ("部分在范围内", "partly within"),
    "query_possibly_within": ("可能在范围内", "possibly within"),
    "query_none": ("范围内没有要素。", "Nothing lies within."),
    "query_name": ("名称", "Name"),
    "query_status": ("结果", "Answer"),
    "query_share": ("范围内比例", "Share inside"),
    "query_type": ("类型", "Type"),
    "query_district": ("所在区市", "District"),
    "query_acc": ("位置精度", "Position"),
    "query_by_type": ("按类型", "By type"),
    "query_by_district": ("按区市", "By district"),
    "query_approx": ("±{km} 公里", "±{km} km"),
    "query_exact": ("边界", "outline"),
    "query_outline_approx": ("轮廓 ±{km} 公里(示意)", "outline ±{km} km (schematic)"),
    "query_pick_hint": ("点击结果行查看详情。", "Click a row for its details."),
    "query_now": (
        "当前查询:{kind}。也可在地图左上角画矩形、多边形或圆。",
        "Current query: {kind}. You can also draw a rectangle, polygon or circle at the map's top left.",
    ),
    "query_draw": (
        "在地图左上角画矩形、多边形或圆,或在此选择要素或点。",
        "Draw a rectangle, polygon or circle at the map's top left, or choose a feature or a point here.",
    ),
    "query_kind_feature": ("{name} 周边 {km} 公里", "within {km} km of {name}"),
    "query_kind_circle": ("圆,半径 {km} 公里", "a circle of {km} km"),
    "query_kind_rectangle": ("矩形", "a rectangle"),
    "query_kind_polygon": ("多边形", "a polygon"),
    "query_fuzzy": (
        "{name} 的位置只知道到 ±{acc} 公里:确定在 {km} 公里内的范围{inner};可能在内的范围延伸到 {outer} 公里。",
        "{name}'s position is known only to ±{acc} km: certainly within {km} km {inner}; possibly within up to "
        "{outer} km.",
    ),
    "query_fuzzy_none": ("不存在", "nowhere"),
    "query_fuzzy_some": ("只到 {k} 公里", "only up to {k} km"),
    "query_fuzzy_outline": (
        "{name} 是示意范围,轮廓可能偏差 ±{acc} 公里:确定在 {km} 公里内的范围{inner};可能在内的范围延伸到轮廓外 "
        "{outer} 公里。",
        "{name} is a schematic area whose outline may be off by ±{acc} km: certainly within {km} km {inner}; "
        "possibly within up to {outer} km beyond its drawn outline.",
    ),
    "query_fuzzy_outline_none": ("不存在(文件未给出其位置)", "nowhere (no document gives where it is)"),
    "query_fuzzy_outline_some": ("只在其确定覆盖的部分周边", "only around the part it surely covers"),
    "query_beyond": (
        "查询范围超出了 {crs} 能量算距离的区域(经度 {w}–{e}°,纬度 {s}–{n}°):只查询其中的部分。",
        "The query reaches beyond where {crs} measures distances (lon {w}–{e}°, lat {s}–{n}°): only its part "
        "within is asked.",
    ),
}
