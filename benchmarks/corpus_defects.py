"""Injected defects: small edits of a clean synthetic document that a rule should report.

Each kind in :data:`KINDS` names the rule code expected to fire and edits one or two
lines (the line count never changes): a typing error in a figure (RC001 …), a removed
reason (VA002), a placeholder in an indicator value (IN008), a cost indicator written as a
floor (IN009), a broken spending plan (IN010–IN012), a stale year (CS005), a duplicated
project name or code (CS002, CS003) … Injections in one document never share a line or a
project table, and a target where the rule already fires in the original is never chosen.

Used by make_corpus.py.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from budget_audit.amounts import MONEY_SCALE, to_halfwidth
from budget_audit.ingest import Line
from budget_audit.model import Disclosure, Figure, Indicator, Project, SourceInfo, StatedChange
from budget_audit.parse import parse_lines
from corpus_rewrite import (
    MONEY_HEAD_RE,
    NUMBER_RE,
    TOKEN_RE,
    WAN,
    Template,
    cell_line,
    fmt_number,
    title_amount,
)

_GOODS_WORKS_RE = re.compile(
    r"采购|购置|购买|购进|设备|装备|器材|仪器|物资|车辆|工程|改造|修缮|装修|维修|施工|新建|扩建"
)
_GROWTH_RE = re.compile(r"增长|增速|增幅|同比|环比|比上年|较上年|上升|提高|提升|倍")
_SHARE_RE = re.compile(r"满意度|率|占比|比例|比重")
_REASON_KEY_RE = re.compile(
    r"[，,]?\s*(?:主要原因(?:是|为)?|原因(?:是|为)|主要(?:是|为|用于)|主要系|系)[:：]?\s*$"
)
_OPERATOR_PREFIX_RE = re.compile(r"^(?:≥|>=|＞＝|≧|≤|<=|＜＝|≦|>|＞|<|＜|=|＝)")


# --------------------------------------------------------------------------- injections


@dataclass(frozen=True)
class Defect:
    """One injected defect: the rule that should report it and the lines edited."""

    unit: str
    rule: str
    kind: str
    lines: tuple[int, ...]
    description: str

    def to_json(self, doc: str) -> dict[str, object]:
        return {
            "unit": self.unit,
            "rule": self.rule,
            "kind": self.kind,
            "lines": list(self.lines),
            "description": self.description,
            "doc": doc,
            "synthetic": True,
        }


@dataclass
class _Edit:
    rule: str
    kind: str
    edits: dict[int, str]  # line → new text
    description: str
    projects: tuple[int, ...] = ()  # indexes into doc.projects the injection uses


@dataclass
class _Context:
    template: Template
    doc: Disclosure  # the clean synthetic document (same line numbers)
    lines: list[str]
    rng: random.Random
    unit: str
    claimed_lines: set[int] = field(default_factory=set)
    claimed_projects: set[int] = field(default_factory=set)

    def text(self, line: int) -> str:
        return self.lines[line - 1]

    def free(self, lines: Iterable[int]) -> bool:
        return not (set(lines) & self.claimed_lines)

    def projects(self, rule: str) -> list[int]:
        """Indexes of this unit's project tables that an injection may use: unclaimed, not
        part of a finding on several projects in the original, and ``rule`` not already
        firing on them; in random order."""
        out = []
        for i, p in enumerate(self.doc.projects):
            if i in self.claimed_projects or p.unit_code is None or p.unit_code.text != self.unit:
                continue
            lines = range(p.heading.span.line, p.end_line + 1)
            if any(
                self.template.fires(code, lines)
                for code in ("CS001", "CS002", "CS003", "CS004", rule)
            ):
                continue
            out.append(i)
        self.rng.shuffle(out)
        return out


def _typo(number: str, rng: random.Random, min_delta: Decimal, tries: int = 40) -> str | None:
    """A plausible typing error in a written number: two adjacent digits swapped, or one
    digit replaced; at least ``min_delta`` away from the original."""
    digits = [i for i, ch in enumerate(number) if ch.isdigit()]
    old = Decimal(number)
    for _ in range(tries):
        chars = list(number)
        if rng.random() < 0.5 and len(digits) > 1:
            j = rng.randrange(len(digits) - 1)
            a, b = digits[j], digits[j + 1]
            if b != a + 1:
                continue
            chars[a], chars[b] = chars[b], chars[a]
        else:
            a = rng.choice(digits)
            chars[a] = rng.choice([d for d in "0123456789" if d != chars[a]])
        new = "".join(chars)
        if len(new) > 1 and new[0] == "0" and new[1] != ".":
            continue
        if abs(Decimal(new) - old) >= min_delta:
            return new
    return None


def _replace_token(text: str, number: str, unit: str, new: str, anchor: str) -> str | None:
    """``text`` with the written amount ``number`` + ``unit`` that follows ``anchor`` replaced."""
    matches = [m for m in TOKEN_RE.finditer(text) if m["num"] == number and m["unit"] == unit]
    if not matches:
        return None
    if len(matches) > 1:
        near = [
            m
            for m in matches
            if anchor and anchor in text[max(0, m.start() - len(anchor) - 3) : m.start()]
        ]
        if len(near) != 1:
            return None
        matches = near
    m = matches[0]
    return text[: m.start("num")] + new + text[m.end("num") :]


def _figure_typo(
    ctx: _Context, fig: Figure | None, min_delta_units: Decimal
) -> tuple[int, str, str, str] | None:
    """A typo in a narrative figure: (line, new line text, old written, new written)."""
    if (
        fig is None
        or fig.value.number is None
        or fig.value.number == 0
        or not ctx.free([fig.span.line])
    ):
        return None
    old = f"{fig.value.number:f}"
    new = _typo(old, ctx.rng, min_delta_units)
    if new is None:
        return None
    text = _replace_token(ctx.text(fig.span.line), old, fig.value.unit, new, fig.label)
    if text is None:
        return None
    return fig.span.line, text, old + fig.value.unit, new + fig.value.unit


def _narrative_typo(
    rule: str, kind: str, what: str, pick: Callable[[_Context], Figure | None], min_delta: str
) -> Callable[[_Context], _Edit | None]:
    def inject(ctx: _Context) -> _Edit | None:
        fig = pick(ctx)
        if fig is None or ctx.template.fires(rule, [fig.span.line]):
            return None
        found = _figure_typo(ctx, fig, Decimal(min_delta))
        if found is None:
            return None
        line, text, old, new = found
        return _Edit(rule, kind, {line: text}, f"{what}“{fig.label}”由{old}误写为{new}")

    return inject


def _one_of(ctx: _Context, figures: Iterable[Figure | None]) -> Figure | None:
    """One of the non-zero figures, at random."""
    found = [f for f in figures if f is not None and f.yuan]
    return ctx.rng.choice(found) if found else None


def _asset_class(ctx: _Context) -> _Edit | None:
    total = ctx.doc.assets.total
    if total is not None and ctx.doc.assets.table_total is not None and ctx.rng.random() < 0.3:
        return _narrative_typo("RC014", "asset_class", "固定资产", lambda c: total, "0.1")(ctx)
    classes = [c for c in ctx.doc.assets.classes if c.yuan]
    ctx.rng.shuffle(classes)
    for fig in classes:
        line = cell_line(ctx.lines, fig.span.lines, fig.value.raw)
        if line is None or not ctx.free([line]) or ctx.template.fires("RC014", [line]):
            continue
        new = _typo(fig.value.raw, ctx.rng, Decimal("0.1"))
        if new is None:
            continue
        text = NUMBER_RE.sub(new, ctx.text(line), count=1)
        return _Edit(
            "RC014",
            "asset_class",
            {line: text},
            f"固定资产“{fig.label}”由{fig.value.raw}误写为{new}",
        )
    return None


def _staffing_part(ctx: _Context) -> _Edit | None:
    parts = [p for p in ctx.doc.staffing.parts if p.number is not None]
    if not parts or len(ctx.doc.staffing.parts) < 2:
        return None
    fig = ctx.rng.choice(parts)
    line = fig.span.line
    if not ctx.free([line]) or ctx.template.fires("RC013", [line]):
        return None
    number = f"{fig.value.number:f}"
    new = _typo(number, ctx.rng, Decimal(1)) if number != "0" else str(ctx.rng.randint(1, 9))
    if new is None:
        return None
    text = _replace_token(ctx.text(line), number, fig.value.unit, new, fig.label)
    if text is None:
        return None
    return _Edit(
        "RC013", "staffing_part", {line: text}, f"编制“{fig.label}”由{number}名误写为{new}名"
    )


def _running_over_public(ctx: _Context) -> _Edit | None:
    running, public = ctx.doc.running_costs.amount, ctx.doc.expenditure.public
    if running is None or public is None or public.yuan is None or running.value.number is None:
        return None
    line = running.span.line
    if line == public.span.line or not ctx.free([line]) or ctx.template.fires("RC017", [line]):
        return None
    factor = Decimal(str(round(ctx.rng.uniform(1.08, 1.6), 2)))
    new = fmt_number(public.yuan * factor / WAN)
    text = _replace_token(
        ctx.text(line), f"{running.value.number:f}", running.value.unit, new, "运行经费"
    )
    if text is None or new == f"{running.value.number:f}":
        return None
    return _Edit(
        "RC017",
        "running_over_public",
        {line: text},
        f"机关运行经费写成{new}万元，超过公用经费{fmt_number(public.yuan / WAN)}万元（把项目支出算入运行经费）",
    )


def _vehicle_operation(ctx: _Context) -> _Edit | None:
    sg = ctx.doc.sangong
    if sg.vehicle is None or sg.vehicle_purchase is None or sg.vehicle_operation is None:
        return None
    return _narrative_typo(
        "RC010", "vehicle_part", "公务用车", lambda c: c.doc.sangong.vehicle_operation, "0.1"
    )(ctx)


def _stated_prior(ctx: _Context) -> _Edit | None:
    changes = [
        c
        for c in [*ctx.doc.expenditure.changes, *ctx.doc.sangong.changes]
        if c.prior is not None and c.prior.value.number
    ]
    ctx.rng.shuffle(changes)
    for change in changes:
        prior = change.prior
        assert prior is not None
        line = prior.span.line
        if not ctx.free([line]) or ctx.template.fires("RC012", [line]):
            continue
        old = f"{prior.value.number:f}"
        new = _typo(old, ctx.rng, Decimal("0.1"))
        if new is None:
            continue
        text = _replace_token(ctx.text(line), old, prior.value.unit, new, change.subject[-3:])
        if text is None:
            continue
        return _Edit(
            "RC012",
            "stated_prior",
            {line: text},
            f"{change.subject}的上年数由{old}{prior.value.unit}误写为{new}{prior.value.unit}，上年数加变动不再等于本年数",
        )
    return None


def _stated_percent(ctx: _Context) -> _Edit | None:
    """A percentage written after a stated change that is not the change over last year's figure (a third
    to two thirds too large: the percentage kept from last year's text, or reckoned on another base)."""
    current = ctx.doc.change_subjects()
    changes = [c for c in [*ctx.doc.expenditure.changes, *ctx.doc.sangong.changes]
               if c.percent is None and not c.computed and c.delta_yuan and c.amount.value.number]
    ctx.rng.shuffle(changes)
    for change in changes:
        now = current.get(change.subject)
        line = change.amount.span.line
        if now is None or now.yuan is None or not ctx.free([line]) or ctx.template.fires("RC018", [line]):
            continue
        prior = now.yuan - (change.delta_yuan or Decimal(0))
        if prior <= 0 or change.amount.span.line != change.amount.span.end_line:
            continue
        written = f"{change.written_verb}{change.amount.value.raw}"
        text = ctx.text(line)
        if text.count(written) != 1:
            continue
        share = abs(change.delta_yuan or Decimal(0)) / prior * 100
        wrong = (share * Decimal(str(round(ctx.rng.uniform(1.35, 1.65), 2)))).quantize(Decimal("0.1"))
        words = "下降" if change.direction < 0 else "增长"
        at = text.index(written) + len(written)
        return _Edit(
            "RC018",
            "stated_percent",
            {line: f"{text[:at]}，{words}{wrong}%{text[at:]}"},
            f"{change.subject}{written}后写{words}{wrong}%，按上年数折合应为{share:.2f}%",
        )
    return None


