"""Unit-wide performance goals (单位整体绩效目标) and their indicator table."""

from __future__ import annotations

import re

from ..model import Text, UnitGoals
from .blocks import Block, Para, Row, project_heading
from .projects import IndicatorTable
from .summary import para_span

_SUB_RE = re.compile(r"^\s*[一二三四五六七八九十]+、\s*(?P<title>.+)$")


def unit_goals(blocks: list[Block], lines: dict[int, str]) -> UnitGoals:
    result = UnitGoals()
    bucket: list[Text] | None = None
    table: IndicatorTable | None = None
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
            if bucket is not None and table is None:
                bucket.append(Text(block.text, para_span(block)))
            continue
        row: Row = block
        keys = row.keys
        if "一级指标" in keys:
            table = IndicatorTable.from_header(keys)
            continue
        if table is None or row.is_empty() or table.take_sub_header(keys):
            continue
        indicator = table.read(row, lines)
        if indicator is not None:
            result.indicators.append(indicator)
    return result
