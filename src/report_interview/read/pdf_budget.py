"""The PDF reader's budget: what a PDF unpacks to and what its pages draw, counted while
pdfminer works and refused at the limits of limits.py, before pdfplumber lays anything
out.

- Streams (page contents, forms, fonts, object and cross-reference streams) are unpacked
  by pdfminer with zlib, LZW and RunLength decoders that know no bound: a few kilobytes
  can unpack to gigabytes. `unpacking()` installs bounded decoders in pdfminer for one
  read, sharing one budget (MAX_PDF_UNPACKED) across the document.
- A page is interpreted by `lay_out`, with a device that counts the characters and the
  paths (rulings) it draws and an interpreter that counts the content it runs — forms
  and a stream shared by many pages counted each time they are run — refusing a page
  or a document over the limits as soon as it passes them. The layout is handed to
  pdfplumber, which then does not interpret the page a second time.

The only module besides read/pdf.py that imports pdfminer or pdfplumber.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import Any

from pdfminer import pdftypes
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import list_value, stream_value
from pdfminer.utils import MATRIX_IDENTITY
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

from ..limits import (
    MAX_PDF_CHARS,
    MAX_PDF_CONTENT,
    MAX_PDF_PAGE_CHARS,
    MAX_PDF_PAGE_CONTENT,
    MAX_PDF_PAGE_PATHS,
    MAX_PDF_PAGES,
    MAX_PDF_PATHS,
    MAX_PDF_SECONDS,
    MAX_PDF_UNPACKED,
    megabytes,
)
from .budget import too_large
from .errors import ReadError

_CHUNK = 256 * 1024
_MAX_RUN_LENGTH_INPUT = 4 * 1024 * 1024  # RunLength is decoded in Python: byte by byte


class OverBudget(Exception):
    """Raised inside pdfminer; carries the ReadError to give (pdfplumber wraps whatever
    pdfminer raises, so the reader looks for this one in the chain)."""

    def __init__(self, error: ReadError) -> None:
        super().__init__(str(error))
        self.error = error


def over_budget(exc: BaseException) -> ReadError | None:
    """The refusal an exception (or one it was raised from) carries, if any."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return None
        if isinstance(seen, OverBudget):
            return seen.error
        seen = seen.__cause__ or seen.__context__ or (seen.args[0] if seen.args else None)
        seen = seen if isinstance(seen, BaseException) else None
    return None


# ---------------------------------------------------------------- unpacking


class _Unpacked:
    """What the document's streams have unpacked to so far."""

    def __init__(self) -> None:
        self.left = MAX_PDF_UNPACKED

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise OverBudget(too_large("PDF 中的数据解压后", megabytes(MAX_PDF_UNPACKED)))


_BUDGET = _Unpacked()


class _BoundedZlib:
    """What pdftypes uses of zlib, with every output counted against the budget. A
    stream that is damaged at its end gives what came before the damage (pdfminer's own
    recovery does the same, byte by byte and without a bound)."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes) -> bytes:
        decoder = zlib.decompressobj()
        parts: list[bytes] = []
        try:
            for start in range(0, len(data), _CHUNK):
                chunk = data[start : start + _CHUNK]
                while chunk and not decoder.eof:
                    part = decoder.decompress(chunk, max(_BUDGET.left, 0) + 1)
                    _BUDGET.take(len(part))
                    parts.append(part)
                    chunk = decoder.unconsumed_tail
                if decoder.eof:
                    break
        except zlib.error:
            if not parts:
                raise
        return b"".join(parts)

    @staticmethod
    def decompressobj() -> Any:
        """pdfminer's byte-by-byte recovery, reached only when `decompress` found nothing:
        there is nothing to recover."""
        return _Refusing()


class _Refusing:
    @staticmethod
    def decompress(data: bytes) -> bytes:
        raise zlib.error("damaged stream")


def _lzwdecode(data: bytes) -> bytes:
    parts = []
    for part in LZWDecoder(BytesIO(data)).run():
        _BUDGET.take(len(part))
        parts.append(part)
    return b"".join(parts)


def _rldecode(data: bytes) -> bytes:
    """RunLength (PDF Reference 3.3.4), counted against the budget as it grows."""
    if len(data) > _MAX_RUN_LENGTH_INPUT:
        raise OverBudget(too_large("PDF 中的 RunLength 数据", megabytes(_MAX_RUN_LENGTH_INPUT)))
    out = bytearray()
    index = 0
    while index < len(data) and data[index] != 128:
        length = data[index]
        if length < 128:
            piece = data[index + 1 : index + 2 + length]
            index += length + 2
        else:
            piece = data[index + 1 : index + 2] * (257 - length)
            index += 2
        _BUDGET.take(len(piece))
        out += piece
    return bytes(out)


_DECODERS = ("zlib", "lzwdecode", "rldecode")  # the names pdftypes decodes streams with


@contextmanager
def unpacking() -> Iterator[None]:
    """pdfminer's stream decoders bounded, with a fresh budget, for one document."""
    saved = {name: getattr(pdftypes, name) for name in _DECODERS}
    _BUDGET.left = MAX_PDF_UNPACKED
    bounded: dict[str, Any] = {"zlib": _BoundedZlib, "lzwdecode": _lzwdecode, "rldecode": _rldecode}
    for name in _DECODERS:
        setattr(pdftypes, name, bounded[name])
    try:
        yield
    finally:
        for name, decoder in saved.items():
            setattr(pdftypes, name, decoder)


