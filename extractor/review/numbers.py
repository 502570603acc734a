"""Numbers as the review tools print them: plain digits, never scientific notation."""

from __future__ import annotations

import math


def plain_number(v) -> str:
    """Integers as plain digits, other floats without scientific notation (1e21 -> 1000000000000000000000)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            return str(v)
        if v.is_integer():
            return str(int(v))
        from decimal import Decimal

        return format(Decimal(repr(v)), "f")
    return str(v)
