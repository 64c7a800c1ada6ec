"""The “三公” paragraph: total, parts, sub-parts, stated changes and reasons."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from ..amounts import Quantity, parse_cell_money, parse_money
from ..model import WHOLE_OF, Figure, SanGong, Span, StatedChange, Text
from .blocks import Block, Para, Row
from .cause_points import names
from .change_periods import names_this_year
from .changes import (
    RawChange,
    build_changes,
    item_before,
    list_head,
    prior_year,
    stated_amounts,
    stated_changes,
)
from .figures import Labelled, labelled_amounts, part_start
from .summary import overview_cause, para_span, this_years, with_cause, with_item_reasons
from .year_tables import year_columns

#: (field, subject name, label pattern) — first match wins, most specific first.
_PARTS: list[tuple[str, str, str]] = [
    ("vehicle", "公务用车购置及运维费", r"购置(?:及|和|与)运[行维]|用车.*(?:及|和|与).*运[行维]"),
    ("vehicle_purchase", "公务用车购置费", r"购置"),
    ("vehicle_operation", "公务用车运维费", r"(?<!机关)运[行维]"),
    ("overseas", "因公出国（境）费", r"出国|出境"),
    ("reception", "公务接待费", r"接待"),
    ("total", "“三公”经费合计", r"三公|合计|共计|总额|预算安排"),
]


#: The fields of :class:`~budget_audit.model.SanGong` that hold its parts, in report order.
PART_FIELDS = ("overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")


def classify(label: str) -> tuple[str, str] | None:
    for field, subject, pattern in _PARTS:
        if re.search(pattern, label):
            return field, subject
    return None


def _subject(label: str) -> str:
    kind = classify(label)
    return kind[1] if kind else "“三公”经费合计"


#: Expenses other than the “三公” that their paragraph may name: the other goods and services of the economic
#: classification (办公费 … 福利费) and 机关运行经费 …
_OTHER_EXPENSE_RE = re.compile(
    r"(?:办公|印刷|咨询|手续|水|电|邮电|取暖|物业管理|差旅|维修|维护|租赁|会议|培训|专用材料|被装购置|专用燃料|劳务|委托业务|"
    r"工会|福利)费|机关运行经费")
#: … where the words name none of the “三公” (公务用车运行维护费, 车辆维修费, 运行维护费).
_SANGONG_WORDS_RE = re.compile(r"公务|车|出国|出境|接待|运行维护|运维")


def _other_expense(label: str) -> bool:
    """Whether a change's words name an expense that is none of the “三公” (会议费由5万元减少到2023年的3万元 in their
    paragraph: no change of their total)."""
    return bool(_OTHER_EXPENSE_RE.search(label)) and not _SANGONG_WORDS_RE.search(label)


#: A colon between an item's name and its amount (公务接待费：1.40万元): the name is the amount's label.
_NAME_COLON_RE = re.compile(r"(?<=[\u4e00-\u9fff）)])(?<!原因)(?<!说明)[：:](?=\s*\d)")  # not 减少原因：2辆…


def _unlabelled(text: str) -> str:
    """``text`` without the colons between items' names and their amounts (1.因公出国（境）费：0万元 reads as
    因公出国（境）费0万元), so that each amount is labelled by its name."""
    return _NAME_COLON_RE.sub("", text)


#: A paragraph opening with a part's name, one a line after the total's (…11.80万元…。其中： / 因公出国（境）费0万元…).
_PART_OPENING_RE = re.compile(r"\s*(?:因公)?出国|\s*公务用车|\s*(?:公务)?接待费")
#: A paragraph that goes on with the total's parts: 其中：因公出国（境）费…, 具体如下：….
_PARTS_OPENING_RE = re.compile(r"\s*(?:其中|具体(?:为|如下|是|情况如下)|分项(?:为|如下))\s*[：:，,]?")
#: An item of an enumeration opening a sentence or a paragraph: 一是, 二是, （一）, 1.
_ENUMERATOR_RE = re.compile(r"\s*(?:[一二三四五六七八九十]+是|[（(](?:[一二三四五六七八九十]+|\d{1,2})[）)]|\d{1,2}[.、．](?!\d))")


def _enumerated_item(change: RawChange, stated: list[Labelled], text: str, raw: list[RawChange]) -> Labelled | None:
    """The item a change opening its own part of a sentence is about when the sentence before it
    is an enumerated item's: ``二是公务用车购置及运行维护费12.00万元，其中：公务用车购置费0万元，…运行维护费
    12.00万元。比上年减少1.60万元`` is 公务用车购置及运行维护费's, the item the enumeration names, not its
    last part's."""
    start = part_start(text, change.start)
    if start == 0 or any(start <= a.start < change.start and a.depth == change.depth for a in stated):
        return None  # the change's part states figures of its own: item_before has decided
    opening = text.rfind("。", 0, start - 1) + 1
    # 二是公务用车购置及运行维护费…。比上年减少… — or a sentence opening with the part's name (…其中：因公出国…。公务用车
    # 购置及运维费18.60万元，其中…。比2023年减少4.20万元)
    head = _ENUMERATOR_RE.match(text, opening)
    if head is None and opening and not any(opening <= c.start < start for c in raw if c is not change):
        head = _PART_OPENING_RE.match(text, opening)  # the part's sentence states no change of its own
    if head is None:
        return None
    return next((a for a in stated if head.end() <= a.start and a.end <= start and a.depth == change.depth), None)


