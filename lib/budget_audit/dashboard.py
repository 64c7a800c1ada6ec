"""The county dashboard: one page for every unit of a batch run, and the combined exports.

:func:`build_index` reads ``<output_dir>/manifest.jsonl`` (written by
:mod:`budget_audit.batch`, append-only; the last line of a unit is its current state), each
unit's ``findings.json`` and — for the totals, staffing and amounts — the unit's source
document through its params file, and writes, each atomically:

* ``index.html``: one row per unit (code, name, year, 收入/支出/三公 totals, findings by
  severity, status, a relative link to its report), sortable by clicking a column head
  (a small inline script; without it the table stays sorted by errors, then warnings);
  the failed units with their error; cross-unit charts (findings per unit, 三公 and
  机关运行经费 per staff member, Benford's first-digit test over every amount with
  Nigrini's MAD verdict). Charts are PNG data URIs, document text is escaped and nothing
  is loaded from outside the page.
* ``findings_all.csv`` (UTF-8 with BOM, for Excel) and ``findings_all.xlsx``: every
  finding of every unit, with the same Chinese columns as a unit's findings.csv
  (:data:`budget_audit.results.FINDING_COLUMNS`) after the unit's name.

``notebooks/overview.ipynb`` shows the same pieces interactively: it calls
:func:`load_dashboard` and displays :func:`summary_html`, :func:`units_table_html`,
:func:`failed_html`, :func:`dashboard_charts` and :func:`benford_html`.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Patch

from . import charts, manifest, roundness
from .atomic import write_bytes_atomic, write_text_atomic
from .benford import BenfordResult, benford_test
from .checks import Finding, Severity
from .checks.base import DEFAULT_COMPARE, Evidence
from .config import UnitParams, declared_unit, is_unit_file_name, load_unit
from .errors import InputError, os_reason
from .model import Disclosure
from .model import Figure as Amount
from .outputs import FINDINGS_JSON, INDEX_UNITS_META
from .parse import parse_file
from .report import cell_class
from .results import FINDING_COLUMNS, finding_row
from .review import (
    REVIEW_COLUMNS,
    ReviewedFinding,
    annotate,
    ledger_path,
    read_current,
    review_counts,
    review_row,
)
from .xlsx import excel_text, workbook_bytes

MANIFEST = manifest.MANIFEST_NAME
INDEX_HTML = "index.html"
FINDINGS_ALL_CSV = "findings_all.csv"
FINDINGS_ALL_XLSX = "findings_all.xlsx"
CACHE = ".dashboard-cache.json"
UNIT_NAME_COLUMN = "单位名称"

STATUS_LABELS: dict[str, str] = {
    "ok": "成功",
    "skipped": "未变（沿用上次结果）",
    "failed": "失败",
    "not_run": "未运行",
}
SEVERITIES = tuple(s.value for s in Severity)
CHART_LIMIT = 30
"""Cross-unit bar charts show at most this many units (the largest values)."""

_CSS_PATH = Path(__file__).resolve().parent / "templates" / "budget_audit_report" / "report.css"
_EXTRA_CSS = """
table.ba-sortable th { cursor: pointer; white-space: nowrap; }
table.ba-sortable th[aria-sort="ascending"]::after { content: " ▲"; }
table.ba-sortable th[aria-sort="descending"]::after { content: " ▼"; }
table.ba-units td.ba-err { color: #c0392b; font-weight: bold; }
.ba-st-ok { color: #1e7e34; }
.ba-st-skipped { color: #59636e; }
.ba-st-failed { color: #c0392b; font-weight: bold; }
.ba-st-not_run { color: #b9770e; }
.ba-note { color: var(--ba-muted); font-size: 0.9em; }
.ba-failed li { margin: 0.4em 0; }
.ba-failed .ba-error { font-family: var(--ba-mono); font-size: 0.9em; overflow-wrap: anywhere; }
"""

_SORT_SCRIPT = """
(function () {
  function key(cell) {
    var v = cell.getAttribute("data-v");
    return v === null ? cell.textContent.trim() : v;
  }
  var tables = document.querySelectorAll("table.ba-sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      th.title = "点击排序";
      th.addEventListener("click", function () {
        var numeric = th.getAttribute("data-type") === "num";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[index]), y = key(b.cells[index]);
          if (numeric) {
            x = x === "" ? -Infinity : Number(x);
            y = y === "" ? -Infinity : Number(y);
          }
          var r = numeric ? (x < y ? -1 : x > y ? 1 : 0) : x.localeCompare(y, "zh");
          return ascending ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
"""

e = html.escape


# --------------------------------------------------------------------------- data


@dataclass
class UnitFacts:
    """What the unit's source document says, for cross-unit comparisons (yuan; staff count)."""

    income: Decimal | None = None
    expenditure: Decimal | None = None
    sangong: Decimal | None = None
    running_costs: Decimal | None = None
    staff: Decimal | None = None
    department_wide: bool = False  # the document's figures cover several budget units
    document_amounts: list[Decimal] = field(default_factory=list)  # for Benford: once per document
    project_amounts: list[Decimal] = field(default_factory=list)  # this unit's projects, for Benford
    sha256: str = ""

    def per_staff(self, value: Decimal | None) -> Decimal | None:
        if value is None or not self.staff:
            return None
        return value / self.staff


@dataclass
class UnitEntry:
    """One unit as the dashboard shows it: its current manifest state and what it produced."""

    unit: str
    name: str
    year: int | None
    status: str  # ok / skipped / failed / not_run
    params: str | None
    error: Mapping[str, Any] | None = None
    run_id: str | None = None
    ended: str | None = None
    duration_s: float | None = None
    report: str | None = None  # link relative to output_dir, when the file exists
    report_is_previous: bool = False  # the unit failed now; the link is its last good report
    counts: dict[str, int] | None = None
    findings: list[Finding] = field(default_factory=list)
    reviewed: list[ReviewedFinding] = field(default_factory=list)
    facts: UnitFacts | None = None
    notes: list[str] = field(default_factory=list)

    def review_summary(self) -> str:
        """``已确认 2 / 需补充资料 1 / 待复核 5`` (statuses with no finding left out)."""
        counts = review_counts(self.reviewed)
        return " / ".join(f"{status} {n}" for status, n in counts.items() if n) or "—"

    @property
    def has_results(self) -> bool:
        return self.status in ("ok", "skipped") and self.counts is not None

    def count(self, severity: str) -> int | None:
        """Findings of ``severity``, those dismissed on review (已排除) left out."""
        if self.counts is None:
            return None
        dismissed = sum(r.dismissed and r.finding.severity == severity for r in self.reviewed)
        return self.counts.get(severity, 0) - dismissed


@dataclass
class Dashboard:
    output_dir: Path
    units: list[UnitEntry]
    benford: BenfordResult
    last_run: Mapping[str, Any] | None = None  # the manifest entry written last

    def by_status(self, status: str) -> list[UnitEntry]:
        return [u for u in self.units if u.status == status]

    @property
    def with_results(self) -> list[UnitEntry]:
        return [u for u in self.units if u.has_results]

    def totals(self) -> dict[str, int]:
        """Findings by severity over the units with results, each finding of a document that several units share
        counted once (the same rule, message and lines in the same document): two units published in one
        document have its problems once, not once per unit. Findings dismissed on review (已排除) are not counted."""
        seen: dict[tuple[object, ...], str] = {}
        counted = {s: 0 for s in SEVERITIES}
        for u in self.with_results:
            if not u.findings or u.facts is None or not u.facts.sha256:
                for s in SEVERITIES:  # no source known to share: the unit's own counts
                    counted[s] += u.count(s) or 0
                continue
            dismissed = {r.fingerprint for r in u.reviewed if r.dismissed}
            for f in u.findings:
                if f.fingerprint not in dismissed:
                    seen.setdefault((u.facts.sha256, f.code, f.message, f.lines), f.severity)
        for severity in seen.values():
            counted[severity] = counted.get(severity, 0) + 1
        return counted

    def shared_findings(self, totals: Mapping[str, int]) -> int:
        """How many findings the ``totals`` (:meth:`totals`) count once for units that share a document."""
        return sum(u.count(s) or 0 for u in self.with_results for s in SEVERITIES) - sum(totals.values())


def read_manifest(output_dir: Path) -> list[dict[str, Any]]:
    """Complete manifest entries of ``output_dir`` in file order (a torn line is ignored)."""
    return manifest.read_manifest(Path(output_dir) / MANIFEST)


def _finding(data: Mapping[str, Any]) -> Finding:
    """A finding as written to findings.json (results.to_json) back into a Finding."""
    evidence = tuple(
        Evidence(int(ev["line"]), int(ev.get("end_line", ev["line"])), str(ev.get("text", "")))
        for ev in data.get("evidence") or []
    )
    return Finding(
        code=str(data["code"]),
        name=str(data.get("name", "")),
        category=str(data.get("category", "")),
        severity=str(data.get("severity", "")),
        message=str(data.get("message", "")),
        expected=data.get("expected"),
        actual=data.get("actual"),
        unit_code=data.get("unit_code"),
        project_code=data.get("project_code"),
        project_name=data.get("project_name"),
        lines=tuple(int(n) for n in data.get("lines") or []),
        evidence=evidence,
        fingerprint=str(data.get("fingerprint", "")),
        money=bool(data.get("money", True)),
        money_unit="元" if data.get("money_unit") == "元" else "万元",
        expected_label=str(data.get("expected_label", DEFAULT_COMPARE[0])),
        actual_label=str(data.get("actual_label", DEFAULT_COMPARE[1])),
    )


def _read_findings(path: Path) -> tuple[list[Finding], dict[str, int], str] | None:
    """(findings, counts by severity, source sha256) of a findings.json, or None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        findings = [_finding(item) for item in data["findings"]]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    document = data.get("document") if isinstance(data.get("document"), dict) else {}
    return findings, counts, str(document.get("sha256") or "")


def document_amounts(doc: Disclosure) -> list[Decimal]:
    """The document-wide amounts, in yuan: the summary figures, stated changes, 三公,
    assets and procurement. Units that share one document share these. Figures written as
    approximate (约6600万元) are left out: round by intent, they say nothing of the
    digits the Benford and round-number tests look at; so is a change the document does
    not write but that is worked out from last year's figure and this year's
    (由31.42万元减少到13.44万元 → 17.98万元, :attr:`StatedChange.computed`): only figures the
    document writes are tested, and those two are."""
    figures: list[Amount | None] = [
        doc.income.total,
        *doc.income.parts,
        doc.income.carry_over,
        doc.expenditure.total,
        doc.expenditure.basic,
        doc.expenditure.personnel,
        doc.expenditure.public,
        doc.expenditure.project,
        *doc.expenditure.project_parts,
        doc.running_costs.amount,
        doc.sangong.total,
        doc.sangong.overseas,
        doc.sangong.vehicle,
        doc.sangong.vehicle_purchase,
        doc.sangong.vehicle_operation,
        doc.sangong.reception,
        doc.procurement.total,
        doc.assets.total,
        doc.assets.table_total,
        doc.assets.planned_purchase,
        *doc.assets.classes,
        *doc.assets.sub_items,
    ]
    for change in doc.stated_changes():
        figures += [change.prior] if change.computed else [change.amount, change.prior]
    return [f.yuan for f in figures if f is not None and f.yuan is not None and not f.approx]


def project_amounts(doc: Disclosure, unit: str | None = None) -> list[Decimal]:
    """``unit``'s project budgets and money-valued indicators, in yuan (a project's
    财政资金/其他资金 split is left out: it repeats the budget)."""
    amounts: list[Decimal] = []
    for project in doc.projects:
        if unit and project.unit_code is not None and project.unit_code.text != unit:
            continue
        if project.budget is not None and project.budget.yuan is not None:
            amounts.append(project.budget.yuan)
        amounts += [i.value.yuan for i in project.indicators if i.value.yuan is not None]
    return amounts


def unit_facts(doc: Disclosure, unit: str | None = None) -> UnitFacts:
    staff = doc.staffing.total.number if doc.staffing.total is not None else None
    return UnitFacts(
        income=doc.income.total.yuan if doc.income.total else None,
        expenditure=doc.expenditure.total.yuan if doc.expenditure.total else None,
        sangong=doc.sangong.total.yuan if doc.sangong.total else None,
        running_costs=doc.running_costs.amount.yuan if doc.running_costs.amount else None,
        staff=staff if staff else None,
        department_wide=len(doc.units()) > 1,
        document_amounts=document_amounts(doc),
        project_amounts=project_amounts(doc, unit),
        sha256=doc.source.sha256,
    )


def _resolve_params(value: str | None, output_dir: Path, params_dir: Path | None) -> Path | None:
    if not value:
        return None
    path = Path(value)
    candidates = [path] if path.is_absolute() else [Path.cwd() / path]
    if not path.is_absolute():
        if params_dir is not None:
            candidates += [params_dir.parent / path, params_dir / "units" / path.name]
        candidates.append(output_dir.parent / path)
    return next((c for c in candidates if c.is_file()), None)


class FactsCache:
    """Facts of source documents already parsed, keyed by path, unit and SHA-256 of the
    file (``<output_dir>/.dashboard-cache.json``), so that a dashboard rebuilt after a
    no-change batch does not parse every document again. Also remembers the digest of the
    last combined exports."""

    VERSION = 3  # 3: a computed change's amount no longer among the document amounts

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.facts: dict[str, dict[str, Any]] = {}
        self.exports = ""
        self.changed = False
        if path is None:
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == self.VERSION:
            self.facts = data.get("facts") if isinstance(data.get("facts"), dict) else {}
            self.exports = str(data.get("exports") or "")

    def get(self, source: Path, unit: str) -> UnitFacts:
        """The facts of ``source`` for ``unit``; raises InputError when it cannot be read."""
        try:
            digest = hashlib.sha256(source.read_bytes()).hexdigest()
        except OSError as error:
            raise InputError(str(source), f"文件无法读取（{type(error).__name__}）") from None
        key = f"{source}|{unit}"
        cached = self.facts.get(key)
        if isinstance(cached, dict) and cached.get("sha256") == digest:
            try:
                return _facts_from_json(cached)
            except (KeyError, TypeError, ArithmeticError, ValueError):
                pass
        facts = unit_facts(parse_file(source), unit)
        self.facts[key] = _facts_to_json(facts)
        self.changed = True
        return facts

    def save(self) -> None:
        if self.path is not None and self.changed:
            data = {"version": self.VERSION, "facts": self.facts, "exports": self.exports}
            write_text_atomic(self.path, json.dumps(data, ensure_ascii=False, sort_keys=True))


def _facts_to_json(f: UnitFacts) -> dict[str, Any]:
    def num(value: Decimal | None) -> str | None:
        return None if value is None else f"{value:f}"

    return {
        "income": num(f.income),
        "expenditure": num(f.expenditure),
        "sangong": num(f.sangong),
        "running_costs": num(f.running_costs),
        "staff": num(f.staff),
        "department_wide": f.department_wide,
        "document_amounts": [f"{a:f}" for a in f.document_amounts],
        "project_amounts": [f"{a:f}" for a in f.project_amounts],
        "sha256": f.sha256,
    }


def _facts_from_json(data: Mapping[str, Any]) -> UnitFacts:
    def num(value: Any) -> Decimal | None:
        return None if value is None else Decimal(str(value))

    return UnitFacts(
        income=num(data["income"]),
        expenditure=num(data["expenditure"]),
        sangong=num(data["sangong"]),
        running_costs=num(data["running_costs"]),
        staff=num(data["staff"]),
        department_wide=bool(data["department_wide"]),
        document_amounts=[Decimal(str(a)) for a in data["document_amounts"]],
        project_amounts=[Decimal(str(a)) for a in data["project_amounts"]],
        sha256=str(data["sha256"]),
    )


def _facts(params: Path | None, unit: str, notes: list[str], cache: FactsCache) -> UnitFacts | None:
    if params is None:
        notes.append("找不到参数文件，未读取收支数字")
        return None
    try:
        source = Path(load_unit(params, check_sources=False).sources[0])
        return cache.get(source, unit)
    except InputError as error:
        notes.append(f"未读取收支数字：{error}")
        return None


def _link(output_dir: Path, relative: str | None) -> str | None:
    """``relative`` (a manifest output path) as a link from index.html, if the file exists."""
    if not relative:
        return None
    path = Path(relative)
    target = path if path.is_absolute() else output_dir / path
    if not target.is_file():
        return None
    rel = os.path.relpath(target.resolve(), output_dir.resolve())
    if rel.startswith(".."):
        return None
    return quote(Path(rel).as_posix())


def _outputs(entry: Mapping[str, Any] | None) -> Mapping[str, str]:
    outputs = entry.get("outputs") if entry else None
    return outputs if isinstance(outputs, dict) else {}


def load_dashboard(
    output_dir: str | Path, params_dir: str | Path | None = None, cache: FactsCache | None = None
) -> Dashboard:
    """Everything the dashboard shows, from the manifest, the findings files and the sources.

    With ``params_dir`` (the directory holding ``units/*.yaml``), units that have a params
    file but no manifest entry yet are listed as not run. ``cache`` (see
    :class:`FactsCache`) spares parsing documents that have not changed.
    """
    output_dir = Path(output_dir)
    cache = cache or FactsCache(None)
    params_root = Path(params_dir) if params_dir is not None else None
    files = _unit_files(params_root)
    current = None if files is None else {code for path, params in files for code in _names(path, params)}
    entries = read_manifest(output_dir)
    last: dict[str, dict[str, Any]] = {}
    last_ok: dict[str, dict[str, Any]] = {}
    for entry in entries:
        last[entry["unit"]] = entry
        if entry.get("status") == "ok":
            last_ok[entry["unit"]] = entry
    units: list[UnitEntry] = []
    for code, entry in last.items():
        if current is not None and code not in current:
            continue  # its unit file is gone (removed, or renamed to another code): no longer the county's
        status = str(entry.get("status") or "failed")
        notes: list[str] = []
        params = _resolve_params(entry.get("params"), output_dir, params_root)
        unit = UnitEntry(
            unit=code,
            name=str(entry.get("name") or ""),
            year=entry.get("year") if isinstance(entry.get("year"), int) else None,
            status=status if status in STATUS_LABELS else "failed",
            params=str(entry.get("params") or "") or None,
            error=entry.get("error") if isinstance(entry.get("error"), dict) else None,
            run_id=entry.get("run_id"),
            ended=entry.get("ended"),
            duration_s=entry.get("duration_s"),
            notes=notes,
        )
        good = entry if status == "ok" else last_ok.get(code)
        outputs = {**_outputs(good), **_outputs(entry)} if status == "skipped" else _outputs(good)
        unit.report = _link(output_dir, outputs.get("html"))
        if unit.status == "failed":
            unit.report_is_previous = unit.report is not None
        else:
            findings_path = outputs.get("findings_json") or f"{code}/{FINDINGS_JSON}"
            read = _read_findings(output_dir / findings_path)
            if read is None:
                notes.append(f"问题清单（{FINDINGS_JSON}）缺失或无法读取")
            else:
                unit.findings, unit.counts, source_sha = read
                unit.reviewed = annotate(unit.findings, _decisions(params, output_dir, code, notes))
                unit.facts = _facts(params, code, notes, cache)
                if unit.facts is not None and source_sha and unit.facts.sha256 != source_sha:
                    notes.append("公开文件在上次运行后已修改，报告与此处数字可能不一致")
            if unit.report is None:
                notes.append("报告文件缺失")
        units.append(unit)
    known = set(last)
    for path, params in files or []:
        if params is not None and params.unit not in known:  # one that does not load: the batch lists it as failed
            known.add(params.unit)
            units.append(UnitEntry(params.unit, params.name, params.year, "not_run", str(path)))
    units.sort(key=_default_order)
    return Dashboard(output_dir, units, benford_test(benford_amounts(units)), entries[-1] if entries else None)


def _unit_files(params_root: Path | None) -> list[tuple[Path, UnitParams | None]] | None:
    """The unit files of ``params_root/units`` with their params (None: the file does not load), in name
    order; None without such a directory."""
    if params_root is None or not (params_root / "units").is_dir():
        return None
    found: list[tuple[Path, UnitParams | None]] = []
    paths = (p for p in (params_root / "units").iterdir() if is_unit_file_name(p.name))
    for path in sorted(p for p in paths if p.is_file()):
        try:
            found.append((path, load_unit(path, check_sources=False)))
        except InputError:
            found.append((path, None))
    return found


def _names(path: Path, params: UnitParams | None) -> set[str]:
    """The codes the manifest may name the unit of ``path`` by: its own, or — when it does not load, or
    repeats another file's code — the one it declares and its file name."""
    return {params.unit, path.stem} if params is not None else {declared_unit(path), path.stem}


def benford_amounts(units: Sequence[UnitEntry]) -> list[Decimal]:
    """The amounts of the units with results: each unit's projects, and each document's
    own figures once, however many units share that document."""
    amounts: list[Decimal] = []
    documents: set[str] = set()
    for u in units:
        if not (u.has_results and u.facts):
            continue
        if u.facts.sha256 not in documents:
            documents.add(u.facts.sha256)
            amounts += u.facts.document_amounts
        amounts += u.facts.project_amounts
    return amounts


def _decisions(params: Path | None, output_dir: Path, unit: str, notes: list[str]) -> dict:
    """The unit's current review decisions: its params' ledger, else outputs/review.sqlite."""
    path = output_dir / "review.sqlite"
    if params is not None:
        try:
            path = ledger_path(load_unit(params, check_sources=False))
        except InputError:
            pass
    try:
        return read_current(path, unit)
    except InputError as error:
        notes.append(f"复核记录无法读取：{error.reason}")
        return {}


def _default_order(u: UnitEntry) -> tuple:
    """Errors, then warnings, most first; units without results after; then by code."""
    return (
        0 if u.has_results else 1,
        -(u.count("error") or 0),
        -(u.count("warning") or 0),
        -(u.count("info") or 0),
        u.unit,
    )


# --------------------------------------------------------------------------- tables


def _wan(yuan: Decimal | None) -> Decimal | None:
    return None if yuan is None else (yuan / 10_000).quantize(Decimal("0.01"))


def _per_staff_wan(facts: UnitFacts | None, value: Decimal | None) -> Decimal | None:
    if facts is None:
        return None
    per = facts.per_staff(value)
    return None if per is None else (per / 10_000).quantize(Decimal("0.01"))


_UNIT_COLUMNS: list[tuple[str, str]] = [
    ("代码", "text"),
    ("单位名称", "text"),
    ("年度", "num"),
    ("收入合计（万元）", "num"),
    ("支出合计（万元）", "num"),
    ("“三公”经费（万元）", "num"),
    ("编制（人）", "num"),
    ("错误", "num"),
    ("警告", "num"),
    ("提示", "num"),
    ("复核", "text"),
    ("状态", "text"),
    ("报告", "text"),
]


def units_frame(dashboard: Dashboard) -> pd.DataFrame:
    """The units table as data (amounts in 万元), in the dashboard's default order."""
    rows = []
    for u in dashboard.units:
        f = u.facts
        rows.append(
            {
                "代码": u.unit,
                "单位名称": u.name,
                "年度": u.year,
                "收入合计（万元）": _wan(f.income) if f else None,
                "支出合计（万元）": _wan(f.expenditure) if f else None,
                "“三公”经费（万元）": _wan(f.sangong) if f else None,
                "机关运行经费（万元）": _wan(f.running_costs) if f else None,
                "编制（人）": f.staff if f else None,
                "人均“三公”经费（万元）": _per_staff_wan(f, f.sangong) if f else None,
                "人均机关运行经费（万元）": _per_staff_wan(f, f.running_costs) if f else None,
                "错误": u.count("error"),
                "警告": u.count("warning"),
                "提示": u.count("info"),
                "复核": u.review_summary() if u.has_results else "",
                "状态": STATUS_LABELS[u.status],
                "错误信息": (u.error or {}).get("message") or "",
                "报告": u.report or "",
                "说明": "；".join(
                    [*u.notes, *(["部门汇总口径"] if f is not None and f.department_wide else [])]
                ),
            }
        )
    return pd.DataFrame(rows)


def _num(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:,.2f}" if value.as_tuple().exponent == -2 else f"{value:,}"
    return str(value)


def _td(value: Any, numeric: bool = False, css: str = "") -> str:
    shown = _shown(value)
    return f'<td{cell_class(shown, numeric, css)} data-v="{e(_num(value) if numeric else str(value or ""))}">{e(shown)}</td>'


def style_html() -> str:
    """The dashboard's own styles (index.html inlines them; the notebook displays them)."""
    return f"<style>{_EXTRA_CSS}</style>"


def link_base(output_dir: str | Path) -> str:
    """Prefix that makes report links work from a notebook next to a relative output_dir."""
    text = str(output_dir)
    return "" if Path(text).is_absolute() else text.rstrip("/") + "/"


def units_table_html(dashboard: Dashboard, base: str = "") -> str:
    """One row per unit; sortable by clicking a column head (pre-sorted by errors).

    Report links are relative to ``output_dir`` (where index.html is); ``base`` is put in
    front of them when the table is shown from elsewhere (see :func:`link_base`).
    """
    head = "".join(
        f'<th data-type="{kind}" scope="col">{e(label)}</th>' for label, kind in _UNIT_COLUMNS
    )
    rows = []
    for u in dashboard.units:
        f = u.facts
        name = e(u.name or "—") + ("<sup>*</sup>" if f is not None and f.department_wide else "")
        if u.notes:
            name += f'<div class="ba-note">{e("；".join(u.notes))}</div>'
        if u.report:
            label = "上次报告" if u.report_is_previous else "报告"
            link = f'<a href="{e(base + u.report)}">{label}</a>'
        else:
            link = "—"
        status = f'<span class="ba-st-{e(u.status)}">{e(STATUS_LABELS[u.status])}</span>'
        errors = u.count("error")
        cells = [
            _td(u.unit),
            f'<td data-v="{e(u.name)}">{name}</td>',
            _td(u.year, True),
            _td(_wan(f.income) if f else None, True),
            _td(_wan(f.expenditure) if f else None, True),
            _td(_wan(f.sangong) if f else None, True),
            _td(f.staff if f else None, True),
            _td(errors, True, "ba-err" if errors else ""),
            _td(u.count("warning"), True),
            _td(u.count("info"), True),
            _td(u.review_summary() if u.has_results else None),
            f'<td data-v="{e(u.status)}">{status}</td>',
            f'<td data-v="{e(u.report or "")}">{link}</td>',
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    body = "".join(rows) or f'<tr><td colspan="{len(_UNIT_COLUMNS)}">无</td></tr>'
    note = (
        '<p class="ba-note">点击列名可排序（默认按错误、警告条数从多到少）。“—”表示没有该数字；'
        "失败单位的问题条数不显示。标 * 的单位，其公开文件为部门汇总口径。</p>"
    )
    return (
        f'<table class="ba-table ba-units ba-sortable"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{note}"
    )


def summary_html(dashboard: Dashboard) -> str:
    counts = {s: len(dashboard.by_status(s)) for s in STATUS_LABELS}
    totals = dashboard.totals()
    b = dashboard.benford
    facts = [
        (
            "单位数",
            f"{len(dashboard.units)} 个："
            + "，".join(
                f"{STATUS_LABELS[s]} {n} 个" for s, n in counts.items() if n or s != "not_run"
            ),
        ),
        (
            "发现问题",
            f"错误 {totals['error']} 条，警告 {totals['warning']} 条，提示 {totals['info']} 条"
            f"（{len(dashboard.with_results)} 个有结果的单位"
            + (f"；共用一份公开文件的单位，同一问题只计一次，少计 {shared} 条重复" if (shared := dashboard.shared_findings(totals))
               else "")
            + "）",
        ),
        (
            "本福特首位数字检验",
            f"{b.label}"
            + (f"（MAD = {b.mad:.4f}，金额 {b.count} 个）" if b.mad is not None else ""),
        ),
    ]
    if dashboard.last_run:
        run = dashboard.last_run
        facts.append(
            ("最近一次运行", f"{run.get('run_id') or '—'}，结束于 {run.get('ended') or '—'}")
        )
    facts.append(
        (
            "导出",
            f'<a href="{FINDINGS_ALL_XLSX}">{FINDINGS_ALL_XLSX}</a>、<a href="{FINDINGS_ALL_CSV}">{FINDINGS_ALL_CSV}</a>'
            "（全部单位的全部问题）",
        )
    )
    rows = "".join(
        f"<tr><th>{e(k)}</th><td{cell_class(v)}>{v if k == '导出' else e(v)}</td></tr>" for k, v in facts
    )
    return f'<table class="ba-facts">{rows}</table>'


FAILURE_KINDS = {"params": "参数文件有误", "input": "输入文件有误", "render": "报告生成失败", "crash": "程序异常"}
"""How the index names the kind of a unit's failure (the manifest's ``error.kind``)."""


def failed_html(dashboard: Dashboard) -> str:
    failed = dashboard.by_status("failed")
    if not failed:
        return "<p>本次没有运行失败的单位。</p>"
    items = []
    for u in failed:
        err = u.error or {}
        where = []
        if err.get("kind"):
            where.append(f"类型：{FAILURE_KINDS.get(err['kind'], err['kind'])}")
        if err.get("cell") is not None:
            where.append(f"单元格：{err['cell']}")
        if u.params:
            where.append(f"参数文件：{u.params}")
        previous = " 仍可查看上次成功运行的报告。" if u.report_is_previous else ""
        items.append(
            f"<li><b>{e(u.unit)}</b> {e(u.name)}"
            f'<div class="ba-error">{e(str(err.get("message") or "（未记录错误信息）"))}</div>'
            f'<div class="ba-note">{e("；".join(where))}{e(previous)}</div></li>'
        )
    return f'<ul class="ba-failed">{"".join(items)}</ul>'


def _round_shares(dashboard: Dashboard) -> tuple[list[tuple[UnitEntry, roundness.RoundShare]], float | None]:
    """Each unit with results and its round-amount share, and the pooled share of all units."""
    units = [u for u in dashboard.with_results if u.facts is not None]
    by_unit = {u.unit: [*u.facts.document_amounts, *u.facts.project_amounts] for u in units if u.facts}
    pooled = roundness.pooled_share(benford_amounts(dashboard.units))
    return list(zip(units, roundness.round_shares(by_unit, pooled), strict=True)), pooled


def round_frame(dashboard: Dashboard) -> pd.DataFrame:
    """Each unit's share of whole-万元 amounts against all units' (see :mod:`roundness`)."""
    return _round_frame(_round_shares(dashboard)[0])


def _round_frame(shares: list[tuple[UnitEntry, roundness.RoundShare]]) -> pd.DataFrame:
    rows = [
        {
            "代码": u.unit,
            "单位名称": u.name,
            "非零金额": share.count,
            "整万元金额": share.rounds,
            "占比": f"{share.share:.1%}" if share.share is not None else None,
            "偏离（标准误）": f"{share.z:+.1f}" if share.z is not None else None,
            "明显偏高": share.flagged,
        }
        for u, share in shares
    ]
    return pd.DataFrame(rows, columns=["代码", "单位名称", "非零金额", "整万元金额", "占比", "偏离（标准误）", "明显偏高"])


def round_html(dashboard: Dashboard) -> str:
    from .report import table_html

    shares, pooled = _round_shares(dashboard)
    if not shares or pooled is None:
        return "<p>没有可比较的金额。</p>"
    flagged = sum(1 for _, share in shares if share.flagged)
    text = (
        f"整万元金额（1万元的整数倍）占全部单位非零金额的 {pooled:.1%}（共用一份公开文件的单位，其汇总数只计一次）。"
        f"占比高于该比例 {roundness.Z_FLAG:g} 个标准误以上、且金额不少于 {roundness.MIN_AMOUNTS} 个的单位标为明显偏高"
        f"（本次 {flagged} 个）：金额可能是估算或填报的整数，而非测算结果，值得询问测算依据；不能据此认定数字有误。"
    )
    frame = _round_frame(shares)
    return f"<p>{e(text)}</p>" + table_html(frame, "各单位整数金额比例", numeric=["非零金额", "整万元金额", "占比", "偏离（标准误）"])


def benford_frame(result: BenfordResult) -> pd.DataFrame:
    rows = result.rows()
    for row in rows:
        row["实际占比"] = f"{row['实际占比']:.1%}"
        row["本福特占比"] = f"{row['本福特占比']:.1%}"
    return pd.DataFrame(rows, columns=["首位数字", "个数", "实际占比", "本福特占比"])


def benford_html(dashboard: Dashboard) -> str:
    from .report import table_html

    b = dashboard.benford
    if b.mad is None:
        return "<p>没有可检验的金额。</p>"
    text = (
        f"全部单位公开文件中的 {b.count} 个非零金额（收支、变动、“三公”、资产、项目预算与金额类指标）的首位数字分布，"
        f"与本福特定律的平均绝对偏差 MAD = {b.mad:.4f}，按 Nigrini 首位数字标准"
        f"（≤0.006 高度符合，≤0.012 可接受，≤0.015 边缘可接受，以上为不符合）判定为：{b.label}。"
        "不符合只说明数字分布异常、值得关注，不能据此认定数字有误。"
    )
    return f"<p>{e(text)}</p>" + table_html(
        benford_frame(b), "首位数字分布", numeric=["个数", "实际占比", "本福特占比"]
    )


# --------------------------------------------------------------------------- charts


def _unit_label(u: UnitEntry, width: int = 16) -> str:
    return f"{u.unit} {charts.short_name(u.name, width)}" if u.name else u.unit


@charts._styled
def findings_by_unit_chart(dashboard: Dashboard, limit: int = CHART_LIMIT) -> MplFigure:
    """各单位发现问题: horizontal bars stacked by severity, most errors first."""
    title = "各单位发现问题"
    units = [u for u in dashboard.with_results]
    if not units:
        return charts.no_data_figure(title)
    shown = units[:limit]
    fig = charts._new_figure(height=max(3.0, 0.32 * len(shown) + 1.8))
    ax = fig.add_subplot()
    ys = list(range(len(shown)))
    left = [0] * len(shown)
    colours = {"error": charts.RED, "warning": charts.ORANGE, "info": charts.LIGHT_BLUE}
    for severity in SEVERITIES:
        widths = [u.count(severity) or 0 for u in shown]
        ax.barh(
            ys,
            widths,
            left=left,
            color=colours[severity],
            height=0.65,
            label=Severity(severity).label,
            edgecolor="white",
            linewidth=0.6,
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for y, total in enumerate(left):
        ax.annotate(
            str(total),
            (total, y),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7.5,
            color=charts.DARK,
        )
    ax.set_yticks(ys, [_unit_label(u) for u in shown])
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set_xlabel("问题条数")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", color=charts.LIGHT_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlim(0, max(left + [1]) * 1.12)
    totals = dashboard.totals()
    more = (
        f"仅显示问题最多的{limit}个单位（共{len(units)}个）"
        if len(units) > limit
        else f"共{len(units)}个单位"
    )
    charts._titles(
        fig,
        title,
        more,
        f"错误{totals['error']}、警告{totals['warning']}、提示{totals['info']}条",
        "按错误、警告条数排序",
    )
    charts._legend(fig, ax.get_legend_handles_labels()[0])
    return fig


@charts._styled
def per_staff_chart(
    dashboard: Dashboard, what: str = "sangong", limit: int = CHART_LIMIT
) -> MplFigure:
    """人均“三公”经费 / 人均机关运行经费 across units (万元 per staff member, from the quota)."""
    title, attr = {
        "sangong": ("人均“三公”经费（按编制数）", "sangong"),
        "running_costs": ("人均机关运行经费（按编制数）", "running_costs"),
    }[what]
    values: list[tuple[UnitEntry, float]] = []
    missing = 0
    for u in dashboard.with_results:
        per = _per_staff_wan(u.facts, getattr(u.facts, attr)) if u.facts else None
        if per is None:
            missing += 1
        else:
            values.append((u, float(per)))
    if not values:
        return charts.no_data_figure(title, "没有同时写明金额和编制数的单位")
    values.sort(key=lambda item: (-item[1], item[0].unit))
    shown = values[:limit]
    median = statistics.median(v for _, v in values)
    fig = charts._new_figure(height=max(3.0, 0.32 * len(shown) + 1.8))
    ax = fig.add_subplot()
    ys = list(range(len(shown)))
    colours = [charts.ORANGE if v > 2 * median and median > 0 else charts.BLUE for _, v in shown]
    ax.barh(ys, [v for _, v in shown], color=colours, height=0.65)
    for y, (_, v) in enumerate(shown):
        ax.annotate(
            f"{v:,.2f}",
            (v, y),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7.5,
            color=charts.DARK,
        )
    ax.axvline(median, color=charts.DARK, linewidth=1, linestyle="--")
    ax.set_yticks(ys, [_unit_label(u) for u, _ in shown])
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set_xlabel("万元/人")
    ax.grid(axis="x", color=charts.LIGHT_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlim(0, max(v for _, v in shown) * 1.18 or 1)
    parts = [
        f"中位数{median:,.2f}万元/人（虚线）",
        f"仅显示最高的{limit}个单位（共{len(values)}个）"
        if len(values) > limit
        else f"共{len(values)}个单位",
        "高于中位数2倍的标为橙色",
    ]
    if missing:
        parts.append(f"{missing}个单位缺金额或编制数，未列入")
    charts._titles(fig, title, *parts)
    charts._legend(
        fig,
        [
            Patch(color=charts.BLUE, label="人均金额"),
            Patch(color=charts.ORANGE, label="高于中位数2倍"),
        ],
    )
    return fig


@charts._styled
def benford_chart(result: BenfordResult) -> MplFigure:
    """首位数字分布与本福特定律: observed shares as bars, Benford's as a line."""
    title = "首位数字分布与本福特定律"
    if result.mad is None:
        return charts.no_data_figure(title, "没有可检验的金额")
    fig = charts._new_figure()
    ax = fig.add_subplot()
    digits = list(range(1, 10))
    ax.bar(
        digits,
        [result.observed[d] * 100 for d in digits],
        color=charts.BLUE,
        width=0.6,
        label="实际占比",
    )
    ax.plot(
        digits,
        [result.expected[d] * 100 for d in digits],
        color=charts.RED,
        marker="o",
        linewidth=1.5,
        markersize=4,
        label="本福特定律",
    )
    ax.set_xticks(digits, [str(d) for d in digits])
    ax.set_xlabel("首位数字")
    ax.set_ylabel("占比（%）")
    ax.grid(axis="y", color=charts.LIGHT_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    top = max(max(result.observed.values()), max(result.expected.values())) * 100
    ax.set_ylim(0, top * 1.15)
    charts._titles(
        fig,
        title,
        f"金额{result.count}个",
        f"MAD = {result.mad:.4f}：{result.label}",
        "Nigrini 标准：≤0.006 高度符合，≤0.012 可接受，≤0.015 边缘可接受",
    )
    charts._legend(fig, ax.get_legend_handles_labels()[0])
    return fig


def dashboard_charts(dashboard: Dashboard) -> dict[str, MplFigure]:
    """The cross-unit charts, keyed by a stable name, in page order."""
    return {
        "findings": findings_by_unit_chart(dashboard),
        "sangong_per_staff": per_staff_chart(dashboard, "sangong"),
        "running_per_staff": per_staff_chart(dashboard, "running_costs"),
        "benford": benford_chart(dashboard.benford),
    }


# --------------------------------------------------------------------------- exports


def findings_all_frame(dashboard: Dashboard) -> pd.DataFrame:
    """Every finding of every unit with results: the unit's name, then FINDING_COLUMNS."""
    rows = []
    for u in sorted(dashboard.with_results, key=lambda x: x.unit):
        reviews = {r.fingerprint: r for r in u.reviewed}
        for f in u.findings:
            row = finding_row(f)
            if not row[FINDING_COLUMNS["unit_code"]]:
                row[FINDING_COLUMNS["unit_code"]] = u.unit
            rows.append({UNIT_NAME_COLUMN: u.name, **row, **review_row(reviews.get(f.fingerprint))})
    return pd.DataFrame(rows, columns=[UNIT_NAME_COLUMN, *FINDING_COLUMNS.values(), *REVIEW_COLUMNS])


def findings_all_csv(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(frame.columns))
    writer.writerows(frame.itertuples(index=False, name=None))
    return buffer.getvalue()


def findings_all_xlsx(frame: pd.DataFrame, units: pd.DataFrame) -> bytes:
    numbers = units.map(lambda v: float(v) if isinstance(v, Decimal) else v)
    return workbook_bytes([("findings", frame), ("units", numbers)])


def write_findings_all(
    dashboard: Dashboard, output_dir: Path | None = None, cache: FactsCache | None = None
) -> list[Path]:
    """findings_all.csv (UTF-8 with BOM) and findings_all.xlsx (findings + units sheets).

    With a ``cache`` that remembers the same content, existing files are left as they are
    (writing the workbook is the slow part of a rebuild).
    """
    out = Path(output_dir or dashboard.output_dir)
    frame = findings_all_frame(dashboard)
    units = units_frame(dashboard)
    text = findings_all_csv(excel_text(frame))
    digest = hashlib.sha256((text + units.to_csv(index=False)).encode("utf-8")).hexdigest()
    paths = [out / FINDINGS_ALL_CSV, out / FINDINGS_ALL_XLSX]
    if cache is not None and cache.exports == digest and all(p.is_file() for p in paths):
        return paths
    written = [
        write_text_atomic(paths[0], text, encoding="utf-8-sig"),
        write_bytes_atomic(paths[1], findings_all_xlsx(frame, units)),
    ]
    if cache is not None:
        cache.exports, cache.changed = digest, True
    return written


# --------------------------------------------------------------------------- page


def _figure_html(fig: MplFigure, alt: str) -> str:
    return f'<p><img src="{charts.figure_to_data_uri(fig)}" alt="{e(alt)}"></p>'


def render_index(dashboard: Dashboard) -> str:
    """The whole index.html: inlined CSS, a table of contents, charts as data URIs."""
    from .render import add_toc, external_references

    n = len(dashboard.units)
    title = f"预算公开审计汇总（{n} 个单位）"
    figures = dashboard_charts(dashboard)
    alts = {
        "findings": "各单位发现问题",
        "sangong_per_staff": "人均“三公”经费",
        "running_per_staff": "人均机关运行经费",
        "benford": "首位数字分布与本福特定律",
    }
    charts_html = {key: _figure_html(fig, alts[key]) for key, fig in figures.items()}
    css = _CSS_PATH.read_text(encoding="utf-8") + _EXTRA_CSS
    body = "".join(
        [
            f"<h1>{e(title)}</h1>",
            "<!-- budget-audit:toc -->",
            "<h2>概况</h2>",
            summary_html(dashboard),
            "<h2>各单位情况</h2>",
            units_table_html(dashboard),
            f"<h2>运行失败的单位（{len(dashboard.by_status('failed'))}个）</h2>",
            failed_html(dashboard),
            "<h2>跨单位比较</h2>",
            "<h3>发现问题</h3>",
            charts_html["findings"],
            "<h3>人均“三公”经费与机关运行经费</h3>",
            '<p class="ba-note">人均数 = 公开文件中的金额 ÷ 编制总数；部门汇总口径的文件按部门编制计算。</p>',
            charts_html["sangong_per_staff"],
            charts_html["running_per_staff"],
            "<h3>整数金额比例</h3>",
            round_html(dashboard),
            "<h2>本福特首位数字检验</h2>",
            charts_html["benford"],
            benford_html(dashboard),
        ]
    )
    document = (
        '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="{INDEX_UNITS_META}" content="{e(" ".join(sorted(u.unit for u in dashboard.units)))}">\n'
        f"<title>{e(title)}</title>\n<style>{css}</style>\n</head>\n"
        f'<body class="ba-report ba-dashboard">\n<main>\n{body}\n</main>\n'
        f"<script>{_SORT_SCRIPT}</script>\n</body>\n</html>\n"
    )
    document = add_toc(document, scripts=[_SORT_SCRIPT])
    external = external_references(document)
    if external:
        raise ValueError(f"汇总页引用了外部资源：{'；'.join(external[:3])}")
    return document


class ExportsNotWritten(Exception):
    """index.html was written, findings_all.csv/.xlsx could not be (``index``: the page's path); one line why."""

    def __init__(self, index: Path, reason: str) -> None:
        super().__init__(reason)
        self.index = index


def build_index(output_dir: str | Path, params_dir: str | Path | None = None) -> Path:
    """Write ``<output_dir>/index.html`` and findings_all.csv/.xlsx, atomically; returns the
    path of index.html. The page is written even when the exports cannot be (a directory in the way, a full disk):
    :class:`ExportsNotWritten` then says why, after it."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    cache = FactsCache(output_dir / CACHE)
    dashboard = load_dashboard(output_dir, params_dir, cache)
    page = render_index(dashboard)
    try:
        write_findings_all(dashboard, output_dir, cache)
        failed = None
    except OSError as error:
        failed = f"汇总问题清单未能写入（{error.filename2 or error.filename or output_dir}：{os_reason(error)}）"
    index = write_text_atomic(output_dir / INDEX_HTML, page)
    cache.save()
    if failed:
        raise ExportsNotWritten(index, failed)
    return index


__all__ = [
    "ExportsNotWritten",
    "FINDINGS_ALL_CSV",
    "FINDINGS_ALL_XLSX",
    "INDEX_HTML",
    "Dashboard",
    "FactsCache",
    "UnitEntry",
    "UnitFacts",
    "benford_amounts",
    "benford_chart",
    "benford_html",
    "build_index",
    "dashboard_charts",
    "document_amounts",
    "failed_html",
    "findings_all_frame",
    "findings_by_unit_chart",
    "link_base",
    "load_dashboard",
    "per_staff_chart",
    "project_amounts",
    "read_manifest",
    "render_index",
    "round_frame",
    "round_html",
    "style_html",
    "summary_html",
    "unit_facts",
    "units_frame",
    "units_table_html",
    "write_findings_all",
]
