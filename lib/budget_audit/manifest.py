"""The batch's audit trail: ``<output_dir>/manifest.jsonl``, one JSON line per unit per
run, appended and never rewritten. Written by :mod:`budget_audit.batch`, read by the
dashboard and the run-to-run diff of a unit report."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.jsonl"


def append_entry(manifest: Path, entry: Mapping[str, Any]) -> None:
    """Append one entry as one line: a single ``write`` on an append-mode file, then fsync.

    A reader never sees part of a line (the whole line goes in one system call), and
    nothing already in the file is rewritten. If a killed writer left a torn last line,
    the new entry starts on a line of its own.
    """
    data = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    manifest.parent.mkdir(parents=True, exist_ok=True)
    with open(manifest, "a+b", buffering=0) as handle:  # O_APPEND: every write goes at the end
        if handle.seek(0, os.SEEK_END) > 0:
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) != b"\n":
                data = b"\n" + data
        written = handle.write(data)
        if written != len(data):  # a regular file takes it all; never leave half a line
            raise OSError(f"manifest write was short ({written} of {len(data)} bytes)")
        handle.flush()
        os.fsync(handle.fileno())


def read_manifest(manifest: Path) -> list[dict[str, Any]]:
    """Every complete entry, in file order; a torn or foreign line is ignored."""
    try:
        data = manifest.read_bytes()
    except FileNotFoundError:
        return []
    entries: list[dict[str, Any]] = []
    for raw in data.split(b"\n")[:-1]:  # the part after the last newline is incomplete
        try:
            entry = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(entry, dict) and isinstance(entry.get("unit"), str) and entry["unit"]:
            entries.append(entry)
    return entries


def last_ok_entries(entries: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """The last entry with status ``ok`` of each unit."""
    last: dict[str, Mapping[str, Any]] = {}
    for entry in entries:
        if entry.get("status") == "ok":
            last[entry["unit"]] = entry
    return last
