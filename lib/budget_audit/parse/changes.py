"""Stated year-on-year changes in narrative text: their amounts, last year's and this year's
figures, reasons and restatements — and the figures a text states once its changes are set aside.

The readings are put together here (:func:`stated_changes`, :func:`stated_amounts`, :func:`item_before`,
:func:`build_changes`); the words they share are in :mod:`~budget_audit.parse.change_words`, changes written from
last year's figure to this year's (由…到) in :mod:`~budget_audit.parse.change_from_to`, changes written together
(分别, 均) in :mod:`~budget_audit.parse.change_lists`, the parts of a whole in :mod:`~budget_audit.parse.change_parts`,
which year a change is of (one of an earlier year, one over several years) in
:mod:`~budget_audit.parse.change_periods`, reasons in :mod:`~budget_audit.parse.change_reasons` and restated changes in
:mod:`~budget_audit.parse.change_restatements`."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..amounts import (
    APPROX_BEFORE_PATTERN,
    HAS_AMOUNT_RE,
    MONEY_UNIT_PATTERN,
    MORE_THAN_PATTERN,
    NUMBER_PATTERN,
    Quantity,
    parse_quantity,
    quantity_at,
)
from ..model import Figure, Span, StatedChange, Text
from .change_from_to import (
    _THEN_TO_RE,
    _TO_VERB,
    _change_ends,
    _change_to,
    changes_to,
)
from .change_lists import _respectively
from .change_parts import _group_whole, _listed, _listed_past_commas, _whole_carried
from .change_periods import (
    of_an_earlier_year,
    over_several_years,
)
from .change_reasons import (
    _CAUSE_RE,
    _REASON_RE,
    _bracket_owner,
    _broken_down,
    _in_total_reason,
    _own_reason,
    _points_end,
    _reason_parts,
    _within_reason,
    listed_after_total,
    reason_before,
)
from .change_restatements import _restated
from .change_words import (
    _CHANGE_RE,
    _CHANGE_VERBS,
    _CLAUSE_BREAK,
    _CLAUSE_BREAK_RE,
    _COMPARED_WITH_RE,
    _NO_ITEM_RE,
    _PRIOR_YEAR_RE,
    _YEAR_RE,
    _change_clause_start,
    _clause_start,
    _named,
    _names,
    _opening,
    _percent_after,
    verb_direction,
    within,
)
from .figures import (
    AMOUNT_RE,
    LAST_YEAR_RE,
    LIST_OPENS_RE,
    MONEY_PATTERN,
    Labelled,
    clean_label,
    enclosing_brackets,
    labelled_amounts,
    paren_depth,
    part_end,
    part_start,
)

_COMMA_RE = re.compile("[，,]")
#: A change written as a range, no change of one amount: 减少3至5万元, 增加5-8万元, 增加5万元至8万元不等
#: (not 减少0.08万元至0.94万元, this year's figure after the change).
_RANGE_RE = re.compile(
    rf"(?:{_CHANGE_VERBS})了?\s*(?:{APPROX_BEFORE_PATTERN})?\s*{NUMBER_PATTERN}\s*(?P<low_unit>{MORE_THAN_PATTERN}{MONEY_UNIT_PATTERN})?"
    rf"\s*(?P<joiner>至|到|[-－~～—–]+)\s*{NUMBER_PATTERN}\s*{MORE_THAN_PATTERN}{MONEY_UNIT_PATTERN}(?P<spread>\s*(?:不等|之间|区间))?"
)


def _last_year_words(group: str) -> str:
    """Last year's words (上年, 去年, 2022年 — a year, not a date), a year written in ``group``."""
    return rf"(?:{LAST_YEAR_RE.pattern}|(?P<{group}>\d{{4}})\s*年(?![末底]|\s*\d))度?"


#: Last year's words as the label of the figure after them: opening it (上年公务接待费,
#: 2022年公务接待费) or right before it (公务接待费上年, 公务接待费上年预算为, 较上年的, 2022年为) —
#: not a date (截至上年12月31日…), nor words within the label (按上年标准的92%安排), nor a
#: comparison opening it (与上年相比公务接待费).
_LAST_YEARS_LABEL_RE = re.compile(
    rf"^\s*(?:其中)?{_last_year_words('opening')}(?!相比|同期)"
    rf"|(?:与|较|比)?\s*{_last_year_words('closing')}\s*(?:的|预算数?|为|是|数)*\s*$"
)
#: This year's words before a change's verb (上年1.02万元，本年减少0.08万元).
_THIS_YEAR_RE = re.compile(r"\s*(?:本年度?|今年)")
#: A clause opening with this year (本年度, 今年, 2023年 — not a date, 2023年1月) …
_THIS_YEAR_OPENING_RE = re.compile(r"\s*(?:本年度?|今年|(?P<year>\d{4})\s*年度?(?!\s*\d))")
#: … and stating a figure of it (为, 总额, 预算 …; 拟购置 …): 本年度拟购置固定资产总额为0万元.
_STATES_RE = re.compile(r"为|达到?|共计|合计|总计|总额|预算|拟")
#: A figure that is a bound, not a statement of one: 价值为20万元以上.
_BOUND_AFTER_RE = re.compile(r"\s*(?:及|（含）|\(含\))?(?:以上|以下|以内)")
#: A clause stating a planned figure whatever its opening: 我单位拟购置固定资产总额为0万元.
_PLANNED_RE = re.compile(r"拟(?:购置|采购)[^，,；;。]*?(?:为|共计|合计|总计|总额)")
#: A clause that is only an item's name and its figure — the next item of the list the change stood in, not a reason's
#: words: …，主要是专项债券项目资金增加，财政专户核拨收入0万元 / ，上年结转891.02万元 / ，其中：人员经费372.65万元 (not
#: 增加工资50万元, a change; nor 2022年一次性安排设备购置费为50万元, nor 新增人员3名) …
_ITEM_FIGURE_RE = re.compile(
    rf"\s*(?:(?:其中|包括)\s*[：:]?)?\s*(?P<name>[^\d，,；;。：:（）()]{{0,20}}(?:收入|支出|经费|资金|费|结转|结余))\s*"
    rf"{AMOUNT_RE.pattern}(?=\s*(?:[，,；;。]|$))"
)
#: … whose name is no reason's words, spending or changing money (今年不再安排购置经费18万元, 新增人员经费50万元,
#: 增加的公用经费3万元), last year's figure (上年公务用车购置费18万元 — not 上年结转891.02万元, an item of the list) or an
#: example (如天然气…资金2000万元).
_SPENT_RE = re.compile(rf"{_CHANGE_VERBS}|新增|安排|不再|用于|一次性|今年|本年|当年|上年(?!结转|结余)|去年|上一年"
                       r"|^(?:如|例如|比如|诸如)")
#: An amount right in front of a change verb: last year's figure ("1.02万元减少0.08万元"), or compared with
#: (与2022年的194.4万元相比减少…: ``compared``, taken only after 与/同 in its clause — :func:`_prior_amount`).
_PRIOR_AMOUNT_RE = re.compile(rf"(?P<num>{NUMBER_PATTERN})\s*{MONEY_PATTERN}(?P<compared>\s*相比)?\s*$")


