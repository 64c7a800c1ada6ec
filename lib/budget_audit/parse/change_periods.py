"""Which year a stated change is of: one of an earlier year than the budget year (its sentence opens with that year)
or one over several years (累计…, or after a period: 2020年至2022年，… / 近三年… / 截至2022年底，…) — both read, but
history, not this year's change over the last (:attr:`~budget_audit.parse.changes.RawChange.history`)."""

from __future__ import annotations

import itertools
import re

from .change_words import _CHANGE_RE, _CLAUSE_BREAK_RE, _NO_ITEM_RE, _clause_start, _sentence_start
from .figures import AMOUNT_RE, LAST_YEAR_WORDS, YEAR_AS_TIME_RE

#: A year opening a sentence as the year it is about: 2022年我局“三公”经费… (not 2022年以来, 2022年1月, 2021年至2023年).
_SENTENCE_YEAR_RE = re.compile(r"\s*(?P<year>\d{4})\s*年度?(?!\s*(?:\d|前|后|以[前后内来]|来|起|止|至|到|[-—–~～]|末|底))")


def of_an_earlier_year(text: str, pos: int, year: int | None) -> bool:
    """Whether the change at ``pos`` is one of an earlier year than the budget ``year``: its sentence opens with
    that year, not as the time of an event (:data:`~budget_audit.parse.figures.YEAR_AS_TIME_RE`: 2022年机构改革后，…),
    and does not name this year before the change (2022年我局“三公”经费预算31.42万元，比2021年的35.6万元减少4.18万元。
    in a 2023 document — not 2022年…31.42万元，而2023年…18.84万元，比上年减少…)."""
    if year is None:
        return False
    sentence = _sentence_start(text, pos)
    opening = _SENTENCE_YEAR_RE.match(text, sentence)
    if opening is None or int(opening["year"]) >= year:
        return False
    first = _COMMA_OR_BREAK_RE.search(text, opening.end(), pos)
    if YEAR_AS_TIME_RE.search(text, opening.end(), first.start() if first else pos):
        return False  # 2022年机构改革后，… / 2022年受疫情影响，…: when, not what year the figures are of
    if not names_this_year(text, year):
        return False  # 2022年我局“三公”经费预算18.84万元，比上年减少… alone: this year's, its year copied unchanged
    return not names_this_year(text[sentence:pos], year)


#: The words right before a change's verb when it is the sum of several years' changes: 累计压减15.2万元 / 已累计减少….
_CUMULATIVE_RE = re.compile(r"累计\s*(?:共|已)?\s*$")
#: A sentence opening with a period of several years: 2020年至2022年 / 从2020年到2022年 / 2020—2022年 / 2022年以来 /
#: 自2020年以来 / 2021年来 / 截至2022年底 / 近三年 / 近年来 / 多年来 / 过去三年 / 连续三年 / 三年来 / “十三五”期间.
_PERIOD_OPENING_RE = re.compile(
    r"\s*(?:(?:从|自|在)?\d{4}\s*年?\s*(?:至|到|[-—–~～])\s*\d{4}\s*年|自?\d{4}\s*年度?(?:以来|来)|截至\s*\d{4}\s*年"
    r"|近(?![1一]\s*年)[两二三四五六七八九十\d]*年|多年来|过去[两二三四五六七八九十\d]+年|连续[两二三四五六七八九十\d]+年"
    r"|[两二三四五六七八九十\d]+年(?:来|以来)|[“\"]?十[一二三四五]五[”\"]?(?:期间|以来|时期))"
)


#: A comparison with a year: 比上年 / 较2022年 / 同比 / 与上年相比 / 同上年相比 / 相较于上年 / 较之前一年 / 相对于2022年.
_WITH_A_YEAR_RE = re.compile(r"(?:比|较|同|和|与|相较于?|较之|相对于)\s*(?:上一?年|前一年|去年|\d{4}\s*年)|同比")
#: Words naming the budget year beside 本年/今年/2023年: 当年, 预算年度.
_THE_YEAR_RE = re.compile(r"当年|预算年度")


