"""The total's change stated alone in an overview paragraph, its parts' changes in another section (收支预算总计…比2023年
增加4,711.47万元 in 一、收支预算总体情况; 与2023年相比，基本支出减少…；项目支出增加… under 三、支出预算情况): the total's
change was dropped — a reviewer's planted wrong percentage (RC018) and wrong part (RC011) went unseen."""

from __future__ import annotations

from pathlib import Path

from budget_audit.checks import run_checks
from test_format_variants import rewrite

OVERVIEW, CHANGES = 210, 221
PARTS = "与2022年相比，基本支出增加73.07万元，主要为人员经费支出增加；项目支出减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。"


def _doc(sample_text: str, tmp_path: Path, total: str = "2017.79", percent: str = "23.2%"):
    overview = f"2023年预算收支安排6663.49万元，较2022年预算减少{total}万元，下降{percent}，主要原因是天然气保障项目结束。"
    return rewrite(sample_text, tmp_path, {OVERVIEW: overview, CHANGES: PARTS})


def _found(doc) -> list[tuple[str, tuple[int, ...]]]:
    return [(f.code, f.lines) for f in run_checks(doc) if f.code in {"RC011", "RC018"} and OVERVIEW in f.lines]


def test_the_total_stated_apart_is_the_comparisons_total(sample_text: str, tmp_path: Path) -> None:
    doc = _doc(sample_text, tmp_path)
    assert [(c.subject, c.amount.span.line) for c in doc.expenditure.changes] == [
        ("收支合计", OVERVIEW), ("基本支出", CHANGES), ("项目支出", CHANGES)]
    assert _found(doc) == []


def test_a_total_stated_apart_that_its_parts_do_not_make_is_rc011(sample_text: str, tmp_path: Path) -> None:
    assert _found(_doc(sample_text, tmp_path, total="2027.79", percent="23.3%")) == [("RC011", (OVERVIEW, CHANGES))]


def test_a_wrong_percentage_of_the_total_stated_apart_is_rc018(sample_text: str, tmp_path: Path) -> None:
    assert _found(_doc(sample_text, tmp_path, percent="33.2%")) == [("RC018", (OVERVIEW, 217))]  # the total's line


BASIC = "基本支出2319.63万元，比上年增加73.07万元，主要为人员经费支出增加。"
PROJECT = "项目支出4343.85万元，比上年减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。"


def test_each_parts_change_in_a_paragraph_of_its_own(sample_text: str, tmp_path: Path) -> None:
    """基本支出's change in one paragraph, 项目支出's in the next, the total's in the overview: only one paragraph was
    read — a false RC011 error and a false VA002 on two reviewers' documents."""
    overview = "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，下降23.2%，主要原因是天然气保障项目结束。"
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: overview, CHANGES: f"{BASIC}\n\n{PROJECT}"})
    assert [(c.subject, c.amount.span.line) for c in doc.expenditure.changes] == [
        ("收支合计", OVERVIEW), ("基本支出", CHANGES), ("项目支出", CHANGES + 2)]
    assert _found(doc) == []
    assert not [f for f in run_checks(doc) if f.code in {"VA002", "CP005"} and CHANGES + 2 in f.lines]


def test_changes_of_functional_classes_are_no_changes_of_the_total(sample_text: str, tmp_path: Path) -> None:
    """包括：一般公共服务（类）支出471.92万元，…与上年相比增加29.64万元，增长6.70%…: each class's change was read as a change of
    收支合计 — four false RC018 errors on a reviewer's document — and the statement of classes taken for the comparison."""
    classes = ("2023年支出预算6663.49万元。包括：一般公共服务（类）支出5000.00万元，与上年相比增加100.00万元，增长2.04%；"
               "社会保障和就业（类）支出200.00万元，与上年相比增加10.00万元，增长5.26%；"
               "卫生健康（类）支出100.00万元，与上年相比增加5.00万元，增长5.26%；"
               "城乡社区（类）支出1363.49万元，与上年相比减少2132.79万元，下降61.01%。")
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: classes})
    assert [c.subject for c in doc.expenditure.changes] == ["收支合计", "基本支出", "项目支出"]
    assert not [f for f in run_checks(doc) if f.code in {"RC011", "RC018"} and OVERVIEW in f.lines]