def stated_amounts(
    text: str, changes: list[RawChange] | None = None, *, causes_only: bool = False
) -> list[Labelled]:
    """The amounts of ``text`` that state a figure (:func:`~budget_audit.parse.figures.labelled_amounts`), not those of
    a change (``减少12.58万元``), a prior-year figure in front of one (``1.02万元减少…``) or
    the reason given for a change (``主要原因是车辆价值为10万元以上``). ``changes`` are the
    text's :func:`stated_changes` when the caller has them already."""
    taken = ranges(text) + per_head(text) + _respectively(text)[0]
    if changes is None:
        changes = stated_changes(text, causes_only=causes_only)
    reasons = [change.reason_span for change in changes if change.reason_span is not None]
    for change in changes:
        if change.prior_at is not None and change.prior_end is not None:  # 上年…1.02万元，本年0.94万元，减少…: 0.94 stated
            taken += [(change.prior_at, change.prior_end), (change.start, change.end)]
        else:
            taken.append((change.prior_at if change.prior_at is not None else change.start, change.end))
    taken += reasons
    currents = []
    year = next((change.year for change in changes), None)
    for match in changes_to(text, year=year):  # 由上年的1.02万元减少到0.94万元: 0.94万元 is stated
        taken.append((match.start(), match.end()))
        if any(s <= match.start() < e for s, e in taken[:-1]):
            continue  # within a reason, or per head
        owner = next((c for c in changes if c.current_at == match.start("amount")), None)
        if owner is None or not owner.history:  # 2019年至2022年，…由46.82万元下降到31.42万元: 2022's, not stated
            currents.append(_current(text, match, owner))
    for change in changes:  # 由1.02万元减少0.08万元至0.94万元: so is this 0.94万元
        if change.current is not None and change.current_at is not None and not (
                change.history and change.prior is not None) and not any(
                c.start == change.current_at for c in currents):
            label = _named(change.label)
            currents.append(Labelled("" if _NO_ITEM_RE.match(label) else label, change.current, change.current_at,
                                     change.end, paren_depth(text, change.current_at)))
    stated = [a for a in labelled_amounts(text) if not any(s <= a.start < e for s, e in taken)]
    return sorted(stated + currents, key=lambda a: a.start)


def ranges(text: str) -> list[tuple[int, int]]:
    """Where ``text`` writes a change as a range of amounts (公务接待费减少3至5万元, 每户增加5万元至
    8万元不等): neither a change nor a figure of this year."""
    return [m.span() for m in _RANGE_RE.finditer(text)
            if m["low_unit"] is None or m["joiner"] not in ("至", "到") or m["spread"]]


def range_depths(text: str) -> list[int]:
    """The parenthesis depths at which ``text`` writes a change as a range (:func:`ranges`): a part
    written so (项目支出减少2000至2100万元) leaves the sum of its group's changes unknown."""
    return [paren_depth(text, start) for start, _ in ranges(text)]


#: Words of an amount per head: 人均提高0.5万元, 由每人每年0.3万元提高到0.5万元.
_PER_HEAD_RE = re.compile(r"人均|每人|生均|户均|每户")


def per_head(text: str) -> list[tuple[int, int]]:
    """Where ``text`` writes a change per head (人均提高0.5万元, 公用经费定额标准由每人每年0.3万元提高到
    0.5万元): no item's change, and no figure of this year."""
    found = [*_CHANGE_RE.finditer(text), *changes_to(text)]
    return sorted(m.span() for m in found if _PER_HEAD_RE.search(text, _clause_start(text, m.start()), m.start()))


def item_before(change: RawChange, stated: list[Labelled], text: str) -> Labelled | None:
    """The stated figure a change that names no item is about, in its part of the sentence
    (between 。 and ；, after the change before it) at its parenthesis depth, its own this year's
    figure aside (由上年的182.4万元增加到184.4万元，增加2万元): the only one stated before it —
    ``公务用车购置及运维费12.5万元，比上年减少17.9万元`` — else the one right before it when it names
    an item and is the only one of the list it stands in: after the list's opening (其中 / 包括 /
    a colon) — ``收支安排6663.49万元，其中：基本支出2319.63万元，较2022年增加…`` is 基本支出's — or,
    with none, after the list's head when a later item of the sentence is stated with its change
    too (``支出预算6663.49万元，基本支出2319.63万元，较2022年增加…；项目支出4343.85万元，较2022年
    减少…``) or the head is an earlier year's (``2022年机关运行经费182.4万元，2023年机关运行经费
    184.4万元，增加2万元``). After a list of several with no head before it in the part, its own total or,
    when later items go on with changes, its last item (:func:`_last_listed`); else None (``“三公”经费13.44万元，其中：…，公务接待费0.94万元，比2022年
    减少17.98万元`` after a list is the total's change), as when a second figure is no list's item
    (``收支安排6663.49万元，上年结转44.4万元，较2022年预算减少…`` is the total's) or the change names a part
    of its own listed after the figure (:func:`_names_a_part`). In a list after its one head, after its opening,
    the last item before it when the list goes on after it (:func:`_list_goes_on`: ``预算收入5728.07万元，其中：一般公共
    预算收入4739.51万元，基金预算收入988.56万元，比上年增加88.56万元，财政专户核拨收入0万元…`` is 基金预算收入's, not the
    head's: no change after a whole list)."""
    part = part_start(text, change.start)
    since = max([part, *_change_ends(text, part, change.start, change.current_at, year=change.year)])  # after the item before's change
    before = [a for a in stated if since <= a.start and a.end <= change.start and a.depth == change.depth
              and a.start != change.current_at]
    if len(before) == 1:
        return None if _names_a_part(change, before[0], text) else before[0]
    opened = [m.end() for m in LIST_OPENS_RE.finditer(text, since, change.start)
              if paren_depth(text, m.start()) == change.depth]
    if opened:
        listed = [a for a in before if a.start >= opened[-1]]
        if len(listed) > 1 and len(listed) == len(before):
            return _last_listed(listed, _items_go_on(change, stated, text))
        if len(listed) > 1 and len(before) == len(listed) + 1 and _list_goes_on(change, stated, text):
            return _last_listed(listed, True)  # 收入…，其中：…，基金预算收入988.56万元，比上年增加88.56万元，财政专户…
    else:
        goes_on = _items_go_on(change, stated, text) or len(before) > 1 and _an_earlier_years(before[0], before[1])
        listed = before[1:] if goes_on else []
    if len(listed) == 1 and not _NO_ITEM_RE.match(_named(listed[0].label)):
        return listed[0]
    return None


def list_head(change: RawChange, items: Sequence[Labelled], text: str, changes: Sequence[RawChange],
              subject_of: Callable[[str], str], ranks: Sequence[str]) -> Labelled | None:
    """The figure whose parts a change written after a list of several follows: the one
    stated right before the list opens (其中 / 包括 / a colon), in the change's part of the
    sentence (after the change before it) at its parenthesis depth — 基本支出2319.63万元，其中
    人员经费…，公用经费…，比上年增加73.07万元 is 基本支出's; 公务用车购置及运维费6.80万元，其中公务用车购置费0万元，
    公务用车运行维护费6.80万元，比上年减少0.40万元 the vehicles'. None when the list goes back to the head's
    rank (``ranks``, as ``subject_of`` names them: 基本支出…，包括人员经费…和公用经费…，项目支出4343.85万元，
    较2022年减少…: the total's)."""
    part = part_start(text, change.start)
    since = max([part, *(c.end for c in changes if c.end <= change.start)])
    opens = [m.start() for m in LIST_OPENS_RE.finditer(text, since, change.start)
             if paren_depth(text, m.start()) == change.depth]
    if not opens:
        return None
    level = [a for a in items if since <= a.start and a.end <= change.start and a.depth == change.depth]
    heads = [a for a in level if a.end <= opens[-1]]
    listed = {subject_of(a.label) for a in level if a.start > opens[-1]}
    if not heads or not listed:  # 合计21.0万元，其中办公费比上年增加…: a part's, not after a list
        return None
    if subject_of(heads[-1].label) in ranks and listed.intersection(ranks):
        return None
    return heads[-1]


