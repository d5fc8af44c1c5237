"""The click protocol: how a feature's id travels with its tooltip and comes back from a click.

Encoding and decoding live here together, so the map (which writes tooltips) and the app (which reads
the clicked tooltip) cannot drift apart.
"""

from __future__ import annotations

import re

from ..text.safe_text import text

_ID_MARK = re.compile(r"⟦([A-Za-z][A-Za-z0-9_]*)⟧")
TOOLTIP_CHARS = 120


def tooltip_html(name: str, feature_id: str) -> str:
    """Tooltip showing the name (cut to TOOLTIP_CHARS); the id rides along hidden so a click maps back."""
    return f"<b>{text(name, TOOLTIP_CHARS)}</b><span hidden>⟦{text(feature_id)}⟧</span>"


def feature_id_from_tooltip(tooltip: str | None) -> str | None:
    """The feature id carried by a clicked tooltip's text, or None."""
    match = _ID_MARK.search(tooltip or "")
    return match.group(1) if match else None
