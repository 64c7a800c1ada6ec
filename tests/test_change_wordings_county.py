"""Wordings of stated changes found in county disclosures: a part's funds listed after its change with 其中, last
year's figure in 与…的X万元相比, last year's figure beside an older year's — and the readings of a closing reason
and of a total's numbered reason that must hold (sharing the one and reading parts in the other were reverted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure, StatedChange
from budget_audit.parse.changes import stated_changes
from test_format_variants import rewrite

OVERVIEW = 221
RUNNING_COSTS = 225
SANGONG = 229
_TOTAL = "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，"


def _read(changes: list[StatedChange]) -> list[tuple[str, int, str, str | None]]:
    return [(c.subject, c.direction, str(c.amount.value.number), c.parent) for c in changes]


def _codes(doc: Disclosure, line: int) -> list[str]:
    return [f.code for f in run_checks(doc) if line in f.lines]


def _prior(change: StatedChange) -> str | None:
    return None if change.prior is None else str(change.prior.value.number)


def _reason(change: StatedChange) -> str | None:
    return None if change.reason is None else change.reason.text


# ------------------------------------------------------------------ 1. funds listed after a part's change

@pytest.mark.parametrize("opening", ["其中", "其中：", "其中，"])
def test_funds_listed_after_a_parts_change_are_that_parts(opening: str, sample_text: str, tmp_path: Path) -> None:
    """…，项目支出减少2090.87万元，其中全民大招商资金减少1000万元、天然气迎峰度冬保障资金减少1090.87万元: the funds are
    项目支出's parts (they were the total's, two false VA002s, and RC011 counted them among the total's parts)."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: _TOTAL + (
        f"其中基本支出增加73.07万元，项目支出减少2090.87万元，{opening}全民大招商资金减少1000万元、"
        "天然气迎峰度冬保障资金减少1090.87万元。")})
    assert _read(doc.expenditure.changes) == [
        ("收支合计", -1, "2017.79", None), ("基本支出", 1, "73.07", None), ("项目支出", -1, "2090.87", None),
        ("全民大招商资金", -1, "1000", "项目支出"), ("天然气迎峰度冬保障资金", -1, "1090.87", "项目支出")]
    codes = _codes(doc, OVERVIEW)
    assert "RC011" not in codes
    assert codes.count("VA002") <= 2  # the total's and 项目支出's, as before; none for the funds


def test_funds_listed_after_a_part_whose_sum_is_off_are_held_against_it(sample_text: str, tmp_path: Path) -> None:
    """The funds' changes are 项目支出's breakdown: RC011 holds them against 项目支出's change, not the total's."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: _TOTAL + (
        "其中基本支出增加73.07万元，项目支出减少2090.87万元，其中全民大招商资金减少1000万元、"
        "天然气迎峰度冬保障资金减少1000万元。")})
    found = [f for f in run_checks(doc) if f.code == "RC011" and OVERVIEW in f.lines]
    assert [f.message.split("变动")[0] for f in found] == ["所述项目支出"]


def test_funds_named_within_the_part_after_its_change_are_its_parts(sample_text: str, tmp_path: Path) -> None:
    """其中项目支出中全民大招商资金减少…、…: the same breakdown, its whole named (they were two more 项目支出 changes)."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: _TOTAL + (
        "其中基本支出增加73.07万元，项目支出减少2090.87万元，其中项目支出中全民大招商资金减少1000万元、"
        "天然气迎峰度冬保障资金减少1090.87万元。")})
    assert _read(doc.expenditure.changes)[3:] == [
        ("全民大招商资金", -1, "1000", "项目支出"), ("天然气迎峰度冬保障资金", -1, "1090.87", "项目支出")]
    assert "RC011" not in _codes(doc, OVERVIEW)


@pytest.mark.parametrize(("text", "expected"), [
    # a part's parts after its change
    ("基本支出增加73.07万元，其中人员经费增加70万元、公用经费增加3.07万元。",
     [("基本支出", 1, "73.07", None), ("人员经费", 1, "70", "基本支出"), ("公用经费", 1, "3.07", "基本支出")]),
    # an item beside the part, no part of it: no parent
    ("基本支出增加73.07万元，其中项目支出减少2090.87万元。",
     [("基本支出", 1, "73.07", None), ("项目支出", -1, "2090.87", None)]),
    # a fund named alone within 项目支出, no change of 项目支出's own: 项目支出's change (as before)
    ("项目支出中天然气迎风度冬保障资金减少2090.87万元。", [("项目支出", -1, "2090.87", None)]),
])
def test_neighbours_of_parts_listed_after_a_parts_change(text: str, expected: list, sample_text: str,
                                                        tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: _TOTAL + text})
    assert _read(doc.expenditure.changes)[1:] == expected


