"""Segment a disclosure into its top-level sections by heading keywords."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Section, Span, Text
from .blocks import Block, Para

#: Section key → (Chinese name, heading keyword pattern). Order is the usual order; a
#: heading takes the first key whose pattern it matches.
SECTION_KEYS: dict[str, tuple[str, str]] = {
    "duties": ("单位职责及机构设置", r"职责|职能|机构设置|^(?:单位|部门)(?:基本|概况)"),
    "overview": ("预算安排总体情况（收支）", r"预算安排的?总体情况|收支|预算总体情况|收入.*支出"),
    "running_costs": ("机关运行经费", r"机关运行(?:经)?费"),
    "sangong": ("“三公”经费", r"三公"),
    "performance": ("绩效预算信息", r"绩效"),
    "procurement": ("政府采购预算", r"政府采购"),
    "assets": ("国有资产信息", r"国有资产|固定资产"),
    "glossary": ("名词解释", r"名词解释"),
    "other": ("其他需要说明的事项", r"其他需要说明"),
}

_CN = "一二三四五六七八九十"
#: How top-level headings are numbered, in order of preference when two styles name
#: equally many sections: 一、 … ; 第一部分 … ; （一） … ; 1. …
HEADING_STYLES: dict[str, str] = {
    "cn": rf"[{_CN}]+\s*[、.]",
    "part": rf"第[{_CN}]+(?:部分|章|节)\s*[、.：:]?",
    "paren": rf"[（(]\s*[{_CN}]+\s*[）)]\s*[、.]?",
    "num": r"\d+\s*[、.](?!\d)",
}
# A heading line: its number, its title; "#"/"**…**" (text converted from Markdown) or
# "【…】" around it and a colon after it are left out of the title.
_TOP_HEADING_RE = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|【)?\s*(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in HEADING_STYLES.items())
    + r")\s*(?P<title>\S.{0,60}?)\s*(?:\*\*|】)?\s*[：:]?\s*$"
)


@dataclass
class SectionBlocks:
    section: Section
    blocks: list[Block]


_CONTENTS_RUN = 3
"""Headings of one style standing in a row, with nothing between them, at least this many
and most of them found again further on: a table of contents (目录), not the sections."""


def is_section_heading(text: str) -> bool:
    """Whether a line reads as the heading of one of the sections (一、单位职责… /
    第三部分 机关运行经费 …), wherever it stands (in a table of contents too)."""
    mark = _heading(Para(text, 0))
    return mark is not None and mark[1] is not None


def _heading(block: Block) -> tuple[str, str | None] | None:
    """(numbering style, section key or None) of a heading line; None for other blocks."""
    if not isinstance(block, Para) or len(block.text) > 60:
        return None
    match = _TOP_HEADING_RE.match(block.text)
    if not match or re.search(r"[：:。]", match["title"]):
        return None
    style = next(name for name in HEADING_STYLES if match[name])
    title = match["title"]
    for key, (_, pattern) in SECTION_KEYS.items():
        if re.search(pattern, title):
            return style, None if key == "duties" and "绩效" in title else key
    return style, None


Mark = tuple[str, str | None]


def _contents(marks: list[Mark | None]) -> set[int]:
    """Indices of the entries of a table of contents: runs of :data:`_CONTENTS_RUN` or more
    headings of one style in a row, most of whose sections are headed again after the run
    (three sections left empty in a row are not a table of contents)."""
    contents: set[int] = set()
    run: list[int] = []
    for index, mark in enumerate([*marks, None]):
        if mark is not None and (not run or marks[run[-1]][0] == mark[0]):  # type: ignore[index]
            run.append(index)
            continue
        if len(run) >= _CONTENTS_RUN:
            later = {m[1] for m in marks[run[-1] + 1 :] if m is not None and m[1] is not None}
            keyed = [marks[i][1] for i in run if marks[i][1] is not None]  # type: ignore[index]
            if keyed and sum(key in later for key in keyed) * 2 > len(keyed):
                contents.update(run)
        run = [index] if mark is not None else []
    return contents


def _starts(blocks: list[Block]) -> list[tuple[int, str, Para]]:
    """(block index, section key, heading) of each section, in document order.

    The top-level style is that of the first heading that names a section (一、 in most
    documents, whose （一） items are then paragraphs inside a section); its first heading
    for each key starts that section, later ones (一、总体绩效目标) stay inside. A section
    that no top-level heading names may be headed in another style inside a top-level
    section that names none (四、其他重要事项 with （一）机关运行经费 …（五）其他需要说明的事项).
    """
    marks = [_heading(block) for block in blocks]
    contents = _contents(marks)
    headings = [(i, m) for i, m in enumerate(marks) if m is not None and i not in contents]
    primary = next((m[0] for _, m in headings if m[1] is not None), None)
    if primary is None:
        return []
    starts: dict[str, int] = {}
    for index, (style, key) in headings:
        if style == primary and key is not None:
            starts.setdefault(key, index)
    tops = [(i, key) for i, (style, key) in headings if style == primary]
    for index, (style, key) in headings:
        if style == primary or key is None or key in starts:
            continue
        enclosing = [k for i, k in tops if i < index]
        if enclosing and enclosing[-1] is None:  # inside a top-level section named by no key
            starts[key] = index
    return sorted((index, key, blocks[index]) for key, index in starts.items())  # type: ignore[misc]


def segment(blocks: list[Block], last_line: int) -> dict[str, SectionBlocks]:
    """Map section key → its heading and blocks (:func:`_starts`)."""
    starts = _starts(blocks)
    result: dict[str, SectionBlocks] = {}
    for pos, (index, key, para) in enumerate(starts):
        end_index = starts[pos + 1][0] if pos + 1 < len(starts) else len(blocks)
        body = blocks[index + 1 : end_index]
        end_line = _last_line(body) if body else para.line
        if pos + 1 == len(starts):
            end_line = max(end_line, min(last_line, end_line))
        section = Section(key=key, title=Text(para.text, Span(para.line, para.line, para.text)), end_line=end_line)
        result[key] = SectionBlocks(section, body)
    return result


def _last_line(body: list[Block]) -> int:
    last = body[-1]
    return last.line if isinstance(last, Para) else last.end_line
