"""The printed view as files: one picture (PNG, PDF, SVG) or the presenter tour's PDF.

The entry points of printing. The view is :mod:`.printed`'s; the drawing is :mod:`.print_figure`'s and
:mod:`.print_deck`'s, imported only when a print is made (matplotlib costs a page load 0.26 s).
"""

from __future__ import annotations

import io
from collections.abc import Callable

from .._errors import InputError
from ..model.catalog import Catalog
from .printed import PNG_DPI, PRINT_FORMATS, PrintView, TourDeck


def print_view(catalog: Catalog, view: PrintView, fmt: str) -> bytes:
    """The view printed as ``fmt`` (``PRINT_FORMATS``): PNG at ``PNG_DPI``, or vector PDF/SVG with their text."""
    if fmt not in PRINT_FORMATS:
        raise InputError(f"unknown print format {fmt!r}; one of: {', '.join(PRINT_FORMATS)}")
    from .print_figure import print_context, print_figure  # matplotlib: not at import (0.26 s a page load)

    buf = io.BytesIO()
    with print_context():  # drawing and saving under one print's settings, whatever other threads print
        fig = print_figure(catalog, view)
        fig.savefig(buf, format=fmt, dpi=PNG_DPI if fmt == "png" else 72,
                    metadata={"Title": view.title} if fmt in ("pdf", "svg") else None)
    return buf.getvalue()


def tour_pdf(catalog: Catalog, deck: TourDeck, progress: Callable[[int, int, str], None] | None = None) -> bytes:
    """The presenter tour as one PDF: a cover listing the scenes, then a page per scene.

    A scene's page has its map (extent, layers, highlights, names, legend, scale bar, north arrow), its caption
    and its quotes with their sources; a caption too long for the page runs on to the next, never cut.
    """
    from .print_deck import tour_pdf_bytes  # matplotlib: only when a deck is made

    return tour_pdf_bytes(catalog, deck, progress)
