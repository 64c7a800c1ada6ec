"""Unit-wide performance goals (单位整体绩效目标) and their indicator table."""

from __future__ import annotations

import re

from ..model import Text, UnitGoals
from .blocks import UNIT_GOALS_RE, Block, Para, Row, make_span
from .projects import IndicatorTable, goal_cell, heads_project, path_header
from .summary import para_span

_SUB_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|(?P<bracketed>[（(])[一二三四五六七八九十]+[）)])\s*(?P<title>.+)$")
#: What a （一） sub-heading of the goals is about — not an item of a list of goals (（九）促进对外贸易稳定增长。): its
#: goals, indicators or measures, or the unit-wide goals' table (（一）部门整体绩效目标表).
_TITLE_WORDS_RE = re.compile(r"绩效目标$|绩效指标|保障措施|工作措施|整体(?:支出)?绩效目标表$")


def _sub_heading(block: Block) -> re.Match[str] | None:
    """The 一、/（一） sub-heading of the goals ``block`` is (（一）单位整体绩效目标, 保障措施), else None."""
    if not isinstance(block, Para) or len(block.text) > 30 or (sub := _SUB_RE.match(block.text)) is None:
        return None
    return sub if not sub["bracketed"] or _TITLE_WORDS_RE.search(sub["title"]) else None


_PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")


def _sub_headed(blocks: list[Block]) -> bool:
    """Whether the goals stand under sub-headings of their own (（一）总体绩效目标, 第一部分 单位整体绩效目标) before
    the project tables: then what stands before the first is no goal (a basis citing 2022年…方案 gave a false CS005)."""
    for block in blocks:
        if isinstance(block, Para) and "绩效目标表" in block.text:
            return False  # the project tables begin
        if _sub_heading(block) or isinstance(block, Para) and _PART_RE.match(block.text):
            return True
    return False


def unit_goals(blocks: list[Block], lines: dict[int, str], title: str = "") -> UnitGoals:
    """The unit's goals in the blocks of the performance section titled ``title``: the paragraphs under its
    sub-headings (（一）总体绩效目标, 分项绩效目标, 保障措施) — or directly under the section when its title names
    them (十、部门整体绩效目标 over （一）…（四）: they were not read, and a stale year in them went unreported) —
    and the indicator table, up to the first project table."""
    result = UnitGoals()
    bucket: list[Text] | None = result.overall if UNIT_GOALS_RE.search(title) and not _sub_headed(blocks) else None
    table: IndicatorTable | None = None
    for i, block in enumerate(blocks):
        if isinstance(block, Para):
            if heads_project(blocks, i):
                break  # project tables start
            if (sub := _sub_heading(block)) is not None:
                title = sub["title"]
                bucket = (
                    result.overall if "总体" in title or "整体绩效目标" in title  # （一）单位整体绩效目标
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
        if table is None and (goal := goal_cell(row)) is not None:
            result.overall.append(Text(goal.text, make_span(lines, goal.line, goal.end_line)))  # 年度总体目标 | …
            continue
        if "一级指标" in keys or path_header(keys):
            table = IndicatorTable.from_header(keys)
            continue
        if table is None or row.is_empty() or table.take_sub_header(keys):
            continue
        indicator = table.read(row, lines)
        if indicator is not None:
            result.indicators.append(indicator)
    return result
