"""Walk a parsed model and collect every value of one kind (Figure, Text …)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TypeVar

from budget_audit.amounts import Quantity
from budget_audit.model import Span

T = TypeVar("T")


def instances(obj: object, kind: type[T]) -> Iterator[T]:
    """Every ``kind`` inside ``obj``, depth first, through dataclasses and lists."""
    if isinstance(obj, kind):
        yield obj
    elif isinstance(obj, list):
        for item in obj:
            yield from instances(item, kind)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type | Quantity | Span):
        for f in dataclasses.fields(obj):
            yield from instances(getattr(obj, f.name), kind)
