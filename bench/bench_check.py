"""Benchmark of batch checking, per input format; prints figures (not a test).

Run:  python bench/bench_check.py [--reports 500] [--mixed 1000]

Each figure times `report-interview check FOLDER` as a user runs it (a new process,
start-up included) on a temporary folder of reports — the reference report's data with
applications, cases and numbers varied so that some break rules — written as:

- txt (the published text layout)   target >= 100 reports/s
- docx (the program's Word file)    target >= 30 reports/s
- html (the program's web page)     target >= 50 reports/s
- a 6-page text PDF (tests/data/files/six-pages.pdf, made by LibreOffice), read and
  checked on its own                target <= 1 s
- a folder of --mixed files, every format (txt, md, json, docx, html, pdf) in turn:
  the process's peak memory         target <= 200 MB
- check time of one 190,000-line text against a 19,000-line one: target <= 10 x
  (200,000 lines is the text reader's limit, limits.MAX_TEXT_LINES)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from report_interview.report.data import APPEAL_KEYS, APPLICATION_KEYS, ReportData, report_from_dict
from report_interview.report.narrative import on_request
from report_interview.write.render import render

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "data" / "niutun-2023.json"
SIX_PAGES = ROOT / "tests" / "data" / "files" / "six-pages.pdf"
MIXED_FORMATS = ("txt", "md", "json", "docx", "html", "pdf")


def sample(i: int, base: dict[str, object]) -> ReportData:
    """A varied report: applications in a few columns, sometimes a broken total."""
    rng = random.Random(i)
    data = json.loads(json.dumps(base))
    apps: dict[str, list[int]] = {key: [0] * 6 for key in APPLICATION_KEYS}
    apps["new"] = [rng.randint(0, 40), rng.randint(0, 5), 0, 0, rng.randint(0, 3), 0]
    apps["granted"] = list(apps["new"])
    apps["concluded"] = list(apps["new"])
    data["applications"] = apps
    data["appeals"] = {key: [rng.randint(0, 2), 0, 0, 0] for key in APPEAL_KEYS}
    data["org"] = {"name": f"第{i}镇人民政府", "self": "我镇", "kind": "township"}
    report = report_from_dict(data)
    overview = dataclasses.replace(report.overview, on_request=on_request(report))
    report = dataclasses.replace(report, overview=overview)
    if i % 7 == 0:  # a wrong printed total, as real reports have
        rows = dict(report.applications)
        rows["new"] = (*rows["new"][:6], 0)
        report = dataclasses.replace(report, applications=rows)
    return report


def write_report(folder: Path, i: int, fmt: str, base: dict[str, object]) -> None:
    """Report number i in one format (a PDF is the committed six-page fixture)."""
    path = folder / f"report-{i:04d}.{fmt}"
    if fmt == "pdf":
        shutil.copy(SIX_PAGES, path)
        return
    content = render(sample(i, base), fmt)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def check(target: Path) -> tuple[float, int, str]:
    """Seconds, peak memory (bytes; Linux) and summary line of `check TARGET` in a new
    process."""
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so the child would report
    # this (bigger) process's peak.
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['report-interview', 'check', {str(target)!r}]\n"
        "try:\n    runpy.run_module('report_interview', run_name='__main__')\n"
        "finally:\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
        "    print('PEAK', status, file=sys.stderr)\n"
    )
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    peak = next(
        (
            int(line.split()[1]) * 1024
            for line in result.stderr.splitlines()
            if line.startswith("PEAK")
        ),
        0,
    )
    summary = next((line for line in result.stdout.splitlines() if line.startswith("共检查")), "")
    return elapsed, peak, summary


def folder_of(count: int, formats: Callable[[int], str], base: dict[str, object]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-check-"))
    for i in range(count):
        write_report(folder, i, formats(i), base)
    return folder


def throughput(fmt: str, count: int, target: str, base: dict[str, object]) -> None:
    folder = folder_of(count, lambda _: fmt, base)
    try:
        elapsed, peak, summary = check(folder)
    finally:
        shutil.rmtree(folder)
    print(f"{fmt:5} {count} reports in {elapsed:.2f} s: {count / elapsed:.0f} reports/s "
          f"(target {target}); peak {peak / 2**20:.0f} MB; {summary}")  # fmt: skip


def big_text(lines: int, base: dict[str, object]) -> str:
    """A report whose 一 and 五 hold `lines` lines of prose, table-like lines and numbers."""
    chunk = ["第一段，本年收到申请3件，办结2件。", "这是一段很长的没有句号的文字它被转换器截断了",
             "行政规范性文件\t1\t0\t99", "规章   0   0   0", "（一）主动公开", ""]  # fmt: skip
    filler = "\n".join(chunk[i % len(chunk)] for i in range(lines // 2))
    text = render(sample(1, base), "txt")
    assert isinstance(text, str)
    for heading in ("一、总体情况\n", "五、存在的主要问题及改进情况\n"):
        text = text.replace(heading, heading + filler + "\n", 1)
    return text


def linearity(base: dict[str, object]) -> None:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for lines in (19_000, 190_000):
            path = Path(folder) / f"big-{lines}.txt"
            path.write_text(big_text(lines, base), encoding="utf-8")
            times.append(check(path)[0])
    print(f"check of a 19,000-line text {times[0]:.2f} s, of a 190,000-line text {times[1]:.2f} s: "
          f"{times[1] / times[0]:.1f} x (target <= 10 x)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--mixed", type=int, default=1000)
    args = parser.parse_args()
    base = json.loads(REFERENCE.read_text(encoding="utf-8"))
    throughput("txt", args.reports, ">= 100/s", base)
    throughput("docx", args.reports, ">= 30/s", base)
    throughput("html", args.reports, ">= 50/s", base)
    elapsed, _, summary = check(SIX_PAGES)
    print(f"pdf   one 6-page text PDF read and checked in {elapsed:.2f} s, start-up included "
          f"(target <= 1 s)")  # fmt: skip
    folder = folder_of(args.mixed, lambda i: MIXED_FORMATS[i % len(MIXED_FORMATS)], base)
    try:
        elapsed, peak, summary = check(folder)
    finally:
        shutil.rmtree(folder)
    print(f"mixed {args.mixed} files ({', '.join(MIXED_FORMATS)}) in {elapsed:.1f} s: "
          f"peak memory {peak / 2**20:.0f} MB (target <= 200 MB); {summary}")  # fmt: skip
    linearity(base)


if __name__ == "__main__":
    main()
