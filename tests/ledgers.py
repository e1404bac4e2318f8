"""Ledgers of several shapes, built in code for the tests (and the committed examples)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl

HEADER = ["序号", "编号", "申请人", "收到申请日期", "答复日期", "处理结果", "申请内容"]
# The example ledger of the README (report year 2024): every date form, every kind of
# applicant, a row from last year, one answered next year, one received next year, and
# one result the words do not decide (申请人撤回申请).
EXAMPLE: list[list[Any]] = [
    [1, "2024-001", "张三", date(2024, 1, 8), date(2024, 1, 30), "予以公开", "拆迁补偿方案"],
    [2, "2024-002", "滑县某某建材有限公司", "2024-02-15", "2024-03-01", "部分公开", "项目批复"],
    [3, "2024-003", "李某", "2024.3.5", "2024.3.20", "本机关不掌握相关政府信息", "土地审批"],
    [4, "2024-004", "河南某某律师事务所", "2024/4/10", "2024/4/28", "予以公开", "处罚决定"],
    [
        5,
        "2024-005",
        "王五",
        "2024年5月6日",
        "2024年5月20日",
        "不予公开（保护第三方合法权益）",
        "他人信息",
    ],
    [6, "2024-006", "某某大学", 45460, 45478, "予以公开", "统计数据"],
    [7, "2024-007", "赵六", date(2024, 7, 2), date(2024, 7, 15), "信访举报投诉类申请", "投诉"],
    [8, "2024-008", "县环保志愿者协会", "2024-08-12", "2024-08-30", "予以公开", "环评"],
    [9, "2024-009", "孙七", "2024-09-03", "2024-09-10", "申请人撤回申请", "补助"],
    [10, "2024-010", "周八", "2024-12-20", "2025-01-08", "予以公开", "规划"],
    [11, "2023-015", "吴九", "2023-12-22", "2024-01-10", "予以公开", "征收"],
    [12, "2025-001", "郑十", "2025-01-03", "", "", "道路"],
]
EXAMPLE_YEAR = 2024


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    header: Sequence[str] = HEADER,
    title: str | None = "某某镇人民政府2024年依申请公开台账",
    total: bool = True,
    sheets: Sequence[tuple[str, Sequence[Sequence[Any]]]] = (),
) -> Path:
    """A workbook: other sheets first, then the ledger (a merged title and a blank row
    above the header, so the header sits on row 3), then a blank row and a total row."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, other in sheets:
        extra = book.create_sheet(name)
        for row in other:
            extra.append(list(row))
    sheet = book.create_sheet("2024年台账")
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        sheet.append([])
    sheet.append(list(header))
    for row in rows:
        sheet.append([_excel(cell) for cell in row])
    if total:
        sheet.append([])
        sheet.append(["合计", "", f"{len(rows)} 件"])
    book.save(path)
    return path


def _excel(cell: Any) -> Any:
    return datetime(cell.year, cell.month, cell.day) if isinstance(cell, date) else cell


def write_csv(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    encoding: str = "gbk",
    header: Sequence[str] = HEADER,
) -> Path:
    """A CSV file (GBK unless told): the header on the first line, dates as text."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([c.isoformat() if isinstance(c, date) else c for c in row])
    return path
