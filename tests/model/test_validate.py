"""Validation passes on the real data and fails, naming file, id and field, on each kind of breakage."""

from __future__ import annotations

import json

import pytest

from sti_geo import DataValidationError, load_catalog, read_catalog
from sti_geo._errors import MALFORMED, Problem


def _problems(settings) -> list[Problem]:
    return read_catalog(settings).problems


def _only(problems: list[Problem], file: str, fid: str, field: str) -> Problem:
    hits = [p for p in problems if (p.file, p.feature_id, p.field) == (file, fid, field)]
    assert hits, f"no problem at {file} [{fid}] {field}; got: {[str(p) for p in problems]}"
    return hits[0]


def test_real_data_is_clean(catalog):
    assert catalog.problems == []


def test_bad_quote_is_reported(data_copy, edit):
    edit(data_copy.geodata_dir / "parks.toml", "国际新材料产业园、中欧水处理", "国际新材料产业园、欧中水处理")
    p = _only(_problems(data_copy), "geodata/weihai/parks.toml", "p_yuanyao_bay", "quote")
    assert "not found verbatim" in p.message


def test_quote_fragments_are_each_checked(data_copy, edit):
    edit(data_copy.geodata_dir / "layout.toml", "等产业链,形成浅海科技产业集聚区", "等产业链,形成深海科技产业集聚区")
    _only(_problems(data_copy), "geodata/weihai/layout.toml", "yuanyao_bay", "quote")


def test_whitespace_in_quotes_is_normalised(data_copy, edit):
    # the 2019 document writes "507家"; a quote with different spacing still matches
    edit(data_copy.geodata_dir / "metrics.toml", '… 国家高新技术企业达到 507家"', '… 国家高新技术企业达到507 家"')
    assert _problems(data_copy) == []


def test_qingdao_document_cannot_be_a_source(data_copy, edit):
    weihai = ('source = "2019_weihai_sti_overview.txt"\n'
              'quote = "2019 年,全市科技系统在市委、市政府的坚强领导下 … 国家高新技术企业达到 507家"')
    qingdao = weihai.replace("2019_weihai_sti_overview", "2017h1_qingdao_sti_work_summary")
    edit(data_copy.geodata_dir / "metrics.toml", weihai, qingdao)
    p = _only(_problems(data_copy), "geodata/weihai/metrics.toml", "m_hitech_enterprises_2019_actual", "source")
    assert "not one of this region's source documents" in p.message


def test_point_outside_its_district(data_copy, edit):
    edit(data_copy.geodata_dir / "parks.toml", 'district = "rushan"\nat = "area:rushan"',
         'district = "rushan"\nat = "area:wendeng"')
    p = _only(_problems(data_copy), "geodata/weihai/parks.toml", "p_rs_new_energy_auto", "at")
    assert "outside its district 'rushan'" in p.message


def test_dangling_references(data_copy, edit):
    gd = data_copy.geodata_dir
    edit(gd / "links.toml", 'feature = "p_lg_carbon_fiber"', 'feature = "p_no_such_park"')
    edit(gd / "parks.toml", 'district = "huancui"', 'district = "atlantis"')
    edit(gd / "platforms.toml", 'at = "layout:yuanyao_bay"', 'at = "town:nowhere"')
    edit(gd / "industries.toml", 'parent = "ind_it"', 'parent = "ind_missing"')
    problems = _problems(data_copy)
    link = _only(problems, "geodata/weihai/links.toml", "ind_composites->p_no_such_park", "feature")
    assert "unknown feature" in link.message
    assert "unknown district" in _only(problems, "geodata/weihai/parks.toml", "p_yuanyao_bay", "district").message
    assert "unknown anchor" in _only(problems, "geodata/weihai/platforms.toml", "f_ocean_test_site", "at").message
    chain = _only(problems, "geodata/weihai/industries.toml", "ch_office_automation", "parent")
    assert "unknown cluster" in chain.message


