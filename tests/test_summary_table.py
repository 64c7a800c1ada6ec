"""The 收支总表 written into the overview (项目 | 2024年预算 | 2025年预算 | 增（减））: its rows are read — each item's
figures of both years and its change — and stand for the income and expenditure when the text leaves them to it
(2025年收入预算情况详见上表: a false CP002 "未写明收入合计" on a reviewer's variant)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from budget_audit.checks import run_checks
from budget_audit.parse import parse_file

TABLE = [
    "项目\t2024年预算\t2025年预算\t增（减）",
    "一般公共预算拨款收入\t2,320.10\t2,386.40\t66.30",
    "政府性基金预算拨款收入\t5,200.00\t5,600.00\t400.00",
    "上年结转\t330.00\t300.00\t-30.00",
    "收入总计\t7,850.10\t8,286.40\t436.30",
    "基本支出\t1,052.10\t1,086.40\t34.30",
    "项目支出\t6,798.00\t7,200.00\t402.00",
    "支出总计\t7,850.10\t8,286.40\t436.30",
]


#: The rules on the income's and expenditure's totals and the table (the minimal document has no project tables).
_TOTALS = {"CP002", "RC001", "RC002", "RC003", "RC004", "RC019"}


def _doc(tmp_path: Path, income: str, spending: str, table: list[str] = TABLE) -> Path:
    text = "\n".join(["2025年单位预算公开说明", "二、2025年单位预算安排情况", "（一）收支总体情况：",
                      "本单位2025年收支预算总体情况见下表（单位：万元）。", *table,
                      "（二）收入预算情况", income, "（三）支出预算情况", spending, ""])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_rows_are_read(tmp_path: Path) -> None:
    doc = parse_file(_doc(tmp_path, "2025年收入预算8,286.40万元。", "2025年支出预算8,286.40万元。"))
    rows = [(r.label, r.prior.yuan, r.current.yuan, r.change.yuan, r.current.span.line) for r in doc.summary_table]
    assert rows[0] == ("一般公共预算拨款收入", Decimal("23201000.00"), Decimal("23864000.00"), Decimal("663000.00"), 6)
    assert rows[2][3] == Decimal("-300000.00") and [r[0] for r in rows][-1] == "支出总计"


def test_the_table_stands_for_figures_the_text_leaves_to_it(tmp_path: Path) -> None:
    path = _doc(tmp_path, "2025年收入预算情况详见上表，其中上年结转为一般公共预算结转资金。", "支出预算情况详见上表。")
    doc = parse_file(path)
    assert (doc.income.total.yuan, doc.income.carry_over.yuan, len(doc.income.parts)) == (
        Decimal("82864000.00"), Decimal("3000000.00"), 2)
    assert (doc.expenditure.basic.yuan, doc.expenditure.project.yuan) == (Decimal("10864000.00"), Decimal("72000000.00"))
    assert [f.code for f in run_checks(doc) if f.code in _TOTALS] == []


def test_the_texts_own_figures_are_kept(tmp_path: Path) -> None:
    """The text states the income: its figures, not the table's (RC019 holds the two together)."""
    doc = parse_file(_doc(tmp_path, "2025年收入预算总计8,286.40万元。其中：一般公共预算拨款收入2,368.40万元；"
                          "政府性基金预算拨款收入5,600.00万元；上年结转300.00万元。", "支出预算情况详见上表。"))
    assert doc.income.parts[0].yuan == Decimal("23684000.00") and doc.income.parts[0].span.line == 14
    assert {f.code for f in run_checks(doc) if f.code in _TOTALS} == {"RC001", "RC019"}


CAUSE = "增减变动的主要原因：政府性基金安排的老旧小区改造资金增加400.00万元；项目支出相应增加。"
OTHER = "其他收入\t100.50\t130.00\t29.50"


