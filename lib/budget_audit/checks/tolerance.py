"""Rounding tolerance for sums of published figures."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from ..amounts import MONEY_SCALE
from ..model import Figure

_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def _decimals(figure: Figure) -> int:
    number = figure.value.number
    exponent = number.as_tuple().exponent if number is not None else 0
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _coarse(figure: Figure) -> bool:
    """A figure in 万元 (万, 亿元) written with fewer than two decimals, not 0."""
    unit = figure.value.money_unit
    number = figure.value.number
    return unit not in (None, "元") and number is not None and number != 0 and _decimals(figure) < 2


def term_tolerance(figure: Figure | None, params: Mapping[str, Any], *, coarse: bool = False) -> Decimal:
    """How far one published figure may be from the exact value because of rounding.

    A figure written in 万元 (or 亿元) with two decimals may be off by ±0.005 of that unit
    (``rounding_per_term_wan``); with ``coarse``, one written with fewer decimals by half
    its last digit (``4343.9万元`` ±0.05万元, ``4344万元`` ±0.5万元; ``0万元`` is none at all).
    A figure written in 元 is exact unless ``rounding_per_term_yuan`` says otherwise.
    """
    if figure is None or figure.value.money_unit is None:
        return Decimal(0)
    unit = figure.value.money_unit
    if unit == "元":
        return Decimal(str(params.get("rounding_per_term_yuan", 0)))
    per_term = Decimal(str(params.get("rounding_per_term_wan", 0.005)))
    if coarse and _coarse(figure):
        per_term = max(per_term, Decimal(5).scaleb(-_decimals(figure) - 1))
    return per_term * MONEY_SCALE[unit]


def sum_tolerance(figures: Iterable[Figure | None], params: Mapping[str, Any]) -> Decimal:
    """Tolerance of a comparison: it grows with the number of rounded terms.

    A term written with fewer than two decimals may be off by half its last digit (5728 =
    4740 + 989; 970万元 in the text against 969.53 in a table) — unless another term written
    in the same place (its line of text, or the tables) has two decimals (18.84 beside 12.5
    and 18; a table's 72 beside its 969.53): there it has only left off trailing zeros.
    """
    terms = [f for f in figures if f is not None]
    money = [f for f in terms if f.value.money_unit not in (None, "元") and f.value.number]
    fine = {_source(f) for f in money if not _coarse(f)}
    return sum((term_tolerance(f, params, coarse=_source(f) not in fine) for f in terms), Decimal(0))


def _source(figure: Figure) -> int | str:
    """Where a figure was written: its line of text, or "table" for any table cell or row
    (each cell is a line of its own, and a table writes all its figures alike)."""
    text = figure.span.text
    return "table" if " | " in text or not _CJK_RE.search(text) else figure.span.line


def differs(expected: Decimal, actual: Decimal, figures: Iterable[Figure | None], params: Mapping[str, Any]) -> bool:
    """True when the gap is larger than the rounding of the terms involved."""
    return abs(expected - actual) > sum_tolerance(figures, params)
