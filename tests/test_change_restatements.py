"""A change's words and the figures around it: a reason that stops before the next statement
of this year's figure, a change restated in another sentence counted once, last year's
figure written before a comma, ranges that are no change, and the document's own verb in
every message that quotes a change."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.parse.figures import stated_amounts, stated_changes
from test_format_variants import rewrite

SANGONG = 229
ASSETS = 3159
PROCUREMENT = 3014
#: The sample's assets paragraph up to its planned purchase.
_ASSETS_HELD = "大厂回族自治县发展和改革局（含所属单位）上年末固定资产金额为969.53万元（详见下表），"


def _codes(doc: Disclosure, line: int) -> list[str]:
    return sorted(f.code for f in run_checks(doc) if line in f.lines)


def _reasons(text: str) -> list[str | None]:
    return [c.reason for c in stated_changes(text)]


# ------------------------------------------------------------- a reason and the figure after it


@pytest.mark.parametrize("planned", [
    "本年度拟购置固定资产总额为0万元",
    "今年拟购置固定资产为0万元",
    "2023年拟购置固定资产总额为0万元",
    "本年度我单位拟购置固定资产总额为0万元",
    "我单位拟购置固定资产总额为0万元",
])
def test_a_reason_stops_before_this_years_planned_purchase(planned: str, sample_text: str, sample_doc: Disclosure,
                                                           tmp_path: Path) -> None:
    """…比上年增加150万元，主要原因是新购置设备，本年度拟购置固定资产总额为0万元: the 0万元 is the
    planned purchase, not part of the reason — and CS009 holds it against the projects, as in the sample."""
    doc = rewrite(sample_text, tmp_path, {ASSETS: f"{_ASSETS_HELD}比上年增加150万元，主要原因是新购置设备，{planned}。"})
    assert doc.assets.planned_purchase is not None and doc.assets.planned_purchase.value.raw == "0万元"
    assert doc.assets.total is not None and doc.assets.total.value.raw == "969.53万元"
    assert "CS009" in _codes(doc, ASSETS) and "CS009" in _codes(sample_doc, ASSETS)


def test_a_reason_stops_before_this_years_procurement_figure(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {PROCUREMENT: "2023年，我单位政府采购预算比上年增加30万元，主要原因是新增设备采购，"
                                                       "今年政府采购预算总额为150万元。具体内容见下表。"})
    assert doc.procurement.total is not None and doc.procurement.total.value.raw == "150万元"


@pytest.mark.parametrize(("text", "reason"), [
    ("公务用车购置及运维费减少17.9万元，主要原因是公务用车更新，车辆价值为10万元以上，因此公务用车运维费增加。",
     "公务用车更新，车辆价值为10万元以上，因此公务用车运维费增加"),
    ("基本支出增加73.07万元，主要原因是新增人员3名，增加工资50万元。", "新增人员3名，增加工资50万元"),
    # last year's figure in a 2023 document: part of the reason
    ("2023年，基本支出增加73.07万元，主要原因是上年有一次性支出，2022年安排设备购置经费为50万元。",
     "上年有一次性支出，2022年安排设备购置经费为50万元"),
    ("2023年基本支出与2022年相比增加73.07万元，主要原因是新增人员，2022年人员经费为2000万元。",
     "新增人员，2022年人员经费为2000万元"),
    ("基本支出增加73.07万元，主要原因是新增项目，本年安排专项资金50万元用于设备购置。",
     "新增项目，本年安排专项资金50万元用于设备购置"),
    ("固定资产比上年增加150万元，主要原因是拟购置设备，拟购置资金为20万元以上。", "拟购置设备，拟购置资金为20万元以上"),
    ("项目支出减少50万元，主要原因是停止补贴，2023年1月起每户补贴为0万元。", "停止补贴，2023年1月起每户补贴为0万元"),
])
def test_a_reason_keeps_amounts_of_its_own(text: str, reason: str) -> None:
    assert _reasons(text) == [reason]


def test_the_figure_after_a_cut_reason_is_stated() -> None:
    text = "上年末固定资产金额为969.53万元，比上年增加150万元，主要原因是新购置设备，本年度拟购置固定资产总额为0万元。"
    assert _reasons(text) == ["新购置设备"]
    assert [(a.label, a.quantity.raw) for a in stated_amounts(text)] == [
        ("上年末固定资产金额为", "969.53万元"), ("本年度拟购置固定资产总额为", "0万元")]


def test_the_samples_reasons_are_whole(sample_doc: Disclosure) -> None:
    assert [c.reason and c.reason.text for c in sample_doc.sangong.changes] == [
        None, "公务用车更新，车辆价值为10万元以上，因此公务用车运维费增加", None, None,
        "我单位切实落实勤俭节约各项规定，严格控制公务接待费支出"]
    assert [c.reason and c.reason.text for c in sample_doc.expenditure.changes] == [
        None, "人员经费支出增加", "天然气迎风度冬保障资金项目支出减少"]
