"""Amounts written in a form the amount reader does not read, found so that they are reported, not passed over.

:mod:`budget_audit.amounts` reads a number followed by 元, 千元, 万元 or 亿元 (or a table cell under a header that
names one). Some documents write amounts otherwise: with a currency sign and no unit (￥1,844,000.00), with the unit
in brackets (184.4（万元）), with a full stop for the decimal point (891。02万元) or in the capital numerals of
finance (伍仟柒佰贰拾捌万元). Such an amount is not read — a total so written is "not stated" to the checks. Each is
listed here with its line (``SourceInfo.unread``), for rule CS012 to report where the checks could not look.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..amounts import MONEY_UNITS
from ..model import Unreadable

_NUMBER = r"(?<![\d.,])\d[\d,]*(?:\.\d+)?"
#: Each form, by the kind CS012 names; searched in this order, a span taken once.
_FORMS: dict[str, str] = {
    "currency": rf"[￥¥]\s*{_NUMBER}(?!\s*(?:{MONEY_UNITS}|[万亿\d.,]))",
    "bracketed": rf"{_NUMBER}\s*[（(]{MONEY_UNITS}[）)]",
    "full_stop": rf"(?<![\d.,])\d+。\d{{1,2}}(?!\d)\s*{MONEY_UNITS}",
    "numerals": rf"[零壹贰叁肆伍陆柒捌玖拾佰仟]{{2,}}(?:点[零壹贰叁肆伍陆柒捌玖]+)?{MONEY_UNITS}",
}
_FORM_RE = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _FORMS.items()))
#: What every form has, looked for in the whole text before any line is searched: one of these words …
#: (an amount in capital numerals of two or more has 拾, 佰 or 仟: 伍 alone is also the 伍 of 队伍) …
_HINTS = ("￥", "¥", *(f"{o}{unit}{c}" for unit in ("元", "千元", "万元", "亿元") for o, c in ("（）", "()")), "拾", "佰", "仟")
#: … or a full stop between digits.
_FULL_STOP_HINT_RE = re.compile(r"。(?<=\d。)\d")


def _may_have(text: str) -> bool:
    return any(hint in text for hint in _HINTS) or bool(_FULL_STOP_HINT_RE.search(text))


def unread_amounts(texts: Sequence[str]) -> tuple[Unreadable, ...]:
    """The amounts of a document's lines (``texts``, its first line numbered 1) written in a form that is not read,
    in order of lines."""
    if not _may_have("\n".join(texts)):
        return ()  # most documents
    found: list[Unreadable] = []
    for number, text in enumerate(texts, start=1):
        if not _may_have(text):
            continue
        for match in _FORM_RE.finditer(text):
            kind = match.lastgroup or ""
            found.append(Unreadable(number, match[0].strip(), kind, text.strip()))
    return tuple(found)


__all__ = ["unread_amounts"]
