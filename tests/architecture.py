"""The architecture's rules as checks over a source tree (``root`` holding ``sti_geo/``, ``sti_app/``, ``pages/``).

Each check returns its violations as lines ("path: what"); :mod:`tests.test_architecture` runs them on the
repository and on trees with one planted violation each, so every rule is seen to fail.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

SUBPACKAGES = ("model", "geo", "map", "export", "upload", "views", "text")
# What each subpackage may import from the others.
ALLOWED = {
    "text": set(),
    "geo": {"text"},
    "model": {"geo", "text"},
    "views": {"model", "geo", "text"},
    "export": {"model", "geo", "text"},
    "upload": {"model", "geo", "text", "export"},
    "map": {"model", "geo", "text", "views"},
}
# The top-level modules and what of sti_geo each may import ("*": anything; the entry points).
TOP_LEVEL = {
    "_errors": set(),
    "settings": {"_errors", "text"},
    "__init__": {"_errors", "model", "settings"},
    "cli": {"*"},
    "__main__": {"cli"},
}
# Who may import a top-level module (the entry points are not libraries).
TOP_SHARED = {"_errors", "settings"}
TOP_FOR_TEXT = {"_errors"}  # text is the leaf: only the error types
# A language picked by comparing codes, a local text table, a local text helper.
LANGUAGE_PICK = re.compile(r"""\blang\w*\s*[!=]=|[!=]=\s*\w*lang\b|[!=]=\s*["'](?:zh|en)["']"""
                           r"""|["'](?:zh|en)["']\s*[!=]=|\bif en else\b""")
TEXT_TABLE = re.compile(r"^(?:[A-Z_]*TEXTS?|[A-Z_]*_TEXT)\s*[:=]", re.M)
TEXT_HELPER = re.compile(r"^\s*def _tx\(|^\s*tx\s*=\s*\w+\[lang\]", re.M)
CATALOGUE = ("sti_geo", "text")  # where languages are picked and text lives


def _python_files(root: Path, folder: str) -> Iterator[Path]:
    yield from sorted((root / folder).rglob("*.py"))


def imports(root: Path, path: Path, *, top_only: bool = False) -> set[str]:
    """Absolute module names ``path`` imports, relative imports resolved and ``from a import b`` read as ``a.b``
    too (``from sti_geo import views`` imports the views package); ``top_only`` skips imports inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = list(path.relative_to(root).with_suffix("").parts)
    nodes = tree.body if top_only else list(ast.walk(tree))
    out: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[: len(parts) - node.level]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module:
                out.add(module)
            out |= {f"{module}.{alias.name}" if module else alias.name for alias in node.names}
    return out


def _ours(name: str) -> list[str]:
    bits = name.split(".")
    return bits if bits[0] == "sti_geo" and len(bits) > 1 else []


def layer_violations(root: Path) -> list[str]:
    """A subpackage imports a subpackage its rule does not allow, or a top-level module that is not shared."""
    bad = []
    for sub in SUBPACKAGES:
        for path in _python_files(root, f"sti_geo/{sub}"):
            for name in sorted(imports(root, path)):
                bits = _ours(name)
                if not bits:
                    continue
                other = bits[1]
                rel = path.relative_to(root)
                if other in SUBPACKAGES and other != sub and other not in ALLOWED[sub]:
                    bad.append(f"{rel}: imports {name}")
                elif other not in SUBPACKAGES and other not in (TOP_FOR_TEXT if sub == "text" else TOP_SHARED):
                    bad.append(f"{rel}: imports the top-level {name}")
    return bad


def top_level_violations(root: Path) -> list[str]:
    """The top-level modules are the given ones, and each imports only what :data:`TOP_LEVEL` allows."""
    bad = []
    found = {p.stem for p in (root / "sti_geo").glob("*.py")}
    if found != set(TOP_LEVEL):
        bad.append(f"sti_geo/: top-level modules {sorted(found)}, expected {sorted(TOP_LEVEL)}")
    for stem, allowed in TOP_LEVEL.items():
        path = root / "sti_geo" / f"{stem}.py"
        if not path.exists() or "*" in allowed:
            continue
        for name in sorted(imports(root, path)):
            bits = _ours(name)
            if bits and bits[1] not in allowed and bits[1] != stem:
                bad.append(f"{path.relative_to(root)}: imports {name}")
    return bad


def direction_violations(root: Path) -> list[str]:
    """Imports point down: pages → sti_app → sti_geo, never back; no page imports another; the package never
    imports Streamlit."""
    bad = []
    for folder, forbidden in (("sti_geo", ("sti_app", "pages", "streamlit", "app")), ("sti_app", ("pages", "app")),
                              ("pages", ("pages", "app"))):
        for path in _python_files(root, folder):
            for name in sorted(imports(root, path)):
                if name.split(".")[0] in forbidden:
                    bad.append(f"{path.relative_to(root)}: imports {name}")
    return bad


def cycles(root: Path) -> list[str]:
    """Import cycles among sti_geo's modules, imports inside functions included (a deferred import is still a
    dependency: the cycle is in the design, not at load time)."""
    modules = {".".join(p.relative_to(root).with_suffix("").parts).removesuffix(".__init__"): p
               for p in _python_files(root, "sti_geo")}
    graph = {m: {n for n in imports(root, p) if n in modules and n != m and not m.startswith(n + ".")
                 and not n.startswith(m + ".")}
             for m, p in modules.items()}
    graph = {m: {n for n in deps if not _is_package(modules, n)} for m, deps in graph.items()}
    found: list[str] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                found.append(" → ".join([*stack[stack.index(n):], n]))
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    return found


def _is_package(modules: dict[str, Path], name: str) -> bool:
    return modules[name].name == "__init__.py"


def language_violations(root: Path) -> list[str]:
    """Outside the catalogue (``sti_geo/text``): no language picked by comparing codes, no local text table
    (``TEXT = {…}``), no local text helper (``_tx``, ``tx = TEXT[lang]``)."""
    bad = []
    for folder in ("sti_geo", "sti_app", "pages"):
        for path in _python_files(root, folder):
            rel = path.relative_to(root)
            if rel.parts[:2] == CATALOGUE:
                continue
            source = path.read_text(encoding="utf-8")
            for n, line in enumerate(source.splitlines(), 1):
                if LANGUAGE_PICK.search(line.split("#")[0]):
                    bad.append(f"{rel}:{n}: compares language codes: {line.strip()}")
            bad += [f"{rel}: a local text table {m.group(0)}" for m in TEXT_TABLE.finditer(source)]
            bad += [f"{rel}: a local text helper {m.group(0).strip()}" for m in TEXT_HELPER.finditer(source)]
    app = root / "app.py"
    if app.exists() and LANGUAGE_PICK.search(app.read_text(encoding="utf-8")):
        bad.append("app.py: compares language codes")
    return bad