def _material(change: StatedChange, current: Figure | None, thresholds: dict[str, float]) -> bool:
    """Material by the defaults' thresholds: at least N 万元 and N% of the prior year."""
    if current is None or current.yuan is None or change.delta_yuan is None:
        return False
    delta = change.delta_yuan
    prior = (
        change.prior.yuan
        if change.prior is not None and change.prior.yuan is not None
        else current.yuan - delta
    )
    if abs(delta) < Decimal(str(thresholds["material_change_wan"])) * WAN:
        return False
    return prior == 0 or abs(delta) / abs(prior) * 100 >= Decimal(
        str(thresholds["material_change_pct"])
    )


def _unexplained_change(ctx: _Context) -> _Edit | None:
    current = ctx.doc.change_subjects()
    thresholds = dict(ctx.template.settings.thresholds)
    changes = [
        c
        for c in [*ctx.doc.expenditure.changes, *ctx.doc.sangong.changes]
        if c.parent is None
        and c.reason is not None
        and _material(c, current.get(c.subject), thresholds)
    ]
    ctx.rng.shuffle(changes)
    for change in changes:
        assert change.reason is not None
        line = change.amount.span.line
        if not ctx.free([line]) or ctx.template.fires("VA002", [line]):
            continue
        text = ctx.text(line)
        start = text.find(change.reason.text)
        if start < 0 or text.count(change.reason.text) != 1:
            continue
        key = _REASON_KEY_RE.search(text[:start])
        if key is None:
            continue
        new = text[: key.start()] + text[start + len(change.reason.text) :]
        return _Edit(
            "VA002",
            "unexplained_change",
            {line: new},
            f"删去{change.subject}重大变动的原因“{change.reason.text}”",
        )
    return None


