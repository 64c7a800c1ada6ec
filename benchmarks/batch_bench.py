"""Batch throughput: sequential vs parallel, the no-change re-run, per-unit cost vs the floor.

Builds N synthetic units in a temporary directory (``make_corpus.py`` when present,
else copies of the bundled sample under distinct codes) and runs ``batch.run_batch``
with the real notebook, all measured in this one run:

* ``-j 1`` then ``-j J`` (default 2), each into a fresh output directory, and their
  ratio (goal ≥ 1.6× for J = 2 on 2 cores);
* the same ``-j J`` batch again with nothing changed, as a share of its first run
  (goal ≤ 5 %);
* the median per-unit time of the sequential batch next to the papermill floor — a
  trivial notebook that only imports pandas and matplotlib, plus the HTML export;
* before/after for kernel start-up: the same batches with a stock kernel per notebook
  (``BUDGET_AUDIT_FORK_KERNELS=0``) next to the default forked kernels;
* where one unit's time goes (kernel start, imports + parse/check, tables and charts,
  kernel shutdown, HTML export), from papermill's per-cell timestamps, for both kernels;
* peak resident memory per worker: the worker process plus the largest kernel
  (getrusage; goal ≤ 600 MB), and the kernel fork server they share.

``--experiments`` also measures the "cached result" path (the worker builds the unit
report before the notebook and the notebook unpickles it) against the plain notebook on
the same unit; it did not help (the notebook still imports the same modules to
unpickle, and the build moves rather than disappears), so it is not used. Nothing here
is asserted in tests; timings on a shared machine are noisy, so every comparison is
made inside one run.

    .venv/bin/python benchmarks/batch_bench.py N [-j 2] [--experiments]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import nbformat

from budget_audit import batch, kernelfork
from budget_audit.config import load_unit
from budget_audit.render import run_unit
from report_bench import floor_once

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "dachang-fgj-2023.txt"
NOTEBOOK = ROOT / "notebooks" / "unit_audit.ipynb"
GOAL_SPEEDUP = 1.6
GOAL_RERUN_SHARE = 0.05
GOAL_PEAK_MB = 600.0


# --------------------------------------------------------------------------- corpus


def build_units(root: Path, n: int, seed: int) -> tuple[Path, str]:
    """N units under ``root``; returns the params directory and how they were made."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        from make_corpus import make_corpus  # type: ignore[import-not-found]
    except ImportError:
        make_corpus = None
    if make_corpus is not None:
        out = Path(make_corpus(root / "corpus", n, seed))
        return out / "params", f"make_corpus.py（seed {seed}）"
    params = root / "corpus" / "params"
    (params / "units").mkdir(parents=True)
    shutil.copyfile(ROOT / "params" / "defaults.yaml", params / "defaults.yaml")
    (root / "corpus" / "docs").mkdir()
    for i in range(n):
        code = f"9{i:05d}"
        shutil.copyfile(SAMPLE, root / "corpus" / "docs" / f"{code}.txt")
        (params / "units" / f"{code}.yaml").write_text(
            f'unit: "{code}"\nname: 样本副本{i + 1}\nyear: 2023\nsource: docs/{code}.txt\n',
            encoding="utf-8",
        )
    return params, "样本副本"


# --------------------------------------------------------------------------- measures


