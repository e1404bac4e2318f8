"""The chat front end, driven through prompt_toolkit's pipe input with the keys a person
types: the TerminalPrompter on its own, then whole conversations on an in-memory session.

Every test types all its keys up front and then closes the pipe: prompt_toolkit keeps
the keys one prompt does not use for the next one (a stray Enter is typed into the next
prompt), and a test that runs out of keys ends with end-of-input (Interrupted) instead
of waiting for ever.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput, Output
from prompt_toolkit.output.vt100 import Vt100_Output

from report_interview.chat.conversation import Conversation, Outcome
from report_interview.chat.prompter import HINT_LINE, Command, Interrupted, Reply
from report_interview.chat.terminal import TerminalPrompter
from report_interview.cli.sources import make_engine
from report_interview.flow.engine import Engine, encode
from report_interview.flow.loader import load_flow, parse_flow
from report_interview.flow.model import Flow

from .fakes import FakePublisher, FakeSession, ScriptedPrompter
from .test_engine import township_answers

# Keys as a terminal sends them.
ENTER = "\r"
DOWN = "\x1b[B"
SPACE = " "
CTRL_C = "\x03"
ESC_ENTER = "\x1b\r"  # Esc then Enter: a new line inside a paragraph

# One question of every kind, in two sections.
FLOW = parse_flow(
    """
name: chat_test
title: 测试
intro: 您好，这是一段测试对话。
sections:
  - id: basics
    title: 基本情况
    intro: 先问几个简单的问题。
    questions:
      - id: name
        kind: text
        text: 报告单位的全称是什么？
        help: 和公章一致的机关名称。
        example: 牛屯镇人民政府
      - {id: count, kind: integer, text: 今年收到几件申请？, unit: 件}
      - {id: staff, kind: integer, text: 有几名工作人员？, unit: 人}
      - {id: fee, kind: decimal, text: 收费多少万元？, unit: 万元}
      - {id: online, kind: yesno, text: 有没有政府网站？}
      - {id: charged, kind: yesno, text: 收过信息处理费吗？}
      - id: kind
        kind: choice
        text: 本单位属于哪一类？
        choices:
          - {value: township, label: 乡镇人民政府, help: 包括街道办事处}
          - {value: department, label: 县级政府部门}
          - {value: other, label: 其他机关}
      - id: channels
        kind: choices
        text: 通过哪些渠道公开信息？
        other: true
        choices: [政府网站, 微信公众号, 公开栏]
      - id: split
        kind: breakdown
        text: 申请人分别是哪一类？
        total: count
        when: count > 0
        choices: [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他]
  - id: words
    title: 文字部分
    intro: 最后写两段话。
    questions:
      - {id: story, kind: paragraph, text: 请写一段全年工作总结。, default: "'全年工作顺利。'"}
      - {id: plans, kind: paragraph, text: 明年有什么打算？}
""",
    "chat_test.yaml",
)

# The replies to FLOW's basics section, typed as a clerk would, and what they are saved as.
BASICS_KEYS = [
    "牛屯镇人民政府" + ENTER,
    "４" + ENTER,  # full-width digit
    "十二" + ENTER,  # Chinese numeral
    "1.5" + ENTER,
    "是" + ENTER,
    "否" + ENTER,
    DOWN + ENTER,  # the second option
    SPACE + DOWN + SPACE + ENTER,  # tick the first two boxes
    "3 1 0 0 0 0" + ENTER,
]
BASICS_SAVED: dict[str, Any] = {
    "name": "牛屯镇人民政府",
    "count": 4,
    "staff": 12,
    "fee": "1.5",  # decimals are stored as text
    "online": True,
    "charged": False,
    "kind": "department",
    "channels": ["政府网站", "微信公众号"],
    "split": {"自然人": 3, "商业企业": 1, "科研机构": 0, "社会公益组织": 0, "法律服务机构": 0,
              "其他": 0},
}  # fmt: skip

# English that questionary or prompt_toolkit would show unless told otherwise.
ENGLISH_HINTS = ("Use arrow", "arrow keys", "(Y/n)", "(y/N)", "<space>", "Use shortcuts")


# ---------------------------------------------------------------- test doubles


class RecordingPrompter(TerminalPrompter):
    """The real prompter, remembering what it said and which prompts it showed."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[tuple[str, str]] = []
        self.asked: list[str] = []

    def before_prompt(self) -> None:
        """Called as each prompt is about to be shown."""

    def say(self, text: str, kind: str = "assistant") -> None:
        self.said.append((text, kind))
        super().say(text, kind)

    def ask_line(
        self, message: str, *, default: str = "", hint: str, multiline: bool = False
    ) -> Reply:
        self.asked.append(message.splitlines()[0])
        self.before_prompt()
        return super().ask_line(message, default=default, hint=hint, multiline=multiline)

    def ask_select(
        self,
        message: str,
        options: Sequence[tuple[str, str]],
        *,
        default: str | None,
        hint: str,
        navigation: bool = True,
    ) -> Reply:
        self.asked.append(message.splitlines()[0])
        self.before_prompt()
        return super().ask_select(
            message, options, default=default, hint=hint, navigation=navigation
        )

    def ask_checkbox(
        self, message: str, options: Sequence[tuple[str, str]], *, default: Sequence[str], hint: str
    ) -> list[str] | Command:
        self.asked.append(message.splitlines()[0])
        self.before_prompt()
        return super().ask_checkbox(message, options, default=default, hint=hint)

    def text(self, kind: str | None = None) -> str:
        """Everything said (of one kind), one message per line."""
        return "\n".join(t for t, k in self.said if kind is None or k == kind)


