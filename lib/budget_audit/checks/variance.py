"""Variance rules: material year-on-year changes and whether the unit explains them."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import product
from typing import Any

from ..amounts import HAS_AMOUNT_RE, MONEY_UNITS, fmt_amount, fmt_money, fmt_money_range
from ..model import (
    WHOLE_OF,
    Disclosure,
    Figure,
    StatedChange,
    Text,
    restated,
    source_of,
    total_and_parts,
)
from ..parse import cause_points
from .base import Hit, RuleContext, rule
from .tolerance import approx_bounds, approximate, differs

_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Movement:
    """A stated change with the current figure and the prior-year value it implies."""

    change: StatedChange
    current: Figure
    prior: Decimal
    delta: Decimal

    @property
    def pct(self) -> Decimal | None:
        return None if self.prior == 0 else (self.delta / self.prior * 100).quantize(Decimal("0.1"))

    @property
    def prior_approx(self) -> bool:
        """Whether last year's value rests on a figure written as approximate: its own,
        written next to the change, or else this year's figure or the change it is implied
        from (约6660万元 after a decrease of 2017.79万元: last year about 8678万元)."""
        written = written_prior(self.change, self.current)
        if written is not None:
            return written.approx
        return approximate([self.current, self.change.amount])

    @property
    def pct_approx(self) -> bool:
        """Whether the rate of change rests on a figure written as approximate."""
        return self.prior_approx or self.change.amount.approx

    def bounds(self) -> tuple[tuple[Decimal, Decimal], tuple[Decimal, Decimal], tuple[Decimal, Decimal] | None]:
        """The least and the most that last year's value, the change (its size) and the rate of change
        (its size, in percent) may be, given the figures they rest on that are written as approximate
        (:func:`~.tolerance.approx_bounds`): 30余万元 reduced to 13.44万元 is a cut of 16.56–26.56万元,
        55.2–66.4%. Each is worked out at the ends of every such figure's bounds; the rate is ``None``
        when last year's value may be nought or less."""
        change = self.change
        computed = change.computed and change.prior is not None and change.current is not None
        written = written_prior(change, self.current)
        terms = [self.current, *((change.prior, change.current) if computed else (change.amount,)), written]
        priors, deltas, rates = [], [], []
        for value in at_ends(terms):
            if computed and change.prior is not None and change.current is not None:
                delta = value[id(change.current)] - value[id(change.prior)]
            else:
                delta = change.direction * value[id(change.amount)]
            prior = value[id(written)] if written is not None else value[id(self.current)] - delta
            priors.append(prior)
            deltas.append(abs(delta))
            rates.append(abs(delta) / prior * 100 if prior > 0 else None)
        known = [r for r in rates if r is not None]
        return ((min(priors), max(priors)), (min(deltas), max(deltas)),
                (min(known), max(known)) if len(known) == len(rates) else None)


def _ends(figure: Figure) -> tuple[Decimal, ...]:
    """A figure's value (in yuan), or the ends of its bounds when it is written as approximate."""
    value = figure.yuan or Decimal(0)
    below, above = approx_bounds(figure)
    return (value - below, value + above) if (below or above) else (value,)


def at_ends(figures: Iterable[Figure | None]) -> Iterator[dict[int, Decimal]]:
    """The figures' values (in yuan, by ``id`` of the figure) at every combination of the ends of the
    bounds of those written as approximate (:func:`~.tolerance.approx_bounds`); one figure given twice
    is one value. A value worked out from them is least and most at some such combination when it is
    a sum or a difference of them (:func:`value_range`)."""
    known = list({id(f): f for f in figures if f is not None and f.yuan is not None}.values())
    for values in product(*(_ends(f) for f in known)):
        yield {id(f): v for f, v in zip(known, values, strict=True)}


def value_range(figures: Iterable[Figure | None], reckon: Callable[[dict[int, Decimal]], Decimal]
                ) -> tuple[Decimal, Decimal]:
    """The least and the most a value ``reckon`` works out from ``figures`` may be, given those written as
    approximate (:func:`at_ends`): 31.42万元 less 20余万元 is 1.42至11.42万元."""
    values = [reckon(value) for value in at_ends(figures)]
    return min(values), max(values)


