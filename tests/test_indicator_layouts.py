"""Project tables laid out as other counties print them (a reviewer's variants of a consistent document, each a false
finding before): a 序号 column before 一级指标 (CP007 "缺少绩效指标", every indicator check skipped), the goal labelled
年度目标/总体目标/绩效目标（年度） (CP007 "缺少绩效目标"), the header row repeated after a page break (IN001 on
"指标值"), the unit in the indicator's name (IN002), the operator in a 指标性质 column and 90%（含）以上 (IN003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.parse import parse_file
from test_format_variants import rewrite

HEADER = "一级指标\t二级指标\t三级指标\t指标值"
ROWS = [
    "产出指标\t数量指标\t临时救助人次\t≥1500人次",
    "产出指标\t质量指标\t救助对象符合率\t100%",
    "产出指标\t时效指标\t审批办结时限\t≤10个工作日",
    "产出指标\t成本指标\t人次均救助水平\t≤1400元/人次",
    "效益指标\t社会效益指标\t困难群众临时性生活困难解决率\t≥95%",
    "满意度指标\t服务对象满意度指标\t救助对象满意度\t≥90%",
]


AIM = "及时解决困难群众突发性、临时性生活困难，全年救助1500人次以上。"


def _doc(tmp_path: Path, goal: str = "绩效目标", header: str = HEADER, rows: list[str] | None = None,
         aim: str = AIM) -> Path:
    text = "\n".join([
        "2025年单位预算公开说明", "", "七、绩效目标设置情况", "",
        "1.临时救助资金项目支出绩效目标表（单位：元）",
        "单位名称\t601001青溪县民政局",
        "项目编码\t36112225P60100100003\t项目名称\t临时救助资金",
        "预算数\t2,100,000\t其中：财政资金\t2,100,000\t其他资金\t0",
        "资金用途\t对遭遇突发事件导致基本生活暂时出现严重困难的家庭和个人给予临时救助。",
        "资金支出计划（%）\t\t3月底\t6月底\t10月底\t12月底",
        "\t20%\t50%\t75%\t100%",
        f"{goal}\t{aim}",
        header, *(rows if rows is not None else ROWS), "",
    ])
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _findings(path: Path) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in run_checks(parse_file(path)) if f.code.startswith(("CP007", "IN"))]


def test_the_plain_layout_is_quiet(tmp_path: Path) -> None:
    doc = parse_file(_doc(tmp_path))
    assert len(doc.projects[0].indicators) == 6 and doc.projects[0].goal is not None
    assert _findings(_doc(tmp_path)) == []


def test_a_seq_column_before_the_first_level(tmp_path: Path) -> None:
    path = _doc(tmp_path, header="序号\t" + HEADER, rows=[f"{n}\t{row}" for n, row in enumerate(ROWS, 1)])
    indicators = parse_file(path).projects[0].indicators
    assert [(i.level1, i.level3, i.value.raw) for i in indicators][:1] == [("产出指标", "临时救助人次", "≥1500人次")]
    assert len(indicators) == 6 and _findings(path) == []


@pytest.mark.parametrize("goal", ["年度目标", "总体目标", "年度总体目标", "绩效目标（年度）", "项目绩效目标"])
def test_other_labels_of_the_goal(tmp_path: Path, goal: str) -> None:
    assert parse_file(_doc(tmp_path, goal=goal)).projects[0].goal is not None
    assert _findings(_doc(tmp_path, goal=goal)) == []


def test_a_long_term_goal_is_no_years_goal(tmp_path: Path) -> None:
    assert parse_file(_doc(tmp_path, goal="中长期目标")).projects[0].goal is None


def test_the_header_repeated_after_a_page_break(tmp_path: Path) -> None:
    path = _doc(tmp_path, rows=[*ROWS[:3], HEADER, *ROWS[3:]])
    assert len(parse_file(path).projects[0].indicators) == 6 and _findings(path) == []


def test_the_unit_in_the_indicators_name(tmp_path: Path) -> None:
    path = _doc(tmp_path, rows=["产出指标\t数量指标\t临时救助人次（人次）\t≥1500", *ROWS[1:]])
    assert parse_file(path).projects[0].indicators[0].value.unit == "人次"
    assert _findings(path) == []
    bare = _doc(tmp_path, rows=["产出指标\t数量指标\t临时救助人次\t≥1500", *ROWS[1:]])
    assert [code for code, _ in _findings(bare)] == ["IN002"]  # no unit anywhere: still reported


def test_the_operator_in_a_column_of_its_own(tmp_path: Path) -> None:
    rows = [row.rsplit("\t", 1)[0] + "\t" + value for row, value in zip(ROWS, [
        "≥\t1500\t人次", "=\t100\t%", "≤\t10\t个工作日", "≤\t1400\t元/人次", "≥\t95\t%", "≥\t90\t%"], strict=True)]
    path = _doc(tmp_path, header="一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位", rows=rows)
    assert [i.value.op for i in parse_file(path).projects[0].indicators] == ["≥", "=", "≤", "≤", "≥", "≥"]
    assert _findings(path) == []


def test_an_inclusive_word_operator_after_the_value(tmp_path: Path) -> None:
    path = _doc(tmp_path, rows=[*ROWS[:5], "满意度指标\t服务对象满意度指标\t救助对象满意度\t90%（含）以上"])
    assert _findings(path) == []
    bare = _doc(tmp_path, rows=[*ROWS[:5], "满意度指标\t服务对象满意度指标\t救助对象满意度\t90%（含）"])
    assert [code for code, _ in _findings(bare)] == ["IN003"]


def test_a_placeholder_value_is_in008s_not_in001s(tmp_path: Path) -> None:
    """≥XX次 / ××% is template residue (IN008), not a value in words: IN001 listed it too (a reviewer's find)."""
    path = _doc(tmp_path, rows=[*ROWS[:5], "满意度指标\t服务对象满意度指标\t救助对象满意度\t××%"])
    assert [code for code, _ in _findings(path)] == ["IN008"]


def test_a_fill_in_blank_left_in_the_goal_is_in008s(tmp_path: Path) -> None:
    """完成＿＿台（套）医疗设备采购: a blank left for the figure in the published goal (a reviewer's), unseen."""
    path = _doc(tmp_path, aim="及时解决困难群众突发性、临时性生活困难，全年救助＿＿人次以上。")
    assert [code for code, _ in _findings(path)] == ["IN008"]
    year = _doc(tmp_path, rows=[*ROWS[:5], "满意度指标\t服务对象满意度指标\t救助对象满意度\t____年达到≥90%"])
    assert [code for code, _ in _findings(year)] == ["IN008"]


@pytest.mark.parametrize("aim", [AIM + "下划线部分为新增内容。", AIM + "依据文件lz__jz2025。"])
def test_a_names_underscores_or_the_word_is_no_blank(tmp_path: Path, aim: str) -> None:
    assert _findings(_doc(tmp_path, aim=aim)) == []


def test_a_rule_of_underscores_joined_to_the_goal_is_no_blank(sample_text: str, tmp_path: Path) -> None:
    """A line of underscores under a goal written one cell a line is read as the goal's last words
    (…解决大学生就业。________): a rule, no blank to fill in."""
    doc = rewrite(sample_text, tmp_path, {571: lambda t: t + "\n________________________"})
    assert doc.projects[0].goal.text.endswith("____")
    assert not [f for f in run_checks(doc) if f.code == "IN008" and f.first_line < 600]


def test_a_name_column_headed_zhibiao_mingcheng(tmp_path: Path) -> None:
    """一级指标 | 二级指标 | 指标名称 | 指标值: no 三级 column, so the table was read by the sample's columns (six false
    "未填写指标值" warnings, a planted ≥175% unseen)."""
    path = _doc(tmp_path, header="一级指标\t二级指标\t指标名称\t指标值")
    assert [i.level3 for i in parse_file(path).projects[0].indicators][:2] == ["临时救助人次", "救助对象符合率"]
    assert _findings(path) == []


@pytest.mark.parametrize(("column", "values"), [("指标性质", ["定量"] * 6), ("指标方向", ["正向", "正向", "反向", "反向", "正向", "正向"])])
def test_a_kind_or_direction_column_beside_a_value_with_its_operator(tmp_path: Path, column: str, values: list[str]) -> None:
    """定量 | ≤1400元/人次 or ≥450套 | 正向: the column was glued onto the value (定量≤1400…, ≥≥450套) and every check of
    the project went silent."""
    rows = [f"{row}\t{value}" for row, value in zip(ROWS, values, strict=True)]
    path = _doc(tmp_path, header=f"{HEADER}\t{column}", rows=rows)
    second = "100%" if column == "指标性质" else "≥100%"  # 正向 gives the operator a value has not
    assert [i.value.raw for i in parse_file(path).projects[0].indicators][:4] == [
        "≥1500人次", second, "≤10个工作日", "≤1400元/人次"]
    assert _findings(path) == []


@pytest.mark.parametrize(("header", "values"), [
    ("资金支出计划（%）\t\t3月底\t6月底\t10月底\t12月底", "\t60%\t40%\t75%\t100%"),  # a blank cell more in the header
    ("资金支出计划（%）\t3月底\t6月底\t10月底\t12月底", "累计进度\t60%\t40%\t75%\t100%"),  # the values' row labelled
])
def test_a_spending_plan_in_other_layouts(tmp_path: Path, header: str, values: str) -> None:
    """The months shifted by one (12月底 lost) or the labelled row not read: IN010–IN012 and IN016 went silent."""
    path = _doc(tmp_path)
    text = path.read_text(encoding="utf-8").replace("资金支出计划（%）\t\t3月底\t6月底\t10月底\t12月底", header)
    path.write_text(text.replace("\t20%\t50%\t75%\t100%", values), encoding="utf-8")
    plan = parse_file(path).projects[0].spending_plan
    assert [(p.label, p.value.raw) for p in plan] == [("3月底", "60%"), ("6月底", "40%"), ("10月底", "75%"), ("12月底", "100%")]
    assert "IN010" in [code for code, _ in _findings(path)]


_NARROW = """某县疾病预防控制中心2024年单位预算公开
一、预算绩效目标设置情况
                          1.重大传染病防控项目绩效目标表
项目名称           重大传染病防控项目
项目编码           32132224P00412000031B
预算数             2,370,000.00
资金支出计划（%）{gap}3月底        6月底        10月底        12月底
                   20%          45%          75%           100%
绩效目标           开展艾滋病、结核病等重大传染病主动监测和重点人群干预，疫情保持低流行水平。
一级指标   二级指标      三级指标                              指标值
产出指标   数量指标      艾滋病检测人次                        ≥60000人次
           质量指标      肺结核患者成功治疗率                  ≥90%
           时效指标      监测数据上报及时率                    ≥95%
           成本指标      防控经费总额                          ≤237万元
效益指标   社会效益指标{gap}艾滋病疫情流行水平                    ≤0.1%
满意度指标{one}服务对象满意度指标{one}干预对象满意度                   ≥90%
"""


@pytest.mark.parametrize(("gap", "one"), [("   ", "   "), ("  ", " ")], ids=["wide gaps", "narrow gaps"])
def test_columns_aligned_with_narrow_gaps(tmp_path: Path, gap: str, one: str) -> None:
    """pdftotext leaves two spaces, or one, where a cell fills its column: the plan's label and 3月底 were one cell
    (the plan read a column off — a false IN012 "12月底只到75%"), 社会效益指标 and its indicator one cell (IN002 "未填写
    指标值" of ≥0.1%), and the 满意度 row one cell (CP003 "缺少满意度指标") — a reviewer's 江苏 document."""
    path = tmp_path / "narrow.txt"
    path.write_text(_NARROW.format(gap=gap, one=one), encoding="utf-8")
    doc = parse_file(path)
    [project] = doc.projects
    assert [(p.label, p.value.raw) for p in project.spending_plan] == [("3月底", "20%"), ("6月底", "45%"), ("10月底", "75%"),
                                                               ("12月底", "100%")]
    assert [(i.level1, i.level2, i.level3) for i in project.indicators][-2:] == [
        ("效益指标", "社会效益指标", "艾滋病疫情流行水平"), ("满意度指标", "服务对象满意度指标", "干预对象满意度")]
    assert {f.code for f in run_checks(doc)} & {"IN012", "IN002", "CP003"} == set()


@pytest.mark.parametrize(("rows", "at", "cells"), [
    (["项目编码           32132224P00412000018K", "主管部门           某县卫生健康委员会              实施单位        某县疾病预防控制中心",
      "预 算 数           4,860,000.00", "其中：财政资金     4,860,000.00"], 2, ["预 算 数", "4,860,000.00"]),  # spaced out
    (["主管部门           某县卫生健康委员会              实施单位        某县疾病预防控制中心",
      "项目名称           免疫规划 冷链运维 专项", "项目编码           32132224P00412000018K"], 1,
     ["项目名称", "免疫规划 冷链运维 专项"]),  # a name with spaces
    (["一级指标     二级指标         三级指标                                指标值",
      "产出指标     数量指标         2022年新建高标准农田面积                ≥3.5万亩",
      "             质量指标         工程质量 验收合格率",
      "             时效指标         项目完工时间                            ≤12个月"], 2,
     ["", "质量指标", "工程质量 验收合格率"]),  # its value left blank
])
def test_narrow_gaps_inside_a_cell_are_kept(rows: list[str], at: int, cells: list[str]) -> None:
    """Split at narrower gaps to match its neighbours, 预 算 数 became 预 | 算 | 数 (a false RC005 and CP007), a name with
    spaces its first word (a false CS002), a blank value the indicator's last word (IN002 lost) — a reviewer's
    attack. Two spaces part cells only after two characters, one space only after an indicator class (…指标)."""
    from budget_audit.ingest import Line
    from budget_audit.parse.blocks import Row, blocks

    found = [b for b in blocks([Line(i, t) for i, t in enumerate(rows, 1)]) if isinstance(b, Row)]
    assert [c.text for c in found[at].cells] == cells
