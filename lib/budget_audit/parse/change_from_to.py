"""Changes written from last year's figure to this year's (由1.02万元减少到0.94万元, 减至, …减少0.08万元至0.94万元,
由2022年的31.42万元减少到2023年的13.44万元): where they stand, whether a 由…到 to a year's figure is from last year's,
and the change each states."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from ..amounts import (
    APPROX_BEFORE_PATTERN,
    MONEY_SCALE,
    MONEY_UNIT_PATTERN,
    MONEY_WORD_RE,
    MORE_THAN_PATTERN,
    NUMBER_PATTERN,
    parse_quantity,
    quantity_at,
)
from .change_words import (
    _CHANGE_RE,
    _COMPARED_WITH_RE,
    _FROM_WORDS_RE,
    _NO_ITEM_RE,
    _PRIOR_YEAR_RE,
    _VEHICLE_PART_RE,
    _VEHICLES_RE,
    _VERB,
    _YEAR_RE,
    _clause_start,
    _percent_after,
    _sentence_start,
)
from .figures import LAST_YEAR_WORDS, MONEY_PATTERN, paren_depth, part_end, part_start

#: Verbs of a change written up to this year's figure (减少到, 减至, 压减至, 提高到, 调减为):
#: the plain ones and those written only before 到/至/为.
_TO_VERB = {
    **{verb: direction for verb, direction in _VERB.items() if direction},
    "增": 1, "升": 1, "扩大": 1, "减": -1, "降": -1, "缩小": -1,
}
#: This year's figure right after a change's amount (由1.02万元减少0.08万元至0.94万元), or after a comma with a
#: verb of its own (上年1.02万元，同比减少0.08万元，降至0.94万元 — its words as ``to_verb``, ``to``).
_THEN_TO_RE = re.compile(
    rf"\s*(?:[，,]\s*(?P<to_verb>{'|'.join(sorted(_TO_VERB, key=len, reverse=True))})(?P<to>至|到|为)|至|到)\s*"
    rf"(?:{APPROX_BEFORE_PATTERN})?\s*(?P<amount>{NUMBER_PATTERN})\s*{MONEY_PATTERN}"
)
#: This year named between 到 and its figure: 减少到2023年的13.44万元, 增加到本年度的….
_TO_YEAR_PATTERN = r"(?:(?:(?P<to_year>\d{4})\s*年|本年|今年)度?(?:预算数?)?的?\s*)?"
#: A change written as last year's figure and this year's: 由上年的1.02万元减少到0.94万元,
#: 由1.02万元减至0.94万元, 由上年的1.02万元，减少至0.94万元, 由2022年的31.42万元减少到2023年的13.44万元 — a
#: money figure on both sides (not 1至3月, nor any 为).
_CHANGE_TO_RE = re.compile(
    rf"(?P<prior>{NUMBER_PATTERN})\s*{MORE_THAN_PATTERN}(?P<prior_unit>{MONEY_UNIT_PATTERN})\s*(?P<comma>[，,]\s*)?"
    rf"(?P<verb>{'|'.join(sorted(_TO_VERB, key=len, reverse=True))})(?P<to>到|至|为)\s*{_TO_YEAR_PATTERN}"
    rf"(?:{APPROX_BEFORE_PATTERN})?\s*(?P<amount>{NUMBER_PATTERN})\s*{MONEY_PATTERN}"
)


def _change_ends(text: str, start: int, end: int, current_at: int | None = None, *, year: int | None = None) -> list[int]:
    """Where the changes written from ``start`` up to ``end`` (a change's verb) end, however written: 减少18万元,
    减少18万元至0万元 (with this year's figure after it), 由上年的18万元减少到0万元 — the figure after one is the
    next item's — but for a 由…到 whose this year's figure stands at ``current_at``, which the change at ``end``
    restates (由上年的182.4万元增加到184.4万元，增加2万元). ``year``: the budget year (:func:`changes_to`)."""
    ends = []
    for match in _CHANGE_RE.finditer(text, start, end):
        then = _THEN_TO_RE.match(text, match.end(), end)
        ends.append(then.end() if then else match.end())
    return ends + [match.end() for match in changes_to(text, start, end, year=year)
                   if match.start("amount") != current_at]


def changes_to(text: str, start: int = 0, end: int | None = None, *, year: int | None = None) -> Iterator[re.Match[str]]:
    """The changes of ``text`` written from last year's figure to this year's (由1.02万元减少到
    0.94万元) — with a comma before the verb only after 由/从 (由上年的1.02万元，减少至0.94万元);
    in bare 万 or 亿 on both sides (由1.02万降至0.94万) only after words of money in their part
    of the sentence, as :func:`~budget_audit.parse.figures.labelled_amounts` reads a bare 万 (服务人次由3万下降到2万 is a count).
    ``year``: the budget year, for a 由…到 to a year's figure (:func:`_from_last_year`)."""
    for match in _CHANGE_TO_RE.finditer(text, start, len(text) if end is None else end):
        if match["comma"]:  # 由上年的1.02万元，减少至0.94万元 — not 公务接待费1.02万元，减至…
            first = quantity_at(text, match.start("prior"), match.end("prior_unit"))[1]
            words = _FROM_WORDS_RE.search(text, _clause_start(text, first), first)
            if words is None or words["from"] is None:
                continue
        if match["prior_unit"] in ("万", "亿") and match["unit"] in ("万", "亿"):
            part = part_start(text, match.start())
            if not MONEY_WORD_RE.search(text, part, match.start()):
                continue
        if match["to_year"] and not _from_last_year(text, match, year):
            continue
        yield match


#: Words naming last year before its figure: 上年, 上一年度, 去年.
_LAST_YEAR_WORDS_RE = re.compile(LAST_YEAR_WORDS)
#: A part of a sentence that names only an item before its 由…到 (公务接待费由, 其中：公务接待费从) …
_NAME_ONLY_RE = re.compile(r"\s*(?:其中[：:]?)?\s*[“”\"]?[\u4e00-\u9fff]+?[”\"]?(?:（境）|\(境\))?[\u4e00-\u9fff]*?(?:由|从)\s*")
#: … with no words of a comparison, a year or a span of years, nor of a list (近两年, 自…以来, 分别, 均) …
_SPAN_WORDS_RE = re.compile(r"[与同较比至起年近]|以来|基础|基数|相对|对照|分别|均")
#: … naming one of the “三公”.
_SANGONG_PART_RE = re.compile(r"出国|出境|公务用?车|车辆|接待")


#: A breakdown's opening before the comparison of a part's change: 其中与2021年相比, 其中：较上年.
_BREAKDOWN_OPENING_RE = re.compile(r"^\s*(?:其中\s*[：:，,]?\s*)?")


def _from_last_year(text: str, match: re.Match[str], year: int | None = None) -> bool:
    """Whether a change written to a year's figure (由2022年的31.42万元减少到2023年的13.44万元) is from last
    year's to this year's: the words before its first figure, in its clause, name the year before (2022年,
    上年, 去年) — or, naming no year, the clause before compares with it (与2022年相比，“三公”经费由31.42万元减少到
    2023年的13.44万元) first, in a text naming no later year (:func:`_compares_first`), only when it goes to the budget
    ``year`` (None: never; 与2021年相比，…由35万元减少到2022年的31.42万元 in a 2023 budget is no change of its year); or,
    unless the clause before compares with another year (与2021年相比，), the nearest change to that year before it in its
    part of the sentence — or in the part before, across a ； of a breakdown of the “三公” — is one from last year
    (…由2022年的31.42万元减少到2023年的13.44万元，其中
    公务接待费由1.02万元减少到2023年的0.94万元: the parts' figures are of the same years as the total's) — and its
    sentence states no figure of a later year, and it goes to the budget ``year`` when that is known — not
    由2021年的2万元减少到2022年的1.02万元，
    2023年预算0.94万元, nor a plan from 2023 to 2025 (a later year in words, 2024年将继续压减, is no figure)."""
    to_year = int(match["to_year"])
    if year is not None and to_year != year:
        return False  # 上年“三公”经费由2021年的35万元减少到2022年的31.42万元 in a 2023 budget: no change of its year
    first = quantity_at(text, match.start("prior"), match.end("prior_unit"))[1]
    clause = _clause_start(text, first)
    before = text[clause:first]
    after_from = before[max(before.rfind("由"), before.rfind("从")) + 1 :]  # 2023年“三公”经费由上年的…: 上年的
    if _YEAR_RE.search(after_from) or _LAST_YEAR_WORDS_RE.search(after_from):
        before = after_from  # else the words before 由 say it: “三公”经费较上年由… / 2022年“三公”经费从…
    elif not _YEAR_RE.search(before) and not _LAST_YEAR_WORDS_RE.search(before):
        compared = text[_clause_start(text, clause - 1) : clause - 1] if clause and text[clause - 1] in "，," else ""
        # the nearest change to the same year before it: one look back each, not all of them (exponential in a list)
        part = part_start(text, match.start())
        earlier = [m for m in _CHANGE_TO_RE.finditer(text, part, match.start())
                   if m["to_year"] and int(m["to_year"]) == to_year]
        if (not earlier and part and text[part - 1] in "；;" and _NAME_ONLY_RE.fullmatch(text, part, first)
                and not _SPAN_WORDS_RE.search(text, part, first) and _SANGONG_PART_RE.search(text, part, first)
                and "其中" in (sentence := text[_sentence_start(text, part) : part])
                and not (_VEHICLE_PART_RE.search(text, part, first) and not _VEHICLES_RE.search(text, part, first)
                         and _VEHICLES_RE.search(sentence))):
            # …，其中公务用车购置及运维费由30.4万元减少到2023年的12.5万元；公务接待费由1.02万元减少到2023年的0.94万元: a
            # part naming only its item, one of the “三公” (not 基本支出由…，其中人员经费由…；公用经费由…, nor …；“三公”经费由…
            # in the overview), in a breakdown opened before it in its sentence, continues the part before it,
            # when neither names a year but these two (not …；与2021年相比，公务接待费由…, nor …；自2021年以来，…, nor
            # …；公务接待费由1.02万元减少到2023年的0.94万元，比2021年减少0.56万元; nor 收入由…；支出由…, no breakdown;
            # nor a part of the vehicles' item after it, …购置及运维费由…；公务用车运行维护费由…, no part of the total)
            before_part = part_start(text, part - 1)
            if all(int(m["year"]) in (to_year - 1, to_year)
                   for m in _YEAR_RE.finditer(text, before_part, part_end(text, match.end()))):
                earlier = [m for m in _CHANGE_TO_RE.finditer(text, before_part, part - 1)
                           if m["to_year"] and int(m["to_year"]) == to_year]
        compared = _BREAKDOWN_OPENING_RE.sub("", compared)  # 其中与2021年相比 / 其中：较上年
        comparison = bool(_COMPARED_WITH_RE.match(compared) and _NO_ITEM_RE.match(compared))
        if year is not None and to_year == year and comparison and _compares_first(text, clause, to_year):
            before = compared
        elif comparison and any(int(m["year"]) != to_year - 1 for m in _YEAR_RE.finditer(compared)):
            return False  # …，与2021年相比，公务接待费由1.5万元减少到2023年的0.94万元: not the years of the change before
        elif earlier and _from_last_year(text, earlier[-1], year):
            before = f"{to_year - 1}年"  # …由2022年的31.42万元减少到2023年的13.44万元，其中公务接待费由1.02万元减少到2023年的…
    years = [int(m["year"]) for m in _YEAR_RE.finditer(before)]
    if not (years[-1] == to_year - 1 if years else _LAST_YEAR_WORDS_RE.search(before)):
        return False
    opening = max(text.rfind(mark, 0, match.start()) for mark in "。；;\n") + 1
    closing = min((at for mark in "。；;\n" if (at := text.find(mark, match.end())) >= 0), default=len(text))
    return not any(int(m["year"]) > to_year and _LATER_FIGURE_RE.match(text, m.end())
                   for m in _YEAR_RE.finditer(text, opening, closing))


def _compares_first(text: str, clause: int, to_year: int) -> bool:
    """Whether the comparison in the clause before ``clause`` is this year's with last year: the text names no
    year after ``to_year`` (我局2023年“三公”经费预算…。与2021年相比，…到2022年的… is two earlier years), none but it
    before (2022年“三公”经费31.42万元。与2022年相比，… states last year's first), and that comparison is its first — no
    year compared with and no 上年/去年 before it (…比上年减少17.98万元。与2021年相比，…; 与2022年相比，…；与2021年相比，
    由…到2022年的…)."""
    opening = _clause_start(text, clause - 1)
    return (all(int(m["year"]) <= to_year for m in _YEAR_RE.finditer(text))
            and all(int(m["year"]) == to_year for m in _YEAR_RE.finditer(text, 0, opening))
            and not _PRIOR_YEAR_RE.search(text, 0, opening) and not _LAST_YEAR_WORDS_RE.search(text, 0, opening))


#: A later year's figure after its year, stated as budgeted (，2023年预算0.94万元 / ，2023年，我局财政拨款公务
#: 接待费预算安排0.94万元) — not a plan (，2024年将继续压减，力争控制在10万元以内).
_LATER_FIGURE_RE = re.compile(
    rf"[^；;。\d]{{0,24}}?(?:预算|安排|为)[^；;。\d，,]{{0,6}}?{NUMBER_PATTERN}\s*{MONEY_PATTERN}")


def _change_to(text: str, match: re.Match[str]) -> dict | None:
    """A change written from last year's figure to this year's (``公务接待费由上年的1.02万元
    减少到0.94万元``): the difference, in this year's unit, quoting both figures (this
    year's figure is a stated one, :func:`~budget_audit.parse.changes._current`)."""
    prior, first, _ = quantity_at(text, match.start("prior"), match.end("prior_unit"))
    now, _, _ = quantity_at(text, match.start("amount"), match.end())
    unit = now.money_unit
    if prior.yuan is None or now.yuan is None or unit is None:
        return None
    places = max(-_exponent(q.number) for q in (prior, now) if q.number is not None)
    difference = (abs(now.yuan - prior.yuan) / MONEY_SCALE[unit]).quantize(Decimal(1).scaleb(-max(places, 0)))
    written = f"{difference}{unit}（由{prior.raw}{match['verb']}{match['to']}{now.raw}）"
    quantity = replace(parse_quantity(written), approx=prior.approx or now.approx)
    clause = _clause_start(text, match.start())
    clause = max([clause, *_change_ends(text, clause, match.start("prior"))])  # 由…到…、运维费由…: 运维费's
    return {
        "label": text[clause:first].strip(),
        "direction": _TO_VERB[match["verb"]],
        "quantity": quantity,
        "prior": prior,
        "reason": None,
        "start": match.start("verb"),
        "depth": paren_depth(text, match.start()),
        "end": match.end(),
        "reason_span": None,
        "current": now,
        "current_at": match.start("amount"),
        "verb": "",
        "to_words": match["verb"] + match["to"],
        "to_direction": _TO_VERB[match["verb"]],
        "prior_at": first,
        "restated_prior": None,
        **_percent_after(text, match.end(), text[clause:first]),
    }


def _exponent(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0
