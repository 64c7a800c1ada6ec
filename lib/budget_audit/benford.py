"""Benford's law first-digit test with Nigrini's MAD conformity verdict (pure functions).

In many collections of amounts that span several orders of magnitude the first
significant digit *d* occurs with probability log10(1 + 1/d): 1 about 30.1 % of the
time, 9 about 4.6 %. Budget figures of many units, taken together, are such a collection;
a distribution far from Benford's is a reason to look closer (invented or adjusted
figures, many copied or templated amounts), never a proof of anything by itself.

The conformity measure is the mean absolute deviation (MAD) between the observed and the
expected proportions of the nine digits, with the first-digit thresholds of M. J.
Nigrini, *Benford's Law* (Wiley, 2012), table 7.1: up to 0.006 close conformity, up to
0.012 acceptable conformity, up to 0.015 marginally acceptable conformity, above that
nonconformity. Nigrini recommends at least about 1,000 records for a reliable verdict;
below :data:`MIN_RECORDS` the result says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

DIGITS: tuple[int, ...] = tuple(range(1, 10))

#: Expected first-digit proportions under Benford's law.
EXPECTED: dict[int, float] = {d: math.log10(1 + 1 / d) for d in DIGITS}

#: (upper MAD bound, verdict key, Chinese label) — Nigrini's first-digit thresholds.
THRESHOLDS: tuple[tuple[float, str, str], ...] = (
    (0.006, "close", "高度符合"),
    (0.012, "acceptable", "可接受"),
    (0.015, "marginal", "边缘可接受"),
    (math.inf, "nonconformity", "不符合"),
)

MIN_RECORDS = 300
"""Below this many amounts the verdict is shown but flagged as unreliable."""

Number = Decimal | int | float | str


def first_digit(value: Number) -> int | None:
    """The first significant digit of ``|value|`` (1–9); ``None`` for zero or non-numbers.

    ``Decimal("0.0427")`` → 4, ``-3100`` → 3, ``"1,234.5"`` → 1, ``0`` → None.
    """
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(value.replace(",", "")) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        return None
    if not number.is_finite() or number == 0:
        return None
    digits = number.copy_abs().as_tuple().digits
    return next((d for d in digits if d != 0), None)


def digit_counts(values: Iterable[Number]) -> dict[int, int]:
    """How many values start with each digit 1–9 (zeros and non-numbers are skipped)."""
    counts = dict.fromkeys(DIGITS, 0)
    for value in values:
        digit = first_digit(value)
        if digit is not None:
            counts[digit] += 1
    return counts


def proportions(counts: Mapping[int, int]) -> dict[int, float]:
    total = sum(counts.get(d, 0) for d in DIGITS)
    return {d: (counts.get(d, 0) / total if total else 0.0) for d in DIGITS}


def mad(counts: Mapping[int, int]) -> float:
    """Mean absolute deviation of the observed from the expected proportions (9 digits)."""
    observed = proportions(counts)
    return sum(abs(observed[d] - EXPECTED[d]) for d in DIGITS) / len(DIGITS)


def verdict(mad_value: float) -> tuple[str, str]:
    """(key, Chinese label) of Nigrini's conformity class for a first-digit MAD."""
    for bound, key, label in THRESHOLDS:
        if mad_value <= bound:
            return key, label
    raise ValueError(f"MAD must be a number, not {mad_value!r}")  # NaN


@dataclass(frozen=True)
class BenfordResult:
    count: int  # amounts with a first digit (zeros excluded)
    counts: dict[int, int]
    observed: dict[int, float]
    expected: dict[int, float]
    mad: float | None  # None when there is nothing to test
    verdict: str | None  # close / acceptable / marginal / nonconformity
    label: str  # Chinese verdict, with a note when there are too few amounts

    @property
    def reliable(self) -> bool:
        return self.count >= MIN_RECORDS

    def rows(self) -> list[dict[str, object]]:
        """One row per digit: count, observed and expected share."""
        return [
            {
                "首位数字": d,
                "个数": self.counts[d],
                "实际占比": self.observed[d],
                "本福特占比": self.expected[d],
            }
            for d in DIGITS
        ]


def benford_test(values: Iterable[Number]) -> BenfordResult:
    """First-digit test of ``values`` against Benford's law, with the MAD verdict."""
    counts = digit_counts(values)
    total = sum(counts.values())
    if total == 0:
        return BenfordResult(
            0, counts, proportions(counts), dict(EXPECTED), None, None, "无金额可检验"
        )
    value = mad(counts)
    key, label = verdict(value)
    if total < MIN_RECORDS:
        label = f"{label}（金额少于 {MIN_RECORDS} 个，结论仅供参考）"
    return BenfordResult(total, counts, proportions(counts), dict(EXPECTED), value, key, label)


__all__ = [
    "DIGITS",
    "EXPECTED",
    "MIN_RECORDS",
    "THRESHOLDS",
    "BenfordResult",
    "benford_test",
    "digit_counts",
    "first_digit",
    "mad",
    "proportions",
    "verdict",
]
