"""Round-number frequency across units (pure functions).

A round amount here is a non-zero whole multiple of :data:`STEP` (1 万元). Budgets are
often planned in whole 万元, so many round amounts are normal; what stands out is a unit
whose share of round amounts is far above the share among all units' amounts taken
together — figures that may have been estimated or filled in rather than calculated.
Like the Benford test, it points at questions to ask, never at an error by itself.

A unit stands out when its share lies at least :data:`Z_FLAG` standard errors above the
pooled share (the normal approximation of the binomial, ``(p − p₀) / √(p₀(1 − p₀)/n)``)
and it has at least :data:`MIN_AMOUNTS` amounts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

STEP = Decimal(10000)
"""1 万元, in yuan."""

MIN_AMOUNTS = 20
"""Fewer amounts than this: the share is shown but never flagged."""

Z_FLAG = 2.0


def is_round(yuan: Decimal, step: Decimal = STEP) -> bool:
    """Whether ``yuan`` is a non-zero whole multiple of ``step``."""
    return yuan != 0 and yuan % step == 0


def round_count(amounts: Iterable[Decimal], step: Decimal = STEP) -> tuple[int, int]:
    """(non-zero amounts, round ones among them)."""
    nonzero = [a for a in amounts if a != 0]
    return len(nonzero), sum(1 for a in nonzero if is_round(a, step))


@dataclass(frozen=True)
class RoundShare:
    unit: str
    count: int  # non-zero amounts
    rounds: int  # round ones among them
    z: float | None  # standard errors above (+) or below (−) the pooled share

    @property
    def share(self) -> float | None:
        return self.rounds / self.count if self.count else None

    @property
    def flagged(self) -> bool:
        return self.count >= MIN_AMOUNTS and self.z is not None and self.z >= Z_FLAG


def pooled_share(amounts: Iterable[Decimal], step: Decimal = STEP) -> float | None:
    count, rounds = round_count(amounts, step)
    return rounds / count if count else None


def round_shares(
    by_unit: Mapping[str, Sequence[Decimal]], pooled: float | None, step: Decimal = STEP
) -> list[RoundShare]:
    """Each unit's share of round amounts against ``pooled`` (the share among all units'
    amounts, each shared document counted once), in the order of ``by_unit``."""
    shares = []
    for unit, amounts in by_unit.items():
        count, rounds = round_count(amounts, step)
        z = None
        if count and pooled is not None and 0 < pooled < 1:
            z = (rounds / count - pooled) / math.sqrt(pooled * (1 - pooled) / count)
        shares.append(RoundShare(unit, count, rounds, z))
    return shares
