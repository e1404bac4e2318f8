"""The terminal front end: a Prompter built on prompt_toolkit and questionary.

It only shows messages and reads replies; the conversation decides what to say and
the engine what to ask. This is the only module that imports prompt_toolkit or
questionary, so commands that do not interview never load them (and questionary is
loaded at the first menu: the first question is a line).
"""

from __future__ import annotations

import bisect
import itertools
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, cast

from prompt_toolkit.application.current import get_app, get_app_session
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import FormattedText, StyleAndTextTuples
from prompt_toolkit.history import DummyHistory
from prompt_toolkit.key_binding import (
    KeyBindings,
    KeyBindingsBase,
    KeyPressEvent,
    merge_key_bindings,
)
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout.processors import Processor, Transformation, TransformationInput
from prompt_toolkit.layout.utils import explode_text_fragments
from prompt_toolkit.renderer import print_formatted_text
from prompt_toolkit.shortcuts import PromptSession
from prompt_toolkit.styles import Style
from prompt_toolkit.utils import get_cwidth

from ..report.text_rules import MAX_TYPED_CHARS, for_display
from .prompter import COMMAND_WORDS, HINT_PARAGRAPH, Command, Interrupted, Reply
from .tables import line_pieces, width, wrap, wrap_phrases

if TYPE_CHECKING:
    import questionary

STYLE = Style.from_dict(
    {
        "assistant": "fg:ansicyan bold",
        "banner": "fg:ansiyellow bold",
        "error": "fg:ansired",
        "note": "fg:ansibrightblack",
        "you": "fg:ansigreen bold",
        "bottom-toolbar": "noreverse fg:ansibrightblack",
        # questionary's own pieces
        "qmark": "fg:ansigreen bold",
        "question": "",
        "answer": "fg:ansigreen",
        "pointer": "fg:ansicyan bold",
        "highlighted": "fg:ansicyan bold",
        "selected": "fg:ansigreen",
        "instruction": "fg:ansibrightblack",
    }
)
YOU = "您 › "


class _PendingCommand:
    """A command key typed in a menu (?, < or >), waiting for Enter as at a text prompt.
    Shown in the prompt line: questionary formats the message at every redraw."""

    ACTIONS: Final = {Command.HELP: "看说明", Command.BACK: "返回", Command.JUMP: "跳转"}

    def __init__(self) -> None:
        self.key = ""
        self.sent = False  # Enter pressed: the transcript keeps the key alone

    def __format__(self, spec: str) -> str:
        if not self.key or self.sent:
            return self.key
        return f"{self.key}  （回车{self.ACTIONS[COMMAND_WORDS[self.key]]}，退格取消）"


_MENU_KEYS: Final = ("?", "？", "<", "《", ">", "》")


def _navigation_bindings(pending: _PendingCommand) -> KeyBindings:
    """?, < and > typed in a menu wait, shown in the prompt line, for Enter, which then
    ends the menu with their command; Backspace or Esc takes them back. The same keys
    as at a text prompt, so a clerk's Enter after `?` never submits an empty choice."""
    bindings = KeyBindings()
    waiting = Condition(lambda: bool(pending.key))

    for key in _MENU_KEYS:

        def type_key(event: KeyPressEvent, key: str = key) -> None:
            pending.key = key

        bindings.add(key, eager=True)(type_key)

    @bindings.add("enter", filter=waiting, eager=True)
    def send(event: KeyPressEvent) -> None:
        pending.sent = True
        event.app.exit(result=COMMAND_WORDS[pending.key])

    @bindings.add("backspace", filter=waiting, eager=True)
    @bindings.add("escape", filter=waiting, eager=True)
    def cancel(event: KeyPressEvent) -> None:
        pending.key = ""

    return bindings


def _line_bindings(cut: _Cut | None = None) -> KeyBindingsBase:
    """Enter sends; Esc then Enter (or Alt+Enter) starts a new paragraph."""
    bindings = KeyBindings()

    @bindings.add("escape", "enter")
    def newline(event: KeyPressEvent) -> None:
        event.current_buffer.insert_text("\n")

    # eager: Ctrl-X also begins Emacs sequences (Ctrl-X Ctrl-E …), and a non-eager
    # binding waited for them for timeoutlen + ttimeoutlen (1.5 s) before clearing.
    @bindings.add("c-x", eager=True)
    def clear(event: KeyPressEvent) -> None:
        """Empty the whole text, to replace a written paragraph with one's own."""
        event.current_buffer.reset()

    return merge_key_bindings(
        [bindings, _length_cap_bindings(cut or _Cut()), _stray_sequence_bindings()]
    )


