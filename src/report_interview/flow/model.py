"""The interview as data: Flow, Section, Question, Choice (frozen, stdlib only).

A flow file (flows/*.yaml) is loaded into these by loader.py; the engine walks them.
Expressions are kept as source text here; expr.py compiles and evaluates them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


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
    required: bool = False  # counts: never 不详, even where the question's other counts may be


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
    # The answer when earlier answers settle it (none: ask); a settled question is not
    # asked, but an answer given for it (answers file, the review) is kept and wins.
    settle: Expr | None = None
    minimum: Expr | None = None
    maximum: Expr | None = None
    choices: tuple[Choice, ...] = ()
    total: Expr | None = None  # breakdown: the number to split (None: any split)
    active: Expr | None = None  # breakdown: the categories that may be non-zero
    rows: tuple[Choice, ...] = ()  # matrix: its rows; `choices` are its columns
    confirms: Expr | None = None  # confirm: the computed value the clerk confirms
    fields: Expr | None = None  # counts: the labels of the numbers asked (from answers)
    each: Expr | None = None  # list: one item asked per entry of this list (pairs)
    compose: str = ""  # paragraph: the name of the composer that writes its default
    # A written paragraph the walk never asks: the review shows it in the report and
    # the clerk edits it there (the opening, （二）依申请公开).
    review_only: bool = False
    other: bool = False  # choices: offer "其他（自己填写）"
    # Own entries one per prompt (`other: each`: sentences such as a problem, which may
    # hold 、 themselves) rather than on one line separated by 、 (names: key areas).
    other_each: bool = False
    required: bool = True  # text/paragraph/choices: may the answer be empty?
    unit: str = ""  # 件, 条, 万元 … shown after numbers
    line: int = 0

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


# ---------------------------------------------------------------- JSON form (the flow cache)

# The only classes the JSON form can build: reading a cache file never runs code, and a
# file that does not fit is an error (the flow is then parsed again from its YAML).
_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls for cls in (Expr, Choice, Question, Compute, Check, Section, Flow)
}
# The keys each class's JSON object may have: its constructor's fields and the tag.
_KEYS = {
    cls: frozenset({"__class__", *(f.name for f in dataclasses.fields(cls) if f.init)})
    for cls in _CLASSES.values()
}


def to_json(value: Any) -> Any:
    """A flow (or any part of it) as plain JSON: dataclasses tagged with their class name,
    tuples as lists, the names an expression reads as a sorted list."""
    if type(value).__name__ in _CLASSES:
        fields = {
            f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return {"__class__": type(value).__name__, **fields}
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    if isinstance(value, frozenset):
        return sorted(value)
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"{type(value).__name__} has no JSON form in a flow")


def from_json(data: Any) -> Any:
    """The inverse of to_json; ValueError when `data` is not a flow's JSON form."""
    if isinstance(data, list):
        return tuple(from_json(item) for item in data)
    if not isinstance(data, dict):
        return data
    cls = _CLASSES.get(str(data.get("__class__")))
    if cls is None:
        raise ValueError(f"unknown class in flow JSON: {data.get('__class__')!r}")
    if not _KEYS[cls].issuperset(data):
        raise ValueError(f"unknown fields for {cls.__name__}")
    values = {key: from_json(value) for key, value in data.items() if key != "__class__"}
    if cls is Expr:
        values["names"] = frozenset(values.get("names", ()))
    try:
        return cls(**values)
    except TypeError as exc:
        raise ValueError(str(exc)) from None
