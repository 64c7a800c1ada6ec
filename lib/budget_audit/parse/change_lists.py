"""Changes written together of several items: 分别 with an amount for each item stated or named before it
(公务用车购置及运维费12.5万元，公务接待费0.94万元，分别比上年减少17.9万元、0.08万元), and 均 with one amount
(公务用车购置及运维费和公务接待费均比上年减少0.08万元: the change of each)."""

from __future__ import annotations

import re

from ..amounts import APPROX_BEFORE_PATTERN, NUMBER_PATTERN, quantity_at
from .change_from_to import _CHANGE_TO_RE
from .change_words import (
    _CHANGE_RE,
    _CHANGE_VERBS,
    _CLAUSE_BREAK_RE,
    _HEAD_WORD_RE,
    _NO_ITEM_RE,
    _clause_start,
    _named,
    verb_direction,
)
from .figures import (
    AMOUNT_RE,
    LIST_OPENS_RE,
    MONEY_PATTERN,
    clean_label,
    labelled_amounts,
    paren_depth,
    part_start,
)

#: An amount after the first of changes written together: 、0.08万元 / 、减少0.08万元 / 和0.08万元.
_NEXT_AMOUNT_RE = re.compile(
    rf"\s*[、和及与]\s*(?:(?P<verb>{_CHANGE_VERBS})了?)?\s*(?:{APPROX_BEFORE_PATTERN})?\s*(?P<amount>{NUMBER_PATTERN})\s*{MONEY_PATTERN}"
)


#: The totals of income and spending, which 均 does not split (收入预算和支出预算均较2022年减少…: as before).
_INCOME_OR_SPENDING_RE = re.compile(r"(?:部门|单位)?(?:预算)?(?:收入|支出)(?:总?预算|总额|合计|总计)?数?")
#: 均 before a change alike of the items named before it (…和…均比上年减少…) — not 人均, 户均, 生均, 平均.
_ALIKE_RE = re.compile(r"(?<![人户生平])均")


def _respectively(text: str) -> tuple[list[tuple[int, int]], list[list[dict]]]:
    """Changes written together after the figures of their items (公务用车购置及运维费12.5万元，公务接待费
    0.94万元，分别比上年减少17.9万元、0.08万元): where they stand, and one change per item in order —
    when the items stated before 分别 in its part of the sentence (after the list's opening or the
    change before, if any) are as many as the amounts; else none (not the first item's nor the
    total's change). One amount after 均 and the words of a comparison (公务用车购置及运维费和公务接待费均比上年
    减少0.08万元) is a change of each item its clause names before 均 (:func:`_names_listed`)."""
    spans: list[tuple[int, int]] = []
    groups: list[list[dict]] = []
    for found in _ALIKE_RE.finditer(text):
        clause_end = brk.start() if (brk := _CLAUSE_BREAK_RE.search(text, found.end())) else len(text)
        change = _CHANGE_RE.search(text, found.end(), clause_end)
        if change is None or not _NO_ITEM_RE.match(text[found.end() : change.start()]):
            continue
        labels = _names_listed(text, found.start())
        if labels and not any(_INCOME_OR_SPENDING_RE.fullmatch(_named(label)) for label in labels):
            spans.append(change.span())
            depth = paren_depth(text, found.start())
            groups.append([_written_together(label, change["verb"], change.start(), change.start("amount"),
                                             change.end(), depth, text, joined=True) for label in labels])
    if "分别" not in text:
        return spans, groups
    for found in re.finditer("分别", text):
        clause_end = brk.start() if (brk := _CLAUSE_BREAK_RE.search(text, found.end())) else len(text)
        first = _CHANGE_RE.search(text, found.end(), clause_end)
        if first is None:
            continue
        written = [(first["verb"], first.start(), first.start("amount"), first.end())]
        while (more := _NEXT_AMOUNT_RE.match(text, written[-1][3])) is not None:
            written.append((more["verb"] or written[-1][0], more.start("verb") if more["verb"] else more.start("amount"),
                            more.start("amount"), more.end()))
        if len(written) < 2:
            continue  # one amount: a change as any other
        spans.append((first.start(), written[-1][3]))
        part = part_start(text, found.start())
        depth = paren_depth(text, found.start())
        since = max([part, *(m.end() for m in _CHANGE_RE.finditer(text, part, found.start())),
                     *(m.end() for m in _CHANGE_TO_RE.finditer(text, part, found.start())),  # 由…增加到…，: no items
                     *(m.end() for m in LIST_OPENS_RE.finditer(text, part, found.start())
                       if paren_depth(text, m.start()) == depth)])
        items = [a for a in labelled_amounts(text) if since <= a.start and a.end <= found.start() and a.depth == depth]
        labels, joined = [a.label for a in items], False
        if len(items) != len(written) or any(_NO_ITEM_RE.match(_named(label)) for label in labels):
            labels = _names_listed(text, found.start())
            if len(labels) != len(written):
                continue
            joined = labels != _names_listed(text, found.start(), at_he=False)  # 办公费和水电费分别…
        groups.append([_written_together(label, verb, start, amount, end, depth, text, joined=joined)
                       for label, (verb, start, amount, end) in zip(labels, written, strict=True)])
    return spans, groups


