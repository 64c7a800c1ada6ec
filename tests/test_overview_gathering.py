"""Staffing totals with a （含…） remark before their 其中 breakdown, and how the overview's
paragraphs are gathered into the department's expenditure: a sub-unit's own figures, the
财政拨款's statement, paragraphs of another subject between a total and its parts, and parts
written before their total."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure, Figure
from test_format_variants import _CHANGES, _FULL, _INCOME_FULL, _read, _with_overview, rewrite


def _number(fig: Figure | None) -> str | None:
    return None if fig is None or fig.value.number is None else str(fig.value.number)


def _messages(doc: Disclosure, code: str) -> list[str]:
    return [f.message for f in run_checks(doc) if f.code == code]


# ------------------------------------------------------------------ 编制: a （含…） remark, then 其中

@pytest.mark.parametrize(("line_182", "total", "parts"), [
    # a total naming a kind (事业编制80名), its remark naming one kind, then the breakdown
    ("第八条  核定事业编制80名（含管理岗位编制10名），其中管理岗位编制10名，专业技术岗位编制67名，工勤技能岗位编制3名。",
     "核定事业编制", ["10", "67", "3"]),
    ("第八条  全额拨款事业编制80名（包括管理岗位编制10名），其中：管理岗位编制10名；专业技术岗位编制67名；工勤技能岗位编制3名。",
     "全额拨款事业编制", ["10", "67", "3"]),
    # a total naming no kind: the breakdown after 其中, not the remark's kind with it
    ("第八条  机关编制80名（含行政编制17名），其中行政编制17名，工勤编制1名，锁定事业编制62名。",
     "机关编制", ["17", "1", "62"]),
])
def test_staffing_total_with_a_remark_then_its_breakdown(line_182: str, total: str, parts: list[str],
                                                          sample_text: str, tmp_path: Path) -> None:
    """事业编制80名（含管理岗位编制10名），其中… : the 80 is the total and the breakdown after 其中 its
    parts (the remark's kind is neither added to them nor taken out). The total was lost (its
    brackets stood between it and 其中) and counted as a fourth part, so RC013 never ran."""
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    assert doc.staffing.total is not None and doc.staffing.total.label == total
    assert _number(doc.staffing.total) == "80"
    assert [_number(p) for p in doc.staffing.parts] == parts
    assert not _messages(doc, "RC013")


@pytest.mark.parametrize(("line_182", "message"), [
    ("第八条  核定事业编制80名（含管理岗位编制10名），其中管理岗位编制10名，专业技术岗位编制50名，工勤技能岗位编制3名。",
     "各类编制之和 63名（管理岗位编制10名、专业技术岗位编制50名、工勤技能岗位编制3名）与编制总数 80名 不符"),
    ("第八条  行政编制80名（含参公编制17名），其中行政编制17名，工勤编制1名，锁定事业编制45名。",
     "各类编制之和 63名（行政编制17名、工勤编制1名、锁定事业编制45名）与编制总数 80名 不符"),
    # a total naming no kind, as before
    ("第八条  机关编制80名（含行政编制17名），其中行政编制17名，工勤编制1名，锁定事业编制45名。",
     "各类编制之和 63名（行政编制17名、工勤编制1名、锁定事业编制45名）与编制总数 80名 不符"),
])
def test_staffing_breakdown_after_a_remark_that_does_not_add_up(line_182: str, message: str, sample_text: str,
                                                                 tmp_path: Path) -> None:
    """The breakdown after 其中 is held against the total before the remark: 63 against 80."""
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    assert _messages(doc, "RC013") == [message]


@pytest.mark.parametrize(("line_182", "total", "parts"), [
    # a remark naming some kinds and no breakdown: no parts
    ("第八条  机关编制80名（含行政编制17名），正股级领导职数22名。", "80", []),
    # a first part's own remark in the breakdown is no part
    ("第八条  编制80名，其中行政编制17名（含参公编制5名），工勤编制1名，锁定事业编制62名。", "80", ["17", "1", "62"]),
    # a kind's total with its parts in brackets after it, no 其中 after them: as before
    ("第八条  行政编制17名，工勤编制1名，锁定事业编制62名（共计80名）。", "80", ["17", "1", "62"]),
])
def test_staffing_remarks_that_stay_as_they_were(line_182: str, total: str, parts: list[str], sample_text: str,
                                                 tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    assert _number(doc.staffing.total) == total
    assert [_number(p) for p in doc.staffing.parts] == parts
    assert not _messages(doc, "RC013")


# ------------------------------------------------------------------ the overview: whose parts they are

_TOTAL_ALONE = "2023年支出预算6663.49万元。"
_BASIC_USE = "基本支出2319.63万元，主要用于保障机构正常运转和完成日常工作任务。"
_PROJECT_USE = "项目支出4343.85万元，主要用于天然气迎风度冬保障等。"
_FISCAL_PARTS = "财政拨款支出4739.51万元，其中基本支出2319.63万元，项目支出2419.88万元。"


def _spent(doc: Disclosure) -> tuple[object, ...]:
    """(total, 基本支出, 项目支出) of the expenditure read."""
    return _read(doc)[3:6]


def _overview_codes(doc: Disclosure) -> list[str]:
    """The codes of the findings about the expenditure."""
    return sorted(f.code for f in run_checks(doc) if f.code in ("RC002", "RC004", "RC005", "CP002")
                  and any(word in f.message for word in ("支出", "收支")))


@pytest.mark.parametrize("units", [
    # a sub-unit's parts after the department's total alone
    "局机关基本支出2000万元，项目支出3000万元。",
    "价格认证中心2023年基本支出300万元，项目支出50万元。",
    "（1）局机关：基本支出2000万元，项目支出3000万元。",
    # … after 其中, the rest of the sentence the unit's
    "其中局机关基本支出2000万元，项目支出3000万元。",
    # … with its own total, or its parts after its total in paragraphs of their own
    "局机关支出预算5000万元，其中基本支出2000万元，项目支出3000万元。",
    "局机关支出预算5000万元。\n\n基本支出2000万元，主要用于机关运转。\n\n项目支出3000万元。",
    # … under a heading naming it
    "（一）局机关\n\n基本支出2000万元，主要用于机关运转。\n\n项目支出3000万元。",
])
def test_a_sub_units_figures_are_not_the_departments_parts(units: str, sample_text: str, tmp_path: Path) -> None:
    """局机关基本支出2000万元，项目支出3000万元 after the department's 支出预算6663.49万元 are the
    局机关's: they were read as the department's parts (RC004 by 1,663.49万元, RC005 against
    3,000万元) or, with a total of the unit's, the unit's total was the department's (5,000万元)."""
    doc = _with_overview(sample_text, tmp_path, f"{_INCOME_FULL}\n\n{_TOTAL_ALONE}\n\n{units}\n\n{_CHANGES}")
    assert _spent(doc) == ("6663.49", None, None)
    assert _overview_codes(doc) == ["CP002", "CP002", "RC002"]  # 基本支出 and 项目支出 not stated


