"""Text of the print popover and the handout."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "printing_print": ("打印 / 导出视图", "Print / export view"),
    "printing_format": ("格式", "Format"),
    "printing_paper": ("纸张", "Paper"),
    "printing_landscape": ("横向", "Landscape"),
    "printing_download": ("下载", "Download"),
    "printing_no_font": (
        "打印需要中文 TrueType 字体:请安装 Debian 的 fonts-wqy-zenhei(scripts/setup.sh 会安装)。",
        "Printing needs a CJK TrueType font: install Debian's fonts-wqy-zenhei (scripts/setup.sh does).",
    ),
    "printing_help": (
        "当前视图(范围、图层、名称、图例、比例尺、指北针、来源、日期与链接),离线生成。",
        "The current view (extent, layers, names, legend, scale bar, north arrow, sources, date and link), made "
        "offline.",
    ),
    "printing_deck": ("讲义 PDF(全部 {n} 幕)", "Handout PDF (all {n} scenes)"),
    "printing_deck_make": ("生成讲义 PDF(全部 {n} 幕)", "Make the handout PDF (all {n} scenes)"),
    "printing_deck_progress": ("正在生成讲义:第 {i}/{n} 幕 {title}", "Making the handout: scene {i} of {n}, {title}"),
    "printing_deck_saving": ("正在写入 PDF…", "Writing the PDF…"),
    "printing_deck_help": (
        "整套演示:封面与每幕一页(地图、说明、原文引文与来源),纸张同上方打印设置。",
        "The whole tour: a cover and a page per scene (map, caption, quotes and sources), on the paper chosen "
        "under Print.",
    ),
}
