"""Year-on-year changes written from last year's figure to this year's in the words real
county documents use (减至, 降至, 压减至, 调减为, 提高到 …), a change restated 由…到 after
it is written plainly, and a 由…到 change whose two figures contradict its verb."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget_audit.amounts import money_in_text
from budget_audit.checks import Finding, run_checks
from budget_audit.model import Disclosure
from budget_audit.parse.changes import stated_amounts, stated_changes
from test_format_variants import rewrite

SANGONG = 229
RUNNING_COSTS = 225
PROCUREMENT = 3014
#: The sample's 三公 paragraph with each item's figure written only in its 由…到 change.
_FROM_TO_SANGONG = ("2023年，我局财政拨款“三公”经费预算安排13.44万元，比上年减少17.98万元。其中，因公出国（境）费0万元，"
                    "与上年持平；公务用车购置及运维费由上年的30.4万元{verb}12.5万元；公务接待费由上年的1.02万元{verb}0.94万元。")


def _sangong(doc: Disclosure) -> dict[str, str | None]:
    sg = doc.sangong
    return {name: (f.value.raw if (f := getattr(sg, name)) is not None else None)
            for name in ("total", "overseas", "vehicle", "reception")}


def _changes(doc: Disclosure) -> list[tuple[str, int, str, str | None]]:
    """The 三公 changes that move (因公出国（境）费0万元，与上年持平 is a change of none, tested apart)."""
    return [(c.subject, c.direction, str(c.amount.value.number), c.prior.value.raw if c.prior else None)
            for c in doc.sangong.changes if c.direction]


def _codes(doc: Disclosure, line: int) -> list[str]:
    return [f.code for f in run_checks(doc) if line in f.lines]


@pytest.mark.parametrize("verb", ["减至", "降至", "压减至", "下降至", "调减为", "减为", "缩减到", "减少到"])
def test_a_change_down_to_this_years_figure_in_other_verbs(verb: str, sample_text: str, tmp_path: Path) -> None:
    """由上年的1.02万元减至0.94万元 reads as 由…减少到…: this year's figure is 0.94万元 (not last
    year's 1.02万元), and the change is 0.08万元 from 1.02万元 — the parts add up, nothing fires."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: _FROM_TO_SANGONG.format(verb=verb)})
    assert _sangong(doc) == {"total": "13.44万元", "overseas": "0万元", "vehicle": "12.5万元", "reception": "0.94万元"}
    assert _changes(doc) == [("“三公”经费合计", -1, "17.98", None), ("公务用车购置及运维费", -1, "17.9", "30.4万元"),
                             ("公务接待费", -1, "0.08", "1.02万元")]
    assert not {"RC009", "RC011", "RC012"} & set(_codes(doc, SANGONG))


@pytest.mark.parametrize("written", [
    "公务接待费由上年的1.02万元减至0.94万元",
    "公务接待费由上年度的1.02万元降至0.94万元",
    "公务接待费从2022年的1.02万元压减至0.94万元",
    "公务接待费由1.02万元调减为0.94万元",
    "公务接待费由上年1.02万元压缩至0.94万元",
])
def test_the_samples_reception_change_in_other_verbs(written: str, sample_text: str, sample_doc: Disclosure,
                                                     tmp_path: Path) -> None:
    """In the sample's own paragraph the change reads as the sample's 1.02万元减少0.08万元 does:
    the same figures, the same findings."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace("公务接待费1.02万元减少0.08万元", written)})
    assert _sangong(doc) == _sangong(sample_doc)
    [reception] = [c for c in doc.sangong.changes if c.subject == "公务接待费"]
    assert (reception.direction, reception.amount.value.number, reception.prior and reception.prior.value.raw) == (
        -1, Decimal("0.08"), "1.02万元")
    assert _codes(doc, SANGONG) == _codes(sample_doc, SANGONG)


@pytest.mark.parametrize(("written", "direction", "now"), [
    ("公务接待费由上年的0.86万元增至0.94万元", 1, "0.94万元"),
    ("公务接待费由0.86万元提高到0.94万元", 1, "0.94万元"),
    ("公务接待费由0.86万元增加至0.94万元", 1, "0.94万元"),
    ("公务接待费由0.86万元上调为0.94万元", 1, "0.94万元"),
    ("公务接待费由1.02万元降低到0.94万元", -1, "0.94万元"),
])
def test_the_words_of_a_change_to_this_years_figure(written: str, direction: int, now: str) -> None:
    [change] = stated_changes(written)
    assert (change.direction, str(change.quantity.number)) == (direction, "0.08")
    assert [(a.label, a.quantity.raw) for a in stated_amounts(written, [change])] == [("公务接待费", now)]


@pytest.mark.parametrize("text", [
    "项目实施期为2023年1月至12月，单个项目补助5万元至8万元。",
    "2023年1至3月支出为5万元，4至12月为8万元。",
    "单价20万元以上至50万元以下的设备3台。",
    "按每人每年1200元为标准安排，共计2.4万元。",
])
def test_ranges_and_to_words_that_are_no_change(text: str) -> None:
    """至 in date and money ranges, 为 in any sentence: a change needs a verb between two figures."""
    assert stated_changes(text) == []


def test_procurement_brought_down_to_this_years_figure(sample_text: str, tmp_path: Path) -> None:
    """政府采购预算由上年的10万元降至0万元: this year's procurement budget is 0万元, not 10万元."""
    doc = rewrite(sample_text, tmp_path, {PROCUREMENT: "2023年，我单位政府采购预算由上年的10万元降至0万元。具体内容见下表。"})
    assert doc.procurement.total is not None and doc.procurement.total.value.raw == "0万元"


