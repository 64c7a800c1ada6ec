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
"""Headings of one style standing in a row, with nothing between them, at least this many:
a table of contents (目录), not the sections themselves."""


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


def _headings(blocks: list[Block]) -> dict[str, list[tuple[int, str, Para]]]:
    """Heading style → (block index, section key, paragraph) of the first heading of that
    style for each key, in document order; the entries of a table of contents (a run of
    :data:`_CONTENTS_RUN` or more headings of one style) are not headings."""
    marks = [_heading(block) for block in blocks]
    contents: set[int] = set()
    run: list[int] = []
    for index, mark in enumerate([*marks, None]):
        if mark is not None and (not run or marks[run[-1]][0] == mark[0]):  # type: ignore[index]
            run.append(index)
            continue
        if len(run) >= _CONTENTS_RUN:
            contents.update(run)
        run = [index] if mark is not None else []
    found: dict[str, list[tuple[int, str, Para]]] = {style: [] for style in HEADING_STYLES}
    seen: dict[str, set[str]] = {style: set() for style in HEADING_STYLES}
    for index, mark in enumerate(marks):
        if mark is None or index in contents:
            continue
        style, key = mark
        if key is not None and key not in seen[style]:
            seen[style].add(key)
            found[style].append((index, key, blocks[index]))  # type: ignore[arg-type]
    return found


def segment(blocks: list[Block], last_line: int) -> dict[str, SectionBlocks]:
    """Map section key → its heading and blocks.

    The top-level headings are those of the numbering style (:data:`HEADING_STYLES`) that
    names the most sections — 一、 in most documents, whose （一） items are then only
    paragraphs inside a section. The first matching heading of a key wins; later headings
    with the same key (sub-headings such as 一、总体绩效目标) stay inside.
    """
    found = _headings(blocks)
    starts = max(found.values(), key=len)  # max keeps the first style of equally many
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
