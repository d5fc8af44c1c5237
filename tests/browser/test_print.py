"""Print the view from the browser: the file's legend lists exactly the layers on the map."""

from __future__ import annotations

import subprocess

import pytest

from tests.browser.conftest import PUBLIC_URL
from tests.browser.test_overview import _open

pytestmark = pytest.mark.browser


def test_print_button_downloads_the_view_with_its_legend(session, catalog, tmp_path):
    _open(session, "?layers=districts,parks")
    session.idle()
    session.page.get_by_role("button", name="打印 / 导出视图").click()
    session.page.get_by_text("PDF", exact=True).click()
    session.idle()
    with session.page.expect_download(timeout=60000) as info:
        session.page.get_by_role("button", name="下载").click()
    download = info.value
    assert download.suggested_filename == "sti_geo_overview_A4.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert catalog.specs["districts"].legend_label in text and catalog.specs["parks"].legend_label in text
    assert catalog.specs["platforms"].legend_label not in text  # off on the map: not in the legend
    assert "layers=districts%2Cparks" in text.replace(" ", "") or "layers=districts,parks" in text
    # the link a reader can open: the configured public address and the page, not the presenter's 127.0.0.1
    assert f"{PUBLIC_URL}?layers=" in text.replace(" ", "") and "127.0.0.1" not in text  # opened at the root
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-singlefile", str(path), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page.png").stat().st_size > 10_000
    assert session.external_requests() == []


def test_presenter_downloads_the_whole_tour_as_one_pdf(session, catalog, tmp_path):
    from sti_geo.views.tour import scenes

    tour = scenes(catalog)
    _open(session, "layout?present=1&scene=city")
    session.idle()
    session.page.get_by_role("button", name=f"生成讲义 PDF(全部 {len(tour)} 幕)").click()
    bar = session.page.locator("[data-testid=stProgress]")
    bar.wait_for(timeout=15000)  # seconds of work: a bar names the scene being made, not a silent spinner
    assert "正在生成讲义" in bar.inner_text()
    session.shot("handout-progress")
    ready = session.page.get_by_role("button", name=f"讲义 PDF(全部 {len(tour)} 幕)", exact=True)
    ready.wait_for(timeout=90000)
    with session.page.expect_download(timeout=30000) as info:
        ready.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "sti_geo_tour_A4.pdf"
    pages = int(subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
                .split("Pages:")[1].split()[0])
    assert pages >= 1 + len(tour)  # a cover and a page per scene (a long caption runs on)
    text = "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    for scene in tour:
        assert scene.title in text and f"scene={scene.id}" in text, scene.id  # each scene's page and permalink
    assert session.external_requests() == []
