"""Completeness rules: what a budget disclosure must state.

Each rule looks for something that should be there — a section, a figure, a table, an
indicator class, a reason — and reports what is missing, pointing at the nearest
evidence (the neighbouring headings, the paragraph that should have said it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..amounts import fmt_amount, to_halfwidth
from ..model import Disclosure, Figure, Paragraph, Project, Section, Span
from ..parse import REQUIRED_FIELDS
from ..parse.figures import LAST_YEAR_WORDS
from ..parse.sections import SECTION_KEYS
from .base import Hit, RuleContext, Severity, quoted, rule
from .reconcile import PUBLISHED_APART
from .variance import is_material_change, left_out_fields, reasons


def _anchor(doc: Disclosure) -> Span:
    """Where a document-level finding points when nothing more specific exists."""
    if doc.title is not None:
        return doc.title.span
    if doc.issuer is not None:
        return doc.issuer.span
    if doc.paragraphs:
        return doc.paragraphs[0].span
    return Span(1, 1, "")


def section_paragraphs(doc: Disclosure, section: Section) -> list[Paragraph]:
    """Paragraphs under a section heading (the heading itself excluded)."""
    first = section.title.span.line
    return [p for p in doc.paragraphs if first < p.span.line <= section.end_line]


_NONE_RE = re.compile(
    r"未安排|没有安排|不涉及|无此项|为空|空表|无数据|"
    r"无(?!偿|线|形|法|缝|序|限)[^，。；,;]{0,10}(?:预算|经费|支出|采购|资产|事项|公开)"
)


def states_none(text: str) -> bool:
    """The text says explicitly that there is nothing to report (无/未安排/为空 …)."""
    return bool(_NONE_RE.search(text))


# ---------------------------------------------------------------------- CP001

#: Severity of a missing section: the figures auditors reconcile are errors; the other
#: parts the 操作规程 requires are warnings; template conventions are info.
SECTION_SEVERITY: dict[str, Severity] = {
    "overview": Severity.ERROR,
    "sangong": Severity.ERROR,
    "performance": Severity.ERROR,
    "duties": Severity.WARNING,
    "running_costs": Severity.WARNING,
    "procurement": Severity.WARNING,
    "assets": Severity.WARNING,
    "glossary": Severity.INFO,
    "other": Severity.INFO,
}


@rule(
    code="CP001",
    name="completeness.required_sections",
    category="completeness",
    severity="error",
    message="未找到“{section}”部分{where}",
)
def required_sections(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """预算公开说明应包含的各部分是否齐全。

    检查内容：
    按通常顺序逐一查找：单位职责及机构设置、预算安排总体情况（收支）、机关运行经费、"三公"经费、绩效预算信息、
    政府采购预算、国有资产信息、名词解释、其他需要说明的事项。每缺一部分报告一次，证据为其前后两个已有部分的标题。
    严重程度：收支总体情况、"三公"经费、绩效信息缺失为错误（预算法第十四条和财预〔2016〕143号明确要求公开，
    且是审计核对的主要数字）；职责机构、机关运行经费、政府采购、国有资产缺失为警告（操作规程要求说明，
    但可能并入其他部分）；名词解释、其他事项缺失为提示（模板惯例，非强制）。

    审计意义：
    公开内容不全，公众和人大无法了解预算全貌；缺少收支、"三公"或绩效信息属于公开不到位。

    示例：
    文件从"三、机关运行经费"直接跳到"五、绩效预算信息"，没有"三公"经费部分 → 错误。

    参数：
    无。

    常见误报：
    标题措辞特殊（如"部门预算收支情况"写成"预算概况"）时可能识别不到；部分内容并入其他章节
    （如机关运行经费写在总体情况中）时，请核对正文后忽略。"其他重要事项"一类总括部分下以（一）（二）……
    分列的各部分，在该部分编号比上一部分跳了不止一号、或与条目编号难以区分时，也可能识别不到。
    """
    missing = {m.split(":", 1)[1] for m in doc.missing if m.startswith("section:")}
    present = {s.key: s for s in doc.sections}
    order = list(SECTION_KEYS)
    for i, key in enumerate(order):
        if key not in missing:
            continue
        before = next((present[k] for k in reversed(order[:i]) if k in present), None)
        after = next((present[k] for k in order[i + 1 :] if k in present), None)
        spans = [s.title.span for s in (before, after) if s is not None] or [_anchor(doc)]
        if before is not None and after is not None:
            where = f"（应在“{before.title.text}”与“{after.title.text}”之间）"
        elif before is not None:
            where = f"（应在“{before.title.text}”之后）"
        elif after is not None:
            where = f"（应在“{after.title.text}”之前）"
        else:
            where = ""
        yield Hit(
            spans=spans,
            severity=SECTION_SEVERITY.get(key, Severity.WARNING),
            key=key,
            fields={"section": SECTION_KEYS[key][0], "where": where},
        )


# ---------------------------------------------------------------------- CP002

#: Which section must state each required figure.
FIELD_SECTION: dict[str, str] = {
    "income.total": "overview",
    "expenditure.total": "overview",
    "expenditure.basic": "overview",
    "expenditure.project": "overview",
    "running_costs.amount": "running_costs",
    "sangong.total": "sangong",
    "procurement.total": "procurement",
    "assets.total": "assets",
}


@rule(
    code="CP002",
    name="completeness.required_figures",
    category="completeness",
    severity="warning",
    message={
        "default": "“{section}”部分未写明{field}",
        "title": "未找到文件标题及预算年度（如“2023年单位预算信息公开情况说明”），预算年度无法确定",
    },
)
def required_figures(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """已有的章节中应写明的关键金额是否写明。

    检查内容：
    收入合计、支出合计、基本支出、项目支出、机关运行经费、"三公"经费合计、政府采购预算、固定资产总额，
    以及文件标题中的预算年度。所在章节存在、却找不到该金额时报告（章节缺失由 CP001 报告）；
    章节中明确写了"无/未安排/不涉及"的不报告。

    审计意义：
    这些金额是勾稽核对的起点；只有文字没有金额，公开就无法核对，也无法与上年比较。

    示例：
    "六、政府采购预算情况"下只写"详见下表"，没有写采购预算金额 → 警告。

    参数：
    无。

    常见误报：
    金额写在表格中而说明文字未提时，可能识别不到；请核对表格后忽略。
    """
    fields = [m.split(":", 1)[1] for m in doc.missing if m.startswith("field:")]
    for path in fields:
        label = REQUIRED_FIELDS.get(path, path)
        if path == "title":
            yield Hit(spans=[_anchor(doc)], key=path, variant="title")
            continue
        section = doc.section(FIELD_SECTION.get(path, ""))
        if section is None:
            continue
        paras = section_paragraphs(doc, section)
        if any(states_none(p.text) for p in paras):
            continue
        spans = [section.title.span, *(p.span for p in paras[:1])]
        yield Hit(
            spans=spans,
            key=path,
            fields={"section": section.title.text, "field": label},
        )


# ---------------------------------------------------------------------- CP003

LEVEL1_CLASSES = ("产出", "效益", "满意度")
OUTPUT_CLASSES = ("数量", "质量", "时效", "成本")


def missing_classes(project: Project) -> list[str]:
    """First-level classes and 产出 sub-classes that a project's indicators lack."""
    level1 = [i.level1 for i in project.indicators]
    missing = [f"{c}指标" for c in LEVEL1_CLASSES if not any(c in l1 for l1 in level1)]
    outputs = [i.level2 for i in project.indicators if "产出" in i.level1]
    if outputs:
        missing += [f"产出指标·{c}指标" for c in OUTPUT_CLASSES if not any(c in l2 for l2 in outputs)]
    return missing


