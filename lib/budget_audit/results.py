"""A check run's result document and its renderings (JSON, CSV, terminal table)."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .amounts import fmt_money
from .checks import CATEGORIES, Finding, Severity, rule_title, run_checks
from .config import Settings
from .errors import printable
from .jsonio import dumps
from .model import Disclosure

#: Column key → Chinese header, for CSV/XLSX exports.
FINDING_COLUMNS: dict[str, str] = {
    "severity": "级别",
    "code": "规则代码",
    "name": "规则名称",
    "category": "类别",
    "message": "问题说明",
    "compared": "对比数值",
    "unit_code": "单位代码",
    "project_code": "项目编码",
    "project_name": "项目名称",
    "lines": "原文行号",
    "evidence": "原文",
    "fingerprint": "指纹",
}


@dataclass(frozen=True)
class CheckResult:
    document: dict[str, Any]
    findings: list[Finding]

    def summary(self) -> dict[str, Any]:
        by_severity = Counter(f.severity for f in self.findings)
        by_category = Counter(f.category for f in self.findings)
        return {
            "total": len(self.findings),
            "by_severity": {s.value: by_severity.get(s.value, 0) for s in Severity},
            "by_category": {c: by_category.get(c, 0) for c in CATEGORIES},
        }

    def to_jsonable(self) -> dict[str, Any]:
        return {"document": self.document, "findings": self.findings, "summary": self.summary()}


def document_info(doc: Disclosure) -> dict[str, Any]:
    return {
        "path": doc.source.path,
        "sha256": doc.source.sha256,
        "encoding": doc.source.encoding,
        "line_count": doc.source.line_count,
        "title": doc.title.text if doc.title else None,
        "issuer": doc.issuer.text if doc.issuer else None,
        "year": doc.year,
        "kind": doc.kind,
        "units": [{"code": code, "name": name} for code, name in doc.units()],
        "missing": doc.missing,
    }


def check_document(
    doc: Disclosure,
    settings: Settings | None = None,
    unit_code: str | None = None,
    prior: Disclosure | None = None,
) -> CheckResult:
    info = document_info(doc)
    if unit_code:
        info["unit_code"] = unit_code
    if prior is not None:
        info["prior"] = {"path": prior.source.path, "sha256": prior.source.sha256, "year": prior.year}
    return CheckResult(info, run_checks(doc, settings, unit_code, prior))


def to_json(result: CheckResult) -> str:
    return dumps(result.to_jsonable())


def compared(finding: Finding) -> str:
    """The two figures a finding compares, each named by what it is (money in the unit of its message):
    ``“三公”经费合计：18.84万元；各项之和：13.44万元``. Empty when it compares none."""

    def show(value: str) -> str:
        if finding.money:
            try:
                return fmt_money(Decimal(value), finding.money_unit)
            except ArithmeticError:
                return value
        return value

    sides = ((finding.expected_label, finding.expected), (finding.actual_label, finding.actual))
    return "；".join(f"{label}：{show(value)}" for label, value in sides if value is not None)


def finding_row(f: Finding) -> dict[str, str]:
    """A finding as a flat row with Chinese-labelled columns."""
    values = {
        "severity": Severity(f.severity).label,
        "code": f.code,
        "name": rule_title(f.code),
        "category": CATEGORIES[f.category],
        "message": f.message,
        "compared": compared(f),
        "unit_code": f.unit_code or "",
        "project_code": f.project_code or "",
        "project_name": f.project_name or "",
        "lines": "、".join(str(n) for n in f.lines),  # not 129,134: Excel reads that as one number
        "evidence": " / ".join(f"{e.where}：{e.text}" for e in f.evidence),
        "fingerprint": f.fingerprint,
    }
    return {FINDING_COLUMNS[k]: v for k, v in values.items()}


def to_csv(result: CheckResult) -> str:
    """The findings as a CSV file for Excel, like a run's findings.csv: UTF-8 with a BOM, Chinese
    headers, document text that Excel would take for a formula kept text (:func:`~budget_audit.xlsx.excel_cell`)."""
    from .xlsx import EXCEL_CSV_BOM, excel_cell

    buffer = io.StringIO()
    buffer.write(EXCEL_CSV_BOM)
    writer = csv.DictWriter(buffer, fieldnames=list(FINDING_COLUMNS.values()), lineterminator="\n")
    writer.writeheader()
    for finding in result.findings:
        writer.writerow({column: excel_cell(value) for column, value in finding_row(finding).items()})
    return buffer.getvalue()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _lines_label(f: Finding) -> str:
    if not f.lines:
        return "—"
    shown = ",".join(str(n) for n in f.lines[:4])
    return shown + ("…" if len(f.lines) > 4 else "")


def to_table(result: CheckResult) -> str:
    """A readable Chinese table for the terminal; control characters from the document
    (an escape sequence would act on the terminal) are shown escaped (``\\x1b``)."""
    doc = result.document
    head = printable(f"{doc.get('title') or doc['path']}（{doc['path']}）")
    rows = [("级别", "规则", "行号", "问题说明")]
    rows += [(Severity(f.severity).label, f.code, _lines_label(f), printable(f.message))
             for f in result.findings]
    widths = [max(_width(r[i]) for r in rows) for i in range(3)]
    out = [head, ""]
    for i, row in enumerate(rows):
        out.append("  ".join(_pad(cell, widths[j]) for j, cell in enumerate(row[:3])) + "  " + row[3])
        if i == 0:
            out.append("-" * (sum(widths) + 6 + 8))
    s = result.summary()
    sev = s["by_severity"]
    out += ["", f"共 {s['total']} 条：错误 {sev['error']}，警告 {sev['warning']}，提示 {sev['info']}"]
    return "\n".join(out) + "\n"
