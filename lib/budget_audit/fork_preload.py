"""What the batch's fork server imports once for all its workers (:func:`budget_audit.batch._mp_context`), quietly.

The server imports its preload list before it protects itself from Ctrl-C, which reaches the whole foreground
process group: a Ctrl-C during that second printed the interrupted imports' traceback. Imported from here, such a
Ctrl-C ends the server without a word; the batch, interrupted too, says the one line it says on Ctrl-C.
"""

from __future__ import annotations

import os

from . import lean_imports  # noqa: F401 - before anything imports nbformat

try:
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401

    from . import batch, render  # noqa: F401
except KeyboardInterrupt:
    os._exit(130)  # 128 + SIGINT, as the batch exits
