"""Ledger files → sheets of cells: .xlsx/.xlsm (openpyxl, read-only), .xls
(python-calamine), .csv (UTF-8 with or without BOM, GBK/GB18030).

The only module that imports openpyxl or python_calamine; both are imported only when
a ledger is read, so the interview starts without them. Every failure is a LedgerError
with a Chinese message saying what to do; no other exception escapes `read_sheets`.
A ledger is read within the budget of limits.py: a regular file (never a pipe or a
device) of at most MAX_LEDGER_BYTES, a workbook unpacked within MAX_LEDGER_UNZIPPED,
its sheets' rows and cells as really filled.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..files import FileRefused, read_limited
from ..limits import (
    MAX_LEDGER_BYTES,
    MAX_LEDGER_CELLS,
    MAX_LEDGER_COLUMNS,
    MAX_LEDGER_ROWS,
    MAX_LEDGER_SHEETS,
    MAX_LEDGER_UNZIPPED,
)
from .errors import ReadError
from .files import decode_text
from .ledger import LedgerError, Sheet
from .unzip import read_parts, repacked

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
_OLE = b"\xd0\xcf\x11\xe0"  # an encrypted workbook, or the old .xls format


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of a ledger file, cells as the library gives them."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise LedgerError(f"{path.name}：只能读取 Excel（.xlsx、.xls）或 CSV 文件；"
                          "请在 Excel 或 WPS 中另存为 .xlsx 后再导入。")  # fmt: skip
    try:
        data = read_limited(path, MAX_LEDGER_BYTES)
    except FileRefused as exc:
        advice = "请确认文件路径。" if "找不到" in str(exc) else "请给出台账文件本身。"
        raise LedgerError(f"无法打开台账 {path}：{exc}{advice}") from None
    if suffix == ".csv":
        return [Sheet(path.stem, _csv_rows(data, path.name))]
    if suffix == ".xls" or data.startswith(_OLE):
        return _calamine(data, path.name, encrypted=suffix != ".xls")
    return _openpyxl(data, path.name)


class _Cells:
    """Counts a ledger's rows and cells as really filled, against the limits: a row is
    cut at MAX_LEDGER_COLUMNS, a sheet over MAX_LEDGER_ROWS or a file over
    MAX_LEDGER_CELLS is refused."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cells = 0

    def rows(self, rows: Iterable[Sequence[Any]]) -> tuple[tuple[Any, ...], ...]:
        kept: list[tuple[Any, ...]] = []
        for row in rows:
            if len(kept) >= MAX_LEDGER_ROWS:
                raise self.too_large(f"工作表超过 {MAX_LEDGER_ROWS:,} 行")
            cut = tuple(row) if len(row) <= MAX_LEDGER_COLUMNS else _trimmed(row)
            self.cells += len(cut)
            if self.cells > MAX_LEDGER_CELLS:
                raise self.too_large(f"单元格超过 {MAX_LEDGER_CELLS:,} 个")
            kept.append(cut)
        return tuple(kept)

    def too_large(self, what: str) -> LedgerError:
        return LedgerError(
            f"{self.name}：{what}（上限），不像是一份台账；请只保留台账本身后再导入。"
        )


def _trimmed(row: Sequence[Any]) -> tuple[Any, ...]:
    """A row cut at MAX_LEDGER_COLUMNS, without the empty cells it then ends with (a
    stray value far right leaves the row as wide as its real cells)."""
    cut = list(row[:MAX_LEDGER_COLUMNS])
    while cut and cut[-1] in (None, ""):
        cut.pop()
    return tuple(cut)


def _csv_rows(data: bytes, name: str) -> tuple[tuple[Any, ...], ...]:
    """A CSV file's rows, in any encoding a report text may have (read/files.py)."""
    try:
        text = decode_text(data)
    except ReadError:
        raise LedgerError(
            f"{name}：看不出文件的文字编码。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。"
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","  # pasted from Excel
    try:
        return _Cells(name).rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise LedgerError(
            f"{name}：CSV 格式有误（引号不成对等）。请在 Excel 中另存为 .xlsx 后再导入。"
        ) from None


def _openpyxl(data: bytes, name: str) -> list[Sheet]:
    """A workbook read cell values only (read-only mode: fast, little memory). openpyxl
    gets the package as unpacked within the budget (read/unzip.py), and each sheet's
    rows as really filled: the dimension a sheet declares (A1:XFD1048576) is ignored."""
    import openpyxl

    try:
        parts = read_parts(data, limit=MAX_LEDGER_UNZIPPED)
        book = openpyxl.load_workbook(
            io.BytesIO(repacked(parts.items())), read_only=True, data_only=True
        )
        try:
            return _sheets(book, _Cells(name))
        finally:
            book.close()
    except LedgerError:
        raise
    except ReadError as exc:  # unpacked beyond the budget
        what = str(exc).split("，不像是")[0]
        raise LedgerError(f"{name}：{what}，不像是一份台账；请只保留台账本身后再导入。") from None
    # A damaged workbook fails in many ways (zip, XML, a missing part, a bad value):
    # each is the same advice to the clerk, never a traceback.
    except Exception:
        raise LedgerError(f"{name}：文件已损坏或不是 Excel 文件。"
                          "请在 Excel 或 WPS 中打开它，另存为 .xlsx 后再导入。") from None  # fmt: skip


def _sheets(book: Any, cells: _Cells) -> list[Sheet]:
    """Every sheet of an openpyxl workbook, its rows as filled (no declared dimension)."""
    if len(book.worksheets) > MAX_LEDGER_SHEETS:
        raise cells.too_large(f"工作表超过 {MAX_LEDGER_SHEETS} 张")
    sheets = []
    for ws in book.worksheets:
        ws.reset_dimensions()
        sheets.append(Sheet(ws.title, cells.rows(ws.iter_rows(values_only=True))))
    return sheets


def _calamine(data: bytes, name: str, *, encrypted: bool) -> list[Sheet]:
    """An .xls workbook (or an .xlsx that is really an encrypted or old-format file)."""
    from python_calamine import CalamineError, CalamineWorkbook

    cells = _Cells(name)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if len(book.sheet_names) > MAX_LEDGER_SHEETS:
            raise cells.too_large(f"工作表超过 {MAX_LEDGER_SHEETS} 张")
        sheets = []
        for sheet_name in book.sheet_names:
            sheet = book.get_sheet_by_name(sheet_name)
            if sheet.height * min(sheet.width, MAX_LEDGER_COLUMNS) > MAX_LEDGER_CELLS:
                raise cells.too_large(f"单元格超过 {MAX_LEDGER_CELLS:,} 个")
            sheets.append(Sheet(sheet_name, cells.rows(sheet.iter_rows())))
        return sheets
    except LedgerError:
        raise
    except (CalamineError, ValueError, OSError) as exc:
        if encrypted or "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise LedgerError(f"{name}：文件设置了打开密码（或已加密），无法读取。请在 Excel 或 WPS "
                              "中打开它，取消密码后另存为 .xlsx 再导入。") from None  # fmt: skip
        raise LedgerError(f"{name}：文件已损坏，无法读取。请在 Excel 或 WPS 中打开它，"
                          "另存为 .xlsx 后再导入。") from None  # fmt: skip
