"""Rounding tolerance for sums of published figures."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from ..amounts import MONEY_SCALE, money_in_text
from ..model import Figure


def term_tolerance(figure: Figure | None, params: Mapping[str, Any]) -> Decimal:
    """How far one published figure may be from the exact value because of rounding.

    A figure written in 万元 (or 亿元) with two decimals may be off by ±0.005 of that unit
    (``rounding_per_term_wan``). Where the whole line writes its figures with fewer decimals,
    a figure may be off by half its last digit (``4343.9万元`` ±0.05万元, ``4344万元``
    ±0.5万元); a line that also writes two decimals (18.84万元 beside 12.5万元 and 18万元) has
    only left off trailing zeros, and ``0万元`` is none at all. A figure written in 元 is
    exact unless ``rounding_per_term_yuan`` says otherwise.
    """
    if figure is None or figure.value.money_unit is None:
        return Decimal(0)
    unit = figure.value.money_unit
    if unit == "元":
        return Decimal(str(params.get("rounding_per_term_yuan", 0)))
    per_term = Decimal(str(params.get("rounding_per_term_wan", 0.005)))
    number = figure.value.number
    if number is not None and number.is_finite() and number != 0:
        decimals = max(_decimals(number), _line_decimals(figure.span.text))
        if decimals < 2:
            per_term = max(per_term, Decimal(5).scaleb(-decimals - 1))
    return per_term * MONEY_SCALE[unit]


def _decimals(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@functools.lru_cache(maxsize=256)
def _line_decimals(text: str) -> int:
    """The most decimals any figure of the line in 万元 (万, 亿元) is written with."""
    return max((_decimals(q.number) for q, _, _ in money_in_text(text)
                if q.number is not None and q.money_unit not in (None, "元")), default=0)


def sum_tolerance(figures: Iterable[Figure | None], params: Mapping[str, Any]) -> Decimal:
    """Tolerance of a comparison: it grows with the number of rounded terms."""
    return sum((term_tolerance(f, params) for f in figures), Decimal(0))


def differs(expected: Decimal, actual: Decimal, figures: Iterable[Figure | None], params: Mapping[str, Any]) -> bool:
    """True when the gap is larger than the rounding of the terms involved."""
    return abs(expected - actual) > sum_tolerance(figures, params)
