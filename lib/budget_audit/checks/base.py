"""Rule metadata, findings and the one rule registry.

A rule is a function ``(doc, ctx) -> Iterable[Hit]`` registered with :func:`rule`. The
framework turns each :class:`Hit` into a :class:`Finding`: it adds the rule's code,
name, category and severity, renders the Chinese message from the rule's template and
the hit's named fields, collects the evidence lines and computes the fingerprint.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from ..amounts import fmt_money, fmt_wan, fmt_yuan, shown_unit
from ..model import Disclosure, Project, Span, line_range

CATEGORIES: dict[str, str] = {
    "reconcile": "勾稽核对",
    "completeness": "完整性",
    "indicator": "绩效指标质量",
    "consistency": "一致性",
    "variance": "同比变动",
}

DOC_SECTIONS = ("检查内容", "审计意义", "示例", "参数", "常见误报")

def quoted(name: str) -> str:
    """``name`` in Chinese quotation marks, unless it begins with its own (“三公”经费合计)."""
    return name if name.startswith("“") else f"“{name}”"


#: Appended to the message of a hit that compares a figure written as approximate.
APPROX_NOTE = "（文中为约数，已按约数放宽容差）"

DEFAULT_COMPARE = ("应为", "实际")
"""Names of a hit's ``expected`` and ``actual`` when the rule gives none: for rules whose
expected value is a requirement (a unit, an operator, 100%). Rules that compare two
figures of the document name both (``("合计", "各项之和")``): either may be the wrong one."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    message: str | Mapping[str, str]
    params: Mapping[str, Any]
    func: Callable[[Disclosure, RuleContext], Iterable[Hit]]
    doc: str
    compare: tuple[str, str] | Mapping[str, tuple[str, str]] = DEFAULT_COMPARE

    def compare_labels(self, variant: str) -> tuple[str, str]:
        """What a hit's ``expected`` and ``actual`` are, for the variant's message."""
        if isinstance(self.compare, tuple):
            return self.compare
        return self.compare.get(variant, DEFAULT_COMPARE)

    @property
    def title(self) -> str:
        """First docstring line: the rule's one-sentence Chinese summary."""
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else self.name

    def doc_sections(self) -> dict[str, str]:
        return parse_doc_sections(self.doc)


@dataclass
class Hit:
    """What a rule found: the evidence spans, the figures compared and message fields.

    ``expected``/``actual`` are Decimals (yuan for money) or short strings. ``key`` is
    extra text that distinguishes two hits of one rule on the same evidence. ``project``
    (one) or ``projects`` (several) name the project tables a hit is about, which decide
    the budget units it belongs to. ``approx``: a figure compared is written as approximate
    (约…), so the tolerance was wider; the message says so (``APPROX_NOTE``).
    """

    spans: Sequence[Span]
    expected: Decimal | str | None = None
    actual: Decimal | str | None = None
    project: Project | None = None
    projects: Sequence[Project] = ()  # further projects the hit is about (see hit_units)
    whole_document: bool = False  # about the document even where its evidence is in project tables
    severity: Severity | None = None
    variant: str = "default"
    fields: dict[str, Any] = field(default_factory=dict)
    key: str = ""
    approx: bool = False


@dataclass(frozen=True)
class Evidence:
    line: int
    end_line: int
    text: str

    @property
    def where(self) -> str:
        """The lines to open (:func:`~budget_audit.model.line_range`)."""
        return line_range(self.line, self.end_line)


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    category: str
    severity: str
    message: str
    expected: str | None
    actual: str | None
    unit_code: str | None
    project_code: str | None
    project_name: str | None
    lines: tuple[int, ...]
    evidence: tuple[Evidence, ...]
    fingerprint: str
    money: bool = True  # expected/actual are yuan amounts
    money_unit: str = "万元"  # the unit the message shows sums in, the document's own (元 or 万元): compared figures too
    expected_label: str = DEFAULT_COMPARE[0]  # what expected is, e.g. "合计"
    actual_label: str = DEFAULT_COMPARE[1]  # what actual is, e.g. "各项之和"

    @property
    def first_line(self) -> int:
        return self.lines[0] if self.lines else 0


@dataclass(frozen=True)
class RuleContext:
    """What a rule sees besides the document: its merged parameters and the budget year."""

    params: Mapping[str, Any]
    year: int | None
    unit_code: str | None = None
    prior: Disclosure | None = None  # last year's document, when the unit's params supply it

    def __getitem__(self, key: str) -> Any:
        return self.params[key]


REGISTRY: dict[str, Rule] = {}


def rule_title(code: str) -> str:
    """What rule ``code`` checks, in Chinese, for a reader (:attr:`Rule.title` without its full stop); the code
    itself for a rule not registered here (a finding read back from an older findings.json)."""
    return REGISTRY[code].title.rstrip("。") if code in REGISTRY else code


