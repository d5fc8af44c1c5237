"""AppTest: every page runs without an exception and shows the right content."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from sti_app import keys
from sti_geo import load_catalog
from tests.conftest import ROOT
from tests.inert import notices, shown_text

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
    assert "临港区碳纤维产业园" in html and "碳纤维等复合材料" in html  # its cluster, by a quoted link
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
    warning = notices(at)
    assert "sel=" in warning and "view=" in warning and "foo" in warning and "<script>" not in warning


def test_about_page():
    at = _app()
    at.run()
    at.switch_page("pages/about_page.py").run()
    assert not at.exception
    md = " ".join(m.value for m in at.markdown)
    assert "ODbL" in md and "2019_weihai_sti_overview.txt" in md
    assert "python -m sti_app.serve" in md  # not served by AppTest's script runner: the page says how


def test_export_and_about_pages_name_the_service_address(monkeypatch):
    from sti_app import ogcapi_mount

    monkeypatch.setattr(ogcapi_mount, "served_at", "http://localhost:8501/ogcapi")
    for name in ("export", "about"):
        for lang in ("zh", "en"):
            at = _page(name, lang=lang)
            md = " ".join(m.value for m in at.markdown)
            assert "`http://localhost:8501/ogcapi`" in md, (name, lang)
            assert ("添加 WFS 图层" if lang == "zh" else "Add WFS Layer") in md, (name, lang)


def test_broken_data_shows_file_and_field_not_traceback(data_copy, edit, monkeypatch):
    edit(data_copy.geodata_dir / "parks.toml", 'name_en = "Graphene Industrial Park"\n', "")
    monkeypatch.setenv("STI_GEO_GEODATA", str(data_copy.geodata_dir))
    monkeypatch.setenv("STI_GEO_LAYERS", str(data_copy.layers_dir))
    at = _app().run()
    assert not at.exception
    assert at.error and "数据文件有误" in at.error[0].value
    assert "geodata/weihai/parks.toml [p_nh_graphene] name_en: is missing" in at.code[0].value


def _page(page: str, **query) -> AppTest:
    """Open a page directly, as a permalink does."""
    at = _app(**query)
    at.switch_page(f"pages/{page}_page.py").run()
    assert not at.exception, at.exception
    return at


def _open(at: AppTest, page: str, *names: str, is_open: bool = True) -> AppTest:
    """Open (or shut) the page's expanders and popovers ``names`` as a click does: their content is drawn only
    while they are open."""
    for name in names:
        at.session_state[keys.widget(page, name)] = is_open
    at.run()
    assert not at.exception, at.exception
    return at


def test_districts_page_lists_parks_platforms_specialties_metrics():
    at = _page("districts")
    at.selectbox(key=keys.labelled("districts", "district", "zh")).set_value("gaoqu").run()
    assert not at.exception
    assert at.subheader[0].value == "高区"
    html = _html_text(at)
    assert "高端医疗器械和医药新材料" in html and "高区重点依托医疗器械与生物医药产业园" in html
    parks = at.dataframe[0].value
    assert set(parks["名称"]) == {"高区医疗器械与生物医药产业园", "电子信息与智能制造产业园", "科技创新园"}
    assert "“文化路+火炬路”双创特色街区" in set(at.dataframe[1].value["名称"])
    assert "高区在全国高新区中排名" in set(at.dataframe[2].value["指标"])
    assert at.query_params["district"] == "gaoqu"
    # a designation from another document, with that document's sentence
    assert "新一代信息技术产业集群 · 山东省战略性新兴产业集群" in html
    assert "培育高新区新一代信息技术产业集群" in html and "2025_weihai_policy_evaluation.txt" in html


@pytest.mark.parametrize(("lang", "note", "tasks"), [
    ("zh", "规划三处称“七大产业集群”,第七章却列出八个", "专栏中的其他任务"),
    ("en", "speaks of 'seven industry clusters' three times but its chapter 7 lists eight",
     "Other work the box names")])
def test_industries_page_says_the_plan_counts_seven_and_lists_eight(lang, note, tasks):
    at = _page("industries", cluster="ind_agriculture", lang=lang)
    assert not at.exception
    assert note in at.caption[0].value
    assert any(m.value.startswith(f"**{tasks}** (4)") for m in at.markdown)


def test_industries_page_shows_chains_and_hosts():
    at = _page("industries", cluster="ind_medicine", lang="en")
    assert shown_text(at.subheader[0].value) == "New medicine and medical devices"
    hosts = at.dataframe[0].value
    assert {"Hi-tech Zone Medical Devices and Biomedicine Park", "Wendeng Biomedicine Industrial Park"} <= set(
        hosts["Name"])
    assert "Chinese medicinal herbs" in _html_text(at)


def test_metrics_page_status_and_sources():
    at = _page("metrics", indicator="rd_share")
    assert "无法判断趋势" in at.subheader[0].value  # 2020 is inferred (十三五末): one stated year, 2023
    table = at.dataframe[0].value
    row = table[table["指标"] == "国家高新技术企业数"].iloc[0]
    assert (row["最新实际"], row["2025目标"], row["状态"]) == ("超1700 · 2024(推定)", "超过1500", "已达成")
    values = at.dataframe[1].value
    assert set(values["来源文件"]) == {"2021_weihai_14th_fyp_sti_plan.txt", "2023_weihai_sti_work_summary.txt"}
    assert "全社会研发经费投入占比达到2.36%" in set(values["原文"])
    assert "规则" in at.caption[0].value


@pytest.mark.parametrize(("lang", "label"), [("zh", "工作打算"), ("en", "planned work")])
def test_metrics_page_shows_next_steps_as_planned_work(lang, label):
    # the 2025 evaluation's "四、下步工作打算": 7 task forces are to be set up, not set up
    at = _page("metrics", indicator="industry_innovation_chain_taskforces", lang=lang)
    assert not at.exception
    values = at.dataframe[1].value
    kind = values.columns[[str(c) for c in values.columns].index("类型" if lang == "zh" else "Kind")]
    assert list(values[kind]) == [label]


@pytest.mark.parametrize(("lang", "heading", "name"), [
    ("zh", "全市获批的称号与认定", "山东半岛国家自主创新示范区"),
    ("en", "The city's designations", "Shandong Peninsula National Independent Innovation Demonstration Zone")])
def test_metrics_page_lists_the_city_s_own_designations_with_their_sentences(lang, heading, name):
    at = _page("metrics", indicator="rd_share", lang=lang)
    assert not at.exception
    assert heading in [h.value for h in at.subheader]
    table = next(d.value for d in at.dataframe if d.value.columns[0] in ("称号", "Designation"))
    assert name in set(table.iloc[:, 0])
    assert all(n[:1] == n[:1].upper() for n in table.iloc[:, 0])  # "Mass entrepreneurship …" heads its row
    assert "获批外国人才服务保障综合配套改革试点" in set(table.iloc[:, 2])  # the verbatim sentence beside it


def test_layout_page_elements_and_presenter_tour():
    at = _page("layout")
    assert [e.label for e in at.main.expander] == ["一核", "一城", "一带", "一廊", "五区"]
    at.sidebar.toggle[0].set_value(True).run()
    seen = []
    for _ in range(6):
        seen.append(at.query_params["scene"])
        assert "sti-scene" in _html_text(at)
        at.button(key=keys.widget("layout", "next")).click().run()
        assert not at.exception
    assert seen == ["core", "city", "belt", "corridor", "zones", "overview"]
    assert at.query_params["scene"] == "core"  # wraps around
    at.button(key=keys.widget("layout", "prev")).click().run()
    assert at.query_params["scene"] == "overview"


def test_layout_permalink_restores_scene():
    at = _page("layout", present="1", scene="zones", lang="en")
    assert "Five Zones" in _html_text(at)
    assert "Five demonstration zones" not in [e.label for e in at.main.expander]


@pytest.mark.parametrize("page", ["overview", "layout", "districts", "industries", "metrics", "upload", "export",
                                  "about"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_runs_in_both_languages(page, lang):
    at = _page(page, lang=lang)
    assert at.title or at.markdown[0].value.startswith("# "), page


@pytest.mark.parametrize(("page", "param"), [("districts", "district"), ("industries", "cluster"),
                                             ("metrics", "indicator"), ("layout", "scene")])
def test_bad_page_parameter_is_a_notice(page, param):
    at = _page(page, **{param: "<img src=x>"})
    assert at.warning and param in notices(at) and "<img" not in at.warning[0].value




def test_export_page_restores_its_choices_and_lists_the_features():
    at = _page("export", scope="district", district="lingang", format="shp", crs="EPSG:4550")
    assert at.radio(key=keys.labelled("export", "scope", "zh")).value == "district"
    assert at.selectbox(key=keys.labelled("export", "district", "zh")).value == "lingang"
    chosen = (at.selectbox(key=keys.widget("export", "format")).value,
              at.selectbox(key=keys.labelled("export", "crs", "zh")).value)
    assert chosen == ("shp", "EPSG:4550")
    counts = at.dataframe[0].value
    assert dict(zip(counts.iloc[:, 0], counts.iloc[:, 2], strict=True))["parks"] == 3


def test_export_page_takes_any_epsg_code_and_says_when_it_does_not_fit():
    at = _page("export", format="gpkg", crs="EPSG:2386", lang="en")  # Xian 1980 / GK CM 123E: not a shortcut
    assert at.selectbox(key=keys.labelled("export", "crs", "en")).value == "other"
    assert at.text_input(key=keys.widget("export", "epsg")).value == "EPSG:2386"
    assert not at.warning and at.get("download_button")
    at.text_input(key=keys.widget("export", "epsg")).set_value("4527").run()  # CM 117°E: not Weihai's zone
    assert not at.exception and at.query_params["crs"] == "EPSG:4527"
    assert "is meant for" in at.warning[0].value and not at.get("download_button")


def test_a_crs_that_does_not_fit_is_said_in_the_page_s_language():
    at = _page("export", format="gpkg", crs="EPSG:4527")  # CM 117°E: not Weihai's zone
    warning = at.warning[0].value
    assert "适用于" in warning and "请选择" in warning and "is meant for" not in warning
    assert not at.get("download_button")


def test_export_page_offers_only_the_named_crss_that_fit_the_region():
    at = _page("export", format="gpkg", region="qingdao")
    options = at.selectbox(key=keys.labelled("export", "crs", "zh")).options
    assert "EPSG:4550" not in " ".join(options)  # CM 123°E is two degrees east of Qingdao
    assert any("EPSG:4490" in o for o in options)


def test_export_page_offers_the_csv_geometry_and_keeps_it_in_the_url():
    at = _page("export", format="csv", csv_geometry="points", lang="en")
    choice = at.radio(key=keys.labelled("export", "csv_geometry", "en"))
    assert choice.value == "points" and "Excel" in choice.help and len(choice.options) == 3
    choice.set_value("full").run()
    assert not at.exception and at.query_params["csv_geometry"] == "full"
    gpkg = _page("export", format="gpkg")
    assert keys.labelled("export", "csv_geometry", "zh") not in [r.key for r in gpkg.radio]  # CSV's choice is CSV's
    bad = _page("export", format="csv", csv_geometry="<b>x</b>")
    assert bad.warning and "csv_geometry" in shown_text(bad.warning[0].value)
    assert bad.radio(key=keys.labelled("export", "csv_geometry", "zh")).value == "simplified"


def test_export_page_forces_wgs84_for_geojson():
    at = _page("export", format="geojson", crs="EPSG:4550")
    fixed = at.selectbox(key=keys.labelled("export", "crs_fixed", "zh"))
    assert fixed.value == "EPSG:4326" and fixed.disabled


@pytest.mark.parametrize(("target", "damage", "expected"), [
    ("geodata/weihai/build/areas.geojson", None, "geodata/weihai/build/areas.geojson"),
    ("geodata/weihai/metrics.toml", "[[metric]\nid = ", "geodata/weihai/metrics.toml"),
    ("geodata/weihai/layers/parks.toml", "id = 7\n", "geodata/weihai/layers/parks.toml"),
    ("geodata/weihai/manifest.toml", "\x00\x01 not toml", "geodata/weihai/manifest.toml"),
])
def test_missing_or_corrupt_data_file_names_the_file(data_copy, monkeypatch, target, damage, expected):
    root = data_copy.geodata_dir.parent.parent
    path = root / target
    if damage is None:
        path.unlink()
    else:
        path.write_text(damage, encoding="utf-8")
    monkeypatch.setenv("STI_GEO_GEODATA", str(data_copy.geodata_dir))
    monkeypatch.setenv("STI_GEO_LAYERS", str(data_copy.layers_dir))
    for page in ("overview", "upload", "export"):
        at = _app()
        at.switch_page(f"pages/{page}_page.py").run()
        assert not at.exception, (page, at.exception)
        assert at.error and "数据文件有误" in at.error[0].value
        assert expected in at.code[0].value, at.code[0].value


def _with_upload(page: str, **query) -> AppTest:
    """A page in a session that has uploaded a layer with a hostile name (AppTest cannot drive the uploader)."""
    import json

    from sti_geo.upload.layer import read_upload
    from tests import upload_samples as samples

    features = json.loads(samples.geojson())["features"]
    features.append({"type": "Feature", "properties": {"名称": samples.HOSTILE, "note": "x" * 10_000},
                     "geometry": samples.SQUARE.__geo_interface__})
    at = _app(**query)
    at.session_state[keys.UPLOAD_LAYER] = read_upload(samples.geojson(features), "我的站点.geojson")
    at.session_state[keys.UPLOAD_VISIBLE] = True
    at.session_state[keys.UPLOAD_SUMMARY] = {}
    at.switch_page(f"pages/{page}_page.py").run()
    assert not at.exception, at.exception
    return at


def test_upload_page_without_a_layer_explains_formats_and_limits():
    at = _page("upload", lang="en")
    assert "50 MB" in at.caption[0].value and "20000 features" in at.caption[0].value
    assert any("No layer uploaded yet" in i.value for i in at.info)


def test_upload_page_shows_summary_and_offers_every_export():
    at = _with_upload("upload")
    assert any("已载入" in m.value and "3 个要素" in m.value for m in at.markdown)
    table = at.dataframe[0].value
    assert list(table["编号"]) == ["upload_1", "upload_2", "upload_3"]
    assert "环翠区" in table["所在规划区域"].iloc[0]
    assert "下载图层及空间关系" in [b.proto.label for b in at.get("download_button")]
    at.selectbox(key=keys.widget("upload", "format")).set_value("shp").run()
    assert not at.exception
    at.selectbox(key=keys.widget("upload", "format")).set_value("csv").run()
    at.radio(key=keys.labelled("upload", "csv_geometry", "zh")).set_value("points").run()
    assert not at.exception and at.radio(key=keys.labelled("upload", "csv_geometry", "zh")).label == "CSV 几何"


@pytest.mark.parametrize("page", ["overview", "layout", "districts", "industries", "upload"])
def test_own_layer_has_a_toggle_and_legend_row_on_every_map_page(page):
    at = _with_upload(page)
    box = next(c for c in at.sidebar.checkbox if c.label == "我的图层:我的站点")
    assert box.value
    assert 'data-layer="upload"' in _html_text(at)
    box.uncheck().run()
    assert not at.exception and 'data-layer="upload"' not in _html_text(at)


def test_uploaded_feature_panel_is_inert_and_never_in_the_url():
    at = _with_upload("overview")
    at.session_state[keys.view("overview")].selected = "upload_3"
    at.run()
    html = _html_text(at)
    assert 'data-feature="upload_3"' in html and "&lt;script&gt;" in html and "<script>" not in html
    assert "位于" in html and "x" * 501 not in html
    assert "sel" not in at.query_params


@pytest.mark.parametrize("page", ["overview", "layout", "districts", "industries", "metrics", "upload", "export",
                                  "about"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_runs_for_the_qingdao_pack(page, lang):
    at = _page(page, lang=lang, region="qingdao")
    assert at.query_params.get("region") == "qingdao"  # the permalink keeps the region


def test_qingdao_overview_metrics_and_layout_content():
    at = _page("overview", region="qingdao")
    assert shown_text(at.title[0].value) == "青岛市科技工作地图(2017年上半年)"
    assert 'data-layer="platforms"' in _html_text(at)
    metrics = _page("metrics", region="qingdao", lang="en")
    assert metrics.title[0].value == "Metrics"  # no 2025 targets in a work report
    table = metrics.dataframe[-1].value
    row = table[table["Indicator"] == "Technology contract turnover"].iloc[0]
    assert row["Comparable"] == "no" and "different periods" in row["Why"] and "Jan–May 2017" in row["Here"]
    layout = _page("layout", region="qingdao", lang="en")
    assert any("define no spatial layout" in i.value for i in layout.info)
    about = _page("about", region="qingdao", lang="en")
    assert "never annualised" in " ".join(m.value for m in about.markdown)


def test_a_chinese_page_names_the_ignored_parameters_in_chinese_and_keeps_the_english_details_apart():
    at = _page("overview", view="not-a-view", bogus="1")
    assert not at.exception
    warning = at.warning[0].value
    assert "链接中的参数" in warning and "view" in warning and "bogus" in warning
    assert "expected" not in warning and "unknown parameter" not in warning  # no English sentence in it
    details = [h.proto.body for h in at.get("html") if 'lang="en"' in h.proto.body]
    assert details and "unknown parameter" in details[0]  # the rule's own words, marked English
    english = _page("overview", view="not-a-view", lang="en")
    assert "expected lat,lon,zoom" in english.warning[0].value


def test_region_switch_and_bad_region_parameter():
    at = _page("overview")
    assert at.title[0].value.startswith("威海")
    at.selectbox(key=keys.labelled("app", "region", "zh")).set_value("qingdao").run()
    assert not at.exception and at.title[0].value.startswith("青岛")
    assert at.query_params.get("region") == "qingdao"
    bad = _page("overview", region="<atlantis>")
    assert bad.title[0].value.startswith("威海")
    assert bad.warning and "region=" in notices(bad) and "<atlantis>" not in bad.warning[0].value


def test_district_without_specialties_does_not_label_its_sentence_as_specialties():
    at = _page("districts", region="qingdao", district="laoshan")
    html = _html_text(at)
    assert '<span class="sti-label">原文依据</span>' in html and '<span class="sti-label">特色产业</span>' not in html
    weihai = _html_text(_page("districts", district="lingang"))
    assert '<span class="sti-label">特色产业</span>' in weihai


def test_a_link_made_with_an_own_layer_says_the_layer_is_gone_until_dismissed():
    """A server restart, an expired session or a shared link: the layer is not there, and the page says so."""
    at = _page("overview", mine="1", lang="en")
    assert any("The layer you uploaded is gone" in i.value for i in at.info)
    assert "mine" not in at.query_params  # nothing to flag any more
    at.button(key=keys.widget("app", "upload_lost_ok")).click().run()
    assert not any("is gone" in i.value for i in at.info)


def test_the_url_flags_an_own_layer_but_never_its_ids():
    at = _with_upload("overview")
    at.session_state[keys.view("overview")].selected = "upload_3"
    at.run()
    assert at.query_params.get("mine") == "1" and "sel" not in at.query_params
    assert not any("is gone" in i.value or "已不在" in i.value for i in at.info)


@pytest.mark.parametrize("page", ["overview", "layout", "districts", "industries", "upload"])
def test_every_map_page_offers_to_print_its_view(page):
    at = _with_upload(page) if page == "upload" else _page(page)
    assert not at.exception
    assert not any(b.proto.label == "下载" for b in at.get("download_button")), page  # shut: nothing drawn
    _open(at, page, "print:open")
    assert any(b.proto.label == "下载" for b in at.get("download_button")), page
    assert at.radio(key=keys.widget(page, "print_format")).options == ["PNG (300 dpi)", "PDF", "SVG"]


def test_the_print_keeps_its_choices_while_its_popover_is_shut():
    from sti_app import printing

    at = _open(_page("layout"), "layout", "print:open")
    at.selectbox(key=keys.widget("layout", "print_paper")).set_value("A3").run()
    at.radio(key=keys.widget("layout", "print_format")).set_value("pdf").run()
    _open(at, "layout", "print:open", is_open=False)
    assert not [b for b in at.get("download_button") if b.proto.label == "下载"]
    _open(at, "layout", "print:open")
    assert at.selectbox(key=keys.widget("layout", "print_paper")).value == "A3"
    assert at.radio(key=keys.widget("layout", "print_format")).value == "pdf"
    assert at.toggle(key=keys.widget("layout", "print_landscape")).value is True
    assert at.session_state[keys.print_choices("layout")] == {**printing.CHOICES, "paper": "A3", "format": "pdf"}


def test_presenter_mode_offers_the_tour_as_a_handout():
    at = _page("layout")
    deck = keys.widget("layout", "deck_download")
    assert not [b for b in at.get("download_button") if b.proto.id.endswith(deck)]  # only when presenting
    at = _page("layout", present="1", scene="belt", lang="en")
    assert not at.exception
    make = at.button(key=keys.widget("layout", "deck_make"))
    assert make.label == "Make the handout PDF (all 6 scenes)"  # made on a click, with a progress bar
    make.click().run(timeout=120)
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Handout PDF (all 6 scenes)" in labels, labels
    at.run()  # made once: offered at once on the next run, not made again
    assert "Handout PDF (all 6 scenes)" in [b.proto.label for b in at.get("download_button")]


def test_presenter_autoplay_is_in_the_permalink():
    at = _page("layout", present="1", scene="core")
    box = at.selectbox(key=keys.labelled("layout", "autoplay", "zh"))
    assert box.value == 0 and "autoplay" not in at.query_params
    box.set_value(10).run()
    assert at.query_params["autoplay"] == "10" and not at.exception
    assert "&quot;autoplay&quot;:10" in _html_text(at)  # the map runtime's state element
    at = _page("layout", present="1", scene="core", autoplay="10")
    assert at.selectbox(key=keys.labelled("layout", "autoplay", "zh")).value == 10
    at = _page("layout", present="1", autoplay="7")  # not an offered interval: a notice, autoplay off
    assert at.warning and "autoplay" in at.warning[0].value
    assert at.selectbox(key=keys.labelled("layout", "autoplay", "zh")).value == 0


def facet_box(at, page: str, facet: str, lang: str = "zh"):
    """A facet's multiselect (its key also names its labels: ``filtering.box_key``)."""
    prefix = keys.labelled(page, f"where:{facet}", lang) + "#"
    boxes = [m for m in at.multiselect if str(m.key).startswith(prefix)]
    if not boxes:
        raise KeyError(prefix)
    return boxes[0]


