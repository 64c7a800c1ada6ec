"""Typed model of one budget disclosure. Every figure and text field carries its Span.

Plain dataclasses; no logic beyond small helpers. ``to_jsonable`` turns a model into
JSON-ready data (Decimal → string) with a deterministic shape.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .amounts import Quantity


def line_range(first: int, last: int) -> str:
    """“第12行”, or “第601—606行” for text over several lines (a table row whose first line may hold only an empty
    cell): the lines to open, as every report, export and narrative names them."""
    return f"第{first}行" if first == last else f"第{first}—{last}行"


@dataclass(frozen=True)
class Span:
    """Where a value stands in the source: 1-based first and last line, and the line text."""

    line: int
    end_line: int
    text: str

    @property
    def lines(self) -> list[int]:
        return list(range(self.line, self.end_line + 1))


@dataclass(frozen=True)
class Text:
    """A piece of document text with its source span."""

    text: str
    span: Span


@dataclass(frozen=True)
class Figure:
    """A number from the document: parsed value, what it is called, and where it stands."""

    label: str
    value: Quantity
    span: Span

    @property
    def yuan(self) -> Decimal | None:
        return self.value.yuan

    @property
    def number(self) -> Decimal | None:
        return self.value.number

    @property
    def approx(self) -> bool:
        """Written as approximate (约6600万元, 6600万元左右): see :mod:`budget_audit.checks.tolerance`."""
        return self.value.approx


@dataclass(frozen=True)
class StatedChange:
    """A year-on-year change stated in the text: "基本支出增加73.07万元，主要为…"."""

    subject: str  # e.g. "收支合计", "基本支出", "三公合计", "公务接待费"
    direction: int  # +1 增加 / -1 减少 / 0 持平
    amount: Figure
    reason: Text | None
    prior: Figure | None = None  # a prior-year value written next to the change
    parent: str | None = None  # subject of the enclosing change when written in parentheses
    current: Figure | None = None  # this year's figure written with the change: 由1.02万元减少到0.94万元
    verb: str = ""  # the verb written with the amount (减少, 压减 …); "" for one written only 由…到
    to_words: str = ""  # the words from ``prior`` to ``current`` as written: 减至, 增加到, 减少0.08万元至
    to_direction: int = 0  # the direction ``to_words`` state: one other than ``direction`` contradicts it
    restated_prior: Figure | None = None  # last year's figure of a 由…到 restating a change that writes its own
    within_whole: bool = False  # its parent named in its words (基本支出中人员经费), not by parentheses
    listed: bool = False  # written as one of a breakdown (其中…、…), not a part named alone
    percent: Figure | None = None  # the change as a share of last year's figure, written with it: 下降40%
    percent_direction: int = 0  # the direction the percentage's own verb states (下降 −1, 增长 +1, 变动幅度 0)
    percent_bound: str = ""  # the words of a bound after the percentage: 以上 / （含）以上 / 有余 (at least), 以下 / 以内 (at most)
    table: bool = False  # read from the 收支总表's 增（减） column, not the text (RC019 holds the row's own figures)
    left_out_of: Text | None = None  # the reason written for its statement's changes together, which names others, not it
    comparable: bool = False  # stated on a comparable basis (同口径, 剔除…因素后): a restatement when :func:`restated`

    @property
    def delta_yuan(self) -> Decimal | None:
        y = self.amount.yuan
        return None if y is None else y * self.direction

    @property
    def written_verb(self) -> str:
        """The verb the document writes the change with (减少, 压减, 调增 …) — for one written only
        由…到 (its amount worked out) 增加/减少 by its direction — for messages that quote it."""
        return self.verb or {1: "增加", -1: "减少", 0: "持平"}[self.direction]

    @property
    def written_to(self) -> str:
        """The words from last year's figure to this year's as written (减至, 增加到, 减少0.08万元至),
        else the verb and 到, for messages that quote a change from one figure to the other."""
        return self.to_words or f"{self.written_verb}到"

    @property
    def computed(self) -> bool:
        """Whether the amount is worked out rather than written: a change written from last
        year's figure to this year's (由31.42万元减少到13.44万元) is their difference, 17.98万元,
        which the document does not write — its quoted text is not in its line."""
        return self.amount.value.raw not in self.amount.span.text


INCOME_SOURCE = "收入来源"
"""Subject of a stated change of one income source, before its name in brackets:
收入来源（一般公共预算拨款）, 收入来源（上年结转）."""


def income_source(label: str) -> str:
    """The subject of a change of the income source ``label``: 收入来源（一般公共预算拨款收入）."""
    return f"{INCOME_SOURCE}（{label}）"


def source_of(subject: str) -> str | None:
    """The income source a change's subject names (:func:`income_source` read back), else None."""
    opening = f"{INCOME_SOURCE}（"
    return subject[len(opening):-1] if subject.startswith(opening) and subject.endswith("）") else None


