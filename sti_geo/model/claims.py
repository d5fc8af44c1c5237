"""A row claims only what its quote says: industries, district, a metric's year, both ends of a link, a designation.

Quotes are already checked to be verbatim (``validate.check_quotes``); these checks read the quote
for what the row's other fields assert. A name counts when the quote holds it, its short form (the
name without a trailing 区/市) or one of the row's ``aliases``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

from .._errors import Problem
from . import sections
from .sources import normalise_text
from .validate import row_id

SHORT_SUFFIXES = ("新区", "区", "市")  # 环翠区 → 环翠, 荣成市 → 荣成, 南海新区 → 南海
YEAR_BASES = ("stated", "inferred")  # a metric's year is in its quote, or inferred (its period says from what)
PLACED = ("element", "park", "platform")  # tables whose rows have a ``district`` (and named areas)
# a platform's level and the words its name or quote must hold for it
LEVEL_WORDS = {"国家级": ("国家",), "省级": ("省级", "山东省", "省"), "市级": ("市级",)}
# a park's type and the words its quote, or the headings of the sections its excerpts lie in, must hold:
# 三(四)'s lists of parks are "创新型产业园区" by their subsection's title; elsewhere the plan says what it says
PARK_TYPE_WORDS = {
    "创新型产业园区": ("创新型产业园区",),
    "农业科技园区": ("农业科技园区",),
    "农业高新技术产业开发区": ("农业高新技术产业开发区",),
    "康养旅游片区": ("康养旅游", "片区"),
    "特色园区": ("特色园区",),
    "重点园区": ("重点园区",),
    "产业园区": ("产业园",),
    "核心区": ("为核心",),
}
# a platform's type and words one of which its name, or its quote outside other features' names, holds
# ("哈工大威海创新创业园" is no 研究院所 because its list's neighbour is a 研究院)
PLATFORM_TYPE_WORDS = {
    "研究院所": ("研究院", "研究所", "研究中心", "研发中心", "科研基地", "工程中心", "研发机构", "院所", "中科院"),
    "实验室": ("实验室",),
    "大科学装置": ("大科学装置", "重大科技基础设施", "试验场", "试验站", "试验平台", "试验堆", "气冷堆"),
    "技术创新中心": ("技术创新中心",),
    "科技创新中心": ("科技创新中心",),
    "创新平台": ("平台",),
    "创新创业共同体": ("创新创业共同体",),
    "孵化载体与双创街区": ("众创空间", "孵化", "加速器", "街区", "双创"),
    "人才平台": ("人才", "专家", "院士", "留学"),
    "企业技术中心": ("企业技术中心",),
    "工业互联网平台": ("工业互联网平台",),
    "检验检测平台": ("检测",),
    "科学中心": ("科学中心",),
    "科技服务平台": ("服务平台", "交易中心", "技术市场", "共享平台", "仿真平台", "大数据平台", "云平台", "展示中心"),
    "高校": ("高校", "大学", "校区"),
    "国际合作载体": ("国际", "中欧", "中韩", "中日", "韩国", "东北亚", "中美"),
    "区域合作联盟": ("联盟",),
    "企业研发机构": ("企业",),
}
CHAIN_TITLE = "产业技术创新链"  # how the plan's boxes title a chain: "碳纤维及复合材料产业技术创新链。"
# words that make what follows an aim, not a fact: "争创国家级…", "打造山东省…共同体"
AIM_WORDS = ("打造", "争创", "力争", "争取", "创建")
_CLAUSES = re.compile(r"[,，;；。:：]")
DESIGNATION_PARTS = " · "  # "碳纤维产业集群 · 国家中小企业特色产业集群": what is designated, and as what


def names_of(row: dict) -> list[str]:
    """The forms a row's name takes in the documents: name, short form, aliases."""
    name = str(row.get("name", "")).strip()
    forms = [name] if name else []
    for suffix in SHORT_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            forms.append(name[: -len(suffix)])
            break
    forms += [str(a) for a in row.get("aliases", []) or [] if str(a).strip()]
    return forms


def names_in(quote: str, forms: Iterable[str]) -> bool:
    """Whether the quote holds any of the forms (whitespace aside)."""
    text = normalise_text(quote)
    return any(normalise_text(f) in text for f in forms if f)


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
    return _without_names(quote, [a for a in areas if a is not row and a.get("kind") == "named_area"])


