"""Title, unit information, staffing, income, expenditure and running costs."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import TypeVar

from ..amounts import parse_money, parse_quantity
from ..model import (
    EXPENDITURE_PARTS,
    INCOME_SOURCE,
    Expenditure,
    Figure,
    Income,
    RunningCosts,
    Span,
    Staffing,
    StatedChange,
    Text,
    UnitInfo,
    income_source,
    other_spending,
    source_of,
)
from .blocks import Block, Para, Row, make_span
from .cause_points import left_out
from .change_periods import names_this_year
from .change_words import _NO_ITEM_RE
from .changes import (
    RawChange,
    build_changes,
    item_before,
    list_head,
    prior_year,
    stated_amounts,
    stated_changes,
)
from .figures import (
    LAST_YEAR_WORDS,
    YEAR_AS_TIME_RE,
    Labelled,
    clean_label,
    closing_bracket,
    paren_depth,
    part_end,
    part_start,
)

_TITLE_RE = re.compile(r"(?P<year>20\d{2})\s*年.{0,20}?(?P<kind>预算|决算)")
#: What names a kind of 编制 (a part), as against the total.
_STAFF_KINDS = r"行政|事业|工勤|参公|参照|全额|差额|自收自支|后勤(?:服务)?|专业技术|岗位|管理|技能|公务员|政法|专项|教职工"
_STAFF_KIND_RE = re.compile(_STAFF_KINDS)
#: A class of staff named by its work (卫生技术人员编制, 执法人员编制, 专任教师编制): a part like a kind — not staff
#: outside the quota or a count of those in post (编外人员编制, 实有人员编制, 另有…).
_NOT_OF_THE_QUOTA = "编外|实有|另有|在职|在编|现有|退休|聘用|临时|核定"
_STAFF_CLASS_RE = re.compile(rf"^(?!.*(?:{_NOT_OF_THE_QUOTA}))(?!总(?!务))"
                             r"[\u4e00-\u9fff]*[\u4e00-\u9fff](?:人员|教师)编制$")
#: A part's own breakdown after the parts of the total (…事业编制60名；事业编制中，管理人员编制10名…): not the total's.
_NESTED_STAFF_RE = re.compile(r"编制中[，,：:]")


def _of_a_kind(label: str) -> bool:
    """Whether a count's label names a kind or class of 编制 (a part), not the total."""
    return bool(_STAFF_KIND_RE.search(label) or _STAFF_CLASS_RE.search(label))
#: A count of 编制: its label — the kind words before 编制 whole (管理岗位编制, 工勤技能岗位编制,
#: 全额拨款事业编制, 政法专项编制, 机关工勤编制, 参照公务员法管理事业编制: 机关 only before a kind), else up to two characters
#: (机关编制, 锁定事业编制), or a class of staff (卫生技术人员编制, 管理人员编制, 执法人员编制, 专任教师编制) — or a sum
#: (共计, 以上共计, 共).
_STAFF_RE = re.compile(
    rf"(?P<label>(?:机关)?(?:(?:参照《?公务员法》?(?:管理的?)?|{_STAFF_KINDS}|锁定|拨款)+"
    rf"|[\u4e00-\u9fff]{{1,6}}?人员|[\u4e00-\u9fff]{{0,2}}教师"
    rf"|[\u4e00-\u9fff]{{0,2}}事业|[\u4e00-\u9fff]{{0,2}})编制(?:总数|人数|数)?"
    r"|(?:管理|专业技术|工勤技能)岗位"  # a 事业单位's quota by post class: 管理岗位28名、专业技术岗位567名
    r"|(?<![\u4e00-\u9fff])(?:以上|上述)?(?:共计|合计|总计|总共|共))"
    r"\s*(?:为|共|共计)?\s*(?P<count>(?:\d{1,3}(?:,\d{3})+|\d+)\s*(?:名|人))"
)
#: Words before a 共计/合计 of the staff in post or of the leading posts, not of the quota.
_IN_POST_RE = re.compile(r"人员|在职|实有|在编|领导|职数")


def para_span(para: Para) -> Span:
    return Span(para.line, para.end_line, para.text)


def title_and_year(blocks: list[Block]) -> tuple[Text | None, Text | None, int | None, str | None]:
    """(issuer, title, year, kind) from the first lines of the document."""
    issuer = title = None
    year = kind = None
    for block in blocks[:12]:
        if not isinstance(block, Para):
            continue
        match = _TITLE_RE.search(block.text)
        if match and len(block.text) <= 60 and title is None:
            title = Text(block.text, para_span(block))
            year, kind = int(match["year"]), match["kind"]
            break
        if issuer is None and len(block.text) <= 40:
            issuer = Text(block.text, para_span(block))
    return issuer, title, year, kind


def unit_info(blocks: list[Block], lines: dict[int, str]) -> UnitInfo:
    rows = [b for b in blocks if isinstance(b, Row)]
    for i, row in enumerate(rows):
        if "单位名称" not in row.keys:
            continue
        header = row.keys
        for values in rows[i + 1 : i + 4]:
            if values.is_empty() or len(values.cells) != len(header):
                continue
            cells = dict(zip(header, values.cells, strict=True))

            def get(label: str, cells=cells) -> Text | None:
                cell = next((c for k, c in cells.items() if label in k), None)
                if cell is None or not cell.text:
                    return None
                return Text(cell.text, Span(cell.line, cell.end_line, lines[cell.line].strip()))

            return UnitInfo(get("名称"), get("性质"), get("规格") or get("级别"), get("经费"))
    return UnitInfo()


def staffing(blocks: list[Block], lines: dict[int, str]) -> Staffing:
    """The first paragraph that states 编制 counts — else a table of them (:func:`_staffing_table`). The total names no kind of 编制
    (机关编制80名 / 编制总数80名), else is a 共计/合计/共 of the kinds (:func:`_sums_the_kinds`:
    not of the staff in post, the leading posts or the retired), else the first count when
    其中 follows it, else the sum opening the brackets right after the last part (…锁定事业编制
    62名（共计80名））; the parts name a kind (行政编制17名 …, 管理岗位编制10名), or — when none is
    written beside the total — stand in the brackets right after it (编制人数25人（其中行政编制20人，
    事业编制5人）; brackets of 含/包括 name some kinds only, unless they add up to the total).
    Other counts in brackets (领导职数11名（合计33名）, 行政编制17名（含参公编制5名）) are neither."""
    for block in blocks:
        if not isinstance(block, Para) or "编制" not in block.text:
            continue
        text = block.text
        counts = [m for m in _STAFF_RE.finditer(text) if "领导" not in m["label"]]
        found = [m for m in counts if paren_depth(text, m.start()) == 0]
        if not found:
            continue
        span = para_span(block)

        def count(m: re.Match[str], span: Span = span) -> Figure:
            return Figure(m["label"].removeprefix("其中"), parse_quantity(m["count"]), span)

        theirs = _staff_in_posts_kinds(text, found)
        found = [m for m in found if m not in theirs]
        if not found:
            continue
        figures = [(m, count(m)) for m in found]
        listed = {id(m) for m in _listed_classes(text, found)}
        kindless = [(m, f) for m, f in figures if not _of_a_kind(f.label) and id(m) not in listed]
        total_at = next((m for m, f in kindless if "编制" in f.label), None)
        if total_at is None:
            total_at = next((m for m, _ in kindless if _sums_the_kinds(text, found, m)), None)
        if total_at is None and _opens_parts(text, found[0].end()) and not _beside_the_kinds_after(text, found):
            total_at = found[0]
        parts_at = [(m, f) for m, f in figures if m is not total_at and (_of_a_kind(f.label) or id(m) in listed)]
        if total_at is not None and (nested := _NESTED_STAFF_RE.search(text, total_at.end())) is not None:
            before = [(m, f) for m, f in parts_at if m.start() < nested.start()]
            if sum(f.number or 0 for _, f in before) == count(total_at).number:
                parts_at = before  # the parts after 事业编制中，… break down one of them
        parts = [f for _, f in parts_at]
        if total_at is not None and sum(f.number or 0 for f in parts) != count(total_at).number:
            others_from = _other_units_from(text, total_at.end())  # unless the total counts them too
            parts = [f for m, f in parts_at if m.start() < others_from]
        if total_at is not None and (inside := _brackets_after(text, total_at.end())):
            inner = [count(m) for m in counts if inside[0] < m.start() < inside[1]
                     and paren_depth(text, m.start()) == 1 and _of_a_kind(m["label"])
                     and not _of_the_last(text, inside[0], m.start(), m["label"])]
            parts = _with_bracketed(text, inside, count(total_at), inner, parts)
        if total_at is None and len(parts) > 1:
            total_at = _sum_in_brackets(text, counts, [m for m in found if _of_a_kind(m["label"])][-1])
        total = count(total_at) if total_at is not None else None
        return Staffing(total=total, parts=parts)
    return _staffing_table(blocks, lines)


#: The header of a table's column of 编制 counts: 核定编制数（名）, 编制数, 编制人数（人） — not 编制类型 nor 实有人数.
_QUOTA_HEADER_RE = re.compile(r"^(?:核定|批复|批准)?编制(?:数|人数|总数)?(?:[（(](?P<unit>[名人])[）)])?[：:]?$")
#: A table's row of the sum of the kinds: 合计, 总计, 编制总数.
_TOTAL_ROW_RE = re.compile(r"^(?:合计|总计|共计|编制总数|总编制数?)[：:]?$")
#: A remark in brackets after a kind: 事业编制（全额）.
_BRACKETED_RE = re.compile(r"[（(][^（）()]*[）)]")
#: A table's cell of a count: 28, 28名.
_COUNT_CELL_RE = re.compile(r"^(?P<count>\d+)(?P<unit>[名人])?$")


def _staff_kind_cell(key: str) -> bool:
    """Whether a table's cell names a kind of 编制 as a whole: 行政编制, 工勤编制, 事业编制（全额）, 行政 — not a unit
    whose name holds a kind's word (县农业综合行政执法大队), nor a part of a kind (其中：参公编制)."""
    bare = _BRACKETED_RE.sub("", key).rstrip("：:")
    return (_of_a_kind(bare) and not bare.startswith("其中")
            and (bare.endswith("编制") or _STAFF_KIND_RE.fullmatch(bare) is not None))


