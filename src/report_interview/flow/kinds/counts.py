"""Several counts asked in one prompt (`counts`): the items published per channel, the
documents issued and repealed, the decisions on 许可/处罚/强制. Typed as numbers in the
order shown ("120 46 24"); where a count is optional, one the clerk does not know may
be given as 不详 and is then left out of the text rather than invented."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...report.naming import name_of, unit_of
from .. import answers as parse
from ..expr import sample_counts
from ..model import Question
from .base import (
    REQUIRED_COUNT,
    UNKNOWN,
    UNKNOWN_WORDS,
    Asker,
    Figures,
    Kind,
    Names,
    stored_count,
)
from .texts import text_of

# "", null, ~: an answers file's empty value, read as text
_UNKNOWN_CELLS = UNKNOWN_WORDS | {"null", "~", ""}
_SEPARATORS = re.compile(r"[\s,，、;；]+")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

Fields = list[tuple[str, str]]  # (key, label)


def _marker(index: int) -> str:
    return _CIRCLED[index] if index < len(_CIRCLED) else f"({index + 1})"


class Counts(Kind):
    """Named counts: {key: count, or None for 不详}. The fields are the question's choices
    (keyed by value) or the names its `fields` expression gives (keyed by name); a label
    may carry its unit at the end ("政务公开栏（期）"), else the question's `unit`."""

    name = "counts"
    file_shape = "split"
    needs_fields = True

    def empty(self, question: Question) -> Any:
        return {c.value: 0 for c in question.choices} if question.fields is None else {}

    def decode(self, question: Question, stored: Any) -> Any:
        if not isinstance(stored, dict) or not all(isinstance(k, str) for k in stored):
            return None
        if not all(v is None or stored_count(v) for v in stored.values()):
            return None
        return dict(stored)

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        fields = figures.fields(question, names)
        if isinstance(raw, Mapping):
            return self._from_mapping(question, fields, raw)
        items = raw if isinstance(raw, list) else _SEPARATORS.split(parse.normalize(text_of(raw)))
        items = [text_of(item) for item in items if text_of(item).strip()]
        if len(items) != len(fields):
            order = "、".join(
                f"{_marker(i)}{name_of(label)}" for i, (_, label) in enumerate(fields)
            )
            raise parse.AnswerError(
                f"需要 {len(fields)} 个数，收到 {len(items)} 个：请按{order}的顺序输入，用空格隔开。"
            )
        return {
            key: self._cell(question, key, label, item)
            for (key, label), item in zip(fields, items, strict=True)
        }

    def _from_mapping(
        self, question: Question, fields: Fields, raw: Mapping[Any, Any]
    ) -> dict[str, int | None]:
        """An answers file's mapping, keyed by the fields' keys or names (unit aside); an
        optional count it leaves out is 不详."""
        by_key = {str(k).strip(): v for k, v in raw.items()}
        known = {name for key, label in fields for name in (key, label, name_of(label))}
        stray = [k for k in by_key if k not in known]
        if stray:
            shown = "、".join(name_of(label) for _, label in fields)
            raise parse.AnswerError(f"没有“{stray[0]}”这一项；要填的是：{shown}。")
        counts: dict[str, int | None] = {}
        for key, label in fields:
            given = next((n for n in (key, label, name_of(label)) if n in by_key), None)
            if given is None and self.optional(question, key):
                continue  # left out: not known, like 不详
            if given is None:
                raise parse.AnswerError(f"缺少“{name_of(label)}”的数字。")
            value = by_key[given]
            text = UNKNOWN if value is None else text_of(value)
            counts[key] = self._cell(question, key, label, text)
        return counts

    def _cell(self, question: Question, key: str, label: str, text: str) -> int | None:
        if parse.normalize(text) in _UNKNOWN_CELLS:
            if self.optional(question, key):
                return None
            raise parse.AnswerError(f"“{name_of(label)}”{REQUIRED_COUNT}")
        try:
            return parse.parse_integer(text, unit=self.unit(question, label))
        except parse.AnswerError as exc:
            raise parse.AnswerError(f"“{name_of(label)}”：{exc}") from None

    @staticmethod
    def optional(question: Question, key: str) -> bool:
        """Whether this count may be 不详: the question says so, and its field does not
        say otherwise."""
        return not question.required and not any(
            c.value == key and c.required for c in question.choices
        )

    @staticmethod
    def unit(question: Question, label: str) -> str:
        return unit_of(label) or question.unit or "件"

    def problem(self, question: Question, value: Any, figures: Figures, names: Names) -> str | None:
        keys = [key for key, _ in figures.fields(question, names)]
        # an optional count added to the question since (the village boards) is 不详
        if set(value) - set(keys) or any(
            k not in value and not self.optional(question, k) for k in keys
        ):
            return "要填的项目已经变化，需要重新填写"
        if any(v is not None and v < 0 for v in value.values()):
            return "有负数"
        if any(v is None and not self.optional(question, k) for k, v in value.items()):
            return "有必须填数字的项目写了“不详”"
        return figures.validate(question, value, names)

    def example(self, question: Question, text: str, figures: Figures, names: Names) -> str:
        """One number per field, always: a flow's example with as many numbers as the
        fields asked, else one made from the fields' units."""
        fields = figures.fields(question, names)
        if len(text.split()) == len(fields):
            return text
        return sample_counts(label for _, label in fields)

    def show(self, question: Question, value: Any) -> str:
        labels = {c.value: c.label for c in question.choices}
        parts = []
        for key, count in value.items():
            label = labels.get(key, key)
            amount = UNKNOWN if count is None else f"{count} {self.unit(question, label)}"
            parts.append(f"{name_of(label)} {amount}")
        return "，".join(parts) or "（无）"

    def default_text(self, question: Question, value: Any) -> str:
        return " ".join(UNKNOWN if v is None else str(v) for v in value.values())

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        fields = asker.figures.fields(question, names)
        listed = "\n".join(
            f"  {_marker(i)} {name_of(label)}（{self.unit(question, label)}）"
            for i, (_, label) in enumerate(fields)
        )
        how = "按顺序输入数字，用空格隔开" if len(fields) > 1 else "输入数字"
        unknown = _unknown_hint([self.optional(question, key) for key, _ in fields])
        keys = [key for key, _ in fields]
        fits = isinstance(default, dict) and set(default) <= set(keys)
        fitting = {key: default.get(key) for key in keys} if fits else None
        shown = "" if fitting is None else self.default_text(question, fitting)
        return asker.read(f"{text}\n{listed}\n（{how}{unknown}）", shown)


def _unknown_hint(optional: list[bool]) -> str:
    """Which counts may be written 不详: all of them, some (by their markers), or none."""
    if not any(optional):
        return ""
    if all(optional):
        return "；不知道的写“不详”"
    markers = "".join(_marker(i) for i, may in enumerate(optional) if may)
    return f"；{markers}不知道的可以写“不详”"
