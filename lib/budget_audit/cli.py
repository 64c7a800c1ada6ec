"""``budget-audit`` command line. User errors: one line on stderr, exit code 2."""

from __future__ import annotations

import argparse
import re
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn, TextIO

from . import __version__
from .config import (
    UNIT_ONLY_KEYS,
    Settings,
    UnitParams,
    check_years,
    load_settings,
    load_unit,
    peek_params,
    unit_code_problem,
)
from .errors import InputError, os_reason, write_utf8
from .interrupts import Terminated, keep_lost_interrupts, on_sigterm
from .jsonio import dumps
from .model import Disclosure
from .parse import parse_file

EXIT_USER_ERROR = 2
EXIT_RUN_FAILED = 1
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM


def _write(text: str) -> None:
    """Write UTF-8 whatever the console's encoding (a GBK console gets UTF-8 too).

    A path that is not valid UTF-8 (a GBK file name from a zip) is shown with ``\\x..``
    escapes rather than failing the whole output; a stdout that cannot be written (closed,
    disk full) is the user's error, not a traceback.
    """
    if sys.stdout is None:
        raise InputError("标准输出", "已关闭，无法写出结果")
    try:
        write_utf8(sys.stdout, text)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise InputError("标准输出", f"无法写出结果（{os_reason(error)}）") from None


def _document(path: str) -> Disclosure:
    """The disclosure at ``path``; a params file given in its place is named as such, as is ``-`` (no file)."""
    if path == "-":
        raise InputError(path, "不支持从标准输入读取，请给出公开文件的路径")
    try:
        return parse_file(path)
    except InputError as error:
        if Path(path).suffix.lower() in (".yaml", ".yml"):
            raise InputError(
                error.path, f"{error.reason}。这像是参数文件：公开文件写在前面，参数文件用 --params 指定"
            ) from None
        raise


def _cmd_parse(args: argparse.Namespace) -> int:
    doc = _document(args.file)
    _write(dumps(doc))
    return 0


def _params(path: str | None) -> tuple[Settings, UnitParams | None]:
    """``--params`` may be a unit file (params/units/<code>.yaml) or a defaults-shaped file."""
    if path is None:
        return Settings(), None
    head = peek_params(Path(path))
    if UNIT_ONLY_KEYS & set(head):
        unit = load_unit(path, check_sources=False)
        return unit.settings, unit
    return load_settings(path), None


def _cmd_check(args: argparse.Namespace) -> int:
    from .publisher import name_not_matching, unit_not_listed
    from .results import check_document, to_csv, to_json, to_table

    settings, unit = _params(args.params)
    doc = _document(args.file)
    prior = None
    if unit is not None and unit.prior_source and _same_file(args.file, unit.sources[0]):
        prior = _document(str(unit.prior_source))  # the unit's own document: held against last year's (VA003)
    if unit is not None:
        check_years(replace(unit, sources=(args.file,)), doc.year, prior.year if prior else None)
    code = args.unit or (unit.unit if unit else None)
    result = check_document(doc, settings, code, prior)
    render = {"json": to_json, "csv": to_csv, "table": to_table}[args.format]
    _write(render(result))
    if (absent := unit_not_listed(doc, code)) is not None:
        _note(f"提示：{absent}")
    elif unit is not None and (mismatch := name_not_matching(doc, code, unit.name)) is not None:
        _note(f"提示：{mismatch}")
    return 0


def _note(text: str) -> None:
    """One line on stderr (:func:`budget_audit.errors.to_stderr`)."""
    from .errors import to_stderr

    to_stderr(f"budget-audit: {text}")


def _same_file(one: str | Path, other: str | Path) -> bool:
    try:
        return Path(one).resolve() == Path(other).resolve()
    except OSError:
        return False


def _cmd_rules(args: argparse.Namespace) -> int:
    from .rules_doc import rules_markdown, rules_text

    _write(rules_markdown() if args.markdown else rules_text())
    return 0


#: The notebook of the project this library is installed from (an editable or source install).
OWN_NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "unit_audit.ipynb"


def _notebook(args: argparse.Namespace, root: Path) -> Path:
    """``--notebook``, else the project's notebooks/unit_audit.ipynb, else — params kept outside a project
    (/tmp/audit/303001.yaml) — the notebook of the project this library comes from, if there is one."""
    if args.notebook:
        return Path(args.notebook)
    project = root / "notebooks" / "unit_audit.ipynb"
    return OWN_NOTEBOOK if not project.is_file() and OWN_NOTEBOOK.is_file() else project


