"""A row claims only what its quote says: each rule fails on a row that breaks it, on the real pack files."""

from __future__ import annotations

import pytest

from sti_geo import read_catalog
from sti_geo.model.claims import names_of
from sti_geo.settings import settings_from_env


def _claims(settings) -> list[str]:
    return [str(p) for p in read_catalog(settings).problems if p.field in ("industries", "district")]


@pytest.mark.parametrize("region", ["weihai", "qingdao"])
def test_both_packs_pass_the_claim_rules(region):
    assert _claims(settings_from_env(region)) == []


def test_an_industry_the_quote_does_not_name_is_reported(data_copy, edit):
    # 威海创新园's quote names the park, not any specialty
    edit(data_copy.geodata_dir / "parks.toml", 'at = "area:huancui"\npark_type = "创新型产业园区"\nindustries = []',
         'at = "area:huancui"\npark_type = "创新型产业园区"\nindustries = ["生物医药"]')
    assert "geodata/weihai/parks.toml [p_weihai_innovation_park] industries: '生物医药' is not named in the quote" \
        in _claims(data_copy)


@pytest.mark.parametrize(("file", "old", "new", "row"), [
    # the reactor's quote names 石岛湾, not 荣成市
    ("platforms.toml", 'district = "city"  # the quote names 石岛湾',
     'district = "rongcheng"  # the quote names 石岛湾', "f_htr_pm"),
    # a list of areas that holds "荣成市区" does not place the next one, 好运角, in 荣成市
    ("areas.toml", 'district = "city"  # no document says which district; drawn at 成山镇',
     'district = "rongcheng"  # drawn at 成山镇', "haoyunjiao"),
    # a district only another row's quote states: the sea-trial site's sentence names the bay, and only
    # p_yuanyao_bay's sentence puts the bay in 环翠区
    ("platforms.toml", ' … 环翠区重点依托远遥浅海科技湾区"\n\n[[platform]]\nid = "f_sea_air_space_lab"',
     '"\n\n[[platform]]\nid = "f_sea_air_space_lab"', "f_qnlm_sea_trial"),
])
def test_a_district_the_quote_does_not_state_is_reported(data_copy, edit, file, old, new, row):
    problems = _claims(data_copy)
    assert not any(f"[{row}] district" in p for p in problems)
    edit(data_copy.geodata_dir / file, old, new)
    assert any(f"[{row}] district" in p for p in _claims(data_copy))


def test_names_take_their_short_form_and_aliases():
    assert names_of({"name": "荣成市"}) == ["荣成市", "荣成"]
    assert names_of({"name": "南海新区"}) == ["南海新区", "南海"]
    assert names_of({"name": "高区"}) == ["高区"]  # "高" alone would match anything
    assert names_of({"name": "西海岸(黄岛区)", "aliases": ["西海岸"]}) == ["西海岸(黄岛区)", "西海岸"]


def _year_problems(settings) -> list[str]:
    return [str(p) for p in read_catalog(settings).problems if p.field in ("year", "period", "year_basis")]


def test_a_year_the_quote_does_not_state_is_reported(data_copy, edit):
    metrics = data_copy.geodata_dir / "metrics.toml"
    # without the document's opening "2019 年,…" the quote does not say 2019
    opening = "2019 年,全市科技系统在市委、市政府的坚强领导下 … "
    edit(metrics, f'"{opening}国家高新技术企业达到 507家"', '"国家高新技术企业达到 507家"')
    assert any("[m_hitech_enterprises_2019_actual] year: 2019 is not in the quote" in p
               for p in _year_problems(data_copy))


def test_an_inferred_year_must_say_what_it_stands_for(data_copy, edit):
    metrics = data_copy.geodata_dir / "metrics.toml"
    edit(metrics, 'year_basis = "inferred"\nperiod = "十三五末', 'year_basis = "inferred"\nnote = "十三五末')
    edit(metrics, 'year_basis = "inferred"\nperiod = "十二五末', 'year_basis = "guessed"\nperiod = "十二五末')
    problems = _year_problems(data_copy)
    assert any("[m_rd_share_2020_actual] period: an inferred year needs the period" in p for p in problems)
    assert any("year_basis: must be one of" in p for p in problems)