#: Words that name the whole already stated rather than an item of its own: 该项经费, 上述经费, 以上经费,
#: 此项支出, 本年预算, 总计, 整体, 全年 ….
_REFERS_BACK_RE = re.compile(r"^(?:该|此|这|上述|以上|前述|本年|今年|本项|全年|总体|整体|总计|总额|合计|共计|总)")


def _names_a_part(change: RawChange, item: Labelled, text: str) -> bool:
    """Whether ``change`` names an item of its own, listed after ``item``'s figure (机关运行经费184.4万元，其中
    办公费比上年增加1万元: 办公费's change, a part's, not 机关运行经费's) — not words that refer back to the
    whole (…，主要包括办公费、水电费等，该项经费比上年增加2万元)."""
    own = _named(change.label)
    return (not _NO_ITEM_RE.match(own) and not _REFERS_BACK_RE.match(own) and not _names(own, item.label)
            and LIST_OPENS_RE.search(text, item.end, change.start) is not None)


#: The words of a sum: 合计, 共计, 总计.
_SUM_WORDS = "合计|共计|总计"
#: The words of a list's own total, and nothing else: …，公务接待费0.94万元，合计13.44万元 (not 公务接待费总额…).
_SUM_WORDS_RE = re.compile(rf"(?:以上|上述)?(?:{_SUM_WORDS}|总额)")


def _last_listed(listed: list[Labelled], goes_on: bool) -> Labelled | None:
    """The item a change after a list of several is about when no head stands before the list in its part
    of the sentence: the list's own total when it ends with one (…，合计13.44万元，比上年减少…); the last item
    when later items of the sentence go on with changes of their own (``goes_on``: …，公务用车购置及运维费
    12.5万元，比上年减少17.9万元；公务接待费0.94万元，比上年减少0.08万元); else None — after a whole list
    (…，公务接待费0.94万元，比上年减少17.98万元。) the change is the whole's."""
    last = listed[-1]
    if _SUM_WORDS_RE.fullmatch(_named(last.label)) or goes_on and not _NO_ITEM_RE.match(_named(last.label)):
        return last
    return None


def _an_earlier_years(first: Labelled, second: Labelled) -> bool:
    """Whether ``first`` is labelled as a year before ``second`` (2022年…，2023年…; 上年…，本年…)."""
    own = _LAST_YEARS_LABEL_RE.search(first.label)
    if own is not None and own["opening"] is None and own["closing"] is None:
        return True  # 上年/去年
    years = [[int(m["year"]) for m in _YEAR_RE.finditer(a.label)] for a in (first, second)]
    return bool(years[0]) and bool(years[1]) and max(years[0]) < min(years[1])


def _items_go_on(change: RawChange, stated: list[Labelled], text: str) -> bool:
    """Whether a figure stated later in the sentence of ``change``, at its depth, is followed by a
    change of its own in its part (…；项目支出4343.85万元，较2022年减少…): items of a list."""
    end = text.find("。", change.end)
    end = len(text) if end < 0 else end
    for item in stated:
        if change.end <= item.start < end and item.depth == change.depth:
            if _CHANGE_RE.search(text, item.end, part_end(text, item.end, end)):
                return True
    return False


def _list_goes_on(change: RawChange, stated: list[Labelled], text: str) -> bool:
    """Whether the list ``change`` is written in goes on after it with figures of no change of their own: one
    stated later in its part of the sentence at its depth (…，基金预算收入988.56万元，比上年增加88.56万元，财政专户核拨
    收入0万元，…) and none later in the sentence followed by a change (:func:`_items_go_on`: …，公用经费…，比上年增加
    73.07万元，项目支出4343.85万元，较上年减少… lists items of the head's rank)."""
    end = part_end(text, change.end)
    return (any(change.end <= a.start < end and a.depth == change.depth and not _BESIDE_RE.match(a.label)
                for a in stated)
            and not _items_go_on(change, stated, text))


#: The words of a figure stated beside a list, not as its next item: …，其他来源收入0万元，较上年减少1000万元，另有上年
#: 结转891.02万元 (the change after the list's last item is the head's).
_BESIDE_RE = re.compile(r"[\s，,]*(?:另有|另外|另|此外|还有|加上)")


def prior_year(text: str) -> int | None:
    match = _PRIOR_YEAR_RE.search(text)
    return int(match["year"]) if match else None


@dataclass(frozen=True)
class RawChange:
    label: str  # words before the verb in the same clause
    direction: int
    quantity: Quantity
    prior: Quantity | None  # "公务接待费1.02万元减少0.08万元" → 1.02万元
    reason: str | None
    start: int
    depth: int
    end: int = 0  # end of the change amount, or of this year's figure written after it (…至0.94万元)
    reason_span: tuple[int, int] | None = None  # where ``reason`` stands in the text
    current: Quantity | None = None  # this year's figure written with it: 由1.02万元减少到0.94万元, …减少0.08万元至0.94万元
    current_at: int | None = None  # where ``current`` stands in the text
    verb: str = ""  # the verb written with the amount (减少, 压减); "" for a change written only 由…到
    to_words: str = ""  # the words from ``prior`` to ``current``: 减至, 增加到, 减少0.08万元至
    to_direction: int = 0  # the direction ``to_words`` state (a 由…到 restating a change may say the other)
    prior_at: int | None = None  # where its own ``prior`` stands (not one taken from a 由…到 restating it)
    prior_end: int | None = None  # where it ends: what stands between it and the verb is no part of the change
    #: last year's figure of a 由…到 restating a change that writes its own: 比上年的1.10万元减少0.08万元，
    #: 由1.02万元减少到0.94万元 → 1.02万元 (``prior`` 1.10万元)
    restated_prior: Quantity | None = None
    #: written within the reason of a change naming no item (a total's), which it carries: part of that
    #: reason unless it names a known part of the total (:func:`build_changes`), whose change it explains
    in_total_reason: bool = False
    listed: bool = False  # written as one of a breakdown: after 其中/包括/： or 、 since the change before
    #: the whole a part is of when written right after a part named within it, its words naming none
    #: (基本支出中人员经费增加70万元、公用经费增加2万元 → 基本支出 for 公用经费), or in the breakdown after the whole's
    #: change (基本支出增加73.07万元，其中人员经费中工资福利支出增加70万元 → 基本支出; :func:`~budget_audit.parse.change_parts._whole_carried`)
    whole: str = ""
    year: int | None = None  # the budget year it was read with (:func:`stated_changes`)
    #: one of changes written together of items named with 均 or joined by 和/与 (办公费和水电费分别增加…): when no
    #: item is known by its name nor a whole by the breakdown it opens, no change of the total (:func:`build_changes`)
    joined: bool = False
    #: the change as a share of last year's figure, written right after it: 减少12.58万元，下降40% → 40%
    percent: Quantity | None = None
    percent_direction: int = 0  # the direction the percentage's own verb states: 下降 −1, 增长 +1, 变动幅度 0
    percent_bound: str = ""  # the words of a bound after the percentage: 以上 / （含）以上 / 有余 (at least), 以下 / 以内 (at most)
    #: one of an earlier year than the budget year or over several years (:mod:`~budget_audit.parse.change_periods`):
    #: read, so that its amount and reason are no one else's, but no change of this year's figures (:func:`build_changes`)
    history: bool = False
    #: stated on a comparable basis (同口径比较，项目支出减少90.87万元; 剔除…因素后，同口径减少17.79万元): :func:`_comparable`
    comparable: bool = False


