"""The unit-wide goals printed as a table of their own under a numbered heading (（一）部门整体绩效目标表 with 部门名称,
年度总体目标 and indicator rows, then （二）项目支出绩效目标表 over the projects' tables; a reviewer's county document): the
heading was read as a project's (a false CP007 "项目绩效目标表“部门整体”缺少…", CP003 on the unit's indicators, and every
project's number one too high in messages). Its rows are the unit's goals and indicators."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file

UNIT_INDICATORS = {
    "path": ["指标 | 指标值", "产出指标—数量指标—农村公路养护里程 | ≥860公里", "效益指标—社会效益指标—城乡公交通达率 | =100%",
             "满意度指标—服务对象满意度指标—群众出行满意度 | ≥90%"],
    "columns": ["一级指标 | 二级指标 | 三级指标 | 指标值", "产出指标 | 数量指标 | 农村公路养护里程 | ≥860公里",
                "效益指标 | 社会效益指标 | 城乡公交通达率 | =100%", "满意度指标 | 服务对象满意度指标 | 群众出行满意度 | ≥90%"],
}


def _doc(tmp_path: Path, heading: str = "（一）部门整体绩效目标表", layout: str = "path",
         project: str = "1.农村公路养护资金绩效目标表") -> Disclosure:
    text = "\n".join([
        "武城县交通运输局2026年部门预算公开", "", "十二、绩效目标设置情况", "",
        heading,
        "部门名称 | 武城县交通运输局",
        "年度总体目标 | 全年完成农村公路养护860公里；城乡公交通达率保持100%。",
        *UNIT_INDICATORS[layout], "",
        "（二）项目支出绩效目标表", "",
        project,
        "项目名称 | 农村公路养护资金",
        "项目编码 | 37142826P21000100001",
        "年度资金总额（万元） | 1,520.00",
        "年度绩效目标 | 完成全县农村公路日常养护。",
        "一级指标 | 二级指标 | 三级指标 | 指标值",
        "产出指标 | 数量指标 | 日常养护里程 | ≥860公里",
        "效益指标 | 社会效益指标 | 群众出行条件改善 | ≥90%",
        "满意度指标 | 服务对象满意度指标 | 沿线群众满意度 | ≥90%", "",
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


@pytest.mark.parametrize("layout", ["path", "columns"])
@pytest.mark.parametrize("heading", ["（一）部门整体绩效目标表", "一、单位整体支出绩效目标表", "部门整体绩效目标表"])
def test_the_unit_wide_table_is_no_project(tmp_path: Path, heading: str, layout: str) -> None:
    doc = _doc(tmp_path, heading, layout)
    assert [(p.seq, p.title) for p in doc.projects] == [(1, "农村公路养护资金")]
    goals = doc.unit_goals
    assert [(i.level1, i.level3) for i in goals.indicators][:1] == [("产出指标", "农村公路养护里程")]
    assert len(goals.indicators) == 3
    assert [t.text[:8] for t in goals.overall] == ["全年完成农村公路"] and goals.overall[0].span.line == 7
    assert not [f for f in run_checks(doc) if f.code == "CP007" or "整体”" in f.message]


def test_a_project_named_for_a_whole_is_a_project(tmp_path: Path) -> None:
    """整体 in a project's name (老旧小区整体改造) does not make its table the unit's."""
    doc = _doc(tmp_path, project="1.老旧小区整体改造绩效目标表")
    assert [p.heading.text for p in doc.projects] == ["老旧小区整体改造"]
