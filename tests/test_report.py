"""The per-unit report end to end: `budget-audit run` on the bundled unit.

One real notebook run per module (~3 s): every section, at least six charts, the
variance tables and every error/warning finding of `budget-audit check` with its line
number; no code, nothing loaded from outside, readable in Chromium without errors.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from browser import requires_chromium, screenshot
from budget_audit.config import load_unit
from budget_audit.parse import parse_file
from budget_audit.results import check_document

REPO = Path(__file__).resolve().parent.parent
PARAMS = REPO / "params" / "units" / "303001.yaml"
ARTIFACTS = REPO / "test-artifacts" / "report"
SECTIONS = ["概览", "收支结构", "同比变动", "“三公”经费", "项目与绩效目标", "发现的问题", "审计关注建议", "附录"]
FILES = ["findings.csv", "findings.json", "findings.xlsx", "report.html", "report.ipynb"]


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """``budget-audit run`` on the bundled unit, as a command, in a project of its own (so
    that no review ledger of the working copy, outputs/review.sqlite, leaks into the
    report). Returns the unit's output directory and the finished command."""
    root = tmp_path_factory.mktemp("project")
    (root / "params" / "units").mkdir(parents=True)
    shutil.copy(REPO / "params" / "defaults.yaml", root / "params" / "defaults.yaml")
    text = PARAMS.read_text(encoding="utf-8").replace("source: samples/", f"source: {REPO}/samples/")
    params = root / "params" / "units" / PARAMS.name
    params.write_text(text, encoding="utf-8")
    notebook = REPO / "notebooks" / "unit_audit.ipynb"
    done = subprocess.run(
        [sys.executable, "-m", "budget_audit.cli", "run", str(params), "--notebook", str(notebook),
         "--output", str(root / "outputs")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return root / "outputs" / "303001", done


@pytest.fixture(scope="module")
def unit_dir(cli_run: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return cli_run[0]


def test_run_prints_the_report_path_and_nothing_else(
    cli_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    """Nothing from the kernel reaches the auditor's terminal (such as ipykernel's warning
    about unencrypted TCP): the kernel talks over Unix sockets (render.kernel_sockets)."""
    unit_dir, done = cli_run
    assert done.stderr == ""
    assert done.stdout.splitlines()[-1].startswith(f"报告：{unit_dir / 'report.html'}（用时 ")


@pytest.fixture(scope="module")
def page(unit_dir: Path) -> str:
    return (unit_dir / "report.html").read_text(encoding="utf-8")


def test_run_writes_every_file(unit_dir: Path) -> None:
    names = sorted(p.name for p in unit_dir.iterdir())
    assert [n for n in FILES if n not in names] == []
    assert not [n for n in names if n.startswith(".") or n.endswith(".tmp")]


def test_html_has_every_section_and_no_code(page: str) -> None:
    for section in SECTIONS:
        assert re.search(rf"<h2[^>]*>\s*{re.escape(section)}", page), section
    assert "build_unit_report" not in page and "import budget_audit" not in page
    assert "ba.table_html" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    assert "<script" not in page.lower()
    assert len(page.encode("utf-8")) <= 3 * 1024 * 1024


def test_html_has_charts_and_variance_tables(page: str) -> None:
    assert page.count('src="data:image/png;base64,') >= 6
    assert "本年与上年（上年数为文中或收支总表写明的" in page
    assert "项目支出绩效目标表（万元）" in page
    assert "2,090.87" in page or "-2090.87" in page  # the stated 项目支出 change


def test_every_chart_has_its_title_as_alt_text(page: str) -> None:
    """Before, every chart was alt="图" (the lab template drops the output's alt metadata)."""
    from bs4 import BeautifulSoup

    alts = [img.get("alt") for img in BeautifulSoup(page, "html.parser").find_all("img")]
    assert len(alts) == 7 and "图" not in alts and "项目预算分布（帕累托图）" in alts


def test_each_findings_heading_names_its_rule_in_chinese(page: str) -> None:
    from bs4 import BeautifulSoup

    heads = [h.get_text(" ", strip=True) for h in BeautifulSoup(page, "html.parser").select(".ba-head")]
    assert heads and not [h for h in heads if re.search(r"\b[a-z]+\.[a-z_]+\b", h)]  # no reconcile.sangong_parts
    assert any("“三公”经费合计应等于" in h for h in heads)


def test_html_lists_every_check_finding_with_its_lines(page: str) -> None:
    unit = load_unit(PARAMS)
    result = check_document(parse_file(unit.sources[0]), unit.settings, unit.unit)
    serious = [f for f in result.findings if f.severity != "info"]
    assert serious
    for finding in serious:
        assert finding.code in page
        assert f"第{finding.evidence[0].line}" in page, (finding.code, finding.evidence[0].line)
    assert page.count('class="ba-finding') == len(result.findings)


def test_exports_agree_with_check(unit_dir: Path) -> None:
    data = json.loads((unit_dir / "findings.json").read_text(encoding="utf-8"))
    unit = load_unit(PARAMS)
    result = check_document(parse_file(unit.sources[0]), unit.settings, unit.unit)
    assert [f["fingerprint"] for f in data["findings"]] == [f.fingerprint for f in result.findings]
    raw = (unit_dir / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 CSV only with a BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(result.findings) + 1
    assert rows[0][-4:] == ["复核状态", "复核意见", "复核人", "复核时间"]
    assert {row[-4] for row in rows[1:]} == {"待复核"}  # no ledger in this run
    book = openpyxl.load_workbook(unit_dir / "findings.xlsx", read_only=True)
    assert book.sheetnames == ["findings", "variance", "projects"]
    header = next(book["findings"].iter_rows(max_row=1, values_only=True))
    assert header[:2] == ("级别", "规则代码")
    assert book["findings"].max_row == len(result.findings) + 1
    variance = list(book["variance"].iter_rows(max_row=2, values_only=True))
    assert variance[0][:7] == ("项目", "本年（万元）", "上年（万元）", "上年文件（万元）", "变动额（万元）", "变动率（%）", "重大变动")
    assert variance[1][6] in ("是", "否")  # not TRUE/FALSE
    # readable as opened: bold, frozen, filtered header; long text wrapped in a capped column
    sheet = openpyxl.load_workbook(unit_dir / "findings.xlsx")["findings"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref and sheet["A1"].font.bold
    message = sheet["E2"]
    assert sheet.column_dimensions["E"].width <= 60 and message.alignment.wrap_text


def test_title_escapes_the_unit_name() -> None:
    from dataclasses import replace

    from budget_audit.report import build_unit_report, title_html

    report = build_unit_report(PARAMS)
    params = replace(report.params, name="<script>alert(1)</script>某局")
    report.assessment = replace(report.assessment, params=params)
    html = title_html(report)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;某局 2023年" in html


def test_overview_says_whose_unit_facts_a_shared_document_gives() -> None:
    """303004 publishes inside 发展和改革局's document, whose 单位基本情况 is the bureau's."""
    from budget_audit.report import build_unit_report, overview_html

    own = overview_html(build_unit_report(PARAMS))
    assert "行政 / 正科级 / 财政拨款</td>" in own  # "廊坊市大厂…发展和改革局" is the unit itself
    other = overview_html(build_unit_report(REPO / "params" / "units" / "303004.yaml"))
    assert "文件未列明本单位的（文件所列为廊坊市大厂回族自治县发展和改革局的：行政 / 正科级 / 财政拨款，第202行）" in other


def test_report_refuses_a_document_of_another_year() -> None:
    """Run by hand (JupyterLab) the notebook's first cell stops as run_unit does."""
    from dataclasses import replace

    from budget_audit.errors import InputError
    from budget_audit.report import build_unit_report

    unit = replace(load_unit(PARAMS), year=2019)
    with pytest.raises(InputError, match="year 为 2019，但公开文件 .*dachang-fgj-2023.txt 是 2023 年的"):
        build_unit_report(unit)


def test_report_notebook_records_run_metadata(unit_dir: Path) -> None:
    nb = json.loads((unit_dir / "report.ipynb").read_text(encoding="utf-8"))
    meta = nb["metadata"]["budget_audit"]
    assert meta["status"] == "completed" and meta["error"] is None
    assert meta["duration_s"] > 0


@requires_chromium
def test_report_opens_in_chromium_without_console_errors(unit_dir: Path) -> None:
    png = ARTIFACTS / "303001.png"
    problems = screenshot(unit_dir / "report.html", png, timeout=120)
    assert problems == []
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 100_000


@requires_chromium
def test_a_script_that_got_into_the_report_would_not_run(unit_dir: Path, tmp_path: Path) -> None:
    """Defence in depth (a reviewer's suggestion): the report's Content-Security-Policy runs no script, so one that
    slipped past the escaping of document text would be refused by the browser, not run."""
    from budget_audit.render import content_policy

    page = (unit_dir / "report.html").read_text(encoding="utf-8")
    assert page.count("Content-Security-Policy") == 1 and f'content="{content_policy()}"' in page
    assert "script-src" not in content_policy() and "default-src 'none'" in content_policy()
    hostile = tmp_path / "report.html"
    hostile.write_text(page.replace("</main>", '<script>console.error("ran")</script></main>'), encoding="utf-8")
    problems = screenshot(hostile, tmp_path / "hostile.png", timeout=120)
    assert "console.error: ran" not in problems and any("Content Security Policy" in p for p in problems), problems


@requires_chromium
def test_text_without_breaks_wraps_inside_its_cell(tmp_path: Path) -> None:
    """A reviewer's 3000-character project name pushed the 本年预算 and 行号 columns off the page (and off the print):
    the report's stylesheet wraps such text inside its cell or card."""
    import pandas as pd

    from browser import chromium_page
    from budget_audit.render import TEMPLATES_DIR
    from budget_audit.report import table_html

    css = (TEMPLATES_DIR / "budget_audit_report" / "report.css").read_text(encoding="utf-8")
    frame = pd.DataFrame([{"项目编码": "13102823P00280910258Y", "项目名称": "甲" * 3000 + "x" * 3000,
                           "上年预算": 3355.29, "本年预算": 12.5, "变动额": -3342.79, "行号": 640, "上年行号": 2713}])
    card = f'<div class="ba-finding"><p class="ba-msg">{"项目“" + "乙" * 3000 + "”"}</p></div>'
    page = tmp_path / "page.html"
    page.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{css}</style></head><body><main>'
                    f'{table_html(frame, "表", numeric=["上年预算", "本年预算", "变动额"])}{card}</main></body></html>',
                    encoding="utf-8")
    lines_of = ("[...document.querySelectorAll('td')].filter(td => td.textContent.length < 30)"
                ".map(td => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length; })")
    for width in (1200, 800, 480):
        with chromium_page(width=width) as browser_page:
            browser_page.navigate(page.as_uri())
            assert browser_page.wait_until("document.readyState === 'complete'", 30)
            if width >= 800:
                assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
            # codes, figures and line numbers are never broken to make room (a reviewer saw 229 shown as 22 / 9)
            assert browser_page.evaluate(lines_of) == [1] * 6, width


def test_a_long_fact_wraps_inside_the_page(tmp_path: Path) -> None:
    """The appendix's 公开文件 fact (a path and its SHA-256) ran off a 600 px page (a reviewer's): a fact's long
    value may break anywhere, as a table's long cell does."""
    from browser import chromium_page
    from budget_audit.render import TEMPLATES_DIR
    from budget_audit.report import facts_rows

    css = (TEMPLATES_DIR / "budget_audit_report" / "report.css").read_text(encoding="utf-8")
    value = "/srv/审计/2024/" + "a" * 80 + ".txt（SHA-256 " + "0123456789abcdef" * 4 + "，utf-8，3218 行）"
    rows = facts_rows([("公开文件", value), ("程序版本", "budget-audit 0.1")])
    assert 'class="ba-long"' in rows and rows.count("ba-long") == 1
    page = tmp_path / "page.html"
    page.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{css}</style></head><body><main>'
                    f'<table class="ba-facts">{rows}</table></main></body></html>', encoding="utf-8")
    with chromium_page(width=600) as browser_page:
        browser_page.navigate(page.as_uri())
        assert browser_page.wait_until("document.readyState === 'complete'", 30)
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= 600


def test_tables_say_when_a_figure_is_approximate(sample_text: str, tmp_path) -> None:
    """The headline table shows figures to the cent: one the document writes as 约 says so."""
    from budget_audit.parse import parse_file
    from budget_audit.report import headline_frame

    path = tmp_path / "approx.txt"
    path.write_text(sample_text.replace("2023年支出预算6663.49万元", "2023年支出预算约6660万元"), encoding="utf-8")
    names = list(headline_frame(parse_file(path))["项目"])
    assert "支出合计（文中为约6660万元）" in names and "收入合计" in names


def test_the_findings_json_of_a_project_moved_elsewhere_is_the_same(sample_path: Path, tmp_path: Path) -> None:
    """The document's path was written as the params file resolved it, absolute: a project cloned to another
    directory gave another findings.json (a reviewer's find). Inside the project it is relative to the project."""
    from budget_audit.assessment import assess
    from budget_audit.results import to_json

    outputs = []
    for name in ("one", "two"):
        root = tmp_path / name
        (root / "params" / "units").mkdir(parents=True)
        (root / "samples").mkdir()
        (root / "samples" / "doc.txt").write_bytes(sample_path.read_bytes())
        unit = root / "params" / "units" / "303001.yaml"
        unit.write_text("unit: '303001'\nyear: 2023\nsource: samples/doc.txt\n", encoding="utf-8")
        outputs.append(to_json(assess(unit).result))
    assert outputs[0] == outputs[1] and '"path": "samples/doc.txt"' in outputs[0]


def test_the_projects_count_and_sum_the_narrative_states_are_in_the_table() -> None:
    """3,355.29万元 and 上年结转项目8个 stood in the narrative and in no table (a reviewer's evidence check); the
    24 tables of the unit beside CS010's 25 of the document went unexplained."""
    import re

    from budget_audit import report as ba

    report = ba.build_unit_report(PARAMS)
    sentence = next(s for s in report.narrative[1].sentences if "绩效目标表" in s.text)
    assert sentence.text.startswith("公开项目支出绩效目标表24张（文件共25张），预算数合计3,355.29万元，其中上年结转项目8个")
    table = ba.projects_html(report)
    footer = table.split("<tfoot>", 1)[1]
    figures = set(re.findall(r"\d[\d,]*(?:\.\d+)?", sentence.text.split("（第", 1)[0])) - {"25"}
    assert figures == {"24", "3,355.29", "8"} and all(f in footer for f in figures), footer
