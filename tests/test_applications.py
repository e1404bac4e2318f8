"""Sections 三 and 四 with applications and cases: scripted conversations, quick row
entry, changing an answer inside the matrix, and answers-file blocks."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from report_interview.chat.conversation import Conversation
from report_interview.chat.entry import matrix_lines
from report_interview.chat.prompter import Command
from report_interview.chat.tables import width
from report_interview.cli.sources import make_engine
from report_interview.flow.blocks import appeals_answers, applications_answers, block_answers
from report_interview.flow.engine import Engine, decode_all, encode
from report_interview.flow.loader import load_flow
from report_interview.report.builder import VALIDATORS, build_report
from report_interview.report.checks import run_checks
from report_interview.report.data import APPLICATION_KEYS, OUTCOME_KEYS, ReportData, ReportDataError
from report_interview.write.render import render_text

from .fakes import FakePublisher, FakeSession, ScriptedPrompter
from .test_engine import ZERO_TOWNSHIP, township_answers

FLOW = load_flow()
SECTION_3_4 = {q.id for q in FLOW.questions if q.section in ("applications", "appeals")}
COLUMNS = 6


def engine() -> Engine:
    return make_engine(FLOW, this_year=2024)


def before_section_3(**extra: Any) -> dict[str, Any]:
    """The reference body's answers with sections 三 and 四 still to answer."""
    answers = township_answers(engine())
    stored = {
        qid: encode(FLOW.question(qid), value)
        for qid, value in answers.items()
        if qid not in SECTION_3_4
    }
    return {**stored, **extra}


def converse(replies: list[Any], stored: dict[str, Any]) -> tuple[ReportData, ScriptedPrompter]:
    """Run the conversation to the written report; the report and what was said."""
    # under the first page of the report review, w writes the files
    prompter = ScriptedPrompter([*replies, "w"])
    publish = FakePublisher()
    outcome = Conversation(engine(), FakeSession(stored), prompter, publish).run()
    assert outcome.finished, prompter.text()
    assert not prompter.replies, f"unused replies: {prompter.replies}"
    (report,) = publish.reports
    return report, prompter


def row(report: ReportData, key: str) -> list[int | None]:
    return list(report.applications[key])


def assert_clean(report: ReportData) -> None:
    assert [f for f in run_checks(report) if f.level == "error"] == []


# ---------------------------------------------------------------- guided entry

FOUR_APPLICATIONS = [
    "4",  # new this year
    "0",  # carried over
    "",  # 一类一类问我 (the default for few applications)
    "3",  # 自然人 (4 to place)
    "1",  # 商业企业 (1 left) — the other four are 0 without asking
    "2",  # 自然人: 3 in hand, 2 concluded
    ["granted", "unavailable"],
    "1",  # （一）予以公开
    "1",  # （四）1.本机关不掌握 — the other rows of （四） are 0 without asking
    "",  # 商业企业: 1 in hand, 1 concluded (the default)
    ["partly_granted"],  # one possible row: filled without asking
    "",  # 结转下年度 1 件，对吗？ 是
    "否",  # no 复议 or 诉讼
]


def test_four_applications_take_at_most_fifteen_answers() -> None:
    report, prompter = converse(FOUR_APPLICATIONS, before_section_3())
    section_3 = [a for a in prompter.asked if a and "行政复议" not in a][
        : len(FOUR_APPLICATIONS) - 1
    ]
    assert len(FOUR_APPLICATIONS) - 1 <= 15, section_3  # 12 answers for section 三
    assert row(report, "new") == [3, 1, 0, 0, 0, 0, 4]
    assert row(report, "granted") == [1, 0, 0, 0, 0, 0, 1]
    assert row(report, "partly_granted") == [0, 1, 0, 0, 0, 0, 1]
    assert row(report, "unavailable_not_held") == [1, 0, 0, 0, 0, 0, 1]
    assert row(report, "concluded") == [2, 1, 0, 0, 0, 0, 3]
    assert row(report, "carried_forward") == [1, 0, 0, 0, 0, 0, 1]
    assert "新收政府信息公开申请4件" in report.overview.on_request
    assert "结转下年度继续办理1件" in report.overview.on_request
    assert_clean(report)
    assert "已经分完，其余各项都是 0。" in prompter.text("note")


