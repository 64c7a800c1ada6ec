"""prerender.py: the charts drawn ahead by forked processes while the kernel starts.

Everything that forks runs in a fresh Python subprocess: a test process may have threads
of its own (forking it would be unsafe, and ``available()`` would say no).
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from budget_audit import charts, prerender
from budget_audit import report as ba
from processes import group_running

REPO = Path(__file__).resolve().parent.parent
PARAMS = REPO / "params" / "units" / "303001.yaml"
NOTEBOOK = REPO / "notebooks" / "unit_audit.ipynb"
NAMES = list(charts.REPORT_CHARTS)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux only")


def _python(code: str, timeout: float = 120) -> Any:
    """Run ``code`` in a fresh interpreter; it prints one JSON value as its last line."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def expected_png() -> dict[str, bytes]:
    """The charts as the notebook draws them without help (in this process)."""
    report = ba.build_unit_report(PARAMS)
    return {name: charts.figure_to_png_bytes(ba.draw_chart(report, name)) for name in NAMES}


def test_draw_all_writes_the_bytes_the_kernel_would_draw(
    tmp_path: Path, expected_png: dict[str, bytes]
) -> None:
    mine = _python(f"""
        import json, matplotlib
        matplotlib.rcParams["lines.linewidth"] = 7  # the caller's settings must not leak in
        from budget_audit import prerender
        drawn = prerender.draw_all({str(PARAMS)!r}, {str(tmp_path)!r}, processes=2)
        print(json.dumps([p.stem for p in drawn]))
    """)
    assert {p.name for p in tmp_path.glob("*.png")} == {f"{n}.png" for n in NAMES}
    for name in NAMES:
        assert prerender.png_path(tmp_path, name).read_bytes() == expected_png[name], name
    # two processes shared the work: this one drew some charts, its fork the others
    assert 0 < len(mine) < len(NAMES)
    assert not list(tmp_path.glob(".*.tmp*"))  # no half-written file left


def test_draw_all_does_not_import_pandas(tmp_path: Path) -> None:
    """The drawers share the kernel's cores while it imports pandas itself: they draw from
    the assessment's plain rows instead of paying for pandas too."""
    imported = _python(f"""
        import json, sys
        from budget_audit import prerender
        prerender.draw_all({str(PARAMS)!r}, {str(tmp_path)!r}, processes=1)
        print(json.dumps(sorted(m for m in ("pandas", "openpyxl") if m in sys.modules)))
    """)
    assert len(list(tmp_path.glob("*.png"))) == len(NAMES)
    assert imported == []


def test_start_draws_into_the_directory_and_stop_reaps(tmp_path: Path) -> None:
    result = _python(f"""
        import json
        from budget_audit import prerender
        assert prerender.available()
        ahead = prerender.start({str(PARAMS)!r}, {str(tmp_path)!r})
        sizes = {{n: len(prerender.wait_png(ahead.directory, n) or b"") for n in {NAMES!r}}}
        ahead.stop()
        print(json.dumps({{"sizes": sizes, "pgid": ahead.pid}}))
    """)
    assert all(size > 10_000 for size in result["sizes"].values()), result
    assert not group_running(result["pgid"], wait=5)
    assert (tmp_path / prerender.END_MARKER).exists()


def test_a_failing_child_marks_the_directory_and_the_kernel_draws(tmp_path: Path) -> None:
    result = _python(f"""
        import json, time
        from budget_audit import prerender
        ahead = prerender.start({str(tmp_path / "missing.yaml")!r}, {str(tmp_path)!r})
        started = time.monotonic()
        png = prerender.wait_png(ahead.directory, "income")
        waited = time.monotonic() - started
        ahead.stop()
        print(json.dumps({{"png": png is not None, "waited": waited}}))
    """)
    assert result["png"] is False and result["waited"] < prerender.WAIT_TIMEOUT / 2
    assert (tmp_path / prerender.END_MARKER).exists() and not list(tmp_path.glob("*.png"))


def test_stop_kills_the_whole_group_and_nothing_is_written_after(tmp_path: Path) -> None:
    result = _python(f"""
        import json, os, time
        from budget_audit import prerender
        ahead = prerender.start({str(PARAMS)!r}, {str(tmp_path)!r})
        time.sleep(0.3)  # still importing or drawing
        ahead.stop()
        before = sorted(os.listdir({str(tmp_path)!r}))
        time.sleep(1.5)
        after = sorted(os.listdir({str(tmp_path)!r}))
        print(json.dumps({{"pgid": ahead.pid, "same": before == after, "files": after}}))
    """)
    assert not group_running(result["pgid"], wait=5) and result["same"], result
    assert prerender.END_MARKER in result["files"]
    assert len([f for f in result["files"] if f.endswith(".png")]) < len(NAMES)  # killed early


def test_wait_png_returns_the_file_or_gives_up(tmp_path: Path) -> None:
    prerender.png_path(tmp_path, "income").write_bytes(b"PNG")
    assert prerender.wait_png(tmp_path, "income") == b"PNG"
    started = time.monotonic()
    assert prerender.wait_png(tmp_path, "sangong", timeout=0.05) is None
    assert time.monotonic() - started < 5
    (tmp_path / prerender.END_MARKER).touch()
    assert prerender.wait_png(tmp_path, "income") == b"PNG"  # written before the end
    assert prerender.wait_png(tmp_path, "sangong") is None  # at once, not after the timeout
    assert prerender.wait_png(tmp_path / "gone", "income") is None

    def late() -> None:
        time.sleep(0.1)
        prerender.png_path(tmp_path, "variance").write_bytes(b"LATE")

    (tmp_path / prerender.END_MARKER).unlink()
    writer = threading.Thread(target=late)
    writer.start()
    assert prerender.wait_png(tmp_path, "variance") == b"LATE"
    writer.join()


