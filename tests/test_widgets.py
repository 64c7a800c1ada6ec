"""The findings explorer (budget_audit.widgets), driven without a browser.

The widgets are set the way the frontend sets them (assigning ``value``, clicking
buttons), so the observers run as in a notebook. Expected rows come from running the
checks independently on the bundled sample; decisions go to a ledger in tmp_path.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from budget_audit.checks import Finding, run_checks
from budget_audit.checks.base import Evidence
from budget_audit.config import load_unit
from budget_audit.errors import InputError
from budget_audit.ingest import Line, read_lines
from budget_audit.parse import parse_file
from budget_audit.review import STATUSES, Ledger, ReviewedFinding, ledger_path
from budget_audit.variance import yoy_table
from budget_audit.widgets import (
    Explorer,
    filter_findings,
    find_unit,
    finding_rows,
    knob_values,
    rule_options,
    source_excerpt,
    source_html,
    tuned_settings,
    unit_choices,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
PARAMS = REPO_ROOT / "params"
NOTEBOOK = REPO_ROOT / "notebooks" / "explore.ipynb"


def _expected(unit: str = "303001", **tolerance: float) -> list[Finding]:
    params = load_unit(PARAMS / "units" / f"{unit}.yaml")
    settings = params.settings.with_overrides(tolerance=tolerance) if tolerance else params.settings
    return run_checks(parse_file(params.sources[0]), settings, params.unit)


@pytest.fixture(scope="module")
def expected() -> list[Finding]:
    return _expected()


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    return tmp_path / "ledger" / "review.sqlite"


@pytest.fixture
def explorer(ledger_file: Path) -> Explorer:
    return Explorer(PARAMS, ledger=ledger_file)


def _codes(explorer: Explorer) -> list[str]:
    return [row.code for row in explorer.rows]


# ------------------------------------------------------------------ opening a unit


def test_opens_the_first_unit_with_every_finding(explorer: Explorer, expected: list[Finding]) -> None:
    labels = [label for label, _ in explorer.unit_picker.options]
    assert [label.split(" ")[0] for label in labels] == ["303001", "303004"]
    assert "大厂回族自治县发展和改革局" in labels[0]
    assert explorer.params is not None and explorer.params.unit == "303001"
    assert [r.fingerprint for r in explorer.rows] == [f.fingerprint for f in expected]
    assert [label for label, _ in explorer.finding_list.options] == [r.label for r in explorer.rows]
    assert all(row.status == "待复核" for row in explorer.rows)
    assert f"共 {len(expected)} 条" in explorer.summary.value
    assert explorer.sources.parses == 1
    assert explorer.message.value == ""
    # Rule filter lists exactly the rules present, with counts.
    codes = sorted({f.code for f in expected})
    assert [code for _, code in explorer.rule_filter.options] == codes
    rc002 = next(label for label, code in explorer.rule_filter.options if code == "RC002")
    assert rc002.endswith(f"（{sum(f.code == 'RC002' for f in expected)}）")


def test_unit_argument_and_switching_units(ledger_file: Path) -> None:
    explorer = Explorer(PARAMS, "303004", ledger=ledger_file)
    assert explorer.params is not None and explorer.params.unit == "303004"
    assert [r.fingerprint for r in explorer.rows] == [f.fingerprint for f in _expected("303004")]
    explorer.unit_picker.value = str(PARAMS / "units" / "303001.yaml")
    assert explorer.params.unit == "303001"
    assert [r.fingerprint for r in explorer.rows] == [f.fingerprint for f in _expected("303001")]
    # Both units publish in one document: it was parsed once.
    assert explorer.sources.parses == 1
    unknown = Explorer(PARAMS, "999999", ledger=ledger_file)
    assert unknown.params is not None and unknown.params.unit == "303001"
    assert "没有找到单位 999999" in unknown.message.value


def test_a_broken_unit_file_is_listed_and_reported_without_a_traceback(tmp_path: Path) -> None:
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    shutil.copy(PARAMS / "defaults.yaml", tmp_path / "params" / "defaults.yaml")
    sample = REPO_ROOT / "samples" / "dachang-fgj-2023.txt"
    (units / "100.yaml").write_text(f'unit: "100"\nname: 甲<单位>\nsource: {sample}\n', encoding="utf-8")
    (units / "200.yaml").write_text("unit: [\n", encoding="utf-8")
    (units / "300.yaml").write_text('unit: "300"\nsource: missing.txt\n', encoding="utf-8")
    (units / "400.yaml").write_text(f'unit: "400"\nyear: 2019\nsource: {sample}\n', encoding="utf-8")
    assert [label for label, _ in unit_choices(tmp_path / "params")] == [
        "100 甲<单位>",
        "200.yaml（参数文件有误）",
        "300",
        "400",
    ]
    explorer = Explorer(tmp_path / "params", ledger=tmp_path / "review.sqlite")
    assert explorer.rows
    explorer.unit_picker.value = str(units / "200.yaml")
    assert explorer.params is None and explorer.rows == [] and explorer.finding_list.options == ()
    assert "200.yaml" in explorer.message.value and "YAML" in explorer.message.value
    explorer.unit_picker.value = str(units / "300.yaml")
    assert "公开文件不存在" in explorer.message.value and explorer.rows == []
    explorer.unit_picker.value = str(units / "400.yaml")  # the unit file's year is not the document's
    assert "year 为 2019，但公开文件" in explorer.message.value and explorer.rows == []
    explorer.unit_picker.value = str(units / "100.yaml")
    assert explorer.message.value == "" and explorer.rows
    empty = tmp_path / "empty"
    (empty / "units").mkdir(parents=True)
    assert "没有单位参数文件" in Explorer(empty).message.value


# ------------------------------------------------------------------ filters


def test_severity_filter_shows_only_errors(explorer: Explorer, expected: list[Finding]) -> None:
    explorer.severity_filter.value = ("error",)
    errors = [f for f in expected if f.severity == "error"]
    assert errors and len(errors) < len(expected)
    assert [r.fingerprint for r in explorer.rows] == [f.fingerprint for f in errors]
    assert {row.severity for row in explorer.rows} == {"错误"}
    assert len(explorer.finding_list.options) == len(errors)
    assert f"筛选后显示 {len(errors)} 条" in explorer.summary.value


def test_filters_combine_and_clear(explorer: Explorer, expected: list[Finding]) -> None:
    explorer.category_filter.value = ("indicator", "consistency")
    explorer.severity_filter.value = ("warning",)
    wanted = [f for f in expected if f.category in ("indicator", "consistency") and f.severity == "warning"]
    assert wanted and _codes(explorer) == [f.code for f in wanted]
    explorer.rule_filter.value = ("IN008",)
    assert _codes(explorer) == [f.code for f in wanted if f.code == "IN008"]
    explorer.severity_filter.value = ("info",)
    assert explorer.rows == [] and "没有符合筛选条件" in explorer.detail.value
    explorer.clear_button.click()
    assert len(explorer.rows) == len(expected)
    assert explorer.severity_filter.value == () and explorer.rule_filter.value == ()


def test_pure_filter_and_rows(expected: list[Finding]) -> None:
    reviewed = [ReviewedFinding(f) for f in expected]
    reviewed[0] = ReviewedFinding(expected[0], "已排除", "重复说明", "李四", "2024-01-01T00:00:00+00:00", 1)
    assert filter_findings(reviewed) == reviewed
    assert [r.finding for r in filter_findings(reviewed, statuses=["已排除"])] == [expected[0]]
    assert filter_findings(reviewed, severities=["error"], categories=["indicator"], rules=["RC002"]) == []
    rows = finding_rows(reviewed[:1])
    assert rows[0].status == "已排除" and rows[0].reviewer == "李四"
    assert rows[0].label.startswith(f"{rows[0].severity}｜{expected[0].code}｜第")
    assert "已排除" in rows[0].label
    # A chosen rule that finds nothing any more stays selectable, with a zero count.
    options = rule_options(expected[:1], keep=["ZZ999"])
    assert [code for _, code in options] == sorted({expected[0].code, "ZZ999"})
    assert options[-1][0] == "ZZ999 （0）"


# ------------------------------------------------------------------ sliders


def test_tolerance_slider_recomputes_findings(explorer: Explorer, expected: list[Finding]) -> None:
    relaxed = _expected(rounding_per_term_wan=3.0)
    gone = [f for f in expected if f.category == "reconcile" and f.fingerprint not in {g.fingerprint for g in relaxed}]
    assert gone, "a 3万元-per-term tolerance must silence some reconcile finding on the sample"
    explorer.category_filter.value = ("reconcile",)
    assert {f.fingerprint for f in gone} <= {r.fingerprint for r in explorer.rows}

    explorer.sliders["rounding_per_term_wan"].value = 3.0
    shown = {r.fingerprint for r in explorer.rows}
    assert not shown & {f.fingerprint for f in gone}
    assert shown == {f.fingerprint for f in relaxed if f.category == "reconcile"}
    assert explorer.settings is not None and explorer.settings.tolerance["rounding_per_term_wan"] == 3.0
    assert explorer.sources.parses == 1  # the checks re-ran; the document was not parsed again

    explorer.reset_button.click()
    assert explorer.sliders["rounding_per_term_wan"].value == 0.005
    assert {f.fingerprint for f in gone} <= {r.fingerprint for r in explorer.rows}


def test_threshold_sliders_change_variance_findings_and_table(explorer: Explorer) -> None:
    params = load_unit(PARAMS / "units" / "303001.yaml")
    doc = parse_file(params.sources[0])
    explorer.rule_filter.value = ("VA001",)
    before = len(explorer.rows)
    assert before > 0 and explorer.yoy is not None
    material = int(explorer.yoy["重大变动"].sum())
    explorer.sliders["material_change_pct"].value = 50.0
    assert 0 < len(explorer.rows) < before
    stricter = yoy_table(doc, params.settings.with_overrides(thresholds={"material_change_pct": 50.0}))
    pd.testing.assert_frame_equal(explorer.yoy, stricter)
    assert int(stricter["重大变动"].sum()) < material
    explorer.sliders["material_change_pct"].value = 10.0
    explorer.sliders["material_change_wan"].value = explorer.sliders["material_change_wan"].max
    assert explorer.rows == [] and not explorer.yoy["重大变动"].any()
    assert explorer.rule_filter.value == ("VA001",)  # kept although the rule fell silent
    assert any(code == "VA001" and label.endswith("（0）") for label, code in explorer.rule_filter.options)


def test_settings_helpers() -> None:
    base = load_unit(PARAMS / "units" / "303001.yaml").settings
    assert knob_values(base) == {"rounding_per_term_wan": 0.005, "material_change_pct": 10.0, "material_change_wan": 10.0}
    tuned = tuned_settings(base, {"rounding_per_term_wan": 1.0, "material_change_wan": 50.0})
    assert tuned.tolerance == {**base.tolerance, "rounding_per_term_wan": 1.0}
    assert tuned.thresholds == {**base.thresholds, "material_change_wan": 50.0}
    assert tuned.select == base.select and base.tolerance["rounding_per_term_wan"] == 0.005


# ------------------------------------------------------------------ source view


def test_selecting_a_finding_shows_its_source_lines(explorer: Explorer, expected: list[Finding]) -> None:
    finding = next(f for f in expected if f.code == "RC002")
    assert explorer.finding_list.value is None
    explorer.finding_list.value = finding.fingerprint  # as a click in the list does
    assert explorer.selected is not None and explorer.selected.finding == finding
    lines, _ = read_lines(REPO_ROOT / "samples" / "dachang-fgj-2023.txt")
    text = {line.number: line.text for line in lines}
    view = explorer.source_view.value
    for number in finding.lines:
        assert f">{number}</td>" in view and html.escape(text[number]) in view
    assert view.count('class="ba-evidence"') == len(finding.lines)
    first, last = min(finding.lines), max(finding.lines)
    assert f">{first - 3}</td>" in view and f">{last + 3}</td>" in view
    assert f">{first - 4}</td>" not in view and f">{last + 4}</td>" not in view
    assert finding.code in explorer.detail.value and html.escape(finding.message) in explorer.detail.value
    assert "待复核" in explorer.detail.value


def _finding(evidence: list[tuple[int, int, str]]) -> Finding:
    lines = tuple(sorted({n for a, b, _ in evidence for n in range(a, b + 1)}))
    return Finding(
        code="ZZ001", name="t", category="consistency", severity="info", message="m", expected=None,
        actual=None, unit_code=None, project_code=None, project_name=None, lines=lines,
        evidence=tuple(Evidence(a, b, t) for a, b, t in evidence), fingerprint="0" * 16,
    )


def test_source_excerpt_windows_gaps_and_escaping() -> None:
    lines = [Line(n, f"第{n}行 <b>&</b>") for n in range(1, 41)]
    finding = _finding([(2, 2, "x"), (20, 21, "y")])
    excerpt = source_excerpt(lines, finding, context=3)
    numbers = [item.number if item else None for item in excerpt]
    assert numbers == [1, 2, 3, 4, 5, None, 17, 18, 19, 20, 21, 22, 23, 24]
    assert [item.number for item in excerpt if item and item.evidence] == [2, 20, 21]
    shown = source_html(excerpt, "a<b>.txt")
    assert "<b>&</b>" not in shown and "第2行 &lt;b&gt;&amp;&lt;/b&gt;" in shown
    assert "a&lt;b&gt;.txt" in shown and "⋯" in shown
    cut = source_excerpt(lines, _finding([(1, 40, "t")]), limit=10)
    assert len(cut) == 11 and cut[-1] is None
    assert "没有对应的原文行" in source_html(source_excerpt(lines, _finding([])))


# ------------------------------------------------------------------ review form


def test_recording_a_decision_writes_the_ledger_and_refreshes_status(
    explorer: Explorer, ledger_file: Path, expected: list[Finding]
) -> None:
    finding = next(f for f in expected if f.severity == "error")
    explorer.severity_filter.value = ("error",)
    explorer.select(finding.fingerprint)
    explorer.status_input.value = "已确认"
    explorer.comment_input.value = "与财政批复核对，<确有>差异"
    explorer.reviewer_input.value = "张三"
    explorer.save_button.click()

    with Ledger(ledger_file, create=False) as ledger:
        history = ledger.history(finding.fingerprint)
    assert len(history) == 1
    row = history[0]
    assert (row.unit, row.rule, row.status, row.comment, row.reviewer) == (
        "303001", finding.code, "已确认", "与财政批复核对，<确有>差异", "张三"
    )
    shown = next(r for r in explorer.rows if r.fingerprint == finding.fingerprint)
    assert shown.status == "已确认" and "已确认" in dict(
        (v, k) for k, v in explorer.finding_list.options
    )[finding.fingerprint]
    assert explorer.finding_list.value == finding.fingerprint  # still selected
    assert "已保存" in explorer.form_message.value
    assert "&lt;确有&gt;" in explorer.detail.value and "<确有>" not in explorer.detail.value
    assert "已确认 1" in explorer.summary.value
    explorer.status_filter.value = ("已确认",)
    assert [r.fingerprint for r in explorer.rows] == [finding.fingerprint]

    # A later decision wins; the history lists both.
    explorer.status_input.value = "需补充资料"
    explorer.comment_input.value = "请单位说明结转口径"
    explorer.save_button.click()
    assert explorer.rows == [] and explorer.selected is None  # filtered on 已确认
    explorer.status_filter.value = ()
    explorer.select(finding.fingerprint)
    assert next(r for r in explorer.rows if r.fingerprint == finding.fingerprint).status == "需补充资料"
    assert "复核记录（2 条）" in explorer.detail.value

    # Another explorer on the same ledger sees the current status.
    again = Explorer(PARAMS, ledger=ledger_file)
    assert next(r for r in again.rows if r.fingerprint == finding.fingerprint).status == "需补充资料"


def test_invalid_decisions_are_refused_without_a_row(explorer: Explorer, ledger_file: Path) -> None:
    explorer.save_button.click()
    assert "请先在列表中选择" in explorer.form_message.value
    explorer.select(explorer.rows[0].fingerprint)
    explorer.status_input.value = "已确认"
    explorer.save_button.click()
    assert "复核人不能为空" in explorer.form_message.value
    explorer.reviewer_input.value = "王五"
    explorer.status_input.value = "已排除"
    explorer.comment_input.value = "  "
    explorer.save_button.click()
    assert "理由" in explorer.form_message.value
    if ledger_file.exists():
        with Ledger(ledger_file, create=False) as ledger:
            assert ledger.decisions() == []
    assert set(STATUSES) == set(explorer.status_input.options)


def test_form_follows_the_selection(explorer: Explorer) -> None:
    first, second = explorer.rows[0].fingerprint, explorer.rows[1].fingerprint
    explorer.select(first)
    explorer.reviewer_input.value = "赵六"
    explorer.status_input.value = "已排除"
    explorer.comment_input.value = "模板化表述，不影响预算数"
    explorer.save_button.click()
    explorer.select(second)
    assert explorer.status_input.value == "待复核" and explorer.comment_input.value == ""
    explorer.comment_input.value = "写到一半"
    assert explorer.selected is not None
    explorer.severity_filter.value = (explorer.selected.finding.severity,)
    assert explorer.comment_input.value == "写到一半"  # a redraw keeps what is being typed
    explorer.clear_filters()
    explorer.select(first)
    assert explorer.status_input.value == "已排除" and explorer.comment_input.value == "模板化表述，不影响预算数"
    assert explorer.reviewer_input.value == "赵六"


def test_default_ledger_is_the_units_review_db_or_outputs(tmp_path: Path) -> None:
    for name in ("params", "samples"):
        shutil.copytree(REPO_ROOT / name, tmp_path / name)
    explorer = Explorer(tmp_path / "params")
    assert explorer.ledger_path == tmp_path / "outputs" / "review.sqlite"
    assert not explorer.ledger_path.exists()  # reading does not create the ledger
    explorer.select(explorer.rows[0].fingerprint)
    explorer.reviewer_input.value = "张三"
    explorer.status_input.value = "已确认"
    assert explorer.save_decision() is not None
    assert explorer.ledger_path.is_file()
    unit_file = tmp_path / "params" / "units" / "303004.yaml"
    unit_file.write_text(unit_file.read_text(encoding="utf-8") + "review_db: review/ledger.sqlite\n", encoding="utf-8")
    explorer.unit_picker.value = str(unit_file)
    assert explorer.ledger_path == tmp_path / "review" / "ledger.sqlite"
    assert explorer.ledger_path == ledger_path(load_unit(unit_file))


# ------------------------------------------------------------------ variance and charts


def test_variance_table_and_charts(explorer: Explorer) -> None:
    assert explorer.yoy is not None and not explorer.yoy.empty
    view = explorer.variance_view.value
    assert "本年与上年" in view and html.escape(str(explorer.yoy["项目"].iloc[0])) in view
    assert explorer.chart_box.children == ()  # drawn only when the tab is opened
    explorer.tabs.selected_index = 2
    assert len(explorer.chart_images) == 7
    assert all(bytes(image.value).startswith(b"\x89PNG\r\n\x1a\n") for image in explorer.chart_images)
    assert list(explorer.chart_box.children) == explorer.chart_images
    drawn = explorer.chart_images
    explorer.severity_filter.value = ("error",)  # filters do not change the charts
    assert explorer.chart_images is drawn
    explorer.sliders["material_change_pct"].value = 100.0  # settings do: redrawn while open
    assert explorer.chart_images is not drawn and len(explorer.chart_images) == 7


def test_find_unit() -> None:
    choices = unit_choices(PARAMS)
    assert find_unit(choices, None) == choices[0][1]
    assert find_unit(choices, "303004") == str(PARAMS / "units" / "303004.yaml")
    assert find_unit(choices, PARAMS / "units" / "303004.yaml") == str(PARAMS / "units" / "303004.yaml")
    assert find_unit(choices, "nope") is None and find_unit([], None) is None
    with pytest.raises(InputError):
        load_unit(PARAMS / "units" / "nope.yaml")


# ------------------------------------------------------------------ the notebook


def test_explore_notebook_is_thin_and_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    parameters = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    namespace: dict[str, object] = {}
    exec(parameters[0].source, namespace)  # noqa: S102 (our own notebook)
    assert namespace["params_dir"] == "../params" and namespace["unit"] is None
    assert sum(len(c.source.splitlines()) for c in code) <= 12
    assert "Explorer(" in code[-1].source
    json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_explore_notebook_executes_headless(tmp_path: Path) -> None:
    """The notebook runs top to bottom in a kernel and displays the explorer widget."""
    from nbclient import NotebookClient

    for name in ("notebooks", "params", "samples"):
        shutil.copytree(REPO_ROOT / name, tmp_path / name)
    nb = nbformat.read(tmp_path / "notebooks" / "explore.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"], outputs
    views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) == 1
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    labels = [m["state"].get("_options_labels") for m in state.values() if m["model_name"] == "SelectModel"]
    assert labels and any(label.startswith("错误｜RC002") for label in labels[0])
    assert not (tmp_path / "outputs").exists()  # opening the explorer writes nothing


def test_an_unusable_ledger_is_reported_not_raised(tmp_path: Path) -> None:
    broken = tmp_path / "review.sqlite"
    broken.write_bytes(b"not a database " * 100)
    explorer = Explorer(PARAMS, ledger=broken)
    assert explorer.rows and all(row.status == "待复核" for row in explorer.rows)
    assert "复核记录读取失败" in explorer.message.value
    explorer.select(explorer.rows[0].fingerprint)
    explorer.reviewer_input.value = "张三"
    explorer.status_input.value = "已确认"
    assert explorer.save_decision() is None
    assert "不是可用的复核记录库" in explorer.form_message.value
    assert broken.read_bytes() == b"not a database " * 100


def test_a_unit_value_beyond_a_sliders_range_is_not_clamped(tmp_path: Path, ledger_file: Path) -> None:
    """A unit file with material_change_pct 150 (beyond the slider's 100) and named .yml: the explorer lists it
    and shows the report's findings. Before, it was not listed (only *.yaml), and once renamed the slider
    clamped 150 to 100 and showed a VA002 the report does not have."""
    params = tmp_path / "params"
    (params / "units").mkdir(parents=True)
    text = (PARAMS / "units" / "303001.yaml").read_text(encoding="utf-8")
    source = REPO_ROOT / "samples" / "dachang-fgj-2023.txt"
    text = text.replace("source: samples/dachang-fgj-2023.txt", f"source: {source}")
    (params / "units" / "303001.yml").write_text(text + "thresholds: {material_change_pct: 150}\n", encoding="utf-8")
    explorer = Explorer(params, "303001", ledger=ledger_file)
    assert [label.split(" ")[0] for label, _ in explorer.unit_picker.options] == ["303001"]
    assert explorer.sliders["material_change_pct"].value == 150
    loaded = load_unit(params / "units" / "303001.yml")
    report = run_checks(parse_file(loaded.sources[0]), loaded.settings, loaded.unit)
    assert sorted(row.fingerprint for row in explorer.rows) == sorted(f.fingerprint for f in report)