def _without_names(quote: str, rows: Iterable[dict]) -> str:
    """The quote (whitespace-normalised) with the full names of ``rows`` blanked out, longest first."""
    text = normalise_text(quote)
    for name in sorted((normalise_text(str(r.get("name", ""))) for r in rows), key=len, reverse=True):
        if name:
            text = text.replace(name, "|")
    return text


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


def _features(tables: dict[str, list[dict]]) -> dict:
    """Rows a link or a designation may point at (areas, layout elements, parks, platforms), by id."""
    return {r["id"]: r for kind in ("area", *PLACED) for r in tables[kind] if "id" in r}


def check_links_quoted(tables: dict[str, list[dict]]) -> list[Problem]:
    """A link's quote names both its industry and its feature, each in its own words.

    The industry counts in its own words or the feature's own name — not inside another feature's name
    ("新一代信息技术产业园" does not tie 新一代信息技术 to the district it lies in, nor to the next park on
    a list) nor inside a longer term naming another trade (the industry's ``not_within``: 电子信息 in
    "海洋电子信息").
    """
    industries = {r["id"]: r for r in tables["industry"] if "id" in r}
    features = _features(tables)
    out = []
    for row in tables["link"]:
        quote = str(row.get("quote", ""))
        fid = row.get("feature")
        industry = industries.get(row.get("industry"), {})
        longer = [{"name": term} for term in industry.get("not_within", []) or []]
        others = [f for i, f in features.items() if i != fid] + longer
        texts = {"industry": _without_names(quote, others), "feature": normalise_text(quote)}
        for end, known in (("industry", industries), ("feature", features)):
            target = known.get(row.get(end))
            if target is not None and not names_in(texts[end], names_of(target)):
                out.append(Problem(row["_file"], row_id(row), end, f"{target.get('name')!r} is not named in the quote"))
    return out


def check_designations_quoted(tables: dict[str, list[dict]]) -> list[Problem]:
    """A designation's quote names its feature and every part of the designation (parts join with " · ")."""
    features = _features(tables)
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


def check_levels_stated(rows: Iterable[dict]) -> list[Problem]:
    """A platform's ``level`` is one of ``LEVEL_WORDS`` and its quote states it outside an aim.

    The platform's name when it carries the level (山东省…) and the quote holds it, else the level's word,
    is in a clause of the quote with no aim ("打造", "争创", "力争" …) before it in that clause:
    "打造山东省现代渔业创新创业共同体" aims at a provincial community; it does not say one exists.
    """
    out = []
    for row in rows:
        level = str(row.get("level", "") or "")
        if not level:
            continue
        words = LEVEL_WORDS.get(level)
        name, quote = normalise_text(str(row.get("name", ""))), str(row.get("quote", ""))
        if words is None:
            out.append(Problem(row["_file"], row_id(row), "level", f"{level!r} is not one of {', '.join(LEVEL_WORDS)}"))
        elif not names_in(f"{name} {row.get('quote', '')}", words):
            out.append(Problem(row["_file"], row_id(row), "level", f"neither the name nor the quote states {level!r}"))
        elif not _stated_outside_aims(quote, [name] if names_in(name, words) and names_in(quote, [name]) else
                                      list(words)):
            out.append(Problem(row["_file"], row_id(row), "level",
                               f"{level!r} is stated only as an aim ({'/'.join(AIM_WORDS)} …), not as a level"))
    return out


def _stated_outside_aims(quote: str, forms: list[str]) -> bool:
    """Whether a clause of the quote holds one of the forms with no aim word before it."""
    for clause in _CLAUSES.split(normalise_text(quote)):
        for form in forms:
            at = clause.find(normalise_text(form))
            if at >= 0 and not any(aim in clause[:at] for aim in AIM_WORDS):
                return True
    return False


def check_park_types_stated(rows: Iterable[dict], sources: dict[str, str]) -> list[Problem]:
    """A park's ``park_type`` is one of ``PARK_TYPE_WORDS``, whose words its quote or its sections' headings hold."""
    out = []
    for row in rows:
        kind, raw = str(row.get("park_type", "")), sources.get(str(row.get("source")))
        words = PARK_TYPE_WORDS.get(kind)
        if words is None:
            out.append(Problem(row["_file"], row_id(row), "park_type",
                               f"{kind!r} is not one of {', '.join(PARK_TYPE_WORDS)}"))
            continue
        quote = str(row.get("quote", ""))
        headings = sections.titles_of(quote, raw) if raw is not None else []
        missing = [w for w in words if not names_in(" ".join([quote, *headings]), [w])]
        if missing:
            out.append(Problem(row["_file"], row_id(row), "park_type",
                               f"{kind!r}: neither the quote nor the headings of its sections say "
                               f"{'、'.join(missing)!r}"))
    return out


