"""The banner that opens each section: which section of how many, and how many questions
it asks. The count never promises what the interview may not keep: a question whose
being asked still depends on answers not given yet (it may be hidden, settled or filled
in by them, or brought in by them) is not counted, and the banner then says that more
may follow; once nothing is open it gives the exact number of questions still to ask.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..flow.engine import Engine
from ..flow.model import Compute, Question


def section_banner(engine: Engine, answers: Mapping[str, Any], section_id: str) -> str:
    """“第 3 部分，共 8 部分：…（本部分 N 个问题）”, “（本部分先问 N 个问题，其余视回答
    而定）” or, with answers already given in it, “（已答 M 个，本部分还有 N 个问题）”."""
    flow = engine.flow
    shown = engine.shown_through(answers, section_id)
    open_names = _open_names(engine, answers, shown, section_id)
    answered = engine.section_progress(answers, section_id).answered
    certain = maybe = 0
    for question in flow.section(section_id).questions:
        if question.id in answers:
            continue
        depends = bool(_inputs(question) & open_names)
        certain += question.id in shown and not depends
        maybe += depends
    head = f"第 {flow.section_number(section_id)} 部分，共 {len(flow.sections)} 部分："
    return f"{head}{flow.section(section_id).title}（{_count(answered, certain, maybe > 0)}）"


def _count(answered: int, certain: int, more: bool) -> str:
    if not answered:
        return (
            f"本部分先问 {certain} 个问题，其余视回答而定" if more else f"本部分 {certain} 个问题"
        )
    if more:
        return f"已答 {answered} 个，本部分还要先问 {certain} 个问题，其余视回答而定"
    if certain:
        return f"已答 {answered} 个，本部分还有 {certain} 个问题"
    return f"本部分 {answered} 个问题都已答过"


def _inputs(question: Question) -> frozenset[str]:
    """The names that decide whether and how a question is asked: its `when`, what
    settles it, and what a kind fills in by itself from (a split's total and categories,
    the fields or pairs asked)."""
    exprs = (question.when, question.settle, question.total, question.active,
             question.fields, question.each)  # fmt: skip
    return frozenset().union(*(e.names for e in exprs if e is not None))


def _open_names(
    engine: Engine, answers: Mapping[str, Any], shown: set[str], through: str
) -> set[str]:
    """Names whose value may still change with answers not given yet: the questions
    shown and not answered, and, in flow order, everything that reads one of them (a
    hidden question may be shown, a settled one asked, a computed value change). Only
    the sections up to `through` are looked at: a banner needs no more."""
    last = engine.flow.section_number(through)
    open_names: set[str] = set()
    for section in engine.flow.sections[:last]:
        for item in section.items:
            if isinstance(item, Compute):
                reads = item.expr.names
            elif item.id in shown and item.id not in answers:
                reads = frozenset({item.id})
            else:
                reads = _inputs(item)
            if reads & (open_names | {item.id}):
                open_names.add(item.id)
    return open_names
