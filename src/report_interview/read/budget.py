"""What the readers count while they read, against the limits of limits.py: markup
elements, table grids after spans, paragraphs, the laid-out text. Each refusal is a
ReadError naming the limit in one Chinese line. Stdlib only."""

from __future__ import annotations

from ..limits import (
    MAX_COLUMNS,
    MAX_ELEMENTS,
    MAX_PARAGRAPHS,
    MAX_SPAN,
    MAX_TABLE_CELLS,
    MAX_TEXT_CHARS,
    MAX_TEXT_LINES,
)
from .errors import ReadError


def too_large(what: str, limit: str) -> ReadError:
    """The refusal of a file over one of the limits: what, and the limit."""
    return ReadError(f"{what}超过上限（{limit}），不像是一份年度报告；请给出报告本身的文件。")


def check_elements(markup: bytes, what: str) -> None:
    """Refuse markup with more elements than MAX_ELEMENTS before it is parsed: every
    element starts with "<", so counting them costs a pass over the bytes, not a tree."""
    if markup.count(b"<") > 2 * MAX_ELEMENTS:  # an element has a start and an end tag
        raise too_large(f"{what}的元素", f"{MAX_ELEMENTS:,} 个")


def check_text(text: str) -> None:
    """Refuse a report laid out as text beyond MAX_TEXT_CHARS or MAX_TEXT_LINES."""
    if len(text) > MAX_TEXT_CHARS:
        raise too_large("报告的文字", f"{MAX_TEXT_CHARS:,} 字")
    if text.count("\n") >= MAX_TEXT_LINES:
        raise too_large("报告的行数", f"{MAX_TEXT_LINES:,} 行")


def span(text: object, *, least: int = 1) -> int:
    """A rowspan, colspan or gridSpan (at least 1) or a gridBefore (`least=0`: cells
    skipped before a row) as a sane count: the number when it is a whole number of at
    least `least` and at most MAX_SPAN, else `least`."""
    value = str(text).strip() if text is not None else ""
    if not (value.isascii() and value.isdigit()):
        return least
    return max(least, min(int(value[:7]), MAX_SPAN))  # 7 digits are past any limit already


class Grid:
    """Counts the grid cells of a document's tables (spans included) and its paragraphs,
    refusing a row wider than MAX_COLUMNS, more than MAX_TABLE_CELLS cells in all and
    more than MAX_PARAGRAPHS paragraphs and rows."""

    def __init__(self) -> None:
        self.cells = 0
        self.lines = 0

    def add_cells(self, count: int) -> None:
        """Cells about to be added to one row (its width so far included)."""
        self.cells += count
        if self.cells > MAX_TABLE_CELLS:
            raise too_large("表格的单元格（含合并的）", f"{MAX_TABLE_CELLS:,} 个")

    def check_row(self, width: int) -> None:
        if width > MAX_COLUMNS:
            raise too_large("表格一行的列数（含合并的）", f"{MAX_COLUMNS} 列")

    def add_line(self) -> None:
        """One more paragraph or table row."""
        self.lines += 1
        if self.lines > MAX_PARAGRAPHS:
            raise too_large("段落和表格行", f"{MAX_PARAGRAPHS:,} 个")
