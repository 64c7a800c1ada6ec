"""Staffing totals with a （含…） remark before their 其中 breakdown, and layouts of the overview
whose reading as the department's expenditure must hold: a department named like a sub-unit, a
statement naming its funds first, project parts named like units, last year's parts before this
year's total."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure, Figure
from test_format_variants import rewrite


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


# ------------------------------------------------------------------ layouts the department's reading must keep

_EXPENDITURE = 217
_DEPARTMENT = ("6663.49", "2319.63", "4343.85")


def _spent(doc: Disclosure) -> tuple[str | None, str | None, str | None]:
    e = doc.expenditure
    return _number(e.total), _number(e.basic), _number(e.project)


@pytest.mark.parametrize("name", ["县人民法院", "县疾病预防控制中心", "我院", "本中心", "县财政局机关"])
def test_a_department_named_like_a_unit_keeps_its_statement(name: str, sample_text: str, tmp_path: Path) -> None:
    """A department whose own name ends like a sub-unit's (法院, 中心, 机关) is the department, before
    and after a 财政拨款 statement (a review of an attempt to tell sub-units apart found it lost)."""
    own = f"{name}2023年支出预算6663.49万元，其中基本支出2319.63万元，项目支出4343.85万元。"
    fund = "财政拨款支出预算4739.51万元，其中基本支出2319.63万元，项目支出2419.88万元。"
    for text in (own + "\n\n" + fund, fund + "\n\n" + own):
        assert _spent(rewrite(sample_text, tmp_path, {_EXPENDITURE: text})) == _DEPARTMENT


def test_a_statement_naming_its_funds_first_is_the_departments(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {_EXPENDITURE: lambda line: line.replace(
        "2023年支出预算6663.49万元", "2023年财政拨款支出4739.51万元，非财政拨款支出1923.98万元，合计支出预算6663.49万元")})
    assert _spent(doc) == _DEPARTMENT


def test_project_parts_named_like_units_are_parts(sample_text: str, tmp_path: Path) -> None:
    """（1）县数据中心运维项目支出…（2）充电站项目支出…: parts of 项目支出, not sub-units' figures."""
    doc = rewrite(sample_text, tmp_path, {_EXPENDITURE: (
        "2023年支出预算6663.49万元，其中基本支出2319.63万元，项目支出4343.85万元，具体如下：\n"
        "（1）县数据中心运维项目支出2000万元；\n（2）充电站项目支出2343.85万元。")})
    assert _spent(doc) == _DEPARTMENT
    assert [_number(p) for p in doc.expenditure.project_parts] == ["2000", "2343.85"]
    assert not _messages(doc, "RC006")


def test_last_years_parts_before_this_years_total_are_not_its(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {_EXPENDITURE: (
        "2022年基本支出2246.56万元。\n\n2022年项目支出6434.72万元。\n\n2023年支出预算6663.49万元。")})
    assert _spent(doc) == ("6663.49", None, None)
