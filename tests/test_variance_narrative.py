"""Variance tables and narrative on small fixture documents (current and prior year)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from budget_audit.checks import run_checks
from budget_audit.narrative import build_narrative, narrative_text
from budget_audit.variance import (
    compare_documents,
    headline,
    project_table,
    yoy_frame,
    yoy_rows,
    yoy_table,
)
from checks.cases import parse_text

PROJECT = """{seq}.{name}绩效目标表
\t303001某局
\t单位：元

\t项目编码
\t{code}
\t项目名称
\t{name}

\t预算规模及资金用途
\t预算数
\t{budget}
\t其中：财政资金
\t{budget}
\t其他资金
\t

\t
\t用于{name}。
"""

CURRENT = (
    """某局
2024年单位预算信息公开情况说明
二、单位预算安排的总体情况
2024年预算收入300.00万元，其中：一般公共预算收入300.00万元，上年结转0万元。
2024年支出预算300.00万元，其中基本支出200.00万元，包括人员类项目经费150.00万元和运转类公用项目经费50.00万元；项目支出100.00万元。
2024年预算收支安排300.00万元，较2023年预算减少100.00万元，其中：基本支出增加20.00万元，主要为人员经费增加；项目支出减少120.00万元，主要为道路维修项目完工。
三、机关运行经费安排情况
2024年，我局机关运行经费共计安排50.00万元。
四、财政拨款“三公”经费预算情况及增减变化原因
2024年，我局财政拨款“三公”经费预算安排3.00万元。其中，因公出国（境）费0万元；公务用车购置及运维费2.00万元（其中：公务用车购置费为0万元，公务用车运维费2.00万元)；公务接待费1.00万元。与2023年相比减少1.00万元，其中，公务接待费减少1.00万元，主要原因是压减接待。
五、绩效预算信息
"""
    + PROJECT.format(seq=1, name="信息系统运维", code="13102824P00000000001A", budget="600000.00")
    + "\n"
    + PROJECT.format(seq=2, name="档案数字化", code="13102824P00000000002B", budget="400000.00")
)

PRIOR = (
    """某局
