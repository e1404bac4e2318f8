"""Stored answers checked against their questions' kinds when an interview is loaded:
a file edited by hand or damaged (fees "NaN", a paragraph that is a mapping) is reported
as unreadable and left as it is, instead of crashing whatever reads it later."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from ..report.text_rules import is_clean
from .model import Flow, Question

MAX_STORED_INT: Final = 10**9
MAX_STORED_TEXT: Final = 100_000
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


def _texts_clean(value: Any) -> bool:
    """No control character in any text of a stored value (line breaks and tabs aside)."""
    if isinstance(value, str):
        return is_clean(value, max_chars=MAX_STORED_TEXT)
    if isinstance(value, dict):
        return all(_texts_clean(k) and _texts_clean(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_texts_clean(item) for item in value)
    return True


def fits(question: Question, value: Any) -> bool:
    """Whether a stored JSON value has the shape of the question's kind, and holds no
    text the door would have refused (a file edited by hand)."""
    if question.compose:
        return _paragraph(value) and _texts_clean(value)
    check = _FITS.get(question.kind)
    shaped = True if check is None else check(value)  # confirm: any value confirmed
    return shaped and _texts_clean(value)


def stored_problem(flow: Flow, answers: Mapping[str, Any]) -> str | None:
    """Why the stored answers do not fit the flow (English, for debugging), or None.
    Answers to questions the flow no longer has are ignored, as decode_all does."""
    known = {question.id: question for question in flow.questions}
    for question_id, value in answers.items():
        question = known.get(question_id)
        if question is not None and not fits(question, value):
            return f"answer {question_id} does not fit kind {question.kind}"
    return None
