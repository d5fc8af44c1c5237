"""Basemaps: the offline default and optional online tiles the user may pick."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .._errors import InputError
from ..text.i18n import in_lang

TIANDITU_KEY_ENV = "STI_GEO_TIANDITU_KEY"


@dataclass(frozen=True)
class Basemap:
    """A background for the map.

    ``tiles_url`` None means the offline land/sea layer (no requests at all).
    ``gcj02`` True means the tiles are in GCJ-02, so overlays are shifted for display.
    """

    id: str
    label_zh: str
    label_en: str
    tiles_url: str | None = None
    attribution: str = ""
    subdomains: str = "abc"
    gcj02: bool = False
    needs_key: bool = False

    def label(self, lang: str) -> str:
        """The basemap's name in ``lang``."""
        return in_lang((self.label_zh, self.label_en), lang)


BASEMAPS: dict[str, Basemap] = {
    b.id: b
    for b in (
        Basemap("offline", "离线底图(陆地/海洋)", "Offline land/sea (no internet)"),
        Basemap("osm", "OpenStreetMap(在线)", "OpenStreetMap (online)",
                "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "&copy; OpenStreetMap contributors"),
        Basemap("carto", "CartoDB 浅色(在线)", "CartoDB Positron (online)",
                "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
                "&copy; OpenStreetMap contributors &copy; CARTO", subdomains="abcd"),
        Basemap("amap", "高德地图(在线,GCJ-02)", "Amap (online, GCJ-02)",
                "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
                "&copy; 高德地图 AutoNavi (GCJ-02; overlays shifted for display only)", subdomains="1234",
                gcj02=True),
        Basemap("tianditu", "天地图(在线,需密钥)", "Tianditu (online, key required)",
                "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec"
                "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}",
                "&copy; 天地图 Tianditu", subdomains="01234567", needs_key=True),
    )
}
DEFAULT_BASEMAP = "offline"


def available_basemaps() -> list[Basemap]:
    """Basemaps the user can pick now: Tianditu only when a key is configured."""
    key = os.environ.get(TIANDITU_KEY_ENV, "").strip()
    return [b for b in BASEMAPS.values() if not b.needs_key or key]


def basemap_by_id(basemap_id: str) -> Basemap:
    """The basemap with that id, with the Tianditu key filled in; InputError when unknown or unavailable."""
    for b in available_basemaps():
        if b.id == basemap_id:
            if b.needs_key and b.tiles_url:
                key = os.environ[TIANDITU_KEY_ENV].strip()
                return Basemap(**{**b.__dict__, "tiles_url": b.tiles_url.replace("{key}", key)})
            return b
    raise InputError(f"unknown or unavailable basemap {basemap_id!r}")


OFFLINE = BASEMAPS[DEFAULT_BASEMAP]  # needs no key: a safe default for functions that draw
