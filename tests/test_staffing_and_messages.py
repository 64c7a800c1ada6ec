"""The staffing quota (line 182): a total written after its parts and the kinds' whole
names; and how messages quote a figure written as approximate (约/近/余): as written, while
sums and differences the checks work out stay to the cent."""

from __future__ import annotations

from pathlib import Path

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from test_format_variants import rewrite


def _messages(doc: Disclosure, code: str) -> list[str]:
    return [f.message for f in run_checks(doc) if f.code == code]


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
