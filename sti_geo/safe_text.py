"""Text from documents and uploads made inert for display and for spreadsheets.

HTML escaping stops markup; removing bidirectional controls stops a name from reordering the
text around it (``U+202E`` makes "gpj.exe" read as "exe.jpg"); a length cap stops a 10 KB name
from filling a tooltip. Exports keep the full value, except for CSV cells a spreadsheet would run
as a formula.
"""

from __future__ import annotations

import html
import math
import re
from typing import Any

# Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks U+200E/U+200F,
# U+061C; other C0/C1 controls except tab and newline.
_BIDI_AND_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
                                "\u0000-\u0008\u000b-\u001f\u007f-\u009f]")
ELLIPSIS = "…"
# A cell starting with one of these is a formula in Excel/LibreOffice ("=HYPERLINK(…)", "@SUM(…)").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def plain(value: Any, limit: int | None = None) -> str:
    """``value`` as one safe line of text: controls removed, cut to ``limit`` characters with "…"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    out = _BIDI_AND_CONTROLS.sub("", str(value))
    if limit is not None and len(out) > limit:
        out = out[: max(0, limit - 1)] + ELLIPSIS
    return out


def text(value: Any, limit: int | None = None) -> str:
    """``value`` escaped for HTML (markup shows as text), controls removed, optionally cut."""
    return html.escape(plain(value, limit), quote=True)


def csv_cell(value: Any) -> Any:
    """A value a spreadsheet will show as text, not run: formula-looking strings get a leading "'".

    Numbers written as text ("-3.5") stay as they are, so coordinates and values survive.
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA_START) or _NUMBER.match(value):
        return value
    return "'" + value
