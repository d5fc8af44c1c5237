"""The published plan read back from PostGIS: what changed since publishing, and which edits break a rule.

``publish`` writes every layer to a schema of its own; a GIS department then corrects positions and fields in
QGIS, and the trigger records each edit in ``sti_geo_audit.history``. This module reads the layers and side
tables back (one snapshot), lists every difference from the region pack (``differences``), names the edits
that break a data rule (``check_edits``: no id, a quote not in its source, no geometry) and reads the trail
(``trail``). ``overlay`` (its own module) lays the differences over the pack's catalog.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import shapely

from .._errors import InputError, NotPublishedError, Problem, StoreUnavailableError
from ..model.catalog import Catalog
from ..model.validate import check_quotes
from . import formats
from .bundle import side_tables

AUDIT_SCHEMA = "sti_geo_audit"
NOTIFY_CHANNEL = "sti_geo"
SCHEMA_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")
GEOMETRY = "geometry"  # a difference's field when the position or shape changed


def schema_name(catalog: Catalog, schema: str | None = None) -> str:
    """The pack's schema: ``schema``, else the pack's name (``weihai``), checked as an identifier."""
    name = schema or str(catalog.manifest.get("name_en", "")).lower()
    if not SCHEMA_NAME.fullmatch(name) or name in ("public", "topology") or name.startswith("pg_"):
        raise InputError(f"schema {name!r}: expected lower-case letters, digits and _ (not public or pg_…)")
    return name


def quoted(name: str) -> str:
    """An SQL identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def first_line(exc: BaseException) -> str:
    """An exception's first line, for one-line messages."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


@dataclass
class Published:
    """A schema's layers as the database holds them, and its trail since the last publish.

    Attributes
    ----------
    schema : the schema read
    rows : layer id -> list of (properties, geometry) as stored (lists joined, blanks NULL)
    tables : side table -> its rows as stored (``metrics``, ``industries``, ``industry_links`` …)
    last_edit : (layer id, feature id) -> (when, role, action) of the latest edit since publishing
    fingerprint : changes whenever any row or the trail changes (keys caches of the overlaid catalog)
    """

    schema: str
    rows: dict[str, list[tuple[dict[str, Any], shapely.Geometry | None]]]
    last_edit: dict[tuple[str, str], tuple[str, str, str]] = field(default_factory=dict)
    fingerprint: str = ""
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # metrics, industries, links …


@dataclass(frozen=True)
class Difference:
    """One difference between the database and the pack: a feature changed, added or removed."""

    layer: str
    feature_id: str
    change: str  # "changed", "added" or "removed"
    fields: tuple[str, ...] = ()  # for "changed": the fields that differ ("geometry" for the position)
    at: str = ""  # the latest recorded edit of that row since publishing
    role: str = ""

    def __str__(self) -> str:
        """One line: ``parks [p_x] changed (geometry) — 2026-12-09 10:00 UTC by gis_editor``."""
        what = f"{self.change} ({', '.join(self.fields)})" if self.fields else self.change
        by = f" — {self.at} by {self.role}" if self.at else ""
        return f"{self.layer} [{self.feature_id}] {what}{by}"


def check_address(url: str) -> None:
    """InputError when libpq cannot parse ``url`` (a database address: URI or ``key=value`` pairs)."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    try:
        conninfo_to_dict(url)
    except psycopg.Error as exc:
        raise InputError(f"the database address is malformed ({first_line(exc)})") from exc


def connect(url: str) -> Any:
    """A psycopg connection to ``url``; StoreUnavailableError naming the problem in one line when it fails.

    A malformed address is an InputError (it will not come back by waiting).
    """
    import psycopg

    check_address(url)
    try:
        return psycopg.connect(url, connect_timeout=5, autocommit=True)
    except psycopg.Error as exc:
        raise StoreUnavailableError(f"cannot connect to the database ({first_line(exc)})") from exc