def test_filters_narrow_the_count_search_and_url():
    at = _page("overview", layers="districts,platforms")
    with pytest.raises(KeyError):  # shut: the facets are not drawn
        facet_box(at, "overview", "platform_type")
    box = facet_box(_open(at, "overview", "where:open"), "overview", "platform_type")
    assert "实验室" in box.options[0] or any(o.startswith("实验室") for o in box.options)
    box.select("实验室").run()
    assert not at.exception
    assert at.query_params["where"] == "platform_type=实验室"
    assert any(c.value.startswith("显示 13 / 73") for c in at.caption), [c.value for c in at.caption]
    search = " ".join(at.selectbox(key=keys.widget("overview", "search")).options)
    assert "海洋碳汇重点实验室" in search and "威海创客大街" not in search  # a lab; a filtered-out platform
    at = _page("overview", layers="districts,platforms", where="platform_type=实验室")  # the link restores it
    assert facet_box(at, "overview", "platform_type").value == ["实验室"]
    facet_box(at, "overview", "level").select("国家级").run()
    assert at.query_params["where"] == "platform_type=实验室;level=国家级"


def test_facet_counts_are_per_kind_follow_the_other_facets_and_keep_the_choice():
    at = _open(_page("overview", layers="districts,parks,platforms"), "overview", "where:open")
    huancui = next(o for o in facet_box(at, "overview", "district").options if o.startswith("环翠区"))
    assert "园区 5" in huancui and "平台 4" in huancui  # per kind, not "环翠区 (10)"
    facet_box(at, "overview", "platform_type").select("实验室").run()
    huancui = next(o for o in facet_box(at, "overview", "district").options if o.startswith("环翠区"))
    assert "平台 1" in huancui and "园区 5" in huancui  # what choosing it would show, given the labs
    facet_box(at, "overview", "district").select("huancui").run()
    assert not at.exception and at.query_params["where"] == "district=huancui;platform_type=实验室"
    assert facet_box(at, "overview", "platform_type").value == ["实验室"]  # its labels changed; its choice stayed
    assert facet_box(at, "overview", "district").value == ["huancui"]


