"""Checks over the loaded data. Each returns problems; none raises."""

from __future__ import annotations

import re
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from .._errors import CONTENT, INCOMPLETE, MALFORMED, UNREADABLE, Problem
from .sources import missing_fragments, normalise_text
from .specs import LayerSpec, type_names

ASCII_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
# Uploaded features get ids "upload_1" …; a plan id never starts so, which keeps the two apart everywhere.
UPLOAD_ID_PREFIX = "upload_"
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "area": ("id", "name", "name_en", "kind", "seat", "industries", "source", "quote", "geometry"),
    "element": ("id", "element", "layer", "name", "name_en", "district", "industries", "source", "quote"),
    "park": ("id", "name", "name_en", "district", "at", "park_type", "industries", "source", "quote"),
    "platform": ("id", "name", "name_en", "platform_type", "district", "at", "industries", "source", "quote"),
    "industry": ("id", "name", "name_en", "kind", "parent", "source", "quote"),
    "link": ("industry", "feature", "source", "quote"),
    "designation": ("id", "feature", "name", "name_en", "source", "quote"),
    "metric": ("id", "indicator_id", "indicator", "indicator_en", "year", "value", "unit", "kind", "scope",
               "area_id", "source", "quote"),
    "figure": ("source", "text", "reason"),  # not_recorded.toml: a figure that is not a metric row, and why
}
AREA_KINDS = ("district", "zone", "named_area")
# an estimate (预计) is never an actual; a plan is next period's work as a report's "下步工作打算" states it
METRIC_KINDS = ("actual", "estimate", "target", "plan")
# a cluster of 七; a chain is one of its boxes' "…产业技术创新链"; a task is any other work its box names
INDUSTRY_KINDS = ("cluster", "chain", "task")
METRIC_SCOPES = ("city", "district", "park", "platform")
YEARS = range(2010, 2031)
GEOMETRY_FAMILY = {"Point": {"Point"}, "LineString": {"LineString", "MultiLineString"},
                   "Polygon": {"Polygon", "MultiPolygon"}}


def row_id(row: dict) -> str:
    """How a problem names its row: the id, or ``industry->feature`` for a link."""
    if not row.get("id") and "text" in row:  # a not_recorded figure: its words
        return repr(str(row["text"])[:24])
    return str(row.get("id") or f"{row.get('industry', '?')}->{row.get('feature', '?')}")


def check_required(rows: list[dict], kind: str) -> list[Problem]:
    """Every row has the fields of its kind, and text fields are not empty."""
    out = []
    for row in rows:
        for fld in REQUIRED_FIELDS[kind]:
            value = row.get(fld)
            if value is None:
                out.append(Problem(row["_file"], row_id(row), fld, "is missing", INCOMPLETE))
            elif fld in ("name", "name_en", "source", "quote", "id") and not str(value).strip():
                out.append(Problem(row["_file"], row_id(row), fld, "is empty", INCOMPLETE))
    return out


# The type of every field an authored table may hold (by name, whatever the table): checked before any
# content rule, so a string where a list belongs is one problem, not one per character.
TEXT_FIELDS = frozenset({
    "id", "name", "name_en", "kind", "seat", "source", "quote", "district", "at", "park_type", "platform_type",
    "parent", "element", "layer", "industry", "feature", "indicator_id", "indicator", "indicator_en", "unit",
    "scope", "area_id", "description", "description_en", "geometry_note", "geometry_note_zh", "level", "system",
    "qualifier",
    "year_basis", "period", "period_en", "text", "reason",
})
TEXT_LIST_FIELDS = frozenset({"industries", "aliases", "not_within"})
NUMBER_FIELDS = frozenset({"value"})
INTEGER_FIELDS = frozenset({"year"})


def _type_error(fld: str, value: Any) -> str:
    if fld in TEXT_FIELDS and not isinstance(value, str):
        return "must be text (in quotes)"
    if fld in TEXT_LIST_FIELDS and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return 'must be a list of text, e.g. ["…", "…"]'
    if fld in NUMBER_FIELDS and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return "must be a number"
    if fld in INTEGER_FIELDS and (isinstance(value, bool) or not isinstance(value, int)):
        return "must be a whole number"
    return ""


def check_types(rows: list[dict]) -> list[Problem]:
    """Every field holds its type (``TEXT_FIELDS`` …): ``name = 123`` or ``industries = "信息"`` is malformed."""
    out = []
    for row in rows:
        for fld, value in row.items():
            why = _type_error(fld, value) if not fld.startswith("_") else ""
            if why:
                out.append(Problem(row["_file"], row_id(row), fld, why, MALFORMED))
    return out


