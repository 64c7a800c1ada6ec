"""User-facing errors: one line naming the file and the problem (CLI exit code 2)."""

from __future__ import annotations

import unicodedata

#: Characters escaped for display: controls, line/paragraph separators, lone surrogates
#: (undecodable bytes of a file name, which strict UTF-8 output cannot encode).
_ESCAPED_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cs"})


def _escaped(ch: str) -> str:
    if 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte os.fsdecode could not decode: show the byte
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return repr(ch)[1:-1]


def printable(text: str) -> str:
    """``text`` for a one-line message or a UTF-8 record: control characters escaped the
    way :func:`repr` escapes them (a newline becomes ``\\n``), a file name's undecodable
    bytes as ``\\xff``; everything else, backslashes included, as is."""
    return "".join(_escaped(ch) if unicodedata.category(ch) in _ESCAPED_CATEGORIES else ch for ch in text)


class InputError(Exception):
    """Unusable input: the message is shown to the user as is, without a traceback.

    ``path`` and ``reason`` are kept as given; the message shows them with control
    characters escaped (:func:`printable`), so a file name with a newline stays one line."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{printable(path)}: {printable(reason)}")
        self.path = path
        self.reason = reason


def one_line(text: str, limit: int = 200) -> str:
    """Collapse white space (line breaks included) and cut to ``limit`` characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
