"""A flow whose expression fails only at run time (issue 14, item 10): the command says
which question and which expression, in one Chinese line, exits 2, and the interview
stays resumable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from report_interview.cli import interview, sources
from report_interview.flow.engine import Engine
from report_interview.flow.failures import expression_owners
from report_interview.flow.loader import parse_flow
from report_interview.store import Store

from .test_cli_interview import Run, home, run

__all__ = ["home", "run"]  # fixtures shared with the interview commands' tests

FLOW_TEXT = """
name: broken_at_run_time
title: 测试
intro: 测试。
sections:
  - id: basics
    title: 基本情况
    questions:
      - {id: org_name, kind: text, text: 单位名称？}
      - {id: apps_new, kind: integer, text: 收到几件？, max: "this_year // {divisor}"}
"""


def _use_flow(monkeypatch: pytest.MonkeyPatch, divisor: int) -> None:
    flow = parse_flow(FLOW_TEXT.replace("{divisor}", str(divisor)))

    def wired(previous: object = None) -> Engine:
        return Engine(flow, this_year=2024)

    monkeypatch.setattr(sources, "engine", wired)
    monkeypatch.setattr(interview, "_engine", wired)


def test_the_owner_of_an_expression_is_found() -> None:
    flow = parse_flow(FLOW_TEXT.replace("{divisor}", "0"))
    assert expression_owners(flow, "this_year // 0") == ["apps_new"]
    assert expression_owners(flow, "nothing") == []


def test_a_run_time_failure_names_the_question_and_leaves_the_interview_resumable(
    run: Run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("org_name: 牛屯镇\napps_new: 3\n", encoding="utf-8")
    _use_flow(monkeypatch, 0)
    result = run("new", "--answers", str(answers), "--no-input")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "apps_new" in result.err and "this_year // 0" in result.err
    match = re.search(r"编号 (\S+?)。", result.out)
    assert match
    interview_id = match.group(1)
    again = run("resume", interview_id, "--answers", str(answers), "--no-input")
    assert again.code == 2 and "apps_new" in again.err  # the lock was released
    _use_flow(monkeypatch, 1)  # the flow repaired
    fixed = run(
        "resume", interview_id, "--answers", str(answers), "--no-input", "--out", str(tmp_path)
    )
    assert "apps_new" not in fixed.err, fixed
    assert Store(home).read(interview_id)[1].get("apps_new") == 3, fixed
