"""Rounding tolerance for sums of published figures.

A figure is as exact as it is written: ±0.005万元 for two decimals in 万元, half its last
digit for fewer (:func:`term_tolerance`, :func:`sum_tolerance`).

A figure the document writes as approximate (:func:`budget_audit.amounts.approximate_extent`)
may be off by up to one unit ``u`` of its last significant digit, on the side its words say
(:func:`approx_bounds`):

- 约/大约/约为/约合 before the number, 左右/上下 after the unit: the author rounded
  (6663.42 → 约6700, off by at most ½u) or cut off digits (6663.42 → 约6600, short by less
  than u), so the exact value lies in [−½u, +u] of it: ``约6600万元`` is 6550–6700万元;
- 近/将近/接近: nearly, just below, [−u, 0], at most 10% of it: ``近6700万元`` is
  6600–6700万元, ``近20万元`` 18–20万元 — and "about" as well, so as much above as the
  same figure written without the word may be (half its last written digit): ``近73万元``
  may be 73.07万元, not 73.6;
- 余/多 between the number and the unit: more than it by less than one unit of its last
  significant digit, [0, +u]: ``6600余万元`` (六千六百余万) is 6600–6700万元, ``2000多万元``
  (两千多万) 2000–3000万元, ``10多万元`` (十多万) 10–20万元 — the digits 余 leaves out are
  those after the last one written.

Trailing zeros of a whole number are not significant (6600 is written to the hundred),
decimals written are (120.50 to the cent); ``约6663万元`` on a line of two-decimal figures
is not taken as exact to the cent. After 约, each side is capped at 10% of the
figure (``APPROX_MAX_SHARE``), but never below the rounding of the same figure written
without the word (约3万元 is 3万元 ± 0.5): a figure of one significant digit (约7000万元,
约10万元) would otherwise cover almost anything, and an author who calls 7900万元
"约7000万元", or 13.44万元 "约10万元", has misstated it. A rule that says which side of a comparison the figure is
on (``differs(..., expected_from=...)``) gets the one-sided interval; otherwise the larger
bound counts either way. A gap beyond it is reported as any other.
"""

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

    A figure written in 万元 with two decimals may be off by ±0.005万元
    (``rounding_per_term_wan``); with ``coarse``, one written with fewer decimals by half
    its last digit (``4343.9万元`` ±0.05万元, ``4344万元`` ±0.5万元; ``0万元`` is none at all).
    One in 亿元 by half its last digit as written, but never less than ``rounding_per_term_wan``
    (``0.572807亿元`` ±50元: ±0.005亿元, as before, let 50万元 gaps pass unreported); one in 千元 by half its
    last digit as written (``57280.7千元`` ±50元, ``57281千元`` ±500元).
    A figure written in 元 is exact unless ``rounding_per_term_yuan`` says otherwise.
    An approximate figure may be off by more: the larger of its :func:`approx_bounds`.
    """
    if figure is None or figure.value.money_unit is None:
        return Decimal(0)
    if figure.approx:
        return approx_tolerance(figure)
    unit = figure.value.money_unit
    if unit == "元":
        return Decimal(str(params.get("rounding_per_term_yuan", 0)))
    per_term = Decimal(str(params.get("rounding_per_term_wan", 0.005)))
    if unit == "亿元" and (coarse or not _coarse(figure)):
        half_digit = Decimal(5).scaleb(-_decimals(figure) - 1) * MONEY_SCALE[unit]
        return max(half_digit, per_term * MONEY_SCALE["万元"])
    if unit == "千元":  # finer than 万元 with two decimals from one decimal on: exact to half its last digit
        return Decimal(5).scaleb(-_decimals(figure) - 1) * MONEY_SCALE[unit]
    if coarse and _coarse(figure):
        per_term = max(per_term, Decimal(5).scaleb(-_decimals(figure) - 1))
    return per_term * MONEY_SCALE[unit]


#: The most an approximate figure is taken to be off, as a share of itself.
APPROX_MAX_SHARE = Decimal("0.1")

#: Ten of a figure's unit: what 余 leaves out at the least (20余万元 is 二十余万, 20–30万元).


def approx_bounds(figure: Figure) -> tuple[Decimal, Decimal]:
    """How far (in yuan) the exact value may lie below and above a figure written as
    approximate, by one unit ``u`` of its last significant digit (see the module
    docstring): 约 [−½u, +u] (rounded, or cut off), each side at most 10% of the figure
    but never less than the figure's own rounding; 近 [−u, +its rounding], below at most
    10%; 余/多 [0, +u]; a range 2300-2320 [−20, 0]; a limit 不超过200 [−200, 0]. (0, 0) when exact."""
    value = figure.value
    unit = value.money_unit
    if not value.approx or value.number is None or value.number == 0 or unit is None:
        return Decimal(0), Decimal(0)
    step = Decimal(1).scaleb(_last_digit(value.number))
    scale = MONEY_SCALE[unit]
    share = abs(value.number) * APPROX_MAX_SHARE
    # the same figure's rounding written without the word (约3万元 for 3.40 is 3万元 rounded)
    rounding = Decimal(5).scaleb(-_decimals_written(value.number) - 1)
    if value.approx == "区间":  # 2300-2320万元: down to its low end
        low = re.search(r"\d[\d,]*(?:\.\d+)?", value.raw)
        low_number = Decimal(low[0].replace(",", "")) if low else value.number
        return max(value.number - low_number, Decimal(0)) * scale, Decimal(0)
    if value.approx == "至多":  # 不超过200万元: anything up to it
        return abs(value.number) * scale, Decimal(0)
    if value.approx == "余":  # more, by less than u: 2000余万元 is 2000–3000, 6600余 6600–6700
        return Decimal(0), step * scale
    if value.approx == "近":  # 近20万元 is 18–20万元, not 15–20; 近73万元 may be 73.07
        return min(step, share) * scale, rounding * scale
    # at most 10% either way, but never less than the rounding: 约10万元 is 9–11, not 5–20
    return min(step / 2, max(rounding, share)) * scale, min(step, max(rounding, share)) * scale


def approx_tolerance(figure: Figure) -> Decimal:
    """How far (in yuan) a figure written as approximate may be from the exact value when
    the comparison does not say which side it stands on: the larger of its bounds."""
    return max(approx_bounds(figure))


def _decimals_written(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


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


def _source(figure: Figure) -> tuple[int, str] | str:
    """Where a figure was written: its line of text (number and text: line 229 of last year's
    document is not line 229 of this year's), or "table" for any table cell or row (each cell
    is a line of its own, and a table writes all its figures alike)."""
    text = figure.span.text
    return "table" if " | " in text or not _CJK_RE.search(text) else (figure.span.line, text)


def differs(
    expected: Decimal,
    actual: Decimal,
    figures: Iterable[Figure | None],
    params: Mapping[str, Any],
    *,
    expected_from: Iterable[Figure | None] | None = None,
    negated: Iterable[Figure | None] = (),
) -> bool:
    """True when the gap is larger than the rounding of the terms involved.

    ``expected_from``: the figures ``expected`` is made of (the total a sum is held
    against), the others making ``actual``. Given, a figure written as approximate counts
    on its own side: parts may fall short of 约5800万元 by 50万元 (rounded up) and exceed it
    by 100万元 (cut off), not the other way round. Without it, by the larger either way.
    ``negated``: figures that enter their side with a minus sign (减少 2100余万元 is a
    change of −2100万元 or less), whose bounds turn round.
    """
    terms = [f for f in figures if f is not None]
    if expected_from is None or not approximate(terms):
        return abs(expected - actual) > sum_tolerance(terms, params)
    on_expected = {id(f) for f in expected_from if f is not None}
    turned = {id(f) for f in negated if f is not None}
    exact = sum_tolerance([f for f in terms if not f.approx], params)
    low = high = exact  # how far actual may fall below / rise above expected
    for figure in terms:
        if figure.approx:
            below, above = approx_bounds(figure)
            if id(figure) in turned:
                below, above = above, below
            low, high = (low + below, high + above) if id(figure) in on_expected else (low + above, high + below)
    return not -low <= actual - expected <= high


def exceeds(larger: Figure, smaller: Figure, params: Mapping[str, Any]) -> bool:
    """Whether ``larger`` is surely above ``smaller``: by more than the rounding of the
    exact ones, ``larger`` taken at its least and ``smaller`` at its most when written as
    approximate (185余万元 is 185 or more against 184.4万元; 约190万元 at least 185)."""
    if larger.yuan is None or smaller.yuan is None:
        return False
    exact = sum_tolerance([f for f in (larger, smaller) if not f.approx], params)
    return larger.yuan - smaller.yuan > exact + approx_bounds(larger)[0] + approx_bounds(smaller)[1]
