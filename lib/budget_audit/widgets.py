"""The findings explorer behind ``notebooks/explore.ipynb`` (ipywidgets 8).

Pick a unit, filter its findings, move tolerance and threshold sliders and watch the
findings recompute, read the source lines behind a finding, record a review decision in
the ledger (:mod:`budget_audit.review`), and see the unit's variance table and charts.

The logic lives in plain functions (unit discovery, settings from slider values,
filtering, table rows, source excerpts, HTML fragments, decision checks) so tests can
drive it; :class:`Explorer` only wires them to widgets. A unit's document is parsed once
and kept; moving a slider re-runs only the checks (tens of milliseconds). All document
text, comments and names are HTML-escaped before they reach an HTML widget.
"""

from __future__ import annotations

import html
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from . import charts
from .assessment import only_unit
from .checks import CATEGORIES, REGISTRY, Finding, Severity, run_checks
from .config import Settings, UnitParams, check_years, is_unit_file_name, load_unit
from .errors import InputError
from .ingest import Line, read_lines
from .model import Disclosure
from .parse import parse_file
from .report import MONEY_COLUMNS, YOY_CAPTION, compared, table_html
from .review import (
    STATUSES,
    Decision,
    Ledger,
    ReviewedFinding,
    ReviewError,
    annotate,
    ledger_path,
    read_current,
    review_counts,
    validate_decision,
)
from .variance import compare_documents, yoy_table

CONTEXT_LINES = 3
"""Source lines shown before and after each piece of evidence."""

MAX_SOURCE_LINES = 160
"""A source excerpt longer than this is cut (a finding on a whole table)."""

LABEL_MESSAGE_CHARS = 90


@dataclass(frozen=True)
class Knob:
    """A slider over one number of :class:`~budget_audit.config.Settings`."""

    name: str
    section: str  # "tolerance" or "thresholds"
    label: str
    maximum: float
    step: float
    readout: str


KNOBS: tuple[Knob, ...] = (
    Knob("rounding_per_term_wan", "tolerance", "舍入容差（万元/项）", 10.0, 0.005, ".3f"),
    Knob("material_change_pct", "thresholds", "重大变动比例（%）", 100.0, 1.0, ".0f"),
    Knob("material_change_wan", "thresholds", "重大变动金额（万元）", 10000.0, 1.0, ".0f"),
)

SEVERITY_OPTIONS: tuple[tuple[str, str], ...] = tuple((s.label, s.value) for s in Severity)
CATEGORY_OPTIONS: tuple[tuple[str, str], ...] = tuple((label, key) for key, label in CATEGORIES.items())

# ------------------------------------------------------------------ pure helpers


def unit_files(params_dir: str | Path) -> list[Path]:
    """The unit files of ``<params_dir>/units`` (``*.yaml`` and ``*.yml``, as the batch takes them), sorted by
    file name."""
    units = Path(params_dir) / "units"
    return sorted(p for p in units.glob("*") if is_unit_file_name(p.name) and p.is_file()) if units.is_dir() else []


def unit_choices(params_dir: str | Path) -> list[tuple[str, str]]:
    """(label, path) for the unit dropdown: "303001 某某局", or the file name when the
    params file does not load (choosing it shows the error)."""
    out = []
    for path in unit_files(params_dir):
        try:
            params = load_unit(path, check_sources=False)
            label = f"{params.unit} {params.name}".strip()
        except InputError:
            label = f"{path.name}（参数文件有误）"
        out.append((label, str(path)))
    return out


def find_unit(choices: Sequence[tuple[str, str]], unit: str | Path | None) -> str | None:
    """The path among ``choices`` for a unit code, a file name/path, or None (the first)."""
    if not choices:
        return None
    if unit is None or str(unit) == "":
        return choices[0][1]
    wanted = str(unit)
    for label, path in choices:
        if wanted in (label.split(" ")[0], Path(path).stem) or Path(path).resolve() == Path(wanted).resolve():
            return path
    return None


