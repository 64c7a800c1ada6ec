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


def test_a_part_restated_on_a_comparable_basis_is_no_other_part(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """同口径比较，项目支出减少90.87万元 after the breakdown restates 项目支出's change on another basis: it was counted as a
    third part (a false RC011 error listing 项目支出 twice); a change of another item so stated still counts."""
    codes = ("RC011", "CP005", "VA002")
    restated = f"{_TOTAL}基本支出增加73.07万元，主要为人员经费支出增加；{_PROJECT}同口径比较，项目支出减少90.87万元，主要为疫情防控项目支出减少。"
    assert _findings(sample_text, tmp_path, restated, codes) == []
    plain = restated.replace("同口径比较，", "")
    assert [(code, severity) for code, severity, _ in _findings(sample_text, tmp_path, plain, codes)] == [("RC011", "error")]


def test_a_total_restated_on_a_comparable_basis_has_the_plain_changes_reason(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """剔除…因素后，同口径减少17.79万元 / 剔除…因素，同口径比较减少1817.79万元 restate the total's change, explained by its
    parts' reasons: a false CP005 (未说明原因) and a false VA002; unexplained, the plain change is the one reported."""
    codes = ("RC011", "CP005", "VA002")
    breakdown = f"基本支出增加73.07万元，主要为人员经费支出增加；{_PROJECT}"
    tichu = ("2023年预算收支安排6663.49万元，比上年预算数减少2017.79万元，剔除上年一次性安排的天然气迎风度冬保障资金2000万元"
             f"因素后，同口径减少17.79万元，其中：{breakdown}")
    assert _findings(sample_text, tmp_path, tichu, codes) == []
    tongkoujing = f"{_TOTAL}{breakdown}剔除机构改革划转因素，同口径比较减少1817.79万元。"
    assert _findings(sample_text, tmp_path, tongkoujing, codes) == []
    unexplained = "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元。剔除机构改革划转因素，同口径比较减少1817.79万元。"
    assert {(code, message.split("（")[0]) for code, _, message in _findings(sample_text, tmp_path, unexplained, codes)} == {
        ("VA002", "收支合计较上年减少2017.79万元"), ("VA002", "收支合计较上年减少1817.79万元")}


def test_a_parts_from_to_against_its_verb_is_one_error_not_two(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """项目支出由上年的6434.72万元增加到4343.85万元: RC012 reports the verb against the two figures; taken as their
    difference (减少2090.87万元) the parts make the total, so RC011's gap (4,181.73万元) is that same wrong verb — a note,
    not a second error. Written 减少到, nothing; with a basic change that does not add up either way, RC011's error."""
    codes = ("RC011", "RC012")
    line = f"{_TOTAL}基本支出增加{{}}万元，主要为人员经费支出增加；项目支出由上年的6434.72万元{{}}到4343.85万元，主要为天然气迎风度冬保障资金项目支出减少。"
    assert [(code, severity) for code, severity, _ in _findings(sample_text, tmp_path, line.format("73.07", "增加"), codes)
            ] == [("RC011", "info"), ("RC012", "error")]
    assert _findings(sample_text, tmp_path, line.format("73.07", "减少"), codes) == []
    assert [(code, severity) for code, severity, _ in _findings(sample_text, tmp_path, line.format("83.07", "增加"), codes)
            ] == [("RC011", "error"), ("RC012", "error")]


def test_a_breakdown_joined_by_commas_is_held_against_its_whole(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """其中：人员经费增加70.07万元，公用经费增加13万元 (each part with its reason or not) is 基本支出's breakdown as much as one
    joined by 、: its 83.07万元 against 73.07万元 was missed (only the 、-joined 公用经费 counted as listed)."""
    for parts in ("人员经费增加70.07万元，公用经费增加{}万元，主要为调整工资标准及取暖费标准提高",
                  "人员经费增加70.07万元，主要为调整工资标准，公用经费增加{}万元，主要为取暖费标准提高"):
        line = f"{_TOTAL}基本支出增加73.07万元，其中：{parts}；{_PROJECT}"
        [(_, severity, message)] = _findings(sample_text, tmp_path, line.format("13"))
        assert severity == "error" and message.startswith("所述基本支出变动 73.07万元 与其组成部分变动之和 83.07万元")
        assert _findings(sample_text, tmp_path, line.format("3")) == []


def test_a_part_named_alone_past_a_comma_is_no_breakdown(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """Without 其中 the parts are named, not listed as the breakdown (基本支出中人员经费增加70万元，公用经费增加…): nothing,
    as before."""
    line = f"{_TOTAL}基本支出增加73.07万元，基本支出中人员经费增加70.07万元，公用经费增加13万元，主要为调整工资标准；{_PROJECT}"
    assert _findings(sample_text, tmp_path, line) == []
