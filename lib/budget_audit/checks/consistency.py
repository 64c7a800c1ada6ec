"""Rules of category `consistency` (to be filled)."""

from __future__ import annotations
