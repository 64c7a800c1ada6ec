"""`budget-audit check` and `budget-audit rules`: formats, determinism, exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from budget_audit.cli import main
from budget_audit.rules_doc import rules_markdown

REPO = Path(__file__).resolve().parent.parent


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_json_shape_and_order(capsys, sample_path: Path) -> None:
    code, out, _ = run(capsys, "check", str(sample_path))
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"document", "findings", "summary"}
    assert data["document"]["year"] == 2023
    assert len(data["document"]["sha256"]) == 64
    assert [u["code"] for u in data["document"]["units"]] == ["303001", "303004"]
    findings = data["findings"]
    assert findings, "the sample has real problems"
    keys = [(f["lines"][0] if f["lines"] else 0, f["code"], f["fingerprint"]) for f in findings]
    assert keys == sorted(keys)
    for f in findings:
        assert f["lines"] and f["evidence"] and f["message"] and f["fingerprint"]
    assert data["summary"]["total"] == len(findings)
    assert sum(data["summary"]["by_severity"].values()) == len(findings)


def test_check_json_is_byte_identical_across_runs(capsys, sample_path: Path) -> None:
    first = run(capsys, "check", str(sample_path))[1]
    second = run(capsys, "check", str(sample_path))[1]
    assert first == second
    assert "\\u" not in first  # ensure_ascii=False


def test_check_table_and_csv(capsys, sample_path: Path) -> None:
    code, table, _ = run(capsys, "check", str(sample_path), "--format", "table")
    assert code == 0 and "错误" in table and "RC009" in table and "共 " in table
    code, csv_text, _ = run(capsys, "check", str(sample_path), "--format", "csv")
    header = csv_text.splitlines()[0]
    assert code == 0 and header.startswith("\ufeff级别,规则代码")  # a BOM: Excel on Chinese Windows reads UTF-8


def test_check_csv_is_for_excel(capsys, sample_path: Path, tmp_path: Path) -> None:
    """check --format csv is the auditors' CSV (docs/guide.md) like a run's findings.csv: a project name
    =HYPERLINK(…) from the document is kept text, not run by Excel as a formula (a reviewer's attack)."""
    text = sample_path.read_text(encoding="utf-8").replace("\t执法经费", "\t=HYPERLINK(\"http://x\",\"y\")执法经费")
    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    _, csv_text, _ = run(capsys, "check", str(doc), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(csv_text.removeprefix("\ufeff"))))
    names = [r["项目名称"] for r in rows if "HYPERLINK" in r["项目名称"]]
    assert names and all(n.startswith("'=HYPERLINK") for n in names)
    assert [r["原文行号"] for r in rows if r["原文行号"].startswith(("=", "+", "-", "@"))] == []


def test_check_table_escapes_control_characters_of_the_document(
    capsys, sample_path: Path, tmp_path: Path
) -> None:
    """An escape sequence in a project name would act on the auditor's terminal: the table
    shows it escaped; the JSON keeps the text as it is (escaped by JSON itself)."""
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    assert lines[636] == "\t执法经费"
    lines[636] += "\x1b[31m"
    doc = tmp_path / "doc.txt"
    doc.write_text("\n".join(lines), encoding="utf-8")
    code, table, _ = run(capsys, "check", str(doc), "--format", "table")
    assert code == 0 and "\x1b" not in table
    assert "执法经费\\x1b[31m" in table
    code, out, _ = run(capsys, "check", str(doc))
    assert any("执法经费\x1b[31m" in f["message"] for f in json.loads(out)["findings"])


def test_compared_figures_are_named_by_what_they_are(capsys, sample_path: Path) -> None:
    """Two figures of the document are named (either may be wrong), never "应为/实际"."""
    from budget_audit.checks import REGISTRY

    _, out, _ = run(capsys, "check", str(sample_path))
    findings = {f["code"]: f for f in json.loads(out)["findings"]}
    sangong = findings["RC009"]
    assert (sangong["expected_label"], sangong["actual_label"]) == ("“三公”经费合计", "各项之和")
    change = findings["VA001"]
    assert (change["expected_label"], change["actual_label"]) == ("上年", "本年")
    assert sangong["expected"] == "188400.00" and sangong["actual"] == "134400.00"  # yuan, two decimals
    assert REGISTRY["RC014"].compare_labels("sub") == ("所属类别", "其中项")
    assert REGISTRY["IN009"].compare_labels("default") == ("应为", "运算符")  # a requirement
    # a funding standard's floor may be meant (提示): "应为：≤" would say otherwise (a reviewer's find)
    assert REGISTRY["IN009"].compare_labels("standard") == ("不是保障标准时应为", "运算符")

    _, csv_text, _ = run(capsys, "check", str(sample_path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(csv_text.removeprefix("\ufeff"))))
    row = next(r for r in rows if r["规则代码"] == "RC009")
    assert row["对比数值"] == "“三公”经费合计：18.84万元；各项之和：13.44万元"  # 万元, like the message
    assert "应为" not in rows[0] and "实际" not in rows[0]
    # several lines joined with 、: "229,233" would be read by Excel as the number 229233
    many = [r["原文行号"] for r in rows if not r["原文行号"].isdigit() and r["原文行号"]]
    assert many and all(re.fullmatch(r"\d+(、\d+)+", lines) for lines in many)