def _staffing_table(blocks: list[Block], lines: dict[int, str]) -> Staffing:
    """The 编制 counts of the first table that gives them: its kinds down the first column, the counts in a column
    headed as the quota's (编制类型 | 核定编制数（名） | 年末实有人数（人） over 行政编制 | 28 | 26 … 合计 | 50 | 45), or the
    kinds across its header and the counts in the row under it headed as the quota's (编制类型 | 行政编制 | … | 合计
    over 核定编制数 | 28 | … | 50). (Such a table was not read: its total's parts went unchecked, RC013.)"""
    for at, header in enumerate(blocks):
        if not isinstance(header, Row):
            continue
        quota = next((i for i, key in enumerate(header.keys) if i and _QUOTA_HEADER_RE.match(key)), None)
        under = blocks[at + 1] if at + 1 < len(blocks) else None
        if quota is not None:
            unit_at = _QUOTA_HEADER_RE.match(header.keys[quota])
            pairs = []
            for row in blocks[at + 1:]:
                if isinstance(row, Row) and row.keys and row.keys[0].startswith("其中"):
                    continue  # a kind's own breakdown (其中：参公编制), under it
                if not isinstance(row, Row) or len(row.cells) <= quota or not (
                        _staff_kind_cell(row.keys[0]) or _TOTAL_ROW_RE.match(row.keys[0])):
                    break
                pairs.append((row.cells[0], row.cells[quota]))
        elif isinstance(under, Row) and under.keys and (unit_at := _QUOTA_HEADER_RE.match(under.keys[0])):
            pairs = list(zip(header.cells[1:], under.cells[1:], strict=False))
        else:
            continue
        unit = unit_at["unit"] if unit_at and unit_at["unit"] else "名"
        counts = [Figure(label.key, parse_quantity(f"{written['count']}{written['unit'] or unit}"),
                         make_span(lines, label.line, value.end_line))
                  for label, value in pairs if (written := _COUNT_CELL_RE.match(value.key))]
        parts: list[Figure] = []
        for f in counts:  # not a kind's own breakdown under it, with no 其中 (事业编制 | 62 over 全额拨款事业编制 | 55)
            if _staff_kind_cell(f.label) and not any(f.label != p.label and f.label.endswith(p.label) for p in parts):
                parts.append(f)
        total = next((f for f in counts if _TOTAL_ROW_RE.match(f.label)), None)
        if parts:
            return Staffing(total=total, parts=parts)
    return Staffing()


def _listed_classes(text: str, found: list[re.Match[str]]) -> list[re.Match[str]]:
    """Counts of 编制 naming no kind listed right after a part, one after another (…、工勤技能人员编制4名、校医编制2名):
    classes of the quota by their work, parts like the kinds before them — not its total (校医编制2名 was taken for the
    total of 专任教师编制162名、…, a false RC013)."""
    out: list[re.Match[str]] = []
    for before, m in zip(found, found[1:], strict=False):
        if "编制" in m["label"] and not _of_a_kind(m["label"]) and not re.search(_NOT_OF_THE_QUOTA, m["label"]) \
                and (_of_a_kind(before["label"]) or before in out) \
                and re.fullmatch(r"\s*[、；;]\s*", text[before.end():m.start()]):
            out.append(m)
    return out


def _other_units_from(text: str, total_end: int) -> int:
    """Where the counts of other units begin: at the first 下属/所属/直属/二级单位 in a later part of the sentence, or a
    later sentence, than the total ending at ``total_end`` that states a count of 编制 of its own (核定编制80名，其中…；
    下属事业单位1个，核定事业编制20名: the 20 are that unit's, not the quota's — not 下属事业单位1个；其中…, a count of
    units before the quota's own breakdown). The end of the text if none, if the total's own part names another unit
    (编制80名（含下属单位…）…) or the other unit comes in its part (…，其中…，下属事业单位事业编制20名: a part), or if
    the department's own body is named after the total, beside the units (核定编制80名，其中局机关行政编制17名…；所属
    事业单位事业编制60名: the total is of both). :func:`staffing` keeps them when the total counts them too
    (核定编制100名；其中…；下属事业单位事业编制20名)."""
    own_end = part_end(text, total_end)
    if _OTHER_UNIT_RE.search(text, part_start(text, total_end), own_end):
        return len(text)
    for other in _OTHER_UNIT_RE.finditer(text, own_end):
        if _OWN_BODY_RE.search(text, total_end, other.start()):
            break
        if any(_STAFF_KIND_RE.search(m["label"]) for m in _STAFF_RE.finditer(text, other.end(), part_end(text, other.end()))):
            return other.start()
    return len(text)


#: The department's own body, beside its units: 局机关, 机关, 本级, 本部.
_OWN_BODY_RE = re.compile(r"机关|本级|本部")


#: A count of the staff in post opening a breakdown (实有人员78名，其中：…, 在职人员共78人，其中…, 实有人员：78名，
#: 在编在岗人员78名, 在职职工78人); not 核定在编（在岗）人员, a quota.
_IN_POST_COUNT_RE = re.compile(
    r"(?<!核定|实有|在职|在编|现有|在岗)(?:实有|在职|在编|现有|在岗)+(?:人员|人数|职工)?(?:编制)?\s*[：:]?\s*(?:为|共|共计)?\s*"
    r"(?P<count>\d+)\s*(?:名|人)\s*[，,]?\s*(?P<opens>其中)")


def _staff_in_posts_kinds(text: str, found: list[re.Match[str]]) -> list[re.Match[str]]:
    """The kinds that break down the staff in post, not the quota: those listed right after 实有人员78名，其中 (one
    after another, parted by commas, 、 or ；), when they add up to the staff in post exactly (核定编制80名，实有人员78名，
    其中行政编制17名，工勤编制1名，事业编制60名), with their own 共计 of that number if one follows them. Kinds after it
    that do not add up to it (单位编制80名，在编人员78名，其中行政编制17名、工勤编制1名、锁定事业编制50名: 68), or are summed
    to another number (…，其中行政编制17名，工勤编制1名，事业编制60名，共计80名), stay the quota's, so a real shortfall
    is still reported; so do those after 核定在编人员. Kinds after it when the quota's own are listed before it are the
    staff in post's whatever they add up to (核定编制80名，其中行政编制17名，…。实有人员78名，其中占用行政编制16名)."""
    kinds: list[re.Match[str]] = []
    for in_post in _IN_POST_COUNT_RE.finditer(text):
        if paren_depth(text, in_post.start()) != 0:
            continue
        listed: list[re.Match[str]] = []
        sum_: re.Match[str] | None = None
        at, gap = in_post.start("opens"), _FIRST_LISTED_RE  # 其中事业编制60名: the kind's label may take in its 其中
        for m in found:
            if m.start() < at:
                continue
            if gap.fullmatch(text, at, m.start()) and _STAFF_KIND_RE.search(m["label"]):
                listed.append(m)
                at, gap = m.end(), _LISTED_NEXT_RE
                continue
            if listed and "编制" not in m["label"] and _LISTED_NEXT_RE.fullmatch(text, at, m.start()):
                sum_ = m  # a 共计 of them (not the quota after them, 核定编制80名)
            break
        count = int(in_post["count"])
        quota_listed = any(m.end() <= in_post.start() and _STAFF_KIND_RE.search(m["label"]) for m in found)
        if listed and (quota_listed or sum(parse_quantity(m["count"]).number for m in listed) == count
                       and (sum_ is None or parse_quantity(sum_["count"]).number == count)):
            kinds += listed + ([sum_] if sum_ else [])
    return kinds


#: What stands between the staff in post's 其中 and the first kind listed.
_FIRST_LISTED_RE = re.compile(r"(?:其中)?\s*[：:]?\s*(?:占用)?")  # 其中占用行政编制16名: the posts they hold
#: What may stand between two kinds listed one after another.
_LISTED_NEXT_RE = re.compile(r"[\s，,、；;和及]*")


#: What names some of a total's parts, not all (编制80名（含行政编制17名、工勤编制1名）).
_SOME_OF_RE = re.compile(r"\s*(?:含|包括|内含|包含)")
#: What puts a count in brackets under the count before it, not beside it (编制80名（其中行政编制17名，
#: 含参公编制5名） / （含工勤编制1名，其中机关工勤编制1名）): 含/其中 after that count, not opening them.
_OF_THE_LAST_RE = re.compile(r"(?:[，,、；;]|名|人)\s*(?P<word>含|包括|内含|包含|其中)\s*[：:]?\s*$")
#: The word that opens a bracket: （含… / （其中：….
_OPENING_WORD_RE = re.compile(r"\s*(含|包括|内含|包含|其中)")


def _of_the_last(text: str, opening: int, at: int, label: str) -> bool:
    """Whether the count at ``at`` (of ``label``), in the brackets opened at ``opening``, is of the count
    before it (:data:`_OF_THE_LAST_RE`) — not when its word repeats the one the brackets open with before
    a kind beside the others, item by item (（含行政编制17名，含工勤编制1名，含锁定事业编制62名）; but
    （其中行政编制17名，其中参公编制5名）: 参公 is within 行政)."""
    match = _OF_THE_LAST_RE.search(text, max(opening, at - 8), at)
    if match is None:
        return False
    opened = _OPENING_WORD_RE.match(text, opening + 1)
    return opened is None or opened[1] != match["word"] or _level(label) is None


def _with_bracketed(text: str, inside: tuple[int, int], total: Figure, inner: list[Figure],
                    after: list[Figure]) -> list[Figure]:
    """The parts of ``total`` given the kinds in the brackets right after it (``inner``) and those
    written after the brackets (``after``). With none after, the bracketed ones — unless of 含/包括
    and not adding up (（含行政编制17名、工勤编制1名）: some of the kinds, not all). A breakdown begun
    with 其中 in the brackets goes on after them (编制80名（其中行政编制17名），工勤编制1名，…) unless the
    brackets add up alone, or what follows is another unit's count, a kind within another, or more than
    the total. A 含 remark completes a breakdown that does not add up with the kinds of the breakdown's
    level it leaves out (编制80名（含工勤编制1名），其中行政编制17名，锁定事业编制62名; :func:`_remark_level`); a
    kind the breakdown names is not counted twice, and a total naming a kind (行政编制80名（含参公编制17名）)
    keeps a remark of a kind within it apart."""

    def adds_up(parts: list[Figure]) -> bool:
        return sum(p.number or 0 for p in parts) == total.number

    if not after:
        if _SOME_OF_RE.match(text, inside[0] + 1) and not adds_up(inner):
            return _whole_remark(inner, total)
        return inner
    if not inner or adds_up(after):
        return after
    if _open_with_qizhong(text, inside):
        # the breakdown goes on after the brackets — not with a unit's count (编制20名（其中行政编制17名），下属事业
        # 单位事业编制60名), kinds within another (，其中参公编制5名), nor beyond the total; brackets after a comma
        # only with kinds of the level of those after them (编制80名，（其中参公编制5名），行政编制17名…: 参公 is of 行政)
        sentence_end = text.find("。", inside[1])
        levels = {_level(p.label) for p in after}
        after_a_comma = text[: inside[0]].rstrip().endswith(("，", ","))
        goes_on = (sum(p.number or 0 for p in inner + after) <= (total.number or 0)
                   and not _OTHER_UNIT_RE.search(text, inside[1], len(text) if sentence_end < 0 else sentence_end)
                   and None not in levels and not (after_a_comma and any(_level(p.label) not in levels for p in inner)))
        return inner if adds_up(inner) else inner + after if goes_on else after
    levels = {_level(p.label) for p in after} - {None}  # 政法专项编制 beside 行政编制: the others' level
    if not _SOME_OF_RE.match(text, inside[0] + 1) or len(levels) != 1:
        return after
    level = levels.pop()
    if _STAFF_KIND_RE.search(total.label) and level != "post":
        return after  # 行政编制80名（含参公编制17名）: a kind's total keeps a remark of a kind within it apart
    named = {kind for p in after for kind in _kinds(p.label)}
    return [p for p in inner if _remark_level(p.label, level) == level and named.isdisjoint(_kinds(p.label))] + after


#: The kinds that make a whole breakdown of their level: the main kinds (后勤服务 is rare) and the posts.
_WHOLE_LEVELS = {"main": frozenset({"行政", "事业", "工勤"}), "post": frozenset({"管理", "专业技术", "工勤"})}