def _is_income_change(change: StatedChange) -> bool:
    return change.subject == "收入合计" or change.subject.startswith(INCOME_SOURCE)


#: The whole each known part belongs to.
#: The expenditure's published parts by their :class:`Expenditure` field — each also the subject of its stated change.
EXPENDITURE_PARTS = {"basic": "基本支出", "project": "项目支出", "personnel": "人员经费", "public": "公用经费"}
#: The parts of 基本支出 however a document names them: by kind, or by economic class.
BASIC_PARTS = ("人员经费", "公用经费", "工资福利支出", "商品和服务支出", "对个人和家庭的补助")
#: Spending of a 事业单位 beside 基本支出 and 项目支出 (its accounts' other classes), each a part of the total.
_OTHER_SPENDING_RE = re.compile(r"经营支出|上缴上级(?:支出)?|对附属单位补助(?:支出)?")


def other_spending(label: str) -> str | None:
    """The class of spending beside 基本支出 and 项目支出 a label names (事业单位经营支出 → 经营支出, 对附属单位补助 →
    对附属单位补助支出), or None."""
    found = _OTHER_SPENDING_RE.search(label)
    return None if found is None else found[0] if found[0].endswith("支出") else f"{found[0]}支出"


WHOLE_OF = {"人员经费": "基本支出", "公用经费": "基本支出",
            "公务用车购置费": "公务用车购置及运维费", "公务用车运维费": "公务用车购置及运维费"}


def restated(change: StatedChange, changes: list[StatedChange]) -> StatedChange | None:
    """The change ``change`` restates on a comparable basis, before it in its paragraph's ``changes``: the last of its
    subject stated plainly (项目支出减少2090.87万元… 同口径比较，项目支出减少90.87万元; 较上年减少2017.79万元，剔除…因素后，
    同口径减少17.79万元) — the same change on another basis, not one more part, explained by that one's reason. None for a
    change not stated so, or of a subject stated first so."""
    if not change.comparable:
        return None
    at = next((i for i, c in enumerate(changes) if c is change), 0)
    return next((c for c in reversed(changes[:at])
                 if c.subject == change.subject and c.parent == change.parent and not c.comparable), None)


