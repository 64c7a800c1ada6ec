"""A comparison with last year stated for the total, its parts' changes in a paragraph of
their own after it: ``支出方面：基本支出增加…，主要原因是…；项目支出减少…`` (often after a
``收入方面：`` paragraph). Such a paragraph names no year (no 比上年), so it was not read as a
comparison at all: the total's change had no parts and no reasons (a false CP005), a part
without a reason and parts that did not make the total (RC011) went unseen."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from test_format_variants import rewrite

CHANGE_LINE = 221
TOTAL = "2023年预算收支安排6663.49万元，较2022年预算减少{total}万元。"
INCOME = "收入方面：一般公共预算收入减少1500万元，主要是上级提前下达的项目资金减少。"
SPENDING = "支出方面：基本支出增加73.07万元，主要为人员经费支出增加；项目支出减少2090.87万元{reason}。"
REASON = "，主要为天然气迎风度冬保障资金项目支出减少"


def _doc(sample_text: str, tmp_path: Path, *, total: str = "2017.79", reason: str = REASON,
         between: str | None = None) -> Disclosure:
    paragraphs = [TOTAL.format(total=total), INCOME, *([between] if between else []), SPENDING.format(reason=reason)]
    return rewrite(sample_text, tmp_path, {CHANGE_LINE: "\n\n".join(paragraphs)})


def _changes(doc: Disclosure) -> list[tuple[str, Decimal, int, bool]]:
    return [(c.subject, c.direction * c.amount.yuan, c.amount.span.line, c.reason is not None)
            for c in doc.expenditure.changes if c.amount.yuan is not None]


def _found(doc: Disclosure, *codes: str) -> list[tuple[str, tuple[int, ...]]]:
    return [(f.code, f.lines) for f in run_checks(doc) if f.code in codes and 221 <= f.first_line <= 226]


def test_the_spending_sides_changes_are_the_comparisons_parts(sample_text: str, tmp_path: Path) -> None:
    doc = _doc(sample_text, tmp_path)
    assert _changes(doc) == [
        ("收支合计", Decimal("-20177900.00"), 221, False),
        ("基本支出", Decimal("730700.00"), 225, True),
        ("项目支出", Decimal("-20908700.00"), 225, True),
    ]
    assert _found(doc, "CP005", "RC011", "VA002") == []


def test_a_side_without_a_reason_is_reported(sample_text: str, tmp_path: Path) -> None:
    """项目支出减少2090.87万元 is material: VA002 (the unexplained material change) rather than CP005."""
    doc = _doc(sample_text, tmp_path, reason="")
    assert [(f.code, f.lines) for f in run_checks(doc) if 225 in f.lines and f.code in {"CP005", "VA002"}] \
        == [("VA002", (217, 225))]


def test_parts_that_do_not_make_the_total_are_rc011(sample_text: str, tmp_path: Path) -> None:
    assert _found(_doc(sample_text, tmp_path, total="2027.79"), "RC011") == [("RC011", (221, 225))]


def test_a_side_after_an_unrelated_paragraph_is_not_the_comparisons(sample_text: str, tmp_path: Path) -> None:
    doc = _doc(sample_text, tmp_path, between="单位预算的编制遵循“以收定支、收支平衡”的原则。")
    assert [c[0] for c in _changes(doc)] == ["收支合计"]


CAUSE = "增减变化原因：人员经费调增，天然气迎风度冬保障资金项目结束。"
PLAIN = "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中：基本支出增加73.07万元；项目支出减少2090.87万元。"


def test_a_cause_for_the_changes_together_in_a_paragraph_after_them(sample_text: str, tmp_path: Path) -> None:
    """增减变化原因：… opening the paragraph after the changes is the reason of each that has none (5 false CP005/VA002
    on a reviewer's document)."""
    doc = rewrite(sample_text, tmp_path, {CHANGE_LINE: f"{PLAIN}\n\n{CAUSE}"})
    assert {c.subject: c.reason.text if c.reason else None for c in doc.expenditure.changes} == dict.fromkeys(
        ["收支合计", "基本支出", "项目支出"], "人员经费调增，天然气迎风度冬保障资金项目结束。")
    assert _found(doc, "CP005", "VA002") == []


def test_a_cause_for_the_changes_together_after_them_in_their_paragraph(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {CHANGE_LINE: PLAIN + CAUSE})
    assert all(c.reason is not None for c in doc.expenditure.changes)
    assert _found(doc, "CP005", "VA002") == []


def test_a_cause_before_a_change_is_no_cause_of_them_all(sample_text: str, tmp_path: Path) -> None:
    """变化原因：… written for one change, another change after it: not the reason of every change."""
    line = ("2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中：基本支出增加73.07万元，变化原因：人员经费调增；"
            "项目支出减少2090.87万元。")
    doc = rewrite(sample_text, tmp_path, {CHANGE_LINE: line})
    assert next(c for c in doc.expenditure.changes if c.subject == "项目支出").reason is None


def test_a_change_written_with_the_column_heading_zeng_jian(sample_text: str, tmp_path: Path) -> None:
    """基本支出增（减）73.07万元 (a table's 增（减） heading written into the text) is a change: it was not read, nor the
    total's parts — a false RC018 on a reviewer's document took another paragraph's change for the total's."""
    line = PLAIN.replace("基本支出增加73.07万元", "基本支出增（减）73.07万元")
    doc = rewrite(sample_text, tmp_path, {CHANGE_LINE: line})
    assert [(c.subject, c.direction) for c in doc.expenditure.changes] == [("收支合计", -1), ("基本支出", 1), ("项目支出", -1)]


def test_the_amounts_of_a_reasons_paragraph_are_no_changes(sample_text: str, tmp_path: Path) -> None:
    """增减变动的主要原因：一是…；二是…减少2090.87万元: its amounts are the reasons' words, not changes of 收支合计."""
    cause = "增减变动的主要原因：一是人员经费调增；二是天然气迎风度冬保障资金项目结束，项目支出减少2090.87万元。"
    doc = rewrite(sample_text, tmp_path, {CHANGE_LINE: f"{PLAIN}\n\n{cause}"})
    assert [c.subject for c in doc.expenditure.changes] == ["收支合计", "基本支出", "项目支出"]
    assert all(c.reason is not None and c.reason.text.startswith("一是人员经费调增") for c in doc.expenditure.changes)
    assert _found(doc, "CP005", "VA002", "RC011", "RC018") == []


def test_a_paragraph_labelled_shuoming_that_gives_reasons_is_their_cause(sample_text: str, tmp_path: Path) -> None:
    """说明：… opening the paragraph after the changes is their reason when its sentence gives one (…主要是由于…): a
    reviewer's variant had five false CP005/VA002; a 说明： that gives none (a note on units) is no reason."""
    cause = "说明：基本支出增加主要是由于人员经费调增，项目支出减少是因天然气迎风度冬保障资金项目结束。"
    doc = rewrite(sample_text, tmp_path, {CHANGE_LINE: f"{PLAIN}\n\n{cause}"})
    assert all(c.reason is not None and c.reason.text.startswith("基本支出增加主要是") for c in doc.expenditure.changes)
    assert _found(doc, "CP005", "VA002") == []
    note = rewrite(sample_text, tmp_path, {CHANGE_LINE: f"{PLAIN}\n\n说明：本部分金额单位为万元。"})
    assert [c.reason for c in note.expenditure.changes] == [None, None, None]
    assert _found(note, "CP005")


@pytest.mark.parametrize("mark", ["1）", "1)", "一）", "第一，", "● ", "- "])
def test_a_part_numbered_in_other_ways_opens_its_own_paragraph(sample_text: str, tmp_path: Path, mark: str) -> None:
    """1）基本支出412.30万元… (or 一）, 第一，, ●, - ) in a paragraph of its own was not read: two false CP002 on a
    reviewer's variants; （1） and 一是 were."""
    lines = {217: "2023年支出预算6663.49万元。",
             218: f"{mark}基本支出2319.63万元，包括人员类项目经费2135.24万元和运转类公用项目经费184.4万元。\n"
                  f"{mark.replace('1', '2').replace('一', '二')}项目支出4343.85万元。"}
    doc = rewrite(sample_text, tmp_path, lines)
    assert doc.expenditure.basic is not None and doc.expenditure.basic.yuan == Decimal("23196300.00")
    assert doc.expenditure.project is not None and doc.expenditure.project.yuan == Decimal("43438500.00")