def _whole_remark(remark: list[Figure], total: Figure) -> list[Figure]:
    """The kinds of a 含 remark not adding up to the total that are its breakdown all the same: those of one level
    (main kinds or posts; not 参公 within 行政) that are more than the total (编制80名（含行政编制18名、事业编制64名）)
    or name every kind of their level (编制80名（含行政编制17名，工勤编制1名，事业编制60名）, （含管理岗位编制10名，
    专业技术岗位编制65名，工勤技能岗位编制3名）); else none — some of the kinds only (（含工勤编制1名））."""
    for level, kinds in _WHOLE_LEVELS.items():
        parts = [p for p in remark if _level(p.label) == level]
        if parts and (sum(p.number or 0 for p in parts) > (total.number or 0)
                      or kinds <= {kind for p in parts for kind in _kinds(p.label)}):
            return parts
    return []


def _open_with_qizhong(text: str, inside: tuple[int, int]) -> bool:
    """Whether the brackets ``inside`` open a breakdown with 其中 (（其中行政编制17名…）), not a remark of 含."""
    return text[inside[0] + 1 :].lstrip(" ：:").startswith("其中")


#: Words naming another unit's count after a total's brackets: 下属/所属/直属/二级 (事业)单位.
_OTHER_UNIT_RE = re.compile(r"下属|所属|直属|二级单位")
#: The kinds of 编制 beside each other under a total (行政, 事业, 工勤, 后勤服务); the others are kinds within
#: them (参公, 政法专项) — or posts (管理岗位, 专业技术岗位, 工勤技能岗位), beside each other.
_MAIN_KINDS = frozenset({"行政", "事业", "工勤", "后勤服务"})
#: Kind words of how a main kind is funded, which leave it a main kind (全额事业编制, 自收自支事业编制).
_FUNDING_KINDS = frozenset({"全额", "差额", "自收自支"})


def _level(label: str) -> str | None:
    """"main" for a label of :data:`_MAIN_KINDS` (工勤编制, 全额事业编制, 锁定事业编制, 机关工勤编制), "post"
    for a post (管理岗位编制), None for a kind within another (参公编制, 政法专项编制): a remark completes a
    breakdown of its own level only."""
    if "岗位" in label:
        return "post"
    kinds = _kinds(label)
    return "main" if kinds & _MAIN_KINDS and kinds <= _MAIN_KINDS | _FUNDING_KINDS else None


def _remark_level(label: str, breakdown: str) -> str | None:
    """The :func:`_level` of a remark's kind under a breakdown of ``breakdown`` level: under posts, 工勤编制 is
    the 工勤 post (事业编制80名（含工勤编制3名），其中管理岗位编制10名，专业技术岗位编制67名)."""
    return "post" if breakdown == "post" and _kinds(label) == {"工勤"} else _level(label)


def _kinds(label: str) -> set[str]:
    """The kind words of a label that tell kinds apart (岗位 is shared by 管理岗位 and 专业技术岗位)."""
    return set(_STAFF_KIND_RE.findall(label)) - {"岗位"}


def _opens_parts(text: str, end: int) -> bool:
    """Whether the parts follow the count ending at ``end`` after 其中 or 按岗位分 (…80名，其中… / …80名（其中… /
    核定事业编制60名，按岗位分：管理岗位4名…),
    past a remark in brackets naming some of them (事业编制80名（含管理岗位编制10名），其中…)."""
    if (inside := _brackets_after(text, end)) is not None and _SOME_OF_RE.match(text, inside[0] + 1):
        end = inside[1] + 1
    return _BREAKDOWN_OPENS_RE.match(text[end:].lstrip("，,（( ")) is not None


#: What opens a count's breakdown: 其中…, 按岗位分：…, 按岗位划分为…, 分别为….
_BREAKDOWN_OPENS_RE = re.compile(r"其中|按(?:岗位|类别|类型)(?:分|划分|设置)?(?:为|是)?\s*[：:，,]?|分别为")


def _beside_the_kinds_after(text: str, found: list[re.Match[str]]) -> bool:
    """Whether the first count, of a main kind with a breakdown in brackets of kinds within it only (行政编制17名
    （其中参公编制5名）, 事业编制62名（其中全额事业编制50名…）), stands beside the main kinds of others written
    after them (，事业编制62名，工勤编制1名): a part, not the total. Not with posts or main kinds in the brackets
    (事业编制62名（其中管理岗位编制10名…）), nor with a unit's name in the sentence (局机关行政编制20名（其中：…），
    事业单位事业编制60名: the organ's total, as before)."""
    first = found[0]
    inside = _brackets_after(text, first.end())
    if inside is None or _level(first["label"]) != "main" or not _open_with_qizhong(text, inside):
        return False
    kinds = _kinds(first["label"])
    inner = [m for m in _STAFF_RE.finditer(text, inside[0], inside[1]) if _STAFF_KIND_RE.search(m["label"])]
    if not inner or not all(_within(kinds, m["label"]) for m in inner):
        return False
    start = text.rfind("。", 0, first.start()) + 1
    end = text.find("。", inside[1])
    outside = text[start : inside[0]] + text[inside[1] : len(text) if end < 0 else end]
    if _UNIT_RE.search(outside):
        return False
    return any(m.start() > inside[1] and _level(m["label"]) == "main" and kinds.isdisjoint(_kinds(m["label"]))
               for m in found)


#: A unit's name beside counts of 编制 (局机关, 事业单位, 中心, 下属…): the counts may be the unit's totals.
_UNIT_RE = re.compile(rf"{_OTHER_UNIT_RE.pattern}|单位|中心|机关|局|院|站|队|办公室")


def _within(kinds: set[str], label: str) -> bool:
    """Whether ``label`` names a kind within the main kind of ``kinds``: 参公/政法专项 within 行政 (no main kind
    nor post), 全额/差额/自收自支 事业 within 事业, the kind itself (行政编制17名（其中行政编制15名，参公编制2名））."""
    if "岗位" in label or _level(label) == "post":
        return False
    inner = _kinds(label)
    if not inner & _MAIN_KINDS:
        return "事业" not in kinds or bool(inner & _FUNDING_KINDS)
    return inner & _MAIN_KINDS <= kinds and inner <= kinds | _FUNDING_KINDS


def _sums_the_kinds(text: str, found: list[re.Match[str]], sum_: re.Match[str]) -> bool:
    """Whether a sum (共计/合计/共…) is that of the kinds of 编制: written right after the last
    of them (…事业编制62名，共计80名 / …；以上共计80名; a remark in brackets between them aside),
    or with them after it (共计80名，其中行政编制…) — not a sum of other counts (设局长1名，副局长3名，
    共4名 / 离退休人员：退休15人，离休5人，共20人) or of the staff in post (实有人员：共计75人)."""
    if _IN_POST_RE.search(text[max(0, sum_.start() - 8) : sum_.start()]):
        return False
    if _opens_parts(text, sum_.end()):
        return True
    kinds = [m for m in found if m.end() <= sum_.start() and _STAFF_KIND_RE.search(m["label"])]
    return bool(kinds) and not _unbracketed(text[kinds[-1].end() : sum_.start()]).strip("，,、；; ")


def _sum_in_brackets(text: str, counts: list[re.Match[str]], last: re.Match[str]) -> re.Match[str] | None:
    """The sum of the kinds of 编制 written in the brackets right after the last of them
    (行政编制17名，…，锁定事业编制62名（共计80名）): a count naming no kind that opens them.
    Brackets after other counts (领导职数11名（合计33名）) or holding a part of a part
    (行政编制17名（含参公编制5名）) hold none."""
    if (inside := _brackets_after(text, last.end())) is None:
        return None
    first = next((m for m in counts if inside[0] < m.start() < inside[1]), None)
    if first is None or _STAFF_KIND_RE.search(first["label"]) or text[inside[0] + 1 : first.start()].strip():
        return None
    return first


def _brackets_after(text: str, end: int) -> tuple[int, int] | None:
    """(open, close) of the brackets standing right after ``end`` (编制25名（…）), if any — or after a comma
    when they open with 含/其中 (编制80名，（含工勤编制1名）: a remark of the count all the same)."""
    start = len(text) - len(text[end:].lstrip())
    if text.startswith(("，", ","), start):
        remark = len(text) - len(text[start + 1 :].lstrip())
        if text.startswith(("（", "("), remark) and _OPENING_WORD_RE.match(text, remark + 1):
            start = remark
    if not text.startswith(("（", "("), start):
        return None
    return start, closing_bracket(text, start)


Stated = list[tuple[Para, list[Labelled]]]
"""The paragraphs of a section with their :func:`stated_amounts`."""

#: The numbering of a list item: （一） / (1) / 1. / 1、 / 一是 / 1） / 一） / 第一， / a bullet (● • - —).
_NUMBERING = (r"(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．)）]|[一二三四五六七八九十]+[是）)]"
              r"|第[一二三四五六七八九十]+[，,、]|[●•▪■◆]\s*|[-–—]\s+)")
#: A paragraph that goes on with the one before: a list item (（一）…, 1.…, 一是…) or 其中….
_LIST_ITEM_RE = re.compile(rf"^\s*(?:{_NUMBERING}|其中)")
#: A paragraph that begins with a part of the expenditure: 基本支出2319.63万元，主要用于… /
#: （二）项目支出 / 2023年项目支出… — not 局机关基本支出… or 财政拨款基本支出….
_PART_FIRST_RE = re.compile(rf"^\s*{_NUMBERING}?\s*(?:\d{{4}}年度?[，,]?)?(?:预算)?(?P<part>基本支出|项目支出)")
#: The words after a part's name in the label of its own figure (基本支出为 / 项目支出预算):
#: not 基本支出中机关运行经费.
_PART_ONLY_RE = re.compile(r"(?:预算|安排|共计|合计|共|为|是)*\s*")
#: A paragraph that begins with a year: 2022年基本支出2246.56万元。
_YEAR_FIRST_RE = re.compile(rf"^\s*{_NUMBERING}?\s*\d{{4}}年")
#: A paragraph that begins with 基本支出's breakdown: 基本支出包括人员经费… / 其中基本支出中人员经费….
_BREAKDOWN_FIRST_RE = re.compile(rf"^\s*{_NUMBERING}?\s*(?:其中[：:，,]?)?基本支出(?:预算)?(?:包括|中|含|由)")
#: The end of a paragraph that leads on to the next: …其中： / …如下。 / 收入来源：
_LEADS_ON_RE = re.compile(r"[：:]\s*$|如下[。.]?\s*$")


def stated_paragraphs(blocks: list[Block]) -> Stated:
    """Each paragraph of ``blocks`` with its stated amounts of this year (:func:`this_years`:
    not 上年支出预算8681.28万元 or 2022年预算收入7000万元 before this year's; a carry-over from last
    year, 2022年结转891.02万元, is this year's money), found once for :func:`income` and
    :func:`expenditure` both."""
    return [(para, this_years(stated_amounts(para.text))) for para in _paras(blocks)]


