"""Every rule's YAML cases: each must fire where it says and stay quiet where it says."""

from __future__ import annotations

import pytest

from budget_audit.checks.base import REGISTRY

from .cases import Case, load_cases, run_rule

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    findings = run_rule(case.rule, case.text, case.params, case.unit, case.prior)
    summary = [(f.severity, f.lines[:6], f.message) for f in findings]
    if case.expect == "quiet":
        assert not [f for f in findings if f.severity != "info"], summary
        if case.count is not None or REGISTRY[case.rule].severity == "info":
            # an info rule's quiet case means no finding at all (else it could not fail); a rule that also
            # reports some info it needs `count` (how many info findings remain)
            assert len(findings) == (case.count or 0), summary
        return
    assert case.expect == "fire", case.expect
    assert findings, f"{case.rule} did not fire"
    if case.count is not None:
        assert len(findings) == case.count, summary
    if case.severities is not None:
        assert [f.severity for f in findings] == case.severities, summary
    for line in case.lines:
        assert any(line in f.lines for f in findings), f"line {line} not in {summary}"
    for finding in findings:
        assert finding.lines, "a finding must name its source lines"
        assert finding.message