def _written_together(label: str, verb: str, start: int, amount: int, end: int, depth: int, text: str, *,
                      joined: bool = False) -> dict:
    """One item's change of changes written together (分别…, 均…): its verb, where it begins, its amount and its end;
    ``joined``: its items named with 均 or joined by 和/与 (:attr:`~budget_audit.parse.changes.RawChange.joined`)."""
    return {
        "label": label, "direction": verb_direction(verb), "quantity": quantity_at(text, amount, end)[0],
        "prior": None, "reason": None, "start": start, "depth": depth, "end": end, "reason_span": None,
        "current": None, "current_at": None, "verb": verb, "to_words": "", "to_direction": 0,
        "prior_at": None, "restated_prior": None, "joined": joined,
    }


def _names_listed(text: str, respectively: int, *, at_he: bool = True) -> list[str]:
    """The items a 分别 (or 均) at ``respectively`` is about when no figure of theirs stands before it, named in a list
    right before it (公务用车购置及运维费、公务接待费分别减少17.9万元和0.08万元; 公务用车购置及运维费和公务接待费均减少…) or
    before the 分别 of the clause
    before (公务用车购置费、公务用车运维费分别为0万元、12.5万元，分别比上年减少18万元、增加0.1万元); [] when none."""
    clause = _clause_start(text, respectively)
    words = text[clause:respectively]
    if _NO_ITEM_RE.match(words) and clause > 0 and text[clause - 1] in "，,":
        before = _clause_start(text, clause - 1)
        words = text[before:text.find("分别", before, clause)] if "分别" in text[before:clause] else ""
    if AMOUNT_RE.search(words):
        return []
    # not at 及/和 within a name (公务用车购置及运维费 is one): the last two joined by 和/与 where both end as a name of
    # money does (公务用车购置及运维费和公务接待费, 工资福利支出和商品和服务支出 — not at 商品和服务)
    *names, last = words.split("、")
    joins = [m for m in re.finditer("[和与]", last)
             if _HEAD_WORD_RE.search(last, 0, m.start()) and _HEAD_WORD_RE.search(last, m.end())]
    if len(joins) == 1 and at_he and not _INCOME_OR_SPENDING_RE.fullmatch(_named(last[joins[0].end() :])):
        names += [last[: joins[0].start()], last[joins[0].end() :]]  # not 收入预算和支出预算: as before
    else:
        names.append(last)
    names = [clean_label(name) for name in names]
    return names if len(names) > 1 and not any(_NO_ITEM_RE.match(name) for name in names) else []
