"""与上年持平 / 同比持平 read as a change of none, so that last year's figure is this year's (a reviewer's county
documents showed 上年 “—” for 因公出国（境）费0万元，与上年持平)."""

from __future__ import annotations

from decimal import Decimal

from budget_audit.checks import run_checks
from budget_audit.ingest import read_text
from budget_audit.parse import parse_lines
from budget_audit.variance import yoy_rows

_DOC = """2024年部门预算公开说明
一、收支预算总体情况
2024年部门支出预算2,408.90万元，其中：基本支出1,526.30万元，项目支出882.60万元。
二、财政拨款“三公”经费预算情况
2024年部门财政拨款“三公”经费预算32.60万元，较2023年预算数减少2.40万元。其中：因公出国（境）费0万元，与上年持平；\
公务用车购置及运行维护费24.80万元（公务用车购置费0万元，公务用车运行维护费24.80万元），减少1.60万元，主要原因是车辆编制减少1辆；\
公务接待费7.80万元，减少0.80万元，主要原因是严格执行公务接待标准。
"""


def _doc(text: str):
    return parse_lines(*read_text(text, "<flat>"))


def test_flat_part_is_a_change_of_none() -> None:
    changes = {c.subject: c for c in _doc(_DOC).sangong.changes}
    flat = changes["因公出国（境）费"]
    assert (flat.direction, flat.amount.yuan, flat.reason) == (0, Decimal(0), None)
    assert changes["公务用车购置及运维费"].reason is not None  # its reason stays its own


def test_flat_part_gives_last_years_figure() -> None:
    rows = {r["项目"]: r for r in yoy_rows(_doc(_DOC))}
    assert rows["因公出国（境）费"]["上年"] == Decimal(0)


def test_flat_parts_beside_a_part_stated_by_rate_only_are_no_breakdown() -> None:
    text = _DOC.replace("公务接待费7.80万元，减少0.80万元", "公务接待费7.80万元，比上年减少9.3%").replace(
        "公务用车运行维护费24.80万元），减少1.60万元，主要原因是车辆编制减少1辆", "公务用车运行维护费24.80万元），同比持平")
    assert not [f for f in run_checks(_doc(text)) if f.code == "RC011"]


def test_several_items_flat_together_are_no_ones_change() -> None:
    text = _DOC.replace("因公出国（境）费0万元，与上年持平", "因公出国（境）费和公务接待费均与上年持平")
    assert "因公出国（境）费" not in {c.subject for c in _doc(text).sangong.changes}


