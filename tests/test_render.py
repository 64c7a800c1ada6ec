"""render.py (papermill run + offline HTML) and atomic.py (atomic writes).

Only three tests start a Jupyter kernel (one good run shared by a module fixture, one
failing run, and the browser test reuses the good run); everything else is plain Python.
"""

from __future__ import annotations

import base64
import errno
import io
import json
import os
import re
import struct
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from browser import requires_chromium, screenshot
from budget_audit import atomic, render
from budget_audit.atomic import atomic_path, move_atomic, write_bytes_atomic, write_text_atomic
from budget_audit.config import UnitParams, load_unit
from budget_audit.errors import InputError
from budget_audit.render import (
    NOTEBOOK_PARAMETERS,
    RenderError,
    add_toc,
    export_html,
    external_references,
    run_unit,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO_ROOT / "test-artifacts"
CODE_MARKER = "QX-CODE-MARKER-5d1e"  # appears only in a code cell's source

PARAMETERS_SOURCE = 'unit = "X"\nsources = []\nyear = None\nparams_path = ""\noutput_dir = "."\n'


def _notebook(path: Path, cells: list[Any]) -> Path:
    parameters = new_code_cell(PARAMETERS_SOURCE)
    parameters.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[parameters, *cells])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def _params(tmp: Path, unit: str = "T001") -> UnitParams:
    (tmp / "doc.txt").write_text("某单位2023年部门预算\n", encoding="utf-8")
    params_file = tmp / f"{unit}.yaml"
    params_file.write_text(
        f'unit: "{unit}"\nname: 测试单位\nyear: 2023\nsource: doc.txt\n', encoding="utf-8"
    )
    return load_unit(params_file)


GOOD_CELLS = [
    new_code_cell(f'_marker = "{CODE_MARKER}"\nprint(f"RUN-UNIT={{unit}} YEAR={{year}}")'),
    new_markdown_cell("# 测试报告\n\n正文段落。\n\n## 第一节 收支"),
    new_code_cell(
        "import html\nfrom IPython.display import HTML, Markdown, display\n"
        'display(HTML("<p>" + html.escape("<script>alert(1)</script>") + "</p>"))\n'
        'display(Markdown("## 输出中的标题"))'
    ),
    new_code_cell(
        "import matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots(figsize=(3, 2))\nax.plot([1, 3, 2])\ndisplay(fig)\nplt.close(fig)"
    ),
    new_code_cell(
        "import json, pathlib, sys\nout = pathlib.Path(output_dir)\n"
        '(out / "findings.json").write_text(json.dumps({"unit": unit, "sources": sources}))\n'
        '(out / "tables").mkdir()\n(out / "tables" / "a.csv").write_text("a,b\\n1,2\\n")\n'
        'print("KERNEL-PREFIX=" + sys.prefix)'
    ),
    new_code_cell(
        "from ipykernel import get_connection_info\n"
        "info = get_connection_info(unpack=True)\n"
        'print(f"KERNEL-SOCKETS={info[\'transport\']} {info[\'ip\']}")'
    ),
    new_markdown_cell("### 小节"),
]


@pytest.fixture(scope="module")
def good_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[render.RunResult, UnitParams, Path]:
    tmp = tmp_path_factory.mktemp("render")
    notebook = _notebook(tmp / "good.ipynb", GOOD_CELLS)
    params = _params(tmp)
    out = tmp / "outputs"
    (out / params.unit).mkdir(parents=True)
    (out / params.unit / "old-only.txt").write_text("from an earlier run", encoding="utf-8")
    return run_unit(params, notebook, out, timeout=120), params, out


