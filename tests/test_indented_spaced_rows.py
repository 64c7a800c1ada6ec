"""Rows of a table aligned with spaces (pdftotext -layout) whose 一级 and 二级 cells are merged above: the line is
indented past both columns, but the row had one blank cell, so its name stood under 二级指标 and its value under 三级指标
— a false IN002 "指标“≥0.8万亩”未填写指标值" for each, a stale year in such a name unseen (CS005), and a unit cost lost
from a quantity × cost sum (a false IN015)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.ingest import Line
from budget_audit.parse import parse_file
from budget_audit.parse.blocks import Row, blocks

TABLE = [
    "项目名称          农村人居环境整治提升",
    "项目编码          43052124P0010005",
    "项目资金（元）    年度资金总额                  4,200,000.00",
    "                  其中：财政拨款                4,200,000.00",
    "                  其他资金                      0.00",
    "资金支出计划      3月底10%      6月底40%      10月底75%      12月底100%",
    "年度绩效目标      完成农村户厕改造1,500户，新建村级垃圾收集点60个。",
    "一级指标    二级指标            三级指标                        指标值",
    "产出指标    数量指标            农村户厕改造数量                ≥1500户",
    "                                2023年新建村级垃圾收集点        ≥60个",
    "            质量指标            改厕验收合格率                  ≥98%",
    "            成本指标            户厕改造补助标准                ≤2000元/户",
    "                                垃圾收集点建设单个成本          ≤2万元/个",
    "效益指标    社会效益指标        行政村生活垃圾收运处置覆盖率    =100%",
    "满意度指标  服务对象满意度指标  农户满意度                      ≥90%",
]


def _cells(rows: list[str]) -> list[list[str]]:
    return [[c.text for c in b.cells] for b in blocks([Line(i, t) for i, t in enumerate(rows, 1)]) if isinstance(b, Row)]


@pytest.mark.parametrize(("at", "cells"), [
    (9, ["", "", "2023年新建村级垃圾收集点", "≥60个"]),  # under 三级指标: its 一级 and 二级 cells merged above
    (10, ["", "质量指标", "改厕验收合格率", "≥98%"]),  # under 二级指标: one
    (12, ["", "", "垃圾收集点建设单个成本", "≤2万元/个"]),
    (3, ["", "其中：财政拨款", "4,200,000.00"]),  # under the funds' label: one
])
def test_an_indented_row_has_a_blank_cell_for_each_column_it_leaves_empty(at: int, cells: list[str]) -> None:
    assert _cells(TABLE)[at] == cells


def test_a_row_under_no_column_keeps_one_blank_cell() -> None:
    """Indented where no row above has a field: as before, one blank cell."""
    rows = ["一级指标    二级指标            三级指标                        指标值",
            "产出指标    数量指标            农村户厕改造数量                ≥1500户",
            "                      补充说明     ≥60个"]
    assert _cells(rows)[2] == ["", "补充说明", "≥60个"]


def test_the_indented_rows_are_read_as_the_printed_table(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("\n".join(["2024年部门预算公开说明", "", "七、绩效目标设置情况", "", "项目支出绩效目标表（一）", *TABLE, ""]),
                    encoding="utf-8")
    doc = parse_file(path)
    [project] = doc.projects
    assert [(i.level2, i.level3, i.value.raw) for i in project.indicators][:5] == [
        ("数量指标", "农村户厕改造数量", "≥1500户"), ("数量指标", "2023年新建村级垃圾收集点", "≥60个"),
        ("质量指标", "改厕验收合格率", "≥98%"), ("成本指标", "户厕改造补助标准", "≤2000元/户"),
        ("成本指标", "垃圾收集点建设单个成本", "≤2万元/个")]
    codes = [f.code for f in run_checks(doc)]
    assert "CS005" in codes  # 2023年 in a 2024 target
    assert "IN002" not in codes and "IN015" not in codes  # 1500 × 2000元 + 60 × 2万元 = 420万元
