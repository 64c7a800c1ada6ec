"""Fixed-asset tables as county documents write them (a reviewer's 档案馆 documents): the unit stated over the table
rather than in its header, and bars between the cells only with one-character cells. A table in 元 was read in 万元 —
a false RC014 error of 9,861,151.35万元 on a table that adds up — and rows such as 资产总额 | — | 1,338.65 were read as
paragraphs, so a wrong total went unseen."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.parse import parse_file

_ROWS = [("资产总额", "—", "{total}"), ("1.房屋（平方米）", "6,820", "9,862,400.00"),
         ("其中：办公用房（平方米）", "1,260", "1,822,000.00"), ("2.车辆（辆）", "1", "186,000.00"),
         ("3.单价在20万元以上的设备（台）", "3", "968,000.00"), ("4.其他固定资产", "—", "1,370,130.00")]


def _doc(tmp_path: Path, unit: str, bar: str, total: str) -> Path:
    lead = "截至2025年12月31日，本单位固定资产占用情况如下"
    above = [lead + "（单位：元）。"] if unit == "paragraph" else [lead + "。", "单位：元"]
    rows = [bar.join(("项目", "数量", "价值"))] + [bar.join(row).format(total=total) for row in _ROWS]
    text = "\n".join(["某县档案馆2026年单位预算公开情况说明", "", "七、国有资产占用情况", *above, "", *rows, ""])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("bar", ["\t", " | "], ids=["tabs", "bars between cells"])
@pytest.mark.parametrize("unit", ["paragraph", "line"], ids=["（单位：元） in the paragraph", "单位：元 on a line"])
def test_an_asset_table_in_yuan_stated_over_it(tmp_path: Path, unit: str, bar: str) -> None:
    doc = parse_file(_doc(tmp_path, unit, bar, "12,386,530.00"))
    assert doc.assets.table_total is not None and doc.assets.table_total.yuan == Decimal("12386530.00")
    assert [c.yuan for c in doc.assets.classes] == [Decimal(v[2].replace(",", "")) for v in _ROWS if v[0][0].isdigit()]
    assert [f.message for f in run_checks(doc) if f.code == "RC014"] == []
    wrong = parse_file(_doc(tmp_path, unit, bar, "12,486,530.00"))
    assert [f.message.rsplit("相差", 1)[1].strip() for f in run_checks(wrong) if f.code == "RC014"] == ["10.00万元"]


def test_rows_with_bars_between_one_character_cells(tmp_path: Path) -> None:
    """资产总额 | — | 1,338.65: the bars were counted without overlap, so "额 | —" took the dash and one bar was found —
    the row was read as a paragraph, and the total with it."""
    path = tmp_path / "doc.txt"
    path.write_text("\n".join(["某县档案馆2026年单位预算公开情况说明", "", "七、国有资产占用情况", "固定资产情况如下。", "",
                               "项目 | 数量 | 价值", "资产总额 | — | 1,338.65", "1.房屋（平方米） | 6,820 | 986.24",
                               "2.车辆（辆） | 1 | 18.60", "3.单价在20万元以上的设备（台） | 3 | 96.80",
                               "4.其他固定资产 | — | 137.01", ""]), encoding="utf-8")
    doc = parse_file(path)
    assert doc.assets.table_total is not None and doc.assets.table_total.yuan == Decimal("13386500.00")
    assert len(doc.assets.classes) == 4
    assert [f.message.rsplit("相差", 1)[1].strip() for f in run_checks(doc) if f.code == "RC014"] == ["100.00万元"]


def test_a_countys_name_after_the_compilers_label_is_no_unit(tmp_path: Path) -> None:
    """编制单位：元谋县… over the table read as 单位：元 — a table in 万元 read in 元, a false RC014 of 969.43万元 (a
    reviewer's attack: 元谋县, 元氏县 are counties)."""
    path = tmp_path / "doc.txt"
    path.write_text("\n".join(["元谋县档案馆2026年单位预算公开情况说明", "", "七、国有资产占用情况",
                               "截至2025年12月31日，本单位固定资产总额1,338.65万元。", "编制单位：元谋县档案馆", "",
                               "项目 | 数量 | 价值", "资产总额 | — | 1,338.65", "1.房屋（平方米） | 6,820 | 986.24",
                               "2.车辆（辆） | 1 | 18.60", "3.单价在20万元以上的设备（台） | 3 | 96.80",
                               "4.其他固定资产 | — | 237.01", ""]), encoding="utf-8")
    doc = parse_file(path)
    assert doc.assets.table_total is not None and doc.assets.table_total.yuan == Decimal("13386500.00")
    assert [f.code for f in run_checks(doc) if f.code == "RC014"] == []


@pytest.mark.parametrize(("text", "unit"), [
    ("单位：元人民币", "元"), ("金额单位：万元以下同", "万元"), ("单位：元整", "元"), ("单位：亿元人民币", "亿元"),
    ("单位：万元，下同", "万元"), ("（单位：元）", "元"), ("编制单位：元谋县档案馆", None), ("填报单位：元氏县发展和改革局", None),
])
def test_the_unit_a_line_states(text: str, unit: str | None) -> None:
    """单位：元谋县… is no unit; 单位：元人民币, 万元以下同, 元整 are (the first guard against counties refused them: a
    reviewer's attack — an asset table in 元 read in 万元)."""
    from budget_audit.parse.figures import MONEY_UNIT_RE

    found = MONEY_UNIT_RE.search(text)
    assert (found["unit"] if found else None) == unit
