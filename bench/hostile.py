"""Hostile files (issue 20): made at run time, each run through the program in a child
process under a memory limit and a time limit.

Run:  python bench/hostile.py [--full] [--only NAME] [--limit-mb 500]

Every case of issue 20's table and a few more per format: Word files with huge grids,
unpacked sizes, a renamed main part, zip directories that lie; web pages with spans,
codecs that are no text encodings, too many elements; PDFs with too many pages, pages
sharing one huge content stream, stream bombs, rulings, characters; ledgers declaring
A1:XFD1048576, zip bombs, 200 MB, rows and columns far out, a link to /dev/zero and a
pipe; answers files and flow caches. Each must end within 10 s and 500 MB with one
Chinese line and exit 1 or 2 (or read correctly). With --full the sizes are the issue's
(190 MB document.xml, a 1.9 GB part, 2,000 rows of spans …), each case in its own new
process, and the figures are printed: time, peak memory (the process's maximum
resident size, program and libraries included), exit code and message; then per
format the slowest and the largest case. Without --full the cases are small but still
over each limit (what tests/test_hostile.py runs, in one process).
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

SECONDS = 10.0
MEMORY_MB = 500


@dataclasses.dataclass(frozen=True)
class Case:
    """One hostile input: its format, how it is made, what the program is asked to do
    with it, and what must come out ("refused" with a word of the message, or "read")."""

    name: str
    format: str
    make: Callable[[Path, bool], list[str]]  # (folder, full) → argv of report-interview
    expect: str  # a word the one-line refusal holds; "" when it must read (exit 0 or 1)


# ---------------------------------------------------------------- Word (.docx)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    b'ContentType="application/xml"/></Types>'
)


def _rels(target: str) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        b'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        b'Target="' + target.encode() + b'"/></Relationships>'
    )


def _document(middle: bytes, before: bytes = b"", after: bytes = b"") -> list[bytes]:
    """A document.xml in three pieces, the middle one to be repeated."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'.encode()
    return [head + before, middle, after + b"</w:body></w:document>"]


