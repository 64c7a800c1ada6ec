"""Ctrl-C in the processes that are not the command's own: the fork server while it imports, an idle batch worker,
and a stop that lands in a garbage-collector callback. Each is quiet, and no stop is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import weakref

import pytest

from budget_audit.interrupts import Terminated, keep_lost_interrupts, signals_held


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_a_stop_raised_in_a_callback_is_sent_again_not_printed(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Before, Python printed "Exception ignored in: …" and the stop was gone (a batch went on)."""
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)  # restored after the test
    keep_lost_interrupts()

    class Held:
        pass

    def callback(_ref: object) -> None:
        raise KeyboardInterrupt

    held = Held()
    ref = weakref.ref(held, callback)
    with pytest.raises(KeyboardInterrupt):
        del held  # the callback runs here and its stop is lost …
        time.sleep(5)  # … until it comes again, a moment later
    assert ref() is None and "Exception ignored" not in capsys.readouterr().err


def test_other_unraisable_exceptions_are_reported_as_before() -> None:
    done = _python(
        "import weakref\n"
        "from budget_audit.interrupts import keep_lost_interrupts\n"
        "keep_lost_interrupts(); keep_lost_interrupts()\n"
        "class H: pass\n"
        "h = H(); r = weakref.ref(h, lambda _: 1 / 0)\n"
        "del h\n"
        "print('went on')\n")
    assert done.returncode == 0 and done.stdout == "went on\n"
    assert "Exception ignored" in done.stderr and "ZeroDivisionError" in done.stderr


def test_a_termination_lost_in_a_callback_comes_again_as_sigterm() -> None:
    done = _python(
        "import signal, time, weakref\n"
        "from budget_audit.interrupts import Terminated, keep_lost_interrupts\n"
        "keep_lost_interrupts()\n"
        "def again(*_): raise SystemExit(143)\n"
        "signal.signal(signal.SIGTERM, again)\n"
        "class H: pass\n"
        "def cb(_):\n    raise Terminated()\n"
        "h = H(); r = weakref.ref(h, cb)\n"
        "del h\n"
        "time.sleep(5)\n")
    assert done.returncode == 143 and done.stderr == ""
    assert issubclass(Terminated, KeyboardInterrupt)


def test_ctrl_c_while_the_fork_server_imports_ends_it_without_a_word() -> None:
    """The batch's fork server imports its preload list before it ignores Ctrl-C; before, the interrupted imports
    printed a 20-line traceback."""
    done = _python(
        "import sys\n"
        "class Stop:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'papermill':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Stop())\n"
        "import budget_audit.fork_preload\n"
        "print('not reached')\n")
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "")


def test_the_fork_servers_preload_imports_the_run_path() -> None:
    done = _python(
        "import sys\n"
        "import budget_audit.fork_preload\n"
        "print(all(m in sys.modules for m in ('budget_audit.batch', 'budget_audit.render', 'papermill', 'nbconvert')),"
        " sys.modules.get('rfc3987_syntax', 'x') is None)\n")
    assert done.stdout == "True True\n" and done.returncode == 0


@pytest.mark.parametrize("running", [False, True])
def test_a_batch_worker_on_ctrl_c(running: bool) -> None:
    """Idle (waiting for its next unit): it ends without a word — before, it printed the traceback of its wait. Running
    a unit: the unit stops with KeyboardInterrupt, as anywhere else (nothing of it is published)."""
    done = _python(
        "import os, signal, time\n"
        "from budget_audit import batch\n"
        "batch._worker_started()\n"
        f"batch._unit_running = {running}\n"
        "try:\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    time.sleep(5)\n"
        "except KeyboardInterrupt:\n"
        "    print('unit stopped')\n")
    if running:
        assert (done.returncode, done.stdout, done.stderr) == (0, "unit stopped\n", "")
    else:
        assert (done.returncode, done.stdout, done.stderr) == (128 + signal.SIGINT, "", "")


def test_the_pool_runs_units_marked_running(monkeypatch: pytest.MonkeyPatch) -> None:
    from budget_audit import batch

    seen: list[bool] = []
    monkeypatch.setattr(batch, "run_task", lambda task: seen.append(batch._unit_running) or ({}, {}))
    assert batch._pool_task(None) == ({}, {})  # type: ignore[arg-type]
    assert seen == [True] and batch._unit_running is False


def test_signals_held_defer_ctrl_c_to_the_end_of_the_block() -> None:
    """Publishing a unit's files (a few renames) holds Ctrl-C back: the files are never of two runs."""
    done: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        with signals_held():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # the signal would have been handled here
            done.append("all moves")
    assert done == ["all moves"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the handler is back


def test_signals_held_hold_a_signal_another_thread_takes() -> None:
    """Blocking the signal in the main thread would not hold it: with another thread running, the system gives it
    to that thread and Python raises it in the main thread all the same (a batch worker runs several)."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    done: list[str] = []
    try:
        with pytest.raises(KeyboardInterrupt):
            with signals_held():
                signal.pthread_kill(other.ident, signal.SIGINT)  # type: ignore[arg-type]
                time.sleep(0.05)
                done.append("all moves")
    finally:
        stop.set()
    assert done == ["all moves"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_run_cut_short_stops_the_kernel_it_started_before_removing_its_directory() -> None:
    """A kernel ignores Ctrl-C while it starts: one still starting when its run was interrupted wrote its connection
    file after the run's kernel directory was removed — making the directory again — and left both in /tmp (a
    reviewer's find). The run's children started with a file there are killed first."""
    from budget_audit.render import kernel_sockets

    started: list[subprocess.Popen[bytes]] = []
    with pytest.raises(KeyboardInterrupt), kernel_sockets() as config:
        log = config["LoggedKernelManager"]["log_path"]
        directory = os.path.dirname(log)
        assert os.path.dirname(config["KernelManager"]["connection_file"]) == directory  # not /tmp/tmpXXXX.json
        started.append(subprocess.Popen([sys.executable, "-c", "import sys, time; time.sleep(60)",
                                         os.path.join(directory, "kernel.json")]))
        other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # not the kernel's
        raise KeyboardInterrupt
    assert started[0].poll() is not None  # killed and reaped
    assert not os.path.exists(directory)
    assert other.poll() is None
    other.kill()
    other.wait()
