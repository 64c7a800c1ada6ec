"""A synthetic corpus of unit budget disclosures, for scale tests and defect recall.

Every document is the bundled real disclosure (``samples/dachang-fgj-2023.txt``) with

* a synthetic identity: county, city and department names, a 6-digit code for the unit
  (and for the sibling unit whose project table the department document also carries),
  new project codes;
* every amount rescaled consistently by a random factor per unit, and the staffing quota
  by a second one, so that a clean synthetic document reconciles exactly as the original
  does: the same error/warning findings on the same lines (``corpus_rewrite.py``);
* the marker 【合成测试数据，非真实公开文件】 in place of the original's blank line 2, so that
  the line count and every line number stay those of the original;
* a seeded random set of injected defects, each a small edit of one or two lines that a
  rule of the catalogue should report (``corpus_defects.py``), recorded in
  ``ground_truth.jsonl`` with the rule code, the edited lines and a description.

The clean document of unit *i* depends only on (seed, i): a corpus made with
``defect_rate=0`` holds the clean versions of another corpus's documents.

Layout of ``OUT``::

    docs/<code>.txt            the documents (UTF-8, LF)
    params/units/<code>.yaml   unit, name, year, source: docs/<code>.txt
    params/defaults.yaml       the repository's defaults (marked synthetic)
    ground_truth.jsonl         one injected defect per line
    corpus.json                seed, N, rate, template and per-unit scale factors

Run (``--recall`` parses and checks every document in-process and prints the recall of
the injected defects; see ``recall.py``)::

    .venv/bin/python benchmarks/make_corpus.py OUT N [--seed S] [--defect-rate R] [--recall]

Write corpora outside the repository or under ``outputs/``; nothing here is committed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from budget_audit.atomic import write_text_atomic
from corpus_defects import Defect, inject
from corpus_rewrite import (
    DEFAULTS,
    REPO,
    CorpusError,
    Identity,
    Template,
    load_template,
    log_uniform,
    mark,
    rename,
    rescale,
)

YAML_MARKER = "# 合成测试数据，非真实公开文件（benchmarks/make_corpus.py 生成）"
DEFAULT_DEFECT_RATE = 0.25
"""Chance that each defect kind is injected into a document (when it has a free target)."""

SCALE_RANGE = (0.3, 3.0)
STAFF_SCALE_RANGE = (0.25, 2.0)

# Synthetic place and department names. Counties are "合成" + 天干 + 地支 (合成甲子县 …),
# obviously fictitious; departments are ordinary county departments (those that the
# template text itself mentions are left out so that a name never collides).
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_DEPARTMENTS = (
    "教育局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "住房和城乡建设局",
    "交通运输局",
    "水务局",
    "农业农村局",
    "文化广电和旅游局",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "林业局",
    "行政审批局",
    "信访局",
    "城市管理综合行政执法局",
    "体育局",
    "档案馆",
    "机关事务服务中心",
)


def _counties() -> list[str]:
    return [f"合成{a}{b}县" for a in _STEMS for b in _BRANCHES]


def make_identities(n: int, seed: int, template: Template) -> list[Identity]:
    """N identities: units fill a county's departments before the next county starts."""
    rng = random.Random(f"{seed}/identities")
    text = "\n".join(template.lines)
    departments = [d for d in _DEPARTMENTS if d not in text]
    counties = _counties()
    if n > len(counties) * len(departments):
        raise ValueError(f"N 最大为 {len(counties) * len(departments)}")
    if len(template.siblings) > 5:
        raise ValueError("模板文件中的预算单位过多")
    # Code = 5 random digits + 1; its siblings end in 4, 5 … (never another unit's code),
    # and never the template's own codes (whose text would then stay as it was).
    taken = {code[:5] for code in (template.unit, *template.siblings)}
    numbers = rng.sample([b for b in range(10_000, 100_000) if str(b) not in taken], n)
    out: list[Identity] = []
    order: list[str] = []
    for i in range(n):
        county_index, slot = divmod(i, len(departments))
        if slot == 0:
            order = rng.sample(departments, len(departments))
        county = counties[county_index]
        base = numbers[i]
        code = f"{base}1"
        siblings = {old: f"{base}{4 + j}" for j, old in enumerate(template.siblings)}
        out.append(
            Identity(
                code=code,
                siblings=siblings,
                city=f"合成{county[2]}市",
                county=county,
                department=order[slot],
                region=f"99{county_index + 1:04d}",
            )
        )
    return out


# --------------------------------------------------------------------------- corpus


@dataclass
class SyntheticUnit:
    identity: Identity
    scale: Decimal
    staff_scale: Decimal
    lines: list[str]
    defects: list[Defect]

    @property
    def code(self) -> str:
        return self.identity.code


