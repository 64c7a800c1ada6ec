"""Project performance-target tables (项目支出绩效目标表)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ..amounts import MONEY_UNITS, OPERATORS, parse_money, parse_quantity, to_halfwidth
from ..model import Figure, Indicator, PlanPoint, Project, Span, Text
from .blocks import (
    LEVEL1_RE,
    LEVEL2_RE,
    PLAN_CELL_RE,
    PLAN_MONTH_PATTERN,
    PLAN_MONTH_RE,
    PLAN_VALUE_PATTERN,
    UNIT_GOALS_RE,
    Block,
    Cell,
    Para,
    Row,
    cn_number,
    is_group_title,
    make_span,
    numbered_project,
    project_heading,
)
from .figures import LABEL_UNIT_RE, MONEY_UNIT_RE
from .sections import is_section_heading

#: A unit's code and name: 303001大厂回族自治县发展和改革局, [303001]…, 601001-清溪县民政局.
_UNIT_RE = re.compile(r"^[\[【（(]?(?P<code>\d{6}(?:\d{3})?)(?!\d)[\]】）)]?\s*(?:[-—－─_、:：]\s*)?(?P<name>.*)$")


def _coded_unit(cell: Cell, lines: dict[int, str]) -> tuple[Text, Text] | None:
    """The unit's code and name a cell gives (303001大厂回族自治县发展和改革局), the name up to a wide gap (龙泉镇中心卫生院
    金额单位：万元 on one line: the table's unit note after it); None when it starts with no code."""
    named = _UNIT_RE.match(cell.text.strip())
    if named is None:
        return None
    span = make_span(lines, cell.line, cell.end_line)
    return Text(named["code"], span), Text(re.split(r"\s{2,}", named["name"].strip())[0], span)



def _text(cell: Cell | None, lines: dict[int, str]) -> Text | None:
    if cell is None or not cell.text:
        return None
    return Text(cell.text, make_span(lines, cell.line, cell.end_line))


def split_projects(blocks: list[Block]) -> list[tuple[Para, list[Block], str]]:
    """Each project heading with the blocks up to the next heading and the money unit its
    table takes unless it states one (元, or the one a paragraph before the first table states
    for them all: 各项目绩效目标表如下（金额单位：万元）). A heading with a generic title and no project table
    under it (（五）项目支出绩效目标表 over all the tables, perhaps with a 金额单位 row) is none,
    but the unit it states holds for the tables under it; with a table under it
    (N.项目支出绩效目标表 over each), it is a project's. A table's title written as a row (2024年项目支出绩效目标表⇥⇥⇥: a
    spreadsheet's) is a heading's paragraph; a table with no heading of its own, tables stacked one after another, starts
    at its 项目名称 row (:func:`_opens_table`)."""
    out: list[tuple[Para, list[Block]]] = []
    unit = "元"
    blocks = [_title_row(block) for block in blocks]
    listed = False  # past the header of a list of projects (项目名称⇥主管部门⇥预算金额（万元）): its rows are no project's
    for i, block in enumerate(blocks):
        if heads_project(blocks, i):
            out.append((block, []))
            listed = False
        elif isinstance(block, Row) and _heads_columns(block):
            listed = True
        elif (name := _opens_table(block, out[-1][1] if out else None)) is not None:
            out.append((Para(name.text, name.line, name.end_line), [block]))
            listed = False
        elif out and not listed:
            out[-1][1].append(block)
        elif isinstance(block, Para) and "绩效目标表" in block.text and (m := MONEY_UNIT_RE.search(block.text)):
            unit = m["unit"]  # 各项目绩效目标表如下（金额单位：万元）：, before the first table
    projects: list[tuple[Para, list[Block], str]] = []
    for heading, body in out:
        is_table = any(isinstance(b, Row) and any(_field(k) for k in b.keys) for b in body)
        titled = project_heading(heading.text, bare=True)
        if titled is not None and is_group_title(titled) and not is_table:
            stated = [m["unit"] for m in [MONEY_UNIT_RE.search(heading.text)] if m]
            stated += [m["unit"] for b in body if isinstance(b, Row)
                       for k in b.keys if (m := MONEY_UNIT_RE.search(k))]
            unit = stated[0] if stated else unit
            continue
        projects.append((heading, body, unit))
    return projects


def _title_row(block: Block) -> Block:
    """A row whose one cell, its first, is a table's title (2024年项目支出绩效目标表⇥⇥⇥, a spreadsheet's title row) as the
    paragraph it is; any other block as it is."""
    if (isinstance(block, Row) and len(block.cells) > 1 and block.cells[0].text and not any(c.text for c in block.cells[1:])
            and _TABLE_TITLE_RE.search(block.cells[0].text)):
        return Para(block.cells[0].text, block.line, block.end_line)
    return block


def _opens_table(block: Block, body: list[Block] | None) -> Cell | None:
    """The project's name when ``block`` is a 项目名称 row (项目名称⇥小型水库除险加固⇥⇥) that opens a project table with no
    heading — before the first heading, or after a table that has its name or its indicators already (``body``: the
    blocks under the heading above, None before the first; a project written as a list has no 项目名称) — tables of a
    spreadsheet stacked one after another: all were read as the first one's, their indicators its; else None."""
    if not isinstance(block, Row) or not block.keys or _field(block.keys[0]) != "name":
        return None
    found = _labelled(block, "name")
    if not found or found[0][0] is not block.cells[0] or not found[0][1].text:
        return None
    if body is not None and not any(isinstance(b, Row) and (_labelled(b, "name") or _heads_indicators(b)) for b in body):
        return None  # the table of the heading above (not one that has its name, or its indicators, already)
    return found[0][1]