@pytest.mark.parametrize(("old", "new", "end"), [
    # the 碳纤维产业园 sentence does not name the 塑料助剂产业园
    ('industry = "ind_composites"\nfeature = "p_lg_carbon_fiber"',
     'industry = "ind_composites"\nfeature = "p_lg_plastic_additives"', "feature"),
    # the 电子信息产业园 sentence names no medicine
    ('industry = "ind_it"\nfeature = "p_electronics_park"', 'industry = "ind_medicine"\nfeature = "p_electronics_park"',
     "industry"),
])
def test_a_link_whose_quote_does_not_name_both_ends_is_reported(data_copy, edit, old, new, end):
    edit(data_copy.geodata_dir / "links.toml", old, new)
    problems = [str(p) for p in read_catalog(data_copy).problems if p.file.endswith("links.toml")]
    assert any(f"] {end}: " in p and "is not named in the quote" in p for p in problems), problems


def test_an_industry_named_only_inside_another_parks_name_does_not_count(data_copy, edit):
    sentence = ("文登区重点依托国际物流多式联运中心暨配套产业园、光通信产业园和新一代信息技术产业园、智能制造产业园、"
                "化工产业园等")
    block = (f'[[link]]\nindustry = "ind_it"\nfeature = "p_wd_optical_comm"\n'
             f'source = "2021_weihai_14th_fyp_sti_plan.txt"\nquote = "{sentence}"\n\n[[link]]')
    edit(data_copy.geodata_dir / "links.toml", "[[link]]", block)
    problems = [str(p) for p in read_catalog(data_copy).problems]
    assert any("[ind_it->p_wd_optical_comm] industry: '新一代信息技术' is not named" in p for p in problems), problems
    # the park named after the cluster keeps its link: the name is its own
    assert not any("[ind_it->p_wd_next_gen_it]" in p for p in problems)


@pytest.mark.parametrize(("feature", "sentence"), [
    # the district whose park is named after the cluster: the park's name, not the district's words
    ("wendeng", "文登区重点依托国际物流多式联运中心暨配套产业园、光通信产业园和新一代信息技术产业园、"
                "智能制造产业园、化工产业园等"),
    # 电子信息 inside 海洋电子信息, a longer term the industry lists as another trade (not_within)
    ("huancui", "环翠区重点依托远遥浅海科技湾区、威海创新园、国际新材料产业园、中欧水处理及膜技术创新产业园等,"
                "建设以海洋电子信息和智能装备、生物医药、新材料、膜处理、高端装备制造为特色的创新型产业园区"),
])
def test_an_industry_named_only_inside_a_longer_name_does_not_link(data_copy, edit, feature, sentence):
    block = (f'[[link]]\nindustry = "ind_it"\nfeature = "{feature}"\n'
             f'source = "2021_weihai_14th_fyp_sti_plan.txt"\nquote = "{sentence}"\n\n[[link]]')
    edit(data_copy.geodata_dir / "links.toml", "[[link]]", block)
    problems = [str(p) for p in read_catalog(data_copy).problems]
    assert f"geodata/weihai/links.toml [ind_it->{feature}] industry: '新一代信息技术' is not named in the quote" \
        in problems


@pytest.mark.parametrize(("old", "new", "message"), [
    # moved to a district the sentence does not name
    ('feature = "rushan"', 'feature = "rongcheng"',
     "[d_rushan_offshore_wind_cluster] feature: '荣成市' is not named in the quote"),
    # a designation the sentence does not give
    ('name = "山东省科技创新强县"', 'name = "国家创新型县"',
     "[d_wendeng_strong_county] name: '国家创新型县' is not in the quote"),
    # what is designated is right, as what is not
    ('name = "碳纤维产业集群 · 国家中小企业特色产业集群"', 'name = "碳纤维产业集群 · 山东省支柱型雁阵集群"',
     "[d_huancui_carbon_fibre_cluster] name: '山东省支柱型雁阵集群' is not in the quote"),
])
def test_a_designation_its_quote_does_not_state_is_reported(data_copy, edit, old, new, message):
    edit(data_copy.geodata_dir / "designations.toml", old, new)
    problems = [str(p) for p in read_catalog(data_copy).problems]
    assert any(p.startswith("geodata/weihai/designations.toml") and message in p for p in problems), problems


def test_a_designation_of_an_unknown_feature_is_reported(data_copy, edit):
    edit(data_copy.geodata_dir / "designations.toml", 'feature = "rushan"', 'feature = "nowhere"')
    assert any("[d_rushan_offshore_wind_cluster] feature: unknown feature 'nowhere'" in str(p)
               for p in read_catalog(data_copy).problems)


