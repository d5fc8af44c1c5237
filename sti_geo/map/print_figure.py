"""The printed sheet (:mod:`.printed`) with matplotlib; imported only when a print is made.

The map panel (:mod:`.print_map`) with title, legend, notes and link; the fonts and the one-print-at-a-time
context.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .._errors import InputError
from ..model.catalog import Catalog
from ..model.sources import attribution_from_manifest
from ..model.specs import LayerSpec
from ..text.i18n import t
from .print_map import line_dash, map_axes
from .printed import FONT_FAMILY, FONT_MISSING, PAPERS_MM, PrintFontMissing, PrintView, print_font_file, wrap_text

MM_PER_INCH = 25.4


# matplotlib keeps its settings (rcParams) and font cache per process; Streamlit makes deferred downloads in
# threads. A print's text takes its font when drawn and the PDF its font type when saved, so one print at a time
# holds the settings from its first artist to its last byte (see :func:`print_context`).
_PRINTING = threading.RLock()
_REGISTERED: set[str] = set()


def font_family() -> str:
    """The CJK print font's family, registered with matplotlib once (:class:`PrintFontMissing` when absent)."""
    path = print_font_file()
    if path is None:
        raise PrintFontMissing(FONT_MISSING)
    with _PRINTING:
        if str(path) not in _REGISTERED:  # addfont appends a copy and empties the font cache on every call
            fontManager.addfont(str(path))
            _REGISTERED.add(str(path))
    return FONT_FAMILY


@contextmanager
def print_context() -> Iterator[None]:
    """Hold the print settings (:func:`rc_print`) for one print, drawing and saving, in one thread at a time.

    ``rc_context`` changes matplotlib's process-wide settings: two prints that overlap in threads would
    restore each other's and draw their Chinese in a font without it (boxes, or Type 3 glyphs). Prints are
    CPU-bound under the GIL, so taking turns costs overlapping prints no time (``bench/print_view.py``).
    Re-entrant: a print may call another function that takes it.
    """
    with _PRINTING, matplotlib.rc_context(rc_print(font_family())):
        yield


def legend_handles(specs: Sequence[LayerSpec], lang: str) -> list[Line2D | Patch]:
    """Legend entries drawn as the map draws each layer: a circle, a line or a patch, in its colours."""
    handles: list[Line2D | Patch] = []
    for spec in specs:
        s = spec.style
        label = spec.legend_label_in(lang)
        if spec.legend_symbol == "circle":
            handles.append(Line2D([], [], marker="o", linestyle="none", ms=7, mfc=s.fill_color, mec=s.color,
                                  label=label))
        elif spec.legend_symbol == "line":
            handles.append(Line2D([], [], color=s.color, lw=2.5, linestyle=line_dash(spec), label=label))
        else:
            handles.append(Patch(facecolor=s.fill_color, edgecolor=s.color, alpha=0.8, linestyle=line_dash(spec),
                                 label=label))
    return handles


def rc_print(family: str) -> dict:
    """Settings of every print: the CJK font, embedded TrueType (PDF) and text kept as text (SVG)."""
    return {"font.family": [family], "pdf.fonttype": 42, "svg.fonttype": "none", "axes.unicode_minus": False}


def _fill_handles(view: PrintView, side: str = "") -> list[Patch]:
    """A thematic map's classes first in the legend, under its measure (and the compared side's name)."""
    if not view.fills:
        return []
    title = Patch(facecolor="none", edgecolor="none", label=f"{side}{view.fill_title}")
    return [title, *(Patch(facecolor=colour, edgecolor="#666", label=label) for colour, label in view.fill_legend)]


def _all_layers(view: PrintView) -> list[str]:
    """The layers either compared side shows (the view's own when it compares nothing), each once."""
    return list(dict.fromkeys([*view.layers, *(view.right.layers if view.right else ())]))


def legend_specs(catalog: Catalog, view: PrintView) -> list[LayerSpec]:
    """The specs the legend lists: exactly the visible layers (of both compared sides), base layers aside."""
    return [catalog.specs[lid] for lid in _all_layers(view)
            if lid in catalog.layers and catalog.specs[lid].group != "base"]


def print_notes(catalog: Catalog, view: PrintView) -> list[str]:
    """The print's small print: schematic geometry, the points' accuracy, the sources, the date."""
    visible = [lid for lid in _all_layers(view) if lid in catalog.layers]
    notes = []
    if any((catalog.layers[lid].get("geometry_basis") == "schematic").any() for lid in visible):
        notes.append(t("legend_schematic", view.lang))
    accuracy = [catalog.layers[lid]["accuracy_m"].dropna() for lid in visible
                if catalog.specs[lid].geometry_type == "Point" and "accuracy_m" in catalog.layers[lid]]
    metres = [m for col in accuracy for m in col]
    if metres:  # the range the shown points' own accuracy says, not a guess
        lo, hi = round(min(metres) / 1000), round(max(metres) / 1000)
        notes.append(t("print_stacks", view.lang, lo=lo, hi=hi) if lo != hi
                     else t("print_stacks_one", view.lang, lo=lo))  # one accuracy: not "±104–104"
    if view.filter_note:
        notes.append(t("print_filter", view.lang) + view.filter_note)
    if view.query:
        notes.append(t("print_query", view.lang) + view.query)
    notes.append(t("print_sources", view.lang) + attribution_from_manifest(catalog.manifest, view.lang))
    if view.date:
        notes.append(t("print_date", view.lang) + view.date)
    return notes


