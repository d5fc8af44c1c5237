"""Shared fixtures: the real catalog, and a writable copy of the data to break on purpose."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sti_geo import Settings, load_catalog
from sti_geo.model.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def data_copy(tmp_path: Path) -> Settings:
    """A private copy of the Weihai pack (geodata/weihai, its layers/ inside) that a test may edit."""
    pack = tmp_path / "geodata" / "weihai"
    shutil.copytree(ROOT / "geodata" / "weihai", pack)
    return Settings(geodata_dir=pack, layers_dir=pack / "layers")


@pytest.fixture
def edit() -> Callable[[Path, str, str], None]:
    """Replace exactly one occurrence of ``old`` by ``new`` in a file (fails if absent)."""

    def _edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= 1, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return _edit


@pytest.fixture
def regions_copy(tmp_path: Path, monkeypatch) -> Path:
    """A private copy of every region pack (geodata/), made the packs the package and the app find."""
    import sti_geo.settings

    regions = tmp_path / "geodata"
    shutil.copytree(ROOT / "geodata", regions)
    monkeypatch.setattr(sti_geo.settings, "REGIONS_DIR", regions)
    monkeypatch.delenv("STI_GEO_GEODATA", raising=False)
    monkeypatch.delenv("STI_GEO_REGION", raising=False)
    return regions
