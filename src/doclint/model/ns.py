"""WordprocessingML names and the lenient reading of its attribute values."""

from __future__ import annotations

import math
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


_VAL = w("val")


def on_off(el: Any) -> bool:
    """Value of an ST_OnOff element: absent ``w:val`` means on."""
    val = el.get(_VAL)
    return val is None or val.lower() not in ("0", "false", "off", "none")


def num(value: str | None) -> float | None:
    """Parse a numeric attribute leniently (some writers emit ``640.0``); None if absent or malformed.

    ``NaN``, ``inf``, ``1e400`` and the empty string read as absent, so a hostile value can never
    reach a rule as a number no comparison is true for.
    """
    if not value:
        return None
    try:
        out = float(value)
    except ValueError:
        return None
    return out if math.isfinite(out) else None
