"""Table lines → cells → value columns: the part of the text reader that knows layouts.

A line is recognised as one of three layouts (so one report may mix them):

- tab-separated cells, a blank cell where the Word table had a merged cell (the
  reference layout, what Word/WPS and web tables give when copied);
- markdown pipe tables (`| 规章 | 0 | 0 | 0 |`);
- PDF-to-text columns: cells separated by runs of two or more spaces, blank cells lost
  (they are placed by column position).

A row is split into its label (cells up to the last Chinese one) and its values; the
Fitter then puts each value in its column. Cells are kept as printed: a blank, "/", "-",
"—" or "无" cell becomes None (rule R7 reports it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from ..report.data import (
    Cell,
)
from ..report.prose import MAX_DIGITS
from .errors import ReadError

TAB, PIPE, SPACE = "tab", "pipe", "space"

# Full-width ASCII (digits, brackets, colon, comma, slash …) → half-width, for matching.
_HALF_WIDTH = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    | {"\u3000": " ", "\ufeff": "", "\u200b": ""}
)
WS = re.compile(r"\s+")
CJK = re.compile(r"[\u3400-\u9fff]")
_NON_SPACE = re.compile(r"\S+")
# Words a clerk writes in a cell instead of a number; read as None like a blank.
_NULL_WORDS = frozenset({"无", "空", "暂无", "没有", "不适用", "未统计"})
_NUMBER = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:件|条|个|项|万元|元)?")
_PIPE_RULE = re.compile(r":?-*:?")
_NUMBERING_TOKEN = re.compile(r"\d{1,2}[.、]|\([一二三四五六七八]\)")


def _clean(cell: str) -> str:
    """A cell's text in half-width form, without surrounding spaces or markdown marks."""
    return cell.translate(_HALF_WIDTH).strip().strip("*`").strip()


def squash(text: str) -> str:
    """Half-width text without any whitespace: what labels are matched on."""
    return WS.sub("", text.translate(_HALF_WIDTH))


def is_label(text: str) -> bool:
    """Whether a cell is (part of) a row label: it has Chinese text that is not 无/空."""
    return CJK.search(text) is not None and WS.sub("", text) not in _NULL_WORDS


def parse_count(text: str | None) -> Cell:
    """A whole count as printed ("1,200", "０", "3件"); None for anything else."""
    match = _NUMBER.fullmatch(WS.sub("", text or ""))
    if match is None:
        return None
    sign, digits, fraction = match.groups()
    if fraction and fraction.strip(".0"):
        return None
    value = int(_bounded(digits.replace(",", "")))
    return -value if sign == "-" else value


def parse_amount(text: str | None) -> Decimal | None:
    """A 万元 amount exactly as printed ("9116.36"); None when blank or not a number."""
    match = _NUMBER.fullmatch(WS.sub("", text or ""))
    if match is None:
        return None
    sign, digits, fraction = match.groups()
    return Decimal(f"{sign}{_bounded(digits.replace(',', ''))}{fraction or ''}")


def _bounded(digits: str) -> str:
    """The digits of a table number, refused with a clear message when there are more
    than any count can have (Python refuses int() of over 4,300 digits anyway)."""
    if len(digits) > MAX_DIGITS:
        raise ReadError(
            f"表格中的数字“{digits[:12]}…”有 {len(digits)} 位，不可能是件数或金额；请核对原文。"
        )
    return digits


@dataclass(frozen=True, slots=True)
class _Tok:
    """One cell: its cleaned text and where it sits (cell index, or character centre
    for the space layout, where blank cells leave no trace)."""

    text: str
    pos: float


@dataclass(frozen=True, slots=True)
class Row:
    """A table line split into its label (cells up to the last Chinese one) and values."""

    layout: str
    cells: tuple[_Tok, ...]
    label: str
    values: tuple[_Tok, ...]
    filled: tuple[_Tok, ...]


def _space_tokens(line: str) -> list[_Tok]:
    """Cells of a PDF-to-text line: runs of 2+ spaces separate cells; words separated by
    one space stay together when they are label text ("结果 维持", "(一) 予以公开")."""
    spans: list[tuple[int, int, str]] = []
    for match in _NON_SPACE.finditer(line):
        text = _clean(match.group())
        if spans and match.start() - spans[-1][1] == 1 and is_label(text):
            start, _, before = spans[-1]
            if is_label(before) or _NUMBERING_TOKEN.fullmatch(before):
                spans[-1] = (start, match.end(), f"{before} {text}")
                continue
        spans.append((match.start(), match.end(), text))
    return [_Tok(text, (start + end) / 2) for start, end, text in spans]


