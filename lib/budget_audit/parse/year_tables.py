"""Tables that set this year's figures beside last year's (项目 | 2024年预算 | 2025年预算 | 增（减））: where their
columns are, in the “三公” section and in the overview's 收支总表."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..amounts import Quantity, fmt_wan, parse_money
from ..model import (
    BASIC_PARTS,
    EXPENDITURE_PARTS,
    WHOLE_OF,
    Expenditure,
    Figure,
    Income,
    Span,
    StatedChange,
    TableLine,
    Text,
    income_source,
)
from .blocks import Block, Cell, Para, Row
from .figures import LABEL_UNIT_RE, MONEY_UNIT_RE

#: The first cell of such a table's header row.
_HEADER_FIRST = ("项目", "项目名称", "科目", "收支项目", "预算科目")
#: A header naming the column of each row's change.
_CHANGE_HEADER_RE = re.compile(r"增减|增[（(]减[）)]|变动|增加|减少|差额")
#: … not the change as a share (增减率（%）, 变动幅度).
_RATE_HEADER_RE = re.compile(r"率|幅|%|％|百分比")


@dataclass(frozen=True)
class YearColumns:
    """Where a table's header (``rows[header]``) puts this year's figures (``now``), last year's (``before``) and each
    row's change (``moved``); ``unit``: the money unit its figures are in."""

    header: int
    now: int
    before: int | None
    moved: int | None
    unit: str
    label: int = 0  # the column of the rows' items (2 for the spending side of 收入项目 | 预算数 | 支出项目 | 预算数)


def year_column(keys: list[str], year: int, words: tuple[str, ...]) -> int | None:
    """The column of ``year``'s figures in a table's header (2025年预算), or of ``words`` (本年, 上年)."""
    return next((i for i, k in enumerate(keys) if i and (f"{year}年" in k or any(w in k for w in words))), None)


def year_columns(rows: list[Row], year: int | None, blocks: list[Block], unit: str = "万元") -> YearColumns | None:
    """The columns of the first table among ``rows`` headed 项目 | … with a column of the budget year, its unit the
    one its header states (2025年预算（元）, or a row above it), else the first stated in ``blocks``' paragraphs
    (（单位：万元）), else ``unit``; None when there is no such table."""
    header = next((i for i, r in enumerate(rows) if r.keys and r.keys[0] in _HEADER_FIRST and len(r.keys) >= 3), None)
    if header is None or year is None:
        return None
    keys = rows[header].keys
    now, before = year_column(keys, year, ("本年",)), year_column(keys, year - 1, ("上年",))
    if now is None:
        return None
    moved = next((i for i, k in enumerate(keys) if i not in (0, now, before) and _CHANGE_HEADER_RE.search(k)
                  and not _RATE_HEADER_RE.search(k)), None)
    return YearColumns(header, now, before, moved, _unit(rows, header, blocks, unit))


def _unit(rows: list[Row], header: int, blocks: list[Block], unit: str) -> str:
    """A table's money unit: in its header's cells (2025年预算（元）), one of the two rows right above it (⇥⇥单位：元;
    填报单位：… 单位：元 over 收入 | 支出), else the first the paragraphs state, else ``unit``."""
    keys = rows[header].keys
    above = [key for row in rows[max(header - 2, 0):header] if row.line >= rows[header].line - 3 for key in row.keys]
    units = [m["unit"] for k in [*keys, *above] if (m := LABEL_UNIT_RE.search(k) or MONEY_UNIT_RE.search(k))]
    units += [m["unit"] for b in blocks if isinstance(b, Para) and (m := MONEY_UNIT_RE.search(b.text))]
    return units[0] if units else unit


def side_by_side_columns(rows: list[Row], blocks: list[Block], unit: str = "万元") -> tuple[YearColumns, YearColumns] | None:
    """The columns of the first 收支总表 among ``rows`` that sets the income beside the spending, this year's only
    (收入项目 | 预算数 | 支出项目 | 预算数): the income side's and the spending side's; None when there is none."""
    for header, row in enumerate(rows):
        keys = row.keys
        spending = next((i for i, k in enumerate(keys) if i >= 2 and _SPENDING_HEAD_RE.match(k)), None)
        if (spending is None and keys[:1] == ["项目"] and _sides_above(rows, header)  # 收 入 | 支 出 over 项目 | 预算数 | 项目 …
                and not _OTHER_TABLE_RE.search(_title_over(blocks, row))):
            spending = next((i for i, k in enumerate(keys) if i >= 2 and k == "项目"), None)
        elif not keys or not _INCOME_HEAD_RE.match(keys[0]):
            continue
        if len(keys) < 4 or spending is None or spending + 1 >= len(keys):
            continue
        if not (_AMOUNT_HEAD_RE.search(keys[1]) and _AMOUNT_HEAD_RE.search(keys[spending + 1])):
            continue
        money = _unit(rows, header, blocks, unit)
        return (YearColumns(header, 1, None, None, money), YearColumns(header, spending + 1, None, None, money, spending))
    return None


