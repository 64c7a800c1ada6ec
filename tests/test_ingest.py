"""Encodings, line ends and full-width digits all give the same model."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from budget_audit.amounts import to_halfwidth
from budget_audit.errors import InputError
from budget_audit.ingest import read_lines, split_lines
from budget_audit.jsonio import dumps
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file

_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _fullwidth_narrative(text: str) -> str:
    """Full-width digits in every non-table line (tables keep ASCII digits)."""
    return "\n".join(
        line if line.startswith("\t") else line.translate(_FULLWIDTH_DIGITS)
        for line in text.split("\n")
    )


def _grouped(text: str, comma: str = ",") -> str:
    """Narrative amounts of 1000万元 and more grouped in thousands (4,739.51万元)."""
    return "\n".join(
        line if line.startswith("\t")
        else re.sub(r"(?<![\d.])(\d{1,3})(\d{3})(?=\.\d+万元)", rf"\1{comma}\2", line)
        for line in text.split("\n")
    )


def _fullwidth_grouped(text: str) -> str:
    """Full-width digits grouped with a full-width comma, as converted PDFs write them
    (４，７３９．５１万元)."""
    return _fullwidth_narrative(_grouped(text, "，"))


#: variant name → (text transform, encoding, expected source.encoding, expected newline)
VARIANTS: dict[str, tuple[Callable[[str], str], str, str, str]] = {
    "gb18030": (lambda t: t, "gb18030", "gb18030", "LF"),
    "gbk": (lambda t: t, "gbk", "gb18030", "LF"),
    "utf-8-bom": (lambda t: t, "utf-8-sig", "utf-8-sig", "LF"),
    "utf-16-bom": (lambda t: t, "utf-16", "utf-16", "LF"),
    "crlf": (lambda t: t.replace("\n", "\r\n"), "utf-8", "utf-8", "CRLF"),
    "cr": (lambda t: t.replace("\n", "\r"), "utf-8", "utf-8", "CR"),
    "gb18030-crlf": (lambda t: t.replace("\n", "\r\n"), "gb18030", "gb18030", "CRLF"),
    "fullwidth-narrative": (_fullwidth_narrative, "utf-8", "utf-8", "LF"),
    "fullwidth-everywhere": (lambda t: t.translate(_FULLWIDTH_DIGITS), "utf-8", "utf-8", "LF"),
}


def _model_json_without_source(doc: Disclosure) -> str:
    """The model JSON with the per-file source fields blanked (line_count is kept)."""
    source = dataclasses.replace(doc.source, path="", encoding="", newline="", sha256="")
    return dumps(dataclasses.replace(doc, source=source))


@pytest.fixture(scope="module")
def original_json(sample_doc: Disclosure) -> str:
    return _model_json_without_source(sample_doc)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_gives_identical_model(
    name: str, sample_text: str, original_json: str, tmp_path: Path
) -> None:
    transform, encoding, expected_encoding, expected_newline = VARIANTS[name]
    data = transform(sample_text).encode(encoding)
    assert data != sample_text.encode("utf-8")  # the variant really differs
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)

    doc = parse_file(path)

    assert doc.source.path == str(path)
    assert doc.source.encoding == expected_encoding
    assert doc.source.newline == expected_newline
    assert doc.source.sha256 == hashlib.sha256(data).hexdigest()
    assert _model_json_without_source(doc) == original_json


def test_fullwidth_variant_really_has_fullwidth_digits(sample_text: str) -> None:
    variant = _fullwidth_narrative(sample_text)
    assert "５７２８.０７万元" in variant
    assert "\t260700.00" in variant  # table cells untouched


def test_fullwidth_digits_grouped_with_a_fullwidth_comma(sample_text: str, tmp_path: Path) -> None:
    """The same model as the document grouped with ASCII commas: each amount read whole."""
    variant = _fullwidth_grouped(sample_text)
    assert "５，７２８.０７万元" in variant
    docs = []
    for name, text in (("fullwidth", variant), ("ascii", _grouped(sample_text))):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        docs.append(_model_json_without_source(parse_file(path)))
    assert docs[0] == docs[1]
    assert "5,728.07万元" in docs[0]


@pytest.mark.parametrize(("written", "read"), [
    ("收入４，７３９．５１万元，其中", "收入4,739.51万元，其中"),
    ("１，２３４，５６７元", "1,234,567元"),
    ("共３，１２个", "共3，12个"),  # not three digits after it
    ("２０２２，２０２３年", "2022，2023年"),  # four
    ("1，234万元", "1，234万元"),  # ASCII digits: the comma may end a clause
    ("收入预算4，948.35万元，其中", "收入预算4,948.35万元，其中"),  # …but not in an amount with cents (a false CP002)
    ("共1，234，567.00元", "共1,234,567.00元"),
    ("2023，120.50万元", "2023，120.50万元"),  # four digits before it
])
def test_a_fullwidth_comma_groups_digits_in_thousands(written: str, read: str) -> None:
    assert to_halfwidth(written) == read
    assert [line.text for line in split_lines(written)[0]] == [read]


def test_original_source_info(sample_doc: Disclosure, sample_path: Path) -> None:
    s = sample_doc.source
    assert (s.path, s.encoding, s.newline, s.line_count) == (str(sample_path), "utf-8", "LF", 3219)
    assert s.sha256 == hashlib.sha256(sample_path.read_bytes()).hexdigest()


def test_split_lines_mixed_line_ends_and_numbering() -> None:
    lines, newline = split_lines("a\r\nb\rc\nd\r\n\r\ne")
    assert [(line.number, line.text) for line in lines] == [
        (1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, ""), (6, "e"),
    ]
    assert newline == "\r\n"


def test_split_lines_normalises_width() -> None:
    lines, _ = split_lines("预算１２.５万元\u3000合计\n")
    assert [line.text for line in lines] == ["预算12.5万元 合计"]


def test_two_ideographic_spaces_between_fields_are_a_column_gap() -> None:
    """项目编码　　4311… (a table aligned with full-width spaces) keeps a gap the rows reader sees (three spaces); a
    paragraph's indent and one ideographic space between words stay as one space each."""
    lines, _ = split_lines("项目编码\u3000\u300043112224P0003\u3000\u3000\u3000项目名称\n\u3000\u30002023年预算收入5728.07万元\n"
                           "项目一\u3000学生资助\u3000\u3000\n")
    assert [line.text for line in lines] == ["项目编码   43112224P0003   项目名称", "  2023年预算收入5728.07万元",
                                             "项目一 学生资助  "]