def test_a_rows_change_the_text_does_not_state_is_a_change(tmp_path: Path) -> None:
    """政府性基金 +400 and 其他收入 +29.50 stand only in the table: material changes the text leaves unexplained were
    not seen (其他收入 +19.4% on a reviewer's document, no VA002). The paragraph of reasons explains the rows it names."""
    table = [*TABLE[:3], OTHER, TABLE[3], "收入总计\t7,950.60\t8,416.40\t465.80", *TABLE[5:6],
             "项目支出\t6,898.50\t7,330.00\t431.50", "支出总计\t7,950.60\t8,416.40\t465.80"]
    path = _doc(tmp_path, f"2025年收入预算详见上表。\n{CAUSE}", "支出预算情况详见上表。", table)
    doc = parse_file(path)
    changes = {c.subject: (c.direction * c.amount.yuan, c.prior.yuan, c.reason is not None) for c in doc.table_changes}
    assert changes["收入来源（其他收入）"] == (Decimal("295000.00"), Decimal("1005000.00"), False)
    assert changes["收入来源（政府性基金预算拨款收入）"][2] is True  # named by the reasons
    assert changes["项目支出"] == (Decimal("4315000.00"), Decimal("68985000.00"), True)
    found = [(f.code, f.message) for f in run_checks(doc) if f.code in {"VA002", "CP005", "RC012", "RC019"}]
    assert found == [("VA002", "收入来源（其他收入）较上年增加29.50万元（29.4%），属重大变动，但未说明原因")]


def test_a_change_the_text_states_is_not_taken_again_from_the_table(tmp_path: Path) -> None:
    path = _doc(tmp_path, "2025年收入预算详见上表。", "与上年相比，项目支出增加402.00万元，主要原因是新增老旧小区改造。")
    assert "项目支出" not in {c.subject for c in parse_file(path).table_changes}


def test_the_documents_unit_stated_before_its_sections(tmp_path: Path) -> None:
    """本说明金额单位均为元 before the first section, a table in 元 with no unit of its own: it was read in 万元 (eleven
    false RC019 errors on a reviewer's variant)."""
    yuan = [TABLE[0], *("\t".join([r.split("\t")[0], *(f"{float(x.replace(',', '')) * 10000:,.2f}" for x in r.split("\t")[1:])])
                        for r in TABLE[1:])]
    path = _doc(tmp_path, "2025年收入预算82,864,000.00元。其中：一般公共预算拨款收入23,864,000.00元；"
                "政府性基金预算拨款收入56,000,000.00元；上年结转3,000,000.00元。", "支出预算情况详见上表。", yuan)
    text = path.read_text(encoding="utf-8").replace("本单位2025年收支预算总体情况见下表（单位：万元）。", "本单位2025年收支预算总体情况见下表。")
    path.write_text(text.replace("2025年单位预算公开说明\n", "2025年单位预算公开说明\n本说明金额单位均为元。\n"), encoding="utf-8")
    doc = parse_file(path)
    assert doc.summary_table[0].current.yuan == Decimal("23864000.00")
    assert [f.code for f in run_checks(doc) if f.code == "RC019"] == []


def test_last_years_figure_is_the_tables_where_it_writes_one(tmp_path: Path) -> None:
    """The text's 项目支出 7,020.00 is wrong (the table has 7,200.00): last year's figure was worked out from it —
    6,618.00, a number the document never writes — in the variance table and RC018's message; the table writes
    6,798.00 (a reviewer's find)."""
    from budget_audit.checks.variance import movements

    path = _doc(tmp_path, "2025年收入预算详见上表。", "2025年支出预算8,286.40万元，其中：基本支出1,086.40万元；项目支出7,020.00万元，"
                "比上年增加402.00万元，增长8.0%，主要原因是新增老旧小区改造。")
    doc = parse_file(path)
    project = next(m for m in movements(doc) if m.change.subject == "项目支出")
    assert project.prior == Decimal("67980000.00")
    (rc018,) = [f.message for f in run_checks(doc) if f.code == "RC018"]
    assert "上年数 6,798.00万元（收支总表第11行），折合变动幅度 5.91%，而文中写增长 8.0%" in rc018


def test_the_report_quotes_the_line_a_figure_is_compared_with() -> None:
    """Of a finding's many lines the report quotes four: the text line its message names (与说明文字所写…（第32行）) was
    left out behind "另有…处原文" while unrelated table rows were shown (a reviewer's find)."""
    from budget_audit.checks import Finding
    from budget_audit.checks.base import Evidence
    from budget_audit.report import _quote

    evidence = tuple(Evidence(n, n, f"行{n}") for n in (22, 23, 24, 25, 32))
    finding = Finding(code="RC019", name="", category="reconcile", severity="error",
                      message="收支总表“一般公共预算拨款收入”本年 3,875.42万元 与说明文字所写 3,865.42万元（第32行）不符",
                      expected=None, actual=None, unit_code=None, project_code=None, project_name=None,
                      lines=(22, 23, 24, 25, 32), evidence=evidence, fingerprint="x")
    quoted = _quote(finding)
    assert "行32" in quoted and "行25" not in quoted and "另有 1 处原文" in quoted
    assert quoted.index("行22") < quoted.index("行32")  # in document order


