"""Government procurement and fixed assets."""

from __future__ import annotations

import re

from ..amounts import parse_money
from ..model import Assets, Figure, Procurement, Span, Text
from .blocks import Block, Para, Row, make_span
from .changes import stated_amounts
from .figures import LABEL_UNIT_RE, MONEY_UNIT_RE, Labelled, part_start
from .summary import para_span, this_years

_THRESHOLD_WORDS = ("以上", "以下", "及以上", "（含）以上")
#: Words of the assets held, as against the planned purchase: at last year's end (上年末 / 2022年年末 /
#: 去年年底 / 截至2022年12月31日) or now.
#: Words of a planned purchase: 拟购置固定资产…, 拟新增固定资产5万元.
_PURCHASE_WORDS = ("购置", "拟新增", "计划新增")
_HELD_WORDS = ("年末", "年底", "12月31日", "截至", "截止", "占用", "现有")
#: 本年度不拟购置固定资产 / 无拟购置固定资产计划 / 不购置固定资产.
_NO_PURCHASE_RE = re.compile(r"(?:不|无)(?:拟|计划)?(?:新)?购置(?:任何)?固定资产|无拟购置")
#: A class row of the asset table: numbered (1、房屋 / （一）房屋 / (1)房屋) or named.
_ASSET_CLASS_RE = re.compile(
    r"^(?:\d+[、.]|[（(][一二三四五六七八九十]+[）)])|^(?:房屋|车辆|单价|设备|其他固定资产|土地|构筑物|家具|图书|无形资产)"
)


_TOTAL_RE = re.compile(r"合计|总计|总额|共计")
_CATEGORY_RE = re.compile(r"货物|工程|服务|类")
#: A label that names nothing of its own: 达到 / 增至 / 总额为 ….
_BARE_LABEL_RE = re.compile(r"(?:达到|达|增至|减至|增加到|减少到|为|是|共|计|合计|共计|总额|总计)*")


def procurement(blocks: list[Block], lines: dict[int, str]) -> Procurement:
    result = Procurement()
    rows: list[Row] = []
    for block in blocks:
        if isinstance(block, Para):
            if result.total is None:
                items = this_years(stated_amounts(block.text), held=False)  # not 截至上年末…执行金额
                purchases = [i for i in items if "采购" in i.label]
                # this year's procurement figure that names no category (货物类…), else a 合计
                # after the categories or a 总额 after a change (政府采购预算比上年增加30万元，总额为
                # 150万元), else the first procurement figure
                item = next((i for i in purchases if not _CATEGORY_RE.search(i.label)), None)
                named = purchases[0].start if purchases else block.text.find("采购")
                if item is None and named >= 0:
                    item = next((i for i in items if _TOTAL_RE.fullmatch(i.label.strip("其中为是"))
                                 and i.start > named), purchases[0] if purchases else None)
                if item is not None:
                    span = para_span(block)
                    result.total = Figure("政府采购预算", item.quantity, span)
                    result.text = Text(block.text, span)
        else:
            rows.append(block)
    if rows:
        result.table_span = Span(rows[0].line, rows[-1].end_line, "")
        total_index = next((i for i, r in enumerate(rows) if r.keys and r.keys[0] in ("合计", "总计")), None)
        body = rows[total_index:] if total_index is not None else []
        for row in body:
            if not row.is_empty():
                result.rows.append([Text(c.text, make_span(lines, c.line, c.end_line)) for c in row.cells])
    return result


#: A class of fixed assets named in the text beside its value: 房屋1,820.00万元, 单价20万元以上设备118.00万元.
_TEXT_CLASS_RE = re.compile(r"(单价\d+万元以上(?:通用|专用)?设备|房屋|车辆|(?:通用|专用)?设备|其他固定资产|土地|构筑物|无形资产)")


_PART_BREAK_RE = re.compile(r"[，；;：:]|,(?!\d)|(?<!\d),")


def _text_class(text: str, item: Labelled) -> str | None:
    """The asset class an amount of the text is the value of: the last class its part of the sentence names before
    it (其中：房屋1,820.00万元; 车辆4辆、价值86.30万元; 单价20万元以上设备118.00万元) — or, when the part only gives a
    value (设备6台，价值356.00万元), the part before names — else None."""
    # the part's start: the last break before it, not a thousands comma (房屋5,680平方米、2,180.00万元; 房屋（…）… too)
    start = max((m.end() for m in _PART_BREAK_RE.finditer(text, 0, item.start)), default=0)
    found = _TEXT_CLASS_RE.findall(text, start, item.start)
    if not found and start > 0 and _VALUE_WORD_RE.match(text, start):  # 设备6台，价值356.00万元: the part before's
        before = max((m.end() for m in _PART_BREAK_RE.finditer(text, 0, start - 1)), default=0)
        found = _TEXT_CLASS_RE.findall(text, before, start - 1)
    return found[-1] if found else None


