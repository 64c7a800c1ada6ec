"""review.py: the append-only decisions ledger, statuses in the report, run-to-run diff,
and ``budget-audit review export|set``.

Two tests start a Jupyter kernel (both through one module fixture that renders a unit
twice); the concurrency and crash tests start plain Python processes.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from budget_audit import report as ba
from budget_audit import review
from budget_audit.checks import Finding
from budget_audit.checks.base import Evidence
from budget_audit.cli import main
from budget_audit.config import load_unit
from budget_audit.dashboard import UnitEntry
from budget_audit.errors import InputError
from budget_audit.parse import parse_file
from budget_audit.render import run_unit
from budget_audit.results import check_document
from budget_audit.review import (
    STATUSES,
    FindingDiff,
    Ledger,
    ReviewError,
    annotate,
    decisions_frame,
    diff_findings,
    ledger_path,
    previous_findings,
    previous_findings_path,
    read_current,
    same_file,
    unit_ledger_path,
    validate_ledger,
    write_export,
)

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "notebooks" / "unit_audit.ipynb"
SAMPLE = REPO / "samples" / "dachang-fgj-2023.txt"

FP_A = "0123456789abcdef"
FP_B = "fedcba9876543210"

UNRELATED_LINE = "1、一般公共预算拨款收入：指县级财政当年拨付的资金。"  # 名词解释, in no evidence
EVIDENCE_LINE = "\t≥160万元"  # the value of an IN009 finding (cost indicator written as a floor)


def _rows(path: Path) -> list[tuple[Any, ...]]:
    """The raw table, read with a plain sqlite3 connection (not through Ledger)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM decisions ORDER BY id").fetchall()
    finally:
        conn.close()


# ------------------------------------------------------------------ ledger basics


def test_record_current_history_and_export(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "review.sqlite"
    with Ledger(db) as ledger:
        first = ledger.record(FP_A, "303001", "RC002", "已排除", "误报", "张三")
        ledger.record(FP_B, "303004", "IN001", "需补充资料", "", "李四")
        last = ledger.record(FP_A, "303001", "RC002", "已确认", " 复核后确认 ", "王五")
        assert first.id < last.id
        assert last.comment == "复核后确认"  # stripped
        current = ledger.current()
        assert set(current) == {FP_A, FP_B}
        assert current[FP_A] == last  # latest decision wins
        assert current[FP_A].status == "已确认" and current[FP_A].reviewer == "王五"
        assert set(ledger.current("303004")) == {FP_B}
        assert [d.status for d in ledger.history(FP_A)] == ["已排除", "已确认"]
        frame = ledger.export()
        assert list(frame.columns) == ["记录号", "指纹", "单位代码", "规则代码", "复核状态", "复核意见", "复核人", "复核时间（UTC）"]
        assert frame["复核状态"].tolist() == ["已排除", "需补充资料", "已确认"]  # history, not only current
        assert ledger.export("303004")["指纹"].tolist() == [FP_B]
    # decided_at: ISO 8601 in UTC with microseconds
    assert last.decided_at.endswith("+00:00") and len(last.decided_at.split(".")[1]) == len("123456+00:00")
    assert read_current(db) == {FP_A: last, FP_B: current[FP_B]}
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_latest_decision_wins_even_when_relabelled_or_reopened(tmp_path: Path) -> None:
    with Ledger(tmp_path / "r.sqlite") as ledger:
        ledger.record(FP_A, "303004", "RC002", "已确认", "", "张三")
        ledger.record(FP_A, "303001", "RC002", "已排除", "单位代码填错后更正", "张三")
        ledger.record(FP_A, "303001", "RC002", "待复核", "重新打开", "李四")
        assert ledger.current()[FP_A].status == "待复核"
        assert ledger.current("303004") == {}  # the latest decision belongs to 303001
        assert ledger.current("303001")[FP_A].comment == "重新打开"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((FP_A, "303001", "RC002", "通过", "", "张三"), "复核状态"),
        ((FP_A, "303001", "RC002", "已确认", "", "  "), "复核人不能为空"),
        ((FP_A, "303001", "RC002", "已确认", "", None), "复核人不能为空"),
        (("4A97D440", "303001", "RC002", "已确认", "", "张三"), "问题指纹"),
        ((FP_A, "", "RC002", "已确认", "", "张三"), "单位代码不能为空"),
        ((FP_A, "303001", "", "已确认", "", "张三"), "规则代码不能为空"),
        ((FP_A, "303001", "RC002", "已排除", "  ", "张三"), "排除问题须在复核意见中写明理由"),
        # only invisible characters (a zero-width space, a BOM, a word joiner) are nothing written
        ((FP_A, "303001", "RC002", "已排除", "\u200b", "张三"), "排除问题须在复核意见中写明理由"),
        ((FP_A, "303001", "RC002", "已排除", " \ufeff\u2060 ", "张三"), "排除问题须在复核意见中写明理由"),
        ((FP_A, "303001", "RC002", "已确认", "", "\u200b"), "复核人不能为空"),
    ],
)
def test_bad_decisions_are_refused_and_write_nothing(
    tmp_path: Path, args: tuple[Any, ...], message: str
) -> None:
    with Ledger(tmp_path / "r.sqlite") as ledger:
        with pytest.raises(ReviewError, match=message) as info:
            ledger.record(*args)
        assert isinstance(info.value, ValueError) and "\n" not in str(info.value)
        assert ledger.export().empty


