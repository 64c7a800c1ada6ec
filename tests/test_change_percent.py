"""RC018: the percentage written with a change (减少12.58万元，下降40%) against its amount over last year's figure,
and its direction against the change's."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.parse.changes import stated_changes
from test_format_variants import rewrite

OVERVIEW = 221
SANGONG = 229
_TOTAL_CHANGE = "与2022年相比减少12.58万元"
_RECEPTION = "公务接待费1.02万元减少0.08万元"


def _rc018(doc: Disclosure) -> list[tuple[str, tuple[int, ...], str | None, str | None]]:
    return [(f.message, f.lines, f.expected, f.actual) for f in run_checks(doc) if f.code == "RC018"]


def _sangong(sample_text: str, tmp_path: Path, old: str, new: str) -> Disclosure:
    return rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace(old, new)})


# ------------------------------------------------------------------ reading the percentage


@pytest.mark.parametrize(("text", "percent", "direction"), [
    ("“三公”经费比上年减少12.58万元，下降40%。", "40%", -1),
    ("基本支出增加73.07万元（同比增长3.3%），主要为人员经费增加。", "3.3%", 1),
    ("公务接待费减少0.08万元，降幅为7.84%。", "7.84%", -1),
    ("公务接待费减少0.08万元，与上年相比，下降7.8%。", "7.8%", -1),
    ("公务接待费由1.02万元减少到0.94万元，下降7.8%。", "7.8%", -1),
    ("机关运行经费增加30.5万元，增幅19.8%。", "19.8%", 1),
    ("机关运行经费增加30.5万元，增长率为19.8%。", "19.8%", 1),
    ("机关运行经费增加30.5万元，增长幅度为19.8%。", "19.8%", 1),
    ("机关运行经费增加30.5万元，比2022年增长19.8%。", "19.8%", 1),
    ("机关运行经费增加30.5万元，较上年度增长19.8%。", "19.8%", 1),
    ("机关运行经费增加30.5万元，与上年相比，增长19.8%。", "19.8%", 1),
    ("机关运行经费增加30.5万元，比上年同期增长19.8%。", "19.8%", 1),
    ("机关运行经费增加30.5万元、增长19.8%，主要用于…", "19.8%", 1),
    ("机关运行经费增加30.5万元，即增长19.8%。", "19.8%", 1),
    ("公务接待费减少0.08万元，下降比例为7.84%。", "7.84%", -1),
    ("公务接待费减少0.08万元，降幅：7.84%。", "7.84%", -1),
    ("公务接待费减少0.08万元，减幅高达7.84%。", "7.84%", -1),
    ("公务接待费减少0.08万元，变动幅度为7.84%。", "7.84%", 0),
])
def test_the_percentage_written_after_a_change_is_read(text: str, percent: str, direction: int) -> None:
    [change] = stated_changes(text, year=2023)
    assert (change.percent and change.percent.raw, change.percent_direction) == (percent, direction)


@pytest.mark.parametrize("text", [
    "“三公”经费比上年减少12.58万元，下降2个百分点。",  # percentage points: a difference of rates
    "“三公”经费比上年减少12.58万元，其中公务接待费下降8%。",  # another item's
    "“三公”经费比上年减少12.58万元，主要原因是差旅标准压减30%。",  # within the reason
    "“三公”经费比上年减少12.58万元。下降40%的原因是…",  # another sentence
    "“三公”经费比上年减少12.58万元，降幅在40%左右。",  # approximations
    "“三公”经费比上年减少12.58万元，下降40%多。",
    "“三公”经费比上年减少12.58万元，下降37%以上左右。",
    "“三公”经费比上年减少12.58万元，下调23.1%上下。",
    "“三公”经费比上年减少12.58万元，下降30%以上经费主要用于保障运转。",  # 以上 opens the next words
    "“三公”经费比上年减少12.58万元，下调32.6%以下几个方面原因：…",
    "“三公”经费比上年减少12.58万元，下降45%以内容为准。",
    "公务接待费和因公出国（境）费共减少0.08万元，下降7.84%。",  # items joined: not one item's percentage
    "人员经费与公用经费合计增加73.07万元，增长3.25%。",
    "“三公”经费比上年减少12.58万元，下降百分之四十。",
])
def test_no_percentage_of_the_change(text: str) -> None:
    assert [c.percent for c in stated_changes(text, year=2023)][0] is None


# ------------------------------------------------------------------ RC018 fires …


@pytest.mark.parametrize(("text", "percent", "bound"), [
    ("“三公”经费比上年减少12.58万元，下降37%以上。", "37%", "以上"),
    ("“三公”经费比上年减少12.58万元，降幅达37% 以上。", "37%", "以上"),
    ("机关运行经费增加30.5万元，增长20%以内。", "20%", "以内"),
    ("机关运行经费增加30.5万元，增幅为20%以下。", "20%", "以下"),
    ("机关运行经费增加30.5万元，增长19.8%。", "19.8%", ""),
    ("“三公”经费比上年减少12.58万元，下降37%以 上。", "37%", "以上"),
    ("“三公”经费比上年减少12.58万元，下降35%（含）以上，主要是…", "35%", "（含）以上"),
    ("“三公”经费比上年减少12.58万元，下降35%及以上", "35%", "及以上"),
    ("“三公”经费比上年减少12.58万元（下降45%之内）", "45%", "之内"),
    ("“三公”经费比上年减少12.58万元，下降42%有余，主要是…", "42%", "有余"),
    ("“三公”经费比上年减少12.58万元，降低59.26%以上（其中：…）", "59.26%", "以上"),
])
def test_a_percentage_written_as_a_bound_is_read_with_it(text: str, percent: str, bound: str) -> None:
    [change] = stated_changes(text, year=2023)
    assert (change.percent and change.percent.raw, change.percent_bound) == (percent, bound)


def test_a_percentage_that_does_not_match_the_amount_and_the_worked_out_prior(sample_text: str, tmp_path: Path) -> None:
    """“三公”经费 18.84 this year, 减少12.58 → last year 31.42, 40.04%: 下降30% is reported with its line."""
    doc = _sangong(sample_text, tmp_path, _TOTAL_CHANGE, _TOTAL_CHANGE + "，下降30%")
    assert _rc018(doc) == [(
        "“三公”经费合计所述减少 12.58万元，上年数 31.42万元（由本年数 18.84万元推算），折合变动幅度 40.04%，"
        "而文中写下降 30%，两者不符", (SANGONG,), "40.04%", "30%")]


def test_a_percentage_that_does_not_match_a_written_prior(sample_text: str, tmp_path: Path) -> None:
    doc = _sangong(sample_text, tmp_path, _RECEPTION, _RECEPTION + "（下降8.8%）")
    assert [m for m, *_ in _rc018(doc)] == [
        "“公务接待费”所述减少 0.08万元，上年数 1.02万元（文中写明），折合变动幅度 7.84%，而文中写下降 8.8%，两者不符"]


@pytest.mark.parametrize(("written", "severity"), [("下降23.2%", "info"), ("下降25%", "error")])
def test_a_percentage_fitting_this_years_figure_beside_a_wrong_written_prior(written: str, severity: str,
                                                                           sample_text: str, tmp_path: Path) -> None:
    """较2022年预算8581.28万元减少2017.79万元，下降23.2% (this year 6663.49): the written last year's figure is off by 100
    (RC012's error); the percentage fits this year's figure and the change — a note, not a second error (a reviewer's).
    A percentage that fits neither stays an error."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: lambda t: t.replace(
        "较2022年预算减少2017.79万元", f"较2022年预算8581.28万元减少2017.79万元，{written}")})
    found = {f.code: f for f in run_checks(doc) if f.code in {"RC012", "RC018"} and OVERVIEW in f.lines}
    assert found["RC012"].severity == "error" and found["RC018"].severity == severity
    if severity == "info":
        assert "按本年数 6,663.49万元 推算，上年数为 8,681.28万元，所写幅度与之相符" in found["RC018"].message


