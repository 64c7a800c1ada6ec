"""A whole whose known parts follow it with their reasons — 基本支出增加73.07万元，其中人员经费增加70.07万元，
主要原因是…；公用经费增加3万元，主要原因是… — is explained by them, as a 合计 is by the changes after it.
基本支出 was "未说明原因" (a false CP005), and so the 收支合计 it belongs to."""

from __future__ import annotations

from pathlib import Path

from budget_audit.checks import run_checks
from budget_audit.checks.variance import reasons
from budget_audit.config import Settings
from budget_audit.model import Disclosure
from test_format_variants import rewrite

LINE = 221
PERSONNEL = "其中人员经费增加70.07万元，主要原因是新进人员2名"
PUBLIC = "；公用经费增加3万元，主要原因是公用经费定额提高"


def _doc(sample_text: str, tmp_path: Path, public: str = PUBLIC) -> Disclosure:
    line = (f"2023年预算收支安排6663.49万元，较2022年预算减少2017.79万元，其中：基本支出增加73.07万元，{PERSONNEL}{public}；"
            "项目支出减少2090.87万元，主要为天然气迎风度冬保障资金项目支出减少。")
    return rewrite(sample_text, tmp_path, {LINE: line})


def _unexplained(doc: Disclosure) -> list[str]:
    return [f.message.split("较上年")[0] for f in run_checks(doc) if f.code in {"CP005", "VA002"} and LINE in f.lines]


def test_a_whole_is_explained_by_its_known_parts(sample_text: str, tmp_path: Path) -> None:
    doc = _doc(sample_text, tmp_path)
    changes = doc.expenditure.changes
    basic = next(c for c in changes if c.subject == "基本支出")
    found = reasons(basic, changes, doc.change_subjects(), Settings().globals())
    assert [(part, said.text) for part, said in found] == [("人员经费", "新进人员2名"), ("公用经费", "公用经费定额提高")]
    assert _unexplained(doc) == []


def test_a_part_without_a_reason_leaves_the_whole_unexplained(sample_text: str, tmp_path: Path) -> None:
    doc = _doc(sample_text, tmp_path, public="；公用经费增加3万元")
    assert sorted(_unexplained(doc)) == ["“公用经费”", "“基本支出”"]
