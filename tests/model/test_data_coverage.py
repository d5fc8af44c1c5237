"""The data covers what the plan names: parks and specialties of 三(四), nodes of 三(一), clusters of 七."""

from __future__ import annotations

import re

import pytest

PLAN = "2021_weihai_14th_fyp_sti_plan.txt"
DISTRICT_IDS = {"环翠区": "huancui", "文登区": "wendeng", "荣成市": "rongcheng", "乳山市": "rushan", "高区": "gaoqu",
                "经区": "jingqu", "临港区": "lingang", "综保区": "zongbaoqu", "南海新区": "nanhai"}


def _section_3_4(catalog) -> str:
    text = catalog.sources[PLAN]
    start = text.index("(四)推进创新型产业园区在各区市、开发区的特色专业发展。")
    return text[start:text.index("四、建设具有特色的区域创新中心")]


def _parks_by_district(catalog) -> dict[str, list[str]]:
    """Park names per district, parsed from the 三(四) sentences '<区>重点依托A、B、C等,'."""
    out = {}
    for district, body in re.findall(r"(环翠区|文登区|荣成市|乳山市|高区|经区|临港区|南海新区)重点依托(.+?)(?:等)?,",
                                      _section_3_4(catalog)):
        out[district] = [n for part in body.split("、") for n in part.split("和") if n]
    return out


def test_section_3_4_is_parsed_for_all_districts_with_parks(catalog):
    assert set(_parks_by_district(catalog)) == set(DISTRICT_IDS) - {"综保区"}  # 综保区 names no park


def test_every_park_of_section_3_4_is_present_in_its_district(catalog):
    parks = catalog.layers["parks"]
    for district, names in _parks_by_district(catalog).items():
        mine = parks[parks["district_id"] == DISTRICT_IDS[district]]
        for name in names:
            assert mine["name"].str.contains(name, regex=False).any(), f"{district}: park {name} missing"


def test_every_specialty_of_section_3_4_is_on_its_district(catalog):
    section = _section_3_4(catalog)
    districts = catalog.layers["districts"].set_index("name")
    for district in DISTRICT_IDS:
        match = re.search(district + r".*?以(.+?)(?:等)?为特色", section)
        assert match, district
        specialties = match.group(1).split("、")
        have = districts.loc[district, "industries"]
        for s in specialties:
            assert s in have, f"{district}: specialty {s} missing"


@pytest.mark.parametrize(("layer", "names"), [
    ("named_areas", ["双岛湾科技城", "东部滨海新城", "好运角旅游度假区", "荣成市区", "石岛管理区", "乳山滨海新区",
                     "张村—羊亭产业聚集区"]),
    ("districts", ["南海新区", "经区", "临港区", "文登区"]),
    ("layout_core", ["国家(威海)区域创新中心"]),
    ("core_system", ["威海市产业技术研究院(威海郭永怀高等技术研究院)", "工信部威海电子信息技术综合研究中心",
                     "山东大学威海工业技术研究院", "哈工大威海创新创业园", "高端医疗器械创新中心"]),
    ("layout_ocean_cores", ["国家海洋综合试验场", "威海(荣成)海洋高新技术产业园", "蓝色碳谷"]),
    ("layout_ocean_city", ["远遥浅海科技湾区", "海洋生物产业引领区", "海洋新经济先导区"]),
    ("layout_belt", ["环海创新经济带"]),
    ("layout_corridor", ["中部制造业走廊"]),
    ("layout_demo_zones", ["自主创新示范区", "产城融合示范区", "海洋经济发展示范区", "蓝色经济新区",
                           "中韩自贸区地方经济合作示范区"]),
])
def test_every_node_of_section_3_1_is_present(catalog, layer, names):
    have = set(catalog.layers[layer]["name"])
    assert not set(names) - have


def test_belt_and_corridor_pass_through_all_named_nodes(catalog):
    """The line geometries visit the anchors of every node, in the plan's order."""
    import tomllib

    from tests.conftest import ROOT
    layout = tomllib.loads((ROOT / "geodata/weihai/layout.toml").read_text(encoding="utf-8"))["element"]
    recipes = {e["id"]: e["geometry"]["areas"] for e in layout if e.get("geometry", {}).get("method") == "path"}
    assert len(recipes["coastal_belt"]) == 7 and len(recipes["manufacturing_corridor"]) == 6
    for lid, eid in (("layout_belt", "coastal_belt"), ("layout_corridor", "manufacturing_corridor")):
        line = catalog.layers[lid].set_index("id").loc[eid, "geometry"]
        assert len(line.coords) == len(recipes[eid])


