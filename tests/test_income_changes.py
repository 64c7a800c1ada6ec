"""Changes of the income sources stated on their own (收入方面：一般公共预算收入比上年减少…，主要原因是…) are read
and checked like the expenditure's: the variance table lists them, a material one without a reason is VA002,
a wrong rate RC018, one that the prior document contradicts VA003. They were not read at all: the report said
"文件所述同比变动均未达到重要性水平" beside a +60% 政府性基金 change, and three planted defects went unseen."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.narrative import changes as changes_section
from budget_audit.variance import compare_documents, yoy_rows
from test_format_variants import rewrite

LINE = 221
TOTAL = "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中：基本支出增加73.07万元，主要为人员经费支出增加；" \
        "项目支出减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。"


def _doc(sample_text: str, tmp_path: Path, income: str) -> Disclosure:
    return rewrite(sample_text, tmp_path, {LINE: f"{TOTAL}\n\n收入方面：{income}"})


def test_income_changes_are_named_by_their_source_and_tabled(sample_text: str, tmp_path: Path) -> None:
    doc = _doc(sample_text, tmp_path, "一般公共预算收入比上年减少1500万元，主要原因是上级提前下达的项目资金减少；"
                                      "基金预算收入由上年的788.56万元增加到988.56万元，主要原因是土地出让收入计提增加。")
    assert [(c.subject, c.direction * c.amount.yuan, c.amount.span.line) for c in doc.income.changes] == [
        ("收入来源（一般公共预算收入）", Decimal("-15000000.00"), 223),
        ("收入来源（基金预算收入）", Decimal("2000000.00"), 223),
    ]
    rows = {r["项目"]: r for r in yoy_rows(doc)}
    assert rows["收入来源（基金预算收入）"]["上年"] == Decimal("788.56") and rows["收入来源（基金预算收入）"]["重大变动"]
    assert rows["收入来源（一般公共预算收入）"]["上年"] == Decimal("6239.51")
    said = " ".join(s.text for s in changes_section(yoy_rows(doc)).sentences)
    assert "收入来源（基金预算收入）较上年增加200.00万元" in said and "“土地出让收入计提增加”" in said
    assert not [f for f in run_checks(doc) if f.code in {"VA002", "CP005"} and 223 in f.lines]


def test_a_material_income_change_without_a_reason_is_va002(sample_text: str, tmp_path: Path) -> None:
    doc = _doc(sample_text, tmp_path, "基金预算收入由上年的788.56万元增加到988.56万元。")
    found = [f for f in run_checks(doc) if f.code == "VA002" and 223 in f.lines]
    assert [f.message.split("，属")[0] for f in found] == ["收入来源（基金预算收入）较上年增加200.00万元（由788.56万元增加到988.56万元，25.4%）"]


def test_a_wrong_rate_of_an_income_change_is_rc018(sample_text: str, tmp_path: Path) -> None:
    doc = _doc(sample_text, tmp_path, "基金预算收入比上年增加200万元，增长35.4%，主要原因是土地出让收入计提增加。")
    assert [f.lines for f in run_checks(doc) if f.code == "RC018"] == [(214, 223)]


def test_the_sample_states_no_income_change(sample_doc: Disclosure) -> None:
    assert sample_doc.income.changes == []


def test_an_income_change_the_prior_document_contradicts_is_va003(sample_text: str, tmp_path: Path) -> None:
    doc = _doc(sample_text, tmp_path, "一般公共预算收入比上年减少1500万元，主要原因是上级提前下达的项目资金减少。")
    (tmp_path / "prior").mkdir()
    prior = rewrite(sample_text, tmp_path / "prior",
                    {214: lambda line: line.replace("一般公共预算收入4739.51万元", "一般公共预算收入6139.51万元")})
    found = [f for f in run_checks(doc, prior=prior) if f.code == "VA003" and 223 in f.lines]
    assert [(f.expected, f.actual) for f in found] == [("-15000000.00", "-14000000.00")]  # stated, actual
    row = compare_documents(doc, prior).set_index("项目").loc["一般公共预算收入"]
    assert (row["所述变动"], row["变动额"], row["差异"]) == (Decimal("-1500.00"), Decimal("-1400.00"), Decimal("-100.00"))


def test_an_income_total_is_explained_by_its_sources_and_adds_them_up(sample_text: str, tmp_path: Path) -> None:
    """收入预算比上年减少1300万元。其中：… — the sources' reasons explain it (it was a false CP005 "“收入合计”…未说明原因"),
    and RC011 holds it against their sum."""
    sources = ("其中：一般公共预算收入减少1500万元，主要原因是上级提前下达的项目资金减少；"
               "基金预算收入增加200万元，主要原因是土地出让收入计提增加。")
    doc = _doc(sample_text, tmp_path, f"收入预算比上年减少1300万元。{sources}")
    assert not [f.code for f in run_checks(doc) if 223 in f.lines and f.code in {"CP005", "VA002", "RC011"}]
    (tmp_path / "wrong").mkdir()
    wrong = _doc(sample_text, tmp_path / "wrong", f"收入预算比上年减少1400万元。{sources}")
    assert [f.lines for f in run_checks(wrong) if f.code == "RC011" and 223 in f.lines] == [(223,)]


def test_a_carry_over_labelled_with_more_words_is_its_changes_figure(sample_text: str, tmp_path: Path) -> None:
    """另安排上年结转891.02万元 … 上年结转增加300.00万元: the change found no figure of its subject (收入来源（另安排上年结转）),
    so a material change was missing from the variance table and VA001/VA002 (a reviewer's find)."""
    lines = sample_text.split("\n")
    lines[213] = lines[213].replace("，上年结转891.02万元。", "。另安排上年结转891.02万元。")
    assert "另安排上年结转" in lines[213]
    doc = _doc("\n".join(lines), tmp_path, "上年结转比上年增加300.00万元。")
    assert doc.income.carry_over is not None and doc.income.carry_over.label == "另安排上年结转"
    assert [f.code for f in run_checks(doc) if "上年结转" in f.message and f.code.startswith("VA")] == ["VA002"]


def test_a_sources_label_without_the_unit_and_year_before_it(sample_text: str, tmp_path: Path) -> None:
    """收入合计…，其中大厂回族自治县发展和改革局2023年一般公共预算收入4739.51万元: the report named the source by the
    whole fragment (a reviewer's find); its name is what follows the unit and the year."""
    lines = sample_text.split("\n")
    lines[213] = lines[213].replace("其中：一般公共预算收入", "其中大厂回族自治县发展和改革局2023年一般公共预算收入")
    assert "发展和改革局2023年一般公共预算收入" in lines[213]
    path = tmp_path / "doc.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    from budget_audit.parse import parse_file

    assert parse_file(path).income.parts[0].label == "一般公共预算收入"


def test_a_funds_spending_compared_after_the_whole_leaves_the_wholes_changes(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """A reviewer's: 2023年一般公共预算拨款支出4739.51万元，比上年增加86.40万元，主要原因是人员经费增加2万元、公用经费增加
    84.4万元 after the overview's own comparison took its place — the expenditure's changes became +86.40 (收支合计),
    +2 and +84.4, the true 收支合计 −2017.79 and 项目支出 −2090.87 gone with their VA001, a false VA001 of 公用经费."""
    fund = ("2023年一般公共预算拨款支出4739.51万元，比上年增加86.40万元，主要原因是人员经费增加2万元、公用经费增加84.4万元。")
    doc = rewrite(sample_text, tmp_path, {221: lambda t: f"{t}\n{fund}"})
    changes = {c.subject: c.delta_yuan for c in doc.expenditure.changes}
    assert changes["收支合计"] == Decimal("-20177900") and changes["项目支出"] == Decimal("-20908700")
    assert [(c.subject, c.delta_yuan) for c in doc.fund_changes] == [("一般公共预算拨款支出", Decimal("864000"))]


def test_a_funds_change_explained_by_its_parts_has_their_reasons(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """…比上年增加86.40万元，其中：基本支出增加73.07万元，主要原因是人员调资；项目支出增加13.33万元，主要原因是新增项目 gave a
    false CP005 “未说明原因” (a reviewer's), where a 合计 explained so by its parts gives none."""
    fund = ("2023年一般公共预算拨款支出4739.51万元，比上年增加86.40万元，其中：基本支出增加73.07万元，主要原因是人员调资；"
            "项目支出增加13.33万元{}。")
    explained = rewrite(sample_text, tmp_path, {221: lambda t: f"{t}\n{fund.format('，主要原因是新增项目')}"})
    [change] = explained.fund_changes
    assert change.reason is not None and change.reason.text.endswith("项目支出增加13.33万元，主要原因是新增项目")
    assert not [f for f in run_checks(explained) if f.code == "CP005" and "一般公共预算拨款支出" in f.message]
    half = rewrite(sample_text, tmp_path, {221: lambda t: f"{t}\n{fund.format('')}"})  # one part without its reason
    assert half.fund_changes[0].reason is None
    # parts that do not make its change: another item's, with a reason of its own (a reviewer's next round)
    other = ("2023年一般公共预算拨款支出4739.51万元，比上年增加86.40万元；基金预算拨款安排的项目支出减少100万元，"
             "主要原因是专项债项目完工。")
    assert rewrite(sample_text, tmp_path, {221: lambda t: f"{t}\n{other}"}).fund_changes[0].reason is None


def test_a_funds_comparison_in_the_wholes_paragraph_is_the_funds_own(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """…项目支出减少2090.87万元，…。一般公共预算拨款支出4739.51万元，比上年减少500万元，其中：基本支出增加100万元，项目支出
    减少400万元。 in the overview's own paragraph: the fund's change was read as a second 收支合计's and its parts as the
    whole's, a false RC011 error (−2,017.79万元 against −2,317.80万元); it is the fund's change, as in a paragraph of
    its own, and the whole's changes are the whole's."""
    fund = "一般公共预算拨款支出4739.51万元，比上年减少500万元，其中：基本支出增加100万元，项目支出减少400万元。"
    doc = rewrite(sample_text, tmp_path, {221: lambda t: f"{t}{fund}"})
    assert [(c.subject, c.delta_yuan) for c in doc.expenditure.changes] == [
        ("收支合计", Decimal("-20177900")), ("基本支出", Decimal("730700")), ("项目支出", Decimal("-20908700"))]
    assert [(c.subject, c.delta_yuan, c.amount.span.line) for c in doc.fund_changes] == [
        ("一般公共预算拨款支出", Decimal("-5000000"), 221)]
    assert not [f for f in run_checks(doc) if f.code == "RC011" and 221 in f.lines]
    # a paragraph that opens with the fund's comparison is read as before: its first change is no later one
    led = rewrite(sample_text, tmp_path, {221: fund})
    assert not led.fund_changes and led.expenditure.changes


def test_a_change_in_brackets_after_the_income_total_is_the_incomes(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """本年收入合计5728.07万元（比上年减少2062.19万元）: the change was named 收支合计, a second expenditure total's change
    beside the overview's −2,017.79万元 (a false VA002 with another amount, a reviewer's)."""
    doc = rewrite(sample_text, tmp_path, {214: "2023年本年收入合计5728.07万元（比上年减少2062.19万元），其中：一般公共预算收入"
                                               "4739.51万元，基金预算收入988.56万元，上年结转891.02万元。"})
    assert [(c.subject, c.delta_yuan) for c in doc.income.changes] == [("收入合计", Decimal("-20621900.00"))]
    assert not [f for f in run_checks(doc) if f.code == "VA002" and "2062.19" in f.message]
    # a change in brackets after a figure of the expenditure's stays that figure's
    spent = rewrite(sample_text, tmp_path, {221: lambda t: t.replace("基本支出增加73.07万元", "基本支出2319.63万元（比上年增加73.07万元）")})
    assert ("基本支出", Decimal("730700.00")) in [(c.subject, c.delta_yuan) for c in spent.expenditure.changes]


def test_a_funds_change_takes_the_reason_of_a_paragraph_naming_it(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """政府性基金预算拨款支出988.56万元，比上年增加500万元。 then 政府性基金预算拨款支出增加的主要原因是…: a false CP005
    “未说明原因” (a reviewer's), where the overview's own items take such a paragraph's reason."""
    fund = "2023年政府性基金预算拨款支出988.56万元，比上年增加500万元。"
    given = rewrite(sample_text, tmp_path, {221: lambda t: f"{t}\n{fund}\n政府性基金预算拨款支出增加的主要原因是土地补偿资金增加。"})
    [change] = given.fund_changes
    assert change.reason is not None and change.reason.text == "土地补偿资金增加" and change.reason.span.line == 223
    assert not [f for f in run_checks(given) if f.code == "CP005" and "政府性基金" in f.message]
    # a paragraph naming another fund's spending gives it no reason
    other = rewrite(sample_text, tmp_path, {221: lambda t: f"{t}\n{fund}\n一般公共预算拨款支出增加的主要原因是人员经费增加。"})
    assert other.fund_changes[0].reason is None