#: Spaces between the characters of a label spaced out to fill its cell (收 入 总 计).
_SPACED_OUT_RE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


#: Titles of tables laid out as the 收支总表 is that are not it: 财政拨款收支预算总表, a fund's table.
_OTHER_TABLE_RE = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本")


def _title_over(blocks: list[Block], row: Row) -> str:
    """The paragraph over a table's header ``row`` (its title), within four blocks, past a line stating its unit or
    who filled it in (单位：元, 填报单位：…); "" when there is none."""
    at = next((i for i, b in enumerate(blocks) if b is row), 0)
    return next((b.text for b in reversed(blocks[max(at - 4, 0):at]) if isinstance(b, Para)
                 and not _NOTE_LINE_RE.match(b.text.strip())), "")


#: A line over a table that states its unit or who filled it in.
_NOTE_LINE_RE = re.compile(r"^(?:(?:填报|编制|金额)?单位[:：]|[（(]?单位)")


def _sides_above(rows: list[Row], header: int) -> bool:
    """Whether the row right above ``header`` heads its two sides: 收入 | 支出 (the standard 收支总表's two header rows)."""
    if not header or rows[header - 1].line < rows[header].line - 2:
        return False
    texts = [t for t in rows[header - 1].keys if t]
    return len(texts) == 2 and texts[0] == "收入" and texts[1] == "支出"


#: The heads of a 收支总表 that sets the income beside the spending: 收入项目 / 收入 / 项目（收入）…, 支出项目 / 支出….
_INCOME_HEAD_RE = re.compile(r"^(?:收入(?:项目)?|项目[（(]?收入[）)]?)$")
_SPENDING_HEAD_RE = re.compile(r"^(?:支出(?:项目)?|项目[（(]?支出[）)]?)$")
_AMOUNT_HEAD_RE = re.compile(r"预算|金额|数|本年|\d{4}年")


def table_elsewhere(
    all_blocks: list[Block], section: list[Block], title: re.Pattern[str], rows_named: re.Pattern[str],
    accept: Callable[[list[Block]], bool] = lambda blocks: True,
) -> list[Block]:
    """A table printed outside the section that explains it (the tables first, in a part of their own — 第二部分
    …预算表 — and the explanation after): its title (a whole line matching ``title``, as
    :data:`~budget_audit.parse.sangong.TABLE_TITLE_RE`), at most :data:`_NOTES_UNDER_TITLE` lines stating its unit
    or who filled it in (填报单位：…, 单位：元) and the rows right under it — rows of which one names what the table is of (``rows_named``), the table
    one ``accept`` reads (of the budget year: a 2022 table before the 2023 one is passed over); [] when the section has
    a table of its own, or the document no such table. Not a line that refers to a table (详见附表7：…), lists it
    (2.一般公共预算“三公”经费支出表) or titles one of part of the department (局机关…): a title with no table under it
    (此表为空表) is no title of the table that comes next."""
    if any(isinstance(b, Row) for b in section):
        return []
    inside = {id(b) for b in section}
    for at, block in enumerate(all_blocks):
        if not isinstance(block, Para) or id(block) in inside or not title.match(text := block.text.strip()):
            continue
        if _REFERS_RE.search(text) or _LISTED_RE.match(text) or _PART_OF_RE.search(text):
            continue
        start = at + 1
        while (start < len(all_blocks) and start <= at + _NOTES_UNDER_TITLE and isinstance(all_blocks[start], Para)
               and _NOTE_LINE_RE.match(all_blocks[start].text.strip())):
            start += 1
        end = start
        while end < len(all_blocks) and isinstance(row := all_blocks[end], Row) and not _ENDS_TABLE_RE.match(
                next((t for t in row.texts if t.strip()), "").strip()):
            end += 1  # to the next table's title (on a line with its unit: a row) or a page's mark
        found = all_blocks[at:end]
        named = any(rows_named.search(b.cells[0].text) for b in found if isinstance(b, Row) and b.cells)
        if end > start and named and accept(found):
            return found
    return []


#: The most lines stating a table's unit or who filled it in (:data:`_NOTE_LINE_RE`) between its title and its rows.
_NOTES_UNDER_TITLE = 2
#: A line that refers to a table (详见附表7：…, 附件2：…, 见下表) rather than titles it.
_REFERS_RE = re.compile(r"详见|见附|附件|见下表|如下")
#: A row's first words that end the table above it: the next table's title, a page's mark (— 1 —).
_ENDS_TABLE_RE = re.compile(r"^[^，。；,;]{2,40}表$|^[—－\-–]+\s*\d+\s*[—－\-–]+$")
#: A line numbered as an item of a list (2.一般公共预算“三公”经费支出表, （2）…).
_LISTED_RE = re.compile(r"^(?:\d{1,2}\s*[.、．](?!\d)|[（(]\d{1,2}[）)])")
#: Words of a title of a table of part of the department, not the whole the text explains, or of more than one item
#: (“三公”经费及机关运行经费预算表: its 合计 is of both).
_PART_OF_RE = re.compile(r"机关本级|局机关|下属|所属|二级单位|机关运行")


