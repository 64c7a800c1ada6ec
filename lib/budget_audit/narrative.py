"""Chinese narrative for the report, built only from the model, the variance table and
the findings: every sentence carries the source lines (and findings) behind it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .amounts import fmt_amount, fmt_money, money_shown_in
from .checks import CATEGORIES, Finding, Severity, rule_title
from .checks.reconcile import carry_over_in_total
from .checks.variance import reasons_said
from .config import Settings
from .model import Disclosure, Figure, line_range
from .publisher import own_findings, publisher
from .variance import REASONS, SAID, project_totals, related_codes

#: What the auditor should ask the unit for, by rule category.
ASKS: dict[str, str] = {
    "reconcile": "请单位提供预算批复文件和收支预算总表，逐项核对并更正不能勾稽的数字",
    "completeness": "请单位补充公开缺失的内容，或书面说明未公开的理由",
    "indicator": "请单位修改绩效目标表，使指标具体、可衡量，并与预算金额相匹配",
    "consistency": "请单位核实文字表述与数字、表格是否一致，更正重复、过时或矛盾的内容",
    "variance": "请单位提供上年预算数及重大变动原因的书面说明",
}
#: … or, for the rules whose findings that would not fit, by rule.
RULE_ASKS: dict[str, str] = {
    "RC011": "请单位核对所述增减额、增减幅度和上年数，更正不能自洽的表述",
    "RC012": "请单位核对所述增减额、增减幅度和上年数，更正不能自洽的表述",
    "RC018": "请单位核对所述增减额、增减幅度和上年数，更正不能自洽的表述",
    "RC013": "请单位提供机构编制批复文件，核对各类编制之和与核定编制数",
    "IN010": "请单位修改资金支出进度计划，使其逐期累计、年末达到100%，并与时效指标一致",
    "IN011": "请单位修改资金支出进度计划，使其逐期累计、年末达到100%，并与时效指标一致",
    "IN012": "请单位修改资金支出进度计划，使其逐期累计、年末达到100%，并与时效指标一致",
    "IN016": "请单位核对时效指标写明的完成时间与资金支出进度计划，更正二者不一致之处",
    "IN004": "请单位核实超过100%的指标值及其统计口径，改为可考核的目标值",
    "VA003": "请单位对照上年公开的预算文件核实所述增减变化，更正与上年文件不符的数字",
}
MAX_LISTED = 12


@dataclass(frozen=True)
class Shared:
    """A unit published in another unit's document (:mod:`~budget_audit.publisher`): who
    published it, and which findings are the unit's own (in its project tables)."""

    publisher: str
    own: frozenset[str]

    def is_theirs(self, finding: Finding) -> bool:
        return finding.fingerprint not in self.own

    def who(self, findings: Sequence[Finding]) -> str:
        """Who is to correct ``findings``: 单位, the publisher, or both."""
        theirs = sum(1 for f in findings if self.is_theirs(f))
        return "单位" if not theirs else self.publisher if theirs == len(findings) else f"单位和{self.publisher}"
TRUNCATED_FILE_RULE = "CP010"  # completeness.truncated_file: the verdict names it first


@dataclass(frozen=True)
class Sentence:
    """One narrative sentence; ``lines`` are the source lines behind it, also quoted in ``text``."""

    text: str
    lines: tuple[int, ...] = ()
    fingerprints: tuple[str, ...] = ()


@dataclass
class NarrativeSection:
    title: str
    sentences: list[Sentence] = field(default_factory=list)


def _lines(*figures: Figure | None) -> tuple[int, ...]:
    return tuple(sorted({f.span.line for f in figures if f is not None}))


def where(lines: Iterable[int]) -> str:
    """“第12、40行”: where in the document a sentence's figures stand ("" for none)."""
    shown = sorted(set(lines))
    if not shown:
        return ""
    return "第" + "、".join(str(n) for n in shown[:6]) + ("等" if len(shown) > 6 else "") + "行"


def line_ref(lines: Iterable[int]) -> str:
    """“（第12、40行）”, or "" for no lines."""
    return aside(where(lines))


def aside(*parts: str) -> str:
    """“（a，b）” of the non-empty parts, or "" when all are empty."""
    shown = [part for part in parts if part]
    return f"（{'，'.join(shown)}）" if shown else ""


def _fig(f: Figure) -> str:
    """A figure for the narrative: in 万元 with two decimals, or as the document writes it
    when it is approximate (:func:`~budget_audit.amounts.fmt_amount`)."""
    return fmt_amount(f.value)


