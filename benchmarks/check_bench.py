"""Time `budget-audit check` in-process on the bundled sample.

Prints the median time of parse + check + JSON rendering (the whole `check` command
minus interpreter start-up), the median of parse alone measured in the same run, and
their ratio. Goal: check median ≤ 50 ms. Also confirms that two runs give
byte-identical JSON, and — with ``--scaling`` — that the time grows in proportion to the
document: the sample repeated 10 and 20 times, checked once each, the second should take
about twice as long (a check comparing each paragraph with each table took minutes on a
file near the 50 MB limit). Nothing here is asserted in tests.

    .venv/bin/python benchmarks/check_bench.py [--repeat 30] [--scaling]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
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
    parser.add_argument("--scaling", action="store_true", help="另测文件重复 10 次与 20 次的耗时之比")
    args = parser.parse_args(argv)
    parse_times = measure(lambda: parse_file(args.file), args.repeat)
    check_times = measure(lambda: check_once(args.file), args.repeat)
    check_median = statistics.median(check_times)
    print(summary("parse", parse_times))
    print(summary("parse+check+json", check_times) + f" (goal ≤ {GOAL_MS:.0f} ms)")
    print(f"ratio check/parse: {check_median / statistics.median(parse_times):.2f}×")
    identical = check_once(args.file) == check_once(args.file)
    print(f"JSON byte-identical across runs: {'yes' if identical else 'NO'}")
    if args.scaling:
        text = args.file.read_text(encoding="utf-8")
        seconds = {times: _check_repeated(text, times) for times in (10, 20)}
        print(f"the file ×10: {seconds[10]:.2f} s, ×20: {seconds[20]:.2f} s; "
              f"ratio {seconds[20] / seconds[10]:.2f} (2 when the time grows in proportion)")
    return 0


def _check_repeated(text: str, times: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "repeated.txt"
        path.write_text(text * times, encoding="utf-8")
        start = time.perf_counter()
        check_once(path)
        return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
