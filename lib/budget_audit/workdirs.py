"""Work directories of unit runs: named for their process, removed once it is gone.

A run builds its outputs in ``<output_dir>/.<unit>.run-<pid>-<random>/`` and moves them
into place at the end (:func:`budget_audit.render.run_unit`); it removes the directory
itself when it ends, even on Ctrl-C or SIGTERM. A run killed with SIGKILL (or by a power
cut) cannot: the next run of the unit, or the next batch, removes such directories —
and only those whose process no longer exists, so a run still going keeps its own.
The private directories in the system's temporary directory (a kernel's sockets and
log, the batch's kernel fork server) are named and cleared the same way
(:func:`private_tempdir`).
"""

from __future__ import annotations

import atexit
import glob
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

_WORK_RE = re.compile(r"\.(?P<unit>.+)\.run-(?P<pid>\d+)-[^/]*$")


def work_prefix(unit: str, pid: int | None = None) -> str:
    """Name prefix of a run's work directory: the unit and the process that owns it."""
    return f".{unit}.run-{os.getpid() if pid is None else pid}-"


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (a killed run whose parent is
    gone stays a zombie until init reaps it, which some containers' init never does)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:  # no procfs: the signal said it exists
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def remove_abandoned(output_dir: Path, unit: str | None = None) -> list[Path]:
    """Remove the work directories of ``unit`` (every unit with None) whose process is
    gone; directories of live runs, and anything not named as a work directory, stay."""
    pattern = f".{glob.escape(unit)}.run-*" if unit is not None else ".*.run-*"
    removed = []
    for path in sorted(Path(output_dir).glob(pattern)):
        found = _WORK_RE.match(path.name)
        if found is None or (unit is not None and found["unit"] != unit):
            continue
        if path.is_dir() and not path.is_symlink() and not _alive(int(found["pid"])):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def private_tempdir(kind: str) -> str:
    """A new directory ``ba-<kind>-<pid>-<random>`` of mode 0700 in the temporary directory,
    made after removing this user's ``ba-<kind>-<pid>-…`` directories whose process is gone
    (left by a run killed with SIGKILL: its kernel's socket files and empty log)."""
    root = Path(tempfile.gettempdir())
    named = re.compile(rf"ba-{re.escape(kind)}-(?P<pid>\d+)-[^/]*$")
    for path in sorted(root.glob(f"ba-{glob.escape(kind)}-*")):
        found = named.match(path.name)
        if found is None or _alive(int(found["pid"])):
            continue
        try:
            mine = path.lstat().st_uid == os.getuid() and path.is_dir() and not path.is_symlink()
        except (OSError, AttributeError):  # gone meanwhile; no uids (Windows)
            continue
        if mine:
            shutil.rmtree(path, ignore_errors=True)
    return tempfile.mkdtemp(prefix=f"ba-{kind}-{os.getpid()}-")


def _writable_dir(path: Path) -> bool:
    """Whether ``path`` is, or can be made, a directory this user can write in (as matplotlib and
    IPython try it: they make it when missing)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return path.is_dir() and os.access(path, os.W_OK)


def _default_config_dirs(environ: Mapping[str, str]) -> dict[str, list[Path]]:
    """Where matplotlib and IPython keep their configuration and cache when MPLCONFIGDIR and
    IPYTHONDIR are not set, by the variable that would move them."""
    try:
        home = Path(environ["HOME"]) if environ.get("HOME") else Path.home()
    except (KeyError, RuntimeError):  # no home directory at all
        home = Path("/nonexistent")
    config = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    cache = Path(environ.get("XDG_CACHE_HOME") or home / ".cache")
    return {
        "MPLCONFIGDIR": [config / "matplotlib", cache / "matplotlib"],
        "IPYTHONDIR": [home / ".ipython"],
    }


def unwritable_config_dirs(environ: Mapping[str, str]) -> list[str]:
    """The variables among MPLCONFIGDIR and IPYTHONDIR that are not set and whose default directories,
    under HOME, cannot be written (a service account with HOME=/root, a read-only home)."""
    return [name for name, paths in _default_config_dirs(environ).items()
            if not environ.get(name) and not all(map(_writable_dir, paths))]  # fmt: skip


def private_config_dirs() -> dict[str, str]:
    """Give this process, and the kernels and workers it starts, MPLCONFIGDIR and IPYTHONDIR in a
    private temporary directory when HOME's cannot be written: matplotlib and IPython otherwise print
    warnings ("mkdir -p failed …", "IPython parent … is not a writable location") beside the one line
    a run promises. Returns what was set."""
    names = unwritable_config_dirs(os.environ)
    if not names:
        return {}
    root = Path(private_tempdir("config"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    chosen = {}
    for name in names:
        (root / name.lower()).mkdir()
        chosen[name] = os.environ[name] = str(root / name.lower())
    return chosen