def _cmd_run(args: argparse.Namespace) -> int:
    from .workdirs import private_config_dirs

    private_config_dirs()  # an unwritable HOME: no matplotlib or IPython warnings beside the one line
    from . import lean_imports  # noqa: F401 - before the notebook runner is imported
    from .config import project_root
    from .render import RenderError, run_unit

    unit = load_unit(args.params)
    root = project_root(Path(args.params))
    notebook = _notebook(args, root)
    output = Path(args.output) if args.output else root / "outputs"
    _write("")  # a closed (or /dev/full) stdout is refused before the kernel starts
    try:
        result = run_unit(unit, notebook, output)
    except RenderError as error:
        _note(f"{args.params}: {error}")  # one line: a newline in the file name is escaped
        return EXIT_RUN_FAILED
    lines = [*map(str, result.files), f"报告：{result.html_path}（用时 {result.duration_s:.1f} 秒）"]
    _write("".join(f"{line}\n" for line in lines))
    return 0


def _cmd_review_export(args: argparse.Namespace) -> int:
    from .review import Ledger, export_csv, same_file, unit_ledger_path, write_export

    db = Path(args.db) if args.db else unit_ledger_path(args.unit)
    if args.output and same_file(args.output, db):
        raise InputError(args.output, "输出文件不能是复核记录库本身")
    suffix = Path(args.output).suffix.lower() if args.output else ""
    if args.format is None and suffix not in ("", ".csv", ".xlsx", ".txt"):
        raise InputError(args.output, f"不知道以什么格式导出“{suffix}”文件：请用 .csv 或 .xlsx，或用 --format 指定")
    fmt = args.format or ("xlsx" if suffix == ".xlsx" else "csv")
    if fmt == "xlsx" and not args.output:
        raise InputError("review export", "xlsx 格式需要用 -o 指定输出文件")
    with Ledger(db, create=False) as ledger:
        frame = ledger.export(args.unit)
    if not args.output:
        _write(export_csv(frame))
        return 0
    path = write_export(frame, args.output, fmt)
    _write(f"已导出 {len(frame)} 条复核记录：{path}\n")
    return 0


def _cmd_review_set(args: argparse.Namespace) -> int:
    from .checks import REGISTRY
    from .review import Ledger, ReviewError, find_finding, unit_ledger_path, validate_decision

    try:  # everything that can be checked before the ledger is opened (or created)
        fingerprint = validate_decision(args.fingerprint, "-", "-", args.status, args.comment, args.reviewer)[0]
    except ReviewError as error:
        raise InputError("review set", str(error)) from None
    unit, rule = args.unit, args.rule
    found = find_finding(fingerprint, args.outputs)
    if found is not None and (unit or found[0], rule or found[1]) != found:
        raise InputError("review set", f"指纹 {fingerprint} 是单位 {found[0]} 规则 {found[1]} 的问题，"
                         f"与所给的{'单位 ' + unit if unit and unit != found[0] else '规则 ' + str(rule)}不符")
    if not unit or not rule:
        if found is None:
            raise InputError(
                args.outputs,
                f"找不到指纹 {fingerprint} 对应的问题（请用 --unit 和 --rule 指定）",
            )
        unit, rule = unit or found[0], rule or found[1]
    if rule not in REGISTRY:
        raise InputError("review set", f"规则 {rule} 不存在")
    root = Path(args.outputs).resolve().parent  # the project whose outputs these are
    if not args.db and not (root / "params" / "units").is_dir():
        raise InputError(args.outputs, f"找不到项目：{root} 下没有 params/units，无从确定复核记录库"
                         "（请在项目根目录运行，或用 --outputs 指定项目的 outputs 目录，或用 --db 指定复核记录库）")
    db = Path(args.db) if args.db else unit_ledger_path(unit, root)
    if args.db and not db.parent.exists():  # a mistyped --db would start a second audit trail
        raise InputError(str(db), "复核记录库所在的目录不存在（--db 路径有误？新的复核记录库只在已有目录中创建）")
    with Ledger(db) as ledger:
        try:
            decision = ledger.record(fingerprint, unit, rule, args.status, args.comment, args.reviewer)
        except ReviewError as error:
            raise InputError(str(db), str(error)) from None
    _write(
        f"已记录 #{decision.id}：{decision.fingerprint}（{decision.unit} {decision.rule}）"
        f" → {decision.status}（复核人 {decision.reviewer}；复核记录库 {db}）\n"
    )
    if found is None:  # a mistyped fingerprint would wait in the ledger for a finding that never comes
        _note(f"提示：{args.outputs} 中没有指纹为 {fingerprint} 的问题（指纹有误，或该单位尚未运行）；决定已照记")
    return 0