def over_several_years(text: str, change: dict, year: int | None) -> bool:
    """Whether the raw ``change`` is one over several years, not of the budget year over the last: cumulative
    (…累计压减15.2万元) with no comparison with a year before it in its sentence (比上年累计减少… / 较2022年预算减少…，
    其中：基本支出累计增加… are this year's), or after a period (:func:`_period_opening`: 2020年至2022年，… / 2022年以来，…
    / 截至2022年底，… / 近三年… / …18.84万元，近3年，…) that compares with no year before the change (2022年以来，…比上年
    减少… is a change over last year), does not name the budget year there (2021年至2023年…逐年下降，2023年减少… / 当年
    减少… are this year's), and states no figure between. Not when the next clause holds it to last year with a
    figure (:func:`_compared_after`: …，合计减少12.58万元，同比下降40.0%). A change running to a figure (由31.42万元减少到18.84万元 may be
    this year's) only after a span of years ending before the budget year (2019年至2022年，…由46.82万元下降到31.42万元;
    its own first figure is no figure between) that is no time of an event (2020年至2022年机构改革后，…), with no year
    named in the change's own words (由2022年的31.42万元下降到… / …到18.84万元（2023年预算数）). A comparison before a
    period opening a later clause is its clause's own (与2022年相比减少12.58万元，2020—2022年，…累计压减…)."""
    pos, label = change["start"], change["label"]
    sentence = _sentence_start(text, pos)
    opening = _period_opening(text, sentence, pos, label, year)
    compared = _compared_before(text, sentence, opening.start() if opening else sentence, pos)
    if _CUMULATIVE_RE.search(label):
        return not compared
    if _compared_after(text, change["end"], year):
        return False
    if opening is None or compared:
        return False
    figures_until = pos
    if change["current"] is not None:
        own_end = change["end"] + len(m.group()) if (m := _BRACKETS_AFTER_RE.match(text, change["end"])) else change["end"]
        if not (_ended_before(opening, year) and not YEAR_AS_TIME_RE.search(
                text, opening.end(), _next_break(text, opening.end())) and not _ANY_YEAR_RE.search(
                text, opening.end(), own_end)):
            return False
        figures_until = change["prior_at"] if change["prior_at"] is not None else pos
    if AMOUNT_RE.search(text, opening.end(), figures_until):
        return False  # …，“三公”经费预算安排18.84万元，减少12.58万元 / …共压减15.2万元；减少12.58万元: of a figure after it
    between = text[opening.end():pos]
    return not (_THE_YEAR_RE.search(between) or year is not None and names_this_year(between, year))


def _compared_before(text: str, sentence: int, period: int, pos: int) -> bool:
    """Whether the sentence from ``sentence`` compares with a year (:data:`_WITH_A_YEAR_RE`) before the change at
    ``pos``: after the ``period``, or before it with no change between (与2022年相比，近年来，…共减少12.58万元 — not
    与2022年相比减少12.58万元，2020—2022年，…累计压减…, whose comparison is that change's)."""
    return any(m.start() >= period or not _CHANGE_RE.search(text, m.end(), period)
               for m in _WITH_A_YEAR_RE.finditer(text, sentence, pos))


def _compared_after(text: str, end: int, year: int | None) -> bool:
    """Whether the clause after a change ending at ``end`` holds it to last year with a figure: 同比下降40.0% /
    （较上年下降4.5%） / 较上年预算31.42万元下降40.0% / （上年31.42万元） / 即由上年的31.42万元… — not with another year
    (较2019年下降52.1%), nor in words alone (与上年相比降幅明显; a bare 与2022年相比，opening what follows), nor one more
    change (，与2022年相比减少12.58万元)."""
    found = _COMPARED_AFTER_RE.match(text, end)
    if found is None or found["year"] and (year is None or int(found["year"]) != year - 1):
        return False
    clause_end = _next_break(text, found.end())
    return bool(_DIGIT_RE.search(text, found.end(), clause_end)) and not _CHANGE_RE.search(
        text, end, _next_break(text, end + 1))


#: The clause after a change opening with last year: a comparison with it (同比 / 较上年 / 相比上年 / 与2022年) or its
#: words (（上年 / 即由上年).
_COMPARED_AFTER_RE = re.compile(
    rf"\s*[，,（(]\s*(?:即\s*)?(?:同比|(?:比|较|同|和|与|相较于?|较之|相比|对比|相对于)\s*(?:{LAST_YEAR_WORDS}|前一年"
    rf"|(?P<year>\d{{4}})\s*年度?)|由?\s*{LAST_YEAR_WORDS})")
_DIGIT_RE = re.compile(r"\d")
#: Brackets right after a change: …到18.84万元（2023年预算数）.
_BRACKETS_AFTER_RE = re.compile(r"\s*[（(][^（()）]*[）)]")
#: The end of a span of years: 2020年至2022年 / 2020—2022年 / 从2020年到2022年.
_PERIOD_END_RE = re.compile(r"(?:(?<!截)至|到|[-—–~～])\s*(?P<year>\d{4})\s*年")


def _next_break(text: str, pos: int) -> int:
    """Where the clause going on at ``pos`` ends (:data:`_CLAUSE_BREAK_RE`), else the end of ``text``."""
    found = _CLAUSE_BREAK_RE.search(text, pos)
    return found.start() if found else len(text)


def _ended_before(opening: re.Match[str], year: int | None) -> bool:
    """Whether the period ``opening`` is a span of years ending before the budget ``year`` (2019年至2022年，…由46.82万元
    下降到31.42万元: 31.42 is 2022's; not 2022年以来 / 近三年 / 截至2022年底, which may run to this year)."""
    end = _PERIOD_END_RE.search(opening.group())
    return year is not None and end is not None and int(end["year"]) < year


