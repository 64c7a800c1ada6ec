"""Readers that turn a source file into numbered lines."""

from .text import Line, decode, read_lines, split_lines

__all__ = ["Line", "decode", "read_lines", "split_lines"]
