"""Reconciliation rules: figures that must add up.

Each rule compares an expected value with an actual one and fires only when the gap
exceeds the rounding tolerance of the terms involved (:mod:`.tolerance`), which is wider
for a figure written as approximate (约…); such a hit says so (``Hit.approx``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from ..amounts import fmt_amount, fmt_money, fmt_money_range, fmt_quoted, money_in_text
from ..model import (
    WHOLE_OF,
    Disclosure,
    Figure,
    Project,
    StatedChange,
    other_spending,
    total_and_parts,
)
from ..parse.change_words import verb_direction
from ..parse.changes import range_depths
from .base import Hit, RuleContext, Severity, quoted, rule
from .tolerance import approximate, differs, exceeds, sum_tolerance
from .variance import RATE_PATTERN, amount_and_words, change_range, change_terms, value_range


def _total(figures: list[Figure]) -> Decimal:
    return sum((f.yuan for f in figures if f.yuan is not None), Decimal(0))


def _listing(figures: list[Figure]) -> str:
    return "、".join(f"{f.label}{fmt_quoted(f.value)}" for f in figures)


def _as_written(**figures: Figure | None) -> dict[str, str]:
    """Message fields (``expected``, ``actual``) for figures of the document, quoted by
    :func:`~budget_audit.amounts.fmt_amount`: to the cent, or as written when approximate
    (约19万元, not 19.00万元). Sums and differences the rule works out are left to the
    framework, to the cent."""
    return {name: fmt_amount(f.value) for name, f in figures.items() if f is not None and f.yuan is not None}


def _parts_vs_total(
    total: Figure | None, terms: list[Figure | None], ctx: RuleContext, **fields: object
) -> Iterator[Hit]:
    """One hit when the parts (all of which must be published) miss the total by more
    than the rounding of the terms."""
    if (
        total is None
        or total.yuan is None
        or not terms
        or any(p is None or p.yuan is None for p in terms)
    ):
        return
    present = [p for p in terms if p is not None]
    actual = _total(present)
    if differs(total.yuan, actual, [total, *present], ctx.params, expected_from=[total]):
        yield Hit(
            spans=[total.span, *(p.span for p in present)],
            expected=total.yuan,
            actual=actual,
            fields={**_as_written(expected=total), **fields},
            approx=approximate([total, *present]),
        )


#: Rule that holds a change's subject to the parts it is made of (:func:`_parts_of`).
_PARTS_RULES = {"收支合计": "RC004", "基本支出": "RC003", "“三公”经费合计": "RC009", "公务用车购置及运维费": "RC010"}


def _parts_of(doc: Disclosure, subject: str) -> list[Figure | None]:
    """The figures this year's figure of ``subject`` (a change's subject, :meth:`~budget_audit.model.Disclosure.
    change_subjects`) is the total of, as its rule (:data:`_PARTS_RULES`) adds them: 支出合计 of 基本支出, 项目支出
    and the other classes of spending stated; 基本支出 of 人员经费 and 公用经费; the "三公" total of its parts (none
    when fewer than two are stated: one alone is no breakdown); 公务用车购置及运维费 of 购置 and 运维. Else none."""
    e, sg = doc.expenditure, doc.sangong
    if subject == "收支合计":
        return [e.basic, e.project, *e.others]
    if subject == "基本支出":
        return [e.personnel, e.public]
    if subject == "公务用车购置及运维费":
        return [sg.vehicle_purchase, sg.vehicle_operation]
    if subject == "“三公”经费合计":
        vehicle = sg.vehicle or sg.vehicle_purchase or sg.vehicle_operation
        stated = sum(f is not None for f in (sg.overseas, vehicle, sg.reception))
        return list(sg.parts()) if stated >= 2 else []
    return []


@rule(
    code="RC001",
    name="reconcile.income_parts",
    category="reconcile",
    severity="error",
    compare={"default": ("收入合计", "各来源之和"), "carry_in_total": ("收入总计（含上年结转）", "各来源与上年结转之和"),
             "subtotal": ("本年收入合计", "各来源之和"),
             "subtotal_carry": ("收入总计（含上年结转）", "本年收入合计与上年结转之和")},
    message={
        "default": "收入各来源之和 {actual} 与收入合计 {expected} 不符，相差 {diff}（{parts}）{otherwise}",
        "carry_in_total": "收入各来源与上年结转之和 {actual} 与收入总计 {expected} 不符，相差 {diff}（{parts}）",
        "subtotal": "收入各来源之和 {actual} 与本年收入合计 {expected} 不符，相差 {diff}（{parts}）{otherwise}",
        "subtotal_carry": "本年收入合计与上年结转之和 {actual} 与收入总计 {expected} 不符，相差 {diff}（{parts}）",
    },
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

    合计已含上年结转（见下）时，以各来源与上年结转之和比较。合计恰好等于各来源与上年结转之和、而不等于各来源
    之和时，视为已含结转；两种口径都对不上（某一来源写错）时，合计称"总计"（收支总表中，收入总计 = 本年收入
    合计 + 上年结转），或与支出合计相等（"收入、支出预算总计均为……"），视为已含结转，否则视为不含。

    总计之下写明本年收入合计（"收入预算总计……，其中：本年收入合计……，包括……；上年结转……"）时，各来源之和与本年收入
    合计比较，本年收入合计与上年结转之和再与总计比较；各来源与上年结转之和等于总计时，错的是本年收入合计一处，只报前者，
    并写明总计与各来源、上年结转之和相符。

    常见误报：
    合计称"合计"、与支出也不相等，却含上年结转，而又有一个数字写错时，按不含结转报告差额；含结转时差额更小的，
    消息另写出按含结转计的差额，请核对口径。
    """
    if doc.income.subtotal is not None:
        yield from _income_subtotal(doc, ctx)
        return
    parts = list(doc.income.parts)
    if carry_over_in_total(doc, ctx.params):
        parts.append(doc.income.carry_over)  # type: ignore[arg-type]  # there is one: see carry_over_in_total
        for hit in _parts_vs_total(doc.income.total, parts, ctx, parts=_listing(parts)):
            yield replace(hit, variant="carry_in_total")
        return
    yield from _parts_vs_total(doc.income.total, parts, ctx, parts=_listing(parts),
                               otherwise=_if_carry_over_in_total(doc, ctx.params))