2023年单位预算信息公开情况说明
二、单位预算安排的总体情况
2023年预算收入400.00万元，其中：一般公共预算收入400.00万元。
2023年支出预算400.00万元，其中基本支出180.00万元，包括人员类项目经费140.00万元和运转类公用项目经费40.00万元；项目支出220.00万元。
四、财政拨款“三公”经费预算情况及增减变化原因
2023年，我局财政拨款“三公”经费预算安排4.00万元。其中，因公出国（境）费0万元；公务用车购置及运维费2.00万元；公务接待费2.00万元。
五、绩效预算信息
"""
    + PROJECT.format(seq=1, name="信息系统运维", code="13102823P00000000001A", budget="500000.00")
    + "\n"
    + PROJECT.format(seq=2, name="道路维修", code="13102823P00000000009Z", budget="1700000.00")
)


@pytest.fixture(scope="module")
def current():
    return parse_text(CURRENT)


@pytest.fixture(scope="module")
def prior():
    return parse_text(PRIOR)


def test_yoy_table_implies_prior_year(current) -> None:
    table = yoy_table(current).set_index("项目")
    assert table.loc["项目支出", "本年"] == Decimal("100.00")
    assert table.loc["项目支出", "上年"] == Decimal("220.00")
    assert table.loc["项目支出", "变动率"] == Decimal("-54.5")
    assert bool(table.loc["项目支出", "重大变动"])
    assert table.loc["项目支出", "原因"] == "道路维修项目完工"
    assert table.loc["基本支出", "上年"] == Decimal("180.00")
    assert bool(table.loc["基本支出", "重大变动"])  # 20万元, 11.1%
    assert table.loc["公务接待费", "上年"] == Decimal("2.00")
    assert not bool(table.loc["公务接待费", "重大变动"])  # 1万元 is below the 10万元 floor
    assert all(table["行号"].map(bool))


def test_compare_documents_stated_vs_actual(current, prior) -> None:
    table = compare_documents(current, prior).set_index("项目")
    assert table.loc["项目支出", "变动额"] == Decimal("-120.00")
    assert table.loc["项目支出", "所述变动"] == Decimal("-120.00")
    assert table.loc["项目支出", "差异"] == Decimal("0.00")
    assert table.loc["支出合计", "变动额"] == Decimal("-100.00")
    assert table.loc["公务接待费", "上年"] == Decimal("2.00")


def test_compare_documents_flags_wrong_stated_change(current, prior) -> None:
    wrong = parse_text(CURRENT.replace("项目支出减少120.00万元", "项目支出减少100.00万元"))
    table = compare_documents(wrong, prior).set_index("项目")
    assert table.loc["项目支出", "差异"] == Decimal("20.00")
    findings = [f for f in run_checks(wrong, prior=prior) if f.code == "VA003"]
    assert len(findings) == 1 and "项目支出" in findings[0].message


def test_project_matching_by_code_then_name(current, prior) -> None:
    table = project_table(current, prior)
    how = dict(zip(table["项目名称"], table["匹配方式"], strict=True))
    # codes differ by year, so the renewed project matches by its normalised name
    assert how == {"信息系统运维": "名称", "档案数字化": "新增", "道路维修": "上年有本年无"}
    row = table.set_index("项目名称").loc["信息系统运维"]
    assert row["本年预算"] == Decimal("60.00") and row["上年预算"] == Decimal("50.00")


def _numbers(text: str) -> set[str]:
    from budget_audit.checks import REGISTRY, rule_title

    for code in REGISTRY:  # rule names are names, not figures: 百分比指标值超过100%（增长率除外）（IN004）
        text = text.replace(f"{rule_title(code)}（{code}）", "")
    text = re.sub(r"(?<![A-Za-z0-9])[A-Z]{2}\d{3}(?!\d)", "", text)  # rule codes are names, not figures
    return {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def _allowed(doc, findings, tables) -> set[str]:
    allowed: set[str] = set()
    for table in tables:
        for value in table.to_numpy().ravel():
            allowed |= _numbers(str(value))
    for f in findings:
        allowed |= _numbers(f.message) | {str(n) for n in f.lines}
        allowed |= {str(e.line) for e in f.evidence}
    counts = [len(findings)] + [sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")]
    counts += [  # the verdict's breakdown of errors (or warnings) by category
        sum(1 for f in findings if f.severity == s and f.category == c)
        for s in ("error", "warning")
        for c in {f.category for f in findings}
    ]
    allowed |= {str(c) for c in counts}
    for label, fig in headline(doc).items():
        if fig is not None and fig.yuan is not None:
            allowed |= _numbers(f"{fig.yuan / 10000:.2f}") | {str(fig.span.line)} | _numbers(label)
    allowed |= {str(doc.year), str(len(doc.projects))} | _numbers(doc.title.text if doc.title else "")
    return allowed


@pytest.mark.parametrize("which", ["current", "with_findings"])
def test_every_number_in_narrative_is_backed(which: str, current) -> None:
    doc = current if which == "current" else parse_text(CURRENT.replace("公务接待费1.00万元", "公务接待费1.50万元"))
    findings = run_checks(doc)
    rows = yoy_rows(doc)
    yoy = yoy_frame(rows)
    text = narrative_text(build_narrative(doc, findings, rows))
    projects = project_table(doc)
    backed = _allowed(doc, findings, [yoy, projects])
    # the project count and their total are facts of the project table
    backed |= {str(len(projects)), f"{sum(projects['本年预算']):.2f}"}
    loose = _numbers(text) - backed
    assert not loose, f"numbers without a figure or finding behind them: {loose}\n{text}"
    if which == "with_findings":
        assert "RC009" in text and "错误" in text


def test_narrative_sentences_cite_lines(current) -> None:
    sections = build_narrative(current, run_checks(current), yoy_rows(current))
    titles = [s.title for s in sections]
    assert titles == ["总体结论", "收支概况", "重大变动", "主要问题", "审计关注建议"]
    overview = sections[1]
    assert overview.sentences and all(s.lines for s in overview.sentences)
    changes = sections[2]
    assert any("道路维修项目完工" in s.text and s.lines for s in changes.sentences)
    # the reader sees the lines: each sentence that has lines names its first one
    for section in sections:
        for sentence in section.sentences:
            if sentence.lines:
                assert f"第{min(sentence.lines)}" in sentence.text, sentence.text
    first = overview.sentences[0]
    assert first.text.endswith(f"（第{'、'.join(str(n) for n in first.lines)}行）。")


def test_project_tables_sentence_spans_to_the_last_tables_end(current) -> None:
    overview = build_narrative(current, [], yoy_rows(current))[1]
    sentence = next(s for s in overview.sentences if "绩效目标表2张" in s.text)
    first, last = current.projects[0].heading.span.line, current.projects[-1].end_line
    assert last > current.projects[-1].heading.span.line
    assert sentence.lines == (first, last) and f"（第{first}—{last}行）" in sentence.text


def test_verdict_names_the_kinds_of_errors(current) -> None:
    """Errors are not all arithmetic: a missing section is a completeness error."""
    lines = CURRENT.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("四、"))
    no_sangong = parse_text("\n".join(lines[:start] + lines[start + 2 :]))  # heading and its paragraph
    findings = run_checks(no_sangong)
    verdict = build_narrative(no_sangong, findings, yoy_rows(no_sangong))[0].sentences[1].text
    errors = [f for f in findings if f.severity == "error"]
    assert {f.code for f in errors} == {"CP001"}  # the missing 三公 section; all else adds up
    assert f"文件有{len(errors)}处错误（完整性{len(errors)}处，第" in verdict
    assert "勾稽" not in verdict

    broken = parse_text(CURRENT.replace("公务接待费1.00万元。", "公务接待费1.50万元。"))
    findings = run_checks(broken)
    verdict = build_narrative(broken, findings, yoy_rows(broken))[0].sentences[1].text
    reconcile = sum(1 for f in findings if f.severity == "error" and f.category == "reconcile")
    assert reconcile and f"勾稽核对{reconcile}处" in verdict


def test_verdict_puts_a_cut_off_file_first() -> None:
    """A copy that stops mid-sentence: the verdict says so before counting missing parts."""
    cut = CURRENT[: CURRENT.index("四、")] + "2024年，我局财政拨款“三公”经费预算安排3.0"
    doc = parse_text(cut)
    findings = run_checks(doc)
    sentences = build_narrative(doc, findings, yoy_rows(doc))[0].sentences
    assert sentences[1].text.startswith("请先核对原件：文件在第")
    assert f"第{doc.last_line.line}行" in sentences[1].text and "CP001" in sentences[1].text
    whole = build_narrative(parse_text(CURRENT), run_checks(parse_text(CURRENT)), yoy_rows(parse_text(CURRENT)))
    assert not any("请先核对原件" in s.text for s in whole[0].sentences)


def test_a_material_change_without_its_own_reason_says_so() -> None:
    """公务用车购置费 −18万元 (100%): the group's reason names only 运维费."""
    from pathlib import Path

    from budget_audit.report import build_unit_report

    params = Path(__file__).resolve().parent.parent / "params" / "units" / "303001.yaml"
    text = narrative_text(build_unit_report(params).narrative)
    assert "公务用车购置费较上年减少18.00万元（100.0%，第229行），未见针对本项的原因说明（见规则VA002）。" in text


