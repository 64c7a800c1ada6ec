"""Mutation tests: edit the real sample in memory and check that exactly the matching
rule reacts — it fires on the edited line, and no other new finding appears.

A finding counts as "new" when no finding of the unmodified sample has the same rule
code and the same evidence lines. Edits that add or remove lines (a duplicated project,
a dropped section) move line numbers, so there a finding is new when no baseline finding
of the same rule has the same evidence text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from budget_audit.checks import Finding, run_checks

from .cases import SAMPLE, apply_edits, parse_text


@dataclass(frozen=True)
class Mutation:
    name: str
    edits: list
    fires: dict[str, int]  # rule code → an edited line it must cite
    also: frozenset[str] = field(default_factory=frozenset)  # other codes allowed to appear
    shifts: bool = False  # the edit adds or removes lines


SAMPLE_LINES = SAMPLE.read_text(encoding="utf-8").split("\n")
SALT_PROJECT = "\n".join(SAMPLE_LINES[2527:2619])  # table 21 (食盐仓储管理经费), lines 2528–2619

MUTATIONS = [
    Mutation(
        "一般公共预算收入改变",
        [["一般公共预算收入4739.51万元", "一般公共预算收入4839.51万元"]],
        {"RC001": 214},
    ),
    Mutation(
        "收入合计改变", [["2023年预算收入5728.07万元", "2023年预算收入5828.07万元"]], {"RC001": 214}
    ),
    Mutation(
        "人员经费改变", [["人员类项目经费2135.24万元", "人员类项目经费2035.24万元"]], {"RC003": 217}
    ),
    Mutation(
        "支出合计改变",
        [["2023年支出预算6663.49万元", "2023年支出预算6763.49万元"]],
        {"RC004": 217},
        also=frozenset({"RC002"}),  # income + carry-over vs expenditure moves with it
    ),
    Mutation("编制数改变", [["锁定事业编制62名", "锁定事业编制63名"]], {"RC013": 182}),
    Mutation(
        "公务用车运维费改变", [["公务用车运维费12.5万元", "公务用车运维费11.5万元"]], {"RC010": 229}
    ),
    Mutation("资产类别金额改变", [["\t636.12", "\t630.12"]], {"RC014": 3192}),
    Mutation(
        "项目财政资金改变",
        [["\t其中：财政资金\n\t260700.00", "\t其中：财政资金\n\t250700.00"]],
        {"RC015": 551},
    ),
    Mutation(
        "机关运行经费超过公用经费", [["共计安排184.4万元", "共计安排194.4万元"]], {"RC017": 225}
    ),
    Mutation(
        "变动幅度与变动额不符", [["与2022年相比减少12.58万元", "与2022年相比减少12.58万元，下降30%"]], {"RC018": 229}
    ),
    Mutation(
        "删去项目支出变动原因",
        [
            [
                "项目支出减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。",
                "项目支出减少2090.87万元。",
            ]
        ],
        {"VA002": 221},
    ),
    Mutation(
        "项目预算超过名称金额",
        [["\t预算数\n\t300000.00", "\t预算数\n\t310000.00"]],
        {"RC016": 1561},
        # a carry-over project: the tables no longer sum to 项目支出 nor to 上年结转, and
        # its fiscal-fund cell no longer matches the budget cell
        also=frozenset({"RC005", "RC007", "RC015"}),
    ),
    Mutation(
        "资金支出计划不累计",
        [["\t3月底\n\t6月底\n\t10月底\n\t12月底\n\n\t\n\t0%\n\t0%", "\t3月底\n\t6月底\n\t10月底\n\t12月底\n\n\t\n\t0%\n\t50%"]],
        {"IN010": 566},
    ),
    Mutation("指标值留有占位符", [["\t5人\n", "\tXX人\n"]], {"IN008": 584}),
    Mutation(
        "项目目标沿用往年年份",
        [["1.补充发改局机关办公人员力量", "1.按2021年标准补充发改局机关办公人员力量"]],
        {"CS005": 571},
    ),
    Mutation(
        "重复列示一个项目",
        [["六、政府采购预算情况", SALT_PROJECT.replace("21.食盐", "26.食盐") + "\n\n六、政府采购预算情况"]],
        {"CS002": 2528},
        also=frozenset({"RC005"}),  # the tables now sum to more than 项目支出
        shifts=True,
    ),
    Mutation("删去政府采购一节", [{"delete_lines": [3012, 3155]}], {"CP001": 3013}, shifts=True),
]


def _key(f: Finding, by_text: bool) -> tuple:
    if by_text:
        return f.code, tuple(e.text for e in f.evidence)
    return f.code, f.lines


@pytest.fixture(scope="module")
def sample_source() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def baseline(sample_source: str) -> list[Finding]:
    return run_checks(parse_text(sample_source))


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_mutation(mutation: Mutation, sample_source: str, baseline: list[Finding]) -> None:
    text = apply_edits(sample_source, mutation.edits, mutation.name)
    same_lines = text.count("\n") == sample_source.count("\n")
    assert same_lines != mutation.shifts, "mark mutations that add or remove lines with shifts=True"
    old = {_key(f, mutation.shifts) for f in baseline}
    findings = run_checks(parse_text(text))
    new = [f for f in findings if _key(f, mutation.shifts) not in old and f.severity != "info"]
    for code, line in mutation.fires.items():
        assert any(f.code == code and line in f.lines for f in new), (
            f"{code} did not fire on line {line}: {[(f.code, f.lines[:5]) for f in new]}"
        )
    unexpected = [
        (f.code, f.lines[:5], f.message)
        for f in new
        if f.code not in mutation.fires and f.code not in mutation.also
    ]
    assert not unexpected, unexpected
