"""Tolerance of the variance rules (VA) for changes resting on figures written as approximate:
a change worked out from last year's figure and this year's (由约31万元减少到13.44万元) lies in the
range those figures' bounds give, not within the difference's own last digit."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import Finding, run_checks
from budget_audit.model import Disclosure
from budget_audit.narrative import NarrativeSection, changes
from budget_audit.variance import SAID, yoy_rows
from test_format_variants import rewrite

SANGONG = 229
SANGONG_TOTAL = "“三公”经费预算安排18.84万元。"
STATED_TOTAL_CHANGE = "与2022年相比减少12.58万元，其中，"


def _from_to(sample_text: str, tmp_path: Path, prior: str, current: str = "13.44万元") -> Disclosure:
    """The sample whose 三公 total is written only as a change from last year's figure to this year's
    (the total's written change 12.58万元 left out, so the 由…到 is the total's only change)."""
    return rewrite(sample_text, tmp_path, {SANGONG: lambda line: line.replace(
        SANGONG_TOTAL, f"“三公”经费由上年的{prior}减少到{current}，主要原因是压减一般性支出。").replace(
        STATED_TOTAL_CHANGE, "与2022年相比，")})


def _last_year(sample_text: str, tmp_path: Path, total: str) -> Disclosure:
    """Last year's document: the sample with its 三公 total ``total``."""
    folder = tmp_path / "prior"
    folder.mkdir(exist_ok=True)
    return rewrite(sample_text, folder, {SANGONG: lambda line: line.replace(
        SANGONG_TOTAL, f"“三公”经费预算安排{total}。")})


def _va003(doc: Disclosure, prior: Disclosure) -> list[Finding]:
    return [f for f in run_checks(doc, prior=prior) if f.code == "VA003" and f.message.startswith("所述“三公”经费合计")]


# ------------------------------------------------------------------ VA003


@pytest.mark.parametrize("written", ["约31万元", "30余万元", "近32万元"])
def test_va003_takes_the_bounds_of_an_approximate_figure_a_change_is_worked_out_from(
        written: str, sample_text: str, tmp_path: Path) -> None:
    """由约31万元减少到13.44万元 is a cut of 17.06至18.56万元 (约31万元 is 30.5–32万元): last year's document's
    31.42万元 gives 17.98万元, inside — not 0.42万元 off the 17.56万元 the difference of the written figures is."""
    doc = _from_to(sample_text, tmp_path, written)
    assert _va003(doc, _last_year(sample_text, tmp_path, "31.42万元")) == []


def test_va003_reports_a_change_outside_the_bounds_with_its_range_and_the_least_gap(
        sample_text: str, tmp_path: Path) -> None:
    """Last year's document says 40万元: a cut of 26.56万元, beyond 17.06至18.56万元 by 8.00万元 at the least."""
    doc = _from_to(sample_text, tmp_path, "约31万元")
    [finding] = _va003(doc, _last_year(sample_text, tmp_path, "40万元"))
    assert finding.message == (
        "所述“三公”经费合计较上年减少17.06至18.56万元（由约31万元减少到13.44万元），"
        "而对照上年公开文件实际变动为 -26.56万元（上年 40万元（上年文件第229行）），相差 8.00万元"
        "（文中为约数，已按约数放宽容差）")
    assert finding.lines == (SANGONG,)


def test_va003_still_holds_an_exact_change_to_the_cent(sample_text: str, tmp_path: Path) -> None:
    """由31.42万元减少到13.44万元 against last year's 31.50万元: 0.08万元 off, reported; against 31.42万元, quiet."""
    doc = _from_to(sample_text, tmp_path, "31.42万元")
    [finding] = _va003(doc, _last_year(sample_text, tmp_path, "31.50万元"))
    assert finding.message == (
        "所述“三公”经费合计较上年减少17.98万元（由31.42万元减少到13.44万元），"
        "而对照上年公开文件实际变动为 -18.06万元（上年 31.50万元（上年文件第229行）），相差 0.08万元")
    assert _va003(doc, _last_year(sample_text, tmp_path, "31.42万元")) == []


@pytest.mark.parametrize(("total", "fires"), [("31.42万元", False), ("32.5万元", True)])
def test_va003_an_approximate_figure_of_this_year_on_both_sides_cancels(
        total: str, fires: bool, sample_text: str, tmp_path: Path) -> None:
    """由31.42万元减少到约13万元 against last year's document: this year's 约13万元 is in the stated change and in
    the two documents' difference alike, so they differ by last year's figures only (32.5 − 31.42 = 1.08万元)."""
    doc = _from_to(sample_text, tmp_path, "31.42万元", current="约13万元")
    assert bool(_va003(doc, _last_year(sample_text, tmp_path, total))) is fires


