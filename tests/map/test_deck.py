"""The tour as a PDF handout, read back page by page with pdftotext and rendered with pdftoppm."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sti_geo.map.print_deck import Line, column_height, fill, wrap_measured
from sti_geo.map.print_files import tour_pdf
from sti_geo.map.printed import TourDeck
from sti_geo.views.tour import scene_rows, scenes

LINKS = {"": "http://localhost:8501/layout?present=1"}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(path: Path) -> list[str]:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is missing: run scripts/setup.sh --dev")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, count + 1)]


def _deck(catalog, tmp_path: Path, lang: str) -> list[str]:
    links = {**LINKS, **{s.id: f"http://localhost:8501/layout?present=1&scene={s.id}" for s in scenes(catalog)}}
    path = tmp_path / f"tour_{lang}.pdf"
    path.write_bytes(tour_pdf(catalog, TourDeck(lang=lang, date="2026-11-23", links=links)))
    shown = subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    assert shown.returncode == 0
    assert len(list(tmp_path.glob("page-*.png"))) == len(_pages(path))  # every page renders
    return _pages(path)


def _scene_text(pages: list[str], title: str) -> str:
    """The text of a scene's page and of its run-on pages."""
    start = next(i for i, p in enumerate(pages[1:], 1) if _squash(p).startswith(_squash(title)))
    run = [pages[start]]
    for page in pages[start + 1:]:
        if not _squash(page).startswith(_squash(title)):
            break
        run.append(page)
    return "".join(run)


@pytest.fixture(scope="module")
def zh_pages(catalog, tmp_path_factory) -> list[str]:
    return _deck(catalog, tmp_path_factory.mktemp("deck_zh"), "zh")


def test_cover_lists_every_scene_with_its_page(catalog, zh_pages):
    cover = _squash(zh_pages[0])
    assert "空间布局" in cover and "演示讲义" in cover and "localhost:8501/layout?present=1" in cover
    for i, scene in enumerate(scenes(catalog), 1):
        assert _squash(f"{i}. {scene.title}") in cover, scene.id
    for scene in scenes(catalog):
        page = int(re.search(_squash(f"{re.escape(scene.title)}") + r"第(\d+)页", cover).group(1))
        assert _squash(zh_pages[page - 1]).startswith(_squash(scene.title)), scene.id


def test_each_scene_page_has_its_caption_quotes_sources_legend_and_link(catalog, zh_pages):
    for scene in scenes(catalog):
        text = _squash(_scene_text(zh_pages, scene.title))
        for row in scene_rows(catalog, scene):
            assert _squash(row["name"]) in text, row["id"]
            assert _squash(row["quote"]) in text, row["id"]  # whole: a long caption runs on, never cut
            assert row["source"] in text, row["id"]
        for lid in scene.layers:
            assert _squash(catalog.specs[lid].legend_label) in text, (scene.id, lid)
        assert f"scene={scene.id}" in text and "示意" in text and "资料来源" in text


def test_a_caption_too_long_for_its_page_runs_on_whole(catalog, zh_pages):
    overview = next(s for s in scenes(catalog) if not s.element)
    start = next(i for i, p in enumerate(zh_pages) if _squash(p).startswith(_squash(overview.title)))
    assert "(续)" in zh_pages[start + 1]  # the layout's 13 elements do not fit one page
    assert len(zh_pages) == 1 + len(scenes(catalog)) + 1


def test_english_deck_has_english_titles_and_the_chinese_quotes(catalog, tmp_path):
    pages = _deck(catalog, tmp_path, "en")
    assert "Tour handout" in pages[0]
    for scene in scenes(catalog):
        text = _scene_text(pages, scene.title_en)
        assert "Scene" in text and "Legend" in text
        for row in scene_rows(catalog, scene):
            assert _squash(row["quote"]) in _squash(text), row["id"]


def test_wrapping_fits_and_never_starts_a_line_with_a_comma():
    lines = wrap_measured("园区,平台。" * 30 + " and some English words", lambda s: len(s) <= 9)
    assert all(len(line) <= 10 for line in lines)  # a closing mark may hang one past
    assert not any(line[0] in ",。" for line in lines)
    assert "".join(lines).replace(" ", "") == ("园区,平台。" * 30 + "andsomeEnglishwords")


def test_fill_keeps_an_element_together_when_a_column_can_hold_it():
    element = [Line("name", "名称", True), Line("text", "说明", True), Line("quote", "原文", True)]
    lines = [*element, *element]
    one = column_height(element, 10.0)  # an element at a column's top
    columns = fill(lines, 10.0, one + 40, one + 20)  # 40 points left: its name would fit, not all of it
    assert [len(c) for c in columns] == [3, 3]  # so the second element starts the next column whole
    tight = fill(lines, 10.0, one + 40, 20)  # no column holds it whole: it breaks between lines
    assert len(tight[0]) == 4 and sum(len(c) for c in tight) == 6
