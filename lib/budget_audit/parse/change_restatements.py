"""Changes stated twice: the change written plainly (减少0.08万元) that a change written from last year's figure to this
year's (由1.02万元减少到0.94万元) restates, in its part of the sentence or in the sentence next to it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .change_reasons import _REASON_RE
from .change_words import _NO_ITEM_RE, _named, _names, _opening
from .figures import AMOUNT_RE, SENTENCE_BREAK, labelled_amounts, paren_depth, part_start


def _restated(text: str, plain: list[dict], to: dict, starts: list[int]) -> dict | None:
    """The change written plainly that a change written from last year's figure restates
    (:func:`_restates`, :func:`_restates_next`; ``starts``: where all the text's begin, in order): the
    nearest before it, outside any parentheses it is not in —
    ``其中公务接待费减少0.08万元，由1.02万元减少到0.94万元`` after the total's change restates
    the 0.08万元; ``购置及运维费减少17.9万元（其中：…运维费增加0.1万元），由…减少到…`` the 17.9万元 —
    else the first after it (由1.02万元减少到0.94万元，减少0.08万元)."""
    restating = [c for c in plain if _restates(text, c, to) or _restates_next(text, c, to, starts)]
    before = [c for c in restating if c["start"] < to["start"] and c["depth"] <= to["depth"]]
    if before:
        return before[-1]
    # not a change of an item named within a reason given after it (由30.4万元减少到12.5万元，主要原因是购置费减少18万元，
    # 运维费增加…) — but a change naming none is a restatement all the same (…，主要原因是厉行节约，比上年减少12万元)
    return next((c for c in restating if c["start"] > to["start"]
                 and (_NO_ITEM_RE.match(_named(c["label"])) or not _REASON_RE.search(text, to["end"], c["start"]))),
                None)


def _restates(text: str, plain: dict, to: dict) -> bool:
    """Whether a change written plainly (减少0.08万元) is the same change as one written from
    last year's figure (由1.02万元减少到0.94万元) — whatever its amount, which RC012 holds
    against the figures:

    - in one part of a sentence, the later one naming no item (由…减少到…，较上年度减少…;
      公务接待费减少0.08万元，由…减少到…) with no figure between them (not …由上年的31.42万元减少到
      13.44万元，其中公务用车购置及运维费12.5万元，比上年减少17.9万元; brackets aside), or both the same item
      (公务接待费 / 其中公务接待费) — not a total's change before the item it is about
      (较2022年减少0.5万元，主要原因是公务接待费由…);
    - in a later sentence, of the same amount, naming no item and after no figure of its own
      (“三公”经费由31.42万元减少为13.44万元。…。与2022年相比减少17.98万元).
    """
    after = plain["start"] > to["start"]
    if _same_part(text, plain, to):
        first, later = (to, plain) if after else (plain, to)
        if _NO_ITEM_RE.match(_named(later["label"])) and not any(  # a figure between, outside brackets
                paren_depth(text, m.start()) <= later["depth"] for m in AMOUNT_RE.finditer(text, first["end"], _opening(later))):
            return True
        return _same_item(plain, to)
    return (after and _same_amount(plain, to)
            and bool(_NO_ITEM_RE.match(plain["label"])) and not _figure_before(text, plain["start"]))


def _restates_next(text: str, plain: dict, to: dict, starts: list[int]) -> bool:
    """Whether a change written plainly and one written from last year's figure, in sentences
    one after the other, are one change — whatever its amount, which RC012 holds against the
    figures (“三公”经费由上年的31.42万元减少到13.44万元。与2022年相比减少12.58万元; or
    “三公”经费预算安排13.44万元，与2022年相比减少17.98万元。“三公”经费由上年的31.42万元减少到13.44万元):
    no change and no other figure between them; the later one naming no item (与2022年相比,
    较上年, 同比, 由上年的 …) or the earlier one's; the earlier one opening its sentence, not one
    item of a list (其中…；公务接待费由…。与2022年相比减少… is the total's change); a later change naming
    no item, of another amount than a 由…到 naming an item, after a figure of another item stated
    first (“三公”经费预算13.44万元。公务用车购置及运维费由…减少到…。与上年相比减少17.98万元), is not
    the 由…到's."""
    first, second = sorted((plain, to), key=lambda c: c["start"])
    if first["depth"] or second["depth"] or bisect_right(starts, first["start"]) != bisect_left(starts, second["start"]):
        return False  # in parentheses, or another change between them
    if _same_part(text, first, second) or AMOUNT_RE.search(text, first["end"], _opening(second)):
        return False
    part = part_start(text, first["start"])
    if part and text[part - 1] != "。" or re.match(r"[\s，,]*其中", text[part:]):
        return False
    before = [m for m in labelled_amounts(text[part:_opening(first)]) if not m.depth]
    item = "" if _NO_ITEM_RE.match(own := _named(first["label"])) else own
    if len(before) > 1 or before and item and not _names(item, before[0].label):
        return False  # other items' figures before it: a later change naming none may be theirs
    if item and second is plain and not _same_amount(plain, to) and any(
            not _names(item, m.label) for m in labelled_amounts(text[:part])[:1]):
        return False  # 公务用车购置及运维费由…到…。与上年相比减少17.98万元 after the total: the total's
    item = item or (before[0].label if before else "")
    later = _named(second["label"])
    return bool(_NO_ITEM_RE.match(later)) or bool(item) and _names(later, item)


def _same_amount(one: dict, other: dict) -> bool:
    return (one["direction"], one["quantity"].yuan) == (other["direction"], other["quantity"].yuan)


def _figure_before(text: str, pos: int) -> bool:
    """Whether an amount stands before ``pos`` in its part of the sentence (公务用车购置及运维费
    12.5万元，比上年减少…: the change is that item's)."""
    part = part_start(text, pos)
    return any(part <= m.start() < pos for m in AMOUNT_RE.finditer(text, part, pos))


def _same_part(text: str, one: dict, other: dict) -> bool:
    """Two changes in one part of a sentence (no 。 or ； between them): 公务接待费减少0.08万元，
    由1.02万元减少到0.94万元 restates one change."""
    first, second = sorted((one, other), key=lambda c: c["start"])
    return not any(ch in text[first["end"]:second["start"]] for ch in SENTENCE_BREAK)


def _same_item(one: dict, other: dict) -> bool:
    """Whether two changes' words name one item: one name holds the other (公务接待费 /
    其中公务接待费) — not a part of it (基本支出 / 基本支出中人员经费, named 人员经费 by
    :func:`~budget_audit.parse.change_words._named`); “三公”经费 and 公务接待费 are two."""
    names = [_named(c["label"]) for c in (one, other)]
    return all(names) and (names[0] in names[1] or names[1] in names[0])
