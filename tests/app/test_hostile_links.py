"""Links and inputs as an outsider tries them: each gives the page or a notice, never a traceback."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from sti_app import keys
from tests.conftest import ROOT
from tests.inert import notices, shown_text

APP = str(ROOT / "app.py")


def _page(page: str, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(f"pages/{page}_page.py").run()
    return at


def _warnings(at: AppTest) -> str:
    return notices(at)


def test_a_small_circle_or_radius_opens_the_query_form_with_its_radius():
    for query, km in (("c:122.1,37.5,0.3", 0.3), ("f:zongbaoqu,0.4", 0.4), ("c:122.1,37.5,0.01", 0.01)):
        at = _page("overview", q=query)
        at.session_state[keys.widget("overview", "q:open")] = True  # the form, drawn as a click opens it
        at.run()
        assert not at.exception, (query, at.exception)
        assert at.number_input(key=keys.widget("overview", "q:km")).value == km
        assert at.query_params["q"] == query


def test_a_radius_below_the_rule_is_a_notice_and_the_form_keeps_its_minimum():
    at = _page("overview", q="c:122.1,37.5,0.001")
    assert not at.exception and "radius 0.001 km: expected 0.01 to 500 km" in _warnings(at)


def test_a_broken_default_pack_is_named_not_replaced_by_another_city(regions_copy, edit):
    edit(regions_copy / "weihai" / "manifest.toml", "zoom = 9", "zoom = = 9")
    at = _page("overview")
    assert not at.exception and at.error and "数据文件有误" in at.error[0].value
    assert "geodata/weihai/manifest.toml" in at.code[0].value and "cannot parse" in at.code[0].value
    assert not at.title  # no map of another city under it
    at = _page("overview", region="qingdao")  # a pack asked for by name still serves
    assert not at.exception and at.title[0].value.startswith("青岛")


def test_a_world_sized_rectangle_answers_for_the_city_and_says_it_was_clipped():
    at = _page("overview", q="r:-180,-85,180,85", layers="districts,parks,platforms")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["在范围内"]) > 0 and metrics["可能在范围内"] == "0"
    assert any("只查询其中的部分" in i.value and "EPSG:32651" in i.value for i in at.info)


def test_unicode_digits_in_links_are_notices_on_every_page_that_reads_them():
    for page, query in (("overview", {"theme": "parks", "year": "²²²²"}),
                        ("overview", {"year": "①②③④", "theme": "metric:hitech_zone_national_rank"}),
                        ("overview", {"cmp": "plan,theme:parks", "split": "²²"}),
                        ("upload", {"cmp": "plan,theme:parks", "split": "²²"}),
                        ("overview", {"cmp": "theme:parks@²,plan"})):
        at = _page(page, **query)
        assert not at.exception, (page, query, at.exception)
        assert at.warning, (page, query)


def test_the_upload_summary_table_shows_formula_names_as_text_its_own_csv_writes():
    # the table's toolbar "Download as CSV" writes the cells as shown: they must not start a formula
    from sti_geo.upload.layer import read_upload
    from tests import upload_samples as samples

    features = [{"type": "Feature", "properties": {"名称": name}, "geometry": samples.SQUARE.__geo_interface__}
                for name in ("=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "\ufeff+cmd")]
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[keys.UPLOAD_LAYER] = read_upload(samples.geojson(features), "h.geojson")
    at.session_state[keys.UPLOAD_VISIBLE] = True
    at.session_state[keys.UPLOAD_SUMMARY] = {}
    at.switch_page("pages/upload_page.py").run()
    assert not at.exception
    (table,) = [d.value for d in at.dataframe]
    names = list(table.iloc[:, 1])
    assert names == ["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(A1)", "'\ufeff+cmd"], names


def _inside(view: str, box: tuple[float, float, float, float]) -> bool:
    lat, lon, _ = (float(v) for v in view.split(","))
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


QINGDAO = (118.9, 35.0, 121.6, 37.5)  # its pack's [build] bbox


def test_switching_the_city_leaves_the_old_city_s_view_and_choices_behind():
    at = _page("districts", district="lingang", view="37.31530,122.04593,11", lang="en")
    at.selectbox(key=keys.labelled("app", "region", "en")).set_value("qingdao").run()
    assert not at.exception
    params = dict(at.query_params)
    assert params["region"] == "qingdao" and params.get("lang") == "en"  # the reader's language stays
    assert "view" not in params or _inside(params["view"], QINGDAO), params
    assert not at.warning  # nothing of the old city is refused: it is not asked for at all


def test_a_view_far_outside_the_region_is_a_notice():
    at = _page("overview", region="qingdao", view="37.31530,122.04593,11")
    assert not at.exception and "outside this region's map" in _warnings(at)
    assert "view" not in at.query_params or _inside(at.query_params["view"], QINGDAO)
    assert not _page("overview", view="37.5,122.1,11").warning  # Weihai's own view: no notice


def test_notices_say_what_is_wrong_once_in_words_a_reader_understands():
    said = _warnings(_page("overview", q="f:core"))
    assert said.count("query") == 1 and "expected f:" in said, said  # was "query 'f:core': query 'f:core': …"
    said = _warnings(_page("overview", q="c:"))
    assert "coordinate is missing" in said and "convert" not in said and "float" not in said, said
    said = _warnings(_page("overview", region="qingdao", where="level=国家级"))
    assert "this region's data gives no platform level" in said and "one of: " not in said, said
    for query in ({"year": "9999", "theme": "parks"}, {"year": "0000"}, {"where": ";;;"}):
        at = _page("overview", **query)
        assert not at.exception and at.warning, query
        assert all(k not in at.query_params for k in query if k != "theme"), (query, dict(at.query_params))


def test_a_layers_list_of_only_unknown_ids_keeps_the_page_s_layers():
    at = _page("overview", layers="nope,nothing")
    assert not at.exception and "layers: unknown nope, nothing" in _warnings(at)
    assert 'data-layer="parks"' in " ".join(str(h.proto.body) for h in at.get("html"))  # the defaults, not empty
    empty = _page("overview", layers="")  # every layer switched off is a choice, kept
    assert not empty.exception and not empty.warning


def test_a_district_without_targets_says_so_and_links_the_city_s_targets():
    at = _page("districts", district="wendeng")  # the documents give 文登区 no figure at all
    captions = " ".join(shown_text(c.value) for c in at.caption)
    # whom the documents do set targets for, as the target rows say: the city and the 一核 centre
    assert ("文件没有给出文登区的数字指标,也没有为它设定目标。文件中的目标是为威海市、国家(威海)区域创新中心设定的。"
            in captions), captions
    assert any("全部指标与目标" in str(link.proto) for link in at.get("page_link"))
    at = _page("districts", district="rongcheng", lang="en")  # actuals, no target
    captions = " ".join(shown_text(c.value) for c in at.caption)
    assert "The documents set Rongcheng City no targets" in captions, captions
    at = _page("districts", region="qingdao", district="laoshan")  # its report sets no targets: says none
    captions = " ".join(shown_text(c.value) for c in at.caption)
    assert "设定目标" in captions and "文件中的目标是为" not in captions, captions


def test_leaving_presenter_mode_entered_from_the_page_brings_the_elements_back():
    at = _page("layout")
    pills = at.get("button_group")[0]
    every = list(pills.value)
    assert len(every) == 5
    at.toggle(key=keys.widget("layout", "present")).set_value(True).run()
    at.toggle(key=keys.widget("layout", "present")).set_value(False).run()
    assert not at.exception
    assert list(at.get("button_group")[0].value) == every  # all five were off: only the districts were left
    assert "layout_core" in at.query_params.get("layers", "layout_core")


def test_the_export_page_offers_the_land_alone_in_a_crs_that_fits_all_layers():
    at = _page("export", scope="layer", layer="base_land", crs="EPSG:4550", format="gpkg")
    assert not at.exception and not at.warning, [w.value for w in at.warning]
    assert at.get("download_button")