@pytest.mark.parametrize("written", [
    "公务用车购置及运维费减少17.9万元，由上年的30.4万元减少到12.5万元",
    "公务用车购置及运维费减少17.9万元（由上年的30.4万元减少到12.5万元）",
    "公务用车购置及运维费减少17.9万元，从2022年的30.4万元减至12.5万元",
    "其中公务用车购置及运维费比上年减少17.9万元，由30.4万元降至12.5万元",
])
def test_this_years_figure_of_a_change_restated_from_to(written: str, sample_text: str, tmp_path: Path) -> None:
    """A change written plainly, then restated 由…到: this year's figure is the item's — the
    vehicle costs are 12.5万元 though the paragraph states them nowhere else."""
    paragraph = ("2023年，我局财政拨款“三公”经费预算安排13.44万元，比上年减少17.98万元。其中，因公出国（境）费0万元，"
                 f"与上年持平；{written}；公务接待费0.94万元，比上年减少0.08万元。")
    doc = rewrite(sample_text, tmp_path, {SANGONG: paragraph})
    assert _sangong(doc) == {"total": "13.44万元", "overseas": "0万元", "vehicle": "12.5万元", "reception": "0.94万元"}
    vehicle = [(c.direction, str(c.amount.value.number), c.prior and c.prior.value.raw)
               for c in doc.sangong.changes if c.subject == "公务用车购置及运维费"]
    assert vehicle == [(-1, "17.9", "30.4万元")]
    assert not {"RC009", "RC011", "RC012"} & set(_codes(doc, SANGONG))


def test_a_restatement_after_words_naming_no_item_names_none() -> None:
    """较上年度减少0.08万元，由1.02万元减少到0.94万元: the words before name no item, so this
    year's figure is left to the figure stated before (公务接待费0.94万元), not named 较上年度."""
    text = "公务接待费0.94万元，较上年度减少0.08万元，由1.02万元减少到0.94万元。"
    assert [(a.label, a.quantity.raw) for a in stated_amounts(text)] == [("公务接待费", "0.94万元"), ("", "0.94万元")]


def _rc012(doc: Disclosure) -> list[Finding]:
    return [f for f in run_checks(doc) if f.code == "RC012"]


