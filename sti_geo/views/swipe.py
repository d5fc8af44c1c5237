"""卷帘对比 / Compare: two layer sets on one map, either side of a divider the user drags.

A side is the plan (the layers the page shows), the user's own uploaded layer alone, or the districts
coloured by a thematic measure (a metric in one of its years) over the page's layers. One map shows both,
so pan and zoom are the same on both sides by construction. In the permalink: ``cmp=<left>,<right>``
(each side's text, e.g. ``plan,upload`` or ``theme:parks,theme:platforms``; a metric's year after ``@``)
and ``split=`` the divider's place in per cent of the map's width.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .._errors import InputError
from ..model.catalog import Catalog, DataCache
from ..model.specs import DISTRICTS
from ..text.i18n import in_lang
from ..text.numbers import is_integer
from .thematic import Theme, measures, metric_years, theme

PLAN, OWN, THEME = "plan", "upload", "theme"
SPLIT_DEFAULT = 50
LABELS = {PLAN: ("规划图层", "Plan layers"), OWN: ("自有图层", "Own layer")}


@dataclass(frozen=True)
class Side:
    """What one side shows: ``kind`` plan / upload / theme; a theme's ``measure`` and (metric) ``year``."""

    kind: str
    measure: str = ""
    year: int | None = None

    @property
    def text(self) -> str:
        """The side's permalink form: ``plan``, ``upload``, ``theme:<measure>`` or ``theme:<measure>@<year>``."""
        if self.kind != THEME:
            return self.kind
        return f"{THEME}:{self.measure}" + (f"@{self.year}" if self.year is not None else "")


@dataclass(frozen=True)
class Compare:
    """The two sides and where the divider stands (per cent of the map's width from its left edge)."""

    left: Side
    right: Side
    split: int = SPLIT_DEFAULT


def side_from_text(catalog: Catalog, value: str) -> Side:
    """Parse one side (``Side.text``); an unknown kind, measure or year raises ``InputError`` naming the choices."""
    value = value.strip()
    if value in (PLAN, OWN):
        return Side(value)
    kind, _, rest = value.partition(":")
    if kind != THEME or not rest:
        raise InputError(f"cannot compare {value!r}: a side is {PLAN}, {OWN} or {THEME}:<measure>")
    measure, at, year_text = rest.partition("@")
    known = measures(catalog, "zh")
    if measure not in known:
        raise InputError(f"no thematic measure {measure!r}; choose from {', '.join(known)}")
    years = metric_years(catalog, measure)
    if not at:
        return Side(THEME, measure)
    if not is_integer(year_text) or int(year_text) not in years:
        raise InputError(f"{measure!r} has no year {year_text!r}"
                         + (f"; it has {', '.join(map(str, years))}" if years else "; it has no years"))
    return Side(THEME, measure, int(year_text))


def compare_from_text(catalog: Catalog, value: str, split: str = "") -> Compare:
    """Parse ``cmp=`` (two sides, comma-separated, not the same) and ``split=`` (a whole per cent, 5–95)."""
    parts = value.split(",")
    if len(parts) != 2:
        raise InputError(f"cannot compare {value!r}: give two sides, e.g. {PLAN},{OWN} or {THEME}:parks,{PLAN}")
    left, right = (side_from_text(catalog, part) for part in parts)
    if left == right:
        raise InputError(f"cannot compare {value!r}: the two sides are the same")
    return Compare(left, right, split_from_text(split))


def split_from_text(value: str) -> int:
    """The divider's place in per cent (empty: the middle); outside 5–95 raises ``InputError``."""
    if not value:
        return SPLIT_DEFAULT
    if not is_integer(value) or not 5 <= int(value) <= 95:
        raise InputError(f"split={value!r}: give a whole per cent from 5 to 95")
    return int(value)


def compare_to_text(compare: Compare) -> str:
    """``cmp=``'s value."""
    return f"{compare.left.text},{compare.right.text}"


_OPTIONS: DataCache[dict[str, str]] = DataCache(max_entries=16)


def side_options(catalog: Catalog, lang: str, own: bool) -> dict[str, str]:
    """Every side the data allows, text -> label (kept per data version, language and ``own``; read-only).

    The plan, the own layer (``own``: one is loaded), each measure, and each year of a measure that has several.
    """
    return _OPTIONS.get(catalog, ("sides", lang, own), lambda: _side_options(catalog, lang, own))


def _side_options(catalog: Catalog, lang: str, own: bool) -> dict[str, str]:
    out = {PLAN: in_lang(LABELS[PLAN], lang)}
    if own:
        out[OWN] = in_lang(LABELS[OWN], lang)
    for measure, label in measures(catalog, lang).items():
        years = metric_years(catalog, measure)
        prefix = in_lang(("专题:", "Thematic: "), lang)
        if len(years) > 1:
            out.update({Side(THEME, measure, y).text: f"{prefix}{label} · {y}" for y in years})
        else:
            out[Side(THEME, measure).text] = f"{prefix}{label}"
    return out


def default_compare(catalog: Catalog, own: bool, current_measure: str = "") -> Compare:
    """What "compare" starts with.

    The plan against the own layer when there is one; else the plan against the measure chosen (or the
    first) — or, for a metric with several years, its first year against its last.
    """
    if own:
        return Compare(Side(PLAN), Side(OWN))
    known = measures(catalog, "zh")
    measure = current_measure if current_measure in known else next(iter(known))
    years = metric_years(catalog, measure)
    if len(years) > 1:
        return Compare(Side(THEME, measure, years[0]), Side(THEME, measure, years[-1]))
    return Compare(Side(PLAN), Side(THEME, measure))


def side_label(catalog: Catalog, side: Side, lang: str) -> str:
    """The side's name as the legend and the map show it."""
    options = side_options(catalog, lang, own=True)
    if side.text in options:
        return options[side.text]
    return options[Side(side.kind, side.measure).text] + (f" · {side.year}" if side.year is not None else "")


def side_theme(catalog: Catalog, side: Side, lang: str) -> Theme | None:
    """A theme side's classes and colours (None for the plan and the own layer)."""
    return theme(catalog, side.measure, lang, side.year) if side.kind == THEME else None


def side_layers(side: Side, other: Side, shown: Iterable[str], own_layer: str | None) -> list[str]:
    """The layer ids a side shows.

    The own layer alone; or the page's ``shown`` layers (a theme's districts always among them), with the
    own layer ``own_layer`` (when it is visible) unless the other side is it.
    """
    if side.kind == OWN:
        return [own_layer] if own_layer else []
    layers = list(shown)
    if side.kind == THEME and DISTRICTS not in layers:
        layers.insert(0, DISTRICTS)
    if own_layer and other.kind != OWN:
        layers.append(own_layer)
    return layers
