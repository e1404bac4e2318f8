"""No raw template text reaches the screen (issue 17): every question of the flow, put
to the clerk as the conversation puts it (its text, example, the fields of a counts
question, its options and hints) and its help, for several plausible answer sets, and
the list of missing answers of --no-input, hold no `{{` or `{%`."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from report_interview.chat.conversation import Conversation
from report_interview.chat.prompter import Command, Interrupted, Reply
from report_interview.cli.sources import make_engine
from report_interview.flow.engine import Engine
from report_interview.flow.loader import load_flow
from report_interview.report.carry import previous_from_report

from .fakes import FakePublisher, FakeSession
from .test_carry import last_year
from .test_cli_interview import COMPLETE, Run, home, run, write_answers
from .test_engine import ZERO_TOWNSHIP

__all__ = ["home", "run"]  # fixtures shared with the interview commands' tests

FLOW = load_flow()
RAW = ("{{", "{%", "%}", "}}")


class Screen:
    """A prompter that records everything shown; at the first line prompt it asks for
    help (?), as a clerk would, and leaves at the next prompt."""

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.helped = False

    def say(self, text: str, kind: str = "assistant") -> None:
        self.shown.append(text)

    def ask_line(
        self, message: str, *, default: str = "", hint: str, multiline: bool = False
    ) -> Reply:
        self.shown += [message, default, hint]
        if not self.helped:
            self.helped = True
            return Command.HELP
        raise Interrupted

    def ask_select(
        self,
        message: str,
        options: Sequence[tuple[str, str]],
        *,
        default: str | None,
        hint: str,
        navigation: bool = True,
    ) -> Reply:
        self.shown += [message, hint, *(label for _, label in options)]
        raise Interrupted

    def ask_checkbox(
        self, message: str, options: Sequence[tuple[str, str]], *, default: Sequence[str], hint: str
    ) -> list[str]:
        self.shown += [message, hint, *(label for _, label in options)]
        raise Interrupted


GUIDED = {"apps_new": 3, "apps_carried": 1, "apps_mode": "guided"}
ANSWER_SETS: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {
    "nothing": ({}, None),
    "township": (ZERO_TOWNSHIP, None),
    "county-bureau": ({**ZERO_TOWNSHIP, "org_kind": "county_department"}, None),
    "city-government": ({**ZERO_TOWNSHIP, "org_kind": "city_government"}, None),
    "guided": ({**ZERO_TOWNSHIP, **GUIDED, "new_by_type": {"natural": 3}}, None),
    "rows": ({**ZERO_TOWNSHIP, **GUIDED, "apps_mode": "rows"}, None),
    "ledger": ({**ZERO_TOWNSHIP, **GUIDED, "apps_mode": "ledger"}, None),
    "cases": ({**ZERO_TOWNSHIP, "has_cases": True, "case_kinds": ["reconsideration"]}, None),
    "last-year": ({**ZERO_TOWNSHIP, "documents_in_force": 9}, previous_from_report(last_year())),
}


def shown(engine: Engine, answers: dict[str, Any]) -> list[str]:
    """What the screen shows of every question the answers leave to be asked (or that
    they settle, which the review may ask), asked and helped."""
    walk = engine.walk(answers)
    texts = []
    for question in (*walk.visible, *walk.settled):
        screen = Screen()
        conversation = Conversation(engine, FakeSession(), screen, FakePublisher())
        conversation.answers = dict(answers)
        names = engine.names_before(answers, question)
        conversation.help(question, names)
        with contextlib.suppress(Interrupted):
            conversation.ask(question)
        texts += screen.shown
        texts += [label for c in question.choices for label in (c.label, c.help)]
    return texts


@pytest.mark.parametrize("case", ANSWER_SETS)
def test_no_question_shows_raw_template_text(case: str) -> None:
    answers, previous = ANSWER_SETS[case]
    engine = make_engine(FLOW, this_year=2024, previous=previous)
    for text in shown(engine, answers):
        assert not any(mark in text for mark in RAW), (case, text)


def test_the_list_of_missing_answers_shows_no_raw_template_text(run: Run, tmp_path: Path) -> None:
    """Missing answers are named by their questions as asked: the ledger's table too."""
    partial = {k: v for k, v in COMPLETE.items() if k not in ("apps_new", "apps_carried")}
    partial |= {"apps_new": 3, "apps_carried": 0, "apps_mode": "ledger"}
    answers = write_answers(tmp_path / "a.yaml", partial)
    result = run("new", "--answers", str(answers), "--no-input", "--out", str(tmp_path))
    assert result.code == 1
    assert "apps_matrix：未回答（第三部分的表格（从台账文件导入））" in result.err
    assert not any(mark in result.err for mark in RAW), result.err


@pytest.mark.parametrize("case", ANSWER_SETS)
def test_a_counts_example_has_one_number_per_field(case: str) -> None:
    """“120 46 24” is not shown when two channels are asked."""
    answers, previous = ANSWER_SETS[case]
    engine = make_engine(FLOW, this_year=2024, previous=previous)
    conversation = Conversation(engine, FakeSession(), Screen(), FakePublisher())
    for question in engine.walk(answers).visible:
        if question.kind == "counts" and question.example:
            names = engine.names_before(answers, question)
            example = conversation.example_of(question, names).split()
            assert len(example) == len(engine.fields(question, names)), (question.id, example)
            assert all(number.isdigit() for number in example), example


def test_a_counts_example_follows_the_fields_asked() -> None:
    engine = make_engine(FLOW, this_year=2024)
    conversation = Conversation(engine, FakeSession(), Screen(), FakePublisher())
    question = FLOW.question("channel_counts")
    for channels, example in (
        (["website", "board"], "120 24"),  # a 局: the board in 期
        (["website", "newmedia"], "120 46 35"),  # two accounts
    ):
        answers = {**ZERO_TOWNSHIP, "org_kind": "county_department"}
        answers |= {"proactive_channels": channels, "newmedia_names": "公众号“甲”、抖音号“乙”"}
        names = engine.names_before(answers, question)
        assert conversation.example_of(question, names) == example