#: The “三公” parts of one rank, below the total.
_RANKS = ("因公出国（境）费", "公务用车购置及运维费", "公务接待费")


def _named(change: RawChange, stated: list[Labelled], text: str, raw: list[RawChange]) -> RawChange:
    """A change whose own words name no item (``比上年减少17.9万元``) is about the item
    stated just before it (:func:`~budget_audit.parse.changes.item_before`), or — opening a
    sentence of its own — about the enumerated item before it (:func:`_enumerated_item`), or —
    after a list — about the list's head (:func:`~budget_audit.parse.changes.list_head`:
    公务用车购置及运维费6.80万元，其中公务用车购置费0万元，公务用车运行维护费6.80万元，比上年减少0.40万元)."""
    if classify(change.label):
        return change
    item = (item_before(change, stated, text) or _enumerated_item(change, stated, text, raw)
            or list_head(change, stated, text, raw, _subject, _RANKS))
    if item is not None and (classify(item.label) or _other_expense(item.label)):
        return replace(change, label=item.label)
    return change


#: A “三公” table's title on a line of its own: 一般公共预算财政拨款“三公”经费支出预算表 …
TABLE_TITLE_RE = re.compile(r"^[^。；;，,]{0,30}三公[^。；;，,]{0,20}表$")
#: … and the rows one of which a “三公” table has.
TABLE_ROWS_RE = re.compile(r"出国|公务用车|接待")