def _stray_sequence_bindings() -> KeyBindings:
    """Escape sequences typed or pasted as text (ESC [ 3 1 m, a colour code) look like
    mouse reports to prompt_toolkit's input parser, whose mouse handler then fails with
    a traceback and "Press ENTER to continue…", and the line is lost. Mouse support is
    never switched on, so no real mouse report comes: each is dropped, with a bell, and
    the line goes on."""
    bindings = KeyBindings()

    @bindings.add(Keys.Vt100MouseEvent, eager=True)
    def drop(event: KeyPressEvent) -> None:
        event.app.output.bell()

    return bindings


@Condition
def _buffer_full() -> bool:
    """Whether the reply being typed has reached MAX_TYPED_CHARS."""
    return len(get_app().current_buffer.text) >= MAX_TYPED_CHARS


@dataclass
class _Cut:
    """How many characters of the reply being typed the cap has dropped."""

    dropped: int = 0


def _length_cap_bindings(cut: _Cut) -> KeyBindings:
    """A reply is capped at MAX_TYPED_CHARS: once full, typed characters are dropped
    (with a bell) and a paste is cut, so a huge paste costs milliseconds, not minutes
    and gigabytes; `cut` counts what was dropped, so the clerk is told. Enter,
    Backspace and the other bound keys keep working."""
    bindings = KeyBindings()

    @bindings.add(Keys.Any, filter=_buffer_full)
    def drop(event: KeyPressEvent) -> None:
        """Drop this character and every character queued behind it (a paste the
        terminal did not bracket), up to the next special key such as Enter."""
        queue = event.app.key_processor.input_queue
        cut.dropped += 1
        while queue and type(queue[0].key) is str and len(queue[0].key) == 1:
            queue.popleft()
            cut.dropped += 1
        event.app.output.bell()

    @bindings.add(Keys.BracketedPaste)
    def paste(event: KeyPressEvent) -> None:
        """A bracketed paste, cut to the room left (line endings as prompt_toolkit's own)."""
        buffer = event.current_buffer
        room = max(MAX_TYPED_CHARS - len(buffer.text), 0)
        data = event.data.replace("\r\n", "\n").replace("\r", "\n")
        if len(data) > room:
            event.app.output.bell()
            cut.dropped += len(data) - room
        buffer.insert_text(data[:room])

    return bindings


class _BreakAtSegments(Processor):
    """Lays out a long line of the editor as tables.wrap does: the window wraps a line
    wherever it is full, which began lines with "，" or "”专栏" and split "94条"; this
    pads (on screen only) the end of a visual line so that the next piece of text that
    may not be broken (closing punctuation with the text before it, a number with its
    unit) starts the next one. The text itself is not changed."""

    def __init__(self, prefix_width: int) -> None:
        self.prefix_width = prefix_width  # the prompt, and the continuation (as wide) under it

    def apply_transformation(self, ti: TransformationInput) -> Transformation:
        fragments = explode_text_fragments(ti.fragments)
        room = ti.width - self.prefix_width
        pads = self._pads("".join(text for _, text, *_ in fragments), room)
        if not pads:
            return Transformation(ti.fragments)
        shown: StyleAndTextTuples = []
        for index, fragment in enumerate(fragments):
            shown += [("", " ")] * pads.get(index, 0) + [fragment]
        starts = sorted(pads)
        added = list(itertools.accumulate(pads[start] for start in starts))  # up to each pad

        def source_to_display(i: int) -> int:
            count = bisect.bisect_right(starts, i)  # the pads before position i
            return i + (added[count - 1] if count else 0)

        def display_to_source(d: int) -> int:
            earlier = 0
            for start, upto in zip(starts, added, strict=True):
                if d < start + earlier:
                    break
                if d < start + upto:
                    return start  # on the padding: the text that follows it
                earlier = upto
            return d - earlier

        return Transformation(shown, source_to_display, display_to_source)

    @staticmethod
    def _pads(text: str, room: int) -> dict[int, int]:
        """Where the window's wrap would start a visual line inside a piece that may not
        be broken: the spaces to insert before that piece so it starts the next one."""
        pads: dict[int, int] = {}
        if room < 10:
            return pads
        x = position = 0
        for piece in line_pieces(text, room):
            size = sum(get_cwidth(char) for char in piece)
            if 0 < x < room < x + size and not piece.isspace():
                pads[position], x = room - x, 0
            for char in piece:  # as the window lays characters out
                x = (0 if x + get_cwidth(char) > room else x) + get_cwidth(char)
            position += len(piece)
        return pads


