"""The folders are the architecture: who may import whom, where text lives, no cycles — on the repository, and
each rule seen to fail on a tree with one planted violation."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from tests import architecture as rules
from tests.conftest import ROOT

PKG = ROOT / "sti_geo"
CHECKS = {
    "layers": rules.layer_violations,
    "top level": rules.top_level_violations,
    "direction": rules.direction_violations,
    "cycles": rules.cycles,
    "language": rules.language_violations,
}


@pytest.mark.parametrize("check", CHECKS)
def test_the_repository_keeps_the_rule(check):
    assert CHECKS[check](ROOT) == []


def test_every_subpackage_says_what_it_is_for_and_what_it_may_import():
    for sub in rules.SUBPACKAGES:
        doc = ast.get_docstring(ast.parse((PKG / sub / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "May import" in doc and len(doc) > 80, sub


@pytest.fixture(scope="module")
def clean_tree(tmp_path_factory) -> Path:
    """A copy of the three source folders (Python files only) to plant violations in."""
    root = tmp_path_factory.mktemp("tree")
    for folder in ("sti_geo", "sti_app", "pages"):
        shutil.copytree(ROOT / folder, root / folder, ignore=lambda d, names: [
            n for n in names if not (n.endswith(".py") or (Path(d) / n).is_dir()) or n == "__pycache__"])
    shutil.copy(ROOT / "app.py", root / "app.py")
    return root


PLANTED = [
    # (check, file, source appended, what the report names)
    ("layers", "sti_geo/model/planted.py", "from sti_geo import views\n", "sti_geo.views"),
    ("layers", "sti_geo/model/planted.py", "from .. import map\n", "sti_geo.map"),
    ("layers", "sti_geo/geo/planted.py", "import sti_geo.export.bundle\n", "sti_geo.export.bundle"),
    ("layers", "sti_geo/text/planted.py", "from ..settings import Settings\n", "sti_geo.settings"),
    ("layers", "sti_geo/views/planted.py", "from ..cli import main\n", "sti_geo.cli"),
    ("top level", "sti_geo/_errors.py", "from .text import i18n\n", "sti_geo.text"),
    ("top level", "sti_geo/settings.py", "from .model import catalog\n", "sti_geo.model"),
    ("top level", "sti_geo/helpers.py", "X = 1\n", "helpers"),
    ("direction", "sti_geo/views/planted.py", "from sti_app import keys\n", "sti_app.keys"),
    ("direction", "sti_geo/map/planted.py", "import streamlit as st\n", "streamlit"),
    ("direction", "sti_app/planted.py", "from pages import overview_page\n", "pages.overview_page"),
    ("direction", "pages/planted_page.py", "import pages.about_page\n", "pages.about_page"),
    ("cycles", "sti_geo/map/printed.py", "\ndef _later():\n    from .print_files import print_view\n",
     "sti_geo.map.printed"),
    ("language", "sti_app/planted.py", 'def f(lang):\n    return "a" if lang == "zh" else "b"\n', "compares"),
    ("language", "pages/planted_page.py", 'x = "en" != view.lang\n', "compares"),
    ("language", "sti_geo/views/planted.py", "def f(view):\n    return view.lang != DEFAULT_LANG\n", "compares"),
    ("language", "sti_app/planted.py", 'TEXT = {"k": ("字", "word")}\n', "text table"),
    ("language", "sti_app/planted.py", "UPLOAD_TEXT: dict = {}\n", "text table"),
    ("language", "sti_app/planted.py", "def _tx(key, lang):\n    return key\n", "text helper"),
    ("language", "pages/planted_page.py", "tx = TABLE[lang]\n", "text helper"),
]


@pytest.mark.parametrize(("check", "file", "source", "named"), PLANTED,
                         ids=[f"{c}:{f}:{n}" for c, f, _, n in PLANTED])
def test_each_rule_fails_on_a_planted_violation(clean_tree, tmp_path, check, file, source, named):
    root = tmp_path / "tree"
    shutil.copytree(clean_tree, root)
    path = root / file
    path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + source, encoding="utf-8")
    found = CHECKS[check](root)
    assert found and any(named in line for line in found), found


def test_the_clean_copy_passes_every_check(clean_tree):
    """The planted trees differ from this copy by the one file: their failures are the plant's."""
    assert {name: check(clean_tree) for name, check in CHECKS.items()} == {name: [] for name in CHECKS}
