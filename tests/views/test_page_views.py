"""Pure helpers behind the Layout, Districts and Industries pages, and the viewport arithmetic."""

import pytest

from sti_geo import load_catalog
from sti_geo.geo.viewport import view_for_bounds
from sti_geo.views.district import district_ids, district_summary
from sti_geo.views.industry import cluster_ids, cluster_summary
from sti_geo.views.layout import element_layers, element_rows, elements, scene_caption_html
from sti_geo.views.tour import scene_bounds, scene_by_id, scene_features, scene_ids, scenes

SCENES = scenes(load_catalog())


def test_tour_order_and_content(catalog):
    assert scene_ids(catalog) == ("core", "city", "belt", "corridor", "zones", "overview")
    assert set(scene_features(catalog, scene_by_id(catalog, "core"))) >= {"core", "f_wiiti", "f_miit_eit"}
    belt = scene_features(catalog, scene_by_id(catalog, "belt"))
    assert {"coastal_belt", "shuangdaowan", "shidao", "rushan_binhai"} <= set(belt)
    assert len(scene_features(catalog, scene_by_id(catalog, "zones"))) == 5
    assert scene_by_id(catalog, "nonsense") == scenes(catalog)[0]


@pytest.mark.parametrize("scene", SCENES, ids=[s.id for s in SCENES])
def test_every_scene_fits_weihai(catalog, scene):
    minx, miny, maxx, maxy = scene_bounds(catalog, scene)
    assert 121.0 < minx < maxx < 123.0 and 36.5 < miny < maxy < 37.8
    (lat, lon), zoom = view_for_bounds((minx, miny, maxx, maxy))
    assert miny < lat < maxy and minx < lon < maxx and 8 <= zoom <= 12


def test_scene_caption_is_escaped_text(catalog):
    html = scene_caption_html(catalog, scene_by_id(catalog, "city"), "zh")
    assert "远遥浅海科技湾区" in html and "海洋碳汇" in html and "<script" not in html


def test_elements(catalog):
    assert elements(catalog) == ("一核", "一城", "一带", "一廊", "五区")
    assert element_layers(catalog, ["一带"]) == ["districts", "named_areas", "layout_belt"]
    assert element_rows(catalog, "一城")[:3] == ["yuanyao_bay", "marine_bio_zone", "new_economy_zone"]


def test_district_summary(catalog):
    assert len(district_ids(catalog)) == 9
    s = district_summary(catalog, "lingang", "zh")
    assert s.specialties == ["碳纤维及复合材料", "先进高分子材料", "现代农业"]
    assert set(s.parks["name"]) == {"临港区碳纤维产业园", "塑料助剂产业园", "临港区省级现代果业农业科技园区"}
    gaoqu = district_summary(catalog, "gaoqu")
    assert "hitech_zone_national_rank" in set(gaoqu.metrics["indicator_id"])
    with pytest.raises(KeyError):
        district_summary(catalog, "atlantis")


def test_cluster_summary(catalog):
    assert len(cluster_ids(catalog)) == 8
    s = cluster_summary(catalog, "ind_composites", "zh")
    assert list(s.chains["name"]) == ["碳纤维及复合材料", "先进高分子材料"]
    assert {"p_lg_carbon_fiber", "lingang", "f_carbon_tic"} <= set(s.hosts["feature"])
    assert "f_dendrimer_center" not in set(s.hosts["feature"])  # its quote names a material, not the centre
    assert all(q for q in s.hosts["quote"])
    # only the box's "…产业技术创新链" are chains; the other work 专栏8 names is listed under its own words
    farming = cluster_summary(catalog, "ind_agriculture", "zh")
    assert farming.chains.empty
    assert list(farming.tasks["name"]) == [
        "特色产业", "海洋种业", "农业生态宜居科技创新", "基于海洋生态的低碳、脱碳、负碳技术"]
    assert list(s.tasks["name"]) == []


def test_view_for_bounds():
    (lat, lon), zoom = view_for_bounds((122.0, 37.0, 122.5, 37.5), size_px=(600, 600))
    assert (lat, lon) == (37.25, 122.25) and zoom == 10
    assert view_for_bounds((122.0, 37.0, 122.0, 37.0))[1] == 15  # a point: closest allowed zoom
    assert view_for_bounds((100.0, 20.0, 130.0, 50.0))[1] == 6  # never further out than the minimum


def test_what_figures_a_district_has_is_said_in_one_word(catalog):
    from sti_geo.views.district import district_summary, figures_kind

    assert figures_kind(district_summary(catalog, "wendeng")) == "none"
    assert figures_kind(district_summary(catalog, "rongcheng")) == "actuals"
    summary = district_summary(catalog, "rongcheng")
    summary.metrics = summary.metrics.assign(kind=["target", *summary.metrics["kind"][1:]])
    assert figures_kind(summary) == "targets"


def test_whom_the_documents_set_targets_for_is_read_from_the_target_rows(catalog):
    from sti_geo.model.catalog import load_catalog
    from sti_geo.settings import settings_from_env
    from sti_geo.views.district import target_holders

    assert target_holders(catalog, "zh") == ["威海市", "国家(威海)区域创新中心"]
    assert target_holders(load_catalog(settings_from_env("qingdao")), "en") == []  # its report sets none