#: The words before a change's verb that leave its item to the clause before: none, or 共.
_BARE_LABEL_RE = re.compile(r"[\s，,]*(?:共|再)?")
#: A clause that states a change without its amount (公务接待费较上年有所下降, …支出较上年略有压减) …
_NO_AMOUNT_VERB_RE = re.compile(rf"(?P<adverb>有所|略有|明显|大幅|小幅)?(?P<verb>{_CHANGE_VERBS})")
#: … or only its rate (降幅7.84%, 下降了7.8%).
_RATE_ONLY_RE = re.compile(r"^\s*(?:降幅|增幅|减幅|下降|增长|上升)(?:了|为)?\s*\d+(?:\.\d+)?\s*[%％]\s*$")
_COMPARES_RE = re.compile(r"(?:支出)?\s*(?:较|比|同比|与上年|与\d{4}年)")


#: Last year's figure in brackets right after the comparison before a change: 公务接待费较上年（1.10万元）减少….
_BRACKETED_PRIOR_BEFORE_RE = re.compile(
    rf"(?:较|比|同比)\s*(?:上年度?|\d{{4}}\s*年度?)(?:预算数?)?\s*[（(]\s*(?:上年|\d{{4}}\s*年)?(?:预算数?)?(?:为|是)?"
    rf"\s*(?P<num>{NUMBER_PATTERN})\s*{MONEY_PATTERN}\s*[）)]\s*$"
)
#: … or in brackets right after the change: 公务接待费减少0.08万元（上年1.10万元）.
_BRACKETED_PRIOR_AFTER_RE = re.compile(
    rf"\s*[（(]\s*(?:上年|\d{{4}}\s*年)(?:预算数?)?(?:为|是)?\s*(?P<num>{NUMBER_PATTERN})\s*{MONEY_PATTERN}\s*[）)]"
)


#: A sum's word in a change's label (合计减少…, 共计…): the total's change, whatever the clause before says.
_SUM_WORD_RE = re.compile(_SUM_WORDS)
#: Words of a clause naming no one item: a sum of several (基本支出与项目支出合计较上年有所下降) or the circumstances of
#: the change (在优先保障基本支出的前提下与上年相比) — the change after it stays the total's.
_NOT_ONE_ITEM_RE = re.compile(rf"{_SUM_WORDS}|前提下|情况下|基础上|背景下")


def _names_one_item(words: str) -> bool:
    """Whether the words of a clause before a change naming none name one item (项目支出 in 项目支出与上年相比): not none
    (与上年相比), nor several or a circumstance (:data:`_NOT_ONE_ITEM_RE`)."""
    return bool(words) and not _NO_ITEM_RE.match(words) and not _NOT_ONE_ITEM_RE.search(words)
#: A breakdown right after a change (…减少17.98万元，其中，… / …。其中：…): a total's change, its parts after it.
_PARTS_AFTER_RE = re.compile(r"[\s，,；;。]*(?:其中|包括)")


#: A clause that only names an item and compares it with last year, its change in the clause after: 项目支出与上年相比，
#: 减少… / 公务接待费较上年， / 公务接待费同上年比较， / 公务接待费与2022年预算相比， — or says it did not keep last year's
#: figure (公务接待费未与上年持平，比上年减少… / 基本支出并非同比持平，增加…: :data:`_DENIED_RE`).
_ITEM_COMPARED_RE = re.compile(
    rf"(?P<item>.*?)\s*(?:(?:与|较|同|比)\s*{_last_year_words('year')}(?:同期)?(?:预算数?)?|同比)\s*"
    r"(?P<flat>相比较?|比较|对比|持平)?\s*$"
)


def _compared_item(words: str, year: int | None) -> str | None:
    """The item a clause of :data:`_ITEM_COMPARED_RE` names (项目支出与上年相比 → 项目支出; 公务接待费未与上年持平 →
    公务接待费), else None: not one that names none (与上年相比), states an amount, compares with a year other
    than the last (项目支出与2021年相比), or says the item kept last year's figure (公务接待费与上年持平: a change of none)."""
    found = _ITEM_COMPARED_RE.fullmatch(words)
    if found is None or HAS_AMOUNT_RE.search(words) or found["year"] and year is not None and int(found["year"]) != year - 1:
        return None
    item = found["item"]
    if found["flat"] == "持平":
        denied = _DENIED_RE.search(item)
        if denied is None:
            return None
        item = item[: denied.start()]
    item = item.strip()
    return item if _names_one_item(item) else None


def _named_in_clause_before(text: str, clause: int, *, compared: bool = False, direction: int = 0,
                            year: int | None = None) -> str | None:
    """The item a change naming none is about when the clause before it states that item's change without an
    amount — 公务接待费较上年有所下降，减少0.08万元 / 公务接待费同比下降，降幅7.84%，减少0.08万元 is 公务接待费's (it was
    taken for the total's, a false RC011): the words naming it there; else None. That clause compares with last year,
    or says how it changed (基本支出略有增加，增加73.07万元), or the change itself compares (``compared``: 基本支出有所
    增长，较上年增加73.07万元) — not 2020-2022年，我局“三公”经费逐年下降，共减少…, which compares with no year. Without a
    comparison in that clause, its verb goes the change's way (``direction``: not 基本支出有所增长，较上年减少2017.79万元,
    the total's) and no other item's change without an amount stands before it (基本支出略有增加，项目支出有所减少，较2022年
    减少…: a summary of the parts before the total's change). A clause with no verb only names the item and compares it
    with last year (:func:`_compared_item`: 项目支出与上年相比，减少2090.87万元 — ``year``, the budget year, tells last
    year's number). A change written 由…到 naming no item is read the same way (项目支出较上年有所下降，由上年的6434.72万元
    减少到4343.85万元)."""
    at = clause
    for _ in range(2):
        if at <= 0 or text[at - 1] not in "，,":
            return None
        start = _clause_start(text, at - 1)
        words = text[start : at - 1]
        if _RATE_ONLY_RE.match(words):
            at = start
            continue
        verb = _NO_AMOUNT_VERB_RE.search(words)
        if verb is None:  # 项目支出与上年相比，减少2090.87万元
            return _compared_item(words, year)
        if HAS_AMOUNT_RE.search(words):
            return None
        compares = _COMPARES_RE.search(words, 0, verb.start())
        if compares is None and not (compared or verb["adverb"]):  # not 2020-2022年，我局“三公”经费逐年下降
            return None
        if compares is None and (verb_direction(verb["verb"]) != direction or _another_amountless(text, start)):
            return None
        item = words[: compares.start() if compares is not None else verb.start()].strip()
        return item if _names_one_item(item) else None
    return None


def _another_amountless(text: str, clause: int) -> bool:
    """Whether the clause before ``clause`` states a change without an amount too (项目支出有所减少 before 基本支出略有增加)."""
    if clause <= 0 or text[clause - 1] not in "，,":
        return False
    words = text[_clause_start(text, clause - 1) : clause - 1]
    return _NO_AMOUNT_VERB_RE.search(words) is not None and not HAS_AMOUNT_RE.search(words)


