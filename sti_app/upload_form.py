"""The upload page's choices and text, and turning them into a read (no Streamlit here)."""

from __future__ import annotations

import logging

from sti_geo._errors import UploadError
from sti_geo.geo.crs import GCJ02, WGS84
from sti_geo.settings import Settings
from sti_geo.upload.layer import UploadedLayer, UploadOptions, read_upload
from sti_geo.upload.messages import error_message

log = logging.getLogger(__name__)

# CRS choices for data whose file names none (or names a wrong one); "other" takes any EPSG code.
CRS_CHOICES: dict[str, dict[str, str]] = {
    "file": {"zh": "按文件(无则为 WGS-84)", "en": "From the file (else WGS-84)"},
    "EPSG:4326": {"zh": "WGS-84 经纬度 (EPSG:4326)", "en": "WGS-84 lon/lat (EPSG:4326)"},
    "EPSG:4490": {"zh": "CGCS2000 经纬度 (EPSG:4490)", "en": "CGCS2000 lon/lat (EPSG:4490)"},
    "EPSG:4549": {"zh": "CGCS2000 3度带 CM 120°E (EPSG:4549)", "en": "CGCS2000 3-degree CM 120°E (EPSG:4549)"},
    "EPSG:4550": {"zh": "CGCS2000 3度带 CM 123°E (EPSG:4550)", "en": "CGCS2000 3-degree CM 123°E (EPSG:4550)"},
    "EPSG:32650": {"zh": "WGS-84 UTM 50N (EPSG:32650)", "en": "WGS-84 UTM 50N (EPSG:32650)"},
    "EPSG:32651": {"zh": "WGS-84 UTM 51N (EPSG:32651)", "en": "WGS-84 UTM 51N (EPSG:32651)"},
    "EPSG:3857": {"zh": "Web 墨卡托 (EPSG:3857)", "en": "Web Mercator (EPSG:3857)"},
    "other": {"zh": "其他 EPSG 代码…", "en": "Other EPSG code…"},
}
ENCODINGS: dict[str, dict[str, str]] = {
    "auto": {"zh": "自动识别", "en": "Detect"},
    "utf-8": {"zh": "UTF-8", "en": "UTF-8"},
    "gb18030": {"zh": "GBK / GB18030(国内常见)", "en": "GBK / GB18030 (common in China)"},
    "latin-1": {"zh": "Latin-1", "en": "Latin-1"},
}
UPLOAD_TEXT = {
    "zh": {
        "title": "我的图层", "file": "上传图层文件",
        "intro": "上传自己的数据与规划叠加对比(一张图):GeoJSON、Shapefile(.zip)、GeoPackage、KML,或含经纬度/WKT 列的"
                 "CSV。上限 {mb} MB、{features} 个要素。图层只保存在本次会话中,服务器不留存。",
        "options": "读取选项(坐标系、编码、GCJ-02、图层、CSV 列)", "crs": "数据坐标系",
        "crs_other": "EPSG 代码,如 EPSG:4547",
        "encoding": "文字编码", "gcj02": "坐标为 GCJ-02(高德/腾讯)", "layer": "图层", "x_col": "经度 / X 列",
        "y_col": "纬度 / Y 列", "wkt_col": "WKT 列",
        "none": "尚未上传图层。上传后,它会作为可开关的图层出现在每个地图页面上。",
        "kept": "之前的图层“{name}”保持不变。", "loaded": "已载入 **{name}**:{n} 个要素({fmt},原坐标系 {crs})。",
        "remove": "移除我的图层", "summary": "与规划的空间关系", "format": "导出格式", "out_crs": "坐标系",
        "csv_geometry": "CSV 几何",
        "download": "下载图层及空间关系",
        "summary_note": "距离为要素与规划要素几何之间的距离;园区、平台位置为近似(见精度)。",
        "columns": {"id": "编号", "name": "名称", "in_areas": "所在规划区域", "nearest_area": "最近区域",
                    "nearest_area_km": "距区域 km", "nearest_park": "最近园区", "nearest_park_km": "距园区 km",
                    "nearest_park_accuracy_km": "园区位置精度 ±km", "nearest_platform": "最近平台",
                    "nearest_platform_km": "距平台 km", "nearest_platform_accuracy_km": "平台位置精度 ±km"},
    },
    "en": {
        "title": "My layer", "file": "Upload a layer file",
        "intro": "Lay your own data over the plan: GeoJSON, Shapefile (.zip), GeoPackage, KML, or CSV with lon/lat or "
                 "WKT columns. Up to {mb} MB and {features} features. The layer lives in this session only; the "
                 "server keeps nothing.",
        "options": "Reading options (CRS, encoding, GCJ-02, layer, CSV columns)", "crs": "The data's CRS",
        "crs_other": "EPSG code, e.g. EPSG:4547", "encoding": "Text encoding",
        "gcj02": "Coordinates are GCJ-02 (Amap/Tencent)", "layer": "Layer", "x_col": "Longitude / X column",
        "y_col": "Latitude / Y column", "wkt_col": "WKT column",
        "none": "No layer uploaded yet. Once uploaded it appears as a layer you can toggle on every map page.",
        "kept": "Your previous layer “{name}” is unchanged.",
        "loaded": "Loaded **{name}**: {n} features ({fmt}, source CRS {crs}).", "remove": "Remove my layer",
        "summary": "Where it sits in the plan", "format": "Export format", "out_crs": "CRS",
        "csv_geometry": "CSV geometry",
        "download": "Download the layer with its summary",
        "summary_note": "Distances are between the geometries; park and platform positions are approximate "
                        "(see accuracy).",
        "columns": {"id": "id", "name": "Name", "in_areas": "In plan areas", "nearest_area": "Nearest area",
                    "nearest_area_km": "Area km", "nearest_park": "Nearest park", "nearest_park_km": "Park km",
                    "nearest_park_accuracy_km": "Park position ±km", "nearest_platform": "Nearest platform",
                    "nearest_platform_km": "Platform km", "nearest_platform_accuracy_km": "Platform position ±km"},
    },
}


def options_from_form(crs_choice: str, crs_other: str, encoding: str, gcj02: bool, layer: str | None = None,
                      x_column: str | None = None, y_column: str | None = None,
                      wkt_column: str | None = None) -> UploadOptions:
    """UploadOptions from the page's widgets ("file"/"auto" mean: read it from the file)."""
    crs = None if crs_choice == "file" else (crs_other.strip() or None) if crs_choice == "other" else crs_choice
    if crs is not None and crs.upper() == GCJ02:  # typed by hand: GCJ-02 is a conversion, not a CRS
        crs, gcj02 = WGS84, True
    return UploadOptions(layer=layer, crs=crs, gcj02=gcj02, encoding=None if encoding == "auto" else encoding,
                         x_column=x_column, y_column=y_column, wkt_column=wkt_column)


def read_or_message(data: bytes, file_name: str, options: UploadOptions, settings: Settings,
                    region_bounds: tuple[float, float, float, float] | None,
                    lang: str) -> tuple[UploadedLayer | None, str | None]:
    """(the layer, None), or (None, what went wrong in the user's language)."""
    try:
        return read_upload(data, file_name, options, settings, region_bounds), None
    except UploadError as exc:
        log.warning("upload %r refused: %s", file_name[:120], exc)  # the library's detail stays server-side
        return None, error_message(exc, lang)