@pytest.mark.parametrize("page", ["districts", "industries", "upload"])
def test_every_map_page_offers_filters(page):
    at = _with_upload(page) if page == "upload" else _page(page)
    assert not at.exception
    assert facet_box(_open(at, page, "where:open"), page, "district") is not None


def test_export_page_exports_what_the_filter_keeps():
    at = _page("export", where="platform_type=实验室;level=国家级,省级")
    assert not at.exception
    assert any("平台类型" in c.value and "实验室" in c.value for c in at.caption)
    table = at.dataframe[0].value
    assert list(table.columns) == ["图层(文件名)", "名称", "要素数"]  # headers in the page's language
    counts = dict(zip(table.iloc[:, 0], table.iloc[:, 2], strict=True))
    platforms = load_catalog().layers["platforms"]
    expected = platforms[(platforms["platform_type"] == "实验室") & platforms["level"].isin(["国家级", "省级"])]
    assert counts["platforms"] == len(expected) == 2  # the facets narrow the platforms …
    assert counts["parks"] == len(load_catalog().layers["parks"])  # … and leave the parks alone
    assert facet_box(at, "export", "level").value == ["国家级", "省级"]


def test_district_and_industry_lists_follow_the_filter():
    at = _page("districts", district="huancui", where="platform_type=研究院所")
    assert not at.exception
    platforms = load_catalog().layers["platforms"]
    here = platforms[platforms["district_id"] == "huancui"]
    kept = int((here["platform_type"] == "研究院所").sum())
    headers = [m.value for m in at.markdown if m.value.startswith("**")]
    assert any(h.endswith(f"({kept} / {len(here)})") for h in headers), headers
    at = _page("industries", cluster="ind_medicine", where="level=省级")
    assert not at.exception
    assert any("/" in m.value for m in at.markdown if m.value.startswith("**")), "hosts narrowed"


