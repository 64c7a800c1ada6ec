"""The staffing quota (line 182): a total written after its parts and the kinds' whole
names; and how messages quote a figure written as approximate (约/近/余): as written, while
sums and differences the checks work out stay to the cent."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure, Figure
from test_format_variants import keys, rewrite


def _number(fig: Figure | None) -> str | None:
    return None if fig is None or fig.value.number is None else str(fig.value.number)


def _messages(doc: Disclosure, code: str) -> list[str]:
    return [f.message for f in run_checks(doc) if f.code == code]


# ------------------------------------------------------------------ 编制: the total after its parts

PARTS = "第八条  行政编制17名，工勤编制1名，锁定事业编制62名"


@pytest.mark.parametrize("line_182", [
    f"{PARTS}（共计80名）。",
    f"{PARTS}（合计80名），正股级领导职数22名。",
    f"{PARTS}（以上共计80名）。",
    f"{PARTS}（共计80名），实有人员：共计75人。",
    f"{PARTS}，共计80名。",
    f"{PARTS}，以上共计80名。",
    f"{PARTS}，共80名，副股级领导职数11名。",
])
def test_staffing_total_after_its_parts(line_182: str, sample_text: str, sample_doc: Disclosure,
                                        tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    assert _number(doc.staffing.total) == "80"
    assert [_number(p) for p in doc.staffing.parts] == ["17", "1", "62"]
    assert keys(run_checks(doc)) == keys(run_checks(sample_doc))


def test_staffing_total_after_its_parts_that_do_not_add_up(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: f"{PARTS}（共计81名）。"})
    assert _messages(doc, "RC013") == [
        "各类编制之和 80名（行政编制17名、工勤编制1名、锁定事业编制62名）与编制总数 81名 不符"]


@pytest.mark.parametrize("line_182", [
    # a sum of the leading posts, in brackets or not, is no total of the quota
    f"{PARTS}，副股级领导职数11名（合计33名）。",
    f"{PARTS}；正股级领导职数22名，副股级领导职数11名，合计33名。",
    # a part's own brackets hold a part of it
    f"{PARTS}（含参公编制5名）。",
    # one kind is no sum
    "第八条  行政编制17名（共计17名），正股级领导职数22名。",
])
def test_no_staffing_total_from_other_sums(line_182: str, sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    assert doc.staffing.total is None
    assert not _messages(doc, "RC013")


# ------------------------------------------------------------------ 编制: the kinds' whole names


def test_staffing_kinds_keep_their_whole_names(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: (
        "第八条  核定全额拨款事业编制62名，其中管理岗位编制10名，专业技术岗位编制50名，工勤技能岗位编制3名。")})
    st = doc.staffing
    assert st.total is not None and st.total.label == "全额拨款事业编制"
    assert [p.label for p in st.parts] == ["管理岗位编制", "专业技术岗位编制", "工勤技能岗位编制"]
    assert _messages(doc, "RC013") == [
        "各类编制之和 63名（管理岗位编制10名、专业技术岗位编制50名、工勤技能岗位编制3名）与编制总数 62名 不符"]


def test_staffing_labels_of_the_sample_stay(sample_doc: Disclosure) -> None:
    st = sample_doc.staffing
    assert st.total is not None and st.total.label == "机关编制"
    assert [p.label for p in st.parts] == ["行政编制", "工勤编制", "锁定事业编制"]


# ------------------------------------------------------------------ approximate figures in messages

SANGONG = (229, "预算安排18.84万元")
SPENDING = (217, "2023年支出预算6663.49万元")
RUNNING = (225, "共计安排184.4万元")
ASSETS = (3159, "固定资产金额为969.53万元")
TITLE = (1218, "（办公费10万元）")


def _with(sample_text: str, tmp_path: Path, where: tuple[int, str], new: str) -> Disclosure:
    line, old = where
    return rewrite(sample_text, tmp_path, {line: lambda text: text.replace(old, new)})


@pytest.mark.parametrize(("written", "quoted"), [("约19万元", "约19万元"), ("近19万元", "近19万元"),
                                                 ("19万元左右", "19万元左右"), ("19万元", "19.00万元")])
def test_rc009_quotes_the_total_as_written(written: str, quoted: str, sample_text: str, tmp_path: Path) -> None:
    """The parts' sum is worked out: to the cent, and marked when the total it meets is about."""
    doc = _with(sample_text, tmp_path, SANGONG, f"预算安排{written}")
    [message] = _messages(doc, "RC009")
    assert message.startswith(
        "“三公”经费各项（因公出国（境）费0万元、公务用车购置及运维费12.5万元、公务接待费0.94万元）之和 13.44万元 "
        f"与合计 {quoted} 不符，相差 5.56万元")
    assert message.endswith("（文中为约数，已按约数放宽容差）") is (quoted != "19.00万元")


