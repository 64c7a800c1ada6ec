"""The one place that turns written amounts and indicator values into numbers.

``parse_quantity("≥1962840立方米")`` → ``Quantity(op="≥", number=Decimal("1962840"),
unit="立方米", ...)``; ``parse_quantity("4739.51万元").yuan`` → ``Decimal("47395100.00")``.
Money is always :class:`~decimal.Decimal`, never a float.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

#: Monetary units and their factor to yuan.
MONEY_SCALE: dict[str, Decimal] = {
    "元": Decimal(1),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
    "千元": Decimal(1_000),
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
}

#: The money units written in full (the keys of :data:`MONEY_SCALE` ending in 元), as a pattern: what follows an
#: amount (4739.51万元, 57280.7千元) or names a table's unit (单位：万元, 预算数（元）).
MONEY_UNITS = r"(?:亿元|万元|千元|元)"
#: Where a text writes an amount at all, a digit before a money unit: what a clause without one lacks.
HAS_AMOUNT_RE = re.compile(rf"\d\s*{MONEY_UNITS}")

#: Canonical comparison operators (ASCII and full-width forms map onto these).
OPERATORS: dict[str, str] = {
    "≥": "≥", ">=": "≥", "＞＝": "≥", "≧": "≥",
    "≤": "≤", "<=": "≤", "＜＝": "≤", "≦": "≤",
    ">": ">", "＞": ">",
    "<": "<", "＜": "<",
    "=": "=", "＝": "=",
}

#: str.translate table of :func:`to_halfwidth`.
FULLWIDTH_TABLE: dict[int, int | None] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Chinese punctuation stays full-width: it is the document's own form.
for _ch in "（），：；！？【】":
    FULLWIDTH_TABLE.pop(ord(_ch), None)
FULLWIDTH_TABLE[0x3000] = 0x20  # ideographic space
FULLWIDTH_TABLE[0x2212] = ord("-")  # the minus sign of typeset tables (−0.28)
#: A full-width comma grouping full-width digits (４，７３９．５１): a thousands separator,
#: not the clause break it is elsewhere. Written first for the search to find it fast.
_FULLWIDTH_GROUP_RE = re.compile(r"，(?<=[０-９]，)(?=[０-９]{3}(?![０-９]))")
#: A full-width comma grouping ASCII digits in thousands, in an amount with cents (5，728.07万元): one typed with a
#: Chinese input method — not a list's comma (其中5，728.07万元 is no list: nothing counts 5 of something there).
_ASCII_GROUP_HINT_RE = re.compile(r"，\d{3}[.，]")
_ASCII_GROUP_RE = re.compile(rf"(?<![\d.,，])(\d{{1,3}})((?:，\d{{3}})+)(?=\.\d{{1,2}}\s*{MONEY_UNITS})")


def to_halfwidth(text: str, table: dict[int, int | None] = FULLWIDTH_TABLE) -> str:
    """Map full-width digits, Latin letters and ASCII-like symbols to ASCII.

    Chinese punctuation （），：；！？【】 is kept as written, but for a full-width comma
    that groups digits in thousands (４，７３９．５１ and 5，728.07万元 are 4,739.51 and 5,728.07万元). ``table`` is
    the ``str.translate`` table to apply (:data:`FULLWIDTH_TABLE`, or one that also drops
    characters).
    """
    if "，" in text:
        text = _FULLWIDTH_GROUP_RE.sub(",", text)
        if _ASCII_GROUP_HINT_RE.search(text):  # rare: the full pattern only where it may match
            text = _ASCII_GROUP_RE.sub(lambda m: m[1] + m[2].replace("，", ","), text)
    return text.translate(table)


_OP_RE = "|".join(re.escape(op) for op in sorted(OPERATORS, key=len, reverse=True))
#: Thousands separators: the comma, and the spaces some documents group digits with
#: (no-break, narrow no-break, thin, plain): "4,739.51", "4 739.51".
_GROUP = ",\u00a0\u202f\u2009 "
#: A number as written in text: 4739.51, 4,739.51, 4 739.51, 260700.
NUMBER_PATTERN = rf"(?<![\d.])(?:\d{{1,3}}(?:[{_GROUP}]\d{{3}})+(?!\d)|\d+)(?:\.\d+)?"
_QUANTITY_RE = re.compile(
    rf"^\s*(?P<op>{_OP_RE})?\s*"
    rf"(?P<num>[-+]?{NUMBER_PATTERN})"
    r"\s*(?P<rest>.*?)\s*$"
)
_NOTE_RE = re.compile(r"^(?P<unit>[^（(]*?)\s*(?P<note>[（(].*)?$")
#: A money unit in brackets after a number, in place of one written plainly: 184.4（万元）.
_BRACKETED_UNIT_RE = re.compile(rf"[（(]\s*(?P<unit>{MONEY_UNITS})\s*[）)]")
#: Words right before a number that make it approximate: 约 (大约, 约为, 约合, 约计 …) and 近
#: (将近, 接近) — not the 约 of 节约, 制约, 签约 … nor the 近 of 最近, 附近 ….
APPROX_BEFORE_PATTERN = (
    r"(?:大约|(?<![节制集简俭契预公条违履签合守特])约)(?:为|合|计|是|有|需)?"
    r"|将近|接近|(?<![最附邻靠就临亲])近"
)
#: Words right after an amount's unit that make it approximate: 左右, 上下 (not 上下游, 上下级 …).
APPROX_AFTER_PATTERN = r"左右|上下(?![游级班文半午])"
#: Verbs of a change that a bare 万/亿 may stand before as money (由上年的1.02万降至0.94万,
#: 1.02万压减0.08万): whole words, so that 10万上下游, 2万下属, 5万提供 … stay counts.
_CHANGE_AFTER_UNIT_PATTERN = r"降[至到为低]|下[降调]|压[减缩降]|调[减增低高]|提[高升]|上[升调涨]|缩[减小]|削减|核减|回落|扩大"
#: A money unit after a number in text (in brackets too: 184.4（万元）): 万 or 亿 alone count only before punctuation, a
#: connective, a change verb, 左右/上下 or the end ("4739.51万，其中", "2135.24万和公用经费",
#: "6600万左右", "1.02万降至0.94万" are money; "3万人次", "20万m²", "2万吨", "10万上下游" are not).
MONEY_UNIT_PATTERN = (
    rf"(?:{MONEY_UNITS}|[（(]{MONEY_UNITS}[）)]|[万亿][余多]元|[万亿](?=[，,；;。、：:（()）\s和及与或至增减比较]|$"
    rf"|{APPROX_AFTER_PATTERN}|{_CHANGE_AFTER_UNIT_PATTERN}))"
)
#: 余/多 between a number and its money unit: more than the number (``6600余万元``,
#: ``10多万元``), so approximate. Put before the unit in every number-and-unit pattern;
#: the unit itself takes 万余元 (``13万余元``).
MORE_THAN_PATTERN = r"(?:[余多]\s*)?"
#: Words of a label that make a bare "N万" money (the 1.2万 of "服务企业约1.2万" is a count).
MONEY_WORD_RE = re.compile(r"收入|支出|经费|资金|费|预算|拨款|结转|结余|合计|总计|总额|金额|安排|补助|采购|资产")
_MONEY_IN_TEXT_RE = re.compile(rf"(?P<num>{NUMBER_PATTERN})\s*{MORE_THAN_PATTERN}(?P<unit>{MONEY_UNIT_PATTERN})")
_MORE_THAN_RE = re.compile(rf"(?<=\d)\s*[余多]\s*(?={MONEY_UNIT_PATTERN})|(?<=[万亿])[余多](?=元)")
_APPROX_BEFORE_RE = re.compile(rf"(?:{APPROX_BEFORE_PATTERN})\s*$")
#: The low end of a range right before a figure (2300-2320万元, 170～180万元, 170万元至180万元) …
_RANGE_BEFORE_RE = re.compile(rf"(?<![\d.])(?P<low>\d[\d,]*(?:\.\d+)?)\s*{MONEY_UNITS}?\s*(?P<to>[-－～~—至到])\s*$")
#: … or its high end right after one (170万元至180万元) …
_RANGE_AFTER_RE = re.compile(rf"\s*(?P<to>[-－～~—至到])\s*(?P<high>\d[\d,]*(?:\.\d+)?\s*{MONEY_UNITS})")
#: … not 减少0.08万元至0.94万元 (a change and the figure it comes to).
_CHANGED_BEFORE_RE = re.compile(r"(?:增加|减少|增长|下降|提高|降低|压减|调增|调减|由|从)\s*$")
#: Words making a figure a limit: 不超过200万元, 最高200万元.
_AT_MOST_BEFORE_RE = re.compile(r"(?:不超过|不高于|最多|至多|最高|上限为?)\s*$")
_APPROX_AFTER_RE = re.compile(rf"\s*(?:{APPROX_AFTER_PATTERN})")


@dataclass(frozen=True)
class Quantity:
    """A parsed value such as ``≥24次``, ``5.214万元/人/年`` or ``100%``.

    ``number`` is ``None`` for qualitative values (``及时``, ``提升``). ``yuan`` is
    the value in yuan when the unit is monetary (``万元``, ``元/吨`` …: per-unit
    costs are scaled by their numerator).
    """

    raw: str
    op: str | None
    number: Decimal | None
    unit: str
    note: str = ""
    yuan: Decimal | None = None
    approx: str = ""
    """How the figure is written as approximate, if it is: ``约`` (约6600万元, 6600万元左右:
    rounded or cut off), ``近`` (近6700万元: just below), ``余`` (6600余万元: just above), ``区间``
    (2300-2320万元: the number is its high end, ``raw`` holds both), ``至多`` (不超过200万元)."""

    @property
    def is_numeric(self) -> bool:
        return self.number is not None

    @property
    def is_money(self) -> bool:
        return self.yuan is not None

    @property
    def is_qualitative(self) -> bool:
        """Words and no number (及时, 有效减轻) — not a blank, nor 每季度结束后15日内 or ≤次月10日, whose number does not
        lead them (a time limit written as words around it)."""
        return self.number is None and bool(self.raw.strip()) and not any(ch.isdigit() for ch in to_halfwidth(self.raw))

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def money_unit(self) -> str | None:
        """The monetary numerator of the unit (``万元`` in ``万元/人/年``), if any."""
        return money_unit(self.unit)

    @property
    def per(self) -> str:
        """The denominator of a rate unit (``人/年`` in ``万元/人/年``), else ``""``."""
        return self.unit.split("/", 1)[1] if "/" in self.unit else ""


def money_unit(unit: str) -> str | None:
    """The monetary numerator of ``unit`` (``万元`` in ``万元/人/年``), or ``None``."""
    head = unit.split("/", 1)[0].strip()
    return head if head in MONEY_SCALE else None


#: The most digits a number may have to be read as one: a budget figure in 元 to the cent has at most 15 (a trillion
#: yuan); more would overflow the 28 digits that sums and roundings in yuan work to (99999999999999999999999万元).
MAX_DIGITS = 18


def parse_decimal(text: str) -> Decimal | None:
    """``"4,739.51"`` (or ``"4 739.51"``) → ``Decimal("4739.51")``; ``None`` when not a number, or one of more than
    :data:`MAX_DIGITS` digits."""
    cleaned = re.sub(f"[{_GROUP}]", "", to_halfwidth(text))
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() and len(value.as_tuple().digits) <= MAX_DIGITS else None


def parse_quantity(text: str) -> Quantity:
    """Parse an amount or indicator value; never raises.

    Values without a leading number are returned with ``number=None`` and the
    whole text as ``unit`` (a qualitative value).
    """
    raw = text.strip()
    norm = to_halfwidth(raw)
    match = _QUANTITY_RE.match(norm)
    if not match:
        return Quantity(raw=raw, op=None, number=None, unit=norm.strip())
    op = OPERATORS.get(match["op"]) if match["op"] else None
    number = parse_decimal(match["num"])
    rest = match["rest"]
    split = _NOTE_RE.match(rest)
    unit, note = (split["unit"].strip(), (split["note"] or "").strip()) if split else (rest, "")
    unit = unit.replace(" ", "")
    if not unit and (bracketed := _BRACKETED_UNIT_RE.fullmatch(note)):
        unit, note = bracketed["unit"], ""  # 184.4（万元）: the unit written in brackets
    head = money_unit(unit)
    yuan = number * MONEY_SCALE[head] if head is not None and number is not None else None
    return Quantity(raw=raw, op=op, number=number, unit=unit, note=note, yuan=yuan)


#: A negative amount as accounting tables write it: in brackets (（0.28）) or after a triangle (△0.28).
_NEGATIVE_RE = re.compile(r"^\s*(?:[（(](?P<bracketed>[^（）()]*)[）)]|△(?P<marked>.*))\s*$")


def _negative(text: str) -> Quantity | None:
    """``text`` as a negative amount when it is one written the accountants' way, else None."""
    if (found := _NEGATIVE_RE.match(text)) is None:
        return None
    inner = parse_quantity(found["bracketed"] if found["bracketed"] is not None else found["marked"])
    if inner.number is None or inner.op is not None or inner.note or inner.raw[:1] in "+-":
        return None
    yuan = -inner.yuan if inner.yuan is not None else None
    return Quantity(raw=text.strip(), op=None, number=-inner.number, unit=inner.unit, yuan=yuan)


