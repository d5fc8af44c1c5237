"""The documents' own words in English: every specialty word of both packs has an English form."""

from __future__ import annotations

import re

from sti_geo.model.catalog import load_catalog
from sti_geo.settings import settings_from_env
from sti_geo.text.glossary import SPECIALTY_EN, TYPE_EN, specialties, specialty
from sti_geo.text.i18n import list_in
from sti_geo.views.details import feature_details
from sti_geo.views.district import district_summary
from sti_geo.views.tour import scene_texts, scenes

CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")


def _words(catalog) -> set[str]:
    return {str(w) for gdf in catalog.layers.values() if "industries" in gdf for v in gdf["industries"] for w in v}


def test_every_specialty_word_of_both_packs_has_an_english_form(catalog):
    for pack in (catalog, load_catalog(settings_from_env("qingdao"))):
        words = _words(pack)
        assert sorted(words - set(SPECIALTY_EN)) == []
        assert [w for w in words if CJK.search(specialty(w, "en"))] == []
    assert [w for w, en in SPECIALTY_EN.items() if CJK.search(en) or not CJK.search(w)] == []


def test_every_park_and_platform_type_of_both_packs_has_an_english_label(catalog):
    for pack in (catalog, load_catalog(settings_from_env("qingdao"))):
        types = {str(v) for lid in ("parks", "platforms") if lid in pack.layers
                 for col in ("park_type", "platform_type") if col in pack.layers[lid] for v in pack.layers[lid][col]}
        assert types and sorted(types - set(TYPE_EN)) == []


def test_chinese_stays_as_the_document_writes_it():
    assert specialty("石墨烯", "zh") == "石墨烯" and specialty("石墨烯", "en") == "graphene"
    assert specialty("未收录", "en") == "未收录"  # a word without an English form is shown, not dropped
    assert list_in(specialties(["碳纤维", "房车"], "zh"), "zh") == "碳纤维、房车"
    assert list_in(specialties(["碳纤维", "房车"], "en"), "en") == "carbon fibre, recreational vehicles"


def test_panels_captions_and_district_tables_speak_english(catalog):
    assert feature_details(catalog, "core", "en").industries[0] == "electronic information"
    for scene in scenes(catalog):
        assert [i for _, _, i in scene_texts(catalog, scene, "en") if CJK.search(i)] == []
    summary = district_summary(catalog, "huancui", "en")
    assert not [s for s in summary.specialties if CJK.search(s)]
    assert not [i for i in summary.parks["industries"] if CJK.search(i)]