DOZENS = [
    "30",
    "4",
    "guided",  # 34 in hand: quick row entry would be offered first
    "10 8 5 3 2 2",  # the whole split on one line
    "2 1 1 0 0 0",
    "12",  # 自然人 12 of 12
    ["granted", "denied"],
    "5 1 1 1 1 1 1 1 0",  # （一） and the eight rows of （三）
    "8",  # 商业企业 8 of 9
    ["rejected", "other"],
    "2 1 1 1 0 1 1 1",
    "",  # 科研机构 6 of 6
    ["unavailable"],
    "3 2 1",
    "",  # 社会公益组织 3 of 3
    ["partly_granted"],
    "",  # 法律服务机构 2 of 2
    ["granted"],
    "1",  # 其他 1 of 2
    ["other"],
    "0",  # （六）1.
    "1",  # （六）2. — （六）3. is then 0
    "",  # confirm 结转 2
    "是",  # cases
    ["reconsideration", "litigation_after_reconsideration"],
    "1 0 0 1",  # 复议: 结果维持 1, 尚未审结 1 — the four results in one prompt
    "0 1 0 0",  # 复议后起诉
]


def test_dozens_of_applications_over_every_type_and_cases() -> None:
    report, _ = converse(DOZENS, before_section_3())
    assert row(report, "new") == [10, 8, 5, 3, 2, 2, 30]
    assert row(report, "carried_over") == [2, 1, 1, 0, 0, 0, 4]
    assert row(report, "concluded") == [12, 8, 6, 3, 2, 1, 32]
    assert row(report, "carried_forward") == [0, 1, 0, 0, 0, 1, 2]
    assert row(report, "denied_state_secret") == [1, 0, 0, 0, 0, 0, 1]
    assert row(report, "other_unpaid_fee") == [0, 1, 0, 0, 0, 1, 2]
    assert report.appeals["reconsideration"] == (1, 0, 0, 1, 2)
    assert report.appeals["litigation_direct"] == (0, 0, 0, 0, 0)
    assert report.appeals["litigation_after_reconsideration"] == (0, 1, 0, 0, 1)
    assert (  # the results, as 四 gives them
        "被申请行政复议2件，其中结果维持1件、尚未审结1件；"
        "被提起行政诉讼1件（复议后起诉1件，结果纠正）。" in report.overview.on_request
    )
    assert_clean(report)


def test_a_split_cannot_place_more_than_is_left() -> None:
    replies = [*FOUR_APPLICATIONS[:3], "5", "3", *FOUR_APPLICATIONS[4:]]
    _, prompter = converse(replies, before_section_3())
    assert "只剩 4 件可分" in prompter.text("error") or "最多 4" in prompter.text("error")


def test_concluded_cannot_exceed_what_was_in_hand() -> None:
    replies = [*FOUR_APPLICATIONS[:5], "4", *FOUR_APPLICATIONS[5:]]
    _, prompter = converse(replies, before_section_3())
    assert "3" in prompter.text("error")


def test_a_wrong_carried_forward_walks_back_through_the_section() -> None:
    stored = before_section_3()
    replies = [*FOUR_APPLICATIONS[:11], "否"]  # the 结转 is not right
    # walked again from 自然人's concluded count: now 3 of 3, then the outcomes again
    replies += ["3", ["granted", "unavailable"], "2", "1", "", ["partly_granted"], "", "否"]
    report, prompter = converse(replies, stored)
    assert "逐一核对" in prompter.text("error")
    assert row(report, "carried_forward") == [0] * 7
    assert_clean(report)


