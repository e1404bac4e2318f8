"""Plain-text tables for the terminal, aligned by display width.

A Chinese character takes two columns of a terminal, so `str.ljust` misaligns them;
widths here follow report/text_rules.display_width (W and F are two columns).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..report.text_rules import display_width

width = display_width  # columns a text takes in a terminal


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


def clip(text: str, columns: int) -> str:
    """`text` cut to `columns` display columns, with … where it was cut."""
    if width(text) <= columns:
        return text
    out = ""
    for char in text:
        if width(out + char) > columns - 1:
            break
        out += char
    return out + "…"


# Punctuation that must not begin a line: it hangs at the end of the line before.
CLOSING = set("，。、；：？！）》」』”’…%")


def wrap(text: str, *, indent: str = "  ", columns: int = 80) -> list[str]:
    """Text wrapped by display width, every line (and each of its own lines) indented;
    closing punctuation hangs rather than starting a line."""
    lines: list[str] = []
    room = columns - width(indent) - 2  # two columns kept for a hanging punctuation mark
    for paragraph in text.splitlines() or [""]:
        line = ""
        for char in paragraph.strip():
            over = width(line + char)
            if over > room + 2 or (over > room and char not in CLOSING):
                lines.append(indent + line)
                line = ""
            line += char
        lines.append((indent + line).rstrip())
    return lines