@pytest.mark.parametrize(("written", "message", "expected", "actual"), [
    ("公务接待费由0.94万元增加到0.94万元", "“公务接待费”所述由上年 0.94万元 增加到 0.94万元，但两数相同，并无增加",
     "9400.00", "9400.00"),
    ("公务接待费由上年的0.94万元减至0.94万元", "“公务接待费”所述由上年 0.94万元 减至 0.94万元，但两数相同，并无减少",
     "9400.00", "9400.00"),
    ("公务接待费由0.90万元减少到0.94万元",
     "“公务接待费”所述由上年 0.90万元 减少到 0.94万元，但两数相比实为增加 0.04万元，与所述减少相反", "9000.00", "9400.00"),
    ("公务接待费由1.02万元增至0.94万元",
     "“公务接待费”所述由上年 1.02万元 增至 0.94万元，但两数相比实为减少 0.08万元，与所述增加相反", "10200.00", "9400.00"),
])
def test_a_from_to_change_its_figures_contradict(written: str, message: str, expected: str, actual: str,
                                                 sample_text: str, tmp_path: Path) -> None:
    """由0.94万元增加到0.94万元 (equal figures) or 由0.90万元减少到0.94万元 (the other way)
    contradicts itself: RC012 says so once, with both figures and the source line."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace("公务接待费1.02万元减少0.08万元", written)})
    [finding] = _rc012(doc)
    assert (finding.message, finding.expected, finding.actual, finding.lines) == (message, expected, actual, (SANGONG,))
    assert (finding.expected_label, finding.actual_label) == ("上年数", "本年数")


def test_a_contradiction_where_the_item_has_no_other_figure(sample_text: str, tmp_path: Path) -> None:
    """机关运行经费由上年的184.4万元增加到184.4万元: fires though the figure is stated nowhere else."""
    doc = rewrite(sample_text, tmp_path, {RUNNING_COSTS: "2023年，我局机关运行经费由上年的184.4万元增加到184.4万元，"
                                                         "主要用于机关办公区的日常维修。"})
    assert [f.message for f in _rc012(doc)] == ["“机关运行经费”所述由上年 184.40万元 增加到 184.40万元，但两数相同，并无增加"]


@pytest.mark.parametrize("written", [
    "公务接待费由1.02万元减少到0.94万元",
    "公务接待费由上年的1.02万元减至0.94万元",
    "公务接待费减少0.08万元，由1.02万元减少到0.94万元",
    "公务接待费由约1万元减至0.94万元",  # 约1万元 may be 0.95–1.1: still a decrease
    "公务接待费由约0.9万元增加到0.94万元",  # 约0.9万元 may be 0.85–1.0: may be an increase
])
def test_a_from_to_change_its_figures_agree_with(written: str, sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace("公务接待费1.02万元减少0.08万元", written)})
    assert not _rc012(doc)


#: The sample's 三公 paragraph (line 229) up to its stated changes: this year's figures.
_SANGONG_FIGURES = ("2023年，我局财政拨款“三公”经费预算安排18.84万元。其中，因公出国（境）费0万元；公务用车购置及运维费12.5万元"
                    "（其中：公务用车购置费为0万元，公务用车运维费12.5万元)；公务接待费0.94万元。")


def _restated(doc: Disclosure) -> list[tuple[str, str, str | None, str | None]]:
    """(subject, amount, last year's figure, this year's figure) of each 三公 change that moves."""
    return [(c.subject, str(c.amount.value.number), c.prior and c.prior.value.raw, c.current and c.current.value.raw)
            for c in doc.sangong.changes if c.direction]


def test_a_from_to_restates_the_nearest_change_before_it(sample_text: str, tmp_path: Path) -> None:
    """与2022年相比减少12.58万元，其中公务接待费减少0.08万元，由1.02万元减少到0.94万元: the 由…到 restates
    the reception's change just before it, not the total's — no RC012 reckoning the total from 1.02万元."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: _SANGONG_FIGURES + "与2022年相比减少12.58万元，其中公务接待费减少0.08万元，"
                                                                      "由1.02万元减少到0.94万元。"})
    assert _restated(doc) == [("“三公”经费合计", "12.58", None, None), ("公务接待费", "0.08", "1.02万元", "0.94万元")]
    assert _sangong(doc) == {"total": "18.84万元", "overseas": "0万元", "vehicle": "12.5万元", "reception": "0.94万元"}
    assert not _rc012(doc)


