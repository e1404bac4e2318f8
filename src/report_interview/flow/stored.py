"""Stored answers checked against their questions' kinds when an interview is loaded:
a file edited by hand or damaged (fees "NaN", a paragraph that is a mapping) is reported
as unreadable and left as it is, instead of crashing whatever reads it later."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..limits import MAX_STORED_TEXT
from ..report.text_rules import is_clean, texts_in
from .kinds import kind_of
from .model import Flow, Question


def _texts_clean(value: Any) -> bool:
    """No control character in any text of a stored value (line breaks and tabs aside)."""
    return all(is_clean(text, max_chars=MAX_STORED_TEXT) for text in texts_in(value))


def fits(question: Question, value: Any) -> bool:
    """Whether a stored JSON value is an answer of the question's kind (the kind decodes
    it), and holds no text the door would have refused (a file edited by hand)."""
    return kind_of(question).decode(question, value) is not None and _texts_clean(value)


def stored_problem(flow: Flow, answers: Mapping[str, Any]) -> str | None:
    """Why the stored answers do not fit the flow (English, for debugging), or None.
    Answers to questions the flow no longer has are ignored, as decode_all does."""
    known = {question.id: question for question in flow.questions}
    for question_id, value in answers.items():
        question = known.get(question_id)
        if question is not None and not fits(question, value):
            return f"answer {question_id} does not fit kind {question.kind}"
    return None
