"""Turning raw replies into typed answers, for the chat and for answers files.

A reply is what a clerk typed, or a value from an `--answers` YAML/JSON file (which
may already be a number, a bool, a list or a mapping). Both go through `coerce`, so
the same rules and the same Chinese messages apply however an answer arrives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import answers as parse
from .engine import Engine, empty_value
from .model import Question


def _text_of(raw: Any) -> str:
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, list):
        return "，".join(str(item) for item in raw)
    return str(raw)


def _option_value(question: Question, raw: Any) -> str:
    values = [c.value for c in question.choices]
    if isinstance(raw, str) and raw.strip() in values:
        return raw.strip()
    label = parse.parse_choice(_text_of(raw), [c.label for c in question.choices])
    return next(c.value for c in question.choices if c.label == label)


def _options(question: Question, raw: Any) -> list[str]:
    """A multiple choice: a list, or a text of labels (answers.parse_choices reads those,
    a label holding 、 included), of option values, or of own entries (其他)."""
    if isinstance(raw, list):
        items = raw
    else:
        labels = [c.label for c in question.choices]
        try:
            chosen_labels = parse.parse_choices(_text_of(raw), labels)
            if chosen_labels:
                return [c.value for c in question.choices if c.label in chosen_labels]
        except parse.AnswerError:
            pass  # values or own entries: read item by item below
        items = parse.normalize(str(raw)).replace("、", ",").split(",")
    chosen: list[str] = []
    for item in (str(i).strip() for i in items):
        if not item:
            continue
        try:
            value = _option_value(question, item)
        except parse.AnswerError:
            if not question.other:
                raise
            value = parse.parse_text(item, one_line=True)  # the clerk's own entry (其他)
        if value not in chosen:
            chosen.append(value)
    if question.required and not chosen:
        raise parse.AnswerError("请至少选一项。")
    return chosen


def _breakdown(question: Question, raw: Any, total: int | None) -> dict[str, int]:
    labels = [c.label for c in question.choices]
    if isinstance(raw, Mapping):
        by_label = {c.value: c.label for c in question.choices}
        raw = " ".join(f"{by_label.get(str(k), k)}{v}" for k, v in raw.items())
    split = parse.parse_breakdown(
        _text_of(raw) if isinstance(raw, list) else str(raw), labels, total
    )
    return {c.value: split[c.label] for c in question.choices}


def coerce(question: Question, raw: Any, engine: Engine, names: Mapping[str, Any]) -> Any:
    """A raw reply → the typed answer; AnswerError (Chinese) when it cannot be one."""
    kind = question.kind
    if kind in ("text", "paragraph"):
        text = parse.parse_text(
            _text_of(raw), required=question.required, max_length=5000, one_line=kind == "text"
        )
        if question.compose:  # remember what the program had written, to notice changes
            return {"text": text, "from": engine.composed(question, names)}
        return text
    if kind == "integer":
        low, high = engine.bounds(question, names)
        maximum = high if high is not None else parse.MAX_COUNT
        return parse.parse_integer(
            _text_of(raw), minimum=low or 0, maximum=maximum, unit=question.unit or "件"
        )
    if kind == "decimal":
        low, high = engine.bounds(question, names)
        return parse.parse_decimal(
            _text_of(raw),
            minimum=Decimal(low or 0),
            maximum=None if high is None else Decimal(high),
            unit=question.unit or "万元",
        )
    if kind == "yesno":
        return raw if isinstance(raw, bool) else parse.parse_yesno(_text_of(raw))
    if kind == "confirm":  # yes stores the value confirmed, so a later change is noticed
        agreed = raw if isinstance(raw, bool) else parse.parse_yesno(_text_of(raw))
        return engine.confirmed_value(question, names) if agreed else False
    if kind == "choice":
        return _option_value(question, raw)
    if kind == "choices":
        return _options(question, raw)
    if kind == "matrix":
        return _matrix(question, raw)
    return _breakdown(question, raw, engine.total(question, names))


def _matrix(question: Question, raw: Any) -> dict[str, list[int]]:
    """Rows by key, each a list (or a typed line) of as many numbers as columns."""
    if not isinstance(raw, Mapping):
        raise parse.AnswerError("表格应按行给出：每行一个列表。")
    width = len(question.choices)
    rows: dict[str, list[int]] = {}
    for row in question.rows:
        cells = raw.get(row.value, [0] * width)
        text = " ".join(str(c) for c in cells) if isinstance(cells, list) else str(cells)
        try:
            rows[row.value] = list(parse.parse_row(text, width))
        except parse.AnswerError as exc:
            raise parse.AnswerError(f"“{row.label}”一行：{exc}") from None
    return rows


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
    leaves out counts as empty and a paragraph it leaves out is taken as written;
    otherwise the conversation asks them."""
    typed = dict(answers)
    accepted: dict[str, Any] = {}
    refused: dict[str, str] = {}
    for _ in range(len(engine.flow.questions) + 1):  # visibility may unfold question by question
        walk = engine.walk(typed)
        pending = [  # not taken yet, or taken before a later answer made it out of date
            q
            for q in walk.visible
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
    for question in engine.walk(typed).visible:
        if question.compose and question.id in provided:
            _take(engine, question, provided[question.id], typed, accepted, refused)
        elif complete and question.compose and _may_write(engine, question, typed):
            written = engine.composed(question, engine.names_before(typed, question))
            if written:
                typed[question.id] = accepted[question.id] = {"text": written, "from": written}
    walk = engine.walk(typed)
    missing = [
        q
        for q in walk.visible
        if q.id not in refused and (q.id not in typed or q.id in walk.problems)
    ]
    known = {q.id for q in engine.flow.questions}
    return FillResult(accepted, refused, missing, [key for key in provided if key not in known])


def _may_write(engine: Engine, question: Question, typed: Mapping[str, Any]) -> bool:
    """Whether to (re)write a paragraph for the clerk: every question before it is
    answered, and there is no text yet or only the program's own, now out of date."""
    walk = engine.walk(typed)
    before = walk.visible[: walk.visible.index(question)]
    if any(q.id not in typed or q.id in walk.problems for q in before if not q.compose):
        return False
    stored = typed.get(question.id)
    if stored is None:
        return True
    own = isinstance(stored, dict) and stored["text"] == stored["from"]
    return own and question.id in walk.problems


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