#: The header of a list's column after 项目名称: 主管部门, 实施单位, 项目类别 … (no project's name).
_COLUMN_WORDS_RE = re.compile(r"^(?:主管|实施|预算|项目|责任|所属)?(?:部门|单位|单位名称|类别|类型|性质|级次|期限|周期)$")


def _heads_columns(row: Row) -> bool:
    """Whether a row starting 项目名称 heads the columns of a list of projects (项目名称⇥主管部门⇥预算金额（万元）: a column's
    header after it, and a later cell a field's label or a column's unit with no value after it), not a project table's
    first row (项目名称⇥小型水库除险加固⇥⇥)."""
    cells = [c.text.strip() for c in row.cells]
    if not row.keys or _field(row.keys[0]) != "name" or len(cells) < 3 or not _COLUMN_WORDS_RE.match(cells[1]):
        return False
    return any((_field(text) is not None or _label_unit(text)) and (at + 1 == len(cells) or not cells[at + 1]
                                                                    or _field(cells[at + 1]))
               for at, text in enumerate(cells) if at >= 2)


def _heads_indicators(row: Row) -> bool:
    """Whether a row heads a table's indicators (一级指标 | 二级指标 | …)."""
    return bool(row.cells) and row.cells[0].text.strip().startswith("一级指标")


def _seq(match: re.Match[str] | None) -> int | None:
    groups = match.groupdict() if match else {}
    number = groups.get("seq") or groups.get("table_seq") or groups.get("paren_seq")
    return int(number) if number else cn_number(groups.get("cn_seq") or "")


_TABLE_LEAD = 4
"""How many blocks under a heading with no number may come before its table's 项目编码 or 项目名称 row."""


#: A title line: short, no sentence in it — （一）医疗设备购置项目.
_TITLE_LINE_RE = re.compile(r"^[^，。；：:,;！!？?]{2,60}$")
#: A project code: letters and digits, at least six (32092424P00040001).
_CODE_RE = re.compile(r"^[0-9A-Za-z-]{6,}$")


#: A table's title: 绩效目标表, or the template's 绩效目标申报表.
_TABLE_TITLE_RE = re.compile(r"绩效目标(?:申报)?表")


def heads_project(blocks: list[Block], i: int) -> bool:
    """Whether block ``i`` is a project table's heading: a numbered one (:func:`project_heading`), or one
    with no number (优抚对象抚恤补助项目支出绩效目标表) right above a table giving a project's code or name
    (after its unit's row and a 单位：元 line, say) — or any title line right above a table whose rows give a
    project's code (（一）医疗设备购置项目 over 项目名称 … 项目编码 32092424P00040001). Not a line right under a
    table's heading (its unit's name, （2023年度）), nor a line over the table's own title (表7 over 2024年项目支出绩效目标表),
    nor a table whose 项目名称 heads a column (a list of projects), nor
    the unit-wide goals' table (（一）部门整体绩效目标表: its rows are the unit's, :mod:`~budget_audit.parse.unit_goals`)."""
    block = blocks[i]
    if not isinstance(block, Para) or UNIT_GOALS_RE.search(block.text):
        return False  # （一）部门整体绩效目标表: the unit-wide goals' table
    if "绩效目标表" in block.text and project_heading(block.text) is not None:
        return True
    titled = _TABLE_TITLE_RE.search(block.text) is not None and project_heading(block.text, bare=True) is not None
    previous = blocks[i - 1] if i else None
    above = project_heading(previous.text, bare=True) if isinstance(previous, Para) else None
    if above is not None and titled and numbered_project(previous.text) and not _TABLE_TITLE_RE.search(previous.text):
        above = None  # 项目1：国土空间规划编制经费 over the table's own title: the title is the heading
    if above is not None and not (titled and is_group_title(above)):
        return False  # 2.执法经费绩效目标表 / 大厂回族自治县发展和改革局: the heading's own line (but not 项目支出绩效目标表（1）
        #               under （二）项目支出绩效目标表, a heading over all the tables)
    after = _as_row(blocks[i + 1]) if i + 1 < len(blocks) else None
    title_line = _TITLE_LINE_RE.match(block.text) or numbered_project(block.text)  # 项目1：国土空间规划编制经费
    if not titled and (after is None or isinstance(after, Para) and len(after.text) > _UNIT_NOTE_LEN
                       or not title_line or is_section_heading(block.text)):
        return False  # (most paragraphs: no table right under them)
    for after in blocks[i + 1 : i + 1 + _TABLE_LEAD]:
        after = _as_row(after)
        if isinstance(after, Para):
            if (len(after.text) > _UNIT_NOTE_LEN or project_heading(after.text, bare=True) is not None
                    or not titled and _TABLE_TITLE_RE.search(after.text)):
                return False  # prose, or the table's own heading (表7 over 2024年项目支出绩效目标表: that title)
        elif titled and (_labelled(after, "code") or _labelled(after, "name")):
            return True
        elif any(_CODE_RE.match(value.text.strip()) for _, value in _labelled(after, "code")):
            return True
    return False