@pytest.mark.parametrize(("lang", "why", "outline"), [
    ("zh", "综保区 是示意范围,轮廓可能偏差 ±104 公里:确定在 3 公里内的范围不存在(文件未给出其位置)", "轮廓 ±"),
    ("en", "is a schematic area whose outline may be off by ±104 km: certainly within 3 km nowhere (no document "
           "gives where it is)", "outline ±")])
def test_around_a_place_no_document_locates_the_page_says_why_only_possibly(lang, why, outline):
    at = _page("overview", q="f:zongbaoqu,3", layers="districts,parks,platforms", lang=lang)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["在范围内" if lang == "zh" else "within"] == "0"
    assert any(why in shown_text(w.value) for w in at.warning), [w.value for w in at.warning]
    table = at.dataframe[-1].value
    assert table.iloc[:, 4].str.startswith(outline).any()  # schematic areas say how far their outline may be off


def test_what_lies_within_from_a_link_and_from_the_form():
    at = _page("overview", q="f:core,10", layers="districts,parks,platforms")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["在范围内"] == "0" and int(metrics["可能在范围内"]) > 0  # 一核 is known to ±104 km only
    assert any("±104" in w.value for w in at.warning)
    assert "&quot;query&quot;" in _html_text(at) and "&quot;certain&quot;" not in _html_text(at)  # only possible
    at = _open(_page("overview", layers="districts,parks,platforms"), "overview", "q:open")
    at.radio(key=keys.labelled("overview", "q:mode", "zh")).set_value("circle").run()
    at.number_input(key=keys.widget("overview", "q:lat")).set_value(37.51)
    at.number_input(key=keys.widget("overview", "q:lon")).set_value(122.12)
    # 20 km: within 10 km of the centre nothing is certain (no site there is known better than ±6 km)
    at.number_input(key=keys.widget("overview", "q:km")).set_value(20.0)
    at.button(key=keys.widget("overview", "q:run")).click().run()
    assert at.query_params["q"] == "c:122.12,37.51,20"
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["在范围内"]) > 0 and "&quot;certain&quot;" in _html_text(at)
    at = _page("overview", q="c:122.1,nan,5")
    assert at.warning and "coordinate 'nan' is not a number" in notices(at)


