"""Project tables exported from a spreadsheet as tab-separated lines and stacked one after another with no heading of
their own (each opening 项目名称⇥…, perhaps under a title row 2024年项目支出绩效目标表⇥⇥⇥), the funds' unit in the group
label beside the budget (项目资金（万元）⇥年度资金总额⇥650.00). All the tables were read as the first one's — its budget
650 元, every other table's rows its indicators: a false RC005 "1张项目绩效目标表预算数合计 0.06万元 与项目支出 … 不符",
IN014 ×4, some thirty IN002 on rows such as 主管部门, IN001 on 主管部门“青岭县水利局”, CS008 “表7” — and a stalled plan
(IN012) and copied targets (CS004) in the later tables went unseen."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file

RESERVOIR = ("小型水库除险加固", "43052124P0201001", "650.00", "10%\t45%\t85%\t100%")
RIVERS = ("河湖长制工作经费", "43052124P0201006", "85.00", "20%\t45%\t70%\t90%")
MONITORING = ("水土保持监测", "43052124P0201008", "40.00", "10%\t40%\t80%\t100%")


def _table(name: str, code: str, budget: str, plan: str, *, title: str = "", label: str = "项目资金（万元）") -> str:
    rows = [f"{title}\t\t\t"] if title else []
    return "\n".join([*rows,
        f"项目名称\t{name}\t\t",
        f"项目编码\t{code}\t主管部门\t青岭县水利局",
        f"{label}\t年度资金总额\t{budget}\t",
        f"\t其中：财政拨款\t{budget}\t",
        "\t其他资金\t\t",
        f"资金用途\t用于{name}。\t\t",
        "资金支出计划（%）\t3月底\t6月底\t10月底\t12月底",
        f"\t{plan}",
        "年度绩效目标\t完成3座小型水库除险加固，消除大坝安全隐患，恢复水库设计防洪和灌溉功能。\t\t",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t除险加固小型水库数量\t=3座",
        "\t\t新建或改造溢洪道\t=2条",
        "\t质量指标\t工程验收合格率\t=100%",
        "\t时效指标\t工程完工时间\t≤2024年11月",
        "效益指标\t社会效益指标\t保护下游人口\t≥1.2万人",
        "满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%",
        "",
    ])


def _doc(tmp_path: Path, *tables: str, top: str = "表7\n2024年项目支出绩效目标表\t\t\t\n\n") -> Disclosure:
    text = "青岭县水利局2024年单位预算公开说明\n五、绩效目标设置情况\n（二）项目支出绩效目标\n\n" + top + "\n".join(tables)
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def _read(doc: Disclosure) -> list[tuple[str, Decimal | None, Decimal | None, int]]:
    return [(p.title, p.budget.yuan if p.budget else None, p.fiscal.yuan if p.fiscal else None, len(p.indicators))
            for p in doc.projects]


EXPECTED = [("小型水库除险加固", Decimal("6500000.00"), Decimal("6500000.00"), 6),
            ("河湖长制工作经费", Decimal("850000.00"), Decimal("850000.00"), 6),
            ("水土保持监测", Decimal("400000.00"), Decimal("400000.00"), 6)]


@pytest.mark.parametrize("title", ["", "2024年项目支出绩效目标表"])
def test_stacked_tables_are_projects_of_their_own(tmp_path: Path, title: str) -> None:
    """With no line between them, or a title row with trailing tabs over each (2024年项目支出绩效目标表⇥⇥⇥)."""
    doc = _doc(tmp_path, *(_table(*p, title=title) for p in (RESERVOIR, RIVERS, MONITORING)))
    assert _read(doc) == EXPECTED
    codes = [f.code for f in run_checks(doc)]
    assert "IN012" in codes and "CS004" in codes  # 河湖长制 ends at 90%; 水土保持监测 copies 小型水库's targets
    assert not {"IN001", "IN002", "IN003", "IN014", "CS008", "CP007"} & set(codes)


def test_a_group_label_states_the_funds_unit(tmp_path: Path) -> None:
    """项目资金（万元）⇥年度资金总额⇥650.00 and 其中：财政拨款⇥650.00 below it: 650万元, not 650元."""
    (project,) = _doc(tmp_path, _table(*RESERVOIR), top="").projects
    assert (project.budget.yuan, project.fiscal.yuan) == (Decimal("6500000.00"), Decimal("6500000.00"))


def test_a_group_label_of_yuan_in_a_wan_table(tmp_path: Path) -> None:
    """项目资金（元） where the table states 万元: the label's."""
    (project,) = _doc(tmp_path, _table("水土保持监测", "43052124P0201008", "400000.00", "10%\t40%\t80%\t100%",
                                       label="项目资金（元）"), top="单位：万元\n").projects
    assert project.budget.yuan == Decimal("400000.00")


def test_tables_under_headings_of_their_own_are_read_as_before(tmp_path: Path) -> None:
    """1.小型水库除险加固绩效目标表 over 项目名称⇥…: the heading's table, its 项目名称 row no table of its own."""
    doc = _doc(tmp_path, *(f"{n}.{p[0]}绩效目标表\n{_table(*p)}" for n, p in enumerate((RESERVOIR, RIVERS, MONITORING), 1)),
               top="")
    assert _read(doc) == EXPECTED
    assert [p.seq for p in doc.projects] == [1, 2, 3]


@pytest.mark.parametrize("header", ["项目名称\t主管部门\t预算金额（万元）\t", "项目名称\t实施单位\t金额（元）"])
def test_a_list_of_projects_after_the_tables_is_no_project(tmp_path: Path, header: str) -> None:
    """附：项目清单 with its header row 项目名称⇥主管部门⇥预算金额（万元）: no project "主管部门" (R47: a false CP007, and a
    false CP010 "文件停在…中间" when it ends the file), nor rows of the last project (IN002 on its rows, CS004 lost)."""
    listing = "\n".join(["", "附：项目清单", header, "小型水库除险加固\t青岭县水利局\t650.00\t",
                         "河湖长制工作经费\t青岭县水利局\t85.00\t", "水土保持监测\t青岭县水利局\t40.00\t", ""])
    doc = _doc(tmp_path, *(_table(*p) for p in (RESERVOIR, RIVERS, MONITORING)), listing)
    assert _read(doc) == EXPECTED
    codes = [f.code for f in run_checks(doc)]
    assert "CS004" in codes
    assert not {"IN002", "CP007", "CP010"} & set(codes)


def test_a_tables_name_row_with_a_column_word_after_its_name_is_still_the_table(tmp_path: Path) -> None:
    """项目名称⇥部门⇥… is a list's header only with a label without a value after; a project named so keeps its table."""
    doc = _doc(tmp_path, _table("单位", "43052124P0201001", "650.00", "10%\t45%\t85%\t100%"))
    assert [p.title for p in doc.projects] == ["单位"]
