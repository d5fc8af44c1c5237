"""User-interface text in Chinese (default) and English."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from .strings import STRINGS  # the catalogue's one table, grouped per area in text/strings/

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"


def in_lang(pair: tuple[str, str], lang: str) -> str:
    """The ``(zh, en)`` pair's text in ``lang`` (Chinese unless ``lang`` is English).

    The one place the package picks between two languages' strings; tables and fields go through it.
    """
    zh, en = pair
    return en if is_english(lang) else zh


def is_english(lang: str) -> bool:
    """Whether ``lang`` is English; any other value is shown in Chinese, the default.

    The one language comparison of the app: code that differs between the languages in more than words (a
    name looked up in another table, reasons kept apart) asks here rather than comparing codes itself.
    """
    return lang == "en"


def is_default_lang(lang: str) -> bool:
    """Whether ``lang`` is the default language (a link leaves it out)."""
    return lang == DEFAULT_LANG


def by_lang(key: str) -> dict[str, str]:
    """The UI string ``key`` in every language, by code (for formats that carry both, as pygeoapi's config)."""
    return {code: t(key, code) for code in LANGS}


def other_lang(lang: str) -> Lang:
    """The other of the two languages (a name is shown with its other-language twin)."""
    return "zh" if is_english(lang) else "en"


def field_in(field: str, lang: str) -> str:
    """The column holding ``field`` in ``lang``: ``name`` in Chinese, ``name_en`` in English."""
    return in_lang((field, f"{field}_en"), lang)


def localized(row: Mapping[str, Any], field: str, lang: str) -> Any:
    """``row``'s ``field`` in ``lang`` (its ``<field>_en`` column in English); rows may be pandas Series."""
    return row[field_in(field, lang)]


# How many features of a kind (a layer group), beside a filter's value: (Chinese, English one, English many)
KIND_COUNTS: dict[str, tuple[str, str, str]] = {
    "parks": ("园区 {n}", "{n} park", "{n} parks"), "platforms": ("平台 {n}", "{n} platform", "{n} platforms"),
    "areas": ("区域 {n}", "{n} area", "{n} areas"),
    "layout": ("布局要素 {n}", "{n} layout feature", "{n} layout features"),
}


def kind_counts(counts: Mapping[str, int], lang: str) -> str:
    """"园区 3 · 平台 5" / "3 parks · 5 platforms"; "无" / "none" when nothing would be kept."""
    parts = []
    for kind, n in counts.items():
        zh, one, many = KIND_COUNTS.get(kind, ("{n}", "{n}", "{n}"))
        parts.append(in_lang((zh, one if n == 1 else many), lang).format(n=n))
    return " · ".join(parts) or in_lang(("无", "none"), lang)


def list_in(items: Iterable[str], lang: str) -> str:
    """Names as one line: "、" between them in Chinese, ", " in English."""
    return in_lang(("、", ", "), lang).join(items)


def t(key: str, lang: str, **fields: Any) -> str:
    """The UI string ``key`` in ``lang`` (Chinese unless English), ``{placeholders}`` filled from ``fields``."""
    text = in_lang(STRINGS[key], lang)
    return text.format(**fields) if fields else text
