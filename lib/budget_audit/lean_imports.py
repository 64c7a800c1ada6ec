"""Importing this module leaves out modules that notebook runs never use but would import
at great cost.

``nbformat`` (papermill, nbconvert) imports ``jsonschema``, whose format checkers import
``rfc3987_syntax`` when it is installed (it comes with JupyterLab, through
``jsonschema[format-nongpl]``); that module compiles some thirty Earley parsers at import,
about 0.7 s here — a third of a unit run — for the "iri" formats, which no notebook
schema uses (python-jsonschema/jsonschema#1428). Marked absent in ``sys.modules``,
jsonschema skips them. A module already imported is left as it is.

Imported by the ``run`` command before it imports the notebook runner, and by
:mod:`budget_audit.batch` (so in the batch's workers too, local or Dask, before any of
them imports the runner).
"""

from __future__ import annotations

import sys

UNUSED_SLOW_IMPORTS = ("rfc3987_syntax",)

for _name in UNUSED_SLOW_IMPORTS:
    sys.modules.setdefault(_name, None)  # type: ignore[arg-type] # None: "not available"