def test_this_years_figure_of_a_restated_part_is_no_total(sample_text: str, tmp_path: Path) -> None:
    """With no total stated, the 0.94万元 of the reception's 由…到 is the reception's, not the 三公 total."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: "2023年“三公”经费与2022年相比减少0.08万元，其中公务接待费减少0.08万元，"
                                                   "由1.02万元减少到0.94万元。"})
    assert _sangong(doc) == {"total": None, "overseas": None, "vehicle": None, "reception": "0.94万元"}
    assert _restated(doc) == [("“三公”经费合计", "0.08", None, None), ("公务接待费", "0.08", "1.02万元", "0.94万元")]


@pytest.mark.parametrize("written", [
    # the nearest change is the 0.1万元 in brackets: the 由…到 outside them restates the 17.9万元
    "公务用车购置及运维费减少17.9万元（其中：公务用车购置费减少18万元，公务用车运维费增加0.1万元），由上年的30.4万元减少到12.5万元",
    "公务用车购置及运维费减少17.9万元（其中：公务用车购置费减少18万元，公务用车运维费增加0.1万元），从2022年的30.4万元降至12.5万元",
])
def test_a_from_to_after_brackets_restates_the_change_outside_them(written: str, sample_text: str,
                                                                     tmp_path: Path) -> None:
    paragraph = ("2023年，我局财政拨款“三公”经费预算安排13.44万元，比上年减少17.98万元。其中，因公出国（境）费0万元，"
                 f"与上年持平；{written}；公务接待费0.94万元，比上年减少0.08万元。")
    doc = rewrite(sample_text, tmp_path, {SANGONG: paragraph})
    assert _restated(doc) == [("“三公”经费合计", "17.98", None, None), ("公务用车购置及运维费", "17.9", "30.4万元", "12.5万元"),
                              ("公务用车购置费", "18", None, None), ("公务用车运维费", "0.1", None, None),
                              ("公务接待费", "0.08", None, None)]
    assert _sangong(doc)["vehicle"] == "12.5万元"
    assert not _rc012(doc)


def test_a_from_to_in_brackets_restates_the_change_in_them() -> None:
    """（其中：…公务用车运维费增加0.1万元，由12.4万元增加到12.5万元）: the 由…到 is the running costs'."""
    text = ("公务用车购置及运维费减少17.9万元（其中：公务用车购置费减少18万元，公务用车运维费增加0.1万元，"
            "由12.4万元增加到12.5万元），主要原因是公务用车更新。")
    assert [(c.label, str(c.quantity.number), c.prior and c.prior.raw, c.current and c.current.raw)
            for c in stated_changes(text)] == [("公务用车购置及运维费", "17.9", None, None), ("公务用车购置费", "18", None, None),
                                               ("公务用车运维费", "0.1", "12.4万元", "12.5万元")]