def stated_changes(text: str, *, causes_only: bool = False, year: int | None = None) -> list[RawChange]:
    """Changes such as ``基本支出增加73.07万元，主要为人员经费支出增加`` in order.

    A reason (主要原因是/主要为…; with ``causes_only`` only 原因…) attaches to the nearest
    change before it that is not inside parentheses; changes inside parentheses are parts
    of that change. A change written within the reason — in its clause (主要为天然气…资金压减
    2000万元) or a later one (主要为调整工资标准，人员经费提高70万元) — is part of it when
    :func:`~budget_audit.parse.change_reasons._within_reason` says so. ``year``, the document's budget year, lets a 由…到 to it read as from last year
    when the clause before compares with last year (:func:`~budget_audit.parse.change_from_to._from_last_year`); without it, it does not.
    """
    spread = ranges(text)
    heads = per_head(text)
    together, groups = _respectively(text)
    raw = [change for group in groups for change in group]
    for match in _CHANGE_RE.finditer(text):
        start = match.start()
        if any(s <= start < e for s, e in spread + heads + together):
            continue
        clause, label_end = _clause_start(text, start), start
        prior = prior_at = prior_end = None
        bracketed = (_BRACKETED_PRIOR_BEFORE_RE.search(text, max(0, start - 60), start)
                     or _BRACKETED_PRIOR_AFTER_RE.match(text, match.end()))
        if bracketed is not None:  # 较上年（1.10万元）减少… / 减少0.08万元（上年1.10万元）: the item's words stand before
            prior, prior_at, prior_end = quantity_at(text, bracketed.start("num"), bracketed.end("unit"))
            if bracketed.start() < start:
                clause, label_end = _clause_start(text, bracketed.start()), bracketed.start()
        clause = max([clause, *_change_ends(text, clause, start, year=year)])  # 购置费减少18万元、公务接待费减少…: 公务接待费's
        prior_match = None if bracketed is not None else (
            _prior_amount(text, clause, start) or _prior_before_comma(text, clause, start)
            or _prior_before_this_years(text, clause, start, year))
        if prior_match:
            prior, label_end, prior_end = quantity_at(text, prior_match.start(), prior_match.end("unit"))
            prior_at = label_end
            if label_end < clause:  # 公务接待费上年1.02万元，减少… / 上年公务接待费1.02万元，本年0.94万元，减少…: its words
                clause = _clause_start(text, label_end)
            if _a_changes_amount(text, prior_match):  # 上年公务接待费减少0.3万元，本年减少…: its words, but a change
                prior = prior_at = prior_end = None
        current = current_at = None
        end, to_words = match.end(), ""
        then = _THEN_TO_RE.match(text, end)
        to_direction = verb_direction(match["verb"], match["sign"])
        if then:  # …减少0.08万元至0.94万元 / …减少0.08万元，降至0.94万元
            current, current_at, end = *quantity_at(text, then.start("amount"), then.end())[:2], then.end()
            to_words = then["to_verb"] + then["to"] if then["to_verb"] else text[start:current_at].strip()
            to_direction = _TO_VERB[then["to_verb"]] if then["to_verb"] else to_direction
        label = text[clause:label_end].strip()
        bare = _BARE_LABEL_RE.fullmatch(label) is not None
        compared = not bare and _NO_ITEM_RE.match(label) is not None and not _SUM_WORD_RE.search(label) \
            and not _PARTS_AFTER_RE.match(text, end)  # 较上年增加…, not 合计减少… nor 与2022年相比减少…，其中…
        if (bare or compared) and (named := _named_in_clause_before(
                text, clause, compared=compared, direction=verb_direction(match["verb"], match["sign"]), year=year)):
            label = named  # 公务接待费较上年有所下降，减少0.08万元 / 基本支出有所增长，较上年增加73.07万元
        raw.append(
            {
                "label": label,
                "direction": verb_direction(match["verb"], match["sign"]),
                "quantity": quantity_at(text, match.start("amount"), match.end())[0],
                "prior": prior,
                "reason": None,
                "start": start,
                "depth": paren_depth(text, start),
                "end": end,
                "reason_span": None,
                "current": current,
                "current_at": current_at,
                "verb": match["verb"] + (match["sign"] or ""),  # as written: 增加-73.07万元
                "to_words": to_words,
                "to_direction": to_direction if to_words else 0,
                "prior_at": prior_at,
                "prior_end": prior_end,
                "restated_prior": None,
                **_percent_after(text, end, text[clause:label_end]),
            }
        )
    plain = list(raw)
    written_to = [c for match in changes_to(text, year=year) if match.span() not in heads
                  and (c := _change_to(text, match)) is not None]
    for change in written_to:  # 项目支出较上年有所下降，由上年的6434.72万元减少到4343.85万元: 项目支出's, not the total's
        if not _named(change["label"]) and (named := _named_in_clause_before(
                text, _clause_start(text, change["prior_at"]), direction=change["direction"], year=year)):
            change["label"] = named
    starts = sorted(c["start"] for c in plain + written_to)
    for change in written_to:
        again = _restated(text, plain, change, starts)
        if again is None:
            raw.append(change)
            continue
        if _NO_ITEM_RE.match(_named(again["label"])) and not _NO_ITEM_RE.match(_named(change["label"])):
            again["label"] = change["label"]  # 与2022年相比减少… restating 基本支出由…到…: 基本支出's
        if again["prior"] is None:  # 由1.02万元减少到0.94万元，减少0.08万元: one change, from 1.02
            again["prior"] = change["prior"]
        elif again["restated_prior"] is None:  # 比上年的1.10万元减少…，由1.02万元减少到…: RC012 holds the two
            again["restated_prior"] = change["prior"]
        if again["current"] is None:  # … to 0.94万元, this year's figure of the item it names
            for key in ("current", "current_at", "to_words", "to_direction"):
                again[key] = change[key]
    raw.sort(key=lambda c: c["start"])
    for before, change in zip([None, *raw], raw, strict=False):
        change["listed"] = _listed(text, change, before)
        change["whole"] = _whole_carried(text, change, before)
    _listed_past_commas(text, raw)
    for group in groups:  # 基本支出增加…，其中工资福利支出和商品和服务支出分别增加…: 基本支出's parts
        at = next(i for i, change in enumerate(raw) if change is group[0])
        if at and (whole := _group_whole(text, group, raw[at - 1])):
            for change in group:
                change.update(whole=whole, listed=True)
    pattern = _CAUSE_RE if causes_only else _REASON_RE
    within: set[int] = set()  # changes written within a reason, part of it (…，同时油价上涨，运维费调增0.1万元)
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        # A reason ends where the words of the next change (or range) begin — unless the change is part
        # of it — or a clause stating a figure.
        start = match.start("reason")
        numbered = _points_end(text, start, match.end())
        # in brackets (…（其中：购置费减少18万元，主要原因是…；运维费增加0.1万元，主要原因是…）): the nearest change before
        # it in them is its owner, and it ends with them
        brackets = enclosing_brackets(text, match.start())
        end = min([numbered, _next_statement(text, start, numbered), *(brackets[1:] if brackets else ()),
                   *(begins for at, _ in spread if at > start and (begins := _change_clause_start(text, at)) > start)])
        owner = None
        depth = paren_depth(text, match.start())
        for change in raw:
            if (brackets is None or change["start"] > brackets[0]) and change["start"] < match.start() \
                    and change["depth"] == depth and id(change) not in within:
                owner = change
        if owner is not None and not depth:
            owner = _broken_down(text, raw, owner, match.start())
        elif owner is not None and brackets is not None:
            owner = _bracket_owner(text, raw, owner, brackets[0], match.start())
        shared = [] if owner is None or owner["reason"] is not None else listed_after_total(
            text, raw, owner, match.start())
        if owner is not None and (owner["reason"] is not None
                                  or any(owner["start"] < at < match.start() for at, _ in spread)):
            owner = None  # one given already, or the reason of a range after it (减少3至5万元，主要原因是…)
        # changes after the reason's opening, in its clause (主要为天然气…资金压减2000万元) or in a later one
        in_total: list[dict] = []  # changes within a total's reason (主要原因是公务用车购置费减少18万元)
        inner: list[int] = []  # reasons of those changes' own, within this one (…减少2090.87万元，主要是…)
        after = sorted((max(begins, start), i) for i, c in enumerate(raw)
                       if _opening(c) > start and (begins := _change_clause_start(text, _opening(c))) < end)
        listing = False  # the reason lists its parts' changes (主要原因是基本支出增加…，项目支出减少…)
        parts = [] if owner is None or numbered > match.end() else _reason_parts(text, owner, start,
                                                                                 [raw[i] for _, i in after])
        for begins, i in after:
            own = _own_reason(text, raw[i], pattern)
            if any(raw[i] is part for part in parts):  # 主要原因是购置费减少18万元，运维费增加0.1万元: the item's parts
                if own is not None:
                    inner.append(own.start())
            elif owner is not None and (numbered > match.end() or _within_reason(text, raw[i], owner, pattern)):
                within.add(id(raw[i]))
            elif owner is not None and _in_total_reason(text, raw[i], owner, pattern):
                in_total.append(raw[i])
                listing = listing or begins == start
            elif begins > start and not (listing and own is not None):
                end = begins
                break
            elif own is not None:  # 主要原因是项目支出减少80万元，主要是…: the second reason is the part's
                inner.append(own.start())
                listing = listing or begins == start
        # the reasons within are read next, each for the change before it
        pos = min([max(end, match.start() + 1), *inner])
        if owner is None:
            continue
        reason = text[start:end].rstrip(_CLAUSE_BREAK + " ")
        if reason:
            owner["reason"] = reason.strip()
            owner["reason_span"] = (match.start(), end)
            for change in shared:  # 比上年减少…，其中A减少…，B减少…，主要原因是…: the total's and each part's
                change.update(reason=owner["reason"], reason_span=owner["reason_span"])
        for change in in_total:
            if change["start"] < end:
                change.update(in_total_reason=True, reason=owner["reason"], reason_span=owner["reason_span"])
        for change in parts:  # the item's breakdown when it gives two or more (RC011 holds them against it)
            change.update(whole=_named(owner["label"]), listed=len(parts) > 1)
    for group in groups:  # 分别比上年减少17.9万元、0.08万元，主要原因是…: the reason of each
        for change in group[:-1]:
            change["reason"] = change["reason"] or group[-1]["reason"]
    for change in raw:  # 因严控会议费等一般性支出，…比上年减少2.45万元: a reason opening its sentence
        if change["reason"] is None and change["depth"] == 0 and id(change) not in within:
            before = reason_before(text, change["start"], [c["start"] for c in raw if c is not change])
            if before is not None:
                change["reason"], change["reason_span"] = before
    flat = _flat(text, year)  # read last: no change of none takes a reason, nor makes another's words its own
    merged = sorted([c for c in raw if id(c) not in within] + flat, key=lambda c: c["start"])
    for before, change in zip([None, *merged], merged, strict=False):
        if any(change is c for c in flat):
            change["listed"], change["whole"] = _listed(text, change, before), _whole_carried(text, change, before)
    return [RawChange(**c, year=year, history=of_an_earlier_year(text, c["start"], year)
                      or over_several_years(text, c, year), comparable=_comparable(text, c, before))
            for before, c in zip([None, *merged], merged, strict=False)]


