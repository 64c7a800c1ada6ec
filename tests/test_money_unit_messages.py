"""Messages of a document written in 元 show the sums and gaps they work out in 元, as the document writes its
figures, not in 万元: an auditor looks up “人员经费与公用经费之和 2,745,880.00元” in the document, where
“274.59万元 … 相差 0.06万元” hid a gap of 600.00元 and could not be found. A document in 万元 reads as before."""

from __future__ import annotations

import json
from decimal import Decimal

from budget_audit.amounts import fmt_amount, fmt_money, fmt_money_range, money_shown_in, parse_money
from budget_audit.checks import run_checks
from budget_audit.dashboard import _finding
from budget_audit.narrative import build_narrative, narrative_text
from budget_audit.results import compared, finding_row, to_json
from budget_audit.variance import yoy_rows
from checks.cases import parse_text

IN_YUAN = """某档案馆
2024年单位预算情况说明
（一）单位职责及机构设置
县档案馆负责档案收集和利用。核定编制18名。
（二）单位预算收支总体情况
1.收入预算：2024年收入预算3,126,480.00元，全部为一般公共预算拨款收入。
2.支出预算：2024年支出预算3,126,480.00元，其中：基本支出2,746,480.00元，包括人员经费{personnel}元、公用经费333,880.00元；项目支出380,000.00元。
3.增减变化：2024年收支总预算较2023年预算数减少446,720.00元，下降12.5%，主要原因是档案数字化加工一期项目已于2023年完成。
"""


def _doc(personnel: str = "2,412,600.00"):
    return parse_text(IN_YUAN.format(personnel=personnel))


def test_a_document_in_yuan_gets_its_sums_and_gaps_in_yuan() -> None:
    doc = _doc("2,412,000.00")
    assert doc.money_unit == "元"
    rc003 = next(f for f in run_checks(doc) if f.code == "RC003")
    assert rc003.message == "人员经费与公用经费之和 2,745,880.00元 与基本支出 2,746,480.00元 不符，相差 600.00元"
    assert rc003.money_unit == "元"
    assert compared(rc003) == "基本支出：2,746,480.00元；人员经费与公用经费之和：2,745,880.00元"
    assert "万元" not in json.dumps(finding_row(rc003), ensure_ascii=False)


def test_last_years_figure_worked_out_is_in_yuan_and_so_is_the_narrative() -> None:
    doc = _doc()
    findings = run_checks(doc)
    hint = next(f for f in findings if f.code == "VA001")
    assert hint.message.startswith("收支合计较上年减少446,720.00元（12.5%）")
    text = narrative_text(build_narrative(doc, findings, yoy_rows(doc)))
    assert "收支合计较上年减少446,720.00元" in text and "万元" not in text


def test_a_document_in_wan_is_shown_in_wan(sample_doc) -> None:
    assert sample_doc.money_unit == "万元"
    findings = run_checks(sample_doc)
    money = [f for f in findings if f.money]
    assert money and all(f.money_unit == "万元" for f in findings)
    assert all("万元" in compared(f) for f in money if compared(f))


def test_the_unit_travels_with_the_finding_through_findings_json() -> None:
    from budget_audit.results import check_document

    doc = _doc("2,412,000.00")
    data = json.loads(to_json(check_document(doc)))
    rc003 = next(item for item in data["findings"] if item["code"] == "RC003")
    assert rc003["money_unit"] == "元" and compared(_finding(rc003)).endswith("2,745,880.00元")
    del rc003["money_unit"]  # a findings.json of an earlier version: 万元, as it was then
    assert compared(_finding(rc003)).endswith("274.59万元")


def test_fmt_money_follows_the_document_only_within_its_checks() -> None:
    yuan = Decimal("1656") * 100
    assert fmt_money(yuan) == "16.56万元" and fmt_money(yuan, "元") == "165,600.00元"
    with money_shown_in("元"):
        assert fmt_money(yuan) == "165,600.00元"
        assert fmt_money_range(yuan, yuan * 2) == "165,600.00至331,200.00元"
        assert fmt_amount(parse_money("16.56万元")) == "165,600.00元"
    with money_shown_in("千元"):  # read in 万元
        assert fmt_money_range(yuan, yuan * 2) == "16.56至33.12万元"
    assert fmt_money(yuan) == "16.56万元"


def test_a_stated_unit_of_the_tables_does_not_make_a_text_in_wan_one_in_yuan() -> None:
    """（金额单位：元） before a text whose totals are in 万元 (its tables in 元): the messages stay in 万元, as the text
    writes its figures (a reviewer's)."""
    text = "（金额单位：元）\n" + IN_YUAN.format(personnel="2,412,000.00").replace("3,126,480.00元", "312.648万元").replace(
        "2,746,480.00元", "274.648万元").replace("2,412,000.00元", "241.20万元").replace("333,880.00元", "33.388万元").replace(
        "380,000.00元", "38.00万元")
    doc = parse_text(text)
    assert doc.money_unit == "万元"
    assert any(f.code == "RC003" and "万元" in f.message and f.money_unit == "万元" for f in run_checks(doc))
