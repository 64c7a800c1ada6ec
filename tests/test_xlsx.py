"""The one Excel writer (xlsx.workbook_bytes): text a worksheet cannot hold."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from budget_audit.xlsx import workbook_bytes


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
