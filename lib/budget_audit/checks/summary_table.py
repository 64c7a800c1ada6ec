"""RC019: the 收支总表 written into the overview — each row's years and change, each column's sums, and each row
against the figure the text states for the same item."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from ..amounts import fmt_quoted
from ..model import Disclosure, Figure, TableLine, other_spending
from ..parse.year_tables import TOTAL_ROW_RE, row_subject
from .base import Hit, RuleContext, rule
from .tolerance import differs

_COLUMNS = (("current", "本年"), ("prior", "上年"), ("change", "增减"))


@rule(
    code="RC019",
    name="reconcile.summary_table",
    category="reconcile",
    severity="error",
    compare={"row": ("上年数加增减", "本年数"), "sum": ("合计行", "各行之和"), "text": ("收支总表本年数", "说明文字所写"),
             "change": ("收支总表增减", "说明文字所述变动")},
    message={
        "row": "收支总表“{label}”上年 {prior} 加增减 {change} 应为 {expected}，而本年为 {actual}，相差 {diff}{also}",
        "sum": "收支总表{column}列各行（{parts}）之和 {actual} 与“{total}” {expected} 不符，相差 {diff}{also}",
        "text": "收支总表“{label}”本年 {expected} 与说明文字所写 {actual}（第{line}行）不符，相差 {diff}{also}",
        "change": "收支总表“{label}”增减 {expected} 与说明文字所述{verb}{amount}（第{line}行）不符，相差 {diff}{also}",
    },
)
def summary_table(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """收支总表（写在说明中的"项目 | 上年 | 本年 | 增减"表）应自洽，并与说明文字一致。

    检查内容：
    说明的收支总体情况部分以表格列出各项收支的上年数、本年数和增（减）时：①每行 上年数 + 增减 = 本年数；
    ②每列收入各行（各来源与上年结转，不含"其中"行）之和等于"收入总计/合计"行，支出各行（基本支出、项目支出
    等）之和等于"支出总计/合计"行；③表中收入来源、上年结转、基本支出、项目支出、人员经费、公用经费、支出合计的
    本年数、增减与说明文字所写的同一项目一致。同一处写错在几处显出同一差额（本行不平、列合计不符、与文字不一致）时
    只报一条，列出其余几处。容差按各项的舍入（两位小数每项0.005万元）。

    审计意义：
    收支总表是说明文字的依据；表内算不平，或表与文字各写一个数，说明至少一处抄错，公开的数字不可信。

    示例：
    "项目支出 | 6,898.50 | 7,320.00 | 421.50"而文字写"项目支出7,230.00万元" → 报告表与文字不一致；
    "收入总计 | 7,950.60 | 8,460.40 | 455.80"而各来源之和为8,406.40 → 报告本年列合计不符，且该行上年加增减不等于本年。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元）。

    常见误报：
    表中"合计"与"总计"口径不同（是否含上年结转、年末结转）时，按表中行的先后分段相加，个别表式可能分错。
    """
    lines = doc.summary_table
    hits = [*_against_text(doc, lines, ctx), *_rows(lines, ctx), *_sums(lines, ctx)]
    yield from _one_per_error(hits, {line.current.span.line for line in lines if line.current is not None})


def _rows(lines: list[TableLine], ctx: RuleContext) -> Iterator[Hit]:
    """Each row's last year plus its change against this year."""
    for line in lines:
        if line.current is not None and line.prior is not None and line.change is not None:
            expected = line.prior.yuan + line.change.yuan  # type: ignore[operator]
            assert line.current.yuan is not None
            if differs(expected, line.current.yuan, [line.prior, line.change, line.current], ctx.params):
                yield Hit(spans=[line.current.span], expected=expected, actual=line.current.yuan, variant="row",
                          key=f"row:{line.label}", fields={"label": line.label, "prior": fmt_quoted(line.prior.value),
                                                          "change": fmt_quoted(line.change.value), "_col": None})


#: How a hit is named among the others of the same error.
_SHORT = {"text": "“{label}”与第{line}行", "change": "“{label}”增减与第{line}行", "row": "“{label}”上年加增减",
          "sum": "{column}列“{total}”"}


def _one_error(a: Hit, b: Hit, table_lines: set[int]) -> bool:
    """Whether two hits show one error: the same gap in one cell of the table. A row's checks (its years and change,
    against the text) are about its row, a column's sum about any row of it: the two agree on a row and on the column
    (本年, 上年, 增减; a row's own check any of its cells). This year's figure and the change of one row, or of one
    total, move together: a row whose both are off by the gap is one error."""
    if abs(a.actual - a.expected) != abs(b.actual - b.expected):  # type: ignore[operator]
        return False
    cols = {a.fields["_col"], b.fields["_col"]}
    if a.variant == b.variant == "sum":
        return a.spans[0] == b.spans[0] and cols <= {"current", "change"}  # one total row, both columns
    if "sum" in (a.variant, b.variant):
        cell, column = (b, a) if a.variant == "sum" else (a, b)
        rows = {s.line for s in column.spans} & table_lines
        return cell.spans[0].line in rows and (cell.fields["_col"] in (None, column.fields["_col"]))
    return a.spans[0].line == b.spans[0].line and (None in cols or cols <= {"current", "change"})


