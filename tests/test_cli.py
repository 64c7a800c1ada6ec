"""``budget-audit parse``: UTF-8 JSON with Chinese unescaped and sorted keys; user errors
are one line on stderr with exit code 2."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from budget_audit.cli import main


def _keys_sorted(obj: Any) -> bool:
    if isinstance(obj, dict):
        return list(obj) == sorted(obj) and all(_keys_sorted(v) for v in obj.values())
    if isinstance(obj, list):
        return all(_keys_sorted(v) for v in obj)
    return True


def test_parse_prints_json(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["parse", str(sample_path)])
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""
    data = json.loads(out)
    assert data["year"] == 2023
    assert len(data["projects"]) == 25
    assert data["income"]["total"]["value"]["yuan"] == "57280700.00"  # Decimal as string
    # Chinese written as is, not \\u-escaped
    assert "大厂回族自治县发展和改革局" in out
    assert "\\u" not in out
    assert _keys_sorted(data)
    assert out == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def test_parse_stdout_is_utf8_bytes(sample_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "budget_audit.cli", "parse", str(sample_path)],
        capture_output=True,
        check=True,
    )
    assert "大厂回族自治县".encode() in result.stdout
    assert json.loads(result.stdout.decode("utf-8"))["kind"] == "预算"
    assert result.stderr == b""


def test_parse_stdout_is_utf8_whatever_the_console_encoding(sample_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    result = subprocess.run(
        [sys.executable, "-m", "budget_audit.cli", "parse", str(sample_path)],
        capture_output=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-300:]
    assert "大厂回族自治县".encode() in result.stdout


#: A console that cannot encode Chinese: an ascii locale without Python's UTF-8 mode or locale coercion.
ASCII_CONSOLE = {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}


@pytest.mark.parametrize("console", [{"PYTHONIOENCODING": "ascii"}, ASCII_CONSOLE], ids=["ioencoding", "locale"])
@pytest.mark.parametrize(("argv", "words"), [(["-h"], "预算公开审计工作簿"), (["check", "-h"], "参数文件"),
                                             (["batch", "--help"], "并行数"), (["review", "set", "-h"], "复核人")])
def test_help_is_utf8_whatever_the_console_encoding(console: dict[str, str], argv: list[str], words: str) -> None:
    """Help goes through the UTF-8 writer like results (before: UnicodeEncodeError in argparse, exit 1)."""
    result = subprocess.run([sys.executable, "-m", "budget_audit.cli", *argv], capture_output=True,
                            env={**os.environ, **console})  # fmt: skip
    assert result.returncode == 0 and result.stderr == b"", result.stderr.decode("utf-8", "replace")[-300:]
    help_text = result.stdout.decode("utf-8")
    assert help_text.startswith("用法：budget-audit") and words in help_text
    # argparse's own words in Chinese too (a reviewer's find: usage:, options:, show this help message and exit)
    assert "选项" in help_text and "显示本帮助并退出" in help_text and "usage" not in help_text and "options" not in help_text


@pytest.mark.parametrize("console", [{"PYTHONIOENCODING": "ascii"}, ASCII_CONSOLE], ids=["ioencoding", "locale"])
def test_a_usage_error_is_utf8_whatever_the_console_encoding(console: dict[str, str]) -> None:
    result = subprocess.run([sys.executable, "-m", "budget_audit.cli", "check"], capture_output=True,
                            env={**os.environ, **console})  # fmt: skip
    assert result.returncode == 2 and result.stdout == b""
    err = result.stderr.decode("utf-8")
    assert err.startswith("用法：budget-audit check") and err.count("\n") == 4, err
    assert err.endswith("budget-audit check: 命令行有误：缺少参数：文件（用 budget-audit check -h 查看用法）\n")


@pytest.mark.parametrize("encoding", ["ascii", "gb18030", "latin-1"])
def test_messages_are_utf8_like_stdout_whatever_the_console_encoding(encoding: str, tmp_path: Path) -> None:
    """One policy for both streams (before: \\u6587… escapes on an ascii console, GB18030 beside a UTF-8 stdout)."""
    missing = tmp_path / "missing.txt"
    result = subprocess.run([sys.executable, "-m", "budget_audit.cli", "check", str(missing)], capture_output=True,
                            env={**os.environ, "PYTHONIOENCODING": encoding})  # fmt: skip
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr == f"budget-audit: {missing}: 文件不存在\n".encode()


@pytest.mark.parametrize("encoding", ["ascii", "gb18030"])
def test_the_stderr_writers_write_utf8_bytes(encoding: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """errors.to_stderr and the stream the batch's progress bar writes to; a closed stderr is passed over."""
    import io

    from budget_audit.errors import Utf8Stderr, to_stderr

    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(raw, encoding=encoding, write_through=True))
    to_stderr("budget-audit: 文件不存在\n下一行")
    Utf8Stderr().write("批量审计 1/2")
    assert raw.getvalue() == "budget-audit: 文件不存在\\n下一行\n批量审计 1/2".encode()
    sys.stderr.close()
    to_stderr("已关闭")
    Utf8Stderr().write("已关闭")
    monkeypatch.setattr(sys, "stderr", None)
    to_stderr("已关闭")
    Utf8Stderr().write("已关闭")


