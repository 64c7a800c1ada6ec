"""The budget unit's code and name in a project table written as other documents write it (a reviewer's documents): a
PDF's cells one a line (预算单位 / 318001夏津县市场监督管理局), label and value in one cell beside the money unit's
(单位名称：405012故城县人民医院⇥⇥⇥金额单位：元), a dash between code and name (601001-清溪县民政局). None was read: the
project tables named no unit (``--unit`` kept none of their findings, the units list was empty)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.model import Disclosure
from budget_audit.parse import parse_file


def _doc(tmp_path: Path, unit_lines: list[str], untabbed: bool = False) -> Disclosure:
    sep = "\n" if untabbed else "\t"
    rows = [f"项目编码{sep}13112624P40501200001{sep}项目名称{sep}64排CT设备购置",
            f"预算数{sep}12,000,000.00{sep}其中：财政资金{sep}5,000,000.00{sep}其他资金{sep}7,000,000.00",
            f"绩效目标{sep}完成64排CT设备采购并投入使用。",
            f"一级指标{sep}二级指标{sep}三级指标{sep}指标值",
            f"产出指标{sep}数量指标{sep}购置64排CT设备{sep}=1台"]
    text = "\n".join([
        "故城县人民医院2024年单位预算公开", "", "五、绩效目标设置情况", "",
        "（1）64排CT设备购置绩效目标表", *unit_lines, *rows, "",
        "六、国有资产占用情况", "", "本院无单价20万元以上的设备。", "",
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


@pytest.mark.parametrize(("unit_lines", "untabbed"), [
    (["单位：元", "预算单位", "405012故城县人民医院"], True),  # a PDF's cells one a line
    (["单位名称：405012故城县人民医院\t\t\t金额单位：元"], False),  # label and value in one cell
    (["预算单位：405012故城县人民医院\t金额单位：元"], False),
    (["预算单位\t405012-故城县人民医院"], False),  # a dash between code and name
    (["单位名称\t405012故城县人民医院\t金额单位\t元"], False),  # the usual layout, read as before
    (["405012故城县人民医院"], False),
])
def test_the_units_code_and_name(tmp_path: Path, unit_lines: list[str], untabbed: bool) -> None:
    doc = _doc(tmp_path, unit_lines, untabbed)
    assert doc.units() == [("405012", "故城县人民医院")]
    (project,) = doc.projects
    assert project.money_unit == "元" and project.code is not None and project.code.text == "13112624P40501200001"
    assert project.budget is not None and project.budget.value.yuan == 12000000 and len(project.indicators) == 1


def test_a_unit_note_on_the_names_line_is_no_part_of_it(tmp_path: Path) -> None:
    doc = _doc(tmp_path, ["预算单位：405012故城县人民医院　　金额单位：元"])
    assert doc.units() == [("405012", "故城县人民医院")]


def test_no_unit_without_a_code(tmp_path: Path) -> None:
    doc = _doc(tmp_path, ["单位名称：故城县人民医院\t\t\t金额单位：元"])
    assert doc.units() == [] and doc.projects[0].money_unit == "元"


def test_the_samples_units(sample_doc: Disclosure) -> None:
    assert sample_doc.units() == [("303001", "大厂回族自治县发展和改革局"),
                                  ("303004", "大厂回族自治县京唐城际铁路（大厂段）建设工作指挥部办公室")]
