"""The user-interface text catalogue, grouped per area; :func:`sti_geo.text.i18n.t` is its one accessor.

Each area module holds ``STRINGS``: key → ``(zh, en)``, keys prefixed by the area (``filters_…``,
``query_…``). They are merged here once; a key defined by two areas is an error at import, not a
silent override.
"""

from __future__ import annotations

from . import common, compare, filters, pages, printing, query, theme, upload

AREAS = (common, filters, query, theme, compare, printing, upload, pages)


def _merged() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for area in AREAS:
        twice = merged.keys() & area.STRINGS.keys()
        if twice:
            raise ValueError(f"text keys defined twice ({area.__name__}): {sorted(twice)}")
        merged.update(area.STRINGS)
    return merged


STRINGS: dict[str, tuple[str, str]] = _merged()
