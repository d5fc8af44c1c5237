"""Query parameters: restored when valid, ignored with an inert notice when not."""

from types import SimpleNamespace

import pytest

from sti_geo.views.params import fixed_choice
from sti_geo.views.permalink import View, params_from_view, shown, view_from_params

LAYERS = ["parks", "districts", "platforms"]
FEATURES = ["p_rc_nuclear", "rongcheng"]
BASEMAPS = ["offline", "osm", "amap"]
CATALOG = SimpleNamespace(specs=dict.fromkeys(LAYERS), index=dict.fromkeys(FEATURES), token="t")  # what is read
DISTRICT = fixed_choice("district", ["rongcheng"])


def _parse(params, page_params=()):
    return view_from_params(params, catalog=CATALOG, basemaps=BASEMAPS, page_params=page_params)


def test_round_trip():
    view = View(lang="en", basemap="amap", layers=("parks",), selected="p_rc_nuclear", center=(37.1, 122.4), zoom=11)
    view.set(DISTRICT, "rongcheng")
    params = params_from_view(view, default_layers=LAYERS, default_basemap="offline")
    back = _parse(params, page_params=(DISTRICT,))
    assert (back.lang, back.basemap, back.layers, back.selected, back.zoom) == ("en", "amap", ("parks",),
                                                                                 "p_rc_nuclear", 11)
    assert back.center == (37.1, 122.4) and back.values == {"district": "rongcheng"} and not back.notices
    assert back.get(DISTRICT) == "rongcheng"  # typed, decoded once


def test_defaults_are_left_out_of_the_url():
    assert params_from_view(View(layers=tuple(LAYERS)), default_layers=LAYERS, default_basemap="offline") == {}


def test_bad_values_become_notices_not_errors():
    view = _parse({"lang": "fr", "basemap": "google", "layers": "parks,nope", "sel": "x' OR 1=1",
                   "view": "999,0,5", "zoom": "3", "district": "mars"}, page_params=(DISTRICT,))
    assert view.lang == "zh" and view.basemap is None and view.layers == ("parks",) and view.selected is None
    assert view.center is None and "district" not in view.values and view.get(DISTRICT) == ""
    assert len(view.notices) == 7


def test_malformed_view_values():
    for bad in ("1,2", "a,b,c", "nan,1,9", "37,122,40", "37,122,inf", ""):
        assert _parse({"view": bad}).center is None


def test_hostile_values_are_echoed_inert():
    view = _parse({"sel": "<script>alert(1)</script>", "<b>": "x"})
    text = " ".join(view.notices)
    assert "<" not in text and ">" not in text
    assert shown("a" * 100).endswith("…") and len(shown("a" * 100)) == 41


def test_overlong_values_are_refused():
    assert _parse({"layers": "parks," * 200}).layers is None


def test_streamlit_params_are_ignored_silently():
    assert _parse({"embed": "true"}).notices == []


@pytest.mark.parametrize(("browser", "public", "printed"), [
    ("http://localhost:8501/layout", "https://maps.example.gov/sti", "https://maps.example.gov/sti/layout"),
    ("http://localhost:8501/", "https://maps.example.gov/sti/", "https://maps.example.gov/sti/"),
    ("http://localhost:8501", "https://maps.example.gov", "https://maps.example.gov"),
    ("http://10.0.0.5:8501/districts", "", "http://10.0.0.5:8501/districts"),
])
def test_a_printed_link_carries_the_public_address_and_the_page(browser, public, printed):
    from sti_geo.views.permalink import public_link

    assert public_link(browser, public) == printed


def test_the_public_address_is_an_http_address_or_refused(monkeypatch):
    from sti_geo import InputError
    from sti_geo.settings import public_url

    monkeypatch.delenv("STI_GEO_PUBLIC_URL", raising=False)
    assert public_url() == ""
    monkeypatch.setenv("STI_GEO_PUBLIC_URL", "https://maps.example.gov/sti/")
    assert public_url() == "https://maps.example.gov/sti"
    for bad in ("maps.example.gov", "ftp://x.gov", "https://", "https://x.gov/?a=1", "javascript:alert(1)"):
        monkeypatch.setenv("STI_GEO_PUBLIC_URL", bad)
        with pytest.raises(InputError, match="STI_GEO_PUBLIC_URL"):
            public_url()
