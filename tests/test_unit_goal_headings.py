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
