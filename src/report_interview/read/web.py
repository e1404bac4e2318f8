"""A report published as a web page (.html/.htm/.shtml) → ReportData.

The only reader that imports lxml. The page's bytes are decoded by their BOM or their
`<meta charset>` / `http-equiv` declaration (GB2312 and GBK are read as GB18030, their
superset), else as UTF-8 or GB18030. The page is then laid out as text: block elements
become paragraphs, a data table becomes tab-separated rows on its grid (a cell spanning
rows or columns leaves blank cells, `&nbsp;` is a blank), and a table that holds tables
is page layout, read cell by cell. Government pages wrap the report in navigation,
breadcrumbs and footers: the report's body is the smallest element holding both its
first and its last section heading, and its title the last title line before that body
when the body itself has none.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any

import lxml.html

from ..report.data import SECTION_TITLES, ReportData
from .blocks import LayoutText
from .budget import Grid, check_elements
from .budget import span as clamped_span
from .errors import ReadError
from .sections import title_match
from .text import read_report

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.IGNORECASE)
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn"}
_SKIP = {"script", "style", "noscript", "head", "title", "select", "option", "button",
         "iframe", "template", "textarea"}  # fmt: skip
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section",
           "article", "center", "blockquote", "pre", "dd", "dt", "dl", "header", "footer",
           "nav", "main", "aside", "form", "hr", "address", "figure", "caption", "tr", "td",
           "th", "tbody", "thead", "body", "html"}  # fmt: skip
_FIRST_HEADING = re.compile(r"[#\s]*一\s*[、.．]\s*总体情况")
_LAST_HEADINGS = (
    re.compile(r"[#\s]*六\s*[、.．]\s*其[他它]需要报告"),
    re.compile(r"[#\s]*五\s*[、.．]\s*存在的主要问题"),
)
_INDENT = re.compile(r"[\s\u00a0\u3000]{2,}\S")


def page_encoding(data: bytes) -> str:
    """The page's encoding: BOM, then the declared charset (GB family → gb18030)."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    match = _META_CHARSET.search(data[:8192])
    declared = match.group(1).decode("ascii", "replace").lower() if match else ""
    if declared in _GB:
        return "gb18030"
    return declared if _is_text_encoding(declared) else "utf-8"


def _is_text_encoding(name: str) -> bool:
    """Whether a declared charset names a text encoding Python knows: base64, bz2, hex,
    rot_13, uu, zlib … are codecs too, but not of text, and decoding with them fails."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return False
    return bool(getattr(info, "_is_text_encoding", True))


def decode_page(data: bytes) -> str:
    """The page's characters; an undeclared page that is not UTF-8 is read as GB18030."""
    for encoding in dict.fromkeys((page_encoding(data), "utf-8")):
        try:
            return data.decode(encoding)
        except (UnicodeError, LookupError):  # idna, punycode … fail with other errors too
            continue
    return data.decode("gb18030", errors="replace")


def table_grid(table: Any, budget: Grid | None = None) -> list[list[str]]:
    """A data table's rows on its grid: a cell's text in its top-left position, blanks
    where rowspan/colspan cover the grid (as the tab layout has them); refused when the
    grid grows past the budget (read/budget.py)."""
    budget = budget or Grid()
    grid: list[list[str]] = []
    pending: dict[int, int] = {}  # column → rows still covered by a rowspan above
    for tr in _rows(table):
        row: list[str] = []
        column = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            column = _skip_covered(row, pending, column)
            span, down = _span(cell, "colspan"), _span(cell, "rowspan")
            budget.check_row(len(row) + span)
            row += [cell.text_content()] + [""] * (span - 1)
            for c in range(column, column + span):
                if down > 1:
                    pending[c] = down - 1
            column += span
        _skip_covered(row, pending, column, to_end=True)
        budget.check_row(len(row))
        budget.add_cells(len(row))
        grid.append(row)
    return grid


def _skip_covered(
    row: list[str], pending: dict[int, int], column: int, *, to_end: bool = False
) -> int:
    """Blank cells for the columns a rowspan from above covers at `column` (or, at the
    end of a row, anywhere to the right); the next free column."""
    while column in pending or (to_end and any(c >= column for c in pending)):
        if column in pending:
            pending[column] -= 1
            if not pending[column]:
                del pending[column]
        row.append("")
        column += 1
    return column


def _span(cell: Any, name: str) -> int:
    """A cell's rowspan or colspan: 1 unless a positive number (clamped, read/budget.py)."""
    return clamped_span(cell.get(name, "1"))


