"""What a row is — its name, type, level, kind — in the documents' own words.

A platform's level is stated outside an aim; a park's and a platform's type are the words the document
uses for it; a chain is one of the plan's "…产业技术创新链"; a name is the document's, whole or in two parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .._errors import Problem
from . import sections
from .naming import features_by_id, names_in, without_names
from .sources import normalise_text
from .validate import row_id

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


def check_platform_types_stated(tables: dict[str, list[dict]]) -> list[Problem]:
    """A platform's type is one of ``PLATFORM_TYPE_WORDS``, stated by its name or its own words in the quote.

    Its ``system`` (the "四系" line, "1+4+N: 4" …) is in its quote too.
    """
    features = list(features_by_id(tables).values())
    out = []
    for row in tables["platform"]:
        kind, quote = str(row.get("platform_type", "")), str(row.get("quote", ""))
        words = PLATFORM_TYPE_WORDS.get(kind)
        if words is None:
            out.append(Problem(row["_file"], row_id(row), "platform_type",
                               f"{kind!r} is not one of {', '.join(PLATFORM_TYPE_WORDS)}"))
        elif not names_in(f"{row.get('name', '')} {without_names(quote, [f for f in features if f is not row])}",
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
