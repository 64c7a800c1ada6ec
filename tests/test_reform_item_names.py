"""The 2020 reform's names of 基本支出's parts in stated changes: 人员类项目(经费) is 人员经费 and
运转类公用项目(经费) is 公用经费 — as the figures of the sample's own overview are read — not
项目支出, although their names hold 项目. 运转类其他项目 and 特定目标类项目 stay 项目支出."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.parse.changes import stated_changes
from budget_audit.parse.summary import _expenditure_subject
from test_format_variants import rewrite

OVERVIEW = 221
_HEAD = "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中："
_PROJECTS = "项目支出减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。"


def _read(doc: Disclosure) -> list[tuple[str, int, str, str | None]]:
    return [(c.subject, c.direction, str(c.amount.value.number), c.parent) for c in doc.expenditure.changes]


def _codes(doc: Disclosure, line: int) -> list[str]:
    return sorted(f.code for f in run_checks(doc) if line in f.lines)


def _messages(doc: Disclosure, code: str) -> list[str]:
    return [f.message for f in run_checks(doc) if f.code == code]


@pytest.mark.parametrize("parts", [
    "人员类项目经费增加70万元，运转类公用项目经费增加3.07万元",
    "人员类项目经费增加70万元、运转类公用项目经费增加3.07万元",
])
def test_reform_names_in_basic_expenditures_breakdown_are_its_parts(parts: str, sample_text: str,
                                                                    tmp_path: Path) -> None:
    """基本支出增加73.07万元，其中人员类项目经费增加70万元，运转类公用项目经费增加3.07万元: the two are 基本支出's
    breakdown. They were read as changes of 项目支出 (a false RC011 of 收支合计 off by 3.06万元, and CP005s naming
    项目支出 for 70万元 and 3.07万元)."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: f"{_HEAD}基本支出增加73.07万元，其中{parts}；{_PROJECTS}"})
    assert _read(doc) == [("收支合计", -1, "2017.79", None), ("基本支出", 1, "73.07", None),
                          ("人员经费", 1, "70", "基本支出"), ("公用经费", 1, "3.07", "基本支出"),
                          ("项目支出", -1, "2090.87", None)]
    assert "RC011" not in _codes(doc, OVERVIEW)
    assert not [m for m in _messages(doc, "CP005") if "项目支出" in m]


def test_reform_names_whose_sum_is_off_are_held_against_basic_expenditure(sample_text: str,
                                                                          tmp_path: Path) -> None:
    """The same breakdown adding up to 83.07万元 against 基本支出's 73.07万元: RC011 names 基本支出 and its two
    parts by their published names."""
    parts = "人员类项目经费增加80万元、运转类公用项目经费增加3.07万元"
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: f"{_HEAD}基本支出增加73.07万元，其中{parts}；{_PROJECTS}"})
    assert [m for m in _messages(doc, "RC011") if "基本支出" in m] == [
        "所述基本支出变动 73.07万元 与其组成部分变动之和 83.07万元（人员经费增加80万元、公用经费增加3.07万元）不符，"
        "相差 10.00万元"]


def test_reform_names_without_basic_expenditures_change_stand_for_it(sample_text: str, tmp_path: Path) -> None:
    """No change of 基本支出 stated, only of its parts under the reform's names, beside 运转类其他及特定目标类项目支出
    (the sample's name of 项目支出): the three add up to the total's change (−2017.80 within rounding of −2017.79).
    Before, all three were 项目支出's, and two CP005s named 项目支出."""
    text = (f"{_HEAD}人员类项目经费增加70万元，运转类公用项目经费增加3.07万元；"
            "运转类其他及特定目标类项目支出减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。")
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: text})
    assert _read(doc) == [("收支合计", -1, "2017.79", None), ("人员经费", 1, "70", None),
                          ("公用经费", 1, "3.07", None), ("项目支出", -1, "2090.87", None)]
    assert "RC011" not in _codes(doc, OVERVIEW)
    assert not [m for m in _messages(doc, "CP005") if "项目支出" in m]


@pytest.mark.parametrize(("label", "subject"), [
    ("人员类项目经费", "人员经费"),
    ("人员类项目", "人员经费"),
    ("运转类公用项目经费", "公用经费"),
    ("运转类公用项目", "公用经费"),
    # neighbours: project spending by the reform's other names, and names in brackets
    ("运转类其他及特定目标类项目支出", "项目支出"),
    ("特定目标类项目经费", "项目支出"),
    ("运转类其他项目", "项目支出"),
    ("项目支出（含人员经费）", "项目支出"),
    ("项目支出", "项目支出"),
    ("人员类和运转类公用项目经费", "基本支出"),  # both parts
    # projects whose names hold 人员 or 公用 (a first version filed them under 人员经费 and 公用经费)
    ("基层人员培训项目支出", "项目支出"),
    ("人员密集场所消防安全整治项目", "项目支出"),
    ("公用事业发展补助项目支出", "项目支出"),
    ("除人员经费和公用经费以外的项目支出", "项目支出"),
    ("公用经费项目以外的特定目标类项目支出", "项目支出"),
    ("运转类公用经费", "公用经费"),
    # unchanged: 基本 first, then 人员/公用
    ("基本支出中人员类项目经费", "基本支出"),
    ("人员经费", "人员经费"),
    ("公用经费", "公用经费"),
    ("人员经费和公用经费", "人员经费"),
])
def test_expenditure_subjects_of_labels(label: str, subject: str) -> None:
    assert _expenditure_subject(label) == subject


