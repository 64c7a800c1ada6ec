"""Run every unit of a params directory: discovery, validation, executor, cache, manifest.

``run_batch`` is the whole job::

    <params_dir>/units/*.yaml|*.yml ─load_unit (all first)─▶ UnitParams │ failed entry
        ─input_hash vs the manifest's last "ok" entry─▶ skipped │ task
        ─executor (process pool │ dask.distributed), one task per unit─▶ render.run_unit
        ─▶ <output_dir>/manifest.jsonl (one line per unit per run, appended)
        ─▶ <output_dir>/index.html (dashboard.build_index, when that module exists)

Each task runs :func:`budget_audit.render.run_unit`, the code path of ``budget-audit run``;
a unit that fails is recorded with its error and the others go on. Workers on this machine
(the process pool, a Dask LocalCluster) get their kernels from a fork server
(:mod:`budget_audit.kernelfork`): still one new kernel process per notebook, without
paying for Python, ipykernel and the library imports again for every unit
(``BUDGET_AUDIT_FORK_KERNELS=0`` turns this off). The manifest is
append-only — one JSON object per line, written with a single ``write`` and fsynced — so
it is also the batch's audit trail; the last entry of a unit is its current state.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import hashlib
import json
import multiprocessing
import os
import secrets
import signal
import socket
import sys
import time
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import __version__, kernelfork, lean_imports  # noqa: F401 - lean_imports: before render, here and in every worker
from .config import (
    UnitParams,
    declared_unit,
    defaults_for,
    is_unit_file_name,
    load_settings,
    load_unit,
    peek_params,
    project_root,
    unit_code_problem,
)
from .errors import (
    NOT_UTF8,
    InputError,
    Utf8Stderr,
    file_problem,
    is_utf8,
    locale_problem,
    not_a_file,
    one_line,
    os_reason,
    printable,
    shown_path,
    to_stderr,
)
from .interrupts import keep_lost_interrupts
from .manifest import MANIFEST_NAME, append_entry, last_ok_entries, read_manifest
from .outputs import FINDINGS_JSON, OUTPUT_FILES, index_units
from .review import ledger_path, read_current
from .workdirs import remove_abandoned

INDEX_NAME = "index.html"
LOCK_NAME = ".batch.lock"
EXECUTORS = ("local", "dask")
SEVERITIES = ("error", "warning", "info")
ERROR_KINDS = ("params", "input", "render", "crash")
_LIBRARY_SUFFIXES = (".py", ".j2", ".css")
_MESSAGE_LIMIT = 300


class BatchUsageError(Exception):
    """The batch cannot start (missing directory, Dask not installed …): one Chinese line."""


@dataclass(frozen=True)
class UnitTask:
    """One unit to run, as sent to a worker (plain, picklable data)."""

    params: UnitParams
    params_path: str  # as discovered, for the manifest
    notebook: str
    output_dir: str
    input_hash: str
    run_id: str
    kernels: str | None = None
    """Jupyter data path of the batch's kernel fork server (None: stock kernels)."""


@dataclass
class BatchSummary:
    """What one ``run_batch`` call did; unit lists hold unit codes in params-file order."""

    run_id: str
    ok: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duration_s: float = 0.0
    manifest: Path | None = None
    index_html: Path | None = None
    index_error: str | None = None
    index_s: float = 0.0
    entries: list[dict[str, Any]] = field(default_factory=list)
    """This run's manifest entries, in params-file order."""
    workers: dict[str, dict[str, float]] = field(default_factory=dict)
    """Per worker (``host:pid``): peak resident memory in MB of the worker process
    (``worker_mb``) and of the largest kernel it ran (``kernel_mb``; with forked kernels,
    the largest kernel of the batch so far)."""
    kernel_server_mb: float | None = None
    """Peak resident memory of the kernel fork server, when one was used."""
    warnings: list[str] = field(default_factory=list)
    """Lines printed on stderr before the run (files of ``units/`` that are not unit files)."""

    @property
    def exit_code(self) -> int:
        """0 when every unit is ok or skipped, 1 when a unit (or the index page) failed."""
        return 1 if self.failed or self.index_error else 0

    def report(self) -> str:
        """The final summary in Chinese (several lines, ending with a newline)."""
        lines = [
            f"批量审计完成：成功 {len(self.ok)} 个，失败 {len(self.failed)} 个，"
            f"跳过 {len(self.skipped)} 个（输入未变），用时 {self.duration_s:.1f} 秒"
        ]
        for entry in self.entries:
            if entry["status"] == "failed" and entry.get("error"):
                lines.append(
                    f"  失败 {entry['unit']}（{entry['params']}）：{entry['error']['message']}"
                )
        if self.manifest is not None:
            lines.append(f"运行记录：{self.manifest}")
        if self.index_html is not None:
            lines.append(f"总览页：{self.index_html}")
        if self.index_error:
            lines.append(f"总览页生成失败：{self.index_error}")
        return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- helpers


