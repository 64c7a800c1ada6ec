"""User-facing errors: one line naming the file and the problem (CLI exit code 2)."""

from __future__ import annotations

import unicodedata

#: Characters escaped for display: controls, line/paragraph separators, lone surrogates
#: (undecodable bytes of a file name, which strict UTF-8 output cannot encode).
_ESCAPED_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cs"})


def printable(text: str) -> str:
    """``text`` for a one-line message: control characters escaped the way :func:`repr`
    escapes them (a newline becomes ``\\n``), everything else, backslashes included, as is."""
    return "".join(
        repr(ch)[1:-1] if unicodedata.category(ch) in _ESCAPED_CATEGORIES else ch for ch in text
    )


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