def parse_money(text: str, default_unit: str = "元") -> Quantity:
    """Parse a money figure; a bare number takes ``default_unit`` (tables say ``单位：元``). A table's
    negative written （0.28）, △0.28 or −0.28 is read as -0.28 (it was unread: the change worked out instead)."""
    quantity = _negative(text) or parse_quantity(text)
    if quantity.number is not None and not quantity.unit and default_unit in MONEY_SCALE:
        return Quantity(
            raw=quantity.raw,
            op=quantity.op,
            number=quantity.number,
            unit=default_unit,
            note=quantity.note,
            yuan=quantity.number * MONEY_SCALE[default_unit],
        )
    return quantity


#: A table cell that says "none" with dashes alone: —, ——, －, -, –.
_NONE_CELL_RE = re.compile(r"^\s*[—–\-－─]{1,3}\s*$")


def parse_cell_money(text: str, default_unit: str = "元") -> Quantity:
    """A money figure in a table's cell (:func:`parse_money`), where a cell of dashes alone (—) is 0, as
    budget tables write a part with nothing in it."""
    if _NONE_CELL_RE.match(text):
        return Quantity(raw=text.strip(), op=None, number=Decimal(0), unit=default_unit,
                        yuan=Decimal(0) if default_unit in MONEY_SCALE else None)
    return parse_money(text, default_unit)


