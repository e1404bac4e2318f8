"""The county workbook (openpyxl): every body's report of one year in one .xlsx file,
as a county office uses it — per body, the findings, the summed tables in the official
layout, year on year, and the files left out.

The only module that writes with openpyxl (read/ledger_files.py reads with it). Numbers
are written as numbers; every sheet has its header frozen and filters on it, columns
wide enough for Chinese text, and rows with errors filled red at a glance.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..report.area import AreaSum
from ..report.checks import LEVEL_NAMES, RULES, Finding
from ..report.collect import (
    FIGURES,
    REASON_NAMES,
    Collection,
    Examined,
    carry_gap,
    missing_this_year,
)
from ..report.data import ORG_KINDS, SECTION_TITLES, Cell, Org
from ..report.layout import Table, tables
from ..report.text_rules import display_width, for_display

FONT_NAME = "宋体"
FONT = Font(name=FONT_NAME, size=11)
BOLD = Font(name=FONT_NAME, size=11, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
ERROR_FONT = Font(name=FONT_NAME, size=11, bold=True, color="9C0006")
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")  # Excel's own "bad" colours
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
MIDDLE = Alignment(vertical="center")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LINE_HEIGHT = 15.0  # points per line of 11-point Chinese text

# The data cells' looks as named styles, set in one step: a font, border and alignment
# set one by one cost more than the rest of the workbook.
PLAIN, WRAPPED = "单元格", "单元格（换行）"

Value = str | int | Decimal | None


@dataclass(frozen=True)
class Column:
    """A column of a list sheet: its header, the group above it (merged), its width cap,
    and whether long texts wrap in it (the row grows) rather than run on."""

    header: str
    group: str = ""
    width: int = 30
    wrap: bool = False


def render_workbook(
    collection: Collection, area: AreaSum, previous: Collection | None = None
) -> bytes:
    """The workbook as the content of a .xlsx file."""
    book = Workbook()
    for name, alignment in ((PLAIN, MIDDLE), (WRAPPED, WRAP)):
        book.add_named_style(NamedStyle(name, font=FONT, border=BORDER, alignment=alignment))
    _bodies_sheet(book.worksheets[0], collection)
    _findings_sheet(book.create_sheet(), collection)
    _sum_sheet(book.create_sheet(), collection, area)
    if previous is not None:
        _year_on_year_sheet(book.create_sheet(), collection, previous)
    _left_out_sheet(book.create_sheet(), collection, previous)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- list sheets


def _list_sheet(
    sheet: Worksheet, name: str, title: str, columns: Sequence[Column], rows: Sequence[list[Value]]
) -> int:
    """A sheet of rows under a title, group headers and column headers: the header frozen,
    filters on it, widths fitted to the text; returns the first data row."""
    sheet.title = name
    header_row = 3 if any(column.group for column in columns) else 2
    _title(sheet, title)
    if header_row == 3:
        _group_headers(sheet, columns)
    for index, column in enumerate(columns, 1):
        _header_cell(sheet, header_row, index, column.header)
    widths = _fit_widths(sheet, columns, rows, header_row)
    for number, given in enumerate(rows, header_row + 1):
        row = [*given, *[None] * (len(columns) - len(given))]  # every cell of the row framed
        for index, value in enumerate(row, 1):
            cell = _cell(sheet, number, index, value)
            cell.style = WRAPPED if columns[index - 1].wrap else PLAIN
            if isinstance(value, Decimal):
                cell.number_format = "0.00####"
        lines = max(
            (_lines(_shown(value), widths[i]) for i, value in enumerate(row) if columns[i].wrap),
            default=1,
        )
        if lines > 1:
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines + 2
    last = get_column_letter(len(columns))
    sheet.freeze_panes = f"B{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(rows), 1)}"
    _print_setup(sheet, header_row)
    return header_row + 1


def _cell(sheet: Worksheet, row: int, column: int, value: Value) -> SheetCell:
    """A cell with its value, a text as it may be shown (report/text_rules.for_display):
    a file name with a control character or bytes that are not UTF-8, or any text read
    from a report, becomes � there rather than an XML error."""
    shown = for_display(value, lines=True) if isinstance(value, str) else value
    return sheet.cell(row, column, shown)


def _title(sheet: Worksheet, text: str) -> None:
    """Row 1: the sheet's title (it runs on over the empty cells to its right)."""
    _cell(sheet, 1, 1, text).font = TITLE_FONT
    sheet.row_dimensions[1].height = 22


