"""RC011 (a total's stated change against the sum of its parts' stated changes) on breakdowns a reviewer found
misread: a part given by its rate alone, a part restated on a comparable basis (同口径), a part whose 由…到 contradicts
its verb, and a breakdown after 其中： joined by ，."""

from __future__ import annotations

from budget_audit.checks import run_checks
from test_format_variants import rewrite

_TOTAL = "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中："
_PROJECT = "项目支出减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。"


def _findings(sample_text: str, tmp_path, line: str, codes: tuple[str, ...] = ("RC011",)) -> list[tuple[str, str, str]]:  # noqa: ANN001
    doc = rewrite(sample_text, tmp_path, {221: line})
    return [(f.code, f.severity, f.message) for f in run_checks(doc) if f.code in codes and 221 in f.lines]


def test_a_part_stated_by_its_rate_alone_makes_the_gap_a_note(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """其中：基本支出增长3.3%，…；项目支出减少2090.87万元: the parts' sum lacks 基本支出's change, written as a rate only —
    it gave a false RC011 error (相差 73.08万元); the gap is likely that part's change: a note naming it."""
    [(_, severity, message)] = _findings(sample_text, tmp_path, f"{_TOTAL}基本支出增长3.3%，主要为人员经费支出增加；{_PROJECT}")
    assert severity == "info"
    assert message.endswith("文中称“基本支出增长3.3%”，未写明该项的变动额，差额可能就是该项的变动，请核实")
    # a rate the other way than the gap (基本支出下降3.3% for +73.08万元) is not the change the sum lacks: the error stays
    [(_, severity, _)] = _findings(sample_text, tmp_path, f"{_TOTAL}基本支出下降3.3%，主要为人员经费支出减少；{_PROJECT}")
    assert severity == "error"


def test_a_rate_of_a_part_of_a_stated_part_leaves_the_error(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """人员经费同比增长5.2% is a part of 基本支出, whose change is stated: not the change the sum lacks — a gap stays an error;
    with parts that add up, nothing."""
    line = f"{_TOTAL}基本支出增加{{}}万元，人员经费同比增长5.2%；{_PROJECT}"
    [(_, severity, _)] = _findings(sample_text, tmp_path, line.format("83.07"))
    assert severity == "error"
    assert _findings(sample_text, tmp_path, line.format("73.07")) == []

