"""The kill -9 harness of bench/kill_harness.py, a few trials in CI (the script runs
300): interviews and report files killed at random instants are never torn, nothing
acknowledged is lost, nothing is left behind after the next start."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

HARNESS = Path(__file__).resolve().parent.parent / "bench" / "kill_harness.py"


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kill_harness", HARNESS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["kill_harness"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL timing is tuned for POSIX")
def test_a_few_kill_trials_leave_nothing_torn_lost_or_behind() -> None:
    tally = _harness().run_trials(4, seed=1)  # one kill at start-up, three mid-work
    assert tally.trials == 4
    assert tally.acknowledged > 0 and tally.report_writes > 0  # the kills hit real work
    assert (tally.torn_interviews, tally.torn_reports, tally.orphans, tally.lost_answers) == (
        0, 0, 0, 0,
    )  # fmt: skip