@pytest.mark.parametrize("parts", ["购置费减少18万元、运维费增加0.1万元", "公务用车购置费减少18万元、公务用车运维费增加0.1万元"])
def test_the_vehicles_breakdown_after_its_change_is_the_vehicles(parts: str, sample_text: str, tmp_path: Path) -> None:
    """…，其中公务用车购置及运维费减少17.9万元，其中购置费减少18万元、运维费增加0.1万元；…: parts of the vehicles' change
    (they were the total's, a false RC011)."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: (
        "2023年，我局财政拨款“三公”经费预算安排13.44万元，比上年减少17.98万元，其中公务用车购置及运维费减少17.9万元，"
        f"其中{parts}；公务接待费减少0.08万元。")})
    assert [(c.subject, c.parent) for c in doc.sangong.changes] == [
        ("“三公”经费合计", None), ("公务用车购置及运维费", None), ("公务用车购置费", "公务用车购置及运维费"),
        ("公务用车运维费", "公务用车购置及运维费"), ("公务接待费", None)]
    assert "RC011" not in _codes(doc, SANGONG)


def test_a_totals_breakdown_after_its_change_stays_the_totals(sample_text: str, tmp_path: Path) -> None:
    """较2022年预算减少…，其中基本支出…、项目支出…: the total's parts, not parts of anything else."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: _TOTAL + "其中基本支出增加73.07万元、项目支出减少2090.87万元。"})
    assert _read(doc.expenditure.changes) == [
        ("收支合计", -1, "2017.79", None), ("基本支出", 1, "73.07", None), ("项目支出", -1, "2090.87", None)]


# ------------------------------------------------------------------ 2. 与2022年的X万元相比，减少…

@pytest.mark.parametrize("compared", [
    "与2022年的194.4万元相比，", "与2022年的194.4万元相比", "与上年的194.4万元相比，", "同2022年的194.4万元相比，",
    "较2022年的194.4万元，", "比2022年的194.4万元", "与2022年相比，上年194.4万元，",
    # 较/比 … 相比, as counties write it too (sixth review)
    "较2022年194.4万元相比，", "比2022年的194.4万元相比，",
])
def test_last_years_figure_compared_with(compared: str, sample_text: str, tmp_path: Path) -> None:
    """与2022年的194.4万元相比，减少10万元: a change from 194.4 (it was not read at all)."""
    doc = rewrite(sample_text, tmp_path, {RUNNING_COSTS: (
        f"2023年，我局机关运行经费184.4万元，{compared}减少10万元，主要原因是落实过紧日子要求。")})
    changes = doc.running_costs.changes
    assert [(c.direction, str(c.amount.value.number), _prior(c), _reason(c)) for c in changes] == [
        (-1, "10", "194.4", "落实过紧日子要求")]
    assert not {"RC012", "CP005"} & set(_codes(doc, RUNNING_COSTS))


@pytest.mark.parametrize(("text", "expected"), [
    # this year's figure compared: no prior
    ("我局机关运行经费184.4万元，与上年相比，减少10万元。", [(-1, "10", None)]),
    # the year compared with named: its figure, whichever year (the change is stated against it)
    ("2023年，我局机关运行经费184.4万元，与2021年的194.4万元相比，减少10万元。", [(-1, "10", "194.4")]),
    # an amount compared after no 与/同 is no last year's figure
    ("我局机关运行经费184.4万元相比，减少10万元。", [(-1, "10", None)]),
])
def test_neighbours_of_last_years_figure_compared_with(text: str, expected: list) -> None:
    assert [(c.direction, str(c.quantity.number), None if c.prior is None else str(c.prior.number))
            for c in stated_changes(text)] == expected


@pytest.mark.parametrize("compared", ["与上年的1.02万元相比，", "与2022年的1.02万元相比", "较上年的1.02万元，"])
def test_a_parts_last_year_figure_compared_with(compared: str, sample_text: str, tmp_path: Path) -> None:
    """公务接待费0.94万元，与上年的1.02万元相比，减少0.08万元: 公务接待费's change, from 1.02."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: (
        "2023年，我局财政拨款“三公”经费预算安排13.44万元，比上年减少17.98万元。其中，因公出国（境）费0万元；"
        f"公务用车购置及运维费12.5万元，比上年减少17.9万元；公务接待费0.94万元，{compared}减少0.08万元。")})
    assert [(c.subject, str(c.amount.value.number), _prior(c)) for c in doc.sangong.changes][-1] == (
        "公务接待费", "0.08", "1.02")
    assert "RC012" not in _codes(doc, SANGONG)


# ------------------------------------------------------------------ 3. last year's figure beside an older year's

@pytest.mark.parametrize("older", ["2021年决算35.6万元，", "2021年预算35.6万元，", "2021年为35.6万元，"])
def test_an_older_years_figure_is_not_last_years(older: str, sample_text: str, tmp_path: Path) -> None:
    """…2022年预算31.42万元，2021年决算35.6万元，减少17.98万元: 35.6 is 2021's, no prior (it was, a false RC012)."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: (
        f"2023年，我局财政拨款“三公”经费预算安排13.44万元，2022年预算31.42万元，{older}减少17.98万元。")})
    assert [(c.subject, str(c.amount.value.number), _prior(c)) for c in doc.sangong.changes] == [
        ("“三公”经费合计", "17.98", None)]
    assert "RC012" not in _codes(doc, SANGONG)