def verdict(doc: Disclosure, findings: list[Finding], unit_name: str = "", shared: Shared | None = None) -> NarrativeSection:
    section = NarrativeSection("总体结论")
    counts = {s.value: sum(1 for f in findings if f.severity == s.value) for s in Severity}
    subject = unit_name or (doc.issuer.text if doc.issuer else "该单位")
    year = f"{doc.year}年" if doc.year else ""
    title = aside(doc.title.text, where([doc.title.span.line])) if doc.title else ""
    section.sentences.append(
        Sentence(
            f"本次审核{subject}{year}预算公开文件{title}，共发现问题{len(findings)}条，"
            f"其中错误{counts['error']}条、警告{counts['warning']}条、提示{counts['info']}条。",
            _lines(doc.title) if doc.title else (),
        )
    )
    if shared is not None:
        theirs = [f for f in findings if shared.is_theirs(f)]
        section.sentences.append(Sentence(
            f"本单位的预算在{shared.publisher}的公开文件中一并公开，收支、“三公”经费等为文件的汇总数；"
            f"{len(findings) - len(theirs)}条问题在本单位的项目绩效目标表中，其余{len(theirs)}条在文件的其他部分，"
            f"应由{shared.publisher}更正（其审核报告中同样列出）。",
            _finding_lines(theirs), tuple(f.fingerprint for f in theirs)))
    who = shared.who if shared is not None else (lambda _: "单位")
    for cut in (f for f in findings if f.code == TRUNCATED_FILE_RULE):
        # first: every "missing" finding after the cut may be the copy's fault, not the unit's
        lines = evidence_lines(cut)
        section.sentences.append(Sentence(f"请先核对原件：{cut.message}{line_ref(lines)}。", lines, (cut.fingerprint,)))
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    if errors:
        lines = _finding_lines(errors)
        text = f"文件有{len(errors)}处错误{aside(_by_category(errors), where(lines))}，建议要求{who(errors)}更正后重新公开。"
        section.sentences.append(Sentence(text, lines, tuple(f.fingerprint for f in errors)))
    elif warnings:
        lines = _finding_lines(warnings)
        text = (f"未发现错误，但有{len(warnings)}处需要{who(warnings)}说明或完善的事项"
                f"{aside(_by_category(warnings), where(lines))}。")
        section.sentences.append(Sentence(text, lines, tuple(f.fingerprint for f in warnings)))
    else:
        section.sentences.append(Sentence("未发现需要单位更正或说明的问题。"))
    return section


def _by_category(findings: list[Finding]) -> str:
    """“勾稽核对3处、绩效指标质量1处”, in catalogue order."""
    counts = {c: sum(1 for f in findings if f.category == c) for c in CATEGORIES}
    return "、".join(f"{CATEGORIES[c]}{n}处" for c, n in counts.items() if n)


def evidence_lines(finding: Finding) -> tuple[int, ...]:
    """The first line of each piece of evidence: where a reader should look."""
    return tuple(sorted({e.line for e in finding.evidence}))


def evidence_where(finding: Finding) -> str:
    """Where a finding's evidence stands: “第215、218行” for single lines (:func:`where`), else each piece's lines
    in order, a row over several lines as its range — “第229行、第601—606行”."""
    pieces = sorted({(e.line, e.end_line): e.where for e in finding.evidence}.items())
    if all(first == last for (first, last), _ in pieces):
        return where(first for (first, _), _ in pieces)
    return "、".join(w for _, w in pieces[:6]) + ("等" if len(pieces) > 6 else "")


def _finding_lines(findings: Iterable[Finding]) -> tuple[int, ...]:
    return tuple(sorted({f.first_line for f in findings if f.lines}))


def _at_odds(text: str, lines: tuple[int, ...], names: Sequence[str], findings: Sequence[Finding]) -> str:
    """``text`` (a sentence of figures without its full stop), saying so when the checks found those figures at odds
    (:func:`~.variance.related_codes`): "“三公”经费18.84万元，其中…0.94万元" is no fact when they add up to 13.44."""
    related = related_codes(names, lines, findings)
    return f"{text}；这些数字之间或与文件其他数字不符（见规则{'、'.join(related)}）" if related else text