def test_run_unit_publishes_an_offline_report_without_code(
    good_run: tuple[render.RunResult, UnitParams, Path],
) -> None:
    result, params, out = good_run
    unit_dir = out / params.unit
    assert result.html_path == unit_dir / "report.html" and result.html_path.is_file()
    assert result.notebook_path == unit_dir / "report.ipynb"
    names = sorted(p.relative_to(unit_dir).as_posix() for p in result.files)
    assert names == ["findings.json", "report.html", "report.ipynb", "tables/a.csv"]
    assert json.loads((unit_dir / "findings.json").read_text())["sources"] == list(params.sources)
    assert (unit_dir / "old-only.txt").read_text() == "from an earlier run"  # left alone
    assert [p.name for p in out.iterdir()] == [params.unit]  # no work directory left behind
    assert result.duration_s > 0 and set(result.timings) == {"execute_s", "export_s", "publish_s"}

    html = result.html_path.read_text(encoding="utf-8")
    assert "<title>测试单位 2023 年预算公开审计报告</title>" in html
    assert "RUN-UNIT=T001 YEAR=2023" in html
    assert CODE_MARKER not in html  # inputs are hidden
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Offline: nothing loaded from anywhere, no script at all.
    for needle in (
        'src="http',
        "src='http",
        'href="http',
        "href='http",
        "require.js",
        "mathjax",
        "cdnjs",
        "unpkg",
        "<script",
    ):
        assert needle not in html.lower(), needle
    assert external_references(html) == []
    # The figure is embedded.
    images = re.findall(r'<img[^>]*src="([^"]*)"', html)
    assert images and all(src.startswith("data:image/png;base64,") for src in images)
    # Table of contents: a nav with in-page links to h1-h3 from Markdown cells and outputs.
    nav = re.search(r'<nav [^>]*class="ba-toc".*?</nav>', html, re.S)
    assert nav is not None and html.index("<nav") < html.index("正文段落")
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav.group(0))
    assert [text for _, text in links] == ["测试报告", "第一节 收支", "输出中的标题", "小节"]
    for anchor, _ in links:
        assert f'id="{anchor}"' in html
    # CSS: Chinese system font stack and print rules, inline.
    assert (
        "'Noto Sans SC'" in html.replace('"', "'")
        and "Microsoft YaHei" in html
        and "@media print" in html
    )


def test_run_unit_notebook_metadata_and_kernel(
    good_run: tuple[render.RunResult, UnitParams, Path],
) -> None:
    result, params, _ = good_run
    nb = nbformat.read(result.notebook_path, as_version=4)
    meta = nb.metadata["budget_audit"]
    assert meta["status"] == "completed" and meta["error"] is None and meta["duration_s"] > 0
    assert nb.metadata["papermill"]["parameters"]["unit"] == params.unit
    assert set(nb.metadata["papermill"]["parameters"]) == set(NOTEBOOK_PARAMETERS)
    printed = "".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )
    # The python3 kernelspec resolves to this environment's interpreter.
    assert f"KERNEL-PREFIX={sys.prefix}\n" in printed
    # The kernel listened on Unix sockets in a private directory, removed after the run.
    sockets = re.search(r"KERNEL-SOCKETS=(\S+) (\S+)\n", printed)
    assert sockets is not None and sockets.group(1) == "ipc"
    directory = Path(sockets.group(2)).parent
    assert directory.name.startswith("ba-kernel-") and not directory.exists()


def test_kernel_sockets_private_directory_or_tcp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with render.kernel_sockets() as config:
        settings = config["KernelManager"]
        directory = Path(settings["ip"]).parent
        assert settings["transport"] == "ipc" and directory.is_dir()
        assert directory.stat().st_mode & 0o777 == 0o700
    assert not directory.exists()
    # A temporary directory whose socket paths would not fit in sun_path: TCP.
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    monkeypatch.setattr(render.tempfile, "tempdir", str(deep))
    with render.kernel_sockets() as config:
        assert config["KernelManager"]["transport"] == "tcp" and "ip" not in config["KernelManager"]
    assert list(deep.iterdir()) == []


def test_failing_cell_raises_and_keeps_previous_outputs(tmp_path: Path) -> None:
    notebook = _notebook(
        tmp_path / "bad.ipynb",
        [
            new_code_cell(
                'import pathlib\n(pathlib.Path(output_dir) / "findings.json").write_text("new")'
            ),
            new_markdown_cell("# 标题"),
            new_code_cell('\nvalue = 1\nraise ValueError("故意失败\\n第二行")'),
            new_code_cell('print("never")'),
        ],
    )
    params = _params(tmp_path, unit="T002")
    out = tmp_path / "outputs"
    unit_dir = out / params.unit
    unit_dir.mkdir(parents=True)
    (unit_dir / "report.html").write_text("OLD HTML", encoding="utf-8")
    (unit_dir / "findings.json").write_text("OLD", encoding="utf-8")

    with pytest.raises(RenderError) as caught:
        run_unit(params, notebook, out, timeout=120)
    error = caught.value
    message = str(error)
    assert "\n" not in message
    assert message.startswith("T002：第 4 个单元格（序号 3）执行失败")
    assert "`value = 1`" in message and "ValueError: 故意失败 第二行" in message
    assert (error.cell_index, error.source_line, error.ename) == (3, "value = 1", "ValueError")
    assert (
        error.notebook is not None and error.notebook.metadata["budget_audit"]["status"] == "failed"
    )
    assert error.notebook.metadata["budget_audit"]["error"]["cell_index"] == 3
    assert (unit_dir / "report.html").read_text() == "OLD HTML"
    assert (unit_dir / "findings.json").read_text() == "OLD"
    assert sorted(p.name for p in unit_dir.iterdir()) == ["findings.json", "report.html"]
    assert [p.name for p in out.iterdir()] == [params.unit]


