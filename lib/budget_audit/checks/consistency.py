"""Consistency rules: text against figures, duplicates, copy-paste, stale years, numbering.

These rules compare parts of one document with each other. They never add figures up
(that is :mod:`.reconcile`); they look for statements that cannot all be true, for
content that was copied without being adapted, and for lists whose numbering shows that
items were lost or pasted twice.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

from ..amounts import fmt_amount, to_halfwidth
from ..model import Disclosure, Indicator, Paragraph, Project, Span, Text, line_range
from ..parse.blocks import GROUP_TITLE_RE as _GROUP_TITLE_RE
from ..parse.blocks import generic_table_title, project_heading
from ..parse.sections import heads_a_part, is_section_heading
from .base import Hit, RuleContext, Severity, rule

# ---------------------------------------------------------------------- helpers

_BRACKETS = str.maketrans({"【": "[", "】": "]", "〔": "[", "〕": "]", "［": "[", "］": "]", "（": "(", "）": ")"})
_QUOTES_RE = re.compile(r"[“”\"'‘’「」『』]")


def norm_text(text: str) -> str:
    """Text for comparison: half-width, one bracket style, no white space or quotes."""
    text = to_halfwidth(text).translate(_BRACKETS)
    return _QUOTES_RE.sub("", re.sub(r"\s+", "", text))


def _project_label(p: Project) -> str:
    seq = f"{p.seq}." if p.seq is not None else ""
    return f"{seq}{p.title}"


def _budget(p: Project) -> str:
    """A project's 预算数 for messages, as :func:`~budget_audit.amounts.fmt_amount` quotes it."""
    return fmt_amount(p.budget.value) if p.budget is not None and p.budget.yuan is not None else "—"


def _project_spans(p: Project) -> list[Span]:
    return [t.span for t in (p.heading, p.code) if t is not None] + ([p.budget.span] if p.budget else [])


def _section_of(doc: Disclosure, line: int) -> str | None:
    """Key of the top-level section a line belongs to (``None`` before the first)."""
    key = None
    for section in doc.sections:
        if section.title.span.line <= line:
            key = section.key
    return key


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """``二十三`` → 23, ``一百零五`` → 105; ``None`` when not a Chinese numeral."""
    if not text:
        return None
    total = 0
    current = 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def cn_numeral(n: int) -> str:
    """23 → ``二十三`` (for messages; 1–199)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + cn_numeral(rest) if rest < 10 else ("一" if rest < 20 else "") + cn_numeral(rest))
    return digits[n // 100] + "百" + tail


# ---------------------------------------------------------------------- CS001

_GOODS_RE = re.compile(r"采购|购置|购买|购进|设备|装备|器材|仪器|物资|车辆")
_WORKS_RE = re.compile(r"工程(?!师)|改造|修缮|装修|维修|施工|新建|扩建")
_TRANSFER_RE = re.compile(r"补贴|补助|奖补|奖励|补偿|贴息|扶持资金|以奖代补")
_SETTLEMENT_RE = re.compile(r"质保金|尾款|欠款|结算款|以前年度")
#: The upkeep of what a unit has — 车辆燃油、维修费用, 设备维护费 — which buys nothing new: left out of the text
#: before its purchases are looked for.
_UPKEEP_RE = re.compile(
    r"(?:车辆|公务用车|用车|设备|仪器|电脑|计算机)的?"
    r"(?:(?:燃油|油料|加油|维修|维护|保养|保险|运行|运维|年检|租赁)[、和及与]?)+(?:费用|费|支出)?"
)


#: Words saying there is no procurement: 本部门2025年无政府采购预算, 本年度未安排政府采购.
_NO_PROCUREMENT_RE = re.compile(r"(?:无|没有|未安排|不安排)(?:本年度?|\d{4}年度?)?政府采购")


def procurement_is_none(doc: Disclosure) -> bool:
    """The procurement section says there is none: total 0, an empty table and no total, or
    words (本部门2025年无政府采购预算) and no total."""
    pr = doc.procurement
    if pr.total is not None:
        return pr.total.yuan is not None and pr.total.yuan == 0
    if doc.section("procurement") is None:
        return False
    if _none_said(doc) is not None:
        return True
    return table_is_empty(pr.rows) if pr.rows else pr.table_span is not None


def _none_said(doc: Disclosure) -> Span | None:
    """The paragraph of the procurement section that says there is none (本部门2025年无政府采购预算), if any."""
    section = doc.section("procurement")
    if section is None:
        return None
    return next((p.span for p in doc.paragraphs if section.title.span.line <= p.span.line <= section.end_line
                 and _NO_PROCUREMENT_RE.search(p.text)), None)


def table_is_empty(rows: Sequence[Sequence[Text]]) -> bool:
    """Every row has nothing but its label (e.g. a 合计 row with blank cells)."""
    return all(not any(c.text.strip() for c in row[1:]) for row in rows)


def _purchase_evidence(p: Project, patterns: Sequence[re.Pattern[str]]) -> list[tuple[str, Span]]:
    """(keyword, span) where a project's name, use of funds, goal or a non-satisfaction
    indicator matches one of ``patterns`` (what it buys) — not in a text that speaks of
    subsidies (what others buy with them)."""
    found: list[tuple[str, Span]] = []
    texts: list[Text] = [t for t in (p.name, p.use_of_funds, p.goal) if t is not None]
    if p.name is None:
        texts.insert(0, p.heading)
    blobs = [(t.text, t.span) for t in texts]
    blobs += [
        (f"{ind.level3} {ind.description}", ind.span)
        for ind in p.indicators
        if "满意" not in ind.level1 and "满意" not in ind.level2
    ]
    for text, span in blobs:
        if _TRANSFER_RE.search(text):
            continue  # 对购置设备的企业给予补贴: the buying is the grantee's
        text = _UPKEEP_RE.sub("", text)  # 垃圾清运车辆燃油、维修费用: no vehicle bought, no works done
        match = next((m for pattern in patterns if (m := pattern.search(text))), None)
        if match:
            found.append((match.group(0), span))
    return found


def _buying_projects(
    doc: Disclosure, patterns: Sequence[re.Pattern[str]], floor: Decimal, unit: str | None
) -> list[tuple[Project, str, list[Span]]]:
    """Projects (of budget ``unit`` when given) of at least ``floor`` yuan that buy what
    ``patterns`` name, with the words that show it and where; money passed on (subsidies)
    or paid for past contracts is not."""
    listed: list[tuple[Project, str, list[Span]]] = []
    for p in doc.projects:
        if unit is not None and p.unit_code is not None and p.unit_code.text != unit:
            continue  # a unit's report lists its own projects only
        if p.budget is None or p.budget.yuan is None or p.budget.yuan < floor:
            continue
        if _passes_money_on(p):
            continue
        evidence = _purchase_evidence(p, patterns)
        if not evidence:
            continue
        keywords = list(dict.fromkeys(k for k, _ in evidence))
        spans = list(dict.fromkeys([p.heading.span, *(s for _, s in evidence[:3])]))
        listed.append((p, "、".join(f"“{k}”" for k in keywords[:3]), spans))
    return listed


def _listed_projects(listed: list[tuple[Project, str, list[Span]]]) -> str:
    return "；".join(
        f"{_project_label(p)}（预算{_budget(p)}，{kw}）" for p, kw, _ in listed
    )


def _stated_purpose(p: Project) -> str:
    """What a project's money is for, in its own words: heading, name, use of funds, goal."""
    return " ".join([p.heading.text, p.title, *(t.text for t in (p.use_of_funds, p.goal) if t is not None)])


