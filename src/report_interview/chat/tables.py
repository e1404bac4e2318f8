"""Plain-text tables for the terminal, aligned by display width.

A Chinese character takes two columns of a terminal, so `str.ljust` misaligns them;
widths here follow unicodedata.east_asian_width (W and F are two columns).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Columns a text takes in a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """`text` padded with spaces to `columns` display columns."""
    space = " " * max(columns - width(text), 0)
    return space + text if right else text + space


def aligned(rows: Sequence[Sequence[str]], *, numeric_from: int = 1, gap: str = "  ") -> list[str]:
    """Rows of cells as lines; cells from column `numeric_from` on are right-aligned."""
    if not rows:
        return []
    count = max(len(row) for row in rows)
    cells = [[*row, *[""] * (count - len(row))] for row in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(count)]
    return [
        gap.join(
            pad(cell, widths[i], right=i >= numeric_from) for i, cell in enumerate(row)
        ).rstrip()
        for row in cells
    ]
