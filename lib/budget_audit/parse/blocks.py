"""Split numbered lines into paragraphs and table rows.

The published text keeps each table cell on a line that starts with a tab; a row
ends at a blank line. A non-tab line directly after a cell continues that cell
(cells split over two lines, e.g. ``其中：财政`` / ``资金``). A table copied from Word or a
spreadsheet has instead one row per line, its cells parted by tabs
(``项目资金⇥年度资金总额⇥4860000.00``): a line with a tab inside is such a row — unless what
stands before its first tab is only a number (``一、⇥单位职责``, ``1.⇥…绩效目标表``: Word's list
numbering), which makes it a paragraph.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..ingest import Line
from ..model import Span
from .wraps import (
    BARE_NUMBER_RE,
    PAGE_MARK_RE,
    TITLE_LINES,
    Wrap,
    bare_page_number,
    continues,
    display_width,
    running_headers,
    wrap_width,
)

_SPACE_RE = re.compile(r"\s+")
CN_NUMERALS = "一二三四五六七八九十"
#: A project table's heading: ``2.执法经费绩效目标表``, ``2、执法经费项目支出绩效目标表（单位：元）``,
#: ``（二）执法经费绩效目标表：``, ``（2）执法经费绩效目标表``, ``表3 执法经费绩效目标表``, ``附表3：执法经费绩效目标表``,
#: in Markdown bold too (``**2. 执法经费绩效目标表**``).
PROJECT_HEADING_RE = re.compile(
    rf"(?:(?P<seq>\d+)\s*[.、．]|(?<!\S)附?表\s*(?P<table_seq>\d+)(?:\s*[.、：:]|\s)|[（(](?P<cn_seq>[{CN_NUMERALS}]+)[）)]\s*[.、]?"
    r"|[（(](?P<paren_seq>\d+)[）)]\s*[.、]?)"
    r"\s*(?P<title>.+?)\s*"
    r"绩效目标表\s*(?:[（(][^（()）]*[）)])?\s*[：:]?\s*(?:\*\*)?\s*$"
)
_CN_DIGITS = {ch: n for n, ch in enumerate(CN_NUMERALS[:9], start=1)}


def cn_number(text: str) -> int | None:
    """一 … 九十九 as a number (the 二 of a heading （二）…); None for anything else."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


#: A heading over all the project tables, not one of them: （五）项目支出绩效目标表.
GROUP_TITLE_RE = re.compile(r"^(?:部门|单位|本单位)?(?:项目|项目支出|专项资金|资金)?$")
#: Lines that always start a new block, even right after a cell.
HEADING_RE = re.compile(rf"^\s*(?:[{CN_NUMERALS}]+、|第[{CN_NUMERALS}]+部分)")


#: A project table's heading with no number (优抚对象抚恤补助项目支出绩效目标表): one line, no sentence, no colon.
_BARE_HEADING_RE = re.compile(
    r"^\s*(?:\*\*)?\s*(?P<title>[^\s，。；：:,;！!？?*#（(【\[][^，。；：:,;！!？?]{1,80}?)\s*"
    r"绩效目标表\s*(?:[（(][^（()）]*[）)])?\s*[：:]?\s*(?:\*\*)?\s*$"
)
#: The template's generic title with one table's number after it: 项目支出绩效目标表（2）, 2026年项目支出绩效目标申报表（2）,
#: 项目支出绩效目标表（2）（2026年度）.
_NUMBERED_TEMPLATE_RE = re.compile(
    rf"^\s*(?:\*\*)?\s*(?:\d{{4}}\s*年度?)?(?P<title>[^\s（(\d]{{0,8}}?)\s*绩效目标(?:申报)?表\s*"
    rf"[（(]\s*(?:(?P<paren_seq>\d{{1,3}})|(?P<cn_seq>[{CN_NUMERALS}]+))\s*[）)]"
    r"\s*(?:[（(]\s*\d{4}\s*年度?\s*[）)])?\s*[：:]?\s*(?:\*\*)?\s*$"
)
#: A title naming the unit-wide goals (部门整体绩效目标表, 单位整体支出绩效目标): no project's.
UNIT_GOALS_RE = re.compile(r"整体(?:支出)?绩效目标")
#: Titles of a bare heading that name no project: the unit's own table, a pointer to the tables.
_NOT_A_PROJECT_RE = re.compile(r"整体|^(?:详见|见|如下|以下|以上|附件|附表|下表)")
#: A project's number and name with no 绩效目标表 in it: 项目1：国土空间规划编制经费, 项目2 不动产登记信息平台运维费.
_NUMBERED_PROJECT_RE = re.compile(
    rf"^\s*(?:\*\*)?\s*项目\s*(?:(?P<seq>\d+)|(?P<cn_seq>[{CN_NUMERALS}]+))\s*(?:[：:.、．]\s*|\s+)"
    r"(?P<title>[^\s，。；：:,;！!？?*][^，。；：:,;！!？?]{1,60}?)\s*(?:\*\*)?\s*$"
)


