"""The readers' budget (issue 20) in detail: what is clamped and still read correctly,
what is refused and with which limit, and the smaller faults the issue lists (text
after an entity in a Word run, codecs that are no text encodings, a 1e308 date). The
hostile files themselves, run through the program, are tests/test_hostile.py."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from report_interview import limits
from report_interview.files import FileRefused, read_limited
from report_interview.read.budget import Grid, span
from report_interview.read.errors import ReadError
from report_interview.read.ledger_files import read_sheets
from report_interview.read.ledger_sheet import show_cell
from report_interview.read.unzip import BrokenPackage, read_parts, repacked
from report_interview.read.web import decode_page, page_encoding, table_grid, web_text
from report_interview.read.word import docx_text, read_docx
from report_interview.write.render import render

from .samples import reference

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(body: str, *, main: str = "word/document.xml", dtd: str = "") -> bytes:
    xml = (
        f'<?xml version="1.0"?>{dtd}<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="{main}"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("_rels/.rels", rels)
        package.writestr(main, xml)
    return buffer.getvalue()


def test_text_after_an_entity_in_a_word_run_is_kept() -> None:
    dtd = '<!DOCTYPE w:document [<!ENTITY e "展开">]>'
    text = docx_text(_docx("<w:p><w:r><w:t>本年&e;收到申请3件</w:t></w:r></w:p>", dtd=dtd))
    assert "收到申请3件" in text and "本年" in text


def test_a_renamed_main_part_is_found_by_the_package_relationships() -> None:
    data = _docx("<w:p><w:r><w:t>牛屯镇</w:t></w:r></w:p>", main="word/main.xml")
    assert docx_text(data).strip() == "牛屯镇"


def test_the_program_s_own_word_file_still_reads_back() -> None:
    report = reference()
    data = render(report, "docx")
    assert isinstance(data, bytes) and read_docx(data) == report


def test_spans_are_clamped_and_a_sane_grid_reads_as_before() -> None:
    assert [span(v) for v in ("3", "0", "-2", "x", None, "99999999999", "1e3")] == [
        3, 1, 1, 1, 1, limits.MAX_SPAN, 1,
    ]  # fmt: skip
    cells = (
        '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>'
    )
    row = f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{cells}</w:tr>'
    assert "\t甲\t" in docx_text(_docx(f"<w:tbl>{row}</w:tbl>"))
    # gridBefore 0 (or nonsense) skips no cell: no phantom cell before the label
    assert [span(v, least=0) for v in ("0", "x", "2")] == [0, 0, 2]
    for value in ("0", "x"):
        row = f'<w:tr><w:trPr><w:gridBefore w:val="{value}"/></w:trPr>{cells}</w:tr>'
        assert docx_text(_docx(f"<w:tbl>{row}</w:tbl>")).lstrip("\n").startswith("甲")


def test_a_word_row_wider_than_the_grid_budget_is_refused() -> None:
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="99"/></w:tcPr><w:p/></w:tc>'
    with pytest.raises(ReadError, match=r"列数.*上限"):
        docx_text(_docx(f"<w:tbl><w:tr>{cell * 10}</w:tr></w:tbl>"))


def test_html_spans_are_clamped_and_the_grid_is_bounded() -> None:
    import lxml.html

    table = lxml.html.fromstring('<table><tr><td colspan="2" rowspan="9999">甲</td><td>乙</td>'
                                 "</tr><tr><td>丙</td></tr></table>")  # fmt: skip
    assert table_grid(table) == [["甲", "", "乙"], ["", "", "丙"]]
    wide = "<table>" + "<tr>" + '<td colspan="50">1</td>' * 5 + "</tr></table>"
    with pytest.raises(ReadError, match="列数"):
        web_text(wide.encode())
    grid = Grid()
    with pytest.raises(ReadError, match="单元格"):
        for _ in range(limits.MAX_TABLE_CELLS // 100 + 1):
            grid.add_cells(100)


@pytest.mark.parametrize(
    "codec", ["base64", "bz2", "hex", "rot_13", "uu", "zlib", "undefined", "idna"]
)
def test_a_declared_charset_that_is_no_text_encoding_is_ignored(codec: str) -> None:
    page = f'<html><head><meta charset="{codec}"></head><body><p>牛屯镇</p></body></html>'
    data = page.encode("utf-8")
    assert page_encoding(data) in ("utf-8", codec)
    assert "牛屯镇" in decode_page(data)


def test_zip_parts_are_counted_as_unpacked_not_as_the_directory_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from report_interview.read import unzip

    monkeypatch.setattr(unzip, "MAX_PART_BYTES", 1000)
    data = repacked([("a.xml", b"x" * 1001)])
    with pytest.raises(ReadError, match="解压后"):
        read_parts(data)
    assert read_parts(repacked([("a.xml", b"x" * 1000)])) == {"a.xml": b"x" * 1000}
    with pytest.raises(BrokenPackage):
        read_parts(b"PK\x03\x04 not a zip")


def test_read_limited_refuses_folders_pipes_and_oversized_files(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(FileRefused, match=r"2 KB.*1 KB 的上限"):
        read_limited(big, 1024)
    with pytest.raises(FileRefused, match="文件夹"):
        read_limited(tmp_path, 1024)
    with pytest.raises(FileRefused, match="不是普通文件"):
        read_limited(Path("/dev/zero"), 1024)
    assert read_limited(big, 2048) == b"x" * 2048


def test_a_huge_date_number_in_a_ledger_is_shown_short() -> None:
    assert show_cell(1e308) == "1e+308"
    assert show_cell(45356.0) == "45356"


def test_a_ledger_row_with_a_stray_cell_far_right_keeps_its_real_width(tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    path.write_text("编号,申请人\n1,张三" + "," * 5000 + "x\n", encoding="utf-8")
    sheet = read_sheets(path)[0]
    assert sheet.rows[0] == ("编号", "申请人")
    assert len(sheet.rows[1]) <= limits.MAX_LEDGER_COLUMNS and sheet.rows[1][:2] == ("1", "张三")


def test_every_limit_is_named_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    names = [name for name in dir(limits) if name.startswith("MAX_")]
    assert [name for name in names if name not in readme] == []
