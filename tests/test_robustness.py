"""Unusable, truncated and reordered input: a partial model or one clean InputError."""

from __future__ import annotations

import os
import random
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from budget_audit.checks import run_checks
from budget_audit.cli import main
from budget_audit.errors import InputError
from budget_audit.jsonio import dumps
from budget_audit.model import Disclosure
from budget_audit.parse import REQUIRED_FIELDS, parse_file
from budget_audit.parse.sections import SECTION_KEYS

CUTS = 10


def _png() -> bytes:
    """A real 1×1 PNG (signature, IHDR, IDAT, IEND)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


#: Files with no text at all: each is reported as "文件为空".
EMPTY: dict[str, bytes] = {
    "empty": b"",
    "whitespace": b"  \n\t\n \r\n\n",
    "ideographic-spaces": "\u3000\u3000\n\u3000\n".encode(),
    "ideographic-spaces-gb18030": "\u3000\u3000\n\u3000\n".encode("gb18030"),
    "utf-8-bom-only": b"\xef\xbb\xbf",
    "utf-8-bom-whitespace": b"\xef\xbb\xbf \r\n\t\n",
    "utf-8-bom-ideographic-spaces": "\ufeff\u3000\u3000\n".encode(),
    "utf-16-bom-only": b"\xff\xfe",
    "utf-16-bom-whitespace": " \n\u3000".encode("utf-16"),
    "utf-32-bom-only": b"\xff\xfe\x00\x00",
    "utf-32-be-bom-whitespace": b"\x00\x00\xfe\xff" + " \n".encode("utf-32-be"),
}

UNUSABLE: dict[str, bytes] = {
    **EMPTY,
    "binary": random.Random(20230101).randbytes(4096) + b"\x00" * 16,
    "png": _png(),
    "png-signature-only": b"\x89PNG\r\n\x1a\n",
    "not-a-disclosure": "这是一份会议纪要，与预算无关。\n参会人员：张三、李四。\n".encode(),
}


def _one_line_error(capsys: pytest.CaptureFixture[str], argv: list[str], path: str) -> str:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.endswith("\n")
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    assert path in err
    assert re.search(r"[\u4e00-\u9fff]", err), err  # the problem is said in Chinese
    return err


@pytest.mark.parametrize("name", sorted(UNUSABLE))
def test_unusable_file_is_one_line_exit_2(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(UNUSABLE[name])
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert caught.value.path == str(path)
    _one_line_error(capsys, ["parse", str(path)], str(path))
    # budget-audit run says the same, before it starts a kernel
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    (units / "X1.yaml").write_text(f'unit: "X1"\nyear: 2023\nsource: {path.name}\n', encoding="utf-8")
    notebook = Path(__file__).resolve().parent.parent / "notebooks" / "unit_audit.ipynb"
    argv = ["run", str(units / "X1.yaml"), "--notebook", str(notebook), "--output", str(tmp_path / "out")]
    _one_line_error(capsys, argv, str(path))
    assert not (tmp_path / "out" / "X1").exists()


@pytest.mark.parametrize("name", sorted(EMPTY))
def test_file_without_text_is_empty(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(EMPTY[name])
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert caught.value.reason == "文件为空"


def test_directory_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _one_line_error(capsys, ["parse", str(tmp_path)], str(tmp_path))


# ------------------------------------------------------- special files, size, names


def _parse_in_subprocess(path: str) -> subprocess.CompletedProcess[str]:
    """``budget-audit parse path`` in a child limited to 1 GB of address space and 60 s, so
    a file that never ends fails the test (MemoryError, timeout) instead of the machine."""

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "budget_audit.cli", "parse", path],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        preexec_fn=limit_memory,
    )


def _special_file(kind: str, tmp_path: Path) -> str:
    if kind == "fifo":
        path = tmp_path / "管道.txt"
        os.mkfifo(path)
        return str(path)
    if kind == "symlink-to-device":
        path = tmp_path / "link.txt"
        path.symlink_to("/dev/zero")
        return str(path)
    return kind


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/null", "symlink-to-device"])
def test_special_file_is_refused(kind: str, tmp_path: Path) -> None:
    """A FIFO would block forever, /dev/zero never ends: refuse anything that is not a
    regular file (after following symlinks), before reading it."""
    path = _special_file(kind, tmp_path)
    result = _parse_in_subprocess(path)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"budget-audit: {path}: ")
    assert len(result.stderr.splitlines()) == 1
    assert "不是普通文件" in result.stderr


def test_symlink_to_a_disclosure_is_followed(sample_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(sample_path)
    assert parse_file(link).source.line_count == 3219


def test_broken_symlink_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    err = _one_line_error(capsys, ["parse", str(link)], str(link))
    assert "不存在" in err


def test_oversized_file_is_refused_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from budget_audit.ingest.text import MAX_SOURCE_BYTES

    path = tmp_path / "huge.txt"
    with path.open("wb") as file:  # sparse: no disk space used
        file.truncate(MAX_SOURCE_BYTES + 1)
    err = _one_line_error(capsys, ["parse", str(path)], str(path))
    assert "文件过大" in err
    assert path.stat().st_size == MAX_SOURCE_BYTES + 1  # input files are never modified


def test_file_of_exactly_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from budget_audit.ingest import text

    data = "2023年单位预算信息公开情况说明\n".encode()
    monkeypatch.setattr(text, "MAX_SOURCE_BYTES", len(data))
    path = tmp_path / "limit.txt"
    path.write_bytes(data)
    assert parse_file(path).year == 2023
    path.write_bytes(data + b"\n")
    with pytest.raises(InputError, match="文件过大"):
        parse_file(path)


@pytest.mark.parametrize("name", ["emp\nty.txt", "a\rb.txt", "tab\tname\x85\u2028.txt"])
def test_file_name_with_control_characters_stays_one_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert main(["parse", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert repr(str(path))[1:-1] in err  # shown escaped, as repr() would
    assert "文件为空" in err


def test_undecodable_file_name_is_escaped_in_the_message() -> None:
    """Undecodable bytes of a file name (lone surrogates) are escaped: the message can be
    written anywhere as UTF-8."""
    error = InputError("bad\udcff.txt", "文件为空")
    assert str(error) == "bad\\xff.txt: 文件为空"  # the byte itself
    assert error.path == "bad\udcff.txt"  # kept as given, for code
    str(error).encode("utf-8")


# ------------------------------------------------------------------ truncation


def _heading_lines(doc: Disclosure) -> dict[str, int]:
    return {s.key: s.title.span.line for s in doc.sections}


def _missing_sections(doc: Disclosure) -> set[str]:
    return {m.removeprefix("section:") for m in doc.missing if m.startswith("section:")}


def _cut_points(total: int) -> list[int]:
    return [total * i // (CUTS + 1) for i in range(1, CUTS + 1)]


def test_truncated_by_lines(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    headings = _heading_lines(sample_doc)
    lines = sample_text.split("\n")
    previous: set[str] | None = None
    for n in _cut_points(len(lines)):
        path = tmp_path / f"lines-{n}.txt"
        path.write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
        doc = parse_file(path)  # the title is on line 3: every cut keeps it
        assert doc.year == 2023
        expected = {key for key in SECTION_KEYS if headings[key] > n}
        assert _missing_sections(doc) == expected, n
        missing = set(doc.missing)
        if previous is not None:
            assert missing <= previous, n  # the missing list only shrinks as text is added
        previous = missing
        for project in doc.projects:
            assert project.end_line <= n
    assert len(set(_cut_points(len(lines)))) == CUTS


def test_missing_grows_as_sections_disappear(
    sample_text: str, sample_doc: Disclosure, tmp_path: Path
) -> None:
    """Cut just before each section heading, last section first: each cut drops one more
    section, and ``missing`` gains that section (and never loses anything)."""
    lines = sample_text.split("\n")
    previous = set(sample_doc.missing)
    for section in reversed(sample_doc.sections):
        n = section.title.span.line - 1
        path = tmp_path / f"before-{section.key}.txt"
        path.write_text("\n".join(lines[:n]), encoding="utf-8")
        missing = set(parse_file(path).missing)
        assert f"section:{section.key}" in missing
        assert missing > previous, section.key
        previous = missing
    assert previous >= {f"section:{key}" for key in SECTION_KEYS}


def test_truncated_mid_line(sample_text: str, sample_doc: Disclosure, tmp_path: Path) -> None:
    headings = _heading_lines(sample_doc)
    for cut in _cut_points(len(sample_text)):
        while sample_text[cut] == "\n" or sample_text[cut - 1] == "\n":
            cut += 1  # make sure the cut falls inside a line
        cut_line = sample_text.count("\n", 0, cut) + 1
        path = tmp_path / f"chars-{cut}.txt"
        path.write_text(sample_text[:cut], encoding="utf-8")
        doc = parse_file(path)  # the title (line 3) survives every cut
        missing = _missing_sections(doc)
        for key, line in headings.items():
            if line < cut_line:
                assert key not in missing, (cut_line, key)
            elif line > cut_line:
                assert key in missing, (cut_line, key)
        assert doc.source.line_count == cut_line


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_truncated_mid_character(encoding: str, sample_text: str, tmp_path: Path) -> None:
    data = sample_text.encode(encoding)
    parsed = 0
    for cut in _cut_points(len(data)):
        cut = _inside_character(data, cut, encoding)
        path = tmp_path / f"bytes-{encoding}-{cut}.txt"
        path.write_bytes(data[:cut])
        doc = _parse_or_input_error(path)
        if doc is None:
            continue
        parsed += 1
        assert doc.source.encoding == encoding
        # only the cut character is lost: everything before it is read as written
        expected_text = data[:cut].decode(encoding, errors="ignore")
        assert doc.source.line_count == expected_text.count("\n") + 1
        assert 0 < doc.source.cut_bytes < 4
        # …and the report says the file is incomplete, at its last line (CP010, error)
        cp010 = [f for f in run_checks(doc) if f.code == "CP010"]
        assert [(f.severity, f.lines) for f in cp010] == [("error", (doc.last_line.line,))]
    assert parsed == CUTS  # a file cut off mid-character is still read


def test_whole_file_is_not_cut(sample_path: Path) -> None:
    doc = parse_file(sample_path)
    assert doc.source.cut_bytes == 0 and doc.source.final_newline
    assert not [f for f in run_checks(doc) if f.code == "CP010"]


def _inside_character(data: bytes, cut: int, encoding: str) -> int:
    """Move ``cut`` forward until it splits a multi-byte character."""
    while True:
        head = data[:cut]
        try:
            head.decode(encoding)
        except UnicodeDecodeError:
            return cut
        cut += 1


def _parse_or_input_error(path: Path) -> Disclosure | None:
    """Parse; an InputError is an acceptable outcome, any other exception fails the test."""
    try:
        return parse_file(path)
    except InputError as error:
        assert str(path) in str(error)
        return None


# ---------------------------------------------------------------- reordering


def _split_sections(sample_text: str, doc: Disclosure) -> tuple[list[str], list[list[str]]]:
    lines = sample_text.split("\n")
    starts = [s.title.span.line - 1 for s in doc.sections]
    preamble = lines[: starts[0]]
    chunks = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    return preamble, chunks


@pytest.mark.parametrize("order", ["reversed", "shuffled", "rotated"])
def test_reordered_sections(
    order: str, sample_text: str, sample_doc: Disclosure, tmp_path: Path
) -> None:
    preamble, chunks = _split_sections(sample_text, sample_doc)
    assert len(chunks) == 9
    if order == "reversed":
        chunks = chunks[::-1]
    elif order == "shuffled":
        random.Random(7).shuffle(chunks)
    else:
        chunks = chunks[4:] + chunks[:4]
    text = "\n".join(preamble + [line for chunk in chunks for line in [*chunk, ""]])
    path = tmp_path / f"{order}.txt"
    path.write_text(text, encoding="utf-8")

    doc = parse_file(path)

    assert doc.year == 2023
    assert len(doc.projects) == len(sample_doc.projects) == 25
    assert sum(p.budget.yuan for p in doc.projects) == sum(p.budget.yuan for p in sample_doc.projects)
    assert doc.income.total.yuan == sample_doc.income.total.yuan
    assert [f.yuan for f in doc.income.parts] == [f.yuan for f in sample_doc.income.parts]
    assert doc.sangong.total.yuan == sample_doc.sangong.total.yuan
    assert [f.yuan for f in doc.sangong.parts()] == [f.yuan for f in sample_doc.sangong.parts()]
    assert {s.key for s in doc.sections} == set(SECTION_KEYS)
    assert doc.missing == []


# ------------------------------------------------------------- minimal input


def test_title_only_gives_partial_model(tmp_path: Path) -> None:
    path = tmp_path / "title.txt"
    path.write_text("2023年单位预算信息公开情况说明\n", encoding="utf-8")
    doc = parse_file(path)
    assert doc.year == 2023
    assert doc.kind == "预算"
    assert doc.projects == []
    assert doc.missing == [f"section:{key}" for key in SECTION_KEYS] + [
        f"field:{field}" for field in REQUIRED_FIELDS if field != "title"
    ]


# ---------------------------------------------------------------- determinism


def test_parse_is_deterministic_in_process(sample_path: Path) -> None:
    assert dumps(parse_file(sample_path)) == dumps(parse_file(sample_path))


def test_parse_is_deterministic_across_processes(sample_path: Path) -> None:
    """Two interpreters with different hash seeds print byte-identical JSON."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"}
        result = subprocess.run(
            [sys.executable, "-m", "budget_audit.cli", "parse", str(sample_path)],
            capture_output=True,
            env=env,
            check=True,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 100_000


def test_a_file_cut_at_a_line_end_with_most_parts_missing_says_it_may_be_incomplete(sample_path: Path,
                                                                                    tmp_path: Path) -> None:
    """head -30 of the sample: before, eight CP001s (three errors) blamed the unit and nothing said the file itself
    might be cut short; now a CP010 warning at its last line names the eight parts and asks for the original."""
    path = tmp_path / "head30.txt"
    path.write_bytes(b"".join(sample_path.read_bytes().splitlines(keepends=True)[:30]))
    doc = parse_file(path)
    cp010 = [f for f in run_checks(doc) if f.code == "CP010"]
    assert [(f.severity, f.lines) for f in cp010] == [("warning", (doc.last_line.line,))]
    assert cp010[0].message.startswith(f"文件到第{doc.last_line.line}行为止，其后应有的")
    assert "共8个部分均未出现，文件可能不完整" in cp010[0].message and "请先与原件核对" in cp010[0].message


@pytest.mark.parametrize(
    ("line", "text"),
    [
        (2284, "\t\t二级指标"),  # an indicator table's header with one tab too many: an IndexError (a reviewer's fuzzing)
        (229, "2023年，我局财政拨款“三公”经费预算安排99999999999999999999999万元。"),  # 23 digits: decimal.InvalidOperation
    ],
    ids=["header tab", "huge figure"],
)
def test_odd_lines_give_findings_not_a_traceback(line: int, text: str, sample_text: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    lines = sample_text.split("\n")
    lines[line - 1] = text
    path = tmp_path / "odd.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert main(["check", str(path), "--format", "json"]) == 0
    assert '"findings"' in capsys.readouterr().out


@pytest.mark.parametrize("blob", [b"\x00" * 8192, bytes(range(1, 9)) * 2048], ids=["NULs", "control bytes"])
def test_binary_content_far_into_a_file_is_refused(blob: bytes, sample_text: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Only the first 64 KB were looked at: 8 KB of NULs in place of lines 1018–1434 passed, those project tables lost
    without a word (a reviewer's find). Now one line naming where, exit 2."""
    data = sample_text.encode("utf-8")
    at = data.index(b"\n", 80_000) + 1
    path = tmp_path / "blob.txt"
    path.write_bytes(data[:at] + blob + data[at + len(blob):])
    assert main(["check", str(path)]) == 2
    [message] = capsys.readouterr().err.strip().splitlines()
    assert message.endswith(f"不是文本文件（第 {at} 字节起含二进制内容）")


@pytest.mark.parametrize("tail", [b"\x00", b"\x00" * 4096, b"\x1a"], ids=["a NUL", "NUL padding", "Ctrl-Z"])
def test_padding_after_the_text_is_no_binary_content(tail: bytes, sample_text: str, sample_doc: Disclosure,
                                                     tmp_path: Path) -> None:
    """A NUL, NUL padding or a DOS end-of-file mark after the last line: refused as binary once the whole file was
    looked at (a reviewer's attack). It is no content: the document reads as without it."""
    path = tmp_path / "padded.txt"
    path.write_bytes(sample_text.encode("utf-8") + tail)
    doc = parse_file(path)
    assert [f.message for f in run_checks(doc)] == [f.message for f in run_checks(sample_doc)]
