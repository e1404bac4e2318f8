"""A report file of any kind → ReportData: the one front door of the readers.

The reader is chosen by the file's first bytes, then its suffix: report data (.json),
published text (.txt/.md/.text), Word (.docx), web page (.html/.htm/.shtml) and PDF.
Each reader's library is imported only when a file of its kind is met, so checking a
text never loads python-docx, lxml or pdfplumber. Everything that cannot be read — a
missing file, a folder, a pipe or device (never opened, so a FIFO cannot block), a file
over MAX_BYTES, .doc/.wps/.et, a broken or encrypted file, an unknown kind — raises
ReadError with one Chinese line saying what to do.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from pathlib import Path

from ..report.data import ReportData, ReportDataError, load_report_json
from .errors import NotAReportError, ReadError

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
WEB_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
OLD_OFFICE_SUFFIXES = (".doc", ".wps", ".rtf")
# Spreadsheets and slides are never a report: a folder lists them as skipped.
NOT_REPORT_SUFFIXES = (".xls", ".xlsx", ".xlsm", ".et", ".ods", ".csv", ".dps", ".ppt", ".pptx")
READABLE_SUFFIXES = (".json", *TEXT_SUFFIXES, ".docx", *WEB_SUFFIXES, ".pdf")
# Suffixes a folder check looks at: readable ones, old Word files to say they must be
# saved as .docx, and spreadsheets and slides to say they are no report.
REPORT_FILE_SUFFIXES = (*READABLE_SUFFIXES, *OLD_OFFICE_SUFFIXES, *NOT_REPORT_SUFFIXES)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.wps/.et, and Office files with a password
_ZIP = b"PK\x03\x04"
_SAVE_AS_DOCX = "请用 Word/WPS 打开，另存为 .docx（“Word 文档”，不设密码）后再试。"


def read_report_file(path: Path) -> ReportData:
    """Any report file → ReportData; ReadError (one Chinese line) when it cannot be."""
    data = _read_bytes(path)
    fmt = file_kind(path.suffix.lower(), data[:64])
    if fmt == "json":
        return _read_json(data)
    if fmt == "text":
        from .text import read_report

        return read_report(decode_text(data))
    if fmt == "docx":
        from .word import read_docx

        return read_docx(data)
    if fmt == "web":
        from .web import read_web_page

        return read_web_page(data)
    from .pdf import read_pdf

    return read_pdf(data)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, after making sure it is a regular file of a sane size."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ReadError("找不到文件。") from None
    except OSError as exc:
        raise ReadError(f"无法读取：{exc.strerror}。") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError("这是一个文件夹，请给出报告文件。")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError("这不是普通文件（可能是管道或设备），不能读取。")
    if info.st_size > MAX_BYTES:
        raise ReadError(
            f"文件有 {info.st_size // (1024 * 1024)} MB，超过 {MAX_BYTES // (1024 * 1024)} MB，"
            "不像是一份年度报告；请给出报告本身的文件。"
        )
    try:
        return _read_regular(path)
    except OSError as exc:
        raise ReadError(f"无法读取：{exc.strerror}。") from None


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file. Opened without blocking and checked again on the
    open descriptor, so a file swapped for a pipe after the first look cannot hang."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ReadError("这不是普通文件（可能是管道或设备），不能读取。")
        return handle.read(MAX_BYTES + 1)


_MARKUP = re.compile(rb"\s*(?:\xef\xbb\xbf)?\s*<(?:!doctype|html|\?xml|head|meta|body|!--)", re.I)


def file_kind(suffix: str, head: bytes) -> str:
    """Which reader a file needs: "json", "text", "docx", "web" or "pdf". The first bytes
    decide before the suffix: sites often offer a web page named .doc (Word's “save as
    web page”), and a .docx with a password is an OLE file."""
    if suffix in NOT_REPORT_SUFFIXES:
        raise NotAReportError(f"这是电子表格或演示文稿（{suffix}），不是年度报告。")
    if head.startswith(_OLE):
        raise ReadError(
            f"这是旧版 Word/WPS 格式（.doc、.wps、.et）或加了密码的文件，读不了；{_SAVE_AS_DOCX}"
        )
    if head.startswith(b"{\\rtf"):
        raise ReadError(f"这是 RTF 格式的文件，读不了；{_SAVE_AS_DOCX}")
    if head.startswith(b"%PDF") or suffix == ".pdf":
        return "pdf"
    if head.startswith(_ZIP) or suffix == ".docx":
        if suffix not in (".docx", ".docm"):
            raise ReadError("这是一个压缩包，不是报告文件；请解压后给出其中的报告。")
        return "docx"
    if suffix in WEB_SUFFIXES or (suffix in OLD_OFFICE_SUFFIXES and _MARKUP.match(head)):
        return "web"
    if suffix in OLD_OFFICE_SUFFIXES:
        raise ReadError(f"这是旧版 Word/WPS 格式（.doc、.wps、.et）的文件，读不了；{_SAVE_AS_DOCX}")
    if suffix == ".json":
        return "json"
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise ReadError(
        "不认识这种文件；能读取的有：报告数据 .json、文本 .txt/.md、Word .docx、"
        "网页 .html/.htm/.shtml 和 PDF。"
    )


def decode_text(data: bytes) -> str:
    """A text file's characters: UTF-8 (with or without BOM), UTF-16 with a BOM, or the
    GB18030 family (GBK, GB2312) that Chinese Windows editors save by default."""
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("不是文本文件，或编码无法识别；请另存为 UTF-8 文本后再试。")


_REPORT_KEYS = ("org", "proactive", "applications", "appeals")


def _read_json(data: bytes) -> ReportData:
    """Report data JSON; its Chinese errors as ReadError. Valid JSON naming none of the
    report's keys (a configuration, another program's data) is no report."""
    text = decode_text(data)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        value = None  # load_report_json says what is wrong with it
    if value is not None and not (
        isinstance(value, dict) and any(k in value for k in _REPORT_KEYS)
    ):
        raise NotAReportError(
            "这个 JSON 文件不是报告数据（没有 org、proactive、applications 等键）。"
        )
    try:
        return load_report_json(text)
    except ReportDataError as exc:
        raise ReadError(str(exc)) from None
