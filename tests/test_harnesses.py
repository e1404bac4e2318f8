"""The kill -9 harness of bench/kill_harness.py, a few trials in CI (the script runs
300): interviews and report files killed at random instants are never torn, nothing
acknowledged is lost, nothing is left behind after the next start."""

from __future__ import annotations

import sys

import pytest

from .conftest import bench_script


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL timing is tuned for POSIX")
def test_a_few_kill_trials_leave_nothing_torn_lost_or_behind() -> None:
    harness = bench_script("kill_harness")
    tally = harness.run_trials(4, seed=1)  # one kill at start-up, three mid-work
    assert tally.trials == 4
    assert tally.acknowledged > 0 and tally.report_writes > 0  # the kills hit real work
    assert (tally.torn_interviews, tally.torn_reports, tally.orphans, tally.lost_answers) == (
        0, 0, 0, 0,
    )  # fmt: skip