#: Words opening a part of a sentence that gives the value of the class named in the part before (…6台，价值356.00万元).
_VALUE_WORD_RE = re.compile(r"\s*(?:价值|金额|原值|账面(?:原)?值|资产价值|总价值)")


def assets(blocks: list[Block], lines: dict[int, str]) -> Assets:
    """Fixed assets: the total and planned purchases the text states, and the table's classes, total and quantities
    — or, with no table of classes, the classes the text names beside the total (其中：房屋…，车辆…)."""
    result = Assets()
    text_classes: list[Figure] = []
    unit = "万元"
    value_at, quantity_at = -1, -2  # 项目 | 数量 | 价值 unless a header row says otherwise
    last_value = False  # the header's 价值 column is its last
    for block in blocks:
        if isinstance(block, Para):
            span = para_span(block)
            if found := MONEY_UNIT_RE.search(block.text):
                unit = found["unit"]  # …占用情况如下（单位：元）。 / 单位：元, over the table
            for item in this_years(stated_amounts(block.text)):
                if block.text.startswith(_THRESHOLD_WORDS, item.end) or item.depth > 0:
                    continue  # 单价20万元以上 is a threshold; （含新购置车辆12万元） a remark
                sentence = block.text[part_start(block.text, item.start) : item.start]
                purchase = max(sentence.rfind(w) for w in _PURCHASE_WORDS)
                # a label naming nothing (…比上年增加150万元，达到1350万元) is of its sentence's subject
                named = sentence if _BARE_LABEL_RE.fullmatch(item.label) else item.label
                if purchase >= 0 and purchase > max(sentence.rfind(w) for w in _HELD_WORDS):
                    result.planned_purchase = result.planned_purchase or Figure("拟购置固定资产", item.quantity, span)
                elif "资产" in named and result.total is None:
                    result.total = Figure("上年末固定资产", item.quantity, span)
                elif result.total is not None and result.total.span == span and (name := _text_class(block.text, item)):
                    text_classes.append(Figure(name, item.quantity, span))
            if result.planned_purchase is None and _NO_PURCHASE_RE.search(block.text):
                result.planned_purchase = Figure("拟购置固定资产（文中称无）", parse_money("0万元"), span)
            continue
        for cell in block.cells:
            found = MONEY_UNIT_RE.search(cell.key)
            if found:
                unit = found["unit"]
            if cell.key.startswith("截止时间") or cell.key.startswith("截至"):
                result.as_of = Text(cell.text, make_span(lines, cell.line, cell.end_line))
        keys = block.keys
        if "数量" in keys and any("价值" in k or "金额" in k for k in keys[1:]):
            value_at = next(i for i, k in enumerate(keys) if i and ("价值" in k or "金额" in k))
            quantity_at = keys.index("数量")
            last_value = value_at == len(keys) - 1
            if found := LABEL_UNIT_RE.search(keys[value_at]):
                unit = found[1]  # 价值（元）
            continue  # the header row: 项目 | 数量 | 价值, in whichever order
        at = value_at
        if last_value and 2 <= len(keys) <= value_at:
            at = len(keys) - 1  # a blank 数量 lost where columns are aligned with spaces: the value is the last cell
        if len(keys) < 2 or len(keys) <= at or not keys[at]:
            continue
        value = parse_money(block.cells[at].text, unit)
        if value.number is None:
            continue
        fig = Figure(block.cells[0].text, value, block.span(lines))
        if re.match(r"^(资产)?(总额|合计|总计)", keys[0]) or keys[0] == "资产总额":
            result.table_total = fig
        elif keys[0].startswith("其中") or re.match(r"^[（(]\d+[）)]", keys[0]):
            result.sub_items.append(fig)  # 其中：办公用房 / （1）办公用房
        elif _ASSET_CLASS_RE.match(keys[0]):
            result.classes.append(fig)
        else:
            continue
        if len(block.cells) >= 3 and quantity_at < len(block.cells):
            cell = block.cells[quantity_at]
            result.quantities.append((fig, Text(cell.text, make_span(lines, cell.line, cell.end_line))))
    if not result.classes and len(text_classes) > 1:
        result.classes = text_classes
    if result.total is None and result.table_total is not None:
        result.total = result.table_total  # 资产总额 | — | 6842.35 in the table, none in the text
    return result