def test_chart_shows_the_file_drawn_ahead_or_draws(tmp_path: Path) -> None:
    from budget_audit.assessment import inputs_key

    report = ba.build_unit_report(PARAMS, chart_dir=tmp_path)
    (tmp_path / prerender.INPUTS_NAME).write_text(inputs_key(report.assessment), encoding="ascii")
    prerender.alt_path(tmp_path, "income").write_text("收入来源构成", encoding="utf-8")
    prerender.png_path(tmp_path, "income").write_bytes(b"\x89PNG-ahead")
    shown = ba.chart(report, "income")
    assert isinstance(shown, ba.ChartImage) and shown._repr_png_() == (b"\x89PNG-ahead", {"alt": "收入来源构成"})
    (tmp_path / prerender.END_MARKER).touch()
    drawn = ba.chart(report, "sangong")  # not drawn ahead: the kernel draws it
    png, metadata = drawn._repr_png_()
    assert png.startswith(b"\x89PNG") and metadata == {"alt": "“三公”经费本年与上年对比"}
    assert not isinstance(drawn, ba.ChartImage)


def test_charts_drawn_from_other_inputs_are_not_shown(tmp_path: Path) -> None:
    """A reviewer saved the document anew while `run` ran: the children had drawn the old figures, the kernel read
    the new ones, and the report showed both. Charts drawn from other inputs (document bytes, parameters, review
    decisions) are drawn again by the kernel; so are those of children that wrote no digest."""
    from budget_audit.assessment import inputs_key

    report = ba.build_unit_report(PARAMS, chart_dir=tmp_path)
    prerender.png_path(tmp_path, "income").write_bytes(b"\x89PNG-ahead")
    (tmp_path / prerender.INPUTS_NAME).write_text("0" * 64, encoding="ascii")
    assert not isinstance(ba.chart(report, "income"), ba.ChartImage)
    (tmp_path / prerender.INPUTS_NAME).unlink()
    (tmp_path / prerender.END_MARKER).touch()
    assert not isinstance(ba.chart(report, "income"), ba.ChartImage)
    # the digest follows each input
    key = inputs_key(report.assessment)
    changed = replace(report.assessment.doc.source, sha256="x")
    other_doc = replace(report.assessment, doc=replace(report.assessment.doc, source=changed))
    other_params = replace(report.assessment, params=replace(report.assessment.params, name="另一单位"))
    dismissed = replace(report.assessment, decisions={report.assessment.result.findings[0].fingerprint: _dismissal()})
    assert len({key, inputs_key(other_doc), inputs_key(other_params), inputs_key(dismissed)}) == 4


def _dismissal() -> Any:
    from budget_audit.review import DISMISSED, Decision

    return Decision(1, "", "303001", "", DISMISSED, "理由", "张三", "2026-01-01T00:00:00+00:00")


def test_not_available_with_other_threads_running() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert prerender.available() is False
        assert prerender.start(PARAMS, Path("/nonexistent")) is None
    finally:
        stop.set()
        other.join()


# ------------------------------------------------------------- through run_unit (kernels)


def _run_images(output: Path, ahead: bool, break_children: bool = False) -> Any:
    """run_unit on the bundled unit in a fresh process; each chart output's repr and PNG."""
    return _python(f"""
        import json
        from pathlib import Path
        from budget_audit import prerender
        from budget_audit.config import load_unit
        from budget_audit.render import run_unit
        if {break_children!r}:
            def broken(*args, **kwargs):
                raise RuntimeError("broken")
            prerender.draw_all = broken
        result = run_unit(load_unit({str(PARAMS)!r}), Path({str(NOTEBOOK)!r}),
                          Path({str(output)!r}), draw_ahead={ahead!r})
        nb = json.loads(result.notebook_path.read_text(encoding="utf-8"))
        outputs = [o["data"] for c in nb["cells"] if c["cell_type"] == "code"
                   for o in c["outputs"] if "image/png" in o.get("data", {{}})]
        text = lambda value: "".join(value) if isinstance(value, list) else value
        print(json.dumps([[text(d["text/plain"]), text(d["image/png"])] for d in outputs]))
    """, timeout=300)


def test_run_unit_shows_the_charts_drawn_ahead_with_the_same_pixels(tmp_path: Path) -> None:
    ahead = _run_images(tmp_path / "ahead", ahead=True)
    own = _run_images(tmp_path / "own", ahead=False)
    fallback = _run_images(tmp_path / "fallback", ahead=True, break_children=True)
    assert [text for text, _ in ahead] == [f"<图 {name}>" for name in NAMES]  # drawn ahead
    assert all(text.startswith("<ChartFigure") for text, _ in own + fallback)  # drawn in the kernel
    pngs = [base64.b64decode(png) for _, png in ahead]
    assert pngs == [base64.b64decode(png) for _, png in own]
    assert pngs == [base64.b64decode(png) for _, png in fallback]
    for run in ("ahead", "own", "fallback"):  # no work directory left behind
        assert [p.name for p in (tmp_path / run).iterdir()] == ["303001"]
