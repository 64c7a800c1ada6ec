"""Title, unit information, staffing, income, expenditure and running costs."""

from __future__ import annotations

import re

from ..amounts import parse_quantity
from ..model import (
    Expenditure,
    Figure,
    Income,
    RunningCosts,
    Span,
    Staffing,
    Text,
    UnitInfo,
)
from .blocks import Block, Para, Row
from .figures import build_changes, labelled_amounts, prior_year, stated_changes

_TITLE_RE = re.compile(r"(?P<year>20\d{2})\s*年.{0,20}?(?P<kind>预算|决算)")
_STAFF_RE = re.compile(r"(?P<label>(?:[\u4e00-\u9fff]{0,2}事业|[\u4e00-\u9fff]{0,2})编制数?)\s*(?:为|共)?\s*(?P<count>\d+\s*(?:名|人))")


def para_span(para: Para) -> Span:
    return Span(para.line, para.line, para.text)


def title_and_year(blocks: list[Block]) -> tuple[Text | None, Text | None, int | None, str | None]:
    """(issuer, title, year, kind) from the first lines of the document."""
    issuer = title = None
    year = kind = None
    for block in blocks[:12]:
        if not isinstance(block, Para):
            continue
        match = _TITLE_RE.search(block.text)
        if match and len(block.text) <= 60 and title is None:
            title = Text(block.text, para_span(block))
            year, kind = int(match["year"]), match["kind"]
            break
        if issuer is None and len(block.text) <= 40:
            issuer = Text(block.text, para_span(block))
    return issuer, title, year, kind


def unit_info(blocks: list[Block], lines: dict[int, str]) -> UnitInfo:
    rows = [b for b in blocks if isinstance(b, Row)]
    for i, row in enumerate(rows):
        if "单位名称" not in row.keys:
            continue
        header = row.keys
        for values in rows[i + 1 : i + 4]:
            if values.is_empty() or len(values.cells) != len(header):
                continue
            cells = dict(zip(header, values.cells, strict=True))

            def get(label: str, cells=cells) -> Text | None:
                cell = next((c for k, c in cells.items() if label in k), None)
                if cell is None or not cell.text:
                    return None
                return Text(cell.text, Span(cell.line, cell.end_line, lines[cell.line].strip()))

            return UnitInfo(get("名称"), get("性质"), get("规格") or get("级别"), get("经费"))
    return UnitInfo()


def staffing(blocks: list[Block]) -> Staffing:
    for block in blocks:
        if not isinstance(block, Para) or "编制" not in block.text:
            continue
        found = [m for m in _STAFF_RE.finditer(block.text) if "领导" not in m["label"]]
        if not found:
            continue
        span = para_span(block)
        figures = [
            Figure(m["label"].removeprefix("其中"), parse_quantity(m["count"]), span) for m in found
        ]
        if len(figures) > 1:
            return Staffing(total=figures[0], parts=figures[1:])
        return Staffing(total=figures[0])
    return Staffing()


def _paras(blocks: list[Block]) -> list[Para]:
    return [b for b in blocks if isinstance(b, Para)]


def income(blocks: list[Block]) -> Income:
    for para in _paras(blocks):
        items = labelled_amounts(para.text)
        if not any("收入" in i.label for i in items):
            continue
        span = para_span(para)
        result = Income()
        for item in items:
            fig = Figure(item.label, item.quantity, span)
            if "结转" in item.label or "结余" in item.label:
                result.carry_over = result.carry_over or fig
            elif result.total is None and not result.parts and re.search(r"收入(合计|总计)?$|总收入", item.label):
                result.total = fig
            elif "收入" in item.label or "拨款" in item.label:
                result.parts.append(fig)
        return result
    return Income()


def expenditure(blocks: list[Block]) -> Expenditure:
    result = Expenditure()
    for para in _paras(blocks):
        items = labelled_amounts(para.text)
        if result.total is None and any(re.search(r"支出预算|支出合计|支出总计|预算支出", i.label) for i in items):
            span = para_span(para)
            for item in items:
                fig = Figure(item.label, item.quantity, span)
                label = item.label
                if result.total is None and re.search(r"支出预算|支出合计|支出总计|预算支出", label):
                    result.total = fig
                elif "基本支出" in label:
                    result.basic = result.basic or fig
                elif "人员" in label:
                    result.personnel = result.personnel or fig
                elif "公用" in label:
                    result.public = result.public or fig
                elif "项目" in label and "支出" in label and result.project is None:
                    result.project = fig
                elif result.project is not None:
                    result.project_parts.append(fig)
            continue
        if not result.changes and re.search(r"(较|比|与).{0,6}年", para.text):
            changes = stated_changes(para.text)
            if not changes:
                continue
            result.prior_year = prior_year(para.text)
            result.changes = build_changes(changes, _expenditure_subject, para_span(para))
    return result


def _expenditure_subject(label: str) -> str:
    if "基本" in label:
        return "基本支出"
    if "项目" in label:
        return "项目支出"
    if "人员" in label:
        return "人员经费"
    if "公用" in label:
        return "公用经费"
    if "收入" in label and "支出" not in label and "收支" not in label:
        return "收入合计"
    return "收支合计"


def running_costs(blocks: list[Block]) -> RunningCosts:
    for para in _paras(blocks):
        items = labelled_amounts(para.text)
        if not items:
            continue
        span = para_span(para)
        item = next((i for i in items if "运行经费" in i.label), items[0])
        return RunningCosts(Figure("机关运行经费", item.quantity, span), Text(para.text, span))
    return RunningCosts()