def synthesize(
    template: Template, identity: Identity, seed: int, index: int, rate: float
) -> SyntheticUnit:
    """One synthetic unit. The clean document depends only on (seed, index), so a corpus
    made with ``defect_rate=0`` holds the clean versions of another corpus's documents."""
    rng = random.Random(f"{seed}/unit/{index}")
    k = log_uniform(rng, *SCALE_RANGE)
    staff_k = log_uniform(rng, *STAFF_SCALE_RANGE)
    lines = rescale(template, k, staff_k)
    lines = rename(lines, template, identity, rng)
    lines = mark(lines)
    lines, defects = inject(
        template, lines, identity.code, random.Random(f"{seed}/defects/{index}"), rate
    )
    return SyntheticUnit(identity, k, staff_k, lines, defects)


def _params_yaml(unit: SyntheticUnit, year: int) -> str:
    return (
        f"{YAML_MARKER}\n"
        f'unit: "{unit.code}"\n'
        f"name: {unit.identity.name}\n"
        f"year: {year}\n"
        f"source: docs/{unit.code}.txt\n"
    )


def _json_line(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def _clear_previous(out: Path) -> None:
    """Remove the documents and params of a previous corpus in ``out`` (and nothing else)."""
    manifest = out / "corpus.json"
    if not out.exists() or not any(out.iterdir()):
        return
    if not manifest.is_file():
        raise ValueError(f"{out}: 目录非空且不是合成语料目录（没有 corpus.json），不写入")
    previous = json.loads(manifest.read_text(encoding="utf-8"))
    for unit in previous.get("units", []):
        for path in (
            out / "docs" / f"{unit['unit']}.txt",
            out / "params" / "units" / f"{unit['unit']}.yaml",
        ):
            path.unlink(missing_ok=True)


def make_corpus(
    out_dir: Path,
    n: int,
    seed: int = 0,
    defect_rate: float = DEFAULT_DEFECT_RATE,
    template: Template | None = None,
) -> Path:
    """Write N synthetic units into ``out_dir`` (see the module docstring); returns ``out_dir``.

    Deterministic: the same (N, seed, rate) gives byte-identical files.
    """
    if n < 1:
        raise ValueError("N 至少为 1")
    if not 0 <= defect_rate <= 1:
        raise ValueError("defect_rate 应在 0 到 1 之间")
    out = Path(out_dir)
    template = template or load_template()
    _clear_previous(out)
    identities = make_identities(n, seed, template)
    units = [
        synthesize(template, identity, seed, i, defect_rate)
        for i, identity in enumerate(identities)
    ]
    for unit in units:
        write_text_atomic(out / "docs" / f"{unit.code}.txt", "\n".join(unit.lines))
        write_text_atomic(
            out / "params" / "units" / f"{unit.code}.yaml", _params_yaml(unit, template.year)
        )
    write_text_atomic(
        out / "params" / "defaults.yaml", f"{YAML_MARKER}\n{DEFAULTS.read_text(encoding='utf-8')}"
    )
    truth = [_json_line(d.to_json(f"docs/{u.code}.txt")) for u in units for d in u.defects]
    write_text_atomic(out / "ground_truth.jsonl", "".join(line + "\n" for line in truth))
    manifest = {
        "synthetic": True,
        "note": "合成测试数据，非真实公开文件：由 benchmarks/make_corpus.py 从样本文件改写生成",
        "seed": seed,
        "n": n,
        "defect_rate": defect_rate,
        "template": {
            "path": template.path.relative_to(REPO).as_posix()
            if template.path.is_relative_to(REPO)
            else str(template.path),
            "sha256": template.sha256,
            "unit": template.unit,
        },
        "units": [
            {
                "unit": u.code,
                "name": u.identity.name,
                "scale": f"{u.scale:f}",
                "staff_scale": f"{u.staff_scale:f}",
                "defects": len(u.defects),
            }
            for u in units
        ],
    }
    write_text_atomic(
        out / "corpus.json",
        json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n",
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成合成测试语料（由样本文件改写，注入已知问题）")
    parser.add_argument("out", type=Path, help="输出目录（仓库外或 outputs/ 下）")
    parser.add_argument("n", type=int, help="单位数")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--defect-rate",
        type=float,
        default=DEFAULT_DEFECT_RATE,
        help=f"每类问题注入概率（默认 {DEFAULT_DEFECT_RATE}）",
    )
    parser.add_argument(
        "--recall", action="store_true", help="生成后逐个解析检查，报告注入问题的检出率"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        out = make_corpus(args.out, args.n, args.seed, args.defect_rate)
    except (ValueError, CorpusError) as error:
        print(f"make_corpus: {error}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    truth = (out / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines()
    print(
        f"wrote {args.n} synthetic units, {len(truth)} injected defects to {out} in {elapsed:.1f} s"
    )
    if args.recall:
        from recall import GOAL, measure_recall

        report = measure_recall(out)
        print(report.format())
        return 0 if report.recall >= GOAL else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