def test_read_lines_line_numbers_match_the_file(sample_path: Path, sample_text: str) -> None:
    lines, info = read_lines(sample_path)
    raw = sample_text.split("\n")
    assert info.line_count == len(lines) == len(raw)
    for line in lines:
        assert line.text == to_halfwidth(raw[line.number - 1])


def test_undecodable_file_is_an_input_error(tmp_path: Path) -> None:
    # valid UTF-8 Chinese followed by bytes that are neither UTF-8 nor GB18030
    path = tmp_path / "坏编码.txt"
    path.write_bytes("2023年单位预算信息公开情况说明\n收入".encode() + b"\xff\xff\xfe\n")
    with pytest.raises(InputError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert "编码" in message
    assert "\n" not in message


def test_corrupt_utf8_after_bom_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "预算".encode() + b"\xff" + "公开".encode())
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert str(path) in str(caught.value)
    assert "编码" in caught.value.reason



@pytest.mark.parametrize(
    ("bom", "encoding"), [(b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be")]
)
def test_utf32_with_bom_gives_identical_model(
    bom: bytes, encoding: str, sample_text: str, original_json: str, tmp_path: Path
) -> None:
    """The UTF-32 LE BOM starts with the UTF-16 LE one: it must not be read as UTF-16."""
    data = bom + sample_text.encode(encoding)
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(data)

    doc = parse_file(path)

    assert doc.source.encoding == "utf-32"
    assert doc.source.sha256 == hashlib.sha256(data).hexdigest()
    assert _model_json_without_source(doc) == original_json


def test_utf32_cut_mid_character_loses_only_that_character(
    sample_text: str, tmp_path: Path
) -> None:
    data = sample_text.encode("utf-32")
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:-2])
    doc = parse_file(path)
    assert (doc.source.encoding, doc.source.cut_bytes) == ("utf-32", 2)


@pytest.mark.parametrize("encoding", ["big5", "shift_jis"])
def test_other_double_byte_encodings_are_an_encoding_error(
    encoding: str, sample_text: str, tmp_path: Path
) -> None:
    """Big5 and Shift-JIS decode as GB18030 without error, to mojibake: say so, instead
    of "不像预算公开文件"."""
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(sample_text.encode(encoding, errors="ignore"))
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert caught.value.reason.startswith("无法识别的文本编码")
    assert "Big5" in caught.value.reason


def test_gb18030_with_a_few_rare_characters_is_still_read(tmp_path: Path) -> None:
    """Rare hanzi (outside GB2312, e.g. in names) do not make a GBK file "mojibake"."""
    text = "2023年单位预算信息公开情况说明\n联系人：王堃、李喆、张镕\n" * 3
    path = tmp_path / "rare.txt"
    path.write_bytes(text.encode("gb18030"))
    assert parse_file(path).source.encoding == "gb18030"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_bom_is_named(encoding: str, sample_text: str, tmp_path: Path) -> None:
    """It was "不是文本文件（含二进制内容）" (a reviewer's find): say what it seems to be and what to do."""
    path = tmp_path / "utf16.txt"
    path.write_bytes(sample_text.encode(encoding))
    with pytest.raises(InputError, match="疑为不带 BOM 的 UTF-16 编码"):
        read_lines(path)


def test_an_undecodable_file_names_where_the_likelier_encoding_stops(sample_text: str, tmp_path: Path) -> None:
    """A GBK file with one bad byte deep in it was reported at byte 0 (where UTF-8 fails on the first Chinese
    character); a UTF-8 file with one GBK line must name that line's byte, not where GB18030 fails."""
    lines = sample_text.split("\n")
    gbk = "\n".join(lines[:500]).encode("gb18030")
    path = tmp_path / "gbk.txt"
    path.write_bytes(gbk + b"\n\x80\xff" + "\n".join(lines[500:]).encode("gb18030"))
    with pytest.raises(InputError, match=f"第 {len(gbk) + 1} 字节"):
        read_lines(path)
    utf8 = "\n".join(lines[:500]).encode("utf-8")
    path.write_bytes(utf8 + "\n收入".encode("gbk") + "\n".join(lines[500:]).encode("utf-8"))
    with pytest.raises(InputError, match=f"第 {len(utf8) + 1} 字节"):
        read_lines(path)
