"""What the dialogue needs of a terminal: the Prompter protocol, the navigation
commands a clerk can type at any prompt, and the hint lines that say so.

chat.py implements the Prompter with prompt_toolkit; tests use scripted ones.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Protocol


class Command(enum.Enum):
    HELP = "help"
    BACK = "back"
    JUMP = "jump"
    QUIT = "quit"


# Replies that are commands rather than answers, at any line prompt.
COMMAND_WORDS: Mapping[str, Command] = {
    "?": Command.HELP,
    "？": Command.HELP,
    "帮助": Command.HELP,
    "<": Command.BACK,
    "《": Command.BACK,
    "返回": Command.BACK,
    "上一题": Command.BACK,
    ">": Command.JUMP,
    "》": Command.JUMP,
    "跳转": Command.JUMP,
    "退出": Command.QUIT,
    "保存退出": Command.QUIT,
}
HINT_LINE = "输入 ? 看说明 · < 返回上一题 · > 跳到其他部分 · 退出 保存并离开（或按 Ctrl-C）"
# read() takes a command at the end of the pre-filled text only while the text is unchanged.
HINT_PARAGRAPH = "文字未改时末尾加 < 回车返回上一题、加 > 跳转 · Esc 再回车换行 · Ctrl-X 清空"
# In menus ?, < and > wait for Enter as at a text prompt (the prompt line then says so).
HINT_SELECT = "↑↓ 选择，回车确定 · 输入 ? 再回车看说明，< 返回上一题，> 跳转 · Ctrl-C 保存离开"
HINT_CHECKBOX = "空格勾选，回车确定 · 输入 ? 再回车看说明，< 返回，> 跳转 · Ctrl-C 保存离开"
HINT_REVIEW = "↑↓ 选择，回车确定 · 输入 ? 再回车看说明，< 最后一题，> 跳转 · Ctrl-C 保存离开"
REVIEW_HELP = (
    "全部回答和检查结果都核对过了。选“预览报告并生成文件”逐页看整份报告、确认后写出文件；"
    "选“修改某个回答”可以改任何一题；“从头再核对一遍”重新逐页核对；"
    "也可以保存离开，以后用 resume 接着改。"
)
HINT_PAGE = "↑↓ 选择，回车确定 · 输入 ? 再回车看说明，< 上一页，> 跳转 · Ctrl-C 保存离开"
PAGE_HELP = (
    "核对按部分逐页进行：每部分先列回答，再列按回答写好的段落。回车看下一页；"
    "“修改本页的回答”改这一页上的某一题，改完回到这一页；“结束核对”直接到最后一步"
    "（预览、生成文件或保存离开）。"
)
HINT_MENU = "↑↓ 选择，回车确定 · Ctrl-C 保存并离开"


class Interrupted(Exception):
    """The clerk pressed Ctrl-C or closed the input: save and leave."""


class Leave(Exception):
    """The clerk chose to save and leave."""


Reply = str | Command


class Prompter(Protocol):
    """The conversation's only window on the terminal."""

    def say(self, text: str, kind: str = "assistant") -> None:
        """kind: assistant, banner, error, note, report."""

    def ask_line(
        self, message: str, *, default: str = "", hint: str, multiline: bool = False
    ) -> Reply: ...

    def ask_select(
        self,
        message: str,
        options: Sequence[tuple[str, str]],
        *,
        default: str | None,
        hint: str,
        navigation: bool = True,
    ) -> Reply:
        """A menu; with `navigation`, the keys ?, < and > end it with their Command."""

    def ask_checkbox(
        self, message: str, options: Sequence[tuple[str, str]], *, default: Sequence[str], hint: str
    ) -> list[str] | Command: ...
