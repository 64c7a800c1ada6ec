"""A statement's 增减变化原因：… written after several changes in their paragraph (…项目支出减少2090.87万元。增减变化原因：
基本支出增加主要为…；项目支出减少主要为…) is the reason of each of them: its first piece was read as the last change's own
reason, so VA001 quoted 基本支出's words as 项目支出's reason (and, for 分别增加…、减少…, as both parts')."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from test_format_variants import rewrite

LINE = 221
TOTAL = "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元"
CAUSE = "增减变化原因：基本支出增加主要为人员经费支出增加；项目支出减少主要为天然气迎风度冬保障资金项目支出减少。"


def _reasons(doc: Disclosure) -> dict[str, str | None]:
    return {c.subject: c.reason.text if c.reason else None for c in doc.expenditure.changes}


@pytest.mark.parametrize("parts", [
    "，下降23.2%。其中：基本支出增加73.07万元，增长3.3%；项目支出减少2090.87万元，下降32.5%。",
    "，其中：基本支出、项目支出分别增加73.07万元、减少2090.87万元。",
    "，其中：基本支出、项目支出分别增加73.07万元、减少2090.87万元，",
])
def test_the_cause_after_several_changes_is_each_ones(sample_text: str, tmp_path: Path, parts: str) -> None:
    doc = rewrite(sample_text, tmp_path, {LINE: TOTAL + parts + CAUSE})
    assert _reasons(doc)["项目支出"] == CAUSE.removeprefix("增减变化原因：")
    assert _reasons(doc)["基本支出"] == CAUSE.removeprefix("增减变化原因：")
    quoted = [f.message for f in run_checks(doc) if f.code == "VA001" and f.message.startswith("项目支出")]
    assert quoted == [f"项目支出较上年减少2090.87万元（32.5%），属重大变动；单位说明的原因是：“{CAUSE.removeprefix('增减变化原因：')}”"]


def test_a_cause_naming_one_part_leaves_the_other_unexplained(sample_text: str, tmp_path: Path) -> None:
    text = TOTAL + "，其中：基本支出增加73.07万元；项目支出减少2090.87万元。增减变化原因：项目支出减少主要是天然气迎风度冬保障资金项目支出减少。"
    doc = rewrite(sample_text, tmp_path, {LINE: text})
    assert [f.message.split("，未说明")[0] for f in run_checks(doc) if f.code == "CP005" and LINE in f.lines] == [
        "“基本支出”较上年增加73.07万元"]


def test_a_cause_after_one_change_is_still_its_own(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {LINE: TOTAL + "。增减变化原因：天然气迎风度冬保障资金项目支出减少。"})
    assert _reasons(doc) == {"收支合计": "天然气迎风度冬保障资金项目支出减少"}


def test_reasons_given_with_each_change_stay_theirs(sample_doc: Disclosure) -> None:
    assert _reasons(sample_doc) == {"收支合计": None, "基本支出": "人员经费支出增加",
                                    "项目支出": "天然气迎风度冬保障资金项目支出减少"}