def project_heading(text: str, *, bare: bool = False) -> re.Match[str] | None:
    """The heading of a project's table (:data:`PROJECT_HEADING_RE`), or None. A generic
    title (项目支出绩效目标表) may head one table or all of them (:func:`is_group_title`).

    With ``bare``, a heading with no number is one too (:data:`_BARE_HEADING_RE`) unless its
    title is generic or the unit's own (部门整体支出绩效目标表), and so are a generic title numbered
    after it (项目支出绩效目标表（2）, one table's: :data:`_NUMBERED_TEMPLATE_RE`) and a project's number
    and name with no 绩效目标表 (项目1：国土空间规划编制经费, :data:`_NUMBERED_PROJECT_RE`); the caller must
    see that a project table follows it (:func:`budget_audit.parse.projects.heads_project`)."""
    match = PROJECT_HEADING_RE.search(text)
    if match is None and bare and (numbered := _NUMBERED_TEMPLATE_RE.match(text)) and GROUP_TITLE_RE.match(numbered["title"]):
        return numbered
    if match is None and bare and (match := _BARE_HEADING_RE.match(text)) is not None:
        if _generic(match["title"]) or _NOT_A_PROJECT_RE.search(match["title"]):
            return None  # 项目支出绩效目标表, 2023年项目支出绩效目标表: over all the tables
    if match is None and bare:
        match = numbered_project(text)
    return match


def numbered_project(text: str) -> re.Match[str] | None:
    """A project's number and name on a line of their own, with no 绩效目标表 (项目1：国土空间规划编制经费)."""
    return _NUMBERED_PROJECT_RE.match(text)


def _generic(title: str) -> bool:
    """Whether a heading's title, its year left off, names no project: 项目支出, 2023年项目支出."""
    return GROUP_TITLE_RE.match(re.sub(r"^\d{4}\s*年度?", "", title)) is not None


def generic_table_title(text: str) -> bool:
    """Whether ``text`` is a table's title with no number that names no project (项目支出绩效目标表, 2024年项目支出绩效目标表:
    the template's, over one table or all of them)."""
    return (match := _BARE_HEADING_RE.match(text)) is not None and _generic(match["title"])


def is_group_title(match: re.Match[str]) -> bool:
    """Whether a project heading's title names no project (（五）项目支出绩效目标表)."""
    return bool(GROUP_TITLE_RE.match(match["title"]))


def starts_block(text: str) -> bool:
    """A section or project-table heading: never the continuation of a table cell."""
    project = project_heading(text)
    return bool(HEADING_RE.match(text)) or (project is not None and not text[: project.start()].strip(" *#"))


@dataclass
class Cell:
    text: str
    line: int
    end_line: int

    @functools.cached_property
    def key(self) -> str:
        """Text without any white space, for label matching (computed once, on first use:
        a cell is complete when :func:`blocks` returns)."""
        return _SPACE_RE.sub("", self.text)


@dataclass
class Row:
    cells: list[Cell] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.cells[0].line

    @property
    def end_line(self) -> int:
        return self.cells[-1].end_line

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    @functools.cached_property
    def keys(self) -> list[str]:
        return [c.key for c in self.cells]

    def is_empty(self) -> bool:
        return not any(c.text for c in self.cells)

    def span(self, lines: dict[int, str]) -> Span:
        return make_span(lines, self.line, self.end_line)


@dataclass
class Para:
    text: str
    line: int
    end_line: int = 0  # its last line when hard-wrapped over several (:func:`~budget_audit.parse.wraps.continues`); 0: ``line``

    def __post_init__(self) -> None:
        self.end_line = self.end_line or self.line


Block = Para | Row


def make_span(lines: dict[int, str], first: int, last: int) -> Span:
    text = " | ".join(lines[n].strip() for n in range(first, last + 1) if lines.get(n, "").strip())
    return Span(first, last, text)


#: What Word writes before the tab of a numbered paragraph: 一、 / 1. / （一） / 第一部分.
_NUMBER_ONLY_RE = re.compile(rf"^\s*(?:[{CN_NUMERALS}]+、|第[{CN_NUMERALS}]+部分|[（(][{CN_NUMERALS}\d]+[)）][、.]?|\d+[.、．])\s*$")


#: A row drawn with bars (Markdown, a PDF converter's box lines): | 预算数 | 2,100,000 | … | / │预算数│2,100,000│, or
#: with bars between the cells only (预算数 | 2,100,000 | …).
_BARS_RE = re.compile(r"\s*[|│｜┃]")
_BAR_RE = re.compile(r"[|│｜┃]")
_INNER_BARS_RE = re.compile(r"\S\s*[|│｜┃](?=\s*\S)")  # the cell after it looked ahead: one-character cells (— | 1) count
#: A table's rule line: |---|:--:| / ├──┼──┤ / +-----+ / ———— / ╞══╪══╡ — no text, only the drawing.
_DRAWING = r"\s\-:=─━+|│｜┃├┤┼┌┐└┘┬┴╋┣┫═╞╡╪╤╧╔╗╚╝╠╣╦╩╬—－"
_RULE_LINE_RE = re.compile(rf"^[{_DRAWING}]*[-─━=═—－]{{3,}}[{_DRAWING}]*$")
_RULE_HINT_RE = re.compile(r"[-─━=═—－]{3}")


