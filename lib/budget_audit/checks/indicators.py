"""Rules of category ``indicator``: the quality of performance targets (绩效目标/指标).

They read every project's indicator rows, spending plan, goal text and use of funds, and
the unit-wide indicator table (``doc.unit_goals.indicators``). Indicator values are read
through :func:`_effective`, which also understands word operators (``不低于95%``,
``800万元以上``) so that such values count as quantified.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from ..amounts import MONEY_SCALE, Quantity, money_unit, parse_quantity, to_halfwidth
from ..model import Disclosure, Indicator, PlanPoint, Project, Span, Text
from .base import Hit, RuleContext, Severity, rule

# ---------------------------------------------------------------------------
# Reading indicator values
# ---------------------------------------------------------------------------

#: Word operators written before the number (``不低于95%``) → canonical operator.
_WORD_PREFIX_OPS: tuple[tuple[str, str], ...] = (
    ("大于或等于", "≥"), ("大于等于", "≥"), ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"),
    ("至少", "≥"), ("达到", "≥"), ("小于或等于", "≤"), ("小于等于", "≤"), ("不高于", "≤"),
    ("不超过", "≤"), ("不多于", "≤"), ("不大于", "≤"), ("控制在", "≤"), ("最多", "≤"),
    ("大于", ">"), ("高于", ">"), ("超过", ">"), ("多于", ">"),
    ("小于", "<"), ("低于", "<"), ("少于", "<"), ("等于", "="),
)
#: Word operators written after the unit (``800万元以上``) → canonical operator.
_WORD_SUFFIX_OPS: tuple[tuple[str, str], ...] = (
    ("及以上", "≥"), ("以上", "≥"), ("及以下", "≤"), ("以下", "≤"), ("以内", "≤"),
    ("之内", "≤"), ("内", "≤"), ("左右", ""),
)


_INCLUSIVE_RE = re.compile(r"[（(]含[）)]")


def _effective(q: Quantity) -> Quantity:
    """The value with word operators folded into ``op`` and removed from ``unit``."""
    if q.number is None:
        text = to_halfwidth(q.raw).strip()
        for word, op in _WORD_PREFIX_OPS:
            if text.startswith(word):
                inner = parse_quantity(text[len(word):])
                if inner.number is not None and inner.op is None:
                    return _effective(replace(inner, raw=q.raw, op=op))
                break
        return q
    unit = q.unit
    op = q.op
    for word, word_op in _WORD_SUFFIX_OPS:
        if unit.endswith(word) and len(unit) >= len(word):
            unit = unit[: -len(word)]
            op = op or word_op or None
            break
    after = _INCLUSIVE_RE.sub("", q.note).strip()  # 90%（含）以上: the word after the bracket
    if op is None and after and (word_op := dict(_WORD_SUFFIX_OPS).get(after)):
        return replace(q, op=word_op)
    if unit == q.unit:
        return q
    head = money_unit(unit)
    yuan = q.number * MONEY_SCALE[head] if head is not None else None
    return replace(q, op=op, unit=unit, yuan=yuan)


def _is_percent(q: Quantity) -> bool:
    return q.number is not None and q.unit in ("%", "％")


def _per_unit(q: Quantity) -> bool:
    """A money value per something (``元/吨``, ``万元/人/年``)."""
    return q.yuan is not None and "/" in q.unit


@dataclass(frozen=True)
class Row:
    """An indicator (its level-2 class carried down over merged cells by the parser)."""

    ind: Indicator
    value: Quantity

    @property
    def level2(self) -> str:
        return self.ind.level2

    @property
    def name(self) -> str:
        return self.ind.level3 or self.ind.description

    @property
    def texts(self) -> str:
        return f"{self.ind.level3} {self.ind.description}"

    def is_class(self, word: str) -> bool:
        return word in self.level2

    @property
    def is_cost(self) -> bool:
        return self.is_class("成本")


def _rows(indicators: list[Indicator]) -> list[Row]:
    return [Row(ind, _effective(ind.value)) for ind in indicators]


@dataclass(frozen=True)
class Table:
    """One indicator table: a project's, or the unit-wide one (``project is None``)."""

    project: Project | None
    rows: list[Row]

    @property
    def where(self) -> str:
        return self.project.called if self.project is not None else "单位整体绩效指标表"


def _tables(doc: Disclosure) -> Iterator[Table]:
    if doc.unit_goals.indicators:
        yield Table(None, _rows(doc.unit_goals.indicators))
    for p in doc.projects:
        if p.indicators:
            yield Table(p, _rows(p.indicators))


def _listing(rows: list[Row], limit: int = 8) -> str:
    items = [f"{r.name}“{r.ind.value.raw or '（空白）'}”" for r in rows[:limit]]
    more = f"等{len(rows)}项" if len(rows) > limit else ""
    return "、".join(items) + more


def _key(project: Project | None, extra: str = "") -> str:
    """Distinguishes hits of projects whose rows read alike (copied indicator tables)."""
    if project is None:
        base = "unit"
    elif project.code is not None:
        base = project.code.text
    else:
        base = f"{project.seq}:{project.title}"
    return f"{base}|{extra}" if extra else base


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


_RATE_RE = re.compile(r"率|比例|比率|占比|比重|满意度|吻合度|覆盖面|百分比")
_NOT_RATE_RE = re.compile(r"效率|频率|功率|汇率|利率|税率")
_PER_COUNT_RE = re.compile(r"(?:每|(?<![\d一二三四五六七八九]))[十百千万](?:人次|人|台|辆|户|车|吨|公里|元|名|头|只|家)")
_GROWTH_RE = re.compile(r"增长|增速|增幅|同比|环比|比上年|较上年|上升|提高|提升|倍")
#: Names of a measure with no unit, the name ending in it: 灌溉水有效利用系数 ≥0.6, 空气质量综合指数, 投入产出比值 (not
#: 天气指数保险承保面积 ≥5000, an area).
_DIMENSIONLESS_RE = re.compile(r"(?:系数|指数|比值)\s*$")
_BOUNDED_SHARE_RE = re.compile(
    r"满意度|合格率|达标率|覆盖率|知晓率|准确率|正确率|完好率|占比|比例|比重|使用率|到位率|执行率"
)


def _is_rate(row: Row) -> bool:
    """The indicator measures a rate, share or satisfaction (名称 or 二级指标 says so)."""
    name = _NOT_RATE_RE.sub("", row.ind.level3 or row.ind.description)
    if _PER_COUNT_RE.search(name):
        return False  # 万台死亡率, 每千人…率: a count per so many, no percentage
    return bool(_RATE_RE.search(name)) or "满意度" in row.level2 or "满意度" in row.ind.level1


# ---------------------------------------------------------------------------
# IN001–IN003: value lacks operator / number / unit
# ---------------------------------------------------------------------------


