"""Text of the My layer page: reading options, messages, the relation table."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "upload_title": ("我的图层", "My layer"),
    "upload_file": ("上传图层文件", "Upload a layer file"),
    "upload_intro": (
        "上传自己的数据与规划叠加对比(一张图):GeoJSON、Shapefile(.zip)、GeoPackage、KML,或含经纬度/WKT "
        "列的CSV。上限 {mb} MB、{features} 个要素。图层只保存在本次会话中,服务器不留存。",
        "Lay your own data over the plan: GeoJSON, Shapefile (.zip), GeoPackage, KML, or CSV with lon/lat or WKT "
        "columns. Up to {mb} MB and {features} features. The layer lives in this session only; the server keeps "
        "nothing.",
    ),
    "upload_options": (
        "读取选项(坐标系、编码、GCJ-02、图层、CSV 列)",
        "Reading options (CRS, encoding, GCJ-02, layer, CSV columns)",
    ),
    "upload_crs": ("数据坐标系", "The data's CRS"),
    "upload_crs_other": ("EPSG 代码,如 EPSG:4547", "EPSG code, e.g. EPSG:4547"),
    "upload_encoding": ("文字编码", "Text encoding"),
    "upload_gcj02": ("坐标为 GCJ-02(高德/腾讯)", "Coordinates are GCJ-02 (Amap/Tencent)"),
    "upload_layer": ("图层", "Layer"),
    "upload_x_col": ("经度 / X 列", "Longitude / X column"),
    "upload_y_col": ("纬度 / Y 列", "Latitude / Y column"),
    "upload_wkt_col": ("WKT 列", "WKT column"),
    "upload_none": (
        "尚未上传图层。上传后,它会作为可开关的图层出现在每个地图页面上。",
        "No layer uploaded yet. Once uploaded it appears as a layer you can toggle on every map page.",
    ),
    "upload_kept": ("之前的图层“{name}”保持不变。", "Your previous layer “{name}” is unchanged."),
    "upload_loaded": (
        "已载入 **{name}**:{n} 个要素({fmt},原坐标系 {crs})。",
        "Loaded **{name}**: {n} features ({fmt}, source CRS {crs}).",
    ),
    "upload_remove": ("移除我的图层", "Remove my layer"),
    "upload_summary": ("与规划的空间关系", "Where it sits in the plan"),
    "upload_format": ("导出格式", "Export format"),
    "upload_out_crs": ("坐标系", "CRS"),
    "upload_csv_geometry": ("CSV 几何", "CSV geometry"),
    "upload_download": ("下载图层及空间关系", "Download the layer with its summary"),
    "upload_summary_note": (
        "距离为要素与规划要素几何之间的距离;园区、平台位置为近似(见精度)。",
        "Distances are between the geometries; park and platform positions are approximate (see accuracy).",
    ),
    "upload_columns_id": ("编号", "id"),
    "upload_columns_name": ("名称", "Name"),
    "upload_columns_in_areas": ("所在规划区域", "In plan areas"),
    "upload_columns_nearest_area": ("最近区域", "Nearest area"),
    "upload_columns_nearest_area_km": ("距区域 km", "Area km"),
    "upload_columns_nearest_park": ("最近园区", "Nearest park"),
    "upload_columns_nearest_park_km": ("距园区 km", "Park km"),
    "upload_columns_nearest_park_accuracy_km": ("园区位置精度 ±km", "Park position ±km"),
    "upload_columns_nearest_platform": ("最近平台", "Nearest platform"),
    "upload_columns_nearest_platform_km": ("距平台 km", "Platform km"),
    "upload_columns_nearest_platform_accuracy_km": ("平台位置精度 ±km", "Platform position ±km"),
    "upload_crs_choice_file": ("按文件(无则为 WGS-84)", "From the file (else WGS-84)"),
    "upload_crs_choice_EPSG:4326": ("WGS-84 经纬度 (EPSG:4326)", "WGS-84 lon/lat (EPSG:4326)"),
    "upload_crs_choice_EPSG:4490": ("CGCS2000 经纬度 (EPSG:4490)", "CGCS2000 lon/lat (EPSG:4490)"),
    "upload_crs_choice_EPSG:4549": ("CGCS2000 3度带 CM 120°E (EPSG:4549)", "CGCS2000 3-degree CM 120°E (EPSG:4549)"),
    "upload_crs_choice_EPSG:4550": ("CGCS2000 3度带 CM 123°E (EPSG:4550)", "CGCS2000 3-degree CM 123°E (EPSG:4550)"),
    "upload_crs_choice_EPSG:32650": ("WGS-84 UTM 50N (EPSG:32650)", "WGS-84 UTM 50N (EPSG:32650)"),
    "upload_crs_choice_EPSG:32651": ("WGS-84 UTM 51N (EPSG:32651)", "WGS-84 UTM 51N (EPSG:32651)"),
    "upload_crs_choice_EPSG:3857": ("Web 墨卡托 (EPSG:3857)", "Web Mercator (EPSG:3857)"),
    "upload_crs_choice_other": ("其他 EPSG 代码…", "Other EPSG code…"),
    "upload_enc_auto": ("自动识别", "Detect"),
    "upload_enc_utf-8": ("UTF-8", "UTF-8"),
    "upload_enc_gb18030": ("GBK / GB18030(国内常见)", "GBK / GB18030 (common in China)"),
    "upload_enc_latin-1": ("Latin-1", "Latin-1"),
}
