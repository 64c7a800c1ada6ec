"""Segment a disclosure into its top-level sections by heading keywords.

The top level is the numbering style (一、 / 第一部分 / （一） / 1.) under which the most
sections are found. Its first heading naming a section starts that section, wherever it
stands. Another heading of that style moves the top level only when it continues the
top-level numbering (:func:`_continues`): with the next number (二、机构设置 after
一、单位职责); or, for a heading naming no section, with one number skipped (二、… then
四、其他重要事项; 一、二、三、五、) when no section heading further on takes a number up
to its own, and it follows the top heading directly — or, past sub-headings of its style
(一、…三、 under 五、绩效, then 七、其他重要事项), it is titled as a catch-all in the 一、 or
第一部分 style. So （十七） goal items under （五）, 1. 2. 7. measures under 5., and 七、
under 五、 before 六、 stay items. Inside a catch-all top-level section — one that names
no section, or 其他需要说明的事项 — a heading of another style heads a section that no
top-level heading names (四、其他重要事项 with （一）机关运行经费 …); and a heading naming a new section in the
一、 or 第一部分 style numbered next after the top heading (八、名词解释 after 7.绩效目标) is a top-level one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from ..amounts import MONEY_UNITS
from ..model import Section, Span, Text
from .blocks import CN_NUMERALS, Block, Para, cn_number

#: Section key → (Chinese name, heading keyword pattern). Order is the usual order; a
#: heading takes the first key whose pattern it matches.
SECTION_KEYS: dict[str, tuple[str, str]] = {
    "duties": ("单位职责及机构设置", r"职责|职能|机构设置|^(?:单位|部门)(?:基本|概况)"),
    # 二、收入预算情况 / 三、支出预算情况 in two sections: the first of them heads it, the second (a heading of no
    # section's own, or of this one again) runs on in it
    "overview": ("预算安排总体情况（收支）", r"预算安排的?总体情况|收支|预算总体情况|收入.*支出"
                 r"|^(?:\d{4}年度?)?(?:本?(?:单位|部门))?(?:收入|支出)(?:预算(?:安排)?(?:的?(?:总体)?情况)?|(?:安排)?的?(?:总体)?情况)"
                 r"(?:说明)?$"),
    "running_costs": ("机关运行经费", r"机关运行(?:经)?费"),
    "sangong": ("“三公”经费", r"三公|^一般性支出"),  # 六、一般性支出情况 (Hunan's template)
    "performance": ("绩效预算信息", r"绩效"),
    "procurement": ("政府采购预算", r"政府采购"),
    "assets": ("国有资产信息", r"国有资产|固定资产"),
    "glossary": ("名词解释", r"名词解释"),
    "other": ("其他需要说明的事项", r"其他需要说明|^其他(?:说明|事项)$"),
}

_CN = CN_NUMERALS
#: How top-level headings are numbered, in order of preference when two styles name
#: equally many sections: 一、 … ; 第一部分 … ; （一） … ; 1. …
HEADING_STYLES: dict[str, str] = {
    "cn": rf"[{_CN}]+\s*[、.]",
    "part": rf"第[{_CN}]+(?:部分|章|节)\s*[、.：:]?",
    "paren": rf"[（(]\s*[{_CN}]+\s*[）)]\s*[、.]?",
    "num": r"\d+\s*(?:、|[.．](?!\d)|[.．](?=(?:19|20)\d\d年))",  # 2.2025年单位预算… is 2. and its year, no 2.2025
}
# A heading line: its number, its title; "#"/"**…**" (text converted from Markdown) or
# "【…】" around it and a colon after it are left out of the title.
_TOP_HEADING_RE = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|【)?\s*(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in HEADING_STYLES.items())
    + r")\s*(?P<title>\S.{0,60}?)\s*[：:]?\s*(?:\*\*|】)?\s*[：:]?\s*$"
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
    return mark is not None and mark.key is not None


def heads_a_part(text: str) -> bool:
    """Whether a line heads a part of the document, of a known section or not (第一部分 某中心概况, 第三章 …), with no
    sentence punctuation: what a table of contents lists before the parts."""
    mark = _heading(Para(text, 0))
    return mark is not None and mark.style == "part" and not re.search(r"[。；;，,]", text)


@dataclass(frozen=True)
class Mark:
    """What a heading line is: its numbering style and number, and the section it names."""

    style: str
    number: int | None
    key: str | None
    title: str = ""


#: A note of the money unit after a heading's title: 二、部门预算收支情况（金额单位：元）.
_UNIT_NOTE_RE = re.compile(rf"[（(]\s*(?:金额)?单位\s*[：:]\s*{MONEY_UNITS}\s*[）)]\s*$")


def _heading(block: Block) -> Mark | None:
    """The :class:`Mark` of a heading line; None for other blocks."""
    if not isinstance(block, Para) or len(block.text) > 60:
        return None
    match = _TOP_HEADING_RE.match(block.text)
    if not match:
        return None
    title = match["title"]
    if title.endswith("。") and len(title) <= 40 and not re.search(r"[，,；;]", title) and section_key(title[:-1]):
        title = title[:-1]  # （一）机关运行经费。 — a section's title with a full stop (四川's template), not a goal
    if re.search(r"[：:。]", _UNIT_NOTE_RE.sub("", title)):
        return None
    style = next(name for name in HEADING_STYLES if match[name])
    digits = re.search(r"\d+", match[style])
    number = int(digits.group(0)) if digits else cn_number(re.sub(rf"[^{_CN}]", "", match[style]))
    key = section_key(title)
    return Mark(style, number, None if key == "duties" and "绩效" in title else key, title)


def section_key(title: str) -> str | None:
    """The section a heading's title names (:data:`SECTION_KEYS`, the first that matches), else None."""
    return next((key for key, (_, pattern) in SECTION_KEYS.items() if re.search(pattern, title)), None)


