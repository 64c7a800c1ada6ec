"""A project table's fund labels with the fund's kind in brackets after them (其他资金（事业收入）, 财政拨款（一般公共
预算））: the bracket hid the label, the part went unread — a hospital's 17,600,000.00元 of 事业收入 was read as no
other funds at all (a false RC015 "…不等于财政资金与其他资金之和 0.00元"), and a real mismatch (3,480,000 vs 3,840,000)
was reported with the whole budget as its difference."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget_audit.checks import run_checks
from test_format_variants import rewrite

#: The sample's first project table: 预算数 260700.00 (l.549), 其中：财政资金 (l.550–551), 其他资金 blank (l.552–553).
BUDGET, FISCAL, FISCAL_VALUE, OTHER, OTHER_VALUE = 549, 550, 551, 552, 553


def _rc015(doc) -> list:
    return [f for f in run_checks(doc) if f.code == "RC015" and BUDGET in f.lines]


def test_other_funds_named_by_kind_are_read(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {FISCAL: "\t其中：财政拨款（一般公共预算）", FISCAL_VALUE: "\t60700.00",
                                          OTHER: "\t其他资金（事业收入）", OTHER_VALUE: "\t200000.00"})
    project = doc.projects[0]
    assert project.fiscal is not None and project.fiscal.yuan == Decimal("60700.00")
    assert project.other is not None and project.other.yuan == Decimal("200000.00")
    assert _rc015(doc) == []  # 60,700 + 200,000 = 260,700


def test_mismatch_with_kind_named_gives_the_true_difference(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {FISCAL: "\t其中：财政拨款", FISCAL_VALUE: "\t0.00",
                                          OTHER: "\t其他资金（自有资金）", OTHER_VALUE: "\t206700.00"})
    [found] = _rc015(doc)
    assert Decimal(found.actual) == Decimal("206700.00")  # not 0.00: the 其他资金 read


def test_sample_fund_labels_unchanged(sample_doc) -> None:
    project = sample_doc.projects[0]
    assert project.fiscal is not None and project.fiscal.yuan == Decimal("260700.00") and project.other is None


def test_fiscal_funds_of_two_kinds_are_added_up(sample_text: str, tmp_path: Path) -> None:
    """财政资金（一般公共预算）200,000 and 财政资金（政府性基金）60,700: both are the fiscal funds (R47) — the second one alone
    was read, a false RC015 "…不等于财政资金与其他资金之和 20.00万元"."""
    doc = rewrite(sample_text, tmp_path, {FISCAL: "\t其中：财政资金（一般公共预算）", FISCAL_VALUE: "\t200000.00",
                                          OTHER: "\t财政资金（政府性基金）", OTHER_VALUE: "\t60700.00"})
    project = doc.projects[0]
    assert project.fiscal is not None and project.fiscal.yuan == Decimal("260700.00")
    assert _rc015(doc) == []


def test_fiscal_funds_of_two_kinds_short_of_the_budget_still_fail(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {FISCAL: "\t其中：财政资金（一般公共预算）", FISCAL_VALUE: "\t200000.00",
                                          OTHER: "\t财政资金（政府性基金）", OTHER_VALUE: "\t50700.00"})
    [found] = _rc015(doc)
    assert Decimal(found.actual) == Decimal("250700.00")


def _kinds_table(tmp_path: Path, rows: list[str]):
    from test_stacked_tsv_projects import RESERVOIR, _doc, _table

    table = _table(*RESERVOIR).replace("\t其中：财政拨款\t650.00\t\n\t其他资金\t\t", "\n".join(rows))
    return _doc(tmp_path, table).projects[0]


def test_fiscal_kinds_on_rows_of_their_own_are_added_up(tmp_path: Path) -> None:
    """其中：财政资金（一般公共预算） | 500.00, then 财政资金（政府性基金） | 100.00 under 650.00: 600.00 (R48: the first alone,
    RC015 said 相差 150.00万元 where the gap is 50.00万元)."""
    project = _kinds_table(tmp_path, ["\t其中：财政资金（一般公共预算）\t500.00\t", "\t财政资金（政府性基金）\t100.00\t"])
    assert project.fiscal is not None and project.fiscal.yuan == Decimal("6000000.00")


def test_a_fiscal_total_and_its_kinds_are_not_added_up(tmp_path: Path) -> None:
    project = _kinds_table(tmp_path, ["\t财政资金\t650.00\t", "\t其中：一般公共预算\t500.00\t", "\t政府性基金\t150.00\t"])
    assert project.fiscal is not None and project.fiscal.yuan == Decimal("6500000.00")
