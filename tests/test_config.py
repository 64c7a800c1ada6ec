"""Params files: the bundled units load; broken ones name the file and the problem."""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import pytest

from budget_audit.config import check_years, load_unit
from budget_audit.errors import InputError

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("code", ["303001", "303004"])
def test_bundled_units_load(code: str) -> None:
    unit = load_unit(REPO / "params" / "units" / f"{code}.yaml")
    assert unit.unit == code and unit.year == 2023
    assert all(Path(s).is_file() for s in unit.sources)
    assert unit.settings.tolerance["rounding_per_term_wan"] == 0.005  # from params/defaults.yaml


def _unit_file(tmp_path: Path, body: str) -> Path:
    units = tmp_path / "params" / "units"
    units.mkdir(parents=True)
    (tmp_path / "doc.txt").write_text("2023年单位预算信息公开情况说明\n", encoding="utf-8")
    path = units / "999001.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("written", "code"),
    [("'030001'", "030001"), ("030001", "030001"), ("303001", "303001"), ("0999", "0999"), ("303_001", "303_001")],
)
def test_unit_code_is_kept_as_written(tmp_path: Path, written: str, code: str) -> None:
    """Unquoted, YAML reads 030001 as the octal number 12289: the code is taken as written."""
    path = _unit_file(tmp_path, f"unit: {written}\nsource: doc.txt\n")
    assert load_unit(path).unit == code


def test_relative_source_resolves_against_project_root(tmp_path: Path) -> None:
    path = _unit_file(tmp_path, "unit: '999001'\nyear: 2023\nsource: doc.txt\n")
    unit = load_unit(path)
    assert Path(unit.sources[0]) == tmp_path / "doc.txt"