def sangong(blocks: list[Block], *, year: int | None = None, elsewhere: Sequence[Block] = (), unit: str = "万元") -> SanGong:
    """The first paragraph with amounts that states a total. Stated figures and changes may
    come in two blocks (this year's parts, then 与2022年相比… with the changes) or item by item
    (出国费0万元，与上年持平；公务用车购置及运维费12.5万元，比上年减少17.9万元…); the parts may follow
    in enumerated paragraphs (一是…/1.…) or one opening 其中：… (:func:`_read_paragraph`), or in a table (:func:`_read_table`),
    and a paragraph opening with 增减变动的主要原因：… gives the reason of the changes that have none. A table printed
    ``elsewhere`` (:func:`~budget_audit.parse.year_tables.table_elsewhere`) is read as one in the section would
    be. A table that states no unit is in the unit of the text's total, else in ``unit`` (the document's)."""
    result = SanGong()
    for block in blocks:
        if not isinstance(block, Para):
            continue
        amounts = labelled_amounts(block.text)
        item = _ENUMERATOR_RE.match(block.text) or _PARTS_OPENING_RE.match(block.text) or _PART_OPENING_RE.match(block.text)
        if result.total is not None and item and not amounts:
            _stated_in_words(result, block.text, para_span(block))  # （一）本局未安排因公出国（境）费，与上年一致。
            continue
        if not amounts and (result.total is not None or _total_none(block.text, year) is None):
            continue  # not “三公”经费预算为〇元，其中：…〇元 nor 本单位无“三公”经费预算: the total stated with no amount
        if result.total is not None:
            if not item:
                break
            _read_paragraph(result, block, year, item=True)  # 一是…。二是…: the parts in paragraphs of their own
            continue
        _read_paragraph(result, block, year)
        if result.total is None and (none := _total_none(block.text, year)) is not None:  # “三公”经费预算为0，其中…
            result.total = Figure("“三公”经费合计", _none(none), para_span(block))
            _stated_in_words(result, block.text, para_span(block))  # …其中：因公出国（境）费〇元，…
        if result.total is not None and _names_parts(result):
            break  # the total with its parts; else they may follow, one enumerated paragraph each
    rows = [b for b in blocks if isinstance(b, Row)]
    if not rows and elsewhere:
        rows, blocks = [b for b in elsewhere if isinstance(b, Row)], [*blocks, *elsewhere]
    if result.total is not None and result.total.value.money_unit:  # a table that states no unit is in the text's:
        unit = result.total.value.money_unit  # 162,000.00元 in the text, 162,000.00 in the table
    if _names_parts(result) and rows:  # the text names the parts and a table follows: its 合计 and parts are held against the text's
        in_table = SanGong()
        _read_table(in_table, rows, year, blocks, unit)
        result.table_total = in_table.table_total
        result.table_parts = {name: f for name in PART_FIELDS if (f := getattr(in_table, name)) is not None}
    if not _names_parts(result):
        _read_table(result, rows, year, blocks, unit)
        if result.total is None and result.table_total is not None:  # 情况见下表: the table's 合计 row is the total
            result.total = replace(result.table_total, label="“三公”经费合计")
        result.changes = _with_the_totals_reason(result.changes)
    result.changes = with_item_reasons(result.changes, blocks, _part_named, year)
    result.changes = with_cause(result.changes, overview_cause(blocks))  # 增减变动的主要原因：… after the table
    return result


_SUBJECTS = {field: subject for field, subject, _ in _PARTS}
_PART_NAME = r"(?:因公)?出国[（(]境[）)]费|出国费|(?:公务)?接待费|(?:公务用车|车辆)?购置费|(?:公务用车)?(?:运行维护|运维)费"
#: A part stated as none in words: 无因公出国（境）费, 未安排购置费, 因公出国（境）费为零, 因公出国（境）费无；, 公务用车购置费
#: 无，…, or with 〇 for the digit 0: 因公出国（境）费〇万元 (not 公务接待费无变化).
_NONE_RE = re.compile(rf"(?:无|未安排|不再?安排|没有安排)(?P<before>{_PART_NAME})|(?P<after>{_PART_NAME})(?:为零|未安排|不安排|无预算"
                      r"|无(?=\s*(?:[，,。；;）)]|$))|为?\s*〇(?:\.〇{1,2})?(?![\d〇.])\s*(?:万?元)?)")
#: A sub-part that is all of the vehicle total: 公务用车购置及运行维护费4.20万元（全部为公务用车运行维护费）.
_ALL_OF_RE = re.compile(r"(?:全部|均|全额)(?:为|用于|是)(?P<name>(?:公务用车)?(?:购置|运行维护|运维)费)")


#: Words that give a reason: what follows them in their sentence explains a change.
_WHY_RE = re.compile(r"原因|由于|因为")


def _stated_in_words(result: SanGong, text: str, span: Span) -> None:
    """The parts the paragraph states without an amount: none (无因公出国（境）费, 未安排购置费: 0) or all of the
    vehicle total (全部为公务用车运行维护费: its amount), each that is not stated yet — a part so described is
    stated, not missing (CP004) — not in the words of a reason (…的主要原因是…本年不安排公务用车购置费)."""
    for m in _NONE_RE.finditer(text):
        kind = classify(m["before"] or m["after"])
        sentence = text[max(text.rfind("。", 0, m.start()), text.rfind("；", 0, m.start())) + 1 : m.start()]
        if _WHY_RE.search(sentence):
            continue  # …减少的主要原因是上年已完成车辆更新，本年不安排公务用车购置费: why a part changed, not its figure
        if kind is not None and getattr(result, kind[0]) is None:
            setattr(result, kind[0], Figure(kind[1], _none(m[0]), span))
    for m in _ALL_OF_RE.finditer(text):
        kind = classify(m["name"])
        if kind is not None and result.vehicle is not None and getattr(result, kind[0]) is None:
            setattr(result, kind[0], Figure(kind[1], result.vehicle.value, span))
            other = "vehicle_purchase" if kind[0] == "vehicle_operation" else "vehicle_operation"
            if getattr(result, other) is None:  # all of it upkeep: no purchase
                setattr(result, other, Figure(_SUBJECTS[other], _none(m[0]), span))


