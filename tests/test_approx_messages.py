"""How figures are shown in messages and tables: a change written from last year's figure
to this year's (由31.42万元减少到13.44万元), figures written as approximate (约/近/余) and
values worked out from them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit import dashboard as db
from budget_audit.amounts import money_in_text, wan
from budget_audit.assessment import Assessment
from budget_audit.checks import Finding, run_checks
from budget_audit.checks.tolerance import approx_bounds
from budget_audit.model import Disclosure, Figure, Span
from budget_audit.narrative import changes
from budget_audit.report import UnitReport, sangong_frame
from budget_audit.results import compared
from budget_audit.variance import yoy_rows, yoy_table
from test_format_variants import rewrite

SANGONG_TOTAL = "“三公”经费预算安排18.84万元。"


def _findings(doc: Disclosure, code: str) -> list[str]:
    return [f.message for f in run_checks(doc) if f.code == code]


def _from_to(sample_text: str, tmp_path: Path, prior: str = "31.42万元") -> Disclosure:
    """The sample whose 三公 total is written as a change from last year's figure."""
    return rewrite(sample_text, tmp_path, {229: lambda line: line.replace(
        SANGONG_TOTAL, f"“三公”经费由上年的{prior}减少到13.44万元，主要原因是压减一般性支出。")})


# ------------------------------------------------------------------ VA001 / VA002


def test_a_change_from_last_years_figure_reads_as_one_bracket(sample_text: str, tmp_path: Path) -> None:
    """由31.42万元减少到13.44万元 is a change of 17.98万元: its words and the rate share one
    pair of brackets, not 17.98万元（由…）（57.2%）."""
    doc = _from_to(sample_text, tmp_path)
    [message] = [m for m in _findings(doc, "VA001") if "17.98" in m]
    assert "“三公”经费合计较上年减少17.98万元（由31.42万元减少到13.44万元，57.2%），属重大变动" in message
    assert "）（" not in message


def test_a_change_written_as_such_keeps_its_rate_alone(sample_doc: Disclosure) -> None:
    messages = _findings(sample_doc, "VA001")
    assert "项目支出较上年减少2090.87万元（32.5%），属重大变动；单位说明的原因是：“天然气迎风度冬保障资金项目支出减少”" in messages
    assert not any("约" in m for m in messages)


def test_a_change_from_an_approximate_figure_is_approximate(sample_text: str, tmp_path: Path) -> None:
    """由约31万元减少到13.44万元: 约31万元 is 30.5–32万元, so the difference and the rate are the ranges they
    lie in — not 约17.56万元 and 约56.6%, values to the cent and tenth the figure does not have."""
    doc = _from_to(sample_text, tmp_path, prior="约31万元")
    [message] = [m for m in _findings(doc, "VA001") if "由约31万元" in m]
    assert "较上年减少17.06至18.56万元（由约31万元减少到13.44万元，55.9%至58.0%）" in message


def test_a_rate_from_an_approximate_figure_says_so(sample_text: str, tmp_path: Path) -> None:
    """This year's 约6660万元 less the change is last year's about 8660万元: the rate too."""
    doc = rewrite(sample_text, tmp_path, {217: lambda line: line.replace(
        "2023年支出预算6663.49万元", "2023年支出预算约6660万元")})
    messages = _findings(doc, "VA001")
    assert any(m.startswith("收支合计较上年减少2017.79万元（23.2%至23.3%）") for m in messages)  # 约6660 is 6655–6670
    assert any(m.startswith("项目支出较上年减少2090.87万元（32.5%）") for m in messages)  # exact: no 约


# ------------------------------------------------------------------ CP004


def _sangong_without_overseas(sample_text: str, tmp_path: Path, total: str) -> Disclosure:
    return rewrite(sample_text, tmp_path, {229: lambda line: line.replace(
        "“三公”经费预算安排18.84万元。其中，因公出国（境）费0万元；", f"“三公”经费预算安排{total}。其中，")})


def test_cp004_quotes_an_approximate_total_as_written(sample_text: str, tmp_path: Path) -> None:
    doc = _sangong_without_overseas(sample_text, tmp_path, "约6600万元")
    assert _findings(doc, "CP004") == ["“三公”经费合计 约6600万元，但未分别列明：因公出国（境）费"]


