"""Run parameters: ``params/defaults.yaml`` and ``params/units/<code>.yaml``, validated.

papermill does not validate parameters, so everything is checked here before a run:
an unknown key, a wrong type or a missing source file is an :class:`InputError` that
names the params file and the problem.
"""

from __future__ import annotations

import math
import re
import reprlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .amounts import to_halfwidth
from .errors import (
    BLANK_LETTERS,
    InputError,
    file_problem,
    not_a_file,
    one_line,
    os_reason,
    printable,
)
from .ingest.text import DROPPED, decode

DEFAULT_TOLERANCE: dict[str, float] = {"rounding_per_term_wan": 0.005, "rounding_per_term_yuan": 0.0}
DEFAULT_THRESHOLDS: dict[str, float] = {"material_change_pct": 10.0, "material_change_wan": 10.0}

_SETTINGS_KEYS = {"tolerance", "thresholds", "rules"}
UNIT_ONLY_KEYS = frozenset({"unit", "name", "year", "source", "prior_source", "review_db"})
"""Keys that make a params file a unit file (the rest may also stand in defaults.yaml)."""
_UNIT_KEYS = UNIT_ONLY_KEYS | _SETTINGS_KEYS
_RULES_KEYS = {"select", "ignore", "params"}

UNIT_SUFFIXES = (".yaml", ".yml")
"""Unit files in ``params/units/`` (any case); hidden files are never unit files."""


def is_unit_file_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(UNIT_SUFFIXES)


MAX_UNIT_CODE = 64
"""Longest unit code: it names the unit's output directory (64 CJK characters are 192 of
a file name's 255 bytes)."""

MAX_PARAMS_BYTES = 1024 * 1024
"""Largest params file read (1 MB; real ones are a few hundred bytes)."""


def unit_code_problem(unit: str) -> str | None:
    """Why ``unit`` cannot name an output directory, or None. Letters, digits, CJK, "-"
    and "_" only: no path separators, dots (``..``, ``index.html``, ``manifest.jsonl``
    beside the units), spaces or control characters."""
    kinds = [unicodedata.category(ch) for ch in unit]
    if 0 < len(unit) <= MAX_UNIT_CODE and not set(unit) & BLANK_LETTERS and all(
            ch in "0123456789-_〇" or kind[0] == "L" or kind in ("Mn", "Mc") and i and kinds[i - 1][0] in "LM"
            for i, (ch, kind) in enumerate(zip(unit, kinds, strict=True))):
        return None  # letters with their combining marks, 〇 — not ² nor ٣, which \w takes, nor a blank-looking ㅤ
    return f"unit 只能由字母、数字、汉字、“-”和“_”组成（不超过 {MAX_UNIT_CODE} 个字符），实际为 {_shown(unit)}"


def _shown(value: Any) -> str:
    """``repr`` of a params value for a message, kept short (a YAML alias bomb expands to
    billions of elements when printed in full)."""
    return _REPR.repr(value)


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60
_REPR.maxlist = _REPR.maxdict = _REPR.maxtuple = 4
_REPR.maxlevel = 2


@dataclass(frozen=True)
class Settings:
    """Tolerances, thresholds and rule selection after merging defaults and a unit file."""

    tolerance: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_TOLERANCE))
    thresholds: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def globals(self) -> dict[str, Any]:
        return {**self.tolerance, **self.thresholds}

    def with_overrides(self, **changes: Any) -> Settings:
        values = {
            "tolerance": dict(self.tolerance),
            "thresholds": dict(self.thresholds),
            "select": self.select,
            "ignore": self.ignore,
            "rule_params": {k: dict(v) for k, v in self.rule_params.items()},
        }
        for key, value in changes.items():
            if isinstance(values.get(key), dict) and isinstance(value, Mapping):
                values[key].update(value)
            else:
                values[key] = value
        return Settings(**values)


