"""Rounding tolerance for sums of published figures.

A figure is as exact as it is written: ±0.005万元 for two decimals in 万元, half its last
digit for fewer (:func:`term_tolerance`, :func:`sum_tolerance`).

A figure the document writes as approximate — 约/大约/约为/约合 or 近/将近/接近 right
before its number, 左右/上下 right after its unit (``约6600万元``, ``6600万元左右``;
:func:`budget_audit.amounts.approximate_extent`) — may be off by **one whole unit of its
last significant digit**, at most 10% of itself (``APPROX_MAX_SHARE``), and never by less
than the rounding of the same figure written without the word — also on a line whose other
figures have two decimals, where a whole figure is otherwise read as exact to the cent:

- ``约6600万元`` ±100万元, ``约6663万元`` ±1万元, ``约120.5万元`` ±0.1万元;
- ``约7000万元`` ±700万元 (one unit, 1000万元, would be 14%), ``约1亿元`` ±0.1亿元.

余/多 between the number and the unit (``6600余万元``, ``10多万元``) says more than the
number, by less than one unit of its last digit: ±100万元 and ±10万元, not capped.

Why a whole unit and not half of one: 约 in these documents marks a figure shortened for
the reader, and authors shorten both by rounding (6663.42 → 约6700) and by cutting off
(6663.42 → 约6600, "6600多万"); 近 rounds up from just below (近6700万元). Half a unit would
report the cut-off figure as an arithmetic error, which it is not. Trailing zeros of a
whole number are not significant (6600 is written to the hundred), decimals written are
(120.50 to the cent). The 10% cap keeps a figure of one significant digit (约1亿元, 约7000
万元) from covering almost anything: an author who calls 7900万元 "约7000万元" has
misstated it, and a gap beyond the widened tolerance is reported as any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from ..amounts import MONEY_SCALE, is_more_than
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
    An approximate figure may be off by more (:func:`approx_tolerance`).
    """
    if figure is None or figure.value.money_unit is None:
        return Decimal(0)
    unit = figure.value.money_unit
    if unit == "元":
        return max(Decimal(str(params.get("rounding_per_term_yuan", 0))), approx_tolerance(figure))
    per_term = Decimal(str(params.get("rounding_per_term_wan", 0.005)))
    if coarse and _coarse(figure):
        per_term = max(per_term, Decimal(5).scaleb(-_decimals(figure) - 1))
    return max(per_term * MONEY_SCALE[unit], approx_tolerance(figure))


#: The most an approximate figure is taken to be off, as a share of itself.
APPROX_MAX_SHARE = Decimal("0.1")


def approx_tolerance(figure: Figure) -> Decimal:
    """How far (in yuan) a figure written as approximate may be from the exact value: one
    unit of its last significant digit, at most ``APPROX_MAX_SHARE`` of itself (see the
    module docstring); 0 for an exact figure, or a 0."""
    value = figure.value
    unit = value.money_unit
    if not value.approx or value.number is None or value.number == 0 or unit is None:
        return Decimal(0)
    step = Decimal(1).scaleb(_last_digit(value.number))
    if is_more_than(value):  # 10余万元 is 10 to 20万元: the whole unit, uncapped
        return step * MONEY_SCALE[unit]
    return min(step, abs(value.number) * APPROX_MAX_SHARE) * MONEY_SCALE[unit]


def _last_digit(number: Decimal) -> int:
    """Power of ten of the last significant digit as written: 6600 → 2, 6663 → 0,
    120.5 → -1, 120.50 → -2 (written decimals count, a whole number's trailing zeros not)."""
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < 0:
        return exponent
    normal = number.normalize().as_tuple().exponent
    return normal if isinstance(normal, int) else 0


def approximate(figures: Iterable[Figure | None]) -> bool:
    """Whether any of the figures compared is written as approximate."""
    return any(f is not None and f.approx for f in figures)


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
