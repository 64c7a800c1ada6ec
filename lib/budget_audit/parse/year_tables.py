"""Tables that set this year's figures beside last year's (项目 | 2024年预算 | 2025年预算 | 增（减））: where their
columns are, in the “三公” section and in the overview's 收支总表."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block, Para, Row
from .figures import MONEY_UNIT_RE

#: The first cell of such a table's header row.
_HEADER_FIRST = ("项目", "项目名称", "科目", "收支项目", "预算科目")
#: A header naming the column of each row's change.
_CHANGE_HEADER_RE = re.compile(r"增减|变动|增加|减少|差额")


@dataclass(frozen=True)
class YearColumns:
    """Where a table's header (``rows[header]``) puts this year's figures (``now``), last year's (``before``) and each
    row's change (``moved``); ``unit``: the money unit its figures are in."""

    header: int
    now: int
    before: int | None
    moved: int | None
    unit: str


def year_column(keys: list[str], year: int, words: tuple[str, ...]) -> int | None:
    """The column of ``year``'s figures in a table's header (2025年预算), or of ``words`` (本年, 上年)."""
    return next((i for i, k in enumerate(keys) if i and (f"{year}年" in k or any(w in k for w in words))), None)


def year_columns(rows: list[Row], year: int | None, blocks: list[Block]) -> YearColumns | None:
    """The columns of the first table among ``rows`` headed 项目 | … with a column of the budget year, its unit the
    first stated in ``blocks``' paragraphs (（单位：万元）), else 万元; None when there is no such table."""
    header = next((i for i, r in enumerate(rows) if r.keys and r.keys[0] in _HEADER_FIRST and len(r.keys) >= 3), None)
    if header is None or year is None:
        return None
    keys = rows[header].keys
    now, before = year_column(keys, year, ("本年",)), year_column(keys, year - 1, ("上年",))
    if now is None:
        return None
    moved = next((i for i, k in enumerate(keys) if i not in (0, now, before) and _CHANGE_HEADER_RE.search(k)), None)
    units = [m["unit"] for b in blocks if isinstance(b, Para) and (m := MONEY_UNIT_RE.search(b.text))]
    return YearColumns(header, now, before, moved, units[0] if units else "万元")
