"""Project tables headed by the template's title and their number after it (项目支出绩效目标表（2）, a reviewer's county
document), under a heading over them all (（二）项目支出绩效目标表): a false CS008 "表题与表内项目名称不一致" on every table
(the heading names no project, so nothing contradicts), the first table taken for the group heading's (its number 2:
every project one too high in messages) and the others numbered none."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file
from budget_audit.parse.blocks import project_heading


def _table(heading: str, name: str, serial: int) -> list[str]:
    return [
        heading,
        f"项目名称 | {name}",
        f"项目编码 | 37142826P2100010000{serial}",
        "年度资金总额（万元） | 80.00",
        "年度绩效目标 | 保障日常养护。",
        "一级指标 | 二级指标 | 三级指标 | 指标值",
        f"产出指标 | 数量指标 | {name}里程 | ≥{serial}0公里", "",
    ]


def _doc(tmp_path: Path, group: list[str], headings: tuple[str, str]) -> Disclosure:
    text = "\n".join([
        "2026年部门预算公开", "", "十二、绩效目标设置情况", "", *group,
        *_table(headings[0], "农村公路养护资金", 1), *_table(headings[1], "国省干线小修保养经费", 2),
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


@pytest.mark.parametrize("group", [["（二）项目支出绩效目标表", ""], []])
@pytest.mark.parametrize("headings", [("项目支出绩效目标表（1）", "项目支出绩效目标表（2）"),
                                      ("项目绩效目标表(一)", "项目绩效目标表(二)"),
                                      # a year beside the number, the template's 申报表 (a reviewer's: false CS008s)
                                      ("2026年项目支出绩效目标表（1）", "2026年项目支出绩效目标表（2）"),
                                      ("项目支出绩效目标表（1）（2026年度）", "项目支出绩效目标表（2）（2026年度）"),
                                      ("项目支出绩效目标申报表（1）", "项目支出绩效目标申报表（2）")])
def test_a_template_title_numbered_after_it(tmp_path: Path, group: list[str], headings: tuple[str, str]) -> None:
    doc = _doc(tmp_path, group, headings)
    assert [(p.seq, p.title, p.heading.span.line) for p in doc.projects] == [
        (1, "农村公路养护资金", 5 + len(group)), (2, "国省干线小修保养经费", 13 + len(group))]
    assert [f for f in run_checks(doc) if f.code == "CS008"] == []


def test_a_heading_naming_another_project_is_still_cs008(tmp_path: Path) -> None:
    doc = _doc(tmp_path, [], ("1.农村公路养护资金绩效目标表", "2.执法经费绩效目标表"))
    assert [f.lines for f in run_checks(doc) if f.code == "CS008"] == [(13, 14)]


@pytest.mark.parametrize("text", ["项目支出绩效目标表（2024）", "项目支出绩效目标表（单位：万元）"])
def test_a_year_or_a_unit_note_is_no_tables_number(text: str) -> None:
    assert project_heading(text, bare=True) is None


def test_a_projects_own_title_keeps_its_name() -> None:
    match = project_heading("执法经费绩效目标表（2）", bare=True)
    assert match is not None and match["title"] == "执法经费"

