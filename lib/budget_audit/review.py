"""Reviewer decisions: an append-only SQLite ledger, merged into findings and reports.

An auditor works a finding by recording a decision — 已确认, 已排除 (with a reason),
需补充资料, or back to 待复核 — with a comment and their name. Decisions are keyed by the
finding's fingerprint (rule + unit + normalised evidence text, see
:func:`budget_audit.checks.base.fingerprint`), so a decision carries over to every later
run in which the same finding is raised, whatever else in the document changed; a
finding whose evidence changed gets a new fingerprint and starts again at 待复核.

The ledger is one SQLite file (default ``<project>/outputs/review.sqlite``; a unit's
params may set ``review_db``) holding one table, ``decisions``. Rows are only ever
inserted: triggers refuse UPDATE and DELETE, and the current status of a finding is its
latest decision (highest id). Several auditors may write at once: the file is in WAL
mode, every connection waits up to :data:`BUSY_TIMEOUT_S` for the write lock, and each
decision is one ``BEGIN IMMEDIATE`` … ``COMMIT`` transaction, so a writer killed midway
leaves no partial row. Readers open the file read-only (``mode=ro``) and never touch
it: only a writer switches the file to WAL mode, so exporting or reporting leaves the
ledger's bytes and modification time as they were.

This module also compares one run's findings with the previous successful run's
(:func:`diff_findings`, :func:`previous_findings`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .atomic import write_bytes_atomic, write_text_atomic
from .config import UnitParams, is_unit_file_name, load_unit, peek_params, project_root
from .errors import (
    BLANK_LETTERS,
    InputError,
    not_a_file,
    one_line,
    os_reason,
    path_problem,
    resolved,
)
from .manifest import MANIFEST_NAME, last_ok_entries, read_manifest
from .outputs import FINDINGS_JSON

if TYPE_CHECKING:  # imported where used: run's parent validates a ledger without them
    import pandas as pd

    from .checks import Finding

PENDING = "待复核"
CONFIRMED = "已确认"
DISMISSED = "已排除"
NEEDS_INFO = "需补充资料"
STATUSES: tuple[str, ...] = (PENDING, CONFIRMED, DISMISSED, NEEDS_INFO)
"""Every status a decision may carry; a finding without a decision is 待复核."""

STATUS_SLUGS: dict[str, str] = {
    PENDING: "pending",
    CONFIRMED: "confirmed",
    DISMISSED: "dismissed",
    NEEDS_INFO: "needs-info",
}
"""ASCII names for CSS classes and file names."""

BUSY_TIMEOUT_S = 10.0
"""How long a writer waits for another writer's transaction before giving up."""

DEFAULT_LEDGER = Path("outputs") / "review.sqlite"
"""Relative to the project root (the directory holding ``params/``)."""

FINGERPRINT_RE = re.compile(r"[0-9a-f]{16}")
"""What :func:`budget_audit.checks.base.fingerprint` returns: 16 lower-case hex digits."""

#: Column → Chinese header for exports of the ledger.
DECISION_COLUMNS: dict[str, str] = {
    "id": "记录号",
    "fingerprint": "指纹",
    "unit": "单位代码",
    "rule": "规则代码",
    "status": "复核状态",
    "comment": "复核意见",
    "reviewer": "复核人",
    "decided_at": "复核时间（UTC）",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint TEXT NOT NULL,
    unit TEXT NOT NULL,
    rule TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('待复核', '已确认', '已排除', '需补充资料')),
    comment TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_fingerprint ON decisions (fingerprint, id);
CREATE INDEX IF NOT EXISTS decisions_unit ON decisions (unit, id);
CREATE TRIGGER IF NOT EXISTS decisions_no_update BEFORE UPDATE ON decisions
BEGIN
    SELECT RAISE(ABORT, '复核记录只能追加，不能修改');
END;
CREATE TRIGGER IF NOT EXISTS decisions_no_delete BEFORE DELETE ON decisions
BEGIN
    SELECT RAISE(ABORT, '复核记录只能追加，不能删除');
