"""Lines → :class:`~budget_audit.model.Disclosure`."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..ingest import Line, read_lines
from ..model import Disclosure, Paragraph, SourceInfo, Span
from . import assets as _assets
from . import project_lists as _project_lists
from . import projects as _projects
from . import sangong as _sangong
from . import summary as _summary
from . import unit_goals as _unit_goals
from .blocks import Block, Para, Row, blocks, joined_project_headings, make_span
from .figures import MONEY_UNIT_RE
from .sections import SECTION_KEYS, SectionBlocks, has_other_matters, run_in_headings, segment
from .year_tables import (
    SUMMARY_ROWS_RE,
    SUMMARY_TITLE_RE,
    fill_from_table,
    summary_table,
    table_changes,
    table_elsewhere,
    year_columns,
)

#: Fields an auditor expects in every disclosure; absent ones are listed in ``missing``.
REQUIRED_FIELDS: dict[str, str] = {
    "title": "文件标题及预算年度",
    "income.total": "收入合计",
    "expenditure.total": "支出合计",
    "expenditure.basic": "基本支出",
    "expenditure.project": "项目支出",
    "running_costs.amount": "机关运行经费",
    "sangong.total": "“三公”经费合计",
    "procurement.total": "政府采购预算",
    "assets.total": "固定资产总额",
}


def parse_lines(lines: list[Line], source: SourceInfo) -> Disclosure:
    """Parse numbered lines; absent sections and fields are recorded in ``missing``."""
    text_of = {line.number: line.text for line in lines}
    all_blocks = run_in_headings(joined_project_headings(blocks(lines)))
    sections = segment(all_blocks, lines[-1].number if lines else 0)
    doc = Disclosure(source=source)
    doc.sections = [s.section for s in sections.values()]
    doc.issuer, doc.title, doc.year, doc.kind = _summary.title_and_year(all_blocks)
    doc.paragraphs = [Paragraph(b.text, Span(b.line, b.end_line, b.text)) for b in all_blocks if isinstance(b, Para)]
    doc.tables = table_spans(all_blocks, text_of)
    last = next((line.number for line in reversed(lines) if line.text.strip()), None)
    doc.last_line = make_span(text_of, last, last) if last is not None else None

    def body(key: str) -> list[Block]:
        return sections[key].blocks if key in sections else []

    duties = body("duties")
    doc.unit = _summary.unit_info(duties, text_of)
    doc.staffing = _summary.staffing(duties or all_blocks, text_of)
    overview = body("overview")
    stated = _summary.stated_paragraphs(overview)
    doc.income = _summary.income(stated)
    doc.expenditure, income_changes, doc.income.prior_year = _summary.expenditure(stated, year=doc.year)
    doc.income.changes = _summary.name_income_changes(income_changes, doc.income)
    reasons = _summary.reason_paragraphs(overview)
    doc.expenditure.changes = _summary.overview_item_reasons(doc.expenditure.changes, reasons, doc.year)
    doc.income.changes = _summary.overview_item_reasons(doc.income.changes, reasons, doc.year)
    doc.fund_changes = _summary.overview_item_reasons(
        _summary.fund_spending_changes(stated, [*doc.expenditure.changes, *doc.income.changes], year=doc.year),
        reasons, doc.year, funds=True)
    stated_unit = _preamble_unit(all_blocks, sections)
    # a 收支总表 that states no unit, in a document that states none, is in the unit of the text's totals
    totals_unit = next((f.value.money_unit for f in (doc.income.total, doc.expenditure.total)
                        if f is not None and f.value.money_unit), None)
    unit = stated_unit or totals_unit or "万元"
    doc.money_unit = totals_unit or unit  # the text's own unit, where a stated one may be its tables'
    summary_blocks = [*overview, *table_elsewhere(all_blocks, overview, SUMMARY_TITLE_RE, SUMMARY_ROWS_RE,
                                                  lambda found: bool(summary_table(found, doc.year, unit)))]
    doc.summary_table = summary_table(summary_blocks, doc.year, unit)
    fill_from_table(doc.income, doc.expenditure, doc.summary_table)
    doc.table_changes = table_changes(doc.summary_table, {c.subject for c in doc.stated_changes()},
                                      _summary.overview_cause(overview),
                                      _summary.reasons_said(overview, doc.year) if doc.summary_table else ())
    doc.running_costs = _summary.running_costs(body("running_costs"), year=doc.year)
    elsewhere = table_elsewhere(all_blocks, body("sangong"), _sangong.TABLE_TITLE_RE, _sangong.TABLE_ROWS_RE,
                                lambda found: year_columns([b for b in found if isinstance(b, Row)], doc.year, found)
                                is not None)
    doc.sangong = _sangong.sangong(body("sangong"), year=doc.year, elsewhere=elsewhere, unit=stated_unit or "万元")
    performance = body("performance")
    title = sections["performance"].section.title.text if "performance" in sections else ""
    doc.unit_goals = _unit_goals.unit_goals(performance, text_of, title)
    doc.projects = _projects.parse_projects(_project_lists.listed_as_rows(performance), text_of)
    doc.procurement = _assets.procurement(body("procurement"), text_of)
    doc.assets = _assets.assets(body("assets"), text_of)
    doc.missing = [f"section:{key}" for key in SECTION_KEYS if key not in sections
                   and not (key == "other" and has_other_matters(all_blocks))]
    doc.missing += [f"field:{path}" for path in REQUIRED_FIELDS if _lookup(doc, path) is None]
    return doc


def _preamble_unit(all_blocks: list[Block], sections: dict[str, SectionBlocks]) -> str | None:
    """The money unit the text states before its first section (本说明金额单位均为元), else None."""
    first = min((s.section.title.span.line for s in sections.values()), default=None)
    return next((m["unit"] for b in all_blocks if isinstance(b, Para) and (first is None or b.line < first)
                 and (m := MONEY_UNIT_RE.search(b.text))), None)


def table_spans(all_blocks: list[Block], text_of: dict[int, str]) -> list[Span]:
    """Each run of consecutive table rows (no paragraph between) as one span; its text is
    the first row's (often the table's title or header)."""
    spans: list[Span] = []
    run: list[Row] = []
    for block in [*all_blocks, None]:
        if isinstance(block, Row):
            run.append(block)
            continue
        if run:
            first = make_span(text_of, run[0].line, run[0].end_line)
            spans.append(Span(run[0].line, run[-1].end_line, first.text))
            run = []
    return spans


def _lookup(doc: Disclosure, path: str) -> object:
    value: object = doc
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def parse_file(path: str | Path) -> Disclosure:
    """Read and parse a disclosure; raises :class:`InputError` when it is not one."""
    lines, source = read_lines(path)
    doc = parse_lines(lines, source)
    if doc.title is None and not doc.sections:
        raise InputError(str(path), "不像预算公开文件（找不到标题年度，也找不到任何预算公开章节）")
    return doc