def root_first(problems: list[Problem]) -> list[Problem]:
    """The problems to report, root causes first, without what only echoes them.

    While a file cannot be read or a value has the wrong type, the content rules (which miss that file's rows
    or source text, or trip over the value: a park whose name is not text names no park in any quote) are
    summed up in one line: they are checked once the structure is sound. A missing or empty field only hides
    the content rules of that same field; every other problem is still listed, in one pass.
    """
    unique = sorted(set(problems), key=Problem.sort_key)
    incomplete = {(p.file, p.feature_id, p.field) for p in unique if p.rank == INCOMPLETE}
    unique = [p for p in unique if p.rank != CONTENT or (p.file, p.feature_id, p.field) not in incomplete]
    gates = [p for p in unique if p.rank <= MALFORMED]
    echoes = [p for p in unique if p.rank == CONTENT]
    if not gates or not echoes:
        return unique
    why = "files above that cannot be read" if any(p.rank == UNREADABLE for p in gates) else "values above"
    return [*(p for p in unique if p.rank != CONTENT),
            Problem("-", "-", "-", f"and {len(echoes)} more that may only follow from the {why}: fix those, "
                                   "then validate again", CONTENT + 1)]


def check_ids(rows: list[dict]) -> list[Problem]:
    """Ids are ASCII and unique across every table (a feature is found by id alone)."""
    out: list[Problem] = []
    seen: dict[str, str] = {}
    for row in rows:
        if "id" not in row:
            continue
        fid = str(row["id"])
        if not ASCII_ID.match(fid):
            out.append(Problem(row["_file"], fid, "id", "must be ASCII letters, digits and _ (starting with a letter)"))
        if fid.startswith(UPLOAD_ID_PREFIX):
            out.append(Problem(row["_file"], fid, "id", f"must not start with {UPLOAD_ID_PREFIX!r} (own layers)"))
        if fid in seen:
            out.append(Problem(row["_file"], fid, "id", f"duplicates the id in {seen[fid]}"))
        seen.setdefault(fid, row["_file"])
    return out


def check_quotes(rows: list[dict], sources: dict[str, str]) -> list[Problem]:
    """Each `source` is a listed document and each part of `quote` occurs in it verbatim."""
    normalised = {name: normalise_text(text) for name, text in sources.items()}
    out = []
    for row in rows:
        src, quote = row.get("source"), row.get("quote")
        if not isinstance(src, str) or not isinstance(quote, str):
            continue
        if src not in normalised:
            out.append(Problem(row["_file"], row_id(row), "source",
                               f"{src!r} is not one of this region's source documents {sorted(normalised)}"))
            continue
        for frag in missing_fragments(quote, normalised[src]):
            short = frag if len(frag) <= 40 else frag[:40] + "…"
            out.append(Problem(row["_file"], row_id(row), "quote", f"not found verbatim in {src}: {short!r}"))
    return out


def check_references(tables: dict[str, list[dict]], anchors: dict[str, Any], city_id: str) -> list[Problem]:
    """Districts, anchors, seats, industries, link targets and metric areas all exist."""
    out = []
    areas = {r["id"]: r for r in tables["area"] if "id" in r}
    districts = {i for i, r in areas.items() if r.get("kind") in ("district", "zone")} | {city_id}
    industries = {r["id"]: r for r in tables["industry"] if "id" in r}
    features = {r["id"] for k in ("area", "element", "park", "platform") for r in tables[k] if "id" in r}
    for row in tables["area"]:
        if row.get("kind") not in AREA_KINDS:
            out.append(Problem(row["_file"], row_id(row), "kind", f"must be one of {AREA_KINDS}"))
        if row.get("kind") == "named_area" and row.get("district") not in districts:
            out.append(Problem(row["_file"], row_id(row), "district", f"unknown district {row.get('district')!r}"))
    for kind in ("element", "park", "platform"):
        for row in tables[kind]:
            if "district" in row and row["district"] not in districts:
                out.append(Problem(row["_file"], row_id(row), "district", f"unknown district {row['district']!r}"))
            if "at" in row and row["at"] not in anchors:
                out.append(Problem(row["_file"], row_id(row), "at", f"unknown anchor {row['at']!r}"))
    for row in tables["industry"]:
        if row.get("kind") not in INDUSTRY_KINDS:
            out.append(Problem(row["_file"], row_id(row), "kind", f"must be one of {', '.join(INDUSTRY_KINDS)}"))
        if row.get("kind") != "cluster" and industries.get(row.get("parent"), {}).get("kind") != "cluster":
            out.append(Problem(row["_file"], row_id(row), "parent", f"unknown cluster {row.get('parent')!r}"))
    for row in tables["designation"]:
        if row.get("feature") not in features | {city_id}:  # the city: a designation of the whole region
            out.append(Problem(row["_file"], row_id(row), "feature", f"unknown feature {row.get('feature')!r}"))
    for row in tables["link"]:
        if row.get("industry") not in industries:
            out.append(Problem(row["_file"], row_id(row), "industry", f"unknown industry {row.get('industry')!r}"))
        if row.get("feature") not in features:
            out.append(Problem(row["_file"], row_id(row), "feature", f"unknown feature {row.get('feature')!r}"))
    for row in tables["metric"]:
        if row.get("area_id") not in features | {city_id}:
            out.append(Problem(row["_file"], row_id(row), "area_id", f"unknown area {row.get('area_id')!r}"))
    return out


