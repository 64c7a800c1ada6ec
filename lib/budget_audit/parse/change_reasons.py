"""The reasons given for stated changes: the words opening one (主要原因是…, 主要为…), where one written as numbered
points ends (一是…；二是…), which change a reason after a breakdown is of, and what a change written after a reason's
opening is — the reason's own words, a part of the vehicles' item it explains, a change within a total's reason, or
another item's statement with a reason of its own."""

from __future__ import annotations

import re
from os.path import commonprefix

from ..amounts import money_in_text
from .change_from_to import _CHANGE_TO_RE, changes_to
from .change_words import (
    _CHANGE_RE,
    _CLAUSE_BREAK_RE,
    _HEAD_WORD_RE,
    _NO_ITEM_RE,
    _VEHICLE_PART_RE,
    _VEHICLES_RE,
    _change_clause_start,
    _clause_start,
    _named,
    _opening,
    within,
)
from .figures import SENTENCE_BREAK, clean_label, part_end

#: The words opening a reason: 主要原因是…, 原因为…, 原因在于…所致, 主要系…, 是由于…, 主要是因为…, 减少原因：…, ，系…,
#: 主要受…影响 (受…影响 its words; 受 alone after a comma when its clause ends the part: …，受疫情影响。 — not 受疫情影响，
#: 公务接待费减少…, the next change's), and 因 opening a clause after a comma (，因上年一次性安排… — not 因公出国, 因此,
#: 因而, 因素, nor set phrases: 因地制宜, 因势利导 …).
_CAUSES = (r"主要原因(?:是|为)?|原因(?:是|为|在于|[:：])|(?<![^。；;])说明[:：]|主要系|(?:主要(?:是)?|是)?由于|(?:主要(?:是)?)?因为"
           r"|主要是(?!用于)|(?:增加|减少|增减|变动|变化)的?(?:主要)?原因[:：]|原因说明[:：]|(?<![^，,；;。：:])系"
           r"|主要(?=受[^，,；;。]+影响)|(?<=[，,])(?=受[^，,；;。]+影响\s*(?:[；;。]|$))|(?<=[，,])因(?![公此而素为]|地制宜|势利导|时制宜|事制宜|陋就简|循)")
#: A reason runs to the end of its clause — not into the breakdown of the vehicles' item it explains that follows it,
#: opened by 其中： and naming 公务用车购置费 or 运行维护费 with a figure (…主要原因是报废老旧车辆1辆，其中：公务用车购置费0元，
#: 公务用车运行维护费132,000.00元；) — a reason's own 其中 goes on (…不再安排，其中购置类项目减少500万元; 其中购置费18万元…).
_REASON_TEXT = r"[:：]?(?P<reason>(?:(?![，,]其中[：:]\s*公务用车(?:购置|运行维护|运维)费\s*(?:为\s*)?\d)[^；;。])+)"
#: Reasons proper, for a paragraph whose 主要用于… says what the money is for (机关运行经费).
_CAUSE_RE = re.compile(rf"(?:{_CAUSES}){_REASON_TEXT}")
# 主要为/主要用于 too; 系 alone opens a reason only at the start of a clause (not in 体系, 系统).
_REASON_RE = re.compile(rf"(?:{_CAUSES}|主要(?:是|为|用于)|(?<![^，,；;。：:])系){_REASON_TEXT}")


