"""Every figure a document gives is a metric row, or is listed in ``not_recorded.toml`` with the reason why not.

A *figure* is a clause (the text between ``,。;、:`` marks) holding a digit or a number written in words
with its measure word ("七大产业集群", "五个科技创新中心"). It is *recorded* when a metric row of the same
document quotes the clause whole, or *listed* when an entry of the pack's ``not_recorded.toml`` (``source``,
``text``, ``reason``) lies inside it: a date, a document number, a plan's name, a policy term, work of the
party branch, a figure another row already holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .._errors import Problem
from .sources import normalise_text
from .validate import row_id

_CLAUSE_MARKS = re.compile(r"[,，。;；、:：]")
_LIST_NUMBER = re.compile(r"(?<![\d.])\d+\.(?=\D)")  # "1.完善…": an item's number, not a figure
_DIGIT = re.compile(r"\d")
# a number in words with a measure word ("七大", "五个", "两项"); "一…" is mostly an article ("一批", "一支队伍")
_WORD_NUMBER = re.compile(r"(?<![第十])(?:[两三四五六七八九]|十[一二三四五六七八九]?)[个项家条大处所名位支座台套倍]")


def clauses(text: str) -> list[str]:
    """The normalised clauses of a text, list numbers ("1.") taken out."""
    return [_LIST_NUMBER.sub("", c) for c in _CLAUSE_MARKS.split(normalise_text(text)) if c]


def has_figure(clause: str) -> bool:
    """Whether a clause holds a digit or a number in words with its measure word."""
    return bool(_DIGIT.search(clause) or _WORD_NUMBER.search(clause))


def unrecorded(text: str, quotes: Iterable[str], listed: Iterable[str]) -> list[str]:
    """The clauses of ``text`` with a figure that no quote holds whole and no listed text lies in."""
    held = " ".join(normalise_text(q) for q in quotes)
    excuses = [normalise_text(t) for t in listed if normalise_text(t)]
    return [c for c in clauses(text) if has_figure(c) and c not in held and not any(e in c for e in excuses)]


def check_figures_recorded(metrics: list[dict], not_recorded: list[dict], sources: dict[str, str],
                           file: str = "not_recorded.toml") -> list[Problem]:
    """Every figure of every source is a metric row or listed; every listed entry is in its source, with a reason."""
    out = []
    for row in not_recorded:
        source, text, reason = row.get("source"), str(row.get("text", "")), str(row.get("reason", "")).strip()
        if source not in sources:
            out.append(Problem(row["_file"], row_id(row), "source", f"{source!r} is not one of this region's sources"))
        elif not text or normalise_text(text) not in normalise_text(sources[str(source)]):
            out.append(Problem(row["_file"], row_id(row), "text", f"{text[:40]!r} is not in {source}"))
        if not reason:
            out.append(Problem(row["_file"], row_id(row), "reason", "say why the figure is not a metric row"))
    for name, raw in sources.items():
        quotes = [str(m.get("quote", "")) for m in metrics if m.get("source") == name]
        listed = [str(r.get("text", "")) for r in not_recorded if r.get("source") == name]
        for clause in unrecorded(raw, quotes, listed):
            short = clause if len(clause) <= 40 else clause[:40] + "…"
            out.append(Problem(file, name, "figure", f"{short!r} is neither a metric row's quote nor listed in {file}"))
    return out