#: A 收支总表's title on a line of its own: 收支预算总表, 2024年部门收支总表 (not 财政拨款收支总表) …
SUMMARY_TITLE_RE = re.compile(r"^[^。；;，,]{0,30}(?<!拨款)收支(?:预算)?总表$")
#: … and the rows one of which a 收支总表 has.
SUMMARY_ROWS_RE = re.compile(r"收入|支出")


def summary_table(blocks: list[Block], year: int | None, unit: str = "万元") -> list[TableLine]:
    """The rows of the 收支总表 written into the overview (项目 | 2024年预算 | 2025年预算 | 增（减））, from its header to the
    first paragraph after it — of each such table, when the income and the spending have one each: each item with its
    figures of this year, last year and its change (signed); ``unit`` the document's money unit (本说明金额单位均为元)
    where the table and the overview state none. With no such table, a 收支总表 that sets the income beside the
    spending (收入项目 | 预算数 | 支出项目 | 预算数: :func:`side_by_side_columns`) is read as two, this year's only."""
    lines: list[TableLine] = []
    at = 0
    while (found := _next_table(blocks, at, year, unit)) is not None:
        columns, start = found
        at = _read_rows(blocks, start, columns, lines)
    if not lines and (sides := side_by_side_columns(rows := [b for b in blocks if isinstance(b, Row)], blocks, unit)):
        start = blocks.index(rows[sides[0].header]) + 1  # the income's rows, then the spending's, as two tables
        for columns in sides:
            _read_rows(blocks, start, columns, lines)
    return lines


def _next_table(blocks: list[Block], at: int, year: int | None, unit: str) -> tuple[YearColumns, int] | None:
    """The columns of the next table from ``blocks[at]`` on, and where its rows begin; None when none follows."""
    rows = [b for b in blocks[at:] if isinstance(b, Row)]
    columns = year_columns(rows, year, blocks[at:], unit)
    return None if columns is None else (columns, blocks.index(rows[columns.header], at) + 1)


def _read_rows(blocks: list[Block], start: int, columns: YearColumns, lines: list[TableLine]) -> int:
    """The rows of one table from ``blocks[start]`` to the first paragraph, appended to ``lines``; where it ends."""
    sub = False  # within the parts after a 其中 row, until the next row of the top level
    end = start
    while end < len(blocks) and isinstance(block := blocks[end], Row):
        end += 1
        if columns.label and len(block.cells) <= columns.now and block.cells and not block.cells[0].text.strip():
            # a row of the spending side alone, its blank income cells read as one (   | 四、节能环保支出 | 2,000,000.00):
            # its cells are the last ones of the header's
            block = Row([Cell("", block.line, block.line)] * (columns.now + 1 - len(block.cells)) + block.cells)
        if columns.label >= len(block.cells):
            continue
        label = _SPACED_OUT_RE.sub("", _ROW_NUMBER_RE.sub("", block.cells[columns.label].text.strip()))  # 收 入 总 计
        if not label:
            continue
        opens = _SUB_ROW_RE.match(label)
        label = label[opens.end():].strip() if opens else label
        # 人员经费 and 公用经费 are 基本支出's parts however written (1.人员经费 under 基本支出)
        sub = bool(opens) or label in BASIC_PARTS or sub and not _TOP_ROW_RE.search(label)
        span = Span(block.line, block.end_line, " | ".join(block.texts))

        def figure(column: int | None, name: str, label: str = label, block: Row = block, span: Span = span) -> Figure | None:
            if column is None or column >= len(block.cells):
                return None
            value = parse_money(block.cells[column].text, columns.unit)
            return Figure(name, value, span) if value.yuan is not None else None

        subject = row_subject(label) if not sub or label in EXPENDITURE_PARTS.values() else None
        lines.append(TableLine(label, figure(columns.now, label), figure(columns.before, f"上年{label}"),
                               figure(columns.moved, f"{label}增减"), sub, subject))
    return end


#: A row's numbering: 一、基本支出, 1.一般公共预算拨款收入, （一）项目支出.
_ROW_NUMBER_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．](?!\d)|[（(][一二三四五六七八九十\d]+[）)][、.]?)\s*")
#: A row that opens the parts of the row above it: 其中：人员经费, 含：….
_SUB_ROW_RE = re.compile(r"^(?:其中|含)\s*[：:，,]?")
#: A row of the table's top level, which ends a run of parts: an income source, 上年结转, a spending class, a total.
_TOP_ROW_RE = re.compile(r"收入|拨款|结转|基本支出|项目支出|经营支出|上缴上级|对附属单位|总计|合计")