@pytest.mark.parametrize(("written", "prior"), [
    ("2021年决算35.6万元，2022年预算31.42万元，", "31.42"),
    ("2022年预算31.42万元，", "31.42"),
    ("上年预算31.42万元，", "31.42"),
])
def test_last_years_figure_still_read_beside_older_ones(written: str, prior: str, sample_text: str,
                                                        tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {SANGONG: (
        f"2023年，我局财政拨款“三公”经费预算安排13.44万元，{written}减少17.98万元。")})
    assert [(c.subject, str(c.amount.value.number), _prior(c)) for c in doc.sangong.changes] == [
        ("“三公”经费合计", "17.98", prior)]
    assert "RC012" not in _codes(doc, SANGONG)


def test_last_years_figure_with_the_year_compared_with_named() -> None:
    """与2021年相比 names the year compared with: its figure is the prior, whatever the years before."""
    changes = stated_changes("2023年，我局机关运行经费184.4万元，与2021年相比，2021年为194.4万元，减少10万元。")
    assert [None if c.prior is None else str(c.prior.number) for c in changes] == ["194.4"]


# ------------------------------------------------------------------ 4./5. tried and reverted: readings that must hold

# A shared closing reason and the parts of numbered reasons were read for a while and reverted: the sixth review
# found a closing reason explaining changes it cannot (基本支出增加… by 天然气项目结束), and numbered reasons
# yielding made-up changes of the total and false RC011s. These readings are the ones to keep.

_SANGONG_OPENING = "2023年，我局财政拨款“三公”经费预算安排13.44万元，比上年减少17.98万元，"


def test_a_closing_reason_is_the_last_changes(sample_text: str, tmp_path: Path) -> None:
    """其中基本支出增加73.07万元，项目支出减少2090.87万元，主要是天然气…结束: the reason is 项目支出's; 基本支出 gives none
    (CP005)."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: _TOTAL + (
        "其中基本支出增加73.07万元，项目支出减少2090.87万元，主要是天然气迎峰度冬保障资金项目结束。")})
    assert [_reason(c) for c in doc.expenditure.changes] == [None, None, "天然气迎峰度冬保障资金项目结束"]
    assert any("基本支出" in f.message for f in run_checks(doc) if f.code == "CP005")


@pytest.mark.parametrize("points", [
    "主要原因：一是上年购置公务用车一辆，本年未安排购置，减少18万元；二是公务接待费压减0.08万元，主要是厉行节约。",
    "主要原因：一是压减公务用车购置费，减少18万元，主要是本年无购车计划；二是公务接待费减少0.08万元。",
])
def test_numbered_reasons_make_no_changes_of_their_own(points: str, sample_text: str, tmp_path: Path) -> None:
    """The points name some of the main changes, not a breakdown: the total's change alone, its reason whole, and no
    RC011."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: _SANGONG_OPENING + points})
    assert [(c.subject, str(c.amount.value.number)) for c in doc.sangong.changes] == [("“三公”经费合计", "17.98")]
    assert "RC011" not in _codes(doc, SANGONG)


def test_the_samples_sangong_reason_stays_the_vehicles(sample_doc: Disclosure) -> None:
    """与2022年相比减少12.58万元，其中，公务用车购置及运维费减少17.9万元（…），主要原因是…；公务接待费…: one part before
    the reason, another after it — the reason is the vehicles' only."""
    reasons = {c.subject: c.reason is not None for c in sample_doc.sangong.changes if c.parent is None}
    assert reasons["“三公”经费合计"] is False
    assert reasons["公务用车购置及运维费"] is True


def test_changes_in_numbered_points_without_reasons_stay_the_reasons() -> None:
    """主要原因：一是上年购置公务用车一辆…；二是公务接待费压减0.08万元: the changes are the reason's words (as before)."""
    changes = stated_changes("“三公”经费比上年减少17.98万元，主要原因：一是上年购置公务用车一辆，本年未购置；"
                             "二是公务接待费压减0.08万元。")
    assert [str(c.quantity.number) for c in changes] == ["17.98"]