def test_a_document_that_states_no_change_is_not_said_to_have_only_small_ones() -> None:
    """Before, a document with no stated change read: 文件所述同比变动均未达到重要性水平 (as if some were stated)."""
    from budget_audit.narrative import changes

    assert [s.text for s in changes([]).sentences] == ["文件未写出与上年相比的增减变动，无从判断有无重大变动。"]
    small = [{**row, "重大变动": False} for row in yoy_rows(parse_text(CURRENT))]
    assert small and [s.text for s in changes(small).sentences] == ["文件所述同比变动均未达到重要性水平。"]


def test_the_main_problems_name_each_rows_whole_range() -> None:
    """A finding on a table row over several lines is placed by its range (第601—606行), not by its first line alone,
    which may hold only an empty cell (before: （第601行）)."""
    from pathlib import Path

    from budget_audit.report import build_unit_report

    params = Path(__file__).resolve().parent.parent / "params" / "units" / "303001.yaml"
    report = build_unit_report(params)
    by_fingerprint = {f.fingerprint: f for f in report.result.findings}
    problems = next(s for s in report.narrative if s.title == "主要问题")
    rows = 0
    for sentence in problems.sentences:
        if not sentence.fingerprints:
            continue
        evidence = sorted({(e.line, e.end_line) for e in by_fingerprint[sentence.fingerprints[0]].evidence})
        if all(a == b for a, b in evidence):
            shown = "第" + "、".join(str(a) for a, _ in evidence[:6]) + ("等" if len(evidence) > 6 else "") + "行"
        else:
            shown = "、".join(f"第{a}行" if a == b else f"第{a}—{b}行" for a, b in evidence[:6])
            shown += "等" if len(evidence) > 6 else ""
        assert sentence.text.endswith(f"（{shown}）。"), sentence.text
        rows += any(a != b for a, b in evidence)
    assert rows