@pytest.mark.parametrize(("old", "new", "message"), [
    # a level neither the name nor the quote states (the institute's quote says nothing of a level)
    ('level = ""\nsystem = "1+4+N: 1"', 'level = "国家级"\nsystem = "1+4+N: 1"',
     "[f_wiiti] level: neither the name nor the quote states '国家级'"),
    # not a level at all
    ('level = "市级"', 'level = "县级"', "level: '县级' is not one of 国家级, 省级, 市级"),
    # an aim is not a level: "打造山东省现代渔业创新创业共同体" (the name, in a clause after 打造)
    ('level = ""  # "打造…" is an aim', 'level = "省级"  #',
     "[f_fishery_community] level: '省级' is stated only as an aim"),
    # nor when 国家 appears in another clause: the site's own clause is "打造…国家实验室海上试验场"
    ('level = ""  # "打造…海上试验场" is an aim', 'level = "国家级"  #',
     "[f_qnlm_sea_trial] level: '国家级' is stated only"),
])
def test_a_platform_level_must_be_stated(data_copy, edit, old, new, message):
    edit(data_copy.geodata_dir / "platforms.toml", old, new)
    problems = [str(p) for p in read_catalog(data_copy).problems]
    assert any(p.startswith("geodata/weihai/platforms.toml") and message in p for p in problems), problems


@pytest.mark.parametrize(("old", "new", "row"), [
    # "园区年产值 80 亿元": which park only the sentence before it says
    ("下 … 威海(荣成)海洋高新技术产业园以全国第 2 名的优异成绩通过第七批国家农业科技园区验收 … 园区年产值 80 亿元",
     "下 … 园区年产值 80 亿元", "m_park_output_2019_actual"),
    # the centre named only by its section's heading
    ('quote = "把国家(威海)区域创新中心打造成为新旧动能转换的核心引擎。到2025年,累计衍生孵化企业180家',
     'quote = "到2025年,累计衍生孵化企业180家', "m_rc_spinoffs_2025_target"),
])
def test_a_metric_of_an_area_its_quote_does_not_name_is_reported(data_copy, edit, old, new, row):
    edit(data_copy.geodata_dir / "metrics.toml", old, new)
    problems = [str(p) for p in read_catalog(data_copy).problems]
    assert any(f"[{row}] area_id: " in p and "is not named in the quote" in p for p in problems), problems


def test_one_indicator_one_definition_one_event_one_year(catalog):
    rows = catalog.metrics[catalog.metrics["indicator_id"] == "tech_smes"]
    # "国家科技型中小企业入库数": every figure of it says national and registered (the 2023 summary says neither)
    assert len(rows) >= 4 and rows["quote"].str.contains("国家科技型中小企业").all()
    assert "2023" not in set(rows["year"].astype(str))
    # the park's acceptance (2nd in the country) happened once, in 2019
    rank = catalog.metrics[catalog.metrics["indicator_id"] == "agri_park_acceptance_rank"]
    assert list(rank["year"]) == [2019]


@pytest.mark.parametrize(("old", "new", "message"), [
    # 研究院 is a list neighbour's word, not the park's: the plan calls it a 公共服务平台
    ('name = "哈工大威海创新创业园"\nname_en = "HIT Weihai Innovation and Entrepreneurship Park"\n'
     'platform_type = "科技服务平台"', 'name = "哈工大威海创新创业园"\nname_en = "HIT Weihai Innovation and '
     'Entrepreneurship Park"\nplatform_type = "研究院所"',
     "[f_hit_park] platform_type: '研究院所': neither its name nor its own words in the quote say"),
    # a system its quote does not name
    ('quote = "持续拓展“1+4+N”创新平台体系 … 统筹工信部', 'quote = "统筹工信部',
     "[f_miit_eit] system: '1+4+N' is not in"),
    # a name the quote does not hold, whole or in two parts
    ('name = "迪尚国家专业化众创空间"', 'name = "迪尚众创中心"',
     "[f_dishang_space] name: '迪尚众创中心' is not in the quote, nor two parts of it"),
])
def test_a_platform_type_system_or_name_the_quote_does_not_give_is_reported(data_copy, edit, old, new, message):
    edit(data_copy.geodata_dir / "platforms.toml", old, new)
    problems = [str(p) for p in read_catalog(data_copy).problems]
    assert any(message in p for p in problems), problems
