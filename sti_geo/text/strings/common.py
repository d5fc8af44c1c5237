"""Text shared by every page: navigation, the map, the panel of a feature, notices, edits, the service."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "page_overview": ("总览", "Overview"),
    "page_layout": ("空间布局", "Layout"),
    "page_districts": ("区市园区", "Districts"),
    "page_industries": ("产业集群", "Industries"),
    "page_metrics": ("指标", "Metrics"),
    "page_about": ("关于", "About / data sources"),
    "page_my_layer": ("我的图层", "My layer"),
    "page_export": ("导出", "Export"),
    "app_title": ("科技创新规划地图", "S&T plan map"),
    "language_name": ("中文", "English"),  # each language named in itself, on the switch
    "language": ("语言 / Language", "语言 / Language"),
    "basemap": ("底图", "Basemap"),
    "layers": ("图层", "Layers"),
    "search": ("搜索园区、平台、区域", "Search parks, platforms, areas"),
    "search_none": ("(未选择)", "(none)"),
    "legend": ("图例", "Legend"),
    "print_km": ("{km} 公里", "{km} km"),
    "print_stacks": ("点位置近似:文件只给出所在区域(±{lo}–{hi} 公里);圆内数字为同一位置的数量。",
                     "Point positions are approximate: the documents give the district (±{lo}–{hi} km); a number "
                     "in a circle counts the features at one position."),
    "print_stacks_one": ("点位置近似:文件只给出所在区域(±{lo} 公里);圆内数字为同一位置的数量。",
                         "Point positions are approximate: the documents give the district (±{lo} km); a number "
                         "in a circle counts the features at one position."),
    "print_sources": ("资料来源:", "Sources: "),
    "attribution": ("sti_geo:{plan}。事实引自:{files}。边界:{boundaries}。陆地:© OpenStreetMap 贡献者(ODbL)。"
                    "乡镇驻地:GeoNames(CC BY 4.0)。片区、带与廊的几何为示意(见 geometry_basis)。",
                    "sti_geo: {plan}. Facts quoted from: {files}. Boundaries: {boundaries}. Land: © OpenStreetMap "
                    "contributors (ODbL). Township seats: GeoNames (CC BY 4.0). Zone, belt and corridor geometry is "
                    "schematic (see geometry_basis)."),
    "print_date": ("制图日期:", "Made on: "),
    "print_query": ("范围查询(虚线:确定在内的范围;点线:可能在内的范围):", "What lies within (dashed: certainly "
                    "inside; dotted: possibly inside): "),
    "print_filter": ("筛选(只显示符合条件的要素):", "Filtered (only matching features shown): "),
    "deck_title": ("演示讲义", "Tour handout"),
    "deck_about": ("共 {n} 幕,每幕一页:地图、说明与原文引文。", "{n} scenes, one page each: the map, the caption and "
                   "the source quotes."),
    "deck_scene": ("第 {i} / {n} 幕", "Scene {i} of {n}"),
    "deck_page": ("第 {p} 页", "page {p}"),
    "deck_continued": ("(续)", " (continued)"),
    "deck_industries": ("产业:", "Industries: "),
    "deck_quote": ("原文:", "Quote (the Chinese original): "),
    "deck_source": ("来源:", "Source: "),
    "stack_title": ("{n} 项位于同一位置 · 位置近似 ±{km} 公里", "{n} at one position · approximate, ±{km} km"),
    "stack_hint": ("文件只给出所在区域,未给出具体地点。点击名称查看详情。",
                   "The documents give the district, not the site. Click a name for its details."),
    "stack_tip": ("{n} 项 · 位置近似 ±{km} 公里 · 点击列出", "{n} · approximate, ±{km} km · click to list"),
    "autoplay_next": ("自动播放 · {s} 秒后下一幕", "Autoplay · next scene in {s} s"),
    "autoplay_paused": ("自动播放已暂停", "Autoplay paused"),
    "autoplay_pause": ("暂停(P)", "Pause (P)"),
    "autoplay_resume": ("继续(P)", "Resume (P)"),
    "tour_wrapped": ("已回到第一幕", "Back to the first scene"),
    "map_tools": ("绘制与测量工具", "Drawing and measuring tools"),
    "crs_not_covering": ("{crs}({label})适用于 {area}(经度 {w}–{e}°,纬度 {s}–{n}°);数据位于经度 {dw}–{de}°、"
                         "纬度 {ds}–{dn}°。请选择适用范围覆盖数据的坐标系。",
                         "{crs} ({label}) is meant for {area} (lon {w}–{e}°, lat {s}–{n}°); the data lies at lon "
                         "{dw}–{de}°, lat {ds}–{dn}°. Pick a CRS whose area of use covers it."),
    # the map for a keyboard and a screen reader: its name, its stacks, its controls in the page's language
    "map_name": ("规划地图:Tab 键逐个到达区域、园区与平台,Enter 打开详情",
                 "Plan map: Tab reaches each area, park and platform, Enter opens its details"),
    "cluster_name": ("{n} 个要素在此(Enter 展开)", "{n} features here (Enter shows them)"),
    "zoom_in": ("放大", "Zoom in"),
    "zoom_out": ("缩小", "Zoom out"),
    "fullscreen": ("全屏", "Full screen"),
    "fullscreen_exit": ("退出全屏", "Exit full screen"),
    "minimap_hide": ("隐藏鹰眼图", "Hide the overview map"),
    "minimap_show": ("显示鹰眼图", "Show the overview map"),
    "leaflet_title": ("Leaflet:开源网页地图库", "Leaflet: an open-source web map library"),
    "draw_rectangle": ("画矩形查询范围", "Draw a rectangle: what lies within"),
    "draw_polygon": ("画多边形查询范围", "Draw a polygon: what lies within"),
    "draw_circle": ("画圆查询范围", "Draw a circle: what lies within"),
    "draw_drag": ("按住并拖动画出范围。", "Click and drag to draw."),
    "draw_polygon_start": ("点击放置第一个角点。", "Click to place the first corner."),
    "draw_polygon_next": ("继续点击放置角点;点击第一个角点完成。", "Click to add a corner; click the first to finish."),
    "draw_release": ("松开鼠标完成。", "Release the mouse to finish."),
    "draw_cancel": ("取消", "Cancel"), "draw_finish": ("完成", "Finish"),
    "draw_undo": ("删除上一点", "Undo last point"),
    "draw_radius": ("半径", "Radius"),
    "swipe_divider": ("卷帘分隔条:左右拖动或用方向键移动", "Swipe divider: drag or use the arrow keys"),
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
    "designations": ("称号与认定", "Designations"),
    "designation": ("称号", "Designation"),
    "geometry_basis": ("几何依据", "Geometry basis"),
    "accuracy": ("位置精度", "Position accuracy"),
    "outline": ("轮廓精度", "Outline accuracy"),
    "outline_value": ("约 ±{km} 公里(示意轮廓,文件未给出边界)",
                      "about ±{km} km (a schematic outline; no document gives the boundary)"),
    "accuracy_value": ("约 ±{km} 公里(所在区域锚点,文件未给出具体位置)",
                       "about ±{km} km (area anchor; the documents give no site)"),
    "basis_official": ("官方", "official"),
    "basis_approximate": ("近似", "approximate"),
    "basis_schematic": ("示意(文件未界定范围)", "schematic (not defined by the documents)"),
    "notice_params": ("链接中的部分参数无效,已忽略:", "Some link parameters were invalid and were ignored:"),
    "notice_params_named": ("链接中的参数 {names} 无法使用,已忽略;页面按其余内容打开。",
                            "The link's {names} could not be used and were ignored."),
    "notice_input": ("部分输入", "input"),
    "notice_details": ("详情(英文)", "Details"),
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
    "kind_estimate": ("预计", "estimate"),
    "kind_plan": ("工作打算", "planned work"),
    "year_inferred": ("{year}(推定)", "{year} (inferred)"),
    "metric_conflict": ("{year} 年各文件给出的数值不同:{values}。两者均保留,各附出处。",
                        "For {year} the documents give different values: {values}. Both are kept, each with its "
                        "source."),
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
    # where an uploaded feature sits in the plan (upload.summary)
    "where_in": ("位于 {areas}", "In {areas}"),
    "where_outside": ("不在任何规划区域内;最近为 {area}({km:g} km)",
                      "Outside every plan area; nearest {area} ({km:g} km)"),
    "where_nearest_park": ("最近园区 {name}({km:g} km{accuracy})", "nearest park {name} ({km:g} km{accuracy})"),
    "where_nearest_platform": ("最近平台 {name}({km:g} km{accuracy})",
                               "nearest platform {name} ({km:g} km{accuracy})"),
    "where_accuracy": (",位置精度 ±{km:g} km", ", position ±{km:g} km"),
    "where_separator": (";", "; "),
    # indicator status (views.metric_status)
    "status_met": ("已达成", "met"),
    "status_on_track": ("进度正常", "on track"),
    "status_behind": ("落后", "behind"),
    "status_no_trend": ("无法判断趋势", "no trend to judge"),
    "status_no_actual": ("尚无实际值", "no actual yet"),
    "status_no_target": ("无2025目标", "no 2025 target"),
    "status_rule": (
        "规则:取最新实际值 A 与2025年目标 T 比较,A ≥ T 为“已达成”。否则只用原文写明年份的实际值判断趋势:"
        "以其中最早的 B(年份 b)到 T 的直线为期望路径,最新的 A′(年份 y)≥ B + (T − B)·(y − b)/(2025 − b) "
        "为“进度正常”,否则为“落后”;写明年份的实际值不足两个时无法判断趋势。"
        "原文未写年份的数字标为“(推定)”,其年份由文件日期或所述时期推定,只用于判断是否已达成;"
        "“预计”数字不算实际值。数值按原文记录,“超”“近”“多”等限定词照录,不作换算;定义不同的指标不混用。",
        "Rule: the latest actual A is compared with the 2025 target T; A ≥ T is 'met'. Otherwise the trend is "
        "judged on actuals whose year the text states: the expected path is the straight line from the earliest "
        "of them, B (year b), to T, and the latest, A′ (year y), is 'on track' if A′ ≥ B + (T − B)·(y − b)/"
        "(2025 − b), else 'behind'; with fewer than two such actuals there is no trend to judge. A figure whose "
        "year the text does not give is marked '(inferred)': its year comes from the document's date or the "
        "period it describes and is used only to tell whether the target is met. Estimates never count "
        "as actuals. Values are taken as written (hedges such as 'over', 'nearly' and 'more than' are shown, not "
        "adjusted); "
        "differently defined indicators are never mixed."),
    # cross-region comparison (views.compare)
    "compare_no_indicator": ("{region}没有同一口径的指标", "{region} reports no indicator with this definition"),
    "compare_units": ("单位不同", "different units"),
    "compare_periods": ("统计期间不同:两地没有同一期间的数字",
                        "different periods: no figure of one region covers the same period as one of the other's"),
    "compare_same": ("口径与期间相同", "same definition and period"),
    # the About page (views.about)
    "about_title": ("# 关于 / 数据来源", "# About / data sources"),
    "about_counts": (
        "共 {features} 个地图要素、{metrics} 条指标、{industries} 个产业条目;"
        "每条都带 `source`(下列文件)和 `quote`(该文件的原文摘录),`python -m sti_geo validate` 逐条核对原文。",
        "{features} map features, {metrics} metric rows, {industries} industries: "
        "every one carries `source` (a document below) and `quote` (a verbatim excerpt of it); "
        "`python -m sti_geo validate` checks each quote against the document."),
    "about_sources": ("## 来源文件", "## Sources"),
    "about_sources_header": ("| 文件 | 标题 | 年份 |", "| file | title | year |"),
    "about_licences": ("## 许可与署名", "## Licences and attribution"),
    "about_licences_header": ("| 数据/代码 | 许可 | 用途 |", "| data / code | licence | used for |"),
    "about_geometry": ("## 几何含义", "## What the geometry means"),
    "about_approximate": (
        "- `geometry_basis = approximate`(近似):真实存在的地点或边界,来自精度有限的数据集"
        "(区市边界约30米;点位为锚点,见精度)。",
        "- `geometry_basis = approximate`: a real place or boundary, drawn from a dataset with limited accuracy "
        "(county outlines ~30 m; points at an anchor, see accuracy)."),
    "about_schematic": (
        "- `geometry_basis = schematic`(示意):文件点名但未界定范围的片区、经济带、走廊;"
        "形状为示意(乡镇驻地泰森多边形或连接片区的线),不可据此量算面积或距离。",
        "- `geometry_basis = schematic`: the documents name the area, belt or corridor but define no outline; "
        "the shape is a sketch (Voronoi cells of township seats, or a line through the named areas). "
        "Do not measure areas or distances from it."),
    "about_accuracy": (
        "- `accuracy_m`(点位精度):文件从未给出园区或平台的具体位置,点位放在文件所指区域的锚点上,"
        "`accuracy_m` 为覆盖整个区域的半径;仅知属于全市的放在市级锚点,半径覆盖全市。",
        "- `accuracy_m` (points): the documents never give a park's or platform's site, so each point sits at "
        "the anchor of the area the documents place it in, and `accuracy_m` is the radius around that anchor "
        "within which the whole area lies. City-level facts sit at the city anchor with a city-wide radius."),
    "about_outline": (
        "- `outline_m`(轮廓精度):示意范围与线路的轮廓可能偏离真实边界的距离,按其画法推得"
        "(泰森多边形的边最多偏到较近的乡镇驻地;有乡镇无驻地的开发区可能延伸到整个所在区;文件未给出位置的综保区可能在全市任何地方)。"
        "“范围查询”据此回答:轮廓外扩后仍在范围内才算“在范围内”。",
        "- `outline_m` (schematic areas and lines): how far the drawn outline may be from the real boundary, as "
        "its recipe implies (a Voronoi edge at most to the nearer township seat; a zone with seatless towns "
        "anywhere in its district; the bonded zone, which no document locates, anywhere in the city). "
        "\"What lies within\" answers with it: an area is within only when its outline grown by it is."),
    "about_correction": ("## 报告更正", "## Report a correction"),
    "about_correction_how": (
        "在 `geodata/<region>/*.toml` 中修改对应条目(保留 `source` 与原文 `quote`),"
        "运行 `python -m sti_geo validate` 后提交;"
        "或提交问题,写明要素 id 及支持更正的原文句子。",
        "Edit the row in `geodata/<region>/*.toml` (keep `source` and a verbatim `quote`), run "
        "`python -m sti_geo validate`, and submit the change; or open an issue naming the feature id and the "
        "sentence that supports the correction."),
    "edit_position": ("位置已于 {at} 由 {role} 在数据库中更正;文件给出的位置:{documented}",
                      "Position corrected in the database on {at} by {role}; the documents' position: {documented}"),
    "edit_documented_none": ("无说明", "not described"),
    "edit_unrecorded": ("(未记录)", "(unrecorded)"),
    "edit_fields": ("字段 {fields} 已于 {at} 由 {role} 在数据库中修改;原文引语仍是文件所写。",
                    "Fields {fields} changed in the database on {at} by {role}; the quote is still the document's."),
    "edit_added": ("已于 {at} 由 {role} 在数据库中添加,不是规划文件中的事实。",
                   "Added in the database on {at} by {role}: not a fact from the plan's documents."),
    "edited": ("数据库中的修改", "Changed in the database"),
    "store_flagged": ("数据库中有 {n} 处修改不符合数据规则,未予显示(要素仍按文件显示);"
                      "`python -m sti_geo validate --db` 列出全部。",
                      "{n} edits in the database break a data rule and are not shown (the features stay as "
                      "documented); `python -m sti_geo validate --db` lists them all."),
    "store_outage": ("无法连接数据库:显示最后一次读取的数据({when})。",
                     "The database cannot be reached: showing the data last read ({when})."),
    "store_outage_pack": ("无法连接数据库:显示区域数据包的文件(数据库中的修改暂不可见)。",
                          "The database cannot be reached: showing the region pack's files (its edits are not "
                          "visible for now)."),
    "store_absent": ("数据库中没有本区域的已发布数据:显示区域数据包的文件。",
                     "The database holds no published data for this region: showing the region pack's files."),
    "service_description": ("规划的各图层,每条事实附原文出处",
                            "The plan's layers, every fact with its verbatim source"),
    "service_keyword": ("规划", "planning"),
    "service_keyword_plan": ("科技创新规划", "S&T plan"),
    "service_title": ("## 地图服务(OGC API – Features)", "## Map service (OGC API – Features)"),
    "service_intro": (
        "规划图层也以 OGC API – Features 服务提供:每个要素一次,属性与导出相同(含 `source`、`quote`、"
        "`geometry_basis`),编号即规划编号。地址:",
        "The plan's layers are also served as OGC API – Features: each feature once, with the attributes of the "
        "exports (`source`, `quote`, `geometry_basis` …) and the plan's ids. Address:"),
    "service_qgis": (
        "- **QGIS**(3.16 起):图层 ▸ 添加图层 ▸ 添加 WFS 图层… ▸ 新建;URL 填上述地址,版本选"
        "“OGC API - Features”,确定 ▸ 连接 ▸ 选择图层 ▸ 添加。",
        "- **QGIS** (3.16 or later): Layer ▸ Add Layer ▸ Add WFS Layer… ▸ New; URL: the address above, "
        "Version: “OGC API - Features”; OK ▸ Connect ▸ pick the layers ▸ Add."),
    "service_gdal": ("- **GDAL**:`ogrinfo OAPIF:{url}` 列出图层;`ogr2ogr -f GPKG 规划.gpkg OAPIF:{url}` 全部下载。",
                     "- **GDAL**: `ogrinfo OAPIF:{url}` lists the layers; `ogr2ogr -f GPKG plan.gpkg OAPIF:{url}` "
                     "takes them all."),
    "service_crs": ("- 坐标系:WGS-84(CRS84、EPSG:4326)、CGCS2000(EPSG:4490){metric};以 `crs=` 参数选择。",
                    "- CRS: WGS-84 (CRS84, EPSG:4326), CGCS2000 (EPSG:4490){metric}; choose with `crs=`."),
    "service_browse": ("- 浏览器中打开该地址可逐层查看要素表。",
                       "- Opened in a browser, the address shows each layer's table."),
    "service_own": ("- 自己上传的图层只留在本会话中,从不经此服务提供。",
                    "- An own uploaded layer stays in its session: the service never serves it."),
    "service_elsewhere": (
        "- 服务内的链接指向上述地址;其他电脑访问时,请以 `STI_GEO_PUBLIC_URL`(它们能打开的地址)启动本应用。",
        "- The service's own links point at the address above; for other computers, start the app with "
        "`STI_GEO_PUBLIC_URL` set to an address they can open."),
    "service_not_running": (
        "以 `python -m sti_app.serve`(README 的启动命令)启动时,本应用在 `/ogcapi` 提供 OGC API – Features 服务,"
        "供 QGIS 与 GDAL 直接添加规划图层。",
        "Started with `python -m sti_app.serve` (the README's command), the app also serves the plan's layers as "
        "OGC API – Features at `/ogcapi`, for QGIS and GDAL to add directly."),
}
