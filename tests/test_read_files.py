"""read.files: the front door — every format the program writes read back, and every
file that cannot be read refused with one Chinese line (never a traceback, never a hang)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from report_interview.read import files
from report_interview.read.errors import NotAReportError, ReadError
from report_interview.read.files import read_report_file
from report_interview.report.checks import run_checks
from report_interview.report.data import dump_report_json
from report_interview.write.render import FORMATS, render, render_text

from .conftest import DATA, reference_dict
from .samples import reference, with_cases

SAMPLES = {"reference": reference, "with_cases": with_cases}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_every_written_format_reads_back_cell_for_cell_with_its_prose(
    sample: str, fmt: str, tmp_path: Path
) -> None:
    report = SAMPLES[sample]()
    path = tmp_path / f"report.{fmt}"
    content = render(report, fmt)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert read_report_file(path) == report


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "另存为 .docx"),
        ("report.wps", b"anything", "另存为 .docx"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "加了密码"),
        ("cut.docx", b"PK\x03\x04\x14\x00", "损坏或不完整"),
        ("archive.zip", b"PK\x03\x04\x14\x00", "压缩包"),
        ("photo.jpg", b"\xff\xd8\xff\xe0", "不认识这种文件"),
        ("cut.pdf", b"%PDF-1.7\n1 0 obj", "损坏或不完整"),
        ("page.html", b"", "网页是空的"),
        ("bad.json", b'{"org": ', "不是有效的 JSON"),
    ],
)
def test_unreadable_files_give_one_chinese_line(
    tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    with pytest.raises(ReadError, match=words) as caught:
        read_report_file(_write(tmp_path / name, data))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("name", ["网页另存.doc", "report.wps"])
def test_web_page_named_doc_is_read_as_a_web_page(tmp_path: Path, name: str) -> None:
    page = render(with_cases(), "html")
    assert isinstance(page, str)
    assert read_report_file(_write(tmp_path / name, page.encode("utf-8"))) == with_cases()


def test_rtf_is_refused_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"RTF.*另存为 \.docx"):
        read_report_file(_write(tmp_path / "report.doc", b"{\\rtf1\\ansi report}"))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="找不到文件"):
        read_report_file(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match="文件夹"):
        read_report_file(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)  # opening it for reading would block until a writer came
    with pytest.raises(ReadError, match="不是普通文件"):
        read_report_file(fifo)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_pipe_swapped_in_after_the_first_look_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular = _write(tmp_path / "regular.txt", b"x")
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda *_, **__: real_stat(regular))
    with pytest.raises(ReadError, match="不是普通文件"):
        read_report_file(fifo)


def test_file_over_the_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_BYTES", 1024)
    path = _write(tmp_path / "big.txt", b"x" * 2048)
    with pytest.raises(ReadError, match="超过"):
        read_report_file(path)


def test_gbk_text_file_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "report.txt", render_text(reference()).encode("gbk"))
    assert read_report_file(path) == reference()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("table.et", b"anything"),
        ("台账.xlsx", b"PK\x03\x04"),
        ("决算.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
        ("package.json", b'{"name": "x"}'),
    ],
)
def test_spreadsheets_and_other_data_are_no_report(tmp_path: Path, name: str, data: bytes) -> None:
    with pytest.raises(NotAReportError):
        read_report_file(_write(tmp_path / name, data))


def test_text_without_report_is_not_a_report(tmp_path: Path) -> None:
    path = _write(tmp_path / "README.md", "# 说明\n\n本文件夹存放各乡镇报告。\n".encode())
    with pytest.raises(NotAReportError):
        read_report_file(path)


HUGE = "9" * 5000


def test_five_thousand_digit_number_in_json_is_a_clear_message(tmp_path: Path) -> None:
    text = json.dumps(reference_dict(), ensure_ascii=False).replace(
        '"licensing": 0', f'"licensing": {HUGE}'
    )
    assert HUGE in text
    with pytest.raises(ReadError, match="5000 位"):
        read_report_file(_write(tmp_path / "report.json", text.encode()))


def test_five_thousand_digit_number_in_a_table_is_a_clear_message(tmp_path: Path) -> None:
    text = render_text(reference()).replace("行政许可\t0", f"行政许可\t{HUGE}")
    with pytest.raises(ReadError, match="5000 位"):
        read_report_file(_write(tmp_path / "report.txt", text.encode()))


def test_five_thousand_digit_number_in_prose_is_just_not_a_count(tmp_path: Path) -> None:
    report = reference()
    text = render_text(report).replace("公开 202 条", f"公开 {HUGE} 条")
    read = read_report_file(_write(tmp_path / "report.txt", text.encode()))
    assert read.applications == report.applications
    assert isinstance(run_checks(read), list)


@pytest.mark.parametrize("kind", ["txt", "json"])
def test_check_of_text_or_data_imports_no_word_web_pdf_or_terminal_library(
    kind: str, tmp_path: Path
) -> None:
    path = tmp_path / f"report.{kind}"
    path.write_text(
        render_text(reference()) if kind == "txt" else dump_report_json(reference()),
        encoding="utf-8",
    )
    code = (
        "import sys\n"
        "from report_interview.cli.main import main\n"
        f"rc = main(['check', {str(path)!r}])\n"
        "heavy = ['docx', 'lxml', 'pdfplumber', 'pdfminer', 'prompt_toolkit', 'questionary']\n"
        "loaded = [name for name in heavy if name in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_reference_fixture_is_where_the_samples_come_from() -> None:
    assert (DATA / "niutun-2023.json").is_file()
