"""Test doubles for the conversation: an in-memory session, a publisher that keeps the
reports, and a prompter that replays a script of replies."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from report_interview.chat.prompter import Command, Interrupted, Reply
from report_interview.report.data import ReportData


class FakeSession:
    """An interview kept in memory: what the conversation saves, in order."""

    def __init__(self, stored: dict[str, Any] | None = None) -> None:
        self.id = "20240101-0900-abcd"
        self.stored: dict[str, Any] = dict(stored or {})
        self.saves: list[tuple[str, Any]] = []
        self.meta_fields: dict[str, Any] = {"status": "in_progress", "position": None}

    def answers(self) -> dict[str, Any]:
        return dict(self.stored)

    def meta(self) -> dict[str, Any]:
        return dict(self.meta_fields)

    def save_answer(
        self, question_id: str, value: Any, *, position: str | None = None, **meta: Any
    ) -> None:
        self.stored[question_id] = value
        self.saves.append((question_id, value))
        self.meta_fields.update(meta, position=position)

    def save_answers(
        self, values: dict[str, Any], *, position: str | None = None, **meta: Any
    ) -> None:
        self.stored.update(values)
        self.saves += list(values.items())
        self.meta_fields.update(meta)
        if position is not None:
            self.meta_fields["position"] = position

    def update_meta(self, **fields: Any) -> None:
        self.meta_fields.update(fields)


class FakePublisher:
    """Records the reports (and formats) it is asked to write instead of writing files."""

    def __init__(self) -> None:
        self.reports: list[ReportData] = []
        self.formats: list[list[str]] = []

    def __call__(self, report: ReportData, formats: Sequence[str]) -> list[Path]:
        self.reports.append(report)
        self.formats.append(list(formats))
        return [Path(f"/reports/report.{fmt}") for fmt in formats]


class ScriptedPrompter:
    """Replays replies in order: a str or Command for a line prompt, an option value (or
    Command) for a menu, a list of values for a checkbox. Records what is said and asked;
    running out of replies is a Ctrl-C. `size` is the terminal's (columns, rows)."""

    def __init__(self, replies: Sequence[Any], size: tuple[int, int] = (80, 24)) -> None:
        self.replies = list(replies)
        self.size = size
        self.said: list[tuple[str, str]] = []
        self.asked: list[str] = []

    def _next(self, message: str) -> Any:
        self.asked.append(message.splitlines()[0])
        if not self.replies:
            raise Interrupted
        return self.replies.pop(0)

    def say(self, text: str, kind: str = "assistant") -> None:
        self.said.append((kind, text))

    def text(self, kind: str | None = None) -> str:
        return "\n".join(t for k, t in self.said if kind is None or k == kind)

    def ask_line(
        self, message: str, *, default: str = "", hint: str, multiline: bool = False
    ) -> Reply:
        reply = self._next(message)
        assert isinstance(reply, (str, Command)), f"{message!r} got {reply!r}"
        return reply

    def ask_select(
        self,
        message: str,
        options: Sequence[tuple[str, str]],
        *,
        default: str | None,
        hint: str,
        navigation: bool = True,
    ) -> Reply:
        reply = self._next(message)
        if reply == "":
            assert default is not None, f"{message!r} has no default"
            return default
        assert isinstance(reply, Command) or reply in {v for v, _ in options}, reply
        return reply  # type: ignore[no-any-return]

    def ask_checkbox(
        self, message: str, options: Sequence[tuple[str, str]], *, default: Sequence[str], hint: str
    ) -> list[str] | Command:
        reply = self._next(message)
        if reply == "":  # Enter alone keeps what is ticked
            return list(default)
        assert isinstance(reply, (list, Command)), f"{message!r} got {reply!r}"
        return reply

    def screen_size(self) -> tuple[int, int]:
        return self.size


class SheetPrompter(ScriptedPrompter):
    """Answers from a fact sheet's replies (tests/township.py): each prompt by the first
    unused reply whose words its first line starts with; a multiple choice gets the
    values its Tick names. A prompt the sheet has no reply for is a Ctrl-C."""

    def __init__(self, replies: Sequence[tuple[str, Any]]) -> None:
        super().__init__([])
        self.sheet = list(replies)

    def _next(self, message: str) -> Any:
        first = message.splitlines()[0]
        self.asked.append(first)
        for i, (words, reply) in enumerate(self.sheet):
            if first.startswith(words):
                del self.sheet[i]
                return list(reply.values) if hasattr(reply, "values") else reply
        raise Interrupted