def _contents(marks: list[Mark | None]) -> set[int]:
    """Indices of the entries of a table of contents: runs of :data:`_CONTENTS_RUN` or more
    headings of one style in a row, most of whose sections are headed again after the run
    (three sections left empty in a row are not a table of contents)."""
    contents: set[int] = set()
    run: list[int] = []
    for index, mark in enumerate([*marks, None]):
        if mark is not None and (not run or marks[run[-1]].style == mark.style):  # type: ignore[union-attr]
            run.append(index)
            continue
        if len(run) >= _CONTENTS_RUN:
            later = {m.key for m in marks[run[-1] + 1 :] if m is not None and m.key is not None}
            keyed = [k for i in run if (k := marks[i].key) is not None]  # type: ignore[union-attr]
            if keyed and sum(key in later for key in keyed) * 2 > len(keyed):
                contents.update(run)
        run = [index] if mark is not None else []
    return contents


_LIST_STYLES = frozenset({"paren", "num"})
"""Numbering styles that number the items of a list too (（十七）提升… goal items under （五）,
1.…25. project tables under 5.); 一、 and 第一部分 number headings, restarting at 一 inside a
section (一、总体绩效目标 … 三、工作保障措施 under 五、绩效)."""

_CATCH_ALL_KEYS = frozenset({None, "other"})
"""Top-level sections that may hold sections headed in another style: one naming no section
(四、其他重要事项), or 其他需要说明的事项 itself (四、其他需要说明的事项 with （一）机关运行经费)."""

_CATCH_ALL_TITLE = re.compile(r"其他|重要事项|说明$")
"""The title of a catch-all section: 其他重要事项的情况说明, 其他事项, 单位预算情况说明."""


