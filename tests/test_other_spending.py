"""A 事业单位's spending beside 基本支出 and 项目支出 — 事业单位经营支出, 上缴上级支出, 对附属单位补助支出 — is a part of the
total: a reviewer's consistent hospital document got three false errors (RC004 left it out of the total, RC006 took it
for a part of 项目支出, RC011 read its change as a second change of 收支合计)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from test_format_variants import rewrite

SPENDING, CHANGES = 217, 221


def _doc(sample_text: str, tmp_path: Path, other: str = "事业单位经营支出", amount: str = "100.00"):
    lines = sample_text.split("\n")
    spending = lines[SPENDING - 1].replace("2023年支出预算6663.49万元", "2023年支出预算6763.49万元")
    spending = spending.rstrip("。") + f"；{other}{amount}万元，主要为对外经营支出。"
    changes = (lines[CHANGES - 1].replace("较2022年预算减少2017.79万元", "较2022年预算减少2007.79万元").rstrip("。")
               + f"；{other}增加10.00万元，主要原因是对外经营规模扩大。")
    return rewrite(sample_text, tmp_path, {SPENDING: spending, CHANGES: changes})


def _found(doc) -> dict[str, str]:
    return {f.code: f.message for f in run_checks(doc)
            if f.code in {"RC004", "RC006", "RC011"} and {SPENDING, CHANGES} & set(f.lines)}


@pytest.mark.parametrize(("other", "subject"), [
    ("事业单位经营支出", "经营支出"), ("上缴上级支出", "上缴上级支出"), ("对附属单位补助支出", "对附属单位补助支出"),
    ("对附属单位补助", "对附属单位补助支出"),  # without 支出 (a reviewer's variant: false RC004 and RC006 errors)
])
def test_other_spending_is_a_part_of_the_total(sample_text: str, tmp_path: Path, other: str, subject: str) -> None:
    doc = _doc(sample_text, tmp_path, other)
    assert [(f.label, f.yuan) for f in doc.expenditure.others] == [(other, Decimal("1000000.00"))]
    assert doc.expenditure.project_parts and all(other not in f.label for f in doc.expenditure.project_parts)
    assert [c.subject for c in doc.expenditure.changes] == ["收支合计", "基本支出", "项目支出", subject]
    assert _found(doc) == {}


def test_other_spending_that_does_not_add_up_is_rc004(sample_text: str, tmp_path: Path) -> None:
    found = _found(_doc(sample_text, tmp_path, amount="110.00"))
    assert found == {"RC004": "基本支出、项目支出与经营支出之和 6,773.48万元 与支出合计 6,763.49万元 不符，相差 9.99万元"}
