"""Shared fixtures: the bundled real sample, as a path, as text and parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.model import Disclosure
from budget_audit.parse import parse_file

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PATH = REPO_ROOT / "samples" / "dachang-fgj-2023.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The bundled disclosure (never modified by tests)."""
    return SAMPLE_PATH


@pytest.fixture(scope="session")
def sample_text(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_doc(sample_path: Path) -> Disclosure:
    """The sample parsed once per session; tests must not mutate it."""
    return parse_file(sample_path)
