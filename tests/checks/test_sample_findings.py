"""The error/warning findings on the bundled sample, reviewed by hand and pinned.

Each entry is (rule, severity, first evidence line) with the reason an auditor would
agree it is a real problem. Figures that agree within rounding (基本支出 2319.63 vs
2135.24 + 184.4; 支出 6663.49 vs 2319.63 + 4343.85; stated change −2017.79 vs
+73.07 − 2090.87; project tables 43,438,547元 vs 4343.85万元) must raise nothing.
"""

from __future__ import annotations

from budget_audit.checks import run_checks

REVIEWED = [
    # 收入5728.07 + 上年结转891.02 = 6619.09万元, yet 支出 is 6663.49万元: 44.40万元 of
    # spending has no stated source.
    ("RC002", "error", 214),
    # 三公 parts 0 + 12.5 + 0.94 = 13.44万元 against a stated total of 18.84万元.
    ("RC009", "error", 229),
    # (The 三公 total is said to fall 12.58万元, but its parts fall 17.9 + 0.08 = 17.98万元;
    # the implied prior-year parts (30.4 + 1.02) do add up to 31.42, so the current total
    # is the wrong figure: RC009's 5.40万元 once more, an RC011 提示, not a second error.)
    # 公务用车购置费 fell by 18万元 (100%); the group's reason only speaks of 运维费 rising.
    ("VA002", "warning", 229),
    # 分项绩效目标 items （八）…（二十二） are pasted twice (lines 300–328 repeat 266–294).
    ("CS006", "warning", 266),
    # The same list's numbering jumps （四）→（八） and falls back （二十二）→（五）.
    ("CS007", "warning", 266),
    # "政策性粮食监管率实现101%" in the unit-wide goals (pasted twice, lines 276 and 310):
    # a supervision rate cannot exceed 100%.
    ("IN004", "warning", 276),
    # （二十五） at line 332 repeats （二十二） at line 294 word for word.
    ("CS006", "warning", 294),
    # A 2023 budget's unit-wide indicators cite "2022年入企调研数量" and the 2021/2022
    # plan report: last year's targets carried over unedited.
    ("CS005", "warning", 397),
    # 政府采购预算0万元 while 防护物资购置 (167.06万), 电子门磁 purchase (39万) and the
    # 方舱 construction/renovation (960万) clearly buy goods and works.
    ("CS001", "warning", 1027),
    # Five sub-projects of 冀财教【2021】174号 share one goal and all ten indicators
    # while their budgets range from 5万 to 250万: the targets do not fit the money.
    ("CS004", "warning", 1211),
    # "≤3月/3个月？" and "≤2月/2个月？": the template's question marks were never resolved,
    # in each of the five 174号 project tables.
    ("IN008", "warning", 1281),
    ("IN008", "warning", 1394),
    ("IN008", "warning", 1507),
    ("IN008", "warning", 1620),
    ("IN008", "warning", 1733),
    # Project 15: "按规定在第1季度完成资金拨付", yet its spending plan is 0% until 12月底.
    ("IN016", "warning", 1999),
    # Project 16's goal and use of funds are just the notice title: nothing is targeted.
    ("IN013", "warning", 2071),
    # "研发投入增长率 ≥0.1万元（比例）": a growth rate stated in 万元.
    ("IN005", "warning", 2113),
    # Two tables named 冀财建[2022]279号 with different codes and budgets but identical
    # indicators: the public cannot tell them apart.
    ("CS002", "warning", 2248),
    # Project 19 (budget 136.50万) has a cost target of 409.50万 — project 18's budget,
    # copied: the cost indicator exceeds the project's own money.
    ("IN014", "error", 2351),
    # "本年度我单位拟购置固定资产总额为0万元" (line 3159), yet project 23 spends 960万 on
    # building a new quarantine site and converting another.
    ("CS009", "warning", 2713),
    # Cost indicators "建设总成本 ≥800万元" and "改造总成本 ≥160万元" are floors; together they
    # equal the 960万 budget, so they are ceilings written backwards.
    ("IN009", "warning", 2777),
    ("IN009", "warning", 2784),
    # Project 25 (303004): "在第2季度完成补偿款拨付", yet 6月底 is still 0%.
    ("IN016", "warning", 2947),
    # The asset table gives 房屋, 办公用房 and 车辆 a value but no area or count.
    ("CP011", "warning", 3174),
]


def test_sample_errors_and_warnings_are_the_reviewed_ones(sample_doc) -> None:
    found = [(f.code, f.severity, f.evidence[0].line) for f in run_checks(sample_doc) if f.severity != "info"]
    assert found == REVIEWED


def test_no_finding_for_figures_within_rounding(sample_doc) -> None:
    codes = {f.code for f in run_checks(sample_doc)}
    assert not codes & {"RC003", "RC004", "RC005", "RC007"}
    stated = [f for f in run_checks(sample_doc) if f.code == "RC011"]
    assert len(stated) == 1 and "三公" in stated[0].message  # not the 支出 change (0.01万元 off)
    assert stated[0].severity == "info" and stated[0].message.endswith("同一处不符，不重复计为错误")


def test_placeholder_message_names_where_the_residue_is(sample_doc) -> None:
    """The "？" of the 174号 tables is in 时效指标 values, not in the goal text."""
    messages = [f.message for f in run_checks(sample_doc) if f.code == "IN008"]
    assert len(messages) == 5
    assert all("的时效指标中有占位符" in m and "绩效目标中" not in m for m in messages)


def test_numbering_break_names_the_line_of_each_number(sample_doc) -> None:
    (finding,) = [f for f in run_checks(sample_doc) if f.code == "CS007"]
    assert "第266行（四）后接（八）（跳号，同在一行）" in finding.message  # two items run together
    assert "第294行（二十二）后，第296行接（五）（回退）" in finding.message


def test_a_units_procurement_finding_lists_its_own_projects_only() -> None:
    """When 303004's own table buys equipment too, its report names that project, not
    303001's 防护物资/电子门磁/隔离点 beside it."""
    from .cases import SAMPLE, parse_text

    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    for n in range(2913 - 1, 3009):  # project 25, 303004's only table
        lines[n] = lines[n].replace("补偿", "监测").replace("土地", "沿线")
    lines[2931 - 1] = "\t用于购置铁路沿线安全监测设备。"  # its use of funds
    doc = parse_text("\n".join(lines))
    (own,) = [f for f in run_checks(doc, unit_code="303004") if f.code == "CS001"]
    assert "京唐铁路" in own.message and "防护物资" not in own.message and own.unit_code == "303004"
    (other,) = [f for f in run_checks(doc, unit_code="303001") if f.code == "CS001"]
    assert "防护物资" in other.message and "京唐铁路" not in other.message


def test_a_grant_whose_indicator_speaks_of_buying_is_no_purchase() -> None:
    """对购置设计设备的企业给予补贴 in a description: the buying is the grantee's, so the
    description is no evidence of the unit's own procurement (CS001) or assets (CS009)."""
    from .cases import SAMPLE, parse_text

    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert lines[2017 - 1] == "\t支持省级工业设计成果转化项目数"  # project 15's first description
    lines[2017 - 1] = "\t对新建工业设计中心、购置设计设备的企业按投资额给予补贴"
    findings = run_checks(parse_text("\n".join(lines)))
    assert [f for f in findings if f.code in ("CS001", "CS009")]
    assert not [f for f in findings if f.code in ("CS001", "CS009") and "工业互联网" in f.message]
