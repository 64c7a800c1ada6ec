"""Headless Chromium for report tests: a full-page screenshot and the page's errors.

``screenshot(html, png)`` opens a local HTML file in Debian's ``/usr/bin/chromium`` and
drives it over the DevTools protocol (``websocket-client``, already installed with
jupyter_server). It returns every problem the page had, as strings:

- console ``error``/``assert`` calls and uncaught exceptions,
- errors in the browser log (e.g. ``Failed to load resource`` for a missing image),
- failed loads, and any request that leaves the machine (not file:, data:, about:, blob:).

``chromium_page()`` is the same browser as a context manager yielding a :class:`Page`
(navigate, evaluate JavaScript, wait until an expression holds, viewport screenshot,
problems with a local server's origin allowed) for pages that need driving, such as
JupyterLab.

Fonts: a temporary fontconfig file adds the package's bundled Noto Sans SC
(``budget_audit/fonts``) to the system fonts, so Chinese renders without a CJK font
package. Tests that need Chromium use the ``requires_chromium`` marker (skip when absent).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
FONTS_DIR = Path(__file__).resolve().parent.parent / "lib" / "budget_audit" / "fonts"
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome-error:", "devtools:")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
)


def chromium_path() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def _have_websocket() -> bool:
    try:
        import websocket  # noqa: F401
    except ImportError:
        return False
    return True


requires_chromium = pytest.mark.skipif(
    chromium_path() is None or not _have_websocket(),
    reason="needs /usr/bin/chromium (apt-get install chromium) and websocket-client",
)


class _DevTools:
    """A minimal DevTools client: commands over one socket, events collected on the way."""

    def __init__(self, url: str, timeout: float) -> None:
        import websocket

        # No Origin header: Chromium refuses foreign origins unless --remote-allow-origins.
        self.ws = websocket.create_connection(url, timeout=timeout, suppress_origin=True)
        self.timeout = timeout
        self.events: list[dict[str, Any]] = []
        self._next = 0

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        self.ws.settimeout(self.timeout)  # wait_for/drain leave short timeouts behind
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method: str, deadline: float) -> None:
        if any(event["method"] == method for event in self.events):
            return
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.05, deadline - time.monotonic()))
            event = json.loads(self.ws.recv())
            if "method" in event:
                self.events.append(event)
                if event["method"] == method:
                    return
        raise TimeoutError(f"no {method} before the deadline")

    def drain(self, seconds: float) -> None:
        """Collect events that arrive within ``seconds`` (late console errors)."""
        import websocket

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                event = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                return
            if "method" in event:
                self.events.append(event)

    def close(self) -> None:
        self.ws.close()


def _fontconfig(directory: Path) -> Path:
    conf = directory / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{FONTS_DIR}</dir>\n"
        f"  <cachedir>{directory / 'fontcache'}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def _browser_url(profile: Path, process: subprocess.Popen[bytes], deadline: float) -> str:
    """Chromium writes the port it chose into <profile>/DevToolsActivePort."""
    active = profile / "DevToolsActivePort"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with code {process.returncode}")
        try:
            port, path = active.read_text().split()[:2]
            return f"ws://127.0.0.1:{port}{path}"
        except (FileNotFoundError, ValueError):
            time.sleep(0.05)
    raise TimeoutError("chromium did not open its DevTools port")


def _describe(events: list[dict[str, Any]], allowed: tuple[str, ...] = ()) -> list[str]:
    """Problems among DevTools events; requests to URLs starting with ``allowed`` (e.g. a
    local server's origin) are not problems."""
    problems: list[str] = []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = " ".join(
                str(a.get("value", a.get("description", ""))) for a in params.get("args", [])
            )
            problems.append(f"console.{params['type']}: {args}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text", "")
            problems.append(f"uncaught: {text}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            problems.append(f"log: {entry.get('text', '')} {entry.get('url', '')}".rstrip())
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            problems.append(f"load failed: {params.get('errorText', '')}")
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if not url.startswith(LOCAL_SCHEMES + allowed):
                problems.append(f"network request: {url}")
    return problems


def screenshot(
    html_path: str | Path, png_path: str | Path, width: int = 1200, timeout: float = 30.0
) -> list[str]:
    """Render ``html_path`` in headless Chromium, save a full-page PNG, return its problems."""
    html_path, png_path = Path(html_path).resolve(), Path(png_path)
    deadline = time.monotonic() + timeout
    with chromium_page(width=width, height=900, timeout=timeout) as page:
        page.navigate(html_path.as_uri())
        page.devtools.wait_for("Page.loadEventFired", deadline)
        page.devtools.drain(0.3)
        metrics = page.send("Page.getLayoutMetrics")
        height = min(int(metrics["cssContentSize"]["height"]) + 1, 16000)
        shot = page.send(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
            },
        )
        png_path.parent.mkdir(parents=True, exist_ok=True)
        png_path.write_bytes(base64.b64decode(shot["data"]))
        return _describe(page.devtools.events)


class Page:
    """One Chromium tab driven over DevTools; made by :func:`chromium_page`."""

    def __init__(self, devtools: _DevTools, session: str, width: int, height: int) -> None:
        self.devtools = devtools
        self.session = session
        self.width = width
        self.height = height

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.devtools.send(method, params, session=self.session)

    def navigate(self, url: str) -> None:
        self.send("Page.navigate", {"url": url})

    def evaluate(self, expression: str, await_promise: bool = False) -> Any:
        """The value of a JavaScript expression (JSON-serialisable results only)."""
        reply = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": await_promise},
        )
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text", "")
            raise RuntimeError(f"JavaScript error: {text}")
        return reply.get("result", {}).get("value")

    def wait_until(self, expression: str, timeout: float, interval: float = 0.2) -> Any:
        """Evaluate ``expression`` until it is truthy; its last value is in the TimeoutError."""
        deadline = time.monotonic() + timeout
        value: Any = None
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{expression!r} still {value!r} after {timeout:.0f} s")
            time.sleep(interval)

    def screenshot(self, png_path: str | Path) -> Path:
        """Save the viewport as a PNG."""
        shot = self.send("Page.captureScreenshot", {"format": "png"})
        png_path = Path(png_path)
        png_path.parent.mkdir(parents=True, exist_ok=True)
        png_path.write_bytes(base64.b64decode(shot["data"]))
        return png_path

    def problems(self, allowed: tuple[str, ...] = ()) -> list[str]:
        """Console errors, uncaught exceptions, failed loads and off-machine requests so far
        (requests to URLs starting with ``allowed`` are fine)."""
        self.devtools.drain(0.1)
        return _describe(self.devtools.events, allowed)


@contextlib.contextmanager
def chromium_page(width: int = 1200, height: int = 900, timeout: float = 30.0) -> Iterator[Page]:
    """Headless Chromium with one blank tab (bundled CJK font, events recorded); the
    browser is closed and its process reaped on exit. ``timeout`` bounds start-up and
    each DevTools command."""
    chromium = chromium_path()
    if chromium is None:
        raise FileNotFoundError("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="ba-chromium-", ignore_cleanup_errors=True) as tmp:
        tmp_dir = Path(tmp)
        profile = tmp_dir / "profile"
        env = {**os.environ, "FONTCONFIG_FILE": str(_fontconfig(tmp_dir))}
        command = [chromium, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        try:
            devtools = _DevTools(_browser_url(profile, process, time.monotonic() + timeout), timeout)
            try:
                target = devtools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
                session = devtools.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
                    "sessionId"
                ]
                for domain in ("Page", "Runtime", "Log", "Network"):
                    devtools.send(f"{domain}.enable", session=session)
                devtools.send(
                    "Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                    session=session,
                )
                yield Page(devtools, session, width, height)
            finally:
                try:
                    devtools.send("Browser.close")
                except Exception:  # the socket may close before the reply arrives
                    pass
                devtools.close()
        finally:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
