"""Whether a cell holds a value: one rule for panels, exports and inert text."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd


def is_missing(value: Any) -> bool:
    """True for ``None``, ``pd.NA``, ``NaT`` and NaN (Python or NumPy floats); lists are never missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def is_blank(value: Any) -> bool:
    """Missing, or the empty string (an empty cell to a reader)."""
    return is_missing(value) or (isinstance(value, str) and value == "")
