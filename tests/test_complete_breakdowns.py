"""RC011 on a breakdown that names each of a whole's known parts once (基本支出: 人员经费 and 公用经费; 公务用车购置及运维费:
购置费 and 运维费), however the parts' changes are joined: 基本支出增加73.07万元，其中人员经费增加80万元，公用经费增加3.07万元
claims the two are the whole's change as much as 其中人员经费增加80万元、公用经费增加3.07万元 does. A part named alone
(基本支出中人员经费增加…) still claims nothing of the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from test_format_variants import rewrite

OVERVIEW = 221
SANGONG = 229
_OVERVIEW = ("2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中：基本支出增加73.07万元，其中{parts}；"
             "项目支出减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。")
_VEHICLES = "公务用车购置及运维费减少17.9万元（其中：公务用车购置费减少18万元，公务用车运维费增加0.1万元)"


def _rc011(doc: Disclosure, whole: str) -> list[str]:
    return [f.message for f in run_checks(doc) if f.code == "RC011" and f.message.startswith(f"所述{whole}")]


@pytest.mark.parametrize("parts", [
    "人员经费增加80万元，公用经费增加3.07万元",
    "公用经费增加3.07万元，人员经费增加80万元",
    "人员类项目经费增加80万元，运转类公用项目经费增加3.07万元",
])
def test_both_parts_of_basic_expenditure_are_held_against_it(parts: str, sample_text: str, tmp_path: Path) -> None:
    """70 + 3.07 would match; 80 + 3.07 is 10万元 over 基本支出's 73.07. Before, parts joined by ，/； were taken
    as named alone and not checked (with 、 they were)."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: _OVERVIEW.format(parts=parts)})
    [message] = _rc011(doc, "基本支出")
    assert "与其组成部分变动之和 83.07万元" in message and message.endswith("相差 10.00万元")


@pytest.mark.parametrize("parts", [
    "人员经费增加70万元，公用经费增加3.07万元",  # they add up
    "人员经费增加80万元",  # one part named: no claim about the other
    "人员经费增加80万元，工资福利支出增加3.07万元",  # not the two known parts
])
def test_breakdowns_that_add_up_or_claim_nothing_are_not_reported(parts: str, sample_text: str,
                                                                  tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: _OVERVIEW.format(parts=parts)})
    assert _rc011(doc, "基本支出") == []


@pytest.mark.parametrize("vehicles", [
    "公务用车购置及运维费减少17.9万元，其中公务用车购置费减少18.5万元，公务用车运维费增加0.1万元",
    "公务用车购置及运维费减少17.9万元，其中购置费减少18.5万元，运维费增加0.1万元",
])
def test_both_parts_of_the_vehicles_are_held_against_them(vehicles: str, sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace(_VEHICLES, vehicles)})
    assert _rc011(doc, "公务用车购置及运维费") == [
        "所述公务用车购置及运维费变动 -17.90万元 与其组成部分变动之和 -18.40万元（公务用车购置费减少18.5万元、"
        "公务用车运维费增加0.1万元）不符，相差 0.50万元"]


def test_the_vehicles_parts_that_add_up_are_not_reported(sample_text: str, tmp_path: Path) -> None:
    vehicles = "公务用车购置及运维费减少17.9万元，其中购置费减少18万元，运维费增加0.1万元"
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace(_VEHICLES, vehicles)})
    assert _rc011(doc, "公务用车购置及运维费") == []