def test_invalid_geometry(data_copy):
    path = data_copy.geodata_dir / "build" / "areas.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    bowtie = {"type": "Polygon", "coordinates": [[[122.0, 37.4], [122.1, 37.5], [122.1, 37.4], [122.0, 37.5],
                                                  [122.0, 37.4]]]}
    for f in data["features"]:
        if f["properties"]["id"] == "gaoqu":
            f["geometry"] = bowtie
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    p = _only(_problems(data_copy), "geodata/weihai/build/areas.geojson", "gaoqu", "geometry")
    assert "invalid" in p.message and "Self-intersection" in p.message


def test_missing_field(data_copy, edit):
    edit(data_copy.geodata_dir / "parks.toml", 'name_en = "Graphene Industrial Park"\n', "")
    p = _only(_problems(data_copy), "geodata/weihai/parks.toml", "p_nh_graphene", "name_en")
    assert p.message == "is missing"


def test_number_must_appear_in_its_quote(data_copy, edit):
    edit(data_copy.geodata_dir / "metrics.toml", "value = 2.36", "value = 2.63")
    p = _only(_problems(data_copy), "geodata/weihai/metrics.toml", "m_rd_share_2020_actual", "value")
    assert "does not appear in the quote" in p.message


@pytest.mark.parametrize(("quote", "value", "found"), [
    ("2017年上半年", 2, False),  # a digit inside a longer number is not that number
    ("总数达1347家", 3, False),
    ("占全省28.1%", 28.1, True),
    ("占全省28.1%", 28, False),
    ("幅度居副省级城市第三,总量居副省级城市第九", 9, True),
    ("首批两个顶尖人才团队", 2, True),
    ("居副省级城市首位", 1, True),
    ("十大科技创新中心", 10, True),
    ("二十五个", 25, True),
])
def test_numbers_in_a_quote(quote, value, found):
    from sti_geo.model.validate import numbers_in
    assert (float(value) in numbers_in(quote)) is found


def test_duplicate_and_non_ascii_ids(data_copy, edit):
    gd = data_copy.geodata_dir
    edit(gd / "parks.toml", 'id = "p_nh_graphene"', 'id = "p_nh_semiconductor"')
    edit(gd / "platforms.toml", 'id = "f_jp_park"', 'id = "中日产业园"')
    problems = _problems(data_copy)
    assert "duplicates" in _only(problems, "geodata/weihai/parks.toml", "p_nh_semiconductor", "id").message
    assert "ASCII" in _only(problems, "geodata/weihai/platforms.toml", "中日产业园", "id").message


@pytest.mark.parametrize("layer", ["districts", "parks", "platforms", "base_land", "base_boundaries"])
def test_a_pack_without_a_layer_the_app_needs_names_the_pack_and_the_layer(data_copy, layer):
    (data_copy.layers_dir / f"{layer}.toml").unlink()
    problem = _only(_problems(data_copy), f"geodata/weihai/layers/{layer}.toml", layer, "layer")
    assert "'威海市'" in problem.message and "the app needs it" in problem.message


def test_plan_ids_never_look_like_uploaded_ids(data_copy, edit):
    edit(data_copy.geodata_dir / "parks.toml", 'id = "p_nh_graphene"', 'id = "upload_7"')
    problems = _problems(data_copy)
    assert "own layers" in _only(problems, "geodata/weihai/parks.toml", "upload_7", "id").message


def test_corrupt_toml_names_the_file(data_copy):
    (data_copy.geodata_dir / "parks.toml").write_text("[[park]\nid = ", encoding="utf-8")
    p = _only(_problems(data_copy), "geodata/weihai/parks.toml", "-", "-")
    assert "cannot parse" in p.message


def test_missing_build_file_names_the_fix(data_copy):
    (data_copy.geodata_dir / "build" / "layout.geojson").unlink()
    p = _only(_problems(data_copy), "geodata/weihai/build/layout.geojson", "-", "-")
    assert "build_geodata.py" in p.message