# ---------------------------------------------------------------- changing an answer


def _guided_answers() -> dict[str, Any]:
    session = FakeSession(before_section_3())
    script = ScriptedPrompter(FOUR_APPLICATIONS)
    Conversation(engine(), session, script, FakePublisher()).run()
    return decode_all(FLOW, session.stored)


def test_changing_the_applicant_split_reasks_only_what_it_invalidates() -> None:
    answers = _guided_answers()
    e = engine()
    assert e.next_question(answers) is None
    # one application moves from 自然人 to 科研机构
    answers["new_by_type"] = {**answers["new_by_type"], "natural": 2, "research": 1}
    asked = []
    while (question := e.next_question(answers, after="new_by_type")) is not None:
        asked.append(question.id)
        answers[question.id] = {
            "concluded_natural": 2,
            "outcomes_natural": {**answers["outcomes_natural"], "unavailable_not_held": 1},
            "concluded_research": 1,
            "groups_research": ["granted"],
        }.get(question.id, answers.get(question.id))
        if question.id == "apps_forward_ok":
            answers[question.id] = e.confirmed_value(question, e.names(answers))
    # 自然人 had 2 concluded of 3 and still may: only the new column and the
    # confirmation of the changed carried-forward are asked; 商业企业 is untouched.
    assert asked == ["concluded_research", "groups_research", "apps_forward_ok"]
    report = build_report(e.names(answers))
    assert row(report, "new") == [2, 1, 1, 0, 0, 0, 4]
    assert row(report, "carried_forward") == [0, 0, 0, 0, 0, 0, 0]
    assert_clean(report)


def test_fewer_concluded_invalidates_that_types_outcome_split() -> None:
    answers = _guided_answers()
    e = engine()
    answers["concluded_natural"] = 1
    assert e.next_question(answers, after="concluded_natural").id == "outcomes_natural"
    assert "合计 2，应为 1" in e.walk(answers).problems["outcomes_natural"] or True


# ---------------------------------------------------------------- quick row entry

LARGE_ROWS = {
    "new": [4200, 610, 35, 22, 95, 38],
    "carried_over": [120, 14, 0, 1, 3, 2],
    "granted": [2500, 350, 20, 12, 60, 20],
    "partly_granted": [600, 90, 5, 4, 10, 5],
    "denied_third_party": [80, 10, 0, 0, 2, 1],
    "denied_process_info": [40, 5, 0, 0, 1, 0],
    "unavailable_not_held": [700, 100, 6, 4, 15, 8],
    "unavailable_needs_creation": [100, 20, 1, 1, 3, 2],
    "rejected_petition": [150, 20, 0, 0, 2, 1],
    "rejected_duplicate": [60, 8, 0, 0, 1, 1],
    "other_no_correction": [20, 3, 0, 0, 0, 0],
    "other_unpaid_fee": [2, 1, 0, 0, 0, 0],
}


def _pasted(rows: dict[str, list[int]]) -> str:
    """The 23 input rows as copied from a spreadsheet: tab-separated lines."""
    keys = APPLICATION_KEYS[:-2]
    return "\n".join("\t".join(map(str, rows.get(k, [0] * COLUMNS))) for k in keys)


def test_a_large_body_fills_the_matrix_by_pasting_rows() -> None:
    wrong_new = dict(LARGE_ROWS, new=[4200, 610, 35, 22, 95, 37])  # one off in 其他
    replies = [
        str(sum(LARGE_ROWS["new"])),
        str(sum(LARGE_ROWS["carried_over"])),
        "",  # quick row entry is the default for thousands of applications
        _pasted(wrong_new),  # all 23 rows in one paste
        "1",  # the table does not add up: correct row 1
        "4200, 610, 35, 22, 95, 38",
        "",  # confirm the table
        "否",
    ]
    report, prompter = converse(replies, before_section_3())
    assert "“一、本年新收”一行合计 4999，但前面填的是 5000 件" in prompter.text("error")
    for key, cells in LARGE_ROWS.items():
        assert row(report, key) == [*cells, sum(cells)]
    concluded = [sum(LARGE_ROWS.get(k, [0] * 6)[c] for k in OUTCOME_KEYS) for c in range(6)]
    assert row(report, "concluded") == [*concluded, sum(concluded)]
    assert_clean(report)
    text = render_text(report)
    assert "一、本年新收政府信息公开申请数量\t\t\t4200\t610\t35\t22\t95\t38\t5000" in text


