"""负增长 is a decrease, of an amount (项目支出负增长2090.87万元) and of a rate (…减少2090.87万元，负增长42.5%): the amount
was read as an increase (a false RC011 error of 4,181.73万元) and the rate not at all (a wrong one went unseen)."""

from __future__ import annotations

from pathlib import Path

from budget_audit.checks import run_checks
from budget_audit.parse.changes import stated_changes
from test_format_variants import rewrite

LINE = 221
TOTAL = "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中：基本支出增加73.07万元，主要为人员经费支出增加；"
REASON = "主要为天然气迎风度冬保障资金项目支出减少。"


def _codes(sample_text: str, tmp_path: Path, project: str) -> list[str]:
    doc = rewrite(sample_text, tmp_path, {LINE: TOTAL + project + REASON})
    return [f.code for f in run_checks(doc) if LINE in f.lines and f.severity == "error"]


def test_a_negative_growth_amount_is_a_decrease(sample_text: str, tmp_path: Path) -> None:
    assert _codes(sample_text, tmp_path, "项目支出负增长2090.87万元，") == []
    (change,) = stated_changes("项目支出负增长2090.87万元。")
    assert (change.label, change.direction) == ("项目支出", -1)


def test_a_wrong_negative_growth_rate_is_rc018(sample_text: str, tmp_path: Path) -> None:
    assert _codes(sample_text, tmp_path, "项目支出减少2090.87万元，负增长42.5%，") == ["RC018"]
    (change,) = stated_changes("项目支出减少2090.87万元，负增长42.5%。")
    assert (str(change.percent.number), change.percent_direction) == ("42.5", -1)


def test_a_right_negative_growth_rate_is_quiet(sample_text: str, tmp_path: Path) -> None:
    assert _codes(sample_text, tmp_path, "项目支出减少2090.87万元，负增长32.5%，") == []
    assert _codes(sample_text, tmp_path, "项目支出负增长2090.87万元，同比负增长32.5%，") == []
    (change,) = stated_changes("基本支出增加73.07万元，增长3.3%。")
    assert (change.direction, change.percent_direction) == (1, 1)
