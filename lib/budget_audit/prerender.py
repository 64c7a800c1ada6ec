"""The report's charts drawn ahead, by forked processes, while the kernel starts.

A unit run spends its first second starting a Jupyter kernel and importing pandas in it,
on one core; drawing the seven charts costs about as much CPU again, on the same core,
after that. :func:`start` moves the drawing to the other cores: ``run_unit`` forks a
child before it starts the kernel; the child imports what it needs (matplotlib, not
pandas), parses and checks the unit from the same params file
(:func:`budget_audit.assessment.assess`), forks once more, and the two processes draw the
charts in report order (each takes the next chart nobody has claimed) and write each PNG
to a private directory. The notebook, given that directory as its ``chart_dir``
parameter, displays the files instead of drawing them (:func:`wait_png`).

Nothing else changes: the children call the same chart functions on the same model with
matplotlib's default settings (as a fresh kernel has them), so the PNG bytes are those the
kernel would have drawn (a test compares them). When a child fails, is killed or is too
slow, the kernel draws the missing charts itself (same bytes again); without a
``chart_dir`` (JupyterLab, a notebook run by hand, a batch, which keeps every core busy
with units anyway) it always does. Only on Linux with at least two cores, and only from
a single-threaded process (forking while other threads run can deadlock the child).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

END_MARKER = "ended"
INPUTS_NAME = "inputs.key"
"""Written before any chart: the digest of what the children drew from (:func:`budget_audit.assessment.inputs_key`);
the kernel shows their charts only when its own assessment has the same."""
"""Written into the directory once the drawing processes are gone (whatever the outcome):
a chart that is not there by then will not come."""

CHILD_TIMEOUT = 60.0
"""Seconds the children may draw before they are killed (the kernel then draws)."""

WAIT_TIMEOUT = 120.0
"""Seconds the kernel waits for one chart file before drawing the chart itself."""

_POLL = 0.005


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def available() -> bool:
    """Whether charts can be drawn ahead here (Linux, ≥ 2 cores, no other threads)."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and _cores() >= 2
        and threading.active_count() == 1
    )


def png_path(directory: str | Path, name: str) -> Path:
    return Path(directory) / f"{name}.png"


def alt_path(directory: str | Path, name: str) -> Path:
    """The alt text of chart ``name`` (its title), written before its PNG."""
    return Path(directory) / f"{name}.alt.txt"


def chart_alt(directory: str | Path, name: str) -> str:
    """The alt text drawn with chart ``name`` (read once its PNG is there), else "图"."""
    try:
        return alt_path(directory, name).read_text(encoding="utf-8") or "图"
    except OSError:
        return "图"


