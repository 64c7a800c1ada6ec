"""The one Excel writer (xlsx.workbook_bytes): text a worksheet cannot hold."""

from __future__ import annotations

import io
import re
import time
import zipfile

import openpyxl
import pandas as pd
import pytest

from budget_audit.xlsx import excel_text, workbook_bytes


def _cells(data: bytes) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_control_characters_from_a_document_are_written_escaped() -> None:
    """XML forbids \\x01 or \\x1b: written as text instead of failing the whole export."""
    frame = pd.DataFrame({"问题说明": ["项目“执法经费\x01\x1b[31m”", "换行\n与\t制表符"],
                          "金额": [1.5, 2.0],
                          "备注": pd.Series(["页\x0c眉", None], dtype=object)})
    rows = _cells(workbook_bytes([("findings", frame)]))
    assert rows[0] == ["问题说明", "金额", "备注"]
    assert rows[1] == ["项目“执法经费\\x01\\x1b[31m”", 1.5, "页\\x0c眉"]
    assert rows[2] == ["换行\n与\t制表符", 2.0, None]  # what a cell can hold is kept


def test_clean_frames_are_written_as_they_are() -> None:
    frame = pd.DataFrame({"项目": ["基本支出"], "本年": [2319.63]})
    assert _cells(workbook_bytes([("variance", frame)])) == [["项目", "本年"], ["基本支出", 2319.63]]
    assert list(frame["项目"]) == ["基本支出"]  # the caller's frame is not changed


def test_document_text_that_looks_like_a_formula_stays_text() -> None:
    """openpyxl stores a string starting with "=" as a formula: a project name such as
    =HYPERLINK(…) would become a live link in findings.xlsx."""
    link = '=HYPERLINK("http://example.invalid","执法经费")'
    frame = pd.DataFrame({"项目名称": [link, "+1", "执法经费"], "预算数": [1.0, 2.0, 3.0]})
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes([("projects", frame)]))).active
    cells = [sheet.cell(row=r, column=1) for r in (2, 3, 4)]
    assert [c.value for c in cells] == [link, "+1", "执法经费"]
    assert {c.data_type for c in cells} == {"s"}


def test_excel_text_guards_formula_starts_in_csv() -> None:
    frame = pd.DataFrame({
        "原文": ["=1+1", "+SUM(A1)", "-A1", "@cmd", "执法经费", "-12.5", "+3%", "1,234.50"],
        "行号": list(range(8)),
    })
    shown = excel_text(frame)
    assert list(shown["原文"]) == ["'=1+1", "'+SUM(A1)", "'-A1", "'@cmd", "执法经费",
                                 "-12.5", "+3%", "1,234.50"]
    assert list(shown["行号"]) == list(range(8))
    assert list(frame["原文"])[0] == "=1+1"  # the caller's frame is not changed


def test_text_longer_than_a_cell_is_cut_with_a_note() -> None:
    from budget_audit.xlsx import CUT_MARK, MAX_CELL_CHARS

    frame = pd.DataFrame({"原文": ["甲" * 40_000, "乙" * MAX_CELL_CHARS]})
    rows = _cells(workbook_bytes([("findings", frame)]))
    assert len(rows[1][0]) == MAX_CELL_CHARS and rows[1][0].endswith(CUT_MARK)
    assert rows[2][0] == "乙" * MAX_CELL_CHARS  # what fits is kept whole


def test_the_same_frames_give_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """No write time in the workbook: zip members and core properties carry 1980-01-01."""
    frame = pd.DataFrame({"规则": ["RC001", "RC002"], "差额": [1.5, -2.0]})
    first = workbook_bytes([("findings", frame)])
    later = time.time() + 3 * 86400
    monkeypatch.setattr(time, "time", lambda: later)  # zipfile dates members by time.time()
    assert workbook_bytes([("findings", frame)]) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert set(re.findall(r"\d{4}-\d\d-\d\dT[\d:]+Z", core)) == {"1980-01-01T00:00:00Z"}
    assert _cells(first) == [["规则", "差额"], ["RC001", 1.5], ["RC002", -2.0]]
