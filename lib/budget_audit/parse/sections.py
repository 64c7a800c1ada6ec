"""Segment a disclosure into its top-level sections by heading keywords."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Section, Span, Text
from .blocks import Block, Para

#: Section key → (Chinese name, heading keyword pattern). Order is the usual order.
SECTION_KEYS: dict[str, tuple[str, str]] = {
    "duties": ("单位职责及机构设置", r"职责|机构设置"),
    "overview": ("预算安排总体情况（收支）", r"预算安排的?总体情况|收支.*总体情况|预算总体情况"),
    "running_costs": ("机关运行经费", r"机关运行经费"),
    "sangong": ("“三公”经费", r"三公"),
    "performance": ("绩效预算信息", r"绩效"),
    "procurement": ("政府采购预算", r"政府采购"),
    "assets": ("国有资产信息", r"国有资产|固定资产"),
    "glossary": ("名词解释", r"名词解释"),
    "other": ("其他需要说明的事项", r"其他需要说明"),
}

_TOP_HEADING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d+)[、.]\s*(?P<title>\S.{0,60})$")


@dataclass
class SectionBlocks:
    section: Section
    blocks: list[Block]


def segment(blocks: list[Block], last_line: int) -> dict[str, SectionBlocks]:
    """Map section key → its heading and blocks. The first matching heading of a key wins;
    later headings with the same key (sub-headings such as 一、总体绩效目标) stay inside."""
    starts: list[tuple[int, str, Para]] = []
    seen: set[str] = set()
    for index, block in enumerate(blocks):
        if not isinstance(block, Para):
            continue
        match = _TOP_HEADING_RE.match(block.text)
        if not match or len(block.text) > 60 or re.search(r"[：:。]", match["title"]):
            continue
        title = match["title"]
        for key, (_, pattern) in SECTION_KEYS.items():
            if key not in seen and re.search(pattern, title):
                if key == "duties" and "绩效" in title:
                    continue
                seen.add(key)
                starts.append((index, key, block))
                break
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
