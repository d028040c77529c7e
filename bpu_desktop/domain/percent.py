"""A share in percent as the branch reports it: one decimal, rounded half up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percent(part: int | None, whole: int | None) -> float | None:
    """Share in percent, one decimal; None when there is nothing to compare with."""
    if part is None or not whole:
        return None
    exact = Decimal(100) * part / whole  # half up, as people round: 0.25% shows as 0.3%
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
