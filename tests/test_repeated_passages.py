"""CS006 names the passage a repeated run of items repeats: the earliest place holding them all in order, not the
first occurrence of each item alone — two stock indicator lines repeated at 152–153 were said to repeat "第81—136行",
a range spanning two projects (the first 满意度指标 heading at 81, the first full passage at 135–136)."""

from __future__ import annotations

from pathlib import Path

from budget_audit.checks import run_checks
from budget_audit.parse import parse_file

_SATISFIED = "满意度指标：服务对象满意度达到百分之九十以上并持续提升"
_SERVICE = "服务质量指标：辖区群众对社区服务项目的满意率不低于百分之九十五"


def _messages(tmp_path: Path, body: list[str]) -> list[str]:
    path = tmp_path / "doc.txt"
    path.write_text("\n".join(["2023年单位预算信息公开情况说明", "五、绩效预算信息", *body]), encoding="utf-8")
    return [f.message for f in run_checks(parse_file(path)) if f.code == "CS006"]


def test_a_repeated_passage_names_the_passage_it_repeats(tmp_path: Path) -> None:
    messages = _messages(tmp_path, ["1.甲项目", _SATISFIED, "2.乙项目", _SERVICE, _SATISFIED,
                                    "3.丙项目", _SERVICE, _SATISFIED])
    assert "第9—10行的2段（条）文字与第6—7行重复" in messages


def test_items_repeated_from_different_places_keep_their_first_occurrences(tmp_path: Path) -> None:
    """No earlier passage holds the two in this order: each item's first occurrence, as before."""
    messages = _messages(tmp_path, ["1.甲项目", _SATISFIED, "2.乙项目", _SERVICE, "3.丙项目", _SATISFIED, _SERVICE])
    assert "第8—9行的2段（条）文字与第4—6行重复" in messages
