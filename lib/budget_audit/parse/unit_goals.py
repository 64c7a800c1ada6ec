"""Unit-wide performance goals (单位整体绩效目标) and their indicator table."""

from __future__ import annotations

import re

from ..amounts import parse_quantity
from ..model import Indicator, Text, UnitGoals
from .blocks import Block, Para, Row
from .projects import HEADING_RE
from .summary import para_span

_SUB_RE = re.compile(r"^\s*[一二三四五六七八九十]+、\s*(?P<title>.+)$")


def unit_goals(blocks: list[Block], lines: dict[int, str]) -> UnitGoals:
    result = UnitGoals()
    bucket: list[Text] | None = None
    in_table = False
    level1 = ""
    header_cols: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            if HEADING_RE.search(block.text):
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
            header_cols = keys
            continue
        if not in_table or row.is_empty():
            continue
        if keys and keys[0] == "" and any(k in ("符号", "值") for k in keys):
            continue  # second header row (符号 / 值 / 单位)
        indicator = _unit_indicator(row, level1, header_cols, lines)
        if indicator is not None:
            level1 = indicator.level1
            result.indicators.append(indicator)
    return result


def _unit_indicator(row: Row, level1: str, header: list[str], lines: dict[int, str]) -> Indicator | None:
    texts = [c.text for c in row.cells]
    if len(texts) >= 9:
        l1, l2, l3, desc, scoring, op, value, unit, basis = texts[:9]
        raw = f"{op}{value}{unit}"
    else:
        texts += [""] * (6 - len(texts))
        l1, l2, l3, desc, raw, basis = texts[:6]
        scoring = ""
    return Indicator(
        level1=l1 or level1,
        level2=l2,
        level3=l3,
        description=desc,
        value=parse_quantity(raw),
        basis=basis,
        span=row.span(lines),
        scoring=scoring,
    )