@pytest.mark.parametrize(("written", "direction", "prior"), [
    ("公务接待费由上年的1.02万降至0.94万", -1, "1.02万"),
    ("公务接待费由1.02万下降到0.94万", -1, "1.02万"),
    ("公务接待费由1.02万压减至0.94万", -1, "1.02万"),
    ("公务接待费由1.02万调减为0.94万", -1, "1.02万"),
    ("公务接待费由0.86万提高到0.94万", 1, "0.86万"),
    ("公务接待费由0.86万上调至0.94万", 1, "0.86万"),
])
def test_a_change_in_bare_wan_before_its_verb(written: str, direction: int, prior: str, sample_text: str,
                                              sample_doc: Disclosure, tmp_path: Path) -> None:
    """由上年的1.02万降至0.94万: a bare 万 before a change verb is money, as before 增/减."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace("公务接待费1.02万元减少0.08万元", written)})
    [reception] = [c for c in doc.sangong.changes if c.subject == "公务接待费"]
    assert (reception.direction, reception.amount.value.number, reception.prior and reception.prior.value.raw,
            reception.current and reception.current.value.raw) == (direction, Decimal("0.08"), prior, "0.94万")
    assert _sangong(doc) == _sangong(sample_doc)
    assert "RC012" not in _codes(doc, SANGONG)


@pytest.mark.parametrize("text", [
    "服务人次由3万下降到2万。",  # a count: no word of money before it
    "服务对象由3万人降至2万人。",
    "带动2万下岗职工再就业，辐射10万上下游企业，年接待3万人次，较上年提高0.5万人次。",
])
def test_a_count_in_bare_wan_before_a_change_verb_is_no_change(text: str) -> None:
    assert stated_changes(text) == []


@pytest.mark.parametrize("text", [
    "带动2万下岗职工再就业，辐射10万上下游企业。",
    "年接待3万人次，2万下属单位，5万提供服务，3万上线用户。",
])
def test_a_bare_wan_before_words_that_are_no_change_verb_is_a_count(text: str) -> None:
    assert money_in_text(text) == []


OVERVIEW = 221


def _expenditure_changes(doc: Disclosure) -> list[tuple[str, int, str, str | None]]:
    return [(c.subject, c.direction, str(c.amount.value.number), c.reason and c.reason.text)
            for c in doc.expenditure.changes]


@pytest.mark.parametrize(("verb", "direction"), [
    ("压减", -1), ("调减", -1), ("缩减", -1), ("核减", -1), ("削减", -1), ("压缩", -1), ("下调", -1),
    ("提高", 1), ("调增", 1), ("增长", 1), ("提升", 1), ("上调", 1),
])
def test_a_change_written_plainly_in_other_verbs(verb: str, direction: int) -> None:
    [change] = stated_changes(f"公务接待费{verb}0.08万元，主要原因是厉行节约。")
    assert (change.label, change.direction, change.quantity.raw, change.reason) == (
        "公务接待费", direction, "0.08万元", "厉行节约")


def test_the_samples_sangong_changes_in_other_verbs(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """The sample's 三公 changes written 压减/核减/调增 read as its 减少/增加: the same changes, the same findings."""
    def reword(line: str) -> str:
        for old, new in (("与2022年相比减少", "与2022年相比压减"), ("运维费减少17.9万元", "运维费压减17.9万元"),
                         ("购置费减少18万元", "购置费核减18万元"), ("运维费增加0.1万元", "运维费调增0.1万元"),
                         ("1.02万元减少0.08万元", "1.02万元压减0.08万元")):
            assert old in line
            line = line.replace(old, new)
        return line
    doc = rewrite(sample_text, tmp_path, {SANGONG: reword})
    assert _restated(doc) == _restated(sample_doc)
    assert [(c.direction, c.parent, c.reason and c.reason.text) for c in doc.sangong.changes] == [
        (c.direction, c.parent, c.reason and c.reason.text) for c in sample_doc.sangong.changes]
    assert _codes(doc, SANGONG) == _codes(sample_doc, SANGONG)


def test_the_samples_overview_changes_in_other_verbs(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: lambda t: t.replace("较2022年预算减少", "较2022年预算压减").replace(
        "基本支出增加", "基本支出调增").replace("项目支出减少2090", "项目支出压减2090")})
    assert _expenditure_changes(doc) == _expenditure_changes(sample_doc)
    assert _codes(doc, OVERVIEW) == _codes(sample_doc, OVERVIEW)


@pytest.mark.parametrize("text", [
    "2023年预算支出较2022年下降了23.2%，降低了2017.79个百分点。",
    "压减一般性支出10%，提高资金使用效益，人员经费标准提高至5万元/人。",
    "项目支出压减非急需非刚性支出50万元。",
])
def test_percentages_and_verbs_without_their_amount_are_no_change(text: str) -> None:
    assert stated_changes(text) == []


def test_a_percentage_before_the_amount_is_not_the_change() -> None:
    [change] = stated_changes("2023年预算支出较2022年下降了23.2%，减少2017.79万元。")
    assert (change.direction, change.quantity.raw) == (-1, "2017.79万元")


@pytest.mark.parametrize("written", [
    "公务接待费由上年的1.02万元，减少至0.94万元",
    "公务接待费从2022年的1.02万元，降至0.94万元",
    "公务接待费由1.02万，压减至0.94万",
])
def test_a_comma_before_the_verb_of_a_from_to(written: str, sample_text: str, sample_doc: Disclosure,
                                              tmp_path: Path) -> None:
    """由上年的1.02万元，减少至0.94万元 is one change from 1.02万元 to 0.94万元."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace("公务接待费1.02万元减少0.08万元", written)})
    [reception] = [c for c in doc.sangong.changes if c.subject == "公务接待费"]
    assert (reception.direction, reception.amount.value.number, reception.current and reception.current.value.number,
            reception.prior and reception.prior.value.number) == (-1, Decimal("0.08"), Decimal("0.94"), Decimal("1.02"))
    assert _sangong(doc) == _sangong(sample_doc)
    assert "RC012" not in _codes(doc, SANGONG)


def test_a_comma_before_a_to_verb_without_from_is_no_change() -> None:
    """公务接待费1.02万元，减至… names no last year's figure: 由/从 must say 1.02万元 is it."""
    assert stated_changes("公务用车运维费1.02万元，减至0.94万元的部分由单位自筹。") == []