#: The kind of a fund named in brackets after its label: 其他资金（事业收入）, 财政拨款（一般公共预算）, 其他资金（自有资金）.
_FUND_KIND = r"(?:[（(][^（）()\d]{1,12}[）)])?"
#: Row labels of a project table, by field; a label may end in a colon or a unit in
#: parentheses (预算数（万元）), and 其中 may lead it.
_LABELS: dict[str, re.Pattern[str]] = {
    "code": re.compile(r"^项目(?:编码|代码|编号)$"),
    "unit_code": re.compile(r"^(?:预算)?单位(?:编码|代码|编号)$"),
    "unit_name": re.compile(r"^(?:(?:预算)?单位名称|预算单位(?:名称)?)$"),
    "name": re.compile(r"^项目名称$"),
    "budget": re.compile(
        r"^(?:预算数|预算金额|预算总额|本年预算|年度预算数?|项目预算|资金总额|年度资金总额|项目资金|项目资金总额|项目总额|预算资金)$"
    ),
    "fiscal": re.compile(
        rf"^(?:其中|资金来源)?(?:财政资金|财政拨款(?:资金)?|一般公共预算(?:资金|拨款)?|政府性基金(?:预算)?(?:资金|拨款)?)"
        rf"{_FUND_KIND}$"
    ),
    "other": re.compile(rf"^(?:其中|资金来源)?(?:其他资金|上年结转(?:资金)?|自筹资金|单位自筹(?:资金)?){_FUND_KIND}$"),
    "goal": re.compile(r"^(?:(?:年度|项目)?绩效目标(?:[（(]年度[）)])?|(?:年度|项目)?(?:总体)?目标)$"),  # not 中长期目标
    "use": re.compile(r"^(?:资金|主要)用途$"),
}
_LABEL_NOISE_RE = re.compile(rf"[:：]|[（(](?:{MONEY_UNITS}|%|％)[）)]")


@functools.lru_cache(maxsize=1024)
def _field(key: str) -> str | None:
    """The field a row label names (``其中：财政资金`` → fiscal), or None."""
    bare = _LABEL_NOISE_RE.sub("", key)
    return next((name for name, pattern in _LABELS.items() if pattern.match(bare)), None)


def _label_unit(key: str) -> str | None:
    """The money unit a label carries: 预算数（万元） → 万元."""
    match = LABEL_UNIT_RE.search(key)
    return match[1] if match else None


#: The label of a spending plan's row of values (累计进度, 累计支出进度, 支出比例（%）).
_PLAN_ROW_RE = re.compile(r"累计|进度|比例|%|％")


def _is_plan_label(key: str) -> bool:
    """资金支出计划（%） / 资金支出进度计划 / 支出计划（累计%）."""
    return "计划" in key and "支出" in key


def _labelled(row: Row, field: str) -> list[tuple[Cell, Cell]]:
    """(label cell, value cell) of every label in ``row`` that names ``field`` and is followed
    by a value, not by another label (项目资金 | 年度资金总额 | 4860000.00: the second one)."""
    keys = row.keys
    return [(row.cells[i], row.cells[i + 1]) for i in range(len(keys) - 1)
            if _field(keys[i]) == field and _field(keys[i + 1]) is None]


def _group_unit(row: Row) -> str | None:
    """The money unit a label over the budget's fields states for them, beside its first one (项目资金（万元） | 年度资金总额 |
    650.00, then 其中：财政拨款 | 650.00 below it): read as the label of no value, its unit went unread and 650.00 was
    650元 in a table of 万元."""
    keys = row.keys
    return next((unit for i in range(len(keys) - 1)
                 if _field(keys[i]) == "budget" and _field(keys[i + 1]) is not None and (unit := _label_unit(keys[i]))), None)


def goal_cell(row: Row) -> Cell | None:
    """The goal a row labelled as one gives (年度绩效目标 | …, 年度总体目标 | …), else None."""
    if not row.keys or _field(row.keys[0]) != "goal":
        return None
    return next((c for c in row.cells[1:] if c.text), None)


def _names_fields(row: Row) -> bool:
    return any(_field(key) is not None for key in row.keys)


def _value(row: Row, field: str) -> Cell | None:
    found = _labelled(row, field)
    return found[0][1] if found else None


_UNIT_NOTE_LEN = 16
"""The longest paragraph between a project's heading and its table read as its unit note (（金额单位：万元）)."""


#: A field written as a line of its own, label and value apart by a colon: 项目编码：41152923P03010001.
_LABEL_LINE_RE = re.compile(r"^\s*(?P<label>[^：:\s]{2,14})\s*[：:]\s*(?P<value>\S.*)$")
#: The budget's parts written after it on its line: 1000.00元（其中：财政资金900.00元，其他资金0元） / …元，其中：… — its
#: thousands separators (1,856.00万元) no clause's comma.
_BUDGET_PARTS_RE = re.compile(
    r"^(?P<amount>(?:(?<=\d),(?=\d{3})|[^，,；;（(])+?)\s*(?:[（(]\s*|[，,]\s*)(?P<parts>其中.*?)[）)]?\s*[。；;]?$")
