"""Writing an export where the command line says: whole files or none, and a clear message when it cannot.

Each file is written beside its target under a temporary name and renamed into place only when complete, so
a full disk or a read-only folder leaves neither a truncated file nor a half-replaced one. A target that is
not a regular file (a device such as ``/dev/stdout``) is written directly: it cannot be renamed over.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .._errors import InputError, OutputError

STDOUT = "-"
# the file name endings a single-file export may be given, by the ending of the file it makes
SAME_KIND = {".geojson": (".geojson", ".json"), ".csv": (".csv", ".txt")}


def check_out(out: str) -> None:
    """InputError for an empty ``--out`` (it would quietly mean the current folder)."""
    if not str(out).strip():
        raise InputError("--out is empty: give a file, a folder, or - for standard output")


def check_suffix(path: Path, made: str) -> None:
    """InputError when a single file ``path`` is named as a file of another kind than ``made`` (its own name).

    ``--format shp --out a.geojson`` would write a zip that every program opens as broken GeoJSON. A name
    without an ending (``out``, ``/dev/stdout``) says nothing of its kind and is taken as given.
    """
    want = Path(made).suffix.lower()
    if path.suffix and path.suffix.lower() not in SAME_KIND.get(want, (want,)):
        raise InputError(f"--out {path.name}: this export is a {want} file ({made}); name it "
                         f"{path.with_suffix(want).name}, or give a folder")


def is_folder(out: str) -> bool:
    """``out`` ends in a path separator or names an existing folder (OutputError when it cannot be looked at)."""
    try:
        return out.endswith(("/", os.sep)) or Path(out).is_dir()
    except OSError as exc:  # a name too long, a folder that cannot be read
        raise _why(exc, Path(out)) from None


def check_writable(path: Path, force: bool) -> None:
    """Refuse to overwrite an existing path unless ``force``."""
    try:
        exists = path.exists()
    except OSError as exc:
        raise _why(exc, path) from None
    if exists and not force:
        raise InputError(f"{path} already exists; pass --force to overwrite it")


def _mode(path: Path) -> int:
    """The permissions the written file gets: an existing file's own, else what the umask gives a new file.

    A temporary file is made private (0600) and would otherwise keep that.
    """
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def _regular_or_new(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        return True


def _why(exc: OSError, path: Path) -> OutputError:
    return OutputError(f"cannot write {path}: {exc.strerror or exc}")  # the target, never a temporary name


def write_files(files: Mapping[Path, bytes], force: bool) -> None:
    """Write every file, or leave every target as it was: OutputError says which path failed and why."""
    for path in files:
        check_writable(path, force)
    placed: dict[Path, Path] = {}  # target: its complete temporary file
    current = next(iter(files), Path())
    try:
        for current, data in files.items():
            if not _regular_or_new(current):
                with current.open("wb") as stream:
                    stream.write(data)
                continue
            current.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=".sti_geo-", suffix=".part", dir=current.parent)
            placed[current] = Path(name)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
                os.fchmod(stream.fileno(), _mode(current))
        for current, part in placed.items():
            os.replace(part, current)
            placed[current] = current
    except OSError as exc:
        raise _why(exc, current) from None
    finally:
        for target, left in placed.items():
            if left != target:  # not renamed into place: a temporary file
                left.unlink(missing_ok=True)
