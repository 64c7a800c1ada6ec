"""Indicator tables that name each indicator by its path in one cell, under a header 指标 | 指标值 (产出指标—数量指标—日常养护
里程 | ≥860公里, a reviewer's county document): no row was read — every project lacked its indicators (a false CP007
"缺少：绩效指标"), and indicators copied across budgets (CS004) and a placeholder value (IN008) went unseen."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.parse import parse_file
from budget_audit.parse.projects import indicator_path

ROWS = [
    "产出指标{d}数量指标{d}日常养护里程 | ≥860公里",
    "产出指标{d}质量指标{d}优良中等路率 | ≥85%",
    "产出指标{d}时效指标{d}路面病害处置时限 | ≤7天",
    "产出指标{d}成本指标{d}每公里年养护成本 | ≤1.77万元/公里",
    "效益指标{d}社会效益指标{d}群众出行条件改善 | ≥90%",
    "满意度指标{d}服务对象满意度指标{d}沿线群众满意度 | ≥90%",
]


def _doc(tmp_path: Path, dash: str = "—", header: str = "指标 | 指标值", rows: list[str] | None = None) -> Path:
    text = "\n".join([
        "2026年部门预算公开", "", "十二、绩效目标设置情况", "",
        "1.农村公路养护资金绩效目标表",
        "项目名称 | 农村公路养护资金",
        "项目编码 | 37142826P21000100001",
        "年度资金总额（万元） | 1,520.00",
        "其中：财政拨款（万元） | 1,520.00",
        "其他资金（万元） | 0.00",
        "资金支出计划 | 3月底30%；6月底60%；10月底90%；12月底100%",
        "年度绩效目标 | 完成全县农村公路日常养护和路况巡查，保持路况良好。",
        header,
        *(rows if rows is not None else [row.format(d=dash) for row in ROWS]),
        "",
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("dash", ["—", "——", "－", "-", "─", " — "])
def test_an_indicators_path_in_one_cell(tmp_path: Path, dash: str) -> None:
    path = _doc(tmp_path, dash=dash)
    indicators = parse_file(path).projects[0].indicators
    assert [(i.level1, i.level2, i.level3, i.value.raw) for i in indicators][:2] == [
        ("产出指标", "数量指标", "日常养护里程", "≥860公里"), ("产出指标", "质量指标", "优良中等路率", "≥85%")]
    assert len(indicators) == 6 and indicators[0].span.line == 14
    assert not [f for f in run_checks(parse_file(path)) if f.code.startswith(("CP007", "CP003", "IN00"))]


def test_a_placeholder_value_is_found(tmp_path: Path) -> None:
    rows = ["产出指标—数量指标—新改建农村公路里程 | ≥XX公里", *(row.format(d="—") for row in ROWS[1:])]
    findings = [f for f in run_checks(parse_file(_doc(tmp_path, rows=rows))) if f.code == "IN008"]
    assert [f.lines for f in findings] == [(14,)]


def test_the_unit_wide_table_under_its_sub_heading(tmp_path: Path) -> None:
    text = "\n".join([
        "2026年部门预算公开", "", "十二、绩效目标设置情况", "", "（一）部门整体绩效目标", "",
        "指标 | 指标值", *(row.format(d="—") for row in ROWS), "",
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    indicators = parse_file(path).unit_goals.indicators
    assert [(i.level1, i.level2, i.level3) for i in indicators][-1:] == [("满意度指标", "服务对象满意度指标", "沿线群众满意度")]
    assert len(indicators) == 6


@pytest.mark.parametrize(("text", "path"), [
    ("产出指标—数量指标—日常养护里程", ("产出指标", "数量指标", "日常养护里程")),
    ("产出指标-质量指标-PM2.5-年均浓度", ("产出指标", "质量指标", "PM2.5-年均浓度")),  # a dash inside the name stays
    ("效益指标—群众出行条件改善", ("效益指标", "", "群众出行条件改善")),
    ("新冠-疫苗接种率", ("", "", "新冠-疫苗接种率")),  # no 一级 class first: a name with a dash in it
    ("日常养护里程", ("", "", "日常养护里程")),
])
def test_indicator_path(text: str, path: tuple[str, str, str]) -> None:
    assert indicator_path(text) == path


def test_the_usual_header_reads_as_before(tmp_path: Path) -> None:
    """一级指标 | 二级指标 | 三级指标 | 指标值 is no path header: its cells are read each in its column."""
    rows = ["产出指标 | 数量指标 | 日常养护里程 | ≥860公里", "产出指标 | 质量指标 | 优良中等路率—国道 | ≥85%"]
    indicators = parse_file(_doc(tmp_path, header="一级指标 | 二级指标 | 三级指标 | 指标值", rows=rows)).projects[0].indicators
    assert [(i.level1, i.level2, i.level3, i.value.raw) for i in indicators] == [
        ("产出指标", "数量指标", "日常养护里程", "≥860公里"), ("产出指标", "质量指标", "优良中等路率—国道", "≥85%")]