def approx_amount(m: Movement) -> str | None:
    """The size of a movement's change as messages show it when it rests on a figure written as
    approximate: as written (2000多万元, 约12.6万元 — :func:`~budget_audit.amounts.fmt_amount`), or,
    worked out from last year's figure and this year's (由30余万元减少到13.44万元), the range it lies in
    (16.56至26.56万元), not a value to the cent; ``None`` when exact."""
    if not m.change.amount.approx:
        return None
    if not m.change.computed:
        return fmt_amount(m.change.amount.value)
    return fmt_money_range(*m.bounds()[1])


def rate(m: Movement) -> str:
    """The size of a movement's rate of change, 32.5% — resting on a figure written as approximate, the
    range it lies in (23.1%至31.0% for a cut of 2000多万元 from 8663.49万元 or more); "" when unknown."""
    if m.pct is None:
        return ""
    if not m.pct_approx:
        return f"{abs(m.pct)}%"
    rates = m.bounds()[2]
    if rates is None:
        return ""
    low, high = (r.quantize(_TENTH) for r in rates)
    return f"{low}%" if low == high else f"{low}%至{high}%"


def compared(m: Movement) -> tuple[Decimal | str, Decimal | str | None]:
    """Last year's value and this year's as a finding compares them: in yuan, or — resting on a figure
    written as approximate — last year's as the range it lies in and this year's as written."""
    prior: Decimal | str = fmt_money_range(*m.bounds()[0]) if m.prior_approx else m.prior
    current = fmt_amount(m.current.value) if m.current.approx else m.current.yuan
    return prior, current


def written_prior(change: StatedChange, current: Figure | None) -> Figure | None:
    """Last year's figure written with a change, if any — but for one written as approximate beside a change and
    this year's figure written exactly, which give last year's exactly (比上年减少17.98万元，由上年的30余万元减少到
    13.44万元: 31.42万元, not 30至40万元)."""
    prior = change.prior
    if prior is None or prior.yuan is None:
        return None
    exact = not approximate([change.amount, current]) and not change.computed
    return None if prior.approx and exact and current is not None and current.yuan is not None else prior


def implied_prior(change: StatedChange, current: Figure | None) -> Decimal | None:
    """Last year's value: written next to the change (:func:`written_prior`), else this year's minus the change."""
    if (written := written_prior(change, current)) is not None:
        return written.yuan
    delta = change.delta_yuan
    if current is None or current.yuan is None or delta is None:
        return None
    return current.yuan - delta


def movements(doc: Disclosure) -> list[Movement]:
    """Every stated change whose current figure is known, with its implied prior value."""
    current = doc.change_subjects()
    out: list[Movement] = []
    for change in doc.stated_changes():
        figure = current.get(change.subject)
        table = doc.table_prior(change.subject) if written_prior(change, figure) is None else None
        # last year's figure as the 收支总表 writes it, not one worked out from a figure that may be wrong
        prior = table.yuan if table is not None else implied_prior(change, figure)
        if figure is None or prior is None or change.delta_yuan is None:
            continue
        out.append(Movement(change, figure, prior, change.delta_yuan))
    return out


def is_material(m: Movement, params: Mapping[str, Any]) -> bool:
    """At least ``material_change_wan`` 万元 and ``material_change_pct`` % of last year."""
    floor = Decimal(str(params["material_change_wan"])) * 10_000
    if abs(m.delta) < floor:
        return False
    return m.pct is None or abs(m.pct) >= Decimal(str(params["material_change_pct"]))


def is_material_change(change: StatedChange, current: Figure | None, params: Mapping[str, Any]) -> bool:
    prior = implied_prior(change, current)
    if current is None or prior is None or change.delta_yuan is None:
        return False
    return is_material(Movement(change, current, prior, change.delta_yuan), params)


#: The unit's reason for a change (:func:`reasons`): the document's words with where they stand, each after the
#: name of the part it explains (None for the change's own).
Reasons = list[tuple[str | None, Text]]


def reasons_joined(found: Sequence[tuple[str | None, Text]]) -> str:
    """The unit's reason (:func:`reasons`) as one text for a table cell: the document's words, or for a total those
    of its parts, each after its part's name (公务用车购置及运维费：…；公务接待费：…)."""
    return "；".join(said.text if part is None else f"{part}：{said.text}" for part, said in found)


