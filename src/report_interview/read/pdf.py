"""A report in PDF → ReportData, through pdfplumber (the only module that imports it).

A text PDF made from Word or WPS has ruled tables: pdfplumber finds them from their
visible rules (WPS shades every line of text with a filled rectangle, whose edges are
no rules) and gives each row's cells (None where a merged cell covers the grid — a
blank cell, as in the tab layout). The text outside the tables is read as lines with
their positions — a 、，。 that WPS sets past the right margin stays on its line — and
joined into paragraphs: a line indented past the text's left margin starts a paragraph,
a line ending short of the right margin ends one (公文 paragraphs have an indented first
line); page numbers ("— 2 —") are dropped. A PDF without ruled tables is read through
pdfplumber's layout text (cells separated by runs of spaces, pages by form feeds), which
the text reader knows. A scanned PDF has no text layer: it is refused with a message
saying a Word or text copy is needed; an encrypted one, that its password must go.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from ..report.data import ReportData
from .blocks import LayoutText
from .errors import ReadError
from .pages import PAGE_NUMBER
from .pdf_budget import PageBudget, check_page_count, lay_out, over_budget, unpacking
from .text import read_report

_SCANNED = (
    "这个 PDF 是扫描图片，没有文字层，程序读不了其中的文字；需要 Word 或文字版"
    "（能选中、复制文字的 PDF），或请发布单位提供 .docx。"
)
_ENCRYPTED = (
    "这个 PDF 加了密码，读不了；请用设置密码的软件去掉密码（或另存一份不加密的 PDF）后再试。"
)
_RULE_WIDTH = 2.0  # points: a filled rectangle no thicker than this is a drawn line
_MIN_CHARS_PER_PAGE = 20  # a report page holds hundreds; a scan at most a page number
_BROKEN = "PDF 文件已损坏或不完整（可能没有下载完）；请重新下载后再试。"


class _Paragraphs:
    """Joins a page's text lines into paragraphs by indent and line length."""

    def __init__(self, out: LayoutText) -> None:
        self.out = out
        self.words: list[str] = []

    def flush(self) -> None:
        """End the paragraph being collected."""
        self.out.paragraph("".join(self.words))
        self.words = []

    def line(self, text: str, starts: bool, ends: bool) -> None:
        """One line: it may start a paragraph, end one, or both."""
        if starts:
            self.flush()
        self.words.append(text)
        if ends:
            self.flush()


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether an object's centre lies in one of the boxes (a table's text)."""
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


@dataclass(frozen=True)
class _Line:
    """A text line outside the tables: where it sits, its type size and text."""

    top: float
    x0: float
    x1: float
    size: float
    text: str


def _line_text(chars: list[dict[str, Any]]) -> str:
    """A line's text from its characters. Justification spreads a line evenly, so a
    space is a gap wider than the line's usual gap by a quarter of the type size — a
    typed space ("2022 年") — not merely any gap."""
    glyphs = [char for char in chars if not char["text"].isspace()]
    gaps = [b["x0"] - a["x1"] for a, b in pairwise(glyphs)]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
    text = glyphs[0]["text"] if glyphs else ""
    for gap, char in zip(gaps, glyphs[1:], strict=True):
        text += (" " if gap - usual > 0.25 * char["size"] else "") + char["text"]
    return text


def _is_background(obj: dict[str, Any]) -> bool:
    """A filled, unstroked rectangle wider and taller than a rule: the shading WPS puts
    behind each line of text, whose invisible edges are no table lines. A thin filled
    rectangle is a drawn rule (as LibreOffice and Word draw table borders)."""
    if obj.get("object_type") != "rect" or obj.get("stroke") or not obj.get("fill"):
        return False
    return bool(min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]) > _RULE_WIDTH)


def _tables(page: Any) -> list[Any]:
    """The page's ruled tables, found from its visible lines only; a "table" of a single
    column is a frame around text, whose lines are read as text. A table broken by a
    page has no rule under its last row (or over its first): the ends of its column
    rules close it, so that row is not lost."""
    ruled = page.filter(lambda obj: not _is_background(obj))
    edges = ruled.edges
    rows = [edge["top"] for edge in edges if edge["orientation"] == "h"]
    ends = {
        end
        for edge in edges
        if edge["orientation"] == "v"
        for end in (round(edge["top"], 1), round(edge["bottom"], 1))
        if all(abs(end - row) > _RULE_WIDTH for row in rows)
    }
    settings = {"explicit_horizontal_lines": sorted(ends)} if ends else {}
    return [table for table in ruled.find_tables(settings) if len(table.columns) > 1]


def _page_items(page: Any) -> list[tuple[float, Any]]:
    """(top, item) of the page's ruled tables (rows of cell texts) and of its text lines
    outside them, top to bottom; page numbers left out."""
    tables = _tables(page)
    boxes = [table.bbox for table in tables]
    items: list[tuple[float, Any]] = [(table.bbox[1], _rows(table)) for table in tables]
    rest = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    for line in rest.extract_text_lines(return_chars=True):
        text = _line_text(line["chars"])
        if text and not PAGE_NUMBER.fullmatch(text):
            size = line["chars"][0]["size"] if line["chars"] else 10.0
            items.append((line["top"], _Line(line["top"], line["x0"], line["x1"], size, text)))
    return sorted(items, key=lambda item: item[0])


_WRAP = re.compile(r"(?<=[^\x00-\x7f])\n|\n(?=[^\x00-\x7f])")


def _rows(table: Any) -> list[list[str]]:
    """A ruled table's rows; a cell's wrapped lines joined (with no space between Chinese
    characters), a merged cell (None) blank."""
    return [[_WRAP.sub("", cell or "") for cell in row] for row in table.extract()]


_HANGING = "、，。；：！？”’）》,.;:!?)"  # marks WPS and Word may set past the right margin


def _margin(values: list[float], *, right: bool) -> float:
    """The text's left or right margin: the outermost position, to the nearest point,
    that at least two lines share (a centred title or one odd line does not move it)."""
    counts = Counter(round(value) for value in values)
    shared = [value for value, count in counts.items() if count >= 2] or list(counts)
    return float((max if right else min)(shared, default=0))


def _margins(lines: list[_Line]) -> tuple[float, float]:
    """(left, right) margins of the text. A line ending in a punctuation mark set past
    the margin (as WPS does) does not count for the right one."""
    left = _margin([line.x0 for line in lines], right=False)
    ends = [line.x1 for line in lines if not line.text.endswith(tuple(_HANGING))]
    return left, _margin(ends or [line.x1 for line in lines], right=True)


def _lay_out(pages: list[list[tuple[float, Any]]]) -> str:
    """Every page's lines and tables; the text's left and right margins are those of the
    whole document, so that a page holding only indented lines is read right. A line
    indented past the margin starts a paragraph, one ending short of it ends one."""
    lines = [item for page in pages for _, item in page if isinstance(item, _Line)]
    left, right = _margins(lines)
    out = LayoutText()
    paragraphs = _Paragraphs(out)
    for page in pages:
        for _, item in page:
            if isinstance(item, _Line):
                starts = item.x0 - left > 0.8 * item.size
                paragraphs.line(item.text, starts, right - item.x1 > 1.5 * item.size)
            else:
                paragraphs.flush()
                out.table(item)
    paragraphs.flush()
    return out.text()


def _open(data: bytes) -> Any:
    """The opened PDF; ReadError for a password or a damaged file."""
    try:
        return pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ReadError(_ENCRYPTED) from exc
    except Exception as exc:  # pdfminer raises many types (PSEOF, PDFSyntaxError …)
        raise _failure(exc, data) from exc


def _failure(exc: Exception, data: bytes) -> ReadError:
    """What went wrong inside pdfminer: the budget spent, a password, a damaged file."""
    return over_budget(exc) or ReadError(_ENCRYPTED if b"/Encrypt" in data else _BROKEN)


def pdf_text(data: bytes) -> str:
    """The PDF's report in the published text layout, within the budget of
    read/pdf_budget.py (what it unpacks to, its pages, characters and content)."""
    with unpacking():
        try:
            with _open(data) as pdf:
                return _text(pdf)
        except ReadError:
            raise
        except Exception as exc:  # a damaged page stream, or the budget spent inside pdfminer
            raise _failure(exc, data) from exc


def _text(pdf: Any) -> str:
    """A scanned or oversized PDF refused; ruled tables laid out with the text around
    them, else (no ruled table anywhere) pdfplumber's layout text."""
    count = check_page_count(pdf.doc)
    budget = PageBudget()
    pages = []
    # each page's layout text while no ruled table is met: taken from the layout made
    # within the budget, since a closed page would be laid out again, outside it
    plain: list[str] | None = []
    for page in pdf.pages:
        lay_out(page, budget)  # counted, refused over the limits; kept for pdfplumber
        items = _page_items(page)
        pages.append(items)
        if plain is not None and any(isinstance(item, list) for _, item in items):
            plain = None  # a ruled table: the pages are laid out from their items
        elif plain is not None:
            plain.append(page.extract_text(layout=True))
        page.close()  # drop the page's parsed objects: only its items are needed
    if budget.chars < _MIN_CHARS_PER_PAGE * count:
        raise ReadError(_SCANNED)  # no text layer, or only a page number or a stamp
    return _lay_out(pages) if plain is None else "\f".join(plain)


def read_pdf(data: bytes) -> ReportData:
    """A PDF report's bytes → ReportData; ReadError (Chinese) when it cannot be read."""
    return read_report(pdf_text(data))