def test_thematic_districts_from_the_sidebar_and_the_link():
    at = _page("overview", layers="districts")
    box = at.selectbox(key=keys.labelled("overview", "theme", "zh"))
    box.set_value("parks").run()
    assert not at.exception and at.query_params["theme"] == "parks"
    html = _html_text(at)
    assert 'data-theme="parks"' in html and "&quot;theme&quot;" in html and "等间距分级" in html
    at = _page("overview", layers="districts", theme="parks", sel="wendeng")  # the link; a district's value
    parks = load_catalog().layers["parks"]
    assert any(m.value.startswith("**园区数**") and f"{int((parks['district_id'] == 'wendeng').sum())}" in m.value
               for m in at.markdown)
    at = _page("overview", theme="nonsense")
    assert at.warning and "theme" in notices(at)


def test_layout_page_filters_its_elements():
    at = _page("layout", where="district=nanhai")
    assert not at.exception
    assert facet_box(at, "layout", "district").value == ["nanhai"]
    assert any(c.value.startswith("显示 ") for c in at.caption)
    assert "nanhai" not in _html_text(at).split("&quot;hidden&quot;")[1].split("]")[0]  # kept, others hidden


def _map_state(at: AppTest) -> dict:
    import html
    import json
    import re

    found = re.search(r'class="sti-map-state"[^>]*data-state="([^"]+)"', _html_text(at))
    assert found, "no map state element"
    return json.loads(html.unescape(found.group(1)))