@pytest.mark.parametrize("units", [
    # the department's own parts, then a unit's
    f"{_BASIC_USE}\n\n{_PROJECT_USE}\n\n局机关基本支出2000万元，项目支出3000万元。",
    # a unit's after the department's in one sentence
    "基本支出2319.63万元，项目支出4343.85万元；其中局机关基本支出2000万元，项目支出3000万元。",
    # the department's units together, or the department by its name
    "局机关及所属事业单位基本支出2319.63万元，项目支出4343.85万元。",
    "大厂回族自治县发展和改革局基本支出2319.63万元，项目支出4343.85万元。",
])
def test_the_departments_own_parts_beside_a_units(units: str, sample_text: str, tmp_path: Path) -> None:
    doc = _with_overview(sample_text, tmp_path, f"{_INCOME_FULL}\n\n{_TOTAL_ALONE}\n\n{units}\n\n{_CHANGES}")
    assert _read(doc) == _FULL
    assert _overview_codes(doc) == ["RC002"]  # the sample's own gap of 44.40万元


@pytest.mark.parametrize("body", [
    # the 财政拨款's statement first, its total written 财政拨款支出 (no 预算)
    f"{_FISCAL_PARTS}\n\n2023年基本支出2319.63万元，项目支出4343.85万元。",
    f"2023年{_FISCAL_PARTS.replace('其中', '其中：')}\n\n2023年基本支出2319.63万元，项目支出4343.85万元。",
    # the department's parts each in a paragraph of its own, after the 财政拨款's statement or before it
    f"{_FISCAL_PARTS}\n\n{_BASIC_USE}\n\n{_PROJECT_USE}",
    f"2023年财政拨款支出预算4739.51万元，其中基本支出2319.63万元，项目支出2419.88万元。\n\n{_BASIC_USE}\n\n{_PROJECT_USE}",
    f"{_BASIC_USE}\n\n{_PROJECT_USE}\n\n2023年财政拨款支出预算4739.51万元，其中基本支出2319.63万元，项目支出2419.88万元。",
])
def test_the_departments_parts_outrank_the_fiscal_statement(body: str, sample_text: str, tmp_path: Path) -> None:
    """The department's 基本支出 and 项目支出 stated without a total are its own: the 财政拨款's
    statement with both its parts was read instead (RC005 against 2,419.88万元)."""
    doc = _with_overview(sample_text, tmp_path, f"{_INCOME_FULL}\n\n{body}\n\n{_CHANGES}")
    assert _spent(doc) == (None, "2319.63", "4343.85")
    assert _overview_codes(doc) == ["CP002"]  # no total of the department's stated


