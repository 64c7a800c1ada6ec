"""Read a plain-text disclosure: detect the encoding, split lines, normalise widths.

UTF-8 (with or without BOM), UTF-16 and UTF-32 with BOM and GB18030/GBK are accepted;
CRLF, CR and LF line ends all give the same lines. Full-width digits and ASCII-like symbols
are mapped to ASCII (:func:`budget_audit.amounts.to_halfwidth`); invisible format characters
and form feeds are dropped (:data:`DROPPED`). A file cut off in the
middle of its last character (an interrupted download) loses only that character; the
lost bytes are counted in ``SourceInfo.cut_bytes`` and rule CP010 reports them. A figure scanned with letters among
its digits (l8.84万元) is read as digits and listed in ``SourceInfo.misread``, which rule CS011 reports; an amount in
a form that is not read (￥1,844,000.00) is listed in ``SourceInfo.unread`` (:mod:`.unread`), which rule CS012
reports.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from ..amounts import FULLWIDTH_TABLE, MONEY_UNITS, to_halfwidth
from ..errors import InputError, locale_reason, not_a_file, os_reason, utf8_spelling_exists
from ..model import Misread, SourceInfo
from .unread import unread_amounts

_NEWLINE_RE = re.compile(r"\r\n|\r|\n")
#: Characters dropped from every line: invisible format characters (zero-width space and
#: joiners, BOM, bidirectional marks (the Arabic letter mark too) and overrides, soft hyphen, word joiner) and the form
#: feed pdftotext writes at each page break. "47\u200b39.51万元" is then one number, a
#: heading after a stray BOM is still a heading, and no override can make text read
#: otherwise than it is stored.
DROPPED = dict.fromkeys(
    [0x0C, 0xAD, 0x061C, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065),
     *range(0x2066, 0x206A), 0xFEFF]
)
_LINE_TABLE = {**FULLWIDTH_TABLE, **DROPPED}  # widths and dropped characters in one pass
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
#: What a text in GB18030 has that no other encoding's bytes decode to as often: hanzi, CJK punctuation or full-width
#: forms (a params file whose only non-ASCII is year: ２０２３).
#: Two ideographic spaces or more between two fields: a column gap of a table aligned with them (项目编码　　4311…), read
#: as one aligned with spaces is (three or more) — not the one space each becomes (two: no gap, all rows lost).
_IDEOGRAPHIC_GAP_RE = re.compile(r"(?<=[^\s\u3000])\u3000{2,}(?=[^\s\u3000])")
_CHINESE_TEXT_RE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]")
#: Control characters that do not occur in a text document.
_BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))
#: A text with nothing but these (white space of any width, BOMs, zero-width marks) is empty.
_BLANK_RE = re.compile(r"[\s\ufeff\u200b\u200c\u200d\u2060]*")
_EMPTY = "文件为空"

MAX_SOURCE_BYTES = 50 * 1024 * 1024
"""Largest disclosure file read (50 MB). Real disclosures are well under a few MB; anything
bigger is the wrong file, and reading it whole would only exhaust memory."""

#: A GB18030 decoding is trusted only if at least this share of its non-ASCII characters
#: are common GB2312 ones (hanzi, punctuation, numbering). Real disclosures score ~100%;
#: Big5 read as GB18030 scores ~12%, Shift-JIS ~1%.
_MIN_COMMON_GB_SHARE = 0.5
#: …judged only when the sample has at least this many non-ASCII characters.
_MIN_NON_ASCII_TO_JUDGE = 50


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the original file
    text: str  # width-normalised, line end removed


class Decoded(NamedTuple):
    text: str
    encoding: str
    cut_bytes: int  # bytes of an incomplete last character, dropped


def decode(data: bytes, path: str, *, empty_ok: bool = False) -> Decoded:
    """Decode document bytes, or raise :class:`InputError`; blank text (nothing, a BOM, white space) is an error
    too, unless ``empty_ok`` (a params file that sets nothing), when it is returned as ""."""
    if not data.strip():
        if empty_ok:
            return Decoded("", "utf-8", 0)
        raise InputError(path, _EMPTY)
    decoded = _decode(data, path)
    if _BLANK_RE.fullmatch(decoded.text):
        if empty_ok:
            return decoded._replace(text="")
        raise InputError(path, _EMPTY)
    return decoded


def _decode(data: bytes, path: str) -> Decoded:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path)._replace(encoding="utf-8-sig")
    # the UTF-32 LE BOM starts with the UTF-16 LE one: test UTF-32 first
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(data, "utf-32", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path)
    data = data.rstrip(b"\x00\x1a")  # NUL padding or a DOS end-of-file mark after the text: no content of it
    if (binary := _binary_at(data)) is not None:
        if _utf16_without_bom(data):
            raise InputError(path, "疑为不带 BOM 的 UTF-16 编码，请另存为 UTF-8 或 GB18030 后再检查")
        raise InputError(path, f"不是文本文件（第 {binary} 字节起含二进制内容）")
    try:
        return _decode_cut(data, "utf-8")
    except UnicodeDecodeError as utf8_error:
        bad_byte = utf8_error.start
    try:
        decoded = _decode_cut(data, "gb18030")
    except UnicodeDecodeError as error:  # the encoding that reads further is the file's: name where it stops
        raise InputError(
            path, f"无法识别的文本编码（既不是 UTF-8 也不是 GB18030/GBK，第 {max(bad_byte, error.start)} 字节）"
        ) from None
    if _BLANK_RE.fullmatch(decoded.text):
        return decoded  # e.g. only GB18030 ideographic spaces: decode() says it is empty
    if not _CHINESE_TEXT_RE.search(decoded.text):
        raise InputError(path, "无法识别的文本编码（按 GB18030 解码后没有中文）")
    if not _looks_like_gb(decoded.text[:65536]):
        raise InputError(
            path, "无法识别的文本编码（按 GB18030 解码后多为生僻字和符号，可能是 Big5 或 Shift-JIS）"
        )
    return decoded


_BINARY_CHUNK = 65536


def _binary_at(data: bytes) -> int | None:
    """Where binary content begins in ``data``, if it has any: a NUL byte anywhere, or a 64 KB stretch of which more
    than 1% are control characters no text has — the whole file, not its start only (a text with a binary blob far
    into it lost the lines it replaced without a word)."""
    nul = data.find(b"\x00")
    for start in range(0, len(data) if nul < 0 else nul, _BINARY_CHUNK):
        chunk = data[start:start + _BINARY_CHUNK]
        if len(chunk) - len(chunk.translate(None, _BINARY_BYTES)) > max(len(chunk) // 100, 1):  # in one pass; a stray one is none
            return start + min(i for b in _BINARY_BYTES if (i := chunk.find(b)) >= 0)
    return None if nul < 0 else nul


def _utf16_without_bom(data: bytes) -> bool:
    """Whether ``data`` reads as UTF-16 without its BOM: its NULs (the high bytes of ASCII characters) mostly on one
    side of the byte pairs (the low byte of 一 U+4E00 is one on the other), and Chinese when decoded so."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < 8 or min(even, odd) * 2 > max(even, odd):
        return False  # no NULs to speak of (a text's NUL is binary), or as many on each side
    try:
        text = sample[: len(sample) // 2 * 2].decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return False
    return len(_CJK_RE.findall(text)) > len(text) // 4


def _looks_like_gb(sample: str) -> bool:
    """Whether GB18030-decoded text reads as Chinese rather than as mojibake of another
    double-byte encoding (Big5, Shift-JIS decode as GB18030 without error, but mostly to
    rare hanzi, kana and symbols outside the common GB2312 rows)."""
    counts = Counter(ch for ch in sample if ord(ch) > 0x7F)
    total = sum(counts.values())
    if total < _MIN_NON_ASCII_TO_JUDGE:
        return True
    common = sum(n for ch, n in counts.items() if _is_common_gb(ch))  # each character once
    return common >= _MIN_COMMON_GB_SHARE * total


def _is_common_gb(ch: str) -> bool:
    """GB2312 hanzi (rows 16–87) or punctuation, numbering and full-width forms (rows 1–3)."""
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return lead >= 0xB0 or lead in (0xA1, 0xA2, 0xA3)


def _decode_cut(data: bytes, encoding: str) -> Decoded:
    """Decode strictly, except that one incomplete character at the very end (a file cut
    off mid-character, e.g. an interrupted download) is dropped (and counted) instead of
    failing."""
    decoder = codecs.getincrementaldecoder(encoding)()
    text = decoder.decode(data, final=False)
    return Decoded(text, encoding, len(decoder.getstate()[0]))


def _strict(data: bytes, encoding: str, path: str) -> Decoded:
    try:
        return _decode_cut(data, encoding)
    except UnicodeDecodeError as error:
        raise InputError(path, f"{encoding} 编码损坏（第 {error.start} 字节）") from None


def ends_with_line_end(text: str) -> bool:
    """Whether the last line with text is followed by a line end (blanks after it aside)."""
    return text.rstrip(" \t\u3000").endswith(("\n", "\r"))


#: A figure with letters scanning (OCR) takes for digits — l or I for 1, O or o for 0 — among its digits: before a
#: money unit or a percent sign (l8.84万元, 5728.O7万元), or a table cell's whole value with decimals (26l.41). Not a
#: word's letters (No.5, ID10).
_MISREAD_RE = re.compile(
    rf"(?<![A-Za-z])(?=[\d.,]*[lIOo])(?=[lIOo.,]*\d)[\dlIOo][\d.,lIOo]*[\dlIOo](?=\s*(?:{MONEY_UNITS}|%))"
    r"|(?<=^\t)(?=[\d.,]*[lIOo])(?=[lIOo.,]*\d)[\dlIOo][\d,lIOo]*\.[\dlIOo]{2}$"
)
_AS_DIGITS = str.maketrans("lIOo", "1100")
#: A letter scanning takes for a digit beside a digit (or its point): what every misread figure has.
_LETTER_BY_DIGIT_RE = re.compile(r"[\d.][lIOo]|[lIOo][\d.]")
#: A figure before a money unit cut by one space where no thousands are grouped (18 4.4万元, 23 19.63万元, 988. 56万元):
#: read as one number, its last part alone was read before (4.4, 19.63, 56). Not 5 728.07 (thousands), nor a figure
#: after a list's number or a punctuation mark.
_SPLIT_FIGURE_RE = re.compile(
    rf"(?<=[\u4e00-\u9fff])(?:\d{{1,3}} (?!\d{{3}}(?!\d))\d{{1,3}}(?:\.\d+)?|\d+\. \d+)(?=\s*{MONEY_UNITS})"
)  # right after a word: not a list's number (：1. 50万元用于…)
_SPACE_IN_FIGURE_RE = re.compile(r"\d\.? \d")


def read_misread(lines: list[Line]) -> tuple[list[Line], tuple[Misread, ...]]:
    """``lines`` with the letters of each misread figure (:data:`_MISREAD_RE`) read as digits and each figure cut by a
    space (:data:`_SPLIT_FIGURE_RE`) read whole, and those figures."""
    whole = "\n".join(line.text for line in lines)
    letters, spaces = _LETTER_BY_DIGIT_RE.search(whole), _SPACE_IN_FIGURE_RE.search(whole)
    if not letters and not spaces:
        return lines, ()  # most documents: no letter beside a digit, no space between digits at all
    found: list[Misread] = []
    out: list[Line] = []
    for line in lines:
        text = line.text
        at = len(found)

        def digits(match: re.Match[str], number: int = line.number) -> str:
            read = match[0].translate(_AS_DIGITS)
            found.append(Misread(number, match[0], read))
            return read

        def joined(match: re.Match[str], number: int = line.number) -> str:
            read = match[0].replace(" ", "")
            found.append(Misread(number, match[0], read))
            return read

        if letters and _LETTER_BY_DIGIT_RE.search(text):
            text = _MISREAD_RE.sub(digits, text)
        if spaces and _SPACE_IN_FIGURE_RE.search(text):  # (most lines: no space between two digits)
            text = _SPLIT_FIGURE_RE.sub(joined, text)
        found[at:] = [replace(m, text=text.strip()) for m in found[at:]]
        out.append(Line(line.number, text) if text != line.text else line)
    return out, tuple(found)


def split_lines(text: str) -> tuple[list[Line], str]:
    """Split on any line end; returns the lines and the dominant line-end style."""
    ends = _NEWLINE_RE.findall(text)
    newline = max(("\r\n", "\n", "\r"), key=ends.count) if ends else "\n"
    if "\u3000\u3000" in text:
        text = _IDEOGRAPHIC_GAP_RE.sub("   ", text)
    parts = _NEWLINE_RE.split(to_halfwidth(text, _LINE_TABLE))  # in one pass: no mapping makes or takes a line end
    if parts and parts[-1] == "":
        parts.pop()
    return [Line(i, t) for i, t in enumerate(parts, start=1)], newline


def _read_regular_file(name: str) -> bytes:
    """The bytes of a regular file (symlinks followed) of at most :data:`MAX_SOURCE_BYTES`.

    FIFOs, devices and sockets are refused before they are opened (reading them could
    block forever or never end); the file is opened non-blocking and checked again, in
    case it was swapped for one in between."""
    if not name:
        raise InputError(name, "文件路径为空")
    try:
        _check_kind(name, os.stat(name))
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except UnicodeEncodeError:  # a Chinese name under an ascii or latin-1 locale
        raise InputError(name, f"无法访问：{locale_reason()}") from None
    except FileNotFoundError:
        if utf8_spelling_exists(name):  # there, spelt in UTF-8, which a GB18030 locale does not look for
            raise InputError(name, f"无法访问：{locale_reason()}") from None
        reason = "符号链接指向的文件不存在" if os.path.islink(name) else "文件不存在"
        raise InputError(name, reason) from None
    except IsADirectoryError:
        raise InputError(name, not_a_file(stat.S_IFDIR) or "") from None
    except OSError as error:
        raise InputError(name, f"无法读取（{os_reason(error)}）") from None
    try:
        with os.fdopen(fd, "rb") as file:
            _check_kind(name, os.fstat(file.fileno()))
            data = file.read(MAX_SOURCE_BYTES + 1)
    except OSError as error:
        raise InputError(name, f"无法读取（{os_reason(error)}）") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError(name, _too_large())
    return data


def _check_kind(name: str, status: os.stat_result) -> None:
    """Raise :class:`InputError` unless ``status`` is that of a regular file of sane size."""
    problem = not_a_file(status.st_mode)
    if problem is not None:
        raise InputError(name, problem)
    if status.st_size > MAX_SOURCE_BYTES:
        raise InputError(name, _too_large(status.st_size))


def _too_large(size: int | None = None) -> str:
    actual = f"{size / 1024 / 1024:.1f} MB，" if size is not None else ""
    return f"文件过大（{actual}超过 {MAX_SOURCE_BYTES // 1024 // 1024} MB 上限；预算公开文件通常只有几 MB）"


def read_lines(path: str | Path) -> tuple[list[Line], SourceInfo]:
    """Read a text disclosure; raises :class:`InputError` for unusable input."""
    name = str(path)
    data = _read_regular_file(name)
    decoded = decode(data, name)
    return read_text(decoded.text, name, encoding=decoded.encoding, sha256=hashlib.sha256(data).hexdigest(),
                     cut_bytes=decoded.cut_bytes)


def read_text(
    text: str, name: str, *, encoding: str = "utf-8", sha256: str = "", cut_bytes: int = 0
) -> tuple[list[Line], SourceInfo]:
    """The lines of a decoded disclosure ``text`` and what is known of its source (``name``, the file's ``encoding``,
    ``sha256`` and the ``cut_bytes`` of its last character): its figures with letters read as digits and its
    amounts in forms that are not read."""
    lines, newline = split_lines(text)
    lines, misread = read_misread(lines)
    info = SourceInfo(
        path=name,
        encoding=encoding,
        newline={"\r\n": "CRLF", "\r": "CR", "\n": "LF"}[newline],
        sha256=sha256,
        line_count=len(lines),
        final_newline=ends_with_line_end(text),
        cut_bytes=cut_bytes,
        misread=misread,
        unread=unread_amounts([line.text for line in lines]),  # numbered from 1, as split_lines numbers them
    )
    return lines, info
