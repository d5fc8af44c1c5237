"""Map view arithmetic: the centre and Web-Mercator zoom that fit a bounding box."""

from __future__ import annotations

import math

TILE_PX = 256
ZOOM_RANGE = (6, 15)
DEFAULT_SIZE_PX = (640, 540)  # a conservative guess of the map's drawn size


def view_for_bounds(bounds: tuple[float, float, float, float], size_px: tuple[int, int] = DEFAULT_SIZE_PX,
                    padding: float = 0.1) -> tuple[tuple[float, float], int]:
    """``((lat, lon), zoom)`` showing ``bounds`` (minx, miny, maxx, maxy) whole in a map of ``size_px``."""
    minx, miny, maxx, maxy = bounds
    width, height = (s * (1 - 2 * padding) for s in size_px)

    def merc(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    zooms: list[float] = [ZOOM_RANGE[1]]
    if maxx > minx:
        zooms.append(math.log2(width * 360.0 / (TILE_PX * (maxx - minx))))
    if maxy > miny:
        zooms.append(math.log2(height * 2 * math.pi / (TILE_PX * (merc(maxy) - merc(miny)))))
    zoom = int(max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], math.floor(min(zooms)))))
    return ((miny + maxy) / 2, (minx + maxx) / 2), zoom
