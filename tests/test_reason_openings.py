"""Reasons opened by words real documents use: 主要受…影响, ，因…, 原因在于…所致. Each was taken for no reason, and a
material change so worded gave VA002 "属重大变动，但未说明原因" (for the item and for the total it is a part of)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.parse.changes import stated_changes
from test_format_variants import rewrite

LINE = 221
TOTAL = "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中：基本支出增加73.07万元，主要为人员经费支出增加；"


@pytest.mark.parametrize(("words", "reason"), [
    ("，主要受上年一次性安排天然气迎风度冬保障资金本年不再安排影响。", "受上年一次性安排天然气迎风度冬保障资金本年不再安排影响"),
    ("，因上年一次性安排的天然气迎风度冬保障资金本年不再安排。", "上年一次性安排的天然气迎风度冬保障资金本年不再安排"),
    ("，原因在于天然气迎风度冬保障资金项目本年不再安排所致。", "天然气迎风度冬保障资金项目本年不再安排所致"),
    ("，受天然气迎风度冬保障资金项目结束影响。", "受天然气迎风度冬保障资金项目结束影响"),
])
def test_a_reason_in_these_words_is_read(sample_text: str, tmp_path: Path, words: str, reason: str) -> None:
    doc = rewrite(sample_text, tmp_path, {LINE: TOTAL + "项目支出减少2090.87万元" + words})
    assert [(c.subject, c.reason.text) for c in doc.expenditure.changes if c.subject == "项目支出"] == [("项目支出", reason)]
    assert not [f for f in run_checks(doc) if f.code in {"VA002", "CP005"} and LINE in f.lines]


@pytest.mark.parametrize("text", [
    "因公出国（境）费0万元，与上年持平，公务接待费减少0.08万元。",
    "公务接待费减少0.08万元，因此公务接待费为0.94万元。",
    "基本支出增加73.07万元，因素较多。",
    "公务接待费减少0.08万元，受疫情影响，公用经费减少3万元。",
])
def test_no_reason_in_these_words(text: str) -> None:
    assert [c.reason for c in stated_changes(text) if c.reason is not None and c.label.startswith("公务接待费")] == []
    assert all(c.reason is None or not c.reason.startswith("素") for c in stated_changes(text))


@pytest.mark.parametrize("words", ["，因地制宜统筹安排项目资金。", "，因势利导推进项目建设。"])
def test_a_set_phrase_opened_by_yin_is_no_reason(sample_text: str, tmp_path: Path, words: str) -> None:
    """因地制宜 / 因势利导 are no 因… reason (R47: VA001 quoted "地制宜统筹安排项目资金" as the reason)."""
    doc = rewrite(sample_text, tmp_path, {LINE: TOTAL + "项目支出减少2090.87万元" + words})
    assert [c.reason for c in doc.expenditure.changes if c.subject == "项目支出"] == [None]