def test_every_reason_the_narrative_quotes_is_the_documents_own_words(sample_path) -> None:
    """Before, a total explained by its parts was quoted as “公务用车购置及运维费：公务用车更新…” — words the document
    does not contain (a reviewer's find); now only the document's words stand in quotation marks."""
    from pathlib import Path

    from budget_audit.report import build_unit_report

    document = sample_path.read_text(encoding="utf-8")
    params = Path(__file__).resolve().parent.parent / "params" / "units" / "303001.yaml"
    changes = next(s for s in build_unit_report(params).narrative if s.title == "重大变动")
    quoted = [q for s in changes.sentences for q in re.findall(r"“([^“”]+)”", s.text)]
    assert quoted and all(q in document for q in quoted), [q for q in quoted if q not in document]
    by_parts = [s.text for s in changes.sentences if "所列组成部分的原因是" in s.text]
    assert by_parts and all("文中未说明合计的原因" in t for t in by_parts)



def test_each_recommendation_names_what_its_rules_check(sample_path) -> None:
    """Before: 完整性（规则CP011）（第3174行）：请单位补充公开缺失的内容 — which content, the auditor had to look up (a
    reviewer's find). Each rule behind a recommendation is named by what it checks, with its code."""
    from pathlib import Path

    from budget_audit.checks import rule_title
    from budget_audit.report import build_unit_report

    report = build_unit_report(Path(__file__).resolve().parent.parent / "params" / "units" / "303001.yaml")
    asks = next(s for s in report.narrative if s.title == "审计关注建议").sentences
    serious = {f.code for f in report.result.findings if f.severity != "info"}
    named = {code for s in asks for code in re.findall(r"（([A-Z]{2}\d{3})）", s.text)}
    assert named == serious
    assert any("涉及：固定资产表中按面积、台数计量的资产应填写数量（CP011）。" in s.text for s in asks)
    assert all(f"{rule_title(code)}（{code}）" in "".join(s.text for s in asks) for code in serious)


def test_a_recommendation_asks_for_what_its_findings_are_about() -> None:
    """The category's ask fitted some of its rules badly (a reviewer's find): a spending plan at odds with a timing
    indicator (IN016) was asked to make indicators 具体、可衡量; a stated change against last year's document (VA003) for
    上年预算数; staffing parts (RC013) for the 收支预算总表. Those rules ask for their own."""
    from budget_audit.checks import Finding
    from budget_audit.narrative import asks

    def finding(code: str, category: str, line: int) -> Finding:
        return Finding(code=code, name="", category=category, severity="warning", message="m", expected=None,
                       actual=None, unit_code=None, project_code=None, project_name=None, lines=(line,), evidence=(),
                       fingerprint=f"{code}{line}")

    sentences = [s.text for s in asks([finding("IN016", "indicator", 10), finding("IN002", "indicator", 20),
                                       finding("VA003", "variance", 30), finding("RC013", "reconcile", 40),
                                       finding("IN004", "indicator", 50)]).sentences]
    assert sentences[0].startswith("勾稽核对（第40行）：请单位提供机构编制批复文件")
    assert sentences[1].startswith("绩效指标质量（第10行）：请单位核对时效指标写明的完成时间与资金支出进度计划") \
        and "（IN016）" in sentences[1]  # either may be the wrong one (a supervisor's find: the plan was fine)
    assert sentences[2].startswith("绩效指标质量（第20行）：请单位修改绩效目标表") and "（IN002）" in sentences[2]
    assert sentences[3].startswith("绩效指标质量（第50行）：请单位核实超过100%的指标值及其统计口径")  # not 与预算金额相匹配
    assert sentences[4].startswith("同比变动（第30行）：请单位对照上年公开的预算文件核实所述增减变化")


def test_rows_and_changes_resting_on_figures_at_odds_name_the_findings(sample_text: str, tmp_path) -> None:
    """A supervisor's find: a row whose figures the checks found at odds (公务接待费 0.94 written 1.94: the parts
    no longer make the total, last year's value implied two ways) was shown — and its change narrated — as fact."""
    from budget_audit.parse import parse_file
    from budget_audit.variance import yoy_rows

    path = tmp_path / "planted.txt"
    path.write_text(sample_text.replace("公务接待费0.94万元。", "公务接待费1.94万元。"), encoding="utf-8")
    doc = parse_file(path)
    rows = {row["项目"]: row for row in yoy_rows(doc, findings=run_checks(doc))}
    assert rows["公务接待费"]["相关问题"] == "RC009、RC011、RC012"
    assert rows["公务用车购置费"]["相关问题"] == ""  # VA002 (no reason of its own) is no figure at odds
    assert rows["基本支出"]["相关问题"] == ""
    rows["公务接待费"]["重大变动"] = rows["基本支出"]["重大变动"] = True  # (0.08万元 is below the floor)
    said = build_narrative(doc, [], [rows["公务接待费"]], "303001", "")
    assert "本项数字与文件其他数字不符或有疑问（见规则RC009、RC011、RC012），上年数和变动额有待核实。" in narrative_text(said)
    assert "上年数和变动额有待核实" not in narrative_text(build_narrative(doc, [], [rows["基本支出"]], "303001", ""))