#: A row totalling a side of the table: 收入总计 / 本年收入合计, 支出总计 / 本年支出合计, or a bare 总计 / 合计.
TOTAL_ROW_RE = re.compile(r"^(?:本年)?(?P<side>收入|支出)?(?:总计|合计)$")


def _totals(label: str, side: str) -> bool:
    """Whether a row totals ``side`` (收入 or 支出) of the table."""
    return (found := TOTAL_ROW_RE.match(label)) is not None and found["side"] == side



def fill_from_table(income: Income, expenditure: Expenditure, lines: list[TableLine]) -> None:
    """The income's and the expenditure's figures the text leaves to the 收支总表 (收入预算情况详见上表): when the text
    states no income total, the table's total, sources and 上年结转 (all of them: not the table's total over parts the
    text may have found elsewhere); when it states no expenditure total, the table's total, 基本支出, 项目支出 and
    their parts — else those of them it states not."""
    rows = [line for line in lines if line.current is not None]
    total = next((r.current for r in rows if _totals(r.label, "收入") and not r.sub), None)
    if income.total is None and total is not None:
        income.total = total
        income.carry_over = next((r.current for r in rows if "上年结转" in r.label), None)
        income.parts = [r.current for r in rows if r.current is not None and re.search(r"收入|拨款", r.label)
                        and not r.sub and "结转" not in r.label and not re.search(r"合计|总计", r.label)]
    total = next((r.current for r in rows if _totals(r.label, "支出")), None)
    if expenditure.total is None and total is not None:
        expenditure.total = total
        for field, label in EXPENDITURE_PARTS.items():
            setattr(expenditure, field, next((r.current for r in rows if r.label == label), None))
    elif expenditure.total is not None:  # the parts the text leaves to the table (人员经费 and 公用经费 in it only)
        for field, label in EXPENDITURE_PARTS.items():
            if getattr(expenditure, field) is None:
                setattr(expenditure, field, next((r.current for r in rows if r.label == label), None))


def table_changes(
    lines: list[TableLine], stated: set[str], cause: Text | None, said: Sequence[tuple[str, Decimal, Text]] = ()
) -> list[StatedChange]:
    """The changes of the 收支总表's rows (their 增（减）, else this year's figure less last year's) that the text states
    none of (``stated``: the subjects of its changes): the income sources and 上年结转, 基本支出, 项目支出, 人员经费,
    公用经费 and the expenditure total. A row's reason is the one ``said`` with a change of the same amount naming the
    row (项目支出增加230,000.00元，主要原因是…, in a sentence that compares with no year), else ``cause``
    (增减变动的主要原因：…) when that names it (…政府性基金安排的改造资金增加400.00万元 is 政府性基金预算拨款收入's, not
    其他收入's)."""
    changes: list[StatedChange] = []
    for line in lines:
        subject = line.subject
        if subject is None or subject in stated or line.current is None or line.prior is None:
            continue
        assert line.current.yuan is not None and line.prior.yuan is not None
        delta = line.change.yuan if line.change is not None else line.current.yuan - line.prior.yuan
        amount = Quantity(raw=fmt_wan(abs(delta)), op=None, number=abs(delta) / 10000, unit="万元", yuan=abs(delta))
        span = line.current.span
        own = next((why for words, moved, why in said if moved == delta and _names(words, line.label)), None)
        changes.append(StatedChange(
            subject, (delta > 0) - (delta < 0), Figure(f"{subject}变动", amount, span),
            own or (cause if delta and cause is not None and _names(cause.text, line.label) else None),
            prior=Figure(f"上年{subject}", line.prior.value, span),
            current=Figure(f"本年{subject}", line.current.value, span), parent=WHOLE_OF.get(subject), table=True))
    return changes


def _names(text: str, label: str) -> bool:
    """Whether ``text`` names the item of a row: its label, or the label without 预算拨款收入/拨款收入/收入 (政府性基金)."""
    stem = re.sub(r"(?:预算)?(?:拨款)?收入$|资金$", "", label)
    return label in text or len(stem) >= 4 and stem in text


def row_subject(label: str) -> str | None:
    """The subject a 收支总表 row's change is of: an income source or 上年结转 by its label, 基本支出 …, the expenditure
    total (收支合计); None for the income total (with or without 上年结转)."""
    if (total := TOTAL_ROW_RE.match(label)) is not None:
        return "收支合计" if total["side"] == "支出" else None
    if label in EXPENDITURE_PARTS.values():
        return label
    if re.search(r"收入|拨款|结转", label) and "支出" not in label:
        return income_source(label)
    return None

