"""Text from a PDF: paragraphs hard-wrapped at the page's width, and each page's footer (第 3 页 共 12 页, — 3 —) and
running header (the title again) between their lines. :func:`~budget_audit.parse.blocks.blocks` joins a wrapped
paragraph's lines into one paragraph and leaves the page marks out, so that a figure cut from its label by a line end
or a page break is read with it.

A document is read as wrapped only when many of its lines are as wide as each other (:func:`wrap_width`): one
written a paragraph per line — the usual Word export — has lines of every width, and none of them is joined.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from ..amounts import MONEY_UNITS
from ..ingest import Line
from ..model import BASIC_PARTS

#: A page's footer or header line: 第 3 页 共 12 页, 共12页 第3页, — 3 —, - 3 -, ·3·, 3/12, Page 3 of 12.
PAGE_MARK_RE = re.compile(
    r"^\s*(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*[，,/]?\s*第\s*\d+\s*页|[—－-]+\s*\d+\s*[—－-]+"
    r"|[·•]\s*\d+\s*[·•]|\d+\s*/\s*\d+|(?i:page)\s*\d+(?:\s*(?:of|/)\s*\d+)?)\s*$"
)
#: A page number alone on its line (pdftotext): one only when centred or between two lines of text
#: (:func:`bare_page_number`).
BARE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")

_CENTRED = 12
"""Spaces before a page number alone that centre it on the page."""

TITLE_LINES = 5
"""The lines at the top of a document that hold its title (a PDF repeats them atop its pages)."""

#: A heading in any of the styles the section reader takes (四、 四. 四． ## 四、 **四、** 【四、】 第四章 第四部分 4.), or
#: a list item or note that opens a paragraph of its own (一是, （一）, 1., ①, 注：, 单位：), or a project table's
#: field written ``label：value`` (年度绩效目标：…; the labels :mod:`~budget_audit.parse.projects` reads such lines by).
_OPENS_RE = re.compile(
    r"^[#*【\[\s]*(?:[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十\d]+\s*[章部分节]|\d+\s*[、.．](?!\d))"
    r"|^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十][，,是]|[（(][一二三四五六七八九十\d]+[）)]|[①-⑳]"
    r"|注[:：]|说明[:：]|[（(]?(?:金额)?单位[:：]"
    r"|(?:项目(?:名称|编码|代码)|实施单位|主管部门|预算(?:金额|数)|资金(?:来源|用途|支出计划)|(?:年度|项目)?绩效目标)"
    r"\s*(?:[（(][^）)]*[）)])?\s*[:：])"
)
#: A statement whose parts follow a line each: it ends in 其中：/包括：, or in a part's ；after them.
_LIST_GOES_ON_RE = re.compile(r"(?:其中|包括)[：:](?:[^。]*；)?$")
#: A line naming a part of 基本支出 with its amount (人员经费4,718.30万元…) — the breakdown the overview reads in one
#: paragraph (the “三公” parts a line each are read as they stand, each with its own line).
_PART_WITH_AMOUNT_RE = re.compile(rf"^(?:{'|'.join(BASIC_PARTS)})(?:支出)?[为：:]?\s*\d[\d,，.]*\s*{MONEY_UNITS}")
#: What ends a sentence (a line ending so is a paragraph's last unless the next line is full too).
_SENTENCE_END_RE = re.compile(r"[。！？!?；;：:]\s*$")
#: Words that open a sentence going on with the one before (与2022年相比减少…, 其中…): after a page break, the
#: paragraph the break cut goes on even from a sentence's end.
_GOES_ON_RE = re.compile(r"^(?:与|较|比|同比|其中|主要|原因|同时|此外|另外?|并且?)")
#: Prose: a paragraph with a comma or a sentence's end in it (not a title, a label or a heading) …
_PROSE_RE = re.compile(r"[，、,。；;]")
#: … or a numbered title (8.关于提前下达…专项资金预算（第一 / 批）的通知…绩效目标表: a project table's heading).
_NUMBERED_RE = re.compile(r"^(?:\d+\s*[.、．](?!\d)|[（(][\d一二三四五六七八九十]+[）)])")

#: A line cut inside a figure: ending in a digit or its point (2145.), the next going on with digits or the unit.
_CUT_BEFORE_RE = re.compile(r"\d(?:[.,]|\s*[万亿])?$")
_CUT_AFTER_RE = re.compile(rf"^(?:\d|{MONEY_UNITS}|%)")
#: A line opening with an amount, which no paragraph does: its label ended the line before (增加 / 73.07万元，…).
_AMOUNT_FIRST_RE = re.compile(rf"^\d[\d,]*(?:\.\d+)?\s*(?:{MONEY_UNITS}|%)")

_MIN_WIDTH = 48
"""The narrowest line (in half-width columns, a CJK character two) counted when looking for the wrap width: a page
holds some 30 to 45 characters a line."""
_FULL_SLACK = 4
"""How much narrower than the wrap width a full line may be (a wide character that did not fit, a half-width digit)."""
#: A paragraph's first-line indent (two ideographic spaces, or two spaces or more).
_INDENT_RE = re.compile(r"^(?:\u3000|\s{2})")
_CUT_SLACK = 3 * _FULL_SLACK
"""How much narrower than the wrap width a line cut mid-sentence may be: a word of a few characters that did not fit
on it went to the next."""
_MIN_WRAPPED = 5
"""The fewest lines as wide as each other that make a document wrapped."""
_WRAPPED_SHARE = 0.3
"""…and the least share of its lines of :data:`_MIN_WIDTH` or more that they must be …"""
_WIDER_SHARE = 0.05
"""… with at most this share of those lines wider still (a document written a paragraph per line has many)."""


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width layout, near enough: a character of three or four bytes in UTF-8 (CJK,
    full-width forms, CJK punctuation) two, an ASCII one one (counted from the encoded length: this runs on every
    long line)."""
    return (len(text.encode("utf-8")) + len(text)) // 2