def _print(fragments: Sequence[tuple[str, str]]) -> None:
    """A line of formatted text in our styles. prompt_toolkit's print_formatted_text
    merges its default styles anew at every call (about 1 ms a line); ours need none."""
    output = get_app_session().output
    text = FormattedText([*fragments, ("", "\n")])
    print_formatted_text(output, text, STYLE, color_depth=output.get_default_color_depth())


def _shown(text: str) -> str:
    """Text from a file or the store as it may reach the screen (the one door)."""
    return for_display(text, lines=True)


def _fitted(line: str) -> str:
    """A laid-out line as it fits the terminal: unchanged when it does, else wrapped by
    the program's rules (no closing punctuation first, numbers whole), its continuation
    lines indented under the text after its leading spaces and numbering."""
    columns = _columns()
    if width(line) <= columns:
        return line
    lead = re.match(r"\s*(?:\d+[.、]\s*)?", line)
    hang = " " * width(lead.group(0) if lead else "")
    lines = wrap(line.strip(), indent=hang, columns=columns)
    return "\n".join([line[: len(line) - len(line.lstrip())] + lines[0].lstrip(), *lines[1:]])


def _echo(answer: str) -> None:
    """What the clerk answered, after “您 › ”, wrapped as what is said is."""
    if not answer.strip():  # Enter on nothing offered: the prompt alone
        _print([("class:you", YOU)])
        return
    lines = wrap(YOU + answer, indent="", columns=_columns())
    _print([("class:you", YOU), ("", "\n".join([lines[0][len(YOU) :], *lines[1:]]))])


def _columns() -> int:
    """The terminal's width (80 when it cannot be told), for wrapping what is said."""
    return max(shutil.get_terminal_size((80, 24)).columns, 40)


