"""The current map view as a picture for a slide or a handout: PNG (300 dpi), PDF or SVG, offline.

Rendered on the server with matplotlib from the same layers the map draws (no tiles, no browser): the view's
extent and visible layers, names placed without overlap (the map's label rules), a title, a legend of the
visible layers only, a scale bar, a north arrow, the sources, the date, the schematic note where schematic
geometry shows, and the view's permalink in a corner. Chinese needs a CJK TrueType font (``print_figure.FONT_FILES``,
Debian's ``fonts-wqy-zenhei``): its glyphs are embedded, so the PDF's text can be searched and copied.
This module owns the view (what is printed, papers, fonts); :mod:`.print_files` makes the files, drawing
with :mod:`.print_map`, :mod:`.print_figure` and :mod:`.print_deck`, which import this module and nothing imports back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .._errors import StiGeoError

PRINT_FORMATS = ("png", "pdf", "svg")
MEDIA_TYPES = {"png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml"}
PAPERS_MM = {"A4": (297, 210), "A3": (420, 297)}  # landscape (width, height)
PNG_DPI = 300


# A CJK TrueType font: embedded as CID TrueType with a ToUnicode map (OpenType-CFF fonts such as Noto CJK
# become Type 3 glyphs without text in matplotlib's PDF: pdftotext finds nothing).
FONT_FILES = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",)
FONT_FAMILY = "WenQuanYi Zen Hei"
FONT_MISSING = "printing needs a CJK TrueType font: install Debian's fonts-wqy-zenhei (scripts/setup.sh does)"


class PrintFontMissing(StiGeoError):
    """No CJK TrueType font for the print: Chinese would turn into boxes."""


def print_font_file() -> Path | None:
    """The print's CJK font file, or None when none is installed (pages then say so instead of offering prints)."""
    return next((Path(p) for p in FONT_FILES if Path(p).is_file()), None)


@dataclass(frozen=True)
class PrintView:
    """What to print: the view (centre, zoom), its visible layers and highlights, the paper and the words."""

    layers: tuple[str, ...]
    center: tuple[float, float]  # (lat, lon)
    zoom: int
    lang: str
    title: str
    permalink: str = ""
    date: str = ""
    paper: str = "A4"
    landscape: bool = True
    highlight: tuple[str, ...] = ()
    bounds: tuple[float, float, float, float] | None = None  # lon/lat; when given, the print fits them (a scene)
    hidden: tuple[str, ...] = ()  # features a filter leaves out: not drawn
    filter_note: str = ""  # the filter in words, printed with the notes
    query: str = ""  # a "what lies within" query (model.within's text): its outline is drawn
    fills: tuple[tuple[str, str], ...] = ()  # a thematic map: (area id, fill colour) of the districts layer
    fill_legend: tuple[tuple[str, str], ...] = ()  # its classes: (colour, range), lowest first
    fill_title: str = ""  # its measure, method and breaks
    side_title: str = ""  # a compared side's name, printed over its map
    right: PrintView | None = None  # compare: the right side (its layers and fills; the rest as this view's)

@dataclass(frozen=True)
class TourDeck:
    """The presenter tour as a PDF handout: its language, date and paper, and the scenes' permalinks.

    The pages are landscape, like the slides. ``links``: each scene's permalink by id, ``""`` the tour's start
    (printed on the cover).
    """

    lang: str
    date: str = ""
    paper: str = "A4"
    links: Mapping[str, str] = field(default_factory=dict)


def _columns(text: str) -> int:
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def wrap_text(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, a CJK character taking two (Chinese has no spaces)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        piece = f"{line} {word}" if line else word
        if _columns(piece) <= width:
            line = piece
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:  # a run longer than a line (Chinese) breaks between characters
            if _columns(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
    if line:
        lines.append(line)
    return lines