@dataclass(frozen=True)
class UnitParams:
    """One unit's run: which document(s), which year, and its settings."""

    path: str
    unit: str
    name: str
    year: int | None
    sources: tuple[str, ...]
    prior_source: str | None
    settings: Settings
    review_db: str | None = None


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: Any, line: int) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key, self.line = key, line


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping (YAML keeps the last
    silently; a unit file with two ``unit:`` lines would audit one and name the other)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key; SafeLoader reports it below
                continue
            if duplicate:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read(path: Path) -> str:
    try:
        if path.exists() and not path.is_dir() and (problem := not_a_file(path.stat().st_mode, "参数文件")):
            raise InputError(str(path), problem)
        if path.is_file() and path.stat().st_size > MAX_PARAMS_BYTES:
            raise InputError(str(path), f"参数文件过大（超过 {MAX_PARAMS_BYTES // 1024} KB），不像参数文件")
        return decode(path.read_bytes(), str(path), empty_ok=True).text  # as documents: UTF-8, or GBK (Notepad)
    except FileNotFoundError:
        raise InputError(str(path), "参数文件不存在") from None
    except IsADirectoryError:
        raise InputError(str(path), "参数文件是一个目录") from None
    except OSError as error:
        raise InputError(str(path), f"参数文件无法读取（{os_reason(error)}）") from None


def _load_yaml(path: Path) -> dict[str, Any]:
    text = _read(path)
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except _DuplicateKey as error:
        raise InputError(str(path), f"参数 {error.key} 写了两次（第 {error.line} 行）") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"（第 {mark.line + 1} 行）" if mark is not None else ""
        raise InputError(str(path), f"参数文件不是合法的 YAML{where}{_not_params_hint(path)}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as error:  # e.g. a date 2023-02-30
        raise InputError(str(path), f"参数文件中有无法读取的值（{one_line(str(error), 80)}）") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(str(path), f"参数文件顶层必须是键值映射{_not_params_hint(path)}")
    return data


def _not_params_hint(path: Path) -> str:
    """For a file that is no YAML file by its name (a disclosure given where a params file goes): what to do."""
    if is_unit_file_name(path.name):
        return ""
    return "；这不是 .yaml 参数文件：公开文件本身请作为 budget-audit check 的文件参数给出"


def peek_params(path: Path) -> dict[str, Any]:
    """The raw mapping of a params file, read as :func:`load_unit` reads it, when it is one; else ``{}``, never an
    error (a FIFO is not opened): for telling a unit file from a defaults file, or naming a unit, before loading."""
    try:
        data = yaml.safe_load(_read(path))
    except Exception:  # noqa: BLE001 - a peek only: loading the file reports its problem, with the file named
        return {}
    return data if isinstance(data, dict) else {}


def declared_unit(path: Path, raw: Mapping[str, Any] | None = None) -> str:
    """The unit code a params file declares, as written, else its file name's stem: how a unit that
    cannot be loaded is named (in the manifest, on the dashboard). ``raw``: the file as peeked already."""
    unit = (peek_params(path) if raw is None else raw).get("unit")
    return str(unit).strip() if isinstance(unit, str | int) and str(unit).strip() else path.stem


def _unknown(path: Path, where: str, data: Mapping[Any, Any], known: Iterable[str]) -> None:
    """An error naming the first key of ``data`` (in file order) that is not ``known``."""
    allowed = sorted(known)
    for key in data:
        if key not in allowed:
            raise InputError(str(path), f"未知参数 {where}{key}（可用：{', '.join(allowed)}）")


def _as_written(path: Path, key: str, value: Any) -> str:
    """The text of the top-level scalar ``key`` exactly as the YAML file writes it
    (``value`` as a string when the key comes from elsewhere, e.g. a merge key)."""
    node = yaml.compose(_read(path), Loader=yaml.SafeLoader)
    written = (
        v.value
        for k, v in getattr(node, "value", [])
        if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.ScalarNode)
    )
    return next(written, str(value))