def rule(
    *,
    code: str,
    name: str,
    category: str,
    severity: str,
    message: str | Mapping[str, str],
    params: Mapping[str, Any] | None = None,
    compare: tuple[str, str] | Mapping[str, tuple[str, str]] = DEFAULT_COMPARE,
) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Register a rule. Codes are stable and never reused.

    ``compare`` names the two figures a hit compares (``expected``, ``actual``), per
    message variant when it is a mapping.
    """
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r} for {code}")
    if not re.fullmatch(r"[A-Z]{2}\d{3}", code):
        raise ValueError(f"rule code {code!r} must look like RC001")

    def register(func: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if code in REGISTRY:
            raise ValueError(f"duplicate rule code {code}")
        REGISTRY[code] = Rule(
            code=code,
            name=name,
            category=category,
            severity=Severity(severity),
            message=message,
            params=dict(params or {}),
            func=func,
            doc=inspect.getdoc(func) or "",
            compare=compare,
        )
        return func

    return register


def parse_doc_sections(doc: str) -> dict[str, str]:
    """Split a rule docstring into its 检查内容/审计意义/… sections."""
    sections: dict[str, str] = {}
    current: str | None = None
    for line in doc.splitlines():
        stripped = line.strip().rstrip("：:")
        if stripped in DOC_SECTIONS:
            current = stripped
            sections[current] = ""
        elif current is not None:
            sections[current] += line + "\n"
    return {k: v.strip() for k, v in sections.items()}


def fmt_value(value: Decimal | str | None, money: bool = True) -> str | None:
    """Decimal yuan → ``1,234.56万元`` (or 元, :func:`~budget_audit.amounts.fmt_money`) for messages; strings pass through."""
    if value is None or isinstance(value, str):
        return value
    return fmt_money(value) if money else f"{value.normalize():f}"


_CENT = Decimal("0.01")


def to_str(value: Decimal | str | None, money: bool = False) -> str | None:
    """The exact value for JSON: Decimal as a plain string; money (yuan) always with two
    decimals ("304000.00", not "304000.0" as 30.4万 parses)."""
    if value is None or isinstance(value, str):
        return value
    if money and value == value.quantize(_CENT):
        value = value.quantize(_CENT)
    return f"{value:f}"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


def fingerprint(code: str, unit: str | None, evidence_texts: Iterable[str], key: str) -> str:
    """Stable identity: rule, unit and the normalised evidence text — not line numbers."""
    payload = "\x1f".join([code, unit or "", key, *sorted(_normalise(t) for t in evidence_texts)])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def _project_units(projects: Iterable[Project]) -> frozenset[str] | None:
    units = set()
    for p in projects:
        if p.unit_code is None:
            return None  # a table of no stated unit: it may be anyone's
        units.add(p.unit_code.text)
    return frozenset(units)


def hit_units(hit: Hit, doc: Disclosure) -> frozenset[str] | None:
    """The budget units whose project tables a hit is about; None when it is the document's.

    The hit's own ``project``/``projects`` decide when it names any. Otherwise its
    evidence does: a hit whose every line lies in project tables (duplicate names, copied
    targets, repeated paragraphs) belongs to the units of those tables; one line outside
    them (the department's text), or ``whole_document``, makes it the document's.
    """
    if hit.whole_document:
        return None
    named = ([hit.project] if hit.project is not None else []) + list(hit.projects)
    if named:
        return _project_units(named)
    tables = [(p.heading.span.line, max(p.end_line, p.heading.span.line), p) for p in doc.projects]
    owners = []
    for span in hit.spans:
        inside = [p for first, last, p in tables if first <= span.line and span.end_line <= last]
        if not inside:
            return None
        owners.extend(inside)
    return _project_units(owners) if owners else None


def make_finding(rule_: Rule, hit: Hit, ctx: RuleContext, units: frozenset[str] | None = None) -> Finding:
    """The finding of ``hit``; ``units`` (from :func:`hit_units`) attribute it to its one
    budget unit when it has one, else it carries the unit the checks ran for."""
    spans = sorted({(s.line, s.end_line, s.text) for s in hit.spans})
    evidence = tuple(Evidence(a, b, t) for a, b, t in spans)
    lines = tuple(sorted({n for a, b, _ in spans for n in range(a, b + 1)}))
    unit = next(iter(units)) if units is not None and len(units) == 1 else ctx.unit_code
    money = hit.fields.pop("_money", True)
    fields = {
        "expected": fmt_value(hit.expected, money),
        "actual": fmt_value(hit.actual, money),
        "project": hit.project.title if hit.project is not None else "",
        **hit.fields,
    }
    if isinstance(hit.expected, Decimal) and isinstance(hit.actual, Decimal):
        fields.setdefault("diff", fmt_value(abs(hit.actual - hit.expected), money))
        gap = abs(hit.actual - hit.expected)
        if money and not hit.approx and gap and (fmt_wan(hit.expected) == fmt_wan(hit.actual) or fmt_wan(gap) == fmt_wan(Decimal(0))):
            # a gap that 万元 to the cent hides (347,513.10元 against 347,511.10元, or a 50元 gap: "相差 0.00万元"): in 元
            shown = {"expected": hit.expected, "actual": hit.actual, "diff": abs(hit.actual - hit.expected)}
            fields.update({k: fmt_yuan(v) for k, v in shown.items()})
    template = rule_.message if isinstance(rule_.message, str) else rule_.message[hit.variant]
    message = template.format(**fields) + (APPROX_NOTE if hit.approx else "")
    project_code = hit.project.code.text if hit.project is not None and hit.project.code else None
    expected_label, actual_label = rule_.compare_labels(hit.variant)
    return Finding(
        code=rule_.code,
        name=rule_.name,
        category=rule_.category,
        severity=(hit.severity or rule_.severity).value,
        message=message,
        expected=to_str(hit.expected, money),
        actual=to_str(hit.actual, money),
        unit_code=unit,
        project_code=project_code,
        project_name=hit.project.title if hit.project is not None else None,
        lines=lines,
        evidence=evidence,
        fingerprint=fingerprint(rule_.code, unit, [t for _, _, t in spans], hit.key),
        money=money and (isinstance(hit.expected, Decimal) or isinstance(hit.actual, Decimal)),
        money_unit=shown_unit(),
        expected_label=expected_label,
        actual_label=actual_label,
    )