def _header_cell(sheet: Worksheet, row: int, column: int, text: str) -> None:
    cell = _cell(sheet, row, column, text)
    cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BORDER, CENTRE


def _group_headers(sheet: Worksheet, columns: Sequence[Column]) -> None:
    """Row 2: each run of columns of one group under one merged cell."""
    start = 1
    for index in range(1, len(columns) + 1):
        group = columns[index - 1].group
        if index < len(columns) and columns[index].group == group:
            continue
        _header_cell(sheet, 2, start, group)
        if index > start:
            sheet.merge_cells(start_row=2, start_column=start, end_row=2, end_column=index)
        start = index + 1


def _fit_widths(
    sheet: Worksheet, columns: Sequence[Column], rows: Sequence[list[Value]], header_row: int
) -> list[int]:
    """Each column as wide as its widest cell (a Chinese character counts two), within
    its cap; the headers wrap rather than widen a column of small numbers."""
    widths, longest = [], 1
    for index, column in enumerate(columns):
        values = (row[index] for row in rows if index < len(row))
        widest = max((display_width(_shown(value)) for value in values), default=0)
        header = min(display_width(column.header), 12)
        width = min(max(widest, header, 4) + 2, column.width)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
        longest = max(longest, _lines(column.header, width))
        widths.append(width)
    sheet.row_dimensions[header_row].height = LINE_HEIGHT * longest + 4
    return widths


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def _lines(text: str, width: float) -> int:
    """Lines a text takes in a wrapping column of `width` (display columns)."""
    return max(1, math.ceil(display_width(text) / max(width - 1, 1)))


def _print_setup(sheet: Worksheet, header_row: int) -> None:
    """Landscape A4, as wide as the page, the header rows on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"1:{header_row}"


def _fill_row(sheet: Worksheet, row: int, fill: PatternFill, columns: int) -> None:
    for column in range(1, columns + 1):
        sheet.cell(row, column).fill = fill


# ---------------------------------------------------------------- 各单位


BODY_COLUMNS = (
    Column("单位", "单位", 30),
    Column("类型", "单位", 24),
    Column("年度", "单位"),
    Column("文件", "单位", 40),
    *(Column(figure.label, figure.group) for figure in FIGURES),
    Column("错误", "检查结果"),
    Column("警告", "检查结果"),
    Column("第一个错误", "检查结果", 60, wrap=True),
)


def body_row(body: Examined) -> list[Value]:
    """A body's row of 各单位."""
    report = body.report
    kind = ORG_KINDS.get(report.org.kind, report.org.kind)
    figures = [body.figures.get(figure.key) for figure in FIGURES]
    return [
        report.org.name,
        kind,
        report.year,
        body.file,
        *figures,
        body.errors,
        body.warnings,
        body.first_error,
    ]


def _bodies_sheet(sheet: Worksheet, collection: Collection) -> None:
    bodies = collection.bodies
    flawed = sum(1 for body in bodies if body.errors)
    title = (
        f"{collection.year}年度政府信息公开工作年度报告汇总：各单位（共 {len(bodies)} 个单位，"
        f"{flawed} 个有错误。红底：报告有错误，仍计入汇总；黄底：只有警告）"
    )
    first = _list_sheet(sheet, "各单位", title, BODY_COLUMNS, [body_row(body) for body in bodies])
    errors_column = len(BODY_COLUMNS) - 2
    for row, body in enumerate(bodies, first):
        if body.errors:
            _fill_row(sheet, row, ERROR_FILL, len(BODY_COLUMNS))
            sheet.cell(row, errors_column).font = ERROR_FONT
        elif body.warnings:
            _fill_row(sheet, row, WARNING_FILL, len(BODY_COLUMNS))