#: One part there: 财政资金900.00元.
_PART_RE = re.compile(rf"(?P<label>[^\d，,；;：:（）()、]+?)\s*[：:]?\s*(?P<amount>\d[\d,]*(?:\.\d+)?\s*{MONEY_UNITS}?)")


def _as_row(block: Block) -> Block:
    """A paragraph that writes one of a project table's fields as ``label：value`` (项目编码：41152923P03010001,
    预算金额：68000000.00元（其中：财政资金…元，其他资金…元）, 年度绩效目标：…) as the row ``label | value`` a table would
    give — the budget's parts written after it as cells of their own, and fields after it on its line parted by ；
    as pairs of cells of their own; any other block as it is. (Such fields went unread: a false CP007
    "缺少项目编码、预算数、绩效目标" for each table; a false RC005 error for a document of ；-joined fields.)"""
    if not isinstance(block, Para) or (found := _LABEL_LINE_RE.match(block.text)) is None:
        return block
    field = _field(found["label"])
    if field is None and not _is_plan_label(found["label"]):
        return block
    line, end = block.line, block.end_line
    fields = [found]
    if field is not None and ("；" in block.text or ";" in block.text):
        # 项目编码：43112225P…；预算金额：1,856.00万元（其中…）；实施单位：…: several fields on one line, one after the other
        apart = [_LABEL_LINE_RE.match(part) for part in re.split(r"[；;]", block.text.rstrip("。；; "))]
        if all(apart) and sum(_field(f["label"]) is not None for f in apart if f) >= 2:
            fields = [f for f in apart if f]
    cells: list[Cell] = []
    for found in fields:
        value = found["value"].strip()
        cells.append(Cell(found["label"], line, line))
        if _field(found["label"]) == "budget" and (split := _BUDGET_PARTS_RE.match(value)):
            cells.append(Cell(split["amount"].strip(), line, end))
            for part in _PART_RE.finditer(split["parts"].removeprefix("其中").lstrip("：: ")):
                if _field(part["label"].strip()) in ("fiscal", "other"):
                    cells += [Cell(part["label"].strip(), line, end), Cell(part["amount"].strip(), line, end)]
        else:
            cells.append(Cell(value, line, end))
    return Row(cells)


#: Where a cell's label may end and its value start: a colon, or a space (其他资金 0.00).
_FIELD_GAP_RE = re.compile(r"\s*[：:]\s*|\s+")


def _field_cell(text: str) -> tuple[str, str] | None:
    """The label and value of a cell that opens with a field's label, apart from its value by a colon or a space
    (其中：财政资金 3,000,000.00 → 其中：财政资金 | 3,000,000.00; 其他资金 0.00), else None."""
    for gap in _FIELD_GAP_RE.finditer(text):
        label, value = text[: gap.start()].strip(), text[gap.end() :].strip()
        if label and value and _field(label) is not None:
            return label, value
    return None


def _cells_as_rows(row: Row) -> list[Block]:
    """The cells of a row of fields, each a row ``label | value`` of its own (:func:`_as_row`, or
    :func:`_field_cell` for a label a space parts from its value in a row of several cells), a budget's parts joined to the budget's
    row: 预算数（元）：3,000,000.00⇥其中：财政资金 3,000,000.00⇥其他资金 0.00 reads 预算数 | 3,000,000.00 | 其中：财政资金 |
    3,000,000.00 | 其他资金 | 0.00. (Read as one cell, 其他资金 0.00 having no colon, the row was one label that no field
    names: a false CP007 "缺少：预算数" for every project, the budget's checks skipped.)"""
    out: list[Block] = []
    cells = [c for c in row.cells if c.text]
    for cell in cells:
        found = _LABEL_LINE_RE.match(cell.text)
        split = None if found and _field(found["label"]) or len(cells) == 1 else _field_cell(cell.text)
        if split is None:
            out.append(_as_row(Para(cell.text, cell.line, cell.end_line)))
            continue
        label, value = split
        pair = [Cell(label, cell.line, cell.end_line), Cell(value, cell.line, cell.end_line)]
        if _field(label) in ("fiscal", "other") and out and isinstance(out[-1], Row) and _labelled(out[-1], "budget"):
            out[-1] = Row(out[-1].cells + pair)
        else:
            out.append(Row(pair))
    return out


def _fields_as_rows(body: list[Block]) -> list[Block]:
    """``body`` with the ``label：value`` paragraphs before the indicator table as rows (:func:`_as_row`); a note
    after the table (预算数：以上25个项目预算数合计…) is no row of it."""
    out: list[Block] = []
    for at, block in enumerate(body):
        if isinstance(block, Row) and ("一级指标" in block.keys or path_header(block.keys)):
            return out + body[at:]
        cells = [c.text for c in block.cells if c.text] if isinstance(block, Row) else []
        if cells and all(_LABEL_LINE_RE.match(c) or len(cells) > 1 and _field_cell(c) for c in cells):
            # label：value lines taken for the cells of one row, above a table of tab-parted rows, or a row of such
            # cells (单位名称：405012故城县人民医院⇥⇥⇥金额单位：元, 预算数（元）：3,000,000.00⇥其他资金 0.00) — not a line
            # of one cell a space parts (项目编码    1310…   项目名称    …: an aligned table's row read whole)
            out += _cells_as_rows(block)
        else:
            out.append(_as_row(block))
    return out


