"""Pins on the bundled sample (大厂县发改局 2023年单位预算): every figure an auditor
reconciles, and every span pointing at the line it came from."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budget_audit.amounts import to_halfwidth
from budget_audit.ingest import Line
from budget_audit.model import (
    Disclosure,
    Figure,
    Indicator,
    SourceInfo,
    Span,
    StatedChange,
    Text,
)
from budget_audit.parse import parse_lines
from model_walk import instances


def wan(text: str) -> Decimal:
    """万元 → yuan, for pins written the way the document writes them."""
    return Decimal(text) * 10_000


@pytest.fixture(scope="module")
def raw_lines(sample_text: str) -> dict[int, str]:
    """1-based line number → raw line of the sample (width-normalised like the reader)."""
    return {n: to_halfwidth(t) for n, t in enumerate(sample_text.split("\n"), start=1)}


# ------------------------------------------------------------------ document


def test_title_year_kind(sample_doc: Disclosure) -> None:
    assert sample_doc.title is not None
    assert sample_doc.title.text == "2023年单位预算信息公开情况说明"
    assert sample_doc.title.span.line == 3
    assert sample_doc.issuer is not None
    assert sample_doc.issuer.text == "大厂回族自治县发展和改革局"
    assert sample_doc.year == 2023
    assert sample_doc.kind == "预算"


def test_sections_and_heading_lines(sample_doc: Disclosure) -> None:
    assert [(s.key, s.title.span.line) for s in sample_doc.sections] == [
        ("duties", 6),
        ("overview", 208),
        ("running_costs", 223),
        ("sangong", 227),
        ("performance", 230),
        ("procurement", 3012),
        ("assets", 3157),
        ("glossary", 3195),
        ("other", 3216),
    ]
    for section in sample_doc.sections:
        assert section.end_line >= section.title.span.line
    assert sample_doc.section("other").end_line == 3218
    assert sample_doc.missing == []


def test_unit_info(sample_doc: Disclosure) -> None:
    unit = sample_doc.unit
    assert (unit.name.text, unit.nature.text, unit.level.text, unit.funding_form.text) == (
        "廊坊市大厂回族自治县发展和改革局",
        "行政",
        "正科级",
        "财政拨款",
    )
    assert (unit.nature.span.line, unit.level.span.line, unit.funding_form.span.line) == (
        203,
        204,
        205,
    )


def test_staffing(sample_doc: Disclosure) -> None:
    staffing = sample_doc.staffing
    assert staffing.total.number == 80
    assert [(f.label, f.number) for f in staffing.parts] == [
        ("行政编制", 17),
        ("工勤编制", 1),
        ("锁定事业编制", 62),
    ]
    assert sum(f.number for f in staffing.parts) == staffing.total.number
    assert staffing.total.span.line == 182


# ------------------------------------------------------------ income / spending


def test_income(sample_doc: Disclosure) -> None:
    income = sample_doc.income
    assert income.total.yuan == wan("5728.07")
    assert [(f.label, f.yuan) for f in income.parts] == [
        ("一般公共预算收入", wan("4739.51")),
        ("基金预算收入", wan("988.56")),
        ("财政专户核拨收入", 0),
        ("其他来源收入", 0),
    ]
    assert income.carry_over.yuan == wan("891.02")
    assert sum(f.yuan for f in income.parts) == income.total.yuan
    assert {f.span.line for f in [income.total, income.carry_over, *income.parts]} == {214}


def test_expenditure(sample_doc: Disclosure) -> None:
    exp = sample_doc.expenditure
    assert exp.total.yuan == wan("6663.49")
    assert exp.basic.yuan == wan("2319.63")
    assert exp.personnel.yuan == wan("2135.24")
    assert exp.public.yuan == wan("184.4")
    assert exp.project.yuan == wan("4343.85")
    # the document's own rounding (±0.01万元 a term): 2135.24 + 184.4 = 2319.64 against
    # 2319.63 stated, and 2319.63 + 4343.85 = 6663.48 against 6663.49 stated
    assert exp.personnel.yuan + exp.public.yuan - exp.basic.yuan == wan("0.01")
    assert exp.total.yuan - (exp.basic.yuan + exp.project.yuan) == wan("0.01")
    assert [(f.label, f.yuan) for f in exp.project_parts] == [("本级支出", wan("4343.85"))]
    assert exp.total.span.line == 217


def _change(change: StatedChange) -> tuple[str, int, Decimal | None, str | None]:
    return (
        change.subject,
        change.direction,
        change.amount.yuan,
        change.reason.text if change.reason else None,
    )


def test_expenditure_stated_changes(sample_doc: Disclosure) -> None:
    exp = sample_doc.expenditure
    assert exp.prior_year == 2022
    assert [_change(c) for c in exp.changes] == [
        ("收支合计", -1, wan("2017.79"), None),
        ("基本支出", 1, wan("73.07"), "人员经费支出增加"),
        ("项目支出", -1, wan("2090.87"), "天然气迎风度冬保障资金项目支出减少"),
    ]
    assert [c.delta_yuan for c in exp.changes] == [
        -wan("2017.79"),
        wan("73.07"),
        -wan("2090.87"),
    ]
    assert {c.amount.span.line for c in exp.changes} == {221}


def test_running_costs(sample_doc: Disclosure) -> None:
    running = sample_doc.running_costs
    assert running.amount.yuan == wan("184.4")
    assert running.amount.span.line == 225
    assert "机关运行经费" in running.text.text


# --------------------------------------------------------------------- 三公


def test_sangong_amounts(sample_doc: Disclosure) -> None:
    sg = sample_doc.sangong
    assert sg.total.yuan == wan("18.84")
    assert sg.overseas.yuan == 0
    assert sg.vehicle.yuan == wan("12.5")
    assert sg.vehicle_purchase.yuan == 0
    assert sg.vehicle_operation.yuan == wan("12.5")
    assert sg.reception.yuan == wan("0.94")
    assert sg.vehicle_purchase.yuan + sg.vehicle_operation.yuan == sg.vehicle.yuan
    # the sample's parts (0 + 12.5 + 0.94) do not add up to its stated 18.84: a real
    # finding for the checks, pinned here so the parser does not "fix" it
    assert sum(f.yuan for f in sg.parts()) == wan("13.44")
    assert [f.label for f in sg.parts()] == ["因公出国（境）费", "公务用车购置及运维费", "公务接待费"]


def test_sangong_stated_changes(sample_doc: Disclosure) -> None:
    sg = sample_doc.sangong
    assert sg.prior_year == 2022
    rows = [(c.subject, c.direction, c.amount.yuan) for c in sg.changes]
    assert rows == [
        ("“三公”经费合计", -1, wan("12.58")),
        ("公务用车购置及运维费", -1, wan("17.9")),
        ("公务用车购置费", -1, wan("18")),
        ("公务用车运维费", 1, wan("0.1")),
        ("公务接待费", -1, wan("0.08")),
    ]
    by_subject = {c.subject: c for c in sg.changes}
    reception = by_subject["公务接待费"]
    assert reception.prior is not None
    assert reception.prior.yuan == wan("1.02")
    assert reception.reason.text.startswith("我单位切实落实勤俭节约各项规定")
    assert by_subject["公务用车购置及运维费"].reason.text.startswith("公务用车更新")
    # the stated reception change agrees with prior and current amounts
    assert reception.prior.yuan + reception.delta_yuan == sg.reception.yuan
    assert all(c.prior is None for c in sg.changes if c.subject != "公务接待费")


# ------------------------------------------------------- procurement / assets


def test_procurement(sample_doc: Disclosure) -> None:
    proc = sample_doc.procurement
    assert proc.total.yuan == 0
    assert proc.total.value.unit == "万元"
    assert proc.total.span.line == 3014
    assert proc.table_span.line == 3017


def test_assets(sample_doc: Disclosure) -> None:
    assets = sample_doc.assets
    assert assets.total.yuan == wan("969.53")
    assert assets.table_total.yuan == wan("969.53")
    assert assets.planned_purchase.yuan == 0
    assert [(f.label, f.yuan) for f in assets.classes] == [
        ("1、房屋（平方米）", wan("261.41")),
        ("2、车辆（台、辆）", wan("72")),
        ("3、单价在20万元以上的设备", 0),
        ("4、其他固定资产", wan("636.12")),
    ]
    assert sum(f.yuan for f in assets.classes) == assets.table_total.yuan
    assert [(f.label, f.yuan) for f in assets.sub_items] == [
        ("其中：办公用房（平方米）", wan("205.23")),
    ]
    assert "2022年12月31日" in assets.as_of.text
    assert assets.as_of.span.line == 3164


# ------------------------------------------------------------------ projects


def test_project_tables(sample_doc: Disclosure) -> None:
    projects = sample_doc.projects
    assert len(projects) == 25
    assert [p.seq for p in projects] == list(range(1, 26))
    codes = [p.unit_code.text for p in projects]
    assert codes.count("303001") == 24
    assert codes[-1] == "303004"
    assert sample_doc.units() == [
        ("303001", "大厂回族自治县发展和改革局"),
        ("303004", "大厂回族自治县京唐城际铁路（大厂段）建设工作指挥部办公室"),
    ]
    assert sum(p.budget.yuan for p in projects) == Decimal(43438547)
    assert all(p.money_unit == "元" for p in projects)


def test_project_sum_matches_stated_project_spending(sample_doc: Disclosure) -> None:
    total = sum(p.budget.yuan for p in sample_doc.projects)
    # 4343.85万元 is the rounded statement of 43,438,547元
    assert abs(total - sample_doc.expenditure.project.yuan) < 100


def test_project_fields(sample_doc: Disclosure) -> None:
    for p in sample_doc.projects:
        assert p.code is not None and len(p.code.text) >= 20, p.seq
        assert p.name is not None and p.name.text, p.seq
        assert p.fiscal is not None and p.fiscal.yuan == p.budget.yuan, p.seq
        assert p.other is None, p.seq
        assert p.use_of_funds is not None and p.use_of_funds.text, p.seq
        assert p.goal is not None and p.goal.text, p.seq
        assert [pt.label for pt in p.spending_plan] == ["3月底", "6月底", "10月底", "12月底"]
        assert p.spending_plan[-1].value.number == 100, p.seq
        assert p.heading.span.line < p.end_line
    first = sample_doc.projects[0]
    assert first.heading.span.line == 538
    assert first.name.text == "社会发展和经济运行服务费"
    assert first.code.text == "13102823P00279410102H"
    assert first.budget.yuan == Decimal("260700.00")
    assert first.budget.span.line == 549
    assert [pt.value.raw for pt in first.spending_plan] == ["0%", "0%", "0%", "100%"]
    assert [pt.span.line for pt in first.spending_plan] == [565, 566, 567, 568]
    assert first.end_line == 627


def test_carry_over_projects_by_code_year(sample_doc: Disclosure) -> None:
    carried = [p.seq for p in sample_doc.projects if p.code_year == 2022]
    assert carried == [8, 9, 10, 11, 12, 17, 18, 19]
    assert all(p.code_year == 2023 for p in sample_doc.projects if p.seq not in carried)


def test_split_fiscal_cell_parses(sample_doc: Disclosure, raw_lines: dict[int, str]) -> None:
    """Project 2 writes ``其中：财政`` / ``资金`` over two lines (642-643)."""
    p2 = sample_doc.projects[1]
    assert raw_lines[642] == "\t其中：财政" and raw_lines[643] == "资金"
    assert p2.name.text == "执法经费"
    assert p2.budget.yuan == Decimal(1000)
    assert p2.fiscal is not None
    assert p2.fiscal.yuan == p2.budget.yuan
    assert p2.fiscal.span.line == 644
    # and project 3 writes the label with spaces inside (其中：财政    资金)
    p3 = sample_doc.projects[2]
    assert p3.fiscal.yuan == p3.budget.yuan == Decimal(344000)


# ---------------------------------------------------------------- indicators


def test_project_indicator_counts(sample_doc: Disclosure) -> None:
    counts = [len(p.indicators) for p in sample_doc.projects]
    assert sum(counts) == 196
    assert counts[:3] == [7, 11, 7]
    assert counts[7:12] == [10] * 5
    assert counts[22] == 9
    assert len(sample_doc.unit_goals.indicators) == 16


def test_indicator_line_numbers_verified_by_hand(sample_doc: Disclosure) -> None:
    p1, p2, p25 = sample_doc.projects[0], sample_doc.projects[1], sample_doc.projects[-1]
    assert _ind(p1.indicators[0]) == (580, 585, "产出指标", "数量指标", "聘用劳务派遣人员数量", "5人")
    assert _ind(p1.indicators[3]) == (601, 606, "产出指标", "成本指标", "聘用人员单位成本", "5.214万元/人/年")
    assert _ind(p2.indicators[0]) == (673, 678, "产出指标", "数量指标", "行政执法检查次数", "≥24次")
    assert _ind(p25.indicators[-1]) == (
        3004, 3009, "满意度指标", "服务对象满意度指标", "建设主体满意度", "≥99%",
    )
    unit_first = sample_doc.unit_goals.indicators[0]
    # level-3 cell is empty on line 378 and continues on the untabbed line 379
    assert _ind(unit_first) == (376, 385, "产出指标", "数量指标", "为企业提供全方位服务", "≥80.00家")
    assert unit_first.scoring == "达标得满分，不达标不得分"
    assert unit_first.basis == "工作计划"


def _ind(ind: Indicator) -> tuple[int, int, str, str, str, str]:
    return (ind.span.line, ind.span.end_line, ind.level1, ind.level2, ind.level3, ind.value.raw)


def _cells(raw_lines: dict[int, str], span: Span) -> list[str]:
    """Cells of a table row rebuilt from the raw lines (an untabbed line continues a cell)."""
    cells: list[str] = []
    for n in span.lines:
        line = raw_lines[n]
        if line.startswith("\t"):
            cells.append(line.strip())
        elif line.strip():
            cells[-1] += line.strip()
    return cells


def test_every_project_indicator_row_points_at_its_lines(
    sample_doc: Disclosure, raw_lines: dict[int, str]
) -> None:
    for project in sample_doc.projects:
        level1 = ""
        for ind in project.indicators:
            assert project.heading.span.line < ind.span.line <= project.end_line
            assert raw_lines[ind.span.line].startswith("\t")
            assert raw_lines[ind.span.end_line + 1].strip() == ""  # a row ends at a blank
            cells = _cells(raw_lines, ind.span)
            assert len(cells) == 6, (project.seq, ind.span)
            first, l2, l3, desc, value, basis = cells
            assert first in ("", ind.level1)
            level1 = first or level1
            assert (ind.level1, ind.level2, ind.level3) == (level1, l2, l3)
            assert (ind.description, ind.value.raw, ind.basis) == (desc, value, basis)
            assert ind.level1 in ("产出指标", "效益指标", "满意度指标")
        lines = [i.span.line for i in project.indicators]
        assert lines == sorted(set(lines))


def test_every_unit_indicator_row_points_at_its_lines(
    sample_doc: Disclosure, raw_lines: dict[int, str]
) -> None:
    for ind in sample_doc.unit_goals.indicators:
        cells = _cells(raw_lines, ind.span)
        assert len(cells) == 9, ind.span
        first, l2, l3, desc, scoring, op, number, unit, basis = cells
        assert first in ("", ind.level1)
        assert (ind.level2, ind.level3, ind.description) == (l2, l3, desc)
        assert (ind.scoring, ind.basis) == (scoring, basis)
        assert ind.value.raw == f"{op}{number}{unit}"


# -------------------------------------------------------------------- spans


def _source(raw_lines: dict[int, str], span: Span) -> str:
    return "".join(raw_lines[n].strip() for n in span.lines)


def test_every_figure_raw_is_on_its_source_lines(
    sample_doc: Disclosure, raw_lines: dict[int, str]
) -> None:
    figures = list(instances(sample_doc, Figure))
    assert len(figures) >= 90
    for fig in figures:
        assert 1 <= fig.span.line <= fig.span.end_line <= len(raw_lines)
        assert fig.value.raw, fig.label
        assert fig.value.raw in _source(raw_lines, fig.span), (fig.label, fig.span.line)


def test_every_text_is_on_its_source_lines(
    sample_doc: Disclosure, raw_lines: dict[int, str]
) -> None:
    texts = [t for t in instances(sample_doc, Text) if t.text]  # empty procurement cells are kept
    assert len(texts) >= 150
    for text in texts:
        source = _source(raw_lines, text.span)
        assert text.text.replace(" ", "") in source.replace(" ", ""), text.span.line


def test_span_text_is_the_source_lines(sample_doc: Disclosure, raw_lines: dict[int, str]) -> None:
    spans = [f.span for f in instances(sample_doc, Figure)]
    spans += [i.span for p in sample_doc.projects for i in p.indicators]
    spans += [i.span for i in sample_doc.unit_goals.indicators]
    for span in spans:
        for n in span.lines:
            if raw_lines[n].strip():
                assert raw_lines[n].strip() in span.text, (span.line, n)


def test_staffing_raw_keeps_the_written_unit() -> None:
    lines = [
        Line(1, "2024年部门预算公开说明"),
        Line(2, "一、部门职责及机构设置情况"),
        Line(3, "本单位编制数为 25 人，其中行政编制20名，事业编制5人。"),
    ]
    doc = parse_lines(lines, SourceInfo("mem", "utf-8", "LF", "", 3))
    staffing = doc.staffing
    assert staffing.total.number == 25
    assert staffing.total.value.unit == "人"
    assert [(f.label, f.number) for f in staffing.parts] == [("行政编制", 20), ("事业编制", 5)]
    for fig in [staffing.total, *staffing.parts]:
        assert fig.value.raw in lines[2].text, fig.label
