"""Benchmark of batch checking: published report texts per second; prints figures.

Run:  python bench/bench_check.py [--reports 500]

Writes that many report texts (the reference report's data rendered in the published
text layout, with applications, cases and numbers varied so that some break rules) into
a temporary folder, then times `report-interview check FOLDER` as a user runs it (a new
process, start-up included). Target: >= 100 reports per second.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report_interview.report.data import APPEAL_KEYS, APPLICATION_KEYS, ReportData, report_from_dict
from report_interview.report.narrative import on_request
from report_interview.write.render import render_text

REFERENCE = Path(__file__).resolve().parent.parent / "tests" / "data" / "niutun-2023.json"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500)
    args = parser.parse_args()
    base = json.loads(REFERENCE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        for i in range(args.reports):
            text = render_text(sample(i, base))
            (Path(folder) / f"report-{i:04d}.txt").write_text(text, encoding="utf-8")
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "report_interview", "check", folder],
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
    summary = result.stdout.strip().splitlines()
    header = next((line for line in summary if line.startswith("共检查")), "")
    print(f"checked {args.reports} report texts in {elapsed:.2f} s (exit {result.returncode})")
    print(f"  {header}")
    print(f"  throughput: {args.reports / elapsed:.0f} reports per second (target >= 100)")


if __name__ == "__main__":
    main()
