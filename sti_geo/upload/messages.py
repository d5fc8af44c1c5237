"""What to tell the user about an upload, in Chinese and English, by message code."""

from __future__ import annotations

from .._errors import UploadError
from ..text.i18n import in_lang

# code: (zh, en); placeholders are filled from the error's or notice's params.
MESSAGES: dict[str, tuple[str, str]] = {
    "empty": ("文件是空的。", "The file is empty."),
    "too_large": ("文件 {size_mb} MB,超过上限 {limit_mb} MB。",
                  "The file is {size_mb} MB; the limit is {limit_mb} MB."),
    "too_many_features": ("文件含 {count} 个要素,超过上限 {limit} 个。",
                          "The file has {count} features; the limit is {limit}."),
    "wrong_type": ("不支持的文件类型 {ext}。支持:{allowed}(Shapefile 请打包为 .zip)。",
                   "Unsupported file type {ext}. Supported: {allowed} (zip a Shapefile)."),
    "corrupt": ("文件内容不是有效的 {format},可能已损坏或扩展名不对。",
                "The file is not valid {format}: it may be damaged or have the wrong extension."),
    "unreadable": ("无法读取这个 {format} 文件:它可能已损坏、不完整,或内容与扩展名不符。请在 GIS 软件(如 QGIS)中打开"
                   "检查,或另存为 GeoPackage / GeoJSON 后重新上传。",
                   "This {format} file could not be read: it may be damaged, incomplete, or not what its extension "
                   "says. Open it in a GIS (e.g. QGIS) to check, or save it as GeoPackage / GeoJSON and upload again."),
    "encoding": ("无法按 {encoding} 编码读取文本,请选择其他编码。",
                 "The text cannot be read as {encoding}; pick another encoding."),
    "zip_corrupt": ("压缩包已损坏或无法解压(可能已加密或不完整)。请重新打包为普通 ZIP 后上传。",
                    "The zip is damaged or cannot be unpacked (it may be encrypted or incomplete). Zip the files "
                    "again as a plain ZIP and upload it."),
    "zip_path": ("压缩包内的路径不安全({name}),已拒绝。", "The zip holds an unsafe path ({name}); refused."),
    "zip_link": ("压缩包内含符号链接({name}),已拒绝。", "The zip holds a symbolic link ({name}); refused."),
    "zip_members": ("压缩包内文件过多({count} 个,上限 {limit})。",
                    "The zip holds too many files ({count}; limit {limit})."),
    "zip_bomb": ("压缩包解压后超过 {limit_mb} MB(或压缩比异常),已拒绝。",
                 "The zip unpacks to more than {limit_mb} MB (or compresses implausibly well); refused."),
    "zip_no_shp": ("压缩包内没有 .shp 文件。", "The zip holds no .shp file."),
    "zip_nested": ("压缩包里是另一个压缩包,没有 .shp 文件。请解开内层压缩包,"
                   "把 .shp、.shx、.dbf、.prj(、.cpg)直接打包后上传。",
                   "The zip holds another zip, not a .shp file. Unpack the inner zip and zip the .shp, .shx, .dbf "
                   "and .prj (and .cpg) files themselves."),
    "kml_dtd": ("KML 文件含 DTD 或实体声明(<!DOCTYPE>/<!ENTITY>),出于安全不予读取。KML 不需要它:删除该声明后重新上传。",
                "The KML declares a DTD or entities (<!DOCTYPE>/<!ENTITY>), which is not read, for safety. KML needs "
                "none: remove the declaration and upload again."),
    "gpkg_only_views": ("该 GeoPackage 的图层都是数据库视图(view),出于安全不予读取。"
                        "请在 QGIS 中把图层另存为普通图层后上传。",
                        "Every layer of this GeoPackage is a database view, which is not read, for safety. Save the "
                        "layer as an ordinary table (e.g. in QGIS) and upload it."),
    "shp_parts": ("Shapefile 缺少 {missing} 文件。", "The Shapefile is missing its {missing} file."),
    "no_geometry": ("文件中没有可用的几何要素。", "The file holds no usable geometry."),
    "csv_columns": ("CSV 中找不到经纬度或 WKT 列,请在下方指定。现有列:{columns}",
                    "No lon/lat or WKT columns found in the CSV; pick them below. Columns: {columns}"),
    "crs_missing": ("文件未注明坐标系,且坐标不是经纬度,请选择坐标系。",
                    "The file names no CRS and its coordinates are not lon/lat: pick its CRS."),
    "crs_unknown": ("坐标系“{crs}”不存在或无法识别。", "The CRS “{crs}” does not exist or is not recognised."),
    "crs_transform": ("无法从 {crs} 转换到 WGS-84。", "The data cannot be converted from {crs} to WGS-84."),
    "out_of_range": ("坐标超出经纬度范围(例如 {example}),请检查坐标系。",
                     "Coordinates are out of lon/lat range (e.g. {example}); check the CRS."),
    # notices: the layer was loaded, with this caveat
    "dropped_rows": ("{count} 行没有可用坐标,已跳过。", "{count} rows had no usable coordinates and were skipped."),
    "dropped_empty": ("{count} 个要素几何为空,已跳过。", "{count} features had empty geometry and were skipped."),
    "dropped_non_finite": ("{count} 个要素的坐标不是有限数值(如 nan、inf),已跳过。",
                           "{count} features had coordinates that are not finite numbers (such as nan or inf) and "
                           "were skipped."),
    "several_layers": ("文件含 {count} 个图层,当前显示“{layer}”,可在下方切换。",
                       "The file has {count} layers; showing “{layer}” (choose another below)."),
    "crs_assumed": ("文件未注明坐标系,按 WGS-84 经纬度读取;如不对请选择坐标系。",
                    "The file names no CRS; read as WGS-84 lon/lat. Pick the CRS if that is wrong."),
    "crs_overridden": ("文件标注坐标系为 {file},已按您选择的 {picked} 读取。",
                       "The file says {file}; read as {picked}, as you chose."),
    "gcj02_converted": ("已将 GCJ-02(高德/腾讯)坐标转换为 WGS-84。",
                        "Converted GCJ-02 (Amap/Tencent) coordinates to WGS-84."),
    "swapped": ("坐标的经纬度顺序颠倒,已自动交换。", "Latitude and longitude were swapped; swapped them back."),
    "gpkg_views": ("该 GeoPackage 含 {count} 个视图(view)图层,出于安全未读取。",
                   "This GeoPackage has {count} layer(s) that are database views; they are not read, for safety."),
    "repaired": ("{count} 个几何无效(如自相交),已修复。",
                 "{count} invalid geometries (e.g. self-intersecting) were repaired."),
    "far_from_region": ("{count} 个要素远离规划区域,请检查坐标系。",
                        "{count} features lie far from the plan's region; check the CRS."),
}


def message(code: str, params: dict[str, object], lang: str = "zh") -> str:
    """The message for ``code`` in ``lang``, filled in; unknown codes fall back to the code itself."""
    template = in_lang(MESSAGES.get(code, (code, code)), lang)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def error_message(err: UploadError, lang: str = "zh") -> str:
    """The message for an upload error in ``lang``."""
    return message(err.code, err.params, lang)
