"""The review and the preview as pages (chat/review.py), and the conversation paging
through them: every page fits an 80×24 terminal, every written paragraph is shown
with the answers it came from, tables keep every number, and section banners never
promise fewer questions than are asked."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from report_interview.chat.conversation import Conversation
from report_interview.chat.prompter import Command
from report_interview.chat.review import (
    PAGE_LINES,
    SCREEN_COLUMNS,
    Block,
    Page,
    matrix_table,
    page_menu,
    paginate,
    preview_pages,
    review_pages,
    wrap,
)
from report_interview.chat.tables import width
from report_interview.cli.sources import make_engine
from report_interview.flow.engine import Engine, encode
from report_interview.flow.loader import load_flow
from report_interview.report.builder import build_report
from report_interview.report.checks import Finding, run_checks
from report_interview.report.data import APPLICATION_KEYS, OVERVIEW_PARTS, ReportData

from .fakes import FakePublisher, FakeSession, ScriptedPrompter
from .test_applications import FOUR_APPLICATIONS, before_section_3
from .test_engine import township_answers

FLOW = load_flow()


def engine() -> Engine:
    return make_engine(FLOW, this_year=2024)


def township() -> tuple[Engine, dict[str, Any], ReportData]:
    e = engine()
    answers = township_answers(e)
    return e, answers, build_report(e.names(answers))


def with_applications(report: ReportData) -> ReportData:
    """The report with five-digit counts in every cell of section 三 and 四."""
    rows = {
        key: tuple(10000 + i * 7 + j for j in range(7)) for i, key in enumerate(APPLICATION_KEYS)
    }
    appeals = {
        key: tuple(90000 + 5 * b + i for i in range(5)) for b, key in enumerate(report.appeals)
    }
    return dataclasses.replace(report, applications=rows, appeals=appeals)


def flat(text: str) -> str:
    """Text without any whitespace, to find a wrapped paragraph in page lines."""
    return re.sub(r"\s+", "", text)


def assert_fits(pages: list[Page]) -> None:
    for page in pages:
        assert len(page.lines) <= PAGE_LINES, page
        assert all(width(line) <= SCREEN_COLUMNS for line in page.lines), page
        assert width(page.title) + 8 <= SCREEN_COLUMNS, page.title  # inside “━━ … ━━”


# ---------------------------------------------------------------- pure pages


def test_every_review_page_fits_80_by_24_and_shows_every_paragraph() -> None:
    e, answers, report = township()
    report = with_applications(report)
    findings = run_checks(report)
    pages = review_pages(e, answers, report, findings)
    assert_fits(pages)
    text = flat("\n".join(line for page in pages for line in page.lines))
    for key, _ in OVERVIEW_PARTS:  # （二） too, though no question holds it
        assert flat(getattr(report.overview, key)) in text
    assert flat(report.problems) in text and flat(report.other_matters) in text
    assert "【（二）依申请公开（按上面的回答写成）】" in text


def test_a_section_shows_its_answers_before_its_paragraphs() -> None:
    e, answers, report = township()
    pages = [p for p in review_pages(e, answers, report, []) if "一、总体情况" in p.title]
    lines = [line for page in pages for line in page.lines]
    first_paragraph = next(i for i, line in enumerate(lines) if line.startswith("  【"))
    total = next(i for i, line in enumerate(lines) if "今年主动公开政府信息一共多少条？" in line)
    assert total < first_paragraph and "166 条" in " ".join(lines[total : total + 2])
    answer_line = re.compile(r"^  [^【 ].*？  ")
    assert not any(answer_line.match(line) for line in lines[first_paragraph:])
    assert pages[0].title == "核对 2/7：一、总体情况（第 1/5 页）"
    shown = [qid for page in pages for qid in page.questions]
    assert shown[0] == "proactive_channels" and shown[-1] == "overview_oversight"


def test_the_matrix_keeps_every_number_within_80_columns() -> None:
    _, _, report = township()
    report = with_applications(report)
    broken = set(APPLICATION_KEYS)  # a ✗ on every row still fits
    lines = matrix_table(report, broken)
    assert max(map(width, lines)) <= SCREEN_COLUMNS
    assert "\t" not in "".join(lines)
    rows = [re.findall(r"\d{5}", line) for line in lines]
    rows = [cells for cells in rows if cells]
    assert rows == [[str(n) for n in report.applications[key]] for key in APPLICATION_KEYS]


def test_the_preview_is_the_whole_report_in_aligned_pages() -> None:
    _, _, report = township()
    report = with_applications(report)
    pages = preview_pages(report)
    assert_fits(pages)
    lines = [line for page in pages for line in page.lines]
    assert lines[0] == report.title and not any("\t" in line for line in lines)
    text = flat("\n".join(lines))
    for paragraph in (report.preamble, report.overview.on_request, report.problems):
        assert flat(paragraph) in text
    appeals = [line for line in lines if line.startswith(("结果维持", "总计"))]
    assert appeals == [
        "结果维持     90000          90005        90010",
        "总计         90004          90009        90014",
    ]
    continued = [p for p in pages if p.lines[0] == "三、收到和处理政府信息公开申请情况"]
    assert len(continued) >= 2 and all(
        "自然人" in p.lines[1] and "总计" in p.lines[1] for p in continued
    )


def test_findings_have_their_own_pages() -> None:
    e, answers, report = township()
    findings = [Finding("R4", "warning", f"第 {i} 处", "说明" * 30) for i in range(12)]
    pages = review_pages(e, answers, report, findings)
    own = [p for p in pages if p.title.startswith("检查结果")]
    assert len(own) >= 2 and own[0].title == f"检查结果（第 1/{len(own)} 页）"
    assert_fits(own)
    passed = review_pages(e, answers, report, [])[-1]
    assert passed.lines == ("  检查通过：表格勾稽关系和格式都没有问题。",)


def test_paginate_keeps_blocks_together_and_repeats_a_split_tables_head() -> None:
    small = [Block((f"第{i}行",), f"q{i}") for i in range(10)]
    table = Block(("表头", *(f"{i}" for i in range(20))), head=1)
    pages = paginate("标题", [*small, table], size=14)
    assert [len(p.lines) for p in pages] == [10, 14, 8]
    assert pages[0].questions == tuple(f"q{i}" for i in range(10))
    assert pages[1].lines[0] == "表头" and pages[2].lines[0] == "表头"
    assert [p.title for p in pages] == [
        "标题（第 1/3 页）",
        "标题（第 2/3 页）",
        "标题（第 3/3 页）",
    ]


def test_wrap_measures_chinese_as_two_columns_and_hangs_punctuation() -> None:
    lines = wrap("甲" * 37 + "，乙" * 10)
    assert lines[0] == "  " + "甲" * 37 + "，"  # the comma does not begin a line
    assert all(width(line) <= SCREEN_COLUMNS for line in lines)


def test_page_menu_names_the_next_page_or_section() -> None:
    pages = [Page("核对 1/2：甲（第 1/2 页）", (), ("q",)), Page("核对 1/2：甲（第 2/2 页）", ()),
             Page("核对 2/2：乙", ()), Page("检查结果", ())]  # fmt: skip
    assert page_menu(pages, 0) == [
        ("next", "下一页（第 2/2 页）"),
        ("change", "修改本页的回答"),
        ("end", "结束核对，到最后一步"),
    ]
    assert page_menu(pages, 1)[0] == ("next", "下一部分：乙")
    assert page_menu(pages, 3) == [("next", "核对完毕"), ("back", "上一页")]


# ---------------------------------------------------------------- section banners


def converse_applications() -> tuple[ReportData, ScriptedPrompter, FakeSession]:
    prompter = ScriptedPrompter([*FOUR_APPLICATIONS, "end", "quit"])
    session = FakeSession(before_section_3())
    Conversation(engine(), session, prompter, FakePublisher()).run()
    return build_report(engine().names(session.stored)), prompter, session


def test_the_section_3_banner_is_not_exceeded_in_the_conversation() -> None:
    _, prompter, _ = converse_applications()
    banner = next(t for t in prompter.text("banner").splitlines() if "三、收到和处理" in t)
    assert "本部分先问 2 个问题，其余视回答而定" in banner


# ---------------------------------------------------------------- paging in the conversation


def finished() -> dict[str, Any]:
    e = engine()
    return {qid: encode(FLOW.question(qid), v) for qid, v in township_answers(e).items()}


def run(replies: list[Any]) -> tuple[ScriptedPrompter, FakeSession, FakePublisher]:
    prompter, session, publish = ScriptedPrompter(replies), FakeSession(finished()), FakePublisher()
    Conversation(engine(), session, prompter, publish).run()
    return prompter, session, publish


def test_enter_pages_through_the_review_then_the_preview_and_writes() -> None:
    e, answers, report = township()
    review = review_pages(e, answers, report, run_checks(report))
    preview = preview_pages(report)
    prompter, _, publish = run([*[""] * len(review), "", *[""] * len(preview), ""])
    assert len(publish.reports) == 1
    banners = prompter.text("banner").splitlines()
    assert banners == [p.title for p in review] + [p.title for p in preview]
    findings = sum("检查结果" in page.title for page in review)
    assert prompter.asked.count("这一页的回答都对吗？") == len(review) - findings
    assert prompter.asked.count("检查结果看完了吗？") == findings
    assert prompter.asked.count("报告内容确认无误吗？") == len(preview)


def test_changing_an_answer_on_a_page_returns_to_that_page() -> None:
    # pages 1 and 2, next; page 3 (一、总体情况 2/5): change the 主动公开 total (the
    # paragraph written from it follows); then the same page again, where Ctrl-C leaves
    prompter, session, _ = run(["", "", "change", "proactive_total", "170"])
    assert session.stored["proactive_total"] == 170
    banners = prompter.text("banner").splitlines()
    assert banners[2] == banners[-1] == "核对 2/7：一、总体情况（第 2/5 页）"
    assert prompter.asked[-1] == "这一页的回答都对吗？"


def test_back_from_the_first_page_says_so() -> None:
    # < on the first review page: the last question asked (other_notes, a list); < again
    prompter, _, _ = run([Command.BACK, Command.BACK])
    assert prompter.said.count(("note", "已返回上一题。")) == 2
    assert prompter.asked[-2] == "第 1 条（直接回车结束）"
    assert prompter.asked[-1].startswith("今年落实了上级年度政务公开工作要点")


@pytest.mark.parametrize("choice", ["end", "next"])
def test_the_last_menu_does_not_page_again_after_help(choice: str) -> None:
    e, answers, report = township()
    pages = len(review_pages(e, answers, report, run_checks(report)))
    enters = ["end"] if choice == "end" else [""] * pages
    prompter, _, _ = run([*enters, Command.HELP, "quit"])
    assert prompter.asked.count("全部问题都答完了。接下来？") == 2
    menus = prompter.asked.count("这一页的回答都对吗？") + prompter.asked.count(
        "检查结果看完了吗？"
    )
    assert menus == (1 if choice == "end" else pages)
    assert "检查通过" in prompter.text("note")


def test_any_answer_is_changed_by_section_then_answer_back_to_the_last_menu() -> None:
    # end the review; change: section 一, its 主动公开 total, 170 (the paragraph follows)
    replies = ["end", "change", "overview", "proactive_total", "170"]
    prompter, session, _ = run([*replies, "change", "stay", "change", "basics", "stay"])
    assert session.stored["proactive_total"] == 170
    assert prompter.asked[1:4] == [
        "全部问题都答完了。接下来？",
        "要修改哪一部分的回答？",
        "要修改哪个回答？",
    ]
    # after the change: straight back to the last menu, not through every page again
    assert prompter.asked[5:] == [
        "全部问题都答完了。接下来？",
        "要修改哪一部分的回答？",  # no section: “不改了，返回”
        "全部问题都答完了。接下来？",
        "要修改哪一部分的回答？",
        "要修改哪个回答？",  # no answer
        "全部问题都答完了。接下来？",
    ]


def test_the_review_from_the_jump_menu_returns_to_the_interview() -> None:
    stored = finished()
    del stored["other_notes"]  # the last question still to answer
    prompter = ScriptedPrompter([Command.JUMP, "__review__", "", "end"])
    Conversation(engine(), FakeSession(stored), prompter, FakePublisher()).run()
    last = "第 1 条（直接回车结束）"
    assert prompter.asked == [
        last,
        "跳到哪一部分？",
        "这一页的回答都对吗？",
        "这一页的回答都对吗？",
        last,
    ]
    banners = prompter.text("banner").splitlines()
    assert banners[1:3] == ["核对 1/7：基本情况", "核对 2/7：一、总体情况（第 1/5 页）"]


def test_a_group_heading_never_ends_a_page() -> None:
    rows = ("表头", *(f"{i}" for i in range(12)), "（三）不予公开", "1.属于国家秘密")
    pages = paginate("标题", [Block(rows, head=1, keep=frozenset({13}))], size=14)
    assert pages[0].lines[-1] == "11"
    assert pages[1].lines == ("表头", "（三）不予公开", "1.属于国家秘密")
    _, _, report = township()
    pages = preview_pages(with_applications(report))
    assert not any(p.lines[-1].startswith(("（三）", "（四）", "（五）", "（六）")) for p in pages)


def test_the_preview_sets_every_paragraph_apart_whatever_its_length() -> None:
    """六's one-line paragraphs are set off like the longer ones (issue 17: uneven blank
    lines), as in the written report."""
    _, _, report = township()
    pages = preview_pages(report)
    lines = [line for page in pages for line in page.lines]
    start = lines.index("六、其他需要报告的事项")
    body = lines[start + 1 :]
    paragraphs = [p for p in report.other_matters.splitlines() if p]
    assert len(paragraphs) == 3 and body.count("") == len(paragraphs) - 1
    for blank in (i for i, line in enumerate(body) if not line):
        assert body[blank - 1] and body[blank + 1]  # one blank line, never two
