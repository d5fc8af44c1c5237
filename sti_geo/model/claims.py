"""A row claims only what its quote says: industries, district, a metric's year, both ends of a link, a designation.

Quotes are already checked to be verbatim (``validate.check_quotes``); these checks read the quote
for what the row's other fields assert. A name counts when the quote holds it, its short form (the
name without a trailing 区/市) or one of the row's ``aliases``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from .._errors import Problem
from . import sections
from .kinds import (
    check_industry_names_quoted,
    check_levels_stated,
    check_names_quoted,
    check_park_types_stated,
    check_platform_types_stated,
)
from .naming import PLACED, features_by_id, names_in, names_of, without_names
from .sources import normalise_text
from .validate import row_id

YEAR_BASES = ("stated", "inferred")  # a metric's year is in its quote, or inferred (its period says from what)
DESIGNATION_PARTS = " · "  # "碳纤维产业集群 · 国家中小企业特色产业集群": what is designated, and as what


def check_industries_quoted(rows: Iterable[dict]) -> list[Problem]:
    """Every entry of ``industries`` is named in the row's quote."""
    out = []
    for row in rows:
        quote = str(row.get("quote", ""))
        for name in row.get("industries", []) or []:
            if not names_in(quote, [name]):
                out.append(Problem(row["_file"], row_id(row), "industries", f"{name!r} is not named in the quote"))
    return out


def check_districts_quoted(tables: dict[str, list[dict]], city_id: str) -> list[Problem]:
    """A district other than the city is named in the row's own quote.

    Not only in the quote of a park it names: the audit found seven rows whose district only another
    row's sentence stated.

    Other areas' names are taken out of the quote first: "荣成市区" in a list of areas does not say that
    the next area on the list lies in 荣成市.
    """
    areas = {r["id"]: r for r in tables["area"] if "id" in r}
    placed = [*(r for r in tables["area"] if r.get("kind") == "named_area"),
              *(r for kind in PLACED for r in tables[kind])]
    out = []
    for row in placed:
        did = row.get("district")
        if did in (None, city_id) or did not in areas:
            continue  # unknown ids are check_references' to report
        quote = _without_other_areas(str(row.get("quote", "")), row, areas.values())
        if names_in(quote, names_of(areas[did])):
            continue
        out.append(Problem(row["_file"], row_id(row), "district",
                           f"{areas[did].get('name', did)!r} is not named in the quote"))
    return out


def _without_other_areas(quote: str, row: dict, areas: Iterable[dict]) -> str:
    return without_names(quote, [a for a in areas if a is not row and a.get("kind") == "named_area"])


def check_years_quoted(rows: Iterable[dict]) -> list[Problem]:
    """A metric's year is in its quote, unless ``year_basis = "inferred"``; then ``period`` says what it stands for."""
    out = []
    for row in rows:
        basis = row.get("year_basis", "stated")
        if basis not in YEAR_BASES:
            out.append(Problem(row["_file"], row_id(row), "year_basis", f"must be one of {YEAR_BASES}"))
        elif basis == "inferred":
            if not str(row.get("period", "")).strip() or not str(row.get("period_en", "")).strip():
                out.append(Problem(row["_file"], row_id(row), "period",
                                   "an inferred year needs the period it stands for (period and period_en)"))
        elif str(row.get("year")) not in normalise_text(str(row.get("quote", ""))):
            out.append(Problem(row["_file"], row_id(row), "year",
                               f"{row.get('year')} is not in the quote (else year_basis = \"inferred\" and a period)"))
    return out


def check_links_quoted(tables: dict[str, list[dict]]) -> list[Problem]:
    """A link's quote names both its industry and its feature, each in its own words.

    The industry counts in its own words or the feature's own name — not inside another feature's name
    ("新一代信息技术产业园" does not tie 新一代信息技术 to the district it lies in, nor to the next park on
    a list) nor inside a longer term naming another trade (the industry's ``not_within``: 电子信息 in
    "海洋电子信息").
    """
    industries = {r["id"]: r for r in tables["industry"] if "id" in r}
    features = features_by_id(tables)
    out = []
    for row in tables["link"]:
        quote = str(row.get("quote", ""))
        fid = row.get("feature")
        industry = industries.get(row.get("industry"), {})
        longer = [{"name": term} for term in industry.get("not_within", []) or []]
        others = [f for i, f in features.items() if i != fid] + longer
        texts = {"industry": without_names(quote, others), "feature": normalise_text(quote)}
        for end, known in (("industry", industries), ("feature", features)):
            target = known.get(row.get(end))
            if target is not None and not names_in(texts[end], names_of(target)):
                out.append(Problem(row["_file"], row_id(row), end, f"{target.get('name')!r} is not named in the quote"))
    return out


