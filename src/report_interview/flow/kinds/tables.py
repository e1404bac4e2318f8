"""Answers that fill a table: a count split over categories (`breakdown`) and rows of
counts (`matrix`, the section 三 table typed or pasted row by row)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import answers as parse
from ..model import Question
from .base import Asker, Figures, Kind, Names, stored_count
from .texts import text_of


class Breakdown(Kind):
    """Split a known total (`total`) over the categories (`choices`), only the `active`
    ones taking a number. A split that leaves no choice is filled without asking."""

    name = "breakdown"
    file_shape = "split"
    needs_choices = True

    def empty(self, question: Question) -> Any:
        return {choice.value: 0 for choice in question.choices}

    def decode(self, question: Question, stored: Any) -> Any:
        if not isinstance(stored, dict):
            return None
        try:
            return {str(k): _count(v) for k, v in stored.items()}
        except ValueError:
            return None

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        labels = [c.label for c in question.choices]
        if isinstance(raw, Mapping):
            by_value = {c.value: c.label for c in question.choices}
            raw = " ".join(f"{by_value.get(str(k), k)}{v}" for k, v in raw.items())
        text = text_of(raw) if isinstance(raw, list) else str(raw)
        split = parse.parse_breakdown(text, labels, figures.total(question, names))
        return {c.value: split[c.label] for c in question.choices}

    def problem(self, question: Question, value: Any, figures: Figures, names: Names) -> str | None:
        if set(value) != {c.value for c in question.choices}:
            return "分类与问题不符"
        if any(count < 0 for count in value.values()):
            return "有负数"
        active = set(figures.active(question, names))
        stray = [c.label for c in question.choices if value[c.value] and c.value not in active]
        if stray:
            return f"“{stray[0]}”不在所选的情形中"
        total = figures.total(question, names)
        placed = sum(value.values())
        if total is not None and placed != total:
            return f"各项合计 {placed}，应为 {total}"
        return figures.validate(question, value, names)

    def auto(self, question: Question, figures: Figures, names: Names) -> Any:
        if question.total is None:
            return None
        total = figures.total(question, names)
        active = figures.active(question, names)
        if total == 0 or len(active) == 1:
            split = {c.value: 0 for c in question.choices}
            if total:
                split[active[0]] = total
            return split
        return None

    def show(self, question: Question, value: Any) -> str:
        parts = [f"{c.label} {value[c.value]}" for c in question.choices if value.get(c.value)]
        return "，".join(parts) or "全部为 0"

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        asker.say(text)
        return asker.ask_split(question, names, default)


class Matrix(Kind):
    """Rows (`rows`) of one count per column (`choices`)."""

    name = "matrix"
    file_shape = "table"
    needs_choices = True
    needs_rows = True

    def empty(self, question: Question) -> Any:
        return {row.value: [0] * len(question.choices) for row in question.rows}

    def decode(self, question: Question, stored: Any) -> Any:
        if not isinstance(stored, dict):
            return None
        try:
            return {
                str(k): [_count(c) for c in v] for k, v in stored.items() if isinstance(v, list)
            }
        except ValueError:
            return None

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        """Rows by key, each a list (or a typed line) of as many numbers as columns."""
        if not isinstance(raw, Mapping):
            raise parse.AnswerError("表格应按行给出：每行一个列表。")
        width = len(question.choices)
        rows: dict[str, list[int]] = {}
        for row in question.rows:
            cells = raw.get(row.value, [0] * width)
            line = " ".join(str(c) for c in cells) if isinstance(cells, list) else str(cells)
            try:
                rows[row.value] = list(parse.parse_row(line, width))
            except parse.AnswerError as exc:
                raise parse.AnswerError(f"“{row.label}”一行：{exc}") from None
        return rows

    def problem(self, question: Question, value: Any, figures: Figures, names: Names) -> str | None:
        width = len(question.choices)
        if set(value) != {r.value for r in question.rows}:
            return "表格的行与问题不符"
        if any(len(cells) != width or min(cells, default=0) < 0 for cells in value.values()):
            return f"每行应有 {width} 个非负整数"
        return figures.validate(question, value, names)

    def show(self, question: Question, value: Any) -> str:
        return f"{len(value)} 行，共 {sum(sum(cells) for cells in value.values())} 个计数"

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        asker.say(text)
        return asker.ask_rows(question, names, default)


def _count(value: Any) -> int:
    """A stored count; ValueError unless it is a plain integer of plausible size."""
    if not stored_count(value):
        raise ValueError(value)
    return int(value)
