"""Own layers in a real browser: upload, see it on every map page, click it, toggle it, survive bad files."""

from __future__ import annotations

import json
import re

import pytest

from tests import upload_samples as samples
from tests.browser.test_overview import click_at
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
SQUARE_CENTRE = (37.44, 122.10)


def _hostile_layer(tmp_path):
    features = json.loads(samples.geojson())["features"]
    features.append({"type": "Feature", "properties": {"名称": samples.HOSTILE + samples.RTL, "note": "x" * 10_000},
                     "geometry": samples.SQUARE.__geo_interface__})
    path = tmp_path / "我的站点.geojson"
    path.write_bytes(samples.geojson(features))
    return path


def _upload(session, path, loaded=r"^已载入"):
    session.pick_file(path, re.compile(loaded))  # a bare "Loaded" would match "uploaded"


def test_upload_draws_clicks_toggles_on_every_page_and_stays_inert(session, tmp_path):
    dialogs = []
    session.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    session.page.goto(f"{session.base}/my-layer")
    session.page.get_by_text("尚未上传图层").wait_for()
    _upload(session, _hostile_layer(tmp_path))
    frame = session.map()
    frame.locator(".sti-f-upload_3").wait_for(state="attached")
    assert frame.locator(".sti-f-upload_1").count() == 1
    assert session.page.locator('.sti-legend-row[data-layer="upload"]').count() == 1
    session.page.wait_for_timeout(800)
    session.shot("upload-loaded")

    # click the uploaded square: its panel shows where it sits in the plan, and its attributes as text
    click_at(session, *SQUARE_CENTRE)
    panel = session.page.locator('.sti-panel[data-feature="upload_3"]')
    panel.wait_for()
    text = panel.inner_text()
    assert "<script>alert(1)</script>" in text and "onerror" in text  # shown, not run
    assert "位于" in text and "环翠区" in text and "最近园区" in text
    assert "\u202e" not in text and "…" in text  # bidi override removed, 10 KB value cut
    assert "upload_" not in session.page.url  # a session-only feature never goes into a permalink
    session.shot("upload-clicked")

    # another map page, same session: the layer is there with its own toggle
    session.go("总览")
    frame = session.map()
    frame.locator(".sti-f-upload_3").wait_for(state="attached")
    assert session.page.locator('.sti-legend-row[data-layer="upload"]').count() == 1
    session.page.get_by_text("我的图层:我的站点", exact=True).click()
    frame.locator(".sti-f-upload_3").wait_for(state="detached")
    session.page.locator('.sti-legend-row[data-layer="upload"]').wait_for(state="detached")
    assert frame.locator(".sti-f-huancui").count() == 1  # the plan stays
    assert dialogs == [] and session.errors == [] and session.external_requests() == []


def test_bad_upload_shows_a_message_and_keeps_the_previous_layer(session, tmp_path):
    session.page.goto(f"{session.base}/my-layer?lang=en")
    session.page.get_by_text("No layer uploaded yet").wait_for()
    good = tmp_path / "sites.csv"
    good.write_bytes(samples.csv())
    _upload(session, good, r"^Loaded sites")
    for name, data, expected in (("broken.gpkg", b"garbage", "is not valid gpkg"),
                                 ("evil.zip", _evil_zip(), "unsafe path"),
                                 ("photo.png", b"\x89PNG", "Unsupported file type"),
                                 ("entity.kml", XXE_KML, "declares a DTD"),
                                 ("broken.kml", b"<kml><Document><Placemark><name>x</na", "could not be read")):
        bad = tmp_path / name
        bad.write_bytes(data)
        session.pick_file(bad, expected)
        # the caption follows the error in the same rerun (Streamlit streams elements one by one)
        session.page.get_by_text("Your previous layer “sites” is unchanged.").wait_for()
    session.map().locator(".sti-f-upload_2").wait_for(state="attached")
    assert "/tmp" not in _page_text(session) and "ERROR" not in _page_text(session)  # no server details
    session.shot("upload-bad-file")
    assert session.errors == []


XXE_KML = (b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
           b'<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&x;</name></Placemark></kml>')


def _evil_zip() -> bytes:
    return samples.zipped({"../../evil.shp": b"x"})


EVIL_IMG = "![i](http://evil.example/x.png)"


def _page_text(session) -> str:
    """The page's text as a reader sees it (the invisible word joiners that stop autolinks removed)."""
    return session.page.evaluate("() => document.body.innerText").replace("\u2060", "")