@requires_chromium
def test_report_renders_in_chromium_without_errors(
    good_run: tuple[render.RunResult, UnitParams, Path],
) -> None:
    result, _, _ = good_run
    png = ARTIFACTS / "render" / "report.png"
    problems = screenshot(result.html_path, png)
    assert problems == []
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1200 and height > 600
    import matplotlib.image

    pixels = matplotlib.image.imread(png)
    assert pixels.std() > 0.05  # text, table of contents and the figure, not a blank page


# ------------------------------------------------------------------ no kernel below


def test_notebook_parameters_contract() -> None:
    """The committed notebook declares what run_unit passes, and carries no outputs."""
    import papermill

    notebook = REPO_ROOT / "notebooks" / "unit_audit.ipynb"
    assert set(NOTEBOOK_PARAMETERS) <= set(papermill.inspect_notebook(str(notebook)))
    assert set(NOTEBOOK_PARAMETERS) <= set(render.declared_parameters(notebook))
    assert render.CHART_DIR_PARAMETER in render.declared_parameters(notebook)  # charts drawn ahead
    nb = nbformat.read(notebook, as_version=4)
    assert all(
        not c.get("outputs") and c.get("execution_count") is None
        for c in nb.cells
        if c.cell_type == "code"
    )


def test_run_unit_validates_before_starting_a_kernel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_kernel(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a kernel must not start")

    monkeypatch.setattr(render, "execute_notebook", no_kernel)
    params = _params(tmp_path)
    with pytest.raises(InputError, match="笔记本不存在"):
        run_unit(params, tmp_path / "missing.ipynb", tmp_path / "out")
    partial = tmp_path / "partial.ipynb"
    nb = new_notebook(cells=[new_code_cell('unit = "X"')])
    nb.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(nb, partial)
    with pytest.raises(InputError, match="缺少参数：sources, year, params_path, output_dir"):
        run_unit(params, partial, tmp_path / "out")
    notebook = _notebook(tmp_path / "ok.ipynb", [])
    # An output directory that is a file, or lies under one.
    (tmp_path / "taken").write_text("", encoding="utf-8")
    for output, problem in ((tmp_path / "taken", "输出目录是一个已有的文件"),
                            (tmp_path / "taken" / "out", "无法创建输出目录")):
        with pytest.raises(InputError, match=problem) as caught:
            run_unit(params, notebook, output)
        assert caught.value.path == str(output)
    # An unusable document: one line naming the document, before any kernel starts.
    for content, problem in ((b"", "文件为空"), (b"\x00\x01\x02PK\x03\x04" * 40, "不是文本文件")):
        (tmp_path / "doc.txt").write_bytes(content)
        with pytest.raises(InputError, match=problem) as caught:
            run_unit(params, notebook, tmp_path / "out")
        assert caught.value.path == str(tmp_path / "doc.txt")
    # A review ledger the report could not read: named before the kernel, left as it was.
    (tmp_path / "doc.txt").write_text("某单位2023年部门预算\n", encoding="utf-8")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"")
    with pytest.raises(InputError, match="复核记录库") as caught:
        run_unit(UnitParams(**{**params.__dict__, "review_db": str(junk)}), notebook, tmp_path / "out")
    assert caught.value.path == str(junk) and junk.read_bytes() == b""
    # A document of another year than the unit file says.
    (tmp_path / "doc.txt").write_text("某单位2019年部门预算\n", encoding="utf-8")
    with pytest.raises(InputError, match="year 为 2023，但公开文件 .* 是 2019 年的"):
        run_unit(params, notebook, tmp_path / "out")
    (tmp_path / "doc.txt").unlink()
    with pytest.raises(InputError, match="公开文件不存在"):
        run_unit(params, notebook, tmp_path / "out")
    bad_unit = UnitParams(**{**params.__dict__, "unit": "../x"})
    with pytest.raises(InputError, match="unit 只能由字母、数字、汉字"):
        run_unit(bad_unit, notebook, tmp_path / "out")


