"""How a few messages word their figures for a reader: a budget ratio as "最高是最低的N倍",
not "相差N倍" (which reads as a difference), and a spending plan at 0% as "累计支出0%，未达100%",
not "累计只有0%"."""

from __future__ import annotations

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure


def _messages(doc: Disclosure, code: str) -> list[str]:
    return [f.message for f in run_checks(doc) if f.code == code]


def test_copied_targets_state_the_budget_ratio_as_a_multiple(sample_doc: Disclosure) -> None:
    (message,) = _messages(sample_doc, "CS004")
    assert "但预算从5.00万元到250.00万元，最高是最低的50倍：" in message
    assert "相差" not in message and "50.0倍" not in message


def test_a_plan_behind_its_deadline_says_how_much_is_spent(sample_doc: Disclosure) -> None:
    unpaid = [m for m in _messages(sample_doc, "IN016") if "未达100%" in m]
    assert len(unpaid) == 2
    assert "但资金支出计划到3月底累计支出0%，未达100%：3月底0%" in unpaid[0]
    assert not any("只有" in m for m in _messages(sample_doc, "IN016"))
