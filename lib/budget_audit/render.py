"""Run a unit's notebook with papermill and render it to a self-contained HTML report.

``run_unit`` is the whole job for one unit::

    params/units/<code>.yaml ─load_unit─▶ UnitParams
        ─execute_notebook (papermill, kernel python3)─▶ executed notebook
        ─export_html (nbconvert, code hidden, offline)─▶ report.html
        ─atomic moves─▶ <output_dir>/<unit>/report.ipynb, report.html, files the notebook wrote

The notebook gets the parameters ``unit``, ``sources``, ``year``, ``params_path`` and
``output_dir``, and ``chart_dir`` if it declares one: where forked processes draw the
report's charts while the kernel starts (:mod:`budget_audit.prerender`). ``output_dir``
is a private staging directory: every extra file the notebook writes there
(findings.json …) is moved into ``<output_dir>/<unit>/`` only after the notebook and the
HTML export have both succeeded, so a failed run leaves the previous good outputs
exactly as they were.

The HTML report loads nothing from the network: the template
(``templates/budget_audit_report``) drops every script block of the lab template
(require.js, MathJax, Mermaid, widgets), styles come from an inlined stylesheet with
system fonts, images are data URIs, and :func:`export_html` refuses a result that still
references an external resource.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import copy
import errno
import functools
import hashlib
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import nbformat
from bs4.element import Comment
from nbformat import NotebookNode

from . import __version__, prerender
from .atomic import move_atomic
from .config import UnitParams, check_years, unit_code_problem
from .errors import (
    NOT_UTF8,
    InputError,
    is_utf8,
    locale_problem,
    one_line,
    os_reason,
    printable,
    resolved,
)
from .interrupts import signals_held
from .outputs import PUBLISHED_NAMES, REPORT_HTML, REPORT_NOTEBOOK
from .parse import parse_file
from .review import validate_ledger
from .workdirs import private_tempdir, remove_abandoned, work_prefix

if TYPE_CHECKING:
    from traitlets.config import Config

log = logging.getLogger(__name__)

KERNEL_NAME = "python3"
DEFAULT_TIMEOUT = 600
"""Seconds one cell may run before the run fails."""

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "budget_audit_report"
METADATA_KEY = "budget_audit"
NOTEBOOK_PARAMETERS = ("unit", "sources", "year", "params_path", "output_dir")
"""What :func:`run_unit` passes to the notebook's ``parameters`` cell."""
CHART_DIR_PARAMETER = "chart_dir"
"""Passed as well when the notebook declares it: the directory of the charts drawn ahead."""

_TOC_MARKER = "budget-audit:toc"
_ERROR_MARKER_TAG = "papermill-error-cell-tag"
_INJECTED_TAG = "injected-parameters"