def overview(doc: Disclosure, unit_code: str | None = None, settings: Settings | None = None,
             findings: Sequence[Finding] = ()) -> NarrativeSection:
    """收支概况; a total that holds 上年结转 (:func:`~.checks.reconcile.carry_over_in_total`, under the
    unit's tolerances) is called 收入总计 and lists it among its parts, else 另有上年结转 follows it. A sentence
    whose figures ``findings`` hold at odds says so (:func:`_at_odds`)."""
    section = NarrativeSection("收支概况")
    inc, e = doc.income, doc.expenditure
    if inc.total is not None:
        holds_carry = carry_over_in_total(doc, (settings or Settings()).globals())
        listed = [*inc.parts, inc.carry_over] if holds_carry and inc.carry_over is not None else inc.parts
        parts = "、".join(f"{p.label}{_fig(p)}" for p in listed)
        text = f"收入{'总计' if holds_carry else '合计'}{_fig(inc.total)}" + (f"，其中{parts}" if parts else "")
        if inc.carry_over is not None and not holds_carry:
            text += f"；另有上年结转{_fig(inc.carry_over)}"
        lines = _lines(inc.total, *inc.parts, inc.carry_over)
        section.sentences.append(Sentence(f"{_at_odds(text + line_ref(lines), lines, ['收入'], findings)}。", lines))
    if e.total is not None:
        text = f"支出合计{_fig(e.total)}"
        if e.basic is not None:
            text += f"，其中基本支出{_fig(e.basic)}"
            inner = [f"{name}{_fig(f)}" for name, f in (("人员经费", e.personnel), ("公用经费", e.public)) if f is not None]
            if inner:
                text += f"（{'、'.join(inner)}）"
        if e.project is not None:
            text += f"，项目支出{_fig(e.project)}"
        lines = _lines(e.total, e.basic, e.personnel, e.public, e.project)
        section.sentences.append(Sentence(f"{_at_odds(text + line_ref(lines), lines, ['支出'], findings)}。", lines))
    projects = [p for p in doc.projects if unit_code is None or (p.unit_code and p.unit_code.text == unit_code)]
    if projects:
        totals = project_totals(projects, doc.year)
        # the document's other tables (of other units, or of no unit) are counted apart: CS010 counts them all
        whole = f"（文件共{len(doc.projects)}张）" if len(doc.projects) != totals.count else ""
        text = f"公开项目支出绩效目标表{totals.count}张{whole}，预算数合计{fmt_money(totals.budget)}"
        if totals.carried_over:
            text += f"，其中上年结转项目{totals.carried_over}个"
        first = min(p.heading.span.line for p in projects)
        last = max(max(p.end_line, p.heading.span.line) for p in projects)  # the last table's last line
        section.sentences.append(Sentence(f"{text}{aside(line_range(first, last))}。", (first, last)))
    sg = doc.sangong
    if sg.total is not None:
        parts = "、".join(f"{f.label}{_fig(f)}" for f in sg.parts())
        text = f"“三公”经费{_fig(sg.total)}" + (f"，其中{parts}" if parts else "")
        lines = _lines(sg.total, *sg.parts())
        section.sentences.append(Sentence(f"{_at_odds(text + line_ref(lines), lines, ['三公'], findings)}。", lines))
    if doc.running_costs.amount is not None:
        amount = doc.running_costs.amount
        lines = _lines(amount)
        section.sentences.append(Sentence(f"机关运行经费{_fig(amount)}{line_ref(lines)}。", lines))
    return section


def _about_row(row: Mapping[str, Any], findings: Sequence[Finding]) -> set[str]:
    """The codes of the findings among ``findings`` that report a row's change (VA001 lists it, VA002 misses its
    reason): theirs are the row's subject and the lines of its figures."""
    return {f.code for f in findings if f.code in ("VA001", "VA002") and f.message.startswith(f"{row['项目']}较上年")
            and set(row["行号"]) <= set(f.lines)}


def changes(
    yoy: Sequence[Mapping[str, Any]], findings: Sequence[Finding] = (), dismissed: Sequence[Finding] = ()
) -> NarrativeSection:
    """The material changes among the rows ``yoy`` of :func:`~.variance.yoy_rows`, each worded as its row
    says (:func:`~.variance.said`): the amount and rate to the cent and tenth of a percent — or, resting on a
    figure written as approximate, the amount as written (2000多万元) or the range it lies in, and the rate's
    range, not a value to the cent called 约. A missing reason cites VA002 only while that finding stands
    (among ``findings``); one dismissed on review (among ``dismissed``), as a change's VA001, says so."""
    section = NarrativeSection("重大变动")
    for row in yoy:
        if not row["重大变动"]:
            continue
        words = row[SAID]
        lines = tuple(row["行号"])
        note = row["约数"]
        standing, set_aside = _about_row(row, findings), _about_row(row, dismissed)
        text = f"{row['项目']}较上年{words['verb']}{words['amount']}{aside(words['rate'], where(lines))}，"
        text += f"{note}，" if note else ""
        found = row.get(REASONS)
        if found:
            text += f"{reasons_said(found, lines)}。"
            lines += tuple(said.span.line for _, said in found if said.span.line not in lines)
        elif "VA002" in standing:
            text += "未见针对本项的原因说明（见规则VA002）。"
        else:
            text += "文中未见针对本项的原因说明" + ("，该问题经复核已排除（规则VA002）。" if "VA002" in set_aside else "。")
        if "VA001" in set_aside:  # the hint listing the change, not the change, nor what other rules say of it
            text += "列示本项重大变动的提示已经复核排除（规则VA001）。"
        if related := row.get("相关问题"):
            text += f"本项数字与文件其他数字不符或有疑问（见规则{related}），上年数和变动额有待核实。"
        if (filed := row.get("上年文件")) is not None and filed != row["上年"]:
            text += f"上年公开文件中本项为{filed:,.2f}万元，与按所述变动推算的上年数{row['上年']:,.2f}万元不同。"
        section.sentences.append(Sentence(text, lines))
    if not yoy:
        section.sentences.append(Sentence("文件未写出与上年相比的增减变动，无从判断有无重大变动。"))
    elif not section.sentences:
        section.sentences.append(Sentence("文件所述同比变动均未达到重要性水平。"))
    return section