def _statements(stated: Stated) -> list[Stated]:
    """The paragraphs grouped into statements: a paragraph that leads on to the next
    (收入预算5772.47万元，其中： / …如下。 / a heading like （一）收入预算：) with what it leads
    to — list items ((（一）一般公共预算收入… / 1.基本支出…) and lines without figures that
    lead on themselves (收入来源：) — and a paragraph with what begins 其中… after it. A list
    item that states a total of its own (（1）局机关预算收入…) or is a heading of its own
    (（二）支出预算：) begins a statement of its own, as does anything else but a paragraph
    that begins with a part of the expenditure the statement totals and does not state yet
    (:func:`_adds_a_part`). A statement is read as one paragraph, each figure keeping its
    own line."""
    groups: list[Stated] = []
    open_ = False  # the last statement was led on to what follows
    for para, items in stated:
        leads_on = bool(_LEADS_ON_RE.search(para.text))
        listed = bool(_LIST_ITEM_RE.match(para.text))
        heading = leads_on and not items  # （二）支出预算： / 收入来源：
        before = groups[-1][-1] if groups else None
        follows = before is not None and (
            para.text.lstrip().startswith("其中") and bool(before[1])
            or open_ and listed and not heading and not any(_is_a_total(i.label) for i in items)
            or open_ and heading and not listed
            or open_ and not before[1] and _LEADS_ON_RE.search(before[0].text) is not None)
        if follows:
            groups[-1].append((para, items))
            open_ = open_ or leads_on
        elif groups and _adds_a_part(groups[-1], para.text, items, groups[-2] if len(groups) > 1 else None):
            groups[-1].append((para, items))
            open_ = leads_on  # its own list (项目支出4343.85万元，具体如下：), if any
        else:
            groups.append([(para, items)])
            open_ = leads_on
    return groups


def _adds_a_part(statement: Stated, text: str, items: list[Labelled], before: Stated | None = None) -> bool:
    """Whether a paragraph (``text``, stating ``items``) that begins with 基本支出 or 项目支出 and
    its figure, if any (基本支出2319.63万元，主要用于…; no 其中, no list led on to), goes on
    with ``statement``: one that states the expenditure total (not the 财政拨款's) and not
    that part yet, or one with no total that begins with the other part, under no heading (``before``) but
    one of the spending's (（二）支出结构) — or one that begins with 基本支出's breakdown (基本支出包括人员经费…和公用经费…)
    after a statement of 基本支出 without it."""
    if _BREAKDOWN_FIRST_RE.match(text) and items and _basic_part(items[0].label) in ("人员", "公用"):
        spent = _expenditure_of(statement)  # 基本支出包括人员经费…和公用经费…: the breakdown of the 基本支出 stated
        return spent.basic is not None and spent.personnel is None and spent.public is None
    part = _part_first(text, items)
    if part is None:
        return False
    spent = _expenditure_of(statement)
    if spent.total is None:
        # 基本支出1,102.84万元，…其中：人员经费…。 then 项目支出425.80万元，… in a paragraph of its own: the total's parts
        # one after the other, each opening its paragraph — not a fund's (一般公共预算拨款支出中，基本支出…), a unit's
        # (（一）局机关 over them) nor a year's (2022年基本支出…。/ 2022年项目支出…。 before 2023年支出预算…: last year's)
        first, stating = statement[0]
        other = "项目支出" if part == "基本支出" else "基本支出"
        heading = _heading(before)
        if (not items or not stating or _part_first(first.text, stating) != other
                or _YEAR_FIRST_RE.match(first.text) or _YEAR_FIRST_RE.match(text)
                or heading and not _SPENDING_HEADING_RE.match(heading) or _of_a_fund(_lead_in(statement))):
            return False
    elif _of_a_fund(spent.total.label) or _of_a_fund(_lead_in(statement)):
        return False
    return (spent.basic if part == "基本支出" else spent.project) is None


def _part_first(text: str, items: list[Labelled]) -> str | None:
    """The part of the expenditure a paragraph (``text``, stating ``items``) begins with, its first figure the
    part's own (基本支出2319.63万元，主要用于… / （二）项目支出; not 基本支出中机关运行经费…): 基本支出 or 项目支出, else None."""
    match = _PART_FIRST_RE.match(items[0].label if items else text)
    if match is None or items and (not _PART_FIRST_RE.match(text)
                                   or not _PART_ONLY_RE.fullmatch(items[0].label, match.end())):
        return None
    return match["part"]


def _is_a_total(label: str) -> bool:
    return _is_income_total(label) or _EXPENDITURE_TOTAL_RE.search(label) is not None


#: What names one fund or the 财政拨款 — a part of the department's budget, not the whole:
#: 财政拨款 / 一般公共预算 / 政府性基金(预算) / 国有资本经营 / 财政专户.
_FUND_RE = re.compile(r"财政拨款|一般公共预算|政府性基金|基金预算|国有资本经营|财政专户")
#: What is in brackets (one level): 基本支出（含人员、公用经费） / 机关运行经费（包括办公费…）.
_BRACKETED_RE = re.compile(r"[（(][^（()）]*[）)]")


def _unbracketed(label: str) -> str:
    return _BRACKETED_RE.sub("", label)


def _of_a_fund(words: str) -> bool:
    """Whether ``words`` (a label, or what leads to a figure) name a fund or the 财政拨款
    outside brackets (2023年政府性基金收支预算 / 一般公共预算拨款支出中，基本支出)."""
    return _FUND_RE.search(_unbracketed(words)) is not None


def _lead_in(statement: Stated, before: Stated | None = None) -> str:
    """The words that lead to a statement's first figure of the expenditure: the heading
    just before it (``before``: a short line without figures, 3、财政拨款收支情况), its own lines
    without figures in front of it, and its sentence up to that figure from the figure before
    it, the figure's label included (一般公共预算拨款支出中，基本支出 / 2023年政府性基金收支预算;
    not …一般公共预算收入4739.51万元，支出预算)."""
    heading = _heading(before)
    words = [heading] if heading else []
    for para, items in statement:
        floor = 0
        for item in items:
            if _EXPENDITURE_TOTAL_RE.search(item.label) or _basic_part(item.label) or (
                    "项目" in item.label and "支出" in item.label):
                start = max(floor, part_start(para.text, item.start))
                return "".join([*words, para.text[start : item.start]])
            floor = item.end
        if not items:
            words.append(para.text)
    return ""


def _heading(before: Stated | None) -> str:
    """The words of a statement that is a heading (a short line without figures, 3、财政拨款收支情况), else ""."""
    if before is None or any(items for _, items in before) or sum(len(para.text) for para, _ in before) > 30:
        return ""  # not a statement of figures, or a paragraph of text
    return "".join(para.text for para, _ in before)


#: A heading over the whole expenditure: （二）支出结构 / 2、支出说明 / 三、支出预算情况 — not a unit's (（一）局机关).
_SPENDING_HEADING_RE = re.compile(
    rf"^\s*{_NUMBERING}?\s*(?:\d{{4}}年度?)?(?:本?部门|本?单位)?(?:预算)?支出(?:预算)?(?:总体)?(?:结构|构成|安排)?"
    r"(?:情况|说明)?[：:。]?\s*$")


def _paras(blocks: list[Block]) -> list[Para]:
    return [b for b in blocks if isinstance(b, Para)]


#: Words of an income source (a part), as against the total.
_INCOME_SOURCE_RE = re.compile(
    r"一般公共|政府性基金|基金预算|财政专户|专户|其他|事业|经营|上级|附属|国有资本|拨款|非税|税收|专项|转移支付|补助|收费|单位资金"
)
_INCOME_TOTAL_RE = re.compile(r"收入.{0,4}(?:合计|总计|总额|共计)|收入总预算|总收入")


def _is_carry_over(label: str) -> bool:
    """上年结转 / 2022年结转资金 / 结余."""
    return "结转" in label or "结余" in label


def _is_income_total(label: str) -> bool:
    """收入合计 / 收入预算总计 / 收入总额 / 总收入, or plain (预算)收入(预算) naming no source."""
    if _INCOME_TOTAL_RE.search(label):
        return True
    return bool(re.search(r"收入(?:预算)?为?$", label)) and not _INCOME_SOURCE_RE.search(label)


def _figures(statement: Stated) -> list[tuple[str, Figure, int, str]]:
    """(label, figure, paragraph number in the statement, the paragraph's text after it) of
    every amount a statement states, each on its own paragraph's span."""
    return [(item.label, Figure(item.label, item.quantity, para_span(para)), n, para.text[item.end:])
            for n, (para, items) in enumerate(statement) for item in items]


#: An income source by its standard name alone, without 收入 or 拨款 (其中一般公共预算4739.51万元，
#: 政府性基金988.56万元 / 1.财政专户管理资金…): a source only among the income's figures.
_SOURCE_NAME_RE = re.compile(
    rf"(?:{_NUMBERING})?\s*(?:(?:一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|财政专户(?:管理)?)(?:资金)?"
    r"|单位资金|其他资金)")


#: Words before a source's name that are none of it: 其中, the unit and the year (其中沭阳县统计局2025年一般公共预算当年拨款).
_SOURCE_LEAD_RE = re.compile(
    r"^(?:其中[：:，,]?)?(?:[\u4e00-\u9fff]{2,24}?(?:局|委员会|委|办公室|办|院|中心|政府|站|所|队|处|部)(?=\d{4}年))?"
    r"(?:\d{4}年度?)?(?=[\u4e00-\u9fff])")


#: The subtotal of this year's sources under a total with 上年结转: 本年收入, 本年收入合计.
_SUBTOTAL_RE = re.compile(r"^(?:其中[：:，,]?)?本年(?:预算)?收入(?:合计|小计)?$")
_BREAKDOWN_AFTER_RE = re.compile(  # （一般公共预算拨款收入…万元…）, not （比上年增加…）
    r"[\s，,]*(?:包括|其中|含|[（(](?![^）)]*(?:比上年|较上年|同比|增加|减少|增长|下降))"
    r"(?=[^）)]*(?:收入|拨款)[^）)]*\d[\d,.]*\s*(?:万|亿)?元))")


#: What the total is said to include (…5728.07万元（含政府性基金收入988.56万元）/，包括政府性基金收入988.56万元，上年结转…):
#: one source named so, the carry-over aside, is a mention of it, no breakdown for the sources to add up to.
_INCLUDES_RE = re.compile(r"[\s，,]*[（(]?\s*(?:含|包含|包括)")


def _income_of(statement: Stated) -> Income:
    result = Income()
    of_income = False  # the figures before name the income (收入预算…，其中), not the spending
    mention = False  # the total's sources said to be included in it (:data:`_INCLUDES_RE`): one alone is a mention
    for label, fig, _, after in _figures(statement):
        if _is_carry_over(label):
            result.carry_over = result.carry_over or fig
        elif result.total is None and _is_income_total(label):
            result.total = fig
            mention = _INCLUDES_RE.match(after) is not None
        elif _SUBTOTAL_RE.match(label) and result.total is not None and _BREAKDOWN_AFTER_RE.match(after):
            # 收入总计…，其中：本年收入3618.85万元，包括…；上年结转…: the subtotal of the sources after it, no source
            result.subtotal = result.subtotal or fig
        elif ("收入" in label or "拨款" in label) and "支出" not in label or (
                of_income and _SOURCE_NAME_RE.fullmatch(label)):
            result.parts.append(replace(fig, label=_SOURCE_LEAD_RE.sub("", label) or label))
        if re.search(r"(?<!安排的)支出|收支", label):  # not a source's 为…收入安排的支出0.24亿元
            of_income = False
        elif "收入" in label:
            of_income = True
    subtotals = [p for p in result.parts if _SUBTOTAL_RE.match(p.label)]
    if result.subtotal is None and result.total is not None and len(subtotals) == 1 and len(result.parts) > 1:
        # 本年收入合计…，上年结转…。本年收入中，一般公共预算拨款收入…: the sources stated apart make it a subtotal
        result.subtotal = subtotals[0]
        result.parts.remove(subtotals[0])
    if mention and len(result.parts) == 1:
        result.parts = []
    return result


