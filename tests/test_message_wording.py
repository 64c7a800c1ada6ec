"""How a few messages word their figures for a reader: a budget ratio as "最高是最低的N倍",
not "相差N倍" (which reads as a difference), and a spending plan at 0% as "累计支出0%，未达100%",
not "累计只有0%"."""

from __future__ import annotations

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.parse import parse_file


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


def test_a_gap_smaller_than_a_cent_of_wan_is_shown_in_yuan(sample_text: str, tmp_path) -> None:
    """财政资金 260,698.00元 against the budget 260,700.00元: 26.07万元 against 26.07万元, "相差 0.00万元" — in 元."""
    lines = sample_text.split("\n")
    assert lines[550] == "\t260700.00"  # line 551: the project's 财政资金
    lines[550] = "\t260698.00"
    path = tmp_path / "doc.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    (message,) = [f.message for f in run_checks(parse_file(path)) if f.code == "RC015"]
    assert message == "项目预算数 260,700.00元 不等于财政资金与其他资金之和 260,698.00元，相差 2.00元"


def test_a_gap_rounding_to_no_cent_of_wan_is_shown_in_yuan(sample_text: str, tmp_path) -> None:
    """260,650.00元 against 260,700.00元: 26.06 against 26.07万元 to the cent, but "相差 0.00万元" (a reviewer's RC003
    showed 31,613.86 against 31,613.87万元, 相差 0.00万元): in 元."""
    lines = sample_text.split("\n")
    lines[550] = "\t260650.00"
    path = tmp_path / "doc.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    (message,) = [f.message for f in run_checks(parse_file(path)) if f.code == "RC015"]
    assert message == "项目预算数 260,700.00元 不等于财政资金与其他资金之和 260,650.00元，相差 50.00元"


def test_a_gap_of_a_cent_of_wan_or_more_stays_in_wan(sample_doc: Disclosure) -> None:
    (message,) = [f.message for f in run_checks(sample_doc) if f.code == "RC009"]
    assert "相差 5.40万元" in message


def test_table_names_a_sentence_mentions_are_quoted_without_its_words(sample_text: str, tmp_path) -> None:
    """“故政府性基金预算支出表”, “其中政府性基金预算支出表” were quoted as names of tables."""
    lines = sample_text.split("\n")
    lines[211] += "本单位无政府性基金预算，故政府性基金预算支出表为空表；其中国有资本经营预算支出表亦为空表。"
    path = tmp_path / "doc.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    (message,) = [f.message for f in run_checks(parse_file(path)) if f.code == "CP006"]
    assert "“政府性基金预算支出表”" in message and "“国有资本经营预算支出表”" in message
    assert "“故" not in message and "“其中" not in message


def test_the_tables_said_apart_are_quoted_to_the_end_of_their_clause(sample_text: str, tmp_path) -> None:
    """…详见附件1，附件2未随本文发布: CP006 quoted “预算公开表（共9张）详见附件1，附件”, into the next clause (a reviewer's
    find); it quotes to 附件1. …详见附件（附件未随本文发布）, …详见附件，附件未随本文发布 still deny it (no quote)."""
    def quoted(words: str) -> list[str]:
        lines = sample_text.split("\n")
        lines[3217] = words
        path = tmp_path / "doc.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        return [f.message for f in run_checks(parse_file(path)) if f.code == "CP006"]

    (message,) = quoted("部门预算公开表（共9张）详见附件1，附件2未随本文发布。")
    assert "（“预算公开表（共9张）详见附件1”）" in message
    for denied in ("部门预算公开表（共9张）详见附件（附件未随本文发布）。", "部门预算公开表（共9张）详见附件，附件未随本文发布。"):
        (message,) = quoted(denied)
        assert "另行公开（“" not in message


def test_a_stale_year_in_an_indicator_is_said_to_be_in_the_indicators(sample_text: str, tmp_path) -> None:
    """≤2022年11月 in an indicator value: CS005 said 绩效目标中 (a reviewer's find); it names where the year is."""
    lines = sample_text.split("\n")
    lines[583] = "\t2022年11月底前"  # line 584: project 1's first indicator value
    path = tmp_path / "doc.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [f.message for f in run_checks(parse_file(path)) if f.code == "CS005" and 584 in f.lines]
    assert len(found) == 1 and found[0].startswith("项目“社会发展和经济运行服务费”的绩效指标中出现早于预算年度（2023年）的年份")


def test_a_project_sharing_its_name_with_another_table_is_named_with_its_code(sample_doc: Disclosure) -> None:
    """Tables 18 and 19 of the sample bear one name: "项目“关于下达2022年度冬季清洁取暖…”成本指标…超过项目预算数" did not
    say which (a supervisor's find). Its code tells them apart; a project of a name of its own is named as before."""
    (over,) = _messages(sample_doc, "IN014")
    assert over.startswith("项目“关于下达2022年度冬季清洁取暖预算的通知冀财建[2022]279号”（项目编码13102822P002816100313）成本指标")
    plain = [m for m in _messages(sample_doc, "IN003") if "储备粮管理经费" in m]
    assert plain and plain[0].startswith("项目“储备粮管理经费”有") and "项目编码" not in plain[0]
    names = [p.called for p in sample_doc.projects if p.namesake]
    assert len(names) == 2 and len(set(names)) == 2
