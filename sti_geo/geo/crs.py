"""Output coordinate reference systems an analyst can pick, and moving data into them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import geopandas as gpd
from pyproj import CRS
from pyproj.exceptions import CRSError

from .._errors import InputError
from ..text.i18n import in_lang, t
from .gcj02 import transform_geometry

WGS84 = "EPSG:4326"  # the one canonical CRS: stored, drawn and exported by default

GCJ02 = "GCJ-02"
# Not an EPSG CRS: coordinates are WGS-84 obfuscated by the GCJ-02 offset (Amap, Tencent).
GCJ02_WKT = (
    'GEOGCRS["GCJ-02 (not an EPSG CRS: WGS 84 with the Chinese GCJ-02 offset, for Amap/Tencent maps)",'
    'DATUM["GCJ-02 offset of World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563,'
    'LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],'
    'CS[ellipsoidal,2],AXIS["geodetic latitude (Lat)",north,ORDER[1],ANGLEUNIT["degree",0.0174532925199433]],'
    'AXIS["geodetic longitude (Lon)",east,ORDER[2],ANGLEUNIT["degree",0.0174532925199433]]]'
)


@dataclass(frozen=True)
class OutputCrs:
    """A CRS an export can be written in: id, bilingual label, whether it is geographic."""

    id: str
    label: str
    label_en: str
    geographic: bool

    def pyproj(self) -> CRS:
        """The pyproj CRS (GCJ-02 as its custom, plainly named WKT)."""
        return CRS.from_wkt(GCJ02_WKT) if self.id == GCJ02 else CRS.from_user_input(self.id)

    def label_in(self, lang: str) -> str:
        """The CRS's label in ``lang``."""
        return in_lang((self.label, self.label_en), lang)


OUTPUT_CRS: dict[str, OutputCrs] = {c.id: c for c in (
    OutputCrs(WGS84, "WGS-84 经纬度 (EPSG:4326)", "WGS-84 lon/lat (EPSG:4326)", True),
    OutputCrs("EPSG:4490", "CGCS2000 经纬度 (EPSG:4490)", "CGCS2000 lon/lat (EPSG:4490)", True),
    OutputCrs("EPSG:4550", "CGCS2000 3度带高斯-克吕格 中央经线123°E (EPSG:4550)",
              "CGCS2000 3-degree Gauss-Krüger CM 123°E (EPSG:4550)", False),
    OutputCrs("EPSG:32651", "WGS-84 UTM 51N (EPSG:32651)", "WGS-84 UTM zone 51N (EPSG:32651)", False),
    OutputCrs(GCJ02, "GCJ-02 高德/腾讯坐标(非EPSG标准,仅供这些地图使用)",
              "GCJ-02 for Amap/Tencent (not an EPSG CRS)", True),
)}
DEFAULT_CRS = WGS84
# Codes people reach for by mistake, with the right one: EPSG:4554 is the 3-degree zone of CM 135°E.
MISTAKEN = {"epsg:4554": ("EPSG:4554 是 CGCS2000 3 度带高斯-克吕格中央经线 135°E(中国最东北部);中央经线 123°E 请用 "
                          "EPSG:4550(或带 41 带号前缀的 EPSG:4529)",
                          " (EPSG:4554 is CGCS2000 3-degree Gauss-Krüger CM 135°E (China's far north-east); "
                          "for CM 123°E use EPSG:4550 (or EPSG:4529 with the zone-41 false easting))")}


EPSG_CODE = re.compile(r"^epsg:([0-9]{4,6})$", re.ASCII)
# How far (degrees) data may reach beyond a CRS's area of use: a 3-degree Gauss-Krüger zone is used ~1° past
# its edge in practice (scale error there ≈ 1:1600 at 37°N); further out, or in another zone, is a mistake.
AREA_MARGIN_DEG = 1.0


def output_crs(crs_id: str) -> OutputCrs:
    """The output CRS with that id (case-insensitive): a named one, or any 2-D EPSG CRS; else InputError."""
    wanted = str(crs_id).strip().lower()
    for key, crs in OUTPUT_CRS.items():
        if key.lower() == wanted:
            return crs
    match = EPSG_CODE.match(wanted)
    if match:
        code = f"EPSG:{match.group(1)}"
        try:
            found = CRS.from_user_input(code)
        except CRSError:
            raise InputError(f"{code} is not an EPSG code pyproj knows") from None
        if not (found.is_geographic or found.is_projected) or len(found.axis_info) != 2:
            raise InputError(f"{code} ({found.name}) is not a 2-D horizontal CRS; pick a geographic or projected one")
        label = f"{found.name} ({code})"
        return OutputCrs(code, label, label, found.is_geographic)
    raise InputError(f"unknown CRS {crs_id!r}; one of: {', '.join(OUTPUT_CRS)}, or any EPSG code as EPSG:<number>")


@dataclass(frozen=True)
class Uncovered:
    """Data reaching beyond a CRS's area of use: the CRS, its area (name, W S E N) and the data's bounds."""

    crs: OutputCrs
    area_name: str
    area: tuple[float, float, float, float]
    data: tuple[float, float, float, float]

    def message(self, lang: str = "en") -> str:
        """What is wrong and what to do, in ``lang`` (the CLI's is English)."""
        (w, s, e, n), (dw, ds, de, dn) = self.area, self.data
        hint = MISTAKEN.get(self.crs.id.lower(), ("", ""))
        text = t("crs_not_covering", lang, crs=self.crs.id, label=self.crs.label_in(lang), area=self.area_name,
                 w=f"{w:g}", e=f"{e:g}", s=f"{s:g}", n=f"{n:g}", dw=f"{dw:.2f}", de=f"{de:.2f}", ds=f"{ds:.2f}",
                 dn=f"{dn:.2f}")
        return text + (in_lang(hint, lang) if hint[0] else "")


def uncovered(crs: OutputCrs, bounds: tuple[float, float, float, float]) -> Uncovered | None:
    """How the data's WGS-84 ``bounds`` reach beyond the CRS's area of use (plus AREA_MARGIN_DEG); None if not."""
    area = None if crs.id == GCJ02 else crs.pyproj().area_of_use
    if area is None:
        return None
    west, south, east, north = bounds
    m = AREA_MARGIN_DEG
    if west >= area.west - m and east <= area.east + m and south >= area.south - m and north <= area.north + m:
        return None
    return Uncovered(crs, area.name, (area.west, area.south, area.east, area.north), (west, south, east, north))


def check_covers(crs: OutputCrs, bounds: tuple[float, float, float, float]) -> None:
    """InputError (in English) when the data's WGS-84 ``bounds`` reach beyond the CRS's area of use."""
    problem = uncovered(crs, bounds)
    if problem is not None:
        raise InputError(problem.message("en"))


def to_output_crs(gdf: gpd.GeoDataFrame, crs: OutputCrs) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` (WGS-84) in ``crs``; GCJ-02 by the offset formula, the rest by pyproj."""
    if crs.id == GCJ02:
        shifted = [transform_geometry(g, to_gcj02=True) for g in gdf.geometry]
        return gdf.set_geometry(gpd.GeoSeries(shifted, index=gdf.index, crs=crs.pyproj()))
    return gdf.to_crs(crs.pyproj())
