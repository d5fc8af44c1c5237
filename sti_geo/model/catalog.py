"""Load everything once: layer specs, tables, geometry, sources, and validate it all."""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import geopandas as gpd
import pandas as pd

from .._errors import UNREADABLE, DataValidationError, Problem
from ..settings import Settings
from ..text.i18n import field_in
from . import claims, coverage, validate
from .layers import CITY_ID, DESIGNATION_COLUMNS, dataset_layer, plan_layer, read_built, read_dataset_layer
from .sources import read_sources
from .specs import LayerSpec, check_required_layers, specs_from_dir
from .tables import OPTIONAL_TABLES, TABLE_KEYS, read_anchors, read_table, read_toml, rel


@dataclass
class Catalog:
    """Everything the app and exports show, loaded and checked.

    Attributes
    ----------
    manifest : the region's manifest (name, default view, sources)
    specs : layer specs by id, in drawing order
    layers : GeoDataFrame (EPSG:4326) of each layer, by id
    industries, links, metrics, designations : the non-spatial tables
    sources : raw text of each source document, by file name
    """

    manifest: dict[str, Any]
    specs: dict[str, LayerSpec]
    layers: dict[str, gpd.GeoDataFrame]
    industries: pd.DataFrame
    links: pd.DataFrame
    metrics: pd.DataFrame
    sources: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    # what a feature was designated (首批国家创新县 …), a row per fact with its own source and quote
    designations: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DESIGNATION_COLUMNS))
    token: str = ""  # fingerprint of the data files: equal tokens, equal data (keys display caches)
    # problems in data shown anyway: a database edit that breaks a rule (the feature stays as documented)
    flagged: list[Problem] = field(default_factory=list)
    # feature id -> (layer id, row position), first layer in drawing order wins; built once, so a click or
    # a link finds its feature without scanning every layer
    index: dict[str, tuple[str, int]] = field(init=False, repr=False, compare=False)
    # values derived from this data (``DataCache``), owned by the catalogs of this data version: shared by the
    # catalogs with this token (a page's run and a test's fixture alike), gone when the last of them goes
    _store: _Store | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        """Build the id index."""
        self.index = {}
        for layer_id, gdf in self.layers.items():
            for pos, fid in enumerate(gdf["id"]):
                self.index.setdefault(str(fid), (layer_id, pos))

    @property
    def caches(self) -> _Store:
        """The values derived from this data version, by kind (``DataCache``) and key."""
        if self._store is None:
            self._store = _STORES.setdefault(self.token, _Store()) if self.token else _Store()
        return self._store

    def feature(self, feature_id: str) -> pd.Series | None:
        """The row of a feature in whichever plan layer holds it (first match), or None."""
        where = self.index.get(feature_id)
        return None if where is None else self.layers[where[0]].iloc[where[1]]

    def source_title(self, file: str, lang: str = "zh") -> str:
        """The title of source document ``file`` in ``lang`` (the file name if the manifest lists none)."""
        for src in self.manifest.get("source", []):
            if src.get("file") == file:
                return src.get(field_in("title", lang), file)
        return file


T = TypeVar("T")


class _Store(dict):  # type: ignore[type-arg]  # a dict that a weak reference can point to
    """The derived values of one data version: kind (``DataCache``) → key → value."""


# data version → its store, while some catalog of that version holds it
_STORES: weakref.WeakValueDictionary[str, _Store] = weakref.WeakValueDictionary()


class DataCache(Generic[T]):
    """A kind of value derived from a catalog (hidden ids, display copies, popups …), computed once per key.

    The values live with the catalog they were derived from (``Catalog.caches``, shared by the catalogs of one
    data version), so they are dropped with it and a process serving several data folders (tests, packs,
    database versions) never mixes them up; this object only names the kind and its size. The values are shared
    and read-only (callers slice or copy, never modify). A catalog without a token (built in memory, may be
    changed by its maker) is never cached. At ``max_entries`` a catalog's values of this kind start afresh.
    """

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries

    def get(self, catalog: Catalog, key: tuple[Hashable, ...], build: Callable[[], T]) -> T:
        """The value for ``key`` in ``catalog``, built by ``build`` when not kept."""
        if not catalog.token:
            return build()
        values: dict[tuple[Hashable, ...], T] = catalog.caches.setdefault(self, {})
        if key not in values:
            if len(values) >= self.max_entries:
                values.clear()
            values[key] = build()
        return values[key]


