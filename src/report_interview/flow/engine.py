"""The interview's logic, pure (no I/O): which questions are visible given the answers
so far, which to ask next, going back, jumping to a section, progress, section checks.

Answers are typed values keyed by question id (int, Decimal, bool, str, list, dict).
A question hidden by its `when` keeps its stored answer, but expressions see the
kind's empty value instead (0, "", [], …): "no applications" makes the matrix zeros.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from . import expr
from .kinds import kind_of
from .model import Compute, Flow, Question

Answers = Mapping[str, Any]
# A domain check of one answer: its value and the names so far → a Chinese problem or None.
Validator = Callable[[Any, Mapping[str, Any]], "str | None"]
# Writes a paragraph from the names so far (narrative sections).
Composer = Callable[[Mapping[str, Any]], str]


def empty_value(question: Question) -> Any:
    """The value expressions see for a hidden or unanswered question."""
    return kind_of(question).empty(question)


def encode(question: Question, value: Any) -> Any:
    """A typed answer → the JSON value the store keeps (Decimal as text)."""
    return kind_of(question).encode(question, value)


def decode(question: Question, value: Any) -> Any:
    """A stored JSON value → the typed answer; None when it no longer fits the kind."""
    return kind_of(question).decode(question, value)


def decode_all(flow: Flow, stored: Mapping[str, Any]) -> dict[str, Any]:
    """Typed answers for the questions the flow knows; stale or foreign entries dropped."""
    typed: dict[str, Any] = {}
    known = {q.id: q for q in flow.questions}
    for qid, value in stored.items():
        if qid in known and (decoded := decode(known[qid], value)) is not None:
            typed[qid] = decoded
    return typed


def _texts(value: Any) -> list[str]:
    """An expression's list of names, without blanks or repeats, in order."""
    items = value if isinstance(value, list | tuple) else [value] if value else []
    return list(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


# ---------------------------------------------------------------- walking the flow


@dataclass(frozen=True)
class Walk:
    """The flow seen through one set of answers."""

    visible: tuple[Question, ...]
    names: Mapping[str, Any]  # what expressions see: answers, empties, computed values
    problems: Mapping[str, str]  # visible question id → why its stored answer is not valid
    review_only: tuple[Question, ...] = ()  # written paragraphs edited only in the review
    # Questions not asked because earlier answers settle them (their value is in names);
    # an answer given for one (answers file, review) makes it visible.
    settled: tuple[Question, ...] = ()


@dataclass(frozen=True)
class SectionProgress:
    section: str
    title: str
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        return self.answered == self.total


@dataclass(frozen=True)
class CheckFailure:
    section: str
    message: str
    goto: str


SHOWN, AUTO, SETTLED, HIDDEN, REVIEW = "shown", "auto", "settled", "hidden", "review"


class Engine:
    """Stateless over answers: every method takes the answers so far."""

    def __init__(
        self,
        flow: Flow,
        *,
        this_year: int,
        this_month: int = 1,
        previous: Mapping[str, Any] | None = None,
        validators: Mapping[str, Validator] | None = None,
        composers: Mapping[str, Composer] | None = None,
    ) -> None:
        self.flow = flow
        self.this_year = this_year  # injected, so the engine never reads the clock
        self.this_month = this_month
        self.previous = dict(previous or {})
        # Checks a flow cannot express, by question id (the section 三 matrix's rules).
        self.validators = dict(validators or {})
        # Writers of generated paragraphs, by the name a question's `compose` gives.
        self.composers = dict(composers or {})
        self.builtins: dict[str, Any] = {name: list(items) for name, items in flow.lists}
        self.computes = {
            item.id: item for s in flow.sections for item in s.items if isinstance(item, Compute)
        }

    def _visit(
        self, answers: Answers, names: dict[str, Any] | None = None
    ) -> Iterator[tuple[Question, str, str | None]]:
        """Each question in flow order with its state (SHOWN, AUTO, SETTLED, HIDDEN or
        REVIEW) and what is wrong with its stored answer. Fills `names` as it goes; lazy,
        so that finding the first question stops early. An AUTO question's answer follows
        from earlier ones (a split with one possible category) and is filled in, not
        asked; a SETTLED one too, unless an answer was given for it (which then wins); a
        REVIEW one (review_only: a written paragraph) is never asked, its answer, if any,
        is used."""
        names = {} if names is None else names
        names.update(
            self.builtins,
            previous=self.previous,
            this_year=self.this_year,
            this_month=self.this_month,
        )
        unanswered: set[str] = set()  # questions whose names hold only their empty value
        for section in self.flow.sections:
            for item in section.items:
                if isinstance(item, Compute):
                    names[item.id] = expr.evaluate(item.expr, names)
                    continue
                if item.when is not None and not expr.evaluate(item.when, names):
                    yield item, HIDDEN, None
                    names[item.id] = empty_value(item)
                    unanswered.add(item.id)
                    continue
                auto = None if item.review_only else self.auto_value(item, names)
                if auto is not None:
                    yield item, AUTO, None
                    names[item.id] = auto
                    continue
                value = answers.get(item.id)
                kind = kind_of(item)
                if item.settle is not None and item.id not in answers:
                    # nothing settles a question before an answer it rests on is given
                    # (and its expression, jinja2 and all, need not run at the start)
                    reads = item.settle.names
                    given = not reads or not reads <= unanswered
                    settled = self.settled_value(item, names) if given else None
                    if settled is not None:
                        yield item, SETTLED, None
                        names[item.id] = kind.exposed(item, settled)
                        continue
                problem = self.problem(item, value, names) if item.id in answers else None
                yield item, REVIEW if item.review_only else SHOWN, problem
                usable = item.id in answers and problem is None
                names[item.id] = kind.exposed(item, value) if usable else empty_value(item)
                if not usable:
                    unanswered.add(item.id)

    def walk(self, answers: Answers) -> Walk:
        names: dict[str, Any] = {}
        visible: list[Question] = []
        review_only: list[Question] = []
        settled: list[Question] = []
        problems: dict[str, str] = {}
        for question, state, problem in self._visit(answers, names):
            if state == SHOWN:
                visible.append(question)
            elif state == REVIEW:
                review_only.append(question)
            elif state == SETTLED:
                settled.append(question)
            if problem:
                problems[question.id] = problem
        return Walk(tuple(visible), names, problems, tuple(review_only), tuple(settled))

    def visible(self, answers: Answers) -> tuple[Question, ...]:
        return self.walk(answers).visible

    def names(self, answers: Answers) -> Mapping[str, Any]:
        return self.walk(answers).names

    def names_before(self, answers: Answers, question: Question) -> Mapping[str, Any]:
        """What the expressions of `question` (its text, default, bounds, total) can
        see: they read only earlier names, so the rest of the flow is not evaluated."""
        names: dict[str, Any] = {}
        for visited, _, _ in self._visit(answers, names):
            if visited.id == question.id:
                break
        return names

    def label(self, question: Question, answers: Answers) -> str:
        """A question's first line as the clerk is asked it, its placeholders filled
        from the answers before it (never the flow's raw template)."""
        text = expr.render_text(question.text, self.names_before(answers, question))
        return (text.splitlines() or [""])[0]

    # ------------------------------------------------------------ validity

    def bounds(self, question: Question, names: Mapping[str, Any]) -> tuple[Any, Any]:
        low = expr.evaluate(question.minimum, names) if question.minimum else None
        high = expr.evaluate(question.maximum, names) if question.maximum else None
        return low, high

    def total(self, question: Question, names: Mapping[str, Any]) -> int | None:
        return int(expr.evaluate(question.total, names)) if question.total else None

    def problem(self, question: Question, value: Any, names: Mapping[str, Any]) -> str | None:
        """Why a stored answer no longer fits (Chinese), or None when it is fine."""
        return kind_of(question).problem(question, value, self, names)

    def composed(self, question: Question, names: Mapping[str, Any]) -> str:
        """The paragraph the program writes for `question` from the answers so far."""
        composer = self.composers.get(question.compose)
        return composer(names) if composer else ""

    def written(self, question: Question, names: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
        """The paragraph the program writes for `question`, and the facts it rests on
        (flow/facts.py): kept with the clerk's text to tell later what changed."""
        from .facts import written_with_facts

        composer = self.composers.get(question.compose)
        return written_with_facts(composer, names) if composer else ("", {})

    def outdated(self, question: Question, answers: Answers) -> list[Question] | None:
        """A written paragraph the clerk edited by hand and a later answer overtook: the
        questions whose answers changed ([] when they cannot be told); None when the
        paragraph is not edited or still rests on the same answers."""
        if question.id not in answers:
            return None
        names = self.names_before(answers, question)
        changed = kind_of(question).outdated(question, answers[question.id], self, names)
        return None if changed is None else self.questions_behind(changed)

    def questions_behind(self, names: Iterable[str]) -> list[Question]:
        """The questions that give these names their values, in flow order: a question
        itself, a computed value through the names its expression reads."""
        found: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in found:
                continue
            found.add(name)
            if name in self.computes:
                todo += self.computes[name].expr.names
        return [q for q in self.flow.questions if q.id in found]

    def confirmed_value(self, question: Question, names: Mapping[str, Any]) -> Any:
        """What a `confirm` question confirms now; its answer stores it (JSON-like), so
        the confirmation goes stale, and is asked again, when the value changes."""
        assert question.confirms is not None
        value = expr.evaluate(question.confirms, names)
        return dict(value) if isinstance(value, Mapping) else value

    def validate(self, question: Question, value: Any, names: Mapping[str, Any]) -> str | None:
        """The check a flow cannot express, for the questions that have one (the section
        三 matrix's rules)."""
        validator = self.validators.get(question.id)
        return validator(value, names) if validator else None

    def fields(self, question: Question, names: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(key, label) of each number a `counts` question asks: its choices, or the
        names its `fields` expression gives (the channels and accounts the clerk named,
        each its own key)."""
        if question.fields is None:
            return [(c.value, c.label) for c in question.choices]
        return [(name, name) for name in _texts(expr.evaluate(question.fields, names))]

    def each(self, question: Question, names: Mapping[str, Any]) -> list[str]:
        """The entries a paired `list` question asks one item for (last year's problems
        for their rectification); [] for a free list."""
        return _texts(expr.evaluate(question.each, names)) if question.each else []

    def active(self, question: Question, names: Mapping[str, Any]) -> list[str]:
        """The categories of a breakdown that may hold a number (all, unless `active`)."""
        if question.active is None:
            return [c.value for c in question.choices]
        chosen = set(expr.evaluate(question.active, names))
        return [c.value for c in question.choices if c.value in chosen]

    def settled_value(self, question: Question, names: Mapping[str, Any]) -> Any:
        """The answer earlier answers settle (the question's `settle`), or None when the
        clerk must be asked."""
        if question.settle is None:
            return None
        value = expr.evaluate(question.settle, names)
        if value is None or value == "":
            return None
        return value if self.problem(question, value, names) is None else None

    def settled_by(self, answers: Answers, question_id: str) -> list[tuple[Question, Any]]:
        """The questions (with their answers) that the answer to `question_id` settles
        through their `settle` expressions, so that the clerk can be told."""
        reading = [q.id for q in self.flow.questions if q.settle and question_id in q.settle.names]
        if not reading:
            return []  # most answers settle nothing: no walk
        walk = self.walk(answers)
        return [(q, walk.names[q.id]) for q in walk.settled if q.id in reading]

    def auto_value(self, question: Question, names: Mapping[str, Any]) -> Any:
        """The answer of a question the earlier answers leave no choice about (a split
        with one possible category); None when the clerk must be asked."""
        return kind_of(question).auto(question, self, names)

    def is_done(self, walk: Walk, question: Question, answers: Answers) -> bool:
        return question.id in answers and question.id not in walk.problems

    # ------------------------------------------------------------ navigation

    def next_question(
        self, answers: Answers, after: str | None = None, *, section: str | None = None
    ) -> Question | None:
        """The question to ask next.

        Normally the first visible question from `after` on (wrapping to the start) that
        has no valid answer, so changing an answer re-asks only what it invalidated. With
        `section` (the clerk jumped there), walk that section question by question first.
        """
        if after is None and section is None:
            for question, state, problem in self._visit(answers):
                if state == SHOWN and (question.id not in answers or problem):
                    return question
            return None
        walk = self.walk(answers)
        order = list(walk.visible)
        start = self._index_after(order, after)
        if section is not None:
            for q in order[start:]:
                if q.section == section:
                    return q
        for q in order[start:] + order[:start]:
            if not self.is_done(walk, q, answers):
                return q
        return None

    def _index_after(self, order: list[Question], after: str | None) -> int:
        if after is None:
            return 0
        ids = [q.id for q in order]
        if after in ids:
            return ids.index(after) + 1
        # `after` became hidden: continue from where it stands in the flow.
        flow_ids = [q.id for q in self.flow.questions]
        position = flow_ids.index(after) if after in flow_ids else -1
        return sum(1 for q in order if flow_ids.index(q.id) <= position)

    def previous_question(self, answers: Answers, current: str | None) -> Question | None:
        """One step back from `current` (or from the end when the interview is done)."""
        order = list(self.visible(answers))
        ids = [q.id for q in order]
        if current is None or current not in ids:
            return order[-1] if order else None
        index = ids.index(current)
        return order[index - 1] if index > 0 else None

    def _composed_default(self, question: Question, answers: Answers) -> str | None:
        """A written paragraph: the clerk's own text when they edited it (kept, even if
        later answers changed: the review flags it), else the program's written afresh."""
        if question.id in answers:
            own = kind_of(question).exposed(question, answers[question.id])
            if own:
                return str(own)
        return self.composed(question, self.names_before(answers, question)) or None

    def first_visible_from(self, answers: Answers, question_id: str) -> Question | None:
        """`question_id` if it is visible, else the next visible question after it."""
        flow_ids = [q.id for q in self.flow.questions]
        start = flow_ids.index(question_id)
        for q in self.visible(answers):
            if flow_ids.index(q.id) >= start:
                return q
        return None

    def first_in_section(self, answers: Answers, section_id: str) -> Question | None:
        for q in self.visible(answers):
            if q.section == section_id:
                return q
        return None

    def default(self, question: Question, answers: Answers) -> Any:
        """What to offer: the stored answer (even a hidden one), else the flow's default.
        A confirmation is always asked afresh: its old answer was about other numbers."""
        if question.compose:
            return self._composed_default(question, answers)
        if question.id in answers and kind_of(question).offers_stored:
            return answers[question.id]
        names = self.names_before(answers, question)
        if question.default is None:
            return self.settled_value(question, names) if question.settle else None
        return expr.evaluate(question.default, names)

    # ------------------------------------------------------------ progress and checks

    def shown_through(self, answers: Answers, section_id: str) -> set[str]:
        """Ids of the questions shown from the start to the end of a section, evaluating
        the flow no further (a section's banner needs no more at the first question)."""
        last = self.flow.section_number(section_id)
        shown: set[str] = set()
        for question, state, _ in self._visit(answers):
            if self.flow.section_number(question.section) > last:
                break
            if state == SHOWN:
                shown.add(question.id)
        return shown

    def section_progress(self, answers: Answers, section_id: str) -> SectionProgress:
        """Progress of one section, evaluating the flow only up to its end."""
        answered = total = 0
        for question, state, problem in self._visit(answers):
            if question.section == section_id and state == SHOWN:
                total += 1
                answered += question.id in answers and problem is None
            elif total and question.section != section_id:
                break
        return SectionProgress(section_id, self.flow.section(section_id).title, answered, total)

    def progress(self, answers: Answers) -> list[SectionProgress]:
        walk = self.walk(answers)
        result = []
        for section in self.flow.sections:
            shown = [q for q in walk.visible if q.section == section.id]
            done = sum(self.is_done(walk, q, answers) for q in shown)
            result.append(SectionProgress(section.id, section.title, done, len(shown)))
        return result

    def is_complete(self, answers: Answers) -> bool:
        return self.next_question(answers) is None

    def failed_checks(self, answers: Answers) -> list[CheckFailure]:
        names = self.names(answers)
        return [
            CheckFailure(section.id, check.message, check.goto)
            for section in self.flow.sections
            for check in section.checks
            if bool(expr.evaluate(check.when, names))
        ]