def _reaches_the_year(opening: re.Match[str], year: int | None) -> bool:
    """Whether the period ``opening`` is but last year and the budget ``year`` (2022年至2023年, a change of this year
    over the last) or the budget year alone (自2023年以来) — not 2022年至2024年."""
    years = [int(y) for y in re.findall(r"\d{4}", opening.group())]
    return year is not None and bool(years) and min(years) >= year - 1 and max(years) <= year and (
        len(years) > 1 or years[0] >= year)


#: A change's own words ending in a sum beside :data:`_CUMULATIVE_RE`: 共压减… / 合计下降….
_SUM_RE = re.compile(r"(?:共|合计)\s*$")
#: Periods of no stated length, mostly words of style later in a sentence: 近年来 / 多年来.
_VAGUE_PERIOD_RE = re.compile(r"[近多]年")
#: What may follow a period standing alone as a clause: 截至2022年底， / 近三年来， / （近三年，.
_ALONE_RE = re.compile(r"[底末来]?\s*[，,；;：:]\s*")
#: Words before a period that lead into the parts or reasons of a change just stated: 其中： / 主要原因是： / 具体为.
_LEAD_IN_RE = re.compile(r"(?:其中|原因(?:是|为|在于)?|主要(?:是|为|有|包括)|具体(?:为|是|如下)|包括|分别是?)\s*[：:，,]?\s*$")


def _sums(words: str) -> bool:
    """Whether ``words`` before a change's verb end in a sum: 共 / 合计 / 累计."""
    return _SUM_RE.search(words) is not None or _CUMULATIVE_RE.search(words) is not None


def _period_opening(text: str, sentence: int, pos: int, label: str, year: int | None) -> re.Match[str] | None:
    """The period of several years opening the sentence from ``sentence`` to the change at ``pos`` — or, later in
    the sentence and not led into by 其中/主要原因是 (:data:`_LEAD_IN_RE`), one opening the change's own clause when the
    words after it end in a sum (…18.84万元，近三年共减少45.3万元; not …，近年来首次减少…), or one standing alone as a
    clause before the change's when the change's own words ``label`` end in a sum (…，2020-2022年，我局“三公”经费逐年
    下降，共减少8.45万元) or, right before it and not after ；, name an item (…18.84万元，2020年至2022年，我局“三公”经费压减
    31.7万元) with no change earlier in the sentence — not …，近三年来首次下降，其中：基本支出增加…, nor …，近三年持续压减，
    共减少…, nor …；近三年，公务接待费减少…. Periods of no stated length (近年来 / 多年来) count only opening the sentence,
    and a period of but last year and the budget ``year`` is none (:func:`_reaches_the_year`)."""
    opening = _PERIOD_OPENING_RE.match(text, sentence)
    own = _clause_start(text, pos)
    if opening is None and own > sentence:
        opening = _later_period(text, sentence, own, pos, label)
        if opening is not None and (_LEAD_IN_RE.search(text, sentence, opening.start())
                                    or _VAGUE_PERIOD_RE.search(opening.group())):
            opening = None
    return None if opening is None or _reaches_the_year(opening, year) else opening


def _later_period(text: str, sentence: int, own: int, pos: int, label: str) -> re.Match[str] | None:
    """The period later in the sentence that :func:`_period_opening` takes, the change's clause starting at ``own``."""
    opening = _PERIOD_OPENING_RE.match(text, own)
    if opening is not None:
        return opening if _sums(text[opening.end():pos]) else None
    bounds = [sentence, *(m.end() for m in _CLAUSE_BREAK_RE.finditer(text, sentence, own - 1)), own]
    for start, end in reversed(list(itertools.pairwise(bounds))[1:]):
        opening = _PERIOD_OPENING_RE.match(text, start, end)
        if opening is not None and _ALONE_RE.fullmatch(text, opening.end(), end):
            # …，其中：公务用车购置及运维费减少17.9万元，近三年，公务接待费减少… / …；近三年，公务接待费减少…: one more part
            right_before = end == own and text[start - 1] not in "；;" and not _CHANGE_RE.search(text, sentence, start)
            return opening if _sums(label) or right_before and not _NO_ITEM_RE.match(label) else None
    return None


def names_this_year(text: str, year: int) -> bool:
    """Whether ``text`` names the budget ``year`` (or 本年/今年), not as a date (2023年1月)."""
    return any(m["year"] is None or int(m["year"]) == year for m in _THIS_YEAR_WORDS_RE.finditer(text))


_COMMA_OR_BREAK_RE = re.compile("[，,；;：:]")
#: This year named anywhere (而2023年预算为…, 本单位2023年预算…, 本年度…), not a date (2023年1月).
_THIS_YEAR_WORDS_RE = re.compile(r"本年|今年|(?<!\d)(?P<year>\d{4})\s*年(?!\s*\d{1,2}\s*月)")
#: Any year named: last year (上年 / 去年), this budget (本次预算) or :data:`_THIS_YEAR_WORDS_RE`'s (本年 / 今年 / 2022年).
_ANY_YEAR_RE = re.compile(rf"{LAST_YEAR_WORDS}|本次|{_THIS_YEAR_WORDS_RE.pattern}")
