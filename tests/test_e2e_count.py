"""How many interactions a township without applications takes (issue 17: at most 40
questions and 50 interactions in all), counted by driving the installed program in a
120×40 pseudo-terminal from the fact sheet of tests/township.py. Every prompt the
program shows must be answered to go on, so each answer sent is one interaction: a
prompt the sheet has no answer for stops the run (and the test), and an answer the
program never asked for fails it too."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from .test_e2e import DOWN, PROMPT, Terminal
from .township import FACTS, QUESTIONS, Reply, Tick

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

MAX_QUESTIONS, MAX_INTERACTIONS = 40, 50
TITLE = "白道口镇人民政府2025年政府信息公开工作年度报告"
SPOKEN = r"助手：(?:\x1b\[[0-9;]*m)*"  # what the assistant says, its colour codes aside
REVIEW_STARTS = "━━ 核对报告（第 1/"  # the first page after the last question


def said(words: str) -> re.Pattern[str]:
    return re.compile(SPOKEN + re.escape(words))


def answer(term: Terminal, reply: Reply) -> None:
    """One interaction: a line typed (Enter alone takes what is offered), or the options
    of a multiple choice ticked, top to bottom, then Enter."""
    if isinstance(reply, Tick):
        term.child.expect_exact("○")  # the options are drawn
        at, keys = 0, ""
        for position in reply.positions():
            keys += DOWN * (position - at) + " "
            at = position
        term.child.send(keys + "\r")
    else:
        term.child.expect_exact(PROMPT)
        term.child.send(reply + "\r")


def questions(term: Terminal) -> int:
    """Answer the questions from the sheet, whichever comes; how many were answered."""
    pending = list(QUESTIONS)
    count = 0
    while True:
        try:
            found = term.child.expect([*(said(words) for words, _ in pending), REVIEW_STARTS])
        except pexpect.TIMEOUT:
            shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", term.child.before)[-300:]
            pytest.fail(f"a prompt the sheet has no answer for (after {count}): {shown}")
        if found == len(pending):
            assert not pending, f"never asked: {[words for words, _ in pending]}"
            return count
        _, reply = pending.pop(found)
        answer(term, reply)
        count += 1


def review(term: Terminal) -> int:
    """The review, which is the report itself: Enter on each page, w on the last to
    write the files as offered. How many interactions it took."""
    count = 0
    while True:
        last = term.child.expect(["回车看下一页", "最后一页（共"]) == 1
        term.child.expect_exact(PROMPT)
        term.child.send("w\r" if last else "\r")
        count += 1
        if last:
            return count


def test_a_township_without_applications_in_at_most_40_questions(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    term = Terminal(home, "new", "--out", str(out), size=(40, 120), installed=True)
    asked = questions(term)
    reviewed = review(term)
    term.child.expect_exact("报告已生成")
    assert term.finish() == 0
    print(f"\ninteractions: {asked} questions + {reviewed} review = {asked + reviewed}")
    assert asked <= MAX_QUESTIONS
    assert asked + reviewed <= MAX_INTERACTIONS
    text = (out / f"{TITLE}.txt").read_text(encoding="utf-8")
    for fact in FACTS:  # every fact of the sheet, in the clerk's words
        assert fact in text, fact
