"""``python -m sti_geo``: list, validate and export the plan's layers."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ._errors import DataValidationError, InputError, NotPublishedError, OutputError, StoreUnavailableError
from .export import bundle as export
from .export.bundle import SIDECARS
from .export.spreadsheet import CSV_GEOMETRY, DEFAULT_CSV_GEOMETRY
from .export.writing import STDOUT, check_out, write_files
from .geo.crs import DEFAULT_CRS, OUTPUT_CRS
from .model.catalog import Catalog, load_catalog, read_catalog
from .model.filters import FACET_BY_KEY, FACETS, facet_values, value_label
from .model.within import beyond_note, query_from_text, reaches_beyond
from .settings import list_regions, settings_from_env


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m sti_geo",
                                description="A city's S&T plan as map layers, with provenance.")
    p.add_argument("--region", metavar="NAME",
                   help="region pack under geodata/ (default: $STI_GEO_REGION, else the default pack); see `regions`")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("regions", help="list the region packs")
    sub.add_parser("layers", help="list layers: id, title, feature count, geometry type")
    va = sub.add_parser("validate", help="run every data check; exit 0 only when clean")
    _database_arguments(va, required=False)
    sub.add_parser("facets", help="list what export --where can choose: each facet, its values and counts")
    ex = sub.add_parser(
        "export", help="export one layer or all layers, optionally one district's or industry's features",
        description="gpkg and kml write one file with every selected layer; geojson and csv one file per layer "
                    "and shp one zip per layer (into the folder --out when there are several).")
    which = ex.add_mutually_exclusive_group(required=True)
    which.add_argument("--layer", metavar="ID", help="layer id (see `layers`)")
    which.add_argument("--all", action="store_true", help="every layer")
    ex.add_argument("--district", metavar="ID", help="only this district's/zone's features (e.g. lingang)")
    ex.add_argument("--industry", metavar="ID", help="only features hosting this cluster or chain (e.g. ind_it)")
    ex.add_argument("--where", metavar="FACET=VALUE[,VALUE]", action="append", default=[],
                    help="only features with one of these values (repeatable; facets together): "
                         f"{', '.join(FACET_BY_KEY)}, e.g. --where platform_type=实验室,技术创新中心 "
                         "--where level=国家级; `facets` lists every value")
    ex.add_argument("--within", metavar="QUERY",
                    help="only features a spatial query reaches, with its answer (within_status: within, "
                         "partly_within, possibly_within; within_share): c:LON,LAT,KM · r:W,S,E,N · "
                         "p:LON,LAT,… · f:FEATURE_ID,KM (e.g. f:core,10)")
    ex.add_argument("--format", default="geojson", choices=export.FORMATS, help="output format (default geojson)")
    ex.add_argument("--crs", default=DEFAULT_CRS, metavar="CRS",
                    help=f"output CRS for gpkg, shp and csv: {', '.join(OUTPUT_CRS)}, or any EPSG:<code> whose area "
                         f"of use covers the data (default {DEFAULT_CRS})")
    ex.add_argument("--csv-geometry", default=DEFAULT_CSV_GEOMETRY, choices=CSV_GEOMETRY,
                    help="how csv writes geometry: simplified = WKT, a feature longer than Excel's 32,767-character "
                         "cell simplified until it fits (default); full = the full WKT; points = one lon/lat (x/y) "
                         "point per feature")
    ex.add_argument("--out", required=True, help="output file, or folder for several files (a path ending in / or "
                                                   "an existing folder is always a folder), or - for standard output "
                                                   "(one file)")
    ex.add_argument("--force", action="store_true", help="overwrite existing files")
    pu = sub.add_parser("publish", help="write the region pack to PostGIS: a schema of its own, styled for QGIS")
    pu.add_argument("--db", required=True, metavar="URL",
                    help="the database, e.g. postgresql://user@host:5432/gis (the role may create schemas)")
    pu.add_argument("--schema", help="schema to (re)write (default: the region pack's English name, lower case)")
    for name, help_text in (("history", "list the trail of every edit of the published plan (留痕)"),
                            ("diff", "list every difference between the database and the region pack")):
        db = sub.add_parser(name, help=help_text)
        _database_arguments(db, required=True)
        if name == "history":
            db.add_argument("--limit", type=int, default=200, help="the latest N entries (default 200)")
    me = sub.add_parser("metrics", help="write the metrics table")
    me.add_argument("--format", default="csv", choices=("csv",), help="output format (default csv)")
    me.add_argument("--out", help="output file (default, or -: standard output)")
    me.add_argument("--force", action="store_true", help="overwrite an existing file")
    return p


def _database_arguments(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument("--db", metavar="URL", default=os.environ.get("STI_GEO_DATABASE_URL") or None,
                        required=required and not os.environ.get("STI_GEO_DATABASE_URL"),
                        help="the database the plan was published to (default: $STI_GEO_DATABASE_URL)"
                             + ("" if required else "; also check the edits made there"))
    parser.add_argument("--schema", help="the published schema (default: the region pack's English name)")


def _database_command(args: argparse.Namespace, catalog: Catalog) -> int:
    """Validate --db, history, diff: the published plan and its trail."""
    from .export import database

    if args.command == "history":
        entries = database.trail(args.db, catalog, args.schema, args.limit)
        for entry in entries:
            print(entry)
        print(f"{len(entries)} entries", file=sys.stderr)
        return 0
    published = database.read_published(args.db, catalog, args.schema)
    if args.command == "diff":
        changes = database.differences(catalog, published)
        for change in changes:
            print(change)
        print(f"{len(changes)} difference(s) between schema {published.schema} and the region pack", file=sys.stderr)
        return 0
    flagged = database.check_edits(catalog, published)
    for problem in flagged:
        print(f"  - {problem}", file=sys.stderr)
    if flagged:
        print(f"{len(flagged)} edit(s) in schema {published.schema} break a data rule", file=sys.stderr)
        return 1
    print(f"ok: schema {published.schema}: {len(database.differences(catalog, published))} difference(s) from the "
          "pack, none breaking a data rule")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line (``python -m sti_geo``); the exit code: 0 ok, 1 bad data or a failed write, 2 bad input."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "regions":
            for region in list_regions():
                print(region)
            return 0
        if args.region is not None and not args.region.strip():
            raise InputError(f"--region is empty; region packs: {', '.join(list_regions())}")
        try:
            settings = settings_from_env(args.region)
        except DataValidationError as exc:  # the default pack cannot be told: say which file, not "run validate"
            print(f"error: {exc}", file=sys.stderr)
            return 1
        if args.command == "validate":
            catalog = read_catalog(settings)
            if catalog.problems:
                print(DataValidationError(catalog.problems), file=sys.stderr)
                return 1
            n = sum(len(g) for g in catalog.layers.values())
            print(f"ok: {len(catalog.layers)} layers, {n} features, {len(catalog.metrics)} metric rows, "
                  f"{len(catalog.industries)} industries, {len(catalog.links)} links; every quote verified")
            return _database_command(args, catalog) if args.db else 0
        catalog = load_catalog(settings)
        if args.command in ("history", "diff"):
            return _database_command(args, catalog)
        if args.command == "layers":
            for lid, gdf in catalog.layers.items():
                spec = catalog.specs[lid]
                print(f"{lid:20} {len(gdf):4d}  {spec.geometry_type:10}  {spec.title} / {spec.title_en}")
        elif args.command == "facets":
            for facet in FACETS:
                values = facet_values(catalog, facet)
                if not values:
                    continue
                print(f"{facet.key}  ({facet.label_in('zh')} / {facet.label_in('en')})")
                for value, n in values.items():
                    print(f"  {value:24} {n:4d}  {value_label(catalog, facet, value, 'zh')} / "
                          f"{value_label(catalog, facet, value, 'en')}")
        elif args.command == "export":
            if args.within:
                query = query_from_text(catalog, args.within)
                if reaches_beyond(catalog, query):
                    print(f"note: {beyond_note(catalog)}", file=sys.stderr)
            selection = export.Selection(layer=args.layer, district=args.district, industry=args.industry,
                                         where=";".join(args.where), within=args.within or "")
            if args.out == STDOUT:
                _to_stdout(export.export_files(catalog, selection, args.format, args.crs,
                                               csv_geometry=args.csv_geometry))
                return 0
            for path in export.write_export(catalog, selection, args.format, args.out, args.crs, args.force,
                                            args.csv_geometry):
                print(path)
        elif args.command == "publish":
            from .export.postgis import publish  # needs psycopg, as only publishing does

            report = publish(catalog, args.db, args.schema)
            print(f"published schema {report.schema}: " + ", ".join(f"{t} {n}" for t, n in report.tables.items()))
        elif args.command == "metrics":
            text = export.metrics_csv(catalog)
            if args.out is None or args.out == STDOUT:
                sys.stdout.write(text)
            else:
                check_out(args.out)
                write_files({Path(args.out): text.encode("utf-8")}, args.force)
                print(args.out)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DataValidationError as exc:
        print(f"error: the data does not validate; run `python -m sti_geo validate`.\n{exc}", file=sys.stderr)
        return 1
    except (OutputError, StoreUnavailableError, NotPublishedError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _to_stdout(files: dict[str, bytes]) -> None:
    """The export's one file on standard output (to a pipe; a CSV without its sidecars); several need a folder."""
    files = {name: data for name, data in files.items() if Path(name).suffix not in SIDECARS}
    if len(files) != 1:
        raise InputError(f"--out - writes one file to standard output; this export makes {len(files)} "
                         f"({', '.join(list(files)[:4])}{', …' if len(files) > 4 else ''}): give a folder")
    sys.stdout.flush()
    sys.stdout.buffer.write(next(iter(files.values())))
    sys.stdout.buffer.flush()
