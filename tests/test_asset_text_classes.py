"""Asset classes stated in the text beside the total, with no table of them (截至…固定资产总额2,935.72万元，其中：
房屋1,820.00万元，车辆96.40万元，单价20万元以上设备118.00万元，其他固定资产901.32万元): they were not read, so RC014
could not check the assets at all (a reviewer's planted 784.20 → 748.20 went unseen)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.parse import parse_file


def _doc(tmp_path: Path, other: str) -> Path:
    text = "\n".join([
        "2025年单位预算公开说明", "", "七、国有资产占用情况", "",
        "截至2024年12月31日，本单位固定资产总额2,935.72万元，其中：房屋1,820.00万元（面积5,680平方米），"
        f"车辆4辆、价值96.40万元，单价20万元以上设备118.00万元（3台），其他固定资产{other}万元。2025年无拟购置固定资产计划。",
        "",
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("other", "gap"), [("901.32", None), ("910.32", "9.00万元")])
def test_the_classes_the_text_names_add_up_to_its_total(tmp_path: Path, other: str, gap: str | None) -> None:
    doc = parse_file(_doc(tmp_path, other))
    assert [(c.label, c.yuan) for c in doc.assets.classes] == [
        ("房屋", Decimal("18200000.00")), ("车辆", Decimal("964000.00")),
        ("单价20万元以上设备", Decimal("1180000.00")), ("其他固定资产", Decimal(other) * 10000)]
    found = [f.message for f in run_checks(doc) if f.code == "RC014"]
    assert [m.endswith(f"相差 {gap}") for m in found] == ([] if gap is None else [True])


@pytest.mark.parametrize("house", ["房屋5,680平方米、1,820.00万元", "房屋（5,680平方米）1,820.00万元"])
def test_a_class_whose_area_comes_before_its_value(tmp_path: Path, house: str) -> None:
    """The thousands comma of 5,680平方米 cut the part before the value: 房屋 was lost (a false RC014 error)."""
    path = _doc(tmp_path, "901.32")
    path.write_text(path.read_text(encoding="utf-8").replace("房屋1,820.00万元（面积5,680平方米）", house), encoding="utf-8")
    doc = parse_file(path)
    assert [c.label for c in doc.assets.classes] == ["房屋", "车辆", "单价20万元以上设备", "其他固定资产"]
    assert not [f for f in run_checks(doc) if f.code == "RC014"]


@pytest.mark.parametrize("equipment", ["单价20万元以上设备3台，价值118.00万元", "单价20万元以上设备3台，原值118.00万元"])
def test_a_class_whose_value_follows_a_comma(tmp_path: Path, equipment: str) -> None:
    """设备3台，价值118.00万元: the value's part names no class, the part before does (a reviewer's variant: a false
    RC014 error leaving the equipment out)."""
    path = _doc(tmp_path, "901.32")
    path.write_text(path.read_text(encoding="utf-8").replace("单价20万元以上设备118.00万元（3台）", equipment),
                    encoding="utf-8")
    doc = parse_file(path)
    assert [c.label for c in doc.assets.classes] == ["房屋", "车辆", "单价20万元以上设备", "其他固定资产"]
    assert not [f for f in run_checks(doc) if f.code == "RC014"]


def test_the_tables_total_stands_for_the_text_that_states_none(tmp_path: Path) -> None:
    """资产总额 | — | 6842.35 in the table, no total in the text: a false CP002 "未写明固定资产总额", and RC014 never ran."""
    text = "\n".join(["2025年单位预算公开说明", "七、国有资产占用情况", "截至2024年12月31日，本单位占用使用国有资产情况如下：",
                      "项目\t数量\t价值", "资产总额\t—\t6842.35", "房屋（平方米）\t12000\t3210.40", "车辆（辆）\t46\t812.55",
                      "单价20万元以上设备（台）\t28\t1106.80", "其他固定资产\t—\t1712.60", ""])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    assert doc.assets.total is not None and doc.assets.total.yuan == Decimal("68423500.00")
    assert not {"CP002", "RC014"} & {f.code for f in run_checks(doc) if "资产" in f.message}
    path.write_text(text.replace("1712.60", "1721.60"), encoding="utf-8")
    assert "RC014" in {f.code for f in run_checks(parse_file(path))}
