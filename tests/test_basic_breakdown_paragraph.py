"""基本支出's breakdown in a paragraph of its own after the statement of the expenditure
(…其中：基本支出42,815,316.00元…。 / 基本支出包括人员经费38,276,420.00元和公用经费4,538,896.00元…): it was not
read, so RC003 (人员经费 + 公用经费 = 基本支出) and RC017 never ran and a swapped digit went unseen."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from test_format_variants import rewrite

LINE = 217
INLINE = "，包括人员类项目经费2135.24万元和运转类公用项目经费184.4万元"


@pytest.mark.parametrize(("personnel", "gap"), [("2135.24", None), ("2153.24", "18.01万元")])
def test_the_breakdown_paragraph_is_read(sample_text: str, tmp_path: Path, personnel: str, gap: str | None) -> None:
    assert INLINE in sample_text.split("\n")[LINE - 1]
    breakdown = f"基本支出包括人员经费{personnel}万元和公用经费184.4万元，主要用于保障机关正常运转。"
    doc = rewrite(sample_text, tmp_path, {LINE: lambda line: line.replace(INLINE, "") + "\n\n" + breakdown})
    e = doc.expenditure
    assert (e.personnel.yuan, e.personnel.span.line, e.public.yuan) == (Decimal(personnel) * 10000, 219, Decimal(1844000))
    found = [f.message for f in run_checks(doc) if f.code == "RC003"]
    assert found == ([] if gap is None else [f"人员经费与公用经费之和 2,337.64万元 与基本支出 2,319.63万元 不符，相差 {gap}"])


@pytest.mark.parametrize(("public", "gap"), [("184.39", None), ("148.39", "36.00万元")])
def test_the_breakdown_in_a_later_statement_of_the_same_basic(sample_text: str, tmp_path: Path, public: str,
                                                              gap: str | None) -> None:
    """一般公共预算基本支出2319.63万元，比上年增加…。其中：人员经费…，公用经费… in a later section (a fund's statement of
    the same 基本支出): its breakdown was not read, so RC003 and RC017 never ran (two reviewers' planted defects)."""
    later = (f"一般公共预算基本支出2319.63万元，比上年增加73.07万元，主要原因是调整工资标准。"
             f"其中：人员经费2135.24万元，比上年增加70.00万元；公用经费{public}万元，比上年增加3.07万元。")
    doc = rewrite(sample_text, tmp_path, {LINE: lambda line: line.replace(INLINE, ""), 218: later})
    e = doc.expenditure
    assert (e.personnel.span.line, e.public.yuan) == (218, Decimal(public) * 10000)
    found = [f.message for f in run_checks(doc) if f.code == "RC003"]
    assert found == ([] if gap is None else [f"人员经费与公用经费之和 2,283.63万元 与基本支出 2,319.63万元 不符，相差 {gap}"])


@pytest.mark.parametrize(("public", "gap"), [("184.4", None), ("194.4", "10.01万元")])
def test_the_breakdown_a_part_a_line_after_its_qizhong(sample_text: str, tmp_path: Path, public: str,
                                                       gap: str | None) -> None:
    """基本支出…，其中： / 人员经费…万元，主要包括…； / 公用经费…万元，主要包括…。 — a part a line: neither was read, so RC003 and
    RC017 never ran (a reviewer's 公安局, a planted 10.00万元 gap unseen)."""
    lines = ["2023年一般公共预算基本支出2319.63万元，其中：", "人员经费2135.24万元，主要包括基本工资、津贴补贴等；",
             f"公用经费{public}万元，主要包括办公费、水电费等。"]
    doc = rewrite(sample_text, tmp_path, {LINE: lambda line: line.replace(INLINE, "") + "\n\n" + "\n".join(lines)})
    e = doc.expenditure
    assert e.personnel.yuan == Decimal("21352400") and e.public.yuan == Decimal(public) * 10000
    found = [f.message for f in run_checks(doc) if f.code == "RC003"]
    assert found == ([] if gap is None else [f"人员经费与公用经费之和 2,329.64万元 与基本支出 2,319.63万元 不符，相差 {gap}"])