def _reason_parts(text: str, owner: dict, start: int, after: list[dict]) -> list[dict]:
    """The changes of the parts of ``owner``'s item that the reason given for it, opening at ``start``, is made of
    (公务用车购置及运维费减少17.9万元，主要原因是购置费减少18万元，运维费增加0.1万元): from its first words, one after the
    other (、/，/和), each naming one of the vehicles' parts (购置费, 运维费, 公务用车购置费, 车辆运行维护费) — only for the
    vehicles' item; [] when its first words are no such change (…，同时油价上涨，运维费调增0.1万元 is the reason's words)
    or the item is another (主要原因是人员经费增加… of 基本支出, 主要是服务费增加… of 商品和服务支出: the reason's words, as
    an amount within any reason), or a 由…到 not read as its change stands between its change and the reason. ``after``: the changes after the reason's opening."""
    item = _named(owner["label"])
    if not _VEHICLES_RE.search(item):
        return []
    if any(m.start("amount") != owner["current_at"] for m in _CHANGE_TO_RE.finditer(text, owner["end"], start)):
        return []  # …减少17.9万元，由35万元减少到2022年的30.4万元，主要原因是…: a 由…到 not read as its change between
    parts: list[dict] = []
    at = start
    for change in after:
        words = text[at : _opening(change)]
        name = _named(words)
        head = _HEAD_WORD_RE.search(name)
        if (head is None or within(words)[0] or item in name or _CLAUSE_BREAK_RE.search(name)
                or not _VEHICLE_PART_RE.fullmatch(name)):
            break
        parts.append(change)
        at = change["end"]
    return parts


def listed_after_total(text: str, raw: list[dict], last: dict, reason_at: int) -> list[dict]:
    """The changes that share the reason at ``reason_at`` after ``last``, when ``last`` ends a list opened by 其中 right
    after a total's change written with no item's name (比上年减少16000.00元，其中公务用车购置及运维费减少8000.00元，
    公务接待费减少8000.00元，主要原因是…: the reason of the total and of each part listed) — the total's and the parts';
    [] otherwise: fewer than two parts, a reason among them, a sentence's end between the total and the reason, or a
    reason whose words name a part, before it (…，公务接待费减少的主要原因是…) or in it (…，主要是天然气…项目结束: 项目支出's,
    not 基本支出's — :func:`~budget_audit.parse.cause_points.names`)."""
    at = next(i for i, change in enumerate(raw) if change is last)
    first = next((i for i in range(at, 0, -1) if raw[i]["label"].lstrip("，,、；; ").startswith("其中")), None)
    if first is None or at - first < 1 or raw[first - 1]["reason"] is not None:
        return []
    head, parts = raw[first - 1], raw[first : at + 1]
    if not _NO_ITEM_RE.match(_named(head["label"])) or any(p["reason"] is not None or p["depth"] for p in parts):
        return []
    if any(mark in text[head["end"] : reason_at] for mark in SENTENCE_BREAK):
        return []
    subject = text[last["end"] : reason_at]
    if any((name := _named(p["label"].removeprefix("其中"))) and name in subject for p in parts):
        return []
    from .cause_points import names  # cause_points imports this module

    words = text[reason_at : part_end(text, reason_at)]
    if any(names(words, _named(p["label"].removeprefix("其中"))) for p in parts):
        return []  # …，主要是天然气迎峰度冬保障资金项目结束: what it names is one part's (项目支出's), not all of theirs
    return [head, *parts]


def _broken_down(text: str, raw: list[dict], last: dict, reason_at: int) -> dict:
    """The change whose breakdown ``last`` ends, when its parts carry that item as their whole right after its change
    (基本支出增加73.07万元，其中人员经费增加70万元、公用经费增加3.07万元，主要为…: the reason after them is 基本支出's,
    which they share, as after parts in brackets) and it gives no reason yet; else ``last``. Only for two parts or more,
    one after the other in one part of the sentence (、/，) with no reason between them, and a reason at ``reason_at``
    whose words before it name none of them (…，其中公用经费增加3.07万元，主要原因是办公用房维修 is 公用经费's; so is
    …、商品和服务支出增加3.07万元，商品和服务支出增加的主要原因是…: :func:`words_name_a_part`)."""
    at = end = next(i for i, change in enumerate(raw) if change is last)
    while at > 0 and raw[at]["whole"]:
        at -= 1
    head, parts = raw[at], raw[at + 1 : end + 1]
    if head is last or head["reason"] is not None or _named(head["label"]) != clean_label(last["whole"]):
        return last
    if len(parts) < 2 or any(part["reason"] is not None for part in parts):
        return last
    if any(mark in text[head["end"] : reason_at] for mark in SENTENCE_BREAK):
        return last
    return last if words_name_a_part(text[last["end"] : reason_at], parts) else head


