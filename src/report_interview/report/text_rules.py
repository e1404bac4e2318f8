"""Every text entering the program is checked here once, at the door: typed replies,
answers files, report data, names. Standard library only, so every tier may use it.

Refused: characters that are not text (NUL and the other C0/C1 controls, ESC sequences
that would drive a terminal), lone surrogates (what Python makes of bytes that are not
UTF-8, e.g. a GBK terminal sending 牛屯镇), line breaks and tabs in one-line fields, and
texts longer than the kind allows, measured before any other work is done on them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from ..limits import MAX_ANSWER_CHARS, MAX_LINE_CHARS, MAX_PARAGRAPH_CHARS, MAX_TYPED_CHARS

__all__ = ["MAX_ANSWER_CHARS", "MAX_LINE_CHARS", "MAX_PARAGRAPH_CHARS", "MAX_TYPED_CHARS",
           "TextError", "check_text", "for_display", "is_clean", "texts_in"]  # fmt: skip

_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f]")
_UNSHOWN: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_UNSHOWN_IN_LINES: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_LINE_BREAKS: Final = frozenset("\n\r\t\u2028\u2029\x0b\x0c\x85")
_MULTILINE_OK: Final = frozenset("\n\r\t")
_SHOWN_NAMES: Final = {"\x00": "NUL", "\x1b": "Esc", "\x7f": "DEL"}


class TextError(ValueError):
    """A text refused at the door; str(exc) is one line of Chinese saying what to do."""


def _control_name(ch: str) -> str:
    """How a refused character is named to the clerk (it cannot be shown)."""
    return _SHOWN_NAMES.get(ch, f"U+{ord(ch):04X}")


def check_text(text: str, *, one_line: bool = False, max_chars: int = MAX_TYPED_CHARS) -> str:
    """text itself when it may enter; TextError (Chinese) otherwise. Line breaks and
    tabs are allowed unless one_line."""
    if len(text) > max_chars:
        raise TextError(f"内容太长：共 {len(text)} 字，最多 {max_chars} 字，请删减后再输入。")
    if _SURROGATE.search(text):
        raise TextError(
            "内容中有无法识别的字符（终端或文件可能不是 UTF-8 编码）；"
            "请把终端或文件改为 UTF-8 后重新输入。"
        )
    for match in _CONTROL.finditer(text):
        ch = match.group()
        if one_line and ch in _LINE_BREAKS:
            raise TextError("这里只填一行：不能换行，也不能有制表符，请重新输入。")
        if ch not in _MULTILINE_OK:
            raise TextError(
                f"内容中有不可见的控制字符（{_control_name(ch)}，第 {match.start() + 1} 个字符），"
                "请删除后重新输入。"
            )
    if one_line and ("\u2028" in text or "\u2029" in text):
        raise TextError("这里只填一行：不能换行，也不能有制表符，请重新输入。")
    return text


def is_clean(text: str, *, one_line: bool = False, max_chars: int = MAX_TYPED_CHARS) -> bool:
    """Whether check_text would let text in."""
    try:
        check_text(text, one_line=one_line, max_chars=max_chars)
    except TextError:
        return False
    return True


def for_display(text: str, *, lines: bool = False) -> str:
    """text safe to print on a terminal: control characters (ESC sequences included)
    and lone surrogates each shown as �, so a file or stored data can never drive the
    screen. With `lines`, line breaks and tabs are kept (a message, a table, a report).
    The one door of everything shown: the terminal front end and the commands' output
    both pass through it."""
    if lines:
        return _UNSHOWN_IN_LINES.sub("\ufffd", text.replace("\r\n", "\n"))
    return _UNSHOWN.sub("\ufffd", text)


def texts_in(value: object) -> Iterator[str]:
    """Every str in a loaded JSON or YAML value (keys included), without recursion, so a
    deeply nested value cannot exhaust the stack."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
