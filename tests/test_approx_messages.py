"""How figures are shown in messages and tables: a change written from last year's figure
to this year's (由31.42万元减少到13.44万元), figures written as approximate (约/近/余) and
values worked out from them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget_audit import dashboard as db
from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from test_format_variants import rewrite

SANGONG_TOTAL = "“三公”经费预算安排18.84万元。"


def _findings(doc: Disclosure, code: str) -> list[str]:
    return [f.message for f in run_checks(doc) if f.code == code]


def _from_to(sample_text: str, tmp_path: Path, prior: str = "31.42万元") -> Disclosure:
    """The sample whose 三公 total is written as a change from last year's figure."""
    return rewrite(sample_text, tmp_path, {229: lambda line: line.replace(
        SANGONG_TOTAL, f"“三公”经费由上年的{prior}减少到13.44万元，主要原因是压减一般性支出。")})


# ------------------------------------------------------------------ VA001 / VA002


def test_a_change_from_last_years_figure_reads_as_one_bracket(sample_text: str, tmp_path: Path) -> None:
    """由31.42万元减少到13.44万元 is a change of 17.98万元: its words and the rate share one
    pair of brackets, not 17.98万元（由…）（57.2%）."""
    doc = _from_to(sample_text, tmp_path)
    [message] = [m for m in _findings(doc, "VA001") if "17.98" in m]
    assert "“三公”经费合计较上年减少17.98万元（由31.42万元减少到13.44万元，57.2%），属重大变动" in message
    assert "）（" not in message


def test_a_change_written_as_such_keeps_its_rate_alone(sample_doc: Disclosure) -> None:
    messages = _findings(sample_doc, "VA001")
    assert "项目支出较上年减少2090.87万元（32.5%），属重大变动；单位说明的原因：天然气迎风度冬保障资金项目支出减少" in messages
    assert not any("约" in m for m in messages)


# ------------------------------------------------------------------ Benford / round numbers


def test_a_computed_change_is_no_document_amount(sample_text: str, tmp_path: Path) -> None:
    """由31.42万元减少到13.44万元: 31.42 and 13.44 are written, 17.98 is not."""
    doc = _from_to(sample_text, tmp_path)
    [change] = [c for c in doc.stated_changes() if c.computed]
    assert change.amount.yuan == Decimal("179800.00")
    amounts = db.document_amounts(doc)
    assert change.amount.yuan not in amounts
    assert Decimal("314200.00") in amounts and Decimal("134400.00") in amounts


def test_changes_written_as_such_stay_document_amounts(sample_doc: Disclosure) -> None:
    """公务接待费1.02万元减少0.08万元: both written, both counted."""
    assert not any(c.computed for c in sample_doc.stated_changes())
    amounts = db.document_amounts(sample_doc)
    assert Decimal("800.00") in amounts and Decimal("10200.00") in amounts
