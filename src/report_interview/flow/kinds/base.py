"""What every question kind is: the Kind base class and the two narrow views a kind has
of the rest of the program (the engine's figures, the conversation's prompts).

A kind owns everything specific to it (design.md §2; Django's form fields are the
model): its empty value, how its answer is stored (encode/decode), validated against
the question's bounds, read from typed text or an answers-file value (`coerce`),
shown in the review and the transcript (`show`), offered as an editable default
(`default_text`), and which Prompter call asks it (`ask`). The engine, the
conversation and the answers-file filler call the kind; none branches on its name.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Protocol

from ..answers import MAX_COUNT
from ..model import Question

Names = Mapping[str, Any]
# An optional count the clerk does not know: stored and shown as 不详, left out of the text.
UNKNOWN = "不详"
UNKNOWN_WORDS = frozenset({"不详", "不知道", "未统计", "没统计", "没有统计", "-", "—", "/"})
# Said when 不详 is typed for a count that must be given (why: the question's help).
REQUIRED_COUNT = "要写进报告的表格或必须在报告中说明，不能写“不详”：请填数字，没有就填 0。"


def stored_count(value: Any, *, signed: bool = False) -> bool:
    """Whether a stored value is a count within the bounds typing has (flow/answers.py:
    0 to MAX_COUNT; below 0 only where the flow's `min` allows, `signed`): a file edited
    to -5 is refused on load as a typed -5 is refused at the prompt."""
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return (-MAX_COUNT if signed else 0) <= value <= MAX_COUNT


class Figures(Protocol):
    """What a kind needs of the engine: the question's expressions evaluated against the
    answers so far, and the checks a flow cannot express (flow/engine.py)."""

    def bounds(self, question: Question, names: Names) -> tuple[Any, Any]: ...

    def total(self, question: Question, names: Names) -> int | None: ...

    def active(self, question: Question, names: Names) -> list[str]: ...

    def confirmed_value(self, question: Question, names: Names) -> Any: ...

    def composed(self, question: Question, names: Names) -> str: ...

    def written(self, question: Question, names: Names) -> tuple[str, dict[str, str]]: ...

    def validate(self, question: Question, value: Any, names: Names) -> str | None: ...

    def fields(self, question: Question, names: Names) -> list[tuple[str, str]]: ...

    def each(self, question: Question, names: Names) -> list[str]: ...


class Asker(Protocol):
    """What a kind needs of the conversation to ask its question (chat/conversation.py).
    Replies are the clerk's raw answer or a navigation command, passed through as is."""

    @property
    def figures(self) -> Figures: ...

    def say(self, text: str) -> None: ...

    def read(self, message: str, default: str = "", *, multiline: bool = False) -> Any: ...

    def select(self, message: str, options: Sequence[tuple[str, str]], default: Any) -> Any: ...

    def checkbox(
        self, message: str, options: Sequence[tuple[str, str]], default: Sequence[str]
    ) -> Any: ...

    def ask_split(self, question: Question, names: Names, default: Any) -> Any: ...

    def ask_rows(self, question: Question, names: Names, default: Any) -> Any: ...

    def own_entries(self, question: Question, offered: list[str]) -> list[str]: ...

    def ask_items(self, question: Question, names: Names, default: Any) -> Any: ...

    def ask_folder(self, question: Question, names: Names, default: Any) -> Any: ...


class Kind(ABC):
    """A question kind. Subclasses set `name` and override what differs from a plain
    one-line text answer."""

    name: ClassVar[str]
    # What a flow must give a question of this kind (the loader checks it).
    needs_choices: ClassVar[bool] = False
    needs_rows: ClassVar[bool] = False
    needs_confirms: ClassVar[bool] = False
    needs_fields: ClassVar[bool] = False
    composable: ClassVar[bool] = False  # may carry `compose:` (a written paragraph)
    # Whether the question's `example` is printed under it (menus show their options).
    shows_example: ClassVar[bool] = True
    # Whether a stored answer is offered again (a confirmation is always asked afresh:
    # its old answer was about other numbers).
    offers_stored: ClassVar[bool] = True
    # What an answers file may give: "one" answer (text, number, yes/no), a "list" of
    # them, a "split" (category → number, or numbers in order), a "table" (row → cells).
    file_shape: ClassVar[str] = "one"

    def empty(self, question: Question) -> Any:
        """The value expressions see for a hidden or unanswered question."""
        return ""

    def encode(self, question: Question, value: Any) -> Any:
        """A typed answer → the JSON value the store keeps."""
        return value

    def decode(self, question: Question, stored: Any) -> Any:
        """A stored JSON value → the typed answer; None when it no longer fits."""
        return stored if isinstance(stored, str) else None

    @abstractmethod
    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        """A raw reply (typed text, or an answers-file value) → the typed answer;
        AnswerError (Chinese) when it cannot be one."""

    def problem(self, question: Question, value: Any, figures: Figures, names: Names) -> str | None:
        """Why a (stored or new) answer does not fit the answers before it; None if fine."""
        return None

    def exposed(self, question: Question, value: Any) -> Any:
        """What expressions see of a valid answer."""
        return value

    def outdated(
        self, question: Question, value: Any, figures: Figures, names: Names
    ) -> list[str] | None:
        """A kept answer that a later change of the answers it rests on has overtaken
        (a written paragraph edited by hand): the names that changed; None if current."""
        return None

    def auto(self, question: Question, figures: Figures, names: Names) -> Any:
        """The answer when the earlier ones leave no choice (then it is not asked)."""
        return None

    def example(self, question: Question, text: str, figures: Figures, names: Names) -> str:
        """The question's example (its placeholders filled) as shown under it."""
        return text

    def show(self, question: Question, value: Any) -> str:
        """The answer as the clerk would write it: review lines and the transcript."""
        return str(value)

    def default_text(self, question: Question, value: Any) -> str:
        """The offered answer as editable text (Enter takes it)."""
        return str(value)

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        """Put the question to the clerk with the right prompt; the raw reply."""
        shown = "" if default is None else self.default_text(question, default)
        return asker.read(text, shown)


class TextsKind(Kind):
    """A kind whose answer is a list of texts (options chosen, items written)."""

    def empty(self, question: Question) -> Any:
        return []

    def decode(self, question: Question, stored: Any) -> Any:
        if not isinstance(stored, list) or not all(isinstance(v, str) for v in stored):
            return None
        return list(stored)