def test_compare_from_the_sidebar_switch_and_its_two_pickers():
    at = _page("overview", layers="districts,parks")
    assert at.sidebar.selectbox(key=keys.labelled("overview", "theme", "zh"))  # the single theme, while not comparing
    at.toggle(key=keys.widget("overview", "cmp:on")).set_value(True).run()
    assert not at.exception and at.query_params["cmp"] == "plan,theme:parks"
    state = _map_state(at)
    assert state["layers"] == ["districts", "parks"] and state["theme"] is None  # the left side: the plan
    assert state["compare"]["layers"] == ["districts", "parks"] and state["compare"]["theme"]["layer"] == "districts"
    assert state["compare"]["labels"] == ["规划图层", "专题:园区数"] and state["compare"]["split"] == 50
    html = _html_text(at)
    assert "左侧:规划图层" in html and "右侧:专题:园区数" in html and 'data-theme="parks"' in html
    theme = keys.labelled("overview", "theme", "zh")
    assert not [s for s in at.sidebar.selectbox if s.key == theme]  # each side chooses
    at.selectbox(key=keys.labelled("overview", "cmp:left", "zh")).set_value("theme:links").run()
    assert at.query_params["cmp"] == "theme:links,theme:parks"
    assert _map_state(at)["theme"]["colours"]  # the left side coloured now
    at.selectbox(key=keys.labelled("overview", "cmp:left", "zh")).set_value("theme:parks").run()
    assert at.warning and "两侧相同" in at.warning[0].value
    assert _map_state(at)["compare"] is None  # two equal sides compare nothing
    at.toggle(key=keys.widget("overview", "cmp:on")).set_value(False).run()
    assert "cmp" not in at.query_params and _map_state(at)["compare"] is None