def test_rc009_an_approximate_part_leaves_the_sum_to_the_cent(sample_text: str, tmp_path: Path) -> None:
    doc = _with(sample_text, tmp_path, (229, "公务用车购置及运维费12.5万元（"), "公务用车购置及运维费约13万元（")
    assert _messages(doc, "RC009") == [
        "“三公”经费各项（因公出国（境）费0万元、公务用车购置及运维费约13万元、公务接待费0.94万元）之和 13.94万元 "
        "与合计 18.84万元 不符，相差 4.90万元（文中为约数，已按约数放宽容差）"]


@pytest.mark.parametrize(("written", "quoted"), [("约6800万元", "约6800万元"), ("6800万元", "6,800.00万元")])
def test_rc004_and_rc002_quote_the_spending_total_as_written(written: str, quoted: str, sample_text: str,
                                                              tmp_path: Path) -> None:
    doc = _with(sample_text, tmp_path, SPENDING, f"2023年支出预算{written}")
    note = "（文中为约数，已按约数放宽容差）" if written.startswith("约") else ""
    assert _messages(doc, "RC004") == [
        f"基本支出与项目支出之和 6,663.48万元 与支出合计 {quoted} 不符，相差 136.52万元{note}"]
    assert _messages(doc, "RC002") == [
        f"收入合计与上年结转之和 6,619.09万元 与支出合计 {quoted} 不符，相差 180.91万元{note}"]


@pytest.mark.parametrize(("written", "quoted"), [("约230万元", "约230万元"), ("230万元", "230.00万元")])
def test_rc017_quotes_the_running_costs_as_written(written: str, quoted: str, sample_text: str,
                                                  tmp_path: Path) -> None:
    doc = _with(sample_text, tmp_path, RUNNING, f"共计安排{written}")
    [message] = _messages(doc, "RC017")
    assert message.startswith(f"机关运行经费 {quoted} 大于基本支出中的公用经费 184.40万元，超出 45.60万元")


@pytest.mark.parametrize(("written", "quoted"), [("约800万元", "约800万元"), ("800万元", "800.00万元")])
def test_rc014_quotes_the_text_total_as_written(written: str, quoted: str, sample_text: str,
                                               tmp_path: Path) -> None:
    doc = _with(sample_text, tmp_path, ASSETS, f"固定资产金额为{written}")
    [message] = _messages(doc, "RC014")
    assert message.startswith(f"说明中的固定资产总额 {quoted} 与资产表总额 969.53万元 不符，相差 169.53万元")


@pytest.mark.parametrize(("written", "quoted"), [("约10万元", "约10万元"), ("10万元", "10.00万元")])
def test_rc016_quotes_the_amount_in_the_name_as_written(written: str, quoted: str, sample_text: str,
                                                       tmp_path: Path) -> None:
    doc = _with(sample_text, tmp_path, TITLE, f"（办公费{written}）")
    [message] = _messages(doc, "RC016")
    assert message.startswith(f"结转项目名称中写明金额 {quoted}，本年预算数 5.02万元，少 4.98万元")
    assert message.endswith("（文中为约数，已按约数放宽容差）") is written.startswith("约")


# ------------------------------------------------------------------ what the message names


def test_rc002_without_a_carry_over_names_the_income_alone(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {214: lambda line: line.replace("，上年结转891.02万元", "")})
    assert doc.income.carry_over is None
    assert _messages(doc, "RC002") == [
        "收入合计 5,728.07万元 与支出合计 6,663.49万元 不符，相差 935.42万元（未读到上年结转，按0计）"]


def test_rc002_with_a_carry_over_names_both(sample_doc: Disclosure) -> None:
    assert _messages(sample_doc, "RC002") == [
        "收入合计与上年结转之和 6,619.09万元 与支出合计 6,663.49万元 不符，相差 44.40万元"]


def test_rc013_counts_in_the_documents_unit(sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: "第八条  编制人数25人，其中行政编制20人，事业编制4人。"})
    [message] = _messages(doc, "RC013")
    assert "25人" in message and "24人" in message and "名" not in message.replace("编制", "")


@pytest.mark.parametrize(("line_182", "actual", "expected"), [
    # the total in 人, the parts in 名: their sum in 名, as they are written
    ("第八条  核定编制80人，其中行政编制17名，工勤编制1名，事业编制60名。", "78名", "80人"),
    ("第八条  核定编制80名，其中行政编制17人，工勤编制1人，事业编制60人。", "78人", "80名"),
    # parts in both units: the total's
    ("第八条  核定编制80人，其中行政编制17名，工勤编制1人，事业编制60名。", "78人", "80人"),
])
def test_rc013_sums_the_parts_in_their_unit(line_182: str, actual: str, expected: str, sample_text: str,
                                           tmp_path: Path) -> None:
    """The parts' sum was written in the total's unit beside parts in another (各类编制之和 78人（行政编制
    17名…）)."""
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    [message] = _messages(doc, "RC013")
    assert message.startswith(f"各类编制之和 {actual}（") and message.endswith(f"与编制总数 {expected} 不符")