def test_kernel_that_dies_at_start_is_retried_once_over_tcp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A port race (TCP) or a file system without sockets (ipc): one more try, over TCP."""
    import papermill
    import zmq

    calls: list[int] = []
    transports: list[str] = []

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        transports.append(kwargs["config"]["KernelManager"]["transport"])
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return new_notebook()

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    out = tmp_path / "out.ipynb"
    nb = render.execute_notebook(tmp_path / "in.ipynb", out, {}, cwd=tmp_path)
    assert len(calls) == 2 and nb.metadata["budget_audit"]["attempts"] == 2 and out.is_file()
    assert transports == ["ipc", "tcp"]

    def always(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        raise zmq.ZMQError(errno.EADDRINUSE)

    calls.clear()
    monkeypatch.setattr(papermill, "execute_notebook", always)
    with pytest.raises(RenderError, match="笔记本执行失败：ZMQError"):
        render.execute_notebook(tmp_path / "in.ipynb", out, {}, cwd=tmp_path)
    assert len(calls) == 2

    def other(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        raise OSError("disk full")

    calls.clear()
    monkeypatch.setattr(papermill, "execute_notebook", other)
    with pytest.raises(RenderError, match="disk full"):
        render.execute_notebook(tmp_path / "in.ipynb", out, {}, cwd=tmp_path)
    assert len(calls) == 1



def test_the_kernels_own_output_goes_to_its_log_not_the_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """What the kernel process writes to its own stdout or stderr (a traceback when Ctrl-C catches it starting, a
    warning when it outlives an interrupted run, a C library's message) does not reach the auditor's terminal —
    before, a Ctrl-C 0.7 s into ``budget-audit run`` printed the kernel's 24-line ZMQError traceback there."""
    notebook = _notebook(tmp_path / "fd.ipynb", [new_code_cell(
        "import os\nos.write(1, b'KERNEL-FD1\\n')\nos.write(2, b'KERNEL-FD2\\n')\nprint('CELL-OUTPUT')")])
    nb = render.execute_notebook(notebook, tmp_path / "out.ipynb", {}, cwd=tmp_path)
    captured = capfd.readouterr()
    assert "KERNEL-FD" not in captured.out + captured.err
    assert "CELL-OUTPUT" in nb.cells[-1].outputs[0]["text"]  # what a cell prints stays in the report


def test_a_kernel_that_dies_at_start_is_quoted_in_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """Its last words, which went to the terminal before, are in the one-line error (nothing is lost)."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    dying = "import sys; sys.stderr.write('Traceback...\\nImportError: 内核无法导入 ipykernel\\n'); sys.exit(1)"
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", dying, "-f", "{connection_file}"],
        "display_name": "Python 3", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    notebook = _notebook(tmp_path / "nb.ipynb", [new_code_cell("1")])
    with pytest.raises(RenderError) as raised:
        render.execute_notebook(notebook, tmp_path / "out.ipynb", {}, cwd=tmp_path, timeout=60)
    assert str(raised.value).endswith("（内核输出：ImportError: 内核无法导入 ipykernel）")
    assert "内核无法导入" not in capfd.readouterr().err


def test_a_logged_kernel_can_be_restarted_and_its_log_is_closed_after(tmp_path: Path) -> None:
    """jupyter_client starts a restarted kernel with the arguments of the first start, the log among them (a
    reviewer's find: a first version closed it once the kernel had started, and a restart failed on it)."""
    import asyncio

    manager_class = render._logged_kernel_manager()
    log_path = tmp_path / render.KERNEL_LOG

    async def run() -> None:
        km = manager_class(kernel_name="python3", log_path=str(log_path))
        await km.start_kernel()
        await km.restart_kernel(now=True)
        assert await km.is_alive() and not km._log.closed
        await km.shutdown_kernel(now=True)
        await km.cleanup_resources()
        assert km._log.closed

    asyncio.run(run())
    assert log_path.is_file()

def test_toc_and_external_reference_scan() -> None:
    page = (
        "<html><body><main><!-- budget-audit:toc --><h1>甲 <b>乙</b></h1><h2 id='keep'>二</h2>"
        "<h3></h3><h4>四</h4><style>.a{background:url(data:image/png;base64,AA)}</style></main></body></html>"
    )
    html = add_toc(page)
    assert '<a href="#sec-1">甲 乙</a>' in html and '<a href="#keep">二</a>' in html
    assert '<h1 id="sec-1">' in html and "四</a>" not in html and "budget-audit:toc" not in html
    assert external_references(html) == []
    assert "budget-audit:toc" not in add_toc("<body><!-- budget-audit:toc --><p>x</p></body>")
    bad = (
        '<script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//cdn/x.css">'
        '<img src="figure.png"><a href="https://example.org">link is fine</a>'
        '<div style="background: url(http://x/y.png)"></div><style>@import "https://f/x.css";</style>'
    )
    found = external_references(bad)
    assert len(found) == 5 and not any("example.org" in item for item in found)


def test_export_gives_images_an_alt_text_in_its_one_pass() -> None:
    """nbconvert's own pass over the page (alt text, tabindex) is left out; export_html
    gives the alt text itself and keeps one an output already has."""
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()
    cell = new_code_cell("display(x)", outputs=[
        new_output("display_data", data={"image/png": png}),
        new_output("display_data", data={"text/html": '<img src="data:image/png;base64,AA" alt="收入结构">'}),
    ])  # fmt: skip
    page = export_html(new_notebook(cells=[cell]), "题")
    assert page.count("<img") == 2
    assert 'alt="图"' in page and 'alt="收入结构"' in page
    assert "No description has been provided" not in page and "tabindex" not in page
    assert "display(x)" not in page


# ------------------------------------------------------------------ atomic writes


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "report.html"
    write_text_atomic(target, "第一版")
    write_bytes_atomic(target, "第二版".encode())
    assert target.read_text(encoding="utf-8") == "第二版"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]


def test_write_atomic_failure_keeps_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "findings.json"
    target.write_text("old", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="I/O error"):
        write_text_atomic(target, "new" * 1000)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["findings.json"]


def test_atomic_path_for_writers_that_need_a_file_name(tmp_path: Path) -> None:
    import pandas as pd

    target = tmp_path / "findings.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="half-way"), atomic_path(target) as temp:
        temp.write_bytes(b"partial")
        raise RuntimeError("writer failed half-way")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == [
        "findings.xlsx"
    ]

    with atomic_path(target) as temp:
        assert temp.parent == tmp_path and temp.suffix == ".xlsx"
        pd.DataFrame({"规则": ["RC001"], "金额": [1]}).to_excel(temp, index=False)
    assert pd.read_excel(target)["规则"].tolist() == ["RC001"]
    assert [p.name for p in tmp_path.iterdir()] == ["findings.xlsx"]


def test_move_atomic_across_devices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, target = tmp_path / "a" / "x.json", tmp_path / "b" / "x.json"
    source.parent.mkdir()
    source.write_text("data", encoding="utf-8")
    real_replace = os.replace
    calls: list[str] = []

    def cross_device(src: Any, dst: Any) -> None:
        calls.append(str(src))
        if len(calls) == 1:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", cross_device)
    move_atomic(source, target)
    assert target.read_text(encoding="utf-8") == "data" and not source.exists()
    assert [p.name for p in target.parent.iterdir()] == ["x.json"]


def test_work_directories_of_dead_runs_are_removed_others_kept(tmp_path: Path) -> None:
    """A run killed with SIGKILL cannot remove its work directory; the next run of the
    unit does, but never one of a run still going (or of another unit)."""
    import subprocess

    from budget_audit.workdirs import remove_abandoned, work_prefix

    dead = subprocess.Popen(["true"])
    dead.wait()
    abandoned = tmp_path / f"{work_prefix('303001', dead.pid)}abc"
    live = tmp_path / f"{work_prefix('303001')}def"  # this process
    other = tmp_path / f"{work_prefix('303004', dead.pid)}ghi"
    for path in (abandoned, live, other):
        (path / "files").mkdir(parents=True)
    assert remove_abandoned(tmp_path, "303001") == [abandoned]
    assert not abandoned.exists() and live.is_dir() and other.is_dir()


def test_private_temp_directories_of_dead_runs_are_removed_others_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kernel's socket directory left by a run killed with SIGKILL is removed when the
    next one is made; those of live processes, of another kind and other names stay."""
    import subprocess
    import tempfile

    from budget_audit.workdirs import private_tempdir

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen(["true"])
    dead.wait()
    abandoned = tmp_path / f"ba-kernel-{dead.pid}-abc"
    live = tmp_path / f"ba-kernel-{os.getpid()}-def"
    other_kind = tmp_path / f"ba-kernels-{dead.pid}-ghi"
    unnamed = tmp_path / "ba-kernel-xyz"
    for path in (abandoned, live, other_kind, unnamed):
        (path / "kernel-1").mkdir(parents=True)
    (tmp_path / "target").mkdir()
    (tmp_path / f"ba-kernel-{dead.pid}-link").symlink_to(tmp_path / "target")
    made = Path(private_tempdir("kernel"))
    assert made.parent == tmp_path and made.name.startswith(f"ba-kernel-{os.getpid()}-")
    assert oct(made.stat().st_mode & 0o777) == "0o700"
    assert not abandoned.exists()
    assert live.is_dir() and other_kind.is_dir() and unnamed.is_dir() and (tmp_path / "target").is_dir()


# ------------------------------------------------------------------ publishing errors


def _fake_kernel(extra: dict[str, str] | None = None) -> Any:
    """A stand-in for execute_notebook: writes ``extra`` into the staging directory and a
    small executed notebook, as a successful run does."""

    def run(notebook: Path, out_nb: Path, parameters: dict[str, Any], **kwargs: Any) -> Any:
        for name, text in (extra or {"findings.json": "NEW"}).items():
            path = Path(parameters["output_dir"]) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        nb = new_notebook(cells=[new_markdown_cell("# 报告")])
        nbformat.write(nb, out_nb)
        return nb

    return run


def _no_kernel(*args: Any, **kwargs: Any) -> None:
    raise AssertionError("a kernel must not start")


def _old_outputs(out: Path, unit: str) -> Path:
    unit_dir = out / unit
    unit_dir.mkdir(parents=True)
    (unit_dir / "findings.json").write_text("OLD", encoding="utf-8")
    (unit_dir / "report.html").write_text("OLD HTML", encoding="utf-8")
    return unit_dir


def _left_as_it_was(out: Path, unit_dir: Path) -> bool:
    """The old outputs unchanged and no work directory left behind."""
    return (
        (unit_dir / "findings.json").read_text(encoding="utf-8") == "OLD"
        and (unit_dir / "report.html").read_text(encoding="utf-8") == "OLD HTML"
        and not (unit_dir / "report.ipynb").exists()
        and [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    )


def test_params_file_name_that_is_not_utf8_is_refused_before_the_kernel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "execute_notebook", _no_kernel)
    params = _params(tmp_path)
    notebook = _notebook(tmp_path / "ok.ipynb", [])
    bad = tmp_path / os.fsdecode(b"x\xff.yaml")
    bad.write_bytes(Path(params.path).read_bytes())
    with pytest.raises(InputError, match="文件名不是有效的 UTF-8 编码.*请改名后再运行") as caught:
        run_unit(load_unit(bad), notebook, tmp_path / "out")
    assert caught.value.path == str(bad) and "x\\xff.yaml" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_publish_targets_are_checked_before_the_kernel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "execute_notebook", _no_kernel)
    params = _params(tmp_path)
    notebook = _notebook(tmp_path / "ok.ipynb", [])
    # A directory where report.html or findings.xlsx is to be published.
    for name in ("report.html", "findings.xlsx"):
        out = tmp_path / f"out-{name}"
        unit_dir = _old_outputs(out, params.unit)
        (unit_dir / "report.html").unlink()
        (unit_dir / name).mkdir()
        with pytest.raises(InputError, match="是一个目录") as caught:
            run_unit(params, notebook, out)
        assert caught.value.path == str(unit_dir / name)
        assert (unit_dir / "findings.json").read_text(encoding="utf-8") == "OLD"
    # The unit's directory is a file, or a dangling symlink.
    out = tmp_path / "out-file"
    out.mkdir()
    (out / params.unit).write_text("x", encoding="utf-8")
    (tmp_path / "out-link").mkdir()
    (tmp_path / "out-link" / params.unit).symlink_to(tmp_path / "nowhere")
    for out in (tmp_path / "out-file", tmp_path / "out-link"):
        with pytest.raises(InputError, match="单位输出目录已存在但不是目录") as caught:
            run_unit(params, notebook, out)
        assert caught.value.path == str(out / params.unit)
    # A symlink loop as the output directory.
    (tmp_path / "l1").symlink_to(tmp_path / "l2")
    (tmp_path / "l2").symlink_to(tmp_path / "l1")
    with pytest.raises(InputError, match="符号链接循环") as caught:
        run_unit(params, notebook, tmp_path / "l1")
    assert caught.value.path == str(tmp_path / "l1")


def test_unwritable_output_directory_is_refused_before_the_kernel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only output directory (or unit directory): one line, before the kernel.
    Simulated, since root may write anywhere."""
    monkeypatch.setattr(render, "execute_notebook", _no_kernel)
    params = _params(tmp_path)
    notebook = _notebook(tmp_path / "ok.ipynb", [])
    out = tmp_path / "out"
    unit_dir = _old_outputs(out, params.unit)

    def read_only(*args: Any, dir: str | Path = "", **kwargs: Any) -> Any:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dir))

    monkeypatch.setattr(render.tempfile, "mkstemp", read_only)
    with pytest.raises(InputError, match="单位输出目录不可写（只读文件系统）") as caught:
        run_unit(params, notebook, out)
    assert caught.value.path == str(unit_dir)
    monkeypatch.undo()
    monkeypatch.setattr(render, "execute_notebook", _no_kernel)
    monkeypatch.setattr(render.tempfile, "mkdtemp", read_only)
    with pytest.raises(InputError, match="输出目录不可写（只读文件系统）") as caught:
        run_unit(params, notebook, out)
    assert caught.value.path == str(out)
    assert _left_as_it_was(out, unit_dir)