# ---------------------------------------------------------------- 问题清单

FINDING_COLUMNS = (
    Column("单位", width=30),
    Column("文件", width=30),
    Column("规则"),
    Column("级别"),
    Column("位置", width=40, wrap=True),
    Column("问题和改法", width=80, wrap=True),
    Column("规则内容", width=40, wrap=True),
)


def finding_row(body: Examined, finding: Finding) -> list[Value]:
    """A finding's row of 问题清单: the body, where, what to change, and the rule."""
    rule = RULES.get(finding.rule)
    level = LEVEL_NAMES.get(finding.level, finding.level)
    return [
        body.report.org.name,
        body.file,
        finding.rule,
        level,
        finding.place,
        finding.message,
        rule.summary if rule else "",
    ]


def _findings_sheet(sheet: Worksheet, collection: Collection) -> None:
    rows = [(body, finding) for body in collection.bodies for finding in body.findings]
    errors = sum(1 for _, finding in rows if finding.level == "error")
    title = f"问题清单（{len(rows)} 条：错误 {errors} 条，警告 {len(rows) - errors} 条）"
    values = [finding_row(body, finding) for body, finding in rows]
    first = _list_sheet(sheet, "问题清单", title, FINDING_COLUMNS, values)
    for row, (_, finding) in enumerate(rows, first):
        sheet.cell(row, 4).fill = ERROR_FILL if finding.level == "error" else WARNING_FILL


# ---------------------------------------------------------------- 汇总表

SUM_WIDTHS = (8, 14, 44, *(11,) * 15)  # A–C labels of 三, then the figures
# Where each table's columns go: 二's label over A–C; 四 from D, under 三's figures.
_PROACTIVE_COLUMNS = ((1, 3), (4, 4), (5, 5), (6, 6))
_APPEAL_FIRST = 4