def test_cp004_shows_an_exact_total_to_the_cent(sample_text: str, tmp_path: Path) -> None:
    doc = _sangong_without_overseas(sample_text, tmp_path, "6600万元")
    assert _findings(doc, "CP004") == ["“三公”经费合计 6,600.00万元，但未分别列明：因公出国（境）费"]


# ------------------------------------------------------------------ variance table


def test_yoy_table_marks_values_implied_from_approximate_figures(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {
        217: lambda line: line.replace("2023年支出预算6663.49万元", "2023年支出预算约6660万元"),
        221: lambda line: line.replace("基本支出增加73.07万元", "基本支出增加近73万元"),
    })
    table = yoy_table(doc).set_index("项目")
    assert table.loc["收支合计", "上年"] == Decimal("8677.79")
    assert table.loc["收支合计", "约数"] == "本年、上年、变动率为约数（文中为约6660万元）"
    assert table.loc["基本支出", "约数"] == "上年、变动额、变动率为约数（文中为近73万元）"
    assert table.loc["项目支出", "约数"] == ""


def test_the_narrative_says_which_changes_are_approximate(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {
        217: lambda line: line.replace("2023年支出预算6663.49万元", "2023年支出预算约6660万元"),
    })
    said = {s.text.partition("较上年")[0]: s.text for s in changes(yoy_rows(doc)).sentences}
    assert said["收支合计"].startswith(
        "收支合计较上年减少2,017.79万元（23.2%至23.3%，第217、221行），本年、上年、变动率为约数（文中为约6660万元），")
    assert said["项目支出"].startswith("项目支出较上年减少2,090.87万元（32.5%，第217、221行），单位说明")


def test_yoy_table_of_exact_figures_marks_nothing(sample_doc: Disclosure) -> None:
    table = yoy_table(sample_doc)
    assert not table.empty and (table["约数"] == "").all()


def test_sangong_table_takes_one_row_per_item(sample_text: str, tmp_path: Path) -> None:
    """The text states the 三公 total's change twice (由…到…, then 与2022年相比减少12.58万元):
    the 三公 table shows the first, one value per cell, and its 约数 mark."""
    doc = _from_to(sample_text, tmp_path, prior="约31万元")
    yoy = yoy_table(doc)
    assert list(yoy["项目"]).count("“三公”经费合计") == 2
    report = UnitReport.__new__(UnitReport)
    report.assessment, report.yoy = Assessment(None, doc, None, None, []), yoy  # type: ignore[arg-type]
    frame = sangong_frame(report).set_index("项目")
    assert frame.loc["“三公”经费合计", "上年"] == Decimal("31.00")
    assert frame.loc["“三公”经费合计", "约数"].startswith("上年、变动额、变动率为约数（文中为由约31万元减少到13.44万元）")
    assert all(v is None or isinstance(v, Decimal) for v in frame["上年"])


# ------------------------------------------------------------------ Benford / round numbers


def test_a_computed_change_is_no_document_amount(sample_text: str, tmp_path: Path) -> None:
    """由31.42万元减少到13.44万元: 31.42 and 13.44 are written, 17.98 is not."""
    doc = _from_to(sample_text, tmp_path)
    [change] = [c for c in doc.stated_changes() if c.computed]
    assert change.amount.yuan == Decimal("179800.00")
    amounts = db.document_amounts(doc)
    assert change.amount.yuan not in amounts
    assert Decimal("314200.00") in amounts and Decimal("134400.00") in amounts


def test_changes_written_as_such_stay_document_amounts(sample_doc: Disclosure) -> None:
    """公务接待费1.02万元减少0.08万元: both written, both counted."""
    assert not any(c.computed for c in sample_doc.stated_changes())
    amounts = db.document_amounts(sample_doc)
    assert Decimal("800.00") in amounts and Decimal("10200.00") in amounts


# ------------------------------------------------------------------ bounds of 余 and 近


