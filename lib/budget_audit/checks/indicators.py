"""Rules of category `indicators` (to be filled)."""

from __future__ import annotations