#: Words stating a change on a comparable basis, before it: 同口径比较, 按可比口径, 剔除上年一次性安排的…资金2000万元因素后,
#: 剔除机构改革划转因素, 扣除上年结转资金后.
_COMPARABLE_RE = re.compile(r"同口径|可比口径|(?:剔除|扣除)[^，,。；;]{0,40}?(?:因素|后)")


def _comparable(text: str, change: dict, before: dict | None) -> bool:
    """Whether ``change`` is stated on a comparable basis: its words of one (:data:`_COMPARABLE_RE`) stand before it in
    its part of the sentence, after the change ``before`` it (…减少2017.79万元，剔除…因素后，同口径减少17.79万元)."""
    since = max(part_start(text, change["start"]), before["end"] if before is not None else 0)
    return _COMPARABLE_RE.search(text, since, change["start"]) is not None


#: A change of none, in a clause of its own after the item's figure or naming the item: 因公出国（境）费0万元，与上年持平 /
#: …（其中…），同比持平 / 人员经费与上年持平 / “三公”经费预算与2023年预算持平.
_FLAT_RE = re.compile(r"(?P<label>[^，,；;。：:（()）\n]*?)(?:与|较|同)?(?:上年|上一年|去年|(?P<year>\d{4})年)度?(?:预算数?)?(?:相比)?持平"
                      r"|(?P<same>同比)持平")
#: Words of several items at once (A、B和C均与上年持平; 均未安排，与上年持平): whose change is none to tell.
_SEVERAL_RE = re.compile(r"[、和及与]|均|都|分别")
#: Words of what is no amount of money: a rate or share (降幅与上年持平, 占支出总额的比重与上年持平), a standard, the
#: staff (人员编制同比持平) — their 持平 is no change of none of the amount before them (a false RC011, a second row).
_BRACKETS_RE = re.compile(r"[（(][^（）()]*[）)]")
_NOT_MONEY_RE = re.compile(r"(?:率|幅|比重|占比|比例|结构|编制|编制数|人数|人员数|人员|人次|次数|批次|场次|架次|个数|户数|团组数|车辆数"
                           r"|辆数|台数|保有量|人天|速度|增速|标准|定额|水平|口径|价格|单价|数量)\s*$")
#: Words that deny it or make it rough: 并非与上年持平, 未与上年持平, 不再与上年持平, 基本与上年持平 — no change of none to
#: the cent.
_DENIED_RE = re.compile(r"(?:并非|不是|没有|未能?|不再|不|基本上?|大体上?|大致|总体上?)\s*$")


#: Words naming a total (预算收支安排6663.49万元，与上年持平 / “三公”经费与上年持平): its own change of none, where an
#: item of no known name (规划编制经费与上年持平) is no one's.
_TOTAL_WORDS_RE = re.compile(r"收支|三公|^\W*(?:\d{4}年度?)?\W*(?:全年|部门|单位|本单位|我单位|本部门)?(?:预算)?(?:支出|收入)"
                             r"(?:预算)?(?:总额|合计|总计|总预算)?\W*$|^\W*(?:预算)?(?:总额|合计|总计|总预算)\W*$")


