"""The documents' own words in English: park and platform types, units, hedges on numbers, specialties.

The Chinese stays verbatim in the data and quotes; these tables give each word its English on English pages
(a test holds both packs to them: a word missing here is shown as written).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .i18n import in_lang, is_english

TYPE_EN: dict[str, str] = {
    "创新型产业园区": "Innovation industrial park",
    "农业科技园区": "Agricultural S&T park",
    "农业高新技术产业开发区": "Agricultural high-tech industrial development zone",
    "特色园区": "Specialty park",
    "重点园区": "Key park",
    "产业园区": "Industrial park",
    "核心区": "Core site",
    "科学中心": "Science centre",
    "区域合作联盟": "Regional cooperation alliance",
    "康养旅游片区": "Health tourism area",
    "研究院所": "Research institute",
    "实验室": "Laboratory",
    "大科学装置": "Big-science facility",
    "检验检测平台": "Testing platform",
    "国际合作载体": "International cooperation",
    "人才平台": "Talent platform",
    "企业技术中心": "Enterprise technology centre",
    "高校": "University",
    "技术创新中心": "Technology innovation centre",
    "科技创新中心": "S&T innovation centre",
    "创新平台": "Innovation platform",
    "企业研发机构": "Enterprise R&D institution",
    "创新创业共同体": "Innovation community",
    "孵化载体与双创街区": "Incubator / innovation street",
    "科技服务平台": "S&T service platform",
    "工业互联网平台": "Industrial internet platform",
    "district": "区市 / District",
    "zone": "开发区 / Development zone",
    "named_area": "重点片区 / Key area",
    "国家级": "National level",  # a platform's level, where its name or quote states it
    "省级": "Provincial level",
    "市级": "Municipal level",
}
# A metric's unit in English. Measure words that only count (家, 项, 个 …) have no English unit: the indicator's
# English name says what is counted, and "12 enterprises" from "12 家" would guess at a noun the document does
# not give. Units of measure are translated.
UNIT_EN: dict[str, str] = {
    "%": "%", "亿元": "100 million yuan", "万元": "10,000 yuan", "亿元/年": "100 million yuan/year",
    "个百分点": "percentage points", "个百分点/年": "percentage points/year", "平方米": "m²",
    "万平方米": "10,000 m²", "万人": "10,000 people", "人年": "person-years", "人次": "person-times", "倍": "times",
    "万条": "10,000 records", "亿条": "100 million records", "亿篇": "100 million documents",
    "亿篇(项)": "100 million documents (items)", "万人次": "10,000 person-times", "万个": "× 10,000",
    "万次": "10,000 times", "万辆": "10,000 vehicles",
}
COUNT_WORDS = frozenset({"家", "项", "个", "位", "名", "人", "条", "件", "处", "次", "场", "台(套)", "单", "支", "款",
                         "台", "人(项)", "篇", "所", "种", "套", "家/条", "台套", "家次"})
# The document's hedge on a number, in English: before the number, or after it ("or more")
_RANGE_FROM = re.compile(r"\d+(?:\.\d+)?—")  # a qualifier that opens a range ("力争2—3个": "2—" before 3)
HEDGE_EN: dict[str, str] = {"余": "over {n}", "多": "over {n}", "以上": "{n} or more", "超过": "over {n}",
                            "超": "over {n}", "突破": "over {n}", "左右": "about {n}", "近": "nearly {n}",
                            "将近": "nearly {n}"}



def unit_label(unit: str, lang: str) -> str:
    """A metric's unit in ``lang``: as the document writes it in Chinese; translated, or none for a count word."""
    if not is_english(lang) or not unit:
        return unit
    if unit in COUNT_WORDS:
        return ""
    return UNIT_EN.get(unit, unit)


def with_unit(number: str, unit: str, lang: str) -> str:
    """A number and its unit as ``lang`` writes them: 12亿元; "12 100 million yuan", "12%" (``unit`` in ``lang``)."""
    if not unit:
        return number
    return in_lang((f"{number}{unit}", number + unit if unit == "%" else f"{number} {unit}"), lang)


def hedged(number: str, qualifier: str) -> str:
    """``number`` with the document's hedge in English (超 1700 → "over 1700"); "" when it has no English form."""
    if _RANGE_FROM.fullmatch(qualifier):  # "2—" before 3: the document's range 2—3
        return f"{qualifier[:-1]}–{number}"
    template = HEDGE_EN.get(qualifier)
    return template.format(n=number) if template else ""