END;
"""

_FIELDS = "id, fingerprint, unit, rule, status, comment, reviewer, decided_at"


class ReviewError(ValueError):
    """A decision that cannot be recorded; the message is one Chinese line for the user."""


@dataclass(frozen=True)
class Decision:
    """One row of the ledger."""

    id: int
    fingerprint: str
    unit: str
    rule: str
    status: str
    comment: str
    reviewer: str
    decided_at: str  # ISO 8601, UTC, microseconds: 2024-03-01T08:30:00.123456+00:00

    @property
    def dismissed(self) -> bool:
        return self.status == DISMISSED


@dataclass(frozen=True)
class ReviewedFinding:
    """A finding with its current review state (待复核 and empty fields when undecided)."""

    finding: Finding
    status: str = PENDING
    comment: str = ""
    reviewer: str = ""
    decided_at: str = ""
    decision_id: int | None = None

    @property
    def fingerprint(self) -> str:
        return self.finding.fingerprint

    @property
    def decided(self) -> bool:
        return self.decision_id is not None

    @property
    def dismissed(self) -> bool:
        return self.status == DISMISSED


def now_utc() -> str:
    """The current time as stored in ``decided_at``."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


#: The bidirectional controls (marks, embeddings, overrides, isolates): a right-to-left override in a reviewer's name
#: turned the decision's time around on the report. Other format characters are text (the joiners of an emoji or of
#: a Uyghur word, the Mongolian vowel separator) and stay.
_BIDI = dict.fromkeys([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _text(value: Any, what: str, *, required: bool = True, lines: bool = False) -> str:
    """A text field as stored: stripped, without control characters (an escape sequence acted on the terminal of
    whoever exported the ledger) — line breaks and tabs kept where ``lines`` allows them (a comment), made spaces
    elsewhere (a name on two lines broke the confirmation and the export) — nor bidirectional controls."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ReviewError(f"{what}必须是文字，实际为 {type(value).__name__}")
    value = value.replace("\r\n", "\n").replace("\r", "\n")  # a bare CR overwrote the comment on a terminal
    value = "".join((ch if lines else " ") if ch in "\t\n" else ch
                    for ch in value.translate(_BIDI) if ch in "\t\n" or unicodedata.category(ch) != "Cc")
    value = " ".join(value.split()) if not lines else value.strip()
    if not "".join(ch for ch in value if unicodedata.category(ch) != "Cf").strip():
        value = ""  # only invisible characters (a zero-width space, a BOM): nothing written
    if required and not value:
        raise ReviewError(f"{what}不能为空")
    return value


def _says_something(text: str) -> bool:
    """Whether a text has a letter or digit that shows (not "." or a Hangul filler alone)."""
    return any(unicodedata.category(ch)[0] in "LN" and ch not in BLANK_LETTERS for ch in text)


def validate_status(status: Any) -> str:
    """``status`` if it is one of :data:`STATUSES`, else :class:`ReviewError`."""
    if status not in STATUSES:
        raise ReviewError(f"复核状态 {status!r} 无效（可用：{'、'.join(STATUSES)}）")
    return str(status)


def validate_fingerprint(fingerprint: Any) -> str:
    """The fingerprint as stored and looked up: stripped, lower-case."""
    value = _text(fingerprint, "问题指纹").lower()
    if not FINGERPRINT_RE.fullmatch(value):
        raise ReviewError(f"问题指纹 {value!r} 格式不对（应为 16 位十六进制，如 4a97d440070b0bd0）")
    return value


def validate_decision(
    fingerprint: Any, unit: Any, rule: Any, status: Any, comment: Any, reviewer: Any
) -> tuple[str, str, str, str, str, str]:
    """The decision's fields, stripped, or :class:`ReviewError` naming the first bad one.

    Dismissing a finding (已排除) takes it out of the report, so it needs a comment saying
    why; the other statuses may go without one.
    """
    fields = (
        validate_fingerprint(fingerprint),
        _text(unit, "单位代码"),
        _text(rule, "规则代码"),
        validate_status(status),
        _text(comment, "复核意见", required=False, lines=True),
        _text(reviewer, "复核人"),
    )
    if fields[3] == DISMISSED and not _says_something(fields[4]):
        raise ReviewError("排除问题须在复核意见中写明理由")
    return fields


def _blocking_ancestor(path: Path) -> Path | None:
    """The nearest existing ancestor of ``path`` that is not a directory, if any (then
    ``path`` can be neither created nor opened)."""
    for parent in path.parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


def _check_path(path: Path) -> None:
    """:class:`InputError` naming ``path`` when it cannot be looked up at all."""
    problem = path_problem(path)
    if problem is not None:
        raise InputError(str(path), problem)


def same_file(first: str | Path, second: str | Path) -> bool:
    """Whether two paths name the same file once links are resolved (an output must not
    overwrite the ledger); :class:`InputError` naming a path that cannot be resolved —
    a NUL byte in it, a symbolic link loop."""
    return resolved(first) == resolved(second)


def _not_a_file(path: Path, what: str) -> str | None:
    """Why ``path`` cannot be used as ``what`` (a file), or None when it can or is missing."""
    problem = path_problem(path)
    if problem is not None:
        return problem
    if path.exists() and (problem := not_a_file(path.stat().st_mode, what)) is not None:
        return problem
    blocking = _blocking_ancestor(path)
    if blocking is not None:
        return f"上级路径 {blocking} 是文件，不是目录"
    return None


_SQLITE_MAGIC = b"SQLite format 3\x00"

_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6


def _is_busy(error: sqlite3.Error) -> bool:
    """Whether ``error`` means another connection held the lock past the busy timeout."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
    return "locked" in str(error) or "busy" in str(error)


def _busy_error(path: Path) -> InputError:
    return InputError(
        str(path), f"复核记录库正被他人写入（等待 {BUSY_TIMEOUT_S:g} 秒仍未释放），请稍后重试"
    )


def _idle_wal_snapshot(path: Path) -> sqlite3.Connection | None:
    """An in-memory copy of a WAL-mode ledger that no connection has open, else None.

    A read-only SQLite connection to a WAL-mode file creates the ``-wal`` and ``-shm``
    files beside it and, being read-only, cannot remove them when it closes. A ledger at
    rest (every writer gone, so no ``-wal`` file) holds all its decisions in the main
    file, so a reader copies that file instead. Writers only change the main file while a
    ``-wal`` file exists (checkpoints), so the copy is consistent when no ``-wal`` file
    existed before or after it and the file's size, inode and mtime did not change;
    otherwise None, and the caller opens the file with ``mode=ro`` (beside an existing
    ``-wal``). Files not in WAL mode are left to ``mode=ro`` too: its locks make it safe.
    """
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        return None
    with path.open("rb") as handle:
        header = handle.read(100)
        if len(header) < 100 or not header.startswith(_SQLITE_MAGIC) or header[18:20] != b"\x02\x02":
            return None
        before = os.fstat(handle.fileno())
        handle.seek(0)
        data = bytearray(handle.read())
    after = path.stat()
    identity = (before.st_ino, before.st_size, before.st_mtime_ns)
    if wal.exists() or identity != (after.st_ino, after.st_size, after.st_mtime_ns):
        return None
    data[18:20] = b"\x01\x01"  # the copy in rollback-journal mode: memory databases have no WAL
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.deserialize(bytes(data))
    except BaseException:
        conn.close()
        raise
    return conn


class Ledger:
    """The decisions ledger in one SQLite file.

    ``Ledger(path)`` creates the file (and its directory) when missing and opens it for
    writing, in WAL mode; an existing file becomes a new ledger only when it is empty (0
    bytes), and any other file that is not a ledger is refused untouched. With
    ``create=False`` a missing file is an :class:`InputError` instead, so readers never
    leave an empty ledger behind, and the file is opened
    read-only (``readonly`` defaults to ``not create``): a reader never changes the file,
    not even its journal mode. ``Ledger(path, create=False, readonly=False)`` writes to an
    existing ledger only. Use as a context manager or call :meth:`close`.
    """

    def __init__(
        self, path: str | Path, *, create: bool = True, readonly: bool | None = None
    ) -> None:
        self.path = Path(path)
        self.readonly = (not create) if readonly is None else readonly
        if create and self.readonly:
            raise ValueError("a ledger opened read-only cannot be created")
        problem = _not_a_file(self.path, "复核记录库")
        if problem is not None:
            raise InputError(str(self.path), problem)
        if not create and not self.path.is_file():
            raise InputError(str(self.path), "复核记录库不存在")
        if create:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                reason = os_reason(error)
                raise InputError(str(self.path), f"无法创建复核记录库所在目录（{reason}）") from None
        # isolation_level=None: no implicit transactions; every write is an explicit
        # BEGIN IMMEDIATE … COMMIT. timeout sets SQLite's busy timeout.
        mode = "ro" if self.readonly else ("rwc" if create else "rw")
        uri = f"{resolved(self.path).as_uri()}?mode={mode}"
        try:
            snapshot = _idle_wal_snapshot(self.path) if self.readonly else None
            if snapshot is None:
                snapshot = sqlite3.connect(
                    uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None
                )
            self._conn = snapshot
        except OSError as error:
            reason = os_reason(error)
            raise InputError(str(self.path), f"复核记录库无法读取（{reason}）") from None
        except sqlite3.Error as error:
            if _is_busy(error):
                raise _busy_error(self.path) from None
            raise InputError(str(self.path), f"复核记录库无法打开（{one_line(str(error))}）") from None
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            if self.readonly:
                if not self._has_table():
                    raise InputError(str(self.path), "不是复核记录库（没有 decisions 表）")
                self._check_columns()
            else:
                self._prepare_for_writing(create)
        except sqlite3.DatabaseError as error:
            self._conn.close()
            if _is_busy(error):
                raise _busy_error(self.path) from None
            raise InputError(
                str(self.path), f"不是可用的复核记录库（{one_line(str(error))}）"
            ) from None
        except BaseException:
            self._conn.close()
            raise

    # ------------------------------------------------------------------ plumbing

    def _has_table(self) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'decisions'"
        ).fetchone()
        return row is not None

    def _columns(self) -> set[str]:
        return {row[1] for row in self._conn.execute("PRAGMA table_info(decisions)")}

    def _check_columns(self) -> None:
        missing = [c for c in DECISION_COLUMNS if c not in self._columns()]
        if missing:
            raise InputError(
                str(self.path), f"不是复核记录库（decisions 表缺少列 {', '.join(missing)}）"
            )

    def _empty(self) -> bool:
        """Whether the database holds nothing at all: no schema, and a 0-byte file (asked
        under the write lock, when no other writer can be filling it)."""
        if self._conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None:
            return False
        try:
            return self.path.stat().st_size == 0
        except OSError:
            return False

    def _prepare_for_writing(self, create: bool) -> None:
        """Check the file is a ledger (creating the schema in an empty one when ``create``),
        then switch it to WAL mode.

        The check runs under the write lock, so writers creating the same new ledger at
        once never see each other's half-made file. Only an empty database (a missing or
        0-byte file) becomes a new ledger: any other file without a ``decisions`` table
        of the right shape is refused before anything is written to it, its journal mode
        included.
        """
        with self._transaction():
            if not self._has_table():
                if not (create and self._empty()):
                    raise InputError(
                        str(self.path), "不是复核记录库（没有 decisions 表），未作任何改动"
                    )
                for statement in _split_script(_SCHEMA):
                    self._conn.execute(statement)
            self._check_columns()
        # the journal mode is stored in the file: writers only, and only on a ledger
        journal = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(journal).lower() != "wal":
            raise InputError(str(self.path), f"复核记录库无法切换到 WAL 模式（{journal}）")
        self._conn.execute("PRAGMA synchronous = FULL")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE takes the write lock up front (waiting
        up to the busy timeout), so a decision is either wholly committed or absent."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _select(self, sql: str, args: Sequence[Any] = ()) -> list[Decision]:
        try:
            return [Decision(*row) for row in self._conn.execute(sql, tuple(args))]
        except sqlite3.DatabaseError as error:  # e.g. a damaged page past the header
            raise InputError(
                str(self.path), f"复核记录库无法读取（{one_line(str(error))}）"
            ) from None

    # ------------------------------------------------------------------ API

    def record(
        self,
        fingerprint: str,
        unit: str,
        rule: str,
        status: str,
        comment: str = "",
        reviewer: str = "",
    ) -> Decision:
        """Append one decision (its own transaction) and return it as stored."""
        if self.readonly:
            raise ReviewError("复核记录库以只读方式打开，不能记录复核决定")
        row = (*validate_decision(fingerprint, unit, rule, status, comment, reviewer), now_utc())
        try:
            with self._transaction() as conn:
                cursor = conn.execute(
                    "INSERT INTO decisions (fingerprint, unit, rule, status, comment, reviewer,"
                    " decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
                new_id = cursor.lastrowid
        except sqlite3.DatabaseError as error:
            if _is_busy(error):
                raise _busy_error(self.path) from None
            raise InputError(
                str(self.path), f"复核记录库无法写入（{one_line(str(error))}）"
            ) from None
        assert new_id is not None
        return Decision(new_id, *row)

    def current(self, unit: str | None = None) -> dict[str, Decision]:
        """The latest decision (highest id) per fingerprint, optionally for one unit."""
        sql = (
            f"SELECT {_FIELDS} FROM decisions WHERE id IN "
            "(SELECT MAX(id) FROM decisions GROUP BY fingerprint)"
        )
        args: list[Any] = []
        if unit is not None:
            sql += " AND unit = ?"
            args.append(unit)
        return {d.fingerprint: d for d in self._select(sql + " ORDER BY id", args)}

    def history(self, fingerprint: str) -> list[Decision]:
        """Every decision on one finding, oldest first."""
        return self._select(
            f"SELECT {_FIELDS} FROM decisions WHERE fingerprint = ? ORDER BY id", [fingerprint]
        )

    def decisions(self, unit: str | None = None) -> list[Decision]:
        """The whole ledger (or one unit's part), oldest first."""
        if unit is None:
            return self._select(f"SELECT {_FIELDS} FROM decisions ORDER BY id")
        return self._select(
            f"SELECT {_FIELDS} FROM decisions WHERE unit = ? ORDER BY id", [unit]
        )

    def export(self, unit: str | None = None) -> pd.DataFrame:
        """All decisions (history, not only the current ones) with Chinese headers."""
        return decisions_frame(self.decisions(unit))

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _split_script(script: str) -> Iterator[str]:
    """Statements of :data:`_SCHEMA` (triggers keep their inner ``;``)."""
    buffer = ""
    for line in script.strip().splitlines():
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""


def decisions_frame(decisions: Iterable[Decision]) -> pd.DataFrame:
    rows = [{DECISION_COLUMNS[k]: getattr(d, k) for k in DECISION_COLUMNS} for d in decisions]
    import pandas as pd

    return pd.DataFrame(rows, columns=list(DECISION_COLUMNS.values()))


def ledger_path(params: UnitParams) -> Path:
    """The unit's ``review_db``, else ``<project root>/outputs/review.sqlite``."""
    if params.review_db:
        return Path(params.review_db)
    return project_root(Path(params.path)) / DEFAULT_LEDGER


def read_current(path: str | Path, unit: str | None = None) -> dict[str, Decision]:
    """Current decisions from the ledger at ``path``; {} when there is no ledger yet.

    Reading never creates or changes the file; a path that exists but is not a usable
    ledger (a directory, an empty or non-SQLite file) is an :class:`InputError`.
    """
    path = Path(path)
    _check_path(path)
    if not path.exists() and _blocking_ancestor(path) is None:
        return {}
    with Ledger(path, create=False) as ledger:
        return ledger.current(unit)


def validate_ledger(target: UnitParams | str | Path) -> None:
    """Check, before a run starts, that the ledger a report will read is usable.

    ``target`` is a unit's params (its ``review_db``, else the default ledger) or a
    ledger path. A missing ledger is fine (no decisions yet); a path that exists but
    cannot be read as a ledger — a directory, an empty or non-SQLite file, a table of
    another shape — is an :class:`InputError` naming the file. The file is opened
    read-only and left untouched.
    """
    path = ledger_path(target) if isinstance(target, UnitParams) else Path(target)
    read_current(path)


def annotate(
    findings: Iterable[Finding], decisions: Mapping[str, Decision]
) -> list[ReviewedFinding]:
    """Each finding with its current decision (待复核 when there is none), in order."""
    out = []
    for finding in findings:
        d = decisions.get(finding.fingerprint)
        if d is None:
            out.append(ReviewedFinding(finding))
        else:
            out.append(
                ReviewedFinding(finding, d.status, d.comment, d.reviewer, d.decided_at, d.id)
            )
    return out


REVIEW_COLUMNS = ("复核状态", "复核意见", "复核人", "复核时间")
"""Columns appended to exported findings."""


def review_row(reviewed: ReviewedFinding | None) -> dict[str, str]:
    """A finding's review state as export columns (待复核 when undecided)."""
    if reviewed is None:
        return dict(zip(REVIEW_COLUMNS, (PENDING, "", "", ""), strict=True))
    values = (reviewed.status, reviewed.comment, reviewed.reviewer, reviewed.decided_at)
    return dict(zip(REVIEW_COLUMNS, values, strict=True))


def review_counts(reviewed: Iterable[ReviewedFinding]) -> dict[str, int]:
    """How many findings are in each status (every status present, in order)."""
    counts = dict.fromkeys(STATUSES, 0)
    for r in reviewed:
        counts[r.status] += 1
    return counts


# --------------------------------------------------------------- run-to-run diff


@dataclass(frozen=True)
class FindingDiff:
    """This run against the previous successful run, keyed by fingerprint.

    ``new`` and ``persisting`` are this run's findings (in report order); ``resolved``
    are the previous run's findings (as stored in its findings.json) that are gone.
    ``baseline`` is False when there was no previous run: then everything is new;
    ``unreadable`` then says why when there was one whose findings.json cannot be read.
    """

    new: list[Finding]
    resolved: list[dict[str, Any]]
    persisting: list[Finding]
    baseline: bool = True
    unreadable: str = ""

    def counts(self) -> dict[str, int]:
        return {"new": len(self.new), "resolved": len(self.resolved), "persisting": len(self.persisting)}


def diff_findings(previous: list[dict[str, Any]] | None, current: Sequence[Finding]) -> FindingDiff:
    if previous is None:
        return FindingDiff(new=list(current), resolved=[], persisting=[], baseline=False)
    before = {str(item.get("fingerprint")) for item in previous}
    now = {f.fingerprint for f in current}
    resolved: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in previous:
        key = str(item.get("fingerprint"))
        if key not in now and key not in seen:
            seen.add(key)
            resolved.append(item)
    return FindingDiff(
        new=[f for f in current if f.fingerprint not in before],
        resolved=resolved,
        persisting=[f for f in current if f.fingerprint in before],
    )



def _outputs_root(unit: str, output_dir: Path) -> tuple[Path, Path]:
    """(outputs root, published unit dir) for the ``output_dir`` a notebook was given.

    :func:`budget_audit.render.run_unit` passes a staging directory
    ``<outputs>/.<unit>.run-XXXX/files``; a notebook run by hand usually gets the
    published ``<outputs>/<unit>`` itself, or the outputs root.
    """
    if output_dir.name == "files" and output_dir.parent.name.startswith(f".{unit}.run-"):
        root = output_dir.parent.parent
        return root, root / unit
    if output_dir.name == unit:
        return output_dir.parent, output_dir
    return output_dir, output_dir / unit


def _manifest_findings(root: Path, unit: str) -> Path | None:
    """The findings file of the unit's last ``ok`` entry in ``<outputs>/manifest.jsonl``."""
    entry = last_ok_entries(read_manifest(root / MANIFEST_NAME)).get(unit)
    outputs = entry.get("outputs") if entry is not None else None
    relative = outputs.get("findings_json") if isinstance(outputs, dict) else None
    return root / relative if isinstance(relative, str) else None


def previous_findings_path(params: UnitParams, output_dir: str | Path) -> Path | None:
    """The previous successful run's findings.json for this unit, if there is one.

    Candidates: the published ``<outputs>/<unit>/findings.json`` (run_unit only
    publishes after a successful run) and the file named by the manifest's last ``ok``
    entry for the unit; the most recently written of those that exist wins.
    """
    root, unit_dir = _outputs_root(params.unit, Path(output_dir).resolve())
    candidates = [p for p in (unit_dir / FINDINGS_JSON, _manifest_findings(root, params.unit)) if p]
    existing = [p for p in candidates if p.is_file()]
    if not existing:
        return None
    return max(existing, key=lambda p: p.stat().st_mtime_ns)


def load_findings_json(path: str | Path) -> list[dict[str, Any]]:
    """The ``findings`` list of a findings.json written by :func:`results.to_json`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(str(path), f"上次运行的问题清单无法读取（{type(error).__name__}）") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or not all(isinstance(f, dict) for f in findings):
        raise InputError(str(path), "上次运行的问题清单格式不对（缺少 findings 列表）")
    return findings


def previous_findings(params: UnitParams, output_dir: str | Path) -> list[dict[str, Any]] | None:
    """The previous successful run's findings (None when this is the first run)."""
    path = previous_findings_path(params, output_dir)
    return load_findings_json(path) if path is not None else None


def diff_with_previous(params: UnitParams, output_dir: str | Path, current: Sequence[Finding]) -> FindingDiff:
    """This run's findings against the previous successful run's. A previous findings.json that cannot be read
    (truncated, emptied, edited by hand) does not stop the run: there is then nothing to compare with, and
    ``unreadable`` says so — it made every later run of the unit fail, ``--force`` too (a reviewer's find)."""
    try:
        previous = previous_findings(params, output_dir)
    except InputError as error:
        return replace(diff_findings(None, current), unreadable=str(error))
    return diff_findings(previous, current)


# --------------------------------------------------------------- command-line helpers

EXPORT_FORMATS = ("csv", "xlsx")


def export_csv(frame: pd.DataFrame) -> str:
    """The decisions as a CSV file for Excel (BOM, formula-like comments kept text), to a file or stdout alike."""
    from .xlsx import EXCEL_CSV_BOM, excel_text

    return EXCEL_CSV_BOM + excel_text(frame).to_csv(index=False, lineterminator="\n")


def write_export(frame: pd.DataFrame, path: str | Path, fmt: str) -> Path:
    """The decisions frame as CSV (UTF-8 with BOM, for Excel) or XLSX, written atomically.

    An output path that cannot be written (a directory, under a regular file, no
    permission) is an :class:`InputError` naming it.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    path = Path(path)
    problem = _not_a_file(path, "输出文件")
    if problem is not None:
        raise InputError(str(path), problem)
    try:
        if fmt == "csv":
            return write_text_atomic(path, export_csv(frame), encoding="utf-8")
        from .xlsx import workbook_bytes

        return write_bytes_atomic(path, workbook_bytes([("复核记录", frame)]))
    except OSError as error:
        reason = os_reason(error)
        raise InputError(str(path), f"无法写入输出文件（{reason}）") from None


def unit_ledger_path(unit: str | None, root: str | Path = ".") -> Path:
    """The ledger for ``unit`` as its params file sets it (``review_db``), else the default.

    The params file is the unit file (``*.yaml`` or ``*.yml``) in ``<root>/params/units``
    whose ``unit`` is ``unit``. Entries that are not regular files (a FIFO, a socket, a
    directory) are skipped without being opened.
    """
    root = Path(root)
    if unit:
        units = root / "params" / "units"
        try:
            names = sorted(entry.name for entry in os.scandir(units) if is_unit_file_name(entry.name))
        except (OSError, ValueError):
            names = []
        for name in names:
            candidate = units / name
            try:
                if not stat.S_ISREG(candidate.stat().st_mode):
                    continue
            except (OSError, ValueError):
                continue
            if str(peek_params(candidate).get("unit", "")).strip() == unit:
                return ledger_path(load_unit(candidate, check_sources=False))
    return root / DEFAULT_LEDGER


def find_finding(fingerprint: str, outputs_dir: str | Path) -> tuple[str, str] | None:
    """(unit, rule) of the finding with ``fingerprint`` in the newest published findings.json.

    Looks at ``<outputs_dir>/<unit>/findings.json`` (run staging directories, whose names
    start with a dot, are skipped), newest first.
    """
    files = [
        p
        for p in Path(outputs_dir).glob(f"*/{FINDINGS_JSON}")
        if not p.parent.name.startswith(".") and p.is_file()
    ]
    for path in sorted(files, key=lambda p: p.stat().st_mtime_ns, reverse=True):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
            continue
        document = data.get("document") if isinstance(data.get("document"), dict) else {}
        for item in data["findings"]:
            if isinstance(item, dict) and item.get("fingerprint") == fingerprint:
                unit = item.get("unit_code") or document.get("unit_code") or path.parent.name
                return str(unit), str(item.get("code", ""))
    return None


__all__ = [
    "CONFIRMED",
    "DECISION_COLUMNS",
    "DISMISSED",
    "EXPORT_FORMATS",
    "NEEDS_INFO",
    "PENDING",
    "STATUSES",
    "Decision",
    "FindingDiff",
    "Ledger",
    "ReviewError",
    "ReviewedFinding",
    "annotate",
    "decisions_frame",
    "diff_findings",
    "export_csv",
    "find_finding",
    "ledger_path",
    "load_findings_json",
    "diff_with_previous",
    "previous_findings",
    "previous_findings_path",
    "read_current",
    "review_counts",
    "same_file",
    "unit_ledger_path",
    "validate_decision",
    "validate_ledger",
    "write_export",
]