def check_designations_quoted(tables: dict[str, list[dict]]) -> list[Problem]:
    """A designation's quote names its feature and every part of the designation (parts join with " · ")."""
    features = features_by_id(tables)
    out = []
    for row in tables["designation"]:
        quote = str(row.get("quote", ""))
        target = features.get(row.get("feature"))
        if target is not None and not names_in(quote, names_of(target)):
            out.append(Problem(row["_file"], row_id(row), "feature",
                               f"{target.get('name')!r} is not named in the quote"))
        for part in str(row.get("name", "")).split(DESIGNATION_PARTS):
            if part.strip() and not names_in(quote, [part.strip()]):
                out.append(Problem(row["_file"], row_id(row), "name", f"{part.strip()!r} is not in the quote"))
    return out


def check_metric_areas_quoted(tables: dict[str, list[dict]], city_id: str) -> list[Problem]:
    """A metric of an area, park or platform names it in its quote (its name, short form or an alias).

    "园区年产值 80 亿元" says which park only with the sentence before it; a section heading does not count.
    """
    features = features_by_id(tables)
    out = []
    for row in tables["metric"]:
        target = features.get(str(row.get("area_id", "")))
        if row.get("area_id") in (None, "", city_id) or target is None:
            continue  # an unknown id is check_references' to report
        if not names_in(str(row.get("quote", "")), names_of(target)):
            out.append(Problem(row["_file"], row_id(row), "area_id",
                               f"{target.get('name')!r} is not named in the quote"))
    return out


def check_plans_not_actuals(rows: Iterable[dict], sources: dict[str, str]) -> list[Problem]:
    """A metric quoted from a chapter about the next period's work ("下步工作打算") is ``kind = "plan"``."""
    out = []
    for row in rows:
        raw = sources.get(str(row.get("source")))
        if raw is None or row.get("kind") == "plan":
            continue
        chapters = sections.chapters_of(str(row.get("quote", "")), raw)
        if chapters and all(c.is_plan for c in chapters):
            out.append(Problem(row["_file"], row_id(row), "kind",
                               f"{row.get('kind')!r}: the quote is from {chapters[0].title[:20]!r}, work still to be "
                               "done, whatever its verbs (kind = \"plan\")"))
    return out


def _never(excerpt: str) -> bool:
    return False


def _names_row(forms: list[str], excerpt: str) -> bool:
    return names_in(excerpt, forms)


def check_excerpts_together(tables: dict[str, list[dict]], sources: dict[str, str]) -> list[Problem]:
    """Every excerpt of a quote lies in the section its first excerpt opens (a chapter or a box).

    An excerpt from elsewhere in the document counts when it names the row itself (a park's second mention)
    or the feature it is placed at (``at = "layout:yuanyao_bay"``: the sentence that puts the bay in 环翠区),
    and opens its section for the excerpts after it; a link's excerpts must all be of one section, or the
    quote stitches one box's industry to another box's place.
    """
    features = features_by_id(tables)
    out = []
    for kind, rows in tables.items():
        for row in rows:
            raw = sources.get(str(row.get("source")))
            if raw is None:
                continue
            host = features.get(str(row.get("at", "")).partition(":")[2])
            forms = names_of(row) + (names_of(host) if host is not None else [])
            opens = _never if kind == "link" else partial(_names_row, forms)
            for excerpt in sections.stray_excerpts(str(row.get("quote", "")), raw, opens):
                short = excerpt if len(excerpt) <= 30 else excerpt[:30] + "…"
                out.append(Problem(row["_file"], row_id(row), "quote",
                                   f"{short!r} lies outside the section the excerpts before it open"
                                   + ("" if kind == "link" else " (an excerpt from elsewhere must name the row)")))
    return out


def check_claims(tables: dict[str, list[dict]], city_id: str, sources: dict[str, str] | None = None) -> list[Problem]:
    """Every claim check over a pack's tables (``sources``: document texts by file, for where quotes sit)."""
    placed = [r for kind in ("area", *PLACED) for r in tables[kind]]
    sources = sources or {}
    return (check_industries_quoted(placed) + check_districts_quoted(tables, city_id)
            + check_years_quoted(tables["metric"]) + check_links_quoted(tables) + check_designations_quoted(tables)
            + check_levels_stated(tables["platform"]) + check_plans_not_actuals(tables["metric"], sources)
            + check_park_types_stated(tables["park"], sources) + check_industry_names_quoted(tables["industry"])
            + check_metric_areas_quoted(tables, city_id) + check_platform_types_stated(tables)
            + check_names_quoted([*tables["park"], *tables["platform"]])
            + check_excerpts_together(tables, sources))
