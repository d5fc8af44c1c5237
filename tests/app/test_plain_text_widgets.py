"""Plain-text widgets show names, never character references: the Markdown-inert form is for Markdown only.

Selectbox and multiselect options and table cells are shown as plain text; the inert form of a name
(``&#40;`` for "(") is for elements that render Markdown, and shown here it reads "威海市&#40;全市&#41;" (screen
readers say it so too).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from sti_app import keys
from tests.conftest import ROOT

PAGES = ("overview", "layout", "districts", "industries", "metrics", "upload", "export", "about")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_plain_text_widget_shows_a_character_reference(page, lang):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.switch_page(f"pages/{page}_page.py").run()
    for name in ("where:open", "q:open"):  # the filters and the query form, drawn as a click opens them
        at.session_state[keys.widget(page, name)] = True
    at.run()
    assert not at.exception, at.exception
    shown = [(w.label, str(o)) for w in [*at.selectbox, *at.multiselect] for o in w.options]
    shown += [(str(c), str(v)) for d in at.dataframe for c in d.value.columns for v in d.value[c]]
    assert [s for s in shown if "&#" in s[1] or "&amp;" in s[1] or "&#" in s[0]] == []
