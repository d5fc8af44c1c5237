"""OGC API – Features over the plan's layers: a pygeoapi provider reading the validated catalog, and its config.

One collection per plan layer, keyed by the plan's ids, every property kept (``source``, ``quote``,
``geometry_basis``, ``accuracy_m``, ``outline_m`` …); bilingual titles; paging, ``bbox`` and property filters
answered from the catalog in memory (no database needed). pygeoapi reads ``pygeoapi_config``'s dict.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
import yaml

from ..model.catalog import Catalog, load_catalog
from ..settings import database_url, settings_from_env
from ..text.i18n import LANGS, by_lang, field_in, t
from . import formats
from .bundle import each_feature_once
from .live import live_catalog

PROVIDER = "sti_geo.export.ogcapi.CatalogProvider"
TEMPLATES = Path(__file__).with_name("ogcapi_templates")
STORAGE_CRS = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CRS_LIST = [STORAGE_CRS, "http://www.opengis.net/def/crs/EPSG/0/4326", "http://www.opengis.net/def/crs/EPSG/0/4490"]

try:  # pygeoapi is the service's, not the package's: the maps and exports work without it
    from pygeoapi.provider.base import (
        BaseProvider,
        ProviderConnectionError,
        ProviderInvalidQueryError,
        ProviderItemNotFoundError,
    )
    from pygeoapi.util import crs_transform
except ImportError:  # pragma: no cover - exercised only where pygeoapi is absent
    BaseProvider = object  # type: ignore[assignment,misc]
    ProviderItemNotFoundError = LookupError  # type: ignore[assignment,misc]
    ProviderInvalidQueryError = ValueError  # type: ignore[assignment,misc]
    ProviderConnectionError = RuntimeError  # type: ignore[assignment,misc]

    def crs_transform(func: Any) -> Any:  # type: ignore[no-redef]
        """Without pygeoapi there is no request to transform for: the function as it is."""
        return func


def served_layers(catalog: Catalog) -> dict[str, gpd.GeoDataFrame]:
    """The plan's layers as the service serves them: each feature once, as the exports and PostGIS hold it.

    ``core_system`` is the platforms whose ``system`` is 1+4+N: served in ``platforms`` with that attribute.
    """
    plan = {lid: catalog.layers[lid] for lid, spec in catalog.specs.items()
            if spec.provenance == "plan" and lid in catalog.layers and not catalog.layers[lid].empty}
    return each_feature_once(plan)


class _Served:
    """The layers' GeoJSON features and shapes, made once per catalog (pygeoapi builds a provider per request)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.features: dict[str, list[dict[str, Any]]] = {}
        self.shapes: dict[str, list[shapely.Geometry | None]] = {}
        for lid, gdf in served_layers(catalog).items():
            features = formats.geojson_collection(formats.with_nulls(formats.joined_lists(gdf)), lid, "")["features"]
            self.features[lid] = features
            self.shapes[lid] = [shapely.geometry.shape(f["geometry"]) if f.get("geometry") else None
                                for f in features]


_SERVED: dict[str, _Served] = {}


def _served(region: str) -> _Served:
    catalog = served_catalog(region)
    kept = _SERVED.get(region)
    if kept is None or kept.catalog is not catalog:
        kept = _SERVED[region] = _Served(catalog)
    return kept


_CATALOGS: dict[str, Catalog] = {}


def served_catalog(region: str) -> Catalog:
    """The catalog the service answers from for ``region``.

    The pack (read and checked once), with the database's edits when ``STI_GEO_DATABASE_URL`` is set, as the
    app shows them (the last good one while the database is away).
    """
    if region not in _CATALOGS:
        _CATALOGS[region] = load_catalog(settings_from_env(region or None))
    url = database_url()
    return live_catalog(url).current(_CATALOGS[region]).catalog if url else _CATALOGS[region]


def _checked_bbox(bbox: list | None) -> shapely.Polygon | None:
    """The bbox as a box in longitude/latitude; an impossible one is the client's error (400), not an empty page."""
    if not bbox:
        return None
    w, s, e, n = (float(v) for v in (bbox[:4] if len(bbox) == 4 else [bbox[0], bbox[1], bbox[3], bbox[4]]))
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise ProviderInvalidQueryError(
            user_msg=f"bbox {w},{s},{e},{n} is outside longitude -180..180 / latitude -90..90 "
                     "or its south is above its north")
    return shapely.box(w, s, e, n)


