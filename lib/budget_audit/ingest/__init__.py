"""Readers that turn a source file into numbered lines."""

from .text import Line, decode, ends_with_line_end, read_lines, read_misread, read_text, split_lines

__all__ = ["Line", "decode", "ends_with_line_end", "read_lines", "read_misread", "read_text", "split_lines"]