def _is_rule(raw: str) -> bool:
    """A table's rule line (no text, only the drawing)."""
    return _RULE_HINT_RE.search(raw) is not None and _RULE_LINE_RE.match(raw) is not None
#: Columns aligned with spaces: three spaces or more (or two ideographic ones) between two fields.
_SPACED_RE = re.compile(r"(?<=\S)(?: {3,}|\u3000{2,})(?=\S)")
_BLANK_FIRST_RE = re.compile(r"^(?: {3,}|\u3000{2,})\S")
#: A figure two spaces after a row's last words, as an aligned table leaves it after a long name: ≥30%, 100%, =12个.
_TWO_SPACED_VALUE_RE = re.compile(
    r"(?<=[\u4e00-\u9fff）)])(?<![年月日]) {2}((?:[≥≤<>=＝]\s*\d[\d.,]*\s*[%％]?[^\s\d]{0,6}|\d[\d.,]*\s*(?:[%％]|[^\s\d]{1,2})?))$"
)  # not a name going on (城区道路  2号线改造)


def _fields(raw: str) -> list[str] | None:
    """A row's fields when the line is written as one — cells parted by tabs (after one leading tab) or drawn with
    bars; None for a line of another kind (:func:`_spaced_fields` reads columns aligned with spaces)."""
    body = raw.rstrip(" \r\n")  # not its tabs: 合计⇥⇥⇥ is a row of empty cells
    if "\t" in body[1 if body.startswith("\t") else 0:]:
        return body.split("\t")
    if not _BAR_RE.search(body):
        return None  # most lines: no bar at all
    if _BARS_RE.match(body) and len(_BAR_RE.findall(body)) >= 2:
        fields = _BAR_RE.split(body.strip())
        return fields[1:-1] if not fields[-1].strip() else fields[1:]
    if len(_INNER_BARS_RE.findall(body)) >= 2:
        return _BAR_RE.split(body.strip())
    return None


def _without_leading_tab(lines: list[Line], fields: list[list[str] | None],
                         footers: Iterable[int] = ()) -> list[list[str] | None]:
    """``fields`` (each line's :func:`_fields`) with the empty first field dropped from every tab-led row of a table
    (⇥项目⇥数量⇥价值（元）): that tab indents the table, it parts no empty column — read as one, it moved every label a
    column right. A table is a run of two rows on a line or more, blank lines and a page's ``footers`` (- 5 -) between
    them too. A table whose other rows open with a label keeps the empty first cell of its tab-led rows (⇥质量指标⇥…
    under 产出指标⇥数量指标⇥…, on the next page too) — unless they are a column wider than all of those (项目⇥数量⇥价值
    over ⇥资产总额⇥——⇥3,828,000.00: a header not indented)."""
    out = list(fields)
    run: list[int] = []
    skipped = set(footers)
    for at, found in enumerate([*fields, None]):
        if at in skipped or found is None and at < len(lines) and not lines[at].text.strip():
            continue
        if found is not None:
            run.append(at)
            continue
        led = [i for i in run if lines[i].text.startswith("\t") and fields[i][0] == ""]  # type: ignore[index]
        labelled = [len(fields[i]) for i in run if i not in led]  # type: ignore[arg-type]
        if len(run) >= 2 and led and (not labelled or max(len(fields[i]) for i in led) == max(labelled) + 1):  # type: ignore[arg-type]
            for i in led:
                out[i] = fields[i][1:]  # type: ignore[index]
        run = []
    return out


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" \u3000"))


def _spaced_fields(raw: str, indent: int = 0) -> list[str] | None:
    """A row's fields when the line may be one aligned with runs of spaces — its first field a label (no sentence:
    none of 。；，), a blank first cell kept — else None. Only a run of such lines (or one beside other rows) is read
    as rows (:func:`blocks`): a paragraph may have a run of spaces after its opening words. ``indent``: the table's
    own indentation, no blank cell."""
    if "   " not in raw and "\u3000\u3000" not in raw:
        return None  # most lines: no run of spaces at all
    body = raw.rstrip(" \r\n")[indent:]
    if body.startswith("\t") or not (spaced := _SPACED_RE.search(body.strip())):
        return None
    first = body.strip()[: spaced.start()]
    if len(first) > 30 or re.search(r"[，。；,;]", first):
        return None
    fields = _SPACED_RE.split(body.strip())
    while len(fields) > 2 and len(fields[0]) == len(fields[1]) == 1 and "\u4e00" <= fields[1] <= "\u9fff":
        fields[:2] = [fields[0] + fields[1]]  # 项   目 / 合   计: one label spaced out
    for at in range(len(fields) - 2, 0, -1):  # … further on too: 收    入    |    支    出, 预算数 | 项    目
        if len(fields[at]) == len(fields[at + 1]) == 1 and all("\u4e00" <= f <= "\u9fff" for f in fields[at:at + 2]):
            fields[at:at + 2] = [fields[at] + fields[at + 1]]
    if "  " in fields[-1] and (value := _TWO_SPACED_VALUE_RE.search(fields[-1])):
        fields[-1:] = [fields[-1][: value.start()], value[1]]  # 医疗服务收入占医疗收入比例  ≥30%: a long name's narrow gap
    return ["", *fields] if _BLANK_FIRST_RE.match(body) else fields