@pytest.mark.parametrize("written", [
    "公务接待费由1.02万元减少0.08万元至0.94万元",
    "公务接待费1.02万元减少0.08万元到0.94万元",
    "公务接待费由上年的1.02万元压减0.08万元至0.94万元",
])
def test_this_years_figure_after_a_change_from_last_years(written: str, sample_text: str, sample_doc: Disclosure,
                                                          tmp_path: Path) -> None:
    """由1.02万元减少0.08万元至0.94万元: the 0.94万元 is this year's figure of the reception's change
    (not a figure named 至), and the paragraph reads as the sample's."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace("公务接待费1.02万元减少0.08万元", written)})
    [reception] = [c for c in doc.sangong.changes if c.subject == "公务接待费"]
    assert (reception.direction, reception.amount.value.raw, reception.prior and reception.prior.value.raw,
            reception.current and reception.current.value.raw) == (-1, "0.08万元", "1.02万元", "0.94万元")
    assert _sangong(doc) == _sangong(sample_doc)
    assert _codes(doc, SANGONG) == _codes(sample_doc, SANGONG)


def test_this_years_figures_written_only_after_the_changes(sample_text: str, tmp_path: Path) -> None:
    """公务用车购置及运维费比上年减少17.9万元至12.5万元: the item's figure is 12.5万元."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: "2023年，我局财政拨款“三公”经费预算安排13.44万元，比上年减少17.98万元。其中，"
                                                   "因公出国（境）费0万元，与上年持平；公务用车购置及运维费比上年减少17.9万元至12.5万元；"
                                                   "公务接待费由1.02万元减少0.08万元至0.94万元。"})
    assert _sangong(doc) == {"total": "13.44万元", "overseas": "0万元", "vehicle": "12.5万元", "reception": "0.94万元"}
    assert _restated(doc) == [("“三公”经费合计", "17.98", None, None), ("公务用车购置及运维费", "17.9", None, "12.5万元"),
                              ("公务接待费", "0.08", "1.02万元", "0.94万元")]
    assert not {"RC009", "RC011", "RC012"} & set(_codes(doc, SANGONG))


