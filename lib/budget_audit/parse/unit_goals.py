"""Unit-wide performance goals (单位整体绩效目标) and their indicator table."""

from __future__ import annotations

import re

from ..amounts import parse_quantity
from ..model import Indicator, Text, UnitGoals
from .blocks import Block, Para, Row, project_heading
from .projects import indicator_row
from .summary import para_span

_SUB_RE = re.compile(r"^\s*[一二三四五六七八九十]+、\s*(?P<title>.+)$")


def unit_goals(blocks: list[Block], lines: dict[int, str]) -> UnitGoals:
    result = UnitGoals()
    bucket: list[Text] | None = None
    in_table = False
    level1 = ""
    for block in blocks:
        if isinstance(block, Para):
            if project_heading(block.text):
                break  # project tables start
            sub = _SUB_RE.match(block.text)
            if sub and len(block.text) <= 30:
                title = sub["title"]
                bucket = (
                    result.overall if "总体" in title
                    else result.items if "分项" in title
                    else result.measures if "保障" in title or "措施" in title
                    else None
                )
                continue
            if bucket is not None and not in_table:
                bucket.append(Text(block.text, para_span(block)))
            continue
        row: Row = block
        keys = row.keys
        if "一级指标" in keys:
            in_table = True
            continue
        if not in_table or row.is_empty():
            continue
        if keys and keys[0] == "" and any(k in ("符号", "值") for k in keys):
            continue  # second header row (符号 / 值 / 单位)
        indicator = _unit_indicator(row, level1, lines)
        if indicator is not None:
            level1 = indicator.level1
            result.indicators.append(indicator)
    return result


def _unit_indicator(row: Row, level1: str, lines: dict[int, str]) -> Indicator | None:
    """The unit-wide table splits the value into 符号 / 值 / 单位 and adds 评（扣）分标准;
    a six-column row reads as in a project table."""
    texts = [c.text for c in row.cells]
    if len(texts) < 9:
        return indicator_row(row, level1, lines)
    l1, l2, l3, desc, scoring, op, value, unit, basis = texts[:9]
    return Indicator(
        level1=l1 or level1,
        level2=l2,
        level3=l3,
        description=desc,
        value=parse_quantity(f"{op}{value}{unit}"),
        basis=basis,
        span=row.span(lines),
        scoring=scoring,
    )
