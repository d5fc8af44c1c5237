"""Typed settings: where the data lives. Override with environment variables."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from ._errors import InputError

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
    upload_max_mb
        Largest own-layer upload accepted, in MB (also the largest a zip may unpack to, times
        ``UNZIP_FACTOR`` in :mod:`sti_geo.safezip`).
    upload_max_features
        Most features an uploaded layer may hold.
    """

    geodata_dir: Path = REPO_ROOT / "geodata"
    layers_dir: Path = REPO_ROOT / "layers"
    upload_max_mb: float = 50.0
    upload_max_features: int = 20_000

    @property
    def sources_dir(self) -> Path:
        return self.geodata_dir / "sources"

    @property
    def build_dir(self) -> Path:
        return self.geodata_dir / "build"


def _number(name: str, default: float, kind: type[int] | type[float]) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = -1
    if not (0 < value < math.inf):  # also refuses nan and inf
        raise InputError(f"{name}={raw!r} must be a positive {'integer' if kind is int else 'number'}")
    return value


def settings_from_env() -> Settings:
    """Settings from ``STI_GEO_GEODATA`` / ``STI_GEO_LAYERS`` / ``STI_GEO_UPLOAD_MAX_MB`` /
    ``STI_GEO_UPLOAD_MAX_FEATURES`` or the defaults; InputError naming a malformed variable."""
    default = Settings()
    return Settings(
        geodata_dir=Path(os.environ.get("STI_GEO_GEODATA", default.geodata_dir)),
        layers_dir=Path(os.environ.get("STI_GEO_LAYERS", default.layers_dir)),
        upload_max_mb=float(_number("STI_GEO_UPLOAD_MAX_MB", default.upload_max_mb, float)),
        upload_max_features=int(_number("STI_GEO_UPLOAD_MAX_FEATURES", default.upload_max_features, int)),
    )