def page_marks(lines: list[Line]) -> list[int]:
    """The indices of the lines that are a page's footer (:data:`PAGE_MARK_RE`: short, no cell of a table)."""
    return [at for at, line in enumerate(lines) if len(line.text) <= _MARK_LEN and line.text.lstrip(" ")[:1] in _MARK_FIRST
            and PAGE_MARK_RE.match(line.text)]


#: What a page's footer opens with (:data:`PAGE_MARK_RE`).
_MARK_FIRST = frozenset("第共—－-·•0123456789Pp")


_MARK_LEN = 60
"""The longest line that may be a page's footer (centred on the page by pdftotext -layout)."""


def _page_gaps(lines: list[Line], marks: list[int]) -> set[int]:
    """The indices of the lines of each page break: a run of blank lines and a page's footer (``marks``, their
    indices) between two lines of text — a table cut by it goes on after it."""
    gaps: set[int] = set()
    for mark in marks:
        start = end = mark
        while start > 0 and (not lines[start - 1].text.strip() or PAGE_MARK_RE.match(lines[start - 1].text)):
            start -= 1
        while end + 1 < len(lines) and (not lines[end + 1].text.strip() or PAGE_MARK_RE.match(lines[end + 1].text)):
            end += 1
        gaps.update(range(start, end + 1))
    return gaps


def _spaced_tables(lines: list[Line], rules: list[bool], marks: list[int]) -> dict[int, int]:
    """The indices of the lines that make tables aligned with spaces: runs of lines that may be such rows
    (:func:`_spaced_fields`; rule lines between them too) three lines long or with a row of three fields or more —
    not a paragraph with a run of spaces after its opening words, alone, beside another or after a table of tabs
    (（二）收入预算情况    2025年…) — each with the indentation of its table (the least of its lines')."""
    tabular: dict[int, int] = {}
    run: list[tuple[int, list[str] | None]] = []  # (line index, its fields; None for a rule line)
    gaps = _page_gaps(lines, marks)
    for at, line in enumerate([*lines, None]):
        fields = _spaced_fields(line.text) if line is not None else None
        if fields is not None or line is not None and (rules[at] or run and at in gaps):
            run.append((at, fields))
            continue
        rows = [(i, f) for i, f in run if f is not None]  # none for a run of rule lines alone
        if rows and (len(run) >= 3 or len(run) >= 2 and max(len(f) for _, f in rows) >= 3):
            indent = min(_indent(lines[i].text) for i, _ in rows)
            tabular.update(dict.fromkeys((i for i, _ in run), indent))
        run = []
    return tabular


#: Narrower gaps than a table aligned with spaces parts its columns by: two spaces — not within a label spaced out
#: (预 算 数  4,860,000.00, 合 计  12,486,530.00) — then one after an indicator class (满意度指标 服务对象满意度指标 干预…;
#: not within a name: 免疫规划 冷链运维 专项, 工程质量 验收合格率).
_NARROW_GAPS = (re.compile(r"(?<=\S\S) {2}(?=\S)"), re.compile(r"(?<=指标) (?=[\u4e00-\u9fff])"))


def _narrow_gaps(lines: list[Line], tabular: dict[int, int]) -> dict[int, list[str]]:
    """The fields of the rows of tables aligned with spaces (``tabular``: line index → its table's indent), a row
    with fewer fields than the row before or after it (within two lines) split at narrower gaps when that gives it as
    many: pdftotext leaves a gap of two spaces, or one, where a cell fills its column (资金支出计划（%）  3月底 …,
    满意度指标 服务对象满意度指标 干预对象满意度 …); read at three, they were one cell, and the row's columns shifted."""
    fields = {at: found for at, indent in tabular.items() if (found := _spaced_fields(lines[at].text, indent))}
    _place_indented(lines, tabular, fields)
    order = sorted(fields)
    for k, at in enumerate(order):
        near = [o for o in order[max(k - 1, 0) : k + 2] if o != at and abs(o - at) <= 2]
        wanted = {len(fields[o]) for o in near} - set(range(len(fields[at]) + 1))
        for gap in _NARROW_GAPS if wanted else ():
            split = [piece for field in fields[at] for piece in gap.split(field)]
            if len(split) in wanted:
                fields[at] = split
                break
    return fields


def _starts(raw: str) -> list[int]:
    """The columns where the fields of a line aligned with spaces start, in display width (a CJK character two)."""
    body = raw.rstrip()
    return [display_width(body[: len(body) - len(body.lstrip(" \u3000"))])] + [
        display_width(body[: gap.end()]) for gap in _SPACED_RE.finditer(body)]


_COLUMN_SLACK = 2
"""How far, in columns, an indented row's first field may start from the column of a row above it that it stands under."""


