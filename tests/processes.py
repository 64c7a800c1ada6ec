"""Whether test processes still run: by pid, or any member of a process group.

A zombie has exited (it only waits to be reaped), so it does not count as running. That
matters where a killed process's parent was killed too: its zombie then waits for init,
and some container inits never reap it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def _stat(pid: int | str) -> tuple[str, int] | None:
    """(state letter, process group) of a process, None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[0], int(fields[2])


def running(pid: int) -> bool:
    if not Path("/proc").is_dir():  # no procfs: the signal test (zombies count as alive)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"


def group_running(pgid: int, wait: float = 0.0) -> bool:
    """Whether a process of group ``pgid`` runs, still after up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        members = (_stat(entry) for entry in os.listdir("/proc") if entry.isdigit())
        if not any(s is not None and s[1] == pgid and s[0] != "Z" for s in members):
            return False
        if time.monotonic() >= deadline:
            return True
        time.sleep(0.01)
