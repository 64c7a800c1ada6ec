"""Fresh Jupyter kernels without the start-up cost: fork them from a pre-imported server.

papermill starts a new kernel process for every notebook: a Python start, the ipykernel
import and then the notebook's own imports (pandas, matplotlib, this library) — about a
second of CPU per unit before the first line of the report runs. In a batch the same
imports are repeated for every unit. A kernel fork server removes that repetition and
nothing else:

* the server (``python -m budget_audit.kernelfork serve DIR FD``) imports ipykernel and
  the notebook's libraries once, then accepts on a Unix socket that the batch bound for it;
* the batch points Jupyter at a kernelspec (``DIR/share/kernels/python3``) whose command
  is a tiny stub (``python -I -S kernelfork.py stub SOCKET -f {connection_file}``); the
  stub hands its stdin/stdout/stderr, working directory and environment to the server;
* the server forks a child that takes them over and runs
  ``ipykernel.kernelapp.launch_new_instance()`` exactly as ``ipykernel_launcher`` does.

Every notebook still gets its own new kernel process with an empty namespace; only the
already-imported modules are shared (copy-on-write), so reports are the same as with the
stock kernel (the batch tests compare them). The stub stays the process jupyter_client
manages: it forwards signals (interrupt) to the kernel, exits when the kernel exits, and
kills the kernel when it is killed itself or its parent (the batch worker) dies. If the
server is not reachable the stub becomes a stock kernel (``exec python -m
ipykernel_launcher``), so a run never depends on the server being up.

The socket lives in a private temporary directory (mode 0700), so only the user who
started the batch can ask for a kernel. Linux only (``fork`` after imports is unsafe on
macOS, absent on Windows): elsewhere
:func:`available` is false and the batch uses the stock kernel. This module imports only
the standard library at the top, because the stub runs it with ``-I -S``.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

KERNEL_NAME = "python3"
PRELOAD = (
    "ipykernel.kernelapp",
    "IPython.display",
    "pandas",
    "matplotlib",
    "budget_audit.report",
    "budget_audit.charts",
)
"""What the server imports once; what a notebook imports beyond this it imports itself."""
SOCKET_NAME = "kernel.sock"
STATS_NAME = "stats.json"
_INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
_FORWARDED = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2")
_LAUNCHER = ("-m", "ipykernel_launcher")


def available() -> bool:
    """Whether kernels can be forked here (Linux, with fd passing over Unix sockets)."""
    return sys.platform.startswith("linux") and hasattr(socket, "send_fds")


# --------------------------------------------------------------------------- stub


def _stock_kernel(kernel_args: list[str]) -> None:
    """Replace this process with the stock kernel (server unreachable)."""
    os.execv(sys.executable, [sys.executable, *_LAUNCHER, *kernel_args])


def stub(socket_path: str, kernel_args: list[str]) -> int:
    """The process jupyter_client starts: ask the server for a kernel, then stand in for it."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(socket_path)
        request = {"argv": kernel_args, "cwd": os.getcwd(), "env": dict(os.environ)}
        socket.send_fds(conn, [json.dumps(request).encode() + b"\n"], [0, 1, 2])
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = conn.recv(64)
            if not chunk:
                raise ConnectionError("server closed the connection")
            reply += chunk
        pid = int(reply)
    except (OSError, ValueError):
        conn.close()
        _stock_kernel(kernel_args)
        return 1  # not reached

    def forward(signum: int, _frame: Any) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)

    for name in _FORWARDED:
        signal.signal(getattr(signal, name), forward)
    parent = os.getppid()
    while True:
        ready, _, _ = select.select([conn], [], [], 1.0)
        if ready and not conn.recv(1):  # the kernel exited (its end of the socket closed)
            return 0
        if os.getppid() != parent:  # the batch worker died: do not leave the kernel behind
            forward(signal.SIGKILL, None)
            return 1


# --------------------------------------------------------------------------- server


def _preload() -> None:
    os.environ.setdefault("MPLBACKEND", _INLINE_BACKEND)  # what ipykernel sets before user code
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the kernel will import (and report) it itself
            pass


def _child(conn: socket.socket, fds: list[int], request: dict[str, Any], kernel_path: list[str]) -> None:
    """In the forked child: become the kernel the stub asked for. Never returns."""
    code = 1
    try:
        os.setsid()  # like jupyter_client's start_new_session: the kernel's own session
        for target, fd in enumerate(fds[:3]):
            if fd != target:
                os.dup2(fd, target)
                os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.path[:] = kernel_path
        import importlib.util

        signal.signal(signal.SIGINT, signal.default_int_handler)  # the server ignores it
        launcher = importlib.util.find_spec("ipykernel_launcher")
        argv = list(request["argv"])
        parent = os.environ.get("JPY_PARENT_PID")
        if parent and parent.isdigit():  # read from the environment at import in a stock kernel
            argv.append(f"--IPKernelApp.parent_handle={parent}")
        sys.argv = [launcher.origin if launcher else "ipykernel_launcher", *argv]
        conn.sendall(f"{os.getpid()}\n".encode())

        def watch_stub() -> None:
            with contextlib.suppress(OSError):
                while conn.recv(1):
                    pass
            os._exit(1)  # the stub is gone: jupyter_client killed it, so the kernel goes too

        threading.Thread(target=watch_stub, name="stub-watch", daemon=True).start()
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 0
    except BaseException:  # noqa: BLE001 - report on the kernel's stderr, then exit
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            atexit._run_exitfuncs()
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _write_stats(directory: Path, stats: dict[str, int]) -> None:
    temp = directory / f".{STATS_NAME}.tmp"
    temp.write_text(json.dumps(stats), encoding="utf-8")
    os.replace(temp, directory / STATS_NAME)


