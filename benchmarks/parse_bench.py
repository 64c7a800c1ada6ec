"""Time the disclosure parser on the bundled sample.

Prints medians and p90 in milliseconds and the ratio of the parse median to a baseline
measured in the same run (reading the file and splitting it into lines with the standard
library), so that numbers from different machines can be compared. Nothing here is
asserted.

    .venv/bin/python benchmarks/parse_bench.py [--repeat 50] [--file PATH] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from budget_audit.ingest import read_lines
from budget_audit.parse import parse_lines

GOAL_MS = 20.0
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "dachang-fgj-2023.txt"


def measure(func: Callable[[], object], repeat: int) -> list[float]:
    """Run ``func`` once to warm up, then ``repeat`` times; durations in ms."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return times


def p90(times: list[float]) -> float:
    return statistics.quantiles(times, n=10, method="inclusive")[-1] if len(times) > 1 else times[0]


def summary(name: str, times: list[float]) -> str:
    return f"{name} median {statistics.median(times):.1f} ms, p90 {p90(times):.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="解析器计时（样本文件）")
    parser.add_argument("--repeat", type=int, default=50, help="每项计时的重复次数（默认 50）")
    parser.add_argument("--file", type=Path, default=SAMPLE, help="要解析的公开文件")
    parser.add_argument("--profile", action="store_true", help="另外输出 cProfile 前 20 项")
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)

    lines, source = read_lines(args.file)  # read once for the parse-only timing
    baseline = measure(lambda: args.file.read_bytes().decode("utf-8", "replace").splitlines(), repeat)
    ingest = measure(lambda: read_lines(args.file), repeat)
    parse = measure(lambda: parse_lines(lines, source), repeat)
    full = measure(lambda: parse_lines(*read_lines(args.file)), repeat)

    ratio = statistics.median(parse) / statistics.median(baseline)
    print(f"file {args.file.name}: {len(lines)} lines, {repeat} runs each")
    print(summary("read+split baseline", baseline))
    print(summary("ingest (read_lines: decode, split, widths)", ingest))
    print(summary("read+parse", full))
    print(
        f"{summary('parse', parse)} (goal ≤ {GOAL_MS:.0f} ms); "
        f"ratio to read+split baseline {ratio:.1f}×"
    )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [parse_lines(lines, source) for _ in range(repeat)])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