@pytest.mark.parametrize("project", ["人员密集场所消防安全整治项目支出", "基层人员培训项目支出", "公用事业发展补助项目支出",
                                     "除人员经费和公用经费以外的项目支出"])
def test_projects_whose_names_hold_renyuan_or_gongyong_stay_project_spending(project: str, sample_text: str,
                                                                              tmp_path: Path) -> None:
    """A first version read any label with 人员 or 公用 beside 项目 as 人员经费 or 公用经费 (a reviewer's 90 variants:
    VA002s of 人员经费/公用经费 较上年减少2090.87万元); only the reform's names are 基本支出's parts."""
    text = (f"{_HEAD}基本支出增加73.07万元，主要为人员经费支出增加；{project}减少2090.87万元，"
            "主要为天然气迎风度冬保障资金项目支出减少。")
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: text})
    assert [c.subject for c in doc.expenditure.changes] == ["收支合计", "基本支出", "项目支出"]


@pytest.mark.parametrize("project", ["项目支出（含人员经费）", "项目支出（不含人员类、运转类公用项目）", "项目支出(包括特定目标类项目)"])
def test_a_note_in_brackets_after_the_name_is_part_of_it(project: str, sample_text: str, tmp_path: Path) -> None:
    """项目支出（含人员经费）减少2090.87万元: the brackets broke the change's words, which then named nothing — a change
    of the total (a false RC011 of 收支合计 and a second VA001 of it)."""
    text = (f"{_HEAD}基本支出增加73.07万元，主要为人员经费支出增加；{project}减少2090.87万元，"
            "主要为天然气迎风度冬保障资金项目支出减少。")
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: text})
    assert [c.subject for c in doc.expenditure.changes] == ["收支合计", "基本支出", "项目支出"]
    assert "RC011" not in _codes(doc, OVERVIEW)


@pytest.mark.parametrize(("text", "labels"), [
    ("公务用车购置及运维费（不含车辆保险）减少17.9万元", ["公务用车购置及运维费（不含车辆保险）"]),
    ("因公出国（境）费减少1万元", ["因公出国（境）费"]),
    ("项目支出（含人员经费增加5万元）减少20万元", ["含人员经费", ""]),  # a change in the brackets: no note
])
def test_labels_with_brackets(text: str, labels: list[str]) -> None:
    assert [c.label for c in stated_changes(text, year=2023)] == labels


_PROJECTS_BREAKDOWN = "项目支出减少2090.87万元，其中运转类其他项目支出减少1200.50万元、特定目标类项目支出减少{second}万元。"


def test_kinds_of_project_spending_after_its_change_are_its_breakdown(sample_text: str, tmp_path: Path) -> None:
    """运转类其他项目支出 and 特定目标类项目支出 after 项目支出's change are its parts, by their own names: before, both were
    more changes of 项目支出 beside it (a false RC011 of 收支合计 off by 2090.88万元, and VA002s of 项目支出)."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: f"{_HEAD}基本支出增加73.07万元，主要为人员经费支出增加；"
                                                    + _PROJECTS_BREAKDOWN.format(second="890.37")})
    assert _read(doc)[2:] == [("项目支出", -1, "2090.87", None), ("运转类其他项目支出", -1, "1200.50", "项目支出"),
                              ("特定目标类项目支出", -1, "890.37", "项目支出")]
    assert "RC011" not in _codes(doc, OVERVIEW)


def test_kinds_of_project_spending_that_do_not_add_up_are_held_against_it(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: f"{_HEAD}基本支出增加73.07万元，主要为人员经费支出增加；"
                                                    + _PROJECTS_BREAKDOWN.format(second="800.37")})
    assert [m for m in _messages(doc, "RC011") if "“三公”" not in m] == [
        "所述项目支出变动 -2,090.87万元 与其组成部分变动之和 -2,000.87万元（运转类其他项目支出减少1200.50万元、"
        "特定目标类项目支出减少800.37万元）不符，相差 90.00万元"]


@pytest.mark.parametrize(("change", "rc012"), [
    ("增加73.07万元", []),  # 2062.17 + 73.07 = 2135.24, the published 人员经费
    ("增加74.07万元", ["“人员经费”上年数 2062.17万元 增加 74.07万元 应为 2,136.24万元，而本年公开数为 2,135.24万元"]),
])
def test_last_years_personnel_figure_under_the_reform_name(change: str, rc012: list[str], sample_text: str,
                                                            tmp_path: Path) -> None:
    """上一年度人员类项目经费2062.17万元，本年度人员类项目经费2135.24万元，较上年增加…: held to 人员经费's 2135.24 — it was
    held to 项目支出's 4343.85 (a reviewer's 20 false RC012s last stop)."""
    text = (f"{_HEAD}基本支出增加73.07万元，上一年度人员类项目经费2062.17万元，本年度人员类项目经费2135.24万元，较上年{change}；"
            + _PROJECTS)
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: text})
    assert _messages(doc, "RC012") == rc012
