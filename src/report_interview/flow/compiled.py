"""A compiled flow (the JSON shipped beside the YAML, or the data folder's cache of a flow
edited locally) checked like the YAML it was made from, without jinja2: the structure
and types of every part, known kinds, well-formed ids that are never repeated, every
name an expression reads defined before it, what each kind needs, sizes. A file that
does not fit is not used: the loader parses the YAML again (and rewrites the cache),
so an unknown kind, a stray name or a duplicate id in a cache never reaches the
interview. Expressions are checked for what they read; what they compute is bounded
where they are evaluated (flow/expr.py)."""

from __future__ import annotations

import re
from typing import Any, Final

from ..limits import MAX_FLOW_QUESTIONS, MAX_FLOW_TEXT
from .kinds import KINDS, Kind
from .model import Check, Choice, Compute, Expr, Flow, Question, Section

ID: Final = re.compile(r"^[a-z][a-z0-9_]*$")
BUILTIN_NAMES: Final = frozenset({"previous", "this_year", "this_month"})


def kind_problem(
    kind: Kind,
    *,
    choices: bool,
    rows: bool,
    compose: bool,
    confirms: bool,
    fields: bool,
    review_only: bool = False,
) -> str | None:
    """What a question of this kind lacks (or has that it may not), in Chinese; None
    when it has what its kind needs. The YAML loader and the compiled check share it."""
    if kind.needs_choices and not choices:
        return f"{kind.name} 类问题需要 choices"
    if compose and not kind.composable:
        return "只有 paragraph 类问题可以用 compose"
    if review_only and not compose:
        return "review_only 的段落需要 compose（由程序写好）"
    if kind.needs_confirms and not confirms:
        return f"{kind.name} 类问题需要 confirms（要确认的计算值）"
    if kind.needs_rows and not rows:
        return f"{kind.name} 类问题需要 rows"
    if kind.needs_fields and not choices and not fields:
        return f"{kind.name} 类问题需要 choices 或 fields（各项的名称）"
    return None


class _Misfit(ValueError):
    """A part of a compiled flow that does not fit (English, for debugging)."""


def flow_problem(flow: object) -> str | None:
    """Why a compiled flow does not fit, or None when it may be used."""
    try:
        _Checker().flow(flow)
    except _Misfit as exc:
        return str(exc)
    return None


def _text(value: object, what: str, *, required: bool = False) -> None:
    if not isinstance(value, str) or len(value) > MAX_FLOW_TEXT or (required and not value):
        raise _Misfit(f"{what}: not a text of at most {MAX_FLOW_TEXT} characters")


def _items(value: object, cls: type[Any] | tuple[type[Any], ...], what: str) -> tuple[Any, ...]:
    if not isinstance(value, tuple) or not all(isinstance(item, cls) for item in value):
        raise _Misfit(f"{what}: not a tuple of {cls}")
    return value


class _Checker:
    """Walks the flow in order, as the YAML builder does, tracking the names defined."""

    def __init__(self) -> None:
        self.defined: set[str] = set(BUILTIN_NAMES)
        self.sections: set[str] = set()
        self.questions: set[str] = set()

    def new_id(self, value: object, what: str) -> str:
        if not isinstance(value, str) or not ID.match(value) or len(value) > 100:
            raise _Misfit(f"{what}: bad id {value!r}")
        if value in self.defined or value in self.sections:
            raise _Misfit(f"{what}: id {value!r} repeated")
        return value

    def expr(self, value: object, what: str, *, optional: bool = True) -> None:
        if value is None and optional:
            return
        if not isinstance(value, Expr):
            raise _Misfit(f"{what}: not an expression")
        _text(value.source, what, required=True)
        names = value.names
        if not isinstance(names, frozenset) or not all(isinstance(n, str) for n in names):
            raise _Misfit(f"{what}: bad names")
        if names - self.defined:
            raise _Misfit(f"{what}: reads undefined {sorted(names - self.defined)[0]!r}")

    def choices(self, value: object, what: str) -> tuple[Choice, ...]:
        choices = _items(value, Choice, what)
        for choice in choices:
            _text(choice.value, what, required=True)
            _text(choice.label, what, required=True)
            _text(choice.help, what)
            _text(choice.group, what)
            if not isinstance(choice.required, bool):
                raise _Misfit(f"{what}: required not a boolean")
        if len({c.value for c in choices}) != len(choices):
            raise _Misfit(f"{what}: repeated choice value")
        return choices

    def flow(self, flow: object) -> None:
        if not isinstance(flow, Flow):
            raise _Misfit("not a flow")
        for text in (flow.name, flow.title, flow.intro, flow.source):
            _text(text, "flow")
        for entry in _items(flow.lists, tuple, "lists"):
            if len(entry) != 2:
                raise _Misfit("lists: not (name, choices)")
            self.choices(entry[1], "list")
            self.defined.add(self.new_id(entry[0], "list"))
        if not _items(flow.sections, Section, "sections"):
            raise _Misfit("no sections")
        for section in flow.sections:
            self.section(section)
        if len(self.questions) > MAX_FLOW_QUESTIONS:
            raise _Misfit("too many questions")
        for section in flow.sections:
            if any(c.goto and c.goto not in self.questions for c in section.checks):
                raise _Misfit(f"section {section.id}: goto to no question")

    def section(self, section: Section) -> None:
        sid = self.new_id(section.id, "section")
        self.sections.add(sid)
        _text(section.title, sid, required=True)
        _text(section.intro, sid)
        for item in _items(section.items, (Question, Compute), sid):
            if isinstance(item, Compute):
                name = self.new_id(item.id, "compute")
                self.expr(item.expr, name, optional=False)
                self.defined.add(name)
            else:
                self.question(item, sid)
        for check in _items(section.checks, Check, sid):
            self.expr(check.when, f"{sid} check", optional=False)
            _text(check.message, f"{sid} check", required=True)
            _text(check.goto, f"{sid} check")

    def question(self, question: Question, section: str) -> None:
        qid = self.new_id(question.id, "question")
        kind = KINDS.get(question.kind) if isinstance(question.kind, str) else None
        if kind is None or question.section != section:
            raise _Misfit(f"{qid}: unknown kind or section")
        _text(question.text, qid, required=True)
        for text in (question.help, question.example, question.compose, question.unit):
            _text(text, qid)
        exprs = ("default", "when", "settle", "minimum", "maximum", "total", "active",
                 "confirms", "fields", "each")  # fmt: skip
        for name in exprs:
            self.expr(getattr(question, name), f"{qid}.{name}")
        choices = self.choices(question.choices, qid)
        rows = self.choices(question.rows, qid)
        flags = (question.other, question.other_each, question.required, question.review_only)
        if not all(isinstance(v, bool) for v in flags):
            raise _Misfit(f"{qid}: other/other_each/required/review_only not booleans")
        lacking = kind_problem(
            kind, choices=bool(choices), rows=bool(rows), compose=bool(question.compose),
            confirms=question.confirms is not None, fields=question.fields is not None,
            review_only=question.review_only,
        )  # fmt: skip
        if lacking:
            raise _Misfit(f"{qid}: {lacking}")
        self.defined.add(qid)
        self.questions.add(qid)
