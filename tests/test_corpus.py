"""The synthetic corpus (benchmarks/make_corpus.py) and the recall of its injected defects."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.config import load_unit
from budget_audit.parse import parse_file

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from corpus_rewrite import MARKER, load_template  # noqa: E402
from make_corpus import YAML_MARKER, make_corpus  # noqa: E402
from recall import measure_recall  # noqa: E402

SERIOUS = ("error", "warning")


@pytest.fixture(scope="module")
def template():
    return load_template()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, template) -> Path:
    """Three units with every defect kind tried in each (rate 1)."""
    return make_corpus(
        tmp_path_factory.mktemp("corpus") / "c", 3, seed=11, defect_rate=1.0, template=template
    )


@pytest.fixture(scope="module")
def clean(tmp_path_factory, template) -> Path:
    """The same three units without injections."""
    return make_corpus(
        tmp_path_factory.mktemp("clean") / "c", 3, seed=11, defect_rate=0.0, template=template
    )


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _truth(root: Path) -> list[dict]:
    return [
        json.loads(line)
        for line in (root / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines()
    ]


def _findings(params: Path):
    unit = load_unit(params)
    return run_checks(parse_file(unit.sources[0]), unit.settings, unit.unit)


def test_corpus_layout(corpus: Path, template) -> None:
    docs = sorted((corpus / "docs").glob("*.txt"))
    params = sorted((corpus / "params" / "units").glob("*.yaml"))
    assert len(docs) == 3 and len(params) == 3
    assert [p.stem for p in docs] == [p.stem for p in params]
    assert (corpus / "params" / "defaults.yaml").is_file()
    manifest = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True and manifest["n"] == 3
    names = set()
    for path in params:
        unit = load_unit(path)  # valid params; the source resolves to docs/<code>.txt
        assert Path(unit.sources[0]).resolve() == (corpus / "docs" / f"{path.stem}.txt").resolve()
        assert unit.unit == path.stem and len(unit.unit) == 6 and unit.unit.isdigit()
        assert unit.year == template.year
        names.add(unit.name)
        doc = parse_file(unit.sources[0])
        assert [code for code, _ in doc.units()][0] == unit.unit
        assert doc.source.line_count == template.doc.source.line_count  # line count kept
        text = Path(unit.sources[0]).read_text(encoding="utf-8")
        assert "大厂" not in text and "303001" not in text and "131028" not in text
    assert len(names) == 3


def test_corpus_is_deterministic(corpus: Path, tmp_path: Path, template) -> None:
    again = make_corpus(tmp_path / "again", 3, seed=11, defect_rate=1.0, template=template)
    assert _files(again) == _files(corpus)
    other = make_corpus(tmp_path / "other", 3, seed=12, defect_rate=1.0, template=template)
    assert _files(other) != _files(corpus)


def test_every_file_is_marked_synthetic(corpus: Path) -> None:
    for path in (corpus / "docs").glob("*.txt"):
        assert MARKER in path.read_text(encoding="utf-8").split("\n")[:2]
    for path in (corpus / "params").rglob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith(YAML_MARKER)
    assert all(item["synthetic"] is True for item in _truth(corpus))
    assert json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))["synthetic"] is True


def _kind(code: str) -> str:
    """A change without a reason is VA002 when it is material and CP005 when it is not;
    rescaled amounts move it across the 10万元 threshold, the problem stays the same."""
    return "CP005" if code == "VA002" else code


def test_clean_documents_reconcile_like_the_original(clean: Path, template) -> None:
    """Rescaled amounts, new names and codes: the same error/warning findings on the same
    lines as the original sample — no new ones, none lost."""
    assert _truth(clean) == []
    baseline = {(_kind(f.code), f.lines) for f in template.baseline if f.severity in SERIOUS}
    assert any(code.startswith("RC") for code, _ in baseline)  # the sample's own problems
    original = template.doc
    for params in sorted((clean / "params" / "units").glob("*.yaml")):
        doc = parse_file(load_unit(params).sources[0])
        # amounts really changed, consistently
        assert doc.expenditure.total.yuan != original.expenditure.total.yuan
        assert doc.sangong.total.yuan != original.sangong.total.yuan
        assert (
            doc.staffing.total.number != original.staffing.total.number
            or doc.staffing.parts != original.staffing.parts
        )
        found = {(_kind(f.code), f.lines) for f in _findings(params) if f.severity in SERIOUS}
        assert found == baseline


def test_ground_truth_lines_are_exactly_the_edited_lines(corpus: Path, clean: Path) -> None:
    edited: dict[str, set[int]] = defaultdict(set)
    for item in _truth(corpus):
        assert item["lines"] and item["rule"] and item["description"]
        assert item["doc"] == f"docs/{item['unit']}.txt"
        edited[item["unit"]].update(item["lines"])
    for path in sorted((corpus / "docs").glob("*.txt")):
        dirty = path.read_text(encoding="utf-8").split("\n")
        pristine = (clean / "docs" / path.name).read_text(encoding="utf-8").split("\n")
        assert len(dirty) == len(pristine)
        changed = {
            n for n, (a, b) in enumerate(zip(pristine, dirty, strict=True), start=1) if a != b
        }
        assert changed == edited[path.stem]


def test_injections_do_not_overlap_and_are_new(corpus: Path, clean: Path) -> None:
    """Each injected defect is independent: no two share a line, and the expected rule does
    not already fire on those lines in the clean document."""
    truth = _truth(corpus)
    by_unit: dict[str, list[dict]] = defaultdict(list)
    for item in truth:
        by_unit[item["unit"]].append(item)
    for unit, items in by_unit.items():
        lines = [n for item in items for n in item["lines"]]
        assert len(lines) == len(set(lines))
        pristine = _findings(clean / "params" / "units" / f"{unit}.yaml")
        for item in items:
            assert not any(
                f.code == item["rule"] and set(item["lines"]) & set(f.lines) for f in pristine
            ), item


def test_recall_is_complete_on_a_small_corpus(corpus: Path) -> None:
    truth = _truth(corpus)
    assert len({item["rule"] for item in truth}) >= 20  # many kinds, many rules
    report = measure_recall(corpus)
    assert report.units == 3
    assert report.injected == len(truth)
    assert report.detected == report.injected, report.format()
    assert report.recall == 1.0
    assert report.unexplained == 0, report.format()
    assert report.baseline_missing == 0


def test_recall_counts_a_missed_defect(corpus: Path, tmp_path: Path) -> None:
    """A defect that is not in the document is reported as missed (the measure can fail)."""
    copy = tmp_path / "copy"
    for rel, data in _files(corpus).items():
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        (copy / rel).write_bytes(data)
    item = _truth(corpus)[0]
    doc = copy / item["doc"]
    lines = doc.read_text(encoding="utf-8").split("\n")
    free = next(n for n in range(len(lines), 0, -1) if not lines[n - 1].strip())
    fake = {**item, "lines": [free], "description": "not injected"}
    with (copy / "ground_truth.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(fake, ensure_ascii=False) + "\n")
    report = measure_recall(copy)
    assert report.injected == len(_truth(corpus)) + 1
    assert report.detected == report.injected - 1
    assert [m.lines for m in report.missed] == [[free]]


def test_rejects_a_non_corpus_directory(tmp_path: Path, template) -> None:
    (tmp_path / "precious.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(ValueError):
        make_corpus(tmp_path, 1, template=template)
    assert (tmp_path / "precious.txt").read_text(encoding="utf-8") == "keep"


def test_regenerating_removes_the_previous_units(tmp_path: Path, template) -> None:
    out = make_corpus(tmp_path / "c", 3, seed=1, defect_rate=0.0, template=template)
    make_corpus(out, 2, seed=2, defect_rate=0.0, template=template)
    assert len(list((out / "docs").glob("*.txt"))) == 2
    assert len(list((out / "params" / "units").glob("*.yaml"))) == 2
