"""Several counts asked in one prompt (`counts`): the items published per channel, the
documents issued, repealed and in force. Typed as numbers in the order shown
("120 46 24"); a count the clerk does not know may be given as 不详 and is then left
out of the text rather than invented."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...report.naming import name_of, unit_of
from .. import answers as parse
from ..model import Question
from .base import Asker, Figures, Kind, Names
from .texts import text_of

UNKNOWN_WORDS = frozenset({"不详", "不知道", "未统计", "没统计", "没有统计", "-", "—", "/"})
UNKNOWN = "不详"
_SEPARATORS = re.compile(r"[\s,，、;；]+")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _marker(index: int) -> str:
    return _CIRCLED[index] if index < len(_CIRCLED) else f"({index + 1})"


def _cell(text: str, label: str, unit: str, allow_unknown: bool) -> int | None:
    if allow_unknown and parse.normalize(text) in UNKNOWN_WORDS:
        return None
    try:
        return parse.parse_integer(text, unit=unit)
    except parse.AnswerError as exc:
        raise parse.AnswerError(f"“{label}”：{exc}") from None


class Counts(Kind):
    """Named counts: {field label: count or None (不详)}. The fields are the question's
    `fields` expression (names the clerk gave earlier) or its choices' labels."""

    name = "counts"
    needs_fields = True

    def empty(self, question: Question) -> Any:
        return {}

    def decode(self, question: Question, stored: Any) -> Any:
        if not isinstance(stored, dict) or not all(isinstance(k, str) for k in stored):
            return None
        if not all(
            v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in stored.values()
        ):
            return None
        return dict(stored)

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        fields = figures.fields(question, names)
        unit = question.unit or "件"
        unknown = not question.required
        if isinstance(raw, Mapping):
            return self._from_mapping(fields, raw, unit, unknown)
        items = raw if isinstance(raw, list) else _SEPARATORS.split(parse.normalize(text_of(raw)))
        items = [text_of(item) for item in items if text_of(item).strip()]
        if len(items) != len(fields):
            order = "、".join(f"{_marker(i)}{f}" for i, f in enumerate(fields))
            raise parse.AnswerError(
                f"需要 {len(fields)} 个数，收到 {len(items)} 个：请按{order}的顺序输入，用空格隔开。"
            )
        return {
            f: _cell(item, f, unit_of(f) or unit, unknown)
            for f, item in zip(fields, items, strict=True)
        }

    @staticmethod
    def _from_mapping(
        fields: list[str], raw: Mapping[Any, Any], unit: str, unknown: bool
    ) -> dict[str, int | None]:
        """An answers file's mapping, keyed by the fields' names with or without unit."""
        by_key = {str(k).strip(): v for k, v in raw.items()}
        stray = [k for k in by_key if k not in fields and k not in map(name_of, fields)]
        if stray:
            shown = "、".join(name_of(f) for f in fields)
            raise parse.AnswerError(f"没有“{stray[0]}”这一项；要填的是：{shown}。")
        counts: dict[str, int | None] = {}
        for field in fields:
            key = field if field in by_key else name_of(field)
            if key not in by_key:
                raise parse.AnswerError(f"缺少“{name_of(field)}”的数字。")
            value = UNKNOWN if by_key[key] is None else text_of(by_key[key])
            counts[field] = _cell(value, name_of(field), unit_of(field) or unit, unknown)
        return counts

    def problem(self, question: Question, value: Any, figures: Figures, names: Names) -> str | None:
        if list(value) != figures.fields(question, names):
            return "要填的项目已经变化，需要重新填写"
        if any(v is not None and v < 0 for v in value.values()):
            return "有负数"
        if question.required and any(v is None for v in value.values()):
            return "每一项都要填数字"
        return figures.validate(question, value, names)

    def show(self, question: Question, value: Any) -> str:
        parts = []
        for field, count in value.items():
            unit = unit_of(field) or question.unit or "件"
            parts.append(f"{name_of(field)} {UNKNOWN if count is None else f'{count} {unit}'}")
        return "，".join(parts) or "（无）"

    def default_text(self, question: Question, value: Any) -> str:
        return " ".join(UNKNOWN if v is None else str(v) for v in value.values())

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        fields = asker.figures.fields(question, names)
        listed = "\n".join(f"  {_marker(i)} {f}" for i, f in enumerate(fields))
        how = "按顺序输入数字，用空格隔开" if len(fields) > 1 else "输入数字"
        unknown = "；不知道的写“不详”" if not question.required else ""
        fitting = default if isinstance(default, dict) and list(default) == fields else None
        shown = "" if fitting is None else self.default_text(question, fitting)
        return asker.read(f"{text}\n{listed}\n（{how}{unknown}）", shown)