#: Words saying there is no carry-over: 无上年结转, 上年无结转资金, 没有上年结转 (RC002 said 未读到上年结转，按0计).
_NO_CARRY_OVER_RE = re.compile(r"(?:无|没有)上年结转|上年(?:无|没有)结转")


def _income_rank(found: Income) -> int:
    """How fully a statement states the income: total with sources or 结转 (3), sources or
    结转 alone (2), a total alone (1, a summary sentence: 2023年收入预算…，支出预算…). The
    财政拨款 stated on their own (财政拨款收入…，其中…; 财政拨款收支情况) are a part of it: 0."""
    detail = bool(found.parts or found.carry_over)
    if (found.total is None and found.carry_over is None and found.parts and "财政拨款" in found.parts[0].label
            and all("拨款" in p.label for p in found.parts)):
        detail = False  # 财政拨款收入…，其中一般公共预算拨款… is the 财政拨款 statement
    return 3 if found.total is not None and detail else 2 if detail else 1 if found.total is not None else 0


_Stating = TypeVar("_Stating", Income, Expenditure)


def _fullest(found: list[_Stating], rank: Callable[[_Stating], int], *, total_after: bool) -> _Stating | None:
    """The statement's reading (one per statement, in order) that states the most by
    ``rank``, the first of the best — or a later one of that rank with the same total and
    more figures (a summary naming one source, then the paragraph naming all; not a unit's
    paragraph after the department's), or whose total is one of its parts in detail, or a
    later one with no total that states the same parts and more (a summary naming one
    source, then 1、收入说明 naming all), under its total; with no total of its own, it takes
    that of the nearest statement of a total alone before it (a summary, or its parts on a
    line of their own) — or, with ``total_after``, the first one after it (the change
    paragraph's)."""
    ranked = [(i, result) for i, result in enumerate(found) if rank(result)]
    if not ranked:
        return None
    here, best = max(ranked, key=lambda item: (rank(item[1]), -item[0]))
    if best.total is not None:
        # the same total again with more of its parts (a summary first, then the full
        # statement), or one of its parts in detail (收入总计 = 本年收入 + 上年结转, then 本年收入's sources)
        detailed = {best.total.yuan, *(p.yuan for p in getattr(best, "parts", []))}
        fuller = [(i, r) for i, r in ranked if i > here and rank(r) == rank(best) and r.total is not None
                  and (r.total.yuan == best.total.yuan and _count(r) > _count(best)
                       or r.total.yuan != best.total.yuan and r.total.yuan in detailed)]
        if fuller:
            here, best = max(fuller, key=lambda item: (_count(item[1]), -item[0]))
        # its parts again with more of them and no total (a summary naming one source, then
        # 1、收入说明 naming all): those, under the summary's total (not the 财政拨款's)
        parts = _parts_of(best)
        detail = [(i, r) for i, r in ranked if i > here and r.total is None and _count(r) >= _count(best)
                  and not _of_a_fund(best.total.label)
                  and all(set(yuan) <= set(_parts_of(r)[name]) for name, yuan in parts.items())]
        if detail:
            total = best.total
            here, best = max(detail, key=lambda item: (_count(item[1]), -item[0]))
            best.total = total
    if best.total is None:  # not the total of the 财政拨款 or of a fund only
        alone = [(i, result.total) for i, result in ranked
                 if rank(result) == 1 and result.total is not None and not _of_a_fund(result.total.label)]
        best.total = next((t for i, t in reversed(alone) if i < here), None)  # a summary before it
        if best.total is None and total_after:
            best.total = next((t for i, t in alone if i > here), None)
    return best


def _parts_of(found: Income | Expenditure) -> dict[str, list[Decimal | None]]:
    """The amounts of the figures a reading has found but its total (and the income's subtotal of its sources), by
    field."""
    return {name: [f.yuan for f in (value if isinstance(value, list) else [value]) if isinstance(f, Figure)]
            for name, value in vars(found).items() if name not in ("total", "subtotal")}


def _count(found: Income | Expenditure) -> int:
    """How many figures a reading has found."""
    return (found.total is not None) + sum(len(yuan) for yuan in _parts_of(found).values())


def income(stated: Stated) -> Income:
    """The paragraph that states the income most fully (:func:`_income_rank`): the total
    (wherever it stands), the sources and 上年结转 (:func:`_fullest`) — 上年结转 0 where the text says there is none
    (无上年结转; RC002 said it had read none and counted 0)."""
    result = _fullest([_income_of(group) for group in _statements(stated)], _income_rank, total_after=False) or Income()
    if result.carry_over is None and (said := next((p for p, _ in stated if _NO_CARRY_OVER_RE.search(p.text)), None)):
        result.carry_over = Figure("上年结转（文中称无）", parse_money("0万元"), para_span(said))
    return result


#: The expenditure total: 支出预算 / 支出合计 / 支出总计 / 支出总额 / 预算支出 / 本年支出 / 总支出,
#: or the total of 收支 (收支总预算 / 收支预算总额 / 预算收支安排: the 收支总表's 支出总计,
#: which is the income with 上年结转 — not the 收支总表 itself).
_EXPENDITURE_TOTAL_RE = re.compile(
    r"支出(?:预算|合计|总计|总额|共计|总预算|安排)|预算支出|本年支出|全年支出|安排支出|共计支出|总支出"
    r"|收支(?:总?预算|总额|合计|总计|安排|总?规模|均为)(?!总?表)"
    r"|^(?:\d{4}年度?)?(?:本单位|本部门|我单位|我局|单位)?(?:\d{4}年度?)?支出为?$"
)


def _basic_part(label: str) -> str | None:
    """基本支出, 人员 or 公用: whichever the label names last outside parentheses
    (``基本支出中人员经费`` is 人员经费; ``基本支出（含人员、公用经费）`` is 基本支出)."""
    bare = _unbracketed(label)
    found = [(bare.rfind(word), word) for word in ("基本支出", "人员", "公用") if word in bare]
    return max(found)[1] if found else None


def _expenditure_of(statement: Stated) -> Expenditure:
    result = Expenditure()
    project_at, listed = -1, False  # 项目支出's parts: in its paragraph, or the list it leads on to
    for label, fig, at, after in _figures(statement):
        part = _basic_part(label)
        if result.total is None and _EXPENDITURE_TOTAL_RE.search(label):
            result.total = fig
        elif part == "人员":
            result.personnel = result.personnel or fig
        elif part == "公用":
            result.public = result.public or fig
        elif part == "基本支出":
            result.basic = result.basic or fig
        elif other_spending(label) and not re.search(r"收入|结转", _unbracketed(label)):
            result.others.append(fig)  # 事业单位经营支出1,286,400.00元: beside 基本支出 and 项目支出, no project
        elif "项目" in label and "支出" in label and result.project is None:
            result.project, project_at = fig, at
            # 项目支出4343.85万元，具体如下：, not …项目支出4343.85万元。按支出功能分类如下：
            listed = bool(_LEADS_ON_RE.search(after)) and not re.search(r"[。；;]", after)
        elif ((at == project_at or listed and at > project_at >= 0) and not re.search(r"收入|结转", _unbracketed(label))
              and not re.search(r"项目支出(?:中|的)|经济分类|功能分类", label)):
            # not the income stated after it (…；收入预算…, though 执法监察（上年结转）180万元 is a project), nor a
            # figure of 项目支出 of another kind (按支出经济分类，项目支出中对个人和家庭的补助4206万元: one class, no breakdown)
            result.project_parts.append(fig)
    return result


def _expenditure_rank(found: Expenditure) -> int:
    """How fully a paragraph states the expenditure: total with 基本/项目支出 (3), 基本 and
    项目支出 (2: a total written so that it cannot be read, or on a line of its own), a
    total alone (1: a summary sentence, or the 比上年增减 paragraph)."""
    parts = found.basic is not None or found.project is not None
    if found.total is not None and parts:
        return 3
    if found.basic is not None and found.project is not None:
        return 2
    return 1 if found.total is not None else 0


def expenditure(stated: Stated, *, year: int | None = None) -> tuple[Expenditure, list[StatedChange], int | None]:
    """The paragraph that states the expenditure most fully (:func:`_expenditure_rank`,
    :func:`_fullest`: also a total stated with the change), and the stated changes, from
    the first paragraph comparing with last year; then the changes of the statement that
    compares the income alone (收入方面：一般公共预算拨款收入比上年增加…) and the year it compares with."""
    statements = _statements(stated)
    found = [_expenditure_of(group) for group in statements]
    # a statement of one fund's or the 财政拨款's spending is read only when no other states any
    funds = [_of_a_fund(_lead_in(group, before)) for before, group in zip([None, *statements], statements, strict=False)]
    own = [Expenditure() if fund else r for r, fund in zip(found, funds, strict=True)]
    of_funds = [r if fund else Expenditure() for r, fund in zip(found, funds, strict=True)]
    result = (_fullest(own, _expenditure_rank, total_after=True)
              or _fullest(of_funds, _expenditure_rank, total_after=True) or Expenditure())
    if result.basic is not None and result.personnel is None and result.public is None:
        # 基本支出421.37万元，…其中：人员经费372.65万元，…；公用经费48.72万元… in a paragraph of its own
        details = [r for r in found if r.basic is not None and r.basic.yuan == result.basic.yuan]
        result.personnel = next((r.personnel for r in details if r.personnel is not None), None)
        result.public = next((r.public for r in details if r.public is not None), None)
    comparing: list[list[tuple[Para, list[RawChange]]]] = []
    head: int | None = None  # the comparing statement the sides that follow it go on with (收入方面：…)
    causes: dict[int, Para] = {}  # comparing statement → the 增减变化原因：… paragraph after it
    of_fund: list[bool] = []  # each comparing statement's: of a fund's spending (read only when none other compares)
    for group, fund_led in zip(statements, funds, strict=True):
        changed = [(para, c) for para, _ in group if (c := _whole_changes(para.text, year))]
        # its lead-in or the words before its first change name a fund (2023年一般公共预算拨款支出4739.51万元，比上年…)
        fund = fund_led or bool(changed) and _of_a_fund(changed[0][0].text[:changed[0][1][0].start])
        if _GROUP_CAUSE_RE.match(group[0][0].text):  # 增减变动的主要原因：…: its amounts are the reasons' words
            if head is not None:
                causes[head] = group[0][0]
            continue
        side = _SIDE_RE.match(group[0][0].text)
        if head is not None and side is not None:
            if side["side"] == "支出" and changed:
                comparing[head] = [*comparing[head], *changed]  # 支出方面：基本支出增加…: the comparison's parts
            elif changed:
                comparing.append(changed)  # 收入方面：…: the income's, read on its own as before
                of_fund.append(fund)
            continue
        head = None
        if changed and any(_COMPARES_RE.search(para.text) for para, _ in group):
            comparing.append(changed)
            of_fund.append(fund)
            head = len(comparing) - 1
    built = [(item, _with_group_cause(_built_changes(item), item, causes.get(index)))
             for index, item in enumerate(comparing)]
    # not an income paragraph's (预算收入…，上年…，减少… / 一般公共预算拨款…，较上年减少…) where another compares too
    of_income = [(item, b) for item, b in built if _of_income(item, b)]
    spending = [(item, b) for item, b in built if not _of_income(item, b)]
    # not a fund's spending's (一般公共预算拨款支出…比上年增加…: its own change, RC012's) where the whole's is stated
    whole = [(item, b) for (item, b), fund in zip(built, of_fund, strict=True) if not fund and not _of_income(item, b)]
    chosen = _most_stated(whole or spending or built)
    if chosen is not None:
        result.changes, result.prior_year = _with_statements_apart(chosen, spending), prior_year(chosen[0][0][0].text)
    income = _most_stated(of_income) if chosen is None or chosen[1] not in [b for _, b in of_income] else None
    if income is None:
        return result, [], None
    return result, income[1], prior_year(income[0][0][0].text)


