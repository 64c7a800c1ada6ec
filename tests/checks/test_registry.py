"""Meta-tests on the catalogue: cases, docs and codes for every rule."""

from __future__ import annotations

from collections import defaultdict

import pytest

from budget_audit.checks import REGISTRY, rule
from budget_audit.checks.base import DOC_SECTIONS

from .cases import load_cases

CASES = load_cases()


def test_registry_is_not_empty() -> None:
    assert len(REGISTRY) >= 1


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_rule_has_fire_and_quiet_cases(code: str) -> None:
    kinds = defaultdict(int)
    for case in CASES:
        if case.rule == code:
            kinds[case.expect] += 1
    assert kinds["fire"] >= 1, f"{code} has no case that fires"
    assert kinds["quiet"] >= 1, f"{code} has no case that stays quiet"


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_rule_docstring_has_all_sections(code: str) -> None:
    sections = REGISTRY[code].doc_sections()
    missing = [s for s in DOC_SECTIONS if not sections.get(s)]
    assert not missing, f"{code} docstring lacks {missing}"
    assert REGISTRY[code].title, f"{code} has no summary line"


def test_case_files_name_existing_rules() -> None:
    unknown = {c.rule for c in CASES} - set(REGISTRY)
    assert not unknown


def test_duplicate_code_is_refused() -> None:
    code = sorted(REGISTRY)[0]
    with pytest.raises(ValueError, match="duplicate"):
        rule(code=code, name="x", category="reconcile", severity="error", message="x")(lambda d, c: [])


def test_names_are_unique() -> None:
    names = [r.name for r in REGISTRY.values()]
    assert len(names) == len(set(names))


def test_hit_units_from_projects_or_from_evidence_lines(sample_path) -> None:
    """A hit belongs to the units of the project tables it is about; one line of the
    department's own text makes it the whole document's."""
    from budget_audit.checks.base import Hit, hit_units
    from budget_audit.model import Span
    from budget_audit.parse import parse_file

    doc = parse_file(sample_path)
    first, last = doc.projects[0], doc.projects[-1]  # 303001's first table, 303004's table
    assert hit_units(Hit(spans=[], project=last), doc) == {"303004"}
    assert hit_units(Hit(spans=[Span(1, 1, "")], projects=[first, last]), doc) == {"303001", "303004"}
    inside = Span(first.heading.span.line + 1, first.heading.span.line + 2, "")
    assert hit_units(Hit(spans=[inside]), doc) == {"303001"}
    assert hit_units(Hit(spans=[inside, Span(last.end_line, last.end_line, "")]), doc) == {"303001", "303004"}
    assert hit_units(Hit(spans=[inside, Span(214, 214, "")]), doc) is None  # line 214: 收支 text


def test_findings_sharing_a_fingerprint_are_kept_when_they_say_different_things() -> None:
    """Two changes of one item on one line, each held against last year's document, have
    the same rule, key and evidence text: both are reported, each with its own fingerprint;
    a finding repeated as it is is reported once."""
    from dataclasses import replace

    from budget_audit.checks import distinct, run_checks
    from budget_audit.parse import parse_file

    from .cases import SAMPLE

    first = run_checks(parse_file(SAMPLE))[0]
    second = replace(first, message=first.message + "（另一处）", expected="1", actual="2")
    kept = distinct([first, second, first, second])
    assert sorted(f.message for f in kept) == sorted([first.message, second.message])
    # the last keeps the fingerprint, as when only the last of them was reported
    [last] = [f for f in kept if f.message == second.message]
    [earlier] = [f for f in kept if f.message == first.message]
    assert last == second and earlier.fingerprint != first.fingerprint
    assert distinct([first, second]) == distinct([first, second])  # the derived one is stable
    assert distinct([first, first]) == [first]