def _passes_money_on(p: Project) -> bool:
    """The project pays subsidies or past contracts, by its stated purpose or by what its
    indicators measure (补贴发放覆盖率); a description that mentions 补贴 in passing does not
    make it so."""
    purpose = " ".join([_stated_purpose(p), *(i.level3 for i in p.indicators)])
    return bool(_TRANSFER_RE.search(purpose) or _SETTLEMENT_RE.search(purpose))


def _project_blob(p: Project) -> str:
    return " ".join([_stated_purpose(p), *(f"{i.level3} {i.description}" for i in p.indicators)])


@rule(
    code="CS001",
    name="consistency.procurement_vs_projects",
    category="consistency",
    severity="warning",
    compare=("应为", "政府采购预算"),
    message="文中政府采购预算{stated}，但以下项目安排资金购置货物或工程：{projects}；请核实政府采购预算是否漏列",
    params={"min_budget_yuan": 10000},
)
def procurement_vs_projects(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """说明"无政府采购"或政府采购预算为0，而项目绩效目标表显示要购置货物或工程。

    检查内容：
    政府采购预算为0（或采购表为空且未写金额）时，逐个项目检查名称、资金用途、绩效目标和产出指标中是否出现
    采购、购置、购买、设备、物资、工程、改造、维修等字样；预算数达到 min_budget_yuan 的项目列入一条发现。
    项目名称、资金用途、绩效目标或三级指标名称表明以补贴、奖补、补偿等方式转付给企业或个人的资金（由对方采购），
    以及支付质保金、尾款等以前年度合同款项，不计入；提到补贴、补偿的那句文字也不作为购置的依据，
    只在某条指标描述中顺带提到补贴、补偿的项目，按其余文字照常检查。

    审计意义：
    使用财政资金购买集中采购目录内或限额标准以上的货物、工程，应编制政府采购预算（政府采购法第六条、
    第三十三条）。采购预算为0而项目在购置设备、物资或实施工程，说明采购预算漏编，或采购未按规定执行。

    示例：
    "2023年，我单位安排政府采购预算0万元"，而"防护物资购置经费"167.06万元用于"购置防护服、口罩等一批防护物资"，
    "新建加乾方舱隔离点工程和加乾宿舍楼隔离点改造工程首批费用"960万元 → 报告，列出这些项目。

    参数：
    min_budget_yuan — 只列预算数不低于此值（元）的项目，默认10000元（零星小额购置不列）。

    常见误报：
    单位采购限额以下、不在集中采购目录内的零星购置可不编政府采购预算；项目由下级单位或企业实施采购时，
    采购预算应在实施单位。请按当地集中采购目录和限额标准复核所列项目。
    """
    if not procurement_is_none(doc):
        return
    floor = Decimal(str(ctx.params["min_budget_yuan"]))
    listed = _buying_projects(doc, (_GOODS_RE, _WORKS_RE), floor, ctx.unit_code)
    if not listed:
        return
    pr = doc.procurement
    said = _none_said(doc) if pr.total is None else None
    anchor = pr.total.span if pr.total is not None else said or pr.table_span
    spans = [anchor] if anchor is not None else []
    for _, _, project_spans in listed:
        spans.extend(project_spans)
    total = pr.total.yuan if pr.total is not None and pr.total.yuan is not None else Decimal(0)
    yield Hit(
        spans=spans,
        actual=total,
        projects=[p for p, _, _ in listed],
        fields={
            "stated": f"为{pr.total.value.raw}" if pr.total is not None
            else "写明没有（“" + said.text + "”）" if said is not None else "未列金额、采购表为空",
            "projects": _listed_projects(listed),
        },
    )


# ---------------------------------------------------------------------- CS002 / CS003


def _indicator_key(ind: Indicator) -> tuple[str, str]:
    return norm_text(ind.level3), norm_text(ind.value.raw)


def indicator_set(p: Project) -> frozenset[tuple[str, str]]:
    """A project's indicators as (三级指标, 指标值) pairs, normalised."""
    return frozenset(_indicator_key(i) for i in p.indicators if i.level3 or i.value.raw)


@rule(
    code="CS002",
    name="consistency.duplicate_project_names",
    category="consistency",
    severity="warning",
    message={
        "codes_differ": "项目名称“{name}”在{count}张绩效目标表中重复出现（{where}），项目编码不同（{codes}），"
        "预算分别为{budgets}{same_targets}；同名项目无法区分，应在名称中注明资金批次或用途，并核实是否重复列示",
        "same_code": "项目“{name}”（编码{codes}）在{count}张绩效目标表中重复列示（{where}），预算分别为{budgets}；"
        "同一项目列示两次，项目支出可能被重复计算",
        "no_code": "项目名称“{name}”在{count}张绩效目标表中重复出现（{where}），项目编码未填全，预算分别为{budgets}"
        "{same_targets}；无法判断是两笔资金还是同一项目重复列示，请核实",
    },
)
def duplicate_project_names(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """同一名称的项目出现在两张以上绩效目标表中。

    检查内容：
    项目名称（去掉空白、统一全半角和括号后）相同的绩效目标表归为一组。项目编码也相同的，是同一项目重复列示（错误）；
    编码不同的，是两笔资金用了同一个名称（警告），并注明两表的绩效指标是否完全相同。

    审计意义：
    项目名称是公众识别资金用途的唯一线索。同名同码意味着项目支出被重复计算；同名不同码时，读者无法区分两笔资金，
    且常见的是照抄上一张表后未修改名称和指标，需要核实两笔资金各自的用途和目标。

    示例：
    "关于下达2022年度冬季清洁取暖预算的通知冀财建[2022]279号"出现两次，编码分别为……0030F和……00313，预算409.50万元和
    136.50万元，两表指标完全相同 → 警告。

    参数：
    无。

    常见误报：
    同一资金文件分两次下达（如提前下达和正式下达）时，两笔资金可以同名；但公开时仍应在名称中注明区分。
    """
    groups: dict[str, list[Project]] = defaultdict(list)
    for p in doc.projects:
        key = norm_text(p.title)
        if key:
            groups[key].append(p)
    for key, projects in groups.items():
        if len(projects) < 2:
            continue
        codes = [p.code.text.strip() for p in projects if p.code is not None]
        same_code = len(codes) != len(set(codes))
        sets = {indicator_set(p) for p in projects}
        same_targets = "，两表绩效指标完全相同" if len(sets) == 1 and next(iter(sets)) else ""
        spans = [s for p in projects for s in _project_spans(p)]
        variant = "same_code" if same_code else "codes_differ" if len(codes) == len(projects) else "no_code"
        yield Hit(
            spans=spans,
            variant=variant,
            severity=Severity.ERROR if same_code else None,
            key=key,
            fields={
                "name": projects[0].title,
                "count": len(projects),
                "where": "、".join(f"第{p.heading.span.line}行" for p in projects),
                "codes": "、".join(dict.fromkeys(codes)) or "未填",
                "budgets": "、".join(_budget(p) for p in projects),
                "same_targets": same_targets,
            },
        )


@rule(
    code="CS003",
    name="consistency.duplicate_project_codes",
    category="consistency",
    severity="error",
    message="项目编码{code}出现在{count}张名称不同的绩效目标表中（{names}）；一个编码只能对应一个项目",
)
def duplicate_project_codes(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """同一项目编码对应两个以上不同名称的项目。

    检查内容：
    按项目编码分组；同一编码下名称（规范化后）不同的，报告。名称也相同的重复表由 CS002 报告。

    审计意义：
    项目编码是预算系统中项目的唯一标识；一个编码挂两个名称，要么编码抄错（资金对不上项目库），
    要么同一笔资金被拆成两个项目公开，都会使项目支出的核对失去依据。

    示例：
    "13102823P00280810066B 储备粮管理经费"与"13102823P00280810066B 储备粮轮换经费" → 报告。

    参数：
    无。

    常见误报：
    一个项目分列"本级支出"和"对下补助"两张表时可能共用编码，此时名称通常带有后缀，请核对。
    """
    groups: dict[str, list[Project]] = defaultdict(list)
    for p in doc.projects:
        if p.code is not None and p.code.text.strip():
            groups[norm_text(p.code.text)].append(p)
    for code, projects in groups.items():
        names = list(dict.fromkeys(norm_text(p.title) for p in projects))
        if len(projects) < 2 or len(names) < 2:
            continue
        yield Hit(
            spans=[s for p in projects for s in _project_spans(p)],
            key=code,
            fields={
                "code": projects[0].code.text if projects[0].code else code,
                "count": len(projects),
                "names": "、".join(_project_label(p) for p in projects),
            },
        )


# ---------------------------------------------------------------------- CS004


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


_GOAL_PREFIX_RE = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.、．]\s*")
_PUNCT_RE = re.compile(r"[，,。.；;：:、！!？?]")


def _goal_key(text: Text | None) -> str:
    if text is None:
        return ""
    return _PUNCT_RE.sub("", norm_text(_GOAL_PREFIX_RE.sub("", text.text)))


@rule(
    code="CS004",
    name="consistency.copied_targets",
    category="consistency",
    severity="warning",
    message="{count}个项目的绩效目标和指标几乎相同（指标重合度不低于{overlap}），但预算从{low}到{high}，最高是最低的{ratio}倍：{projects}；"
    "指标未按各自资金量设定",
    params={"min_jaccard": 0.8, "min_goal_similarity": 0.8, "min_budget_ratio": 10, "min_indicators": 3},
)
def copied_targets(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """预算相差悬殊的项目使用几乎相同的绩效目标和指标。

    检查内容：
    每个项目的指标取（三级指标, 指标值）集合；两个项目集合的 Jaccard 相似度不低于 min_jaccard，且绩效目标文字
    （去掉序号和标点）相似度不低于 min_goal_similarity 时视为"几乎相同"，相连的项目归为一组。组内最大预算与最小
    预算之比不低于 min_budget_ratio 时，每组报告一次。

    审计意义：
    绩效目标应与资金量相匹配（财预〔2021〕101号）。5万元和250万元的项目指标一模一样，说明指标是照抄的，
    至少其中一部分资金没有可考核的产出，绩效目标失去约束作用。

    示例：
    "冀财教【2021】174号"的五个子项目（办公费5.02万元、差旅费5万元、费用补贴250万元、委托业务费30万元、印刷费5万元）
    指标完全相同（完成规划数量≥5个……），预算相差约50倍 → 报告一次。

    参数：
    min_jaccard — 指标集合相似度下限（默认0.8）；min_goal_similarity — 绩效目标文字相似度下限（默认0.8）；
    min_budget_ratio — 报告所需的最大/最小预算倍数（默认10）；min_indicators — 参与比较的项目至少要有的指标数（默认3）。

    常见误报：
    同一资金文件拆成若干经济分类子项公开时，子项共用上级文件的整体目标是常见做法；即便如此，
    各子项也应有与自身金额相称的产出和成本指标。
    """
    min_j = float(ctx.params["min_jaccard"])
    min_goal = float(ctx.params["min_goal_similarity"])
    min_ratio = Decimal(str(ctx.params["min_budget_ratio"]))
    min_n = int(ctx.params["min_indicators"])
    candidates = [p for p in doc.projects if len(p.indicators) >= min_n and p.budget is not None and p.budget.yuan]
    sets = [indicator_set(p) for p in candidates]
    goals = [_goal_key(p.goal) for p in candidates]
    parent = list(range(len(candidates)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(candidates)):
        for j in range(i + 1, len(candidates)):
            if jaccard(sets[i], sets[j]) < min_j:
                continue
            if goals[i] and goals[j] and SequenceMatcher(None, goals[i], goals[j]).ratio() < min_goal:
                continue
            parent[find(j)] = find(i)
    groups: dict[int, list[Project]] = defaultdict(list)
    for i, p in enumerate(candidates):
        groups[find(i)].append(p)
    for projects in groups.values():
        if len(projects) < 2:
            continue
        budgets = {p.budget.yuan: p for p in projects if p.budget is not None and p.budget.yuan}
        low, high = min(budgets), max(budgets)
        if low <= 0 or high / low < min_ratio:
            continue
        ratio = (high / low).quantize(Decimal("0.1"))
        yield Hit(
            spans=[s for p in projects for s in _project_spans(p)],
            key="|".join(norm_text(p.title) for p in projects),
            fields={
                "count": len(projects),
                "overlap": f"{min_j:g}",
                "low": _budget(budgets[low]),
                "high": _budget(budgets[high]),
                "ratio": f"{ratio.normalize():f}",  # 50.0 → 50, 12.3 stays
                "projects": "、".join(
                    f"{_project_label(p)}（{_budget(p)}）" for p in projects
                ),
            },
        )


# ---------------------------------------------------------------------- CS005

_YEAR_RE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?:\s*年?\s*[-—–~～至到]\s*(?P<y2>(?:19|20)\d{2}))?\s*年"
)
_BASELINE_BEFORE_RE = re.compile(r"(?:较|比|截至|截止|自|从|于|对比|相较)\s*$")
_BASELINE_AFTER_RE = re.compile(
    r"^\s*(?:度)?\s*(?:同期|基础上|的基础|水平|相比|比较|持平|以来|基数|实际|决算|完成数|(?:末|底)(?!前))"
)
_DEADLINE_AFTER_RE = re.compile(r"^\s*(?:度)?\s*(?:[末底]|\d{1,2}月(?:\d{1,2}日)?)?\s*(?:前|内|以前)")
_REPORT_AFTER_RE = re.compile(r"^[^。；;]{0,40}?(?:执行情况|完成情况|执行结果|决算|工作总结)")
#: A year that defines a class of things, no period of the target: 2000年前建成的老旧小区, 1960年以前出生.
_DEFINITION_AFTER_RE = re.compile(r"^\s*(?:以)?前(?:建成|竣工|修建|建造|投入使用|投用|出生|参加工作)")


_CN_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CN_YEAR_RE = re.compile(r"[〇零一二三四五六七八九]{4}(?=\s*年)")


def arabic_years(text: str) -> str:
    """``二〇二一年`` → ``2021年`` (same length, so offsets stay valid)."""
    return _CN_YEAR_RE.sub(lambda m: m.group(0).translate(_CN_YEAR_DIGITS), text)


def title_years(text: str) -> set[int]:
    """Every four-digit year written in a title, with or without 年 (文号【2021】 too)."""
    return {int(m) for m in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", arabic_years(to_halfwidth(text)))}


def stale_years(text: str, year: int, exempt: set[int]) -> list[int]:
    """Years before ``year`` that a target or goal text states as its own period.

    Not stale: years in ``exempt`` (the project's own name or code year); ranges reaching
    the budget year; baselines (较/比/与2022年…, 截至2022年底, 2022年同期…); and a
    report on the previous year's execution (《2022年…执行情况…》 in a 2023 budget).
    Years written in Chinese numerals (二〇二一年) count too.
    """
    norm = arabic_years(to_halfwidth(text))
    found: list[int] = []
    for match in _YEAR_RE.finditer(norm):
        y = int(match["y"])
        last = int(match["y2"]) if match["y2"] else y
        if last >= year or y in exempt:
            continue
        before = norm[max(0, match.start() - 4) : match.start()]
        after = norm[match.end() :]
        if _DEFINITION_AFTER_RE.match(after):
            continue
        deadline = bool(_DEADLINE_AFTER_RE.match(after))
        if not deadline and (_BASELINE_BEFORE_RE.search(before) or _BASELINE_AFTER_RE.match(after)):
            continue
        if y == year - 1 and _REPORT_AFTER_RE.match(after):
            continue
        found.append(y)
    return found


def _indicator_stale(ind: Indicator, year: int, exempt: set[int]) -> list[int]:
    found = stale_years(f"{ind.level3}；{ind.description}", year, exempt)
    value = ind.value
    if value.unit.startswith("年") and value.number is not None and value.number == value.number.to_integral():
        n = int(value.number)
        if 1990 <= n < year and n not in exempt:
            found.append(n)
    return found


def _fmt_years(years: Iterable[int]) -> str:
    return "、".join(f"{y}年" for y in sorted(set(years)))


@rule(
    code="CS005",
    name="consistency.stale_years",
    category="consistency",
    severity="warning",
    compare=("预算年度", "出现的年份"),
    message="{where}中出现早于预算年度（{year}年）的年份：{items}；可能沿用了以前年度的目标",
)
def stale_target_years(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """绩效目标和指标中出现早于预算年度的年份。

    检查内容：
    单位整体绩效目标（总体目标、分项目标、整体绩效指标）和各项目的绩效目标、绩效指标（三级指标、指标描述、
    以年为单位的指标值）中，找出早于预算年度的"XXXX年"。以下不算：项目自身名称（含文号）中出现的年份和
    项目编码年份（结转资金）；跨到预算年度的区间（2021-2025年）；作为比较基数的年份（较2022年增长、截至2022年底、
    2022年同期）；界定对象的年份（2000年前建成的老旧小区）；预算年度上一年的执行情况报告（2023年预算中"《2022年……计划执行情况与2023年……计划》"）。
    每个单位整体目标、每个项目各报告一次，列出涉及的年份和行。

    审计意义：
    预算年度的绩效目标应针对预算年度。2023年预算中写"2022年入企调研数量"或"《2021年……执行情况与2022年……计划》"，
    说明指标是从往年文本照搬的，目标值是否针对本年度无法判断。

    示例：
    2023年预算的单位整体绩效指标"起草《2021年国民经济和社会发展计划执行情况与2022年国民经济和社会发展计划（草案）的报告》"
    → 报告2021年、2022年。

    参数：
    无（预算年度取自文件标题）。

    常见误报：
    项目是以前年度资金结转且名称未写年份时，目标中的以前年份可能是合理的；按项目编码年份豁免，编码缺失时请人工判断。
    """
    year = ctx.year
    if year is None:
        return
    goals = doc.unit_goals
    items: list[tuple[Span, list[int]]] = []
    for text in [*goals.overall, *goals.items]:
        ys = stale_years(text.text, year, set())
        if ys:
            items.append((text.span, ys))
    for ind in goals.indicators:
        ys = _indicator_stale(ind, year, set())
        if ys:
            items.append((ind.span, ys))
    if items:
        yield _stale_hit("单位整体绩效目标", year, items, None)
    for p in doc.projects:
        exempt = title_years(p.heading.text) | (title_years(p.name.text) if p.name else set())
        if p.code_year is not None:
            exempt.add(p.code_year)
        items = []
        in_goal = p.goal is not None and bool(stale_years(p.goal.text, year, exempt))
        if in_goal:
            assert p.goal is not None
            items.append((p.goal.span, stale_years(p.goal.text, year, exempt)))
        for ind in p.indicators:
            ys = _indicator_stale(ind, year, exempt)
            if ys:
                items.append((ind.span, ys))
        if items:
            # where the years stand: 绩效目标, 绩效指标 (a value such as ≤2024年11月), or both
            what = "绩效目标" if len(items) == in_goal else "绩效目标和指标" if in_goal else "绩效指标"
            yield _stale_hit(f"{p.called}的{what}", year, items, p)


def _stale_hit(where: str, year: int, items: list[tuple[Span, list[int]]], project: Project | None) -> Hit:
    listed = "；".join(
        f"{_fmt_years(ys)}（{line_range(s.line, s.end_line)}）" for s, ys in items
    )
    return Hit(
        spans=[s for s, _ in items],
        expected=f"{year}年",
        actual=_fmt_years(y for _, ys in items for y in ys),
        project=project,
        fields={"_money": False, "where": where, "year": year, "items": listed},
    )


# ---------------------------------------------------------------------- CS006 / CS007

_MARK_RE = re.compile(r"[（(]\s*(?P<num>[一二三四五六七八九十百零〇两]+)\s*[）)]")
_SENTENCE_END = "。；;！!？?"
_NOT_BEFORE_INLINE = "第条款项节章见按依"


@dataclass(frozen=True)
class Item:
    """A list item: its number (``None`` for text before the first marker) and text."""

    number: int | None
    text: str
    para: Paragraph
    index: int  # position of the paragraph in doc.paragraphs


def split_items(para: Paragraph, index: int) -> list[Item]:
    """A paragraph cut at its （一）-style markers: one at the start, or inline after a
    sentence end (or after any text when the paragraph itself starts a list item)."""
    text = para.text.strip()
    cuts: list[tuple[int, int, int]] = []  # (start, end, number)
    for match in _MARK_RE.finditer(text):
        number = cn_number(match["num"])
        if number is None or number == 0:
            continue
        pos = match.start()
        if pos == 0:
            cuts.append((pos, match.end(), number))
            continue
        before = text[pos - 1]
        after = text[match.end() : match.end() + 1]
        if not after or after in _SENTENCE_END + "，,、）)" or after in "款项":
            continue
        if before in _SENTENCE_END or (cuts and cuts[0][0] == 0 and before not in _NOT_BEFORE_INLINE and not before.isdigit()):
            cuts.append((pos, match.end(), number))
    if not cuts:
        return [Item(None, text, para, index)]
    items: list[Item] = []
    if cuts[0][0] > 0:
        items.append(Item(None, text[: cuts[0][0]], para, index))
    for k, (_, end, number) in enumerate(cuts):
        stop = cuts[k + 1][0] if k + 1 < len(cuts) else len(text)
        items.append(Item(number, text[end:stop], para, index))
    return items


_PARA_NORM_RE = re.compile(r"[\s，,。.；;：:、！!？?“”\"'（）()]")


def _item_key(item: Item) -> str:
    return _PARA_NORM_RE.sub("", to_halfwidth(item.text))


def _is_project_heading(text: str) -> bool:
    return project_heading(text) is not None or bool(re.search(r"绩效目标表\s*$", text))


def _in_project(projects: list[tuple[int, int]], para: Paragraph) -> bool:
    """Whether a paragraph stands in a project's table (``projects``: its first and last lines, sorted): a line of a
    project written as a list of its fields (1.项目编码：… / 数量指标：补助社区工作者人数=62人), read as a table's row."""
    at = bisect_right(projects, (para.span.line, float("inf"))) - 1
    return at >= 0 and para.span.end_line <= projects[at][1]


@rule(
    code="CS006",
    name="consistency.repeated_paragraphs",
    category="consistency",
    severity="warning",
    message="第{lines}的{count}段（条）文字与第{orig}重复{scope}",
    params={"min_chars": 20},
)
def repeated_paragraphs(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """同一段文字在文件中重复出现。

    检查内容：
    把每个段落按（一）（二）……编号切成条目，去掉编号、空白和标点后比较；与前文某条完全相同的条目为重复。
    连续的重复条目合为一段，合计不少于 min_chars 个字时报告一次，给出重复处和原文处的行号。
    重复发生在同一章节内为警告（多为粘贴重复）；跨章节（如"工作保障措施"照抄"职责"）为提示。
    项目绩效目标表的表题不参与比较（同名项目由 CS002 报告）；逐行写出各栏的项目（“1.项目编码：……”“数量指标：……”）
    与表格的行一样不参与比较。

    审计意义：
    同一章节中整段重复，说明编辑时粘贴了两次，往往还伴随条目缺失或编号错乱；跨章节照抄（如把三定职责当作
    保障措施），说明相应内容没有针对预算年度编写。

    示例：
    分项绩效目标"（八）按照县委、县政府关于搞活商贸流通……"至"（二十二）……"在第266—294行和第300—328行各出现一次 → 警告。

    参数：
    min_chars — 报告所需的最少重复字数（默认20，去掉标点后计）。

    常见误报：
    固定格式的套话（如"无"、"详见附表"）较短，不会达到字数下限；一个部门文件包含多个单位、各单位套用同一段
    说明（如综合预算制度的说明）时，重复是正常的；确需重复的长段落（如法规原文引用）请人工判断。
    """
    min_chars = int(ctx.params["min_chars"])
    items: list[Item] = []
    projects = sorted((p.heading.span.line, p.end_line) for p in doc.projects)
    for index, para in enumerate(doc.paragraphs):
        if _is_project_heading(para.text) or is_section_heading(para.text) or heads_a_part(para.text):
            continue  # a heading again in a table of contents is no copied paragraph
        if _in_project(projects, para):
            continue  # a project's table, its rows written as lines (满意度指标：辖区群众满意度≥90% in each), as its rows
        items.extend(split_items(para, index))
    keys = [_item_key(item) for item in items]
    seen: dict[str, list[int]] = {}  # each item's text → where it stands
    dup_of: list[int | None] = []
    for k, key in enumerate(keys):
        if not key:
            dup_of.append(None)
            continue
        dup_of.append(seen[key][0] if key in seen else None)
        seen.setdefault(key, []).append(k)
    runs: list[list[int]] = []
    tables = _Tables(doc)
    for k, orig in enumerate(dup_of):
        if orig is None:
            continue
        after = items[k - 1].para.span.end_line if k else 0
        between = tables.whole_between(after, items[k].para.span.line)
        if runs and runs[-1][-1] == k - 1 and not between:
            runs[-1].append(k)
        else:
            runs.append([k])  # not one passage with the one before when a table stands between (金额单位：元 each table)
    for run in runs:
        chars = sum(len(keys[k]) for k in run)
        if chars < min_chars:
            continue
        copies = [items[k].para for k in run]
        originals = [items[k].para for k in _originals(keys, run, dup_of, seen)]
        copy_spans = list(dict.fromkeys(p.span for p in copies))
        orig_spans = list(dict.fromkeys(p.span for p in originals))
        sections = {_section_of(doc, s.line) for s in copy_spans + orig_spans}
        same_section = len(sections) == 1
        yield Hit(
            spans=[*copy_spans, *orig_spans],
            severity=None if same_section else Severity.INFO,
            key="|".join(keys[k][:40] for k in run),
            fields={
                "lines": _span_range(copy_spans),
                "count": len(run),
                "orig": _span_range(orig_spans),
                "scope": "" if same_section else "（跨章节照抄）",
            },
        )


def _originals(keys: Sequence[str], run: Sequence[int], dup_of: Sequence[int | None],
               seen: Mapping[str, Sequence[int]]) -> list[int]:
    """The items a run of repeated items repeats: the earliest passage before it that holds them all in the same order
    (the two lines 135–136 that 152–153 repeat, not the first of each alone — 81 and 136 — as one range 81—136); else
    each item's first occurrence (``seen``: where each item's text stands)."""
    repeated = [keys[k] for k in run]
    for start in seen[repeated[0]]:
        if start + len(run) > run[0]:
            break
        if keys[start : start + len(run)] == repeated:
            return list(range(start, start + len(run)))
    return [orig for k in run if (orig := dup_of[k]) is not None]


def _span_range(spans: Sequence[Span]) -> str:
    lines = sorted({s.line for s in spans})
    if len(lines) == 1:
        return f"{lines[0]}行"
    return f"{lines[0]}—{lines[-1]}行"


_BOUNDARY_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十百零\d]+\s*[部分条章节]|\d+\s*[、.．](?!\d))"
)


def _is_boundary(text: str) -> bool:
    """A paragraph that closes any （一）-list before it: a heading of another level, a
    project table title, an introduction ending in a colon, or a short title line."""
    stripped = text.strip()
    bare = stripped.lstrip("*#【 ")  # **二、2025年单位预算安排情况** (Markdown bold)
    if _BOUNDARY_RE.match(bare) or _is_project_heading(stripped) or is_section_heading(stripped):
        return True  # is_section_heading: also 2.2025年… and **二、…** (Markdown bold)
    if stripped.endswith(("：", ":")):
        return True
    return len(stripped) <= 15 and not re.search(r"[。，,；;]", stripped) and not _MARK_RE.match(stripped)


class _Tables:
    """Where a document's tables stand, to ask what lies between two lines in logarithmic time (a document of
    thousands of paragraphs and tables took minutes asking each paragraph of each table)."""

    def __init__(self, doc: Disclosure) -> None:
        spans = sorted((t.line, t.end_line) for t in doc.tables)  # runs of rows: apart, so their ends sorted too
        self.starts = [first for first, _ in spans]
        self.ends = [last for _, last in spans]

    def starts_between(self, first: int, last: int) -> bool:
        """Whether a table starts after line ``first`` and before line ``last``."""
        return bisect_right(self.starts, first) < bisect_left(self.starts, last)

    def whole_between(self, after: int, before: int) -> bool:
        """Whether a whole table stands after line ``after`` and before line ``before``."""
        at = bisect_right(self.starts, after)
        return at < len(self.starts) and self.ends[at] < before


def numbered_lists(doc: Disclosure) -> list[list[Item]]:
    """The document's （一）（二）… lists: numbered items in order, split at boundaries
    and at tables. A numbered line directly above a table that does not continue the
    list is the table's caption and closes the list instead."""
    lists: list[list[Item]] = []
    current: list[Item] = []
    paragraphs = doc.paragraphs
    tables = _Tables(doc)

    def close() -> None:
        nonlocal current
        if current:
            lists.append(current)
        current = []

    for index, para in enumerate(paragraphs):
        if index > 0 and tables.starts_between(paragraphs[index - 1].span.line, para.span.line):
            close()
        items = split_items(para, index)
        numbered = [i for i in items if i.number is not None]
        starts_numbered = items[0].number is not None
        if not numbered:
            if _is_boundary(para.text):
                close()
            continue
        if not starts_numbered and _is_boundary(para.text):
            close()
        nxt = paragraphs[index + 1].span.line if index + 1 < len(paragraphs) else doc.source.line_count + 1
        caption = (
            starts_numbered
            and len(numbered) == 1
            and tables.starts_between(para.span.line, nxt)
            and current
            and current[-1].number is not None
            and numbered[0].number != current[-1].number + 1
        )
        if caption:
            close()
            continue
        current.extend(numbered)
    close()
    return lists


@dataclass(frozen=True)
class Break:
    prev: Item
    item: Item

    @property
    def kind(self) -> str:
        assert self.prev.number is not None and self.item.number is not None
        if self.item.number > self.prev.number + 1:
            return "跳号"
        if self.item.number == self.prev.number:
            return "重复"
        return "回退"


def _mark(n: int | None) -> str:
    return f"（{cn_numeral(n)}）" if n is not None else "（?）"


def _compress(numbers: Sequence[int]) -> str:
    ranges: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], n)
        else:
            ranges.append((n, n))
    return "、".join(_mark(a) if a == b else f"{_mark(a)}至{_mark(b)}" for a, b in ranges)