def _whole_changes(text: str, year: int | None) -> list[RawChange]:
    """A paragraph's :func:`stated_changes` but those of a fund's spending stated after its first
    (:func:`later_fund_changes`)."""
    raw = stated_changes(text, year=year)
    later = later_fund_changes(text, raw, year=year)
    return [change for index, change in enumerate(raw) if index not in later]


#: A fund's spending named in a label: 一般公共预算拨款支出, 一般公共预算支出, 财政拨款支出, 政府性基金预算拨款支出.
#: The label's end, the spending itself: not 一般公共预算拨款支出中基本支出 (a part of it).
_FUND_SPENDING_RE = re.compile(rf"(?:{_FUND_RE.pattern})(?:(?!支出|中)[^，,。；;：:收]){{0,8}}支出"
                               r"(?:预算|合计|总额|共计|总计|安排|数)?(?:为|是|共)?$")  # …支出预算2,186.40万元


def fund_spending_changes(stated: Stated, taken: Sequence[StatedChange], *, year: int | None = None
                          ) -> list[StatedChange]:
    """The changes of a fund's spending stated right after its figure, in a paragraph of its own
    (2024年一般公共预算拨款支出2,186.40万元，比上年预算数2,140.00万元增加86.40万元) or in a sentence after the
    whole's comparison (:func:`later_fund_changes`): each named by the fund's spending, with that figure as its this
    year's one — no part of the expenditure's changes (``taken``: the expenditure's and the income's, whose
    paragraphs are left to them but for those sentences), yet a change to check like any other."""
    lines = {c.amount.span.line for c in taken}
    out: list[StatedChange] = []
    for para, _ in stated:
        if "支出" not in para.text or not _FUND_RE.search(para.text):
            continue  # its changes are read only where a fund's spending can be named: not in every paragraph
        raw = stated_changes(para.text, year=year)
        items = stated_amounts(para.text, raw)
        current = {id(i) for i in this_years(items, year=year)}  # not 2022年…4000.00万元, last year's
        later = later_fund_changes(para.text, raw, year=year) if para.line in lines else set()
        for index, change in enumerate(raw):
            if para.line in lines and index not in later:
                continue
            fund = _fund_spending_of(change, items, current, para.text)
            if fund is None or _named_part(change.label):
                continue
            item, named = fund
            own = replace(change, label=named, current=item.quantity, current_at=item.start,
                          reason=change.reason or _explained_by_parts(change, raw, para.text))
            out += build_changes([own], lambda label: label, para_span(para))
    return out


def _fund_spending_of(change: RawChange, items: list[Labelled], current: set[int], text: str
                      ) -> tuple[Labelled, str] | None:
    """This year's figure of a fund's spending that ``change`` is the change of, stated right before it, and the
    spending's name (一般公共预算拨款支出4739.51万元，比上年减少500万元); None for a change of anything else."""
    item = item_before(change, items, text) if change.depth == 0 and not change.history else None
    named = _fund_spending_named(item.label) if item is not None else None
    if item is None or id(item) not in current or named is None or change.current is not None:
        return None
    return item, named


def later_fund_changes(text: str, raw: Sequence[RawChange], *, year: int | None = None) -> set[int]:
    """The indices in ``raw`` (a paragraph's :func:`stated_changes`) of a fund's spending's change stated after the
    paragraph's first change, and of every change after it in its sentence — its parts (…比上年减少2017.79万元，其中…。
    一般公共预算拨款支出4739.51万元，比上年减少500万元，其中：基本支出增加100万元，项目支出减少400万元。): the fund's own
    comparison, no part of the whole's (a false RC011 held the fund's parts against the whole's change)."""
    if len(raw) < 2 or not _FUND_RE.search(text):
        return set()
    items = stated_amounts(text, list(raw))
    current = {id(i) for i in this_years(items, year=year)}
    later: set[int] = set()
    for index, change in enumerate(raw[1:], start=1):
        if index in later or _fund_spending_of(change, items, current, text) is None:
            continue
        end = text.find("。", change.start)
        later |= {i for i in range(index, len(raw)) if end < 0 or raw[i].start < end}
    return later


#: Half a cent of 万元, in yuan: how far apart figures to the cent of 万元 may be per term.
_HALF_CENT_WAN = Decimal(50)


def _explained_by_parts(change: RawChange, raw: Sequence[RawChange], text: str) -> str | None:
    """The words of the parts a fund's change is broken into after it in its sentence, each with its reason
    (…增加86.40万元，其中：基本支出增加73.07万元，主要原因是人员调资；项目支出增加13.33万元，主要原因是新增项目): the
    change's reason, as a 合计's is its parts'; None unless every part has one and their changes make its own."""
    parts = [c for c in raw if c.start > change.start and c.depth == change.depth and _named_part(c.label)
             and "。" not in text[change.start:c.start]]
    if not parts or any(c.reason is None or c.reason_span is None for c in parts):
        return None
    deltas = [c.direction * c.quantity.yuan for c in (change, *parts) if c.quantity.yuan is not None]
    if len(deltas) < len(parts) + 1 or abs(deltas[0] - sum(deltas[1:])) > _HALF_CENT_WAN * len(deltas):
        return None  # no breakdown of it: another item's change, with its own reason (…；基金…项目支出减少100万元，主要原因是…)
    return text[parts[0].start - len(parts[0].label):parts[-1].reason_span[1]].strip()  # type: ignore[index]


def _named_part(label: str) -> bool:
    """Whether a change's own words name an item (基本支出增加…), not only the comparison (比上年预算数…)."""
    return _expenditure_subject(label) != "收支合计" or "收支" in label


def _with_statements_apart(
    chosen: tuple[list[tuple[Para, list[RawChange]]], list[StatedChange]],
    spending: list[tuple[list[tuple[Para, list[RawChange]]], list[StatedChange]]],
) -> list[StatedChange]:
    """The chosen statement's changes, with those of the same comparison stated apart, in statements comparing with
    the same year: the total's change stated alone when the chosen names its parts only (收支预算总计…比2023年增加
    4,711.47万元 in 一、收支预算总体情况, 与2023年相比，基本支出减少…；项目支出增加… under 三、支出预算情况), and a part's
    changes the chosen has none of, each in a paragraph of its own (基本支出…比上年增加11.51万元。/ 项目支出…比上年增加
    22.55万元。): one comparison, RC011/RC018 hold its total against its parts — the total first."""
    here = chosen[0][0][0].line
    year = prior_year(chosen[0][0][0].text)
    blocks: list[tuple[int, list[StatedChange]]] = [(here, chosen[1])]  # (where a statement stands, its changes)
    total: list[StatedChange] = []
    before = False  # the lone total stands before the chosen statement
    for item, other in spending:
        if item is chosen[0] or not other or prior_year(item[0][0].text) not in (year, None):
            continue
        subjects = {c.subject for _, changes in blocks for c in changes} | {c.subject for c in total}
        if len(other) == 1 and other[0].subject == "收支合计" and "收支合计" not in subjects:
            total = other
            before = item[0][0].line < here
        elif all(c.subject in EXPENDITURE_PARTS.values() or other_spending(c.subject) for c in other) and not subjects & {
                c.subject for c in other}:
            blocks.append((item[0][0].line, other))
    joined = [c for _, changes in sorted(blocks, key=lambda block: block[0]) for c in changes]
    return joined if not total else [*total, *joined] if before else [*joined, *total]


def name_income_changes(changes: list[StatedChange], income: Income) -> list[StatedChange]:
    """Income changes named by the source they are of, as the income statement labels it: 收入来源（一般公共
    预算拨款收入比上年） → 收入来源（一般公共预算拨款收入）, 收入来源（上年结转由） → 收入来源（上年结转）; the longest
    label within the change's words. One no source is found for keeps its words."""
    labels = sorted({f.label for f in [*income.parts, income.carry_over] if f is not None and f.label}
                    | ({"上年结转"} if income.carry_over is not None else set()),  # 另安排上年结转: its change is 上年结转's
                    key=len, reverse=True)
    named = []
    for change in changes:
        words = source_of(change.subject)
        label = next((lb for lb in labels if lb in words), None) if words else None
        named.append(replace(change, subject=income_source(label)) if label else change)
    return named


#: The reason of a statement's changes together, after them or in a paragraph of its own: 增减变化原因：…
_GROUP_CAUSE = r"(?:增减)?变[化动](?:的)?(?:主要)?原因[：:]|(?:增减|增加|减少)(?:的)?(?:主要)?原因[：:]|原因说明[：:]"
#: … or a paragraph of its own labelled only 说明： whose sentence gives reasons (说明：公务用车运行维护费减少是因…)
_GROUP_CAUSE_RE = re.compile(rf"^\s*(?:{_GROUP_CAUSE}|说明[：:](?=[^。]*?(?:原因|由于|因为|是因|主要是|主要系)))")
_GROUP_CAUSE_IN_RE = re.compile(_GROUP_CAUSE)


def _with_group_cause(changes: list[StatedChange], statement: list[tuple[Para, list[RawChange]]],
                      after: Para | None) -> list[StatedChange]:
    """``changes`` with the statement's 增减变化原因：… as the reason of each that has none: the words after it at
    the end of a paragraph of the statement (…政府性基金预算拨款收入增加6.00万元。增减变化原因：城乡低保标准提高…), or
    the paragraph ``after`` it that opens with it. Written after several changes, its first piece is no reason of the
    last of them alone (…项目支出减少2090.87万元。增减变化原因：基本支出增加主要为…；项目支出减少主要为…: not 基本支出's
    words as 项目支出's reason) — nor are its later ones: the whole is each one's."""
    cause: Text | None = None
    for para, raws in statement:
        found = list(_GROUP_CAUSE_IN_RE.finditer(para.text))
        # one, after every change of the paragraph (not 变化原因：… written for each change in turn)
        if len(found) == 1 and found[0].start() >= max(r.end for r in raws) and para.text[found[0].end():].strip():
            cause = Text(para.text[found[0].end():].strip(), para_span(para))
            if len(raws) > 1:
                pieces = {r.reason for r in raws if r.reason_span is not None and r.reason_span[0] >= found[0].start()}
                changes = [replace(c, reason=None) if c.reason is not None and c.reason.text in pieces else c
                           for c in changes]
    if after is not None:
        cause = cause_opening(after) or cause
    return with_cause(changes, cause)


def overview_cause(blocks: list[Block]) -> Text | None:
    """The reason of a section's changes together: its first paragraph opening with 增减变动的主要原因：…."""
    return next((c for b in blocks if isinstance(b, Para) and (c := cause_opening(b)) is not None), None)


def reasons_said(blocks: list[Block], year: int | None = None) -> list[tuple[str, Decimal, Text]]:
    """Each change the paragraphs of ``blocks`` state with its reason — its words before the verb, its amount (signed,
    in yuan) and the reason (基本支出增加183,300.00元，主要原因是人员工资标准调整；项目支出增加…，主要原因是…, after a
    收支总表): what gives a table row's change the reason the text states for it."""
    said: list[tuple[str, Decimal, Text]] = []
    for block in blocks:
        if not isinstance(block, Para) or "原因" not in block.text and "主要" not in block.text:
            continue
        for raw in stated_changes(block.text, year=year):
            if raw.reason and raw.quantity.yuan is not None and raw.direction:
                said.append((raw.label, raw.direction * raw.quantity.yuan, Text(raw.reason.strip(), para_span(block))))
    return said