@pytest.mark.parametrize(("old", "new", "field"), [
    ('color = "#9a3412"', 'color = "orange"', "style.color"),
    ('geometry_type = "Point"', 'geometry_type = "Dot"', "geometry_type"),
    ('fields = ["name"]', 'fields = ["nmae"]', "tooltip.fields"),
    ('group = "parks"', 'group = 7', "group"),
])
def test_layer_spec_errors_name_file_and_field(data_copy, edit, old, new, field):
    edit(data_copy.layers_dir / "parks.toml", old, new)
    _only(_problems(data_copy), "geodata/weihai/layers/parks.toml", "parks", field)


def test_all_problems_are_gathered_and_raised_once(data_copy, edit):
    gd = data_copy.geodata_dir
    edit(gd / "parks.toml", "国际新材料产业园、中欧水处理", "国际新材料产业园、欧中水处理")
    edit(gd / "parks.toml", 'name_en = "Graphene Industrial Park"\n', "")
    edit(gd / "links.toml", 'feature = "p_lg_carbon_fiber"', 'feature = "p_no_such_park"')
    with pytest.raises(DataValidationError) as info:
        load_catalog(data_copy)
    assert len(info.value.problems) >= 3
    text = str(info.value)
    assert "geodata/weihai/parks.toml [p_yuanyao_bay] quote" in text
    assert "geodata/weihai/parks.toml [p_nh_graphene] name_en" in text
    assert "geodata/weihai/links.toml" in text


def test_manifest_fields_the_app_reads_are_checked(data_copy, edit):
    manifest = data_copy.geodata_dir / "manifest.toml"
    edit(manifest, "center = [37.17, 122.05]", "center = [137.17, 122.05]")
    edit(manifest, 'boundary_id = "adm_371000"', "")
    edit(manifest, "zoom = 9", "zoom = 40")
    problems = {(p.file, p.field): p.message for p in read_catalog(data_copy).problems}
    assert problems[("manifest.toml", "center")].startswith("must be [lat, lon]")
    assert problems[("manifest.toml", "boundary_id")] == "is required"
    assert problems[("manifest.toml", "zoom")] == "must be between 5 and 18"


