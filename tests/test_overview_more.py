"""More layouts of the overview (二、单位预算安排的总体情况) and of the changes stated in it:
基本支出 and 项目支出 in plain paragraphs of their own after the total, a change written
after the item of a list it is about, and totals of 收支 stated with other words."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from test_format_variants import (
    _CHANGES,
    _EXPENDITURE,
    _FULL,
    _INCOME_FULL,
    _read,
    _with_overview,
    rewrite,
)

_REASON_BASIC = "主要为人员经费支出增加"
_REASON_PROJECT = "主要为天然气迎风度冬保障资金项目支出减少"


def _changes(doc: Disclosure) -> list[tuple[str, str]]:
    return [(c.subject, str(c.amount.value.number)) for c in doc.expenditure.changes]


def _overview_codes(doc: Disclosure) -> list[str]:
    """The codes of the findings about income or expenditure."""
    return sorted(f.code for f in run_checks(doc) if f.code in ("RC001", "RC002", "RC011", "CP002", "CP005")
                  and any(word in f.message for word in ("收入", "支出", "收支", "结转")))


# ------------------------------------------------------------------ parts in plain paragraphs after the total

_TOTAL_ALONE = "2023年支出预算6663.49万元。"
_BASIC_USE = "基本支出2319.63万元，主要用于保障机构正常运转和完成日常工作任务。"
_PROJECT_USE = "项目支出4343.85万元，主要用于天然气迎风度冬保障等。"
_BASIC_CHANGE = f"基本支出2319.63万元，比上年增加73.07万元，{_REASON_BASIC}。"
_PROJECT_CHANGE = f"项目支出4343.85万元，比上年减少2090.87万元，{_REASON_PROJECT}。"


@pytest.mark.parametrize(("body", "changes"), [
    # each part in a paragraph of its own, saying what it is for
    (f"{_INCOME_FULL}\n\n{_TOTAL_ALONE}\n\n{_BASIC_USE}\n\n{_PROJECT_USE}\n\n{_CHANGES}", _FULL[7]),
    (f"{_INCOME_FULL}\n\n2023年支出预算6663.49万元，主要用于保障单位正常运转和事业发展。\n\n2023年{_BASIC_USE}"
     f"\n\n2023年{_PROJECT_USE}\n\n{_CHANGES}", _FULL[7]),
    # under sub-headings of their own, or numbered with no lead-in to them
    (f"{_INCOME_FULL}\n\n{_TOTAL_ALONE}\n\n（一）基本支出\n\n{_BASIC_USE}\n\n（二）项目支出\n\n{_PROJECT_USE}"
     f"\n\n{_CHANGES}", _FULL[7]),
    (f"{_INCOME_FULL}\n\n{_TOTAL_ALONE}\n\n1.{_BASIC_USE}\n\n2.{_PROJECT_USE}\n\n{_CHANGES}", _FULL[7]),
    # each with its change, after the total's
    (f"{_INCOME_FULL}\n\n2023年支出预算6663.49万元，较2022年预算减少2017.79万元。\n\n{_BASIC_CHANGE}\n\n"
     f"{_PROJECT_CHANGE}", [("收支合计", "2017.79"), *_FULL[7]]),
    # the total's change, then its parts' changes in plain paragraphs (no 其中)
    (f"{_INCOME_FULL}\n\n{_EXPENDITURE}\n\n2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元。\n\n"
     f"基本支出增加73.07万元，{_REASON_BASIC}。\n\n项目支出减少2090.87万元，{_REASON_PROJECT}。",
     [("收支合计", "2017.79"), *_FULL[7]]),
])
def test_parts_in_paragraphs_of_their_own_after_the_total(body: str, changes: list[tuple[str, str]],
                                                         sample_text: str, tmp_path: Path) -> None:
    """基本支出 and 项目支出 each in a plain paragraph after the total (no 其中, no list led on
    to) are its parts, and their changes are read with the total's: they were lost (two
    CP002 findings, RC004 and RC005 unchecked; with their changes, only 基本支出's change
    or only the total's was read, and VA002 said the total's had no reason)."""
    doc = _with_overview(sample_text, tmp_path, body)
    assert _read(doc)[:7] == _FULL[:7]
    assert _changes(doc) == changes
    assert _overview_codes(doc) == ["RC002"]


_FISCAL = ("2023年财政拨款支出预算4739.51万元。\n\n基本支出2319.63万元，主要用于人员经费和公用经费。"
           "\n\n项目支出2419.88万元，主要用于天然气保障。")


@pytest.mark.parametrize(("before", "after"), [
    # a unit's own paragraphs
    ("", "局机关基本支出2000万元，主要用于机关运转。\n\n局机关项目支出3000万元。"),
    # the 财政拨款 statement and its parts, after the department's or before it
    ("", f"3、财政拨款收支情况\n\n{_FISCAL}"),
    (f"{_FISCAL}\n\n", ""),
    # the running costs and the 三公 paragraphs
    ("", "2023年，我局机关运行经费共计安排184.4万元。\n\n基本支出中，“三公”经费预算安排13.44万元。"),
])
def test_paragraphs_of_another_subject_are_not_the_parts(before: str, after: str, sample_text: str,
                                                         tmp_path: Path) -> None:
    """Other paragraphs that begin with or name 基本支出 or 项目支出, before or after the
    department's, are no part of its expenditure (the 财政拨款's total with its parts,
    stated first, was the expenditure: RC002, RC005 against 2419.88万元)."""
    body = f"{_INCOME_FULL}\n\n{before}{_TOTAL_ALONE}\n\n{_BASIC_USE}\n\n{_PROJECT_USE}\n\n{after}\n\n{_CHANGES}"
    doc = _with_overview(sample_text, tmp_path, body)
    assert _read(doc) == _FULL
    assert doc.expenditure.basic is not None and doc.expenditure.basic.span.line == 216 + before.count("\n")
    assert _overview_codes(doc) == ["RC002"]


_TOTAL_WITH_INCOME = f"{_INCOME_FULL[:-1]}。预算支出总额6663.49万元。"


@pytest.mark.parametrize("heading", ["（二）支出结构\n\n", "2、支出说明\n\n", ""])
def test_the_parts_one_paragraph_each_after_the_total_stated_with_the_income(heading: str, sample_text: str,
                                                                             tmp_path: Path) -> None:
    """预算支出总额… in the income's paragraph, then under （二）支出结构 基本支出…。 and 项目支出…。 each in a paragraph of
    its own (a reviewer's): neither paragraph stated the expenditure alone, so both were lost — two false CP002
    warnings, 项目支出 unchecked against the project tables (RC005), 基本支出's rate unchecked (RC018)."""
    body = f"{_TOTAL_WITH_INCOME}\n\n{heading}{_BASIC_CHANGE}\n\n{_PROJECT_CHANGE}"
    doc = _with_overview(sample_text, tmp_path, body)
    assert _read(doc)[3:6] == ("6663.49", "2319.63", "4343.85")
    assert _overview_codes(doc) == ["RC002"]
    planted = _with_overview(sample_text, tmp_path, body.replace("项目支出4343.85", "项目支出4334.85"))
    assert {"RC004", "RC005"} <= {f.code for f in run_checks(planted)}


@pytest.mark.parametrize("heading", ["（一）局机关\n\n", "（三）一般公共预算支出情况\n\n", "一般公共预算拨款支出中，"])
def test_a_units_or_a_funds_parts_one_paragraph_each_are_not_the_departments(heading: str, sample_text: str,
                                                                             tmp_path: Path) -> None:
    """基本支出… and 项目支出… each in a paragraph of its own under a unit's or a fund's heading (or after 一般公共预算拨款
    支出中，) are no parts of the department's total: read as such, RC004 and RC005 would hold them against it."""
    body = (f"{_TOTAL_WITH_INCOME}\n\n{heading}基本支出2019.63万元，主要用于机关运转。\n\n"
            "项目支出2719.88万元，主要用于天然气保障。")
    doc = _with_overview(sample_text, tmp_path, body)
    assert (doc.expenditure.basic, doc.expenditure.project) == (None, None)
    assert not {"RC004", "RC005"} & {f.code for f in run_checks(doc)}


def test_a_part_of_a_part_in_a_paragraph_of_its_own_is_not_the_part(sample_text: str, tmp_path: Path) -> None:
    """基本支出中机关运行经费184.4万元 after the total is no 基本支出 of 184.4万元."""
    body = f"{_INCOME_FULL}\n\n{_TOTAL_ALONE}\n\n基本支出中机关运行经费184.4万元，主要用于办公。\n\n{_CHANGES}"
    assert _read(_with_overview(sample_text, tmp_path, body))[4] is None


# ------------------------------------------------------------------ a change after an item of a list


@pytest.mark.parametrize("expenditure", [
    # the item right after 其中 of the total, its change in the same sentence
    f"2023年支出预算6663.49万元，其中：基本支出2319.63万元，较2022年增加73.07万元，{_REASON_BASIC}；"
    f"项目支出4343.85万元，较2022年减少2090.87万元，{_REASON_PROJECT}。",
    f"2023年支出预算6663.49万元，其中基本支出2319.63万元，比上年增加73.07万元，{_REASON_BASIC}，"
    f"项目支出4343.85万元，比上年减少2090.87万元，{_REASON_PROJECT}。",
    # no 其中: the item after the total
    f"2023年支出预算6663.49万元，基本支出2319.63万元，较2022年增加73.07万元，{_REASON_BASIC}；"
    f"项目支出4343.85万元，较2022年减少2090.87万元，{_REASON_PROJECT}。",
    # the parts listed under a lead-in
    f"2023年支出预算6663.49万元，具体如下：基本支出2319.63万元，较2022年增加73.07万元，{_REASON_BASIC}；"
    f"项目支出4343.85万元，较2022年减少2090.87万元，{_REASON_PROJECT}。",
])
def test_a_change_after_the_item_of_a_list_is_the_items(expenditure: str, sample_text: str,
                                                        tmp_path: Path) -> None:
    """较2022年增加73.07万元 right after 基本支出2319.63万元 (after the total and 其中 in one
    sentence) is 基本支出's: it was read as the total's, and RC011 reported the total's
    change of +73.07 against its parts' -2,090.87."""
    doc = _with_overview(sample_text, tmp_path, f"{_INCOME_FULL}\n\n{expenditure}")
    assert _read(doc) == _FULL
    assert _overview_codes(doc) == ["RC002"]  # the sample's own gap of 44.40万元


def test_the_sample_change_paragraph_with_each_part_and_its_change(sample_text: str, tmp_path: Path) -> None:
    """The sample's change paragraph stating each part with its change after the total's
    其中: 较2022年增加73.07万元 is 基本支出's (RC011 reported a total's change of +73.07)."""
    doc = rewrite(sample_text, tmp_path, {221: (
        "2023年预算收支安排6663.49万元，其中：基本支出2319.63万元，较2022年增加73.07万元，主要为人员经费支出增加；"
        "项目支出4343.85万元，较2022年减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。")})
    assert _changes(doc) == [("基本支出", "73.07"), ("项目支出", "2090.87")]
    assert not [f for f in run_checks(doc) if f.code == "RC011" and 221 in f.lines]


@pytest.mark.parametrize(("expenditure", "changes"), [
    # a change after a list of items is the total's
    (f"2023年支出预算6663.49万元，其中：基本支出2319.63万元，项目支出4343.85万元，较2022年减少2017.79万元。"
     f"其中：基本支出增加73.07万元，{_REASON_BASIC}；项目支出减少2090.87万元，{_REASON_PROJECT}。",
     [("收支合计", "2017.79"), ("基本支出", "73.07"), ("项目支出", "2090.87")]),
    # a change right after the total whose parts follow
    (f"2023年支出预算6663.49万元，较2022年减少2017.79万元，其中：基本支出2319.63万元，较2022年增加73.07万元，"
     f"{_REASON_BASIC}；项目支出4343.85万元，较2022年减少2090.87万元，{_REASON_PROJECT}。",
     [("收支合计", "2017.79"), ("基本支出", "73.07"), ("项目支出", "2090.87")]),
    # an item's parts after 包括: the change is not one of theirs alone
    ("2023年支出预算6663.49万元，其中：基本支出2319.63万元，包括人员经费2135.24万元和公用经费184.4万元，"
     "项目支出4343.85万元，较2022年减少2017.79万元。",
     [("收支合计", "2017.79")]),
])
def test_a_change_after_a_list_is_still_the_totals(expenditure: str, changes: list[tuple[str, str]],
                                                   sample_text: str, tmp_path: Path) -> None:
    doc = _with_overview(sample_text, tmp_path, f"{_INCOME_FULL}\n\n{expenditure}")
    assert _changes(doc) == changes


@pytest.mark.parametrize(("line_229", "changes"), [
    # the first item after 其中 with its change, then the next
    ("2023年，我局财政拨款“三公”经费预算安排13.44万元，其中：公务接待费0.94万元，比2022年减少0.08万元，"
     "公务用车购置及运维费12.5万元，比2022年减少17.9万元，主要原因是公务用车更新；因公出国（境）费0万元。",
     [("公务接待费", "0.08"), ("公务用车购置及运维费", "17.9")]),
    # a change after a list of items, with or without 其中, is the total's
    ("2023年，我局财政拨款“三公”经费预算安排13.44万元，因公出国（境）费0万元，公务用车购置及运维费12.5万元，"
     "公务接待费0.94万元，比2022年减少17.98万元，主要原因是公务用车更新。",
     [("“三公”经费合计", "17.98")]),
    ("2023年，我局财政拨款“三公”经费预算安排13.44万元，其中：因公出国（境）费0万元，公务用车购置及运维费12.5万元，"
     "公务接待费0.94万元，比2022年减少17.98万元，主要原因是公务用车更新。",
     [("“三公”经费合计", "17.98")]),
])
def test_sangong_changes_after_an_item_of_a_list(line_229: str, changes: list[tuple[str, str]], sample_text: str,
                                                 tmp_path: Path) -> None:
    """公务接待费0.94万元，比2022年减少0.08万元 right after 其中 is 公务接待费's (it was read as
    the total's, and RC011 held the total's change of -0.08 against -17.9)."""
    doc = rewrite(sample_text, tmp_path, {229: line_229})
    assert [(c.subject, str(c.amount.value.number)) for c in doc.sangong.changes] == changes
    assert not [f for f in run_checks(doc) if f.code == "RC011" and 229 in f.lines]


# ------------------------------------------------------------------ totals of 收支 and summaries with parts

_PARTS_ALONE = "2023年基本支出2319.63万元，项目支出4343.85万元。"
_TOTAL_CHANGE = ("2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中：基本支出增加73.07万元，"
                 f"{_REASON_BASIC}；项目支出减少2090.87万元，{_REASON_PROJECT}。")


@pytest.mark.parametrize("body", [
    # a total of 收支 before the parts, alone or stated with a change or other words
    f"2023年收支总预算6663.49万元。\n\n{_INCOME_FULL}\n\n{_PARTS_ALONE}",
    f"2023年本单位收支预算总额6663.49万元，比上年减少2017.79万元。\n\n{_INCOME_FULL}\n\n{_PARTS_ALONE}",
    f"按照综合预算原则，本单位2023年收支预算均为6663.49万元，收入、支出平衡。\n\n{_INCOME_FULL}\n\n{_PARTS_ALONE}",
    f"按照综合预算原则，2023年收入、支出预算均为6663.49万元。\n\n{_INCOME_FULL}\n\n{_PARTS_ALONE}",
    # the sample's own change paragraph after the parts
    f"{_INCOME_FULL}\n\n{_PARTS_ALONE}\n\n{_TOTAL_CHANGE}",
])
def test_a_total_of_income_and_expenditure_is_the_expenditure_total(body: str, sample_text: str,
                                                                    tmp_path: Path) -> None:
    """收支总预算 / 收支预算总额 / 预算收支安排 (the 收支总表's total) is the expenditure total
    the parts stated without one take: it was not read, and CP002 reported no total while
    RC002 missed the sample's gap of 44.40万元."""
    doc = _with_overview(sample_text, tmp_path, body)
    assert _read(doc)[:7] == _FULL[:7]
    codes = _overview_codes(doc)
    assert "RC002" in codes and "CP002" not in codes


def test_a_summary_naming_some_parts_then_the_parts_without_a_total(sample_text: str, tmp_path: Path) -> None:
    """A summary with the totals and their main parts, then 收入说明 and 支出说明 with all the
    parts and no total: those are read, under the summary's totals (the summary was read
    alone: RC001 short of 988.56万元, RC002 by 935.42万元 and no 项目支出, CP002)."""
    body = ("2023年收入预算5728.07万元，其中一般公共预算收入4739.51万元；支出预算6663.49万元，其中基本支出2319.63万元。"
            "\n\n1、收入说明\n\n一般公共预算收入4739.51万元，基金预算收入988.56万元，上年结转891.02万元。"
            "\n\n2、支出说明\n\n基本支出2319.63万元，项目支出4343.85万元。")
    doc = _with_overview(sample_text, tmp_path, body)
    assert _read(doc)[:7] == _FULL[:7]
    assert doc.income.total is not None and doc.income.total.span.line == 212
    assert _overview_codes(doc) == ["RC002"]


@pytest.mark.parametrize("body", [
    # the total of the 财政拨款 only is no total of all the parts
    f"2023年财政拨款收支总预算4739.51万元。\n\n{_INCOME_FULL}\n\n{_PARTS_ALONE}",
    # the table named, not a total
    f"{_INCOME_FULL}\n\n根据收支预算总表，2023年基本支出2319.63万元，项目支出4343.85万元。",
])
def test_no_total_of_another_kind_for_the_parts(body: str, sample_text: str, tmp_path: Path) -> None:
    doc = _with_overview(sample_text, tmp_path, body)
    assert _read(doc)[3:6] == (None, "2319.63", "4343.85")


# ------------------------------------------------------------------ a fund's or the 财政拨款's statement is no department's

_BASIC_ONLY = "2023年支出预算6663.49万元，其中基本支出2319.63万元。"


@pytest.mark.parametrize(("body", "total"), [
    # a fund's total of 收支 stated alone, before or after the parts stated without a total
    (f"{_INCOME_FULL}\n\n{_PARTS_ALONE}\n\n2023年政府性基金收支预算988.56万元。", None),
    (f"2023年政府性基金收支预算988.56万元。\n\n{_INCOME_FULL}\n\n{_PARTS_ALONE}", None),
    (f"{_INCOME_FULL}\n\n{_PARTS_ALONE}\n\n本单位2023年国有资本经营预算收支总额为0万元。", None),
    (f"{_INCOME_FULL}\n\n{_PARTS_ALONE}\n\n2023年一般公共预算收支预算4739.51万元。", None),
    # … between them and the change paragraph's total, which is the department's
    (f"{_INCOME_FULL}\n\n本单位2023年国有资本经营预算收支总额为0万元。\n\n{_PARTS_ALONE}\n\n{_TOTAL_CHANGE}", "6663.49"),
    # the department's total of 收支 alone is still borrowed
    (f"2023年收支总预算6663.49万元。\n\n{_INCOME_FULL}\n\n{_PARTS_ALONE}", "6663.49"),
])
def test_a_funds_total_is_no_department_total(body: str, total: str | None, sample_text: str,
                                              tmp_path: Path) -> None:
    """政府性基金收支预算988.56万元 / 国有资本经营预算收支总额为0万元 is one fund's: the parts stated
    without a total took it (RC002 and RC004 by thousands of 万元, VA001 at 67.1%)."""
    doc = _with_overview(sample_text, tmp_path, body)
    assert _read(doc)[3:6] == (total, "2319.63", "4343.85")
    assert not [f for f in run_checks(doc) if f.code == "RC004"]


@pytest.mark.parametrize(("body", "read"), [
    # the department's total with 基本支出, then the 财政拨款's parts (after a heading, or naming it)
    (f"{_INCOME_FULL}\n\n{_BASIC_ONLY}\n\n3、财政拨款收支情况\n\n一般公共预算拨款支出中，基本支出2319.63万元，"
     f"项目支出2419.88万元。\n\n{_CHANGES}", ("6663.49", "2319.63", None)),
    (f"{_INCOME_FULL}\n\n{_BASIC_ONLY}\n\n3、财政拨款收支情况\n\n基本支出2319.63万元，项目支出2419.88万元。"
     f"\n\n{_CHANGES}", ("6663.49", "2319.63", None)),
    ("2023年收入预算5728.07万元，其中一般公共预算收入4739.51万元；支出预算6663.49万元，其中基本支出2319.63万元。"
     "\n\n2、财政拨款支出说明\n\n财政拨款支出中，基本支出2319.63万元，项目支出2419.88万元。", ("6663.49", "2319.63", None)),
    # the department's summary total, then only the 财政拨款's parts
    (f"{_INCOME_FULL}\n\n{_TOTAL_ALONE}\n\n财政拨款支出中，基本支出2319.63万元，项目支出2419.88万元。",
     ("6663.49", None, None)),
    # the 财政拨款's statement is read when there is no other
    (f"{_INCOME_FULL}\n\n2023年财政拨款支出预算4739.51万元，其中基本支出2319.63万元，项目支出2419.88万元。",
     ("4739.51", "2319.63", "2419.88")),
    # the department's parts in detail after a summary naming one are still taken
    (f"{_INCOME_FULL}\n\n{_BASIC_ONLY}\n\n2、支出说明\n\n基本支出2319.63万元，项目支出4343.85万元。",
     ("6663.49", "2319.63", "4343.85")),
])
def test_the_fiscal_statement_gives_no_parts_of_the_department(body: str, read: tuple[str | None, ...],
                                                               sample_text: str, tmp_path: Path) -> None:
    """一般公共预算拨款支出中，基本支出…，项目支出2419.88万元 after the department's 支出预算6663.49万元，
    其中基本支出… is the 财政拨款's: its 项目支出 was taken as the department's (RC004 and RC005
    short by 1,923.98万元)."""
    doc = _with_overview(sample_text, tmp_path, body)
    assert _read(doc)[3:6] == read
    assert not [f for f in run_checks(doc) if f.code == "RC004"]


# ------------------------------------------------------------------ a change after a part's own list

@pytest.mark.parametrize(("body", "changes"), [
    # the total's change, then each part in a paragraph of its own, 基本支出 with its own list
    (f"{_INCOME_FULL}\n\n2023年支出预算6663.49万元，比上年减少2017.79万元。\n\n基本支出2319.63万元，其中人员经费"
     f"2135.24万元，公用经费184.4万元，比上年增加73.07万元，{_REASON_BASIC}。\n\n{_PROJECT_CHANGE}",
     [("收支合计", "2017.79"), *_FULL[7]]),
    # the sample's change paragraph with 基本支出's parts after 包括
    (f"{_INCOME_FULL}\n\n{_EXPENDITURE}\n\n2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中：基本支出"
     f"2319.63万元，包括人员经费2135.24万元、公用经费184.4万元，比上年增加73.07万元，{_REASON_BASIC}；项目支出"
     f"4343.85万元，比上年减少2090.87万元，{_REASON_PROJECT}。", [("收支合计", "2017.79"), *_FULL[7]]),
    # … with no change of the total before it: the list's head is still 基本支出
    (f"{_INCOME_FULL}\n\n{_EXPENDITURE}\n\n2023年预算收支安排6663.49万元，其中：基本支出2319.63万元，包括人员经费"
     f"2135.24万元、公用经费184.4万元，比上年增加73.07万元，{_REASON_BASIC}；项目支出4343.85万元，比上年减少"
     f"2090.87万元，{_REASON_PROJECT}。", _FULL[7]),
    # a change after the total's list of parts is the total's
    (f"{_INCOME_FULL}\n\n2023年支出预算6663.49万元，其中：基本支出2319.63万元，项目支出4343.85万元，较2022年减少"
     "2017.79万元。", [("收支合计", "2017.79")]),
])
def test_a_change_after_a_parts_own_list_is_that_parts(body: str, changes: list[tuple[str, str]],
                                                      sample_text: str, tmp_path: Path) -> None:
    """基本支出2319.63万元，其中人员经费…，公用经费…，比上年增加73.07万元 is 基本支出's, the head of
    the list it follows: it was filed as a second change of the total (RC011 short by 73.08万元,
    CP005 on the total's change)."""
    doc = _with_overview(sample_text, tmp_path, body)
    assert _changes(doc) == changes
    assert not [f for f in run_checks(doc) if f.code == "RC011" and "收支合计" in f.message]


# ------------------------------------------------------------------ last year's figures stated beside this year's

_INCOME_2022_FIRST = ("2022年预算收入7000万元，2023年预算收入5728.07万元，其中：一般公共预算收入4739.51万元，"
                      "基金预算收入988.56万元，上年结转891.02万元。")


@pytest.mark.parametrize("body", [
    # last year's total first, by 上年, a year or 去年
    f"{_INCOME_FULL}\n\n上年支出预算8681.28万元，本年支出预算6663.49万元，其中基本支出2319.63万元，项目支出4343.85万元。",
    f"{_INCOME_FULL}\n\n2022年支出预算8681.28万元，2023年支出预算6663.49万元，其中基本支出2319.63万元，项目支出4343.85万元。",
    f"{_INCOME_FULL}\n\n去年支出预算8681.28万元；今年支出预算6663.49万元，其中基本支出2319.63万元，项目支出4343.85万元。",
    f"{_INCOME_2022_FIRST}\n\n{_EXPENDITURE}",
    # a carry-over named by last year's number is this year's
    f"{_INCOME_FULL.replace('上年结转', '2022年结转')}\n\n{_EXPENDITURE}",
    f"{_INCOME_FULL.replace('上年结转', '2022年度结转资金')}\n\n{_EXPENDITURE}",
])
def test_last_years_figures_in_the_overview_are_no_totals(body: str, sample_text: str, tmp_path: Path) -> None:
    """上年支出预算8681.28万元 / 2022年预算收入7000万元 written before this year's was read as the
    total (RC002 and RC004 by 2,017.80万元; RC001 against 7,000万元 with this year's total a source)."""
    doc = _with_overview(sample_text, tmp_path, body)
    assert _read(doc)[:6] == _FULL[:6]
    assert _overview_codes(doc) == ["RC002"]
    assert not [f for f in run_checks(doc) if f.code == "RC004"]


# ------------------------------------------------------------------ income sources by their names alone


@pytest.mark.parametrize(("body", "parts"), [
    ("2023年预算收入5728.07万元，其中一般公共预算4739.51万元，政府性基金988.56万元，上年结转891.02万元。",
     ["4739.51", "988.56"]),
    ("2023年收入预算5728.07万元，其中：一般公共预算4739.51万元；政府性基金预算988.56万元；国有资本经营预算0万元；"
     "财政专户管理资金0万元；事业收入0万元；其他收入0万元；上年结转891.02万元。", ["4739.51", "988.56", "0", "0", "0", "0"]),
    ("2023年收入预算5728.07万元，其中：\n\n1.一般公共预算4739.51万元；\n\n2.政府性基金988.56万元；\n\n3.上年结转891.02万元。",
     ["4739.51", "988.56"]),
    ("一、收入预算：2023年收入5728.07万元，其中一般公共预算4739.51万元，政府性基金988.56万元。上年结转891.02万元。",
     ["4739.51", "988.56"]),
])
def test_income_sources_named_without_income(body: str, parts: list[str], sample_text: str,
                                             tmp_path: Path) -> None:
    """其中一般公共预算4739.51万元，政府性基金988.56万元 under the income total are its sources: none
    were read (RC001 unchecked, or held against 事业收入0万元 and 其他收入0万元 alone)."""
    doc = _with_overview(sample_text, tmp_path, f"{body}\n\n{_EXPENDITURE}")
    assert _read(doc)[:3] == ("5728.07", parts, "891.02")
    assert not [f for f in run_checks(doc) if f.code == "RC001"]


def test_the_spending_by_fund_is_no_income_source(sample_text: str, tmp_path: Path) -> None:
    """一般公共预算… after 支出预算 is the spending of that fund, not a source of the income."""
    body = (f"{_INCOME_FULL}\n\n2023年支出预算6663.49万元，其中一般公共预算4739.51万元，政府性基金1923.98万元；"
            "按经济分类，基本支出2319.63万元，项目支出4343.85万元。")
    doc = _with_overview(sample_text, tmp_path, body)
    assert _read(doc)[:6] == _FULL[:6]


@pytest.mark.parametrize("body", [
    "2023年本年收入5728.07万元（含政府性基金收入988.56万元），上年结转891.02万元。",
    "2023年预算收入5728.07万元，含政府性基金收入988.56万元，上年结转891.02万元。",
    "2023年预算收入5728.07万元，包括政府性基金收入988.56万元，上年结转891.02万元。",
    "2023年预算收入5728.07万元（含政府性基金收入988.56万元、上年结转891.02万元）。",
])
def test_one_source_said_to_be_included_is_no_breakdown(body: str, sample_text: str, tmp_path: Path) -> None:
    """（含政府性基金收入988.56万元） names one source the total includes, not its sources: a false RC001 error held
    988.56万元 against 5,728.07万元 (a reviewer's)."""
    doc = _with_overview(sample_text, tmp_path, f"{body}\n\n{_EXPENDITURE}")
    assert _read(doc)[:3] == ("5728.07", [], "891.02")
    assert not [f for f in run_checks(doc) if f.code == "RC001"]


def test_sources_said_to_be_included_are_still_added_up(sample_text: str, tmp_path: Path) -> None:
    """Two sources or more after 含 are its breakdown: their sum is held against the total as before."""
    body = "2023年预算收入5728.07万元（含一般公共预算收入4739.51万元、政府性基金收入888.56万元），上年结转891.02万元。"
    doc = _with_overview(sample_text, tmp_path, f"{body}\n\n{_EXPENDITURE}")
    [found] = [f for f in run_checks(doc) if f.code == "RC001"]
    assert (found.expected, found.actual) == ("57280700.00", "56280700.00")
