"""Section 二 (four small tables) and section 四 (appeals, one row of 15 cells).

The 2019 trial layout's section 二 (本年新制作数量 / 本年新公开数量 / 对外公开总数量) gives
本年制发 = 新制作 and 现行有效 = 对外公开总数量, 本年废止 = 0 (the old table has no such
column; 0 rather than None so that R7 does not report a column the layout never had; R12
notes the layout), and 处理决定数量 for 行政许可/处罚/强制; the old 行政事业性收费 table has
no amount, which is then None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..report.data import (
    APPEAL_KEYS,
    Cell,
    DocCounts,
    Proactive,
    with_total,
)
from .cells import (
    WS,
    Fitter,
    Row,
    assign_columns,
    column_tolerance,
    is_label,
    parse_amount,
    parse_count,
    parse_line,
)

_PROACTIVE_ROWS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(words))
    for key, words in (
        ("normative_documents", "规范性"),
        ("regulations", "规章"),
        ("licensing", "许可"),
        ("penalty", "处罚"),
        ("enforcement", "强制"),
        ("fees", "事业.{0,2}收费|^收费"),
    )
)
# Column kinds by header words; "" marks known columns that are not read.
_COLUMN_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(words))
    for kind, words in (
        ("in_force", "现行有效|有效件|公开总数|总数量"),
        ("issued", "制发|新制作|制定|印发"),
        ("decision", "处理决定|决定数"),
        ("amount", "金额|万元"),
        ("", "新公开|上一年|项目数|增|减|信息内容"),
        ("repealed", "废止|止|废"),
    )
)
_OLD_COLUMNS = re.compile("新制作|新公开|公开总数|上一年|增/减|增减")
_DOC_KINDS = ("issued", "repealed", "in_force")
_OLD_DOC_KINDS = ("issued", "", "in_force")  # 2019: 新制作, 新公开, 对外公开总数量


def _column_kind(text: str) -> str | None:
    """What a header cell of section 二 names; None for an unknown header."""
    squashed = WS.sub("", text)
    for kind, words in _COLUMN_WORDS:
        if words.search(squashed):
            return kind
    return None


@dataclass(frozen=True)
class _Header:
    """A section 二 header row: its columns (position, kind) and whether it is 2019's."""

    layout: str
    columns: tuple[tuple[float, str | None], ...]
    old: bool
    values: tuple[str | None, ...] = ()  # the kinds of the value columns, label column left out


# Header cells that name the label column or a caption, not a column of numbers.
_LABEL_HEADER = re.compile(r"信息内容|^项目$|^内容$|^第.{1,6}条")


def _header(row: Row) -> _Header | None:
    """A line without numbers read as a section 二 header, if it is one."""
    named = [(cell.pos, _column_kind(cell.text)) for cell in row.cells if cell.text]
    values = tuple(
        _column_kind(cell.text)
        for cell in row.cells
        if cell.text and not _LABEL_HEADER.search(WS.sub("", cell.text))
    )
    kinds = [kind for _, kind in named if kind]
    is_header = "信息内容" in row.label or (
        bool(kinds) and (len(named) >= 2 or len(row.label) <= 12)
    )
    if not is_header:
        return None
    return _Header(row.layout, tuple(named), _OLD_COLUMNS.search(row.label) is not None, values)


def _values_by_header(row: Row, header: _Header) -> dict[str, str]:
    """A section 二 row's cells keyed by the header's column kinds. A row with as many
    numbers as the header has value columns is read in order, wherever the numbers sit
    (left-aligned, centred or right-aligned under their headers)."""
    if len(row.filled) == len(header.values):
        texts = [cell.text for cell in row.filled]
        return {kind: text for kind, text in zip(header.values, texts, strict=True) if kind}
    anchors = [pos for pos, _ in header.columns]
    kinds = [kind for _, kind in header.columns]
    cells = None
    if header.layout == row.layout and anchors:
        cells = assign_columns(row.values, anchors, column_tolerance(row.layout, anchors))
    if cells is None:
        cells = [cell.text for cell in row.filled]
    return {kind: cell for kind, cell in zip(kinds, cells, strict=False) if kind}


def _proactive_values(key: str, row: Row, header: _Header | None) -> dict[str, str]:
    """Cells of one section 二 row by kind; in table order when no header says more."""
    texts = [cell.text for cell in row.filled]
    if key in ("regulations", "normative_documents"):
        if len(texts) == len(_DOC_KINDS) and (header is None or len(header.values) != 3):
            # as many numbers as the table has columns: in order, whatever the header
            # line gave (a copy that joins its cells with single spaces gives one cell)
            kinds = _OLD_DOC_KINDS if header and header.old else _DOC_KINDS
            return {kind: text for kind, text in zip(kinds, texts, strict=True) if kind}
        values = _values_by_header(row, header) if header else {}
        return (
            values
            if values or (header and header.old)
            else dict(zip(_DOC_KINDS, texts, strict=False))
        )
    wanted = "amount" if key == "fees" else "decision"
    values = _values_by_header(row, header) if header else {}
    if wanted not in values and not (header and header.old):
        values[wanted] = texts[0] if texts else ""
    return values


