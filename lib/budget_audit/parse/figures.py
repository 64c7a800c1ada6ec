"""Pull labelled money figures out of narrative text."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..amounts import (
    MONEY_UNIT_PATTERN,
    MONEY_UNITS,
    MONEY_WORD_RE,
    MORE_THAN_PATTERN,
    NUMBER_PATTERN,
    Quantity,
    quantity_at,
)
from ..model import Figure, Span

_NUM = NUMBER_PATTERN
#: A money unit after a number, 余/多 between them allowed (6600余万元): the unit as ``unit``.
MONEY_PATTERN = rf"{MORE_THAN_PATTERN}(?P<unit>{MONEY_UNIT_PATTERN})"
#: A number and its money unit in text: the number as ``amount``.
AMOUNT_RE = re.compile(rf"(?P<amount>{_NUM})\s*{MONEY_PATTERN}")
SENTENCE_BREAK = "。；;"


#: The money unit a table or its heading states: 单位：元, 金额单位：万元, （单位：万元）.
MONEY_UNIT_RE = re.compile(  # not 单位：元谋县… (a county), but 单位：元人民币, 单位：万元以下同, 单位：元整
    rf"(?:金额)?单位(?:[:：]|均为|为)\s*(?P<unit>{MONEY_UNITS})(?!(?!人民币|以下|下同|整)[\u4e00-\u9fff])")
#: The money unit a column's or row's label carries: 预算数（万元）, 价值（元）.
LABEL_UNIT_RE = re.compile(rf"[（(](?P<unit>{MONEY_UNITS})[）)]")


def part_start(text: str, pos: int) -> int:
    """Where the part of a sentence holding ``pos`` begins: after the last 。/；before it."""
    return max(text.rfind(ch, 0, pos) for ch in SENTENCE_BREAK) + 1


def part_end(text: str, pos: int, end: int | None = None) -> int:
    """Where the part of a sentence holding ``pos`` ends: its next 。/；(before ``end``), else ``end``."""
    end = len(text) if end is None else end
    return min((at for ch in SENTENCE_BREAK if (at := text.find(ch, pos, end)) >= 0), default=end)


_LABEL_BREAK = "，,；;。：:\n"
_LABEL_PREFIX_RE = re.compile(r"^(?:其中|包括|以及|和|及|为|是)+[：:]?")
#: Words naming last year: 上年 / 上一年度 / 去年.
LAST_YEAR_WORDS = r"(?:上一?年|去年)"
#: Words naming last year in a label — not its end (上年末 / 上年年末 / 去年年底 / 上年12月31日) or
#: 上年结转, which this year's document states.
LAST_YEAR_RE = re.compile(rf"{LAST_YEAR_WORDS}(?!度?(?:年?[末底]|结转|结余|\s*\d))")
#: Words after a year that make it the time or cause of what follows, not the year a figure is of:
#: 2022年机构改革后, 2022年受疫情影响, 2022年经县政府批准, 2022年以来, 2022年下半年起, 2022年之后.
YEAR_AS_TIME_RE = re.compile(
    r"后(?!勤)|起(?!草)|以来|受(?!益)|经(?![费济营常])|因|由于|随着|期间|之际|核定|批准|下达|要求|规定|改革|合并|调整|撤|设立|成立|组建")


@dataclass(frozen=True)
class Labelled:
    label: str  # the text between the previous break or amount and this amount
    quantity: Quantity
    start: int
    end: int
    depth: int  # parenthesis depth at the amount


def labelled_amounts(text: str) -> list[Labelled]:
    """Every money amount in ``text`` with the words in front of it as its label (those
    that make it approximate, ``支出预算约6600万元``, are not part of it)."""
    out: list[Labelled] = []
    boundary = 0
    for match in AMOUNT_RE.finditer(text):
        start = match.start()
        # a number glued to a longer number (e.g. a year "2023年") is not an amount
        if start > 0 and text[start - 1].isdigit():
            continue
        quantity, first, last = quantity_at(text, start, match.end())
        label = clean_label(text[_label_start(text, first, boundary) : first])
        if match["unit"] in ("万", "亿") and not MONEY_WORD_RE.search(label):
            continue  # a count written in 万 (服务企业约1.2万), not money
        out.append(Labelled(label, quantity, start, match.end(), paren_depth(text, start)))
        boundary = last
    return _each_its_name(text, out) if "分别" in text else out


#: The names before a 分别为 giving their figures in order: 公务用车购置费、公务用车运维费分别为.
_NAMES_RESPECTIVELY_RE = re.compile(r"^(?P<names>[^、]+(?:、[^、]+)+)分别(?:为|是)$")


def _each_its_name(text: str, amounts: list[Labelled]) -> list[Labelled]:
    """Figures written after 分别为 (公务用车购置费、公务用车运维费分别为0万元、12.5万元) each under its name, in
    order — when as many as the names (split at 、 only: 公务用车购置及运维费 is one) and joined by 、/和."""
    out = list(amounts)
    for i, first in enumerate(amounts):
        found = _NAMES_RESPECTIVELY_RE.match(first.label)
        if found is None:
            continue
        names = [clean_label(name) for name in found["names"].split("、")]
        last = i
        while (last + 1 < len(amounts) and not amounts[last + 1].label
               and re.fullmatch(r"\s*[、和及与]\s*", text[amounts[last].end:amounts[last + 1].start])):
            last += 1
        if last - i + 1 == len(names):
            out[i:last + 1] = [replace(a, label=name) for a, name in zip(amounts[i:last + 1], names, strict=True)]
    return out


#: What opens a list of figures in a sentence: 其中 / 包括 / a colon (…如下：).
LIST_OPENS_RE = re.compile(r"其中|包括|[：:]")


def _label_start(text: str, end: int, floor: int) -> int:
    """Walk back from ``end`` to the clause start, stepping over balanced parentheses
    so that ``因公出国（境）费`` stays one label."""
    depth = 0
    for pos in range(end - 1, floor - 1, -1):
        ch = text[pos]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                return pos + 1
            depth -= 1
        elif depth == 0 and ch in _LABEL_BREAK:
            return pos + 1
    return floor


def clean_label(label: str) -> str:
    """Drop connective words around a label: ``其中基本支出`` → ``基本支出``."""
    label = label.strip(" ：:，,、")
    return _LABEL_PREFIX_RE.sub("", label).strip()


def paren_depth(text: str, pos: int) -> int:
    depth = 0
    for ch in text[:pos]:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth


def closing_bracket(text: str, opening: int) -> int:
    """Where the bracket opening at ``opening`` closes, brackets inside it passed over; the text's end when it never does."""
    depth = 0
    for at in range(opening + 1, len(text)):
        if text[at] in "（(":
            depth += 1
        elif text[at] in "）)":
            if depth == 0:
                return at
            depth -= 1
    return len(text)


def enclosing_brackets(text: str, pos: int) -> tuple[int, int] | None:
    """(open, close) of the innermost brackets holding ``pos`` (…减少17.9万元（其中：购置费减少18万元，主要原因是…）), close
    at the text's end when they never close; None outside brackets."""
    opens: list[int] = []
    for at, ch in enumerate(text[:pos]):
        if ch in "（(":
            opens.append(at)
        elif ch in "）)" and opens:
            opens.pop()
    return (opens[-1], closing_bracket(text, opens[-1])) if opens else None


def figure(label: str, quantity: Quantity, span: Span) -> Figure:
    return Figure(label=label, value=quantity, span=span)
