"""Rewrite the template disclosure into a synthetic one: new amounts, names and codes.

* Every amount is rescaled by one factor. Leaves (personnel and public funds, project
  budgets, 三公 parts, asset classes, stated changes …) are multiplied and rounded to the
  precision they are written in (0.01 万元, 0.01 元); every total is then derived again
  from its parts, following the relations of the check catalogue. A relation that held in
  the original within rounding (basic = personnel + public, project tables = 项目支出 …)
  holds in the copy within rounding; one that failed (the sample's own problems: 三公 parts
  ≠ total, income + carry-over ≠ expenditure) fails by the rescaled gap. A clean synthetic
  document therefore gives the same error/warning findings on the same lines as the
  original.
* The staffing quota is rescaled by a second factor.
* County, city and department names, the unit codes and the project codes (region and
  serial digits; the code year is kept) are replaced.
* The marker 【合成测试数据，非真实公开文件】 takes the place of the original's blank line 2,
  so that the line count and every line number stay those of the original.

Used by make_corpus.py.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from budget_audit.amounts import MONEY_SCALE, money_in_text, to_halfwidth
from budget_audit.checks import Finding, run_checks
from budget_audit.checks.tolerance import sum_tolerance
from budget_audit.config import Settings, load_settings
from budget_audit.model import Disclosure, Figure, Indicator, Project, StatedChange
from budget_audit.parse import parse_file

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "dachang-fgj-2023.txt"
DEFAULTS = REPO / "params" / "defaults.yaml"
MARKER = "【合成测试数据，非真实公开文件】"

TEMPLATE_COUNTY = "大厂回族自治县"
TEMPLATE_COUNTY_SHORT = "大厂"
TEMPLATE_CITY = "廊坊市"
TEMPLATE_DEPARTMENT = "发展和改革局"

Q2 = Decimal("0.01")
WAN = MONEY_SCALE["万元"]
MONEY_HEAD_RE = re.compile(r"^(亿元|万元|元)")
NUMBER_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
TOKEN_RE = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)(?P<gap>\s*)(?P<unit>亿元|万元|元|名)")


class CorpusError(Exception):
    """The template cannot be rewritten as written (a relation or token was not found)."""


# --------------------------------------------------------------------------- numbers


def round_to(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def decimals(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def fmt_number(number: Decimal, places: int = 2) -> str:
    """A written figure: ``0`` stays ``0``; others get ``places`` decimals."""
    if number == 0:
        return "0"
    return f"{number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"


def figure_step(fig: Figure) -> Decimal:
    """Yuan per last written digit of a money figure (0.01 of its unit)."""
    unit = fig.value.money_unit
    if unit is None:
        raise CorpusError(f"第{fig.span.line}行的“{fig.label}”不是金额")
    return Q2 * MONEY_SCALE[unit]


def log_uniform(rng: random.Random, low: float, high: float, places: int = 3) -> Decimal:
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    return Decimal(f"{value:.{places}f}")


# --------------------------------------------------------------------------- template


@dataclass
class Template:
    """The real document the corpus is made from, parsed once, with its own findings."""

    path: Path
    lines: list[str]  # raw lines without their LF
    doc: Disclosure
    unit: str  # the budget unit the document is about (first unit of the project tables)
    siblings: tuple[str, ...]  # other units whose project tables it carries
    settings: Settings
    baseline: list[Finding]  # the original's own findings for ``unit``
    sha256: str

    @property
    def year(self) -> int:
        if self.doc.year is None:
            raise CorpusError(f"{self.path}: 找不到预算年度")
        return self.doc.year

    def fires(self, code: str, lines: Iterable[int]) -> bool:
        """True when the original already has a ``code`` finding on one of ``lines``."""
        wanted = set(lines)
        return any(f.code == code and wanted & set(f.lines) for f in self.baseline)


def load_template(path: Path = SAMPLE, defaults: Path = DEFAULTS) -> Template:
    data = path.read_bytes()
    text = data.decode("utf-8")
    if "\r" in text:
        raise CorpusError(f"{path}: 模板须为 LF 换行的 UTF-8 文本")
    doc = parse_file(path)
    units = [code for code, _ in doc.units()]
    if not units:
        raise CorpusError(f"{path}: 项目表中没有预算单位代码")
    settings = load_settings(defaults)
    baseline = run_checks(doc, settings, units[0])
    return Template(
        path=path,
        lines=text.split("\n"),
        doc=doc,
        unit=units[0],
        siblings=tuple(units[1:]),
        settings=settings,
        baseline=baseline,
        sha256=hashlib.sha256(data).hexdigest(),
    )


# --------------------------------------------------------------------------- identity


@dataclass(frozen=True)
class Identity:
    code: str
    siblings: dict[str, str]  # template sibling code → synthetic code
    city: str
    county: str
    department: str
    region: str  # 6-digit region code used in project codes

    @property
    def name(self) -> str:
        return f"{self.county}{self.department}"


# --------------------------------------------------------------------------- rescaling


def _change_groups(changes: list[StatedChange]) -> list[tuple[StatedChange, list[StatedChange]]]:
    """Each stated change with the changes it is made of: its parenthesised parts, and for
    a leading "合计" change the other top-level changes (children groups first)."""
    top = [c for c in changes if c.parent is None]
    groups = [(c, [x for x in changes if x.parent == c.subject]) for c in top]
    groups = [(c, kids) for c, kids in groups if kids]
    if len(top) > 1 and top[0].subject.endswith("合计"):
        groups.append((top[0], top[1:]))
    return groups


class _Rescaler:
    """New values for every money figure of a document, then the line edits that write them."""

    def __init__(self, template: Template, k: Decimal, staff_k: Decimal) -> None:
        self.t = template
        self.k = k
        self.staff_k = staff_k
        self.params = dict(template.settings.globals())
        self.new: dict[int, Decimal] = {}
        self.figures: dict[int, Figure] = {}
        self.tokens: dict[int, dict[tuple[str, str], str]] = defaultdict(dict)
        self.cells: dict[int, str] = {}

    # ---- values

    def _set(self, fig: Figure, value: Decimal) -> Decimal:
        self.new[id(fig)] = value
        self.figures[id(fig)] = fig
        return value

    def value(self, fig: Figure | None) -> Decimal:
        if fig is None:
            return Decimal(0)
        if id(fig) not in self.new:
            raise CorpusError(f"第{fig.span.line}行的“{fig.label}”尚未换算")
        return self.new[id(fig)]

    def leaf(self, fig: Figure | None) -> Decimal:
        if fig is None or fig.yuan is None:
            return Decimal(0)
        return self._set(fig, round_to(fig.yuan * self.k, figure_step(fig)))

    def derive(
        self,
        fig: Figure | None,
        new_parts: Decimal,
        old_parts: Decimal,
        terms: Sequence[Figure | None],
    ) -> Decimal:
        """``fig`` = its parts (rescaled) + its original gap, rescaled when it was a real gap."""
        if fig is None or fig.yuan is None:
            return Decimal(0)
        gap = fig.yuan - old_parts
        tolerance = sum_tolerance(terms, self.params)
        if abs(gap) <= tolerance:
            new_gap = Decimal(0)
        else:
            new_gap = round_to(gap * self.k, figure_step(fig))
            if abs(new_gap) <= tolerance:
                new_gap = gap
        value = round_to(new_parts + new_gap, figure_step(fig))
        if value < 0:
            raise CorpusError(f"第{fig.span.line}行的“{fig.label}”换算后为负数")
        return self._set(fig, value)

    def derive_change(self, total: StatedChange, parts: list[StatedChange]) -> None:
        signed_old = [p.delta_yuan or Decimal(0) for p in parts]
        signed_new = [self.value(p.amount) * p.direction for p in parts]
        old_total = total.delta_yuan or Decimal(0)
        gap = old_total - sum(signed_old, Decimal(0))
        tolerance = sum_tolerance([total.amount, *(p.amount for p in parts)], self.params)
        step = figure_step(total.amount)
        new_gap = Decimal(0) if abs(gap) <= tolerance else round_to(gap * self.k, step)
        if gap and abs(new_gap) <= tolerance:
            new_gap = gap
        value = round_to(sum(signed_new, Decimal(0)) + new_gap, step)
        if total.direction and value * total.direction <= 0:
            raise CorpusError(f"第{total.amount.span.line}行“{total.subject}”变动换算后方向改变")
        self._set(total.amount, abs(value))

    # ---- the relations of the check catalogue

    def projects(self) -> None:
        for p in self.t.doc.projects:
            title = title_amount(p)
            if p.budget is not None and p.budget.yuan is not None:
                if (
                    title is not None
                    and abs(title[0].yuan - p.budget.yuan) <= Q2 / 2 * MONEY_SCALE[title[1]]
                ):
                    budget = round_to(title[0].yuan * self.k, Q2 * MONEY_SCALE[title[1]])
                    self._set(p.budget, budget)
                    self._title(p, title, budget)
                else:
                    self.leaf(p.budget)
                    if title is not None:
                        self._title(
                            p, title, round_to(title[0].yuan * self.k, Q2 * MONEY_SCALE[title[1]])
                        )
                other = self.leaf(p.other)
                if p.fiscal is not None:
                    old_other = (
                        p.other.yuan
                        if p.other is not None and p.other.yuan is not None
                        else Decimal(0)
                    )
                    self.derive(
                        p.fiscal,
                        self.value(p.budget) - other,
                        p.budget.yuan - old_other,
                        [p.budget, p.fiscal, p.other],
                    )
            for ind in p.indicators:
                self._indicator(ind)

    def _title(self, p: Project, title: tuple, new_yuan: Decimal) -> None:
        quantity, unit = title
        new = fmt_number(new_yuan / MONEY_SCALE[unit])
        key = (f"{quantity.number:f}", unit)
        texts = [t for t in (p.heading, p.name) if t is not None]
        for line in sorted({n for t in texts for n in t.span.lines}):
            if any(
                m["num"] == key[0] and m["unit"] == unit
                for m in TOKEN_RE.finditer(self.t.lines[line - 1])
            ):
                self._token(line, key, new)

    def _indicator(self, ind: Indicator) -> None:
        q = ind.value
        if q.number is None or q.number == 0 or not MONEY_HEAD_RE.match(q.unit):
            return
        line = cell_line(self.t.lines, ind.span.lines, q.raw)
        if line is None:
            return
        places = max(2, decimals(q.number))
        new = fmt_number(q.number * self.k, places)
        self._cell(line, new)

    def summary(self) -> None:
        doc = self.t.doc
        e, income = doc.expenditure, doc.income
        budgets = [
            p.budget for p in doc.projects if p.budget is not None and p.budget.yuan is not None
        ]
        old_budgets = sum((b.yuan for b in budgets if b.yuan is not None), Decimal(0))
        new_budgets = sum((self.value(b) for b in budgets), Decimal(0))
        project = self.derive(e.project, new_budgets, old_budgets, [e.project, *budgets])
        self._parts_of(e.project, e.project_parts, project)
        for fig in (e.personnel, e.public):
            self.leaf(fig)
        if e.personnel is not None and e.public is not None:
            self.derive(
                e.basic,
                self.value(e.personnel) + self.value(e.public),
                _yuan(e.personnel) + _yuan(e.public),
                [e.basic, e.personnel, e.public],
            )
        else:
            self.leaf(e.basic)
        if e.basic is not None and e.project is not None:
            self.derive(
                e.total,
                self.value(e.basic) + project,
                _yuan(e.basic) + _yuan(e.project),
                [e.total, e.basic, e.project],
            )
        else:
            self.leaf(e.total)
        olds = [
            p.budget
            for p in doc.projects
            if p.code_year is not None
            and doc.year is not None
            and p.code_year < doc.year
            and p.budget is not None
            and p.budget.yuan is not None
        ]
        if olds:
            self.derive(
                income.carry_over,
                sum((self.value(b) for b in olds), Decimal(0)),
                sum((_yuan(b) for b in olds), Decimal(0)),
                [income.carry_over, *olds],
            )
        else:
            self.leaf(income.carry_over)
        if e.total is not None and income.total is not None:
            self.derive(
                income.total,
                self.value(e.total) - self.value(income.carry_over),
                _yuan(e.total) - _yuan(income.carry_over),
                [income.total, income.carry_over, e.total],
            )
        else:
            self.leaf(income.total)
        self._parts_of(
            income.total, income.parts, self.value(income.total) if income.total else None
        )
        running, public = doc.running_costs.amount, e.public
        if running is not None and public is not None:
            self.derive(running, self.value(public), _yuan(public), [running, public])
        else:
            self.leaf(running)

    def _parts_of(
        self, total: Figure | None, parts: list[Figure], new_total: Decimal | None
    ) -> None:
        """Parts of ``total``: zeros and all but the last non-zero part rescaled; the last derived."""
        nonzero = [f for f in parts if f.yuan]
        for f in parts:
            if f is not (nonzero[-1] if nonzero else None):
                self.leaf(f)
        if not nonzero:
            return
        last = nonzero[-1]
        if total is None or new_total is None:
            self.leaf(last)
            return
        others = [f for f in parts if f is not last]
        self.derive(
            last,
            new_total - sum((self.value(f) for f in others), Decimal(0)),
            _yuan(total) - sum((_yuan(f) for f in others), Decimal(0)),
            [total, *parts],
        )

    def sangong(self) -> None:
        sg = self.t.doc.sangong
        for fig in (sg.overseas, sg.vehicle_purchase, sg.vehicle_operation, sg.reception):
            self.leaf(fig)
        if (
            sg.vehicle is not None
            and sg.vehicle_purchase is not None
            and sg.vehicle_operation is not None
        ):
            self.derive(
                sg.vehicle,
                self.value(sg.vehicle_purchase) + self.value(sg.vehicle_operation),
                _yuan(sg.vehicle_purchase) + _yuan(sg.vehicle_operation),
                [sg.vehicle, sg.vehicle_purchase, sg.vehicle_operation],
            )
        else:
            self.leaf(sg.vehicle)
        parts = sg.parts()
        if parts:
            self.derive(
                sg.total,
                sum((self.value(f) for f in parts), Decimal(0)),
                sum((_yuan(f) for f in parts), Decimal(0)),
                [sg.total, *parts],
            )
        else:
            self.leaf(sg.total)

    def changes(self) -> None:
        doc = self.t.doc
        current = doc.change_subjects()
        for changes in (doc.expenditure.changes, doc.sangong.changes):
            groups = _change_groups(changes)
            totals = {id(total) for total, _ in groups}
            for change in changes:
                if id(change) not in totals:
                    self.leaf(change.amount)
            for total, parts in groups:
                self.derive_change(total, parts)
            for change in changes:
                now = current.get(change.subject)
                if (
                    change.prior is None
                    or now is None
                    or now.yuan is None
                    or id(now) not in self.new
                ):
                    self.leaf(change.prior)
                    continue
                delta_new = self.value(change.amount) * change.direction
                self.derive(
                    change.prior,
                    self.value(now) - delta_new,
                    now.yuan - (change.delta_yuan or Decimal(0)),
                    [change.prior, change.amount, now],
                )

    def assets(self) -> None:
        a = self.t.doc.assets
        for fig in (*a.classes, *a.sub_items, a.planned_purchase):
            self.leaf(fig)
        if a.table_total is not None and a.classes:
            self.derive(
                a.table_total,
                sum((self.value(c) for c in a.classes), Decimal(0)),
                sum((_yuan(c) for c in a.classes), Decimal(0)),
                [a.table_total, *a.classes],
            )
        else:
            self.leaf(a.table_total)
        if a.total is not None and a.table_total is not None:
            self.derive(
                a.total, self.value(a.table_total), _yuan(a.table_total), [a.total, a.table_total]
            )
        else:
            self.leaf(a.total)
        self.leaf(self.t.doc.procurement.total)

    def staffing(self) -> None:
        st = self.t.doc.staffing
        new_parts = []
        for part in st.parts:
            if part.number is None:
                continue
            value = (part.number * self.staff_k).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            new_parts.append(value)
            self._count(part, value)
        if st.total is not None and st.total.number is not None:
            if st.parts:
                gap = st.total.number - sum(
                    (p.number for p in st.parts if p.number is not None), Decimal(0)
                )
                total = sum(new_parts, Decimal(0)) + gap
            else:
                total = (st.total.number * self.staff_k).quantize(
                    Decimal(1), rounding=ROUND_HALF_UP
                )
            self._count(st.total, max(total, Decimal(1)))

    # ---- edits

    def _token(self, line: int, key: tuple[str, str], new: str) -> None:
        known = self.tokens[line].get(key)
        if known is not None and known != new:
            raise CorpusError(f"第{line}行的 {key[0]}{key[1]} 需要换成两个不同的数")
        self.tokens[line][key] = new

    def _cell(self, line: int, new: str) -> None:
        known = self.cells.get(line)
        if known is not None and known != new:
            raise CorpusError(f"第{line}行的表格单元需要换成两个不同的数")
        self.cells[line] = new

    def _count(self, fig: Figure, value: Decimal) -> None:
        number = fig.value.number
        if number is None:
            return
        self._token(fig.span.line, (f"{number:f}", fig.value.unit), f"{value:f}")

    def _emit(self) -> None:
        for key, fig in self.figures.items():
            value = self.new[key]
            unit = fig.value.money_unit
            if unit is None or fig.value.number is None:
                continue
            new = fmt_number(value / MONEY_SCALE[unit])
            line = cell_line(self.t.lines, fig.span.lines, fig.value.raw)
            if line is not None:
                self._cell(line, new)
            else:
                self._token(fig.span.line, (f"{fig.value.number:f}", unit), new)

    def rewrite(self) -> list[str]:
        """All relations, then the template's lines with every number replaced."""
        self.projects()
        self.summary()
        self.sangong()
        self.changes()
        self.assets()
        self.staffing()
        self._emit()
        lines = list(self.t.lines)
        for line, new in self.cells.items():
            lines[line - 1] = NUMBER_RE.sub(new, lines[line - 1], count=1)
        spread = self._section_map()
        summary_lines = self._summary_lines()
        for number, text in enumerate(lines, start=1):
            own = self.tokens.get(number, {})
            extra = spread if number in summary_lines else {}
            if not own and not extra:
                continue

            def swap(match: re.Match[str], own=own, extra=extra) -> str:
                key = (match["num"], match["unit"])
                new = own.get(key) or extra.get(key)
                return f"{new}{match['gap']}{match['unit']}" if new is not None else match.group(0)

            lines[number - 1] = TOKEN_RE.sub(swap, text)
        return lines

    def _summary_lines(self) -> set[int]:
        out: set[int] = set()
        for key in ("overview", "running_costs", "sangong"):
            section = self.t.doc.section(key)
            if section is not None:
                out.update(range(section.title.span.line, section.end_line + 1))
        return out

    def _section_map(self) -> dict[tuple[str, str], str]:
        """Values of the summary sections that mean one thing wherever they are written
        (e.g. the expenditure total repeated in the change paragraph)."""
        seen: dict[tuple[str, str], set[str]] = defaultdict(set)
        lines = self._summary_lines()
        for line in lines:
            for key, new in self.tokens.get(line, {}).items():
                seen[key].add(new)
        return {key: next(iter(news)) for key, news in seen.items() if len(news) == 1}