def parse_project(heading: Para, body: list[Block], lines: dict[int, str], unit: str = "元") -> Project:
    """One project table; ``unit`` is its money unit unless the table states one."""
    body = _fields_as_rows(body)
    match = project_heading(heading.text, bare=True)
    title = match["title"] if match else heading.text
    project = Project(
        seq=_seq(match),
        heading=Text(title, Span(heading.line, heading.end_line, heading.text)),
        money_unit=unit,
    )
    rows = [b for b in body if isinstance(b, Row)]
    table_at = next((r.line for r in rows if any(_field(k) for k in r.keys)), None)  # its first labelled row
    notes = [b.text for b in body if isinstance(b, Para) and len(b.text) <= _UNIT_NOTE_LEN
             and (table_at is None or b.line < table_at)]
    # …绩效目标表（单位：万元）, or 单位：万元 on a line of its own between the heading and the table
    stated = next((m for text in [heading.text, *notes] if (m := MONEY_UNIT_RE.search(text))), None)
    if stated:
        project.money_unit = stated["unit"]
    project.end_line = max([heading.line] + [r.end_line for r in rows])
    table: IndicatorTable | None = None
    prev: Row | None = None
    fiscal_rows: list[tuple[Cell, Cell]] = []  # the fiscal funds' labels and values read so far
    for row in rows:
        keys = row.keys
        if table is not None:
            if not table.take_sub_header(keys) and (indicator := table.read(row, lines)) is not None:
                project.indicators.append(indicator)
            continue
        first = keys[0] if keys else ""
        if project.unit_code is None and _UNIT_RE.match(first) and (coded := _coded_unit(row.cells[0], lines)):
            project.unit_code, project.unit_name = coded  # 303001大厂回族自治县发展和改革局 over the table
        if project.unit_code is None and (cell := _value(row, "unit_code")) is not None:
            code = re.search(r"(?<!\d)\d{6}(?:\d{3})?(?!\d)", cell.key)  # 单位编码 | 303001 | …
            if code:
                project.unit_code = Text(code.group(0), make_span(lines, cell.line, cell.end_line))
                project.unit_name = _text(_value(row, "unit_name"), lines)
        if (project.unit_code is None and (cell := _value(row, "unit_name")) is not None
                and (coded := _coded_unit(cell, lines)) and coded[1].text):
            project.unit_code, project.unit_name = coded  # 单位名称 | 501012青石镇人民政府, 预算单位 | 318001…
        for cell in row.cells:
            unit = MONEY_UNIT_RE.search(cell.key)
            if unit:
                project.money_unit = unit["unit"]
        if (grouped := _group_unit(row)) is not None:
            project.money_unit = grouped  # 项目资金（万元） | 年度资金总额 | 650.00: the unit of the funds' rows
        if (cell := _value(row, "code")) is not None:
            project.code = _text(cell, lines)
        if (cell := _value(row, "name")) is not None:
            project.name = _text(cell, lines)
        budget = _labelled(row, "budget")
        if budget:
            label, cell = budget[0]
            unit = _label_unit(label.key) or project.money_unit
            project.budget = _money("预算数", cell, unit, lines)
            fiscal_rows = _labelled(row, "fiscal")
            project.fiscal = _funds("财政资金", fiscal_rows, unit, lines)
            project.other = _funds("其他资金", _labelled(row, "other"), unit, lines)
        elif project.budget is not None and (fiscal := _labelled(row, "fiscal")) and (
                project.fiscal is None or _of_kinds(fiscal) and _of_kinds(fiscal_rows)):
            # 其中：财政拨款 on a row of its own below 年度资金总额 (the 财政部 template); or the next kind of them
            # (其中：财政资金（一般公共预算） | 500.00, then 财政资金（政府性基金） | 100.00)
            fiscal_rows = [*fiscal_rows, *fiscal] if project.fiscal is not None else fiscal
            project.fiscal = _funds("财政资金", fiscal_rows, project.money_unit, lines)
        elif project.budget is not None and (other := _labelled(row, "other")) and project.other is None:
            project.other = _funds("其他资金", other, project.money_unit, lines)
        elif (cell := _value(row, "use")) is not None:
            project.use_of_funds = _text(cell, lines)
        elif (prev is not None and _labelled(prev, "budget") and first == "" and len(row.cells) >= 2
              and not _names_fields(row)):
            project.use_of_funds = _text(next((c for c in row.cells[1:] if c.text), None), lines)
        if prev is not None and prev.keys and _is_plan_label(prev.keys[0]) and (
                first == "" or _PLAN_ROW_RE.search(first) or PLAN_CELL_RE.match(first)):
            project.spending_plan += _plan_under(prev, row, lines)
        if first and _is_plan_label(first) and not project.spending_plan:
            project.spending_plan = _plan_in_cells(row, lines)  # 资金支出计划（%） | 3月底 20% | … or …：3月底25%，…
        if (goal := goal_cell(row)) is not None:
            project.goal = _text(goal, lines)
        if (first.startswith("一级指标") or first in _SEQ_HEADERS and len(keys) > 1 and keys[1].startswith("一级指标")
                or path_header(keys)):
            table = IndicatorTable.from_header(keys)  # 一级指标 | …, 序号 | 一级指标 | … or 指标 | 指标值
        prev = row
    return project


