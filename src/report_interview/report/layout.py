"""The official tables as grids with merged cells, for the formats that draw real
tables (Word, web page) and those that flatten them (Markdown).

Each table is a grid of `n_rows` × `n_cols`; `cells` holds only the top-left cell of
every region, with its row/column span, exactly as the Word template of
国办公开办函〔2021〕30号 merges them. Stdlib only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .data import (
    APPEAL_BLOCKS,
    APPEAL_RESULTS,
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    DENIED_GROUP,
    DOC_COLUMNS,
    DOC_ROWS,
    OTHER_GROUP,
    REJECTED_GROUP,
    RESULTS_LABEL,
    TOTAL_COLUMN,
    UNAVAILABLE_GROUP,
    Cell,
    ReportData,
    format_decimal,
)

# The txt layout indents prose paragraphs by two ideographic spaces (首行缩进两字) and
# never a heading or a table row: read/marks.py tells a clerk's line from structure so.
PROSE_INDENT = "\u3000\u3000"
MATRIX_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class TCell:
    """The top-left cell of a region of the grid."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    number: bool = False  # a figure: right-aligned, and never blank


@dataclass(frozen=True)
class Table:
    key: str  # "proactive", "applications", "appeals"
    n_rows: int
    n_cols: int
    cells: tuple[TCell, ...]

    def rows(self) -> list[list[TCell]]:
        """The cells that start on each row, left to right (what HTML writes per <tr>)."""
        grid: list[list[TCell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            grid[cell.row].append(cell)
        return [sorted(row, key=lambda c: c.col) for row in grid]

    def merged(self) -> list[TCell]:
        return [c for c in self.cells if c.rowspan > 1 or c.colspan > 1]


def cell_text(value: Cell | str | Decimal) -> str:
    """A table cell as printed: a blank for None, a 万元 amount without float noise."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_decimal(value) or ""
    return str(value)


class _Grid:
    """Collects cells row by row."""

    def __init__(self, n_cols: int) -> None:
        self.n_cols = n_cols
        self.cells: list[TCell] = []
        self.row = 0

    def put(self, text: str, col: int, *, rowspan: int = 1, colspan: int = 1,
            header: bool = False, number: bool = False) -> None:  # fmt: skip
        self.cells.append(TCell(text, self.row, col, rowspan, colspan, header, number))

    def numbers(self, values: Sequence[Cell | Decimal], first: int) -> None:
        for offset, value in enumerate(values):
            self.put(cell_text(value), first + offset, number=True)

    def next(self) -> None:
        self.row += 1

    def table(self, key: str) -> Table:
        return Table(key, self.row, self.n_cols, tuple(self.cells))


def proactive_table(report: ReportData) -> Table:
    """Section 二: the four small tables of 第二十条, as the one 4-column Word table."""
    p, g = report.proactive, _Grid(4)

    def caption(text: str) -> None:
        g.put(text, 0, colspan=4, header=True)
        g.next()

    def head(*texts: str) -> None:
        g.put("信息内容", 0, header=True)
        if len(texts) == 1:
            g.put(texts[0], 1, colspan=3, header=True)
        else:
            for i, text in enumerate(texts, 1):
                g.put(text, i, header=True)
        g.next()

    def one(label: str, value: Cell | Decimal) -> None:
        g.put(label, 0)
        g.put(cell_text(value), 1, colspan=3, number=True)
        g.next()

    caption("第二十条第（一）项")
    head(*DOC_COLUMNS)
    for key, label in DOC_ROWS:
        counts = getattr(p, key)
        g.put(label, 0)
        g.numbers([counts.issued, counts.repealed, counts.in_force], 1)
        g.next()
    caption("第二十条第（五）项")
    head("本年处理决定数量")
    one("行政许可", p.licensing)
    caption("第二十条第（六）项")
    head("本年处理决定数量")
    one("行政处罚", p.penalty)
    one("行政强制", p.enforcement)
    caption("第二十条第（八）项")
    head("本年收费金额（单位：万元）")
    one("行政事业性收费", p.fees_10k_yuan)
    return g.table("proactive")


_GROUP_SIZES = {
    group: sum(1 for spec in APPLICATION_ROWS if spec.group == group)
    for group in (DENIED_GROUP, UNAVAILABLE_GROUP, REJECTED_GROUP, OTHER_GROUP)
}


def applications_table(report: ReportData) -> Table:
    """Section 三: three label columns, six applicant columns and 总计."""
    g = _Grid(10)
    g.put(MATRIX_NOTE, 0, rowspan=3, colspan=3, header=True)
    g.put("申请人情况", 3, colspan=6, header=True)
    g.put(TOTAL_COLUMN, 9, rowspan=3, header=True)
    g.next()
    g.put(APPLICANT_COLUMNS[0], 3, rowspan=2, header=True)
    g.put("法人或其他组织", 4, colspan=5, header=True)
    g.next()
    for i, name in enumerate(APPLICANT_COLUMNS[1:], 4):
        g.put(name, i, header=True)
    g.next()
    results = sum(
        1 for spec in APPLICATION_ROWS if spec.key not in ("new", "carried_over", "carried_forward")
    )
    seen: set[str] = set()
    for spec in APPLICATION_ROWS:
        if spec.key == "granted":
            g.put(RESULTS_LABEL, 0, rowspan=results)
        if spec.key in ("new", "carried_over", "carried_forward"):
            g.put(spec.label, 0, colspan=3)
        elif not spec.group:
            g.put(spec.label, 1, colspan=2)
        else:
            if spec.group not in seen:
                seen.add(spec.group)
                g.put(spec.group, 1, rowspan=_GROUP_SIZES[spec.group])
            g.put(spec.label, 2)
        g.numbers(report.applications[spec.key], 3)
        g.next()
    return g.table("applications")


def appeals_table(report: ReportData) -> Table:
    """Section 四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉), one row of figures."""
    g = _Grid(15)
    g.put("行政复议", 0, colspan=5, header=True)
    g.put("行政诉讼", 5, colspan=10, header=True)
    g.next()
    for i, name in enumerate((*APPEAL_RESULTS, TOTAL_COLUMN)):
        g.put(name, i, rowspan=2, header=True)
    g.put("未经复议直接起诉", 5, colspan=5, header=True)
    g.put("复议后起诉", 10, colspan=5, header=True)
    g.next()
    for block in (5, 10):
        for i, name in enumerate((*APPEAL_RESULTS, TOTAL_COLUMN)):
            g.put(name, block + i, header=True)
    g.next()
    figures = [cell for key, _ in APPEAL_BLOCKS for cell in report.appeals[key]]
    g.numbers(figures, 0)
    g.next()
    return g.table("appeals")


def tables(report: ReportData) -> dict[str, Table]:
    return {
        "proactive": proactive_table(report),
        "applications": applications_table(report),
        "appeals": appeals_table(report),
    }


def covered(table: Table) -> Iterator[tuple[int, int]]:
    """Every (row, col) of the grid covered by some region (each exactly once)."""
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                yield r, c