def test_a_rate_share_or_staff_left_flat_is_no_change_of_the_amount(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """The next round (a reviewer's): 降幅与上年持平 after 减少23.2% was read as 收支合计 changing by 0 (a false RC011 and
    the VA001 gone), 比重/编制/定额标准…持平 gave second rows of 0 in the year-on-year table."""
    from budget_audit.parse import parse_file

    lines = {
        "较2022年预算减少2017.79万元": "较2022年预算减少2017.79万元，降幅与上年持平",
        "基本支出增加73.07万元，主要为人员经费支出增加": "基本支出增加73.07万元，占支出总额的比重与上年持平，人员编制同比持平，"
                                                         "公用经费定额标准与上年持平，主要为人员经费支出增加",
    }
    text = sample_text
    for old, new in lines.items():
        text = text.replace(old, new)
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    flat = [c for c in doc.stated_changes() if c.direction == 0]
    assert flat == [], [c.subject for c in flat]
    assert not [f for f in run_checks(doc) if f.code == "RC011" and f.first_line == 221]


def test_money_named_with_a_staff_or_standard_word_left_flat_is_a_change_of_none(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """The round after (a reviewer's): 定额标准公用经费与上年持平 is money (编制 or 标准 only at a name's end is no money);
    an item of no known name (规划编制经费与上年持平) is no change of none of the total."""
    from budget_audit.parse import parse_file

    def flats(flat: str) -> list[str]:
        path = tmp_path / "doc.txt"
        path.write_text(sample_text.replace("基本支出增加73.07万元，主要为人员经费支出增加",
                                            f"基本支出增加73.07万元，主要为人员经费支出增加，{flat}"), encoding="utf-8")
        return [c.subject for c in parse_file(path).stated_changes() if c.direction == 0]

    assert flats("定额标准公用经费与上年持平") == ["公用经费"]
    assert flats("规划编制经费与上年持平") == []
    assert flats("公用经费（按定额标准核定）与上年持平") == []  # its name cut off by the brackets: no 收支合计 0


def test_counts_other_years_denials_and_roughly_flat_are_no_change_of_none(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """A reviewer's next round: 接待次数同比持平 was 公务接待费's change of none (the true RC011 of the “三公” total
    gone, a VA002 in its place), 在职人员/项目个数 likewise, 与2021年持平 a change against last year, 并非与上年持平 and
    基本持平 (roughly, no figure to the cent) changes of exactly none, 占支出总额的65.2%，同比持平 a second 收支合计 of 0."""
    from budget_audit.parse import parse_file

    def flats(flat: str) -> list[str]:
        path = tmp_path / "doc.txt"
        path.write_text(sample_text.replace("基本支出增加73.07万元，主要为人员经费支出增加",
                                            f"基本支出增加73.07万元，主要为人员经费支出增加，{flat}"), encoding="utf-8")
        return [c.subject for c in parse_file(path).stated_changes() if c.direction == 0]

    for words in ("接待次数同比持平", "接待批次与上年持平", "在职人员与上年持平", "人员编制数与上年持平", "项目个数与上年持平",
                  "增长速度与上年持平", "公用经费与2021年持平", "公用经费并非与上年持平", "公用经费未与上年持平",
                  "公用经费与上年基本持平", "占支出总额的65.2%，同比持平", "接待场次与上年持平", "公务用车保有量与上年持平",
                  "出国团组数与上年持平", "公用经费基本与上年持平", "绩效工资总额与上年持平", "工资福利支出合计与上年持平"):
        assert flats(words) == [], words
    assert flats("公用经费与2022年持平") == ["公用经费"]  # the year before the budget's (2023)
    assert flats("公用经费与上年持平") == ["公用经费"]


def test_a_totals_own_change_of_none_is_held_against_its_parts(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """A reviewer's: 预算收支安排6663.49万元，与上年持平，其中：基本支出增加…；项目支出减少… and “三公”经费与上年持平，其中…
    lost the total's change of none (taken for an item of no known name), so RC011 kept quiet about parts that do
    not add up to nothing."""
    from budget_audit.parse import parse_file

    def rc011(line: int, text: str) -> list[str]:
        path = tmp_path / "doc.txt"
        path.write_text("\n".join(text if n == line else t for n, t in enumerate(sample_text.split("\n"), 1)),
                        encoding="utf-8")
        return [f.message for f in run_checks(parse_file(path)) if f.code == "RC011" and line in f.lines]

    assert rc011(221, "2023年预算收支安排6663.49万元，与上年持平，其中：基本支出增加73.07万元，主要为人员经费支出增加；"
                      "项目支出减少50万元，主要为项目完工。") == [
        "所述收支合计变动 0.00万元 与其组成部分变动之和 23.07万元（基本支出增加73.07万元、项目支出减少50万元）不符，相差 23.07万元"]
    assert rc011(221, "2023年预算收支安排6663.49万元，与上年持平，其中：基本支出增加50万元，主要为人员经费支出增加；"
                      "项目支出减少50万元，主要为项目完工。") == []
    sangong = ("2023年，我局财政拨款“三公”经费预算安排13.44万元。“三公”经费与上年持平，其中公务用车购置及运维费增加1万元，"
               "公务接待费减少{}万元，主要原因是公务用车更新。")
    assert len(rc011(229, sangong.format(3))) == 1 and rc011(229, sangong.format(1)) == []


def test_a_part_roughly_as_last_year_makes_the_gap_a_note(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """公务接待费基本与上年持平 states no amount: the 0.08万元 the parts leave is likely its change — a note (RC011
    ``roughly``), not an error; a part said to be exactly as last year is held to it."""
    from budget_audit.parse import parse_file

    def rc011(words: str) -> list[tuple[str, str]]:
        line = ("2023年，我局财政拨款“三公”经费预算安排13.44万元，比上年减少17.98万元，其中：公务用车购置及运维费减少17.9万元，"
                f"主要原因是公务用车更新；{words}。")
        path = tmp_path / "doc.txt"
        path.write_text("\n".join(line if n == 229 else t for n, t in enumerate(sample_text.split("\n"), 1)), encoding="utf-8")
        return [(f.severity, f.message) for f in run_checks(parse_file(path)) if f.code == "RC011" and 229 in f.lines]

    [(severity, message)] = rc011("公务接待费基本与上年持平")
    assert severity == "info" and message.endswith("文中称“公务接待费基本与上年持平”，未写明该项的变动额，差额可能就是该项的变动，请核实")
    assert rc011("公务接待费与上年持平")[0][0] == "error"
    # not said of a part of the total (机关运行经费), or of a part whose change is stated: the gap stays an error
    assert rc011("公务接待费减少1万元，人员基本与上年持平。机关运行经费与上年基本持平")[0][0] == "error"


def test_a_parts_none_before_the_totals_change_leaves_the_total_with_its_parts(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """其中，因公出国（境）费0万元，同比持平；…与2022年相比减少12.58万元，其中，…: the part's 持平, the paragraph's first change,
    was taken for its total — the true total had no parts: its VA001 (the parts' reasons) turned into a false VA002
    “未说明原因”, its RC011 note was lost (a reviewer's)."""
    from budget_audit.model import total_and_parts
    from test_format_variants import rewrite

    doc = rewrite(sample_text, tmp_path, {229: lambda t: t.replace("因公出国（境）费0万元；", "因公出国（境）费0万元，同比持平；")})
    total, parts = total_and_parts(doc.sangong.changes) or (None, [])
    assert total is not None and total.subject == "“三公”经费合计"
    assert [p.subject for p in parts] == ["因公出国（境）费", "公务用车购置及运维费", "公务接待费"]
    codes = {(f.code, f.severity) for f in run_checks(doc) if 229 in f.lines and f.message.startswith(("“三公”经费合计", "所述"))}
    assert ("VA001", "info") in codes and ("RC011", "info") in codes and ("VA002", "warning") not in codes


def test_a_part_said_flat_is_listed_without_an_amount(sample_text: str, tmp_path) -> None:  # noqa: ANN001
    """其中：基本支出与上年持平 listed the part as “基本支出持平0万元” in RC011's message (a reviewer's find): the
    document writes no amount, the verb alone is listed; a part written with its amount keeps it."""
    from budget_audit.parse import parse_file

    path = tmp_path / "doc.txt"
    line = ("2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中：基本支出与上年持平；项目支出减少2090.87万元，"
            "主要为天然气迎风度冬保障资金项目支出减少。")
    path.write_text("\n".join(line if n == 221 else t for n, t in enumerate(sample_text.split("\n"), 1)), encoding="utf-8")
    [message] = [f.message for f in run_checks(parse_file(path)) if f.code == "RC011" and 221 in f.lines]
    assert "（基本支出持平、项目支出减少2090.87万元）" in message and "持平0" not in message
