"""Numbers typed by people (links, the command line, settings): ASCII digits only, read one way everywhere.

``str.isdigit`` accepts "²" and "①" and ``int``/``float`` accept "١٢", "1_000", " nan" and "infinity": each
of them has crashed or misled a parser here. These accept only what a reader of the link sees as a number.
"""

from __future__ import annotations

import math
import re

from .._errors import InputError

_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def is_integer(text: str) -> bool:
    """True when ``text`` is an optional sign and ASCII digits (no spaces, underscores or other scripts)."""
    return _INTEGER.fullmatch(text) is not None


def integer(text: str, what: str = "value") -> int:
    """``text`` as an int (see :func:`is_integer`), else InputError naming ``what``."""
    if not is_integer(text):
        raise InputError(f"{what} {text[:40]!r} is not a whole number")
    return int(text)


def decimal(text: str, what: str = "value") -> float:
    """``text`` as a finite float: ASCII digits, a point and an exponent, else InputError naming ``what``."""
    if _DECIMAL.fullmatch(text) is None:
        raise InputError(f"{what} {text[:40]!r} is not a number" if text else f"{what} is missing")
    value = float(text)
    if not math.isfinite(value):  # "1e999"
        raise InputError(f"{what} {text[:40]!r} is out of range")
    return value
