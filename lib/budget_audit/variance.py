"""Variance tables: this year vs the prior year implied by the stated changes, and —
when last year's document is supplied — this document vs that one.

Amounts in the tables are Decimal 万元 (exact); percentages are Decimal with one
decimal. Each row keeps the source line numbers it rests on. pandas is imported where a
table is made: the chart drawers of a unit run (:mod:`budget_audit.prerender`) use the
rows of :func:`yoy_rows` and never import it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .amounts import fmt_money, money_shown_in, wan
from .checks.base import Severity
from .checks.variance import (
    Movement,
    amount_and_words,
    approx_amount,
    is_material,
    movement_reasons,
    movements,
    rate,
    reasons_joined,
)
from .config import Settings
from .model import Disclosure, Figure, Project, source_of

if TYPE_CHECKING:
    import pandas as pd

    from .checks import Finding

YOY_COLUMNS = ["项目", "本年", "上年", "上年文件", "变动额", "变动率", "重大变动", "约数", "原因", "相关问题", "行号"]
COMPARE_COLUMNS = ["项目", "本年", "上年", "变动额", "变动率", "所述变动", "差异", "本年行号", "上年行号"]
SAID = "said"
"""Key of a row of :func:`yoy_rows` that is no column of the table: how the narrative words the row's change
(:func:`said`), so that it words the rows it is given and works out no movements of its own."""
REASONS = "reasons"
"""Key of a row of :func:`yoy_rows` that is no column either: the unit's reason as the document words it, by part
for a total explained by its parts (:func:`~budget_audit.checks.variance.reasons`), so that the narrative quotes
only the document's own words."""

PROJECT_COLUMNS = ["项目编码", "项目名称", "本年预算", "上年预算", "变动额", "变动率", "匹配方式", "本年行号", "上年行号"]

_CENT = Decimal("0.01")


def _wan(yuan: Decimal | None) -> Decimal | None:
    return None if yuan is None else wan(yuan).quantize(_CENT)


def pct_change(current: Decimal | None, prior: Decimal | None) -> Decimal | None:
    if current is None or prior is None or prior == 0:
        return None
    return ((current - prior) / prior * 100).quantize(Decimal("0.1"))


def _thresholds(settings: Settings | None) -> dict[str, Any]:
    return (settings or Settings()).globals()


def approx_note(m: Movement) -> str:
    """Which of a row's values rest on a figure written as approximate, with those figures
    as written — 本年、上年、变动率为约数（文中为约6660万元）: last year's value implied from
    an approximate figure is approximate too, though the table shows it to the cent."""
    marked = [name for name, approx in (("本年", m.current.approx), ("上年", m.prior_approx),
                                        ("变动额", m.change.amount.approx), ("变动率", m.pct_approx)) if approx]
    if not marked:
        return ""
    change, prior = m.change.amount, m.change.prior
    quoted = [m.current.value.raw] if m.current.approx else []
    if m.change.computed:  # 由约31万元减少到13.44万元: the words hold both figures
        quoted += [amount_and_words(m.change)[1]] if change.approx else []
    else:
        quoted += [f.value.raw for f in (change, prior) if f is not None and f.approx]
    return f"{'、'.join(marked)}为约数（文中为{'、'.join(dict.fromkeys(quoted))}）"


def said(m: Movement) -> dict[str, str]:
    """How the narrative words a movement's change: ``verb`` as the document writes it (减少, 压减 …), ``amount``
    to the cent in the document's unit (2,090.87万元, :func:`~.amounts.fmt_money`) — or, resting on a figure written as approximate, as written (2000多万元) or the
    range it lies in (16.56至26.56万元) — and ``rate`` (32.5%, a range, or "" when unknown):
    :func:`~.checks.variance.approx_amount`, :func:`~.checks.variance.rate`."""
    amount = approx_amount(m) or (fmt_money(abs(m.delta)) if m.delta is not None else "")
    return {"verb": m.change.written_verb, "amount": amount, "rate": rate(m)}


def related_codes(names: Sequence[str], lines: Sequence[int], findings: Sequence[Finding]) -> list[str]:
    """The rules of the errors and warnings among ``findings`` that hold figures on one of ``lines`` against each
    other or against last year's document (勾稽核对, VA003) and name one of ``names`` (a row's subject): what the
    checks found at odds with the figures a row rests on. Not a change's missing reason (VA002), nor a name within a
    longer one (运维费 in 公务用车购置及运维费)."""
    return list(dict.fromkeys(
        f.code for f in sorted(findings, key=lambda f: (Severity(f.severity).rank, f.code))
        if f.severity != "info" and (f.category == "reconcile" or f.name == "variance.stated_vs_prior_document")
        and set(f.lines) & set(lines) and any(re.search(f"(?<!及){re.escape(name)}", f.message) for name in names)
    ))


