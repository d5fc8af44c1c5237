"""The presenter tour as one PDF handout (:func:`.print_files.tour_pdf`): a cover, then a page per scene.

A scene's page is its map (the scene's extent, layers and highlights, drawn as :mod:`.print_figure` draws a
print), a legend, and the caption: each element's name, description, industries and its quote with the
source. The caption takes the largest type that fits its column; a caption too long for the smallest runs on
to a page of its own, so no quote is ever cut. Imported only when a deck is made (matplotlib).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D

from ..geo.viewport import view_for_bounds
from ..model.catalog import Catalog
from ..model.sources import attribution_from_manifest
from ..text.glossary import specialties
from ..text.i18n import field_in, list_in, t
from ..views.tour import Scene, scene_bounds, scene_features, scene_rows, scenes
from .print_figure import (
    draw_link,
    legend_handles,
    legend_specs,
    paper_inches,
    print_context,
    print_notes,
)
from .print_map import map_axes
from .printed import PrintView, TourDeck

CAPTION_SIZES = (11.0, 10.0, 9.0, 8.5, 8.0, 7.5, 7.0)  # the caption's type in points: the largest that fits
RUN_ON_SIZE = 8.0  # a caption that fits at none of them runs on to further pages at this size
LINE_SPACING = 1.4
QUOTE_INDENT_PT = 7.0
# (size factor, weight, colour, space before in lines) of each kind of caption line
STYLES = {
    "name": (1.2, "bold", "#111111", 0.9),
    "text": (1.0, "normal", "#222222", 0.15),
    "industries": (1.0, "bold", "#0f766e", 0.15),
    "quote": (0.9, "normal", "#3f3f46", 0.3),
    "source": (0.8, "normal", "#71717a", 0.1),
}
# boxes in figure fractions (left, bottom, width, height)
MAP_BOX = (0.03, 0.2, 0.56, 0.71)  # the legend goes under it: inside, it covered a scene's south-east coast
CAPTION_BOX = (0.62, 0.14, 0.35, 0.77)
RUN_ON_BOXES = ((0.08, 0.14, CAPTION_BOX[2], 0.77), (0.57, 0.14, CAPTION_BOX[2], 0.77))
FOOTER_BOX = (0.03, 0.015, 0.94, 0.105)
_TOKENS = re.compile(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+")  # a CJK character, a word, or a space
_NO_LINE_START = set(",。、:;!?)》」』”’,.;:!?)")  # kept on the line before, as Chinese typesetting does


@dataclass(frozen=True)
class Block:
    """A paragraph of the caption: its ``kind`` (a key of ``STYLES``) and text."""

    kind: str
    text: str


@dataclass(frozen=True)
class Line:
    """A caption line as laid out: its paragraph's kind, its text, and whether a paragraph starts with it."""

    kind: str
    text: str
    first: bool


class _Measure:
    """Text widths in points, from the renderer's own glyph advances (cached per character at 1 pt)."""

    def __init__(self, fig: Figure) -> None:
        self._renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # an Agg canvas
        self._dpi = fig.dpi
        self._family = matplotlib.rcParams["font.family"]
        self._per_pt: dict[tuple[str, str], float] = {}

    def width(self, text: str, size: float, weight: str) -> float:
        total = 0.0
        for ch in text:
            key = (ch, weight)
            if key not in self._per_pt:
                prop = FontProperties(family=self._family, size=100, weight=weight)
                probe = f"x{ch}x" if ch.isspace() else ch  # a lone space measures as nothing
                w, _, _ = self._renderer.get_text_width_height_descent(probe, prop, ismath=False)
                if ch.isspace():
                    x, _, _ = self._renderer.get_text_width_height_descent("xx", prop, ismath=False)
                    w -= x
                self._per_pt[key] = w * 72 / self._dpi / 100
            total += self._per_pt[key]
        return total * size


