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
HINT_PAGE = "↑↓ 选择，回车确定 · 输入 ? 再回车看说明，< 上一页，> 跳转 · Ctrl-C 保存离开"
PAGE_HELP = (
    "逐题核对回答：按部分逐页列出每一题的回答。回车看下一页；“修改本页的回答”改这一页上的"
    "某一题，改完回到报告；“结束核对回答”回到报告（或回到还没答完的问题）。"
)
HINT_REPORT = "回车 下一页·编号 修改·w 生成文件·f 格式·a 核对回答·< 上一页·? 说明·退出 保存离开"
REPORT_HELP = """这是将要生成的报告全文，检查结果在最前面。每页下面可以输入：
· 回车：看下一页；<：回到上一页（在第一页时回到最后一个问题）
· 编号（【】里的数字）：段落就在原处修改（开头、（二）依申请公开也可以改）；表格的一行就转到填这一行的问题，答完回到这一页
· 编号加“新”（如 3新）：改用按现在的回答重新写的文字（⚠ 提示过的段落）
· w：生成文件（{formats}）；检查发现错误时要先改正
· f：选择生成哪些文件；a：逐题核对全部回答；>：跳到某一部分
· ?：这份说明；退出：保存并离开，以后用 resume 接着改
看完说明后回车，回到这一页。"""
HINT_MENU = "↑↓ 选择，回车确定 · Ctrl-C 保存并离开"


class Interrupted(Exception):
    """The clerk pressed Ctrl-C or closed the input: save and leave."""


class Leave(Exception):
    """The clerk chose to save and leave."""


Reply = str | Command


class Prompter(Protocol):
    """The conversation's only window on the terminal."""

    def say(self, text: str, kind: str = "assistant") -> None:
        """kind: assistant, banner, error, note, command (a note holding a command to
        type, never wrapped), report."""

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

    def screen_size(self) -> tuple[int, int]:
        """The terminal's (columns, rows) now: the review lays its pages out to them."""
