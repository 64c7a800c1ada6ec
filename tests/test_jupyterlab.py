"""JupyterLab smoke test: open notebooks/explore.ipynb in headless Chromium, run all
cells, and check that the explorer's widgets render and answer (not "Loading widget…").

JupyterLab runs on 127.0.0.1 with a random port and token, in a temporary copy of the
repo's notebooks/, params/ and samples/ (so the ledger lands there, not in outputs/),
with its config, data, settings and workspace directories isolated and its news and
update checks off; every request the page makes must stay on that server. The widget
manager is the one shipped by ``jupyterlab_widgets`` in the venv. The server (and with
it the kernel) is always shut down. Screenshot: test-artifacts/jupyterlab/explore.png.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from browser import chromium_page, requires_chromium
from budget_audit.checks import Finding, run_checks
from budget_audit.config import load_unit
from budget_audit.parse import parse_file

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO_ROOT / "test-artifacts" / "jupyterlab"
NOTEBOOK = "explore.ipynb"


@dataclass(frozen=True)
class Lab:
    url: str  # http://127.0.0.1:PORT/
    token: str
    root: Path  # the server's root_dir (a copy of notebooks/)
    log: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _request(url: str, token: str, method: str = "GET", timeout: float = 2.0) -> bytes:
    request = urllib.request.Request(url, method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (127.0.0.1 only)
        return response.read()


def _process_group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@contextlib.contextmanager
def jupyterlab(tmp: Path, timeout: float = 30.0) -> Iterator[Lab]:
    """JupyterLab serving a copy of the project in ``tmp``; stopped (kernels included) on exit."""
    for name in ("notebooks", "params", "samples"):
        shutil.copytree(REPO_ROOT / name, tmp / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    home = tmp / "jupyter"
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
        "MPLCONFIGDIR": str(home / "matplotlib"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    # No "official Jupyter news?" prompt (and no news fetch).
    notification = home / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text(json.dumps({"fetchNews": "false"}), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    root = tmp / "notebooks"
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp, to run commands
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no package index queries
        "--ServerApp.terminals_enabled=False",
        *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]
    log = tmp / "jupyterlab.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            command, cwd=root, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"JupyterLab exited ({server.returncode}):\n{log.read_text()[-3000:]}")
            try:
                _request(url + "api/status", token)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"JupyterLab did not start:\n{log.read_text()[-3000:]}") from None
                time.sleep(0.2)
        yield Lab(url, token, root, log)
    finally:
        # Ask the server to stop (it shuts its kernels down), then make sure of it.
        with contextlib.suppress(OSError):
            _request(url + "api/shutdown", token, method="POST")
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.terminate()
            try:
                server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        # Anything still in the server's own process group (a kernel) is ours to end.
        deadline = time.monotonic() + 5
        while _process_group_alive(server.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _process_group_alive(server.pid):
            os.killpg(server.pid, signal.SIGKILL)


# The open notebook panel, once JupyterLab has restored it.
PANEL = "window.jupyterapp && window.jupyterapp.shell.currentWidget"
READY = f"!!({PANEL} && {PANEL}.context && {PANEL}.context.path === '{NOTEBOOK}')"
RUN_ALL = f"""(async () => {{
  const panel = {PANEL};
  await panel.context.ready;
  await panel.sessionContext.ready;
  await window.jupyterapp.commands.execute('notebook:run-all-cells');
  return true;
}})()"""
STATE = f"""(() => {{
  const panel = {PANEL};
  const out = panel.node;
  const text = out.innerText;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const list = out.querySelector('.jp-OutputArea .widget-select:not(.widget-select-multiple) select');
  return {{
    kernel: kernel ? kernel.status : null,
    widgets: out.querySelectorAll('.jp-OutputArea .jupyter-widgets').length,
    dropdowns: out.querySelectorAll('.jp-OutputArea .widget-dropdown').length,
    sliders: out.querySelectorAll('.jp-OutputArea .widget-slider').length,
    multiselects: out.querySelectorAll('.jp-OutputArea .widget-select-multiple').length,
    tabs: out.querySelectorAll('.jp-OutputArea .jupyter-widget-Collapse-header, .jp-OutputArea .lm-TabBar-tab').length,
    rows: list ? Array.from(list.options).map(o => o.textContent) : [],
    loading: text.includes('Loading widget'),
    broken: text.includes('Error displaying widget'),
    errors: out.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
    text: text.slice(0, 4000),
  }};
}})()"""

def _choose(selector: str, js_test: str) -> str:
    """JavaScript that selects the options of the first ``selector`` <select> in the output
    for which ``js_test`` (on ``o.textContent`` as ``t``) holds, as a user would, and
    returns the chosen labels."""
    return f"""(() => {{
  const select = {PANEL}.node.querySelector('.jp-OutputArea {selector} select');
  for (const o of select.options) {{ const t = o.textContent; o.selected = ({js_test}); }}
  select.dispatchEvent(new Event('change', {{bubbles: true}}));
  return Array.from(select.selectedOptions).map(o => o.textContent);
}})()"""


FILTER_ERRORS = _choose(".widget-select-multiple", "t === '错误'")
PICK_RC002 = _choose(".widget-select:not(.widget-select-multiple)", "t.includes('RC002')")
SOURCE_SHOWN = f"""(() => {{
  const table = {PANEL}.node.querySelector('.jp-OutputArea table.ba-source');
  const detail = {PANEL}.node.querySelector('.jp-OutputArea .widget-html-content');
  if (!table) return null;
  table.closest('.jp-OutputArea').scrollIntoView();
  return {{
    evidence: Array.from(table.querySelectorAll('tr.ba-evidence td:first-child')).map(td => td.textContent),
    text: {PANEL}.node.innerText.slice(0, 6000),
  }};
}})()"""


@requires_chromium
def test_explore_notebook_runs_in_jupyterlab(tmp_path: Path) -> None:
    timings: dict[str, float] = {}
    started = time.monotonic()
    with jupyterlab(tmp_path) as lab:
        timings["server_s"] = time.monotonic() - started
        with chromium_page(width=1400, height=1700, timeout=30) as page:
            mark = time.monotonic()
            page.navigate(f"{lab.url}lab/tree/{NOTEBOOK}?token={lab.token}")
            page.wait_until(READY, timeout=30)
            timings["open_s"] = time.monotonic() - mark
            page.evaluate("window.jupyterapp.commands.execute('application:toggle-left-area')")
            mark = time.monotonic()
            assert page.evaluate(RUN_ALL, await_promise=True) is True
            page.wait_until(f"(() => {{ const s = {STATE}; return ({_rendered_js()}) ? s : null; }})()", timeout=40)
            timings["run_s"] = time.monotonic() - mark
            state = page.evaluate(STATE)
            assert not state["loading"] and not state["broken"], state["text"]
            assert state["errors"] == 0, state["text"]
            assert state["widgets"] > 0 and state["multiselects"] >= 4
            assert "问题浏览与复核" in state["text"] and "预算单位" in state["text"]
            assert any("RC002" in row for row in state["rows"])
            all_rows = len(state["rows"])

            # A filter set in the page reaches the kernel and the list comes back filtered.
            mark = time.monotonic()
            assert page.evaluate(FILTER_ERRORS) == ["错误"]
            filtered = page.wait_until(
                f"(() => {{ const s = {STATE}; return s.rows.length && s.rows.length < {all_rows}"
                " && s.rows.every(r => r.startsWith('错误')) ? s : null; })()",
                timeout=15,
            )
            timings["filter_s"] = time.monotonic() - mark
            assert any("RC002" in row for row in filtered["rows"])

            # Clicking a finding shows its source lines with the evidence highlighted.
            assert len(page.evaluate(PICK_RC002)) == 1
            source = page.wait_until(SOURCE_SHOWN, timeout=15)
            rc002 = _finding(lab.root.parent, "RC002")
            assert source["evidence"] == [str(n) for n in rc002.lines], source
            assert rc002.message in source["text"] and str(rc002.lines[0] - 3) in source["text"]

            page.evaluate("document.activeElement && document.activeElement.blur()")
            shot = page.screenshot(ARTIFACTS / "explore.png")
            problems = page.problems(allowed=(lab.url,))
        # Nothing left the machine; no uncaught errors in the page.
        assert problems == []
        assert json.loads(_request(lab.url + "api/kernels", lab.token))  # the kernel ran here
    timings["total_s"] = time.monotonic() - started
    assert shot.stat().st_size > 20_000
    print("jupyterlab timings:", {k: round(v, 2) for k, v in timings.items()}, "problems:", problems)


def _finding(project: Path, code: str) -> Finding:
    """The first finding of ``code`` for the first unit, computed here in Python."""
    params = load_unit(sorted((project / "params" / "units").glob("*.yaml"))[0])
    findings = run_checks(parse_file(params.sources[0]), params.settings, params.unit)
    return next(f for f in findings if f.code == code)


def _rendered_js() -> str:
    """:func:`_rendered` in JavaScript, on a state object ``s``."""
    return (
        "s.kernel === 'idle' && s.dropdowns >= 2 && s.sliders >= 3 && s.rows.length > 0"
        " && !s.loading"
    )