def _flat(text: str, year: int | None = None) -> list[dict]:
    """The changes of none written 与上年持平 / 同比持平 in a clause with no amount, the item named before it
    or left to the figure before (:func:`stated_changes`'s labels): zero in the unit of the amount before it, so that
    last year's figure is this year's. Not one of several items at once (A、B均与上年持平), not 基本持平 (roughly
    so: no figure to the cent), not a denied one (并非与上年持平), not one against a year other than the last
    (与2021年持平), nor one of a share left to the percentage before it (占支出总额的65.2%，同比持平)."""
    out = []
    for match in _FLAT_RE.finditer(text):
        clause = _clause_start(text, match.start("same") if match["same"] else match.end() - 1)
        words = text[clause:match.start("same") if match["same"] else match.start() + len(match["label"])]
        before = list(AMOUNT_RE.finditer(text, 0, clause))
        if HAS_AMOUNT_RE.search(words) or _SEVERAL_RE.search(words) or not before \
                or _NOT_MONEY_RE.search(_BRACKETS_RE.sub("", words)) or _DENIED_RE.search(words) \
                or match["year"] and year is not None and int(match["year"]) != year - 1:
            continue  # its name's end: not 规划编制经费, 人员经费（按编制…）
        if not words.strip() and re.search(r"[\d%％]", _BRACKETS_RE.sub("", text[before[-1].end():clause])):
            continue  # 占支出总额的65.2%，同比持平: the share's, not the amount's before it
        if not words.strip() and text[:clause].rstrip().endswith(("）", ")")):
            continue  # 公用经费（按定额标准核定）与上年持平: its item's name cut off by the brackets, not the total's
        unit = quantity_at(text, before[-1].start(), before[-1].end())[0].money_unit or "万元"
        out.append({"label": words.strip(), "direction": 0,
                    "quantity": parse_quantity(f"0{unit}"), "prior": None, "reason": None, "start": clause + len(words),
                    "depth": paren_depth(text, match.start()), "end": match.end(), "reason_span": None,
                    "current": None, "current_at": None, "verb": "持平", "to_words": "", "to_direction": 0,
                    "prior_at": None, "prior_end": None, "restated_prior": None,
                    "percent": None, "percent_direction": 0, "percent_bound": ""})
    return out


def _prior_before_comma(text: str, clause: int, verb: int) -> re.Match[str] | None:
    """Last year's figure written before a comma and the change after it, when its own label
    says it is last year's (:data:`_LAST_YEARS_LABEL_RE`): 公务接待费上年1.02万元，减少0.08万元;
    上年公务接待费1.02万元，本年减少…; 2023年，公务接待费2022年为1.02万元，减少…; 较上年的31.42万元，
    减少… — not this year's figure followed by its change (公务接待费0.94万元，比上年减少0.08万元;
    按上年标准安排0.94万元，减少…), nor that of a 由…到 (由上年的1.02万元减少到0.94万元，减少…),
    nor 上年末/上年结转."""
    if clause == 0 or text[clause - 1] not in "，,":
        return None
    words = text[clause:verb]
    this_year = _THIS_YEAR_RE.match(words)
    if not _NO_ITEM_RE.match(words[this_year.end():] if this_year else words):
        return None
    found = _prior_amount(text, _clause_start(text, clause - 1), clause - 1)
    if found is None:
        return None
    # its own label: the words from the amount before it in its clause, if any (由…减少到0.94万元)
    floor = _clause_start(text, found.start())
    floor = max([floor, *(m.end() for m in AMOUNT_RE.finditer(text, floor, found.start()))])
    label = _LAST_YEARS_LABEL_RE.search(text[floor:found.start()])
    year = label and (label["opening"] or label["closing"])
    if label is None or year is not None and not _the_year_before(text, int(year), floor + label.start()):
        return None
    return found


def _a_changes_amount(text: str, found: re.Match[str]) -> bool:
    """Whether the amount ``found`` is written as a change's (减少15.2万元), not as a figure."""
    number = found.start("num")
    return any(m.start("amount") == number for m in _CHANGE_RE.finditer(text, max(number - 12, 0), found.end()))


#: A clause opening with this year, also right before its figure (2023年18.84万元), not a date (2023年1月).
_THIS_YEAR_CLAUSE_RE = re.compile(r"\s*(?:本年度?|今年|(?P<year>\d{4})\s*年度?(?!\s*\d{1,2}\s*月))")


#: Words of a last-year figure that is not last year's budget: 上年结转, 2022年决算, 执行数, 实际支出, 追加, 一次性
#: 安排, 预计, 下达, 拨付, 人均标准, 盘活, 收回, 补助 — or a change of it (上年调减2万元).
_NOT_LAST_BUDGET_RE = re.compile(
    r"结转|结余|决算|执行|实际|完成|追加|调[增减整]|一次性|预计|下达|拨付|节约|超支|人均|标准|增加|减少|压减|核减"
    r"|盘活|收回|补助|补贴|返还|退回")


def _prior_before_this_years(text: str, clause: int, verb: int, year: int | None) -> re.Match[str] | None:
    """Last year's figure two clauses before a change naming no item, with this year's figure of the same
    item between: 2022年“三公”经费预算数为30.42万元，2023年“三公”经费预算数为18.84万元，比上年减少12.58万元;
    上年公务接待费1.02万元，本年0.94万元，减少0.08万元. Its clause names the item (its words are the change's,
    so that the change is that item's) and is labelled last year (:data:`_LAST_YEARS_LABEL_RE`), not 结转/决算; the
    clause between opens with this year — the budget ``year`` when it writes one — names no other item and
    holds its one figure at its end; the change's words name no year but last year's."""
    words = text[clause:verb]
    if clause == 0 or text[clause - 1] not in "，," or not _NO_ITEM_RE.match(words):
        return None
    between = _clause_start(text, clause - 1)
    opening = _THIS_YEAR_CLAUSE_RE.match(text, between, clause - 1)  # 2023年 / 本年 / 2023年0.94万元
    if between == 0 or text[between - 1] not in "，," or opening is None:
        return None
    now = _PRIOR_AMOUNT_RE.search(text, opening.end(), clause - 1)
    if now is None or now["compared"] or AMOUNT_RE.search(text, opening.end(), now.start()):
        return None
    this_year = int(opening["year"]) if opening["year"] else year
    if this_year is None or opening["year"] is not None and (
            int(opening["year"]) != year if year is not None else _last_year(text, this_year, between)):
        return None
    start = _clause_start(text, between - 1)
    found = _PRIOR_AMOUNT_RE.search(text, start, between - 1)
    if found is None or found["compared"] or AMOUNT_RE.search(text, start, found.start()):
        return None
    own = _STATING_WORDS_RE.sub("", text[start:found.start()])  # 公务用车购置及运维费去年安排 → …去年
    label = _LAST_YEARS_LABEL_RE.search(own)
    if label is None or _NOT_LAST_BUDGET_RE.search(own):
        return None
    written = label["opening"] or label["closing"]
    if written is not None and int(written) + 1 != this_year:
        return None
    if any(int(m["year"]) + 1 != this_year for m in _YEAR_RE.finditer(words)):
        return None  # 比2021年减少…: not from the figure of 2022
    last_name = _item_named(own[: label.start()] + own[label.end():])
    this_name = _item_named(text[opening.end():now.start()])
    return found if last_name and this_name in ("", last_name) else None


#: The words stating a figure after its item's name: 预算数为, 预算安排, 共计 ….
_STATING_WORDS_RE = re.compile(r"(?:的|预算数?|安排|为|是|数|共计|合计|总计|总额)*\s*$")


def _item_named(words: str) -> str:
    """The item ``words`` name before their figure, quotation marks and stating words aside:
    我局“三公”经费预算数为 → 我局三公经费."""
    return re.sub(r"[\s“”\"‘’'《》]", "", _STATING_WORDS_RE.sub("", clean_label(words)))


def _the_year_before(text: str, year: int, pos: int) -> bool:
    """Whether ``year``, written at ``pos``, is the year before this one: the year a change is compared with
    (与2022年相比), else the year before the latest opening a clause earlier (2023年，…，2022年… — not 2021年 beside
    2022年's figure in a 2023 statement: …2022年预算31.42万元，2021年决算35.6万元，减少…)."""
    compared = prior_year(text)
    if compared is not None:
        return year == compared
    return year + 1 == max((int(m["year"]) for m in _OPENING_YEAR_RE.finditer(text, 0, pos)), default=None)