def _yuan(fig: Figure | None) -> Decimal:
    return fig.yuan if fig is not None and fig.yuan is not None else Decimal(0)


def title_amount(p: Project) -> tuple | None:
    """The one money amount written in a project's name (or heading), as RC016 reads it."""
    for text in (p.name, p.heading):
        if text is None:
            continue
        found = money_in_text(text.text)
        if found:
            if len(found) != 1 or found[0][0].yuan is None or found[0][0].money_unit is None:
                return None
            return found[0][0], found[0][0].money_unit
    return None


def cell_line(lines: list[str], candidates: Iterable[int], raw: str) -> int | None:
    """The line (of ``candidates``) that holds exactly one table cell with text ``raw``."""
    for number in sorted(candidates, reverse=True):
        text = lines[number - 1]
        if text.startswith("\t") and to_halfwidth(text.strip()) == raw:
            return number
    return None


def rescale(template: Template, k: Decimal, staff_k: Decimal) -> list[str]:
    return _Rescaler(template, k, staff_k).rewrite()


# --------------------------------------------------------------------------- renaming


def _digit_swap(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<!\d){re.escape(old)}(?!\d)", new, text)


def rename(
    lines: list[str], template: Template, identity: Identity, rng: random.Random
) -> list[str]:
    """Names, unit codes and project codes of ``identity`` in place of the template's."""
    county_short = identity.county[:-1]
    codes: dict[int, tuple[str, str]] = {}
    used: set[str] = set()
    for p in template.doc.projects:
        if p.code is None:
            continue
        old = p.code.text.strip()
        while True:
            serial = "".join(rng.choice("0123456789") if ch.isdigit() else ch for ch in old[9:])
            new = (
                f"{identity.region}{old[6:9]}{serial}" if len(old) > 9 and old[8] == "P" else serial
            )
            if new not in used and new != old:
                break
        used.add(new)
        for line in p.code.span.lines:
            codes[line] = (old, new)
    out = []
    for number, text in enumerate(lines, start=1):
        if number in codes:
            old, new = codes[number]
            text = text.replace(old, new)
        text = text.replace(TEMPLATE_CITY, identity.city)
        text = text.replace(TEMPLATE_COUNTY, identity.county)
        text = text.replace(TEMPLATE_COUNTY_SHORT, county_short)
        text = text.replace(TEMPLATE_DEPARTMENT, identity.department)
        text = _digit_swap(text, template.unit, identity.code)
        for old_code, new_code in identity.siblings.items():
            text = _digit_swap(text, old_code, new_code)
        out.append(text)
    return out


def mark(lines: list[str]) -> list[str]:
    """The synthetic marker in the blank line 2 (line numbers unchanged), else inserted."""
    out = list(lines)
    if len(out) > 1 and not out[1].strip():
        out[1] = MARKER
    else:
        out.insert(1, MARKER)
    return out