def test_every_cluster_and_chain_of_section_7(catalog):
    text = catalog.sources[PLAN]
    section = text[text.index("七、着力构建支撑重点产业集群的技术创新体系"):text.index("八、深入优化科技服务生态")]
    clusters = re.findall(r"^\([一二三四五六七八]\)(.+?)。$", section, flags=re.M)
    chains = re.findall(r"^(?:专栏\d .+\n)?(.+?)产业技术创新链。", section, flags=re.M)
    ind = catalog.industries
    assert len(clusters) == 8
    assert set(clusters) == set(ind[ind["kind"] == "cluster"]["name"])
    have_chains = set(ind[ind["kind"] == "chain"]["name"])
    assert len(chains) >= 17
    assert not set(chains) - have_chains


def test_every_cluster_is_linked_to_somewhere_on_the_map(catalog):
    ind = catalog.industries
    linked = set(catalog.links["industry"])
    parents = dict(zip(ind["id"], ind["parent"], strict=True))
    hosted = linked | {parents[i] for i in linked if parents.get(i)}
    assert set(ind[ind["kind"] == "cluster"]["id"]) <= hosted


def test_metrics_cover_all_years_and_2025_targets(catalog):
    m = catalog.metrics
    assert {2019, 2020, 2023, 2024} <= set(m[m["kind"] == "actual"]["year"])
    targets = set(m[m["kind"] == "target"]["indicator_id"])
    # every quantified 2025 target of section 二(三)
    assert {"provincial_plus_platforms", "national_platforms", "rd_staff_per_10k", "rd_share", "firms_with_rd_share",
            "tech_smes", "hitech_enterprises", "hitech_output_share", "pro_incubators", "tech_service_revenue",
            "tech_contract_value"} <= targets
    assert set(m[m["kind"] == "target"]["year"]) == {2025}


def test_nothing_comes_from_qingdao(catalog):
    for gdf in catalog.layers.values():
        assert not gdf["source"].str.contains("qingdao", case=False).any()
    assert not catalog.metrics["source"].str.contains("qingdao").any()
    assert "2017h1_qingdao_sti_work_summary.txt" not in catalog.sources


def test_every_point_has_an_honest_accuracy(catalog):
    for lid, gdf in catalog.layers.items():
        points = gdf[gdf.geom_type == "Point"]
        assert points["accuracy_m"].notna().all(), lid
        assert (points["accuracy_m"] >= 1000).all(), lid
        assert (points["geometry_basis"] == "approximate").all()


def test_schematic_geometry_is_labelled(catalog):
    for lid in ("named_areas", "layout_belt", "layout_corridor", "layout_demo_zones", "layout_ocean_city"):
        assert (catalog.layers[lid]["geometry_basis"] == "schematic").all(), lid
    districts = catalog.layers["districts"].set_index("id")["geometry_basis"]
    assert districts["rongcheng"] == "approximate" and districts["gaoqu"] == "schematic"


def test_bundled_sources_equal_the_shared_seeds():
    from sti_geo.settings import list_regions, settings_from_env
    from tests.conftest import ROOT
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("no ../shared/seeds beside this checkout")
    for region in list_regions():
        for path in sorted(settings_from_env(region).sources_dir.glob("*.txt")):
            assert (seeds / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("region", ["weihai", "qingdao"])
def test_every_figure_of_every_document_is_a_row_or_listed_with_its_reason(region):
    """Each clause with a figure (a digit, or 七大 / 两个 …) is in a metric's quote or in not_recorded.toml."""
    from sti_geo import read_catalog
    from sti_geo.model.coverage import clauses, has_figure
    from sti_geo.settings import settings_from_env

    pack = read_catalog(settings_from_env(region))
    assert [str(p) for p in pack.problems if p.field in ("figure", "text", "reason")] == []
    figures = [c for raw in pack.sources.values() for c in clauses(raw) if has_figure(c)]
    assert len(figures) > (300 if region == "weihai" else 80)


@pytest.mark.parametrize(("file", "old", "new", "message"), [
    # a listed figure taken off the list: its clause is reported
    ("not_recorded.toml", 'text = "并以第2名的优异成绩通过国家验收"', 'text = "5G"',
     "figure: '并以第2名的优异成绩通过国家验收' is neither a metric row's quote nor listed"),
    # a listed text that is not in its source
    ("not_recorded.toml", 'text = "5G"', 'text = "6G"', "text: '6G' is not in 2021_weihai_14th_fyp_sti_plan.txt"),
    # a listed figure without its reason
    ("not_recorded.toml", 'reason = "a technology\'s name"', 'reason = ""', "say why the figure is not a metric row"),
    # the plan's target in words and digits, 力争2—3个进入省级创新创业共同体, dropped from the metrics
    ("metrics.toml", "创新创业共同体,力争2—3个进入省级创新创业共同体\"", "创新创业共同体\"",
     "figure: '力争2—3个进入省级创新创业共同体' is neither a metric row's quote nor listed"),
])
def test_a_figure_neither_recorded_nor_listed_is_reported(data_copy, edit, file, old, new, message):
    from sti_geo import read_catalog

    edit(data_copy.geodata_dir / file, old, new)
    problems = [str(p) for p in read_catalog(data_copy).problems]
    assert any(message in p for p in problems), problems
