"""What one sitting of the interview is made of, shared by the conversation (the
questions) and the review (the report, writing the files): the stored interview it
works on, where the files are written, how the sitting ends, and what the review needs
of the conversation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..flow.engine import Engine
    from ..flow.model import Flow, Question
    from ..report.data import ReportData
    from .prompter import Prompter


class MetaStore(Protocol):
    """What a dialogue of its own (the ledger's, the area's) needs of the interview: its
    meta fields."""

    def meta(self) -> dict[str, Any]: ...

    def update_meta(self, **fields: Any) -> None: ...


class Session(MetaStore, Protocol):
    """What the conversation needs of a stored interview (store.Interview)."""

    id: str

    def answers(self) -> dict[str, Any]: ...

    def save_answer(
        self, question_id: str, value: Any, *, position: str | None = None, **meta: Any
    ) -> None: ...

    def save_answers(
        self, values: dict[str, Any], *, position: str | None = None, **meta: Any
    ) -> None: ...


# Writes the report in the formats chosen (txt, docx, html, md, json); the paths written.
Publisher = Callable[["ReportData", Sequence[str]], list[Path]]


@dataclass
class Outcome:
    finished: bool
    files: list[Path]
    interrupted: bool = False  # left with Ctrl-C rather than by choosing to


def deadline_note(kind: str) -> str:
    """When the report must be published (条例第四十九条)."""
    from ..report.data import AREA_GOVERNMENTS  # said at the end: off the first question

    if kind in AREA_GOVERNMENTS:
        return "县级以上人民政府的年度报告应在每年 3 月 31 日前公布。"
    if kind == "township":
        return "乡镇、街道一般按县里的通知，在每年 1 月 31 日前公布。"
    return "县级以上政府部门的年度报告应在每年 1 月 31 日前公布。"


class Chat(Protocol):
    """What the review needs of the conversation it ends (chat/conversation.py): the
    interview's state, and asking, saving and the section menu."""

    engine: Engine
    flow: Flow
    session: Session
    ui: Prompter
    publish: Publisher
    answers: dict[str, Any]
    forced: Question | None  # the question asked next
    last_section: str | None  # the section whose banner was said last
    reread: bool  # the area's folder is to be read again

    def ask(self, question: Question) -> Any: ...

    def save(self, question: Question, value: Any) -> None: ...

    def jump(self, current: Question | None, *, offer_review: bool = True) -> None: ...