def read_published(url: str, catalog: Catalog, schema: str | None = None) -> Published:
    """The pack's layers as published in the database at ``url`` (one snapshot), with the trail's latest edits.

    Raises
    ------
    StoreUnavailableError
        The database cannot be reached or read.
    NotPublishedError
        It holds no published schema for this pack.
    """
    import psycopg

    name = schema_name(catalog, schema)
    conn = connect(url)
    try:
        with conn.transaction(), conn.cursor() as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")  # one snapshot of all tables
            cur.execute("SELECT table_name FROM information_schema.columns WHERE table_schema = %s "
                        "AND column_name = 'geom'", (name,))
            tables = {r[0] for r in cur.fetchall()}
            if not tables:
                raise NotPublishedError(f"the database has no published schema {name!r} (python -m sti_geo publish)")
            rows: dict[str, list[tuple[dict[str, Any], shapely.Geometry | None]]] = {}
            digest = hashlib.sha256()
            plan = {lid for lid, spec in catalog.specs.items() if spec.provenance == "plan"}  # context: not edited
            for lid in sorted(tables & plan & set(catalog.layers)):
                cur.execute(f"SELECT to_jsonb(t) - 'geom', ST_AsBinary(geom) FROM {quoted(name)}.{quoted(lid)} t")
                got = cur.fetchall()
                rows[lid] = [(props, shapely.from_wkb(bytes(wkb)) if wkb is not None else None)
                             for props, wkb in got]
                for props, wkb in got:
                    digest.update(repr(sorted(props.items())).encode())
                    digest.update(bytes(wkb) if wkb is not None else b"-")
            cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (name,))
            side = {r[0] for r in cur.fetchall()} & set(side_tables(catalog))
            stored: dict[str, list[dict[str, Any]]] = {}
            for tname in sorted(side):
                cur.execute(f"SELECT to_jsonb(t) - 'fid' FROM {quoted(name)}.{quoted(tname)} t")
                stored[tname] = [r[0] for r in cur.fetchall()]
                digest.update(repr([sorted(r.items()) for r in stored[tname]]).encode())
            last = _last_edits(cur, name)
            digest.update(repr(sorted(last.items())).encode())
    except psycopg.Error as exc:
        raise StoreUnavailableError(f"cannot read schema {name!r} from the database ({first_line(exc)})") from exc
    finally:
        conn.close()
    return Published(name, rows, last, digest.hexdigest()[:12], stored)


def _last_edits(cur: Any, schema: str) -> dict[tuple[str, str], tuple[str, str, str]]:
    # no trail, or a reader not allowed to see it: edits show without who and when (asked step by step: naming
    # a table in a schema the role may not use is an error, not a false)
    cur.execute(f"SELECT to_regnamespace('{AUDIT_SCHEMA}') IS NOT NULL")
    if not cur.fetchone()[0]:
        return {}
    cur.execute(f"SELECT has_schema_privilege('{AUDIT_SCHEMA}', 'USAGE')")
    if not cur.fetchone()[0]:
        return {}
    cur.execute(f"SELECT to_regclass('{AUDIT_SCHEMA}.history') IS NOT NULL "
                f"AND has_table_privilege('{AUDIT_SCHEMA}.history', 'SELECT')")
    if not cur.fetchone()[0]:
        return {}
    cur.execute(f"""
        SELECT DISTINCT ON (table_name, row_id) table_name, row_id,
               to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), role, action
        FROM {AUDIT_SCHEMA}.history
        WHERE schema_name = %s AND action <> 'PUBLISH' AND row_id IS NOT NULL
          AND id > COALESCE((SELECT max(id) FROM {AUDIT_SCHEMA}.history
                             WHERE schema_name = %s AND action = 'PUBLISH'), 0)
        ORDER BY table_name, row_id, id DESC""", (schema, schema))
    return {(table, row_id): (at, role, action) for table, row_id, at, role, action in cur.fetchall()}


