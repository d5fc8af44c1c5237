"""OGC API – Features over the plan's layers: a pygeoapi provider reading the validated catalog, and its config.

One collection per plan layer, keyed by the plan's ids, every property kept (``source``, ``quote``,
``geometry_basis``, ``accuracy_m``, ``outline_m`` …); bilingual titles; paging, ``bbox`` and property filters
answered from the catalog in memory (no database needed). pygeoapi reads ``pygeoapi_config``'s dict.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import shapely

from ..model.catalog import Catalog, load_catalog
from ..settings import settings_from_env
from . import formats

PROVIDER = "sti_geo.export.ogcapi.CatalogProvider"
STORAGE_CRS = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CRS_LIST = [STORAGE_CRS, "http://www.opengis.net/def/crs/EPSG/0/4326", "http://www.opengis.net/def/crs/EPSG/0/4490"]

try:  # pygeoapi is the service's, not the package's: the maps and exports work without it
    from pygeoapi.provider.base import BaseProvider, ProviderItemNotFoundError
    from pygeoapi.util import crs_transform
except ImportError:  # pragma: no cover - exercised only where pygeoapi is absent
    BaseProvider = object  # type: ignore[assignment,misc]
    ProviderItemNotFoundError = LookupError  # type: ignore[assignment,misc]

    def crs_transform(func: Any) -> Any:  # type: ignore[no-redef]
        """Without pygeoapi there is no request to transform for: the function as it is."""
        return func


def _features(catalog: Catalog, layer: str) -> list[dict[str, Any]]:
    gdf = formats.with_nulls(formats.joined_lists(catalog.layers[layer]))
    return formats.geojson_collection(gdf, layer, "")["features"]


class CatalogProvider(BaseProvider):  # type: ignore[misc,valid-type]
    """A plan layer as an OGC API – Features collection (``data``: ``"<region>|<layer id>"``)."""

    def __init__(self, provider_def: dict[str, Any]) -> None:
        super().__init__(provider_def)
        region, _, self.layer = str(self.data).partition("|")
        self.catalog = load_catalog(settings_from_env(region or None))
        if self.layer not in self.catalog.layers:
            raise RuntimeError(f"no layer {self.layer!r} in the region pack")
        self.id_field = "id"
        self._all = _features(self.catalog, self.layer)
        self._geoms = [shapely.geometry.shape(f["geometry"]) if f.get("geometry") else None for f in self._all]
        self.get_fields()

    def get_fields(self) -> dict[str, dict[str, str]]:
        """Every property with its JSON type (integers, numbers, text)."""
        if not self._fields:
            gdf: gpd.GeoDataFrame = self.catalog.layers[self.layer]
            for column in gdf.columns:
                if column == gdf.geometry.name:
                    continue
                kind = str(gdf[column].dtype)
                self._fields[column] = {"type": "integer" if kind in ("Int64", "int64") else
                                        "number" if kind.startswith("float") else "string"}
        return self._fields

    @crs_transform
    def query(self, offset: int = 0, limit: int = 10, resulttype: str = "results", bbox: list | None = None,
              datetime_: Any = None, properties: list | None = None, sortby: list | None = None,
              select_properties: list | None = None, skip_geometry: bool = False, q: Any = None,
              **kwargs: Any) -> dict[str, Any]:
        """Features matching ``bbox`` and ``properties`` (equality), ``limit`` of them from ``offset``."""
        box = shapely.box(*bbox[:4]) if bbox else None
        wanted = [(k, str(v)) for k, v in (properties or [])]
        hits = [f for f, g in zip(self._all, self._geoms, strict=True)
                if (box is None or (g is not None and box.intersects(g)))
                and all(str(f["properties"].get(k)) == v for k, v in wanted)]
        out: dict[str, Any] = {"type": "FeatureCollection", "features": [], "numberMatched": len(hits)}
        if resulttype == "hits":
            out["numberReturned"] = 0
            return out
        page = [self._shaped(f, select_properties, skip_geometry) for f in hits[offset:offset + limit]]
        out.update(features=page, numberReturned=len(page))
        return out

    @crs_transform
    def get(self, identifier: str, **kwargs: Any) -> dict[str, Any]:
        """One feature by the plan's id."""
        for feature in self._all:
            if str(feature["properties"].get("id")) == str(identifier):
                return self._shaped(feature, None, False)
        raise ProviderItemNotFoundError(f"item {identifier} not found")

    @staticmethod
    def _shaped(feature: dict[str, Any], select: list | None, skip_geometry: bool) -> dict[str, Any]:
        props = feature["properties"]
        if select:
            props = {k: v for k, v in props.items() if k in select or k == "id"}
        return {"type": "Feature", "id": props.get("id"), "properties": props,
                "geometry": None if skip_geometry else feature.get("geometry")}


def _ogc_uri(crs: Any) -> list[str]:
    """``EPSG:32651`` as the OGC URI clients ask for; none when the pack names no metric CRS."""
    text = str(crs or "")
    return [f"http://www.opengis.net/def/crs/EPSG/0/{text.split(':')[1]}"] if text.startswith("EPSG:") else []


def pygeoapi_config(catalog: Catalog, region: str, url: str) -> dict[str, Any]:
    """Pygeoapi's configuration: the server at ``url`` and one collection per plan layer of ``region``."""
    m = catalog.manifest
    resources: dict[str, Any] = {}
    for lid, spec in catalog.specs.items():
        if spec.provenance != "plan" or lid not in catalog.layers or catalog.layers[lid].empty:
            continue
        w, s, e, n = (float(v) for v in catalog.layers[lid].total_bounds)
        crs = [*CRS_LIST, *_ogc_uri(catalog.manifest.get("build", {}).get("utm"))]
        resources[lid] = {
            "type": "collection",
            "title": {"en": spec.title_en, "zh": spec.title},
            "description": {"en": spec.description_en, "zh": spec.description},
            "keywords": {"en": ["S&T plan", str(m.get("name_en", ""))], "zh": ["科技创新规划", str(m.get("name", ""))]},
            "extents": {"spatial": {"bbox": [w, s, e, n], "crs": STORAGE_CRS}},
            "providers": [{"type": "feature", "name": PROVIDER, "data": f"{region}|{lid}", "id_field": "id",
                           "title_field": "name", "crs": crs, "storage_crs": STORAGE_CRS}],
        }
    return {
        "server": {"bind": {"host": "127.0.0.1", "port": 0}, "url": url, "mimetype": "application/json; charset=UTF-8",
                   "encoding": "utf-8", "languages": ["en-US", "zh-CN"], "limits": {"default_items": 50,
                                                                                   "max_items": 1000},
                   "map": {"url": "", "attribution": ""}, "pretty_print": False},
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {"title": {"en": str(m.get("plan_title_en", "")), "zh": str(m.get("plan_title", ""))},
                               "description": {"en": "The plan's layers, every fact with its verbatim source",
                                               "zh": "规划的各图层,每条事实附原文出处"},
                               "keywords": {"en": ["planning"], "zh": ["规划"]}, "keywords_type": "theme",
                               "terms_of_service": "", "url": url},
            "license": {"name": "see the pack's ATTRIBUTION.md", "url": url},
            "provider": {"name": "sti_geo", "url": url},
            "contact": {"name": "sti_geo"},
        },
        "resources": resources,
    }
