"""A change whose amount is written in brackets after its verb (减少（2017.79万元）, 增加(73.07万元)): the amount is
the change's — it was not read, so a total's change lost its breakdown's part (a false RC011 error) or was lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from test_format_variants import rewrite

OVERVIEW = 221


def _changes(doc: Disclosure) -> list[tuple[str, int, str]]:
    return [(c.subject, c.direction, c.amount.value.raw) for c in doc.expenditure.changes]


def _codes(doc: Disclosure, line: int) -> set[str]:
    return {f.code for f in run_checks(doc) if line in f.lines}


@pytest.mark.parametrize(("old", "new"), [
    ("基本支出增加73.07万元", "基本支出增加（73.07万元）"),
    ("基本支出增加73.07万元", "基本支出增加(73.07万元)"),
    ("较2022年预算减少2017.79万元", "较2022年预算减少（2017.79万元）"),
    ("项目支出减少2090.87万元", "项目支出减少（ 2090.87万元 ）"),
])
def test_a_bracketed_amount_after_the_verb_is_the_changes(old: str, new: str, sample_text: str, sample_doc: Disclosure,
                                                          tmp_path: Path) -> None:
    line = sample_text.split("\n")[OVERVIEW - 1]
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: line.replace(old, new)})
    assert _changes(doc) == _changes(sample_doc) == [
        ("收支合计", -1, "2017.79万元"), ("基本支出", 1, "73.07万元"), ("项目支出", -1, "2090.87万元")]
    assert "RC011" not in _codes(doc, OVERVIEW)


def test_a_wrong_bracketed_amount_still_fails_to_add_up(sample_text: str, tmp_path: Path) -> None:
    line = sample_text.split("\n")[OVERVIEW - 1]
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: line.replace("基本支出增加73.07万元", "基本支出增加（83.07万元）")})
    found = [f for f in run_checks(doc) if f.code == "RC011" and OVERVIEW in f.lines]
    assert len(found) == 1 and "83.07万元" in found[0].message and "相差 9.99万元" in found[0].message


def test_a_bracket_that_is_not_the_amounts_is_left_alone(sample_text: str, tmp_path: Path) -> None:
    """增加（主要为人员经费）73.07万元 and 增加（73.07万元的…）: no amount standing alone in the brackets."""
    line = sample_text.split("\n")[OVERVIEW - 1]
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: line.replace("基本支出增加73.07万元", "基本支出增加（含人员经费73.07万元等）")})
    assert ("基本支出", 1, "73.07万元") not in _changes(doc)