# The documents' specialty and target-industry words (a feature's ``industries``), in English. The Chinese stays
# verbatim in the data and quotes; a word missing here is shown as written (a test holds both packs to this list).
SPECIALTY_EN: dict[str, str] = {
    "海洋电子信息和智能装备": "marine electronic information and intelligent equipment", "生物医药": "biomedicine",
    "新材料": "new materials", "膜处理": "membrane treatment", "高端装备制造": "high-end equipment manufacturing",
    "现代物流": "modern logistics", "现代农业": "modern agriculture", "新信息": "new information technology",
    "高端化工": "high-end chemicals", "智能制造": "intelligent manufacturing",
    "海洋生物与健康食品": "marine biology and health food", "电子信息": "electronic information",
    "核能综合利用": "comprehensive use of nuclear energy",
    "先进装备与智能制造": "advanced equipment and intelligent manufacturing",
    "高端医疗器械和医药新材料": "high-end medical devices and new pharmaceutical materials",
    "电子信息与智能装备": "electronic information and intelligent equipment",
    "节能环保": "energy saving and environmental protection", "现代服务业": "modern services",
    "碳纤维及复合材料": "carbon fibre and composites", "先进高分子材料": "advanced polymer materials",
    "石墨烯": "graphene", "海洋碳汇": "marine carbon sinks", "海洋油气装备": "offshore oil and gas equipment",
    "精细化工": "fine chemicals", "海洋生物": "marine biology", "海洋工程装备": "marine engineering equipment",
    "智慧海洋信息": "smart ocean information", "海洋高端装备": "high-end marine equipment",
    "海水淡化与综合利用": "desalination and seawater use", "海洋可再生能源": "marine renewable energy",
    "海洋科技旅游": "marine science tourism", "绿色养殖": "green aquaculture", "远洋渔业": "ocean fishing",
    "渔港经济": "fishing-port economy", "海洋食品": "marine food",
    "海洋医药与生物制品": "marine medicine and biological products", "海洋种业": "marine seed industry",
    "海洋新材料": "marine new materials", "海洋新能源": "marine new energy", "海洋经济": "marine economy",
    "临港经济": "port economy", "新型运输设备": "new transport equipment",
    "新能源新材料": "new energy and new materials", "生物医药与医疗器械": "biomedicine and medical devices",
    "高端智能装备": "high-end intelligent equipment", "国防科技工业": "defence science and technology industry",
    "碳纤维": "carbon fibre", "机器人与智能装备": "robots and intelligent equipment", "时尚创意": "fashion and design",
    "水处理": "water treatment", "光通信": "optical communication",
    "新一代信息技术": "new-generation information technology", "房车": "recreational vehicles",
    "医疗器械": "medical devices", "半导体": "semiconductors", "现代果业": "modern fruit growing", "苹果": "apples",
    "无花果": "figs", "生态环境": "ecological environment", "人工智能": "artificial intelligence",
    "海洋养殖": "mariculture", "西洋参": "American ginseng",
    # Qingdao's 2017 report
    "农业高新技术": "agricultural high technology", "先进轨道交通": "advanced rail transit",
    "汽车轻量化材料": "lightweight automotive materials", "大数据": "big data", "海洋传感器": "marine sensors",
    "海洋生物医药": "marine biomedicine", "智能家居": "smart home", "智慧生活": "smart living",
    "海洋药物": "marine drugs",
}


def specialty(term: str, lang: str) -> str:
    """A specialty or target-industry word in ``lang``: as the document writes it, or its English form."""
    return in_lang((term, SPECIALTY_EN.get(term, term)), lang)


def specialties(terms: Iterable[str], lang: str) -> list[str]:
    """Each of ``terms`` in ``lang`` (see :func:`specialty`)."""
    return [specialty(str(term), lang) for term in terms]


KIND_ZH: dict[str, str] = {"district": "区市", "zone": "开发区", "named_area": "重点片区"}


def type_label(value: str, lang: str) -> str:
    """A park/platform/area type in the UI language."""
    english = TYPE_EN.get(value, value)
    if value in KIND_ZH:  # "区市 / District": the English half
        english = english.split(" / ")[-1]
    return in_lang((KIND_ZH.get(value, value), english), lang)
