"""Wordings of the paragraphs other than the income/expenditure overview: 编制 (line 182),
机关运行经费 (225), 政府采购 (3014) and 国有资产 (3159) — this year's figure as stated, the total
as labelled, the parts as parts, wherever they stand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure, Figure
from budget_audit.parse.changes import stated_amounts, stated_changes
from budget_audit.parse.summary import this_years
from test_format_variants import keys, rewrite


def _wan(fig: Figure | None) -> str | None:
    """A figure's number as written (None when not read)."""
    return None if fig is None or fig.value.number is None else str(fig.value.number)


def _codes(doc: Disclosure, line: int) -> set[str]:
    """The rule codes of the findings with evidence on ``line``."""
    return {f.code for f in run_checks(doc) if line in f.lines}


# ------------------------------------------------------------------ 国有资产 (line 3159)


@pytest.mark.parametrize(("line_3159", "total", "planned"), [
    # a change written from last year's figure: this year's is the one after 到
    ("资产总额由上年的1200万元减少到969.53万元，车辆由上年的5辆减少到3辆，本年度不拟购置固定资产。", "969.53", "0"),
    ("上年末固定资产总额由上年的1200万元增加到969.53万元，本年度我单位拟购置固定资产总额为0万元。", "969.53", "0"),
    # the change's amount is no figure; the figure after it names no item of its own
    ("上年末固定资产比上年增加150万元，达到969.53万元，本年度我单位拟购置固定资产总额为0万元。", "969.53", "0"),
    ("上年末固定资产金额为969.53万元，比上年增加150万元，本年度我单位拟购置固定资产总额为0万元。", "969.53", "0"),
    ("上年末固定资产金额为969.53万元，较2021年末的819.53万元增加150万元，本年度拟购置固定资产总额为0万元。", "969.53", "0"),
    # last year's figures written first
    ("2021年末固定资产819.53万元，2022年末固定资产969.53万元，本年度拟购置固定资产总额为0万元。", "969.53", "0"),
    ("2022年拟购置固定资产20万元，2023年拟购置固定资产0万元，上年末固定资产金额为969.53万元。", "969.53", "0"),
    # a year's end or a date is this document's, not last year's
    ("2022年末固定资产969.53万元，2023年拟购置固定资产0万元。", "969.53", "0"),
    ("截至2022年12月31日，本单位共有车辆3辆，固定资产总额969.53万元。2023年拟购置固定资产0万元。", "969.53", "0"),
    # the planned purchase's change states no figure of this year
    ("本年度拟购置固定资产比上年减少20万元，上年末固定资产金额为969.53万元。", "969.53", None),
])
def test_asset_figures_are_this_years(line_3159: str, total: str, planned: str | None, sample_text: str,
                                      sample_doc: Disclosure, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {3159: line_3159})
    assert (_wan(doc.assets.total), _wan(doc.assets.planned_purchase)) == (total, planned)
    assert "RC014" not in _codes(doc, 3159)  # the text's total agrees with the table's 969.53
    if planned == "0":
        assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def test_a_planned_purchase_cut_to_nothing_is_held_against_the_projects(sample_text: str,
                                                                        tmp_path: Path) -> None:
    """拟购置固定资产由上年的20万元减少到0万元: 0 is planned, and CS009 lists the projects that
    build (it took last year's 20 for this year's and kept quiet)."""
    doc = rewrite(sample_text, tmp_path, {
        3159: "上年末固定资产金额为969.53万元，本年度拟购置固定资产由上年的20万元减少到0万元。"})
    assert _wan(doc.assets.planned_purchase) == "0"
    assert "CS009" in _codes(doc, 3159)


# ------------------------------------------------------------------ 政府采购 (line 3014)