def test_unit_overrides_merge_over_defaults(tmp_path: Path) -> None:
    path = _unit_file(tmp_path, "unit: '999001'\nsource: doc.txt\nthresholds: {material_change_pct: 25}\n")
    (tmp_path / "params" / "defaults.yaml").write_text("thresholds: {material_change_wan: 5}\n", encoding="utf-8")
    settings = load_unit(path).settings
    assert settings.thresholds == {"material_change_pct": 25.0, "material_change_wan": 5.0}


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("unit: '999001'\nsource: missing.txt\n", "公开文件不存在"),
        ("source: doc.txt\n", "缺少 unit"),
        ("unit: true\nsource: doc.txt\n", "unit 必须是预算单位代码"),
        ("unit: [1, 2]\nsource: doc.txt\n", "unit 必须是预算单位代码"),
        ("unit: ' '\nsource: doc.txt\n", "unit 必须是预算单位代码"),
        ("unit: '999001'\n", "缺少 source"),
        ("unit: '999001'\nsource: doc.txt\nyear: twenty\n", "year 必须是四位年份"),
        ("unit: '999001'\nsource: doc.txt\ncolour: red\n", "未知参数 colour"),
        ("- a\n- b\n", "顶层必须是键值映射"),
        ("unit: '999001'\nsource: [doc.txt, doc.txt]\n", "source 只能是一个公开文件（给了 2 个）"),
        ("unit: '999001'\nsource: ''\n", "缺少 source"),
        ("unit: '999001'\nsource: []\n", "缺少 source"),
        ("unit: '999001'\nsource: 123\n", "source 必须是公开文件的路径（文字），实际为 123"),
        ("unit: '999001'\nsource: {doc.txt: 1}\n", "source 必须是公开文件的路径"),
        ("unit: '999001'\nsource: [doc.txt, 5]\n", "source 必须是公开文件的路径"),
        ("unit: '999001'\nsource: doc.txt\nyear: '２０２'\n", "year 必须是四位年份"),
        ("unit: '999001'\nsource: doc.txt\nyear: 2023.5\n", "year 必须是四位年份，实际为 2023.5"),
        ("unit: '999001'\nsource: params\n", "公开文件是一个目录，不是文件"),
        ("unit: '1'\nunit: '999001'\nsource: doc.txt\n", "参数 unit 写了两次（第 2 行）"),
        ("unit: '999001'\nsource: doc.txt\n1: x\nfoo: y\n", "未知参数 1"),
        ("unit: '999001'\nsource: doc.txt\nname: {a: 1}\n", "name 必须是单位名称"),
        ("unit: '999001'\nsource: doc.txt\nreview_db: 5\n", "review_db 必须是复核记录文件的路径"),
        ("unit: '999001'\nsource: doc.txt\nreview_db: params\n", "review_db 指向的复核记录文件是一个目录"),
        ("unit: '999001'\nsource: doc.txt\ntolerance: {rounding_per_term_wan: .nan}\n", "必须是非负数，实际为 nan"),
        ("unit: '999001'\nsource: doc.txt\nthresholds: {material_change_pct: .inf}\n", "必须是非负数，实际为 inf"),
        ("unit: '999001'\nsource: doc.txt\nrules: {params: {CS004: {min_jaccard: abc}}}\n", "rules.params.CS004.min_jaccard 必须是非负数"),
        ("unit: '999001'\nsource: doc.txt\nrules: {params: {IN004: {max_percent: -5}}}\n", "实际为 -5"),
        ("unit: '999001'\nsource: doc.txt\nrules: {params: {CS004: {min_jaccard: null}}}\n", "实际为 None"),
        ("unit: '999001'\nsource: doc.txt\ntolerance: {rounding_per_term_wan: 1" + "0" * 400 + "}\n", "必须是非负数"),
        ("unit: manifest.jsonl\nsource: doc.txt\n", "unit 只能由字母、数字、汉字"),
        ("unit: index.html\nsource: doc.txt\n", "unit 只能由字母、数字、汉字"),
        ("unit: '" + "局" * 65 + "'\nsource: doc.txt\n", "不超过 64 个字符"),
        ("unit: \"a\\nb\"\nsource: doc.txt\n", "unit 只能由字母"),
        ("unit: '999001'\nsource: doc.txt\nreview_db: \"a\\0b.sqlite\"\n", "review_db 中有空字符"),
        # a name longer than the file system allows: a traceback from the check itself (a reviewer's find)
        ("unit: '999001'\nsource: " + "大厂回族自治县发展和改革局" * 10 + ".txt\n", "公开文件无法访问（文件名过长）"),
        ("unit: '999001'\nsource: doc.txt\nprior_source: " + "局" * 200 + ".txt\n", "公开文件无法访问"),
        ("unit: '999001'\nsource: doc.txt\nreview_db: " + "局" * 200 + ".sqlite\n", "review_db 指向的复核记录文件无法访问"),
        ("unit: '999001'\nsource: /dev/null\n", "不是普通文件（字符设备），不能用作公开文件"),
        ("unit: '999001'\nsource: doc.txt\nrules: {select: ['']}\n", "rules.select 中有空的规则代码"),
        ("unit: '999001'\nsource: doc.txt\nrules: {ignore: [' ']}\n", "rules.ignore 中有空的规则代码"),
        # a URL was looked up as a relative path: 不存在：…/https:/example.gov.cn/a.txt (a reviewer's find)
        ("unit: '999001'\nsource: https://example.gov.cn/a.txt\n", "source 是网址（'https://example.gov.cn/a.txt'），不是文件路径"),
        ("unit: '999001'\nsource: doc.txt\nprior_source: file:///tmp/a.txt\n", "请直接写本地路径（去掉 file://）"),
    ],
)
def test_broken_unit_files(tmp_path: Path, body: str, fragment: str) -> None:
    path = _unit_file(tmp_path, body)
    with pytest.raises(InputError) as info:
        load_unit(path)
    assert str(path) in str(info.value) and fragment in str(info.value)



