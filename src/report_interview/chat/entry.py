"""Answers that take several prompts: splitting a count over categories one category at
a time, and quick row entry of the section 三 matrix. Like the conversation, this talks
only through a Prompter; it returns the typed answer or the navigation Command typed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..flow import answers as parse
from ..flow.model import Choice, Question
from .prompter import Command, Prompter, Reply
from .tables import aligned

# Reads one line: (message, offered default) → the text, or the Command typed.
LineReader = Callable[[str, str], Reply]


def ask_split(
    ui: Prompter,
    read: LineReader,
    question: Question,
    *,
    active: Sequence[str],
    total: int | None,
    default: Mapping[str, int] | None,
) -> dict[str, int] | Command:
    """A breakdown, one active category per prompt, the count still to place shown.

    With a total, the last category takes the rest without asking, and once nothing is
    left the remaining categories are 0. The first prompt also takes the whole split on
    one line ("3 1 0 0 0 0" or "自然人3 商业企业1").
    """
    choices = [c for c in question.choices if c.value in active]
    split = {c.value: 0 for c in question.choices}
    for c in choices:  # a category no longer offered keeps no count
        split[c.value] = 0
    i = 0
    while i < len(choices):
        placed = sum(split[c.value] for c in choices[:i])
        left = None if total is None else total - placed
        choice = choices[i]
        if left == 0:
            ui.say("已经分完，其余各项都是 0。", "note")
            break
        if left is not None and i == len(choices) - 1:
            split[choice.value] = left
            ui.say(f"{choice.label}：{left}（剩下的都在这一项，自动补齐）", "note")
            break
        offered = str(default.get(choice.value, 0)) if default else ""
        prompt = choice.label + ("" if left is None else f"（还有 {left} 件待分）")
        reply = read(prompt, offered)
        if reply is Command.HELP:
            ui.say(choice.help or question.help or "填这一类的件数，没有填 0。", "note")
            continue
        if reply is Command.BACK and i > 0:
            i -= 1
            continue
        if isinstance(reply, Command):
            return reply
        try:
            whole = _whole_split(reply, choices, left) if i == 0 else None
            if whole is not None:
                return {**split, **whole}
            split[choice.value] = parse.parse_integer(reply, maximum=left or parse.MAX_COUNT)
        except parse.AnswerError as exc:
            ui.say(str(exc), "error")
            continue
        if left is not None and split[choice.value] > left:
            ui.say(f"只剩 {left} 件可分，请重新输入。", "error")
            continue
        i += 1
    return split


def _whole_split(reply: str, choices: Sequence[Choice], total: int | None) -> dict[str, int] | None:
    """The whole split typed on one line, or None when the reply is a single number."""
    if len(parse.normalize(reply).replace("，", ",").replace(",", " ").split()) < 2:
        return None
    labels = [c.label for c in choices]
    by_label = parse.parse_breakdown(reply, labels, total)
    return {c.value: by_label[c.label] for c in choices}


# ---------------------------------------------------------------- quick row entry

Matrix = dict[str, list[int]]
MatrixCheck = Callable[[Matrix], "str | None"]


def matrix_lines(question: Question, rows: Mapping[str, Sequence[int]]) -> list[str]:
    """The matrix as an aligned table with a 总计 column and the computed rows, each
    row numbered for correction."""
    header = ["", "行", *(c.label[:6] for c in question.choices), "总计"]
    table = [header]
    for number, row in enumerate(question.rows, start=1):
        cells = list(rows.get(row.value, [0] * len(question.choices)))
        table.append([str(number), row.label, *map(str, cells), str(sum(cells))])
    return aligned(table, numeric_from=2)


def ask_rows(
    ui: Prompter,
    read: LineReader,
    question: Question,
    *,
    default: Mapping[str, Sequence[int]] | None,
    check: MatrixCheck,
    summary: Callable[[Matrix], list[str]],
) -> Matrix | Command:
    """Quick row entry: six numbers per row, typed or pasted (several lines at once
    fill consecutive rows); then the table with what does not add up, and any row can
    be corrected by its number until the clerk confirms."""
    width = len(question.choices)
    rows: Matrix = (
        {r.value: list(default.get(r.value, [0] * width)) for r in question.rows} if default else {}
    )
    columns = " ".join(c.label for c in question.choices)
    ui.say(f"每行 {width} 个数，依次为：{columns}。空格、Tab 或逗号分开，可一次粘贴多行。", "note")
    start = 0 if not default else len(question.rows)
    while True:
        if start < len(question.rows):
            outcome = _enter_rows(ui, read, question, rows, start)
            if isinstance(outcome, Command):
                return outcome
        ui.say("\n".join([*matrix_lines(question, rows), *summary(rows)]), "review")
        problem = check(rows)
        if problem:
            ui.say(f"还对不上：{problem}。请输入要修改的行号。", "error")
        reply = read("回车确认表格；输入行号修改那一行", "" if problem else "确认")
        if reply is Command.HELP:
            ui.say(question.help, "note")
            continue
        if isinstance(reply, Command):
            return reply
        if reply.strip() in ("确认", "") and not problem:
            return rows
        start = _row_number(ui, reply, len(question.rows))


def _row_number(ui: Prompter, reply: str, count: int) -> int:
    try:
        number = parse.parse_integer(reply, minimum=1, maximum=count)
    except parse.AnswerError:
        ui.say(f"请输入 1 到 {count} 的行号。", "error")
        return count
    return number - 1


def _enter_rows(
    ui: Prompter, read: LineReader, question: Question, rows: Matrix, start: int
) -> Command | None:
    """Ask rows from `start` on; a pasted block fills consecutive rows. A correction
    (rows already complete) asks only the one row."""
    width = len(question.choices)
    single = len(rows) == len(question.rows)
    i = start
    while i < len(question.rows):
        row = question.rows[i]
        offered = " ".join(map(str, rows[row.value])) if row.value in rows else ""
        reply = read(f"{i + 1}. {row.label}", offered)
        if reply is Command.BACK and i > start:
            i -= 1
            continue
        if reply is Command.HELP:
            ui.say(question.help, "note")
            continue
        if isinstance(reply, Command):
            return reply
        lines = [line for line in reply.splitlines() if line.strip()] or [reply]
        try:
            parsed = [parse.parse_row(line, width) for line in lines]
        except parse.AnswerError as exc:
            ui.say(str(exc), "error")
            continue
        for offset, cells in enumerate(parsed[: len(question.rows) - i]):
            rows[question.rows[i + offset].value] = list(cells)
        i += len(parsed)
        if single:
            break
    for row in question.rows:
        rows.setdefault(row.value, [0] * width)
    return None
