"""Audit workbook for Chinese public-budget disclosures (单位/部门预算公开)."""

__version__ = "0.1.0"