@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_a_unit_file_saved_as_notepad_saves_it_loads_the_same(tmp_path: Path, encoding: str) -> None:
    """Windows Notepad's "ANSI" is GBK: before, such a file gave Python's English codec message. CRLF too."""
    body = "unit: '999001'\r\nname: 大厂回族自治县发展和改革局\r\nyear: 2023\r\nsource: doc.txt\r\n"
    path = _unit_file(tmp_path, "")
    path.write_bytes(body.encode(encoding))
    unit = load_unit(path)
    assert (unit.unit, unit.name, unit.year) == ("999001", "大厂回族自治县发展和改革局", 2023)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_a_gbk_unit_file_whose_only_non_ascii_is_full_width_digits(tmp_path: Path, encoding: str) -> None:
    """year: ２０２３ saved as GBK, no hanzi: "按 GB18030 解码后没有中文" though the README says it is read (a reviewer's
    find)."""
    path = _unit_file(tmp_path, "")
    path.write_bytes("unit: '９９９００１'\r\nyear: ２０２３\r\nsource: doc.txt\r\n".encode(encoding))
    unit = load_unit(path)
    assert (unit.unit, unit.year) == ("999001", 2023)


@pytest.mark.parametrize(("data", "fragment"), [
    ("name: 大厂".encode("big5", "replace") * 40 + "局".encode("big5"), "无法识别的文本编码"),
    (b"\x00\x01\x02unit: 1", "不是文本文件"),
])
def test_a_unit_file_in_no_known_encoding_is_one_line(tmp_path: Path, data: bytes, fragment: str) -> None:
    path = _unit_file(tmp_path, "")
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load_unit(path)
    assert str(path) in str(info.value) and fragment in str(info.value)


@pytest.mark.parametrize("written", ["２０２３", "'2023'", "' 2023 '", "2023.0"])
def test_a_year_written_in_full_width_or_quoted_is_the_year(tmp_path: Path, written: str) -> None:
    """Full-width unit codes were already taken (３０３００１ is 303001); the year was refused."""
    path = _unit_file(tmp_path, f"unit: '999001'\nyear: {written}\nsource: doc.txt\n")
    assert load_unit(path).year == 2023

def test_an_alias_bomb_is_reported_short_and_fast(tmp_path: Path) -> None:
    """Billion laughs: YAML shares the nested lists (9**10 leaves); printing one in full
    would not end."""
    levels = "\n".join(
        f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9) if i else 'x, x, x'}]" for i in range(10)
    )
    path = _unit_file(tmp_path, f"unit: '999001'\nsource: doc.txt\nname:\n{levels}\n")
    with pytest.raises(InputError, match="name 必须是单位名称") as caught:
        load_unit(path)
    assert len(str(caught.value)) < 400


def test_unit_codes_are_one_spelling(tmp_path: Path) -> None:
    """Full-width digits and composed/decomposed letters name the same unit."""
    assert load_unit(_unit_file(tmp_path / "a", "unit: ３０３００１\nsource: doc.txt\n")).unit == "303001"
    nfd = "局e\u0301"
    assert load_unit(_unit_file(tmp_path / "b", f"unit: '{nfd}'\nsource: doc.txt\n")).unit == "局é"


def test_a_fifo_params_file_is_refused_not_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "unit.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="不是普通文件（命名管道），不能用作参数文件"):
        load_unit(fifo)


def test_a_merge_key_unit_is_read_not_crashed_on(tmp_path: Path) -> None:
    path = _unit_file(tmp_path, "<<: {unit: 303001}\nsource: doc.txt\n")
    assert load_unit(path).unit == "303001"


