"""The names of the files a unit run publishes in ``<output_dir>/<unit>/``, in one place; and
which units the batch's index page shows (read back without the dashboard's imports)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path

REPORT_HTML = "report.html"
REPORT_NOTEBOOK = "report.ipynb"
FINDINGS_JSON = "findings.json"
FINDINGS_CSV = "findings.csv"
FINDINGS_XLSX = "findings.xlsx"

OUTPUT_FILES: Mapping[str, str] = {
    "html": REPORT_HTML,
    "notebook": REPORT_NOTEBOOK,
    "findings_json": FINDINGS_JSON,
    "findings_csv": FINDINGS_CSV,
    "findings_xlsx": FINDINGS_XLSX,
}
"""Manifest ``outputs`` key → file name inside ``<output_dir>/<unit>/``."""

PUBLISHED_NAMES = tuple(OUTPUT_FILES.values())
"""Files a run of the project's notebook publishes; checked before the kernel starts
(whatever else a notebook writes is checked before publishing)."""

INDEX_UNITS_META = "budget-audit-units"
"""The name of the index page's meta element listing the units it shows (:func:`index_units`)."""
_INDEX_UNITS_RE = re.compile(rf'<meta\b[^>]*\bname="{INDEX_UNITS_META}"[^>]*>')
_CONTENT_RE = re.compile(r'\bcontent="([^"]*)"')


def index_units(index: Path) -> set[str] | None:
    """The unit codes an index page shows (its :data:`INDEX_UNITS_META` element), or None when it cannot
    say (no such page, an older one): the batch rebuilds the page when they are not the county's units."""
    try:
        with index.open(encoding="utf-8") as page:
            head = page.read(4096)
    except (OSError, UnicodeDecodeError):
        return None
    found = _INDEX_UNITS_RE.search(head)
    content = _CONTENT_RE.search(found[0]) if found else None
    return set(html.unescape(content[1]).split()) if content else None
