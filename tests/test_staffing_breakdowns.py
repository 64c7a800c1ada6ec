"""Staffing breakdowns (line 182) spread over a total's brackets and the text after them: a （含…）
remark naming a kind the 其中 breakdown leaves out, a breakdown begun in （其中…） and continued after
the brackets, and kinds of 编制 named by words other than 行政/工勤/事业 (公务员, 政法专项, 机关工勤)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.model import Disclosure, Figure
from test_format_variants import rewrite


def _number(fig: Figure | None) -> str | None:
    return None if fig is None or fig.value.number is None else str(fig.value.number)


def _messages(doc: Disclosure, code: str) -> list[str]:
    return [f.message for f in run_checks(doc) if f.code == code]


def _reading(sample_text: str, tmp_path: Path, line_182: str) -> tuple[str | None, list[str], list[str]]:
    """(total, parts, RC013 messages) of the sample with line 182 rewritten."""
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    return _number(doc.staffing.total), [_number(p) or "" for p in doc.staffing.parts], _messages(doc, "RC013")


# ------------------------------------------------------------------ a （含…） remark naming a kind the breakdown leaves out


@pytest.mark.parametrize(("line_182", "parts"), [
    ("第八条  核定编制80名（含工勤编制1名），其中行政编制17名，锁定事业编制62名。", ["1", "17", "62"]),
    ("第八条  核定编制80名(含工勤编制1名)，其中：行政编制17名；锁定事业编制62名。", ["1", "17", "62"]),
    ("第八条  编制总数80人（包括工勤编制1人），其中行政编制17人，锁定事业编制62人。", ["1", "17", "62"]),
    ("第八条  机关编制80名（内含工勤编制1名），其中行政编制17名，锁定事业编制62名，实有人员75名，退休人员10名。",
     ["1", "17", "62"]),
    ("第八条  编制80名（含管理岗位编制10名），其中专业技术岗位编制67名，工勤技能岗位编制3名。", ["10", "67", "3"]),
])
def test_remark_naming_a_kind_left_out_completes_the_breakdown(line_182: str, parts: list[str], sample_text: str,
                                                              tmp_path: Path) -> None:
    """编制80名（含工勤编制1名），其中行政编制17名，锁定事业编制62名: 1 + 17 + 62 = 80, no RC013."""
    assert _reading(sample_text, tmp_path, line_182) == ("80", parts, [])


def test_remark_naming_a_kind_left_out_that_still_does_not_add_up(sample_text: str, tmp_path: Path) -> None:
    line = "第八条  核定编制80名（含工勤编制1名），其中行政编制17名，锁定事业编制50名。"
    assert _reading(sample_text, tmp_path, line) == ("80", ["1", "17", "50"], [
        "各类编制之和 68名（工勤编制1名、行政编制17名、锁定事业编制50名）与编制总数 80名 不符"])


@pytest.mark.parametrize(("line_182", "parts", "messages"), [
    # the remark names a kind of the breakdown: not added twice
    ("第八条  机关编制80名（含行政编制17名），其中行政编制17名，工勤编制1名，锁定事业编制62名。",
     ["17", "1", "62"], []),
    ("第八条  核定编制80名（含锁定事业编制62名），其中行政编制17名，工勤编制1名，事业编制62名。",
     ["17", "1", "62"], []),
    ("第八条  机关编制80名（含行政编制17名），其中行政编制17名，工勤编制1名，锁定事业编制45名。",
     ["17", "1", "45"],
     ["各类编制之和 63名（行政编制17名、工勤编制1名、锁定事业编制45名）与编制总数 80名 不符"]),
    # a breakdown that adds up alone: the remark names a part of a part (参公 of 行政)
    ("第八条  机关编制80名（含参公编制5名），其中行政编制17名，工勤编制1名，锁定事业编制62名。",
     ["17", "1", "62"], []),
    # a total naming a kind: its remark names some of that kind, as before
    ("第八条  行政编制80名（含参公编制17名），其中行政编制17名，工勤编制1名，锁定事业编制45名。",
     ["17", "1", "45"],
     ["各类编制之和 63名（行政编制17名、工勤编制1名、锁定事业编制45名）与编制总数 80名 不符"]),
    # a remark without a breakdown: no parts
    ("第八条  机关编制80名（含工勤编制1名），正股级领导职数22名。", [], []),
])
def test_remarks_that_keep_their_reading(line_182: str, parts: list[str], messages: list[str], sample_text: str,
                                         tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == ("80", parts, messages)


# ------------------------------------------------------------------ （其中…） continued after the brackets


@pytest.mark.parametrize("line_182", [
    "第八条  核定编制80名（其中行政编制17名），工勤编制1名，锁定事业编制62名。",
    "第八条  核定编制80名(其中行政编制17名、工勤编制1名)，锁定事业编制62名。",
    "第八条  机关编制80名（其中：行政编制17名），工勤编制1名；锁定事业编制62名；正股级领导职数22名。",
])
def test_breakdown_begun_in_brackets_goes_on_after_them(line_182: str, sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == ("80", ["17", "1", "62"], [])


def test_breakdown_begun_in_brackets_that_does_not_add_up(sample_text: str, tmp_path: Path) -> None:
    line = "第八条  核定编制80名（其中行政编制17名），工勤编制1名，锁定事业编制50名。"
    assert _reading(sample_text, tmp_path, line) == ("80", ["17", "1", "50"], [
        "各类编制之和 68名（行政编制17名、工勤编制1名、锁定事业编制50名）与编制总数 80名 不符"])


@pytest.mark.parametrize(("line_182", "parts", "messages"), [
    # the whole breakdown in the brackets, as before
    ("第八条  核定编制80名（其中行政编制17名，工勤编制1名，锁定事业编制62名），实有人员75名。", ["17", "1", "62"], []),
    ("第八条  核定编制80名（其中行政编制17名，工勤编制1名，锁定事业编制50名）。", ["17", "1", "50"],
     ["各类编制之和 68名（行政编制17名、工勤编制1名、锁定事业编制50名）与编制总数 80名 不符"]),
    # the brackets add up alone: a count after them is another unit's
    ("第八条  机关编制80名（其中行政编制17名，工勤编制1名，锁定事业编制62名），下属单位事业编制20名。",
     ["17", "1", "62"], []),
])
def test_breakdowns_in_brackets_that_keep_their_reading(line_182: str, parts: list[str], messages: list[str],
                                                        sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == ("80", parts, messages)


# ------------------------------------------------------------------ kinds of 编制 named by other words


@pytest.mark.parametrize(("line_182", "labels"), [
    ("第八条  核定编制80名，其中公务员编制17名，工勤编制1名，锁定事业编制62名。",
     ["公务员编制", "工勤编制", "锁定事业编制"]),
    ("第八条  核定编制80名，其中行政编制12名，政法专项编制5名，工勤编制1名，锁定事业编制62名。",
     ["行政编制", "政法专项编制", "工勤编制", "锁定事业编制"]),
    ("第八条  核定编制80名，其中行政编制17名，机关工勤编制1名，专项编制62名。",
     ["行政编制", "机关工勤编制", "专项编制"]),
    ("第八条  编制80人，其中：参公编制17人；全额事业编制50人；差额事业编制10人；自收自支事业编制3人。",
     ["参公编制", "全额事业编制", "差额事业编制", "自收自支事业编制"]),
])
def test_other_kind_words_are_parts(line_182: str, labels: list[str], sample_text: str, tmp_path: Path) -> None:
    doc = rewrite(sample_text, tmp_path, {182: line_182})
    assert _number(doc.staffing.total) == "80"
    assert [p.label for p in doc.staffing.parts] == labels
    assert not _messages(doc, "RC013")


def test_other_kind_words_that_do_not_add_up(sample_text: str, tmp_path: Path) -> None:
    line = "第八条  核定编制80名，其中公务员编制17名，政法专项编制5名，工勤编制1名，锁定事业编制62名。"
    assert _reading(sample_text, tmp_path, line) == ("80", ["17", "5", "1", "62"], [
        "各类编制之和 85名（公务员编制17名、政法专项编制5名、工勤编制1名、锁定事业编制62名）与编制总数 80名 不符"])


@pytest.mark.parametrize("line_182", [
    "第八条  核定编制80名，其中行政编制17名，工勤编制1名，锁定事业编制62名。实有人员75名，退休人员10名，领导职数3名。",
    "第八条  核定编制80名，其中行政编制17名，工勤编制1名，锁定事业编制62名；实有人员75名（其中男40名，女35名）。",
    "第八条  机关编制80名，其中行政编制17名，工勤编制1名，锁定事业编制62名，实有人员：共计75人，退休人员10人。",
])
def test_counts_that_name_no_kind_of_quota_are_no_parts(line_182: str, sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == ("80", ["17", "1", "62"], [])


# ------------------------------------------------------------------ a count in brackets under the count before it


@pytest.mark.parametrize("line_182", [
    "第八条  核定编制80名（其中行政编制17名，含参公编制5名），工勤编制1名，锁定事业编制62名。",
    "第八条  核定编制80名（其中行政编制17名，含参公编制5名，工勤编制1名，锁定事业编制62名）。",
    "第八条  核定编制80名（其中行政编制17名，其中参公编制5名），工勤编制1名，锁定事业编制62名。",
])
def test_a_part_of_a_part_in_the_brackets_is_no_part(line_182: str, sample_text: str, tmp_path: Path) -> None:
    """（其中行政编制17名，含参公编制5名）: the 5 are of the 17, not beside them."""
    assert _reading(sample_text, tmp_path, line_182) == ("80", ["17", "1", "62"], [])


def test_a_remark_with_a_part_of_its_kind_completes_the_breakdown_once(sample_text: str, tmp_path: Path) -> None:
    line = "第八条  核定编制80名（含工勤编制1名，其中机关工勤编制1名），其中行政编制17名，锁定事业编制62名。"
    assert _reading(sample_text, tmp_path, line) == ("80", ["1", "17", "62"], [])


def test_a_part_of_a_part_in_the_brackets_that_does_not_add_up(sample_text: str, tmp_path: Path) -> None:
    line = "第八条  核定编制80名（其中行政编制17名，含参公编制5名），工勤编制1名，锁定事业编制50名。"
    assert _reading(sample_text, tmp_path, line) == ("80", ["17", "1", "50"], [
        "各类编制之和 68名（行政编制17名、工勤编制1名、锁定事业编制50名）与编制总数 80名 不符"])


@pytest.mark.parametrize("line_182", [
    # 含/其中 opening the brackets is no count under another
    "第八条  核定编制80名（含：行政编制17名，工勤编制1名，锁定事业编制62名）。",
    "第八条  核定编制80名（其中：行政编制17名，工勤编制1名，锁定事业编制62名）。",
])
def test_brackets_opened_by_han_or_qizhong_keep_their_parts(line_182: str, sample_text: str,
                                                          tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == ("80", ["17", "1", "62"], [])


# ------------------------------------------------------------------ third review

def test_a_bracketed_part_and_another_units_count_are_no_breakdown(sample_text: str, tmp_path: Path) -> None:
    """局机关编制20名（其中行政编制17名），下属事业单位事业编制60名: 60 is another unit's, not the rest of the 20
    (they would exceed it); no RC013 of 77 vs 20."""
    line = "第八条  局机关编制20名（其中行政编制17名），下属事业单位事业编制60名。"
    assert _reading(sample_text, tmp_path, line)[2] == []


@pytest.mark.parametrize(("line_182", "message"), [
    ("第八条  编制80名（含参公编制5名），其中行政编制17名，事业编制58名。",
     "各类编制之和 75名（行政编制17名、事业编制58名）与编制总数 80名 不符"),
    ("第八条  核定编制80名（含政法专项编制5名），其中行政编制17名，工勤编制1名，事业编制57名。",
     "各类编制之和 75名（行政编制17名、工勤编制1名、事业编制57名）与编制总数 80名 不符"),
])
def test_a_remark_of_a_kind_within_another_does_not_fill_a_shortfall(line_182: str, message: str,
                                                                      sample_text: str, tmp_path: Path) -> None:
    """参公/政法专项 are within 行政 (or 事业): such a remark is no part beside the breakdown, and a breakdown 5
    short stays reported (third review: the remark filled the gap)."""
    assert _reading(sample_text, tmp_path, line_182)[2] == [message]


def test_a_remark_of_a_post_completes_a_breakdown_of_posts(sample_text: str, tmp_path: Path) -> None:
    line = "第八条  核定事业编制80名（含管理岗位编制10名），其中专业技术岗位编制67名，工勤技能岗位编制3名。"
    assert _reading(sample_text, tmp_path, line) == ("80", ["10", "67", "3"], [])


@pytest.mark.parametrize("line_182", [
    "第八条  核定编制80名（含行政编制17名，含工勤编制1名，含锁定事业编制62名）。",
    "第八条  核定编制80名（其中行政编制17名，其中工勤编制1名，其中锁定事业编制62名）。",
])
def test_a_bracket_repeating_its_word_item_by_item_lists_siblings(line_182: str, sample_text: str,
                                                                  tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == ("80", ["17", "1", "62"], [])


# ------------------------------------------------------------------ fourth review

@pytest.mark.parametrize("line_182", [
    "第八条  核定编制80名（含工勤编制1名），其中行政编制17名，全额事业编制62名。",
    "第八条  核定编制80名（含工勤编制1名），其中行政编制17名，政法专项编制10名，事业编制52名。",
    "第八条  核定编制80名（含行政编制17名，含工勤编制1名，含全额事业编制62名）。",
])
def test_funded_kinds_of_事业_are_main_kinds(line_182: str, sample_text: str, tmp_path: Path) -> None:
    """全额事业编制 is a main kind, and 政法专项编制 beside 行政编制 leaves the breakdown's level to the others
    (fourth review: false RC013 79 vs 80, a lost list)."""
    total, parts, messages = _reading(sample_text, tmp_path, line_182)
    assert total == "80" and sum(int(p) for p in parts) == 80 and messages == []


@pytest.mark.parametrize("line_182", [
    "第八条  局机关编制20名（其中行政编制17名），下属事业单位事业编制2名。",
    "第八条  机关编制80名（其中行政编制17名），下属事业单位事业编制50名。",
    "第八条  核定编制80名（其中行政编制17名），其中参公编制5名。",
])
def test_no_breakdown_goes_on_into_a_units_count_or_a_kind_within(line_182: str, sample_text: str,
                                                                   tmp_path: Path) -> None:
    """Another unit's count, or 参公 within 行政, after the brackets: no breakdown across them (fourth review:
    false RC013 19 vs 20, 67 vs 80, 22 vs 80)."""
    assert _reading(sample_text, tmp_path, line_182)[2] == []


# ------------------------------------------------------------------ classes of staff by their work (a reviewer's round)


@pytest.mark.parametrize(("line_182", "total", "parts", "fires"), [
    ("医院核定编制560名，其中：卫生技术人员编制498名，管理人员编制38名，工勤技能人员编制24名。", "560", ["498", "38", "24"], False),
    ("医院核定编制560名，其中：卫生技术人员编制498名，管理人员编制38名，工勤技能人员编制20名。", "560", ["498", "38", "20"], True),
    ("本局核定编制50名，其中：行政编制30名，执法人员编制15名，工勤人员编制5名。", "50", ["30", "15", "5"], False),
    ("学校核定教职工编制120名，其中：专任教师编制100名，管理人员编制12名，工勤人员编制8名。", "120", ["100", "12", "8"], False),
    ("核定人员编制25名，其中行政编制20名，事业编制5名。", "25", ["20", "5"], False),
    # staff outside the quota (编外人员编制) or in post (实有人员编制) are no parts (a reviewer's next round)
    ("核定编制80名，其中行政编制17名，工勤编制1名，事业编制62名，另有编外人员编制10名。", "80", ["17", "1", "62"], False),
    ("本局编制50名，其中行政编制40名，工勤编制10名，在编人员编制48名。", "50", ["40", "10"], False),
    ("本局编制50名，其中专任教师编制40名，总务人员编制6名。", "50", ["40", "6"], True),  # 总务 is a class
    # a part's own breakdown after the parts (事业编制中，…) is not added to the total's
    ("核定编制100名，其中行政编制40名、事业编制60名；事业编制中，管理人员编制10名、专业技术人员编制45名、工勤技能人员编制5名。",
     "100", ["40", "60"], False),
    ("核定编制100名，其中行政编制40名、事业编制60名；事业编制中，管理岗位10名、专业技术岗位45名、工勤技能岗位5名。",
     "100", ["40", "60"], False),
])
def test_classes_of_staff_are_parts_like_kinds(line_182: str, total: str, parts: list[str], fires: bool,
                                               sample_text: str, tmp_path: Path) -> None:
    """卫生技术人员编制, 执法人员编制, 专任教师编制 were no parts (only classes with a kind word in them were), so the kinds
    beside them made a false RC013; 教师编制 was taken for the total; a part's breakdown was added to the total's."""
    read_total, read_parts, messages = _reading(sample_text, tmp_path, line_182)
    assert (read_total, read_parts) == (total, parts)
    assert bool(messages) is fires, messages


@pytest.mark.parametrize("line_182", [
    "第八条  核定编制80名，其中行政编制17名，工勤编制1名，事业编制62名。截至2022年底实有人员78名，其中占用行政编制16名。",
    "第八条  核定编制80名，其中行政编制17名，工勤编制1名，事业编制62名。在编人员编制78名，其中行政编制16名。",
])
def test_the_staff_in_posts_kinds_after_the_quotas_own_are_theirs(line_182: str, sample_text: str,
                                                                  tmp_path: Path) -> None:
    """The quota's kinds listed, then the staff in post's 其中占用行政编制16名 (some of them): those were taken for one more
    kind of the quota, a false RC013 (96 against 80, a reviewer's)."""
    total, parts, messages = _reading(sample_text, tmp_path, line_182)
    assert (total, parts, messages) == ("80", ["17", "1", "62"], [])


def test_the_quotas_own_shortfall_beside_the_staff_in_posts_kinds_is_still_reported(sample_text: str,
                                                                                     tmp_path: Path) -> None:
    total, parts, messages = _reading(sample_text, tmp_path, "第八条  核定编制80名，其中行政编制17名，工勤编制1名，"
                                      "事业编制60名。实有人员78名，其中占用行政编制16名。")
    assert (total, parts) == ("80", ["17", "1", "60"]) and len(messages) == 1


@pytest.mark.parametrize(("doctors", "messages"), [("8", 0), ("6", 1)])
def test_a_class_by_its_work_listed_after_the_kinds_is_a_part(doctors: str, messages: int, sample_text: str,
                                                              tmp_path: Path) -> None:
    """学校核定事业编制186名，其中：专任教师编制162名、…、校医编制2名: 校医编制, naming no kind, was taken for the total (2) and
    事业编制186名 for a part — the planted shortfall (184 against 186) found only by accident, the right text flagged too
    (a reviewer's)."""
    total, parts, found = _reading(sample_text, tmp_path, f"第八条  学校核定事业编制186名，其中：专任教师编制162名、管理人员编制10名、"
                                   f"教学辅助人员编制{doctors}名、工勤技能人员编制4名、校医编制2名。")
    assert (total, parts[-1], len(parts), len(found)) == ("186", "2", 5, messages)