def _non_empty(what: str) -> Callable[[str], str]:
    """An argument type refusing an empty value: a path (``run ""`` would name the working directory) or a unit code
    (``--unit ""``: :func:`_unit_code`)."""

    def given(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"{what}为空")
        return text

    return given


_path = _non_empty("路径")


def _unit_code(text: str) -> str:
    """A unit code as params files allow one (:func:`~budget_audit.config.unit_code_problem`): not empty, nor
    blank-looking or invisible (ㅤ, U+200B) — each would silently name no unit at all."""
    if not text.strip():
        raise argparse.ArgumentTypeError("单位代码为空")
    if (problem := unit_code_problem(text)) is not None:
        raise argparse.ArgumentTypeError("单位代码" + problem.removeprefix("unit "))
    return text


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"必须是正整数：{text}")
    return value


def _cmd_batch(args: argparse.Namespace) -> int:
    from .workdirs import private_config_dirs

    private_config_dirs()  # an unwritable HOME; before workers and kernels start: they inherit the environment
    from .batch import BatchUsageError, run_batch

    params_dir = Path(args.params_dir)
    root = params_dir.resolve().parent
    notebook = _notebook(args, root)
    output = Path(args.output) if args.output else root / "outputs"
    try:
        summary = run_batch(
            params_dir, output, notebook, jobs=args.jobs, executor=args.executor,
            scheduler=args.scheduler, force=args.force,
        )
    except BatchUsageError as error:
        _note(str(error))
        return EXIT_USER_ERROR
    _write(summary.report())
    return summary.exit_code


#: argparse's messages for a wrong command line, in Chinese (others are shown as argparse words them).
_USAGE_MESSAGES = [
    (re.compile(r"the following arguments are required: (.+)"), "缺少参数：{0}"),
    (re.compile(r"unrecognized arguments: (.*)"), "无法识别的参数：{0}"),
    (re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"), "参数 {0} 的取值 {1} 无效（可选：{2}）"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面需要一个值"),
    (re.compile(r"argument (\S+): (.+)"), "参数 {0}：{1}"),
]


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "用法：")


