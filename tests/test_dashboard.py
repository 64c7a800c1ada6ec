"""The county dashboard (budget_audit.dashboard): index.html, findings_all exports, notebook."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from browser import requires_chromium, screenshot
from budget_audit import benford, roundness
from budget_audit import dashboard as db
from budget_audit.atomic import write_text_atomic
from budget_audit.config import load_unit
from budget_audit.parse import parse_file
from budget_audit.render import external_references
from budget_audit.results import FINDING_COLUMNS, check_document, to_json
from budget_audit.review import Ledger

REPO = Path(__file__).resolve().parent.parent
OVERVIEW = REPO / "notebooks" / "overview.ipynb"
EVIL_NAME = '恶意<script>alert("x")</script>&单位'


def _entry(unit: str, status: str, params: Path | str, run: str, **extra) -> dict:
    outputs = {
        "html": f"{unit}/report.html",
        "notebook": f"{unit}/report.ipynb",
        "findings_json": f"{unit}/findings.json",
        "findings_csv": f"{unit}/findings.csv",
        "findings_xlsx": f"{unit}/findings.xlsx",
    }
    return {
        "unit": unit,
        "name": extra.pop("name", None),
        "year": 2023,
        "params": str(params),
        "status": status,
        "started": f"2024-01-0{run}T00:00:00Z",
        "ended": f"2024-01-0{run}T00:00:05Z",
        "duration_s": 5.0,
        "input_hash": "h" * 64,
        "outputs": outputs if status != "failed" else {},
        "error": None,
        "run_id": f"run-{run}",
        "counts": None,
        **extra,
    }


def _publish(out: Path, params_path: Path) -> dict[str, int]:
    """What run_unit publishes for one unit, made in-process: findings.json and a report."""
    params = load_unit(params_path)
    result = check_document(parse_file(params.sources[0]), params.settings, params.unit)
    unit_dir = out / params.unit
    unit_dir.mkdir(parents=True, exist_ok=True)
    (unit_dir / "findings.json").write_text(to_json(result), encoding="utf-8")
    (unit_dir / "report.html").write_text("<html><body>报告</body></html>", encoding="utf-8")
    return result.summary()["by_severity"]


@pytest.fixture(scope="module")
def tree(tmp_path_factory, sample_path: Path) -> dict:
    """An outputs tree as a batch leaves it: two runs; ok, skipped, failed (bad params, bad
    source, and one that failed after an earlier success) and a unit never run."""
    root = tmp_path_factory.mktemp("dash")
    params_dir, out = root / "params", root / "outputs"
    (params_dir / "units").mkdir(parents=True)
    shutil.copy(REPO / "params" / "defaults.yaml", params_dir / "defaults.yaml")
    sample = str(sample_path)

    def unit_file(code: str, name: str, source: str = sample) -> Path:
        path = params_dir / "units" / f"{code}.yaml"
        path.write_text(
            f'unit: "{code}"\nname: {json.dumps(name, ensure_ascii=False)}\nyear: 2023\nsource: {source}\n',
            encoding="utf-8",
        )
        return path

    p1 = unit_file("303001", "大厂回族自治县发展和改革局")
    p2 = unit_file("303004", EVIL_NAME)
    p3 = unit_file("303009", "后来失败的单位")
    bad_source = root / "binary.txt"
    bad_source.write_bytes(bytes(range(256)) * 4)
    p4 = unit_file("303010", "原文不可读的单位", str(bad_source))
    p5 = params_dir / "units" / "broken.yaml"
    p5.write_text("unit: [oops\n", encoding="utf-8")
    unit_file("303099", "尚未运行的单位")
    counts = {
        code: _publish(out, path) for code, path in (("303001", p1), ("303004", p2), ("303009", p3))
    }
    entries = [
        _entry("303001", "ok", p1, "1", name="大厂回族自治县发展和改革局", counts=counts["303001"]),
        _entry("303004", "ok", p2, "1", name=EVIL_NAME, counts=counts["303004"]),
        _entry("303009", "ok", p3, "1", name="后来失败的单位", counts=counts["303009"]),
        # second run: 303001 unchanged, 303004 re-run, 303009 now fails, two never get to run
        _entry(
            "303001", "skipped", p1, "2", name="大厂回族自治县发展和改革局", counts=counts["303001"]
        ),
        _entry("303004", "ok", p2, "2", name=EVIL_NAME, counts=counts["303004"]),
        _entry(
            "303009",
            "failed",
            p3,
            "2",
            name="后来失败的单位",
            error={
                "message": "第 3 个单元格（序号 2）执行失败：`x = 1 / 0` → ZeroDivisionError: division by zero",
                "cell": 2,
                "kind": "cell",
            },
        ),
        _entry(
            "303010",
            "failed",
            p4,
            "2",
            name="原文不可读的单位",
            error={
                "message": f"{bad_source}: 不是文本文件（含二进制内容）",
                "cell": None,
                "kind": "input",
            },
        ),
        _entry(
            "broken",
            "failed",
            p5,
            "2",
            error={
                "message": f"{p5}: 参数文件不是合法的 YAML（第 2 行）",
                "cell": None,
                "kind": "params",
            },
        ),
    ]
    out.mkdir(exist_ok=True)
    text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
    (out / db.MANIFEST).write_text(
        text + '{"unit": "303001", "status": "o', encoding="utf-8"
    )  # torn line
    first = json.loads((out / "303001" / "findings.json").read_text(encoding="utf-8"))["findings"][
        0
    ]
    with Ledger(out / "review.sqlite") as ledger:  # the default ledger of this project root
        ledger.record(
            first["fingerprint"], "303001", first["code"], "已确认", "已与单位核实", "审计员甲"
        )
    index = db.build_index(out, params_dir)
    return {
        "out": out,
        "params": params_dir,
        "index": index,
        "counts": counts,
        "entries": entries,
        "confirmed": first["fingerprint"],
    }


@pytest.fixture(scope="module")
def soup(tree) -> BeautifulSoup:
    return BeautifulSoup(tree["index"].read_text(encoding="utf-8"), "html.parser")


def _rows(soup: BeautifulSoup) -> dict[str, list[str]]:
    table = soup.select_one("table.ba-units")
    rows = {}
    for tr in table.tbody.find_all("tr"):
        cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        rows[cells[0]] = cells
    return rows


def test_index_lists_every_unit_with_its_status(tree, soup) -> None:
    assert tree["index"] == tree["out"] / "index.html"
    rows = _rows(soup)
    assert set(rows) == {"303001", "303004", "303009", "303010", "broken", "303099"}
    status = {code: cells[11] for code, cells in rows.items()}
    assert status == {
        "303001": "未变（沿用上次结果）",
        "303004": "成功",
        "303009": "失败",
        "303010": "失败",
        "broken": "失败",
        "303099": "未运行",
    }
    assert "6 个单位" in soup.h1.get_text()


def test_review_statuses_show_in_the_table_and_the_export(tree, soup) -> None:
    rows = _rows(soup)
    total = sum(tree["counts"]["303001"].values())
    assert rows["303001"][10] == f"待复核 {total - 1} / 已确认 1"
    assert rows["303004"][10] == f"待复核 {sum(tree['counts']['303004'].values())}"
    assert rows["303010"][10] == "—"
    raw = (tree["out"] / db.FINDINGS_ALL_CSV).read_bytes().decode("utf-8-sig")
    by_fp = {r[FINDING_COLUMNS["fingerprint"]]: r for r in csv.DictReader(io.StringIO(raw))}
    confirmed = by_fp[tree["confirmed"]]
    assert (confirmed["复核状态"], confirmed["复核意见"], confirmed["复核人"]) == (
        "已确认",
        "已与单位核实",
        "审计员甲",
    )
    assert {r["复核状态"] for fp, r in by_fp.items() if fp != tree["confirmed"]} == {"待复核"}


def test_every_unit_shows_its_counts_and_totals(tree, soup) -> None:
    rows = _rows(soup)
    for code in ("303001", "303004"):
        c = tree["counts"][code]
        assert rows[code][7:10] == [str(c["error"]), str(c["warning"]), str(c["info"])]
        assert rows[code][3:6] == ["5,728.07", "6,663.49", "18.84"]  # 收入, 支出, 三公 (万元)
        assert rows[code][6] == "80"  # 编制
    for code in ("303009", "303010", "broken", "303099"):
        assert rows[code][7:10] == ["—", "—", "—"]



def test_the_totals_count_a_shared_documents_findings_once(tree, soup) -> None:
    """303001 and 303004 are checked on one document: its problems are the county's once, not once per unit (a
    reviewer's find: 错误 7 条 for 4 distinct). The table keeps each unit's own counts."""
    distinct: dict[tuple, str] = {}
    for code in ("303001", "303004"):
        for f in json.loads((tree["out"] / code / "findings.json").read_text(encoding="utf-8"))["findings"]:
            distinct.setdefault((f["code"], f["message"], tuple(f["lines"])), f["severity"])
    expected = {s: sum(1 for v in distinct.values() if v == s) for s in ("error", "warning", "info")}
    shared = sum(sum(tree["counts"][c].values()) for c in ("303001", "303004")) - len(distinct)
    assert shared > 0
    line = next(td.get_text(strip=True) for th in soup.find_all("th") if th.get_text(strip=True) == "发现问题"
                for td in [th.find_next("td")])
    assert line.startswith(f"错误 {expected['error']} 条，警告 {expected['warning']} 条，提示 {expected['info']} 条"
                           f"（2 个有结果的单位；共用一份公开文件的单位，同一问题只计一次，少计 {shared} 条重复）")

def test_rows_are_sorted_by_errors_then_warnings(tree, soup) -> None:
    order = list(_rows(soup))
    with_results = [c for c in order if c in ("303001", "303004")]
    assert order[: len(with_results)] == with_results
    errors = [tree["counts"][c]["error"] for c in with_results]
    assert errors == sorted(errors, reverse=True)


def test_failed_units_are_listed_with_their_error(tree, soup) -> None:
    section = soup.select_one("ul.ba-failed")
    text = section.get_text(" ", strip=True)
    assert "ZeroDivisionError: division by zero" in text
    assert "不是文本文件（含二进制内容）" in text
    assert "参数文件不是合法的 YAML" in text
    assert "单元格：2" in text and "类型：参数文件有误" in text and "params" not in text.split("类型：")[1][:10]
    assert "运行失败的单位（3个）" in soup.get_text()


def test_links_are_relative_and_exist(tree, soup) -> None:
    out = tree["out"]
    links = [a["href"] for a in soup.find_all("a", href=True)]
    report_links = [h for h in links if h.endswith("report.html")]
    assert sorted(report_links) == [
        "303001/report.html",
        "303004/report.html",
        "303009/report.html",
    ]
    for href in links:
        if href.startswith("#"):
            continue
        assert not re.match(r"^[a-z]+:", href) and not href.startswith("/"), href
        assert (out / unquote(href)).is_file(), href
    # 303009 failed now: its link is the last successful report, labelled as such
    assert _rows(soup)["303009"][12] == "上次报告"


def test_page_is_offline_and_escaped(tree, soup) -> None:
    html = tree["index"].read_text(encoding="utf-8")
    assert external_references(html) == []
    for tag in soup.find_all(True):
        for attr in ("src", "href"):
            value = tag.get(attr)
            assert not (isinstance(value, str) and value.lower().startswith("http")), tag
    assert "<script>alert" not in html and "&lt;script&gt;alert(" in html
    assert EVIL_NAME in soup.get_text()  # shown as text, not markup
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and "ba-sortable" in scripts[0].get_text()  # only the sort script
    images = [img["src"] for img in soup.find_all("img")]
    assert len(images) == 4 and all(src.startswith("data:image/png;base64,") for src in images)
    assert "本福特" in soup.get_text() and "MAD" in soup.get_text()


def _findings_total(tree) -> tuple[int, set[str]]:
    out = tree["out"]
    total, prints = 0, set()
    for code in ("303001", "303004"):
        data = json.loads((out / code / "findings.json").read_text(encoding="utf-8"))
        total += len(data["findings"])
        prints |= {(code, f["fingerprint"]) for f in data["findings"]}
    return total, prints


def test_findings_all_csv_holds_every_finding(tree) -> None:
    raw = (tree["out"] / db.FINDINGS_ALL_CSV).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    total, prints = _findings_total(tree)
    assert len(rows) == total
    assert list(rows[0]) == [db.UNIT_NAME_COLUMN, *FINDING_COLUMNS.values(), *db.REVIEW_COLUMNS]
    code, fp = FINDING_COLUMNS["unit_code"], FINDING_COLUMNS["fingerprint"]
    assert {(r[code], r[fp]) for r in rows} == prints
    assert {r[db.UNIT_NAME_COLUMN] for r in rows} == {"大厂回族自治县发展和改革局", EVIL_NAME}


def test_findings_all_xlsx_holds_every_finding(tree) -> None:
    sheets = pd.read_excel(tree["out"] / db.FINDINGS_ALL_XLSX, sheet_name=None, dtype=str)
    findings, units = sheets["findings"], sheets["units"]
    total, prints = _findings_total(tree)
    assert len(findings) == total
    assert list(findings.columns) == [
        db.UNIT_NAME_COLUMN,
        *FINDING_COLUMNS.values(),
        *db.REVIEW_COLUMNS,
    ]
    assert (
        set(
            zip(
                findings[FINDING_COLUMNS["unit_code"]],
                findings[FINDING_COLUMNS["fingerprint"]],
                strict=True,
            )
        )
        == prints
    )
    assert sorted(units["代码"]) == sorted(
        ["303001", "303004", "303009", "303010", "broken", "303099"]
    )


def test_a_failed_render_keeps_the_previous_index(tree, monkeypatch) -> None:
    out = tree["out"]
    before = (out / "index.html").read_bytes()

    def boom(_dashboard):
        raise RuntimeError("render failed")

    monkeypatch.setattr(db, "render_index", boom)
    with pytest.raises(RuntimeError):
        db.build_index(out, tree["params"])
    assert (out / "index.html").read_bytes() == before
    assert not list(out.glob(".index.html.*"))


def test_manifest_reader_skips_torn_and_foreign_lines(tmp_path: Path) -> None:
    write_text_atomic(
        tmp_path / db.MANIFEST,
        '{"unit": "1", "status": "ok"}\nnot json\n["a list"]\n{"status": "ok"}\n{"unit": "2", "sta',
    )
    assert [e["unit"] for e in db.read_manifest(tmp_path)] == ["1"]
    assert db.read_manifest(tmp_path / "missing") == []


def test_empty_output_dir_gives_a_page(tmp_path: Path) -> None:
    index = db.build_index(tmp_path)
    html = index.read_text(encoding="utf-8")
    assert "0 个单位" in html and external_references(html) == []
    assert (
        (tmp_path / db.FINDINGS_ALL_CSV)
        .read_text(encoding="utf-8-sig")
        .startswith(db.UNIT_NAME_COLUMN)
    )


def test_document_amounts_cover_the_unit(sample_doc) -> None:
    shared = db.document_amounts(sample_doc)
    assert sample_doc.expenditure.total.yuan in shared
    own = db.project_amounts(sample_doc, "303001")
    budgets = {p.budget.yuan for p in sample_doc.projects if p.unit_code.text == "303001"}
    assert budgets <= set(own)
    theirs = db.project_amounts(sample_doc, "303004")
    assert len(own) + len(theirs) == len(db.project_amounts(sample_doc))  # the two units' projects
    facts = db.unit_facts(sample_doc, "303001")
    assert facts.staff == 80 and facts.department_wide
    assert facts.per_staff(facts.sangong) == sample_doc.sangong.total.yuan / 80


def test_approximate_amounts_stay_out_of_the_digit_tests(sample_text: str, tmp_path) -> None:
    """约6600万元 is round because the author rounded it: not a figure for Benford or the
    round-number share."""
    from budget_audit.parse import parse_file

    path = tmp_path / "approx.txt"
    path.write_text(sample_text.replace("2023年支出预算6663.49万元", "2023年支出预算约6600万元"), encoding="utf-8")
    doc = parse_file(path)
    assert doc.expenditure.total is not None and doc.expenditure.total.approx
    amounts = db.document_amounts(doc)
    assert doc.expenditure.total.yuan not in amounts and doc.expenditure.basic.yuan in amounts


def test_benford_counts_a_shared_document_once(sample_doc) -> None:
    """303001 and 303004 publish in one document: its totals enter the test once, each
    unit's projects once each."""

    def entry(unit: str, facts: db.UnitFacts) -> db.UnitEntry:
        e = db.UnitEntry(unit, "", 2023, "ok", "")
        e.facts, e.counts = facts, {"error": 0, "warning": 0, "info": 0}
        return e

    units = [entry(u, db.unit_facts(sample_doc, u)) for u in ("303001", "303004")]
    assert all(u.has_results for u in units)
    amounts = db.benford_amounts(units)
    expected = (
        db.document_amounts(sample_doc)
        + db.project_amounts(sample_doc, "303001")
        + db.project_amounts(sample_doc, "303004")
    )
    assert sorted(amounts) == sorted(expected)
    # a unit with its own document brings that document's totals in as well
    other = dataclasses.replace(db.unit_facts(sample_doc, "303004"), sha256="another document")
    assert len(db.benford_amounts([units[0], entry("303004", other)])) == len(expected) + len(
        db.document_amounts(sample_doc)
    )