def _plain(value: Any) -> Any:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _same_shape(pack: shapely.Geometry | None, stored: shapely.Geometry | None) -> bool:
    if pack is None or stored is None:
        return pack is None and stored is None
    if pack.geom_type != stored.geom_type and stored.geom_type.startswith("Multi") and len(stored.geoms) == 1:
        stored = stored.geoms[0]  # publish promotes polygons to MultiPolygon: one part is the same shape
    return bool(pack.equals_exact(stored, 1e-9))


def _pack_rows(catalog: Catalog, lid: str) -> dict[str, tuple[dict[str, Any], shapely.Geometry | None]]:
    gdf = catalog.layers[lid]
    prepared = formats.with_nulls(formats.joined_lists(gdf))
    columns = [c for c in prepared.columns if c != gdf.geometry.name]
    return {str(rec[0]): ({c: _plain(v) for c, v in zip(columns, rec[1:], strict=True)}, geom)
            for rec, geom in zip(prepared[["id", *columns]].itertuples(index=False, name=None), gdf.geometry,
                                 strict=True)}


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return float(a) == float(b)
    return bool(a == b)


def differences(catalog: Catalog, published: Published) -> list[Difference]:
    """Every feature or table row the database holds differently from the pack, added or removed."""
    out = []
    for lid, stored in published.rows.items():
        pack = _pack_rows(catalog, lid)
        out += _keyed_differences(lid, {fid: props for fid, (props, _) in pack.items()},
                                  [(str(props.get("id")), props) for props, _ in stored], published,
                                  moved={str(props.get("id")) for props, geom in stored
                                         if str(props.get("id")) in pack
                                         and not _same_shape(pack[str(props.get("id"))][1], geom)})
    documented = side_tables(catalog)
    for tname, rows in published.tables.items():
        out += _table_differences(tname, formats.with_nulls(formats.joined_lists(documented[tname])), rows,
                                  published)
    return sorted(out, key=lambda d: (d.layer, d.feature_id))


def _keyed_differences(name: str, pack: dict[str, dict[str, Any]], stored: list[tuple[str, dict[str, Any]]],
                       published: Published, moved: set[str] | None = None) -> list[Difference]:
    """Rows matched by id: fields that differ (``geometry`` first for the ids in ``moved``), added, removed."""
    out, seen = [], set()
    for rid, row in stored:
        seen.add(rid)
        at, role, _ = published.last_edit.get((name, rid), ("", "", ""))
        if rid not in pack:
            out.append(Difference(name, rid, "added", at=at, role=role))
            continue
        changed = [c for c in pack[rid] if c != "id" and not _same_value(pack[rid][c], _plain(row.get(c)))]
        if moved and rid in moved:
            changed.insert(0, GEOMETRY)
        if changed:
            out.append(Difference(name, rid, "changed", tuple(changed), at, role))
    for rid in sorted(pack.keys() - seen):
        at, role, _ = published.last_edit.get((name, rid), ("", "", ""))
        out.append(Difference(name, rid, "removed", at=at, role=role))
    return out


def _row_label(row: dict[str, Any]) -> str:
    """A row without an id named by its first two values (a link: its industry and feature)."""
    return " → ".join(str(v) for v in list(row.values())[:2])


def _table_differences(tname: str, pack: pd.DataFrame, stored: list[dict[str, Any]],
                       published: Published) -> list[Difference]:
    """A side table's rows changed, added or removed: by id where it has one, else as whole rows."""
    pack_rows = [{c: _plain(v) for c, v in zip(pack.columns, rec, strict=True)}
                 for rec in pack.itertuples(index=False, name=None)]
    columns = list(pack.columns)
    if "id" in columns and pack["id"].notna().all() and pack["id"].is_unique:
        return _keyed_differences(tname, {str(r["id"]): r for r in pack_rows},
                                  [(str(r.get("id")), r) for r in stored], published)
    out = []
    documented = [tuple(r[c] for c in columns) for r in pack_rows]
    for values in (tuple(_plain(r.get(c)) for c in columns) for r in stored):
        if values in documented:
            documented.remove(values)
        else:
            out.append(Difference(tname, _row_label(dict(zip(columns, values, strict=True))), "added"))
    out += [Difference(tname, _row_label(dict(zip(columns, values, strict=True))), "removed")
            for values in documented]
    return out


