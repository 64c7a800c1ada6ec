"""User-facing errors: one line naming the file and the problem (CLI exit code 2)."""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import stat
import sys
import unicodedata
from pathlib import Path
from typing import TextIO

#: Characters escaped for display: controls, line/paragraph separators, lone surrogates
#: (undecodable bytes of a file name, which strict UTF-8 output cannot encode).
_ESCAPED_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cs"})


#: Letters to Unicode that show as nothing (Hangul fillers, the braille blank): no unit code is written with them,
#: and a review comment of them alone says nothing.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _escaped(ch: str) -> str:
    if 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte os.fsdecode could not decode: show the byte
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return repr(ch)[1:-1]


def printable(text: str) -> str:
    """``text`` for a one-line message or a UTF-8 record: control characters escaped the
    way :func:`repr` escapes them (a newline becomes ``\\n``), a file name's undecodable
    bytes as ``\\xff``; everything else, backslashes included, as is."""
    return "".join(_escaped(ch) if unicodedata.category(ch) in _ESCAPED_CATEGORIES else ch for ch in text)


def write_utf8(stream: TextIO, text: str) -> None:
    """Write ``text`` to ``stream`` as UTF-8 bytes whatever the console's (the locale's)
    encoding: the one policy for everything the command line prints, results, help and
    messages alike. A file name's undecodable bytes become ``\\udcxx`` escapes rather
    than failing the output; a stream without a byte buffer (a StringIO) gets the text.
    OSError and ValueError (a closed stream) are the caller's to handle."""
    data = text.encode("utf-8", "backslashreplace")
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8"))
        return
    stream.flush()  # whatever the text layer still holds goes first
    buffer.write(data)
    buffer.flush()


def to_stderr(line: str) -> None:
    """``line`` on stderr, printable (a newline in a file name escaped), as UTF-8 bytes like
    stdout whatever the locale (an ascii console got ``\\u6587…`` escapes, a GB18030 one
    another encoding than stdout's). A closed stderr (``2>&-``: sys.stderr is None) or a
    full or broken one is passed over — the exit code still tells — never written to stdout
    instead, where print(file=None) would put it."""
    Utf8Stderr().write(printable(line) + "\n")


class Utf8Stderr:
    """A text stream for what writes to stderr on its own (batch's progress bar): UTF-8
    bytes like :func:`to_stderr`, and a stderr closed, full or broken passed over."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        try:
            if sys.stderr is not None:
                write_utf8(sys.stderr, text)
        except (OSError, ValueError):
            pass
        return len(text)

    def flush(self) -> None:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.flush()

    def fileno(self) -> int:  # the terminal's width, for a progress bar
        if sys.stderr is None:
            raise OSError(errno.EBADF, "stderr is closed")
        return sys.stderr.fileno()

    def isatty(self) -> bool:
        try:
            return sys.stderr is not None and sys.stderr.isatty()
        except (OSError, ValueError):
            return False


class InputError(Exception):
    """Unusable input: the message is shown to the user as is, without a traceback.

    ``path`` and ``reason`` are kept as given; the message shows them with control
    characters escaped (:func:`printable`), so a file name with a newline stays one line."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{printable(shown_path(path))}: {printable(reason)}" if path else printable(reason))
        self.path = path
        self.reason = reason


def one_line(text: str, limit: int = 200) -> str:
    """Collapse white space (line breaks included) and cut to ``limit`` characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def path_problem(path: str | Path, what: str = "") -> str | None:
    """Why ``path`` cannot even be looked up — a NUL byte in it, a symbolic link loop on
    the way — or None (``Path.exists`` reports both as a missing file)."""
    if "\0" in str(path):
        return f"{what}路径中含有空字符（NUL），无法使用"
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return f"{what}路径中有符号链接循环，无法使用"
    except UnicodeEncodeError:  # a Chinese name under an ascii or latin-1 locale
        return f"{what}路径无法使用：{locale_reason()}"
    except ValueError:  # anything else the OS refuses to look up
        return f"{what}路径无效，无法使用"
    return None


def resolved(path: str | Path, what: str = "") -> Path:
    """``path`` made absolute with links resolved, or :class:`InputError` naming it when it
    cannot be looked up (``what`` says which path: "输出目录", "笔记本")."""
    problem = path_problem(path, what)
    if problem is not None:
        raise InputError(str(path), problem)
    try:
        return Path(path).resolve()
    except RuntimeError:  # Python < 3.13: a symbolic link loop appearing after the check
        raise InputError(str(path), f"{what}路径中有符号链接循环，无法使用") from None


def _fs_encoding() -> str:
    return codecs.lookup(sys.getfilesystemencoding()).name


def locale_problem(name: str | os.PathLike[str]) -> str | None:
    """Why this process cannot use the file name ``name`` although the file may be there: the
    locale's encoding (ascii, latin-1, GB18030 …) is not UTF-8 and cannot spell it — a Chinese
    name from a params file it cannot encode, or a name read from the disk (a directory
    listing, the command line) whose UTF-8 bytes it read as other characters. None under a
    UTF-8 locale, for a name in plain ASCII, and for one in the locale's own encoding."""
    text = os.fspath(name)
    if isinstance(text, bytes) or text.isascii() or (encoding := _fs_encoding()) == "utf-8":
        return None
    try:
        raw = text.encode(encoding, "surrogateescape")
    except UnicodeEncodeError:
        return locale_reason(encoding)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return locale_reason(encoding)