def _ts(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def breakdown(params_file: Path, notebook: Path, output: Path) -> dict[str, float]:
    """Where one unit's time goes, from papermill's timestamps in the executed notebook."""
    started = time.time()
    result = run_unit(load_unit(params_file), notebook, output)
    nb = json.loads(result.notebook_path.read_text(encoding="utf-8"))
    pm = nb["metadata"]["papermill"]
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    first = _ts(cells[0]["metadata"]["papermill"]["start_time"])
    last = _ts(cells[-1]["metadata"]["papermill"]["end_time"])
    durations = [c["metadata"]["papermill"]["duration"] or 0.0 for c in cells]
    # code cells: parameters, injected parameters, imports + build_unit_report + exports, charts …
    setup = durations[2] if len(durations) > 2 else 0.0
    return {
        "papermill start-up": _ts(pm["start_time"]) - started,
        "kernel start": first - _ts(pm["start_time"]),
        "imports + parse/check + exports (cell 1)": setup,
        "tables + charts (other cells)": sum(durations[3:]),
        "kernel shutdown": _ts(pm["end_time"]) - last,
        "HTML export": result.timings["export_s"],
        "publish": result.timings["publish_s"],
        "total": result.duration_s,
    }


def in_process_build(params_file: Path, repeat: int = 5) -> float:
    from budget_audit import report

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        report.build_unit_report(load_unit(params_file))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


CACHED_CELL_OLD = "r = ba.build_unit_report(params_path, output_dir)"
CACHED_CELL_OLD_PLAIN = "r = ba.build_unit_report(params_path)"
CACHED_CELL_NEW = (
    "import pickle, pathlib\n"
    "r = pickle.loads(pathlib.Path(params_path + '.report.pickle').read_bytes())"
)


def cached_variant(notebook: Path, work: Path) -> Path | None:
    """The notebook with its build call replaced by loading a pickled UnitReport."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        for old in (CACHED_CELL_OLD, CACHED_CELL_OLD_PLAIN):
            if old in cell.source:
                cell.source = cell.source.replace(old, CACHED_CELL_NEW)
                path = work / "cached_variant.ipynb"
                nbformat.write(nb, path)
                return path
    return None


def experiment_cached(params_file: Path, work: Path, repeat: int) -> None:
    """Plain notebook vs worker-built, pickled report; interleaved, same unit."""
    from budget_audit import report

    work.mkdir(parents=True, exist_ok=True)
    variant = cached_variant(NOTEBOOK, work)
    if variant is None:
        print("  (notebook has no build_unit_report call to replace; experiment skipped)")
        return
    plain, cached = [], []
    for i in range(repeat):
        start = time.perf_counter()
        run_unit(load_unit(params_file), NOTEBOOK, work / f"plain{i}")
        plain.append(time.perf_counter() - start)
        start = time.perf_counter()
        built = report.build_unit_report(load_unit(params_file), work / f"cached{i}" / "x")
        Path(str(params_file.resolve()) + ".report.pickle").write_bytes(pickle.dumps(built))
        run_unit(load_unit(params_file), variant, work / f"cached{i}")
        cached.append(time.perf_counter() - start)
    p, c = statistics.median(plain), statistics.median(cached)
    print(f"  plain notebook (builds in the kernel):          median {p:.2f} s")
    print(f"  cached result (worker builds + pickles, kernel loads): median {c:.2f} s")
    print(f"  saving: {(p - c) * 1000:+.0f} ms per unit ({(p - c) / p:+.1%})")


# --------------------------------------------------------------------------- main


def _warm_pool(jobs: int) -> None:
    """Start the fork server (one-off per process) so that neither timed batch pays for it."""
    import concurrent.futures as cf

    with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=batch._mp_context()) as pool:
        for future in [pool.submit(os.getpid) for _ in range(jobs)]:
            future.result()


def _timed_batch(params: Path, output: Path, jobs: int, force: bool, fork: bool = True) -> batch.BatchSummary:
    os.environ[batch.FORK_KERNELS_ENV] = "1" if fork else "0"
    try:
        summary = batch.run_batch(params, output, NOTEBOOK, jobs=jobs, force=force, progress=False)
    finally:
        os.environ.pop(batch.FORK_KERNELS_ENV, None)
    if summary.failed:
        for entry in summary.entries:
            if entry["status"] == "failed":
                print(f"  失败 {entry['unit']}: {entry['error']['message']}", file=sys.stderr)
    return summary


def _per_unit(summary: batch.BatchSummary) -> float:
    return statistics.median(e["duration_s"] for e in summary.entries if e["status"] == "ok")


def _slowest(summary: batch.BatchSummary) -> float:
    return max((e["duration_s"] for e in summary.entries if e["status"] == "ok"), default=0.0)


def _fork_breakdown(params_file: Path, output: Path) -> dict[str, float]:
    server = kernelfork.KernelForkServer.start()
    if server is None:
        return {}
    try:
        with kernelfork.use(server.jupyter_path):
            breakdown(params_file, NOTEBOOK, output / "warm")  # the server's imports
            return breakdown(params_file, NOTEBOOK, output)
    finally:
        server.close()


def _memory(summary: batch.BatchSummary) -> float:
    peaks = []
    for name, stats in sorted(summary.workers.items()):
        total = stats["worker_mb"] + stats["kernel_mb"]
        peaks.append(total)
        print(f"  {name}: worker {stats['worker_mb']:.0f} MB + kernel {stats['kernel_mb']:.0f} MB = {total:.0f} MB")
    if summary.kernel_server_mb:
        print(f"  kernel fork server (shared by all workers): {summary.kernel_server_mb:.0f} MB")
    return max(peaks) if peaks else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="批量运行计时")
    parser.add_argument("n", type=int, help="单位数")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="并行数（默认 2）")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--floor-repeat", type=int, default=3)
    parser.add_argument("--experiments", action="store_true", help="也测量“缓存结果”路径")
    parser.add_argument("--recall-units", type=int, default=50, help="测量注入缺陷召回率的合成单位数（默认 50；0 不测）")
    args = parser.parse_args(argv)
    if args.n < 1 or args.jobs < 1:
        parser.error("N 和 -j 必须是正整数")

    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        work = Path(tmp)
        params, how = build_units(work, args.n, args.seed)
        units = sorted((params / "units").glob("*.yaml"))
        print(f"units: {len(units)} ({how}), notebook {NOTEBOOK.relative_to(ROOT)}")
        fork = kernelfork.available()

        _warm_pool(args.jobs)
        floor_once(work)  # warm-up: kernel spec, template compilation, disk cache

        seq = _timed_batch(params, work / "out-seq", 1, force=True, fork=fork)
        par = _timed_batch(params, work / "out-par", args.jobs, force=True, fork=fork)
        rerun = _timed_batch(params, work / "out-par", args.jobs, force=False, fork=fork)
        seq_stock = _timed_batch(params, work / "out-seq-stock", 1, force=True, fork=False)
        par_stock = _timed_batch(params, work / "out-par-stock", args.jobs, force=True, fork=False)
        floors = [floor_once(work) for _ in range(args.floor_repeat)]
        parts = {"stock kernel": breakdown(units[0], NOTEBOOK, work / "out-breakdown")}
        if fork:
            parts["forked kernel"] = _fork_breakdown(units[0], work / "out-breakdown-fork")
        build_s = in_process_build(units[0])

        kernel = "forked kernels" if fork else "stock kernels"
        speedup = seq.duration_s / par.duration_s
        share = rerun.duration_s / par.duration_s
        floor = statistics.median(floors)
        print()
        print(f"batch with {kernel} (the default path):")
        print(f"  sequential (-j 1):         {seq.duration_s:7.2f} s  ({len(seq.ok)}/{len(units)} ok, index {seq.index_s:.2f} s)")
        print(f"  parallel   (-j {args.jobs}):         {par.duration_s:7.2f} s  ({len(par.ok)}/{len(units)} ok, index {par.index_s:.2f} s)")
        print(f"  speed-up -j 1 / -j {args.jobs}:      {speedup:7.2f}×  (goal ≥ {GOAL_SPEEDUP}× for -j 2 on 2 cores)")
        print(f"  no-change re-run (-j {args.jobs}):   {rerun.duration_s:7.2f} s  = {share:.1%} of the first run (goal ≤ {GOAL_RERUN_SHARE:.0%}); skipped {len(rerun.skipped)}")
        print(f"  per unit (median, -j 1):   {_per_unit(seq):7.2f} s  = {_per_unit(seq) / floor:.2f}× the papermill floor (slowest {_slowest(seq):.2f} s)")
        print(f"papermill floor (median of {len(floors)}):  {floor:7.2f} s  (trivial notebook importing pandas + matplotlib, stock kernel, + HTML export)")
        print()
        print("before/after — the same batches with a stock kernel per notebook:")
        print(f"  sequential (-j 1):         {seq_stock.duration_s:7.2f} s  → {kernel}: {seq.duration_s / seq_stock.duration_s:.0%} of it")
        print(f"  parallel   (-j {args.jobs}):         {par_stock.duration_s:7.2f} s  → {kernel}: {par.duration_s / par_stock.duration_s:.0%} of it")
        print(f"  speed-up -j 1 / -j {args.jobs}:      {seq_stock.duration_s / par_stock.duration_s:7.2f}×")
        print(f"  per unit (median, -j 1):   {_per_unit(seq_stock):7.2f} s  = {_per_unit(seq_stock) / floor:.2f}× the floor (slowest {_slowest(seq_stock):.2f} s)")
        print()
        print("one unit, where the time goes (s):")
        names = list(next(iter(parts.values())))
        print(f"  {'':<42} " + " ".join(f"{k:>14}" for k in parts))
        for name in names:
            print(f"  {name:<42} " + " ".join(f"{p.get(name, float('nan')):14.2f}" for p in parts.values()))
        print(f"  (build_unit_report alone, in-process median: {build_s * 1000:.0f} ms)")
        print()
        print(f"peak memory per worker (worker + its largest kernel; goal ≤ {GOAL_PEAK_MB:.0f} MB):")
        peak = max(_memory(seq), _memory(par))
        print(f"  max {peak:.0f} MB")
        if args.experiments:
            print()
            print("experiment — cached result handed to the notebook (stock kernel):")
            experiment_cached(units[0], work / "exp", repeat=3)
        if args.recall_units:
            from make_corpus import make_corpus
            from recall import measure_recall

            corpus = make_corpus(work / "recall-corpus", args.recall_units, seed=args.seed)
            print()
            print(f"injected-defect recall on a {args.recall_units}-unit synthetic corpus (goal ≥ 95%):")
            print("  " + measure_recall(corpus).format().replace("\n", "\n  "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