def _figure(written: str) -> Figure:
    [(quantity, _, _)] = money_in_text(written)
    return Figure("金额", quantity, Span(1, 1, written))


@pytest.mark.parametrize(("written", "below", "above"), [
    ("2000余万元", "0", "1000"),  # 两千余万: 2000–3000
    ("100多万元", "0", "100"),    # 一百多万: 100–200
    ("6600余万元", "0", "100"),   # 六千六百余万: 6600–6700
    ("20余万元", "0", "10"),      # 二十余万: the units left out, 20–30
    ("10多万元", "0", "10"),      # 十多万 is 10–20
    ("185余万元", "0", "1"),
    ("近73万元", "1", "0.5"),     # nearly, and about: as much above as 73万元 rounded
    ("近6700万元", "100", "0.5"),
    ("近20万元", "2", "0.5"),
])
def test_approx_bounds_of_more_and_nearly(written: str, below: str, above: str) -> None:
    low, high = approx_bounds(_figure(written))
    assert (wan(low), wan(high)) == (Decimal(below), Decimal(above))


def _rc011(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings if f.code == "RC011" and "收支合计" in f.message]


@pytest.mark.parametrize(("basic", "fires"), [
    ("近73万元", False),   # 73.07 is 近73万元
    ("近72万元", True),    # 73.07 is not: more than 72.5
])
def test_nearly_allows_its_own_rounding_above(basic: str, fires: bool, sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {221: lambda line: line.replace("增加73.07万元", f"增加{basic}")})
    assert bool(_rc011(run_checks(doc))) is fires


@pytest.mark.parametrize(("total", "fires"), [
    ("2017.79万元", False),   # 73.07 − 2090.87: 2090.87 is 2000余万元
    ("2900.00万元", False),   # the project's cut would be 2973.07: still 两千余万
    ("3150.00万元", True),    # 3223.07 is more than 2000余万元 (less than 3000)
])
def test_more_than_a_round_number_is_up_to_one_unit_more(total: str, fires: bool, sample_text: str,
                                                  tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {221: lambda line: line.replace(
        "较2022年预算减少2017.79万元", f"较2022年预算减少{total}").replace("项目支出减少2090.87万元", "项目支出减少2000余万元")})
    assert bool(_rc011(run_checks(doc))) is fires


@pytest.mark.parametrize("basic", ["2000多万元", "2000余万元"])
def test_two_thousand_odd_holds_parts_of_2319(basic: str, sample_text: str, tmp_path: Path) -> None:
    """两千多万 is 2000–3000万元: the basic expenditure of 2319.63 (its parts 2319.64) fits."""
    doc = rewrite(sample_text, tmp_path, {217: lambda line: line.replace("其中基本支出2319.63万元", f"其中基本支出{basic}")})
    assert doc.expenditure.basic is not None and doc.expenditure.basic.value.approx == "余"
    assert not [f for f in run_checks(doc) if f.code in ("RC003", "RC004")]


# ------------------------------------------------------------------ review 3: a change worked out from an approximate figure


@pytest.mark.parametrize(("prior", "fires"), [
    ("30余万元", False),   # 30–40: a cut of 16.56–26.56 holds the parts' 17.98
    ("约31万元", False),   # 30.5–32: 17.06–18.56
    ("近32万元", False),   # 31–32.5: 17.56–19.06
    ("25余万元", True),    # 25–26: at most 12.56
    ("约20万元", True),
])
def test_a_change_from_an_approximate_figure_takes_that_figures_tolerance(prior: str, fires: bool, sample_text: str,
                                                                          tmp_path: Path) -> None:
    """由上年的30余万元减少到13.44万元 is a cut of 16.56万元 or more, by up to 10万元 (30余万元's bounds), not by
    the difference's own last digit: no RC011 against the parts' 17.98万元."""
    doc = _from_to(sample_text, tmp_path, prior=prior)
    assert bool([m for m in _findings(doc, "RC011") if "“三公”经费合计" in m]) is fires


def _overview_change(sample_text: str, tmp_path: Path, written: str) -> Disclosure:
    return rewrite(sample_text, tmp_path, {221: lambda line: line.replace("较2022年预算减少2017.79万元", f"较2022年预算减少{written}")})


