"""More staffing wordings (line 182): 编制 in 个 in the duties is no quota, a remark after a comma, kinds
beside the staff in post, a remark of another level under a kind's total, a part with a （其中…）
remark and no total, 后勤服务编制 as a kind and 机关编制 as no part."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from test_format_variants import rewrite
from test_staffing_breakdowns import _reading

_SHORT = "各类编制之和 68名（行政编制17名、工勤编制1名、锁定事业编制50名）与编制总数 80名 不符"

# ------------------------------------------------------------------ 编制 in 个 in the duties


@pytest.mark.parametrize("line_178", [
    "（二十一）投资管理股。每年完成规划编制3个。",
    "（二十一）投资管理股。调整编制5个，其中行政编制2个、事业编制3个。",
    "（二十一）投资管理股。核减行政编制2个、事业编制3个。",
])
def test_a_ge_count_in_the_duties_does_not_take_over(line_178: str, sample_text: str, tmp_path: Path) -> None:
    """编制 counted in 个 in a duties paragraph is no quota: line 182's reading and its real RC013 stand."""
    doc = rewrite(sample_text, tmp_path, {
        178: line_178,
        182: "第八条  核定编制80名，其中行政编制17名，工勤编制1名，锁定事业编制50名。"})
    assert doc.staffing.total is not None and str(doc.staffing.total.number) == "80"
    assert [str(p.number) for p in doc.staffing.parts] == ["17", "1", "50"]
    assert [m.message for m in run_checks(doc) if m.code == "RC013"] == [_SHORT]


# ------------------------------------------------------------------ a remark after a comma


@pytest.mark.parametrize(("line_182", "parts"), [
    ("第八条  核定编制80名，（含工勤编制1名），其中行政编制17名，锁定事业编制62名。", ["1", "17", "62"]),
    ("第八条  核定编制80名,(包括工勤编制1名)，其中：行政编制17名；锁定事业编制62名。", ["1", "17", "62"]),
    ("第八条  核定编制80名，（其中行政编制17名，工勤编制1名，锁定事业编制62名）。", ["17", "1", "62"]),
    ("第八条  核定编制80名，（其中行政编制17名），工勤编制1名，锁定事业编制62名。", ["17", "1", "62"]),
])
def test_a_remark_after_a_comma_is_the_totals(line_182: str, parts: list[str], sample_text: str,
                                              tmp_path: Path) -> None:
    """编制80名，（含工勤编制1名），其中…: read as without the comma (before: 79 vs 80)."""
    assert _reading(sample_text, tmp_path, line_182) == ("80", parts, [])


