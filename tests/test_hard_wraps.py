"""Text from a PDF: paragraphs hard-wrapped at a fixed width, page headers and footers between their lines. Each line
was a paragraph of its own: a reviewer's variants read 收入合计 as 4,739.51 (the line began …预算收入4739.51万元 after
one ending 其中：一般公共), lost the stated changes (a number cut from its verb), missed a planted staffing defect and
merged two project tables whose second heading was wrapped."""

from __future__ import annotations

import textwrap
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.ingest import Line
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file
from budget_audit.parse.blocks import Para, blocks
from budget_audit.parse.wraps import Wrap, continues, wrap_width


def _wrapped(sample_text: str, tmp_path: Path, numbers: list[int] | None = None, width: int = 38,
             footer: str = "") -> Disclosure:
    """The sample as pdftotext gives it: every line of text (not a table's cell) wrapped at ``width`` characters;
    ``footer``, a page's footer, after the first line of each of lines ``numbers``."""
    out: list[str] = []
    for number, line in enumerate(sample_text.split("\n"), 1):
        parts = [line] if line.startswith("\t") or not line.strip() else textwrap.wrap(line, width)
        if footer and number in (numbers or []):
            parts[1:1] = ["", footer, ""]
        out += parts
    path = tmp_path / "wrapped.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    return parse_file(path)


def _findings(doc: Disclosure) -> Counter[tuple[str, str, str | None, str | None]]:
    """The findings with their figures (messages name line numbers, which the wrapping shifts)."""
    return Counter((f.code, f.severity, f.expected, f.actual) for f in run_checks(doc))


@pytest.mark.parametrize("width", [30, 38, 45])
def test_wrapped_paragraphs_read_as_the_sample(sample_text: str, sample_doc: Disclosure, tmp_path: Path,
                                               width: int) -> None:
    doc = _wrapped(sample_text, tmp_path, width=width)
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
    assert continues("2023年预算收支安排6663.49万元，其中：基本支出增加", None, "2023年预算收支安排6663.49万元，其中：基本支出增加",
                     "73.07万元。", lambda: Wrap(None, 30))  # a number cut from its verb, in a document wrapped at its width
    assert continues("2023年预算收支安排6663.49万元，其中：基本支出增加", None, "2023年预算收支安排6663.49万元，其中：基本支出增加",
                     "73.07万元。", lambda: None)  # in any document: no paragraph opens with an amount
    assert not continues("2023年预算收支安排6663.49万元，其中：基本支出增加", None, "2023年预算收支安排6663.49万元，其中：基本支出增加",
                         "人员经费增加70万元。", lambda: None)  # a document written a paragraph per line


def test_only_a_document_whose_lines_are_as_wide_as_each_other_is_wrapped(sample_text: str) -> None:
    lines = [Line(n, t) for n, t in enumerate(sample_text.split("\n"), 1)]
    assert wrap_width(lines) is None  # the sample: a paragraph per line
    wrapped = [Line(n, t) for n, t in enumerate(
        [p for t in sample_text.split("\n") for p in (textwrap.wrap(t, 38) if t.strip() and t[0] != "\t" else [t])], 1)]
    found = wrap_width(wrapped)
    assert found is not None and found.chars in (38, 40)  # the indented first line is as wide


