"""The staffing quota (line 182): a total written after its parts and the kinds' whole
names; and how messages quote a figure written as approximate (约/近/余): as written, while
sums and differences the checks work out stay to the cent."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure, Figure
from test_format_variants import keys, rewrite


def _number(fig: Figure | None) -> str | None:
    return None if fig is None or fig.value.number is None else str(fig.value.number)


def _messages(doc: Disclosure, code: str) -> list[str]:
    return [f.message for f in run_checks(doc) if f.code == code]


# ------------------------------------------------------------------ 编制: the total after its parts

PARTS = "第八条  行政编制17名，工勤编制1名，锁定事业编制62名"


@pytest.mark.parametrize("line_182", [
    f"{PARTS}（共计80名）。",
    f"{PARTS}（合计80名），正股级领导职数22名。",
    f"{PARTS}（以上共计80名）。",
    f"{PARTS}（共计80名），实有人员：共计75人。",
    f"{PARTS}，共计80名。",
    f"{PARTS}，以上共计80名。",
    f"{PARTS}，共80名，副股级领导职数11名。",
])
def test_staffing_total_after_its_parts(line_182: str, sample_text: str, sample_doc: Disclosure,
                                        tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    assert _number(doc.staffing.total) == "80"
    assert [_number(p) for p in doc.staffing.parts] == ["17", "1", "62"]
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def test_staffing_total_after_its_parts_that_do_not_add_up(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: f"{PARTS}（共计81名）。"})
    assert _messages(doc, "RC013") == [
        "各类编制之和 80名（行政编制17名、工勤编制1名、锁定事业编制62名）与编制总数 81名 不符"]


@pytest.mark.parametrize("line_182", [
    # a sum of the leading posts, in brackets or not, is no total of the quota
    f"{PARTS}，副股级领导职数11名（合计33名）。",
    f"{PARTS}；正股级领导职数22名，副股级领导职数11名，合计33名。",
    # a part's own brackets hold a part of it
    f"{PARTS}（含参公编制5名）。",
    # one kind is no sum
    "第八条  行政编制17名（共计17名），正股级领导职数22名。",
])
def test_no_staffing_total_from_other_sums(line_182: str, sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    assert doc.staffing.total is None
    assert not _messages(doc, "RC013")


# ------------------------------------------------------------------ 编制: the kinds' whole names


def test_staffing_kinds_keep_their_whole_names(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: (
        "第八条  核定全额拨款事业编制62名，其中管理岗位编制10名，专业技术岗位编制50名，工勤技能岗位编制3名。")})
    st = doc.staffing
    assert st.total is not None and st.total.label == "全额拨款事业编制"
    assert [p.label for p in st.parts] == ["管理岗位编制", "专业技术岗位编制", "工勤技能岗位编制"]
    assert _messages(doc, "RC013") == [
        "各类编制之和 63名（管理岗位编制10名、专业技术岗位编制50名、工勤技能岗位编制3名）与编制总数 62名 不符"]


def test_staffing_labels_of_the_sample_stay(sample_doc: Disclosure) -> None:
    st = sample_doc.staffing
    assert st.total is not None and st.total.label == "机关编制"
    assert [p.label for p in st.parts] == ["行政编制", "工勤编制", "锁定事业编制"]