def total_and_parts(changes: list[StatedChange]) -> tuple[StatedChange, list[StatedChange]] | None:
    """The total of one paragraph's changes and its top-level parts: its first top-level
    change — past the income's changes stated before the expenditure's — when that is a 合计
    (较2022年减少…), with the top-level changes after it that are no totals, nor the income's,
    nor a known part of another of them (基本支出增加…，具体为人员经费增加…，公用经费减少…: 人员经费 and
    公用经费 are 基本支出's breakdown even when it is not read as one, not more of the total's). A paragraph of the
    income's changes alone has 收入合计 for its total and the sources for its parts (收入预算比上年增加383.75万元。
    其中：一般公共预算拨款收入增加23.75万元…；政府性基金预算拨款收入增加360.00万元…). A part said 持平 beside its figure
    before the total's change (因公出国（境）费0万元，同比持平；…减少12.58万元，其中…) is one of the parts, not the first change;
    a part's change restated on a comparable basis (同口径比较，项目支出减少…: :func:`restated`) is no other part."""
    top = [c for c in changes if c.parent is None]
    if top and top[0].subject == "收入合计" and all(_is_income_change(c) for c in top):
        sources = [c for c in top[1:] if c.subject.startswith(INCOME_SOURCE)]
        return (top[0], sources) if sources else None
    first = next((i for i, c in enumerate(top) if not _is_income_change(c)), len(top))
    flat = []  # 其中，因公出国（境）费0万元，同比持平；…与2022年相比减少12.58万元，其中…: a part's none before the total's
    while first < len(top) and top[first].direction == 0 and not top[first].subject.endswith("合计"):
        flat.append(top[first])
        first += 1
    after = [c for c in top[first + 1:]
             if not c.subject.endswith("合计") and not _is_income_change(c) and restated(c, top) is None]
    stated = {c.subject for c in after}
    parts = [c for c in after if WHOLE_OF.get(c.subject) not in stated]
    if not parts or first == len(top) or not top[first].subject.endswith("合计"):
        return None
    return top[first], [*(c for c in flat if c.subject not in stated), *parts]


@dataclass(frozen=True)
class SourceInfo:
    path: str
    encoding: str
    newline: str
    sha256: str
    line_count: int
    final_newline: bool = True  # the last line with text is followed by a line end
    cut_bytes: int = 0  # bytes of an incomplete last character, dropped (the file was cut off)
    misread: tuple[Misread, ...] = ()  # figures with letters in them, read as digits (l8.84万元 → 18.84万元)
    unread: tuple[Unreadable, ...] = ()  # amounts in a form not read (￥1,844,000.00, 891。02万元)


@dataclass(frozen=True)
class Misread:
    """A figure written with letters among its digits, as scanning (OCR) writes them, and how it was read."""

    line: int
    written: str  # l8.84
    read: str  # 18.84
    text: str = ""  # the line as read


@dataclass(frozen=True)
class Unreadable:
    """An amount written in a form that is not read (:mod:`budget_audit.ingest.unread`)."""

    line: int
    written: str  # ￥1,844,000.00
    kind: str  # currency, bracketed, full_stop, numerals
    text: str = ""  # the line as read


@dataclass(frozen=True)
class Section:
    key: str  # duties, overview, running_costs, sangong, performance, procurement, assets, glossary, other
    title: Text
    end_line: int


@dataclass
class UnitInfo:
    name: Text | None = None
    nature: Text | None = None
    level: Text | None = None
    funding_form: Text | None = None


@dataclass
class Staffing:
    total: Figure | None = None
    parts: list[Figure] = field(default_factory=list)


@dataclass
class Income:
    total: Figure | None = None
    parts: list[Figure] = field(default_factory=list)  # by source, carry-over excluded
    subtotal: Figure | None = None  # 本年收入合计 of the sources under a 收入总计 with 上年结转 (总计…，其中：本年收入合计…，包括…)
    carry_over: Figure | None = None
    changes: list[StatedChange] = field(default_factory=list)  # 收入方面：一般公共预算拨款收入比上年增加…
    prior_year: int | None = None


@dataclass
class Expenditure:
    total: Figure | None = None
    basic: Figure | None = None
    personnel: Figure | None = None
    public: Figure | None = None
    project: Figure | None = None
    project_parts: list[Figure] = field(default_factory=list)  # 本级支出, 对下补助…
    others: list[Figure] = field(default_factory=list)  # spending beside 基本/项目支出: 事业单位经营支出… (other_spending)
    changes: list[StatedChange] = field(default_factory=list)
    prior_year: int | None = None


@dataclass(frozen=True)
class TableLine:
    """A row of the 收支总表 written into the document (项目 | 2024年预算 | 2025年预算 | 增（减）): its item and figures."""

    label: str  # without its numbering (一、基本支出) and 其中：
    current: Figure | None
    prior: Figure | None = None
    change: Figure | None = None  # the row's own 增（减）, signed
    sub: bool = False  # a part of the row above it (其中：人员经费, and the 公用经费 row after it), no row of a column's sum
    subject: str | None = None  # the stated change's subject its item is (基本支出, 收入来源（…）), if one


