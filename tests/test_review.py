"""The review (chat/review.py) and the conversation going through it: the report as it
will be published, paged for the terminal (80×24 and up), the check results first,
every text and table row numbered; under each page one line reads what the clerk
types. The answers review, section banners and the pages' layout."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from report_interview.chat.conversation import Conversation
from report_interview.chat.prompter import HINT_REPORT, REPORT_HELP, Command
from report_interview.chat.review import (
    SCREEN_COLUMNS,
    Action,
    Block,
    Page,
    Screen,
    answers_pages,
    page_menu,
    paginate,
    report_review,
    review_action,
    review_prompt,
    rows_table,
    wrap,
)
from report_interview.chat.tables import width
from report_interview.cli.sources import make_engine
from report_interview.flow.engine import Engine, decode_all, encode
from report_interview.flow.loader import load_flow
from report_interview.report.builder import build_report
from report_interview.report.checks import Finding, run_checks
from report_interview.report.data import (
    APPEAL_KEYS,
    APPLICATION_KEYS,
    OVERVIEW_PARTS,
    ReportData,
)

from .fakes import FakePublisher, FakeSession, ScriptedPrompter
from .test_applications import FOUR_APPLICATIONS, before_section_3
from .test_engine import township_answers

FLOW = load_flow()
SCREENS = [Screen(80, 24), Screen(120, 40)]
SCREEN_IDS = ["80x24", "120x40"]


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


def lines_of(pages: Any) -> list[str]:
    return [line for page in pages for line in page.lines]


def assert_fits(pages: Any, screen: Screen, size: int) -> None:
    for page in pages:
        assert len(page.lines) <= size, page
        assert all(width(line) <= screen.columns for line in page.lines), page
        assert width(page.title) + 8 <= screen.columns, page.title  # inside “━━ … ━━”


# ---------------------------------------------------------------- the report review, pure


@pytest.mark.parametrize("screen", SCREENS, ids=SCREEN_IDS)
def test_every_report_page_fits_and_numbers_every_text_and_row(screen: Screen) -> None:
    _, _, report = township()
    report = with_applications(report)
    review = report_review(report, run_checks(report), screen)
    assert_fits(review.pages, screen, screen.report_lines)
    lines = lines_of(review.pages)
    marks = [int(n) for line in lines for n in re.findall(r"^【(\d+)】", line)]
    assert marks == list(range(1, len(review.targets) + 1))  # each once, in report order
    text = flat("\n".join(lines))
    for paragraph in (report.preamble, *(getattr(report.overview, k) for k, _ in OVERVIEW_PARTS),
                      report.problems, report.other_matters):  # fmt: skip
        assert flat(paragraph) in text
    for number, target in enumerate(review.targets, start=1):
        line = next(line for line in lines if line.startswith(f"【{number}】"))
        if target.row in APPLICATION_KEYS:  # every cell of the row, total included
            cells = report.applications[target.row]
            assert re.findall(r"\d{5}", line) == [str(n) for n in cells]
        elif target.row in APPEAL_KEYS:
            assert re.findall(r"\d{5}", line) == [str(n) for n in report.appeals[target.row]]
    assert not any("\t" in line for line in lines)


@pytest.mark.parametrize("screen", SCREENS, ids=SCREEN_IDS)
def test_the_check_results_come_first_errors_before_warnings(screen: Screen) -> None:
    _, _, report = township()
    findings = [
        Finding("R13", "warning", "五、存在的主要问题及改进情况", "没有说明整改情况。"),
        Finding("R8", "error", "一、总体情况 · （二）依申请公开", "文中写“收到3件”。"),
        Finding("R3", "error", "三 · （一）予以公开 · 总计", "总计不对。", ("granted",)),
    ]
    review = report_review(report, findings, screen, failures=["复议件数都是 0。"])
    first = review.pages[0].lines
    assert first[0] == "检查结果：3 个错误，改正后才能生成文件；1 条提醒。"
    said = flat("\n".join(first))
    order = ["✗复议件数", "✗[R8错误]", "（见【3】）", "✗[R3错误]", "（见【15】）", "![R13警告]"]
    assert [said.index(part) for part in order] == sorted(said.index(part) for part in order)
    passed = report_review(report, [], screen).pages[0].lines
    assert passed[0] == "检查通过：表格勾稽关系和格式都没有问题。"
    assert passed[2] == report.title and passed[3].startswith("【1】根据《")


@pytest.mark.parametrize(("screen", "most"), [(Screen(120, 40), 3), (Screen(80, 24), 7)],
                         ids=SCREEN_IDS[::-1])  # fmt: skip
def test_a_township_report_takes_few_pages(screen: Screen, most: int) -> None:
    _, _, report = township()
    assert len(report_review(report, run_checks(report), screen).pages) <= most


def test_a_text_edited_by_hand_whose_answers_changed_is_flagged_under_it() -> None:
    _, _, report = township()
    outdated = {"proactive": "“今年主动公开政府信息一共多少条？”"}
    lines = lines_of(report_review(report, [], Screen(), outdated=outdated).pages)
    at = next(i for i, line in enumerate(lines) if line.startswith("【2】"))
    flag = flat("".join(lines[at : at + 8]))
    assert "⚠这一段是您改写过的；之后“今年主动公开政府信息一共多少条？”的回答变了" in flag
    assert "输入2修改（会列出按新回答写的文字），输入2新改用新写的文字。" in flag


def test_the_matrix_keeps_every_number_within_80_columns() -> None:
    _, _, report = township()
    report = with_applications(report)
    broken = set(APPLICATION_KEYS)  # a ✗ on every row still fits
    lines = rows_table(report.applications, broken)
    assert max(map(width, lines)) <= SCREEN_COLUMNS
    assert "\t" not in "".join(lines)
    rows = [re.findall(r"\d{5}", line) for line in lines]
    rows = [cells for cells in rows if cells]
    assert rows == [[str(n) for n in report.applications[key]] for key in APPLICATION_KEYS]


def test_a_group_heading_never_ends_a_page() -> None:
    rows = ("表头", *(f"{i}" for i in range(12)), "（三）不予公开", "1.属于国家秘密")
    pages = paginate("标题", [Block(rows, head=1, keep=frozenset({13}))], size=14)
    assert pages[0].lines[-1] == "11"
    assert pages[1].lines == ("表头", "（三）不予公开", "1.属于国家秘密")
    _, _, report = township()
    for screen in SCREENS:
        pages = report_review(with_applications(report), [], screen).pages
        assert not any(p.lines[-1].lstrip().startswith(("（三）", "（四）", "（五）", "（六）"))
                       for p in pages)  # fmt: skip


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


@pytest.mark.parametrize(
    ("typed", "action"),
    [
        ("", Action("next")),
        ("w", Action("write")),
        ("Ｗ", Action("write")),  # full-width, as a Chinese input method types it
        ("生成", Action("write")),
        ("f", Action("formats")),
        ("a", Action("answers")),
        ("3", Action("edit", 3)),
        ("３", Action("edit", 3)),
        ("【3】", Action("edit", 3)),
        (" 13 ", Action("edit", 13)),
        ("3新", Action("renew", 3)),
        ("新 3", Action("renew", 3)),
        ("?", Action("help")),
        ("？", Action("help")),
        ("<", Action("back")),
        (">", Action("jump")),
        ("退出", Action("quit")),
        (Command.HELP, Action("help")),
        ("0", Action("wrong", message="没有编号 0：报告里的编号是 1 到 42。")),
        ("43", Action("wrong", message="没有编号 43：报告里的编号是 1 到 42。")),
    ],
)
def test_what_is_typed_under_a_report_page(typed: Any, action: Action) -> None:
    assert review_action(typed, 42) == action


@pytest.mark.parametrize("typed", ["好", "3.5", "w3", "x", "3新新"])
def test_nonsense_under_a_report_page_is_said_in_chinese(typed: str) -> None:
    action = review_action(typed, 42)
    assert action.kind == "wrong" and action.message.startswith("没看懂这个输入。回车看下一页")


def test_the_line_under_a_page_and_its_hint_fit_80_columns() -> None:
    for at, count in ((0, 99), (98, 99), (0, 1)):
        assert width("助手：" + review_prompt(at, count)) <= SCREEN_COLUMNS
    assert review_prompt(0, 3).startswith("第 1/3 页。回车看下一页")
    assert review_prompt(2, 3).startswith("最后一页（共 3 页）。输入 w 生成文件")
    assert width(HINT_REPORT) <= SCREEN_COLUMNS
    for key in ("回车", "编号", "w", "f", "a", "<", "?", "退出"):
        assert key in HINT_REPORT and key in REPORT_HELP


# ---------------------------------------------------------------- the answers review, pure


def test_every_answers_page_fits_and_shows_only_answers() -> None:
    e, answers, _ = township()
    pages = answers_pages(e, answers)
    assert_fits(pages, Screen(), Screen().answers_lines)
    shown = [qid for page in pages for qid in page.questions]
    assert shown == [q.id for q in e.visible(answers) if not q.compose]
    overview = [p for p in pages if "一、总体情况" in p.title]
    assert overview[0].title.startswith("核对回答 2/7：一、总体情况")
    lines = lines_of(overview)
    total = next(i for i, line in enumerate(lines) if "今年主动公开政府信息一共多少条？" in line)
    assert "166 条" in " ".join(lines[total : total + 2])
    wide = answers_pages(e, answers, Screen(120, 40))
    assert len(wide) < len(pages)
    assert_fits(wide, Screen(120, 40), Screen(120, 40).answers_lines)


def test_page_menu_names_the_next_page_or_section() -> None:
    pages = [Page("核对回答 1/2：甲（第 1/2 页）", (), ("q",)),
             Page("核对回答 1/2：甲（第 2/2 页）", ()), Page("核对回答 2/2：乙", ())]  # fmt: skip
    assert page_menu(pages, 0) == [
        ("next", "下一页（第 2/2 页）"),
        ("change", "修改本页的回答"),
        ("end", "结束核对回答"),
    ]
    assert page_menu(pages, 1)[0] == ("next", "下一部分：乙")
    assert page_menu(pages, 2) == [("next", "核对完毕"), ("back", "上一页")]


# ---------------------------------------------------------------- section banners


def converse_applications() -> tuple[ReportData, ScriptedPrompter, FakeSession]:
    prompter = ScriptedPrompter([*FOUR_APPLICATIONS, "退出"])
    session = FakeSession(before_section_3())
    Conversation(engine(), session, prompter, FakePublisher()).run()
    return build_report(engine().names(decode_all(FLOW, session.stored))), prompter, session


def test_the_section_3_banner_is_not_exceeded_in_the_conversation() -> None:
    _, prompter, _ = converse_applications()
    banner = next(t for t in prompter.text("banner").splitlines() if "三、收到和处理" in t)
    assert "本部分先问 2 个问题，其余视回答而定" in banner


# ---------------------------------------------------------------- the review in the conversation


def finished() -> dict[str, Any]:
    e = engine()
    return {qid: encode(FLOW.question(qid), v) for qid, v in township_answers(e).items()}


def run(
    replies: list[Any], size: tuple[int, int] = (80, 24), session: FakeSession | None = None
) -> tuple[ScriptedPrompter, FakeSession, FakePublisher]:
    prompter, publish = ScriptedPrompter(replies, size), FakePublisher()
    session = session or FakeSession(finished())
    Conversation(engine(), session, prompter, publish).run()
    return prompter, session, publish


def report_lines(prompter: ScriptedPrompter) -> list[str]:
    """The lines of the report pages shown, in order."""
    return [line for kind, text in prompter.said if kind == "report" for line in text.split("\n")]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_enter_pages_through_the_report_and_w_writes_the_files(size: tuple[int, int]) -> None:
    _, _, report = township()
    pages = report_review(report, run_checks(report), Screen.of(size)).pages
    prompter, session, publish = run([*[""] * (len(pages) - 1), "w"], size)
    assert publish.formats == [["docx", "txt"]] and session.meta_fields["status"] == "finished"
    assert prompter.text("banner").splitlines() == [page.title for page in pages]
    assert len(prompter.asked) == len(pages)  # the review and writing: one reply a page
    if size == (120, 40):
        assert len(prompter.asked) <= 4
    assert "报告已生成：\n  /reports/report.docx\n  /reports/report.txt" in prompter.text("note")


def test_enter_on_the_last_page_says_how_to_write_and_help_shows_the_page_again() -> None:
    prompter, _, publish = run(["", "", "", "?", "", "w"], (120, 40))
    assert "这是最后一页。输入 w 生成文件" in prompter.text("note")
    assert "· w：生成文件（Word 文档、纯文本）" in prompter.text("note")
    assert prompter.text("banner").splitlines()[-2:] == ["核对报告（第 3/3 页）"] * 2
    assert len(publish.reports) == 1


def test_edit_the_opening_in_place_and_see_it_in_the_written_report() -> None:
    opening = "根据《条例》编制本报告。本报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。"
    prompter, session, publish = run(["1", opening, "w"])
    assert prompter.asked[1] == "这是按您的回答写好的报告开头。可以直接修改，回车确定。"
    assert session.stored["preamble_text"]["text"] == opening
    assert "【1】开头已保存。" in prompter.text("note")
    openings = [line for line in report_lines(prompter) if line.startswith("【1】")]
    assert openings[-1].startswith("【1】根据《条例》编制本报告。")  # the page shown again
    assert publish.reports[0].preamble == opening


def test_edit_the_on_request_paragraph_in_place() -> None:
    own = "2023年，我镇未收到政府信息公开申请，也没有上年结转的申请。全年未发生行政复议、行政诉讼案件。"
    _, _, publish = run(["3", own, "w"])
    assert publish.reports[0].overview.on_request == own
    assert FLOW.question("overview_on_request").section == "problems"  # after 三 and 四


def test_a_row_number_goes_to_its_question_and_returns_to_the_same_page() -> None:
    _, _, report = township()
    pages = report_review(report, run_checks(report), Screen()).pages
    at = next(i for i, page in enumerate(pages) if any("【13】" in line for line in page.lines))
    replies = [*[""] * at, "13", "0", "7", "38"]
    prompter, _, _ = run(replies)
    assert prompter.asked[at + 1] == "今年一共新收到多少件政府信息公开申请？"
    banners = [b for b in prompter.text("banner").splitlines() if b.startswith("核对报告")]
    assert banners[at] == banners[-1] == pages[at].title  # back on the same page
    assert "【7】规章：这一行不用填写，没有可改的问题。" in prompter.text("note")  # a township
    assert prompter.asked[-1] == "今年有没有因政府信息公开被申请行政复议或被提起行政诉讼？"


def test_a_row_set_by_several_questions_asks_which_one() -> None:
    # four applications answered type by type; then 【15】（一）予以公开 under the report
    replies = [*FOUR_APPLICATIONS, "15", "outcomes_natural", "2", "w"]
    prompter, session, publish = run(replies, session=FakeSession(before_section_3()))
    at = prompter.asked.index("要修改哪个回答？")
    assert prompter.asked[at - 1].startswith("第 1/") and prompter.asked[at + 2].startswith("第 1/")
    assert session.stored["outcomes_natural"]["granted"] == 2
    assert publish.reports[0].applications["granted"][0] == 2


def test_w_is_refused_while_the_checks_find_errors_and_says_which() -> None:
    wrong = "2023年，我镇新收政府信息公开申请3件。全年未发生行政复议、行政诉讼案件。"
    prompter, _, publish = run(["3", wrong, "w", "3新", "w"])
    refused = prompter.text("error")
    assert refused.startswith("还不能生成文件：检查发现 1 个错误，请先改正")
    assert "[R8] 一、总体情况 · （二）依申请公开（见【3】）" in refused
    assert "检查结果：1 个错误，改正后才能生成文件。" in report_lines(prompter)
    assert "【3】（二）依申请公开已保存。" in prompter.text("note")  # 3新: the written text
    (report,) = publish.reports
    assert report.overview.on_request.startswith("2023年，我镇未收到政府信息公开申请。")


def test_an_edited_paragraph_whose_facts_change_is_kept_and_flagged() -> None:
    own = "我镇全年主动公开政府信息166条，主要通过门户网站专栏公开。"
    change = ["a", "", "", "change", "proactive_total", "170"]  # 一's total, answers page 3
    prompter, session, publish = run(["2", own, *change, "", "w"])
    assert session.stored["proactive_total"] == 170
    assert session.stored["overview_proactive"]["text"] == own  # kept, not rewritten
    shown = flat("\n".join(report_lines(prompter)))
    assert "⚠这一段是您改写过的；之后“今年主动公开政府信息一共多少条？”的回答变了" in shown
    assert publish.reports[0].overview.proactive == own
    # the number shows the newly written text above the editor; 2新 takes it
    prompter, session, publish = run(["2", "", "2新", "w"], session=session)
    assert "按现在的回答重新写的文字是：\n2023年，我镇共主动公开政府信息170条" in prompter.text()
    assert publish.reports[0].overview.proactive.startswith("2023年，我镇共主动公开政府信息170条")
    assert "⚠" not in "\n".join(report_lines(prompter)[-40:])


def test_a_paragraph_taken_as_written_follows_the_answers_without_being_asked() -> None:
    prompter, _, publish = run(["a", "", "", "change", "proactive_total", "170", "w"])
    assert prompter.asked[-1].startswith("第 1/")  # straight back to the report: w
    assert "共主动公开政府信息170条" in publish.reports[0].overview.proactive
    assert "⚠" not in "\n".join(report_lines(prompter))


def test_quit_and_resume_keep_an_edited_opening(tmp_path: Path) -> None:
    from report_interview.cli.sources import check_stored
    from report_interview.store import Store

    opening = "本报告依据《条例》编制，统计期限自2023年1月1日起至2023年12月31日止。"
    store = Store(tmp_path)
    with store.create(flow=FLOW.name) as interview:
        interview.save_answers(finished())
        prompter = ScriptedPrompter(["1", opening, "退出"])
        outcome = Conversation(engine(), interview, prompter, FakePublisher()).run()
        assert not outcome.finished and not outcome.interrupted
        interview_id = interview.id
    with store.open(interview_id) as interview:  # the file as TinyDB wrote it
        check_stored(FLOW, interview.path, interview.answers())  # fits the flow's kinds
        prompter, publish = ScriptedPrompter(["w"]), FakePublisher()
        Conversation(engine(), interview, prompter, publish).run()
    assert report_lines(prompter)[3].startswith("【1】本报告依据《条例》编制")
    assert publish.reports[0].preamble == opening


def test_f_changes_the_files_w_writes_and_they_are_kept() -> None:
    prompter, session, publish = run(["f", ["html", "txt"], "w"])
    assert publish.formats == [["txt", "html"]]
    assert session.meta_fields["formats"] == ["txt", "html"]
    assert "好的，输入 w 生成：纯文本、网页。" in prompter.text("note")
    session.meta_fields["status"] = "in_progress"
    _, _, publish = run(["w"], session=session)  # a later sitting: the same files
    assert publish.formats == [["txt", "html"]]


def test_back_from_the_first_page_says_so() -> None:
    # < on the first report page: the last question (a list); < there: the one before
    prompter, _, _ = run([Command.BACK, "<"])
    assert prompter.said.count(("note", "已返回上一题。")) == 2
    assert prompter.asked[-2] == "第 1 条（直接回车结束）"
    assert prompter.asked[-1].startswith("今年落实了上级年度政务公开工作要点")


def test_changing_an_answer_in_the_answers_review_returns_to_the_report() -> None:
    prompter, session, _ = run(["", "a", "", "", "change", "proactive_total", "170"])
    assert session.stored["proactive_total"] == 170
    banners = prompter.text("banner").splitlines()
    assert banners[1] == banners[-1] == "核对报告（第 2/7 页）"
    assert prompter.asked[2:6] == [*["这一页的回答都对吗？"] * 3, "要修改哪个回答？"]


def test_the_answers_review_from_the_jump_menu_returns_to_the_interview() -> None:
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
    assert banners[1:3] == ["核对回答 1/7：基本情况", "核对回答 2/7：一、总体情况（第 1/3 页）"]
