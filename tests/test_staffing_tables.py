"""编制 counts given as a table (编制类型 | 核定编制数（名） | 年末实有人数（人） over 行政编制 | 28 | 26 … 合计 | 50 | 45), one cell
a line, tab-parted or space-aligned: read as the paragraph's are, so that RC013 adds up its kinds (a reviewer's 街道办
document's 合计 50 against 28 + 18 + 2 = 48 went unreported: only paragraphs were read)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget_audit.checks import Finding, run_checks
from budget_audit.ingest import read_text
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file, parse_lines

_HEAD = """青岭县城关街道办事处2024年部门预算
一、主要职能
城关街道办事处是县政府的派出机关，负责辖区社区建设、城市管理和公共服务。
二、机构设置和人员编制
街道办事处内设5个办公室，下辖8个社区居民委员会。{staff}
青岭县城关街道办事处人员编制情况表
"""

_ROWS = [("编制类型", "核定编制数（名）", "年末实有人数（人）"), ("行政编制", "28", "26"), ("事业编制", "18", "17"),
         ("工勤编制", "2", "2"), ("合计", "{total}", "45")]


def _table(layout: str, rows: list[tuple[str, ...]]) -> str:
    if layout == "cells":  # one cell a line, a blank line after each row
        return "".join("".join(f"\t{cell}\n" for cell in row) + "\n" for row in rows)
    if layout == "tabs":
        return "".join("\t".join(row) + "\n" for row in rows)
    return "".join("".join(cell.ljust(12) for cell in row).rstrip() + "\n" for row in rows)  # space-aligned


def _doc(layout: str = "cells", *, total: str = "50", staff: str = "人员编制情况如下：",
         rows: list[tuple[str, ...]] | None = None) -> Disclosure:
    table = _table(layout, [tuple(c.format(total=total) for c in row) for row in rows or _ROWS])
    text = _HEAD.format(staff=staff) + table + "\n另有离退休人员31人。\n"
    return parse_lines(*read_text(text, "<staffing>"))


def _rc013(doc: Disclosure) -> list[Finding]:
    return [f for f in run_checks(doc) if f.code == "RC013"]


def _counts(doc: Disclosure) -> tuple[Decimal | None, list[tuple[str, Decimal | None]]]:
    st = doc.staffing
    return st.total.number if st.total else None, [(p.label, p.number) for p in st.parts]


def test_staffing_table_is_read_in_each_layout() -> None:
    for layout in ("cells", "tabs", "spaces"):
        doc = _doc(layout)
        assert _counts(doc) == (50, [("行政编制", 28), ("事业编制", 18), ("工勤编制", 2)]), layout
        assert doc.staffing.total is not None and doc.staffing.total.value.unit == "名"


def test_staffing_table_whose_kinds_miss_the_total_is_reported() -> None:
    for layout in ("cells", "tabs", "spaces"):
        found = _rc013(_doc(layout))
        assert len(found) == 1 and "48名" in found[0].message and "50名" in found[0].message, layout


def test_staffing_table_that_adds_up_is_quiet() -> None:
    assert _rc013(_doc(total="48")) == []


def test_kinds_across_the_header_are_read() -> None:
    rows = [("编制类型", "行政编制", "事业编制", "工勤编制", "合计"), ("核定编制数", "28", "18", "2", "{total}"),
            ("实有人数", "26", "17", "2", "45")]
    assert _counts(_doc("tabs", rows=rows)) == (50, [("行政编制", 28), ("事业编制", 18), ("工勤编制", 2)])


def test_a_kinds_breakdown_under_it_is_no_part_of_the_total() -> None:
    rows = [*_ROWS[:2], ("其中：参公编制", "6", "6"), *_ROWS[2:]]
    doc = _doc("tabs", rows=rows, total="48")
    assert _counts(doc)[1] == [("行政编制", 28), ("事业编制", 18), ("工勤编制", 2)]
    assert _rc013(doc) == []


def test_a_table_of_units_is_no_staffing() -> None:
    rows = [("单位名称", "编制数", "实有人数"), ("县农业综合行政执法大队", "12", "10"), ("合计", "12", "10")]
    assert _counts(_doc("tabs", rows=rows)) == (None, [])


def test_staffing_stated_in_words_is_read_as_before() -> None:
    doc = _doc(staff="核定编制48名，其中行政编制28名、事业编制18名、工勤编制2名。")
    assert _counts(doc) == (48, [("行政编制", 28), ("事业编制", 18), ("工勤编制", 2)])
    assert doc.staffing.total is not None and doc.staffing.total.span.line == 5  # the paragraph's, not the table's


def test_whole_street_office_document_staffing() -> None:
    """The reviewer's 街道办 document (tests/data): its table's 合计 50 against 28 + 18 + 2 (l.30–31)."""
    found = _rc013(parse_file(Path(__file__).resolve().parent / "data" / "E-qingling-cgjd-2024.txt"))
    assert len(found) == 1 and {30, 31} <= set(found[0].lines)


def test_a_kinds_breakdown_without_qizhong_is_no_part_of_the_total() -> None:
    """事业编制 | 18 over 全额拨款事业编制 | 15 and 差额拨款事业编制 | 3 (no 其中): the kind's own breakdown (R48: counted as
    kinds of their own, a false RC013 "各类编制之和 …")."""
    rows = [*_ROWS[:3], ("全额拨款事业编制", "15", "14"), ("差额拨款事业编制", "3", "3"), *_ROWS[3:]]
    doc = _doc("tabs", rows=rows, total="48")
    assert _counts(doc)[1] == [("行政编制", 28), ("事业编制", 18), ("工勤编制", 2)]
    assert _rc013(doc) == []
    assert len(_rc013(_doc("tabs", rows=rows, total="50"))) == 1
