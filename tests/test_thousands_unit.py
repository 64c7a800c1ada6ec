"""Amounts in 千元 (thousand yuan), in text and in tables headed 单位：千元 or 预算数（千元）: read as such. They were
not read in text (the total "not stated", CP002) and a table so headed was read in 万元 — ten times too much — with
false RC009/RC011/RC012 errors quoting the wrong figures (a reviewer's probe)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.amounts import parse_quantity
from budget_audit.checks import run_checks
from budget_audit.checks.tolerance import term_tolerance
from budget_audit.model import Figure, Span
from test_format_variants import rewrite
from test_sangong_enumerated import SANGONG_LINE, _table_only


def _in_thousands(table: str, header: str) -> str:
    """``table`` (in 万元) with each figure of its rows in 千元, its unit so stated."""
    table = re.sub(r"(?<=\| )(-?)(\d+)\.(\d\d)", lambda m: f"{m[1]}{Decimal(m[2] + '.' + m[3]) * 10:.1f}", table)
    return table.replace("（单位：万元）", header)


@pytest.mark.parametrize("header", ["（单位：千元）", "（金额单位：千元）"])
def test_a_sangong_table_in_thousands(header: str, sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {SANGONG_LINE: _in_thousands(_table_only("0.94"), header)})
    assert doc.sangong.total is not None and doc.sangong.total.yuan == Decimal("134400")
    assert doc.sangong.reception is not None and doc.sangong.reception.yuan == Decimal("9400")
    codes = {f.code for f in run_checks(doc) if 229 <= min(f.lines) <= 245}
    assert not codes & {"RC009", "RC011", "RC012", "CS012"}
    wrong = rewrite(sample_text, tmp_path, {SANGONG_LINE: _in_thousands(_table_only("1.14", "0.12"), header)})
    assert "RC009" in {f.code for f in run_checks(wrong)}


def test_a_total_in_thousands_in_the_text(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {214: lambda line: line.replace("5728.07万元", "57280.7千元")})
    assert doc.income.total is not None and doc.income.total.yuan == Decimal("57280700")
    found = {f.code for f in run_checks(doc) if 214 in f.lines}
    assert "CP002" not in {f.code for f in run_checks(doc)} and "RC001" not in found


@pytest.mark.parametrize(("written", "tolerance"), [("57280.7千元", "50"), ("57281千元", "500"), ("57280.70千元", "5")])
def test_a_figure_in_thousands_is_exact_to_half_its_last_digit(written: str, tolerance: str) -> None:
    figure = Figure("收入合计", parse_quantity(written), Span(1, 1, written))
    assert term_tolerance(figure, {}) == Decimal(tolerance)