# ---- project tables


def _level2_rows(p: Project) -> list[tuple[Indicator, str]]:
    rows, level1, level2 = [], "", ""
    for ind in p.indicators:
        if ind.level1 != level1:
            level1, level2 = ind.level1, ""
        level2 = ind.level2 or level2
        rows.append((ind, level2))
    return rows


def _value_line(ctx: _Context, ind: Indicator) -> int | None:
    return cell_line(ctx.lines, ind.span.lines, ind.value.raw) if ind.value.raw else None


def _is_money(ind: Indicator) -> bool:
    return ind.value.number is not None and bool(MONEY_HEAD_RE.match(ind.value.unit))


def _project_edit(
    rule: str, kind: str, choose: Callable[[_Context, Project], tuple[dict[int, str], str] | None]
) -> Callable[[_Context], _Edit | None]:
    def inject(ctx: _Context) -> _Edit | None:
        for i in ctx.projects(rule):
            p = ctx.doc.projects[i]
            found = choose(ctx, p)
            if found is None:
                continue
            edits, what = found
            if not edits or not ctx.free(edits):
                continue
            return _Edit(rule, kind, edits, f"项目“{p.title}”：{what}", (i,))
        return None

    return inject


def _fiscal_typo(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    if p.fiscal is None or not p.fiscal.yuan:
        return None
    line = cell_line(ctx.lines, p.fiscal.span.lines, p.fiscal.value.raw)
    if line is None:
        return None
    new = _typo(p.fiscal.value.raw, ctx.rng, Decimal(1))
    if new is None:
        return None
    return {
        line: NUMBER_RE.sub(new, ctx.text(line), count=1)
    }, f"财政资金由{p.fiscal.value.raw}误写为{new}，与预算数不符"


def _budget_typo(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    """Budget and fiscal funds with the same typo: the table adds up, the total does not."""
    year = ctx.doc.year
    if (
        p.budget is None
        or p.fiscal is None
        or not p.budget.yuan
        or p.fiscal.yuan != p.budget.yuan
        or p.other is not None
    ):
        return None
    if (
        p.code_year != year
        or title_amount(p) is not None
        or any(_is_money(ind) for ind in p.indicators)
    ):
        return None
    budget_line = cell_line(ctx.lines, p.budget.span.lines, p.budget.value.raw)
    fiscal_line = cell_line(ctx.lines, p.fiscal.span.lines, p.fiscal.value.raw)
    if budget_line is None or fiscal_line is None:
        return None
    new = _typo(p.budget.value.raw, ctx.rng, Decimal(200))
    if new is None:
        return None
    edits = {n: NUMBER_RE.sub(new, ctx.text(n), count=1) for n in (budget_line, fiscal_line)}
    return edits, f"预算数与财政资金同时由{p.budget.value.raw}误写为{new}，各表合计与项目支出不符"


def _placeholder(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    rows = [ind for ind in p.indicators if ind.value.number is not None and not _is_money(ind)]
    ctx.rng.shuffle(rows)
    for ind in rows:
        line = _value_line(ctx, ind)
        if line is None:
            continue
        text = ctx.text(line)
        lead = text[: len(text) - len(text.lstrip())]
        form = ctx.rng.choice(["XX", "××", "***", "待定", "待补充", "？"])
        if form in ("待定", "待补充"):
            new = lead + form
        elif form == "？":
            new = text + form
        else:
            new = NUMBER_RE.sub(form, text, count=1)
        return (
            {line: new},
            f"指标“{ind.level3 or ind.description}”的指标值“{ind.value.raw}”改为占位符“{new.strip()}”",
        )
    return None


def _cost_floor(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    rows = [
        ind
        for ind, level2 in _level2_rows(p)
        if "成本" in level2
        and _is_money(ind)
        and ind.value.op not in ("≥", ">")
        and "以上" not in ind.value.unit
    ]
    for ind in rows:
        line = _value_line(ctx, ind)
        if line is None:
            continue
        text = ctx.text(line)
        lead = text[: len(text) - len(text.lstrip())]
        body = _OPERATOR_PREFIX_RE.sub("", text.strip())
        form = ctx.rng.choice(["≥{}", ">{}", "不低于{}", "大于等于{}", "{}以上"])
        new = lead + form.format(body)
        return {
            line: new
        }, f"成本指标“{ind.level3 or ind.description}”由“{ind.value.raw}”改为下限“{new.strip()}”"
    return None


def _cost_over_budget(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    if p.budget is None or not p.budget.yuan:
        return None
    rows = [
        ind
        for ind, level2 in _level2_rows(p)
        if "成本" in level2 and _is_money(ind) and "/" not in ind.value.unit
    ]
    for ind in rows:
        line = _value_line(ctx, ind)
        head = MONEY_HEAD_RE.match(ind.value.unit)
        if line is None or head is None:
            continue
        factor = Decimal(str(round(ctx.rng.uniform(1.5, 4.0), 2)))
        new_number = fmt_number(p.budget.yuan * factor / MONEY_SCALE[head.group(1)])
        new = NUMBER_RE.sub(new_number, ctx.text(line), count=1)
        return (
            {line: new},
            f"成本指标“{ind.level3 or ind.description}”由“{ind.value.raw}”改为“{new.strip()}”，超过预算数",
        )
    return None


def _percent_over_100(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    rows = [
        ind
        for ind in p.indicators
        if ind.value.unit == "%"
        and ind.value.number is not None
        and ind.value.number <= 100
        and _SHARE_RE.search(ind.level3 or ind.description)
        and not _GROWTH_RE.search(f"{ind.level3} {ind.description}")
    ]
    ctx.rng.shuffle(rows)
    for ind in rows:
        line = _value_line(ctx, ind)
        if line is None:
            continue
        value = ctx.rng.choice([105, 110, 120, 150, 180, 200])
        new = NUMBER_RE.sub(str(value), ctx.text(line), count=1)
        return {
            line: new
        }, f"指标“{ind.level3 or ind.description}”的指标值由“{ind.value.raw}”改为“{new.strip()}”"
    return None


def _plan(ctx: _Context, p: Project) -> list[tuple[int, int, str]]:
    """(line, percent, label) of each plan point written as a single-line percentage."""
    points = []
    for point in p.spending_plan:
        q = point.value
        if q.number is None or q.unit not in ("%", "") or q.number != q.number.to_integral():
            return []
        line = cell_line(ctx.lines, point.span.lines, q.raw)
        if line is None:
            return []
        points.append((line, int(q.number), point.label))
    return points


def _set_percent(ctx: _Context, line: int, value: int) -> str:
    return NUMBER_RE.sub(str(value), ctx.text(line), count=1)


def _plan_not_cumulative(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    points = _plan(ctx, p)
    choices = [i for i in range(len(points) - 1) if points[i + 1][1] <= 90 and points[-1][1] == 100]
    if not choices:
        return None
    i = ctx.rng.choice(choices)
    line, old, label = points[i]
    value = min(100, points[i + 1][1] + ctx.rng.choice([10, 20, 30, 50]))
    if value == old:
        return None
    return {
        line: _set_percent(ctx, line, value)
    }, f"资金支出计划{label}由{old}%改为{value}%，高于{points[i + 1][2]}的{points[i + 1][1]}%"


def _plan_over_100(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    points = _plan(ctx, p)
    if not points:
        return None
    line, old, label = points[-1]
    value = ctx.rng.choice([110, 120, 150, 200])
    return {line: _set_percent(ctx, line, value)}, f"资金支出计划{label}由{old}%改为{value}%"


def _plan_not_100(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    points = _plan(ctx, p)
    if len(points) < 2 or points[-1][1] != 100 or points[-2][1] > 90:
        return None
    line, old, label = points[-1]
    value = ctx.rng.randint(max(points[-2][1], 40), 95)
    return {line: _set_percent(ctx, line, value)}, f"资金支出计划{label}由{old}%改为{value}%"


_NUMBERING_RE = re.compile(r"^\s*(?:\d+\s*[.、．）)]|[（(]\s*[\d一二三四五六七八九十]+\s*[）)])\s*")


def _goal_repeats_title(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    if p.goal is None or p.goal.span.line != p.goal.span.end_line or p.name is None:
        return None
    line = p.goal.span.line
    text = ctx.text(line)
    lead = text[: len(text) - len(text.lstrip())]
    numbering = _NUMBERING_RE.match(text.strip())
    new = f"{lead}{numbering.group(0) if numbering else ''}{p.name.text}"
    if new == text:
        return None
    return {line: new}, "绩效目标改为只重复项目名称"


def _stale_year(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    year = ctx.doc.year
    if (
        year is None
        or p.goal is None
        or p.goal.span.line != p.goal.span.end_line
        or p.code_year != year
    ):
        return None
    if re.search(r"(?:19|20)\d{2}", p.title) or re.search(r"(?:19|20)\d{2}", p.goal.text):
        return None
    stale = year - ctx.rng.randint(1, 3)
    line = p.goal.span.line
    text = ctx.text(line)
    lead = text[: len(text) - len(text.lstrip())]
    body = text.strip()
    numbering = _NUMBERING_RE.match(body)
    cut = numbering.end() if numbering else 0
    phrase = ctx.rng.choice(
        ["按照{}年工作要点，", "完成{}年度目标任务，", "对标{}年考核要求，"]
    ).format(stale)
    new = f"{lead}{body[:cut]}{phrase}{body[cut:]}"
    return {line: new}, f"绩效目标中写入以前年度“{stale}年”"


def _rate_in_money(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    rows = [
        ind
        for ind in p.indicators
        if ind.value.unit == "%"
        and ind.value.number is not None
        and _SHARE_RE.search(ind.level3 or ind.description)
    ]
    ctx.rng.shuffle(rows)
    for ind in rows:
        line = _value_line(ctx, ind)
        if line is None:
            continue
        new = ctx.text(line).replace("%", ctx.rng.choice(["万元", "元"]), 1)
        return (
            {line: new},
            f"比率指标“{ind.level3 or ind.description}”的指标值由“{ind.value.raw}”误写为“{new.strip()}”",
        )
    return None


def _value_without_unit(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    rows = [
        ind
        for ind in p.indicators
        if ind.value.number is not None
        and ind.value.unit
        and ind.value.unit != "%"
        and not _is_money(ind)
        and not ind.value.note
    ]
    ctx.rng.shuffle(rows)
    for ind in rows:
        line = _value_line(ctx, ind)
        if line is None:
            continue
        text = ctx.text(line)
        new = text[: text.rindex(ind.value.unit)] if text.endswith(ind.value.unit) else None
        if new is None or not NUMBER_RE.search(new):
            continue
        return {
            line: new
        }, f"指标“{ind.level3 or ind.description}”的指标值“{ind.value.raw}”漏写计量单位"
    return None


def _quantity_vs_unit_cost(ctx: _Context, p: Project) -> tuple[dict[int, str], str] | None:
    """A typo in the quantity that, times the unit cost, makes up the budget."""
    rows = _level2_rows(p)
    costs = [
        ind for ind, level2 in rows if "成本" in level2 and _is_money(ind) and "/" in ind.value.unit
    ]
    if len(costs) != 1 or p.budget is None or not p.budget.yuan:
        return None
    parts = [s.strip() for s in costs[0].value.unit.split("/")[1:]]
    if not parts or any(s not in ("年", "年度") for s in parts[1:]):
        return None
    quantities = [
        ind
        for ind, level2 in rows
        if "数量" in level2 and ind.value.number is not None and ind.value.unit == parts[0]
    ]
    if len(quantities) != 1:
        return None
    ind = quantities[0]
    line = _value_line(ctx, ind)
    number = ind.value.number
    if line is None or number is None or not number:
        return None
    old = f"{number:f}"
    new = _typo(old, ctx.rng, max(number * Decimal("0.05"), Decimal(1)))
    if new is None:
        return None
    text = ctx.text(line)
    match = NUMBER_RE.search(text)
    if match is None or match.group(0) != old:
        return None
    return (
        {line: text[: match.start()] + new + text[match.end() :]},
        f"数量指标“{ind.level3 or ind.description}”由{old}{ind.value.unit}误写为{new}{ind.value.unit}，与单位成本之积不再等于预算数",
    )


def _pair(ctx: _Context, rule: str, same_year: bool) -> tuple[int, int] | None:
    candidates = [
        i
        for i in ctx.projects(rule)
        if not re.search(r"\d", ctx.doc.projects[i].title)
        and not _GOODS_WORKS_RE.search(ctx.doc.projects[i].title)
    ]
    for a in candidates:
        for b in candidates:
            pa, pb = ctx.doc.projects[a], ctx.doc.projects[b]
            if a == b or pa.title == pb.title or (same_year and pa.code_year != pb.code_year):
                continue
            return a, b
    return None


def _duplicate_name(ctx: _Context) -> _Edit | None:
    pair = _pair(ctx, "CS002", same_year=False)
    if pair is None:
        return None
    a, b = pair
    pa, pb = ctx.doc.projects[a], ctx.doc.projects[b]
    if pb.name is None or pb.name.span.line != pb.name.span.end_line:
        return None
    heading = ctx.text(pb.heading.span.line)
    if heading.count(pb.title) != 1:
        return None
    edits = {
        pb.heading.span.line: heading.replace(pb.title, pa.title),
        pb.name.span.line: ctx.text(pb.name.span.line).replace(pb.title, pa.title),
    }
    if not ctx.free(edits):
        return None
    return _Edit(
        "CS002",
        "duplicate_name",
        edits,
        f"项目“{pb.title}”的表题和名称改为另一项目的名称“{pa.title}”",
        (a, b),
    )


def _duplicate_code(ctx: _Context) -> _Edit | None:
    pair = _pair(ctx, "CS003", same_year=True)
    if pair is None:
        return None
    a, b = pair
    pa, pb = ctx.doc.projects[a], ctx.doc.projects[b]
    if pa.code is None or pb.code is None or pb.code.span.line != pb.code.span.end_line:
        return None
    line = pb.code.span.line
    if not ctx.free([line]):
        return None
    new = ctx.text(line).replace(pb.code.text, pa.code.text)
    return _Edit(
        "CS003",
        "duplicate_code",
        {line: new},
        f"项目“{pb.title}”的编码改为项目“{pa.title}”的编码{pa.code.text}",
        (a, b),
    )


#: Defect kinds: (rule expected to report it, kind, injector).
KINDS: tuple[tuple[str, str, Callable[[_Context], _Edit | None]], ...] = (
    (
        "RC001",
        "income_part",
        _narrative_typo(
            "RC001", "income_part", "收入来源", lambda c: _one_of(c, c.doc.income.parts), "0.1"
        ),
    ),
    (
        "RC003",
        "personnel",
        _narrative_typo(
            "RC003", "personnel", "基本支出组成", lambda c: c.doc.expenditure.personnel, "0.1"
        ),
    ),
    (
        "RC004",
        "expenditure_total",
        _narrative_typo(
            "RC004", "expenditure_total", "支出合计", lambda c: c.doc.expenditure.total, "0.1"
        ),
    ),
    ("RC005", "project_budget", _project_edit("RC005", "project_budget", _budget_typo)),
    (
        "RC006",
        "project_breakdown",
        _narrative_typo(
            "RC006",
            "project_breakdown",
            "项目支出组成",
            lambda c: _one_of(c, c.doc.expenditure.project_parts),
            "0.1",
        ),
    ),
    (
        "RC007",
        "carry_over",
        _narrative_typo(
            "RC007", "carry_over", "上年结转", lambda c: c.doc.income.carry_over, "0.1"
        ),
    ),
    ("RC010", "vehicle_part", _vehicle_operation),
    ("RC012", "stated_prior", _stated_prior),
    ("RC013", "staffing_part", _staffing_part),
    ("RC014", "asset_class", _asset_class),
    ("RC015", "fund_split", _project_edit("RC015", "fund_split", _fiscal_typo)),
    ("RC017", "running_over_public", _running_over_public),
    ("RC018", "stated_percent", _stated_percent),
    ("VA002", "unexplained_change", _unexplained_change),
    ("IN004", "percent_over_100", _project_edit("IN004", "percent_over_100", _percent_over_100)),
    (
        "IN002",
        "value_without_unit",
        _project_edit("IN002", "value_without_unit", _value_without_unit),
    ),
    ("IN005", "rate_in_money", _project_edit("IN005", "rate_in_money", _rate_in_money)),
    ("IN008", "placeholder", _project_edit("IN008", "placeholder", _placeholder)),
    ("IN009", "cost_floor", _project_edit("IN009", "cost_floor", _cost_floor)),
    (
        "IN010",
        "plan_not_cumulative",
        _project_edit("IN010", "plan_not_cumulative", _plan_not_cumulative),
    ),
    ("IN011", "plan_over_100", _project_edit("IN011", "plan_over_100", _plan_over_100)),
    ("IN012", "plan_not_100", _project_edit("IN012", "plan_not_100", _plan_not_100)),
    (
        "IN013",
        "goal_repeats_title",
        _project_edit("IN013", "goal_repeats_title", _goal_repeats_title),
    ),
    ("IN014", "cost_over_budget", _project_edit("IN014", "cost_over_budget", _cost_over_budget)),
    (
        "IN015",
        "quantity_vs_unit_cost",
        _project_edit("IN015", "quantity_vs_unit_cost", _quantity_vs_unit_cost),
    ),
    ("CS002", "duplicate_name", _duplicate_name),
    ("CS003", "duplicate_code", _duplicate_code),
    ("CS005", "stale_year", _project_edit("CS005", "stale_year", _stale_year)),
)


def inject(
    template: Template, lines: list[str], unit: str, rng: random.Random, rate: float
) -> tuple[list[str], list[Defect]]:
    """Injected defects for one clean synthetic document: the edited lines and the record."""
    doc = parse_lines(
        [Line(i, to_halfwidth(t)) for i, t in enumerate(lines, start=1)], _source_info()
    )
    ctx = _Context(template, doc, list(lines), rng, unit)
    defects: list[Defect] = []
    chosen = [kind for kind in KINDS if rng.random() < rate]
    rng.shuffle(chosen)  # kinds that compete for a line or table each get their turn first
    for _rule, _kind, func in chosen:
        edit = func(ctx)
        if edit is None:
            continue
        if set(edit.edits) & ctx.claimed_lines or set(edit.projects) & ctx.claimed_projects:
            continue
        if any(ctx.text(n) == text or "\n" in text for n, text in edit.edits.items()):
            continue
        for number, text in edit.edits.items():
            ctx.lines[number - 1] = text
        ctx.claimed_lines.update(edit.edits)
        ctx.claimed_projects.update(edit.projects)
        defects.append(
            Defect(unit, edit.rule, edit.kind, tuple(sorted(edit.edits)), edit.description)
        )
    return ctx.lines, defects


def _source_info() -> SourceInfo:
    return SourceInfo(path="<synthetic>", encoding="utf-8", newline="\n", sha256="", line_count=0)
