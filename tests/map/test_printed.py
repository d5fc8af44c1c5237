"""The printed view, read back as a user would: pdftotext, pdftoppm, the PNG's size, the SVG's text."""

from __future__ import annotations

import shutil
import struct
import subprocess

import pytest

from sti_geo import InputError
from sti_geo.map.print_files import print_view
from sti_geo.map.printed import PNG_DPI, PrintView, wrap_text

SHOWN = ("districts", "layout_core", "parks")
HIDDEN = ("platforms", "layout_belt")


def _view(catalog, lang="zh", **kw) -> PrintView:
    return PrintView(layers=kw.pop("layers", SHOWN), center=(37.19, 122.16), zoom=9, lang=lang,
                     title="威海“十四五”科技创新规划地图", permalink="http://localhost:8501/?layers=districts",
                     date="2026-11-23", **kw)


@pytest.fixture(scope="module")
def pdf_text(catalog, tmp_path_factory) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is missing: run scripts/setup.sh --dev")
    path = tmp_path_factory.mktemp("print") / "view.pdf"
    path.write_bytes(print_view(catalog, _view(catalog), "pdf"))
    png = subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(path), str(path.with_suffix(""))],
                         check=True)
    assert png.returncode == 0 and path.with_suffix(".png").stat().st_size > 10_000
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_pdf_has_the_title_the_visible_legend_and_the_sources_in_chinese(catalog, pdf_text):
    text = " ".join(pdf_text.split())
    assert "威海“十四五”科技创新规划地图" in text and "图例" in text
    for lid in SHOWN:
        assert catalog.specs[lid].legend_label in text, lid
    for lid in HIDDEN:  # the legend lists exactly the visible layers
        assert catalog.specs[lid].legend_label not in text, lid
    assert "2021_weihai_14th_fyp_sti_plan.txt" in text.replace(" ", "") and "OpenStreetMap" in text
    assert "制图日期:2026-11-23" in text.replace(" ", "") and "示意" in text
    assert "荣成市" in text and "localhost:8501" in text  # a district's name on the map; the permalink
    points = [lid for lid in SHOWN if catalog.specs[lid].geometry_type == "Point"]
    metres = [m for lid in points for m in catalog.layers[lid]["accuracy_m"].dropna()]
    assert f"±{round(min(metres) / 1000)}–{round(max(metres) / 1000)}" in text.replace(" ", "")  # the data's range


def test_png_is_300_dpi_a4_and_svg_keeps_its_text(catalog):
    png = print_view(catalog, _view(catalog, paper="A4"), "png")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (int(297 / 25.4 * PNG_DPI), int(210 / 25.4 * PNG_DPI))
    portrait = print_view(catalog, _view(catalog, paper="A3", landscape=False), "png")
    assert struct.unpack(">II", portrait[16:24]) == (int(297 / 25.4 * PNG_DPI), int(420 / 25.4 * PNG_DPI))
    svg = print_view(catalog, _view(catalog, lang="en"), "svg").decode()
    assert catalog.specs["parks"].legend_label_en in svg and "Legend" in svg
    assert catalog.specs["platforms"].legend_label_en not in svg


def test_hostile_names_are_only_text_in_the_svg(catalog):
    hostile = catalog.__class__.__new__(catalog.__class__)
    hostile.__dict__.update(catalog.__dict__)
    layers = dict(catalog.layers)
    layers["districts"] = catalog.layers["districts"].assign(name='<script>alert(1)</script>')
    hostile.__dict__["layers"] = layers
    svg = print_view(hostile, _view(hostile, layers=("districts",)), "svg").decode()
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_bad_print_choices_are_input_errors(catalog):
    with pytest.raises(InputError, match="print format"):
        print_view(catalog, _view(catalog), "tiff")
    with pytest.raises(InputError, match="paper"):
        print_view(catalog, _view(catalog, paper="Letter"), "png")


def test_wrap_counts_a_chinese_character_as_two_columns():
    lines = wrap_text("园区、平台位置近似:文件只给出所在区域" * 3, 20)
    assert all(len(line) <= 10 for line in lines) and "".join(lines) == "园区、平台位置近似:文件只给出所在区域" * 3
    assert wrap_text("one two three four", 9) == ["one two", "three", "four"]


def test_a_filtered_print_names_its_filter_and_leaves_out_what_it_hides(catalog, tmp_path):
    from sti_geo.model.filters import hidden_ids, where_label

    where = {"platform_type": ("实验室",)}
    hidden = tuple(hidden_ids(catalog, ["platforms"], where))
    view = _view(catalog, layers=("districts", "platforms"), hidden=hidden,
                 filter_note=where_label(catalog, where, "zh"))
    svg = print_view(catalog, view, "svg").decode()
    assert "筛选" in svg and "平台类型" in svg and "实验室" in svg
    plain = print_view(catalog, _view(catalog, layers=("districts", "platforms")), "svg").decode()
    assert 0 < svg.count("<use") < plain.count("<use")  # fewer markers drawn


