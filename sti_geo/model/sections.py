"""Where a quote sits in its document: chapters ("三、…"), subsections ("(四)…"), boxes ("专栏5 …").

A document is cut at its chapter headings ("一、", "## 二、…"); a subsection runs to the next subsection
or chapter; a box ("专栏N") runs from its title to the next heading of any level and lies inside both.
Offsets are in the whitespace-normalised text (``sources.normalise_text``), the form quotes are matched in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .sources import normalise_text, quote_fragments

# a heading line, after Markdown marks and indentation: "三、…", "(二)…" / "（二）…", "专栏5 …"
_CHAPTER = re.compile(r"^[\s#*]*[一二三四五六七八九十]+、")
_SUBSECTION = re.compile(r"^[\s#*]*[(（][一二三四五六七八九十]+[)）]")
_BOX = re.compile(r"^[\s#*]*专栏\s*\d+")
# a chapter about the next period's work: what it says is planned, whatever its verbs
PLAN_CHAPTER_WORDS = ("工作打算", "下步工作", "下一步工作")


@dataclass(frozen=True)
class Section:
    """A chapter or a box: its title line and its span in the normalised text."""

    title: str
    start: int
    end: int
    box: bool = False

    def holds(self, other: Section) -> bool:
        """Whether ``other`` is this section or lies inside it."""
        return self.start <= other.start and other.end <= self.end

    @property
    def is_plan(self) -> bool:
        """Whether the section is about work still to be done ("下步工作打算")."""
        return any(w in self.title for w in PLAN_CHAPTER_WORDS)


@dataclass(frozen=True)
class Document:
    """A source's normalised text and its sections (the preamble is a chapter with an empty title)."""

    text: str
    chapters: tuple[Section, ...]
    boxes: tuple[Section, ...]
    subsections: tuple[Section, ...] = ()

    def section_at(self, offset: int) -> Section:
        """The innermost section (a box, else a chapter) holding the offset."""
        for box in self.boxes:
            if box.start <= offset < box.end:
                return box
        return self.chapter_at(offset)

    def chapter_at(self, offset: int) -> Section:
        """The chapter holding the offset."""
        for chapter in self.chapters[1:]:
            if chapter.start <= offset < chapter.end:
                return chapter
        return self.chapters[0]

    def titles_at(self, offset: int) -> list[str]:
        """The titles of every section holding the offset: its chapter, subsection ("(四)…") and box."""
        held = [s for s in (*self.subsections, *self.boxes) if s.start <= offset < s.end]
        return [self.chapter_at(offset).title, *(s.title for s in held)]

    def offsets(self, fragment: str) -> list[int]:
        """Every position of a (normalised) excerpt in the text."""
        found, at = [], self.text.find(fragment)
        while at >= 0:
            found.append(at)
            at = self.text.find(fragment, at + 1)
        return found


@lru_cache(maxsize=16)
def document(raw: str) -> Document:
    """Cut a source's text into chapters and boxes."""
    chapter_starts: list[tuple[int, str]] = [(0, "")]
    box_starts: list[tuple[int, str]] = []
    sub_starts: list[tuple[int, str]] = []
    heading_offsets: list[int] = []
    offset = 0
    for line in raw.splitlines():
        flat = normalise_text(line)
        if _CHAPTER.match(line):
            chapter_starts.append((offset, flat))
            heading_offsets.append(offset)
        elif _SUBSECTION.match(line):
            sub_starts.append((offset, flat))
            heading_offsets.append(offset)
        elif _BOX.match(line):
            box_starts.append((offset, flat))
            heading_offsets.append(offset)
        offset += len(flat)
    ends = [s for s, _ in chapter_starts[1:]] + [offset]
    # the preamble (title, date, opening paragraph) frames the whole document: it holds every chapter
    ends[0] = offset
    chapters = tuple(Section(title, start, end) for (start, title), end in zip(chapter_starts, ends, strict=True))
    boxes = tuple(Section(title, start, min([h for h in heading_offsets if h > start] + [offset]), box=True)
                  for start, title in box_starts)
    # a subsection runs to the next subsection or chapter (a box inside it stays inside it)
    major = sorted([s for s, _ in chapter_starts[1:]] + [s for s, _ in sub_starts])
    subsections = tuple(Section(title, start, min([m for m in major if m > start] + [offset]))
                        for start, title in sub_starts)
    return Document(normalise_text(raw), chapters, boxes, subsections)


def chapters_of(quote: str, raw: str) -> list[Section]:
    """The chapters in which the quote's first excerpt occurs (none when it does not occur)."""
    doc = document(raw)
    fragments = [normalise_text(f) for f in quote_fragments(quote)]
    if not fragments:
        return []
    return list(dict.fromkeys(doc.chapter_at(at) for at in doc.offsets(fragments[0])))


def titles_of(quote: str, raw: str) -> list[str]:
    """The titles of every section holding an excerpt of the quote (any occurrence)."""
    doc = document(raw)
    return list(dict.fromkeys(title for fragment in quote_fragments(quote)
                              for at in doc.offsets(normalise_text(fragment)) for title in doc.titles_at(at)))


def stray_excerpts(quote: str, raw: str, opens: Callable[[str], bool] = lambda excerpt: False) -> list[str]:
    """Excerpts of a quote that lie outside the section the excerpt opening them is in (a chapter or a box).

    The first excerpt opens a section; so does any later excerpt for which ``opens`` is true (one naming
    the row itself: a park's second mention elsewhere), for the excerpts after it. An excerpt found several
    times counts when any occurrence fits; excerpts not in the document are ``check_quotes``' to report.
    """
    doc = document(raw)
    fragments = quote_fragments(quote)
    if len(fragments) < 2:
        return []
    opened: list[Section] = []
    stray = []
    for index, fragment in enumerate(fragments):
        here = [doc.section_at(at) for at in doc.offsets(normalise_text(fragment))]
        if not here:
            continue
        if index == 0 or not opened or opens(fragment):
            opened = here
        elif not any(o.holds(h) for o in opened for h in here):
            stray.append(fragment)
    return stray
