"""Publish a region pack to PostGIS: one schema per region, written in one transaction, styled for QGIS.

Every layer becomes a table with its geometry type, SRID 4326 and ``id`` as primary key; metrics, industries,
links, designations and sources become plain tables; ``COMMENT ON`` says what each table and field holds;
``public.layer_styles`` (QGIS's own shape, catalog and schema filled in) carries each layer's style, so QGIS
opens every layer styled and labelled; a trigger on every table records each edit in
``sti_geo_audit.history`` (留痕) and notifies channel ``sti_geo``. Publishing again replaces the schema and
its styles atomically: PostgreSQL's DDL is transactional, so a reader sees the old pack or the new one,
never half of either; the trail, kept outside the schema, stays.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from .._errors import InputError, OutputError
from ..model.catalog import Catalog
from . import formats
from .bundle import side_tables
from .database import AUDIT_SCHEMA, NOTIFY_CHANNEL, first_line, quoted, schema_name
from .qgis_style import StyleInput, qml_for_spec

SRID = 4326
# what each contract field holds (README's field table), for COMMENT ON COLUMN
FIELD_COMMENTS = {
    "id": "stable ASCII id, unique across the pack's tables",
    "name": "name as in the documents", "name_en": "English rendering of the name",
    "layer": "the layer id", "district": "the district/zone the documents place it in (Chinese name)",
    "district_id": "id of that district/zone; city when the documents do not say",
    "industries": "specialties the quoted sentence names, joined by 、",
    "clusters": "section 七 clusters linked to the feature, joined by 、",
    "geometry_basis": "official, approximate or schematic",
    "geometry_note": "how the geometry or position was made (English)",
    "geometry_note_zh": "how the geometry or position was made (Chinese)",
    "accuracy_m": "points: radius in metres within which the feature lies",
    "outline_m": "schematic areas and lines: how far in metres the drawn outline can be from the real one",
    "source": "the source document's file name", "quote": "verbatim excerpt(s) of the source supporting the row",
}
# The trail of every edit (留痕): outside the pack's schema, so publishing again keeps it. Each insert, update
# and delete of a published table records when, which role, the row's id and its old and new values
# (geometry as GeoJSON), and tells listeners on channel "sti_geo" which schema changed.
AUDIT_SQL = f"""
CREATE SCHEMA IF NOT EXISTS {AUDIT_SCHEMA};
COMMENT ON SCHEMA {AUDIT_SCHEMA} IS 'sti_geo: the trail of every edit of a published plan (留痕)';
CREATE TABLE IF NOT EXISTS {AUDIT_SCHEMA}.history (
    id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp(),
    role text NOT NULL DEFAULT session_user, schema_name text NOT NULL, table_name text NOT NULL,
    action text NOT NULL, row_id text, old_row jsonb, new_row jsonb
);
COMMENT ON TABLE {AUDIT_SCHEMA}.history IS
    'every INSERT, UPDATE, DELETE of a published table (and each PUBLISH): when, which role, old and new row';
-- SECURITY DEFINER: an editor needs no right on the trail and cannot write it; session_user is who logged in
CREATE OR REPLACE FUNCTION {AUDIT_SCHEMA}.record_edit() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    old_json jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    new_json jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
BEGIN
    INSERT INTO {AUDIT_SCHEMA}.history (role, schema_name, table_name, action, row_id, old_row, new_row)
    VALUES (session_user, TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP, COALESCE(new_json ->> 'id', old_json ->> 'id'),
            old_json, new_json);
    PERFORM pg_notify('{NOTIFY_CHANNEL}', TG_TABLE_SCHEMA);
    RETURN NULL;