#: The total stated as nothing without a unit (“三公”经费预算为0，其中：…0万元…): 0 in any unit.
#: No part's name nor a rate between (not 经费中因公出国（境）费为0 nor 增长率为0): the total's own words (全年预算为0).
_ZERO_TOTAL_RE = re.compile(r"“?三公”?经费(?P<between>[^，,。；;：:\d]{0,12}?)(?:为|是|共计|合计)\s*"
                            r"(?P<words>(?:0|零|〇)(?:\.0{1,2})?)(?![\d.])\s*(?:万?元)?(?:[（(](?:零|〇)[）)])?\s*(?=[，,。；;]|$)")
#: Words between the name and its 0 that make it no total of this year's: a part's, a rate's, last year's, a change's
#: or a carry-over's (“三公”经费上年预算为0, 较上年变动为0, 上年结转为0).
_NOT_THE_TOTAL_RE = re.compile(r"出国|出境|公务用车|购置|运行|维护|运维|接待|率|幅|比|上年|去年|\d{4}年|变动|增减|变化|结转|结余"
                               r"|增长|增加|减少|下降|执行|决算|超支|缺口|差额")


#: The total stated as none in words: 本单位2023年无“三公”经费预算, 我局未安排“三公”经费 (not 无“三公”经费变动).
_NO_TOTAL_RE = re.compile(r"(?:无|未安排|没有安排?|不安排)(?:财政拨款)?“?三公”?经费(?!变|增|减|超|以外|之外)")
#: Words of another year than the budget's before it: 上年无“三公”经费, 2022年未安排….
_OTHER_YEAR_RE = re.compile(r"上年|去年|上一年|往年|以前年度|(?P<year>\d{4})\s*年")


def _total_none(text: str, year: int | None) -> str | None:
    """The words stating this year's “三公” total as none, without an amount: 0 without a unit or 〇 (“三公”经费预算为0，
    其中…; 预算为〇元) or in words (本单位2023年无“三公”经费预算，较上年减少31.42万元) — not a part's, a rate's or last
    year's (:data:`_NOT_THE_TOTAL_RE`; 上年无“三公”经费), nor in the words of a reason (主要原因是…未安排“三公”经费)."""
    if (zero := _ZERO_TOTAL_RE.search(text)) and not _NOT_THE_TOTAL_RE.search(zero["between"]):
        return zero["words"]
    for found in _NO_TOTAL_RE.finditer(text):
        sentence = text[max(text.rfind(mark, 0, found.start()) for mark in "。；;") + 1 : found.start()]
        if _WHY_RE.search(sentence) or any(not m["year"] or year is None or int(m["year"]) != year
                                           for m in _OTHER_YEAR_RE.finditer(sentence)):
            continue
        return found[0]
    return None


def _none(words: str) -> Quantity:
    """A part stated as none in ``words`` (无因公出国（境）费): 0万元, quoted as written."""
    return Quantity(raw=words, op=None, number=Decimal(0), unit="万元", yuan=Decimal(0))


def _names_parts(result: SanGong) -> bool:
    return any(f is not None for f in (result.overseas, result.vehicle, result.reception))


def _read_paragraph(result: SanGong, block: Para, year: int | None, *, item: bool = False) -> None:
    """The figures and changes of one paragraph, each figure that is not stated yet: the total's paragraph (an
    amount naming no part is the total; its changes are the “三公”'s) or, with ``item``, an enumerated paragraph
    after it (二是公务用车购置及运行维护费12.00万元，…比上年减少1.60万元: parts only, its changes after the total's)."""
    text, span = _unlabelled(block.text), para_span(block)
    raw = stated_changes(text, year=year)
    stated = stated_amounts(text, raw)
    # not 2022年预算31.42万元 before 2023年预算13.44万元 — nor, in a paragraph that names this year, 2021年决算…
    # before 本年度…: a paragraph naming no other year than 2022 has only copied its year unchanged
    known = year if year is not None and names_this_year(text, year) else None
    for figure in this_years(stated, year=known):
        total = ("total", "“三公”经费合计") if result.total is None and not item else None
        kind = classify(figure.label) or total
        if kind is None or item and kind[0] == "total" or _other_expense(figure.label):
            continue
        field, subject = kind
        if getattr(result, field) is None:
            setattr(result, field, Figure(subject, figure.quantity, span))
    if result.total is not None:
        _stated_in_words(result, text, span)
    changes = [named for change in raw if not _other_expense((named := _named(change, stated, text, raw)).label)]
    if item:
        result.changes = [*result.changes, *build_changes(changes, _subject, span)]
    elif changes:
        result.prior_year = prior_year(text)
        result.changes = build_changes(changes, _subject, span)


