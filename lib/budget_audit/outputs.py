"""The names of the files a unit run publishes in ``<output_dir>/<unit>/``, in one place."""

from __future__ import annotations

from collections.abc import Mapping

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