def _place_indented(lines: list[Line], tabular: dict[int, int], fields: dict[int, list[str]]) -> None:
    """Give each indented row of a table aligned with spaces (its first cell blank: ``fields``, from
    :func:`_spaced_fields`) as many blank cells as the columns it leaves empty — counted in the nearest row above, of the
    same table and not indented, with a field starting where its first field does (产出指标  数量指标  新建高标准农田面积
    over the row ``新增及改善灌溉面积  ≥0.8万亩``, its 一级 and 二级 cells merged above: two). Read with one blank cell,
    its name stood under 二级指标 and its value under 三级指标 (a false IN002 "指标“≥0.8万亩”未填写指标值"). A row under no
    such field keeps its one blank cell."""
    for at, found in fields.items():
        if found[0] or at - 1 not in tabular:
            continue
        column = _starts(lines[at].text)[0]
        above = at - 1
        while above in tabular:
            if above in fields and fields[above][0]:
                near = [i for i, start in enumerate(_starts(lines[above].text)) if abs(start - column) <= _COLUMN_SLACK]
                if near:
                    fields[at] = [""] * max(near[0], 1) + found[1:]
                    break
            above -= 1


def _label_and_value(raw: str) -> list[str] | None:
    """The two fields of a line written ``label | value`` (one bar between a label — no sentence — and its value)."""
    if not _BAR_RE.search(raw):
        return None  # most lines: no bar at all
    body = raw.strip()
    if len(_BAR_RE.findall(body)) != 1 or _BARS_RE.match(body) or not _INNER_BARS_RE.search(body):
        return None
    label, value = (f.strip() for f in _BAR_RE.split(body))
    return [label, value] if len(label) <= 30 and not re.search(r"[，。；,;]", label) else None


def _bar_pairs(lines: list[Line], rules: list[bool], fields: list[list[str] | None]) -> dict[int, list[str]]:
    """The lines written ``label | value`` within a table drawn with bars (项目编码 | 36073124P…): next to a row of
    that table (``fields``: each line's :func:`_fields`; a rule line between them too) or to another such line — not a
    lone ``a | b`` in a paragraph."""
    if not _BAR_RE.search("\n".join(line.text for line in lines)):
        return {}  # most documents: no bar at all
    pairs = {at: found for at, line in enumerate(lines) if (found := _label_and_value(line.text))}
    if not pairs:
        return {}
    rowlike = {at for at in range(len(lines)) if rules[at] or at in pairs or fields[at] is not None}
    return {at: pair for at, pair in pairs.items() if at - 1 in rowlike or at + 1 in rowlike}


def _row_on_a_line(raw: str, number: int, indent: int | None = None,
                   fields: list[str] | None = None) -> Row | Para | None:
    """A line written as a row (``fields``, its :func:`_fields`; in a table aligned with spaces indented by
    ``indent``, :func:`_spaced_fields` too): a whole row, one cell per field — or, when only a number stands before
    its first field, the paragraph it numbers; None for any other line."""
    fields = fields or (_spaced_fields(raw, indent) if indent is not None else None)
    if fields is None:
        return None
    if _NUMBER_ONLY_RE.match(fields[0]) and sum(1 for f in fields if f.strip()) == 2:  # not a row of a 序号 column
        return Para("".join(f.strip() for f in fields), number)
    return Row([Cell(f.strip(), number, number) for f in fields])


#: The labels a project table's row opens with (预算数, 一级指标, 产出指标 …).
_ROW_LABELS = (r"(?:项目编码|项目名称|预算规模|预算数|资金用途|资金支出计划|(?:年度)?绩效目标|一级指标|产出指标|效益指标"
               r"|满意度指标|单位名称|单位编码)")
#: A project table row's first cell, one of them: after a page break, a row of its own.
_ROW_START_RE = re.compile(rf"^{_ROW_LABELS}")
#: First-level indicator names (一级指标), also shortened (产出, 满意度).
LEVEL1_RE = re.compile(r"^(?:产出|效益|满意度|成本)(?:指标)?$")
#: Second-level names (二级指标) as a whole cell: 数量指标, 社会效益指标, 服务对象满意度指标 …
LEVEL2_RE = re.compile(
    r"^(?:数量|质量|时效|成本|(?:经济|社会|生态(?:环境)?)(?:效益|成本)|可持续影响|服务对象满意度|满意度)指标$"
)


#: A field's label as a cell of its own (预算数, 预算数（元）, 资金支出计划（%）, 年度绩效目标：) — the whole cell.
_ROW_LABEL_RE = re.compile(rf"^{_ROW_LABELS}\s*(?:[（(][^）)]*[）)])?\s*[：:]?$")
#: What may stand before a plan's month: 截至 (截至3月底), the period's first month (1-3月).
_BEFORE_MONTH = r"(?:截[至止]\s*)?(?:\d{1,2}\s*[-—–~至]\s*)?"
#: A spending plan's month (3月底, 3月末, 3月31日, 截至3月底, 1-3月, 第一季度) and a value of it (25%, 100%): the one
#: test of a plan's month, for the rows read (:mod:`~budget_audit.parse.projects`) and for where a row of them ends.
PLAN_MONTH_PATTERN = rf"{_BEFORE_MONTH}(?:\d{{1,2}}\s*月\s*(?:底|末|\d{{1,2}}\s*日)?|第?[一二三四1-4]\s*季度末?)"
PLAN_VALUE_PATTERN = r"\d+(?:\.\d+)?\s*[%％]"
#: A plan's value written with its percent sign alone: 0%, 90%.
_PLAN_PERCENT_RE = re.compile(rf"^{PLAN_VALUE_PATTERN}$")
PLAN_MONTH_RE = re.compile(rf"^(?:{PLAN_MONTH_PATTERN})$")
#: A plan's last month: 12月底, 12月31日, 截至12月底, 第四季度.
_YEAR_END_RE = re.compile(rf"^{_BEFORE_MONTH}(?:12\s*月|第?[四4]\s*季度)")
#: A cell that is a spending plan's value alone: 20% — or, under its months, a bare 20, a 0 or a dash (—).
PLAN_CELL_RE = re.compile(rf"^(?:{PLAN_VALUE_PATTERN}|\d+(?:\.\d+)?|[—－-]+)$")


