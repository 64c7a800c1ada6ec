"""A change's reason written on a line of its own: the overview's paragraph naming the item (项目支出减少的主要原因是…)
is the change's reason, and the report cites the line the quoted words stand on. Before, such a reason was missed (a
false VA002 and CP005), and a reason found on another line (a “三公” table's reasons after it) was quoted without its
line — the auditor could not go from the quotation to the document."""

from __future__ import annotations

import pytest

from budget_audit.checks import run_checks
from budget_audit.narrative import build_narrative
from budget_audit.variance import yoy_rows
from checks.cases import parse_text
from test_variance_narrative import CURRENT

SAME_LINE = "项目支出减少120.00万元，主要为道路维修项目完工。"
OWN_LINE = "项目支出减少120.00万元。\n项目支出减少的主要原因是道路维修项目完工。"


def _line_of(text: str, words: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if words in line)


def test_a_reason_in_a_paragraph_of_its_own_is_the_changes_and_cited_by_its_line() -> None:
    text = CURRENT.replace(SAME_LINE, OWN_LINE)
    doc = parse_text(text)
    reason_line, change_line = _line_of(text, "减少的主要原因是"), _line_of(text, "项目支出减少120.00万元")
    project = next(c for c in doc.expenditure.changes if c.subject == "项目支出")
    assert project.reason is not None and project.reason.text == "道路维修项目完工"
    assert project.reason.span.line == reason_line

    findings = run_checks(doc)
    assert not [f for f in findings if f.code in {"VA002", "CP005"} and "项目支出较上年" in f.message]
    hint = next(f for f in findings if f.code == "VA001" and f.message.startswith("项目支出"))
    assert reason_line in hint.lines and change_line in hint.lines
    assert hint.message.endswith(f"“道路维修项目完工”（第{reason_line}行）")

    changes = next(s for s in build_narrative(doc, findings, yoy_rows(doc)) if s.title == "重大变动")
    said = next(s for s in changes.sentences if s.text.startswith("项目支出"))
    assert reason_line in said.lines and f"“道路维修项目完工”（第{reason_line}行）" in said.text


def test_a_reason_on_the_changes_own_line_is_not_cited_twice() -> None:
    doc = parse_text(CURRENT)
    findings = run_checks(doc)
    hint = next(f for f in findings if f.code == "VA001" and f.message.startswith("项目支出"))
    assert hint.message.endswith("“道路维修项目完工”") and len(hint.evidence) == 2
    changes = next(s for s in build_narrative(doc, findings, yoy_rows(doc)) if s.title == "重大变动")
    said = next(s for s in changes.sentences if s.text.startswith("项目支出"))
    assert said.text.endswith("“道路维修项目完工”。")


def test_a_paragraph_naming_no_figure_of_the_overview_gives_no_reason() -> None:
    """人员减少的主要原因是… speaks of staff, not of any of the overview's figures."""
    text = CURRENT.replace(SAME_LINE, "项目支出减少120.00万元。\n人员减少的主要原因是退休2人。")
    project = next(c for c in parse_text(text).expenditure.changes if c.subject == "项目支出")
    assert project.reason is None
    assert any(f.code == "VA002" and f.message.startswith("项目支出") for f in run_checks(parse_text(text)))


def test_a_paragraph_that_states_changes_itself_is_read_as_it_is() -> None:
    """A later paragraph with changes of its own (基本支出增加…) keeps its words to those changes."""
    text = CURRENT.replace(SAME_LINE, "项目支出减少120.00万元。\n其中基本支出增加20.00万元，项目支出减少的主要原因是道路维修项目完工。")
    project = next(c for c in parse_text(text).expenditure.changes if c.subject == "项目支出" and c.amount.span.line == 6)
    assert project.reason is None


@pytest.mark.parametrize(("words", "reasoned"), [
    ("项目支出减少的主要原因是道路维修项目完工。", {"项目支出"}),
    ("项目支出增加的主要原因是道路维修项目完工。", set()),  # another direction: no reason of this decrease
    ("2023年项目支出减少的主要原因是道路维修项目完工。", set()),  # last year's reason
    ("政府采购预算减少的主要原因是道路维修项目完工。", set()),  # no figure of the overview: not the total's
    ("一般公共预算拨款支出减少的主要原因是道路维修项目完工。", set()),  # a fund's spending: its own change
    ("机关运行经费减少的主要原因是道路维修项目完工。", set()),
    ("项目支出减少及基本支出增加的主要原因是项目调整和人员调资。", {"项目支出", "基本支出"}),
    ("支出减少的主要原因是道路维修项目完工。", {"收支合计"}),
])
def test_a_reason_of_its_own_goes_to_the_item_and_direction_it_names(words: str, reasoned: set[str]) -> None:
    """A reviewer's next round: a reason naming 政府采购预算, 机关运行经费 or a fund's spending went to the total (its true
    VA002 lost), 项目支出增加的原因 to its decrease, 2023年's to 2024's, and …减少及…增加的原因 to one item only."""
    text = CURRENT.replace("基本支出增加20.00万元，主要为人员经费增加；" + SAME_LINE,
                           "基本支出增加20.00万元；项目支出减少120.00万元。\n" + words)
    changes = parse_text(text).expenditure.changes
    assert {c.subject for c in changes if c.reason is not None} == reasoned, words


def test_an_income_sources_reason_of_its_own_is_read() -> None:
    text = CURRENT.replace("2024年预算收入300.00万元，其中：一般公共预算收入300.00万元，上年结转0万元。",
                           "2024年预算收入300.00万元，比上年减少100.00万元，其中：一般公共预算收入300.00万元，比上年减少100.00万元，"
                           "上年结转0万元。\n一般公共预算收入减少的主要原因是上级转移支付减少。")
    reasons = {c.subject: c.reason.text for c in parse_text(text).income.changes if c.reason is not None}
    assert "上级转移支付减少" in reasons.values(), reasons
