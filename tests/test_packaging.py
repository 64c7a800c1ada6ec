"""environment.yml (conda) names what pyproject.toml (pip, make) installs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
#: pip requirement → conda-forge package, where the names differ.
CONDA_NAMES = {"dask[distributed]": "distributed"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ]", requirement, maxsplit=1)[0].lower()


def test_environment_yml_has_every_dependency_of_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    conda = {_name(d) for d in yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
             if isinstance(d, str)}
    missing = [r for r in wanted if CONDA_NAMES.get(_name(r), _name(r)) not in conda]
    assert missing == []
