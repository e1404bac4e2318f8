"""Kill -9 harness: interviews and report files killed at random instants.

Run:  python bench/kill_harness.py [--trials 300] [--seed 1]

Each trial starts a child process that creates an interview (its first save), then
saves answers one by one, printing an acknowledgement after each save returns, and
between saves writes a Word and a text report (alternating two versions of each) with
the program's own writer. The parent kills it with SIGKILL (TerminateProcess on
Windows) at a random instant: sometimes during start-up and the first save, mostly
while saves and report writes run. Then it starts again as the program would (a Store
scan, the next write of each report) and counts:

- torn interview files: data files the store cannot read;
- torn or partial report files: a report file that is neither version in full;
- orphan files after the next start: temporaries (of interviews, reports and the record
  of report writes), and lock files without an interview;
- lost acknowledged answers: an answer acknowledged before the kill and not on disk.

All four must be 0. The pytest suite runs a few trials (tests/test_harnesses.py).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

CHILD = """
import sys
from pathlib import Path
from report_interview.cli.outputs import write_file
from report_interview.store import Store

home, out, versions = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
if sys.argv[4] == "naive":  # the writer before issue 14, to show the harness sees damage
    write_file = lambda path, payload: path.write_bytes(payload)
payloads = {p.name: [p.read_bytes(), (versions / "b" / p.name).read_bytes()]
            for p in sorted((versions / "a").iterdir())}
interview = Store(home).create(flow="kill_harness")
print("created", interview.id, flush=True)
n = 0
while True:
    n += 1
    key = f"q{n % 7}"
    interview.save_answer(key, n, position=key)
    print("ack", key, n, flush=True)
    for name, pair in payloads.items():
        write_file(out / name, pair[n % 2])
        print("wrote", name, flush=True)
"""


@dataclasses.dataclass
class Tally:
    trials: int = 0
    torn_interviews: int = 0
    torn_reports: int = 0
    orphans: int = 0
    lost_answers: int = 0
    acknowledged: int = 0
    report_writes: int = 0

    def clean(self) -> bool:
        """No damage of any kind."""
        return not (self.torn_interviews or self.torn_reports or self.orphans or self.lost_answers)


def make_versions(folder: Path) -> Path:
    """Two versions (a, b) of a Word and a text report, written once for all trials."""
    from report_interview.report.data import load_report_json
    from report_interview.write.render import render

    reference = Path(__file__).resolve().parent.parent / "tests" / "data" / "niutun-2023.json"
    text = reference.read_text(encoding="utf-8")
    for version, name in (("a", "牛屯镇"), ("b", "柳青乡")):
        report = load_report_json(text.replace('"name": "牛屯镇"', f'"name": "{name}"', 1))
        (folder / version).mkdir(parents=True)
        for fmt in ("docx", "txt"):
            content = render(report, fmt)
            payload = content.encode("utf-8") if isinstance(content, str) else content
            (folder / version / f"年度报告.{fmt}").write_bytes(payload)
    return folder


def _read_lines(stream: object, lines: list[str]) -> None:
    """Collect the child's acknowledgements as they come (a thread: the pipe must drain)."""
    for line in stream:  # type: ignore[attr-defined]
        lines.append(line)


def _kill_at_random(rng: random.Random, child: subprocess.Popen[str], lines: list[str]) -> None:
    """Kill during start-up and the first save (a third of the trials), else a random
    instant after the interview was created."""
    if rng.random() < 1 / 3:
        time.sleep(rng.uniform(0.0, 0.6))
    else:
        deadline = time.monotonic() + 10
        while not lines and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.001)
        time.sleep(rng.uniform(0.0, 0.15))
    child.kill()
    child.wait()


def _acknowledged(lines: list[str]) -> tuple[str | None, dict[str, int], set[str]]:
    """(interview id, last acknowledged value per answer, report files written)."""
    interview_id: str | None = None
    acked: dict[str, int] = {}
    written: set[str] = set()
    for line in lines:
        parts = line.split()
        if len(parts) == 2 and parts[0] == "created":
            interview_id = parts[1]
        elif len(parts) == 3 and parts[0] == "ack":
            acked[parts[1]] = int(parts[2])
        elif len(parts) == 2 and parts[0] == "wrote":
            written.add(parts[1])
    return interview_id, acked, written


