"""Project tables laid out as the 财政部 项目支出绩效目标表 template: the budget on a
``项目资金 | 年度资金总额 | 4860000.00`` row, ``其中：财政拨款`` and ``其他资金`` on rows of their own
below it, and a ``资金用途`` row. The budget was read as the text "年度资金总额" (no number),
the fiscal part not at all and the use of funds as "其中：财政拨款": every table lacked its
预算数 (CP007), the carry-over projects summed to 0 (RC007), a fiscal part that did not
make the budget (RC015) and copied targets across budgets (CS004) went unseen."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file


def _table(seq: int, name: str, code: str, budget: str, fiscal: str, other: str) -> str:
    return f"""{seq}.{name}绩效目标表
\t单位名称：临河县教育局（215001）
\t
\t金额单位：元

\t项目名称
\t{name}
\t项目编码
\t{code}

\t项目资金
\t年度资金总额
\t{budget}

\t
\t其中：财政拨款
\t{fiscal}

\t
\t其他资金
\t{other}

\t资金用途
\t用于{name}，按学期拨付到校。

\t资金支出计划（%）
\t3月底
\t6月底
\t9月底
\t12月底

\t
\t0%
\t50%
\t100%
\t100%

\t年度绩效目标
\t完成{name}的各项任务，资金按时拨付。

\t一级指标
\t二级指标
\t三级指标
\t指标值

\t产出指标
\t数量指标
\t补助人数
\t=3240人

\t产出指标
\t质量指标
\t补助对象认定准确率
\t100%

\t产出指标
\t时效指标
\t补助资金拨付完成时间
\t≤9月底

\t产出指标
\t成本指标
\t生均补助标准
\t≤1500元/人·年

\t效益指标
\t社会效益指标
\t家庭教育负担
\t有效减轻

\t满意度指标
\t服务对象满意度指标
\t家长满意度
\t≥90%
"""


def _doc(tmp_path: Path, *tables: str) -> Disclosure:
    text = "2024年单位预算公开说明\n五、绩效目标设置情况\n（二）项目支出绩效目标\n\n" + "\n".join(tables)
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


PRESCHOOL = ("学前教育保教费补助资金", "13119924P00310020001A")


def test_the_template_rows_give_budget_fiscal_other_and_use(tmp_path: Path) -> None:
    (project,) = _doc(tmp_path, _table(1, *PRESCHOOL, "4860000.00", "4860000.00", "0.00")).projects
    assert project.budget is not None and project.budget.yuan == Decimal("4860000.00")
    assert project.budget.span.line == 17  # the figure on the 年度资金总额 row
    assert project.fiscal is not None and project.fiscal.yuan == Decimal("4860000.00")
    assert project.other is not None and project.other.yuan == Decimal("0.00")
    assert project.use_of_funds is not None and project.use_of_funds.text == "用于学前教育保教费补助资金，按学期拨付到校。"
    findings = {f.code for f in run_checks(_doc(tmp_path, _table(1, *PRESCHOOL, "4860000.00", "4860000.00", "0.00")))}
    assert "CP007" not in findings and "RC015" not in findings


def test_a_fiscal_part_that_does_not_make_the_budget_is_rc015(tmp_path: Path) -> None:
    doc = _doc(tmp_path, _table(1, *PRESCHOOL, "4860000.00", "4680000.00", "0.00"))
    (finding,) = [f for f in run_checks(doc) if f.code == "RC015"]
    assert (finding.expected, finding.actual) == ("4860000.00", "4680000.00")
    assert finding.lines == (17, 21, 25)  # budget, 财政拨款, 其他资金


def test_copied_targets_across_budgets_are_cs004(tmp_path: Path) -> None:
    doc = _doc(
        tmp_path,
        _table(1, "学前教育保教费补助资金", "13119924P00310020001A", "4860000.00", "4860000.00", "0.00"),
        _table(2, "学前教育保教费补助资金", "13119924P00310020002A", "90000.00", "90000.00", "0.00"),
    )
    assert [p.budget.yuan for p in doc.projects if p.budget] == [Decimal("4860000.00"), Decimal("90000.00")]
    assert [f.code for f in run_checks(doc) if f.code == "CS004"] == ["CS004"]


def test_a_unit_code_written_before_the_name_in_the_unit_name_cell(tmp_path: Path) -> None:
    """单位名称 | 501012青石镇人民政府: the code was not read, so a unit file with a mistyped code (501013) raised
    no CP009."""
    text = "\n".join([
        "2025年单位预算公开说明", "五、绩效目标", "1.村级组织运转经费绩效目标表",
        "单位名称\t501012青石镇人民政府\t金额单位：元",
        "项目名称\t村级组织运转经费\t项目编码\t36112625P00501012001A",
        "预算数\t2160000.00\t其中：财政资金\t2160000.00\t其他资金\t0.00", "",
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    (project,) = doc.projects
    assert (project.unit_code.text, project.unit_name.text, project.unit_code.span.line) == ("501012", "青石镇人民政府", 4)
    assert [f.code for f in run_checks(doc, unit_code="501013") if f.code == "CP009"] == ["CP009"]
    assert [f.code for f in run_checks(doc, unit_code="501012") if f.code == "CP009"] == []


@pytest.mark.parametrize(("intro", "yuan"), [("各项目绩效目标表如下（金额单位：万元）：", "2880000.00"),
                                             ("各项目绩效目标表如下：", "288.00")])
def test_a_money_unit_stated_once_for_all_the_tables(tmp_path: Path, intro: str, yuan: str) -> None:
    """A unit stated before the first table holds for every table that states none; it was ignored, every budget
    read in 元 (an RC005 error of 0.29万元 against 2,900万元 on a reviewer's document, and eight more)."""
    table = "\n".join(["1.农村饮水安全巩固提升工程绩效目标表", "项目名称\t农村饮水安全巩固提升工程",
                        "预算数\t288.00\t其中：财政资金\t288.00\t其他资金\t0.00", ""])
    path = tmp_path / "doc.txt"
    path.write_text("\n".join(["2025年单位预算公开说明", "五、绩效目标", intro, table]), encoding="utf-8")
    (project,) = parse_file(path).projects
    assert project.budget is not None and project.budget.yuan == Decimal(yuan)


@pytest.mark.parametrize(("budget", "fiscal"), [("项目总额", "其中：财政资金"), ("年度预算数", "资金来源：财政资金"),
                                                ("预算资金", "资金来源：财政拨款")])
def test_other_names_of_the_budget_and_fiscal_rows(tmp_path: Path, budget: str, fiscal: str) -> None:
    """项目总额 / 年度预算数 / 预算资金 name the budget, 资金来源：财政资金 the fiscal part: a false CP007 and RC005, or an
    RC015 error reading the fiscal part as 0, on a reviewer's variants."""
    text = "\n".join(["2025年单位预算公开说明", "五、绩效目标", "1.农村饮水安全巩固提升工程绩效目标表", "单位：元",
                      "项目名称\t农村饮水安全巩固提升工程", f"{budget}\t2880000\t{fiscal}\t2880000\t其他资金\t0", ""])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    (project,) = doc.projects
    assert (project.budget.yuan, project.fiscal.yuan) == (Decimal(2880000), Decimal(2880000))
    found = run_checks(doc)
    assert not [f for f in found if f.code == "RC015"]
    assert not [f for f in found if f.code == "CP007" and "预算数" in f.message]  # (code, goal, indicators: none here)