def test_a_compare_link_restores_both_sides_their_values_and_the_divider():
    at = _page("overview", layers="districts", cmp="theme:parks,theme:platforms", split="30", sel="wendeng")
    state = _map_state(at)
    assert state["compare"]["split"] == 30 and state["theme"]["layer"] == "districts"
    catalog = load_catalog()
    parks, platforms = catalog.layers["parks"], catalog.layers["platforms"]
    lines = [m.value for m in at.markdown]
    assert f"**园区数**: {int((parks['district_id'] == 'wendeng').sum())}" in lines
    assert f"**平台数**: {int((platforms['district_id'] == 'wendeng').sum())}" in lines
    at = _page("overview", lang="en", cmp="plan,theme:links")
    assert "Right: Thematic: Industry links" in _html_text(at)
    for cmp, split, words in (("plan,plan", "", "the two sides are the same"), ("plan,theme:x", "", "no thematic"),
                              ("plan,theme:parks", "3", "from 5 to 95")):
        at = _page("overview", cmp=cmp, **({"split": split} if split else {}))
        assert at.warning and words in notices(at), cmp


def test_the_own_layer_side_without_an_own_layer_says_so():
    at = _page("overview", cmp="plan,upload")  # a link from a session that had one
    assert _map_state(at)["compare"]["layers"] == []
    assert any("本会话没有自有图层" in c.value for c in at.caption)


