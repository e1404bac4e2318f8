"""A report file of any kind → ReportData: the one front door of the readers.

The reader is chosen by the file's first bytes, then its suffix: report data (.json),
published text (.txt/.md/.text), Word (.docx), web page (.html/.htm/.shtml) and PDF.
Each reader's library is imported only when a file of its kind is met, so checking a
text never loads python-docx, lxml or pdfplumber. Everything that cannot be read — a
missing file, a folder, a pipe or device (never opened, so a FIFO cannot block), a file
over its size limit (limits.py), .doc/.wps/.et, a broken or encrypted file, an unknown
kind, a file that unpacks beyond the readers' budget — raises ReadError with one
Chinese line saying what to do.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

from ..files import FileRefused, read_limited
from ..limits import MAX_REPORT_BYTES, MAX_TEXT_BYTES, megabytes
from ..report.data import ReportData, ReportDataError, load_report_json
from .errors import NotAReportError, ReadError

MAX_BYTES = MAX_REPORT_BYTES
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
    if fmt in ("json", "text", "web") and len(data) > MAX_TEXT_BYTES:
        raise ReadError(
            f"文件有 {megabytes(len(data))}，超过 {megabytes(MAX_TEXT_BYTES)} 的上限（文本和网页），"
            "不像是一份年度报告；请给出报告本身的文件。"
        )
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
        return read_limited(path, MAX_BYTES)
    except FileRefused as exc:
        message = str(exc)
        if "上限" in message:
            message += "不像是一份年度报告；请给出报告本身的文件。"
        elif "文件夹" in message:
            message = "这是一个文件夹，请给出报告文件。"
        raise ReadError(message) from None


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