class TerminalPrompter:
    """Prompter for a real terminal (or a pipe input in tests)."""

    def __init__(self) -> None:
        self._session: PromptSession[str] | None = None
        self._cut = _Cut()

    @property
    def session(self) -> PromptSession[str]:
        """Made at the first line prompt, so the first question shows without waiting."""
        if self._session is None:
            # The prompt is erased when done and the answer echoed in its place, so the
            # transcript shows what Enter accepted ("您 › 否"), not an empty line.
            # No history: ↑ on a paragraph's first line would replace it with an
            # earlier answer instead of moving the cursor.
            self._session = PromptSession(
                key_bindings=_line_bindings(self._cut),
                style=STYLE,
                erase_when_done=True,
                history=DummyHistory(),
                # wrapped lines and a paragraph's later lines under the text, not the prompt
                prompt_continuation=" " * get_cwidth(YOU),
                input_processors=[_BreakAtSegments(get_cwidth(YOU))],
            )
        return self._session

    def say(self, text: str, kind: str = "assistant") -> None:
        """The assistant speaks in colour after “助手：”; a note is grey, an error red with
        ✗, a banner a ruled heading; the report and review are plain (laid out already).
        Spoken text and banners are wrapped at the terminal's width by display width, so
        that a line never starts with closing punctuation nor splits a number (the
        terminal's own wrap would), and a banner breaks between phrases. Whatever is
        said passes the terminal's door first (report/text_rules.for_display): a ledger
        cell or a stored answer cannot drive the screen. A `command` line (one that
        holds a command to type) is shown as a note but never wrapped."""
        text = _shown(text)
        if kind in ("assistant", "note", "error"):
            prefix = {"assistant": "助手：", "error": "✗ "}.get(kind, "")
            lines = wrap(prefix + text, indent="", columns=_columns())
            text = "\n".join(lines)[len(prefix) :]
        elif kind == "banner":  # broken between phrases, not wherever the terminal would
            text = "\n".join(wrap_phrases(f"━━ {text} ━━", _columns()))
        elif kind == "review":  # laid out already; a line too wide (a long list item)
            text = "\n".join(_fitted(line) for line in text.split("\n"))
        fragments = {
            "assistant": [("class:assistant", "助手："), ("", text)],
            "banner": [("class:banner", f"\n{text}")],
            "error": [("class:error", f"✗ {text}")],
            "note": [("class:note", text)],
            # a line holding a command to type: never broken by the program (a break
            # copied with it would run half the command); the terminal wraps it softly
            "command": [("class:note", text)],
        }.get(kind, [("", text)])
        _print(fragments)

    def ask_line(
        self, message: str, *, default: str = "", hint: str, multiline: bool = False
    ) -> Reply:
        if default and not multiline:
            shown = default if len(default) <= 40 else default[:38] + "…"
            message += f"\n（直接回车 = {shown}）"
        elif default:
            message += "\n（可以直接修改下面的文字，回车确定；Esc 再回车 换行；Ctrl-X 清空后重写）"
        self.say(message)
        self._cut.dropped = 0
        try:
            reply = self.session.prompt(
                FormattedText([("class:you", YOU)]),
                default=default if multiline else "",
                bottom_toolbar=self._toolbar(hint, default=default, multiline=multiline),
            )
        except (KeyboardInterrupt, EOFError):
            raise Interrupted from None
        answer = str(reply) if str(reply).strip() or multiline else default
        _echo(_shown(answer))
        if self._cut.dropped:
            kept = len(str(reply))
            self.say(f"您输入或粘贴的内容共 {kept + self._cut.dropped:,} 字，一次最多收 "
                     f"{MAX_TYPED_CHARS:,} 字：只收下了前 {kept:,} 字，其余 {self._cut.dropped:,} "
                     "字没有收下。", "note")  # fmt: skip
        return str(reply)

    @staticmethod
    def _toolbar(hint: str, *, default: str, multiline: bool) -> str:
        """The hint line under a prompt: a pre-filled paragraph says that a command
        goes at the end of its text and how to add a line or clear it."""
        if multiline and default:
            return HINT_PARAGRAPH
        return hint + ("；Esc 再回车 换行；Ctrl-X 清空" if multiline else "")

    def ask_select(
        self,
        message: str,
        options: Sequence[tuple[str, str]],
        *,
        default: str | None,
        hint: str,
        navigation: bool = True,
    ) -> Reply:
        self.say(message)
        import questionary  # menus only: the first question (a line) comes without it

        choices = [questionary.Choice(title=_shown(label), value=value) for value, label in options]
        chosen = default if default in {value for value, _ in options} else None
        pending = _PendingCommand() if navigation else None
        question = questionary.select(
            cast(str, pending or ""), choices=choices, default=chosen, qmark=YOU.strip(),
            instruction=" ", style=STYLE, use_jk_keys=False,
        )  # fmt: skip
        result = self._run(question, hint, pending)
        return result if isinstance(result, Command) else str(result)

    def ask_checkbox(
        self, message: str, options: Sequence[tuple[str, str]], *, default: Sequence[str], hint: str
    ) -> list[str] | Command:
        self.say(message)
        import questionary

        choices = [
            questionary.Choice(title=_shown(label), value=value, checked=value in default)
            for value, label in options
        ]
        pending = _PendingCommand()
        question = questionary.checkbox(
            cast(str, pending), choices=choices, qmark=YOU.strip(), instruction=" ",
            style=STYLE, use_jk_keys=False,
        )  # fmt: skip
        # questionary would leave its English summary ("done (2 selections)") on the
        # screen: erase the prompt when done and show the chosen labels instead.
        question.application.erase_when_done = True
        result: list[str] | Command = self._run(question, hint, pending)
        if isinstance(result, Command):
            echo = pending.key
        else:
            result = list(result or [])
            # "；" between the labels: a label may hold 、 (政务公开栏、村（居）务公开栏)
            echo = "；".join(_shown(label) for value, label in options if value in result)
        _echo(echo or "（都没有选）")
        return result

    def screen_size(self) -> tuple[int, int]:
        """(columns, rows) of the terminal; 80×24 when it cannot be told."""
        size = shutil.get_terminal_size((80, 24))
        return size.columns, size.lines

    def _run(
        self, question: questionary.Question, hint: str, pending: _PendingCommand | None
    ) -> Any:
        """Show the hint and run the menu; with `pending`, ?, < and > are commands."""
        app = question.application
        extra = [_navigation_bindings(pending)] if pending is not None else []
        app.key_bindings = merge_key_bindings(
            [app.key_bindings or KeyBindings(), *extra, _stray_sequence_bindings()]
        )
        _print([("class:note", hint)])
        try:
            return question.unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            raise Interrupted from None
