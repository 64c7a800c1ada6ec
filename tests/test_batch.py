"""batch.py and `budget-audit batch`: validation, parallel runs, cache, manifest, atomicity.

Each fixture tree is built in tmp_path (``params/units/*.yaml`` + ``params/defaults.yaml``
+ ``docs/*.txt`` copied from the bundled sample). Kernel starts are kept few: the
acceptance batch runs the real notebooks/unit_audit.ipynb (and compares one report with
a stock-kernel run); the cache, Dask and kill tests use a one-cell notebook that reads
the source like the real one does. The last tests drive kernelfork directly through
jupyter_client.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_notebook

from budget_audit import batch, cli, kernelfork, render
from budget_audit.batch import (
    MANIFEST_NAME,
    BatchUsageError,
    UnitTask,
    append_entry,
    input_hash,
    library_digest,
    read_manifest,
    run_batch,
    run_task,
)
from budget_audit.config import load_unit
from budget_audit.dashboard import load_dashboard
from budget_audit.errors import printable
from budget_audit.outputs import index_units
from budget_audit.render import run_unit
from budget_audit.workdirs import work_prefix
from processes import running

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = REPO_ROOT / "samples" / "dachang-fgj-2023.txt"
REAL_NOTEBOOK = REPO_ROOT / "notebooks" / "unit_audit.ipynb"
ENTRY_KEYS = {
    "unit", "name", "year", "params", "status", "started", "ended", "duration_s",
    "input_hash", "outputs", "error", "run_id", "counts",
}  # fmt: skip
OUTPUT_KEYS = {"html", "notebook", "findings_json", "findings_csv", "findings_xlsx"}
BINARY = b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)) * 8

CHEAP_CELL = """\
import json, os, pathlib, time
from budget_audit.ingest.text import decode
data = pathlib.Path(sources[0]).read_bytes()
decode(data, sources[0])  # unusable documents fail here, as in the real notebook
out = pathlib.Path(output_dir)
(out / "started").write_text(str(os.getpid()))
time.sleep(float(os.environ.get("BA_TEST_SLEEP", "0")))
by_severity = {"error": len(data) % 7, "warning": 2, "info": 1}
(out / "findings.json").write_text(json.dumps({"summary": {"by_severity": by_severity}}))
print(unit, len(data))
"""


def _cheap_notebook(path: Path) -> Path:
    parameters = new_code_cell(
        'unit = "X"\nsources = []\nyear = None\nparams_path = ""\noutput_dir = "."\n'
    )
    parameters.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[parameters, new_code_cell(CHEAP_CELL)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _unit_file(params_dir: Path, code: str, name: str, source: str, extra: str = "") -> Path:
    path = params_dir / "units" / f"{code}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'unit: "{code}"\nname: {name}\nyear: 2023\nsource: {source}\n{extra}', encoding="utf-8"
    )
    return path


def _doc(root: Path, name: str, data: bytes | None = None, note: str = "") -> str:
    """A copy of the sample (with a small edit) under root/docs; returns its params path."""
    path = root / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if data is None:
        data = SAMPLE.read_bytes() + (f"\n（测试副本：{note}）\n".encode() if note else b"")
    path.write_bytes(data)
    return f"docs/{name}"


def _tree(root: Path, units: list[tuple[str, str]]) -> Path:
    """params/defaults.yaml + one unit file and one sample copy per (code, name)."""
    params = root / "params"
    (params / "units").mkdir(parents=True, exist_ok=True)
    (params / "defaults.yaml").write_bytes((REPO_ROOT / "params" / "defaults.yaml").read_bytes())
    for code, name in units:
        _unit_file(params, code, name, _doc(root, f"{code}.txt", note=code))
    return params


def _lines(output: Path) -> list[dict[str, Any]]:
    raw = (output / MANIFEST_NAME).read_text(encoding="utf-8")
    assert raw.endswith("\n")
    return [json.loads(line) for line in raw.splitlines()]


def _by_unit(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["unit"]: e for e in entries}


def _normalised(report: Path) -> str:
    """report.html without what differs between any two runs (cell ids, elapsed time)."""
    html = report.read_text(encoding="utf-8")
    html = re.sub(r'id="cell-id=[^"]*"', "", html)
    return re.sub(r"<td>\d+ 毫秒</td>", "<td>毫秒</td>", html)


def _no_work_dirs(output: Path) -> bool:
    return not list(output.glob(".*.run-*"))


# --------------------------------------------------------------------------- acceptance


def test_batch_of_six_real_notebook_two_failures_then_cached(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    params = _tree(
        tmp_path,
        [
            ("303001", "大厂回族自治县发展和改革局"),
            ("303004", "大厂回族自治县京唐城际铁路（大厂段）建设工作指挥部办公室"),
            ("303005", "测试单位甲"),
            ("303006", "测试单位乙"),
        ],
    )
    corrupt = params / "units" / "303007.yaml"
    corrupt.write_text('unit: "303007"\nname: [坏的参数\nsource: docs/x.txt\n', encoding="utf-8")
    _unit_file(params, "303008", "二进制单位", _doc(tmp_path, "303008.txt", BINARY))
    output = tmp_path / "outputs"
    argv = ["batch", str(params), "-j", "2", "--output", str(output), "--notebook", str(REAL_NOTEBOOK)]

    assert cli.main(argv) == 1  # the batch completes; some unit failed
    out = capsys.readouterr().out
    assert "成功 4 个，失败 2 个，跳过 0 个" in out
    assert f"总览页：{output / 'index.html'}" in out

    first = _lines(output)
    assert len(first) == 6 and all(set(e) == ENTRY_KEYS for e in first)
    assert len({e["run_id"] for e in first}) == 1
    entries = _by_unit(first)
    for code in ("303001", "303004", "303005", "303006"):
        entry = entries[code]
        assert entry["status"] == "ok" and entry["error"] is None, entry
        assert entry["params"] == str(params / "units" / f"{code}.yaml")
        assert entry["year"] == 2023 and entry["name"]
        assert set(entry["outputs"]) == OUTPUT_KEYS
        for rel in entry["outputs"].values():
            assert (output / rel).is_file() and rel.startswith(f"{code}/")
        summary = json.loads((output / entry["outputs"]["findings_json"]).read_text("utf-8"))
        assert entry["counts"] == {s: summary["summary"]["by_severity"][s] for s in ("error", "warning", "info")}
        assert entry["duration_s"] > 0 and entry["ended"] >= entry["started"]
        assert entry["started"].endswith("Z") and len(entry["input_hash"]) == 64
    assert "大厂回族自治县发展和改革局" in (output / "303001" / "report.html").read_text("utf-8")

    bad_params = entries["303007"]
    assert bad_params["status"] == "failed" and bad_params["outputs"] == {}
    assert bad_params["error"]["kind"] == "params" and bad_params["error"]["cell"] is None
    assert str(corrupt) in bad_params["error"]["message"] and "YAML" in bad_params["error"]["message"]
    bad_source = entries["303008"]
    assert bad_source["status"] == "failed" and bad_source["outputs"] == {}
    # found before a kernel starts: no cell, the document named
    assert bad_source["error"]["kind"] == "input" and bad_source["error"]["cell"] is None
    assert "不是文本文件" in bad_source["error"]["message"]
    assert bad_source["error"]["message"].startswith(str(tmp_path / "docs" / "303008.txt"))
    for entry in (bad_params, bad_source):
        assert "\n" not in entry["error"]["message"] and entry["counts"] is None
        assert f"失败 {entry['unit']}" in out
    assert not (output / "303008").exists() and _no_work_dirs(output)
    # the real dashboard lists all six units, the two failures with their reasons
    index = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    listed = {tr.find("td").get_text(strip=True) for tr in index.select("table.ba-units tbody tr")}
    assert listed == {"303001", "303004", "303005", "303006", "303007", "303008"}
    failed = index.select_one("ul.ba-failed").get_text(" ", strip=True)
    assert "不是文本文件" in failed and "YAML" in failed

    # a forked kernel (the batch) and a stock kernel (budget-audit run) give the same report
    stock = run_unit(load_unit(params / "units" / "303001.yaml"), REAL_NOTEBOOK, tmp_path / "stock")
    assert _normalised(stock.html_path) == _normalised(output / "303001" / "report.html")
    assert (tmp_path / "stock" / "303001" / "findings.json").read_bytes() == (
        output / "303001" / "findings.json"
    ).read_bytes()

    # second run: the four good units are skipped, the two bad ones are tried again
    summary = run_batch(params, output, REAL_NOTEBOOK, jobs=2, progress=False)
    assert (summary.ok, summary.skipped, summary.failed) == (
        [], ["303001", "303004", "303005", "303006"], ["303007", "303008"]
    )
    assert summary.exit_code == 1
    second = _lines(output)[6:]
    assert len(second) == 6 and summary.run_id != first[0]["run_id"]
    for entry in second:
        if entry["status"] == "skipped":
            before = entries[entry["unit"]]
            assert entry["input_hash"] == before["input_hash"]
            assert entry["outputs"] == before["outputs"] and entry["counts"] == before["counts"]
    assert {u for u, e in _by_unit(read_manifest(output / MANIFEST_NAME)).items()} == set(entries)


# --------------------------------------------------------------------------- cache


def test_incremental_runs_only_what_changed(tmp_path: Path) -> None:
    params = _tree(tmp_path, [("101", "甲"), ("102", "乙"), ("103", "丙")])
    notebook = _cheap_notebook(tmp_path / "cheap.ipynb")
    output = tmp_path / "outputs"

    def run(**kwargs: Any) -> batch.BatchSummary:
        return run_batch(params, output, notebook, jobs=2, progress=False, **kwargs)

    first = run()
    assert first.ok == ["101", "102", "103"] and first.exit_code == 0
    assert all(e["counts"]["warning"] == 2 for e in first.entries)
    assert set(first.entries[0]["outputs"]) == {"html", "notebook", "findings_json"}
    assert run().skipped == ["101", "102", "103"]

    with open(tmp_path / "docs" / "102.txt", "ab") as handle:  # touch one source
        handle.write("\n补充说明。\n".encode())
    touched = run()
    assert (touched.ok, touched.skipped) == (["102"], ["101", "103"])

    unit_file = params / "units" / "103.yaml"
    unit_file.write_text(unit_file.read_text("utf-8") + "thresholds: {material_change_pct: 20}\n", "utf-8")
    (output / "101" / "report.html").unlink()  # outputs gone: run again even if inputs match
    changed = run()
    assert (changed.ok, changed.skipped) == (["101", "103"], ["102"])

    forced = run(force=True)
    assert forced.ok == ["101", "102", "103"]
    runs: dict[str, list[str]] = {}
    for entry in sorted(_lines(output), key=lambda e: e["unit"]):
        runs.setdefault(entry["run_id"], []).append(entry["status"])
    assert list(runs.values()) == [
        ["ok", "ok", "ok"],
        ["skipped", "skipped", "skipped"],
        ["skipped", "ok", "skipped"],
        ["ok", "skipped", "ok"],
        ["ok", "ok", "ok"],
    ]
    assert _no_work_dirs(output)


def test_a_unit_whose_findings_json_is_unreadable_runs_again(tmp_path: Path) -> None:
    """findings.json cut short (or edited by hand): the unit was "unchanged" — 失败 0 — while the dashboard said its
    findings were missing (a reviewer's find)."""
    params = _tree(tmp_path, [("121", "甲"), ("122", "乙")])
    notebook = _cheap_notebook(tmp_path / "cheap.ipynb")
    output = tmp_path / "outputs"
    assert run_batch(params, output, notebook, jobs=1, progress=False).ok == ["121", "122"]
    findings = output / "121" / "findings.json"
    findings.write_bytes(findings.read_bytes()[:40])
    again = run_batch(params, output, notebook, jobs=1, progress=False)
    assert (again.ok, again.skipped) == (["121"], ["122"])
    assert json.loads(findings.read_text("utf-8"))["summary"]


def test_exports_that_cannot_be_written_leave_the_index_page(tmp_path: Path) -> None:
    """findings_all.xlsx a directory: the index page was not written either, and the summary quoted the raw exception
    (IsADirectoryError: [Errno 21] …) — a reviewer's find. The page stands; the summary names the file."""
    params = _tree(tmp_path, [("131", "甲")])
    output = tmp_path / "outputs"
    (output / "findings_all.xlsx").mkdir(parents=True)
    summary = run_batch(params, output, _cheap_notebook(tmp_path / "cheap.ipynb"), jobs=1, progress=False)
    assert summary.ok == ["131"] and summary.index_html is not None and summary.index_html.is_file()
    assert summary.index_error is not None and "汇总问题清单未能写入" in summary.index_error
    assert str(output / "findings_all.xlsx") in summary.index_error and "Errno" not in summary.index_error
    assert summary.exit_code == 1


def test_a_removed_unit_leaves_the_index_and_findings_all(tmp_path: Path) -> None:
    """A unit file removed (or renamed to another code) takes the unit off the index page and
    findings_all, though its manifest entries stay; a batch with nothing to run rebuilds the page for it.
    Before, the page kept the removed unit (its findings in the totals) for good."""
    params = _tree(tmp_path, [("111", "甲"), ("112", "乙")])
    notebook = _cheap_notebook(tmp_path / "cheap.ipynb")
    output = tmp_path / "outputs"
    assert run_batch(params, output, notebook, jobs=1, progress=False).ok == ["111", "112"]
    assert index_units(output / "index.html") == {"111", "112"}
    (params / "units" / "112.yaml").unlink()
    again = run_batch(params, output, notebook, jobs=1, progress=False)
    assert again.skipped == ["111"] and again.index_html is not None
    assert index_units(output / "index.html") == {"111"}
    assert "112" not in (output / "findings_all.csv").read_text("utf-8-sig")
    assert [u.unit for u in load_dashboard(output, params).units] == ["111"]
    assert [u.unit for u in load_dashboard(output).units] == ["111", "112"]  # without the params: the manifest's


def test_an_index_older_than_a_units_findings_is_rebuilt(tmp_path: Path) -> None:
    """A batch stopped after publishing a unit, before its index page: the next batch, every unit unchanged, kept the
    stale page (its counts not the report's) — a reviewer's interrupted season of work."""
    params = _tree(tmp_path, [("113", "甲")])
    notebook = _cheap_notebook(tmp_path / "cheap.ipynb")
    output = tmp_path / "outputs"
    assert run_batch(params, output, notebook, jobs=1, progress=False).ok == ["113"]
    index = output / "index.html"
    quiet = run_batch(params, output, notebook, jobs=1, progress=False)
    assert quiet.skipped == ["113"] and quiet.index_html == index  # nothing newer: the page stands
    before = index.stat().st_mtime
    os.utime(output / "113" / "findings.json", (before + 5, before + 5))  # published after the page
    again = run_batch(params, output, notebook, jobs=1, progress=False)
    assert again.skipped == ["113"] and index.stat().st_mtime != before


def test_input_hash_covers_every_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    params_dir = _tree(tmp_path, [("201", "甲")])
    _doc(tmp_path, "prior.txt", note="上年")
    unit_file = params_dir / "units" / "201.yaml"
    unit_file.write_text(unit_file.read_text("utf-8") + "prior_source: docs/prior.txt\n", "utf-8")
    notebook = _cheap_notebook(tmp_path / "cheap.ipynb")

    def digest() -> str:
        return input_hash(load_unit(unit_file), notebook)

    seen = {digest()}
    assert digest() in seen  # stable
    for path in (
        tmp_path / "docs" / "201.txt",
        tmp_path / "docs" / "prior.txt",
        unit_file,
        params_dir / "defaults.yaml",
        notebook,
    ):
        with open(path, "ab") as handle:
            handle.write(b"\n# edit\n")
        new = digest()
        assert new not in seen, path
        seen.add(new)
    monkeypatch.setattr(batch, "__version__", "9.9.9")
    assert digest() not in seen
    seen.add(digest())
    monkeypatch.setattr(batch, "_LIBRARY_DIGEST", "0" * 64)
    assert digest() not in seen
    before_review = digest()
    # a review decision on one of the unit's findings must re-render its report
    from budget_audit.review import Ledger, ledger_path

    with Ledger(ledger_path(load_unit(unit_file))) as ledger:
        ledger.record("0123456789abcdef", "201", "RC001", "已确认", "核实无误", "审计员甲")
    assert digest() not in seen | {before_review}
    with Ledger(ledger_path(load_unit(unit_file))) as ledger:
        ledger.record("0123456789abcdef", "999", "RC001", "已确认", "另一单位", "审计员甲")
    assert digest() == before_review  # relabelled to another unit: this unit has no decision again


def test_library_digest_tracks_library_sources(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    (root / "templates").mkdir(parents=True)
    files = {"a.py": "x = 1\n", "templates/index.html.j2": "{{ x }}", "templates/r.css": "p{}", "notes.txt": "n"}
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    base = library_digest(root)
    assert library_digest(root) == base
    (root / "notes.txt").write_text("other", encoding="utf-8")
    assert library_digest(root) == base  # not a source file
    for name in ("a.py", "templates/index.html.j2", "templates/r.css"):
        (root / name).write_text(files[name] + " ", encoding="utf-8")
        assert library_digest(root) != base, name
        (root / name).write_text(files[name], encoding="utf-8")
    assert library_digest(root) == base
    assert len(library_digest()) == 64 and library_digest() == library_digest()


# --------------------------------------------------------------------------- manifest


def test_manifest_is_append_only_and_torn_lines_are_skipped(tmp_path: Path) -> None:
    manifest = tmp_path / "out" / MANIFEST_NAME
    append_entry(manifest, {"unit": "1", "status": "ok", "note": "第一行"})
    before = manifest.read_bytes()
    with open(manifest, "ab") as handle:  # a writer killed in the middle of a line
        handle.write(b'{"unit": "2", "sta')
    append_entry(manifest, {"unit": "3", "status": "failed"})
    data = manifest.read_bytes()
    assert data.startswith(before) and data.endswith(b"\n")
    assert [e["unit"] for e in read_manifest(manifest)] == ["1", "3"]
    assert read_manifest(tmp_path / "missing.jsonl") == []


# --------------------------------------------------------------------------- validation


def test_bad_params_are_reported_and_the_rest_runs(tmp_path: Path) -> None:
    params = _tree(tmp_path, [("301", "甲")])
    units = params / "units"
    (units / "302.yaml").write_text('unit: "301"\nname: 重复\nsource: docs/301.txt\n', "utf-8")
    (units / "303.yaml").write_text('unit: "303"\nname: 缺文件\nsource: docs/none.txt\n', "utf-8")
    (units / "304.yaml").write_text('unit: "304"\nname: 年份错\nyear: 23\nsource: docs/301.txt\n', "utf-8")
    (units / "305.yaml").write_bytes(b"\xff\xfe\x00garbage")
    output = tmp_path / "outputs"
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale_dir = output / f"{work_prefix('301', dead.pid)}x1"  # a SIGKILLed run's
    live_dir = output / f"{work_prefix('301')}x2"  # a `budget-audit run` still going beside the batch
    live_dir.mkdir(parents=True)
    (stale_dir / "files").mkdir(parents=True)
    (stale_dir / "report.ipynb").write_text("{half", encoding="utf-8")
    stale_tmp = output / "301" / ".report.html.x1.tmp.html"
    stale_tmp.parent.mkdir()
    stale_tmp.write_text("<html>half", encoding="utf-8")

    summary = run_batch(params, output, _cheap_notebook(tmp_path / "c.ipynb"), jobs=1, progress=False)
    assert summary.ok == ["301"]
    assert summary.failed == ["302", "303", "304", "305"]  # 302.yaml names unit 301 again
    failed = {e["params"]: e for e in summary.entries if e["status"] == "failed"}
    expected = {
        "302.yaml": "与",  # … 与 <301.yaml> 重复
        "303.yaml": "公开文件不存在",
        "304.yaml": "year 必须是四位年份",
        "305.yaml": "参数文件",
    }
    for name, reason in expected.items():
        entry = failed[str(units / name)]
        assert entry["error"]["kind"] == "params"
        assert entry["error"]["message"].startswith(str(units / name)), entry
        assert reason in entry["error"]["message"]
    assert "单位代码 301" in failed[str(units / "302.yaml")]["error"]["message"]
    assert failed[str(units / "304.yaml")]["name"] == "年份错"
    assert failed[str(units / "305.yaml")]["unit"] == "305"  # unreadable: named by its file
    assert not stale_dir.exists() and not stale_tmp.exists()
    assert live_dir.is_dir()  # its process (this one) is alive
    assert "失败 4 个" in summary.report()


def test_batch_user_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def fails(*argv: str) -> str:
        assert cli.main(["batch", *argv]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
        return err

    assert "units" in fails(str(tmp_path / "nowhere"))
    (tmp_path / "params" / "units").mkdir(parents=True)
    assert ".yaml" in fails(str(tmp_path / "params"), "--output", str(tmp_path / "o"))
    params = _tree(tmp_path, [("401", "甲")])
    assert "--scheduler" in fails(str(params), "--scheduler", "tcp://127.0.0.1:1")
    assert "笔记本不存在" in fails(str(params), "--notebook", str(tmp_path / "none.ipynb"))
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["batch", str(params), "-j", "0"])
    assert exit_info.value.code == 2
    capsys.readouterr()


def _fails_in_one_line(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(["batch", *argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    return err


def test_one_bad_unit_file_never_stops_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unexpected exception, an unusable ledger, a directory, a broken link or an
    undecodable file name: each is that unit's failed entry; the .yml unit runs; index."""
    params = _tree(tmp_path, [])
    units = params / "units"
    doc = _doc(tmp_path, "doc.txt")
    _unit_file(params, "701", "甲", doc).rename(units / "701.yml")  # accepted like .yaml
    _unit_file(params, "702", "乙", doc)
    _unit_file(params, "703", "丙", doc, "review_db: docs/ledger.sqlite\n")
    (tmp_path / "docs" / "ledger.sqlite").write_bytes(BINARY)  # not a review ledger
    (units / "704.yaml").mkdir()
    (units / "705.yaml").symlink_to(tmp_path / "gone.yaml")
    undecodable = units / os.fsdecode(b"706\xff.yaml")
    try:
        _unit_file(params, "706", "丁", doc).rename(undecodable)
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses file names that are not UTF-8")
    (units / "notes.txt").write_text("说明", encoding="utf-8")
    (units / ".703.yaml.swp").write_bytes(b"\0")  # hidden: an editor's file, not a unit

    real_load_unit = batch.load_unit

    def load_unit_crashing_on_702(path: Path, check_sources: bool = True) -> Any:
        if Path(path).name == "702.yaml":
            raise RuntimeError("模拟的程序错误")
        return real_load_unit(path, check_sources)

    monkeypatch.setattr(batch, "load_unit", load_unit_crashing_on_702)
    output = tmp_path / "outputs"
    summary = run_batch(params, output, _cheap_notebook(tmp_path / "c.ipynb"), jobs=1, progress=False)

    assert summary.ok == ["701"]
    assert summary.failed == ["702", "703", "704", "705", "706"]
    assert summary.index_error is None and (output / "index.html").is_file()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "notes.txt" in err and ".yml" in err and ".swp" not in err
    failed = {e["unit"]: e for e in summary.entries if e["status"] == "failed"}
    shown_706 = str(units / "706\\xff.yaml")
    expected = {
        "702": (str(units / "702.yaml"), "crash", "RuntimeError: 模拟的程序错误"),
        "703": (str(tmp_path / "docs" / "ledger.sqlite"), "input", "复核记录库"),
        "704": (str(units / "704.yaml"), "params", "目录"),
        "705": (str(units / "705.yaml"), "params", "符号链接"),
        "706": (shown_706, "params", "UTF-8"),
    }
    for code, (starts, kind, reason) in expected.items():
        error = failed[code]["error"]
        assert error["kind"] == kind and reason in error["message"], failed[code]
        assert error["message"].startswith(starts) and "\n" not in error["message"]
    assert failed["706"]["params"] == shown_706 and failed["706"]["name"] == "丁"
    lines = _lines(output)  # valid UTF-8 JSON, one line per unit file
    assert sorted(e["unit"] for e in lines) == ["701", "702", "703", "704", "705", "706"]
    assert shown_706 in summary.report()


def test_validation_never_raises_for_a_unit_file(tmp_path: Path) -> None:
    """No kernel: a FIFO (reading would block), a date YAML cannot build, a file name that
    is not UTF-8; every one a failed entry that the manifest can hold."""
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    fifo = units / "a.yaml"
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(fifo)
    bad_date = units / "b.yaml"
    bad_date.write_text('unit: "b1"\nyear: 2023-02-30\nsource: x.txt\n', encoding="utf-8")
    undecodable = units / os.fsdecode(b"c\xfe.yaml")
    try:
        undecodable.write_text("", encoding="utf-8")  # no unit code: named by its file
    except (OSError, UnicodeError):
        undecodable = None
    files = batch.discover(tmp_path / "params")
    valid, failed = batch._validate_all(files, "run")
    assert valid == []
    entries = dict(failed)
    assert "不是普通文件" in entries[fifo]["error"]["message"]
    assert entries[bad_date]["unit"] == "b"  # the YAML cannot be read: named by its file
    assert entries[bad_date]["error"]["message"].startswith(str(bad_date))
    if undecodable is not None:
        assert entries[undecodable]["params"] == str(units / "c\\xfe.yaml")
        assert entries[undecodable]["unit"] == "c\\xfe"
    for entry in entries.values():
        append_entry(tmp_path / MANIFEST_NAME, entry)
    assert len(read_manifest(tmp_path / MANIFEST_NAME)) == len(files)


def test_discover_lists_every_unit_file_and_names_the_others(tmp_path: Path) -> None:
    params = tmp_path / "params"
    units = params / "units"
    (units / "archive").mkdir(parents=True)
    for name in ["b.yaml", "a.yml", "C.YAML", "notes.txt", "d.yaml.bak", ".gitkeep", ".e.yaml"]:
        (units / name).write_text("unit: x\n", encoding="utf-8")
    (units / "f.yaml").mkdir()
    (units / "g.yaml").symlink_to(tmp_path / "gone.yaml")
    names = [p.name for p in batch.discover(params)]
    assert names == ["C.YAML", "a.yml", "b.yaml", "f.yaml", "g.yaml"]
    assert [p.name for p in batch.ignored_files(params)] == ["d.yaml.bak", "notes.txt"]
    assert printable(os.fsdecode(b"x\xff.yaml")) == "x\\xff.yaml"
    assert printable("单位.yaml") == "单位.yaml"


def test_batch_setup_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A params directory not named params (its relative paths and defaults.yaml would be
    looked up elsewhere), an output path under a file, an output dir that cannot be locked, a run record that is no
    file."""
    notebook = str(_cheap_notebook(tmp_path / "c.ipynb"))
    config = tmp_path / "config"
    _unit_file(config, "801", "甲", _doc(tmp_path, "801.txt"))
    (config / "defaults.yaml").write_text("tolerance: {rounding_per_term_wan: 5}\n", "utf-8")
    out = tmp_path / "o"
    err = _fails_in_one_line(capsys, str(config), "--notebook", notebook, "--output", str(out))
    assert "params" in err and str(config) in err
    assert not out.exists()

    params = _tree(tmp_path, [("802", "乙")])
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    under = plain / "sub"
    err = _fails_in_one_line(capsys, str(params), "--notebook", notebook, "--output", str(under))
    assert "无法创建输出目录" in err and str(under) in err

    (out / batch.LOCK_NAME).mkdir(parents=True)  # the lock cannot be opened
    err = _fails_in_one_line(capsys, str(params), "--notebook", notebook, "--output", str(out))
    assert "无法写入输出目录" in err and not (out / MANIFEST_NAME).exists()

    other = tmp_path / "o2"
    (other / MANIFEST_NAME).mkdir(parents=True)  # the run record a directory: a traceback (a reviewer's find)
    err = _fails_in_one_line(capsys, str(params), "--notebook", notebook, "--output", str(other))
    assert "运行记录是一个目录，不是文件" in err and str(other / MANIFEST_NAME) in err


def test_clean_stale_never_looks_outside_the_output_dir(tmp_path: Path) -> None:
    output = tmp_path / "outputs"
    output.mkdir()
    outside = tmp_path / "other" / ".notes.tmp1"
    outside.parent.mkdir()
    outside.write_text("keep", encoding="utf-8")
    inside = output / "901" / ".report.html.x.tmp.html"
    inside.parent.mkdir()
    inside.write_text("half", encoding="utf-8")
    removed = batch.clean_stale(output, ["../other", "901"])
    assert removed == [inside] and outside.is_file()


def test_dask_not_installed_is_a_user_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    params = _tree(tmp_path, [("501", "甲")])
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    output = tmp_path / "outputs"
    notebook = _cheap_notebook(tmp_path / "cheap.ipynb")
    code = cli.main(
        ["batch", str(params), "--executor", "dask", "--output", str(output), "--notebook", str(notebook)]
    )
    err = capsys.readouterr().err
    assert code == 2 and "Dask" in err and err.count("\n") == 1
    assert not (output / MANIFEST_NAME).exists()



def test_a_broken_defaults_file_is_one_line_before_any_unit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: one failed entry per unit, each naming defaults.yaml, and exit code 1."""
    params = _tree(tmp_path, [("611", "甲"), ("612", "乙")])
    with open(params / "defaults.yaml", "a", encoding="utf-8") as defaults:
        defaults.write("tolerence: {}\n")
    output = tmp_path / "outputs"
    notebook = _cheap_notebook(tmp_path / "c.ipynb")
    code = cli.main(["batch", str(params), "--output", str(output), "--notebook", str(notebook)])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert captured.err == f"budget-audit: {params / 'defaults.yaml'}: 未知参数 tolerence（可用：rules, thresholds, tolerance）\n"
    assert not (output / MANIFEST_NAME).exists()

def test_one_batch_at_a_time_per_output_dir(tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl")
    params = _tree(tmp_path, [("601", "甲")])
    output = tmp_path / "outputs"
    output.mkdir()
    with open(output / batch.LOCK_NAME, "a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        with pytest.raises(BatchUsageError, match="另一个批量任务"):
            run_batch(params, output, _cheap_notebook(tmp_path / "c.ipynb"), progress=False)


# --------------------------------------------------------------------------- dask


def test_dask_local_cluster(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    params = _tree(tmp_path, [("701", "甲"), ("702", "乙")])
    _unit_file(params, "703", "二进制", _doc(tmp_path, "703.txt", BINARY))
    output = tmp_path / "outputs"
    notebook = _cheap_notebook(tmp_path / "cheap.ipynb")

    summary = run_batch(params, output, notebook, jobs=2, executor="dask", progress=False)
    assert (summary.ok, summary.failed) == (["701", "702"], ["703"])
    assert summary.workers and all(not w.endswith(f":{os.getpid()}") for w in summary.workers)
    entries = _by_unit(_lines(output))
    assert all(set(e) == ENTRY_KEYS for e in entries.values())
    assert entries["703"]["error"]["kind"] == "input" and entries["703"]["error"]["cell"] is None
    assert (output / "701" / "report.html").is_file()
    # the cache is shared with the local executor: same inputs, nothing to do
    assert run_batch(params, output, notebook, jobs=2, progress=False).skipped == ["701", "702"]


def test_dask_scheduler_address(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    params = _tree(tmp_path, [("711", "甲")])
    output = tmp_path / "outputs"
    notebook = _cheap_notebook(tmp_path / "cheap.ipynb")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        summary = run_batch(
            params, output, notebook, executor="dask", scheduler=cluster.scheduler_address, progress=False
        )
    assert summary.ok == ["711"] and summary.kernel_server_mb is None  # remote workers: stock kernels
    assert (output / "711" / "report.html").is_file()


# --------------------------------------------------------------------------- atomicity


def test_killed_batch_leaves_no_half_written_report(tmp_path: Path) -> None:
    params = _tree(tmp_path, [("801", "甲")])
    notebook = _cheap_notebook(tmp_path / "cheap.ipynb")
    output = tmp_path / "outputs"
    # What a killed batch cannot clean up (its kernel's socket directory, the fork
    # server's directory) goes to a temporary directory of this test, short enough for
    # Unix socket paths.
    scratch = Path(tempfile.mkdtemp(prefix="ba-test-"))
    env = {**os.environ, "BA_TEST_SLEEP": "120", "PYTHONUNBUFFERED": "1", "TMPDIR": str(scratch)}
    command = [sys.executable, "-m", "budget_audit.cli", "batch", str(params), "-j", "1",
               "--output", str(output), "--notebook", str(notebook)]  # fmt: skip
    proc = subprocess.Popen(
        command, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    kernel_pid = None
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            markers = list(output.glob(".801.run-*/files/started"))
            if markers and markers[0].read_text():
                kernel_pid = int(markers[0].read_text())
                break
            time.sleep(0.1)
        assert kernel_pid is not None, proc.stderr.read().decode() if proc.poll() is not None else "timeout"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the batch, its workers and their fork server
        proc.wait(timeout=30)
        proc.stderr.close()  # type: ignore[union-attr]
        shutil.rmtree(scratch, ignore_errors=True)
    # the kernel runs in a session of its own; it must notice that its worker died
    gone = _wait_gone(kernel_pid, 15)
    if not gone:
        _kill_quietly(kernel_pid)
    assert gone, "the kernel outlived the killed batch"

    assert not (output / "801").exists() or not list((output / "801").iterdir())
    assert not _no_work_dirs(output)  # the killed run's work directory is still there
    assert all(isinstance(e, dict) for e in read_manifest(output / MANIFEST_NAME))

    later = run_batch(params, output, notebook, jobs=1, progress=False)
    assert later.ok == ["801"] and _no_work_dirs(output)
    assert (output / "801" / "report.html").read_text("utf-8").rstrip().endswith("</html>")


@pytest.mark.parametrize(
    ("command", "how", "exit_code"),
    [("run", "ctrl-c", 130), ("batch", "ctrl-c", 130), ("run", "kill", 143), ("batch", "kill", 143)],
)
def test_ctrl_c_or_kill_is_one_line_and_nothing_left(command: str, how: str, exit_code: int, tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the foreground process group) or ``kill`` (SIGTERM to the command
    alone) while a kernel runs a cell: one line, the kernel gone, no work directory."""
    params = _tree(tmp_path, [("802", "甲")])
    output = tmp_path / "outputs"
    target = str(params / "units" / "802.yaml") if command == "run" else str(params)
    argv = [sys.executable, "-m", "budget_audit.cli", command, target, "--output", str(output),
            "--notebook", str(_cheap_notebook(tmp_path / "cheap.ipynb"))]  # fmt: skip
    env = {**os.environ, "BA_TEST_SLEEP": "120"}
    proc = subprocess.Popen(argv, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        kernel_pid = _started_kernel(proc, output, "802")
        if how == "ctrl-c":
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == exit_code and err == "budget-audit: 已中断\n", err
    assert _wait_gone(kernel_pid, 15), "the kernel outlived the interrupted run"
    assert not (output / "802").exists() and _no_work_dirs(output)


def test_kill_sent_to_the_batch_alone_stops_its_workers_too(tmp_path: Path) -> None:
    """SIGTERM to the batch alone when it leads no process group (``timeout``, a CI runner, systemd): its workers,
    never told, ran on until killed after the grace time and left their work directories behind."""
    params = _tree(tmp_path, [("807", "甲")])
    output = tmp_path / "outputs"
    argv = [sys.executable, "-m", "budget_audit.cli", "batch", str(params), "-j", "1", "--output", str(output),
            "--notebook", str(_cheap_notebook(tmp_path / "cheap.ipynb"))]  # fmt: skip
    leader = subprocess.Popen(["sleep", "300"], process_group=0)  # the group's leader, as timeout is
    proc = subprocess.Popen(argv, env={**os.environ, "BA_TEST_SLEEP": "120"}, process_group=leader.pid,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        kernel_pid = _started_kernel(proc, output, "807")
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        os.killpg(leader.pid, signal.SIGKILL)
        leader.wait()
        proc.wait()
    assert proc.returncode == 143 and err == "budget-audit: 已中断\n", err
    assert _wait_gone(kernel_pid, 15), "the kernel outlived the stopped batch"
    assert not (output / "807").exists() and _no_work_dirs(output)


def test_ctrl_c_stops_a_batch_at_once_with_units_still_queued(tmp_path: Path) -> None:
    """Ctrl-C while the first of four units runs (one worker): the batch stops at once, starts none of
    the three queued, publishes nothing and leaves no worker behind. Before, leaving the pool waited for
    every submitted unit to run — each published after the Ctrl-C, without a manifest entry."""
    units = [("803", "甲"), ("804", "乙"), ("805", "丙"), ("806", "丁")]
    params = _tree(tmp_path, units)
    output = tmp_path / "outputs"
    argv = [sys.executable, "-m", "budget_audit.cli", "batch", str(params), "-j", "1", "--output", str(output),
            "--notebook", str(_cheap_notebook(tmp_path / "cheap.ipynb"))]  # fmt: skip
    env = {**os.environ, "BA_TEST_SLEEP": "20"}
    proc = subprocess.Popen(argv, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            if [m for m in output.glob(".*.run-*/files/started") if m.read_text()]:
                break
            time.sleep(0.1)
        else:
            pytest.fail("no unit started")
        os.killpg(proc.pid, signal.SIGINT)
        started = time.monotonic()
        _, err = proc.communicate(timeout=60)
        waited = time.monotonic() - started
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130 and err == "budget-audit: 已中断\n", err
    assert waited < 15, f"the batch took {waited:.1f} s to stop"  # the unit's cell alone sleeps 20 s
    assert not [code for code, _ in units if (output / code).exists()] and _no_work_dirs(output)
    assert not [e for e in read_manifest(output / MANIFEST_NAME) if e.get("status") == "ok"]
    deadline = time.monotonic() + 10  # the fork servers notice that the batch is gone
    while subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True).returncode == 0:
        assert time.monotonic() < deadline, subprocess.run(["ps", "-o", "pid,args", "-g", str(proc.pid)],
                                                           capture_output=True, text=True).stdout
        time.sleep(0.2)


def _started_kernel(proc: subprocess.Popen[str], output: Path, unit: str) -> int:
    """The pid of the kernel whose cell for ``unit`` has started (the cheap notebook writes it), within 90 s."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        markers = [m for m in output.glob(f".{unit}.run-*/files/started") if m.read_text()]
        if markers:
            return int(markers[0].read_text())
        time.sleep(0.1)
    raise AssertionError("the cell never started")


def _wait_gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not running(pid):
            return True
        time.sleep(0.1)
    return False


def _kill_quietly(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def test_failure_while_publishing_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    params_dir = _tree(tmp_path, [("901", "甲")])
    unit_file = params_dir / "units" / "901.yaml"
    notebook = _cheap_notebook(tmp_path / "cheap.ipynb")
    output = tmp_path / "outputs"

    def task() -> UnitTask:
        params = load_unit(unit_file)
        return UnitTask(params, str(unit_file), str(notebook), str(output), input_hash(params, notebook), "r")

    entry, _ = run_task(task())
    assert entry["status"] == "ok"
    report = output / "901" / "report.html"
    old = report.read_bytes()

    real_move = render.move_atomic

    def move_then_fail(source: Any, target: Any) -> Path:
        if Path(target).name == render.REPORT_HTML:
            raise OSError(28, "No space left on device")
        return real_move(source, target)

    monkeypatch.setattr(render, "move_atomic", move_then_fail)
    with open(tmp_path / "docs" / "901.txt", "ab") as handle:
        handle.write("\n更正。\n".encode())
    entry, _ = run_task(task())
    # a full disk is the machine's state, not a bug: a one-line error like a user's (exit 2 in run)
    assert entry["status"] == "failed" and entry["error"]["kind"] == "input"
    assert "磁盘空间已满" in entry["error"]["message"] and entry["outputs"] == {}
    assert report.read_bytes() == old
    assert not list((output / "901").glob(".*")) and _no_work_dirs(output)


# --------------------------------------------------------------------------- kernel fork server

requires_fork = pytest.mark.skipif(not kernelfork.available(), reason="kernel fork server is Linux-only")

PROBE = (
    "import os, sys, json\n"
    "print(json.dumps({'pid': os.getpid(), 'ppid': os.getppid(), 'cwd': os.getcwd(),"
    " 'env': os.environ.get('BA_PROBE'), 'preloaded': 'budget_audit.charts' in sys.modules,"
    " 'names': sorted(k for k in globals() if not k.startswith('_'))}))"
)


def _probe(kc: Any) -> dict[str, Any]:
    out: list[str] = []

    def hook(msg: dict[str, Any]) -> None:
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])

    reply = kc.execute_interactive(PROBE, timeout=60, output_hook=hook)
    assert reply["content"]["status"] == "ok", reply["content"]
    return json.loads("".join(out))


@pytest.fixture()
def fork_server() -> Any:
    server = kernelfork.KernelForkServer.start()
    assert server is not None
    yield server
    server.close()
    assert not server.directory.exists()


@requires_fork
def test_workers_start_without_the_slow_iri_checker() -> None:
    """batch imports lean_imports, so the worker fork server has it before the runner: no
    worker compiles the rfc3987_syntax grammars (~0.7 s) that nbformat would pull in."""
    import concurrent.futures as cf

    with cf.ProcessPoolExecutor(max_workers=1, mp_context=batch._mp_context()) as pool:
        loaded = pool.submit(eval, "sorted(m for m in ('lark', 'papermill') if m in __import__('sys').modules)")
        assert loaded.result(timeout=120) == ["papermill"]  # preloaded, but not lark


def test_forked_kernel_is_a_fresh_process_with_preloaded_imports(
    fork_server: kernelfork.KernelForkServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jupyter_client.manager import start_new_kernel

    monkeypatch.setenv("BA_PROBE", "环境变量")
    with kernelfork.use(fork_server.jupyter_path):
        km, kc = start_new_kernel(kernel_name="python3", cwd=str(tmp_path))
    try:
        first = _probe(kc)
        stub_pid = km.provisioner.pid  # type: ignore[union-attr]
        assert first["pid"] != stub_pid and first["ppid"] == fork_server.process.pid
        assert first["cwd"] == str(tmp_path) and first["env"] == "环境变量"
        assert first["preloaded"]  # imported by the server, not by this kernel
        kc.execute_interactive("x = 41", timeout=30)
        # interrupt goes through the stub to the kernel
        msg_id = kc.execute("import time\ntime.sleep(60)")
        time.sleep(1.0)
        km.interrupt_kernel()
        deadline = time.monotonic() + 20
        while True:
            reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "KeyboardInterrupt"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    assert _wait_gone(first["pid"], 10)
    # the next kernel is another process with an empty namespace
    with kernelfork.use(fork_server.jupyter_path):
        km, kc = start_new_kernel(kernel_name="python3", cwd=str(tmp_path))
    try:
        second = _probe(kc)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert second["pid"] != first["pid"] and "x" not in second["names"]
    assert fork_server.stats()["kernels"] == 2


@requires_fork
def test_killing_the_stub_kills_the_forked_kernel(
    fork_server: kernelfork.KernelForkServer, tmp_path: Path
) -> None:
    from jupyter_client.manager import start_new_kernel

    with kernelfork.use(fork_server.jupyter_path):
        km, kc = start_new_kernel(kernel_name="python3", cwd=str(tmp_path))
    kernel = _probe(kc)["pid"]
    kc.stop_channels()
    km.shutdown_kernel(now=True)  # SIGKILL to the stub's process group only
    assert _wait_gone(kernel, 10)


@requires_fork
def test_stub_falls_back_to_a_stock_kernel_without_server(
    fork_server: kernelfork.KernelForkServer, tmp_path: Path
) -> None:
    from jupyter_client.manager import start_new_kernel

    path = fork_server.jupyter_path
    fork_server.process.kill()
    fork_server.process.wait()
    (fork_server.directory / kernelfork.SOCKET_NAME).unlink(missing_ok=True)
    with kernelfork.use(path):
        km, kc = start_new_kernel(kernel_name="python3", cwd=str(tmp_path))
    try:
        probe = _probe(kc)
        stub_pid = km.provisioner.pid  # type: ignore[union-attr]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert probe["pid"] == stub_pid  # the stub replaced itself with a stock kernel
    assert not probe["preloaded"]


# --------------------------------------------------------------------------- a pool that cannot start


def test_a_worker_pool_that_cannot_start_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fork server could not start (a reviewer: ConnectionRefusedError from pool.submit, as a user who
    cannot run the venv's Python): one line, a batch that could not start — before, a raw traceback."""
    params = _tree(tmp_path, [("303001", "发改局")])
    notebook = _cheap_notebook(tmp_path / "nb.ipynb")
    monkeypatch.setenv(batch.FORK_KERNELS_ENV, "0")

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(batch.cf.ProcessPoolExecutor, "submit", refused)
    code = cli.main(["batch", str(params), "--output", str(tmp_path / "out"), "--notebook", str(notebook)])
    out, err = capsys.readouterr()
    assert code == 2 and out == "", out
    assert err.count("\n") == 1 and err.startswith("budget-audit: 无法启动工作进程（ConnectionRefusedError: "), err
    assert "批量任务未能开始" in err


def test_a_python_the_pool_cannot_run_is_named_before_the_batch_starts(tmp_path: Path) -> None:
    """The pool's interpreter cannot be executed: its resource tracker died unseen and the pool failed with a
    BrokenPipeError, which the command line took for a closed stdout — exit 0 and not a word."""
    params = _tree(tmp_path, [("303001", "发改局")])
    code = (
        "import sys, multiprocessing\n"
        "multiprocessing.set_executable('/nonexistent/python')\n"
        "from budget_audit.cli import main\n"
        f"sys.exit(main(['batch', {str(params)!r}, '--output', {str(tmp_path / 'out')!r},"
        f" '--notebook', {str(_cheap_notebook(tmp_path / 'nb.ipynb'))!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and result.stdout == b"", err
    assert err == "budget-audit: 无法启动工作进程：当前用户无法运行 Python 解释器 /nonexistent/python（权限不足或文件不存在），批量任务未能开始\n"
    assert not (tmp_path / "out").exists()