def cause_opening(para: Para) -> Text | None:
    """The reason of the changes before a paragraph that opens with 增减变动的主要原因：…: its words after that."""
    found = _GROUP_CAUSE_RE.match(para.text)
    return Text(para.text[found.end():].strip(), para_span(para)) if found and para.text[found.end():].strip() else None


def with_cause(changes: list[StatedChange], cause: Text | None) -> list[StatedChange]:
    """``changes``, ``cause`` the reason of each that has none and is one (not 与上年持平: the reason of the changes
    together explains no part left as it was) — unless its pieces each name other items and none this one
    (:func:`~budget_audit.parse.cause_points.left_out`): that one keeps the cause as ``left_out_of``."""
    if cause is None:
        return changes
    out = left_out(cause.text, [c.subject for c in changes if c.reason is None and c.direction])
    return [c if c.reason is not None or c.direction == 0
            else replace(c, left_out_of=cause) if c.subject in out else replace(c, reason=cause) for c in changes]


#: A reason naming its item, in a paragraph of reasons after the figures: 公务接待费减少的主要原因是…；.
_ITEM_REASON_RE = re.compile(r"(?P<item>[^，,；;。：:]{2,30}?)(?P<verb>增加|减少|增减|变动|下降|上升)的?(?:主要)?原因(?:是|为|[：:])"
                             r"(?P<reason>[^；;。]+)")
#: Items one reason names together, each with its verb: 项目支出减少及基本支出增加的主要原因是… (not the 及 of a name:
#: 公务用车购置及运维费).
_ITEM_JOIN_RE = re.compile(r"(?<=增加|减少|增减|变动|下降|上升)(?:以及|及|和|、)")
_VERB_DIRECTION = {"增加": 1, "上升": 1, "减少": -1, "下降": -1}
_ITEM_VERB_RE = re.compile(r"(?P<verb>增加|减少|增减|变动|下降|上升)$")


def with_item_reasons(changes: list[StatedChange], blocks: Sequence[Block],
                      subject_of: Callable[[str], str | None], year: int | None = None) -> list[StatedChange]:
    """``changes``, each that has no reason given the one a paragraph of the section gives it by name
    (公务用车购置及运维费减少的主要原因是严格控制公务用车使用；公务接待费减少的主要原因是…, after a table;
    项目支出减少的主要原因是…, a paragraph after the overview's) — as its direction is written (项目支出增加的原因 is no
    reason of its decrease), not another year's (2022年项目支出增加的…). ``subject_of``: the change's subject the
    words before the verb name, None for words that name none of them."""
    given: dict[str, list[tuple[int, Text]]] = {}
    for block in blocks:
        if not isinstance(block, Para):
            continue
        for found in _ITEM_REASON_RE.finditer(block.text):
            years = {int(y) for y in re.findall(r"(\d{4})年", found["item"])}
            if year is not None and years - {year}:
                continue
            said = Text(found["reason"].strip(), para_span(block))
            for piece in _ITEM_JOIN_RE.split(found["item"]):
                own = _ITEM_VERB_RE.search(piece)
                verb = own["verb"] if own else found["verb"]
                if (subject := subject_of(piece[:own.start()] if own else piece)) is not None:
                    given.setdefault(subject, []).append((_VERB_DIRECTION.get(verb, 0), said))
    if not given:
        return changes
    return [replace(c, reason=said) if c.reason is None and c.direction
            and (said := next((t for d, t in given.get(c.subject, []) if d in (0, c.direction)), None)) is not None
            else c for c in changes]


#: Words that name a figure of the overview (not 人员减少, 编制调整: no money of the budget's).
_OVERVIEW_ITEM_RE = re.compile(r"支出|收入|收支|经费|拨款|结转|预算")
#: … and the total's own words, where a figure of no known name falls to the total (政府采购预算, 差旅费支出 do not).
_OVERVIEW_TOTAL_RE = re.compile(r"收支|^\W*(?:\d{4}年度?)?\W*(?:全年|部门|单位)?(?:预算)?支出(?:预算)?(?:总额|合计|总计)?\W*$"
                                r"|总支出|支出总")


def _overview_item(words: str) -> str | None:
    """The overview's figure a reason's words name (项目支出, 基本支出, 收支合计, 一般公共预算收入 …), None for one of none:
    a fund's spending (一般公共预算拨款支出, its own change), 机关运行经费, a kind of spending the overview states no change of."""
    words = words.strip()
    if not _OVERVIEW_ITEM_RE.search(words) or _FUND_RE.search(words) and "收入" not in words or "运行经费" in words:
        return None
    subject = _expenditure_subject(words)
    return None if subject == "收支合计" and not _OVERVIEW_TOTAL_RE.search(words) else subject


def reason_paragraphs(blocks: Sequence[Block]) -> list[Para]:
    """The paragraphs of ``blocks`` that state no change of their own, where a change's reason may stand on its own
    (项目支出减少的主要原因是…): those that state changes give their reasons as they are read."""
    return [b for b in blocks if isinstance(b, Para) and not stated_changes(b.text)]


def overview_item_reasons(changes: list[StatedChange], own: Sequence[Para], year: int | None = None, *,
                          funds: bool = False) -> list[StatedChange]:
    """The overview's ``changes`` given the reasons of paragraphs of their own that name them (``own``:
    :func:`reason_paragraphs`). With ``funds``, the changes are a fund's spending's (:func:`fund_spending_changes`),
    named so in those paragraphs (政府性基金预算拨款支出增加的主要原因是…)."""
    return with_item_reasons(changes, own, _fund_spending_named if funds else _overview_item, year)


def _fund_spending_named(words: str) -> str | None:
    """The fund's spending a reason's words name, as :func:`fund_spending_changes` names its change."""
    named = _FUND_SPENDING_RE.search(_unbracketed(words).strip())
    return named[0] if named else None


def _most_stated(
    built: list[tuple[list[tuple[Para, list[RawChange]]], list[StatedChange]]],
) -> tuple[list[tuple[Para, list[RawChange]]], list[StatedChange]] | None:
    """The statement with the most changes of the published figures (not of functional classes: 一般公共服务（类）支出
    …增加29.64万元), then the most changes, then reasons: 比上年增减, not a lone one; the first of equals."""
    if not built:
        return None
    return max(built, key=lambda pair: (
        sum(not _FUNCTION_CLASS_RE.search(x.subject) for x in pair[1]),
        sum(len(c) for _, c in pair[0]), sum(x.reason is not None for _, c in pair[0] for x in c), -built.index(pair)))


def _built_changes(statement: list[tuple[Para, list[RawChange]]]) -> list[StatedChange]:
    """A statement's changes, each named by the item it is of; its list items (（1）基本支出增加…) each on
    their own line."""
    built: list[StatedChange] = []
    for para, changes in statement:
        items = stated_amounts(para.text, changes)
        named = [replace(c, label=_item_of(c, items, para.text, changes)) for c in changes]
        built += build_changes(named, _expenditure_subject, para_span(para))
    return built


#: A paragraph that goes on with a comparison stated before it, for one side: 收入方面：… / 支出方面：….
_SIDE_RE = re.compile(rf"^\s*(?:{_NUMBERING})?\s*(?P<side>收入|支出)方面[：:，,]")
#: A paragraph that compares with last year: 较/比/与…年, 由2022年的…, or last year's figure
#: beside this year's (…6663.49万元，上年8681.28万元，减少2017.79万元).
_COMPARES_RE = re.compile(r"(较|比|与).{0,6}年|由.{0,10}年|(?:上一?年|去年)度?(?:预算数?)?(?:为|是)?\s*\d"
                          r"|同比(?:增加|减少|增长|下降|持平|上升|减)")
#: Words of the spending (支出, 收支 — not 收支平衡) and of the income (收入) in a paragraph that compares.
_OF_SPENDING_RE = re.compile(r"支出|收支(?!平衡)")
_OF_INCOME_RE = re.compile(r"收入")


def _of_income(statement: list[tuple[Para, list[RawChange]]], built: Sequence[StatedChange]) -> bool:
    """Whether a statement that compares is the income's: changes of income sources (收入来源（…）, as
    :func:`_expenditure_subject` names a 拨款/结转/…收入 item), or 收入 and no 支出/收支 outside its reasons
    (2023年预算收入5728.07万元，上年7790.26万元，减少…，主要原因是项目支出减少)."""
    if any(c.subject.startswith(INCOME_SOURCE) for c in built):
        return True
    words = ""
    for para, changes in statement:
        spans = sorted(c.reason_span for c in changes if c.reason_span is not None)
        at = 0
        for start, end in spans:
            words += para.text[at:start]
            at = max(at, end)
        words += para.text[at:]
    return _OF_INCOME_RE.search(words) is not None and _OF_SPENDING_RE.search(words) is None


def _item_of(change: RawChange, items: Sequence[Labelled], text: str, changes: Sequence[RawChange]) -> str:
    """The words naming what a change is of: its own (基本支出增加…), or — when they name no
    part (比上年增加…) — those of the figure stated just before it (基本支出2319.63万元，比上年
    增加73.07万元), as :func:`~budget_audit.parse.changes.item_before` finds it, else those of
    the head of the list it follows (:func:`_list_head`)."""
    if _expenditure_subject(change.label) != "收支合计" or "收支" in change.label:
        return change.label
    before = item_before(change, list(items), text) or _list_head(change, items, text, changes) \
        or _bracketed_after(change, items, text)
    return before.label if before is not None else change.label


def _bracketed_after(change: RawChange, items: Sequence[Labelled], text: str) -> Labelled | None:
    """The figure a change naming no item opens the brackets after: 本年收入合计5728.07万元（比上年减少2062.19万元） is
    the income total's (it was taken for the expenditure total's, a false VA002 of a second 收支合计 change)."""
    if change.depth == 0 or not _NO_ITEM_RE.match(change.label):
        return None
    opening = max(text.rfind("（", 0, change.start), text.rfind("(", 0, change.start))
    return next((a for a in items if a.depth == change.depth - 1 and a.end <= opening
                 and not text[a.end:opening].strip()), None)


def _list_head(change: RawChange, items: Sequence[Labelled], text: str,
               changes: Sequence[RawChange]) -> Labelled | None:
    """:func:`~budget_audit.parse.changes.list_head` of the expenditure: 基本支出2319.63万元，其中人员经费…，公用经费…，
    比上年增加73.07万元 is 基本支出's; not after a list that goes back to 基本支出's and 项目支出's rank."""
    return list_head(change, items, text, changes, _expenditure_subject, ("基本支出", "项目支出"))


#: A class of the functional classification: 一般公共服务（类）支出, 社会保障和就业（类）, 卫生健康支出（类）.
_FUNCTION_CLASS_RE = re.compile(r"[（(][类款项][）)]")
#: The 2020 reform's names of 基本支出's parts, which hold 项目: 人员类项目 (人员经费), 运转类公用项目 (公用经费).
_REFORM_BASIC_PART_RE = re.compile(r"人员类|运转类公用")