class CatalogProvider(BaseProvider):  # type: ignore[misc,valid-type]
    """A plan layer as an OGC API – Features collection (``data``: ``"<region>|<layer id>"``)."""

    def __init__(self, provider_def: dict[str, Any]) -> None:
        super().__init__(provider_def)
        self.region, _, self.layer = str(self.data).partition("|")
        served = _served(self.region)
        if self.layer not in served.features:
            raise ProviderConnectionError(f"no layer {self.layer!r} served for {self.region!r}")
        self.catalog = served.catalog
        self.id_field = "id"
        self._all, self._geoms = served.features[self.layer], served.shapes[self.layer]
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
        box = _checked_bbox(bbox)
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


def pygeoapi_config(catalog: Catalog, region: str, url: str, templates: Path | None = None) -> dict[str, Any]:
    """Pygeoapi's configuration: the server at ``url`` and one collection per plan layer of ``region``.

    ``templates``: a folder prepared by ``service_files`` (pages without anything from outside the server).
    """
    m = catalog.manifest
    resources: dict[str, Any] = {}
    for lid, gdf in served_layers(catalog).items():
        spec = catalog.specs[lid]
        w, s, e, n = (float(v) for v in gdf.total_bounds)
        crs = [*CRS_LIST, *_ogc_uri(catalog.manifest.get("build", {}).get("utm"))]
        resources[lid] = {
            "type": "collection",
            "title": {"en": spec.title_en, "zh": spec.title},
            "description": {"en": spec.description_en, "zh": spec.description},
            "keywords": {code: [t("service_keyword_plan", code), str(m.get(field_in("name", code), ""))]
                         for code in LANGS},
            "extents": {"spatial": {"bbox": [w, s, e, n], "crs": STORAGE_CRS}},
            "providers": [{"type": "feature", "name": PROVIDER, "data": f"{region}|{lid}", "id_field": "id",
                           "title_field": "name", "crs": crs, "storage_crs": STORAGE_CRS}],
        }
    return {
        "server": {"bind": {"host": "127.0.0.1", "port": 0}, "url": url, "mimetype": "application/json; charset=UTF-8",
                   "encoding": "utf-8", "languages": list(LANGS), "limits": {"default_items": 50,
                                                                              "max_items": 1000, "on_exceed": "error"},
                   "map": {"url": "", "attribution": ""}, "pretty_print": False,
                   **({"templates": {"path": str(templates)}} if templates else {})},
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {"title": {"en": str(m.get("plan_title_en", "")), "zh": str(m.get("plan_title", ""))},
                               "description": by_lang("service_description"),
                               "keywords": {code: [t("service_keyword", code)] for code in LANGS},
                               "keywords_type": "theme",
                               "terms_of_service": "", "url": url},
            "license": {"name": "see the pack's ATTRIBUTION.md", "url": url},
            "provider": {"name": "sti_geo", "url": url},
            "contact": {"name": "sti_geo"},
        },
        "resources": resources,
    }


def service_files(catalog: Catalog, region: str, url: str, folder: Path) -> tuple[Path, Path]:
    """Write pygeoapi's config, OpenAPI document and page templates into ``folder``.

    Returns the config's and the OpenAPI document's paths, for ``PYGEOAPI_CONFIG`` and ``PYGEOAPI_OPENAPI``.
    Our templates replace pygeoapi's pages for what we serve: theirs load Leaflet, Bootstrap, fonts and
    Swagger from the internet and speak English only (pygeoapi has no Chinese catalogue).
    """
    from pygeoapi.openapi import get_oas

    templates = folder / "templates"
    shutil.copytree(TEMPLATES, templates, dirs_exist_ok=True)
    cfg = pygeoapi_config(catalog, region, url, templates)
    config_path, openapi_path = folder / "config.yml", folder / "openapi.yml"
    config_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    openapi_path.write_text(yaml.safe_dump(get_oas(cfg), allow_unicode=True), encoding="utf-8")
    return config_path, openapi_path
