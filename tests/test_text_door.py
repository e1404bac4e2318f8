"""Every text entering the program is checked once, at the door (issue 14, items 4, 5,
9, 12): control characters, ESC sequences, bytes that are not UTF-8, line breaks in
one-line fields, sizes — typed, from answers files and from the command line."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import PipeInput

from report_interview.chat import terminal
from report_interview.chat.conversation import Conversation
from report_interview.chat.terminal import TerminalPrompter
from report_interview.flow import answers as parse
from report_interview.flow.engine import Engine
from report_interview.flow.fill import coerce
from report_interview.report.text_rules import (
    MAX_TYPED_CHARS,
    TextError,
    check_text,
    for_display,
)
from report_interview.store import Store

from .fakes import FakePublisher, FakeSession
from .test_chat import CTRL_C, ENTER, FLOW, keyboard
from .test_cli_interview import COMPLETE, Run, home, run, write_answers

__all__ = ["home", "keyboard", "run"]  # fixtures shared with other tests

GBK_NIUTUN = "牛屯镇".encode("gbk")  # what a GBK terminal sends
BAD = {
    "nul": "牛\x00屯",
    "esc-clear-screen": "牛\x1b[2J屯",
    "osc-title": "\x1b]0;pwned\x07牛屯镇",
    "bell": "牛\x07",
    "del": "牛\x7f",
    "c1": "牛\x9b2J",
    "surrogate": "牛\ud800屯",
    "gbk-bytes": GBK_NIUTUN.decode("utf-8", errors="surrogateescape"),
}


@pytest.mark.parametrize("text", BAD.values(), ids=BAD.keys())
def test_controls_and_bytes_that_are_not_utf8_are_refused(text: str) -> None:
    with pytest.raises(TextError) as refused:
        check_text(text)
    message = str(refused.value)
    assert message.isprintable() and "\n" not in message and "请" in message


@pytest.mark.parametrize(
    "text", ["a\nb", "a\tb", "a\rb", "a\u2028b"], ids=["lf", "tab", "cr", "ls"]
)
def test_one_line_fields_refuse_line_breaks_and_tabs(text: str) -> None:
    check_text(text)  # a paragraph may hold them
    with pytest.raises(TextError, match="只填一行"):
        check_text(text, one_line=True)


def test_length_is_checked_first() -> None:
    start = time.perf_counter()
    with pytest.raises(TextError, match="内容太长"):
        check_text("\x00" * 10_000_000, max_chars=100)
    assert time.perf_counter() - start < 0.1


def test_for_display_never_lets_a_control_through() -> None:
    shown = for_display("\x1b]0;x\x07牛\ud800")
    assert shown.isprintable() and "牛" in shown


PARSERS: dict[str, Callable[[str], Any]] = {
    "integer": parse.parse_integer,
    "decimal": parse.parse_decimal,
    "yesno": parse.parse_yesno,
    "choice": lambda t: parse.parse_choice(t, ["甲", "乙"]),
    "choices": lambda t: parse.parse_choices(t, ["甲", "乙"]),
    "breakdown": lambda t: parse.parse_breakdown(t, ["甲", "乙"], None),
    "row": parse.parse_row,
    "text": lambda t: parse.parse_text(t, one_line=True),
    "paragraph": parse.parse_text,
}


@pytest.mark.parametrize("kind", PARSERS)
@pytest.mark.parametrize("text", ["1\x00", "1\x1b[2J", "1\ud800", "是\x1b", "甲\x00"])
def test_every_parser_refuses_controls_in_chinese_without_echoing_them(
    kind: str, text: str
) -> None:
    with pytest.raises(parse.AnswerError) as refused:
        PARSERS[kind](text)
    assert str(refused.value).isprintable()


def test_a_text_question_refuses_a_newline_a_paragraph_keeps_it() -> None:
    engine = Engine(FLOW, this_year=2024)
    name = FLOW.question("name")
    with pytest.raises(parse.AnswerError, match="只填一行"):
        coerce(name, "牛屯镇\n人民政府", engine, {})
    assert coerce(name, "  牛屯镇人民政府\n", engine, {}) == "牛屯镇人民政府"
    plans = FLOW.question("plans")
    assert coerce(plans, "一\n二", engine, {}) == "一\n二"


def _feed(pipe: PipeInput, data: bytes) -> None:
    """Write to the pipe from another thread: a pipe holds only 64 KB."""

    def send() -> None:
        for start in range(0, len(data), 4096):
            pipe.send_bytes(data[start : start + 4096])
        pipe.close()

    threading.Thread(target=send, daemon=True).start()


@pytest.mark.parametrize(
    "wrap", [lambda s: s, lambda s: "\x1b[200~" + s + "\x1b[201~"], ids=["typed", "pasted"]
)
def test_a_huge_reply_is_cut_at_the_terminal_quickly(
    keyboard: PipeInput, wrap: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A smaller cap keeps the test quick on a busy machine: what is measured is that
    # the 99,000 characters beyond the cap cost next to nothing (each accepted one
    # costs prompt_toolkit about 0.3 ms; 100,000 typed with the real cap take ~3 s).
    monkeypatch.setattr(terminal, "MAX_TYPED_CHARS", 1000)
    _feed(keyboard, (wrap("牛" * 100_000) + ENTER).encode("utf-8"))
    start = time.perf_counter()
    reply = TerminalPrompter().ask_line("问？", hint="提示")
    assert time.perf_counter() - start < 5
    assert isinstance(reply, str) and len(reply) == 1000
    assert MAX_TYPED_CHARS > 5000  # the real cap leaves room for a whole paragraph
    with pytest.raises(parse.AnswerError, match="内容太长"):
        parse.parse_text("牛" * MAX_TYPED_CHARS, max_length=5000)


def test_gbk_bytes_typed_at_a_prompt_are_refused_and_asked_again(keyboard: PipeInput) -> None:
    _feed(keyboard, GBK_NIUTUN + ENTER.encode() + "牛屯镇人民政府\r".encode() + CTRL_C.encode())
    session = FakeSession()
    prompter = TerminalPrompter()
    said: list[tuple[str, str]] = []
    prompter.say = lambda text, kind="assistant": said.append((text, kind))  # type: ignore[method-assign]
    Conversation(Engine(FLOW, this_year=2024), session, prompter, FakePublisher()).run()
    assert session.stored["name"] == "牛屯镇人民政府"
    assert any("UTF-8" in text for text, kind in said if kind == "error")


def test_a_body_name_with_nul_is_refused_on_the_command_line(run: Run, home: Path) -> None:
    result = run("new", "--org", "牛屯镇\x00人民政府", "--no-input")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "控制字符" in result.err
    assert not list(home.glob("*.json"))  # no empty interview left behind


def test_answers_file_names_with_nul_newline_or_esc_are_refused(
    run: Run, home: Path, tmp_path: Path
) -> None:
    # a control character refuses the whole file (exit 2, no interview); a line break
    # refuses that answer only (exit 1, the rest saved)
    for bad, code in (("牛屯镇\x00", 2), ("\x1b]0;x\x07牛屯镇", 2), ("牛屯镇\n人民政府", 1)):
        answers = write_answers(tmp_path / "a.json", {**COMPLETE, "org_name": bad}, "json")
        result = run("new", "--answers", str(answers), "--no-input", "--out", str(tmp_path))
        assert result.code == code and "org_name" in result.err
        assert "\x1b" not in result.err and "\x00" not in result.err
    assert len(list(home.glob("*.json"))) == 1
    assert not list(tmp_path.glob("*.txt"))


def test_list_never_prints_escape_sequences(run: Run, home: Path) -> None:
    Store(home).create(flow="annual_report", org="\x1b]0;pwned\x07\x1b[2J牛屯镇").close()
    result = run("list")
    assert result.code == 0 and "牛屯镇" in result.out
    assert "\x1b" not in result.out and "\x07" not in result.out


@pytest.mark.parametrize(
    "name", ["\x1b[2J报告.json", "\udcff报告.yaml"], ids=["esc-in-name", "not-utf8-name"]
)
def test_file_names_quoted_in_messages_cannot_drive_the_terminal(
    run: Run, tmp_path: Path, name: str
) -> None:
    for argv in (["render", str(tmp_path / name)], ["new", "--answers", str(tmp_path / name)]):
        result = run(*argv)
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1
        assert "\x1b" not in result.err and "\udcff" not in result.err


def test_an_imported_report_whose_name_holds_a_control_character_is_refused(
    run: Run, home: Path, tmp_path: Path
) -> None:
    sample = Path(__file__).parent / "data" / "niutun-2023-sample.txt"
    text = sample.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    source = tmp_path / "去年.txt"
    source.write_text(first.replace("牛屯镇", "牛屯\x1b[2J镇", 1) + "\n" + rest, encoding="utf-8")
    result = run("import", str(source))
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "\x1b" not in result.err
    assert not home.exists() or not list(home.glob("*.json"))


# Issue 20: nothing raw reaches the terminal; typed escape sequences keep the line.
def test_an_escape_sequence_typed_at_a_prompt_is_dropped_and_the_line_kept(
    keyboard: PipeInput,
) -> None:
    _feed(keyboard, "申请\x1b[31m人\x1b[<0;1;2m张三\r".encode())
    reply = TerminalPrompter().ask_line("问？", hint="提示")
    assert reply == "申请人张三"


def test_a_cut_paste_says_how_much_was_received_and_kept(
    keyboard: PipeInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(terminal, "MAX_TYPED_CHARS", 1000)
    _feed(keyboard, ("\x1b[200~" + "牛" * 3500 + "\x1b[201~" + ENTER).encode("utf-8"))
    prompter = TerminalPrompter()
    said: list[tuple[str, str]] = []
    prompter.say = lambda text, kind="assistant": said.append((text, kind))  # type: ignore[method-assign]
    assert len(prompter.ask_line("问？", hint="提示")) == 1000
    note = " ".join(text for text, kind in said if kind == "note")
    assert "共 3,500 字" in note and "前 1,000 字" in note and "2,500" in note


def test_what_the_terminal_says_passes_the_door() -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(24, 80), term="xterm")
    cell = "\x1b]0;pwned\x07\x1b[2J\x9b2J某村民委员会"  # a ledger cell asked about
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        TerminalPrompter().say(f"申请人“{cell}”应归哪一类？")
    shown = screen.getvalue()
    assert "某村民委员会" in shown and "\x07" not in shown and "\x9b" not in shown
    assert "]0;pwned" not in shown.replace("\ufffd]0;pwned", "")  # the ESC itself is gone


def test_check_prints_a_file_name_with_controls_through_the_door(run: Run, tmp_path: Path) -> None:
    from report_interview.write.render import render_text

    from .samples import reference

    path = tmp_path / "牛屯镇\x1b]0;x\x07\x1b[2J.txt"
    path.write_text(render_text(reference()), encoding="utf-8")
    result = run("check", str(path))
    assert "\x1b" not in result.out + result.err and "\x07" not in result.out + result.err
    assert "\ufffd" in result.out