def _names_in_messages(subject: str) -> list[str]:
    """How findings' messages name a row's item: its subject, the headline it stands for (收支合计 → 支出合计), a
    vehicle part by its own words (公务用车购置费与运维费之和: 运维费), the 三公 total by its parts (“三公”经费各项)."""
    names = [subject, _headline_label(subject)]
    if subject.startswith("公务用车") and subject != "公务用车购置及运维费":
        names.append(subject.removeprefix("公务用车"))
    if subject == "“三公”经费合计":
        names.append("“三公”经费各项")
    return list(dict.fromkeys(names))


def yoy_rows(doc: Disclosure, settings: Settings | None = None,
             findings: Sequence[Finding] = (), prior: Disclosure | None = None) -> list[dict[str, Any]]:
    """The rows of :func:`yoy_table`, keyed by :data:`YOY_COLUMNS`, each with how the narrative words its
    change under :data:`SAID` (no column of the table); ``相关问题`` lists the rules of ``findings`` about the
    row's figures (:func:`related_codes`); ``上年文件``, given last year's document ``prior``, its figure of the
    row's item — beside the value the stated change implies (a supervisor saw the two years' tables disagree)."""
    params = _thresholds(settings)
    before = headline(prior) if prior is not None else {}
    with money_shown_in(doc.money_unit):  # the words of the rows' changes (SAID, 原因) in the document's unit
        return [_yoy_row(m, doc, params, before, findings) for m in movements(doc)]


def _yoy_row(m: Movement, doc: Disclosure, params: Mapping[str, Any], before: Mapping[str, Figure | None],
             findings: Sequence[Finding]) -> dict[str, Any]:
    """One row of :func:`yoy_rows`."""
    found = movement_reasons(m, doc, params) or []
    lines = sorted({m.current.span.line, m.change.amount.span.line})
    names = _names_in_messages(m.change.subject)
    return {
        "项目": m.change.subject,
        "本年": _wan(m.current.yuan),
        "上年": _wan(m.prior),
        "上年文件": _wan(fig.yuan) if (fig := before.get(_headline_label(m.change.subject))) else None,
        "变动额": _wan(m.delta),
        "变动率": m.pct,
        "重大变动": is_material(m, params),
        "约数": approx_note(m),
        "原因": reasons_joined(found),
        "相关问题": "、".join(related_codes(names, lines, findings)),
        "行号": lines,
        SAID: said(m),
        REASONS: found,
    }


def yoy_table(doc: Disclosure, settings: Settings | None = None) -> pd.DataFrame:
    """Current year vs the prior-year values implied by the unit's stated changes; ``约数``
    says which values rest on a figure written as approximate (:func:`approx_note`)."""
    return yoy_frame(yoy_rows(doc, settings))


def yoy_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The table of :func:`yoy_rows`' rows."""
    import pandas as pd

    return pd.DataFrame(rows, columns=YOY_COLUMNS)


def headline(doc: Disclosure) -> dict[str, Figure | None]:
    """The figures compared across years, by Chinese label, in report order."""
    inc, e, sg = doc.income, doc.expenditure, doc.sangong
    figures: dict[str, Figure | None] = {"收入合计": inc.total}
    for part in inc.parts:
        figures[part.label] = part
    figures["上年结转"] = inc.carry_over
    figures.update(
        {
            "支出合计": e.total,
            "基本支出": e.basic,
            "人员经费": e.personnel,
            "公用经费": e.public,
            "项目支出": e.project,
            "机关运行经费": doc.running_costs.amount,
            "“三公”经费合计": sg.total,
            "因公出国（境）费": sg.overseas,
            "公务用车购置及运维费": sg.vehicle,
            "公务用车购置费": sg.vehicle_purchase,
            "公务用车运维费": sg.vehicle_operation,
            "公务接待费": sg.reception,
            "政府采购预算": doc.procurement.total,
            "固定资产总额": doc.assets.total,
        }
    )
    return figures


_SUBJECT_TO_HEADLINE = {"收支合计": "支出合计"}


