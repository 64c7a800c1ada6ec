"""The check catalogue: registry, runner and result document."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace

from ..amounts import money_shown_in
from ..config import Settings
from ..model import Disclosure
from . import completeness, consistency, indicators, reconcile, summary_table, variance  # noqa: F401  (registers rules)
from .base import (
    CATEGORIES,
    REGISTRY,
    Finding,
    Hit,
    Rule,
    RuleContext,
    Severity,
    hit_units,
    make_finding,
    rule,
    rule_title,
)

__all__ = [
    "CATEGORIES",
    "REGISTRY",
    "Finding",
    "Hit",
    "Rule",
    "RuleContext",
    "Severity",
    "distinct",
    "rule",
    "rule_title",
    "run_checks",
    "selected_rules",
]


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(p) for p in patterns)


def selected_rules(settings: Settings) -> list[Rule]:
    """Rules after ``select`` (codes or prefixes; empty = all) and ``ignore``."""
    rules = [r for code, r in sorted(REGISTRY.items()) if not settings.select or _matches(code, settings.select)]
    return [r for r in rules if not _matches(r.code, settings.ignore)]


def context_for(
    rule_: Rule, doc: Disclosure, settings: Settings, unit_code: str | None, prior: Disclosure | None = None
) -> RuleContext:
    params = {**rule_.params, **settings.globals(), **settings.rule_params.get(rule_.code, {})}
    return RuleContext(params=params, year=doc.year, unit_code=unit_code, prior=prior)


def run_checks(
    doc: Disclosure,
    settings: Settings | None = None,
    unit_code: str | None = None,
    prior: Disclosure | None = None,
) -> list[Finding]:
    """Run every selected rule; all findings are kept (no stop at the first).

    With ``unit_code``, findings about other budget units' project tables only are left
    out (:func:`~budget_audit.checks.base.hit_units`); ``prior`` is
    last year's document for the rules that compare the two. Ordering is
    deterministic: by first evidence line, then rule code, then fingerprint.
    """
    settings = settings or Settings()
    findings: list[Finding] = []
    with money_shown_in(doc.money_unit):  # sums and gaps in the document's own unit
        for rule_ in selected_rules(settings):
            ctx = context_for(rule_, doc, settings, unit_code, prior)
            for hit in rule_.func(doc, ctx):
                units = hit_units(hit, doc)
                if unit_code and units and unit_code not in units:
                    continue  # about other units' project tables only
                findings.append(make_finding(rule_, hit, ctx, units))
    return sorted(distinct(findings), key=lambda f: (f.first_line, f.code, f.fingerprint))


def distinct(findings: Iterable[Finding]) -> list[Finding]:
    """The findings without repeats, each with a fingerprint of its own.

    A finding equal to another with the same fingerprint is a repeat and is dropped. Two
    that share a fingerprint (same rule, key and evidence text) but are not the same (two
    changes of one item stated on one line, each against last year's document; one copy
    of a project table listed twice) are both kept: the last one keeps the fingerprint —
    the one reported when only one of them was — and an earlier one's is derived from its
    expected and actual values, so a review decision made on one never lands on the other.
    """
    kept: dict[tuple[str, str], Finding] = {}
    for f in reversed(list(findings)):
        fp = f.fingerprint
        while (f.code, fp) in kept and kept[(f.code, fp)] != replace(f, fingerprint=fp):
            fp = hashlib.sha256(f"{fp}\x1f{f.expected}\x1f{f.actual}".encode()).hexdigest()[:16]
        kept.setdefault((f.code, fp), replace(f, fingerprint=fp))
    return list(kept.values())
