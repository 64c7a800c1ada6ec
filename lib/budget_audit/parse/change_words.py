"""The words the readings of stated changes share: the verbs of a change, where a clause begins, years, and the
name of the item a change's words give."""

from __future__ import annotations

import re

from ..amounts import APPROX_BEFORE_PATTERN, NUMBER_PATTERN, parse_quantity
from .figures import MONEY_PATTERN, clean_label

_CLAUSE_BREAK = "，,；;。：:（()）\n"
_CLAUSE_BREAK_RE = re.compile(f"[{re.escape(_CLAUSE_BREAK)}]")

#: Verbs of a change written with its amount (减少0.08万元, 压减0.08万元, 调增0.1万元, 负增长2090.87万元: a decrease).
_VERB = {
    "增加": 1, "增长": 1, "上升": 1, "提高": 1, "提升": 1, "调增": 1, "调高": 1, "上调": 1, "上涨": 1,
    "减少": -1, "下降": -1, "降低": -1, "压减": -1, "压缩": -1, "压降": -1, "缩减": -1, "削减": -1, "核减": -1,
    "调减": -1, "调低": -1, "下调": -1, "回落": -1, "负增长": -1,
    "增（减）": 1,  # 基本支出增（减）34.30万元: a table's column heading written into the text
    "持平": 0,
}
_CHANGE_VERBS = "|".join(verb for verb, direction in _VERB.items() if direction)
#: A sign before a change's amount (增加-73.07万元: a decrease), which 变动 needs to tell its direction (增减, like
#: 增（减）, is an increase unless signed).
_SIGN_PATTERN = "[-−－–+＋]"
#: A change with its amount; the amount may stand alone in brackets after the verb (减少（2017.79万元）), the closing
#: bracket left out of the match so that the change ends at its unit as when written plainly.
_CHANGE_RE = re.compile(
    rf"(?P<verb>{_CHANGE_VERBS}|增减|变动(?=\s*{_SIGN_PATTERN}))了?\s*(?P<open>[（(])?\s*(?:{APPROX_BEFORE_PATTERN})?\s*"
    rf"(?P<sign>{_SIGN_PATTERN})?\s*(?P<amount>{NUMBER_PATTERN})\s*{MONEY_PATTERN}(?(open)(?=\s*[）)]))"
)


def verb_direction(verb: str, sign: str | None = None) -> int:
    """The direction of a change written with ``verb`` and an amount signed ``sign``: 减少 → -1, 增加-73.07 → -1,
    变动-0.08 → -1, 增减+5 → 1."""
    direction = _VERB.get(verb, 1)
    return -direction if sign is not None and sign in "-−－–" else direction


_PRIOR_YEAR_RE = re.compile(r"(?:较|比|与)\s*(?P<year>\d{4})\s*年")

_YEAR_RE = re.compile(r"(?<!\d)(?P<year>\d{4})\s*年")

#: The words opening a comparison with a figure: 与2022年的194.4万元相比, 同上年的…相比, 较2022年194.4万元相比.
_COMPARED_WITH_RE = re.compile(r"[与同较比]")

#: The words before a change's verb that name no item (减少0.08万元 restating the change just
#: written 由…减少到…; 与2022年相比减少…).
_NO_ITEM_RE = re.compile(
    r"^[\s，,、（(]*(?:与|较|比|同比)?\s*(?:上年度?|上一年度?|去年|\d{4}年度?)?(?:预算数?)?(?:相比|同期)?\s*"
    r"(?:共计?|合计)?[\s，,、]*$"
)
#: Words after an item's name before a change or last year's figure: 比上年, 与2022年相比,
#: 由, 从, 上年的, 上年度的, 2022年预算数, 比上年由 ….
_FROM_WORDS_RE = re.compile(
    r"(?:同比|(?:与|较|比)\s*(?:上年度?|上一年度?|去年|\d{4}年度?)(?:预算数?)?(?:相比|同期)?)?\s*"
    r"(?P<from>由|从)?(?:(?:上年|上一年|\d{4}年)度?(?:预算数?)?)?的?$"
)

