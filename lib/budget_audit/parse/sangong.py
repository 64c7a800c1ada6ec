"""The “三公” paragraph: total, parts, sub-parts, stated changes and reasons."""

from __future__ import annotations

import re

from ..model import Figure, SanGong
from .blocks import Block, Para
from .figures import build_changes, labelled_amounts, prior_year, stated_changes
from .summary import para_span

#: (field, subject name, label pattern) — first match wins, most specific first.
_PARTS: list[tuple[str, str, str]] = [
    ("vehicle", "公务用车购置及运维费", r"购置及运[行维]|用车.*及.*运[行维]"),
    ("vehicle_purchase", "公务用车购置费", r"购置"),
    ("vehicle_operation", "公务用车运维费", r"运[行维]"),
    ("overseas", "因公出国（境）费", r"出国|出境"),
    ("reception", "公务接待费", r"接待"),
    ("total", "“三公”经费合计", r"三公|合计|共计|总额|预算安排"),
]
_CHANGE_START_RE = re.compile(r"(?:与|较|比)\s*\d{4}\s*年")


def classify(label: str) -> tuple[str, str] | None:
    for field, subject, pattern in _PARTS:
        if re.search(pattern, label):
            return field, subject
    return None


def _subject(label: str) -> str:
    kind = classify(label)
    return kind[1] if kind else "“三公”经费合计"


def sangong(blocks: list[Block]) -> SanGong:
    result = SanGong()
    for block in blocks:
        if not isinstance(block, Para) or not labelled_amounts(block.text):
            continue
        span = para_span(block)
        text = block.text
        cut = _CHANGE_START_RE.search(text)
        current, change_text = (text[: cut.start()], text[cut.start() :]) if cut else (text, "")
        for item in labelled_amounts(current):
            kind = classify(item.label) or (("total", "“三公”经费合计") if result.total is None else None)
            if kind is None:
                continue
            field, subject = kind
            if getattr(result, field) is None:
                setattr(result, field, Figure(subject, item.quantity, span))
        if change_text:
            result.prior_year = prior_year(change_text)
            result.changes = build_changes(stated_changes(change_text), _subject, span)
        if result.total is not None:
            break
    return result