def read_catalog(settings: Settings | None = None) -> Catalog:
    """Load and check all data, gathering every problem into ``Catalog.problems``."""
    settings = settings or Settings()
    gd = settings.geodata_dir
    problems: list[Problem] = []
    manifest = read_toml(gd / "manifest.toml", gd, problems)
    problems += validate.check_manifest(manifest)
    source_files = [s.get("file", "") for s in manifest.get("source", []) if isinstance(s, dict)]
    sources, source_errors = read_sources(settings.sources_dir, source_files)
    problems += [Problem(rel(settings.sources_dir / f, gd), "-", "-", msg, UNREADABLE)
                 for f, msg in source_errors.items()]

    specs = specs_from_dir(settings.layers_dir, problems)
    problems += check_required_layers(specs, settings.layers_dir, gd, str(manifest.get("name", gd.name)))
    used = {s.table for s in specs}
    tables = {key: read_table(gd, name, problems, required=name not in OPTIONAL_TABLES or name in used)
              for name, key in TABLE_KEYS.items()}
    anchors = read_anchors(gd, problems)

    all_rows = [r for rows in tables.values() for r in rows]
    for kind, rows in tables.items():
        problems += validate.check_required(rows, kind)
    problems += validate.check_types(all_rows)
    problems += validate.check_ids(all_rows)
    problems += validate.check_quotes(all_rows, sources)
    problems += validate.check_references(tables, anchors, CITY_ID)
    problems += validate.check_metrics(tables["metric"])
    problems += validate.check_inferred_years(tables["metric"], list(manifest.get("source", [])))
    problems += claims.check_claims(tables, CITY_ID, sources)
    problems += coverage.check_figures_recorded(tables["metric"], tables["figure"], sources,
                                                rel(gd / "not_recorded.toml", gd))

    industries = pd.DataFrame([_plain(r) for r in tables["industry"]])
    links = pd.DataFrame([_plain(r) for r in tables["link"]], columns=["industry", "feature", "source", "quote"])
    metrics = pd.DataFrame([_plain(r) for r in tables["metric"]])
    read = {name: read_built(gd / "build" / name.replace(".toml", ".geojson"), gd, problems)
            for name in ("areas.toml", "layout.toml") if name in used or name not in OPTIONAL_TABLES}
    built = {name: geoms for name, (geoms, _) in read.items()}
    outlines = {fid: m for _, found in read.values() for fid, m in found.items()}
    _name_anchors_in_english(anchors, tables, manifest)
    district_names = {r["id"]: r["name"] for r in tables["area"] if r.get("kind") in ("district", "zone")}
    district_names[CITY_ID] = manifest.get("name", CITY_ID)
    clusters = _clusters_by_feature(tables["industry"], tables["link"])
    designations = pd.DataFrame([_plain(r) for r in tables["designation"]], columns=DESIGNATION_COLUMNS)
    designated = designations.groupby("feature")["name"].apply(list).to_dict()

    layers: dict[str, gpd.GeoDataFrame] = {}
    for spec in specs:
        if spec.provenance == "dataset":
            rows, geoms, attribution = read_dataset_layer(gd / spec.table, gd, problems)
            gdf = dataset_layer(spec, rows, geoms, attribution)
        else:
            rows = tables[TABLE_KEYS[spec.table]] if spec.table in TABLE_KEYS else []
            gdf = plan_layer(spec, rows, built.get(spec.table, {}), anchors, district_names, clusters, problems,
                             designations_by_feature=designated, outlines=outlines)
        problems += validate.check_layer(spec, gdf, geometry_file(spec, gd))
        layers[spec.id] = gdf

    district_polys = {fid: g for fid, g in built.get("areas.toml", {}).items() if fid in district_names}
    city = _city_outline(layers, str(manifest.get("boundary_id", "")))
    if city is not None:
        district_polys[CITY_ID] = city
    problems += validate.check_points_in_districts(layers, district_polys, {s.id: rel(gd / s.table, gd) for s in specs})
    return Catalog(manifest=manifest, specs={s.id: s for s in specs}, layers=layers, industries=industries,
                   links=links, metrics=metrics, sources=sources, problems=validate.root_first(problems),
                   designations=designations,
                   token=data_token(settings))


def data_token(settings: Settings) -> str:
    """A fingerprint of every data and layer-spec file (names and contents)."""
    digest = hashlib.sha256()
    for root in (settings.geodata_dir, settings.layers_dir):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_catalog(settings: Settings | None = None) -> Catalog:
    """Like :func:`read_catalog`, but raise :class:`DataValidationError` if anything is wrong."""
    catalog = read_catalog(settings)
    if catalog.problems:
        raise DataValidationError(catalog.problems)
    return catalog


def geometry_file(spec: LayerSpec, geodata_dir) -> str:
    """The file a layer's geometry comes from, for messages: where a fix would go."""
    if spec.provenance == "dataset" or spec.geometry_type == "Point":
        return rel(geodata_dir / spec.table, geodata_dir)
    return rel(geodata_dir / "build" / spec.table.replace(".toml", ".geojson"), geodata_dir)


def _plain(row: dict) -> dict:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _name_anchors_in_english(anchors: dict[str, dict], tables: dict[str, list[dict]], manifest: dict) -> None:
    """Each anchor's English name (``name_en``), for the English notes ("Placed at Nanhai New Area: …")."""
    english = {f"area:{r['id']}": r.get("name_en") for r in tables.get("area", [])}
    english |= {f"layout:{r['id']}": r.get("name_en") for r in tables.get("element", [])}
    english["area:city"] = manifest.get("name_en")
    for aid, anchor in anchors.items():
        anchor["name_en"] = str(english.get(aid) or "")


def _clusters_by_feature(industries: list[dict], links: list[dict]) -> dict[str, tuple[list[str], list[str]]]:
    """Feature id -> (cluster names, cluster ids) it hosts; a linked chain or task counts for its cluster."""
    by_id = {r.get("id"): r for r in industries}
    out: dict[str, tuple[list[str], list[str]]] = {}
    for link in links:
        ind = by_id.get(link.get("industry"))
        if ind is None:
            continue
        cluster = ind if ind.get("kind") == "cluster" else by_id.get(ind.get("parent"))
        if cluster is None:
            continue
        names, ids = out.setdefault(str(link.get("feature")), ([], []))
        if cluster["id"] not in ids:
            names.append(cluster["name"])
            ids.append(cluster["id"])
    return out


def _city_outline(layers: dict[str, gpd.GeoDataFrame], boundary_id: str):
    """The region's outline (the manifest's ``boundary_id``) from whichever layer holds it."""
    for gdf in layers.values():
        hit = gdf[gdf["id"] == boundary_id]
        if not hit.empty:
            return hit.geometry.iloc[0]
    return None