def test_update_and_delete_are_refused_by_the_database(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    with Ledger(db) as ledger:
        ledger.record(FP_A, "303001", "RC002", "已确认", "原意见", "张三")
    before = _rows(db)
    conn = sqlite3.connect(db)  # straight to the file: the triggers, not the API, refuse
    try:
        for sql in (
            "UPDATE decisions SET status = '已排除'",
            "UPDATE decisions SET comment = '改过' WHERE id = 1",
            "DELETE FROM decisions",
            "DELETE FROM decisions WHERE id = 1",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="只能追加"):
                conn.execute(sql)
        with pytest.raises(sqlite3.IntegrityError):  # the CHECK constraint on status
            conn.execute(
                "INSERT INTO decisions (fingerprint, unit, rule, status, reviewer, decided_at)"
                " VALUES (?, '303001', 'RC002', '通过', '张三', 'now')",
                (FP_B,),
            )
        conn.commit()
    finally:
        conn.close()
    assert _rows(db) == before


def test_reading_never_creates_a_ledger(tmp_path: Path) -> None:
    missing = tmp_path / "outputs" / "review.sqlite"
    assert read_current(missing) == {}
    with pytest.raises(InputError, match="复核记录库不存在"):
        Ledger(missing, create=False)
    assert not missing.exists() and not missing.parent.exists()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database " * 100)
    with pytest.raises(InputError, match="复核记录库"):
        read_current(junk)


OLD_MTIME_NS = 1_600_000_000_123_456_789  # set before reading, so any write shows


def _rollback_ledger(path: Path) -> Path:
    """A valid ledger in rollback-journal mode (as another tool or an old copy may leave it)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "CREATE TABLE decisions (id INTEGER PRIMARY KEY AUTOINCREMENT, fingerprint TEXT,"
            " unit TEXT, rule TEXT, status TEXT, comment TEXT, reviewer TEXT, decided_at TEXT)"
        )
        conn.execute(
            "INSERT INTO decisions (fingerprint, unit, rule, status, comment, reviewer, decided_at)"
            " VALUES (?, '303001', 'RC001', '已确认', '', '张三', '2024-03-01T08:30:00+00:00')",
            (FP_A,),
        )
        conn.commit()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    return path


def _ledger_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.sqlite"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "junk":
        path.write_bytes(b"not a database " * 100)
    elif kind == "rollback":
        _rollback_ledger(path)
    else:
        with Ledger(path) as ledger:
            ledger.record(FP_A, "303001", "RC001", "已确认", "", "张三")
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return path


def _state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize("kind", ["empty", "junk", "rollback", "wal"])
def test_reading_a_ledger_never_changes_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = _ledger_file(tmp_path, kind)
    before = _state(path)
    listing = sorted(os.listdir(tmp_path))
    monkeypatch.chdir(tmp_path)
    code, out, err = _cli(capsys, "export", "--db", path.name)
    assert _state(path) == before
    if kind in ("empty", "junk"):
        assert code == 2 and out == "" and err.count("\n") == 1
        assert err.startswith(f"budget-audit: {path.name}: ") and "复核记录库" in err
        with pytest.raises(InputError, match="复核记录库"):
            read_current(path)
        with pytest.raises(InputError, match="复核记录库"):
            validate_ledger(path)
    else:
        assert code == 0 and FP_A in out
        assert set(read_current(path)) == {FP_A}
        with Ledger(path, create=False) as ledger:
            assert len(ledger.export()) == 1
            assert ledger.history(FP_A)[0].reviewer == "张三"
        validate_ledger(path)
    assert _state(path) == before
    assert sorted(os.listdir(tmp_path)) == listing  # no -wal or -shm left beside it


def test_a_reader_sees_decisions_still_in_the_wal_of_an_open_writer(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    with Ledger(path) as writer:
        writer.record(FP_A, "303001", "RC001", "已确认", "", "张三")
        assert (tmp_path / "r.sqlite-wal").is_file()  # not yet checkpointed into the file
        with Ledger(path, create=False) as reader:
            assert [d.fingerprint for d in reader.decisions()] == [FP_A]
        writer.record(FP_B, "303001", "RC001", "已确认", "", "张三")
        assert set(read_current(path)) == {FP_A, FP_B}
    assert set(read_current(path)) == {FP_A, FP_B}
    assert sorted(os.listdir(tmp_path)) == ["r.sqlite"]


def test_the_report_reads_review_db_without_changing_it(tmp_path: Path) -> None:
    params_file = _project(tmp_path)
    ledger_file = _ledger_file(tmp_path, "rollback")
    params_file.write_text(
        params_file.read_text(encoding="utf-8") + f"review_db: {ledger_file.name}\n", encoding="utf-8"
    )
    before = _state(ledger_file)
    report = ba.build_unit_report(load_unit(params_file))
    assert report.ledger == ledger_file
    assert _state(ledger_file) == before


def test_writing_switches_to_wal_and_a_reader_cannot_write(tmp_path: Path) -> None:
    path = _rollback_ledger(tmp_path / "r.sqlite")
    with Ledger(path, create=False) as reader, pytest.raises(ReviewError, match="只读"):
        reader.record(FP_B, "303001", "RC001", "已确认", "", "李四")
    with Ledger(path, create=False, readonly=False) as writer:  # an existing ledger only
        writer.record(FP_B, "303001", "RC001", "已确认", "", "李四")
    assert path.read_bytes()[18:20] == b"\x02\x02"  # WAL, set by the writer
    assert [row[1] for row in _rows(path)] == [FP_A, FP_B]


def test_validate_ledger_before_a_run(tmp_path: Path) -> None:
    params = load_unit(_project(tmp_path))
    validate_ledger(params)  # no ledger yet: nothing to check
    assert not (tmp_path / "outputs").exists()

    shapeless = tmp_path / "shapeless.sqlite"
    conn = sqlite3.connect(shapeless)
    conn.execute("CREATE TABLE decisions (id INTEGER PRIMARY KEY, note TEXT)")
    conn.close()
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    cases = {
        "junk.sqlite": "不是可用的复核记录库",
        "empty.sqlite": "没有 decisions 表",
        "shapeless.sqlite": "缺少列 fingerprint",
        "adir": "是一个目录",
        "afile/r.sqlite": "上级路径",
    }
    _ledger_file(tmp_path, "junk")
    _ledger_file(tmp_path, "empty")
    for review_db, message in cases.items():
        with pytest.raises(InputError, match=message) as caught:
            validate_ledger(replace(params, review_db=str(tmp_path / review_db)))
        assert caught.value.path == str(tmp_path / review_db)
        assert "\n" not in str(caught.value)
    assert (tmp_path / "empty.sqlite").read_bytes() == b""
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"


def test_ledger_path_from_params(tmp_path: Path) -> None:
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    (tmp_path / "doc.txt").write_text("x\n", encoding="utf-8")
    (units / "a.yaml").write_text('unit: "A1"\nsource: doc.txt\n', encoding="utf-8")
    (units / "b.yaml").write_text('unit: "B1"\nsource: doc.txt\nreview_db: shared/ledger.sqlite\n', encoding="utf-8")
    assert ledger_path(load_unit(units / "a.yaml")) == tmp_path.resolve() / "outputs" / "review.sqlite"
    assert ledger_path(load_unit(units / "b.yaml")) == tmp_path.resolve() / "shared" / "ledger.sqlite"


# ------------------------------------------------------------------ concurrency and crashes


def _writer(db: str, writer: int, count: int, ready: Any, go: Any) -> None:
    """One auditor's process: ``count`` decisions, in order, each its own transaction."""
    with Ledger(db) as ledger:
        ready.set()
        go.wait(60)
        for i in range(count):
            ledger.record(
                f"{writer:x}{i:015x}", "303001", "RC001", STATUSES[i % 4], f"{writer}:{i}", f"审计员{writer}"
            )


def test_two_processes_writing_concurrently_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "review.sqlite"
    Ledger(db).close()
    ctx = multiprocessing.get_context("spawn")
    go = ctx.Event()
    readies = [ctx.Event(), ctx.Event()]
    procs = [
        ctx.Process(target=_writer, args=(str(db), w, 500, readies[w - 1], go)) for w in (1, 2)
    ]
    for p in procs:
        p.start()
    try:
        for ready in readies:
            assert ready.wait(60), "writer did not start"
        go.set()  # both have the ledger open: release them together
        for p in procs:
            p.join(120)
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()
    assert [p.exitcode for p in procs] == [0, 0]
    rows = _rows(db)
    assert len(rows) == 1000
    ids = [r[0] for r in rows]
    assert len(set(ids)) == 1000 and ids == sorted(ids)
    for writer in (1, 2):
        mine = [r for r in rows if r[6] == f"审计员{writer}"]
        # in id order, each writer's decisions appear in the order it wrote them
        assert [r[5] for r in mine] == [f"{writer}:{i}" for i in range(500)]
        assert len({r[1] for r in mine}) == 500
    with Ledger(db) as ledger:
        assert len(ledger.current()) == 1000


CRASHING_WRITER = textwrap.dedent(
    """
    import sys, time
    from budget_audit.review import Ledger

    class StopBeforeCommit:
        # Delegates to the real connection; instead of committing, reports and waits
        # to be killed.
        def __init__(self, inner):
            self.inner = inner

        def execute(self, sql, *args):
            if sql.strip().upper() == "COMMIT":
                print("INSERTED", flush=True)
                time.sleep(120)
            return self.inner.execute(sql, *args)

    ledger = Ledger(sys.argv[1])
    ledger._conn = StopBeforeCommit(ledger._conn)
    # a comment large enough that SQLite spills the uncommitted pages into the WAL file
    ledger.record("ffffffffffffffff", "303001", "RC001", "已确认", "半" * 3_000_000, "崩溃")
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_writer_killed_mid_transaction_leaves_no_partial_row(tmp_path: Path) -> None:
    db = tmp_path / "review.sqlite"
    with Ledger(db) as ledger:
        for i in range(3):
            ledger.record(f"{i:016x}", "303001", "RC001", "已确认", f"第{i}条", "张三")
    before = _rows(db)
    child = subprocess.Popen(
        [sys.executable, "-c", CRASHING_WRITER, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.strip() == "INSERTED", child.stderr.read() if child.stderr else ""
        wal = db.with_name(db.name + "-wal")
        assert wal.stat().st_size > 3_000_000  # the uncommitted row is already in the WAL
        assert _rows(db) == before  # readers are not blocked and see no uncommitted row
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(30)
        for stream in (child.stdout, child.stderr):
            if stream:
                stream.close()
    assert child.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert _rows(db) == before
    with Ledger(db) as ledger:  # the write lock died with the process
        assert "ffffffffffffffff" not in ledger.current()
        after = ledger.record("ffffffffffffffff", "303001", "RC001", "已排除", "重写", "李四")
        assert after.id > before[-1][0]
        assert len(ledger.export()) == 4


# ------------------------------------------------------------------ annotate and diff


def _finding(fingerprint: str, code: str = "RC001", severity: str = "error", text: str = "原文") -> Finding:
    return Finding(
        code=code,
        name="reconcile.test",
        category="reconcile",
        severity=severity,
        message=f"{code} 的问题",
        expected=None,
        actual=None,
        unit_code="303001",
        project_code=None,
        project_name=None,
        lines=(10,),
        evidence=(Evidence(10, 10, text),),
        fingerprint=fingerprint,
    )


def test_annotate_defaults_to_pending_and_carries_decisions(tmp_path: Path) -> None:
    findings = [_finding(FP_A), _finding(FP_B)]
    with Ledger(tmp_path / "r.sqlite") as ledger:
        decision = ledger.record(FP_B, "303001", "RC001", "已排除", "重复计列", "张三")
        reviewed = annotate(findings, ledger.current())
    assert [r.finding for r in reviewed] == findings
    pending, dismissed = reviewed
    assert (pending.status, pending.comment, pending.reviewer, pending.decided_at) == ("待复核", "", "", "")
    assert not pending.decided and not pending.dismissed
    assert (dismissed.status, dismissed.comment, dismissed.reviewer) == ("已排除", "重复计列", "张三")
    assert dismissed.decided_at == decision.decided_at and dismissed.decision_id == decision.id
    assert dismissed.dismissed and dismissed.fingerprint == FP_B
    assert [r.status for r in annotate(findings, {})] == ["待复核", "待复核"]


def test_diff_new_resolved_persisting() -> None:
    fp_c, fp_d = "1111111111111111", "2222222222222222"
    previous = [
        {"fingerprint": FP_A, "code": "RC001", "message": "旧问题甲"},
        {"fingerprint": fp_c, "code": "IN001", "message": "已修正的问题"},
        {"fingerprint": fp_c, "code": "IN001", "message": "已修正的问题"},
    ]
    current = [_finding(FP_A), _finding(fp_d), _finding(FP_B)]
    diff = diff_findings(previous, current)
    assert diff.baseline
    assert [f.fingerprint for f in diff.new] == [fp_d, FP_B]  # in this run's order
    assert [f.fingerprint for f in diff.persisting] == [FP_A]
    assert [item["fingerprint"] for item in diff.resolved] == [fp_c]  # once, though listed twice
    assert diff.counts() == {"new": 2, "resolved": 1, "persisting": 1}
    first = diff_findings(None, current)
    assert not first.baseline and first.new == current and not first.resolved and not first.persisting
    assert diff_findings([], current).baseline


def _findings_json(path: Path, fingerprints: list[str]) -> Path:
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"findings": [{"fingerprint": f} for f in fingerprints]}), encoding="utf-8")
    return path


def test_previous_findings_from_staging_dir_unit_dir_and_manifest(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "u.yaml").write_text('unit: "303001"\nsource: doc.txt\n', encoding="utf-8")
    params = load_unit(tmp_path / "u.yaml")
    out = tmp_path / "outputs"
    staging = out / ".303001.run-abc123" / "files"
    staging.mkdir(parents=True)
    assert previous_findings(params, staging) is None  # first run
    published = _findings_json(out / "303001" / "findings.json", [FP_A])
    _findings_json(staging / "findings.json", [FP_B])  # this run's own exports are never "previous"
    for given in (staging, out / "303001", out):
        assert previous_findings_path(params, given) == published.resolve()
    assert previous_findings(params, staging) == [{"fingerprint": FP_A}]

    # the manifest's last ok entry for the unit, when it is the newest file
    archived = _findings_json(out / "runs" / "7" / "303001" / "findings.json", [FP_B])
    manifest = out / "manifest.jsonl"
    manifest.write_text(
        '{"unit": "303001", "status": "ok", "outputs": {"findings_json": "runs/7/303001/findings.json"}}\n'
        '{"unit": "303004", "status": "ok", "outputs": {"findings_json": "303004/findings.json"}}\n'
        '{"unit": "303001", "status": "failed", "outputs": {}}\n'
        '{"unit": "303001", "status": "ok", "outp',  # a torn last line
        encoding="utf-8",
    )
    os.utime(published, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    os.utime(archived, ns=(2_000_000_000_000_000_000, 2_000_000_000_000_000_000))
    assert previous_findings_path(params, staging) == archived.resolve()
    os.utime(published, ns=(3_000_000_000_000_000_000, 3_000_000_000_000_000_000))
    assert previous_findings_path(params, staging) == published.resolve()

    published.write_text("{", encoding="utf-8")
    os.utime(published, ns=(4_000_000_000_000_000_000, 4_000_000_000_000_000_000))
    with pytest.raises(InputError, match="上次运行的问题清单"):
        previous_findings(params, staging)


# ------------------------------------------------------------------ carry-over and the report


def _project(tmp: Path) -> Path:
    """A project directory with a copy of the sample (the original is never touched)."""
    (tmp / "params" / "units").mkdir(parents=True)
    (tmp / "samples").mkdir()
    shutil.copyfile(REPO / "params" / "defaults.yaml", tmp / "params" / "defaults.yaml")
    shutil.copyfile(SAMPLE, tmp / "samples" / "doc.txt")
    params = tmp / "params" / "units" / "303001.yaml"
    params.write_text(
        'unit: "303001"\nname: 大厂回族自治县发展和改革局\nyear: 2023\nsource: samples/doc.txt\n',
        encoding="utf-8",
    )
    return params


def _edit(doc: Path, evidence_too: bool) -> None:
    """Edit an unrelated line, insert a line at the top (every line number shifts) and,
    optionally, change the evidence of one finding."""
    text = doc.read_text(encoding="utf-8")
    assert text.count(UNRELATED_LINE) == 1 and text.count(EVIDENCE_LINE + "\n") == 1
    text = text.replace(UNRELATED_LINE, UNRELATED_LINE.replace("资金。", "资金（含年中追加）。"))
    text = "\n" + text
    if evidence_too:
        text = text.replace(EVIDENCE_LINE + "\n", "\t≥170万元\n")
    doc.write_text(text, encoding="utf-8")


def test_decisions_survive_an_unrelated_edit_of_the_source(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    shutil.copyfile(SAMPLE, doc)
    before = check_document(parse_file(doc), None, "303001").findings
    chosen = before[1]
    with Ledger(tmp_path / "r.sqlite") as ledger:
        ledger.record(chosen.fingerprint, "303001", chosen.code, "已确认", "与决算核对一致", "张三")
    _edit(doc, evidence_too=False)
    after = check_document(parse_file(doc), None, "303001").findings
    assert [f.fingerprint for f in after] == [f.fingerprint for f in before]
    assert [f.lines[0] for f in after] == [f.lines[0] + 1 for f in before]  # lines moved, identity did not
    reviewed = {r.fingerprint: r for r in annotate(after, read_current(tmp_path / "r.sqlite"))}
    assert reviewed[chosen.fingerprint].status == "已确认"
    assert reviewed[chosen.fingerprint].comment == "与决算核对一致"

    shutil.copyfile(SAMPLE, doc)
    _edit(doc, evidence_too=True)
    changed = check_document(parse_file(doc), None, "303001").findings
    gone = {f.fingerprint for f in after} - {f.fingerprint for f in changed}
    old = next(f for f in after if f.code == "IN009" and "≥160万元" in f.message)
    new = next(f for f in changed if f.code == "IN009" and "≥170万元" in f.message)
    assert old.fingerprint in gone and new.fingerprint != old.fingerprint


def test_findings_html_shows_review_state_and_moves_dismissed_last(tmp_path: Path) -> None:
    params = load_unit(_project(tmp_path))
    report = ba.build_unit_report(params)
    assert report.ledger == tmp_path.resolve() / "outputs" / "review.sqlite"
    assert all(r.status == "待复核" for r in report.reviewed)
    assert not report.ledger.exists()  # building a report does not create the ledger
    a, b = report.findings[0], report.findings[1]
    with Ledger(report.ledger) as ledger:
        ledger.record(a.fingerprint, "303001", a.code, "已排除", "<script>x</script>跨章节照抄属正常", "张三")
        ledger.record(b.fingerprint, "303001", b.code, "需补充资料", "请单位说明", "李四")
    report = ba.build_unit_report(params)
    soup = BeautifulSoup(ba.findings_html(report), "html.parser")
    blocks = soup.select("div.ba-finding")
    assert len(blocks) == len(report.findings)  # dismissed findings are still listed
    assert blocks[-1]["data-fingerprint"] == a.fingerprint  # …after all the others
    heading = soup.find("h3", class_="ba-dismissed")
    assert heading is not None and "1条" in heading.get_text()
    assert blocks[-1] in heading.find_all_next("div", class_="ba-finding")
    dismissed = blocks[-1].select_one(".ba-review")
    assert "已排除" in dismissed.get_text() and "张三" in dismissed.get_text()
    assert "<script>x</script>跨章节照抄属正常" in dismissed.get_text()
    assert soup.find("script") is None  # the comment is escaped
    needs = soup.find("div", attrs={"data-fingerprint": b.fingerprint}).select_one(".ba-review")
    assert "需补充资料" in needs.get_text() and "请单位说明" in needs.get_text()
    assert sum("待复核" in d.select_one(".ba-review").get_text() for d in blocks) == len(blocks) - 2
    overview = ba.overview_html(report)
    assert f"待复核 {len(blocks) - 2} 条" in overview and "已排除 1 条" in overview


def test_a_dismissed_error_leaves_the_counts_the_narrative_and_the_charts(tmp_path: Path) -> None:
    """已排除 took a finding to the end of the list, but the overview still counted it, the 总体结论 still asked the
    unit to correct it and the findings chart still drew it (a reviewer's season of work)."""
    params = load_unit(_project(tmp_path))
    report = ba.build_unit_report(params)
    error = next(f for f in report.findings if f.severity == "error" and f.code == "IN014")
    errors = sum(f.severity == "error" for f in report.findings)
    assert error.code in ba.narrative_html(report.narrative)
    with Ledger(report.ledger) as ledger:
        ledger.record(error.fingerprint, "303001", error.code, "已排除", "奖补成本为多年度总额", "张三")
    report = ba.build_unit_report(params)
    assert f"错误 {errors - 1} 条" in ba.overview_html(report) and "另有经复核排除 1 条" in ba.overview_html(report)
    assert error.code not in ba.narrative_html(report.narrative)
    assert f"第{error.lines[0]}行" not in ba.narrative_html(report.narrative, ["总体结论"])
    assert error not in report.assessment.active_findings and len(report.assessment.active_findings) == len(
        report.findings) - 1
    entry = UnitEntry(unit="303001", name="", year=2023, status="ok", params=None,
                      counts={"error": errors, "warning": 0, "info": 0}, findings=report.findings,
                      reviewed=report.reviewed)
    assert entry.count("error") == errors - 1


def test_a_decision_left_behind_by_an_edit_is_named(tmp_path: Path) -> None:
    """Correcting a figure changes the text of its paragraph, and every finding with evidence there gets a new
    fingerprint: the decisions on them stayed behind without a word, the same finding listed as new and as resolved
    (a reviewer's season of work). The lists now say so, and name the decision."""
    params = load_unit(_project(tmp_path))
    report = ba.build_unit_report(params)
    finding = next(f for f in report.findings if f.code == "RC011")
    with Ledger(report.ledger) as ledger:
        ledger.record(FP_A, "303001", "RC011", "已确认", "差额未说明", "张三")
    report = ba.build_unit_report(params)
    before = {"code": "RC011", "severity": finding.severity, "message": finding.message, "fingerprint": FP_A,
              "evidence": [{"line": 229}]}
    report.diff = FindingDiff(new=[finding], resolved=[before], persisting=[])
    html = ba.diff_html(report)
    assert "与“已解决”中的一条文字相同（所在段落有改动），原复核决定为已确认（张三），请重新复核" in html
    assert "原复核决定为已确认（张三），该决定不再对应任何问题" in html


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Decisions recorded, report rendered; source edited, report rendered again."""
    tmp = tmp_path_factory.mktemp("review-runs")
    params = load_unit(_project(tmp))
    ledger_file = tmp / "outputs" / "review.sqlite"  # the default: <project>/outputs/
    findings = ba.build_unit_report(params).findings
    confirmed = next(f for f in findings if f.code == "RC002")
    dismissed = next(f for f in findings if f.code == "CS006")
    changing = next(f for f in findings if f.code == "IN009" and "≥160万元" in f.message)
    with Ledger(ledger_file) as ledger:
        ledger.record(confirmed.fingerprint, "303001", "RC002", "已排除", "先排除", "李四")
        ledger.record(confirmed.fingerprint, "303001", "RC002", "已确认", "差额<44.40万元>未说明", "张三")
        ledger.record(dismissed.fingerprint, "303001", "CS006", "已排除", "职责条文重复属正常", "张三")
        ledger.record(changing.fingerprint, "303001", "IN009", "需补充资料", "请提供改造预算", "王五")
    out = tmp / "outputs"
    first = run_unit(params, NOTEBOOK, out, timeout=300)
    html_1 = first.html_path.read_text(encoding="utf-8")
    _edit(Path(params.sources[0]), evidence_too=True)
    second = run_unit(params, NOTEBOOK, out, timeout=300)
    return {
        "params": params,
        "html_1": html_1,
        "html_2": second.html_path.read_text(encoding="utf-8"),
        "before": findings,
        "after": ba.build_unit_report(params).findings,
        "confirmed": confirmed,
        "dismissed": dismissed,
        "changing": changing,
    }


def _block(soup: BeautifulSoup, fingerprint: str) -> Any:
    blocks = soup.find_all("div", attrs={"data-fingerprint": fingerprint})
    assert len(blocks) == 1, fingerprint
    return blocks[0]


def test_rendered_report_shows_the_statuses(two_runs: dict[str, Any]) -> None:
    soup = BeautifulSoup(two_runs["html_1"], "html.parser")
    confirmed = _block(soup, two_runs["confirmed"].fingerprint).select_one(".ba-review").get_text()
    assert "已确认" in confirmed and "张三" in confirmed and "差额<44.40万元>未说明" in confirmed
    assert "先排除" not in confirmed  # superseded by the later decision
    changing = _block(soup, two_runs["changing"].fingerprint).select_one(".ba-review").get_text()
    assert "需补充资料" in changing and "王五" in changing
    heading = soup.find("h3", class_="ba-dismissed")
    assert heading is not None
    assert _block(soup, two_runs["dismissed"].fingerprint) in heading.find_all_next("div")
    assert len(soup.select("div.ba-finding")) == len(two_runs["before"])
    diff = soup.find("h3", class_="ba-diff")
    assert diff is not None and "首次运行" in diff.find_next("p").get_text()


def test_rerun_after_editing_the_source_keeps_statuses_and_diffs(two_runs: dict[str, Any]) -> None:
    soup = BeautifulSoup(two_runs["html_2"], "html.parser")
    confirmed = _block(soup, two_runs["confirmed"].fingerprint)
    assert "已确认" in confirmed.select_one(".ba-review").get_text()
    assert "第215、218行" in confirmed.select_one(".ba-head").get_text()  # moved down one line
    heading = soup.find("h3", class_="ba-dismissed")
    assert _block(soup, two_runs["dismissed"].fingerprint) in heading.find_all_next("div")
    # the finding whose evidence changed: old identity gone, the new one is new and pending
    assert not soup.find_all("div", attrs={"data-fingerprint": two_runs["changing"].fingerprint})
    new_in009 = next(f for f in two_runs["after"] if f.code == "IN009" and "≥170万元" in f.message)
    assert "待复核" in _block(soup, new_in009.fingerprint).select_one(".ba-review").get_text()

    before = {f.fingerprint for f in two_runs["before"]}
    after = {f.fingerprint for f in two_runs["after"]}
    table = soup.find("h3", class_="ba-diff").find_next("table")
    assert [td.get_text() for td in table.select("tbody td")] == [
        str(len(after - before)),
        str(len(before - after)),
        str(len(after & before)),
    ]
    assert len(after - before) >= 1 and len(after & before) > 60
    new_items = soup.select("ul.ba-diff-new li")
    assert len(new_items) == len(after - before)
    assert any("≥170万元" in li.get_text() and "待复核" in li.get_text() for li in new_items)
    resolved = soup.select("ul.ba-diff-resolved li")
    assert len(resolved) == len(before - after)
    assert any("≥160万元" in li.get_text() and "IN009" in li.get_text() for li in resolved)


# ------------------------------------------------------------------ command line


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["review", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_set_and_export_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    params_file = _project(tmp_path)
    params_file.write_text(params_file.read_text(encoding="utf-8") + "review_db: ledgers/a.sqlite\n", encoding="utf-8")
    params = load_unit(params_file)
    report = ba.build_unit_report(params)
    ba.write_exports(report, tmp_path / "outputs" / "303001")  # a published run to look fingerprints up in
    first, second = report.findings[0], report.findings[3]
    monkeypatch.chdir(tmp_path)

    code, out, err = _cli(capsys, "set", first.fingerprint, "--status", "已确认", "--comment", "属实", "--reviewer", "张三")
    assert (code, err) == (0, "")
    assert first.fingerprint in out and "已确认" in out
    assert f"复核记录库 {tmp_path / 'ledgers' / 'a.sqlite'}" in out  # where it went: not in the outputs directory
    # unit and rule were looked up in outputs/303001/findings.json; the unit's review_db was used
    with Ledger(tmp_path / "ledgers" / "a.sqlite", create=False) as ledger:
        assert ledger.current()[first.fingerprint].rule == first.code
        assert ledger.current()[first.fingerprint].unit == "303001"
    assert not (tmp_path / "outputs" / "review.sqlite").exists()

    db = str(tmp_path / "explicit.sqlite")
    code, _, err = _cli(capsys, "set", second.fingerprint, "--status", "需补充资料", "--reviewer", "李四", "--unit", "303001", "--rule", second.code, "--db", db)
    assert (code, err) == (0, "")
    code, _, _ = _cli(capsys, "set", second.fingerprint, "--status", "已排除", "--comment", "已补充,见附件", "--reviewer", "李四", "--db", db)
    assert code == 0

    code, out, err = _cli(capsys, "export", "--db", db, "-o", "out/decisions.csv")
    assert code == 0 and "2 条" in out
    raw = (tmp_path / "out" / "decisions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for Excel
    frame = pd.read_csv(tmp_path / "out" / "decisions.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert frame["复核状态"].tolist() == ["需补充资料", "已排除"]  # the whole history
    assert frame["复核意见"].tolist() == ["", "已补充,见附件"]
    assert set(frame["指纹"]) == {second.fingerprint}

    code, out, _ = _cli(capsys, "export", "--unit", "303001", "-o", "out/decisions.xlsx")
    assert code == 0
    sheet = pd.read_excel(tmp_path / "out" / "decisions.xlsx", dtype=str, keep_default_na=False)
    assert sheet["指纹"].tolist() == [first.fingerprint] and sheet["复核人"].tolist() == ["张三"]
    assert not list((tmp_path / "out").glob(".*"))  # no temporary files left behind

    code, out, _ = _cli(capsys, "export", "--db", db)  # CSV on stdout: the file's text (BOM, formulas kept text)
    assert code == 0 and out.splitlines()[0].startswith("\ufeff记录号,指纹") and len(out.splitlines()) == 3
    assert out == raw.decode("utf-8")
    code, _, _ = _cli(capsys, "set", second.fingerprint, "--status", "已确认", "--comment", "=HYPERLINK(\"http://x\")",
                      "--reviewer", "@SUM(A1)", "--db", db)  # fmt: skip
    code, out, _ = _cli(capsys, "export", "--db", db)
    assert "\"'=HYPERLINK(" in out and ",'@SUM(A1)," in out  # a reviewer's attack: Excel ran them

    # a reviewer's season of work: an export to x.pdf wrote CSV into it; a fingerprint of 303001's RC… recorded
    # for another unit and rule
    code, _, err = _cli(capsys, "export", "--db", db, "-o", "out/decisions.pdf")
    assert code == 2 and "“.pdf”" in err and not (tmp_path / "out" / "decisions.pdf").exists()
    code, _, err = _cli(capsys, "set", first.fingerprint, "--status", "已确认", "--reviewer", "赵六", "--unit", "303004",
                        "--rule", first.code, "--db", db)
    assert code == 2 and f"是单位 303001 规则 {first.code} 的问题" in err and "单位 303004" in err


def test_cli_set_from_another_directory_finds_the_projects_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``review set`` run from notebooks/ with ``--outputs ../outputs`` records in the project's ledger, the one
    reports read; without it, it says it cannot find the project. Before, both wrote a stray
    notebooks/outputs/review.sqlite that no report, batch or export ever read."""
    _project(tmp_path)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    args = ["set", FP_A, "--status", "已确认", "--reviewer", "张三", "--unit", "303001", "--rule", "RC001"]
    _assert_one_line_error(capsys, args, "找不到项目")
    code, out, err = _cli(capsys, *args, "--outputs", "../outputs")
    assert code == 0 and "已记录 #1" in out and "提示：../outputs 中没有指纹为" in err  # FP_A: no run found it
    assert read_current(tmp_path / "outputs" / "review.sqlite")[FP_A].status == "已确认"
    assert not (tmp_path / "notebooks" / "outputs").exists()


def _assert_one_line_error(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = _cli(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("budget-audit: ") and err.endswith("\n") and err.count("\n") == 1
    assert message in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", FP_A, "--status", "通过", "--reviewer", "张三", "--unit", "303001", "--rule", "RC001"], "复核状态"),
        (["set", FP_A, "--status", "已确认", "--reviewer", " ", "--unit", "303001", "--rule", "RC001"], "复核人"),
        (["set", "xyz", "--status", "已确认", "--reviewer", "张三", "--unit", "303001", "--rule", "RC001"], "问题指纹"),
        (["set", FP_A, "--status", "已确认", "--reviewer", "张三"], "请用 --unit 和 --rule 指定"),
        (["set", FP_A, "--status", "已确认", "--reviewer", "张三", "--unit", "303001", "--rule", "ZZ999"], "规则 ZZ999 不存在"),
        (["set", FP_A, "--status", "已排除", "--reviewer", "张三", "--unit", "303001", "--rule", "RC002"], "写明理由"),
        (["export"], "复核记录库不存在"),
        (["export", "--format", "xlsx"], "-o"),
    ],
)
def test_cli_user_errors_are_one_line_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    _assert_one_line_error(capsys, args, message)
    assert not (tmp_path / "outputs").exists()  # nothing was created


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--db", "led.sqlite", "-o", "adir"], "adir: 这是一个目录"),
        (["export", "--db", "led.sqlite", "-o", "afile/x.csv"], "afile/x.csv: 上级路径 afile 是文件"),
        (["export", "--db", "led.sqlite", "-o", "afile/sub/x.xlsx"], "上级路径 afile 是文件"),
        (["export", "--db", "adir"], "adir: 这是一个目录"),
        (["export", "--db", "led.sqlite", "-o", "./led.sqlite"], "输出文件不能是复核记录库本身"),
        (["export", "--db", "led.sqlite", "-o", "loop1"], "符号链接循环"),
        (["set", FP_A, "--status", "已确认", "--reviewer", "张三", "--unit", "303001", "--rule", "RC001",
          "--db", "afile/r.sqlite"], "afile/r.sqlite: 上级路径 afile 是文件"),
        (["set", FP_A, "--status", "已确认", "--reviewer", "张三", "--unit", "303001", "--rule", "RC001",
          "--db", "adir"], "adir: 这是一个目录"),
        # a mistyped directory silently made a second ledger in new directories (a reviewer's find)
        (["set", FP_A, "--status", "已确认", "--reviewer", "张三", "--unit", "303001", "--rule", "RC001",
          "--db", "nodir/sub/r.sqlite"], "nodir/sub/r.sqlite: 复核记录库所在的目录不存在"),
    ],
)
def test_cli_unusable_output_and_ledger_paths_are_one_line_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    with Ledger(tmp_path / "led.sqlite") as ledger:
        ledger.record(FP_A, "303001", "RC001", "已确认", "", "张三")
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    listing = sorted(p.name for p in tmp_path.rglob("*"))
    _assert_one_line_error(capsys, args, message)
    assert sorted(p.name for p in tmp_path.rglob("*")) == listing  # nothing created
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"


def test_report_without_output_dir_has_no_diff(tmp_path: Path) -> None:
    report = ba.build_unit_report(load_unit(_project(tmp_path)))
    assert report.diff is None
    assert "未与上次运行比较" in ba.diff_html(report)
    first = replace(report, diff=diff_findings(None, report.findings))
    assert "首次运行" in ba.diff_html(first)


@pytest.mark.parametrize("content", [b'{"findings": [{"fingerp', b"", b"{}", b"\xff\xfe"])
def test_an_unreadable_previous_findings_json_leaves_nothing_to_compare_with(tmp_path: Path, content: bytes) -> None:
    """A truncated or emptied findings.json of the last run failed every later run of the unit, --force too, as a
    failed notebook cell (a reviewer's find): the report now says it could not compare, and the run goes on."""
    params = load_unit(_project(tmp_path))
    unit_dir = tmp_path / "outputs" / "303001"
    unit_dir.mkdir(parents=True)
    (unit_dir / "findings.json").write_bytes(content)
    report = ba.build_unit_report(params, unit_dir)
    assert report.diff is not None and not report.diff.baseline and report.diff.new == report.findings
    assert "findings.json" in report.diff.unreadable
    html = ba.diff_html(report)
    assert "上次运行的问题清单无法读取" in html and f"本次 {len(report.findings)} 条问题均按新发现列出" in html


# ------------------------------------------------------------------ unusable ledgers and paths

SET_ARGS = ["set", FP_A, "--status", "已确认", "--reviewer", "张三", "--unit", "303001", "--rule", "RC001"]


def _listing(directory: Path) -> list[str]:
    return sorted(os.listdir(directory))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs mkfifo")
def test_unit_ledger_path_reads_yml_files_and_skips_non_regular_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    (tmp_path / "doc.txt").write_text("x\n", encoding="utf-8")
    os.mkfifo(units / "a.yaml")  # sorted first: opening it would wait for a writer forever
    (units / "b.yaml").mkdir()
    (units / "u.yml").write_text('unit: "303001"\nsource: doc.txt\nreview_db: led/u.sqlite\n', encoding="utf-8")
    found: list[Path] = []
    worker = threading.Thread(target=lambda: found.append(unit_ledger_path("303001", tmp_path)), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # unblock the reader so the test process can end
        os.close(os.open(units / "a.yaml", os.O_WRONLY | os.O_NONBLOCK))
        worker.join(10)
        pytest.fail("unit_ledger_path opened the FIFO")
    assert found == [tmp_path.resolve() / "led" / "u.sqlite"]
    monkeypatch.chdir(tmp_path)
    code, out, err = _cli(capsys, *SET_ARGS)
    assert code == 0 and "没有指纹为" in err and FP_A in out
    assert set(read_current(tmp_path / "led" / "u.sqlite")) == {FP_A}
    code, out, _ = _cli(capsys, "export", "--unit", "303001")
    assert code == 0 and FP_A in out


def _foreign(path: Path, kind: str) -> Path:
    """An existing file that is not a ledger (or is one of another shape)."""
    if kind == "junk":
        path.write_bytes(b"not a database " * 100)
        return path
    conn = sqlite3.connect(path)
    try:
        if kind == "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        if kind == "header-only":
            conn.execute("PRAGMA user_version = 7")
        elif kind == "shapeless":
            conn.execute("CREATE TABLE decisions (id INTEGER PRIMARY KEY, note TEXT)")
        else:
            conn.execute("CREATE TABLE accounts (x)")
            conn.execute("INSERT INTO accounts VALUES (1)")
        conn.commit()
    finally:
        conn.close()
    return path


@pytest.mark.parametrize("kind", ["rollback", "wal", "header-only", "shapeless", "junk"])
def test_writing_refuses_an_existing_file_that_is_not_a_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = _foreign(tmp_path / "foreign.db", kind)
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    before, listing = _state(path), _listing(tmp_path)
    monkeypatch.chdir(tmp_path)
    _assert_one_line_error(capsys, [*SET_ARGS, "--db", "foreign.db"], "foreign.db: 不")
    for create in (True, False):
        with pytest.raises(InputError, match="复核记录库") as caught:
            Ledger(path, create=create, readonly=False)
        assert caught.value.path == str(path)
    assert _state(path) == before  # bytes and mtime: not even switched to WAL
    assert _listing(tmp_path) == listing  # no -wal, -shm or -journal left beside it


def test_only_a_missing_or_empty_file_becomes_a_new_ledger(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    for path in (empty, tmp_path / "new" / "missing.sqlite"):
        with Ledger(path) as ledger:
            ledger.record(FP_A, "303001", "RC001", "已确认", "", "张三")
        assert [row[1] for row in _rows(path)] == [FP_A]
        assert path.read_bytes()[18:20] == b"\x02\x02"  # WAL


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_loop_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    os.symlink("l1", "l2")
    os.symlink("l2", "l1")
    with Ledger(tmp_path / "led.sqlite") as ledger:
        ledger.record(FP_A, "303001", "RC001", "已确认", "", "张三")
    listing = _listing(tmp_path)
    _assert_one_line_error(capsys, [*SET_ARGS, "--db", "l1"], "l1: 路径中有符号链接循环")
    _assert_one_line_error(capsys, ["export", "--db", "l1"], "l1: 路径中有符号链接循环")
    _assert_one_line_error(capsys, ["export", "--db", "l1/sub.sqlite"], "符号链接循环")
    for call in (
        lambda: Ledger("l1"),
        lambda: Ledger("l1", create=False),
        lambda: read_current("l1"),
        lambda: validate_ledger("l1"),
        lambda: write_export(decisions_frame([]), "l1", "csv"),
        lambda: same_file("l1", "led.sqlite"),
        lambda: same_file("led.sqlite", "l2"),
    ):
        with pytest.raises(InputError, match="符号链接循环"):
            call()
    assert not same_file("led.sqlite", "out.csv") and same_file("led.sqlite", "./led.sqlite")
    assert _listing(tmp_path) == listing and os.readlink("l1") == "l2"


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


@pytest.mark.parametrize("kind", ["wal", "rollback"])
def test_a_ledger_locked_by_another_writer_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    monkeypatch.setattr(review, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "led.sqlite"
    if kind == "rollback":
        _rollback_ledger(path)
    else:
        with Ledger(path) as ledger:
            ledger.record(FP_A, "303001", "RC001", "已确认", "", "张三")
    before = _rows(path)
    other = _hold_write_lock(path)
    try:
        _assert_one_line_error(capsys, [*SET_ARGS, "--db", "led.sqlite"], "led.sqlite: 复核记录库正被他人写入")
        with pytest.raises(InputError, match="正被他人写入"):
            Ledger(path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Ledger(path) as ledger:  # opened while free, then another writer takes the lock
        other = _hold_write_lock(path)
        try:
            with pytest.raises(InputError, match="请稍后重试"):
                ledger.record(FP_B, "303001", "RC001", "已确认", "", "李四")
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert _rows(path) == before
        ledger.record(FP_B, "303001", "RC001", "已确认", "", "李四")  # free again
    assert [row[1] for row in _rows(path)] == [FP_A, FP_B]


def test_a_nul_byte_in_a_ledger_or_output_path_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    with Ledger(tmp_path / "led.sqlite") as ledger:
        ledger.record(FP_A, "303001", "RC001", "已确认", "", "张三")
    listing = _listing(tmp_path)
    bad = "a\0b.sqlite"
    _assert_one_line_error(capsys, [*SET_ARGS, "--db", bad], "a\\x00b.sqlite: 路径中含有空字符")
    _assert_one_line_error(capsys, ["export", "--db", bad], "空字符")
    params = load_unit(_project(tmp_path))
    for call in (
        lambda: Ledger(bad),
        lambda: Ledger(tmp_path / bad, create=False),
        lambda: read_current(bad),
        lambda: validate_ledger(replace(params, review_db=bad)),
        lambda: write_export(decisions_frame([]), "x\0.csv", "csv"),
    ):
        with pytest.raises(InputError, match="空字符") as caught:
            call()
        assert "\n" not in str(caught.value)
    assert _listing(tmp_path) == sorted([*listing, "params", "samples"])



def test_unit_ledger_path_reads_a_unit_file_saved_as_gbk(tmp_path: Path) -> None:
    """run reads a GBK unit file; its review_db must be found too (a reviewer's find: the ledger lookup still read
    UTF-8 only and fell back to the default ledger)."""
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    (tmp_path / "doc.txt").write_text("x\n", encoding="utf-8")
    (units / "u.yaml").write_bytes('unit: "303001"\nname: 发改局\nsource: doc.txt\nreview_db: led/u.sqlite\n'.encode("gbk"))
    assert unit_ledger_path("303001", tmp_path) == tmp_path.resolve() / "led" / "u.sqlite"


def test_decisions_are_stored_without_control_or_bidi_characters() -> None:
    """A reviewer's attack: a right-to-left override in the reviewer's name turned the decision's time around on the
    report, an ESC in a comment acted on the terminal of whoever exported the ledger; a fingerprint with spaces
    passed validation but was not found, one in capitals was refused; "." or a Hangul filler counted as a reason."""
    from budget_audit.review import validate_decision

    fields = validate_decision(f" {FP_A.upper()} ", "303001", "RC001", "已排除",
                               "理由\u202eRTL\x1b[31m<x>\n第二行\u061c", "赵六\u202e\u200f")  # fmt: skip
    assert fields == (FP_A, "303001", "RC001", "已排除", "理由RTL[31m<x>\n第二行", "赵六")
    for blank in (".", "\u3164", "\u2800 。", "\u202e"):
        with pytest.raises(ReviewError, match="写明理由"):
            validate_decision(FP_A, "303001", "RC001", "已排除", blank, "赵六")
    with pytest.raises(ReviewError, match="复核人不能为空"):
        validate_decision(FP_A, "303001", "RC001", "已确认", "", "\u202e\x1b")
    assert validate_decision(FP_A, "303001", "RC001", "已排除", "1", "赵六")[4] == "1"
    # the next round: joiners and the Mongolian vowel separator are text, a name is one line
    emoji, uyghur, mongolian = "👨\u200d👩\u200d👧", "ئۇ\u200cيغۇر", "ᠠ\u180eᠠ"
    fields = validate_decision(FP_A, "303001", "RC001", "已确认", f"{emoji} {uyghur} {mongolian}", "张\n三\t")
    assert fields[4] == f"{emoji} {uyghur} {mongolian}" and fields[5] == "张 三"
    # a bare carriage return overwrote the comment's start on a terminal and split the row in Excel: a line break
    assert validate_decision(FP_A, "303001", "RC001", "已排除", "核实无误\r已排除\r\n见附件", "张三")[4] == "核实无误\n已排除\n见附件"