END $$;
"""
STYLE_TABLE = """
CREATE TABLE IF NOT EXISTS public.layer_styles (
    id serial PRIMARY KEY, f_table_catalog varchar, f_table_schema varchar, f_table_name varchar,
    f_geometry_column varchar, stylename text, styleqml xml, stylesld xml, useasdefault boolean,
    description text, owner varchar(63), ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar
)"""


@dataclass(frozen=True)
class PublishReport:
    """What a publish wrote: the schema, and rows per table (layers and side tables)."""

    schema: str
    tables: dict[str, int]


def publish(catalog: Catalog, url: str, schema: str | None = None) -> PublishReport:
    """Write every layer and side table of ``catalog`` to the database at ``url`` (one transaction)."""
    import psycopg  # optional: only publishing needs it

    name = schema_name(catalog, schema)
    layers = {lid: _prepared(gdf) for lid, gdf in catalog.layers.items()}  # every layer whole, as the maps have it
    tables = {tname: _prepared(df) for tname, df in side_tables(catalog).items()}
    try:
        conn = psycopg.connect(url, connect_timeout=10)
    except psycopg.Error as exc:
        raise InputError(f"cannot connect to the database ({first_line(exc)}): check --db") from exc
    written: dict[str, int] = {}
    try:
        with conn, conn.cursor() as cur:  # one transaction: commit at the end, roll back on any error
            cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            cur.execute(STYLE_TABLE)
            cur.execute(f"DROP SCHEMA IF EXISTS {quoted(name)} CASCADE")
            cur.execute(f"CREATE SCHEMA {quoted(name)}")
            cur.execute(f"COMMENT ON SCHEMA {quoted(name)} IS {_literal(_schema_comment(catalog))}")
            for lid, gdf in layers.items():
                spec = catalog.specs[lid]
                written[lid] = _write_layer(cur, name, lid, gdf)
                _comment(cur, name, lid, f"{spec.title} / {spec.title_en}: {spec.description_en}", gdf.columns)
            for tname, df in tables.items():
                written[tname] = _write_table(cur, name, tname, df)
                _comment(cur, name, tname, f"{tname} of the plan (sti_geo), each row with its source and quote",
                         df.columns)
            cur.execute(AUDIT_SQL)
            for table in [*layers, *tables]:
                cur.execute(f"CREATE TRIGGER record_edit AFTER INSERT OR UPDATE OR DELETE ON {quoted(name)}."
                            f"{quoted(table)} FOR EACH ROW EXECUTE FUNCTION {AUDIT_SCHEMA}.record_edit()")
            event = json.dumps({"data": catalog.token, "tables": written}, ensure_ascii=False)
            cur.execute(f"INSERT INTO {AUDIT_SCHEMA}.history (schema_name, table_name, action, new_row) "
                        "VALUES (%s, '*', 'PUBLISH', %s::jsonb)", (name, event))
            cur.execute(f"SELECT pg_notify('{NOTIFY_CHANNEL}', %s)", (name,))
            cur.execute("DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() "
                        "AND f_table_schema = %s", (name,))
            for lid, gdf in layers.items():
                spec = catalog.specs[lid]
                cur.execute(
                    "INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                    "f_geometry_column, stylename, styleqml, stylesld, useasdefault, description, owner, type) "
                    "VALUES (current_database(), %s, %s, 'geom', %s, %s::xml, NULL, true, %s, current_user, %s)",
                    # type NULL: any geometry type (QGIS 3.22 lists none as related when it is set here)
                    (name, lid, lid, qml_for_spec(spec, extra=StyleInput.of(gdf)),
                     f"{spec.title} / {spec.title_en} (sti_geo)", None))
    except psycopg.Error as exc:
        raise OutputError(f"publishing to the database failed, nothing was changed: {first_line(exc)}") from exc
    finally:
        conn.close()
    return PublishReport(name, written)


def _literal(text: str) -> str:
    """A SQL string literal (COMMENT ON takes no parameters)."""
    return "'" + text.replace("'", "''") + "'"


def _schema_comment(catalog: Catalog) -> str:
    m = catalog.manifest
    return f"{m.get('plan_title', '')} / {m.get('plan_title_en', '')} — published by sti_geo"


def _prepared(df: pd.DataFrame) -> pd.DataFrame:
    """A layer or table as GIS formats hold it: lists joined, blanks NULL, integer fields integers."""
    return formats.with_nulls(formats.joined_lists(df))


def _geometry_type(gdf: gpd.GeoDataFrame) -> str:
    """The column's PostGIS type: Point, LineString or MultiPolygon (mixed polygons promoted), else Geometry."""
    kinds = set(gdf.geom_type.dropna())
    if kinds <= {"Point"}:
        return "Point"
    if kinds <= {"LineString"}:
        return "LineString"
    if kinds <= {"Polygon", "MultiPolygon"}:
        return "MultiPolygon"
    if kinds <= {"LineString", "MultiLineString"}:
        return "MultiLineString"
    return "Geometry"


