"""A change whose item is named in the clause before it with no verb, only compared with last year (项目支出与上年相比，
减少2090.87万元; 公务接待费与2022年相比，减少0.08万元), or said not to have kept last year's figure (公务接待费未与上年持平，
比上年减少0.08万元): the item's — it was taken for the total's, a second change of the total (a false RC011 error)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from test_format_variants import rewrite

OVERVIEW, SANGONG = 221, 229


def _changes(changes: list) -> list[tuple[str, int, str]]:
    return [(c.subject, c.direction, c.amount.value.raw) for c in changes]


def _codes(doc: Disclosure, line: int) -> set[str]:
    return {f.code for f in run_checks(doc) if line in f.lines}


def _sangong(sample_text: str) -> str:
    """The sample's “三公” paragraph with its total and total's change made to add up (13.44万元, 减少17.98万元)."""
    return sample_text.split("\n")[SANGONG - 1].replace("18.84万元", "13.44万元").replace("12.58万元", "17.98万元")


@pytest.mark.parametrize("compared", ["项目支出与上年相比，", "项目支出较上年，", "项目支出同上年比较，", "项目支出与2022年相比，",
                                      "项目支出与上年预算相比，", "项目支出并非同比持平，", "项目支出同比，"])
def test_a_part_named_and_compared_in_the_clause_before_is_the_parts(compared: str, sample_text: str,
                                                                     sample_doc: Disclosure, tmp_path: Path) -> None:
    line = sample_text.split("\n")[OVERVIEW - 1]
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: line.replace("项目支出减少", f"{compared}减少")})
    assert _changes(doc.expenditure.changes) == _changes(sample_doc.expenditure.changes)
    assert "RC011" not in _codes(doc, OVERVIEW)


@pytest.mark.parametrize("before", ["公务接待费与2022年相比，减少", "公务接待费未与上年持平，比上年减少",
                                    "公务接待费不再与上年持平，比上年减少"])
def test_reception_named_in_the_clause_before_is_its_change(before: str, sample_text: str, tmp_path: Path) -> None:
    line = _sangong(sample_text).replace("公务接待费1.02万元减少", before)
    doc = rewrite(sample_text, tmp_path, {SANGONG: line})
    assert ("公务接待费", -1, "0.08万元") in _changes(doc.sangong.changes)
    assert [c.subject for c in doc.sangong.changes].count("“三公”经费合计") == 1
    assert "RC011" not in _codes(doc, SANGONG)


def test_a_comparison_naming_no_item_or_another_year_is_not_the_parts(sample_text: str, sample_doc: Disclosure,
                                                                       tmp_path: Path) -> None:
    """与上年相比，减少… names no item: the total's, as before; 项目支出与2021年相比 compares with no year the change is of."""
    line = sample_text.split("\n")[OVERVIEW - 1]
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: line.replace("较2022年预算减少", "与上年相比，减少")})
    assert _changes(doc.expenditure.changes) == _changes(sample_doc.expenditure.changes)
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: line.replace("项目支出减少", "项目支出与2021年相比，减少")})
    assert ("项目支出", -1, "2090.87万元") not in _changes(doc.expenditure.changes)


def test_no_longer_flat_is_no_change_of_none(sample_text: str, tmp_path: Path) -> None:
    """不再与上年持平 denies it as 未与上年持平 does: it was 公务接待费's change of none (公务接待费持平0万元)."""
    line = _sangong(sample_text).replace("公务接待费1.02万元减少0.08万元", "公务接待费不再与上年持平")
    doc = rewrite(sample_text, tmp_path, {SANGONG: line})
    assert [c.subject for c in doc.sangong.changes if c.direction == 0] == []


@pytest.mark.parametrize("before", ["项目支出较上年有所下降，由上年的6434.72万元减少到4343.85万元",
                                    "项目支出与上年相比，由6434.72万元减少至4343.85万元"])
def test_a_from_to_after_the_clause_naming_its_part_is_the_parts(before: str, sample_text: str, tmp_path: Path) -> None:
    """由…到 reads the item named in the clause before it as a change written with its amount does: it was the
    total's, a false RC012 (6434.72万元 less 2090.87万元 is not the total's 6663.49万元) and RC011."""
    line = sample_text.split("\n")[OVERVIEW - 1]
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: line.replace("项目支出减少2090.87万元", before)})
    assert [(c.subject, c.direction) for c in doc.expenditure.changes] == [("收支合计", -1), ("基本支出", 1), ("项目支出", -1)]
    assert not {"RC011", "RC012"} & _codes(doc, OVERVIEW)


@pytest.mark.parametrize("before", ["公务接待费较上年有所下降，由上年的1.02万元减少到0.94万元",
                                    "公务接待费并非与上年持平，由上年的1.02万元减少到0.94万元，减少0.08万元"])
def test_reception_from_to_after_the_clause_naming_it_is_its_change(before: str, sample_text: str,
                                                                     tmp_path: Path) -> None:
    line = _sangong(sample_text).replace("公务接待费1.02万元减少0.08万元", before)
    doc = rewrite(sample_text, tmp_path, {SANGONG: line})
    assert [(c.subject, c.direction) for c in doc.sangong.changes if c.subject == "公务接待费"] == [("公务接待费", -1)]
    assert [c.subject for c in doc.sangong.changes].count("“三公”经费合计") == 1
    assert not {"RC011", "RC012"} & _codes(doc, SANGONG)


def test_a_from_to_after_a_clause_naming_no_item_stays_the_totals(sample_text: str, sample_doc: Disclosure,
                                                                  tmp_path: Path) -> None:
    line = sample_text.split("\n")[OVERVIEW - 1]
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: line.replace(
        "较2022年预算减少2017.79万元", "较上年有所下降，由上年的8681.28万元减少到6663.49万元")})
    assert [(c.subject, c.direction) for c in doc.expenditure.changes] == [("收支合计", -1), ("基本支出", 1), ("项目支出", -1)]
    assert not {"RC011", "RC012"} & _codes(doc, OVERVIEW)


@pytest.mark.parametrize("before", ["基本支出与项目支出合计与上年相比，减少2017.79万元",
                                    "在优先保障基本支出的前提下与上年相比，减少2017.79万元",
                                    "基本支出与项目支出合计较上年有所下降，由上年的8681.28万元减少到6663.49万元",
                                    "基本支出与项目支出合计较上年有所下降，减少2017.79万元"])
def test_a_clause_naming_a_sum_or_circumstances_leaves_the_change_the_totals(before: str, sample_text: str,
                                                                             tmp_path: Path) -> None:
    """Several items summed (…合计) or the change's circumstances (在优先保障基本支出的前提下) name no one item: the change
    is the total's (R47: it was 基本支出's — a false RC012 error for the 由…到, a false VA002 for the plain change)."""
    line = sample_text.split("\n")[OVERVIEW - 1]
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: line.replace("较2022年预算减少2017.79万元", before)})
    assert [(c.subject, c.direction) for c in doc.expenditure.changes] == [("收支合计", -1), ("基本支出", 1), ("项目支出", -1)]
    assert not {"RC011", "RC012", "VA002"} & _codes(doc, OVERVIEW)
