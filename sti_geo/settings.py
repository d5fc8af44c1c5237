"""Typed settings: where the data lives. Override with environment variables."""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ._errors import InputError

REPO_ROOT = Path(__file__).resolve().parent.parent
REGIONS_DIR = REPO_ROOT / "geodata"  # one region pack per folder: manifest.toml, tables, sources/, build/, layers/


def default_region(regions_dir: Path = REGIONS_DIR) -> str:
    """The pack whose manifest says ``default = true`` (else the first by name): the app's and CLI's default."""
    packs = sorted(p for p in regions_dir.glob("*/manifest.toml")) if regions_dir.is_dir() else []
    for manifest in packs:
        try:
            if tomllib.loads(manifest.read_text(encoding="utf-8")).get("default") is True:
                return manifest.parent.name
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue  # a broken manifest is reported by validation, not here
    return packs[0].parent.name if packs else ""


DEFAULT_REGION = default_region()


@dataclass(frozen=True)
class Settings:
    """Locations of the data the package reads.

    Parameters
    ----------
    geodata_dir
        The region pack: ``manifest.toml``, the authored tables (``*.toml``), ``sources/`` and ``build/``.
    layers_dir
        Folder with one declarative layer spec (``*.toml``) per map layer (the pack's ``layers/``).
    upload_max_mb
        Largest own-layer upload accepted, in MB (also the largest a zip may unpack to, times
        ``UNZIP_FACTOR`` in :mod:`sti_geo.upload.safezip`).
    upload_max_features
        Most features an uploaded layer may hold.
    """

    geodata_dir: Path = REGIONS_DIR / DEFAULT_REGION
    layers_dir: Path = REGIONS_DIR / DEFAULT_REGION / "layers"
    upload_max_mb: float = 50.0
    upload_max_features: int = 20_000

    @property
    def region(self) -> str:
        """The region pack's name (its folder's name)."""
        return self.geodata_dir.name

    @property
    def sources_dir(self) -> Path:
        """The pack's verbatim source documents."""
        return self.geodata_dir / "sources"

    @property
    def build_dir(self) -> Path:
        """The pack's generated geometry (``scripts/build_geodata.py``)."""
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


def list_regions(regions_dir: Path = REGIONS_DIR) -> list[str]:
    """The region packs: folders of ``regions_dir`` holding a ``manifest.toml``, default first."""
    found = sorted(p.name for p in regions_dir.iterdir() if (p / "manifest.toml").is_file()) \
        if regions_dir.is_dir() else []
    return sorted(found, key=lambda r: r != DEFAULT_REGION)


def region_dir(region: str, regions_dir: Path = REGIONS_DIR) -> Path:
    """The pack folder of ``region``, or InputError naming the packs there are."""
    known = list_regions(regions_dir)
    if region not in known:
        raise InputError(f"unknown region {region!r}; region packs: {', '.join(known) or '(none)'}")
    return regions_dir / region


def settings_from_env(region: str | None = None) -> Settings:
    """Settings for ``region`` (else ``STI_GEO_REGION``, else the default pack).

    ``STI_GEO_GEODATA`` / ``STI_GEO_LAYERS`` point at a pack folder elsewhere; caps come from
    ``STI_GEO_UPLOAD_MAX_MB`` / ``STI_GEO_UPLOAD_MAX_FEATURES``. InputError names a malformed variable
    or an unknown region.
    """
    default = Settings()
    explicit = os.environ.get("STI_GEO_GEODATA")
    if explicit and not region:
        geodata_dir = Path(explicit)
    else:
        geodata_dir = region_dir(region or os.environ.get("STI_GEO_REGION") or DEFAULT_REGION)
    return Settings(
        geodata_dir=geodata_dir,
        layers_dir=Path(os.environ["STI_GEO_LAYERS"]) if explicit and not region and os.environ.get("STI_GEO_LAYERS")
        else geodata_dir / "layers",
        upload_max_mb=float(_number("STI_GEO_UPLOAD_MAX_MB", default.upload_max_mb, float)),
        upload_max_features=int(_number("STI_GEO_UPLOAD_MAX_FEATURES", default.upload_max_features, int)),
    )
