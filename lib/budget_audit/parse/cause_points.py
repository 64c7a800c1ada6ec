"""Which of a statement's changes a reason written for them together names: each of its pieces — its numbered points
(增减变动的主要原因：一是人员经费增加…；二是新增招商引资专项…), else its clauses — explains the items it names, and when
every piece names one, an item of the same kind that none names is left without a reason: a 项目支出 up by 77.78万元
beside 增减变化原因：基本支出增加主要是年度正常晋级晋档增加人员经费 is not explained by it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import WHOLE_OF, source_of
from .change_reasons import _FIRST_POINT_RE, _NEXT_POINT_RE

_PERSONNEL = r"人员经费|人员类|工资|调资|增资|津补贴|绩效奖|社保|社会保险|养老保险|医疗保险|公积金|退休|离休|在职|职工|人员"
_PUBLIC = r"公用经费|公用类|运转类|公用支出|日常运转|水电|物业|取暖|差旅"
_VEHICLE_PARTS = {"公务用车购置费": r"购置|购车|购买|更新", "公务用车运维费": r"运维|运行维护|维护|维修|燃油|油费|油价|保险"}

#: What names each item in a point of a reason: its own name, or the words for what it pays (工资 of 人员经费); a
#: whole is named by its parts' words too.
_NAMES: dict[str, str] = {
    "人员经费": _PERSONNEL,
    "公用经费": _PUBLIC,
    "基本支出": rf"基本支出|{_PERSONNEL}|{_PUBLIC}",
    "项目支出": r"项目|专项|专款|资金|购置|建设|新建|改造|工程|装备|设备|采购|信息化|系统|平台|新增",
    "因公出国（境）费": r"出国|出境",
    "公务接待费": r"接待",
    **_VEHICLE_PARTS,
    "公务用车购置及运维费": r"公务用车|车辆|用车|" + "|".join(_VEHICLE_PARTS.values()),
}

#: The kinds of items whose changes a reason explains one by one: spending by 基本/项目, the "三公" parts, the
#: income's sources. Totals belong to none: a total's change is its parts', whichever of them a point names.
_KINDS: dict[str, str] = {
    "人员经费": "spending", "公用经费": "spending", "基本支出": "spending", "项目支出": "spending",
    "因公出国（境）费": "三公", "公务接待费": "三公", "公务用车购置费": "三公", "公务用车运维费": "三公",
    "公务用车购置及运维费": "三公",
}

#: An income source named by its core words (一般公共预算 of 一般公共预算拨款收入).
_SOURCE_WORDS: tuple[tuple[str, str], ...] = (
    ("一般公共预算", r"一般公共预算|公共财政|财政拨款"), ("政府性基金", r"政府性基金|基金"), ("财政专户", r"专户"),
    ("事业收入", r"事业收入"), ("经营收入", r"经营收入"), ("结转", r"结转|结余"), ("其他", r"其他收入"),
)


def points(text: str) -> list[str]:
    """A reason's numbered points (一是…；二是…, 1.…2.…, （1）…（2）…, ①…②…) — [] unless it opens with the first
    and has a second."""
    if not _FIRST_POINT_RE.match(text):
        return []
    found: list[str] = []
    at = 0
    for breaking in re.finditer(r"[；;。]", text):
        if breaking.end() < len(text) and _NEXT_POINT_RE.match(text, breaking.end()):
            found.append(text[at : breaking.end()])
            at = breaking.end()
    found.append(text[at:])
    return found if len(found) >= 2 else []


def pieces(text: str) -> list[str]:
    """What a reason says one thing in: its numbered points (:func:`points`), else its clauses (，/；/。)."""
    return points(text) or [c for c in re.split(r"[，,；;。]", text) if c.strip()]


def _kind(subject: str) -> str | None:
    return "income" if source_of(subject) is not None else _KINDS.get(subject)


def names(point: str, subject: str) -> bool:
    """Whether ``point`` (a reason or a piece of one) names the item ``subject``, by its words (:data:`_NAMES`)."""
    source = source_of(subject)
    if source is not None:
        words = next((w for core, w in _SOURCE_WORDS if core in source), re.escape(source))
    else:
        words = _NAMES.get(subject, re.escape(subject))
    return re.search(words, point) is not None


def named(reason: str, subjects: Sequence[str]) -> list[str] | None:
    """The ``subjects`` (of one statement's changes) that a reason written for them together names, when each of its
    :func:`pieces` names at least one of them; None otherwise (a piece naming none may be any item's reason:
    二是落实上级要求, 主要原因是人员经费增加，同时落实过紧日子要求)."""
    found = pieces(reason)
    if not found:
        return None
    by_point = [[s for s in subjects if names(p, s)] for p in found]
    if not all(by_point):
        return None
    return [s for s in subjects if any(s in its for its in by_point)]


def left_out(reason: str, subjects: Sequence[str]) -> set[str]:
    """The ``subjects`` that a reason for them together (:func:`named`) does not explain: those of a kind
    some point names an item of (spending, "三公", income) whom no point names, nor their whole."""
    said = named(reason, subjects)
    if not said:
        return set()
    kinds = {_kind(s) for s in said} - {None}
    return {s for s in subjects if _kind(s) in kinds and s not in said and WHOLE_OF.get(s) not in said}
