"""Documents (Word, web page, PDF) → the published text layout, so that one text reader
reads every format: each paragraph becomes a line with a blank line after it, each table
row a line of tab-separated cells with a blank cell where the table had a merged cell —
exactly what Word gives when a report is copied as text. Stdlib only."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..report.layout import PROSE_INDENT
from .budget import Grid

_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


def cell_text(text: str) -> str:
    """A table cell's text on one line: every run of whitespace (line breaks, tabs,
    non-breaking and full-width spaces) is one space, none at either end."""
    return _SPACES.sub(" ", text).strip()


def paragraph_text(text: str) -> str:
    """A paragraph's text on one line, so that a tab or line break inside it cannot make
    it look like a table row or two paragraphs."""
    return cell_text(text)


class LayoutText:
    """Collects paragraphs and tables in document order and gives the text layout."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.grid = Grid()  # the document's budget of paragraphs and table cells

    def paragraph(self, text: str, *, prose: bool = False, indented: bool = False) -> None:
        """One paragraph; an empty one is skipped. `prose`: the document itself says the
        paragraph is body text (the program's own Word file and web page do), so it is
        marked as the txt layout marks prose and can never be taken for a heading.
        `indented`: it starts with a first-line indent, kept as two spaces."""
        line = paragraph_text(text)
        if line:
            self.grid.add_line()
            mark = PROSE_INDENT if prose else "  " if indented else ""
            self.lines += [mark + line, ""]

    def table(self, rows: Iterable[Sequence[str]]) -> None:
        """One table: a line per row (rows with no text at all are dropped)."""
        lines = []
        for row in rows:
            self.grid.add_line()
            lines.append("\t".join(cell_text(cell) for cell in row))
        lines = [line for line in lines if line.strip()]
        if lines:
            self.lines += [*lines, ""]

    def text(self) -> str:
        """The document as published text."""
        return "\n".join(self.lines)
