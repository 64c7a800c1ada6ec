"""findings.xlsx holds the comparison with the prior-year document when one is given — the table VA003's findings
rest on — and names the unit of every money column (上年预算 had none)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from budget_audit.report import build_unit_report, xlsx_bytes


def _unit(tmp_path: Path, sample_path: Path, prior: bool) -> Path:
    text = sample_path.read_text(encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "2023.txt").write_text(text, encoding="utf-8")
    (tmp_path / "docs" / "2022.txt").write_text(
        text.replace("2023年", "2022年").replace("公务接待费0.94万元。", "公务接待费1.50万元。"), encoding="utf-8")
    unit = tmp_path / "unit.yaml"
    unit.write_text("unit: '303001'\nyear: 2023\nsource: docs/2023.txt\n"
                    + ("prior_source: docs/2022.txt\n" if prior else ""), encoding="utf-8")
    return unit


def _book(tmp_path: Path, sample_path: Path, prior: bool) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes(build_unit_report(_unit(tmp_path, sample_path, prior)))))


def test_the_comparison_with_last_years_document_is_a_sheet(tmp_path: Path, sample_path: Path) -> None:
    book = _book(tmp_path, sample_path, prior=True)
    assert book.sheetnames == ["findings", "variance", "projects", "comparison"]
    rows = list(book["comparison"].iter_rows(values_only=True))
    assert rows[0][:7] == ("项目", "本年（万元）", "上年（万元）", "变动额（万元）", "变动率（%）", "所述变动（万元）", "差异（万元）")
    reception = next(r for r in rows if r[0] == "公务接待费")
    assert (reception[1], reception[2]) == (0.94, 1.5)
    projects = next(book["projects"].iter_rows(max_row=1, values_only=True))
    assert "上年预算（万元）" in projects and "上年预算" not in projects


def test_without_a_prior_document_there_is_no_comparison_sheet(tmp_path: Path, sample_path: Path) -> None:
    assert _book(tmp_path, sample_path, prior=False).sheetnames == ["findings", "variance", "projects"]


def test_the_appendix_names_the_prior_documents_hash(tmp_path: Path, sample_path: Path) -> None:
    """The appendix gave the SHA-256 of this year's document, not of last year's that VA003 compared it with."""
    import hashlib

    from budget_audit.report import appendix_html

    report = build_unit_report(_unit(tmp_path, sample_path, prior=True))
    digest = hashlib.sha256((tmp_path / "docs" / "2022.txt").read_bytes()).hexdigest()
    assert f"SHA-256 {digest}" in appendix_html(report)
