"""Engine paths: what is asked, in which order, and what back/jump/changes do."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from report_interview.builder import build_report
from report_interview.checks import run_checks
from report_interview.engine import Engine, decode, encode
from report_interview.loader import load_flow, parse_flow

FLOW = parse_flow(
    """
name: t
title: T
sections:
  - id: one
    title: 一
    questions:
      - {id: n, kind: integer, text: 几件？}
      - {id: split, kind: breakdown, text: 怎么分？, total: n, when: n > 0, choices: [x, y]}
      - {id: why, kind: text, text: 为什么？, when: n > 10}
  - id: two
    title: 二
    questions:
      - {id: fee, kind: decimal, text: 多少？, max: "100"}
      - {id: kind, kind: choice, text: 哪类？, choices: [a, b], default: "'b'"}
    checks:
      - {when: "fee > 50 and kind == 'a'", message: 太贵, goto: fee}
""",
    "t.yaml",
)


def engine() -> Engine:
    return Engine(FLOW, this_year=2024)


def ids(questions: Any) -> list[str]:
    return [q.id for q in questions]


@pytest.mark.parametrize(
    ("answers", "visible", "next_id"),
    [
        ({}, ["n", "fee", "kind"], "n"),
        ({"n": 0}, ["n", "fee", "kind"], "fee"),
        ({"n": 3}, ["n", "split", "fee", "kind"], "split"),
        ({"n": 30}, ["n", "split", "why", "fee", "kind"], "split"),
        ({"n": 3, "split": {"x": 1, "y": 2}, "fee": Decimal(1), "kind": "a"}, None, None),
    ],
    ids=["empty", "zero-skips-split", "some", "many-asks-why", "complete"],
)
def test_visible_and_next(
    answers: dict[str, Any], visible: list[str] | None, next_id: str | None
) -> None:
    e = engine()
    if visible is not None:
        assert ids(e.visible(answers)) == visible
    nxt = e.next_question(answers)
    assert (nxt.id if nxt else None) == next_id


def test_hidden_answers_are_kept_but_not_used_nor_validated() -> None:
    e = engine()
    answers = {"n": 0, "split": {"x": 9, "y": 9}, "why": "old"}
    walk = e.walk(answers)
    assert walk.names["split"] == {"x": 0, "y": 0}  # the empty value, not the stale one
    assert "split" not in walk.problems  # hidden: not validated
    assert e.default(FLOW.question("split"), answers) == {"x": 9, "y": 9}  # still offered


def test_changing_an_answer_reasks_only_what_it_invalidates() -> None:
    e = engine()
    answers = {"n": 3, "split": {"x": 1, "y": 2}, "fee": Decimal(1), "kind": "a"}
    answers["n"] = 4  # the split no longer adds up; fee and kind stay valid
    assert e.next_question(answers, after="n").id == "split"
    assert "split" in e.walk(answers).problems
    answers["split"] = {"x": 2, "y": 2}
    assert e.next_question(answers, after="split") is None


def test_back_keeps_later_answers_and_returns_to_the_frontier() -> None:
    e = engine()
    answers = {"n": 3, "split": {"x": 1, "y": 2}}
    assert e.previous_question(answers, "fee").id == "split"
    assert e.previous_question(answers, "split").id == "n"
    assert e.previous_question(answers, "n") is None
    # re-answering n with the same value goes straight back to where the clerk was
    assert e.next_question(answers, after="n").id == "fee"
    assert e.previous_question({**answers, "fee": Decimal(1), "kind": "b"}, None).id == "kind"


def test_jump_walks_the_section_then_returns_to_the_frontier() -> None:
    e = engine()
    answers = {"n": 0, "fee": Decimal(1), "kind": "a"}
    assert e.first_in_section(answers, "two").id == "fee"
    assert e.next_question(answers, after="fee", section="two").id == "kind"
    assert e.next_question(answers, after="kind", section="two") is None


def test_bounds_make_stored_answers_invalid() -> None:
    e = engine()
    assert e.walk({"fee": Decimal(101)}).problems == {"fee": "不能大于 100"}


def test_progress_by_section() -> None:
    progress = engine().progress({"n": 3})
    assert [(p.section, p.answered, p.total) for p in progress] == [("one", 1, 2), ("two", 0, 2)]


def test_defaults_and_section_checks() -> None:
    e = engine()
    assert e.default(FLOW.question("kind"), {}) == "b"
    failures = e.failed_checks({"n": 0, "fee": Decimal(60), "kind": "a"})
    assert [(f.section, f.message, f.goto) for f in failures] == [("two", "太贵", "fee")]


@pytest.mark.parametrize(
    ("qid", "typed", "stored"),
    [
        ("fee", Decimal("12.50"), "12.50"),
        ("n", 3, 3),
        ("split", {"x": 1, "y": 0}, {"x": 1, "y": 0}),
    ],
)
def test_encode_decode_round_trip(qid: str, typed: Any, stored: Any) -> None:
    q = FLOW.question(qid)
    assert encode(q, typed) == stored
    assert decode(q, stored) == typed


ZERO_TOWNSHIP: dict[str, Any] = {
    "org_name": "牛屯镇人民政府",
    "org_kind": "township",
    "org_self": "我镇",
    "report_year": 2023,
    "overview_proactive": "2023年，我镇主动公开各类信息166条。",
    "overview_management": "严格执行保密审查。",
    "overview_platforms": "依托微信公众号“厚重牛屯”发布信息。",
    "overview_oversight": "全年培训4次，未发生责任追究情况。",
    "documents_issued": 0,
    "documents_repealed": 0,
    "documents_in_force": 0,
    "licensing": 0,
    "penalty": 0,
    "enforcement": 0,
    "fees": Decimal(0),
    "apps_new": 0,
    "apps_carried": 0,
    "has_cases": False,
    "problems_text": "2024年，我镇将加强培训。",
    "other_matters": "本年度未收取信息处理费。",
}


def test_zero_applications_township_path() -> None:
    e = Engine(load_flow(), this_year=2024)
    visible = ids(e.visible(ZERO_TOWNSHIP))
    assert not {"regulations_issued", "regulations_repealed", "regulations_in_force"} & set(visible)
    assert e.next_question(ZERO_TOWNSHIP) is None
    assert len(visible) == len(ZERO_TOWNSHIP) <= 40
    report = build_report(e.names(ZERO_TOWNSHIP))
    assert report.title == "牛屯镇人民政府2023年政府信息公开工作年度报告"
    assert "未收到政府信息公开申请" in report.overview.on_request
    assert [f for f in run_checks(report) if f.level == "error"] == []
    assert run_checks(report) == []


def test_report_year_default_is_last_year() -> None:
    e = Engine(load_flow(), this_year=2024)
    assert e.default(load_flow().question("report_year"), {}) == 2023