def reasons(
    change: StatedChange, changes: list[StatedChange], current: Mapping[str, Figure | None], params: Mapping[str, Any]
) -> Reasons | None:
    """The unit's reason for a change, as the document words it: its own or its enclosing change's (a part written
    in parentheses) — ``[(None, words)]``; or, for a total followed by its parts — a 合计 and the changes after it,
    or a whole and its known parts (基本支出增加…，其中人员经费…，主要原因是…；公用经费…，主要原因是…) — the reasons
    of its material parts (of all parts when none is material), a part's own or its parts' —
    ``[(part, words), …]``. A change restated on a comparable basis (:func:`~budget_audit.model.restated`) without a
    reason of its own has the reasons of the change it restates. None when it has none."""
    if change.reason is not None:
        return [(None, change.reason)]
    if (plain := restated(change, changes)) is not None:  # 同口径比较减少1817.79万元 after the plain change
        return reasons(plain, changes, current, params)
    if change.parent is not None:
        parent = next((c for c in changes if c.subject == change.parent and c.parent is None), None)
        if parent is None or parent.reason is None:
            return None
        named = named_parts(parent.reason.text, [c for c in changes if c.parent == change.parent])
        # the group's reason speaks for every part, unless it names others and not this one
        return [(None, parent.reason)] if not named or change.subject in named else None
    total = total_and_parts(changes)
    if total is not None and total[0] is change:
        return _parts_reasons(total[1], changes, current, params)
    if change.subject == "收入合计" and (sources := _sources_making(change, changes, params)):
        return _parts_reasons(sources, changes, current, params)  # 其中：一般公共预算拨款收入…，主要原因是…；…收入预算总额减少…
    known = [c for c in changes if c.parent in (None, change.subject) and WHOLE_OF.get(c.subject) == change.subject]
    every = {part for part, whole in WHOLE_OF.items() if whole == change.subject}
    # all its parts stated (人员经费 and 公用经费): 其中公用经费增加3.07万元，主要原因是… leaves the rest unexplained
    return _parts_reasons(known, changes, current, params) if known and {c.subject for c in known} == every else None


def _sources_making(total: StatedChange, changes: list[StatedChange], params: Mapping[str, Any]) -> list[StatedChange]:
    """The changes of income sources stated beside the income total's that add up to it (within the rounding of the
    figures, as every sum is held: :func:`~budget_audit.checks.tolerance.differs`) — every source that moved, so their
    reasons are the total's; [] when they do not."""
    sources = [c for c in changes if c.parent is None and source_of(c.subject) is not None]
    deltas = [d for c in sources if (d := c.delta_yuan) is not None]
    if not sources or total.delta_yuan is None or len(deltas) < len(sources):
        return []
    figures = [total.amount, *(c.amount for c in sources)]
    return [] if differs(total.delta_yuan, sum(deltas), figures, params, expected_from=[total.amount]) else sources


def _parts_reasons(
    parts: list[StatedChange], changes: list[StatedChange], current: Mapping[str, Figure | None],
    params: Mapping[str, Any],
) -> Reasons | None:
    """The reasons of a total's material parts (all parts that changed when none is material), each part's own or its
    parts' (:func:`reasons`), named by part; None unless every one has one."""
    found: Reasons = []
    moved = [c for c in parts if c.direction]  # a part left 持平 needs no reason
    if not moved:
        return None
    for part in [c for c in moved if is_material_change(c, current.get(c.subject), params)] or moved:
        own = reasons(part, changes, current, params)
        if own is None:
            return None
        found += [(part.subject if named is None else named, words) for named, words in own]
    return found


def _distinct(subject: str, others: list[str]) -> str:
    """What tells ``subject`` from its siblings, without a trailing 费: 公务用车购置费 →
    购置 beside 公务用车运维费 (a reason says "不再购置公务用车" as often as "购置费")."""
    prefix = os.path.commonprefix([subject, *others]) if others else ""
    word = subject[len(prefix):]
    core = re.sub(r"(?:经费|费用|费)$", "", word)
    return core if len(core) >= 2 else word


def named_parts(reason: str, siblings: list[StatedChange]) -> list[str]:
    """The parts in one pair of parentheses that a group's reason names by what tells them
    apart ("…因此公务用车运维费增加" names 公务用车运维费, not 公务用车购置费)."""
    subjects = [c.subject for c in siblings]
    return [s for s in subjects if (d := _distinct(s, [o for o in subjects if o != s])) and d in reason]


