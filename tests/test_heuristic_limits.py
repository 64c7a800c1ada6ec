"""Where the layout and wording heuristics of this stop must not reach — each case an adversarial reviewer's, each a
regression it found in them (a false finding, or a real one lost) and fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file
from budget_audit.parse.blocks import Para, Row
from budget_audit.parse.projects import _as_row
from budget_audit.variance import yoy_rows
from test_format_variants import rewrite

SANGONG = 229
CONSISTENT = ("2023年，我局财政拨款“三公”经费预算安排13.44万元。其中，因公出国（境）费0万元；公务用车购置及运维费12.5万元"
              "（其中：公务用车购置费为0万元，公务用车运维费12.5万元)；公务接待费0.94万元。")


def _codes(doc: Disclosure) -> set[str]:
    return {f.code for f in run_checks(doc) if f.severity != "info"}


def test_a_total_written_after_an_items_amountless_change_stays_the_totals(sample_text: str, tmp_path: Path) -> None:
    """…公务用车购置费较上年大幅减少，合计减少20.00万元，其中…: 合计 names the total — its wrong change is RC011's."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: CONSISTENT + "公务用车购置费较上年大幅减少，合计减少20.00万元，"
                                          "其中，公务用车购置及运维费减少17.9万元，公务接待费减少0.08万元。"})
    assert ("“三公”经费合计", "20.00") in {(c.subject, str(c.amount.value.number)) for c in doc.sangong.changes}
    assert "RC011" in _codes(doc)


@pytest.mark.parametrize("change", ["—", "-", ""])
def test_a_dash_in_a_sangong_tables_change_column_is_no_change_of_zero(change: str, sample_text: str,
                                                                      tmp_path: Path) -> None:
    table = "\n".join(["2023年，我局财政拨款“三公”经费预算安排13.44万元，比2022年预算减少17.98万元。具体如下（单位：万元）：",
                       "项目\t2022年预算\t2023年预算\t增减", "因公出国（境）费\t0\t0\t0",
                       "公务用车购置及运行维护费\t30.40\t12.50\t-17.90", "其中：公务用车购置费\t18.00\t0\t-18.00",
                       "公务用车运行维护费\t12.40\t12.50\t0.10", f"公务接待费\t1.02\t0.94\t{change}", "合计\t31.42\t13.44\t-17.98"])
    doc = rewrite(sample_text, tmp_path, {SANGONG: table})
    assert not {"RC011", "RC012"} & _codes(doc)


@pytest.mark.parametrize("line", ["大厂回族自治县发展和改革局", "（2023年度）"])
def test_a_line_under_a_tables_heading_is_no_heading_of_its_own(line: str, sample_text: str, sample_doc: Disclosure,
                                                                tmp_path: Path) -> None:
    lines = sample_text.split("\n")
    path = tmp_path / "under.txt"
    path.write_text("\n".join([*lines[:630], line, *lines[630:]]), encoding="utf-8")
    assert len(parse_file(path).projects) == len(sample_doc.projects)


@pytest.mark.parametrize("edit", [
    {538: lambda t: "2023年项目支出绩效目标表\n\t序号\n\t项目名称\n\t预算数（万元）\n\n\t1\n\t执法经费\n\t34.40\n\n" + t},
    {751: "以上为项目支出绩效目标表"},
])
def test_titles_over_all_the_tables_or_after_one_are_no_project(edit: dict, sample_text: str, sample_doc: Disclosure,
                                                                tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, edit)
    assert not [p for p in doc.projects if p.title.startswith(("2023年项目", "以上"))]
    assert "CP007" not in _codes(doc)


