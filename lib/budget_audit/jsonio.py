"""Deterministic JSON: UTF-8, ``ensure_ascii=False``, sorted keys."""

from __future__ import annotations

import json
from typing import Any

from .model import to_jsonable


def dumps(obj: Any) -> str:
    return json.dumps(to_jsonable(obj), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