def left_out_fields(change: StatedChange, changes: list[StatedChange]) -> dict[str, str]:
    """Message fields for a change that the reason written for its statement's changes together leaves out
    (``left_out_of``): ``reason``, its words, and ``others``, the items it names."""
    cause = change.left_out_of
    assert cause is not None
    return {"reason": cause.text, "others": "、".join(cause_points.named(cause.text, [c.subject for c in changes]) or [])}


def group_of(change: StatedChange, doc: Disclosure) -> list[StatedChange]:
    """The stated changes of the paragraph that states ``change``."""
    return next((group for group in doc.change_groups() if change in group), [change])


def reasons_said(found: Sequence[tuple[str | None, Text]], cited: Iterable[int] = ()) -> str:
    """The unit's reason (:func:`reasons`) as a report says it, only the document's words in quotation marks:
    单位说明的原因是：“…” — or, for a total explained by its parts, 文中未说明合计的原因，所列组成部分的原因是：
    公务用车购置及运维费，“…”；… (the document names no reason of the total itself). Words standing on a line
    not among the ``cited`` lines of the change are followed by their own: “…”（第214行）."""
    shown = set(cited)

    def quoted(said: Text) -> str:
        lines = range(said.span.line, max(said.span.end_line, said.span.line) + 1)
        where = "" if shown.issuperset(lines) else "（第" + "、".join(map(str, lines)) + "行）"
        return f"“{said.text}”{where}"

    if len(found) == 1 and found[0][0] is None:
        return f"单位说明的原因是：{quoted(found[0][1])}"
    return "文中未说明合计的原因，所列组成部分的原因是：" + "；".join(f"{part}，{quoted(said)}" for part, said in found)


#: Words of a reason's piece that say its item moved (…资金增加, 人员经费调整) — and that it did not (…保持稳定,
#: 并非基本支出减少).
_MOVES_RE = re.compile(r"增加|减少|增长|下降|提高|降低|压减|调整|调增|调减|新增|上涨|缩减|变动|增多|减少了")
_STILL_RE = re.compile(r"并非|不是|没有|未|保持|持平|稳定|不变")
#: The totals of the whole budget, whose reason may name an item whose change is stated elsewhere.
_BUDGET_TOTALS = ("收支合计", "收入合计", "支出合计")


def _named_in_a_totals_reason(change: StatedChange, doc: Disclosure) -> Reasons | None:
    """The reason stated for a total of the whole budget when it names ``change``'s item and the item's change is
    stated elsewhere — a 收支总表's row (收支总预算…增加83.38万元，主要原因是政府性基金安排的…资金增加 names the
    政府性基金 row's increase) — else None."""
    if change.subject in _BUDGET_TOTALS:
        return None
    for total in doc.stated_changes():
        if total.subject in _BUDGET_TOTALS and total.reason is not None and any(
                cause_points.names(piece, change.subject) and _MOVES_RE.search(piece) and not _STILL_RE.search(piece)
                for piece in cause_points.pieces(total.reason.text)):
            return [(None, total.reason)]
    return None


def movement_reasons(m: Movement, doc: Disclosure, params: Mapping[str, Any]) -> Reasons | None:
    """:func:`reasons` of a movement's change, or a budget total's reason that names its item."""
    found = reasons(m.change, group_of(m.change, doc), doc.change_subjects(), params)
    return found if found is not None else _named_in_a_totals_reason(m.change, doc)


def amount_and_words(change: StatedChange) -> tuple[str, str]:
    """A change's amount as quoted and, for one worked out from last year's figure and this
    year's, the words it was worked out from: 17.98万元（由31.42万元减少到13.44万元） →
    ("17.98万元", "由31.42万元减少到13.44万元"); one written as such has no words. (Worked out from
    a figure written as approximate, the amount is no value to the cent: :func:`approx_amount`.)"""
    raw = change.amount.value.raw
    amount, bracket, words = raw.partition("（") if change.computed else (raw, "", "")
    if not bracket:
        return raw, ""
    return amount.strip(), words.removesuffix("）")