class TypistPrompter(RecordingPrompter):
    """Types each prompt's keys only once that prompt is shown, as a person does, so
    every prompt is drawn before its keys arrive; the pipe is closed after the last."""

    def __init__(self, pipe: PipeInput, keys: Sequence[str]) -> None:
        super().__init__()
        self.pipe = pipe
        self.keys = list(keys)

    def before_prompt(self) -> None:
        if self.keys:
            self.pipe.send_text(self.keys.pop(0))
        else:
            self.pipe.close()


@pytest.fixture
def keyboard() -> Iterator[PipeInput]:
    """A pipe to type into, with the screen thrown away."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def type_keys(pipe: PipeInput, *keys: str) -> None:
    """Type everything at once, then close the pipe so that running out of keys ends the
    conversation (end of input) rather than hanging the test."""
    pipe.send_text("".join(keys))
    pipe.close()


def engine_for(flow: Flow) -> Engine:
    """The small test flow as it is; the real flow with its composers and validator."""
    return Engine(flow, this_year=2024) if flow is FLOW else make_engine(flow, this_year=2024)


def converse(
    pipe: PipeInput, *keys: str, flow: Flow = FLOW, stored: dict[str, Any] | None = None
) -> tuple[Outcome, RecordingPrompter, FakeSession]:
    """Run a whole conversation on `keys` with a fresh prompter and session."""
    prompter = RecordingPrompter()
    session = FakeSession(stored)
    engine = engine_for(flow)
    type_keys(pipe, *keys)
    outcome = Conversation(engine, session, prompter, FakePublisher()).run()
    return outcome, prompter, session


# ---------------------------------------------------------------- the prompter alone


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ("牛屯镇人民政府" + ENTER, "牛屯镇人民政府"),
        ("１２" + ENTER, "１２"),
        ("十二" + ENTER, "十二"),
        ("第一段" + ESC_ENTER + "第二段" + ENTER, "第一段\n第二段"),
        (ENTER, ""),
    ],
    ids=["chinese-text", "full-width-digits", "chinese-numeral", "esc-enter-new-line", "empty"],
)
def test_line_prompt_returns_exactly_what_was_typed(
    keyboard: PipeInput, keys: str, expected: str
) -> None:
    type_keys(keyboard, keys)
    assert TerminalPrompter().ask_line("问？", hint=HINT_LINE) == expected


def test_line_prompt_offers_its_default_in_words(keyboard: PipeInput) -> None:
    prompter = RecordingPrompter()
    type_keys(keyboard, ENTER)
    # Enter returns nothing: the conversation, not the prompter, substitutes the default.
    assert prompter.ask_line("哪一年？", default="2023", hint=HINT_LINE) == ""
    assert prompter.said == [("哪一年？\n（直接回车 = 2023）", "assistant")]


def test_paragraph_default_is_editable_and_kept_by_enter(keyboard: PipeInput) -> None:
    type_keys(keyboard, ENTER, "。" + ENTER)
    prompter = TerminalPrompter()
    kwargs: dict[str, Any] = {"default": "全年工作顺利", "hint": HINT_LINE, "multiline": True}
    assert prompter.ask_line("总结？", **kwargs) == "全年工作顺利"
    assert prompter.ask_line("总结？", **kwargs) == "全年工作顺利。"  # typed at the end


def test_paragraph_default_can_be_cleared_and_replaced(keyboard: PipeInput) -> None:
    type_keys(keyboard, "\x18" + "第一段" + ESC_ENTER + "第二段" + ENTER)  # Ctrl-X, then type
    prompter = TerminalPrompter()
    kwargs: dict[str, Any] = {
        "default": "程序写的一段\n又一段",
        "hint": HINT_LINE,
        "multiline": True,
    }
    assert prompter.ask_line("总结？", **kwargs) == "第一段\n第二段"


OPTIONS = [("a", "甲"), ("b", "乙"), ("c", "丙")]


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        (ENTER, None, "a"),
        (DOWN + ENTER, None, "b"),
        (DOWN + DOWN + ENTER, None, "c"),
        (ENTER, "b", "b"),
        (DOWN + ENTER, "b", "c"),
    ],
    ids=["enter-first", "down-once", "down-twice", "enter-default", "down-from-default"],
)
def test_select_moves_with_arrow_keys(
    keyboard: PipeInput, keys: str, default: str | None, expected: str
) -> None:
    type_keys(keyboard, keys)
    assert TerminalPrompter().ask_select("哪个？", OPTIONS, default=default, hint="") == expected


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        (SPACE + DOWN + SPACE + ENTER, [], ["a", "b"]),
        (DOWN + DOWN + SPACE + ENTER, [], ["c"]),
        (ENTER, ["b"], ["b"]),
        (DOWN + SPACE + ENTER, ["b"], []),
        (ENTER, [], []),
    ],
    ids=["tick-two", "tick-third", "keep-default", "untick-default", "none"],
)
def test_checkbox_ticks_with_space(
    keyboard: PipeInput, keys: str, default: list[str], expected: list[str]
) -> None:
    type_keys(keyboard, keys)
    assert TerminalPrompter().ask_checkbox("哪些？", OPTIONS, default=default, hint="") == expected


@pytest.mark.parametrize("menu", ["select", "checkbox"])
@pytest.mark.parametrize(
    ("key", "command"),
    [("?", Command.HELP), ("<", Command.BACK), (">", Command.JUMP)],
    ids=["help", "back", "jump"],
)
def test_navigation_keys_then_enter_end_a_menu_with_a_command(
    keyboard: PipeInput, menu: str, key: str, command: Command
) -> None:
    type_keys(keyboard, DOWN + SPACE + key + ENTER)  # as at a text prompt: key, then Enter
    prompter = TerminalPrompter()
    if menu == "select":
        assert prompter.ask_select("哪个？", OPTIONS, default=None, hint="") is command
    else:
        assert prompter.ask_checkbox("哪些？", OPTIONS, default=[], hint="") is command


BACKSPACE, ESC = "\x7f", "\x1b"


@pytest.mark.parametrize("menu", ["select", "checkbox"])
@pytest.mark.parametrize("cancel", [BACKSPACE, ESC], ids=["backspace", "esc"])
def test_a_command_key_typed_in_a_menu_is_taken_back_and_enter_then_chooses(
    keyboard: PipeInput, menu: str, cancel: str
) -> None:
    type_keys(keyboard, DOWN + SPACE + "?" + cancel + ENTER)
    prompter = TerminalPrompter()
    if menu == "select":
        assert prompter.ask_select("哪个？", OPTIONS, default=None, hint="") == "b"
    else:
        assert prompter.ask_checkbox("哪些？", OPTIONS, default=[], hint="") == ["b"]


@pytest.mark.parametrize("menu", ["select", "checkbox"])
def test_a_command_key_waits_in_the_prompt_line_saying_what_enter_does(menu: str) -> None:
    # drawn after "您 › " (the screen is redrawn by difference: only the change is written)
    pending = re.compile(r"？\s+（回车看说明，退格取消）")

    class EnterOnceShown(_Screen):
        """The clerk reads the prompt line, then presses Enter."""

        entered = False

        def flush(self) -> None:
            if not self.entered and pending.search(_visible(self)):
                self.entered = True
                type_keys(pipe, ENTER)

    screen = EnterOnceShown()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=screen_output(screen)):
        pipe.send_text("？")  # the full-width ？ of a Chinese input method too
        prompter = TerminalPrompter()
        if menu == "select":
            assert prompter.ask_select("哪个？", OPTIONS, default=None, hint="") is Command.HELP
        else:
            assert prompter.ask_checkbox("哪些？", OPTIONS, default=[], hint="") is Command.HELP


def test_help_then_enter_in_a_menu_never_submits_an_empty_choice(keyboard: PipeInput) -> None:
    """`?` then Enter, as at a text prompt, in the multiple choice: the help, then the
    same menu; nothing ticked and no "请至少选一项"."""
    keys = [*BASICS_KEYS[:7], "?" + ENTER, SPACE + ENTER, CTRL_C]
    _, prompter, session = converse(keyboard, *keys)
    assert prompter.asked[7:9] == ["通过哪些渠道公开信息？"] * 2
    assert not prompter.text("error")
    assert session.stored["channels"] == ["政府网站"]


def _ask(prompter: TerminalPrompter, kind: str) -> object:
    if kind == "line":
        return prompter.ask_line("问？", hint=HINT_LINE)
    if kind == "paragraph":
        return prompter.ask_line("问？", default="草稿", hint=HINT_LINE, multiline=True)
    if kind == "select":
        return prompter.ask_select("哪个？", OPTIONS, default=None, hint="")
    return prompter.ask_checkbox("哪些？", OPTIONS, default=[], hint="")


@pytest.mark.parametrize("kind", ["line", "paragraph", "select", "checkbox"])
@pytest.mark.parametrize("keys", ["半截" + CTRL_C, ""], ids=["ctrl-c", "end-of-input"])
def test_ctrl_c_or_end_of_input_interrupts_every_prompt(
    keyboard: PipeInput, kind: str, keys: str
) -> None:
    type_keys(keyboard, keys)
    with pytest.raises(Interrupted):
        _ask(TerminalPrompter(), kind)


# ---------------------------------------------------------------- whole conversations


def test_every_kind_is_read_as_typed_and_saved_at_once(keyboard: PipeInput) -> None:
    typed = [*BASICS_KEYS, ENTER, "明年加强培训" + ESC_ENTER + "按时更新" + ENTER]
    # then, under the report's first page, a opens the answers review; Ctrl-C there
    outcome, prompter, session = converse(keyboard, *typed, "a" + ENTER, CTRL_C)
    assert outcome == Outcome(finished=False, files=[], interrupted=True)
    assert session.stored == {
        **BASICS_SAVED,
        "story": "全年工作顺利。",  # the paragraph's default, kept with Enter
        "plans": "明年加强培训\n按时更新",
    }
    assert [qid for qid, _ in session.saves] == [*BASICS_SAVED, "story", "plans"]
    assert session.meta_fields["position"] == "plans"
    # every question once, the report's first page, the answers' first page
    assert len(prompter.asked) == len(set(prompter.asked)) == len(FLOW.questions) + 2
    assert prompter.asked[-2].startswith("第 1/") and prompter.asked[-1] == "这一页的回答都对吗？"
    review = prompter.text("review")
    assert "收费多少万元？  1.5 万元" in review and "今年收到几件申请？  4 件" in review
    assert "通过哪些渠道公开信息？  政府网站、微信公众号" in review
    assert "自然人（还有 4 件待分）" in prompter.asked  # the breakdown shows what is left
    assert "第 2 部分，共 2 部分：文字部分" in prompter.text("banner")
    assert f"report-interview resume {session.id}" in prompter.text("command")


def test_breakdown_one_category_at_a_time_fills_the_rest(keyboard: PipeInput) -> None:
    keys = [*BASICS_KEYS[:8], "3" + ENTER, "1" + ENTER, CTRL_C]
    _, prompter, session = converse(keyboard, *keys)
    assert session.stored["split"] == BASICS_SAVED["split"]
    assert prompter.asked[8:] == [
        "自然人（还有 4 件待分）",
        "商业企业（还有 1 件待分）",
        "请写一段全年工作总结。",
    ]
    assert "已经分完，其余各项都是 0。" in prompter.text("note")  # nothing left: not asked


def test_breakdown_that_does_not_add_up_is_asked_again(keyboard: PipeInput) -> None:
    keys = [*BASICS_KEYS[:8], "3 0 0 0 0 0" + ENTER, "4 0 0 0 0 0" + ENTER, CTRL_C]
    _, prompter, session = converse(keyboard, *keys)
    assert session.stored["split"] == {**BASICS_SAVED["split"], "自然人": 4, "商业企业": 0}
    assert prompter.asked[8:10] == ["自然人（还有 4 件待分）"] * 2
    assert "应为 4" in prompter.text("error")


def test_refused_reply_is_explained_and_asked_again(keyboard: PipeInput) -> None:
    _, prompter, session = converse(
        keyboard, BASICS_KEYS[0], "-3" + ENTER, "2.5" + ENTER, "三" + ENTER, CTRL_C
    )
    assert session.stored == {"name": "牛屯镇人民政府", "count": 3}
    assert prompter.asked == [
        "报告单位的全称是什么？",
        *["今年收到几件申请？"] * 3,
        "有几名工作人员？",
    ]
    errors = [text for text, kind in prompter.said if kind == "error"]
    assert len(errors) == 2 and "负数" in errors[0] and "整数" in errors[1]


def test_stray_enter_lands_in_the_next_prompt_and_is_not_an_answer(keyboard: PipeInput) -> None:
    _, prompter, session = converse(keyboard, "牛屯镇" + ENTER + ENTER, "0" + ENTER, CTRL_C)
    assert session.saves == [("name", "牛屯镇"), ("count", 0)]
    assert prompter.asked[:3] == [
        "报告单位的全称是什么？",
        "今年收到几件申请？",
        "今年收到几件申请？",
    ]
    assert prompter.text("error") == "请输入一个数字，例如 12；没有就输入 0。"


@pytest.mark.parametrize("word", ["?", "？", "帮助"], ids=["ascii", "full-width", "chinese"])
def test_help_at_a_line_prompt_says_the_help_then_asks_again(
    keyboard: PipeInput, word: str
) -> None:
    _, prompter, session = converse(keyboard, word + ENTER, "牛屯镇" + ENTER, CTRL_C)
    assert ("和公章一致的机关名称。\n例如：牛屯镇人民政府", "note") in prompter.said
    assert prompter.asked[:2] == ["报告单位的全称是什么？"] * 2
    assert session.saves[0] == ("name", "牛屯镇")


def test_help_key_in_a_menu_explains_the_options_then_shows_the_menu_again(
    keyboard: PipeInput,
) -> None:
    _, prompter, session = converse(keyboard, *BASICS_KEYS[:6], "?" + ENTER, ENTER, CTRL_C)
    assert "· 乡镇人民政府：包括街道办事处" in prompter.text("note")
    assert prompter.asked[-3:] == [
        "本单位属于哪一类？",
        "本单位属于哪一类？",
        "通过哪些渠道公开信息？",
    ]
    assert session.stored["kind"] == "township"


def test_back_reoffers_the_previous_answer_and_keeps_later_ones(keyboard: PipeInput) -> None:
    keys = [*BASICS_KEYS[:6], "<" + ENTER]  # "<" and Enter in the choice menu
    keys += ["<" + ENTER, "<" + ENTER, "2" + ENTER]  # back twice more, to the fee: now 2
    keys += [ENTER, CTRL_C]  # on to the choice menu: Enter takes the first option
    _, prompter, session = converse(keyboard, *keys)
    assert prompter.asked[5:] == [
        "收过信息处理费吗？",
        "本单位属于哪一类？",
        "收过信息处理费吗？",
        "有没有政府网站？",
        "收费多少万元？",
        "本单位属于哪一类？",  # the yes/no questions after the fee are not asked again
        "通过哪些渠道公开信息？",
    ]
    offered = [t for t, kind in prompter.said if kind == "assistant" and "直接回车" in t]
    assert offered == [
        "收过信息处理费吗？\n（请回答“是”或“否”）\n（直接回车 = 否）",
        "有没有政府网站？\n（请回答“是”或“否”）\n（直接回车 = 是）",
        "收费多少万元？\n（直接回车 = 1.5）",
    ]
    assert session.stored == {**{k: BASICS_SAVED[k] for k in list(BASICS_SAVED)[:6]},
                              "fee": "2", "kind": "township"}  # fmt: skip


def test_back_at_the_first_question_says_so(keyboard: PipeInput) -> None:
    _, prompter, _ = converse(keyboard, "<" + ENTER, CTRL_C)
    assert ("这已经是第一个问题了。", "note") in prompter.said
    assert prompter.asked == ["报告单位的全称是什么？"] * 2


def test_jump_from_a_line_prompt_walks_the_chosen_section(keyboard: PipeInput) -> None:
    keys = [">" + ENTER, DOWN + ENTER, ENTER, "加强培训" + ENTER, CTRL_C]
    _, prompter, session = converse(keyboard, *keys)
    assert prompter.asked == [
        "报告单位的全称是什么？",
        "跳到哪一部分？",
        "请写一段全年工作总结。",
        "明年有什么打算？",
        "报告单位的全称是什么？",  # then back to the first unanswered question
    ]
    assert "第 2 部分，共 2 部分：文字部分" in prompter.text("banner")
    assert session.stored == {"story": "全年工作顺利。", "plans": "加强培训"}


def test_jump_key_in_a_menu_opens_the_section_menu(keyboard: PipeInput) -> None:
    keys = [*BASICS_KEYS[:6], ">" + ENTER, DOWN + ENTER, ENTER, CTRL_C]
    _, prompter, session = converse(keyboard, *keys)
    assert prompter.asked[6:] == [
        "本单位属于哪一类？",
        "跳到哪一部分？",
        "请写一段全年工作总结。",
        "明年有什么打算？",
    ]
    assert session.stored["story"] == "全年工作顺利。" and "kind" not in session.stored


def test_quit_word_saves_and_leaves_without_interrupt(keyboard: PipeInput) -> None:
    outcome, prompter, session = converse(keyboard, "牛屯镇" + ENTER, "退出" + ENTER)
    assert outcome == Outcome(finished=False, files=[], interrupted=False)
    assert session.stored == {"name": "牛屯镇"}
    assert f"resume {session.id}" in prompter.text("command")


# ---------------------------------------------------------------- the real interview


# The real flow for a township without applications, typed key by key.
TOWNSHIP_KEYS = [
    "牛屯镇人民政府" + ENTER,  # org_name: its kind and self-name (我镇) follow from it
    "2023" + ENTER,  # report_year
    "牛屯镇党政办公室" + ENTER,  # contact_office (offered, typed all the same)
    "滑县牛屯镇人民路1号" + ENTER,  # contact_address
    "0372-5123456" + ENTER,  # contact_phone
    SPACE + ENTER,  # proactive_channels: 政府网站
    "滑县人民政府门户网站“牛屯镇”专栏" + ENTER,  # website_name: where the report is read too
    "166" + ENTER,  # channel_counts: the website's count
    ENTER,  # proactive_total: the channels' sum, as offered
    ENTER,  # key_areas: none ticked (optional)
    SPACE + ENTER,  # management_practices: 发布前保密审查
    SPACE + ENTER,  # platform_work: 维护政府网站信息公开专栏
    "4 0 0" + ENTER,  # oversight_counts: organised, attended, accountability
    "是" + ENTER,  # in_assessment (no default without last year's answer)
    "考核结果尚未公布" + ENTER,  # assessment_result
    "否" + ENTER,  # public_review (no default: it is about this year)
    "0 无" + ENTER,  # document_changes: issued, repealed
    "０" + ENTER,  # documents_in_force
    "没有 0 零" + ENTER,  # decisions: licensing, penalty, enforcement
    "0" + ENTER,  # fees
    "0" + ENTER,  # apps_new
    "0" + ENTER,  # apps_carried (no default without last year's report)
    "否" + ENTER,  # has_cases
    ENTER,  # last_problems: none written
    ENTER,  # last_report: 没有提出具体问题 (the first option)
    SPACE + ENTER,  # problems_chosen: 部分栏目信息更新不够及时
    ENTER,  # problem_measures: the bank's measure for it, offered, taken
    SPACE + ENTER,  # next_plans
    "否" + ENTER,  # info_fee_charged (no default)
    "否" + ENTER,  # handles_proposals (no default)
    SPACE + ENTER,  # work_points
    ENTER,  # other_notes: none
]


def test_ctrl_c_in_the_real_interview_keeps_every_answer_given(keyboard: PipeInput) -> None:
    outcome, prompter, session = converse(keyboard, *TOWNSHIP_KEYS[:2], CTRL_C, flow=load_flow())
    assert outcome == Outcome(finished=False, files=[], interrupted=True)
    assert session.stored == {"org_name": "牛屯镇人民政府", "report_year": 2023}
    assert session.meta_fields["org"] == "牛屯镇人民政府" and session.meta_fields["year"] == 2023
    assert prompter.said[-1] == (
        "已保存，下次输入 report-interview resume 20240101-0900-abcd 接着填。",
        "command",  # a command to type is never broken over two lines
    )


def test_whole_interview_reviews_the_report_and_writes(keyboard: PipeInput) -> None:
    prompter, session, publish = RecordingPrompter(), FakeSession(), FakePublisher()
    # under the first page of the report review: w writes Word and text, the default
    type_keys(keyboard, *TOWNSHIP_KEYS, "w" + ENTER)
    engine = engine_for(load_flow())
    outcome = Conversation(engine, session, prompter, publish).run()
    files = [Path("/reports/report.docx"), Path("/reports/report.txt")]
    assert outcome == Outcome(finished=True, files=files)
    assert publish.formats == [["docx", "txt"]]  # the default choice of files
    assert session.meta_fields["status"] == "finished"
    assert session.stored["fees"] == "0" and session.stored["has_cases"] is False
    assert len(session.saves) == len(TOWNSHIP_KEYS)
    (report,) = publish.reports
    assert report.title == "牛屯镇人民政府2023年政府信息公开工作年度报告"
    assert prompter.asked[-1].startswith("第 1/")  # the one line under the report's page
    first_page = prompter.text("report")
    assert first_page.startswith("检查通过：表格勾稽关系和格式都没有问题。")
    assert "牛屯镇人民政府2023年政府信息公开工作年度报告\n【1】根据《" in first_page
    written = "报告已生成：\n  /reports/report.docx\n  /reports/report.txt\n乡镇、街道一般"
    assert written in prompter.text("note")


PAGE_MENU, REPORT_PAGE = "这一页的回答都对吗？", "第 1/"  # an answers page, the report's first
LAST_QUESTION = "第 1 条（直接回车结束）"  # other_notes, the last question asked


@pytest.mark.parametrize(
    ("keys", "menu", "next_prompt"),
    [
        (["?" + ENTER], REPORT_PAGE, REPORT_PAGE),  # the help, then the same line again
        (["a" + ENTER, "?" + ENTER], PAGE_MENU, PAGE_MENU),
        (["<" + ENTER], REPORT_PAGE, LAST_QUESTION),
        (["a" + ENTER, "<" + ENTER], PAGE_MENU, REPORT_PAGE),  # the answers' first page: the report
        ([">" + ENTER], REPORT_PAGE, "跳到哪一部分？"),  # the section menu
        (["a" + ENTER, ">" + ENTER], PAGE_MENU, "跳到哪一部分？"),
    ],
    ids=["help-report", "help-answers", "back-report", "back-answers", "jump-report",
         "jump-answers"],
)  # fmt: skip
def test_navigation_keys_in_the_review_do_not_leave(
    keyboard: PipeInput, keys: list[str], menu: str, next_prompt: str
) -> None:
    flow = load_flow()
    answers = township_answers(engine_for(flow))
    stored = {qid: encode(flow.question(qid), value) for qid, value in answers.items()}
    outcome, prompter, _ = converse(keyboard, *keys, CTRL_C, flow=flow, stored=stored)
    shown = prompter.asked[len(keys) - 1 : len(keys) + 1]
    assert [shown[0].startswith(menu), shown[1].startswith(next_prompt)] == [True, True], shown
    assert outcome.interrupted  # left only by the Ctrl-C after it


# ---------------------------------------------------------------- what reaches the screen


class _Screen(io.StringIO):
    encoding = "utf-8"


def screen_output(screen: io.StringIO) -> Output:
    """A real VT100 output writing into memory, to read what the clerk would see."""
    return Vt100_Output(screen, get_size=lambda: Size(rows=40, columns=120))


def _visible(screen: io.StringIO) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07", "", screen.getvalue())


@pytest.mark.parametrize(
    ("flow", "keys", "shown"),
    [
        (FLOW, [*BASICS_KEYS, ENTER, "?" + ENTER, ">" + ENTER, CTRL_C], ["县级政府部门", "公开栏"]),
        (
            load_flow(),
            [*TOWNSHIP_KEYS, "f" + ENTER, ENTER, "w" + ENTER],
            ["乡镇人民政府或街道办事处", "【1】根据", "Word 文档（.docx"],
        ),
    ],
    ids=["every-kind-and-jump-menu", "real-interview-to-the-end"],
)
def test_no_english_library_hints_reach_the_screen(
    flow: Flow, keys: list[str], shown: list[str]
) -> None:
    screen = _Screen()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=screen_output(screen)):
        prompter = TypistPrompter(pipe, keys)
        engine = engine_for(flow)
        Conversation(engine, FakeSession(), prompter, FakePublisher()).run()
    assert not prompter.keys  # every prompt was shown and answered
    text = _visible(screen)
    assert all(label in text for label in shown)  # the menus were drawn with their options
    assert "↑↓ 选择，回车确定" in text  # our own hint lines instead
    for english in ENGLISH_HINTS:
        assert english not in text


def test_checkbox_answer_summary_is_not_english() -> None:
    screen = _Screen()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=screen_output(screen)):
        type_keys(pipe, SPACE + DOWN + SPACE + ENTER)
        assert TerminalPrompter().ask_checkbox("哪些？", OPTIONS, default=[], hint="") == ["a", "b"]
    shown = _visible(screen)
    assert "selections" not in shown and "done" not in shown


def test_ticked_labels_are_echoed_apart_even_when_they_hold_a_comma() -> None:
    options = [("board", "政务公开栏、村（居）务公开栏"), ("site", "网站"), ("x", "其他")]
    screen = _Screen()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=screen_output(screen)):
        type_keys(pipe, SPACE + DOWN + SPACE + ENTER)
        assert TerminalPrompter().ask_checkbox("哪些？", options, default=[], hint="") == [
            "board",
            "site",
        ]
    assert "您 › 政务公开栏、村（居）务公开栏；网站" in _visible(screen)


def test_menu_answer_is_echoed_in_chinese() -> None:
    screen = _Screen()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=screen_output(screen)):
        type_keys(pipe, DOWN + ENTER)
        assert TerminalPrompter().ask_select("哪个？", OPTIONS, default=None, hint="") == "b"
    assert re.search(r"您 ›\s+乙", _visible(screen))


# ---------------------------------------------------------------- drafts: nothing typed is lost

DRAFT_FLOW = parse_flow(
    """