def problems(findings: list[Finding], shared: Shared | None = None) -> NarrativeSection:
    section = NarrativeSection("主要问题")
    serious = sorted(
        (f for f in findings if f.severity != "info"),
        key=lambda f: (Severity(f.severity).rank, f.first_line, f.code),
    )
    for f in serious[:MAX_LISTED]:
        label = Severity(f.severity).label
        project = f"，项目“{f.project_name}”" if f.project_name and f.project_name not in f.message else ""
        if shared is not None and shared.is_theirs(f):
            project += "，属文件的汇总部分"
        lines = evidence_lines(f)
        text = f"【{label}】{f.message}（规则{f.code}{project}）{aside(evidence_where(f))}。"
        section.sentences.append(Sentence(text, lines, (f.fingerprint,)))
    rest = len(serious) - MAX_LISTED
    infos = sum(1 for f in findings if f.severity == "info")
    if rest > 0:
        section.sentences.append(Sentence(f"另有错误或警告{rest}条，见问题清单。"))
    if infos:
        section.sentences.append(Sentence(f"另有提示{infos}条，见问题清单。"))
    if not findings:
        section.sentences.append(Sentence("未发现问题。"))
    return section


def asks(findings: list[Finding], shared: Shared | None = None) -> NarrativeSection:
    """One recommendation per category of the errors and warnings and what it asks for (:data:`ASKS`,
    :data:`RULE_ASKS`); for a unit published in another unit's document, the findings about the
    document's shared text make a recommendation of their own addressed to its publisher."""
    section = NarrativeSection("审计关注建议")
    grouped: dict[tuple[str, str, bool], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.severity != "info":
            ask = RULE_ASKS.get(f.code, ASKS[f.category])
            grouped[(f.category, ask, shared is not None and shared.is_theirs(f))].append(f)
    for category in CATEGORIES:
        for (of, ask, theirs), group in sorted(grouped.items(), key=lambda item: item[0][2]):
            if of != category:
                continue
            rules = "；".join(f"{rule_title(code)}（{code}）" for code in dict.fromkeys(f.code for f in group))
            lines = _finding_lines(group)
            if theirs and shared is not None:
                ask = ask.replace("请单位", f"请{shared.publisher}（文件编制单位）", 1)
            text = f"{CATEGORIES[category]}{line_ref(lines)}：{ask}。涉及：{rules}。"
            section.sentences.append(Sentence(text, lines, tuple(f.fingerprint for f in group)))
    if not section.sentences:
        section.sentences.append(Sentence("无需要单位补充说明的事项。"))
    return section


def build_narrative(
    doc: Disclosure,
    findings: list[Finding],
    yoy: Sequence[Mapping[str, Any]],
    unit_code: str | None = None,
    unit_name: str = "",
    settings: Settings | None = None,
    dismissed: Sequence[Finding] = (),
) -> list[NarrativeSection]:
    """The report's narrative, in reading order; ``findings`` those in force, ``dismissed`` those set aside on
    review (已排除); ``yoy`` the rows of :func:`~.variance.yoy_rows`; ``settings`` the unit's (default: the
    defaults)."""
    published_by = publisher(doc, unit_code, unit_name)
    shared = Shared(published_by, own_findings(findings, doc, unit_code)) if published_by else None
    with money_shown_in(doc.money_unit):
        return [
            verdict(doc, findings, unit_name, shared),
            overview(doc, unit_code, settings, findings),
            changes(yoy, findings, dismissed),
            problems(findings, shared),
            asks(findings, shared),
        ]


def narrative_text(sections: list[NarrativeSection]) -> str:
    """Plain text of the narrative (for tests and the terminal)."""
    out = []
    for section in sections:
        out.append(section.title)
        out += [s.text for s in section.sentences]
    return "\n".join(out)
