"""Projects whose performance targets are written as a numbered list of their fields (项目一：… / 1.项目编码：… /
2.项目预算：… / 6.绩效指标： / （一）产出指标 / 数量指标：补助社区工作者人数=62人), not as a table: read as projects
(a reviewer's 街道办 document got a false RC005 error "没有项目支出绩效目标表", and its placeholder and unit cost went
unreported; under N.…绩效目标表 headings each project was a false CP007 "缺少项目编码、预算数、绩效目标、绩效指标")."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget_audit.checks import Finding, run_checks
from budget_audit.ingest import read_text
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file, parse_lines

DATA = Path(__file__).resolve().parent / "data"

_HEAD = """青岭县城关街道办事处2024年部门预算
一、收支预算总体情况
2024年本部门支出预算1,000.00万元，其中：基本支出{basic}万元，项目支出{project}万元。
二、项目绩效目标情况
2024年本部门项目绩效目标如下：
"""

_PROJECT = """{heading}
1.项目编码：43052124P09010{seq:02d}
2.项目预算：{budget}元（全部为财政拨款）
3.资金用途：用于{name}。
4.资金支出计划：3月底累计支出25%，6月底累计支出{june}%，10月底累计支出75%，12月底累计支出100%。
5.绩效目标：保障{name}按时完成，提升社区服务能力。
6.绩效指标：
（一）产出指标
数量指标：补助社区工作者人数={count}人
质量指标：社区工作者持证上岗率≥85%
时效指标：薪酬补助按月发放率=100%
成本指标：人均薪酬补助标准≤{cost}万元/人
（二）效益指标
社会效益指标：社区服务覆盖居民户数≥1.8万户
（三）满意度指标
服务对象满意度指标：辖区居民对社区服务工作的满意度≥90%
"""

#: The document's own tables after the last project, as a 街道办's document has them in the same section.
_TABLES = """
表一 收支总表
\t单位：万元

\t项目
\t预算数

\t一、一般公共预算拨款收入
\t1,000.00
"""


def _project(seq: int, *, heading: str = "", budget: str = "3,024,000.00", count: str = "72",
             cost: str = "4.20", june: str = "50") -> str:
    name = f"社区工作者薪酬补助{seq}"
    heading = heading or f"项目{'一二三'[seq - 1]}：{name}"
    return _PROJECT.format(heading=heading, seq=seq, budget=budget, name=name, count=count, cost=cost, june=june)


def _doc(*projects: str, project: str = "604.80", tables: bool = True) -> Disclosure:
    basic = f"{Decimal(1000) - Decimal(project):.2f}"
    text = _HEAD.format(basic=basic, project=project) + "\n".join(projects) + (_TABLES if tables else "")
    return parse_lines(*read_text(text, "<listed>"))


def _codes(doc: Disclosure) -> list[tuple[str, tuple[int, ...]]]:
    return [(f.code, f.lines) for f in run_checks(doc)]


def _only(doc: Disclosure, code: str) -> list[Finding]:
    return [f for f in run_checks(doc) if f.code == code]


def test_listed_project_fields_and_indicators_are_read() -> None:
    doc = _doc(_project(1), _project(2))
    assert [p.title for p in doc.projects] == ["社区工作者薪酬补助1", "社区工作者薪酬补助2"]
    first = doc.projects[0]
    assert first.code is not None and first.code.text == "43052124P0901001"
    assert first.budget is not None and first.budget.yuan == Decimal("3024000.00")
    assert first.use_of_funds is not None and first.goal is not None
    assert [(p.label, p.value.number) for p in first.spending_plan] == [
        ("3月底", 25), ("6月底", 50), ("10月底", 75), ("12月底", 100)]
    assert [(i.level1, i.level2, i.level3, i.value.raw) for i in first.indicators[::3]] + [
        (i.level1, i.level2, i.level3, i.value.raw) for i in first.indicators[-1:]] == [
        ("产出指标", "数量指标", "补助社区工作者人数", "=72人"),
        ("产出指标", "成本指标", "人均薪酬补助标准", "≤4.20万元/人"),
        ("满意度指标", "服务对象满意度指标", "辖区居民对社区服务工作的满意度", "≥90%"),
    ]
    assert first.end_line == first.indicators[-1].span.line


def test_tables_after_the_last_listed_project_are_no_indicators_of_it() -> None:
    last = _doc(_project(1), _project(2)).projects[-1]
    assert len(last.indicators) == 6  # not the 收支总表's rows after it
    assert not any("收入" in i.level1 + i.level3 for i in last.indicators)


def test_listed_budgets_reconcile_with_project_spending() -> None:
    assert _only(_doc(_project(1), _project(2)), "RC005") == []
    short = _only(_doc(_project(1), _project(2), project="614.80"), "RC005")
    assert len(short) == 1 and "没有项目支出绩效目标表" not in short[0].message and "604.80" in short[0].message


def test_indicator_rules_run_on_listed_projects() -> None:
    placeholder = _project(2).replace("补助社区工作者人数=72人", "开展党群服务活动≥？场次")
    findings = _codes(_doc(_project(1, count="62"), placeholder))
    assert [c for c, _ in findings if c in ("IN008", "IN015")] == ["IN015", "IN008"]  # 62 × 4.20 = 260.40 ≠ 302.40
    dropping = _codes(_doc(_project(1, june="20"), _project(2)))
    assert "IN010" in [c for c, _ in dropping]  # 6月底 20% after 3月底 25%


def test_consistent_listed_projects_are_quiet() -> None:
    quiet = {"RC005", "CP003", "CP007", "IN002", "IN008", "IN010", "IN015", "CS006"}
    assert [c for c, _ in _codes(_doc(_project(1), _project(2))) if c in quiet] == []


def test_projects_listed_under_table_headings_are_read() -> None:
    headed = [_project(seq, heading=f"{seq}.社区工作者薪酬补助{seq}绩效目标表\n项目名称：社区工作者薪酬补助{seq}")
              for seq in (1, 2)]
    doc = _doc(*headed)
    assert [(p.title, p.code is not None, p.budget is not None, len(p.indicators)) for p in doc.projects] == [
        ("社区工作者薪酬补助1", True, True, 6), ("社区工作者薪酬补助2", True, True, 6)]
    assert "CP007" not in [c for c, _ in _codes(doc)]


def test_stock_lines_repeated_across_listed_projects_are_no_repeated_paragraph() -> None:
    """Each project's 满意度指标 line is the same, as table rows would be: no CS006."""
    assert _only(_doc(_project(1), _project(2), _project(3), project="907.20"), "CS006") == []