@pytest.mark.parametrize(("line_182", "reading"), [
    ("第八条  核定编制80名，（含工勤编制1名），其中行政编制17名，锁定事业编制50名。",
     ("80", ["1", "17", "50"],
      ["各类编制之和 68名（工勤编制1名、行政编制17名、锁定事业编制50名）与编制总数 80名 不符"])),
    # a remark of a kind within another still fills no shortfall
    ("第八条  核定编制80名，（含参公编制5名），其中行政编制17名，事业编制58名。",
     ("80", ["17", "58"], ["各类编制之和 75名（行政编制17名、事业编制58名）与编制总数 80名 不符"])),
    # a remark without a breakdown: no parts
    ("第八条  核定编制80名，（含工勤编制1名）。", ("80", [], [])),
    # brackets after a comma opening with no 含/其中 are no remark of the total
    ("第八条  行政编制17名，工勤编制1名，锁定事业编制62名，（共计80名）。", (None, ["17", "1", "62"], [])),
])
def test_remarks_after_a_comma_that_keep_their_reading(line_182: str,
                                                       reading: tuple[str | None, list[str], list[str]],
                                                       sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == reading


@pytest.mark.parametrize(("line_182", "reading"), [
    # a kind within another in brackets after a comma is no part beside the main kinds (before: no RC013)
    ("第八条  核定编制80名，（其中参公编制5名），行政编制17名，工勤编制1名，锁定事业编制57名。", ("80", ["17", "1", "57"],
     ["各类编制之和 75名（行政编制17名、工勤编制1名、锁定事业编制57名）与编制总数 80名 不符"])),
    ("第八条  核定编制80名，（其中参公编制5名），行政编制17名，工勤编制1名，锁定事业编制62名。", ("80", ["17", "1", "62"], [])),
])
def test_a_lower_kind_after_a_comma_joins_no_main_kinds(
        line_182: str, reading: tuple[str | None, list[str], list[str]], sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == reading


# ------------------------------------------------------------------ kinds beside the staff in post
# (the in-post breakdown rule of d9114f6/870d793 is reverted: these read as at ec99c4a)


@pytest.mark.parametrize("line_182", [
    "第八条  实有人员78名，其中男40名、女38名，行政编制17名，工勤编制1名，锁定事业编制50名，共计80名。",
    "第八条  核定编制80名，核定在编人员80名，其中行政编制17名，工勤编制1名，锁定事业编制50名。",
    "第八条  单位编制80名，在编人员78名，其中行政编制17名、工勤编制1名、锁定事业编制50名。",
    "第八条  核定编制80名，退休人员10名，其中行政编制17名，工勤编制1名，锁定事业编制50名。",
])
def test_kinds_after_the_staff_in_post_keep_their_real_rc013(line_182: str, sample_text: str,
                                                              tmp_path: Path) -> None:
    """A 其中 of the staff in post (split by sex, 核定 before it, a sum beyond theirs) loses no real RC013."""
    assert _reading(sample_text, tmp_path, line_182) == ("80", ["17", "1", "50"], [_SHORT])


@pytest.mark.parametrize(("line_182", "reading"), [
    # the quota's kinds after the staff in post's breakdown keep their real RC013
    ("第八条  实有人员78名，其中行政人员17名、事业人员61名；核定编制80名，行政编制17名，工勤编制1名，锁定事业编制50名。",
     ("80", ["17", "1", "50"], [_SHORT])),
    ("第八条  在职人员78人，其中行政17人，事业61人；编制人数80人，行政编制17名，工勤编制1名，锁定事业编制50名。",
     ("80", ["17", "1", "50"], [_SHORT.replace("80名", "80人")])),
    ("第八条  现有人员78名，其中男40名，女38名；核定编制80名：行政编制17名，工勤编制1名，锁定事业编制50名。",
     ("80", ["17", "1", "50"], [_SHORT])),
    ("第八条  在编人员78名，其中党员50名，核定编制80名，行政编制17名，工勤编制1名，锁定事业编制50名。",
     ("80", ["17", "1", "50"], [_SHORT])),
    ("第八条  实有人员78名，其中在编78名；核定编制80名，行政编制17名，工勤编制1名，锁定事业编制50名。",
     ("80", ["17", "1", "50"], [_SHORT])),
    ("第八条  实有人员78名，其中行政人员17名；行政编制17名，工勤编制1名，锁定事业编制50名，共计80名。",
     ("80", ["17", "1", "50"], [_SHORT])),
    # a quota's kinds each with the staff in post of its own
    ("第八条  编制总数80名，实有人员78名，其中：行政编制17名，实有17名；事业编制50名，实有49名；工勤编制1名，实有0名。",
     ("80", ["17", "50", "1"], ["各类编制之和 68名（行政编制17名、事业编制50名、工勤编制1名）与编制总数 80名 不符"])),
])
def test_the_staff_in_posts_breakdown_ends_before_the_quota(
        line_182: str, reading: tuple[str | None, list[str], list[str]], sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == reading



@pytest.mark.parametrize(("line_182", "reading"), [
    ("第八条  核定编制80名，实有人员78名，其中行政编制17名，工勤编制1名，事业编制60名。", ("80", [], [])),
    ("第八条  核定编制80名，实有人员78名，其中：行政编制17名；工勤编制1名；事业编制60名。", ("80", [], [])),
    ("第八条  核定编制80名，在职人员共78人，其中行政编制17名、事业编制61名。", ("80", [], [])),
    ("第八条  实有人员78名，其中行政编制17名，工勤编制1名，事业编制60名；核定编制80名。", ("80", [], [])),
    # the quota's own breakdown before it stays the quota's
    ("第八条  核定编制80名，其中行政编制17名，工勤编制1名，事业编制62名；实有人员78名，其中行政编制17名，工勤编制1名，"
     "事业编制60名。", ("80", ["17", "1", "62"], [])),
    ("第八条  核定编制80名（其中行政编制17名，事业编制63名），实有人员78名，其中行政编制17名，事业编制61名。",
     ("80", ["17", "63"], [])),
])
def test_kinds_adding_up_to_the_staff_in_post_are_theirs(
        line_182: str, reading: tuple[str | None, list[str], list[str]], sample_text: str, tmp_path: Path) -> None:
    """核定编制80名，实有人员78名，其中行政编制17名，工勤编制1名，事业编制60名: the kinds add up to the 78 in post, not the
    quota (a false RC013 of 78 vs 80 — or 158 vs 80 with the quota's own breakdown before)."""
    assert _reading(sample_text, tmp_path, line_182) == reading


@pytest.mark.parametrize(("line_182", "reading"), [
    # the quota's breakdown is short, the staff in post's after it adds up
    ("第八条  核定编制80名，其中行政编制17名，工勤编制1名，锁定事业编制50名；实有人员78名，其中行政编制17名，工勤编制1名，"
     "事业编制60名。", ("80", ["17", "1", "50"], [_SHORT])),
    # kinds after the staff in post that do not add up to it, or not listed right after its 其中
    ("第八条  核定编制80名，实有人员78名，其中行政编制17名，工勤编制1名，锁定事业编制50名。", ("80", ["17", "1", "50"], [_SHORT])),
    ("第八条  核定编制80名，实有人员68名，其中男40名，行政编制17名，工勤编制1名，锁定事业编制50名。",
     ("80", ["17", "1", "50"], [_SHORT])),
    ("第八条  核定编制80名，实有人员68名，其中行政编制17名，实有17名；工勤编制1名；锁定事业编制50名。",
     ("80", ["17", "1", "50"], [_SHORT])),
])
def test_kinds_after_the_staff_in_post_not_adding_up_to_it_keep_their_rc013(
        line_182: str, reading: tuple[str | None, list[str], list[str]], sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == reading


@pytest.mark.parametrize(("line_182", "reading"), [
    # summed to another number right after them: the quota's breakdown, short of it (review of e3c679e)
    ("第八条  实有人员78名，其中行政编制17名，工勤编制1名，事业编制60名，共计80名。",
     ("80", ["17", "1", "60"], [_SHORT.replace("68名", "78名").replace("锁定事业编制50名", "事业编制60名")])),
    ("第八条  单位编制80名，实有人员78名，其中行政编制17名，工勤编制1名，事业编制60名，以上共计80名。",
     ("80", ["17", "1", "60"], [_SHORT.replace("68名", "78名").replace("锁定事业编制50名", "事业编制60名")])),
    # 核定在编人员 is a quota, not the staff in post
    ("第八条  核定编制80名，核定在编人员78名，其中行政编制17名，工勤编制1名，锁定事业编制60名。",
     ("80", ["17", "1", "60"], [_SHORT.replace("68名", "78名").replace("50名", "60名")])),
    # the first kind's label takes in the 其中 (其中事业编制60名)
    ("第八条  核定编制80名，实有人员78名，其中事业编制60名，行政编制17名，工勤编制1名。", ("80", [], [])),
    # their own 共计, of the staff in post's number, goes with them
    ("第八条  核定编制80名，实有人员78名，其中行政编制17名，工勤编制1名，事业编制60名，共计78名。", ("80", [], [])),
    ("第八条  实有人员78名，其中行政编制17名，工勤编制1名，事业编制60名，共计78名；核定编制80名。", ("80", [], [])),
])
def test_the_staff_in_posts_kinds_end_at_a_sum_of_theirs(
        line_182: str, reading: tuple[str | None, list[str], list[str]], sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == reading


@pytest.mark.parametrize(("line_182", "reading"), [
    # a 含 remark naming every main kind, or more than the total, is its breakdown all the same
    ("第八条  核定编制80名（含行政编制17名，工勤编制1名，锁定事业编制50名）。", ("80", ["17", "1", "50"], [_SHORT])),
    ("第八条  核定编制80名（含行政编制17名、工勤编制1名、锁定事业编制50名）；实有人员78名，其中行政编制17名、工勤编制1名、"
     "事业编制60名。", ("80", ["17", "1", "50"], [_SHORT])),
    ("第八条  编制80名（含行政编制18名、事业编制64名）。",
     ("80", ["18", "64"], ["各类编制之和 82名（行政编制18名、事业编制64名）与编制总数 80名 不符"])),
    ("第八条  编制人数80人（含管理岗位编制10人，专业技术岗位编制60人，工勤技能岗位编制3人）。",
     ("80", ["10", "60", "3"], ["各类编制之和 73人（管理岗位编制10人、专业技术岗位编制60人、工勤技能岗位编制3人）与编制总数 80人 不符"])),
    # kinds within a main kind are not counted beside them (review of e61f067: a false RC013 of 85 vs 80)
    ("第八条  核定编制80名（内含行政编制17名、参公编制5名、工勤编制1名、事业编制62名），实有人员78名。", ("80", ["17", "1", "62"], [])),
    ("第八条  核定编制80名（含行政编制17名、政法专项编制3名、工勤编制1名、锁定事业编制50名）。", ("80", ["17", "1", "50"], [_SHORT])),
    # some of the kinds only, as before
    ("第八条  核定编制80名（含行政编制17名、工勤编制1名）。", ("80", [], [])),
    ("第八条  核定编制80名（含工勤编制1名）。", ("80", [], [])),
])
def test_a_remark_of_all_the_kinds_is_the_breakdown(
        line_182: str, reading: tuple[str | None, list[str], list[str]], sample_text: str, tmp_path: Path) -> None:
    """核定编制80名（含行政编制17名，工勤编制1名，锁定事业编制50名）: every main kind named, so it is the quota's breakdown
    and 68 vs 80 is reported (a 含 remark not adding up was taken as some kinds only — and the shortfall went
    unreported once the staff in post's kinds after it were theirs, e3c679e)."""
    assert _reading(sample_text, tmp_path, line_182) == reading


# ------------------------------------------------------------------ a 工勤 remark under a breakdown of posts


@pytest.mark.parametrize("line_182", [
    "第八条  事业编制80名（含工勤编制3名），其中管理岗位编制10名，专业技术岗位编制67名。",
    "第八条  核定编制80名（含工勤编制3名），其中：管理岗位编制10名；专业技术岗位编制67名。",
])
def test_a_gongqin_remark_completes_a_breakdown_of_posts(line_182: str, sample_text: str, tmp_path: Path) -> None:
    """Under posts (管理岗位, 专业技术岗位) 工勤编制 is the third post, 工勤技能岗位 (before: RC013 77 vs 80)."""
    assert _reading(sample_text, tmp_path, line_182) == ("80", ["3", "10", "67"], [])


@pytest.mark.parametrize(("line_182", "reading"), [
    # a real shortfall stays reported
    ("第八条  事业编制80名（含工勤编制3名），其中管理岗位编制10名，专业技术岗位编制60名。",
     ("80", ["3", "10", "60"],
      ["各类编制之和 73名（工勤编制3名、管理岗位编制10名、专业技术岗位编制60名）与编制总数 80名 不符"])),
    # the breakdown names the 工勤 post itself: not counted twice
    ("第八条  事业编制80名（含工勤编制3名），其中管理岗位编制10名，专业技术岗位编制64名，工勤技能岗位编制3名。",
     ("80", ["10", "64", "3"],
      ["各类编制之和 77名（管理岗位编制10名、专业技术岗位编制64名、工勤技能岗位编制3名）与编制总数 80名 不符"])),
    ("第八条  事业编制80名（含工勤技能岗位编制3名），其中管理岗位编制10名，专业技术岗位编制67名。",
     ("80", ["3", "10", "67"], [])),
    # a remark of a kind within another fills no shortfall of posts
    ("第八条  事业编制80名（含参公编制3名），其中管理岗位编制10名，专业技术岗位编制67名。",
     ("80", ["10", "67"], ["各类编制之和 77名（管理岗位编制10名、专业技术岗位编制67名）与编制总数 80名 不符"])),
    # a 工勤 remark under main kinds, as before
    ("第八条  核定编制80名（含工勤编制1名），其中行政编制17名，锁定事业编制50名。",
     ("80", ["1", "17", "50"],
      ["各类编制之和 68名（工勤编制1名、行政编制17名、锁定事业编制50名）与编制总数 80名 不符"])),
])
def test_remarks_under_posts_that_keep_their_reading(line_182: str, reading: tuple[str | None, list[str], list[str]],
                                                     sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == reading


# ------------------------------------------------------------------ a part with a （其中…） remark and no total


@pytest.mark.parametrize(("line_182", "reading"), [
    ("第八条  行政编制17名（其中参公编制5名），事业编制62名，工勤编制1名。", (None, ["17", "62", "1"], [])),
    ("第八条  行政编制17名（其中参公编制5名），事业编制62名，工勤编制1名（共计80名）。", ("80", ["17", "62", "1"], [])),
    ("第八条  行政编制17名(其中：参公编制5名)，锁定事业编制50名，工勤编制1名（共计80名）。", ("80", ["17", "50", "1"],
     ["各类编制之和 68名（行政编制17名、锁定事业编制50名、工勤编制1名）与编制总数 80名 不符"])),
])
def test_a_part_with_its_own_breakdown_is_no_total(line_182: str, reading: tuple[str | None, list[str], list[str]],
                                                   sample_text: str, tmp_path: Path) -> None:
    """行政编制17名（其中参公编制5名），事业编制62名…: 17 is a part beside 62 and 1, as without the brackets
    (before: total 17, RC013 63 vs 17); no total is made up of the parts."""
    assert _reading(sample_text, tmp_path, line_182) == reading


@pytest.mark.parametrize(("line_182", "reading"), [
    # a sum or a total written: as before
    ("第八条  行政编制17名（其中参公编制5名），事业编制50名，工勤编制1名，共计80名。", ("80", ["17", "50", "1"],
     ["各类编制之和 68名（行政编制17名、事业编制50名、工勤编制1名）与编制总数 80名 不符"])),
    ("第八条  行政编制17名（其中参公编制5名），事业编制62名，工勤编制1名，编制总数80名。", ("80", ["17", "62", "1"], [])),
    # a kind's total with its breakdown begun in the brackets: of its own kind or of posts
    ("第八条  事业编制80名（其中管理岗位编制10名），专业技术岗位编制67名，工勤技能岗位编制3名。",
     ("80", ["10", "67", "3"], [])),
    ("第八条  事业编制80名（其中全额事业编制60名），差额事业编制20名。", ("80", ["60", "20"], [])),
    ("第八条  事业编制80名（其中全额事业编制60名），差额事业编制10名。", ("80", ["60", "10"],
     ["各类编制之和 70名（全额事业编制60名、差额事业编制10名）与编制总数 80名 不符"])),
    ("第八条  核定全额事业编制62名（其中管理岗位编制10名，专业技术岗位编制50名，工勤技能岗位编制2名）。",
     ("62", ["10", "50", "2"], [])),
    # a kind's total with a 含 remark and 其中 after it
    ("第八条  行政编制80名（含参公编制17名），其中行政编制17名，工勤编制1名，锁定事业编制45名。", ("80", ["17", "1", "45"],
     ["各类编制之和 63名（行政编制17名、工勤编制1名、锁定事业编制45名）与编制总数 80名 不符"])),
])
def test_kinds_totals_with_brackets_keep_their_reading(line_182: str, reading: tuple[str | None, list[str], list[str]],
                                                       sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == reading


@pytest.mark.parametrize(("line_182", "reading"), [
    # beside another unit's count, the organ's count with its brackets stays the total, as before (before:
    # no total, 20 and 60 as parts)
    ("第八条  局机关行政编制20名（其中：行政编制17名，工勤编制3名），下属事业单位事业编制60名。", ("20", ["17", "3"], [])),
    ("第八条  行政编制20名（其中参公编制5名），所属事业单位事业编制60名。", ("20", ["60"], [])),
    # any unit's name, not only 下属/所属 (before this fix: no total, its breakdown lost)
    ("第八条  局机关行政编制20名（其中：行政编制17名，工勤编制3名），事业单位事业编制60名。", ("20", ["17", "3"], [])),
    ("第八条  局机关行政编制20名（其中：参公编制17名），事业单位事业编制60名。", ("20", ["60"], [])),
])
def test_a_kind_with_brackets_beside_another_units_count(
        line_182: str, reading: tuple[str | None, list[str], list[str]], sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == reading


@pytest.mark.parametrize(("line_182", "reading"), [
    # brackets of posts or of main kinds are no kinds within the kind: the old reading and its RC013 (before
    # this fix: silent)
    ("第八条  事业编制62名（其中管理岗位编制10名，专业技术岗位编制40名），行政编制17名，工勤编制1名。",
     ("62", ["17", "1"], ["各类编制之和 18名（行政编制17名、工勤编制1名）与编制总数 62名 不符"])),
    ("第八条  行政编制20名（其中：行政编制17名，工勤编制3名），事业编制60名。", ("20", ["17", "3"], [])),
    # the kind itself and a kind within it: a part (before this fix: total 17 of 15 + 2, the shortfall lost)
    ("第八条  行政编制17名，（其中行政编制15名，参公编制2名），工勤编制1名，事业编制50名（共计80名）。",
     ("80", ["17", "1", "50"], ["各类编制之和 68名（行政编制17名、工勤编制1名、事业编制50名）与编制总数 80名 不符"])),
    # 全额/差额 within 事业 are kinds within it: a part
    ("第八条  事业编制62名（其中全额事业编制50名，差额事业编制12名），行政编制17名，工勤编制1名。",
     (None, ["62", "17", "1"], [])),
])
def test_only_kinds_within_the_kind_make_it_a_part(
        line_182: str, reading: tuple[str | None, list[str], list[str]], sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == reading


# ------------------------------------------------------------------ 后勤服务编制 as a kind; 机关编制 no part


@pytest.mark.parametrize(("line_182", "reading"), [
    ("第八条  核定编制80名，其中行政编制17名，后勤服务编制1名，锁定事业编制62名。", ("80", ["17", "1", "62"], [])),
    ("第八条  核定编制80名，其中行政编制17名，后勤服务编制1名，锁定事业编制50名。", ("80", ["17", "1", "50"],
     ["各类编制之和 68名（行政编制17名、后勤服务编制1名、锁定事业编制50名）与编制总数 80名 不符"])),
    # a main kind beside 行政/事业/工勤: brackets after a comma go on into it (before this fix: sum 51)
    ("第八条  核定编制80名，（其中行政编制17名），后勤服务编制1名，锁定事业编制50名。", ("80", ["17", "1", "50"],
     ["各类编制之和 68名（行政编制17名、后勤服务编制1名、锁定事业编制50名）与编制总数 80名 不符"])),
    ("第八条  核定编制80名（其中行政编制17名），后勤服务编制1名，锁定事业编制62名。", ("80", ["17", "1", "62"], [])),
    ("第八条  核定编制80名（含后勤服务编制1名），其中行政编制17名，锁定事业编制62名。", ("80", ["1", "17", "62"], [])),
])
def test_houqin_fuwu_is_a_kind(line_182: str, reading: tuple[str | None, list[str], list[str]], sample_text: str,
                               tmp_path: Path) -> None:
    """后勤服务编制 is a kind (before: read as 服务编制, no part: RC013 79 vs 80)."""
    assert _reading(sample_text, tmp_path, line_182) == reading


@pytest.mark.parametrize(("line_182", "reading"), [
    # 机关编制 beside the kinds is the organ's share of them, not one more kind: no part
    ("第八条  核定编制80名，其中行政编制17名，工勤编制1名，锁定事业编制62名；其中局机关编制18名，所属事业单位编制62名。",
     ("80", ["17", "1", "62"], [])),
    ("第八条  核定编制80名，其中：局机关编制18名，其中行政编制17名、工勤编制1名；事业编制62名。", ("80", ["17", "1", "62"], [])),
    ("第八条  核定编制80名，其中机关编制18名，含行政编制17名、工勤编制1名，事业编制62名。", ("80", ["17", "1", "62"], [])),
    ("第八条  编制总数80名，其中局机关编制18名：行政编制17名，工勤编制1名；锁定事业编制62名。",
     ("80", ["17", "1", "62"], [])),
    ("第八条  核定编制80名，其中行政编制17名，工勤编制1名，锁定事业编制62名，机关编制18名。", ("80", ["17", "1", "62"], [])),
    # 机关编制 as the total, as before
    ("第八条  机关编制80名，其中行政编制17名，工勤编制1名，锁定事业编制62名。", ("80", ["17", "1", "62"], [])),
    ("第八条  机关编制80名，其中行政编制17名，工勤编制1名，锁定事业编制50名。", ("80", ["17", "1", "50"],
     ["各类编制之和 68名（行政编制17名、工勤编制1名、锁定事业编制50名）与编制总数 80名 不符"])),
    ("第八条  核定编制80名，机关编制17名。", ("80", [], [])),
    ("第八条  核定编制80名，其中行政编制17名，工勤编制1名，锁定事业编制62名。局机关编制18名。",
     ("80", ["17", "1", "62"], [])),
])
def test_jiguan_bianzhi_is_no_part(line_182: str, reading: tuple[str | None, list[str], list[str]],
                                   sample_text: str, tmp_path: Path) -> None:
    """机关编制 beside the kinds is no part (a rule reading it as one gave false RC013s, 98 vs 80: reverted)."""
    assert _reading(sample_text, tmp_path, line_182) == reading


# ------------------------------------------------------------------ a subordinate unit's quota after the total's part


@pytest.mark.parametrize(("line_182", "reading"), [
    ("第八条  核定编制80名，其中行政编制17名，工勤编制1名，锁定事业编制62名；下属事业单位1个，核定事业编制20名，实有人员19名。",
     ("80", ["17", "1", "62"], [])),
    ("第八条  核定编制80名，其中行政编制17名，工勤编制1名，锁定事业编制62名。所属事业单位核定事业编制20名。",
     ("80", ["17", "1", "62"], [])),
    ("第八条  局机关核定编制20名，其中行政编制17名，工勤编制3名；下属事业单位核定事业编制60名，实有人员58名。",
     ("20", ["17", "3"], [])),
    # the quota's own shortfall is still reported
    ("第八条  核定编制80名，其中行政编制17名，工勤编制1名，锁定事业编制50名；下属事业单位1个，核定事业编制20名。",
     ("80", ["17", "1", "50"], [_SHORT])),
    ("第八条  核定编制80名（其中行政编制17名；工勤编制1名；锁定事业编制50名），实有人员80名，其中：行政编制17名；工勤编制1名；"
     "锁定事业编制62名；下属事业单位1个，核定事业编制20名。", ("80", ["17", "1", "50"], [_SHORT])),
    # a count of units before the quota's own breakdown, with no quota of its own (review of 507f174)
    ("第八条  核定编制80名；下属事业单位1个；其中行政编制17名，工勤编制1名，锁定事业编制50名。", ("80", ["17", "1", "50"], [_SHORT])),
    ("第八条  核定编制80名。下属二级单位2个。其中：行政编制17名，工勤编制1名，锁定事业编制50名。", ("80", ["17", "1", "50"], [_SHORT])),
    # the total's breakdown names the department's own body beside its units: the total is of both
    ("第八条  核定编制80名，其中局机关行政编制17名、工勤编制1名；所属事业单位事业编制60名。",
     ("80", ["17", "1", "60"], ["各类编制之和 78名（机关行政编制17名、工勤编制1名、单位事业编制60名）与编制总数 80名 不符"])),
    # a total that counts the unit's quota too keeps it
    ("第八条  核定编制100名；其中行政编制17名，工勤编制1名，锁定事业编制62名；下属事业单位事业编制20名。",
     ("100", ["17", "1", "62", "20"], [])),
    ("第八条  核定编制100名，其中机关行政编制17名，工勤编制1名，锁定事业编制62名，下属事业单位事业编制20名。",
     ("100", ["17", "1", "62", "20"], [])),
])
def test_a_subordinate_units_quota_after_the_totals_part_is_not_its(
        line_182: str, reading: tuple[str | None, list[str], list[str]], sample_text: str, tmp_path: Path) -> None:
    """核定编制80名，其中…；下属事业单位1个，核定事业编制20名: the 20 are the unit's quota, not a part of the department's
    (a false RC013 of 100 vs 80)."""
    assert _reading(sample_text, tmp_path, line_182) == reading


_QUOTA = "第八条  核定编制80名，其中行政编制17名，工勤编制1名，锁定事业编制62名。"


@pytest.mark.parametrize("in_post", [
    "实有人员：78名，其中行政编制17名，事业编制61名。",
    "实有人员: 78名，其中行政编制17名，事业编制61名。",
    "在编在岗人员78名，其中行政编制17名，事业编制61名。",
    "实有在编人员78名，其中行政编制17名，事业编制61名。",
    "在职职工78人，其中行政编制17名，事业编制61名。",
    "现有在职人员：共78人，其中行政编制17名，事业编制61名。",
])
def test_other_wordings_of_the_staff_in_post_break_down_theirs(in_post: str, sample_text: str,
                                                             tmp_path: Path) -> None:
    """实有人员：78名 / 在编在岗人员78名 / 在职职工78人，其中…: the kinds after it are the staff in post's (before: added
    to the quota's own breakdown, a false RC013 of 158 vs 80)."""
    assert _reading(sample_text, tmp_path, _QUOTA + in_post) == ("80", ["17", "1", "62"], [])


@pytest.mark.parametrize(("line_182", "reading"), [
    # kinds that do not add up to the staff in post stay the quota's, its shortfall reported
    ("第八条  核定编制80名，在编在岗人员78名，其中行政编制17名，工勤编制1名，锁定事业编制50名。",
     ("80", ["17", "1", "50"], [_SHORT])),
    ("第八条  核定编制80名，实有人员：78名，其中行政编制17名，工勤编制1名，锁定事业编制50名。",
     ("80", ["17", "1", "50"], [_SHORT])),
    # 核定在编在岗人员 is a quota, however many words follow 核定
    ("第八条  核定编制80名，核定在编在岗人员78名，其中行政编制17名，工勤编制1名，锁定事业编制60名。",
     ("80", ["17", "1", "60"], [_SHORT.replace("68名", "78名").replace("50名", "60名")])),
])
def test_other_wordings_of_the_staff_in_post_keep_the_quotas_rc013(
        line_182: str, reading: tuple[str | None, list[str], list[str]], sample_text: str, tmp_path: Path) -> None:
    assert _reading(sample_text, tmp_path, line_182) == reading