def _non_negative(path: Path, name: str, number: Any) -> float:
    try:
        value = float(number) if isinstance(number, int | float) and not isinstance(number, bool) else math.nan
    except OverflowError:  # an integer of hundreds of digits
        value = math.inf
    if not math.isfinite(value) or value < 0:
        raise InputError(str(path), f"{name} 必须是非负数，实际为 {_shown(number)}")
    return value


def _number_map(path: Path, key: str, value: Any, known: Mapping[str, float]) -> dict[str, float]:
    if not isinstance(value, dict):
        raise InputError(str(path), f"{key} 必须是键值映射")
    _unknown(path, f"{key}.", value, known)
    return {name: _non_negative(path, f"{key}.{name}", number) for name, number in value.items()}


_DOCUMENTED_PARAMETER_RE = re.compile(r"(?m)^\s*([a-z][a-z0-9_]*)\s*—")


def rule_parameters(code: str) -> list[str]:
    """The parameters ``rules.params.<code>`` may set, sorted: the rule's own and the tolerances and thresholds its
    documentation lists under 参数 (RC001: rounding_per_term_wan), which such an override sets for that rule alone."""
    from .checks import REGISTRY
    from .checks.base import parse_doc_sections

    rule_ = REGISTRY[code]
    documented = _DOCUMENTED_PARAMETER_RE.findall(parse_doc_sections(rule_.doc).get("参数", ""))
    shared = {n for n in documented if n in DEFAULT_TOLERANCE or n in DEFAULT_THRESHOLDS}
    return sorted(set(rule_.params) | shared)


def _rules_section(path: Path, value: Any) -> dict[str, Any]:
    from .checks import REGISTRY  # the registry validates codes and parameter names

    if not isinstance(value, dict):
        raise InputError(str(path), "rules 必须是键值映射")
    _unknown(path, "rules.", value, _RULES_KEYS)
    out: dict[str, Any] = {}
    for key in ("select", "ignore"):
        items = value.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise InputError(str(path), f"rules.{key} 必须是规则代码或前缀的列表")
        for item in items:
            if not item.strip():  # "" is the prefix of every code: select: [""] ran all, ignore: [""] none
                raise InputError(str(path), f"rules.{key} 中有空的规则代码")
            if not any(code.startswith(item) for code in REGISTRY):
                raise InputError(str(path), f"rules.{key} 中的 {item} 不匹配任何规则")
        out[key] = tuple(items)
    params = value.get("params") or {}
    if not isinstance(params, dict):
        raise InputError(str(path), "rules.params 必须是 {规则代码: {参数: 值}} 映射")
    for code, overrides in params.items():
        if code not in REGISTRY:
            raise InputError(str(path), f"rules.params 中的规则 {code} 不存在")
        if not isinstance(overrides, dict):
            raise InputError(str(path), f"rules.params.{code} 必须是键值映射")
        allowed = rule_parameters(code)
        for name, number in overrides.items():
            if name not in allowed:
                known = ", ".join(allowed) or "无"
                raise InputError(str(path), f"规则 {code} 没有参数 {name}（可用：{known}）")
            _non_negative(path, f"rules.params.{code}.{name}", number)  # every rule parameter is one
    out["params"] = {code: dict(v) for code, v in params.items()}
    return out


