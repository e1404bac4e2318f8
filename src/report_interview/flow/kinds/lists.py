"""Several items, one per prompt (`list`): last year's problems, this year's own
problems, plans, other matters. With `each`, the list is paired with another one and
one item is asked per entry of it ("针对“……”，整改情况是？"), so the two cannot
differ in number."""

from __future__ import annotations

from typing import Any

from .. import answers as parse
from ..model import Question
from .base import Asker, Figures, Names, TextsKind
from .texts import TEXT_LIMIT

ITEM_LIMIT = 500  # characters of one item
MAX_ITEMS = 50


def numbered_items(items: list[str]) -> str:
    """1. …；2. … — how a list is shown in the review and the transcript."""
    return "；".join(f"{i}. {item}" for i, item in enumerate(items, 1))


class ItemList(TextsKind):
    name = "list"
    file_shape = "list"

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        """A list (answers files), or text with one item per line."""
        if isinstance(raw, list):
            lines = [str(item) for item in raw]
        elif isinstance(raw, str):
            lines = raw.splitlines()
        else:
            raise parse.AnswerError("这里应是一条一条的内容（答案文件中写成列表）。")
        items = [
            parse.parse_text(line, max_length=ITEM_LIMIT, one_line=True)
            for line in lines
            if line.strip()
        ]
        if len(items) > MAX_ITEMS or sum(map(len, items)) > TEXT_LIMIT:
            raise parse.AnswerError(f"条目太多或太长：最多 {MAX_ITEMS} 条、共 {TEXT_LIMIT} 字。")
        pairs = figures.each(question, names)
        if question.each is not None and len(items) != len(pairs):
            raise parse.AnswerError(
                f"上面有 {len(pairs)} 条，这里应一一对应写 {len(pairs)} 条，收到 {len(items)} 条。"
            )
        if question.required and not items:
            raise parse.AnswerError("这里至少要写一条。")
        return items

    def problem(self, question: Question, value: Any, figures: Figures, names: Names) -> str | None:
        pairs = figures.each(question, names)
        if question.each is not None and len(value) != len(pairs):
            return f"与上面的 {len(pairs)} 条不再一一对应"
        return None

    def show(self, question: Question, value: Any) -> str:
        return numbered_items(list(value)) or "（无）"

    def default_text(self, question: Question, value: Any) -> str:
        return "\n".join(value)

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        asker.say(text)
        return asker.ask_items(question, names, default)