def _two_folder_kml(first: str, second: str) -> bytes:
    def folder(name: str, points: list[str]) -> str:
        marks = "".join(f"<Placemark><name>{i}</name><Point><coordinates>{p}</coordinates></Point></Placemark>"
                        for i, p in enumerate(points))
        return f"<Folder><name>{name}</name>{marks}</Folder>"

    return ('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
            + folder(first, ["122.12,37.5"]) + folder(second, ["122.12,37.5", "122.42,37.16"])
            + "</Document></kml>").encode()


def _markup_from(session, needle: str) -> list[str]:
    """Images, links, icons and maths inside the Markdown containers that hold ``needle``: none when it stayed text.

    (Bold and italics show as lost asterisks and underscores: the tests check the literal text for those.)
    """
    return session.page.evaluate("""needle => [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
        .filter(el => el.textContent.replaceAll('\u2060', '').includes(needle))
        .flatMap(el => [...el.querySelectorAll('img, a, code, span[role="img"], .katex')])
        .map(el => el.outerHTML.slice(0, 120))""", needle)


def test_hostile_file_layer_and_column_names_stay_text_and_a_layer_choice_keeps_the_layer(session, tmp_path):
    """Markdown in a file name, a KML folder (layer) name and a CSV header: shown literally, nothing fetched.

    Then choose the other layer of the two-layer KML: the page and every map page keep working.
    """
    session.page.goto(f"{session.base}/my-layer?lang=en")
    session.page.get_by_text("No layer uploaded yet").wait_for()
    no_coords = tmp_path / "**B**_i_.csv"
    no_coords.write_bytes(f"{EVIL_IMG},note\nx,y\n".encode())
    session.pick_file(no_coords, "No lon/lat or WKT columns")
    assert EVIL_IMG in _page_text(session)  # the column name, as text
    assert _markup_from(session, "evil.example") == []

    two = tmp_path / "**B**.kml"  # a folder per layer; GDAL keeps a folder's name as it is
    two.write_bytes(_two_folder_kml("![j](http://evil.example/y.png)", "sites"))
    session.pick_file(two, re.compile(r"^Loaded \*\*B\*\*"))
    assert "showing “![j](http://evil.example/y.png)”" in _page_text(session)
    assert _markup_from(session, "**B**") == [] and _markup_from(session, "evil.example") == []
    assert "Loaded **B**" in _page_text(session)
    session.shot("upload-hostile-names")

    session.idle()
    if not session.page.get_by_role("combobox", name="Layer").is_visible():  # opened for a multi-layer file
        session.page.get_by_text("Reading options").click()
    session.choose("Layer", "sites")
    session.page.get_by_text(re.compile(r"^Loaded \*\*B\*\*: 2 features")).wait_for()
    session.map().locator(".sti-f-upload_2").wait_for(state="attached")
    for link, page_text in (("Overview", "Districts / zones"),
                            ("Districts", "Pick a district or development zone")):
        session.go(link)
        session.page.get_by_text(page_text).first.wait_for()
        session.page.get_by_text("My layer: **B**", exact=True).wait_for()
        session.map().locator(".sti-f-upload_2").wait_for(state="attached")
        assert session.page.locator('[data-testid="stException"]').count() == 0
    assert _markup_from(session, "**B**") == [] and "My layer: **B**" in _page_text(session)
    assert session.errors == [] and session.external_requests() == []


def test_a_polygon_geos_cannot_round_is_drawn_on_every_map_page(session):
    """Issue 18: this valid upload made the display copy raise GEOSException on every map page."""
    breaker = ROOT / "tests" / "data" / "display_breaker.geojson"
    session.page.goto(f"{session.base}/my-layer?lang=en")
    session.page.get_by_text("No layer uploaded yet").wait_for()
    session.pick_file(breaker, re.compile(r"^Loaded display_breaker"))
    session.map().locator(".sti-f-upload_1").wait_for(state="attached")
    session.page.get_by_text("1 feature(s) of your layer are too intricate to simplify").wait_for()
    for link, page_text in (("Overview", "Districts / zones"), ("Layout", "Presenter mode"),
                            ("Districts", "Pick a district or development zone"),
                            ("Industries", "Pick a cluster")):
        session.go(link)
        session.page.get_by_text(page_text).first.wait_for()
        session.map().locator(".sti-f-upload_1").wait_for(state="attached")
        assert session.page.locator('[data-testid="stException"]').count() == 0, link
    session.shot("upload-intricate-polygon")
    assert session.errors == [] and session.external_requests() == []