def test_this_years_income_as_a_subtotal_of_the_sources_after_it(tmp_path: Path) -> None:
    """收入总计4045.15万元，其中：本年收入3618.85万元，包括…；上年结转426.30万元: 本年收入 was counted beside its own sources
    (a false RC001 error, 7,664.00万元); without a breakdown after it, it is a part as before."""
    def doc(income: str):
        path = tmp_path / "doc.txt"
        path.write_text("\n".join(["2025年单位预算公开说明", "二、收支预算总体情况", income, ""]), encoding="utf-8")
        return parse_file(path)

    with_sources = doc("2025年收入总计4045.15万元，其中：本年收入3618.85万元，包括一般公共预算拨款收入3426.85万元，"
                       "政府性基金预算拨款收入180.00万元，其他收入12.00万元；上年结转426.30万元。")
    assert [p.label for p in with_sources.income.parts] == ["一般公共预算拨款收入", "政府性基金预算拨款收入", "其他收入"]
    assert "RC001" not in {f.code for f in run_checks(with_sources)}
    alone = doc("2025年收入总计4045.15万元，其中：本年收入3618.85万元，上年结转426.30万元。")
    assert [p.label for p in alone.income.parts] == ["本年收入"] and "RC001" not in {f.code for f in run_checks(alone)}


SIDE_BY_SIDE = [
    "收入项目 | 预算数 | 支出项目 | 预算数",
    "一、一般公共预算拨款 | 2415.60 | 一、基本支出 | 1985.30",
    "二、政府性基金预算拨款 | 0.00 | 其中：人员经费 | 1702.45",
    "三、事业收入 | 86.00 | 公用经费 | 282.85",
    "四、其他收入 | 0.00 | 二、项目支出 | 566.30",
    "本年收入合计 | 2501.60 | 本年支出合计 | 2551.60",
    "上年结转 | 50.00 | |",
    "收入总计 | 2551.60 | 支出总计 | 2551.60",
]
SIDE_INCOME = "2025年收入预算2501.60万元，其中：一般公共预算拨款2415.60万元，事业收入86.00万元，上年结转50.00万元。"
SIDE_SPENDING = "2025年支出预算2551.60万元，其中：基本支出1985.30万元，项目支出566.30万元。"


def test_a_table_of_the_income_beside_the_spending(tmp_path: Path) -> None:
    """收入项目 | 预算数 | 支出项目 | 预算数, the standard 收支总表 of this year only, was not read: a planted wrong
    项目支出 row went unseen, and 人员经费 and 公用经费, stated in it only, were never checked against 基本支出."""
    doc = parse_file(_doc(tmp_path, SIDE_INCOME, SIDE_SPENDING, SIDE_BY_SIDE))
    assert [(r.label, r.current.yuan) for r in doc.summary_table if r.current][:3] == [
        ("一般公共预算拨款", Decimal("24156000.00")), ("政府性基金预算拨款", Decimal("0")), ("事业收入", Decimal("860000.00"))]
    assert doc.expenditure.personnel is not None and doc.expenditure.personnel.yuan == Decimal("17024500.00")
    assert not [f for f in run_checks(doc) if f.code in _TOTALS]
    wrong = [row.replace("| 566.30", "| 556.30") for row in SIDE_BY_SIDE]
    found = [f for f in run_checks(parse_file(_doc(tmp_path, SIDE_INCOME, SIDE_SPENDING, wrong))) if f.code == "RC019"]
    assert [f.message.split("；")[0] for f in found] == [
        "收支总表“项目支出”本年 556.30万元 与说明文字所写 566.30万元（第16行）不符，相差 10.00万元"]
    personnel = [row.replace("| 1702.45", "| 1712.45") for row in SIDE_BY_SIDE]
    assert "RC003" in {f.code for f in run_checks(parse_file(_doc(tmp_path, SIDE_INCOME, SIDE_SPENDING, personnel)))}