def wrap_measured(text: str, fits) -> list[str]:
    """``text`` in lines for which ``fits(line)`` holds, breaking between words or CJK characters."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if token.isspace():
            line += " " if line else ""
            continue
        if fits(line + token) or (token in _NO_LINE_START and line):
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        for ch in token:  # a word longer than the line breaks where it must
            if line and not fits(line + ch):
                lines.append(line)
                line = ""
            line += ch
    if line.strip():
        lines.append(line.rstrip())
    return lines


def caption_blocks(catalog: Catalog, scene: Scene, lang: str) -> list[Block]:
    """The caption of a scene: per element its name, description, industries, quote and source."""
    blocks = []
    for row in scene_rows(catalog, scene):
        blocks += [Block("name", str(row[field_in("name", lang)])),
                   Block("text", str(row[field_in("description", lang)]))]
        if len(row["industries"]):
            blocks.append(Block("industries", t("deck_industries", lang)
                                 + list_in(specialties(row["industries"], lang), lang)))
        blocks.append(Block("quote", t("deck_quote", lang) + str(row["quote"])))
        source = str(row["source"])
        blocks.append(Block("source", f"{t('deck_source', lang)}{catalog.source_title(source, lang)} ({source})"))
    return blocks


def lay_out(blocks: list[Block], measure: _Measure, size: float, width_pt: float) -> list[Line]:
    """The blocks as lines of a column ``width_pt`` wide at base ``size``."""
    out = []
    for block in blocks:
        factor, weight, _, _ = STYLES[block.kind]
        room = width_pt - (QUOTE_INDENT_PT if block.kind == "quote" else 0.0)
        lines = wrap_measured(block.text, lambda s, f=factor, w=weight, r=room: measure.width(s, size * f, w) <= r)
        out += [Line(block.kind, text, i == 0) for i, text in enumerate(lines)]
    return out


def _height(line: Line, size: float, top: bool) -> float:
    factor, _, _, gap = STYLES[line.kind]
    return size * factor * LINE_SPACING + (0.0 if top or not line.first else gap * size * LINE_SPACING)


def column_height(lines: list[Line], size: float) -> float:
    """Points the lines take in one column."""
    return sum(_height(line, size, i == 0) for i, line in enumerate(lines))


def _element_end(lines: list[Line], start: int) -> int:
    """Index after the element (name to source) that starts at ``start``."""
    end = start + 1
    while end < len(lines) and not (lines[end].kind == "name" and lines[end].first):
        end += 1
    return end


def fill(lines: list[Line], size: float, first: float, then: float) -> list[list[Line]]:
    """The lines in columns, the first ``first`` points high and the others ``then``.

    An element (its name to its source) that does not fit what is left of a column starts the next one
    whole, when one column can hold it; else it breaks between lines.
    """
    columns: list[list[Line]] = [[]]
    room = first
    for i, line in enumerate(lines):
        need = _height(line, size, not columns[-1])
        if columns[-1] and line.kind == "name" and line.first:
            element = lines[i:_element_end(lines, i)]
            if column_height(element, size) + need - _height(line, size, True) > room \
                    and column_height(element, size) <= then:
                need = room + 1  # move the whole element on
        if columns[-1] and need > room:
            columns.append([])
            room = then
            need = _height(line, size, True)
        columns[-1].append(line)
        room -= need
    return columns


def draw_column(fig: Figure, box: tuple[float, float, float, float], lines: list[Line], size: float) -> None:
    """The lines from the top of ``box``; a quote gets a rule at its left."""
    left, bottom, _, height = box
    w_pt, h_pt = (d * 72 for d in fig.get_size_inches())
    y = (bottom + height) * h_pt
    for i, line in enumerate(lines):
        factor, weight, colour, _ = STYLES[line.kind]
        step = _height(line, size, i == 0)
        x = left * w_pt + (QUOTE_INDENT_PT if line.kind == "quote" else 0.0)
        fig.text(x / w_pt, (y - step + size * factor * (LINE_SPACING - 1)) / h_pt, line.text, fontsize=size * factor,
                 fontweight=weight, color=colour, va="bottom", ha="left")
        if line.kind == "quote":
            top = y - (step - size * factor * LINE_SPACING)
            fig.add_artist(Line2D([(left * w_pt + 1.5) / w_pt] * 2, [top / h_pt, (y - step) / h_pt], color="#d4d4d8",
                                  linewidth=2))
        y -= step


def _page(deck: TourDeck) -> Figure:
    fig = Figure(figsize=paper_inches(deck.paper))  # landscape, like the slides
    FigureCanvasAgg(fig)
    return fig


def _footer(fig: Figure, measure: _Measure, notes: list[str], link: str, page: int) -> None:
    left, bottom, width, height = FOOTER_BOX
    w_pt = fig.get_size_inches()[0] * 72
    size = 6.0
    lines = [line for n in notes for line in
             wrap_measured(n, lambda s: measure.width(s, size, "normal") <= width * w_pt * 0.9)]
    fig.text(left, bottom + height, "\n".join(lines), fontsize=size, color="#444", va="top", ha="left",
             linespacing=1.3)
    if link:
        draw_link(fig, link, left, bottom, size, width * 0.9)
    fig.text(left + width, bottom, str(page), fontsize=7, color="#444", va="bottom", ha="right")


def _header(fig: Figure, title: str, aside: str) -> None:
    fig.text(0.03, 0.955, title, fontsize=15, fontweight="bold", va="center", ha="left")
    fig.text(0.97, 0.955, aside, fontsize=8, color="#555", va="center", ha="right")


def _caption_columns(fig: Figure, measure: _Measure, blocks: list[Block]) -> tuple[float, list[list[Line]]]:
    """The caption's type size and its columns: the first in ``CAPTION_BOX``, any more on run-on pages."""
    w_pt, h_pt = (d * 72 for d in fig.get_size_inches())
    width, height = CAPTION_BOX[2] * w_pt, CAPTION_BOX[3] * h_pt
    for size in CAPTION_SIZES:
        lines = lay_out(blocks, measure, size, width)
        if column_height(lines, size) <= height:
            return size, [lines]
    lines = lay_out(blocks, measure, RUN_ON_SIZE, width)  # run-on columns are as wide as the caption's
    run_on = RUN_ON_BOXES[0][3] * h_pt
    return RUN_ON_SIZE, fill(lines, RUN_ON_SIZE, height, run_on)


