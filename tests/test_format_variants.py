"""The sample rewritten the way other counties write the same document: heading styles,
wording, phrasing of changes, units and precision. The parse (and the findings) must
not depend on which of the usual forms a unit chose."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.amounts import Quantity
from budget_audit.checks import Finding, run_checks
from budget_audit.checks.base import APPROX_NOTE
from budget_audit.model import Disclosure, Expenditure
from budget_audit.parse import parse_file
from budget_audit.parse.blocks import project_heading

#: Line → top-level heading of the sample (一、 … 九、).
HEADINGS = {6: "duties", 208: "overview", 223: "running_costs", 227: "sangong",
            230: "performance", 3012: "procurement", 3157: "assets", 3195: "glossary",
            3216: "other"}
CN = "一二三四五六七八九"


def rewrite(sample_text: str, tmp_path: Path, edits: dict[int, str | Callable[[str], str]]) -> Disclosure:
    """The sample with lines replaced (a string) or transformed (a function), parsed."""
    lines = sample_text.split("\n")
    for number, edit in edits.items():
        lines[number - 1] = edit(lines[number - 1]) if callable(edit) else edit
    path = tmp_path / "variant.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return parse_file(path)


def keys(findings: list[Finding]) -> set[tuple[str, tuple[int, ...]]]:
    return {(f.code, f.lines) for f in findings}


def sections(doc: Disclosure) -> list[tuple[str, int]]:
    """(key, heading line) of each section found."""
    return [(s.key, s.title.span.line) for s in doc.sections]


def _title(line: str) -> str:
    return re.sub(rf"^[{CN}]+、", "", line)


HEADING_STYLES: dict[str, Callable[[int, str], str]] = {
    "（一）": lambda i, line: f"（{CN[i]}）{_title(line)}",
    "(一)": lambda i, line: f"({CN[i]}){_title(line)}",
    "第一部分": lambda i, line: f"第{CN[i]}部分 {_title(line)}",
    "1.": lambda i, line: f"{i + 1}.{_title(line)}",
    "1、": lambda i, line: f"{i + 1}、{_title(line)}",
    "一、…：": lambda i, line: f"{line}：",
    "**一、…**": lambda i, line: f"**{line}**",
    "**一、…：**": lambda i, line: f"**{line}：**",  # the colon inside the bold: the title was rejected (a false CP001)
    "【一、…】": lambda i, line: f"【{line}】",
    "一 、": lambda i, line: f"{CN[i]} 、{_title(line)}",
    "1.2023年": lambda i, line: f"{i + 1}.2023年{_title(line)}",  # a reviewer's: read as the number 2.2023 (CP001)
    "1、2023年": lambda i, line: f"{i + 1}、2023年{_title(line)}",
}


@pytest.mark.parametrize("style", HEADING_STYLES)
def test_heading_numbering_styles(style: str, sample_text: str, sample_doc: Disclosure,
                                  tmp_path: Path) -> None:
    number = HEADING_STYLES[style]
    edits = {line: (lambda text, i=i: number(i, text)) for i, line in enumerate(HEADINGS)}
    doc = rewrite(sample_text, tmp_path, edits)
    assert sections(doc) == list(
        (key, line) for line, key in HEADINGS.items())
    assert doc.missing == []
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


@pytest.mark.parametrize(("line", "heading", "key"), [
    (208, "二、2023年单位收支预算情况说明", "overview"),
    (208, "二、单位预算收支情况", "overview"),
    (208, "二、收入支出预算总体情况", "overview"),
    (6, "一、单位基本情况", "duties"),
    (6, "一、部门主要职能", "duties"),
    (223, "三、机关运行费情况", "running_costs"),
])
def test_heading_wording(line: int, heading: str, key: str, sample_text: str,
                         tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {line: heading})
    section = doc.section(key)
    assert section is not None and section.title.span.line == line
    assert doc.missing == []


def test_paragraph_items_numbered_like_headings_stay_inside_their_section(
    sample_text: str, sample_doc: Disclosure, tmp_path: Path
) -> None:
    """（一）… items under 一、… headings are not headings, even short ones naming a section."""
    doc = rewrite(sample_text, tmp_path, {17: "（一）政府采购", 19: "（二）名词解释"})
    assert sections(doc) == sections(sample_doc)


def test_sangong_stated_item_by_item(sample_text: str, tmp_path: Path) -> None:
    """Each part with its own change (比上年…) instead of a block of changes after 与2022年相比."""
    doc = rewrite(sample_text, tmp_path, {229: (
        "2023年，我局财政拨款“三公”经费预算安排13.44万元，比2022年减少16.98万元，下降55.8%。"
        "其中，因公出国（境）费0万元，与上年持平；公务用车购置和运行维护费12.5万元，比上年减少17.9万元，"
        "主要原因是上年购置公务用车1辆，车辆价值为18万元；公务接待费1.94万元，比上年增加0.92万元。")})
    sg = doc.sangong
    assert [(f.label, str(f.value.number)) for f in sg.parts()] == [
        ("因公出国（境）费", "0"), ("公务用车购置及运维费", "12.5"), ("公务接待费", "1.94")]
    assert sg.total is not None and str(sg.total.value.number) == "13.44"
    assert sg.vehicle_purchase is None  # the 18万元 of the reason is no figure of this year
    assert [(c.subject, c.direction, str(c.amount.value.number)) for c in sg.changes] == [
        ("“三公”经费合计", -1, "16.98"), ("因公出国（境）费", 0, "0"), ("公务用车购置及运维费", -1, "17.9"),
        ("公务接待费", 1, "0.92")]  # 与上年持平: a change of none
    assert sg.prior_year == 2022


def test_a_table_of_contents_is_not_the_sections(sample_text: str, sample_doc: Disclosure,
                                                 tmp_path: Path) -> None:
    """目录 listing the nine headings after the title: the sections are those of the body."""
    lines = sample_text.split("\n")
    contents = ["目录", *(lines[n - 1] for n in HEADINGS), ""]
    path = tmp_path / "contents.txt"
    path.write_text("\n".join([*lines[:3], *contents, *lines[3:]]), encoding="utf-8")
    doc = parse_file(path)
    shift = len(contents)
    assert sections(doc) == [
        (key, line + shift) for line, key in HEADINGS.items()]
    assert len(doc.projects) == len(sample_doc.projects)
    assert {(f.code, tuple(n - shift for n in f.lines)) for f in run_checks(doc)} == keys(
        run_checks(sample_doc))


@pytest.mark.parametrize("prefix", ["\ufeff", "\u200b", "\u200f", "\u061c", "## ", "\u3000"])
def test_invisible_or_markdown_prefix_of_a_heading(prefix: str, sample_text: str,
                                                   sample_doc: Disclosure, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {line: (lambda t: prefix + t) for line in (208, 227)})
    assert sections(doc) == sections(sample_doc)
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def test_invisible_characters_inside_amounts_and_form_feeds(sample_text: str,
                                                            sample_doc: Disclosure,
                                                            tmp_path: Path) -> None:
    """A zero-width space inside a number, a BOM before 万元, a form feed before a cell
    (pdftotext's page break): the same figures as the clean document."""
    doc = rewrite(sample_text, tmp_path, {
        214: lambda t: t.replace("4739.51万元", "47\u200b39.51\ufeff万元"),
        549: lambda t: "\f" + t,
    })
    assert [str(p.value.number) for p in doc.income.parts] == [
        str(p.value.number) for p in sample_doc.income.parts]
    assert doc.projects[0].budget == sample_doc.projects[0].budget
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def _wan(fig) -> str | None:  # noqa: ANN001 - a model Figure or None
    return None if fig is None or fig.yuan is None else f"{fig.yuan / 10000:.2f}"


@pytest.mark.parametrize("line_214", [
    "2023年收入预算总计5728.07万元，其中：一般公共预算收入4739.51万元，基金预算收入988.56万元，上年结转891.02万元。",
    "2023年收入总额5728.07万元，其中：一般公共预算拨款4739.51万元，政府性基金拨款988.56万元，上年结转891.02万元。",
    "2023年预算总收入5728.07万元，其中：一般公共预算收入4739.51万元，基金预算收入988.56万元；另有上年结转891.02万元。",
    "2023年一般公共预算拨款收入4739.51万元，政府性基金预算拨款收入988.56万元，上年结转891.02万元，收入合计5728.07万元。",
    "2023年预算收入5728.07万，其中：一般公共预算收入4739.51万，基金预算收入988.56万，上年结转891.02万。",
    "2023年一般公共预算拨款收入4739.51万元，非税收入988.56万元，上年结转891.02万元，收入合计5728.07万元。",
])
def test_income_paragraph_wordings(line_214: str, sample_text: str, tmp_path: Path) -> None:
    """The total under its usual names wherever it stands; sources by their usual names."""
    income = rewrite(sample_text, tmp_path, {214: line_214}).income
    assert _wan(income.total) == "5728.07"
    assert [_wan(p) for p in income.parts] == ["4739.51", "988.56"]
    assert _wan(income.carry_over) == "891.02"


@pytest.mark.parametrize("line_217", [
    "2023年支出总额6663.49万元，其中基本支出2319.63万元，包括人员经费2135.24万元和公用经费184.4万元；项目支出4343.85万元。",
    "2023年本年支出6663.49万元，其中基本支出2319.63万元，基本支出中人员经费2135.24万元、公用经费184.4万元；项目支出4343.85万元。",
    "2023年支出预算6663.49万，其中基本支出2319.63万，包括人员经费2135.24万和公用经费184.4万；项目支出4343.85万。",
])
def test_expenditure_paragraph_wordings(line_217: str, sample_text: str, tmp_path: Path) -> None:
    spend = rewrite(sample_text, tmp_path, {217: line_217}).expenditure
    assert [_wan(f) for f in (spend.total, spend.basic, spend.personnel, spend.public, spend.project)] == [
        "6663.49", "2319.63", "2135.24", "184.40", "4343.85"]
    assert spend.public is not None and spend.public.label == "公用经费"  # not "、公用经费"


def test_wan_alone_is_money_only_before_no_other_word(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {225: "2023年，我局机关运行经费共计安排184.4万，服务3万人次，储备2万吨。"})
    assert _wan(doc.running_costs.amount) == "184.40"
    from budget_audit.parse.figures import labelled_amounts

    assert [a.quantity.raw for a in labelled_amounts("服务3万人次，储备2万吨，安排5万。")] == ["5万"]


@pytest.mark.parametrize("heading", [
    "2.执法经费项目支出绩效目标表（单位：元）",
    "2.执法经费绩效目标表：",
    "（二）执法经费绩效目标表",
    "2、执法经费绩效目标表",
    "表2 执法经费项目支出绩效目标表（单位：元）",  # a reviewer's: table 2 was merged into table 1 (a false RC005)
    "附表2：执法经费项目支出绩效目标表",
    "（2）执法经费项目支出绩效目标表",  # a reviewer's: every project table was lost (a false RC005 error)
    "**2. 执法经费项目支出绩效目标表**",
])
def test_project_table_heading_styles(heading: str, sample_text: str, sample_doc: Disclosure,
                                      tmp_path: Path) -> None:
    """Another heading for table 2 must not merge it into table 1 (whose indicators would
    then include table 2's 项目名称/预算数 rows)."""
    doc = rewrite(sample_text, tmp_path, {630: heading})
    assert len(doc.projects) == len(sample_doc.projects)
    second = doc.projects[1]
    assert second.seq == 2 and second.heading.span.line == 630
    assert second.budget == sample_doc.projects[1].budget
    assert len(doc.projects[0].indicators) == len(sample_doc.projects[0].indicators)
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def _unnumbered(line: str) -> str:
    return re.sub(r"^(?:第二部分 资金绩效目标)?\d+\.", "", line) if line.endswith("绩效目标表") else line


def test_project_table_headings_with_no_number(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """优抚对象抚恤补助项目支出绩效目标表 over each table, with no number: every table was read as the
    unit's own indicator table (a false RC005 error: 文件中没有项目支出绩效目标表)."""
    lines = [_unnumbered(line) for line in sample_text.split("\n")]
    lines[537:538] = ["第二部分 资金绩效目标", lines[537]]  # its first table's heading stood on this line
    path = tmp_path / "unnumbered.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    def read(d: Disclosure) -> list[tuple[str | None, object]]:
        return [(p.name.text if p.name else None, p.budget.value if p.budget else None) for p in d.projects]

    assert read(doc) == read(sample_doc)
    assert [p.heading.span.line for p in doc.projects][:2] == [539, 631]
    assert {p.seq for p in doc.projects} == {None}
    assert len(doc.unit_goals.indicators) == len(sample_doc.unit_goals.indicators)
    codes = {f.code for f in run_checks(doc)}
    assert "RC005" not in codes and codes == {f.code for f in run_checks(sample_doc)}


def test_project_headings_that_do_not_say_table(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """（二）执法经费 over a table giving the project's code, without 绩效目标表 in it (a reviewer's hospital wrote
    （一）医疗设备购置项目): every table was read as the unit's own indicators, with a false RC005 error."""
    lines = sample_text.split("\n")
    for i, line in enumerate(lines):
        if (m := re.match(r"^(?:第二部分 资金绩效目标)?(\d+)\.(.*)绩效目标表$", line)):
            lines[i] = f"（{m[1]}）{m[2]}"
    lines[537:538] = ["第二部分 资金绩效目标", lines[537]]
    path = tmp_path / "untitled.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    assert [p.budget.value for p in doc.projects if p.budget] == [p.budget.value for p in sample_doc.projects if p.budget]
    assert doc.projects[1].heading.text == "（2）执法经费" and len(doc.unit_goals.indicators) == len(sample_doc.unit_goals.indicators)
    assert "RC005" not in {f.code for f in run_checks(doc)}


def test_a_title_line_over_a_table_without_a_project_code_is_no_heading(sample_text: str, sample_doc: Disclosure,
                                                                      tmp_path: Path) -> None:
    """A short line over the procurement or asset table (项目名称 | 金额 …) names no project's code: no project."""
    doc = rewrite(sample_text, tmp_path, {3157: lambda line: line + "\n（一）资产情况"})
    assert len(doc.projects) == len(sample_doc.projects)


@pytest.mark.parametrize("line", [
    "执法经费绩效目标表",  # no table under it (the next table has a heading of its own)
    "详见执法经费绩效目标表",
    "执法经费项目已按要求填报，详见绩效目标表",
])
def test_a_line_ending_in_the_title_without_a_project_table_is_no_heading(
        line: str, sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    lines = sample_text.split("\n")
    path = tmp_path / "mention.txt"
    path.write_text("\n".join([*lines[:628], line, *lines[628:]]), encoding="utf-8")  # just above table 2's heading
    doc = parse_file(path)
    assert [p.heading.span.text for p in doc.projects] == [p.heading.span.text for p in sample_doc.projects]
    assert len(doc.projects[0].indicators) == len(sample_doc.projects[0].indicators)


@pytest.mark.parametrize("line", ["部门整体支出绩效目标表", "单位绩效目标表", "项目支出绩效目标表", "详见下表：绩效目标表",
                                  "附件：执法经费绩效目标表", "我局执法经费绩效目标表。"])
def test_titles_that_never_head_a_project_table_unnumbered(line: str) -> None:
    assert project_heading(line, bare=True) is None
    assert project_heading("优抚对象抚恤补助项目支出绩效目标表（单位：万元）", bare=True)["title"] == "优抚对象抚恤补助项目支出"


def test_thousands_grouped_with_no_break_spaces(sample_text: str, sample_doc: Disclosure,
                                                tmp_path: Path) -> None:
    """"4 739.51万元" (no-break space, as pasted from a web page) is 4739.51, not 739.51."""
    doc = rewrite(sample_text, tmp_path, {
        214: lambda t: t.replace("4739.51万元", "4\u00a0739.51万元"),
        549: "\t260 700.00",
    })
    assert [str(p.value.number) for p in doc.income.parts] == [
        str(p.value.number) for p in sample_doc.income.parts]
    assert doc.projects[0].budget is not None and doc.projects[0].budget.yuan == 260700
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def test_running_costs_change(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {225: lambda t: t.replace(
        "184.4万元，", "184.4万元，比2022年预算增加30.5万元，增长19.8%，主要原因是办公用房维修，")})
    rc = doc.running_costs
    assert rc.amount is not None and str(rc.amount.value.number) == "184.4"
    assert [(c.subject, c.direction, str(c.amount.value.number)) for c in rc.changes] == [
        ("机关运行经费", 1, "30.5")]
    assert rc.changes[0].reason is not None and rc.changes[0].reason.text.startswith("办公用房维修")
    assert rc.prior_year == 2022 and rc.changes[0] in doc.stated_changes()


@pytest.mark.parametrize("label", ["资金总额", "年度资金总额", "预算金额", "本年预算", "预算数：",
                                   "预算数（元）", "项目资金（元）"])
def test_project_budget_row_labels(label: str, sample_text: str, sample_doc: Disclosure,
                                   tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {548: f"\t{label}"})
    assert doc.projects[0].budget == sample_doc.projects[0].budget
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def test_project_budget_in_wan_from_heading_or_label(sample_text: str, tmp_path: Path) -> None:
    by_heading = rewrite(sample_text, tmp_path, {
        538: lambda t: t + "（单位：万元）", 540: "\t", 549: "\t26.07", 551: "\t26.07"})
    assert by_heading.projects[0].budget is not None and by_heading.projects[0].budget.yuan == 260700
    by_label = rewrite(sample_text, tmp_path, {548: "\t预算数（万元）", 549: "\t26.07"})
    assert by_label.projects[0].budget is not None and by_label.projects[0].budget.yuan == 260700
    assert rewrite(sample_text, tmp_path, {549: "\t￥260700.00"}).projects[0].budget.yuan == 260700


def test_project_funding_sources(sample_text: str, tmp_path: Path) -> None:
    """上年结转资金 and 自筹资金 are other funds (summed); 其中：一般公共预算资金 is fiscal."""
    from budget_audit.checks import run_checks as check

    two = rewrite(sample_text, tmp_path, {551: "\t200000.00", 552: "\t上年结转资金", 553: "\t60700.00"})
    assert two.projects[0].other is not None and two.projects[0].other.yuan == 60700
    assert not [f for f in check(two) if f.code == "RC015"]
    wrong = rewrite(sample_text, tmp_path, {550: "\t其中：一般公共预算资金", 551: "\t200000.00"})
    assert wrong.projects[0].fiscal is not None and wrong.projects[0].fiscal.yuan == 200000
    assert [f.code for f in check(wrong) if f.code == "RC015"] == ["RC015"]


@pytest.mark.parametrize(("line", "text", "field"), [
    (542, "\t项目代码", "code"),
    (570, "\t年度绩效目标", "goal"),
    (570, "\t绩效目标：", "goal"),
])
def test_project_row_label_spellings(line: int, text: str, field: str, sample_text: str,
                                     sample_doc: Disclosure, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {line: text})
    assert getattr(doc.projects[0], field) == getattr(sample_doc.projects[0], field)


def test_spending_plan_label_spellings(sample_text: str, sample_doc: Disclosure,
                                       tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {558: "\t资金支出进度计划（%）"})
    assert [p.value.raw for p in doc.projects[0].spending_plan] == [
        p.value.raw for p in sample_doc.projects[0].spending_plan]


def test_indicator_columns_from_the_header(sample_text: str, sample_doc: Disclosure,
                                           tmp_path: Path) -> None:
    """An extra 指标解释 column after 三级指标: values still come from 指标值."""
    out: list[str] = []
    position = 0  # cell number within the current row
    for number, line in enumerate(sample_text.split("\n"), start=1):
        out.append(line)
        position = position + 1 if line.startswith("\t") else 0
        if 573 <= number <= 627 and position == 3:  # project 1's indicator table
            out.append("\t指标解释" if number == 575 else "\t（解释）")
    path = tmp_path / "columns.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    doc = parse_file(path)
    assert [(i.level3, i.value.raw) for i in doc.projects[0].indicators] == [
        (i.level3, i.value.raw) for i in sample_doc.projects[0].indicators]


def test_sections_headed_inside_a_catch_all_section(sample_text: str, tmp_path: Path) -> None:
    """四、其他重要事项的情况说明 with （一）机关运行经费 … （四）国有资产: the （一） headings
    head the sections that no 一、 heading names; the 一、 sections stay."""
    lines = sample_text.split("\n")
    body = [*lines[:222], "三、财政拨款“三公”经费预算情况及增减变化原因", *lines[227:229], "",
            "四、其他重要事项的情况说明", "（一）机关运行经费安排情况", lines[224],
            "（二）绩效预算信息（与单位绩效文本内容保持一致）", *lines[230:3011],
            "（三）政府采购预算情况", *lines[3012:3156], "（四）国有资产信息", *lines[3157:]]
    path = tmp_path / "catch-all.txt"
    path.write_text("\n".join(body), encoding="utf-8")
    doc = parse_file(path)
    assert [s.key for s in doc.sections] == [
        "duties", "overview", "sangong", "running_costs", "performance", "procurement", "assets",
        "glossary", "other"]
    assert doc.running_costs.amount is not None and len(doc.projects) == 25


def test_three_empty_sections_in_a_row_are_no_table_of_contents(
    sample_text: str, sample_doc: Disclosure, tmp_path: Path
) -> None:
    doc = rewrite(sample_text, tmp_path, {225: "", 229: ""})
    assert sections(doc) == sections(sample_doc)


@pytest.mark.parametrize("line_214", [
    "反映本单位当年全部收入。2023年预算收入5728.07万元，主要为一般公共预算收入4739.51万元，基金预算收入988.56万元，上年结转891.02万元。",
    "反映本单位纳入部门预算管理体系的全部收入，2023年预算收入5728.07万元，其中：一般公共预算收入4739.51万元，基金预算收入988.56万元，上年结转891.02万元。",
])
def test_connectives_that_read_like_reasons_hide_no_figure(line_214: str, sample_text: str,
                                                           tmp_path: Path) -> None:
    """主要为 / 体系 without any change before them are no reason: every amount stays."""
    income = rewrite(sample_text, tmp_path, {214: line_214}).income
    assert (_wan(income.total), [_wan(p) for p in income.parts], _wan(income.carry_over)) == (
        "5728.07", ["4739.51", "988.56"], "891.02")


def test_a_reason_ends_where_the_next_item_begins(sample_text: str, tmp_path: Path) -> None:
    sg = rewrite(sample_text, tmp_path, {229: (
        "2023年，我局财政拨款“三公”经费预算安排13.44万元，比2022年减少17.98万元。其中，因公出国（境）费0万元，"
        "与上年持平；公务用车购置及运维费12.5万元，比上年减少17.9万元，主要原因是公务用车更新，"
        "公务接待费0.94万元，比上年减少0.08万元，主要原因是压减接待。")}).sangong
    assert _wan(sg.reception) == "0.94"
    assert [(c.subject, str(c.amount.value.number), c.reason.text if c.reason else None)
            for c in sg.changes] == [("“三公”经费合计", "17.98", None), ("因公出国（境）费", "0", None),
                                     ("公务用车购置及运维费", "17.9", "公务用车更新"),
                                     ("公务接待费", "0.08", "压减接待")]


def test_a_change_after_a_list_of_items_is_the_totals(sample_text: str, tmp_path: Path) -> None:
    sg = rewrite(sample_text, tmp_path, {229: (
        "2023年，我局财政拨款“三公”经费预算安排13.44万元，其中：因公出国（境）费0万元，公务用车购置及运维费"
        "12.5万元，公务接待费0.94万元，比2022年减少17.98万元，主要原因是公务用车更新。")}).sangong
    assert [(c.subject, str(c.amount.value.number)) for c in sg.changes] == [("“三公”经费合计", "17.98")]


def test_changes_of_the_parts_of_running_costs_are_not_its_own(sample_text: str,
                                                                tmp_path: Path) -> None:
    rc = rewrite(sample_text, tmp_path, {225: (
        "2023年，我局机关运行经费共计安排184.4万元，比2022年增加30.5万元，主要原因是新增办公用房。"
        "其中：办公费60万元，比上年减少2万元；水电费40万元，比上年增加12万元。")}).running_costs
    assert [(c.subject, str(c.amount.value.number)) for c in rc.changes] == [("机关运行经费", "30.5")]


def test_counts_in_wan_are_not_money(sample_text: str, sample_doc: Disclosure,
                                     tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {
        2913: lambda t: t.replace("大厂段土地", "大厂段约20万m²土地"),
        2920: "\t京唐铁路大厂段约20万m²土地补偿资金",
        217: lambda t: t.replace("4343.85万元主要为", "4343.85万元，服务企业约1.2万，带动就业0.5万，主要为"),
    })
    assert [_wan(p) for p in doc.expenditure.project_parts] == [
        _wan(p) for p in sample_doc.expenditure.project_parts]
    assert not [f for f in run_checks(doc) if f.code in ("RC006", "RC016") and f.severity == "error"
                and (217 in f.lines or 2920 in f.lines)]


@pytest.mark.parametrize("group", ["（五）项目支出绩效目标表", "2.项目支出绩效目标表", "（二）部门项目支出绩效目标表"])
def test_a_heading_over_all_project_tables_is_no_project(group: str, sample_text: str,
                                                         sample_doc: Disclosure, tmp_path: Path) -> None:
    lines = sample_text.split("\n")
    path = tmp_path / "group.txt"
    path.write_text("\n".join([*lines[:536], group, "", *lines[536:]]), encoding="utf-8")
    doc = parse_file(path)
    assert [p.name.text for p in doc.projects if p.name] == [
        p.name.text for p in sample_doc.projects if p.name]
    assert len(doc.projects) == len(sample_doc.projects)


@pytest.mark.parametrize("line_182", [
    "第八条  编制总数80名，其中行政编制17名，工勤编制1名，锁定事业编制62名，正股级领导职数22名。",
    "第八条  编制人数80人，其中行政编制17人，工勤编制1人，锁定事业编制62人。",
    "第八条  核定行政编制17名，工勤编制1名，锁定事业编制62名，共计80名，正股级领导职数22名。",
])
def test_staffing_total_wherever_it_stands(line_182: str, sample_text: str,
                                           sample_doc: Disclosure, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    st = doc.staffing
    assert st.total is not None and str(st.total.value.number) == "80"
    assert [str(p.value.number) for p in st.parts] == ["17", "1", "62"]
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def test_a_staffing_kind_named_after_the_civil_service_law_keeps_its_name(sample_text: str, tmp_path: Path) -> None:
    """参照公务员法管理事业编制10名 was read as 管理事业编制 (a reviewer's county document)."""
    for kind in ("参照公务员法管理事业编制", "参照公务员法管理的事业编制", "参照《公务员法》管理事业编制"):
        doc = rewrite(sample_text, tmp_path, {182: f"第八条  核定编制80名，其中行政编制17名，{kind}62名，工勤编制1名。"})
        assert [p.label for p in doc.staffing.parts] == ["行政编制", kind, "工勤编制"]
        assert doc.staffing.total is not None and str(doc.staffing.total.value.number) == "80"


def test_a_unit_without_running_costs_is_not_given_another_figure(sample_text: str, tmp_path: Path) -> None:
    """不涉及机关运行经费。…日常公用经费257.55万元 gave 机关运行经费257.55万元, repeated in the report (a reviewer's find)."""
    lines = sample_text.split("\n")
    at = next(i for i, line in enumerate(lines) if "机关运行经费" in line and "万元" in line and i > 200)
    doc = rewrite(sample_text, tmp_path, {at + 1: "本单位为事业单位，不涉及机关运行经费。2023年日常公用经费257.55万元，主要用于办公。"})
    amount = doc.running_costs.amount
    assert amount is not None and amount.yuan == 0 and amount.label == "机关运行经费（文中称无）"
    assert amount.span.line == at + 1
    # the next round: said of subordinate units, or defining the term, beside the unit's own figure
    running = rewrite(sample_text, tmp_path, {}).running_costs.amount
    assert running is not None and running.yuan == Decimal("1844000")
    for before in ("（注：所属事业单位无机关运行经费。）", "机关运行经费是指行政单位的公用经费，事业单位不涉及机关运行经费。"):
        doc = rewrite(sample_text, tmp_path, {at: lambda t, b=before: f"{t}\n{b}"})
        assert doc.running_costs.amount.yuan == running.yuan, before
    doc = rewrite(sample_text, tmp_path, {at + 1: lambda t: "下属指挥部办公室为事业单位，不涉及机关运行经费；" + t})
    assert doc.running_costs.amount.yuan == running.yuan
    # the round after: the unit's own sentence naming whose unit it is, or 二级, or words holding 是指/系指
    for own in ("本单位为县教育局所属事业单位，不涉及机关运行经费。", "本单位为二级预算单位，不涉及机关运行经费。",
                "本单位无下属单位，不涉及机关运行经费。", "本单位无机关运行经费，机关运行经费是指行政单位的公用经费。"):
        doc = rewrite(sample_text, tmp_path, {at + 1: f"{own}2023年日常公用经费257.55万元，主要用于办公。"})
        assert doc.running_costs.amount.yuan == 0, own


def test_running_costs_said_to_be_none_after_the_term(sample_text: str, tmp_path: Path) -> None:
    """机关运行经费：无 / 为零 / 预算为0 (no unit) gave a false CP002 “未写明机关运行经费” (a reviewer's find), so did 机关运行
    经费安排无 (no colon); a figure in 万元 is read as before, and 无 followed by more words (无较大变化) is no none."""
    for words in ("本单位机关运行经费：无。", "2023年，我局机关运行经费安排无。", "2023年，我局机关运行经费无。", "2023年，我局机关运行经费为零。", "2023年，我局机关运行经费预算为0。",
                  "2023年，我局机关运行经费为0.00。"):
        doc = rewrite(sample_text, tmp_path, {225: words})
        assert doc.running_costs.amount is not None and doc.running_costs.amount.yuan == 0, words
        assert "（文中称无）" in doc.running_costs.amount.label, words
    assert rewrite(sample_text, tmp_path, {225: "2023年，我局机关运行经费为0万元。"}).running_costs.amount.label == "机关运行经费"
    for said in ("2023年，我局机关运行经费为零增长，共计安排184.4万元。", "机关运行经费：无较大变化，共计安排184.4万元。",
                 "机关运行经费无较大变化，共计安排184.4万元。"):
        assert rewrite(sample_text, tmp_path, {225: said}).running_costs.amount.yuan == Decimal("1844000"), said


def test_a_sangong_total_of_0_without_a_unit_is_read() -> None:
    """“三公”经费预算为0，其中：…0万元 left the total unread: the report's 三公 table had no 合计 (a reviewer's find)."""
    from checks.cases import parse_text

    doc = parse_text("2023年单位预算公开情况说明\n四、财政拨款“三公”经费预算情况\n"
                     "2023年本单位财政拨款“三公”经费预算为0，其中：因公出国（境）费0万元，公务用车购置及运维费0万元，"
                     "公务接待费0万元。与上年持平。\n")
    total = doc.sangong.total
    assert total is not None and total.yuan == 0 and total.span.line == 3
    assert parse_text("2023年单位预算公开情况说明\n四、财政拨款“三公”经费预算情况\n"
                      "2023年“三公”经费预算为0.5万元，其中：公务接待费0.5万元。\n").sangong.total.yuan == 5000
    for words in ("“三公”经费全年预算为0", "“三公”经费本年预算为0", "“三公”经费一般公共预算拨款为0"):
        doc = parse_text("2023年单位预算公开情况说明\n四、财政拨款“三公”经费预算情况\n"
                         f"2023年我局{words}，其中：因公出国（境）费0万元，公务用车购置及运维费0万元，公务接待费0万元。\n")
        assert doc.sangong.total is not None and doc.sangong.total.yuan == 0, words
    for words in ("“三公”经费中因公出国（境）费为0", "“三公”经费预算中公务用车购置费为0", "“三公”经费增长率为0"):
        doc = parse_text("2023年单位预算公开情况说明\n四、财政拨款“三公”经费预算情况\n"
                         f"2023年，我局{words}，公务用车购置及运维费12.5万元，公务接待费0.94万元。\n")
        assert doc.sangong.total is None or doc.sangong.total.yuan != 0, words  # a part's or a rate's 0 (next round)
    # a reviewer's next round: last year's, a change's or a carry-over's 0 is no total of this year's (a false RC009
    # error); 0.00, 0（零） and 〇元 are the total's (a false CP002, and the true RC009 of 0.00 against its parts gone)
    for words in ("“三公”经费上年预算为0", "“三公”经费预算较上年变动为0", "“三公”经费上年结转为0", "“三公”经费2022年预算为0",
                  "“三公”经费增长为0", "“三公”经费执行数为0", "“三公”经费超支为0"):
        doc = parse_text("2023年单位预算公开情况说明\n四、财政拨款“三公”经费预算情况\n"
                         f"2023年，我局{words}，公务用车购置及运维费12.5万元，公务接待费0.94万元。\n")
        assert doc.sangong.total is None, words
    for words in ("“三公”经费预算为0.00", "“三公”经费预算为0（零）", "“三公”经费预算为〇元"):
        doc = parse_text("2023年单位预算公开情况说明\n四、财政拨款“三公”经费预算情况\n"
                         f"2023年，我局{words}，公务用车购置及运维费12.5万元，公务接待费0.94万元。\n")
        assert doc.sangong.total is not None and doc.sangong.total.yuan == 0, words


def test_sangong_parts_and_total_written_none_or_with_a_zero_of_words_are_read(sample_text: str, tmp_path: Path) -> None:
    """因公出国（境）费无；…公务用车购置费无 and …〇万元 gave CP004 “未分别列明”; “三公”经费预算为〇元，其中：…〇元 (no amount
    at all) a false CP002 “未写明合计”; 本单位2023年无“三公”经费预算，较上年减少31.42万元 a CP005 where 预算为0万元 gives
    VA002 (reviewers' finds): parts and total are read as 0, as 无因公出国（境）费 and 为零 were."""
    line = ("2023年，我局财政拨款“三公”经费预算安排13.44万元。其中，因公出国（境）费{0}；公务用车购置及运维费12.5万元（其中："
            "公务用车购置费{0}，公务用车运维费12.5万元)；公务接待费0.94万元。")
    for none in ("无", "〇万元"):
        doc = rewrite(sample_text, tmp_path, {229: line.format(none)})
        assert (doc.sangong.overseas.yuan, doc.sangong.vehicle_purchase.yuan) == (0, 0), none
        assert not [f for f in run_checks(doc) if f.code == "CP004"], none
    doc = rewrite(sample_text, tmp_path, {229: "2023年，我局财政拨款“三公”经费预算为〇元，其中：因公出国（境）费〇元，"
                                               "公务用车购置及运维费〇元，公务接待费〇元，与上年持平。"})
    assert doc.sangong.total.yuan == 0 and doc.sangong.reception.yuan == 0
    assert not [f for f in run_checks(doc) if f.code == "CP002"]
    doc = rewrite(sample_text, tmp_path, {229: "本单位2023年无“三公”经费预算，较上年减少31.42万元。"})
    assert doc.sangong.total.yuan == 0
    assert {f.code for f in run_checks(doc) if 229 in f.lines} >= {"VA002"}
    # not a part's none followed by more words, last year's none, nor one in the words of a reason
    doc = rewrite(sample_text, tmp_path, {229: line.format("0万元").replace("公务接待费0.94万元", "公务接待费无变化")})
    assert doc.sangong.reception is None
    for words in ("2023年，我局财政拨款“三公”经费上年无“三公”经费，本年预算13.44万元。",
                  "2023年“三公”经费较上年减少31.42万元，主要原因是本年未安排“三公”经费。"):
        assert rewrite(sample_text, tmp_path, {229: words}).sangong.total is None or \
            rewrite(sample_text, tmp_path, {229: words}).sangong.total.yuan != 0, words


def test_procurement_total_after_its_categories(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {3014: (
        "2023年，我单位安排政府采购预算，其中：工程类采购0万元，货物类采购267.06万元，服务类采购968.2万元，"
        "合计1235.26万元。具体内容见下表。")})
    assert doc.procurement.total is not None and str(doc.procurement.total.value.number) == "1235.26"


def test_cp008_quotes_only_what_the_document_says(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {3014: "2023年，我单位安排政府采购预算0万元。"})
    [finding] = [f for f in run_checks(doc) if f.code == "CP008"]
    assert "见下表" not in finding.message and "政府采购预算0万元" in finding.message


def test_unit_codes_of_project_tables_in_other_layouts(sample_text: str, sample_doc: Disclosure,
                                                       tmp_path: Path) -> None:
    """[303001]大厂… in one cell, or 单位编码 | 303001 | 单位名称 | … as cells of a row."""
    codes = [p.unit_code.text if p.unit_code else None for p in sample_doc.projects]
    bracketed = rewrite(sample_text, tmp_path, {
        539: "\t[303001]大厂回族自治县发展和改革局",
        2914: "\t【303004】大厂回族自治县京唐城际铁路（大厂段）建设工作指挥部办公室"})
    assert [p.unit_code.text if p.unit_code else None for p in bracketed.projects][:1] == codes[:1]
    assert bracketed.projects[-1].unit_code is not None and bracketed.projects[-1].unit_code.text == "303004"
    lines = sample_text.split("\n")
    cells = ["\t单位编码", "\t303001", "\t单位名称", "\t大厂回族自治县发展和改革局"]
    path = tmp_path / "cells.txt"
    path.write_text("\n".join([*lines[:538], *cells, *lines[539:]]), encoding="utf-8")
    first = parse_file(path).projects[0]
    assert first.unit_code is not None and first.unit_code.text == "303001"
    assert first.unit_name is not None and first.unit_name.text == "大厂回族自治县发展和改革局"


def _asset_rows(sample_text: str) -> tuple[list[str], list[list[str]], int, int]:
    """The sample's lines, the asset table's rows (cells) and its first and last line."""
    lines = sample_text.split("\n")
    first = next(i for i, t in enumerate(lines) if t.startswith("\t项") and "目" in t and i > 3100)
    last = next(i for i in range(first, len(lines)) if "其他固定资产" in lines[i]) + 2
    rows: list[list[str]] = [[]]
    for text in lines[first : last + 1]:
        if text.startswith("\t"):
            rows[-1].append(text)
        elif rows[-1]:
            rows.append([])
    return lines, [r for r in rows if r], first, last


def test_asset_table_columns_in_another_order(sample_text: str, sample_doc: Disclosure,
                                              tmp_path: Path) -> None:
    lines, rows, first, last = _asset_rows(sample_text)
    swapped = [[r[0], r[2], r[1]] if len(r) == 3 else r for r in rows]
    body = [cell for row in swapped for cell in [*row, ""]]
    path = tmp_path / "assets.txt"
    path.write_text("\n".join([*lines[:first], *body, *lines[last + 1 :]]), encoding="utf-8")
    assets = parse_file(path).assets
    assert [(f.label, f.yuan) for f in assets.classes] == [
        (f.label, f.yuan) for f in sample_doc.assets.classes]
    assert assets.table_total is not None and assets.table_total.yuan == sample_doc.assets.table_total.yuan


def test_asset_classes_numbered_otherwise(sample_text: str, sample_doc: Disclosure,
                                          tmp_path: Path) -> None:
    lines, rows, first, last = _asset_rows(sample_text)
    renamed = [[re.sub(r"^\t(\d)、", lambda m: f"\t（{CN[int(m[1]) - 1]}）", row[0]), *row[1:]]
               for row in rows]
    body = [cell for row in renamed for cell in [*row, ""]]
    path = tmp_path / "assets.txt"
    path.write_text("\n".join([*lines[:first], *body, *lines[last + 1 :]]), encoding="utf-8")
    assert len(parse_file(path).assets.classes) == len(sample_doc.assets.classes) == 4


def _insert(sample_text: str, tmp_path: Path, before: dict[int, str], drop: tuple[int, int] | None = None) -> Disclosure:
    """The sample with lines inserted before the given line numbers (and a range dropped)."""
    out: list[str] = []
    for number, line in enumerate(sample_text.split("\n"), start=1):
        if number in before:
            out.append(before[number])
        if drop is None or not drop[0] <= number <= drop[1]:
            out.append(line)
    path = tmp_path / "inserted.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    return parse_file(path)


def test_parts_around_the_sections(sample_text: str, tmp_path: Path) -> None:
    """第一部分 单位概况 / 第二部分 …收支预算情况 wrapping 一、 … 九、: the 一、 sections."""
    doc = _insert(sample_text, tmp_path, {6: "第一部分 单位概况", 208: "第二部分 2023年单位收支预算情况"})
    assert [key for key, _ in sections(doc)] == list(HEADINGS.values())
    assert len(doc.projects) == 25


def test_a_keyword_in_a_sub_heading_is_no_missing_section(sample_text: str, tmp_path: Path) -> None:
    """Without 七、国有资产信息, （二）加强国有资产管理 under 三、工作保障措施 (inside 五、绩效) does
    not become that section: it is reported missing and the project tables stay where they are."""
    doc = _insert(sample_text, tmp_path, {348: "（二）加强国有资产管理"}, drop=(3157, 3194))
    assert doc.section("assets") is None and len(doc.projects) == 25


def test_duties_under_a_plain_first_heading(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {6: "一、基本情况", 8: "（一）单位职责"})
    assert [key for key, _ in sections(doc)] == list(HEADINGS.values())
    assert sections(doc)[0] == ("duties", 8)


def test_every_table_headed_with_the_generic_title(sample_text: str, sample_doc: Disclosure,
                                                   tmp_path: Path) -> None:
    """N.项目支出绩效目标表 over each table (the name only in its 项目名称 row): the tables
    are read, and the generic title is not compared with their names (CS008)."""
    lines = sample_text.split("\n")
    edits: dict[int, str | Callable[[str], str]] = {}
    for project in sample_doc.projects:
        number = project.heading.span.line
        edits[number] = re.sub(r"\d+\.\S*绩效目标表$", f"{project.seq}.项目支出绩效目标表", lines[number - 1])
    doc = rewrite(sample_text, tmp_path, edits)
    assert [p.name.text for p in doc.projects if p.name] == [
        p.name.text for p in sample_doc.projects if p.name]
    assert not [f for f in run_checks(doc) if f.code == "CS008"]


@pytest.mark.parametrize("tail", ["实有人员共计75人。", "2023年末在职人员合计78人。"])
def test_staff_in_post_is_no_kind_of_quota(tail: str, sample_text: str, sample_doc: Disclosure,
                                           tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: lambda t: t + tail})
    assert [str(p.value.number) for p in doc.staffing.parts] == ["17", "1", "62"]
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def test_staffing_parts_named_by_post(sample_text: str, tmp_path: Path) -> None:
    st = rewrite(sample_text, tmp_path, {182: (
        "第八条  核定全额事业编制62名，其中管理岗位编制10名，专业技术岗位编制50名，工勤技能岗位编制2名。")}).staffing
    assert st.total is not None and str(st.total.value.number) == "62"
    assert [str(p.value.number) for p in st.parts] == ["10", "50", "2"]


@pytest.mark.parametrize(("line_3014", "total"), [
    ("2023年，我单位支出预算合计6663.49万元，其中安排政府采购预算0万元。具体内容见下表。", "0"),
    ("2023年，我单位安排政府采购50万元，其中货物类采购预算30万元，服务类采购预算20万元。具体内容见下表。", "50"),
])
def test_procurement_total_among_other_figures(line_3014: str, total: str, sample_text: str,
                                               tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {3014: line_3014})
    assert doc.procurement.total is not None and str(doc.procurement.total.value.number) == total


@pytest.mark.parametrize("line_3159", [
    "本年度我单位拟购置固定资产总额为0万元，大厂回族自治县发展和改革局（含所属单位）上年末固定资产金额为969.53万元（详见下表）。",
    "大厂回族自治县发展和改革局（含所属单位）上年末固定资产金额为969.53万元（含2022年新购置公务用车1辆，价值12万元），本年度我单位拟购置固定资产总额为0万元。",
])
def test_asset_paragraph_held_and_planned(line_3159: str, sample_text: str, tmp_path: Path) -> None:
    assets = rewrite(sample_text, tmp_path, {3159: line_3159}).assets
    assert _wan(assets.total) == "969.53" and _wan(assets.planned_purchase) == "0.00"


def test_rc005_elsewhere_only_when_the_project_tables_are_meant(sample_text: str,
                                                                tmp_path: Path) -> None:
    doc = _insert(sample_text, tmp_path, {184: "其预算另行公开。"}, drop=(538, 3011))
    [finding] = [f for f in run_checks(doc) if f.code == "RC005"]
    assert finding.severity == "error"


def test_nine_digit_unit_codes(sample_text: str, tmp_path: Path) -> None:
    first = rewrite(sample_text, tmp_path, {539: "\t[303001001]大厂回族自治县粮食储备中心"}).projects[0]
    assert first.unit_code is not None and first.unit_code.text == "303001001"
    assert first.unit_name is not None and first.unit_name.text == "大厂回族自治县粮食储备中心"


def test_a_catch_all_after_a_repeated_section_heading(sample_text: str, tmp_path: Path) -> None:
    """一、单位职责 / 二、机构设置 (the same section) / 三、单位预算情况说明 with （一）（二）（三)
    inside, then 四、… for the rest: every section is found."""
    _insert(sample_text, tmp_path, {188: "二、机构设置", 208: "三、单位预算情况说明"})
    renamed = {208: "（一）单位预算安排的总体情况", 223: "（二）机关运行经费安排情况",
               227: "（三）财政拨款“三公”经费预算情况及增减变化原因"}
    lines = (tmp_path / "inserted.txt").read_text(encoding="utf-8").split("\n")
    for number, text in renamed.items():
        lines[number + 1] = text  # two lines were inserted before these
    for offset, number in enumerate((230, 3012, 3157, 3195, 3216)):
        lines[number + 1] = re.sub(rf"^[{CN}]+、", f"{CN[3 + offset]}、", lines[number + 1])
    path = tmp_path / "nested.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    assert [key for key, _ in sections(doc)] == list(HEADINGS.values())
    assert doc.income.total is not None and doc.expenditure.total is not None


def test_a_whole_figure_in_the_text_against_a_table(sample_text: str, tmp_path: Path) -> None:
    """970万元 in the text against the table's 969.53: within the rounding of 970."""
    doc = rewrite(sample_text, tmp_path, {3159: lambda t: t.replace("969.53万元", "970万元")})
    assert not [f for f in run_checks(doc) if f.code == "RC014"]


def test_staffing_total_after_a_semicolon(sample_text: str, tmp_path: Path) -> None:
    st = rewrite(sample_text, tmp_path, {182: "第八条  编制情况：行政编制17名；工勤编制1名；事业编制62名；合计80名。"}).staffing
    assert st.total is not None and str(st.total.value.number) == "80"


def test_rc005_elsewhere_without_the_word_table(sample_text: str, tmp_path: Path) -> None:
    doc = _insert(sample_text, tmp_path, {538: "本单位2023年项目支出绩效目标另行公开。"}, drop=(538, 3011))
    [finding] = [f for f in run_checks(doc) if f.code == "RC005"]
    assert finding.severity == "info"


def test_a_group_heading_with_a_unit_row(sample_text: str, sample_doc: Disclosure,
                                         tmp_path: Path) -> None:
    doc = _insert(sample_text, tmp_path, {538: "第二部分 资金绩效目标\n（一）项目支出绩效目标表\n\t金额单位：元\n"})
    assert len(doc.projects) == len(sample_doc.projects)


def test_numbered_sub_headings_under_a_paren_top_level(sample_text: str, sample_doc: Disclosure,
                                                       tmp_path: Path) -> None:
    """（一）…（九） top level, whose （五） holds the sample's （十七）… goal items and 1./2./3.
    sub-headings naming 政府采购 and 国有资产: those are no sections."""
    edits: dict[int, str | Callable[[str], str]] = {
        line: (lambda t, i=i: HEADING_STYLES["（一）"](i, t)) for i, line in enumerate(HEADINGS)}
    _insert(sample_text, tmp_path, {348: "1.加强预算绩效管理\n完善绩效目标管理。\n2.规范政府采购管理\n"
                                         "严格执行政府采购制度。\n3.加强国有资产管理\n做好资产登记。"})
    lines = (tmp_path / "inserted.txt").read_text(encoding="utf-8").split("\n")
    for number, edit in edits.items():
        at = number - 1 + (6 if number >= 348 else 0)  # not three in a row: no table of contents
        lines[at] = edit(lines[at])  # type: ignore[operator]
    path = tmp_path / "paren.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_file(path)
    assert [key for key, _ in sections(doc)] == list(HEADINGS.values())
    assert doc.section("procurement").title.span.line == 3018  # type: ignore[union-attr]
    assert len(doc.projects) == len(sample_doc.projects)


def test_a_whole_table_figure_beside_two_decimal_ones_is_exact(sample_text: str,
                                                               tmp_path: Path) -> None:
    """The asset table's 72 beside its 969.53 is 72.00: 636.42 instead of 636.12 is a gap."""
    doc = rewrite(sample_text, tmp_path, {3192: lambda t: t.replace("636.12", "636.42")})
    assert [f.code for f in run_checks(doc) if f.code == "RC014"] == ["RC014"]


@pytest.mark.parametrize(("sentence", "severity"), [
    ("本单位整体绩效目标另行公开。", "error"),
    ("单位整体支出绩效目标详见附件。", "error"),
    ("项目支出绩效目标表在县人民政府门户网站预决算公开专栏另行公开。", "info"),
])
def test_rc005_elsewhere_only_for_project_targets(sentence: str, severity: str, sample_text: str,
                                                  tmp_path: Path) -> None:
    doc = _insert(sample_text, tmp_path, {538: sentence}, drop=(538, 3011))
    assert [f.severity for f in run_checks(doc) if f.code == "RC005"] == [severity]


@pytest.mark.parametrize("line_182", [
    "第八条  核定行政编制17名，工勤编制1名，锁定事业编制62名。现有在职人员：合计75人，编制总数80名。",
    "第八条  机关编制80名，其中行政编制17名，工勤编制1名，锁定事业编制62名，副股级领导职数11名（合计33名）。",
])
def test_staff_counts_that_are_not_the_quota(line_182: str, sample_text: str, tmp_path: Path) -> None:
    st = rewrite(sample_text, tmp_path, {182: line_182}).staffing
    assert st.total is not None and str(st.total.value.number) == "80"
    assert [str(p.value.number) for p in st.parts] == ["17", "1", "62"]


def test_no_staffing_total_when_none_is_stated(sample_text: str, tmp_path: Path) -> None:
    st = rewrite(sample_text, tmp_path, {182: "第八条  核定行政编制17名，工勤编制1名，锁定事业编制62名。"}).staffing
    assert st.total is None and len(st.parts) == 3


def test_the_unit_of_a_group_heading_holds_for_its_tables(sample_text: str, sample_doc: Disclosure,
                                                          tmp_path: Path) -> None:
    """（一）项目支出绩效目标表（单位：万元） over tables without a unit row of their own."""
    edits: dict[int, str | Callable[[str], str]] = {540: "\t"}
    for project in sample_doc.projects:
        if project.budget is not None:
            line = project.budget.span.line
            edits[line] = f"\t{project.budget.yuan / 10000:.2f}"
        if project.fiscal is not None and project.fiscal.span.line != (project.budget.span.line if project.budget else 0):
            edits[project.fiscal.span.line] = f"\t{project.fiscal.yuan / 10000:.2f}"
    lines = sample_text.split("\n")
    unit_rows = [n for n, t in enumerate(lines, start=1) if t.strip() == "单位：元"]
    edits.update({n: "\t" for n in unit_rows})
    rewrite(sample_text, tmp_path, edits)  # writes variant.txt
    lines = (tmp_path / "variant.txt").read_text(encoding="utf-8").split("\n")
    path = tmp_path / "group-unit.txt"
    path.write_text("\n".join([*lines[:537], "（一）项目支出绩效目标表（单位：万元）", "", *lines[537:]]),
                    encoding="utf-8")
    doc = parse_file(path)
    assert [p.budget.yuan for p in doc.projects if p.budget] == [
        round(p.budget.yuan / 10000, 2) * 10000 for p in sample_doc.projects if p.budget]


def test_wan_before_a_bracket_or_a_change(sample_text: str, sample_doc: Disclosure,
                                          tmp_path: Path) -> None:
    sg = rewrite(sample_text, tmp_path, {229: lambda t: t.replace("万元", "万")}).sangong
    assert [_wan(f) for f in sg.parts()] == [_wan(f) for f in sample_doc.sangong.parts()]
    assert [(c.subject, _wan(c.amount)) for c in sg.changes] == [
        (c.subject, _wan(c.amount)) for c in sample_doc.sangong.changes]


def _indicator_cells(sample_text: str, doc: Disclosure) -> list[list[int]]:
    """The line of each cell (a tab-led line) of every project indicator row of ``doc``."""
    lines = sample_text.split("\n")
    return [[n for n in ind.lines if lines[n - 1].startswith("\t")]
            for project in doc.projects for ind in project.indicators]


def _levels(doc: Disclosure) -> list[list[tuple[str, str, str, str]]]:
    return [[(i.level1, i.level2, i.level3, i.value.raw) for i in p.indicators] for p in doc.projects]


def _write_without(sample_text: str, tmp_path: Path, blank: set[int], drop: set[int]) -> Disclosure:
    """The sample with lines ``blank`` emptied to a bare cell and lines ``drop`` left out."""
    out = ["\t" if n in blank else line
           for n, line in enumerate(sample_text.split("\n"), start=1) if n not in drop]
    path = tmp_path / "merged.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    return parse_file(path)


def _repeated_level2_cells(sample_text: str, doc: Disclosure) -> set[int]:
    """The 二级指标 cell of each row that repeats the row above's (a merged cell in print)."""
    cells = _indicator_cells(sample_text, doc)
    flat = [i for p in doc.projects for i in p.indicators]
    return {row[1] for before, ind, row in zip(flat[:-1], flat[1:], cells[1:], strict=True)
            if ind.level2 and ind.level2 == before.level2 and ind.level1 == before.level1}


def test_merged_second_level_indicator_cells(sample_text: str, sample_doc: Disclosure,
                                             tmp_path: Path) -> None:
    """A 二级指标 cell merged over several rows prints once: the blank cells below it are
    the same class (成本/时效/数量 rules depend on it), and the findings do not change."""
    repeated = _repeated_level2_cells(sample_text, sample_doc)
    assert len(repeated) > 20
    doc = _write_without(sample_text, tmp_path, repeated, set())
    assert _levels(doc) == _levels(sample_doc)
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def test_merged_indicator_cells_left_out_of_the_row(sample_text: str, sample_doc: Disclosure,
                                                    tmp_path: Path) -> None:
    """Text copied from a table with merged cells may leave the merged cells out of the
    rows below the first: a row one cell short lost its 一级指标, two short its 二级 too."""
    lines = sample_text.split("\n")
    repeated = _repeated_level2_cells(sample_text, sample_doc)
    merged_level1 = {row[0] for row in _indicator_cells(sample_text, sample_doc) if lines[row[0] - 1] == "\t"}
    assert len(merged_level1) > 50
    doc = _write_without(sample_text, tmp_path, set(), merged_level1 | {n for n in repeated
                                                                        if n - 1 in merged_level1})
    assert _levels(doc) == _levels(sample_doc)


def _unit_table_with_weight_column(sample_text: str, sample_doc: Disclosure) -> list[str]:
    """The sample with a 权重 column after 三级指标 in the unit-wide indicator table."""
    lines = sample_text.split("\n")
    table = sample_doc.unit_goals.indicators
    third = {[n for n in ind.lines if lines[n - 1].startswith("\t")][3] - 1 for ind in table}  # its last line
    header = max(n for n in range(1, table[0].span.line) if lines[n - 1] == "\t一级指标")
    assert lines[header + 1] == "\t三级指标"  # 一级 … 指标值确定依据, then ｜…｜符号｜值｜单位｜
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        out.append(line)
        if number == header + 2:
            out.append("\t权重")
        elif number in third:
            out.append("\t10")
        elif number == header + 10:  # the second header row's third cell
            out.append("\t")
    return out


def test_unit_indicator_columns_from_the_header(sample_text: str, sample_doc: Disclosure,
                                                tmp_path: Path) -> None:
    """The unit-wide table with one more column: 符号 | 值 | 单位 still found under 指标值
    by the second header row, not by position."""
    path = tmp_path / "weight.txt"
    path.write_text("\n".join(_unit_table_with_weight_column(sample_text, sample_doc)), encoding="utf-8")
    doc = parse_file(path)
    assert [(i.level3, i.value.raw, i.basis, i.scoring) for i in doc.unit_goals.indicators] == [
        (i.level3, i.value.raw, i.basis, i.scoring) for i in sample_doc.unit_goals.indicators]


def _total_written(total: str) -> Callable[[str], str]:
    return lambda line: line.replace("支出预算6663.49万元", f"支出预算{total}")


@pytest.mark.parametrize("total", ["约6663万元", "约6600万元", "大约为6600万元", "近6700万元", "6663万元左右",
                                   "6600余万元", "6600多万元"])
def test_an_approximate_total_is_no_arithmetic_error(total: str, sample_text: str, tmp_path: Path) -> None:
    """支出预算约6600万元 beside 基本支出2319.63 + 项目支出4343.85 = 6663.48: the author
    shortened the total (to its hundreds, ±100万元), so the gap is no finding; 约6663万元 on a
    line of two-decimal figures is not 6663.00. The words are no part of the label."""
    doc = rewrite(sample_text, tmp_path, {217: _total_written(total)})
    spend = doc.expenditure.total
    assert spend is not None and spend.approx and spend.label == "2023年支出预算"
    assert not [f for f in run_checks(doc) if f.code == "RC004"]


@pytest.mark.parametrize("total", ["约6500万元", "约6000万元"])
def test_an_approximate_total_too_far_from_its_parts_still_fires(total: str, sample_text: str,
                                                                 tmp_path: Path) -> None:
    """约6500万元 is 6500 ± 100: 6663.48 is beyond it. 约6000万元 would be ± 1000 by its last
    digit, but no approximate figure is taken to be off by more than 10% of itself (± 600).
    The finding says the tolerance was widened."""
    doc = rewrite(sample_text, tmp_path, {217: _total_written(total)})
    [finding] = [f for f in run_checks(doc) if f.code == "RC004"]
    assert finding.lines == (217,) and finding.message.endswith(APPROX_NOTE)


@pytest.mark.parametrize("edit", [
    lambda t: t.replace("基本支出2319.63万元，", "基本支出2319.63万元，服务企业约1.2万，"),
    lambda t: t.replace("支出预算6663.49万元", "支出预算约6663万元"),
    lambda t: t.replace("包括人员类项目经费", "包括约80人的人员类项目经费"),
], ids=["a count", "the total", "a count right before"])
def test_a_word_of_approximation_for_another_figure_leaves_the_parts_exact(
    edit: Callable[[str], str], sample_text: str, tmp_path: Path
) -> None:
    """人员经费 0.1万元 too high (a gap of 0.11万元): RC003 compares 基本支出 with its parts exactly, whatever 约
    says about a count or about the total in the same sentence."""
    doc = rewrite(sample_text, tmp_path, {217: lambda t: edit(t).replace("2135.24万元", "2135.34万元")})
    e = doc.expenditure
    parts = [e.basic, e.personnel, e.public]
    assert [f.label.endswith(("基本支出", "人员类项目经费", "公用项目经费")) and not f.approx
            for f in parts if f is not None] == [True] * 3
    [finding] = [f for f in run_checks(doc) if f.code == "RC003"]
    assert "相差 0.11万元" in finding.message and not finding.message.endswith(APPROX_NOTE)


def test_an_approximate_change(sample_text: str, tmp_path: Path) -> None:
    """减少约12.6万元 is a stated change, approximate; 17.98 is still 5.38 beyond it."""
    doc = rewrite(sample_text, tmp_path, {229: lambda t: t.replace("相比减少12.58万元", "相比减少约12.6万元")})
    total = doc.sangong.changes[0]
    assert (total.subject, str(total.amount.value.number), total.amount.approx) == ("“三公”经费合计", "12.6", "约")
    [finding] = [f for f in run_checks(doc) if f.code == "RC011"]
    assert finding.message.endswith(APPROX_NOTE)


@pytest.mark.parametrize("total", ["6600余万元", "如下"])
def test_expenditure_parts_without_a_readable_total(total: str, sample_text: str, sample_doc: Disclosure,
                                                     tmp_path: Path) -> None:
    """A total written as 6600余万元 (more than 6600) or not at all: 基本支出, 项目支出 and their
    parts are still read from the sentence (they used to be lost with the total, three false
    CP002 findings); only a missing total is missing."""
    doc = rewrite(sample_text, tmp_path, {217: _total_written(total)})
    spend, sample = doc.expenditure, sample_doc.expenditure

    def parts(e: Expenditure) -> list[tuple[str, Quantity] | None]:
        return [(f.label, f.value) if f else None for f in (e.basic, e.project, e.personnel, e.public)]

    assert None not in parts(spend) and parts(spend) == parts(sample)
    missing = [f.message for f in run_checks(doc) if f.code == "CP002"]
    assert missing == ([] if spend.total is not None else [missing[0]])
    assert all("支出合计" in m for m in missing)


def test_merged_cells_left_out_before_a_third_level_name_like_a_second(
        sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """A row that lost both merged cells starts with its 三级 name, even one that begins like
    a 二级 name (数量完成率, 服务对象满意度): the row is two cells short, so both are missing."""
    lines = sample_text.split("\n")
    cells = _indicator_cells(sample_text, sample_doc)
    repeated = _repeated_level2_cells(sample_text, sample_doc)
    both = [row for row in cells if lines[row[0] - 1] == "\t" and row[1] in repeated]
    assert len(both) >= 2
    renamed = {both[0][2]: "\t数量完成率", both[1][2]: "\t服务对象满意度"}
    text = "\n".join(renamed.get(n, line) for n, line in enumerate(lines, start=1))
    expected = _levels(rewrite(text, tmp_path, {}))
    doc = _write_without(text, tmp_path, set(), {n for row in both for n in row[:2]})
    assert _levels(doc) == expected
    assert {"数量完成率", "服务对象满意度"} <= {i.level3 for p in doc.projects for i in p.indicators}


@pytest.mark.parametrize("first", ["产出", "效益", "满意度"])
def test_trailing_cells_left_off_after_a_short_first_level_name(first: str, sample_text: str,
                                                               sample_doc: Disclosure, tmp_path: Path) -> None:
    """一级 written short (产出, not 产出指标) in a row whose blank 依据 was left off: the cells
    are read from the left, not shifted as if merged cells were missing."""
    lines = sample_text.split("\n")
    project = sample_doc.projects[0]
    rows = [[n for n in i.lines if lines[n - 1].startswith("\t")] for i in project.indicators]
    row = next(r for r, i in zip(rows, project.indicators, strict=True) if i.level1 == f"{first}指标"
               and lines[r[0] - 1] != "\t")
    text = "\n".join("\t" + first if n == row[0] else line for n, line in enumerate(lines, start=1)
                     if n != row[-1])  # its 依据 cell left off
    doc = rewrite(text, tmp_path, {})
    indicator = doc.projects[0].indicators[rows.index(row)]
    original = project.indicators[rows.index(row)]
    assert (indicator.level3, indicator.value.raw, indicator.basis) == (original.level3, original.value.raw, "")


@pytest.mark.parametrize("sub", [("运算符", "数值", "计量单位"), ("符号", "指标值", "单位")])
def test_unit_indicator_second_header_spellings(sub: tuple[str, str, str], sample_text: str,
                                                sample_doc: Disclosure, tmp_path: Path) -> None:
    """The second header row's three cells under 指标值 under other names."""
    text = sample_text.replace("\t符号\n\t值\n\t单位（文字描述）\n", "".join(f"\t{w}\n" for w in sub), 1)
    assert text != sample_text
    doc = rewrite(text, tmp_path, {})
    assert [(i.level3, i.value.raw) for i in doc.unit_goals.indicators] == [
        (i.level3, i.value.raw) for i in sample_doc.unit_goals.indicators]


def test_unit_indicator_second_header_without_its_blank_cells(sample_text: str, sample_doc: Disclosure,
                                                              tmp_path: Path) -> None:
    """The second header row with its blank cells before 符号 left off."""
    text = sample_text.replace("\n\t\n\t\n\t\n\t\n\t\n\t符号\n", "\n\t符号\n", 1)
    assert text != sample_text
    doc = rewrite(text, tmp_path, {})
    assert [(i.level3, i.value.raw, i.basis) for i in doc.unit_goals.indicators] == [
        (i.level3, i.value.raw, i.basis) for i in sample_doc.unit_goals.indicators]


def test_padded_indicator_rows_are_not_a_split_value(sample_text: str, sample_doc: Disclosure,
                                                     tmp_path: Path) -> None:
    """Two blank cells after a project indicator row's 依据 are padding, not 符号 | 值 | 单位."""
    lines = sample_text.split("\n")
    ends = {i.span.end_line for i in sample_doc.projects[0].indicators}
    text = "\n".join(line + ("\n\t\n\t" if n in ends else "") for n, line in enumerate(lines, start=1))
    doc = rewrite(text, tmp_path, {})
    assert [(i.value.raw, i.basis) for i in doc.projects[0].indicators] == [
        (i.value.raw, i.basis) for i in sample_doc.projects[0].indicators]


def _income_written(total: str) -> Callable[[str], str]:
    return lambda line: line.replace("2023年预算收入5728.07万元", f"2023年预算收入{total}")


@pytest.mark.parametrize(("total", "fires"), [
    ("5700万元左右", False),   # cut off: the parts (5728.07) may exceed it by less than 100
    ("约5800万元", True),      # rounded up by at most 50: 71.93 over is no rounding
    ("约5730万元", False),     # rounded to the ten
    ("约5750万元", True),      # to the ten, so 21.93 off is neither rounding nor cutting off
    ("近5800万元", False),     # just below 5800
    ("近5700万元", True),      # 近 is below the exact value, and 5728.07 is above 5700
    ("5700余万元", False),
    ("5800余万元", True),      # more than 5800
])
def test_an_approximate_total_counts_on_its_own_side(total: str, fires: bool, sample_text: str,
                                                     tmp_path: Path) -> None:
    """约 is rounded (off by half a unit) or cut off (short by less than one), 近 just below
    the exact value, 余 just above it: the parts may differ from the total only that way."""
    doc = rewrite(sample_text, tmp_path, {214: _income_written(total)})
    assert doc.income.total is not None and doc.income.total.approx
    assert bool([f for f in run_checks(doc) if f.code == "RC001"]) is fires


def test_a_one_digit_approximate_part_keeps_its_rounding(sample_text: str, tmp_path: Path) -> None:
    """其他来源收入约3万元 for 3.40: a plain 3万元 may be off by 0.5, and 约 says no less."""
    doc = rewrite(sample_text, tmp_path, {214: lambda t: t.replace("基金预算收入988.56万元", "基金预算收入985.16万元")
                                          .replace("其他来源收入0万元", "其他来源收入约3万元")})
    assert not [f for f in run_checks(doc) if f.code == "RC001"]


def test_income_balance_from_exact_sources_beside_an_approximate_total(sample_text: str,
                                                                       tmp_path: Path) -> None:
    """收入约5700万元 with its sources in exact figures: the balance with expenditure is
    held on the sources (5728.07 + 891.02 against 6663.49, the sample's 44.40), not lost
    in the total's 100万元."""
    doc = rewrite(sample_text, tmp_path, {214: _income_written("5700万元左右")})
    [finding] = [f for f in run_checks(doc) if f.code == "RC002"]
    assert "相差 44.40万元" in finding.message and not finding.message.endswith(APPROX_NOTE)


@pytest.mark.parametrize("edits", [
    {223: "四、其他重要事项的情况说明\n（一）机关运行经费安排情况",
     227: "（二）财政拨款“三公”经费预算情况及增减变化原因",
     230: "（三）绩效预算信息（与单位绩效文本内容保持一致）",
     3012: "（四）政府采购预算情况", 3157: "（五）国有资产信息"},
    {227: "五、其他重要事项\n（一）财政拨款“三公”经费预算情况及增减变化原因",
     230: "（二）绩效预算信息（与单位绩效文本内容保持一致）",
     3012: "（三）政府采购预算情况", 3157: "（四）国有资产信息"},
    {3012: "七、其他重要事项的情况说明\n（一）政府采购预算情况", 3157: "（二）国有资产信息"},
    {3195: "九、其他重要事项的情况说明\n（一）名词解释", 3216: "（二）其他需要说明的事项"},
], ids=["二-then-四", "三-then-五", "五-with-一二三-inside-then-七", "七-then-九-last"])
def test_a_catch_all_after_a_skipped_number(edits: dict[int, str | Callable[[str], str]],
                                            sample_text: str, tmp_path: Path) -> None:
    """The catch-all numbered past a missing number (the author left one out): its （一）…
    headings still head the sections that no 一、 heading names — none reported missing."""
    doc = rewrite(sample_text, tmp_path, edits)
    assert [key for key, _ in sections(doc)] == list(HEADINGS.values())
    assert not [f for f in run_checks(doc) if f.code == "CP001"]
    assert doc.running_costs.amount is not None and doc.sangong.total is not None
    assert len(doc.projects) == 25



@pytest.mark.parametrize(("edits", "missing"), [
    ({223: "四、其他重要事项的情况说明\n（一）机关运行经费安排情况", 3216: "", 3218: ""}, False),
    ({3216: "", 3218: ""}, True),
])
def test_a_catch_all_of_other_matters_is_the_other_matters_section(edits: dict[int, str], missing: bool,
                                                                   sample_text: str, tmp_path: Path) -> None:
    """四、其他重要事项的情况说明 holding （一）机关运行经费 … is the template's section of other matters: CP001 said
    “未找到其他需要说明的事项” beside it (a reviewer's). Without it, and without 其他需要说明的事项, it still says so."""
    doc = rewrite(sample_text, tmp_path, edits)
    said = [f for f in run_checks(doc) if f.code == "CP001" and "其他需要说明的事项" in f.message]
    assert bool(said) is missing


@pytest.mark.parametrize("heading", ["三、其他需要说明的事项", "四、其他需要说明的事项"])
def test_sections_headed_inside_other_matters(heading: str, sample_text: str, tmp_path: Path) -> None:
    """三、其他需要说明的事项 (or 四、, a number skipped) after 二、 with （一）机关运行经费 …
    （五）国有资产 inside: that section is found, and so are the ones headed inside it."""
    doc = rewrite(sample_text, tmp_path, {
        223: f"{heading}\n（一）机关运行经费安排情况",
        227: "（二）财政拨款“三公”经费预算情况及增减变化原因",
        230: "（三）绩效预算信息（与单位绩效文本内容保持一致）",
        3012: "（四）政府采购预算情况", 3157: "（五）国有资产信息", 3216: "九、附则"})
    assert [key for key, _ in sections(doc)] == [
        "duties", "overview", "other", "running_costs", "sangong", "performance", "procurement",
        "assets", "glossary"]
    assert not [f for f in run_checks(doc) if f.code == "CP001"]
    assert doc.running_costs.amount is not None and len(doc.projects) == 25

#: A top-level numbering style → (its heading, the numbering of the headings inside).
_NESTED_STYLES: dict[str, tuple[Callable[[int, str], str], Callable[[int, str], str]]] = {
    "一、": (lambda n, t: f"{CN[n - 1]}、{t}", lambda n, t: f"（{CN[n - 1]}）{t}"),
    "（一）": (lambda n, t: f"（{CN[n - 1]}）{t}", lambda n, t: f"{n}.{t}"),
    "1.": (lambda n, t: f"{n}.{t}", lambda n, t: f"（{CN[n - 1]}）{t}"),
}
_ITEMS = ("加强预算管理", "规范财务管理", "严格资金管理")


def _nested(sample_text: str, tmp_path: Path, style: str, *, blank: range = range(0),
            at: int = 348, items: tuple[str, ...] = _ITEMS) -> Disclosure:
    """The sample's top level numbered 1 3 4 … 9 in ``style`` (and its lines ``blank`` left
    empty): 3 is a catch-all holding 收支 and 机关运行经费 (2 left out); under 5 (绩效), before
    line ``at``, a list of ``items`` numbered … 1 2 7, then a sub-heading naming 国有资产."""
    top, sub = _NESTED_STYLES[style]
    lines = sample_text.split("\n")
    edits: dict[int, str | Callable[[str], str]] = {
        line: top(number, _title(lines[line - 1])) for line, number in (
            (6, 1), (227, 4), (230, 5), (3012, 6), (3157, 7), (3195, 8), (3216, 9))}
    edits[208] = top(3, "其他重要事项的情况说明") + "\n" + sub(1, _title(lines[207]))
    edits[223] = sub(2, _title(lines[222]))
    numbered = [top(n, item) for n, item in zip((1, 2, 7)[-len(items):], items, strict=True)]
    body = [line for heading in numbered for line in (heading, "落实到位。")]
    edits[at] = lambda t: "\n".join([*body, sub(2, "加强国有资产管理"), t])
    edits.update({number: "" for number in blank})
    return rewrite(sample_text, tmp_path, edits)


@pytest.mark.parametrize("style", _NESTED_STYLES)
@pytest.mark.parametrize("at", [348, 231], ids=["after-1-2", "first-under-5"])
def test_items_numbered_past_the_top_heading_stay_items(style: str, at: int, sample_text: str,
                                                        tmp_path: Path) -> None:
    """The catch-all 3 after 1 heads its sections; a 7 under 5 — after the list's 1 and 2
    (and, in the （一） style, the sample's （十三）…（二十八） goal items), or first thing under
    5 — is an item, not a top-level heading before 6: 国有资产 is the section headed 7."""
    doc = _nested(sample_text, tmp_path, style, at=at, items=_ITEMS[2:] if at == 231 else _ITEMS)
    assert [key for key, _ in sections(doc)] == list(HEADINGS.values())
    assets = doc.section("assets")
    assert assets is not None and assets.title.text == _NESTED_STYLES[style][0](7, "国有资产信息")
    assert len(doc.projects) == 25
    assert not [f for f in run_checks(doc) if f.code == "CP001"]


@pytest.mark.parametrize(("style", "item"), [
    ("一、", "严格资金管理"), ("（一）", "其他保障措施"), ("1.", "其他保障措施")])
def test_a_list_item_in_the_gap_of_missing_sections_stays_an_item(
    style: str, item: str, sample_text: str, tmp_path: Path
) -> None:
    """… 5 (绩效) then 8 (名词解释) — 政府采购 and 国有资产 (6, 7) not written: the 7 of the list
    under 5, after its 1 and 2, is still an item though its number fits the gap (in the （一）
    and 1. styles, which number list items, even titled like a catch-all), and the
    sub-heading naming 国有资产 after it heads no section; both are reported missing."""
    doc = _nested(sample_text, tmp_path, style, blank=range(3012, 3195), items=(*_ITEMS[:2], item))
    assert [key for key, _ in sections(doc)] == [
        key for key in HEADINGS.values() if key not in ("procurement", "assets")]
    assert len([f for f in run_checks(doc) if f.code == "CP001"]) == 2
    assert len(doc.projects) == 25


def test_an_earlier_sentence_with_basic_and_project_is_not_the_expenditure(sample_text: str,
                                                                          tmp_path: Path) -> None:
    """A summary sentence before 收入说明 that names 基本支出 and 项目支出 (but no total the
    parser knows): the expenditure is still the one 支出说明 states, with its total."""
    summary = "2023年单位收支预算总额6663.49万元，其中基本支出2319.63万元，项目支出4343.85万元。\n\n"
    doc = rewrite(sample_text, tmp_path, {212: lambda line: summary + line})
    assert doc.expenditure.total is not None and doc.expenditure.total.value.raw == "6663.49万元"
    codes = [f.code for f in run_checks(doc)]
    assert "RC002" in codes and "CP002" not in codes


@pytest.mark.parametrize(("line", "edit"), [
    (217, ("支出预算6663.49万元", "支出预算约6600万元")),       # its exact 基本 + 项目 are given
    (214, ("2023年预算收入5728.07万元", "2023年预算收入约6600万元")),  # a total with 上年结转 in it
    (214, ("2023年预算收入5728.07万元", "2023年预算收入6600余万元")),
])
def test_income_and_expenditure_balance_on_exact_parts(line: int, edit: tuple[str, str], sample_text: str,
                                                       tmp_path: Path) -> None:
    """An approximate total beside exact parts that make it: the balance is held on the
    parts, and the sample's gap of about 44.40万元 is reported, not lost in the total's 100."""
    doc = rewrite(sample_text, tmp_path, {line: lambda t: t.replace(*edit)})
    [finding] = [f for f in run_checks(doc) if f.code == "RC002"]
    assert re.search(r"相差 44\.(39|40)万元", finding.message)


def test_an_approximate_total_with_too_few_parts_stands_for_itself(sample_text: str, tmp_path: Path) -> None:
    """约5700万元 beside only its main source: the sources do not make the total (RC001), so
    the balance is not held on them (it would report a gap of 1,000万元 that is not there)."""
    sentence = "2023年预算收入约5700万元，主要为一般公共预算收入4739.51万元；另有上年结转891.02万元。"
    doc = rewrite(sample_text, tmp_path, {214: lambda t: t[: t.index("2023年预算收入")] + sentence})
    codes = [f.code for f in run_checks(doc)]
    assert "RC001" in codes and "RC002" not in codes


@pytest.mark.parametrize(("change", "fires"), [
    ("减少2100余万元", True),    # at least 2100: the parts make 2017.80
    ("减少近2000万元", True),    # just under 2000
    ("减少2000余万元", False),
    ("减少近2100万元", False),
    ("减少约2000万元", False),   # 2017.80 rounded to the thousand
])
def test_an_approximate_change_counts_on_its_own_side(change: str, fires: bool, sample_text: str,
                                                      tmp_path: Path) -> None:
    """A decrease written 余/近 is bounded on one side of its size, whatever the sign."""
    doc = rewrite(sample_text, tmp_path, {221: lambda t: t.replace("减少2017.79万元", change)})
    fired = [f for f in run_checks(doc) if f.code == "RC011" and "收支" in f.message]
    assert bool(fired) is fires


@pytest.mark.parametrize(("total", "fires"), [
    ("18万余元", True),   # 万余元 read: more than 18万 against parts of 13.44
    ("13万余元", False),
    ("近14万元", False),  # 12.6–14
    ("近15万元", True),   # 近 is at most 10% below: 13.5–15
    ("近20万元", True),   # 18–20, not 15–20, against 15.44 with 接待费 2.94
])
def test_sangong_total_written_approximately(total: str, fires: bool, sample_text: str, tmp_path: Path) -> None:
    def edit(line: str) -> str:
        line = line.replace("预算安排18.84万元", f"预算安排{total}")
        return line.replace("公务接待费0.94万元", "公务接待费2.94万元", 1) if total == "近20万元" else line

    doc = rewrite(sample_text, tmp_path, {229: edit})
    assert doc.sangong.total is not None and doc.sangong.total.approx
    findings = run_checks(doc)
    assert bool([f for f in findings if f.code == "RC009"]) is fires
    assert not [f for f in findings if f.code == "CP002"]


def _money_of(doc: Disclosure) -> tuple[object, ...]:
    """The income and expenditure figures of ``doc`` by value, and its expenditure changes."""
    inc, e = doc.income, doc.expenditure

    def value(f: object) -> object:
        return getattr(getattr(f, "value", None), "yuan", None)

    return (value(inc.total), [value(p) for p in inc.parts], value(inc.carry_over), value(e.total),
            value(e.basic), value(e.project), [(c.subject, c.delta_yuan) for c in e.changes])


_TOTAL_217 = "2023年支出预算6663.49万元，其中"
_CHANGE_221 = "2023年预算收支安排6663.49万元，较2022年"


@pytest.mark.parametrize("edits", [
    # a summary sentence before 收入说明 with both totals and no parts
    {212: lambda t: "2023年收入预算5728.07万元，支出预算6663.49万元。\n\n" + t},
    # the total on a line of its own, its parts on the next
    {217: lambda t: t.replace(_TOTAL_217, "2023年支出预算6663.49万元。\n其中")},
    # a total label of another wording, and the change paragraph stating 支出预算
    {217: lambda t: t.replace(_TOTAL_217, "2023年支出总预算6663.49万元，其中"),
     221: lambda t: t.replace(_CHANGE_221, "2023年支出预算6663.49万元，较2022年")},
    # no total beside the parts: it is stated with the change
    {217: lambda t: t.replace(_TOTAL_217, "2023年"),
     221: lambda t: t.replace(_CHANGE_221, "2023年支出预算6663.49万元，较2022年")},
    # a 财政拨款 paragraph after the expenditure one
    {219: lambda t: "3、财政拨款收支情况\n\n2023年财政拨款收入5772.47万元，财政拨款支出预算5772.47万元。\n\n4、"
                    + t.lstrip("3、")},
])
def test_the_paragraphs_that_state_income_and_expenditure(edits: dict[int, Callable[[str], str]], sample_text: str,
                                                          sample_doc: Disclosure, tmp_path: Path) -> None:
    """Other sentences with a total of income or expenditure (a summary, the change
    paragraph, 财政拨款) do not take the place of the paragraphs that state them with their
    parts; a total on the line before the parts, or in the change paragraph, is theirs."""
    doc = rewrite(sample_text, tmp_path, edits)  # type: ignore[arg-type]
    assert _money_of(doc) == _money_of(sample_doc)
    codes = [f.code for f in run_checks(doc)]
    assert "CP002" not in codes and codes.count("RC002") == 1


def test_an_approximate_total_is_written_as_such(sample_text: str, tmp_path: Path) -> None:
    """The narrative quotes 约6660万元 as the document does, not as 6,660.00万元; RC002 names
    what it balanced on when the exact parts stood in for it."""
    from budget_audit.narrative import overview

    doc = rewrite(sample_text, tmp_path, {217: lambda t: t.replace("支出预算6663.49万元", "支出预算约6660万元")})
    text = " ".join(s.text for s in overview(doc).sentences)
    assert "支出合计约6660万元" in text and "6,660.00" not in text
    [finding] = [f for f in run_checks(doc) if f.code == "RC002"]
    assert "与基本支出与项目支出之和（支出合计为约6660万元） 6,663.48万元" in finding.message


@pytest.mark.parametrize(("written", "parts", "rc012"), [
    ("公务接待费由上年的1.02万元减少到0.94万元", "-17.98", False),  # a change of 0.08, as the sample's
    ("公务接待费由上年的1.02万元减少至0.90万元", "-18.02", True),   # 0.12, and 0.94 is stated before
    ("公务接待费由上年的1.02万元增加到0.94万元", "-17.82", True),   # the verb and the figures disagree
])
def test_a_change_written_from_last_years_figure_to_this_years(written: str, parts: str, rc012: bool,
                                                               sample_text: str, tmp_path: Path) -> None:
    """由上年的1.02万元减少到0.94万元 is a change of 0.08万元 (its part in the 三公 total's
    change, RC011) from last year's 1.02万元 (RC012)."""
    doc = rewrite(sample_text, tmp_path, {229: lambda t: t.replace("公务接待费1.02万元减少0.08万元", written)})
    [change] = [c for c in doc.sangong.changes if "接待" in c.subject]
    assert change.prior is not None and change.prior.value.raw == "1.02万元"
    findings = run_checks(doc)
    [rc011] = [f for f in findings if f.code == "RC011"]
    assert f"与其组成部分变动之和 {parts}万元" in rc011.message
    assert bool([f for f in findings if f.code == "RC012"]) is rc012


_INCOME = "一般公共预算收入4739.51万元，基金预算收入988.56万元"
_CHANGES = ("与2022年相比，基本支出增加73.07万元，主要为人员经费支出增加；项目支出减少2090.87万元，"
            "主要为天然气迎风度冬保障资金项目支出减少。")


def _with_overview(sample_text: str, tmp_path: Path, body: str) -> Disclosure:
    """The sample with its overview's paragraphs (1、收入说明 … the change paragraph, lines
    212–221) replaced by ``body`` (paragraphs separated by blank lines)."""
    lines = sample_text.split("\n")
    path = tmp_path / "overview.txt"
    path.write_text("\n".join([*lines[:211], body, *lines[221:]]), encoding="utf-8")
    return parse_file(path)


def _read(doc: Disclosure) -> tuple[object, ...]:
    inc, e = doc.income, doc.expenditure

    def wan(f: object) -> str | None:
        value = getattr(getattr(f, "value", None), "number", None)
        return None if value is None else str(value)

    return (wan(inc.total), [wan(p) for p in inc.parts], wan(inc.carry_over), wan(e.total), wan(e.basic),
            wan(e.project), [wan(p) for p in e.project_parts], [(c.subject, wan(c.amount)) for c in e.changes])


_FULL = ("5728.07", ["4739.51", "988.56"], "891.02", "6663.49", "2319.63", "4343.85", [],
         [("基本支出", "73.07"), ("项目支出", "2090.87")])


@pytest.mark.parametrize("body", [
    # the sources one per paragraph, as a list under the total
    "2023年预算收入5728.07万元，其中：\n\n（一）一般公共预算收入4739.51万元。\n\n（二）基金预算收入988.56万元。"
    "\n\n（三）上年结转891.02万元。\n\n2023年支出预算6663.49万元，其中基本支出2319.63万元，项目支出4343.85万元。"
    f"\n\n{_CHANGES}",
    # the total, a heading line, then the sources
    f"2023年预算收入5728.07万元，按来源分列如下。\n\n收入来源：\n\n{_INCOME}，上年结转891.02万元。"
    f"\n\n2023年支出预算6663.49万元，其中基本支出2319.63万元，项目支出4343.85万元。\n\n{_CHANGES}",
    # a summary naming one source before the paragraph naming all
    "2023年收入预算5728.07万元，其中一般公共预算收入4739.51万元；支出预算6663.49万元，其中基本支出2319.63万元，"
    f"项目支出4343.85万元。\n\n2023年预算收入5728.07万元，其中：{_INCOME}，上年结转891.02万元。\n\n{_CHANGES}",
    # expenditure before income in one paragraph
    f"2023年支出预算6663.49万元，其中基本支出2319.63万元，项目支出4343.85万元；收入预算5728.07万元，其中{_INCOME}，"
    f"上年结转891.02万元。\n\n{_CHANGES}",
    # basic and project expenditure as list items
    f"2023年预算收入5728.07万元，其中：{_INCOME}，上年结转891.02万元。\n\n2023年支出预算6663.49万元：\n\n"
    f"（一）基本支出2319.63万元。\n\n（二）项目支出4343.85万元。\n\n{_CHANGES}",
    # the total change and its parts item by item where the expenditure is stated, and a
    # 财政拨款 paragraph after it; other wordings of the totals
    f"2023年收入总预算5728.07万元，其中：{_INCOME}，上年结转891.02万元。\n\n2023年支出安排6663.49万元。"
    "其中基本支出2319.63万元，比上年增加73.07万元，主要为人员经费支出增加；项目支出4343.85万元，比上年减少2090.87万元，"
    "主要为天然气迎风度冬保障资金项目支出减少。\n\n3、财政拨款收支情况\n\n2023年财政拨款收入4739.51万元，"
    "其中一般公共预算拨款收入4739.51万元；财政拨款支出预算4739.51万元。",
])
def test_overview_layouts(body: str, sample_text: str, tmp_path: Path) -> None:
    """However the overview lays out the income, the expenditure and their changes, the same
    figures are read: sources gathered from the list under their total, the fullest
    statement chosen, changes tied to the item stated just before them."""
    assert _read(_with_overview(sample_text, tmp_path, body)) == _FULL


def test_a_change_stated_both_ways_counts_once(sample_text: str, tmp_path: Path) -> None:
    """由上年的1.02万元减少到0.94万元，减少0.08万元 is one change, and its reason is its own."""
    doc = rewrite(sample_text, tmp_path, {229: lambda t: t.replace(
        "公务接待费1.02万元减少0.08万元", "公务接待费由上年的1.02万元减少到0.94万元，减少0.08万元")})
    reception = [c for c in doc.sangong.changes if "接待" in c.subject]
    assert len(reception) == 1 and reception[0].amount.value.raw == "0.08万元"
    assert not [f for f in run_checks(doc) if f.code == "CP005" and "接待" in f.message]


def test_fiscal_paragraphs_and_other_change_wordings(sample_text: str, tmp_path: Path) -> None:
    """A 财政拨款 paragraph is a part of the income, not its statement (its 财政拨款支出 no
    source); 由2022年的…减少到… compares with last year; an income change beside the
    expenditure's is no part of it."""
    body = (f"2023年预算收入5728.07万元，比上年减少1500.00万元，其中：{_INCOME}，上年结转891.02万元。\n\n"
            "2023年支出预算6663.49万元，其中基本支出2319.63万元，项目支出4343.85万元。\n\n"
            "3、财政拨款收支情况\n\n2023年财政拨款收入4739.51万元，其中一般公共预算拨款收入4739.51万元；"
            "财政拨款支出4739.51万元。\n\n2023年预算收支安排由2022年的8681.28万元减少到6663.49万元，"
            "其中：基本支出增加73.07万元，主要为人员经费支出增加；项目支出减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。")
    doc = _with_overview(sample_text, tmp_path, body)
    assert _read(doc)[:7] == _FULL[:7]
    assert [(c.subject, str(c.amount.value.number)) for c in doc.expenditure.changes] == [
        ("收支合计", "2017.79"), ("基本支出", "73.07"), ("项目支出", "2090.87")]
    assert not [f for f in run_checks(doc) if f.code == "CP002" or f.code in ("RC011", "VA002") and "收" in f.message]


_EXPENDITURE = "2023年支出预算6663.49万元，其中基本支出2319.63万元，项目支出4343.85万元。"
_INCOME_FULL = f"2023年预算收入5728.07万元，其中：{_INCOME}，上年结转891.02万元。"


@pytest.mark.parametrize("body", [
    # headings written inline with their figures, the change paragraph among them
    f"（一）收入预算：{_INCOME_FULL}\n\n（二）支出预算：{_EXPENDITURE}\n\n（三）比上年增减情况：2023年预算收支安排"
    f"6663.49万元，较2022年预算减少2017.79万元，其中：{_CHANGES[_CHANGES.index('基本'):]}",
    # a list by function under the expenditure is no part of 项目支出
    f"{_INCOME_FULL}\n\n{_EXPENDITURE[:-1]}。按支出功能分类如下：\n\n（1）一般公共服务支出5000万元；\n\n"
    f"（2）社会保障和就业支出1663.49万元。\n\n{_CHANGES}",
    # each unit's income listed under the department's: no sources of the department's total
    f"{_INCOME_FULL[:-1]}。分单位情况如下：\n\n（1）局机关2023年预算收入4000万元，其中：一般公共预算收入3011.44万元。"
    f"\n\n（2）价格认证中心2023年预算收入1728.07万元。\n\n{_EXPENDITURE}\n\n{_CHANGES}",
    # a unit's paragraph with more figures after the department's
    f"{_INCOME_FULL}\n\n局机关2023年预算收入4000万元，其中：一般公共预算收入3011.44万元，基金预算收入988.56万元，"
    f"财政专户核拨收入0万元，上年结转891.02万元。\n\n{_EXPENDITURE}\n\n{_CHANGES}",
    # the change of the total, then its parts as list items
    f"{_INCOME_FULL}\n\n{_EXPENDITURE}\n\n2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中：\n\n"
    "（1）基本支出增加73.07万元，主要为人员经费支出增加；\n\n（2）项目支出减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。",
])
def test_overview_statements_stay_apart(body: str, sample_text: str, tmp_path: Path) -> None:
    """List items with a topic or total of their own, a list by function, a unit's own
    paragraph: none of them adds to the department's income or expenditure; a total
    change's parts listed below it are its parts."""
    doc = _with_overview(sample_text, tmp_path, body)
    expected = _FULL if "收支安排" not in body else (*_FULL[:7], [("收支合计", "2017.79"), *_FULL[7]])
    assert _read(doc) == expected


def test_approximate_sources_under_a_total_and_other_changes(sample_text: str, tmp_path: Path) -> None:
    """一般公共预算拨款收入 is a source (not a 财政拨款 statement): a wrong one is still
    reported; an income change stated first is no total of the expenditure's parts; a
    由…到 change is not taken for another item's change of the same amount."""
    body = ("2023年预算收入5728.07万元。\n\n一般公共预算拨款收入4739.51万元，政府性基金预算拨款收入900万元，上年结转891.02万元。"
            f"\n\n2023年收入预算5728.07万元，比上年减少1500万元；{_EXPENDITURE[:-1]}，较2022年预算减少2017.79万元，"
            "其中：基本支出增加73.07万元，主要为人员经费支出增加；项目支出减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。")
    findings = run_checks(_with_overview(sample_text, tmp_path, body))
    assert [f.code for f in findings if f.code == "RC001"] == ["RC001"]  # 88.56万元 short
    assert not [f for f in findings if f.code == "RC011" and "收入合计" in f.message]


def test_a_change_from_last_year_beside_another_items_of_the_same_amount(sample_text: str, tmp_path: Path) -> None:
    """公务接待费由1.02万元减少到0.94万元 after 公务用车…减少0.08万元: two items' changes, not one restated."""
    doc = rewrite(sample_text, tmp_path, {229: lambda t: t.replace(
        "公务接待费1.02万元减少0.08万元", "公务接待费由1.02万元减少到0.94万元").replace("减少17.9万元", "减少0.08万元", 1)})
    assert sorted(c.subject for c in doc.sangong.changes if c.amount.value.number == Decimal("0.08")) == [
        "公务接待费", "公务用车购置及运维费"]


_CHANGE_PARTS = ("基本支出增加73.07万元，主要为人员经费支出增加；项目支出减少2090.87万元，"
                 "主要为天然气迎风度冬保障资金项目支出减少。")
_TOTAL_CHANGE = "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元"


@pytest.mark.parametrize(("body", "expected"), [
    # headings with a colon and no figures, then numbered items
    ("（一）收入预算：\n\n1.一般公共预算收入4739.51万元；\n\n2.基金预算收入988.56万元；\n\n3.上年结转891.02万元。\n\n"
     "（二）支出预算：\n\n1.基本支出2319.63万元；\n\n2.项目支出4343.85万元。\n\n（三）比上年增减情况：\n\n"
     f"{_TOTAL_CHANGE}，其中：{_CHANGE_PARTS}",
     {"parts": ["4739.51", "988.56"], "carry": "891.02", "basic": "2319.63", "project": "4343.85"}),
    # a 收支总表 paragraph (收入总计 = 本年收入 + 上年结转) before the income paragraph
    ("2023年收入总计6619.09万元，其中：本年收入5728.07万元，上年结转891.02万元。\n\n"
     f"{_INCOME_FULL}\n\n{_EXPENDITURE}\n\n{_TOTAL_CHANGE}，其中：{_CHANGE_PARTS}",
     {"total": "5728.07", "parts": ["4739.51", "988.56"]}),
    # the sources in a 其中 paragraph after the total, 财政拨款 first
    ("2023年收入预算5728.07万元。\n\n其中：财政拨款收入4739.51万元，事业收入988.56万元。\n\n"
     f"{_EXPENDITURE}\n\n{_TOTAL_CHANGE}，其中：{_CHANGE_PARTS}",
     {"total": "5728.07", "parts": ["4739.51", "988.56"]}),
    # a summary, then 一是/二是 paragraphs with the parts
    ("2023年收入预算5728.07万元，支出预算6663.49万元。\n\n一是收入预算：一般公共预算收入4739.51万元，基金预算收入"
     "988.56万元，上年结转891.02万元。\n\n二是支出预算：基本支出2319.63万元；项目支出4343.85万元。\n\n"
     f"三是比上年增减：{_TOTAL_CHANGE}，其中：{_CHANGE_PARTS}",
     {"total": "5728.07", "spent": "6663.49", "basic": "2319.63", "project": "4343.85"}),
    # the projects listed under 项目支出
    (f"{_INCOME_FULL}\n\n{_EXPENDITURE[:-1]}，具体如下：\n\n（1）全民大招商经费1000万元；\n\n（2）中小企业发展支出"
     f"3343.85万元。\n\n{_TOTAL_CHANGE}，其中：{_CHANGE_PARTS}",
     {"project_parts": ["1000", "3343.85"]}),
    # the parts of the total change in a 其中 paragraph, or under a lead-in without figures
    (f"{_INCOME_FULL}\n\n{_EXPENDITURE}\n\n{_TOTAL_CHANGE}。\n\n其中：{_CHANGE_PARTS}",
     {"changes": ["收支合计", "基本支出", "项目支出"]}),
    (f"{_INCOME_FULL}\n\n{_EXPENDITURE}\n\n与2022年相比，增减变化情况如下：\n\n（1）基本支出增加73.07万元，主要为人员"
     "经费支出增加；\n\n（2）项目支出减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。",
     {"changes": ["基本支出", "项目支出"]}),
    # income sources' changes before the expenditure's: no part of it, nor its total
    (f"{_INCOME_FULL}\n\n{_EXPENDITURE}\n\n与2022年相比，2023年收入预算减少1126.77万元，其中一般公共预算拨款减少1000万元，"
     f"政府性基金拨款减少126.77万元；支出预算减少2017.79万元，其中：{_CHANGE_PARTS}",
     {"changes": ["收入合计", "收入来源（一般公共预算拨款）", "收入来源（政府性基金拨款）", "收支合计", "基本支出", "项目支出"]}),
])
def test_more_overview_layouts(body: str, expected: dict[str, object], sample_text: str, tmp_path: Path) -> None:
    doc = _with_overview(sample_text, tmp_path, body)
    inc, e = doc.income, doc.expenditure

    def number(f: object) -> str | None:
        value = getattr(getattr(f, "value", None), "number", None)
        return None if value is None else str(value)

    read = {"total": number(inc.total), "parts": [number(p) for p in inc.parts], "carry": number(inc.carry_over),
            "spent": number(e.total), "basic": number(e.basic), "project": number(e.project),
            "project_parts": [number(p) for p in e.project_parts], "changes": [c.subject for c in e.changes]}
    assert {key: read[key] for key in expected} == expected
    assert not [f for f in run_checks(doc) if f.code in ("RC011", "VA002") and "收支" in f.message]


@pytest.mark.parametrize("written", [
    "公务接待费由1.02万元减少到0.94万元，较上年度减少0.08万元",
    "公务接待费由1.02万元减少到0.94万元，比去年减少0.08万元",
    "公务接待费由1.02万元减少到0.94万元，共减少0.08万元",
    "公务接待费减少0.08万元，由1.02万元减少到0.94万元",
    "公务接待费减少0.08万元（由1.02万元减少至0.94万元）",
])
def test_a_change_restated_in_other_words_counts_once(written: str, sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {229: lambda t: t.replace("公务接待费1.02万元减少0.08万元", written)})
    reception = [c for c in doc.sangong.changes if c.amount.value.number == Decimal("0.08")]
    assert [(c.subject, c.prior.value.raw if c.prior else None) for c in reception] == [("公务接待费", "1.02万元")]
    assert not [f for f in run_checks(doc) if f.code == "RC012"]


def test_a_total_from_last_year_and_a_part_of_the_same_amount(sample_text: str, tmp_path: Path) -> None:
    """“三公”经费由上年的13.52万元减少到13.44万元，其中公务接待费减少0.08万元: two changes."""
    doc = rewrite(sample_text, tmp_path, {229: lambda t: t.replace(
        "“三公”经费预算安排18.84万元", "“三公”经费由上年的13.52万元减少到13.44万元，其中公务接待费减少0.08万元")})
    assert sorted(c.subject for c in doc.sangong.changes if c.amount.value.number == Decimal("0.08"))[:2] == [
        "“三公”经费合计", "公务接待费"]


@pytest.mark.parametrize(("line", "text", "unwanted"), [
    # only one item changed: the total's change and the item's are two, and the item's
    # from-to is the reason given for the total's
    (229, "2023年，我局“三公”经费预算13.44万元，较2022年减少0.5万元，主要原因是公务接待费由上年的1.44万元减少至0.94万元。"
          "其中：因公出国（境）费0万元；公务用车购置及运维费12.5万元；公务接待费0.94万元。", ("RC012", "RC009")),
    (225, "2023年，我局机关运行经费184.4万元，比上年减少5万元。其中办公费由上年的65万元减少到60万元，主要原因是压减一般性支出。",
     ("RC012",)),
])
def test_a_total_change_and_the_one_item_that_made_it(line: int, text: str, unwanted: tuple[str, ...],
                                                      sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {line: text})
    changes = doc.sangong.changes if line == 229 else doc.running_costs.changes
    assert changes[0].prior is None  # the item's last-year figure is not the total's
    if line == 229:
        assert changes[0].reason is not None  # the item's change is the reason given for the total's
    codes = [f.code for f in run_checks(doc) if f.lines and f.lines[0] == line]
    assert not set(codes) & set(unwanted)


def test_a_from_to_change_that_disagrees_with_the_written_one(sample_text: str, tmp_path: Path) -> None:
    """公务接待费由1.02万元减少到0.94万元，减少0.18万元: one change of 0.18 from 1.02, which RC012
    holds against this year's 0.94 — not two changes of one item."""
    doc = rewrite(sample_text, tmp_path, {229: lambda t: t.replace(
        "公务接待费1.02万元减少0.08万元", "公务接待费由1.02万元减少到0.94万元，减少0.18万元")})
    reception = [c for c in doc.sangong.changes if "接待" in c.subject]
    assert [(c.amount.value.raw, c.prior.value.raw if c.prior else None) for c in reception] == [("0.18万元", "1.02万元")]
    assert [f for f in run_checks(doc) if f.code == "RC012" and "公务接待费" in f.message]


@pytest.mark.parametrize(("written", "fires"), [("185余万元", True), ("约190万元", True), ("约184万元", False)])
def test_running_costs_above_public_funds_when_approximate(written: str, fires: bool, sample_text: str,
                                                           tmp_path: Path) -> None:
    """185余万元 is 185 or more, above the 184.4万元 of 公用经费 (RC017); 约184万元 may be 184.4."""
    doc = rewrite(sample_text, tmp_path, {225: lambda t: t.replace("共计安排184.4万元", f"共计安排{written}")})
    assert doc.running_costs.amount is not None and doc.running_costs.amount.approx
    assert bool([f for f in run_checks(doc) if f.code == "RC017"]) is fires


def test_an_approximate_figure_of_one_digit_is_no_blank_cheque(sample_text: str, tmp_path: Path) -> None:
    """“三公”经费约10万元 against parts of 13.44万元: 约10 is 9–11, not 5–20."""
    doc = rewrite(sample_text, tmp_path, {229: lambda t: t.replace("预算安排18.84万元", "预算安排约10万元")})
    assert [f.code for f in run_checks(doc) if f.code == "RC009"] == ["RC009"]


def test_a_subject_in_quotation_marks_is_not_quoted_twice(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {229: "2023年，我局“三公”经费预算13.44万元，较2022年减少0.5万元。"})
    [message] = [f.message for f in run_checks(doc) if f.code == "CP005"]
    assert message.startswith("“三公”经费合计较上年减少0.5万元") and "““" not in message


@pytest.mark.parametrize("heading", ["**二、单位预算安排的总体情况**", "2.2023年单位预算安排的总体情况",
                                     "**二、2023年单位预算安排情况**"])  # a heading naming no section, in bold
def test_a_section_heading_closes_the_list_before_it(heading: str, tmp_path: Path) -> None:
    """（一）（二）（三） in one section, （一） again after the next section's heading written in Markdown bold or as
    2.2023年…: the heading was not seen as a boundary (a false CS007 on a reviewer's variants)."""
    from budget_audit.parse import parse_file

    def parse_text(text: str, name: str) -> Disclosure:
        (tmp_path / name).write_text(text, encoding="utf-8")
        return parse_file(tmp_path / name)

    text = "\n".join(["2023年单位预算公开说明", "一、单位职责及机构设置情况", "（一）主要职责", "负责全县发展改革工作。",
                      "（二）机构设置", "内设5个股室。", "（三）人员编制", "核定编制20名。", heading,
                      "（一）收入预算", "收入100.00万元。", "（二）支出预算", "支出100.00万元。"])
    broken = "\n".join(text.split("\n")[:8] + ["（五）收入预算"] + text.split("\n")[9:])
    assert [f.code for f in run_checks(parse_text(text, "v.txt")) if f.code == "CS007"] == []
    assert [f.code for f in run_checks(parse_text(broken, "v.txt")) if f.code == "CS007"] == ["CS007"]


@pytest.mark.parametrize("heading", ["三、机关运行经费安排情况：", "三、机关运行经费：", "三、机关运行经费安排情况    ",
                                     "三、机关运行经费安排情况\u3000", "**三、机关运行经费安排情况**：", "**三、机关运行经费安排情况：**",
                                     "三、机关运行经费安排情况。"])
def test_a_heading_run_on_into_its_text(heading: str, sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """三、机关运行经费：2023年，我局机关运行经费共计安排184.4万元… on one line: the section and its figure were lost (a
    false CP001 on a reviewer's variant). A list item so written (（一）主要职责：负责…) stays a paragraph."""
    doc = rewrite(sample_text, tmp_path, {223: "", 225: lambda line: heading + line})
    assert ("running_costs", 225) in sections(doc)
    assert doc.running_costs.amount is not None and doc.running_costs.amount.yuan == sample_doc.running_costs.amount.yuan
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def test_only_a_section_heading_is_split_from_its_text() -> None:
    from budget_audit.parse.blocks import Para
    from budget_audit.parse.sections import run_in_headings

    assert run_in_headings([Para("三、机关运行经费：2023年安排184.4万元。", 5)]) == [
        Para("三、机关运行经费", 5), Para("2023年安排184.4万元。", 5)]
    for text in ("（一）主要职责：负责全县发展改革工作。", "一是加强管理：压减会议费。", "三、工作保障措施：加强组织领导。"):
        assert run_in_headings([Para(text, 5)]) == [Para(text, 5)]


def test_a_glossary_entry_is_no_run_in_heading(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """四、“三公”经费：纳入…是指… in the glossary was split into a heading, so the glossary became the “三公” section (a
    false CP002 on a reviewer's variant): a section's text run on states figures."""
    from budget_audit.parse.blocks import Para
    from budget_audit.parse.sections import run_in_headings

    entry = "四、“三公”经费：纳入县级财政预算管理的“三公”经费，是指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"
    assert run_in_headings([Para(entry, 1)]) == [Para(entry, 1)]


def test_hunans_heading_of_the_sangong(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """六、一般性支出情况 (Hunan's template) heads the “三公” section."""
    doc = rewrite(sample_text, tmp_path, {227: "四、一般性支出情况"})
    assert ("sangong", 227) in sections(doc) and doc.sangong.total is not None


@pytest.mark.parametrize("heading", ["二、单位预算安排的总体情况（金额单位：万元）", "二、单位预算安排的总体情况(单位:万元)"])
def test_a_heading_with_a_unit_note(sample_text: str, sample_doc: Disclosure, tmp_path: Path, heading: str) -> None:
    """二、部门预算收支情况（金额单位：元）: the colon of its unit note made it no heading — a false CP001, and the
    section's figures went unread (a reviewer's two planted defects in it unseen)."""
    doc = rewrite(sample_text, tmp_path, {208: heading})
    assert ("overview", 208) in sections(doc) and doc.income.total == sample_doc.income.total
    assert not [f for f in run_checks(doc) if f.code == "CP001"]


def test_other_matters_headed_in_short(sample_text: str, tmp_path: Path) -> None:
    assert ("other", 3216) in sections(rewrite(sample_text, tmp_path, {3216: "九、其他说明"}))


def test_a_project_heading_split_over_two_lines(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """（2）执法经费 / 项目支出绩效目标表（单位：元） on two lines: the table was merged into the one before."""
    doc = rewrite(sample_text, tmp_path, {630: "（2）执法经费\n项目支出绩效目标表（单位：元）"})
    assert len(doc.projects) == len(sample_doc.projects)
    assert doc.projects[1].seq == 2 and doc.projects[1].budget.yuan == sample_doc.projects[1].budget.yuan


@pytest.mark.parametrize("header", ["价值（元）", "金额（元）", "价值(元)"])
def test_asset_values_in_yuan_by_the_columns_label(header: str, sample_text: str, sample_doc: Disclosure,
                                                   tmp_path: Path) -> None:
    """价值（元） over values in 元 was not read as a unit: the total 9,695,300.00 was taken for 万元 (a false RC014
    error, 9,694,330.47万元 apart — a reviewer's find)."""
    edits: dict[int, str | Callable[[str], str]] = {3168: f"\t{header}"}
    for line in (3172, 3176, 3180, 3184, 3192):
        edits[line] = lambda cell: f"\t{Decimal(cell.strip()) * 10000:.2f}"
    doc = rewrite(sample_text, tmp_path, edits)
    assert doc.assets.table_total.yuan == sample_doc.assets.table_total.yuan
    assert [f.yuan for f in doc.assets.classes] == [f.yuan for f in sample_doc.assets.classes]
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def test_section_headings_with_a_full_stop(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """四川's template: （一）机关运行经费。 — with the full stop the heading was not one: its section was missing, and
    1.…绩效目标表 after （四）绩效目标设置情况。 was taken for the section's start, losing that table (a false RC005 error,
    a reviewer's find). A numbered sentence ending so stays a paragraph."""
    doc = rewrite(sample_text, tmp_path, {223: lambda t: t + "。", 227: lambda t: t + "。"})
    assert sections(doc) == sections(sample_doc)
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))
    doc = rewrite(sample_text, tmp_path, {3218: "1.本单位2025年无国有资本经营预算收支，国有资本经营预算支出表为空表。"})
    assert "overview" not in [key for key, line in sections(doc) if line == 3218]