@pytest.mark.parametrize("written", ["（30.00）", "(30.00)", "△30.00", "−30.00", "－30.00"])
def test_a_decrease_written_the_accountants_way(written: str, tmp_path: Path) -> None:
    """（30.00）, △30.00 and the typeset minus −30.00 are -30.00: they were unread, and the change worked out
    from the two years' figures stood in for them — so a wrong one, （60.00）, went unreported (a reviewer's find)."""
    table = [row.replace("-30.00", written) for row in TABLE]
    doc = parse_file(_doc(tmp_path, "2025年收入预算8,286.40万元。", "2025年支出预算8,286.40万元。", table))
    assert doc.summary_table[2].change.yuan == Decimal("-300000.00")
    assert not [f for f in run_checks(doc) if f.code == "RC019"]
    wrong = [row.replace("-30.00", written.replace("30", "60")) for row in TABLE]
    doc = parse_file(_doc(tmp_path, "2025年收入预算8,286.40万元。", "2025年支出预算8,286.40万元。", wrong))
    assert [f.expected for f in run_checks(doc) if f.code == "RC019"] == ["2700000.00"]  # 330.00 − 60.00, in 元


@pytest.mark.parametrize("cell", ["（上年结转）", "（≥5）", "（-0.28）", "(见附表)"])
def test_brackets_around_no_plain_number_are_no_negative(cell: str) -> None:
    from budget_audit.amounts import parse_money

    assert parse_money(cell, "万元").number is None


def test_a_rows_change_named_by_the_budget_totals_reason(tmp_path: Path) -> None:
    """收支总预算…比上年增加…，主要原因是政府性基金安排的…资金增加: the reason names the 政府性基金 row, whose
    change the table alone states — a false VA002 "未说明原因" on a reviewer's clean 乡镇 document."""
    table = [*TABLE[:3], OTHER, TABLE[3], "收入总计\t7,950.60\t8,416.40\t465.80", *TABLE[5:6],
             "项目支出\t6,898.50\t7,330.00\t431.50", "支出总计\t7,950.60\t8,416.40\t465.80"]

    def unexplained(reason: str) -> list[str]:
        total = f"2025年收支总预算8,416.40万元，比上年增加465.80万元，主要原因是{reason}。"
        doc = parse_file(_doc(tmp_path, f"{total}\n2025年收入预算详见上表。", "支出预算情况详见上表。", table))
        return [f.message.split("较")[0] for f in run_checks(doc) if f.code == "VA002"]

    assert unexplained("其他收入中的租金收入增加和政府性基金安排的老旧小区改造资金增加") == []
    assert unexplained("政府性基金安排的老旧小区改造资金增加") == ["收入来源（其他收入）"]  # names the other row only


def test_a_rows_reason_stated_after_the_table(tmp_path: Path) -> None:
    """基本支出增加183,300.00元，主要原因是…；项目支出增加230,000.00元，主要原因是… after the 收支总表, comparing with no year:
    the rows took the reason the income total's sentence gives (…档案数字化项目扩大 named 项目), not their own (a
    reviewer's 档案馆)."""
    text = "\n".join([
        "某县档案馆2026年单位预算公开情况说明", "", "2.单位收支预算总体情况",
        "2026年单位收入预算6,825,600.00元，全部为一般公共预算拨款收入，比上年增加413,300.00元，增长6.45%，主要原因是人员经费"
        "增加和档案数字化项目扩大；无上年结转。2026年支出预算6,825,600.00元，其中：基本支出5,245,600.00元，项目支出1,580,000.00元。"
        "收支预算总体情况见下表（单位：元）。", "",
        "项目 | 2026年预算数 | 2025年预算数 | 增减额", "一般公共预算拨款收入 | 6,825,600.00 | 6,412,300.00 | 413,300.00",
        "收入合计 | 6,825,600.00 | 6,412,300.00 | 413,300.00", "基本支出 | 5,245,600.00 | 5,062,300.00 | 183,300.00",
        "项目支出 | 1,580,000.00 | 1,350,000.00 | 230,000.00", "支出合计 | 6,825,600.00 | 6,412,300.00 | 413,300.00", "",
        "基本支出增加183,300.00元，主要原因是人员工资标准调整；项目支出增加230,000.00元，主要原因是馆藏档案数字化加工数量增加。", ""])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    why = {c.subject: c.reason.text for c in doc.table_changes if c.reason is not None}
    assert why["项目支出"] == "馆藏档案数字化加工数量增加" and why["基本支出"] == "人员工资标准调整"
    [va001] = [f.message for f in run_checks(doc) if f.code == "VA001" and "项目支出" in f.message]
    reason_line = next(f.span.line for f in doc.paragraphs if "馆藏档案数字化加工数量增加" in f.text)
    assert va001.endswith(f"单位说明的原因是：“馆藏档案数字化加工数量增加”（第{reason_line}行）")  # the words' own line


