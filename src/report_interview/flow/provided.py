"""An answers file's values, screened by the shape each question kind takes before any
is filled in: a mapping or a list where one answer is expected is refused (never turned
into an own "其他" entry or the text "{'a': 1}"), and the cells of the `applications`
and `appeals` tables, read as text, become numbers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from .kinds import kind_of
from .model import Flow

BLOCKS: Final = ("applications", "appeals")
_CELL: Final = re.compile(r"\s*-?[0-9]{1,9}\s*")
_ONE = "这里应是一个回答（文字或数字），不能是列表或映射，请直接写出回答。"
_LIST = "这里应是选项的列表（- 选项）或用顿号隔开的文字，不能是映射或嵌套的列表。"
_SPLIT = "这里应是“类别: 数字”的映射，或按顺序的数字列表。"
_TABLE = "这里应是“行: [数字…]”的映射。"


def _scalar(value: object) -> bool:
    """One answer as a file gives it: text, a number or a yes/no."""
    return isinstance(value, str | int | bool)


def _scalars(value: object) -> bool:
    """A flat list of such answers (never a list of lists or of mappings)."""
    return isinstance(value, list) and all(_scalar(item) for item in value)


def shape_problem(shape: str, value: object) -> str | None:
    """Why value cannot be an answer of this shape (a kind's `file_shape`), or None."""
    if shape == "one":
        return None if _scalar(value) else _ONE
    if shape == "list":
        return None if _scalar(value) or _scalars(value) else _LIST
    if shape == "split":
        if isinstance(value, Mapping):
            return None if all(_scalar(v) for v in value.values()) else _SPLIT
        return None if _scalar(value) or _scalars(value) else _SPLIT
    if not isinstance(value, Mapping):  # a table
        return _TABLE
    return None if all(_scalar(v) or _scalars(v) for v in value.values()) else _TABLE


def _numbers(value: Any) -> Any:
    """A table block with its cells as numbers where they are whole numbers written as
    text; anything else is left for the block's own checks to refuse."""
    if isinstance(value, Mapping):
        return {key: _numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [int(c) if isinstance(c, str) and _CELL.fullmatch(c) else c for c in value]
    return value


def screen(flow: Flow, provided: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """(values that may be filled, refused question ids → Chinese reason)."""
    shapes = {question.id: kind_of(question).file_shape for question in flow.questions}
    kept: dict[str, Any] = {}
    refused: dict[str, str] = {}
    for key, value in provided.items():
        if key in BLOCKS:
            kept[key] = _numbers(value)
            continue
        problem = shape_problem(shapes[key], value) if key in shapes else None
        if problem:
            refused[key] = problem
        else:
            kept[key] = value
    return kept, refused