def test_region_facts_come_from_the_manifest_not_the_code():
    """No city name, coordinate or adcode of the bundled region in the package's or pages' code (issue 7)."""
    import re

    from tests.conftest import ROOT

    pattern = re.compile(r"威海|青岛|weihai|qingdao|37\.17|122\.05|3710\d\d|3702\d\d|adm_37", re.I)
    hits = [f"{p.relative_to(ROOT)}:{i}" for folder in ("sti_geo", "sti_app", "pages")
            for p in sorted((ROOT / folder).glob("*.py"))
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert hits == []


def _lines(settings) -> list[str]:
    return [str(p) for p in _problems(settings)]


def test_a_toml_syntax_error_is_the_first_problem_and_its_echoes_one_line(data_copy, edit):
    edit(data_copy.geodata_dir / "parks.toml", "\nname = ", "\nname = = ")
    lines = _lines(data_copy)
    assert lines[0].startswith("geodata/weihai/parks.toml [-] -: cannot parse") and len(lines) == 2, lines
    assert lines[1].startswith("and ") and "files above that cannot be read" in lines[1]


def test_a_deleted_source_is_the_first_problem_not_the_173rd(data_copy):
    (data_copy.sources_dir / "2021_weihai_14th_fyp_sti_plan.txt").unlink()
    lines = _lines(data_copy)
    assert "cannot read" in lines[0] and "No such file" in lines[0], lines[:3]
    assert not any("not one of this region's source documents" in line for line in lines)


def test_a_string_where_a_list_belongs_is_one_problem_not_one_per_character(data_copy, edit):
    listed = 'industries = ["智慧海洋信息", "海洋高端装备", "海水淡化与综合利用", "海洋可再生能源", "海洋科技旅游"]'
    edit(data_copy.geodata_dir / "parks.toml", listed, 'industries = "智慧海洋信息"')
    problems = _problems(data_copy)
    assert [str(p) for p in problems] == [
        'geodata/weihai/parks.toml [p_yuanyao_bay] industries: must be a list of text, e.g. ["…", "…"]']


@pytest.mark.parametrize(("old", "new", "field", "why"), [
    ('name = "远遥浅海科技湾区"', "name = 123", "name", "must be text"),
    ('park_type = "创新型产业园区"', "park_type = true", "park_type", "must be text"),
])
def test_a_value_of_the_wrong_type_is_named_first(data_copy, edit, old, new, field, why):
    edit(data_copy.geodata_dir / "parks.toml", old, new)
    problems = _problems(data_copy)
    assert (problems[0].feature_id, problems[0].field) == ("p_yuanyao_bay", field) and why in problems[0].message
    assert all(p.rank <= MALFORMED or p.message.startswith("and ") for p in problems)


def test_a_metric_value_or_year_of_the_wrong_type_is_malformed(data_copy, edit):
    edit(data_copy.geodata_dir / "metrics.toml", "year = 2019", 'year = "2019"')
    assert "must be a whole number" in _problems(data_copy)[0].message


def test_a_geometry_note_without_its_chinese_is_reported(data_copy, edit):
    # the Chinese page showed "Placed at …" and "County boundary minus …" in English
    edit(data_copy.geodata_dir / "platforms.toml", 'geometry_note_zh = "置于石岛湾高温气冷堆', 'geometry_note_x = "')
    edit(data_copy.geodata_dir / "areas.toml", ', note_zh = "按海阳所镇、乳山口镇的沿海驻地示意。"', "")
    problems = [p for p in _problems(data_copy) if p.field == "geometry_note_zh"]
    assert len(problems) == 2 and "rushan_binhai" in {p.feature_id for p in problems}, problems


def test_every_geometry_note_of_both_packs_reads_in_chinese(catalog):
    from sti_geo.settings import settings_from_env
    from sti_geo.views.details import feature_details

    for pack in (catalog, load_catalog(settings_from_env("qingdao"))):
        for lid, gdf in pack.layers.items():
            for fid in gdf["id"]:
                d = feature_details(pack, str(fid), "zh")
                english = ("Placed", "County", "Union", "Drawn", "Sketched")
                if d is not None and d.geometry_note:
                    assert not d.geometry_note.startswith(english), (lid, fid)


def test_an_english_geometry_note_with_chinese_in_it_is_reported(data_copy, edit):
    edit(data_copy.geodata_dir / "areas.toml", "Sketched from the coastal seats of Haiyangsuo Town",
         "Sketched from the coastal seats of 海阳所镇")
    p = _only(_problems(data_copy), "geodata/weihai/layers/named_areas.toml", "rushan_binhai", "geometry_note")
    assert "海" in p.message and "geometry_note_zh" in p.message


def test_an_inferred_year_other_than_the_year_its_document_describes_is_reported(data_copy, edit):
    # the 2025 evaluation's undated figures are 2024's (its own sentences, the manifest's figures_year)
    metrics = data_copy.geodata_dir / "metrics.toml"
    text = metrics.read_text(encoding="utf-8")
    block = text[text.index('id = "m_hitech_enterprises_2025eval_actual"'):]
    edit(metrics, block[:400], block[:400].replace("year = 2024", "year = 2025", 1))
    p = _only(_problems(data_copy), "geodata/weihai/metrics.toml", "m_hitech_enterprises_2025eval_actual", "year")
    assert "2024" in p.message and "figures_year" in p.message


def test_the_evaluation_s_undated_figures_are_2024_s(catalog):
    m = catalog.metrics
    evaluation = m[(m["source"] == "2025_weihai_policy_evaluation.txt") & (m["year_basis"] == "inferred")]
    reported = evaluation[evaluation["kind"].isin(["actual", "estimate"])]
    assert len(reported) >= 21 and set(reported["year"]) == {2024}
    # its next steps are plans for the years after, not 2024's figures
    assert set(evaluation[evaluation["kind"] == "plan"]["year"]) == {2025}


def test_a_park_placed_by_outside_knowledge_says_so(catalog):
    # its quote says only 荣成市; the 石岛 anchor comes from public reports, not the plan (issue 32's audit)
    row = catalog.feature("p_rc_marine_hitech")
    assert "outside knowledge" in row["geometry_note"] and "文件以外的信息" in row["geometry_note_zh"]