class RenderError(Exception):
    """A run or render failed; ``str(error)`` is one Chinese line for the user.

    For a failing cell, ``cell_index`` is the cell's 0-based index in the *template*
    notebook (papermill's injected parameters cell is not counted), ``source_line`` its
    first non-blank source line, ``ename``/``evalue`` the exception. ``notebook`` is the
    executed notebook as far as it ran (with ``metadata.budget_audit.status == "failed"``)
    when there is one; it is not written into the output directory.
    """

    def __init__(
        self,
        message: str,
        *,
        cell_index: int | None = None,
        source_line: str | None = None,
        ename: str | None = None,
        evalue: str | None = None,
        notebook: NotebookNode | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.cell_index = cell_index
        self.source_line = source_line
        self.ename = ename
        self.evalue = evalue
        self.notebook = notebook

    def with_prefix(self, prefix: str) -> RenderError:
        """The same error with ``prefix：`` in front of the message."""
        return RenderError(
            f"{prefix}：{self.message}",
            cell_index=self.cell_index,
            source_line=self.source_line,
            ename=self.ename,
            evalue=self.evalue,
            notebook=self.notebook,
        )


@dataclass(frozen=True)
class RunResult:
    """What :func:`run_unit` produced; every path is inside ``<output_dir>/<unit>/``."""

    unit: str
    html_path: Path
    notebook_path: Path
    files: tuple[Path, ...]
    duration_s: float
    timings: Mapping[str, float] = field(default_factory=dict)


# --------------------------------------------------------------------------- execute


def _first_source_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip():
            return one_line(line.strip(), 80)
    return ""


def _kernel_died_at_start(error: BaseException) -> bool:
    """The kernel could not open its sockets, so it died before it answered.

    Over TCP, the start-up race: jupyter_client chooses ports by binding to port 0 and
    closing the socket, and another process can take the port before the kernel binds it
    (``zmq.error.ZMQError: Address already in use`` on the kernel's stderr). Over Unix
    sockets (:func:`kernel_sockets`): a temporary directory on a file system that does not
    take sockets. Either way this process sees "Kernel died before replying to
    kernel_info". Nothing else is retried.
    """
    import zmq

    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        text = str(current)
        if isinstance(current, zmq.ZMQError) and current.errno == zmq.EADDRINUSE:
            return True
        if "Address already in use" in text:
            return True
        if (
            isinstance(current, RuntimeError)
            and "Kernel died before replying to kernel_info" in text
        ):
            return True
        current = current.__cause__ or current.__context__
    return False


_UNIX_PATH_MAX = 107
"""Longest path a Unix socket may have on Linux (``sun_path`` is 108 bytes)."""


KERNEL_LOG = "kernel.log"
"""The kernel's own stdout and stderr, in the run's private kernel directory (:func:`kernel_sockets`)."""
CONNECTION_FILE = "kernel.json"
"""The kernel's connection file, in the same directory."""


@functools.cache
def _logged_kernel_manager() -> type:
    """jupyter_client's AsyncKernelManager (nbclient's default) with the kernel's own stdout and stderr going to
    the file its ``log_path`` names instead of the auditor's terminal, where a kernel caught by Ctrl-C while it
    starts would print a traceback, and one outliving its interrupted run a warning. A kernel that dies at start
    has its last words quoted in the error (:func:`execute_notebook`)."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import Unicode

    class LoggedKernelManager(AsyncKernelManager):
        log_path = Unicode("", config=True, help="Where the kernel's own stdout and stderr go.")
        _log: BinaryIO | None = None

        async def start_kernel(self, **kw: Any) -> None:
            if self.log_path:
                if self._log is None or self._log.closed:  # open until cleaned up: a restart starts with it again
                    self._log = open(self.log_path, "ab")  # noqa: SIM115
                kw.setdefault("stdout", self._log)
                kw.setdefault("stderr", self._log)
            return await super().start_kernel(**kw)

        async def cleanup_resources(self, restart: bool = False) -> None:
            await super().cleanup_resources(restart=restart)
            if not restart and self._log is not None:
                self._log.close()

    return LoggedKernelManager


def _kernel_config(log_path: str, socket_prefix: str | None = None) -> Config:
    """Kernel-manager settings: Unix sockets at ``socket_prefix`` (TCP without one), output to ``log_path``, and the
    connection file (the kernel's ports and key) beside it — in the run's private directory, removed with it however
    the run ends, not in the system's temporary directory, where a run interrupted while its kernel started left it."""
    from traitlets.config import Config

    manager = _logged_kernel_manager()
    sockets = {"transport": "ipc", "ip": socket_prefix} if socket_prefix else {"transport": "tcp"}
    connection = os.path.join(os.path.dirname(log_path), CONNECTION_FILE)
    return Config({"KernelManager": {**sockets, "connection_file": connection},
                   "NotebookClient": {"kernel_manager_class": manager}, manager.__name__: {"log_path": log_path}})


def _over_tcp(config: Config) -> Config:
    """The same settings over TCP (a second try after a kernel died at start)."""
    return _kernel_config(config[_logged_kernel_manager().__name__]["log_path"])


def kernel_output(config: Config) -> str:
    """The last line the kernel of ``config`` wrote to its own stdout or stderr ("" if none), printable."""
    try:
        with open(config[_logged_kernel_manager().__name__]["log_path"], "rb") as log:
            log.seek(0, os.SEEK_END)
            log.seek(max(log.tell() - 4096, 0))
            tail = log.read().decode("utf-8", "replace")
    except (OSError, KeyError):
        return ""
    return next((one_line(printable(line.strip()), 160) for line in reversed(tail.splitlines()) if line.strip()), "")


@contextlib.contextmanager
def kernel_sockets() -> Iterator[Config]:
    """Kernel-manager settings for one notebook run: Unix sockets in a private directory.

    Over Unix sockets in a fresh directory of mode 0700 the kernel is reachable only by
    this user, kernels started at the same time cannot race for a TCP port, and ipykernel
    does not print its warning about unencrypted TCP on the user's terminal. The kernel's
    own output goes to :data:`KERNEL_LOG` there. The directory is removed afterwards (one
    left by a run killed with SIGKILL, by the next run: :func:`private_tempdir`). TCP
    remains where there are no Unix sockets (Windows) or the temporary directory's path is
    too long for one (and for the second attempt when a kernel could not start: see
    :func:`execute_notebook`).
    """
    directory = private_tempdir("kernel")
    try:
        log_path = os.path.join(directory, KERNEL_LOG)
        prefix = os.path.join(directory, "kernel")  # jupyter_client adds -<n> per channel
        if os.name != "posix" or len(os.fsencode(prefix)) + 4 > _UNIX_PATH_MAX:
            yield _kernel_config(log_path)
        else:
            yield _kernel_config(log_path, prefix)
    except BaseException:
        _stop_kernels_of(directory)  # interrupted while its kernel starts: no kernel may write into it once removed
        raise
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _stop_kernels_of(directory: str) -> None:
    """Kill and reap this process's children started with a file in ``directory`` (the kernel of a run cut short).

    A kernel ignores Ctrl-C while it starts; one still starting when its run was interrupted wrote its connection
    file after the directory was removed — making it again — and left both behind. Linux only (/proc); elsewhere the
    kernel ends with its parent as before."""
    me = str(os.getpid())
    try:
        pids = [entry for entry in os.listdir("/proc") if entry.isdigit()]
    except OSError:
        return
    needle = os.fsencode(directory)
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as stat_file:
                parent = stat_file.read().rsplit(b")", 1)[1].split()[1].decode()
            if parent != me:
                continue
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                if needle not in cmdline.read():
                    continue
            os.kill(int(pid), signal.SIGKILL)
            os.waitpid(int(pid), 0)
        except (OSError, IndexError, ChildProcessError):
            continue


def _check_kernel() -> None:
    """The ``python3`` kernelspec must start this environment's Python."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        raise RenderError(
            f"找不到 Jupyter 内核 {KERNEL_NAME}，请在本环境中安装 ipykernel"
        ) from None
    program = spec.argv[0] if spec.argv else ""
    # jupyter_client replaces a bare "python"/"python3"/"python3.X" with sys.executable.
    bare = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}
    if program not in bare and os.path.abspath(program) != os.path.abspath(sys.executable):
        raise RenderError(
            f"Jupyter 内核 {KERNEL_NAME} 指向另一个 Python（{program}），不是当前环境的 "
            f"{sys.executable}；请在本环境中运行 python -m ipykernel install --sys-prefix"
        )


def _set_metadata(
    nb: NotebookNode, status: str, duration_s: float, attempts: int, error: dict[str, Any] | None
) -> None:
    nb.metadata[METADATA_KEY] = {
        "status": status,
        "duration_s": round(duration_s, 3),
        "error": error,
        "attempts": attempts,
        "kernel": KERNEL_NAME,
        "library_version": __version__,
    }


def _template_cell_index(nb: NotebookNode, fallback: int) -> int:
    """Index of the failed cell among the template's cells (injected/marker cells skipped)."""
    index = 0
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if _INJECTED_TAG in tags or _ERROR_MARKER_TAG in tags:
            continue
        if cell.get("metadata", {}).get("papermill", {}).get("exception"):
            return index
        index += 1
    return fallback


def _cell_error(error: Any, out_nb_path: Path, duration_s: float, attempts: int) -> RenderError:
    """RenderError for papermill's PapermillExecutionError (it has already saved the notebook)."""
    nb: NotebookNode | None
    try:
        nb = nbformat.read(out_nb_path, as_version=4)
    except (OSError, ValueError):
        nb = None
    fallback = int(error.cell_index)
    cell_index = _template_cell_index(nb, fallback) if nb is not None else fallback
    source_line = _first_source_line(error.source or "")
    ename, evalue = str(error.ename), one_line(error.evalue or "")
    message = f"第 {cell_index + 1} 个单元格（序号 {cell_index}）执行失败：`{source_line}` → {ename}: {evalue}"
    if nb is not None:
        _set_metadata(
            nb,
            "failed",
            duration_s,
            attempts,
            {
                "cell_index": cell_index,
                "source_line": source_line,
                "ename": ename,
                "evalue": evalue,
                "message": message,
            },
        )
        nbformat.write(nb, out_nb_path)
    return RenderError(
        message,
        cell_index=cell_index,
        source_line=source_line,
        ename=ename,
        evalue=evalue,
        notebook=nb,
    )


def _timeout_error(error: BaseException, timeout: float | None) -> RenderError:
    text = str(error)
    preview = text.split("-------------------", 2)
    source_line = _first_source_line(preview[1]) if len(preview) == 3 else ""
    where = f"：`{source_line}`" if source_line else ""
    return RenderError(
        f"单元格执行超时（超过 {timeout} 秒）{where}",
        source_line=source_line or None,
        ename="CellTimeoutError",
    )


_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def execute_notebook(
    template_nb: str | Path,
    out_nb_path: str | Path,
    parameters: Mapping[str, Any],
    cwd: str | Path,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> NotebookNode:
    """Execute ``template_nb`` with papermill (kernel ``python3``) into ``out_nb_path``.

    ``timeout`` is per cell, in seconds (None: no limit). A kernel that dies at start is
    retried once, over TCP; a failing cell raises :class:`RenderError` naming the cell.
    The executed notebook gets ``metadata.budget_audit`` = status, duration_s, error,
    attempts.
    """
    import papermill
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    _check_kernel()
    out_nb_path = Path(out_nb_path)
    started = time.perf_counter()
    attempts = 0
    with kernel_sockets() as config:
        while True:
            attempts += 1
            try:
                nb = papermill.execute_notebook(
                    str(template_nb),
                    str(out_nb_path),
                    parameters=dict(parameters),
                    kernel_name=KERNEL_NAME,
                    cwd=str(cwd),
                    execution_timeout=timeout,
                    progress_bar=False,
                    log_output=False,
                    request_save_on_cell_execute=False,
                    shutdown_kernel="immediate",  # the report is saved; no need to wait for a clean exit
                    config=config,
                )
                break
            except PapermillExecutionError as error:
                raise _cell_error(
                    error, out_nb_path, time.perf_counter() - started, attempts
                ) from error
            except CellTimeoutError as error:
                raise _timeout_error(error, timeout) from error
            except Exception as error:
                if isinstance(error, OSError) and error.errno in _DISK_FULL_ERRNOS:
                    raise  # the executed notebook could not be saved: run_unit names where
                if attempts == 1 and _kernel_died_at_start(error):
                    log.warning("内核启动失败，改用 TCP 重试一次：%s", one_line(str(error)))
                    config = _over_tcp(config)
                    continue
                said = kernel_output(config) if _kernel_died_at_start(error) else ""
                raise RenderError(
                    f"笔记本执行失败：{type(error).__name__}: {one_line(str(error))}"
                    + (f"（内核输出：{said}）" if said else ""),
                    ename=type(error).__name__,
                ) from error
    _set_metadata(nb, "completed", time.perf_counter() - started, attempts, None)
    nbformat.write(nb, out_nb_path)
    return nb


# --------------------------------------------------------------------------- export


def _add_toc(soup: Any) -> None:
    headings = [h for h in soup.find_all(["h1", "h2", "h3"]) if h.find_parent("nav") is None]
    used = {tag["id"] for tag in soup.find_all(id=True)}
    entries: list[tuple[int, str, str]] = []
    for number, heading in enumerate(headings, start=1):
        text = " ".join(heading.get_text(" ").split())
        if not text:
            continue
        anchor = heading.get("id")
        if not anchor:
            anchor = f"sec-{number}"
            while anchor in used:
                anchor += "-"
            used.add(anchor)
            heading["id"] = anchor
        entries.append((int(heading.name[1]), str(anchor), text))
    marker = soup.find(string=lambda s: isinstance(s, Comment) and s.strip() == _TOC_MARKER)
    if marker is None:
        return
    if not entries:
        marker.extract()
        return
    nav = soup.new_tag("nav", attrs={"class": "ba-toc", "aria-label": "目录"})
    title = soup.new_tag("p", attrs={"class": "ba-toc-title"})
    title.string = "目录"
    items = soup.new_tag("ul")
    for level, anchor, text in entries:
        item = soup.new_tag("li", attrs={"class": f"ba-toc-h{level}"})
        link = soup.new_tag("a", href=f"#{anchor}")
        link.string = text
        item.append(link)
        items.append(item)
    nav.append(title)
    nav.append(items)
    marker.replace_with(nav)


def content_policy(scripts: Sequence[str] = ()) -> str:
    """The Content-Security-Policy of a page written here: nothing loaded from anywhere, images only embedded
    (data:), inline styles, and no script but the page's own ``scripts`` (allowed by their SHA-256, so a script
    that got into the page through document text still would not run)."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    script = f"; script-src {hashes}" if hashes else ""
    return f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'{script}"


def _add_policy(soup: Any, scripts: Sequence[str] = ()) -> None:
    """The page's :func:`content_policy` as the first element of its head (before anything it governs)."""
    head = soup.find("head")
    if head is None:
        return
    meta = soup.new_tag("meta", attrs={"http-equiv": "Content-Security-Policy", "content": content_policy(scripts)})
    head.insert(0, meta)


def add_toc(document: str, scripts: Sequence[str] = ()) -> str:
    """Give every h1–h3 an id and replace the TOC marker with a nav of in-page links; add the page's
    :func:`content_policy`, which allows ``scripts`` (the page's own) and no other.

    Works on the rendered HTML, so headings from Markdown cells and from Markdown/HTML
    outputs alike are listed; no JavaScript is involved.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(document, features="html.parser")
    _add_toc(soup)
    _add_policy(soup, scripts)
    return str(soup)


_RESOURCE_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "image": ("href", "xlink:href"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "use": ("href", "xlink:href"),
}
_CSS_URL = re.compile(r"""url\(\s*["']?\s*([^"')\s]+)|@import\s+["']([^"']+)""", re.IGNORECASE)


def _is_local_reference(value: str) -> bool:
    value = value.strip()
    return not value or value.startswith(("data:", "#"))


def _external(soup: Any) -> list[str]:
    found: list[str] = []

    def css(text: str) -> None:
        for match in _CSS_URL.finditer(text):
            target = match.group(1) or match.group(2) or ""
            if not _is_local_reference(target):
                found.append(f"url({target[:80]})")

    for tag in soup.find_all(True):
        for name in _RESOURCE_ATTRIBUTES.get(tag.name, ()):
            value = tag.get(name)
            if isinstance(value, str) and not _is_local_reference(value):
                found.append(f"<{tag.name} {name}={value[:80]}>")
        style = tag.get("style")
        if isinstance(style, str):
            css(style)
        if tag.name == "style":
            css(tag.get_text())
    return found


def external_references(document: str) -> list[str]:
    """Resources an HTML document would load from outside itself (scripts, styles, images …).

    Only ``data:`` and in-page ``#`` references count as inside. Links the reader may click
    (``<a href>``) are not resources and are not listed.
    """
    from bs4 import BeautifulSoup

    return _external(BeautifulSoup(document, features="html.parser"))


def _exporter_class() -> type:
    """nbconvert's HTMLExporter without its BeautifulSoup pass over the page.

    HTMLExporter parses every page it renders to give images an alt text and the cells
    of a ``.jp-Notebook`` a tabindex (this template has none), then serialises it again:
    about half of an export here. export_html parses the page once anyway (contents,
    offline check) and gives the alt text there.
    """
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):  # type: ignore[misc]
        def from_notebook_node(self, nb: NotebookNode, resources: Any = None, **kw: Any) -> Any:
            # HTMLExporter.from_notebook_node up to its template render, without the soup
            self.register_filter("highlight_code", Highlight2HTML(parent=self))
            resources = self._init_resources(resources)
            self.register_filter(
                "filter_data_type",
                WidgetsDataTypeFilter(
                    notebook_metadata=self._nb_metadata, parent=self, resources=resources
                ),
            )
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return ReportExporter


@functools.lru_cache(maxsize=1)
def _exporter() -> Any:
    """The report's HTML exporter, made once per process (its Jinja templates compile on
    first use: ~50 ms saved on every later export; the output is the same)."""
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    config.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output"}
    return _exporter_class()(
        config=config,
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        embed_images=True,
        language_code="zh",
        # Belt and braces: the template emits none of these, and none may point anywhere.
        require_js_url="",
        mathjax_url="",
        mermaid_js_url="",
        mermaid_layout_elk_js_url="",
        jquery_url="",
        jupyter_widgets_base_url="",
        widget_renderer_url="",
        html_manager_semver_range="",
    )


def export_html(nb_node: NotebookNode, title: str, resources_path: str | Path | None = None) -> str:
    """The executed notebook as one self-contained HTML page: outputs and Markdown only.

    ``resources_path`` is where relative image links in Markdown cells are looked up (they
    are embedded as data URIs). Raises :class:`RenderError` if the page would still load
    anything from outside itself.
    """
    from bs4 import BeautifulSoup

    nb = copy.deepcopy(nb_node)
    nb.metadata["title"] = title
    resources = {"metadata": {"name": title, "path": str(resources_path or "")}}
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    soup = BeautifulSoup(body, features="html.parser")
    _add_toc(soup)
    _add_policy(soup)  # a report runs no script at all
    for image in soup.find_all("img"):
        if image.get("alt") is None:
            image["alt"] = "图"
    external = _external(soup)
    if external:
        shown = "；".join(external[:3]) + (f" 等 {len(external)} 处" if len(external) > 3 else "")
        raise RenderError(f"报告引用了外部资源，离线无法显示：{shown}")
    return str(soup)


# --------------------------------------------------------------------------- run


def report_title(params: UnitParams) -> str:
    year = f" {params.year} 年" if params.year else ""
    return f"{params.name or params.unit}{year}预算公开审计报告"


def notebook_parameters(params: UnitParams, output_dir: str | Path) -> dict[str, Any]:
    """The papermill parameters for one unit (see :data:`NOTEBOOK_PARAMETERS`)."""
    return {
        "unit": params.unit,
        "sources": [str(source) for source in params.sources],
        "year": params.year,
        "params_path": str(Path(params.path).resolve()),
        "output_dir": str(output_dir),
    }


def _validate(params: UnitParams, notebook: Path) -> list[str]:
    if not isinstance(params, UnitParams):
        raise TypeError(
            f"run_unit needs UnitParams (from config.load_unit), not {type(params).__name__}"
        )
    problem = unit_code_problem(params.unit)  # it names a directory under the output directory
    if problem is not None:
        raise InputError(params.path, problem)
    prior = [str(params.prior_source)] if params.prior_source else []
    for shown in (os.path.abspath(params.path), *map(str, params.sources), *prior):
        if (problem := locale_problem(shown)) is not None:  # before is_file(), which cannot look it up
            raise InputError(shown, problem)
    if not is_utf8(Path(params.path).name):
        # The notebook gets the params path as a parameter, which must be UTF-8.
        raise InputError(params.path, f"文件名{NOT_UTF8}")
    if not params.sources:
        raise InputError(params.path, "缺少 source（公开文件路径）")
    for source in [*params.sources, *([params.prior_source] if params.prior_source else [])]:
        if not Path(source).is_file():
            raise InputError(params.path, f"公开文件不存在：{source}")
    for shown in (os.path.abspath(params.path), *map(str, params.sources)):
        if not is_utf8(shown):
            raise InputError(shown, f"路径{NOT_UTF8}")
    # An unusable document (empty, binary, undecodable, not a disclosure, another year's)
    # is the user's error, named here with its file, not a failing cell after a kernel start.
    doc = parse_file(params.sources[0])
    prior = parse_file(params.prior_source) if params.prior_source else None
    check_years(params, doc.year, prior.year if prior else None)
    validate_ledger(params)  # a report that could not read its review ledger fails in a cell
    if notebook.is_dir():
        raise InputError(str(notebook), "这是一个目录，不是笔记本（--notebook 应指向 .ipynb 文件）")
    if not notebook.is_file():
        raise InputError(
            str(notebook), "笔记本不存在（params 不在项目目录下时，用 --notebook 指定笔记本）"
        )
    declared = declared_parameters(notebook)
    missing = [name for name in NOTEBOOK_PARAMETERS if name not in declared]
    if missing:
        raise InputError(str(notebook), f"笔记本的 parameters 单元缺少参数：{', '.join(missing)}")
    return declared


def declared_parameters(notebook: str | Path) -> list[str]:
    """Names assigned in the notebook's ``parameters``-tagged cell (as papermill finds it)."""
    try:
        nb = nbformat.read(notebook, as_version=4)
    except (OSError, ValueError) as error:
        raise InputError(str(notebook), f"笔记本无法读取（{one_line(str(error))}）") from None
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise InputError(str(notebook), "笔记本没有带 parameters 标签的单元格")
    try:
        tree = ast.parse(cells[0].source)
    except SyntaxError as error:
        raise InputError(
            str(notebook), f"parameters 单元格第 {error.lineno} 行有语法错误"
        ) from None
    names: list[str] = []
    for node in tree.body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        names += [t.id for t in targets if isinstance(t, ast.Name)]
    return names


def _staged_files(staging: Path) -> list[Path]:
    files = sorted(path for path in staging.rglob("*") if path.is_file() and not path.is_symlink())
    reserved = {REPORT_HTML, REPORT_NOTEBOOK}
    for path in files:
        if path.relative_to(staging).as_posix() in reserved:
            raise RenderError(f"笔记本不应自行写入 {path.name}（由 run_unit 生成）")
    return files


_USER_ERRNOS = frozenset(
    getattr(errno, name)
    for name in (
        "EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "EFBIG", "ENOTDIR", "EISDIR",
        "EEXIST", "ENOTEMPTY", "ELOOP", "ENAMETOOLONG", "EMLINK", "EXDEV",
    )
    if hasattr(errno, name)
)
"""OSErrors that come from the user's file system (permissions, a full disk, a file where
a directory belongs …): an :class:`InputError` (exit 2), not a failed run."""


def _io_error(path: Path, action: str, error: OSError) -> InputError | RenderError:
    """One line naming ``path`` for an OSError while staging or publishing outputs."""
    reason = os_reason(error)
    if error.errno in _USER_ERRNOS:
        return InputError(str(path), f"{action}（{reason}）")
    return RenderError(f"{printable(str(path))}：{action}（{one_line(reason)}）", ename="OSError")


def _resolve(path: str | Path, what: str) -> Path:
    """``path`` made absolute with symlinks resolved (:func:`~budget_audit.errors.resolved`);
    an OSError on the way is one line naming it."""
    try:
        return resolved(path, what)
    except OSError as error:
        raise _io_error(Path(path), f"{what}路径无法解析", error) from None


def _target_problem(target: Path, unit_dir: Path) -> tuple[Path, str] | None:
    """Why a file could not be published at ``target`` (inside ``unit_dir``), or None."""
    for parent in reversed(target.relative_to(unit_dir).parents):  # unit_dir first
        directory = unit_dir / parent
        if os.path.lexists(directory) and not directory.is_dir():
            return directory, "已存在但不是目录，无法在其中发布输出文件，请移走或改名"
    if target.is_dir():
        return target, "是一个目录，无法发布同名的输出文件，请移走或改名"
    return None


def _check_output_dir(output_dir: Path, unit: str) -> Path:
    """Check that the outputs of ``unit`` can be published in ``output_dir`` (created if
    need be) before anything runs; returns ``output_dir/unit``."""
    try:
        return _check_output_dir_unguarded(output_dir, unit)
    except OSError as error:  # e.g. a directory on the way that may not be searched
        raise _io_error(output_dir, "无法访问输出目录", error) from None


def _check_output_dir_unguarded(output_dir: Path, unit: str) -> Path:
    if output_dir.exists() and not output_dir.is_dir():
        raise InputError(str(output_dir), "输出目录是一个已有的文件，不是目录")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(str(output_dir), f"无法创建输出目录（{os_reason(error)}）") from None
    unit_dir = output_dir / unit
    if os.path.lexists(unit_dir) and not unit_dir.is_dir():
        raise InputError(str(unit_dir), "单位输出目录已存在但不是目录，请移走或改名")
    for name in PUBLISHED_NAMES:
        problem = _target_problem(unit_dir / name, unit_dir)
        if problem is not None:
            raise InputError(str(problem[0]), problem[1])
    if unit_dir.is_dir():  # a cheap probe: a read-only directory fails here, not after the run
        try:
            fd, probe = tempfile.mkstemp(prefix=".write-probe-", dir=unit_dir)
            os.close(fd)
            os.unlink(probe)
        except OSError as error:
            raise _io_error(unit_dir, "单位输出目录不可写", error) from None
    return unit_dir


def _publish(moves: list[tuple[Path, Path]], unit_dir: Path) -> list[Path]:
    """Move each finished file onto its target in ``unit_dir``, in order (report.html last).

    Every target is checked before the first move, so that a target that cannot take its
    file (a directory of that name, a file where a directory belongs) leaves the previous
    outputs as they were; Ctrl-C or SIGTERM during the moves takes effect after the last, so
    that the files are never of two runs.
    """
    for _, target in moves:
        problem = _target_problem(target, unit_dir)
        if problem is not None:
            raise InputError(str(problem[0]), problem[1])
    published: list[Path] = []
    with signals_held():  # Ctrl-C while publishing: the set is published whole, then the run stops
        for source, target in moves:
            try:
                published.append(move_atomic(source, target))
            except OSError as error:
                raise _io_error(target, "无法发布输出文件", error) from None
    return published


def run_unit(
    params: UnitParams,
    notebook: str | Path,
    output_dir: str | Path,
    timeout: float | None = DEFAULT_TIMEOUT,
    draw_ahead: bool = True,
) -> RunResult:
    """Execute ``notebook`` for one unit and publish its outputs in ``output_dir/<unit>/``.

    With ``draw_ahead`` and a notebook that declares ``chart_dir``, the charts are drawn by
    forked processes while the kernel starts (same PNGs; see :mod:`budget_audit.prerender`).
    Before the kernel starts, the output directory is checked: creatable and writable, the
    unit's directory not a file, none of :data:`PUBLISHED_NAMES` a directory. Nothing in
    ``output_dir/<unit>/`` changes unless the notebook ran to the end and the HTML export
    succeeded; then every target is checked once more and the notebook's extra files,
    report.ipynb and (last) report.html are each moved into place atomically. Files of
    earlier runs that this run did not produce are left alone. An OSError while staging
    or publishing (a full disk, a read-only directory …) is one line naming the path.
    """
    started = time.perf_counter()
    notebook = _resolve(notebook, "笔记本")
    declared = _validate(params, notebook)
    output_dir = _resolve(output_dir, "输出目录")
    if (problem := locale_problem(str(output_dir))) is not None:
        raise InputError(str(output_dir), problem)
    if not is_utf8(str(output_dir)):  # the notebook gets its staging directory in it
        raise InputError(
            str(output_dir), f"路径{NOT_UTF8}"
        )
    unit_dir = _check_output_dir(output_dir, params.unit)
    remove_abandoned(output_dir, params.unit)
    # The work directory lives in output_dir so that the final moves are plain renames.
    try:
        work = Path(tempfile.mkdtemp(prefix=work_prefix(params.unit), dir=output_dir))
    except OSError as error:
        raise _io_error(output_dir, "输出目录不可写", error) from None
    try:
        staging = work / "files"
        executed_path = work / REPORT_NOTEBOOK
        try:
            staging.mkdir()
            parameters = notebook_parameters(params, staging)
            ahead = None
            if draw_ahead and CHART_DIR_PARAMETER in declared:
                ahead = prerender.start(parameters["params_path"], work / "charts")
                parameters[CHART_DIR_PARAMETER] = str(ahead.directory) if ahead else None
            t0 = time.perf_counter()
            try:
                try:
                    nb = execute_notebook(
                        notebook, executed_path, parameters, cwd=notebook.parent, timeout=timeout
                    )
                finally:
                    if ahead is not None:
                        ahead.stop()
                t1 = time.perf_counter()
                html = export_html(nb, report_title(params), resources_path=notebook.parent)
                extra = _staged_files(staging)
            except RenderError as error:
                raise error.with_prefix(params.unit) from error
            t2 = time.perf_counter()
            html_path = work / REPORT_HTML
            html_path.write_text(html, encoding="utf-8")
        except OSError as error:  # the work directory is in output_dir: a full disk …
            raise _io_error(output_dir, "无法在输出目录中写入运行结果", error) from None
        moves = [(path, unit_dir / path.relative_to(staging)) for path in extra]
        moves += [(executed_path, unit_dir / REPORT_NOTEBOOK), (html_path, unit_dir / REPORT_HTML)]
        published = _publish(moves, unit_dir)
        notebook_path, final_html = published[-2], published[-1]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    finished = time.perf_counter()
    return RunResult(
        unit=params.unit,
        html_path=final_html,
        notebook_path=notebook_path,
        files=tuple(published),
        duration_s=finished - started,
        timings={"execute_s": t1 - t0, "export_s": t2 - t1, "publish_s": finished - t2},
    )


__all__ = [
    "CHART_DIR_PARAMETER",
    "DEFAULT_TIMEOUT",
    "NOTEBOOK_PARAMETERS",
    "PUBLISHED_NAMES",
    "RenderError",
    "RunResult",
    "add_toc",
    "declared_parameters",
    "execute_notebook",
    "export_html",
    "external_references",
    "notebook_parameters",
    "report_title",
    "run_unit",
]
