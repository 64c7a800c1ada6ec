"""Rounding tolerance for sums of published figures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from ..amounts import MONEY_SCALE
from ..model import Figure


def term_tolerance(figure: Figure | None, params: Mapping[str, Any]) -> Decimal:
    """How far one published figure may be from the exact value because of rounding.

    A figure written in 万元 (or 亿元) with two decimals may be off by ±0.005 of that unit
    (``rounding_per_term_wan``); one written with fewer decimals by half its last digit
    (``4343.9万元`` ±0.05万元, ``4344万元`` ±0.5万元; ``0万元`` is exact). A figure written in 元 is exact unless
    ``rounding_per_term_yuan`` says otherwise.
    """
    if figure is None or figure.value.money_unit is None:
        return Decimal(0)
    unit = figure.value.money_unit
    if unit == "元":
        return Decimal(str(params.get("rounding_per_term_yuan", 0)))
    per_term = Decimal(str(params.get("rounding_per_term_wan", 0.005)))
    number = figure.value.number
    if number is not None and number.is_finite() and number != 0:  # "0万元" is none at all
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent > -2:
            per_term = max(per_term, Decimal(5).scaleb(exponent - 1))
    return per_term * MONEY_SCALE[unit]


def sum_tolerance(figures: Iterable[Figure | None], params: Mapping[str, Any]) -> Decimal:
    """Tolerance of a comparison: it grows with the number of rounded terms."""
    return sum((term_tolerance(f, params) for f in figures), Decimal(0))


def differs(expected: Decimal, actual: Decimal, figures: Iterable[Figure | None], params: Mapping[str, Any]) -> bool:
    """True when the gap is larger than the rounding of the terms involved."""
    return abs(expected - actual) > sum_tolerance(figures, params)
