"""Where a quote sits in its document, and the rules that read it: plans are not actuals, excerpts belong together."""

from __future__ import annotations

import pytest

from sti_geo import read_catalog
from sti_geo.model import sections

TEXT = """标题
2023 年以来,全市科技工作稳步推进。
## 一、完善政策
出台 32 条政策措施。
七、产业集群
(一)医药。
专栏5 新医药
中药材产业技术创新链。延伸西洋参种植。
(二)旅游。
专栏7 康养旅游
建成张家产种植区。
## 四、下步工作打算
研究部署7条产业创新链专班。
"""


def test_chapters_boxes_and_the_preamble():
    doc = sections.document(TEXT)
    assert [c.title for c in doc.chapters] == ["", "##一、完善政策", "七、产业集群", "##四、下步工作打算"]
    assert [b.title for b in doc.boxes] == ["专栏5新医药", "专栏7康养旅游"]
    box5 = doc.boxes[0]
    assert doc.section_at(doc.text.index("延伸西洋参")) == box5
    assert doc.chapter_at(doc.text.index("延伸西洋参")).title == "七、产业集群"
    # a box ends at the next heading of any level, not at the next chapter
    assert doc.section_at(doc.text.index("(二)旅游")).title == "七、产业集群"
    # the preamble frames the whole document
    assert doc.chapters[0].holds(box5)
    assert [c.is_plan for c in doc.chapters] == [False, False, False, True]


def test_stray_excerpts():
    # one box's chain stitched to another box's place
    assert sections.stray_excerpts("中药材产业技术创新链。 … 建成张家产种植区", TEXT) == ["建成张家产种植区"]
    # inside a chapter, a box counts as in it; the preamble opens everything
    assert sections.stray_excerpts("七、产业集群 … 延伸西洋参种植", TEXT) == []
    assert sections.stray_excerpts("2023 年以来 … 研究部署7条产业创新链专班", TEXT) == []
    # an excerpt the caller accepts (it names the row) opens its own section for those after it
    quote = "出台 32 条政策措施 … 专栏7 康养旅游 … 建成张家产种植区"
    assert sections.stray_excerpts(quote, TEXT) == ["专栏7 康养旅游", "建成张家产种植区"]
    assert sections.stray_excerpts(quote, TEXT, opens=lambda e: "康养" in e) == []
    assert sections.stray_excerpts("不在文中 … 延伸西洋参种植", TEXT) == []  # check_quotes reports the first
    assert [c.title for c in sections.chapters_of("研究部署7条产业创新链专班", TEXT)] == ["##四、下步工作打算"]


def test_titles_of_a_quote_include_its_subsection():
    assert sections.titles_of("中药材产业技术创新链", TEXT) == ["七、产业集群", "(一)医药。", "专栏5新医药"]
    assert sections.titles_of("出台 32 条政策措施", TEXT) == ["##一、完善政策"]


def test_a_park_type_its_quote_and_headings_do_not_say_is_reported(data_copy, edit):
    # 荣成房车产业园 is one of the plan's "特色园区", named outside 三(四)'s lists of 创新型产业园区
    edit(data_copy.geodata_dir / "parks.toml", 'park_type = "特色园区"', 'park_type = "创新型产业园区"')
    assert _problems(data_copy, "park_type") == [
        "geodata/weihai/parks.toml [p_rc_rv] park_type: '创新型产业园区': neither the quote nor the headings of its "
        "sections say '创新型产业园区'"]
    edit(data_copy.geodata_dir / "parks.toml", 'park_type = "核心区"', 'park_type = "园区"')
    assert "[p_nh_blue_carbon_valley] park_type: '园区' is not one of" in " ".join(_problems(data_copy, "park_type"))


def _problems(settings, field: str) -> list[str]:
    return [str(p) for p in read_catalog(settings).problems if p.field == field]


def test_a_figure_from_the_next_steps_chapter_is_not_an_actual(data_copy, edit):
    # the 2025 evaluation's "四、下步工作打算": 研究部署7条产业创新链专班 is work still to be done
    edit(data_copy.geodata_dir / "metrics.toml", 'kind = "plan"', 'kind = "actual"')
    problems = _problems(data_copy, "kind")
    assert len(problems) == 1
    assert "[m_innovation_chain_taskforces_2025eval_plan] kind: 'actual': the quote is from '四、下步工作打算'" \
        in problems[0]


def test_a_link_stitching_two_boxes_is_reported(data_copy, edit):
    # the chain's box (专栏5) does not name the planting area, which only 专栏7 康养旅游 names
    with (data_copy.geodata_dir / "links.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[link]]\nindustry = "ch_herbal"\nfeature = "p_tour_zhangjiachan"\n'
                'source = "2021_weihai_14th_fyp_sti_plan.txt"\n'
                'quote = "中药材产业技术创新链。 … 延伸西洋参等中药材种植产业链条'
                ' … 建成天沐温泉、汤泊温泉、张家产道地西洋参规模中药种植区"\n')
    assert _problems(data_copy, "quote") == [
        "geodata/weihai/links.toml [ch_herbal->p_tour_zhangjiachan] quote: "
        "'建成天沐温泉、汤泊温泉、张家产道地西洋参规模中药种植区' lies outside the section the excerpts before it open"]


def test_an_excerpt_from_elsewhere_must_name_the_row(data_copy, edit):
    # 威海创新园 (三(四)) given the chains of the marine city (四(二)), which its quote's park does not own
    edit(data_copy.geodata_dir / "parks.toml",
         'quote = "环翠区重点依托远遥浅海科技湾区、威海创新园、国际新材料产业园、中欧水处理及膜技术创新产业园等"\n',
         'quote = "环翠区重点依托远遥浅海科技湾区、威海创新园、国际新材料产业园、中欧水处理及膜技术创新产业园等 … '
         '构建智慧海洋信息、海洋高端装备"\n')
    problems = _problems(data_copy, "quote")
    assert len(problems) == 1
    assert "[p_weihai_innovation_park] quote: '构建智慧海洋信息、海洋高端装备' lies outside" in problems[0]
    assert "an excerpt from elsewhere must name the row" in problems[0]


@pytest.mark.parametrize(("old", "new", "message"), [
    # a name no document contains: the data's words, not the plan's
    ('name = "特色产业"  #', 'name = "特色农业产业链"  #',
     "[ch_specialty_crops] name: '特色农业产业链' is not in the quote"),
    # a chain the box does not title "…产业技术创新链"
    ('name_en = "Marine seed industry"\nkind = "task"', 'name_en = "Marine seed industry"\nkind = "chain"',
     "[ch_marine_seed] kind: the quote does not title it '海洋种业产业技术创新链'"),
])
def test_an_industry_name_or_chain_the_plan_does_not_give_is_reported(data_copy, edit, old, new, message):
    edit(data_copy.geodata_dir / "industries.toml", old, new)
    problems = [str(p) for p in read_catalog(data_copy).problems]
    assert [p for p in problems if message in p], problems