def _rows(table: Any) -> Iterator[Any]:
    """The table's own rows (not those of a table nested in a cell)."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("tbody", "thead", "tfoot"):
            yield from (row for row in child if row.tag == "tr")


def _is_layout(table: Any) -> bool:
    """A table holding tables: page layout, not data."""
    return any(True for _ in table.iterdescendants("table"))


class _Walker:
    """Lays a page out as text, noting where the report's body starts and ends."""

    def __init__(self, body: Any, *, own: bool = False) -> None:
        self.out = LayoutText()
        self.words: list[str] = []
        self.body = body
        self.own = own  # the program's own page: <p> is prose, headings are <h2>/<h3>
        self.start = self.end = -1

    def flush(self, *, prose: bool = False) -> None:
        """The words collected so far as one paragraph; a first-line indent typed as
        spaces (　　 or &nbsp;) is kept, so that lines a page wraps with <br> are joined
        into their paragraphs again (read/paragraphs.py)."""
        text = "".join(self.words)
        self.out.paragraph(text, prose=prose, indented=_INDENT.match(text) is not None)
        self.words = []

    def walk(self, element: Any) -> None:
        """An element and its tail: skipped, a table, a block or inline text."""
        tag = element.tag if isinstance(element.tag, str) else ""
        if element is self.body:
            self.flush()
            self.start = len(self.out.lines)
        if tag in _SKIP or not tag:
            pass
        elif tag == "table" and not _is_layout(element):
            self.flush()
            self.out.table(table_grid(element, self.out.grid))
        elif tag == "br" or tag in _BLOCKS or tag == "table":
            self.flush()
            self._children(element)
            self.flush(prose=self.own and tag == "p")
        else:
            self._children(element)
        if element is self.body:
            self.flush()
            self.end = len(self.out.lines)
        if element.tail:
            self.words.append(element.tail)

    def _children(self, element: Any) -> None:
        """An element's own text and its children, in order."""
        if element.text:
            self.words.append(element.text)
        for child in element:
            self.walk(child)


def _heading_element(root: Any, patterns: tuple[re.Pattern[str], ...]) -> Any:
    """The first short block element whose text is one of the section headings."""
    for pattern in patterns:
        for element in root.iter("p", "div", "h1", "h2", "h3", "h4", "strong", "b", "span", "td"):
            text = element.text_content().strip()
            if len(text) <= 40 and pattern.match(text):
                return element
    return None


def _report_body(root: Any) -> Any:
    """The smallest element holding the first and last section headings, else the page."""
    first = _heading_element(root, (_FIRST_HEADING,))
    last = _heading_element(root, _LAST_HEADINGS)
    if first is None or last is None:
        return root
    ancestors = {id(a) for a in (first, *first.iterancestors())}
    return next((a for a in (last, *last.iterancestors()) if id(a) in ancestors), root)


def _is_own_page(root: Any) -> bool:
    """Whether the six section headings are <h2> elements, as the program writes them:
    then every <p> is prose."""
    headings = {element.text_content().strip() for element in root.iter("h2")}
    return all(title in headings for title in SECTION_TITLES)


def web_text(data: bytes) -> str:
    """The page's report in the published text layout, navigation and footers left out."""
    check_elements(data, "网页")
    try:
        root = lxml.html.document_fromstring(decode_page(data).lstrip("\ufeff"))
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ReadError("网页是空的或无法解析；请确认下载完整后再试。") from exc
    walker = _Walker(_report_body(root), own=_is_own_page(root))
    walker.walk(root)
    walker.flush()
    lines = walker.out.lines
    if walker.start < 0:
        return "\n".join(lines)
    body = lines[walker.start : walker.end]
    if not any(title_match(line) for line in body[:40]):
        title = _title_before(lines[: walker.start], root)
        body = [title, "", *body] if title else body
    return "\n".join(body)


_NEAR = 3  # the title stands at most this many lines above the body (a date line between)


def _title_before(above: list[str], root: Any) -> str | None:
    """The report's title when its body has none: a title line just above the body,
    else the page's <title>, else the last title line anywhere above (a navigation
    list may link last year's report, so nearness wins)."""
    shown = [line for line in above if line.strip()]
    near = next((line for line in reversed(shown[-_NEAR:]) if title_match(line)), None)
    anywhere = next((line for line in reversed(shown) if title_match(line)), None)
    return near or _head_title(root) or anywhere


def _head_title(root: Any) -> str | None:
    """The page's <title> when it is the report's title ("…年度报告_某某人民政府"): some
    pages show the title only in the browser tab."""
    element = root.find(".//title")
    text = element.text_content().strip() if element is not None else ""
    match = title_match(text)
    return text[: match.end()] if match else None


def read_web_page(data: bytes) -> ReportData:
    """A web page's bytes → ReportData; ReadError (Chinese) when it cannot be read."""
    return read_report(web_text(data))