def _one_per_error(hits: list[Hit], table_lines: set[int]) -> Iterator[Hit]:
    """One hit for the hits showing one error (:func:`_one_error`, with any hit of the group already found) — the
    first (text, then row, then column) with the others' evidence, named after its message (；同一差额还见于：…)."""
    taken: set[int] = set()
    for i, hit in enumerate(hits):
        if i in taken:
            continue
        group = [i]
        for j, other in enumerate(hits):
            if j > i and j not in taken and any(_one_error(hits[k], other, table_lines) for k in group):
                group.append(j)
        taken.update(group)
        others = [hits[j] for j in group[1:]]
        also = "、".join(_SHORT[h.variant].format(**h.fields) for h in others)
        spans = list(dict.fromkeys([*hit.spans, *(s for h in others for s in h.spans)]))
        yield replace(hit, spans=spans, fields={**hit.fields, "also": f"；同一差额还见于：{also}" if also else ""})


def _sums(lines: list[TableLine], ctx: RuleContext) -> Iterator[Hit]:
    """Each total row against the rows above it since the last total — and a 合计 of its side before them (本年收入合计,
    上年结转 → 收入总计), not the other side's (收入合计 before 基本支出, 项目支出 → 支出合计)."""
    rows: list[TableLine] = []
    carried: TableLine | None = None
    for line in lines:
        if line.sub:
            continue
        if (total_row := TOTAL_ROW_RE.match(line.label)) is None:
            rows.append(line)
            continue
        side = total_row["side"]
        pending = ([carried] if carried is not None and side and side in carried.label else []) + rows
        carried, rows = (line if line.label.endswith("合计") else None), []
        for field, column in _COLUMNS:
            total: Figure | None = getattr(line, field)
            parts = [getattr(p, field) for p in pending]
            if total is None or total.yuan is None or not parts or any(p is None for p in parts):
                continue
            actual = sum((p.yuan for p in parts), Decimal(0))
            if differs(total.yuan, actual, [total, *parts], ctx.params, expected_from=[total]):
                yield Hit(spans=[total.span, *(p.span for p in parts)], expected=total.yuan, actual=actual,
                          variant="sum", key=f"sum:{line.label}:{field}",
                          fields={"column": column, "total": line.label,
                                  "parts": "、".join(p.label for p in pending), "_col": field})


def _text_figure(doc: Disclosure, label: str) -> Figure | None:
    """The figure the text states for the item a table row names, if it names one the text states unambiguously."""
    e, income = doc.expenditure, doc.income
    if "结转" in label:
        return income.carry_over if "上年" in label else None
    if "收入" in label or "拨款" in label:
        return next((p for p in income.parts if p.label and (p.label in label or label in p.label)), None)
    known = {"基本支出": e.basic, "项目支出": e.project, "人员经费": e.personnel, "公用经费": e.public}
    if label in known:
        return known[label]
    if re.fullmatch(r"(?:本年)?支出(?:总计|合计)", label):
        return e.total
    spending = other_spending(label)
    return next((f for f in e.others if other_spending(f.label) == spending), None) if spending else None


def _against_text(doc: Disclosure, lines: list[TableLine], ctx: RuleContext) -> Iterator[Hit]:
    """Each row's figure of this year against the text's for its item, then its 增减 against the change the text
    states (its line named in the message: 第32行)."""
    stated = {c.subject: c for c in doc.stated_changes() if not c.table and c.amount.yuan is not None}
    parent = ""
    for line in lines:
        parent = parent if line.sub else line.label
        if line.sub and re.search(r"结转|结余", parent):
            continue  # 上年结转 / 其中：一般公共预算拨款: the carry-over's part, not the income source of that name
        text = _text_figure(doc, line.label)
        if (line.current is not None and line.current.yuan is not None and text is not None and text.yuan is not None
                and text.span.line != line.current.span.line  # not the table's own figure (read from it)
                and differs(line.current.yuan, text.yuan, [line.current, text], ctx.params)):
            yield Hit(spans=[line.current.span, text.span], expected=line.current.yuan, actual=text.yuan,
                      variant="text", key=f"text:{line.label}",
                      fields={"label": line.label, "line": text.span.line, "_col": "current"})
        said = stated.get(subject) if (subject := row_subject(line.label)) else None
        if line.change is not None and line.change.yuan is not None and said is not None:
            delta = said.delta_yuan
            assert delta is not None
            if differs(line.change.yuan, delta, [line.change, said.amount], ctx.params):
                yield Hit(spans=[line.change.span, said.amount.span], expected=line.change.yuan, actual=delta,
                          variant="change", key=f"change:{line.label}",
                          fields={"label": line.label, "verb": said.written_verb, "amount": said.amount.value.raw,
                                  "line": said.amount.span.line, "_col": "change"})