@pytest.mark.parametrize(("line_3014", "total"), [
    ("2022年政府采购预算120万元，2023年政府采购预算总额150万元，其中货物类100万元，服务类50万元。", "150"),
    ("上年政府采购预算120万元，本年政府采购预算150万元。", "150"),
    ("2023年政府采购预算150万元，2022年为120万元。", "150"),
    ("政府采购预算150万元（上年120万元）。", "150"),
    ("政府采购预算总额150万元，比上年的120万元增加30万元。", "150"),
    ("本单位2023年政府采购预算150万元，较2022年的120万元增加30万元。", "150"),
    ("2023年政府采购预算由上年的120万元增加到150万元，其中货物类100万元，服务类50万元。", "150"),
    # a 总额 after the change, naming no procurement of its own
    ("2023年政府采购预算比上年增加30万元，总额为150万元。", "150"),
    ("按采购类别分：货物类100万元，服务类50万元，合计150万元。", "150"),
    # 上年结转 money is this year's
    ("2023年政府采购预算150万元，其中使用上年结转资金采购20万元。", "150"),
])
def test_procurement_total_is_this_years(line_3014: str, total: str, sample_text: str,
                                         tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {3014: line_3014})
    assert _wan(doc.procurement.total) == total
    assert "CS001" not in _codes(doc, 3014)  # not "未列金额" nor last year's figure


@pytest.mark.parametrize(("line_3014", "total", "cs001"), [
    # last year's 0 taken for this year's said there was no procurement
    ("2022年政府采购预算0万元，2023年政府采购预算150万元。具体内容见下表。", "150", False),
    # last year's 120 taken for this year's hid this year's 0
    ("2022年政府采购预算120万元，2023年政府采购预算0万元。具体内容见下表。", "0", True),
    ("2023年，我单位政府采购预算由上年的120万元减少到0万元。具体内容见下表。", "0", True),
])
def test_procurement_of_last_year_is_not_held_against_the_projects(
        line_3014: str, total: str, cs001: bool, sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {3014: line_3014})
    assert _wan(doc.procurement.total) == total
    assert ("CS001" in _codes(doc, 3014)) is cs001


# ------------------------------------------------------------------ 编制 (line 182)


@pytest.mark.parametrize(("line_182", "total", "parts"), [
    ("第八条  编制人数25人（其中行政编制20人，事业编制5人）。", "25", ["20", "5"]),
    ("第八条  核定编制25名（行政编制20名、事业编制5名），实有人数30人（在职28人、退休2人）。", "25", ["20", "5"]),
    ("第八条  人员编制共25名(行政编制20名,事业编制5名)，实有人数30人。", "25", ["20", "5"]),
    ("第八条  编制80名（行政编制17名，工勤编制1名，锁定事业编制62名），正股级领导职数22名（包括党建工作办公室主任）。",
     "80", ["17", "1", "62"]),
    ("第八条  编制80名 （其中：行政编制17名；工勤编制1名；事业编制62名）。", "80", ["17", "1", "62"]),
    ("第八条  编制总数80名（含行政编制17名、工勤编制1名、事业编制62名），副股级领导职数11名（合计33名）。",
     "80", ["17", "1", "62"]),
    # a part's own brackets stay out
    ("第八条  编制80名（行政编制17名（含参公5名），工勤编制1名，事业编制62名）。", "80", ["17", "1", "62"]),
    ("第八条  核定全额事业编制62名（其中管理岗位编制10名，专业技术岗位编制50名，工勤技能岗位编制2名）。",
     "62", ["10", "50", "2"]),
    # parts written beside the total: brackets are a part's remark, not more parts
    ("第八条  编制80名（含参公编制5名），其中行政编制17名，工勤编制1名，锁定事业编制62名。", "80", ["17", "1", "62"]),
    ("第八条  机关编制80名，其中行政编制17名（含参公编制5名），工勤编制1名，锁定事业编制62名。", "80", ["17", "1", "62"]),
    # brackets after the staff in post are not the quota's parts
    ("第八条  实有人员共计30人（其中行政编制20人，事业编制10人），编制总数25名。", "25", []),
])
def test_staffing_parts_in_brackets(line_182: str, total: str, parts: list[str], sample_text: str,
                                    tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    assert _wan(doc.staffing.total) == total
    assert [_wan(p) for p in doc.staffing.parts] == parts
    assert "RC013" not in _codes(doc, 182)


def test_staffing_parts_in_brackets_that_do_not_add_up(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: "第八条  编制人数25人（其中行政编制20人，事业编制4人）。"})
    [finding] = [f for f in run_checks(doc) if f.code == "RC013"]
    assert "24" in finding.message and "25" in finding.message