def check_industry_names_quoted(rows: Iterable[dict]) -> list[Problem]:
    """An industry's name is in its quote, and a chain's quote titles it "…产业技术创新链" (the plan's boxes).

    A name the documents do not contain ("特色农业产业链") is the data's, not the plan's; what a box names
    without that title is a ``task``, under the words the box uses.
    """
    out = []
    for row in rows:
        name, quote = str(row.get("name", "")), str(row.get("quote", ""))
        if name and not names_in(quote, [name]):
            out.append(Problem(row["_file"], row_id(row), "name", f"{name!r} is not in the quote"))
        elif row.get("kind") == "chain" and not names_in(quote, [name + CHAIN_TITLE]):
            out.append(Problem(row["_file"], row_id(row), "kind",
                               f"the quote does not title it {name + CHAIN_TITLE!r}: a chain is one of the plan's "
                               "technology innovation chains; other work a box names is a task"))
    return out


def check_metric_areas_quoted(tables: dict[str, list[dict]], city_id: str) -> list[Problem]:
    """A metric of an area, park or platform names it in its quote (its name, short form or an alias).

    "园区年产值 80 亿元" says which park only with the sentence before it; a section heading does not count.
    """
    features = _features(tables)
    out = []
    for row in tables["metric"]:
        target = features.get(str(row.get("area_id", "")))
        if row.get("area_id") in (None, "", city_id) or target is None:
            continue  # an unknown id is check_references' to report
        if not names_in(str(row.get("quote", "")), names_of(target)):
            out.append(Problem(row["_file"], row_id(row), "area_id",
                               f"{target.get('name')!r} is not named in the quote"))
    return out


def check_platform_types_stated(tables: dict[str, list[dict]]) -> list[Problem]:
    """A platform's type is one of ``PLATFORM_TYPE_WORDS``, stated by its name or its own words in the quote.

    Its ``system`` (the "四系" line, "1+4+N: 4" …) is in its quote too.
    """
    features = list(_features(tables).values())
    out = []
    for row in tables["platform"]:
        kind, quote = str(row.get("platform_type", "")), str(row.get("quote", ""))
        words = PLATFORM_TYPE_WORDS.get(kind)
        if words is None:
            out.append(Problem(row["_file"], row_id(row), "platform_type",
                               f"{kind!r} is not one of {', '.join(PLATFORM_TYPE_WORDS)}"))
        elif not names_in(f"{row.get('name', '')} {_without_names(quote, [f for f in features if f is not row])}",
                          words):
            out.append(Problem(row["_file"], row_id(row), "platform_type",
                               f"{kind!r}: neither its name nor its own words in the quote say {'/'.join(words)}"))
        system = str(row.get("system", "") or "").split(":")[0].strip()
        if system and not names_in(quote, [system]):
            out.append(Problem(row["_file"], row_id(row), "system", f"{system!r} is not in the quote"))
    return out


_STATUS_SUFFIX = re.compile(r"[(（][^()（）]*[)）]$")  # "(建设中)", "(争创)": the row's status, said by its quote


def check_names_quoted(rows: Iterable[dict]) -> list[Problem]:
    """A park's or platform's name is in its quote (or an alias is), or is two parts of it joined.

    "迪尚国家专业化众创空间" joins 迪尚 and 国家专业化众创空间 of "迪尚、威高2家企业入选国家专业化众创空间";
    a name whose parts the quote does not hold is the data's, not the documents'.
    """
    out = []
    for row in rows:
        name = normalise_text(_STATUS_SUFFIX.sub("", str(row.get("name", ""))))
        quote = str(row.get("quote", ""))
        if not name or names_in(quote, [name, *(row.get("aliases", []) or [])]):
            continue
        if any(names_in(quote, [name[:i]]) and names_in(quote, [name[i:]]) for i in range(2, len(name) - 1)):
            continue
        out.append(Problem(row["_file"], row_id(row), "name", f"{name!r} is not in the quote, nor two parts of it"))
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
    features = _features(tables)
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
