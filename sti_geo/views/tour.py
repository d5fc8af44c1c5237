"""The presenter tour of a plan's spatial structure, scene by scene, as the region pack's manifest lists it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import shapely

from ..geo.viewport import view_for_bounds
from ..model.catalog import Catalog, DataCache
from ..text.glossary import specialties
from ..text.i18n import field_in, in_lang, list_in

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
    highlight_layers: tuple[str, ...] = ()  # every feature of these lights up

    def title_in(self, lang: str) -> str:
        """The scene's title in ``lang``."""
        return in_lang((self.title, self.title_en), lang)


def scenes(catalog: Catalog) -> tuple[Scene, ...]:
    """The pack's tour scenes in order (manifest ``[[layout.scene]]``); empty when it defines no layout."""
    out = []
    for row in catalog.manifest.get("layout", {}).get("scene", []):
        layers = tuple(lid for lid in row.get("layers", []) if lid in catalog.layers)
        out.append(Scene(str(row["id"]), str(row.get("element", "")), str(row["title"]), str(row["title_en"]),
                         layers, tuple(row.get("highlight_layers", ()))))
    return tuple(out)


def scene_ids(catalog: Catalog) -> tuple[str, ...]:
    """Ids of the presenter tour's scenes, in order."""
    return tuple(s.id for s in scenes(catalog))


def scene_by_id(catalog: Catalog, scene_id: str) -> Scene:
    """The scene with that id, else the first."""
    all_scenes = scenes(catalog)
    return next((s for s in all_scenes if s.id == scene_id), all_scenes[0])


def scene_features(catalog: Catalog, scene: Scene) -> list[str]:
    """Ids of the layout features the scene highlights (all layout features for the overview)."""
    ids = []
    for lid in scene.layers:
        gdf = catalog.layers[lid]
        if "element" in gdf.columns:
            rows = gdf if not scene.element else gdf[gdf["element"] == scene.element]
            ids += list(rows["id"])
            if scene.element and "nodes" in rows.columns:  # a belt or corridor lights up its named areas
                ids += [n for nodes in rows["nodes"] if isinstance(nodes, list) for n in nodes]
        elif lid in scene.highlight_layers:
            ids += list(gdf["id"])
    return ids


def scene_bounds(catalog: Catalog, scene: Scene) -> tuple[float, float, float, float]:
    """Extent (minx, miny, maxx, maxy) of the highlighted features; points padded by their accuracy (capped)."""
    geoms = []
    for fid in scene_features(catalog, scene):
        row = catalog.feature(fid)
        if row is None:  # scene_features lists only ids the catalog holds
            continue
        geom = row.geometry
        if geom.geom_type == "Point":
            pad = min(float(row["accuracy_m"] or POINT_MARGIN_M), POINT_MARGIN_M) / _M_PER_DEG
            geom = geom.buffer(pad)
        geoms.append(geom)
    return tuple(shapely.union_all(geoms).bounds)


def scene_rows(catalog: Catalog, scene: Scene) -> list[pd.Series]:
    """The layout features the scene is about (its element's, or every element's for the overview), in order."""
    out = []
    for lid in scene.layers:
        gdf = catalog.layers[lid]
        if "element" not in gdf.columns:
            continue
        rows = gdf if not scene.element else gdf[gdf["element"] == scene.element]
        out += [row for _, row in rows.iterrows()]
    return out


_VIEWS: DataCache[dict[str, tuple[tuple[float, float], int]]] = DataCache(max_entries=8)


def scene_views(catalog: Catalog) -> dict[str, tuple[tuple[float, float], int]]:
    """Each scene's ``((lat, lon), zoom)`` as the tour flies to it, by id (computed once per data version)."""
    return _VIEWS.get(catalog, ("views",), lambda: {s.id: view_for_bounds(scene_bounds(catalog, s))
                                                    for s in scenes(catalog)})


def scene_texts(catalog: Catalog, scene: Scene, lang: str = "zh") -> list[tuple[str, str, str]]:
    """(name, description, industries) of each element in the scene, for the large-type caption."""
    return [(str(row[field_in("name", lang)]), str(row[field_in("description", lang)]),
             list_in(specialties(row["industries"], lang), lang)) for row in scene_rows(catalog, scene)]
