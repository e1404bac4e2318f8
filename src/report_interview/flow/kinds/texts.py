"""Free text: one line (`text`) or several (`paragraph`, possibly written by the program)."""

from __future__ import annotations

from typing import Any

from .. import answers as parse
from ..model import Question
from .base import Asker, Figures, Kind, Names

TEXT_LIMIT = 5000  # characters of one answer


def text_of(raw: Any) -> str:
    """An answers-file value read as the text a clerk would have typed."""
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, list):
        return "，".join(str(item) for item in raw)
    return str(raw)


NONE_WORDS = frozenset({"无", "没有", "不写", "暂无"})


class Text(Kind):
    """One line of text: a name, an address, a phone number. An optional one is left
    empty only by saying so ("无"), so that an Enter typed too soon leaves nothing out."""

    name = "text"

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        text = parse.parse_text(
            text_of(raw), required=question.required, max_length=TEXT_LIMIT, one_line=True
        )
        if question.required:
            return text
        if parse.normalize(text) in NONE_WORDS:
            return ""
        if not text:
            raise parse.AnswerError("没有的话请输入“无”，报告中就不写这一项。")
        return text

    def show(self, question: Question, value: Any) -> str:
        if value == "":  # an optional one said 无: it is left out of the report
            return "无（报告中不写）" if not question.required else "（未填）"
        return str(value)


class Paragraph(Text):
    """Several lines of text. With `compose`, the program writes it from the answers
    and it is not asked (the review shows it); a text the clerk edits remembers what
    the program had written (`from`), so a change of the answers it rests on is noticed."""

    name = "paragraph"
    composable = True

    def decode(self, question: Question, stored: Any) -> Any:
        if question.compose and isinstance(stored, dict):
            if not isinstance(stored.get("text"), str) or not isinstance(
                stored.get("from", ""), str
            ):
                return None
            return {"text": stored["text"], "from": stored.get("from", "")}
        return stored if isinstance(stored, str) else None

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        text = parse.parse_text(text_of(raw), required=question.required, max_length=TEXT_LIMIT)
        if question.compose:
            return {"text": text, "from": figures.composed(question, names)}
        return text

    def problem(self, question: Question, value: Any, figures: Figures, names: Names) -> str | None:
        if (
            question.compose
            and isinstance(value, dict)
            and value["from"] != figures.composed(question, names)
        ):
            return "这一段依据的回答已经改变，已按新的回答重新写好，请再看一下"
        return None

    def settled(self, question: Question, figures: Figures, names: Names) -> Any:
        """The program's paragraph is not asked: the review shows it to edit there."""
        written = figures.composed(question, names) if question.compose else ""
        return {"text": written, "from": written} if written else None

    def gives_way(self, question: Question, value: Any) -> bool:
        return isinstance(value, dict) and value["text"] == value["from"]

    def exposed(self, question: Question, value: Any) -> Any:
        return value["text"] if isinstance(value, dict) else value

    def show(self, question: Question, value: Any) -> str:
        return super().show(question, self.exposed(question, value))

    def default_text(self, question: Question, value: Any) -> str:
        return str(self.exposed(question, value))

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        shown = "" if default is None else self.default_text(question, default)
        return asker.read(text, shown, multiline=True)