def _pipe_tokens(stripped: str) -> list[_Tok]:
    """Cells of a markdown table row; a header separator row (|---|:--:|) gives none."""
    inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
    cells = [_clean(cell) for cell in inner.split("|")]
    if all(_PIPE_RULE.fullmatch(cell) for cell in cells):
        return []
    return [_Tok(cell, i) for i, cell in enumerate(cells)]


def _tokens(line: str) -> tuple[str, list[_Tok]]:
    """The layout of one line and its cells."""
    if "\t" in line:
        return TAB, [_Tok(_clean(cell), i) for i, cell in enumerate(line.split("\t"))]
    stripped = line.strip()
    if stripped.startswith("|") and len(stripped) > 1:
        return PIPE, _pipe_tokens(stripped)
    return SPACE, _space_tokens(line)


def parse_line(line: str) -> Row | None:
    """A line as a table row; None for a blank line or a markdown separator row."""
    layout, cells = _tokens(line)
    if not cells:
        return None
    split = 0
    for i, cell in enumerate(cells):
        if is_label(cell.text):
            split = i + 1
    values = tuple(cells[split:])
    label = WS.sub("", "".join(cell.text for cell in cells[:split]))
    return Row(layout, tuple(cells), label, values, tuple(v for v in values if v.text))


# ---------------------------------------------------------------- placing values in columns


def _anchors(rows: Sequence[Row], width: int) -> list[float]:
    """The usual position of each value column, from rows with every cell filled."""
    return [Counter(row.filled[j].pos for row in rows).most_common(1)[0][0] for j in range(width)]


def column_tolerance(layout: str, anchors: Sequence[float]) -> float:
    """How far a cell may sit from its column: exact for cell indexes, half the
    narrowest column gap for character positions."""
    if layout != SPACE:
        return 0.5
    ordered = sorted(anchors)
    gaps = [b - a for a, b in pairwise(ordered) if b > a]
    return min(gaps) / 2 if gaps else float("inf")


def assign_columns(
    values: Sequence[_Tok], anchors: Sequence[float], tolerance: float
) -> list[str] | None:
    """Each value cell put in the column nearest to it; None when a filled cell fits no
    column or two cells claim one (the caller then reads the cells in order)."""
    cells: list[str | None] = [None] * len(anchors)
    for value in values:
        distance, column = min((abs(a - value.pos), j) for j, a in enumerate(anchors))
        if distance > tolerance or cells[column] is not None:
            if value.text:
                return None
            continue
        cells[column] = value.text
    return [cell or "" for cell in cells]


def _sequential(values: Sequence[_Tok], width: int) -> list[str]:
    """Value cells in order, structural blanks at either end dropped, padded with blanks."""
    cells = [value.text for value in values]
    start, end = 0, len(cells)
    while end - start > width and not cells[start]:
        start += 1
    while end - start > width and not cells[end - 1]:
        end -= 1
    cells = cells[start:end][:width]
    return cells + [""] * (width - len(cells))


def _shape(row: Row) -> tuple[str, int, int]:
    """Rows of one shape (layout, label cells, all cells) have their values in the same
    cells: in the reference, items (three label cells) sit one cell right of the others."""
    if row.layout == SPACE:
        return SPACE, 0, 0
    return row.layout, len(row.cells) - len(row.values), len(row.cells)


class Fitter:
    """Reads `width` value cells from each row of one table. A row with every cell
    filled is read as it stands (even when its leading blank cells were lost, as in the
    reference's "3.其他" row); other rows are placed by the columns of the full rows of
    the same shape, or of the same layout, or else read in order."""

    def __init__(self, rows: Iterable[Row], width: int) -> None:
        self.width = width
        full: dict[object, list[Row]] = {}
        for row in rows:
            if self._full(row):
                full.setdefault(_shape(row), []).append(row)
                full.setdefault(row.layout, []).append(row)
        self.anchors = {key: _anchors(group, width) for key, group in full.items()}

    def _full(self, row: Row) -> bool:
        if len(row.filled) != self.width:
            return False
        if row.layout == SPACE:
            return True
        first = row.filled[0].pos
        return all(cell.pos == first + i for i, cell in enumerate(row.filled))

    def fit(self, row: Row, anchors: Sequence[float] | None = None) -> list[str]:
        """The row's `width` cell texts ("" for a blank); `anchors` overrides the columns."""
        if self._full(row):
            return [cell.text for cell in row.filled]
        anchors = anchors or self.anchors.get(_shape(row)) or self.anchors.get(row.layout)
        if anchors:
            cells = assign_columns(row.values, anchors, column_tolerance(row.layout, anchors))
            if cells is not None:
                return cells
        return _sequential(row.values, self.width)