class _Parser(argparse.ArgumentParser):
    """argparse in Chinese: its error line, the usage line's prefix, the help's headings and the -h option.
    Help, usage and error lines are written as UTF-8 like every other output (argparse's own
    ``file.write`` failed with UnicodeEncodeError on an ascii or latin-1 console)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title, self._optionals.title = "位置参数", "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def _print_message(self, message: str, file: TextIO | None = None) -> None:
        stream = file or sys.stderr
        if message and stream is not None:
            try:
                write_utf8(stream, message)
            except (OSError, ValueError):  # closed or full: argparse passes over it too
                pass

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in _USAGE_MESSAGES:
            if found := pattern.fullmatch(message):
                message = chinese.format(*(group or '""' for group in found.groups()))  # an empty argument shown
                break
        if sys.stderr is not None:  # closed (2>&-): argparse would print the usage to stdout instead
            self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"{self.prog}: 命令行有误：{message}（用 {self.prog} -h 查看用法）\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="budget-audit", description="预算公开审计工作簿")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令", title="命令")
    p = sub.add_parser("parse", help="解析公开文件，输出结构化 JSON")
    p.add_argument("file", type=_path, metavar="文件", help="公开文件（.txt）")
    p.add_argument("--format", choices=["json"], default="json", help="输出格式（默认 json）")
    p.set_defaults(func=_cmd_parse)
    c = sub.add_parser("check", help="运行检查规则，输出发现的问题")
    c.add_argument("file", type=_path, metavar="文件", help="公开文件（.txt）")
    c.add_argument("--params", type=_path, metavar="参数文件", help="参数文件（params/defaults.yaml 或 params/units/<代码>.yaml）")
    c.add_argument("--unit", type=_unit_code, metavar="单位代码", help="只保留该预算单位代码的项目问题")
    c.add_argument("--format", choices=["json", "table", "csv"], default="json",
                   help="输出格式：json（默认）、table（终端表格）或 csv（供 Excel 打开）")
    c.set_defaults(func=_cmd_check)
    u = sub.add_parser("run", help="为一个预算单位执行审计笔记本并生成 HTML 报告")
    u.add_argument("params", type=_path, metavar="参数文件", help="params/units/<代码>.yaml")
    u.add_argument("--notebook", type=_path, metavar="笔记本", help="笔记本（默认 notebooks/unit_audit.ipynb）")
    u.add_argument("--output", type=_path, metavar="输出目录", help="输出目录（默认 outputs/）")
    u.set_defaults(func=_cmd_run)
    v = sub.add_parser("review", help="复核记录：导出或记录复核决定")
    vsub = v.add_subparsers(dest="review_command", required=True, metavar="复核命令", title="复核命令")
    db_help = "复核记录库（默认：该单位参数中的 review_db，否则 outputs/review.sqlite）"
    ve = vsub.add_parser("export", help="导出全部复核记录（含历史）为 CSV 或 XLSX")
    ve.add_argument("--unit", type=_unit_code, metavar="单位代码", help="只导出该预算单位的记录")
    ve.add_argument("--db", type=_path, metavar="复核库", help=db_help)
    ve.add_argument("--format", choices=["csv", "xlsx"], help="默认按 -o 的扩展名，否则 csv")
    ve.add_argument("-o", "--output", type=_path, metavar="输出文件", help="输出文件（不给则 CSV 输出到标准输出）")
    ve.set_defaults(func=_cmd_review_export)
    vs = vsub.add_parser("set", help="为一条问题记录复核决定（追加，不修改旧记录）")
    vs.add_argument("fingerprint", metavar="指纹", help="问题指纹（报告和问题清单中的 16 位十六进制）")
    vs.add_argument("--status", required=True, metavar="状态", help="待复核、已确认、已排除 或 需补充资料")
    vs.add_argument("--comment", default="", metavar="意见", help="复核意见")
    vs.add_argument("--reviewer", required=True, metavar="复核人", help="复核人")
    vs.add_argument("--unit", type=_unit_code, metavar="单位代码", help="预算单位代码（默认从 outputs/ 下的问题清单查找）")
    vs.add_argument("--rule", metavar="规则代码", help="规则代码（默认从 outputs/ 下的问题清单查找）")
    vs.add_argument("--db", type=_path, metavar="复核库", help=db_help)
    vs.add_argument("--outputs", type=_path, default="outputs", metavar="输出目录", help="查找问题清单的输出目录（默认 outputs/）")
    vs.set_defaults(func=_cmd_review_set)
    b = sub.add_parser("batch", help="批量运行全部预算单位（并行、增量），生成总览页")
    b.add_argument("params_dir", nargs="?", type=_path, default="params", metavar="参数目录", help="参数目录（默认 params/，读取其中 units/*.yaml）")
    b.add_argument("-j", "--jobs", type=_positive, metavar="并行数", help="并行数（默认 CPU 核数）")
    b.add_argument("--executor", choices=["local", "dask"], default="local", help="执行器：本机进程池或 Dask")
    b.add_argument("--scheduler", metavar="地址", help="Dask 调度器地址（不给则启动本机 LocalCluster）")
    b.add_argument("--force", action="store_true", help="忽略缓存，全部重新运行")
    b.add_argument("--notebook", type=_path, metavar="笔记本", help="笔记本（默认 notebooks/unit_audit.ipynb）")
    b.add_argument("--output", type=_path, metavar="输出目录", help="输出目录（默认 outputs/）")
    b.set_defaults(func=_cmd_batch)
    r = sub.add_parser("rules", help="列出检查规则目录")
    r.add_argument("--markdown", action="store_true", help="输出 docs/rules.md 的内容")
    r.set_defaults(func=_cmd_rules)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, on_sigterm)
    keep_lost_interrupts()
    try:
        return func(args)
    except InputError as error:
        _note(str(error))
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt as stop:  # Ctrl-C: nothing half-written is published (atomic moves)
        _note("已中断")
        return EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
