"""Figures scanned with letters among their digits (OCR: l or I for 1, O or o for 0). "l8.84万元" was read as 8.84万元
and "5728.O7万元" as a part of 7万元 — wrong figures behind authoritative-looking errors, with nothing to say a
character was unreadable. They are read as digits and each is reported (CS011)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.ingest import Line, read_misread
from budget_audit.model import Disclosure
from test_format_variants import rewrite


@pytest.mark.parametrize(("line", "old", "new", "figure"), [
    (229, "安排18.84万元", "安排l8.84万元", lambda d: d.sangong.total),
    (214, "收入5728.07万元", "收入5728.O7万元", lambda d: d.income.total),
    (217, "基本支出2319.63万元", "基本支出23l9.63万元", lambda d: d.expenditure.basic),
])
def test_a_misread_figure_is_read_as_digits_and_reported(sample_text: str, sample_doc: Disclosure, tmp_path: Path,
                                                         line: int, old: str, new: str, figure) -> None:  # noqa: ANN001
    doc = rewrite(sample_text, tmp_path, {line: lambda t: t.replace(old, new)})
    assert figure(doc).yuan == figure(sample_doc).yuan
    (found,) = [f for f in run_checks(doc) if f.code == "CS011"]
    written = new.removeprefix(old.rstrip("0123456789.万元")).removesuffix("万元")
    assert found.lines == (line,) and f"“{written}”" in found.message
    assert {f.code for f in run_checks(doc)} - {"CS011"} == {f.code for f in run_checks(sample_doc)}


def test_a_table_cell_misread(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {549: "\t2607OO.OO"})
    assert doc.projects[0].budget.yuan == sample_doc.projects[0].budget.yuan
    assert [f.lines for f in run_checks(doc) if f.code == "CS011"] == [(549,)]


@pytest.mark.parametrize("text", ["No.5万元", "IDl0元", "项目编码13102823P00279410102H", "ISO9001认证", "\t2023O", "PM2.5浓度"])
def test_letters_that_are_no_misread_figure(text: str) -> None:
    assert read_misread([Line(1, text)]) == ([Line(1, text)], ())


def test_the_sample_has_no_misread_figure(sample_doc: Disclosure) -> None:
    assert sample_doc.source.misread == ()


@pytest.mark.parametrize(("line", "old", "new", "figure"), [
    (217, "基本支出2319.63万元", "基本支出23 19.63万元", lambda d: d.expenditure.basic),
    (214, "基金预算收入988.56万元", "基金预算收入988. 56万元", lambda d: d.income.parts[1]),
    (225, "184.4万元", "18 4.4万元", lambda d: d.running_costs.amount),
])
def test_a_figure_cut_by_a_space_is_read_whole_and_reported(sample_text: str, sample_doc: Disclosure, tmp_path: Path,
                                                            line: int, old: str, new: str, figure) -> None:  # noqa: ANN001
    """23 19.63万元 was read as 19.63, 988. 56万元 as 56 and 18 4.4万元 as 4.4 — silently, or behind errors quoting the
    wrong figure (a reviewer's find)."""
    doc = rewrite(sample_text, tmp_path, {line: lambda t: t.replace(old, new, 1)})
    assert figure(doc).yuan == figure(sample_doc).yuan
    (found,) = [f for f in run_checks(doc) if f.code == "CS011"]
    assert found.lines == (line,) and "中间有空格" in found.message
    assert {f.code for f in run_checks(doc)} - {"CS011"} == {f.code for f in run_checks(sample_doc)}


@pytest.mark.parametrize("text", ["收入5 728.07万元", "1 365 000元", "共计18 400万元", "2023年 12万元", "第3条 12万元"])
def test_thousands_grouped_with_spaces_are_no_cut_figure(text: str) -> None:
    assert read_misread([Line(1, text)]) == ([Line(1, text)], ())
