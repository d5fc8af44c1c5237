"""Typed settings: where the data lives. Override with environment variables."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from ._errors import UNREADABLE, DataValidationError, InputError, Problem
from .text.numbers import decimal, integer

REPO_ROOT = Path(__file__).resolve().parent.parent
REGIONS_DIR = REPO_ROOT / "geodata"  # one region pack per folder: manifest.toml, tables, sources/, build/, layers/


UPLOAD_MAX_MB, UPLOAD_MAX_FEATURES = 50.0, 20_000


def _shown_path(path: Path) -> str:
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def _packs(regions_dir: Path) -> list[str]:
    """The folders of ``regions_dir`` holding a ``manifest.toml``, by name (nothing is parsed)."""
    return sorted(p.name for p in regions_dir.iterdir() if (p / "manifest.toml").is_file()) \
        if regions_dir.is_dir() else []


def _marked(regions_dir: Path) -> tuple[list[str], list[Problem]]:
    """The packs whose manifest says ``default = true``, and a problem for each manifest that cannot be read.

    Parsed again only when a manifest changes (its size or time): the app asks on every run and every pan.
    """
    return _parse_marked(tuple(_stamp(regions_dir / name / "manifest.toml") for name in _packs(regions_dir)))


def _stamp(manifest: Path) -> tuple[str, int, int]:
    try:
        stat = manifest.stat()
    except OSError:  # gone since it was listed: parsing it says so
        return str(manifest), -1, -1
    return str(manifest), stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _parse_marked(stamp: tuple[tuple[str, int, int], ...]) -> tuple[list[str], list[Problem]]:
    marked, problems = [], []
    for manifest in (Path(path) for path, _, _ in stamp):
        try:
            data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append(Problem(_shown_path(manifest), "-", "-", f"cannot parse: {exc}", UNREADABLE))
            continue
        if data.get("default") is True:
            marked.append(manifest.parent.name)
    return marked, problems  # shared by callers: read, never changed


def default_region(regions_dir: Path | None = None) -> str:
    """The pack whose manifest says ``default = true`` (else the only pack): the app's and CLI's default.

    Raises
    ------
    DataValidationError
        A manifest cannot be read (it may be the default one: guessing would serve another city), two packs
        are marked default, or several packs are there and none is marked.
    """
    regions_dir = regions_dir or REGIONS_DIR
    marked, problems = _marked(regions_dir)
    if problems:
        raise DataValidationError(problems)
    packs = _packs(regions_dir)
    if len(marked) == 1:
        return marked[0]
    if not marked and len(packs) == 1:
        return packs[0]
    where = _shown_path(regions_dir)
    why = (f"{len(marked)} packs say default = true ({', '.join(marked)}): one may" if marked
           else f"no pack says default = true; one of {', '.join(packs) or '(none)'} must")
    raise DataValidationError([Problem(where, "-", "default", why)])


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

    geodata_dir: Path = field(default_factory=lambda: REGIONS_DIR / default_region())
    layers_dir: Path = field(default_factory=lambda: REGIONS_DIR / default_region() / "layers")
    upload_max_mb: float = UPLOAD_MAX_MB
    upload_max_features: int = UPLOAD_MAX_FEATURES

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
        value = integer(raw.strip()) if kind is int else decimal(raw.strip())
    except InputError:
        value = -1
    if not value > 0:
        raise InputError(f"{name}={raw!r} must be a positive {'integer' if kind is int else 'number'}")
    return value


def public_url() -> str:
    """``STI_GEO_PUBLIC_URL``: the address readers reach the app at (``""`` when unset), for printed links.

    A presenter's laptop reaches the app at ``http://localhost:8501``; a handout must carry the address its
    readers can open. InputError when it is not an http(s) address with a host.
    """
    raw = os.environ.get("STI_GEO_PUBLIC_URL", "").strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise InputError(f"STI_GEO_PUBLIC_URL={raw!r} must be an http(s) address such as https://maps.example.gov/sti")
    return raw.rstrip("/")


def database_url() -> str:
    """``STI_GEO_DATABASE_URL``: the PostGIS the plan was published to (``""``: the region pack's files alone).

    Set, the app and the OGC API show the published layers with every edit made there since
    (``python -m sti_geo publish`` writes them); unset, nothing needs a database.
    """
    return os.environ.get("STI_GEO_DATABASE_URL", "").strip()


def upload_caps() -> tuple[float, int]:
    """The own-layer caps (MB, features) from ``STI_GEO_UPLOAD_MAX_MB`` / ``STI_GEO_UPLOAD_MAX_FEATURES``.

    Read without choosing a region pack: the server sets its upload limit from them before any pack is read.
    """
    return (float(_number("STI_GEO_UPLOAD_MAX_MB", UPLOAD_MAX_MB, float)),
            int(_number("STI_GEO_UPLOAD_MAX_FEATURES", UPLOAD_MAX_FEATURES, int)))


def list_regions(regions_dir: Path | None = None) -> list[str]:
    """The region packs: folders of ``regions_dir`` holding a ``manifest.toml``, the one marked default first.

    Lists a pack whose manifest cannot be read too (only choosing one by default needs to read them).
    """
    regions_dir = regions_dir or REGIONS_DIR
    marked, _ = _marked(regions_dir)
    return sorted(_packs(regions_dir), key=lambda r: r not in marked)


def region_dir(region: str, regions_dir: Path | None = None) -> Path:
    """The pack folder of ``region``, or InputError naming the packs there are."""
    regions_dir = regions_dir or REGIONS_DIR
    if region not in _packs(regions_dir):
        known = list_regions(regions_dir)
        raise InputError(f"unknown region {region!r}; region packs: {', '.join(known) or '(none)'}")
    return regions_dir / region


def settings_from_env(region: str | None = None) -> Settings:
    """Settings for ``region`` (else ``STI_GEO_REGION``, else the default pack).

    ``STI_GEO_GEODATA`` / ``STI_GEO_LAYERS`` point at a pack folder elsewhere; caps come from
    ``STI_GEO_UPLOAD_MAX_MB`` / ``STI_GEO_UPLOAD_MAX_FEATURES``. InputError names a malformed variable
    or an unknown region; DataValidationError a default that cannot be told (:func:`default_region`).
    """
    explicit = os.environ.get("STI_GEO_GEODATA")
    if explicit and not region:
        geodata_dir = Path(explicit)
    else:
        geodata_dir = region_dir(region or os.environ.get("STI_GEO_REGION") or default_region())
    upload_max_mb, upload_max_features = upload_caps()
    return Settings(
        geodata_dir=geodata_dir,
        layers_dir=Path(os.environ["STI_GEO_LAYERS"]) if explicit and not region and os.environ.get("STI_GEO_LAYERS")
        else geodata_dir / "layers",
        upload_max_mb=upload_max_mb,
        upload_max_features=upload_max_features,
    )