def _check(home: Path, out: Path, versions: Path, lines: list[str], tally: Tally) -> None:
    """Start again as the program would, then count every kind of damage into tally."""
    from report_interview.cli.outputs import write_file
    from report_interview.store import Store

    interview_id, acked, written = _acknowledged(lines)
    tally.acknowledged += sum(line.startswith("ack ") for line in lines)
    tally.report_writes += sum(line.startswith("wrote ") for line in lines)
    store = Store(home)
    unreadable = store.scan()[1]  # the next start
    tally.torn_interviews += len(unreadable)
    stored = store.read(interview_id)[1] if interview_id and store.exists(interview_id) else {}
    tally.lost_answers += sum(1 for key, n in acked.items() if stored.get(key, 0) < n)
    for version in sorted((versions / "a").iterdir()):
        target = out / version.name
        good = {version.read_bytes(), (versions / "b" / version.name).read_bytes()}
        if target.exists():
            tally.torn_reports += target.read_bytes() not in good
        elif version.name in written:
            tally.torn_reports += 1  # written, acknowledged, and gone
        write_file(target, version.read_bytes())  # the next write of the same report
    kept = list(home.iterdir()) if home.exists() else []
    leftovers = [p for p in kept if p.name.endswith(".tmp")]
    leftovers += [p for p in kept if p.suffix == ".lock" and not p.with_suffix(".json").exists()]
    leftovers += [p for p in out.iterdir() if p.name.endswith(".tmp")]
    leftovers += list((home / "outputs").glob("*.tmp"))  # the record of report writes
    tally.orphans += len(leftovers)


@contextlib.contextmanager
def _data_home(home: Path) -> Iterator[None]:
    """The trial's data folder for the writes the check makes in this process."""
    saved = os.environ.get("REPORT_INTERVIEW_HOME")
    os.environ["REPORT_INTERVIEW_HOME"] = str(home)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["REPORT_INTERVIEW_HOME"]
        else:
            os.environ["REPORT_INTERVIEW_HOME"] = saved


def run_trials(trials: int, seed: int = 1, *, writer: str = "atomic") -> Tally:
    """Run the trials in a temporary folder; the counts of each kind of damage. With
    writer "naive" the child writes reports in place, as before issue 14."""
    rng = random.Random(seed)
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="kill-harness-") as temp:
        versions = make_versions(Path(temp) / "versions")
        for trial in range(trials):
            home, out = Path(temp) / f"home{trial}", Path(temp) / f"out{trial}"
            out.mkdir()
            child = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(home), str(out), str(versions), writer],
                stdout=subprocess.PIPE,
                text=True,
                env={**os.environ, "REPORT_INTERVIEW_HOME": str(home)},  # its record of writes
            )
            lines: list[str] = []
            reader = threading.Thread(target=_read_lines, args=(child.stdout, lines))
            reader.start()
            _kill_at_random(rng, child, lines)
            reader.join()
            with _data_home(home):
                _check(home, out, versions, lines, tally)
            tally.trials += 1
    return tally


def main() -> int:
    """Run the trials and print the four counts; exit 1 unless all are 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--naive", action="store_true", help="write reports in place (to see the harness fail)"
    )
    args = parser.parse_args()
    start = time.perf_counter()
    tally = run_trials(args.trials, args.seed, writer="naive" if args.naive else "atomic")
    print(f"kill -9 trials: {tally.trials} in {time.perf_counter() - start:.0f} s")
    print(f"  acknowledged answers: {tally.acknowledged}, report writes: {tally.report_writes}")
    print(f"  torn interview files:          {tally.torn_interviews}")
    print(f"  torn or partial report files:  {tally.torn_reports}")
    print(f"  orphan files after next start: {tally.orphans}")
    print(f"  lost acknowledged answers:     {tally.lost_answers}")
    return 0 if tally.clean() else 1


if __name__ == "__main__":
    sys.exit(main())
