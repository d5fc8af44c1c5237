"""The side panel's data and the search box, without Streamlit."""

from sti_geo.text.safe_text import markdown
from sti_geo.views.about import about_markdown
from sti_geo.views.details import feature_details
from sti_geo.views.search import search_options
from tests.inert import shown_text


def test_park_details_have_district_industries_quote(catalog):
    d = feature_details(catalog, "p_lg_carbon_fiber", "zh")
    assert d.name == "临港区碳纤维产业园" and d.district == "临港区"
    # the quote names no specialty of the park (碳纤维及复合材料 is 临港区's); its chain comes by a quoted link
    assert d.industries == [] and "碳纤维等复合材料" in d.clusters
    assert d.quote in catalog.layers["parks"].set_index("id").loc["p_lg_carbon_fiber", "quote"]
    assert d.source == "2021_weihai_14th_fyp_sti_plan.txt" and "十四五" in d.source_title
    assert d.accuracy_m and d.accuracy_m >= 2000
    assert any("碳纤维" in name for name, _, _ in d.links)


def test_district_details_list_its_parks_and_platforms(catalog):
    d = feature_details(catalog, "jingqu", "zh")
    parks = [n for _, n in d.parks]
    assert "服务贸易产业园" in parks and "中韩自贸区地方经济合作示范区产业园" in parks
    assert "韩国科创城" in [n for _, n in d.platforms]
    assert d.geometry_basis.startswith("示意")


def test_core_lists_its_1_plus_4_nodes_and_metrics(catalog):
    d = feature_details(catalog, "core", "en")
    assert len(d.platforms) == 5
    assert set(d.metrics["indicator_id"]) >= {"rc_spinoffs", "rc_transfers", "rc_members"}


def test_english_panel(catalog):
    d = feature_details(catalog, "p_rc_nuclear", "en")
    assert d.name == "Nuclear Power Supporting Industrial Park" and d.type == "Innovation industrial park"
    assert d.name_other == "核电配套产业园"
    assert d.district == "Rongcheng City"
    carbon = feature_details(catalog, "p_lg_carbon_fiber", "en")
    assert carbon.clusters == ["Carbon fibre and other composites"] and carbon.industries == []
    assert feature_details(catalog, "f_wiiti", "en").district == "Weihai"


def test_unknown_feature_has_no_details(catalog):
    assert feature_details(catalog, "nope") is None


def test_search(catalog):
    opts = search_options(catalog, "zh")
    assert "p_rc_nuclear" in opts and "base_land" not in "".join(opts)
    assert [fid for fid, label in opts.items() if "碳纤维" in label] == ["p_lg_carbon_fiber", "f_carbon_tic",
                                                                     "f_carbon_community"]
    en = search_options(catalog, "en")["p_lg_carbon_fiber"]
    assert en.startswith("Lingang Carbon Fibre Industrial Park · ")
    assert "碳纤维" in en.split(" · ")[1]  # the other language's name follows
    assert catalog.index["gaoqu"][0] == "districts" and "zzz" not in catalog.index


def test_about_page_text(catalog):
    md = shown_text(about_markdown(catalog, "en"))  # as rendered: character references decoded
    for needle in ("ODbL", "CC BY 4.0", "2021_weihai_14th_fyp_sti_plan.txt", "schematic", "accuracy_m",
                   "outline_m", "anywhere in the city"):
        assert needle in md
    assert "轮廓精度" in shown_text(about_markdown(catalog, "zh"))
    assert "Qingdao" in md and "qingdao_sti" not in md
    escaped = markdown("[x](javascript:alert(1))")
    assert "[" not in escaped and "](" not in escaped and shown_text(escaped) == "[x](javascript:alert(1))"


def test_one_site_is_one_row_with_both_designations(catalog):
    """The plan says the marine high-tech park is the one approved as 国家农业科技园区: not a second park."""
    assert catalog.feature("p_rc_national_agri") is None
    d = feature_details(catalog, "p_rc_marine_hitech", "zh")
    assert d.type == "创新型产业园区"
    assert [x.name for x in d.designations] == ["国家农业科技园区"]
    assert "获批国家农业科技园区" in d.designations[0].quote
    assert "现代农业" in d.clusters  # the agriculture link names it by its other name
    en = feature_details(catalog, "p_rc_marine_hitech", "en")
    assert (en.type, en.designations[0].name) == ("Innovation industrial park", "National Agricultural S&T Park")


def test_designations_come_each_with_their_own_source(catalog):
    """文登区's designations come from the 2025 evaluation, not from the plan sentence of its own row."""
    d = feature_details(catalog, "wendeng", "zh")
    assert d.source == "2021_weihai_14th_fyp_sti_plan.txt"
    by_name = {x.name: x for x in d.designations}
    assert set(by_name) == {"山东省科技创新强县", "商用车关键零部件产业集群 · 国家中小企业特色产业集群"}
    assert {x.source for x in d.designations} == {"2025_weihai_policy_evaluation.txt"}
    assert "文登区获评山东省科技创新强县" in by_name["山东省科技创新强县"].quote
    assert feature_details(catalog, "jingqu", "zh").designations == []