def check_metrics(rows: list[dict]) -> list[Problem]:
    """Kinds, scopes, years and values are of the expected form; targets are for 2025."""
    out = []
    for row in rows:
        fid = row_id(row)
        if row.get("kind") not in METRIC_KINDS:
            out.append(Problem(row["_file"], fid, "kind", f"must be one of {METRIC_KINDS}"))
        if row.get("scope") not in METRIC_SCOPES:
            out.append(Problem(row["_file"], fid, "scope", f"must be one of {METRIC_SCOPES}"))
        if not isinstance(row.get("year"), int) or row["year"] not in YEARS:
            out.append(Problem(row["_file"], fid, "year", f"must be a year in {YEARS.start}-{YEARS.stop - 1}"))
        value = row.get("value")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            out.append(Problem(row["_file"], fid, "value", "must be a number"))
        elif isinstance(row.get("quote"), str) and float(value) not in numbers_in(row["quote"]):
            out.append(Problem(row["_file"], fid, "value", f"{value} does not appear in the quote as a number"))
    return out


_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_CHINESE_NUMBER = re.compile(r"[一二两三四五六七八九十]+")
_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_FIRST = re.compile(r"首位")  # 居…首位 is a rank of 1


def numbers_in(quote: str) -> set[float]:
    """Every number the quote states: digits whole ("2017" holds no 2), Chinese numerals up to 99, 首位."""
    text = normalise_text(quote)
    out = {float(m) for m in _DIGITS.findall(text)}
    for word in _CHINESE_NUMBER.findall(text):
        tens, _, ones = word.partition("十")
        if "十" in word and len(word) <= 3:
            out.add(float(_CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(ones, 0)))
        elif len(word) == 1:
            out.add(float(_CHINESE_DIGITS[word]))
    if _FIRST.search(text):
        out.add(1.0)
    return out


_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def check_layer(spec: LayerSpec, gdf: gpd.GeoDataFrame, geometry_file: str) -> list[Problem]:
    """Geometry present, valid and of the spec's type; popup/tooltip fields exist."""
    out = []
    allowed = GEOMETRY_FAMILY[spec.geometry_type]
    if gdf.empty:
        out.append(Problem(spec.path, spec.id, "table", "the layer has no features"))
    for fid, geom in zip(gdf["id"], gdf.geometry, strict=True):
        if geom is None or geom.is_empty:
            out.append(Problem(geometry_file, str(fid), "geometry", "is empty"))
        elif geom.geom_type not in allowed:
            msg = f"is {geom.geom_type}, the spec says {spec.geometry_type}"
            out.append(Problem(geometry_file, str(fid), "geometry", msg))
        elif not geom.is_valid:
            out.append(Problem(geometry_file, str(fid), "geometry", f"is invalid: {shapely.is_valid_reason(geom)}"))
    if "geometry_note" in gdf.columns:  # why a feature is drawn there is said in both languages
        chinese = gdf["geometry_note_zh"] if "geometry_note_zh" in gdf.columns else pd.Series("", index=gdf.index)
        for fid, note, zh in zip(gdf["id"], gdf["geometry_note"], chinese, strict=True):
            if isinstance(note, str) and note.strip() and not (isinstance(zh, str) and zh.strip()):
                out.append(Problem(spec.path, str(fid), "geometry_note_zh",
                                   "the geometry note has no Chinese (geometry_note_zh, or note_zh in the recipe)"))
            chinese = _CJK.search(note) if isinstance(note, str) else None
            if chinese:  # the English page showed "Placed at 威海市: …"
                out.append(Problem(spec.path, str(fid), "geometry_note",
                                   f"the English geometry note has Chinese in it: {chinese.group()!r} …"
                                   " (name places in English; the Chinese goes in geometry_note_zh)"))
    for section, fields in (("popup.fields", spec.popup_fields), ("tooltip.fields", spec.tooltip_fields)):
        for fld in fields:
            if fld not in gdf.columns:
                out.append(Problem(spec.path, spec.id, section, f"no column {fld!r} in the layer"))
    return out


