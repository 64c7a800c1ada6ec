"""Files for Excel: workbooks an auditor can read as opened (bold, frozen and filtered
headers, columns as wide as their content — CJK counted double, capped, long text
wrapped), and the text of CSV files that Excel opens, kept text (:func:`excel_text`,
:func:`excel_cell`). pandas is imported where a frame is handled, not here: the ``check``
command writes its CSV without it."""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .errors import printable

if TYPE_CHECKING:
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@")
"""What makes Excel read a cell of a CSV file as a formula."""
_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?%?")

MAX_WIDTH = 60
"""Widest column, in Excel character units; longer text wraps."""
_SAMPLE_ROWS = 200


def _width(value: Any) -> int:
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _format(sheet: Any, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = sheet.dimensions
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = bold
    for index, column in enumerate(frame.columns, start=1):
        values = frame[column].head(_SAMPLE_ROWS).tolist()
        width = max([_width(column), *(_width(v) for v in values)]) + 2
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(width, MAX_WIDTH)
        if width > MAX_WIDTH:
            for cell in sheet[letter][1:]:
                cell.alignment = wrap


MAX_CELL_CHARS = 32_767
"""The most characters an Excel cell holds."""
CUT_MARK = "…（超出单元格长度，全文见 CSV）"


def _cell_text(value: Any) -> Any:
    """A string as a worksheet can hold it: the control characters XML forbids (a stray
    \\x01 or \\x1b in a document line) written escaped, as ``\\x01``; tab and line
    breaks kept; text longer than a cell holds cut with a note saying so."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        return value
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub(lambda m: printable(m.group()), value)
    if len(value) > MAX_CELL_CHARS:
        value = value[: MAX_CELL_CHARS - len(CUT_MARK)] + CUT_MARK
    return value


def _may_hold_text(dtype: Any) -> bool:
    import pandas as pd

    return pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)


def _map_text(frame: pd.DataFrame, func: Callable[[Any], Any]) -> tuple[pd.DataFrame, list[int]]:
    """A copy of ``frame`` with ``func`` applied to the columns that may hold text (the
    frame itself when there are none), and those columns' positions."""
    text = [i for i, dtype in enumerate(frame.dtypes) if _may_hold_text(dtype)]
    if text:
        frame = frame.copy()
        for index in text:
            frame.isetitem(index, frame.iloc[:, index].map(func))
    return frame, text


EXCEL_CSV_BOM = "\ufeff"
"""What a CSV file for Excel starts with: without it Excel on a Chinese Windows reads UTF-8 as GBK."""


def excel_cell(value: Any) -> Any:
    """A CSV cell as Excel (or WPS) should read it: text it would take for a formula — document
    text such as ``=HYPERLINK(…)`` starting with ``=``, ``+``, ``-`` or ``@`` — gets a leading
    apostrophe; numbers written as text (``-12.5``) and everything else stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def excel_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for a CSV file meant for Excel: every text cell as :func:`excel_cell` writes it."""
    return _map_text(frame, excel_cell)[0]


_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The one date in a workbook written here (its properties' and its zip members'):
the earliest a zip file holds, plainly not a real date."""
_CORE = "docProps/core.xml"
_MODIFIED_RE = re.compile(rb"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)")


def _reproducible(archive: bytes) -> bytes:
    """The same workbook dated :data:`_ZIP_EPOCH` throughout: openpyxl dates every zip
    member and the workbook's modification time when it saves."""
    epoch = datetime.datetime(*_ZIP_EPOCH).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == _CORE:
                data = _MODIFIED_RE.sub(rb"\g<1>" + epoch + rb"\g<2>", data)
            target.writestr(zipfile.ZipInfo(member.filename, date_time=_ZIP_EPOCH), data,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def workbook_bytes(sheets: Sequence[tuple[str, pd.DataFrame]]) -> bytes:
    """An .xlsx of one sheet per (name, frame), formatted for reading. Every text cell is
    stored as text: openpyxl would store a string starting with ``=`` as a formula.
    The same frames give the same bytes: the workbook's creation and modification times
    and the dates of its zip members are one fixed date, :data:`_ZIP_EPOCH`."""
    import pandas as pd

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        writer.book.properties.created = datetime.datetime(*_ZIP_EPOCH)
        for name, frame in sheets:
            frame, text = _map_text(frame, _cell_text)
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            for index in text:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                    if cell.data_type == "f":
                        cell.data_type = "s"
            _format(sheet, frame)
    return _reproducible(buffer.getvalue())
