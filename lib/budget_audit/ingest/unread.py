"""Amounts written in a form the amount reader does not read, found so that they are reported, not passed over.

:mod:`budget_audit.amounts` reads a number followed by 元, 千元, 万元 or 亿元 — in brackets too (184.4（万元）) — or a
table cell under a header that names one. Some documents write amounts otherwise: with a currency sign and no unit
(￥1,844,000.00), with a full stop for the decimal point (891。02万元) or in the capital numerals of finance
(伍仟柒佰贰拾捌万元, 壹佰捌拾肆万肆仟元). Such an amount is not read — a total so written is "not stated" to the
checks. Each is listed here with its line (``SourceInfo.unread``), for rule CS012 to report where the checks could not
look. Not an amount in capitals beside the same in digits (…元（大写：壹佰…元）), nor a sentence's last number before
the next one's (附表1。50万元以上…)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..amounts import MONEY_UNITS
from ..model import Unreadable

_NUMBER = r"(?<![\d.,])\d[\d,]*(?:\.\d+)?"
#: Each form, by the kind CS012 names; searched in this order, a span taken once.
_CAPITAL = "零壹贰叁肆伍陆柒捌玖拾佰仟"
_FORMS: dict[str, str] = {
    "currency": rf"[￥¥]\s*{_NUMBER}(?!\s*(?:[（(]\s*)?(?:{MONEY_UNITS}|[万亿\d.,]))",
    "full_stop": rf"(?<![\d.,表第])\d+。\d{{1,2}}(?!\d)\s*{MONEY_UNITS}(?!及?以[上下])",
    # two characters at least (伍万元; not the 伍元 of 队伍元旦), 万 and 亿 inside (壹佰捌拾肆万肆仟元)
    "numerals": rf"(?=[{_CAPITAL}万亿]{{2}})(?:[{_CAPITAL}]+[万亿])*[{_CAPITAL}]+(?:点[{_CAPITAL}]+)?{MONEY_UNITS}",
}
_FORM_RE = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _FORMS.items()))
#: What every form has, looked for in the whole text before any line is searched: one of these words …
#: (an amount in capital numerals has 拾, 佰 or 仟: 伍 alone is also the 伍 of 队伍) …
_HINTS = ("￥", "¥", "拾", "佰", "仟")
#: … or a full stop between digits, or a capital numeral right before 万元 or 亿元 (伍万元).
_HINT_RE = re.compile(r"。(?<=\d。)\d|元(?<=[万亿]元)(?<=[壹贰叁肆伍陆柒捌玖][万亿]元)")


def _may_have(text: str) -> bool:
    return any(hint in text for hint in _HINTS) or bool(_HINT_RE.search(text))


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
            if kind == "numerals" and "大写" in text[max(match.start() - 8, 0) : match.start()]:
                continue  # …1,844,000.00元（大写：壹佰捌拾肆万肆仟元）: the amount read in digits
            found.append(Unreadable(number, match[0].strip(), kind, text.strip()))
    return tuple(found)


__all__ = ["unread_amounts"]
