"""A spending plan whose row of values has no label cell before them: a PDF's table written one cell a line (资金支出计划（%）,
3月底 … 12月底, then 20% … 100%, a reviewer's document), or a drawn row whose blank first cell was dropped (| 20% | 50% |
…). Its first value was taken for the row's label: every value one month early (3月底=45%, …), the last month none, and
IN010/IN012 named the wrong months."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file

MONTHS = ["3月底", "6月底", "10月底", "12月底"]


def _untabbed(tmp_path: Path, values: list[str], plan: list[str] | None = None) -> Disclosure:
    """A project table as pdftotext writes it without -layout: one cell a line, no tab before them; ``plan`` the cells
    after 资金支出计划（%） when not the months then ``values``."""
    text = "\n".join([
        "夏津县市场监督管理局2025年部门预算公开说明", "", "五、项目绩效目标情况", "",
        "1.食品安全抽检经费项目支出绩效目标表", "单位：元", "项目名称", "食品安全抽检经费",
        "项目编码", "37142725P31800100001", "预算数", "3,200,000.00", "其中：财政资金", "3,200,000.00", "其他资金", "0.00",
        "资金支出计划（%）", *([*MONTHS, *values] if plan is None else plan),
        "绩效目标", "全年完成食品安全监督抽检3200批次。",
        "一级指标", "二级指标", "三级指标", "指标值",
        "产出指标", "数量指标", "食品监督抽检批次", "≥3200批次",
        "满意度指标", "服务对象满意度指标", "群众食品安全满意度", "≥85%", "",
        "六、国有资产占用情况", "", "本局无单价20万元以上的设备。", "",
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def _drawn(tmp_path: Path, values_row: str) -> Disclosure:
    text = "\n".join([
        "某县2024年部门预算公开说明", "", "十一、预算绩效管理情况", "",
        "1.小型水库除险加固工程项目绩效目标表",
        "项目编码 | 41152624P003100010001",
        "项目名称 | 小型水库除险加固工程",
        "预算数 | 4,200,000.00 | 其中：财政资金 | 4,200,000.00 | 其他资金 | 0.00",
        "资金支出计划（%） | 3月底 | 6月底 | 10月底 | 12月底",
        values_row,
        "绩效目标 | 完成2座小型水库大坝防渗加固。",
        "一级指标 | 二级指标 | 三级指标 | 指标值",
        "产出指标 | 数量指标 | 除险加固小型水库数量 | =2座", "",
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def _plan(doc: Disclosure) -> list[tuple[str, str]]:
    return [(p.label, p.value.raw) for p in doc.projects[0].spending_plan]


def test_a_plan_written_one_cell_a_line(tmp_path: Path) -> None:
    doc = _untabbed(tmp_path, ["20%", "45%", "80%", "100%"])
    assert _plan(doc) == [("3月底", "20%"), ("6月底", "45%"), ("10月底", "80%"), ("12月底", "100%")]
    assert doc.projects[0].spending_plan[0].span.line == 22
    assert not [f for f in run_checks(doc) if f.code in ("IN010", "IN012")]


def test_its_findings_name_the_right_months(tmp_path: Path) -> None:
    findings = [f.message for f in run_checks(_untabbed(tmp_path, ["20%", "50%", "40%", "80%"])) if f.code in ("IN010", "IN012")]
    assert len(findings) == 2
    assert "10月底（40%）却低于6月底（50%）" in findings[0] and "12月底只到80%" in findings[1]


@pytest.mark.parametrize("values_row", [" | 20% | 50% | 80% | 100%", "20% | 50% | 80% | 100%",  # no label cell
                                        "累计进度 | 20% | 50% | 80% | 100%", "\t20%\t50%\t80%\t100%"])  # a label or a blank one
def test_a_drawn_row_of_values(tmp_path: Path, values_row: str) -> None:
    assert _plan(_drawn(tmp_path, values_row)) == [("3月底", "20%"), ("6月底", "50%"), ("10月底", "80%"), ("12月底", "100%")]


@pytest.mark.parametrize(("values", "plan"), [
    (["0", "45%", "40%", "100%"], [("3月底", "0"), ("6月底", "45%"), ("10月底", "40%"), ("12月底", "100%")]),
    (["20", "45", "80", "100"], [("3月底", "20"), ("6月底", "45"), ("10月底", "80"), ("12月底", "100")]),
    (["—", "45%", "80%", "100%"], [("3月底", "—"), ("6月底", "45%"), ("10月底", "80%"), ("12月底", "100%")]),
])
def test_a_first_value_without_its_percent_sign(tmp_path: Path, values: list[str], plan: list[tuple[str, str]]) -> None:
    """A first value of 0, a bare 20 or a dash under the months (a reviewer's): the plan was lost, and a planted drop
    from 45% to 40% went unreported."""
    doc = _untabbed(tmp_path, values)
    assert _plan(doc) == plan
    assert bool([f for f in run_checks(doc) if f.code == "IN010"]) is (values[2] == "40%")


def test_months_and_values_in_pairs_one_cell_a_line(tmp_path: Path) -> None:
    """3月底 / 25 / 6月底 / 50 / …: each month with its value after it (a reviewer's) — a bare value after one month was
    taken for a row of values: the plan read 3月底 25% alone and a false IN012 said it stopped there."""
    paired = _untabbed(tmp_path, [], plan=[c for m, v in zip(MONTHS, ["25", "50", "80", "100"], strict=True) for c in (m, v)])
    assert _plan(paired) == [("3月底", "25"), ("6月底", "50"), ("10月底", "80"), ("12月底", "100")]
    assert not [f for f in run_checks(paired) if f.code in ("IN010", "IN012")]


@pytest.mark.parametrize("values", [["5", "", "0%", "0%", "0%", "90%"], ["5", "0%", "0%", "0%", "90%"]])
def test_a_page_number_between_the_months_and_their_values(tmp_path: Path, values: list[str]) -> None:
    """A page's number alone (5) between the months and four values written with % (a reviewer's): it opened the row of
    values and took 3月底 — the plan read 3月底 5% alone, a false IN012 (只到5%), the real 12月底 90% lost."""
    doc = _untabbed(tmp_path, values)
    assert _plan(doc) == [("3月底", "0%"), ("6月底", "0%"), ("10月底", "0%"), ("12月底", "90%")]
    assert [f.message for f in run_checks(doc) if f.code == "IN012"] == [
        "项目“食品安全抽检经费”资金支出计划最后时点12月底只到90%，年底前未计划支出完毕：3月底0%、6月底0%、10月底0%、12月底90%"]


@pytest.mark.parametrize("values", [["0", "", "45%", "80%", "100%"], ["5", "", "45%", "80%", "100%"]])
def test_a_first_bare_value_before_fewer_percentages_is_the_first_months(tmp_path: Path, values: list[str]) -> None:
    """A bare first value with only three percentages after it is 3月底's: no page's number."""
    assert _plan(_untabbed(tmp_path, values))[0] == ("3月底", values[0])