def test_va003_says_the_least_gap_of_a_change_written_as_approximate(sample_text: str, sample_doc: Disclosure,
                                                                     tmp_path: Path) -> None:
    """减少约12.6万元 (12.55至12.70万元) against last year's document with this year's 18.84万元 (no change): the
    least gap is 12.55万元, not the 12.60万元 of the value written."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda line: line.replace(
        "与2022年相比减少12.58万元", "与2022年相比减少约12.6万元")})
    [finding] = _va003(doc, sample_doc)
    assert finding.message.startswith("所述“三公”经费合计较上年减少约12.6万元，而对照上年公开文件实际变动为 0.00万元")
    assert "相差 12.55万元" in finding.message


# ------------------------------------------------------------------ the narrative words the variance rows


def _said(section: NarrativeSection) -> list[str]:
    return [s.text for s in section.sentences]


@pytest.mark.parametrize("edit", [
    {},
    {221: lambda line: line.replace("项目支出减少2090.87万元", "项目支出压减2090.87万元")},
    {221: lambda line: line.replace("较2022年预算减少2017.79万元", "较2022年预算减少2000多万元")},
    {SANGONG: lambda line: line.replace(SANGONG_TOTAL, "“三公”经费由上年的30余万元减少到13.44万元，主要原因是压减一般性支出。")},
])
def test_the_narrative_words_each_row_as_the_row_says(edit: dict, sample_text: str, tmp_path: Path) -> None:
    """Each row of yoy_rows says how the narrative words its change (verb, amount, rate); the narrative says
    that of every material row, in the rows' order, and works out nothing of its own."""
    doc = rewrite(sample_text, tmp_path, edit)
    rows = yoy_rows(doc)
    assert all(set(row[SAID]) == {"verb", "amount", "rate"} for row in rows)
    material = [row for row in rows if row["重大变动"]]
    said = _said(changes(rows))
    assert len(said) == len(material) > 0
    for sentence, row in zip(said, material, strict=True):
        assert sentence.startswith(f"{row['项目']}较上年{row[SAID]['verb']}{row[SAID]['amount']}")
    assert _said(changes(rows[::-1])) == said[::-1]
    assert _said(changes(material)) == said


def test_the_narrative_keeps_the_documents_words(sample_text: str, tmp_path: Path) -> None:
    """压减 as written, and the range of a change worked out from 30余万元 — not 增加/减少 to the cent."""
    doc = rewrite(sample_text, tmp_path, {
        221: lambda line: line.replace("项目支出减少2090.87万元", "项目支出压减2090.87万元"),
        SANGONG: lambda line: line.replace(
            SANGONG_TOTAL, "“三公”经费由上年的30余万元减少到13.44万元，主要原因是压减一般性支出。")})
    said = _said(changes(yoy_rows(doc)))
    assert any(s.startswith("项目支出较上年压减2,090.87万元（32.5%，") for s in said)
    assert any(s.startswith("“三公”经费合计较上年减少16.56至26.56万元（55.2%至66.4%，第229行）") for s in said)


