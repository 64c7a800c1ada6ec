"""Loading and running the per-rule YAML cases under tests/checks/cases/.

A case builds a document either from the bundled sample with exact-text edits
(``base: sample`` + ``edits``) or from inline text (``doc: |``), runs only its rule,
and expects it to ``fire`` (optionally on given ``lines``, ``count`` times, with given
``severities`` in order) or stay ``quiet``. ``prior:`` (same shape: ``base``/``doc`` + ``edits``) supplies last year's
document for rules that compare the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from budget_audit.checks import Finding, run_checks
from budget_audit.config import Settings
from budget_audit.ingest import read_text
from budget_audit.parse import parse_lines

ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = Path(__file__).resolve().parent / "cases"
SAMPLE = ROOT / "samples" / "dachang-fgj-2023.txt"


@dataclass
class Case:
    rule: str
    name: str
    expect: str
    text: str
    lines: list[int] = field(default_factory=list)
    count: int | None = None
    params: dict[str, Any] = field(default_factory=dict)
    unit: str | None = None
    prior: str | None = None  # text of last year's document, for rules that compare
    severities: list[str] | None = None  # the findings' severities, in order (a rule with variants of its own)

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.expect}:{self.name}"


def apply_edits(text: str, edits: list[Any], where: str) -> str:
    """Apply ``[old, new]`` (first occurrence, must exist), ``{line: N, text: ...}``
    (replace line N) and ``{delete_lines: [a, b]}`` (drop lines a..b) in order."""
    for edit in edits:
        if isinstance(edit, list):
            old, new = edit
            if old not in text:
                raise AssertionError(f"{where}: edit text not found: {old!r}")
            text = text.replace(old, new, 1)
        elif "line" in edit:
            lines = text.split("\n")
            lines[edit["line"] - 1] = edit["text"]
            text = "\n".join(lines)
        elif "delete_lines" in edit:
            first, last = edit["delete_lines"]
            lines = text.split("\n")
            del lines[first - 1 : last]
            text = "\n".join(lines)
        else:
            raise AssertionError(f"{where}: unknown edit {edit!r}")
    return text


def load_cases() -> list[Case]:
    cases: list[Case] = []
    sample = SAMPLE.read_text(encoding="utf-8")
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["cases"]:
            where = f"{path.name}:{item['name']}"
            text = _build(item, sample, where)
            prior = _build(item["prior"], sample, f"{where}:prior") if "prior" in item else None
            cases.append(
                Case(
                    rule=data["rule"],
                    name=item["name"],
                    expect=item["expect"],
                    text=text,
                    lines=item.get("lines", []),
                    count=item.get("count"),
                    params=item.get("params", {}),
                    unit=item.get("unit"),
                    prior=prior,
                    severities=item.get("severities"),
                )
            )
    return cases


def _build(item: dict[str, Any], sample: str, where: str) -> str:
    base = sample if item.get("base") == "sample" else item["doc"]
    return apply_edits(base, item.get("edits", []), where)


def parse_text(text: str, name: str = "<case>"):
    return parse_lines(*read_text(text, name))


def run_rule(
    code: str, text: str, params: dict[str, Any] | None = None, unit: str | None = None, prior: str | None = None
) -> list[Finding]:
    settings = Settings(select=(code,), rule_params={code: params or {}})
    prior_doc = parse_text(prior, "<prior>") if prior is not None else None
    return [f for f in run_checks(parse_text(text), settings, unit_code=unit, prior=prior_doc) if f.code == code]
