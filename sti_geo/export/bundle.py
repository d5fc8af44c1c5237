"""Exports for analysts: what to export (layers, a district, a cluster), in which format and CRS.

``export_files`` returns ``{file name: bytes}`` (the page offers them for download);
``write_export`` writes them under a path for the CLI, never overwriting without ``force``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .._errors import InputError
from ..geo.crs import DEFAULT_CRS, OutputCrs, check_covers, output_crs, to_output_crs
from ..model.catalog import Catalog
from ..model.filters import Where, feature_mask, industry_hosts, where_from_text, where_to_text
from ..model.sources import attribution_from_manifest
from ..model.specs import DISTRICTS, LayerSpec
from ..model.within import query_from_text, within
from . import formats
from .kml import kml_document
from .qgis_style import StyleInput, layer_style_rows, qml_for_spec
from .spreadsheet import DEFAULT_CSV_GEOMETRY, check_csv_geometry, csv_readme
from .writing import check_out, check_suffix, is_folder, write_files

FORMATS = ("geojson", "gpkg", "shp", "csv", "kml")
FORMAT_LABELS = {"geojson": "GeoJSON (RFC 7946)", "gpkg": "GeoPackage (+ QGIS styles, tables)",
                 "shp": "Shapefile (zip)", "csv": "CSV (WKT or points, for Excel)", "kml": "KML (Google Earth / 奥维)"}
WGS84_ONLY = {"geojson": "GeoJSON is always WGS-84 lon/lat (RFC 7946)", "kml": "KML is always WGS-84 (OGC KML)"}
MEDIA_TYPES = {"geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3",
               "shp": "application/zip", "csv": "text/csv", "kml": "application/vnd.google-earth.kml+xml",
               "zip": "application/zip"}
METRICS_COLUMNS = ("id", "indicator_id", "indicator", "indicator_en", "year", "value", "unit", "qualifier",
                   "kind", "scope", "area_id", "source", "quote")


@dataclass(frozen=True)
class Selection:
    """What to export: one layer or all, optionally only one district's or one industry's features."""

    layer: str | None = None
    district: str | None = None
    industry: str | None = None
    where: str | Where = ""  # facets (``model.filters``), or in their text form: platform_type=实验室;level=国家级
    within: str = ""  # a spatial query (``model.within``): c:lon,lat,km · r:w,s,e,n · p:… · f:id,km

    def slug(self) -> str:
        """A short ASCII name for file names: the layer, district or cluster, else ``all``; ``filtered``."""
        parts = [self.layer or "all"]
        parts += [f"district-{self.district}"] if self.district else []
        parts += [f"industry-{self.industry}"] if self.industry else []
        parts += ["filtered"] if self.where else []
        parts += ["within"] if self.within else []
        return "_".join(parts)


def attribution_text(catalog: Catalog) -> str:
    """One line naming the plan, the source documents and the geodata licences."""
    return attribution_from_manifest(catalog.manifest)


def _industry_features(catalog: Catalog, industry: str) -> set[str]:
    if industry not in set(catalog.industries["id"]):
        raise InputError(f"unknown industry {industry!r}; one of: {', '.join(catalog.industries['id'])}")
    return industry_hosts(catalog).get(industry, set())


def select_layers(catalog: Catalog, selection: Selection) -> dict[str, gpd.GeoDataFrame]:
    """The layers and rows the selection covers (WGS-84); InputError for unknown ids or an empty result."""
    if selection.layer is not None and selection.layer not in catalog.layers:
        raise InputError(f"unknown layer {selection.layer!r}; known layers: {', '.join(catalog.layers)}")
    district_ids = set(catalog.layers[DISTRICTS]["id"]) if DISTRICTS in catalog.layers else set()
    if selection.district is not None and selection.district not in district_ids:
        raise InputError(f"unknown district {selection.district!r}; one of: {', '.join(sorted(district_ids))}")
    hosts = _industry_features(catalog, selection.industry) if selection.industry else None
    where = selection.where if isinstance(selection.where, Where) else where_from_text(catalog, selection.where)
    chosen = [selection.layer] if selection.layer else list(catalog.layers)
    out = {}
    for lid in chosen:
        gdf = catalog.layers[lid]
        if selection.district:
            gdf = gdf[(gdf["district_id"] == selection.district) | (gdf["id"] == selection.district)]
        if hosts is not None:
            gdf = gdf[gdf["id"].isin(hosts)]
        if where and catalog.specs[lid].group != "base":
            gdf = gdf[feature_mask(catalog, gdf, where)]
        if not gdf.empty:
            out[lid] = gdf.reset_index(drop=True)
    if selection.within:
        out = _within(catalog, out, selection.within)
    if not out:
        raise InputError(f"nothing to export: no feature matches {selection.slug()}"
                         + (f" ({where_to_text(where)})" if where else ""))
    return each_feature_once(out)


def _within(catalog: Catalog, layers: dict[str, gpd.GeoDataFrame], text: str) -> dict[str, gpd.GeoDataFrame]:
    """The features a spatial query reaches, with its answer for each: ``within_status`` and ``within_share``."""
    result = within(catalog, query_from_text(catalog, text), [lid for lid in layers if lid in catalog.specs])
    answer = result.set_index("id")
    out = {}
    for lid, gdf in layers.items():
        if catalog.specs[lid].group == "base":
            out[lid] = gdf
            continue
        kept = gdf[gdf["id"].isin(answer.index)]
        if not kept.empty:
            out[lid] = kept.assign(within_status=[answer.loc[i, "status"] for i in kept["id"]],
                                   within_share=[float(answer.loc[i, "share"]) for i in kept["id"]])
    return out


def data_bounds(layers: Mapping[str, gpd.GeoDataFrame], specs: Mapping[str, LayerSpec],
                region: Mapping[str, gpd.GeoDataFrame] | None = None) -> tuple[float, float, float, float]:
    """WGS-84 bounds of the plan's features among ``layers``; with only context layers there, of ``region``'s.

    Context datasets (land, boundaries) reach beyond the region; a CRS is judged by the plan's own features,
    also when the land is exported alone (it fitted EPSG:4550 in "all layers" and was refused on its own).
    ``region``: every layer of the catalog; without it, context layers alone are judged by themselves.
    """
    def plan_of(frames: Mapping[str, gpd.GeoDataFrame]) -> list[gpd.GeoDataFrame]:
        return [gdf for lid, gdf in frames.items() if lid not in specs or specs[lid].provenance != "dataset"]

    frames = plan_of(layers) or (plan_of(region) if region is not None else []) or list(layers.values())
    bounds = [gdf.total_bounds for gdf in frames if not gdf.empty]
    return (min(b[0] for b in bounds), min(b[1] for b in bounds), max(b[2] for b in bounds),
            max(b[3] for b in bounds))


def each_feature_once(layers: dict[str, gpd.GeoDataFrame]) -> dict[str, gpd.GeoDataFrame]:
    """Each feature in one layer only: the broadest that holds it.

    The app's filtered layers are views (``core_system`` is the platforms whose ``system`` is 1+4+N); an
    export with both would hold those features twice and double an analyst's joins and counts. Membership
    stays an attribute (``system``); a view left empty is not written.
    """
    home: dict[str, str] = {}
    for lid in sorted(layers, key=lambda lid: -len(layers[lid])):  # stable: ties keep the drawing order
        for fid in layers[lid]["id"]:
            home.setdefault(str(fid), lid)
    out = {}
    for lid, gdf in layers.items():
        kept = gdf[[home[str(fid)] == lid for fid in gdf["id"]]]
        if not kept.empty:
            out[lid] = kept.reset_index(drop=True)
    return out


def side_tables(catalog: Catalog) -> dict[str, pd.DataFrame]:
    """The tables beside the layers, as exports and PostGIS hold them (metrics, industries, links …)."""
    sources = pd.DataFrame([{k: s.get(k, "") for k in ("file", "title", "title_en", "year", "kind")}
                            for s in catalog.manifest.get("source", [])])
    return {"metrics": metrics_frame(catalog), "industries": catalog.industries, "industry_links": catalog.links,
            "designations": catalog.designations,
            "sources": sources, "attribution": pd.DataFrame({"attribution": [attribution_text(catalog)]})}


def metrics_frame(catalog: Catalog) -> pd.DataFrame:
    """Metrics in the contract's column order, sorted by indicator and year."""
    cols = [c for c in METRICS_COLUMNS if c in catalog.metrics.columns]
    return catalog.metrics[cols].sort_values(["indicator_id", "year", "kind"]).reset_index(drop=True)


