"""Recall of the injected defects of a synthetic corpus (see make_corpus.py).

Every document of the corpus is parsed and checked in-process with its unit's settings
(``budget_audit.parse.parse_file`` + ``budget_audit.checks.run_checks`` with
``config.load_unit``). An injected defect is *detected* when a finding with the expected
rule code has a line among the lines the injection edited.

Error and warning findings that match no injected defect are then compared with the
template's own findings (the real sample's problems, which every synthetic document
inherits on the same lines): a finding whose rule code and lines equal one of those is
*baseline*; the rest are *outside* the injected set — either *collateral* (on a line an
injection edited, e.g. a placeholder that also leaves a value without its unit) or
*unexplained* (elsewhere: a perturbation that changed what the original said).

    .venv/bin/python benchmarks/recall.py OUT
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from budget_audit.checks import Finding, run_checks
from budget_audit.config import load_settings, load_unit
from budget_audit.parse import parse_file

REPO = Path(__file__).resolve().parent.parent
GOAL = 0.95
SERIOUS = ("error", "warning")


@dataclass
class Miss:
    unit: str
    rule: str
    kind: str
    lines: list[int]
    description: str
    found_on_lines: list[str]  # codes of the findings that do touch the edited lines


@dataclass
class Outside:
    unit: str
    code: str
    severity: str
    lines: tuple[int, ...]
    message: str
    collateral: bool


@dataclass
class RecallReport:
    units: int = 0
    injected: int = 0
    detected: int = 0
    by_rule: dict[str, list[int]] = field(default_factory=dict)  # rule → [injected, detected]
    missed: list[Miss] = field(default_factory=list)
    outside: list[Outside] = field(default_factory=list)
    baseline_missing: int = 0  # the template's error/warning findings absent from a document
    seconds: float = 0.0

    @property
    def recall(self) -> float:
        return self.detected / self.injected if self.injected else 1.0

    @property
    def collateral(self) -> int:
        return sum(1 for o in self.outside if o.collateral)

    @property
    def unexplained(self) -> int:
        return sum(1 for o in self.outside if not o.collateral)

    def format(self) -> str:
        lines = [
            f"injected-defect recall: {self.detected}/{self.injected} = {self.recall:.1%} "
            f"(goal ≥ {GOAL:.0%}) over {self.units} units, checked in {self.seconds:.1f} s",
            f"error/warning findings outside the injected set and the template's own: {len(self.outside)} "
            f"(on edited lines: {self.collateral}; elsewhere: {self.unexplained}); "
            f"template findings missing from a document: {self.baseline_missing}",
            "by rule: "
            + ", ".join(f"{code} {d}/{n}" for code, (n, d) in sorted(self.by_rule.items())),
        ]
        for miss in self.missed[:20]:
            lines.append(
                f"  MISSED {miss.unit} {miss.rule} lines {miss.lines}: {miss.description} "
                f"(findings on those lines: {', '.join(miss.found_on_lines) or 'none'})"
            )
        for o in [o for o in self.outside if not o.collateral][:10]:
            lines.append(
                f"  OUTSIDE {o.unit} {o.code} {o.severity} lines {list(o.lines)[:6]}: {o.message[:120]}"
            )
        counts = Counter(o.code for o in self.outside if o.collateral)
        if counts:
            lines.append(
                "collateral by rule: " + ", ".join(f"{c} {n}" for c, n in sorted(counts.items()))
            )
        return "\n".join(lines)


def _ground_truth(out: Path) -> dict[str, list[dict]]:
    by_unit: dict[str, list[dict]] = defaultdict(list)
    path = out / "ground_truth.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            by_unit[str(item["unit"])].append(item)
    return by_unit


def template_findings(out: Path) -> list[Finding]:
    """The template document's own findings, with the corpus's default settings."""
    manifest = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    template = manifest["template"]
    path = Path(template["path"])
    path = path if path.is_absolute() else REPO / path
    settings = load_settings(out / "params" / "defaults.yaml")
    return run_checks(parse_file(path), settings, template["unit"])


def measure_recall(out_dir: Path) -> RecallReport:
    """Parse and check every unit of the corpus in ``out_dir``; compare with its ground truth."""
    started = time.perf_counter()
    out = Path(out_dir)
    truth = _ground_truth(out)
    baseline = {(f.code, f.lines) for f in template_findings(out) if f.severity in SERIOUS}
    report = RecallReport()
    for params in sorted((out / "params" / "units").glob("*.yaml")):
        unit = load_unit(params)
        findings = run_checks(parse_file(unit.sources[0]), unit.settings, unit.unit)
        report.units += 1
        defects = truth.get(unit.unit, [])
        edited = {n for d in defects for n in d["lines"]}
        for d in defects:
            lines = set(d["lines"])
            counts = report.by_rule.setdefault(d["rule"], [0, 0])
            counts[0] += 1
            report.injected += 1
            if any(f.code == d["rule"] and lines & set(f.lines) for f in findings):
                counts[1] += 1
                report.detected += 1
            else:
                touching = sorted({f.code for f in findings if lines & set(f.lines)})
                report.missed.append(
                    Miss(unit.unit, d["rule"], d["kind"], d["lines"], d["description"], touching)
                )
        seen = set()
        for f in findings:
            if f.severity not in SERIOUS:
                continue
            key = (f.code, f.lines)
            seen.add(key)
            if any(f.code == d["rule"] and set(d["lines"]) & set(f.lines) for d in defects):
                continue
            if key in baseline:
                continue
            report.outside.append(
                Outside(
                    unit.unit, f.code, f.severity, f.lines, f.message, bool(edited & set(f.lines))
                )
            )
        report.baseline_missing += sum(
            1 for code, lines in baseline - seen if not edited & set(lines)
        )
    report.seconds = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="合成语料中注入问题的检出率")
    parser.add_argument("out", type=Path, help="make_corpus.py 生成的目录")
    args = parser.parse_args(argv)
    if not (args.out / "corpus.json").is_file():
        print(f"recall: {args.out} 不是合成语料目录（没有 corpus.json）", file=sys.stderr)
        return 2
    report = measure_recall(args.out)
    print(report.format())
    return 0 if report.recall >= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
