"""Benchmark of the interview's start-up and of durable saves; prints figures.

Run:  python bench/bench_interview.py [--runs 9] [--saves 200]

1. Time from starting `report-interview new` in a pseudo-terminal to its first
   question, against the floor `python -c "import prompt_toolkit, questionary"`
   measured in the same run. Target: first question <= 1.3 x the import floor.
2. Median time of one durable answer save (fsync'd atomic replace) with 1, 100 and
   1,000 interviews in the data folder. Targets: <= 10 ms, and save@1000 <= 1.5 x save@1.

Figures, not assertions: the unit tests never time anything.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

import report_interview
from report_interview.store import Store

FIRST_QUESTION = "报告单位的全称是什么"


def _time_to_import_floor() -> float:
    """Seconds for a bare interpreter to import the terminal libraries, measured through
    the same pseudo-terminal harness as the first question (spawn, then wait for a line
    of output), so that both figures carry the same overhead."""
    code = "import prompt_toolkit, questionary; print('READY', flush=True)"
    start = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-c", code], encoding="utf-8", timeout=30)
    child.expect("READY")
    elapsed = time.perf_counter() - start
    child.expect(pexpect.EOF)
    return elapsed


def _time_to_first_question(home: str) -> float:
    env = {**os.environ, "REPORT_INTERVIEW_HOME": home, "PROMPT_TOOLKIT_NO_CPR": "1"}
    start = time.perf_counter()
    # The console script clerks run, next to this interpreter (python -m adds runpy).
    script = Path(sys.executable).with_name("report-interview")
    command, args = (
        (str(script), ["new"])
        if script.exists()
        else (sys.executable, ["-m", "report_interview", "new"])
    )
    child = pexpect.spawn(
        command,
        args,
        env=env,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=30,
    )
    child.expect(FIRST_QUESTION)
    elapsed = time.perf_counter() - start
    child.expect_exact("您 › ")  # leave as a clerk would: at the prompt
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    return elapsed


def start_up(runs: int) -> tuple[float, float, float]:
    """Median seconds of the import floor, and from spawning `report-interview new` to
    its first question on a first start (empty data folder, so no cached flow) and on a
    later start. Measured in turns (floor, first, later) so that the machine's load,
    which drifts, weighs on the three alike."""
    floor, cold, warm = [], [], []
    for _ in range(runs):
        floor.append(_time_to_import_floor())
        with tempfile.TemporaryDirectory() as home:
            cold.append(_time_to_first_question(home))
            warm.append(_time_to_first_question(home))
    return statistics.median(floor), statistics.median(cold), statistics.median(warm)


def save_time(interviews: int, saves: int) -> float:
    """Median seconds of one durable save with `interviews` files in the folder."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        for _ in range(interviews - 1):
            store.create(flow="annual_report", org="某镇", year=2023).close()
        times = []
        with store.create(flow="annual_report", org="牛屯镇人民政府", year=2023) as interview:
            for i in range(saves):
                start = time.perf_counter()
                interview.save_answer(
                    f"q{i % 40}", f"第 {i} 个回答", position=f"q{i % 40}", progress={"answered": i}
                )
                times.append(time.perf_counter() - start)
        return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    # An installed wheel has its bytecode compiled at install time, like the libraries
    # of the floor; an editable checkout (or PYTHONDONTWRITEBYTECODE) may not.
    compileall.compile_dir(Path(report_interview.__file__).parent, quiet=1)

    floor, cold, warm = start_up(args.runs)
    print(f"import floor (prompt_toolkit + questionary): {floor * 1000:7.1f} ms")
    print(
        f"first question, first start (no flow cache):  {cold * 1000:7.1f} ms  ratio {cold / floor:.2f}"
    )
    print(
        f"first question, later starts:                  {warm * 1000:7.1f} ms  ratio {warm / floor:.2f}"
    )
    print("  target: ratio <= 1.30")

    saves = {n: save_time(n, args.saves) for n in (1, 100, 1000)}
    for n, seconds in saves.items():
        print(f"median durable save, {n:>4} interviews in folder: {seconds * 1000:6.2f} ms")
    print(f"  save@1000 / save@1 = {saves[1000] / saves[1]:.2f} (target <= 1.50; save <= 10 ms)")


if __name__ == "__main__":
    main()
