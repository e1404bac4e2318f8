"""Many report files read on every core: a process pool whose workers each read one
file and send back its ReportData — a few hundred numbers and the prose — or why it
could not be read, never the file's bytes; so memory stays flat in the number of files.

`jobs=1` reads in this process, one file after another (for figures, and where
processes cannot be started).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from ..report.collect import NOT_A_REPORT, UNREADABLE, Collection, Examined, LeftOut, collect
from ..report.data import ReportData
from .errors import NotAReportError, ReadError
from .files import read_report_file


@dataclass(frozen=True)
class FileRead:
    """One file as a worker leaves it: its report, or the Chinese reason it has none."""

    path: Path
    mtime: float
    report: ReportData | None
    problem: str = ""
    not_a_report: bool = False


def read_one(path: Path) -> FileRead:
    """One file read; every failure a FileRead with its reason, never an exception."""
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        mtime = 0.0
    try:
        return FileRead(path, mtime, read_report_file(path))
    except NotAReportError as exc:
        return FileRead(path, mtime, None, str(exc), not_a_report=True)
    except ReadError as exc:
        return FileRead(path, mtime, None, str(exc))
    except Exception as exc:  # a reader's own fault must not end a batch of 80 files
        return FileRead(
            path, mtime, None, f"读取时出错（{type(exc).__name__}）；请把这个文件发给程序的维护者。"
        )


def default_jobs() -> int:
    """The cores this process may use."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


class BatchError(ReadError):
    """A worker process died (killed, out of memory): the batch cannot go on."""


def read_all(paths: Sequence[Path], jobs: int) -> Iterator[FileRead]:
    """Each file read, in the order given, on `jobs` processes (1: in this one)."""
    if jobs <= 1 or len(paths) < 2:
        yield from map(read_one, paths)
        return
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(paths)), initializer=_leave_ctrl_c)
    finished = False
    try:
        yield from pool.map(read_one, paths)
        finished = True
    except BrokenProcessPool:
        raise BatchError(
            "读取报告的子进程意外退出（可能是内存不足）；请用 --jobs 1 在一个进程中重试。"
        ) from None
    finally:  # on Ctrl-C the files not yet begun are dropped, not read to the end
        pool.shutdown(wait=finished, cancel_futures=not finished)


def _leave_ctrl_c() -> None:
    """Workers ignore Ctrl-C: the command itself stops, says so, and ends them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def read_collection(
    paths: Sequence[Path],
    jobs: int,
    year: int | None,
    keep: Callable[[str, float, ReportData], Examined],
    step: Callable[[Path], None] | None = None,
    year_said: str = "",
) -> Collection:
    """The files read on `jobs` processes, each kept as `keep` makes it (checked, prose
    dropped) as it comes in, then collected: each body of `year` (default: the year
    most reports are of) once, every other file left out with the reason (a report of
    another year with `year_said`, collect.collect). `step` is told each file as it is
    done; BatchError when a reading process dies."""
    examined: list[Examined] = []
    failures: list[LeftOut] = []
    for read in read_all(paths, jobs):
        if step is not None:
            step(read.path)
        if read.report is None:
            reason = NOT_A_REPORT if read.not_a_report else UNREADABLE
            failures.append(LeftOut(str(read.path), reason, read.problem))
        else:
            examined.append(keep(str(read.path), read.mtime, read.report))
    return collect(examined, failures, year, year_said)