def test_the_within_list_names_districts_in_the_page_language():
    at = _page("overview", lang="en", layers="districts,parks,platforms", q="f:zongbaoqu,10")
    table = next(d.value for d in at.dataframe if "District" in d.value.columns)
    places = set(table["District"])
    assert places and not any("区" in p or "市" in p for p in places), places  # English names, not 环翠区


def test_without_the_print_font_the_print_says_so_instead_of_failing(monkeypatch):
    from sti_geo.map import printed

    monkeypatch.setattr(printed, "FONT_FILES", ("/nonexistent/font.ttc",))
    at = _open(_page("overview"), "overview", "print:open")
    assert any("fonts-wqy-zenhei" in w.value for w in at.warning)
    assert not [b for b in at.get("download_button") if b.key == keys.widget("overview", "print_download")]
    at = _page("layout", present="1")
    assert not [b for b in at.get("download_button") if b.key == keys.widget("layout", "deck_download")]
    assert not [b for b in at.button if b.key == keys.widget("layout", "deck_make")]


def test_a_district_s_export_may_be_one_layer():
    # "the CSV of one district's parks": the district scope exported every layer of it (districts.csv too)
    at = _page("export", scope="district", district="rongcheng", layer="parks", format="csv")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == ["parks"]
    at = _page("export", scope="district", district="rongcheng")
    assert not at.exception and "layer" not in at.query_params
    assert len(at.dataframe[0].value) > 1  # every layer, as before, unless one is chosen


def test_the_legend_lists_only_what_the_filter_leaves_on_the_map():
    # a filter that leaves no platform: the platforms' entry went on in the legend
    platforms = load_catalog().layers["platforms"]
    labs = set(platforms.loc[platforms["platform_type"] == "实验室", "district_id"])
    empty = next(d for d in ("wendeng", "rushan", "lingang", "jingqu") if d not in labs)
    at = _page("overview", layers="districts,parks,platforms", where=f"platform_type=实验室;district={empty}")
    assert not at.exception
    rows = [part for part in _html_text(at).split("sti-legend-row")[1:]]
    layers = {part.split('data-layer="')[1].split('"')[0] for part in rows if 'data-layer="' in part[:60]}
    assert "platforms" not in layers and "districts" in layers, layers