def test_the_overview_says_when_the_figures_it_lists_are_at_odds(sample_doc) -> None:
    """"“三公”经费18.84万元，其中…0.94万元" over parts adding up to 13.44 was told as fact (a supervisor's find): the
    sentence names the rule that found them at odds; one whose figures agree (机关运行经费) says nothing more."""
    from budget_audit.narrative import overview

    said = {s.text[:4]: s.text for s in overview(sample_doc, "303001", findings=run_checks(sample_doc)).sentences}
    assert said["“三公”"].endswith("（第229行）；这些数字之间或与文件其他数字不符（见规则RC009）。")
    assert said["机关运行"] == "机关运行经费184.40万元（第225行）。"
    assert "不符" not in "".join(s.text for s in overview(sample_doc, "303001").sentences)  # no findings given


def test_last_years_document_stands_beside_the_implied_prior(current, prior) -> None:
    """With last year's document supplied, the year-on-year table showed only the prior implied by the stated
    changes while the comparison table (and VA003) used the document's: two tables disagreeing with no link (a
    supervisor's find). 上年文件 puts the document's figure beside it; the narrative names a difference."""
    from budget_audit.variance import yoy_rows

    wrong = parse_text(CURRENT.replace("项目支出减少120.00万元", "项目支出减少100.00万元"))
    rows = {r["项目"]: r for r in yoy_rows(wrong, findings=run_checks(wrong, prior=prior), prior=prior)}
    assert (rows["项目支出"]["上年"], rows["项目支出"]["上年文件"]) == (Decimal("200.00"), Decimal("220.00"))
    assert "VA003" in rows["项目支出"]["相关问题"]
    rows["项目支出"]["重大变动"] = True
    said = narrative_text(build_narrative(wrong, [], [rows["项目支出"]], "303001", ""))
    assert "上年公开文件中本项为220.00万元，与按所述变动推算的上年数200.00万元不同。" in said
    assert all(r["上年文件"] is None for r in yoy_rows(wrong))  # no document given
    same = {r["项目"]: r for r in yoy_rows(current, prior=prior)}
    assert same["项目支出"]["上年"] == same["项目支出"]["上年文件"]


def test_the_changes_cite_va001_and_va002_only_as_they_stand(sample_path) -> None:
    """A reviewer dismissed VA002 on 公务用车购置费 and VA001 on 项目支出: 审计关注建议 dropped them while 重大变动
    still said 见规则VA002 and listed the change as before; a selection without VA002 cited it too."""
    from budget_audit.parse import parse_file

    doc = parse_file(sample_path)
    findings = run_checks(doc)
    rows = yoy_rows(doc, findings=findings)

    def said(kept: list, dismissed: list) -> str:
        return narrative_text([build_narrative(doc, kept, rows, dismissed=dismissed)[2]])

    car = [f for f in findings if f.code == "VA002" and f.message.startswith("公务用车购置费较上年")]
    spending = [f for f in findings if f.code == "VA001" and f.message.startswith(("项目支出较上年", "收支合计较上年"))]
    assert len(car) == 1 and len(spending) == 2
    rest = [f for f in findings if f not in car + spending]
    text = said(findings, [])
    assert "公务用车购置费较上年减少18.00万元（100.0%，第229行），未见针对本项的原因说明（见规则VA002）。" in text
    assert "经复核已排除" not in text
    text = said(rest, car + spending)
    assert "见规则VA002" not in text
    assert "（100.0%，第229行），文中未见针对本项的原因说明，该问题经复核已排除（规则VA002）。" in text
    assert re.search(r"项目支出较上年减少2,?090\.87万元[^。]*。列示本项重大变动的提示已经复核排除（规则VA001）。\n", text), text
    # the hint is set aside, not the change: a rule finding its figures at odds still says so, without contradiction
    assert "列示本项重大变动的提示已经复核排除（规则VA001）。本项数字与文件其他数字不符或有疑问（见规则RC002）" in text
    text = said(rest, [])  # VA002 and VA001 not run
    assert "（100.0%，第229行），文中未见针对本项的原因说明。" in text and "规则VA00" not in text