def _opens_row(text: str, row: Row) -> bool:
    """Whether the cell ``text`` of a table written one cell a line with no blank line between rows (a web page's
    table copied) opens the next row after ``row``: a field's label, the whole cell (预算数, 年度绩效目标, 一级指标,
    产出指标 — not an indicator named 预算数执行率), an indicator's 二级 class — not one right after its 一级 class alone
    (产出指标 / 数量指标 are one row's) — or a spending plan's first value after its months (20%, 20, 0, —)."""
    if not row.cells:
        return False
    if LEVEL2_RE.match(text):
        return not (len(row.cells) == 1 and LEVEL1_RE.match(row.cells[0].text))
    if PLAN_CELL_RE.match(text) and _plan_months(row):
        # a row of months and nothing else (not 3月底 / 25 / 6月底 / 50: months and values in pairs, one row)
        return True  # 资金支出计划（%） 3月底 … 12月底 / 25% …: the values are the next row
    return _ROW_LABEL_RE.match(text) is not None


#: The first cell of a project table: its unit (303001大厂回族…, 单位名称, 单位：元) or a field's label.
_FIRST_CELL_RE = re.compile(r"^(?:\d{6}|单位(?:名称|编码|代码)|(?:金额)?单位[:：]|项目(?:编码|名称|代码)|预算数|项目资金)")


def _opens_untabbed_table(heading: str, lines: list[Line], at: int) -> bool:
    """Whether the heading on line ``at`` opens a project table written one cell a line with no tab before them
    (pdftotext without -layout): a project table's heading whose next line of text is a table's first cell."""
    if project_heading(heading, bare=True) is None:
        return False
    after = next((line.text.strip() for line in lines[at + 1 :] if line.text.strip()), "")
    return _FIRST_CELL_RE.match(after) is not None


def _after_break(number: int, marks: set[int], cells: set[int], blank: set[int]) -> bool:
    """Whether line ``number`` follows a page's footer or a table's cell (blank lines between): where a PDF's running
    header stands (not a signature after the text's last paragraph)."""
    before = number - 1
    while before in blank:
        before -= 1
    return before in marks or before in cells


def _plan_months(row: Row) -> bool:
    """Whether ``row`` is a spending plan's label and its months and nothing else (资金支出计划（%） | 3月底 | 6月底 …)."""
    return len(row.cells) > 2 and all(PLAN_MONTH_RE.match(c.text) for c in row.cells[1:])


def _number_before_values(lines: list[Line], at: int, out: list[Block]) -> bool:
    """Whether line ``at``, a number alone (5), stands right after a plan's months (the last of ``out``: 资金支出计划（%）
    | 3月底 | … | 12月底) with as many values after it, each a percentage (0% / 0% / 0% / 90%): the page's number where a
    page broke the table, no value of the plan — it took 3月底 and the plan read 3月底 5% alone (a false IN012, the
    real 12月底 90% lost). A first value of 0 before 45% / 40% / 100% is one of the four, and stays."""
    if not BARE_NUMBER_RE.match(lines[at].text) or not out or not isinstance(months := out[-1], Row) or not _plan_months(months):
        return False
    after = list(itertools.islice((t for line in lines[at + 1 :] if (t := line.text.strip())), len(months.cells) - 1))
    return len(after) == len(months.cells) - 1 and all(_PLAN_PERCENT_RE.match(t) for t in after)


def _number_between_rows(lines: list[Line], at: int, out: list[Block], untabbed: bool) -> bool:
    """Whether line ``at`` is a number alone between blank lines right after a table's row (the last of ``out``), before
    more of the table: the page's number where a page broke it, not a row of one cell (an indicator of no name: a false
    IN002 指标“”未填写指标值, and CP003). With cells tab-led, one not tab-led before a cell (⇥劳务派遣人员数量 / 5 / ⇥5人:
    the row it cut goes on after it); in a table one cell a line with no tab (pdftotext without -layout, ``untabbed``),
    one after an indicator row with all its cells (产出指标 / … / 聘用合同 / 5 / 质量指标 …) — after a cut row it may be
    the row's value."""
    text = lines[at].text
    if (text.startswith("\t") or not BARE_NUMBER_RE.match(text) or not out or not isinstance(out[-1], Row)
            or at == 0 or lines[at - 1].text.strip() or at + 1 == len(lines) or lines[at + 1].text.strip()):
        return False
    if untabbed:
        return _indicator_header(out) is not None and _whole_row(out)
    after = next((line.text for line in lines[at + 1 :] if line.text.strip()), "")
    return after.startswith("\t")