def _scene_view(catalog: Catalog, deck: TourDeck, scene: Scene) -> PrintView:
    """The scene as a print: its layers and highlights, fitted to its bounds (the tour's zoom for the names)."""
    bounds = scene_bounds(catalog, scene)
    center, zoom = view_for_bounds(bounds)
    return PrintView(layers=scene.layers, center=center, zoom=zoom, lang=deck.lang, title=scene.title_in(deck.lang),
                     permalink=deck.links.get(scene.id, ""), date=deck.date, paper=deck.paper,
                     highlight=tuple(scene_features(catalog, scene)), bounds=bounds)


def scene_pages(catalog: Catalog, deck: TourDeck, scene: Scene, aside: str, page: int,
                measure: _Measure) -> list[Figure]:
    """The scene's page (map, legend, caption, notes), and run-on pages if its caption needs them."""
    view = _scene_view(catalog, deck, scene)
    fig = _page(deck)
    _header(fig, view.title, aside)
    ax = map_axes(fig, MAP_BOX, catalog, view)
    handles = legend_handles(legend_specs(catalog, view), deck.lang)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.012), ncol=min(3, len(handles)),
              fontsize=6.5, title=t("legend", deck.lang), title_fontsize=7, alignment="left", frameon=False,
              borderaxespad=0.0, columnspacing=1.2, handlelength=1.6)
    size, columns = _caption_columns(fig, measure, caption_blocks(catalog, scene, deck.lang))
    draw_column(fig, CAPTION_BOX, columns[0], size)
    _footer(fig, measure, print_notes(catalog, view), view.permalink, page)
    pages = [fig]
    for start in range(1, len(columns), len(RUN_ON_BOXES)):
        more = _page(deck)
        _header(more, view.title + t("deck_continued", deck.lang), aside)
        for box, column in zip(RUN_ON_BOXES, columns[start:start + len(RUN_ON_BOXES)], strict=False):
            draw_column(more, box, column, size)
        _footer(more, measure, [], view.permalink, page + len(pages))
        pages.append(more)
    return pages


def tour_pdf_bytes(catalog: Catalog, deck: TourDeck,
                   progress: Callable[[int, int, str], None] | None = None) -> bytes:
    """The deck as PDF bytes (see :func:`.print_files.tour_pdf`); ``progress(done, total, scene title)`` as it goes."""
    tour = scenes(catalog)
    title = str(catalog.manifest.get("layout", {}).get(field_in("title", deck.lang), ""))
    plan = str(catalog.manifest.get(field_in("plan_title", deck.lang), ""))
    buf = io.BytesIO()
    with print_context(), PdfPages(buf, metadata={"Title": title or plan}) as pdf:
        cover = _page(deck)
        measure = _Measure(cover)
        pages = [cover]
        contents: list[tuple[str, int]] = []
        for i, scene in enumerate(tour):
            if progress is not None:
                progress(i, len(tour), scene.title_in(deck.lang))
            contents.append((scene.title_in(deck.lang), len(pages) + 1))
            aside = f"{t('deck_scene', deck.lang, i=i + 1, n=len(tour))} · {plan}"
            pages += scene_pages(catalog, deck, scene, aside, len(pages) + 1, measure)
        _draw_cover(cover, measure, catalog, deck, title or plan, plan, contents)
        for fig in pages:
            pdf.savefig(fig)
    if progress is not None:
        progress(len(tour), len(tour), "")
    return buf.getvalue()


def _draw_cover(fig: Figure, measure: _Measure, catalog: Catalog, deck: TourDeck, title: str, plan: str,
                contents: list[tuple[str, int]]) -> None:
    fig.text(0.06, 0.86, title, fontsize=22, fontweight="bold", va="center")
    fig.text(0.06, 0.79, f"{t('deck_title', deck.lang)} · {plan}", fontsize=13, color="#333", va="center")
    fig.text(0.06, 0.74, t("deck_about", deck.lang, n=len(contents)), fontsize=10, color="#555", va="center")
    for k, (name, page) in enumerate(contents):
        y = 0.64 - k * 0.055
        fig.text(0.08, y, f"{k + 1}.  {name}", fontsize=12, va="center")
        fig.text(0.92, y, t("deck_page", deck.lang, p=page), fontsize=10, color="#555", va="center", ha="right")
    notes = [t("print_sources", deck.lang) + attribution_from_manifest(catalog.manifest, deck.lang)]
    if deck.date:
        notes.append(t("print_date", deck.lang) + deck.date)
    _footer(fig, measure, notes, deck.links.get("", ""), 1)