def check_points_in_districts(layers: dict[str, gpd.GeoDataFrame], districts: dict[str, Any],
                              files: dict[str, str]) -> list[Problem]:
    """Every point lies inside the polygon of its district (or the city outline)."""
    out = []
    for lid, gdf in layers.items():
        points = gdf[gdf.geom_type == "Point"]
        for fid, did, geom in zip(points["id"], points["district_id"], points.geometry, strict=True):
            polygon = districts.get(did)
            if polygon is None:
                continue  # an unknown district is reported by check_references
            if not polygon.covers(geom):
                km = polygon.distance(geom) * 111.0  # degrees to km, near enough for a message
                out.append(Problem(files.get(lid, lid), str(fid), "at",
                                   f"point lies outside its district {did!r} (about {km:.1f} km away)"))
    return out


MANIFEST_REQUIRED: dict[str, type | tuple[type, ...]] = {
    "name": str, "name_en": str, "plan_title": str, "plan_title_en": str, "app_title": str, "app_title_en": str,
    "center": list, "zoom": int, "boundary_id": str, "boundary_source": str,
    "boundary_source_en": str, "languages": list,
}


def check_inferred_years(rows: list[dict], sources: list[dict]) -> list[Problem]:
    """A figure its sentence gives no year for carries the year its document's figures describe.

    A source may say which year its figures describe (manifest ``figures_year``: the 2025 evaluation reports
    2024); an ``inferred`` year of a figure it reports (an actual or an estimate, not a plan or a target)
    must be that year (21 of its rows were labelled 2025).
    """
    years = {s.get("file"): s["figures_year"] for s in sources if isinstance(s.get("figures_year"), int)}
    out = []
    for row in rows:
        want = years.get(row.get("source"))
        reported = row.get("kind") in ("actual", "estimate")
        if want is not None and reported and row.get("year_basis") == "inferred" and row.get("year") != want:
            out.append(Problem(row["_file"], row_id(row), "year",
                               f"{row.get('year')!r}: its document's figures describe {want} (manifest "
                               f"figures_year of {row.get('source')}), and the sentence gives no year"))
    return out


def check_manifest(manifest: dict, file: str = "manifest.toml") -> list[Problem]:
    """The region's manifest: every field the app reads is there, typed, and the view is on Earth."""
    problems = []
    for key, typ in MANIFEST_REQUIRED.items():
        if key not in manifest:
            problems.append(Problem(file, "-", key, "is required", INCOMPLETE))
        elif not isinstance(manifest[key], typ) or isinstance(manifest[key], bool):
            problems.append(Problem(file, "-", key, f"must be {type_names(typ)}", MALFORMED))
    center = manifest.get("center")
    if isinstance(center, list) and not (len(center) == 2 and all(isinstance(v, (int, float)) for v in center)
                                         and -85 <= center[0] <= 85 and -180 <= center[1] <= 180):
        problems.append(Problem(file, "-", "center", "must be [lat, lon] within ±85, ±180"))
    layout = manifest.get("layout", {})
    names, english = layout.get("elements", []), layout.get("elements_en")
    if english is not None and not (isinstance(english, list) and len(english) == len(names)
                                    and all(isinstance(n, str) and n.strip() for n in english)):
        problems.append(Problem(file, "-", "layout.elements_en",
                                f"must name each of the {len(names)} elements in English, in their order"))
    zoom = manifest.get("zoom")
    if isinstance(zoom, int) and not 5 <= zoom <= 18:
        problems.append(Problem(file, "-", "zoom", "must be between 5 and 18"))
    return problems
