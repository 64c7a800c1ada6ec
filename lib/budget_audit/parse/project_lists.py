"""Project performance targets written as a numbered list of their fields, not as a table.

County documents often write each project's targets as lines of their own under its name::

    项目一：社区工作者薪酬补助
    1.项目编码：43052124P0901001
    2.项目预算：3,024,000.00元（全部为财政拨款）
    3.资金用途：用于8个社区专职社区工作者薪酬补助……
    4.资金支出计划：3月底累计支出25%，6月底累计支出50%，……
    5.绩效目标：按月足额发放社区工作者薪酬补助……
    6.绩效指标：
    （一）产出指标
    数量指标：补助社区工作者人数=62人
    质量指标：社区工作者持证上岗率≥85%

:func:`listed_as_rows` gives those lines as the rows a project table would give (项目编码 | 43052124P0901001;
一级指标 | 二级指标 | 三级指标 | 指标值 over 产出指标 | 数量指标 | 补助社区工作者人数 | =62人), so that
:func:`~budget_audit.parse.projects.parse_projects` reads such a project as it reads a table. (Not read, the projects
were none: a false RC005 error "没有项目支出绩效目标表", and no indicator or plan rule looked at them; under
``1.社区工作者薪酬补助绩效目标表`` headings each project was a false CP007 "缺少项目编码、预算数、绩效目标、绩效指标".)
"""

from __future__ import annotations

import re

from ..amounts import NUMBER_PATTERN, OPERATORS
from .blocks import CN_NUMERALS, LEVEL1_RE, LEVEL2_RE, Block, Cell, Para, Row
from .projects import _as_row, _opens_table, heads_project

#: A list item's number before its text: 1.项目编码：…, 2、项目预算：…, （3）资金用途：…, （一）产出指标, 一、产出指标.
_ITEM_NUMBER_RE = re.compile(rf"^\s*(?:\d{{1,2}}\s*[.、．]|[（(](?:\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})[）)]\s*[.、]?"
                             rf"|[{CN_NUMERALS}]{{1,3}}、)\s*")
#: The item that opens a project's indicators, with nothing after it: 6.绩效指标：, 绩效指标, 项目绩效指标如下：.
_INDICATORS_RE = re.compile(r"^(?:项目|年度)?绩效指标(?:如下)?\s*[：:]?$")
#: An indicator's line, its 二级指标 before a colon and the indicators after it (；-parted when several):
#: 数量指标：补助社区工作者人数=62人, 社会效益指标：社区服务覆盖居民户数≥1.8万户.
_INDICATOR_LINE_RE = re.compile(r"^(?P<level2>[^：:\s]{2,12}?)\s*[：:]\s*(?P<rest>\S.*)$")
#: Where an indicator's value starts: its operator (社区工作者持证上岗率≥85%, 经费拨付时间≤每季度首月) …
_OPERATOR_RE = re.compile("|".join(re.escape(op) for op in sorted(OPERATORS, key=len, reverse=True)))
#: … else a number at the end, with its unit and a bound after it (补助人数62人, 道路保洁质量达标率达到95%以上).
_END_VALUE_RE = re.compile(rf"{NUMBER_PATTERN}\s*[^\d\s，,。；;：:]{{0,6}}$")
#: The header given to the indicators of a list: the columns :class:`~budget_audit.parse.projects.IndicatorTable` reads.
_HEADER = ("一级指标", "二级指标", "三级指标", "指标值")


def _unnumbered(block: Block) -> Para | None:
    """A paragraph without its list number (1.项目编码：… → 项目编码：…), else None."""
    if not isinstance(block, Para) or (number := _ITEM_NUMBER_RE.match(block.text)) is None:
        return None
    return Para(block.text[number.end():], block.line, block.end_line)


def _is_field(para: Para) -> bool:
    """Whether a line writes a field of a project table as ``label：value`` (项目编码：…, 资金支出计划：…)."""
    return isinstance(_as_row(para), Row)


def _level1(para: Para) -> str | None:
    """The 一级指标 a line names alone (（一）产出指标, 效益指标：), else None."""
    bare = (_unnumbered(para) or para).text.strip().rstrip("：:").strip()
    return bare if LEVEL1_RE.match(bare) else None


