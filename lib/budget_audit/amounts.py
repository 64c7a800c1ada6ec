"""The one place that turns written amounts and indicator values into numbers.

``parse_quantity("≥1962840立方米")`` → ``Quantity(op="≥", number=Decimal("1962840"),
unit="立方米", ...)``; ``parse_quantity("4739.51万元").yuan`` → ``Decimal("47395100.00")``.
Money is always :class:`~decimal.Decimal`, never a float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

#: Monetary units and their factor to yuan.
MONEY_SCALE: dict[str, Decimal] = {
    "元": Decimal(1),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
}

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


def to_halfwidth(text: str) -> str:
    """Map full-width digits, Latin letters and ASCII-like symbols to ASCII.

    Chinese punctuation （），：；！？【】 is kept as written.
    """
    return text.translate(FULLWIDTH_TABLE)


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
#: A money unit after a number in text: 万 or 亿 alone count only before punctuation, a
#: connective or the end ("4739.51万，其中", "2135.24万和公用经费" are money; "3万人次",
#: "20万m²", "2万吨" are not).
MONEY_UNIT_PATTERN = r"(?:亿元|万元|元|[万亿](?=[，,；;。、：:（()）\s和及与或至增减比较]|$))"
#: Words of a label that make a bare "N万" money (the 1.2万 of "服务企业约1.2万" is a count).
MONEY_WORD_RE = re.compile(r"收入|支出|经费|资金|费|预算|拨款|结转|结余|合计|总计|总额|金额|安排|补助|采购|资产")
_MONEY_IN_TEXT_RE = re.compile(rf"(?P<num>{NUMBER_PATTERN})\s*(?P<unit>{MONEY_UNIT_PATTERN})")


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

    @property
    def is_numeric(self) -> bool:
        return self.number is not None

    @property
    def is_money(self) -> bool:
        return self.yuan is not None

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


def parse_decimal(text: str) -> Decimal | None:
    """``"4,739.51"`` (or ``"4 739.51"``) → ``Decimal("4739.51")``; ``None`` when not a number."""
    cleaned = re.sub(f"[{_GROUP}]", "", to_halfwidth(text))
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


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
    head = money_unit(unit)
    yuan = number * MONEY_SCALE[head] if head is not None and number is not None else None
    return Quantity(raw=raw, op=op, number=number, unit=unit, note=note, yuan=yuan)


def parse_money(text: str, default_unit: str = "元") -> Quantity:
    """Parse a money figure; a bare number takes ``default_unit`` (tables say ``单位：元``)."""
    quantity = parse_quantity(text)
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


def money_in_text(text: str) -> list[tuple[Quantity, int, int]]:
    """Every ``<number><元|万元|亿元|万>`` in free text with its character span."""
    norm = to_halfwidth(text)
    found = []
    for match in _MONEY_IN_TEXT_RE.finditer(norm):
        found.append((parse_quantity(match.group(0)), match.start(), match.end()))
    return found


def wan(yuan: Decimal) -> Decimal:
    """Yuan → 万元 (exact)."""
    return yuan / MONEY_SCALE["万元"]


def fmt_wan(yuan: Decimal | None) -> str:
    """Format yuan as ``1,234.56万元`` for messages."""
    if yuan is None:
        return "—"
    return f"{wan(yuan):,.2f}万元"


def fmt_yuan(yuan: Decimal | None) -> str:
    if yuan is None:
        return "—"
    return f"{yuan:,.2f}元"