def test_a_print_draws_the_query_and_names_it(catalog):
    svg = print_view(catalog, _view(catalog, query="c:122.12,37.51,10"), "svg").decode()
    plain = print_view(catalog, _view(catalog), "svg").decode()
    assert "范围查询" in svg and "c:122.12,37." in svg and "范围查询" not in plain  # the note (wrapped) names it
    assert svg.count("#7c3aed") > plain.count("#7c3aed")  # its outline is drawn


def test_a_thematic_print_colours_the_districts_and_lists_the_classes(catalog, tmp_path):
    from sti_geo.views.thematic import legend_rows, theme

    chosen = theme(catalog, "parks", "zh")
    view = _view(catalog, layers=("districts",), fills=tuple(chosen.colours.items()),
                 fill_legend=tuple(legend_rows(chosen, "zh")), fill_title="园区数 (等间距分级: 2, 3, 5, 6, 8)")
    svg = print_view(catalog, view, "svg").decode()
    assert "园区数" in svg and "等间距分级" in svg
    for colour, label in legend_rows(chosen, "zh"):
        assert colour in svg and label in svg, (colour, label)
    path = tmp_path / "theme.png"
    path.write_bytes(print_view(catalog, view, "png"))


def test_a_compared_view_prints_both_sides_next_to_each_other(catalog, tmp_path):
    from dataclasses import replace

    from sti_geo.views.thematic import legend_rows, theme

    def fills(measure: str) -> dict:
        chosen = theme(catalog, measure, "zh")
        return {"fills": tuple(chosen.colours.items()), "fill_legend": tuple(legend_rows(chosen, "zh")),
                "fill_title": chosen.label}

    left = _view(catalog, layers=("districts", "parks"), side_title="左侧:专题:园区数", **fills("parks"))
    right = replace(left, layers=("districts",), side_title="右侧:专题:平台数", **fills("platforms"))
    view = replace(left, right=right)
    svg = print_view(catalog, view, "svg").decode()
    assert "◀ 左侧:专题:园区数" in svg and "▶ 右侧:专题:平台数" in svg  # each map under its side's name
    assert "◀ 园区数" in svg and "▶ 平台数" in svg  # each side's classes in the legend
    for measure in ("parks", "platforms"):
        for colour, _ in legend_rows(theme(catalog, measure, "zh"), "zh"):
            assert colour in svg, (measure, colour)
    assert svg.count('<g id="axes_') == 2  # two maps (one without a right side)
    path = tmp_path / "compare.pdf"
    path.write_bytes(print_view(catalog, view, "pdf"))
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert "左侧:专题:园区数" in text and "右侧:专题:平台数" in text


def test_without_a_cjk_font_printing_stops_with_the_fix_named(catalog, monkeypatch):
    from sti_geo.map import printed

    monkeypatch.setattr(printed, "FONT_FILES", ("/nonexistent/font.ttc",))
    assert printed.print_font_file() is None
    with pytest.raises(printed.PrintFontMissing, match="fonts-wqy-zenhei"):
        print_view(catalog, _view(catalog), "pdf")


def test_a_long_permalink_wraps_within_the_paper_and_links_to_the_whole_address(catalog, tmp_path):
    import html
    import math
    import re
    from urllib.parse import urlencode

    corners = [(122.1 + 0.2 * math.cos(2 * math.pi * k / 60), 37.3 + 0.15 * math.sin(2 * math.pi * k / 60))
               for k in range(60)]  # a drawn polygon of 60 corners: the longest query a link carries
    query = "p:" + ",".join(f"{x:.5f},{y:.5f}" for x, y in corners)
    url = "http://bureau.example:8501/overview?" + urlencode({"layers": "districts,parks", "q": query,
                                                               "view": "37.30000,122.10000,10"})
    assert len(url) > 1400
    for paper, landscape in (("A4", True), ("A4", False)):
        path = tmp_path / f"{paper}-{landscape}.pdf"
        view = PrintView(layers=SHOWN, center=(37.3, 122.1), zoom=10, lang="zh", title="范围查询", permalink=url,
                         paper=paper, landscape=landscape, query=query)
        path.write_bytes(print_view(catalog, view, "pdf"))
        boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                               check=True).stdout
        page_width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))
        words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                           boxes)
        lines = [w for _, _, w in words if w.startswith("http://bureau") or "%2C" in w]  # the link's lines
        link = [(float(x0), float(x1), w) for x0, x1, w in words if w in lines]
        assert all(x0 >= 0 and x1 <= page_width for x0, x1, _ in link), (paper, landscape)  # on the paper
        assert html.unescape("".join(w for *_, w in link)) == url  # read in order, the lines are the link
        uris = re.findall(rb"/URI \((.*?)\)", path.read_bytes())
        assert len(uris) >= 2 and all(u == url.encode() for u in uris)  # each line opens the whole address


