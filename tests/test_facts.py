"""Written paragraphs and the facts they rest on (flow/facts.py, the paragraph kind, the
engine): a paragraph taken as written follows the answers, one edited by hand is kept
and flagged once its facts change, and the paragraphs edited only in the review (the
opening, （二）) are never asked, yet stored, filled from answers files and used."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from report_interview.cli.sources import make_engine
from report_interview.flow.engine import Engine, decode_all, encode
from report_interview.flow.facts import changed, fingerprint, written_with_facts
from report_interview.flow.fill import accept, fill
from report_interview.flow.loader import FlowError, load_flow, parse_flow
from report_interview.report.builder import build_report

from .test_engine import ZERO_TOWNSHIP, township_answers

FLOW = load_flow()


def engine() -> Engine:
    return make_engine(FLOW, this_year=2024)


def own(e: Engine, answers: dict[str, Any], question_id: str, text: str) -> dict[str, Any]:
    """The answers with one written paragraph given as the clerk's own text."""
    question = FLOW.question(question_id)
    value = accept(question, text, e, e.names_before(answers, question))
    return {**answers, question_id: value}


def test_facts_are_the_names_a_composer_read_and_tell_what_changed() -> None:
    def compose(names: Any) -> str:
        return f"{names['year']}年{names.get('who', '本机关')}"

    text, facts = written_with_facts(compose, {"year": 2023, "other": 1})
    assert text == "2023年本机关" and set(facts) == {"year", "who"}
    assert changed(facts, {"year": 2023, "other": 2}) == []
    assert changed(facts, {"year": 2024}) == ["year"]
    assert changed(facts, {"year": 2023, "who": "我镇"}) == ["who"]
    assert fingerprint({"a": Decimal("1.50"), "b": {2, 1}}) == fingerprint({"b": {1, 2},
                                                                           "a": Decimal("1.50")})  # fmt: skip


def test_a_paragraph_taken_as_written_follows_the_answers_without_being_asked() -> None:
    e = engine()
    answers = {**township_answers(e), "proactive_total": 170}
    assert e.next_question(answers) is None  # nothing to ask again
    assert e.outdated(FLOW.question("overview_proactive"), answers) is None
    report = build_report(e.names(answers))
    assert report.overview.proactive.startswith("2023年，我镇共主动公开政府信息170条")


def test_an_edited_paragraph_is_kept_and_says_which_answer_changed() -> None:
    e = engine()
    answers = own(e, township_answers(e), "overview_proactive", "我镇全年主动公开信息166条。")
    question = FLOW.question("overview_proactive")
    assert e.outdated(question, answers) is None
    answers = {**answers, "proactive_total": 170}
    assert e.next_question(answers) is None  # kept: not asked again
    assert [q.id for q in e.outdated(question, answers) or []] == ["proactive_total"]
    assert e.default(question, answers) == "我镇全年主动公开信息166条。"
    assert build_report(e.names(answers)).overview.proactive == "我镇全年主动公开信息166条。"
    # a computed value that changed is told by the question it is computed from
    counts = {"organised": 5, "attended": 0, "accountability": 0}
    answers = {**answers, "oversight_counts": counts}
    answers = own(e, answers, "overview_oversight", "我镇全年组织培训5次。")
    answers = {**answers, "oversight_counts": {**counts, "organised": 6}}
    outdated = e.outdated(FLOW.question("overview_oversight"), answers)
    assert [q.id for q in outdated or []] == ["oversight_counts"]


def test_an_older_edited_paragraph_without_facts_is_flagged_when_its_text_would_differ() -> None:
    e = engine()
    answers = township_answers(e)
    question = FLOW.question("overview_proactive")
    written = e.composed(question, e.names_before(answers, question))
    answers = {**answers, "overview_proactive": {"text": "手写的一段。", "from": written,
                                                 "facts": {}}}  # fmt: skip
    assert e.outdated(question, answers) is None
    assert e.outdated(question, {**answers, "proactive_total": 170}) == []


def test_the_written_paragraphs_are_stored_answers_never_asked() -> None:
    e = engine()
    answers = township_answers(e)
    walk = e.walk(answers)
    review_only = [q.id for q in walk.review_only]
    assert review_only == [q.id for q in FLOW.questions if q.compose]
    assert review_only[:2] == ["preamble_text", "overview_proactive"]
    assert "overview_on_request" in review_only
    assert not set(review_only) & {q.id for q in walk.visible}
    assert e.next_question(answers) is None and e.is_complete(answers)
    progress = e.progress(answers)
    assert sum(p.total for p in progress) == len(walk.visible)
    answers = own(e, answers, "preamble_text", "手写的开头。")
    assert build_report(e.names(answers)).preamble == "手写的开头。"
    stored = {qid: encode(FLOW.question(qid), value) for qid, value in answers.items()}
    assert decode_all(FLOW, stored)["preamble_text"]["text"] == "手写的开头。"


def test_an_answers_file_may_give_the_opening_and_no_input_takes_the_written_text() -> None:
    e = engine()
    result = fill(e, {}, {**ZERO_TOWNSHIP, "preamble_text": "答案文件里的开头。"}, complete=True)
    assert not result.missing and not result.refused
    assert result.accepted["preamble_text"]["text"] == "答案文件里的开头。"
    assert "overview_on_request" not in result.accepted  # written by the report itself
    report = build_report(e.names(result.accepted))
    assert report.preamble == "答案文件里的开头。"
    assert report.overview.on_request.startswith("2023年，我镇未收到政府信息公开申请。")


@pytest.mark.parametrize(
    "stored",
    [
        {"text": "一段", "from": "一段", "facts": ["a"]},
        {"text": "一段", "from": "一段", "facts": {"a": 1}},
        {"text": 1, "from": "一段"},
    ],
    ids=["facts-a-list", "fact-not-text", "text-not-text"],
)
def test_a_paragraph_that_does_not_fit_is_not_decoded(stored: Any) -> None:
    assert decode_all(FLOW, {"preamble_text": stored}) == {}


def test_review_only_needs_a_composer() -> None:
    yaml = """
name: t
title: T
sections:
  - id: s
    title: 一
    questions:
      - {id: p, kind: paragraph, text: 段落, review_only: true}
"""
    with pytest.raises(FlowError, match="review_only 的段落需要 compose"):
        parse_flow(yaml, "t.yaml")


def test_questions_behind_resolve_computed_values() -> None:
    e = engine()
    behind = e.questions_behind(["licensing", "documents_issued", "apps_in_hand", "previous"])
    assert [q.id for q in behind] == ["document_changes", "decisions", "apps_new", "apps_carried"]
