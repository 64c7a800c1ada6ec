"""Rounding tolerance of published figures, and the wider one of figures written as approximate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budget_audit.amounts import money_in_text, wan
from budget_audit.checks.tolerance import approx_tolerance, sum_tolerance
from budget_audit.config import DEFAULT_TOLERANCE
from budget_audit.model import Figure, Span

LINE = "2023年支出预算约6663万元，其中基本支出2319.63万元，项目支出4343.85万元。"


def _figures(text: str) -> list[Figure]:
    span = Span(217, 217, text)
    return [Figure("金额", q, span) for q, _, _ in money_in_text(text)]


@pytest.mark.parametrize(("written", "tolerance_wan"), [
    ("约6600万元", "100"),      # written to the hundred
    ("约6663万元", "1"),
    ("约120.5万元", "0.1"),
    ("约120.50万元", "0.01"),   # written decimals count
    ("约7000万元", "700"),      # one unit (1000) would be 14%: at most 10%
    ("约1亿元", "5000"),        # 0.5亿元: never less than a plain 1亿元 (half its last digit)
    ("约3万元", "0.5"),         # 10% would be 0.3: the rounding of 3万元 is 0.5
    ("约6600元", "0.01"),       # 100元
    ("6600万元", "0"),          # exact: the rounding rule alone
    ("约0万元", "0"),
    ("6600余万元", "100"),      # more than 6600: up to one unit of its last digit
    ("10多万元", "10"),         # 10 to 20万元: not capped at 10%
    ("约10余万元", "10"),
    ("近20万元", "2"),          # 近: at most 10% below, no half-unit floor
    ("近6700万元", "100"),
])
def test_approx_tolerance(written: str, tolerance_wan: str) -> None:
    [figure] = _figures(written)
    assert wan(approx_tolerance(figure)) == Decimal(tolerance_wan)


def test_an_approximate_figure_beside_two_decimal_ones_keeps_its_tolerance() -> None:
    """A whole figure on a line of two-decimal ones is taken as exact to the cent — unless it is
    written as approximate: 约6663万元 is ±1万元, the others ±0.005万元 each."""
    total, basic, project = _figures(LINE)
    assert total.approx and not basic.approx and not project.approx
    assert wan(sum_tolerance([total, basic, project], DEFAULT_TOLERANCE)) == Decimal("1.01")
    exact = _figures(LINE.replace("约6663", "6663"))
    assert wan(sum_tolerance(exact, DEFAULT_TOLERANCE)) == Decimal("0.015")


def test_a_line_of_another_document_is_another_place() -> None:
    """Line 229 of last year's document, written in whole 万元, is not made exact to the cent by a two-decimal
    figure on line 229 of this year's (review: the place was the line number alone)."""
    from budget_audit.amounts import parse_money

    params = DEFAULT_TOLERANCE
    this_year = Figure("公务接待费", parse_money("0.94万元"), Span(229, 229, "公务接待费0.94万元。"))
    last_year = Figure("公务接待费", parse_money("1万元"), Span(229, 229, "公务接待费1万元，公务用车运维费12万元。"))
    same_line = Figure("公务接待费", parse_money("1万元"), Span(229, 229, "公务接待费0.94万元。"))
    assert wan(sum_tolerance([this_year, last_year], params)) == Decimal("0.505")
    assert wan(sum_tolerance([this_year, same_line], params)) == Decimal("0.010")


@pytest.mark.parametrize(("written", "tolerance_yuan"), [
    ("0.572807亿元", "50"),      # half its last digit, 0.0000005亿元 — but never less than 0.005万元
    ("0.5728亿元", "5000"),      # 0.00005亿元
    ("0.57亿元", "500000"),      # 0.005亿元, what every 亿元 figure was allowed before
    ("0.57280712亿元", "50"),    # finer than 0.005万元: the 万元 rounding still holds
])
def test_a_figure_in_yi_is_off_by_half_its_last_digit(written: str, tolerance_yuan: str) -> None:
    """A reviewer's find: 0.572807亿元 was allowed ±50万元, which hid a 44.40万元 gap (RC002)."""
    from budget_audit.checks.tolerance import term_tolerance

    [figure] = _figures(written)
    assert term_tolerance(figure, DEFAULT_TOLERANCE) == Decimal(tolerance_yuan)
