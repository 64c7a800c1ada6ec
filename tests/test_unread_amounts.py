"""Amounts in forms the amount reader does not read (:mod:`budget_audit.ingest.unread`, rule CS012): each is listed
with its line and form — not passed over, so that a total so written is not merely "not stated" to the auditor."""

from __future__ import annotations

import pytest

from budget_audit.ingest.unread import unread_amounts


@pytest.mark.parametrize(
    ("text", "written", "kind"),
    [
        ("机关运行经费共计安排￥1,844,000.00，主要用于", "￥1,844,000.00", "currency"),
        ("机关运行经费共计安排¥ 1844000。", "¥ 1844000", "currency"),
        ("机关运行经费壹佰捌拾肆万肆仟元，主要用于", "壹佰捌拾肆万肆仟元", "numerals"),
        ("合计伍万元", "伍万元", "numerals"),
        ("上年结转891。02万元。", "891。02万元", "full_stop"),
        ("合计人民币伍拾万元整", "伍拾万元", "numerals"),
        ("收入伍仟柒佰贰拾捌点零柒万元", "伍仟柒佰贰拾捌点零柒万元", "numerals"),
    ],
)
def test_an_amount_in_a_form_not_read_is_listed(text: str, written: str, kind: str) -> None:
    found = unread_amounts([*["前一行"] * 7, text])
    assert [(f.line, f.written, f.kind) for f in found] == [(8, written, kind)]


@pytest.mark.parametrize(
    "text",
    [
        "2023年预算收入5728.07万元，上年结转891.02万元。",  # the forms read
        "2023年预算收入57280.7千元（金额单位：千元）",  # 千元 too
        "机关运行经费￥184.4万元",  # a currency sign before an amount with its unit: read
        "项目\t预算数（万元）",  # a unit in a header's brackets, after no number
        "公务用车运维费12.5万元)；公务接待费0.94万元。",  # a closing bracket after the unit
        "加强干部队伍建设，陆续完成，队伍元旦慰问",  # 伍 and 陆 in words
        "机关运行经费184.4（万元），主要用于",  # the unit in brackets: read
        "1,844,000.00元（大写：壹佰捌拾肆万肆仟元）",  # capitals beside the digits, which are read
        "详见附表1。50万元以上的项目另行说明",  # a sentence's last number, then the next's
        "完成任务3项。2023年预算5万元",  # a full stop after a count, then a year
    ],
)
def test_amounts_read_or_no_amounts_are_not_listed(text: str) -> None:
    assert unread_amounts([text]) == ()