def _bracket_owner(text: str, raw: list[dict], last: dict, opening: int, reason_at: int) -> dict:
    """The change whose breakdown in brackets a reason at ``reason_at`` follows, when it comes after two parts or more
    with no reason of their own and its words before it name none of them (…减少17.9万元（其中：公务用车购置费减少18万元，
    公务用车运维费增加0.1万元，主要原因是上年购置公务用车1辆…）: the whole's, as after such a breakdown outside brackets
    — :func:`_broken_down`; it was 运维费's alone); else ``last``, its nearest."""
    parts = [c for c in raw if opening < c["start"] < reason_at and c["depth"] == last["depth"]]
    head = next((c for c in reversed(raw) if c["start"] < opening and c["depth"] == last["depth"] - 1), None)
    if head is None or head["reason"] is not None or len(parts) < 2 or any(p["reason"] is not None for p in parts):
        return last
    return last if words_name_a_part(text[last["end"] : reason_at], parts) else head


def words_name_a_part(words: str, parts: list[dict]) -> bool:
    """Whether ``words`` (before a reason) name one of a breakdown's ``parts``: by its name (公务用车运维费增加的主要原因是),
    or by the words that tell it from the others (运维费增加主要原因是, beside 公务用车购置费)."""
    names = [name for part in parts if (name := _named(part["label"]))]
    common = len(commonprefix(names)) if len(names) > 1 else 0
    return any(name in words or len(name) - common >= 2 and name[common:] in words for name in names)


#: The first point of a reason written as numbered points (一是…；二是…), and a later one: 一是/二是,
#: 其一/其二, （1）/（2）, 1./2、, ①/②.
_FIRST_POINT_RE = re.compile(r"\s*(?:一是|其一|[（(]\s*1\s*[）)]|1\s*[.．、](?!\d)|①)")
_NEXT_POINT_RE = re.compile(r"\s*(?:[二三四五六七八九十]是|其[二三四五六七八九十]|[（(]\s*\d+\s*[）)]|\d+\s*[.．、](?!\d)|[②-⑩])")
_POINT_BREAK_RE = re.compile("[；;。]")


def _points_end(text: str, start: int, end: int) -> int:
    """Where a reason opening at ``start``, up to ``end`` (its first ；/。), ends when written as numbered points
    (主要原因：一是上年购置公务用车一辆…；二是公务接待费压减0.08万元。): past each ； that opens the next point —
    the changes in its points are the reason's (:func:`~budget_audit.parse.changes.stated_changes`); else ``end``."""
    if not _FIRST_POINT_RE.match(text, start):
        return end
    while end < len(text) and text[end] in "；;" and _NEXT_POINT_RE.match(text, end + 1):
        found = _POINT_BREAK_RE.search(text, end + 1)
        end = found.start() if found else len(text)
    return end


#: Words opening a clause that goes on with a reason: 同时油价上涨，运维费调增0.1万元 is not 运维费's
#: statement of its own when written 因此/同时/其中 ….
_GOES_ON_RE = re.compile(r"\s*(?:因此|因而|所以|从而|导致|致使|使得?|相应地?|同时|其中|加之|并且?|以及|且|故)")


