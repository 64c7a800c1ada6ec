"""Income and expenditure stated in top-level sections of their own (二、收入预算情况 / 三、支出预算情况) instead of one
总体情况 section: together they are the overview — CP001 said it was missing (an error) and no total, change or
reason of the document was read, so none of the reconciliation rules ran."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from test_format_variants import rewrite, sections

#: The sample's top-level headings after its overview, numbered one further on.
_RENUMBERED = {223: "四、机关运行经费安排情况", 227: "五、财政拨款“三公”经费预算情况及增减变化原因",
               230: "六、绩效预算信息（与单位绩效文本内容保持一致）", 3012: "七、政府采购预算情况",
               3157: "八、国有资产信息", 3195: "九、名词解释", 3216: "十、其他需要说明的事项"}


def _figures(doc: Disclosure) -> tuple[object, ...]:
    e = doc.expenditure
    return (doc.income.total.value if doc.income.total else None, e.total.value if e.total else None,
            e.basic.value if e.basic else None, e.project.value if e.project else None,
            [(c.subject, c.direction, c.amount.value.raw) for c in e.changes])


def _codes(doc: Disclosure) -> list[tuple[str, str, tuple[int, ...]]]:
    return sorted((f.code, f.severity, f.lines) for f in run_checks(doc) if f.code != "CP001")


@pytest.mark.parametrize(("income", "spending"), [
    ("二、收入预算情况", "三、支出预算情况"),
    ("二、2023年收入预算安排情况", "三、支出预算安排情况"),
    ("二、部门收入预算情况说明", "三、部门支出预算情况说明"),
    ("二、支出预算情况", "三、收入预算情况"),
])
def test_income_and_expenditure_sections_are_the_overview(income: str, spending: str, sample_text: str,
                                                          sample_doc: Disclosure, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {208: income, 215: spending, **_RENUMBERED})
    assert ("overview", 208) in sections(doc)
    assert "section:overview" not in doc.missing
    assert not [f for f in run_checks(doc) if f.code == "CP001" and f.severity == "error"]
    assert _figures(doc) == _figures(sample_doc)
    assert _codes(doc) == _codes(sample_doc)


def test_a_second_income_heading_runs_on_in_the_overview(sample_text: str, sample_doc: Disclosure,
                                                         tmp_path: Path) -> None:
    """二、单位预算安排的总体情况 then 三、收入预算情况: the overview starts at the first; the second stays in it."""
    doc = rewrite(sample_text, tmp_path, {215: "三、支出预算情况", **_RENUMBERED})
    assert ("overview", 208) in sections(doc) and ("running_costs", 223) in sections(doc)
    assert _figures(doc) == _figures(sample_doc)


@pytest.mark.parametrize("title", ["二、政府性基金预算支出情况", "二、一般公共预算支出情况", "二、项目支出绩效情况"])
def test_other_titles_naming_income_or_spending_are_not_the_overview(title: str, sample_text: str,
                                                                     tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {208: title, 215: "2、支出说明"})
    assert ("overview", 208) not in sections(doc)


def test_sections_under_a_second_heading_naming_the_overview_are_their_own(sample_text: str, sample_doc: Disclosure,
                                                                           tmp_path: Path) -> None:
    """二、收支预算总体情况 then 三、支出预算情况 holding （一）机关运行经费 and （二）“三公”经费: those are sections of their own,
    as under a heading naming none — read as the overview's, 三公 was "missing" (a CP001 error) and its RC009 lost."""
    doc = rewrite(sample_text, tmp_path, {
        208: "二、收支预算总体情况", 222: "三、支出预算情况", 223: "（一）机关运行经费安排情况",
        227: "（二）财政拨款“三公”经费预算情况及增减变化原因", 230: "四、绩效预算信息（与单位绩效文本内容保持一致）",
        3012: "五、政府采购预算情况", 3157: "六、国有资产信息", 3195: "七、名词解释", 3216: "八、其他需要说明的事项"})
    assert [key for key, _ in sections(doc)] == [key for key, _ in sections(sample_doc)]
    assert ("running_costs", 223) in sections(doc) and ("sangong", 227) in sections(doc)
    assert _codes(doc) == _codes(sample_doc)