def test_check_unit_params_filters_other_units(capsys, sample_path: Path) -> None:
    _, out, _ = run(capsys, "check", str(sample_path), "--params", str(REPO / "params/units/303004.yaml"))
    data = json.loads(out)
    assert data["document"]["unit_code"] == "303004"
    assert all(f["unit_code"] in (None, "303004") for f in data["findings"])


def test_check_select_and_ignore(capsys, tmp_path: Path, sample_path: Path) -> None:
    params = tmp_path / "p.yaml"
    params.write_text("rules:\n  select: [RC]\n  ignore: [RC009]\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", str(sample_path), "--params", str(params))
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert codes and all(c.startswith("RC") for c in codes) and "RC009" not in codes


def test_rule_param_override_changes_result(capsys, tmp_path: Path, sample_path: Path) -> None:
    params = tmp_path / "p.yaml"
    params.write_text("tolerance:\n  rounding_per_term_wan: 3\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", str(sample_path), "--params", str(params))
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert "RC009" not in codes  # 5.40万元 is within 3万元 × 4 terms



@pytest.mark.parametrize(("override", "fires"), [(None, True), (0.005, True), (2, False)])
def test_a_rules_own_rounding_override_changes_that_rule_alone(capsys, tmp_path: Path, sample_path: Path,
                                                               override: float | None, fires: bool) -> None:
    """rules.params.RC009.rounding_per_term_wan, as rules.md lists it under RC009's 参数 and defaults.yaml shows:
    the sample's RC009 (5.40万元 over 4 terms) goes within 2万元 a term; the other rules keep 0.005."""
    params = tmp_path / "p.yaml"
    rules = "" if override is None else f"rules:\n  params:\n    RC009: {{rounding_per_term_wan: {override}}}\n"
    params.write_text(rules or "{}\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(sample_path), "--params", str(params))
    codes = [f["code"] for f in json.loads(out)["findings"]]
    assert ("RC009" in codes) is fires and err == ""
    assert "RC011" in codes  # its own difference (5.40万元) is far beyond its own 0.005万元 a term



def test_a_unit_file_saved_as_gbk_is_a_unit_file_to_check_too(capsys, tmp_path: Path, sample_path: Path) -> None:
    """check --params tells a unit file from a defaults file by its keys, read as run reads them (a reviewer's find:
    a GBK unit file was taken for a defaults file with an unknown key unit)."""
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    unit = units / "303004.yaml"
    unit.write_bytes(f"unit: '303004'\nname: 京唐城际铁路（大厂段）建设工作指挥部办公室\nyear: 2023\nsource: {sample_path}\n".encode("gbk"))
    code, out, err = run(capsys, "check", str(sample_path), "--params", str(unit))
    assert (code, err) == (0, "") and json.loads(out)["document"]["unit_code"] == "303004"

def test_each_documented_rule_parameter_can_be_set_for_that_rule() -> None:
    """What rules.md lists under a rule's 参数 is its own parameter or a tolerance or threshold it reads."""
    import re

    from budget_audit.checks import REGISTRY
    from budget_audit.checks.base import parse_doc_sections
    from budget_audit.config import rule_parameters

    for code, rule_ in REGISTRY.items():
        documented = re.findall(r"(?m)^\s*([a-z][a-z0-9_]*)\s*—", parse_doc_sections(rule_.doc).get("参数", ""))
        assert set(documented) <= set(rule_parameters(code)), code
        assert set(rule_.params) <= set(rule_parameters(code)), code
    assert rule_parameters("RC001") == ["rounding_per_term_wan"]
    assert rule_parameters("CP001") == []


def test_the_defaults_files_example_override_is_accepted(tmp_path: Path) -> None:
    """The comment in params/defaults.yaml shows a per-rule override; as written, it loads."""
    from budget_audit.config import load_settings

    comment = next(line for line in (REPO / "params" / "defaults.yaml").read_text(encoding="utf-8").splitlines()
                   if "per-rule parameter overrides" in line)
    example = comment.split("overrides:", 1)[1].strip()
    params = tmp_path / "p.yaml"
    params.write_text(f"rules:\n  params: {example}\n", encoding="utf-8")
    assert load_settings(params).rule_params == yaml.safe_load(example)

@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("tolerance: {rounding_per_term_wan: -1}\n", "非负数"),
        ("tolerances: {}\n", "未知参数 tolerances"),
        ("rules: {select: [ZZ9]}\n", "不匹配任何规则"),
        # a reviewer's: no rule left ran, and the report said 未发现需要单位更正或说明的问题
        ("rules: {ignore: [RC, CP, IN, CS, VA]}\n", "排除了全部检查规则"),
        ("rules: {select: [RC001], ignore: [RC]}\n", "排除了全部检查规则"),
        ("rules: {params: {RC001: {nope: 1}}}\n", "没有参数 nope（可用：rounding_per_term_wan）"),
        ("rules: {params: {CP001: {rounding_per_term_wan: 1}}}\n", "没有参数 rounding_per_term_wan（可用：无）"),
        ("tolerance: [\n", "不是合法的 YAML"),
        ("source: doc.txt\nyear: 2023\n", "缺少 unit"),  # a unit file, not a defaults file
        ("unit: '303001'\nyear: 2022\nsource: doc.txt\n", "year 为 2022，但公开文件"),
        ("1: x\nfoo: y\n", "未知参数 1"),
        ("unit: '303001'\nsource: doc.txt\nyear: 2023-02-30\n", "参数文件中有无法读取的值"),
    ],
)
def test_bad_params_give_one_line_and_exit_2(capsys, tmp_path: Path, sample_path: Path, content: str, fragment: str) -> None:
    params = tmp_path / "bad.yaml"
    params.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "check", str(sample_path), "--params", str(params))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(params) in err and fragment in err
    assert "Traceback" not in err