def test_numbered_lines_of_no_project_stay_paragraphs() -> None:
    """A numbered list under the section that names no project's fields reads no project; a list of indicators
    under a 绩效指标 line with no project over it neither."""
    text = _HEAD.format(basic="1000.00", project="0") + (
        "1.绩效目标：提升社区服务能力。\n2.绩效指标：\n（一）产出指标\n数量指标：服务社区数量=8个\n")
    assert parse_lines(*read_text(text, "<listed>")).projects == []


def test_whole_street_office_document() -> None:
    """The reviewer's 街道办 document: five listed projects, its planted placeholder (l.111) and unit cost (l.74) found,
    no false RC005 nor CS006."""
    findings = run_checks(parse_file(DATA / "E-qingling-cgjd-2024.txt"))
    codes = {(f.code, f.lines[0]) for f in findings}
    assert ("IN008", 111) in codes and ("IN015", 68) in codes
    assert not {"RC005", "CP007", "CS006"} & {f.code for f in findings}


def test_numbered_fields_over_an_indicator_table_are_read() -> None:
    table = ("一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t补助社区工作者人数\t=72人\n"
             "满意度指标\t服务对象满意度指标\t辖区居民满意度\t≥90%\n")
    text = _project(1).split("6.绩效指标：")[0] + table
    project = _doc(text, project="302.40", tables=False).projects[0]
    assert (project.code is not None, project.budget is not None, len(project.indicators)) == (True, True, 2)
    assert _only(_doc(text, project="302.40", tables=False), "RC005") == []


def test_stacked_tables_after_a_listed_project_are_projects_of_their_own() -> None:
    """A listed project, then tables with no heading each opening 项目名称⇥… (R48: both were skipped as what follows a
    listed project — or merged into it, a project written as a list having no 项目名称 row of its own)."""
    from test_stacked_tsv_projects import MONITORING, RIVERS, _table

    doc = _doc(_project(1), "", _table(*RIVERS), _table(*MONITORING), tables=False)
    assert [p.title for p in doc.projects] == ["社区工作者薪酬补助1", "河湖长制工作经费", "水土保持监测"]
    assert [len(p.indicators) for p in doc.projects] == [6, 6, 6]
