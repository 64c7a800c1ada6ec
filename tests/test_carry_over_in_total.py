"""Whether the income total already holds 上年结转 when a source is misstated.

A total that adds up with the carry-over and not without it holds it; that was all the
checks knew. When a source was misstated too, neither reading added up and the total was
taken as excluding the carry-over: one figure 50万元 too high became an RC001 gap of
841.02万元 and an RC002 of 891.02万元 (the carry-over counted twice), and the narrative said
“另有上年结转” of a total that held it. Now a total called 总计, one equal to the
expenditure total, holds it (:func:`budget_audit.checks.reconcile.carry_over_in_total`); otherwise,
when the other reading is nearer, the messages give its gap too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.checks.reconcile import carry_over_in_total
from budget_audit.config import Settings
from budget_audit.model import Disclosure
from budget_audit.narrative import overview
from test_format_variants import rewrite

INCOME_LINE = 214
SAMPLE_INCOME = ("2023年预算收入5728.07万元，其中：一般公共预算收入4739.51万元，基金预算收入988.56万元，"
                 "财政专户核拨收入0万元，其他来源收入0万元，上年结转891.02万元。")


def _income(sample_text: str, tmp_path: Path, total: str, public: str) -> Disclosure:
    """The sample whose income sentence names its total ``total`` (e.g. 收入预算总计6663.49万元) and its
    一般公共预算 source ``public``; 6663.49 = 4783.91 + 988.56 + 891.02 is also the expenditure total."""
    sentence = (f"2023年{total}，其中：一般公共预算收入{public}，基金预算收入988.56万元，"
                "财政专户核拨收入0万元，其他来源收入0万元，上年结转891.02万元。")
    return rewrite(sample_text, tmp_path, {INCOME_LINE: lambda line: line.replace(SAMPLE_INCOME, sentence)})


def _found(doc: Disclosure, code: str) -> list[tuple[str | None, str | None, str]]:
    return [(f.expected, f.actual, f.message) for f in run_checks(doc) if f.code == code]


def test_the_sample_line_is_the_one_rewritten(sample_text: str) -> None:
    assert SAMPLE_INCOME in sample_text.split("\n")[INCOME_LINE - 1]


@pytest.mark.parametrize("total", ["收入预算总计6663.49万元", "预算收入6663.49万元"])
def test_a_total_that_holds_the_carry_over_and_adds_up_is_quiet(sample_text: str, tmp_path: Path, total: str) -> None:
    doc = _income(sample_text, tmp_path, total, "4783.91万元")
    assert carry_over_in_total(doc, Settings().globals())
    assert _found(doc, "RC001") == [] and _found(doc, "RC002") == []
    text = overview(doc).sentences[0].text
    assert text.startswith("收入总计6,663.49万元，其中一般公共预算收入4,783.91万元") and "上年结转891.02万元" in text
    assert "另有" not in text


@pytest.mark.parametrize(
    "total",
    [
        "收入预算总计6663.49万元",  # called 总计
        "预算收入6663.49万元",  # equal to the expenditure total (line 217)
    ],
)
def test_a_misstated_source_is_one_gap_of_its_own_size(sample_text: str, tmp_path: Path, total: str) -> None:
    doc = _income(sample_text, tmp_path, total, "4833.91万元")  # 50万元 too high
    assert carry_over_in_total(doc, Settings().globals())
    ((expected, actual, message),) = _found(doc, "RC001")
    assert (expected, actual) == ("66634900.00", "67134900.00")
    assert message.startswith("收入各来源与上年结转之和 6,713.49万元 与收入总计 6,663.49万元 不符，相差 50.00万元（")
    assert "上年结转891.02万元" in message
    assert _found(doc, "RC002") == []  # the total is the expenditure: no second error
    assert "另有上年结转" not in overview(doc).sentences[0].text


def test_a_total_neither_called_so_nor_balanced_is_taken_without_it(sample_text: str, tmp_path: Path) -> None:
    """预算收入5778.07万元 with the sample's sources (5728.07) is 50 off either way, is called 合计 and is
    not the expenditure: taken as excluding the carry-over, as before."""
    doc = _income(sample_text, tmp_path, "预算收入5778.07万元", "4739.51万元")
    assert not carry_over_in_total(doc, Settings().globals())
    ((expected, actual, message),) = _found(doc, "RC001")
    assert (expected, actual) == ("57780700.00", "57280700.00") and message.startswith("收入各来源之和")
    assert "另有上年结转891.02万元" in overview(doc).sentences[0].text


def test_a_total_nearer_the_sources_with_the_carry_over_says_so(sample_text: str, tmp_path: Path) -> None:
    """预算收入6708.49万元 — the sources and carry-over (6663.49) with a 45万元 slip — called 合计 and not the expenditure:
    taken as excluding the carry-over it is 980.42万元 from the sources, while it may be a 45万元 slip of a total holding
    it. The messages said only the first (a reviewer's find); now they give the other reading's gap too."""
    doc = _income(sample_text, tmp_path, "预算收入6708.49万元", "4783.91万元")
    assert not carry_over_in_total(doc, Settings().globals())
    [(_, _, rc001)] = _found(doc, "RC001")
    [(_, _, rc002)] = _found(doc, "RC002")
    assert rc001.startswith("收入各来源之和 5,772.47万元 与收入合计 6,708.49万元 不符，相差 936.02万元（")
    assert rc001.endswith("；如收入合计已含上年结转891.02万元，则相差 45.00万元，请核实口径")
    assert rc002 == ("收入合计与上年结转之和 7,599.51万元 与支出合计 6,663.49万元 不符，相差 936.02万元；"
                     "如收入合计已含上年结转891.02万元，则相差 45.00万元，请核实口径")
    far = _income(sample_text, tmp_path, "预算收入5778.07万元", "4739.51万元")  # 50 off without, 841 with: no other reading
    assert not any("如收入合计已含" in m for code in ("RC001", "RC002") for _, _, m in _found(far, code))


def test_no_other_reading_when_the_total_and_carry_over_make_the_spending(sample_text: str, tmp_path: Path) -> None:
    """A source left out of the list (4783.91 + 988.56 listed as 4783.91 only, total 5772.47): the total plus the
    carry-over is the spending, so the total holds none — RC001 said "如收入合计已含上年结转…" all the same (a
    reviewer's attack)."""
    sentence = ("2023年预算收入5772.47万元，其中：一般公共预算收入4783.91万元，财政专户核拨收入0万元，其他来源收入0万元，"
                "上年结转891.02万元。")  # 基金预算收入988.56万元 left out; 5772.47 + 891.02 = 6663.49, the spending
    doc = rewrite(sample_text, tmp_path, {INCOME_LINE: lambda line: line.replace(SAMPLE_INCOME, sentence)})
    [(_, _, rc001)] = _found(doc, "RC001")
    assert "如收入合计已含" not in rc001 and _found(doc, "RC002") == []


def test_the_sample_total_excludes_the_carry_over(sample_doc: Disclosure) -> None:
    assert not carry_over_in_total(sample_doc, Settings().globals())
    text = overview(sample_doc).sentences[0].text
    assert text.startswith("收入合计5,728.07万元") and "；另有上年结转891.02万元" in text


@pytest.mark.parametrize("name", ["单位资金", "其他资金"])
def test_a_source_named_for_the_units_own_money(sample_text: str, tmp_path: Path, name: str) -> None:
    """单位资金/其他资金 after a source whose words name 安排的支出 (为…收入安排的支出…) is a source too; it was left out —
    a false RC001 error on a reviewer's variants."""
    sentence = ("2023年收入预算总计6663.49万元，其中：一般公共预算收入4683.91万元；基金预算收入988.56万元，为土地出让收入安排的"
                f"支出988.56万元；{name}100万元，为道路挖掘修复费等；上年结转891.02万元。")
    doc = rewrite(sample_text, tmp_path, {INCOME_LINE: lambda line: line.replace(SAMPLE_INCOME, sentence)})
    assert [p.label for p in doc.income.parts] == ["一般公共预算收入", "基金预算收入", name]
    assert _found(doc, "RC001") == [] and _found(doc, "RC002") == []


def test_a_document_saying_it_has_no_carry_over(tmp_path: Path) -> None:
    """本部门2025年…无上年结转 in the paragraph before the income: RC002 said "未读到上年结转，按0计" (a reviewer's find)."""
    from budget_audit.parse import parse_file

    text = "\n".join(["某街道办事处2025年部门预算公开说明", "二、收支预算总体情况",
                      "2025年收支总预算1,325.64万元。本部门2025年无政府性基金预算收支，无上年结转。",
                      "2025年收入预算1,352.64万元，其中：一般公共预算拨款收入1,285.64万元，其他收入40.00万元。",
                      "2025年支出预算1,325.64万元，其中：基本支出1,000.00万元，项目支出325.64万元。", ""])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    assert doc.income.carry_over is not None and doc.income.carry_over.yuan == 0 and doc.income.carry_over.span.line == 3
    [rc002] = [f for f in run_checks(doc) if f.code == "RC002"]
    assert "未读到上年结转" not in rc002.message and 3 in rc002.lines