def _income_subtotal(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """RC001 for an income total over 本年收入合计 and 上年结转: the sources against the subtotal, the subtotal and
    the carry-over against the total — not the latter when the sources and the carry-over make the total, which leaves
    the subtotal alone in error (one mistake, reported once)."""
    income = doc.income
    total, subtotal, carry, sources = income.total, income.subtotal, income.carry_over, list(income.parts)
    whole = [subtotal, carry]
    reckoned = total is not None and total.yuan is not None and carry is not None and carry.yuan is not None \
        and subtotal is not None and subtotal.yuan is not None
    makes_total = reckoned and bool(sources) and all(p.yuan is not None for p in sources) and not differs(
        total.yuan, _total([*sources, carry]), [total, *sources, carry], ctx.params, expected_from=[total])
    otherwise = f"；收入总计 {fmt_amount(total.value)} 与各来源、上年结转之和相符" if makes_total else ""
    wrong_subtotal = False
    for hit in _parts_vs_total(subtotal, sources, ctx, parts=_listing(sources), otherwise=otherwise):
        wrong_subtotal = True
        yield replace(hit, variant="subtotal")
    if wrong_subtotal and makes_total:
        return
    for hit in _parts_vs_total(total, whole, ctx, parts=_listing([f for f in whole if f is not None])):
        yield replace(hit, variant="subtotal_carry")


def _if_carry_over_in_total(doc: Disclosure, params: Mapping[str, Any], gaps: tuple[Decimal, Decimal] | None = None) -> str:
    """What a message taking the income total as excluding 上年结转 adds when neither reading adds up and the other
    is nearer, by less than half the carry-over (15,361.75 for sources of 14,956.75 and a carry-over of 360.00: 405
    apart without it, 45 with it): the gap were the total to hold it — the reading is the auditor's to confirm, not
    the rule's to guess. ``gaps``: the message's own gap and the other reading's (default: the total's from the
    sources, without and with the carry-over). Else ""."""
    income = doc.income
    total, carry = income.total, income.carry_over
    if (total is None or total.yuan is None or carry is None or not carry.yuan or not income.parts
            or any(p.yuan is None for p in income.parts) or carry_over_in_total(doc, params)):
        return ""
    sources = _total(income.parts)
    if not differs(total.yuan, sources, [total, *income.parts], params, expected_from=[total]):
        return ""  # it adds up without: no other reading
    spend = doc.expenditure.total
    if (gaps is None and spend is not None and spend.yuan is not None
            and not differs(spend.yuan, total.yuan + carry.yuan, [spend, total, carry], params)):
        return ""  # the total and the carry-over make the spending: it holds none (RC002 is quiet), a source is off
    own, other = gaps or (total.yuan - sources, total.yuan - sources - carry.yuan)
    if abs(other) >= abs(own) or abs(other) * 2 >= carry.yuan:
        return ""  # not nearer, or a gap as large as half the carry-over: no likelier a reading
    return f"；如收入合计已含上年结转{fmt_amount(carry.value)}，则相差 {fmt_money(abs(other))}，请核实口径"


def carry_over_in_total(doc: Disclosure, params: Mapping[str, Any]) -> bool:
    """Whether the stated income total already holds 上年结转.

    It does when it equals the sources plus the carry-over and not the sources alone
    (``收入总计6663.49万元，其中：一般公共预算4783.91万元，…上年结转891.02万元``). When it equals
    neither (a source is misstated), the wording and the balance decide: a total called
    总计 (in the budget tables 收入总计 is 本年收入合计 plus 上年结转), or one equal to the
    expenditure total (``收入、支出预算总计均为12,856.42万元``), holds it.
    """
    income = doc.income
    total, carry = income.total, income.carry_over
    if (total is None or total.yuan is None or carry is None or not carry.yuan
            or not income.parts or any(p.yuan is None for p in income.parts)):
        return False
    sources = _total(income.parts)
    figures = [total, carry, *income.parts]
    with_carry = not differs(total.yuan, sources + carry.yuan, figures, params, expected_from=[total])
    without = not differs(total.yuan, sources, figures, params, expected_from=[total])
    if with_carry or without:
        return with_carry and not without
    spend = doc.expenditure.total
    balanced = spend is not None and spend.yuan is not None and not differs(spend.yuan, total.yuan, [spend, total], params)
    return "总计" in total.label or balanced


@rule(
    code="RC002",
    name="reconcile.income_vs_expenditure",
    category="reconcile",
    severity="error",
    compare={"default": ("支出合计", "收入与上年结转之和"),
             "no_carry_over": ("支出合计", "收入合计"),
             "carry_in_total": ("支出合计", "收入总计（含上年结转）")},
    message={
        "default": "{received} {actual} 与{spent} {expected} 不符，相差 {diff}{otherwise}",
        "no_carry_over": "{received} {actual} 与{spent} {expected} 不符，相差 {diff}（未读到上年结转，按0计）",
        "carry_in_total": "{received}{actual} 与{spent} {expected} 不符，相差 {diff}",
    },
)
def income_vs_expenditure(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """收入（含上年结转）应与支出合计平衡。

    检查内容：
    本年收入合计加上年结转，与本年支出合计比较。未公开上年结转时按0计；收入合计恰好等于各来源与上年
    结转之和（合计已含结转，见 RC001）时，直接以合计比较，不再加结转。收入或支出合计写作约数（约5700万元）、
    各分项（收入各来源及结转；基本支出、项目支出）都写了确数且能合成该约数时，以分项之和代替合计。

    审计意义：
    预算收支必须平衡；差额说明有收入未列示、支出多列，或结转数有误。

    示例：
    收入5728.07万元 + 上年结转891.02万元 = 6619.09万元，而支出6663.49万元 → 相差44.40万元。

    参数：
    rounding_per_term_wan — 每个万元两位小数数字的舍入误差（默认0.005万元）。

    常见误报：
    文件把上年结转并入"收入合计"、却未列出各收入来源时，无法识别，会把结转重复计算；先核对收入口径。
    """
    income, spend = doc.income.total, doc.expenditure.total
    if income is None or spend is None or income.yuan is None or spend.yuan is None:
        return
    carry = doc.income.carry_over
    spending = _as_stated(spend, [doc.expenditure.basic, doc.expenditure.project], ctx)
    spent = "支出合计" if spending == [spend] else f"基本支出与项目支出之和（支出合计为{spend.value.raw}）"
    if carry_over_in_total(doc, ctx.params):
        received = _as_stated(income, [*doc.income.parts, carry], ctx)
        variant = "carry_in_total"
        named = "收入总计（已含上年结转）" if received == [income] else f"收入各来源与上年结转之和（收入总计为{income.value.raw}）"
    else:
        sources = _as_stated(income, doc.income.parts, ctx)
        received = [*sources, *([carry] if carry is not None else [])]
        variant = "default" if carry is not None else "no_carry_over"
        with_carry = "与上年结转" if carry is not None else ""
        named = (f"收入合计{with_carry}之和" if carry is not None else "收入合计") if sources == [income] \
            else f"收入各来源{with_carry}之和（收入合计为{income.value.raw}）"
    expected, actual = _total(spending), _total(received)
    if differs(expected, actual, [*received, *spending], ctx.params, expected_from=spending):
        spans = [income.span, spend.span] + ([carry.span] if carry is not None else [])
        alone = _as_written(expected=spending[0] if len(spending) == 1 else None,
                            actual=received[0] if len(received) == 1 else None)
        otherwise = _if_carry_over_in_total(doc, ctx.params, (actual - expected, income.yuan - expected)) \
            if variant == "default" and received[0] is income else ""
        yield Hit(spans=spans, expected=expected, actual=actual, variant=variant,
                  fields={**alone, "received": named, "spent": spent, "otherwise": otherwise},
                  approx=approximate([*received, *spending]))


def _as_stated(total: Figure, parts: Sequence[Figure | None], ctx: RuleContext) -> list[Figure]:
    """What a total stands for in a balance: the total itself, or — written as approximate
    beside exact parts that all are there and agree with it — the parts (约5700万元 beside
    4739.51 + 988.56 is 5728.07)."""
    present = [p for p in parts if p is not None and p.yuan is not None]
    if not total.approx or not present or len(present) < len(parts) or approximate(present):
        return [total]
    if differs(total.yuan or Decimal(0), _total(present), [total, *present], ctx.params, expected_from=[total]):
        return [total]  # the parts do not make the total: it stands for itself
    return present


@rule(
    code="RC003",
    name="reconcile.basic_parts",
    category="reconcile",
    severity="error",
    compare=("基本支出", "人员经费与公用经费之和"),
    message="人员经费与公用经费之和 {actual} 与基本支出 {expected} 不符，相差 {diff}",
)
def basic_parts(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """基本支出应等于人员经费加公用经费。

    检查内容：
    基本支出与其中人员经费（人员类项目）、公用经费（运转类公用项目）之和比较。

    审计意义：
    基本支出的两部分对不上，说明人员或公用经费公开有误，"三公"与机关运行经费的口径也随之可疑。

    示例：
    基本支出2319.63万元，人员经费2135.24万元 + 公用经费184.4万元 = 2319.64万元 → 在舍入范围内，不报。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元，随项数累加）。

    常见误报：
    个别文件把对个人和家庭的补助单列为第三部分，此时两项之和会小于基本支出。
    """
    yield from _parts_vs_total(doc.expenditure.basic, _parts_of(doc, "基本支出"), ctx)


@rule(
    code="RC004",
    name="reconcile.expenditure_parts",
    category="reconcile",
    severity="error",
    compare={"default": ("支出合计", "基本支出与项目支出之和"), "others": ("支出合计", "各类支出之和")},
    message={
        "default": "基本支出与项目支出之和 {actual} 与支出合计 {expected} 不符，相差 {diff}",
        "others": "基本支出、项目支出与{others}之和 {actual} 与支出合计 {expected} 不符，相差 {diff}",
    },
)
def expenditure_parts(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """支出合计应等于基本支出加项目支出。

    检查内容：
    支出合计与基本支出、项目支出之和比较；事业单位写明的"事业单位经营支出""上缴上级支出""对附属单位补助支出"
    一并计入。

    审计意义：
    支出结构是审核的出发点；合计与分项不一致时，后续所有比例与同比都失去依据。

    示例：
    支出6663.49万元，基本支出2319.63万元 + 项目支出4343.85万元 = 6663.48万元 → 舍入范围内，不报。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元）。

    常见误报：
    其他支出类别写在另一段、未与基本支出和项目支出一并写明时识别不到。
    """
    e = doc.expenditure
    parts = _parts_of(doc, "收支合计")
    if not e.others:
        yield from _parts_vs_total(e.total, parts, ctx)
        return
    others = "、".join(other_spending(f.label) or f.label for f in e.others)
    for hit in _parts_vs_total(e.total, parts, ctx, others=others):
        yield replace(hit, variant="others")


#: Words saying that tables are published apart from the text.
PUBLISHED_APART = r"另行公开|单独公开|详见附件|见附件|附后"
#: The document says its project tables are published elsewhere.
_PUBLISHED_ELSEWHERE_RE = re.compile(
    rf"项目(?:支出)?(?:绩效目标表?|表).{{0,30}}?(?:{PUBLISHED_APART})"
    r"|(?:另行|单独)公开.{0,8}项目(?:支出)?绩效"
)


@rule(
    code="RC005",
    name="reconcile.project_tables_total",
    category="reconcile",
    severity="error",
    compare=("项目支出", "各项目表预算数之和"),
    message={
        "default": "{count}张项目绩效目标表预算数合计 {actual} 与项目支出 {expected} 不符，相差 {diff}",
        "no_tables": "项目支出 {expected}，但文件中没有项目支出绩效目标表",
        "elsewhere": "项目支出 {expected}，文件中没有项目支出绩效目标表，文中称另行公开；请取得该文件核对",
    },
)
def project_tables_total(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """各项目绩效目标表的预算数之和应等于项目支出。

    检查内容：
    所有项目支出绩效目标表"预算数"（元）之和与说明中的项目支出（万元）比较；项目支出不为0而文件中一张
    项目绩效目标表也没有时，也报告（文中说明目标表另行公开、详见附件的，只作提示）。

    审计意义：
    有项目支出却没有绩效目标表，或目标表多出、金额不符，都违反"预算安排必有绩效目标"的要求。

    示例：
    25张表合计43,438,547元 = 4343.85万元（四舍五入）→ 不报；少一张表则报差额。

    参数：
    rounding_per_term_wan — 项目支出以万元两位小数公开时的舍入误差（默认0.005万元）。

    常见误报：
    部门文件只公开部分单位的绩效目标表时，合计会小于部门项目支出。
    """
    project = doc.expenditure.project
    budgets = [p.budget for p in doc.projects if p.budget is not None and p.budget.yuan is not None]
    if project is None or project.yuan is None:
        return
    if not doc.projects and project.yuan > 0:
        elsewhere = next((p for p in doc.paragraphs if _PUBLISHED_ELSEWHERE_RE.search(p.text)), None)
        yield Hit(
            spans=[project.span, *([elsewhere.span] if elsewhere else [])],
            expected=project.yuan,
            actual=Decimal(0),
            variant="elsewhere" if elsewhere else "no_tables",
            severity=Severity.INFO if elsewhere else None,
            fields=_as_written(expected=project),
        )
        return
    if not budgets:
        return  # tables without a 预算数: CP007
    actual = _total(budgets)
    if differs(project.yuan, actual, [project, *budgets], ctx.params, expected_from=[project]):
        yield Hit(
            spans=[project.span, *(b.span for b in budgets)],
            expected=project.yuan,
            actual=actual,
            fields={**_as_written(expected=project), "count": len(budgets)},
            approx=approximate([project, *budgets]),
        )


@rule(
    code="RC006",
    name="reconcile.project_breakdown",
    category="reconcile",
    severity="error",
    compare=("项目支出", "各组成之和"),
    message="项目支出各组成（{parts}）之和 {actual} 与项目支出 {expected} 不符，相差 {diff}",
)
def project_breakdown(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """项目支出的组成（本级支出、对下补助等）之和应等于项目支出。

    检查内容：
    说明中"项目支出X万元，包括本级支出Y万元、对下补助Z万元"的各组成之和与项目支出比较。

    审计意义：
    组成与总额不符，说明有一部分项目资金去向未说明。

    示例：
    项目支出4343.85万元，包括本级支出4300.00万元 → 相差43.85万元。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元）。

    常见误报：
    文件只列举"主要"组成时（如"主要为……"），组成之和本就小于总额。
    """
    e = doc.expenditure
    yield from _parts_vs_total(
        e.project, list(e.project_parts), ctx, parts="、".join(p.label for p in e.project_parts)
    )


@rule(
    code="RC007",
    name="reconcile.carry_over_projects",
    category="reconcile",
    severity="warning",
    compare=("上年结转", "结转项目预算数之和"),
    message={
        "default": "项目编码年份早于预算年度的结转项目{count}个，预算数合计 {actual}，与上年结转 {expected} 不符，相差 {diff}",
        "named": "项目编码年份早于预算年度的结转项目{count}个，预算数合计 {actual}，与上年结转 {expected} 不符，相差 {diff}；"
        "另有{named}文中称为结转，编码年份却不早于预算年度",
    },
)
def carry_over_projects(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """结转项目（编码年份早于预算年度）的预算数之和应与上年结转一致。

    检查内容：
    项目编码第7-8位为年份（如13102822P…为2022年）；编码年份早于预算年度的项目视为上年结转项目，
    其预算数之和与说明中的"上年结转"比较。不符时，文字标明"结转"（项目名称、资金用途或说明中列出的项目支出组成）
    而编码年份不早于预算年度的项目一并列出。

    审计意义：
    结转资金必须按原用途使用并单独反映；两者不一致说明结转资金去向不清，或把新增安排混作结转。

    示例：
    上年结转891.02万元，编码年份为2022的8个项目合计8,910,200元 → 一致，不报。

    参数：
    rounding_per_term_wan — 上年结转以万元公开时的舍入误差（默认0.005万元）。

    常见误报：
    部分结转资金用于基本支出、或结转项目沿用新年度编码时，两者不必相等。
    """
    carry = doc.income.carry_over
    if doc.year is None or carry is None or carry.yuan is None:
        return
    olds = [
        p
        for p in doc.projects
        if p.code_year is not None and p.code_year < doc.year and p.budget is not None
    ]
    budgets = [p.budget for p in olds if p.budget is not None and p.budget.yuan is not None]
    if not budgets and carry.yuan == 0:
        return
    actual = _total(budgets)
    if differs(carry.yuan, actual, [carry, *budgets], ctx.params, expected_from=[carry]):
        # projects named as carried over whose code says otherwise: where the auditor looks first
        named = [p for p in doc.projects if p not in olds and _named_carried_over(doc, p)]
        spans = [carry.span, *(p.code.span for p in [*olds, *named] if p.code is not None)]
        yield Hit(spans=spans, expected=carry.yuan, actual=actual, variant="named" if named else "default",
                  fields={**_as_written(expected=carry), "count": len(budgets),
                          "named": "、".join(f"“{p.title}”（编码{p.code.text if p.code else '未写'}）" for p in named)},
                  approx=approximate([carry, *budgets]))


def _named_carried_over(doc: Disclosure, project: Project) -> bool:
    """Whether the document calls a project carried over in words: its name or its use of funds (2024年结转资金，用于…),
    or the text's list of 项目支出's parts (…卫片核查（上年结转）180.00万元)."""
    uses = project.use_of_funds.text if project.use_of_funds else ""
    listed = any(project.title in f.label and "结转" in f.label for f in doc.expenditure.project_parts)
    return "结转" in project.title or "结转" in uses or listed


@rule(
    code="RC008",
    name="reconcile.fund_income_vs_projects",
    category="reconcile",
    severity="warning",
    compare={"exceeds": ("基金预算收入", "全部项目支出"), "marked": ("基金预算收入", "基金安排的项目之和")},
    message={
        "exceeds": "政府性基金预算收入 {expected} 超过全部项目支出 {actual}；基金收入只能用于指定项目",
        "marked": "标明由政府性基金安排的{count}个项目合计 {actual}，与基金预算收入 {expected} 不符，相差 {diff}",
    },
)
def fund_income_vs_projects(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """政府性基金收入应与其安排的项目对应。

    检查内容：
    (1) 基金预算收入不应超过项目支出合计（基金收入专款专用，不安排基本支出）；
    (2) 若项目表的名称、资金用途中标明"政府性基金/基金"，这些项目的预算数之和应等于基金预算收入。

    审计意义：
    基金预算"以收定支、专款专用"；基金收入找不到对应项目，说明基金被挪作他用或公开不完整。

    示例：
    基金预算收入988.56万元，而项目支出合计仅500万元 → 报告。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元）。

    常见误报：
    项目表未标明资金来源时只做第(1)项比较；基金结转资金另行列示时可能造成差异。
    """
    fund = next((p for p in doc.income.parts if "基金" in p.label), None)
    if fund is None or fund.yuan is None or fund.yuan == 0:
        return
    project = doc.expenditure.project
    if (
        project is not None
        and project.yuan is not None
        and exceeds(fund, project, ctx.params)
    ):
        yield Hit(
            spans=[fund.span, project.span],
            expected=fund.yuan,
            actual=project.yuan,
            variant="exceeds",
            fields=_as_written(expected=fund, actual=project),
            approx=approximate([fund, project]),
        )
    marked = [
        p
        for p in doc.projects
        if p.budget is not None
        and p.budget.yuan is not None
        and any("基金" in t.text for t in (p.name, p.use_of_funds, p.heading) if t is not None)
    ]
    if marked:
        budgets = [p.budget for p in marked if p.budget is not None]
        actual = _total(budgets)
        if differs(fund.yuan, actual, [fund, *budgets], ctx.params, expected_from=[fund]):
            yield Hit(
                spans=[fund.span, *(b.span for b in budgets)],
                expected=fund.yuan,
                actual=actual,
                variant="marked",
                fields={**_as_written(expected=fund), "count": len(marked)},
                approx=approximate([fund, *budgets]),
            )


@rule(
    code="RC009",
    name="reconcile.sangong_parts",
    category="reconcile",
    severity="error",
    compare={"default": ("“三公”经费合计", "各项之和"), "table": ("说明中的合计", "表中合计"),
             "table_part": ("说明中的该项", "表中该项")},
    message={
        "default": "“三公”经费各项（{parts}）之和 {actual} 与合计 {expected} 不符，相差 {diff}",
        "table": "说明中的“三公”经费合计 {expected} 与“三公”经费表中的合计 {actual} 不符，相差 {diff}",
        "table_part": "说明中的{subject} {expected} 与“三公”经费表中的{subject} {actual} 不符，相差 {diff}",
    },
)
def sangong_parts(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """“三公”经费合计应等于因公出国（境）费、公务用车购置及运维费、公务接待费之和。

    检查内容：
    "三公"经费合计与三项之和比较（未公开的项按0计，并由完整性规则另行提示；只读到一项时不比较，由 CP004
    报告其余各项未列明）；说明文字之后另附"三公"经费表时，说明中的合计与表中"合计"行比较，说明中的各项
    也与表中同名的行逐项比较。

    审计意义：
    "三公"经费是社会关注度最高的数字；合计与分项不符，公众无法判断哪一项被多报或漏报。

    示例：
    合计18.84万元，出国0 + 公务用车12.5 + 接待0.94 = 13.44万元 → 相差5.40万元。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元）。

    常见误报：
    极少数文件把会议费、培训费并入"三公"口径；核对文件对"三公"的定义。
    """
    sg = doc.sangong
    # one part alone is no breakdown to add up (CP004 says the others are not stated)
    if parts := [p for p in _parts_of(doc, "“三公”经费合计") if p is not None]:
        yield from _parts_vs_total(sg.total, parts, ctx, parts=_listing(parts))
    total, table = doc.sangong.total, doc.sangong.table_total
    if total is not None and table is not None and total.yuan is not None and table.yuan is not None:
        if differs(total.yuan, table.yuan, [total, table], ctx.params, expected_from=[total]):
            yield Hit(spans=[total.span, table.span], expected=total.yuan, actual=table.yuan, variant="table",
                      fields=_as_written(expected=total, actual=table), approx=approximate([total, table]))
    for name, row in doc.sangong.table_parts.items():
        said = getattr(sg, name)
        if said is None or said.yuan is None or row.yuan is None or said.span.lines == row.span.lines:
            continue
        if differs(said.yuan, row.yuan, [said, row], ctx.params, expected_from=[said]):
            yield Hit(spans=[said.span, row.span], expected=said.yuan, actual=row.yuan, variant="table_part",
                      fields={**_as_written(expected=said, actual=row), "subject": row.label},
                      approx=approximate([said, row]))


@rule(
    code="RC010",
    name="reconcile.vehicle_parts",
    category="reconcile",
    severity="error",
    compare=("公务用车购置及运维费", "购置费与运维费之和"),
    message="公务用车购置费与运维费之和 {actual} 与公务用车购置及运维费 {expected} 不符，相差 {diff}",
)
def vehicle_parts(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """公务用车购置及运维费应等于购置费加运维费。

    检查内容：
    公务用车购置及运维费与其中购置费、运维费之和比较。

    审计意义：
    车辆购置受编制和标准严格控制；两项与合计不符时，购置是否超标无从判断。

    示例：
    公务用车购置及运维费12.5万元，购置0万元 + 运维12.5万元 → 一致，不报。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元）。

    常见误报：
    只公开合计、未拆分购置与运维时不检查（由完整性规则提示）。
    """
    yield from _parts_vs_total(doc.sangong.vehicle, _parts_of(doc, "公务用车购置及运维费"), ctx)


def _change_groups(changes: list[StatedChange]) -> list[tuple[StatedChange, list[StatedChange]]]:
    """Each stated change with the changes that make it up.

    A change written in parentheses after another is a part of it; a paragraph's total
    change has its top-level parts (:func:`~budget_audit.model.total_and_parts`). Parts of a
    whole that states no change of its own (基本支出中人员经费增加…；项目支出减少…, 公务用车购置及运维费中
    购置费减少…；…中运维费增加…) stand in for it among the total's parts: their sum is its change.
    """
    groups: list[tuple[StatedChange, list[StatedChange]]] = []
    top = [c for c in changes if c.parent is None]
    stated = {c.subject for c in top}
    changes = [replace(c, parent=None) if c.parent is not None and c.parent not in stated else c for c in changes]
    if (total := total_and_parts(changes)) is not None:
        groups.append(total)
    for change in top:
        children = [c for c in changes if c.parent == change.subject]
        if children:
            groups.append((change, children))
    return groups


def _changes_of(doc: Disclosure) -> list[list[StatedChange]]:
    return doc.change_groups()


@rule(
    code="RC011",
    name="reconcile.stated_change_parts",
    category="reconcile",
    severity="error",
    compare=("所述总变动", "各组成部分变动之和"),
    message={
        "default": "所述{subject}变动 {expected} 与其组成部分变动之和 {actual}（{parts}）不符，相差 {diff}",
        "this_years": "所述{subject}变动 {expected} 与其组成部分变动之和 {actual}（{parts}）不符，相差 {diff}；"
        "按所述变动推算的上年数彼此相符，这一差额就是本年{subject}与其组成部分之和的差额，同一处不符，"
        "不重复计为错误",
        "own_figures": "所述{subject}变动 {expected} 与其组成部分变动之和 {actual}（{parts}）不符，相差 {diff}；"
        "{own}所述变动与其写明的上年数、本年数不符（由上年数到本年数实为{own_delta}，见 RC012），按两数之差计则相符，"
        "同一处不符，不重复计为错误",
        "roughly": "所述{subject}变动 {expected} 与其组成部分变动之和 {actual}（{parts}）不符，相差 {diff}；文中称“{rough}”，"
        "未写明该项的变动额，差额可能就是该项的变动，请核实",
    },
)
def stated_change_parts(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """所述总变动应等于各组成部分所述变动之和。

    检查内容：
    "较上年减少X万元，其中：A增加a万元，B减少b万元"：X应等于各部分变动的代数和；
    括号内的子项变动（如公务用车购置费、运维费）之和应等于其上级变动。

    审计意义：
    增减说明是公众理解预算变化的主要依据；总数与分项对不上，说明某一项变动被漏说或说错。

    示例：
    "三公"经费减少12.58万元，而公务用车减少17.9万元、接待费减少0.08万元，合计减少17.98万元 → 相差5.40万元。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元）。

    只以"X中Y"点出某一部分（如"基本支出增加73.07万元，基本支出中人员经费增加70万元"）并非列出全部组成部分，不检查；
    至少两项且作为分项列出（"其中……、……"，或以逗号分隔、只写组成部分名称，如"其中：人员经费增加70.07万元，公用经费增加13万元"）时照常检查。
    某一组成部分的变动写作区间（如"项目支出减少2000至2100万元"）时，各部分变动之和无从得出，不检查。
    变动写作约数或由约数推算（如"由上年的30余万元减少到12.5万元"）时，按约数的上下限得出其区间：总变动落在各部分
    之和的区间内即不报告；报告时列出区间，相差取两者最小的差额。

    总数与各部分本年数都已写明、且按所述变动推算的上年数彼此相符时，变动的差额就是本年数的差额（由本年数的勾稽
    规则报告，如RC009），作为提示报告，不重复计为错误。
    总变动或某一组成部分的变动与其写明的上年数、本年数之差不符（由 RC012 报告，如"减少520.00万元，由上年的4,920.00
    万元减少到4,300.00万元"），而按两数之差计各部分变动之和与总变动相符时，也是同一处不符，作为提示报告。

    某一组成部分写作"基本持平""与上年大致持平"或只写变动幅度（如"基本支出增长3.3%"，增减与差额一致；未写变动额）时，
    差额可能就是该项的变动，作为提示报告。

    常见误报：
    文件只列举"主要"变动项目时，分项之和本就不等于总变动。
    """
    current = doc.change_subjects()
    for changes in _changes_of(doc):
        for total, parts in _change_groups(changes):
            deltas = [p.delta_yuan for p in parts]
            if total.delta_yuan is None or any(d is None for d in deltas) or _a_part_is_a_range(total, parts):
                continue
            if _parts_named_alone(parts) or not any(p.direction for p in parts):
                continue  # parts all left 持平 beside a total that moved: the part that moved is stated without its amount
            actual = sum((d for d in deltas if d is not None), Decimal(0))
            figures = [f for c in (total, *parts) for f in change_terms(c).terms]
            negated = [f for c in (total, *parts) for f in change_terms(c).negated]
            if differs(total.delta_yuan, actual, figures, ctx.params,
                       expected_from=change_terms(total).terms, negated=negated):
                same = _gap_of_this_years(total, parts, current, figures, ctx.params)
                own = None if same else _gap_of_own_figures(total, parts, current, ctx.params)
                rough = None if same or own else _amountless_part(total, parts, total.delta_yuan - actual)
                variant = "this_years" if same else "own_figures" if own is not None else "roughly" if rough else "default"
                yield Hit(
                    spans=[total.amount.span, *(p.amount.span for p in parts)],
                    expected=total.delta_yuan,
                    actual=actual,
                    key=total.subject,
                    fields={
                        "subject": total.subject,
                        "parts": "、".join(f"{p.subject}{_said(p)}" for p in parts),
                        **(_in_ranges(total, parts) if approximate(figures) else {}),
                        **(own or {}),
                        **({"rough": rough[0]} if rough else {}),
                    },
                    approx=approximate(figures),
                    severity=Severity.INFO if variant != "default" else None,
                    variant=variant,
                )


def _gap_of_this_years(total: StatedChange, parts: Sequence[StatedChange], current: Mapping[str, Figure | None],
                       terms: list[Figure], params: Mapping[str, Any]) -> bool:
    """Whether a total's change and its parts' disagree only as this year's figures do: every figure stated, and
    last year's worked out from them and the changes adding up (31.42 = 30.40 + 1.02) — then the changes' gap is
    this year's total against its parts (18.84 against 13.44), one problem that the figures' own rule reports."""
    figures = [current.get(c.subject) for c in (total, *parts)]
    changes = (total, *parts)
    if any(f is None or f.yuan is None or f.approx for f in figures) or any(
            c.delta_yuan is None or c.amount.approx for c in changes):
        return False  # a figure or change not stated, or approximate: last year's is not known to the cent
    now = [f.yuan for f in figures if f is not None and f.yuan is not None]
    prior = [value - c.delta_yuan for value, c in zip(now, changes, strict=True) if c.delta_yuan is not None]
    if len(prior) != len(parts) + 1:
        return False
    stated = [f for f in figures if f is not None]
    return not differs(prior[0], sum(prior[1:], Decimal(0)), [*stated, *terms], params, expected_from=stated[:1])


#: A part said to be only roughly as last year (公用经费基本与上年持平, 与上年大致持平): its change, not written, may be the gap.
_ROUGHLY_FLAT_RE = re.compile(r"[^，,；;。：:（）()]{0,20}?(?:(?:基本上?|大体上?|大致|总体上?)(?:与|较|同)?(?:上年|上一年|去年|同期)?"
                              r"(?:预算数?)?(?:相比)?持平|(?:与|较)(?:上年|上一年|去年)(?:预算数?)?(?:相比)?(?:基本|大体|大致)持平"
                              r"|同比(?:基本|大体|大致)持平)")
#: A part's change said by its rate alone (基本支出增长3.3%, 项目支出同比下降32.5%): its amount, not written, may be the gap.
_RATE_ONLY_PART_RE = re.compile(rf"[^，,；;。：:（）()]{{0,20}}?{RATE_PATTERN}")


#: Words naming the parts of a total (and their parts) a rough 持平 or a rate alone may be said of.
_PART_WORDS = {"收支合计": ("基本支出", "项目支出", "人员经费", "公用经费"), "基本支出": ("人员经费", "公用经费"),
               "“三公”经费合计": ("出国", "公务用车", "接待"), "公务用车购置及运维费": ("购置", "运维", "运行维护")}


def _amountless_part(total: StatedChange, parts: Sequence[StatedChange], gap: Decimal) -> re.Match[str] | None:
    """The words saying a part of ``total`` not among its stated ``parts`` is roughly as last year (公务接待费基本与上年
    持平) or changed by a rate with no amount the way of the ``gap`` (基本支出增长3.3% for +73.08万元), in the total's
    paragraph; None when there are none (机关运行经费与上年基本持平 is no part of it; nor is 人员经费同比增长5.2% beside
    基本支出's stated change, its whole; 公务接待费下降7.8% cannot be a gap of +5.32万元)."""
    stated = " ".join(p.subject for p in parts)
    text = total.amount.span.text
    rates = [m for m in _RATE_ONLY_PART_RE.finditer(text) if verb_direction(m["rate_verb"]) * gap > 0]
    for found in [*_ROUGHLY_FLAT_RE.finditer(text), *rates]:
        named = [w for w in _PART_WORDS.get(total.subject, ()) if w in found[0]]
        if named and not any(w in stated or WHOLE_OF.get(w, w) in stated for w in named):
            return found
    return None


def _own_delta(change: StatedChange, current: Mapping[str, Figure | None],
               params: Mapping[str, Any]) -> tuple[Decimal, list[Figure]] | None:
    """A change's amount as its own figures make it, when it writes last year's and this year's figure (written, or
    the item's published one) and they differ by another amount than it states (减少520.00万元，由上年的4,920.00万元
    减少到4,300.00万元: −620.00万元, which RC012 reports): the difference and the figures it comes from. Else none.
    One worked out from the two figures it writes is their difference but for its direction, which its verb gives:
    由上年的6434.72万元增加到4343.85万元 is −2090.87万元, not the +2090.87万元 it states (RC012)."""
    prior = change.prior
    now = change.current if change.computed else current.get(change.subject) or change.current
    if prior is None or now is None or prior.yuan is None or now.yuan is None \
            or change.delta_yuan is None or approximate([prior, now, change.amount]):
        return None
    if not differs(prior.yuan + change.delta_yuan, now.yuan, [prior, change.amount, now], params):
        return None
    return now.yuan - prior.yuan, [prior, now]


def _gap_of_own_figures(total: StatedChange, parts: Sequence[StatedChange], current: Mapping[str, Figure | None],
                        params: Mapping[str, Any]) -> dict[str, str] | None:
    """Message fields when one change of a group (the total or a part) states an amount its own two years' figures
    do not make, and taken as their difference the parts add up to the total: the gap is that one change's (RC012),
    not a second error. Else none."""
    changes = (total, *parts)
    for changed in changes:
        own = _own_delta(changed, current, params)
        if own is None:
            continue
        delta, terms = own
        deltas = {id(c): delta if c is changed else c.delta_yuan for c in changes}
        if any(d is None for d in deltas.values()):
            return None
        whole = deltas[id(total)] or Decimal(0)
        actual = sum((deltas[id(p)] or Decimal(0) for p in parts), Decimal(0))
        figures = [f for c in changes for f in (terms if c is changed else change_terms(c).terms)]
        if not differs(whole, actual, figures, params):
            verb = "增加" if delta > 0 else "减少" if delta < 0 else "持平"
            return {"own": quoted(changed.subject), "own_delta": f"{verb}{fmt_money(abs(delta)) if delta else ''}"}
    return None


def _parts_named_alone(parts: Sequence[StatedChange]) -> bool:
    """Whether a whole's parts are all named within it (基本支出增加73.07万元，基本支出中人员经费增加70万元) and not
    given as its breakdown — at least two, each in a list (其中…、…): naming a part does not claim the parts are all."""
    return all(p.within_whole for p in parts) and not (len(parts) > 1 and all(p.listed for p in parts))


def _terms_of(changes: Sequence[StatedChange]) -> list[Figure]:
    return [f for c in changes for f in change_terms(c).terms]


def _said(change: StatedChange) -> str:
    """A change as a message lists it, with its verb: 减少0.08万元; worked out from a figure written as
    approximate, the range it lies in with the words it comes from (减少17.50至27.50万元（由30余万元减少到12.5万元）); said
    持平 with no amount (基本支出与上年持平), the verb alone: 持平, not 持平0万元."""
    if not change.direction and change.computed:
        return change.written_verb
    amount, words = amount_and_words(change)
    if change.computed and change.amount.approx:
        amount = fmt_money_range(*change_range(change))
    return f"{change.written_verb}{amount}（{words}）" if words else f"{change.written_verb}{amount}"


def _with_verb(low: Decimal, high: Decimal) -> str:
    """A signed change (yuan) from ``low`` to ``high`` with its verb: 减少17.58至27.58万元."""
    if high <= 0:
        return f"减少{fmt_money_range(-high, -low)}"
    if low >= 0:
        return f"增加{fmt_money_range(low, high)}"
    return fmt_money_range(low, high)


def _in_ranges(total: StatedChange, parts: Sequence[StatedChange]) -> dict[str, str]:
    """Message fields of a total's change held against its parts' when a figure is written as approximate:
    each side with its verb, as written or as the range its figures' bounds give (减少20余万元 against 减少17.58至
    27.58万元), and the gap between the two ranges — the least it may be — not that of values to the cent."""
    own = _as_said(total).get("expected") or f"{total.written_verb}{fmt_amount(total.amount.value)}"
    whole, shares = change_terms(total), [change_terms(p) for p in parts]
    low, high = value_range(whole.terms, whole.at)
    least, most = value_range(_terms_of(parts), lambda v: sum((t.at(v) for t in shares), Decimal(0)))
    gap = max(low - most, least - high, Decimal(0))
    return {"expected": own, "actual": _with_verb(least, most), "diff": fmt_money(gap)}


def _as_said(change: StatedChange) -> dict[str, str]:
    """The message field ``expected`` for a stated change written as approximate, in the document's
    words — 减少约12.6万元, or the words it is worked out from (由30余万元减少到13.44万元) — rather than
    a signed value to the cent (−12.60万元); none for an exact one, which the framework shows signed."""
    if not change.amount.approx:
        return {}
    words = amount_and_words(change)[1]
    return {"expected": words or f"{change.written_verb}{fmt_amount(change.amount.value)}"}


def _a_part_is_a_range(total: StatedChange, parts: list[StatedChange]) -> bool:
    """Whether the text of a group of changes writes one as a range (项目支出减少2000至2100万元), which
    is no change of one amount: at the top level for a total's parts, within brackets for the
    parts of a change written in them."""
    nested = any(p.parent is not None for p in parts)
    texts = {c.amount.span.text for c in (total, *parts)}
    return any(depth > 0 if nested else depth == 0 for text in texts for depth in range_depths(text))


@rule(
    code="RC012",
    name="reconcile.stated_prior_year",
    category="reconcile",
    severity="error",
    compare={"prior": ("上年数加所述变动", "本年公开数"), "prior_own": ("上年数加所述变动", "所述本年数"),
             "negative": ("应为", "推算的上年数"),
             "equal": ("上年数", "本年数"), "direction": ("上年数", "本年数"), "verbs": ("上年数", "本年数"),
             "priors": ("所述上年数", "由…到所述上年数"), "current": ("所述本年数", "本年公开数")},
    message={
        "prior": "{quoted}上年数 {prior} {verb} {change} 应为 {expected}，而本年公开数为 {actual}",
        "prior_own": "{quoted}上年数 {prior} {verb} {change} 应为 {expected}，而所述本年数为 {actual}",
        "negative": "按所述变动推算，{quoted}上年数为 {actual}（本年 {current} {verb} {change}），不可能为负",
        "equal": "{quoted}所述由上年 {expected} {to_words} {actual}，但两数相同，并无{sense}",
        "direction": "{quoted}所述由上年 {expected} {to_words} {actual}，但两数相比实为{opposite} {diff}，与所述{sense}相反",
        "verbs": "{quoted}所述{verb} {change}与所述由上年 {expected} {to_words} {actual} 增减方向相反，自相矛盾",
        "priors": "{quoted}所述上年数 {expected} {verb} {change}，又称由上年 {actual} {to_words} {current}，两处上年数不符，相差 {diff}",
        "current": "{quoted}所述由上年 {prior} {to_words} {expected}，而本年公开数为 {actual}，相差 {diff}",
    },
)
def stated_prior_year(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """所述变动应自洽：写明的上年数加变动等于本年数，推算的上年数不为负，“由…增加（减少）到…”的两数合乎所述增减。

    检查内容：
    (1) 文中写明上年数时（如"公务接待费1.02万元减少0.08万元"），上年数 ± 变动应等于本年数（也等于与变动
    一并写明的本年数，如"由1.02万元减少0.08万元至0.94万元"）；
    (2) 由本年数与变动推算的上年数（本年 − 增加额 / 本年 + 减少额）不得为负；
    (3) "由上年X万元增加到（减少到、增至、压减至……）Y万元"写明两年数字时，Y应大于（小于）X：两数相同或
    方向相反即自相矛盾；
    (4) 同一变动既写"减少0.08万元"、又写"由1.02万元增加到0.94万元"，两处增减方向相反，即自相矛盾；
    (5) 同一变动写明的上年数与其"由…到…"中的上年数不同（如"比上年的1.10万元减少0.08万元，由1.02万元减少到
    0.94万元"），即自相矛盾，报告两个上年数；
    (6) 变动自相矛盾（(3)—(5)）时无从推算，但其写明的本年数仍应等于本年公开数（如"由1.02万元增加到1.02万元"，
    而公开数为0.94万元），不等时一并报告。
    报告引用文件原用的动词（压减、增至……）。

    审计意义：
    变动额是由两年数字相减得出的；算不回本年数，说明变动额或本年数至少有一个是错的。
    说"增加""减少"而两数相同或反向，或同一变动前后说法相反，说明其中一个数字或变动方向写错。

    示例：
    公务接待费本年0.94万元，"上年1.02万元，减少0.08万元" → 1.02 − 0.08 = 0.94，一致，不报。
    "公务接待费由1.00万元增加到1.00万元" → 两数相同却称增加，报告。
    "公务接待费减少0.08万元，由1.02万元增加到0.94万元" → 一处称减少、一处称增加，报告。
    "公务接待费比上年的1.10万元减少0.08万元，由1.02万元减少到0.94万元" → 上年数一处为1.10万元、一处为1.02万元，报告。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元）。

    常见误报：
    上年数采用调整后口径（如机构改革后划转）时，文中上年数可能与上年公开数不同。
    """
    current = doc.change_subjects()
    for changes in _changes_of(doc):
        for change in changes:
            if change.table:
                continue  # a 收支总表 row: RC019 holds its own figures together
            contradiction = _two_priors(change, ctx) or _against_its_figures(change, ctx)
            if contradiction is not None:  # its own figures say otherwise: nothing to reckon from …
                yield contradiction
                yield from _written_current(change, current.get(change.subject), ctx)  # … but its figure
                continue
            now = current.get(change.subject) or change.current
            delta = change.delta_yuan
            if now is None or now.yuan is None or delta is None:
                continue
            fields = {
                "subject": change.subject,
                "quoted": quoted(change.subject),
                "verb": change.written_verb,  # the document's own: 压减0.08万元
                "change": change.amount.value.raw,
            }
            if change.prior is not None and change.prior.yuan is not None:
                yield from _prior_and_change(change, change.prior.yuan, now, ctx, fields)
            implied = now.yuan - delta
            if implied < -sum_tolerance([now, change.amount], ctx.params):
                yield Hit(
                    spans=[change.amount.span, now.span],
                    actual=implied,
                    variant="negative",
                    key=f"negative:{change.subject}",
                    fields={**fields, "current": now.value.raw},
                    approx=approximate([now, change.amount]),
                )


def _prior_and_change(change: StatedChange, prior: Decimal, now: Figure, ctx: RuleContext,
                      fields: dict[str, str]) -> Iterator[Hit]:
    """Last year's figure plus the change against this year's: the item's, and the one
    written with the change when that is another (公务接待费0.94万元，由1.02万元减少0.08万元
    至0.90万元)."""
    expected = prior + (change.delta_yuan or Decimal(0))
    written = change.prior
    if written is not None and approximate([written, change.amount]):  # 31.42万元 减少 20余万元: 1.42至11.42万元
        terms = change_terms(change)
        fields = {**fields, "expected": fmt_money_range(*value_range(
            [written, *terms.terms], lambda v: v[id(written)] + terms.at(v)))}
    own = change.current
    # a change worked out from 由A到B is B − A: A plus it is B itself, as written (约6700万元 is 6650–6800)
    reckoned = [own] if change.computed and own is not None else [change.prior, change.amount]
    for target in (now, own if own is not None and own.yuan != now.yuan else None):
        if target is None or target.yuan is None or change.prior is None:
            continue
        if differs(expected, target.yuan, [*reckoned, target], ctx.params, expected_from=reckoned,
                   negated=[change.amount] if change.direction < 0 and not change.computed else []):
            yield Hit(
                spans=[change.amount.span, target.span],
                expected=expected,
                actual=target.yuan,
                variant="prior_own" if target is own else "prior",
                key=f"prior:{change.subject}" + (":own" if target is own else ""),
                fields={**fields, "prior": fmt_quoted(change.prior.value), **_as_written(actual=target)},
                approx=approximate([change.prior, change.amount, target]),
            )


def _written_current(change: StatedChange, published: Figure | None, ctx: RuleContext) -> Iterator[Hit]:
    """This year's figure a self-contradicting change writes (由1.02万元增加到1.02万元) against the item's
    published one (0.94万元): the contradiction leaves no change to reckon with, not the mismatch."""
    own = change.current
    prior = change.restated_prior or change.prior  # the 由…到's own last year's figure
    if own is None or published is None or prior is None or own.yuan is None or published.yuan is None:
        return
    if differs(own.yuan, published.yuan, [own, published], ctx.params, expected_from=[own]):
        yield Hit(
            spans=[change.amount.span, published.span],
            expected=own.yuan,
            actual=published.yuan,
            variant="current",
            key=f"current:{change.subject}",
            fields={**_as_written(expected=own, actual=published), "quoted": quoted(change.subject),
                    "prior": fmt_quoted(prior.value), "to_words": change.written_to},
            approx=approximate([own, published]),
        )


def _two_priors(change: StatedChange, ctx: RuleContext) -> Hit | None:
    """A change that writes last year's figure and is restated 由…到 from another
    (比上年的1.10万元减少0.08万元，由1.02万元减少到0.94万元)."""
    written, restated = change.prior, change.restated_prior
    if written is None or restated is None or written.yuan is None or restated.yuan is None:
        return None
    if not differs(written.yuan, restated.yuan, [written, restated], ctx.params):
        return None
    return Hit(
        spans=[change.amount.span],
        expected=written.yuan,
        actual=restated.yuan,
        variant="priors",
        key=f"priors:{change.subject}",
        # the document's words, each figure as written (not 2,319.63万元 beside 2319.63万元)
        fields={"quoted": quoted(change.subject), "verb": change.written_verb, "expected": written.value.raw,
                "actual": restated.value.raw, "change": change.amount.value.raw,
                "to_words": change.written_to,
                "current": change.current.value.raw if change.current is not None else "—"},
        approx=approximate([written, restated]),
    )


def _against_its_figures(change: StatedChange, ctx: RuleContext) -> Hit | None:
    """A change written from last year's figure to this year's (由1.00万元增加到1.00万元)
    whose two figures are equal, or differ the other way, contradicting its words; or one
    written plainly and restated 由…到 the other way (减少0.08万元，由1.02万元增加到0.94万元).
    An approximate figure contradicts the words only when surely on the wrong side."""
    prior, now = change.prior, change.current
    if prior is None or now is None or prior.yuan is None or now.yuan is None or not change.direction:
        return None
    direction = change.to_direction or change.direction
    fields = {"quoted": quoted(change.subject), "to_words": change.written_to,
              **_as_written(expected=prior, actual=now)}  # 约1.02万元 as written, not 1.02万元
    if direction != change.direction:
        return Hit(
            spans=[change.amount.span],
            expected=prior.yuan,
            actual=now.yuan,
            variant="verbs",
            key=f"verbs:{change.subject}",
            fields={**fields, "verb": change.written_verb, "change": change.amount.value.raw},
            approx=approximate([prior, now]),
        )
    if approximate([prior, now]):
        lower, higher = (prior, now) if direction > 0 else (now, prior)
        if not exceeds(lower, higher, ctx.params):  # may yet have moved the stated way
            return None
    elif (now.yuan - prior.yuan) * direction > 0:
        return None
    sense = "增加" if direction > 0 else "减少"
    equal = prior.yuan == now.yuan
    if not equal and approximate([prior, now]):  # 由约1.02万元增加到0.94万元: 实为减少 0.08至0.09万元
        fields["diff"] = fmt_money_range(*value_range([prior, now], lambda v: abs(v[id(now)] - v[id(prior)])))
    return Hit(
        spans=[change.amount.span],
        expected=prior.yuan,
        actual=now.yuan,
        variant="equal" if equal else "direction",
        key=f"{'equal' if equal else 'direction'}:{change.subject}",
        fields={**fields, "sense": sense, "opposite": "减少" if direction > 0 else "增加"},
        approx=approximate([prior, now]),
    )


@rule(
    code="RC013",
    name="reconcile.staffing_parts",
    category="reconcile",
    severity="warning",
    compare=("编制总数", "各类编制之和"),
    message="各类编制之和 {actual}（{parts}）与编制总数 {expected} 不符",
)
def staffing_parts(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """各类编制（行政、工勤、事业……）之和应等于编制总数。

    检查内容：
    "编制N名，其中行政编制a名、工勤编制b名、事业编制c名"：a + b + c 应等于 N。

    审计意义：
    编制数决定人员经费的合理规模；编制数对不上，人均经费、人均"三公"等比较都会失真。

    示例：
    编制80名 = 行政17 + 工勤1 + 锁定事业62 → 一致，不报。

    参数：
    无（编制为整数，精确比较）。

    常见误报：
    "其中"只列举部分类别（如只列行政编制）时，两者本就不相等。
    """
    st = doc.staffing
    if st.total is None or st.total.number is None or len(st.parts) < 2:
        return
    actual = sum((p.number for p in st.parts if p.number is not None), Decimal(0))
    if actual != st.total.number:
        unit = st.total.value.unit or "名"
        units = {p.value.unit or unit for p in st.parts}
        yield Hit(
            spans=[st.total.span, *(p.span for p in st.parts)],
            expected=f"{st.total.number}{unit}",
            actual=f"{actual}{units.pop() if len(units) == 1 else unit}",  # the parts' unit (17名 + 1名 = 18名)
            fields={"_money": False, "parts": _listing(st.parts)},
        )


@rule(
    code="RC014",
    name="reconcile.asset_classes",
    category="reconcile",
    severity="error",
    compare={"classes": ("资产总额", "各类之和"), "text": ("资产表总额", "说明中的总额"), "sub": ("所属类别", "其中项")},
    message={
        "classes": "固定资产各类（{parts}）之和 {actual} 与资产总额 {expected} 不符，相差 {diff}",
        "text": "说明中的固定资产总额 {actual} 与资产表总额 {expected} 不符，相差 {diff}",
        "sub": "“{sub}” {actual} 大于其所属类别“{parent}” {expected}",
    },
)
def asset_classes(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """固定资产各类之和应等于资产总额，说明与表格一致，"其中"项不大于所属类别。

    检查内容：
    资产表中各类（房屋、车辆、单价20万元以上设备、其他）价值之和与"资产总额"比较；说明文字中的
    固定资产金额与表中总额比较；"其中：办公用房"等子项不得大于所属类别。

    审计意义：
    资产信息用于判断新增资产配置是否必要；总额与分类不符，说明资产底数不清。

    示例：
    总额969.53万元 = 房屋261.41 + 车辆72 + 设备0 + 其他636.12 → 一致，不报。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元）。

    常见误报：
    资产表另有"无形资产"等类别未编号时，可能未被识别为类别。
    """
    a = doc.assets
    total = a.table_total or a.total
    if total is None or total.yuan is None:
        return
    if a.classes:
        actual = _total(a.classes)
        if differs(total.yuan, actual, [total, *a.classes], ctx.params, expected_from=[total]):
            yield Hit(
                spans=[total.span, *(c.span for c in a.classes)],
                expected=total.yuan,
                actual=actual,
                variant="classes",
                fields={**_as_written(expected=total), "parts": "、".join(c.label for c in a.classes)},
                approx=approximate([total, *a.classes]),
            )
    if (
        a.table_total is not None
        and a.total is not None
        and a.total.yuan is not None
        and a.table_total.yuan is not None
    ):
        if differs(a.table_total.yuan, a.total.yuan, [a.table_total, a.total], ctx.params,
                   expected_from=[a.table_total]):
            yield Hit(
                spans=[a.total.span, a.table_total.span],
                expected=a.table_total.yuan,
                actual=a.total.yuan,
                variant="text",
                fields=_as_written(expected=a.table_total, actual=a.total),
                approx=approximate([a.table_total, a.total]),
            )
    for sub in a.sub_items:
        parent = _parent_class(a.classes, sub)
        if parent is None or parent.yuan is None or sub.yuan is None:
            continue
        if exceeds(sub, parent, ctx.params):
            yield Hit(
                spans=[parent.span, sub.span],
                expected=parent.yuan,
                actual=sub.yuan,
                variant="sub",
                key=sub.label,
                fields={**_as_written(expected=parent, actual=sub), "sub": sub.label, "parent": parent.label},
                approx=approximate([sub, parent]),
            )


def _parent_class(classes: list[Figure], sub: Figure) -> Figure | None:
    before = [c for c in classes if c.span.line < sub.span.line]
    return before[-1] if before else None


@rule(
    code="RC015",
    name="reconcile.project_fund_split",
    category="reconcile",
    severity="error",
    compare=("预算数", "财政资金与其他资金之和"),
    message="项目预算数 {expected} 不等于财政资金与其他资金之和 {actual}，相差 {diff}",
)
def project_fund_split(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """项目绩效目标表中，财政资金加其他资金应等于预算数。

    检查内容：
    每张项目表"预算数"与"其中：财政资金""其他资金"之和比较（空白按0计）。

    审计意义：
    资金来源不清，就无法判断项目是否挤占财政资金或虚列其他资金。

    示例：
    预算数260,700元，财政资金260,700元，其他资金空白 → 一致，不报。

    参数：
    rounding_per_term_yuan — 以元公开的数字的舍入误差（默认0元）。

    常见误报：
    表格单位为万元且只保留两位小数时可能有0.01万元差异，已按舍入容差处理。
    """
    for p in doc.projects:
        if p.budget is None or p.budget.yuan is None or (p.fiscal is None and p.other is None):
            continue
        parts = [f for f in (p.fiscal, p.other) if f is not None]
        if any(f.yuan is None for f in parts):
            continue
        actual = _total(parts)
        if differs(p.budget.yuan, actual, [p.budget, *parts], ctx.params, expected_from=[p.budget]):
            yield Hit(
                spans=[p.budget.span, *(f.span for f in parts)],
                expected=p.budget.yuan,
                actual=actual,
                project=p,
                fields=_as_written(expected=p.budget, actual=parts[0] if len(parts) == 1 else None),
                approx=approximate([p.budget, *parts]),
            )


@rule(
    code="RC016",
    name="reconcile.title_amount",
    category="reconcile",
    severity="warning",
    compare=("名称中的金额", "预算数"),
    message={
        "over": "项目名称中写明金额 {expected}，但预算数为 {actual}，超出 {diff}",
        "under": "项目名称中写明金额 {expected}，但预算数仅 {actual}，少 {diff}",
        "carry": "结转项目名称中写明金额 {expected}，本年预算数 {actual}，少 {diff}（可能为上年已支出部分，请核实结转余额）",
    },
)
def title_amount(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """项目名称中写明的金额应与项目预算数一致。

    检查内容：
    项目名称或表题中出现的"X万元/X元"（如"（办公费10万元）"）与该项目预算数比较：
    预算数超过名称金额为错误；少于名称金额时，当年新增项目为警告，结转项目为提示（可能是上年已支出部分）。

    审计意义：
    名称中的金额通常来自资金下达文件；预算数与之不符，说明预算安排偏离了下达用途，或表格填错。

    示例：
    "……（费用补贴250万元）"预算数2,500,000元 → 一致；"（办公费10万元）"预算数50,200元 → 结转项目，提示核实。

    参数：
    rounding_per_term_wan — 名称中万元金额的舍入误差（默认0.005万元）。

    常见误报：
    名称中的金额是上级下达总额、本单位只分得一部分时，预算数小于名称金额是正常的。
    """
    for p in doc.projects:
        if p.budget is None or p.budget.yuan is None:
            continue
        texts = [t for t in (p.name, p.heading) if t is not None]
        amounts = []
        for text in texts:
            amounts = money_in_text(text.text)
            if amounts:
                span = text.span
                break
        if len(amounts) != 1:
            continue
        written = amounts[0][0]
        if written.yuan is None:
            continue
        title_fig = Figure("名称金额", written, span)
        if not differs(written.yuan, p.budget.yuan, [title_fig, p.budget], ctx.params, expected_from=[title_fig]):
            continue
        over = p.budget.yuan > written.yuan
        carry = doc.year is not None and p.code_year is not None and p.code_year < doc.year
        variant = "over" if over else "carry" if carry else "under"
        severity = Severity.ERROR if over else Severity.INFO if carry else None
        yield Hit(
            spans=[span, p.budget.span],
            expected=written.yuan,
            actual=p.budget.yuan,
            project=p,
            variant=variant,
            severity=severity,
            fields=_as_written(expected=title_fig, actual=p.budget),
            approx=approximate([title_fig, p.budget]),
        )


@rule(
    code="RC017",
    name="reconcile.running_costs_vs_public",
    category="reconcile",
    severity="warning",
    compare=("公用经费", "机关运行经费"),
    message="机关运行经费 {actual} 大于基本支出中的公用经费 {expected}，超出 {diff}",
)
def running_costs_vs_public(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """机关运行经费不应大于基本支出中的公用经费。

    检查内容：
    机关运行经费（行政单位和参公事业单位用一般公共预算安排的基本支出中的公用经费）与说明中的公用经费比较。

    审计意义：
    机关运行经费是公用经费的一部分；前者大于后者，说明把项目支出算进了运行经费，或公用经费少报。

    示例：
    机关运行经费184.4万元，公用经费184.4万元 → 一致，不报。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元）。

    常见误报：
    公用经费含政府性基金等非一般公共预算资金时，两者口径不同。
    """
    running, public = doc.running_costs.amount, doc.expenditure.public
    if running is None or public is None or running.yuan is None or public.yuan is None:
        return
    if exceeds(running, public, ctx.params):
        yield Hit(spans=[running.span, public.span], expected=public.yuan, actual=running.yuan,
                  fields=_as_written(expected=public, actual=running), approx=approximate([running, public]))


@rule(
    code="RC018",
    name="reconcile.stated_change_percent",
    category="reconcile",
    severity="error",
    compare={"default": ("按变动额与上年数计算的幅度", "所述变动幅度"), "direction": ("所述变动", "所述变动幅度"),
             "parts": ("按变动额与上年数计算的幅度", "所述变动幅度"),
             "written_prior": ("按变动额与上年数计算的幅度", "所述变动幅度")},
    message={
        "default": "{quoted}所述{verb} {change}，上年数 {prior}（{prior_from}），折合变动幅度 {expected}，"
                   "而文中写{percent_verb} {actual}，两者不符",
        "parts": "{quoted}所述{verb} {change}，上年数 {prior}（{prior_from}），折合变动幅度 {expected}，"
                 "而文中写{percent_verb} {actual}；按其组成部分之和 {parts_sum}推算，上年数为 {parts_prior}，所写幅度"
                 "与之相符：本年数与其组成部分不符（{parts_rule}），同一处不符，不重复计为错误",
        "direction": "{quoted}所述{verb} {change}，变动幅度却写为{percent_verb} {actual}，增减方向相反，自相矛盾",
        "written_prior": "{quoted}所述{verb} {change}，上年数 {prior}（{prior_from}），折合变动幅度 {expected}，"
                         "而文中写{percent_verb} {actual}；按本年数 {now} 推算，上年数为 {reckoned}，所写幅度与之相符："
                         "文中写明的上年数与本年数、变动额不符（见 RC012），同一处不符，不重复计为错误",
    },
)
def stated_change_percent(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """所述变动幅度（百分比）应与变动额和上年数相符，增减方向一致。

    检查内容：
    变动额后紧接着写明幅度时（如"减少12.58万元，下降40%""增加73.07万元（同比增长3.3%）""，比2022年下降40%"
    "降幅为40.04%""增长率为19.8%""变动幅度为40%"），幅度应等于 变动额 ÷ 上年数。上年数取文中写明的上年数，
    未写明时取说明中收支总表所列的上年数，再取上年文件（单位参数给出时）中的上年数，否则由本年数与变动额推算
    （本年 − 增加额 / 本年 + 减少额）。容差：变动额、上年数、本年数各按其舍入
    （两位小数的每项0.005万元，写得更粗的如18万元、17.9万元按末位的一半——同一行别处写到两位小数时，只是省去了
    末尾的0，仍按0.005万元）取最宽与最窄，百分比按其末位一个单位
    （40% 为39%—41%，3.2% 为3.1%—3.3%：截尾或进位写法也不报）。
    幅度写作界限时（"下降37%以上""（含）以上""及以上""有余""强"；"增长5%以内""以下""之内""弱"），折合幅度只须
    不低于或不高于所写幅度；
    容差为末位半个单位（界限是四舍五入的幅度，不能往相反方向取整：折合40.04%时"41%以上"报告，"40%以上"不报）。
    不读取：个百分点（比率之差）、"左右""多"等约数、"超过""近""约"等写在幅度前的约数、中文数字（百分之四十、四成）、
    "分别下降…%、…%"，以及几项合写的变动（"A和B共减少…，下降…%"）的幅度。
    幅度的动词（下降、增长……）与变动额的动词（减少、增加……）方向相反时，也报告。
    上年数由本年数推算、而本年数与其组成部分之和不符（如"三公"经费合计与各项之和，由 RC009 等报告）时，所写幅度
    （确数，不是界限）若与由组成部分之和推算的上年数相符，错的是本年数而非幅度：作为提示报告，不重复计为错误；
    各组成部分所述变动之和与所述总变动不符时（RC011），总变动与所写的本年数相配，仍按本年数推算。
    文中写明的上年数与本年数、变动额不符（由 RC012 报告，如"较2022年预算8581.28万元减少2017.79万元"而本年6663.49万元），
    所写幅度却与由本年数推算的上年数相符时，错的是所写的上年数：作为提示报告，不重复计为错误。

    审计意义：
    幅度与金额是同一变动的两种写法；对不上，说明变动额、上年数或幅度至少有一个写错，
    常见于沿用上年文字只改了金额、未改百分比。

    示例：
    "三公"经费本年18.84万元，"比上年减少12.58万元，下降40%" → 12.58 ÷ 31.42 = 40.04%，一致，不报。
    "比上年减少12.58万元，下降30%" → 折合40.04%，与30%不符，报告。
    "减少12.58万元，增长40%" → 方向相反，报告。
    "减少12.58万元，下降37%以上" → 40.04%不低于37%，不报；"下降45%以上" → 报告。

    参数：
    rounding_per_term_wan — 舍入误差（默认每项0.005万元）。

    常见误报：
    幅度按上年决算数或调整后预算数计算、而变动额按上年年初预算计算时，两者口径不同。
    幅度为"个百分点"（比率的差）时不是本规则所指的幅度，不读取。
    """
    current = doc.change_subjects()
    for changes in _changes_of(doc):
        for change in changes:
            percent = change.percent
            if percent is None:
                continue
            fields = {
                "quoted": quoted(change.subject),
                "verb": change.written_verb,
                "change": change.amount.value.raw,
                "percent_verb": {-1: "下降", 0: "变动", 1: "增长"}[change.percent_direction],
                "_money": False,
            }
            if change.direction and change.percent_direction and change.direction != change.percent_direction:
                yield Hit(spans=[change.amount.span], actual=percent.value.raw, variant="direction",
                          key=f"percent-direction:{change.subject}", fields=fields)
                continue
            # a bound fits too many a figure to tell which one it was worked from
            parts = [] if change.percent_bound or _changes_disagree(change, changes, ctx) else \
                _parts_of(doc, change.subject)
            hit = _percent_against_figures(change, percent, current.get(change.subject) or change.current, ctx,
                                           doc.table_prior(change.subject), parts)
            if hit is not None:
                hit.fields = {**fields, **hit.fields}
                yield hit


#: How the words of a percentage's bound end: 以上 / （含）以上 / 有余 / 强 (at least), 以下 / 以内 / 之内 / 弱 (at most).
_AT_LEAST, _AT_MOST = ("上", "余", "强"), ("下", "内", "弱")


def _percent_against_figures(change: StatedChange, percent: Figure, now: Figure | None,
                             ctx: RuleContext, table: Figure | None = None,
                             parts: Sequence[Figure | None] = ()) -> Hit | None:
    """The percentage a change writes against its amount over last year's figure (written, or worked out
    from this year's), when no rounding of the figures and of the percentage brings them together.

    Last year's figure worked out from this year's, which its ``parts`` (:func:`_parts_of`) do not make up, and
    the percentage fitting the one worked out from their sum: this year's figure is the one in error, which its
    own rule reports — the hit is a note (variant ``parts``), not a second error."""
    amount, delta = change.amount.yuan, change.delta_yuan
    if amount is None or delta is None:
        return None
    written = change.prior is not None and change.prior.yuan is not None
    last = ctx.prior.change_subjects().get(change.subject) if ctx.prior is not None else None
    reckoned = False
    if written:
        prior, prior_terms, prior_from = change.prior.yuan, [change.prior], "文中写明"
    elif table is not None and table.yuan is not None:  # the 收支总表 writes it
        prior, prior_terms, prior_from = table.yuan, [table], f"收支总表第{table.span.line}行"
    elif last is not None and last.yuan is not None:  # last year's document says it: not this year's figure less the change
        prior, prior_terms, prior_from = last.yuan, [last], f"上年文件第{last.span.line}行"
        written = True  # no span of this year's figure to name
    elif now is not None and now.yuan is not None:
        prior, prior_terms, prior_from = now.yuan - delta, [now, change.amount], f"由本年数 {fmt_amount(now.value)}推算"
        reckoned = True
    else:
        return None
    if approximate([*prior_terms, change.amount]) or not _percent_misfits(change, percent, prior, prior_terms, ctx):
        return None
    share = (abs(amount) / prior * Decimal(100)).quantize(Decimal("0.01"))
    extra = [table.span] if table is not None and prior_terms == [table] else [] if written or now is None else [now.span]
    hit = Hit(spans=[change.amount.span, *extra],
              expected=f"{share}%", actual=f"{percent.value.raw}{change.percent_bound}", key=f"percent:{change.subject}",
              fields={"prior": fmt_money(prior), "prior_from": prior_from})
    if prior_from == "文中写明" and now is not None and now.yuan is not None and not approximate([now]) \
            and now.yuan - delta > 0 and differs(now.yuan, prior + delta, [now, *prior_terms, change.amount], ctx.params,
                                                 expected_from=[now]) \
            and not _percent_misfits(change, percent, now.yuan - delta, [now, change.amount], ctx):
        # 较2022年预算8581.28万元减少2017.79万元，下降23.2%: the percentage fits this year's figure and the change; the
        # written last year's figure is off them — RC012's one error, not a second
        hit.severity, hit.variant = Severity.INFO, "written_prior"
        hit.fields.update(now=fmt_money(now.yuan), reckoned=fmt_money(now.yuan - delta))
        return hit
    present = [p for p in parts if p is not None and p.yuan is not None]
    if not reckoned or now is None or now.yuan is None or not present or len(present) < len(parts) \
            or approximate(present):
        return hit
    whole = _total(present)
    if not differs(now.yuan, whole, [now, *present], ctx.params, expected_from=[now]):
        return hit  # this year's figure is its parts' sum: the percentage is off
    if whole - delta <= 0 or _percent_misfits(change, percent, whole - delta, [*present, change.amount], ctx):
        return hit  # nor does it fit the parts' sum (nor can it, on a last year's figure of nothing or less)
    hit.spans = [*hit.spans, *(p.span for p in present)]
    hit.severity, hit.variant = Severity.INFO, "parts"
    hit.fields.update(parts_sum=fmt_money(whole), parts_prior=fmt_money(whole - delta),
                      parts_rule=f"见 {_PARTS_RULES[change.subject]}")
    return hit


def _changes_disagree(change: StatedChange, changes: list[StatedChange], ctx: RuleContext) -> bool:
    """Whether the changes stated of ``change``'s parts do not add up to it (RC011): then its own change goes with
    this year's figure as written, not with its parts' sum (18.84 less 12.58, where the parts' changes make 17.98)."""
    for total, parts in _change_groups(changes):
        if total is change:
            deltas = [p.delta_yuan for p in parts]
            if total.delta_yuan is None or any(d is None for d in deltas):
                return True
            terms = [f for c in (total, *parts) for f in change_terms(c).terms]
            return differs(total.delta_yuan, sum((d for d in deltas if d is not None), Decimal(0)), terms,
                           ctx.params, expected_from=change_terms(total).terms)
    return False


def _percent_misfits(change: StatedChange, percent: Figure, prior: Decimal, prior_terms: Sequence[Figure],
                     ctx: RuleContext) -> bool:
    """Whether no rounding of the change's amount, of last year's figure (``prior``, from ``prior_terms``)
    and of the percentage it writes brings the share and the percentage together (a bound only one way)."""
    amount = change.amount.yuan or Decimal(0)
    # a change worked out from 由A到B is B − A: its rounding is theirs
    amount_terms = [change.prior, change.current] if change.computed else [change.amount]
    slack_amount, slack_prior = sum_tolerance(amount_terms, ctx.params), sum_tolerance(prior_terms, ctx.params)
    if prior - slack_prior <= 0:
        return False
    hundred = Decimal(100)
    low = max(abs(amount) - slack_amount, Decimal(0)) / (prior + slack_prior) * hundred
    high = (abs(amount) + slack_amount) / (prior - slack_prior) * hundred
    stated = percent.value.number
    exponent = stated.as_tuple().exponent
    digit = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)  # rounded, cut off or rounded up
    slack = digit / 2 if change.percent_bound else digit  # a bound is the share rounded, never rounded the wrong way
    share_above = stated + slack < low  # the share is more than the percentage: fine for 下降37%以上
    share_below = stated - slack > high  # less: fine for 增长5%以内 / 以下
    return (share_above and not change.percent_bound.endswith(_AT_LEAST)
            or share_below and not change.percent_bound.endswith(_AT_MOST))