def metrics_csv(catalog: Catalog) -> str:
    """The metrics table as CSV text (UTF-8 with BOM when written; cells safe for spreadsheets)."""
    return metrics_frame(catalog).to_csv(index=False, lineterminator="\n")


def check_format(fmt: str, crs: OutputCrs) -> None:
    """InputError for an unknown format, or a CRS the format cannot hold."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    if fmt in WGS84_ONLY and crs.id != DEFAULT_CRS:
        raise InputError(f"{WGS84_ONLY[fmt]}; --crs {crs.id} applies to gpkg, shp and csv")


def download_name(stem: str, fmt: str, n_layers: int) -> str:
    """The name of the one file a download produces: the file itself, or a zip of one file per layer."""
    if fmt in ("gpkg", "kml"):
        return f"{stem}.{fmt}"
    if n_layers == 1 and fmt != "csv":  # a CSV travels with its .csvt and .prj
        return f"{stem}.{'zip' if fmt == 'shp' else fmt}"
    return f"{stem}_{fmt}.zip"


def bundle_name(selection: Selection, fmt: str, n_layers: int) -> str:
    """The name of the single file a bundled export (a download) produces."""
    return download_name(f"sti_geo_{selection.slug()}", fmt, n_layers)


def export_files(catalog: Catalog, selection: Selection, fmt: str, crs_id: str = DEFAULT_CRS,
                 bundle: bool = False, csv_geometry: str = DEFAULT_CSV_GEOMETRY) -> dict[str, bytes]:
    """The export as ``{file name: bytes}``.

    gpkg and kml hold every selected layer in one file. geojson and csv give one file per layer (csv with
    a README.txt when there are several) and shp one zip per layer; with ``bundle`` the result is always one
    file named by :func:`bundle_name` (several files are zipped together, each shapefile in its own folder).
    ``csv_geometry`` is how csv writes geometry (``spreadsheet.CSV_GEOMETRY``).
    """
    crs = output_crs(crs_id)
    check_format(fmt, crs)
    check_csv_geometry(csv_geometry)
    chosen = select_layers(catalog, selection)
    check_covers(crs, data_bounds(chosen, catalog.specs, catalog.layers))
    layers = {lid: to_output_crs(gdf, crs) for lid, gdf in chosen.items()}
    m = catalog.manifest
    content = ExportContent(layers=layers, specs=catalog.specs, tables=side_tables(catalog),
                            attribution=attribution_text(catalog), slug=selection.slug(),
                            title=f"sti_geo — {m.get('plan_title', '')} ({selection.slug()})")
    files = layer_files(content, fmt, crs, bundle, csv_geometry)
    if not bundle:
        return files
    (data,) = files.values()
    return {bundle_name(selection, fmt, len(layers)): data}


@dataclass(frozen=True)
class ExportContent:
    """Layers (already in the output CRS) with their specs, the side tables, and how to label them."""

    layers: dict[str, gpd.GeoDataFrame]
    specs: Mapping[str, LayerSpec]
    tables: dict[str, pd.DataFrame]
    attribution: str
    slug: str
    title: str
    kml_fields: tuple[str, ...] | None = None


def layer_files(content: ExportContent, fmt: str, crs: OutputCrs, bundle: bool,
                csv_geometry: str = DEFAULT_CSV_GEOMETRY) -> dict[str, bytes]:
    """The files of one export, for plan layers and uploaded layers alike."""
    layers = {lid: formats.joined_lists(gdf) for lid, gdf in content.layers.items()}
    if fmt != "csv":  # CSV has no NULL; the others say NULL where a value is missing
        layers = {lid: formats.with_nulls(gdf) for lid, gdf in layers.items()}
    attribution, slug = content.attribution, content.slug
    if fmt == "gpkg":
        extras = {lid: StyleInput.of(gdf) for lid, gdf in layers.items()}
        styles = pd.DataFrame(layer_style_rows([content.specs[lid] for lid in layers], extras=extras))
        tables = {name: formats.with_nulls(formats.joined_lists(df)) for name, df in content.tables.items()}
        return {f"sti_geo_{slug}.gpkg": formats.gpkg_bytes(layers, tables, styles)}
    if fmt == "kml":
        return {f"sti_geo_{slug}.kml": kml_document(layers, content.specs, content.title, attribution,
                                                    content.kml_fields).encode("utf-8")}
    if fmt == "geojson":
        files = {f"{lid}.geojson": formats.geojson_bytes(gdf, lid, attribution) for lid, gdf in layers.items()}
    elif fmt == "csv":
        frames = {lid: formats.csv_frame(gdf, crs, attribution, csv_geometry) for lid, gdf in layers.items()}
        files = {}
        for lid, df in frames.items():  # each with its field types and CRS, for GDAL and QGIS
            files[f"{lid}.csv"] = formats.csv_bytes(df)
            files.update({f"{lid}{ext}": data for ext, data in formats.csv_sidecars(df, crs).items()})
        if len(frames) > 1:  # a single CSV says it in its note column; several get a README beside them
            files["README.txt"] = csv_readme(frames, csv_geometry, crs, attribution, slug).encode("utf-8")
    else:
        folder = "{}/" if bundle and len(layers) > 1 else ""
        files = {}
        for lid, gdf in layers.items():
            qml = qml_for_spec(content.specs[lid], extra=StyleInput.of(gdf))
            parts = formats.shapefile_zip(gdf, lid, crs, attribution, folder.format(lid), qml=qml)
            if folder:
                files.update(parts)
            else:
                files[f"{lid}.zip"] = formats.zip_bytes(parts)
        if folder:
            return {f"sti_geo_{slug}_shp.zip": formats.zip_bytes(files)}
    if bundle and len(files) > 1:
        files.setdefault("README.txt", f"sti_geo export {slug} ({fmt}, {crs.id})\n\n{attribution}\n".encode())
        return {f"sti_geo_{slug}_{fmt}.zip": formats.zip_bytes(files)}
    return files


def media_type(file_name: str) -> str:
    """The media type a download of ``file_name`` is served with."""
    return MEDIA_TYPES.get(file_name.rsplit(".", 1)[-1], "application/octet-stream")


SIDECARS = (".csvt", ".prj")  # files that describe another one beside them


def write_export(catalog: Catalog, selection: Selection, fmt: str, out: Path | str, crs_id: str = DEFAULT_CRS,
                 force: bool = False, csv_geometry: str = DEFAULT_CSV_GEOMETRY) -> list[Path]:
    """Write the export: a single file to ``out`` itself, several into the folder ``out``.

    ``out`` ending in a path separator, or naming an existing folder, is a folder in any case. Every file is
    written whole or not at all (:func:`.writing.write_files`: OutputError says why).
    """
    check_out(str(out))
    files = export_files(catalog, selection, fmt, crs_id, csv_geometry=csv_geometry)
    folder = is_folder(str(out))
    out = Path(out)
    data_files = [name for name in files if Path(name).suffix not in SIDECARS]
    single = not folder and ((len(data_files) == 1 and selection.layer is not None) or fmt in ("gpkg", "kml"))
    if single:
        check_suffix(out, data_files[0])
    # one file's sidecars (a CSV's .csvt and .prj) go beside it, under its name
    targets = {name: (out / name if not single else out if name == data_files[0]
                      else out.with_suffix(Path(name).suffix)) for name in files}
    if not single and selection.layer is None and fmt == "geojson":
        targets["metrics.csv"] = out / "metrics.csv"
        files["metrics.csv"] = metrics_csv(catalog).encode("utf-8")
    write_files({path: files[name] for name, path in targets.items()}, force)
    return list(targets.values())