def _listed_per_table(doc: Disclosure, keep: Callable[[Row], bool]) -> Iterator[Hit]:
    """One hit per indicator table listing the rows ``keep`` selects."""
    for table in _tables(doc):
        rows = [r for r in table.rows if keep(r)]
        if rows:
            yield Hit(
                spans=[r.ind.span for r in rows],
                project=table.project,
                key=_key(table.project),
                fields={"where": table.where, "count": len(rows), "items": _listing(rows)},
            )


@rule(
    code="IN001",
    name="indicator.qualitative_value",
    category="indicator",
    severity="info",
    message="{where}有{count}项指标值为定性表述，未量化：{items}",
)
def qualitative_value(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """指标值为"及时""有效""提升"等定性表述，未给出数值和计量单位。

    检查内容：
    每张项目绩效目标表和单位整体绩效指标表中，指标值不含数字的行（如"及时""有效""有效发挥""提升""保障"），
    每张表汇总为一条提示，列出这些指标。"不低于95%""800万元以上"等文字运算符写法视为已量化，不在此列；
    占位符（"××%""≥XX次""待定"）由 IN008 报告，也不在此列。

    审计意义：
    财预〔2021〕101号要求绩效指标尽量量化，指标值应由运算符、数值和计量单位组成；
    定性指标无法客观考核，应至少分级表述（如"好/较好/一般"并附评判标准）。
    这是表述质量问题而非数字错误，故为提示。

    示例：
    时效指标"聘用劳务派遣人员及时性"指标值"及时"；社会效益指标"有效补充发改局机关办公力量"指标值"有效"。

    参数：
    无。

    常见误报：
    效益类指标（社会效益、可持续影响）确难量化时允许定性表述，审计时可只关注产出类指标中的定性值。
    """
    # not a placeholder (≥XX次): IN008 reports it, it is no value in words
    yield from _listed_per_table(doc, lambda r: r.value.number is None and r.ind.value.is_qualitative
                                 and not _placeholders(r.ind.value.raw, value=True))


@rule(
    code="IN002",
    name="indicator.value_incomplete",
    category="indicator",
    severity="warning",
    compare=("应为", "指标值"),
    message={
        "no_unit": "{where}指标“{name}”的指标值“{value}”只有数字没有计量单位，无法判断考核口径",
        "implied_percent": "{where}指标“{name}”的指标值“{value}”没有计量单位（按名称应为百分比，建议写明%）",
        "empty": "{where}指标“{name}”未填写指标值",
    },
)
def value_incomplete(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """指标值缺少计量单位，或指标值空白。

    检查内容：
    指标值只有数字没有单位（如"80""≥2000"）的行为警告；指标名称表明是比率/满意度且数字不超过100时
    （单位应为%，意思大致可推断）降为提示，但"万台死亡率""每千人……率"之类按数量计的比率不是百分比。
    指标值为0（如"事故发生数=0"）不需要单位，不报；以系数、指数、比值为名的指标（如"灌溉水有效利用系数≥0.6"）本无单位，
    也不报。指标值单元格空白的行为警告。

    审计意义：
    没有单位的数字无法考核——"80"可以是80家、80次也可以是80%；空白指标值等于没有设定目标。

    示例：
    数量指标"组织县域企业参加各类交流学习会"指标值"≥80"（单位栏空白）→ 警告；
    "企业满意度"指标值"≥90" → 提示。

    参数：
    无。

    常见误报：
    表格把单位放在表头（如"指标值（%）"）而单元格只写数字时会误报；此时整表都会报，可在参数中忽略本规则。
    """
    for table in _tables(doc):
        for r in table.rows:
            raw = r.ind.value.raw.strip()
            variant = ""
            severity = None
            if not raw:
                variant = "empty"
            elif (r.value.number is not None and not r.value.unit and r.value.number != 0  # =0 needs no unit
                  and not _DIMENSIONLESS_RE.search(r.name)):
                implied = _is_rate(r) and Decimal(0) <= r.value.number <= Decimal(100)
                variant = "implied_percent" if implied else "no_unit"
                severity = Severity.INFO if implied else None
            if variant:
                yield Hit(
                    spans=[r.ind.span],
                    project=table.project,
                    key=_key(table.project),
                    variant=variant,
                    severity=severity,
                    expected=None,
                    actual=raw or None,
                    fields={"where": table.where, "name": r.name, "value": raw, "_money": False},
                )


def _implies_bound(r: Row) -> str | None:
    """Which bound the class implies when the operator is missing, else ``None``.

    Cost in money is a ceiling (≤); a percentage strictly between 0 and 100 is a floor or
    ceiling that the reader cannot tell. Counts (5人) and 0%/100% read naturally as "=".
    """
    q = r.value
    if q.number is None or q.op is not None:
        return None
    if r.is_cost and q.yuan is not None:
        return "≤"
    if _is_percent(q) and Decimal(0) < q.number < Decimal(100):
        return "≥/≤"
    return None


@rule(
    code="IN003",
    name="indicator.missing_operator",
    category="indicator",
    severity="info",
    message="{where}有{count}项指标值缺少运算符（≥、≤、=），考核方向不明：{items}",
)
def missing_operator(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """量化指标值缺少运算符，而指标类别要求给出上限或下限。

    检查内容：
    只看运算符对考核方向有影响的两类，每张表汇总为一条提示：
    成本指标以金额表示（如"5.214万元/人/年""60万元"）却没有"≤"——成本应为上限；
    百分比在0与100之间（不含两端，如"50%""95%"）却没有"≥"或"≤"——不知是下限还是上限。
    数量指标的个数（"5人""4000吨"）和0%、100%按"="理解，不报。

    审计意义：
    财预〔2021〕101号要求指标值由运算符、数值和单位组成；缺运算符时，实际值高于或低于目标值的得分无从判定，
    成本指标尤其应写成上限以约束支出。属表述规范问题，故为提示。

    示例：
    成本指标"聘用人员单位成本"指标值"5.214万元/人/年" → 应为"≤5.214万元/人/年"。

    参数：
    无。

    常见误报：
    部分省份模板把运算符放在单独的"符号"列，解析时已合并；若该列整列空白，整份文件都会报，可按单位忽略本规则。
    """
    yield from _listed_per_table(doc, _implies_bound)


# ---------------------------------------------------------------------------
# IN004: percentages above 100
# ---------------------------------------------------------------------------


@rule(
    code="IN004",
    name="indicator.percent_over_100",
    category="indicator",
    severity="warning",
    compare={
        "default": ("上限", "指标值"),
        "share": ("上限", "指标值"),
        "text": ("上限", "原文"),
        "text_share": ("上限", "原文"),
    },
    message={
        "default": "{where}指标“{name}”的指标值“{value}”超过100%，请核实口径",
        "share": "{where}指标“{name}”是比率/满意度类指标，指标值“{value}”不可能超过100%",
        "text": "{where}{field}中写明“{phrase}”，超过100%，请核实口径",
        "text_share": "{where}{field}中写明“{phrase}”，{name}不可能超过100%",
    },
    params={"max_percent": 100},
)
def percent_over_100(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """百分比指标值超过100%（增长率除外）。

    检查内容：
    项目表和单位整体指标表中以%为单位、数值大于 max_percent 的指标值。名称或描述含"增长、增速、增幅、同比、环比、
    比上年、较上年、上升、提高、提升、倍"的视为增长类指标，允许超过100%，不报。
    满意度、合格率、达标率、覆盖率、知晓率、准确率、占比、比例等按定义不可能超过100%的为错误；其他为警告。
    绩效目标、资金用途和单位整体目标的文字中，"××率/满意度/占比……（达到、实现、提高到）X%"超过 max_percent 的
    （增长类除外）也报告为警告（满意度、合格率等按定义不可能超过100%的，写明"不可能"）；同一句话重复出现的合为一条。

    审计意义：
    满意度120%、覆盖率105%这类数字在定义上不可能实现，说明指标值填错（多为把数量填成了百分比）或指标口径不清。

    示例：
    "群众满意度 ≥120%" → 错误；"招高企、科小增长率 ≥150%" → 增长率，不报。
    目标文字"政策性粮食监管率实现101%" → 警告。

    参数：
    max_percent — 百分比上限（默认100）。

    常见误报：
    "投入产出比""完成率（超额完成）"等确可超过100%的指标会报为警告，请按指标定义判断。
    """
    limit = Decimal(str(ctx.params.get("max_percent", 100)))
    for table in _tables(doc):
        for r in table.rows:
            q = r.value
            if not _is_percent(q) or q.number is None or q.number <= limit:
                continue
            if _GROWTH_RE.search(r.texts):
                continue
            share = bool(_BOUNDED_SHARE_RE.search(r.name)) or "满意度" in r.level2
            yield Hit(
                spans=[r.ind.span],
                project=table.project,
                key=_key(table.project),
                variant="share" if share else "default",
                severity=Severity.ERROR if share else None,
                expected=f"≤{_plain(limit)}%",
                actual=q.raw,
                fields={"where": table.where, "name": r.name, "value": q.raw, "_money": False},
            )
    yield from _percent_over_limit_in_text(doc, limit)


_RATE_IN_TEXT_RE = re.compile(
    r"([\u4e00-\u9fff]{0,12}(?:率|满意度|占比|比例|比重))\s*(?:要|应|须)?\s*均?\s*"
    r"(?:达到|实现|为|不低于|保持在|保持|提高到|提高至|提升到|提升至|达|在)?\s*[≥>]?\s*(\d+(?:\.\d+)?)\s*[%％]"
)


def _percent_over_limit_in_text(doc: Disclosure, limit: Decimal) -> Iterator[Hit]:
    """IN004's text variant: a rate above the limit written into goal or use-of-funds text."""
    goals = doc.unit_goals
    tables: list[tuple[Project | None, str, list[tuple[str, Text]]]] = [
        (None, "单位整体绩效目标", [("", t) for t in (*goals.overall, *goals.items, *goals.measures)])
    ]
    for p in doc.projects:
        named = (("的绩效目标", p.goal), ("的资金用途", p.use_of_funds))
        tables.append((p, p.called, [(label, t) for label, t in named if t is not None]))
    for project, where, texts in tables:
        found: dict[str, tuple[str, str, list[Span]]] = {}  # phrase → (field, rate name, spans)
        for label, text in texts:
            for m in _RATE_IN_TEXT_RE.finditer(to_halfwidth(text.text)):
                name, number = m.group(1), Decimal(m.group(2))
                if number <= limit or _GROWTH_RE.search(name):
                    continue
                phrase = m.group(0).strip()
                found.setdefault(phrase, (label, name, []))[2].append(text.span)
        for phrase, (label, name, spans) in found.items():
            share = bool(_BOUNDED_SHARE_RE.search(name))
            yield Hit(
                spans=spans,
                project=project,
                key=_key(project, phrase),
                variant="text_share" if share else "text",
                expected=f"≤{_plain(limit)}%",
                actual=phrase,
                fields={"where": where, "field": label, "phrase": phrase, "name": name, "_money": False},
            )


# ---------------------------------------------------------------------------
# IN005–IN007: unit does not fit the indicator
# ---------------------------------------------------------------------------


@rule(
    code="IN005",
    name="indicator.rate_in_money",
    category="indicator",
    severity="warning",
    compare=("应为", "指标单位"),
    message="{where}指标“{name}”是比率/满意度类指标，指标值却以金额“{value}”表示",
)
def rate_in_money(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """比率、比例、满意度类指标的单位是万元或元。

    检查内容：
    三级指标名称含"率、比例、比率、占比、比重、满意度、吻合度、覆盖面"（效率、频率、功率、汇率、利率、税率除外），
    或属于满意度指标，而指标值的单位是元、万元、亿元（含"万元/人"等）。

    审计意义：
    比率只能用%或无量纲数表示；以金额表示说明单位填错或指标名称与内容不符，该指标无法考核。

    示例：
    质量指标"研发投入增长率"指标值"≥0.1万元（比例）" → 警告。

    参数：
    无。

    常见误报：
    名称含"率"但实际考核金额的指标（如"补助标准（按费率计）"）会误报，请结合描述判断。
    """
    for table in _tables(doc):
        for r in table.rows:
            if r.value.yuan is None or not _is_rate(r):
                continue
            yield Hit(
                spans=[r.ind.span],
                project=table.project,
                key=_key(table.project),
                expected="%",
                actual=r.value.unit,
                fields={"where": table.where, "name": r.name, "value": r.ind.value.raw, "_money": False},
            )


@rule(
    code="IN006",
    name="indicator.cost_not_money",
    category="indicator",
    severity="info",
    message="{where}成本指标“{name}”的指标值“{value}”不是金额，未反映成本控制目标",
)
def cost_not_money(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """成本指标的指标值不是金额。

    检查内容：
    二级指标为成本指标、指标值为数字但单位不是元、万元、亿元（如"成本吻合度 100%""补贴率 50%"）。
    定性值由 IN001 处理，这里不重复。

    审计意义：
    成本指标应反映预期提供的产出所需成本，以金额（总额或单位成本）表示并与预算相衔接；
    "成本吻合度100%"之类的写法在本地区模板中很常见，不算错，但无法据以控制成本，故为提示。

    示例：
    成本指标"成本吻合度"指标值"100%" → 提示；"聘用人员单位成本 5.214万元/人/年" → 不报。

    参数：
    无。

    常见误报：
    以节约率、降低率考核成本（"成本节约率≥5%"）是可接受的写法，可视情况忽略。
    """
    for table in _tables(doc):
        for r in table.rows:
            if r.is_cost and r.value.number is not None and r.value.yuan is None:
                yield Hit(
                    spans=[r.ind.span],
                    project=table.project,
                    key=_key(table.project),
                    fields={"where": table.where, "name": r.name, "value": r.ind.value.raw},
                )


_TIME_UNIT_RE = re.compile(r"年|月|日|天|周|季|时|分钟|秒|%|^[-./]\d{1,2}")


@rule(
    code="IN007",
    name="indicator.timeliness_unit",
    category="indicator",
    severity="warning",
    compare=("应为", "指标单位"),
    message="{where}时效指标“{name}”的指标值“{value}”单位不是时间或比率",
)
def timeliness_unit(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """时效指标的计量单位不是时间（天、月、季度、年、日期）或百分比。

    检查内容：
    二级指标为时效指标、指标值有数字和单位，而单位不含"年、月、日、天、周、季、时、分钟、秒"，也不是%
    （如"≥3次""100万元"）。没有单位的数字由 IN002 处理。

    审计意义：
    时效指标考核完成时限或及时率；以次数、金额等表示说明填错了行或单位，无法考核进度。

    示例：
    时效指标"资金拨付及时性"指标值"≥2次" → 警告；"4季度""≤30天""=2023年""100%" → 不报。

    参数：
    无。

    常见误报：
    以"批次""期"表示时限的写法会报，请结合描述判断。
    """
    for table in _tables(doc):
        for r in table.rows:
            q = r.value
            if not r.is_class("时效") or q.number is None or not q.unit:
                continue
            if _TIME_UNIT_RE.search(q.unit):
                continue
            yield Hit(
                spans=[r.ind.span],
                project=table.project,
                key=_key(table.project),
                expected="时间单位或%",
                actual=q.unit,
                fields={"where": table.where, "name": r.name, "value": r.ind.value.raw, "_money": False},
            )


# ---------------------------------------------------------------------------
# IN008: placeholders and template residue
# ---------------------------------------------------------------------------

#: A fill-in blank left for a figure: 完成＿＿台（套）医疗设备采购, ____年 (＿ read as _) — not a name's underscores
#: (__init__).
_FILL_IN_RE = re.compile(r"(?<![A-Za-z_])_{2,}(?![A-Za-z_])")
#: A rule of underscores standing apart from the words, no blank in a sentence: ________ on a line of its own, or
#: joined to the line above it (…解决大学生就业。________).
_RULE_RUN_RE = re.compile(r"(?:^|(?<=[。；;！!？?\s]))_{2,}(?=\s|$)")
_PLACEHOLDER_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])"),
    re.compile(r"[×✕╳]{2,}"),
    re.compile(r"[*＊]{3,}"),
    re.compile(r"[○〇□]{2,}"),
    re.compile(r"某某"),
    re.compile(r"待定|待补充|待填|暂定待"),
    re.compile(r"[（(【\[]\s*[）)】\]]"),
    _FILL_IN_RE,
)
_QUESTION_RE = re.compile(r"[？?]")
_INTERROGATIVE_RE = re.compile(r"是否|吗|什么|如何|多少|怎样|怎么|哪些|有无|能否|可否")
_ANOTHER_TIME_CELL_RE = re.compile(r"另行")
_ANOTHER_TIME_TEXT_RE = re.compile(r"另行(?:确定|填报|补充|明确|制定|通知)")


def _placeholders(text: str, *, value: bool = False, cell: bool = False) -> list[str]:
    """Placeholder fragments in ``text``.

    ``value``: an indicator value (a question mark is always residue); ``cell``: any other
    indicator cell (a bare 另行 counts); otherwise free text (goal, use of funds).
    """
    norm = _RULE_RUN_RE.sub(" ", to_halfwidth(text))
    found = [m.group(0) for pattern in _PLACEHOLDER_RES for m in pattern.finditer(norm)]
    if _QUESTION_RE.search(norm) and (value or not _INTERROGATIVE_RE.search(norm)):
        found.append("？")
    another = _ANOTHER_TIME_CELL_RE if value or cell else _ANOTHER_TIME_TEXT_RE
    found += [m.group(0) for m in another.finditer(norm)]
    return found


@rule(
    code="IN008",
    name="indicator.placeholder",
    category="indicator",
    severity="warning",
    message="{where}的{fields_}中有占位符或模板残留，尚未定稿：{items}",
)
def placeholder(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """绩效指标、绩效目标或资金用途中留有占位符、问号等模板残留。

    检查内容：
    项目名称、资金用途、绩效目标和每个指标单元格（指标名称、描述、指标值、依据、评分标准），以及单位整体目标和指标表，
    查找"？/?、XX、××、***、某某、待定、待补充、空括号（）、填空横线＿＿"，指标单元格中的"另行"，
    文字中的"另行确定/另行制定/另行通知"等。每张表汇总为一条。
    问号出现在带"是否、多少、如何"等疑问词的描述中时视为正常问句，不报（指标值中的问号总是报）。

    审计意义：
    公开文本中的问号和占位符说明目标值尚未确定就发布了，如"≤3月/3个月？"——考核标准本身不确定，无法据以评价。

    示例：
    时效指标"审批发布及时性"指标值"≤3月/3个月？" → 警告。

    参数：
    无。

    常见误报：
    引用文件名中的方括号、外文缩写中的"XX"（已要求前后不是字母）一般不会误报；空括号偶有排版残留，可据实忽略。
    """
    goals = doc.unit_goals
    tables: list[tuple[Project | None, list[tuple[str, Text]], list[Indicator]]] = [
        (None, [("整体绩效目标", t) for t in (*goals.overall, *goals.items, *goals.measures)], goals.indicators)
    ]
    for p in doc.projects:
        named = (("项目名称", p.name), ("资金用途", p.use_of_funds), ("绩效目标", p.goal))
        tables.append((p, [(label, t) for label, t in named if t is not None], p.indicators))
    for project, texts, indicators in tables:
        spans: list[Span] = []
        items: list[str] = []
        fields: dict[str, None] = {}  # where the residue is, in table order
        for label, text in texts:
            if _placeholders(text.text):
                spans.append(text.span)
                items.append(f"“{_clip(text.text)}”")
                fields[label] = None
        for ind in indicators:
            cells = (ind.level3, ind.description, ind.basis, ind.scoring)
            bad = [c for c in cells if c and _placeholders(c, cell=True)]
            if ind.value.raw and _placeholders(ind.value.raw, value=True):
                bad.append(ind.value.raw)
            if bad:
                spans.append(ind.span)
                name = ind.level3 or ind.description
                items.append(f"{_clip(name, 20)}：" + "、".join(f"“{_clip(c)}”" for c in bad))
                fields[f"{ind.level2}" if ind.level2 else "绩效指标"] = None
        if spans:
            where = project.called if project is not None else "单位整体绩效目标"
            yield Hit(
                spans=spans,
                project=project,
                key=_key(project),
                fields={"where": where, "fields_": "、".join(fields), "items": "；".join(items)},
            )


def _clip(text: str, size: int = 30) -> str:
    return text if len(text) <= size else text[:size] + "…"


# ---------------------------------------------------------------------------
# IN009: cost indicators stated as floors
# ---------------------------------------------------------------------------


@rule(
    code="IN009",
    name="indicator.cost_floor",
    category="indicator",
    severity="warning",
    compare={"default": ("应为", "运算符"), "standard": ("不是保障标准时应为", "运算符")},
    message={
        "default": "{where}成本指标“{name}”的指标值“{value}”写成下限，成本指标应为上限（≤）",
        "standard": "{where}成本指标“{name}”的指标值“{value}”写成下限；若是上级规定的保障标准（基准定额），"
        "下限表示不低于该标准，属正常，否则成本指标应为上限（≤）",
    },
)
def cost_floor(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """成本指标以"≥"或">"给出金额下限。

    检查内容：
    二级指标为成本指标、指标值为金额（总额或单位成本，如"≥800万元""≥100元/吨"）且运算符为"≥"">"或"以上"。
    以百分比表示的成本指标（"成本节约率≥5%""吻合度≥95%"）下限是合理的，不报。指标名带"生均""基准定额"
    或以"标准"结尾（保障标准、补助标准、基本生活标准）的，是上级规定的最低保障标准（如义务教育生均公用经费
    基准定额、特困人员基本生活标准），写成下限可以是本意：只作提示。

    审计意义：
    成本指标是支出的上限，用来约束花钱；写成下限等于要求"至少花这么多"，考核方向颠倒，
    也常是套用数量指标模板的结果。

    示例：
    成本指标"建设总成本"指标值"≥800万元" → 警告。

    参数：
    无。

    常见误报：
    极少数以"投入不低于"考核配套资金到位的指标确为下限，请结合描述判断。
    """
    for table in _tables(doc):
        for r in table.rows:
            if r.is_cost and r.value.yuan is not None and r.value.op in ("≥", ">"):
                standard = any(_STANDARD_RE.search(text) for text in (r.name, r.ind.description))
                yield Hit(
                    spans=[r.ind.span],
                    project=table.project,
                    key=_key(table.project),
                    variant="standard" if standard else "default",
                    severity=Severity.INFO if standard else None,
                    expected="≤",
                    actual=r.value.op,
                    fields={"where": table.where, "name": r.name, "value": r.ind.value.raw, "_money": False},
                )


#: A cost indicator named for a funding standard set from above, which is a floor: 生均公用经费, 基准定额 ….
_STANDARD_RE = re.compile(r"生均|基准定额|标准\s*$")  # 保障标准, 补助标准, 基本生活标准, 两项补贴标准 …


# ---------------------------------------------------------------------------
# IN010–IN012: the cumulative spending plan
# ---------------------------------------------------------------------------


def _plan(project: Project) -> list[tuple[PlanPoint, Decimal]]:
    """Numeric points of the plan (a bare number is read as a percentage)."""
    out = []
    for point in project.spending_plan:
        q = point.value
        if q.number is not None and q.unit in ("", "%", "％"):
            out.append((point, q.number))
    return out


def _per_period(points: list[tuple[PlanPoint, Decimal]]) -> bool:
    """Shares per period that add up to 100% instead of a cumulative plan (25/25/25/25)."""
    return (
        len(points) >= 2
        and points[-1][1] < 100
        and abs(sum((v for _, v in points), Decimal(0)) - 100) <= Decimal("0.5")
    )


def _plan_text(points: list[tuple[PlanPoint, Decimal]]) -> str:
    return "、".join(f"{p.label}{_pct(p)}" for p, _ in points)


def _pct(point: PlanPoint) -> str:
    return point.value.raw if point.value.unit else f"{point.value.raw}%"


@rule(
    code="IN010",
    name="indicator.plan_not_cumulative",
    category="indicator",
    severity="error",
    compare=("应为", "后一时点"),
    message="{where}资金支出计划是累计进度，{later}（{later_value}）却低于{earlier}（{earlier_value}）：{plan}",
)
def plan_not_cumulative(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """累计资金支出计划（%）出现后期低于前期。

    检查内容：
    项目表"资金支出计划（%）"各时点（3月底、6月底、10月底、12月底）是累计支出进度，后一时点不应低于前一时点。
    相等是正常的（如"0%、0%、100%、100%"）。前一时点本身超过100%的由 IN011 报告；
    各期合计正好100%的（按分期而非累计填写）由 IN012 报告，这里不重复。

    审计意义：
    累计进度下降在逻辑上不可能，说明计划填错，或把各期支出比例当成了累计进度，无法据以监控执行进度。

    示例：
    "3月底30%、6月底60%、10月底50%、12月底100%" → 10月底低于6月底，错误。

    参数：
    无。

    常见误报：
    无已知误报。
    """
    for p in doc.projects:
        points = _plan(p)
        if _per_period(points):
            continue
        for (a, va), (b, vb) in zip(points, points[1:], strict=False):
            if vb < va and va <= 100:
                yield Hit(
                    spans=[a.span, b.span],
                    project=p,
                    expected=f"≥{_pct(a)}",
                    actual=_pct(b),
                    key=_key(p, f"{a.label}>{b.label}"),
                    fields={
                        "where": p.called,
                        "earlier": a.label,
                        "earlier_value": _pct(a),
                        "later": b.label,
                        "later_value": _pct(b),
                        "plan": _plan_text(points),
                        "_money": False,
                    },
                )


@rule(
    code="IN011",
    name="indicator.plan_over_100",
    category="indicator",
    severity="error",
    compare=("应为", "超过的时点"),
    message="{where}资金支出计划{points}，累计支出进度不能超过100%",
)
def plan_over_100(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """资金支出计划某一时点超过100%。

    检查内容：
    项目表"资金支出计划（%）"中大于100的时点值（100%本身正常；不带%的数字按百分比读）。每个项目一条，列出超过的时点。

    审计意义：
    累计支出不可能超过预算的100%；超过说明填错（多为把金额或其他数字填进了百分比栏）。

    示例：
    "12月底 110%" → 错误；"12月底 100%" → 不报。

    参数：
    无。

    常见误报：
    无已知误报。
    """
    for p in doc.projects:
        over = [(pt, v) for pt, v in _plan(p) if v > 100]
        if over:
            yield Hit(
                spans=[pt.span for pt, _ in over],
                project=p,
                key=_key(p),
                expected="≤100%",
                actual=_plan_text(over),
                fields={"where": p.called, "points": _plan_text(over), "_money": False},
            )


@rule(
    code="IN012",
    name="indicator.plan_not_100",
    category="indicator",
    severity="warning",
    compare=("应为", "最后时点"),
    message={
        "default": "{where}资金支出计划最后时点{label}只到{value}，年底前未计划支出完毕：{plan}",
        "per_period": "{where}资金支出计划各期合计为100%，但最后时点{label}只有{value}——疑似按分期比例而非累计进度填写：{plan}",
    },
)
def plan_not_100(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """资金支出计划最后一个时点（通常为12月底）不足100%。

    检查内容：
    项目表"资金支出计划（%）"最后一个有数字的时点低于100%。若各时点之和正好为100%，
    提示为"按分期比例而非累计进度填写"（此时 IN010 不再重复报告）。超过100%由 IN011 报告。

    审计意义：
    年度预算原则上应在当年执行完毕；计划年底仍有余额，说明预算规模偏大或计划不实，
    也会影响预算执行率考核。按分期填写则使进度监控失去依据。

    示例：
    "0%、0%、50%、80%" → 警告；"25%、25%、25%、25%" → 警告（分期比例）。

    参数：
    无。

    常见误报：
    跨年度实施、明确约定次年支付尾款（如质保金）的项目年底不足100%可能是合理的。
    """
    for p in doc.projects:
        points = _plan(p)
        if not points:
            continue
        last, value = points[-1]
        if value >= 100:
            continue
        per_period = _per_period(points)
        yield Hit(
            spans=[pt.span for pt, _ in points] if per_period else [last.span],
            project=p,
            key=_key(p),
            variant="per_period" if per_period else "default",
            expected="100%",
            actual=_pct(last),
            fields={
                "where": p.called,
                "label": last.label,
                "value": _pct(last),
                "plan": _plan_text(points),
                "_money": False,
            },
        )


# ---------------------------------------------------------------------------
# IN013: goal text / use of funds that only repeats the project title
# ---------------------------------------------------------------------------

_NUMBERING_RE = re.compile(
    r"^\s*(?:\d+\s*[.、．）)]|[（(]\s*[\d一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．])\s*"
)
_LEAD_RE = re.compile(r"^(?:该资金|本资金|资金|主要|本项目|该项目)?(?:用于|为了|为)")
_TRAIL_RE = re.compile(r"(?:专项资金|项目资金|项目|资金|经费|费用|工作)+$")


def _core_title(text: str) -> str:
    """Text without numbering, punctuation, white space and generic lead/trail words."""
    text = to_halfwidth(text)
    text = _NUMBERING_RE.sub("", text)
    text = re.sub(r"绩效目标表$", "", text.strip())
    text = re.sub(r"[\W_]+", "", text)
    text = _LEAD_RE.sub("", text)
    return _TRAIL_RE.sub("", text)


@rule(
    code="IN013",
    name="indicator.goal_repeats_title",
    category="indicator",
    severity="warning",
    message="{where}的{fields_}只是重复项目名称，未说明{what}",
)
def goal_repeats_title(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """绩效目标或资金用途只是重复项目名称。

    检查内容：
    去掉编号（"1.""（一）"）、标点、空白以及"用于""项目/资金/经费"等泛称后，
    绩效目标或资金用途与项目名称（或表题）完全相同。每个项目一条，列出重复的栏目。

    审计意义：
    绩效目标应说明资金投入后预期达到的产出和效果，资金用途应说明钱花在什么上；
    照抄项目名称（常见为照抄资金下达文件标题）等于没有填写，无法据以设定和考核指标。

    示例：
    项目名称"关于提前下达2023年支持市县科技创新和科学普及专项资金预算的通知 冀财教【2022】165号"，
    绩效目标"1.关于提前下达2023年支持市县科技创新和科学普及专项资金预算的通知 冀财教【2022】165号" → 警告。

    参数：
    无。

    常见误报：
    项目名称本身已写明具体用途和产出（如"购置电子门磁3000个"）时，目标与名称相同信息量仍然不足，但可酌情降级。
    """
    for p in doc.projects:
        titles = {c for c in (_core_title(p.title), _core_title(p.heading.text)) if c}
        if not titles:
            continue
        repeated: list[tuple[str, str, Text]] = []
        if p.goal is not None and _core_title(p.goal.text) in titles:
            repeated.append(("绩效目标", "预期产出和效果", p.goal))
        if p.use_of_funds is not None and _core_title(p.use_of_funds.text) in titles:
            repeated.append(("资金用途", "资金具体用途", p.use_of_funds))
        if repeated:
            yield Hit(
                spans=[t.span for _, _, t in repeated] + [(p.name or p.heading).span],
                project=p,
                key=_key(p),
                fields={
                    "where": p.called,
                    "fields_": "、".join(label for label, _, _ in repeated),
                    "what": "、".join(what for _, what, _ in repeated),
                },
            )


# ---------------------------------------------------------------------------
# IN014–IN015: cost indicators against the project budget
# ---------------------------------------------------------------------------


def _written_precision(q: Quantity) -> Decimal:
    """Half a unit of the last written digit, in yuan (``409.5万元`` → 500元)."""
    if q.number is None or q.money_unit is None:
        return Decimal(0)
    exponent = q.number.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    return step / 2 * MONEY_SCALE[q.money_unit]


_MULTI_YEAR_RE = re.compile(r"总投资|概算|总造价|累计|总体")


@rule(
    code="IN014",
    name="indicator.cost_exceeds_budget",
    category="indicator",
    severity="error",
    compare=("项目预算数", "成本指标"),
    message={
        "default": "{where}成本指标“{name}”为 {actual}，超过项目预算数 {expected}，超出 {diff}",
        "ceiling": "{where}成本指标“{name}”上限 {actual} 高于项目预算数 {expected}（高出 {diff}），上限没有约束作用",
        "scope": "{where}成本指标“{name}”为 {actual}，超过本年项目预算数 {expected}（超出 {diff}），若为跨年度总投资请注明口径",
    },
    params={"rel_tolerance": 0.01},
)
def cost_exceeds_budget(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """以总额表示的成本指标超过项目预算数。

    检查内容：
    成本指标的指标值是金额总额（元、万元、亿元，不带"/人""/吨"等分母），与该项目表的预算数比较；
    超出部分大于 rel_tolerance × 预算数、也大于指标值书写精度的一半（"409.5万元"为0.05万元）时报告。
    以"≤"给出的上限高于预算为警告（上限无约束作用）；名称含"总投资、概算、总造价、累计"的可能是跨年度口径，为警告。

    审计意义：
    成本指标应与预算相衔接；单个成本目标就超过全部预算，说明指标照抄了其他项目或填错金额，
    按该指标考核将与实际资金脱节。

    示例：
    预算数1,365,000元（136.50万元）的项目，成本指标"奖补成本"为"409.5万元" → 错误（与另一项目的数字相同，疑为照抄）。

    参数：
    rel_tolerance — 允许的相对误差（默认0.01，即预算数的1%）。

    常见误报：
    成本指标写的是项目总投资或上级下达总额、本表预算只是其中一部分时会报；请核对口径并在指标中注明。
    """
    rel = Decimal(str(ctx.params.get("rel_tolerance", 0.01)))
    for p in doc.projects:
        if p.budget is None or p.budget.yuan is None or p.budget.yuan <= 0:
            continue
        budget = p.budget.yuan
        for r in _rows(p.indicators):
            q = r.value
            if not r.is_cost or q.yuan is None or _per_unit(q):
                continue
            slack = max(rel * budget, _written_precision(q))
            if q.yuan - budget <= slack:
                continue
            variant, severity = "default", None
            if q.op in ("≤", "<"):
                variant, severity = "ceiling", Severity.WARNING
            elif _MULTI_YEAR_RE.search(r.texts):
                variant, severity = "scope", Severity.WARNING
            yield Hit(
                spans=[r.ind.span, p.budget.span],
                project=p,
                key=_key(p),
                variant=variant,
                severity=severity,
                expected=budget,
                actual=q.yuan,
                fields={"where": p.called, "name": r.name},
            )


#: A quantity indicator that is a rate, not a count: 每千人食品抽检量, 人均…, 万人…数.
_RATE_NAME_RE = re.compile(r"^每|人均|每[千万百]?人|[千万]人")
#: What an indicator value's operator makes of it: a floor or a ceiling ("=" and none: exact).
_BOUNDS = {"≥": "floor", ">": "floor", "≤": "ceiling", "<": "ceiling"}


def _denominator(q: Quantity) -> str | None:
    """The counted unit of a per-unit cost: ``亩`` in ``万元/亩``, ``人`` in ``万元/人/年``.

    ``None`` when the cost is per some other period (``元/人/月``) or not per-unit.
    """
    if not _per_unit(q):
        return None
    parts = [s.strip() for s in q.unit.split("/")[1:]]
    if not parts or not parts[0] or any(s not in ("年", "年度") for s in parts[1:]):
        return None
    return parts[0]


@rule(
    code="IN015",
    name="indicator.unit_cost_vs_budget",
    category="indicator",
    severity="warning",
    compare=("项目预算数", "数量×单位成本"),
    message="{where}数量×单位成本：{quantity} × {unit_cost} = {actual}，与项目预算数 {expected} 相差 {diff}（{pct}）",
    params={"rel_tolerance": 0.01, "rel_tolerance_bounded": 0.1},
)
def unit_cost_vs_budget(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """数量指标×单位成本指标与项目预算数明显不符。

    检查内容：
    项目恰有一个以单位成本表示的成本指标（"12.39万元/亩""86元/吨""5.214万元/人/年"），
    且恰有一个数量指标的单位与其分母相同（"79.76亩""4000吨""5人"；"每千人抽检量"之类的比率不算）时，计算数量×单位成本并与预算数比较；
    相差超过 rel_tolerance × 预算数才报告。分母不一致（"元/人/月"对"人"、"元/个"对"台"）、
    有多个可配对的指标或多个单位成本指标时不作判断。数量或单位成本写成下限（≥）或上限（≤）时，二者按惯例仍是
    测算依据，乘积也只是下限或上限：预算数在它允许的一侧偏离不超过 rel_tolerance_bounded 不报，在另一侧仍按
    rel_tolerance（"=196人"×"≤6万元/人/年"至多1176万元，预算1260万元 → 警告）。

    审计意义：
    单位成本和数量是测算预算的依据；乘积与预算数差距大，说明测算依据、数量或预算数至少有一项不实。

    示例：
    79.76亩 × 12.39万元/亩 = 988.23万元，预算数988.56万元，相差0.03% → 在容差内，不报；
    1000吨 × 100元/吨 = 10.00万元，预算数20.00万元 → 警告。

    参数：
    rel_tolerance — 允许的相对误差（默认0.01，即1%；单位成本一般四舍五入到两位小数）；
    rel_tolerance_bounded — 数量或单位成本带运算符（≥、≤）时允许的相对误差（默认0.1，即10%）。

    常见误报：
    预算同时包含其他费用（如管理费、税费）或只安排了部分资金（分年度支付）时乘积与预算不一致是合理的，请核对测算说明。
    """
    rel = Decimal(str(ctx.params.get("rel_tolerance", 0.01)))
    rel_bounded = Decimal(str(ctx.params.get("rel_tolerance_bounded", 0.1)))
    for p in doc.projects:
        if p.budget is None or p.budget.yuan is None or p.budget.yuan <= 0:
            continue
        rows = _rows(p.indicators)
        costs = [r for r in rows if r.is_cost and _per_unit(r.value)]
        if len(costs) != 1:
            continue
        cost = costs[0]
        denom = _denominator(cost.value)
        if denom is None or cost.value.yuan is None:
            continue
        quantities = [
            r for r in rows
            if r.is_class("数量") and r.value.number is not None and r.value.unit == denom
        ]
        if len(quantities) > 1:  # a rate beside the count (每千人食品抽检量 ≥4批次 beside 抽检批次 ≥1750批次) pairs with none
            quantities = [r for r in quantities if not _RATE_NAME_RE.search(r.name)]
        if len(quantities) != 1:
            continue
        quantity = quantities[0]
        assert quantity.value.number is not None
        product = quantity.value.number * cost.value.yuan
        budget = p.budget.yuan
        # A floor (≥) or ceiling (≤) makes the product one too: the budget may pass it on that side only by
        # rel_tolerance_bounded (≥50000亩 × 60元/亩 is at least 300万元); "=196人" is exact.
        bounds = {_BOUNDS.get(quantity.value.op), _BOUNDS.get(cost.value.op)} - {None}
        above = rel_bounded if bounds & {"floor"} else rel  # how far the budget may exceed the product
        below = rel_bounded if bounds & {"ceiling"} else rel
        if -below * budget <= budget - product <= above * budget:
            continue
        pct = (product - budget) / budget * 100
        yield Hit(
            spans=[quantity.ind.span, cost.ind.span, p.budget.span],
            project=p,
            key=_key(p),
            expected=budget,
            actual=product.quantize(Decimal("0.01")),
            fields={
                "where": p.called,
                "quantity": quantity.ind.value.raw,
                "unit_cost": cost.ind.value.raw,
                "pct": f"{pct:+.2f}%",
            },
        )


# ---------------------------------------------------------------------------
# IN016: a timeliness target that the spending plan contradicts
# ---------------------------------------------------------------------------

_PAYING_RE = re.compile(r"拨付|发放|支付|兑付|付款|支出|采购")
#: A deadline for part of the money only — the spring term's aid, a first batch, an advance — or for a purchase
#: (采购完成), after which a retention (质保金) may stay unpaid for a year: by then the plan must have begun.
_PART_OF_THE_MONEY_RE = re.compile(r"春季|第一批|首批|第一期|预拨|上半年的?(?=[\u4e00-\u9fff]{0,2}(?:资金|补助|补贴|奖补|经费))"
                                   r"|分[两二三四2-4]次|分批|分期|分季度?")  # 上半年和全年考核后分两次发放
_PAYMENT_RE = re.compile(r"拨付|发放|支付|兑付|付款|支出")
_QUARTER_RE = re.compile(
    r"(?<!每)(?:第\s*(?P<cn>[1-4一二三四])|(?<![\d一二三四])(?P<digit>[1-4]))\s*季度(?!起|开始|以后|后)(?P<before>\s*(?:以前|前))?"
)
_MONTH_RE = re.compile(
    r"(?P<month>\d{1,2})\s*月(?!份)(?:\s*\d{1,2}\s*日)?(?P<end>\s*(?:底|末))?(?P<before>\s*(?:以前|前))?"
)
#: A date written with dots, dashes or slashes: 2025.9.30前, 2025-09-30, 2025/9/30.
_NUMERIC_DATE_RE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*(?P<sep>[.\-/．])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*\d{1,2}(?!\d)"
                              r"(?:\s*日)?(?:\s*(?:以前|前))?")
_HALF_YEAR_RE = re.compile(r"上半年(?:\s*(?:以前|前|内))?")
_CLAUSE_RE = re.compile(r"[，,；;。]")
_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4}
EARLY_GAP_MONTHS = 6
"""A plan that is complete this many months before the stated deadline is reported."""


def _deadline(text: str) -> tuple[int, str] | None:
    """(month by whose end a payment is due, as written) in one clause: 第1季度 → 3,
    6月底前 → 6, 3月31日前 → 3, 2025.9.30前 → 9, 上半年 → 6. Not a start ("自第2季度起"), a period
    ("1月份至12月份", "每一季度"), or a date without 底/末/日/前."""
    quarter = _QUARTER_RE.search(text)
    if quarter:
        digit = quarter["cn"] or quarter["digit"]
        return 3 * (int(digit) if digit.isdigit() else _CN_QUARTER[digit]), quarter.group(0).strip()
    for month in _MONTH_RE.finditer(text):
        if (month["end"] or month["before"] or "日" in month.group(0)) and 1 <= int(month["month"]) <= 12:
            return int(month["month"]), month.group(0).strip()
    for date in _NUMERIC_DATE_RE.finditer(text):
        if 1 <= int(date["month"]) <= 12:
            return int(date["month"]), date.group(0).strip()
    half = _HALF_YEAR_RE.search(text)
    return (6, half.group(0)) if half else None


def _payment_deadline(ind: Indicator) -> tuple[str, int, str] | None:
    """(the text, due month, deadline as written) of a 时效指标 that dates a payment: the
    first clause of its value or description with both a deadline and a paying verb, or a
    value that is only a deadline ("4季度") of an indicator named for a payment."""
    for cell in (ind.value.raw, ind.description):
        for clause in _CLAUSE_RE.split(to_halfwidth(cell or "")):
            found = _deadline(clause)
            if found and _PAYING_RE.search(clause):
                return clause.strip(), *found
    value = to_halfwidth(ind.value.raw or "")
    found = _deadline(value)
    if found and not _CLAUSE_RE.search(value) and _PAYING_RE.search(f"{ind.level3} {ind.description}"):
        return value.strip(), *found
    return None


_QUARTER_END = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}


def _plan_month(point: PlanPoint) -> int | None:
    """The month a spending-plan column ends with: 3月底 → 3, 第一季度 / 一季度末 / Q2 → 3 / 6."""
    label = to_halfwidth(point.label)
    found = re.search(r"(\d{1,2})\s*月", label)
    if found:
        return int(found.group(1))
    quarter = re.search(r"(?:第\s*)?([一二三四1-4])\s*季度|Q([1-4])", label)
    return _QUARTER_END[quarter[1] or quarter[2]] if quarter else None


@rule(
    code="IN016",
    name="indicator.timing_vs_plan",
    category="indicator",
    severity="warning",
    compare=("时效指标", "资金支出计划"),
    message={
        "unpaid": "{where}时效指标“{name}”写明{deadline}完成（“{said}”），但资金支出计划到{label}累计支出{value}，未达100%：{plan}",
        "not_begun": "{where}时效指标“{name}”写明{deadline}完成（“{said}”），但资金支出计划到{label}累计支出{value}，尚未开始支出：{plan}",
        "early": "{where}资金支出计划{label}已累计支出{value}，时效指标“{name}”却写明{deadline}完成（“{said}”）：{plan}",
    },
)
def timing_vs_plan(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """时效指标写明的拨付、发放、支付或采购完成时间与资金支出计划矛盾。

    检查内容：
    项目表中写明季度或月份（"第1季度""4季度""6月底前"）、且说的是拨付、发放、支付、兑付、支出或采购的时效指标，
    与同表累计资金支出计划（%）比较：到期时点（季度末，或其后第一个计划时点）累计不足100%的，警告；
    计划在期限前至少6个月就已支出100%的，提示（指标所写期限与计划不是同一回事）。按分期比例填写的计划不检查（由 IN012 报告）。
    期限只涉及部分资金（春季学期、第一批、首批、第一期、预拨、上半年的资金、分两次/分批发放），或只说采购完成、不说付款（其后可能留有质保金）的，
    到期时计划尚未开始支出（0%）才警告。

    审计意义：
    时效指标是考核资金是否按时拨付的依据，支出计划是执行进度监控的依据；两者矛盾，
    至少有一个是照抄模板未改，年底评价时无论执行如何都会与其中一个不符。

    示例：
    时效指标"按规定在第1季度完成资金拨付"，支出计划"3月底0%、6月底0%、10月底0%、12月底100%" → 警告；
    "补贴发放在第4季度完成"，支出计划3月底已100% → 提示；
    "春季学期补助发放时限：6月30日前"，支出计划6月底50% → 不报（春季学期只是一半）；6月底0% → 警告。

    参数：
    无。

    常见误报：
    指标说的是先拨付给下级或实施单位、计划按最终支付填写时，两者可以不同步；请核对资金拨付方式。
    """
    for p in doc.projects:
        points = [(month, pt, v) for pt, v in _plan(p) if (month := _plan_month(pt)) is not None]
        if not points or _per_period([(pt, v) for _, pt, v in points]):
            continue
        plan = _plan_text([(pt, v) for _, pt, v in points])
        for ind in p.indicators:
            if "时效" not in ind.level2:
                continue
            found = _payment_deadline(ind)
            if found is None:
                continue
            said, due, deadline = found
            at_due = next(((pt, v) for month, pt, v in points if month >= due), None)
            done = next(((month, pt, v) for month, pt, v in points if v >= 100), None)
            named = f"{ind.level3} {ind.description} {said}"
            owed = 0 if _PART_OF_THE_MONEY_RE.search(named) or not _PAYMENT_RE.search(named) else 100
            if at_due is not None and at_due[1] <= owed < 100:
                variant, (point, _) = "not_begun", at_due
            elif at_due is not None and at_due[1] < owed:
                variant, (point, _) = "unpaid", at_due
            elif done is not None and done[0] <= due - EARLY_GAP_MONTHS:
                variant, point = "early", done[1]
            else:
                continue
            yield Hit(
                spans=[ind.span, point.span],
                project=p,
                severity=Severity.INFO if variant == "early" else None,
                variant=variant,
                expected=f"{deadline}完成",
                actual=f"{point.label}{_pct(point)}",
                key=_key(p, ind.level3 or ind.description),
                fields={
                    "where": p.called,
                    "name": ind.level3 or ind.description,
                    "said": said,
                    "deadline": deadline,
                    "label": point.label,
                    "value": _pct(point),
                    "plan": plan,
                    "_money": False,
                },
            )