def test_usage_errors_name_no_internal_words(capsys: pytest.CaptureFixture[str]) -> None:
    """The next round (a reviewer's): `rules --markdown ""` said unrecognized arguments in English, a missing command
    was named by its internal name (command, review_command), `check --unit ""` meant no unit at all."""
    for argv, said in ((["rules", "--markdown", ""], '无法识别的参数：""'), ([], "缺少参数：命令"),
                       (["review"], "缺少参数：复核命令"), (["check", "x.txt", "--unit", ""], "单位代码为空"),
                       (["check"], "缺少参数：文件"), (["run"], "缺少参数：参数文件"),
                       (["review", "export", "--unit", ""], "单位代码为空")):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        err = capsys.readouterr().err
        assert stop.value.code == 2 and said in err and "command" not in err and "unrecognized" not in err, err
        assert "file" not in err.split("\n")[-2] and "params" not in err.split("\n")[-2], err


@pytest.mark.parametrize("argv", [["check", ""], ["parse", " "], ["check", "x.txt", "--params", ""], ["run", ""],
                                  ["batch", ""], ["batch", "--output", ""], ["review", "export", "--db", ""],
                                  ["review", "set", "0123456789abcdef", "--status", "已确认", "--reviewer", "张三",
                                   "--outputs", ""]])
