"""A folder of reports (`folder`): where a 县/市人民政府's area reports are, whose tables its
own report sums. The answer is the path as typed or dragged into the window; asking it
is the conversation's area dialogue (chat/area.py), which reads the folder and has the
clerk confirm the sum before anything is saved."""

from __future__ import annotations

from typing import Any

from .. import answers as parse
from ..model import Question
from .base import Asker, Figures, Kind, Names
from .texts import TEXT_LIMIT, text_of


def cleaned_path(text: str) -> str:
    """A typed or dragged-in path: surrounding blanks and quotes and the backslash a
    terminal puts before a space removed."""
    return text.strip().strip("'\"").replace("\\ ", " ").strip()


class Folder(Kind):
    name = "folder"

    def coerce(self, question: Question, raw: Any, figures: Figures, names: Names) -> Any:
        text = parse.parse_text(text_of(raw), max_length=TEXT_LIMIT, one_line=True)
        path = cleaned_path(text)
        if not path:
            raise parse.AnswerError("请输入文件夹的路径（可以把文件夹拖进这个窗口）。")
        return path

    def ask(self, asker: Asker, question: Question, text: str, default: Any, names: Names) -> Any:
        return asker.ask_folder(question, names, default)