def _part_named(words: str) -> str | None:
    """The “三公” part a reason's words name (公务接待费减少的主要原因是…), not the total."""
    kind = classify(words)
    return kind[1] if kind is not None and kind[0] != "total" else None


def _with_the_totals_reason(changes: list[StatedChange]) -> list[StatedChange]:
    """``changes``, each part's from the table that has no reason given the total's stated reason when that names it
    (“三公”经费比上年减少0.60万元，主要原因是…压减公务用车运维和公务接待支出: the reason of the rows 公务用车运维费 and 公务接待费)."""
    total = next((c for c in changes if c.subject == "“三公”经费合计" and c.reason is not None), None)
    if total is None or total.reason is None:
        return changes
    said = total.reason
    return [replace(c, reason=said) if c.reason is None and c.direction and c is not total and names(said.text, c.subject)
            else c for c in changes]


def _read_table(result: SanGong, rows: list[Row], year: int | None, blocks: list[Block], unit: str = "万元") -> None:
    """The parts of a “三公” table (项目 | 2024年预算 | 2025年预算 | 增减) when the text names none: each part's figure
    of the budget year, and — where the text states no change of it — its change: the 增减 column's, from last year's
    column (RC012 holds the three together), else the difference of the two, its reason a 变动原因 column's; and its 合计 row
    (:attr:`~budget_audit.model.SanGong.table_total`). ``unit``: the table's money unit where neither it nor the text
    around it states one."""
    columns = year_columns(rows, year, blocks, unit)
    if columns is None:
        return
    now, before, moved, unit = columns.now, columns.before, columns.moved, columns.unit
    header = rows[columns.header].keys
    why = next((i for i, k in enumerate(header) if i and re.search(r"原因|说明", k)), None)  # a 变动原因 column
    stated = {c.subject for c in result.changes}
    width = len(rows[columns.header].cells)
    for row in rows[columns.header + 1:]:
        if len(row.cells) == width + 1 and not row.cells[0].text.strip():
            row = Row(row.cells[1:])  # an indented row (        （2）公务用车运行维护费 …): its blank first cell left off
        kind = classify(row.cells[0].text.removeprefix("其中").lstrip("：: "))
        if kind is None or len(row.cells) <= now:
            continue
        field, subject = kind
        span = Span(row.line, row.end_line, " | ".join(row.texts))
        current = parse_cell_money(row.cells[now].text, unit)
        if field == "total":
            result.table_total = result.table_total or (Figure("表中合计", current, span) if current.yuan is not None else None)
            continue
        if current.yuan is None or getattr(result, field) is not None:
            continue
        setattr(result, field, Figure(subject, current, span))
        prior = parse_money(row.cells[before].text, unit) if before is not None and len(row.cells) > before else None
        if prior is None or prior.yuan is None or subject in stated:
            continue
        # the row's own 增减 when it has one (RC012 holds it against its two years), else their difference
        said = parse_money(row.cells[moved].text, unit) if moved is not None and len(row.cells) > moved else None
        delta = said.yuan if said is not None and said.yuan is not None else current.yuan - prior.yuan
        amount = parse_money(f"{abs(delta) / 10000:f}万元")
        reason = row.cells[why].text.strip() if why is not None and len(row.cells) > why else ""
        result.changes = [*result.changes, StatedChange(
            subject, (delta > 0) - (delta < 0), Figure(f"{subject}变动", amount, span), Text(reason, span) if reason else None,
            prior=Figure(f"上年{subject}", prior, span), parent=WHOLE_OF.get(subject))]

