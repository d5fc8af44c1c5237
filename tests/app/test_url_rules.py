"""Every page's URL rules, given any text: accept, refuse or name the problem; never another exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sti_app import compare_panel, filtering, thematic_panel, within_panel
from sti_geo import load_catalog
from sti_geo.views.permalink import view_from_params

CATALOG = load_catalog()
RULES = {filtering.PARAM: filtering.check_param(CATALOG), within_panel.PARAM: within_panel.check_param(CATALOG),
         **thematic_panel.url_rules(CATALOG), **compare_panel.url_rules(CATALOG)}
PIECES = st.sampled_from(["plan", "own", "theme:parks", "theme:metric:hitech_zone_national_rank", "@", ",", ":",
                          "c:", "r:", "p:", "f:core", "122.1", "37.5", "0.3", "2023", "district=", "nanhai", ";"])
DIGITS = st.characters(categories=("Nd", "No", "Nl"))
VALUES = st.lists(st.one_of(PIECES, st.text(DIGITS, max_size=4), st.text(max_size=4)), max_size=6).map("".join)


# what each parameter is read with once accepted, beside the parameters it goes with
READERS = [filtering.current, within_panel.current, thematic_panel.current, compare_panel.current]
WITH = {"year": {"theme": "metric:hitech_zone_national_rank"}, "split": {"cmp": "plan,theme:parks"}}


@pytest.mark.parametrize("param", sorted(RULES))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(value=VALUES)
def test_a_value_is_refused_with_an_input_error_or_accepted_and_readable(param, value):
    params = {**WITH.get(param, {}), param: value}
    view = view_from_params(params, layers=CATALOG.specs, features=set(CATALOG.index), basemaps=["x"], extra=RULES)
    for read in READERS:  # what a rule accepted, the page reads without an exception
        read(CATALOG, view)


@pytest.mark.parametrize("params", [
    {"theme": "parks", "year": "²²²²"}, {"year": "①②③④", "theme": "metric:hitech_zone_national_rank"},
    {"cmp": "plan,theme:parks", "split": "²²"}, {"cmp": "theme:parks@²,plan"}, {"view": "٣٧.٥,١٢٢,٩"},
    {"q": "c:١٢٢,37.5,5"}, {"year": "9999"}, {"year": "0000"},
])
def test_the_issue_s_links_are_notices(params):
    view = view_from_params(params, layers=CATALOG.specs, features=set(CATALOG.index), basemaps=["x"], extra=RULES)
    refused = {k for k in params if k not in view.extra and (k != "view" or view.center is None)}
    assert refused and len(view.notices) >= 1, (params, view.notices)