def _plan_under(header: Row, row: Row, lines: dict[int, str]) -> list[PlanPoint]:
    """The spending plan of the months a header row gives (资金支出计划（%） | 3月底 | …) and the values in the row under
    it, each in order: a blank cell more in either (资金支出计划（%）⇥⇥3月底… over ⇥60%…) shifts no value to another
    month, and a row of values alone (20% | 45% | …: a PDF's cells one a line) has no label cell before them (its first
    value was taken for one: every value one month early, the last month none)."""
    cells = row.cells if PLAN_CELL_RE.match(row.cells[0].text) else row.cells[1:]
    labels = [c for c in header.cells[1:] if c.text]
    values = [c for c in cells if c.text]
    pairs = zip(labels, values, strict=False) if len(labels) == len(values) else zip(header.cells[1:], cells, strict=False)
    return [PlanPoint(label.key, parse_quantity(cell.text), make_span(lines, cell.line, cell.end_line))
            for label, cell in pairs if label.text]


#: A point of a spending plan written with its month in one cell or a line: 3月底 20%, 6月底：50%, with what reaches
#: it between them: 3月底累计支出25%, 6月底前累计拨付达到50%.
_PLAN_POINT_RE = re.compile(rf"(?P<label>{PLAN_MONTH_PATTERN})\s*(?:前?累计(?:支出|拨付|使用)?(?:进度)?(?:达到?|为)?)?"
                            rf"\s*[：:]?\s*(?P<value>{PLAN_VALUE_PATTERN})")


def _plan_in_cells(row: Row, lines: dict[int, str]) -> list[PlanPoint]:
    """The spending plan a row gives with each month beside its value (资金支出计划（%） | 3月底 20% | 6月底 50% | …, or
    资金支出计划（%）：3月底25%，6月底55%，… as a line) — those layouts were never read, so a plan that fell back
    (IN010) went unreported; [] for the header-over-values layout (read with the row under it)."""
    points = []
    cells = row.cells[1:]
    for cell in cells:
        for found in _PLAN_POINT_RE.finditer(cell.text):
            points.append(PlanPoint(re.sub(r"\s", "", found["label"]), parse_quantity(found["value"]),
                                    make_span(lines, cell.line, cell.end_line)))
    if not points and len(cells) > 1 and len(cells) % 2 == 0 and all(
            PLAN_MONTH_RE.match(m.text) and PLAN_CELL_RE.match(v.text) for m, v in zip(cells[::2], cells[1::2], strict=True)):
        # 3月底 / 25 / 6月底 / 50 …: each month with its value after it, one cell a line
        points = [PlanPoint(re.sub(r"\s", "", m.text), parse_quantity(v.text), make_span(lines, v.line, v.end_line))
                  for m, v in zip(cells[::2], cells[1::2], strict=True)]
    return points


def _funds(name: str, found: list[tuple[Cell, Cell]], unit: str, lines: dict[int, str]) -> Figure | None:
    """其他资金 (``name``) — or the sum of the sources when several are listed (上年结转资金, 自筹资金); 财政资金 — or the sum
    of its kinds when each is named (财政资金（一般公共预算）, 财政资金（政府性基金）), not of a total and its parts
    (财政资金 | 650.00 | 其中：一般公共预算 | 500.00: the first). None when none is listed or all are blank."""
    figures = [f for label, cell in found
               if (f := _money(name, cell, _label_unit(label.key) or unit, lines)) is not None]
    if len(figures) <= 1 or name == "财政资金" and not _of_kinds(found):
        return figures[0] if figures else None
    amounts = [f.value.yuan for f in figures]
    if any(a is None for a in amounts):
        return figures[0]
    total = sum((a for a in amounts if a is not None), Decimal(0))
    names = "、".join(label.text for label, _ in found)
    return Figure(f"{name}（{names}之和）", parse_money(f"{total}元"), figures[0].span)


#: A fund's kind in brackets ending its label (:data:`_FUND_KIND`): 财政资金（一般公共预算）, 财政拨款（本年安排） — not its
#: unit (财政资金（万元）: :func:`_of_kinds`).
_KIND_RE = re.compile(_FUND_KIND.removesuffix("?") + r"\s*[：:]?\s*$")


def _of_kinds(found: list[tuple[Cell, Cell]]) -> bool:
    """Whether each fund label of ``found`` names its kind (:data:`_KIND_RE`): parts to add up, no total and its parts."""
    return bool(found) and all(_KIND_RE.search(label.key) and not _label_unit(label.key) for label, _ in found)


def _money(label: str, cell: Cell | None, unit: str, lines: dict[int, str]) -> Figure | None:
    if cell is None or not cell.text:
        return None
    text = cell.text.lstrip("￥¥ ")  # a currency sign before the figure
    return Figure(label, parse_money(text, unit), make_span(lines, cell.line, cell.end_line))