def _claim(directory: Path, name: str) -> bool:
    """Take chart ``name`` for this process; False if another process already has."""
    try:
        os.close(os.open(directory / f"{name}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def draw_all(params_path: str | Path, directory: str | Path, processes: int = 2) -> list[Path]:
    """Draw every report chart of the unit in ``params_path`` into ``directory``.

    ``processes`` processes (this one and forks of it, made after the unit is assessed)
    each draw the next unclaimed chart in report order. Each PNG is written atomically,
    so a reader sees a chart complete or not at all. Returns the charts this process drew;
    raises if a forked process failed.
    """
    import matplotlib

    from . import charts
    from .assessment import assess, draw_chart, inputs_key
    from .atomic import write_bytes_atomic

    directory = Path(directory)
    matplotlib.rc_file_defaults()  # a fresh kernel's settings, not whatever the caller set
    charts.setup_fonts()
    assessment = assess(params_path)  # what the report draws from, without pandas
    write_bytes_atomic(Path(directory) / INPUTS_NAME, inputs_key(assessment).encode("ascii"))
    forks: list[int] = []
    is_fork = False
    for _ in range(processes - 1):
        pid = os.fork()
        if pid == 0:
            is_fork, forks = True, []
            break
        forks.append(pid)
    drawn: list[Path] = []
    try:
        for name in charts.REPORT_CHARTS:
            if _claim(directory, name):
                fig = draw_chart(assessment, name)
                write_bytes_atomic(alt_path(directory, name), charts.alt_text(fig).encode("utf-8"))  # before the PNG
                png = charts.figure_to_png_bytes(fig)
                drawn.append(write_bytes_atomic(png_path(directory, name), png))
    except BaseException:
        if is_fork:
            os._exit(1)
        raise
    if is_fork:
        os._exit(0)
    for pid in forks:
        if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0:
            raise RuntimeError(f"绘图子进程 {pid} 异常退出")
    return drawn


@dataclass
class Prerender:
    """Forked processes drawing the charts into ``directory``; :meth:`stop` ends them.

    ``pid`` leads a process group of its own, so that stopping it also stops the process
    it forked. A watcher thread kills the group if it is still drawing after
    :data:`CHILD_TIMEOUT` (or on :meth:`stop`), reaps it and writes :data:`END_MARKER`.
    """

    directory: Path
    pid: int
    _watcher: threading.Thread = field(init=False, repr=False)
    _done: threading.Event = field(default_factory=threading.Event, init=False, repr=False)

    def __post_init__(self) -> None:
        self._watcher = threading.Thread(target=self._watch, name="prerender-watch", daemon=True)
        self._watcher.start()

    def _watch(self) -> None:
        deadline = time.monotonic() + CHILD_TIMEOUT
        while not self._done.is_set() and time.monotonic() < deadline:
            # WNOWAIT: see the exit but leave the child unreaped, so that its group id
            # cannot be reused before the group is killed below.
            if os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT):
                break
            time.sleep(_POLL)
        _kill_group(self.pid)  # whatever of the group still runs (nothing, normally)
        os.waitpid(self.pid, 0)
        (self.directory / END_MARKER).touch()

    def stop(self) -> None:
        """Kill the processes if they still run and reap them (once the notebook has run)."""
        self._done.set()
        self._watcher.join()


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _flush_standard_streams() -> None:
    """Flush stdout and stderr before forking (so nothing buffered is written twice);
    a stream that is None (closed by the shell), closed or cannot be written is skipped."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # a full disk, a closed file: not this function's job
            pass


def start(params_path: str | Path, directory: str | Path) -> Prerender | None:
    """Fork a child that draws the unit's charts into ``directory``; None where unavailable."""
    if not available():
        return None
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    _flush_standard_streams()
    pid = os.fork()
    if pid == 0:  # the child: draw, then leave without running the parent's exit handlers
        code = 1
        try:
            os.setpgid(0, 0)
            draw_all(params_path, directory)
            code = 0
        except BaseException:  # noqa: BLE001 - any failure: the kernel draws for itself
            pass
        finally:
            os._exit(code)
    try:
        os.setpgid(pid, pid)  # also here, so the group exists before the parent may kill it
    except OSError:
        pass  # the child has set it already (or has exited)
    return Prerender(directory, pid)


def wait_png(directory: str | Path, name: str, timeout: float = WAIT_TIMEOUT) -> bytes | None:
    """The PNG of chart ``name`` once a child has written it; None if none will.

    None comes at once when the drawing processes have ended without this chart (failed,
    killed, or an unknown name), or when ``directory`` is gone; else after ``timeout``.
    """
    return _wait_file(png_path(directory, name), timeout)


def drawn_from(directory: str | Path, timeout: float = WAIT_TIMEOUT) -> str | None:
    """The digest of what the children drew from (:data:`INPUTS_NAME`) once written; None if it will not be."""
    data = _wait_file(Path(directory) / INPUTS_NAME, timeout)
    return data.decode("ascii", "replace") if data is not None else None


def _wait_file(path: Path, timeout: float) -> bytes | None:
    directory = path.parent
    ended = Path(directory) / END_MARKER
    deadline = time.monotonic() + timeout
    while True:
        over = ended.exists()  # looked at before the file: a chart written just before counts
        try:
            return path.read_bytes()
        except FileNotFoundError:
            pass
        if over or not Path(directory).is_dir() or time.monotonic() > deadline:
            return None
        time.sleep(_POLL)


__all__ = [
    "CHILD_TIMEOUT",
    "END_MARKER",
    "INPUTS_NAME",
    "WAIT_TIMEOUT",
    "Prerender",
    "alt_path",
    "available",
    "chart_alt",
    "draw_all",
    "drawn_from",
    "png_path",
    "start",
    "wait_png",
]