def _docx(path: Path, main: str, pieces: list[bytes], repeat: int = 1, zip64: bool = True) -> None:
    """A package whose main part is `pieces` with its middle piece repeated, streamed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _rels(main))
        with package.open(main, "w", force_zip64=zip64) as part:
            part.write(pieces[0])
            for _ in range(repeat):
                part.write(pieces[1])
            part.write(pieces[2])


def docx_grid(folder: Path, full: bool) -> list[str]:
    cell = (
        b'<w:tc><w:tcPr><w:gridSpan w:val="99"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>'
    )
    row = b'<w:tr><w:trPr><w:gridBefore w:val="99"/></w:trPr>' + cell * 50 + b"</w:tr>"
    path = folder / "grid.docx"
    rows = 1000 if full else 20
    _docx(path, "word/document.xml", _document(row * rows, b"<w:tbl>", b"</w:tbl>"))
    return ["check", str(path)]


def docx_unpacked(folder: Path, full: bool) -> list[str]:
    paragraph = b"<w:p><w:r><w:t>" + "政府信息公开".encode() * 20 + b"</w:t></w:r></w:p>"
    path = folder / "paragraphs.docx"
    count = (190 if full else 17) * 1024 * 1024 // len(paragraph)
    _docx(path, "word/document.xml", _document(paragraph), repeat=count)
    return ["check", str(path)]


def docx_renamed_main(folder: Path, full: bool) -> list[str]:
    path = folder / "renamed.docx"
    block = b"<w:p><w:r><w:t>" + b"x" * 65000 + b"</w:t></w:r></w:p>"
    count = (1900 if full else 20) * 1024 * 1024 // len(block)
    _docx(path, "word/main.xml", _document(block), repeat=count)
    return ["check", str(path)]


def _lying(data: bytes, claimed: int) -> bytes:
    """A zip whose last member's unpacked size, in its directory entry and its local
    header, claims `claimed` bytes (whatever it really unpacks to)."""
    info = zipfile.ZipFile(io.BytesIO(data)).infolist()[-1]
    end = data.rindex(b"PK\x05\x06")
    position = int.from_bytes(data[end + 16 : end + 20], "little")
    last = position
    while data[position : position + 4] == b"PK\x01\x02":
        last = position
        name, extra, comment = (int.from_bytes(data[position + k : position + k + 2], "little")
                                for k in (28, 30, 32))  # fmt: skip
        position += 46 + name + extra + comment
    out = bytearray(data)
    out[last + 24 : last + 28] = claimed.to_bytes(4, "little")
    out[info.header_offset + 22 : info.header_offset + 26] = claimed.to_bytes(4, "little")
    return bytes(out)


def docx_lying_bomb(folder: Path, full: bool) -> list[str]:
    path = folder / "bomb.docx"
    filler = b"<w:p/>" * (1024 * 1024 // 6)
    pieces = _document(filler)
    _docx(path, "word/document.xml", pieces, repeat=1900 if full else 40, zip64=False)
    path.write_bytes(_lying(path.read_bytes(), 80 * 1024))
    return ["check", str(path)]


def docx_paragraph_count(folder: Path, full: bool) -> list[str]:
    path = folder / "many.docx"
    paragraph = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"
    _docx(path, "word/document.xml", _document(paragraph), repeat=25_000)
    return ["check", str(path)]


# ---------------------------------------------------------------- web pages (.html)


def html_spans(folder: Path, full: bool) -> list[str]:
    row = "<tr>" + '<td colspan="100" rowspan="100">1</td>' * 50 + "</tr>\n"
    path = folder / "spans.html"
    path.write_text(f"<html><body><table>{row * (2000 if full else 50)}</table></body></html>")
    return ["check", str(path)]


def html_oversized(folder: Path, full: bool) -> list[str]:
    row = "<tr>" + '<td colspan="100" rowspan="100">1</td>' * 50 + "</tr>\n"
    path = folder / "spans-38mb.html"
    path.write_text(f"<html><body><table>{row * (20_000 if full else 5_600)}</table></body></html>")
    return ["check", str(path)]


def html_elements(folder: Path, full: bool) -> list[str]:
    path = folder / "elements.html"
    path.write_text("<html><body>" + "<p>x</p>" * 1_100_000 + "</body></html>")
    return ["check", str(path)]


def html_codec(codec: str) -> Callable[[Path, bool], list[str]]:
    def make(folder: Path, full: bool) -> list[str]:
        path = folder / f"charset-{codec}.html"
        page = f'<html><head><meta charset="{codec}"></head><body><p>牛屯镇</p></body></html>'
        path.write_bytes(page.encode("utf-8"))
        return ["check", str(path)]

    return make


# ---------------------------------------------------------------- PDF


def _packed(data: bytes, repeat: int = 1) -> bytes:
    """data repeated `repeat` times, deflated as it is made (never whole in memory)."""
    packer = zlib.compressobj(9)
    return b"".join(packer.compress(data) for _ in range(repeat)) + packer.flush()


def _pdf(contents: list[bytes], *, shared: bool = False, packed: bool = False) -> bytes:
    """A PDF of one page per content (or every page running the first), Helvetica;
    `packed`: the contents are deflated already."""
    objects: list[bytes] = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]

    def stream(data: bytes) -> bytes:
        deflated = data if packed else zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
            len(deflated),
            deflated,
        )

    kids = []
    first = 0
    if shared:
        objects.append(stream(contents[0]))
        first = len(objects)
    for content in contents:
        if not shared:
            objects.append(stream(content))
        number = first if shared else len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % number
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _text_page(lines: int, chars: int) -> bytes:
    line = b"(" + (b"abcdefghij " * (chars // 11 + 1))[:chars] + b") ' "
    return b"BT /F1 8 Tf 20 820 Td 9 TL " + line * lines + b"ET"


def pdf_pages(folder: Path, full: bool) -> list[str]:
    path = folder / "pages.pdf"
    path.write_bytes(_pdf([_text_page(60, 80)] * (299 if full else 101)))
    return ["check", str(path)]


def pdf_shared_stream(folder: Path, full: bool) -> list[str]:
    """Pages sharing one content stream of 100,000 text objects."""
    path = folder / "shared.pdf"
    content = b"BT /F1 8 Tf 20 820 Td " + b"(a) Tj " * 100_000 + b"ET"
    path.write_bytes(_pdf([content] * (99 if full else 5), shared=True))
    return ["check", str(path)]


def pdf_shared_chars(folder: Path, full: bool) -> list[str]:
    """Pages sharing one short stream that draws 100,000 characters."""
    path = folder / "shared-chars.pdf"
    content = b"BT /F1 8 Tf 20 820 Td (" + b"a" * 100_000 + b") Tj ET"
    path.write_bytes(_pdf([content] * (99 if full else 5), shared=True))
    return ["check", str(path)]


def pdf_shared_operators(folder: Path, full: bool) -> list[str]:
    path = folder / "operators.pdf"
    # Draws nothing, just under a page's content limit: the document's stops it (the
    # slowest content pdfminer runs: each q copies the graphics state)
    content = b"q Q " * (62_000 if full else 100_000)
    path.write_bytes(_pdf([content] * 30, shared=True))
    return ["check", str(path)]


def pdf_stream_bomb(folder: Path, full: bool) -> list[str]:
    path = folder / "bomb.pdf"
    bomb = _packed(b" " * 1024 * 1024, 1000 if full else 70)  # a comment of 1,000 MB of spaces
    path.write_bytes(_pdf([bomb], packed=True))
    return ["check", str(path)]


def _rulings(count: int) -> bytes:
    """A page of `count` rulings, half across and half down (a grid: every crossing is
    an intersection pdfplumber's table finder looks at), and a line of text."""
    across = b"".join(b"20 %d m 575 %d l S " % (20 + y * 800 // count, 20 + y * 800 // count)
                      for y in range(count // 2))  # fmt: skip
    down = b"".join(b"%d 20 m %d 820 l S " % (20 + x * 555 // count, 20 + x * 555 // count)
                    for x in range(count - count // 2))  # fmt: skip
    return _text_page(20, 60) + b" " + across + down


def pdf_rulings(folder: Path, full: bool) -> list[str]:
    path = folder / "rulings.pdf"
    path.write_bytes(_pdf([_rulings(3_500)]))
    return ["check", str(path)]


def pdf_rulings_within(folder: Path, full: bool) -> list[str]:
    path = folder / "grid.pdf"
    path.write_bytes(_pdf([_rulings(2_900 if full else 600)] * (3 if full else 1)))
    return ["check", str(path)]


def pdf_within(folder: Path, full: bool) -> list[str]:
    """As many characters as the limits let through: 4 full pages of 9,900."""
    path = folder / "long-report.pdf"
    path.write_bytes(_pdf([_text_page(110, 90) if full else _text_page(12, 80)] * 4))
    return ["check", str(path)]


# ---------------------------------------------------------------- ledgers

_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships"><sheets><sheet name="2024" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    b'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    b'.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b"</Relationships>"
)
_XLSX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
    b'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
    b'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'spreadsheetml.worksheet+xml"/></Types>'
)


def _cells(row: int, values: list[str]) -> bytes:
    cells = b"".join(
        b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (bytes([65 + i]), row, value.encode())
        for i, value in enumerate(values)
    )
    return b'<row r="%d">%s</row>' % (row, cells)


_LEDGER = [["编号", "申请人", "收到申请日期", "答复日期", "处理结果"],
           ["1", "张三", "2024-01-08", "2024-01-30", "予以公开"],
           ["2", "李四", "2024-02-08", "2024-02-20", "予以公开"]]  # fmt: skip


def _xlsx(path: Path, pieces: list[bytes], repeat: int = 1, zip64: bool = True) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _XLSX_TYPES)
        package.writestr("_rels/.rels", _rels("xl/workbook.xml"))
        package.writestr("xl/workbook.xml", _WORKBOOK)
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=zip64) as part:
            part.write(pieces[0])
            for _ in range(repeat):
                part.write(pieces[1])
            part.write(pieces[2])


def _ledger_argv(path: Path) -> list[str]:
    return ["new", "--year", "2024", "--ledger", str(path), "--no-input"]


def xlsx_declared(folder: Path, full: bool) -> list[str]:
    path = folder / "declared.xlsx"
    rows = b"".join(_cells(n, values) for n, values in enumerate(_LEDGER, 1))
    _xlsx(path, [_SHEET_HEAD, rows, _SHEET_TAIL])
    return _ledger_argv(path)


def xlsx_bomb(folder: Path, full: bool) -> list[str]:
    path = folder / "bomb.xlsx"
    filler = b'<row r="1"><c r="A1"/></row>' * 40_000
    _xlsx(path, [_SHEET_HEAD, filler, _SHEET_TAIL], repeat=2000 if full else 20)
    return _ledger_argv(path)


def xlsx_lying_bomb(folder: Path, full: bool) -> list[str]:
    path = folder / "lying.xlsx"
    filler = b'<row r="1"><c r="A1"/></row>' * 40_000
    _xlsx(path, [_SHEET_HEAD, filler, _SHEET_TAIL], repeat=1500 if full else 20, zip64=False)
    path.write_bytes(_lying(path.read_bytes(), 1700))
    return _ledger_argv(path)


def xlsx_far_right(folder: Path, full: bool) -> list[str]:
    path = folder / "far-right.xlsx"
    count = 50_000 if full else 2_000
    rows = b"".join(
        b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (n, n) for n in range(1, count)
    )
    _xlsx(path, [_SHEET_HEAD, rows, _SHEET_TAIL])
    return _ledger_argv(path)


def csv_oversized(folder: Path, full: bool) -> list[str]:
    path = folder / "ledger.csv"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: refused by its size, never read
    return _ledger_argv(path)


def csv_rows(folder: Path, full: bool) -> list[str]:
    path = folder / "rows.csv"
    path.write_text("编号,申请人,收到申请日期,处理结果\n" + "1,张三,2024-01-08,予以公开\n" * 60_000)
    return _ledger_argv(path)


def csv_wide(folder: Path, full: bool) -> list[str]:
    path = folder / "wide.csv"
    path.write_text(",".join(["a"] * 1_000_000) + "\n")
    return _ledger_argv(path)


def ledger_dev_zero(folder: Path, full: bool) -> list[str]:
    path = folder / "zero.csv"
    path.symlink_to("/dev/zero")
    return _ledger_argv(path)


def ledger_fifo(folder: Path, full: bool) -> list[str]:
    path = folder / "pipe.xlsx"
    os.mkfifo(path)
    return _ledger_argv(path)


# ---------------------------------------------------------------- answers files, flows, text


def answers_events(folder: Path, full: bool) -> list[str]:
    path = folder / "answers.yaml"
    path.write_text("org_name: [" + "a," * 2_000_000 + "a]\n")
    return ["new", "--answers", str(path), "--no-input"]


def answers_oversized(folder: Path, full: bool) -> list[str]:
    path = folder / "big-answers.yaml"
    path.write_text("# " + "x" * (6 * 1024 * 1024) + "\n")
    return ["new", "--answers", str(path), "--no-input"]


def answers_fifo(folder: Path, full: bool) -> list[str]:
    path = folder / "answers-pipe.yaml"
    os.mkfifo(path)
    return ["new", "--answers", str(path), "--no-input"]


def flow_cache(folder: Path, full: bool) -> list[str]:
    """A locally edited flow whose cache is 6 MB of nesting: ignored, the YAML parsed."""
    from report_interview.flow.loader import _cache_path, default_flow_path

    path = folder / "flow.yaml"
    data = default_flow_path().read_bytes() + b"\n# edited\n"
    path.write_bytes(data)
    cache = _cache_path(folder / "cache", path, data)
    cache.parent.mkdir()
    cache.write_bytes(b'{"stamp": ' + b"[" * (6 * 1024 * 1024) + b"]" * (6 * 1024 * 1024) + b"}")
    return ["--flow", str(path), str(folder / "cache")]


def text_lines(folder: Path, full: bool) -> list[str]:
    path = folder / "lines.txt"
    path.write_text("行\n" * 250_000)
    return ["check", str(path)]


def text_long_line(folder: Path, full: bool) -> list[str]:
    path = folder / "one-line.txt"
    path.write_text("1 2\t3 " * (550_000 if full else 50_000))
    return ["check", str(path)]


CASES = [
    Case("docx-grid-spans", "docx", docx_grid, "列数"),
    Case("docx-190mb-document", "docx", docx_unpacked, "解压后"),
    Case("docx-renamed-main-part", "docx", docx_renamed_main, "解压后"),
    Case("docx-zip-directory-lies", "docx", docx_lying_bomb, "损坏"),
    Case("docx-25000-paragraphs", "docx", docx_paragraph_count, "段落"),
    Case("html-colspan-rowspan", "html", html_spans, "列数"),
    Case("html-38mb", "html", html_oversized, "上限"),
    Case("html-1m-elements", "html", html_elements, "元素"),
    *(Case(f"html-charset-{c}", "html", html_codec(c), "不像是")
      for c in ("base64", "bz2", "hex", "rot_13", "uu", "zlib", "idna", "undefined")),
    Case("pdf-299-pages", "pdf", pdf_pages, "页"),
    Case("pdf-shared-100000-objects", "pdf", pdf_shared_stream, "内容"),
    Case("pdf-shared-100000-chars", "pdf", pdf_shared_chars, "字符"),
    Case("pdf-shared-100000-operators", "pdf", pdf_shared_operators, "内容"),
    Case("pdf-stream-bomb", "pdf", pdf_stream_bomb, "解压后"),
    Case("pdf-rulings", "pdf", pdf_rulings, "线条"),
    Case("pdf-rulings-within-limits", "pdf", pdf_rulings_within, "不像是"),
    Case("pdf-within-limits", "pdf", pdf_within, "不像是"),
    Case("xlsx-declared-XFD1048576", "ledger", xlsx_declared, ""),
    Case("xlsx-zip-bomb", "ledger", xlsx_bomb, "解压后"),
    Case("xlsx-zip-directory-lies", "ledger", xlsx_lying_bomb, "损坏"),
    Case("xlsx-cells-at-XFD", "ledger", xlsx_far_right, "台账是空的"),
    Case("csv-200mb", "ledger", csv_oversized, "上限"),
    Case("csv-60000-rows", "ledger", csv_rows, "行"),
    Case("csv-1m-columns", "ledger", csv_wide, "找不到表头"),
    Case("ledger-link-to-dev-zero", "ledger", ledger_dev_zero, "不是普通文件"),
    Case("ledger-fifo", "ledger", ledger_fifo, "不是普通文件"),
    Case("answers-2m-items", "answers", answers_events, "上限"),
    Case("answers-6mb", "answers", answers_oversized, "上限"),
    Case("answers-fifo", "answers", answers_fifo, "不是普通文件"),
    Case("flow-cache-6mb", "flow", flow_cache, ""),
    Case("txt-250000-lines", "txt", text_lines, "行数"),
    Case("txt-one-3mb-line", "txt", text_long_line, "不像是"),
]  # fmt: skip

# ---------------------------------------------------------------- the child process

CHILD = r"""
import contextlib, io, json, os, resource, sys, time, traceback
os.environ["REPORT_INTERVIEW_HOME"] = sys.argv[2]
from report_interview.cli.main import main
from report_interview.flow.loader import load_flow
import docx, lxml.html, openpyxl, pdfplumber, python_calamine  # the libraries, loaded first

def vm_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")

limit = int(sys.argv[1]) * 1024 * 1024
try:  # the budget on top of the program with its libraries loaded
    cap = vm_bytes() + limit
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    limited = True
except (OSError, ValueError, AttributeError):
    limited = False
for name, argv in json.loads(sys.stdin.read()):
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            if argv[0] == "--flow":
                load_flow(__import__("pathlib").Path(argv[1]), cache_dir=__import__("pathlib").Path(argv[2]))
                code = 0
            else:
                code = main(argv)
        except SystemExit as exc:
            code = exc.code
        except BaseException:
            code = "crash"
            err.write(traceback.format_exc())
    took = time.perf_counter() - start
    try:  # the peak of this process since exec (ru_maxrss keeps the parent's from before)
        with open("/proc/self/status") as status:
            peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) // 1024
    except (OSError, StopIteration):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps({"name": name, "code": code, "seconds": took, "peak_mb": peak,
                      "limited": limited, "out": out.getvalue()[-3000:],
                      "err": err.getvalue()[-3000:]}, ensure_ascii=False), flush=True)
"""


def run_cases(
    cases: list[Case], folder: Path, *, full: bool, limit_mb: int = MEMORY_MB, timeout: float = 300
) -> list[dict[str, object]]:
    """Make each case in folder and run them all in one child process (in order), under
    RLIMIT_AS (the program with its libraries, plus limit_mb) and a time limit; one
    result per case that finished (a case that crashed the child ends the list)."""
    argvs = []
    for case in cases:
        place = folder / case.name
        place.mkdir()
        argvs.append([case.name, case.make(place, full)])
    home = folder / "home"
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(limit_mb), str(home)],
        input=json.dumps(argvs),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    results = [json.loads(line) for line in child.stdout.splitlines() if line.startswith("{")]
    if len(results) < len(cases):
        results.append(
            {"name": cases[len(results)].name, "code": "died", "err": child.stderr[-3000:]}
        )
    return results


def last_line(text: str) -> str:
    lines = [line for line in str(text).splitlines() if line.strip()]
    return lines[-1] if lines else ""


def verdict(case: Case, result: dict[str, object]) -> str | None:
    """Why a result breaks the rules, or None: exit 1 or 2 with one Chinese line (the
    refusal naming its limit), or read (exit 0 or 1); never a traceback; in time."""
    code, err = result.get("code"), str(result.get("err", ""))
    if code not in (0, 1, 2) or "Traceback" in err:
        return f"exit {code}: {err[-500:]}"
    if float(str(result.get("seconds", 99))) > SECONDS:
        return f"took {result['seconds']:.1f} s"
    message = last_line(err)
    if not case.expect and code not in (0, 1):
        return f"expected it read, got exit {code}: {message}"
    if case.expect and (code != 2 or case.expect not in message):
        return f"expected a refusal with “{case.expect}”, got exit {code}: {message}"
    if code == 2 and not any("\u4e00" <= ch <= "\u9fff" for ch in message):
        return f"not one Chinese line: {message!r}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the issue's sizes, one process each")
    parser.add_argument("--only", help="run the cases whose name holds this")
    parser.add_argument("--limit-mb", type=int, default=MEMORY_MB)
    args = parser.parse_args()
    chosen = [case for case in CASES if not args.only or args.only in case.name]
    rows: list[tuple[Case, dict[str, object]]] = []
    for case in chosen:
        with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
            size = 0
            (result,) = run_cases([case], Path(folder), full=args.full, limit_mb=args.limit_mb)
            for file in (Path(folder) / case.name).iterdir():
                size = file.lstat().st_size if file.is_file() and not file.is_symlink() else 0
            result["size"] = size
        rows.append((case, result))
        problem = verdict(case, result)
        print(f"{case.name:32} {float(str(result.get('seconds', 0))):6.2f} s "
              f"{result.get('peak_mb', '-'):>5} MB  exit {result.get('code')}  "
              f"{'OK ' if problem is None else 'BAD'} {problem or last_line(str(result.get('err')))[:70]}",
              flush=True)  # fmt: skip
    print("\nslowest and largest (peak memory) per format:")
    for fmt in dict.fromkeys(case.format for case, _ in rows):
        mine = [(c, r) for c, r in rows if c.format == fmt]
        slow = max(mine, key=lambda pair: float(str(pair[1].get("seconds", 0))))
        big = max(mine, key=lambda pair: int(str(pair[1].get("peak_mb", 0))))
        print(f"  {fmt:8} slowest {slow[0].name} {float(str(slow[1].get('seconds'))):.2f} s; "
              f"largest {big[0].name} {big[1].get('peak_mb')} MB")  # fmt: skip
    return 0 if all(verdict(case, result) is None for case, result in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