@rule(
    code="CP003",
    name="completeness.indicator_classes",
    category="completeness",
    severity="warning",
    message="{where}的绩效指标缺少：{missing}",
)
def indicator_classes(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """项目绩效指标应覆盖产出、效益、满意度三类一级指标，产出指标应有数量、质量、时效、成本。

    检查内容：
    每个有指标的项目：一级指标是否都有产出、效益、满意度；产出指标的二级指标是否都有数量、质量、时效、成本。
    每个项目报告一次，列出缺少的类别。单位整体绩效指标只查三类一级指标（整体指标通常不设成本指标）。
    没有任何指标的项目由 CP007 报告。

    审计意义：
    财预〔2021〕101号要求绩效指标体系完整：缺少效益或满意度指标，就无法评价资金用得好不好；
    缺少成本指标，就无法判断花费是否合理。

    示例：
    某项目只有"产出指标—数量指标"和"满意度指标"两行 → 报告缺少效益指标和产出的质量、时效、成本指标。

    参数：
    无。

    常见误报：
    个别项目（如人员类、政策性补贴）按当地规定可不设某些二级指标；按当地指标框架判断。
    """
    goals = doc.unit_goals
    if goals.indicators:
        level1 = [i.level1 for i in goals.indicators]
        missing = [f"{c}指标" for c in LEVEL1_CLASSES if not any(c in l1 for l1 in level1)]
        if missing:
            yield Hit(
                spans=[i.span for i in goals.indicators],
                key="unit",
                fields={"where": "单位整体绩效目标", "missing": "、".join(missing)},
            )
    for p in doc.projects:
        if not p.indicators:
            continue
        missing = missing_classes(p)
        if missing:
            yield Hit(
                spans=[p.heading.span, *(i.span for i in p.indicators)],
                project=p,
                fields={"where": p.called, "missing": "、".join(missing)},
            )


# ---------------------------------------------------------------------- CP004


@rule(
    code="CP004",
    name="completeness.sangong_parts",
    category="completeness",
    severity="warning",
    compare=("应为", "“三公”经费合计"),
    message="“三公”经费合计 {total}，但未分别列明：{missing}",
)
def sangong_parts(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """"三公"经费应分别列明因公出国（境）费、公务用车购置及运维费（含购置、运维）、公务接待费。

    检查内容：
    "三公"经费合计不为0时，三项是否各有金额（为0也要写明"0万元"或"无/未安排……费"）；公务用车购置及
    运维费不为0时，是否分列购置费和运维费（分列了两项的，可不另写两项之和；"全部为运行维护费"也算分列）。缺少的项目合为一条报告。合计本身未写明由
    CP002 报告。

    审计意义：
    财政部要求"三公"经费按三项分别公开，公务用车还要分购置和运维；只公开合计，
    公众无法监督哪一项增加了，也无法核对合计。

    示例：
    "'三公'经费预算18.84万元，其中公务接待费0.94万元。"→ 报告未列因公出国（境）费、公务用车购置及运维费。

    参数：
    无。

    常见误报：
    三项在另一段或表格中列明时可能识别不到；"三公"经费为0的单位不要求分列。
    """
    sg = doc.sangong
    if sg.total is None or sg.total.yuan is None or sg.total.yuan == 0:
        return
    missing: list[str] = []
    if sg.overseas is None:
        missing.append("因公出国（境）费")
    if sg.vehicle is None and sg.vehicle_purchase is None and sg.vehicle_operation is None:
        missing.append("公务用车购置及运维费")
    else:
        vehicle_zero = sg.vehicle is not None and sg.vehicle.yuan == 0
        if not vehicle_zero:
            if sg.vehicle is None and (sg.vehicle_purchase is None or sg.vehicle_operation is None):
                missing.append("公务用车购置及运维费合计")  # not needed when both parts are given
            if sg.vehicle_purchase is None:
                missing.append("其中公务用车购置费")
            if sg.vehicle_operation is None:
                missing.append("其中公务用车运维费")
    if sg.reception is None:
        missing.append("公务接待费")
    if missing:
        yield Hit(
            spans=[sg.total.span, *(f.span for f in sg.parts())],
            actual=sg.total.yuan,
            fields={"total": fmt_amount(sg.total.value), "missing": "、".join(missing)},
        )


# ---------------------------------------------------------------------- CP005


@rule(
    code="CP005",
    name="completeness.change_reasons",
    category="completeness",
    severity="warning",
    message={
        "default": "{quoted}较上年{verb}{change}，未说明原因",
        "left_out": "{quoted}较上年{verb}{change}，未说明原因；变动原因（“{reason}”）讲的是{others}，没有说明本项",
    },
    params={"material_change_pct": 10.0, "material_change_wan": 10.0},
)
def change_reasons(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """说明中写出的每一项同比增减都应说明原因。

    检查内容：
    收支总体情况和"三公"经费中每一处"增加/减少X万元"：本项有"主要原因是/主要为/主要用于……"即可；
    写在括号内的子项（如"（其中：公务用车购置费减少18万元，运维费增加0.1万元）"）由其上级变动的原因覆盖；
    总数的变动后紧接"其中"分述各部分且各部分都有原因的，总数视为已说明。增减到0或从0增加同样需要原因
    （取消或新增一项支出正是最需要解释的变动）。达到重要性水平的变动由 VA002 报告，本规则只报告其余的，
    因此"三公"经费中金额虽小的变动也不会漏掉。另段写的变动原因每一条（或每一句）都点名了具体项目时，
    哪一条都没点名的同类项目不算有原因，报告并引出那段原因。收支总表各行的增（减）不是说明文字，其中文字未写的，
    只在达到重要性水平时由 VA002 要求说明原因。

    审计意义：
    《地方预决算公开操作规程》要求对预算增减变化情况作出说明；"三公"经费的每一项增减都应说明原因，
    不论金额大小。

    示例：
    "公务接待费1.02万元减少0.08万元。"（句中无原因）→ 报告。

    参数：
    material_change_pct、material_change_wan — 与 VA002 一致的重要性水平，达到的交由 VA002 报告。

    常见误报：
    原因写在另一段落或表格备注中时可能识别不到；原因只写"根据实际需要"一类套话的，本规则不判断其充分性。
    """
    current = doc.change_subjects()
    for changes in doc.change_groups():
        for change in changes:
            if change.direction == 0 or change.table or reasons(change, changes, current, ctx.params) is not None:
                continue  # a 收支总表 row's change is no sentence of the text: only a material one needs a reason (VA002)
            if is_material_change(change, current.get(change.subject), ctx.params):
                continue  # VA002 reports it
            sense = "增加" if change.direction > 0 else "减少"  # the key, as before, by the change's sense
            fields = {"subject": change.subject, "quoted": quoted(change.subject), "verb": change.written_verb,
                      "change": change.amount.value.raw}
            cause = change.left_out_of
            yield Hit(
                spans=[change.amount.span] + ([cause.span] if cause else []),
                key=f"{change.subject}{sense}{change.amount.value.raw}",
                variant="left_out" if cause else "default",
                fields=fields | (left_out_fields(change, changes) if cause else {}),
            )


# ---------------------------------------------------------------------- CP006

#: The nine standard budget tables (部门预算公开表) and how their titles are written.
STANDARD_TABLES: dict[str, str] = {
    "收支总表": r"(?<!拨款)收支(?:预算)?总表",
    "收入总表": r"收入(?:预算)?总表",
    "支出总表": r"(?<![收])支出(?:预算)?总表",
    "财政拨款收支总表": r"财政拨款收支(?:预算)?总表",
    "一般公共预算支出表": r"一般公共预算(?:财政拨款)?支出(?:预算)?表",
    "一般公共预算基本支出表": r"一般公共预算(?:财政拨款)?基本支出(?:预算)?表",
    "一般公共预算“三公”经费支出表": r"三公[”\"]?经费(?:支出)?(?:预算)?表",
    "政府性基金预算支出表": r"政府性基金(?:预算)?(?:财政拨款)?支出(?:预算)?表",
    "国有资本经营预算支出表": r"国有资本经营(?:预算)?(?:财政拨款)?支出(?:预算)?表",
}
_TABLE_REF_RE = re.compile(r"[\u4e00-\u9fff“”\"]{2,16}(?:总表|支出表|收入表|预算表)")
#: Words of the sentence caught in front of a table's name: 故政府性基金预算支出表, 其中一般公共预算支出表.
_REF_LEAD_RE = re.compile(r"^(?:故|其中|以及|和|及|与|即|另|并|所以|因此|因而)+")


def _title_like(text: str) -> bool:
    return len(text) <= 40 and not re.search(r"[。；;]", text)


#: A paragraph saying that (standard) tables are published apart: 以附件形式另行公开, 单独公开, 见附表.
_TABLES_APART_RE = re.compile(rf"{PUBLISHED_APART}|另附|附件|见附表")
#: Words right before a verb of publishing that deny it or put it off: 未另行公开, 不予另行公开, 未能, 无法, 是否, 暂未, 应当,
#: 不再, 无需, 没有, 不必, 并非 … (the one character before it, or 应当) — not 将: …（共9张）将另行公开 says they are.
_DENIED_BEFORE = r"(?<![未应拟待再不需须有要必非予能法否])(?<!应当)"
#: An apart word (:data:`_TABLES_APART_RE`) denied: 未以附件形式另行公开, 不予另行公开, 未于2023年2月10日另行公开,
#: 附件未随本文发布.
_APART_DENIED_RE = re.compile(rf"(?:[未应拟待再不需须有要必非予能法否]|应当)(?:以[^，,。；;]{{0,6}})?(?:{_TABLES_APART_RE.pattern})"
                              r"|(?:未|没有|不)(?:将|于|在)[^，,。；;]{0,30}?(?:另行|单独|一并)公开"
                              r"|附件[也均并尚暂]?(?:未|不|没有)")
#: … that says so of the budget tables as a whole, naming none: 部门预算公开表（共9张）详见附件, …（共9张）另行公开,
#: …一并公开, …（共9张）由主管部门县卫生健康局在部门预算中一并公开, 附件：…预算公开表.xlsx; with a date or a website
#: between (…（共9张）已在大厂回族自治县人民政府门户网站“预决算公开”专栏另行公开). The 附件 named ends its clause:
#: …详见附件1，附件2未随本文发布 is quoted to 附件1.
_ALL_TABLES_APART_RE = re.compile(r"(?<!绩效目标)(?<!预算)(?:预算)?公开(?:报)?表"
                                  r"(?:(?!绩效|目标表)[^。；;]){0,40}?(?:(?:详见|见|另附|附)[^。；;，,]{0,4}附件[0-9一二三四五六七八九十]*"
                                  # not 暂未另行公开, 应当…, 不再单独公开, 不另行公开, 不予, 未能, 无法, 是否, 无需 …
                                  rf"|{_DENIED_BEFORE}(?:另行|单独|一并|统一|集中)公开"
                                  # published by another body (由主管部门…公开), not 由于…, nor 由…不予公开 / 未 / 无需 …
                                  r"|由(?!于)(?:(?!不|未|无需|无法|没有|应当|拟|待)[^。；;]){0,30}?公开)"
                                  r"|附件[0-9一二三]*[:：][^。；;]*公开(?:报)?表")
#: Words naming a year before this one: 去年, 上年(度), 上一年, 往年, 以前年度, 历年, 前年.
#: Words of an earlier year (not 上年结转, 与上年一致/相比: this year's words naming last year's).
_EARLIER_YEAR_RE = re.compile(rf"(?<![与比较同])(?:{LAST_YEAR_WORDS})(?!度?(?:结转|结余|相比|一致|相同|同期))|往年|以前年度|历年|前年")
#: A year of a rule or a document cited (根据2016年财政部印发的《…》), not of the tables.
_CITED_YEAR_RE = re.compile(r"\d{4}\s*年[^，,。；;]{0,12}?(?:印发|发布|颁布|出台|修订|制定)|《[^》]*》")
#: Words saying this year's are as another year's (与2022年相同, 同往年一样, 按照上年度的做法): of this year's tables.
_SAME_AS_RE = re.compile(r"(?:与|和|同|跟|按照?|参照|沿用)[^，,。；;]{0,8}?(?:相同|一致|一样|相比|做法|惯例)")
#: Words of this year: 本年, 今年, 当年.
_THIS_YEAR_RE = re.compile(r"本年|今年|当年")
_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年(?!\s*\d{1,2}\s*月)")  # 2022年, 2022年度; not a date (2023年1月)


def _sentence_before(text: str, at: int) -> str:
    """The words of the sentence holding ``at`` before it."""
    return text[max(text.rfind(mark, 0, at) for mark in "。；;\n") + 1 : at]


def _of_another_year(words: str, year: int | None) -> bool:
    """Whether ``words`` speak of another year than ``year`` (the budget's): 2022年的…, 去年的…, 以前年度… — and not of
    this year too (2023年…与2022年一样, 与2022年相比，本年…), nor only of a rule's year (根据2016年…印发的《…》)."""
    words = _SAME_AS_RE.sub("", _CITED_YEAR_RE.sub("", words))
    years = {int(y) for y in _YEAR_RE.findall(words)}
    if year is not None and year in years or _THIS_YEAR_RE.search(words):
        return False
    return bool(_EARLIER_YEAR_RE.search(words)) or year is not None and bool(years)


def _apart_said(sentence: str, year: int | None) -> bool | None:
    """Whether ``sentence`` says tables are published apart (:data:`_TABLES_APART_RE`): True; False when it denies it (上述
    表格也未另行公开, 本年度均不予另行公开, 附件未随本文发布) or says so of another year (2022年的…已以附件形式另行公开);
    None when it speaks of no such thing."""
    said = list(_TABLES_APART_RE.finditer(sentence))
    if not said:
        return None
    return any(not _APART_DENIED_RE.search(sentence if found[0] == "附件" else _clause_of(sentence, found))
               and not _of_another_year(sentence[: found.start()], year) for found in said)


def _clause_of(sentence: str, found: re.Match[str]) -> str:
    """The clause of ``sentence`` holding ``found``: a denial binds to its own (…以附件形式另行公开，未另行公开的内容以本说明
    为准 denies nothing of the tables) — but one of the 附件 (附件未随本文发布) to every bare mention of it. Of ``found``
    running over a comma, the clause of its end, the verb's: 关于部门预算公开表是否另行公开的问题，按照…要求，以附件形式另行
    公开 answers the question it asks."""
    start = max(max(sentence.rfind(mark, 0, found.start()) for mark in "，,（()）"),
                max(sentence.rfind(mark, 0, found.end()) for mark in "，,")) + 1
    ends = [at for mark in "，,（()）" if (at := sentence.find(mark, found.end())) >= 0]
    return sentence[start:min(ends, default=len(sentence))]


def _without_denials(text: str, year: int | None) -> str:
    """``text`` without its sentences denying that tables are published apart or saying so of another year
    (:func:`_apart_said`); what it names there is not said to be published apart, nor referred to as published so."""
    if not _TABLES_APART_RE.search(text):
        return text  # most paragraphs: no word of it
    return "。".join(s for s in re.split(r"[。；;]", text) if _apart_said(to_halfwidth(s), year) is not False)


def _tables_said_apart(text: str, year: int | None) -> re.Match[str] | None:
    """Where ``text`` says the budget tables as a whole are published apart (:data:`_ALL_TABLES_APART_RE`) — of this
    year's (not 2022年预算公开表已另行公开, 去年的部门预算公开表…, 以前年度…), in a sentence denying it nowhere (…详见附件
    （附件未随本文发布））."""
    for found in _ALL_TABLES_APART_RE.finditer(text):
        before = _sentence_before(text, found.start())
        sentence = before + re.split(r"[。；;\n]", text[found.start() :], maxsplit=1)[0]
        local = _ALL_TABLES_APART_RE.search(sentence, len(before))
        if local is not None and not _of_another_year(before, year) and not _APART_DENIED_RE.search(
                _clause_of(sentence, local)) and not _attachment_denied(local[0], sentence[local.end():]) \
                and not (_PROMISED_RE.search(local[0]) and _NOT_YET_RE.search(sentence, local.end())):
            return found
    return None


#: Tables said to be published apart later (…（共9张）将另行公开, 拟…, 原定于2023年2月10日另行公开) …
_PROMISED_RE = re.compile(r"将|拟|原定|计划|预计")
#: … and not yet in the sentence after (，但截至本文发布时尚未公开; ，因故未能公开): not said to be published.
_NOT_YET_RE = re.compile(r"(?:尚|仍|还|暂|并)未(?:另行|单独)?公开|未能公开")


#: The attachment the tables are said to be in, at the end of the words: …详见附件, …详见附件1.
_ATTACHMENT_RE = re.compile(r"附件([0-9一二三四五六七八九十]*)$")


def _attachment_denied(words: str, after: str) -> bool:
    """Whether the sentence denies the attachment ``words`` say the tables are in, in a clause ``after`` them: …详见
    附件，附件未随本文发布 — not one of another attachment (…详见附件1，附件2未随本文发布)."""
    named = _ATTACHMENT_RE.search(words)
    return named is not None and re.search(
        rf"附件{named[1]}(?![0-9一二三四五六七八九十])[也均并尚暂]?(?:未|不|没有)", after) is not None


@rule(
    code="CP006",
    name="completeness.standard_tables",
    category="completeness",
    severity="warning",
    message={
        "referenced": "文件中没有标准预算公开表：{tables}；说明文字提到{refs}，表格可能作为单独文件公开，请核实是否齐全",
        "absent": "文件中没有标准预算公开表：{tables}；说明文字也未提及另行公开，请核实是否公开了这些表",
        "attached": "文件中没有标准预算公开表：{tables}；说明文字称预算公开表另行公开（“{words}”），请核对另行公开的表是否齐全",
    },
)
def standard_tables(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """部门预算公开的九张标准表是否在文件中（或说明另行公开）。

    检查内容：
    收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表、
    一般公共预算"三公"经费支出表、政府性基金预算支出表、国有资本经营预算支出表：以表题（短标题行或表格首行）
    出现的算作在文件中。缺少的每张表都在说明"另行公开/附件"的段落中点名的，不报告。其余缺少的合为一条报告：
    说明文字提到了这些表（如"收支预算总表支出栏、基本支出表……"）的，表格多半作为单独文件（xls/pdf）公开，
    为提示；说明文字称预算公开表作为附件或另行公开而未逐一点名的（如"部门预算公开表（共9张）详见附件"
    "…（共9张）另行公开""…（共9张）由主管部门在部门预算中一并公开"），也为提示（即使别处还点名了某张表，如"…支出表为空表"）；完全未提及的为警告。说的是不另行公开（"未另行公开""不予另行公开"
    "未能""无法单独公开""是否另行公开""附件未随本文发布"）或往年的表（"2022年的…已另行公开""去年的…"）的句子，不算提及另行公开，
    其中点名的表也不算提到。决算文件的表名不同，不在本规则范围内。

    审计意义：
    财预〔2016〕143号要求部门预算公开"九张表"，空表也要公开并说明；只有文字说明、没有表格，
    收支的功能分类和经济分类明细就无从核对。

    示例：
    样本只在说明中写"收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制"，
    文件中没有任何标准表 → 提示，请到同一公开页面核对附表。

    参数：
    无。

    常见误报：
    表格作为单独附件公开是常见做法；若已在公开页面找到附表，忽略本条。
    """
    if doc.kind == "决算":
        return
    titles = [t.text for t in doc.tables] + [p.text for p in doc.paragraphs if _title_like(p.text)]
    titles = [to_halfwidth(t) for t in titles]
    absent = [name for name, pattern in STANDARD_TABLES.items() if not any(re.search(pattern, t) for t in titles)]
    if not absent:
        return
    refs: list[str] = []
    ref_spans: list[Span] = []
    for para in doc.paragraphs:
        if _title_like(para.text):
            continue
        # not a sentence saying the tables named are not published apart (本单位未编制…，上述表格也未另行公开), or were last year
        text = _without_denials(para.text, doc.year)
        found = [_REF_LEAD_RE.sub("", m.group(0).strip("“”\"")) for m in _TABLE_REF_RE.finditer(text)]
        found = [f for f in found if re.search(r"收|支|预算", f)]
        if found:
            refs.extend(found)
            ref_spans.append(para.span)
    refs = list(dict.fromkeys(refs))
    elsewhere = [text for p in doc.paragraphs if _TABLES_APART_RE.search(p.text)
                 and _TABLES_APART_RE.search(text := _without_denials(to_halfwidth(p.text), doc.year))]
    if all(any(re.search(STANDARD_TABLES[name], text) for text in elsewhere) for name in absent):
        return  # 部门预算公开表（收支总表、…）以附件形式另行公开: each missing table is said to be published apart
    partial = len(absent) < len(STANDARD_TABLES)
    attached = next(((p, m) for p in doc.paragraphs if ("附" in p.text or "公开" in p.text)
                     and (m := _tables_said_apart(to_halfwidth(p.text), doc.year))), None)
    if attached:  # said of the tables as a whole, whatever other sentences name (…支出表为空表): the line to check
        para, words = attached  # 部门预算公开表（共9张）详见附件 / 另行公开: published apart, none named
        quoted = words[0] + "）" * (words[0].count("（") - words[0].count("）"))  # …公开表（共9张，另行公开）
        yield Hit(spans=[para.span], variant="attached", severity=Severity.INFO,
                  fields={"tables": "、".join(absent), "words": quoted})
    elif refs:
        yield Hit(
            spans=ref_spans,
            variant="referenced",
            severity=None if partial else Severity.INFO,
            fields={"tables": "、".join(absent), "refs": "、".join(f"“{r}”" for r in refs)},
        )
    else:
        yield Hit(spans=[_anchor(doc)], variant="absent", fields={"tables": "、".join(absent)})


# ---------------------------------------------------------------------- CP007


@rule(
    code="CP007",
    name="completeness.project_table_fields",
    category="completeness",
    severity="warning",
    message="项目绩效目标表“{project}”缺少：{missing}",
)
def project_table_fields(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """项目绩效目标表应有项目编码、预算数、绩效目标和绩效指标。

    检查内容：
    每张项目绩效目标表：项目编码、预算数、绩效目标文字、绩效指标行是否都有内容。每个项目报告一次，列出缺少的栏目。

    审计意义：
    编码是核对项目库和预算指标的钥匙；没有预算数无法核对项目支出合计；没有目标和指标，
    绩效目标表就失去了意义（预算法第三十二条要求参考绩效评价结果编制预算）。

    示例：
    某项目表"预算数"一栏空白 → 报告缺少预算数。

    参数：
    无。

    常见误报：
    表格被拆到两页、解析时没有接上，可能把后一页的内容当成缺失；请对照原文核对。
    """
    for p in doc.projects:
        missing = []
        if p.code is None or not p.code.text.strip():
            missing.append("项目编码")
        if p.budget is None or p.budget.yuan is None:
            missing.append("预算数")
        if p.goal is None or not p.goal.text.strip():
            missing.append("绩效目标")
        if not p.indicators:
            missing.append("绩效指标")
        if missing:
            yield Hit(spans=[p.heading.span], project=p, fields={"missing": "、".join(missing)})


# ---------------------------------------------------------------------- CP008


def _empty_rows(rows: Sequence[Sequence[object]]) -> bool:
    return bool(rows) and all(not any(getattr(c, "text", "").strip() for c in row[1:]) for row in rows)


def _pointer(paras: list[Paragraph]) -> str:
    """、“具体内容见下表” as the section says it, or "" when it says no such thing."""
    found = next((m.group(0) for p in paras for m in [re.search(r"[^，。；（(]*见下表", p.text)] if m), "")
    return f"、“{found}”" if found else ""


def _empty_table_variant(stated: Figure | None) -> str:
    """What the text says beside an empty table: nothing, 0, or an amount."""
    if stated is None or stated.yuan is None:
        return "silent"
    return "zero" if stated.yuan == 0 else "stated"


@rule(
    code="CP008",
    name="completeness.empty_table_note",
    category="completeness",
    severity="warning",
    message={
        "zero": "{table}为空表，文中只写{stated}{pointer}，未注明“无{subject}/本表为空”及原因",
        "silent": "{table}为空表，文中既未写金额，也未注明“无{subject}/本表为空”",
        "stated": "{table}为空表，而文中写{stated}：表中未列出文中所说的金额",
    },
)
def empty_table_note(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """公开的空表应注明"无……/本表为空"。

    检查内容：
    政府采购预算表只有表头和空白的合计行、没有任何金额时，本部分文字是否写明"无政府采购预算""本表为空"等。
    文中写了采购预算为0万元、但仍称"具体内容见下表"而不作说明的，为提示；既无金额也无说明的，为警告；
    文中写了不为0的金额、表却是空的，表与文字不符，为警告。国有资产表没有任何金额时同样处理。

    审计意义：
    财预〔2016〕143号要求空表也要公开，并说明为空的原因；只放一张空表，读者无法区分"没有"和"漏填"。

    示例：
    "2023年，我单位安排政府采购预算0万元。具体内容见下表。"下面是一张只有表头的空表 → 提示。

    参数：
    无。

    常见误报：
    说明写在表格下方的"注"中且措辞特殊（如"本年度未发生"）时可能识别不到。
    """
    pr = doc.procurement
    section = doc.section("procurement")
    if section is not None and pr.table_span is not None and _empty_rows(pr.rows):
        paras = section_paragraphs(doc, section)
        if not any(states_none(p.text) for p in paras):
            pointer = _pointer(paras)
            variant = _empty_table_variant(pr.total)
            first_row = pr.rows[0]
            row_span = Span(
                first_row[0].span.line,
                first_row[-1].span.end_line,
                " | ".join(c.text.strip() for c in first_row if c.text.strip()),
            )
            spans = [*(p.span for p in paras), row_span]
            yield Hit(
                spans=spans,
                variant=variant,
                severity=Severity.INFO if variant == "zero" else None,
                key="procurement",
                fields={
                    "table": "政府采购预算表",
                    "subject": "政府采购预算",
                    "stated": f"政府采购预算{pr.total.value.raw}" if pr.total is not None else "",
                    "pointer": pointer,
                },
            )
    a = doc.assets
    section = doc.section("assets")
    asset_tables = [t for t in doc.tables if section is not None and section.title.span.line < t.line <= section.end_line]
    if section is not None and asset_tables and a.table_total is None and not a.classes:
        paras = section_paragraphs(doc, section)
        if not any(states_none(p.text) for p in paras):
            variant = _empty_table_variant(a.total)
            yield Hit(
                spans=[*(p.span for p in paras), *asset_tables],
                variant=variant,
                severity=Severity.INFO if variant == "zero" else None,
                key="assets",
                fields={
                    "table": "固定资产表",
                    "subject": "固定资产",
                    "stated": f"固定资产{a.total.value.raw}" if a.total is not None else "",
                    "pointer": _pointer(paras),
                },
            )


# ---------------------------------------------------------------------- CP009


@rule(
    code="CP009",
    name="completeness.unit_in_project_tables",
    category="completeness",
    severity="warning",
    compare=("本单位代码", "项目表所列单位"),
    message="本单位代码 {unit} 不在项目绩效目标表所列的单位中（{units}），这些项目表及其问题均未纳入本单位的审核",
)
def unit_in_project_tables(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """审核的单位应是文件项目表所列的单位之一。

    检查内容：
    按单位审核时（单位参数文件中的 unit，或 check 的 --unit），若各项目绩效目标表都写明了所属单位代码，
    而本单位代码不在其中，报告一次，证据为每个所列单位第一次出现的行。

    审计意义：
    项目表和项目的问题按单位代码筛选；代码写错（如把 303001 写成 303010）或文件换错，
    本单位就一张项目表也没有，项目与绩效目标部分整体缺失，而报告看上去并无异常。

    示例：
    参数文件写 unit: "303010"，文件的项目表只列 303001、303004 → 警告，并列出这两个单位。

    参数：
    无。

    常见误报：
    部门汇总文件按部门代码审核时，项目表所列为下属单位代码，会报告此条；请改为逐个单位审核。
    """
    units = dict(doc.units())
    if not ctx.unit_code or not units or ctx.unit_code in units:
        return
    spans = [
        next(p.unit_code.span for p in doc.projects if p.unit_code is not None and p.unit_code.text == code)
        for code in units
    ]
    yield Hit(
        spans=spans,
        expected=ctx.unit_code,
        actual="、".join(units),
        whole_document=True,  # its evidence is the tables' unit codes, none of them ours
        fields={"unit": ctx.unit_code, "units": "、".join(f"{c} {n}".strip() for c, n in units.items())},
    )


# ---------------------------------------------------------------------- CP010

#: What a complete sentence or table cell may end with; a cut-off line usually does not.
SENTENCE_ENDS = "。！？!?；;：:…”’」』）)】]"


MIN_MISSING_TAIL = len(SECTION_KEYS) // 2 + 1
"""Parts expected after the last one present, all missing, that make a file ended at a line end look cut off:
more than half of all (a unit that leaves out its last few parts is CP001's; a file with only its first few is
more likely a download or copy cut short)."""


def sections_after_last(doc: Disclosure) -> list[str]:
    """Keys of the sections that would follow the last section present, none of which is."""
    present = {s.key for s in doc.sections}
    order = list(SECTION_KEYS)
    last = max((order.index(key) for key in present), default=-1)
    return [key for key in order[last + 1 :] if key not in present]


@rule(
    code="CP010",
    name="completeness.truncated_file",
    category="completeness",
    severity="error",
    message={
        "default": "文件在第{line}行的一个字符中间结束（末尾{cut}个字节不成字），文件不完整{consequence}",
        "no_end": "文件在第{line}行句子中途结束（末行无句末标点、文件末尾无换行），其后应有的{sections}部分均未出现，"
        "文件可能不完整{consequence}",
        "tail_missing": "文件到第{line}行为止，其后应有的{sections}共{count}个部分均未出现，文件可能不完整（下载中断、"
        "只复制或转换了前一部分）{consequence}",
        "in_table": "文件停在第{line}行项目“{project}”的绩效目标表中间（表中还没有绩效目标和指标），其后应有的{sections}"
        "部分均未出现，文件可能不完整{consequence}",
    },
)
def truncated_file(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """文件是否被截断（下载中断、转换出错）。

    检查内容：
    一是文件末尾有不成字的字节（一个汉字只剩前一两个字节），可以确定文件在中途被截断，报告为错误；
    二是文件末尾没有换行、最后一行没有句末标点（。！？；：、右引号或右括号），而且最后一个已有部分之后
    应有的各部分都未出现，文件很可能在中途截断，报告为警告；三是文件虽在行末结束，但最后一个已有部分之后
    应有的部分超过全部九个部分的一半（5个或更多）、且均未出现（文件只有前面几部分；一个部分都没有认出时不报），同样报告为警告；
    四是文件停在最后一张项目绩效目标表中间（此前各表都有绩效目标或指标，这张还没有），其后应有的部分未出现，同样报告为警告。
    证据为最后一行有文字的行。

    审计意义：
    截断的文件会让其后的各部分、各项目表"缺失"（CP001、CP002 等），看上去像单位未公开。
    应先取得完整的原件，再据以认定公开不完整，避免把下载或转换问题当成单位的问题。

    示例：
    文件停在"四、"三公"经费支出预算情况说明 2023年，我局财政拨款"三公"经费预算安排18.8"，
    其后没有绩效、政府采购、国有资产等部分 → 警告。

    参数：
    无。

    常见误报：
    原件本身以表格单元格结尾、末尾没有换行，且确实缺少最后几部分时，会报告第二种情形；单位确实只公开了前面几部分时，
    会报告第三种情形；核对原件后可排除。
    """
    last = doc.last_line
    if last is None:
        return
    missing = {m.split(":", 1)[1] for m in doc.missing if m.startswith("section:")}
    consequence = "；缺少的部分请先与原件核对，再认定未公开（CP001）" if missing else ""
    if doc.source.cut_bytes:
        yield Hit(
            spans=[last],
            whole_document=True,  # the last line may lie in a project table; the cut is the file's
            fields={"line": last.line, "cut": doc.source.cut_bytes, "consequence": consequence},
        )
        return
    after = sections_after_last(doc)
    if not after:
        return
    ended = doc.source.final_newline or last.text.rstrip().endswith(tuple(SENTENCE_ENDS))
    cut_table = _cut_project_table(doc)
    if ended and cut_table is None and (len(after) < MIN_MISSING_TAIL or not doc.sections):
        return  # with no part recognised at all, nothing says where the file stops short
    yield Hit(
        spans=[last],
        whole_document=True,
        severity=Severity.WARNING,
        variant="no_end" if not ended else "in_table" if cut_table is not None else "tail_missing",
        fields={
            "line": last.line,
            "sections": "、".join(SECTION_KEYS[key][0] for key in after),
            "count": len(after),
            "consequence": consequence,
            "project": cut_table.name.text if cut_table is not None and cut_table.name else "",
        },
    )


def _cut_project_table(doc: Disclosure) -> Project | None:
    """The last project table when the file ends in it before its goal and indicators, which the tables before it
    have (the rest of a table that a cut file lost), else None."""
    if len(doc.projects) < 2 or doc.last_line is None:
        return None
    project = doc.projects[-1]
    if project.end_line < doc.last_line.line or project.indicators or project.goal is not None:
        return None
    return project if any(p.indicators or p.goal is not None for p in doc.projects[:-1]) else None


# ---------------------------------------------------------------------- CP011

_MEASURE = r"(?:平方米|㎡|台|辆|套|件|亩)"
#: A measuring unit in parentheses, alone or with others: "（平方米）", "（台、辆）" — not "（含软件）".
_PHYSICAL_UNIT_RE = re.compile(rf"[（(]\s*{_MEASURE}(?:\s*[、/，,]\s*{_MEASURE})*\s*[）)]")
#: What a blank 数量 cell may hold instead of nothing.
_NO_QUANTITY = {"", "—", "——", "-", "--", "/", "／"}


@rule(
    code="CP011",
    name="completeness.asset_quantities",
    category="completeness",
    severity="warning",
    message="固定资产表中{rows}只填了价值，数量一栏空白",
)
def asset_quantities(doc: Disclosure, ctx: RuleContext) -> Iterator[Hit]:
    """固定资产表中按面积、台数计量的资产应填写数量。

    检查内容：
    固定资产占用情况表中项目名称注明计量单位（平方米、台、辆、套、件、亩）的行，价值大于0而"数量"一栏空白（或只有"—""/"）的，
    汇总为一条，列出各行及其价值。

    审计意义：
    房屋面积、办公用房面积和车辆台数是核对办公用房是否超标、公务用车是否超编的依据；
    只公开价值不公开数量，这两项最受关注的控制指标就无从核对。

    示例：
    "1、房屋（平方米）"数量空白、价值261.41万元；"2、车辆（台、辆）"数量空白、价值72万元 → 警告。

    参数：
    无。

    常见误报：
    表格数量与价值两栏被合并或错位时，可能把数量读成空白；请对照原表核对。
    """
    blank = [
        (fig, qty)
        for fig, qty in doc.assets.quantities
        if (
            _PHYSICAL_UNIT_RE.search(fig.label)
            and qty.text.strip() in _NO_QUANTITY
            and fig.yuan is not None
            and fig.yuan > 0
        )
    ]
    if blank:
        yield Hit(
            spans=[fig.span for fig, _ in blank],
            fields={"rows": "、".join(f"“{fig.label}”（{fmt_amount(fig.value)}，第{fig.span.line}行）" for fig, _ in blank)},
        )
