"""Stored answers checked against their questions' kinds when an interview is loaded:
a file edited by hand or damaged (fees "NaN", a paragraph that is a mapping) is reported
as unreadable and left as it is, instead of crashing whatever reads it later."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from .model import Flow, Question

MAX_STORED_INT: Final = 10**9
_DECIMAL: Final = re.compile(r"-?[0-9]{1,12}(?:\.[0-9]{1,6})?")


def _int(value: Any) -> bool:
    """A stored count: an int (not a bool) of plausible size."""
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_STORED_INT


def _str_list(value: Any) -> bool:
    """Stored options of a multiple choice."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _split(value: Any) -> bool:
    """A stored breakdown: category → count."""
    return isinstance(value, dict) and all(_int(v) for v in value.values())


def _rows(value: Any) -> bool:
    """A stored matrix: row → list of counts."""
    return isinstance(value, dict) and all(
        isinstance(row, list) and all(_int(cell) for cell in row) for row in value.values()
    )


def _decimal(value: Any) -> bool:
    """A stored amount: plain decimal text as encode() writes it (no NaN, no exponent)."""
    return (isinstance(value, str) and bool(_DECIMAL.fullmatch(value))) or _int(value)


def _paragraph(value: Any) -> bool:
    """A stored paragraph: text, or the {"text", "from"} of a written one."""
    if isinstance(value, str):
        return True
    return (
        isinstance(value, dict)
        and set(value) <= {"text", "from"}
        and isinstance(value.get("text"), str)
        and isinstance(value.get("from", ""), str)
    )


_FITS: Final[Mapping[str, Callable[[Any], bool]]] = {
    "integer": _int,
    "decimal": _decimal,
    "yesno": lambda value: isinstance(value, bool),
    "choice": lambda value: isinstance(value, str),
    "choices": _str_list,
    "breakdown": _split,
    "matrix": _rows,
    "text": lambda value: isinstance(value, str),
    "paragraph": _paragraph,
}


def fits(question: Question, value: Any) -> bool:
    """Whether a stored JSON value has the shape of the question's kind."""
    if question.compose:
        return _paragraph(value)
    check = _FITS.get(question.kind)
    return True if check is None else check(value)  # confirm: any value confirmed


def stored_problem(flow: Flow, answers: Mapping[str, Any]) -> str | None:
    """Why the stored answers do not fit the flow (English, for debugging), or None.
    Answers to questions the flow no longer has are ignored, as decode_all does."""
    known = {question.id: question for question in flow.questions}
    for question_id, value in answers.items():
        question = known.get(question_id)
        if question is not None and not fits(question, value):
            return f"answer {question_id} does not fit kind {question.kind}"
    return None