def approximate_extent(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """Where the figure ``text[start:end]`` (a number and its unit) begins and ends with the
    words that make it approximate (``约6600万元``, ``近6700万元``, ``6600万元左右``), and
    how (:attr:`Quantity.approx`), or ``None`` when none do. Only words right at the figure
    count: a 约 across a comma, or in front of another number of the clause
    (``约30人，经费6600万元``), is not its own."""
    if (low := _RANGE_BEFORE_RE.search(text, max(0, start - 20), start)) is not None and not (
            low["to"] in "至到" and _CHANGED_BEFORE_RE.search(text, max(0, low.start() - 4), low.start())):
        return low.start(), end, "区间"  # 2300-2320万元: somewhere between, not 2320
    if (high := _RANGE_AFTER_RE.match(text, end)) is not None and not (
            high["to"] in "至到" and _CHANGED_BEFORE_RE.search(text, max(0, start - 4), start)):
        return start, high.end(), "区间"  # 170万元至180万元: read at its high end (quantity_at)
    if (limit := _AT_MOST_BEFORE_RE.search(text, max(0, start - 6), start)) is not None:
        return limit.start(), end, "至多"  # 不超过200万元: at most 200
    before = _APPROX_BEFORE_RE.search(text, max(0, start - 8), start)
    after = _APPROX_AFTER_RE.match(text, end)
    if before is None and after is None:
        return None
    kind = "近" if before is not None and "近" in before.group(0) else "约"
    return (before.start() if before else start, after.end() if after else end, kind)


def quantity_at(text: str, start: int, end: int) -> tuple[Quantity, int, int]:
    """The amount written at ``text[start:end]``, marked ``approx`` when words right at it
    say so (:func:`approximate_extent`) or 余/多 stands before its unit (more than the
    number: 余 whatever the words before), and where it stands with those words — which
    its ``raw`` keeps (``约6600万元``, ``6600余万元``), so that a message quotes it as written."""
    written = text[start:end]
    plain = _MORE_THAN_RE.sub("", written)
    quantity = parse_quantity(plain)
    if plain != written:  # 6600余万元: the number is 6600万元, more than it in fact
        quantity = replace(quantity, raw=written.strip(), approx="余")
    extent = approximate_extent(text, start, end)
    if extent is None:
        return quantity, start, end
    first, last, kind = extent
    if kind == "区间" and last > end:  # 170万元至180万元: the figure is its high end, as with 170-180万元
        quantity = parse_quantity(_RANGE_AFTER_RE.match(text, end)["high"])  # type: ignore[index]
    return replace(quantity, raw=text[first:last].strip(), approx=quantity.approx or kind), first, last


def money_in_text(text: str) -> list[tuple[Quantity, int, int]]:
    """Every ``<number><元|千元|万元|亿元|万>`` in free text with its character span (an
    approximate one marked, :func:`quantity_at`)."""
    norm = to_halfwidth(text)
    found = []
    for match in _MONEY_IN_TEXT_RE.finditer(norm):
        found.append((quantity_at(norm, match.start(), match.end())[0], match.start(), match.end()))
    return found


def wan(yuan: Decimal) -> Decimal:
    """Yuan → 万元 (exact)."""
    return yuan / MONEY_SCALE["万元"]


def fmt_wan(yuan: Decimal | None) -> str:
    """Format yuan as ``1,234.56万元``."""
    if yuan is None:
        return "—"
    return f"{wan(yuan):,.2f}万元"


#: The money unit messages and the narrative show the figures they work out in (sums, gaps, last year's figure):
#: the document's own, so the auditor finds them as the document writes them — 元 in a document written in 元.
_SHOWN_IN: ContextVar[str] = ContextVar("money_shown_in", default="万元")


@contextmanager
def money_shown_in(unit: str) -> Iterator[None]:
    """Within it, :func:`fmt_money` writes 元 when ``unit`` is 元, else 万元 (千元 and 亿元 documents read in 万元)."""
    token = _SHOWN_IN.set("元" if unit == "元" else "万元")
    try:
        yield
    finally:
        _SHOWN_IN.reset(token)


def shown_unit() -> str:
    """The unit :func:`fmt_money` writes in here: 元 or 万元 (:func:`money_shown_in`)."""
    return _SHOWN_IN.get()


def fmt_money(yuan: Decimal | None, unit: str | None = None) -> str:
    """Yuan for messages, in ``unit`` or the unit of the document being checked (:func:`money_shown_in`):
    ``1,234.56万元``, or ``12,345,600.00元`` for a document written in 元."""
    return fmt_yuan(yuan) if (unit or shown_unit()) == "元" else fmt_wan(yuan)


def fmt_money_range(low: Decimal, high: Decimal) -> str:
    """Yuan from ``low`` to ``high``: 16.56至26.56万元 (1,656.00至2,656.00元), or one value when they are one to
    the cent as shown."""
    first, last = fmt_money(low), fmt_money(high)
    if first == last:
        return first
    return f"{first.removesuffix(shown_unit())}至{last}"


def fmt_amount(value: Quantity) -> str:
    """A money figure for messages and the narrative: to the cent in the document's unit (:func:`fmt_money`),
    or as the document writes it when it is approximate (约6600万元 is no 6,600.00万元)."""
    return fmt_money(value.yuan) if value.yuan is not None and not value.approx else value.raw


def fmt_quoted(value: Quantity) -> str:
    """A money figure quoted from the document: as written when written with its unit (0.94万元, 约19万元), else —
    a table's bare 2.60, a part stated in words (无…费) — by :func:`fmt_amount`."""
    raw = value.raw.strip()
    return raw if any(ch.isdigit() for ch in raw) and raw.endswith("元") else fmt_amount(value)


def fmt_yuan(yuan: Decimal | None) -> str:
    if yuan is None:
        return "—"
    return f"{yuan:,.2f}元"
