"""The interview as data: Flow, Section, Question, Choice (frozen, stdlib only).

A flow file (flows/*.yaml) is loaded into these by loader.py; the engine walks them.
Expressions are kept as source text here; expr.py compiles and evaluates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = (
    "text", "paragraph", "integer", "decimal", "yesno", "choice", "choices", "breakdown", "matrix",
    "confirm",
)  # fmt: skip
NUMBER_KINDS = frozenset({"integer", "decimal"})
OPTION_KINDS = frozenset({"choice", "choices", "breakdown", "matrix"})


@dataclass(frozen=True)
class Expr:
    """A sandboxed Jinja2 expression: its source and the names it reads."""

    source: str
    names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Choice:
    """An option of a choice/choices question or a category of a breakdown."""

    value: str
    label: str
    help: str = ""
    group: str = ""  # e.g. the outcome group （三） a matrix row belongs to


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    text: str
    section: str
    help: str = ""
    example: str = ""
    default: Expr | None = None
    when: Expr | None = None
    minimum: Expr | None = None
    maximum: Expr | None = None
    choices: tuple[Choice, ...] = ()
    total: Expr | None = None  # breakdown: the number to split (None: any split)
    active: Expr | None = None  # breakdown: the categories that may be non-zero
    rows: tuple[Choice, ...] = ()  # matrix: its rows; `choices` are its columns
    confirms: Expr | None = None  # confirm: the computed value the clerk confirms
    compose: str = ""  # paragraph: the name of the composer that writes its default
    other: bool = False  # choices: offer "其他（自己填写）"
    required: bool = True  # text/paragraph/choices: may the answer be empty?
    unit: str = ""  # 件, 条, 万元 … shown after numbers
    line: int = 0

    @property
    def dynamic_text(self) -> bool:
        """Whether `text` holds {{ … }} placeholders filled from earlier answers."""
        return "{{" in self.text

    def option(self, value: str) -> Choice:
        for choice in self.choices:
            if choice.value == value:
                return choice
        raise KeyError(value)


@dataclass(frozen=True)
class Compute:
    """A value derived from answers, never asked; readable by everything after it."""

    id: str
    expr: Expr
    line: int = 0


@dataclass(frozen=True)
class Check:
    """A section check: when `when` is true, say `message` and offer to go to `goto`."""

    when: Expr
    message: str
    goto: str
    line: int = 0


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str = ""
    items: tuple[Question | Compute, ...] = ()  # in flow order
    checks: tuple[Check, ...] = ()
    line: int = 0

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(item for item in self.items if isinstance(item, Question))


@dataclass(frozen=True)
class Flow:
    name: str
    title: str
    sections: tuple[Section, ...]
    intro: str = ""
    source: str = ""
    lists: tuple[tuple[str, tuple[Choice, ...]], ...] = ()  # named option lists
    questions: tuple[Question, ...] = field(init=False)

    def __post_init__(self) -> None:
        all_questions = tuple(q for s in self.sections for q in s.questions)
        object.__setattr__(self, "questions", all_questions)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def section_number(self, section_id: str) -> int:
        """1-based position of a section, for banners like 第 3 部分，共 8 部分."""
        return [s.id for s in self.sections].index(section_id) + 1
