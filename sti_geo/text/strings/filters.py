"""Text of the filters panel (facets over the plan's layers)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "filters_filters": ("筛选", "Filters"),
    "filters_active": ("筛选({n} 项条件)", "Filters ({n} active)"),
    "filters_help": (
        "同一项内任选其一,各项同时满足;只筛选有该字段的图层(如“平台类型”不影响园区)。",
        "Any of the values within a facet, all facets together; a facet narrows only the layers that have its "
        "field (platform type leaves the parks alone).",
    ),
    "filters_clear": ("清除筛选", "Clear filters"),
    "filters_any": ("不限", "Any"),
    "filters_count": ("显示 {shown} / {total} 项", "{shown} of {total} shown"),
    "filters_none": (
        "没有要素符合当前筛选条件。可放宽或清除筛选。",
        "No feature matches the filters. Widen or clear them.",
    ),
}
