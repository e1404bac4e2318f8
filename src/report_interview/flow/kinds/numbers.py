"""Counts (`integer`) and exact amounts (`decimal`, 万元 or 元)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .. import answers as parse
from ..model import Question
from .base import REQUIRED_COUNT, UNKNOWN, UNKNOWN_WORDS, Asker, Figures, Kind, Names, stored_count
from .texts import text_of

_STORED_AMOUNT = re.compile(r"-?[0-9]{1,12}(?:\.[0-9]{1,6})?")


class _Number(Kind):
    maximum: Any  # the bound typing has when the flow gives no `max`

    def problem(self, question: Question, value: Any, figures: Figures, names: Names) -> str | None:
        """The bounds typing has: the flow's `min`/`max`, else 0 and the kind's maximum."""
        if value == UNKNOWN:
            return None if not question.required else "不能是“不详”"
        low, high = figures.bounds(question, names)
        low = 0 if low is None else low
        high = self.maximum if high is None else high
        if value < low:
            return f"不能小于 {low}"
        if value > high:
            return f"不能大于 {high}"
        return None

    def show(self, question: Question, value: Any) -> str:
        return f"{self.default_text(question, value)} {question.unit}".strip()


class Integer(_Number):
    """A count (件, 条, 次 …), never negative unless the flow's `min` says so. An
    optional one (`required: false`) may be 不详: stored as such, seen by expressions
    and the narrative as None, and left out of the text rather than invented."""

    name = "integer"
    maximum = parse.MAX_COUNT

    def empty(self, question: Question) -> Any:
        return 0

    def decode(self, question: Question, stored: Any) -> Any:
        if stored == UNKNOWN and not question.required:
            return UNKNOWN
        return stored if stored_count(stored, signed=question.minimum is not None) else None

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        text = "" if raw is None else text_of(raw)  # None: an answers file's empty value
        if raw is None and not question.required:
            return UNKNOWN
        if parse.normalize(text) in UNKNOWN_WORDS:
            if not question.required:
                return UNKNOWN
            raise parse.AnswerError(f"这个数{REQUIRED_COUNT}")
        low, high = figures.bounds(question, names)
        maximum = high if high is not None else parse.MAX_COUNT
        return parse.parse_integer(
            text, minimum=low or 0, maximum=maximum, unit=question.unit or "件"
        )

    def exposed(self, question: Question, value: Any) -> Any:
        return None if value == UNKNOWN else value

    def show(self, question: Question, value: Any) -> str:
        return UNKNOWN if value == UNKNOWN else super().show(question, value)

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        shown = "" if default is None else self.default_text(question, default)
        unknown = "" if question.required else "\n（不知道的写“不详”）"
        return asker.read(text + unknown, shown)


class Amount(_Number):
    """An exact decimal amount; stored as text so that no float ever rounds it."""

    name = "decimal"
    maximum = parse.MAX_AMOUNT

    def empty(self, question: Question) -> Any:
        return Decimal(0)

    def encode(self, question: Question, value: Any) -> Any:
        return format(value, "f")

    def decode(self, question: Question, stored: Any) -> Any:
        signed = question.minimum is not None
        if stored_count(stored, signed=signed):
            return Decimal(stored)
        if not isinstance(stored, str) or not _STORED_AMOUNT.fullmatch(stored):
            return None  # as encode writes it: plain digits, no NaN, no exponent
        amount = Decimal(stored)
        low = -parse.MAX_AMOUNT if signed else Decimal(0)
        return amount if low <= amount <= parse.MAX_AMOUNT else None  # typing's bounds

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        if parse.normalize(text_of(raw)) in UNKNOWN_WORDS:
            raise parse.AnswerError(f"这个数{REQUIRED_COUNT}")
        low, high = figures.bounds(question, names)
        return parse.parse_decimal(
            text_of(raw),
            minimum=Decimal(low or 0),
            maximum=None if high is None else Decimal(high),
            unit=question.unit or "万元",
        )

    def default_text(self, question: Question, value: Any) -> str:
        return format(value, "f") if isinstance(value, Decimal) else str(value)
