"""Turning raw replies into typed answers, for the chat and for answers files.

A reply is what a clerk typed, or a value from an `--answers` YAML/JSON file (which
may already be a number, a bool, a list or a mapping). Both go through `coerce`, so
the same rules and the same Chinese messages apply however an answer arrives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import answers as parse
from .engine import Engine, Walk, empty_value
from .kinds import kind_of
from .model import Question


def coerce(question: Question, raw: Any, engine: Engine, names: Mapping[str, Any]) -> Any:
    """A raw reply → the typed answer; AnswerError (Chinese) when it cannot be one."""
    return kind_of(question).coerce(question, raw, engine, names)


def accept(question: Question, raw: Any, engine: Engine, names: Mapping[str, Any]) -> Any:
    """coerce, then the engine's own checks (bounds, totals) against earlier answers."""
    value = coerce(question, raw, engine, names)
    problem = engine.problem(question, value, names)
    if problem:
        raise parse.AnswerError(f"这个回答{problem}。")
    return value


@dataclass(frozen=True)
class FillResult:
    """What an answers file did: accepted answers, refused ones, and what is missing."""

    accepted: dict[str, Any]
    refused: dict[str, str]  # question id → Chinese reason
    missing: list[Question]
    unknown: list[str]  # keys of the file that are no question id


def fill(
    engine: Engine,
    answers: Mapping[str, Any],
    provided: Mapping[str, Any],
    *,
    complete: bool = False,
) -> FillResult:
    """Apply an answers file in flow order: each answer is checked against the earlier ones
    (visibility, bounds, totals) exactly as if it had been typed at its prompt. The
    paragraphs the program writes come last, once every answer they rest on is in.

    With `complete` (no one will be asked: --no-input), an optional question the file
    leaves out counts as empty; otherwise the conversation asks it. A written paragraph
    (never asked: edited in the review) is taken from the file when given, else the
    report writes it from the answers."""
    typed = dict(answers)
    accepted: dict[str, Any] = {}
    refused: dict[str, str] = {}
    for _ in range(len(engine.flow.questions) + 1):  # visibility may unfold question by question
        walk = engine.walk(typed)
        pending = [  # not taken yet, or taken before a later answer made it out of date
            q
            for q in _answerable(engine, walk)
            if not q.compose
            and q.id in provided
            and q.id not in refused
            and (q.id not in accepted or q.id in walk.problems)
        ]
        if not pending:
            break
        for question in pending:
            _take(engine, question, provided[question.id], typed, accepted, refused)
    for question in engine.walk(typed).visible if complete else ():
        if not question.required and question.id not in typed and question.id not in provided:
            typed[question.id] = accepted[question.id] = empty_value(question)
    for question in _answerable(engine, engine.walk(typed)):
        if question.compose and question.id in provided:
            _take(engine, question, provided[question.id], typed, accepted, refused)
    walk = engine.walk(typed)
    missing = [
        q
        for q in walk.visible
        if q.id not in refused and (q.id not in typed or q.id in walk.problems)
    ]
    # an answer refused while its question was asked, which later answers hid, is moot
    answerable = {q.id for q in _answerable(engine, walk)}
    refused = {qid: reason for qid, reason in refused.items() if qid in answerable}
    known = {q.id for q in engine.flow.questions}
    return FillResult(accepted, refused, missing, [key for key in provided if key not in known])


def _answerable(engine: Engine, walk: Walk) -> list[Question]:
    """The questions a provided answer may be given for, in flow order: those asked,
    those earlier answers settle (an answer given for one wins) and the written
    paragraphs edited in the review."""
    ids = {q.id for q in (*walk.visible, *walk.settled, *walk.review_only)}
    return [q for q in engine.flow.questions if q.id in ids]


def _take(
    engine: Engine,
    question: Question,
    raw: Any,
    typed: dict[str, Any],
    accepted: dict[str, Any],
    refused: dict[str, str],
) -> None:
    """Check one provided answer against the answers before it; keep it or say why not."""
    try:
        value = accept(question, raw, engine, engine.names_before(typed, question))
    except parse.AnswerError as exc:
        refused[question.id] = str(exc)
        return
    typed[question.id] = accepted[question.id] = value