def serve(directory: str | Path, listen_fd: int) -> int:
    """Fork a kernel per connection on the listening socket ``listen_fd`` until stdin closes.

    The socket (``DIR/kernel.sock``) is bound and listening before this process starts,
    so no stub ever finds it missing. ``DIR`` is removed when the server ends (the batch
    that started it may be gone).
    """
    directory = Path(directory)
    try:
        return _serve(directory, socket.socket(fileno=listen_fd))
    finally:
        if os.getpid() == _SERVER_PID[0]:  # not in a forked child
            shutil.rmtree(directory, ignore_errors=True)


_SERVER_PID = [0]


def _serve(directory: Path, listener: socket.socket) -> int:
    import resource

    _SERVER_PID[0] = os.getpid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the batch; it closes our stdin
    _preload()  # stubs that connect meanwhile wait in the listening socket's backlog
    if threading.active_count() > 1:  # forking a multi-threaded process is not safe
        print("kernelfork: 预加载后存在其他线程，改用普通内核", file=sys.stderr)
        return 1  # stubs now find no server and start stock kernels
    # ipykernel_launcher drops its own directory from sys.path; so does the child
    kernel_path = list(sys.path[1:])
    stats = {"kernels": 0, "kernel_peak_kb": 0, "server_peak_kb": 0}
    stdin = sys.stdin.fileno()
    while True:
        ready, _, _ = select.select([listener, stdin], [], [], 0.5)
        changed = False
        while True:  # reap finished kernels, keeping their peak memory
            try:
                pid, _status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            stats["kernel_peak_kb"] = max(stats["kernel_peak_kb"], usage.ru_maxrss)
            changed = True
        if changed:
            stats["server_peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            _write_stats(directory, stats)
        if stdin in ready and not os.read(stdin, 4096):
            return 0  # the batch closed our stdin (or died)
        if listener not in ready:
            continue
        conn, _ = listener.accept()
        try:
            message, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
            while not message.endswith(b"\n"):  # a large environment may come in pieces
                more = conn.recv(1 << 20)
                if not more:
                    break
                message += more
            request = json.loads(message)
        except (OSError, ValueError):
            conn.close()
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            listener.close()
            _child(conn, fds, request, kernel_path)
        stats["kernels"] += 1
        _write_stats(directory, stats)
        for fd in fds:
            os.close(fd)
        conn.close()


# --------------------------------------------------------------------------- client


def _stock_spec() -> dict[str, Any] | None:
    """The installed python3 kernelspec as JSON, if it is the stock ipykernel launcher."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        return None
    argv = list(spec.argv)
    if len(argv) < 3 or tuple(argv[1:3]) != _LAUNCHER:
        return None
    data = spec.to_dict()
    data["argv"] = argv
    return data


class KernelForkServer:
    """A running fork server and the Jupyter data directory that points kernels at it.

    Use :meth:`start` (returns None when forking is not possible here), pass
    :attr:`jupyter_path` to the processes that run notebooks (see :func:`use`), and
    :meth:`close` at the end.
    """

    def __init__(self, directory: Path, process: subprocess.Popen[bytes]) -> None:
        self.directory = directory
        self.process = process

    @property
    def jupyter_path(self) -> str:
        return str(self.directory / "share")

    @classmethod
    def start(cls) -> KernelForkServer | None:
        if not available():
            return None
        stock = _stock_spec()
        if stock is None:
            return None
        from .workdirs import private_tempdir  # here: the stub runs this module with -I -S

        directory = Path(private_tempdir("kernels"))
        socket_path = directory / SOCKET_NAME
        spec_dir = directory / "share" / "kernels" / KERNEL_NAME
        spec_dir.mkdir(parents=True)
        spec = dict(stock)
        spec["argv"] = [
            sys.executable, "-I", "-S", str(Path(__file__).resolve()), "stub", str(socket_path),
            *stock["argv"][3:],
        ]  # fmt: skip
        spec["display_name"] = f"{stock.get('display_name', 'Python 3')}（fork）"
        (spec_dir / "kernel.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(str(socket_path))
            listener.listen(64)
            process = subprocess.Popen(
                [sys.executable, "-m", "budget_audit.kernelfork", "serve", str(directory),
                 str(listener.fileno())],  # fmt: skip
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                pass_fds=[listener.fileno()],
                start_new_session=True,
            )
        except OSError:
            shutil.rmtree(directory, ignore_errors=True)
            return None
        finally:
            listener.close()
        return cls(directory, process)

    def stats(self) -> dict[str, int]:
        try:
            return json.loads((self.directory / STATS_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def close(self) -> None:
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)


def read_stats(jupyter_path: str) -> dict[str, int]:
    """The server's statistics, from a worker that only knows the Jupyter path."""
    try:
        return json.loads((Path(jupyter_path).parent / STATS_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@contextlib.contextmanager
def use(jupyter_path: str | None) -> Iterator[None]:
    """Within the block, kernels named python3 start through the fork server (if given)."""
    if not jupyter_path:
        yield
        return
    previous = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (jupyter_path, previous) if p)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = previous


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "serve":
        return serve(argv[1], int(argv[2]))
    if len(argv) >= 2 and argv[0] == "stub":
        return stub(argv[1], argv[2:])
    print("usage: kernelfork.py serve DIR FD | stub SOCKET KERNEL-ARGS…", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