@pytest.mark.parametrize("page_break", [
    "\n— 5 —\n大厂回族自治县发展和改革局\n",  # footer, then the title's first line atop the next page
    "\n第 5 页 共 60 页\n",
    "2023年单位预算信息公开情况说明\n",  # the running header alone
    "\n\n5\n",  # the page's number alone, between blank lines
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


@pytest.mark.parametrize(("at", "page_break"), [
    (585, "\n- 3 -\n"), (585, "\n第 3 页\n"), (585, "\n\n- 4 -"),  # between two rows
    (588, "\n\n- 3 -\n"), (590, "\n第 3 页\n"),  # inside a row: it goes on after the footer
])
def test_a_page_break_between_indicator_rows(sample_text: str, sample_doc: Disclosure, tmp_path: Path,
                                             at: int, page_break: str) -> None:
    """A page's footer between two indicator rows, one cell a line (⇥ / ⇥质量指标 / … after it: its 一级 cell merged
    above): the next row was read as the cut row's going on — its indicator lost (a false CP003 缺少：产出指标·质量指标)."""
    lines = sample_text.split("\n")
    assert lines[585:588] == ["", "\t", "\t质量指标"]
    lines[at] += page_break
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    assert [[(i.level1, i.level2, i.level3, i.value.raw) for i in p.indicators] for p in doc.projects] == [
        [(i.level1, i.level2, i.level3, i.value.raw) for i in p.indicators] for p in sample_doc.projects]
    assert _findings(doc) == _findings(sample_doc)


def _indicators(doc: Disclosure) -> list[list[tuple[str, str, str, str]]]:
    return [[(i.level1, i.level2, i.level3, i.value.raw) for i in p.indicators] for p in doc.projects]


@pytest.mark.parametrize("footer", ["- 3 -", "第 3 页 共 9 页"])
def test_a_page_footer_between_indicator_rows_with_no_blank_line(sample_text: str, sample_doc: Disclosure,
                                                                 tmp_path: Path, footer: str) -> None:
    """A page's footer right between two indicator rows, no blank line around it (⇥聘用合同 / - 3 - / ⇥ / ⇥质量指标 / …, a
    reviewer's): the next row was joined to the one before, its indicator lost — a false CP003 缺少：产出指标·质量指标,
    a planted 120% (IN004) unseen."""
    lines = sample_text.split("\n")
    assert lines[584:586] == ["\t聘用合同", ""] and lines[590] == "\t100%"
    lines[590] = "\t120%"
    lines[585] = footer
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    assert _indicators(doc)[0][1] == ("产出指标", "质量指标", "招聘人员学历水平达标率", "120%")
    assert [f.code for f in run_checks(doc) if f.code in ("CP003", "IN004") and "社会发展" in f.message] == ["IN004"]


def test_an_indicator_rows_last_cell_split_by_a_page_footer(sample_text: str, sample_doc: Disclosure,
                                                            tmp_path: Path) -> None:
    """…but the rest of a row's last cell after the footer (⇥聘用 / - 3 - / ⇥合同, then a blank line) is no row: it goes
    on with the row the footer cut (read as a row of its own, it would be an indicator of no name: a false IN002)."""
    lines = sample_text.split("\n")
    lines[584:585] = ["\t聘用", "- 3 -", "\t合同"]
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    assert _indicators(doc) == _indicators(sample_doc)
    assert _findings(doc) == _findings(sample_doc)


@pytest.mark.parametrize(("untabbed", "at"), [
    (False, 582),  # inside a row (⇥劳务派遣人员数量 / 5 / ⇥5人): it goes on after the number
    (True, 584), (False, 584),  # between two rows (聘用合同 / 5 / 质量指标)
])
def test_a_page_number_alone_inside_an_indicator_table(sample_text: str, tmp_path: Path, untabbed: bool,
                                                       at: int) -> None:
    """A page's number alone between blank lines in an indicator table (a reviewer's, with tabs and without): it made a
    row of its own — an indicator of no name (a false IN002 指标“”未填写指标值) and the rows after it out of their
    classes (a false CP003 缺少：产出指标·质量指标、…); inside a row, it cut the row (a false IN002 未填写指标值)."""
    lines = [line.removeprefix("\t") if untabbed else line for line in sample_text.split("\n")]
    tab = "" if untabbed else "\t"
    assert lines[582:586] == [f"{tab}劳务派遣人员数量", f"{tab}5人", f"{tab}聘用合同", ""]

    def parsed(name: str, text: list[str]) -> Disclosure:
        path = tmp_path / name
        path.write_text("\n".join(text), encoding="utf-8")
        return parse_file(path)

    doc, base = parsed("page.txt", [*lines[: at + 1], "", "5", "", *lines[at + 1 :]]), parsed("base.txt", lines)
    assert _indicators(doc) == _indicators(base)
    assert _findings(doc) == _findings(base)


@pytest.mark.parametrize(("cells", "value"), [
    (["5", "劳务派遣服务合同约定"], "5"),  # a bare value between long cells
    (["不少于5名劳务派遣人员", "17", "劳务派遣服务合同约定"], "不少于5名劳务派遣人员"),  # the page's number after the value
])
def test_a_bare_value_one_cell_a_line_between_long_cells(sample_text: str, tmp_path: Path, cells: list[str],
                                                         value: str) -> None:
    """One cell a line with no tab (a reviewer's): 劳务派遣人员数量 / 5 / 劳务派遣服务合同约定 — a number alone between two
    long lines, dropped as a page's number: the basis was read as the value (a false IN001), the bare 5 unseen (IN002).
    Standing after the row's value (不少于5名… / 17 / …), a number alone is still the page's."""
    lines = [line.removeprefix("\t") for line in sample_text.split("\n")]
    assert lines[582:585] == ["劳务派遣人员数量", "5人", "聘用合同"]
    lines[583:585] = cells
    path = tmp_path / "untabbed.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    first = doc.projects[0].indicators[0]
    assert (first.level3, first.value.raw) == ("聘用劳务派遣人员数量", value)
    bare = [f.message for f in run_checks(doc) if f.code == "IN002" and "社会发展" in f.message]
    assert bare == (["项目“社会发展和经济运行服务费”指标“聘用劳务派遣人员数量”的指标值“5”只有数字没有计量单位，无法判断考核口径"]
                    if value == "5" else [])


@pytest.mark.parametrize(("at", "page_break"), [
    (3180, "\n- 12 -\n"), (3172, "\n第 12 页 共 12 页\n"), (3180, "\n- 12 -"),  # between asset rows
    (562, "\n- 3 -\n"), (562, "\n- 3 -"),  # between a spending plan's months and its values
    (560, "\n- 3 -"), (560, "\n\n- 3 -\n"),  # inside the months (10月底 and 12月底 on the next page): they go on
])
def test_a_page_break_between_rows_of_a_table_of_rows_alike(sample_text: str, sample_doc: Disclosure, tmp_path: Path,
                                                           at: int, page_break: str) -> None:
    """A page's footer between two rows of the asset table, or between a plan's months and its values (a reviewer's): the
    next row was read as the cut row's going on — 2、车辆 lost (a false RC014 error of 72.00万元), the plan lost (a planted
    drop unreported). A project's rows of fields cut by a footer still go on after it (the test above)."""
    lines = sample_text.split("\n")
    assert lines[3180:3183] == ["", "\t2、车辆（台、辆）", "\t"] and lines[562:564] == ["", "\t"]
    lines[at] += page_break
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    assert [(f.label, f.yuan) for f in doc.assets.classes] == [(f.label, f.yuan) for f in sample_doc.assets.classes]
    assert [(p.label, p.value.raw) for p in doc.projects[0].spending_plan] == [
        (p.label, p.value.raw) for p in sample_doc.projects[0].spending_plan]
    assert _findings(doc) == _findings(sample_doc)


@pytest.mark.parametrize("months", [["3月31日", "6月30日", "9月30日", "12月31日"],
                                    ["截至3月底", "截至6月底", "截至9月底", "截至12月底"], ["1-3月", "1-6月", "1-9月", "1-12月"]])
@pytest.mark.parametrize(("at", "page_break"), [
    (561, "\n\n- 3 -\n"), (561, "\n- 3 -"),  # between the months and their values: the plan read
    (560, "\n\n- 3 -\n"),  # inside the months (12月… on the next page): they go on
])
def test_a_page_break_after_months_written_as_dates(sample_text: str, tmp_path: Path, months: list[str], at: int,
                                                    page_break: str) -> None:
    """A plan's months written as dates or 截至… (a reviewer's), a page's footer after them: they were no months to the
    footer's rule (3月底, 第一季度 only), the values joined the months' row and the plan was lost — a planted 12月底 90%
    (IN012) unseen. Without the footer they were read."""
    lines = sample_text.split("\n")
    assert lines[558:562] == ["\t3月底", "\t6月底", "\t10月底", "\t12月底"] and lines[567] == "\t100%"
    lines[558:562] = [f"\t{month}" for month in months]
    lines[567] = "\t90%"
    lines[at] += page_break
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    assert [(p.label, p.value.raw) for p in doc.projects[0].spending_plan] == [
        *zip(months, ["0%", "0%", "0%", "90%"], strict=True)]
    assert [f.code for f in run_checks(doc) if f.code == "IN012"] == ["IN012"]


def test_the_units_name_signing_the_text_is_kept() -> None:
    text = ["大厂回族自治县发展和改革局", "2023年单位预算信息公开情况说明", "", "", "", "", "我单位无其他需要说明的事项。", "",
            "大厂回族自治县发展和改革局"]
    assert _paras(*text)[-1] == "大厂回族自治县发展和改革局"


def test_a_paragraph_per_line_is_never_joined() -> None:
    """A document written a paragraph per line, no blank line between (a Word export): the “三公” parts one a line
    with no 。 were joined into one paragraph (a false RC009 error), headings of other styles were absorbed into the
    line before (a false CP001), paragraphs of creeping widths chained (a reviewer's adversarial cases)."""
    parts = ["2024年“三公”经费预算6.20万元，比上年减少0.60万元", "因公出国（境）费0万元，与上年持平",
             "公务用车购置及运维费4.60万元，比上年减少0.40万元，其中公务用车购置费0万元，公务用车运维费4.60万元",
             "公务接待费1.60万元，比上年减少0.20万元"]
    assert _paras(*parts) == parts
    for heading in ["四.“三公”经费预算", "四．“三公”经费预算", "## 四、“三公”经费预算", "**四、“三公”经费预算**",
                    "【四、“三公”经费预算】", "第四章 “三公”经费预算", "四 、“三公”经费预算"]:
        lines = ["2024年机关运行经费预算48.20万元，比上年减少2.10万元，主要原因是压减一般性支出", heading]
        assert _paras(*lines) == lines, heading
    creeping = [f"2024年收入预算1286.54万元，比上年增加88.18万元，全部为一般公共预算拨款收入{'甲' * n}。"
                for n in (0, 0, 2, 4, 4)]
    assert _paras(*creeping) == creeping


def test_a_table_of_contents_entry_is_no_running_header(sample_text: str, tmp_path: Path) -> None:
    """A contents entry among the first lines (三、机关运行经费) is no title repeated atop each page: its heading in the
    text, after a page's footer, was dropped (a false CP001)."""
    lines = ["某县退役军人事务局", "三、机关运行经费", "2024年部门预算公开说明", "",
             "一、部门职责", "负责退役军人思想政治、管理保障等工作，内设机构5个。", "", "— 2 —", "", "三、机关运行经费",
             "2024年机关运行经费预算48.20万元，主要用于办公费、水电费。"]
    assert "三、机关运行经费" in _paras(*lines)[3:]


def _sangong_spaced(footer: str) -> list[str]:
    return [
        "四、“三公”经费预算",
        "2023年“三公”经费预算情况如下（单位：万元）：",
        "项目                   2022年预算     2023年预算     增减",
        "合计                   7.00           6.20           -0.80",
        "因公出国（境）费       0.00           0.00           0.00",
        "公务用车购置及运维费   4.60           4.20           -0.40",
        "其中：公务用车购置费   0.00           0.00           0.00",
        "公务用车运维费         4.60           4.20           -0.40",
        *(["", footer, ""] if footer else []),
        "公务接待费             2.40           2.00           -0.40",
        "公务用车购置及运维费减少的主要原因是严格控制公务用车使用；公务接待费减少的主要原因是落实过紧日子要求。",
    ]


@pytest.mark.parametrize("footer", ["", "— 1 —", "第 1 页 共 9 页"])
def test_a_page_break_inside_a_table_aligned_with_spaces(sample_text: str, tmp_path: Path, footer: str) -> None:
    """pdftotext -layout: a footer inside the “三公” table ended it — the 公务接待费 row after it was lost (a false
    RC009 error and CP004, a reviewer's PDF copies); and reasons given by name after the table (公务接待费减少的主要原因
    是…) were not the rows' (a false CP005 on the clean copies)."""
    lines = sample_text.split("\n")
    lines[226:229] = _sangong_spaced(footer)
    path = tmp_path / "spaced.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    assert doc.sangong.reception is not None and doc.sangong.reception.yuan == Decimal("20000.00")
    codes = {f.code for f in run_checks(doc) if 226 <= f.first_line <= 240}
    assert not codes & {"RC009", "CP004", "CP005", "RC011", "VA002"}


def test_the_wrap_width_is_the_texts_not_the_tables(sample_text: str) -> None:
    """A PDF with many tables (pdftotext -layout keeps each paragraph's first-line indent): the widths of the table
    rows hid the text's, no wrap was found, and a paragraph cut in two stayed two (a false RC001, RC002, RC011 on a
    reviewer's copies)."""
    text = "这是一段用于测试的说明文字，内容重复以便构成一个被折行的段落，数字一二三四五六七八九十。" * 30
    wrapped = ["    " + text[:36]] + [text[i:i + 38] for i in range(36, len(text), 38)]
    rows = [f"{'项目' + str(i):<20}{i * 1.5:>12.2f}{i * 3:>10}" for i in range(60)]  # a table's rows, other widths
    lines = [Line(n, t) for n, t in enumerate([*wrapped, *rows], 1)]
    found = wrap_width(lines, set(range(len(wrapped), len(lines))))
    assert found is not None and found.chars in (38, 40)  # the indented first line is as wide
    assert [b.text for b in blocks(lines) if isinstance(b, Para)][0] == text


@pytest.mark.parametrize(("short", "joined"), [(6, True), (12, True), (16, False)])
def test_a_line_cut_mid_sentence_short_of_the_width(short: int, joined: bool) -> None:
    """…主要原因是高 / 标准农田建设…: a word that did not fit went to the next line, leaving the line a few columns short of
    the wrap width — it was a paragraph end, the reason cut to "高" (a reviewer's 农业农村局). A line much shorter, not
    ended by punctuation, is left as it is."""
    last = "项目支出比上年减少，" + "农" * ((100 - short) // 2 - 16) + "，主要原因是高"  # 100 - short columns
    assert continues(last, None, last, "标准农田建设县级配套资金减少。", lambda: Wrap(columns=100, chars=None)) is joined


def test_a_line_cut_short_before_an_indented_paragraph_is_its_end() -> None:
    """…从严从紧压减一般性支出 / 　　因公出国（境）费0万元…: a paragraph ending without its full stop a few columns short of the
    width, the next indented as a paragraph's first line — joined, the parts went into the total's reason (a false
    CP004; a reviewer's attack on the mid-sentence joining)."""
    last = "项目支出比上年减少，" + "农" * ((100 - 8) // 2 - 16) + "，主要原因是高"
    wrap = Wrap(columns=100, chars=None)
    assert continues(last, None, last, "标准农田建设县级配套资金减少。", lambda: wrap)
    assert not continues(last, None, last, "  因公出国（境）费0万元，与上年持平。", lambda: wrap)