@pytest.mark.parametrize(("body", "spent"), [
    # the department's total alone, then the 财政拨款's statement: no parts of the department's
    (f"{_TOTAL_ALONE}\n\n{_FISCAL_PARTS}", ("6663.49", None, None)),
    # the 财政拨款's total alone with its parts in paragraphs of their own, before or after the department's total
    (f"2023年财政拨款支出预算4739.51万元。\n\n{_BASIC_USE}\n\n项目支出2419.88万元。\n\n{_TOTAL_ALONE}", ("6663.49", None, None)),
    (f"{_TOTAL_ALONE}\n\n2023年财政拨款支出预算4739.51万元。\n\n{_BASIC_USE}\n\n项目支出2419.88万元。", ("6663.49", None, None)),
    (f"3、财政拨款收支情况\n\n{_BASIC_USE}\n\n项目支出2419.88万元。\n\n{_TOTAL_ALONE}", ("6663.49", None, None)),
    # the 财政拨款's statement alone is still read
    (_FISCAL_PARTS, (None, "2319.63", "2419.88")),
    ("2023年财政拨款支出预算4739.51万元。\n\n基本支出2319.63万元。\n\n项目支出2419.88万元。", ("4739.51", None, None)),
])
def test_the_fiscal_statements_parts_stay_its_own(body: str, spent: tuple[str | None, ...], sample_text: str,
                                                  tmp_path: Path) -> None:
    doc = _with_overview(sample_text, tmp_path, f"{_INCOME_FULL}\n\n{body}\n\n{_CHANGES}")
    assert _spent(doc) == spent


@pytest.mark.parametrize("aside", [
    "按照综合预算原则，全部收入和支出都反映在预算中。",
    "2023年，我局机关运行经费共计安排184.4万元。",
    "2023年政府采购预算120万元。",
    "一般公共预算收入4739.51万元。",
    "2、支出说明",
])
@pytest.mark.parametrize("where", ["before the parts", "between the parts"])
def test_a_paragraph_of_another_subject_between_the_total_and_its_parts(aside: str, where: str, sample_text: str,
                                                                       tmp_path: Path) -> None:
    """A paragraph on another subject between 支出预算6663.49万元 and 基本支出… / 项目支出… broke the
    gathering: the parts after it were lost (CP002 for each, RC004 unchecked)."""
    parts = (f"{aside}\n\n{_BASIC_USE}\n\n{_PROJECT_USE}" if where == "before the parts"
             else f"{_BASIC_USE}\n\n{aside}\n\n{_PROJECT_USE}")
    doc = _with_overview(sample_text, tmp_path, f"{_INCOME_FULL}\n\n{_TOTAL_ALONE}\n\n{parts}\n\n{_CHANGES}")
    assert _read(doc) == _FULL
    assert _overview_codes(doc) == ["RC002"]


@pytest.mark.parametrize("body", [
    # both parts before the total, in either order, the total alone or with its use
    f"{_BASIC_USE}\n\n{_PROJECT_USE}\n\n{_TOTAL_ALONE}",
    f"{_PROJECT_USE}\n\n{_BASIC_USE}\n\n{_TOTAL_ALONE}",
    f"{_BASIC_USE}\n\n{_PROJECT_USE}\n\n2023年支出预算6663.49万元，主要用于保障单位正常运转和事业发展。",
    # one before it, one after it
    f"{_BASIC_USE}\n\n{_TOTAL_ALONE}\n\n{_PROJECT_USE}",
    # a paragraph of another subject between them
    f"{_BASIC_USE}\n\n{_PROJECT_USE}\n\n2023年，我局机关运行经费共计安排184.4万元。\n\n{_TOTAL_ALONE}",
])
def test_parts_written_before_their_total(body: str, sample_text: str, tmp_path: Path) -> None:
    """基本支出… and 项目支出… each in a paragraph of its own before 支出预算6663.49万元 are its
    parts: they were lost (CP002 for each, or for 基本支出 alone)."""
    doc = _with_overview(sample_text, tmp_path, f"{_INCOME_FULL}\n\n{body}\n\n{_CHANGES}")
    assert _read(doc) == _FULL
    assert _overview_codes(doc) == ["RC002"]


def test_parts_before_a_total_that_states_them_stay_apart(sample_text: str, tmp_path: Path) -> None:
    """Parts before a total that states its own are not added to it (the first read stays)."""
    body = ("基本支出2000万元，主要用于机关运转。\n\n2023年支出预算6663.49万元，其中基本支出2319.63万元，"
            "项目支出4343.85万元。")
    doc = _with_overview(sample_text, tmp_path, f"{_INCOME_FULL}\n\n{body}\n\n{_CHANGES}")
    assert _read(doc) == _FULL
