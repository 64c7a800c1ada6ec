"""Atomic file writes: the one place that replaces output files.

Every writer goes through a temporary file in the *same directory* as the target, is
flushed and fsynced, then renamed over the target with :func:`os.replace` (atomic on
POSIX and Windows). A reader therefore sees either the old file or the complete new one,
never half of it; a failure in the middle leaves the old file as it was and removes the
temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

_UMASK: int | None = None


def _default_mode() -> int:
    """The mode a plain ``open(path, "w")`` would give (mkstemp files are 0600)."""
    global _UMASK
    if _UMASK is None:
        current = os.umask(0)
        os.umask(current)
        _UMASK = current
    return 0o666 & ~_UMASK


def _target_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return _default_mode()


def _fsync_dir(directory: Path) -> None:
    """Make a rename durable; not supported everywhere (Windows), so best effort."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _temp_in(path: Path) -> tuple[int, Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Keep the suffix so writers that look at the extension (pandas, openpyxl) still work.
    fd, name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=f".tmp{path.suffix}"
    )
    return fd, Path(name)


def _commit(temp: Path, path: Path) -> None:
    os.chmod(temp, _target_mode(path))
    os.replace(temp, path)
    _fsync_dir(path.parent)


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; returns the path."""
    path = Path(path)
    fd, temp = _temp_in(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _commit(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8 by default, newlines as given)."""
    return write_bytes_atomic(path, text.encode(encoding))


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path for writers that need a file name (``DataFrame.to_excel`` …).

    The temporary file is in the target's directory and keeps its suffix. When the block
    ends normally it is fsynced and renamed over ``path``; when the block raises it is
    removed and ``path`` is left untouched::

        with atomic_path(out / "findings.xlsx") as tmp:
            frame.to_excel(tmp, index=False)
    """
    path = Path(path)
    fd, temp = _temp_in(path)
    os.close(fd)
    try:
        yield temp
        if not temp.is_file():
            raise FileNotFoundError(errno.ENOENT, "writer did not leave a file", str(temp))
        _fsync_file(temp)
        _commit(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def move_atomic(source: str | Path, target: str | Path) -> Path:
    """Move a finished file onto ``target`` atomically (copying if on another device)."""
    source, target = Path(source), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _fsync_file(source)
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        with atomic_path(target) as temp:
            shutil.copyfile(source, temp)
        source.unlink()
        return target
    _fsync_dir(target.parent)
    return target
