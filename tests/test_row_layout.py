"""Tables copied from Word or a spreadsheet: one row per line, cells parted by tabs
(``项目资金⇥年度资金总额⇥4860000.00``), instead of the sample's one cell per tab-led line with
rows parted by blank lines. Such a line was a paragraph: no project table, staffing,
procurement or asset table was read (on a reviewer's document, 23 false warnings)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.ingest import Line
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file
from budget_audit.parse.blocks import Para, Row, blocks


def _as_rows(sample_path: Path, tmp_path: Path, layout: str = "tabs") -> Path:
    """The sample with every table row written on one line, its cells parted by tabs — or drawn with bars under a
    |---| rule (``markdown``), with inner bars only (``bare``: 项目编码 | 13102823P…), with box lines (``box``), or aligned with spaces (``spaces``: a table's rows one
    after the other, as printed, no blank line between; ``ideographic``: two full-width spaces between cells)."""
    out: list[str] = []
    previous = None
    for block in blocks([Line(n, t) for n, t in enumerate(sample_path.read_text(encoding="utf-8").split("\n"), 1)]):
        if layout in ("spaces", "ideographic") and isinstance(block, Row) and isinstance(previous, Row) and out \
                and out[-1] == "":
            out.pop()
        previous = block
        if isinstance(block, Row):
            cells = [c.text for c in block.cells]
            if layout == "markdown":
                out += ["| " + " | ".join(cells) + " |", "|" + "---|" * len(cells)]
            elif layout == "bare":
                out.append(" | ".join(cells) if len(cells) > 1 else "\t" + cells[0])
            elif layout == "box":
                out.append("│" + "│".join(cells) + "│")
            elif layout == "spaces" and len(cells) > 1 and not any(ch in cells[0] for ch in "，。；"):
                out.append(("    " if not cells[0] else "") + "    ".join(cells))  # a blank first cell: spaces first
            elif layout == "ideographic" and len(cells) > 1 and not any(ch in cells[0] for ch in "，。；"):
                out.append(("\u3000" * 4 if not cells[0] else "") + "\u3000\u3000".join(cells))  # two full-width spaces
            else:
                out.append("\t".join(cells) if len(cells) > 1 else "\t" + cells[0])
        else:
            out.append(block.text)
        out.append("")
    path = tmp_path / "rows.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def _figures(doc: Disclosure) -> Counter[tuple[str, str, str | None, str | None]]:
    return Counter((f.code, f.severity, f.expected, f.actual) for f in run_checks(doc))


def test_the_sample_with_a_row_per_line_has_the_samples_findings(
    sample_path: Path, sample_doc: Disclosure, tmp_path: Path
) -> None:
    rows = parse_file(_as_rows(sample_path, tmp_path))
    assert len(rows.projects) == len(sample_doc.projects) == 25
    assert [len(p.indicators) for p in rows.projects] == [len(p.indicators) for p in sample_doc.projects]
    assert [p.budget.yuan for p in rows.projects if p.budget] == [p.budget.yuan for p in sample_doc.projects if p.budget]
    assert _figures(rows) == _figures(sample_doc)


@pytest.mark.parametrize("layout", ["markdown", "bare", "box", "spaces", "ideographic"])
def test_tables_drawn_with_bars_or_aligned_with_spaces_are_read(
    sample_path: Path, sample_doc: Disclosure, tmp_path: Path, layout: str
) -> None:
    """| 预算数 | 2,100,000 | … | (a converter's Markdown), │…│ box lines, columns aligned with spaces: each row was a
    paragraph — on a reviewer's variants a project table was lost (a false RC005 error and CP007). Two full-width spaces
    between cells (项目编码　　4311…) were read as two spaces, no gap: every table of a school's document was lost."""
    rows = parse_file(_as_rows(sample_path, tmp_path, layout))
    assert [p.budget.yuan for p in rows.projects if p.budget] == [p.budget.yuan for p in sample_doc.projects if p.budget]
    assert [len(p.indicators) for p in rows.projects] == [len(p.indicators) for p in sample_doc.projects]
    assert {f.code for f in run_checks(rows) if f.severity == "error"} == {
        f.code for f in run_checks(sample_doc) if f.severity == "error"}


def test_label_and_value_with_a_bar_in_a_drawn_table_is_a_row() -> None:
    """项目编码 | 3607… beside a drawn table's rows was a paragraph: the project's code, name and goal went unread (false
    CP007 and RC007 on a reviewer's documents); a lone ``a | b`` in the text stays a paragraph."""
    code, budget = _blocks("项目编码 | 36073124P00450010001A", "预算数 | 652.00 | 其中：财政资金 | 652.00")
    assert isinstance(code, Row) and code.texts == ["项目编码", "36073124P00450010001A"] and isinstance(budget, Row)
    (alone,) = _blocks("项目编码 | 36073124P00450010001A")
    assert isinstance(alone, Para)


def test_a_unit_line_between_a_project_heading_and_its_table(sample_path: Path, sample_doc: Disclosure,
                                                             tmp_path: Path) -> None:
    """单位：万元 on a line of its own under the heading (not a tab-led cell) was not read: the amounts were taken for
    元 (false RC005, IN014, IN015 on a reviewer's documents)."""
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    assert lines[539] == "\t单位：元"
    lines[539] = "\n单位：万元\n"  # a paragraph of its own
    path = tmp_path / "unit.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    first = parse_file(path).projects[0]
    assert first.money_unit == "万元" and first.budget.yuan == sample_doc.projects[0].budget.yuan * 10000


def test_a_line_with_spaces_alone_or_beside_a_table_of_tabs_is_a_paragraph() -> None:
    """A paragraph with a run of spaces after its opening words (（二）收入预算情况    2025年…; …总计   8,406.40万元。) was
    read as a row — its figures lost — when it stood alone or right after a table of tabs (a reviewer's variants); a
    table aligned with spaces is a run of such lines."""
    tab_row, heading, alone = _blocks("支出总计\t7,950.60\t8,406.40\t455.80", "（二）收入预算情况    2025年收入预算8,406.40万元。",
                                      "2025年收入预算总计   8,406.40万元。")
    assert isinstance(tab_row, Row) and isinstance(heading, Para) and isinstance(alone, Para)
    first, second = _blocks("项目编码    36112225P60100100003", "预算数    2,100,000    其中：财政资金    2,100,000")
    assert isinstance(first, Row) and isinstance(second, Row) and second.texts[2] == "其中：财政资金"
    plan, values = _blocks("资金支出计划（%）    3月底    6月底", "    20%    50%")
    assert isinstance(values, Row) and values.texts == ["", "20%", "50%"]  # a blank first cell kept


def test_spaces_inside_a_sentence_make_no_row() -> None:
    """Runs of spaces after a sentence's words (a PDF's justified line) or in a title keep the line a paragraph."""
    sentence, title, row = _blocks("2025年本单位收入预算4,948.35万元，其中：    一般公共预算拨款收入4,862.35万元。",
                                   "   2025年单位预算公开说明   ", "|---|:---:|", "| 项目编码 | 36112225P60100100003 |")
    assert isinstance(sentence, Para) and isinstance(title, Para)
    assert isinstance(row, Row) and row.texts == ["项目编码", "36112225P60100100003"]  # the rule line is no block


def _blocks(*texts: str) -> list[Para | Row]:
    return blocks([Line(n, t) for n, t in enumerate(texts, 1)])


def test_a_line_with_tabs_inside_is_a_row_of_its_own() -> None:
    (fund, fiscal, total) = _blocks("项目资金\t年度资金总额\t4860000.00", "\t其中：财政拨款\t4860000.00", "合  计\t\t\t")
    assert isinstance(fund, Row) and fund.texts == ["项目资金", "年度资金总额", "4860000.00"]
    assert isinstance(fiscal, Row) and fiscal.texts == ["", "其中：财政拨款", "4860000.00"]
    assert isinstance(total, Row) and total.texts == ["合  计", "", "", ""]


def test_words_numbering_before_a_tab_makes_a_paragraph() -> None:
    """Word writes a numbered paragraph's number, then a tab: 一、⇥单位职责 is a heading, not a row —
    but 1⇥办公设备⇥50.00 (a 序号 column) is a row."""
    heading, table_heading, listed, row = _blocks(
        "一、\t单位职责及机构设置情况", "1.\t学前教育保教费补助资金绩效目标表", "（二）\t机构设置", "1\t办公设备\t50.00")
    assert heading == Para("一、单位职责及机构设置情况", 1)
    assert table_heading == Para("1.学前教育保教费补助资金绩效目标表", 2)
    assert listed == Para("（二）机构设置", 3)
    assert isinstance(row, Row) and row.texts == ["1", "办公设备", "50.00"]


def test_the_samples_own_layout_is_unchanged(sample_path: Path) -> None:
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    assert not any("\t" in line.rstrip(" \r\n")[1:] for line in lines)  # no line of it is a row on a line


def test_an_indented_table_aligned_with_spaces_and_its_spaced_labels() -> None:
    """A table indented as a whole has no blank first cell on each row; 项   目 is one label spaced out (a reviewer's
    variants: the columns shifted, an asset table was read as empty)."""
    header, total, house = _blocks("    项   目        数量    价值", "    资产总额                  1854.05",
                                   "    1、房屋（平方米）    4860    1256.30")
    assert header.texts == ["项目", "数量", "价值"] and total.texts == ["资产总额", "1854.05"]
    assert house.texts == ["1、房屋（平方米）", "4860", "1256.30"]


def test_an_asset_row_whose_blank_quantity_was_lost_keeps_its_value(tmp_path: Path) -> None:
    text = "\n".join(["2025年单位预算公开说明", "七、国有资产占用情况", "截至2024年12月31日，本单位固定资产558.80万元。",
                      "项   目        数量    价值", "资产总额              558.80", "1.房屋（平方米）    1200    305.00",
                      "2.其他固定资产        253.80", ""])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    assert [(c.label, c.yuan) for c in doc.assets.classes] == [
        ("1.房屋（平方米）", Decimal("3050000.00")), ("2.其他固定资产", Decimal("2538000.00"))]
    assert not [f for f in run_checks(doc) if f.code == "RC014"]


def test_rule_lines_alone_make_no_table() -> None:
    """Three rule lines in a row with no table (a converter's page separator) raised ValueError (min of nothing)."""
    assert _blocks("标题", "------", "------", "------", "正文") == [Para("标题", 1), Para("正文", 5)]


def test_project_tables_one_cell_a_line_with_no_tab(sample_path: Path, sample_doc: Disclosure, tmp_path: Path) -> None:
    """pdftotext without -layout, or a copy from a web page: the sample's layout without the tab before each cell.
    Every project table was lost (25 false CP007 and dozens of CS006 on two reviewers' variants)."""
    text = "\n".join(line.removeprefix("\t") for line in sample_path.read_text(encoding="utf-8").split("\n"))
    path = tmp_path / "untabbed.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    assert [p.budget.yuan for p in doc.projects if p.budget] == [p.budget.yuan for p in sample_doc.projects if p.budget]
    assert [len(p.indicators) for p in doc.projects] == [len(p.indicators) for p in sample_doc.projects]
    assert [p.code.text for p in doc.projects if p.code] == [p.code.text for p in sample_doc.projects if p.code]
    assert not [f for f in run_checks(doc) if f.code == "CP007"]


def test_a_page_number_centred_alone_is_no_cell(tmp_path: Path) -> None:
    lines = ["1.某项目绩效目标表", "单位名称", "303001某局", "", "预算数", "", "                                       3", "",
             "260700.00"]
    rows = [b for b in blocks([Line(n, t) for n, t in enumerate(lines, 1)]) if isinstance(b, Row)]
    assert [r.texts for r in rows] == [["单位名称", "303001某局"], ["预算数", "260700.00"]]


WEB_TABLE = """五、绩效目标设置情况

1.高标准农田建设项目绩效目标表
单位：元
项目名称
高标准农田建设
项目编码
37152625P00120001
预算数
12000000.00
其中：财政资金
12000000.00
年度绩效目标
建设高标准农田1.2万亩，新增粮食产能120万公斤。
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
建设高标准农田面积
≥12000亩
质量指标
工程验收合格率
100%
效益指标
经济效益指标
新增粮食产能
≥120万公斤
满意度指标
服务对象满意度指标
项目区农户满意度
≥90%
"""


def test_a_web_pages_table_one_cell_a_line_with_no_blank_between_rows() -> None:
    """A table copied from a web page: one cell a line, no tab, no blank line between rows. The whole table was one
    row: its goal and indicators went unread (a false CP007 "缺少绩效目标、绩效指标" per table, a reviewer's find)."""
    from checks.cases import parse_text

    doc = parse_text("清泉县农业农村局2025年部门预算公开\n" + WEB_TABLE)
    [project] = doc.projects
    assert project.code.text == "37152625P00120001" and project.budget.yuan == Decimal("12000000.00")
    assert project.goal is not None and project.goal.text.startswith("建设高标准农田")
    assert [(i.level1, i.level2, i.level3, i.value.raw) for i in project.indicators] == [
        ("产出指标", "数量指标", "建设高标准农田面积", "≥12000亩"), ("产出指标", "质量指标", "工程验收合格率", "100%"),
        ("效益指标", "经济效益指标", "新增粮食产能", "≥120万公斤"),
        ("满意度指标", "服务对象满意度指标", "项目区农户满意度", "≥90%")]
    assert "CP007" not in {f.code for f in run_checks(doc)}


def test_a_value_two_spaces_after_a_long_name_in_an_aligned_row() -> None:
    """质量指标          医疗服务收入占医疗收入比例  ≥30%: the value sat in the name's cell (a false IN002 "未填写指标值",
    a reviewer's find): two spaces part a figure from the words before it in an aligned row's last column."""
    from budget_audit.parse.blocks import _spaced_fields

    assert _spaced_fields("质量指标          医疗服务收入占医疗收入比例  ≥30%") == ["质量指标", "医疗服务收入占医疗收入比例", "≥30%"]
    assert _spaced_fields("数量指标          购置设备  12台") == ["数量指标", "购置设备", "12台"]
    assert _spaced_fields("项目名称          城区道路  二号线改造") == ["项目名称", "城区道路  二号线改造"]
    assert _spaced_fields("项目名称          城区道路  2号线改造") == ["项目名称", "城区道路  2号线改造"]  # a reviewer's
    assert _spaced_fields("实施时间          2025年  3月") == ["实施时间", "2025年  3月"]


ARABIC_SECTIONS = """青石县某镇卫生院2024年单位预算公开说明
1.单位基本情况
卫生院承担辖区内基本医疗服务和基本公共卫生服务。
2.收支预算情况
2024年收入预算1,268.40万元，支出预算1,268.40万元。
3.“三公”经费预算
2024年“三公”经费预算3.20万元。
4.机关运行经费
本单位为事业单位，2024年机关运行经费0万元。
5.政府采购预算
2024年政府采购预算52.00万元。
6.国有资产占有使用情况
本单位固定资产2,186.70万元。
7.绩效目标
7.1 医疗设备购置项目绩效目标表
项目名称
医疗设备购置项目
项目编码
51192324P00210003
预算数
400000.00
年度绩效目标
1.购置全自动生化分析仪1台
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
购置设备数量
=1台
满意度指标
服务对象满意度指标
患者满意度
≥90%

8.名词解释
（1）基本支出：指为保障机构正常运转而发生的人员支出和公用支出。

9.其他需要说明的事项
本单位无政府性基金预算收支，相关预算公开表为空表。2024年单位预算公开表共9张，附后另行公开。
"""


def test_a_heading_in_the_documents_own_arabic_numbering_ends_a_table_one_cell_a_line() -> None:
    """8.名词解释 and 9.其他需要说明的事项 after the last project table (one cell a line, no tab) were read as its cells:
    only 一、 and 第X部分 ended such a table (false CP001 on both sections, IN002/IN008 on the 其他 text as an
    indicator, a CP006 warning — a reviewer's county document). A heading in the document's own top-level numbering,
    further on than the sections before it, ends the table; 1.购置… inside it stays a cell."""
    from checks.cases import parse_text

    doc = parse_text(ARABIC_SECTIONS)
    assert [s.key for s in doc.sections][-3:] == ["performance", "glossary", "other"]
    [project] = doc.projects
    assert project.goal is not None and project.goal.text == "1.购置全自动生化分析仪1台"
    assert [i.level3 for i in project.indicators] == ["购置设备数量", "患者满意度"]
    findings = run_checks(doc)
    assert not {f.code for f in findings} & {"CP001", "IN002", "IN008"}
    assert [(f.severity, f.lines) for f in findings if f.code == "CP006"] == [("info", (41,))]  # 附后另行公开 read


@pytest.mark.parametrize("edit", [
    ("1.购置全自动生化分析仪1台", "1.购置全自动生化分析仪1台\n8.确保设备全年正常运行"),  # a numbered goal past 7.
    ("购置设备数量", "8.购置设备数量"),  # a numbered indicator
])
def test_a_numbered_line_naming_no_section_stays_in_the_table(edit: tuple[str, str]) -> None:
    """The round after (a reviewer's): 8.确保设备全年正常运行 or 8.购置设备数量 inside the table, further on than the
    sections' 7., closed it (a false CP007 缺少绩效指标, CP003, IN002): only a heading naming a section does."""
    from checks.cases import parse_text

    assert edit[0] in ARABIC_SECTIONS
    doc = parse_text(ARABIC_SECTIONS.replace(*edit))
    [project] = doc.projects
    assert len(project.indicators) == 2
    as_before = {(f.code, f.severity) for f in run_checks(parse_text(ARABIC_SECTIONS))}
    assert {(f.code, f.severity) for f in run_checks(doc)} == as_before


#: A county document whose tables are a row a line, every row led by a tab.
TAB_LED = [
    "青石县档案馆2024年单位预算情况说明",
    "（一）国有资产占有使用情况",
    "截至2023年12月31日，本单位固定资产总额3,828,000.00元，详见下表。",
    "\t固定资产占用情况表",
    "\t项目\t数量\t价值（元）",
    "\t资产总额\t——\t3,828,000.00",
    "\t1、房屋（平方米）\t1850\t3,560,000.00",
    "\t2、单价20万元以上的设备（台、套）\t1\t268,000.00",
    "",
    "（二）绩效目标情况",
    "1.档案数字化加工项目绩效目标表",
    "\t单位：元",
    "\t项目名称\t档案数字化加工\t项目编码\t36112824P00560001",
    "\t预算数\t300,000.00\t其中：财政资金\t300,000.00\t其他资金\t0.00",
    "\t资金支出计划（%）\t3月底\t6月底\t10月底\t12月底",
    "\t\t0%\t40%\t80%\t100%",
    "\t绩效目标\t完成馆藏文书档案数字化加工60万画幅。",
    "\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位",
    "\t产出指标\t数量指标\t数字化加工画幅数\t≥\t60\t万画幅",
    "\t满意度指标\t服务对象满意度指标\t查档群众满意度\t≥\t95\t%",
    "",
]


def test_a_table_whose_every_row_opens_with_a_tab_keeps_its_labels_in_the_first_column() -> None:
    """⇥项目⇥数量⇥价值（元）: every row of the table opened with a tab, read as an empty first cell — every label moved a
    column right (a false CP007 "缺少：绩效目标、绩效指标" per project table and a false CP008 "固定资产表为空表", a
    reviewer's county document). The tab indents the table; a tab-led row among rows opening with a label keeps its
    empty first cell (⇥其中：财政拨款 under 项目资金)."""
    from checks.cases import parse_text

    assert [b.texts for b in _blocks("\t项目\t数量\t价值（元）", "\t资产总额\t——\t100.00", "\t\t0%\t40%")
            if isinstance(b, Row)] == [["项目", "数量", "价值（元）"], ["资产总额", "——", "100.00"], ["", "0%", "40%"]]
    assert [b.texts for b in _blocks("项目资金\t年度资金总额\t4860000.00", "\t其中：财政拨款\t4860000.00")
            if isinstance(b, Row)] == [["项目资金", "年度资金总额", "4860000.00"], ["", "其中：财政拨款", "4860000.00"]]
    # a table whose rows open with a label goes on after a page's footer with tab-led rows: they keep their empty
    # first cell (the round after: the footer parted them into a run of their own, one column left)
    rows = [b.texts for b in _blocks("产出指标\t数量指标\t完成数\t≥100个", "\t时效指标\t完成时间\t年底前", "- 5 -",
                                     "\t质量指标\t合格率\t≥99%", "\t成本指标\t成本\t≤10万元") if isinstance(b, Row)]
    assert [r[0] for r in rows] == ["产出指标", "", "", ""], rows
    doc = parse_text("\n".join(TAB_LED))
    _reads_tab_led(doc)
    assert not {f.code for f in run_checks(doc)} & {"CP007", "CP008"}


def _reads_tab_led(doc: Disclosure) -> None:
    """The assets, goal and indicators of :data:`TAB_LED` as it is written."""
    assert [(c.label, c.yuan) for c in doc.assets.classes] == [
        ("1、房屋（平方米）", Decimal("3560000.00")), ("2、单价20万元以上的设备（台、套）", Decimal("268000.00"))]
    [project] = doc.projects
    assert project.goal is not None and project.goal.text == "完成馆藏文书档案数字化加工60万画幅。"
    assert [(i.level1, i.level3) for i in project.indicators] == [("产出指标", "数字化加工画幅数"),
                                                                   ("满意度指标", "查档群众满意度")]


@pytest.mark.parametrize("edit", ["blank lines", "header not indented"])
def test_tab_led_rows_parted_by_blank_lines_or_under_a_header_not_indented(edit: str) -> None:
    """The round after (a reviewer's): tab-led rows with a blank line between each (a run of one row each kept its tab
    as an empty first cell: a false CP008 固定资产表为空表 and CP007 缺少绩效目标、绩效指标), or under a header row with
    no tab before it (项目⇥数量⇥价值（元）: its one label-led row kept every other row's empty cell, a false CP008)."""
    from checks.cases import parse_text

    lines = TAB_LED.copy()
    if edit == "blank lines":
        lines = [part for line in lines for part in ([line, ""] if line.startswith("\t") else [line])]
    else:
        lines[lines.index("\t项目\t数量\t价值（元）")] = "项目\t数量\t价值（元）"
    doc = parse_text("\n".join(lines))
    _reads_tab_led(doc)
    as_before = {(f.code, f.severity) for f in run_checks(parse_text("\n".join(TAB_LED)))}
    assert {(f.code, f.severity) for f in run_checks(doc)} == as_before
    # rows as wide as the label-led row above them, blank lines between too: their empty first cell is a column's
    rows = [b.texts for b in _blocks("产出指标\t数量指标\t完成数\t≥100个", "", "\t时效指标\t完成时间\t年底前", "",
                                     "\t\t完成率\t100%") if isinstance(b, Row)]
    assert [r[:2] for r in rows] == [["产出指标", "数量指标"], ["", "时效指标"], ["", ""]], rows


@pytest.mark.parametrize("edit", [
    ("≥90%\n\n8.名词解释", "≥90%\n8.名词解释"),  # straight after the last cell, no blank line
    ("8.名词解释", "八、名词解释"),  # in another numbering style, with the next number
    ("8.名词解释", "八、名词解释", "9.其他", "九、其他"),  # both
])
def test_a_heading_after_the_table_in_the_documents_numbering_or_renumbered(edit: tuple[str, ...]) -> None:
    """The round after (a reviewer's): 8.名词解释 right after the table's last cell was read as that cell's going on
    (≥90%8.名词解释（1）基本支出…; the glossary lost, a false CP001); 八、名词解释 after 7.绩效目标, in a document
    numbered 1.…9., headed no section (a false CP001)."""
    from checks.cases import parse_text

    text = ARABIC_SECTIONS
    for old, new in zip(edit[::2], edit[1::2], strict=True):
        assert old in text
        text = text.replace(old, new)
    doc = parse_text(text)
    assert [s.key for s in doc.sections][-3:] == ["performance", "glossary", "other"]
    [project] = doc.projects
    assert [(i.level3, i.value.raw) for i in project.indicators] == [("购置设备数量", "=1台"), ("患者满意度", "≥90%")]
    as_before = {(f.code, f.severity) for f in run_checks(parse_text(ARABIC_SECTIONS))}
    assert {(f.code, f.severity) for f in run_checks(doc)} == as_before


def test_a_heading_in_another_style_numbered_out_of_turn_heads_no_section() -> None:
    """八、名词解释 standing inside 5.政府采购预算 (its number not the next after 5.) is no heading of the top level: the
    glossary is 8.名词解释's, further on."""
    from checks.cases import parse_text

    text = ARABIC_SECTIONS.replace("2024年政府采购预算52.00万元。", "2024年政府采购预算52.00万元。\n八、名词解释")
    doc = parse_text(text)
    [glossary] = [s for s in doc.sections if s.key == "glossary"]
    assert glossary.title.text == "8.名词解释" and glossary.title.span.line > 30
