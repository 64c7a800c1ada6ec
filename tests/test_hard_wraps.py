"""Text from a PDF: paragraphs hard-wrapped at a fixed width, page headers and footers between their lines. Each line
was a paragraph of its own: a reviewer's variants read 收入合计 as 4,739.51 (the line began …预算收入4739.51万元 after
one ending 其中：一般公共), lost the stated changes (a number cut from its verb), missed a planted staffing defect and
merged two project tables whose second heading was wrapped."""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.ingest import Line
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file
from budget_audit.parse.blocks import Para, blocks


def _wrapped(sample_text: str, tmp_path: Path, numbers: list[int], width: int = 38, footer: str = "") -> Disclosure:
    lines = sample_text.split("\n")
    for number in numbers:
        parts = textwrap.wrap(lines[number - 1], width)
        if footer:
            parts[1:1] = ["", footer, ""]
        lines[number - 1] = "\n".join(parts)
    path = tmp_path / "wrapped.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return parse_file(path)


def _findings(doc: Disclosure) -> Counter[tuple[str, str, str | None, str | None]]:
    """The findings with their figures (messages name line numbers, which the wrapping shifts)."""
    return Counter((f.code, f.severity, f.expected, f.actual) for f in run_checks(doc))


@pytest.mark.parametrize("width", [30, 38, 45])
def test_wrapped_paragraphs_read_as_the_sample(sample_text: str, sample_doc: Disclosure, tmp_path: Path,
                                               width: int) -> None:
    doc = _wrapped(sample_text, tmp_path, [182, 214, 217, 221, 229], width)
    assert doc.income == sample_doc.income or doc.income.total.yuan == sample_doc.income.total.yuan
    assert [(c.subject, c.delta_yuan) for c in doc.stated_changes()] == [
        (c.subject, c.delta_yuan) for c in sample_doc.stated_changes()]
    assert doc.staffing.total.value == sample_doc.staffing.total.value
    assert _findings(doc) == _findings(sample_doc)
    total = doc.income.total.span
    assert total.end_line - total.line == len(textwrap.wrap(sample_text.split("\n")[213], width)) - 1


@pytest.mark.parametrize("footer", ["第 3 页 共 12 页", "— 3 —", "- 3 -"])
def test_a_page_footer_inside_a_paragraph(sample_text: str, sample_doc: Disclosure, tmp_path: Path,
                                          footer: str) -> None:
    doc = _wrapped(sample_text, tmp_path, [221, 229], footer=footer)
    assert _findings(doc) == _findings(sample_doc)


def test_a_page_break_before_the_change_sentence(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """…公务接待费0.94万元。 / 第 3 页 共 12 页 / 与2022年相比减少12.58万元…: the changes were lost."""
    lines = sample_text.split("\n")
    lines[228] = lines[228].replace("。与2022年相比", "。\n\n第 3 页 共 12 页\n\n与2022年相比")
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    assert [c.subject for c in doc.sangong.changes] == [c.subject for c in sample_doc.sangong.changes]


def test_a_wrapped_project_heading(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    lines = sample_text.split("\n")
    at = next(i for i, t in enumerate(lines) if t.startswith("8.关于提前下达") and t.endswith("绩效目标表"))
    lines[at] = lines[at][:30] + "\n" + lines[at][30:]
    path = tmp_path / "heading.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    assert [p.heading.text for p in doc.projects] == [p.heading.text for p in sample_doc.projects]


def _paras(*texts: str) -> list[str]:
    return [b.text for b in blocks([Line(n, t) for n, t in enumerate(texts, 1)]) if isinstance(b, Para)]


def test_lines_that_are_not_wrapped_stay_apart() -> None:
    title = ["大厂回族自治县京唐城际铁路建设工作指挥部办公室", "2023年单位预算信息公开情况说明"]  # no prose
    assert _paras(*title) == title
    ended = ["2023年支出预算6663.49万元，其中基本支出2319.63万元。", "项目支出4343.85万元，主要为全民大招商。"]
    assert _paras(*ended) == ended
    listed = ["增减变动的主要原因：人员经费增加，公用经费持平，另有", "一是新增项目；"]
    assert _paras(*listed) == listed
    heading = ["2023年，我局机关运行经费共计安排184.4万元，主要用于机关办公区", "三、“三公”经费预算情况"]
    assert _paras(*heading) == heading
    assert _paras("2023年预算收支安排6663.49万元，其中：基本支出增加", "73.07万元。") == [
        "2023年预算收支安排6663.49万元，其中：基本支出增加73.07万元。"]


@pytest.mark.parametrize("page_break", [
    "\n— 5 —\n大厂回族自治县发展和改革局\n",  # footer, then the title's first line atop the next page
    "\n第 5 页 共 60 页\n",
    "2023年单位预算信息公开情况说明\n",  # the running header alone
])
def test_a_page_break_inside_a_table_row(sample_text: str, sample_doc: Disclosure, tmp_path: Path,
                                         page_break: str) -> None:
    """A page break between a cell's label (预算数) and its value: the row ended there, the project's budget was lost
    (a false CP007 and RC005, and a planted RC015 unseen)."""
    lines = sample_text.split("\n")
    assert lines[547:549] == ["\t预算数", "\t260700.00"]
    lines[547] += "\n" + page_break
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    first = doc.projects[0]
    assert first.budget.yuan == sample_doc.projects[0].budget.yuan
    assert first.fiscal.yuan == sample_doc.projects[0].fiscal.yuan
    assert _findings(doc) == _findings(sample_doc)


def test_the_units_name_signing_the_text_is_kept() -> None:
    text = ["大厂回族自治县发展和改革局", "2023年单位预算信息公开情况说明", "", "", "", "", "我单位无其他需要说明的事项。", "",
            "大厂回族自治县发展和改革局"]
    assert _paras(*text)[-1] == "大厂回族自治县发展和改革局"
