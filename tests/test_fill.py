"""Answers as an answers file gives them: labels, values, own entries."""

from __future__ import annotations

from typing import Any

import pytest

from report_interview.cli.sources import make_engine
from report_interview.flow.fill import coerce
from report_interview.flow.loader import load_flow

FLOW = load_flow()


@pytest.mark.parametrize(
    ("raw", "values"),
    [
        ("政务公开栏、村（居）务公开栏", ["board"]),  # a label that holds 、 stays whole
        ("政府网站，政务公开栏、村（居）务公开栏", ["website", "board"]),
        ("website, newmedia", ["website", "newmedia"]),
        ("website, 村广播", ["website", "村广播"]),  # an own entry (其他)
        (["board", "政府网站"], ["board", "website"]),
    ],
    ids=["label-with-dunhao", "two-labels", "values", "own-entry", "list"],
)
def test_multiple_choice_in_an_answers_file(raw: Any, values: list[str]) -> None:
    question = FLOW.question("proactive_channels")
    assert coerce(question, raw, make_engine(FLOW, this_year=2024), {}) == values