def _expenditure_subject(label: str) -> str:
    """The published figure a change's label is of. 人员类项目 and 运转类公用项目 (the 2020
    reform's names) are 基本支出's 人员经费 and 公用经费, as :func:`_basic_part` files
    their figures, not 项目支出 — but a project's name with 人员 or 公用 in it is 项目支出's. A note in
    brackets names no item (项目支出（不含人员类、运转类公用项目）)."""
    if _FUNCTION_CLASS_RE.search(label):
        return clean_label(label) or label  # 一般公共服务（类）支出: a functional class, none of the published figures
    label = _unbracketed(label)
    if (other := other_spending(label)) is not None:
        return other
    reform = set(_REFORM_BASIC_PART_RE.findall(label))
    if "基本" in label or len(reform) > 1:  # 人员类和运转类公用项目经费: both parts
        return "基本支出"
    if "项目" in label and not reform:
        return "项目支出"
    if "人员" in label:
        return "人员经费"
    if "公用" in label:
        return "公用经费"
    if "支出" not in label and "收支" not in label and (
            "收入" in label and _INCOME_SOURCE_RE.search(label) or re.search(r"拨款|结转", label)):
        return income_source(clean_label(label) or label)  # no figure of the expenditure's
    if "收入" in label and "支出" not in label and "收支" not in label:
        return "收入合计"
    return "收支合计"


#: Where a label turns from 机关运行经费 to what it is used for (…主要用于办公费12.3万元: a part),
#: outside brackets (机关运行经费（包括办公费、水电费等）184.4万元 is 机关运行经费).
_USES_RE = re.compile(r"用于|包括|其中")
#: A sum's label: 合计21.0万元 / 以上共计… / 总额为….
_SUM_LABEL_RE = re.compile(r"(?:合计|共计|总计|总额)(?:安排)?(?:为|是)?$")
#: Between a figure and its change written right after it: …合计21.0万元，比上年增加2万元.
_CHANGE_AFTER_RE = re.compile(r"^[\s，,]*(?:比|较|与|同比)[^。；;]{0,12}$")


#: Words saying the unit has no 机关运行经费 (a 事业单位: 本单位为事业单位，不涉及机关运行经费; 机关运行经费：无, 机关运行经费
#: 安排无).
_NO_RUNNING_COSTS_RE = re.compile(r"(?:不涉及|无|没有|未安排|不安排)(?:机关)?运行经费(?!以外|之外|变化|变动)"
                                  r"|运行经费(?:预算|安排)?\s*(?:[：:]?\s*无(?=\s*(?:[。；;，,]|$))"
                                  r"|(?:为|是)\s*(?:零|〇|0(?:\.0{1,2})?)(?![\d.万元增减变])\s*元?(?=\s*(?:[。；;，,]|$)))")
#: A sentence opening with the unit itself (本单位为县教育局所属事业单位，不涉及…: its own none) …
_THE_UNIT_RE = re.compile(r"\s*(?:\d{4}年度?)?\s*(?:本单位|本部门|我单位|我部门|本局|我局|本院|我院|本校|我校|本中心|我中心|该单位)")
#: … else one about its subordinate units (所属事业单位无…, 下属…为事业单位，不涉及…), or the term's definition.
_OTHERS_RE = re.compile(r"所属|下属|二级单位")
_DEFINED_RE = re.compile(r"运行经费(?:是|系)指")


def _says_it_has_none(text: str) -> bool:
    """Whether ``text`` says the unit itself has no 机关运行经费 — in a sentence opening with the unit, or naming no
    subordinate units before the words; not in the term's definition."""
    for found in _NO_RUNNING_COSTS_RE.finditer(text):
        start = max(text.rfind(ch, 0, found.start()) for ch in "。；;（(") + 1
        before = text[start:found.start()]
        if _DEFINED_RE.search(before):
            continue
        if _THE_UNIT_RE.match(before) or not _OTHERS_RE.search(before):
            return True
    return False


def running_costs(blocks: list[Block], *, year: int | None = None) -> RunningCosts:
    """The first paragraph with an amount of this year: 机关运行经费 — the figure labelled as
    it (机关运行经费共计安排184.4万元), else a sum (办公费12.3万元、水电费5.6万元，合计21.0万元),
    else the first — and its stated change if any. A paragraph saying there is none (不涉及机关运行经费) and
    labelling no figure as it gives 0 (文中称无), not its first figure (…日常公用经费257.55万元: a reviewer's find) —
    so does one with no figure at all when no paragraph has one; not one saying so of its subordinate units
    (所属事业单位无机关运行经费) or defining the term."""
    none_said: Para | None = None
    for para in _paras(blocks):
        raw = stated_changes(para.text, causes_only=True, year=year)  # 主要用于… is the money's use
        items = stated_amounts(para.text, raw)
        current = this_years(items)
        span = para_span(para)
        says_none = _says_it_has_none(para.text)
        if not current:
            none_said = none_said or (para if says_none else None)
            continue
        if says_none and not any("运行经费" in _USES_RE.split(_unbracketed(i.label))[-1] for i in current):
            return RunningCosts(Figure("机关运行经费（文中称无）", parse_money("0万元"), span), Text(para.text, span))
        item = next((i for i in current if "运行经费" in _USES_RE.split(_unbracketed(i.label))[-1]),
                    next((i for i in current if _SUM_LABEL_RE.search(i.label)), current[0]))
        # Its own changes only, not those of its parts (办公费60万元，比上年减少2万元) — that after
        # a list of them its own (机关运行经费184.4万元，其中：办公费…，水电费…，比上年增加10万元).
        changes = [c for c in raw if "运行经费" in c.label or _item_is(item, c, items, para.text, raw)
                   or c.depth == item.depth and _CHANGE_AFTER_RE.match(para.text[item.end : c.start])]
        return RunningCosts(
            Figure("机关运行经费", item.quantity, span),
            Text(para.text, span),
            changes=build_changes(changes, lambda _label: "机关运行经费", span),
            prior_year=prior_year(para.text) if changes else None,
        )
    if none_said is not None:  # 本单位不涉及机关运行经费。 and no figure anywhere
        span = para_span(none_said)
        return RunningCosts(Figure("机关运行经费（文中称无）", parse_money("0万元"), span), Text(none_said.text, span))
    return RunningCosts()


def _item_is(item: Labelled, change: RawChange, items: list[Labelled], text: str,
             changes: Sequence[RawChange]) -> bool:
    """Whether ``change`` is about ``item``: the figure stated just before it (:func:`item_before`),
    else the head of the list it follows (:func:`_list_head`)."""
    before = item_before(change, items, text)
    return before is item or before is None and _list_head(change, items, text, changes) is item


#: A year a label names: last year (上年 / 去年) or a year (2022年 / 2022年度) — not a date (2022年3月)
#: — with what of it: its end (上年末 / 上年年末 / 去年年底 / 2022年年末 / 上年12月31日; up to it:
#: 截至2022年), what is held as this year begins, or what is carried over from it (2022年结转 /
#: 2022年度财政拨款结转资金 / 上年结余), this year's money.
_LABEL_YEAR_RE = re.compile(
    rf"(?P<until>截至|截止)?\s*(?:{LAST_YEAR_WORDS}|(?<!\d)(?P<year>\d{{4}})\s*年)度?"
    r"(?:(?P<end>\s*(?:年?[末底]|12\s*月\s*31\s*日))|(?P<carry>[^\d，,。；;：:（()]{0,8}?(?:结转|结余))|(?!\s*\d))"
)
#: Words before a year that take it as what this year's figure is set by (参照上年标准 / 按照2022年
#: 标准 / 延续上年计划), or after it naming that (在上年基础上 / 上年的水平) …
_BY_A_YEAR_RE = re.compile(r"(?:参照|按照?|依照?|依据|根据|比照|参考|对照|延续|沿用|沿袭|基于|结合|保持|维持)\s*$")
_A_YEARS_BASIS_RE = re.compile(r"度?\s*的?\s*(?:基础|标准|水平|口径)")
#: … followed by the verb that sets this year's figure: 安排 / 拟购置 / 预计 / 核定.
_SETS_RE = re.compile(r"安排|拟|预计|列支|核定|下达|确定")


def _year_of(label: str, found: re.Match[str]) -> tuple[int | None, bool] | None:
    """The year ``found`` in ``label`` says the figure is of — (the year, or None for last year;
    whether at its end) — or None when it is no year of the figure: a carry-over from it, or what
    this year's figure is set by (参照上年标准安排… / 在上年基础上安排… / 延续上年计划拟购置…; not
    按上年实际支出数…, which is last year's)."""
    if found["carry"] is not None:
        return None
    by = _BY_A_YEAR_RE.search(label, 0, found.start()) or _A_YEARS_BASIS_RE.match(label, found.end())
    if by is not None and _SETS_RE.search(label, found.end()):
        return None
    year = int(found["year"]) if found["year"] else None
    return year, found["end"] is not None or found["until"] is not None


def this_years(items: list[Labelled], *, held: bool = True, year: int | None = None) -> list[Labelled]:
    """The figures of ``items`` (one paragraph's) that are not labelled as last year's
    (:func:`_year_of`): by 上年/去年, or by a year before the latest one the labels name
    (2022年政府采购预算120万元，2023年政府采购预算150万元; a year's end against a year's end only:
    2022年末固定资产 is this year's document's beside 2023年拟购置). What is held at last year's end
    (上年末固定资产…) is this year's document's, unless not ``held`` (截至上年末政府采购执行金额…
    is no procurement budget). With the budget ``year``: no figure of a later year (2024年计划控制在20万元以内),
    the latest year is at most the budget year, a label naming the budget year is this year's, and a label opening
    with another year is of that year (2021年…决算35.6万元，2022年…31.42万元，本年度…18.84万元: only 18.84) — but not
    one whose year is the time of an event (2022年机构改革后我局…18.84万元)."""
    named = [[label for m in _LABEL_YEAR_RE.finditer(i.label) if (label := _year_of(i.label, m))] for i in items]
    latest: dict[bool, int] = {}
    for written, end in (y for found in named for y in found):
        if written is not None and (year is None or end or written <= year):
            latest[end] = max(written, latest.get(end, written))

    def kept(item: Labelled, found: list[tuple[int | None, bool]]) -> bool:
        if year is not None:
            if any(written == year and not end for written, end in found):
                return True  # 2022年县财政核定我局2023年“三公”经费预算安排…: named this year's
            opening = _OPENING_LABEL_YEAR_RE.match(item.label)
            if opening is not None and _of_another_year(item.label, opening, year) or any(
                    written is not None and not end and written > year for written, end in found):
                return False
        return all((held or not end) and (end if written is None else written == latest[end]) for written, end in found)

    return [i for i, found in zip(items, named, strict=True) if kept(i, found)]


def _of_another_year(label: str, opening: re.Match[str], year: int) -> bool:
    """Whether the year opening ``label`` is the year its figure is of and not the budget ``year``: not when it
    is the time of an event (2022年机构改革后我局…) or the label names the budget year too (2022年县财政核定我局2023年…)."""
    rest = label[opening.end():]
    return int(opening["year"]) != year and not YEAR_AS_TIME_RE.search(rest) and not names_this_year(rest, year)


#: A year opening a figure's label, not a year's end (2022年“三公”经费… / 其中2021年决算…; not 2022年末…).
_OPENING_LABEL_YEAR_RE = re.compile(r"[\s，,、：:]*(?:其中)?[\s：:]*(?P<year>\d{4})\s*年度?(?!\s*(?:\d|[末底]|年末|年底))")