def _within_reason(text: str, change: dict, owner: dict, pattern: re.Pattern[str]) -> bool:
    """Whether a change written within the reason given for ``owner``'s is a part of the
    reason (…主要原因是人员工资标准提高，其中在职人员工资上调50万元; …同时油价上涨，运维费调增0.1万元
    after 公务用车购置及运维费's) rather than another item's statement: not when a reason of its own
    follows it in its part of the sentence, nor when ``owner`` names no item (a total's reason
    naming its parts' changes), nor when it names an item beside ``owner``'s — neither name
    holding the other, both ending alike (基本支出…，主要为人员经费支出增加，项目支出减少…) — in a
    clause of its own (not 因此/同时/其中 …)."""
    if _own_reason_follows(text, change, pattern):
        return False  # its own reason follows: 项目支出减少2090.87万元，主要为…
    theirs, own = _named(owner["label"]), _named(change["label"])
    if _NO_ITEM_RE.match(theirs):
        return False
    if _GOES_ON_RE.match(text, _clause_start(text, _opening(change))) or _NO_ITEM_RE.match(own):
        return True
    return own in theirs or theirs in own or own[-1] != theirs[-1]


def _own_reason(text: str, change: dict, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The reason following a change in its part of the sentence (…减少2090.87万元，主要为…), when it begins
    before the clause of the next change (基本支出增加73.07万元，项目支出减少2090.87万元，主要为…: 项目支出's, not
    基本支出's) — whatever changes the reason itself names (主要原因是天然气项目资金减少2000万元)."""
    end = part_end(text, change["end"])
    own = pattern.search(text, change["end"], end)
    if own is None:
        return None
    following = [m.start("verb") for m in (_CHANGE_RE.search(text, change["end"], own.start()),
                                           next(changes_to(text, change["end"], own.start()), None)) if m is not None]
    return None if following and _change_clause_start(text, min(following)) < own.start() else own


def _own_reason_follows(text: str, change: dict, pattern: re.Pattern[str]) -> bool:
    """Whether a reason follows a change in its part of the sentence (…减少2090.87万元，主要为…)."""
    return _own_reason(text, change, pattern) is not None


def _in_total_reason(text: str, change: dict, owner: dict, pattern: re.Pattern[str]) -> bool:
    """Whether a change written within the reason given for ``owner``'s, which names no item (a total's:
    较2022年预算减少2017.79万元，主要原因是天然气迎峰度冬保障资金减少2000万元; 比上年减少17.98万元，主要原因是
    公务用车购置费由上年的18万元减少到0万元), is that reason's — no reason of its own following it. Whether it is a
    change of its own too (one naming a known part, explained by the total's reason) is for
    :func:`~budget_audit.parse.changes.build_changes`, which knows the items."""
    return bool(_NO_ITEM_RE.match(_named(owner["label"]))) and not _own_reason_follows(text, change, pattern)


#: A reason opening the sentence its change ends (因严控会议费等一般性支出，…比上年减少2.45万元): 由于/因为/因 (not 因公出国,
#: 因此) or 受…影响, up to the first comma.
_REASON_FIRST_RE = re.compile(
    r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]是|\d{1,2}[.、．])?\s*"  # （三）因…
    r"(?:(?:主要)?(?:由于|因为|因(?![公此而]))(?P<reason>[^，,；;。：:]+?)|(?P<influence>受[^，,；;。：:]+?的?影响))[，,]")


def reason_before(text: str, start: int, others: list[int]) -> tuple[str, tuple[int, int]] | None:
    """The reason written before the change at ``start`` in its sentence, opening it (因…，…减少2.45万元), and where
    it stands — when no change of ``others`` (their starts) stands between the two and the reason states no amount of
    money (受2辆执法车辆报废影响 is one); else ``None``."""
    sentence = max(text.rfind(mark, 0, start) for mark in "。；;") + 1
    found = _REASON_FIRST_RE.match(text, sentence)
    if found is None or found.end() > start or any(sentence <= at < start for at in others):
        return None
    group = "reason" if found["reason"] is not None else "influence"
    if money_in_text(found[group]):
        return None  # 因上年结转10万元，… is no reason
    return found[group].strip(), found.span(group)