def test_an_empty_path_is_said_so(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """`check ""` printed "budget-audit: : 文件不存在", `run ""` "参数文件是一个目录" (the working directory), `batch ""`
    looked for ./units, `review export --db ""` used the default ledger (reviewers' finds)."""
    with pytest.raises(SystemExit) as stop:
        main(argv)
    out, err = capsys.readouterr()
    assert stop.value.code == 2 and out == "" and "路径为空" in err and "Traceback" not in err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "不存在.txt"
    code = main(["parse", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n")
    assert str(path) in err
    assert "文件不存在" in err
    assert "Traceback" not in err


def test_missing_file_through_the_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("budget-audit")
    if not script.exists():
        pytest.skip("console script not installed next to the interpreter")
    path = tmp_path / "missing.txt"
    result = subprocess.run([str(script), "parse", str(path)], capture_output=True)
    assert result.returncode == 2
    assert result.stdout == b""
    stderr = result.stderr.decode("utf-8")
    assert len(stderr.splitlines()) == 1
    assert str(path) in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize("command", ["run", "batch"])
def test_a_project_without_the_notebook_names_the_option(
    command: str, sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Params kept outside the repository have no notebooks/ beside them and — the library installed from
    elsewhere — no notebook of its project either: say --notebook."""
    monkeypatch.setattr("budget_audit.cli.OWN_NOTEBOOK", tmp_path / "installed" / "unit_audit.ipynb")
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    unit_file = units / "303001.yaml"
    unit_file.write_text(f"unit: '303001'\nyear: 2023\nsource: {sample_path}\n", encoding="utf-8")
    target = unit_file if command == "run" else tmp_path / "params"
    code = main([command, str(target), "--output", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--notebook" in err
    assert str(tmp_path / "notebooks" / "unit_audit.ipynb") in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("argv", "line"), [
    (["parse"], "budget-audit parse: 命令行有误：缺少参数：文件（用 budget-audit parse -h 查看用法）"),
    (["frob"], "budget-audit: 命令行有误：参数 命令 的取值 'frob' 无效（可选：'parse', 'check', 'run', 'review', "
               "'batch', 'rules'）（用 budget-audit -h 查看用法）"),
    (["check", "x.txt", "--bogus"], "budget-audit: 命令行有误：无法识别的参数：--bogus（用 budget-audit -h 查看用法）"),
    (["check", "x.txt", "--format"], "budget-audit check: 命令行有误：参数 --format 后面需要一个值（用 budget-audit check -h 查看用法）"),
])
def test_usage_error_is_exit_2_in_chinese(capsys: pytest.CaptureFixture[str], argv: list[str], line: str) -> None:
    """argparse's usage line, then its error in Chinese (before: "error: the following arguments are required: file")."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert err.startswith("用法：") and err.endswith(f"\n{line}\n")


def test_a_disclosure_given_as_params_says_what_to_do(capsys: pytest.CaptureFixture[str], sample_path: Path) -> None:
    code = main(["run", str(sample_path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "这不是 .yaml 参数文件：公开文件本身请作为 budget-audit check 的文件参数给出" in err


def test_notebook_commands_leave_out_the_slow_iri_checker() -> None:
    """run/batch (lean_imports) mark rfc3987_syntax absent before nbformat is imported:
    jsonschema then skips its "iri" format checkers (~0.7 s of parser compilation) and
    notebooks still validate. The module is installed here (JupyterLab brings it), so
    without the skip nbformat would import it and lark with it."""
    code = (
        "import sys\n"
        "from budget_audit import lean_imports\n"
        "import nbformat\n"
        "from budget_audit import render\n"
        "nbformat.validate(nbformat.read('notebooks/unit_audit.ipynb', as_version=4))\n"
        "print(sorted(m for m in ('lark', 'rfc3987_syntax', 'jsonschema') if sys.modules.get(m)))\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['jsonschema']"
    # Without the skip: the module (when installed) and lark come in with nbformat.
    plain = (
        "import importlib.util, sys, nbformat\n"
        "print(importlib.util.find_spec('rfc3987_syntax') is None or 'lark' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", plain], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_an_unwritable_stdout_is_one_line_and_exit_2(sample_path: Path) -> None:
    """A full disk or a closed stdout: one line on stderr, not a traceback."""
    command = [sys.executable, "-m", "budget_audit.cli", "check", str(sample_path)]
    with open("/dev/full", "wb") as full:
        result = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "无法写出结果" in result.stderr and "Traceback" not in result.stderr
    closed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: os.close(1))
    assert closed.returncode == 2 and "已关闭" in closed.stderr and "Traceback" not in closed.stderr


def test_a_closed_stderr_keeps_the_error_out_of_stdout(tmp_path: Path, sample_path: Path) -> None:
    """With stderr closed (``2>&-``) the one-line error is dropped, not printed into stdout
    (where it would end up inside the JSON an auditor redirected); the exit code tells."""
    def closed(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "budget_audit.cli", *argv], capture_output=True,
                              text=True, preexec_fn=lambda: os.close(2))  # fmt: skip

    # a usage error too: argparse printed its usage block to stdout when stderr was closed (a reviewer's find)
    for argv in (["check", str(tmp_path / "missing.txt")], ["batch", str(tmp_path)], ["check"], ["check", "x", "--unit", ""]):
        result = closed(*argv)
        assert result.returncode == 2 and result.stdout == "", (argv, result.stdout)
    # A batch's warning about a stray file in units/ (and its progress bar) neither.
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    (units / "303001.yaml").write_text(
        f"unit: '303001'\nname: 大厂回族自治县发展和改革局\nyear: 2023\nsource: {sample_path}\n", encoding="utf-8"
    )
    (units / "说明.txt").write_text("不是参数文件", encoding="utf-8")
    result = closed("batch", str(tmp_path / "params"), "--output", str(tmp_path / "out"))
    assert result.returncode == 0 and "警告" not in result.stdout, result.stdout
    assert "成功 1 个" in result.stdout


@pytest.mark.parametrize("command", ["parse", "check"])
def test_a_params_file_given_as_the_document_is_named(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unit = tmp_path / "303001.yaml"
    unit.write_text('unit: "303001"\nsource: doc.txt\n', encoding="utf-8")
    assert main([command, str(unit)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--params" in err and str(unit) in err
    other = tmp_path / "notes.txt"
    other.write_text('unit: "303001"\nsource: doc.txt\n', encoding="utf-8")
    assert main([command, str(other)]) == 2
    err = capsys.readouterr().err
    assert "不像预算公开文件" in err and "--params" not in err


def test_params_outside_a_project_use_the_librarys_own_notebook(tmp_path: Path) -> None:
    """`run /tmp/audit/303001.yaml` failed with 笔记本不存在 unless --notebook was given (a reviewer's find): the
    notebook of the project the library comes from is used; a project's own notebook and --notebook come first."""
    import argparse

    from budget_audit.cli import OWN_NOTEBOOK, _notebook

    assert OWN_NOTEBOOK.is_file()
    none = argparse.Namespace(notebook=None)
    assert _notebook(none, tmp_path) == OWN_NOTEBOOK
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "unit_audit.ipynb").write_text("{}", encoding="utf-8")
    assert _notebook(none, tmp_path) == tmp_path / "notebooks" / "unit_audit.ipynb"
    assert _notebook(argparse.Namespace(notebook="x.ipynb"), tmp_path) == Path("x.ipynb")


def test_odd_paths_are_named_for_what_they_are(sample_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """check - said 文件不存在, --notebook <directory> 笔记本不存在, and a defaults.yaml that is a directory was passed over
    for the built-in defaults (a reviewer's finds)."""
    assert main(["check", "-"]) == 2
    assert capsys.readouterr().err == "budget-audit: -: 不支持从标准输入读取，请给出公开文件的路径\n"
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    unit_file = units / "303001.yaml"
    unit_file.write_text(f"unit: '303001'\nyear: 2023\nsource: {sample_path}\n", encoding="utf-8")
    assert main(["run", str(unit_file), "--notebook", str(tmp_path), "--output", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip().endswith("这是一个目录，不是笔记本（--notebook 应指向 .ipynb 文件）")
    (tmp_path / "params" / "defaults.yaml").mkdir()
    assert main(["check", str(sample_path), "--params", str(unit_file)]) == 2
    assert capsys.readouterr().err.strip().endswith("defaults.yaml: 默认参数文件是一个目录，不是文件")


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc, a directory nobody can write in")
def test_an_unwritable_home_prints_no_warnings(tmp_path: Path, sample_path: Path) -> None:
    """A service account whose HOME cannot be written (a reviewer: HOME=/root): matplotlib's "mkdir -p failed …"
    and IPython's "IPython parent … is not a writable location" were printed by run and batch (several times)."""
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    (units / "303001.yaml").write_text(
        f"unit: '303001'\nname: 大厂回族自治县发展和改革局\nyear: 2023\nsource: {sample_path}\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("MPLCONFIGDIR", "IPYTHONDIR")
           and not k.startswith("XDG_")}  # fmt: skip
    env.update(HOME="/proc/no-such-home", TMPDIR=str(tmp_path))
    for argv in (["run", str(units / "303001.yaml")], ["batch", str(tmp_path / "params"), "-j", "1"]):
        result = subprocess.run([sys.executable, "-m", "budget_audit.cli", *argv, "--output", str(tmp_path / "out")],
                                capture_output=True, env=env, timeout=300)  # fmt: skip
        assert result.returncode == 0 and result.stderr == b"", (argv, result.stderr.decode("utf-8", "replace"))
    assert not list(tmp_path.glob("ba-config-*")), "the private directory is removed at exit"


def test_config_dirs_under_an_unwritable_home(tmp_path: Path) -> None:
    from budget_audit.workdirs import unwritable_config_dirs

    assert unwritable_config_dirs({"HOME": "/proc/no-such-home"}) == ["MPLCONFIGDIR", "IPYTHONDIR"]
    assert unwritable_config_dirs({"HOME": "/proc/no-such-home", "MPLCONFIGDIR": "x", "IPYTHONDIR": "y"}) == []
    assert unwritable_config_dirs({"HOME": str(tmp_path)}) == []
    assert unwritable_config_dirs({"HOME": "/proc/x", "XDG_CONFIG_HOME": str(tmp_path / "c"),
                                   "XDG_CACHE_HOME": str(tmp_path / "d")}) == ["IPYTHONDIR"]  # fmt: skip


@pytest.mark.parametrize("unit", ["\u3164", "\u200b", "303001\u200b", "\ufeff", "\u2800", "a/b"])
def test_a_unit_code_on_the_command_line_is_held_to_the_params_files_rule(unit: str, sample_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """--unit took blank-looking and invisible codes a params file refuses (a reviewer's): each named no unit, and
    the project findings were silently dropped."""
    with pytest.raises(SystemExit) as stop:
        main(["check", str(sample_path), "--unit", unit])
    assert stop.value.code == 2 and "单位代码只能由字母、数字、汉字" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["check", "-h"], ["run", "-h"], ["batch", "-h"], ["review", "set", "-h"],
                                  ["review", "export", "-h"]])
def test_help_names_every_value_in_chinese(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """PARAMS, UNIT, JOBS, params_dir … in the usage lines: argparse's English names of the values (a reviewer's)."""
    with pytest.raises(SystemExit):
        main(argv)
    usage = capsys.readouterr().out.split("\n\n")[0]
    assert not re.search(r"\b[A-Z_]{2,}\b|params_dir", usage), usage