def link_lines(fig: Figure, url: str, size: float, width_pt: float) -> list[str]:
    """``url`` in lines no wider than ``width_pt`` at ``size`` points, measured with the print's font.

    A line ends after a "&" or a comma when one is near (whole parameters and numbers stay together), else where
    it must: a drawn polygon's link runs to 1,500 characters. Read in order, the lines are the link.
    """
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # an Agg canvas
    prop = FontProperties(size=size)  # the family of the print's settings (print_context)
    widths: dict[str, float] = {}

    def width(ch: str) -> float:
        if ch not in widths:
            widths[ch] = renderer.get_text_width_height_descent(ch, prop, ismath=False)[0] * 72 / fig.dpi
        return widths[ch]

    lines, line, used = [], "", 0.0
    for ch in url:
        if line and used + width(ch) > width_pt:
            cut = max(line.rfind("&") + 1, line.rfind(",") + 1, line.rfind("%2C") + 3)  # "," as a link encodes it
            cut = cut if cut >= len(line) * 0.6 else len(line)
            lines.append(line[:cut])
            line = line[cut:]
            used = sum(map(width, line))
        line += ch
        used += width(ch)
    return [*lines, line] if line else lines


def draw_link(fig: Figure, url: str, x: float, y: float, size: float, width: float) -> None:
    """The link at (``x``, ``y``) (its bottom left, figure fractions), wrapped within ``width`` (a fraction).

    In a PDF each of its lines is a link to the whole address.
    """
    w_pt = fig.get_size_inches()[0] * 72 * width
    text = fig.text(x, y, "\n".join(link_lines(fig, url, size, w_pt)), fontsize=size, color="#666", va="bottom",
                    ha="left", linespacing=1.2)
    text.set_url(url)


def paper_inches(paper: str, landscape: bool = True) -> tuple[float, float]:
    """The paper's (width, height) in inches, turned for portrait."""
    if paper not in PAPERS_MM:
        raise InputError(f"unknown paper {paper!r}; one of: {', '.join(PAPERS_MM)}")
    w_mm, h_mm = PAPERS_MM[paper]
    if not landscape:
        w_mm, h_mm = h_mm, w_mm
    return w_mm / MM_PER_INCH, h_mm / MM_PER_INCH


def print_figure(catalog: Catalog, view: PrintView) -> Figure:
    """The print as a matplotlib Figure (see :func:`print_view` for the bytes).

    Save it inside :func:`print_context`: the PDF's font type is read when it is saved.
    """
    size = paper_inches(view.paper, view.landscape)
    with print_context():
        fig = Figure(figsize=size)
        FigureCanvasAgg(fig)  # no display on a server; the canvas measures the labels
        side = 0.26 if view.landscape else 0.0
        map_box = (0.03, 0.08, 0.94 - side, 0.82) if view.landscape else (0.05, 0.30, 0.90, 0.60)
        fills = _fill_handles(view)
        if view.right is None:
            map_axes(fig, map_box, catalog, view)
        else:  # compare: the two sides' maps next to each other, same centre and scale, each under its name
            x, y, w, h = map_box
            half = (w - 0.01) / 2
            for half_view, left, arrow in ((view, x, "\u25c0 "), (view.right, x + half + 0.01, "\u25b6 ")):
                map_axes(fig, (left, y, half, h - 0.03), catalog, half_view)
                fig.text(left, y + h - 0.02, arrow + half_view.side_title, fontsize=10, fontweight="bold",
                         va="bottom")
            fills = [*_fill_handles(view, "\u25c0 "), *_fill_handles(view.right, "\u25b6 ")]  # as the map's badges
        fig.text(0.03, 0.95, view.title, fontsize=15, fontweight="bold", va="center")
        legend_at = (0.72, 0.90) if view.landscape else (0.05, 0.27)
        handles = [*fills, *legend_handles(legend_specs(catalog, view), view.lang)]
        legend = fig.legend(handles=handles, loc="upper left",
                            bbox_to_anchor=legend_at, title=t("legend", view.lang), fontsize=8, title_fontsize=9,
                            frameon=False)
        legend.set_gid("sti-legend")
        width = 62 if view.landscape else 120
        body = "\n".join(line for n in print_notes(catalog, view) for line in wrap_text(n, width))
        note_at = (0.72, 0.08) if view.landscape else (0.05, 0.03)
        fig.text(*note_at, body, fontsize=6.5, va="bottom", ha="left", color="#333", linespacing=1.3)
        if view.permalink:
            draw_link(fig, view.permalink, 0.03, 0.02, 5, 0.94)
    return fig
