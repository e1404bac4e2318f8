"""Web copies that put every table cell on a line of its own → the tab layout.

Copying a web page's tables in some browsers (and some CMS "plain text" views) gives
one cell per line: a label line, then one line per number. Such a text is recognised
when its table sections hold many lone numbers and no line with several cells; each
label line is then joined with the number lines after it into one tab row, and a run
of label lines before it (column headers, captions, group labels) into a header row.
Section headings stay on their own lines. Stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_VALUE = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:件|条|个|项|万元|元)?|[/／\-—－]")
_MIN_VALUES = 12  # fewer lone numbers than this: an ordinary text


def is_value_line(line: str) -> bool:
    """A line holding one table value (a number, or "/" or "—" for a blank cell)."""
    return _VALUE.fullmatch(line.strip().replace("\u3000", "")) is not None


def is_one_cell_per_line(lines: Sequence[str]) -> bool:
    """Whether the table part of a text has one cell per line."""
    values = 0
    for line in lines:
        if "\t" in line or line.lstrip().startswith("|"):
            return False
        tokens = line.split()
        if len(tokens) >= 2 and sum(is_value_line(token) for token in tokens) >= 2:
            return False
        values += is_value_line(line)
    return values >= _MIN_VALUES


def rejoin(lines: Sequence[str], keep: set[int]) -> list[str]:
    """The lines with their cells joined into tab rows; lines at the indexes in `keep`
    (section headings) stay alone."""
    out: list[str] = []
    labels: list[str] = []
    row: list[str] | None = None

    def close() -> None:
        """Finish the row being collected."""
        nonlocal row
        if row is not None:
            out.append("\t".join(row))
            row = None

    for i, raw in enumerate(lines):
        text = raw.strip()
        if i in keep:
            close()
            out += ["\t".join(labels)] if labels else []
            out.append(raw)
            labels = []
        elif is_value_line(text):
            if row is None:
                label = labels.pop() if labels else ""
                out += ["\t".join(labels)] if labels else []
                labels, row = [], [label]
            row.append(text)
        elif text:
            close()
            labels.append(text)
    close()
    out += ["\t".join(labels)] if labels else []
    return out