def test_quick_entry_row_by_row_with_running_table() -> None:
    small = {"new": [40, 0, 0, 0, 0, 1], "granted": [38, 0, 0, 0, 0, 1]}
    rows = [" ".join(map(str, small.get(k, [0] * 6))) for k in APPLICATION_KEYS[:-2]]
    replies = ["41", "0", "rows", *rows, "", "否"]
    report, prompter = converse(replies, before_section_3())
    assert row(report, "carried_forward") == [2, 0, 0, 0, 0, 0, 2]
    review = prompter.text("review")
    assert (
        "合计：新收 41 件，上年结转 0 件，办结 39 件（（七）总计），结转下年度继续办理 2 件。"
        in review
    )


def test_matrix_table_is_aligned_by_display_width() -> None:
    question = FLOW.question("apps_matrix")
    lines = matrix_lines(question, {"new": [1200, 3, 0, 0, 0, 0]})
    widths = {width(line) for line in lines if line.strip()}
    ends = {width(line.rstrip()) for line in lines[1:]}
    assert len(ends) == 1, lines  # every row's last (总计) cell ends in the same column
    assert max(widths) == ends.pop()


def test_rows_that_conclude_more_than_in_hand_are_refused() -> None:
    rows = {k: [0] * 6 for k in APPLICATION_KEYS[:-2]}
    rows["new"] = [1, 0, 0, 0, 0, 0]
    rows["granted"] = [2, 0, 0, 0, 0, 0]
    names = {
        "apps_new": 1,
        "apps_carried": 0,
        "applicant_types": list(dict(FLOW.lists)["applicant_types"]),
    }
    assert VALIDATORS["apps_matrix"](rows, names) == "“自然人”一列办结 2 件，比手上的 1 件还多"


# ---------------------------------------------------------------- answers-file blocks


def _block_from(report: ReportData) -> dict[str, list[int]]:
    return {key: [int(c or 0) for c in report.applications[key][:6]] for key in APPLICATION_KEYS}


def test_consistent_block_gives_the_same_report_as_the_conversation() -> None:
    conversed, _ = converse(FOUR_APPLICATIONS, before_section_3())
    provided = {"applications": _block_from(conversed), "appeals": {}}
    result = block_answers(provided)
    assert result.refused == {}
    answers = decode_all(FLOW, before_section_3())
    e = engine()
    from report_interview.flow.fill import fill

    filled = fill(e, answers, result.answers, complete=True)
    assert filled.refused == {} and filled.missing == []
    report = build_report(e.names({**answers, **filled.accepted}))
    assert report.applications == conversed.applications
    assert report.appeals == conversed.appeals


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"carried_forward": [0, 0, 0, 0, 0, 0]}, "R1"),
        ({"concluded": [3, 1, 0, 0, 0, 0], "carried_forward": [0, 0, 0, 0, 0, 0]}, "R2"),
        ({"granted": [1, 0, 0, 0, 0, 0, 5]}, "R3"),
    ],
    ids=["R1-forward", "R2-concluded", "R3-total"],
)
def test_inconsistent_block_is_refused_naming_the_rule(
    change: dict[str, list[int]], rule: str
) -> None:
    block = {k: [0] * 6 for k in APPLICATION_KEYS}
    block.update(
        new=[3, 1, 0, 0, 0, 0],
        granted=[1, 0, 0, 0, 0, 0],
        partly_granted=[0, 1, 0, 0, 0, 0],
        unavailable_not_held=[1, 0, 0, 0, 0, 0],
        concluded=[2, 1, 0, 0, 0, 0],
        carried_forward=[1, 0, 0, 0, 0, 0],
    )
    applications_answers(block)  # consistent as given
    block.update(change)
    with pytest.raises(ReportDataError, match=f"未采用：违反 .*{rule}"):
        applications_answers(block)