def shown_path(path: str | os.PathLike[str]) -> str:
    """``path`` as the user wrote it, for a message: a name read from the disk or the
    command line under a non-UTF-8 locale is shown by its UTF-8 bytes (单位三.yaml, not
    å\\x8d\\x95… or \\xe5\\x8d…), when they are UTF-8; anything else as it is."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        return os.fsdecode(text)
    if text.isascii() or (encoding := _fs_encoding()) == "utf-8":
        return text
    try:
        return text.encode(encoding, "surrogateescape").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def locale_reason(encoding: str | None = None) -> str:
    """The message for a file name the system's locale cannot encode."""
    return (f"系统区域设置的编码（{encoding or _fs_encoding()}）无法正确编码此文件名；"
            "请在 UTF-8 环境中运行（如 LANG=zh_CN.UTF-8，或 python -X utf8）")


def utf8_spelling_exists(name: str | os.PathLike[str]) -> bool:
    """Whether ``name``, not found under a non-UTF-8 locale, is there spelt in UTF-8 (a
    GB18030 locale looks for 大厂.txt by its GB18030 bytes; the disk has the UTF-8 ones)."""
    text = os.fspath(name)
    if isinstance(text, bytes) or text.isascii() or _fs_encoding() == "utf-8":
        return False
    try:
        return os.path.lexists(text.encode("utf-8", "surrogateescape"))
    except (OSError, ValueError, UnicodeEncodeError):
        return False


_KINDS = {
    stat.S_IFIFO: "命名管道",
    stat.S_IFCHR: "字符设备",
    stat.S_IFBLK: "块设备",
    stat.S_IFSOCK: "套接字",
}


def not_a_file(mode: int, what: str = "文件") -> str | None:
    """Why a directory entry of ``mode`` (``st_mode``) cannot be read as ``what``, or None
    for a regular file. Checked before a file is opened: reading a FIFO or a device could
    block forever or never end."""
    if stat.S_ISDIR(mode):
        return f"这是一个目录，不是{what}"
    if not stat.S_ISREG(mode):
        return f"不是普通文件（{_KINDS.get(stat.S_IFMT(mode), '特殊文件')}），不能用作{what}"
    return None


_OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "操作不允许",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "只读文件系统",
    errno.EIO: "读写出错",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EISDIR: "这是一个目录",
    errno.EMFILE: "打开的文件过多",
    errno.EBUSY: "设备或资源忙",
    errno.ETXTBSY: "文件正被使用",
    errno.ELOOP: "符号链接循环",
    errno.EEXIST: "文件已存在",
    errno.ENOENT: "文件不存在",
    errno.ENOMEM: "内存不足",
    errno.EINVAL: "参数无效",
    errno.ENXIO: "设备不存在",
    errno.EAGAIN: "资源暂时不可用",
}


def os_reason(error: BaseException) -> str:
    """Why an operating-system call failed, in Chinese for the usual causes (a message's bracket: 参数文件无法读取（没有权限）),
    else the system's own words."""
    number = getattr(error, "errno", None)
    return _OS_REASONS.get(number) or getattr(error, "strerror", None) or str(error) or type(error).__name__


def file_problem(name: str | os.PathLike[str], what: str, *, missing: bool) -> str | None:
    """Why the file ``name`` cannot serve as ``what`` (a directory, a FIFO, a name too long for the file system …),
    or None; one that does not exist is a problem only when ``missing`` says so (a ledger, a run record is made when
    first used)."""
    if not os.fspath(name):
        return f"{what}路径为空"
    try:
        status = os.stat(name)
    except UnicodeEncodeError:  # a Chinese name under an ascii or latin-1 locale
        return f"{what}无法访问：{locale_reason()}"
    except FileNotFoundError:
        if utf8_spelling_exists(name):
            return f"{what}无法访问：{locale_reason()}"
        return f"{what}不存在" if missing else None
    except OSError as error:
        return f"{what}无法访问（{os_reason(error)}）"
    if stat.S_ISDIR(status.st_mode):
        return f"{what}是一个目录，不是文件"
    return not_a_file(status.st_mode, what)


NOT_UTF8 = "不是有效的 UTF-8 编码（含无法识别的字节），请改名后再运行"
"""Reason for a file name the report notebook cannot be given (its parameters are UTF-8)."""


def is_utf8(text: str) -> bool:
    """Whether ``text`` encodes as UTF-8 (a file name's undecodable bytes do not)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
