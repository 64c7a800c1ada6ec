"""Everything one unit's report shows, assembled once: the parsed document, findings,
variance tables, narrative — and the exports (findings.json/.csv/.xlsx).

The notebook stays thin: it calls :func:`build_unit_report` and displays the pieces.
HTML fragments escape every piece of document text.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__
from .assessment import Assessment, assess
from .assessment import draw_chart as _draw_assessed
from .atomic import write_bytes_atomic, write_text_atomic
from .checks import CATEGORIES, Finding, Severity, rule_title, selected_rules
from .checks.consistency import norm_text
from .config import UnitParams
from .model import Disclosure, Figure, Project
from .narrative import NarrativeSection, aside, build_narrative, evidence_where, line_ref
from .outputs import FINDINGS_CSV, FINDINGS_JSON, FINDINGS_XLSX
from .publisher import name_not_matching, publisher, same_unit
from .results import FINDING_COLUMNS, CheckResult, compared, finding_row, to_json
from .review import (
    DISMISSED,
    REVIEW_COLUMNS,
    STATUS_SLUGS,
    Decision,
    FindingDiff,
    ReviewedFinding,
    annotate,
    diff_with_previous,
    ledger_path,
    review_counts,
    review_row,
)
from .variance import compare_documents, headline, project_table, project_totals, yoy_frame
from .xlsx import excel_text, workbook_bytes


@dataclass
class UnitReport:
    assessment: Assessment
    yoy: pd.DataFrame
    projects: pd.DataFrame
    comparison: pd.DataFrame | None
    narrative: list[NarrativeSection]
    elapsed_s: float = 0.0
    reviewed: list[ReviewedFinding] = field(default_factory=list)  # findings + review status
    diff: FindingDiff | None = None  # against the previous run (when output_dir was given)
    ledger: Path | None = None  # the review ledger read (it may not exist yet)
    chart_dir: Path | None = None  # where run_unit draws the charts ahead (see prerender)

    @property
    def params(self) -> UnitParams:
        return self.assessment.params

    @property
    def doc(self) -> Disclosure:
        return self.assessment.doc

    @property
    def prior(self) -> Disclosure | None:
        return self.assessment.prior

    @property
    def result(self) -> CheckResult:
        return self.assessment.result

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings

    @property
    def unit_projects(self) -> list[Project]:
        return self.assessment.unit_doc.projects

    def findings_frame(self) -> pd.DataFrame:
        """Findings with Chinese headers and their current review state."""
        reviews = {r.fingerprint: r for r in self.reviewed}
        rows = [{**finding_row(f), **review_row(reviews.get(f.fingerprint))} for f in self.findings]
        return pd.DataFrame(rows, columns=[*FINDING_COLUMNS.values(), *REVIEW_COLUMNS])


def build_unit_report(
    params: UnitParams | str | Path,
    output_dir: str | Path | None = None,
    chart_dir: str | Path | None = None,
) -> UnitReport:
    """Parse, check and tabulate one unit (the notebook's single entry point).

    Each finding gets its current review status from the unit's ledger. With
    ``output_dir`` (where this run's exports go: run_unit's staging directory or the
    published unit directory) the findings are also compared with the previous
    successful run's findings.json — read here, before this run's exports replace it.
    ``chart_dir`` is where ``run_unit`` has a child process draw the charts ahead
    (:mod:`budget_audit.prerender`); :func:`chart` shows them from there.
    """
    started = time.perf_counter()
    assessment = assess(params)
    unit, doc, prior, result = assessment.params, assessment.doc, assessment.prior, assessment.result
    yoy = yoy_frame(assessment.yoy_rows)
    report = UnitReport(
        assessment=assessment,
        yoy=yoy,
        projects=project_table(assessment.unit_doc, prior),
        comparison=compare_documents(doc, prior) if prior else None,
        narrative=build_narrative(doc, assessment.active_findings, assessment.yoy_rows, unit.unit, unit.name,
                                  unit.settings, assessment.dismissed_findings),
    )
    report.ledger = ledger_path(unit)
    report.chart_dir = Path(chart_dir) if chart_dir is not None else None
    report.reviewed = annotate(result.findings, assessment.decisions)
    if output_dir is not None:
        report.diff = diff_with_previous(unit, output_dir, result.findings)
    report.elapsed_s = time.perf_counter() - started
    return report


@dataclass(frozen=True)
class ChartImage:
    """A chart already drawn to PNG; Jupyter displays it as the figure itself would be."""

    name: str
    png: bytes
    alt: str = "图"

    def _repr_png_(self) -> tuple[bytes, dict[str, str]]:
        return self.png, {"alt": self.alt}

    def __repr__(self) -> str:
        return f"<图 {self.name}>"


def draw_chart(report: UnitReport, name: str) -> Any:
    """Draw the report chart ``name`` (a key of ``charts.REPORT_CHARTS``) as a Figure."""
    return _draw_assessed(report.assessment, name)


def chart(report: UnitReport, name: str) -> Any:
    """The report chart ``name`` for ``display()``: drawn ahead when run_unit did so, else now."""
    if report.chart_dir is not None:
        from .assessment import inputs_key
        from .prerender import chart_alt, drawn_from, wait_png

        # drawn from the same inputs only: the document saved anew, or a decision recorded, between the two reads
        # gave a report whose charts showed the old figures (a reviewer's find)
        if drawn_from(report.chart_dir) == inputs_key(report.assessment):
            png = wait_png(report.chart_dir, name)
            if png is not None:
                return ChartImage(name, png, chart_alt(report.chart_dir, name))
    return draw_chart(report, name)


def _item(label: str, fig: Figure) -> str:
    """A table row's name; a figure written as approximate says so, since the table shows
    it to the cent (收入合计（文中为约5700万元）)."""
    return f"{label}（文中为{fig.value.raw}）" if fig.approx else label


def sangong_frame(report: UnitReport) -> pd.DataFrame:
    """The 三公 parts with their prior-year values where the text implies them (the first
    change stated of each, when the text states two), marked as the variance table marks
    them when they rest on a figure written as approximate (``约数``)."""
    sg = report.doc.sangong
    yoy = report.yoy.drop_duplicates("项目").set_index("项目") if not report.yoy.empty else None
    rows = []
    for fig in (sg.total, sg.overseas, sg.vehicle, sg.vehicle_purchase, sg.vehicle_operation, sg.reception):
        if fig is None:
            continue
        prior = yoy.loc[fig.label] if yoy is not None and fig.label in yoy.index else None
        rows.append(
            {
                "项目": _item(fig.label, fig),
                "本年": (fig.yuan / 10_000).quantize(Decimal("0.01")) if fig.yuan is not None else None,
                "上年": prior["上年"] if prior is not None else None,
                "变动额": prior["变动额"] if prior is not None else None,
                "约数": prior["约数"] if prior is not None else "",
                "原因": prior["原因"] if prior is not None else "",
                "相关问题": prior["相关问题"] if prior is not None else "",
                "行号": fig.span.line,
            }
        )
    return pd.DataFrame(rows, columns=["项目", "本年", "上年", "变动额", "约数", "原因", "相关问题", "行号"])


# ---------------------------------------------------------------- exports


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


#: Units of the exported tables' figures, named in their Excel headers.
_UNIT_HEADERS = {"本年": "本年（万元）", "上年": "上年（万元）", "上年文件": "上年文件（万元）", "变动额": "变动额（万元）", "变动率": "变动率（%）",
                 "本年预算": "本年预算（万元）", "上年预算": "上年预算（万元）", "所述变动": "所述变动（万元）",
                 "差异": "差异（万元）"}  # fmt: skip


def xlsx_bytes(report: UnitReport) -> bytes:
    """findings / variance / projects sheets with Chinese headers (units named), and the comparison with the
    prior-year document when one was given (what VA003 holds the stated changes against)."""
    sheets = [("findings", report.findings_frame()), ("variance", report.yoy), ("projects", report.projects)]
    if report.comparison is not None:
        sheets.append(("comparison", report.comparison))
    return workbook_bytes([(name, frame.map(_cell).rename(columns=_UNIT_HEADERS)) for name, frame in sheets])


def write_exports(report: UnitReport, output_dir: str | Path) -> list[Path]:
    """findings.json, findings.csv (UTF-8 with BOM for Excel; with review state) and
    findings.xlsx, atomically."""
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [
        write_text_atomic(out / FINDINGS_JSON, to_json(report.result)),
        write_text_atomic(out / FINDINGS_CSV, excel_text(report.findings_frame()).to_csv(index=False),
                          encoding="utf-8-sig"),
        write_bytes_atomic(out / FINDINGS_XLSX, xlsx_bytes(report)),
    ]
    return written


# ---------------------------------------------------------------- HTML fragments

e = html.escape


def _fmt(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if isinstance(value, bool):
        return "是" if value else ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}" if value.as_tuple().exponent == -2 else f"{value:,}"
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


LONG_TEXT = 30
"""A cell of more characters than this may break anywhere to fit (report.css's ``ba-long``): a 3000-character project
name pushed the figures beside it off the page; short cells — figures, line numbers, codes — never break."""


def cell_class(text: str, numeric: bool = False, css: str = "") -> str:
    """The class attribute of a table cell showing ``text`` (empty for none), with ``css`` classes of its own."""
    classes = " ".join(c for c in ("num" if numeric else "", css, "ba-long" if len(text) > LONG_TEXT else "") if c)
    return f' class="{classes}"' if classes else ""


def facts_rows(facts: Iterable[tuple[str, str]]) -> str:
    """The rows of a ``ba-facts`` table: a name, then its value — a long one (a path, a SHA-256) may break anywhere."""
    return "".join(f"<tr><th>{e(k)}</th><td{cell_class(v)}>{e(v)}</td></tr>" for k, v in facts)


def table_html(
    frame: pd.DataFrame, caption: str = "", numeric: Iterable[str] = (), footer: Mapping[str, Any] | None = None
) -> str:
    """A DataFrame as an escaped HTML table (no pandas styling, no scripts); ``footer`` a row of totals by column
    (shown in the page only, not part of the frame's data)."""
    numeric = set(numeric)

    def cell(column: str, value: Any) -> str:
        text = _fmt(value)
        return f"<td{cell_class(text, column in numeric)}>{e(text)}</td>"

    def row_html(value: Callable[[str], Any]) -> str:
        return "".join(cell(c, value(c)) for c in frame.columns)

    head = "".join(f"<th>{e(str(c))}</th>" for c in frame.columns)
    rows = [f"<tr>{row_html(row.__getitem__)}</tr>" for _, row in frame.iterrows()]
    cap = f"<caption>{e(caption)}</caption>" if caption else ""
    body = "".join(rows) or f'<tr><td colspan="{len(frame.columns)}">无</td></tr>'
    foot = f"<tfoot><tr>{row_html(lambda c: footer.get(c, ''))}</tr></tfoot>" if footer else ""
    return f'<table class="ba-table">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>'


def projects_html(report: UnitReport) -> str:
    """The unit's projects table with their count, carry-overs and budgets' sum below it — the figures the
    narrative's 收支概况 states of them."""
    totals = project_totals(report.unit_projects, report.doc.year)
    label = f"合计（{totals.count}个项目" + (f"，其中上年结转{totals.carried_over}个" if totals.carried_over else "") + "）"
    budget = (totals.budget / 10_000).quantize(Decimal("0.01")) if totals.budget is not None else None
    return table_html(report.projects, "项目支出绩效目标表（万元）", numeric=MONEY_COLUMNS,
                      footer={"项目名称": label, "本年预算": budget} if totals.count else None)


def headline_frame(doc: Disclosure) -> pd.DataFrame:
    rows = [
        {"项目": _item(label, f), "金额（万元）": (f.yuan / 10_000).quantize(Decimal("0.01")) if f.yuan is not None else None,
         "原文行号": f.span.line}
        for label, f in headline(doc).items()
        if f is not None
    ]
    return pd.DataFrame(rows, columns=["项目", "金额（万元）", "原文行号"])


def title_html(report: UnitReport) -> str:
    """The report's h1: unit name (from params or the document) and budget year, escaped."""
    name = report.params.name or report.params.unit
    year = report.doc.year or report.params.year
    return f"<h1>{e(name)} {e(str(year) + '年' if year else '')}预算公开审计报告</h1>"


def _unit_info(doc: Disclosure, unit_name: str) -> str:
    """The document's 单位基本情况 — or, when that is another unit's, that the document does not state this unit's
    (and whose it states: a supervisor took the publisher's for the unit's own)."""
    info = doc.unit
    text = " / ".join(t.text if t else "—" for t in (info.nature, info.level, info.funding_form))
    if info.name is None:
        return text
    if norm_text(unit_name) and not same_unit(info.name.text, unit_name):  # "廊坊市…局" is "…局"
        return f"文件未列明本单位的（文件所列为{info.name.text}的：{text}，第{info.name.span.line}行）"
    return text


def overview_html(report: UnitReport) -> str:
    doc, unit = report.doc, report.params
    reviewed = _reviewed(report)
    counts = Counter(r.finding.severity for r in reviewed if not r.dismissed)
    dismissed = sum(r.dismissed for r in reviewed)
    year = str(doc.year) if doc.year else "—"
    if unit.year is None and doc.year:  # no year in the params file: nothing held the document's against it
        year += "（参数文件未写 year，按公开文件所写年度审计，未核对文件是否为应审年度）"
    facts = [
        ("预算单位", f"{unit.unit} {unit.name}"),
        ("文件", doc.title.text if doc.title else "（未识别标题）"),
        ("发布部门", doc.issuer.text if doc.issuer else "—"),
        ("预算年度", year),
        ("单位性质 / 规格 / 经费形式", _unit_info(doc, unit.name)),
        ("项目绩效目标表", f"本单位 {len(report.unit_projects)} 张（文件共 {len(doc.projects)} 张）"),
        ("发现问题", f"错误 {counts['error']} 条，警告 {counts['warning']} 条，提示 {counts['info']} 条"
                     + (f"（另有经复核排除 {dismissed} 条）" if dismissed else "")),
        ("复核状态", "，".join(f"{k} {v} 条" for k, v in review_counts(reviewed).items())),
    ]
    if (mismatch := name_not_matching(doc, unit.unit, unit.name)) is not None:
        facts.append(("单位名称不符", mismatch))
    if len(doc.units()) > 1:
        by = publisher(doc, unit.unit, unit.name)
        facts.append(("说明", "该文件为部门汇总口径，收支、“三公”等数字为全部门数；项目表按本单位筛选"
                      + (f"，文件其他部分的问题由{by}更正。" if by else "。")))
    rows = facts_rows(facts)
    return f'<table class="ba-facts">{rows}</table>'


def narrative_html(sections: Sequence[NarrativeSection], only: Iterable[str] | None = None) -> str:
    wanted = set(only) if only else None
    parts = []
    for section in sections:
        if wanted is not None and section.title not in wanted:
            continue
        items = "".join(f"<li>{e(s.text)}</li>" for s in section.sentences)
        parts.append(f"<h3>{e(section.title)}</h3><ul class=\"ba-narrative\">{items}</ul>")
    return "".join(parts)


def _quote(finding: Finding, shown: int = 4) -> str:
    """The finding's evidence quoted, ``shown`` lines of it at most: those its message names (第32行) first — the
    line a figure is compared with is never the one left out — then in document order."""
    named = {int(n) for n in re.findall(r"第(\d+)", finding.message)}
    first = [ev for ev in finding.evidence if ev.line in named]
    chosen = set(map(id, [*first, *(ev for ev in finding.evidence if ev.line not in named)][:shown]))
    quotes = []
    for ev in [ev for ev in finding.evidence if id(ev) in chosen]:
        quotes.append(f'<div class="ba-quote"><span class="ba-line">{ev.where}</span>{e(ev.text[:400])}</div>')
    more = len(finding.evidence) - shown
    if more > 0:
        quotes.append(f'<div class="ba-more">另有 {more} 处原文，见问题清单导出文件。</div>')
    return "".join(quotes)


def _reviewed(report: UnitReport) -> list[ReviewedFinding]:
    return report.reviewed or annotate(report.findings, {})


def _when(decided_at: str) -> str:
    try:
        return datetime.fromisoformat(decided_at).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return decided_at


def review_html(r: ReviewedFinding) -> str:
    """A finding's review line: status, reviewer and date, comment."""
    if r.decided:
        who = f"（复核人：{e(r.reviewer)}，{e(_when(r.decided_at))}）"
    else:
        who = "（尚无复核记录）"
    comment = f'<div class="ba-review-comment">复核意见：{e(r.comment)}</div>' if r.comment else ""
    return (
        f'<div class="ba-review ba-status-{STATUS_SLUGS[r.status]}">复核状态：'
        f'<b class="ba-status">{e(r.status)}</b>{who}{comment}</div>'
    )


def finding_html(r: ReviewedFinding) -> str:
    """One finding: code, message, expected vs actual, project, review state, quoted lines."""
    f = r.finding
    figures = compared(f)
    figures = f'<div class="ba-compare">{e(figures)}</div>' if figures else ""
    project = f'<div class="ba-project">项目：{e(f.project_code or "")} {e(f.project_name or "")}</div>' if f.project_name else ""
    return (
        f'<div class="ba-finding ba-sev-{f.severity}" data-fingerprint="{e(f.fingerprint)}"><div class="ba-head"><b>{e(f.code)}</b> '
        f"{e(CATEGORIES[f.category])} · {e(rule_title(f.code))} {e(aside(evidence_where(f)))}"
        f' <span class="ba-fp">指纹 {e(f.fingerprint)}</span></div>'
        f'<div class="ba-msg">{e(f.message)}</div>{figures}{project}{review_html(r)}{_quote(f)}</div>'
    )


def findings_html(report: UnitReport) -> str:
    """Findings grouped by severity with their review state; dismissed ones (已排除) last."""
    reviewed = _reviewed(report)
    active = [r for r in reviewed if r.status != DISMISSED]
    out = []
    for severity in Severity:
        group = [r for r in active if r.finding.severity == severity.value]
        out.append(f'<h3 class="ba-sev-{severity.value}">{severity.label}（{len(group)}条）</h3>')
        out.extend(finding_html(r) for r in group)
        if not group:
            out.append("<p>无。</p>")
    dismissed = sorted(
        (r for r in reviewed if r.status == DISMISSED), key=lambda r: Severity(r.finding.severity).rank
    )
    out.append(f'<h3 class="ba-dismissed">经复核排除的问题（{len(dismissed)}条）</h3>')
    if dismissed:
        out.append("<p>以下问题经复核予以排除，理由见复核意见；仍列出备查。</p>")
        out.extend(finding_html(r) for r in dismissed)
    else:
        out.append("<p>无。</p>")
    return "".join(out)


def _diff_item(code: str, severity: str, message: str, lines: Iterable[int], status: str = "", note: str = "") -> str:
    label = Severity(severity).label if severity in {s.value for s in Severity} else severity
    tail = f" <span class=\"ba-status\">〔{e(status)}〕</span>" if status else ""
    tail += f' <span class="ba-note">{e(note)}</span>' if note else ""
    return f"<li><b>{e(code)}</b>［{e(label)}］{e(message)} {e(line_ref(lines))}{tail}</li>"


def _edited_note(finding: Finding, was: Mapping[tuple[str, str], Decision | None]) -> str:
    """What a new finding's note says when its words are those of one resolved (``was``: their decisions by code and
    message): its paragraph was edited, and the decision recorded on it is to be recorded again."""
    if (finding.code, finding.message) not in was:
        return ""
    decision = was[(finding.code, finding.message)]
    return "与“已解决”中的一条文字相同（所在段落有改动）" + (f"，原复核决定为{_decided(decision)}，请重新复核" if decision else "")


def _decided(decision: Decision | None) -> str:
    """A decision as the “与上次运行相比” lists name it: 已确认（张三）."""
    return f"{decision.status}（{decision.reviewer}）" if decision is not None else ""


def diff_html(report: UnitReport) -> str:
    """“与上次运行相比”: counts of new / resolved / persisting findings, and the lists."""
    out = ['<h3 class="ba-diff">与上次运行相比</h3>']
    diff = report.diff
    if diff is None:
        return "".join([*out, "<p>未与上次运行比较（生成报告时未提供输出目录）。</p>"])
    if diff.unreadable:
        return "".join([*out, f"<p>上次运行的问题清单无法读取（{html.escape(diff.unreadable)}），无法与上次比较；"
                              f"本次 {len(diff.new)} 条问题均按新发现列出。本次运行成功后该文件将被替换。</p>"])
    if not diff.baseline:
        return "".join([*out, f"<p>本单位没有上次成功运行的问题清单（首次运行），本次 {len(diff.new)} 条问题均为新发现。</p>"])
    counts = pd.DataFrame(
        [{"新增": len(diff.new), "已解决（本次不再出现）": len(diff.resolved), "持续存在": len(diff.persisting)}]
    )
    out.append(table_html(counts, "问题数量变化（按问题指纹比对）", numeric=counts.columns))
    status = {r.fingerprint: r.status for r in _reviewed(report)}
    decisions = report.assessment.decisions
    # a finding whose words are the same as one resolved: its evidence's text was edited (a figure in its paragraph)
    was = {(str(i.get("code", "")), str(i.get("message", ""))): decisions.get(str(i.get("fingerprint", "")))
           for i in diff.resolved}
    new = "".join(
        _diff_item(f.code, f.severity, f.message, (ev.line for ev in f.evidence), status.get(f.fingerprint, ""),
                   _edited_note(f, was))
        for f in diff.new
    )
    out.append(f"<h4>新增问题（{len(diff.new)}条）</h4>" + (f'<ul class="ba-diff-new">{new}</ul>' if new else "<p>无。</p>"))
    resolved = "".join(
        _diff_item(
            str(item.get("code", "")),
            str(item.get("severity", "")),
            str(item.get("message", "")),
            (int(ev["line"]) for ev in item.get("evidence") or [] if isinstance(ev, dict) and "line" in ev),
            note=f"原复核决定为{_decided(d)}，该决定不再对应任何问题"
            if (d := decisions.get(str(item.get("fingerprint", ""))))
            else "",
        )
        for item in diff.resolved
    )
    out.append(
        f"<h4>已解决的问题（{len(diff.resolved)}条，行号为上次运行时的行号）</h4>"
        + (f'<ul class="ba-diff-resolved">{resolved}</ul>' if resolved else "<p>无。</p>")
    )
    return "".join(out)


def appendix_html(report: UnitReport) -> str:
    unit = report.params
    digest = report.doc.source.sha256  # of the bytes that were parsed
    rules = selected_rules(unit.settings)
    facts = [
        ("参数文件", unit.path),
        ("公开文件", f"{unit.sources[0]}（SHA-256 {digest}，{report.doc.source.encoding}，{report.doc.source.line_count} 行）"),
        ("上年文件", f"{unit.prior_source}（SHA-256 {report.prior.source.sha256}）"
                     if unit.prior_source and report.prior is not None else unit.prior_source or "未提供"),
        ("容差", "，".join(f"{k}={v}" for k, v in sorted(unit.settings.tolerance.items()))),
        ("阈值", "，".join(f"{k}={v}" for k, v in sorted(unit.settings.thresholds.items()))),
        ("规则选择", f"select={list(unit.settings.select) or '全部'}，ignore={list(unit.settings.ignore) or '无'}"),
        ("程序版本", f"budget-audit {__version__}"),
        ("解析与检查用时", f"{report.elapsed_s * 1000:.0f} 毫秒"),
        ("复核记录库", str(report.ledger) if report.ledger and report.ledger.is_file() else "尚未建立（全部问题为待复核）"),
    ]
    rows = facts_rows(facts)
    catalogue = pd.DataFrame(
        [{"代码": r.code, "类别": CATEGORIES[r.category], "默认级别": r.severity.label, "说明": r.title} for r in rules]
    )
    return f'<table class="ba-facts">{rows}</table>' + table_html(catalogue, f"本次使用的检查规则（{len(rules)}条）")


MONEY_COLUMNS = ("本年", "上年", "上年文件", "变动额", "变动率", "本年预算", "上年预算", "所述变动", "差异", "金额（万元）")
#: The caption of the year-on-year table: last year's figures are those the document writes (beside a change or in
#: its 收支总表), else this year's less the change it states.
YOY_CAPTION = ("本年与上年（上年数为文中或收支总表写明的，未写明的由所述变动推算；上年文件：提供上年公开文件时其中的同项数字；万元；"
               "相关问题：涉及本行数字的勾稽或对照上年文件的问题）")
