"""The sheet side of a ledger (依申请公开台账): cells, the header row and its columns,
and dates. Pure, stdlib only; read/ledger.py counts the rows, read/ledger_words.py
sorts their values, read/ledger_files.py reads the files."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

Cell = Any  # str, int, float, date, datetime or None, as a sheet gives it


class LedgerError(Exception):
    """A ledger that cannot be used; the message (Chinese) says what to do."""


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook (a CSV file is one sheet); rows[i] is sheet row i + 1."""

    name: str
    rows: tuple[tuple[Cell, ...], ...]


# ---------------------------------------------------------------- columns

FIELDS = ("applicant", "received", "answered", "result", "number")
FIELD_NAMES = {
    "applicant": "申请人（或申请人类型）",
    "received": "收到申请的日期",
    "answered": "答复（办结）日期",
    "result": "处理结果",
    "number": "编号",
}
REQUIRED = ("applicant", "received", "result")
_DATE_WORDS = ("日期", "时间", "日")
_RECEIVED_WORDS = ("收到", "受理", "申请日期", "申请时间", "登记", "收件", "接收")
_ANSWERED_WORDS = ("答复", "办结", "回复", "告知", "完成", "出具")
_RESULT_WORDS = ("结果", "答复类型", "答复方式", "答复情况", "办理情况", "处理情况", "处理方式")
_TYPE_WORDS = ("申请人类型", "申请人性质", "申请人类别", "申请主体类型", "申请人身份")
_APPLICANT_WORDS = ("申请人", "申请单位", "申请主体", "姓名", "名称")
_NUMBER_WORDS = ("编号", "受理号", "登记号", "文号")


def plain(text: Cell) -> str:
    """A cell as normalised text: NFKC (全角 → 半角), no spaces or line breaks."""
    if text is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def header_field(header: str) -> tuple[str, int] | None:
    """Which field a header names and how surely (2 beats 1), or None."""
    text = plain(header)
    if not text:
        return None
    if any(w in text for w in _DATE_WORDS) and not any(w in text for w in _RESULT_WORDS):
        if any(w in text for w in _RECEIVED_WORDS):
            return "received", 2
        if any(w in text for w in _ANSWERED_WORDS):
            return "answered", 2
    if any(w in text for w in _RESULT_WORDS):
        return "result", 2
    if any(w in text for w in _TYPE_WORDS):
        return "applicant", 2
    if any(w in text for w in _APPLICANT_WORDS) and "日期" not in text:
        return "applicant", 1
    if any(w in text for w in _NUMBER_WORDS):
        return "number", 2
    if text == "序号":
        return "number", 1
    return None


def guess_columns(headers: Sequence[str]) -> dict[str, int]:
    """field → column index, the surest header of each field (leftmost on a tie)."""
    best: dict[str, tuple[int, int]] = {}
    for index, header in enumerate(headers):
        found = header_field(header)
        if found and (found[0] not in best or found[1] > best[found[0]][0]):
            best[found[0]] = (found[1], index)
    return {name: index for name, (_, index) in best.items()}


@dataclass(frozen=True)
class Layout:
    """Where the ledger is: its sheet, header row (1-based), headers and columns."""

    sheet: str
    header_row: int
    headers: tuple[str, ...]
    columns: Mapping[str, int]


HEADER_SCAN = 20  # header rows sit at the top, under at most a few title rows


def find_layouts(sheets: Sequence[Sheet], known: Mapping[str, str] | None = None) -> list[Layout]:
    """Every sheet's ledger header: the first row (of the top 20) naming an applicant, a
    received date and a result, by its words or by the clerk's `known` headers (field →
    header text). Sheets without one are left out."""
    found = []
    for sheet in sheets:
        for number, row in enumerate(sheet.rows[:HEADER_SCAN], start=1):
            headers = tuple(plain(cell) for cell in row)
            columns = guess_columns(headers)
            for name, header in (known or {}).items():  # "" = the ledger has no such column
                if not plain(header):
                    columns.pop(name, None)
                elif plain(header) in headers:
                    columns[name] = headers.index(plain(header))
            if all(name in columns for name in REQUIRED):
                found.append(Layout(sheet.name, number, headers, columns))
                break
    return found


def choose_layout(
    sheets: Sequence[Sheet], year: int, sheet_name: str = "", known: Mapping[str, str] | None = None
) -> Layout:
    """The ledger's layout: the named sheet's, else the one of a sheet named with the
    report year, else the first. LedgerError (Chinese) when no sheet has data or header."""
    if not any(_data_rows(sheet.rows) for sheet in sheets):
        raise LedgerError("台账是空的，没有任何数据。请确认选对了文件，或换用其他方式填写。")
    layouts = find_layouts(sheets, known)
    if not layouts:
        words = "、".join(FIELD_NAMES[name] for name in REQUIRED)
        raise LedgerError(
            f"在台账前 {HEADER_SCAN} 行里找不到表头（应有{words}等列）。"
            "请在表头一行写上这些列名后重新导入，或换用其他方式填写。"
        )
    for layout in layouts:
        if layout.sheet == sheet_name:
            return layout
    dated = [layout for layout in layouts if str(year) in layout.sheet]
    return (dated or layouts)[0]


def _data_rows(rows: Iterable[Sequence[Cell]]) -> bool:
    return any(plain(cell) for row in rows for cell in row)


def samples(sheet: Sheet, layout: Layout, column: int, count: int = 3) -> list[str]:
    """The first few non-empty values of a column under the header, to confirm it."""
    found: list[str] = []
    for row in sheet.rows[layout.header_row :]:
        value = show_cell(row[column]) if column < len(row) else ""
        if value and value not in found:
            found.append(value)
        if len(found) == count:
            break
    return found


def show_cell(cell: Cell) -> str:
    """A cell as the clerk would read it (a date as 2024-03-05)."""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return str(int(cell))  # 45356.0 → 45356; a huge one (1e308) stays 1e+308
    return "" if cell is None else str(cell).strip()


# ---------------------------------------------------------------- dates

_EXCEL_EPOCH = date(1899, 12, 30)
_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_EMPTY_DATES = {"", "-", "—", "/", "无", "未答复", "未办结", "办理中", "正在办理"}


def parse_date(cell: Cell) -> date | None:
    """A date cell → date; None when empty. Excel dates, serial numbers (45356),
    2024-03-05, 2024.3.5, 2024/3/5, 2024年3月5日, 20240305. ValueError otherwise."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _serial(float(cell))
    text = plain(cell)
    if text in _EMPTY_DATES:
        return None
    match = _DATE.match(text)
    if match:
        return date(*(int(part) for part in match.groups()))
    if re.fullmatch(r"\d{8}", text):
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if re.fullmatch(r"\d{4,5}(\.\d+)?", text):
        return _serial(float(text))
    raise ValueError(text)


def _serial(value: float) -> date:
    """An Excel serial day number (1900 date system) → date."""
    if not 1 <= value < 2958466:
        raise ValueError(str(value))
    return _EXCEL_EPOCH + timedelta(days=int(value))