name: drafts
title: T
sections:
  - id: s
    title: 一
    questions:
      - {id: n, kind: integer, text: 几件？}
      - {id: split, kind: breakdown, text: 怎么分？, total: n,
         choices: [{value: x, label: 甲类}, {value: y, label: 乙类}, {value: z, label: 丙类}]}
      - {id: items, kind: list, text: 哪些问题？}
""",
    "drafts.yaml",
)


def _run_scripted(session: FakeSession, replies: list[Any]) -> ScriptedPrompter:
    prompter = ScriptedPrompter(replies)
    Conversation(Engine(DRAFT_FLOW, this_year=2024), session, prompter, FakePublisher()).run()
    return prompter


def test_a_split_left_halfway_goes_on_where_it_stopped() -> None:
    session = FakeSession({"n": 5})
    _run_scripted(session, ["2", "退出"])  # 甲类 2, then leave at 乙类
    assert session.meta_fields["draft"] == {"question": "split", "value": {"x": 2}}
    prompter = _run_scripted(session, ["1"])  # resumed: 乙类 1, 丙类 takes the rest
    assert "上次已填：甲类 2" in prompter.text("note")
    assert prompter.asked[0].startswith("乙类")
    assert session.stored["split"] == {"x": 2, "y": 1, "z": 2}
    assert session.meta_fields["draft"] is None  # done with once the answer is saved


def test_list_items_are_kept_one_by_one_and_resume_after_the_last() -> None:
    session = FakeSession({"n": 0})
    _run_scripted(session, ["第一条问题", "第二条问题", Command.QUIT])
    assert session.meta_fields["draft"]["value"] == ["第一条问题", "第二条问题"]
    prompter = _run_scripted(session, ["第三条问题", ""])
    assert prompter.asked[0] == "第 3 条（直接回车结束）"
    assert session.stored["items"] == ["第一条问题", "第二条问题", "第三条问题"]


def test_a_paired_list_asks_only_what_is_not_offered_and_back_asks_the_offer() -> None:
    """Measures for problems from the bank are offered: said, not asked; the clerk's own
    problem's measure is asked, and then the whole list is shown to take with Enter or
    change. < at the own one goes back to the offered one, now asked (no list after)."""
    from report_interview.chat.entry import ask_items

    pairs = ["栏目更新不及时", "征地信息公开不及时，群众查找不便"]
    offered = ["建立更新责任清单", ""]
    prompter = ScriptedPrompter(["批复后5个工作日内公开", "1", "每周检查栏目", ""])

    def read(message: str, default: str) -> Reply:
        return prompter.ask_line(message, default=default, hint="") or default

    items = ask_items(prompter, read, pairs=pairs, required=True, default=offered)
    assert items == ["每周检查栏目", "批复后5个工作日内公开"]  # the offered one changed
    assert prompter.asked[0] == "2/2 针对“征地信息公开不及时，群众查找不便”："
    assert prompter.asked[1].startswith("直接回车采用以上 2 条；输入编号修改那一条")
    assert "1/2 针对“栏目更新不及时”：建立更新责任清单（已配好，最后一起核对）" in prompter.text()
    prompter = ScriptedPrompter([Command.BACK, "每周检查", "批复后公开"])
    items = ask_items(prompter, read, pairs=pairs, required=True, default=offered)
    assert items == ["每周检查", "批复后公开"]
    assert prompter.asked[1] == "1/2 针对“栏目更新不及时”："


OWN_FLOW = parse_flow(
    """