def _level2(label: str) -> bool:
    """Whether a label names a 二级指标: 数量指标, 社会效益指标, 服务对象满意度指标 — or 社会效益 without 指标."""
    return LEVEL2_RE.match(label if label.endswith("指标") else f"{label}指标") is not None


def _name_and_value(text: str) -> tuple[str, str]:
    """An indicator's name and value as a line writes them one after the other: at its operator
    (补助社区工作者人数=62人 → 补助社区工作者人数 | =62人), else at a number ending it (补助人数62人); an indicator in
    words only (提升辖区居民幸福感) is its own value, as a table's qualitative one."""
    text = text.strip().rstrip("。；;，, ")
    found = _OPERATOR_RE.search(text) or _END_VALUE_RE.search(text)
    if found is None:
        return text, text
    return text[: found.start()].strip(), text[found.start():].strip()


def _indicator_rows(para: Para, level1: str) -> list[Row]:
    """The indicator rows of a line ``数量指标：A=62人；B≥85%`` under ``level1``, or [] for a line that is none."""
    found = _INDICATOR_LINE_RE.match((_unnumbered(para) or para).text.strip())
    if found is None or not _level2(found["level2"]):
        return []
    rows = []
    for part in re.split(r"[；;]", found["rest"]):
        if part.strip():
            name, value = _name_and_value(part)
            texts = (level1, found["level2"], name, value)
            rows.append(Row([Cell(text, para.line, para.end_line) for text in texts]))
    return rows


def _indicators(blocks: list[Block], at: int) -> tuple[list[Block], int]:
    """The rows of the indicators written as lines from ``blocks[at]`` on (（一）产出指标 / 数量指标：…), under the
    header :data:`_HEADER` on the line that opens them, and the index of the first block after them."""
    opening = blocks[at]
    rows: list[Block] = [Row([Cell(text, opening.line, opening.end_line) for text in _HEADER])]
    level1 = ""
    at += 1
    while at < len(blocks) and isinstance(para := blocks[at], Para):
        if (named := _level1(para)) is not None:
            level1 = named
        elif found := _indicator_rows(para, level1):
            rows += found
        else:
            break
        at += 1
    return rows, at


def _opens_indicators(blocks: list[Block], at: int) -> bool:
    """Whether ``blocks[at]`` is a list's 绩效指标： item with indicator lines under it."""
    para = blocks[at]
    if not isinstance(para, Para) or not _INDICATORS_RE.match((_unnumbered(para) or para).text.strip()):
        return False
    after = blocks[at + 1] if at + 1 < len(blocks) else None
    return isinstance(after, Para) and (_level1(after) is not None or bool(_indicator_rows(after, "")))


def listed_as_rows(blocks: list[Block]) -> list[Block]:
    """``blocks`` (a performance section's) with the projects written as numbered lists as the rows of tables: each
    numbered field (1.项目编码：…) without its number, which the table reader takes for a row ``label | value``, and
    the indicators under a 绩效指标： item as an indicator table's rows. What follows such a project's list up to the
    next project's heading is no part of it (the document's own tables after the last project: read as its
    indicators, they were junk ones) — the next project's heading, or a table's first row naming its project
    (项目名称⇥…: tables stacked with no heading of their own)."""
    listed: list[Block] = []
    ends: set[int] = set()  # where in ``listed`` a project's list of indicators ends
    at = 0
    while at < len(blocks):
        block = blocks[at]
        if _opens_indicators(blocks, at):
            rows, at = _indicators(blocks, at)
            listed += rows
            ends.add(len(listed))
            continue
        unnumbered = _unnumbered(block)
        listed.append(unnumbered if unnumbered is not None and _is_field(unnumbered) else block)
        at += 1
    if not ends:
        return listed
    out: list[Block] = []
    headed = skipping = False  # a project's heading seen; past the end of a project's list
    for i, block in enumerate(listed):
        skipping = skipping or i in ends and headed
        heads = heads_project(listed, i) or _opens_table(block, None) is not None  # or a table's 项目名称 row
        headed = headed or heads
        skipping = skipping and not heads
        if not skipping:
            out.append(block)
    return out