def _sql_type(column: str, series: pd.Series) -> str:
    if column in formats.INTEGER_FIELDS or pd.api.types.is_integer_dtype(series.dtype):
        return "integer" if column in formats.INTEGER_FIELDS else "bigint"
    if pd.api.types.is_bool_dtype(series.dtype):
        return "boolean"
    if pd.api.types.is_float_dtype(series.dtype):
        return "double precision"
    return "text"


def _value(value: Any) -> Any:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _write_layer(cur: Any, schema: str, lid: str, gdf: gpd.GeoDataFrame) -> int:
    geom_type = _geometry_type(gdf)
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    defs = ", ".join(f"{quoted(c)} {_sql_type(c, gdf[c])}" + (" PRIMARY KEY" if c == "id" else "")
                     for c in columns)
    table = f"{quoted(schema)}.{quoted(lid)}"
    cur.execute(f"CREATE TABLE {table} ({defs}, geom geometry({geom_type}, {SRID}))")
    multi = geom_type.startswith("Multi")
    geom_sql = "ST_Multi(ST_GeomFromWKB(%s, 4326))" if multi else "ST_GeomFromWKB(%s, 4326)"
    insert = (f"INSERT INTO {table} ({', '.join(quoted(c) for c in columns)}, geom) "
              f"VALUES ({', '.join(['%s'] * len(columns))}, {geom_sql})")
    rows = [(*(_value(v) for v in rec), geom.wkb if geom is not None else None)
            for rec, geom in zip(gdf[columns].itertuples(index=False, name=None), gdf.geometry, strict=True)]
    cur.executemany(insert, rows)
    cur.execute(f"CREATE INDEX ON {table} USING gist (geom)")
    return len(rows)


def _write_table(cur: Any, schema: str, tname: str, df: pd.DataFrame) -> int:
    columns = list(df.columns)
    keyed = "id" in columns and df["id"].notna().all() and df["id"].is_unique
    defs = ", ".join(f"{quoted(c)} {_sql_type(c, df[c])}" + (" PRIMARY KEY" if keyed and c == "id" else "")
                     for c in columns)
    table = f"{quoted(schema)}.{quoted(tname)}"
    key = "" if keyed else "fid serial PRIMARY KEY, "
    cur.execute(f"CREATE TABLE {table} ({key}{defs})")
    rows = [tuple(_value(v) for v in rec) for rec in df.itertuples(index=False, name=None)]
    if rows:
        cur.executemany(f"INSERT INTO {table} ({', '.join(quoted(c) for c in columns)}) "
                        f"VALUES ({', '.join(['%s'] * len(columns))})", rows)
    return len(rows)


def _comment(cur: Any, schema: str, table: str, text: str, columns: Iterable[str]) -> None:
    target = f"{quoted(schema)}.{quoted(table)}"
    cur.execute(f"COMMENT ON TABLE {target} IS {_literal(text)}")
    for column in columns:
        if column in FIELD_COMMENTS:
            cur.execute(f"COMMENT ON COLUMN {target}.{quoted(column)} IS {_literal(FIELD_COMMENTS[column])}")
