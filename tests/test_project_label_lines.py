"""A project table written as ``label：value`` lines (项目编码：…, 预算金额：…, 年度绩效目标：…) above its indicator table,
as a reviewer's 住建局 wrote every one: the fields went unread — a false CP007 "缺少项目编码、预算数、绩效目标" per table
— and with them the checks on budgets and targets (a copy-pasted target, CS004, went unreported)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budget_audit.checks import run_checks
from checks.cases import parse_text

INDICATORS = """一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t改造老旧小区个数\t=12个
\t质量指标\t工程竣工验收合格率\t100%
\t时效指标\t改造工程完工时间\t11月30日前
\t成本指标\t户均改造成本\t≤2.38万元/户
效益指标\t社会效益指标\t小区基础设施完好率\t≥95%
满意度指标\t服务对象满意度指标\t小区居民满意度\t≥90%"""


def _project(n: int, name: str, code: str, budget: str, goal: str) -> str:
    return f"""{n}.{name}绩效目标表

项目名称：{name}
项目编码：{code}
实施单位：淮川县住房和城乡建设局
预算金额：{budget}元（其中：财政资金{budget}元，其他资金0元）
资金来源：政府性基金
资金支出计划（%）：3月底10%，6月底40%，10月底80%，12月底100%
年度绩效目标：{goal}
{INDICATORS}
"""


def _doc(second_goal: str, second_budget: str = "850000.00") -> str:
    goal = "完成城区12个老旧小区改造，惠及居民2860户，完善小区水电气路及消防、照明等配套设施，改善居民居住条件。"
    return "\n".join([
        "淮川县住房和城乡建设局2023年部门预算公开", "", "五、绩效目标设置情况", "",
        _project(1, "城镇老旧小区改造项目", "41152923P03010001", "68000000.00", goal),
        _project(2, "城市园林绿化养护项目", "41152923P03010004", second_budget, second_goal or goal),
    ])


def test_fields_written_label_colon_value_are_read() -> None:
    doc = parse_text(_doc("完成城区公园绿地养护120万平方米，绿化成活率达到95%以上。"))
    first, second = doc.projects
    assert (first.code.text, first.budget.yuan, second.code.text) == (
        "41152923P03010001", Decimal("68000000.00"), "41152923P03010004")
    assert first.goal is not None and first.goal.text.startswith("完成城区12个") and len(first.indicators) == 6
    assert first.code.span.line == 8
    assert "CP007" not in {f.code for f in run_checks(doc)}


def test_a_target_copied_from_another_project_is_cs004() -> None:
    """The planted defect: project 2 (85万元) carries project 1's goal and indicators (6,800万元)."""
    assert "CS004" in {f.code for f in run_checks(parse_text(_doc("")))}


def test_a_field_line_opens_a_paragraph_of_its_own() -> None:
    """资金支出计划（%）：…12月底100% / 年度绩效目标：…: in a wrapped document the first line read as full, and the goal
    was joined to it (the reviewer's sixth table lost its goal: a false CP007)."""
    from budget_audit.parse.wraps import opens

    for line in ("年度绩效目标：对农村低收入群体等重点对象210户实施危房改造。", "项目编码：41152923P03010006",
                 "资金支出计划（%）：3月底0%，6月底40%", "预算金额：4200000.00元"):
        assert opens(line), line
    assert not opens("绩效目标完成情况良好，")


def test_label_lines_taken_for_one_rows_cells_above_a_tab_parted_table() -> None:
    """Above an indicator table whose every row repeats its 一级指标 (tab-parted rows), the four label lines were read as
    the cells of one row: the fields went unread (a false CP007 per table, and a stale 2023年 in a goal unseen)."""
    text = "\n".join([
        "某街道办事处2025年部门预算公开说明", "", "九、预算绩效管理情况", "", "1.社区运转经费绩效目标表", "",
        "项目名称：社区运转经费", "项目编码：45012625P00210001", "预算金额：200000.00元", "年度绩效目标：保障12个社区正常运转，确保2023年汛期无事故。",
        "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t保障社区个数\t=12个", "产出指标\t成本指标\t项目总成本\t≤20万元",
        "效益指标\t社会效益指标\t办结率\t≥98%", "满意度指标\t服务对象满意度指标\t满意度\t≥90%", ""])
    doc = parse_text(text)
    [project] = doc.projects
    assert (project.code.text, project.budget.yuan, project.goal.span.line) == ("45012625P00210001", Decimal("200000.00"), 10)
    assert [f.lines for f in run_checks(doc) if f.code == "CS005"] == [(10,)]
    assert "CP007" not in {f.code for f in run_checks(doc)}


def _plan_doc(plan: str) -> str:
    return "\n".join(["某县水利局2024年部门预算公开说明", "", "五、绩效目标设置情况", "", "1.甲项目绩效目标表", "",
                      "项目名称：甲项目", "项目编码：51082324P00011801", "预算金额：200000.00元", plan,
                      "年度绩效目标：完成甲工作。", INDICATORS, ""])


@pytest.mark.parametrize("plan", ["资金支出计划（%）：3月底50%，6月底40%，10月底30%，12月底60%",
                                  "资金支出计划（%）\t3月底 50%\t6月底 40%\t10月底 30%\t12月底 60%"])
def test_a_spending_plan_with_each_month_beside_its_value(plan: str) -> None:
    """The commonest layouts of a plan were never read: a plan falling back (50→40→30%) and short of 100% went
    unreported (a reviewer's find). Read, IN010 and IN012 report it."""
    doc = parse_text(_plan_doc(plan))
    assert [(p.label, str(p.value.number)) for p in doc.projects[0].spending_plan] == [
        ("3月底", "50"), ("6月底", "40"), ("10月底", "30"), ("12月底", "60")]
    codes = [f.code for f in run_checks(doc)]
    assert codes.count("IN010") == 2 and "IN012" in codes
    good = parse_text(_plan_doc("资金支出计划（%）：3月底10%，6月底40%，10月底80%，12月底100%"))
    assert not {"IN010", "IN012"} & {f.code for f in run_checks(good)}