# ---------------------------------------------------------------- pages


def check_page_count(document: Any) -> int:
    """The number of pages, counted along the page tree and refused past MAX_PDF_PAGES
    without making the rest (a tree may claim or hold millions)."""
    count = 0
    for count, _ in enumerate(PDFPage.create_pages(document), start=1):
        if count > MAX_PDF_PAGES:
            raise ReadError(
                f"PDF 超过 {MAX_PDF_PAGES} 页，不像是一份年度报告；请给出报告本身的文件。"
            )
    return count


class PageBudget:
    """What the pages of one document draw and run, against the limits."""

    def __init__(self) -> None:
        self.chars = self.paths = self.content = 0
        self.page_chars = self.page_paths = self.page_content = 0
        self.deadline = time.monotonic() + MAX_PDF_SECONDS

    def start_page(self) -> None:
        self.page_chars = self.page_paths = self.page_content = 0

    def char(self) -> None:
        self.chars += 1
        self.page_chars += 1
        if self.page_chars > MAX_PDF_PAGE_CHARS:
            raise OverBudget(too_large("PDF 一页上的字符", f"{MAX_PDF_PAGE_CHARS:,} 个"))
        if self.chars > MAX_PDF_CHARS:
            raise OverBudget(too_large("PDF 的字符", f"{MAX_PDF_CHARS:,} 个"))
        if not self.chars % 1000:
            self.in_time()

    def path(self) -> None:
        self.paths += 1
        self.page_paths += 1
        if self.page_paths > MAX_PDF_PAGE_PATHS:
            raise OverBudget(too_large("PDF 一页上的线条和图形", f"{MAX_PDF_PAGE_PATHS:,} 个"))
        if self.paths > MAX_PDF_PATHS:
            raise OverBudget(too_large("PDF 的线条和图形", f"{MAX_PDF_PATHS:,} 个"))

    def run(self, size: int) -> None:
        """Content about to be run: a page's stream or a form's."""
        self.content += size
        self.page_content += size
        if self.page_content > MAX_PDF_PAGE_CONTENT:
            raise OverBudget(too_large("PDF 一页的内容", megabytes(MAX_PDF_PAGE_CONTENT)))
        if self.content > MAX_PDF_CONTENT:
            raise OverBudget(too_large("PDF 各页的内容", megabytes(MAX_PDF_CONTENT)))
        self.in_time()

    def in_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise OverBudget(
                ReadError(
                    f"PDF 读取超过 {MAX_PDF_SECONDS:.0f} 秒仍未完成，内容过于复杂，"
                    "不像是一份年度报告；请给出 Word 或文字版。"
                )
            )


class _CountingDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's own device, counting what the page draws."""

    budget: PageBudget

    def render_char(self, *args: Any, **kwargs: Any) -> Any:
        self.budget.char()
        return super().render_char(*args, **kwargs)

    def paint_path(self, *args: Any, **kwargs: Any) -> Any:
        self.budget.path()
        return super().paint_path(*args, **kwargs)


class _CountingInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter, counting the content it runs (forms run by `Do` come
    here too: pdfminer runs them through a copy of this interpreter)."""

    def render_contents(self, resources: Any, streams: Any, ctm: Any = MATRIX_IDENTITY) -> None:
        budget: PageBudget = self.device.budget  # type: ignore[attr-defined]
        for stream in list_value(streams):
            budget.run(len(stream_value(stream).get_data()))
        super().render_contents(resources, streams, ctm=ctm)


def lay_out(page: Any, budget: PageBudget) -> None:
    """Interpret one pdfplumber page within the budget and keep its layout on the page,
    where pdfplumber looks for it (its `layout` property), so it is not made again."""
    budget.start_page()
    device = _CountingDevice(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    device.budget = budget
    _CountingInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()