_TABLES_FIRST = """某县疾病预防控制中心2024年单位预算公开
第二部分 某县疾病预防控制中心2024年单位预算表
                                  收支预算总表
填报单位：某县疾病预防控制中心                                                      单位：元
              收      入                                          支      出
项    目                              预 算 数       项    目                               预 算 数
一、一般公共预算拨款收入         31,206,400.00       一、社会保障和就业支出              2,860,000.00
二、事业收入                      {income}       二、卫生健康支出                   35,666,400.00
本年收入合计                     38,526,400.00       本年支出合计                       38,526,400.00
上年结转结余                              0.00       结转下年                                    0.00
收 入 总 计                      38,526,400.00       支 出 总 计                        38,526,400.00

第三部分 某县疾病预防控制中心2024年单位预算情况说明
一、收支预算总体情况说明
    本单位2024年本年收入预算合计38,526,400.00元，其中：一般公共预算拨款收入31,206,400.00元，事业收入7,320,000.00元。
    本单位2024年本年支出预算合计38,526,400.00元，其中：基本支出26,846,400.00元，项目支出11,680,000.00元。
"""


@pytest.mark.parametrize(("income", "gap"), [("7,320,000.00", None), ("7,420,000.00", "100,000.00元")])
def test_a_summary_table_printed_before_the_explanation(tmp_path: Path, income: str, gap: str | None) -> None:
    """The standard 收支总表 (收 入 | 支 出 over 项 目 | 预 算 数 | 项 目 | 预 算 数) in a part of its own before the explanation:
    never read, so a row the text gives otherwise went unseen (a reviewer's 江苏-layout document); its unit is two rows
    above its header, and its labels are spaced out (收 入 总 计)."""
    path = tmp_path / "doc.txt"
    path.write_text(_TABLES_FIRST.format(income=income), encoding="utf-8")
    doc = parse_file(path)
    rows = {line.label: line.current.yuan for line in doc.summary_table if line.current is not None}
    assert rows["收入总计"] == Decimal("38526400.00") and rows["一般公共预算拨款收入"] == Decimal("31206400.00")
    found = [f.message for f in run_checks(doc) if f.code == "RC019"]
    assert [m.split("；")[0] for m in found] == ([] if gap is None else [
        f"收支总表“事业收入”本年 7,420,000.00元 与说明文字所写 7,320,000.00元（第15行）不符，相差 {gap}"])  # as written: 元


@pytest.mark.parametrize(("edit", "why"), [
    (lambda t: t.replace("收支预算总表", "财政拨款收支预算总表"), "a 财政拨款 table laid out the same"),
    (lambda t: t.replace("上年结转结余                              0.00",
                         "上年结转结余                              0.00\n  其中：一般公共预算拨款                0.00"),
     "a part of the carry-over named as an income source"),
    (lambda t: t.replace("\n\n第三部分", "\n一般公共预算支出预算表                                          单位：元\n"
                         "一般公共服务支出                 100,000.00\n\n第三部分"), "the next table's title on a row"),
    (lambda t: t.replace("                                                      单位：元", ""), "no unit stated: the text's"),
])
def test_the_summary_table_before_the_text_holds_its_own(edit: Any, why: str, tmp_path: Path) -> None:
    """A reviewer's attack on the 收支总表 read before the explanation: a 财政拨款收支预算总表 was taken for it, a row under
    上年结转 held against the income source of its name, the next table's rows added to it, a table stating no unit read
    in 万元 in a document in 元 — each a false RC019 error."""
    path = tmp_path / "doc.txt"
    path.write_text(edit(_TABLES_FIRST.format(income="7,320,000.00")), encoding="utf-8")
    assert [f.message for f in run_checks(parse_file(path)) if f.code == "RC019"] == [], why


@pytest.mark.parametrize(("health", "fires"), [("33,666,400.00", False), ("33,766,400.00", True)])
def test_a_spending_row_with_no_income_beside_it(health: str, fires: bool, tmp_path: Path) -> None:
    """The spending side longer than the income side: a row of the spending side alone (its income cells blank, read
    as one) had its label read from the wrong column, so the spending column's sum went unchecked (a reviewer's
    attack)."""
    text = _TABLES_FIRST.format(income="7,320,000.00").replace("35,666,400.00", health).replace(
        "本年收入合计", "                                                     三、节能环保支出                    2,000,000.00\n本年收入合计", 1)
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    assert "节能环保支出" in {line.label for line in doc.summary_table}
    assert bool([f for f in run_checks(doc) if f.code == "RC019"]) is fires
