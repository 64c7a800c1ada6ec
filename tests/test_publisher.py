"""A unit published in another unit's document (the sample's 303004, in 发展和改革局's): the
findings about the document's shared text — income, “三公”, unit-wide goals, assets — are the
publisher's to correct. 303004's report asked the 指挥部 to correct the bureau's paragraphs
(“建议要求单位更正后重新公开”, “请单位提供预算批复文件…”)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure
from budget_audit.narrative import narrative_text
from budget_audit.parse import parse_file
from budget_audit.publisher import own_findings, publisher, same_unit
from budget_audit.report import build_unit_report, overview_html

REPO = Path(__file__).resolve().parent.parent
BUREAU = "大厂回族自治县发展和改革局"
HQ = "大厂回族自治县京唐城际铁路（大厂段）建设工作指挥部办公室"


def test_the_publisher_is_named_only_for_another_units_document(sample_doc: Disclosure, tmp_path: Path) -> None:
    assert publisher(sample_doc, "303004", HQ) == BUREAU
    assert publisher(sample_doc, "303004") == BUREAU  # named by its project tables
    assert publisher(sample_doc, "303001", BUREAU) is None
    assert publisher(sample_doc, "303001", "廊坊市" + BUREAU) is None  # a longer name of the same unit
    assert publisher(sample_doc, None) is None and publisher(sample_doc, "999999", "某单位") is None
    assert publisher(replace(sample_doc, projects=sample_doc.projects[-1:]), "303004", HQ) is None  # one unit
    assert same_unit("廊坊市" + BUREAU, BUREAU) and not same_unit(BUREAU, HQ) and not same_unit("", BUREAU)


def test_the_units_own_findings_are_those_in_its_project_tables(sample_path: Path) -> None:
    doc = parse_file(sample_path)
    findings = run_checks(doc, unit_code="303004")
    own = own_findings(findings, doc, "303004")
    assert sorted(f.code for f in findings if f.fingerprint in own) == ["IN001", "IN003", "IN016"]
    assert all(2913 <= f.first_line <= 3009 for f in findings if f.fingerprint in own)
    assert {f.code for f in findings if f.fingerprint not in own} >= {"RC002", "RC009", "CS005", "CP011"}


def test_the_narrative_asks_the_publisher_for_the_shared_text() -> None:
    text = narrative_text(build_unit_report(REPO / "params" / "units" / "303004.yaml").narrative)
    assert (f"本单位的预算在{BUREAU}的公开文件中一并公开，收支、“三公”经费等为文件的汇总数；3条问题在本单位的项目绩效目标表中，"
            f"其余18条在文件的其他部分，应由{BUREAU}更正（其审核报告中同样列出）。") in text
    assert f"文件有2处错误（勾稽核对2处，第214、229行），建议要求{BUREAU}更正后重新公开。" in text
    assert "（规则RC002，属文件的汇总部分）" in text and "（规则IN016）" in text
    assert f"勾稽核对（第214、229行）：请{BUREAU}（文件编制单位）提供预算批复文件" in text
    assert "绩效指标质量（第2947行）：请单位核对时效指标写明的完成时间与资金支出进度计划" in text  # its own table (IN016)
    assert f"绩效指标质量（第276行）：请{BUREAU}（文件编制单位）核实超过100%的指标值" in text


def test_the_publishers_own_report_is_as_before() -> None:
    report = build_unit_report(REPO / "params" / "units" / "303001.yaml")
    text = narrative_text(report.narrative)
    assert "文件编制单位" not in text and "一并公开" not in text and "属文件的汇总部分" not in text
    assert "建议要求单位更正后重新公开。" in text
    assert "项目表按本单位筛选。" in overview_html(report)


def test_the_overview_says_who_corrects_the_shared_text() -> None:
    html = overview_html(build_unit_report(REPO / "params" / "units" / "303004.yaml"))
    assert f"项目表按本单位筛选，文件其他部分的问题由{BUREAU}更正。" in html


def test_a_published_units_indicator_chart_leaves_out_the_publishers_goals() -> None:
    """The 指挥部's heat map had a 单位整体 row of the 发改局's 16 unit-wide indicators and read "指标23条" where 7 are
    its own (a supervisor's find)."""
    from budget_audit.assessment import assess, draw_chart
    from budget_audit.charts import subtitle

    unit = assess(REPO / "params" / "units" / "303004.yaml")
    assert unit.unit_doc.unit_goals.indicators == [] and unit.doc.unit_goals.indicators
    fig = draw_chart(unit, "indicators")
    labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert labels and "单位整体" not in labels and "指标7条" in subtitle(fig)
    own = assess(REPO / "params" / "units" / "303001.yaml")
    assert own.unit_doc.unit_goals.indicators == own.doc.unit_goals.indicators  # the publisher's own report keeps them


def test_a_params_name_of_another_unit_is_named_not_taken_for_a_publisher(sample_doc: Disclosure, tmp_path: Path,
                                                                            capsys) -> None:  # noqa: ANN001
    """A reviewer's params file named 303001 大厂回族自治县财政局 over the 发改局's document: the report said the unit's
    budget was published together in the 发改局's document. The code's name in the tables decides; the mismatch is
    said in the overview and by `check --params`."""
    from budget_audit.cli import main
    from budget_audit.config import load_unit
    from budget_audit.publisher import name_not_matching

    other = "大厂回族自治县财政局"
    assert publisher(sample_doc, "303001", other) is None
    assert publisher(sample_doc, "303004", other) == BUREAU  # the 指挥部's tables are still in another's document
    said = name_not_matching(sample_doc, "303001", other)
    assert said == f"参数文件中单位 303001 的名称为“{other}”，而文件项目表中 303001 为“{BUREAU}”；请核对单位代码或名称"
    assert name_not_matching(sample_doc, "303001", BUREAU) is None and name_not_matching(sample_doc, "303001", "") is None
    assert name_not_matching(sample_doc, "303001", "廊坊市" + BUREAU) is None
    assert name_not_matching(sample_doc, "999999", other) is None  # not listed: CP009's and unit_not_listed's case

    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    params = units / "303001.yaml"
    params.write_text(f"unit: '303001'\nname: {other}\nyear: 2023\nsource: {REPO / 'samples' / 'dachang-fgj-2023.txt'}\n",
                      encoding="utf-8")
    report = build_unit_report(load_unit(params))
    assert "一并公开" not in narrative_text(report.narrative)
    assert f"<th>单位名称不符</th><td class=\"ba-long\">{said}</td>" in overview_html(report)
    assert main(["check", str(REPO / "samples" / "dachang-fgj-2023.txt"), "--params", str(params)]) == 0
    assert capsys.readouterr().err == f"budget-audit: 提示：{said}\n"
    no_year = units / "303002.yaml"
    no_year.write_text(f"unit: '303001'\nname: {BUREAU}\nsource: {REPO / 'samples' / 'dachang-fgj-2023.txt'}\n",
                       encoding="utf-8")
    assert "2023（参数文件未写 year，按公开文件所写年度审计" in overview_html(build_unit_report(load_unit(no_year)))


def test_short_names_are_no_mismatch_and_keep_the_unit_its_own_publisher(sample_text: str, tmp_path: Path) -> None:
    """A reviewer's adversarial round: a short name in the tables (303001大厂县发展和改革局) made the unit's own document
    another's, and every common short form of a name was called 单位名称不符."""
    from budget_audit.publisher import name_not_matching

    path = tmp_path / "doc.txt"
    path.write_text(sample_text.replace("303001大厂回族自治县发展和改革局", "303001大厂县发展和改革局"), encoding="utf-8")
    short = parse_file(path)
    assert dict(short.units())["303001"] == "大厂县发展和改革局"
    assert publisher(short, "303001", BUREAU) is None and publisher(short, "303004", HQ) == BUREAU
    doc = parse_file(REPO / "samples" / "dachang-fgj-2023.txt")
    for name in ("县发改局", "大厂县发展和改革局", "大厂回族自治县发展改革局", "发改局", "县发改委"):
        assert name_not_matching(doc, "303001", name) is None, name
    for name in ("大厂回族自治县财政局", "财政局", HQ):
        assert name_not_matching(doc, "303001", name) is not None, name


def test_a_body_under_the_bureau_is_not_the_bureau(sample_doc: Disclosure) -> None:
    """The next round (a reviewer's): 303004 named 大厂回族自治县发展和改革局京唐城际铁路…指挥部办公室 was taken for the
    bureau (a plain substring test): its report said all 21 findings were its own; the place alone named no unit and
    passed, as did 大厂回族自治县改革发展研究中心 for the bureau."""
    from budget_audit.publisher import name_not_matching

    under = BUREAU + "京唐城际铁路（大厂段）建设工作指挥部办公室"
    assert not same_unit(under, BUREAU) and same_unit(BUREAU + "机关", BUREAU) and same_unit("廊坊市" + BUREAU, BUREAU)
    assert publisher(sample_doc, "303004", under) == BUREAU and name_not_matching(sample_doc, "303004", under) is None
    assert name_not_matching(sample_doc, "303004", "大厂回族自治县") is not None
    assert name_not_matching(sample_doc, "303001", "大厂回族自治县改革发展研究中心") is not None
    assert publisher(sample_doc, "303001", BUREAU + "机关") is None
    # the round after: the unit's own suffixes, written as they are, and no name of a word or two
    for own in ("（机关）", "机关本级", "本部"):
        assert same_unit(BUREAU + own, BUREAU) and name_not_matching(sample_doc, "303001", BUREAU + own) is None, own
    assert not same_unit("局", BUREAU) and not same_unit("改革局", BUREAU)
