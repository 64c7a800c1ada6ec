"""编制 counts of a school system: thousands separators (教职工编制1,126名，合计1,169名) and the
教职工编制 of schools as a kind of quota. The total with a separator was not read, and 教职工编制
was no kind: without separators the teachers' 1126 became the total and RC013 compared it with
the other kinds' 43."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from test_format_variants import rewrite

STAFFING_LINE = 182


@pytest.mark.parametrize(("teachers", "total"), [("1,126", "1,169"), ("1126", "1169"), ("１１２６", "１１６９")])
def test_a_school_systems_quota_adds_up(sample_text: str, tmp_path: Path, teachers: str, total: str) -> None:
    line = (f"局机关核定行政编制15名、工勤编制2名，所属事业单位核定事业编制26名，县直学校核定教职工编制{teachers}名，"
            f"合计{total}名。")
    doc = rewrite(sample_text, tmp_path, {STAFFING_LINE: line})
    assert doc.staffing.total is not None and doc.staffing.total.number == Decimal(1169)
    assert [p.number for p in doc.staffing.parts] == [15, 2, 26, 1126]
    assert [f for f in run_checks(doc) if f.code == "RC013"] == []


def test_a_school_systems_quota_that_does_not_add_up_is_rc013(sample_text: str, tmp_path: Path) -> None:
    line = "局机关核定行政编制15名、工勤编制2名，所属事业单位核定事业编制26名，县直学校核定教职工编制1,126名，合计1,179名。"
    doc = rewrite(sample_text, tmp_path, {STAFFING_LINE: line})
    ((expected, actual),) = [(f.expected, f.actual) for f in run_checks(doc) if f.code == "RC013"]
    assert (expected, actual) == ("1179名", "1169名")
