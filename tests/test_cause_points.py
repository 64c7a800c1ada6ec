"""A reason for a statement's changes together written as numbered points (增减变动的主要原因：一是…；二是…) explains the
items its points name: an item of the same kind that no point names has no reason (VA002 quotes the points). Before,
every change of the statement took the whole paragraph for its reason, and a 项目支出 down by a third beside points
about 人员经费 alone went as explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.parse.cause_points import left_out, named, pieces, points
from test_change_sides import CHANGE_LINE, PLAIN
from test_format_variants import rewrite
from test_sangong_enumerated import SANGONG_LINE, _table


def _va002(doc):  # noqa: ANN001, ANN202 - test helper
    return [f for f in run_checks(doc) if f.code == "VA002" and f.first_line < 228]


def test_points_that_speak_of_basic_spending_leave_the_projects_unexplained(sample_text: str, tmp_path: Path) -> None:
    cause = "增减变动的主要原因：一是人员经费增加，基本支出相应增加；二是单位职工调资。"
    doc = rewrite(sample_text, tmp_path, {CHANGE_LINE: f"{PLAIN}\n\n{cause}"})
    by_subject = {c.subject: c for c in doc.expenditure.changes}
    assert by_subject["基本支出"].reason is not None and by_subject["收支合计"].reason is not None
    assert by_subject["项目支出"].reason is None
    assert by_subject["项目支出"].left_out_of is not None
    (finding,) = _va002(doc)
    assert finding.message.startswith("项目支出较上年减少2090.87万元（32.5%），属重大变动；变动原因")
    assert "讲的是基本支出，没有说明本项" in finding.message
    assert CHANGE_LINE + 2 in finding.lines  # the line of the points, for the auditor to read


@pytest.mark.parametrize("second", [
    "二是天然气迎风度冬保障资金项目结束，项目支出相应减少。",  # names the projects
    "二是落实上级要求。",  # names no item: it may be any change's reason
])
def test_points_that_name_every_item_or_not_all_by_name_explain_them(
    sample_text: str, tmp_path: Path, second: str
) -> None:
    cause = f"增减变动的主要原因：一是人员经费增加；{second}"
    doc = rewrite(sample_text, tmp_path, {CHANGE_LINE: f"{PLAIN}\n\n{cause}"})
    assert all(c.reason is not None and c.left_out_of is None for c in doc.expenditure.changes)
    assert _va002(doc) == []


def test_a_reason_in_clauses_is_read_clause_by_clause(sample_text: str, tmp_path: Path) -> None:
    """增减变化原因：基本支出增加主要是…人员经费 names 基本支出 alone (a reviewer's planted defect went unseen); a clause
    naming no item (同时落实过紧日子要求) may be any change's reason."""
    doc = rewrite(sample_text, tmp_path, {CHANGE_LINE: f"{PLAIN}\n\n增减变化原因：基本支出增加主要是年度正常晋级晋档增加人员经费。"})
    assert [c.subject for c in doc.expenditure.changes if c.reason is None] == ["项目支出"]
    assert [f.message.split("；")[1][:4] for f in _va002(doc)] == ["变动原因"]
    doc = rewrite(sample_text, tmp_path, {CHANGE_LINE: f"{PLAIN}\n\n增减变动的主要原因：人员经费增加，同时落实过紧日子要求。"})
    assert all(c.reason is not None for c in doc.expenditure.changes)
    assert _va002(doc) == []


def test_sangong_points_that_leave_the_vehicles_out(sample_text: str, tmp_path: Path) -> None:
    left = _table("0.94").replace("上年购置公务用车1辆本年不再安排；严格控制公务接待费支出。",
                                   "一是严格控制公务接待费支出；二是公务接待标准下调。")
    doc = rewrite(sample_text, tmp_path, {SANGONG_LINE: left})
    unexplained = {f.message.split("较上年")[0] for f in run_checks(doc) if f.code == "VA002"}
    assert "公务用车购置及运维费" in unexplained or "公务用车购置费" in unexplained
    both = _table("0.94").replace("上年购置公务用车1辆本年不再安排；严格控制公务接待费支出。",
                                   "一是上年购置公务用车1辆本年不再安排；二是严格控制公务接待费支出。")
    doc = rewrite(sample_text, tmp_path, {SANGONG_LINE: both})
    assert [f for f in run_checks(doc) if f.code == "VA002" and SANGONG_LINE <= f.first_line] == []


@pytest.mark.parametrize("text", ["一是甲；二是乙。", "1.甲；2.乙", "（1）甲；（2）乙", "①甲；②乙", "其一，甲；其二，乙"])
def test_numbered_points(text: str) -> None:
    assert len(points(text)) == 2


def test_what_points_name() -> None:
    subjects = ["收支合计", "基本支出", "项目支出", "收入来源（政府性基金预算拨款收入）"]
    assert points("人员经费增加；项目减少。") == []
    assert pieces("人员经费增加；项目减少。") == ["人员经费增加", "项目减少"]
    assert named("一是调资；二是老旧小区改造资金增加", subjects) == ["基本支出", "项目支出"]
    assert left_out("一是调资；二是政府性基金收入增加", subjects) == {"项目支出"}  # the total is no kind's
    assert left_out("一是调资；二是新增专项", subjects) == set()
