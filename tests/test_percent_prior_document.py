"""RC018 with last year's document given: the percentage of a change is held against the figure that document states,
not against this year's figure less the change. A wrong figure this year (a reviewer's planted 5.60 for 5.00) made
RC018 blame the percentage too — right against last year's 5.20 — beside RC009 and VA003 for the one error."""

from __future__ import annotations

from pathlib import Path

from budget_audit.checks import run_checks
from test_format_variants import rewrite

LINE = 229
TOTAL = "2023年，我局财政拨款“三公”经费预算安排18.84万元。"
CHANGE = "与2022年相比减少12.58万元，"


def _docs(sample_text: str, tmp_path: Path, this_year: str, percent: str):
    now = rewrite(sample_text, tmp_path, {LINE: lambda line: line.replace(TOTAL, TOTAL.replace("18.84", this_year))
                                          .replace(CHANGE, f"与2022年相比减少12.58万元，下降{percent}，")})
    (tmp_path / "prior").mkdir(exist_ok=True)
    last = rewrite(sample_text.replace("2023年", "2022年"), tmp_path / "prior",
                   {LINE: lambda line: line.replace("预算安排18.84万元", "预算安排31.42万元")})
    return now, last


def _rc018(now, last) -> list[str]:
    return [f.message for f in run_checks(now, prior=last) if f.code == "RC018" and LINE in f.lines]


def test_the_percentage_is_held_against_last_years_document(sample_text: str, tmp_path: Path) -> None:
    now, last = _docs(sample_text, tmp_path, "19.84", "40%")  # 12.58 / 31.42 = 40.04%: right against last year's
    assert _rc018(now, last) == []
    assert [f.code for f in run_checks(now) if f.code == "RC018" and LINE in f.lines] == ["RC018"]  # 12.58 / 32.42


def test_a_wrong_percentage_against_last_years_document(sample_text: str, tmp_path: Path) -> None:
    now, last = _docs(sample_text, tmp_path, "18.84", "30%")
    assert _rc018(now, last) == [
        "“三公”经费合计所述减少 12.58万元，上年数 31.42万元（上年文件第229行），折合变动幅度 40.04%，而文中写下降 30%，两者不符"]