# ------------------------------------------------------------------ 机关运行经费 (line 225)


@pytest.mark.parametrize(("line_225", "amount"), [
    # the parts first, then the total
    ("2023年，我局机关运行经费主要用于办公费12.3万元、水电费5.6万元、差旅费3.1万元等，合计21.0万元。", "21.0"),
    ("2023年，我局机关运行经费主要用于办公费12.3万元、水电费5.6万元、差旅费3.1万元等，机关运行经费共计21.0万元。", "21.0"),
    ("2023年，我局办公费120万元、水电费40万元、取暖费24.4万元，共计184.4万元。", "184.4"),
    ("机关运行经费：办公费120万元，水电费40万元，取暖费24.4万元，以上合计184.4万元。", "184.4"),
    # the total first, then the parts
    ("2023年机关运行经费预算为184.4万元，包括办公费120万元、水电费40万元、取暖费24.4万元。", "184.4"),
    ("2023年，我局机关运行经费184.4万元，主要用于办公费120万元、水电费40万元、取暖费24.4万元。", "184.4"),
    ("2023年，我局机关运行经费（含取暖费）共计184.4万元，主要用于办公费120万元。", "184.4"),
    # last year's figure
    ("2022年机关运行经费150万元，2023年机关运行经费184.4万元。", "184.4"),
    ("本年度机关运行经费安排184.4万元，上年为150万元。", "184.4"),
    ("上年机关运行经费150万元，2023年为184.4万元。", "184.4"),
])
def test_running_costs_total_wherever_it_stands(line_225: str, amount: str, sample_text: str,
                                                tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {225: line_225})
    assert _wan(doc.running_costs.amount) == amount


def test_running_costs_summed_after_their_parts_held_against_public_costs(sample_text: str,
                                                                          tmp_path: Path) -> None:
    """共计204.4万元 is more than the 公用经费 184.4万元 (RC017); the first part, 120万元, was not."""
    doc = rewrite(sample_text, tmp_path, {225: "2023年，我局办公费120万元、水电费40万元、取暖费44.4万元，共计204.4万元。"})
    assert "RC017" in _codes(doc, 225)


@pytest.mark.parametrize(("tail", "changes"), [
    ("合计21.0万元，比上年增加2万元。", [("机关运行经费", "2")]),  # the sum's own change
    ("合计21.0万元，其中办公费比上年增加1万元。", []),  # a part's
])
def test_the_change_of_running_costs_summed_after_their_parts(tail: str, changes: list[tuple[str, str]],
                                                              sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {225: "2023年，我局机关运行经费主要用于办公费12.3万元、水电费5.6万元、"
                                               "差旅费3.1万元等，" + tail})
    rc = doc.running_costs
    assert _wan(rc.amount) == "21.0"
    assert [(c.subject, str(c.amount.value.number)) for c in rc.changes] == changes


# ------------------------------------------------------------------ 编制 (line 182): sums and remarks that are not the quota's

_KINDS = "第八条  本局行政编制17名，工勤编制1名，事业编制62名"


@pytest.mark.parametrize("line_182", [
    # a sum of the leading posts, of the retired or of the staff in post, after the kinds
    f"{_KINDS}，设局长1名，副局长3名，共4名。",
    f"{_KINDS}，设局长1名，副局长3名，共计4名。",
    f"{_KINDS}。领导职数：局长1名，副局长3名，共4名。",
    f"{_KINDS}；离退休人员：退休15人，离休5人，共20人。",
    f"{_KINDS}。实有人员：在编65人，聘用10人，共75人。",
])
def test_no_staffing_total_from_a_sum_of_other_counts(line_182: str, sample_text: str, tmp_path: Path) -> None:
    """共4名 after 设局长1名，副局长3名 sums the posts, not the kinds of 编制 written before them:
    it was taken as the quota (RC013: 80名 against 4名)."""
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    assert doc.staffing.total is None
    assert [_wan(p) for p in doc.staffing.parts] == ["17", "1", "62"]
    assert "RC013" not in _codes(doc, 182)