def test_overview_notebook_is_committed_clean_and_declares_its_parameters() -> None:
    nb = nbformat.read(OVERVIEW, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert re.search(r"^output_dir\s*=", params[0].source, re.M) and re.search(
        r"^params_dir\s*=", params[0].source, re.M
    )
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_overview_notebook_shows_the_same_pieces(tree, tmp_path: Path) -> None:
    from budget_audit.render import execute_notebook

    nb = execute_notebook(
        OVERVIEW,
        tmp_path / "overview.ipynb",
        {"output_dir": str(tree["out"]), "params_dir": str(tree["params"])},
        cwd=OVERVIEW.parent,
    )
    html_out = "".join(
        str(o.get("data", {}).get("text/html", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    pngs = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "image/png" in o.get("data", {})
    ]
    for code in ("303001", "303004", "303009", "303010", "broken", "303099"):
        assert code in html_out
    assert "ZeroDivisionError" in html_out and "MAD" in html_out
    assert "&lt;script&gt;" in html_out
    assert len(pngs) == 4


@requires_chromium
def test_index_renders_without_errors_in_a_browser(tree, tmp_path: Path) -> None:
    problems = screenshot(tree["index"], tmp_path / "index.png")
    assert problems == []
    assert (tmp_path / "index.png").stat().st_size > 50_000


def test_rebuild_uses_the_cache_and_notices_a_changed_source(
    tmp_path: Path, sample_path: Path, monkeypatch
) -> None:
    source = tmp_path / "source.txt"
    shutil.copy(sample_path, source)
    params_dir, out = tmp_path / "params", tmp_path / "outputs"
    (params_dir / "units").mkdir(parents=True)
    params = params_dir / "units" / "303001.yaml"
    params.write_text(
        f'unit: "303001"\nname: 单位\nyear: 2023\nsource: {source}\n', encoding="utf-8"
    )
    counts = _publish(out, params)
    (out / db.MANIFEST).write_text(
        json.dumps(_entry("303001", "ok", params, "1", counts=counts)) + "\n", encoding="utf-8"
    )
    db.build_index(out, params_dir)
    xlsx = out / db.FINDINGS_ALL_XLSX
    stamp = xlsx.stat().st_mtime_ns
    first = (out / "index.html").read_text(encoding="utf-8")

    def no_parsing(path):
        raise AssertionError(f"parsed {path} again")

    with monkeypatch.context() as m:
        m.setattr(db, "parse_file", no_parsing)
        db.build_index(out, params_dir)  # nothing changed: no parsing, exports left alone
    assert (out / "index.html").read_text(encoding="utf-8") == first
    assert xlsx.stat().st_mtime_ns == stamp
    assert "已修改" not in first

    source.write_text(
        source.read_text(encoding="utf-8").replace("2135.24", "2135.25"), encoding="utf-8"
    )
    html = db.build_index(out, params_dir).read_text(encoding="utf-8")
    assert "公开文件在上次运行后已修改" in html


# --------------------------------------------------------------------------- benford.py


@pytest.mark.parametrize(
    ("value", "digit"),
    [
        (Decimal("0.0427"), 4),
        (-3100, 3),
        ("1,234.5", 1),
        (Decimal("9.99E+5"), 9),
        (7.5e-7, 7),
        (Decimal("00012.0"), 1),
        (0, None),
        (Decimal("0.00"), None),
        ("abc", None),
        (True, None),
        (float("nan"), None),
    ],
)
def test_first_digit(value, digit) -> None:
    assert benford.first_digit(value) == digit


def test_expected_proportions_are_benfords() -> None:
    assert benford.EXPECTED[1] == pytest.approx(0.30103, abs=1e-5)
    assert benford.EXPECTED[9] == pytest.approx(0.04576, abs=1e-5)
    assert sum(benford.EXPECTED.values()) == pytest.approx(1.0)


def test_exact_benford_counts_conform_closely() -> None:
    counts = {d: round(p * 1_000_000) for d, p in benford.EXPECTED.items()}
    assert benford.mad(counts) < 1e-6
    assert benford.verdict(benford.mad(counts)) == ("close", "高度符合")


def test_known_benford_sequences_conform_closely() -> None:
    powers = [2**n for n in range(1, 1001)]  # powers of 2 follow Benford's law
    fib, a, b = [], 1, 1
    for _ in range(1000):
        fib.append(a)
        a, b = b, a + b
    for values in (powers, fib):
        result = benford.benford_test(values)
        assert result.count == 1000 and result.reliable
        assert result.verdict == "close" and result.mad < 0.002


def test_uniform_first_digits_do_not_conform() -> None:
    result = benford.benford_test(range(1, 1000))  # each first digit 111 times
    assert result.counts == dict.fromkeys(range(1, 10), 111)
    assert result.observed[1] == pytest.approx(1 / 9)
    assert result.mad == pytest.approx(0.05972, abs=1e-5)
    assert (result.verdict, result.label) == ("nonconformity", "不符合")


def test_nigrini_thresholds() -> None:
    assert benford.verdict(0.0)[0] == "close"
    assert benford.verdict(0.006)[0] == "close"
    assert benford.verdict(0.0061)[0] == "acceptable"
    assert benford.verdict(0.012)[0] == "acceptable"
    assert benford.verdict(0.0121)[0] == "marginal"
    assert benford.verdict(0.015)[0] == "marginal"
    assert benford.verdict(0.0151)[0] == "nonconformity"
    with pytest.raises(ValueError):
        benford.verdict(float("nan"))


def test_small_and_empty_samples() -> None:
    small = benford.benford_test([Decimal("123.45"), Decimal("234"), 0, "x"])
    assert small.count == 2 and not small.reliable
    assert "仅供参考" in small.label
    empty = benford.benford_test([0, Decimal("0.00")])
    assert empty.count == 0 and empty.mad is None and empty.verdict is None
    assert [row["首位数字"] for row in small.rows()] == list(range(1, 10))


# --------------------------------------------------------------------------- roundness.py


def test_round_amounts_are_whole_wan() -> None:
    assert roundness.is_round(Decimal("9600000.00")) and roundness.is_round(Decimal("-50000"))
    assert not roundness.is_round(Decimal("9400.00")) and not roundness.is_round(Decimal("0"))
    assert roundness.round_count([Decimal(0), Decimal(10000), Decimal("12345.6")]) == (2, 1)


def _amounts(n: int, rounds: int) -> list[Decimal]:
    return [Decimal(10000 * (i + 1)) for i in range(rounds)] + [
        Decimal(10000 * (i + 1) + 123) for i in range(n - rounds)
    ]


def test_a_unit_with_far_more_round_amounts_stands_out() -> None:
    by_unit = {
        "甲": _amounts(30, 30),
        "乙": _amounts(30, 6),
        "丙": _amounts(30, 6),
        "丁": _amounts(5, 5),
    }
    pooled = roundness.pooled_share([a for amounts in by_unit.values() for a in amounts])
    shares = {s.unit: s for s in roundness.round_shares(by_unit, pooled)}
    assert pooled == pytest.approx(47 / 95)
    assert shares["甲"].flagged and shares["甲"].z == pytest.approx(
        (1 - pooled) / (pooled * (1 - pooled) / 30) ** 0.5
    )
    assert not shares["乙"].flagged and shares["乙"].z < 0
    assert shares["丁"].share == 1.0 and not shares["丁"].flagged  # too few amounts to say


def test_similar_units_do_not_stand_out() -> None:
    by_unit = {u: _amounts(40, 10) for u in "甲乙丙"}
    pooled = roundness.pooled_share(_amounts(40, 10))
    assert not any(s.flagged for s in roundness.round_shares(by_unit, pooled))
    assert roundness.round_shares({"甲": []}, None)[0].z is None


def test_index_compares_round_amounts_across_units(tree, soup) -> None:
    heading = next(h for h in soup.find_all("h3") if h.get_text() == "整数金额比例")
    table = heading.find_next("table")
    rows = {
        tr.find_all("td")[0].get_text(): [td.get_text() for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }
    assert set(rows) == {"303001", "303004"}  # the units with results
    frame = db.round_frame(db.load_dashboard(tree["out"], tree["params"]))
    assert list(frame["代码"]) == ["303001", "303004"]
    assert all(frame["整万元金额"] <= frame["非零金额"])
    assert "共用一份公开文件的单位，其汇总数只计一次" in heading.find_next("p").get_text()


def test_not_run_units_include_yml_files_and_skip_special_ones(tmp_path: Path) -> None:
    """A .yml unit file is a unit like a .yaml one; a FIFO named *.yaml never blocks the page."""
    import os

    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    (units / "700001.yml").write_text('unit: "700001"\nname: 甲单位\nsource: doc.txt\n', encoding="utf-8")
    os.mkfifo(units / "pipe.yaml")
    (units / "dir.yaml").mkdir()
    dashboard = db.load_dashboard(tmp_path / "outputs", tmp_path / "params")
    assert [(u.unit, u.status) for u in dashboard.units] == [("700001", "not_run")]
