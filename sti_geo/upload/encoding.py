"""Guess the text encoding of uploaded files: UTF-8 first, then the Chinese GB encodings.

Shapefiles from Chinese GIS software are usually GBK with no ``.cpg``; reading them as Latin-1
(GDAL's fallback) turns every name into mojibake.
"""

from __future__ import annotations

import codecs

# DBF "language driver" bytes that mean code page 936 (GBK).
DBF_LDID_GBK = {0x4D, 0x7A}
# .cpg spellings seen in the wild, by the Python codec that reads them.
CPG_ALIASES = {"65001": "utf-8", "936": "gb18030", "cp936": "gb18030", "gbk": "gb18030", "gb2312": "gb18030",
               "ansi 936": "gb18030", "utf8": "utf-8"}
SAMPLE_BYTES = 1 << 20


def text_encoding(raw: bytes) -> str:
    """The first of UTF-8 (with or without BOM), GB18030 and Latin-1 that decodes ``raw``."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for candidate in ("utf-8", "gb18030"):
        try:
            raw.decode(candidate)
        except UnicodeDecodeError as exc:
            if candidate == "utf-8" and exc.start >= len(raw) - 3 and len(raw) >= SAMPLE_BYTES:
                return "utf-8"  # a sample cut through the middle of a character
            continue
        return candidate
    return "latin-1"


def _codec(name: str) -> str | None:
    key = name.strip().lower()
    key = CPG_ALIASES.get(key, key)
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def dbf_encoding(dbf: bytes, cpg: str | None = None) -> str:
    """A DBF's encoding: its ``.cpg`` if that names a real codec, else its language byte, else a guess."""
    if cpg:
        found = _codec(cpg)
        if found:
            return "gb18030" if found in ("gbk", "gb2312", "cp936") else found
    if len(dbf) > 29 and dbf[29] in DBF_LDID_GBK:
        return "gb18030"
    header = int.from_bytes(dbf[8:10], "little") if len(dbf) >= 10 else 0
    # field names (11 bytes each, in 32-byte descriptors) and the records; the rest is binary
    names = b" ".join(dbf[i: i + 11].split(b"\0", 1)[0] for i in range(32, max(32, header - 1), 32))
    return text_encoding(names + b" " + dbf[header: header + SAMPLE_BYTES])