def test_this_years_figure_after_a_change_that_does_not_add_up(sample_text: str, tmp_path: Path) -> None:
    """公务接待费0.94万元 … 由1.02万元减少0.08万元至0.90万元: 1.02 − 0.08 is not the 0.90万元 written with it."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace("公务接待费1.02万元减少0.08万元",
                                                                       "公务接待费由1.02万元减少0.08万元至0.90万元")})
    [finding] = _rc012(doc)
    assert (finding.message, finding.expected, finding.actual, finding.lines) == (
        "“公务接待费”上年数 1.02万元 减少 0.08万元 应为 0.94万元，而所述本年数为 0.90万元", "9400.00", "9000.00", (SANGONG,))


@pytest.mark.parametrize(("text", "label"), [
    ("公务接待费比上年减少0.08万元至0.94万元。", "公务接待费"),
    ("公务接待费与2022年相比减少0.08万元至0.94万元。", "公务接待费"),
    ("公务接待费同比减少0.08万元至0.94万元。", "公务接待费"),
    ("与2022年相比减少0.08万元至0.94万元。", ""),  # names no item
])
def test_the_name_of_this_years_figure_after_a_change(text: str, label: str) -> None:
    assert [(a.label, a.quantity.raw) for a in stated_amounts(text)] == [(label, "0.94万元")]


@pytest.mark.parametrize(("written", "message"), [
    ("公务接待费减少0.08万元，由1.02万元增加到0.94万元",
     "“公务接待费”所述减少 0.08万元与所述由上年 1.02万元 增加到 0.94万元 增减方向相反，自相矛盾"),
    ("公务接待费增加0.08万元，由1.02万元减至0.94万元",
     "“公务接待费”所述增加 0.08万元与所述由上年 1.02万元 减至 0.94万元 增减方向相反，自相矛盾"),
    ("公务接待费由1.02万元提高到0.94万元，比上年压减0.08万元",
     "“公务接待费”所述压减 0.08万元与所述由上年 1.02万元 提高到 0.94万元 增减方向相反，自相矛盾"),
])
def test_a_change_and_its_from_to_in_opposite_verbs(written: str, message: str, sample_text: str,
                                                    tmp_path: Path) -> None:
    """减少0.08万元，由1.02万元增加到0.94万元: one change said to go both ways — RC012 says so once,
    with both figures and the line, whichever verb the figures bear out."""
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace("公务接待费1.02万元减少0.08万元", written)})
    [finding] = _rc012(doc)
    assert (finding.message, finding.expected, finding.actual, finding.lines) == (
        message, "10200.00", "9400.00", (SANGONG,))
    assert (finding.expected_label, finding.actual_label) == ("上年数", "本年数")


@pytest.mark.parametrize("written", [
    "公务接待费压减0.08万元，由1.02万元减至0.94万元",
    "公务接待费由1.02万元降至0.94万元，比上年减少0.08万元",
    "公务接待费减少0.08万元（由1.02万元压缩到0.94万元）",
])
def test_a_change_and_its_from_to_in_verbs_of_one_sense(written: str, sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {SANGONG: lambda t: t.replace("公务接待费1.02万元减少0.08万元", written)})
    assert not _rc012(doc)


@pytest.mark.parametrize(("line", "old", "new", "message"), [
    (SANGONG, "公务接待费1.02万元减少0.08万元", "公务接待费1.10万元压减0.08万元",
     "“公务接待费”上年数 1.10万元 压减 0.08万元 应为 1.02万元，而本年公开数为 0.94万元"),
    (SANGONG, "公务接待费1.02万元减少0.08万元", "公务接待费由上年的0.94万元压减至0.94万元",
     "“公务接待费”所述由上年 0.94万元 压减至 0.94万元，但两数相同，并无减少"),
    (SANGONG, "公务接待费1.02万元减少0.08万元", "公务接待费由0.90万元减少0.08万元至0.94万元",
     "“公务接待费”所述由上年 0.90万元 减少0.08万元至 0.94万元，但两数相比实为增加 0.04万元，与所述减少相反"),
    (OVERVIEW, "基本支出增加73.07万元", "基本支出调增3000.00万元",
     "按所述变动推算，“基本支出”上年数为 -680.37万元（本年 2319.63万元 调增 3000.00万元），不可能为负"),
])
def test_rc012_quotes_the_documents_own_verb(line: int, old: str, new: str, message: str, sample_text: str,
                                             tmp_path: Path) -> None:
    """压减0.08万元, 压减至, 减少…至, 调增: the message quotes the change as the document writes it."""
    doc = rewrite(sample_text, tmp_path, {line: lambda t: t.replace(old, new)})
    assert [f.message for f in _rc012(doc)] == [message]


def test_each_overview_change_restated_from_to(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    """较2022年预算减少2017.79万元，由8681.28万元减少到6663.49万元，其中：基本支出增加73.07万元，由2246.56万元
    增加到2319.63万元: each 由…到 restates the change just before it (the basic spending's is not the total's)."""
    doc = rewrite(sample_text, tmp_path, {OVERVIEW: "2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，由8681.28万元减少到"
                                                    "6663.49万元，其中：基本支出增加73.07万元，由2246.56万元增加到2319.63万元，主要为人员经费"
                                                    "支出增加；项目支出减少2090.87万元，由6434.72万元降至4343.85万元，主要为天然气迎风度冬保障"
                                                    "资金项目支出减少。"})
    assert [(c.subject, c.prior and c.prior.value.raw, c.current and c.current.value.raw)
            for c in doc.expenditure.changes] == [("收支合计", "8681.28万元", "6663.49万元"),
                                                  ("基本支出", "2246.56万元", "2319.63万元"),
                                                  ("项目支出", "6434.72万元", "4343.85万元")]
    assert _expenditure_changes(doc) == _expenditure_changes(sample_doc)
    assert sorted(_codes(doc, OVERVIEW)) == sorted(_codes(sample_doc, OVERVIEW))
