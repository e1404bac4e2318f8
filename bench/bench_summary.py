"""Benchmark of `summary` on a county's folder, one core against all cores; prints
figures (not a test).

Run:  python bench/bench_summary.py [--files 200]

Each figure times `report-interview summary FOLDER -o BOOK.xlsx --jobs N` as a user
runs it (a new process, start-up and the workbook included) on a temporary folder:

- mixed: --files reports of distinct bodies, Word, web page and text in turn, made by
  the program's own writers from varied report data (tests/county.py)
                                    target <= 5 s on all cores
- pdf: --files PDFs, copies of tests/data/files/with-cases.pdf and six-pages.pdf in
  turn (made by LibreOffice from the program's Word file; no LibreOffice is needed here).
  They are one body's report, so all but one are read, checked and listed as duplicates.
                                    target <= 60 s on all cores
- memory: the command's own peak and its largest reading process's, for a quarter of
  the files and for all of them (flat: the workers send back report data, not files)
- letters: the mixed folder again with --feedback (a Word and a text letter per body)

On a shared machine the other work takes cores: "free" is how many cores two pure-Python
loops side by side got against one alone, measured before and after the figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests/county.py makes the reports

from report_interview.report.data import Org  # noqa: E402
from tests.county import varied, write  # noqa: E402

PDFS = (ROOT / "tests/data/files/with-cases.pdf", ROOT / "tests/data/files/six-pages.pdf")
MIXED = ("docx", "html", "txt")


def mixed_report(folder: Path, i: int) -> None:
    """Report i of a distinct body (the county's 38 names, then numbered townships)."""
    report = varied(i, 2023)
    if i >= 38:
        name = f"第{i}镇人民政府"
        report = dataclasses.replace(report, org=Org(name, "我镇", "township"))
    write(report, folder / f"{i:04d}", MIXED[i % len(MIXED)])


def pdf_report(folder: Path, i: int) -> None:
    shutil.copy(PDFS[i % len(PDFS)], folder / f"{i:04d}.pdf")


def folder_of(count: int, make: Callable[[Path, int], None]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-summary-"))
    for i in range(count):
        make(folder, i)
    return folder


@dataclass(frozen=True)
class Figure:
    seconds: float
    cpu: float  # user + system seconds of the command and its workers
    peak: int  # the command's own peak memory (bytes)
    worker: int  # its largest worker's
    first_line: str


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def summary(folder: Path, jobs: int, *extra: str) -> Figure:
    """`summary FOLDER` in a new process, as a user runs it (Linux: /proc for memory)."""
    book = folder.with_suffix(".xlsx")
    argv = [
        "report-interview",
        "summary",
        str(folder),
        "-o",
        str(book),
        "--jobs",
        str(jobs),
        *extra,
    ]
    # VmHWM of the command itself; ru_maxrss of its children is its largest worker's.
    code = (
        "import resource, runpy, sys\n"
        f"sys.argv = {argv!r}\n"
        "try:\n    runpy.run_module('report_interview', run_name='__main__')\n"
        "finally:\n"
        "    own = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
        "    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "    print('PEAK', own, worker, file=sys.stderr)\n"
    )
    start, cpu = time.perf_counter(), _cpu()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
    peak = next(line.split() for line in result.stderr.splitlines() if line.startswith("PEAK"))
    book.unlink(missing_ok=True)
    first = result.stdout.splitlines()[0] if result.stdout else result.stderr.strip()[:80]
    return Figure(elapsed, cpu, int(peak[1]) * 1024, int(peak[2]) * 1024, first)


def show(label: str, folder: Path, jobs: int, *extra: str) -> float:
    figure = summary(folder, jobs, *extra)
    workers = f", largest worker {figure.worker / 2**20:.0f} MB" if jobs > 1 else ""
    print(
        f"{label:26} --jobs {jobs}: {figure.seconds:6.2f} s (cpu {figure.cpu:6.2f} s); "
        f"peak {figure.peak / 2**20:.0f} MB{workers}; {figure.first_line}"
    )
    return figure.seconds


_SPIN = "import time\nt = time.perf_counter()\nfor i in range(8_000_000): pass\nprint(time.perf_counter() - t)"


def cores_free(cores: int) -> float:
    """How many cores the machine gives now: a pure-Python loop alone, then `cores` of
    them at once (another engineer's tests on a shared machine take the rest)."""

    def spin(count: int) -> float:
        runs = [subprocess.Popen([sys.executable, "-c", _SPIN], stdout=subprocess.PIPE, text=True)
                for _ in range(count)]  # fmt: skip
        return max(float(run.communicate()[0]) for run in runs)

    return cores * spin(1) / spin(cores)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    print(f"{cores} cores ({cores_free(cores):.2f} free now); {args.files} files per folder; "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    folders = {
        "mixed": folder_of(args.files, mixed_report),
        "pdf": folder_of(args.files, pdf_report),
        "mixed, a quarter": folder_of(args.files // 4, mixed_report),
    }
    try:
        for kind, target in (("mixed", 5), ("pdf", 60)):
            label = f"{args.files} {kind} files"
            one = show(label, folders[kind], 1)
            every = show(label, folders[kind], cores)
            print(f"{'':26} {one / every:.2f} x faster on {cores} cores (target <= {target} s)")
        show(f"{args.files // 4} mixed files", folders["mixed, a quarter"], cores)
        letters = Path(tempfile.mkdtemp(prefix="bench-letters-"))
        show(
            f"{args.files} mixed + --feedback", folders["mixed"], cores, "--feedback", str(letters)
        )
        shutil.rmtree(letters)
    finally:
        for folder in folders.values():
            shutil.rmtree(folder)
    print(f"at the end {cores_free(cores):.2f} cores free, load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
