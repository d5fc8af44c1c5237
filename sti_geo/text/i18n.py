"""User-interface text in Chinese (default) and English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"


def field_in(field: str, lang: str) -> str:
    """The column holding ``field`` in ``lang``: ``name`` in Chinese, ``name_en`` in English."""
    return f"{field}_en" if lang == "en" else field


def localized(row: Mapping[str, Any], field: str, lang: str) -> Any:
    """``row``'s ``field`` in ``lang`` (its ``<field>_en`` column in English); rows may be pandas Series."""
    return row[field_in(field, lang)]

STRINGS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "page_overview": ("总览", "Overview"),
    "page_layout": ("空间布局", "Layout"),
    "page_districts": ("区市园区", "Districts"),
    "page_industries": ("产业集群", "Industries"),
    "page_metrics": ("指标", "Metrics"),
    "page_about": ("关于", "About / data sources"),
    "language": ("语言 / Language", "语言 / Language"),
    "basemap": ("底图", "Basemap"),
    "layers": ("图层", "Layers"),
    "search": ("搜索园区、平台、区域", "Search parks, platforms, areas"),
    "search_none": ("(未选择)", "(none)"),
    "legend": ("图例", "Legend"),
    "legend_schematic": ("示意:文件未界定的范围与线路。", "Schematic: outlines not defined by the documents."),
    "panel_hint": ("点击地图上的区域、园区或平台查看详情。",
                   "Click an area, park or platform on the map to see its details."),
    "type": ("类型", "Type"),
    "district": ("所在区市", "District"),
    "industries": ("特色/目标产业", "Specialties / target industries"),
    "clusters": ("产业集群", "Industry clusters"),
    "parks_in": ("区内园区", "Parks here"),
    "platforms_in": ("区内平台", "Platforms here"),
    "metrics": ("指标", "Metrics"),
    "source_quote": ("原文依据", "Source quote"),
    "geometry_basis": ("几何依据", "Geometry basis"),
    "accuracy": ("位置精度", "Position accuracy"),
    "accuracy_value": ("约 ±{km} 公里(所在区域锚点,文件未给出具体位置)",
                       "about ±{km} km (area anchor; the documents give no site)"),
    "basis_official": ("官方", "official"),
    "basis_approximate": ("近似", "approximate"),
    "basis_schematic": ("示意(文件未界定范围)", "schematic (not defined by the documents)"),
    "notice_params": ("链接中的部分参数无效,已忽略:", "Some link parameters were invalid and were ignored:"),
    "permalink": ("本视图链接", "Link to this view"),
    "data_error": ("数据文件有误,无法显示地图:", "The data files have problems; the map cannot be shown:"),
    "assets_missing": ("前端资源未安装(请运行 scripts/setup.sh):",
                       "Front-end assets are missing (run scripts/setup.sh):"),
    "clear_selection": ("清除选择", "Clear selection"),
    "none": ("无", "none"),
    "year": ("年份", "Year"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "kind": ("类型", "Kind"),
    "source": ("来源文件", "Source"),
    "quote": ("原文", "Quote"),
    "kind_actual": ("实际", "actual"),
    "kind_target": ("目标", "target"),
    "page_upload": ("我的图层", "My layer"),
    "region": ("城市 / 数据包", "City / region pack"),
    "period": ("期间", "Period"),
    "full_year": ("全年/年末", "full year / year end"),
    "upload_toggle": ("我的图层:{name}", "My layer: {name}"),
    "dismiss": ("知道了", "OK"),
    "upload_full_detail": ("我的图层中有 {n} 个要素形状过于细碎,无法简化,按原始精度绘制。",
                           "{n} feature(s) of your layer are too intricate to simplify and are drawn at full detail."),
    "upload_lost": ("您上传的图层已不在:图层只保存在上传它的浏览器会话中,"
                    "服务器重启、会话过期或打开别人分享的链接时都不会保留。如需要,请在“我的图层”页重新上传。",
                    "The layer you uploaded is gone: an own layer lives only in the browser session that uploaded it, "
                    "so a server restart, an expired session or a shared link does not keep it. Upload it again on "
                    "the My layer page if you need it."),
    "uploaded_feature": ("上传的要素(非规划数据)", "Uploaded feature (not plan data)"),
    "upload_where": ("与规划的空间关系", "Where it sits in the plan"),
    "upload_attributes": ("属性", "Attributes"),
}

TYPE_EN: dict[str, str] = {
    "创新型产业园区": "Innovation industrial park",
    "农业科技园区": "Agricultural S&T park",
    "康养旅游片区": "Health tourism area",
    "研究院所": "Research institute",
    "实验室": "Laboratory",
    "大科学装置": "Big-science facility",
    "检验检测平台": "Testing platform",
    "国际合作载体": "International cooperation",
    "人才平台": "Talent platform",
    "企业技术中心": "Enterprise technology centre",
    "高校": "University",
    "技术创新中心": "Technology innovation centre",
    "创新创业共同体": "Innovation community",
    "孵化载体与双创街区": "Incubator / innovation street",
    "科技服务平台": "S&T service platform",
    "工业互联网平台": "Industrial internet platform",
    "district": "区市 / District",
    "zone": "开发区 / Development zone",
    "named_area": "重点片区 / Key area",
}
KIND_ZH: dict[str, str] = {"district": "区市", "zone": "开发区", "named_area": "重点片区"}


def t(key: str, lang: str) -> str:
    """The UI string ``key`` in ``lang`` (falls back to Chinese)."""
    zh, en = STRINGS[key]
    return en if lang == "en" else zh  # the one place a language picks between two strings


def type_label(value: str, lang: str) -> str:
    """A park/platform/area type in the UI language."""
    if lang == "en":
        return TYPE_EN.get(value, value).split(" / ")[-1]
    return KIND_ZH.get(value, value)
