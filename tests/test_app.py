"""AppTest: every page runs without an exception and shows the right content."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")
TIMEOUT = 60


def _app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def _html_text(at: AppTest) -> str:
    return " ".join(str(h.proto.body) for h in at.get("html"))


def test_overview_renders_map_legend_and_hint():
    at = _app().run()
    assert not at.exception
    assert at.title[0].value == "威海“十四五”科技创新规划地图"
    html = _html_text(at)
    assert 'data-layer="parks"' in html and 'data-layer="named_areas"' not in html  # legend = visible layers
    assert [c.label for c in at.sidebar.checkbox][:2] == ["区市与开发区", "重点片区"]
    assert any("点击地图" in i.value for i in at.info)


def test_overview_selected_feature_shows_panel_with_quote():
    at = _app(sel="p_lg_carbon_fiber").run()
    assert not at.exception
    html = _html_text(at)
    assert "临港区碳纤维产业园" in html and "碳纤维及复合材料" in html
    assert "依托临港区碳纤维产业园等高端园区建设" in html and "2021_weihai_14th_fyp_sti_plan.txt" in html


def test_overview_in_english_and_toggle_updates_legend():
    at = _app(lang="en").run()
    assert at.title[0].value.startswith("Weihai")
    box = next(c for c in at.sidebar.checkbox if c.label == "Parks")
    box.uncheck().run()
    assert not at.exception
    assert 'data-layer="parks"' not in _html_text(at)
    assert "parks" not in at.query_params.get("layers", "") and "layers" in at.query_params


def test_bad_query_parameters_give_a_notice_not_a_traceback():
    at = _app(sel="<script>x</script>", view="nonsense", foo="1").run()
    assert not at.exception
    warning = at.warning[0].value
    assert "sel=" in warning and "view=" in warning and "foo" in warning and "<script>" not in warning


def test_about_page():
    at = _app()
    at.run()
    at.switch_page("pages/about_page.py").run()
    assert not at.exception
    md = " ".join(m.value for m in at.markdown)
    assert "ODbL" in md and "2019_weihai_sti_overview.txt" in md


def test_broken_data_shows_file_and_field_not_traceback(data_copy, edit, monkeypatch):
    edit(data_copy.geodata_dir / "parks.toml", 'name_en = "Graphene Industrial Park"\n', "")
    monkeypatch.setenv("STI_GEO_GEODATA", str(data_copy.geodata_dir))
    monkeypatch.setenv("STI_GEO_LAYERS", str(data_copy.layers_dir))
    at = _app().run()
    assert not at.exception
    assert at.error and "数据文件有误" in at.error[0].value
    assert "geodata/parks.toml [p_nh_graphene] name_en: is missing" in at.code[0].value


@pytest.mark.parametrize("page", ["pages/overview_page.py", "pages/about_page.py"])
def test_every_page_runs_in_both_languages(page):
    for lang in ("zh", "en"):
        at = _app(lang=lang)
        at.run()
        at.switch_page(page).run()
        assert not at.exception, (page, lang)