def test_documents_must_be_of_the_unit_files_years(tmp_path: Path) -> None:
    path = _unit_file(tmp_path, "unit: '999001'\nyear: 2023\nsource: doc.txt\nprior_source: doc.txt\n")
    unit = load_unit(path)
    check_years(unit, 2023, 2022)  # quiet: the unit's year and the year before
    check_years(unit, None, None)  # years the documents do not state: nothing to compare
    with pytest.raises(InputError) as info:
        check_years(unit, 2019, 2018)
    assert str(info.value) == f"{path}: year 为 2023，但公开文件 {tmp_path / 'doc.txt'} 是 2019 年的"
    with pytest.raises(InputError, match="prior_source .* 是 2023 年的，上年文件应为 2022 年的"):
        check_years(unit, 2023, 2023)
    no_year = load_unit(_unit_file(tmp_path / "b", "unit: '999001'\nsource: doc.txt\nprior_source: doc.txt\n"))
    check_years(no_year, 2023, 2022)  # without year in the unit file, the document's counts
    with pytest.raises(InputError, match="上年文件应为 2023 年的"):
        check_years(no_year, 2024, 2024)


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n", b"\xff\xfe", b" \n", "\u3000\n".encode("gbk")])
def test_an_empty_settings_file_sets_nothing(tmp_path: Path, data: bytes) -> None:
    """Also one Notepad saved empty "as UTF-8 with BOM" (a reviewer's find: the first GBK-aware version refused it)."""
    from budget_audit.config import Settings, load_settings

    path = tmp_path / "empty.yaml"
    path.write_bytes(data)
    assert load_settings(path) == Settings()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("unit: '303001²'\nyear: 2023", "unit 只能由字母、数字、汉字"),  # NFKC made it 3030012, silently
        ("unit: '30300١'\nyear: 2023", "unit 只能由字母、数字、汉字"),
        ("unit: '\u0301\u0301'\nyear: 2023", "unit 只能由字母、数字、汉字"),  # combining marks alone (next round)
        ("unit: '\u3164'\nyear: 2023", "unit 只能由字母、数字、汉字"),  # a blank-looking Hangul filler
        ("unit: \"303001\\u20dd\"\nyear: 2023", "unit 只能由字母、数字、汉字"),  # an enclosing circle
        ("unit: '303001'\nyear: 33:43", "year 必须是四位年份，实际为 '33:43'"),  # YAML 1.1 reads 2023
        ("unit: '303001'\nyear: 0x7e7", "year 必须是四位年份，实际为 '0x7e7'"),
        ("unit: '303001'\nyear: 2_023", "year 必须是四位年份，实际为 '2_023'"),
        ("unit: '303001'\nyear: 2023\nname: \"发改\\e[31m局\"", "name 中有控制字符：'发改\\x1b[31m局'"),
    ],
)
def test_params_values_are_taken_as_written_or_refused(tmp_path: Path, line: str, message: str) -> None:
    """A reviewer's params files: values YAML or Unicode read as something else than the auditor wrote, and an escape
    sequence in a name that reached the report's HTML raw."""
    with pytest.raises(InputError, match=re.escape(message)):
        load_unit(_unit_file(tmp_path, f"{line}\nsource: doc.txt\n"))


def test_written_years_and_codes_still_read(tmp_path: Path) -> None:
    for number, (line, unit, year) in enumerate([("unit: '３０３００１'\nyear: ２０２３", "303001", 2023),
                                                 ("unit: 局e\u0301\nyear: 2023.0", "局é", 2023),
                                                 ("unit: '303001'\nyear: '2023'", "303001", 2023),
                                                 ("unit: 〇三〇〇一\nyear: 2023", "〇三〇〇一", 2023),  # 〇 is no letter
                                                 ("unit: 'कि01'\nyear: 2023", "कि01", 2023)]):  # a vowel sign
        params = load_unit(_unit_file(tmp_path / str(number), f"{line}\nsource: doc.txt\n"))
        assert (params.unit, params.year) == (unit, year)
    # a name pasted from a web page: its soft hyphen and zero-width space dropped, as from documents; bidi marks too
    pasted = load_unit(_unit_file(tmp_path / "pasted", "unit: '303001'\nyear: 2023\nname: \"发展\\u00ad和\\u200b改革\\u202e局\"\n"
                                  "source: doc.txt\n"))
    assert pasted.name == "发展和改革局"


def test_an_unreadable_params_file_says_why_in_chinese(tmp_path: Path) -> None:
    """[Errno 13] Permission denied: '…' was the message (a reviewer's find); the system's reasons are said in Chinese
    everywhere (errors.os_reason)."""
    import errno

    from budget_audit.errors import os_reason

    path = _unit_file(tmp_path, "unit: '999001'\nyear: 2023\nsource: doc.txt\n")
    with mock.patch.object(Path, "read_bytes", side_effect=PermissionError(errno.EACCES, "Permission denied", str(path))):
        with pytest.raises(InputError, match=r"参数文件无法读取（没有权限）$"):
            load_unit(path)
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间已满"
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"