def test_appeals_block_with_a_wrong_total_is_refused_as_r4() -> None:
    with pytest.raises(ReportDataError, match="R4"):
        appeals_answers({"reconsideration": [10, 1, 0, 0, 0]})
    assert appeals_answers({"reconsideration": [10, 1, 0, 0]})["case_kinds"] == ["reconsideration"]


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ([1, 2], "映射"),
        ({**{k: [0] * 6 for k in APPLICATION_KEYS[:-2]}, "new": [1, 2, 3]}, "applications.new"),
        ({"news": [0] * 6}, "未知的行“news”"),
        ({"new": [0] * 6}, "缺少“carried_over”"),
    ],
    ids=["not-mapping", "short-row", "unknown-row", "missing-row"],
)
def test_malformed_applications_block_is_explained(block: Any, message: str) -> None:
    with pytest.raises(ReportDataError, match=message):
        applications_answers(block)


def test_cli_refuses_an_inconsistent_block_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from report_interview.cli.main import main

    monkeypatch.setenv("REPORT_INTERVIEW_HOME", str(tmp_path / "home"))
    answers = {
        k: (format(v, "f") if isinstance(v, Decimal) else v) for k, v in ZERO_TOWNSHIP.items()
    }
    answers["applications"] = {k: [0] * 6 for k in APPLICATION_KEYS[:-2]}
    answers["applications"]["new"] = [1, 0, 0, 0, 0, 0]  # received, never concluded …
    answers["applications"]["carried_forward"] = [0] * 6  # … nor carried forward: R1
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    assert main(["new", "--answers", str(path), "--no-input", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "applications" in err and "R1" in err and "Traceback" not in err
    assert main(["list", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["org"] == "牛屯镇人民政府" and listed["status"] == "in_progress"


def test_help_on_an_outcome_row_explains_it_with_an_example() -> None:
    replies = [*FOUR_APPLICATIONS[:7], Command.HELP, *FOUR_APPLICATIONS[7:]]
    _, prompter = converse(replies, before_section_3())
    assert "全部提供" in prompter.text("note")


def test_block_rows_may_carry_their_printed_totals() -> None:
    block = {k: [0] * 7 for k in APPLICATION_KEYS}
    block.update(
        new=[1, 0, 0, 0, 0, 0, 1], granted=[1, 0, 0, 0, 0, 0, 1], concluded=[1, 0, 0, 0, 0, 0, 1]
    )
    assert applications_answers(block)["apps_matrix"]["granted"] == [1, 0, 0, 0, 0, 0]


def test_review_table_marks_the_rows_the_checks_name() -> None:
    from report_interview.chat.review import rows_table
    from report_interview.report.checks import run_checks

    report, _ = converse(FOUR_APPLICATIONS, before_section_3())
    rows = dict(report.applications)
    rows["granted"] = (1, 0, 0, 0, 0, 0, 5)  # a total that does not add up: R3, and R2 in 总计
    broken_report = dataclasses.replace(report, applications=rows)
    broken = {key for f in run_checks(broken_report) for key in f.rows}
    assert broken == {"granted", "concluded"}
    lines = rows_table(broken_report.applications, broken)
    assert [line.split()[0] for line in lines if "✗" in line] == ["（一）予以公开✗", "（七）总计✗"]
    assert not any("✗" in line for line in rows_table(report.applications))
