"""Engine paths: what is asked, in which order, and what back/jump/changes do."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from report_interview.cli.sources import make_engine
from report_interview.flow.engine import Engine, decode, encode
from report_interview.flow.fill import fill
from report_interview.flow.loader import load_flow, parse_flow
from report_interview.report.builder import build_report
from report_interview.report.checks import run_checks

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
    # Every question the reference body (牛屯镇, no applications, no cases) is asked,
    # typed; the paragraphs the program writes are not here (see township_answers).
    "org_name": "牛屯镇人民政府",
    "org_kind": "township",
    "org_self": "我镇",
    "report_year": 2023,
    "report_site": "滑县人民政府门户网站（www.hnhx.gov.cn）“政府信息公开”专栏",
    "contact_office": "牛屯镇党政办公室",
    "contact_address": "滑县牛屯镇人民路1号",
    "contact_phone": "0372-5123456",
    "proactive_channels": ["website", "newmedia", "board"],
    "website_name": "滑县人民政府门户网站“牛屯镇”信息公开专栏",
    "newmedia_names": "微信公众号“厚重牛屯”",
    "channel_counts": {
        "滑县人民政府门户网站“牛屯镇”信息公开专栏（条）": 120,
        "微信公众号“厚重牛屯”（条）": 202,
        "政务公开栏、村（居）务公开栏（期）": 23,
    },
    "proactive_total": 166,
    "key_areas": ["budget", "rural", "relief"],
    "key_area_counts": {"财政预决算（条）": 12, "乡村振兴（条）": 30, "社会救助（条）": None},
    "management_practices": ["secrecy", "attribute"],
    "platform_work": ["website_column", "newmedia_manage", "boards"],
    "oversight_counts": {"organised": 4, "attended": 0, "accountability": 0},
    "in_assessment": True,
    "assessment_result": "在县政府年度政务公开考核中获评良好等次",
    "public_review": False,
    "document_changes": {"issued": 0, "repealed": 0},
    "documents_in_force": 0,
    "decisions": {"licensing": 0, "penalty": 0, "enforcement": 0},
    "fees": Decimal(0),
    "apps_new": 0,
    "apps_carried": 0,
    "has_cases": False,
    "last_problems": ["政务公开的组织建设仍需改进", "依法主动公开意识有待增强"],
    "rectification": ["调整充实政务公开工作人员，明确党政办专人负责", "组织全体工作人员学习《条例》2次"],
    "problems_chosen": ["slow_updates", "thin_interpretation"],
    "problem_measures": ["建立栏目更新责任清单，明确专人、每周检查更新情况",
                         "对重要政策同步制作图解或短视频解读，提高解读的可读性"],
    "next_plans": ["standards", "training"],
    "info_fee_charged": False,
    "handles_proposals": False,
    "work_points": ["standards", "key_areas"],
    "other_notes": [],
}  # fmt: skip


def township_answers(e: Engine) -> dict[str, Any]:
    """ZERO_TOWNSHIP as --no-input completes it (the optional answers it leaves out
    empty; the paragraphs are the program's, settled)."""
    return {**ZERO_TOWNSHIP, **fill(e, ZERO_TOWNSHIP, {}, complete=True).accepted}


def test_zero_applications_township_path() -> None:
    e = make_engine(load_flow(), this_year=2024)
    answers = township_answers(e)
    visible = ids(e.visible(answers))
    assert not {"regulations_issued", "regulations_repealed", "regulations_in_force"} & set(visible)
    assert e.next_question(answers) is None
    assert set(visible) == set(answers) - {"other_notes"} | {"other_notes"}
    report = build_report(e.names(answers))
    assert report.title == "牛屯镇人民政府2023年政府信息公开工作年度报告"
    assert "未收到政府信息公开申请" in report.overview.on_request
    assert [f for f in run_checks(report) if f.level == "error"] == []


@pytest.mark.parametrize(("month", "offered"), [(1, 2023), (10, 2023), (11, 2024), (12, 2024)])
def test_report_year_offered_by_date(month: int, offered: int) -> None:
    """In November and December clerks prepare the current year's report."""
    e = Engine(load_flow(), this_year=2024, this_month=month)
    assert e.default(load_flow().question("report_year"), {}) == offered


# ---------------------------------------------------------------- settled questions


def test_the_name_settles_a_townships_kind_and_self_name() -> None:
    e = make_engine(load_flow(), this_year=2024)
    walk = e.walk({"org_name": "白道口镇人民政府"})
    assert {"org_kind", "org_self"} <= set(ids(walk.settled))
    assert (walk.names["org_kind"], walk.names["org_self"]) == ("township", "我镇")
    assert e.next_question({"org_name": "白道口镇人民政府"}).id == "report_year"
    said = [(q.id, v) for q, v in e.settled_by({"org_name": "城关街道办事处"}, "org_name")]
    assert said == [("org_kind", "township"), ("org_self", "我街道")]
    # a 局 may be a county's or a city's: asked; a name that does not tell: asked
    walk = e.walk({"org_name": "滑县教育局"})
    assert "org_kind" in ids(walk.visible) and walk.names["org_self"] == "我局"
    walk = e.walk({"org_name": "某某管理处", "org_kind": "other"})
    assert "org_self" in ids(walk.visible)
    assert e.default(load_flow().question("org_self"), {"org_name": "某某管理处"}) == "我单位"


def test_an_answer_given_for_a_settled_question_wins() -> None:
    """An answers file (or the review) may say otherwise; the settled value is offered."""
    e = make_engine(load_flow(), this_year=2024)
    answers = {"org_name": "牛屯镇人民政府", "org_self": "本镇"}
    walk = e.walk(answers)
    assert "org_self" in ids(walk.visible) and walk.names["org_self"] == "本镇"
    result = fill(e, {}, {"org_name": "牛屯镇人民政府", "org_self": "本镇"})
    assert result.accepted["org_self"] == "本镇"
    site = load_flow().question("report_site")
    assert e.default(site, {**ZERO_TOWNSHIP, "report_site": "x"}) == "x"
    without = {k: v for k, v in ZERO_TOWNSHIP.items() if k != "report_site"}
    assert e.default(site, without) == ZERO_TOWNSHIP["website_name"]


def test_the_report_site_is_the_website_column_unless_there_is_none() -> None:
    e = make_engine(load_flow(), this_year=2024)
    answers = {k: v for k, v in ZERO_TOWNSHIP.items() if k != "report_site"}
    walk = e.walk(answers)
    assert walk.names["report_site"] == ZERO_TOWNSHIP["website_name"]
    assert "report_site" in ids(walk.settled)
    no_site = {**answers, "proactive_channels": ["newmedia", "board"]}
    assert e.next_question(no_site).id == "report_site"  # asked: the website was the answer


def test_a_stored_paragraph_taken_as_written_follows_the_answers() -> None:
    """An interview of the old shape stored each paragraph as accepted; such a text
    follows the answers (the report writes it afresh); one the clerk edited is kept,
    never asked again, and flagged by the review once the answers it rests on change."""
    e = make_engine(load_flow(), this_year=2024)
    question = load_flow().question("overview_proactive")
    old = e.composed(question, e.names_before(ZERO_TOWNSHIP, question))
    stored = {**ZERO_TOWNSHIP, "overview_proactive": {"text": old, "from": old}}
    changed = {**stored, "proactive_total": 170}
    assert "overview_proactive" in ids(e.walk(changed).review_only)
    assert "170条" in build_report(e.names(changed)).overview.proactive
    assert e.next_question(changed) is None
    edited = {**changed, "overview_proactive": {"text": "自己写的。", "from": old}}
    assert e.next_question(edited) is None  # kept, not asked: the review flags it
    assert e.outdated(question, edited) == []
    assert build_report(e.names(edited)).overview.proactive == "自己写的。"


def test_an_interview_of_the_old_shape_resumes() -> None:
    """Stored before issue 17: 组织或参加 trainings in one count, last_report “listed”,
    the paragraphs accepted. It resumes; only the trainings are asked again."""
    e = make_engine(load_flow(), this_year=2024)
    stored = {**ZERO_TOWNSHIP, "oversight_counts": {"training": 4, "accountability": 0}}
    stored |= {"last_report": "listed"}
    stored |= {q.id: e.names(ZERO_TOWNSHIP)[q.id] for q in load_flow().questions if q.compose}
    typed = {qid: decode(load_flow().question(qid), encode(load_flow().question(qid), v))
             for qid, v in stored.items()}  # fmt: skip
    assert e.next_question(typed).id == "oversight_counts"
    typed["oversight_counts"] = {"organised": 4, "attended": 0, "accountability": 0}
    assert e.next_question(typed) is None


def test_an_answers_file_may_leave_out_what_the_answers_settle() -> None:
    e = make_engine(load_flow(), this_year=2024)
    settled = ("org_kind", "org_self", "report_site")
    provided = {k: v for k, v in ZERO_TOWNSHIP.items() if k not in settled}
    result = fill(e, {}, provided, complete=True)
    assert result.missing == [] and result.refused == {}
    names = e.names(result.accepted)
    assert (names["org_kind"], names["org_self"]) == ("township", "我镇")
    assert names["report_site"] == ZERO_TOWNSHIP["website_name"]
