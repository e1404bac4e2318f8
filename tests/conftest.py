"""Shared fixtures: the reference report's data and small builders of variants."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from report_interview.report.data import ReportData, load_report_json

DATA = Path(__file__).parent / "data"


def reference_dict() -> dict[str, Any]:
    """The reference report (牛屯镇 2023) as report data JSON."""
    loaded: dict[str, Any] = json.loads((DATA / "niutun-2023.json").read_text(encoding="utf-8"))
    return loaded


@pytest.fixture
def reference() -> ReportData:
    return load_report_json((DATA / "niutun-2023.json").read_text(encoding="utf-8"))


def replace(report: ReportData, **changes: Any) -> ReportData:
    return dataclasses.replace(report, **changes)


def pytest_configure(config: pytest.Config) -> None:
    """The hypothesis profile of tests/fuzzing.py: ci unless long is asked for."""
    from .fuzzing import load_profile

    load_profile(config.getoption("hypothesis_profile", None))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The fuzz tests' figures (tests/fuzzing.py), when any ran."""
    from .fuzzing import TALLY

    if TALLY.inputs:
        terminalreporter.write_line(
            f"fuzzed inputs: {TALLY.inputs}, slowest {TALLY.slowest:.3f} s, "
            f"over 5 s: {TALLY.over_5s}"
        )


ROOT = Path(__file__).resolve().parent.parent


def bench_script(name: str) -> ModuleType:
    """A script of bench/ (bench/NAME.py) loaded as a module, so that a test runs a few
    of the trials or cases it runs in full (registered in sys.modules: its dataclasses
    and process pools need their module by name)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _own_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A data folder of the test's own, so that nothing a command records there (the
    report files it wrote, cli/outputs.py) reaches the user's; tests that need to see
    the folder set their own (the `home` fixture)."""
    folder = tmp_path_factory.mktemp("data-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPORT_INTERVIEW_HOME", str(folder))
        yield


@pytest.fixture(autouse=True)
def _nothing_written_into_the_repository() -> Iterator[None]:
    """A test that writes a report into the current folder (a command run without
    --out) would leave it in the repository; each test must use its tmp_path."""
    before = set(os.listdir(ROOT))
    yield
    assert set(os.listdir(ROOT)) - before - {".hypothesis"} == set()