def _break_text(b: Break) -> str:
    """“第294行（二十二）后，第296行接（五）（回退）”; one line when both are on it."""
    before, after = b.prev.para.span.line, b.item.para.span.line
    if before == after:
        return f"第{after}行{_mark(b.prev.number)}后接{_mark(b.item.number)}（{b.kind}，同在一行）"
    return f"第{before}行{_mark(b.prev.number)}后，第{after}行接{_mark(b.item.number)}（{b.kind}）"


@rule(
    code="CS007",
    name="consistency.broken_numbering",
    category="consistency",
    severity="warning",
    message="第{first}行起的（一）（二）……编号不连续：{breaks}{repeats}",
)
def broken_numbering(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """（一）（二）……编号的列表中出现跳号、回退或重复编号。

    检查内容：
    按段落顺序收集（一）（二）……编号（段首的，以及句末之后紧接的新编号——一行里可能挤着几条），
    在标题（一、/第X部分/第X条/1.）、以冒号结尾的引导语、短标题行和表格处断开成若干列表。
    列表内每个编号应比前一个大1；跳号、回退到较小编号、同号重复都记为断点。每个列表只报告一次，
    列出断点所在行和重复出现的编号。紧挨表格、又不接续前面编号的编号行视为表题，不计入列表。

    审计意义：
    编号错乱通常是复制粘贴留下的痕迹：条目被删掉（跳号）、被粘贴了两次（回退、重复），
    公开的目标清单因此不完整或有重复，需要单位核对原稿。

    示例：
    分项绩效目标为（一）……（四）（八）……（二十二）（五）……：第266行（四）后接（八）（同在一行），
    第294行（二十二）后、第296行接（五），（八）至（二十二）重复出现 → 报告一次。

    参数：
    无。

    常见误报：
    条目中间夹有未编号的说明段、而后重新从（一）开始的子列表，若引导段不以冒号结尾可能被当作同一列表。
    """
    for items in numbered_lists(doc):
        breaks = [
            Break(prev, item)
            for prev, item in zip(items, items[1:], strict=False)
            if prev.number is not None and item.number is not None and item.number != prev.number + 1
        ]
        if not breaks:
            continue
        seen: set[int] = set()
        repeated: list[int] = []
        for item in items:
            if item.number in seen and item.number is not None:
                repeated.append(item.number)
            if item.number is not None:
                seen.add(item.number)
        spans = list(dict.fromkeys(s for b in breaks for s in (b.prev.para.span, b.item.para.span)))
        yield Hit(
            spans=spans,
            key=f"{items[0].para.span.text[:40]}",
            fields={
                "first": items[0].para.span.line,
                "breaks": "；".join(_break_text(b) for b in breaks),
                "repeats": f"；编号{_compress(repeated)}重复出现" if repeated else "",
            },
        )


# ---------------------------------------------------------------------- CS008


@rule(
    code="CS008",
    name="consistency.heading_vs_name",
    category="consistency",
    severity="warning",
    compare=("表题", "表内项目名称"),
    message="绩效目标表表题“{heading}”与表内项目名称“{name}”不一致",
)
def heading_vs_name(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """绩效目标表的表题与表内"项目名称"不一致。

    检查内容：
    "N.XXX绩效目标表"中的XXX与表内"项目名称"栏比较（去掉空白，统一全半角和括号）；两者互不包含时报告。

    审计意义：
    表题和项目名称不一致，多是复制上一张表后只改了一处：读者无法确定这张表的预算和指标属于哪个项目。

    示例：
    表题"7.购置电子门磁资金绩效目标表"，项目名称栏"防护物资购置经费" → 报告。

    参数：
    无。

    常见误报：
    表题使用简称（如省略文号）时，只要一方包含另一方就不报告；简称与全称用字不同时可能误报。
    """
    for p in doc.projects:
        if p.name is None:
            continue
        heading, name = norm_text(p.heading.text), norm_text(p.name.text)
        if (not heading or not name or heading in name or name in heading or _GROUP_TITLE_RE.match(p.heading.text)
                or generic_table_title(p.heading.text)):
            # a generic title (N.项目支出绩效目标表, 2024年项目支出绩效目标表 over the table) names no project to compare
            continue
        yield Hit(
            spans=[p.heading.span, p.name.span],
            expected=p.heading.text,
            actual=p.name.text,
            project=p,
            fields={"_money": False, "heading": p.heading.text, "name": p.name.text},
        )


# ---------------------------------------------------------------------- CS009

_FIXED_ASSET_RE = re.compile(r"设备|装备|仪器|车辆|计算机|电脑|家具|新建|扩建|建设工程|改造工程")
#: A statement beside the planned purchases that the works built form no asset of the unit's.
_NOT_OWN_ASSETS_RE = re.compile(r"不(?:形成|计入|构成)(?:本单位|本部门|我单位|我局)?的?(?:固定)?资产")


@rule(
    code="CS009",
    name="consistency.assets_vs_projects",
    category="consistency",
    severity="warning",
    compare=("应为", "拟购置固定资产"),
    message="文中本年拟购置固定资产{stated}，但以下项目安排资金购置设备或新建、改建工程：{projects}；请核实固定资产购置计划是否漏列",
    params={"min_budget_yuan": 10000},
)
def assets_vs_projects(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """说明本年拟购置固定资产为0，而项目绩效目标表显示要购置设备或新建、改建工程。

    检查内容：
    国有资产部分写明本年拟购置固定资产总额为0时，逐个项目检查名称、资金用途、绩效目标和产出指标中是否出现
    设备、装备、仪器、车辆、计算机、家具、新建、扩建、建设工程、改造工程等形成固定资产的字样；
    预算数达到 min_budget_yuan 的项目列入一条发现。补贴、补偿等转付资金和质保金、尾款不计入（同 CS001）。

    审计意义：
    新购设备、新建改建的房屋和构筑物形成固定资产，应列入资产购置计划并在完成后入账；
    计划为0而项目在购建资产，说明资产购置计划不实，或形成的资产可能未入账。

    示例：
    "本年度我单位拟购置固定资产总额为0万元"，而"新建加乾方舱隔离点工程和加乾宿舍楼隔离点改造工程首批费用"
    960万元用于新建和改造隔离点 → 警告。

    参数：
    min_budget_yuan — 只列预算数不低于此值（元）的项目，默认10000元。

    说明拟购置额的那段文字自己写明所建工程"不形成本单位固定资产"（建成后移交乡镇、村集体管护）的，不报。

    常见误报：
    单价低于固定资产标准的设备、代建后移交其他单位的工程、只支付以前年度工程款的项目不形成本单位本年的固定资产；
    请按资金用途复核所列项目。
    """
    planned = doc.assets.planned_purchase
    if planned is None or planned.yuan is None or planned.yuan != 0:
        return
    if _NOT_OWN_ASSETS_RE.search(planned.span.text):
        return  # …工程建成后移交乡镇、村集体管护，不形成本单位固定资产: the document has answered the question
    floor = Decimal(str(ctx.params["min_budget_yuan"]))
    listed = _buying_projects(doc, (_FIXED_ASSET_RE,), floor, ctx.unit_code)
    if not listed:
        return
    yield Hit(
        spans=[planned.span, *(s for _, _, project_spans in listed for s in project_spans)],
        actual=planned.yuan,
        projects=[p for p, _, _ in listed],
        fields={"stated": f"为{planned.value.raw}", "projects": _listed_projects(listed)},
    )


# ---------------------------------------------------------------------- CS010

_MAIN_USES_RE = re.compile(r"主要(?:为|用于|是|包括)[:：]?(?P<uses>[^。；;]+?)等?(?:支出|方面)?[。；;]")
_USE_TRAIL_RE = re.compile(r"(?:等|支出|项目|经费|资金|工作|方面)+$")
#: Between two uses: 、，, 以及, or 和/及 with at least three characters on each side
#: (so that 和谐, 普及 inside one use stay whole).
_USES_SPLIT_RE = re.compile(r"[、，,]|以及|(?<=[\u4e00-\u9fff]{3})[和及](?=[\u4e00-\u9fff]{3})")
_WINDOW = 4
"""Characters of a stated use that must appear together in a project table (名称、资金用途、
目标或指标) for the use to count as found: enough to tell 全民大招商 from 招商推荐会."""


def _use_found(use: str, blobs: Sequence[str]) -> bool:
    core = _USE_TRAIL_RE.sub("", norm_text(use))
    windows = {core[i : i + _WINDOW] for i in range(max(1, len(core) - _WINDOW + 1))}
    return any(w in blob for w in windows for blob in blobs)


@rule(
    code="CS010",
    name="consistency.stated_uses_vs_projects",
    category="consistency",
    severity="info",
    compare=("所述主要用途", "找不到对应项目的"),
    message="说明中项目支出“主要为{stated}”，但{missing}在{count}张项目绩效目标表中找不到对应项目；可能沿用了以前年度的说明，或相应项目表未公开",
)
def stated_uses_vs_projects(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """说明中写出的项目支出主要用途，应能在项目绩效目标表中找到对应项目。

    检查内容：
    项目支出那句话中"主要为/主要用于A、B、C等"列出的每一项，去掉"支出、项目、经费、资金"等字样后，
    取连续4个字，在各项目表的名称、资金用途、绩效目标和指标中查找；有找不到的，列出这些项报告一条（提示：
    按文字查找，概括性的用途可能对应名称不同的项目）。只读项目支出金额之后的"主要为"，不读基本支出的。
    文件没有项目绩效目标表时不检查（由完整性规则报告）。

    审计意义：
    "主要用于"是公众了解项目支出去向的概括；列出的用途在项目表中没有对应项目，
    要么说明文字照抄了以前年度，要么有项目未公开绩效目标表，都需要单位说明。

    示例：
    "项目支出4343.85万元……主要为全民大招商、中小企业发展支出、工业企业改造等"，
    项目表中有"省级中小企业发展专项资金"等，但没有任何招商项目 → 报告"全民大招商"。

    参数：
    无。

    常见误报：
    用途写得很概括（如"民生保障"），或项目表用文件名作项目名称而正文不提用途时，可能找不到对应文字；请对照项目表核实。
    """
    figure = doc.expenditure.project
    if figure is None or not doc.projects:
        return
    text = figure.span.text
    at = text.find(figure.value.raw)  # the uses that follow the 项目支出 figure, not the 基本支出 ones
    found = _MAIN_USES_RE.search(text, at if at >= 0 else 0)
    if found is None:
        return
    uses = [u.strip() for u in _USES_SPLIT_RE.split(found["uses"]) if len(norm_text(u)) >= 2]
    blobs = [norm_text(_project_blob(p)) for p in doc.projects]
    missing = [u for u in uses if not _use_found(u, blobs)]
    if missing:
        yield Hit(
            spans=[figure.span],
            expected="、".join(uses),
            actual="、".join(missing),
            key="、".join(missing),
            fields={
                "stated": found["uses"].strip(),
                "missing": "、".join(f"“{u}”" for u in missing),
                "count": len(doc.projects),
                "_money": False,
            },
        )


@rule(
    code="CS011",
    name="consistency.letters_in_figures",
    category="consistency",
    severity="warning",
    compare=("原文", "按数字读取"),
    message={
        "default": "第{line}行的数字“{written}”中有字母，疑为扫描识别（OCR）错误，已按“{read}”读取核对；请对照原件确认",
        "space": "第{line}行的数字“{written}”中间有空格，疑为转换或排版错误，已按“{read}”读取核对；请对照原件确认",
    },
)
def letters_in_figures(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """金额和百分比的数字中不应夹有字母或空格。

    检查内容：
    金额（万元、元、亿元）或百分比的数字中夹有形似数字的字母（l、I 当作 1，O、o 当作 0），或表格中带两位
    小数的数值夹有这些字母（如"l8.84万元""5728.O7万元""26l.41"）时，按数字读取后照常核对，并逐处报告，
    请对照原件确认。金额的数字中间不按千位分隔的空格（如"18 4.4万元""988. 56万元"）同样按一个数读取并报告；
    "5 728.07万元"这样按千位分隔的不算。

    审计意义：
    扫描件经文字识别（OCR）转成的文本常把1识别成l、把0识别成O，转换排版也会在数字中间留下空格；不加处理会把
    "l8.84万元"读成8.84万元、把"18 4.4万元"读成4.4万元，据此得出的勾稽结论是错的。按数字读取并标出，审计人员
    才能知道哪些数字需要对照原件。

    示例：
    "“三公”经费预算安排l8.84万元" → 按18.84万元核对，报告第229行"l8.84"。

    参数：
    无。

    常见误报：
    极少；英文缩写后紧跟金额（如"No.5万元"）不算。数量与金额之间只隔一个空格（如"共3 12万元"）时会被当作一个数，
    请对照原件。
    """
    for found in doc.source.misread:
        yield Hit(
            spans=[Span(found.line, found.line, found.text)],
            expected=found.written,
            actual=found.read,
            key=f"{found.line}:{found.written}",
            fields={"line": found.line, "written": found.written, "read": found.read, "_money": False},
            variant="space" if " " in found.written else "default",
        )


#: How CS012 names each form of :mod:`budget_audit.ingest.unread`.
_UNREAD_FORMS = {
    "currency": "带货币符号而无单位",
    "full_stop": "小数点写成句号",
    "numerals": "用大写数字书写",
}


@rule(
    code="CS012",
    name="consistency.unread_amounts",
    category="consistency",
    severity="warning",
    compare=("原文", "读取结果"),
    message="第{line}行的金额“{written}”{form}，未能读取，涉及该数的核对未执行；请对照原件核实并人工核对",
)
def unread_amounts(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """金额应写作"数字＋元/万元/亿元"，否则无法核对。

    检查内容：
    带货币符号而无单位（"￥1,844,000.00"）、小数点写成句号（"891。02万元"）或用大写数字书写
    （"伍仟柒佰贰拾捌万元"）的金额，逐处报告；与阿拉伯数字并列的大写金额（"……元（大写：……）"）不报告。

    审计意义：
    这些金额不按金额读取：写在收入合计处，合计就被当作"未写明"，与之相关的勾稽、变动核对都不执行。
    逐处列出，审计人员才知道哪些核对没有做，需要人工完成。

    示例：
    "2023年预算收入伍仟柒佰贰拾捌万元" → 报告第214行"伍仟柒佰贰拾捌万元"：用大写数字书写，未能读取。

    参数：
    无。

    常见误报：
    极少；句末的数字后紧接以数字开头、以万元结尾的下一句（如"共3。20万元用于…"）会被当作小数点写成句号
    （"附表1。50万元以上……"这类写法除外）。
    """
    for found in doc.source.unread:
        yield Hit(
            spans=[Span(found.line, found.line, found.text)],
            expected=found.written,
            actual="未读取",
            key=f"{found.line}:{found.written}",
            fields={"line": found.line, "written": found.written, "form": _UNREAD_FORMS[found.kind], "_money": False},
        )
