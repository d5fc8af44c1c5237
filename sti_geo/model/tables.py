"""Reading the authored TOML tables and the generated files of ``geodata/``."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from typing import Any

from .._errors import MALFORMED, UNREADABLE, Problem

# Authored table file -> the TOML array-of-tables key holding its rows.
TABLE_KEYS: dict[str, str] = {
    "areas.toml": "area",
    "layout.toml": "element",
    "parks.toml": "park",
    "platforms.toml": "platform",
    "industries.toml": "industry",
    "links.toml": "link",
    "designations.toml": "designation",
    "metrics.toml": "metric",
    "not_recorded.toml": "figure",
}
ANCHORS_FILE = "build/anchors.csv"
# Tables a pack may leave out (a plan without a spatial layout); required once a layer spec uses them.
OPTIONAL_TABLES = {"layout.toml", "designations.toml", "not_recorded.toml"}


def rel(path: Path, root: Path) -> str:
    """``path`` as messages show it.

    From the ``geodata/`` folder that holds the pack (``geodata/<region>/parks.toml``), else relative
    to ``root``'s parent, else as given.
    """
    base = next((p.parent for p in (root, *root.parents) if p.name == "geodata"), root.parent)
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def read_toml(path: Path, root: Path, problems: list[Problem]) -> dict[str, Any]:
    """Parse a TOML file; on failure record a problem and return ``{}``."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(rel(path, root), "-", "-", "file is missing", UNREADABLE))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(Problem(rel(path, root), "-", "-", f"cannot parse: {exc}", UNREADABLE))
    return {}


def read_table(geodata_dir: Path, name: str, problems: list[Problem], required: bool = True) -> list[dict[str, Any]]:
    """Rows of one authored table (``name`` is a key of TABLE_KEYS); a missing optional table has none."""
    if not required and not (geodata_dir / name).exists():
        return []
    data = read_toml(geodata_dir / name, geodata_dir, problems)
    rows = data.get(TABLE_KEYS[name], [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        problems.append(Problem(rel(geodata_dir / name, geodata_dir), "-", TABLE_KEYS[name],
                                "must be an array of tables ([[...]])", MALFORMED))
        return []
    for row in rows:
        row["_file"] = rel(geodata_dir / name, geodata_dir)
    return rows


def read_anchors(geodata_dir: Path, problems: list[Problem]) -> dict[str, dict[str, Any]]:
    """Anchors by id: ``lon``, ``lat``, ``accuracy_m``, ``basis``, ``name``."""
    path = geodata_dir / ANCHORS_FILE
    anchors: dict[str, dict[str, Any]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                try:
                    anchors[row["id"]] = {
                        "name": row["name"],
                        "lon": float(row["lon"]),
                        "lat": float(row["lat"]),
                        "accuracy_m": int(row["accuracy_m"]),
                        "basis": row["basis"],
                    }
                except (KeyError, TypeError, ValueError) as exc:
                    problems.append(Problem(rel(path, geodata_dir), f"line {n}", "-", f"bad anchor row: {exc}"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(rel(path, geodata_dir), "-", "-", f"cannot read: {exc}", UNREADABLE))
    return anchors
