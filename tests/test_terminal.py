"""The paragraph editor lays its lines out as chat/tables.wrap does (issue 17, item 5):
prompt_toolkit's window wraps a long line wherever it is full; the editor's processor
pads the screen (never the text) so that no line starts with closing punctuation and
no number is split from its unit, and the cursor still lands where the text is."""

from __future__ import annotations

import asyncio
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from prompt_toolkit.application import DummyApplication, create_app_session
from prompt_toolkit.application.current import set_app
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.data_structures import Size
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.layout.containers import Window
from prompt_toolkit.layout.controls import BufferControl
from prompt_toolkit.layout.mouse_handlers import MouseHandlers
from prompt_toolkit.layout.processors import TransformationInput
from prompt_toolkit.layout.screen import Screen, WritePosition
from prompt_toolkit.output.vt100 import Vt100_Output
from prompt_toolkit.utils import get_cwidth

from report_interview.chat.tables import CLOSING
from report_interview.chat.terminal import YOU, TerminalPrompter, _BreakAtSegments

from .test_chat import ENTER, _Screen, type_keys
from .test_tables import TEXT

PREFIX = get_cwidth(YOU)  # "您 › ": five columns, and the continuation under it
# The newcomers' paragraph: at 80 and 120 columns the window began lines with "，",
# "”专栏" and "。" and split "94条" into "9" / "4条".
NEWCOMERS = (
    "2023年，我镇共主动公开政府信息166条，其中通过滑县人民政府门户网站“牛屯镇”信息公开"
    "专栏公开120条，通过微信公众号“厚重牛屯”发布202条，更新政务公开栏、村（居）务公开栏"
    "23期。重点公开了财政预决算信息12条、乡村振兴信息30条、规划批前公示信息94条等领域的信息。"
)


def drawn(text: str, columns: int, *, processor: bool = True) -> list[str]:
    """The rows a prompt window of `columns` draws for `text`, as the editor has it."""
    buffer = Buffer(document=Document(text, 0))
    processors = [_BreakAtSegments(PREFIX)] if processor else []
    window = Window(
        BufferControl(buffer, input_processors=processors),
        wrap_lines=True,
        get_line_prefix=lambda line, wrapped: YOU if line == wrapped == 0 else " " * PREFIX,
    )
    screen = Screen()

    async def draw() -> None:  # a buffer loads its history in a task of a running loop
        window.write_to_screen(screen, MouseHandlers(), WritePosition(0, 0, columns, 20),
                               parent_style="", erase_bg=False, z_index=None)  # fmt: skip

    with set_app(APP):  # else every get_app() makes an application, key bindings and all
        LOOP.run_until_complete(draw())
    rows = [screen.data_buffer[y] for y in range(screen.height)]
    return [text.rstrip() for row in rows if (text := "".join(row[x].char for x in range(columns)))]


LOOP = asyncio.new_event_loop()
APP = DummyApplication()


def text_of(rows: list[str]) -> list[str]:
    """The rows without the prompt and the continuation's indent under it."""
    return [row.removeprefix(YOU if y == 0 else " " * PREFIX) for y, row in enumerate(rows)]


def bad_breaks(rows: list[str]) -> list[str]:
    """Rows (without the prompt) that start with closing punctuation or continue a
    number, or a number's unit, from the row before."""
    body = text_of(rows)
    return [
        after
        for before, after in itertools.pairwise(body)
        if after[:1] in CLOSING or (before[-1:].isdigit() and re.match(r"[\d条件次期年]", after))
    ]


def test_the_window_alone_breaks_badly_which_is_why_the_processor_exists() -> None:
    shifted = ["x" * k + NEWCOMERS for k in range(40)]
    assert any(bad_breaks(drawn(text, 80, processor=False)) for text in shifted)


