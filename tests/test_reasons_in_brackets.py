"""A reason written inside brackets is that of the nearest change before it in them (…减少17.9万元（其中：公务用车购置费减少
18万元，主要原因是…；公务用车运维费增加0.1万元，主要原因是…）): only a reason outside brackets was read, so each part went
unexplained — CP005 for the running costs' part and VA002 for the purchase, the vehicles and the “三公” total."""

from __future__ import annotations

from pathlib import Path

from budget_audit.checks import run_checks
from budget_audit.parse.changes import stated_changes
from test_format_variants import rewrite

LINE = 229
HEAD = ("2023年，我局财政拨款“三公”经费预算安排13.44万元。其中，因公出国（境）费0万元；公务用车购置及运维费12.5万元（其中："
        "公务用车购置费为0万元，公务用车运维费12.5万元)；公务接待费0.94万元。与2022年相比减少17.98万元，其中，公务用车购置及运维费"
        "减少17.9万元")
RECEPTION = "；公务接待费1.02万元减少0.08万元，主要原因是我单位切实落实勤俭节约各项规定，严格控制公务接待费支出。"


def _warnings(sample_text: str, tmp_path: Path, vehicles: str) -> list[str]:
    doc = rewrite(sample_text, tmp_path, {LINE: HEAD + vehicles + RECEPTION})
    return [f.code for f in run_checks(doc) if LINE in f.lines and f.severity in {"warning", "error"}]


def _reasons(text: str) -> list[tuple[str, str | None]]:
    return [(c.label.removeprefix("其中："), c.reason) for c in stated_changes(text)]


def test_reasons_inside_the_brackets_are_each_parts(sample_text: str, tmp_path: Path) -> None:
    vehicles = ("（其中：公务用车购置费减少18万元，主要原因是上年已完成公务用车更新，本年不再安排购置；公务用车运维费增加0.1万元，"
                "主要原因是车辆维修保养费用增加)")
    assert _warnings(sample_text, tmp_path, vehicles) == []
    assert _reasons("公务用车购置及运维费减少17.9万元" + vehicles + "。") == [
        ("公务用车购置及运维费", None),
        ("公务用车购置费", "上年已完成公务用车更新，本年不再安排购置"),
        ("公务用车运维费", "车辆维修保养费用增加"),
    ]


def test_a_reason_after_the_brackets_is_still_the_wholes(sample_text: str, tmp_path: Path) -> None:
    vehicles = "（其中：公务用车购置费减少18万元，公务用车运维费增加0.1万元)，主要原因是上年已完成公务用车更新"
    assert _warnings(sample_text, tmp_path, vehicles) == []
    text = ("公务用车购置及运维费减少17.9万元（其中：公务用车购置费减少18万元，主要原因是不再购车；公务用车运维费增加0.1万元），"
            "主要原因是上年已完成公务用车更新。")
    assert _reasons(text) == [
        ("公务用车购置及运维费", "上年已完成公务用车更新"),
        ("公务用车购置费", "不再购车"),
        ("公务用车运维费", None),
    ]


def test_a_reason_in_brackets_of_their_own_takes_no_change_before_them() -> None:
    assert _reasons("公务接待费减少0.08万元，其他支出增加5万元（主要原因是会议增加）。")[0] == ("公务接待费", None)


def test_a_reason_after_a_breakdown_in_brackets_is_the_wholes() -> None:
    """After two parts with no reason of their own, naming neither: the reason of the change the brackets break down, as
    after such a breakdown outside brackets (R47: it was 运维费's alone, though it speaks of the purchase)."""
    inside = "公务用车购置及运维费减少17.9万元（其中：公务用车购置费减少18万元，公务用车运维费增加0.1万元，主要原因是上年购置公务用车1辆）。"
    outside = inside.replace("（", "，").replace("）", "")
    assert _reasons(inside) == _reasons(outside) == [
        ("公务用车购置及运维费", "上年购置公务用车1辆"), ("公务用车购置费", None), ("公务用车运维费", None)]


def test_a_reason_naming_the_last_part_in_brackets_stays_its() -> None:
    text = "公务用车购置及运维费减少17.9万元（其中：公务用车购置费减少18万元，公务用车运维费增加0.1万元，公务用车运维费增加的主要原因是维修增加）。"
    assert _reasons(text)[-1] == ("公务用车运维费", "维修增加")


def test_a_reason_naming_a_part_by_its_short_name_is_that_parts() -> None:
    """运维费增加主要原因是… after 公务用车购置费…、公务用车运维费…: the words that tell 运维费 from the other part name it — in
    brackets or not (it went to the whole, 公务用车购置及运维费)."""
    inside = "公务用车购置及运维费减少17.9万元（其中：公务用车购置费减少18万元，公务用车运维费增加0.1万元，运维费增加主要原因是维修增加）。"
    outside = inside.replace("（", "，").replace("）", "")
    assert _reasons(inside) == _reasons(outside) == [
        ("公务用车购置及运维费", None), ("公务用车购置费", None), ("公务用车运维费", "维修增加")]