def test_label_lines_under_a_heading_with_no_number(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """执法经费项目支出绩效目标表 over 项目编码：… lines: not taken for a heading, its table merged into table 1 (a false
    RC005 error); and 预算数：1000.00元，其中：财政资金900.00元… — its parts read (RC015 on the 100元 apart)."""
    start, end = 630, 750  # table 2's heading … the line before table 3's
    lines = sample_text.split("\n")
    table = ["执法经费项目支出绩效目标表", "项目编码：13102823P002793105653", "项目名称：执法经费",
             "预算数：1000.00元，其中：财政资金900.00元，其他资金0元", "年度绩效目标：保障执法工作正常开展。", ""]
    path = tmp_path / "labels.txt"
    path.write_text("\n".join([*lines[: start - 1], *table, *lines[end - 1 :]]), encoding="utf-8")
    doc = parse_file(path)
    second = doc.projects[1]
    assert (second.code.text, second.budget.yuan, second.fiscal.yuan) == ("13102823P002793105653", 1000, 900)
    found = [f for f in run_checks(doc) if f.code in ("RC015", "RC005") and f.severity == "error" or f.code == "RC015"]
    assert [f.code for f in found] == ["RC015"]


def test_a_budgets_parts_in_cells_of_a_tab_row_parted_by_a_space(sample_text: str, tmp_path: Path) -> None:
    """预算数（元）：1,000.00⇥其中：财政资金 900.00⇥其他资金 100.00 (a reviewer's): 其他资金 0.00 has no colon, so the row was
    one label no field names — a false CP007 "缺少：预算数" for every project, its budget's checks skipped."""
    start, end = 630, 750  # table 2's heading … the line before table 3's
    lines = sample_text.split("\n")
    table = ["2.执法经费绩效目标表", "项目编码：13102823P002793105653", "项目名称：执法经费",
             "主管部门：大厂回族自治县发展和改革局\t实施单位：大厂回族自治县发展和改革局",
             "预算数（元）：1,000.00\t其中：财政资金 900.00\t其他资金 100.00", "年度绩效目标：保障执法工作正常开展。", ""]
    path = tmp_path / "tabs.txt"
    path.write_text("\n".join([*lines[: start - 1], *table, *lines[end - 1 :]]), encoding="utf-8")
    doc = parse_file(path)
    second = doc.projects[1]
    assert (second.budget.yuan, second.fiscal.yuan, second.other.value.yuan) == (1000, 900, 100)
    assert not [f for f in run_checks(doc) if f.code == "CP007" and "预算数" in f.message]


def test_a_tab_row_of_cells_no_field_opens_stays_paragraphs() -> None:
    """Only a field's label is split from its value at a space, in a row of several cells: 主管部门 …, 其他 0.00 are
    no fields."""
    from budget_audit.parse.blocks import Cell
    from budget_audit.parse.projects import _fields_as_rows

    row = Row([Cell("主管部门 青石县双河镇人民政府", 5, 5), Cell("其他 0.00", 5, 5)])
    assert _fields_as_rows([row]) == [row]
    # an aligned table's line read as one cell: no label and value to part at its first space
    whole = Row([Cell("项目编码          13102823P002793105653   项目名称          执法经费", 5, 5)])
    assert _fields_as_rows([whole]) == [whole]
    split = _fields_as_rows([Row([Cell("项目名称 执法经费", 5, 5), Cell("预算数（元）：1,000.00", 5, 5)])])
    assert [b.texts for b in split if isinstance(b, Row)] == [["项目名称", "执法经费"], ["预算数（元）", "1,000.00"]]


def test_a_note_after_the_last_table_is_no_row_of_it(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {3011: lambda t: t + "\n预算数：以上25个项目预算数合计4343.85万元。\n"})
    assert len(doc.projects[-1].indicators) == len(sample_doc.projects[-1].indicators)
    assert "IN002" not in {f.code for f in run_checks(doc) if doc.projects[-1].heading.span.line < f.first_line}


def test_label_lines_stay_paragraphs_outside_a_field() -> None:
    assert isinstance(_as_row(Para("主要原因：人员经费增加。", 5)), Para)
    assert isinstance(_as_row(Para("项目编码：41152923P03010001", 5)), Row)


def test_fields_parted_by_semicolons_on_one_line_are_cells_of_their_own() -> None:
    """项目编码：…；预算金额：…（其中…）；实施单位：… under a project's heading: the line was one field (its code all of
    it), the table unread and a false RC005 error said the document had no project tables (a reviewer's)."""
    from budget_audit.parse.projects import heads_project

    line = ("项目编码：43112225P000510001A；预算金额：1,856.00万元（其中财政资金1,856.00万元，其他资金0万元）；"
            "实施单位：青石县卫生健康局")
    row = _as_row(Para(line, 5))
    assert isinstance(row, Row) and row.texts == [
        "项目编码", "43112225P000510001A", "预算金额", "1,856.00万元", "财政资金", "1,856.00万元", "其他资金", "0万元",
        "实施单位", "青石县卫生健康局"]
    assert heads_project([Para("（一）基本公共卫生服务项目", 4), Para(line, 5)], 0)
    # a field whose value is a list parted by ；: one field still
    goal = _as_row(Para("绩效目标：1.完成健康档案建档；2.开展健康教育讲座12次", 6))
    assert isinstance(goal, Row) and goal.texts == ["绩效目标", "1.完成健康档案建档；2.开展健康教育讲座12次"]


def test_a_totals_reason_that_says_an_item_did_not_move_is_not_its_reason(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {221: (
        "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，主要原因是项目支出减少，基本支出保持稳定。"
        "其中：基本支出增加273.07万元；项目支出减少2290.87万元，主要为天然气迎风度冬保障资金项目支出减少。")})
    assert any(f.code == "VA002" and f.message.startswith("基本支出") for f in run_checks(doc))


def test_a_basis_paragraph_under_a_goals_title_with_sub_headings_is_no_goal(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {230: "五、部门整体绩效目标\n根据《大厂回族自治县2022年度预算绩效管理工作方案》"
                                                "（大财〔2022〕15号）和2021年度绩效评价结果编制本部分。"})
    assert not [f for f in run_checks(doc) if f.code == "CS005" and 231 in f.lines]


@pytest.mark.parametrize("text", ["项目支出主要用途：1. 50万元用于全民大招商；2. 30万元用于中小企业发展。"])
def test_a_lists_number_before_an_amount_is_no_cut_figure(text: str) -> None:
    from budget_audit.ingest import Line, read_misread

    assert read_misread([Line(1, text)]) == ([Line(1, text)], ())


def test_an_en_dash_signs_a_change(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {SANGONG: CONSISTENT + "与2022年相比减少17.98万元，其中，公务用车购置及运维费减少17.9万元，"
                                          "公务接待费增加–0.08万元。"})
    assert ("公务接待费", -1) in {(c.subject, c.direction) for c in doc.sangong.changes}
    assert "RC011" not in _codes(doc)


def test_the_rows_a_parts_sum_finding_is_about(sample_text: str, tmp_path: Path) -> None:
    """RC009 (the parts against the total) names the total's row too; 运维费 in RC010's message is 公务用车运维费's, not
    the 运维费 within 公务用车购置及运维费."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace("18.84万元", "14.44万元", 1)})
    related = {r["项目"]: r["相关问题"] for r in yoy_rows(doc, findings=run_checks(doc))}
    assert "RC009" in related["“三公”经费合计"] and related["公务用车运维费"] == ""
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace("公务用车运维费12.5万元", "公务用车运维费11.5万元")})
    related = {r["项目"]: r["相关问题"] for r in yoy_rows(doc, findings=run_checks(doc))}
    assert "RC010" in related["公务用车运维费"]
