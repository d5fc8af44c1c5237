"""Typed settings: where the data lives. Override with environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Locations of the data the package reads.

    Parameters
    ----------
    geodata_dir
        Folder with the authored tables (``*.toml``), ``sources/`` and ``build/``.
    layers_dir
        Folder with one declarative layer spec (``*.toml``) per map layer.
    """

    geodata_dir: Path = REPO_ROOT / "geodata"
    layers_dir: Path = REPO_ROOT / "layers"

    @property
    def sources_dir(self) -> Path:
        return self.geodata_dir / "sources"

    @property
    def build_dir(self) -> Path:
        return self.geodata_dir / "build"


def settings_from_env() -> Settings:
    """Settings from ``STI_GEO_GEODATA`` / ``STI_GEO_LAYERS`` or the repo defaults."""
    default = Settings()
    return Settings(
        geodata_dir=Path(os.environ.get("STI_GEO_GEODATA", default.geodata_dir)),
        layers_dir=Path(os.environ.get("STI_GEO_LAYERS", default.layers_dir)),
    )
