"""A reason given inside a list of figures ends where the next item of the list starts with its own figure
(…，基金预算收入988.56万元，比上年增加88.56万元，主要是专项债券项目资金增加，财政专户核拨收入0万元，…，上年结转891.02万元):
it ran to the sentence's end and swallowed the later items' figures — 上年结转 went unread and RC002 said the income
and the spending differed by 935.42万元 (未读到上年结转，按0计). Amounts a reason names itself stay in it."""

from __future__ import annotations

from pathlib import Path

from budget_audit.checks import run_checks
from budget_audit.parse.changes import stated_amounts, stated_changes
from test_format_variants import rewrite

INCOME_LINE = 214
INCOME = ("反映本单位当年全部收入。2023年预算收入5728.07万元，其中：一般公共预算收入4739.51万元，基金预算收入988.56万元，"
          "比上年增加88.56万元，主要是专项债券项目资金增加，财政专户核拨收入0万元，其他来源收入0万元，上年结转891.02万元。")


def test_the_items_after_a_reason_in_a_list_are_read(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {INCOME_LINE: INCOME})
    (rc002,) = [f for f in run_checks(doc) if f.code == "RC002"]
    assert "相差 44.40万元" in rc002.message and "未读到上年结转" not in rc002.message  # the sample's own RC002
    (change,) = stated_changes(INCOME)
    assert change.reason == "专项债券项目资金增加"
    assert [a.label for a in stated_amounts(INCOME)][-3:] == ["财政专户核拨收入", "其他来源收入", "上年结转"]


def test_a_breakdown_after_a_reason_is_read() -> None:
    text = "基本支出421.37万元，比上年增加11.51万元，主要原因是调整工资标准和社会保险缴费基数，其中人员经费372.65万元，公用经费48.72万元。"
    (change,) = stated_changes(text)
    assert change.reason == "调整工资标准和社会保险缴费基数"
    assert [a.label for a in stated_amounts(text)] == ["基本支出", "人员经费", "公用经费"]


def test_amounts_a_reason_names_stay_in_it() -> None:
    for text, reason in [
        ("基本支出增加73.07万元，主要为调整工资标准，人员经费提高70万元。", "调整工资标准，人员经费提高70万元"),
        ("基本支出增加73.07万元，主要原因是新增人员3名，增加工资50万元。", "新增人员3名，增加工资50万元"),
        ("项目支出减少2090.87万元，主要为天然气迎风度冬保障资金压减2000万元。", "天然气迎风度冬保障资金压减2000万元"),
        ("基本支出增加73.07万元，主要原因是上年结转资金50万元，今年不再安排。", "上年结转资金50万元，今年不再安排"),
        ("基本支出增加73.07万元，主要原因是人员调入，新增人员经费50万元。", "人员调入，新增人员经费50万元"),
        ("项目支出减少2090.87万元，主要原因是项目结束，今年不再安排购置经费18万元。", "项目结束，今年不再安排购置经费18万元"),
    ]:
        (change,) = [c for c in stated_changes(text) if c.reason is not None]
        assert change.reason == reason
        assert [a.label for a in stated_amounts(text)] == []


def test_last_years_figure_or_an_example_in_a_reason_stays_in_it() -> None:
    """上年公务用车购置费18万元 and 如天然气迎风度冬保障资金2000万元 are a reason's words, not the next item of a list (R47: the
    reason was cut there, and what it said after was lost)."""
    text = ("公务用车购置费减少18万元，主要原因是本年无更新车辆计划，上年公务用车购置费18万元，本年不再列支。"
            "项目支出减少2090.87万元，主要原因是上年列支的一次性项目本年未再列支，如天然气迎风度冬保障资金2000万元。")
    assert [c.reason for c in stated_changes(text)] == [
        "本年无更新车辆计划，上年公务用车购置费18万元，本年不再列支",
        "上年列支的一次性项目本年未再列支，如天然气迎风度冬保障资金2000万元"]


def test_carry_over_after_a_reason_is_still_the_next_item() -> None:
    text = "基金预算收入988.56万元，比上年增加88.56万元，主要是专项债券项目资金增加，上年结转891.02万元。"
    assert [c.reason for c in stated_changes(text)] == ["专项债券项目资金增加"]
