"""Wall time of one unit report next to the papermill floor, measured in the same run.

The floor is what any notebook report costs here: papermill executing a trivial
notebook that only imports pandas and matplotlib, plus the HTML export. The unit run is
`render.run_unit` on params/units/303001.yaml with the real notebook. Goal: unit ≤ 1.5×
the floor; HTML ≤ 3 MB. Nothing here is asserted in tests.

Two more rows show where the time goes: the same run with the chart import and every
chart line removed from the notebook (what the report costs if the seven charts were
free), and the seven charts alone, rendered to PNG in this process after a warm-up (no
imports counted).

    .venv/bin/python benchmarks/report_bench.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from budget_audit import charts
from budget_audit import report as ba
from budget_audit.config import load_unit
from budget_audit.render import execute_notebook, export_html, run_unit

ROOT = Path(__file__).resolve().parent.parent
PARAMS = ROOT / "params" / "units" / "303001.yaml"
NOTEBOOK = ROOT / "notebooks" / "unit_audit.ipynb"
GOAL_RATIO = 1.5


def floor_once(work: Path) -> float:
    """papermill on a notebook that only imports pandas and matplotlib, plus the export."""
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


def unit_once(work: Path, notebook: Path = NOTEBOOK) -> tuple[float, int]:
    start = time.perf_counter()
    result = run_unit(load_unit(PARAMS), notebook, work / "outputs")
    return time.perf_counter() - start, result.html_path.stat().st_size


def chartless_notebook(work: Path) -> Path:
    """A copy of the unit notebook without the chart module and its ``display(charts.…)`` lines."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = re.sub(
                r"(?m)^(display\(charts\.|from budget_audit import charts$).*\n?", "", cell.source
            )
    path = work / "unit_audit_chartless.ipynb"
    nbformat.write(nb, path)
    return path


def charts_once() -> float:
    """The seven report charts of the sample rendered to PNG, in this (warm) process."""
    report = ba.build_unit_report(PARAMS)
    start = time.perf_counter()
    figures = charts.all_charts(ba.unit_doc(report), variance=report.yoy, findings=report.findings)
    for figure in figures.values():
        charts.figure_to_png_bytes(figure)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="单位报告计时（与 papermill 基线对比）")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        chartless = chartless_notebook(work)
        floor_once(work)  # warm-up: template compilation, imports, disk cache
        unit_once(work)
        charts_once()
        floors, units, bare, drawn, size = [], [], [], [], 0
        for _ in range(args.repeat):  # interleaved so all see the same machine load
            floors.append(floor_once(work))
            seconds, size = unit_once(work)
            units.append(seconds)
            bare.append(unit_once(work, chartless)[0])
            drawn.append(charts_once())
    floor, unit = statistics.median(floors), statistics.median(units)
    without, alone = statistics.median(bare), statistics.median(drawn)
    print(f"papermill floor (trivial notebook + HTML export): median {floor:.2f} s")
    print(f"unit 303001 report (run_unit, real notebook):      median {unit:.2f} s")
    print(f"ratio unit/floor: {unit / floor:.2f}× (goal ≤ {GOAL_RATIO}×)")
    print(f"report.html size: {size / 1024 / 1024:.2f} MB (goal ≤ 3 MB)")
    print(f"same run without the chart lines:                 median {without:.2f} s"
          f" = {without / floor:.2f}× the floor")
    print(f"seven charts alone (warm, in this process):       median {alone:.2f} s"
          f" = {alone / floor:.2f}× the floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
