"""A page's own URL parameters as typed values: each decoded once from the link, encoded once back into it.

A :class:`Param` is a key into the page state (:class:`~sti_geo.views.permalink.View`): ``view.get(WHERE)`` is
a :class:`~sti_geo.model.filters.Where`, ``view.get(AUTOPLAY)`` an ``int``. Its ``decode`` reads the link's
text against the catalog and says what is wrong (:class:`~sti_geo._errors.InputError`, the notice's words) or
that the value is not a choice (:class:`NotAChoice`); ``encode`` writes the value back ("" leaves it out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..model.catalog import Catalog

T = TypeVar("T")


class NotAChoice(ValueError):
    """The value is none of the parameter's choices (the notice says "not a valid choice")."""


@dataclass(frozen=True, eq=False)
class Param(Generic[T]):
    """One URL parameter of a page: its name, its value when absent, and how its text is read and written."""

    name: str
    default: T
    decode: Callable[[Catalog, str], T]
    encode: Callable[[T], str] = str

    def text(self, value: Any) -> str:
        """``value`` as the link writes it ("" when it is the default: left out)."""
        return "" if value == self.default else self.encode(value)


def choice(name: str, choices: Callable[[Catalog], Iterable[str]], default: str = "") -> Param[str]:
    """A parameter whose value is one of ``choices(catalog)`` (ids of the pack: districts, clusters, scenes …)."""
    def _decode(catalog: Catalog, text: str) -> str:
        if text not in set(choices(catalog)):
            raise NotAChoice(text)
        return text
    return Param(name, default, _decode)


def fixed_choice(name: str, choices: Iterable[str], default: str = "") -> Param[str]:
    """A parameter whose value is one of a fixed list (export formats, scopes)."""
    allowed = tuple(choices)
    return choice(name, lambda _catalog: allowed, default)


def flag(name: str) -> Param[bool]:
    """An on/off parameter: ``name=1`` when on, absent when off."""
    def _decode(_catalog: Catalog, text: str) -> bool:
        if text != "1":
            raise NotAChoice(text)
        return True
    return Param(name, False, _decode, lambda on: "1" if on else "")


def number_choice(name: str, choices: Iterable[int]) -> Param[int]:
    """A whole number among ``choices`` (0, the default, is left out of the link)."""
    allowed = {str(n): n for n in choices if n}

    def _decode(_catalog: Catalog, text: str) -> int:
        if text not in allowed:
            raise NotAChoice(text)
        return allowed[text]
    return Param(name, 0, _decode, lambda n: str(n) if n else "")


def subset(name: str, choices: Callable[[Catalog], Iterable[str]]) -> Param[tuple[str, ...]]:
    """Distinct values of ``choices(catalog)``, comma-separated; the empty tuple (the default) means all."""
    def _decode(catalog: Catalog, text: str) -> tuple[str, ...]:
        parts = text.split(",")
        if not text or len(parts) != len(set(parts)) or not set(parts) <= set(choices(catalog)):
            raise NotAChoice(text)
        return tuple(parts)
    return Param(name, (), _decode, ",".join)