def _continues(mark: Mark, top: Mark, previous: Mark | None,
               later: Iterable[tuple[int, Mark]]) -> bool:
    """Whether ``mark``, a heading of the top style naming no new section, continues the top
    level after ``top`` (``previous``: the heading of its style before it; ``later``: the
    headings after it).

    - The next number does: 二、机构设置 after 一、单位职责, 四、其他重要事项 after 三、.
    - One number skipped does for a heading naming no section at all (四、其他重要事项 after
      二、), unless a heading naming a section further on is numbered above ``top`` and at or
      below it (七、 under 五、绩效 before 六、政府采购 is an item) — when it stands right after
      ``top``, or past headings of its style inside the section (一、…三、 under 五、绩效)
      when it is titled as a catch-all (七、其他重要事项) in a heading style (（七）其他… after
      （一）（二） under （五） is an item of their list, :data:`_LIST_STYLES`).
    - Nothing else does: 三、工作保障措施 after 五、绩效, （十七） under （五）, a project table
      13.…绩效目标表 after 9.… are sub-headings.
    """
    if mark.number is None or top.number is None:
        return False
    if mark.number == top.number + 1:
        return True
    if mark.key is not None or mark.number != top.number + 2:
        return False
    following = next((m.number for _, m in later if m.style == mark.style and m.key is not None
                      and m.number is not None and m.number > top.number), None)
    if following is not None and following <= mark.number:
        return False  # a section numbered up to it comes later: it stands inside a section
    if previous is top:
        return True
    return mark.style not in _LIST_STYLES and _CATCH_ALL_TITLE.search(mark.title) is not None


def _starts_for(style: str, headings: list[tuple[int, Mark]]) -> dict[str, int]:
    """Section key → block index, with ``style`` as the top level: its first heading of each
    key (in whatever order the sections come); and, for a key that none of them names, a
    heading of another style inside a catch-all top-level section (:data:`_CATCH_ALL_KEYS`:
    四、其他重要事项 or 四、其他需要说明的事项 with （一）机关运行经费 …, or one naming a section headed before it:
    三、支出预算情况 with （一）机关运行经费 after 二、收支预算总体情况) — a top-level section
    only when its heading continues the numbering of the top level (:func:`_continues`) — or
    a 第X部分 heading, a level above the others (第三部分 名词解释 after 十三、预算绩效情况)."""
    starts: dict[str, int] = {}
    top: Mark | None = None  # the top-level heading last seen
    again = False  # it names a section headed before (三、支出预算情况 after 二、收支预算总体情况): it holds others
    previous: Mark | None = None  # the heading of ``style`` last seen
    for position, (index, mark) in enumerate(headings):
        if mark.style == style:
            if mark.key is not None and mark.key not in starts:
                starts[mark.key] = index
                top, again = mark, False
            elif top is None or _continues(mark, top, previous,
                                           islice(headings, position + 1, None)):
                top, again = mark, mark.key is not None  # 四、其他重要事项 after 三、 (or after 二、), 二、机构设置 after 一、单位职责
            previous = mark
        elif mark.key is not None and mark.key not in starts and top is not None:
            if top.key in _CATCH_ALL_KEYS or again or mark.style == "part":
                starts[mark.key] = index  # or a 第三部分 名词解释 above the 一、 level, after its last section
            elif _renumbered(mark, top, style, islice(headings, position + 1, None)):
                starts[mark.key] = index
                top = mark  # 八、名词解释 after 7.绩效目标: 九、 or 9. goes on after it
    return starts


def _renumbered(mark: Mark, top: Mark, style: str, later: Iterable[tuple[int, Mark]]) -> bool:
    """Whether ``mark``, naming a section in a heading style other than the top level's (``style``), is that level's
    next heading numbered in another style: with the number after ``top``'s (八、名词解释 after 7.绩效目标, in a document
    numbered 1.…9.), in a style that numbers headings only (not （八）, 8. items of a list: :data:`_LIST_STYLES`) —
    and no heading of the top level names its section further on."""
    return (mark.style not in _LIST_STYLES and mark.number is not None and top.number is not None
            and mark.number == top.number + 1
            and not any(m.style == style and m.key == mark.key for _, m in later))


def _top_level(blocks: list[Block]) -> tuple[str, dict[str, int], list[tuple[int, Mark]]]:
    """The top level's numbering style (:data:`HEADING_STYLES`): the one under which the most
    sections are found (:func:`_starts_for`; 一、 in most documents, whose （一） items are then
    paragraphs inside a section; on a tie, the style listed first) — with its sections' starts
    and the headings (block index, :class:`Mark`; a table of contents' entries left out)."""
    marks = [_heading(block) for block in blocks]
    contents = _contents(marks)
    headings = [(i, m) for i, m in enumerate(marks) if m is not None and i not in contents]
    style, starts = max(((style, _starts_for(style, headings)) for style in HEADING_STYLES),
                        key=lambda found: len(found[1]))
    return style, starts, headings


