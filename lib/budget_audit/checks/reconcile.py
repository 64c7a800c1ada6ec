"""Reconciliation rules: figures that must add up.

Each rule compares an expected value with an actual one and fires only when the gap
exceeds the rounding tolerance of the terms involved (:mod:`.tolerance`).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..model import Disclosure, Figure
from .base import Hit, RuleContext, rule
from .tolerance import differs


def _total(figures: list[Figure]) -> Decimal:
    return sum((f.yuan for f in figures if f.yuan is not None), Decimal(0))


@rule(
    code="RC001",
    name="reconcile.income_parts",
    category="reconcile",
    severity="error",
    message="收入各来源之和 {actual} 与收入合计 {expected} 不符，相差 {diff}（{parts}）",
)
def income_parts(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """收入各来源之和应等于收入合计。

    检查内容：
    一般公共预算、政府性基金、财政专户、其他收入等各来源之和与"预算收入"合计比较（上年结转不计入）。

    审计意义：
    合计与分项不符，说明公开数字至少有一处错误，或漏列了某项收入来源。

    示例：
    "预算收入5728.07万元，其中：一般公共预算收入4739.51万元，基金预算收入900.00万元" → 相差88.56万元。

    参数：
    rounding_per_term_wan — 每个以万元两位小数公开的数字允许的舍入误差（默认0.005万元），随项数累加。

    常见误报：
    文件把上年结转写进"收入合计"时，合计会比各来源之和多出结转数；此时请核对口径。
    """
    total = doc.income.total
    parts = doc.income.parts
    if total is None or total.yuan is None or not parts:
        return
    actual = _total(parts)
    if differs(total.yuan, actual, [total, *parts], ctx.params):
        yield Hit(
            spans=[total.span, *(p.span for p in parts)],
            expected=total.yuan,
            actual=actual,
            fields={"parts": "、".join(f"{p.label}{p.value.raw}" for p in parts)},
        )
