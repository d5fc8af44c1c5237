"""Source documents: loading them and checking that quotes are verbatim."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..text.i18n import field_in, t

QUOTE_ELLIPSIS = " … "  # separates non-adjacent excerpts inside one `quote`
_WHITESPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Drop all whitespace: the documents break lines and pad numbers ("507 家") at random."""
    return _WHITESPACE.sub("", text)


def quote_fragments(quote: str) -> list[str]:
    """The excerpts a quote is made of (split on `` … ``), stripped, empty ones dropped."""
    return [f.strip() for f in quote.split(QUOTE_ELLIPSIS.strip()) if f.strip()]


def missing_fragments(quote: str, normalised_source: str) -> list[str]:
    """Excerpts of ``quote`` that do not occur verbatim (whitespace aside) in the source."""
    return [f for f in quote_fragments(quote) if normalise_text(f) not in normalised_source]


def read_sources(sources_dir: Path, files: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Read the listed documents.

    Returns
    -------
    (raw, errors): ``raw`` maps file name to its text; ``errors`` maps each file
    that could not be read to the reason.
    """
    raw: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name in files:
        path = sources_dir / name
        try:
            raw[name] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors[name] = f"cannot read {path}: {exc}"
    return raw, errors


def attribution_from_manifest(manifest: Mapping[str, Any], lang: str = "en") -> str:
    """One line naming the plan, the source documents and the geodata licences (a region pack's manifest).

    English (``lang="en"``) in exports, whose fields are English; a print says it in its own language.
    """
    files = ", ".join(s["file"] for s in manifest.get("source", []))
    return t("attribution", lang, plan=manifest.get(field_in("plan_title", lang), ""), files=files,
             boundaries=manifest.get(field_in("boundary_source", lang), ""))
