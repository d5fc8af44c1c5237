"""Prints that overlap in threads come out as a print made alone: its Chinese in the CJK TrueType font."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
VIEWS = 4


def _fonts(pdf: Path) -> set[tuple[str, str]]:
    """(font name without its subset tag, type) of every font the PDF embeds, as ``pdffonts`` lists them."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    fonts = set()
    for line in lines[2:]:
        name, rest = line.split(maxsplit=1)
        kind = "CID TrueType" if rest.startswith("CID TrueType") else rest.split()[0]
        fonts.add((name.split("+", 1)[-1], kind))
    return fonts


def _pages(pdf: Path, out: Path) -> list[bytes]:
    """The PDF's pages rendered as a reader shows them (pdftoppm), as PNG bytes."""
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(out / pdf.stem)], check=True, capture_output=True)
    return [p.read_bytes() for p in sorted(out.glob(f"{pdf.stem}-*.png"))]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    if not (shutil.which("pdffonts") and shutil.which("pdftoppm")):
        pytest.fail("pdffonts/pdftoppm (poppler-utils) are missing: run scripts/setup.sh --dev")
    out = tmp_path_factory.mktemp("threads")
    subprocess.run([sys.executable, str(HERE / "print_threads.py"), str(out), str(VIEWS)], check=True, timeout=300)
    return out


@pytest.mark.parametrize("name", [*map(str, range(VIEWS)), "deck"])
def test_a_print_made_with_others_embeds_only_the_cjk_truetype_font(printed, name):
    # an overlap that loses the settings draws in DejaVu Sans and saves Type 3 glyphs (boxes in most readers)
    assert _fonts(printed / f"together-{name}.pdf") == {("WenQuanYiZenHei", "CID TrueType")}
    assert _fonts(printed / f"alone-{name}.pdf") == {("WenQuanYiZenHei", "CID TrueType")}


@pytest.mark.parametrize("name", [*map(str, range(VIEWS)), "deck"])
def test_a_print_made_with_others_looks_like_the_same_print_made_alone(printed, name, tmp_path):
    together = _pages(printed / f"together-{name}.pdf", tmp_path)
    alone = _pages(printed / f"alone-{name}.pdf", tmp_path)
    assert len(together) == len(alone) >= 1
    assert [i for i, (a, b) in enumerate(zip(together, alone, strict=True)) if a != b] == []