#: A 序号 column's header, before 一级指标.
_SEQ_HEADERS = ("序号", "编号", "No.", "No")
#: Indicator-table columns by the words of their headers.
_COLUMN_WORDS = {"level1": "一级", "level2": "二级", "level3": "三级", "description": "描述",
                 "scoring": "分标准", "value": "指标值", "basis": "依据"}
#: The sample's layout, for a header that names too little.
_DEFAULT_COLUMNS = {"level1": 0, "level2": 1, "level3": 2, "description": 3, "value": 4, "basis": 5}
#: The parts of a value split over columns under one 指标值 header, by the words of their
#: headers in the second header row: 符号/运算符 | 值/数值/指标值 | 单位/计量单位.
_VALUE_PART_RES = {"op": re.compile(r"符|运算"), "measure": re.compile(r"单位"), "value": re.compile(r"值")}
#: Columns beside 指标值 in the header row itself that hold the rest of the value: its
#: operator (指标方向, 运算符, 符号) and its unit (度量单位, 计量单位).
_OP_COLUMN_RE = re.compile(r"^(?:指标)?(?:方向|运算符|运算符号|符号|性质)$")
_MEASURE_COLUMN_RE = re.compile(r"^(?:度量|计量)?单位$")
#: An 指标方向 written as a direction: 正向 (the more the better: a floor), 反向 (a ceiling),
#: 定性 (a value in words, no operator).
_DIRECTIONS = {"正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤", "定性": "", "定性指标": "", "定量": "",
               "定量指标": ""}  # 指标性质 定量/定性: the kind, no operator


#: The header of the cell that names each indicator by its path (指标 | 指标值 over 产出指标—数量指标—日常养护里程 | ≥860公里).
_PATH_HEADERS = ("指标", "绩效指标", "指标名称", "指标内容")
#: The dashes between the levels of such a path: —, －, ─ or -.
_PATH_DASH_RE = re.compile(r"\s*(?:[—－─]+|-)\s*")


def path_header(keys: list[str]) -> bool:
    """Whether a row heads an indicator table that names each indicator by its path in one cell: 指标 | 指标值."""
    return (len(keys) >= 2 and keys[0] in _PATH_HEADERS and any(k.startswith("指标值") for k in keys[1:])
            and not any("一级" in k for k in keys))


def indicator_path(text: str) -> tuple[str, str, str]:
    """一级, 二级 and 三级 of an indicator named by its path (产出指标—数量指标—日常养护里程); a name that is no path
    (its first part no 一级 class) as the 三级 name alone."""
    parts = _PATH_DASH_RE.split(text.strip(), maxsplit=2)
    if len(parts) < 2 or not LEVEL1_RE.match(parts[0]):
        return "", "", text
    return parts[0], parts[1] if len(parts) == 3 else "", parts[-1]


def _value_part(key: str) -> str | None:
    """Which part of a split 指标值 a second-header cell names: op, value or measure."""
    return next((field for field, pattern in _VALUE_PART_RES.items() if pattern.search(key)), None)


def indicator_columns(header: list[str]) -> dict[str, int]:
    """Field → column of an indicator table, from its header row: 一级指标 | 二级指标 |
    三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据 in any order, with or without 描述 and
    依据, and with other columns (指标解释, 权重, 评（扣）分标准) beside them."""
    columns: dict[str, int] = {}
    for index, key in enumerate(header):
        for field, word in _COLUMN_WORDS.items():
            if field in columns or word not in key:
                continue
            if field == "value" and "依据" in key:
                continue  # 指标值确定依据 is the basis
            columns[field] = index
            break
    if "level1" not in columns and "level3" not in columns and "value" in columns and path_header(header):
        return {"path": 0, **columns}  # 指标 | 指标值: each indicator's levels in one cell
    if "level3" not in columns:  # 一级指标 | 二级指标 | 指标名称 | 指标值
        named = next((i for i, key in enumerate(header) if key in ("指标名称", "指标内容", "绩效指标")
                      and i not in columns.values()), None)
        if named is not None:
            columns["level3"] = named
    if not {"level1", "level3", "value"} <= set(columns):
        return dict(_DEFAULT_COLUMNS)
    for index, key in enumerate(header):  # 指标方向 | 指标值 | 度量单位 in the one header row
        if index in columns.values():
            continue
        field = "op" if _OP_COLUMN_RE.search(key) else "measure" if _MEASURE_COLUMN_RE.search(key) else None
        if field is not None and field not in columns:
            columns[field] = index
    return columns


def _split_value(columns: dict[str, int], parts: dict[str, int]) -> dict[str, int]:
    """``columns`` once the 指标值 cell is split into ``parts`` (field → column, counted from
    指标值's own): the columns after it move right by the cells added."""
    at = columns["value"]
    extra = max(parts.values())
    moved = {f: (i + extra if i > at else i) for f, i in columns.items() if f != "value"}
    return moved | {f: at + offset for f, offset in parts.items()}


#: A unit written at the end of an indicator's name: 临时救助人次（人次）, 覆盖率（%）.
_NAMED_UNIT_RE = re.compile(r"[（(]\s*([^（）()\d]{1,5})\s*[）)]\s*$")


