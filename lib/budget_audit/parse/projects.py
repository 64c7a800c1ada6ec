"""Project performance-target tables (项目支出绩效目标表)."""

from __future__ import annotations

import re

from ..amounts import parse_money, parse_quantity
from ..model import Figure, Indicator, PlanPoint, Project, Span, Text
from .blocks import PROJECT_HEADING_RE, Block, Cell, Para, Row, make_span

HEADING_RE = PROJECT_HEADING_RE
_CN_DIGITS = {ch: n for n, ch in enumerate("一二三四五六七八九", start=1)}
_UNIT_RE = re.compile(r"^(?P<code>\d{6})\s*(?P<name>.*)$")
_MONEY_UNIT_RE = re.compile(r"单位[:：]\s*(?P<unit>亿元|万元|元)")
INDICATOR_LEVEL1 = ("产出指标", "效益指标", "满意度指标")


def _text(cell: Cell | None, lines: dict[int, str]) -> Text | None:
    if cell is None or not cell.text:
        return None
    return Text(cell.text, make_span(lines, cell.line, cell.end_line))


def _after(row: Row, label_pred) -> Cell | None:
    for i, cell in enumerate(row.cells[:-1]):
        if label_pred(cell.key):
            return row.cells[i + 1]
    return None


def split_projects(blocks: list[Block]) -> list[tuple[Para, list[Block]]]:
    """Each project heading with the blocks up to the next heading."""
    out: list[tuple[Para, list[Block]]] = []
    for block in blocks:
        if isinstance(block, Para) and HEADING_RE.search(block.text):
            out.append((block, []))
        elif out:
            out[-1][1].append(block)
    return out


def cn_number(text: str) -> int | None:
    """一 … 九十九 as a number (the 二 of a heading （二）…); None for anything else."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _seq(match: re.Match[str] | None) -> int | None:
    if match is None:
        return None
    return int(match["seq"]) if match["seq"] else cn_number(match["cn_seq"])


def parse_project(heading: Para, body: list[Block], lines: dict[int, str]) -> Project:
    match = HEADING_RE.search(heading.text)
    title = match["title"] if match else heading.text
    project = Project(
        seq=_seq(match),
        heading=Text(title, Span(heading.line, heading.line, heading.text)),
    )
    rows = [b for b in body if isinstance(b, Row)]
    project.end_line = max([heading.line] + [r.end_line for r in rows])
    indicator_mode = False
    level1 = ""
    prev: Row | None = None
    for row in rows:
        keys = row.keys
        if indicator_mode:
            indicator = indicator_row(row, level1, lines)
            if indicator is not None:
                level1 = indicator.level1
                project.indicators.append(indicator)
            continue
        first = keys[0] if keys else ""
        unit_match = _UNIT_RE.match(first)
        if unit_match and project.unit_code is None:
            cell = row.cells[0]
            span = make_span(lines, cell.line, cell.end_line)
            project.unit_code = Text(unit_match["code"], span)
            project.unit_name = Text(row.cells[0].text[6:].strip(), span)
        for cell in row.cells:
            unit = _MONEY_UNIT_RE.search(cell.key)
            if unit:
                project.money_unit = unit["unit"]
        if "项目编码" in keys:
            project.code = _text(_after(row, lambda k: k == "项目编码"), lines)
        if "项目名称" in keys:
            project.name = _text(_after(row, lambda k: k == "项目名称"), lines)
        if "预算数" in keys:
            project.budget = _money("预算数", _after(row, lambda k: k == "预算数"), project.money_unit, lines)
            project.fiscal = _money(
                "财政资金", _after(row, lambda k: k.startswith("其中") and "财政" in k), project.money_unit, lines
            )
            project.other = _money("其他资金", _after(row, lambda k: k == "其他资金"), project.money_unit, lines)
        elif prev is not None and "预算数" in prev.keys and first == "" and len(row.cells) >= 2:
            project.use_of_funds = _text(next((c for c in row.cells[1:] if c.text), None), lines)
        if prev is not None and any(k.startswith("资金支出计划") for k in prev.keys) and first == "":
            labels = prev.cells[1:]
            for label, cell in zip(labels, row.cells[1:], strict=False):
                if label.text:
                    project.spending_plan.append(
                        PlanPoint(label.key, parse_quantity(cell.text), make_span(lines, cell.line, cell.end_line))
                    )
        if first == "绩效目标" and len(row.cells) >= 2:
            project.goal = _text(next((c for c in row.cells[1:] if c.text), None), lines)
        if first == "一级指标":
            indicator_mode = True
        prev = row
    return project


def _money(label: str, cell: Cell | None, unit: str, lines: dict[int, str]) -> Figure | None:
    if cell is None or not cell.text:
        return None
    return Figure(label, parse_money(cell.text, unit), make_span(lines, cell.line, cell.end_line))


def indicator_row(row: Row, level1: str, lines: dict[int, str]) -> Indicator | None:
    """A six-column indicator row (一级…三级, 描述, 指标值, 依据); ``level1`` carries over blank cells."""
    texts = [c.text for c in row.cells]
    if not any(texts):
        return None
    texts += [""] * (6 - len(texts))
    l1, l2, l3, desc, value, basis = texts[:6]
    return Indicator(
        level1=l1 or level1,
        level2=l2,
        level3=l3,
        description=desc,
        value=parse_quantity(value),
        basis=basis,
        span=row.span(lines),
    )


def parse_projects(blocks: list[Block], lines: dict[int, str]) -> list[Project]:
    return [parse_project(heading, body, lines) for heading, body in split_projects(blocks)]