def utc_now() -> str:
    """ISO 8601 UTC with milliseconds, e.g. ``2024-03-01T08:15:02.123Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def _listing(units: Path) -> list[Path]:
    try:
        return sorted(units.iterdir())
    except OSError as error:
        raise BatchUsageError(
            f"无法读取单位参数目录：{printable(str(units))}（{os_reason(error)}）"
        ) from None


def discover(params_dir: Path) -> list[Path]:
    """Every ``<params_dir>/units/*.yaml`` and ``*.yml``, sorted by file name.

    Whatever the entry is — a file, a broken symbolic link, a directory — it is listed:
    validation turns what cannot be a unit file into a failed entry, never a silent skip.
    """
    units = params_dir / "units"
    if not units.is_dir():
        raise BatchUsageError(f"找不到单位参数目录：{printable(str(units))}")
    found = [p for p in _listing(units) if is_unit_file_name(p.name)]
    if not found:
        raise BatchUsageError(f"单位参数目录中没有 .yaml 文件：{printable(str(units))}")
    return found


def ignored_files(params_dir: Path) -> list[Path]:
    """Files in ``<params_dir>/units/`` that are not unit files (hidden ones left out)."""
    return [
        p
        for p in _listing(params_dir / "units")
        if not p.name.startswith(".") and not is_unit_file_name(p.name) and not p.is_dir()
    ]


def check_layout(params_dir: Path) -> None:
    """The params directory must be where the unit files find their project directory.

    Relative paths in a unit file and ``defaults.yaml`` are looked up from the project
    directory (:func:`budget_audit.config.project_root`, which the report notebook uses
    too); a batch whose directory is not that project's params directory would audit
    other files than the ones next to it, or none, and ignore its defaults.yaml.
    """
    expected = params_dir.resolve().parent
    if project_root(params_dir / "units" / "unit.yaml") != expected:
        raise BatchUsageError(
            f"参数目录必须名为 params（单位文件中的相对路径和 defaults.yaml 都按 params 所在的"
            f"项目目录查找）：{printable(str(params_dir))}；请将目录改名为 params"
        )


def check_defaults(params_dir: Path) -> None:
    """A broken ``defaults.yaml`` stops the batch before it starts, in one line: every unit would fail on it."""
    defaults = defaults_for(params_dir / "units" / "unit.yaml")
    if defaults is not None:
        try:
            load_settings(defaults)
        except InputError as error:
            raise BatchUsageError(str(error)) from None


# --------------------------------------------------------------------------- hashing


def _file_digest(path: Path, cache: dict[str, str] | None = None) -> str:
    key = str(path)
    if cache is not None and key in cache:
        return cache[key]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if cache is not None:
        cache[key] = digest
    return digest


_LIBRARY_DIGEST: str | None = None
LIBRARY_ROOT = Path(__file__).resolve().parent


def library_digest(root: Path | None = None) -> str:
    """SHA-256 over the library's own .py/.j2/.css files (paths and bytes).

    Computed once per process for the installed library (``root`` None), so an edit to
    any module or to the report template invalidates every unit's cache.
    """
    global _LIBRARY_DIGEST
    if root is None and _LIBRARY_DIGEST is not None:
        return _LIBRARY_DIGEST
    base = root or LIBRARY_ROOT
    h = hashlib.sha256()
    files = sorted(
        p
        for p in base.rglob("*")
        if p.suffix in _LIBRARY_SUFFIXES and p.is_file() and "__pycache__" not in p.parts
    )
    for path in files:
        h.update(path.relative_to(base).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    digest = h.hexdigest()
    if root is None:
        _LIBRARY_DIGEST = digest
    return digest


def input_hash(params: UnitParams, notebook: Path, cache: dict[str, str] | None = None) -> str:
    """SHA-256 of everything a unit's report depends on.

    Source file(s), prior-year source, the params file, ``params/defaults.yaml``, the
    notebook, the library version, :func:`library_digest` and the unit's current review
    decisions (a new decision must show in the report). Each part is labelled, so moving
    a file from one role to another changes the hash too.
    """
    parts: list[tuple[str, str]] = [
        ("source", _file_digest(Path(s), cache)) for s in params.sources
    ]
    parts.append(
        ("prior", _file_digest(Path(params.prior_source), cache) if params.prior_source else "-")
    )
    parts.append(("params", _file_digest(Path(params.path), cache)))
    defaults = defaults_for(Path(params.path))
    parts.append(("defaults", _file_digest(defaults, cache) if defaults else "-"))
    parts.append(("notebook", _file_digest(notebook, cache)))
    parts.append(("version", __version__))
    parts.append(("library", library_digest()))
    parts.append(("reviews", review_digest(params)))
    h = hashlib.sha256()
    for label, value in parts:
        h.update(f"{label}={value}\n".encode())
    return h.hexdigest()


def review_digest(params: UnitParams) -> str:
    """SHA-256 of the unit's current review decisions ("-" when there are none)."""
    decisions = read_current(ledger_path(params), params.unit)
    if not decisions:
        return "-"
    h = hashlib.sha256()
    for fingerprint in sorted(decisions):
        d = decisions[fingerprint]
        h.update(f"{fingerprint}\x1f{d.id}\x1f{d.status}\x1f{d.comment}\x1f{d.reviewer}\n".encode())
    return h.hexdigest()


# --------------------------------------------------------------------------- manifest


def outputs_exist(output_dir: Path, outputs: Mapping[str, str] | None) -> bool:
    """Whether a unit's published outputs are all there, its findings.json readable (the index and the dashboard read
    it: one cut short or edited by hand made the unit "unchanged" while the dashboard said it was missing)."""
    if not outputs or not all((output_dir / rel).is_file() for rel in outputs.values()):
        return False
    findings = next((rel for rel in outputs.values() if Path(rel).name == FINDINGS_JSON), None)
    return findings is None or _counts(output_dir / findings) is not None


def _entry(
    *,
    unit: str,
    name: str | None,
    year: int | None,
    params: str,
    status: str,
    started: str,
    ended: str,
    duration_s: float,
    input_hash: str | None,
    run_id: str,
    outputs: Mapping[str, str] | None = None,
    error: Mapping[str, Any] | None = None,
    counts: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    return {
        "unit": printable(unit),
        "name": printable(name) if name is not None else None,
        "year": year,
        "params": printable(params),
        "status": status,
        "started": started,
        "ended": ended,
        "duration_s": round(duration_s, 3),
        "input_hash": input_hash,
        "outputs": dict(outputs or {}),
        "error": dict(error) if error else None,
        "run_id": run_id,
        "counts": dict(counts) if counts is not None else None,
    }


def _error(message: str, kind: str, cell: int | None = None) -> dict[str, Any]:
    return {"message": one_line(printable(message), _MESSAGE_LIMIT), "cell": cell, "kind": kind}


# --------------------------------------------------------------------------- worker


def _peak_mb() -> tuple[float, float]:
    """Peak RSS in MB of this process and of its largest finished child (the kernels)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0, 0.0
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own * unit / 2**20, children * unit / 2**20


def _counts(findings_json: Path) -> dict[str, int] | None:
    try:
        data = json.loads(findings_json.read_text(encoding="utf-8"))
        by_severity = data["summary"]["by_severity"]
        return {s: int(by_severity.get(s, 0)) for s in SEVERITIES}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _strip_unit(message: str, unit: str) -> str:
    prefix = f"{unit}："
    return message[len(prefix) :] if message.startswith(prefix) else message


def run_task(task: UnitTask) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run one unit in a worker; returns its manifest entry and worker statistics.

    Never raises for a failing unit: the error goes into the entry (kind ``input`` for an
    unusable document, ``params`` for a unit file that cannot be run, ``render`` for a
    failing cell or export, ``crash`` for anything unexpected).
    """
    from .render import RenderError, run_unit

    params = task.params
    started, t0 = utc_now(), time.perf_counter()
    outputs: dict[str, str] = {}
    counts: dict[str, int] | None = None
    error: dict[str, Any] | None = None
    output_dir = Path(task.output_dir)
    try:
        with kernelfork.use(task.kernels):
            # Charts are drawn in the kernel: a batch keeps every core busy with units, and
            # drawing ahead (a latency gain for one run) would only add processes.
            result = run_unit(params, task.notebook, output_dir, draw_ahead=False)
        unit_dir = result.html_path.parent
        for key, name in OUTPUT_FILES.items():
            if (unit_dir / name).is_file():
                outputs[key] = (unit_dir / name).relative_to(output_dir.resolve()).as_posix()
        counts = _counts(unit_dir / FINDINGS_JSON)
    except RenderError as exc:
        kind = "input" if exc.ename == "InputError" else "render"
        error = _error(_strip_unit(exc.message, params.unit), kind, exc.cell_index)
    except InputError as exc:
        error = _error(str(exc), "params" if exc.path == params.path else "input")
    except Exception as exc:  # noqa: BLE001 - one unit's crash must not stop the batch
        error = _error(f"{type(exc).__name__}: {exc}", "crash")
    entry = _entry(
        unit=params.unit,
        name=params.name or None,
        year=params.year,
        params=task.params_path,
        status="failed" if error else "ok",
        started=started,
        ended=utc_now(),
        duration_s=time.perf_counter() - t0,
        input_hash=task.input_hash,
        run_id=task.run_id,
        outputs=outputs,
        error=error,
        counts=counts,
    )
    own_mb, kernel_mb = _peak_mb()
    if task.kernels:  # forked kernels are the fork server's children, not ours
        kernel_mb = kernelfork.read_stats(task.kernels).get("kernel_peak_kb", 0) / 1024
    stats = {
        "worker": f"{socket.gethostname()}:{os.getpid()}",
        "worker_mb": own_mb,
        "kernel_mb": kernel_mb,
    }
    return entry, stats


# --------------------------------------------------------------------------- executors


_PRELOAD = ["budget_audit.fork_preload"]
"""Imported once by the fork server, so that no worker pays for them again: this library's
batch and render modules, papermill and nbconvert (:mod:`budget_audit.fork_preload`)."""


def _mp_context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one (POSIX), else spawn.

    Workers fork from a single-threaded server that has already imported the run path
    (papermill, nbconvert, this library): starting a worker costs a fork, not an
    interpreter start and a second of imports, and no thread of this process (tqdm, a
    Dask client) is ever forked. The server is started once per process and keeps the
    environment of that moment.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


STOP_GRACE_S = 5.0
"""Seconds the workers of a local pool get, after Ctrl-C, to end their interrupted units (kernels shut down, work
directories removed) before they are killed."""


@contextlib.contextmanager
def _executor(kind: str, jobs: int, scheduler: str | None) -> Iterator[cf.Executor]:
    if kind == "local":
        try:
            pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context(), initializer=_worker_started)
        except _POOL_START_ERRORS as exc:  # its resource tracker could not start (a BrokenPipeError)
            raise BatchUsageError(_pool_failed(exc)) from None
        try:
            yield pool
        except BaseException:
            _stop_pool(pool)
            raise
        pool.shutdown(wait=True)
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BatchUsageError(
            "未安装 Dask：请先运行 pip install '.[dask]'（或 pip install 'dask[distributed]'）"
        ) from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise BatchUsageError(
            f"无法连接 Dask 调度器 {scheduler}：{one_line(str(exc), _MESSAGE_LIMIT)}"
        ) from None
    try:
        # The Client's concurrent.futures-compatible executor: same code path as the pool.
        with client.get_executor(pure=False) as executor:
            yield executor
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _stop_pool(pool: cf.ProcessPoolExecutor) -> None:
    """Stop a local pool at once (Ctrl-C, SIGTERM, an error of the batch itself): no unit that has not
    started starts; the workers, interrupted too, end the units they run without publishing them and
    exit; one still alive after :data:`STOP_GRACE_S` is killed. Before, leaving the pool waited for
    every unit submitted to finish — 10–30 s of units run and published after Ctrl-C, with no manifest
    entry — and a second Ctrl-C could leave the batch waiting for a worker for good."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:  # a stop sent to the batch alone (kill, timeout) has not reached them
        with contextlib.suppress(OSError):
            if process.pid is not None and process.is_alive():
                os.kill(process.pid, signal.SIGINT)  # one that has it already ignores it (_worker_interrupted)
    deadline = time.monotonic() + STOP_GRACE_S
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
    for process in processes:
        if process.is_alive():
            process.kill()
            process.join(1.0)


# --------------------------------------------------------------------------- batch


def _failed_params(
    path: Path,
    shown: str,
    message: str,
    run_id: str,
    kind: str = "params",
    by_file_name: bool = False,
) -> dict[str, Any]:
    """A failed entry for a unit that never reached a worker.

    It is named by the unit code the file declares when that can be read, else (or with
    ``by_file_name``, for a file repeating another unit's code) by the file name.
    """
    raw = peek_params(path)
    year = raw.get("year")
    now = utc_now()
    return _entry(
        unit=path.stem if by_file_name else declared_unit(path, raw),
        name=str(raw["name"]) if raw.get("name") else None,
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        params=shown,
        status="failed",
        started=now,
        ended=now,
        duration_s=0.0,
        input_hash=None,
        run_id=run_id,
        error=_error(message, kind),
    )


@contextlib.contextmanager
def _lock(output_dir: Path) -> Iterator[None]:
    """One batch at a time per output directory (an advisory lock where the OS has one)."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock
        yield
        return
    try:
        handle = open(output_dir / LOCK_NAME, "a")  # closed by the with below
    except OSError as error:
        raise BatchUsageError(
            f"无法写入输出目录：{printable(str(output_dir))}（{os_reason(error)}）"
        ) from None
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchUsageError(f"输出目录 {output_dir} 正被另一个批量任务使用") from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def clean_stale(output_dir: Path, units: Iterable[str] = ()) -> list[Path]:
    """Remove work directories and temporary files left by killed runs (work directories
    of runs still going, a ``budget-audit run`` beside the batch, stay)."""
    removed = remove_abandoned(output_dir)
    for unit in units:
        if unit_code_problem(unit) is not None:  # such a unit fails in its worker; never look outside
            continue
        unit_dir = output_dir / unit
        if not unit_dir.is_dir():
            continue
        for path in unit_dir.glob(".*.tmp*"):  # atomic.py's temporary names
            if path.is_file():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _build_index(output_dir: Path, params_dir: Path) -> tuple[Path | None, str | None]:
    import importlib.util

    if importlib.util.find_spec("budget_audit.dashboard") is None:
        return None, None
    try:
        from .dashboard import ExportsNotWritten, build_index  # type: ignore[attr-defined]

        return Path(build_index(output_dir, params_dir)), None
    except ExportsNotWritten as exc:  # the page stands, the all-units exports do not
        return exc.index, one_line(str(exc), _MESSAGE_LIMIT)
    except OSError as exc:  # a directory in the way, a full disk: which file, why
        where = exc.filename2 or exc.filename or output_dir  # the target of a rename, else the file
        return None, one_line(f"无法写入 {where}（{os_reason(exc)}）", _MESSAGE_LIMIT)
    except Exception as exc:  # noqa: BLE001 - reported, the unit results stand
        return None, one_line(f"{type(exc).__name__}: {exc}", _MESSAGE_LIMIT)


def _progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc="批量审计",
        unit="个",
        file=Utf8Stderr(),  # UTF-8 like every other line the batch prints
        disable=not enabled or sys.stderr is None or not sys.stderr.isatty(),
        dynamic_ncols=True,
    )


FORK_KERNELS_ENV = "BUDGET_AUDIT_FORK_KERNELS"
"""Set to 0 to give every notebook a stock kernel instead of a forked one."""


def _check_options(
    output_dir: Path, notebook: Path, jobs: int | None, executor: str, scheduler: str | None
) -> None:
    if executor not in EXECUTORS:
        raise BatchUsageError(f"未知的执行器 {executor}（可用：{'、'.join(EXECUTORS)}）")
    if scheduler and executor != "dask":
        raise BatchUsageError("--scheduler 只能与 --executor dask 一起使用")
    if jobs is not None and jobs < 1:
        raise BatchUsageError(f"并行数必须至少为 1，实际为 {jobs}")
    if executor == "local" and (problem := _interpreter_problem()) is not None:
        raise BatchUsageError(problem)
    if not notebook.is_file():
        raise BatchUsageError(
            f"笔记本不存在：{notebook}（params 不在项目目录下时，用 --notebook 指定笔记本）"
        )
    if output_dir.exists() and not output_dir.is_dir():
        raise BatchUsageError(f"输出目录不是目录：{output_dir}")
    if executor == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise BatchUsageError(
                "未安装 Dask：请先运行 pip install '.[dask]'（或 pip install 'dask[distributed]'）"
            ) from None


def _make_output_dir(output_dir: Path) -> None:
    """``output_dir`` and its parents; a path under a regular file is the user's error, as is a run record
    (manifest.jsonl) there that is no regular file."""
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BatchUsageError(
            f"{printable(str(output_dir))}: 无法创建输出目录（{os_reason(error)}）"
        ) from None
    manifest = output_dir / MANIFEST_NAME
    if problem := file_problem(manifest, "运行记录", missing=False):  # the first batch writes it
        raise BatchUsageError(f"{printable(str(manifest))}: {problem}")


def _not_a_unit_file(path: Path) -> str | None:
    """Why the directory entry ``path`` cannot be read as a unit file, or None.

    Checked before reading: a FIFO would block the batch, and a directory or a broken
    link deserves a message of its own.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return f"符号链接指向的文件不存在（{printable(os.readlink(path))}）"
        return "参数文件不存在"
    except OSError as error:
        return f"参数文件无法读取（{os_reason(error)}）"
    if (problem := not_a_file(mode, "参数文件")) is not None:
        return problem
    if (problem := locale_problem(path.name)) is not None:  # a UTF-8 name the locale reads as other characters
        return problem
    if not is_utf8(path.name):
        # The report notebook gets the params path as a parameter, which must be UTF-8.
        return f"文件名{NOT_UTF8}"
    if printable(path.name) != path.name:  # the manifest could not name it as written
        return "文件名含控制字符（如换行），请改名后再运行"
    return None


def _validate_all(
    files: Sequence[Path], run_id: str
) -> tuple[list[tuple[Path, UnitParams]], list[tuple[Path, dict[str, Any]]]]:
    """Load every unit file; returns the runnable ones and a failed entry for each other.

    No unit file stops the batch: whatever goes wrong while reading one — an unusable
    file, a broken params file, an unexpected exception — is that unit's failed entry.
    """
    valid: list[tuple[Path, UnitParams]] = []
    failed: list[tuple[Path, dict[str, Any]]] = []
    owner: dict[str, str] = {}
    for path in files:
        shown = printable(shown_path(path))  # 单位三.yaml under a non-UTF-8 locale too
        problem = _not_a_unit_file(path)
        if problem is not None:
            failed.append((path, _failed_params(path, shown, f"{shown}: {problem}", run_id)))
            continue
        try:
            params = load_unit(path)
        except InputError as exc:
            failed.append((path, _failed_params(path, shown, str(exc), run_id)))
            continue
        except Exception as exc:  # noqa: BLE001 - one unit file must not stop the batch
            message = f"{shown}: 读取参数文件时出现意外错误（{type(exc).__name__}: {exc}）"
            failed.append((path, _failed_params(path, shown, message, run_id, kind="crash")))
            continue
        if params.unit in owner:
            message = f"{shown}: 单位代码 {params.unit} 与 {owner[params.unit]} 重复"
            failed.append((path, _failed_params(path, shown, message, run_id, by_file_name=True)))
            continue
        owner[params.unit] = shown
        valid.append((path, params))
    return valid, failed


def _skipped(
    shown: str, params: UnitParams, digest: str, previous: Mapping[str, Any], run_id: str
) -> dict[str, Any]:
    now = utc_now()
    return _entry(
        unit=params.unit,
        name=params.name or None,
        year=params.year,
        params=shown,
        status="skipped",
        started=now,
        ended=now,
        duration_s=0.0,
        input_hash=digest,
        run_id=run_id,
        outputs=previous.get("outputs"),
        counts=previous.get("counts"),
    )


def _fork_kernels_wanted(executor: str, scheduler: str | None) -> bool:
    """Forked kernels need the workers on this machine: the process pool or a LocalCluster."""
    if os.environ.get(FORK_KERNELS_ENV, "1").strip() in {"0", "false", "no"}:
        return False
    return kernelfork.available() and (executor == "local" or not scheduler)


def _warn_ignored(params_dir: Path) -> list[str]:
    """One line on stderr naming the files of ``units/`` that are not unit files."""
    ignored = ignored_files(params_dir)
    if not ignored:
        return []
    names = "、".join(printable(p.name) for p in ignored)
    line = (
        f"budget-audit: 警告：{printable(str(params_dir / 'units'))} 中的 {names} "
        f"不是 .yaml/.yml 单位参数文件，未运行"
    )
    to_stderr(line)
    return [line]


def run_batch(
    params_dir: Path,
    output_dir: Path,
    notebook: Path,
    jobs: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    force: bool = False,
    progress: bool = True,
) -> BatchSummary:
    """Run every unit of ``params_dir/units/*.yaml`` (and ``*.yml``); see the module docstring.

    Raises :class:`BatchUsageError` when the batch cannot start at all; a unit that fails
    (bad params, unusable document, failing cell, crash) is a ``failed`` entry instead.
    """
    started = time.perf_counter()
    params_dir, output_dir, notebook = Path(params_dir), Path(output_dir), Path(notebook)
    files = discover(params_dir)
    check_layout(params_dir)
    check_defaults(params_dir)
    _check_options(output_dir, notebook, jobs, executor, scheduler)
    _make_output_dir(output_dir)
    run_id = new_run_id()
    manifest = output_dir / MANIFEST_NAME
    summary = BatchSummary(run_id=run_id, manifest=manifest)
    summary.warnings = _warn_ignored(params_dir)
    entries: dict[Path, dict[str, Any]] = {}  # unit file → this run's entry

    def record(path: Path, entry: dict[str, Any]) -> None:
        entries[path] = entry
        append_entry(manifest, entry)

    with _lock(output_dir):
        # 1. validate every unit file before anything runs
        valid, failed = _validate_all(files, run_id)
        for path, entry in failed:
            record(path, entry)
        clean_stale(output_dir, [params.unit for _, params in valid])

        # 2. skip what has not changed since its last successful run
        last_ok = last_ok_entries(read_manifest(manifest))
        digests: dict[str, str] = {}
        tasks: list[UnitTask] = []
        task_files: dict[str, Path] = {}  # params path as shown → unit file
        for path, params in valid:
            shown = printable(str(path))
            try:
                digest = input_hash(params, notebook, digests)
            except OSError as exc:  # a source vanished or became unreadable since validation
                where = f" {printable(str(exc.filename))}" if exc.filename else ""
                message = f"{shown}: 无法读取输入文件{where}（{os_reason(exc)}）"
                record(path, _failed_params(path, shown, message, run_id, kind="input"))
                continue
            except InputError as exc:  # e.g. a review_db that is not a review ledger
                record(path, _failed_params(path, shown, str(exc), run_id, kind="input"))
                continue
            except Exception as exc:  # noqa: BLE001 - one unit must not stop the batch
                message = f"{shown}: 计算输入摘要时出现意外错误（{type(exc).__name__}: {exc}）"
                record(path, _failed_params(path, shown, message, run_id, kind="crash"))
                continue
            previous = last_ok.get(params.unit)
            if (
                not force
                and previous is not None
                and previous.get("input_hash") == digest
                and outputs_exist(output_dir, previous.get("outputs"))
            ):
                record(path, _skipped(shown, params, digest, previous, run_id))
                continue
            task_files[shown] = path
            tasks.append(
                UnitTask(
                    params,
                    shown,
                    str(notebook.resolve()),
                    str(output_dir.resolve()),
                    digest,
                    run_id,
                )
            )

        # 3. run the rest, one unit per task
        if tasks:
            workers = min(jobs or os.cpu_count() or 1, len(tasks))
            server = (
                kernelfork.KernelForkServer.start()
                if _fork_kernels_wanted(executor, scheduler)
                else None
            )
            if server is not None:
                tasks = [replace(task, kernels=server.jupyter_path) for task in tasks]
            try:
                for entry, stats in _run_tasks(tasks, executor, workers, scheduler, progress):
                    record(task_files[entry["params"]], entry)
                    _merge_stats(summary.workers, stats)
            except KeyboardInterrupt:  # the workers are gone: what a killed one left is removed
                remove_abandoned(output_dir)
                raise
            finally:
                if server is not None:
                    peak = server.stats().get("server_peak_kb")
                    summary.kernel_server_mb = peak / 1024 if peak else None
                    server.close()

        # 4. the index page, when something changed, it is missing, or it shows other units (a unit file removed)
        index = output_dir / INDEX_NAME
        units = {e["unit"] for e in entries.values()}
        if tasks or failed or force or index_units(index) != units or _index_older(index, output_dir, units):
            t_index = time.perf_counter()
            summary.index_html, summary.index_error = _build_index(output_dir, params_dir)
            summary.index_s = time.perf_counter() - t_index
        else:
            summary.index_html = index

    lists = {"ok": summary.ok, "failed": summary.failed, "skipped": summary.skipped}
    for path in files:
        entry = entries[path]
        summary.entries.append(entry)
        lists[entry["status"]].append(entry["unit"])
    summary.duration_s = time.perf_counter() - started
    return summary


def _index_older(index: Path, output_dir: Path, units: Iterable[str]) -> bool:
    """Whether a unit's findings were published after the index page was built: a batch stopped (Ctrl-C, kill) after
    publishing a unit, before its index — the next run, with every unit unchanged, kept the stale page."""
    try:
        built = index.stat().st_mtime
    except OSError:
        return True
    for unit in units:
        if unit_code_problem(unit) is not None:  # never look outside the output directory
            continue
        try:
            if (output_dir / unit / FINDINGS_JSON).stat().st_mtime > built:
                return True
        except OSError:
            continue
    return False


def _merge_stats(into: dict[str, dict[str, float]], stats: Mapping[str, Any]) -> None:
    current = into.setdefault(str(stats["worker"]), {"worker_mb": 0.0, "kernel_mb": 0.0})
    for key in ("worker_mb", "kernel_mb"):
        current[key] = max(current[key], float(stats.get(key) or 0.0))


def _run_tasks(
    tasks: Sequence[UnitTask], kind: str, jobs: int, scheduler: str | None, progress: bool
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Submit every task and yield (entry, stats) as they finish."""
    with _executor(kind, jobs, scheduler) as pool:
        work = _pool_task if kind == "local" else run_task
        try:
            futures = {pool.submit(work, task): task for task in tasks}
        except _POOL_START_ERRORS as exc:  # e.g. the fork server could not exec Python
            raise BatchUsageError(_pool_failed(exc)) from None
        with _progress(len(tasks), progress) as bar:
            for future in cf.as_completed(futures):
                task = futures[future]
                try:
                    entry, stats = future.result()
                except Exception as exc:  # noqa: BLE001 - a dead worker, not the unit's own error
                    entry, stats = _crashed(task, exc), {"worker": "?"}
                bar.set_postfix_str(f"{entry['unit']} {entry['status']}", refresh=False)
                bar.update(1)
                yield entry, stats


def _interpreter_problem() -> str | None:
    """Why the local pool's processes could not start, known before it is made: the Python they run
    cannot be executed by this user (a venv linking into another user's home). Its fork server and
    resource tracker would die unseen, and the pool fail with a BrokenPipeError or ConnectionRefusedError."""
    from multiprocessing import spawn

    executable = spawn.get_executable()
    if executable and not os.access(os.fsdecode(executable), os.X_OK):
        return (f"无法启动工作进程：当前用户无法运行 Python 解释器 {printable(os.fsdecode(executable))}"
                "（权限不足或文件不存在），批量任务未能开始")
    return None


_POOL_START_ERRORS = (OSError, EOFError, cf.BrokenExecutor)
"""What starting the local pool's processes (its fork server, its resource tracker) raises when they cannot run."""


def _pool_failed(exc: BaseException) -> str:
    """The one line for a worker pool that could not start (before: the traceback of pool.submit, or — a
    BrokenPipeError from the resource tracker — nothing at all and exit 0, taken for a closed stdout).
    multiprocessing's resource tracker could not start either: its warning, as the pool's semaphores are
    released, would be a second line."""
    warnings.filterwarnings("ignore", "resource_tracker: process died unexpectedly", UserWarning)
    reason = one_line(f"{type(exc).__name__}: {exc}", _MESSAGE_LIMIT)
    return (f"无法启动工作进程（{reason}），批量任务未能开始；"
            f"请确认当前用户可以运行 Python 解释器 {printable(sys.executable)}")


_unit_running = False
"""In a worker of the local pool: whether it is running a unit (:func:`_pool_task`)."""
_stopping = False
"""In a worker of the local pool: Ctrl-C came while it ran a unit; it starts no other."""


def _pool_task(task: UnitTask) -> tuple[dict[str, Any], dict[str, Any]]:
    """:func:`run_task` in a worker of the local pool, marked as running for :func:`_worker_interrupted`.
    A worker interrupted before starts none: the batch is stopping (:func:`_stop_pool`)."""
    global _unit_running
    if _stopping:
        os._exit(128 + signal.SIGINT)
    _unit_running = True
    try:
        return run_task(task)
    finally:
        _unit_running = False


def _worker_started() -> None:
    signal.signal(signal.SIGINT, _worker_interrupted)
    keep_lost_interrupts()


def _worker_interrupted(signum: int, frame: object) -> None:
    """Ctrl-C in a worker of the local pool: a unit running stops as on Ctrl-C anywhere (nothing of it is
    published), once — a second stop, while it ends the unit, is ignored rather than cut its clean-up short;
    an idle worker, waiting for the next unit, ends without a word — before, it printed the traceback of its
    wait, while the batch, interrupted too, stops anyway."""
    global _stopping
    if _unit_running:
        if _stopping:
            return  # stopping already: Ctrl-C reaches the worker, then the batch passes it on (_stop_pool)
        _stopping = True
        _quiet_stderr()  # the batch says 已中断 once; what the unit's kernel client says as it dies is noise
        raise KeyboardInterrupt
    os._exit(128 + signal.SIGINT)


def _quiet_stderr() -> None:
    """Send this process's stderr to the null device (a worker of an interrupted batch)."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)


def _crashed(task: UnitTask, exc: BaseException) -> dict[str, Any]:
    now = utc_now()
    params = task.params
    return _entry(
        unit=params.unit,
        name=params.name or None,
        year=params.year,
        params=task.params_path,
        status="failed",
        started=now,
        ended=now,
        duration_s=0.0,
        input_hash=task.input_hash,
        run_id=task.run_id,
        error=_error(f"工作进程异常退出：{type(exc).__name__}: {exc}", "crash"),
    )


__all__ = [
    "EXECUTORS",
    "MANIFEST_NAME",
    "OUTPUT_FILES",
    "BatchSummary",
    "BatchUsageError",
    "UnitTask",
    "append_entry",
    "check_layout",
    "clean_stale",
    "discover",
    "ignored_files",
    "input_hash",
    "last_ok_entries",
    "library_digest",
    "read_manifest",
    "run_batch",
    "run_task",
]
