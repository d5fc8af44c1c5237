"""Text from documents and uploads made inert for display and for spreadsheets.

HTML escaping stops markup in the map's and panels' HTML; :func:`markdown` does the same for every
Streamlit element that renders Markdown (titles, captions, alerts, widget labels); removing
bidirectional controls stops a name from reordering the text around it (``U+202E`` makes "gpj.exe"
read as "exe.jpg"); a length cap stops a 10 KB name from filling a tooltip. Exports keep the full
value, except for CSV cells a spreadsheet would run as a formula.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd

from .values import is_missing

# Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks U+200E/U+200F,
# U+061C; other C0/C1 controls except tab and newline.
_BIDI_AND_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
                                "\u0000-\u0008\u000b-\u001f\u007f-\u009f]")
ELLIPSIS = "…"
# A cell starting with one of these is a formula in Excel/LibreOffice ("=HYPERLINK(…)", "@SUM(…)"), also in
# their full-width forms (an IME types "＝"), and after characters a reader or a tool drops unseen (a byte-order
# mark, zero-width and non-breaking spaces, a space).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_UNSEEN = " \ufeff\u200b\u200c\u200d\u2060\u00a0\u3000"
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# The ASCII punctuation that can start markup anywhere in a line, written as numeric character references:
# CommonMark shows a reference as that character and never as markup (a backslash escape does not stop
# Streamlit's ":material/…:" icons; an entity does). Only these: Streamlit puts a widget's label raw into its
# aria-label, and a screen reader read "国家&#40;威海&#41;" for every parenthesis escaped besides ("(" is link
# markup only after "]", and "]" is escaped).
_MD_PUNCTUATION = re.compile(r"[\\`*_\[\]<>~|$:@&]|(?i:(?<=www)\.)")
# Block markup counts only at the start of the text (newlines become spaces): "# ", "> ", "- ", "+ ", "1. ", "1) "
_BLOCK_START = re.compile(r"^\s*(?:(?:[#>+-]|\d+[.)])(?=\s|$)|-(?=-))")
# Streamlit also rewrites the *parsed* text: GFM autolinks ("www.", "http:", "a@b.c") and shortcodes
# (":streamlit:"). An invisible WORD JOINER after ":", "@" and "." keeps those patterns from matching.
WORD_JOINER = "\u2060"
_BREAKERS = frozenset(":@.")


def plain(value: Any, limit: int | None = None) -> str:
    """``value`` as one safe line of text: controls removed, cut to ``limit`` characters with "…"."""
    if is_missing(value):
        return ""
    out = _BIDI_AND_CONTROLS.sub("", str(value))
    if limit is not None and len(out) > limit:
        out = out[: max(0, limit - 1)] + ELLIPSIS
    return out


def text(value: Any, limit: int | None = None) -> str:
    """``value`` escaped for HTML (markup shows as text), controls removed, optionally cut."""
    return html.escape(plain(value, limit), quote=True)


def markdown(value: Any, limit: int | None = None) -> str:
    """``value`` as Markdown that renders exactly as the text: no bold, link, image, icon, math or HTML.

    For every Streamlit element that renders Markdown. Newlines become spaces (a line break could
    start a block); controls are removed and the text is cut to ``limit`` like :func:`plain`.
    """
    out = plain(value, limit).replace("\r", " ").replace("\n", " ").replace("\t", " ")

    def _entity(char: str) -> str:
        return f"&#{ord(char)};" + (WORD_JOINER if char in _BREAKERS else "")

    start = _BLOCK_START.match(out)
    head = start.group()[:-1] + _entity(start.group()[-1]) if start else ""
    rest = out[start.end():] if start else out
    return head + _MD_PUNCTUATION.sub(lambda m: _entity(m.group()), rest)


def csv_cell(value: Any) -> Any:
    """A value a spreadsheet will show as text, not run: formula-looking strings get a leading "'".

    Numbers written as text ("-3.5") stay as they are, so coordinates and values survive.
    """
    if not isinstance(value, str):
        return value
    seen = value.lstrip(_UNSEEN)
    if not seen.startswith(_FORMULA_START) or _NUMBER.match(seen):
        return value
    return "'" + value


def csv_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose column names and text cells a spreadsheet shows as text (:func:`csv_cell`).

    For a CSV written here and for a table shown in the app, whose own "Download as CSV" writes what it shows.
    """
    out = frame.rename(columns=lambda c: csv_cell(c) if isinstance(c, str) else c)
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if not pd.api.types.is_numeric_dtype(column.dtype):
            out.isetitem(i, column.map(csv_cell, na_action="ignore"))
    return out