def _sum_sheet(sheet: Worksheet, collection: Collection, area: AreaSum) -> None:
    sheet.title = "汇总表"
    year = collection.year or 0
    count = len(area.bodies)
    _title(sheet, f"{year}年度政府信息公开工作年度报告汇总表（{count} 个单位之和）")
    note = _cell(
        sheet,
        2,
        1,
        f"计入汇总的单位：{count} 个（名单见“各单位”表）。每个单元格是各单位报告"
        "之和（空白按 0 计）；总计、（七）总计和结转下年度按相加后的各列重新计算，"
        "并与各单位所填总计之和核对（见表下）。",
    )
    note.font = FONT
    for index, width in enumerate(SUM_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    grids = tables(area.report(Org(f"{count}个单位汇总"), year))
    row = 4
    for key, section in zip(
        ("proactive", "applications", "appeals"), SECTION_TITLES[1:4], strict=True
    ):
        _cell(sheet, row, 1, section).font = BOLD
        spans = _column_spans(grids[key])
        row = _write_grid(sheet, grids[key], row + 1, spans) + 1
    row = _gaps(sheet, area, row)
    _blanks(sheet, area, row + 1)
    _print_setup(sheet, 1)


def _column_spans(table: Table) -> list[tuple[int, int]]:
    """The sheet columns (first, last) each column of a layout table covers."""
    if table.key == "proactive":
        return list(_PROACTIVE_COLUMNS)
    first = _APPEAL_FIRST if table.key == "appeals" else 1
    return [(first + i, first + i) for i in range(table.n_cols)]


def _write_grid(sheet: Worksheet, table: Table, top: int, spans: list[tuple[int, int]]) -> int:
    """A layout table with its merged cells, from row `top`; returns the row after it."""
    for cell in table.cells:
        row, first = top + cell.row, spans[cell.col][0]
        last = spans[cell.col + cell.colspan - 1][1]
        target = _cell(sheet, row, first, _number(cell.text) if cell.number else cell.text)
        target.border, target.font = BORDER, BOLD if cell.header else FONT
        target.alignment = CENTRE if cell.header or cell.number else WRAP
        if cell.header:
            target.fill = HEADER_FILL
        if last > first or cell.rowspan > 1:
            sheet.merge_cells(
                start_row=row, start_column=first, end_row=row + cell.rowspan - 1, end_column=last
            )
    for index in range(table.n_rows):
        sheet.row_dimensions[top + index].height = LINE_HEIGHT * _row_lines(table, index, spans)
    return top + table.n_rows


def _row_lines(table: Table, row: int, spans: list[tuple[int, int]]) -> int:
    """Lines the tallest single-row cell of a grid row needs in its columns' width."""
    lines = 1
    for cell in table.rows()[row]:
        if cell.rowspan == 1:
            first, last = spans[cell.col][0], spans[cell.col + cell.colspan - 1][1]
            width = sum(SUM_WIDTHS[c - 1] for c in range(first, last + 1))
            lines = max(lines, _lines(cell.text, width))
    return lines


def _number(text: str) -> int | Decimal:
    return Decimal(text) if "." in text else int(text)


_GAP_SPANS = [(1, 3), (4, 4), (5, 5), (6, 6), (7, len(SUM_WIDTHS))]
_BLANK_SPANS = [(1, 3), (4, len(SUM_WIDTHS))]


def _gaps(sheet: Worksheet, area: AreaSum, row: int) -> int:
    """Below the tables: the totals that differ from the sum of the printed totals."""
    _cell(sheet, row, 1, "合计核对：按各列相加重新计算的总计与各单位所填总计之和").font = BOLD
    if not area.gaps:
        _cell(sheet, row + 1, 1, "一致：每个总计都等于各单位所填总计之和。").font = FONT
        return row + 2
    headers = ["位置", "按各列相加", "各单位所填总计之和", "差额", "总计对不上的单位"]
    rows: list[list[Value]] = [
        [
            gap.ref.place,
            gap.recomputed,
            gap.printed,
            gap.recomputed - gap.printed,
            "、".join(gap.bodies),
        ]
        for gap in area.gaps
    ]
    end = _note_table(sheet, row + 1, _GAP_SPANS, headers, rows)
    for offset in range(len(rows)):
        sheet.cell(row + 2 + offset, 6).fill = ERROR_FILL
    return end


def _blanks(sheet: Worksheet, area: AreaSum, row: int) -> None:
    """The cells some bodies left blank, counted as 0."""
    _cell(sheet, row, 1, "空白单元格（按 0 计入汇总）").font = BOLD
    if not area.blanks:
        _cell(sheet, row + 1, 1, "无：各单位报告的表格都填了数字。").font = FONT
        return
    rows: list[list[Value]] = [[ref.place, "、".join(bodies)] for ref, bodies in area.blanks]
    _note_table(sheet, row + 1, _BLANK_SPANS, ["位置", "留空的单位"], rows)


def _note_table(
    sheet: Worksheet,
    top: int,
    spans: Sequence[tuple[int, int]],
    headers: Sequence[str],
    rows: Sequence[Sequence[Value]],
) -> int:
    """A small table under the sum: each column over the sheet columns of its span,
    texts wrapped, rows as tall as their text; returns the row after it."""
    for number, values in enumerate([headers, *rows]):
        lines = 1
        for (first, last), value in zip(spans, values, strict=True):
            if number == 0:
                _header_cell(sheet, top, first, str(value))
            else:
                cell = _cell(sheet, top + number, first, value)
                cell.font, cell.border, cell.alignment = FONT, BORDER, WRAP
            if last > first:
                sheet.merge_cells(start_row=top + number, start_column=first,
                                  end_row=top + number, end_column=last)  # fmt: skip
            width = sum(SUM_WIDTHS[first - 1 : last])
            lines = max(lines, _lines(_shown(value), width))
        sheet.row_dimensions[top + number].height = LINE_HEIGHT * lines + 2
    return top + len(rows) + 1


# ---------------------------------------------------------------- 同比

YEAR_COLUMNS = (
    Column("单位", "单位", 30),
    Column("本年文件", "单位", 30),
    Column("去年文件", "单位", 30),
    *(
        Column(label, group)
        for group in ("新收申请（件）", "主动公开信息（条）")
        for label in ("去年", "本年", "增减")
    ),
    *(
        Column(label, group)
        for group in ("行政复议（件）", "行政诉讼（件）")
        for label in ("去年", "本年")
    ),
    Column("本年“上年结转”", "R5：上年结转与去年结转下年度"),
    Column("去年“结转下年度”", "R5：上年结转与去年结转下年度"),
    Column("衔接", "R5：上年结转与去年结转下年度", 50, wrap=True),
)


def _change(now: Cell | Decimal, before: Cell | Decimal) -> Value:
    return None if now is None or before is None else now - before


def year_row(body: Examined) -> list[Value]:
    """A body's row of 同比: last year's figures beside this year's."""
    last = body.previous
    name, file = body.report.org.name, body.file
    if last is None:
        return [name, file, "未找到去年的报告"]
    row: list[Value] = [name, file, last.file]
    for key in ("new", "proactive_items"):
        now, before = body.figures.get(key), last.figures.get(key)
        row += [before, now, _change(now, before)]
    for key in ("reconsideration", "litigation"):
        row += [last.figures.get(key), body.figures.get(key)]
    gap = carry_gap(body)
    row += [
        body.report.total("carried_over"),
        last.report.total("carried_forward"),
        f"不一致：{gap}" if gap else "一致",
    ]
    return row


def _year_on_year_sheet(sheet: Worksheet, collection: Collection, previous: Collection) -> None:
    missing = missing_this_year(collection, previous)
    rows = [year_row(body) for body in collection.bodies]
    rows += [[body.report.org.name, "今年未收到报告", body.file] for body in missing]
    year = collection.year or 0
    title = (
        f"同比：{year} 年与 {year - 1} 年（去年的报告按单位名称对应；"
        f"{len(missing)} 个单位去年有报告、今年未收到）"
    )
    first = _list_sheet(sheet, "同比", title, YEAR_COLUMNS, rows)
    for row, values in enumerate(rows, first):
        if len(values) < len(YEAR_COLUMNS):  # a body of one year only
            _fill_row(sheet, row, WARNING_FILL, 3)
        elif str(values[-1]).startswith("不一致"):
            sheet.cell(row, len(YEAR_COLUMNS)).fill = ERROR_FILL


# ---------------------------------------------------------------- 未计入

LEFT_OUT_COLUMNS = (
    Column("文件", width=40),
    Column("原因"),
    Column("说明", width=80, wrap=True),
    Column("单位", width=30),
    Column("年度"),
    Column("文件夹"),
)


def _left_out_sheet(sheet: Worksheet, collection: Collection, previous: Collection | None) -> None:
    folders = [("本年", collection), *([("去年", previous)] if previous is not None else [])]
    rows: list[list[Value]] = [
        [item.file, REASON_NAMES[item.reason], item.message, item.org, item.year, folder]
        for folder, part in folders
        for item in part.left_out
    ]
    title = f"未计入汇总的文件（{len(rows)} 个）：重复、其他年度、不是报告、无法读取"
    if not rows:
        rows = [["（无）", None, "所有文件都已计入汇总。", None, None, None]]
    _list_sheet(sheet, "未计入", title, LEFT_OUT_COLUMNS, rows)
