"""User-facing errors: one line naming the file and the problem (CLI exit code 2)."""

from __future__ import annotations


class InputError(Exception):
    """Unusable input: the message is shown to the user as is, without a traceback."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def one_line(text: str, limit: int = 200) -> str:
    """Collapse white space (line breaks included) and cut to ``limit`` characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
