"""Answers that take several prompts: splitting a count over categories one category at
a time, quick row entry of the section 三 matrix, and a path asked until one is given.
Like the conversation, this talks only through a Prompter; it returns the typed answer
or the navigation Command typed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..flow import answers as parse
from ..flow.kinds.folder import cleaned_path
from ..flow.model import Choice, Question
from .prompter import HINT_SELECT, Command, Prompter, Reply
from .tables import aligned

# Reads one line: (message, offered default) → the text, or the Command typed.
LineReader = Callable[[str, str], Reply]


def ask_menu(
    ui: Prompter, message: str, options: Sequence[tuple[str, str]], help_text: str
) -> Reply:
    """A menu of a dialogue (the ledger's, the area's) whose `?` says `help_text` and asks
    again; any other Command is returned, as is the option chosen (the first offered)."""
    while True:
        choice = ui.ask_select(message, options, default=options[0][0], hint=HINT_SELECT)
        if choice is not Command.HELP:
            return choice
        ui.say(help_text, "note")


def ask_path(
    ui: Prompter, read: LineReader, prompt: str, offered: str, *, help_text: str, empty: str
) -> str | Command:
    """A file's or folder's path, typed or dragged into the window (cleaned as the folder
    question cleans it: flow/kinds/folder.py), asked again while the reply is empty
    (saying `empty`; with `empty` "" an empty reply goes back, Command.BACK); `?` shows
    `help_text`. A path with ~ is the caller's to expand."""
    while True:
        reply = read(prompt, offered)
        if reply is Command.HELP:
            ui.say(help_text, "note")
            continue
        if isinstance(reply, Command):
            return reply
        path = cleaned_path(reply)
        if path:
            return path
        if not empty:
            return Command.BACK
        ui.say(empty, "error")


def ask_split(
    ui: Prompter,
    read: LineReader,
    question: Question,
    *,
    active: Sequence[str],
    total: int | None,
    default: Mapping[str, int] | None,
    partial: Mapping[str, int] | None = None,
    progress: Callable[[dict[str, int]], None] | None = None,
    help_text: str = "",
) -> dict[str, int] | Command:
    """A breakdown, one active category per prompt, the count still to place shown.

    With a total, the last category takes the rest without asking, and once nothing is
    left the remaining categories are 0. The first prompt also takes the whole split on
    one line ("3 1 0 0 0 0" or "自然人3 商业企业1"). `partial` holds the categories
    answered in an earlier sitting (they are kept, the split goes on after them), and
    `progress` is told each category as it is answered, so that quitting loses nothing.
    `help_text` is the question's help as shown (its placeholders filled).
    """
    choices = [c for c in question.choices if c.value in active]
    split = {c.value: 0 for c in question.choices}
    done = [c.value for c in choices if partial and c.value in partial]
    i = len(done) if done == [c.value for c in choices[: len(done)]] else 0
    for c in choices[:i]:
        split[c.value] = int((partial or {})[c.value])
    if i:
        ui.say("上次已填：" + "，".join(f"{c.label} {split[c.value]}" for c in choices[:i]), "note")
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
            ui.say(choice.help or help_text or "填这一类的件数，没有填 0。", "note")
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
        if progress is not None:
            progress({c.value: split[c.value] for c in choices[:i]})
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
    partial: Mapping[str, Sequence[int]] | None = None,
    progress: Callable[[Matrix], None] | None = None,
    help_text: str = "",
) -> Matrix | Command:
    """Quick row entry: six numbers per row, typed or pasted (several lines at once
    fill consecutive rows); then the table with what does not add up, and any row can
    be corrected by its number until the clerk confirms. `partial` holds the rows typed
    in an earlier sitting (entry goes on after them); `progress` is told the rows after
    each reply, so that quitting in the middle loses nothing. `help_text`: the help as
    shown (its placeholders filled)."""
    width = len(question.choices)
    rows: Matrix = (
        {r.value: list(default.get(r.value, [0] * width)) for r in question.rows} if default else {}
    )
    columns = " ".join(c.label for c in question.choices)
    ui.say(f"每行 {width} 个数，依次为：{columns}。空格、Tab 或逗号分开，可一次粘贴多行。", "note")
    start = 0 if not default else len(question.rows)
    if partial and not default:
        rows, start = _resumed_rows(ui, question, partial)
    while True:
        if start < len(question.rows):
            outcome = _enter_rows(ui, read, question, rows, start, progress, help_text)
            if isinstance(outcome, Command):
                return outcome
        ui.say("\n".join([*matrix_lines(question, rows), *summary(rows)]), "review")
        problem = check(rows)
        if problem:
            ui.say(f"还对不上：{problem}。请输入要修改的行号。", "error")
        reply = read("回车确认表格；输入行号修改那一行", "" if problem else "确认")
        if reply is Command.HELP:
            ui.say(help_text, "note")
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


def _resumed_rows(
    ui: Prompter, question: Question, partial: Mapping[str, Sequence[int]]
) -> tuple[Matrix, int]:
    """The rows typed in an earlier sitting, shown, and where entry goes on."""
    width = len(question.choices)
    rows: Matrix = {}
    for row in question.rows:
        cells = partial.get(row.value)
        if cells is None or len(cells) != width:
            break
        rows[row.value] = [int(c) for c in cells]
    if rows:
        table = matrix_lines(question, rows)[: len(rows) + 1]
        ui.say(f"上次已输入 {len(rows)} 行，接着从第 {len(rows) + 1} 行输入：", "note")
        ui.say("\n".join(table), "review")
    return rows, len(rows)