name: own
title: T
sections:
  - id: s
    title: 一
    questions:
      - {id: areas, kind: choices, text: 哪些领域？, other: true,
         choices: [{value: budget, label: 财政预决算}]}
      - {id: n, kind: integer, text: 几件？}
""",
    "own.yaml",
)


def test_several_own_entries_and_help_at_the_own_entry_prompt() -> None:
    session = FakeSession()
    prompter = ScriptedPrompter([["budget", "__other__"], "?", "土地征收、规划批前公示", "3"])
    Conversation(Engine(OWN_FLOW, this_year=2024), session, prompter, FakePublisher()).run()
    assert "土地征收、规划批前公示" in prompter.text("note")  # ? explained, not saved
    assert session.stored["areas"] == ["budget", "土地征收", "规划批前公示"]


EACH_FLOW = parse_flow(
    """
name: each
title: T
sections:
  - id: s
    title: 一
    questions:
      - {id: plans, kind: choices, text: 明年打算？, other: each, required: false,
         choices: [{value: standards, label: 深入推进基层政务公开标准化规范化建设}]}
      - {id: n, kind: integer, text: 几件？}
""",
    "each.yaml",
)


def test_sentences_of_other_each_are_asked_one_a_line_and_kept_word_for_word() -> None:
    """A problem holding 、 stays one (newcomer run 2); an entry that is part of an
    option's label is the clerk's own words, not the option (newcomer run 1); 无 is none."""
    session = FakeSession()
    mine = "征地信息公开的及时性还不够、个别答复文书不够规范"
    prompter = ScriptedPrompter([["__other__"], mine, "推进基层政务公开标准化规范化建设", "无",
                                 "", "3"])  # fmt: skip
    Conversation(Engine(EACH_FLOW, this_year=2024), session, prompter, FakePublisher()).run()
    assert session.stored["plans"] == [mine, "推进基层政务公开标准化规范化建设"]
    assert prompter.asked[1:5] == ["第 1 条", "第 2 条（直接回车结束）",
                                   "第 3 条（直接回车结束）", "第 4 条（直接回车结束）"]  # fmt: skip


def test_an_own_entry_saying_none_is_no_entry() -> None:
    session = FakeSession()
    prompter = ScriptedPrompter([["__other__"], "无", "", Command.BACK, [], "3"])
    Conversation(Engine(EACH_FLOW, this_year=2024), session, prompter, FakePublisher()).run()
    assert "没有的话，按 < 回去取消选中“其他”" in prompter.text("error")
    assert session.stored["plans"] == []


def test_an_own_entry_is_split_only_at_the_ideographic_comma_the_prompt_names() -> None:
    session = FakeSession()
    own = "征地信息公开的及时性还不够、复议纠正1件，说明答复质量有待提高"
    prompter = ScriptedPrompter([["__other__"], own, "3"])
    Conversation(Engine(OWN_FLOW, this_year=2024), session, prompter, FakePublisher()).run()
    assert session.stored["areas"] == [
        "征地信息公开的及时性还不够",
        "复议纠正1件，说明答复质量有待提高",
    ]


def test_going_back_to_a_choice_keeps_other_ticked_and_its_text_offered() -> None:
    session = FakeSession({"areas": ["budget", "土地征收"]})
    checkbox_defaults: list[Sequence[str]] = []

    class Watching(ScriptedPrompter):
        def ask_checkbox(self, message: str, options: Sequence[tuple[str, str]], *,
                         default: Sequence[str], hint: str) -> list[str] | Command:  # fmt: skip
            checkbox_defaults.append(list(default))
            return super().ask_checkbox(message, options, default=default, hint=hint)

    prompter = Watching(["", "", "5"])  # keep the ticks, keep the own text, then 几件
    engine = Engine(OWN_FLOW, this_year=2024)
    conversation = Conversation(engine, session, prompter, FakePublisher())
    conversation.forced = OWN_FLOW.question("areas")
    conversation.run()
    assert checkbox_defaults[0] == ["budget", "__other__"]
    assert session.stored["areas"] == ["budget", "土地征收"]


def test_ctrl_x_clears_at_once_and_the_paragraph_hint_says_how_to_go_back() -> None:
    from prompt_toolkit.keys import Keys

    from report_interview.chat.prompter import HINT_PARAGRAPH
    from report_interview.chat.tables import width
    from report_interview.chat.terminal import _line_bindings

    # Ctrl-X also begins Emacs sequences: only an eager binding runs without waiting
    bindings = _line_bindings().get_bindings_for_keys((Keys.ControlX,))
    (binding,) = [b for b in bindings if b.keys == (Keys.ControlX,)]  # not the length cap
    assert binding.eager()
    toolbar = TerminalPrompter._toolbar(HINT_LINE, default="写好的段落", multiline=True)
    assert (
        toolbar == HINT_PARAGRAPH
        and "末尾加 < 回车返回上一题" in toolbar
        and "加 > 跳转" in toolbar
    )
    assert width(toolbar) <= 80
    assert TerminalPrompter._toolbar(HINT_LINE, default="", multiline=False) == HINT_LINE


def test_ctrl_x_then_typing_replaces_the_prefilled_paragraph(keyboard: PipeInput) -> None:
    type_keys(keyboard, "\x18" + "新的一段" + ENTER)
    reply = TerminalPrompter().ask_line("段落", default="旧的一段", hint="", multiline=True)
    assert reply == "新的一段"


def test_the_prompter_tells_the_terminal_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("LINES", "40")
    assert TerminalPrompter().screen_size() == (120, 40)


def test_every_hint_line_fits_an_80_column_terminal() -> None:
    from report_interview.chat import prompter
    from report_interview.chat.tables import width

    hints = {name: getattr(prompter, name) for name in dir(prompter) if name.startswith("HINT_")}
    assert len(hints) >= 7
    assert {name: width(hint) for name, hint in hints.items() if width(hint) > 80} == {}


def test_a_settled_answer_is_said_once_though_two_answers_settle_it() -> None:
    """Where to read the report rests on the channels and on the website column: said
    when the channels settle it, not again after the website (a newcomer saw it twice)."""
    from .test_engine import ZERO_TOWNSHIP

    basics = ("org_name", "org_kind", "org_self", "report_year", "contact_office",
              "contact_address", "contact_phone")  # fmt: skip
    flow = load_flow()
    stored = {k: encode(flow.question(k), ZERO_TOWNSHIP[k]) for k in basics}
    site = "滑县人民政府门户网站（www.hnhx.gov.cn）“政府信息公开”专栏"
    engine = make_engine(flow, this_year=2024, previous={"report_site": site})
    prompter = ScriptedPrompter([["website"], "滑县人民政府门户网站“牛屯镇”专栏", Command.QUIT])
    Conversation(engine, FakeSession(stored), prompter, FakePublisher()).run()
    told = [text for kind, text in prompter.said if kind == "note" and "报告发布后" in text]
    assert len(told) == 1, told
