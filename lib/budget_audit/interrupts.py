"""Ctrl-C and ``kill``: how this program's processes stop, quietly and without losing the stop.

Ctrl-C raises :class:`KeyboardInterrupt`; SIGTERM raises :class:`Terminated`, handled alike (:func:`on_sigterm`).
Python cannot raise either in a callback the garbage collector runs (a weak reference's, an object's
``__del__``): it prints "Exception ignored in: …" with a traceback and goes on as if nothing had come — a batch
would go on with its next units. :func:`keep_lost_interrupts` sends such a stop again instead, so that it takes
effect a moment later, in the code that was interrupted, and says nothing.
"""

from __future__ import annotations

import _thread
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from typing import Any

RESEND_AFTER_S = 0.05
"""Seconds after a stop was lost in a callback that it is sent again."""


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a scheduler stopping the job), handled like Ctrl-C: work
    directories are removed and nothing half-written is published."""


def on_sigterm(signum: int, frame: object) -> None:
    """Stop like Ctrl-C. Ctrl-C reaches the whole foreground process group (batch workers,
    kernel stubs); ``kill`` reaches this process only. When it leads its own group (a
    shell job, a scheduler's task) the group gets the SIGINT that Ctrl-C would have sent,
    so workers and kernels stop the way they do on Ctrl-C; this process ignores that
    SIGINT and stops with :class:`Terminated`."""
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid() and signal.getsignal(signal.SIGINT) != signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # once: a SIGTERM sent again must not interrupt the group twice
        os.killpg(os.getpgrp(), signal.SIGINT)
    raise Terminated()


def keep_lost_interrupts() -> None:
    """Install (once per process) the hook that sends a stop raised in a garbage-collector callback again."""
    if getattr(sys.unraisablehook, "_keeps_interrupts", False):
        return
    previous = sys.unraisablehook
    pending = threading.Event()  # one stop sent again at a time, however many callbacks lost it

    def again(signum: int) -> None:
        pending.clear()
        _thread.interrupt_main(signum)  # the main thread runs the signal's handler, as for a real one

    def hook(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, KeyboardInterrupt):
            previous(unraisable)
            return
        if pending.is_set():
            return
        signum = signal.SIGTERM if isinstance(unraisable.exc_value, Terminated) else signal.SIGINT
        timer = threading.Timer(RESEND_AFTER_S, again, (signum,))  # once the callback has returned
        timer.daemon = True  # never holds up the interpreter's exit
        try:
            timer.start()
        except RuntimeError:  # the interpreter is shutting down: the process is ending anyway
            return
        pending.set()

    hook._keeps_interrupts = True  # type: ignore[attr-defined]
    sys.unraisablehook = hook


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while the block runs (a few renames that must all happen or none): the first
    that comes meanwhile is handled as the block ends, by the handler there was before. Python handles signals in
    the main thread whichever thread the system gives them to, so their handlers are swapped for ones that only
    note them (blocking the signal in the main thread would not do: another thread takes it). Elsewhere than in
    the main thread, nothing is held."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[tuple[int, Any]] = []

    def note(signum: int, frame: Any) -> None:
        caught.append((signum, frame))

    held = (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.signal(signum, note) for signum in held}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if caught:
            signum, frame = caught[0]
            handler = previous[signum]
            if callable(handler):
                handler(signum, frame)  # default_int_handler raises KeyboardInterrupt; on_sigterm, Terminated
            elif handler == signal.SIG_DFL:
                os.kill(os.getpid(), signum)
