"""Reasons worded as real documents word them: 系…, 主要是…, 由于…, 因为…, 减少原因：… (and, for the changes of a
statement together, 原因说明：/减少原因：… on a paragraph of its own). Each was "未说明原因" (CP005) before."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from test_format_variants import rewrite
from test_sangong_enumerated import SANGONG_LINE, _table

RUNNING_LINE = 225


@pytest.mark.parametrize("cause", ["，系", "，主要是", "，主要由于", "，是由于", "，主要因为", "，主要是因为", "。减少原因："])
def test_a_running_costs_reason_in_other_words(sample_text: str, tmp_path: Path, cause: str) -> None:
    line = f"2023年，我局机关运行经费预算184.4万元，比上年预算减少2.45万元{cause}严控会议费、培训费和差旅费等一般性支出。"
    doc = rewrite(sample_text, tmp_path, {RUNNING_LINE: line})
    (change,) = doc.running_costs.changes
    assert change.reason is not None and change.reason.text.startswith("严控会议费")
    assert not [f for f in run_checks(doc) if f.code in {"CP005", "VA002"} and RUNNING_LINE in f.lines]


def test_what_the_money_is_for_is_still_no_reason(sample_text: str, tmp_path: Path) -> None:
    """主要是用于…/主要用于… says what the money is for, not why it changed."""
    line = "2023年，我局机关运行经费预算184.4万元，比上年预算减少2.45万元，主要是用于机关办公区的日常维修。"
    (change,) = rewrite(sample_text, tmp_path, {RUNNING_LINE: line}).running_costs.changes
    assert change.reason is None


@pytest.mark.parametrize("label", ["原因说明：", "减少原因：", "增减原因：", "增减变动的主要原因："])
def test_a_paragraph_of_reasons_after_a_sangong_table(sample_text: str, tmp_path: Path, label: str) -> None:
    text = _table("0.94").replace("增减变动的主要原因：", label)
    doc = rewrite(sample_text, tmp_path, {SANGONG_LINE: text})
    assert all(c.reason is not None for c in doc.sangong.changes if c.direction)
    assert not [f for f in run_checks(doc) if f.code == "CP005" and 229 <= f.first_line <= 237]


def test_a_reason_after_the_parts_listed_under_a_total_is_each_ones(sample_text: str, tmp_path: Path) -> None:
    """比上年减少…，其中A减少…，B减少…，主要原因是…: the reason was given to B alone — two false CP005 (the total and A)
    on a reviewer's clean document. A reason that names B after B's change stays B's."""
    line = ("2023年，我局财政拨款“三公”经费预算安排13.44万元。其中，因公出国（境）费0万元；公务用车购置及运维费12.5万元；"
            "公务接待费0.94万元。比上年减少17.98万元，其中公务用车购置及运维费减少17.9万元，公务接待费减少0.08万元，"
            "主要原因是严格落实过紧日子要求，压减一般性支出。")
    doc = rewrite(sample_text, tmp_path, {SANGONG_LINE: line})
    assert [(c.subject, c.reason is not None) for c in doc.sangong.changes] == [
        ("“三公”经费合计", True), ("公务用车购置及运维费", True), ("公务接待费", True)]
    assert not [f for f in run_checks(doc) if f.code == "CP005" and f.first_line == SANGONG_LINE]
    own = rewrite(sample_text, tmp_path, {SANGONG_LINE: line.replace("主要原因是严格", "公务接待费减少的主要原因是严格")})
    assert [c.subject for c in own.sangong.changes if c.reason is not None] == ["公务接待费"]