def _value_in_place(lines: list[Line], at: int, out: list[Block]) -> bool:
    """Whether line ``at``, a number alone in an indicator table written one cell a line with no tab (the rows of
    ``out``, the last of them cut by it), stands where the header's 指标值 does counted from the row's end — as many
    lines after it before the next blank line as columns after 指标值 (劳务派遣人员数量 / 5 / 劳务派遣服务合同约定): the
    row's value, not the page's number its long neighbours make it look (it was dropped: a false IN001 that took the
    basis for the value, a bare 5 or 120 unseen) — no more cells before it than before 指标值 (fewer when the row's
    first cells are merged above): a row's cells end where the header's do, its merged ones left out at its start."""
    from .projects import indicator_columns  # projects imports this module

    if (header := _indicator_header(out)) is None or out[-1] is header:
        return False
    value = indicator_columns(header.keys).get("value")
    if value is None or len(out[-1].cells) > value:
        return False  # the row has its value already (… / ≥95% / 5 / 聘用合同): the number is the page's
    after = 0
    for line in lines[at + 1 : at + len(header.cells) + 1]:
        if not line.text.strip():
            break
        after += 1
    return after == len(header.cells) - 1 - value


def _cells_after(lines: list[Line], at: int) -> int:
    """How many tab-led cells stand after line ``at`` (a page's footer) before the next blank line: a whole row's
    (⇥ / ⇥质量指标 / … / ⇥聘用合同: the next indicator row, its 一级 cell merged above) or only the rest of the row the
    footer cut (⇥合同 after ⇥聘用 / - 3 -: its last cell split by the page)."""
    count = 0
    for line in lines[at + 1 :]:
        if line.text.startswith("\t"):
            count += 1  # ⇥ too: an empty cell
        elif not line.text.strip():
            break
    return count  # a page's running header, a cell's words going on: no cell


def _indicator_header(out: list[Block]) -> Row | None:
    """The header row (一级指标 | …) of the indicator table the last rows of ``out`` are of, if they are one's — whose
    last cell a page may split."""
    for block in reversed(out):
        if not isinstance(block, Row):
            return None
        if any(cell.text == "一级指标" for cell in block.cells):
            return block
    return None


def _whole_row(out: list[Block]) -> bool:
    """Whether the last of ``out`` is a row with all its cells — a page break after it cuts no row, the next row
    (⇥ / ⇥质量指标 / …, its 一级 cell merged above; ⇥2、车辆 / ⇥ / ⇥72 in an asset table; a spending plan's values
    under its months) begins after it: an indicator row with as many cells as its table's header row (一级指标 |
    二级指标 | …; the rows between it and that header, rows too), a plan's months, else a row of three cells or more as
    wide as the row before it (a table of rows alike: 项目 | 数量 | 价值 — not a project's rows of fields, 预算数 | … | 其中：财政资金 cut anywhere)."""
    last = out[-1]
    if (header := _indicator_header(out)) is not None:
        return header is not last and len(last.cells) >= len(header.cells)
    if isinstance(last, Row) and _plan_months(last) and _YEAR_END_RE.match(last.cells[-1].text):
        return True  # 资金支出计划（%） | 3月底 | … | 12月底: its values are a row of their own (not one cut at 6月底)
    rows = out[-2:]
    return len(rows) == 2 and all(isinstance(r, Row) and len(r.cells) == len(last.cells) > 2
                                  and not any(_ROW_LABEL_RE.match(c.text) for c in r.cells) for r in rows)