def test_va003_shows_the_documents_difference_resting_on_an_approximate_figure_as_its_range(
        sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """Last year's document writes 公务接待费约0.9万元 (0.85–0.99万元): this year's 0.94万元 less it is −0.05至0.09万元,
    not 0.04万元 to the cent; the stated cut of 0.08万元 lies 0.03万元 beyond it at the least — reported."""
    prior = rewrite(sample_text, tmp_path, {SANGONG: lambda line: line.replace("公务接待费0.94万元。", "公务接待费约0.9万元。")})
    [finding] = [f for f in run_checks(sample_doc, prior=prior)
                 if f.code == "VA003" and f.message.startswith("所述公务接待费")]
    assert finding.message.startswith(
        "所述公务接待费较上年减少0.08万元，而对照上年公开文件实际变动为 -0.05至0.09万元（上年 约0.9万元（上年文件第229行）），"
        "相差 0.03万元")


def test_va003_keeps_quiet_when_the_change_lies_in_the_documents_range(sample_text: str, sample_doc: Disclosure,
                                                                       tmp_path: Path) -> None:
    """公务接待费 减少0.08万元 to 0.94万元 against last year's 约1万元 (0.5–1.5万元, as 1万元 rounded): the documents'
    difference −0.56至0.44万元 holds the stated cut."""
    prior = rewrite(sample_text, tmp_path, {SANGONG: lambda line: line.replace("公务接待费0.94万元。", "公务接待费约1万元。")})
    assert not [f for f in run_checks(sample_doc, prior=prior)
                if f.code == "VA003" and f.message.startswith("所述公务接待费")]


# ------------------------------------------------------------------ VA003: this year's figure on both sides

_OVERVIEW_CHANGE = "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中："


def _va003_messages(sample_text: str, tmp_path: Path, edits: dict, prior_edits: dict, subject: str) -> list[str]:
    doc = rewrite(sample_text, tmp_path, edits)
    folder = tmp_path / "prior"
    folder.mkdir(exist_ok=True)
    prior = rewrite(sample_text, folder, prior_edits)
    return [f.message for f in run_checks(doc, prior=prior) if f.code == "VA003" and f.message.startswith(f"所述{subject}")]


def _expenditure_total(total: str) -> dict:
    return {217: lambda line: line.replace("2023年支出预算6663.49万元", f"2023年支出预算{total}")}


@pytest.mark.parametrize(("to", "last_year", "expected"), [
    # this year's figure written otherwise in the change than where it is published (6600余 / 6663.49)
    ("6600余万元", "8740万元", "所述收支合计较上年减少2,017.79万元（由8681.28万元减少到6600余万元，本年按公开数6663.49万元计），"
                              "而对照上年公开文件实际变动为 -2,076.51万元（上年 8740万元（上年文件第217行）），相差 58.72万元"),
    # written alike on two lines: two cents apart in last year's figures is a gap
    ("6663.49万元", "8681.26万元", "所述收支合计较上年减少2,017.79万元（由8681.28万元减少到6663.49万元），"
                                 "而对照上年公开文件实际变动为 -2,017.77万元（上年 8681.26万元（上年文件第217行）），相差 0.02万元"),
    ("6663.49万元", "8681.28万元", None),
])
def test_va003_compares_last_years_figures_when_this_years_is_one_amount(
        to: str, last_year: str, expected: str | None, sample_text: str, tmp_path: Path) -> None:
    """由8681.28万元减少到B with B this year's published 6663.49万元 (written so or not): the documents differ by
    last year's figures alone (review: 8740万元 was not reported once 6600余's bounds came into the tolerance)."""
    messages = _va003_messages(
        sample_text, tmp_path,
        {221: lambda line: line.replace(_OVERVIEW_CHANGE, f"2023年预算收支由2022年的8681.28万元减少到{to}，其中：")},
        _expenditure_total(last_year), "收支合计")
    assert messages == ([expected] if expected else [])


@pytest.mark.parametrize(("written", "last_year", "expected"), [
    ("由上年的约31万元减少到约13万元", "32.5万元",
     "所述“三公”经费合计较上年减少17.50至19.00万元（由约31万元减少到约13万元，本年按约13万元计），而对照上年公开文件实际变动为 "
     "-19.50万元（上年 32.5万元（上年文件第229行）），相差 0.50万元（文中为约数，已按约数放宽容差）"),
    ("由上年的31.42万元减少到约13万元", "31.5万元",
     "所述“三公”经费合计较上年减少18.42万元（由31.42万元减少到约13万元，本年按约13万元计），而对照上年公开文件实际变动为 "
     "-18.50万元（上年 31.5万元（上年文件第229行）），相差 0.08万元"),
])
def test_va003_messages_hold_this_years_figure_at_its_written_value(
        written: str, last_year: str, expected: str, sample_text: str, tmp_path: Path) -> None:
    """Both sides at 约13万元 as written: the change's range and the documents' difference agree with the gap
    (review: 减少16.50至19.50 against -19.50 said 相差 0.50; a note of widened tolerance with none widened)."""
    edit = {SANGONG: lambda line: line.replace(SANGONG_TOTAL, f"“三公”经费{written}，主要原因是压减一般性支出。").replace(
        STATED_TOTAL_CHANGE, "与2022年相比，")}
    prior = {SANGONG: lambda line: line.replace(SANGONG_TOTAL, f"“三公”经费预算安排{last_year}。")}
    assert _va003_messages(sample_text, tmp_path, edit, prior, "“三公”经费合计") == [expected]


def test_va003_a_from_to_against_an_approximate_last_year_shows_the_documents_range(
        sample_text: str, tmp_path: Path) -> None:
    """0.94万元 less 约0.9万元 is -0.05至0.09万元 (review: -0.99至-0.85万元 was printed)."""
    messages = _va003_messages(
        sample_text, tmp_path,
        {SANGONG: lambda line: line.replace("公务接待费1.02万元减少0.08万元", "公务接待费由1.02万元减少到0.94万元")},
        {SANGONG: lambda line: line.replace("公务接待费0.94万元。", "公务接待费约0.9万元。")}, "公务接待费")
    assert messages == ["所述公务接待费较上年减少0.08万元（由1.02万元减少到0.94万元），而对照上年公开文件实际变动为 -0.05至0.09万元"
                        "（上年 约0.9万元（上年文件第229行）），相差 0.03万元（文中为约数，已按约数放宽容差）"]


def test_va003_a_written_change_is_no_figure_of_this_year(sample_text: str, tmp_path: Path) -> None:
    """公务接待费约1万元, 增加约1万元 against last year's 0.3万元: the level and the change are two amounts;
    约1 − 约1 proves no gap (review: a false VA003 of 0.30万元)."""
    messages = _va003_messages(
        sample_text, tmp_path,
        {SANGONG: lambda line: line.replace("公务接待费0.94万元。", "公务接待费约1万元。").replace(
            "公务接待费1.02万元减少0.08万元", "公务接待费增加约1万元")},
        {SANGONG: lambda line: line.replace("公务接待费0.94万元。", "公务接待费0.3万元。")}, "公务接待费")
    assert messages == []
