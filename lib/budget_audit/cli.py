"""``budget-audit`` command line. User errors: one line on stderr, exit code 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from . import __version__
from .config import Settings, load_settings, load_unit
from .errors import InputError
from .jsonio import dumps
from .parse import parse_file

EXIT_USER_ERROR = 2
EXIT_RUN_FAILED = 1


def _write(text: str) -> None:
    """Write UTF-8 whatever the console's encoding (a GBK console gets UTF-8 too)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _cmd_parse(args: argparse.Namespace) -> int:
    doc = parse_file(args.file)
    _write(dumps(doc))
    return 0


def _settings(path: str | None) -> tuple[Settings, str | None]:
    """``--params`` may be a unit file (params/units/<code>.yaml) or a defaults-shaped file."""
    if path is None:
        return Settings(), None
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            head = yaml.safe_load(handle)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        head = None  # load_settings reports the problem with the file named
    if isinstance(head, dict) and "unit" in head:
        unit = load_unit(path, check_sources=False)
        return unit.settings, unit.unit
    return load_settings(path), None


def _cmd_check(args: argparse.Namespace) -> int:
    from .results import check_document, to_csv, to_json, to_table

    settings, unit = _settings(args.params)
    doc = parse_file(args.file)
    result = check_document(doc, settings, args.unit or unit)
    render = {"json": to_json, "csv": to_csv, "table": to_table}[args.format]
    _write(render(result))
    return 0


def _cmd_rules(args: argparse.Namespace) -> int:
    from .rules_doc import rules_markdown, rules_text

    _write(rules_markdown() if args.markdown else rules_text())
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .config import project_root
    from .render import RenderError, run_unit

    unit = load_unit(args.params)
    root = project_root(Path(args.params))
    notebook = Path(args.notebook) if args.notebook else root / "notebooks" / "unit_audit.ipynb"
    output = Path(args.output) if args.output else root / "outputs"
    try:
        result = run_unit(unit, notebook, output)
    except RenderError as error:
        print(f"budget-audit: {args.params}: {error}", file=sys.stderr)
        return EXIT_RUN_FAILED
    for path in result.files:
        print(path)
    print(f"报告：{result.html_path}（用时 {result.duration_s:.1f} 秒）")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="budget-audit", description="预算公开审计工作簿")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="解析公开文件，输出结构化 JSON")
    p.add_argument("file")
    p.add_argument("--format", choices=["json"], default="json")
    p.set_defaults(func=_cmd_parse)
    c = sub.add_parser("check", help="运行检查规则，输出发现的问题")
    c.add_argument("file")
    c.add_argument("--params", help="参数文件（params/defaults.yaml 或 params/units/<代码>.yaml）")
    c.add_argument("--unit", help="只保留该预算单位代码的项目问题")
    c.add_argument("--format", choices=["json", "table", "csv"], default="json")
    c.set_defaults(func=_cmd_check)
    u = sub.add_parser("run", help="为一个预算单位执行审计笔记本并生成 HTML 报告")
    u.add_argument("params", help="params/units/<代码>.yaml")
    u.add_argument("--notebook", help="笔记本（默认 notebooks/unit_audit.ipynb）")
    u.add_argument("--output", help="输出目录（默认 outputs/）")
    u.set_defaults(func=_cmd_run)
    r = sub.add_parser("rules", help="列出检查规则目录")
    r.add_argument("--markdown", action="store_true", help="输出 docs/rules.md 的内容")
    r.set_defaults(func=_cmd_rules)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except InputError as error:
        print(f"budget-audit: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