@dataclass
class IndicatorTable:
    """Reads the rows of one indicator table, from its header on.

    Columns come from the header row (:func:`indicator_columns`); a second header row
    that splits 指标值 into 符号 | 值 | 单位 is taken in (:meth:`take_sub_header`). Merged
    cells are read as a reader of the printed table would: a blank 一级指标 or 二级指标
    cell repeats the one above it (the 二级 one only under the same 一级指标); a row
    shorter than the header lost its leading merged cells (the first cell then holds a
    二级 or 三级 name). A row wider than the header by one or two, with an operator under
    指标值, has its value split in three, as the unit-wide table prints it without a
    second header row; in a split table, a row two cells short has the three merged.
    """

    columns: dict[str, int]
    width: int
    level1: str = ""
    level2: str = ""
    unsplit: dict[str, int] | None = None  # the columns before a second header row split 指标值

    @classmethod
    def from_header(cls, header: list[str]) -> IndicatorTable:
        return cls(indicator_columns(header), len(header))

    def take_sub_header(self, keys: list[str]) -> bool:
        """Take a second header row that splits 指标值 (｜符号｜值｜单位（文字描述）｜, or
        运算符 | 数值 | 计量单位, its blank cells in front perhaps left off); False if
        ``keys`` is none."""
        if "value" not in self.columns or "op" in self.columns or not any("值" in k for k in keys):
            return False  # every data row comes here: the cheap test first
        named = [(i, _value_part(k)) for i, k in enumerate(keys) if k]
        fields = [f for _, f in named]
        if len(named) < 2 or None in fields or len(set(fields)) < len(fields) or "value" not in fields:
            return False
        at = self.columns["value"]
        first = named[0][0] if named[0][0] >= at else 0  # the blank cells in front left off
        parts = {f: i - first for i, f in named if f is not None}
        self.unsplit = self.columns
        self.columns = _split_value(self.columns, parts)
        self.width += max(parts.values())
        return True

    def _aligned(self, texts: list[str]) -> tuple[list[str], dict[str, int]]:
        """The cells of a row as the header lays them out, and the columns to read them by."""
        columns, width = self.columns, self.width
        if "op" in columns and len(texts) == width - 2 and self.unsplit is not None:
            return texts, self.unsplit  # 符号 | 值 | 单位 merged into one cell (及时)
        if width < len(texts) <= width + 2 and "op" not in columns and "value" in columns and any(texts[width:]):
            at = columns["value"]
            if at + 1 < len(texts) and (not texts[at] or texts[at] in OPERATORS) and texts[at + 1]:  # ≥ | 80.00 | 家
                return texts, _split_value(columns, {"op": 0, "value": 1, "measure": 2})
        missing = width - len(texts)
        if not 0 < missing <= 2 or columns.get("level1") != 0 or columns.get("level2") != 1 or not texts[0]:
            return texts, columns
        # A row short of cells lost either its merged cells in front or blank ones at the
        # end: a 一级 name first means the ones at the end, a 二级 name the 一级 cell, and a
        # 三级 name the 一级 and 二级 cells when two are missing.
        first, second = texts[0], texts[1] if len(texts) > 1 else ""
        if LEVEL1_RE.match(first) and (not first.startswith("成本") or LEVEL2_RE.match(second)):
            return texts, columns  # 成本指标 is a 一级 name (2021 framework) before a 二级 one
        if LEVEL2_RE.match(first):
            return [""] + texts, columns
        return ([""] * 2 + texts if missing == 2 else texts), columns

    def read(self, row: Row, lines: dict[int, str]) -> Indicator | None:
        texts = [c.text for c in row.cells]
        if not any(texts) or any(k.startswith("一级指标") for k in row.keys[:2]):
            return None  # the header again (after a page break)
        texts, columns = self._aligned(texts)

        def get(field: str) -> str:
            index = columns.get(field)
            return texts[index] if index is not None and index < len(texts) else ""

        named = indicator_path(get("path")) if "path" in columns else (get("level1"), get("level2"), get("level3"))
        level1 = named[0] or self.level1
        level2 = named[1] or (self.level2 if level1 == self.level1 else "")
        self.level1, self.level2 = level1, level2
        value = get("value")
        if "op" in columns or "measure" in columns:
            op = _DIRECTIONS.get(get("op"), get("op"))
            written = to_halfwidth(value).lstrip()[:1] in OPERATORS  # ≥450套 | 正向: its own operator
            value = f"{'' if written else op}{value}{get('measure')}"
        level3 = named[2]
        named_unit = _NAMED_UNIT_RE.search(level3)
        if named_unit and re.fullmatch(r"\s*[≥≤=<>]?\s*\d+(?:\.\d+)?\s*", to_halfwidth(value)):
            value += named_unit[1]  # 临时救助人次（人次） | ≥1500: the unit in the name
        return Indicator(
            level1=level1,
            level2=level2,
            level3=level3,
            description=get("description"),
            value=parse_quantity(value),
            basis=get("basis"),
            span=row.span(lines),
            scoring=get("scoring"),
        )


def parse_projects(blocks: list[Block], lines: dict[int, str]) -> list[Project]:
    """The project tables, each marked :attr:`~budget_audit.model.Project.namesake` when another bears its name."""
    projects = [parse_project(heading, body, lines, unit) for heading, body, unit in split_projects(blocks)]
    titles = Counter(p.title for p in projects)
    for project in projects:
        project.namesake = titles[project.title] > 1
    return projects
