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
    and the clerk accepts or edits it in the review (it is not asked: review_only). The
    stored answer remembers what the program had written (`from`) and the facts it was
    written from (`facts`, flow/facts.py): a paragraph taken as written follows the
    answers (the report always has the program's current text), one edited by hand is
    kept, and flagged once a fact changes."""

    name = "paragraph"
    composable = True

    def decode(self, question: Question, stored: Any) -> Any:
        if question.compose and isinstance(stored, dict):
            text, written = stored.get("text"), stored.get("from", "")
            facts = stored.get("facts", {})
            if not isinstance(text, str) or not isinstance(written, str):
                return None
            if not isinstance(facts, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in facts.items()
            ):
                return None
            return {"text": text, "from": written, "facts": dict(facts)}
        return stored if isinstance(stored, str) else None

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        text = parse.parse_text(text_of(raw), required=question.required, max_length=TEXT_LIMIT)
        if question.compose:
            written, facts = figures.written(question, names)
            return {"text": text, "from": written, "facts": facts}
        return text

    @staticmethod
    def edited(value: Any) -> bool:
        """Whether the clerk's text is their own rather than the program's as written."""
        return not isinstance(value, dict) or value["text"] != value["from"]

    def exposed(self, question: Question, value: Any) -> Any:
        """The clerk's own text; "" for the program's, which is written afresh from the
        current answers wherever it is used (report/builder.py)."""
        if not question.compose:
            return value
        return self.default_text(question, value) if self.edited(value) else ""

    def outdated(
        self, question: Question, value: Any, figures: Figures, names: Names
    ) -> list[str] | None:
        """A paragraph the clerk edited whose facts changed since: the names that changed
        ([] when an older answer kept no facts); None when it is not edited or current."""
        if not question.compose or not self.edited(value) or not isinstance(value, dict):
            return None
        if value.get("facts"):  # an answer stored before facts were kept has none
            from ..facts import changed

            return changed(value["facts"], names) or None
        return [] if figures.composed(question, names) != value["from"] else None

    def show(self, question: Question, value: Any) -> str:
        return super().show(question, self.default_text(question, value))

    def default_text(self, question: Question, value: Any) -> str:
        return str(value["text"] if isinstance(value, dict) else value)

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        shown = "" if default is None else self.default_text(question, default)
        return asker.read(text, shown, multiline=True)