def test_a_percentage_of_this_years_figure_instead_of_last_years(sample_text: str, tmp_path: Path) -> None:
    """2017.79 ÷ 6663.49 = 30.3%: the share of this year's figure, not of last year's 8681.28 (23.24%)."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: lambda t: t.replace("减少2017.79万元", "减少2017.79万元，下降30.3%")})
    assert [(e, a) for _, _, e, a in _rc018(doc)] == [("23.24%", "30.3%")]


def test_a_percentage_without_a_direction_is_held_to_the_amount(sample_text: str, tmp_path: Path) -> None:
    doc = _sangong(sample_text, tmp_path, _TOTAL_CHANGE, _TOTAL_CHANGE + "，变动幅度为30%")
    assert [m for m, *_ in _rc018(doc)] == [
        "“三公”经费合计所述减少 12.58万元，上年数 31.42万元（由本年数 18.84万元推算），折合变动幅度 40.04%，"
        "而文中写变动 30%，两者不符"]
    (tmp_path / "quiet").mkdir()
    assert _rc018(_sangong(sample_text, tmp_path / "quiet", _TOTAL_CHANGE, _TOTAL_CHANGE + "，变动幅度为40%")) == []


def test_a_percentage_in_the_other_direction(sample_text: str, tmp_path: Path) -> None:
    doc = _sangong(sample_text, tmp_path, _TOTAL_CHANGE, _TOTAL_CHANGE + "，增长40%")
    assert [m for m, *_ in _rc018(doc)] == ["“三公”经费合计所述减少 12.58万元，变动幅度却写为增长 40%，增减方向相反，自相矛盾"]


@pytest.mark.parametrize(("written", "actual"), [
    ("下降45%以上", "45%以上"),  # 40.04% is not at least 45%
    ("下降30%以内", "30%以内"),  # nor at most 30%
    ("下降30%以下", "30%以下"),
    ("下降39%以下", "39%以下"),  # 40.04% is over 39%, however 39% was rounded or cut off
    ("下降41%以上", "41%以上"),  # a bound is the share rounded, not rounded up: 40.04% is not 41% or more
    ("下降40.2%以上", "40.2%以上"),
    ("下降42%有余", "42%有余"),
    ("下降35%（含）以下", "35%（含）以下"),
])
def test_a_bound_the_share_is_on_the_wrong_side_of(written: str, actual: str, sample_text: str,
                                                    tmp_path: Path) -> None:
    doc = _sangong(sample_text, tmp_path, _TOTAL_CHANGE, f"{_TOTAL_CHANGE}，{written}")
    assert _rc018(doc) == [(
        "“三公”经费合计所述减少 12.58万元，上年数 31.42万元（由本年数 18.84万元推算），折合变动幅度 40.04%，"
        f"而文中写下降 {actual}，两者不符", (SANGONG,), "40.04%", actual)]


# ------------------------------------------------------------------ … and keeps quiet


@pytest.mark.parametrize("written", ["下降37%以上", "下降40%以上", "下降40.0%以上", "下降45%以内", "下降40%以下",
                                     "下降40.0%以下", "降幅在40%左右", "下降30%多", "下降30%以上经费主要用于保障运转"])
def test_a_bound_the_share_keeps_to_is_not_reported(written: str, sample_text: str, tmp_path: Path) -> None:
    """40.04%: at least 37% and 40% (the share rounded), at most 45% and 40% (within half the last digit);
    approximations and a 以上 opening the next words are not read."""
    assert _rc018(_sangong(sample_text, tmp_path, _TOTAL_CHANGE, f"{_TOTAL_CHANGE}，{written}")) == []



@pytest.mark.parametrize(("old", "new"), [
    (_TOTAL_CHANGE, _TOTAL_CHANGE + "，下降40%"),
    (_TOTAL_CHANGE, _TOTAL_CHANGE + "，下降40.04%"),
    (_TOTAL_CHANGE, _TOTAL_CHANGE + "，下降40.0%"),
    (_RECEPTION, _RECEPTION + "（下降7.8%）"),
    (_RECEPTION, _RECEPTION + "，降幅为7.84%"),
    (_TOTAL_CHANGE, _TOTAL_CHANGE + "，下降2个百分点"),
])
def test_a_matching_percentage_is_not_reported(old: str, new: str, sample_text: str, tmp_path: Path) -> None:
    assert _rc018(_sangong(sample_text, tmp_path, old, new)) == []


@pytest.mark.parametrize("change", ["增加73.07万元，增长3.25%", "增加73.07万元，增长3.2%", "增加73.07万元，增长3.3%"])
def test_rounded_or_cut_off_percentages_are_not_reported(change: str, sample_text: str, tmp_path: Path) -> None:
    """73.07 ÷ 2246.56 = 3.2525%: 3.3% rounded, 3.2% cut off."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: lambda t: t.replace("增加73.07万元", change)})
    assert _rc018(doc) == []


def test_an_approximate_change_is_not_held_to_its_percentage(sample_text: str, tmp_path: Path) -> None:
    doc = _sangong(sample_text, tmp_path, _TOTAL_CHANGE, "与2022年相比减少约12万元，下降30%")
    assert _rc018(doc) == []


def test_the_sample_has_no_rc018(sample_doc: Disclosure) -> None:
    assert _rc018(sample_doc) == []