@dataclass
class RunningCosts:
    amount: Figure | None = None
    text: Text | None = None
    changes: list[StatedChange] = field(default_factory=list)  # 比2022年增加30.5万元…
    prior_year: int | None = None


@dataclass
class SanGong:
    total: Figure | None = None
    overseas: Figure | None = None
    vehicle: Figure | None = None
    vehicle_purchase: Figure | None = None
    vehicle_operation: Figure | None = None
    reception: Figure | None = None
    changes: list[StatedChange] = field(default_factory=list)
    prior_year: int | None = None
    table_total: Figure | None = None  # the 合计 row of a “三公” table, beside the total the text states
    #: The parts of such a table (field name → its row's figure: overseas, vehicle, … reception), beside the text's
    table_parts: dict[str, Figure] = field(default_factory=dict)

    def parts(self) -> list[Figure]:
        """What the total is made of: 出国（境）, 公务用车 (its combined figure, or 购置 and
        运维 where only those are stated) and 接待, as far as stated."""
        vehicle = (self.vehicle,) if self.vehicle is not None else (
            self.vehicle_purchase, self.vehicle_operation)
        return [f for f in (self.overseas, *vehicle, self.reception) if f is not None]


@dataclass(frozen=True)
class Indicator:
    """One row of a performance-indicator table."""

    level1: str
    level2: str
    level3: str
    description: str
    value: Quantity
    basis: str
    span: Span
    scoring: str = ""  # 评（扣）分标准, unit-wide table only

    @property
    def lines(self) -> list[int]:
        return self.span.lines


@dataclass(frozen=True)
class PlanPoint:
    label: str  # 3月底, 6月底 …
    value: Quantity
    span: Span


@dataclass
class Project:
    seq: int | None
    heading: Text
    unit_code: Text | None = None
    unit_name: Text | None = None
    money_unit: str = "元"
    code: Text | None = None
    name: Text | None = None
    budget: Figure | None = None
    fiscal: Figure | None = None
    other: Figure | None = None
    use_of_funds: Text | None = None
    spending_plan: list[PlanPoint] = field(default_factory=list)
    goal: Text | None = None
    indicators: list[Indicator] = field(default_factory=list)
    end_line: int = 0
    namesake: bool = False  # another project table of the document bears the same name

    @property
    def code_year(self) -> int | None:
        """Four-digit year encoded in a project code such as ``13102823P…`` (→ 2023)."""
        if self.code is None:
            return None
        code = self.code.text
        if len(code) >= 9 and code[:8].isdigit() and code[8] == "P":
            return 2000 + int(code[6:8])
        return None

    @property
    def title(self) -> str:
        return self.name.text if self.name else self.heading.text

    @property
    def called(self) -> str:
        """How messages name the project: 项目“…” — with its code (else its table's line) when another table bears the
        same name (two tables named 关于下达2022年度冬季清洁取暖预算的通知… were told apart by nothing)."""
        if not self.namesake:
            return f"项目“{self.title}”"
        return f"项目“{self.title}”（{f'项目编码{self.code.text}' if self.code else f'第{self.heading.span.line}行的表'}）"


@dataclass
class UnitGoals:
    overall: list[Text] = field(default_factory=list)
    items: list[Text] = field(default_factory=list)  # 分项绩效目标 list
    measures: list[Text] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Procurement:
    total: Figure | None = None
    text: Text | None = None
    rows: list[list[Text]] = field(default_factory=list)  # non-empty table rows below the header
    table_span: Span | None = None


@dataclass
class Assets:
    total: Figure | None = None
    planned_purchase: Figure | None = None
    classes: list[Figure] = field(default_factory=list)  # top-level classes (1、房屋 …)
    sub_items: list[Figure] = field(default_factory=list)  # 其中：… rows
    table_total: Figure | None = None
    as_of: Text | None = None
    quantities: list[tuple[Figure, Text]] = field(default_factory=list)  # table row → its 数量 cell