def knob_values(settings: Settings) -> dict[str, float]:
    """The slider numbers as the settings hold them."""
    merged = {**settings.tolerance, **settings.thresholds}
    return {k.name: float(merged[k.name]) for k in KNOBS if k.name in merged}


def tuned_settings(base: Settings, values: Mapping[str, float]) -> Settings:
    """``base`` with the slider numbers in ``values`` put in their sections."""
    sections: dict[str, dict[str, float]] = {"tolerance": {}, "thresholds": {}}
    for knob in KNOBS:
        if knob.name in values:
            sections[knob.section][knob.name] = float(values[knob.name])
    return base.with_overrides(**{k: v for k, v in sections.items() if v})


def rule_options(findings: Iterable[Finding], keep: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(label, code) for the rules that raised ``findings`` — plus the codes in ``keep``
    (a filter the user chose stays listed even when its rule falls silent)."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    for code in keep:
        counts.setdefault(code, 0)
    out = []
    for code in sorted(counts):
        rule = REGISTRY.get(code)
        title = rule.title.rstrip("。") if rule is not None else ""
        if len(title) > 16:
            title = title[:15] + "…"
        out.append((f"{code} {title}（{counts[code]}）", code))
    return out


def filter_findings(
    reviewed: Iterable[ReviewedFinding],
    severities: Iterable[str] = (),
    categories: Iterable[str] = (),
    rules: Iterable[str] = (),
    statuses: Iterable[str] = (),
) -> list[ReviewedFinding]:
    """The findings that pass every filter; an empty filter lets everything through."""
    sev, cat, codes, stat = set(severities), set(categories), set(rules), set(statuses)
    return [
        r
        for r in reviewed
        if (not sev or r.finding.severity in sev)
        and (not cat or r.finding.category in cat)
        and (not codes or r.finding.code in codes)
        and (not stat or r.status in stat)
    ]


def lines_label(lines: Sequence[int], shown: int = 3) -> str:
    if not lines:
        return "—"
    text = ",".join(str(n) for n in lines[:shown])
    return text + ("…" if len(lines) > shown else "")


@dataclass(frozen=True)
class FindingRow:
    """One displayed row of the findings list."""

    fingerprint: str
    severity: str  # 错误 / 警告 / 提示
    code: str
    category: str  # Chinese category name
    lines: str
    status: str
    reviewer: str
    message: str

    @property
    def label(self) -> str:
        message = self.message
        if len(message) > LABEL_MESSAGE_CHARS:
            message = message[: LABEL_MESSAGE_CHARS - 1] + "…"
        return f"{self.severity}｜{self.code}｜第{self.lines}行｜{self.status}｜{message}"


def finding_row(r: ReviewedFinding) -> FindingRow:
    f = r.finding
    return FindingRow(
        fingerprint=f.fingerprint,
        severity=Severity(f.severity).label,
        code=f.code,
        category=CATEGORIES.get(f.category, f.category),
        lines=lines_label(f.lines),
        status=r.status,
        reviewer=r.reviewer,
        message=f.message,
    )


def finding_rows(reviewed: Iterable[ReviewedFinding]) -> list[FindingRow]:
    return [finding_row(r) for r in reviewed]


def summary_html(all_findings: Sequence[ReviewedFinding], shown: Sequence[ReviewedFinding]) -> str:
    by_severity = {s: sum(1 for r in all_findings if r.finding.severity == s.value) for s in Severity}
    parts = "，".join(f"{s.label} {n}" for s, n in by_severity.items())
    statuses = "，".join(f"{k} {v}" for k, v in review_counts(all_findings).items())
    return (
        f"<div>共 {len(all_findings)} 条（{html.escape(parts)}），筛选后显示 {len(shown)} 条。"
        f"<br>复核：{html.escape(statuses)}</div>"
    )


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str
    evidence: bool  # the line is part of the finding's evidence


def source_excerpt(
    lines: Sequence[Line],
    finding: Finding,
    context: int = CONTEXT_LINES,
    limit: int = MAX_SOURCE_LINES,
) -> list[SourceLine | None]:
    """The source lines around each piece of evidence (± ``context``), in order, with
    ``None`` where lines are skipped. Evidence lines are flagged."""
    if not lines:
        return []
    first, last = lines[0].number, lines[-1].number
    marked: set[int] = set(finding.lines)
    for ev in finding.evidence:
        marked.update(range(ev.line, ev.end_line + 1))
    wanted: set[int] = set()
    for n in marked:
        wanted.update(range(max(first, n - context), min(last, n + context) + 1))
    by_number = {line.number: line.text for line in lines}
    out: list[SourceLine | None] = []
    previous: int | None = None
    for n in sorted(wanted):
        if n not in by_number:
            continue
        if len([x for x in out if x is not None]) >= limit:
            out.append(None)
            break
        if previous is not None and n != previous + 1:
            out.append(None)
        out.append(SourceLine(n, by_number[n], n in marked))
        previous = n
    return out


def source_html(excerpt: Sequence[SourceLine | None], path: str = "") -> str:
    """The excerpt as an HTML table: line numbers, escaped text, evidence highlighted."""
    if not excerpt:
        return "<p>该问题没有对应的原文行。</p>"
    rows = []
    for item in excerpt:
        if item is None:
            rows.append('<tr class="ba-gap"><td style="text-align:right;color:#888">⋯</td><td></td></tr>')
            continue
        style = "background:#fff1a8;font-weight:600" if item.evidence else ""
        css = ' class="ba-evidence"' if item.evidence else ""
        rows.append(
            f'<tr{css} style="{style}"><td style="text-align:right;color:#666;padding-right:8px;'
            f'vertical-align:top">{item.number}</td><td style="white-space:pre-wrap;word-break:break-all">'
            f"{html.escape(item.text)}</td></tr>"
        )
    caption = f"<div style='color:#666'>原文：{html.escape(path)}</div>" if path else ""
    return (
        f'{caption}<table class="ba-source" style="font-family:monospace;font-size:12px;'
        f'border-collapse:collapse;width:100%">{"".join(rows)}</table>'
    )


def finding_html(r: ReviewedFinding, history: Sequence[Decision] = ()) -> str:
    """Head, message, expected vs actual, project and review state of one finding."""
    f = r.finding
    e = html.escape
    head = (
        f"<b>{e(f.code)}</b> {e(Severity(f.severity).label)} · {e(CATEGORIES.get(f.category, f.category))}"
        f" · {e(f.name)} <span style='color:#888'>指纹 {e(f.fingerprint)}</span>"
    )
    parts = [f"<div>{head}</div>", f"<div style='margin:4px 0'>{e(f.message)}</div>"]
    figures = compared(f)
    if figures:
        parts.append(f"<div>{e(figures)}</div>")
    if f.project_name:
        parts.append(f"<div>项目：{e(f.project_code or '')} {e(f.project_name)}</div>")
    state = f"复核状态：<b>{e(r.status)}</b>"
    if r.decided:
        state += f"（{e(r.reviewer)}，{e(r.decided_at[:19].replace('T', ' '))} UTC）"
        if r.comment:
            state += f"：{e(r.comment)}"
    parts.append(f"<div>{state}</div>")
    if len(history) > 1:
        items = "".join(
            f"<li>{e(d.decided_at[:19].replace('T', ' '))} {e(d.reviewer)} → {e(d.status)}"
            f"{'：' + e(d.comment) if d.comment else ''}</li>"
            for d in history
        )
        parts.append(f"<details><summary>复核记录（{len(history)} 条）</summary><ul>{items}</ul></details>")
    return "".join(parts)


# ------------------------------------------------------------------ loaded units


@dataclass(frozen=True)
class Source:
    """A parsed disclosure and its numbered lines, read once and kept."""

    doc: Disclosure
    lines: list[Line]


def _stamp(path: str) -> tuple[str, int, int]:
    stat = Path(path).stat()
    return (str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)


class SourceCache:
    """Parsed sources keyed by path and file stamp: each file is parsed once (twice only
    when it changes on disk)."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, int, int], Source] = {}
        self.parses = 0

    def get(self, path: str) -> Source:
        try:
            key = _stamp(path)
        except FileNotFoundError:
            raise InputError(path, "文件不存在") from None
        if key not in self._items:
            doc = parse_file(path)
            lines, _ = read_lines(path)
            self.parses += 1
            self._items[key] = Source(doc, lines)
        return self._items[key]


# ------------------------------------------------------------------ the explorer


def _wide(**kwargs: Any) -> dict[str, Any]:
    return {"style": {"description_width": "initial"}, **kwargs}


class Explorer:
    """Interactive review of one unit's findings at a time.

    ``Explorer(params_dir, unit)`` lists ``params_dir/units/*.yaml`` and opens ``unit``
    (a unit code or a params file; the first unit when None). Decisions go to
    ``ledger`` when given, else to the unit's ledger (``review_db`` in its params, else
    ``<project>/outputs/review.sqlite``). Display with :meth:`show` (or let the notebook
    show the object). The widgets are public attributes so tests can drive them.
    """

    def __init__(
        self,
        params_dir: str | Path = "../params",
        unit: str | Path | None = None,
        *,
        ledger: str | Path | None = None,
        reviewer: str = "",
    ) -> None:
        self.params_dir = Path(params_dir)
        self.ledger_override = Path(ledger) if ledger is not None else None
        self.sources = SourceCache()
        self.params: UnitParams | None = None
        self.source: Source | None = None
        self.prior: Source | None = None
        self.findings: list[Finding] = []
        self.reviewed: list[ReviewedFinding] = []
        self.shown: list[ReviewedFinding] = []
        self.yoy: pd.DataFrame | None = None
        self._quiet = False  # set while widgets are updated programmatically
        self._charts_key: object = None
        self._form_for: str | None = None  # the finding the review form was filled for

        choices = unit_choices(self.params_dir)
        self.unit_picker = w.Dropdown(options=choices, description="预算单位", **_wide(layout=w.Layout(width="640px")))
        self.message = w.HTML()
        self.severity_filter = w.SelectMultiple(options=SEVERITY_OPTIONS, rows=3, description="级别", **_wide())
        self.category_filter = w.SelectMultiple(options=CATEGORY_OPTIONS, rows=5, description="类别", **_wide())
        self.rule_filter = w.SelectMultiple(
            options=[], rows=6, description="规则", **_wide(layout=w.Layout(width="340px"))
        )
        self.status_filter = w.SelectMultiple(options=STATUSES, rows=4, description="复核状态", **_wide())
        self.clear_button = w.Button(description="清除筛选", icon="times")
        self.sliders: dict[str, w.FloatSlider] = {
            k.name: w.FloatSlider(
                min=0.0,
                max=k.maximum,
                step=k.step,
                readout_format=k.readout,
                continuous_update=False,
                description=k.label,
                **_wide(layout=w.Layout(width="460px")),
            )
            for k in KNOBS
        }
        self.reset_button = w.Button(description="恢复参数文件取值", icon="undo")
        self.summary = w.HTML()
        self.finding_list = w.Select(options=[], rows=14, layout=w.Layout(width="100%"))
        self.detail = w.HTML()
        self.source_view = w.HTML()
        self.status_input = w.Dropdown(options=STATUSES, description="复核状态", **_wide())
        self.comment_input = w.Textarea(
            description="说明", placeholder="确认依据、排除理由或需补充的资料", **_wide(layout=w.Layout(width="100%", height="90px"))
        )
        self.reviewer_input = w.Text(value=reviewer, description="复核人", **_wide())
        self.save_button = w.Button(description="保存复核结论", button_style="primary", icon="save")
        self.form_message = w.HTML()
        self.variance_view = w.HTML()
        self.chart_images: list[w.Image] = []
        self.chart_box = w.VBox()
        self.tabs = w.Tab()
        self.root = self._layout()

        self.unit_picker.observe(self._on_unit, names="value")
        for widget in (self.severity_filter, self.category_filter, self.rule_filter, self.status_filter):
            widget.observe(self._on_filter, names="value")
        for slider in self.sliders.values():
            slider.observe(self._on_slider, names="value")
        self.clear_button.on_click(lambda _: self.clear_filters())
        self.reset_button.on_click(lambda _: self.reset_settings())
        self.finding_list.observe(self._on_select, names="value")
        self.save_button.on_click(lambda _: self.save_decision())
        self.tabs.observe(self._on_tab, names="selected_index")

        if not choices:
            self.message.value = _error(f"{self.params_dir / 'units'} 中没有单位参数文件（*.yaml）")
            return
        path = find_unit(choices, unit)
        if self.unit_picker.value == (path or choices[0][1]):
            self.load(self.unit_picker.value)
        else:
            self.unit_picker.value = path or choices[0][1]  # observed: loads the unit
        if path is None:
            self.message.value = _error(f"没有找到单位 {unit}，已打开第一个单位")

    # -------------------------------------------------------------- layout

    def _layout(self) -> w.VBox:
        filters = w.HBox(
            [self.severity_filter, self.category_filter, self.rule_filter, self.status_filter, self.clear_button],
            layout=w.Layout(flex_flow="row wrap", align_items="flex-start"),
        )
        knobs = w.VBox([*self.sliders.values(), self.reset_button])
        form = w.VBox(
            [
                w.HTML("<b>复核结论</b>"),
                self.status_input,
                self.comment_input,
                self.reviewer_input,
                self.save_button,
                self.form_message,
            ],
            layout=w.Layout(width="36%", padding="0 0 0 12px"),
        )
        reading = w.VBox([self.detail, self.source_view], layout=w.Layout(width="64%"))
        findings_tab = w.VBox([self.summary, self.finding_list, w.HBox([reading, form])])
        variance_tab = w.VBox([self.variance_view])
        charts_tab = w.VBox([w.HTML("<p>图表按当前参数绘制。</p>"), self.chart_box])
        self.tabs.children = [findings_tab, variance_tab, charts_tab]
        self.tabs.titles = ("问题清单", "同比变动", "图表")
        head = w.HTML("<h3 style='margin:4px 0'>问题浏览与复核</h3>")
        return w.VBox([head, self.unit_picker, self.message, filters, knobs, self.tabs])

    def show(self) -> None:
        from IPython.display import display

        display(self.root)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.root._repr_mimebundle_(**kwargs)

    # -------------------------------------------------------------- state

    @property
    def rows(self) -> list[FindingRow]:
        """The rows of the findings list as displayed, in order."""
        return finding_rows(self.shown)

    @property
    def selected(self) -> ReviewedFinding | None:
        fingerprint = self.finding_list.value
        return next((r for r in self.shown if r.fingerprint == fingerprint), None)

    @property
    def settings(self) -> Settings | None:
        if self.params is None:
            return None
        return tuned_settings(self.params.settings, {k: s.value for k, s in self.sliders.items()})

    @property
    def ledger_path(self) -> Path | None:
        if self.ledger_override is not None:
            return self.ledger_override
        return ledger_path(self.params) if self.params is not None else None

    # -------------------------------------------------------------- actions

    def load(self, path: str | Path) -> None:
        """Open a unit: load its params, parse its document (once), run the checks."""
        try:
            params = load_unit(path)
            source = self.sources.get(params.sources[0])
            prior = self.sources.get(params.prior_source) if params.prior_source else None
            check_years(params, source.doc.year, prior.doc.year if prior else None)
        except InputError as error:
            self.params = self.source = self.prior = None
            self.findings, self.reviewed, self.yoy = [], [], None
            self.message.value = _error(str(error))
            self._update_rule_options()
            self._show_findings()
            self.variance_view.value = ""
            self.chart_box.children = []
            return
        self.params, self.source, self.prior = params, source, prior
        self.message.value = ""
        self._quiet = True
        try:
            self._show_knobs(params.settings)
            self.rule_filter.value = ()
        finally:
            self._quiet = False
        self.recompute()

    def recompute(self) -> None:
        """Re-run the checks with the slider settings and refresh every view."""
        if self.params is None or self.source is None:
            return
        settings = self.settings
        assert settings is not None
        prior = self.prior.doc if self.prior is not None else None
        self.findings = run_checks(self.source.doc, settings, self.params.unit, prior)
        self.yoy = yoy_table(self.source.doc, settings)
        self._update_rule_options()
        self.refresh_reviews()
        self._show_variance()
        self._charts_key = None
        if self.tabs.selected_index == 2:
            self.render_charts()

    def refresh_reviews(self) -> None:
        """Re-read the current decisions from the ledger and redraw the list."""
        path = self.ledger_path
        decisions: dict[str, Decision] = {}
        if path is not None and self.params is not None:
            try:
                decisions = read_current(path, self.params.unit)
            except (InputError, sqlite3.Error) as error:
                self.message.value = _error(f"复核记录读取失败：{error}")
        self.reviewed = annotate(self.findings, decisions)
        self._show_findings()

    def set_filters(
        self,
        severities: Iterable[str] | None = None,
        categories: Iterable[str] | None = None,
        rules: Iterable[str] | None = None,
        statuses: Iterable[str] | None = None,
    ) -> None:
        """Set several filters with one redraw (None leaves a filter as it is)."""
        self._quiet = True
        try:
            for widget, value in (
                (self.severity_filter, severities),
                (self.category_filter, categories),
                (self.rule_filter, rules),
                (self.status_filter, statuses),
            ):
                if value is not None:
                    widget.value = tuple(value)
        finally:
            self._quiet = False
        self._show_findings()

    def clear_filters(self) -> None:
        self.set_filters((), (), (), ())

    def reset_settings(self) -> None:
        """Put the sliders back to the unit's params file values."""
        if self.params is None:
            return
        self._quiet = True
        try:
            self._show_knobs(self.params.settings)
        finally:
            self._quiet = False
        self.recompute()

    def _show_knobs(self, settings: Settings) -> None:
        """Set the sliders to ``settings``; a slider's range reaches a value beyond its usual end (a unit's
        material_change_pct of 150), which it would otherwise clamp — and the findings shown would not be
        the report's."""
        maxima = {k.name: k.maximum for k in KNOBS}
        for name, value in knob_values(settings).items():
            self.sliders[name].max = max(maxima[name], value)
            self.sliders[name].value = value

    def select(self, fingerprint: str) -> None:
        """Show one finding (as if clicked in the list)."""
        self.finding_list.value = fingerprint

    def save_decision(self) -> Decision | None:
        """Record the form's decision on the selected finding; refresh the list."""
        r = self.selected
        if r is None or self.params is None:
            self.form_message.value = _error("请先在列表中选择一个问题")
            return None
        status, comment, reviewer = self.status_input.value, self.comment_input.value, self.reviewer_input.value
        try:  # before the ledger is opened, so a refused decision creates no file
            validate_decision(r.fingerprint, self.params.unit, r.finding.code, status, comment, reviewer)
        except ReviewError as error:
            self.form_message.value = _error(str(error))
            return None
        path = self.ledger_path
        assert path is not None
        try:
            with Ledger(path) as ledger:
                decision = ledger.record(r.fingerprint, self.params.unit, r.finding.code, status, comment, reviewer)
        except (ReviewError, InputError) as error:
            self.form_message.value = _error(str(error))
            return None
        except sqlite3.Error as error:  # e.g. still locked by another writer after the busy timeout
            self.form_message.value = _error(f"复核记录库暂时无法写入（{error}），请稍后重试")
            return None
        self.refresh_reviews()
        self.form_message.value = (
            f"<span style='color:#2a7a2a'>已保存：{html.escape(decision.status)}"
            f"（{html.escape(decision.reviewer)}）</span>"
        )
        return decision

    def render_charts(self) -> None:
        """Draw the unit's charts into Image widgets (only when something changed)."""
        if self.params is None or self.source is None:
            self.chart_box.children = []
            return
        key = (self.params.path, tuple(f.fingerprint for f in self.findings), self.settings)
        if key == self._charts_key:
            return
        doc = self.source.doc
        mine = only_unit(doc, self.params.unit)
        figures = [
            charts.income_chart(doc),
            charts.expenditure_chart(doc),
            charts.variance_chart(self.yoy, doc=doc),
            charts.sangong_chart(doc),
            charts.projects_pareto_chart(mine),
            charts.indicator_heatmap(mine),
            charts.findings_chart(self.findings, doc=doc),
        ]
        self.chart_images = [
            w.Image(value=charts.figure_to_png_bytes(fig), format="png", layout=w.Layout(max_width="900px"))
            for fig in figures
        ]
        self.chart_box.children = self.chart_images
        self._charts_key = key

    # -------------------------------------------------------------- views

    def _update_rule_options(self) -> None:
        chosen = tuple(self.rule_filter.value)
        self._quiet = True
        try:
            self.rule_filter.options = rule_options(self.findings, keep=chosen)
            self.rule_filter.value = chosen
        finally:
            self._quiet = False

    def _show_findings(self) -> None:
        self.shown = filter_findings(
            self.reviewed,
            self.severity_filter.value,
            self.category_filter.value,
            self.rule_filter.value,
            self.status_filter.value,
        )
        self.summary.value = summary_html(self.reviewed, self.shown) if self.params else ""
        before = self.finding_list.value
        options = [(row.label, row.fingerprint) for row in self.rows]
        self._quiet = True
        try:
            self.finding_list.options = options
            # Keep the selection when its finding is still listed, else select nothing.
            self.finding_list.value = before if any(value == before for _, value in options) else None
        finally:
            self._quiet = False
        self._show_selected()
        if self.finding_list.value != self._form_for:
            self._fill_form()

    def _show_selected(self) -> None:
        r = self.selected
        if r is None:
            if self.params is None:
                self.detail.value = ""
            elif self.shown:
                self.detail.value = "<p>在上方列表中选择一个问题，查看原文上下文并填写复核结论。</p>"
            else:
                self.detail.value = "<p>没有符合筛选条件的问题。</p>"
            self.source_view.value = ""
            return
        history: list[Decision] = []
        path = self.ledger_path
        if r.decided and path is not None and path.is_file():
            try:
                with Ledger(path, create=False) as ledger:
                    history = ledger.history(r.fingerprint)
            except (InputError, sqlite3.Error):
                history = []  # the current decision is still shown
        self.detail.value = finding_html(r, history)
        assert self.source is not None
        excerpt = source_excerpt(self.source.lines, r.finding)
        self.source_view.value = source_html(excerpt, self.source.doc.source.path)

    def _fill_form(self) -> None:
        r = self.selected
        self._form_for = r.fingerprint if r is not None else None
        if r is None:
            return
        self.status_input.value = r.status
        self.comment_input.value = r.comment
        self.form_message.value = ""

    def _show_variance(self) -> None:
        if self.yoy is None:
            self.variance_view.value = ""
            return
        parts = [table_html(self.yoy, YOY_CAPTION, numeric=MONEY_COLUMNS)]
        if self.prior is not None and self.source is not None:
            comparison = compare_documents(self.source.doc, self.prior.doc)
            parts.append(table_html(comparison, "本年文件与上年文件对照（万元）", numeric=MONEY_COLUMNS))
        self.variance_view.value = "".join(parts)

    # -------------------------------------------------------------- events

    def _on_unit(self, change: dict[str, Any]) -> None:
        if change["new"]:
            self.load(change["new"])

    def _on_filter(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._show_findings()

    def _on_slider(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self.recompute()

    def _on_select(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._show_selected()
            self._fill_form()

    def _on_tab(self, change: dict[str, Any]) -> None:
        if change["new"] == 2:
            self.render_charts()


def _error(text: str) -> str:
    return f"<span style='color:#b00020'>{html.escape(text)}</span>"


__all__ = [
    "CONTEXT_LINES",
    "KNOBS",
    "Explorer",
    "FindingRow",
    "Knob",
    "Source",
    "SourceCache",
    "SourceLine",
    "filter_findings",
    "finding_html",
    "finding_rows",
    "find_unit",
    "knob_values",
    "rule_options",
    "source_excerpt",
    "source_html",
    "summary_html",
    "tuned_settings",
    "unit_choices",
    "unit_files",
]
