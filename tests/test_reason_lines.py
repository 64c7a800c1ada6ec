"""A change's reason written on a line of its own: the overview's paragraph naming the item (项目支出减少的主要原因是…)
is the change's reason, and the report cites the line the quoted words stand on. Before, such a reason was missed (a
false VA002 and CP005), and a reason found on another line (a “三公” table's reasons after it) was quoted without its
line — the auditor could not go from the quotation to the document."""

from __future__ import annotations

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