def test_the_notes_are_in_the_print_s_language_and_one_accuracy_is_one_number(catalog):
    from sti_geo.map.print_figure import print_notes

    zh = " ".join(print_notes(catalog, _view(catalog)))
    assert "事实引自" in zh and "Facts quoted from" not in zh and "schematic" not in zh
    assert "威海市“十四五”科技创新规划" in zh and "2021_weihai_14th_fyp_sti_plan.txt" in zh
    assert "由 GCJ-02 转换为 WGS-84" in zh and "converted" not in zh  # the boundaries' source too
    en = " ".join(print_notes(catalog, _view(catalog, lang="en")))
    assert "Facts quoted from" in en and "事实引自" not in en and "GCJ-02 converted to WGS-84" in en
    core = [lid for lid in catalog.layers if lid == "layout_core"]  # one point, known to one accuracy
    metres = catalog.layers["layout_core"]["accuracy_m"].dropna()
    km = round(metres.iloc[0] / 1000)
    alone = " ".join(print_notes(catalog, _view(catalog, layers=tuple(core))))
    assert f"±{km} 公里" in alone and f"±{km}–{km}" not in alone


def test_a_scene_element_is_drawn_above_the_stack_at_its_place(catalog):
    # 一核 sits at the city's anchor, where the city-level parks and platforms are stacked ("5", "48")
    import numpy as np
    from matplotlib.colors import to_rgb

    from sti_geo.map.print_figure import print_context, print_figure
    from sti_geo.map.print_map import MERCATOR

    core = catalog.layers["layout_core"].to_crs(MERCATOR).geometry.iloc[0]
    view = PrintView(layers=("districts", "layout_core", "parks", "platforms"), center=(37.50914, 122.11356),
                     zoom=10, lang="zh", title="一核", highlight=("core",))
    with print_context():
        fig = print_figure(catalog, view)
        fig.canvas.draw()
        pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3] / 255
        ax = next(a for a in fig.axes if a.get_xlim()[0] <= core.x <= a.get_xlim()[1])
        x, y = ax.transData.transform((core.x, core.y))
    seen = pixels[round(pixels.shape[0] - y), round(x)]
    want = to_rgb(catalog.specs["layout_core"].style.fill_color)
    assert np.abs(seen - want).max() < 0.08, (seen, want)  # the core's own colour, not a stack's or its count


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_element_of_a_scene_is_named_on_its_print(catalog, lang):
    # the handout named 3 of the five zones (1 in English): a scene's own names go first and are never left out
    from sti_geo.map.print_deck import _scene_view
    from sti_geo.map.print_figure import print_context, print_figure
    from sti_geo.map.printed import TourDeck
    from sti_geo.text.i18n import field_in
    from sti_geo.views.tour import scene_by_id

    view = _scene_view(catalog, TourDeck(lang=lang, date="2026-12-06"), scene_by_id(catalog, "zones"))
    with print_context():
        fig = print_figure(catalog, view)
        names = {t.get_text().replace("\n", " ") for ax in fig.axes for t in ax.texts}
    zones = list(catalog.layers["layout_demo_zones"][field_in("name", lang)])
    assert [z for z in zones if z not in names] == [], names


def test_a_dashed_line_is_dashed_as_on_the_map_not_in_pieces(catalog):
    # matplotlib counts a dash in line widths: the corridor's "10 6" px became 56 pt pieces with 34 pt gaps
    from matplotlib.colors import to_rgba

    from sti_geo.map.print_figure import print_context, print_figure

    spec = catalog.specs["layout_corridor"]
    view = PrintView(layers=("districts", "layout_corridor"), center=(37.2, 122.1), zoom=9, lang="zh", title="一廊")
    with print_context():
        fig = print_figure(catalog, view)
        lines = [c for ax in fig.axes for c in ax.collections
                 if len(c.get_edgecolor()) and tuple(c.get_edgecolor()[0][:3]) == to_rgba(spec.style.color)[:3]]
        assert lines, "the corridor is drawn"
        width = lines[0].get_linewidth()[0]
        _, pattern = lines[0].get_dashes()[0]
    assert pattern is not None and max(pattern) <= 2.5 * width, (pattern, width)  # dash 2 widths, gap 1.2


def test_two_layers_stacks_at_one_place_are_printed_side_by_side(catalog):
    # the city's parks and platforms are both stacked at the city's anchor: their counts were printed one over
    # the other
    from sti_geo.map.print_figure import print_context, print_figure

    view = PrintView(layers=("districts", "parks", "platforms"), center=(37.45, 122.1), zoom=10, lang="zh",
                     title="园区与平台")
    with print_context():
        fig = print_figure(catalog, view)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        counts = [t.get_window_extent(renderer) for ax in fig.axes for t in ax.texts if t.get_text().isdigit()]
    assert len(counts) >= 2
    overlapping = [(a, b) for i, a in enumerate(counts) for b in counts[i + 1:] if a.overlaps(b)]
    assert overlapping == []
