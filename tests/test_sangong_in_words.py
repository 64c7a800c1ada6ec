"""“三公” parts stated in words rather than as amounts: 无因公出国（境）费, 未安排购置费, 因公出国（境）费为零 state
a part as none, and 全部为公务用车运维费 states the vehicle total as its upkeep. Each was read as a part not stated
(a false CP004); a part left out altogether still is one."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from test_format_variants import rewrite

LINE = 229
OVERSEAS = "其中，因公出国（境）费0万元；"
VEHICLE = "公务用车购置及运维费12.5万元（其中：公务用车购置费为0万元，公务用车运维费12.5万元)"


def _cp004(sample_text: str, tmp_path: Path, old: str, new: str) -> list[str]:
    assert old in sample_text.split("\n")[LINE - 1]
    doc = rewrite(sample_text, tmp_path, {LINE: lambda line: line.replace(old, new)})
    return [f.message for f in run_checks(doc) if f.code == "CP004"]


@pytest.mark.parametrize("words", ["其中，无因公出国（境）费；", "其中，未安排因公出国（境）费；", "其中，因公出国（境）费为零；"])
def test_an_overseas_part_stated_as_none_in_words_is_stated(sample_text: str, tmp_path: Path, words: str) -> None:
    doc = rewrite(sample_text, tmp_path, {LINE: lambda line: line.replace(OVERSEAS, words)})
    assert doc.sangong.overseas is not None
    assert (doc.sangong.overseas.yuan, doc.sangong.overseas.span.line) == (Decimal(0), LINE)
    assert _cp004(sample_text, tmp_path, OVERSEAS, words) == []


def test_a_vehicle_total_all_upkeep_in_words_states_both_sub_parts(sample_text: str, tmp_path: Path) -> None:
    words = "公务用车购置及运维费12.5万元（全部为公务用车运维费，未安排购置费)"
    doc = rewrite(sample_text, tmp_path, {LINE: lambda line: line.replace(VEHICLE, words)})
    sg = doc.sangong
    assert sg.vehicle_operation is not None and sg.vehicle_purchase is not None
    assert (sg.vehicle_operation.yuan, sg.vehicle_purchase.yuan) == (Decimal("125000.00"), Decimal(0))
    assert _cp004(sample_text, tmp_path, VEHICLE, words) == []


def test_a_part_left_out_is_still_missing(sample_text: str, tmp_path: Path) -> None:
    assert _cp004(sample_text, tmp_path, OVERSEAS, "其中，") == [
        "“三公”经费合计 18.84万元，但未分别列明：因公出国（境）费"]
    assert _cp004(sample_text, tmp_path, VEHICLE, "公务用车购置及运维费12.5万元") == [
        "“三公”经费合计 18.84万元，但未分别列明：其中公务用车购置费、其中公务用车运维费"]
    # 不再安排购置费 states the purchase as none, not the upkeep
    assert _cp004(sample_text, tmp_path, VEHICLE, "公务用车购置及运维费12.5万元（本年不再安排购置费)") == [
        "“三公”经费合计 18.84万元，但未分别列明：其中公务用车运维费"]


def test_an_enumerated_part_stated_as_none_without_an_amount(sample_text: str, tmp_path: Path) -> None:
    """（一）本局未安排因公出国（境）费，与上年一致。 — an item paragraph with no amount was skipped (a false CP004)."""
    from test_sangong_enumerated import ITEMS, TOTAL

    items = ["一是本局未安排因公出国（境）费，与上年一致。", *ITEMS[1:]]
    doc = rewrite(sample_text, tmp_path, {LINE: "\n\n".join([TOTAL, *items]).format(reception="0.94")})
    assert doc.sangong.overseas is not None and doc.sangong.overseas.span.line == LINE + 2
    assert [f.code for f in run_checks(doc) if f.code == "CP004"] == []


def test_all_of_the_vehicle_total_as_upkeep_states_no_purchase(sample_text: str, tmp_path: Path) -> None:
    """（全部为公务用车运维费）alone: the purchase part is none (a false CP004 "其中公务用车购置费")."""
    words = "公务用车购置及运维费12.5万元（全部为公务用车运维费)"
    doc = rewrite(sample_text, tmp_path, {LINE: lambda line: line.replace(VEHICLE, words)})
    assert doc.sangong.vehicle_purchase is not None and doc.sangong.vehicle_purchase.yuan == Decimal(0)
    assert _cp004(sample_text, tmp_path, VEHICLE, words) == []
