"""Benchmark of the ledger import: a 1,000-row ledger read and mapped; prints figures.

Run:  python bench/bench_ledger.py [--rows 1000] [--runs 5]

Writes a ledger of that many applications (a merged title, the header on row 3, every
date form, applicants of every column, results of every outcome row, a total row) as
.xlsx and as GBK .csv, with the mappings of its one undecided value known, then times
what `--ledger` and the dialogue do once the mappings are known: read the file, find the
header and columns, classify every row and count the matrix. The first figure is a new
process's first import (imports included), the others the median of later
runs. Target: <= 1 s.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import openpyxl

HEADER = ["序号", "编号", "申请人", "收到申请日期", "答复日期", "处理结果", "申请内容", "备注"]
APPLICANTS = ["张三", "李某", "滑县某某建材有限公司", "河南某某律师事务所", "郑州大学",
              "县环保志愿者协会", "某某村民委员会", "王**"]  # fmt: skip
RESULTS = ["予以公开", "部分公开", "不予公开（保护第三方合法权益）", "属于国家秘密",
           "本机关不掌握相关政府信息", "需另行制作", "信访举报投诉类申请", "重复申请",
           "逾期不补正", "申请人撤回申请"]  # fmt: skip


def ledger_rows(count: int) -> list[list[object]]:
    """`count` applications of 2024 (a few from 2023, a few answered in 2025)."""
    rng = random.Random(13)
    rows: list[list[object]] = []
    for i in range(count):
        received = date(2023, 12, 1) + timedelta(days=rng.randint(0, 420))
        answered = received + timedelta(days=rng.randint(1, 20))
        forms = [answered, answered.isoformat(), f"{answered.year}.{answered.month}.{answered.day}",
                 f"{answered.year}年{answered.month}月{answered.day}日",
                 (answered - date(1899, 12, 30)).days]  # fmt: skip
        rows.append([i + 1, f"2024-{i:04d}", rng.choice(APPLICANTS), received.isoformat(),
                     forms[i % len(forms)], rng.choice(RESULTS), "申请内容", ""])  # fmt: skip
    return rows


def write_ledgers(folder: Path, count: int) -> tuple[Path, Path]:
    rows = ledger_rows(count)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["某某局2024年依申请公开台账"])
    sheet.merge_cells("A1:H1")
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    sheet.append(["合计"])
    xlsx = folder / "台账.xlsx"
    book.save(xlsx)
    path = folder / "台账.csv"
    with path.open("w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([[c.isoformat() if isinstance(c, date) else c for c in r] for r in rows])
    return xlsx, path


TIMED = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from report_interview.read.ledger import Mappings, import_ledger
from report_interview.read.ledger_files import read_sheets
mappings = Mappings(outcome={"申请人撤回申请": "other_other"})
runs = []
for _ in range(int(sys.argv[2])):
    imported = import_ledger(read_sheets(Path(sys.argv[1])), 2024, mappings)
    assert imported.tally.resolved, imported.tally.unknown
    runs.append(time.perf_counter() - start)
    start = time.perf_counter()
counted = len({r for rows in imported.tally.cells.values() for r in rows})
print(runs[0], sorted(runs[1:])[len(runs[1:]) // 2] if runs[1:] else runs[0], counted)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for path in write_ledgers(Path(tmp), args.rows):
            firsts, medians = [], []
            for _ in range(3):
                result = subprocess.run(
                    [sys.executable, "-c", TIMED, str(path), str(args.runs)],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                first, median, counted = result.stdout.split()
                firsts.append(float(first))
                medians.append(float(median))
            print(f"{path.suffix}: {args.rows} rows ({counted} counted): first import in a new "
                  f"process {statistics.median(firsts):.3f} s (imports included), "
                  f"later imports {statistics.median(medians):.3f} s; target <= 1 s")  # fmt: skip


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(bench ran {time.perf_counter() - started:.1f} s)")
