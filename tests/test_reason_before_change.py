"""A reason written before its change, opening the sentence (因严控会议费…，…比上年减少40.5万元; 受…影响，…): it was
not read (a false CP005 or VA002 on a reviewer's variant). 因此/因而 open no reason, nor 因公出国（境）费; a reason clause with an
amount, or another change between, is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.parse.changes import stated_changes
from test_format_variants import rewrite

LINE = 225
FIGURE = "我局机关运行经费共计安排184.4万元，比上年减少40.5万元"


def _running(sample_text: str, tmp_path: Path, line: str) -> tuple[str | None, list[str]]:
    doc = rewrite(sample_text, tmp_path, {LINE: line})
    (change,) = doc.running_costs.changes
    return change.reason.text if change.reason else None, [f.code for f in run_checks(doc) if f.code in {"CP005", "VA002"} and LINE in f.lines]


@pytest.mark.parametrize(("opening", "reason"), [
    ("因严控会议费、培训费和差旅费等一般性支出，", "严控会议费、培训费和差旅费等一般性支出"),
    ("由于压减一般性支出，", "压减一般性支出"),
    ("受机构改革职能划转影响，", "受机构改革职能划转影响"),
    ("受2辆执法车辆到期报废影响，", "受2辆执法车辆到期报废影响"),  # a count is no amount of money
])
def test_a_reason_opening_the_sentence_is_the_changes(sample_text: str, tmp_path: Path, opening: str, reason: str) -> None:
    assert _running(sample_text, tmp_path, f"{opening}{FIGURE}。") == (reason, [])


@pytest.mark.parametrize("opening", ["因此，", "2023年，", "因上年结转10万元，", "（三）2023年，"])
def test_no_reason_before_the_change(sample_text: str, tmp_path: Path, opening: str) -> None:
    assert _running(sample_text, tmp_path, f"{opening}{FIGURE}。") == (None, ["VA002"])


def test_a_reason_opening_a_sentence_is_only_its_first_changes() -> None:
    text = "因严控支出，会议费减少2万元，培训费减少3万元。因公出国（境）费减少1万元。"
    assert [c.reason for c in stated_changes(text)] == ["严控支出", None, None]


def test_a_reason_after_an_items_number_or_labelled_with_a_colon() -> None:
    """（三）因…，…减少0.50万元; …增加10万元，原因：…; …增加10万元。说明：…: each a reason (false CP005s on a reviewer's
    variants)."""
    assert [c.reason for c in stated_changes("（三）因严格执行接待标准，公务接待费2.40万元，比上年减少0.50万元。")] == ["严格执行接待标准"]
    assert [c.reason for c in stated_changes("物业费增加10万元，原因：新增办公用房物业管理面积。")] == ["新增办公用房物业管理面积"]
    assert [c.reason for c in stated_changes("物业费增加10万元。说明：新增办公用房物业管理面积。")] == ["新增办公用房物业管理面积"]
