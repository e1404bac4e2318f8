"""Ledger files → sheets of cells: .xlsx/.xlsm (openpyxl, read-only), .xls
(python-calamine), .csv (UTF-8 with or without BOM, GBK/GB18030).

The only module that imports openpyxl or python_calamine; both are imported only when
a ledger is read, so the interview starts without them. Every failure is a LedgerError
with a Chinese message saying what to do; no other exception escapes `read_sheets`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from .errors import ReadError
from .files import decode_text
from .ledger import LedgerError, Sheet

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
_OLE = b"\xd0\xcf\x11\xe0"  # an encrypted workbook, or the old .xls format


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of a ledger file, cells as the library gives them."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise LedgerError(f"{path.name}：只能读取 Excel（.xlsx、.xls）或 CSV 文件；"
                          "请在 Excel 或 WPS 中另存为 .xlsx 后再导入。")  # fmt: skip
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LedgerError(f"无法打开 {path}：{exc.strerror or exc}。请确认文件路径。") from None
    if suffix == ".csv":
        return [Sheet(path.stem, _csv_rows(data, path.name))]
    if suffix == ".xls" or data.startswith(_OLE):
        return _calamine(data, path.name, encrypted=suffix != ".xls")
    return _openpyxl(data, path.name)


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
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return tuple(tuple(row) for row in rows)
    except csv.Error:
        raise LedgerError(
            f"{name}：CSV 格式有误（引号不成对等）。请在 Excel 中另存为 .xlsx 后再导入。"
        ) from None


def _openpyxl(data: bytes, name: str) -> list[Sheet]:
    """A workbook read cell values only (read-only mode: fast, little memory)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [
                Sheet(ws.title, tuple(ws.iter_rows(values_only=True))) for ws in book.worksheets
            ]
        finally:
            book.close()
    # A damaged workbook fails in many ways (zip, XML, a missing part, a bad value):
    # each is the same advice to the clerk, never a traceback.
    except Exception:
        raise LedgerError(f"{name}：文件已损坏或不是 Excel 文件。"
                          "请在 Excel 或 WPS 中打开它，另存为 .xlsx 后再导入。") from None  # fmt: skip


def _calamine(data: bytes, name: str, *, encrypted: bool) -> list[Sheet]:
    """An .xls workbook (or an .xlsx that is really an encrypted or old-format file)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [Sheet(n, tuple(tuple(r) for r in book.get_sheet_by_name(n).to_python()))
                for n in book.sheet_names]  # fmt: skip
    except (CalamineError, ValueError, OSError) as exc:
        if encrypted or "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise LedgerError(f"{name}：文件设置了打开密码（或已加密），无法读取。请在 Excel 或 WPS "
                              "中打开它，取消密码后另存为 .xlsx 再导入。") from None  # fmt: skip
        raise LedgerError(f"{name}：文件已损坏，无法读取。请在 Excel 或 WPS 中打开它，"
                          "另存为 .xlsx 后再导入。") from None  # fmt: skip
