"""Where in the flow an expression that failed at run time is written: the ids of the
questions, computed values and checks that use it, for a message a maintainer can act on."""

from __future__ import annotations

from .model import Compute, Flow, Question

_QUESTION_EXPRS = ("when", "default", "minimum", "maximum", "total", "active", "confirms")


def _question_uses(question: Question, source: str) -> bool:
    """Whether the question's text or one of its expressions is `source`."""
    if question.text == source:
        return True
    return any(
        (expr := getattr(question, name)) is not None and expr.source == source
        for name in _QUESTION_EXPRS
    )


def expression_owners(flow: Flow, source: str) -> list[str]:
    """Ids (in flow order) of the items whose expressions or text are `source`."""
    owners: list[str] = []
    for section in flow.sections:
        for item in section.items:
            if (isinstance(item, Compute) and item.expr.source == source) or (
                isinstance(item, Question) and _question_uses(item, source)
            ):
                owners.append(item.id)
        if any(check.when.source == source for check in section.checks):
            owners.append(f"{section.id} 的检查")
    return owners
