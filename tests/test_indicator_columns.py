"""Indicator tables whose header row itself splits the value: 一级指标 | 二级指标 | 三级指标 |
指标方向 | 指标值 | 度量单位 (as several provinces print them). The operator and unit columns were
dropped: every value was a bare number (65 false IN002 "只有数字没有计量单位" and 10 IN006 on a
reviewer's document); 指标方向 may also be written 正向 / 反向 / 定性."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.parse import parse_file

HEADER = ["一级指标", "二级指标", "三级指标", "指标方向", "指标值", "度量单位"]
ROWS = [
    ["产出指标", "数量指标", "服务覆盖常住人口数", "≥", "240000", "人"],
    ["", "质量指标", "高血压患者规范管理率", "正向", "65", "%"],
    ["", "成本指标", "人均补助标准", "反向", "89", "元/人"],
    ["效益指标", "社会效益指标", "基层公共卫生服务能力", "定性", "持续提升", ""],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%"],
]


def _document(tmp_path: Path, *, rows_per_line: bool) -> Path:
    table = [HEADER, *ROWS]
    if rows_per_line:
        body = "\n".join("\t".join(row) for row in table)
    else:
        body = "\n\n".join("\n".join(f"\t{cell}" for cell in row) for row in table)
    text = "\n".join([
        "2025年部门预算公开说明", "五、绩效目标", "1.基本公共卫生服务补助资金绩效目标表",
        "\t单位：元", "", "\t项目名称", "\t基本公共卫生服务补助资金", "", "\t预算数", "\t14400000.00", "",
        body, "",
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("rows_per_line", [False, True], ids=["cell per line", "row per line"])
def test_the_operator_and_unit_columns_make_the_value(tmp_path: Path, rows_per_line: bool) -> None:
    doc = parse_file(_document(tmp_path, rows_per_line=rows_per_line))
    (project,) = doc.projects
    assert [i.value.raw for i in project.indicators] == ["≥240000人", "≥65%", "≤89元/人", "持续提升", "≥90%"]
    assert [(i.level1, i.level2) for i in project.indicators][:2] == [("产出指标", "数量指标"), ("产出指标", "质量指标")]
    codes = {f.code for f in run_checks(doc)}
    assert not codes & {"IN002", "IN006", "IN003"}
    assert "IN001" in codes  # 持续提升 is still a value in words
