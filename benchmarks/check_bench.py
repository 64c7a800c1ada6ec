"""Time `budget-audit check` in-process on the bundled sample.

Prints the median time of parse + check + JSON rendering (the whole `check` command
minus interpreter start-up), the median of parse alone measured in the same run, and
their ratio. Goal: check median ≤ 50 ms. Also confirms that two runs give
byte-identical JSON. Nothing here is asserted in tests.

    .venv/bin/python benchmarks/check_bench.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from budget_audit.parse import parse_file
from budget_audit.results import check_document, to_json
from parse_bench import measure, summary

GOAL_MS = 50.0
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "dachang-fgj-2023.txt"


def check_once(path: Path) -> str:
    return to_json(check_document(parse_file(path)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="检查计时（样本文件）")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--file", type=Path, default=SAMPLE)
    args = parser.parse_args(argv)
    parse_times = measure(lambda: parse_file(args.file), args.repeat)
    check_times = measure(lambda: check_once(args.file), args.repeat)
    check_median = statistics.median(check_times)
    print(summary("parse", parse_times))
    print(summary("parse+check+json", check_times) + f" (goal ≤ {GOAL_MS:.0f} ms)")
    print(f"ratio check/parse: {check_median / statistics.median(parse_times):.2f}×")
    identical = check_once(args.file) == check_once(args.file)
    print(f"JSON byte-identical across runs: {'yes' if identical else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
