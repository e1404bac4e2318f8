"""An answers file's values, screened by the shape each question kind takes before any
is filled in: a mapping or a list where one answer is expected is refused (never turned
into an own "其他" entry or the text "{'a': 1}"), and the cells of the `applications`
and `appeals` tables, read as text, become numbers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from .model import Flow

BLOCKS: Final = ("applications", "appeals")
_SCALAR_KINDS: Final = frozenset(
    {"text", "paragraph", "integer", "decimal", "yesno", "confirm", "choice"}
)
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


def shape_problem(kind: str, value: object) -> str | None:
    """Why value cannot be an answer of this kind (Chinese), or None."""
    if kind in _SCALAR_KINDS:
        return None if _scalar(value) else _ONE
    if kind == "choices":
        return None if _scalar(value) or _scalars(value) else _LIST
    if kind == "breakdown":
        if isinstance(value, Mapping):
            return None if all(_scalar(v) for v in value.values()) else _SPLIT
        return None if _scalar(value) or _scalars(value) else _SPLIT
    if kind == "matrix":
        if not isinstance(value, Mapping):
            return _TABLE
        return None if all(_scalar(v) or _scalars(v) for v in value.values()) else _TABLE
    return None


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
    kinds = {question.id: question.kind for question in flow.questions}
    kept: dict[str, Any] = {}
    refused: dict[str, str] = {}
    for key, value in provided.items():
        if key in BLOCKS:
            kept[key] = _numbers(value)
            continue
        problem = shape_problem(kinds[key], value) if key in kinds else None
        if problem:
            refused[key] = problem
        else:
            kept[key] = value
    return kept, refused