@pytest.mark.parametrize("columns", [80, 120])
def test_the_editor_never_starts_a_line_with_punctuation_nor_splits_a_number(
    columns: int,
) -> None:
    for shift in range(80):  # every position of the text against the line ends
        text = "甲" * (shift // 2) + "x" * (shift % 2) + NEWCOMERS
        rows = drawn(text, columns)
        assert bad_breaks(rows) == [], rows
        assert "".join(text_of(rows)).replace(" ", "") == text


@given(TEXT, st.integers(min_value=40, max_value=160))
def test_cursor_positions_map_to_the_screen_and_back(text: str, columns: int) -> None:
    ti = TransformationInput(None, Document(text), 0, lambda i: i, [("", text)], columns, 20)  # type: ignore[arg-type]
    shown = _BreakAtSegments(PREFIX).apply_transformation(ti)
    screen = "".join(fragment[1] for fragment in shown.fragments)
    assert screen.replace(" ", "") == text.replace(" ", "")
    for i, char in enumerate(text):
        assert screen[shown.source_to_display(i)] == char
        assert shown.display_to_source(shown.source_to_display(i)) == i
    placed = [shown.source_to_display(i) for i in range(len(text))]
    for d in set(range(len(screen))) - set(placed):  # a click on the padding: what follows
        assert shown.display_to_source(d) == next(i for i, at in enumerate(placed) if at > d)


def test_editing_a_laid_out_paragraph_changes_the_text_where_the_cursor_is() -> None:
    screen = _Screen()
    output = Vt100_Output(screen, get_size=lambda: Size(rows=24, columns=80))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        # to the end of the first line, back past "年。…", then type into the text
        keys = "\x1b[H" + "\x1b[F" + "\x1b[D" * 4 + "约" + ENTER
        type_keys(pipe, keys)
        reply = TerminalPrompter().ask_line("段落", default=NEWCOMERS, hint="", multiline=True)
    assert reply == NEWCOMERS[:-4] + "约" + NEWCOMERS[-4:]


def test_a_laid_out_line_too_wide_is_wrapped_under_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A numbered list item wider than the terminal (newcomer run at 80×24: a line began
    with “”：”) wraps by the program's rules, its continuation under the item's text."""
    from report_interview.chat import terminal
    from report_interview.chat.tables import width

    monkeypatch.setattr(terminal, "_columns", lambda: 40)
    item = (
        "  1. 针对“征地信息公开的及时性还不够、个别答复文书不够规范”：征地批复下达后5个工作日内公开"
    )
    lines = terminal._fitted(item).split("\n")
    assert len(lines) > 1 and all(width(line) <= 40 for line in lines)
    assert lines[0].startswith("  1. 针对“") and all(line.startswith("     ") for line in lines[1:])
    assert not any(line.strip()[0] in "，。、；：”）" for line in lines)
    assert "".join(line.strip() for line in lines) == item.strip().replace(" ", "", 1).replace(
        "1.针对", "1. 针对"
    )
    assert terminal._fitted("  短行") == "  短行"


def test_every_hint_line_fits_80_columns() -> None:
    """The line under a prompt is cut by the terminal when it is wider (a newcomer saw
    “… 直接回车 返回菜单 · Ctrl-C” without its last word)."""
    from report_interview.chat import prompter
    from report_interview.chat.tables import width
    from report_interview.cli import interview

    hints = {name: getattr(prompter, name) for name in dir(prompter) if name.startswith("HINT")}
    hints |= {"HINT_PATH": interview.HINT_PATH, "HINT_START": interview.HINT_START}
    assert {name: width(text) for name, text in hints.items() if width(text) > 80} == {}


def test_enter_on_nothing_echoes_the_prompt_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from report_interview.chat import terminal

    printed: list[list[tuple[str, str]]] = []
    monkeypatch.setattr(terminal, "_print", lambda fragments: printed.append(list(fragments)))
    terminal._echo("")
    terminal._echo("牛屯镇")
    assert ["".join(text for _, text in line) for line in printed] == ["您 › ", "您 › 牛屯镇"]
