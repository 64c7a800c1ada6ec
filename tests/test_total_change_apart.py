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