@dataclass
class _ProactiveScan:
    header: _Header | None = None
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    old: bool = False

    def line(self, row: Row) -> None:
        if not row.filled:
            header = _header(row)
            if header is not None:
                self.header = header
                self.old = self.old or header.old
            return
        key = next((k for k, words in _PROACTIVE_ROWS if words.search(row.label)), None)
        if key is not None and key not in self.rows:
            self.rows[key] = _proactive_values(key, row, self.header)


def _doc_counts(values: dict[str, str] | None, old: bool) -> DocCounts:
    """One 第二十条第（一）项 row; 本年废止 is 0 in the 2019 layout, which has no such column."""
    if values is None:
        return DocCounts(None, None, None)
    repealed = parse_count(values.get("repealed")) if "repealed" in values or not old else 0
    return DocCounts(
        parse_count(values.get("issued")), repealed, parse_count(values.get("in_force"))
    )


def read_proactive(lines: Iterable[str]) -> tuple[Proactive, bool]:
    """Section 二, and whether its headers are the 2019 layout's."""
    scan = _ProactiveScan()
    for line in lines:
        row = parse_line(line)
        if row is not None:
            scan.line(row)
    rows = scan.rows

    def single(key: str, kind: str) -> str | None:
        return rows[key].get(kind) if key in rows else None

    proactive = Proactive(
        regulations=_doc_counts(rows.get("regulations"), scan.old),
        normative_documents=_doc_counts(rows.get("normative_documents"), scan.old),
        licensing=parse_count(single("licensing", "decision")),
        penalty=parse_count(single("penalty", "decision")),
        enforcement=parse_count(single("enforcement", "decision")),
        fees_10k_yuan=parse_amount(single("fees", "amount")),
    )
    return proactive, scan.old


# ---------------------------------------------------------------- section 四: appeals

_APPEAL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("litigation_direct", re.compile("未经|直接")),
    ("litigation_after_reconsideration", re.compile("复议后|经复议")),
    ("reconsideration", re.compile("复议")),
)
_TOTAL = re.compile("总计|合计")
# Header cells naming one result column (结果维持 … 总计), not a block.
_RESULT_COLUMN = re.compile("维持|纠正|其他结果|其它结果|尚未|审结|总计|合计")


def _appeal_cells(cells: Sequence[str]) -> tuple[Cell, ...]:
    counts = tuple(parse_count(cell) for cell in cells)
    return counts if len(counts) == 5 else with_total(counts)


@dataclass
class _AppealScan:
    """State while reading section 四: whether it has 总计 columns, the last header line
    naming every column (to place the cells of a PDF row whose blanks were lost)."""

    total: bool = False
    header: Row | None = None
    found: dict[str, tuple[Cell, ...]] = field(default_factory=dict)
    # Positions of the result-column headers over all header lines, per layout: the
    # first block's names sit a line above the two litigation blocks' names.
    results: dict[str, set[float]] = field(default_factory=dict)

    def text_row(self, row: Row) -> None:
        self.total = self.total or _TOTAL.search(row.label) is not None
        if len(row.filled) + sum(1 for cell in row.cells if is_label(cell.text)) >= 12:
            self.header = row
        named = {cell.pos for cell in row.cells if _RESULT_COLUMN.search(cell.text)}
        self.results.setdefault(row.layout, set()).update(named)

    def _columns(self, row: Row, width: int) -> list[float] | None:
        """Where the row's columns are: the last header line naming every column, else
        the result-column names of all header lines together."""
        header = self.header
        if header is not None and header.layout == row.layout:
            named = [cell.pos for cell in header.cells if cell.text]
            if len(named) == width:
                return named
        results = sorted(self.results.get(row.layout, ()))
        return results if len(results) == width else None

    def _all_blocks(self, row: Row) -> bool:
        """Whether a row without a block name holds all three blocks: 12 or more numbers,
        or an unlabelled row whose blank cells are kept (tab, pipe) or can be placed
        under the result-column headers (space layout) — the 2019 single row."""
        if len(row.filled) >= 12:
            return True
        if row.label:
            return False
        return len(row.values) >= 12 or len(self.results.get(row.layout, ())) in (12, 15)

    def value_row(self, row: Row) -> None:
        """All three blocks in one row, or one block named by its label."""
        key = next((k for k, words in _APPEAL_WORDS if words.search(row.label)), None)
        if key is None and self._all_blocks(row):
            wide = self.total or len(row.filled) >= 15 or len(row.values) >= 15
            width = 15 if wide else 12
            cells = Fitter([row], width).fit(row, self._columns(row, width))
            per = width // 3
            for i, block in enumerate(APPEAL_KEYS):
                self.found.setdefault(block, _appeal_cells(cells[i * per : (i + 1) * per]))
        elif key is not None:
            width = 5 if self.total or len(row.filled) >= 5 else 4
            self.found.setdefault(key, _appeal_cells(Fitter([row], width).fit(row)))


def read_appeals(lines: Iterable[str]) -> dict[str, tuple[Cell, ...]]:
    """Section 四's three blocks (维持, 纠正, 其他, 尚未审结, 总计); None cells if absent."""
    scan = _AppealScan()
    for line in lines:
        row = parse_line(line)
        if row is not None:
            (scan.value_row if row.filled else scan.text_row)(row)
    return {key: scan.found.get(key, (None,) * 5) for key in APPEAL_KEYS}
