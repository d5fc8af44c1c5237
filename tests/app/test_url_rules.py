"""Every page's URL rules, given any text: accept, refuse or name the problem; never another exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sti_app import compare_panel, filtering, thematic_panel, within_panel
from sti_app.panels import every_panel, page_params
from sti_geo import load_catalog
from sti_geo.views.permalink import view_from_params

CATALOG = load_catalog()
PARAMS = page_params(every_panel(thematic=True, compare=True))
RULES = {p.name: p for p in PARAMS}
PIECES = st.sampled_from(["plan", "own", "theme:parks", "theme:metric:hitech_zone_national_rank", "@", ",", ":",
                          "c:", "r:", "p:", "f:core", "122.1", "37.5", "0.3", "2023", "district=", "nanhai", ";"])
DIGITS = st.characters(categories=("Nd", "No", "Nl"))
VALUES = st.lists(st.one_of(PIECES, st.text(DIGITS, max_size=4), st.text(max_size=4)), max_size=6).map("".join)


# what each parameter is read with once accepted (its typed value, and what the page derives from it)
READERS = [lambda catalog, view: filtering.hidden(catalog, view, catalog.specs),
           lambda catalog, view: within_panel.outline(catalog, view.get(within_panel.QUERY)),
           thematic_panel.chosen_theme, lambda _catalog, view: compare_panel.comparison(view),
           lambda _catalog, view: [view.get(p) for p in PARAMS]]
WITH = {"year": {"theme": "metric:hitech_zone_national_rank"}, "split": {"cmp": "plan,theme:parks"}}


@pytest.mark.parametrize("param", sorted(RULES))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(value=VALUES)
def test_a_value_is_refused_with_an_input_error_or_accepted_and_readable(param, value):
    params = {**WITH.get(param, {}), param: value}
    view = view_from_params(params, catalog=CATALOG, basemaps=["x"], page_params=PARAMS)
    for read in READERS:  # what a rule accepted, the page reads without an exception
        read(CATALOG, view)


@pytest.mark.parametrize("params", [
    {"theme": "parks", "year": "²²²²"}, {"year": "①②③④", "theme": "metric:hitech_zone_national_rank"},
    {"cmp": "plan,theme:parks", "split": "²²"}, {"cmp": "theme:parks@²,plan"}, {"view": "٣٧.٥,١٢٢,٩"},
    {"q": "c:١٢٢,37.5,5"}, {"year": "9999"}, {"year": "0000"},
])
def test_the_issue_s_links_are_notices(params):
    view = view_from_params(params, catalog=CATALOG, basemaps=["x"], page_params=PARAMS)
    refused = {k for k in params if k not in view.values and (k != "view" or view.center is None)}
    assert refused and len(view.notices) >= 1, (params, view.notices)