def _apply(path: Path, data: Mapping[str, Any], base: Settings) -> Settings:
    changes: dict[str, Any] = {}
    if "tolerance" in data:
        changes["tolerance"] = _number_map(path, "tolerance", data["tolerance"], DEFAULT_TOLERANCE)
    if "thresholds" in data:
        changes["thresholds"] = _number_map(path, "thresholds", data["thresholds"], DEFAULT_THRESHOLDS)
    if "rules" in data:
        rules = _rules_section(path, data["rules"])
        changes["select"] = rules["select"] or base.select
        changes["ignore"] = base.ignore + rules["ignore"]
        merged = {k: dict(v) for k, v in base.rule_params.items()}
        for code, overrides in rules["params"].items():
            merged.setdefault(code, {}).update(overrides)
        changes["rule_params"] = merged
    settings = base.with_overrides(**changes) if changes else base
    if "rules" in data:
        from .checks import selected_rules

        if not selected_rules(settings):  # a report of no checks would read as a clean bill
            raise InputError(str(path), "rules 的 select 与 ignore 合起来排除了全部检查规则，至少要运行一条")
    return settings


def load_settings(path: str | Path, base: Settings | None = None) -> Settings:
    """A defaults-shaped file (tolerance / thresholds / rules) on top of ``base``."""
    path = Path(path)
    data = _load_yaml(path)
    _unknown(path, "", data, _SETTINGS_KEYS)
    return _apply(path, data, base or Settings())


def project_root(path: Path) -> Path:
    """The directory that holds ``params/`` for a params file, else the file's directory."""
    resolved = path.resolve()
    for parent in resolved.parents:
        if parent.name == "params":
            return parent.parent
    return resolved.parent


def defaults_for(path: Path) -> Path | None:
    """The project's params/defaults.yaml for the unit file ``path``, None when there is none; one that is no file
    (a directory …) is an error, not a file to pass over."""
    candidate = project_root(path) / "params" / "defaults.yaml"
    if problem := file_problem(str(candidate), "默认参数文件", missing=False):
        raise InputError(str(candidate), problem)
    return candidate if candidate.exists() else None