def _prior_amount(text: str, start: int, end: int) -> re.Match[str] | None:
    """The amount right before ``end`` (a change's verb, or the comma before it) in the clause from ``start``:
    1.02万元减少… — or one compared with, after 与/同 (与2022年的194.4万元相比，减少…; not 184.4万元相比…)."""
    found = _PRIOR_AMOUNT_RE.search(text, start, end)
    if found is not None and found["compared"] and not _COMPARED_WITH_RE.search(text, start, found.start()):
        return None
    return found


def _next_statement(text: str, start: int, end: int) -> int:
    """Where a clause after the first of ``text[start:end]`` (a reason) begins that plainly
    states a figure of this year — ``…，主要原因是新购置设备，本年度拟购置固定资产总额为0万元``,
    ``…，我单位拟购置固定资产总额为0万元``, or the next item of a list with its figure alone (…，基金预算收入988.56万元，
    比上年增加88.56万元，主要是专项债券项目资金增加，财政专户核拨收入0万元，…: :data:`_ITEM_FIGURE_RE`) — else ``end``.
    Figures within a reason stay in it (主要原因是车辆价值为10万元以上; 新增人员3名，增加工资50万元; 2022年一次性安排…为
    50万元 in a 2023 document)."""
    for comma in _COMMA_RE.finditer(text, start, end):
        pos = comma.end()
        if (item := _ITEM_FIGURE_RE.match(text, pos, end)) is not None and not _SPENT_RE.search(item["name"]):
            return comma.start()
        clause_end = found.start() if (found := _CLAUSE_BREAK_RE.search(text, pos, end)) else end
        opening = _THIS_YEAR_OPENING_RE.match(text, pos, clause_end)
        if opening is not None:
            states = _STATES_RE.search(text, opening.end(), clause_end)
            if states is None or (opening["year"] is not None and _last_year(text, int(opening["year"]), pos)):
                continue
            figure_from = states.end()
        elif (planned := _PLANNED_RE.search(text, pos, clause_end)) is not None:
            figure_from = planned.end()
        else:
            continue
        if any(not _BOUND_AFTER_RE.match(text, m.end()) for m in AMOUNT_RE.finditer(text, figure_from, clause_end)):
            return comma.start()
    return end


def _last_year(text: str, year: int, pos: int) -> bool:
    """Whether ``year``, written at ``pos``, is last year: the year a change is compared with
    (与2022年相比), or one before a year opening a clause earlier (2023年，…，2022年…) — not
    before a year within words (规划（2021—2025年）, 按照2024年前…的要求)."""
    return year == prior_year(text) or any(int(m["year"]) > year for m in _OPENING_YEAR_RE.finditer(text, 0, pos))


#: A year opening a clause (2023年，… / …。2023年我局…) — not a date (2023年1月), nor a
#: bound (2024年前, 2025年以后, 2023年起).
_OPENING_YEAR_RE = re.compile(
    rf"(?:^|(?<=[{re.escape(_CLAUSE_BREAK)}]))\s*(?P<year>\d{{4}})\s*年度?(?!\s*(?:\d|前|后|以[前后内]|起|止|末|底))"
)


def _current(text: str, match: re.Match[str], owner: RawChange | None) -> Labelled:
    """This year's figure of a change written from last year's (``由上年的1.02万元减少到
    0.94万元``), under the item's name (公务接待费) — or, when its own words name none, under
    that of the change it restates (``公务用车购置及运行费减少17.9万元，由上年的30.4万元减少到
    12.5万元``); ``owner`` is the change holding it, if any."""
    prior_start = quantity_at(text, match.start("prior"), match.end("prior_unit"))[1]
    label = _named(text[_clause_start(text, match.start()):prior_start])
    if not label and owner is not None and not _NO_ITEM_RE.match(named := _named(owner.label)):
        label = named
    now = quantity_at(text, match.start("amount"), match.end())[0]
    return Labelled(label, now, match.start("amount"), match.end(), paren_depth(text, match.start()))


def to_stated(subject: str, change: RawChange, span: Span, parent: str | None = None, *,
              within_whole: bool = False) -> StatedChange:
    return StatedChange(
        subject=subject,
        direction=change.direction,
        amount=Figure(label=f"{subject}变动", value=change.quantity, span=span),
        reason=Text(change.reason, span) if change.reason else None,
        prior=Figure(label=f"上年{subject}", value=change.prior, span=span) if change.prior else None,
        parent=parent,
        current=Figure(label=f"本年{subject}", value=change.current, span=span) if change.current else None,
        verb=change.verb,
        to_words=change.to_words,
        to_direction=change.to_direction,
        restated_prior=Figure(label=f"上年{subject}", value=change.restated_prior, span=span)
        if change.restated_prior else None,
        within_whole=within_whole,
        listed=change.listed,
        percent=Figure(label=f"{subject}变动幅度", value=change.percent, span=span) if change.percent else None,
        percent_direction=change.percent_direction,
        percent_bound=change.percent_bound,
        comparable=change.comparable,
    )


def build_changes(changes: list[RawChange], subject_of: Callable[[str], str], span: Span) -> list[StatedChange]:
    """RawChanges → StatedChanges; a change inside parentheses names its enclosing change, one
    naming a part of a whole (基本支出中人员经费由…增加到…) is the part's, under the whole's
    change — unless the whole is the total (“三公”经费中公务接待费: a part like any other). A part
    no item is named for (项目支出中天然气迎风度冬保障资金, 公务用车购置及运维费中车辆保险费) is the
    whole's change: its words fall to the total only for want of a name. A change written within a
    total's reason (:attr:`RawChange.in_total_reason`) is part of that reason unless it names a known
    part of the total — then it is the part's change, explained by that reason."""
    out: list[StatedChange] = []
    outer: str | None = None
    unnamed = subject_of("")
    for change in changes:
        if change.history:  # 2022年…31.42万元，比2021年的35.6万元减少4.18万元。: last year's own change
            outer = None
            continue
        whole, own = within(change.label)
        whole = change.whole or whole  # 人员经费中工资福利支出 in 基本支出's breakdown: 基本支出's
        subject = subject_of(own)
        if change.joined and subject == unnamed and not whole:
            continue  # 基本支出增加…，其中办公费和水电费分别增加2万元、1.07万元: no known items — nor the total's
        if change.verb == "持平" and subject == unnamed and own.strip() and not _TOTAL_WORDS_RE.search(own):
            continue  # 规划编制经费与上年持平: an item of no known name, not the total's change of none
        if change.in_total_reason and (subject == unnamed or whole and not subject_of(whole).endswith("合计")):
            continue  # within a total's reason naming no known part, or a part of a part: the reason's words
        if whole and subject == unnamed and own.strip() and (named := subject_of(whole)) != unnamed:
            if any(c.subject == named and c.parent is None for c in out):
                subject = _named(own)  # the whole's change is stated: a part of it by its own name
            else:
                whole, subject = "", named  # no known part of the whole: the whole's own change
        elif change.whole and subject == subject_of(change.whole) != unnamed and _named(own) != subject:
            subject = _named(own)  # 项目支出减少…，其中特定目标类项目支出减少…: a kind of its whole, by its own name
        if change.depth:
            out.append(to_stated(subject, change, span, parent=outer))
        elif whole and (named := subject_of(whole)) != subject and not named.endswith("合计"):
            out.append(to_stated(subject, change, span, parent=named, within_whole=True))
        else:
            outer = subject
            out.append(to_stated(subject, change, span))
    return out
