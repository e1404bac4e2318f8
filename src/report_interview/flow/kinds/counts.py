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
from ..model import Question
from .base import Asker, Figures, Kind, Names, stored_count
from .texts import text_of

UNKNOWN_WORDS = frozenset(
    {"不详", "不知道", "未统计", "没统计", "没有统计", "-", "—", "/", "null", "~", ""}
)  # "", null, ~: an answers file's empty value, read as text
UNKNOWN = "不详"
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
            key: self._cell(question, label, item)
            for (key, label), item in zip(fields, items, strict=True)
        }

    def _from_mapping(
        self, question: Question, fields: Fields, raw: Mapping[Any, Any]
    ) -> dict[str, int | None]:
        """An answers file's mapping, keyed by the fields' keys or names (unit aside)."""
        by_key = {str(k).strip(): v for k, v in raw.items()}
        known = {name for key, label in fields for name in (key, label, name_of(label))}
        stray = [k for k in by_key if k not in known]
        if stray:
            shown = "、".join(name_of(label) for _, label in fields)
            raise parse.AnswerError(f"没有“{stray[0]}”这一项；要填的是：{shown}。")
        counts: dict[str, int | None] = {}
        for key, label in fields:
            given = next((n for n in (key, label, name_of(label)) if n in by_key), None)
            if given is None:
                raise parse.AnswerError(f"缺少“{name_of(label)}”的数字。")
            value = by_key[given]
            counts[key] = self._cell(question, label, UNKNOWN if value is None else text_of(value))
        return counts

    def _cell(self, question: Question, label: str, text: str) -> int | None:
        if not question.required and parse.normalize(text) in UNKNOWN_WORDS:
            return None
        try:
            return parse.parse_integer(text, unit=self.unit(question, label))
        except parse.AnswerError as exc:
            raise parse.AnswerError(f"“{name_of(label)}”：{exc}") from None

    @staticmethod
    def unit(question: Question, label: str) -> str:
        return unit_of(label) or question.unit or "件"

    def problem(self, question: Question, value: Any, figures: Figures, names: Names) -> str | None:
        if list(value) != [key for key, _ in figures.fields(question, names)]:
            return "要填的项目已经变化，需要重新填写"
        if any(v is not None and v < 0 for v in value.values()):
            return "有负数"
        if question.required and any(v is None for v in value.values()):
            return "每一项都要填数字"
        return figures.validate(question, value, names)

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
        unknown = "；不知道的写“不详”" if not question.required else ""
        keys = [key for key, _ in fields]
        fitting = default if isinstance(default, dict) and list(default) == keys else None
        shown = "" if fitting is None else self.default_text(question, fitting)
        return asker.read(f"{text}\n{listed}\n（{how}{unknown}）", shown)
