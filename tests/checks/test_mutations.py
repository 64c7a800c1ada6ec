"""Mutation tests: edit the real sample in memory and check that exactly the matching
rule reacts — it fires on the edited line, and no other new finding appears.

A finding counts as "new" when no finding of the unmodified sample has the same rule
code and the same evidence lines (line numbers do not move: every edit here keeps
the line count, except where the expectation says otherwise).
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
]


def _key(f: Finding) -> tuple[str, tuple[int, ...]]:
    return f.code, f.lines


@pytest.fixture(scope="module")
def sample_source() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def baseline(sample_source: str) -> set[tuple[str, tuple[int, ...]]]:
    return {_key(f) for f in run_checks(parse_text(sample_source))}


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_mutation(mutation: Mutation, sample_source: str, baseline: set) -> None:
    text = apply_edits(sample_source, mutation.edits, mutation.name)
    assert text.count("\n") == sample_source.count("\n"), "mutations keep line numbers"
    findings = run_checks(parse_text(text))
    new = [f for f in findings if _key(f) not in baseline and f.severity != "info"]
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