def _fields(m: Movement) -> dict:
    """Message fields of a movement: ``verb`` and ``change`` as quoted; ``amount`` and ``aside`` — what
    goes in brackets after it: the words a computed change was worked out from and the rate
    of change — 减少17.98万元（由31.42万元减少到13.44万元，57.2%）; resting on a figure written as
    approximate, the amount as written or the range it lies in, and the rate's range —
    减少16.56至26.56万元（由30余万元减少到13.44万元，55.2%至66.4%）."""
    amount, words = amount_and_words(m.change)
    pct = rate(m) or ("" if words else "—")
    return {"subject": m.change.subject, "verb": m.change.written_verb, "change": m.change.amount.value.raw,
            "amount": approx_amount(m) or amount, "aside": "，".join(filter(None, (words, pct)))}


@rule(
    code="VA001",
    name="variance.material_change",
    category="variance",
    severity="info",
    compare=("上年", "本年"),
    message="{subject}较上年{verb}{amount}（{aside}），属重大变动；{reason}",
    params={"material_change_pct": 10.0, "material_change_wan": 10.0},
)
def material_change(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """列出超过重要性水平的同比变动及单位给出的原因，供审计关注。

    检查内容：
    对文中所述每一项同比变动，由本年数和变动额推算上年数；变动额不低于 material_change_wan 万元、
    且变动率不低于 material_change_pct% 时视为重大变动，列出单位给出的原因。

    审计意义：
    重大变动是预算审查的重点：原因是否充分、是否与项目安排一致，需要审计人员逐项判断。

    示例：
    项目支出较上年减少2090.87万元（32.5%），原因为"天然气迎风度冬保障资金项目支出减少" → 提示。

    参数：
    material_change_pct — 变动率阈值（%，默认10）；material_change_wan — 变动额阈值（万元，默认10）。

    常见误报：
    机构改革、职能划转引起的变动属于口径变化，审计时应与上年公开数核对口径。
    """
    for m in movements(doc):
        found = movement_reasons(m, doc, ctx.params)
        if is_material(m, ctx.params) and found is not None:
            prior, current = compared(m)
            spans = [m.change.amount.span, m.current.span]
            cited = {n for s in spans for n in range(s.line, max(s.end_line, s.line) + 1)}
            elsewhere = [said.span for _, said in found if said.span.line not in cited]  # the reason's own line
            yield Hit(
                spans=spans + elsewhere,
                expected=prior,
                actual=current,
                key=m.change.subject,
                fields={**_fields(m), "reason": reasons_said(found, cited)},
            )


@rule(
    code="VA002",
    name="variance.unexplained_change",
    category="variance",
    severity="warning",
    compare=("上年", "本年"),
    message={
        "default": "{subject}较上年{verb}{amount}（{aside}），属重大变动，但未说明原因",
        "other_part": "{subject}较上年{verb}{amount}（{aside}），属重大变动；所在一组的原因（“{reason}”）点名的是{others}，未点明本项",
        "left_out": "{subject}较上年{verb}{amount}（{aside}），属重大变动；变动原因（“{reason}”）讲的是{others}，没有说明本项",
    },
    params={"material_change_pct": 10.0, "material_change_wan": 10.0},
)
def unexplained_change(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """超过重要性水平的同比变动必须说明原因。

    检查内容：
    与 VA001 相同的重大变动判断；既没有本项原因、上级变动的原因，也没有各组成部分原因的，报告。
    括号内列出的组成部分共用上级变动的原因；但该原因只点名了其他组成部分（如只说"公务用车运维费增加"）时，
    不算本项的原因，报告并引出那句原因。另段写的变动原因逐条列出（一是……二是……），且每条都点名了具体项目时，
    哪一条都没点名的同类项目（支出、“三公”各项、收入来源）也不算有原因，报告并引出那段原因。

    审计意义：
    《地方预决算公开操作规程》要求对增减变化说明原因；重大变动不作说明，公众和人大无法判断其合理性。

    示例：
    "项目支出减少2090.87万元。"（无"主要原因是……"）→ 报告。

    参数：
    material_change_pct — 变动率阈值（%，默认10）；material_change_wan — 变动额阈值（万元，默认10）。

    常见误报：
    原因写在另一段落（如"主要变动原因"小节）时可能识别不到，请人工核对。
    """
    for m in movements(doc):
        if not is_material(m, ctx.params) or movement_reasons(m, doc, ctx.params) is not None:
            continue
        changes = group_of(m.change, doc)
        parent = next((c for c in changes if m.change.parent and c.subject == m.change.parent), None)
        fields, variant, spans = _fields(m), "default", [m.change.amount.span, m.current.span]
        if parent is not None and parent.reason is not None:  # the group's reason names other parts
            named = named_parts(parent.reason.text, [c for c in changes if c.parent == parent.subject])
            fields |= {"reason": parent.reason.text, "others": "、".join(named)}
            variant = "other_part"
        elif m.change.left_out_of is not None:  # 增减变动的主要原因：一是…；二是…, naming other items
            fields |= left_out_fields(m.change, changes)
            variant, spans = "left_out", [*spans, m.change.left_out_of.span]
        prior, current = compared(m)
        yield Hit(spans=spans, expected=prior, actual=current, key=m.change.subject, variant=variant, fields=fields)


@rule(
    code="VA003",
    name="variance.stated_vs_prior_document",
    category="variance",
    severity="error",
    compare=("所述变动", "两份文件之差"),
    message="所述{subject}较上年{verb}{change}，而对照上年公开文件实际变动为 {actual}（上年 {prior}），相差 {diff}",
)
def stated_vs_prior_document(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """所述同比变动应等于本年数与上年公开文件数之差（提供上年文件时）。

    检查内容：
    单位参数中提供上年公开文件（prior_source）时，逐项比较本年文件所述变动额与
    "本年数 − 上年文件中的同一数字"。

    审计意义：
    变动说明若与两年公开数不符，说明上年数被调整而未说明，或变动额计算错误，公众据此作出的判断会被误导。

    示例：
    本年说"项目支出减少2090.87万元"，上年文件项目支出6000.00万元、本年4343.85万元 → 实际减少1656.15万元，相差434.72万元。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元，随项数累加）。

    常见误报：
    上年文件为年初预算、本年所述"上年数"为调整预算时，两者口径不同；请核对单位所用的上年口径。
    """
    if ctx.prior is None:
        return
    now, before = doc.change_subjects(), ctx.prior.change_subjects()
    for change in doc.stated_changes():
        current, prior = now.get(change.subject), before.get(change.subject)
        said = change.delta_yuan
        if current is None or prior is None or current.yuan is None or prior.yuan is None or said is None:
            continue
        actual = current.yuan - prior.yuan
        documents = Terms([current, prior], [prior])
        stated = change_terms(change)
        if (published := _published_as_this_years(change, current, ctx.params)) is not None:
            stated = published  # C − A, C this year's published figure
            said = current.yuan - change.prior.yuan  # type: ignore[union-attr]
        # this year's figure on both sides counts once, and then not at all: it cancels
        figures = [f for f in [*stated.terms, *documents.terms] if published is None or f is not current]
        if differs(said, actual, figures, ctx.params, expected_from=stated.terms,
                   negated=[*stated.negated, *documents.negated]):
            m = Movement(change, current, prior.yuan, said)
            fields = {**_fields(m), "prior": f"{prior.value.raw}（上年文件第{prior.span.line}行）"}
            if published is not None:
                fields |= _published_gap(change, current, prior)
            else:
                if change.computed and change.amount.approx:
                    fields["change"] = f"{fmt_money_range(*change_range(change))}（{amount_and_words(change)[1]}）"
                if approximate(figures):
                    fields |= _approx_gap(stated, documents)
            yield Hit(
                spans=[change.amount.span, current.span],
                expected=said,
                actual=actual,
                key=change.subject,
                fields=fields,
                approx=approximate(figures),
            )


#: A change's rate, its verb before it: 下降23.2%, 增长了5%, 增加幅度为3.3%.
RATE_PATTERN = r"(?P<rate_verb>增长|下降|增加|减少|上升|降低|提高|压减)了?\s*(?:幅度为?)?\s*\d+(?:\.\d+)?\s*[%％]"
#: A change compared with last year and stated by its rate alone in its clause: 较2022年预算下降23.2%, 同比增长5%.
_RATE_ONLY_CHANGE_RE = re.compile(rf"(?:较|比|同比|与)[^，,。；;：:]{{0,16}}?{RATE_PATTERN}")
#: Where a clause ends: a comma (not one grouping the digits of 2,017.79), a full stop, semicolon or colon.
_CLAUSE_BREAK_RE = re.compile(r"[，。；;：:]|,(?!(?<=\d,)\d{3}(?!\d))")
#: A clause stating a change's amount: after it, the amount of a rate in a clause of no subject of its own (收入增加
#: 1,738,516.00元，同比增长2.9% / 比上年增加5.60万元，同比增长3.1%) — not of one naming another item (基本支出增加
#: 73.07万元，项目支出同比下降32.5%); before it, in a clause of no subject either (下降23.2%，减少2017.79万元).
_CHANGE_AMOUNT_RE = re.compile(rf"(?:增加|减少|增长|下降|上升|降低|提高|压减|调增|调减)了?\s*\d[\d,.]*\s*{MONEY_UNITS}")
_SUBJECTLESS_RE = re.compile(r"\s*(?:即|也即|亦即|相当于|净)?\s*"  # …，即同比增长9.9% (总计较上年… is the total's)
                             r"(?:同比|较|比|与|增加|减少|增长|下降|上升|降低|提高|压减|调增|调减)")
#: The sections whose changes the checks read: the overview, 机关运行经费, “三公”经费.
_CHANGE_SECTIONS = ("overview", "running_costs", "sangong")


@rule(
    code="VA004",
    name="variance.rate_only_change",
    category="variance",
    severity="info",
    message="第{line}行的同比变动只写了幅度（“{words}”），未写变动金额，无法与本年数、上年数核对",
)
def rate_only_change(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """同比变动应写明变动金额，不能只写幅度。

    检查内容：
    收支总体情况、机关运行经费、"三公"经费部分中，与上年相比的变动只写了百分比（如"较2022年预算下降23.2%"），
    该分句没有金额、紧接的下一分句也没有写变动金额（如"，减少2017.79万元"）、紧挨的上一分句也没有写同一项的变动金额
    （如"比上年增加5.60万元，同比增长3.1%"；另一项的变动如"基本支出增加73.07万元，项目支出同比下降32.5%"不算）时报告。这样的变动不参与勾稽核对，本规则让审计人员知道它没有被核对。

    审计意义：
    只有幅度没有金额，读者无法算出上年数，也无法与本年数、各组成部分的变动核对；幅度本身也可能算错。

    示例：
    "2023年预算收支安排6663.49万元，较2022年预算下降23.2%。" → 提示。

    参数：
    无。

    常见误报：
    金额写在另一句或另一段落时，仍会提示，请人工核对。
    """
    from .completeness import section_paragraphs  # (completeness imports this module)

    for section in doc.sections:
        if section.key not in _CHANGE_SECTIONS:
            continue
        for para in section_paragraphs(doc, section):
            text = para.text
            breaks = [b.start() for b in _CLAUSE_BREAK_RE.finditer(text)]
            for found in _RATE_ONLY_CHANGE_RE.finditer(text):
                before = [at for at in breaks if at < found.start()]
                start = before[-1] + 1 if before else 0
                previous = before[-2] + 1 if len(before) > 1 else 0
                end, after = ([at for at in breaks if at >= found.end()] + [len(text), len(text)])[:2]
                if HAS_AMOUNT_RE.search(text, start, end) or (
                        _SUBJECTLESS_RE.match(text, end + 1) and _CHANGE_AMOUNT_RE.search(text, end + 1, after)) or (
                        _SUBJECTLESS_RE.match(text, start) and _CHANGE_AMOUNT_RE.search(text, previous, start)):
                    continue  # 比上年增长3.3%，增加73.07万元 / 比上年增加5.60万元，同比增长3.1%: the amount is there
                words = text[start:end].strip()
                yield Hit(spans=[para.span], key=words, fields={"line": para.span.line, "words": words, "_money": False})


@dataclass(frozen=True)
class Terms:
    """The figures a signed amount is the sum of, and those of them that enter it with a minus sign."""

    terms: list[Figure]
    negated: list[Figure]

    def at(self, value: Mapping[int, Decimal]) -> Decimal:
        """The amount from its figures' values (yuan, by ``id``: :func:`at_ends`)."""
        turned = {id(f) for f in self.negated}
        return sum((-value[id(f)] if id(f) in turned else value[id(f)] for f in self.terms if id(f) in value),
                   Decimal(0))


def change_terms(change: StatedChange) -> Terms:
    """The figures a stated change's signed amount is made of: the amount written (a decrease's negated) — or,
    for one worked out from last year's figure and this year's (由约31万元减少到13.44万元), those two, last
    year's negated: the tolerance of the difference is that of the figures it comes from (约31万元 is
    30.5–32万元), not of the difference's own last digit (as RC011 takes it)."""
    if change.computed and change.prior is not None and change.current is not None:
        return Terms([change.current, change.prior], [change.prior])
    return Terms([change.amount], [change.amount] if change.direction < 0 else [])


def change_range(change: StatedChange) -> tuple[Decimal, Decimal]:
    """The least and greatest amount (yuan, unsigned) a stated change can have over the bounds of the figures
    it is made of (:func:`change_terms`): 由约31万元减少到13.44万元 is 17.06–18.56万元."""
    terms = change_terms(change)
    return value_range(terms.terms, lambda v: abs(terms.at(v)))


def _published_as_this_years(change: StatedChange, current: Figure, params: Mapping[str, Any]) -> Terms | None:
    """For a change worked out from last year's figure and this year's (由A到B) whose B may be this year's
    published figure C (their bounds and rounding overlap: 6600余万元 and 6663.49万元, or one figure written
    twice), the change as C − A: B and C are one amount, so only last year's figures A and the other
    document's can tell the two documents apart. None for any other change, or a B that cannot be C (that
    gap is RC012's)."""
    own, before = change.current, change.prior
    if not change.computed or own is None or before is None or own.yuan is None or current.yuan is None:
        return None
    if own is not current and _apart(own, current, params):
        return None
    return Terms([current, before], [before])


def _apart(one: Figure, other: Figure, params: Mapping[str, Any]) -> bool:
    """Whether two figures of one amount cannot be equal, given how each is written (bounds, rounding)."""
    return differs(one.yuan, other.yuan, [one, other], params, expected_from=[one])  # type: ignore[arg-type]


def _published_gap(change: StatedChange, current: Figure, prior: Figure) -> dict[str, str]:
    """Message fields of VA003 for a change 由A到B taken as C − A (:func:`_published_as_this_years`): both
    sides at this year's figure C as written — the change over A's bounds, the documents' difference over
    last year's document's P — and the least gap P − A may have; C named when it is not B as written or is
    itself approximate (本年按公开数6663.49万元计)."""
    before = change.prior
    assert before is not None and current.yuan is not None
    fields: dict[str, str] = {}
    words = amount_and_words(change)[1]
    if change.current is None or change.current.value.raw != current.value.raw or current.approx:
        words += f"，本年按{'公开数' if not current.approx else ''}{current.value.raw}计"
    if before.approx or current.approx:
        fields["change"] = f"{fmt_money_range(*value_range([before], lambda v: abs(current.yuan - v[id(before)])))}（{words}）"
    else:
        fields["change"] = f"{fmt_money(abs(current.yuan - before.yuan))}（{words}）"  # type: ignore[operator]
    if prior.approx:
        fields["actual"] = fmt_money_range(*value_range([prior], lambda v: current.yuan - v[id(prior)]))
    if before.approx or prior.approx:
        low, high = value_range([before, prior], lambda v: v[id(prior)] - v[id(before)])
        fields["diff"] = fmt_money(max(low, -high, Decimal(0)))
    return fields


def _approx_gap(stated: Terms, documents: Terms) -> dict[str, str]:
    """Message fields of VA003 when a figure is written as approximate: the documents' difference, resting on
    one (上年 约0.9万元), as its range (-0.05至0.09万元); and the least gap between the stated change and the
    documents' difference over the bounds of their figures — a figure on both sides counted once — not that
    of values to the cent (as RC011 says it)."""
    fields: dict[str, str] = {}
    if approximate(documents.terms):  # the documents' difference rests on one too: the range it lies in
        fields["actual"] = fmt_money_range(*value_range(documents.terms, documents.at))
    low, high = value_range([*stated.terms, *documents.terms], lambda v: stated.at(v) - documents.at(v))
    fields["diff"] = fmt_money(max(low, -high, Decimal(0)))
    return fields
