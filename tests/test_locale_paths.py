"""Chinese file names under a locale whose encoding is not UTF-8 (ascii, latin-1, GB18030):
one line naming the file and saying the locale cannot encode its name, exit 2 — not a
UnicodeEncodeError from os.stat, nor 「文件不存在」 or 「不是有效的 UTF-8 编码」."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from budget_audit import errors

#: An ascii locale without Python's UTF-8 mode or locale coercion: file names are encoded as ascii.
ASCII_LOCALE = {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
LOCALE_HINT = "无法正确编码此文件名；请在 UTF-8 环境中运行（如 LANG=zh_CN.UTF-8，或 python -X utf8）"


def _cli(*argv: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "budget_audit.cli", *argv], capture_output=True, cwd=cwd,
                          env={**os.environ, **ASCII_LOCALE}, timeout=120)  # fmt: skip


def _project(tmp_path: Path, sample_path: Path, unit_file: str, source: str) -> Path:
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    (tmp_path / "samples").mkdir()
    shutil.copy(sample_path, tmp_path / "samples" / source)
    (units / unit_file).write_text(
        f"unit: '303001'\nname: 发改局\nyear: 2023\nsource: samples/{source}\n", encoding="utf-8"
    )
    return units / unit_file


def test_run_with_a_chinese_source_under_an_ascii_locale(tmp_path: Path, sample_path: Path) -> None:
    unit = _project(tmp_path, sample_path, "303001.yaml", "大厂发改局.txt")
    result = _cli("run", str(unit), "--output", str(tmp_path / "out"), cwd=tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"budget-audit: {unit}: 公开文件无法访问：系统区域设置的编码（ascii）{LOCALE_HINT}")
    assert err.endswith(f"：{tmp_path / 'samples' / '大厂发改局.txt'}\n")
    check = _cli("check", str(sample_path), "--params", str(unit), cwd=tmp_path)  # the unit's own document: VA003
    assert check.returncode == 0, check.stderr.decode("utf-8")



def test_check_with_a_chinese_prior_source_under_an_ascii_locale(tmp_path: Path, sample_path: Path) -> None:
    """The document reader (ingest.text) too: before, os.stat's UnicodeEncodeError was a traceback."""
    (tmp_path / "上年.txt").write_text("x", encoding="utf-8")
    unit = tmp_path / "303001.yaml"
    unit.write_text(f"unit: '303001'\nyear: 2023\nsource: {sample_path}\nprior_source: 上年.txt\n", encoding="utf-8")
    result = _cli("check", str(sample_path), "--params", str(unit), cwd=tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and result.stdout == b"", err
    assert err == f"budget-audit: {tmp_path / '上年.txt'}: 无法访问：系统区域设置的编码（ascii）{LOCALE_HINT}\n"


def test_run_and_batch_with_a_chinese_unit_file_name_under_an_ascii_locale(tmp_path: Path, sample_path: Path) -> None:
    """Before: batch said 「文件名不是有效的 UTF-8 编码」 (the name is UTF-8; the locale cannot read it)."""
    unit = _project(tmp_path, sample_path, "单位三.yaml", "doc.txt")
    result = _cli("run", str(unit), "--output", str(tmp_path / "out"), cwd=tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and err == f"budget-audit: {unit}: 系统区域设置的编码（ascii）{LOCALE_HINT}\n"
    result = _cli("batch", "params", "--output", str(tmp_path / "out"), cwd=tmp_path)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1, result.stderr.decode("utf-8")
    assert f"失败 303001（params/units/单位三.yaml）：params/units/单位三.yaml: 系统区域设置的编码（ascii）{LOCALE_HINT}" in out
    assert "UTF-8 编码（含无法识别的字节）" not in out


def test_the_utf8_spelling_of_a_missing_name_is_the_locale_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A GB18030 locale looks a Chinese name up by its GB18030 bytes; the disk has the UTF-8 ones
    (before: 「公开文件不存在」). Simulated: the name looked up is one the UTF-8 spelling of is there."""
    (tmp_path / "大厂.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(errors, "_fs_encoding", lambda: "gb18030")
    assert errors.utf8_spelling_exists(tmp_path / "大厂.txt")
    assert not errors.utf8_spelling_exists(tmp_path / "小厂.txt")
    monkeypatch.setattr(os, "stat", lambda name: (_ for _ in ()).throw(FileNotFoundError(name)))
    problem = errors.file_problem(tmp_path / "大厂.txt", "公开文件", missing=True)
    assert problem == f"公开文件无法访问：系统区域设置的编码（gb18030）{LOCALE_HINT}"
    assert errors.file_problem(tmp_path / "小厂.txt", "公开文件", missing=True) == "公开文件不存在"


@pytest.mark.parametrize(("encoding", "name", "problem"), [
    ("utf-8", "单位三.yaml", False),
    ("ascii", "单位三.yaml", True),  # a name from a params file the locale cannot encode
    ("gb18030", "单位三.yaml", False),  # the locale's own spelling
    ("gb18030", "单位三.yaml".encode().decode("gb18030", "surrogateescape"), True),  # UTF-8 bytes read as GB18030
    ("iso8859-1", "单位三.yaml".encode().decode("latin-1"), True),
    ("iso8859-1", "café.yaml".encode("latin-1").decode("latin-1"), False),  # latin-1 bytes, not UTF-8
    ("ascii", "303001.yaml", False),
])
def test_locale_problem(monkeypatch: pytest.MonkeyPatch, encoding: str, name: str, problem: bool) -> None:
    monkeypatch.setattr(errors, "_fs_encoding", lambda: encoding)
    assert (errors.locale_problem(name) is not None) is problem


def test_a_name_read_under_a_non_utf8_locale_is_shown_by_its_utf8_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors, "_fs_encoding", lambda: "iso8859-1")
    assert errors.shown_path("units/单位三.yaml".encode().decode("latin-1")) == "units/单位三.yaml"
    assert errors.shown_path("标准输出") == "标准输出"  # cannot be encoded: as it is
    assert errors.shown_path("café") == "café"  # latin-1 bytes that are no UTF-8: as it is
