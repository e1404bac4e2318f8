"""Section banners: the count a banner gives is kept, before and after a resume
(issue 17). A banner without “其余视回答而定” is exact; with it, at least that many
questions follow."""

from __future__ import annotations

import re
from typing import Any

from report_interview.chat.banner import section_banner
from report_interview.chat.conversation import Conversation
from report_interview.cli.sources import make_engine
from report_interview.flow.engine import decode_all

from .fakes import FakePublisher, FakeSession, SheetPrompter
from .test_applications import FLOW, before_section_3, engine
from .test_review import converse_applications
from .township import QUESTIONS

EXACT = re.compile(r"（(?:本部分 (\d+) 个问题|已答 \d+ 个，本部分还有 (\d+) 个问题)）$")
AT_LEAST = re.compile(r"（(?:已答 \d+ 个，)?本部分(?:还要)?先问 (\d+) 个问题，其余视回答而定）$")
DONE = re.compile(r"（本部分 \d+ 个问题都已答过）$")


class LoggedSession(FakeSession):
    """A session that logs each save beside what the prompter says (one timeline)."""

    def __init__(self, log: list[tuple[str, str]], stored: dict[str, Any] | None = None) -> None:
        super().__init__(stored)
        self.log = log

    def save_answer(self, question_id: str, value: Any, **meta: Any) -> None:
        super().save_answer(question_id, value, **meta)
        self.log.append(("save", question_id))


def sitting(replies: list[tuple[str, Any]], session: LoggedSession) -> None:
    """One sitting: answer from `replies` until they run out (then Ctrl-C)."""
    prompter = SheetPrompter(replies)
    prompter.say = lambda text, kind="assistant": session.log.append((kind, text))  # type: ignore[method-assign]
    sheet = make_engine(FLOW, this_year=2026, this_month=12)  # the sheet's year is 2025
    Conversation(sheet, session, prompter, FakePublisher(), resumed=bool(session.stored)).run()


def assert_banners_kept(log: list[tuple[str, str]]) -> int:
    """Every banner's count against the questions then answered in its section; the
    number of banners checked."""
    banners = [
        (i, FLOW.sections[int(re.search(r"第 (\d+) 部分", text).group(1)) - 1].id)  # type: ignore[union-attr]
        for i, (kind, text) in enumerate(log)
        if kind == "banner" and "部分，共" in text
    ]
    for start, section in banners:
        text = log[start][1]
        # up to the next section's banner: a resume's banner of the same section is part
        end = next((i for i, other in banners if i > start and other != section), len(log))
        asked = {q for kind, q in log[start:end] if kind == "save"}
        asked = {q for q in asked if FLOW.question(q).section == section}
        if exact := EXACT.search(text):
            assert len(asked) == int(exact.group(1) or exact.group(2)), (text, asked)
        elif at_least := AT_LEAST.search(text):
            assert len(asked) >= int(at_least.group(1)), (text, asked)
        else:
            assert DONE.search(text), text
    return len(banners)


def test_every_banner_of_the_township_sheet_is_kept() -> None:
    log: list[tuple[str, str]] = []
    sitting(QUESTIONS, LoggedSession(log))
    assert assert_banners_kept(log) == len(FLOW.sections)


def test_banners_are_kept_across_a_quit_and_a_resume() -> None:
    """Quit after the first answer of each section in turn; the banner after the resume
    counts what is left, and that is what is asked."""
    for cut in (1, 6, 7, 20, 27):  # into 基本情况, 一 (twice), 二, 五
        log: list[tuple[str, str]] = []
        session = LoggedSession(log)
        sitting(QUESTIONS[:cut], session)
        saved = len(session.stored)
        sitting(QUESTIONS[cut:], session)
        assert assert_banners_kept(log) >= len(FLOW.sections), cut
        resumed = next(text for kind, text in log if kind == "assistant" and "欢迎回来" in text)
        assert f"已保存 {saved} 个回答" in resumed  # never “已从答案文件读入”
        assert not any("答案文件" in text for _, text in log)


def test_banner_counts_what_is_certain_while_the_section_unfolds_with_its_answers() -> None:
    e = engine()
    stored = before_section_3()
    banner = section_banner(e, decode_all(FLOW, stored), "applications")
    assert banner.endswith(
        "三、收到和处理政府信息公开申请情况（本部分先问 2 个问题，其余视回答而定）"
    )
    # once answered, nothing in the section is left open: the count is exact
    _, _, done = converse_applications()
    asked = {qid for qid, _ in done.saves if FLOW.question(qid).section == "applications"}
    banner = section_banner(e, decode_all(FLOW, done.stored), "applications")
    assert banner.endswith(f"（本部分 {len(asked)} 个问题都已答过）"), banner
    # a section whose questions do not depend on answers still to give: exact at once
    banner = section_banner(e, decode_all(FLOW, stored), "other")
    assert banner.endswith("（本部分 4 个问题都已答过）"), banner


def test_hidden_questions_settled_by_given_answers_are_not_counted_as_open() -> None:
    answers = decode_all(FLOW, {**before_section_3(), "apps_new": 0, "apps_carried": 0})
    banner = section_banner(engine(), answers, "applications")
    assert banner.endswith("（本部分 2 个问题都已答过）"), banner


def test_the_readme_prints_the_sheet_counted() -> None:
    from pathlib import Path

    from .township import SHEET

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"```\n{SHEET}```" in readme
