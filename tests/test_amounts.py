"""The one amount parser: shapes found in disclosures, Decimal money, and the whole sample."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from budget_audit.amounts import (
    MONEY_SCALE,
    Quantity,
    money_in_text,
    parse_decimal,
    parse_money,
    parse_quantity,
    to_halfwidth,
)
from budget_audit.model import Disclosure, Figure, Indicator, PlanPoint, Span
from model_walk import instances

# ---------------------------------------------------------------- unit tests


@pytest.mark.parametrize(
    ("text", "op", "number", "unit", "note", "yuan"),
    [
        ("4739.51万元", None, "4739.51", "万元", "", "47395100"),
        ("12.39万元/亩", None, "12.39", "万元/亩", "", "123900"),
        ("≥1962840立方米", "≥", "1962840", "立方米", "", None),
        ("5.214万元/人/年", None, "5.214", "万元/人/年", "", "52140"),
        ("100%", None, "100", "%", "", None),
        ("≥0.1万元（比例）", "≥", "0.1", "万元", "（比例）", "1000"),
        ("１２.５万", None, "12.5", "万", "", "125000"),
        ("4,739.51万元", None, "4739.51", "万元", "", "47395100"),
        ("1亿元", None, "1", "亿元", "", "100000000"),
        ("57280.7千元", None, "57280.7", "千元", "", "57280700"),
        ("2171.72元/人/年", None, "2171.72", "元/人/年", "", "2171.72"),
        ("≥24次", "≥", "24", "次", "", None),
        (">=5次", "≥", "5", "次", "", None),
        ("＜＝3天", "≤", "3", "天", "", None),
        ("＞90％", ">", "90", "%", "", None),
        ("=2023.00年", "=", "2023.00", "年", "", None),
        ("  ≥ 95 %  ", "≥", "95", "%", "", None),
        ("0万元", None, "0", "万元", "", "0"),
    ],
)
def test_parse_quantity_shapes(
    text: str, op: str | None, number: str, unit: str, note: str, yuan: str | None
) -> None:
    q = parse_quantity(text)
    assert q.raw == text.strip()
    assert q.op == op
    assert isinstance(q.number, Decimal)
    assert q.number == Decimal(number)
    assert q.unit == unit
    assert q.note == note
    if yuan is None:
        assert q.yuan is None
        assert not q.is_money
    else:
        assert isinstance(q.yuan, Decimal)
        assert q.yuan == Decimal(yuan)
        assert q.is_money


def test_rate_units_split_numerator_and_denominator() -> None:
    q = parse_quantity("5.214万元/人/年")
    assert q.money_unit == "万元"
    assert q.per == "人/年"
    assert parse_quantity("12.39万元/亩").per == "亩"
    assert parse_quantity("≥1962840立方米").money_unit is None
    assert parse_quantity("100%").is_percent
    assert not parse_quantity("100人").is_percent


@pytest.mark.parametrize("text", ["及时", "有效", "提升", "持续改善", "", "  "])
def test_qualitative_values_have_no_number(text: str) -> None:
    q = parse_quantity(text)
    assert q.number is None
    assert q.yuan is None
    assert q.op is None
    assert not q.is_numeric
    assert q.unit == text.strip()


def test_placeholder_value_keeps_operator_number_and_question_mark() -> None:
    q = parse_quantity("≤2月/2个月？")
    assert q.op == "≤"
    assert q.number == Decimal(2)
    assert q.unit.startswith("月")
    assert "？" in q.raw
    assert q.yuan is None


def test_parse_money_bare_number_takes_table_unit() -> None:
    q = parse_money("260700.00")
    assert q.unit == "元"
    assert isinstance(q.yuan, Decimal)
    assert q.yuan == Decimal("260700.00")
    wan = parse_money("969.53", "万元")
    assert wan.unit == "万元"
    assert wan.yuan == Decimal("9695300")
    # an explicit unit wins over the default
    assert parse_money("1.5万元", "元").yuan == Decimal("15000")
    # a bare number is not money for parse_quantity
    assert parse_quantity("260700.00").yuan is None
    assert parse_quantity("260700.00").unit == ""


def test_parse_money_qualitative_stays_qualitative() -> None:
    q = parse_money("——")
    assert q.number is None
    assert q.yuan is None


def test_money_is_never_float() -> None:
    for text in ("4739.51万元", "0.1万元", "1亿元", "260700.00", "5.214万元/人/年"):
        q = parse_money(text)
        assert type(q.number) is Decimal, text
        assert type(q.yuan) is Decimal, text
    # exactness that a float would lose
    assert parse_quantity("0.1万元").yuan + parse_quantity("0.2万元").yuan == Decimal("3000")
    assert parse_quantity("4739.51万元").yuan == Decimal("47395100")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4,739.51", Decimal("4739.51")),
        ("１２.５", Decimal("12.5")),
        (" 260700.00 ", Decimal("260700.00")),
        ("-3", Decimal("-3")),
        ("0", Decimal("0")),
    ],
)
def test_parse_decimal_numbers(text: str, expected: Decimal) -> None:
    value = parse_decimal(text)
    assert type(value) is Decimal
    assert value == expected


@pytest.mark.parametrize("text", ["", "  ", "及时", "12万", "NaN", "Infinity", "1.2.3"])
def test_parse_decimal_rejects_non_numbers(text: str) -> None:
    assert parse_decimal(text) is None


def test_to_halfwidth_maps_digits_letters_and_symbols() -> None:
    assert to_halfwidth("０１２３４５６７８９") == "0123456789"
    assert to_halfwidth("ＡＢｃ％．＋－＝＞＜") == "ABc%.+-=><"
    assert to_halfwidth("\u3000") == " "
    # Chinese punctuation is the document's own form and is kept
    assert to_halfwidth("（），：；！？【】") == "（），：；！？【】"
    assert to_halfwidth("预算１２.５万元") == "预算12.5万元"


def test_money_in_text_finds_amounts_in_titles() -> None:
    found = money_in_text("冀财教【2021】174号（费用补贴２５０万元），另有1,000元")
    assert [(q.raw, q.yuan) for q, _, _ in found] == [
        ("250万元", Decimal("2500000")),
        ("1,000元", Decimal("1000")),
    ]


@pytest.mark.parametrize(("text", "approx"), [
    ("支出预算约6600万元，其中", [True]),
    ("共计约120.5万元", [True]),
    ("支出大约为 6600万元", [True]),
    ("约合6600万元", [True]),
    ("近6700万元", [True]),
    ("将近6700万元", [True]),
    ("接近6700万元", [True]),
    ("支出6600万元左右，其中", [True]),
    ("支出6600万上下。", [True]),        # 万 alone before 左右/上下 is money
    ("节约6600万元", [False]),
    ("签约6600万元", [False]),
    ("最近6600万元", [False]),
    ("约30人参加培训，经费6600万元", [False]),     # 约 is the count's
    ("约30人培训经费6600万元", [False]),          # another number in between
    ("经费约30万元，其他6600万元", [True, False]),  # not across a comma
    ("资金10万上下游企业，经费6600万上下。", [True]),  # 上下游 is no approximation, 10万 no money
])
def test_money_in_text_marks_approximate_amounts(text: str, approx: list[bool]) -> None:
    """约/大约/约为/约合/近/将近/接近 right before the number, 左右/上下 right after the unit."""
    assert [bool(q.approx) for q, _, _ in money_in_text(text)] == approx


# ---------------------------------------------------------- the whole sample

#: Values in the sample that are genuinely qualitative (no number was written).
QUALITATIVE = {
    "及时", "有效", "提升", "保障", "健全", "带动", "推动", "达到",
    "持续改善", "有效保障", "有效发挥",
}
_OP_OR_DIGIT_RE = re.compile(r"^\s*(?:[≥≤><=]|[><]=|\d)")


def _model_values(doc: Disclosure) -> Iterator[tuple[str, Quantity]]:
    """Every parsed value: indicators, project money, spending plans, all Figures."""
    for project in doc.projects:
        for indicator in project.indicators:
            yield f"项目{project.seq}指标", indicator.value
        for point in project.spending_plan:
            yield f"项目{project.seq}支出计划", point.value
        for money in (project.budget, project.fiscal, project.other):
            if money is not None:
                yield f"项目{project.seq}{money.label}", money.value
    for indicator in doc.unit_goals.indicators:
        yield "整体指标", indicator.value
    for fig in instances(doc, Figure):
        yield fig.label, fig.value


def test_sample_model_values_all_parsed(sample_doc: Disclosure) -> None:
    values = list(_model_values(sample_doc))
    assert len(values) >= 450  # 196 + 16 indicators, 100 plan points, 50 money, ~90 figures
    qualitative = set()
    for where, q in values:
        if q.number is None:
            qualitative.add(q.raw)
            continue
        assert type(q.number) is Decimal, (where, q.raw)
        if q.money_unit is not None:
            assert type(q.yuan) is Decimal, (where, q.raw)
            assert q.yuan == q.number * MONEY_SCALE[q.money_unit], (where, q.raw)
        else:
            assert q.yuan is None, (where, q.raw)
    for where, q in values:
        if _OP_OR_DIGIT_RE.match(q.raw):
            assert q.number is not None, (where, q.raw)
    assert qualitative <= QUALITATIVE
    assert "及时" in qualitative


def test_sample_project_money_is_yuan(sample_doc: Disclosure) -> None:
    money = [
        m for p in sample_doc.projects for m in (p.budget, p.fiscal, p.other) if m is not None
    ]
    assert len(money) == 50  # 25 budgets and 25 fiscal amounts; 其他资金 cells are empty
    for fig in money:
        assert fig.value.unit == "元"
        assert type(fig.yuan) is Decimal
        assert fig.yuan == Decimal(fig.value.raw.replace(",", ""))


_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_UNITS = "亿元|万元|元|%|立方米|平方米|吨|亩|人|家|次|个|台|间|天|季度|年|月|种|名"
_TOKEN_RE = re.compile(
    rf"(?P<op>[≥≤]|[><]=?|=)?(?P<num>{_NUM})(?P<unit>(?:{_UNITS})(?:/[\u4e00-\u9fff]+)*)"
)
_SCALE = {"元": 1, "万元": 10_000, "亿元": 100_000_000}


def test_sample_regex_tokens_all_parse(sample_text: str) -> None:
    """An independent scan: each number+unit token in the raw text parses to the
    number, operator and unit the regex saw, and monetary ones to yuan."""
    tokens = 0
    money = 0
    for line in sample_text.splitlines():
        for match in _TOKEN_RE.finditer(line):
            start = match.start()
            if start > 0 and line[start - 1].isdigit():
                continue
            tokens += 1
            q = parse_quantity(match.group(0))
            assert q.number == Decimal(match["num"].replace(",", "")), match.group(0)
            expected_op = {">=": "≥", "<=": "≤"}.get(match["op"], match["op"])
            assert q.op == expected_op, match.group(0)
            assert q.unit == match["unit"], match.group(0)
            head = match["unit"].split("/", 1)[0]
            if head in _SCALE:
                money += 1
                assert type(q.yuan) is Decimal, match.group(0)
                assert q.yuan == q.number * _SCALE[head], match.group(0)
            else:
                assert q.yuan is None, match.group(0)
    assert tokens > 400
    assert money > 60


_CELL_VALUE_RE = re.compile(
    rf"(?:[≥≤]|[><]=?|=)?{_NUM}"
    rf"(?:(?:{_UNITS})(?:/\d*[\u4e00-\u9fff]+)*[？?]?(?:[（(][^）)]*[）)])?)?"
)


def test_sample_every_value_cell_is_in_the_model(sample_text: str, sample_doc: Disclosure) -> None:
    """Every table cell that holds a number (with or without unit) is a parsed value
    whose span covers that line; no value row is left behind by the parser."""
    covered: dict[int, list[str]] = {}
    for obj in _spanned(sample_doc):
        for n in obj.span.lines:
            covered.setdefault(n, []).append(obj.value.raw)
    cells = 0
    for number, line in enumerate(sample_text.splitlines(), start=1):
        text = line.strip()
        if not line.startswith("\t") or not _CELL_VALUE_RE.fullmatch(text):
            continue
        cells += 1
        assert any(text in raw for raw in covered.get(number, [])), (number, text)
    assert cells == 322


def _spanned(doc: Disclosure) -> Iterator[Figure | Indicator | PlanPoint]:
    yield from instances(doc, Figure)
    yield from doc.unit_goals.indicators
    for project in doc.projects:
        yield from project.indicators
        yield from project.spending_plan


#: Narrative money that is deliberately not a Figure: (line, token) → why.
_NARRATIVE_NOT_FIGURES = {
    (221, "6663.49万元"): "restated expenditure total in the change sentence",
    (229, "10万元"): "part of the 三公 change reason (车辆价值为10万元以上)",
}


def test_sample_narrative_money_is_in_the_model(sample_text: str, sample_doc: Disclosure) -> None:
    """Each 元/万元 amount written in a non-table line is a Figure on that line, a
    money mention in a project heading, or one of the listed exceptions."""
    covered: dict[int, set[str]] = {}
    for fig in instances(sample_doc, Figure):
        for n in fig.span.lines:
            covered.setdefault(n, set()).add(fig.value.raw)
    headings = {p.heading.span.line: p.heading.text for p in sample_doc.projects}
    seen = 0
    for number, line in enumerate(sample_text.splitlines(), start=1):
        if line.startswith("\t"):
            continue
        for q, _, _ in money_in_text(line):
            seen += 1
            if q.raw in covered.get(number, set()) or (number, q.raw) in _NARRATIVE_NOT_FIGURES:
                continue
            assert number in headings and q.raw in headings[number], (number, q.raw)
    assert seen == 38



@pytest.mark.parametrize(("text", "number", "unit"), [
    ("4 739.51万元", "4739.51", "万元"),
    ("4\u00a0739.51万元", "4739.51", "万元"),   # no-break space from a web page
    ("1\u202f000\u202f000元", "1000000", "元"),
    ("260 700.00", "260700.00", ""),
    ("≥2 000人次", "2000", "人次"),
    ("12 34万元", "12", "34万元"),             # not three digits: no group
    ("2023 100万元", "2023", "100万元"),        # a year is not the first group
])
def test_digits_grouped_with_spaces(text: str, number: str, unit: str) -> None:
    q = parse_quantity(text)
    assert (str(q.number), q.unit) == (number, unit)


def test_a_group_never_starts_inside_a_longer_number() -> None:
    from budget_audit.amounts import money_in_text

    assert [q.raw for q, _, _ in money_in_text("截至2023 100.5万元，安排4 739.51万元")] == [
        "100.5万元", "4 739.51万元"]


@pytest.mark.parametrize(("text", "raw", "yuan"), [
    ("支出预算6600余万元。", "6600余万元", Decimal("66000000")),
    ("经费10多万元，", "10多万元", Decimal("100000")),
    ("减少 20 余万元", "20 余万元", Decimal("200000")),
    ("预算安排13万余元。", "13万余元", Decimal("130000")),   # 余 inside the unit
    ("共计13.5万多元", "13.5万多元", Decimal("135000.0")),
])
def test_more_than_amounts_are_read_as_approximate(text: str, raw: str, yuan: Decimal) -> None:
    """余/多 between the number and 万元: the number, marked approximate, written as it stands."""
    [(quantity, _, _)] = money_in_text(text)
    assert (quantity.raw, quantity.yuan, quantity.approx) == (raw, yuan, "余")


@pytest.mark.parametrize("text", ["多元化经营10万元", "结余10万元", "10余人", "服务10多万人次"])
def test_yu_and_duo_elsewhere_do_not_make_an_amount_approximate(text: str) -> None:
    assert all(not q.approx for q, _, _ in money_in_text(text))


@pytest.mark.parametrize(("text", "raw"), [
    ("支出大约为 6600万元，其中", "大约为 6600万元"),
    ("支出6600万元左右。", "6600万元左右"),
    ("减少近13万元", "近13万元"),
])
def test_an_approximate_amount_is_quoted_with_its_words(text: str, raw: str) -> None:
    """A message quoting the figure says 约/近/左右 as the document does."""
    [(quantity, _, _)] = money_in_text(text)
    assert quantity.raw == raw


@pytest.mark.parametrize(("text", "raw", "number"), [
    ("其中基本支出2300-2320万元，项目支出4343.85万元", "2300-2320万元", "2320"),
    ("机关运行经费共计安排170～180万元", "170~180万元", "180"),  # (read half-width)
    ("机关运行经费共计安排170万元至180万元", "170万元至180万元", "180"),
])
def test_a_figure_written_as_a_range_is_no_exact_figure(text: str, raw: str, number: str) -> None:
    """2300-2320万元 was read as exactly 2320 (its label 基本支出2300-), and errors quoted it as written (a reviewer's
    find): a range is read at its high end, marked approximate, the low end its lower bound."""
    from budget_audit.checks.tolerance import approx_bounds

    quantity = next(q for q, _, _ in money_in_text(text) if q.approx)
    assert (quantity.raw, str(quantity.number), quantity.approx) == (raw, number, "区间")
    low, high = approx_bounds(Figure("x", quantity, Span(1, 1, text)))
    assert high == 0 and low == Decimal(number) * 10000 - Decimal(re.match(r"\d+", raw)[0]) * 10000


@pytest.mark.parametrize("text", ["公务接待费减少0.08万元至0.94万元", "由1.02万元到0.94万元", "2023年至2024年共安排30万元"])
def test_a_change_to_a_figure_is_no_range(text: str) -> None:
    assert not [q for q, _, _ in money_in_text(text) if q.approx == "区间"]


def test_a_limit_is_no_exact_figure() -> None:
    """不超过200万元 was read as exactly 200, and RC017 said 机关运行经费 200.00万元 exceeds 公用经费."""
    from budget_audit.checks.tolerance import approx_bounds

    [(quantity, _, _)] = money_in_text("机关运行经费控制在不超过200万元")
    assert (quantity.raw, quantity.approx) == ("不超过200万元", "至多")
    assert approx_bounds(Figure("x", quantity, Span(1, 1, ""))) == (Decimal(2000000), Decimal(0))