@pytest.mark.parametrize("line_182", [
    # the sum right after the last kind, with or without a remark in brackets between them
    f"{_KINDS}，共80名；设局长1名，副局长3名，共4名。",
    f"{_KINDS}（含参公编制5名），共计80名。",
    f"{_KINDS}；以上共计80名。",
    # the sum with the kinds after it
    "第八条  共计80名，其中行政编制17名，工勤编制1名，事业编制62名。",
])
def test_staffing_sum_of_the_kinds(line_182: str, sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    assert _wan(doc.staffing.total) == "80"
    assert [_wan(p) for p in doc.staffing.parts] == ["17", "1", "62"]
    assert "RC013" not in _codes(doc, 182)


@pytest.mark.parametrize(("line_182", "parts"), [
    # （含…） names some of the kinds
    ("第八条  大厂回族自治县发展和改革局机关编制80名（含行政编制17名、工勤编制1名），正股级领导职数22名。", []),
    ("第八条  机关编制80名（包括锁定事业编制62名），正股级领导职数22名。", []),
    # … or all of them, adding up
    ("第八条  机关编制80名（含行政编制17名、工勤编制1名、锁定事业编制62名），正股级领导职数22名。", ["17", "1", "62"]),
    # （其中…） lists the parts, adding up or not
    ("第八条  机关编制80名（其中行政编制17名、工勤编制1名），正股级领导职数22名。", ["17", "1"]),
])
def test_staffing_brackets_naming_some_kinds(line_182: str, parts: list[str], sample_text: str,
                                            tmp_path: Path) -> None:
    """机关编制80名（含行政编制17名、工勤编制1名） names two kinds of the 80, not all: they were read
    as its parts (RC013: 18名 against 80名)."""
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    assert _wan(doc.staffing.total) == "80"
    assert [_wan(p) for p in doc.staffing.parts] == parts
    assert ("RC013" in _codes(doc, 182)) is (parts == ["17", "1"])


# ------------------------------------------------------------------ 机关运行经费 (line 225): what it covers in brackets


@pytest.mark.parametrize(("line_225", "amount"), [
    # another figure first, then 机关运行经费 with what it covers in brackets
    ("2023年，我局公用经费200万元，机关运行经费（包括办公费、水电费、物业管理费等）184.4万元。", "184.4"),
    ("2023年，我局公用经费200万元，机关运行经费（其中：办公费、水电费）184.4万元。", "184.4"),
    # what it is used for, outside brackets, is still a part
    ("2023年，我局机关运行经费（含取暖费）共计184.4万元，主要用于办公费120万元。", "184.4"),
    ("2023年，我局一般公共预算基本支出200万元，用于机关运行经费184.4万元。", "184.4"),
])
def test_running_costs_with_what_they_cover_in_brackets(line_225: str, amount: str, sample_text: str,
                                                        tmp_path: Path) -> None:
    """机关运行经费（包括办公费、水电费…）184.4万元 is 机关运行经费: the label was cut at 包括 inside
    the brackets, and the 公用经费 200万元 before it was taken (RC017 by 15.60万元)."""
    doc = rewrite(sample_text, tmp_path, {225: line_225})
    assert _wan(doc.running_costs.amount) == amount
    assert "RC017" not in _codes(doc, 225)


# ------------------------------------------------------------------ last year named as what this year's figure is set by

_HELD = "大厂回族自治县发展和改革局（含所属单位）上年末固定资产金额为969.53万元，"


@pytest.mark.parametrize(("line", "text", "read"), [
    (3014, "2023年，我单位在上年基础上安排政府采购预算150万元。", "150"),
    (3014, "2023年，我单位参照上年标准安排政府采购预算150万元。", "150"),
    (225, "2023年我局参照上年标准安排机关运行经费184.4万元。", "184.4"),
    (225, "2023年我局按照2022年标准安排机关运行经费184.4万元。", "184.4"),
    (225, "2023年，我局在上年的基础上安排机关运行经费184.4万元。", "184.4"),
    (3159, f"{_HELD}本年度我单位延续上年计划拟购置固定资产总额为20万元。", "20"),
    (3159, f"{_HELD}本年度我单位沿用上年标准拟购置固定资产总额为0万元。", "0"),
])
def test_last_year_as_what_this_years_figure_is_set_by(line: int, text: str, read: str, sample_text: str,
                                                       tmp_path: Path) -> None:
    """在上年基础上安排… / 参照上年标准安排… / 延续上年计划拟购置…: the year is what the figure is
    set by, not the figure's — it was dropped as last year's (CP002 未写明…, and for procurement
    CS001 未列金额)."""
    doc = rewrite(sample_text, tmp_path, {line: text})
    found = {3014: doc.procurement.total, 225: doc.running_costs.amount, 3159: doc.assets.planned_purchase}
    assert _wan(found[line]) == read
    assert "CP002" not in _codes(doc, line)


@pytest.mark.parametrize(("line", "text", "read"), [
    # last year's figure itself: 上年…/去年…/在上年度…, 按上年实际支出数…
    (225, "2023年，我局在上年度安排机关运行经费150万元，本年度安排184.4万元。", "184.4"),
    (225, "上年我局安排机关运行经费150万元，本年度机关运行经费184.4万元。", "184.4"),
    (225, "2023年，我局按上年实际支出数150万元，安排机关运行经费184.4万元。", "184.4"),
    (3014, "参照上年的政府采购预算120万元，2023年政府采购预算150万元。", "150"),
    (3159, f"{_HELD}上年计划购置固定资产20万元，本年度拟购置固定资产总额为0万元。", "0"),
])
def test_last_years_figure_named_beside_this_years_is_still_dropped(line: int, text: str, read: str,
                                                                    sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {line: text})
    found = {3014: doc.procurement.total, 225: doc.running_costs.amount, 3159: doc.assets.planned_purchase}
    assert _wan(found[line]) == read


# ------------------------------------------------------------------ what is held at last year's end

@pytest.mark.parametrize("line_3159", [
    "上年年末本单位固定资产金额为969.53万元，本年度拟购置固定资产总额为0万元。",
    "截至上年12月31日本单位固定资产总额969.53万元，本年度拟购置固定资产总额为0万元。",
    "去年年底本单位固定资产总额969.53万元，本年度拟购置固定资产总额为0万元。",
    "上一年度末本单位固定资产总额969.53万元，本年度拟购置固定资产总额为0万元。",
    "2022年年末本单位固定资产金额为969.53万元，2023年我单位拟购置固定资产总额为0万元。",
    "2022年底本单位固定资产金额为969.53万元，2023年我单位拟购置固定资产总额为0万元。",
    "截至2022年本单位固定资产总额969.53万元，2023年度拟购置固定资产0万元。",
    # the planned purchase first
    "本年度拟购置固定资产总额为0万元，去年年底本单位固定资产总额969.53万元。",
    "本年度拟购置固定资产总额为0万元，上年年末本单位固定资产总额969.53万元。",
    "本年度拟购置固定资产总额为0万元，截至2022年12月31日本单位固定资产总额969.53万元。",
])
def test_assets_held_at_last_years_end(line_3159: str, sample_text: str, sample_doc: Disclosure,
                                       tmp_path: Path) -> None:
    """上年年末 / 去年年底 / 2022年年末 / 截至2022年…: the assets held as this year begins, which the
    paragraph states — dropped as last year's (CP002 未写明固定资产总额, RC014 silenced), or taken
    for the planned purchase after it."""
    doc = rewrite(sample_text, tmp_path, {3159: line_3159})
    assert (_wan(doc.assets.total), _wan(doc.assets.planned_purchase)) == ("969.53", "0")
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def test_assets_held_at_last_years_end_against_the_table(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {3159: "上年年末固定资产金额为1000万元，本年度我单位拟购置固定资产总额为0万元。"})
    assert _wan(doc.assets.total) == "1000"
    assert "RC014" in _codes(doc, 3159)


def test_a_year_end_is_compared_with_year_ends() -> None:
    """2021年末 is before 2022年末; 2022年末 is not before 2023年拟购置."""
    labels = [i.label for i in this_years(stated_amounts(
        "2021年末固定资产819.53万元，2022年末固定资产969.53万元，2023年拟购置固定资产0万元，2022年拟购置20万元。"))]
    assert labels == ["2022年末固定资产", "2023年拟购置固定资产"]


def test_last_years_end_before_a_change_is_this_documents() -> None:
    """上年年末固定资产…969.53万元，比上年增加150万元: 969.53 is the figure, not last year's (as 上年末)."""
    for text in ("上年年末固定资产金额为969.53万元，比上年增加150万元。", "去年年底固定资产总额969.53万元，增加150万元。"):
        [change] = stated_changes(text)
        assert change.prior is None


@pytest.mark.parametrize("line_3014", [
    "截至上年末本单位政府采购执行金额80万元，2023年政府采购预算150万元。",
    "截至2022年12月31日政府采购执行金额80万元，2023年政府采购预算150万元。",
    "2022年末政府采购执行金额80万元，2023年政府采购预算150万元。",
])
def test_procurement_executed_by_last_years_end_is_no_budget(line_3014: str, sample_text: str,
                                                             tmp_path: Path) -> None:
    """截至上年末…政府采购执行金额80万元 is what was spent, not this year's budget: it was the total."""
    doc = rewrite(sample_text, tmp_path, {3014: line_3014})
    assert _wan(doc.procurement.total) == "150"


# ------------------------------------------------------------------ carry-overs named by last year's number


@pytest.mark.parametrize("label", ["2022年结转", "2022年度结转资金", "2022年财政拨款结转资金", "2022年结余", "上年结转"])
def test_a_carry_over_named_by_last_years_number_is_this_years(label: str) -> None:
    """2022年结转891.02万元 is this year's money: this_years dropped it as an earlier year's (the
    overview kept it by a second rule of its own)."""
    items = stated_amounts(f"2023年预算收入5728.07万元，其中：一般公共预算收入4739.51万元，{label}891.02万元。")
    assert [i.label for i in this_years(items)][-1] == label


# ------------------------------------------------------------------ 机关运行经费: a change after a list of its parts


@pytest.mark.parametrize(("line_225", "changes"), [
    ("2023年，我局机关运行经费184.4万元，其中：办公费50万元，水电费30万元，比上年增加10万元，主要原因是人员增加。",
     [("机关运行经费", "10")]),
    ("2023年，我局机关运行经费184.4万元，包括办公费50万元、水电费30万元，比上年增加10万元。", [("机关运行经费", "10")]),
    # a part's own change
    ("2023年，我局机关运行经费184.4万元，其中：办公费50万元，比上年增加10万元。", []),
    ("2023年，我局机关运行经费184.4万元，其中：办公费50万元，比上年增加5万元；水电费30万元，比上年增加5万元。", []),
])
def test_the_change_of_running_costs_after_a_list_of_their_parts(line_225: str, changes: list[tuple[str, str]],
                                                                  sample_text: str, tmp_path: Path) -> None:
    """机关运行经费184.4万元，其中：办公费…，水电费…，比上年增加10万元 is 机关运行经费's change (as the
    overview's after a list of parts): it was dropped."""
    doc = rewrite(sample_text, tmp_path, {225: line_225})
    rc = doc.running_costs
    assert _wan(rc.amount) == "184.4"
    assert [(c.subject, str(c.amount.value.number)) for c in rc.changes] == changes


@pytest.mark.parametrize("line_229", [
    "“三公”经费2022年预算31.42万元，2023年预算13.44万元，减少17.98万元。",
    "2022年“三公”经费预算31.42万元，2023年“三公”经费预算13.44万元，比上年减少17.98万元。",
    "“三公”经费上年预算31.42万元，本年预算13.44万元，减少17.98万元。",
])
def test_sangong_total_is_this_years_when_last_years_comes_first(line_229: str, sample_text: str,
                                                                 tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {229: line_229})
    assert doc.sangong.total is not None and doc.sangong.total.value.number == Decimal("13.44")


@pytest.mark.parametrize("planned", ["本年度我单位拟新增固定资产5万元。", "2023年计划新增固定资产5万元。"])
def test_a_planned_addition_of_assets_is_a_planned_purchase(planned: str, sample_text: str,
                                                            tmp_path: Path) -> None:
    line = "大厂回族自治县发展和改革局（含所属单位）上年末固定资产金额为969.53万元（详见下表），"
    doc = rewrite(sample_text, tmp_path, {3159: line + planned})
    assert doc.assets.total is not None and doc.assets.total.value.number == Decimal("969.53")
    assert doc.assets.planned_purchase is not None and doc.assets.planned_purchase.value.number == Decimal("5")
