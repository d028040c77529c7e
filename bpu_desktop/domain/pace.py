"""Spread a yearly target over 12 months in whole numbers that add up exactly."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate


def monthly_pace(yearly_target: int, weights: Sequence[int | Decimal] | None = None) -> list[int]:
    """12 whole numbers proportional to ``weights`` (equal by default) summing to the target.

    Largest-remainder method: every month gets the floor of its exact share, and the
    leftover units go to the months with the largest remainders (earlier months on ties).
    """
    if isinstance(yearly_target, bool) or not isinstance(yearly_target, int):
        raise ValueError("Target harus bilangan bulat.")
    if yearly_target < 0:
        raise ValueError("Target tidak boleh negatif.")
    if weights is None:
        weights = [1] * 12
    if len(weights) != 12:
        raise ValueError(f"Bobot bulanan harus 12 angka (tertulis {len(weights)}).")
    exact_weights = [Fraction(w) for w in weights]
    if any(w < 0 for w in exact_weights):
        raise ValueError("Bobot bulanan tidak boleh negatif.")
    total = sum(exact_weights, Fraction(0))
    if total == 0:
        raise ValueError("Paling sedikit satu bobot bulanan harus lebih dari 0.")
    shares = [yearly_target * w / total for w in exact_weights]
    values = [int(s) for s in shares]  # floor: shares are never negative
    leftover = yearly_target - sum(values)
    by_remainder = sorted(range(12), key=lambda i: (-(shares[i] - values[i]), i))
    for i in by_remainder[:leftover]:
        values[i] += 1
    return values


def cumulative(values: Sequence[int]) -> list[int]:
    """Running totals: the pace line on the dashboard."""
    return list(accumulate(values))