def _headline_label(subject: str) -> str:
    """The headline row a change's subject is of: 收支合计 → 支出合计, 收入来源（其他收入） → 其他收入."""
    return source_of(subject) or _SUBJECT_TO_HEADLINE.get(subject, subject)


def compare_documents(current: Disclosure, prior: Disclosure) -> pd.DataFrame:
    """Headline figures of this year's and last year's documents side by side, with the
    change this year's document states and the gap between stated and actual change."""
    import pandas as pd

    now, before = headline(current), headline(prior)
    stated = {_headline_label(c.subject): c for c in current.stated_changes()}
    rows = []
    for label in dict.fromkeys([*now, *before]):
        a, b = now.get(label), before.get(label)
        a_yuan = a.yuan if a is not None else None
        b_yuan = b.yuan if b is not None else None
        if a_yuan is None and b_yuan is None:
            continue
        delta = a_yuan - b_yuan if a_yuan is not None and b_yuan is not None else None
        change = stated.get(label)
        said = change.delta_yuan if change is not None else None
        rows.append(
            {
                "项目": label,
                "本年": _wan(a_yuan),
                "上年": _wan(b_yuan),
                "变动额": _wan(delta),
                "变动率": pct_change(a_yuan, b_yuan),
                "所述变动": _wan(said),
                "差异": _wan(said - delta) if said is not None and delta is not None else None,
                "本年行号": [a.span.line] if a is not None else [],
                "上年行号": [b.span.line] if b is not None else [],
            }
        )
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)


def normalise_name(name: str) -> str:
    """Project names compared across years: no white space, punctuation or years."""
    name = re.sub(r"20\d{2}\s*年度?", "", name)
    return re.sub(r"[\s\W_]+", "", name)


def match_projects(current: list[Project], prior: list[Project]) -> list[tuple[Project | None, Project | None, str]]:
    """Pair projects by code, then by normalised name; unmatched ones stand alone."""
    pairs: list[tuple[Project | None, Project | None, str]] = []
    left = list(prior)
    for project in current:
        match = None
        how = ""
        if project.code is not None:
            match = next((p for p in left if p.code is not None and p.code.text == project.code.text), None)
            how = "编码" if match else ""
        if match is None:
            key = normalise_name(project.title)
            match = next((p for p in left if normalise_name(p.title) == key), None)
            how = "名称" if match else "新增"
        if match is not None:
            left.remove(match)
        pairs.append((project, match, how))
    pairs += [(None, p, "上年有本年无") for p in left]
    return pairs


@dataclass(frozen=True)
class ProjectTotals:
    """What the narrative says of a unit's project tables and the projects table's footer shows: how many, their
    budgets' sum (yuan; None when no table gives one) and how many carry over from earlier years (a project code
    of an earlier year)."""

    count: int
    budget: Decimal | None
    carried_over: int


def project_totals(projects: Sequence[Project], year: int | None) -> ProjectTotals:
    budgets = [p.budget.yuan for p in projects if p.budget is not None and p.budget.yuan is not None]
    carried = sum(1 for p in projects if year and p.code_year and p.code_year < year)
    return ProjectTotals(len(projects), sum(budgets, Decimal(0)) if budgets else None, carried)


def project_table(current: Disclosure, prior: Disclosure | None = None) -> pd.DataFrame:
    """Projects of this year (and last year's, matched), with budgets in 万元."""
    import pandas as pd

    pairs = match_projects(current.projects, prior.projects) if prior else [(p, None, "") for p in current.projects]
    rows = []
    for now, before, how in pairs:
        a = now.budget.yuan if now is not None and now.budget is not None else None
        b = before.budget.yuan if before is not None and before.budget is not None else None
        ref = now or before
        assert ref is not None
        rows.append(
            {
                "项目编码": ref.code.text if ref.code else "",
                "项目名称": ref.title,
                "本年预算": _wan(a),
                "上年预算": _wan(b),
                "变动额": _wan(a - b) if a is not None and b is not None else None,
                "变动率": pct_change(a, b),
                "匹配方式": how,
                "本年行号": [now.heading.span.line] if now is not None else [],
                "上年行号": [before.heading.span.line] if before is not None else [],
            }
        )
    frame = pd.DataFrame(rows, columns=PROJECT_COLUMNS)
    if prior is None:  # nothing to compare with: keep this year's columns only
        frame = frame[["项目编码", "项目名称", "本年预算", "本年行号"]]
    return frame
