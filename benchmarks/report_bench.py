"""Wall time of one unit report next to the papermill floor, measured in the same run.

The floor is what any notebook report costs here: papermill executing a trivial
notebook that only imports pandas and matplotlib, plus the HTML export. The unit run is
`render.run_unit` on params/units/303001.yaml with the real notebook. Goal: unit ≤ 1.5×
the floor; HTML ≤ 3 MB. Nothing here is asserted in tests.

Both are timed in one worker process that has imported what ``budget-audit run`` has
imported when it calls run_unit — papermill and this library's render module, but not
pandas or matplotlib: the processes that draw the charts ahead are forked from it, and a
parent that had already imported (and warmed) matplotlib would hand them that for free.
Each kind of run is warmed up once; then the runs are interleaved, so all see the same
machine load.

More rows show where the time goes: the unit run with the charts drawn in the kernel
(``draw_ahead=False``, as before charts were drawn ahead), the same run with every
chart line removed from the notebook (what the report costs if the seven charts were
free), the seven charts alone, drawn to PNG in a warm process (no imports counted), and
the whole ``budget-audit run`` command started cold (imports and exit included). One more
row answers whether starting kernels faster would reach the goal: the unit run with its
kernel forked from a server that has already imported the libraries (the batch's
:mod:`budget_audit.kernelfork`; the server's own start is not counted).

    .venv/bin/python benchmarks/report_bench.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ROOT / "params" / "units" / "303001.yaml"
NOTEBOOK = ROOT / "notebooks" / "unit_audit.ipynb"
GOAL_RATIO = 1.5


def floor_once(work: Path) -> float:
    """papermill on a notebook that only imports pandas and matplotlib, plus the export."""
    from budget_audit.render import execute_notebook, export_html

    nb = new_notebook(
        cells=[
            new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
            new_code_cell("import pandas\nimport matplotlib"),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    template = work / "floor.ipynb"
    nbformat.write(nb, template)
    start = time.perf_counter()
    executed = execute_notebook(template, work / "floor.out.ipynb", {"x": 2}, cwd=work, timeout=120)
    export_html(executed, "floor")
    return time.perf_counter() - start


def unit_once(work: Path, notebook: Path = NOTEBOOK, draw_ahead: bool = True) -> tuple[float, int]:
    from budget_audit.config import load_unit
    from budget_audit.render import run_unit

    start = time.perf_counter()
    result = run_unit(load_unit(PARAMS), notebook, work / "outputs", draw_ahead=draw_ahead)
    return time.perf_counter() - start, result.html_path.stat().st_size


def chartless_notebook(work: Path) -> Path:
    """A copy of the unit notebook without its ``display(ba.chart(…))`` lines."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = re.sub(r"(?m)^display\(ba\.chart\(.*\n?", "", cell.source)
    path = work / "unit_audit_chartless.ipynb"
    nbformat.write(nb, path)
    return path


def forked_once(work: Path, jupyter_path: str) -> float:
    """The unit run with its kernel forked from a warm server (its start not counted)."""
    from budget_audit import kernelfork

    with kernelfork.use(jupyter_path):
        return unit_once(work)[0]


def worker(repeat: int) -> dict[str, object]:
    """The notebook runs, timed in this process (started fresh by :func:`main`)."""
    import budget_audit.render  # noqa: F401 - what the CLI has imported before run_unit
    from budget_audit import kernelfork

    server = kernelfork.KernelForkServer.start()
    try:
        return _timed_runs(repeat, server.jupyter_path if server else None)
    finally:
        if server is not None:
            server.close()


def _timed_runs(repeat: int, jupyter_path: str | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        chartless = chartless_notebook(work)
        sizes: list[int] = []

        def unit() -> float:
            seconds, size = unit_once(work)
            sizes.append(size)
            return seconds

        runs = {
            "floor": lambda: floor_once(work),
            "unit": unit,
            "in_kernel": lambda: unit_once(work, draw_ahead=False)[0],
            "chartless": lambda: unit_once(work, chartless, draw_ahead=False)[0],
        }
        if jupyter_path is not None:
            runs["forked"] = lambda: forked_once(work, jupyter_path)
        for run in runs.values():  # warm-up: template compilation, lazy imports, disk cache
            run()
        assert "matplotlib" not in sys.modules and "pandas" not in sys.modules
        times: dict[str, list[float]] = {name: [] for name in runs}
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(repeat):
            for name, run in runs.items():
                before = cpu_seconds()
                times[name].append(run())
                cpu[name].append(cpu_seconds() - before)
    return {
        "median": {name: statistics.median(t) for name, t in times.items()},
        "cpu": {name: statistics.median(t) for name, t in cpu.items()},
        "size": sizes[-1],
    }


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (kernels, chart drawers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def charts_once() -> float:
    """The seven report charts of the sample drawn to PNG, in this (warm) process."""
    from budget_audit import charts
    from budget_audit import report as ba

    report = ba.build_unit_report(PARAMS)
    start = time.perf_counter()
    for name in charts.REPORT_CHARTS:
        charts.figure_to_png_bytes(ba.draw_chart(report, name))
    return time.perf_counter() - start


def command_once() -> float:
    """The whole ``budget-audit run`` command from a cold start (what an auditor waits)."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "budget_audit.cli", "run", str(PARAMS), "--output", tmp],
            stdout=subprocess.DEVNULL, check=True,
        )  # fmt: skip
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="单位报告计时（与 papermill 基线对比）")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.repeat)))
        return 0
    done = subprocess.run(
        [sys.executable, __file__, "--worker", "--repeat", str(args.repeat)],
        stdout=subprocess.PIPE, text=True, check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    median, cpu, size = result["median"], result["cpu"], result["size"]
    charts_once()  # warm-up
    alone = statistics.median(charts_once() for _ in range(args.repeat))
    command = statistics.median(command_once() for _ in range(args.repeat))
    floor = median["floor"]
    print(f"papermill floor (trivial notebook + HTML export): median {floor:.2f} s")
    print(f"unit 303001 report (run_unit, charts drawn ahead): median {median['unit']:.2f} s")
    print(f"ratio unit/floor: {median['unit'] / floor:.2f}× (goal ≤ {GOAL_RATIO}×)")
    print(f"report.html size: {size / 1024 / 1024:.2f} MB (goal ≤ 3 MB)")
    print(f"same run, charts drawn in the kernel:              median {median['in_kernel']:.2f} s"
          f" = {median['in_kernel'] / floor:.2f}× the floor")
    print(f"same run without the chart lines:                  median {median['chartless']:.2f} s"
          f" = {median['chartless'] / floor:.2f}× the floor")
    print(f"seven charts alone (warm, in one process):         median {alone:.2f} s"
          f" = {alone / floor:.2f}× the floor")
    if "forked" in median:
        print(f"same run, kernel forked from a warm server:        median {median['forked']:.2f} s"
              f" = {median['forked'] / floor:.2f}× the floor")
    print(f"whole `budget-audit run` command, cold start:      median {command:.2f} s")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    print(f"CPU time, all processes: floor {cpu['floor']:.2f} s, unit {cpu['unit']:.2f} s, "
          f"in the kernel {cpu['in_kernel']:.2f} s, without charts {cpu['chartless']:.2f} s; "
          f"on {cores} cores the unit run cannot take less than {cpu['unit'] / cores:.2f} s "
          f"= {cpu['unit'] / cores / floor:.2f}× the floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