def _starts(blocks: list[Block]) -> list[tuple[int, str, Para]]:
    """(block index, section key, heading) of each section, in document order, under the top
    level (:func:`_top_level`)."""
    starts = _top_level(blocks)[1]
    return sorted((index, key, blocks[index]) for key, index in starts.items())  # type: ignore[misc]


#: A top-level catch-all titled as the other matters (十、其他重要事项的情况说明, 四、其他重要事项的说明).
_OTHER_MATTERS_RE = re.compile(r"其他重要事项")


def has_other_matters(blocks: list[Block]) -> bool:
    """Whether a top-level heading of the document is a catch-all titled 其他重要事项 (四、其他重要事项的说明 over （一）“三公”
    经费…): the template's section of other matters, whatever sections it holds — no 其他需要说明的事项 is missing."""
    style, _, headings = _top_level(blocks)
    return any(m.style == style and m.key is None and _OTHER_MATTERS_RE.search(m.title) for _, m in headings)


def next_top_headings(texts: list[str]) -> set[int]:
    """The indices of the ``texts`` (a document's lines, stripped) that head a top-level section
    further on in the numbering than every section heading of that style before them (8.名词解释 after
    1.…7.): where a project table written one cell a line ends (not 1.完成… nor 8.确保… inside it, which name no
    section). Empty when no heading names a section."""
    kept = [at for at, text in enumerate(texts) if text]  # blank lines make no block
    style, starts, headings = _top_level([Para(texts[at], 0) for at in kept])
    if not starts:
        return set()
    sections = set(starts.values())  # headings naming a section: not 8.确保设备全年正常运行 inside a table,
    found: set[int] = set()          # nor a duties list's 1.…12. raising the numbers before 8.名词解释
    highest: int | None = None
    for index, mark in headings:
        if mark.style != style or mark.number is None or index not in sections:
            continue
        if highest is not None and mark.number > highest:
            found.add(kept[index])
        highest = mark.number if highest is None else max(highest, mark.number)
    return found


#: A heading with its section's text run on after a colon, after spaces or out of its Markdown bold: 三、机关运行经费：2025年
#: 本单位机关运行经费预算64.15万元…, 三、机关运行经费情况    2025年…, **三、机关运行经费情况**：2025年….
_RUN_IN_RE = re.compile(
    rf"^\s*(?:\*\*)?(?P<head>(?:[{_CN}]+\s*、|第[{_CN}]+部分\s*)\s*(?P<title>[^：:，,。；;*\s]{{2,24}}?))"
    r"(?:\s*(?:\*\*)?\s*[：:。]\s*(?:\*\*)?|\*\*|\s+(?=[\d０-９本我该]))\s*(?P<body>\S.*)$")


def run_in_headings(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each heading that runs on into its section's text (三、机关运行经费：2025年…) split in two
    paragraphs of the same line: the heading, then the text."""
    out: list[Block] = []
    for block in blocks:
        found = _RUN_IN_RE.match(block.text) if isinstance(block, Para) else None
        if (found is None or section_key(found["title"]) is None
                or not re.search(r"\d", found["body"]) or re.match(r"(?:是)?指|纳入", found["body"])):
            # not a glossary's entry (六、“三公”经费：纳入…是指…): a section's text states its figures
            out.append(block)
            continue
        out += [Para(found["head"].strip(), block.line), Para(found["body"].strip(), block.line, block.end_line)]
    return out


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
        section = Section(key=key, title=Text(para.text, Span(para.line, para.end_line, para.text)), end_line=end_line)
        result[key] = SectionBlocks(section, body)
    return result


def _last_line(body: list[Block]) -> int:
    last = body[-1]
    return last.line if isinstance(last, Para) else last.end_line
