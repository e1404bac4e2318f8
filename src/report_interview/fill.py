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
from .engine import Engine
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
    items = (
        raw if isinstance(raw, list) else parse.normalize(str(raw)).replace("、", ",").split(",")
    )
    chosen: list[str] = []
    for item in (str(i).strip() for i in items):
        if not item:
            continue
        try:
            value = _option_value(question, item)
        except parse.AnswerError:
            if not question.other:
                raise
            value = item  # the clerk's own entry (其他)
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
        return parse.parse_text(_text_of(raw), required=question.required, max_length=5000)
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


def fill(engine: Engine, answers: Mapping[str, Any], provided: Mapping[str, Any]) -> FillResult:
    """Apply an answers file in flow order: each answer is checked against the earlier ones
    (visibility, bounds, totals) exactly as if it had been typed at its prompt."""
    typed = dict(answers)
    accepted: dict[str, Any] = {}
    refused: dict[str, str] = {}
    known = {q.id for q in engine.flow.questions}
    for _ in range(len(engine.flow.questions) + 1):  # visibility may unfold question by question
        progressed = False
        walk = engine.walk(typed)
        for question in walk.visible:
            if question.id not in provided or question.id in accepted or question.id in refused:
                continue
            try:
                value = accept(question, provided[question.id], engine, engine.names(typed))
            except parse.AnswerError as exc:
                refused[question.id] = str(exc)
                continue
            typed[question.id] = accepted[question.id] = value
            progressed = True
        if not progressed:
            break
    walk = engine.walk(typed)
    missing = [
        q
        for q in walk.visible
        if q.id not in refused and (q.id not in typed or q.id in walk.problems)
    ]
    unknown = [key for key in provided if key not in known]
    return FillResult(accepted, refused, missing, unknown)