@pytest.mark.parametrize(("written", "said"), [
    # more than 2000万元 by up to 1000万元: as written, never 约2,000.00万元; the rate 2000/8663.49 to 3000/9663.49
    ("2000多万元", "收支合计较上年减少2000多万元（23.1%至31.0%，第217、221行），上年、变动额、变动率为约数（文中为2000多万元），"),
    ("约2018万元", "收支合计较上年减少约2018万元（23.2%至23.3%，第217、221行），上年、变动额、变动率为约数（文中为约2018万元），"),
])
def test_the_narrative_quotes_an_approximate_change_as_written(written: str, said: str, sample_text: str,
                                                               tmp_path: Path) -> None:
    doc = _overview_change(sample_text, tmp_path, written)
    sentences = [s.text for s in changes(yoy_rows(doc)).sentences if s.text.startswith("收支合计")]
    assert len(sentences) == 1 and sentences[0].startswith(said)


def test_a_change_from_more_than_a_figure_is_the_range_it_lies_in(sample_text: str, tmp_path: Path) -> None:
    """由上年的30余万元减少到13.44万元: 30余万元 is 30–40万元, the cut 16.56–26.56万元 — not 约16.56万元; the words
    quoted; the narrative says the same; the finding compares last year's range with this year's figure."""
    doc = _from_to(sample_text, tmp_path, prior="30余万元")
    [finding] = [f for f in run_checks(doc) if f.code == "VA001" and "30余万元" in f.message]
    assert finding.message.startswith(
        "“三公”经费合计较上年减少16.56至26.56万元（由30余万元减少到13.44万元，55.2%至66.4%），属重大变动")
    assert compared(finding) == "上年：30.00至40.00万元；本年：13.44万元"
    said = [s.text for s in changes(yoy_rows(doc)).sentences if "30余万元" in s.text]
    assert said and said[0].startswith("“三公”经费合计较上年减少16.56至26.56万元（55.2%至66.4%，第229行）")


def test_the_finding_of_an_approximate_change_shows_last_years_range(sample_text: str, tmp_path: Path,
                                                                     sample_doc: Disclosure) -> None:
    """减少2000多万元 from 6663.49万元: last year was 8663.49万元 or more (up to 9663.49), not 8,663.49万元 flat;
    exact figures are compared to the cent as before."""
    doc = _overview_change(sample_text, tmp_path, "2000多万元")
    [finding] = [f for f in run_checks(doc) if f.code == "VA001" and f.message.startswith("收支合计")]
    assert compared(finding) == "上年：8,663.49至9,663.49万元；本年：6,663.49万元"
    [exact] = [f for f in run_checks(sample_doc) if f.code == "VA001" and f.message.startswith("收支合计")]
    assert compared(exact) == "上年：8,681.28万元；本年：6,663.49万元"


def test_rc011_quotes_an_approximate_total_change_as_written(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {229: lambda line: line.replace("与2022年相比减少12.58万元", "与2022年相比减少约12.6万元")})
    [message] = [m for m in _findings(doc, "RC011") if "“三公”经费合计" in m]
    # both sides with their verb, and the least gap 12.6万元 (12.55至12.70万元) leaves: 17.98 − 12.70
    assert message.startswith("所述“三公”经费合计变动 减少约12.6万元 与其组成部分变动之和 减少17.98万元")
    assert "相差 5.28万元" in message


def test_rc012_quotes_an_approximate_published_figure_as_written(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {229: lambda line: line.replace("公务接待费0.94万元。", "公务接待费约0.8万元。")})
    [message] = [m for m in _findings(doc, "RC012") if "公务接待费" in m]
    assert "而本年公开数为 约0.8万元" in message and "0.80万元" not in message


def test_the_narrative_quotes_the_documents_verb(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {221: lambda line: line.replace("项目支出减少2090.87万元", "项目支出压减2090.87万元")})
    said = {s.text.partition("较上年")[0]: s.text for s in changes(yoy_rows(doc)).sentences}
    assert said["项目支出"].startswith("项目支出较上年压减2,090.87万元（32.5%，")
