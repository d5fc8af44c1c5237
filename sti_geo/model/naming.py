"""How a row's name appears in the documents: its forms (short form, aliases) and whether a text holds one."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .sources import normalise_text

SHORT_SUFFIXES = ("新区", "区", "市")  # 环翠区 → 环翠, 荣成市 → 荣成, 南海新区 → 南海
PLACED = ("element", "park", "platform")  # tables whose rows have a ``district`` (and named areas)
# a name or form, whitespace-normalised once: the claim checks look each one up against every quote
_flat = lru_cache(maxsize=8192)(normalise_text)


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
    return any(_flat(f) in text for f in forms if f)


def without_names(quote: str, rows: Iterable[dict]) -> str:
    """The quote (whitespace-normalised) with the full names of ``rows`` blanked out, longest first."""
    text = normalise_text(quote)
    for name in sorted((_flat(str(r.get("name", ""))) for r in rows), key=len, reverse=True):
        if name:
            text = text.replace(name, "|")
    return text


def features_by_id(tables: dict[str, list[dict]]) -> dict:
    """Rows a link or a designation may point at (areas, layout elements, parks, platforms), by id."""
    return {r["id"]: r for kind in ("area", *PLACED) for r in tables[kind] if "id" in r}
