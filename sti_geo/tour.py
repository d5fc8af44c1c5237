"""The presenter tour of section 三(一): 一核 → 一城 → 一带 → 一廊 → 五区 → overview."""

from __future__ import annotations

from dataclasses import dataclass

import shapely

from .catalog import Catalog

POINT_MARGIN_M = 15000  # a point scene shows this much around its anchor (capped accuracy)
_M_PER_DEG = 111_000.0


@dataclass(frozen=True)
class Scene:
    """One step of the tour: the layers shown, the features highlighted, the extent to fly to."""

    id: str
    element: str  # 一核 … (the layout.toml `element`), "" for the overview
    title: str
    title_en: str
    layers: tuple[str, ...]


SCENES: tuple[Scene, ...] = (
    Scene("core", "一核", "一核:国家(威海)区域创新中心", "One core: the regional innovation centre",
          ("districts", "layout_core", "core_system")),
    Scene("city", "一城", "一城:国际海洋科技城", "One city: the International Marine S&T City",
          ("districts", "layout_ocean_city", "layout_ocean_cores")),
    Scene("belt", "一带", "一带:环海创新经济带", "One belt: the Coastal Innovation Economic Belt",
          ("districts", "named_areas", "layout_belt")),
    Scene("corridor", "一廊", "一廊:中部制造业走廊", "One corridor: the Central Manufacturing Corridor",
          ("districts", "named_areas", "layout_corridor")),
    Scene("zones", "五区", "五区:五个示范区", "Five zones: the demonstration zones",
          ("districts", "layout_demo_zones")),
    Scene("overview", "", "全景:一核、一城、一带、一廊、五区", "The whole layout",
          ("districts", "layout_demo_zones", "layout_ocean_city", "layout_belt", "layout_corridor",
           "layout_ocean_cores", "layout_core")),
)
SCENE_IDS = tuple(s.id for s in SCENES)


def scene_by_id(scene_id: str) -> Scene:
    return SCENES[SCENE_IDS.index(scene_id)] if scene_id in SCENE_IDS else SCENES[0]


def scene_features(catalog: Catalog, scene: Scene) -> list[str]:
    """Ids of the layout features the scene highlights (all layout features for the overview)."""
    ids = []
    for lid in scene.layers:
        gdf = catalog.layers[lid]
        if "element" in gdf.columns:
            rows = gdf if not scene.element else gdf[gdf["element"] == scene.element]
            ids += list(rows["id"])
            if scene.element and "nodes" in rows.columns:  # a belt or corridor lights up its named areas
                ids += [n for nodes in rows["nodes"].dropna() for n in str(nodes).split(",") if n]
        elif lid == "core_system" and scene.element == "一核":
            ids += list(gdf["id"])
    return ids


def scene_bounds(catalog: Catalog, scene: Scene) -> tuple[float, float, float, float]:
    """Extent (minx, miny, maxx, maxy) of the highlighted features; points padded by their accuracy (capped)."""
    geoms = []
    for fid in scene_features(catalog, scene):
        row = catalog.feature(fid)
        geom = row.geometry
        if geom.geom_type == "Point":
            pad = min(float(row["accuracy_m"] or POINT_MARGIN_M), POINT_MARGIN_M) / _M_PER_DEG
            geom = geom.buffer(pad)
        geoms.append(geom)
    return tuple(shapely.union_all(geoms).bounds)


def scene_texts(catalog: Catalog, scene: Scene, lang: str = "zh") -> list[tuple[str, str, str]]:
    """(name, description, industries) of each element in the scene, for the large-type caption."""
    layout = [lid for lid in scene.layers if "element" in catalog.layers[lid].columns]
    out = []
    for lid in layout:
        gdf = catalog.layers[lid]
        rows = gdf if not scene.element else gdf[gdf["element"] == scene.element]
        for _, row in rows.iterrows():
            out.append((str(row["name_en" if lang == "en" else "name"]),
                        str(row["description_en" if lang == "en" else "description"]), str(row["industries"] or "")))
    return out
