"""The unit-wide goals under a （一）单位整体绩效目标 heading (as many documents number it) are the
overall goals; they were not read at all, so a stale year in them (CS005) went unseen. An item
of a numbered list of goals (（九）促进对外贸易稳定增长。) is no such heading."""

from __future__ import annotations

from pathlib import Path

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file


def _doc(tmp_path: Path, goals: str) -> Disclosure:
    text = "\n".join([
        "临河县教育局2024年单位预算公开说明", "", "五、绩效目标设置情况", "",
        "（一）单位整体绩效目标", "", goals, "", "（二）项目支出绩效目标", "",
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def test_goals_under_a_bracketed_heading_are_the_overall_goals(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "2024年，我局重点做好以下工作：一是推进学前教育普及普惠；二是落实学生资助政策。")
    assert [t.text[:5] for t in doc.unit_goals.overall] == ["2024年"]
    assert [f.code for f in run_checks(doc) if f.code == "CS005"] == []


def test_a_stale_year_in_them_is_cs005(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "2024年，我局重点做好以下工作：一是完成2022年确定的学前教育普及普惠目标。")
    (finding,) = [f for f in run_checks(doc) if f.code == "CS005"]
    assert finding.lines == (7,) and "2022年" in finding.message


def test_an_item_of_a_list_of_goals_is_no_heading(sample_doc: Disclosure) -> None:
    """The sample's numbered goals （一）…（十） and measures （二）…（七） stay in their buckets; the
    heading （四）单位整体支出绩效指标 (line 357) over the indicator table is no longer one of the measures."""
    goals = sample_doc.unit_goals
    assert (len(goals.overall), len(goals.items), len(goals.measures)) == (12, 41, 7)
    assert goals.measures[-1].span.line == 356 and goals.measures[-1].text.startswith("（七）深入贯彻实施")


def _titled(tmp_path: Path, title: str) -> Disclosure:
    text = "\n".join([
        "清江县市场监督管理局2025年部门预算公开说明", "", title, "",
        "（一）食品安全抽检合格率保持在98%以上，不发生重大食品安全事故。", "",
        "（二）完成2023年度食品安全评价性抽检任务，抽检量达到每千人5批次。", "",
        "十一、项目绩效目标表", "",
    ])
    path = tmp_path / "titled.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def test_goals_directly_under_a_section_titled_for_them(tmp_path: Path) -> None:
    """十、部门整体绩效目标 over （一）…（四） with no sub-heading (a reviewer's 市场监管局): the goals were not read, and
    the stale 2023年度 in a 2025 budget went unreported."""
    doc = _titled(tmp_path, "十、部门整体绩效目标")
    assert [t.span.line for t in doc.unit_goals.overall] == [5, 7]
    assert [f.lines for f in run_checks(doc) if f.code == "CS005"] == [(7,)]


def test_paragraphs_directly_under_another_performance_title_are_no_goals(tmp_path: Path) -> None:
    assert _titled(tmp_path, "十、绩效预算信息").unit_goals.overall == []
