"""Project tables headed by the project's number and name alone (项目1：国土空间规划编制经费), with no 绩效目标表 in the
heading (a reviewer's county document): none was read — 0 projects, a false RC005 "没有项目支出绩效目标表", the tables'
rows read as unit-wide indicators (IN001/IN002 on 金额单位, 项目名称 …) and a 预算数 that its parts did not make (RC015)
went unseen. A paragraph that merely starts with 项目 is still no table."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.parse import parse_file


def _table(heading: str, name: str, code: str, budget: str, fiscal: str) -> list[str]:
    return [
        heading,
        "单位名称 | 413001清河县自然资源和规划局 | 金额单位 | 元",
        f"项目编码 | {code} | 项目名称 | {name}",
        f"预算数 | {budget} | 其中：财政资金 | {fiscal} | 其他资金 | 0.00",
        f"资金用途 | 用于{name}。",
        "资金支出计划（%） | 3月底 20% | 6月底 45% | 10月底 80% | 12月底 100%",
        f"年度绩效目标 | 完成{name}的年度任务。",
        "一级指标 | 二级指标 | 三级指标 | 指标值",
        "产出指标 | 数量指标 | 完成规划编制数量 | =6个",
        "产出指标 | 质量指标 | 专家评审通过率 | =100%",
        "产出指标 | 时效指标 | 成果报批完成时间 | ≤2024年11月",
        "产出指标 | 成本指标 | 服务总成本 | ≤4,500,000元",
        "效益指标 | 社会效益指标 | 用地规划保障率 | ≥95%",
        "满意度指标 | 服务对象满意度指标 | 乡镇政府满意度 | ≥90%",
        "",
    ]


def _doc(tmp_path: Path, first: str = "项目1：国土空间规划编制经费", second: str = "项目2：地质灾害防治经费",
         budget: str = "1,800,000.00", lead: list[str] | None = None) -> Path:
    text = "\n".join([
        "2024年单位预算公开说明", "",
        "一、单位预算安排的总体情况", "",
        "2024年本单位支出预算6,300,000.00元，其中：基本支出0元，项目支出6,300,000.00元。", "",
        "二、绩效目标设置情况", "",
        "2024年本单位实行绩效目标管理的项目2个。项目绩效目标表如下：", "",
        *(lead or []),
        *_table(first, "国土空间规划编制经费", "13053424P00041300101A", "4,500,000.00", "4,500,000.00"),
        *_table(second, "地质灾害防治经费", "13053424P00041300104D", budget, "1,800,000.00"),
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _codes(path: Path) -> set[str]:
    return {f.code for f in run_checks(parse_file(path))}


@pytest.mark.parametrize("first", ["项目1：国土空间规划编制经费", "项目1 国土空间规划编制经费", "项目一：国土空间规划编制经费"])
def test_a_heading_of_the_projects_number_and_name(tmp_path: Path, first: str) -> None:
    doc = parse_file(_doc(tmp_path, first=first))
    assert [(p.seq, p.heading.text, p.title, p.heading.span.line) for p in doc.projects] == [
        (1, "国土空间规划编制经费", "国土空间规划编制经费", 11), (2, "地质灾害防治经费", "地质灾害防治经费", 26)]
    assert [len(p.indicators) for p in doc.projects] == [6, 6]
    assert doc.projects[1].budget is not None and doc.projects[1].budget.value.yuan == 1800000
    assert doc.unit_goals.indicators == []
    assert not {"RC005", "IN001", "IN002", "CS008"} & _codes(_doc(tmp_path, first=first))


def test_a_budget_its_parts_do_not_make_is_found(tmp_path: Path) -> None:
    """The reviewer's planted RC015: 预算数 1,950,000.00 against 财政资金 1,800,000.00 + 其他资金 0.00."""
    findings = [f for f in run_checks(parse_file(_doc(tmp_path, budget="1,950,000.00"))) if f.code == "RC015"]
    assert [f.lines for f in findings] == [(29,)]


@pytest.mark.parametrize("lead", [
    ["项目1：本单位全年共实施项目2个，均编制了绩效目标。", ""],  # a sentence
    ["项目1：国土空间规划编制经费", "本项目主要用于委托规划编制单位完成县域国土空间总体规划成果报批工作。", ""],  # prose under it
    ["项目1：项目清单", "序号 | 项目名称 | 预算数", "1 | 国土空间规划编制经费 | 4,500,000.00", ""],  # a list of projects
])
def test_a_paragraph_starting_with_project_is_no_table(tmp_path: Path, lead: list[str]) -> None:
    doc = parse_file(_doc(tmp_path, lead=lead))
    assert [p.title for p in doc.projects] == ["国土空间规划编制经费", "地质灾害防治经费"]
    assert [p.heading.span.line for p in doc.projects] == [11 + len(lead), 26 + len(lead)]


def test_a_number_and_name_over_the_tables_own_title(tmp_path: Path) -> None:
    """项目1：国土空间规划编制经费 over 国土空间规划编制经费项目支出绩效目标表 (a reviewer's next round): each line took the other
    for the heading, every table was lost (a false RC005, the rows taken for unit-wide indicators, RC015 missed)."""
    path = _doc(tmp_path, first="项目1：国土空间规划编制经费\n国土空间规划编制经费项目支出绩效目标表",
                second="项目2：地质灾害防治经费\n地质灾害防治经费项目支出绩效目标表", budget="1,850,000.00")
    doc = parse_file(path)
    assert [p.title for p in doc.projects] == ["国土空间规划编制经费", "地质灾害防治经费"]
    findings = run_checks(doc)
    assert "RC015" in {f.code for f in findings} and "IN002" not in {f.code for f in findings}
    assert not [f for f in findings if "没有项目支出绩效目标表" in f.message]
