"""Answers chosen from the question's options: yes/no, a confirmation, one option,
several options (with own entries under 其他)."""

from __future__ import annotations

from typing import Any

from ...report.naming import split_names
from .. import answers as parse
from ..model import Question
from .base import Asker, Figures, Kind, Names, TextsKind
from .texts import text_of

OTHER_VALUE = "__other__"
OTHER_LABEL = "其他（自己填写）"


def _yes(value: Any) -> str:
    return "是" if value is not False and value else "否"


class YesNo(Kind):
    name = "yesno"
    shows_example = False

    def empty(self, question: Question) -> Any:
        return False

    def decode(self, question: Question, stored: Any) -> Any:
        return stored if isinstance(stored, bool) else None

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        return raw if isinstance(raw, bool) else parse.parse_yesno(text_of(raw))

    def show(self, question: Question, value: Any) -> str:
        return _yes(value)

    def default_text(self, question: Question, value: Any) -> str:
        return _yes(value)

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        shown = "" if default is None else self.default_text(question, default)
        return asker.read(f"{text}\n（请回答“是”或“否”）", shown)


class Confirm(YesNo):
    """Confirms a computed value (`confirms`). Yes stores the value confirmed, so that a
    later change of it is noticed and the confirmation asked again."""

    name = "confirm"
    needs_confirms = True
    offers_stored = False

    def decode(self, question: Question, stored: Any) -> Any:
        return stored  # the value confirmed (JSON), or False

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        agreed = super().coerce(question, raw, figures, names)
        return figures.confirmed_value(question, names) if agreed else False

    def problem(self, question: Question, value: Any, figures: Figures, names: Names) -> str | None:
        if value not in (False, figures.confirmed_value(question, names)):
            return "确认的数字已经变化，需要重新确认"
        return None

    def exposed(self, question: Question, value: Any) -> Any:
        return value is not False


def option_value(question: Question, raw: Any) -> str:
    """The option a raw reply names: its value, its label, its number or part of it."""
    values = [c.value for c in question.choices]
    if isinstance(raw, str) and raw.strip() in values:
        return raw.strip()
    label = parse.parse_choice(text_of(raw), [c.label for c in question.choices])
    return next(c.value for c in question.choices if c.label == label)


class Choice(Kind):
    name = "choice"
    needs_choices = True
    shows_example = False

    def decode(self, question: Question, stored: Any) -> Any:
        return stored if isinstance(stored, str) else None

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        return option_value(question, raw)

    def problem(self, question: Question, value: Any, figures: Figures, names: Names) -> str | None:
        return None if value in {c.value for c in question.choices} else "不是可选的选项"

    def show(self, question: Question, value: Any) -> str:
        return question.option(value).label

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        options = [(c.value, c.label) for c in question.choices]
        return asker.select(text, options, default)


def _known(question: Question, value: str) -> bool:
    return any(c.value == value for c in question.choices)


class Choices(TextsKind):
    """Several options; with `other`, own entries written by the clerk are kept as typed."""

    name = "choices"
    file_shape = "list"
    needs_choices = True
    shows_example = False

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        chosen = _options(question, raw)
        if question.required and not chosen:
            raise parse.AnswerError("请至少选一项。")
        return chosen

    def problem(self, question: Question, value: Any, figures: Figures, names: Names) -> str | None:
        if not question.other and any(not _known(question, v) for v in value):
            return "含有不可选的选项"
        return None

    def show(self, question: Question, value: Any) -> str:
        labels = [question.option(v).label if _known(question, v) else v for v in value]
        return "、".join(labels) or "（无）"

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        options = [(c.value, c.label) for c in question.choices]
        if question.other:
            options.append((OTHER_VALUE, OTHER_LABEL))
        known = [v for v in default or [] if _known(question, v)]
        own = [v for v in default or [] if not _known(question, v)]
        ticked = known + ([OTHER_VALUE] if own and question.other else [])
        reply = asker.checkbox(text, options, ticked)
        if not isinstance(reply, list):
            return reply
        if OTHER_VALUE not in reply:
            if question.required and not reply:
                other = "，都没有就选“其他（自己填写）”" if question.other else ""
                raise parse.AnswerError(f"请至少选一项（用空格键选中，再按回车）{other}。")
            return reply
        return [v for v in reply if v != OTHER_VALUE] + asker.own_entries(question, own)


def _options(question: Question, raw: Any) -> list[str]:
    """A list, or a text of labels (answers.parse_choices reads those, a label holding
    、 included), of option values, or of own entries (其他) kept as typed."""
    if isinstance(raw, list):
        items = raw
    else:
        labels = [c.label for c in question.choices]
        try:
            chosen_labels = parse.parse_choices(text_of(raw), labels)
            if chosen_labels:
                return [c.value for c in question.choices if c.label in chosen_labels]
        except parse.AnswerError:
            pass  # values or own entries: read item by item below
        # 、 as the own-entry prompt names it (and "," between values); never ，, which
        # belongs to an own entry's words, and never inside quotes or brackets
        items = [item for part in split_names(raw) for item in part.split(",")]
    chosen: list[str] = []
    for item in (str(i).strip() for i in items):
        if not item:
            continue
        if question.other:
            value = _exact_option(question, item) or parse.parse_text(item, one_line=True)
        else:
            value = option_value(question, item)
        if value not in chosen:
            chosen.append(value)
    return chosen


def _exact_option(question: Question, item: str) -> str | None:
    """The option an item names exactly (its value or its label), else None: where own
    entries may be given, an entry is the clerk's own words unless it is an option to
    the letter — “推进基层政务公开标准化规范化建设” is not the option “深入推进…”."""
    for choice in question.choices:
        if item in (choice.value, choice.label):
            return choice.value
    return None
