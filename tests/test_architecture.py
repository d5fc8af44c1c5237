"""The package's folders are its architecture: each subpackage imports only what its docstring allows."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PKG = ROOT / "sti_geo"
SUBPACKAGES = ("model", "geo", "map", "export", "upload", "views", "text")
# What each subpackage may import from the others (top-level modules such as _errors and settings are shared).
ALLOWED = {
    "text": set(),
    "geo": {"text"},
    "model": {"geo", "text"},
    "views": {"model", "geo", "text"},
    "export": {"model", "geo", "text"},
    "upload": {"model", "geo", "text", "export"},
    "map": {"model", "geo", "text", "views"},
}
TOP_FOR_TEXT = {"_errors"}  # text is the leaf: only the error types


def _imports(path: Path) -> set[str]:
    """Absolute module names ``path`` imports (relative imports resolved against its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[: len(parts) - node.level]
                module = ".".join([*base, node.module] if node.module else base)
                if not node.module:  # "from . import x": x is a module of that package
                    out |= {f"{module}.{alias.name}" for alias in node.names}
                    continue
            else:
                module = node.module or ""
            out.add(module)
    return out


@pytest.mark.parametrize("sub", SUBPACKAGES)
def test_subpackage_imports_follow_its_rule(sub):
    bad = []
    for path in (PKG / sub).rglob("*.py"):
        for name in _imports(path):
            bits = name.split(".")
            if bits[0] != "sti_geo" or len(bits) < 2:
                continue
            other = bits[1]
            if other in SUBPACKAGES and other != sub and other not in ALLOWED[sub]:
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
            if sub == "text" and other not in SUBPACKAGES and other not in TOP_FOR_TEXT:
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert bad == []


def test_nothing_in_sti_geo_imports_streamlit():
    hits = [f"{p.relative_to(ROOT)}" for p in PKG.rglob("*.py")
            if any(n.split(".")[0] == "streamlit" for n in _imports(p))]
    assert hits == []


def test_every_subpackage_says_what_it_is_for_and_what_it_may_import():
    for sub in SUBPACKAGES:
        doc = ast.get_docstring(ast.parse((PKG / sub / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "May import" in doc and len(doc) > 80, sub


def test_the_top_level_holds_only_the_entry_points():
    assert sorted(p.name for p in PKG.glob("*.py")) == ["__init__.py", "__main__.py", "_errors.py", "cli.py",
                                                         "settings.py"]


def test_a_language_is_picked_only_in_text_i18n():
    """Bilingual strings go through ``in_lang``/``t``; no ``x_en if lang == "en" else x`` elsewhere."""
    pattern = re.compile(r"""lang\s*==\s*["']en["']|\bif en else\b""")
    offenders = [f"{path.relative_to(ROOT)}:{n}"
                 for folder in ("sti_geo", "sti_app", "pages") for path in sorted((ROOT / folder).rglob("*.py"))
                 if path != PKG / "text" / "i18n.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not offenders, offenders