def check_edits(catalog: Catalog, published: Published) -> list[Problem]:
    """The database's rows that break a data rule: no id, an id twice, no geometry, a quote not in its source."""
    out = []
    for lid, stored in published.rows.items():
        where = f"{published.schema}.{lid} (database)"
        plan = catalog.specs[lid].provenance == "plan"  # context datasets (land, boundaries) quote nothing
        ids = [props.get("id") for props, _ in stored]
        for props, geom in stored:
            fid = props.get("id")
            if fid is None or not str(fid).strip():
                out.append(Problem(where, "-", "id", "a row without an id: it cannot be shown or traced"))
                continue
            if ids.count(fid) > 1:
                out.append(Problem(where, str(fid), "id", "the id is used by more than one row"))
            if geom is None or geom.is_empty or not geom.is_valid:
                out.append(Problem(where, str(fid), "geometry", "missing, empty or invalid"))
            if plan and (not props.get("source") or not props.get("quote")):
                out.append(Problem(where, str(fid), "quote", "a row needs its source and verbatim quote"))
        rows = [{**props, "_file": where} for props, _ in stored if props.get("id")]
        out += check_quotes(rows, catalog.sources)
    for tname, table_rows in published.tables.items():  # a table's quotes hold as the layers' do
        where = f"{published.schema}.{tname} (database)"
        out += check_quotes([{**r, "_file": where, "id": r.get("id") or _row_label(r)} for r in table_rows],
                            catalog.sources)
    return sorted(set(out), key=Problem.sort_key)


@dataclass(frozen=True)
class TrailEntry:
    """One recorded edit (or publish) of the schema: when, which role, what, and which fields changed."""

    at: str
    role: str
    action: str
    table: str
    row_id: str
    fields: tuple[str, ...]

    def __str__(self) -> str:
        """One line of ``python -m sti_geo history``."""
        changed = f"  ({', '.join(self.fields)})" if self.fields else ""
        return f"{self.at}  {self.role:12} {self.action:7} {self.table}  {self.row_id}{changed}"


def trail(url: str, catalog: Catalog, schema: str | None = None, limit: int = 200) -> list[TrailEntry]:
    """The latest ``limit`` entries of the schema's trail, oldest first; an update names the fields it changed."""
    import psycopg

    name = schema_name(catalog, schema)
    conn = connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute(f"SELECT to_regclass('{AUDIT_SCHEMA}.history') IS NOT NULL")
            if not cur.fetchone()[0]:
                raise NotPublishedError("the database has no trail (sti_geo_audit.history): nothing was published")
            cur.execute(f"""
                SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"'), role, action, table_name,
                       COALESCE(row_id, ''),
                       ARRAY(SELECT k FROM jsonb_object_keys(COALESCE(new_row, '{{}}'::jsonb)) k
                             WHERE action = 'UPDATE' AND new_row -> k IS DISTINCT FROM old_row -> k ORDER BY k)
                FROM {AUDIT_SCHEMA}.history WHERE schema_name = %s ORDER BY id DESC LIMIT %s""", (name, limit))
            rows = cur.fetchall()
    except psycopg.Error as exc:
        raise StoreUnavailableError(f"cannot read the trail ({first_line(exc)})") from exc
    finally:
        conn.close()
    return [TrailEntry(at, role, action, table, row_id, tuple("geometry" if f == "geom" else f for f in fields))
            for at, role, action, table, row_id, fields in reversed(rows)]