def test_check_unusable_input_exit_2(capsys, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, _, err = run(capsys, "check", str(empty))
    assert code == 2 and str(empty) in err and "为空" in err


def test_rules_listing_and_markdown_is_current(capsys) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "RC001" in out
    doc = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert doc == rules_markdown(), "docs/rules.md is stale: run `budget-audit rules --markdown > docs/rules.md`"
    rows = [line for line in doc.splitlines() if line.startswith("| [")]
    assert rows and all(len(re.split(r"(?<!\\)\|", row)) == 7 for row in rows), "a bar in a cell breaks its row (RC019's)"


def test_a_fifo_as_params_is_refused_not_read(capsys, tmp_path: Path, sample_path: Path) -> None:
    import os

    fifo = tmp_path / "params.yaml"
    os.mkfifo(fifo)
    code, out, err = run(capsys, "check", str(sample_path), "--params", str(fifo))
    assert code == 2 and out == "" and "不是普通文件（命名管道），不能用作参数文件" in err


def test_check_with_a_units_params_holds_its_document_against_last_years(capsys, tmp_path: Path,
                                                                          sample_path: Path) -> None:
    """``check <the unit's document> --params <unit with prior_source>`` compares the two years (VA003), as
    ``run`` does; another document checked with the same params is not compared."""
    text = sample_path.read_text(encoding="utf-8")
    (tmp_path / "docs").mkdir()
    this_year = tmp_path / "docs" / "2023.txt"
    this_year.write_text(text, encoding="utf-8")
    last_year = tmp_path / "docs" / "2022.txt"
    last_year.write_text(text.replace("2023年", "2022年").replace("公务接待费0.94万元。", "公务接待费1.50万元。"),
                         encoding="utf-8")
    unit = tmp_path / "unit.yaml"
    unit.write_text("unit: '303001'\nyear: 2023\nsource: docs/2023.txt\nprior_source: docs/2022.txt\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(this_year), "--params", str(unit))
    data = json.loads(out)
    assert code == 0 and data["document"]["prior"]["path"].endswith("2022.txt")
    assert [f["message"] for f in data["findings"] if f["code"] == "VA003" and "公务接待费" in f["message"]]
    code, out, _ = run(capsys, "check", str(sample_path), "--params", str(unit))
    assert "prior" not in json.loads(out)["document"]


def test_the_evidence_column_names_a_rows_whole_range(capsys, sample_path: Path) -> None:
    """An indicator row written one cell a line opens with its empty first-level cell: 第594行 alone named a blank
    line (a reviewer's find); the exports name the row's lines, as the HTML report does."""
    _, out, _ = run(capsys, "check", str(sample_path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    evidence = [r["原文"] for r in rows if r["规则代码"] == "IN001"]
    assert "第594—599行：时效指标 | 聘用劳务派遣人员及时性" in evidence[0]
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    assert lines[593].strip() == "" and "聘用劳务派遣人员及时性" in lines[595]


def test_the_exports_name_each_rule_in_chinese(capsys, sample_path: Path) -> None:
    """规则名称 was the rule's identifier (reconcile.sangong_parts) — English in a column an auditor reads."""
    _, out, _ = run(capsys, "check", str(sample_path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    names = {r["规则代码"]: r["规则名称"] for r in rows}
    assert names["RC009"] == "“三公”经费合计应等于因公出国（境）费、公务用车购置及运维费、公务接待费之和"
    assert not [n for n in names.values() if "." in n or n.isascii()]


def test_a_unit_code_no_project_table_names_is_noted(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check --unit 999999: the project tables' findings were all left out without a word (81 findings became 19)."""
    assert main(["check", str(sample_path), "--unit", "999999", "--format", "json"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["budget-audit: 提示：单位代码 999999 不在文件项目表所列的单位中（303001 大厂回族自治县发展和改革局、303004 "
                   "大厂回族自治县京唐城际铁路（大厂段）建设工作指挥部办公室），各项目表的问题均未列出；请核对单位代码"]
    assert main(["check", str(sample_path), "--unit", "303004", "--format", "json"]) == 0
    assert capsys.readouterr().err == ""
