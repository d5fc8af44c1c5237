"""Text of the compare (swipe) panel."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "swipe_on": ("卷帘对比", "Compare (swipe)"),
    "swipe_help": (
        "同一地图上左右两侧显示两组图层,拖动中间的分隔条比较;平移和缩放两侧同步。",
        "Two layer sets on one map, left and right of a divider you drag; pan and zoom are shared.",
    ),
    "swipe_left": ("左侧", "Left"),
    "swipe_right": ("右侧", "Right"),
    "swipe_same": ("两侧相同,请换一侧。", "Both sides are the same; change one."),
    "swipe_no_own": (
        "本会话没有自有图层:请在“我的图层”页上传,或换一侧。",
        "No own layer in this session: upload one on the My layer page, or pick another side.",
    ),
}
