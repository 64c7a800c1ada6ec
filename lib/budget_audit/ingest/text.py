"""Read a plain-text disclosure: detect the encoding, split lines, normalise widths.

UTF-8 (with or without BOM), UTF-16 with BOM and GB18030/GBK are accepted; CRLF, CR
and LF line ends all give the same lines. Full-width digits and ASCII-like symbols
are mapped to ASCII (:func:`budget_audit.amounts.to_halfwidth`). A file cut off in the
middle of its last character (an interrupted download) loses only that character; the
lost bytes are counted in ``SourceInfo.cut_bytes`` and rule CP010 reports them.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..amounts import to_halfwidth
from ..errors import InputError
from ..model import SourceInfo

_NEWLINE_RE = re.compile(r"\r\n|\r|\n")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
#: Control characters that do not occur in a text document.
_BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the original file
    text: str  # width-normalised, line end removed


class Decoded(NamedTuple):
    text: str
    encoding: str
    cut_bytes: int  # bytes of an incomplete last character, dropped


def decode(data: bytes, path: str) -> Decoded:
    """Decode document bytes, or raise :class:`InputError`."""
    if not data.strip():
        raise InputError(path, "文件为空")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path)._replace(encoding="utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path)
    sample = data[:65536]
    if b"\x00" in sample or sum(sample.count(b) for b in _BINARY_BYTES) > len(sample) // 100:
        raise InputError(path, "不是文本文件（含二进制内容）")
    try:
        return _decode_cut(data, "utf-8")
    except UnicodeDecodeError as utf8_error:
        bad_byte = utf8_error.start
    try:
        decoded = _decode_cut(data, "gb18030")
    except UnicodeDecodeError:
        raise InputError(
            path, f"无法识别的文本编码（既不是 UTF-8 也不是 GB18030/GBK，第 {bad_byte} 字节）"
        ) from None
    if not _CJK_RE.search(decoded.text):
        raise InputError(path, "无法识别的文本编码（按 GB18030 解码后没有中文）")
    return decoded


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


def split_lines(text: str) -> tuple[list[Line], str]:
    """Split on any line end; returns the lines and the dominant line-end style."""
    ends = _NEWLINE_RE.findall(text)
    newline = max(("\r\n", "\n", "\r"), key=ends.count) if ends else "\n"
    parts = _NEWLINE_RE.split(text)
    if parts and parts[-1] == "":
        parts.pop()
    return [Line(i, to_halfwidth(t)) for i, t in enumerate(parts, start=1)], newline


def read_lines(path: str | Path) -> tuple[list[Line], SourceInfo]:
    """Read a text disclosure; raises :class:`InputError` for unusable input."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(name, "文件不存在") from None
    except IsADirectoryError:
        raise InputError(name, "这是一个目录，不是文件") from None
    except OSError as error:
        raise InputError(name, f"无法读取（{error.strerror}）") from None
    decoded = decode(data, name)
    lines, newline = split_lines(decoded.text)
    info = SourceInfo(
        path=name,
        encoding=decoded.encoding,
        newline={"\r\n": "CRLF", "\r": "CR", "\n": "LF"}[newline],
        sha256=hashlib.sha256(data).hexdigest(),
        line_count=len(lines),
        final_newline=ends_with_line_end(decoded.text),
        cut_bytes=decoded.cut_bytes,
    )
    return lines, info
