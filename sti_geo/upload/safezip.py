"""Unpack an uploaded zip without trusting it: no path escapes, no bombs, no links, bounded size.

The sizes a zip declares can lie, so the bytes actually written are counted too.
"""

from __future__ import annotations

import io
import stat
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from .._errors import UploadError

UNZIP_FACTOR = 4  # a zip may unpack to at most this many times the upload cap
MAX_MEMBERS = 500
MAX_RATIO = 200  # compression beyond this is a bomb, not a shapefile (DBF text compresses ~20×)
CHUNK = 1 << 16


def _member_path(name: str) -> PurePosixPath:
    """The member's relative path, or UploadError for absolute paths, '..' and drive letters."""
    clean = name.replace("\\", "/")
    if not clean.strip("/. "):
        raise UploadError("zip_corrupt", detail=f"member with no name: {name!r}")
    path = PurePosixPath(clean)
    if clean.startswith("/") or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise UploadError("zip_path", name=name[:120])
    return path


def extract_zip(data: bytes, dest: Path, max_bytes: int) -> list[Path]:
    """Unpack ``data`` into ``dest``; return the files written.

    Raises
    ------
    UploadError
        ``zip_corrupt`` (not a readable zip), ``zip_path`` (a member would land outside ``dest``),
        ``zip_link`` (symbolic link), ``zip_members`` (too many files), ``zip_bomb`` (unpacks to more
        than ``max_bytes`` or compresses implausibly well).
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError,
            RuntimeError, struct.error) as exc:
        raise UploadError("zip_corrupt", detail=str(exc)) from exc
    if len(infos) > MAX_MEMBERS:
        raise UploadError("zip_members", count=len(infos), limit=MAX_MEMBERS)
    declared = 0
    for info in infos:
        _member_path(info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UploadError("zip_link", name=info.filename[:120])
        declared += info.file_size
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > CHUNK:
            raise UploadError("zip_bomb", limit_mb=round(max_bytes / 2**20))
    if declared > max_bytes:
        raise UploadError("zip_bomb", limit_mb=round(max_bytes / 2**20))
    written: list[Path] = []
    total = 0
    root = dest.resolve()
    with zf:
        for info in infos:
            if info.is_dir():
                continue
            target = (root / _member_path(info.filename)).resolve()
            if not target.is_relative_to(root):
                raise UploadError("zip_path", name=info.filename[:120])
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(info) as src, target.open("wb") as out:
                    while chunk := src.read(CHUNK):
                        total += len(chunk)
                        if total > max_bytes:
                            raise UploadError("zip_bomb", limit_mb=round(max_bytes / 2**20))
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError,
                    struct.error, zlib.error) as exc:
                raise UploadError("zip_corrupt", detail=str(exc)) from exc
            written.append(target)
    return written
