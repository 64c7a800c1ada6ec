"""Whose text a finding is about when one document carries several budget units.

A department often publishes one document with the project tables of its own body and of
other units (the sample: 发展和改革局 303001 and the 指挥部 303004). The rest of the
document — income and expenditure, “三公”经费, unit-wide goals, procurement, assets — is
the publisher's text, in the department's totals. Auditing a unit that is not the
publisher, a finding about that text is the publisher's to correct (and stands in the
publisher's own report too); only the findings in the unit's own project tables are the
unit's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .checks import Finding
from .checks.consistency import norm_text
from .model import Disclosure

#: What may follow a unit's name and still name the unit: 发展和改革局机关, 发展和改革局（本级）.
_OWN_BODY_RE = re.compile(r"(?:机关|本级|本部|\((?:机关|本级|本部)\))+$")


def same_unit(a: str, b: str) -> bool:
    """Whether two names name one unit: equal once normalised, or one the end of the other — with the place before it
    (廊坊市大厂回族自治县发展和改革局 is 大厂回族自治县发展和改革局), and 机关 or 本级 after it — not one at the start of
    the other (大厂回族自治县发展和改革局京唐城际铁路…指挥部办公室 is a body under it, not the bureau)."""
    a, b = (_OWN_BODY_RE.sub("", norm_text(name)) for name in (a, b))
    short, long = sorted((a, b), key=len)
    return bool(short) and (short == long or len(short) >= 4 and long.endswith(short))  # not 局 nor 改革局 alone


def publisher(doc: Disclosure, unit_code: str | None, unit_name: str = "") -> str | None:
    """The unit that published ``doc`` when that is not the one audited, else None.

    Only a document listing project tables of several units, one of them the audited
    unit's, has another publisher: its 发布部门 (the issuer line), or else the unit of its
    first project table, unless that names the audited unit itself.
    """
    units = dict(doc.units())
    if len(units) < 2 or unit_code not in units:
        return None
    first_code, first_name = next(iter(units.items()))
    if doc.issuer is None and first_code == unit_code:
        return None
    issuer = doc.issuer.text if doc.issuer else first_name
    # the unit is the publisher when the issuer is the unit by the params file's name or by the name the tables give
    # its code: a params name of another unit made the unit's own document "another's, published together", a short
    # name in the tables (大厂县发展和改革局) too (reviewers' finds; name_not_matching says when the names disagree)
    names = [n for n in (unit_name, units[unit_code]) if norm_text(n)]
    return None if not names or any(same_unit(issuer, n) for n in names) else issuer or None


def _core(name: str, other: str) -> str:
    """``name`` less the start it shares with ``other`` (the county's name: 大厂回族自治县财政局 → 财政局)."""
    shared = 0
    while shared < min(len(name), len(other)) and name[shared] == other[shared]:
        shared += 1
    return name[shared:]


def name_not_matching(doc: Disclosure, unit_code: str | None, unit_name: str) -> str | None:
    """What is wrong when the params file names ``unit_code`` as another unit — the name of another unit the document
    lists, the place alone, or one that shares under two thirds of its characters with the tables' name once the
    county's name they share is set aside (大厂回族自治县财政局, 大厂回族自治县改革发展研究中心 for
    大厂回族自治县发展和改革局) — else None. Short forms are no mismatch: 县发改局,
    大厂县发展和改革局 and 大厂回族自治县发展改革局 name 大厂回族自治县发展和改革局."""
    units = dict(doc.units())
    listed, mine = units.get(unit_code or ""), norm_text(unit_name)
    if not listed or not mine or same_unit(listed, unit_name):
        return None
    other = any(same_unit(name, unit_name) for code, name in units.items() if code != unit_code and norm_text(name))
    core = _core(mine, norm_text(listed))  # nothing left: the place alone (大厂回族自治县), naming no unit
    if not other and core and sum(ch in norm_text(listed) for ch in core) * 3 >= len(core) * 2:
        return None
    return f"参数文件中单位 {unit_code} 的名称为“{unit_name}”，而文件项目表中 {unit_code} 为“{listed}”；请核对单位代码或名称"


def unit_not_listed(doc: Disclosure, unit_code: str | None) -> str | None:
    """Why the findings about ``doc``'s project tables are all left out for ``unit_code`` when no table is the unit's
    while some name their unit (a code mistyped, or the wrong params file), else None."""
    units = doc.units()
    if not unit_code or not units or unit_code in dict(units):
        return None
    listed = "、".join(f"{code} {name}".strip() for code, name in units[:5]) + ("等" if len(units) > 5 else "")
    return f"单位代码 {unit_code} 不在文件项目表所列的单位中（{listed}），各项目表的问题均未列出；请核对单位代码"


def own_findings(findings: Iterable[Finding], doc: Disclosure, unit_code: str | None) -> frozenset[str]:
    """Fingerprints of the findings about the unit's own project tables: a line of their
    evidence in one of them. The others are about the document's shared text."""
    tables = [(p.heading.span.line, max(p.end_line, p.heading.span.line)) for p in doc.projects
              if p.unit_code is not None and p.unit_code.text == unit_code]
    return frozenset(f.fingerprint for f in findings if any(a <= n <= b for n in f.lines for a, b in tables))