def blocks(lines: list[Line]) -> list[Block]:
    """Paragraphs and table rows, in order: a paragraph per line of text — or per paragraph hard-wrapped over several,
    across a page's footer too (text from a PDF: :mod:`~budget_audit.parse.wraps`) — and a row per line written as
    one (tabs, bars, columns of spaces) or per run of tab-led cells (one cell a line; in a project table written so
    without tabs too); pages' footers and running headers left out."""
    out: list[Block] = []
    row: Row | None = None
    last_was_cell = False
    rules = [_is_rule(line.text) for line in lines]
    footers = page_marks(lines)
    tabular = _spaced_tables(lines, rules, footers)
    spaced = _narrow_gaps(lines, tabular) if tabular else {}
    fields = _without_leading_tab(lines, [_fields(line.text) for line in lines], footers)
    pairs = _bar_pairs(lines, rules, fields)

    first = lines[0].number if lines else 0

    def text_of(number: int) -> str:
        """The text of line ``number``, without its line end (its indent kept: it counts in its width)."""
        at = number - first  # lines are numbered one after another
        found = lines[at] if 0 <= at < len(lines) and lines[at].number == number else next(
            line for line in lines if line.number == number)
        return found.text.rstrip()

    @functools.cache
    def width() -> Wrap | None:  # measured once, when first needed
        return wrap_width(lines, {at for at in range(len(lines))
                                  if rules[at] or at in pairs or at in tabular or fields[at] is not None})
    headers = running_headers(lines)
    cells: set[int] = set()  # the lines of tab-led cells
    marks: set[int] = set()  # page headers and footers left out
    blank: set[int] = set()

    footer_at = set(footers)

    def is_mark(at: int, text: str) -> bool:
        """Whether line ``at`` (``text``, stripped) is a page's footer (a page's number between a plan's months and
        its values, or between a table's rows, too), or the title atop the next page."""
        number = lines[at].number
        return bool(at in footer_at or bare_page_number(lines, at) and not (in_table and _value_in_place(lines, at, out))
                    or _number_before_values(lines, at, out)
                    or (in_table or not untabbed) and _number_between_rows(lines, at, out, untabbed)
                    or text in headers and number > TITLE_LINES and _after_break(number, marks, cells, blank))

    def page_break(after: int, before: int) -> bool:
        """Whether only a page's header or footer (and blank lines) stands between two lines."""
        if not marks or before - after < 2:
            return False  # most documents: no page's footer at all
        between = range(after + 1, before)
        return any(n in marks for n in between) and all(n in marks or n in blank for n in between)

    untabbed = not any(line.text.startswith("\t") for line in lines)  # cells one a line, no tab before them?
    in_table = False  # within a project table written so (pdftotext without -layout)

    @functools.cache
    def closing() -> set[int]:  # found once, when a table written so is first opened
        from .sections import next_top_headings  # sections imports this module

        return next_top_headings([line.text.strip() for line in lines])
    for at, line in enumerate(lines):
        raw = line.text
        if rules[at]:
            continue  # |---|---| between a drawn table's rows
        if at in pairs:
            out.append(Row([Cell(f, line.number, line.number) for f in pairs[at]]))
            row = None
            last_was_cell = False
            continue
        if ((fields[at] is not None or at in tabular)
                and (whole := _row_on_a_line(raw, line.number, tabular.get(at), fields[at] or spaced.get(at))) is not None):
            out.append(whole)
            row = None
            last_was_cell = False
            continue
        if untabbed and (text := raw.strip()) and not is_mark(at, text):
            if starts_block(text):
                in_table = _opens_untabbed_table(text, lines, at)
            elif in_table and at in closing():
                in_table = False  # 8.名词解释 after 1.…7.: the next top-level section, in the document's own numbering
                row = None  # a heading of its own, right after the last cell too: no going on of that cell
                last_was_cell = False
            elif in_table:
                raw = "\t" + text  # a cell of the table, as the tab-led layout writes it
                if row is not None and _opens_row(text, row):
                    row = None  # no blank line between its rows: the next one begins at its label
        if raw.startswith("\t"):
            if (row is None and out and isinstance(out[-1], Row) and page_break(out[-1].end_line, line.number)
                    and not _ROW_START_RE.match(raw.strip()) and not _whole_row(out)):
                row = out[-1]  # a row cut by a page break goes on after it (not where the next row's label opens)
            elif row is None:
                row = Row()
                out.append(row)
            row.cells.append(Cell(raw.strip(), line.number, line.number))
            cells.add(line.number)
            last_was_cell = True
            continue
        stripped = raw.strip()
        if not stripped:
            blank.add(line.number)
            row = None
            last_was_cell = False
            continue
        if is_mark(at, stripped):
            marks.add(line.number)  # a page break's footer, or the title atop the next page: what it cut goes on
            if row is not None and out and out[-1] is row and _whole_row(out) and (
                    (header := _indicator_header(out)) is None or _cells_after(lines, at) >= len(header.cells)):
                row = None  # …unless it cut no row: the months of a plan, its values after the footer; a whole row's
                # cells after an indicator row with all its cells (not the rest of its last cell: ⇥聘用 / - 3 - / ⇥合同)
            continue
        if last_was_cell and row is not None and not starts_block(stripped):
            cell = row.cells[-1]
            cell.text = f"{cell.text}{stripped}" if cell.text else stripped
            cell.end_line = line.number
            continue
        row = None
        last_was_cell = False
        previous = out[-1] if out else None
        if (isinstance(previous, Para)
                and (across := page_break(previous.end_line, line.number)) | (previous.end_line == line.number - 1)
                and continues(previous.text, text_of(previous.line) if previous.end_line > previous.line else None,
                              text_of(previous.end_line), raw.rstrip(), width, across_page=across)):
            previous.text += stripped  # a paragraph hard-wrapped at a fixed width (text from a PDF)
            previous.end_line = line.number
            continue
        out.append(Para(stripped, line.number))
    return out


#: The second line of a project heading split in two: 项目支出绩效目标表（单位：元）.
_HEADING_TAIL_RE = re.compile(r"^(?:项目(?:支出)?)?绩效目标表\s*(?:[（(][^（）()]*[）)])?\s*[：:]?$")
#: The first line: a project's number and name, no sentence (（1）公安业务装备购置经费).
_HEADING_HEAD_RE = re.compile(r"^(?:\d+\s*[.、．]|[（(][\d一二三四五六七八九十]+[）)])[^，。；：:]{2,40}$")


def joined_project_headings(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each project heading split over two lines (（1）公安业务装备购置经费 / 项目支出绩效目标表) joined."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (isinstance(block, Para) and isinstance(previous, Para) and _HEADING_TAIL_RE.match(block.text)
                and _HEADING_HEAD_RE.match(previous.text) and block.line == previous.line + 1):
            out[-1] = Para(previous.text + block.text, previous.line, block.end_line)
            continue
        out.append(block)
    return out
