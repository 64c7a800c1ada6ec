"""Rules of category `completeness` (to be filled)."""

from __future__ import annotations