#: Brackets within an item's name, which break no clause: 因公出国（境）费, and a note of what it holds, without
#: figures, right after it: 项目支出（含人员经费）减少….
_NAME_BRACKETS_RE = re.compile(r"出国[（(]境[）)]|[（(](?:含|包括|不含|不包括)[^（）()，,。；;：:\d]{1,20}[）)]")


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` begins: after the last 。 or line break before it (not ；)."""
    return max(text.rfind(mark, 0, pos) for mark in "。\n") + 1


def _break_before(text: str, pos: int) -> int:
    """The last clause break before ``pos`` (-1 for none) — not the thousands comma of 9,866.35."""
    found = max(text.rfind(ch, 0, pos) for ch in _CLAUSE_BREAK)
    while found > 0 and text[found] == "," and text[found - 1].isdigit() and text[found + 1 : found + 2].isdigit():
        found = max(text.rfind(ch, 0, found) for ch in _CLAUSE_BREAK)
    return found


def _clause_start(text: str, pos: int) -> int:
    start = _break_before(text, pos) + 1
    while start > 0 and (name := next((m for m in _NAME_BRACKETS_RE.finditer(text, max(start - 30, 0), pos)
                                       if m.start() < start <= m.end()), None)):
        start = _break_before(text, name.start()) + 1
    return start


def _change_clause_start(text: str, verb: int) -> int:
    """Where the words of a change begin: its clause, or the clause before it when the
    change only compares (``公务接待费0.94万元，比上年减少…``)."""
    start = _clause_start(text, verb)
    if re.match(r"\s*(?:比|较|与|同比)", text[start:verb]) and start > 0:
        return _clause_start(text, start - 1)
    return start


#: The vehicles' item, made of the parts it names: 公务用车购置及运维费, 公务用车购置和运行费.
_VEHICLES_RE = re.compile(r"购置(?:及|和|与)运[行维]")
#: The names of the vehicles' parts: 购置费, 运维费, 公务用车购置费, 车辆运行维护费.
_VEHICLE_PART_RE = re.compile(r"(?:公务用?车|车辆)?(?:购置|运[行维]|运行维护)费")

#: The word a name of money ends in: 人员经费 / 基本支出 / 购置费.
_HEAD_WORD_RE = re.compile(r"(?:经费|支出|资金|预算|费)$")


def _opening(change: dict) -> int:
    """Where the words of a change's figures begin: at last year's figure written before
    its verb (公务接待费1.02万元减少…, 由1.02万元减少到…), else at its verb."""
    return change["prior_at"] if change["prior_at"] is not None else change["start"]


def _names(name: str, words: str) -> bool:
    """Whether ``name`` names the item ``words`` do, quotation marks aside: held in them
    (“三公”经费 / 我局财政拨款“三公”经费预算安排) or ending in them (我局“三公”经费 / “三公”经费) —
    not naming a part of it (“三公”经费中公务接待费)."""
    name, words = (re.sub(r"[“”\"‘’'《》]", "", w) for w in (name, words))
    return bool(name) and bool(words) and (name in words or name.endswith(words))


def _named(label: str) -> str:
    """The words of a change's label naming its item, without 由/从/上年的 before last
    year's figure or 比上年 before the change (公务接待费由上年的, 公务接待费比上年 → 公务接待费), nor
    the whole it is a part of (基本支出中人员经费 → 人员经费)."""
    return clean_label(_FROM_WORDS_RE.sub("", within(label)[1].strip(" ，,、（(")))


#: The name of a whole before a part of it: 基本支出中人员经费, 公务用车购置及运维费中购置费 (not 其中, 集中).
_WHOLE_RE = re.compile(r"(?:支出|经费|费|资金|预算)(?:之)?中(?=\S)")


def within(label: str) -> tuple[str, str]:
    """A change's label split into the whole it names a part of, if any, and the part's words:
    基本支出中人员经费由 → (基本支出, 人员经费由); 公务接待费 → ("", 公务接待费)."""
    found = [*_WHOLE_RE.finditer(label)]
    if not found:
        return "", label
    return label[: found[-1].end()].rstrip("之中"), label[found[-1].end() :]


#: The change as a percentage of last year's figure, right after it: 减少12.58万元，下降40% / （同比下降40.04%） /
#: ，比2022年下降40% / 、降幅为40% / ，即下降40% / ，增长率为19.8% / ，下降比例为40% / ，降幅：40% / ，减幅高达40% /
#: ，负增长32.5% (a decrease) / ，变动幅度为40% (no direction), also as a bound ending its clause (下降37%以上 /
#: 增长5%以内 / 37%（含）以上 / 及以上 / 之内 / 42%有余 / 42%强 / 42%弱) — not percentage points (下降2个百分点), nor an
#: approximation (40%左右 / 40%多 / 上下), nor a percentage followed by words that go on (下降30%以上经费主要用于… /
#: 下降45%以内容为准: not read), nor a percentage of another item (，公务接待费下降8%).
_PERCENT_AFTER_RE = re.compile(
    r"\s*[，,、]?\s*[（(]?\s*(?:即\s*)?"
    r"(?:同比|(?:比|较|与)\s*(?:上一?年度?|去年|\d{4}\s*年度?)(?:同期)?(?:预算数?)?\s*(?:相比)?\s*[，,]?)?\s*"
    r"(?P<verb>下降|降低|减少|下调|减幅|降幅|负增长|增长|增加|上升|提高|上涨|增幅|涨幅|(?:变动|变化|增减)(?=幅度|率))"
    r"(?:率|幅度|比例|比率|百分比)?\s*(?:了|为|是|达到?|高达|[:：])?\s*"
    rf"(?P<percent>{NUMBER_PATTERN}\s*%)"
    r"(?:\s*(?P<bound>(?:[（(]含[）)]|及)?\s*以\s*[上下内]|之内|有余|强|弱)(?=\s*(?:[，,。；;、（()）：:\n]|$)))?"
    r"(?!\s*(?:[（(]含[）)]|及)?\s*(?:以\s*[上下内]|之内|左右|上下|多|余|有余|强|弱))"
)
_PERCENT_DOWN = ("下降", "降低", "减少", "下调", "减幅", "降幅", "负增长")
_PERCENT_EITHER = ("变动", "变化", "增减")
#: Items joined in a change's words (公务接待费和因公出国（境）费共减少…, 人员经费与公用经费合计…): its percentage is
#: not of one item's figure — not 与 a year (与上年相比).
_JOINED_ITEMS_RE = re.compile(r"[和、]|与(?!\s*(?:上一?年|去年|\d{4}\s*年))")


def _percent_after(text: str, end: int, label: str) -> dict:
    """A change's ``percent``, ``percent_direction`` (its verb's: 下降 −1, 增长 +1, 变动幅度 0) and ``percent_bound``
    (its words without spaces: 以上 / 以下 / 以内 / （含）以上 / 有余 …, or ""), written right after the change, which
    ends at ``end`` (:data:`_PERCENT_AFTER_RE`); None, 0 and "" when there is none, or when the change's words
    ``label`` join items (:data:`_JOINED_ITEMS_RE`)."""
    found = _PERCENT_AFTER_RE.match(text, end)
    if found is None or _JOINED_ITEMS_RE.search(label):
        return {"percent": None, "percent_direction": 0, "percent_bound": ""}
    verb = found["verb"]
    return {"percent": parse_quantity(found["percent"]),
            "percent_direction": -1 if verb in _PERCENT_DOWN else 0 if verb in _PERCENT_EITHER else 1,
            "percent_bound": re.sub(r"\s+", "", found["bound"] or "")}
