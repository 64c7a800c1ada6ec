"""A change written after an item in the middle of a list, the list going on after it (…其中：一般公共预算收入4739.51万元，
基金预算收入988.56万元，比上年增加88.56万元，财政专户核拨收入0万元，…): the item's — it was taken for the list's head's
(a CP005 naming 收入合计 rather than 基金预算收入)."""

from __future__ import annotations

from pathlib import Path

from budget_audit.model import Disclosure
from test_format_variants import rewrite

INCOME, OVERVIEW = 214, 221


def _changes(doc: Disclosure, line: int) -> list[tuple[str, int, str]]:
    return [(c.subject, c.direction, c.amount.value.raw) for c in doc.stated_changes() if c.amount.span.line == line]


def test_a_change_within_a_list_going_on_is_the_item_befores(sample_text: str, tmp_path: Path) -> None:
    line = sample_text.split("\n")[INCOME - 1]
    doc = rewrite(sample_text, tmp_path, {INCOME: line.replace("基金预算收入988.56万元，", "基金预算收入988.56万元，比上年增加88.56万元，")})
    assert _changes(doc, INCOME) == [("收入来源（基金预算收入）", 1, "88.56万元")]


def test_a_change_after_the_whole_list_stays_the_heads(sample_text: str, tmp_path: Path) -> None:
    line = sample_text.split("\n")[INCOME - 1]
    doc = rewrite(sample_text, tmp_path, {INCOME: line.replace("上年结转891.02万元。", "上年结转891.02万元，比上年增加88.56万元。")})
    assert _changes(doc, INCOME) == [("收入合计", 1, "88.56万元")]


def test_a_change_after_a_sublist_before_items_of_the_heads_rank_stays_the_heads(sample_text: str,
                                                                                  tmp_path: Path) -> None:
    """基本支出…，其中：人员经费…，公用经费…，比上年增加73.07万元，项目支出…，较上年减少…: later items with changes of their own
    are of the head's rank; the change after the sublist is 基本支出's."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元。基本支出2319.63万元，"
                                                    "其中：人员经费2000万元，公用经费319.63万元，比上年增加73.07万元，项目支出4343.85万元，"
                                                    "较上年减少2090.87万元。"})
    assert _changes(doc, OVERVIEW) == [("收支合计", -1, "2017.79万元"), ("基本支出", 1, "73.07万元"),
                                       ("项目支出", -1, "2090.87万元")]


def test_a_figure_stated_beside_the_list_does_not_carry_it_on(sample_text: str, tmp_path: Path) -> None:
    """…，其他来源收入0万元，较上年减少1000万元，另有上年结转891.02万元: 另有 states a figure beside the list, not its next
    item — the change after the list's last item is the head's (R47: it was 其他来源收入's, a 0万元 item)."""
    line = sample_text.split("\n")[INCOME - 1]
    doc = rewrite(sample_text, tmp_path, {INCOME: line.replace("其他来源收入0万元，", "其他来源收入0万元，较上年减少1000万元，另有")})
    assert _changes(doc, INCOME) == [("收入合计", -1, "1000万元")]