@dataclass
class Paragraph:
    text: str
    span: Span


@dataclass
class Disclosure:
    source: SourceInfo
    title: Text | None = None  # 2023年单位预算信息公开情况说明
    issuer: Text | None = None  # first line: the department's name
    year: int | None = None
    kind: str | None = None  # 预算 / 决算
    money_unit: str = "万元"  # the unit the text states (本说明金额单位为元) or writes its totals in: messages show sums in it
    unit: UnitInfo = field(default_factory=UnitInfo)
    staffing: Staffing = field(default_factory=Staffing)
    income: Income = field(default_factory=Income)
    expenditure: Expenditure = field(default_factory=Expenditure)
    summary_table: list[TableLine] = field(default_factory=list)  # the 收支总表 rows written into the overview
    table_changes: list[StatedChange] = field(default_factory=list)  # its rows' changes the text states none of
    #: a fund's spending's changes stated in a paragraph of its own (一般公共预算拨款支出…，比上年…增加…)
    fund_changes: list[StatedChange] = field(default_factory=list)
    running_costs: RunningCosts = field(default_factory=RunningCosts)
    sangong: SanGong = field(default_factory=SanGong)
    unit_goals: UnitGoals = field(default_factory=UnitGoals)
    projects: list[Project] = field(default_factory=list)
    procurement: Procurement = field(default_factory=Procurement)
    assets: Assets = field(default_factory=Assets)
    sections: list[Section] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Span] = field(default_factory=list)  # runs of table rows; text = first row
    last_line: Span | None = None  # the last line with text: where a cut-off file stops

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def change_groups(self) -> list[list[StatedChange]]:
        """The stated year-on-year changes, one list per paragraph that states them
        (收支, 收入, 机关运行经费, "三公"), the 收支总表's and a fund's spending's: a part's parent is in the same list."""
        return [self.expenditure.changes, self.income.changes, self.running_costs.changes, self.sangong.changes,
                self.table_changes, self.fund_changes]

    def stated_changes(self) -> list[StatedChange]:
        """Every stated year-on-year change, in document order of the paragraphs."""
        return [change for group in self.change_groups() for change in group]

    def table_prior(self, subject: str) -> Figure | None:
        """Last year's figure of ``subject`` in the 收支总表 written into the text, if it has one."""
        return next((line.prior for line in self.summary_table if line.subject == subject and line.prior is not None),
                    None)

    def change_subjects(self) -> dict[str, Figure | None]:
        """Subject of a stated year-on-year change → the current-year figure it refers to."""
        e, sg = self.expenditure, self.sangong
        return {
            "收支合计": e.total,
            "基本支出": e.basic,
            "项目支出": e.project,
            "人员经费": e.personnel,
            "公用经费": e.public,
            "机关运行经费": self.running_costs.amount,
            "“三公”经费合计": sg.total,
            "因公出国（境）费": sg.overseas,
            "公务用车购置及运维费": sg.vehicle,
            "公务用车购置费": sg.vehicle_purchase,
            "公务用车运维费": sg.vehicle_operation,
            "公务接待费": sg.reception,
            **{name: f for f in e.others if (name := other_spending(f.label)) is not None},
            # each income source's own figure; not 收入合计's: a change of "收入" may count 上年结转 in or not
            **{income_source(f.label): f for f in [*self.income.parts, self.income.carry_over] if f is not None},
            # 上年结转 however its figure is labelled (另安排上年结转118.60万元)
            **({income_source("上年结转"): self.income.carry_over} if self.income.carry_over is not None else {}),
        }

    def units(self) -> list[tuple[str, str]]:
        """Budget units named in the project tables, in order of first appearance."""
        seen: dict[str, str] = {}
        for p in self.projects:
            if p.unit_code is not None:
                seen.setdefault(p.unit_code.text, p.unit_name.text if p.unit_name else "")
        return list(seen.items())


def to_jsonable(obj: Any) -> Any:
    """Model → JSON-ready data: dataclasses to dicts, Decimal to str, tuples to lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, list | tuple):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    return obj
