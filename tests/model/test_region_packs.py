"""Region packs: the Qingdao pack from its 2017 report, switching packs, and honest cross-region comparison."""

from __future__ import annotations

import pytest

from sti_geo import InputError, load_catalog
from sti_geo.model.validate import numbers_in
from sti_geo.settings import list_regions, settings_from_env
from sti_geo.views.compare import compare_regions
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def qingdao():
    return load_catalog(settings_from_env("qingdao"))


def test_packs_are_found_and_weihai_is_the_default(monkeypatch):
    assert list_regions()[0] == "weihai" and "qingdao" in list_regions()
    monkeypatch.delenv("STI_GEO_GEODATA", raising=False)
    assert settings_from_env().region == "weihai"
    monkeypatch.setenv("STI_GEO_REGION", "qingdao")
    assert settings_from_env().region == "qingdao"
    assert settings_from_env("weihai").geodata_dir == ROOT / "geodata" / "weihai"
    with pytest.raises(InputError, match="region packs: weihai, qingdao"):
        settings_from_env("atlantis")


@pytest.mark.parametrize("region", list_regions())
def test_every_pack_validates_with_every_quote_verbatim(region):
    catalog = load_catalog(settings_from_env(region))
    assert catalog.problems == []
    assert {"base_land", "base_boundaries", "districts", "platforms"} <= set(catalog.layers)


def test_qingdao_names_its_platforms_with_honest_positions(qingdao):
    names = " ".join(qingdao.layers["platforms"]["name"])
    for expected in ("青岛海洋国家实验室", "高速列车技术创新中心", "中科院长春光机所", "北航青岛新材料技术研究院",
                     "中国航天十三所青岛研究中心", "西门子创新中心", "中美海洋传感器研究院", "石墨烯科技创新中心",
                     "海洋生物医药科技创新中心"):
        assert expected in names, expected
    systems = set(qingdao.layers["platforms"]["system"])
    assert {"中科系", "高校系", "企业系", "国际系", "十大科技创新中心"} <= systems
    assert "西海岸省级农业高新技术产业开发区" in set(qingdao.layers["parks"]["name"])
    # no document gives a site: city-level points carry an accuracy covering the whole city (tens of km)
    city_level = qingdao.layers["platforms"][qingdao.layers["platforms"]["district_id"] == "city"]
    assert (city_level["accuracy_m"] >= 50_000).all()
    boundaries = qingdao.layers["base_boundaries"]
    assert len(boundaries) == 11 and boundaries["geometry_basis"].eq("approximate").all()
    minx, miny, maxx, maxy = boundaries.total_bounds
    assert 119.0 < minx < maxx < 121.2 and 35.3 < miny < maxy < 37.3  # WGS-84 Qingdao, not Weihai


def test_qingdao_rows_claim_only_what_the_report_says(qingdao, catalog):
    platforms = qingdao.layers["platforms"].set_index("id")
    # a memorandum with 崂山区 is not an institution
    assert "f_sugon" not in platforms.index and not platforms["name"].str.contains("中科曙光").any()
    # "重点建设海洋药物、石墨烯等十大科技创新中心": two are named among the ten; the five started are not said to be
    ten = set(platforms[platforms["system"] == "十大科技创新中心"].index)
    assert ten == {"f_ic_marine_drugs", "f_ic_graphene"}
    # 西海岸 is an agricultural high-tech development zone (农高区), not an agricultural S&T park
    parks = qingdao.layers["parks"].set_index("id")
    assert parks.loc["p_west_coast_agri_hitech", "park_type"] == "农业高新技术产业开发区"
    # one indicator id, one definition: Weihai counts certification (认证), as Qingdao's 42 firms; not 贯标证书
    for pack in (qingdao, catalog):
        rows = pack.metrics[pack.metrics["indicator_id"] == "ip_management_certified_firms"]
        assert not rows.empty and rows["quote"].str.contains("认证").all()
        assert not rows["indicator"].str.contains("贯标").any()


def test_qingdao_metrics_are_partial_year_and_never_annualised(qingdao):
    m = qingdao.metrics
    assert set(m["source"]) == {"2017h1_qingdao_sti_work_summary.txt"}
    assert m["period"].notna().all() and m["period_en"].notna().all()
    row = m.set_index("id").loc["m_tech_contract_value"]
    assert (row["value"], row["period"], row["period_en"]) == (29.56, "2017年1—5月", "Jan–May 2017")
    assert m.set_index("id").loc["m_invention_applications", "period_en"] == "Jan–Apr 2017"
    assert m.set_index("id").loc["m_incubator_area_built", "period_en"] == "end of May 2017"
    for _, r in m.iterrows():  # the value is a number written in the quote (digits or 第九), not a derived one
        assert float(r["value"]) in numbers_in(r["quote"]), r["id"]


def test_the_packs_never_cite_each_others_documents(catalog, qingdao):
    assert not any("weihai" in s for s in qingdao.sources) and not any("qingdao" in s for s in catalog.sources)
    assert not qingdao.metrics["source"].str.contains("weihai").any()


def test_comparison_only_where_definition_and_period_match(catalog, qingdao):
    by_id = {c.indicator_id: c for c in compare_regions(qingdao, catalog, "en")}
    assert not any(c.comparable for c in by_id.values())  # 2017 part-year vs Weihai's full years: nothing
    assert "different periods" in by_id["hitech_enterprises"].reason
    assert "different periods" in by_id["tech_contract_value"].reason
    assert "Jan–May 2017" in by_id["tech_contract_value"].here and "2019" in by_id["tech_contract_value"].there
    assert "no indicator with this definition" in by_id["invention_patent_applications"].reason


def test_comparison_matches_the_same_period(catalog):
    """A pack compared with itself matches every indicator on every period: the rule is not 'never'."""
    assert all(c.comparable for c in compare_regions(catalog, catalog, "zh"))


def test_layout_free_pack_has_no_scenes(qingdao):
    from sti_geo.views.layout import elements
    from sti_geo.views.tour import scenes

    assert scenes(qingdao) == () and elements(qingdao) == ()


def test_facilities_the_documents_describe_are_features(catalog):
    platforms = catalog.layers["platforms"].set_index("id")
    for fid, name in (("f_st_cloud", "科技云平台"), ("f_innovation_showroom", "威海产业创新展示中心"),
                      ("f_hfr_reactor", "宽能谱超高通量试验堆"), ("f_returnee_base_western", "欧美同学会留学报国基地"),
                      ("f_returnee_base_japan", "中国留日同学总会双创基地"),
                      ("f_shallow_sea_test_site", "国家浅海综合试验场")):
        assert platforms.loc[fid, "name"] == name
    # the evaluation's 浅海 site is placed where the evaluation puts it (the city), saying it may be the plan's site
    shallow = platforms.loc["f_shallow_sea_test_site"]
    assert shallow["district_id"] == "city" and "远遥" in shallow["geometry_note_zh"]
    # the cloud platform's figures are its own, in its panel
    cloud = catalog.metrics[catalog.metrics["area_id"] == "f_st_cloud"]
    assert len(cloud) >= 10 and cloud["quote"].str.contains("科技云平台").all()
    # composed from one phrase about two centres: the document's 省级, not a 山东省 it does not write
    assert platforms.loc["f_carbon_tic", "name"] == "省级碳纤维技术创新中心"
    city = catalog.designations[catalog.designations["feature"] == "city"]
    assert {"山东半岛国家自主创新示范区", "外国人才服务保障综合配套改革试点"} <= set(city["name"])
