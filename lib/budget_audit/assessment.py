"""One unit parsed and checked, as plain data: what the report and the chart drawers share.

:func:`assess` reads the unit's params, parses its document (and last year's when the
params name one), checks that the years agree, runs the checks and lists the year-on-year
rows, and reads the unit's review decisions. It imports neither pandas nor matplotlib: :mod:`budget_audit.report` builds its
tables from it, and the processes that draw a unit's charts ahead
(:mod:`budget_audit.prerender`) draw from it without paying for pandas.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import UnitParams, check_years, load_unit, project_root
from .model import Disclosure, UnitGoals
from .parse import parse_file
from .publisher import publisher
from .results import CheckResult, check_document
from .review import Decision, ledger_path, read_current
from .variance import yoy_rows

if TYPE_CHECKING:
    from .checks import Finding


@dataclass(frozen=True)
class Assessment:
    params: UnitParams
    doc: Disclosure
    prior: Disclosure | None
    result: CheckResult
    yoy_rows: list[dict[str, Any]]
    """The rows of the year-on-year table (:func:`~budget_audit.variance.yoy_rows`)."""
    decisions: Mapping[str, Decision] = field(default_factory=dict)
    """The unit's current review decisions by fingerprint (its ledger's, read once)."""

    @property
    def active_findings(self) -> list[Finding]:
        """The findings not dismissed on review (已排除): what the narrative, the counts and the charts speak of."""
        return active(self.result.findings, self.decisions)

    @property
    def dismissed_findings(self) -> list[Finding]:
        """The findings dismissed on review (已排除), which the narrative names as such where it would cite them."""
        kept = {f.fingerprint for f in self.active_findings}
        return [f for f in self.result.findings if f.fingerprint not in kept]

    @property
    def unit_doc(self) -> Disclosure:
        """The document with only this unit's project tables (for project charts) — and, for a unit published in
        another's document, without the publisher's unit-wide goals (its indicators are none of this unit's)."""
        mine = only_unit(self.doc, self.params.unit)
        if publisher(self.doc, self.params.unit, self.params.name or "") is not None:
            mine = replace(mine, unit_goals=UnitGoals())
        return mine


def active(findings: list[Finding], decisions: Mapping[str, Decision]) -> list[Finding]:
    """``findings`` less those dismissed on review (已排除)."""
    return [f for f in findings if not ((d := decisions.get(f.fingerprint)) and d.dismissed)]


def only_unit(doc: Disclosure, code: str) -> Disclosure:
    """The document with only the project tables of budget unit ``code``."""
    return replace(doc, projects=[p for p in doc.projects if p.unit_code is None or p.unit_code.text == code])


def assess(params: UnitParams | str | Path) -> Assessment:
    """Parse and check the unit of ``params`` (a params file or loaded params)."""
    unit = params if isinstance(params, UnitParams) else load_unit(params)
    doc = parse_file(unit.sources[0])
    prior = parse_file(unit.prior_source) if unit.prior_source else None
    check_years(unit, doc.year, prior.year if prior else None)
    result = check_document(doc, unit.settings, unit.unit, prior)
    _paths_in_project(result.document, project_root(Path(unit.path)))
    decisions = read_current(ledger_path(unit))
    rows = yoy_rows(doc, unit.settings, active(result.findings, decisions), prior)
    return Assessment(unit, doc, prior, result, rows, decisions)


def _paths_in_project(document: dict[str, Any], root: Path) -> None:
    """The document's and its prior's paths relative to the project ``root`` when inside it: the findings JSON of a
    project moved or cloned elsewhere stays the same, byte for byte (the params file resolves them absolute)."""
    def shown(path: str) -> str:
        try:
            return Path(path).relative_to(root).as_posix()
        except ValueError:
            return path

    document["path"] = shown(document["path"])
    if isinstance(prior := document.get("prior"), dict):
        prior["path"] = shown(prior["path"])


def inputs_key(assessment: Assessment) -> str:
    """What the charts are drawn from, as one digest: the bytes of the document (and of last year's) that were
    parsed, the unit's parameters and the findings dismissed on review. Two processes that each assess the unit
    (:mod:`budget_audit.prerender`) drew the same charts only if their keys are equal — a document saved, or a
    decision recorded, between their reads gives another."""
    parts = [assessment.doc.source.sha256, assessment.prior.source.sha256 if assessment.prior else "",
             repr(assessment.params), *sorted(f.fingerprint for f in assessment.dismissed_findings)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def draw_chart(assessment: Assessment, name: str) -> Any:
    """Draw the report chart ``name`` (a key of ``charts.REPORT_CHARTS``) as a Figure."""
    from . import charts  # matplotlib only where a chart is drawn

    return charts.REPORT_CHARTS[name](assessment.unit_doc, assessment.yoy_rows, assessment.active_findings)


__all__ = ["Assessment", "assess", "draw_chart", "inputs_key", "only_unit"]