def test_publishing_checks_every_target_before_the_first_move(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Targets known only once the notebook has run: all checked before anything moves."""
    params = _params(tmp_path)
    notebook = _notebook(tmp_path / "ok.ipynb", [])
    out = tmp_path / "out"
    unit_dir = _old_outputs(out, params.unit)
    (unit_dir / "tables").write_text("a file", encoding="utf-8")
    (unit_dir / "extra.txt").mkdir()
    cases = (
        ({"findings.json": "NEW", "tables/a.csv": "a"}, unit_dir / "tables", "不是目录"),
        ({"findings.json": "NEW", "extra.txt": "x"}, unit_dir / "extra.txt", "是一个目录"),
    )
    for extra, path, problem in cases:
        monkeypatch.setattr(render, "execute_notebook", _fake_kernel(extra))
        with pytest.raises(InputError, match=problem) as caught:
            run_unit(params, notebook, out, draw_ahead=False)
        assert caught.value.path == str(path)
        assert _left_as_it_was(out, unit_dir)


def test_os_errors_while_staging_or_publishing_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    params = _params(tmp_path)
    notebook = _notebook(tmp_path / "ok.ipynb", [])
    out = tmp_path / "out"
    unit_dir = _old_outputs(out, params.unit)
    monkeypatch.setattr(render, "execute_notebook", _fake_kernel())
    # The disk fills up while the HTML is written into the work directory.
    real_write_text = Path.write_text

    def full(self: Path, *args: Any, **kwargs: Any) -> int:
        if self.name == "report.html":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write_text(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "write_text", full)
        with pytest.raises(InputError, match="磁盘空间已满") as caught:
            run_unit(params, notebook, out, draw_ahead=False)
    assert caught.value.path == str(out) and "\n" not in str(caught.value)
    assert _left_as_it_was(out, unit_dir)

    # The disk fills up while papermill saves the executed notebook.
    def notebook_full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(render, "execute_notebook", notebook_full)
        with pytest.raises(InputError, match="磁盘空间已满"):
            run_unit(params, notebook, out, draw_ahead=False)
    assert _left_as_it_was(out, unit_dir)

    # A move fails: the user's file system (exit 2) or something else (a failed run).
    for code, kind in ((errno.EROFS, InputError), (errno.EIO, RenderError)):

        def failing_move(source: Path, target: Path, code: int = code) -> Path:
            raise OSError(code, os.strerror(code), str(target))

        with monkeypatch.context() as patch:
            patch.setattr(render, "move_atomic", failing_move)
            with pytest.raises(kind, match="无法发布输出文件") as caught:
                run_unit(params, notebook, out, draw_ahead=False)
        assert str(unit_dir / "findings.json") in str(caught.value)
        assert _left_as_it_was(out, unit_dir)


def test_execute_notebook_lets_a_full_disk_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving the executed notebook on a full disk is not a failed run but the user's disk:
    run_unit names the output directory."""
    import papermill

    def full(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(papermill, "execute_notebook", full)
    with pytest.raises(OSError) as caught:
        render.execute_notebook(tmp_path / "in.ipynb", tmp_path / "out.ipynb", {}, cwd=tmp_path)
    assert caught.value.errno == errno.ENOSPC and not isinstance(caught.value, RenderError)


def test_prerender_start_without_standard_streams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``>&-`` leaves sys.stdout None; a closed or full stream must not stop the fork."""
    import io

    from budget_audit import prerender

    drawn: list[Any] = []
    monkeypatch.setattr(prerender, "available", lambda: True)
    monkeypatch.setattr(prerender, "draw_all", lambda *args, **kwargs: drawn)
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", closed)
    ahead = prerender.start(tmp_path / "unit.yaml", tmp_path / "charts")
    assert ahead is not None
    ahead.stop()
    assert (tmp_path / "charts" / prerender.END_MARKER).is_file()


class _FullStdout(io.TextIOWrapper):
    """A stdout on a full disk: writing nothing works, writing something fails."""

    def __init__(self) -> None:
        class Full(io.RawIOBase):
            def writable(self) -> bool:
                return True

            def write(self, data: Any) -> int:
                if len(data):
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                return 0

        super().__init__(io.BufferedWriter(Full()), encoding="utf-8")


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``budget-audit run`` in this process (SIGTERM handler restored), stdout/stderr as
    given; returns (exit code, stderr text)."""
    import signal

    from budget_audit import cli

    saved = signal.getsignal(signal.SIGTERM)

    def run(argv: list[str], stdout: Any) -> tuple[int, str]:
        err = io.StringIO()
        with monkeypatch.context() as patch:
            patch.setattr(sys, "stdout", stdout)
            patch.setattr(sys, "stderr", err)
            try:
                code = cli.main(["run", *argv])
            finally:
                signal.signal(signal.SIGTERM, saved)
        return code, err.getvalue()

    return run


def test_cli_run_unwritable_stdout_and_one_line_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Any
) -> None:
    params = _params(tmp_path)
    notebook = _notebook(tmp_path / "ok.ipynb", [])
    out = tmp_path / "out"
    argv = [params.path, "--notebook", str(notebook), "--output", str(out)]
    # A closed stdout: refused before the kernel starts.
    monkeypatch.setattr(render, "execute_notebook", _no_kernel)
    code, err = run_cli(argv, None)
    assert code == 2 and err == "budget-audit: 标准输出: 已关闭，无法写出结果\n"
    assert not out.exists()
    # A full stdout: the outputs are published, the listing fails in one line.
    monkeypatch.setattr(render, "execute_notebook", _fake_kernel())
    code, err = run_cli(argv, _FullStdout())
    assert code == 2 and err.count("\n") == 1 and "无法写出结果（磁盘空间已满）" in err
    assert (out / params.unit / "report.html").is_file()
    # A failing cell, with a newline in the params file name: still one line.
    odd = tmp_path / "a\nb.yaml"
    odd.write_bytes(Path(params.path).read_bytes())

    def failing(*args: Any, **kwargs: Any) -> None:
        raise RenderError("第 2 个单元格（序号 1）执行失败：`x` → ValueError: boom")

    monkeypatch.setattr(render, "execute_notebook", failing)
    code, err = run_cli([str(odd), *argv[1:]], io.StringIO())
    assert code == 1 and err.count("\n") == 1, err
    assert "a\\nb.yaml: T001：第 2 个单元格" in err