def _enter_rows(
    ui: Prompter,
    read: LineReader,
    question: Question,
    rows: Matrix,
    start: int,
    progress: Callable[[Matrix], None] | None = None,
    help_text: str = "",
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
            ui.say(help_text, "note")
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
        if progress is not None and not single:
            progress({k: list(v) for k, v in rows.items()})
        if single:
            break
    for row in question.rows:
        rows.setdefault(row.value, [0] * width)
    return None


# ---------------------------------------------------------------- lists of items


def ask_items(
    ui: Prompter,
    read: LineReader,
    *,
    pairs: Sequence[str] | None,
    required: bool,
    default: Sequence[str] | None,
    partial: Sequence[str] | None = None,
    progress: Callable[[list[str]], None] | None = None,
) -> list[str] | Command:
    """Several items, one per prompt. Free: "第 2 条（直接回车结束）". Paired: one item per
    entry of `pairs`, asked as "针对“……”", so the two lists cannot differ in number. An
    offered list (last year's, or the answer being changed) is shown numbered, to take
    with Enter or change item by item; a paired list offered in part (a measure for each
    problem from the bank, none for the clerk's own) asks only the items not offered,
    says the offered ones, and then shows the whole list to take with Enter or change
    (an item gone back to with < is asked, its offer kept).
    `progress` is told every item as it is given."""
    items = list(partial or [])
    offered = list(default or [])
    if items:
        ui.say("上次已写：\n" + _numbered(items, pairs), "note")
    elif offered and all(offered) and (pairs is None or len(offered) == len(pairs)):
        return _edit_items(ui, read, offered, pairs=pairs, required=required)
    revisited: set[int] = set()  # offered items the clerk went back to: asked
    taken: set[int] = set()  # offered items taken without asking: the list is shown after
    while True:
        hint = offered[len(items)] if pairs is not None and len(items) < len(offered) else ""
        if pairs is not None and hint and len(items) not in revisited:
            n = len(items) + 1
            ui.say(f"{n}/{len(pairs)} 针对“{pairs[n - 1]}”：{hint}（已配好，最后一起核对）", "note")
            reply: Reply = hint
            taken.add(len(items))
        else:
            reply = _next_item(read, items, pairs=pairs, required=required, offered=hint)
        if isinstance(reply, Command):
            if reply is Command.BACK and items:  # back one item within the list
                items.pop()
                revisited.add(len(items))
                taken.discard(len(items))
                continue
            return reply
        text = reply.strip()
        if not text:
            if pairs is not None or (required and not items):
                ui.say("这一条需要写内容。" if pairs is not None else "至少写一条。", "error")
                continue
            return items
        try:
            items.append(parse.parse_text(text, max_length=500, one_line=True))
        except parse.AnswerError as exc:
            ui.say(str(exc), "error")
            continue
        if progress is not None:
            progress(list(items))
        if pairs is not None and len(items) == len(pairs):
            if taken:  # the offered items were not asked: Enter takes them, or change one
                return _edit_items(ui, read, items, pairs=pairs, required=required)
            return items


def _next_item(
    read: LineReader,
    items: Sequence[str],
    *,
    pairs: Sequence[str] | None,
    required: bool,
    offered: str = "",
) -> Reply:
    n = len(items) + 1
    if pairs is not None:
        return read(f"{n}/{len(pairs)} 针对“{pairs[n - 1]}”：", offered)
    end = "（直接回车结束）" if items or not required else ""
    return read(f"第 {n} 条{end}", "")


def _numbered(items: Sequence[str], pairs: Sequence[str] | None = None) -> str:
    """Items as a numbered list; a paired item with what it answers ("针对“……”：")."""
    lines = []
    for i, item in enumerate(items, 1):
        pair = f"针对“{pairs[i - 1]}”：" if pairs is not None and i <= len(pairs) else ""
        lines.append(f"  {i}. {pair}{item}")
    return "\n".join(lines)


_KEEP, _REDO = "采用", "重写"


def _edit_items(
    ui: Prompter,
    read: LineReader,
    items: list[str],
    *,
    pairs: Sequence[str] | None,
    required: bool,
) -> list[str] | Command:
    """An offered list: Enter takes it; a number changes that item; + adds one (free
    lists); 重写 starts again from the first item."""
    while True:
        ui.say(_numbered(items, pairs), "review")
        add = "；输入 + 添加一条" if pairs is None else ""
        reply = read(
            f"直接回车采用以上 {len(items)} 条；输入编号修改那一条{add}；输入“重写”全部重新写",
            _KEEP,
        )
        if isinstance(reply, Command):
            return reply
        choice = parse.normalize(reply)
        if choice in (_KEEP, ""):
            return items
        if choice == _REDO:
            return ask_items(ui, read, pairs=pairs, required=required, default=None)
        if choice in ("+", "＋") and pairs is None:
            added = read(f"第 {len(items) + 1} 条", "")
            if isinstance(added, str) and added.strip():
                items.append(parse.parse_text(added, max_length=500, one_line=True))
            continue
        _edit_one(ui, read, items, choice, removable=pairs is None)


def _edit_one(
    ui: Prompter, read: LineReader, items: list[str], choice: str, *, removable: bool
) -> None:
    try:
        number = parse.parse_integer(choice, minimum=1, maximum=len(items))
    except parse.AnswerError:
        ui.say(f"请输入 1 到 {len(items)} 的编号，或直接回车。", "error")
        return
    hint = "（直接回车不改；输入“删除”去掉这一条）" if removable else "（直接回车不改）"
    reply = read(f"第 {number} 条{hint}", items[number - 1])
    if not isinstance(reply, str):
        return
    if removable and parse.normalize(reply) == "删除":
        del items[number - 1]
    elif reply.strip():
        items[number - 1] = parse.parse_text(reply, max_length=500, one_line=True)