def load_unit(path: str | Path, check_sources: bool = True) -> UnitParams:
    """Load ``params/units/<code>.yaml`` on top of ``params/defaults.yaml``."""
    path = Path(path)
    data = _load_yaml(path)
    _unknown(path, "", data, _UNIT_KEYS)
    unit = data.get("unit")
    if isinstance(unit, int) and not isinstance(unit, bool):
        unit = _as_written(path, "unit", unit)  # 030001 is a code, not YAML's octal number 12289
    if unit is None or unit == "":
        raise InputError(str(path), "缺少 unit（预算单位代码）")
    if not isinstance(unit, str) or not unit.strip():
        raise InputError(str(path), f"unit 必须是预算单位代码（如 \"303001\"），实际为 {_shown(unit)}")
    unit = unicodedata.normalize("NFC", to_halfwidth(unit)).strip()  # ３０３００１ is 303001, e+◌́ is é: one spelling
    problem = unit_code_problem(unit)
    if problem is not None:
        raise InputError(str(path), problem)
    year = data.get("year")
    if isinstance(year, str) and re.fullmatch(r"\d{4}", written := to_halfwidth(year).strip()):
        year = int(written)  # ２０２３ or '2023' is 2023, as ３０３００１ is 303001
    elif isinstance(year, float) and year.is_integer():
        year = int(year)  # 2023.0, as a spreadsheet exports it
    elif isinstance(year, int) and not isinstance(year, bool) and not re.fullmatch(
            r"\d{4}(?:\.0*)?", _as_written(path, "year", year).strip()):
        year = _as_written(path, "year", year)  # YAML 1.1 reads 33:43, 0x7e7 and 2_023 as 2023: no year as written
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2100):
        raise InputError(str(path), f"year 必须是四位年份，实际为 {_shown(year)}")
    name = data.get("name")
    if name is not None and not isinstance(name, str | int):
        raise InputError(str(path), f"name 必须是单位名称（文字），实际为 {_shown(name)}")
    if isinstance(name, str):  # what documents drop (a soft hyphen, a zero-width space pasted from a web page) goes
        name = name.translate(DROPPED)
        if any(unicodedata.category(ch) == "Cc" for ch in name):  # an escape sequence reached the report raw
            raise InputError(str(path), f"name 中有控制字符：{printable(repr(name))}")
    raw_sources = data.get("source")
    if isinstance(raw_sources, str):
        raw_sources = [raw_sources]
    if raw_sources is None or isinstance(raw_sources, list) and all(
            isinstance(s, str) and not s.strip() for s in raw_sources):
        raise InputError(str(path), "缺少 source（公开文件路径）")
    if not isinstance(raw_sources, list) or not all(isinstance(s, str) and s.strip() for s in raw_sources):
        raise InputError(str(path), f"source 必须是公开文件的路径（文字），实际为 {_shown(data.get('source'))}")
    if len(raw_sources) > 1:  # the parser reads one document; more would be left unread
        raise InputError(
            str(path),
            f"source 只能是一个公开文件（给了 {len(raw_sources)} 个）；同一单位的公开内容请合并为一个文本文件",
        )
    for key in ("source", "prior_source", "review_db"):
        values = data.get(key) if isinstance(data.get(key), list) else [data.get(key)]
        if any(isinstance(v, str) and "\0" in v for v in values):
            raise InputError(str(path), f"{key} 中有空字符（\\0），不是有效的文件路径")
        if url := next((v for v in values if isinstance(v, str) and _URL_RE.match(v.strip())), None):
            advice = ("请直接写本地路径（去掉 file://）" if url.strip().lower().startswith("file://")
                      else "请先把文件下载到项目中，再写它的路径")
            raise InputError(str(path), f"{key} 是网址（{_shown(url)}），不是文件路径：{advice}")
    root = project_root(path)
    sources = tuple(_resolve(root, s) for s in raw_sources)
    prior = data.get("prior_source")
    if prior is not None and not isinstance(prior, str):
        raise InputError(str(path), "prior_source 必须是文件路径")
    prior_path = _resolve(root, prior) if prior and prior.strip() else None
    if check_sources:
        for source in [*sources, *([prior_path] if prior_path else [])]:
            if problem := file_problem(source, "公开文件", missing=True):
                raise InputError(str(path), f"{problem}：{source}")
    review_db = data.get("review_db")
    if review_db is not None and (not isinstance(review_db, str) or not review_db.strip()):
        raise InputError(str(path), f"review_db 必须是复核记录文件的路径，实际为 {_shown(review_db)}")
    if review_db is not None and (problem := file_problem(_resolve(root, review_db), "复核记录文件", missing=False)):
        raise InputError(str(path), f"review_db 指向的{problem}：{_resolve(root, review_db)}")
    defaults = defaults_for(path)
    base = load_settings(defaults) if defaults else Settings()
    return UnitParams(
        path=str(path),
        unit=unit,
        name=str(name or ""),
        year=year,
        sources=sources,
        prior_source=prior_path,
        settings=_apply(path, data, base),
        review_db=_resolve(root, review_db) if review_db is not None else None,
    )


def check_years(params: UnitParams, year: int | None, prior_year: int | None) -> None:
    """The documents must be the ones the unit file says: ``year`` is the budget year read
    from the unit's document, ``prior_year`` that of its ``prior_source`` (None: unknown
    or not given). A mismatch — a unit file pointing at another year's document — is the
    user's error: the report would carry one year in its title and audit another."""
    if params.year is not None and year is not None and year != params.year:
        raise InputError(
            params.path, f"year 为 {params.year}，但公开文件 {params.sources[0]} 是 {year} 年的"
        )
    expected = (params.year or year or 0) - 1
    if prior_year is not None and expected > 0 and prior_year != expected:
        raise InputError(
            params.path,
            f"prior_source {params.prior_source} 是 {prior_year} 年的，上年文件应为 {expected} 年的",
        )


#: A URL given where a file path goes (https://…, file:///…): it would be looked up as a relative path.
_URL_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def _resolve(root: Path, value: str) -> str:
    candidate = Path(value)
    return str(candidate if candidate.is_absolute() else root / candidate)