@dataclass(frozen=True)
class Wrap:
    """The width a document's lines are hard-wrapped at, in columns (:func:`display_width`: how a PDF's page cuts
    them) and in characters (how a converter counting characters does) — either None when no band of widths holds
    enough lines."""

    columns: int | None
    chars: int | None

    def full(self, line: str, slack: int = _FULL_SLACK) -> bool:
        """Whether ``line`` is as wide as the wrap (less ``slack`` columns, or half that in characters)."""
        return (self.columns is not None and display_width(line) >= self.columns - slack
                or self.chars is not None and len(line) >= self.chars - slack // 2)


def wrap_width(lines: Sequence[Line], tables: Collection[int] = ()) -> Wrap | None:
    """The :class:`Wrap` of a document whose paragraphs are hard-wrapped, else None: measured on its lines of text,
    each with its indent (pdftotext -layout keeps a paragraph's first-line indent inside the page's width) — not the
    lines at indices ``tables`` (rows of tables, which have widths of their own), nor tab-led cells."""
    text = [t for at, line in enumerate(lines) if at not in tables and not line.text.startswith("\t")
            and len(t := line.text.rstrip()) * 2 >= _MIN_WIDTH]
    columns = _band([display_width(t) for t in text], _MIN_WIDTH, _FULL_SLACK)
    chars = _band([len(t) for t in text], _MIN_WIDTH // 2, _FULL_SLACK // 2)
    return Wrap(columns, chars) if columns is not None or chars is not None else None


def _band(widths: list[int], least: int, slack: int) -> int | None:
    """The widest ``slack``-wide band of ``widths`` (those of ``least`` or more) that holds the most of them — at
    least :data:`_MIN_WRAPPED` and :data:`_WRAPPED_SHARE` of all, with few wider (:data:`_WIDER_SHARE`): its upper
    width; else None."""
    widths = sorted(w for w in widths if w >= least)
    if len(widths) < _MIN_WRAPPED:
        return None
    best, best_count = None, 0
    low = 0
    for high, width in enumerate(widths):
        while widths[low] < width - slack:
            low += 1
        if high - low + 1 >= best_count:  # the widest of equals
            best, best_count = width, high - low + 1
    if best is None or best_count < max(_MIN_WRAPPED, _WRAPPED_SHARE * len(widths)):
        return None
    wider = sum(w > best + slack for w in widths)  # a page's width: hardly a line of text goes past it
    return best if wider <= _WIDER_SHARE * len(widths) else None


def running_headers(lines: Sequence[Line]) -> set[str]:
    """The title's lines (of the first :data:`TITLE_LINES`), which a PDF repeats atop each page: not a heading or a
    table of contents' entry, which may stand there too."""
    return {t for line in lines[:TITLE_LINES] if len(t := line.text.strip()) >= 6 and not opens(t)}


def opens(line: str) -> bool:
    """Whether ``line`` opens a paragraph of its own: a heading (any style), a list item, a note."""
    from .blocks import starts_block  # blocks imports this module

    return starts_block(line) or _OPENS_RE.match(line) is not None


def bare_page_number(lines: Sequence[Line], at: int) -> bool:
    """Whether line ``at`` is a page number alone (3): centred on the page, or between two lines of text — not a
    table's value."""
    if not BARE_NUMBER_RE.match(lines[at].text):
        return False
    if len(lines[at].text) - len(lines[at].text.lstrip(" ")) >= _CENTRED:
        return True  # centred on the page (pdftotext -layout): no table's value stands so
    before = next((line for line in reversed(lines[:at]) if line.text.strip()), None)
    after = next((line for line in lines[at + 1 :] if line.text.strip()), None)
    return all(x is not None and not x.text.startswith("\t") and not BARE_NUMBER_RE.match(x.text)
               and len(x.text.strip()) >= 6 for x in (before, after))


def _same_width(a: str, b: str) -> bool:
    """Whether two lines are as wide as each other, as lines cut at one width are (a character, or two columns)."""
    return abs(len(a) - len(b)) <= 1 or abs(display_width(a) - display_width(b)) <= 2


def continues(text: str, first_line: str | None, last_line: str, line: str, wrap: Callable[[], Wrap | None], *,
              across_page: bool = False) -> bool:
    """Whether ``line`` goes on with the paragraph ``text``, whose last line is ``last_line``: a project table's heading
    cut in two (8.关于提前下达…的通 / 知 冀财教【2021】174号绩效目标表); or, the paragraph prose and ``line`` opening
    nothing of its own (:func:`opens`), ``across_page`` (a page's footer or header between them) the break cut a
    sentence or ``line`` opens one that goes on (与2022年相比…); or, in a document wrapped (``wrap()``, measured only
    when needed), ``last_line``
    is full (:meth:`Wrap.full`) and, ending a sentence, ``line`` is full too (a paragraph's last line is short); or a
    figure is cut in two or from its label by the line's end; or,
    ``last_line`` cut mid-sentence, it is as wide as ``line`` or as the paragraph's ``first_line`` (None for a paragraph
    of one line so far) — a paragraph copied from a PDF into a document that is not wrapped. The lines are as written
    but for their line ends (their indent counts in their width)."""
    from .blocks import project_heading, starts_block

    width_line, line = line, line.strip()  # the widths with the indent, the words without
    joined = project_heading(text + line)
    if joined is not None and joined.start() == 0 and not project_heading(line) and not project_heading(text):
        return True
    if opens(line) or starts_block(text) or not (_PROSE_RE.search(text) or _NUMBERED_RE.match(text)):
        return False
    if _LIST_GOES_ON_RE.search(text) and _PART_WITH_AMOUNT_RE.match(line):
        return True  # 基本支出5,236.48万元，其中： / 人员经费4,718.30万元，…； / 公用经费528.18万元，…。: one statement
    ended = _SENTENCE_END_RE.search(last_line) is not None
    if across_page:  # cut by a page break: mid-sentence, or before a sentence that goes on
        return not ended or _GOES_ON_RE.match(line) is not None
    if (wrapped := wrap()) is not None and wrapped.full(last_line):
        return not ended or wrapped.full(width_line)
    if wrapped is not None and not ended and wrapped.full(last_line, _CUT_SLACK) and not _INDENT_RE.match(width_line):
        return True  # cut mid-sentence a few columns short of the width (…主要原因是高 / 标准农田…: the next word did not fit),
        # the next line not indented as a paragraph's first line is
    if not ended and (_CUT_BEFORE_RE.search(last_line) and _CUT_AFTER_RE.match(line) or _AMOUNT_FIRST_RE.match(line)):
        return True  # a figure cut in two (2145. / 24万元) or from its label (基本支出增加 / 73.07万元，…)
    # a paragraph wrapped in a document that is not (copied from a PDF): its lines as wide as each other
    return (not ended and display_width(last_line) >= _MIN_WIDTH
            and (_same_width(width_line, last_line) or first_line is not None and _same_width(last_line, first_line)))
